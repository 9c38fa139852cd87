#include <stdint.h>
#include <string.h>

#include "grille/text.h"

/* The replacement character, U+FFFD. */
static const char replacement[] = "\xef\xbf\xbd";

/* Decode the character at `p` (`n` bytes left, n > 0) as Unicode's table 3-7
 * of well-formed UTF-8 says. Returns how many bytes it takes; `*cp` is the
 * code point, or -1 for an ill-formed sequence (then the length is that of
 * its maximal subpart, at least 1). */
static size_t decode(const unsigned char *p, size_t n, int32_t *cp)
{
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
		if (i >= n || p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return i;
		value = (value << 6) | (p[i] & 0x3f);
	}
	*cp = value;
	return need;
}

static int noncharacter(int32_t cp)
{
	return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

/* What a valid code point becomes: NULL to keep it, or its replacement. */
static const char *replace(int32_t cp, grille_text_kind kind, char caret[3])
{
	switch (kind) {
	case GRILLE_TEXT_MARKUP:
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7f && cp <= 0x9f) || noncharacter(cp))
			return replacement;
		return NULL;
	case GRILLE_TEXT_TERMINAL:
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7f) {
			caret[0] = '^';
			caret[1] = cp == 0x7f ? '?' : (char)(cp + 0x40);
			caret[2] = '\0';
			return caret;
		}
		return cp >= 0x80 && cp <= 0x9f ? replacement : NULL;
	default:
		return NULL;
	}
}

int grille_text_is_clean(const char *s, size_t len, grille_text_kind kind)
{
	const unsigned char *p = (const unsigned char *)s;
	char caret[3];
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += decode(p + i, len - i, &cp);
		if (cp < 0 || replace(cp, kind, caret))
			return 0;
	}
	return 1;
}

int grille_text_clean(grille_buf *out, const char *s, size_t len, grille_text_kind kind)
{
	const unsigned char *p = (const unsigned char *)s;
	char caret[3];
	size_t kept = 0; /* start of the run of bytes copied as they are */
	int error = grille_buf_grow(out, len);
	for (size_t i = 0; !error && i < len;) {
		int32_t cp;
		size_t n = decode(p + i, len - i, &cp);
		const char *with = cp < 0 ? replacement : replace(cp, kind, caret);
		if (with) {
			error = grille_buf_put(out, s + kept, i - kept);
			if (!error)
				error = grille_buf_puts(out, with);
			kept = i + n;
		}
		i += n;
	}
	if (!error)
		error = grille_buf_put(out, s + kept, len - kept);
	return error;
}

int grille_text_problem(const char *text, int lines, int32_t *cp, size_t *column)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text);
	*column = 1;
	for (size_t i = 0; i < len; (*column)++) {
		size_t n = decode(p + i, len - i, cp);
		if (*cp < 0)
			return 1;
		if ((*cp < 0x20 && *cp != '\t' && !(lines && *cp == '\n')) || (*cp >= 0x7f && *cp < 0xa0) ||
		    (!lines && (*cp == 0x2028 || *cp == 0x2029)))
			return 2;
		i += n;
	}
	return 0;
}
