#ifndef GRILLE_STATUS_H
#define GRILLE_STATUS_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"
#include "grille/grid.h"

/**
 * Where a workspace stands: per step, item and question, what the group
 * answered, left aside or kept for later. See grille-status(1).
 *
 * A status is made by grille_workspace_status() (or another call that says
 * so) and is a tree read-only for its callers: every string and array in it
 * belongs to the status, must not be changed or freed one by one, and lives
 * until grille_status_free() releases the whole tree at once. A string
 * may be NULL only where its comment says so.
 */

typedef enum grille_state {
	GRILLE_STATE_ANSWERED,
	GRILLE_STATE_UNANSWERED,
	GRILLE_STATE_SKIPPED,
	GRILLE_STATE_DEFERRED,
	GRILLE_STATE_CONFLICT,
} grille_state;

#define GRILLE_STATE_COUNT 5

/** "answered", "unanswered", "skipped", "deferred" or "conflict": a static string. */
const char *grille_state_name(grille_state state);

/**
 * Where a part of a step file lies: lines `first_line` to `last_line`
 * (counted from 1 at line feeds, both included) and bytes [`start`, `end`),
 * line endings included. All zero when the part is not there (a question
 * missing from the files, a question without a mark). A status of a past
 * commit (history) may hold lines with zero bytes.
 */
typedef struct grille_span {
	size_t first_line, last_line;
	size_t start, end;
} grille_span;

/** A member's position under a "positions" question, or the group's synthesis. */
typedef struct grille_position {
	char *name;        /**< as its heading writes it ("Camille"); NULL for the synthesis */
	int written;       /**< something under its heading counts, as an answer would */
	size_t line;       /**< its heading's line; 0 for a synthesis without heading yet */
	grille_span text;  /**< the lines under its heading, to the next subsection (zero when none) */
} grille_position;

typedef struct grille_question_status {
	char *id;
	char *text;
	int level;          /**< 1..3, or 0 for a question the group added */
	grille_question_kind kind; /**< its grid's; text for a question the group added */
	int data;           /**< a data question (members, plan...) whose data the group has recorded:
	                         answered by it, unless a git conflict stands under it */
	grille_state state;
	char *file;         /**< the file it stands in (moved questions too); NULL when missing */
	size_t line;        /**< its heading's line in `file`; 0 when missing */
	char *until;        /**< deferred until "YYYY-MM-DD", or NULL */
	char *reason;       /**< why it was skipped or deferred, or NULL */
	char *until_unread; /**< the mark's date, as written, when it could not be read ("31/02/2027"), or NULL */
	size_t mark_line;   /**< with until_unread: the mark's line in `file` */
	int overdue;        /**< deferred and `until` has passed */
	unsigned long long fingerprint; /**< changes when the text under the question changes */
	/* Where it stands in `file`. */
	grille_span section; /**< its heading and everything under it, to the next heading that ends it */
	grille_span heading; /**< its heading line(s) */
	grille_span mark;    /**< its own skip or defer mark's line, when it has one */
	grille_span *answer; /**< the blocks that count as the group's answer, in file order; see
	                          grille_status_from_buffers() (grille_workspace_status() leaves them out) */
	size_t answer_count;
	int retired;        /**< the grid no longer has it: `grille grid upgrade` left it, with its answer, under a
	                         note (it counts as answered, or else as set aside) */
	/* A question of kind "positions" (grille/position.h): the members'
	 * positions, in file order, and the group's synthesis, which alone (with
	 * any text outside the positions) makes it answered. */
	grille_position *positions;
	size_t position_count;
	size_t positions_written;  /**< positions that hold text */
	size_t positions_expected; /**< the members of membres.md, or without any the git identities
	                                that authored commits; 0 when unknown (a past commit's status) */
	grille_position synthesis; /**< name NULL; line 0 when it has no heading yet */
} grille_question_status;

typedef struct grille_item_status {
	char *id;
	char *title;
	grille_state state;
	size_t line;        /**< 0 when missing from its file */
	char *file;         /**< the file its heading stands in; NULL when missing */
	grille_span section; /**< where it stands: its heading and all its questions */
	grille_span heading;
	grille_span mark;    /**< its own skip or defer mark, when it has one */
	/**
	 * What its grid condition (`when:`) asks of its file, which does not say
	 * it yet (the state already does): 1 set aside, -1 back (its condition's
	 * mark no longer holds), 0 nothing. grille_workspace_steer() writes it.
	 */
	int pending;
	int not_chosen;      /**< its grid condition sets it aside: its option is not checked */
	char *group;         /**< the title of the grid's group of items it is in (grille-grid(5)), or NULL */
	grille_question_status *questions;
	size_t question_count;
} grille_item_status;

typedef struct grille_step_status {
	char *id;
	char *title;
	char *file;
	char *problem;      /**< why the file could not be read, or NULL */
	grille_item_status *items;
	size_t item_count;
	size_t counts[GRILLE_STATE_COUNT];
	size_t question_count;
} grille_step_status;

/**
 * How many questions a step's progress counts: all but the skipped ones,
 * which the group has settled. Progress reads "answered out of this".
 */
size_t grille_step_status_out_of(const grille_step_status *st);

typedef struct grille_review_status {
	char *date;
	char *title;
} grille_review_status;

/** What git says of an uncommitted workspace file (files in conflict are apart). */
typedef enum grille_file_change_kind {
	GRILLE_FILE_MODIFIED,
	GRILLE_FILE_ADDED,     /**< new, staged */
	GRILLE_FILE_DELETED,
	GRILLE_FILE_RENAMED,
	GRILLE_FILE_UNTRACKED, /**< new, not staged */
} grille_file_change_kind;

/** The letter `git status --short` shows for `kind`: 'M', 'A', 'D', 'R' or '?'. */
char grille_file_change_letter(grille_file_change_kind kind);

typedef struct grille_file_change {
	char *path;                   /**< relative to the workspace folder */
	grille_file_change_kind kind;
} grille_file_change;

typedef struct grille_status {
	char *root;         /**< the workspace folder */
	char today[GRILLE_DATE_LEN + 1]; /**< the date the status was computed for, "YYYY-MM-DD" */
	int level;
	grille_step_status *steps;
	size_t step_count;
	size_t totals[GRILLE_STATE_COUNT];
	size_t question_count;
	grille_review_status next_review;   /**< date NULL when none is planned */
	grille_review_status *overdue_reviews;
	size_t overdue_review_count;
	grille_file_change *changes; /**< uncommitted files, in git's order */
	size_t change_count;
	char **conflicted_files; /**< files git holds in conflict */
	size_t conflicted_file_count;
	int in_repository;
	struct grille_reminders *reminders; /**< where the group stands in time (grille/reminders.h);
	                                         NULL in a status of a past commit */
	char *grid_version; /**< the workspace's grid's version; NULL in a status of a past commit */
	char *grid_newer;   /**< the default grid's version grille ships, when the workspace's is an earlier
	                         one (grille_workspace_grid_newer()); else NULL */
} grille_status;

/* Answers and where they stand, for editors and other frontends. */

/** Where a walk over questions stands; start from GRILLE_QUESTION_CURSOR_INIT. */
typedef struct grille_question_cursor {
	size_t step, item, question;
} grille_question_cursor;

#define GRILLE_QUESTION_CURSOR_INIT { 0, 0, 0 }

/**
 * The next question of `step`, across its items in order, or NULL once
 * every one was given: for the walks that need no item boundaries. The
 * result is borrowed from `step`; `cursor` (caller-owned) keeps the place.
 */
const grille_question_status *grille_step_next_question(const grille_step_status *step,
                                                        grille_question_cursor *cursor);

/**
 * The next question of `status`, across its steps and items in order, or
 * NULL at the end; `*step` (NULL accepted) is set to the step it belongs
 * to. Borrowed from `status`, as the step.
 */
const grille_question_status *grille_status_next_question(const grille_status *status,
                                                          grille_question_cursor *cursor,
                                                          const grille_step_status **step);

/**
 * The question `id` in `status`, or NULL. The result is borrowed from
 * `status` and lives as long as it.
 */
const grille_question_status *grille_status_question(const grille_status *status, const char *id);

/**
 * The Markdown of `question`'s answer, as the report shows it: the blocks of
 * its `answer` spans, taken from `data` (the `len` bytes of `question->file`
 * the status was built from), set apart by a blank line where they do not
 * touch. On success `*out` is a new string the caller frees, or NULL when the
 * question has no answer block. GRILLE_EARGUMENT when a span lies outside
 * `data` (not the text the status was built from); GRILLE_ENOMEM.
 */
int grille_answer_text(char **out, const grille_question_status *question, const char *data, size_t len);
/** Free a status and everything in it. NULL is accepted. */
void grille_status_free(grille_status *status);

/**
 * Render a status as the versioned JSON document of grille-status(1)
 * ("format": 1), appended to `out` (caller-owned). 0, or GRILLE_ENOMEM.
 */
int grille_status_json(grille_buf *out, const grille_status *status);

/**
 * The same JSON, handed to `write` piece by piece (64 KiB or so at a time)
 * rather than built whole: the status of ten thousand questions is 6 MB. A
 * -1 from `write` stops the writing (GRILLE_EIO). 0, GRILLE_EIO or
 * GRILLE_ENOMEM: what was written is then not a whole document.
 */
int grille_status_json_write(const grille_status *status, int (*write)(const char *data, size_t len, void *arg),
                             void *arg);

#endif
