#ifndef GRILLE_SHEET_PRIVATE_H
#define GRILLE_SHEET_PRIVATE_H

#include "report.h"

/* Worksheets (grille/sheet.h): lib/sheet.c loads and sends, lib/sheet_html.c
 * and lib/sheet_odt.c format. A sheet's `struct report` holds only the
 * workspace, its grid and settings, --step, today and the sink: no status,
 * no history, no step file. */

/* Whether the sheet shows step `step` (--step). */
int sheet__shows_step(const struct report *r, const grille_step *step);

/* Whether the sheet shows question `q`: up to the workspace's level. */
int sheet__shows(const struct report *r, const grille_question *q);

/* How many questions of `item` the sheet shows: 0, and the item is left out. */
size_t sheet__question_count(const struct report *r, const grille_item *item);

/* The empty table a data question gets: the columns of its file (static),
 * their number in `*columns` and the empty rows to draw in `*rows`; NULL
 * for a text or choice question. */
const char *const *sheet__table(grille_question_kind kind, const char *language, size_t *columns, size_t *rows);

/* "Fiche de travail — <collective> — niveau de détail N", appended to `out`. */
void sheet__subtitle(grille_buf *out, const struct report *r);

/* The blanks a meeting fills in on a step's first page. */
const char *sheet__meeting_line(const char *language);

/* The worksheet of `r`, whole, through report__flush() or the ODT stream. */
int sheet_html__render(const struct report *r);
int sheet_odt__render(const struct report *r);

#endif
