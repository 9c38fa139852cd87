/* Word diff of two answers (grille diff): Myers' O(ND) algorithm over words,
 * with a cap on the edits and on the work, so that hostile texts (two
 * unrelated answers of a megabyte each) cost bounded time and memory: beyond
 * the cap, the part that differs is shown as replaced whole. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/history.h"
#include "array.h"
#include "errors.h"
#include "hash.h"
#include "utf8.h"

/* Comparisons and steps Myers may take before the text counts as replaced:
 * well under a second under the sanitizers, whatever the input. Each round d
 * takes 2d + 1 steps at least, so the rounds stay under MAX_ROUNDS, and the
 * furthest reaches kept (d² after d rounds) under WORK_LIMIT integers. */
enum { WORK_LIMIT = 1 << 22, MAX_ROUNDS = 1 << 11 };

/* A word and the white space before it: bytes [start, end), the word from `word`. */
struct token {
	size_t start, word, end;
	uint64_t hash;
};

/* Where the white space starting at `i` ends: Unicode's (no-break spaces
 * included) and line ends, never inside a multibyte character. Bytes that
 * are not UTF-8 count as a word's. */
static size_t skip_space(const char *s, size_t len, size_t i)
{
	while (i < len) {
		int32_t c;
		size_t n = utf8__decode(s + i, len - i, &c);
		if (c < 0 || !utf8__is_space(c))
			break;
		i += n;
	}
	return i;
}

static size_t skip_word(const char *s, size_t len, size_t i)
{
	while (i < len) {
		int32_t c;
		size_t n = utf8__decode(s + i, len - i, &c);
		if (c >= 0 && utf8__is_space(c))
			break;
		i += n;
	}
	return i;
}

/* The words of `s`; `*tail` is where the white space after the last one starts. */
static int tokenize(struct token **out, size_t *count, size_t *tail, const char *s, size_t len)
{
	*out = NULL;
	*count = 0;
	*tail = 0;
	for (size_t i = 0;;) {
		size_t word = skip_space(s, len, i);
		if (word == len) {
			*tail = i;
			return 0;
		}
		struct token *t = array__push(*out, *count, sizeof(**out));
		if (!t)
			return error__oom();
		*out = t;
		t = &t[(*count)++];
		t->start = i;
		t->word = word;
		/* A task list's empty box, "[ ]", is one word, as its checked "[x]". */
		int box = len - word >= 3 && memcmp(s + word, "[ ]", 3) == 0;
		t->end = skip_word(s, len, word + (box ? 3 : 0));
		t->hash = hash__fnv1a(HASH__FNV1A_INIT, s + word, t->end - word);
		i = t->end;
	}
}

struct texts {
	const char *a, *b;
	const struct token *ta, *tb;
};

static int same_word(const struct texts *x, size_t i, size_t j)
{
	const struct token *p = &x->ta[i], *q = &x->tb[j];
	return p->hash == q->hash && p->end - p->word == q->end - q->word &&
	       memcmp(x->a + p->word, x->b + q->word, p->end - p->word) == 0;
}

/* Myers' forward search over a[0, n) and b[0, m), keeping each round's
 * furthest reaches to walk back the path: (d + 1)² of them after round d.
 * Marks `matched_b[j]` = i + 1 for each word b[j] kept from a[i].
 * Returns 1 when the cap was reached (nothing marked), 0, or an error. */
static int myers(size_t *matched_b, const struct texts *x, size_t a0, size_t n, size_t b0, size_t m, size_t max_d)
{
	if (max_d > n + m)
		max_d = n + m;
	if (max_d >= MAX_ROUNDS)
		max_d = MAX_ROUNDS - 1;
	size_t rounds = max_d + 1, kept = 0;
	/* Round d keeps V[k] for k in [-d, d] at history[d * d + (k + d)]: the rounds before hold d² values. */
	int32_t *history = NULL;
	int32_t *v = malloc((2 * rounds + 3) * sizeof(*v));
	if (!v)
		return error__oom();
	const long off = (long)rounds + 1;
	v[off + 1] = 0;
	size_t work = 0;
	long found = -1;
	for (long d = 0; d <= (long)max_d && found < 0; d++) {
		for (long k = -d; k <= d; k += 2) {
			long i = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
			long j = i - k;
			while (i < (long)n && j < (long)m && work <= WORK_LIMIT && same_word(x, a0 + (size_t)i, b0 + (size_t)j)) {
				i++;
				j++;
				work++;
			}
			v[off + k] = (int32_t)i;
			work++;
			if (i >= (long)n && j >= (long)m) {
				found = d;
				break;
			}
		}
		if (work > WORK_LIMIT)
			break;
		int32_t *more = array__grow(history, &kept, (size_t)((d + 1) * (d + 1)), sizeof(*history));
		if (!more) {
			free(history);
			free(v);
			return error__oom();
		}
		history = more;
		memcpy(&history[d * d], &v[off - d], (size_t)(2 * d + 1) * sizeof(*v));
	}
	if (found < 0) {
		free(history);
		free(v);
		return 1;
	}
	/* Back from the end, one edit per round; the snakes between are kept words. */
	long i = (long)n, j = (long)m;
	for (long d = found; d > 0; d--) {
		const int32_t *prev = &history[(d - 1) * (d - 1)];
		long k = i - j;
		/* prev[k + (d - 1)] is V[k] of round d - 1 */
		long up = k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
		long pk = up ? k + 1 : k - 1;
		long pi = prev[pk + d - 1], pj = pi - pk;
		long si = up ? pi : pi + 1; /* where the snake of round d starts */
		for (; i > si; i--, j--)
			matched_b[b0 + (size_t)j - 1] = a0 + (size_t)i;
		i = pi;
		j = pj;
	}
	for (; i > 0; i--, j--)
		matched_b[b0 + (size_t)j - 1] = a0 + (size_t)i;
	free(history);
	free(v);
	return 0;
}

static int add_run(grille_word_diff *out, grille_word_kind kind, size_t start, size_t end)
{
	if (start >= end)
		return 0;
	if (out->count && out->runs[out->count - 1].kind == kind && kind == GRILLE_WORDS_SAME &&
	    out->runs[out->count - 1].end == start) {
		out->runs[out->count - 1].end = end;
		return 0;
	}
	grille_word_run *runs = array__push(out->runs, out->count, sizeof(*runs));
	if (!runs)
		return error__oom();
	out->runs = runs;
	runs[out->count++] = (grille_word_run){ kind, start, end };
	return 0;
}

/* The runs, from which word of `b` came from which of `a` (0: none). */
static int make_runs(grille_word_diff *out, const struct texts *x, size_t n, size_t m, const size_t *matched_b)
{
	size_t i = 0, j = 0;
	int error = 0;
	while (!error && (i < n || j < m)) {
		if (j < m && matched_b[j] == i + 1) {
			error = add_run(out, GRILLE_WORDS_SAME, x->tb[j].start, x->tb[j].end);
			i++;
			j++;
			continue;
		}
		/* A change: the words of a up to the next kept one, then those of b. */
		size_t next_j = j;
		while (next_j < m && !matched_b[next_j])
			next_j++;
		size_t next_i = next_j < m ? matched_b[next_j] - 1 : n;
		if (next_i > i)
			error = add_run(out, GRILLE_WORDS_REMOVED, x->ta[i].start, x->ta[next_i - 1].end);
		if (!error && next_j > j)
			error = add_run(out, GRILLE_WORDS_ADDED, x->tb[j].start, x->tb[next_j - 1].end);
		i = next_i;
		j = next_j;
	}
	return error;
}

int grille_word_diff_make(grille_word_diff *out, const char *before, size_t before_len, const char *after,
                          size_t after_len, size_t max_edits)
{
	memset(out, 0, sizeof(*out));
	struct token *ta = NULL, *tb = NULL;
	size_t n = 0, m = 0, tail_a, tail_b;
	size_t *matched_b = NULL;
	int error = tokenize(&ta, &n, &tail_a, before ? before : "", before ? before_len : 0);
	if (!error)
		error = tokenize(&tb, &m, &tail_b, after ? after : "", after ? after_len : 0);
	if (!error && !(matched_b = calloc(m ? m : 1, sizeof(*matched_b))))
		error = error__oom();
	struct texts x = { before, after, ta, tb };
	if (!error) {
		/* What both start and end with needs no search. */
		size_t head = 0, foot = 0;
		while (head < n && head < m && same_word(&x, head, head)) {
			matched_b[head] = head + 1;
			head++;
		}
		while (foot < n - head && foot < m - head && same_word(&x, n - 1 - foot, m - 1 - foot)) {
			matched_b[m - 1 - foot] = n - foot;
			foot++;
		}
		size_t an = n - head - foot, bm = m - head - foot;
		if (an && bm && an < INT32_MAX / 2 && bm < INT32_MAX / 2)
			error = myers(matched_b, &x, head, an, head, bm, max_edits ? max_edits : GRILLE_WORD_DIFF_EDITS);
		else if (an && bm)
			error = 1;
		if (error == 1) { /* the middle is shown as replaced whole */
			out->replaced = 1;
			error = 0;
		}
	}
	if (!error)
		error = make_runs(out, &x, n, m, matched_b);
	if (!error)
		error = add_run(out, GRILLE_WORDS_SAME, tail_b, after ? after_len : 0);
	free(ta);
	free(tb);
	free(matched_b);
	if (error)
		grille_word_diff_release(out);
	return error;
}

void grille_word_diff_release(grille_word_diff *diff)
{
	free(diff->runs);
	memset(diff, 0, sizeof(*diff));
}
