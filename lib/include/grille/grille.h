#ifndef GRILLE_H
#define GRILLE_H

/**
 * libgrille: the grid, the workspace, answers, history and reports of the
 * `grille` method. The library never prints and never exits; see error.h.
 *
 * Conventions every public function follows, unless its comment says
 * otherwise:
 *
 * - Functions that can fail return 0 or a negative grille_error_code, with
 *   a message for grille_error_last(). Out-parameters come first.
 * - A pointer argument must not be NULL; the comment says where NULL is
 *   accepted, and what it means.
 * - An object returned through `**out` (a grid, a workspace, a status, a
 *   log...) belongs to the caller, who frees it with the matching _free()
 *   function; every _free() accepts NULL. On failure `*out` is NULL.
 * - A result struct the caller provides (`grille_x_result *out`) is emptied
 *   first, then filled; the caller releases what it holds with the matching
 *   _release() function whatever the call returned (an emptied struct is
 *   fine), and owns the struct itself.
 * - A `const char *` or `const` struct pointer a function returns is
 *   borrowed from the object it was asked of and lives as long as that
 *   object; a `char *` it returns is the caller's, to free with free().
 * - Strings are UTF-8, NUL-terminated; an options struct is only read.
 * - One object must not be used from two threads at once; distinct objects
 *   may. The error message is kept per thread.
 */

#include "grille/buf.h"
#include "grille/clone.h"
#include "grille/common.h"
#include "grille/error.h"
#include "grille/grid.h"
#include "grille/group.h"
#include "grille/reminders.h"
#include "grille/settings.h"
#include "grille/status.h"
#include "grille/text.h"
#include "grille/workspace.h"
#include "grille/history.h"
#include "grille/report.h"
#include "grille/round.h"
#include "grille/sheet.h"
#include "grille/lock.h"
#include "grille/upgrade.h"
#include "grille/position.h"
#include "grille/answer.h"
#include "grille/serve.h"

/** The library's version, "MAJOR.MINOR.PATCH": a static string. */
const char *grille_version(void);

/**
 * Set up the libraries grille stands on (libgit2, cmark-gfm's extensions).
 * Call it before anything else; each successful call is matched by one
 * grille_shutdown(). 0, or GRILLE_EGIT.
 */
int grille_init(void);

/** Undo one grille_init(), once nothing of the library is in use any more. */
void grille_shutdown(void);

#endif
