#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille deepen ID [--level N]\n"
	               "\n"
	               "Approfondit un item (« 3.2 ») ou toutes les questions d'une étape (« 3 ») :\n"
	               "ajoute les questions du niveau suivant (ou jusqu'au niveau N) après ses\n"
	               "questions existantes, sans toucher à rien de ce qui est déjà écrit.\n"
	               "Niveaux : 1 l'essentiel, 2 approfondir, 3 pour aller plus loin.\n"
	               "\n"
	               "Options :\n"
	               "  -l, --level N  jusqu'à quel niveau (1, 2 ou 3)\n"
	               "  -h, --help     afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_deepen(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "level", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int level = 0, opt;
	while ((opt = getopt_long(argc, argv, ":l:h", options, NULL)) != -1) {
		switch (opt) {
		case 'l':
			if (strlen(optarg) != 1 || optarg[0] < '1' || optarg[0] > '3')
				return usage_error("deepen", _("niveau « %s » invalide : 1, 2 ou 3 attendu"), optarg);
			level = optarg[0] - '0';
			break;
		case 'h': return help();
		default: return bad_option("deepen", opt, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("deepen", "%s", _("un identifiant d'item ou d'étape est attendu, par exemple : grille deepen 3.2"));
	if (grille_id_kind(argv[optind]) < 0 || grille_id_kind(argv[optind]) > 1)
		return usage_error("deepen", _("« %s » n'est pas l'identifiant d'une étape (« 3 ») ou d'un item (« 3.2 »)"),
		                   argv[optind]);
	grille_edit_result result;
	if (grille_workspace_deepen(&result, ctx->ws, argv[optind], level) < 0)
		return fail_with_unknown_id("deepen", ctx, argv[optind]);
	if (result.unchanged)
		say(_("%s a déjà toutes ses questions jusqu'au niveau %d : rien à ajouter.\n"), visible(argv[optind]), result.level);
	else
		say(ngettext("%s : %zu question ajoutée, jusqu'au niveau %d (%s:%zu).\n",
		                "%s : %zu questions ajoutées, jusqu'au niveau %d (%s:%zu).\n", result.added),
		       visible(argv[optind]), result.added, result.level, here(result.file), result.line);
	grille_edit_result_release(&result);
	return finish_output(EXIT_OK);
}
