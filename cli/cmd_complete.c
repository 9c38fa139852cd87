#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

/*
 * grille __complete WHAT: the values the shell completions (completions/)
 * offer, one a line, read from the workspace around the current folder.
 * Hidden from `grille --help`, stable for scripts (grille(1), COMPLÉTION).
 * A completion runs at each Tab: this reads only what WHAT needs (the grid
 * for steps, the group's tables for members and actions, the step files
 * without git for IDs), and it never speaks on stderr, since the shell
 * would print that in the middle of the line being typed.
 */

static int help(void)
{
	printf("%s", _("Usage : grille __complete QUOI\n"
	               "\n"
	               "Écrit, une par ligne, les valeurs que les complétions du shell proposent,\n"
	               "lues dans l'espace de travail autour du dossier courant. QUOI est l'un de :\n"
	               "  ids        les numéros des items et des questions des fichiers d'étape\n"
	               "  items      les numéros des items\n"
	               "  questions  les numéros des questions\n"
	               "  marked     les items et questions mis de côté ou gardés pour plus tard\n"
	               "  positions  les questions où chaque membre écrit sa position\n"
	               "  steps      les numéros des étapes\n"
	               "  members    les noms des membres du groupe\n"
	               "  actions    les numéros des actions du plan (A1, A2…)\n"
	               "Hors d'un espace de travail, rien. Aucun message d'erreur.\n"));
	return finish_output(EXIT_OK);
}

enum what { IDS, ITEMS, QUESTIONS, MARKED, POSITIONS, STEPS, MEMBERS, ACTIONS };

static const char *const names[] = {
	[IDS] = "ids", [ITEMS] = "items", [QUESTIONS] = "questions", [MARKED] = "marked",
	[POSITIONS] = "positions", [STEPS] = "steps", [MEMBERS] = "members", [ACTIONS] = "actions",
};

static int what_of(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static void put(const char *value)
{
	if (value && *value)
		printf("%s\n", visible(value));
}

static int has_mark(const grille_span *mark)
{
	return mark->first_line != 0;
}

static int wanted_question(enum what what, const grille_question_status *q)
{
	if (!q->file)
		return 0; /* not in the step files: nothing a command could act on */
	switch (what) {
	case IDS: case QUESTIONS: return 1;
	case MARKED: return has_mark(&q->mark);
	case POSITIONS: return q->kind == GRILLE_QUESTION_POSITIONS;
	default: return 0;
	}
}

/* Items and questions as the step files hold them, read without git. */
static int put_ids(const grille_workspace *ws, enum what what)
{
	grille_status *status = NULL;
	if (grille_status_from_buffers(&status, ws, NULL, NULL, NULL, 0, NULL) < 0)
		return EXIT_FAILED;
	for (size_t s = 0; s < status->step_count; s++) {
		const grille_step_status *st = &status->steps[s];
		for (size_t i = 0; i < st->item_count; i++) {
			const grille_item_status *it = &st->items[i];
			if (it->file && (what == IDS || what == ITEMS || (what == MARKED && has_mark(&it->mark))))
				put(it->id);
			for (size_t q = 0; q < it->question_count; q++)
				if (wanted_question(what, &it->questions[q]))
					put(it->questions[q].id);
		}
	}
	grille_status_free(status);
	return EXIT_OK;
}

static int put_group(const grille_workspace *ws, enum what what)
{
	const grille_group *group = NULL;
	if (grille_workspace_group(&group, ws) < 0)
		return EXIT_FAILED;
	if (what == MEMBERS)
		for (size_t i = 0; i < group->member_count; i++)
			put(group->members[i].name);
	else
		for (size_t i = 0; i < group->action_count; i++)
			put(group->actions[i].id);
	return EXIT_OK;
}

static int put_values(const grille_workspace *ws, enum what what)
{
	if (what == STEPS) {
		const grille_grid *grid = grille_workspace_grid(ws);
		for (size_t i = 0; i < grille_grid_step_count(grid); i++)
			put(grille_grid_step(grid, i)->id);
		return EXIT_OK;
	}
	if (what == MEMBERS || what == ACTIONS)
		return put_group(ws, what);
	return put_ids(ws, what);
}

int cmd_complete(int argc, char **argv, struct grille_ctx *ctx)
{
	(void)ctx; /* main opens nothing for it: it opens the workspace itself, silently */
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return help();
	int what = argc == 2 ? what_of(argv[1]) : -1;
	if (what < 0)
		return EXIT_USAGE; /* nothing said: a completion script would show it */
	grille_workspace *ws = NULL;
	int error = grille_workspace_open(&ws, ".");
	if (error < 0)
		return error == GRILLE_ENOWORKSPACE ? EXIT_OK : EXIT_FAILED;
	int status = put_values(ws, (enum what)what);
	grille_workspace_free(ws);
	if (fflush(stdout) != 0 && status == EXIT_OK)
		status = EXIT_FAILED;
	return status;
}
