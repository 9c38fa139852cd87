#ifndef GRILLE_TEST_MEMORY_WORKSPACE_H
#define GRILLE_TEST_MEMORY_WORKSPACE_H

/* A workspace for the unit tests that build statuses and reports from memory:
 * the default grid, level-1 settings and a session, as grille_workspace_open()
 * would give, with a root folder that does not exist. */

#include <string.h>

#include "grille/grid.h"
#include "grille/settings.h"
#include "session.h"
#include "workspace_private.h"

static inline int memory_workspace_open(struct grille_workspace *ws)
{
	static const char settings[] = "format: 2\ntitle: Essai\ngrid:\n  id: collaboration-numerique\n"
	                               "  version: \"1.0\"\nlevel: 1\n";
	memset(ws, 0, sizeof(*ws));
	ws->root = (char *)"/nonexistent/grille-test";
	if (session__new(&ws->session, ws) < 0 || grille_grid_load_default(&ws->grid) < 0)
		return -1;
	return grille_settings_load_buffer(&ws->settings, settings, strlen(settings), "grille.yaml");
}

static inline void memory_workspace_close(struct grille_workspace *ws)
{
	session__free(ws->session);
	grille_grid_free(ws->grid);
	grille_settings_free(ws->settings);
	memset(ws, 0, sizeof(*ws));
}

#endif
