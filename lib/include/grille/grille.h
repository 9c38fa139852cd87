#ifndef GRILLE_H
#define GRILLE_H

/**
 * libgrille: the grid, the workspace, answers, history and reports of the
 * `grille` method. The library never prints and never exits; see error.h.
 */

#include "grille/buf.h"
#include "grille/common.h"
#include "grille/error.h"
#include "grille/grid.h"
#include "grille/settings.h"
#include "grille/status.h"
#include "grille/text.h"
#include "grille/workspace.h"
#include "grille/history.h"
#include "grille/report.h"
#include "grille/lock.h"

/** The library's version, "MAJOR.MINOR.PATCH". */
const char *grille_version(void);

/**
 * Set up the libraries grille stands on. Call once before anything else;
 * returns 0 or a negative code.
 */
int grille_init(void);

/** Undo grille_init(). */
void grille_shutdown(void);

#endif
