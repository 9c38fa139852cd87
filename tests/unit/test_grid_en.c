/* The English grid is the French one translated: same steps, items,
 * questions, levels, kinds, options, groups and conditions. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "tap.h"

static int same_id(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Differences between two questions of the same place, printed as diagnostics. */
static int same_question(const grille_question *fr, const grille_question *en)
{
	int same = same_id(fr->id, en->id) && fr->level == en->level && fr->kind == en->kind &&
	           fr->option_count == en->option_count && !fr->guidance == !en->guidance &&
	           !fr->pointer == !en->pointer && (!fr->pointer || strcmp(fr->pointer, en->pointer) != 0);
	if (!same)
		printf("#   %s / %s: level %d/%d, kind %d/%d, %zu/%zu options, guidance %d/%d\n", fr->id, en->id,
		       fr->level, en->level, (int)fr->kind, (int)en->kind, fr->option_count, en->option_count,
		       !!fr->guidance, !!en->guidance);
	if (same && strcmp(fr->text, en->text) == 0) {
		printf("#   %s is not translated\n", fr->id);
		same = 0;
	}
	for (size_t o = 0; same && o < fr->option_count; o++)
		if (strcmp(fr->options[o], en->options[o]) == 0) {
			printf("#   %s: option %zu is not translated\n", fr->id, o + 1);
			same = 0;
		}
	return same;
}

static int same_condition(const grille_condition *fr, const grille_condition *en)
{
	if (!fr || !en)
		return !fr && !en;
	return same_id(fr->question, en->question) && fr->option == en->option && en->reason && *en->reason &&
	       strcmp(fr->reason, en->reason) != 0;
}

static void compare_item(const grille_item *fr, const grille_item *en)
{
	int same = same_id(fr->id, en->id) && fr->question_count == en->question_count &&
	           strcmp(fr->title, en->title) != 0 && !fr->guidance == !en->guidance;
	for (size_t q = 0; same && q < fr->question_count; q++)
		same = same_question(&fr->questions[q], &en->questions[q]);
	ok(same, "item %s: the same questions, levels, kinds and options, translated", fr->id);
	ok(same_condition(fr->when, en->when), "item %s: the same condition (question, option), its reason translated",
	   fr->id);
}

static void compare_step(const grille_step *fr, const grille_step *en)
{
	ok(same_id(fr->id, en->id) && fr->item_count == en->item_count && strcmp(fr->title, en->title) != 0 &&
	   !fr->intro == !en->intro, "step %s: the same ID and items, its title translated", fr->id);
	ok(strncmp(en->file, "step-", 5) == 0 && strcmp(fr->file, en->file) != 0, "step %s: its file in English, %s",
	   fr->id, en->file);
	int groups = fr->group_count == en->group_count;
	for (size_t g = 0; groups && g < fr->group_count; g++)
		groups = fr->groups[g].first == en->groups[g].first && fr->groups[g].count == en->groups[g].count &&
		         strcmp(fr->groups[g].title, en->groups[g].title) != 0;
	ok(groups, "step %s: the same %zu groups of items, titles translated", fr->id, fr->group_count);
	for (size_t i = 0; i < fr->item_count && i < en->item_count; i++)
		compare_item(&fr->items[i], &en->items[i]);
}

static void test_same_grid(void)
{
	grille_grid *fr = NULL, *en = NULL;
	int error = grille_grid_load_language(&fr, "fr");
	if (!ok(error == 0, "the French grid loads"))
		printf("#   %s\n", grille_error_last());
	error = grille_grid_load_language(&en, "en");
	if (!ok(error == 0, "the English grid loads"))
		printf("#   %s\n", grille_error_last());
	if (fr && en) {
		is_str(grille_grid_language(fr), "fr", "the French grid says fr");
		is_str(grille_grid_language(en), "en", "the English grid says en");
		is_str(grille_grid_id(en), grille_grid_id(fr), "the same grid ID");
		is_str(grille_grid_version(en), grille_grid_version(fr), "the same version");
		ok(grille_grid_step_count(en) == grille_grid_step_count(fr), "the same number of steps");
		for (size_t s = 0; s < grille_grid_step_count(fr) && s < grille_grid_step_count(en); s++)
			compare_step(grille_grid_step(fr, s), grille_grid_step(en, s));
	}
	grille_grid_free(fr);
	grille_grid_free(en);
}

static void test_default_is_french(void)
{
	grille_grid *grid = NULL;
	ok(grille_grid_load_default(&grid) == 0 && strcmp(grille_grid_language(grid), "fr") == 0,
	   "the default grid stays the French one");
	grille_grid_free(grid);
}

static void test_unknown_language(void)
{
	grille_grid *grid = NULL;
	ok(grille_grid_load_language(&grid, "de") == GRILLE_EARGUMENT && !grid, "no grid in German");
	contains(grille_error_last(), "« de »", "the message names the language");
	contains(grille_error_last(), "(en)", "and the languages grille has");
}

int main(void)
{
	grille_init();
	test_same_grid();
	test_default_is_french();
	test_unknown_language();
	grille_shutdown();
	return tap_done();
}
