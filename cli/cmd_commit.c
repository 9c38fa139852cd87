#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille commit [-m MESSAGE] [--all] [--author \"NOM <EMAIL>\"]\n"
	               "\n"
	               "Enregistre un jalon : les changements de l'espace de travail, et eux seuls,\n"
	               "entrent dans l'historique git, signés de votre identité git. Sans message,\n"
	               "grille dit ce qui a avancé (« Étape 3 : 6/9 réponses (+2) »). Une étape qui\n"
	               "n'a plus de question sans réponse reçoit un jalon à son nom (etape-3).\n"
	               "Après un « grille sync » qui a rencontré des conflits, une fois les textes\n"
	               "choisis et les marques effacées, grille commit termine la fusion.\n"
	               "Un fichier nouveau qui n'est pas de l'espace de travail (notes, photos)\n"
	               "n'est pas enregistré, donc pas partagé : grille le signale.\n"
	               "\n"
	               "Options :\n"
	               "  -m, --message MESSAGE     le message du jalon\n"
	               "  -a, --all                 enregistrer aussi les fichiers nouveaux\n"
	               "      --author \"NOM <EMAIL>\" signer sous ce nom\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

void print_left_out(const grille_commit_result *result)
{
	if (!result->left_out_count)
		return;
	fflush(stdout);
	fprintf(stderr, "%s", _("grille : attention : ces fichiers nouveaux ne sont pas enregistrés, ni donc partagés :\n"));
	for (size_t i = 0; i < result->left_out_count; i++)
		fprintf(stderr, "  %s\n", visible(here(result->left_out[i])));
	fprintf(stderr, "%s", _("  Pour les partager avec le groupe : grille commit --all. Pour ne plus les voir ici : "
	                        "ajoutez-les à .gitignore.\n"));
}

void print_commit_result(const grille_commit_result *result)
{
	print_steering(&result->steered);
	const char *message = result->message ? result->message : "";
	char *subject = strndup(message, strcspn(message, "\n"));
	say(_("Jalon %.7s : %s\n"), result->commit, visible(subject ? subject : ""));
	free(subject);
	for (size_t i = 0; i < result->tag_count; i++)
		say(_("Jalon nommé : %s\n"), visible(result->tags[i]));
	if (result->merge)
		say("%s", _("La fusion est terminée : « grille sync » partagera le tout.\n"));
}

int cmd_commit(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AUTHOR = 256 };
	static const struct option options[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "all", no_argument, NULL, 'a' },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *message = NULL, *author = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":m:ah", options, NULL)) != -1) {
		switch (opt) {
		case 'm': message = optarg; break;
		case 'a': grille_workspace_set_commit_all(ctx->ws, 1); break;
		case OPT_AUTHOR:
			if (take_author("commit", optarg, &author))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("commit", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("commit", _("argument inattendu « %s »"), argv[optind]);
	grille_commit_result result;
	if (grille_history_commit(&result, ctx->ws, message, author) < 0)
		return fail_with_library_error("commit");
	if (!result.commit[0])
		say("%s", _("Rien à enregistrer : l'espace de travail est tel que dans le dernier jalon.\n"));
	else
		print_commit_result(&result);
	print_left_out(&result);
	grille_commit_result_release(&result);
	return finish_output(EXIT_OK);
}
