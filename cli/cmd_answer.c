#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

enum { TEXT_MAX = 4 << 20 }; /* 4 Mio: far more than an answer, less than a mistake */

static int help(void)
{
	printf("%s", _("Usage : grille answer ID [--file FICHIER | -]\n"
	               "\n"
	               "Écrit du texte Markdown sous la question ID (« 3.2.a »), après ce qui s'y\n"
	               "trouve déjà : pris dans FICHIER, ou sur l'entrée standard avec « - » ou sans\n"
	               "option. Le reste du fichier d'étape ne change pas ; grille dit à quelle\n"
	               "ligne le texte a été écrit. Pour les scripts et les extensions d'éditeur.\n"
	               "\n"
	               "Options :\n"
	               "  -f, --file FICHIER  le texte à écrire\n"
	               "  -h, --help          afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* All of `stream`, up to TEXT_MAX bytes: 0, or EXIT_FAILED with the message printed. */
static int read_all(grille_buf *out, FILE *stream, const char *name)
{
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), stream)) > 0) {
		if (out->len + n > TEXT_MAX) {
			print_error(_("« %s » dépasse 4 Mio : ce n'est pas une réponse. Rien n'a été changé"), visible(name));
			return EXIT_FAILED;
		}
		if (grille_buf_put(out, chunk, n) < 0) {
			print_error("%s", _("mémoire insuffisante"));
			return EXIT_FAILED;
		}
	}
	if (ferror(stream)) {
		print_error(_("« %s » n'a pas pu être lu : %s"), visible(name), strerror(errno));
		return EXIT_FAILED;
	}
	return 0;
}

static int read_text(grille_buf *text, const char *file)
{
	if (!file || strcmp(file, "-") == 0)
		return read_all(text, stdin, _("l'entrée standard"));
	FILE *stream = fopen(file, "rb");
	if (!stream) {
		print_error(_("« %s » n'a pas pu être ouvert : %s"), visible(file), strerror(errno));
		return EXIT_FAILED;
	}
	int status = read_all(text, stream, file);
	fclose(stream);
	return status;
}

int cmd_answer(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, ":f:h", options, NULL)) != -1) {
		switch (opt) {
		case 'f': file = optarg; break;
		case 'h': return help();
		default: return bad_option("answer", opt, argv);
		}
	}
	int args = argc - optind;
	if (args < 1 || args > 2 || (args == 2 && (strcmp(argv[optind + 1], "-") != 0 || file)))
		return usage_error("answer", "%s", _("un identifiant de question est attendu, puis --file FICHIER ou « - », "
		                                     "par exemple : grille answer 3.2.a --file reponse.md"));
	const char *id = argv[optind];
	if (grille_id_kind(id) != 2)
		return usage_error("answer", _("« %s » n'est pas l'identifiant d'une question (« 3.2.a »)"), id);
	/* Read before locking: standard input may be a person typing. */
	grille_buf text = GRILLE_BUF_INIT;
	int status = read_text(&text, file);
	if (status == EXIT_OK)
		status = lock_workspace(ctx);
	grille_edit_result result;
	memset(&result, 0, sizeof(result));
	if (status == EXIT_OK && grille_workspace_append_answer(&result, ctx->ws, id, text.ptr ? text.ptr : "", text.len) < 0)
		status = fail_with_unknown_id("answer", ctx, id);
	else if (status == EXIT_OK)
		say(_("Réponse ajoutée sous %s (%s:%zu).\n"), visible(id), here(result.file), result.line);
	grille_edit_result_release(&result);
	grille_buf_release(&text);
	return finish_output(status);
}
