#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

/*
 * "Vouliez-vous dire...": the known word closest to a mistyped one, by the
 * Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions, swaps of two neighbours), on bytes.
 */

enum { WORD_MAX = 64 }; /* longer words get no suggestion: the work stays small */

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > WORD_MAX || lb > WORD_MAX)
		return (size_t)-1;
	size_t d[WORD_MAX + 1][WORD_MAX + 1];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[la][lb];
}

const char *closest_word(const char *word, const char *const *known, size_t count)
{
	size_t len = strlen(word);
	size_t best = len >= 5 ? 3 : len >= 3 ? 2 : 1; /* farther than this: no suggestion */
	const char *found = NULL;
	for (size_t i = 0; i < count; i++) {
		size_t d = known[i] ? edit_distance(word, known[i]) : (size_t)-1;
		if (d > 0 && d < best) {
			best = d;
			found = known[i];
		}
	}
	return found;
}

/* The IDs of the grid's items and questions that `id` is closest to. */
static const char *closest_id(const grille_grid *grid, const char *id)
{
	const char *found = NULL;
	size_t best = (size_t)-1;
	for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
		const grille_step *step = grille_grid_step(grid, s);
		for (size_t i = 0; i < step->item_count; i++) {
			const grille_item *item = &step->items[i];
			for (size_t q = 0; q <= item->question_count; q++) {
				const char *candidate = q == 0 ? item->id : item->questions[q - 1].id;
				if (!closest_word(id, &candidate, 1))
					continue;
				size_t d = edit_distance(id, candidate);
				if (d < best) {
					best = d;
					found = candidate;
				}
			}
		}
	}
	return found;
}

void suggest_id(const struct grille_workspace *ws, const char *id)
{
	const grille_grid *grid = ws ? grille_workspace_grid(ws) : NULL;
	if (!grid || !id || grille_grid_find_item(grid, id) || grille_grid_find_question(grid, id) ||
	    grille_grid_find_step(grid, id))
		return;
	const char *near = closest_id(grid, id);
	if (near)
		print_error(_("Vouliez-vous dire « %s » ?"), near);
}
