/* French typography at render time: only the kind of an existing space. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "typo.h"

#define NB "\xc2\xa0"     /* U+00A0 */
#define FINE "\xe2\x80\xaf" /* U+202F */

static void typo(const char *in, const char *want, const char *what)
{
	grille_buf out = GRILLE_BUF_INIT;
	ok(typo__french(&out, in, strlen(in)) == 0, "%s: done", what);
	is_str(out.ptr ? out.ptr : "", want, "%s", what);
	grille_buf_release(&out);
}

static void long_line(void)
{
	size_t n = 100000;
	char *in = malloc(n * 3 + 1);
	grille_buf out = GRILLE_BUF_INIT;
	ok(in != NULL, "long line: allocated");
	if (!in)
		return;
	for (size_t i = 0; i < n; i++)
		memcpy(in + 3 * i, "a ?", 3);
	in[n * 3] = '\0';
	ok(typo__french(&out, in, n * 3) == 0, "long line: done");
	ok(out.len == n * 5, "long line: each space became U+202F (%zu bytes)", out.len);
	ok(out.ptr && memcmp(out.ptr, "a" FINE "?a" FINE "?", 10) == 0, "long line: its start");
	grille_buf_release(&out);
	free(in);
}

int main(void)
{
	typo("", "", "an empty string");
	typo("Pourquoi ? Parce que ; voilà !", "Pourquoi" FINE "? Parce que" FINE "; voilà" FINE "!", "; ! ? take a fine");
	typo("Objectif : agir", "Objectif" NB ": agir", ": takes a no-break space");
	typo("« Bonjour »", "«" NB "Bonjour" NB "»", "inside guillemets");
	typo("Pourquoi? Objectif: «oui»", "Pourquoi? Objectif: «oui»", "a missing space is not added");
	typo("a" NB ": b" FINE "? «" NB "c" NB "»", "a" NB ": b" FINE "? «" NB "c" NB "»", "no-break spaces are kept");
	typo("a  ?", "a " FINE "?", "two spaces: the last one only");
	typo("été ? déjà : « ça »", "été" FINE "? déjà" NB ": «" NB "ça" NB "»", "UTF-8 neighbours");
	typo("日本 ! ñ ; €", "日本" FINE "! ñ" FINE "; €", "other scripts next to the marks");
	typo("« \xc2\xbb", "«" NB "\xc2\xbb", "a space between « and »");
	typo("a \xc2\xbc b \xc3\xbb", "a \xc2\xbc b \xc3\xbb", "other characters with the same lead bytes");
	typo("à 18:30, 18 :30", "à 18:30, 18 :30", "times are left");
	typo("C ::x et a::b", "C ::x et a::b", ":: is left");
	typo("voir http://a.fr ? et https://b.fr/x : ou mailto:c@d.fr !",
	     "voir http://a.fr ? et https://b.fr/x : ou mailto:c@d.fr !", "after an address the space stays");
	typo("? début\n! ligne\n  : retrait", "? début\n! ligne\n  : retrait", "marks at the start of a line");
	typo("a\n ?", "a\n ?", "a space at the start of a line stays");
	typo("fin ?", "fin" FINE "?", "at the very end");
	typo(" ", " ", "a space alone");
	typo("a\t?", "a\t?", "a tab stays");
	typo("x \xc2", "x \xc2", "a cut UTF-8 sequence at the end");
	typo("Étape 1 : le rêve ; une question ? oui !",
	     "Étape 1" NB ": le rêve" FINE "; une question" FINE "? oui" FINE "!", "a sentence");
	long_line();
	return tap_done();
}
