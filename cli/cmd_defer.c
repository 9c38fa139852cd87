#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille defer ID [--until AAAA-MM-JJ] [--reason TEXTE]\n"
	               "\n"
	               "Garde pour plus tard un item (« 3.4 ») ou une question (« 3.4.b ») : le groupe\n"
	               "y reviendra. La marque « **À explorer plus tard** » s'écrit sous son titre ;\n"
	               "« grille status » montre la date et signale celles qui sont passées.\n"
	               "\n"
	               "Options :\n"
	               "  -u, --until DATE    d'ici quand y revenir (AAAA-MM-JJ)\n"
	               "  -r, --reason TEXTE  pourquoi, en une ligne\n"
	               "  -h, --help          afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_defer(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "until", required_argument, NULL, 'u' },
		{ "reason", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL, *until = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":u:r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'u': until = optarg; break;
		case 'r': reason = optarg; break;
		case 'h': return help();
		default: return bad_option("defer", opt, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("defer", "%s", _("un identifiant d'item ou de question est attendu, par exemple : grille defer 3.4 --until 2027-03-01"));
	grille_edit_result result;
	if (grille_workspace_mark(&result, ctx->ws, argv[optind], GRILLE_MARK_DEFER, until, reason) < 0)
		return fail_with_unknown_id("defer", ctx, argv[optind]);
	if (until)
		say(_("%s gardé pour plus tard, d'ici le %s (%s:%zu).\n"), visible(argv[optind]), until, here(result.file), result.line);
	else
		say(_("%s gardé pour plus tard (%s:%zu).\n"), visible(argv[optind]), here(result.file), result.line);
	print_answers_kept(result.answered);
	grille_edit_result_release(&result);
	return finish_output(EXIT_OK);
}
