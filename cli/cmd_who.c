#include <getopt.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille who [ÉTAPE|ID] [--json]\n"
	               "\n"
	               "Qui a écrit les réponses enregistrées, par étape et par question, d'après\n"
	               "l'historique git (git blame des lignes de chaque réponse). On peut se limiter\n"
	               "à une étape (« 3 »), un item (« 3.2 ») ou une question (« 3.2.a »).\n"
	               "\n"
	               "Options :\n"
	               "  --json      la même chose en JSON (format décrit dans grille-who(1))\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* People named by member (the git name in brackets when it differs); the others noted as strangers. */
static void print_people(const grille_contributor *people, size_t count, const grille_group *group,
                         struct strangers *strangers)
{
	for (size_t i = 0; i < count; i++) {
		printf("%s", i ? ", " : "");
		print_person(group, people[i].name, people[i].email);
		printf(ngettext(" (%zu ligne)", " (%zu lignes)", people[i].lines), people[i].lines);
		note_stranger(strangers, group, people[i].name, people[i].email);
	}
}

/* One question: its text, then who wrote its answer, without its step's total. */
static void print_question(const grille_who *who, const char *id, const grille_group *group,
                           struct strangers *strangers)
{
	int printed = 0;
	for (size_t s = 0; s < who->step_count; s++)
		for (size_t q = 0; q < who->steps[s].question_count; q++) {
			const grille_who_question *wq = &who->steps[s].questions[q];
			printed = 1;
			printf("%s %s\n   ", visible(wq->id), visible(wq->text));
			print_people(wq->people, wq->people_count, group, strangers);
			printf("\n");
		}
	if (!printed)
		printf(_("%s n'a pas de réponse enregistrée pour l'instant.\n"), visible(id));
}

/* Per step, its people then a line per question. */
static void print_steps(const grille_who *who, const grille_group *group, struct strangers *strangers)
{
	int printed = 0;
	for (size_t s = 0; s < who->step_count; s++) {
		const grille_who_step *st = &who->steps[s];
		if (!st->people_count)
			continue;
		printed = 1;
		printf("%s. %s\n   ", visible(st->id), visible(st->title));
		print_people(st->people, st->people_count, group, strangers);
		printf("\n");
		for (size_t q = 0; q < st->question_count; q++) {
			printf("   %-7s ", visible(st->questions[q].id));
			print_people(st->questions[q].people, st->questions[q].people_count, group, strangers);
			printf("\n");
		}
		printf("\n");
	}
	if (!printed)
		printf("%s", _("Aucune réponse enregistrée pour l'instant.\n"));
}

int cmd_who(int argc, char **argv, struct grille_ctx *ctx)
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
		default: return bad_option("who", opt, argv);
		}
	}
	if (argc - optind > 1)
		return usage_error("who", "%s", _("une étape, un item ou une question à la fois"));
	const char *scope = optind < argc ? argv[optind] : NULL;
	grille_who *who = NULL;
	const grille_group *group = NULL;
	if (grille_workspace_group(&group, ctx->ws) < 0 || grille_history_who(&who, ctx->ws, scope) < 0)
		return fail_with_library_error("who");
	struct strangers strangers = { GRILLE_BUF_INIT, 0 };
	if (json) {
		grille_buf out = GRILLE_BUF_INIT;
		if (print_rendered(grille_who_json(&out, who, group), &out)) {
			grille_who_free(who);
			return EXIT_FAILED;
		}
	} else {
		if (scope && grille_id_kind(scope) == 2)
			print_question(who, scope, group, &strangers);
		else
			print_steps(who, group, &strangers);
		print_strangers(&strangers);
		if (who->partial)
			printf("%s", _("Historique partiel : ce dépôt est un clone limité aux derniers jalons (git clone "
			               "--depth) ; les lignes plus anciennes sont attribuées au plus ancien jalon présent. "
			               "Pour tout l'historique : git fetch --unshallow\n"));
	}
	grille_who_free(who);
	return finish_output(EXIT_OK);
}
