#ifndef GRILLE_HISTORY_H
#define GRILLE_HISTORY_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"
#include "grille/status.h"
#include "grille/workspace.h"

/**
 * The workspace's history, through git (libgit2): milestones, progress over
 * time, what changed per question, who wrote what, and sharing with a remote.
 * The repository stays an ordinary one: commits made with the git command
 * count like any other.
 *
 * Each call opens the repository holding the workspace, and fails with
 * GRILLE_EGIT outside one, or when git fails.
 */

/** One step's progress at a point of the history. */
typedef struct grille_step_progress {
	char *id;
	size_t answered;
	size_t open;     /**< questions not skipped */
	long delta;      /**< answered, compared with the commit before */
} grille_step_progress;

/** What a commit made: the caller's, released with grille_commit_result_release(). */
typedef struct grille_commit_result {
	char commit[GRILLE_OID_HEXSZ + 1]; /**< "" when there was nothing to commit */
	char *message;
	char **tags;            /**< tags created, e.g. "etape-3" */
	size_t tag_count;
	int merge;              /**< the commit finished a merge */
	grille_steer_result steered; /**< marks the grid's conditions wrote (or took off) before it committed */
	char **left_out;        /**< new files not recorded, from the workspace's root (grille_workspace_set_commit_all()) */
	size_t left_out_count;
} grille_commit_result;

/**
 * Commit the workspace's changes, and only them, with the user's git
 * identity (`author`, "Name <email>", overrides it). `message` NULL: one
 * that says what progressed per step ("Étape 3 : 6/9 réponses (+2)").
 * Nothing to commit is not an error: `commit` stays empty. A step left with
 * nothing unanswered gets an annotated tag. In the middle of a merge started
 * by `grille sync`, once every conflict is resolved, the commit finishes it.
 * Fills `*out`, to release with grille_commit_result_release() whatever the
 * call returned. Without a git identity: GRILLE_ENOIDENTITY.
 */
int grille_history_commit(grille_commit_result *out, grille_workspace *ws, const char *message,
                          const char *author);

/**
 * Commit (if anything changed) and tag the result as milestone `name`.
 * `text` is the message (NULL: as grille_history_commit() makes one);
 * `author` and `*out` as for grille_history_commit(). A name
 * grille_milestone_name_check() refuses fails as it does; an existing
 * milestone with GRILLE_EEXISTS.
 */
int grille_history_milestone(grille_commit_result *out, grille_workspace *ws, const char *name,
                             const char *text, const char *author);

/** Free what a grille_commit_result holds and empty it; the struct stays the caller's. */
void grille_commit_result_release(grille_commit_result *result);

/** 1 if git can hold `name` as a milestone (tag) name, else 0. Sets no error. */
int grille_milestone_name_valid(const char *name);

/**
 * Check text given on the command line (a message, a milestone name): 0, or
 * GRILLE_EARGUMENT when it is not UTF-8 or holds a control character (line
 * feeds are allowed when `lines`); the message starts with `what` ("le
 * message") and gives the position.
 */
int grille_history_text_check(const char *text, const char *what, int lines);

/**
 * `text` made fit to show: bytes that are not UTF-8 and control characters
 * become U+FFFD. A new string, the caller's to free(); NULL when out of
 * memory. `text` NULL gives "".
 */
char *grille_history_text_fit(const char *text);

/**
 * Check `name` as a new milestone of workspace `ws`: 0, or GRILLE_EARGUMENT
 * with a message when git could not hold it as a tag, when it would make
 * git's names ambiguous (HEAD, main, master, a branch or a remote of the
 * repository, something that looks like a commit ID, "-…", "refs/…") or
 * when it is not plain text.
 */
int grille_milestone_name_check(const grille_workspace *ws, const char *name);

/** 1 if `name` can name a remote, else 0. Sets no error. */
int grille_remote_name_valid(const char *name);

/** One commit of the log; everything in it belongs to its grille_log. */
typedef struct grille_log_entry {
	char commit[GRILLE_OID_HEXSZ + 1];
	char *date;             /**< "YYYY-MM-DD HH:MM:SS +ZZZZ", the author's */
	char *author;
	char *email;
	char *summary;          /**< the message's first line */
	char **tags;
	size_t tag_count;
	size_t parent_count;
	grille_step_progress *steps;
	size_t step_count;
	size_t answered, open;
	long delta;
	int round_end;          /**< N when this commit ended round N of the method (tag tour-N); else 0 */
} grille_log_entry;

/** Progress over time: read-only for callers, freed whole by grille_log_free(). */
typedef struct grille_log {
	grille_log_entry *entries; /**< newest first */
	size_t count;
	int cache_rebuilt;         /**< the scan cache was unreadable and made again */
	int partial;               /**< a shallow clone: older commits are not there */
} grille_log;

/**
 * Progress over time, from every commit that holds the workspace. Free
 * `*out` with grille_log_free(); on failure it is NULL. No commit yet is
 * an empty log, not an error.
 */
int grille_history_log(grille_log **out, const grille_workspace *ws);

/**
 * As grille_history_log(), from `rev` back (NULL: HEAD): anything git names
 * a commit with.
 */
int grille_history_log_at(grille_log **out, const grille_workspace *ws, const char *rev);

struct grille_group;

/**
 * Append the log as the JSON document of grille-log(1) to `out`
 * (caller-owned); each commit's "member" is the member of `group` its author
 * matches (grille_group_member_of()), or null; `group` may be NULL. 0, or
 * GRILLE_ENOMEM.
 */
int grille_log_json(grille_buf *out, const grille_log *log, const struct grille_group *group);

/** Free a log and everything in it. NULL is accepted. */
void grille_log_free(grille_log *log);

typedef enum grille_change_kind {
	GRILLE_CHANGE_ADDED,     /**< an answer appeared */
	GRILLE_CHANGE_CHANGED,   /**< the answer's text changed */
	GRILLE_CHANGE_REMOVED,   /**< the answer went away */
	GRILLE_CHANGE_SKIPPED,
	GRILLE_CHANGE_DEFERRED,
	GRILLE_CHANGE_REOPENED,
	GRILLE_CHANGE_CONFLICT,
} grille_change_kind;

/** "added", "changed", "removed", "skipped", "deferred", "reopened", "conflict": a static string. */
const char *grille_change_name(grille_change_kind kind);

/** One question's change; everything in it belongs to its grille_diff. */
typedef struct grille_change {
	char *id;
	char *text;
	char *step;
	grille_change_kind kind;
	grille_state from, to;
	char *before;           /**< the answer's Markdown at the first point, or NULL when it had none */
	char *after;            /**< the same at the second point */
	size_t order;           /**< with a question change's: which comes first within a step */
} grille_change;

/** A question that appeared in the files (`grille deepen`, a question the group
 * wrote) or went from them, between the two points. */
typedef struct grille_question_change {
	char *id;
	char *text;
	char *step;
	int added;              /**< 1: in the files at the second point only; 0: at the first only */
	size_t order;           /**< as a grille_change's */
} grille_question_change;

/** What changed per question: read-only for callers, freed whole by grille_diff_free(). */
typedef struct grille_diff {
	char *from;             /**< the first point, as given or "HEAD" */
	char *to;               /**< the second point, or NULL for the working tree */
	grille_change *changes; /**< in the order of the steps, then of the files at the second point */
	size_t count;
	grille_question_change *questions; /**< in the same order */
	size_t question_count;
	char **steps;           /**< the steps either list names, in that order: to walk both at once */
	size_t step_count;
} grille_diff;

/**
 * What changed per question between two points: `from` NULL is HEAD, `to`
 * NULL is the working tree. Points are anything git names a commit with.
 * Each change carries the answer's text at both points; the questions that
 * appeared or went are listed apart. Free `*out` with grille_diff_free(); on
 * failure it is NULL.
 */
int grille_history_diff(grille_diff **out, const grille_workspace *ws, const char *from, const char *to);

/** Append the diff as the JSON document of grille-diff(1) to `out` (caller-owned). 0, or GRILLE_ENOMEM. */
int grille_diff_json(grille_buf *out, const grille_diff *diff);

/** Free a diff and everything in it. NULL is accepted. */
void grille_diff_free(grille_diff *diff);

/** What a run of a word diff is. */
typedef enum grille_word_kind {
	GRILLE_WORDS_SAME,      /**< words both texts have: bytes of `after` */
	GRILLE_WORDS_REMOVED,   /**< words only `before` has: bytes of `before` */
	GRILLE_WORDS_ADDED,     /**< words only `after` has: bytes of `after` */
} grille_word_kind;

/**
 * A run of words of one kind: bytes [start, end) of the text its kind says,
 * with the white space before its first word (the last run of `after` may be
 * white space alone). Runs never cut a UTF-8 character.
 */
typedef struct grille_word_run {
	grille_word_kind kind;
	size_t start, end;
} grille_word_run;

/** A word diff: the caller's, released with grille_word_diff_release(). */
typedef struct grille_word_diff {
	grille_word_run *runs;  /**< in reading order: the SAME and ADDED runs, in turn, give `after` */
	size_t count;
	int replaced;           /**< the texts differed too much for the budget: what lies between
	                             their common start and end is one REMOVED and one ADDED run */
} grille_word_diff;

/** The edits grille_word_diff_make() looks for when given 0. */
#define GRILLE_WORD_DIFF_EDITS 1000

/**
 * The words `after` changed from `before` (NULL counts as empty): a
 * shortest edit script over words (Myers), words being what Unicode white
 * space (no-break spaces, line ends) sets apart, compared byte for byte.
 * Past `max_edits` words added or removed (0: GRILLE_WORD_DIFF_EDITS), or
 * past a fixed amount of work, what lies between the texts' common start
 * and end counts as replaced: beside a few integers per word, memory and
 * time stay within a fixed bound (4 Mi integers, 4 Mi steps) whatever the
 * texts. Removed words of a change come before the added ones. Fills
 * `*out`, to release whatever the call returned. 0, or GRILLE_ENOMEM.
 */
int grille_word_diff_make(grille_word_diff *out, const char *before, size_t before_len, const char *after,
                          size_t after_len, size_t max_edits);

/** Free what a grille_word_diff holds and empty it; the struct stays the caller's. */
void grille_word_diff_release(grille_word_diff *diff);

typedef struct grille_contributor {
	char *name;
	char *email;
	size_t lines;           /**< lines of answers attributed to them */
} grille_contributor;

typedef struct grille_who_question {
	char *id;
	char *text;
	grille_contributor *people;
	size_t people_count;
} grille_who_question;

typedef struct grille_who_step {
	char *id;
	char *title;
	grille_contributor *people;
	size_t people_count;
	grille_who_question *questions;
	size_t question_count;
} grille_who_step;

/** Who wrote what: read-only for callers, freed whole by grille_who_free(). */
typedef struct grille_who {
	grille_who_step *steps;
	size_t step_count;
	int partial;            /**< a shallow clone: older lines are credited to its oldest commit */
} grille_who;

/**
 * Who wrote the committed answers, from git blame of each answer's lines.
 * `scope` NULL for everything, or a step, item or question ID (checked as
 * grille_history_scope_check() does). Free `*out` with grille_who_free();
 * on failure it is NULL.
 */
int grille_history_who(grille_who **out, const grille_workspace *ws, const char *scope);

/**
 * Check a scope for grille_history_who(): 0, or an error when `scope` is not
 * an ID, or names a step, item or question the workspace's grid does not have.
 */
int grille_history_scope_check(const grille_workspace *ws, const char *scope);

/** As grille_history_who(), as things stood at `rev` (NULL: HEAD). */
int grille_history_who_at(grille_who **out, const grille_workspace *ws, const char *scope,
                          const char *rev);

/**
 * Append `who` as the JSON document of grille-who(1) to `out` (caller-owned),
 * each person's "member" as in grille_log_json(). 0, or GRILLE_ENOMEM.
 */
int grille_who_json(grille_buf *out, const grille_who *who, const struct grille_group *group);

/** Free a grille_who and everything in it. NULL is accepted. */
void grille_who_free(grille_who *who);

/** What a sync did: the caller's, released with grille_sync_result_release(). */
typedef struct grille_sync_result {
	char *remote;
	char *url;
	int up_to_date;         /**< nothing came from the remote */
	int new_branch;         /**< the remote did not have the branch yet */
	int fast_forward;       /**< the remote's milestones were simply taken */
	int merged;             /**< a merge commit joined both sides */
	int pushed;
	char commit[GRILLE_OID_HEXSZ + 1]; /**< the merge commit, if any; else "" */
	grille_status *conflicts; /**< when the merge stopped on conflicts: the status to show
	                               (NULL if it could not be read) */
	char **conflict_files;  /**< the files in conflict, relative to the workspace */
	size_t *conflict_lines; /**< for each, the line of its first conflict marker (0: none found) */
	size_t conflict_file_count;
	char *notes;            /**< what the merge settled by itself, in French, a line each (two actions
	                             added on both sides under one number, renumbered); NULL when nothing */
} grille_sync_result;

/**
 * Share the workspace with `remote` (NULL: "origin", or the only remote):
 * fetch, then fast-forward or merge, then push. A merge that conflicts stops
 * with both sides' text in the files, standard conflict markers, and
 * `conflicts` set (GRILLE_ECONFLICT); nothing is pushed then. An
 * unreachable remote leaves every local milestone as it was. `author` as
 * for grille_history_commit(). Fills `*out`, to release with
 * grille_sync_result_release() whatever the call returned.
 */
int grille_history_sync(grille_sync_result *out, grille_workspace *ws, const char *remote,
                        const char *author);

/**
 * `text` with the password of any URL in it replaced by "***": a new
 * string, the caller's to free(); NULL when out of memory. `text` NULL
 * gives "".
 */
char *grille_history_redact_url(const char *text);

/**
 * Set the URL of `remote` (NULL: "origin"), creating it if needed, in the
 * repository's configuration.
 */
int grille_history_set_remote(grille_workspace *ws, const char *remote, const char *url);

/** Free what a grille_sync_result holds (`conflicts` too) and empty it; the struct stays the caller's. */
void grille_sync_result_release(grille_sync_result *result);

#endif
