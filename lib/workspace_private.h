#ifndef GRILLE_WORKSPACE_PRIVATE_H
#define GRILLE_WORKSPACE_PRIVATE_H

#include "grille/workspace.h"

struct grille_workspace {
	char *root;
	grille_settings *settings;
	grille_grid *grid;
	unsigned threads;   /* grille_workspace_set_threads() */
};

#endif
