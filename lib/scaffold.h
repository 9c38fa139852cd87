#ifndef GRILLE_SCAFFOLD_H
#define GRILLE_SCAFFOLD_H

#include "grille/buf.h"
#include "grille/grid.h"

/* The Markdown a workspace starts with, built as a cmark tree from the grid
 * and rendered by cmark, so that any character of the grid's text is escaped
 * as Markdown requires. */

/* A step's file with its items and their questions up to `level`. */
int grille_scaffold_step(grille_buf *out, const grille_step *step, int level);

/* The workspace README: title, the grid's introduction, then `guide`
 * (Markdown: how to work with the workspace). */
int grille_scaffold_readme(grille_buf *out, const grille_grid *grid, const char *title,
                           const char *guide);

#endif
