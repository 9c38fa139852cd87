#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"
#include "launcher.h"
#include "status_kept.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv, struct grille_ctx *ctx);
	unsigned flags;
	const char *summary;
};

static const struct command commands[] = {
	{ "init", cmd_init, 0, N_("créer un espace de travail et son premier jalon") },
	{ "clone", cmd_clone, 0, N_("rejoindre un groupe : copier son espace de travail partagé") },
	{ "status", cmd_status, NEED_WORKSPACE | SHOWS_GROUP | PAGES, N_("voir où en est la démarche : réponses, questions ouvertes") },
	{ "skip", cmd_skip, NEED_WORKSPACE | NEED_LOCK, N_("mettre de côté un item ou une question") },
	{ "defer", cmd_defer, NEED_WORKSPACE | NEED_LOCK, N_("garder un item ou une question pour plus tard") },
	{ "reopen", cmd_reopen, NEED_WORKSPACE | NEED_LOCK, N_("rouvrir un item ou une question mis de côté ou à plus tard") },
	{ "deepen", cmd_deepen, NEED_WORKSPACE | NEED_LOCK, N_("ajouter à un item les questions du niveau suivant") },
	{ "position", cmd_position, NEED_WORKSPACE | NEED_LOCK, N_("ajouter sa position sous une question du bilan") },
	{ "commit", cmd_commit, NEED_WORKSPACE | NEED_LOCK, N_("enregistrer un jalon dans l'historique") },
	{ "milestone", cmd_milestone, NEED_WORKSPACE | NEED_LOCK, N_("poser un jalon nommé") },
	{ "log", cmd_log, NEED_WORKSPACE, /* pages once read: cmd_log() */ N_("voir la progression au fil des jalons") },
	{ "diff", cmd_diff, NEED_WORKSPACE | PAGES, N_("voir ce qui a changé, question par question") },
	{ "who", cmd_who, NEED_WORKSPACE | PAGES, N_("voir qui a écrit les réponses") },
	{ "sync", cmd_sync, NEED_WORKSPACE | NEED_LOCK | SHOWS_GROUP, N_("partager avec un dépôt partagé : reprendre, fusionner, envoyer") },
	{ "member", cmd_member, NEED_WORKSPACE | SHOWS_GROUP, N_("les membres du groupe et leurs rôles : voir, ajouter, retirer") },
	{ "plan", cmd_plan, NEED_WORKSPACE | SHOWS_GROUP, N_("le plan d'action : qui fait quoi, pour quand") },
	{ "calendar", cmd_calendar, NEED_WORKSPACE | SHOWS_GROUP, N_("la phase de test et les bilans ; le calendrier en iCalendar") },
	{ "report", cmd_report, NEED_WORKSPACE, N_("construire le document de synthèse (HTML, ODT, Markdown, JSON)") },
	{ "edit", cmd_edit, NEED_WORKSPACE, N_("ouvrir une question dans son éditeur de texte") },
	{ "answer", cmd_answer, NEED_WORKSPACE, N_("écrire une réponse sous une question, depuis un fichier") },
	{ "serve", cmd_serve, NEED_WORKSPACE, N_("ouvrir une page web locale pour répondre et suivre la démarche") },
	{ "round", cmd_round, NEED_WORKSPACE, N_("après le bilan, commencer le tour suivant de la démarche") },
	{ "sheet", cmd_sheet, NEED_WORKSPACE, N_("préparer une fiche de travail à imprimer pour une réunion") },
	{ "grid", cmd_grid, NEED_WORKSPACE | NEED_LOCK, N_("passer à la version de la grille que fournit grille") },
	{ "help", cmd_help, NO_LIBRARY, N_("afficher l'aide d'une commande") },
	{ "__complete", cmd_complete, HIDDEN, NULL }, /* for the shell completions (completions/) */
};

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

command_run *command_named(const char *name)
{
	const struct command *command = find_command(name);
	return command && !(command->flags & HIDDEN) ? command->run : NULL;
}

/* An unknown command, with the closest one when it looks like a typo. */
int unknown_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(*commands)];
	size_t count = 0;
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!(commands[i].flags & HIDDEN))
			names[count++] = commands[i].name;
	const char *near = closest_word(name, names, count);
	if (near)
		return usage_error(NULL, _("commande inconnue : %s. Vouliez-vous dire « %s » ?"), name, near);
	return usage_error(NULL, _("commande inconnue « %s »"), name);
}

int print_help(void)
{
	printf("%s", _("Usage : grille [-C DOSSIER] COMMANDE [OPTIONS…]\n"
	               "\n"
	               "grille accompagne un collectif dans la démarche « Travailler de manière\n"
	               "collaborative grâce au numérique » : un espace de travail en fichiers\n"
	               "Markdown, suivi par git, étape par étape.\n"
	               "\n"
	               "Commandes :\n"));
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!(commands[i].flags & HIDDEN))
			printf("  %-10s %s\n", commands[i].name, _(commands[i].summary));
	printf("%s", _("\n"
	               "Options :\n"
	               "  -C DOSSIER     travailler comme si grille était lancé dans DOSSIER\n"
	               "  -q, --quiet    seulement les erreurs et le résultat demandé\n"
	               "  --no-color     sans couleurs (comme NO_COLOR) ; --color=always|never|auto\n"
	               "  --no-pager     ne pas passer par le pager ($GRILLE_PAGER, $PAGER, less)\n"
	               "  -h, --help     afficher cette aide\n"
	               "  -V, --version  afficher la version\n"
	               "\n"
	               "« grille help COMMANDE » détaille une commande ; « man grille » dit tout.\n"));
	return finish_output(EXIT_OK);
}

unsigned lock_wait_ms(void)
{
	/* How long to wait for another grille; tests set it, to see the refusal without waiting. */
	unsigned long wait_ms = 10000;
	const char *env = getenv("GRILLE_LOCK_WAIT_MS");
	if (env && *env) {
		char *end = NULL;
		errno = 0;
		unsigned long value = strtoul(env, &end, 10);
		if (!errno && end && !*end && value <= 3600000)
			wait_ms = value;
	}
	return (unsigned)wait_ms;
}

int lock_workspace(struct grille_ctx *ctx)
{
	if (ctx->lock)
		return EXIT_OK;
	if (grille_lock_acquire(&ctx->lock, grille_workspace_root(ctx->ws), lock_wait_ms()) < 0)
		return fail_with_library_error(NULL);
	return EXIT_OK;
}

/* GRILLE_THREADS, as grille(1) says: a positive number, else one thread per core. */
static unsigned wanted_threads(void)
{
	const char *env = getenv("GRILLE_THREADS");
	long value = env ? strtol(env, NULL, 10) : 0; /* a number followed by text counts, as atoi() read it */
	return value <= 0 ? 0 : (unsigned long)value > UINT_MAX ? UINT_MAX : (unsigned)value; /* the library caps it */
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org) fixes "today" for documents
 * that must come out the same on every run: golden files, archived reports. */
static const char *fixed_today(void)
{
	static char today[11];
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (!env || !*env)
		return NULL;
	char *end = NULL;
	errno = 0;
	long long seconds = strtoll(env, &end, 10);
	if (errno || !end || *end || seconds < 0)
		return NULL;
	time_t t = (time_t)seconds;
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(today, sizeof(today), "%Y-%m-%d", &tm))
		return NULL;
	return today;
}

/* Under the C or POSIX locale, which names no language, grille speaks the
 * workspace's: a French sentence to someone who set nothing is no better
 * than an English one, and the workspace says which its group reads. An
 * explicit LANGUAGE still wins. The catalogues need a locale other than
 * plain C to be read at all: C.UTF-8, built into the C library. */
static void speak_workspace_language(const struct grille_workspace *ws)
{
	const char *messages = setlocale(LC_MESSAGES, NULL);
	const char *language = getenv("LANGUAGE");
	if (!messages || (language && *language))
		return;
	int c_locale = strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0 ||
	               strncmp(messages, "C.", 2) == 0;
	const char *spoken = grille_grid_language(grille_workspace_grid(ws));
	if (!c_locale || !spoken || strcmp(spoken, "fr") == 0)
		return; /* the messages are written in French */
	if (setenv("LANGUAGE", spoken, 1) == 0 && strncmp(messages, "C.", 2) != 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	textdomain(GETTEXT_PACKAGE); /* what gettext translated so far is forgotten */
}

/* Starting libgit2 reads the TLS certificate bundle of Debian's build, a
 * few milliseconds: for a command that opens the workspace, on a thread of
 * its own while the workspace's settings and grid are read (libgit2 has no
 * part in that). */
struct library_start {
	pthread_t thread;
	int started;
	int code;
};

static void *start_library(void *arg)
{
	struct library_start *start = arg;
	start->code = grille_init();
	return NULL;
}

static void library_begin(struct library_start *start)
{
	start->started = pthread_create(&start->thread, NULL, start_library, start) == 0;
	if (!start->started)
		start_library(start);
}

/* 0 once libgit2 has started; -1 with the library's message (in this thread's error) when it could not. */
static int library_end(struct library_start *start)
{
	if (start->started)
		pthread_join(start->thread, NULL);
	start->started = 0;
	/* The message was the other thread's: starting again here says it again. */
	return start->code < 0 ? grille_init() : 0;
}

static int run(int argc, char **argv)
{
	setup_locale();
	enum { OPT_COLOR = 256, OPT_NO_COLOR, OPT_NO_PAGER };
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "color", optional_argument, NULL, OPT_COLOR },
		{ "no-color", no_argument, NULL, OPT_NO_COLOR },
		{ "no-pager", no_argument, NULL, OPT_NO_PAGER },
		{ NULL, 0, NULL, 0 },
	};
	struct grille_ctx ctx = { .program = "grille", .today = fixed_today() };
	opterr = 0;
	int opt;
	/* "+": stop at the command name; what follows belongs to the command. */
	while ((opt = getopt_long(argc, argv, "+:hVqC:", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			return print_help();
		case 'V':
			printf("grille %s\n", grille_version());
			return finish_output(EXIT_OK);
		case 'C':
			if (chdir(optarg) != 0) {
				print_error(_("impossible d'aller dans « %s » : %s"), optarg, strerror(errno));
				return EXIT_USAGE;
			}
			break;
		case 'q': manners.quiet = 1; break;
		case OPT_NO_COLOR: manners.colour = COLOUR_NEVER; break;
		case OPT_COLOR:
			if (set_colour_mode(optarg) < 0)
				return usage_error(NULL, _("--color attend always, never ou auto, pas « %s »"), optarg);
			break;
		case OPT_NO_PAGER: manners.pager = 0; break;
		default:
			return bad_option(NULL, opt, argv);
		}
	}
	if (optind >= argc) {
		usage_error(NULL, "%s", _("quelle commande ? Par exemple : grille init"));
		return EXIT_USAGE;
	}
	const struct command *command = find_command(argv[optind]);
	if (!command)
		return unknown_command(argv[optind]);

	argc -= optind;
	argv += optind;
	optind = 0; /* the command parses its own options from argv[1] */
	int wants_help = argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
	/* Starting libgit2 reads the TLS certificates of Debian's build: only for
	 * the commands that read a repository, once. A command's help reads none. */
	int library = !(command->flags & NO_LIBRARY) && !wants_help;
	int opens = (command->flags & NEED_WORKSPACE) && !wants_help;
	struct library_start start = { 0 };
	if (library && opens)
		library_begin(&start);
	else if (library && grille_init() < 0)
		return fail_with_library_error(NULL);
	int opened = opens ? grille_workspace_open(&ctx.ws, ".") : 0;
	int code = opened < 0 ? fail_with_library_error(NULL) : EXIT_OK; /* no workspace here: a usage error */
	if (library && opens && library_end(&start) < 0 && code == EXIT_OK)
		code = fail_with_library_error(NULL);
	if (code != EXIT_OK) {
		grille_workspace_free(ctx.ws);
		if (library)
			grille_shutdown();
		return code;
	}
	if (ctx.ws) {
		grille_workspace_set_threads(ctx.ws, wanted_threads());
		speak_workspace_language(ctx.ws);
		paths_from_here(grille_workspace_root(ctx.ws));
	}
	if ((command->flags & PAGES) && !wants_help)
		start_pager();
	int status = (command->flags & NEED_LOCK) && !wants_help ? lock_workspace(&ctx) : EXIT_OK;
	/* status shows them in full; sync, once it has merged. */
	if (ctx.ws && !wants_help && !(command->flags & SHOWS_GROUP))
		print_group_warnings(ctx.ws, NULL);
	if (status == EXIT_OK)
		status = command->run(argc, argv, &ctx);
	grille_lock_release(ctx.lock);
	grille_workspace_free(ctx.ws);
	if (library)
		grille_shutdown();
	paths_from_here(NULL);
	wait_for_pager();
	return status;
}

/* This module's file: a status is kept for the build that printed it. */
static const char *module_file(void)
{
	static const char anchor;
	Dl_info info;
	return dladdr(&anchor, &info) && info.dli_fname ? info.dli_fname : NULL;
}

int grille_cli_main(int argc, char **argv)
{
	sanitize_stdfds();
	struct status_kept *kept = status_kept_begin(argc, argv, module_file());
	manners.terminal = status_kept_terminal(kept);
	int status = status_kept_end(kept, run(argc, argv), errors_printed);
	if (status < 0) {
		print_error(_("impossible d'écrire le résultat : %s"), strerror(errno));
		status = EXIT_FAILED;
	}
	return status;
}
