#ifndef GRILLE_WORKSPACE_H
#define GRILLE_WORKSPACE_H

#include <stddef.h>

#include "grille/buf.h"
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

typedef struct grille_init_options {
	const char *dir;        /**< where to create it; created if missing */
	const char *title;      /**< NULL: the grid's title */
	const char *collective; /**< NULL: left empty */
	int level;              /**< 1..3; 0 means 1 */
	const char *grid_path;  /**< NULL: the embedded default grid */
	const char *author;     /**< "Name <email>", or NULL for git's identity */
	unsigned lock_wait_ms;  /**< in an existing repository, how long to wait for its lock */
} grille_init_options;

#define GRILLE_INIT_OPTIONS_INIT { NULL, NULL, NULL, 0, NULL, NULL, 10000 }

typedef struct grille_init_result {
	char *workdir;          /**< the workspace's folder, absolute */
	char *repo_workdir;     /**< the git repository's working folder */
	int repo_created;       /**< 1 when init created the repository */
	char **files;           /**< created files, relative to `workdir` */
	size_t file_count;
	char commit[41];        /**< the first milestone's commit ID */
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
 * On success fills `*out`, to be released with grille_init_result_release().
 */
int grille_workspace_init(grille_init_result *out, const grille_init_options *opts);

/**
 * Check the texts of `opts` (title, collective, author): UTF-8 without
 * control characters. 0, or GRILLE_EINVALID naming the option. Done first by
 * grille_workspace_init(); callers may check before it to tell a bad
 * argument from other failures.
 */
int grille_init_options_check(const grille_init_options *opts);

/**
 * Check an author given as "Name <email>" (git's --author form) without
 * using it: 0, or GRILLE_EINVALID with a message showing the expected form.
 */
int grille_author_check(const char *author);

/** Free what a grille_init_result holds. */
void grille_init_result_release(grille_init_result *result);

typedef struct grille_workspace grille_workspace;

/**
 * Open the workspace `dir` is in: `dir` itself or the nearest parent folder
 * holding grille.yaml. Loads the settings and the grid they name. Outside a
 * workspace fails with GRILLE_ENOTFOUND; a bad grille.yaml with
 * GRILLE_EINVALID and "FILE:LINE:COL: what is wrong".
 * Free with grille_workspace_free().
 */
int grille_workspace_open(grille_workspace **out, const char *dir);

/**
 * Free a workspace. NULL is accepted. The calls made on a workspace share
 * its git repository, opened once; the scan cache of its history is written
 * back here if it learnt anything (failing to is no error). A workspace is
 * used by one thread at a time.
 */
void grille_workspace_free(grille_workspace *ws);

/** The workspace's folder, absolute. */
const char *grille_workspace_root(const grille_workspace *ws);
const grille_settings *grille_workspace_settings(const grille_workspace *ws);
const grille_grid *grille_workspace_grid(const grille_workspace *ws);

/**
 * Compute where the workspace stands. `today` is "YYYY-MM-DD", or NULL for
 * the local date. A step file that is missing or unreadable is reported in
 * its step's `problem`; the other steps are still read.
 * Free the result with grille_status_free().
 */
int grille_workspace_status(grille_status **out, grille_workspace *ws, const char *today);

/** Free a status. NULL is accepted. */
void grille_status_free(grille_status *status);

/**
 * Render a status as the versioned JSON document of grille-status(1)
 * ("format": 1), appended to `out`.
 */
int grille_status_json(grille_buf *out, const grille_status *status);

/** What an edit of the workspace's Markdown changed. */
typedef struct grille_edit_result {
	char *file;      /**< the step file changed, relative to the workspace; NULL if none */
	size_t line;     /**< where the change stands */
	size_t added;    /**< questions added (deepen) */
	int level;       /**< the level reached (deepen) */
	int unchanged;   /**< 1 when there was nothing to do */
	size_t answered; /**< skip, defer: questions under the mark already answered; they stay answered */
} grille_edit_result;

/** Free what a grille_edit_result holds. */
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
 * control characters. 0, or GRILLE_EINVALID with a message saying what to do.
 */
int grille_mark_reason_check(const char *reason);

/** Take the skip or defer mark off `id`, restoring the file as it was. */
int grille_workspace_reopen(grille_edit_result *out, grille_workspace *ws, const char *id);

/**
 * Add to item `id` (or to every item of step `id`) the grid's questions up
 * to `level` (0: one level more than the item has) that its file lacks,
 * after the item's last question. Nothing else changes.
 */
int grille_workspace_deepen(grille_edit_result *out, grille_workspace *ws, const char *id, int level);

#endif
