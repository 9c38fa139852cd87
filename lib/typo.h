#ifndef GRILLE_TYPO_H
#define GRILLE_TYPO_H

#include <stddef.h>

#include "grille/buf.h"

/* Append the `len` bytes at `text` to `out` with French typography: the
 * space (U+0020) the writer put before ; ! ? becomes a narrow no-break space
 * (U+202F), the one before : or » and after « a no-break space (U+00A0).
 * Only the kind of space changes: a missing space is never added, nothing
 * else is touched. For print only (reports, worksheets), never for the
 * files. 0 or GRILLE_ENOMEM. */
int typo__french(grille_buf *out, const char *text, size_t len);

#endif
