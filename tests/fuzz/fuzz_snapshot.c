/* libFuzzer target: the grid a snapshot holds (lib/grid_snapshot.c), read from
 * the input as the bytes after the grid's text, past the magic and checksum a
 * mutation would never get through. Any input is a grid or refused (NULL);
 * never a crash or a leak. What is read holds together as a parsed grid does:
 * each step, item and question found by its ID, step files plain names, each
 * condition a choice question's option, groups within their step. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "binio.h"
#include "grid_snapshot.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return grille_init() < 0 ? (abort(), 1) : 0;
}

static void check(const grille_grid *grid)
{
	for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
		const grille_step *step = grille_grid_step(grid, s);
		if (grille_grid_find_step(grid, step->id) != step || !step->file || strchr(step->file, '/') ||
		    step->file[0] == '.')
			abort();
		for (size_t g = 0; g < step->group_count; g++)
			if (!step->groups[g].count || step->groups[g].first + step->groups[g].count > step->item_count)
				abort();
		for (size_t i = 0; i < step->item_count; i++) {
			const grille_item *item = &step->items[i];
			if (grille_grid_find_item(grid, item->id) != item || !item->question_count)
				abort();
			const grille_question *q = item->when ? grille_grid_find_question(grid, item->when->question) : NULL;
			if (item->when && (!q || q->kind != GRILLE_QUESTION_CHOICE || item->when->option >= q->option_count))
				abort();
			for (size_t n = 0; n < item->question_count; n++) {
				q = &item->questions[n];
				if (grille_grid_find_question(grid, q->id) != q || q->level < GRILLE_LEVEL_MIN ||
				    q->level > GRILLE_LEVEL_MAX || (q->option_count > 0) != (q->kind == GRILLE_QUESTION_CHOICE))
					abort();
				for (size_t o = 0; o < q->option_count; o++)
					if (!q->options[o])
						abort();
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char source[] = "grid: fuzz\n";
	struct bin_reader r = bin__reader(data, size);
	int oom = 0;
	grille_grid *grid = grid_snapshot__read_grid(&r, source, sizeof(source) - 1, "fuzz", &oom);
	if (grid) {
		check(grid);
		size_t len;
		if (strcmp(grille_grid_source(grid, &len), source) != 0 || len != sizeof(source) - 1)
			abort();
	}
	grille_grid_free(grid);
	return 0;
}
