#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "grille/grille.h"
#include "cmd.h"

extern char **environ;

/* The names whose page is not "grille-NAME.1", and the command whose built-in
 * help stands in for the page when man cannot show it (NULL: grille --help;
 * "": none, for the pages about files). */
static const struct {
	const char *name, *page, *command;
} pages[] = {
	{ "grille", "grille.1", NULL },
	{ "help", "grille.1", NULL },
	{ "grid", "grille-grid-upgrade.1", "grid" },
	{ "grid-upgrade", "grille-grid-upgrade.1", "grid" },
	{ "workspace", "grille-workspace.5", "" },
	{ "group", "grille-group.5", "" },
};

/* The language of the messages, as gettext found it: the folder of the pages
 * in that language. Asking gettext rather than reading LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG again follows every rule it has (a locale that is not
 * installed is C; LANGUAGE counts only then...) and a catalogue missing. */
static const char *page_language(void)
{
	/* TRANSLATORS: the language of the manual pages "grille help" shows, as
	 * the folder name of the man pages in that language: "en" in English. */
	const char *lang = _("fr");
	size_t len = strspn(lang, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_@");
	return len > 0 && len < 16 && !lang[len] ? lang : "fr";
}

/* Where `page` is in `lang`: in the build folder when this grille is the one
 * built there (BUILD/man/PAGE in French, BUILD/man/LANG/PAGE otherwise), else
 * installed (MANDIR/manN/PAGE in English, MANDIR/LANG/manN/PAGE otherwise).
 * 0, or -1 when it is not there or out of memory. */
static int page_path(grille_buf *out, const char *page, const char *lang)
{
	const char *build = build_tree_root();
	const char *section = strrchr(page, '.') + 1;
	int french = strcmp(lang, "fr") == 0, english = strcmp(lang, "en") == 0;
	if (build && french)
		grille_buf_printf(out, "%s/man/%s", build, page);
	else if (build)
		grille_buf_printf(out, "%s/man/%s/%s", build, lang, page);
	else if (english)
		grille_buf_printf(out, "%s/man%s/%s", GRILLE_MANDIR, section, page);
	else
		grille_buf_printf(out, "%s/%s/man%s/%s", GRILLE_MANDIR, lang, section, page);
	struct stat st;
	return out->ptr && stat(out->ptr, &st) == 0 && S_ISREG(st.st_mode) ? 0 : -1;
}

/* `man -l PATH`, waited for: its exit status, or -1 with errno when it could
 * not be started (ENOENT: no man). While it runs, Ctrl-C and Ctrl-\ are its
 * pager's, as git does for an editor. */
static int run_man(const char *path)
{
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	posix_spawnattr_t attr;
	if (posix_spawnattr_init(&attr) != 0)
		return -1;
	sigset_t defaults;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGQUIT);
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
	fflush(NULL);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	char *args[] = { "man", "-l", (char *)path, NULL };
	pid_t pid;
	int rc = posix_spawnp(&pid, "man", NULL, &attr, args, environ);
	int status = 0;
	while (rc == 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILED;
}

/* The built-in help of `command` (NULL: grille's own), when man cannot show the page. */
static int builtin_help(const char *command, const char *page, struct grille_ctx *ctx)
{
	if (!command)
		return print_help();
	command_run *run = *command ? command_named(command) : NULL;
	if (!run) {
		const char *dot = strrchr(page, '.');
		print_error(_("impossible d'afficher la page de manuel %.*s(%s) : elle n'est pas installée, "
		              "ou la commande « man » manque"), (int)(dot - page), page, dot + 1);
		return EXIT_FAILED;
	}
	char *help_argv[] = { (char *)command, "--help", NULL };
	optind = 0;
	return run(2, help_argv, ctx);
}

static int show_page(const char *page, const char *command, struct grille_ctx *ctx)
{
	grille_buf path = GRILLE_BUF_INIT;
	int status = -1;
	if (page_path(&path, page, page_language()) == 0) {
		status = run_man(path.ptr);
		if (status < 0 && errno != ENOENT)
			print_error(_("impossible de lancer « man » : %s"), strerror(errno));
	}
	grille_buf_release(&path);
	return status >= 0 ? status : builtin_help(command, page, ctx);
}

int cmd_help(int argc, char **argv, struct grille_ctx *ctx)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return print_help();
	const char *name = argv[1];
	if (argc == 3 && strcmp(name, "grid") == 0 && strcmp(argv[2], "upgrade") == 0)
		name = "grid-upgrade";
	else if (argc > 2)
		return usage_error("help", "%s", _("une seule commande à la fois"));
	for (size_t i = 0; i < sizeof(pages) / sizeof(*pages); i++)
		if (strcmp(pages[i].name, name) == 0)
			return show_page(pages[i].page, pages[i].command, ctx);
	if (!command_named(name))
		return unknown_command(name);
	grille_buf page = GRILLE_BUF_INIT;
	grille_buf_printf(&page, "grille-%s.1", name);
	int status = EXIT_FAILED;
	if (page.ptr)
		status = show_page(page.ptr, name, ctx);
	else
		print_error("%s", _("mémoire insuffisante"));
	grille_buf_release(&page);
	return status;
}
