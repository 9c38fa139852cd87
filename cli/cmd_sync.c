#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille sync [DÉPÔT] [--set-remote URL] [--author \"NOM <EMAIL>\"]\n"
	               "\n"
	               "Partage l'espace de travail avec un dépôt partagé (une forge, un disque\n"
	               "partagé) : reprend les jalons des autres, fusionne avec les vôtres, puis\n"
	               "envoie le tout. Si deux personnes ont répondu différemment à la même\n"
	               "question, les deux textes sont gardés dans le fichier et grille dit quelles\n"
	               "questions choisir. DÉPÔT vaut « origin » par défaut.\n"
	               "\n"
	               "Options :\n"
	               "      --set-remote URL      déclarer (ou changer) l'adresse du dépôt partagé\n"
	               "      --author \"NOM <EMAIL>\" signer une fusion sous ce nom\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static const char *step_of(const grille_workspace *ws, const char *file)
{
	const grille_grid *grid = grille_workspace_grid(ws);
	for (size_t s = 0; s < grille_grid_step_count(grid); s++)
		if (strcmp(grille_grid_step(grid, s)->file, file) == 0)
			return grille_grid_step(grid, s)->id;
	return NULL;
}

/* What each side of grille.yaml's conflicts holds, as the merge left it. */
static void print_settings_sides(const grille_workspace *ws)
{
	grille_buf path = GRILLE_BUF_INIT;
	grille_settings *settings = NULL;
	if (grille_buf_printf(&path, "%s/grille.yaml", grille_workspace_root(ws)) < 0)
		return;
	if (grille_settings_load(&settings, path.ptr) < 0)
		fprintf(stderr, "    %s\n", visible(grille_error_last())); /* a side that does not read: said too */
	else if (settings->conflict_message)
		fprintf(stderr, "    %s\n", visible(settings->conflict_message));
	grille_settings_free(settings);
	grille_buf_release(&path);
}

/* The files in conflict, each with what to do; questions only when there are some. */
static void print_conflicts(const grille_sync_result *result, const grille_workspace *ws)
{
	const grille_status *status = result->conflicts;
	int settings = 0, steps = 0;
	fprintf(stderr, "%s", _("Fichiers en conflit :\n"));
	for (size_t f = 0; f < result->conflict_file_count; f++) {
		const char *file = result->conflict_files[f];
		char *shown = grille_history_text_fit(file);
		const char *step = step_of(ws, file);
		char place[32] = "";
		if (result->conflict_lines[f])
			snprintf(place, sizeof(place), ":%zu", result->conflict_lines[f]);
		if (strcmp(file, "grille.yaml") == 0) {
			settings = 1;
			fprintf(stderr, _("  %s%s : les réglages de l'espace de travail (titre, grille, niveau…)\n"), shown, place);
			print_settings_sides(ws);
		} else if (step) {
			steps = 1;
			fprintf(stderr, _("  %s%s : l'étape %s\n"), shown, place, step);
		} else {
			fprintf(stderr, "  %s%s\n", shown, place);
		}
		free(shown);
		for (size_t s = 0; status && step && s < status->step_count; s++) {
			if (strcmp(status->steps[s].file, file) != 0)
				continue;
			int heading = 0;
			grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
			for (const grille_question_status *qs; (qs = grille_step_next_question(&status->steps[s], &cursor));) {
				if (qs->state != GRILLE_STATE_CONFLICT)
					continue;
				if (!heading++)
					fprintf(stderr, "%s", _("    questions en conflit :\n"));
				fprintf(stderr, "      %s:%zu: %s %s\n", here(qs->file ? qs->file : status->steps[s].file),
				        qs->line, visible(qs->id), visible(qs->text));
			}
		}
	}
	fprintf(stderr, "%s", _("Pour continuer :\n"
	                        "  1. dans chaque fichier cité, les deux versions sont entre <<<<<<< et >>>>>>>, séparées par ======= :\n"
	                        "     gardez le bon texte et effacez ces trois lignes de marques ;\n"));
	if (settings)
		fprintf(stderr, "%s", _("     dans grille.yaml, gardez une seule valeur par réglage ; dans une liste d'un ancien\n"
		                        "     grille.yaml (members:…), gardez les entrées des deux côtés, une fois chacune ;\n"));
	if (steps)
		fprintf(stderr, "%s", _("     « grille status » montre les questions encore en conflit ;\n"));
	fprintf(stderr, "%s", _("  2. grille commit ;\n"
	                        "  3. grille sync.\n"));
}

/* What came from the remote: said even when sending failed afterwards, since it stays done. */
/* What the merge settled by itself, a line each. */
static void print_notes(char *notes)
{
	for (char *line = notes ? strtok(notes, "\n") : NULL; line; line = strtok(NULL, "\n"))
		say("%s\n", visible(line));
}

static void print_outcome(const grille_sync_result *result)
{
	if (result->up_to_date && !result->new_branch)
		say(_("Rien de nouveau sur « %s ».\n"), result->remote);
	else if (result->fast_forward)
		say(_("Les jalons de « %s » sont repris.\n"), result->remote);
	else if (result->merged)
		say(_("Réponses fusionnées avec « %s » : jalon %.7s.\n"), result->remote, result->commit);
}

int cmd_sync(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AUTHOR = 256, OPT_SET_REMOTE };
	static const struct option options[] = {
		{ "set-remote", required_argument, NULL, OPT_SET_REMOTE },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *author = NULL, *url = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_SET_REMOTE: url = optarg; break;
		case OPT_AUTHOR:
			if (take_author("sync", optarg, &author))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("sync", opt, argv);
		}
	}
	if (argc - optind > 1)
		return usage_error("sync", "%s", _("un seul dépôt partagé à la fois"));
	const char *remote = optind < argc ? argv[optind] : NULL;
	if (url) {
		if (grille_history_set_remote(ctx->ws, remote, url) < 0)
			return fail_with_library_error("sync");
		char *shown = grille_history_redact_url(url);
		say(_("Dépôt partagé « %s » : %s\n"), remote ? remote : "origin", shown ? shown : "");
		free(shown);
	}
	grille_sync_result result;
	progress_start(ctx->ws, _("Échange avec le dépôt partagé"));
	int error = grille_history_sync(&result, ctx->ws, remote, author);
	progress_end(ctx->ws);
	if (error == GRILLE_ECONFLICT) {
		print_error("%s", grille_error_last());
		print_conflicts(&result, ctx->ws);
		print_group_warnings(ctx->ws, NULL);
		grille_sync_result_release(&result);
		return EXIT_FAILED;
	}
	if (result.remote)
		print_outcome(&result);
	print_notes(result.notes);
	if (error < 0) {
		grille_sync_result_release(&result);
		return fail_with_library_error("sync");
	}
	if (result.new_branch)
		say(_("« %s » n'avait pas encore cette branche : elle y est créée.\n"), result.remote);
	if (result.pushed)
		say(_("Vos jalons sont partagés sur « %s ».\n"), result.remote);
	grille_sync_result_release(&result);
	print_group_warnings(ctx->ws, NULL); /* what the merge left in the group's tables */
	return finish_output(EXIT_OK);
}
