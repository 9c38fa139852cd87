#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/text.h"
#include "text.h"
#include "utf8.h"

/* The replacement character, U+FFFD. */
static const char replacement[] = "\xef\xbf\xbd";

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

/* A printable ASCII character, kept as it is by every kind of text. */
static int plain_ascii(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

int grille_text_is_clean(const char *s, size_t len, grille_text_kind kind)
{
	char caret[3];
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		/* Most of a report is printable ASCII: its runs go without decoding. */
		if (plain_ascii(u[i])) {
			i++;
			continue;
		}
		int32_t cp;
		i += utf8__decode(s + i, len - i, &cp);
		if (cp < 0 || replace(cp, kind, caret))
			return 0;
	}
	return 1;
}

int grille_text_clean(grille_buf *out, const char *s, size_t len, grille_text_kind kind)
{
	char caret[3];
	size_t kept = 0; /* start of the run of bytes copied as they are */
	int error = grille_buf_grow(out, len);
	for (size_t i = 0; !error && i < len;) {
		int32_t cp;
		size_t n = utf8__decode(s + i, len - i, &cp);
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
	size_t len = strlen(text);
	*column = 1;
	for (size_t i = 0; i < len; (*column)++) {
		size_t n = utf8__decode(text + i, len - i, cp);
		if (*cp < 0)
			return 1;
		if ((*cp < 0x20 && *cp != '\t' && !(lines && *cp == '\n')) || (*cp >= 0x7f && *cp < 0xa0) ||
		    (!lines && (*cp == 0x2028 || *cp == 0x2029)))
			return 2;
		i += n;
	}
	return 0;
}

int text__escape_html(grille_buf *out, const char *s, size_t len)
{
	size_t kept = 0; /* start of the run of bytes copied as they are */
	int error = 0;
	for (size_t i = 0; !error && i < len; i++) {
		const char *with = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" :
		                   s[i] == '"' ? "&quot;" : NULL;
		if (with) {
			error = grille_buf_put(out, s + kept, i - kept);
			if (!error)
				error = grille_buf_puts(out, with);
			kept = i + 1;
		}
	}
	if (!error)
		error = grille_buf_put(out, s + kept, len - kept);
	return error;
}

size_t text__count_newlines(const char *data, size_t len)
{
	const uint64_t lows = UINT64_C(0x7f7f7f7f7f7f7f7f), feeds = UINT64_C(0x0a0a0a0a0a0a0a0a);
	size_t count = 0, i = 0;
	while (len - i >= 8) {
		/* One in each byte that is a line feed, summed byte by byte for up to 255 words. */
		uint64_t sums = 0;
		for (size_t words = 0; words < 255 && len - i >= 8; words++, i += 8) {
			uint64_t word;
			memcpy(&word, data + i, 8);
			word ^= feeds; /* a line feed is now a zero byte */
			sums += (~(((word & lows) + lows) | word) >> 7) & UINT64_C(0x0101010101010101);
		}
		uint64_t pairs = (sums & UINT64_C(0x00ff00ff00ff00ff)) + ((sums >> 8) & UINT64_C(0x00ff00ff00ff00ff));
		count += (size_t)((pairs * UINT64_C(0x0001000100010001)) >> 48);
	}
	for (; i < len; i++)
		count += data[i] == '\n';
	return count;
}

size_t *text__line_starts(const char *data, size_t len)
{
	size_t count = 1;
	for (size_t i = 0; i < len; i++)
		count += data[i] == '\n';
	size_t *starts = malloc((count + 2) * sizeof(*starts));
	if (!starts)
		return NULL;
	size_t line = 1;
	starts[line] = 0;
	for (size_t i = 0; i < len; i++)
		if (data[i] == '\n')
			starts[++line] = i + 1;
	starts[0] = line;
	starts[line + 1] = len;
	return starts;
}

int text__blank_line_at(const char *data, size_t len, size_t at)
{
	if (at >= len)
		return 0;
	for (size_t i = at; i < len && data[i] != '\n'; i++)
		if (!strchr(" \t\r", data[i]))
			return 0;
	return 1;
}

char *text__fold(const char *s, int plain)
{
	static const char plain_of[32] = "aaaaaa?ceeeeiiii?nooooo??uuuuy?y";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s), n = 0;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char *out = malloc(len + 1);
	for (size_t i = 0; out && i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0xC3 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xC0) {
			unsigned char d = (unsigned char)s[++i];
			if (d < 0x9F && d != 0x97)
				d += 0x20;
			if (plain && d >= 0xA0 && plain_of[d - 0xA0] != '?') {
				out[n++] = plain_of[d - 0xA0];
			} else {
				out[n++] = (char)c;
				out[n++] = (char)d;
			}
		} else {
			out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
	}
	if (out)
		out[n] = '\0';
	return out;
}

size_t text__line_start(const char *data, size_t len, size_t line)
{
	size_t at = 0;
	for (size_t n = 1; n < line && at < len; n++) {
		const char *nl = memchr(data + at, '\n', len - at);
		at = nl ? (size_t)(nl - data) + 1 : len;
	}
	return at;
}
