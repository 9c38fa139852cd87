#ifndef GRILLE_SHEET_H
#define GRILLE_SHEET_H

#include "grille/report.h"
#include "grille/workspace.h"

/**
 * Worksheets for a meeting, to print and hand out (see grille-sheet(1)):
 * for each step, its title and introduction, then each item on a page of
 * its own, with its guidance and its questions up to the workspace's level
 * of detail (grille.yaml's `level`), each followed by room to write. Only
 * the grid and the settings are read: nothing the group wrote shows, and
 * nothing is written but the sheet itself.
 *
 * The options are the report's: `format` (GRILLE_REPORT_HTML or
 * GRILLE_REPORT_ODT; another is GRILLE_EARGUMENT), `step` (NULL: every
 * step; one the grid does not have is GRILLE_EARGUMENT) and `today`;
 * `at` and `guidance` are not read. `out` (NULL accepted) is emptied: a
 * sheet reads no step file, so it finds no problem.
 */

/** Render the worksheet into `sink`, as grille_report_stream() does. */
int grille_sheet_stream(grille_report_result *out, grille_report_sink sink, void *ctx,
                        const grille_workspace *ws, const grille_report_options *opts);

/**
 * Render the worksheet into the file `path`, atomically, never over a file
 * of the group (GRILLE_EEXISTS), as grille_report_write_file() does.
 */
int grille_sheet_write_file(grille_report_result *out, const char *path, const grille_workspace *ws,
                            const grille_report_options *opts);

#endif
