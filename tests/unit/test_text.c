/* Text made fit for each output: UTF-8 repaired as Unicode recommends, the
 * characters a format forbids replaced, a terminal's controls made visible. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/text.h"
#include "tap.h"
#include "text.h"
#include "utf8.h"

#define FFFD "\xef\xbf\xbd"

static void fit(const char *in, size_t len, grille_text_kind kind, const char *want, const char *what)
{
	grille_buf out = GRILLE_BUF_INIT;
	ok(grille_text_clean(&out, in, len, kind) == 0, "%s: cleaned", what);
	is_str(out.ptr ? out.ptr : "", want, "%s", what);
	ok(grille_text_is_clean(in, len, kind) == (strcmp(out.ptr ? out.ptr : "", in) == 0 && strlen(in) == len),
	   "%s: is_clean agrees", what);
	if (out.ptr)
		ok(grille_text_is_clean(out.ptr, out.len, kind), "%s: the result is clean", what);
	grille_buf_release(&out);
}

#define FIT(in, kind, want, what) fit(in, sizeof(in) - 1, kind, want, what)

static void escape(const char *in, const char *want, const char *what)
{
	grille_buf out = GRILLE_BUF_INIT;
	ok(text__escape_html(&out, in, strlen(in)) == 0, "%s: escaped", what);
	is_str(out.ptr ? out.ptr : "", want, "%s", what);
	grille_buf_release(&out);
}

/* HTML escaping as cmark's HTML writer does it for text (houdini, not in
 * secure mode): the bytes of every report in HTML depend on it. */
static void check_escape(void)
{
	escape("", "", "nothing");
	escape("Café & co", "Café &amp; co", "an ampersand");
	escape("<b>\"x\"</b>", "&lt;b&gt;&quot;x&quot;&lt;/b&gt;", "markup and double quotes");
	escape("l'été / 2027", "l'été / 2027", "a single quote and a slash are kept");
	escape("&amp;", "&amp;amp;", "an entity is escaped again");
	char all[128];
	for (int i = 1; i < 128; i++)
		all[i - 1] = (char)i;
	all[127] = '\0';
	grille_buf out = GRILLE_BUF_INIT;
	text__escape_html(&out, all, 127);
	/* 123 bytes as they are, and &quot; &amp; &lt; &gt; for the other four. */
	ok(out.len == 123 + 6 + 5 + 4 + 4 && strstr(out.ptr, "!&quot;#$%&amp;'()*+,-./0") &&
	   strstr(out.ptr, ";&lt;=&gt;?@A") && out.ptr[0] == 1 && out.ptr[out.len - 1] == 127,
	   "every other ASCII byte stays as it is");
	grille_buf_release(&out);
}

static void decode(const char *in, size_t len, size_t want_len, int32_t want_cp, const char *what)
{
	int32_t cp = 0;
	size_t n = utf8__decode(in, len, &cp);
	ok(n == want_len && cp == want_cp, "%s: %zu byte(s), U+%04X (got %zu, %d)", what, want_len,
	   (unsigned)want_cp, n, (int)cp);
}

/* One character at a time, as Unicode's table 3-7 says; an ill-formed
 * sequence is as long as its maximal subpart. */
static void check_utf8(void)
{
	decode("A", 1, 1, 'A', "ASCII");
	decode("", 1, 1, 0, "NUL is a character");
	decode("é", 2, 2, 0xe9, "two bytes");
	decode("€", 3, 3, 0x20ac, "three bytes");
	decode("𝄞", 4, 4, 0x1d11e, "four bytes");
	decode("\xf4\x8f\xbf\xbf", 4, 4, 0x10ffff, "the last code point");
	decode("\xef\xbf\xbe", 3, 3, 0xfffe, "a noncharacter decodes");
	decode("\x80", 1, 1, -1, "a lone continuation byte");
	decode("\xc0\xaf", 2, 1, -1, "C0: always overlong");
	decode("\xc1\xbf", 2, 1, -1, "C1: always overlong");
	decode("\xe0\x9f\xbf", 3, 1, -1, "an overlong three-byte form");
	decode("\xed\xa0\x80", 3, 1, -1, "a UTF-16 surrogate");
	decode("\xf0\x8f\xbf\xbf", 4, 1, -1, "an overlong four-byte form");
	decode("\xf4\x90\x80\x80", 4, 1, -1, "past U+10FFFF");
	decode("\xf5\x80\x80\x80", 4, 1, -1, "F5 never starts a character");
	decode("\xff", 1, 1, -1, "FF never starts a character");
	decode("\xe2\x82", 2, 2, -1, "cut short by the end: the bytes there");
	decode("\xe2\x82" "A", 3, 2, -1, "cut short by ASCII: A is not taken");
	decode("\xf0\x9d\x84", 3, 3, -1, "three of four bytes");
	decode("\xc3\xa9", 1, 1, -1, "the length given is respected");
	ok(utf8__is_space(' ') && utf8__is_space('\t') && utf8__is_space('\n') && utf8__is_space('\r') &&
	   utf8__is_space('\f') && utf8__is_space(0xa0) && utf8__is_space(0x1680) && utf8__is_space(0x2000) &&
	   utf8__is_space(0x200a) && utf8__is_space(0x202f) && utf8__is_space(0x205f) && utf8__is_space(0x3000),
	   "white space: ASCII and Zs");
	ok(!utf8__is_space('\v') && !utf8__is_space(0x85) && !utf8__is_space(0x200b) && !utf8__is_space(0x2028) &&
	   !utf8__is_space('a') && !utf8__is_space(-1), "not white space: VT, NEL, ZWSP, LS, a letter, -1");
}

/* The first bad byte as utf8__decode() finds it, one character at a time. */
static size_t first_bad_slowly(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8__decode(s + i, len - i, &cp);
		if (cp <= 0)
			return i;
		i += n;
	}
	return len;
}

/* utf8__first_bad() reads 64 bytes at a time, a word of 8 at a time: each
 * sequence is put at every offset around two blocks, in French text and
 * between ASCII bytes, cut by the end too, and must be found where
 * utf8__decode() finds it. */
static void check_first_bad(void)
{
	static const char *const pieces[] = {
		"é", "€", "𝄞", "\xf4\x8f\xbf\xbf", "\xc2\x80", "\xdf\xbf", /* well formed */
		"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xc2", "\xc2" "A", "\xc3\xc3\xa9", "\xe0\x9f\xbf",
		"\xed\xa0\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80", "\xff", "\xe2\x82",
		"\xe2\x82" "A", "\xf0\x9d\x84", "é\x80", "\x80é",
	};
	static const char *const grounds[] = {
		"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?-_ ",
		"Décision réunion coopérative éàèùçôîêâ ë ï ü ÿ œ æ — « charte » à l’accueil ",
	};
	char text[256];
	size_t cases = 0, wrong = 0;
	for (size_t g = 0; g < sizeof(grounds) / sizeof(*grounds); g++)
		for (size_t k = 0; k < sizeof(pieces) / sizeof(*pieces); k++)
			for (size_t at = 0; at < 140; at++) {
				/* The ground's bytes from `at` on, cut back to a character's start. */
				size_t glen = strlen(grounds[g]), n = 0;
				for (size_t i = 0; n < at; i = (i + 1) % glen)
					text[n++] = grounds[g][i];
				while (n && ((unsigned char)text[n - 1] & 0xc0) == 0x80)
					n--;
				if (n && (unsigned char)text[n - 1] >= 0xc0)
					n--;
				size_t plen = strlen(pieces[k]);
				memcpy(text + n, pieces[k], plen);
				size_t len = n + plen;
				for (size_t i = 0; len < 200; i = (i + 1) % glen)
					text[len++] = grounds[g][i];
				while (((unsigned char)text[len - 1] & 0xc0) == 0x80 || (unsigned char)text[len - 1] >= 0xc0)
					len--; /* a whole character at the end */
				for (size_t cut = n; cut <= len; cut += cut < n + plen + 2 ? 1 : len - cut + (cut == len)) {
					cases++;
					if (utf8__first_bad(text, cut) != first_bad_slowly(text, cut))
						wrong++;
				}
			}
	ok(cases > 10000 && wrong == 0, "the first bad byte at every offset: %zu wrong of %zu", wrong, cases);
	text[0] = 'a';
	memset(text + 1, 'b', 100);
	text[70] = '\0';
	ok(utf8__first_bad(text, 101) == 70, "a NUL byte in the second block");
	ok(utf8__first_bad(text, 0) == 0 && utf8__first_bad("\0", 1) == 0, "empty text; a NUL alone");
	/* Random bytes, biased to the ones that make sequences. */
	srand(1);
	static const unsigned char alphabet[] = { 'a', 0, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0,
	                                          0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5 };
	wrong = 0;
	size_t glen = strlen(grounds[1]);
	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand() % 200), from = (size_t)rand() % glen;
		for (size_t i = 0; i < len; i++)
			text[i] = rand() % 40 ? grounds[1][(from + i) % glen] : (char)alphabet[rand() % sizeof(alphabet)];
		wrong += utf8__first_bad(text, len) != first_bad_slowly(text, len);
	}
	ok(wrong == 0, "random bytes: %zu wrong of 20000", wrong);
}

/* Line feeds counted eight bytes at a time, as one at a time counts them,
 * past the 255 words a byte's sum can hold. */
static void check_count_newlines(void)
{
	static char text[4096];
	srand(3);
	size_t wrong = 0, cases = 0;
	for (int round = 0; round < 200; round++) {
		int density = 1 + rand() % 8; /* from all line feeds to few */
		for (size_t i = 0; i < sizeof(text); i++)
			text[i] = rand() % density ? (char)(rand() % 2 ? 'a' : 0x8a) : '\n';
		size_t from = (size_t)rand() % 16, len = (size_t)rand() % (sizeof(text) - from);
		size_t want = 0;
		for (size_t i = 0; i < len; i++)
			want += text[from + i] == '\n';
		cases++;
		wrong += text__count_newlines(text + from, len) != want;
	}
	ok(wrong == 0, "line feeds counted: %zu wrong of %zu", wrong, cases);
	memset(text, '\n', sizeof(text));
	ok(text__count_newlines(text, sizeof(text)) == sizeof(text), "a text of line feeds only: %zu",
	   text__count_newlines(text, sizeof(text)));
	ok(text__count_newlines("", 0) == 0 && text__count_newlines("a\nb\n", 4) == 2, "none; two");
}

/* starts: the expected array, [0] the line count, then count + 1 offsets. */
static void lines(const char *in, const size_t *want, const char *what)
{
	size_t *got = text__line_starts(in, strlen(in));
	int same = got && got[0] == want[0];
	for (size_t n = 1; same && n <= want[0] + 1; n++)
		same = got[n] == want[n];
	ok(same, "line index: %s", what);
	free(got);
	same = 1;
	for (size_t n = 1; n <= want[0] + 1; n++)
		same &= text__line_start(in, strlen(in), n) == want[n];
	ok(same && text__line_start(in, strlen(in), 0) == 0 && text__line_start(in, strlen(in), 1000) == strlen(in),
	   "one line's start: %s", what);
}

/* One line index for edits and for the report's answers. */
static void check_lines(void)
{
	lines("", (const size_t[]){ 1, 0, 0 }, "an empty text has one line");
	lines("a", (const size_t[]){ 1, 0, 1 }, "no line feed: one line");
	lines("a\n", (const size_t[]){ 2, 0, 2, 2 }, "a final line feed opens an empty last line");
	lines("ab\ncd", (const size_t[]){ 2, 0, 3, 5 }, "two lines, the last one unfinished");
	lines("a\r\n\r\nb\n", (const size_t[]){ 4, 0, 3, 5, 7, 7 }, "CR stays in its line");
}

/* Every byte, alone and amid ASCII text, in every kind: grille_text_is_clean()
 * (which skips runs of printable ASCII) says clean exactly when cleaning
 * changes nothing. */
static void check_every_byte(void)
{
	static const grille_text_kind kinds[] = { GRILLE_TEXT_UTF8, GRILLE_TEXT_MARKUP, GRILLE_TEXT_TERMINAL };
	size_t disagree = 0, kept = 0;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (int b = 0; b < 256; b++) {
			char text[] = { 'a', 'b', (char)b, 'c', '~', ' ' };
			for (size_t from = 0; from < 3; from += 2) { /* the byte amid text, then first */
				grille_buf out = GRILLE_BUF_INIT;
				const char *in = text + from;
				size_t len = sizeof(text) - from;
				int same = grille_text_clean(&out, in, len, kinds[k]) == 0 && out.len == len &&
				           memcmp(out.ptr, in, len) == 0;
				disagree += grille_text_is_clean(in, len, kinds[k]) != same;
				kept += same;
				grille_buf_release(&out);
			}
		}
	ok(disagree == 0, "every byte in every kind: is_clean agrees with clean (%zu disagree)", disagree);
	ok(kept > 3 * 2 * 95 && kept < 3 * 2 * 256, "some bytes kept, some not (%zu)", kept);
}

int main(void)
{
	grille_init();
	check_every_byte();
	check_first_bad();
	check_count_newlines();
	/* Well-formed text stays as it is, in every kind. */
	FIT("Café crème, œuvre, 𝄞 — ok\t\n", GRILLE_TEXT_UTF8, "Café crème, œuvre, 𝄞 — ok\t\n", "good text (JSON)");
	FIT("Café crème, œuvre, 𝄞 — ok\t\r\n", GRILLE_TEXT_MARKUP, "Café crème, œuvre, 𝄞 — ok\t\r\n", "good text (markup)");
	FIT("Café — ok\t\n", GRILLE_TEXT_TERMINAL, "Café — ok\t\n", "good text (terminal)");
	FIT("\xef\xbf\xbd\xf4\x8f\xbf\xbd", GRILLE_TEXT_MARKUP, FFFD "\xf4\x8f\xbf\xbd", "U+FFFD and U+10FFFD are characters");

	/* Ill-formed UTF-8: one U+FFFD per maximal subpart, in every kind. */
	FIT("caf\xe9!", GRILLE_TEXT_UTF8, "caf" FFFD "!", "a Latin-1 byte");
	FIT("a\xc0\xafz", GRILLE_TEXT_UTF8, "a" FFFD FFFD "z", "overlong '/' on two bytes");
	FIT("a\xe0\x80\xafz", GRILLE_TEXT_UTF8, "a" FFFD FFFD FFFD "z", "overlong '/' on three bytes");
	FIT("a\xf0\x80\x80\xafz", GRILLE_TEXT_MARKUP, "a" FFFD FFFD FFFD FFFD "z", "overlong '/' on four bytes");
	FIT("a\xed\xa0\x80z", GRILLE_TEXT_UTF8, "a" FFFD FFFD FFFD "z", "a UTF-16 surrogate (U+D800)");
	FIT("a\xf4\x90\x80\x80z", GRILLE_TEXT_TERMINAL, "a" FFFD FFFD FFFD FFFD "z", "past U+10FFFF");
	FIT("a\xe2\x82z", GRILLE_TEXT_UTF8, "a" FFFD "z", "a cut sequence, one U+FFFD");
	FIT("a\xe2\x82", GRILLE_TEXT_UTF8, "a" FFFD, "a sequence cut by the end");
	FIT("\x80\xbf\xfe\xff", GRILLE_TEXT_UTF8, FFFD FFFD FFFD FFFD, "lone continuation bytes, FE, FF");
	fit("a\0b", 3, GRILLE_TEXT_MARKUP, "a" FFFD "b", "NUL (markup)");

	/* Markup: what XML 1.0 forbids and HTML calls a parse error. */
	FIT("a\x01\x08\x0b\x0c\x1b\x1f" "b", GRILLE_TEXT_MARKUP, "a" FFFD FFFD FFFD FFFD FFFD FFFD "b", "C0 controls (markup)");
	FIT("a\x7f\xc2\x80\xc2\x9b\xc2\x9f" "b", GRILLE_TEXT_MARKUP, "a" FFFD FFFD FFFD FFFD "b", "DEL and C1 controls (markup)");
	FIT("a\xef\xbf\xbe\xef\xbf\xbf\xef\xb7\x90\xef\xb7\xaf\xf0\x9f\xbf\xbe\xf4\x8f\xbf\xbf" "b", GRILLE_TEXT_MARKUP,
	    "a" FFFD FFFD FFFD FFFD FFFD FFFD "b", "noncharacters (markup)");
	FIT("a\xc2\xa0\xef\xb7\xb0z", GRILLE_TEXT_MARKUP, "a\xc2\xa0\xef\xb7\xb0z", "U+00A0 and U+FDF0 stay");
	FIT("a\x01\xef\xbf\xbe\x7f" "b", GRILLE_TEXT_UTF8, "a\x01\xef\xbf\xbe\x7f" "b", "JSON keeps controls (jansson escapes them)");

	/* A terminal: controls shown, never obeyed. */
	FIT("1.1.z \x1b]0;PWNED\x07\x1b[31m", GRILLE_TEXT_TERMINAL, "1.1.z ^[]0;PWNED^G^[[31m", "terminal escapes");
	FIT("a\rb\x7f\x01", GRILLE_TEXT_TERMINAL, "a^Mb^?^A", "CR, DEL and SOH on a terminal");
	FIT("a\xc2\x9b" "31mb", GRILLE_TEXT_TERMINAL, "a" FFFD "31mb", "the C1 CSI on a terminal");
	FIT("a\xef\xbf\xbe" "b", GRILLE_TEXT_TERMINAL, "a\xef\xbf\xbe" "b", "a noncharacter does nothing to a terminal");

	ok(grille_text_is_clean("", 0, GRILLE_TEXT_MARKUP), "empty text is clean");
	check_escape();
	check_utf8();
	check_lines();
	return tap_done();
}
