#ifndef GRILLE_STATUS_H
#define GRILLE_STATUS_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"

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

typedef struct grille_question_status {
	char *id;
	char *text;
	int level;          /**< 1..3, or 0 for a question the group added */
	grille_state state;
	char *file;         /**< the file it stands in (moved questions too); NULL when missing */
	size_t line;        /**< its heading's line in `file`; 0 when missing */
	char *until;        /**< deferred until "YYYY-MM-DD", or NULL */
	char *reason;       /**< why it was skipped or deferred, or NULL */
	char *until_unread; /**< the mark's date, as written, when it could not be read ("31/02/2027"), or NULL */
	size_t mark_line;   /**< with until_unread: the mark's line in `file` */
	int overdue;        /**< deferred and `until` has passed */
	unsigned long long fingerprint; /**< changes when the text under the question changes */
} grille_question_status;

typedef struct grille_item_status {
	char *id;
	char *title;
	grille_state state;
	size_t line;        /**< 0 when missing from its file */
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

typedef struct grille_review_status {
	char *date;
	char *title;
} grille_review_status;

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
	char **changes;     /**< uncommitted files, "M etape-1.md" style */
	size_t change_count;
	char **conflicted_files; /**< files git holds in conflict */
	size_t conflicted_file_count;
	int in_repository;
} grille_status;

/** Free a status and everything in it. NULL is accepted. */
void grille_status_free(grille_status *status);

/**
 * Render a status as the versioned JSON document of grille-status(1)
 * ("format": 1), appended to `out` (caller-owned). 0, or GRILLE_ENOMEM.
 */
int grille_status_json(grille_buf *out, const grille_status *status);

#endif
