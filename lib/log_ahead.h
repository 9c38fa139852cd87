#ifndef GRILLE_LOG_AHEAD_H
#define GRILLE_LOG_AHEAD_H

#include <git2.h>

#include "grille/grid.h"
#include "scan.h"

/* The step files' blobs a cold log will scan, scanned ahead on other threads
 * while the walk goes on: cmark's parse of each distinct blob is most of a
 * first log, and the walk itself is serial (one repository handle). The walk
 * lists each commit's blobs a few commits before it reaches them (the helpers
 * never run further ahead, so memory stays bounded), then takes each scan
 * when its commit needs it, in the walk's order: the log comes out the same
 * with or without helpers. The walk's thread reads each blob as it lists it
 * (libgit2 stays on that thread: its repository handle is not shared, and
 * the helpers only parse the bytes); while a helper scans the blob the walk
 * needs, the walk scans a later one rather than wait.
 * A scan that failed, or that a commit needs with another grid (an earlier
 * one that `grille grid upgrade` replaced), is the walk's to redo: its error
 * is raised on the walk's thread. The functions below are all the walk's. */
struct log_ahead;

/* Start `helpers` threads (at least 1) scanning blobs of `repo` with `grid`,
 * both outliving the log_ahead; `repo` is used only on the walk's thread. */
int log_ahead__new(struct log_ahead **out, git_repository *repo, const grille_grid *grid, size_t helpers);

/* Blob `id` (step file `name`, a string that outlives the log_ahead) will
 * be needed by the walk's commit number `commit`, the commits being listed in
 * the walk's order: read now, scanned by the next helper free. A blob listed
 * before is not listed again; one that cannot be read is left to the walk. */
int log_ahead__list(struct log_ahead *a, const git_oid *id, const char *name, size_t commit);

/* The walk is done with the commits before number `commit`: the scans listed
 * for them and not taken are dropped. */
void log_ahead__passed(struct log_ahead *a, size_t commit);

/* 1 and the scan of blob `id` moved into `out` when it was listed, is not
 * taken yet, was scanned with `grid` and did not fail (waiting for a helper
 * that scans it); else 0, and the caller scans it itself. */
int log_ahead__take(struct log_ahead *a, const git_oid *id, const grille_grid *grid, struct scan *out);

/* Stop the helpers and free what is left. NULL-safe. */
void log_ahead__free(struct log_ahead *a);

#endif
