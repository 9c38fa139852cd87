#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille log [--json]\n"
	               "\n"
	               "La progression au fil du temps : pour chaque jalon (commit), la date, qui l'a\n"
	               "fait, son message, les réponses par étape et ce qui a changé depuis le\n"
	               "précédent. Les commits faits avec git directement en font partie.\n"
	               "\n"
	               "Options :\n"
	               "  --json      la même chose en JSON (format décrit dans grille-log(1))\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* "── Tour 1 terminé (jalon tour-1) ──" above the commit that ended a round, with its tag as named. */
static void print_round_end(const grille_log_entry *e)
{
	char folder[32];
	const char *tag = NULL;
	grille_round_folder(folder, e->round_end);
	for (size_t t = 0; t < e->tag_count && !tag; t++) {
		size_t len = strlen(e->tags[t]), flen = strlen(folder);
		if (len >= flen && strcmp(e->tags[t] + len - flen, folder) == 0)
			tag = e->tags[t];
	}
	printf(_("── Tour %d terminé (jalon %s) ──\n\n"), e->round_end, visible(tag ? tag : folder));
}

static void print_entry(const grille_log_entry *e, const grille_group *group)
{
	printf("%.7s  %.16s  ", e->commit, e->date);
	print_person(group, e->author, e->email);
	for (size_t t = 0; t < e->tag_count; t++)
		printf("%s%s%s", t ? ", " : "  [", visible(e->tags[t]), t + 1 == e->tag_count ? "]" : "");
	printf("\n    %s\n    ", visible(e->summary));
	printf(_("%zu/%zu réponses (%+ld) —"), e->answered, e->open, e->delta);
	for (size_t s = 0; s < e->step_count; s++) {
		const grille_step_progress *p = &e->steps[s];
		printf(_(" étape %s : %zu/%zu"), p->id, p->answered, p->open);
		if (p->delta)
			printf(" (%+ld)", p->delta);
		if (s + 1 < e->step_count)
			printf(" ·");
	}
	printf("\n\n");
}

int cmd_log(int argc, char **argv, struct grille_ctx *ctx)
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
		default: return bad_option("log", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("log", _("argument inattendu « %s »"), argv[optind]);
	grille_log *log = NULL;
	const grille_group *group = NULL;
	progress_start(ctx->ws, _("Lecture des jalons"));
	int error = grille_workspace_group(&group, ctx->ws) < 0 || grille_history_log(&log, ctx->ws) < 0;
	progress_end(ctx->ws);
	if (error)
		return fail_with_library_error("log");
	start_pager(); /* now: the progress line was on the terminal, the pager would have taken it */
	if (json) {
		grille_buf out = GRILLE_BUF_INIT;
		if (print_rendered(grille_log_json(&out, log, group), &out)) {
			grille_log_free(log);
			return EXIT_FAILED;
		}
	} else if (log->count == 0) {
		printf("%s", _("Aucun jalon pour l'instant : « grille commit » enregistre le premier.\n"));
	} else {
		struct strangers strangers = { GRILLE_BUF_INIT, 0 };
		for (size_t i = 0; i < log->count; i++) {
			if (log->entries[i].round_end) /* newest first: the round ends below this line */
				print_round_end(&log->entries[i]);
			print_entry(&log->entries[i], group);
			note_stranger(&strangers, group, log->entries[i].author, log->entries[i].email);
		}
		print_strangers(&strangers);
	}
	if (!json && log->partial)
		say("%s", _("Historique partiel : ce dépôt est un clone limité aux derniers jalons (git clone "
		               "--depth) ; les plus anciens n'y sont pas. Pour tout l'historique : git fetch --unshallow\n"));
	grille_log_free(log);
	return finish_output(EXIT_OK);
}
