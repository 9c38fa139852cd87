#ifndef GRILLE_GRID_SNAPSHOT_H
#define GRILLE_GRID_SNAPSHOT_H

#include <stddef.h>

#include "grille/grid.h"

/* A parsed grid kept on disk (under .git/grille/), so that a large grid's YAML
 * is parsed once, not at every command. See lib/grid_snapshot.c. */

/* Write `grid`'s snapshot at `path`, atomically; a failure is silent (a cache). */
void grid_snapshot__save(const grille_grid *grid, const char *path);

/* The grid of the snapshot at `path` in *out when it was made, by this version of
 * grille, from exactly `source`; *out NULL otherwise (no snapshot, another text,
 * a damaged file), which is no error. Fails only when memory runs out. */
int grid_snapshot__load(grille_grid **out, const char *path, const char *source, size_t len, const char *name);

/* The grid a snapshot holds after its text (for the fuzz target and the tests):
 * read from `r` to its end, checked as the load checks it; NULL when the bytes
 * are not such a grid, and *oom set when memory ran out. */
struct bin_reader;
grille_grid *grid_snapshot__read_grid(struct bin_reader *r, const char *source, size_t len, const char *name, int *oom);

#endif
