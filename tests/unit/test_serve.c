/* grille serve's small pieces: forms decoded strictly, tokens, constant-time
 * comparison, the answer's hash. */
#include <string.h>

#include "grille/grille.h"
#include "mhd_load.h"
#include "serve_private.h"
#include "tap.h"

static void form(const char *body, int want_error, const char *name, const char *want, const char *what)
{
	struct serve_form f;
	int error = serve__form_parse(&f, body, strlen(body));
	ok((error < 0) == want_error, "%s: %s", what, want_error ? "refused" : "read");
	if (!want_error && name) {
		const char *got = serve__form_get(&f, name);
		is_str(got ? got : "(absent)", want, "%s: %s", what, name);
	}
	serve__form_release(&f);
}

int main(void)
{
	/* libmicrohttpd is loaded on demand; a library missing is said, with the package to install. */
	struct mhd_functions table;
	ok(mhd__open(&table, "libgrille-no-such-library.so.0") == GRILLE_ERROR, "no library: an error");
	contains(grille_error_last(), "installez le paquet libmicrohttpd12", "which says the package to install");
	contains(grille_error_last(), "libgrille-no-such-library.so.0", "and what the loader said");
	ok(mhd__open(&table, "libc.so.6") == GRILLE_ERROR, "a library without libmicrohttpd's functions: an error");
	contains(grille_error_last(), "MHD_", "naming the function missing");
	ok(mhd__load() == 0, "libmicrohttpd itself loads");
	ok(mhd__load() == 0, "...and says so again without loading it twice");
	form("a=1&b=deux+mots", 0, "b", "deux mots", "plus is a space");
	form("text=%C3%A9t%C3%A9%0D%0A", 0, "text", "\xc3\xa9t\xc3\xa9\r\n", "percent-encoded UTF-8");
	form("a=1&a=2", 0, "a", "1", "the first of two values");
	form("flag&x=", 0, "flag", "", "a name without a value");
	form("", 0, "a", "(absent)", "an empty body");
	form("&&a=1&&", 0, "a", "1", "empty fields");
	form("a=%", 1, NULL, NULL, "a lone percent");
	form("a=%4", 1, NULL, NULL, "a percent and one digit");
	form("a=%zz", 1, NULL, NULL, "a percent and no hex digits");
	form("a=%ff", 1, NULL, NULL, "a byte that is not UTF-8");
	form("a=%c3%28", 1, NULL, NULL, "a broken UTF-8 sequence");
	form("a=%ed%a0%80", 1, NULL, NULL, "a surrogate");
	form("a=x%00y", 1, NULL, NULL, "a NUL");
	form("%ff=1", 1, NULL, NULL, "a name that is not UTF-8");
	char many[64 * 4 + 8] = "";
	for (int i = 0; i < 65; i++)
		strcat(many, i ? "&a=" : "a=");
	form(many, 1, NULL, NULL, "65 fields");

	char a[SERVE_TOKEN_HEX], b[SERVE_TOKEN_HEX];
	ok(serve__random_hex(a, SERVE_TOKEN_BYTES) == 0 && serve__random_hex(b, SERVE_TOKEN_BYTES) == 0, "tokens made");
	ok(strlen(a) == 32 && strspn(a, "0123456789abcdef") == 32, "a token is 32 hex digits");
	ok(strcmp(a, b) != 0, "two tokens differ");
	ok(serve__equal(a, a), "equal: the same");
	ok(!serve__equal(a, b), "equal: two tokens");
	ok(!serve__equal("abc", "abcd") && !serve__equal("abcd", "abc") && !serve__equal("", "a"), "equal: lengths differ");
	ok(serve__equal("", ""), "equal: both empty");

	char h1[SERVE_HASH_HEX], h2[SERVE_HASH_HEX], h0[SERVE_HASH_HEX];
	serve__answer_hash(h1, "Une réponse.\n");
	serve__answer_hash(h2, "Une réponse.\n\n");
	serve__answer_hash(h0, NULL);
	ok(strlen(h1) == 16 && strcmp(h1, h2) != 0, "the hash tells two texts apart");
	is_str(h0, "0000000000000000", "no answer hashes to zeros");
	return tap_done();
}
