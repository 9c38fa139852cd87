#ifndef GRILLE_WORKSPACE_H
#define GRILLE_WORKSPACE_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"
#include "grille/grid.h"
#include "grille/settings.h"
#include "grille/status.h"

/**
 * A workspace: a folder with grille.yaml, one Markdown file per step and a
 * README, tracked by git. See grille-workspace(5).
 */

/** The settings file at the top of every workspace. */
#define GRILLE_SETTINGS_FILE "grille.yaml"
/** A custom grid is copied into the workspace under this name. */
#define GRILLE_GRID_FILE "grille-grid.yaml"

/** What grille_workspace_init() makes; only read. Start from GRILLE_INIT_OPTIONS_INIT. */
typedef struct grille_init_options {
	const char *dir;        /**< where to create it; created if missing */
	const char *title;      /**< NULL: the grid's title */
	const char *collective; /**< NULL: left empty */
	int level;              /**< 1..3; 0 means 1 */
	const char *grid_path;  /**< NULL: the embedded default grid */
	const char *author;     /**< "Name <email>", or NULL for git's identity */
	unsigned lock_wait_ms;  /**< in an existing repository, how long to wait for its lock */
	const char *language;   /**< the default grid's language, "fr" or "en"; NULL: "fr".
	                             Not with grid_path: a grid has its own language */
} grille_init_options;

#define GRILLE_INIT_OPTIONS_INIT { NULL, NULL, NULL, 0, NULL, NULL, 10000, NULL }

/** What grille_workspace_init() made: the caller's, released with grille_init_result_release(). */
typedef struct grille_init_result {
	char *workdir;          /**< the workspace's folder, absolute */
	char *repo_workdir;     /**< the git repository's working folder */
	int repo_created;       /**< 1 when init created the repository */
	char **files;           /**< created files, relative to `workdir` */
	size_t file_count;
	char commit[GRILLE_OID_HEXSZ + 1]; /**< the first milestone's commit ID */
	size_t question_count;  /**< questions scaffolded */
	int level;
} grille_init_result;

/**
 * Scaffold a workspace and commit it as the first milestone.
 *
 * Never overwrites: if the folder already holds a workspace, or if any file
 * to create is already there, nothing changes and GRILLE_EEXISTS is returned
 * (the message lists the collisions). Without a git identity nothing is
 * created and GRILLE_ENOIDENTITY tells how to set one. On any failure what
 * was created is removed again.
 *
 * Fills `*out`, to be released with grille_init_result_release() whatever
 * the call returned. `opts` must not be NULL; its `dir` may be (the
 * current folder).
 */
int grille_workspace_init(grille_init_result *out, const grille_init_options *opts);

/**
 * Check the texts of `opts` (title, collective, author): UTF-8 without
 * control characters. 0, or GRILLE_EARGUMENT naming the option. Done first by
 * grille_workspace_init(); callers may check before it to tell a bad
 * argument from other failures.
 */
int grille_init_options_check(const grille_init_options *opts);

/**
 * Check an author given as "Name <email>" (git's --author form) without
 * using it: 0, or GRILLE_EARGUMENT with a message showing the expected form.
 */
int grille_author_check(const char *author);

/** Free what a grille_init_result holds and empty it; the struct stays the caller's. */
void grille_init_result_release(grille_init_result *result);

/**
 * An open workspace: its folder, settings and grid, loaded once. Calls that
 * only read it take a `const grille_workspace *`; they may still write git's
 * scan cache (.git/grille/scan-cache.json), which changes no result.
 */
typedef struct grille_workspace grille_workspace;

/**
 * Open the workspace `dir` is in: `dir` itself or the nearest parent folder
 * holding grille.yaml. Loads the settings and the grid they name. Outside a
 * workspace fails with GRILLE_ENOWORKSPACE; a bad grille.yaml with
 * GRILLE_EINVALID and "FILE:LINE:COL: what is wrong". `dir` is not kept.
 * Free `*out` with grille_workspace_free(); on failure it is NULL.
 */
int grille_workspace_open(grille_workspace **out, const char *dir);

/**
 * Free a workspace, its settings and grid. NULL is accepted. The calls made
 * on a workspace share its git repository, opened once; the scan cache of
 * its history is written back here if it learnt anything (failing to is no
 * error). A workspace is used by one thread at a time.
 */
void grille_workspace_free(grille_workspace *ws);

/**
 * Set how many threads reading the step files and rendering reports may use
 * at once: `threads`, at most 16, or 0 (the default) for one per core, up to
 * 16. One thread uses the least memory.
 */
void grille_workspace_set_threads(grille_workspace *ws, unsigned threads);

/**
 * Whether commits record every new file (`all` 1), or only the workspace's
 * own (0, the default): its step files, grille.yaml, the group's tables,
 * README.md, .gitignore, .gitattributes, its grid file and finished rounds'
 * archives, with what git already tracks or has staged. Other new files
 * (meeting notes, photos) are left out of the history, and so of a shared
 * remote, and listed in grille_commit_result.left_out.
 */
void grille_workspace_set_commit_all(grille_workspace *ws, int all);

/** How far a long operation has come, for a progress line. */
typedef struct grille_progress {
	size_t done;  /**< units done: objects received or sent (sync), milestones read (log, report) */
	size_t total; /**< units to do; 0 while unknown */
} grille_progress;

/** Called now and then during a long operation; it must not call the library. */
typedef void (*grille_progress_fn)(const grille_progress *progress, void *payload);

/**
 * Set what grille_history_sync(), grille_history_log() and the reports
 * (through the history they read) call as they go: `fn` with `payload`, or
 * NULL (the default) for nothing. The library never prints; the caller
 * decides whether and when to show a progress line.
 */
void grille_workspace_set_progress(grille_workspace *ws, grille_progress_fn fn, void *payload);

/** The workspace's folder, absolute; borrowed from the workspace. */
const char *grille_workspace_root(const grille_workspace *ws);
/** The workspace's grille.yaml, borrowed from the workspace. */
const grille_settings *grille_workspace_settings(const grille_workspace *ws);
/** The grid the settings name, borrowed from the workspace. */
const grille_grid *grille_workspace_grid(const grille_workspace *ws);

/**
 * Compute where the workspace stands. `today` is "YYYY-MM-DD", or NULL for
 * the local date. A step file that is missing or unreadable is reported in
 * its step's `problem`; the other steps are still read. Free `*out` with
 * grille_status_free(); on failure it is NULL. See status.h for the tree.
 */
int grille_workspace_status(grille_status **out, const grille_workspace *ws, const char *today);

/**
 * What an edit of the workspace's Markdown changed: the caller's, filled by
 * grille_workspace_mark(), _reopen() and _deepen(), released with
 * grille_edit_result_release() whatever they returned.
 */
typedef struct grille_edit_result {
	char *file;      /**< the step file changed, relative to the workspace; NULL if none */
	size_t line;     /**< where the change stands */
	size_t added;    /**< questions added (deepen) */
	int level;       /**< the level reached (deepen) */
	int unchanged;   /**< 1 when there was nothing to do */
	size_t answered; /**< skip, defer: questions under the mark already answered; they stay answered */
} grille_edit_result;

/** Free what a grille_edit_result holds and empty it; the struct stays the caller's. */
void grille_edit_result_release(grille_edit_result *result);

typedef enum grille_mark_kind {
	GRILLE_MARK_SKIP,  /**< the group leaves it aside */
	GRILLE_MARK_DEFER, /**< to explore later, maybe by a date */
} grille_mark_kind;

/**
 * Mark the item or question `id` as skipped or deferred, in its step file,
 * right under its heading (see grille-workspace(5)). `until` ("YYYY-MM-DD",
 * defer only) and `reason` may be NULL. An existing mark is replaced. Every
 * other byte of the file is kept; the file is written atomically.
 */
int grille_workspace_mark(grille_edit_result *out, grille_workspace *ws, const char *id,
                          grille_mark_kind kind, const char *until, const char *reason);

/**
 * Check a mark's reason before writing it: one line of UTF-8 text without
 * control characters. 0, or GRILLE_EARGUMENT with a message saying what to do.
 */
int grille_mark_reason_check(const char *reason);

/**
 * Take the skip or defer mark off `id`, restoring the file as it was;
 * `out->unchanged` when there was none.
 */
int grille_workspace_reopen(grille_edit_result *out, grille_workspace *ws, const char *id);

/**
 * Add to item `id` (or to every item of step `id`) the grid's questions up
 * to `level` (0: one level more than the item has) that its file lacks,
 * after the item's last question. Nothing else changes.
 */
int grille_workspace_deepen(grille_edit_result *out, grille_workspace *ws, const char *id, int level);

/** An item its grid condition set aside, or brought back, in its file. */
typedef struct grille_steer_change {
	char *id;      /**< "2.3" */
	int back;      /**< 1: its condition's mark was taken off; 0: the mark was written */
	char *reason;  /**< the condition's reason, "principe non retenu en 2.0.a" */
	char *choice;  /**< the choice question it depends on, "2.0.a" */
	char *file;    /**< where, relative to the workspace */
	size_t line;
} grille_steer_change;

/** What grille_workspace_steer() did; released with grille_steer_result_release(). */
typedef struct grille_steer_result {
	grille_steer_change *changes;
	size_t count;
} grille_steer_result;

/**
 * Write in the step files what the grid's conditions (`when:` in
 * grille-grid(5)) say of the group's choices: a skip mark with the
 * condition's reason under each item whose option is not checked, once the
 * group has checked at least one of the choice's options; that mark taken off
 * when its option is checked, or when no option is any more. Marks the group
 * wrote itself are never touched; answers under a set-aside item stay.
 * grille_history_commit() and grille_history_milestone() do it themselves
 * before they commit (see their result's `steered`).
 */
int grille_workspace_steer(grille_steer_result *out, grille_workspace *ws);
void grille_steer_result_release(grille_steer_result *result);

/* Status and answers from an editor's buffers. */

/**
 * Compute where the workspace stands as grille_workspace_status() does, but
 * reading the step file `files[i]` (relative to the workspace, as
 * grille.yaml's grid names it) from the `lens[i]` bytes at `texts[i]`
 * instead of the disk: an editor's unsaved buffers. Other step files are
 * read from the disk; names that are no step's file are ignored. The
 * arrays are borrowed for the call only. Each question carries its `answer`
 * spans. Git's changes and conflicts are left out (`in_repository` 0):
 * buffers are not what git sees. `today` as for grille_workspace_status().
 * Free the result with grille_status_free().
 */
int grille_status_from_buffers(grille_status **out, const grille_workspace *ws, const char *const *files,
                               const char *const *texts, const size_t *lens, size_t count, const char *today);

/** A question's answer as the step files on disk hold it. */
typedef struct grille_answer {
	char *file;          /**< the step file it stands in, relative to the workspace */
	grille_state state;
	grille_span section; /**< its heading and everything under it */
	grille_span *blocks; /**< the blocks that count as its answer, in file order */
	size_t block_count;
	char *text;          /**< those blocks' Markdown (grille_answer_text()); NULL when there is none */
} grille_answer;

/**
 * The answer to question `id` ("2.6.a"), wherever it stands in the step
 * files on disk. Fills `*out`, to be released with grille_answer_release().
 * GRILLE_EARGUMENT when `id` is not a question ID; GRILLE_ENOTFOUND when no
 * step file holds its heading, or its file cannot be read.
 */
int grille_workspace_answer(grille_answer *out, const grille_workspace *ws, const char *id);

/** Free what a grille_answer holds. */
void grille_answer_release(grille_answer *answer);

#endif
