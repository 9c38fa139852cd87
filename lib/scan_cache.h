#ifndef GRILLE_SCAN_CACHE_H
#define GRILLE_SCAN_CACHE_H

#include <git2.h>

#include "grille/grid.h"
#include "scan.h"

/* Scans of step files from history, kept by blob ID in .git/grille/, so an
 * unchanged file is never parsed twice. The cache is only a copy: deleting it
 * is safe, and a cache that cannot be read whole is thrown away and rebuilt,
 * never trusted in part. It is tied to the grid, whose guidance it reflects. */
struct scan_cache;

/* Open the cache of `repo` for `grid` (empty when missing, corrupt or made
 * for another grid). Never fails on the cache's content. */
int scan_cache__open(struct scan_cache **out, git_repository *repo, const grille_grid *grid);

/* Scan the blob `id` (`name` for messages), from the cache when it is there. */
int scan_cache__scan(struct scan_cache *cache, const git_oid *id, const char *name,
                           struct scan *out);

/* Write the cache back if it learnt anything; failing to is not an error. */
void scan_cache__close(struct scan_cache *cache);

/* Whether the cache was found unreadable and started again (for tests and messages). */
int scan_cache__was_rebuilt(const struct scan_cache *cache);

#endif
