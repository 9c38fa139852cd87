#include <getopt.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille reopen ID\n"
	               "\n"
	               "Rouvre un item ou une question mis de côté ou gardé pour plus tard : la marque\n"
	               "sous son titre est retirée, le fichier redevient tel qu'il était.\n"
	               "\n"
	               "Options :\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_reopen(int argc, char **argv, struct grille_ctx *ctx)
{
	int parsed = only_help_option(argc, argv, "reopen", help);
	if (parsed >= 0)
		return parsed;
	if (argc - optind != 1)
		return usage_error("reopen", "%s", _("un identifiant d'item ou de question est attendu, par exemple : grille reopen 2.6"));
	grille_edit_result result;
	if (grille_workspace_reopen(&result, ctx->ws, argv[optind]) < 0)
		return fail_with_unknown_id("reopen", ctx, argv[optind]);
	if (result.unchanged)
		say(_("%s n'était ni mis de côté ni gardé pour plus tard : rien à changer.\n"), visible(argv[optind]));
	else
		say(_("%s est rouvert (%s:%zu).\n"), visible(argv[optind]), here(result.file), result.line);
	grille_edit_result_release(&result);
	return finish_output(EXIT_OK);
}
