#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "array.h"
#include "errors.h"
#include "intl.h"
#include "steer.h"
#include "status_build.h"
#include "workspace_private.h"

/* Writing what the grid's conditions say into the step files (lib/steer.c
 * tells what they say; the status already reads the files so). */

static int add_change(grille_steer_result *out, const grille_item *gi, int back, const grille_edit_result *edit)
{
	grille_steer_change *changes = array__push(out->changes, out->count, sizeof(*changes));
	if (!changes)
		return error__oom();
	out->changes = changes;
	grille_steer_change *c = &changes[out->count++];
	memset(c, 0, sizeof(*c));
	c->back = back;
	c->line = edit->line;
	c->id = strdup(gi->id);
	c->reason = strdup(gi->when->reason);
	c->choice = strdup(gi->when->question);
	c->file = edit->file ? strdup(edit->file) : NULL;
	return c->id && c->reason && c->choice && (c->file || !edit->file) ? 0 : error__oom();
}

static int write_one(grille_steer_result *out, grille_workspace *ws, const grille_item_status *it)
{
	const grille_item *gi = grille_grid_find_item(ws->grid, it->id);
	if (!gi || !gi->when)
		return 0;
	grille_edit_result edit;
	int error = it->pending > 0 ? grille_workspace_mark(&edit, ws, it->id, GRILLE_MARK_SKIP, NULL, gi->when->reason)
	                            : grille_workspace_reopen(&edit, ws, it->id);
	if (!error && !edit.unchanged)
		error = add_change(out, gi, it->pending < 0, &edit);
	grille_edit_result_release(&edit);
	return error;
}

int steer__pending(const grille_status *status)
{
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			if (status->steps[s].items[i].pending)
				return 1;
	return 0;
}

int steer__write(grille_steer_result *out, grille_workspace *ws, const grille_status *status)
{
	memset(out, 0, sizeof(*out));
	int error = 0;
	for (size_t s = 0; !error && s < status->step_count; s++) {
		const grille_step_status *st = &status->steps[s];
		for (size_t i = 0; !error && i < st->item_count; i++)
			if (st->items[i].pending)
				error = write_one(out, ws, &st->items[i]);
	}
	return error;
}

int grille_workspace_steer(grille_steer_result *out, grille_workspace *ws)
{
	memset(out, 0, sizeof(*out));
	grille_status *status = NULL;
	int error = status__from_disk(&status, ws, NULL);
	if (!error)
		error = steer__write(out, ws, status);
	grille_status_free(status);
	if (error)
		grille_steer_result_release(out);
	return error;
}

void grille_steer_result_release(grille_steer_result *result)
{
	for (size_t i = 0; i < result->count; i++) {
		free(result->changes[i].id);
		free(result->changes[i].reason);
		free(result->changes[i].choice);
		free(result->changes[i].file);
	}
	free(result->changes);
	memset(result, 0, sizeof(*result));
}

/* The step file that holds question `id` of the grid. */
static const char *file_of(const grille_grid *grid, const char *id)
{
	for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
		const grille_step *step = grille_grid_step(grid, s);
		for (size_t i = 0; i < step->item_count; i++)
			for (size_t q = 0; q < step->items[i].question_count; q++)
				if (strcmp(step->items[i].questions[q].id, id) == 0)
					return step->file;
	}
	return "";
}

int steer__reopen_check(grille_workspace *ws, const char *id)
{
	const grille_item *gi = grille_grid_find_item(ws->grid, id);
	if (!gi || !gi->when)
		return 0;
	grille_status *status = NULL;
	int error = status__from_disk(&status, ws, NULL), not_chosen = 0;
	for (size_t s = 0; !error && s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			if (strcmp(status->steps[s].items[i].id, id) == 0)
				not_chosen = status->steps[s].items[i].not_chosen;
	grille_status_free(status);
	if (!error && not_chosen) {
		const grille_question *q = grille_grid_find_question(ws->grid, gi->when->question);
		error = error__set(GRILLE_EARGUMENT,
			_("%s reste de côté tant que « %s » n'est pas coché en %s : cochez-le dans %s, puis "
			  "« grille commit »"), id, q && gi->when->option < q->option_count ? q->options[gi->when->option] : "?",
			gi->when->question, file_of(ws->grid, gi->when->question));
	}
	return error;
}
