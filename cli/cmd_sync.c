#include <getopt.h>

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

static void print_conflicts(const grille_status *status)
{
	fprintf(stderr, "%s", _("Questions en conflit :\n"));
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			for (size_t q = 0; q < status->steps[s].items[i].question_count; q++) {
				const grille_question_status *qs = &status->steps[s].items[i].questions[q];
				if (qs->state == GRILLE_STATE_CONFLICT)
					fprintf(stderr, "  %s:%zu: %s %s\n", qs->file ? qs->file : status->steps[s].file,
					        qs->line, qs->id, qs->text);
			}
	for (size_t f = 0; f < status->conflicted_file_count; f++)
		fprintf(stderr, _("  (fichier en conflit : %s)\n"), status->conflicted_files[f]);
	fprintf(stderr, "%s", _("Pour continuer :\n"
	                        "  1. dans chaque question, gardez le bon texte entre <<<<<<< et >>>>>>>, effacez les marques ;\n"
	                        "  2. grille commit ;\n"
	                        "  3. grille sync.\n"));
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
	if (remote && !grille_remote_name_valid(remote))
		return usage_error("sync", _("« %s » ne peut pas nommer un dépôt partagé"), remote);
	if (url) {
		if (grille_history_set_remote(ctx->ws, remote, url) < 0)
			return fail_with_library_error();
		printf(_("Dépôt partagé « %s » : %s\n"), remote ? remote : "origin", url);
	}
	grille_sync_result result;
	int error = grille_history_sync(&result, ctx->ws, remote, author);
	if (error == GRILLE_ECONFLICT) {
		print_error("%s", grille_error_last());
		print_conflicts(result.conflicts);
		grille_sync_result_release(&result);
		return EXIT_FAILED;
	}
	if (error < 0) {
		grille_sync_result_release(&result);
		return fail_with_library_error();
	}
	if (result.new_branch)
		printf(_("« %s » n'avait pas encore cette branche : elle y est créée.\n"), result.remote);
	else if (result.up_to_date)
		printf(_("Rien de nouveau sur « %s ».\n"), result.remote);
	else if (result.fast_forward)
		printf(_("Les jalons de « %s » sont repris.\n"), result.remote);
	else if (result.merged)
		printf(_("Réponses fusionnées avec « %s » : jalon %.7s.\n"), result.remote, result.commit);
	if (result.pushed)
		printf(_("Vos jalons sont partagés sur « %s ».\n"), result.remote);
	grille_sync_result_release(&result);
	return finish_output(EXIT_OK);
}
