#include <getopt.h>

#include "grille/grille.h"
#include "cmd.h"

void print_positions_count(const grille_question_status *q)
{
	if (q->kind != GRILLE_QUESTION_POSITIONS || !q->line)
		return;
	if (q->positions_expected)
		printf(_(" (positions : %zu sur %zu"), q->positions_written, q->positions_expected);
	else
		printf(_(" (positions : %zu"), q->positions_written);
	if (q->positions_written && q->state == GRILLE_STATE_UNANSWERED)
		printf("%s", _(", synthèse à écrire"));
	printf(")");
}

static int help(void)
{
	printf("%s", _("Usage : grille position ID [--member NOM]\n"
	               "\n"
	               "Ajoute, sous une question où chaque personne se positionne d'abord (par exemple\n"
	               "5.1.a), la sous-partie « Position de NOM » de la personne, et la « Synthèse du\n"
	               "groupe » que le groupe écrira ensuite ; dit à quelle ligne écrire. Quand\n"
	               "membres.md a des membres, les sous-parties de tous les membres sont ajoutées\n"
	               "d'un coup, dans l'ordre de la liste : deux personnes qui écrivent en même temps\n"
	               "sur deux copies verront leurs textes fusionnés sans conflit par grille sync.\n"
	               "\n"
	               "Options :\n"
	               "  -m, --member NOM  la position d'un autre membre (pour qui tape à sa place) ;\n"
	               "                    par défaut, le membre de votre identité git\n"
	               "  -h, --help        afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_position(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "member", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *member = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":m:h", options, NULL)) != -1) {
		switch (opt) {
		case 'm': member = optarg; break;
		case 'h': return help();
		default: return bad_option("position", opt, argv);
		}
	}
	if (argc - optind != 1)
		return usage_error("position", "%s", _("un identifiant de question est attendu, par exemple : grille position 5.1.a"));
	grille_position_result result;
	if (grille_workspace_position(&result, ctx->ws, argv[optind], member) < 0)
		return fail_with_unknown_id("position", ctx, argv[optind]);
	printf(_("Position de %s sous %s : écrivez-la à la ligne %s:%zu.\n"), visible(result.member),
	       visible(argv[optind]), here(result.file), result.line);
	if (result.all)
		printf("%s", _("Les autres membres ont aussi leur sous-partie ; la synthèse du groupe vient après.\n"));
	else
		printf("%s", _("La synthèse du groupe vient après les positions.\n"));
	grille_position_result_release(&result);
	return finish_output(EXIT_OK);
}
