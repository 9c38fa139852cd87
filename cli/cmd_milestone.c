#include <getopt.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille milestone NOM [-m TEXTE] [--all] [--author \"NOM <EMAIL>\"]\n"
	               "\n"
	               "Pose un jalon nommé (une étiquette git annotée) : après la réunion de lancement,\n"
	               "à la fin de la phase de test… Les changements en cours sont d'abord enregistrés\n"
	               "comme avec grille commit ; sans changement, le jalon marque le dernier commit.\n"
	               "\n"
	               "Options :\n"
	               "  -m, --message TEXTE       ce que ce jalon représente\n"
	               "  -a, --all                 enregistrer aussi les fichiers nouveaux qui ne sont\n"
	               "                            pas de l'espace de travail (voir grille commit)\n"
	               "      --author \"NOM <EMAIL>\" signer sous ce nom\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_milestone(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AUTHOR = 256 };
	static const struct option options[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "all", no_argument, NULL, 'a' },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *text = NULL, *author = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":m:ah", options, NULL)) != -1) {
		switch (opt) {
		case 'm': text = optarg; break;
		case 'a': grille_workspace_set_commit_all(ctx->ws, 1); break;
		case OPT_AUTHOR:
			if (take_author("milestone", optarg, &author))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("milestone", opt, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("milestone", "%s", _("un nom de jalon est attendu, par exemple : grille milestone fin-phase-test"));
	grille_commit_result result;
	if (grille_history_milestone(&result, ctx->ws, argv[optind], text, author) < 0)
		return fail_with_library_error("milestone");
	if (result.message)
		print_commit_result(&result);
	else
		for (size_t i = 0; i < result.tag_count; i++)
			say(_("Jalon nommé : %s\n"), visible(result.tags[i]));
	print_left_out(&result);
	grille_commit_result_release(&result);
	return finish_output(EXIT_OK);
}
