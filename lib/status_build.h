#ifndef GRILLE_STATUS_BUILD_H
#define GRILLE_STATUS_BUILD_H

#include "grille/group.h"
#include "grille/workspace.h"
#include "scan.h"

/* Where a status reads its step files from: the working tree, or the tree of
 * a commit (history.c), which may answer from its cache. */
struct step_source {
	/* Scan `step`'s file into `out`. Failing, the message becomes the step's
	 * problem (GRILLE_ENOMEM stops everything). */
	int (*scan)(void *ctx, size_t index, const grille_step *step, struct scan *out);
	void *ctx;
	/* The scan callback may run for several steps at once, on threads. */
	int parallel;
	/* With `parallel`: the threads wanted, as grille_workspace_set_threads() takes. */
	unsigned threads;
};

/* A status from the step files `source` gives; git changes are left empty.
 * Each question carries where it stands, and its answer's blocks when
 * `source` scans with scan__detailed(). */
/* `group` is the group's data (NULL: none, as for a commit's status). */
int status__build(grille_status **out, const grille_grid *grid, const grille_settings *settings,
                  const grille_group *group, const char *root, struct step_source *source, const char *today);

/* The status of the working tree's step files; git changes are left empty. */
int status__from_disk(grille_status **out, const grille_workspace *ws, const char *today);

struct session;

/* Add the workspace's uncommitted changes and git conflicts to `status`
 * (one walk of git's status, through the session's repository). */
int status__add_git_changes(grille_status *status, struct session *sess);

#endif
