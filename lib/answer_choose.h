#ifndef GRILLE_ANSWER_CHOOSE_H
#define GRILLE_ANSWER_CHOOSE_H

#include <stddef.h>

#include "grille/grid.h"
#include "edit.h"

/*
 * grille_workspace_choose()'s plan, in memory: the `len` bytes of `data`
 * (the step file `name`) with exactly the options `checked` (indices into
 * the grid's options of choice question `id`) checked under that question,
 * and every other byte kept. Pure, linear in `len`: a fuzzer can call it.
 * Errors as grille_workspace_choose(); GRILLE_ENOTFOUND (with a message)
 * when the file has no heading for `id`. Release with edit__plan_release().
 */
int choose__plan(struct grille_edit_plan *plan, const char *data, size_t len, const char *name,
                 const grille_grid *grid, const char *id, const size_t *checked, size_t count);

/* Which of choice question `q`'s options stand checked in the `len` bytes
 * of `body` (the lines under its heading): `checked[o]` 1 or 0, one per
 * option; 0 for an option not there, or there twice. */
int choose__checked(unsigned char *checked, const char *body, size_t len, const grille_question *q);

#endif
