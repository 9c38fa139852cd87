#ifndef GRILLE_UTF8_H
#define GRILLE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the character at `s` (`len` bytes left, len > 0) as Unicode's table
 * 3-7 of well-formed UTF-8 says. Returns how many bytes it takes; `*cp` is the
 * code point, or -1 for an ill-formed sequence (then the length is that of
 * its maximal subpart, at least 1, as Unicode's U+FFFD practice counts). */
size_t utf8__decode(const char *s, size_t len, int32_t *cp);

/* The offset of the first NUL byte or ill-formed sequence in `s`, or `len`
 * when there is none: the check every text read goes through, eight ASCII
 * bytes at a time and two-byte characters (most of French's accents) without
 * a call. */
size_t utf8__first_bad(const char *s, size_t len);

/* White space as CommonMark counts it: tab, line feed, form feed, carriage
 * return, and the characters of Unicode's Zs class. */
int utf8__is_space(int32_t cp);

#endif
