#ifndef GRILLE_UPGRADE_PLAN_H
#define GRILLE_UPGRADE_PLAN_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/grid.h"
#include "grille/upgrade.h"

/*
 * Planning a grid upgrade in memory, three-way: the old grid, the new one
 * and the step files' bytes give each file's new bytes and the list of what
 * changed, without touching the disk (lib/upgrade.c reads, then writes).
 *
 * Every byte outside the listed changes is kept: a change inserts whole
 * lines (new questions and items, notes), or replaces the lines of a heading,
 * a guidance quote or an option only when they are byte for byte what the
 * old grid's scaffold wrote (line endings aside). Inserted lines take the
 * file's line ending. Pure; linear in the files' size and the grids'.
 */

/* A step file of the new grid: `data` NULL when the file is not there. */
struct upgrade_input {
	const char *name;
	const char *data;
	size_t len;
};

/* What becomes of one step file. `file` points to the input's name. */
struct upgrade_output {
	grille_buf text;             /* the new bytes; empty when nothing changes */
	int changed;
	grille_upgrade_file summary; /* `file` NULL: the caller names it */
};

/*
 * Plan the upgrade of the step files `in` (one per step of `new_grid`, in its
 * order) from `old_grid` to `new_grid`, at `level`: fills `out` (as many).
 * GRILLE_EINVALID (with a message) when a file holds git conflicts or is not
 * text. Release each output with upgrade__output_release().
 */
int upgrade__plan(struct upgrade_output *out, const struct upgrade_input *in, const grille_grid *old_grid,
                  const grille_grid *new_grid, int level);
void upgrade__output_release(struct upgrade_output *out);

#endif
