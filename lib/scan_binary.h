#ifndef GRILLE_SCAN_BINARY_H
#define GRILLE_SCAN_BINARY_H

#include <stddef.h>

#include "binio.h"
#include "scan.h"

/* A scan of a working-tree file in binary form (lib/binio.h), whole: its
 * items, questions, marks, sections and byte offsets, as the stat cache keeps
 * it (lib/stat_cache.c). Not the answers' line ranges of scan__detailed(). */

void scan_binary__put(grille_buf *out, const struct scan *s);

/* Read back what scan_binary__put() wrote, for a file of `size` bytes: 0 and
 * `out` filled (release it), or -1 when the bytes are not such a scan, or one
 * whose offsets pass the end of the file (the editing commands cut there);
 * `out` is then released. r->oom tells memory that ran out. */
int scan_binary__get(struct bin_reader *r, struct scan *out, size_t size);

#endif
