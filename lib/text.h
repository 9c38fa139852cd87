#ifndef GRILLE_TEXT_PRIVATE_H
#define GRILLE_TEXT_PRIVATE_H

#include <stddef.h>

#include "grille/buf.h"

/* Append `len` bytes at `s` to `out` with &, <, > and " written as &amp;,
 * &lt;, &gt; and &quot;: fit for HTML text and attribute values in double
 * quotes (' and / are kept, as cmark's own HTML writer keeps them). 0 or
 * GRILLE_ENOMEM. */
int text__escape_html(grille_buf *out, const char *s, size_t len);

/* Where each line of the `len` bytes at `data` starts, in a new array to
 * free: [n] is the offset of line n (from 1), [count + 1] is `len` (one past
 * the last line), and [0] is `count`, the number of lines: one more than the
 * line feeds (an empty text has one line, and so does the text after the
 * last line feed). NULL when out of memory. */
size_t *text__line_starts(const char *data, size_t len);

/* How many line feeds the `len` bytes at `data` hold, eight bytes at a time. */
size_t text__count_newlines(const char *data, size_t len);

/* The byte where line `line` (from 1) of the `len` bytes at `data` starts; `len` past the last. */
size_t text__line_start(const char *data, size_t len, size_t line);

/* Whether a line starts at byte `at` of the `len` bytes at `data` (not past
 * their end) and holds only spaces, tabs and its line ending. */
int text__blank_line_at(const char *data, size_t len, size_t at);

/* `s` trimmed of spaces and tabs, in lower case (ASCII and Latin-1 letters),
 * without accents when `plain` ("Élodie " -> "elodie"): a fresh string, NULL
 * out of memory. */
char *text__fold(const char *s, int plain);

#endif
