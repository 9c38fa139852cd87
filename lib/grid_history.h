#ifndef GRILLE_GRID_HISTORY_H
#define GRILLE_GRID_HISTORY_H

#include "grille/grid.h"

/*
 * The default grids grille shipped before the one it ships now
 * (templates/fr/history/grille-VERSION.yaml, embedded byte for byte): a
 * workspace opens with the grid of the version its grille.yaml records,
 * until `grille grid upgrade` moves it on.
 */

/* Load the default grid of `version` in `language` (a workspace's, as
 * grid_language__of() reads it), the shipped one or an earlier one: 0 with
 * `*out` to free with grille_grid_free(); GRILLE_ENOTFOUND without a message
 * when grille never shipped that version in that language (the English grid
 * starts at 1.3). */
int grid_history__load(grille_grid **out, const char *language, const char *version);

/* The versions grille knows in `language`, oldest first, as "1.0, 1.1, 1.2
 * et 1.3", in a new string (NULL when memory runs out). */
char *grid_history__versions(const char *language);

/* The note `grille grid upgrade` writes, as a quote, under a question (or,
 * with `item`, an item) that the grid of `version` no longer has: plain
 * text, to be rendered as Markdown. The caller frees it; NULL when memory
 * runs out. */
char *grid_history__note(int item, const char *version);

/* Whether `text`, a quote's text as a reader sees it (white space folded),
 * is such a note: the scan does not count it as an answer. */
int grid_history__is_note(const char *text);

#endif
