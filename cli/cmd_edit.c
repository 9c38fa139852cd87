#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille edit ID\n"
	               "\n"
	               "Ouvre le fichier d'étape qui contient la question (« 3.2.a ») ou l'item\n"
	               "(« 3.2 ») dans votre éditeur de texte, à la ligne de son titre. L'éditeur est\n"
	               "celui de $VISUAL, sinon de $EDITOR, sinon sensible-editor, sinon vi.\n"
	               "grille se termine comme l'éditeur.\n"
	               "\n"
	               "Options :\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* The editor's command line, as the user wrote it (it may hold arguments). */
static const char *editor_of(void)
{
	const char *names[] = { "VISUAL", "EDITOR" };
	for (size_t i = 0; i < 2; i++) {
		const char *value = getenv(names[i]);
		if (value && *value)
			return value;
	}
	return in_path("sensible-editor") ? "sensible-editor" : "vi";
}

/* Whether the editor's program is Visual Studio Code, which takes
 * "--goto FILE:LINE" rather than "+LINE FILE". */
static int is_vscode(const char *editor)
{
	size_t len = strcspn(editor, " \t");
	size_t base = len;
	while (base > 0 && editor[base - 1] != '/')
		base--;
	return (len - base == 4 && strncmp(editor + base, "code", 4) == 0) ||
	       (len - base == 6 && strncmp(editor + base, "codium", 6) == 0);
}

/* Run `editor` on `path` at `line` as git does: sh -c '<editor> "$@"', so
 * that EDITOR="code --wait" works. The editor's exit status. */
static int run_editor(const char *editor, const char *path, size_t line)
{
	grille_buf script = GRILLE_BUF_INIT, at = GRILLE_BUF_INIT;
	grille_buf_printf(&script, "%s \"$@\"", editor);
	int vscode = is_vscode(editor);
	if (vscode)
		grille_buf_printf(&at, "%s:%zu", path, line);
	else
		grille_buf_printf(&at, "+%zu", line);
	if (!script.ptr || !at.ptr) {
		grille_buf_release(&script);
		grille_buf_release(&at);
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	fflush(NULL);
	/* As git: while the editor runs, Ctrl-C and Ctrl-\ are the editor's, not grille's. */
	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		char *args[] = { "sh", "-c", script.ptr, (char *)editor, vscode ? "--goto" : at.ptr,
		                 vscode ? at.ptr : (char *)path, NULL };
		execv("/bin/sh", args);
		_exit(127);
	}
	int status = 0;
	int fork_error = errno;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	grille_buf_release(&script);
	grille_buf_release(&at);
	if (pid < 0) {
		print_error(_("l'éditeur « %s » n'a pas pu être lancé : %s"), visible(editor), strerror(fork_error));
		return EXIT_FAILED;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		print_error(_("l'éditeur « %s » est introuvable : indiquez le vôtre dans la variable EDITOR"),
		            visible(editor));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILED;
}

/* Where `id` (an item or a question) stands: its file and heading's line, or
 * NULL; `*known` when the grid or a step file has it. */
static const char *find(const grille_status *st, const grille_grid *grid, const char *id, size_t *line, int *known)
{
	*known = grille_grid_find_item(grid, id) || grille_grid_find_question(grid, id);
	const grille_question_status *q = grille_status_question(st, id);
	if (q) {
		*known = 1;
		*line = q->line;
		return q->file;
	}
	for (size_t s = 0; s < st->step_count; s++)
		for (size_t i = 0; i < st->steps[s].item_count; i++)
			if (strcmp(st->steps[s].items[i].id, id) == 0) {
				*known = 1;
				*line = st->steps[s].items[i].line;
				return st->steps[s].items[i].file;
			}
	return NULL;
}

static int edit_id(struct grille_ctx *ctx, const char *id)
{
	grille_status *st = NULL;
	if (grille_workspace_status(&st, ctx->ws, ctx->today) < 0)
		return fail_with_library_error("edit");
	size_t line = 0;
	int known = 0;
	const char *file = find(st, grille_workspace_grid(ctx->ws), id, &line, &known);
	int status = EXIT_FAILED;
	char *path = NULL;
	if (!known) {
		print_error(_("« %s » n'est ni un item ni une question de la grille"), visible(id));
		suggest_id(ctx->ws, id);
		status = EXIT_USAGE;
	} else if ((!file || !line) && grille_id_kind(id) == 2) {
		const char *dot = strrchr(id, '.');
		print_error(_("la question « %s » n'est dans aucun fichier d'étape : « grille deepen %.*s » ajoute "
		              "à son item les questions qui lui manquent"), visible(id), (int)(dot - id), id);
	} else if (!file || !line) {
		print_error(_("l'item « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		              "(« grille status --all » les liste tous)"), visible(id));
	} else {
		const char *root = grille_workspace_root(ctx->ws);
		size_t len = strlen(root) + strlen(file) + 2;
		path = malloc(len);
		if (path) {
			snprintf(path, len, "%s/%s", root, file);
			status = run_editor(editor_of(), path, line);
		} else {
			print_error("%s", _("mémoire insuffisante"));
		}
	}
	free(path);
	grille_status_free(st);
	return status;
}

int cmd_edit(int argc, char **argv, struct grille_ctx *ctx)
{
	int parsed = only_help_option(argc, argv, "edit", help);
	if (parsed >= 0)
		return parsed;
	if (argc - optind != 1)
		return usage_error("edit", "%s", _("un identifiant de question ou d'item est attendu, par exemple : grille edit 3.2.a"));
	if (grille_id_kind(argv[optind]) < 1)
		return usage_error("edit", _("« %s » n'est pas l'identifiant d'un item (« 3.2 ») ou d'une question (« 3.2.a »)"),
		                   argv[optind]);
	return edit_id(ctx, argv[optind]);
}
