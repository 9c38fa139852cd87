#ifndef GRILLE_REPORT_H
#define GRILLE_REPORT_H

#include "grille/buf.h"
#include "grille/workspace.h"

/**
 * The report: one document for the group and its partners, built from the
 * workspace, its settings and its history. See grille-report(1).
 */

typedef enum grille_report_format {
	GRILLE_REPORT_HTML,     /**< one standalone page: inline CSS and SVG */
	GRILLE_REPORT_ODT,      /**< flat OpenDocument text (.fodt) */
	GRILLE_REPORT_MARKDOWN, /**< one Markdown document */
	GRILLE_REPORT_JSON,     /**< the data behind the report */
} grille_report_format;

/** What report to make; only read by the library. */
typedef struct grille_report_options {
	grille_report_format format;
	const char *at;    /**< a commit or milestone; NULL for the working tree */
	const char *step;  /**< one step's ID; NULL for every step */
	const char *today; /**< "YYYY-MM-DD"; NULL for the local date */
	int guidance;      /**< show each step's introduction and each item's guidance beside the answers */
	int round;         /**< a finished round, read from its archive `tour-N/` (grille-round(1)); 0: the current one */
	int authors;       /**< beside each answer, who wrote it, as grille_history_who() credits its lines */
} grille_report_options;

/** What rendering a report found, for the caller to tell: the caller's, nothing to free. */
typedef struct grille_report_result {
	size_t problems;   /**< step files that could not be read (the report shows them in their place) */
} grille_report_result;

/**
 * Where a streamed report goes: `len` bytes at `data`, valid only during
 * the call. Return 0, or a negative code to stop the report, which then
 * fails with that code; the library sets no message for a sink's failure:
 * the sink says what failed (through `ctx`).
 */
typedef int (*grille_report_sink)(void *ctx, const void *data, size_t len);

/**
 * Render the report piece by piece into `sink` (given `ctx` back), so it
 * never sits whole in memory. Whatever the group wrote is escaped: raw HTML
 * is left out and only http, https and mailto links (and relative ones)
 * are kept, in every format. `out` (NULL accepted) is emptied first, then
 * filled once the report is rendered. 0, a sink's own failure as it
 * returned it, or a negative code with its message: GRILLE_ENOTFOUND for an
 * `opts->at` git does not know or an `opts->round` not finished or not
 * archived, GRILLE_EARGUMENT for an `opts->step` the grid does not have.
 */
int grille_report_stream(grille_report_result *out, grille_report_sink sink, void *ctx,
                         const grille_workspace *ws, const grille_report_options *opts);

/**
 * Render the report into the file `path`, atomically: a temporary file, synced,
 * then renamed over it. A failure leaves any old file as it was. Refused
 * (GRILLE_EEXISTS) over a file of the group: a step file, grille.yaml, the
 * README, the grid, .gitignore, anything git tracks or anything in the git
 * folder; refused over a link. A tube or a character device is written into.
 * `out` as for grille_report_stream().
 */
int grille_report_write_file(grille_report_result *out, const char *path, const grille_workspace *ws,
                             const grille_report_options *opts);

/** The usual file extension of a format: "html", "fodt", "md" or "json", a static string. */
const char *grille_report_extension(grille_report_format format);

/** The format named "html", "odt" (or "fodt"), "md" (or "markdown") or "json"; -1 if none. */
int grille_report_format_from_name(const char *name);

#endif
