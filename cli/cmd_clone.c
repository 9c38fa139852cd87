#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille clone ADRESSE [DOSSIER] [--author \"NOM <EMAIL>\"]\n"
	               "\n"
	               "Rejoint un groupe : fait une copie de son espace de travail partagé (une\n"
	               "forge, un disque partagé) dans DOSSIER, vérifie que c'est bien un espace\n"
	               "de travail grille et que git sait qui vous êtes, puis dit quoi faire\n"
	               "ensuite. DOSSIER vaut par défaut le nom du dépôt, comme pour git clone ;\n"
	               "il ne doit pas exister, ou être vide.\n"
	               "\n"
	               "Options :\n"
	               "      --author \"NOM <EMAIL>\" signer vos jalons sous ce nom dans cette copie\n"
	               "                            (écrit dans sa configuration git)\n"
	               "  -h, --help                afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* What the progress line last showed: rewritten when a percentage moves. */
struct progress_line {
	int shown;
	long last; /* phase * 1000 + percent */
};

/* A line on the terminal that tells how far the clone has come. */
static void show_progress(const grille_clone_progress *p, void *payload)
{
	struct progress_line *line = payload;
	if (!p->to_write && !p->total)
		return;
	long now = p->to_write ? 1000 + (long)(p->written * 100 / p->to_write)
	                       : (long)(p->received * 100 / p->total);
	if (line->shown && now == line->last)
		return;
	/* Each phase on its own line: the second is shorter than the first. */
	fputc(line->shown && line->last < 1000 && now >= 1000 ? '\n' : '\r', stderr);
	line->last = now;
	if (p->to_write)
		fprintf(stderr, _("Écriture des fichiers : %zu sur %zu"), p->written, p->to_write);
	else
		fprintf(stderr, _("Réception : %zu objets sur %zu (%zu Kio)"), p->received, p->total, p->bytes / 1024);
	line->shown = 1;
}

/* `text` between double quotes, fit for a shell. */
static void print_quoted(const char *text)
{
	putchar('"');
	for (const char *p = visible(text); *p; p++) {
		if (strchr("\"\\$`", *p))
			putchar('\\');
		putchar(*p);
	}
	putchar('"');
}

/* Whether the member is in the group's list, and the advice when not. */
static int print_membership(const char *path)
{
	grille_workspace *ws = NULL;
	const grille_member *me = NULL;
	char *name = NULL, *email = NULL;
	int known = 0;
	if (grille_workspace_open(&ws, path) < 0 || grille_workspace_me(&me, &name, &email, ws) < 0)
		print_error(_("attention : %s"), grille_error_last());
	else if (me) {
		printf(_("Vous êtes « %s » dans la liste des membres du groupe (membres.md).\n"), visible(me->name));
		known = 1;
	} else
		printf("%s", _("Vous n'êtes pas encore dans la liste des membres du groupe (membres.md).\n"));
	free(name);
	free(email);
	grille_workspace_free(ws);
	return known;
}

static void print_next_steps(const grille_clone_result *result, const char *path, int known)
{
	int n = 1;
	printf("%s", _("\nPour la suite :\n"));
	printf("  %d. cd %s\n", n++, visible(path));
	if (!known) {
		printf(_("  %d. vous ajouter à la liste des membres : grille member add "), n++);
		print_quoted(result->name);
		printf(" --email %s\n", visible(result->email));
	}
	printf(_("  %d. grille status : les questions ouvertes, et le fichier de chaque étape ;\n"), n++);
	printf(_("  %d. écrivez vos réponses sous les questions, dans ces fichiers (un éditeur de texte suffit) ;\n"), n++);
	printf(_("  %d. grille commit : enregistrer vos réponses dans l'historique ;\n"), n++);
	printf(_("  %d. grille sync : les partager avec le groupe, et reprendre celles des autres.\n"), n++);
	printf("%s", _("« man grille » explique chaque étape.\n"));
}

static int report(const grille_clone_result *result)
{
	const char *inside = result->workspaces[0];
	grille_buf path = GRILLE_BUF_INIT;
	if ((*inside ? grille_buf_printf(&path, "%s/%s", result->dir, inside) : grille_buf_puts(&path, result->dir)) < 0) {
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	if (manners.quiet) { /* all that follows is notices and next steps */
		grille_buf_release(&path);
		return finish_output(EXIT_OK);
	}
	printf(_("Espace de travail cloné dans « %s ».\n"), visible(path.ptr));
	if (*inside)
		printf(_("(il est dans le sous-dossier « %s » du dépôt)\n"), visible(inside));
	for (size_t i = 1; i < result->workspace_count; i++)
		printf(_("Ce dépôt contient aussi un espace de travail dans « %s/%s ».\n"), visible(result->dir),
		       visible(result->workspaces[i]));
	printf(_("Vos jalons seront signés « %s <%s> »"), visible(result->name), visible(result->email));
	printf("%s", result->author_written ? _(" (réglé pour ce dépôt seulement : git config user.name et user.email).\n")
	                                    : ".\n");
	print_next_steps(result, path.ptr, print_membership(path.ptr));
	grille_buf_release(&path);
	return finish_output(EXIT_OK);
}

int cmd_clone(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AUTHOR = 256 };
	static const struct option options[] = {
		{ "author", required_argument, NULL, OPT_AUTHOR },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	(void)ctx;
	grille_clone_options opts = GRILLE_CLONE_OPTIONS_INIT;
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_AUTHOR:
			if (take_author("clone", optarg, &opts.author))
				return EXIT_USAGE;
			break;
		case 'h': return help();
		default: return bad_option("clone", opt, argv);
		}
	}
	if (optind >= argc)
		return usage_error("clone", "%s", _("quelle adresse ? Celle du dépôt partagé, que donne qui l'a créé"));
	if (argc - optind > 2)
		return usage_error("clone", "%s", _("une adresse et un dossier, pas plus"));
	opts.url = argv[optind];
	opts.dir = optind + 1 < argc ? argv[optind + 1] : NULL;
	struct progress_line line = { 0, 0 };
	if (isatty(STDERR_FILENO) && !manners.quiet) {
		opts.progress = show_progress;
		opts.payload = &line;
	}
	grille_clone_result result;
	int error = grille_clone(&result, &opts);
	if (line.shown)
		fputc('\n', stderr);
	int code = error < 0 ? fail_with_library_error("clone") : report(&result);
	grille_clone_result_release(&result);
	return code;
}
