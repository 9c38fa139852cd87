#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static const char *level_name(int level)
{
	switch (level) {
	case 1: return _("l'essentiel");
	case 2: return _("approfondir");
	default: return _("pour aller plus loin");
	}
}

static int help(void)
{
	printf("%s", _("Usage : grille init [DOSSIER] [OPTIONS…]\n"
	               "\n"
	               "Crée un espace de travail dans DOSSIER (par défaut, le dossier courant) :\n"
	               "grille.yaml, un fichier Markdown par étape, un README pour le groupe, et\n"
	               "un premier jalon dans git. Rien d'existant n'est jamais remplacé.\n"
	               "\n"
	               "Options :\n"
	               "  -t, --title TITRE         titre de la démarche (par défaut : celui de la grille)\n"
	               "  -c, --collective NOM      nom du collectif\n"
	               "  -l, --level 1|2|3         niveau de détail : 1 l'essentiel (par défaut),\n"
	               "                            2 approfondir, 3 pour aller plus loin\n"
	               "  -g, --grid FICHIER        partir d'une autre grille (YAML, voir grille-grid(5))\n"
	               "      --language fr|en      langue de la grille et des fichiers (par défaut : en\n"
	               "                            pour une locale anglaise, sinon fr)\n"
	               "      --author \"NOM <EMAIL>\" signer le premier jalon sous ce nom\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static int parse_level(const char *text, int *out)
{
	if (strlen(text) != 1 || text[0] < '1' || text[0] > '3')
		return usage_error("init", _("niveau « %s » invalide : 1, 2 ou 3 attendu"), text);
	*out = text[0] - '0';
	return 0;
}

/* The locale's language as gettext reads it: LC_ALL, LC_MESSAGES, then LANG;
 * LANGUAGE's first choice before them, unless the locale is C or POSIX
 * (C.UTF-8 is not: glibc's gettext reads LANGUAGE under it). */
static const char *locale_language(void)
{
	const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *locale = "";
	for (size_t i = 0; i < sizeof(names) / sizeof(*names) && !*locale; i++)
		if (getenv(names[i]))
			locale = getenv(names[i]);
	const char *language = getenv("LANGUAGE");
	int c_locale = !*locale || strcmp(locale, "C") == 0 || strcmp(locale, "POSIX") == 0;
	const char *chosen = language && *language && !c_locale ? language : locale;
	return strncmp(chosen, "en", 2) == 0 && strchr("_.@:", chosen[2]) ? "en" : "fr";
}

static void print_result(const grille_init_result *result)
{
	say(_("Espace de travail créé dans %s\n"), visible(result->workdir));
	for (size_t i = 0; i < result->file_count; i++)
		say("  %s\n", visible(result->files[i]));
	say(ngettext("%zu question au niveau %d (%s).\n",
	                "%zu questions au niveau %d (%s).\n", result->question_count),
	       result->question_count, result->level, level_name(result->level));
	if (result->repo_created)
		say(_("Dépôt git créé ; premier jalon : %.7s\n"), result->commit);
	else
		say(_("Ajouté au dépôt git de %s ; premier jalon : %.7s\n"), visible(result->repo_workdir),
		       result->commit);
	if (result->file_count > 1)
		say(_("Pour commencer : lisez README.md, puis répondez sous les questions de %s.\n"),
		       visible(result->files[1]));
}

int cmd_init(int argc, char **argv, struct grille_ctx *ctx)
{
	(void)ctx;
	enum { OPT_AUTHOR = 256, OPT_LANGUAGE };
	static const struct option options[] = {
		{ "title", required_argument, NULL, 't' },
		{ "collective", required_argument, NULL, 'c' },
		{ "level", required_argument, NULL, 'l' },
		{ "grid", required_argument, NULL, 'g' },
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "language", required_argument, NULL, OPT_LANGUAGE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	grille_init_options opts = GRILLE_INIT_OPTIONS_INIT;
	opts.lock_wait_ms = lock_wait_ms();
	int opt;
	while ((opt = getopt_long(argc, argv, ":t:c:l:g:h", options, NULL)) != -1) {
		switch (opt) {
		case 't': opts.title = optarg; break;
		case 'c': opts.collective = optarg; break;
		case 'g': opts.grid_path = optarg; break;
		case OPT_LANGUAGE: opts.language = optarg; break;
		case OPT_AUTHOR:
			if (take_author("init", optarg, &opts.author))
				return EXIT_USAGE;
			break;
		case 'l':
			if (parse_level(optarg, &opts.level))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("init", opt, argv);
		}
	}
	if (argc - optind > 1)
		return usage_error("init", _("un seul dossier à la fois (reçu « %s » en plus)"), argv[optind + 1]);
	if (optind < argc)
		opts.dir = argv[optind];
	if (opts.title && !*opts.title)
		return usage_error("init", "%s", _("le titre ne peut pas être vide"));
	if (!opts.language && !opts.grid_path)
		opts.language = locale_language();

	grille_init_result result;
	if (grille_workspace_init(&result, &opts) < 0)
		return fail_with_library_error("init");
	print_result(&result);
	grille_init_result_release(&result);
	return finish_output(EXIT_OK);
}
