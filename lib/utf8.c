#include "utf8.h"

/* Written here rather than taken from cmark-gfm's utf8.h, which upstream does
 * not install. */

size_t utf8__decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];
	*cp = -1;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
	int32_t value;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		value = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		value = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed)
			hi = 0x9f; /* UTF-16 surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		value = c & 0x07;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* past U+10FFFF */
	} else {
		return 1; /* a continuation byte, C0, C1 (overlong) or F5..FF */
	}
	size_t i = 1;
	for (; i < need; i++) {
		if (i >= len || p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return i;
		value = (value << 6) | (p[i] & 0x3f);
	}
	*cp = value;
	return need;
}

int utf8__is_space(int32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == ' ' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}
