/* The word diff of grille diff: shortest edits over words, UTF-8 kept whole,
 * and the budget that makes hostile texts count as replaced. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/buf.h"
#include "grille/history.h"
#include "tap.h"

#define NBSP "\xc2\xa0" /* U+00A0 */

/* The runs as "same[-removed-]{+added+}", each with its leading white space. */
static char *render(const grille_word_diff *d, const char *before, const char *after)
{
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_puts(&out, "");
	for (size_t i = 0; i < d->count; i++) {
		const grille_word_run *r = &d->runs[i];
		const char *text = r->kind == GRILLE_WORDS_REMOVED ? before : after;
		grille_buf_puts(&out, r->kind == GRILLE_WORDS_REMOVED ? "[-" : r->kind == GRILLE_WORDS_ADDED ? "{+" : "");
		grille_buf_put(&out, text + r->start, r->end - r->start);
		grille_buf_puts(&out, r->kind == GRILLE_WORDS_REMOVED ? "-]" : r->kind == GRILLE_WORDS_ADDED ? "+}" : "");
	}
	return grille_buf_detach(&out);
}

/* The SAME and ADDED runs give `after` back, byte for byte; no run starts or
 * ends inside a UTF-8 character. */
static int sound(const grille_word_diff *d, const char *before, const char *after)
{
	grille_buf again = GRILLE_BUF_INIT;
	int whole = 1;
	for (size_t i = 0; i < d->count; i++) {
		const grille_word_run *r = &d->runs[i];
		const char *text = r->kind == GRILLE_WORDS_REMOVED ? before : after;
		size_t len = strlen(text);
		if (r->start >= r->end || r->end > len || (text[r->start] & 0xC0) == 0x80 ||
		    (r->end < len && (text[r->end] & 0xC0) == 0x80))
			whole = 0;
		if (r->kind != GRILLE_WORDS_REMOVED)
			grille_buf_put(&again, text + r->start, r->end - r->start);
	}
	int same = (again.len == strlen(after) && (!again.len || memcmp(again.ptr, after, again.len) == 0));
	grille_buf_release(&again);
	return whole && same;
}

static void words(const char *before, const char *after, size_t max_edits, const char *want, int replaced,
                  const char *what)
{
	grille_word_diff d;
	ok(grille_word_diff_make(&d, before, strlen(before), after, strlen(after), max_edits) == 0, "%s: made", what);
	char *got = render(&d, before, after);
	is_str(got, want, "%s", what);
	ok(d.replaced == replaced, "%s: %s", what, replaced ? "counted as replaced" : "word by word");
	ok(sound(&d, before, after), "%s: runs give the text after back, whole characters", what);
	free(got);
	grille_word_diff_release(&d);
}

/* Two texts of `n` bytes, one word in twenty the same, none at the ends. */
static char *hostile(size_t n, char letter)
{
	char *s = malloc(n + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++)
		s[i] = i % 8 == 7 ? ' ' : (i / 8) % 20 == 10 ? 'z' : (char)(letter + (i / 8) % 7);
	s[n] = '\0';
	return s;
}

static void budget(void)
{
	size_t n = 1 << 20;
	char *a = hostile(n, 'a'), *b = hostile(n, 'h');
	ok(a && b, "two texts of 1 MiB");
	if (!a || !b) {
		free(a);
		free(b);
		return;
	}
	clock_t start = clock();
	grille_word_diff d;
	ok(grille_word_diff_make(&d, a, n, b, n, 0) == 0, "1 MiB against 1 MiB: made");
	double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
	ok(d.replaced, "counted as replaced past the budget");
	ok(d.count == 3 && d.runs[0].kind == GRILLE_WORDS_REMOVED && d.runs[1].kind == GRILLE_WORDS_ADDED &&
	   d.runs[2].kind == GRILLE_WORDS_SAME && d.runs[2].end - d.runs[2].start == 1,
	   "one removed run, one added run, the final space (%zu runs)", d.count);
	ok(sound(&d, a, b), "the runs give the text after back");
	/* Quadratic work would be 2^34 comparisons: hours, not seconds. */
	ok(seconds < 30, "in bounded time (%.1f s)", seconds);
	grille_word_diff_release(&d);
	/* The same with the largest budget one can ask: the work bound still holds. */
	start = clock();
	ok(grille_word_diff_make(&d, a, n, b, n, (size_t)-1) == 0 && d.replaced, "any budget: replaced all the same");
	seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
	ok(seconds < 30, "in bounded time too (%.1f s)", seconds);
	grille_word_diff_release(&d);
	free(a);
	free(b);
}

static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	return n;
}

/* The longest common subsequence of two word lists, by dynamic programming. */
static size_t lcs(char *const *a, size_t n, char *const *b, size_t m)
{
	size_t table[41][41] = { { 0 } };
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++)
			table[i][j] = strcmp(a[i - 1], b[j - 1]) == 0 ? table[i - 1][j - 1] + 1
			              : table[i - 1][j] > table[i][j - 1] ? table[i - 1][j] : table[i][j - 1];
	return table[n][m];
}

/* Random texts over a few words: the words kept are as many as the longest
 * common subsequence has, so the edits are the fewest. */
static void shortest(void)
{
	static const char *const vocabulary[] = { "a", "b", "c", "été", "d" };
	unsigned seed = 12345;
	int all = 1;
	for (int round = 0; round < 500; round++) {
		char *a[40], *b[40];
		size_t n, m;
		char before[400] = "", after[400] = "";
		seed = seed * 1103515245 + 12345;
		n = (seed >> 16) % 40;
		seed = seed * 1103515245 + 12345;
		m = (seed >> 16) % 40;
		for (size_t i = 0; i < n + m; i++) {
			seed = seed * 1103515245 + 12345;
			const char *w = vocabulary[(seed >> 16) % 5];
			char *text = i < n ? before : after;
			if (*text)
				strcat(text, " ");
			strcat(text, w);
			if (i < n)
				a[i] = (char *)w;
			else
				b[i - n] = (char *)w;
		}
		grille_word_diff d;
		if (grille_word_diff_make(&d, before, strlen(before), after, strlen(after), 0) != 0) {
			all = 0;
			break;
		}
		size_t kept = 0;
		for (size_t i = 0; i < d.count; i++)
			if (d.runs[i].kind == GRILLE_WORDS_SAME)
				kept += count_words(after + d.runs[i].start, d.runs[i].end - d.runs[i].start);
		if (kept != lcs(a, n, b, m) || d.replaced || !sound(&d, before, after)) {
			all = 0;
			printf("# before: %s\n# after: %s\n# kept %zu, longest common %zu\n", before, after, kept,
			       lcs(a, n, b, m));
		}
		grille_word_diff_release(&d);
		if (!all)
			break;
	}
	ok(all, "500 random pairs: the fewest edits, as the longest common subsequence says");
}

int main(void)
{
	words("", "", 0, "", 0, "two empty texts");
	words("un deux trois", "un deux trois", 0, "un deux trois", 0, "the same text");
	words("un deux trois", "un  deux\ntrois", 0, "un  deux\ntrois", 0, "white space is not a word");
	words("un deux trois", "un quatre trois", 0, "un[- deux-]{+ quatre+} trois", 0, "a word replaced");
	words("un deux trois", "un trois", 0, "un[- deux-] trois", 0, "a word removed");
	words("un trois", "un deux trois", 0, "un{+ deux+} trois", 0, "a word added");
	words("un deux", "zéro un deux", 0, "{+zéro+} un deux", 0, "a word added first");
	words("un deux", "un deux trois\n", 0, "un deux{+ trois+}\n", 0, "a word added last, the line end kept");
	words("", "un deux", 0, "{+un deux+}", 0, "everything added");
	words("un deux", "", 0, "[-un deux-]", 0, "everything removed");
	words("a b c d e f", "a x c y e z", 0, "a[- b-]{+ x+} c[- d-]{+ y+} e[- f-]{+ z+}", 0,
	      "three words replaced, each in its place");
	words("a b c d", "a c b d", 0, "a[- b-] c{+ b+} d", 0, "a word moved: one removal, one addition");
	words("[ ] x [ ]y", "[x] x [ ]z", 0, "[-[ ]-]{+[x]+} x[- [ ]y-]{+ [ ]z+}", 0, "an empty box is one word");
	words("- [x] Coopérer\n- [ ] Documenter\n", "- [ ] Coopérer\n- [x] Documenter\n", 0,
	      "-[- [x]-]{+ [ ]+} Coopérer\n-[- [ ]-]{+ [x]+} Documenter\n", 0, "a choice: the boxes that changed");
	/* UTF-8: words are whole characters; no-break spaces (French « : ») set words apart. */
	words("L'été à la mer", "L'été à la montagne", 0, "L'été à la[- mer-]{+ montagne+}", 0, "accented words kept");
	words("quartier" NBSP ": douze", "quartier" NBSP ": quinze", 0,
	      "quartier" NBSP ":[- douze-]{+ quinze+}", 0, "a no-break space sets words apart");
	words("café", "cafè", 0, "[-café-]{+cafè+}", 0, "one accent changed: the whole word, never half a character");
	words("日本語 テキスト", "日本語 文章", 0, "日本語[- テキスト-]{+ 文章+}", 0, "three-byte characters");
	words("x 🎉 y", "x 🎊 y", 0, "x[- 🎉-]{+ 🎊+} y", 0, "four-byte characters");
	/* The budget: past it, the middle is replaced whole, the common ends kept. */
	words("début a b c d e fin", "début v w x y z fin", 3, "début[- a b c d e-]{+ v w x y z+} fin", 1,
	      "past a budget of 3 edits: the middle replaced");
	words("début a b c fin", "début a x c fin", 3, "début a[- b-]{+ x+} c fin", 0, "within the budget: word by word");
	shortest();
	budget();
	return tap_done();
}
