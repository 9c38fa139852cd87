#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille skip ID [--reason TEXTE]\n"
	               "\n"
	               "Met de côté un item (« 2.6 ») ou une question (« 2.6.a ») : le groupe choisit\n"
	               "de ne pas s'y arrêter. La marque « **Mis de côté** » s'écrit sous son titre,\n"
	               "lisible sur une forge ; « grille reopen ID » la retire.\n"
	               "\n"
	               "Options :\n"
	               "  -r, --reason TEXTE  pourquoi, en une ligne\n"
	               "  -h, --help          afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_skip(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'r': reason = optarg; break;
		case 'h': return help();
		default: return bad_option("skip", opt, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("skip", "%s", _("un identifiant d'item ou de question est attendu, par exemple : grille skip 2.6"));
	grille_edit_result result;
	if (grille_workspace_mark(&result, ctx->ws, argv[optind], GRILLE_MARK_SKIP, NULL, reason) < 0)
		return fail_with_unknown_id("skip", ctx, argv[optind]);
	say(_("%s mis de côté (%s:%zu).\n"), visible(argv[optind]), here(result.file), result.line);
	print_answers_kept(result.answered);
	grille_edit_result_release(&result);
	return finish_output(EXIT_OK);
}
