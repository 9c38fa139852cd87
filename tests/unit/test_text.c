/* Text made fit for each output: UTF-8 repaired as Unicode recommends, the
 * characters a format forbids replaced, a terminal's controls made visible. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/text.h"
#include "tap.h"

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

int main(void)
{
	grille_init();
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
	return tap_done();
}
