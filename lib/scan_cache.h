#ifndef GRILLE_SCAN_CACHE_H
#define GRILLE_SCAN_CACHE_H

#include <git2.h>
#include <jansson.h>

#include "grille/buf.h"
#include "grille/grid.h"
#include "scan.h"

/* Scans of step files from history, kept by blob ID in .git/grille/, so an
 * unchanged file is never parsed twice. The cache is only a copy: deleting it
 * is safe, and a cache that cannot be read whole is thrown away and rebuilt,
 * never trusted in part. It is tied to the grid, whose guidance it reflects.
 * The stat cache (stat_cache.h) keeps the working tree's scans the same way. */
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

/* What both caches share. */

/* The grid as a cached scan depends on it: its ID, version and a hash of its
 * text and pointer lines, in a new string (NULL when memory runs out). */
char *scan_cache__grid_key(const grille_grid *grid);

/* A cache file read whole into `out`: 0, or -1 (nothing in `out`, no
 * message) when it is missing, not a regular file or absurdly large. */
int scan_cache__read(grille_buf *out, const char *path);

/* A cache file read whole: its JSON object (to json_decref), or NULL when it
 * is missing, not a regular file, absurdly large, cut short or not JSON. */
json_t *scan_cache__load(const char *path);

/* Write `root` to `path` (in the git folder's grille/, made if missing)
 * atomically: a reader sees the old cache or the new one, never a part.
 * Failing to is no error, and the last error message stays. */
void scan_cache__save(git_repository *repo, const char *path, json_t *root);

/* The same for a cache that is not JSON: `len` bytes of `data`. */
void scan_cache__save_bytes(git_repository *repo, const char *path, const char *data, size_t len);


#endif
