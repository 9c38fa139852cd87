#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille diff [DEPUIS [JUSQU'À]] [--json]\n"
	               "\n"
	               "Ce qui a changé, question par question, entre deux points de l'historique :\n"
	               "réponse ajoutée, modifiée, retirée, question mise de côté, gardée pour plus\n"
	               "tard, rouverte, en conflit. Sans argument : du dernier jalon à l'espace de\n"
	               "travail tel qu'il est. Un point, c'est un numéro de commit, un jalon nommé\n"
	               "(etape-3, lancement…) ou HEAD.\n"
	               "\n"
	               "Options :\n"
	               "  --json      la même chose en JSON (format décrit dans grille-diff(1))\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static const char *describe(grille_change_kind kind, const char **sign)
{
	switch (kind) {
	case GRILLE_CHANGE_ADDED: *sign = "+"; return _("réponse ajoutée");
	case GRILLE_CHANGE_CHANGED: *sign = "~"; return _("réponse modifiée");
	case GRILLE_CHANGE_REMOVED: *sign = "-"; return _("réponse retirée");
	case GRILLE_CHANGE_SKIPPED: *sign = "»"; return _("mise de côté");
	case GRILLE_CHANGE_DEFERRED: *sign = "…"; return _("gardée pour plus tard");
	case GRILLE_CHANGE_REOPENED: *sign = "↺"; return _("rouverte");
	default: *sign = "!"; return _("en conflit");
	}
}

int cmd_diff(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON: json = 1; break;
		case 'h': return help();
		default: return bad_option("diff", opt, argv);
		}
	}
	if (argc - optind > 2)
		return usage_error("diff", "%s", _("deux points de l'historique au plus"));
	const char *from = optind < argc ? argv[optind] : NULL;
	const char *to = optind + 1 < argc ? argv[optind + 1] : NULL;
	grille_diff *diff = NULL;
	if (grille_history_diff(&diff, ctx->ws, from, to) < 0)
		return fail_with_library_error("diff");
	if (json) {
		grille_buf out = GRILLE_BUF_INIT;
		if (print_rendered(grille_diff_json(&out, diff), &out)) {
			grille_diff_free(diff);
			return EXIT_FAILED;
		}
	} else {
		if (diff->to)
			printf(_("De %s à %s :\n"), visible(diff->from), visible(diff->to));
		else
			printf(_("De %s à l'espace de travail tel qu'il est :\n"), visible(diff->from));
		if (diff->count == 0)
			printf("%s", _("  aucune réponse n'a changé.\n"));
		const char *step = NULL;
		for (size_t i = 0; i < diff->count; i++) {
			const grille_change *c = &diff->changes[i];
			if (!step || strcmp(step, c->step) != 0)
				printf(_("Étape %s\n"), c->step);
			step = c->step;
			const char *sign;
			const char *what = describe(c->kind, &sign);
			printf("  %s %s %s — %s\n", sign, visible(c->id), visible(c->text), what);
		}
	}
	grille_diff_free(diff);
	return finish_output(EXIT_OK);
}
