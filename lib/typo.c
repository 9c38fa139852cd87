#include <string.h>
#include <strings.h>

#include "typo.h"

/* The rule of the Imprimerie nationale's Lexique: a no-break space (U+00A0,
 * as wide as a space) before the colon and inside the guillemets, a narrow
 * one (U+202F, a "fine") before the semicolon, the exclamation and the
 * question mark. */
static const char nbsp[] = "\xc2\xa0";
static const char narrow[] = "\xe2\x80\xaf";

/* A web or mail address: a space right after it stays a space, so that the
 * address ends where a reader (or a Markdown autolink) expects it. */
static int address(const char *word, size_t len)
{
	static const char *const schemes[] = { "http://", "https://", "mailto:" };
	for (size_t i = 0; i < sizeof(schemes) / sizeof(*schemes); i++) {
		size_t n = strlen(schemes[i]);
		if (len >= n && strncasecmp(word, schemes[i], n) == 0)
			return 1;
	}
	return 0;
}

/* What the space at `text[i]` becomes: NULL when it stays. `word` is where
 * the word before it starts. */
static const char *space_for(const char *text, size_t len, size_t i, size_t word)
{
	unsigned char next = i + 1 < len ? (unsigned char)text[i + 1] : 0;
	unsigned char after = i + 2 < len ? (unsigned char)text[i + 2] : 0;
	if (address(text + word, i - word))
		return NULL;
	if (i >= 2 && (unsigned char)text[i - 2] == 0xc2 && (unsigned char)text[i - 1] == 0xab)
		return nbsp; /* after « */
	switch (next) {
	case ';':
	case '!':
	case '?':
		return narrow;
	case ':':
		/* "::" and what reads as a time or a ratio (" :30") are left. */
		return after == ':' || (after >= '0' && after <= '9') ? NULL : nbsp;
	case 0xc2:
		return after == 0xbb ? nbsp : NULL; /* before » */
	default:
		return NULL;
	}
}

/* One pass, byte by byte: every character looked at is ASCII or the lead
 * byte of « », so the bytes of other characters pass as they are. */
int typo__french(grille_buf *out, const char *text, size_t len)
{
	size_t from = 0, word = 0;
	int line_text = 0; /* the line has more than spaces so far */
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c == '\n' || c == '\r' || c == '\t' || (c == ' ' && !line_text)) {
			line_text = line_text && c != '\n' && c != '\r';
			word = i + 1;
			continue;
		}
		if (c != ' ') {
			line_text = 1;
			continue;
		}
		const char *space = space_for(text, len, i, word);
		word = i + 1;
		if (!space)
			continue;
		grille_buf_put(out, text + from, i - from);
		grille_buf_puts(out, space);
		from = i + 1;
	}
	return grille_buf_put(out, text + from, len - from);
}
