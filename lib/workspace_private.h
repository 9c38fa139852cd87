#ifndef GRILLE_WORKSPACE_PRIVATE_H
#define GRILLE_WORKSPACE_PRIVATE_H

#include "grille/workspace.h"

struct session;

struct grille_workspace {
	char *root;
	grille_settings *settings;
	grille_grid *grid;
	/* What the workspace's calls share (repository, scan cache), made on
	 * first use: see session.h. Never NULL once the workspace is open. */
	struct session *session;
	unsigned threads;   /* grille_workspace_set_threads() */
	int commit_all;     /* grille_workspace_set_commit_all(): new files of any kind are recorded */
	grille_progress_fn progress; /* grille_workspace_set_progress(), or NULL */
	void *progress_payload;
	char *shipped_version; /* the default grid's version grille ships; NULL with a grid file */
};

/* Tell the caller how far a long operation has come (nothing without a callback). */
void workspace__progress(const grille_workspace *ws, size_t done, size_t total);

#endif
