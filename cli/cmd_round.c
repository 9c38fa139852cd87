#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille round new [--dry-run] [--force] [--author \"NOM <EMAIL>\"]\n"
	               "\n"
	               "Après le bilan, commence le tour suivant de la démarche : le tour fini est\n"
	               "archivé dans le dossier tour-N/ (ses fichiers d'étape, plan.md,\n"
	               "calendrier.md et membres.md, tels quels) et son dernier jalon reçoit le\n"
	               "nom tour-N ; les étapes 3, 4 et 5 repartent de la grille ; le plan garde\n"
	               "les actions que le bilan garde ou ajuste (grille plan decide), à faire ;\n"
	               "le calendrier se vide. Les étapes 1 et 2 et les membres restent. Le tout\n"
	               "est enregistré en un jalon.\n"
	               "\n"
	               "Options :\n"
	               "  -n, --dry-run             dire ce qui serait fait, sans rien changer\n"
	               "  -f, --force               commencer même si des actions n'ont pas de\n"
	               "                            décision du bilan : celles à faire ou en cours\n"
	               "                            reviennent telles quelles, les autres non\n"
	               "      --author \"NOM <EMAIL>\" signer sous ce nom\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static void print_list(const char *label, const char *list)
{
	if (list && *list)
		printf(label, visible(list));
}

static void print_result(const grille_round_result *r, int dry_run)
{
	if (dry_run)
		printf(_("Le tour %d finirait, et le tour %d commencerait :\n"), r->finished, r->finished + 1);
	else
		printf(_("Tour %d terminé, tour %d commencé.\n"), r->finished, r->finished + 1);
	printf(_("  archivés dans %s/ : %s\n"), visible(r->folder), visible(r->archived));
	printf(dry_run ? _("  jalon %s sur le dernier jalon du tour %d\n") : _("  jalon %s posé sur le dernier jalon du tour %d\n"),
	       visible(r->tag), r->finished);
	printf(_("  étapes reprises de la grille : %s\n"), visible(r->fresh));
	print_list(_("  actions gardées : %s\n"), r->kept);
	print_list(_("  actions à ajuster : %s\n"), r->adjusted);
	print_list(_("  actions abandonnées, qui ne reviennent pas : %s\n"), r->dropped);
	print_list(_("  actions sans décision, reprises telles quelles : %s\n"), r->undecided_back);
	print_list(_("  actions sans décision, finies ou abandonnées, non reprises : %s\n"), r->undecided_gone);
	if (dry_run) {
		printf("%s", _("Rien n'a été changé (--dry-run).\n"));
		return;
	}
	const char *message = r->message ? r->message : "";
	char *subject = strndup(message, strcspn(message, "\n"));
	printf(_("Jalon %.7s : %s\n"), r->commit, visible(subject ? subject : ""));
	free(subject);
	printf(_("Le tour %d se relit avec « grille report --round %d ».\n"), r->finished, r->finished);
}

static int round_new(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AUTHOR = 256 };
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *author = NULL;
	unsigned flags = 0;
	int opt;
	while ((opt = getopt_long(argc, argv, ":nfh", options, NULL)) != -1) {
		switch (opt) {
		case 'n': flags |= GRILLE_ROUND_DRY_RUN; break;
		case 'f': flags |= GRILLE_ROUND_FORCE; break;
		case OPT_AUTHOR:
			if (take_author("round", optarg, &author))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("round", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("round", _("argument inattendu « %s »"), argv[optind]);
	int code = flags & GRILLE_ROUND_DRY_RUN ? EXIT_OK : lock_workspace(ctx);
	if (code != EXIT_OK)
		return code;
	grille_round_result result;
	if (grille_round_new(&result, ctx->ws, flags, author) < 0)
		code = fail_with_library_error("round");
	else
		print_result(&result, (flags & GRILLE_ROUND_DRY_RUN) != 0);
	grille_round_result_release(&result);
	return finish_output(code);
}

int cmd_round(int argc, char **argv, struct grille_ctx *ctx)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return help();
	if (argc < 2 || strcmp(argv[1], "new") != 0)
		return usage_error("round", "%s", argc < 2 ? _("que faire ? Par exemple : grille round new")
		                                           : _("seul « grille round new » existe pour l'instant"));
	return round_new(argc - 1, argv + 1, ctx);
}
