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
 * ("**À explorer plus tard** (until) : reason"); `until` and `reason` may be
 * NULL. In a grid of `language` "en": "**Skipped**: reason", "**Deferred**
 * (until): reason". */
int scaffold__mark(grille_buf *out, const char *language, int defer, const char *until, const char *reason);

/* The workspace README: title, the grid's introduction, then `guide`
 * (Markdown: how to work with the workspace). */
int scaffold__readme(grille_buf *out, const grille_grid *grid, const char *title,
                           const char *guide);

/* The pieces scaffold__step() writes, each alone, as it writes them: a
 * heading (level 2 for an item, 3 for a question), a guidance quote (nothing
 * for NULL), a choice's options, an item with its questions up to `level`.
 * `grille grid upgrade` recognises them in a file and writes their new text. */
int scaffold__heading(grille_buf *out, int level, const char *id, const char *title);
int scaffold__guidance(grille_buf *out, const char *markdown);
int scaffold__options(grille_buf *out, const grille_question *question);
int scaffold__item(grille_buf *out, const grille_item *item, int level);
/* A group's heading (and its introduction), as scaffold__step() writes it before its first item. */
int scaffold__group(grille_buf *out, const grille_item_group *group);

#endif
