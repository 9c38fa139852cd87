#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

extern char **environ;

static int help(void)
{
	printf("%s", _("Usage : grille serve [--listen ADRESSE] [--port N] [--open]\n"
	               "\n"
	               "Ouvre une page web locale sur l'espace de travail : répondre, mettre de côté,\n"
	               "voir la progression et poser un jalon depuis un navigateur. Tout s'écrit dans\n"
	               "les mêmes fichiers Markdown et le même historique git. L'adresse affichée\n"
	               "porte une clé secrète : seuls ceux qui la reçoivent peuvent ouvrir la page.\n"
	               "Ctrl-C arrête le serveur.\n"
	               "\n"
	               "Options :\n"
	               "  -l, --listen ADRESSE  l'adresse IP où écouter (127.0.0.1 par défaut ; celle\n"
	               "                        de la machine sur le réseau local pour les téléphones)\n"
	               "  -p, --port N          le port (un port libre par défaut)\n"
	               "  -o, --open            ouvrir la page dans le navigateur (xdg-open)\n"
	               "  -h, --help            afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* xdg-open the URL, without a shell; a failure is only said. */
static void open_browser(const char *url)
{
	char *const args[] = { (char *)"xdg-open", (char *)url, NULL };
	pid_t pid;
	int error = posix_spawnp(&pid, "xdg-open", NULL, NULL, args, environ);
	if (error)
		print_error(_("le navigateur n'a pas pu être ouvert (xdg-open : %s) : ouvrez l'adresse à la main"),
		            strerror(error));
}

int cmd_serve(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "open", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *listen = NULL;
	unsigned port = 0;
	int open_page = 0, opt;
	while ((opt = getopt_long(argc, argv, ":l:p:oh", options, NULL)) != -1) {
		switch (opt) {
		case 'l': listen = optarg; break;
		case 'p': {
			char *end;
			errno = 0;
			unsigned long n = strtoul(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-' || n > 65535)
				return usage_error("serve", _("« %s » n'est pas un port : un nombre de 1 à 65535"), optarg);
			port = (unsigned)n;
			break;
		}
		case 'o': open_page = 1; break;
		case 'h': return help();
		default: return bad_option("serve", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("serve", _("argument en trop : « %s »"), argv[optind]);
	/* Ctrl-C and SIGTERM are waited for here, blocked in every thread (the
	 * server's inherits the mask), so that they stop it cleanly. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigset_t old;
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	grille_server *server = NULL;
	if (grille_server_start(&server, grille_workspace_root(ctx->ws), listen, port) < 0) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		return fail_with_library_error("serve");
	}
	printf("%s\n", grille_server_url(server));
	fflush(stdout);
	say("%s", _("Ouvrez cette adresse dans un navigateur ; Ctrl-C arrête le serveur.\n"));
	if (open_page)
		open_browser(grille_server_url(server));
	for (int sig = 0; sigwait(&stop, &sig) != 0;)
		;
	grille_server_stop(server);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return finish_output(EXIT_OK);
}
