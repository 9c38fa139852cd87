/* libFuzzer target: loading a grid from YAML (grille_grid_load_buffer). Any
 * input loads, or fails with GRILLE_EINVALID and a message; never a crash, a
 * leak or a blow-up (aliases, deep nesting). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "grille/grille.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
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
		}
		(void)grille_grid_title(grid);
		grille_grid_free(grid);
	} else if (!grille_error_last()[0]) {
		fprintf(stderr, "grille_grid_load_buffer failed without a message\n");
		abort();
	}
	return 0;
}
