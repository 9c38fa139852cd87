#ifndef GRILLE_SCAFFOLD_H
#define GRILLE_SCAFFOLD_H

#include "grille/buf.h"
#include "grille/grid.h"

/* The Markdown a workspace starts with, built as a cmark tree from the grid
 * and rendered by cmark, so that any character of the grid's text is escaped
 * as Markdown requires. */

/* A step's file with its items and their questions up to `level`. */
int scaffold__step(grille_buf *out, const grille_step *step, int level);

/* Questions to add to a step file (deepening an item). */
int scaffold__questions(grille_buf *out, const grille_question *const *questions, size_t count);

/* A skip mark ("**Mis de côté** : reason") or, with `defer`, a deferral
 * ("**À explorer plus tard** (until) : reason"); `until` and `reason` may be NULL. */
int scaffold__mark(grille_buf *out, int defer, const char *until, const char *reason);

/* The workspace README: title, the grid's introduction, then `guide`
 * (Markdown: how to work with the workspace). */
int scaffold__readme(grille_buf *out, const grille_grid *grid, const char *title,
                           const char *guide);

#endif
