#ifndef GRILLE_UTF8_H
#define GRILLE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the character at `s` (`len` bytes left, len > 0) as Unicode's table
 * 3-7 of well-formed UTF-8 says. Returns how many bytes it takes; `*cp` is the
 * code point, or -1 for an ill-formed sequence (then the length is that of
 * its maximal subpart, at least 1, as Unicode's U+FFFD practice counts). */
size_t utf8__decode(const char *s, size_t len, int32_t *cp);

/* White space as CommonMark counts it: tab, line feed, form feed, carriage
 * return, and the characters of Unicode's Zs class. */
int utf8__is_space(int32_t cp);

#endif
