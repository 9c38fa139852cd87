/* libFuzzer target: the word diff of grille diff (grille_word_diff_make).
 * The input, cut at its first NUL byte (or in two halves without one), is
 * the text before and the text after. Whatever the bytes, never a crash or a
 * read past either text; the runs lie inside their text, never cut a UTF-8
 * character, and the SAME and ADDED ones give the text after back. A small
 * budget is tried too, so that the fallback is fuzzed as well. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/history.h"
#include "grille/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *before, size_t before_len, const char *after, size_t after_len, size_t max_edits)
{
	grille_word_diff d;
	if (grille_word_diff_make(&d, before, before_len, after, after_len, max_edits) != 0) {
		grille_word_diff_release(&d);
		return; /* out of memory */
	}
	size_t at = 0; /* how much of `after` the SAME and ADDED runs gave back */
	for (size_t i = 0; i < d.count; i++) {
		const grille_word_run *r = &d.runs[i];
		const char *text = r->kind == GRILLE_WORDS_REMOVED ? before : after;
		size_t len = r->kind == GRILLE_WORDS_REMOVED ? before_len : after_len;
		if (r->start >= r->end || r->end > len)
			abort();
		/* In a well-formed text, a run starts and ends between characters, never on a continuation byte. */
		if (grille_text_is_clean(text, len, GRILLE_TEXT_UTF8) &&
		    (((unsigned char)text[r->start] & 0xC0) == 0x80 ||
		     (r->end < len && ((unsigned char)text[r->end] & 0xC0) == 0x80)))
			abort();
		if (r->kind != GRILLE_WORDS_REMOVED) {
			if (r->start != at)
				abort();
			at = r->end;
		}
	}
	if (at != after_len)
		abort();
	grille_word_diff_release(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t before_len = nul ? (size_t)(nul - data) : size / 2;
	size_t after_start = nul ? before_len + 1 : before_len;
	/* Copies of exactly their size: ASan sees any read past either end. */
	char *before = malloc(before_len ? before_len : 1);
	char *after = malloc(size - after_start ? size - after_start : 1);
	if (before && after) {
		memcpy(before, data, before_len);
		memcpy(after, data + after_start, size - after_start);
		check(before, before_len, after, size - after_start, 0);
		check(before, before_len, after, size - after_start, 2);
	}
	free(before);
	free(after);
	return 0;
}
