/* libFuzzer target: loading a grid from YAML (grille_grid_load_buffer). Any
 * input loads, or fails with GRILLE_EINVALID and a message; never a crash, a
 * leak or a blow-up (aliases, deep nesting). What loads holds together: IDs,
 * groups of items, items' conditions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "grille/grille.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Groups lie within the step, in order, apart; a condition names a choice
 * question of the grid, outside its item, and one of its options. */
static void check_links(const grille_grid *grid, const grille_step *step)
{
	size_t taken = 0;
	for (size_t g = 0; g < step->group_count; g++) {
		const grille_item_group *group = &step->groups[g];
		if (!group->title || !group->count || group->first < taken || group->first + group->count > step->item_count ||
		    grille_step_group_of(step, group->first) != group || grille_step_group_starting(step, group->first) != group)
			abort();
		taken = group->first + group->count;
	}
	for (size_t j = 0; j < step->item_count; j++) {
		const grille_condition *when = step->items[j].when;
		if (!when)
			continue;
		const grille_question *q = grille_grid_find_question(grid, when->question);
		if (!q || q->kind != GRILLE_QUESTION_CHOICE || when->option >= q->option_count || !when->reason)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return grille_init() < 0 ? (abort(), 1) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	grille_grid *grid = NULL;
	if (grille_grid_load_buffer(&grid, (const char *)data, size, "grille-grid.yaml") == 0) {
		/* Walk what was loaded: every step, item and question is found by its ID. */
		for (size_t i = 0; i < grille_grid_step_count(grid); i++) {
			const grille_step *step = grille_grid_step(grid, i);
			if (!step || grille_grid_find_step(grid, step->id) != step)
				abort();
			for (size_t j = 0; j < step->item_count; j++) {
				const grille_item *item = &step->items[j];
				if (grille_grid_find_item(grid, item->id) != item)
					abort();
				for (size_t k = 0; k < item->question_count; k++)
					if (grille_grid_find_question(grid, item->questions[k].id) != &item->questions[k])
						abort();
			}
			check_links(grid, step);
		}
		(void)grille_grid_title(grid);
		grille_grid_free(grid);
	} else if (!grille_error_last()[0]) {
		fprintf(stderr, "grille_grid_load_buffer failed without a message\n");
		abort();
	}
	return 0;
}
