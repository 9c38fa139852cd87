#ifndef GRILLE_TEXT_PRIVATE_H
#define GRILLE_TEXT_PRIVATE_H

#include <stddef.h>

#include "grille/buf.h"

/* Append `len` bytes at `s` to `out` with &, <, > and " written as &amp;,
 * &lt;, &gt; and &quot;: fit for HTML text and attribute values in double
 * quotes (' and / are kept, as cmark's own HTML writer keeps them). 0 or
 * GRILLE_ENOMEM. */
int text__escape_html(grille_buf *out, const char *s, size_t len);

#endif
