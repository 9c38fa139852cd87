#ifndef GRILLE_LOG_SCAN_H
#define GRILLE_LOG_SCAN_H

#include <git2.h>

#include "grille/grid.h"
#include "scan.h"

/* Scans of the step files' blobs a log reads, kept in memory for the next
 * commits rather than in the scan cache: the log cache (log_cache.h) keeps
 * what a later log needs, and writing every version of every step file to
 * scan-cache.json cost a first log more than it saved. A commit changes few
 * step files, so most of its blobs are those of the commit walked before it:
 * the most recently used few are kept, each with the grid it was read with,
 * and each use gets its own deep copy (status__build frees the scans it is
 * given). Not shared across threads. */
struct log_scans;

int log_scans__new(struct log_scans **out, git_repository *repo);

/* Take the blobs `ahead` scanned (log_ahead.h) before scanning them; NULL: none. */
struct log_ahead;
void log_scans__ahead(struct log_scans *scans, struct log_ahead *ahead);

/* Scans made already (a first report's `who`, history_private.h), each
 * of a blob with the workspace's grid `grid`: copied rather than made again,
 * and never listed to be scanned ahead. Both outlive the log_scans. */
struct who_scans;
void log_scans__given(struct log_scans *scans, const struct who_scans *given, const grille_grid *grid);

/* 1 when blob `id` with `grid` is among the scans given. */
int log_scans__has_given(const struct log_scans *scans, const git_oid *id, const grille_grid *grid);

/* Scan blob `id` (`name` for messages) with `grid`, from memory when it is
 * there: a history_scanner's function (history_private.h), `ctx` the log_scans. */
int log_scans__scan(void *ctx, const git_oid *id, const char *name, const grille_grid *grid, struct scan *out);

/* NULL-safe. */
void log_scans__free(struct log_scans *scans);

#endif
