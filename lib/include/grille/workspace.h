#ifndef GRILLE_WORKSPACE_H
#define GRILLE_WORKSPACE_H

#include <stddef.h>

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
} grille_init_options;

#define GRILLE_INIT_OPTIONS_INIT { NULL, NULL, NULL, 0, NULL, NULL }

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
 * Check an author given as "Name <email>" (git's --author form) without
 * using it: 0, or GRILLE_EINVALID with a message showing the expected form.
 */
int grille_author_check(const char *author);

/** Free what a grille_init_result holds. */
void grille_init_result_release(grille_init_result *result);

#endif
