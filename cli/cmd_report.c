#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille report [-o FICHIER] [--format html|odt|md|json] [--at JALON] [--step N] [--guidance]\n"
	               "                     [--round N] [--authors]\n"
	               "\n"
	               "Construit le document de synthèse de la démarche : la progression de chaque\n"
	               "étape, toutes les réponses, ce qui reste ouvert, mis de côté ou pour plus tard,\n"
	               "les membres, le calendrier, les jalons et les contributions. Par défaut, une\n"
	               "page HTML autonome (lisible hors ligne, imprimable), grille-rapport.html, dans\n"
	               "l'espace de travail ; son chemin est affiché.\n"
	               "\n"
	               "Options :\n"
	               "  -o, --output FICHIER  où écrire le rapport (« - » : la sortie standard)\n"
	               "  -f, --format FORMAT   html (par défaut), odt (OpenDocument, pour LibreOffice),\n"
	               "                        md (Markdown) ou json (les données)\n"
	               "      --at JALON        le rapport tel qu'il était à un jalon ou un commit\n"
	               "  -s, --step N          seulement l'étape N\n"
	               "      --round N         le rapport du tour N, fini, tel qu'archivé dans tour-N/\n"
	               "                        (grille-rapport.tour-N.html par défaut)\n"
	               "      --guidance        avec l'introduction de chaque étape et les conseils de\n"
	               "                        chaque item, à côté des réponses\n"
	               "      --authors         sous chaque réponse, qui l'a écrite (comme grille who)\n"
	               "  -h, --help            afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (!dot || strchr(dot, '/'))
		return -1;
	char ext[16];
	size_t n = 0;
	for (const char *p = dot + 1; *p && n < sizeof(ext) - 1; p++)
		ext[n++] = (char)tolower((unsigned char)*p);
	ext[n] = '\0';
	/* .odt is a zip archive: grille writes the flat, one-file OpenDocument. */
	if (strcmp(ext, "odt") == 0)
		return -2;
	int format = grille_report_format_from_name(ext);
	return format >= 0 ? format : -2;
}

/* Whether `path` lands inside the workspace (its folder resolved): then it is written
 * under the workspace lock. A folder that cannot be resolved counts as inside. */
static int inside_workspace(const char *path, const char *root)
{
	char *copy = strdup(path);
	char *dir = copy ? realpath(dirname(copy), NULL) : NULL;
	size_t len = strlen(root);
	int inside = !dir || (strncmp(dir, root, len) == 0 && (dir[len] == '/' || dir[len] == '\0'));
	free(dir);
	free(copy);
	return inside;
}

/* The report streams to standard output as it renders; a failed write stops
 * it, and the library hands the sink's result back without a message of its own. */
struct stdout_sink {
	int errnum; /* errno of the failed write, 0 while none failed */
};

static int to_stdout(void *ctx, const void *data, size_t len)
{
	struct stdout_sink *sink = ctx;
	if (fwrite(data, 1, len, stdout) == len)
		return 0;
	sink->errnum = errno ? errno : EIO;
	return -1;
}

static int document_to_stdout(struct grille_ctx *ctx, const struct document *doc, const grille_report_options *opts,
                              grille_report_result *result)
{
	struct stdout_sink sink = { 0 };
	start_pager();
	progress_start(ctx->ws, _("Préparation du document"));
	int rc = doc->stream(result, to_stdout, &sink, ctx->ws, opts);
	progress_end(ctx->ws);
	if (sink.errnum) {
		print_error(_("impossible d'écrire le résultat : %s"), strerror(sink.errnum));
		return EXIT_FAILED;
	}
	return rc < 0 ? fail_with_library_error(doc->command) : EXIT_OK;
}

int write_document(struct grille_ctx *ctx, const struct document *doc, const char *output,
                   const grille_report_options *opts)
{
	grille_report_result result = { 0 };
	int status = EXIT_OK;
	if ((!output && !doc->default_name) || (output && strcmp(output, "-") == 0)) {
		if ((status = document_to_stdout(ctx, doc, opts, &result)) != EXIT_OK)
			return status;
	} else {
		/* A document written into the workspace is written under its lock. */
		if ((!output || inside_workspace(output, grille_workspace_root(ctx->ws))) && lock_workspace(ctx) != EXIT_OK)
			return EXIT_FAILED;
		grille_buf path = GRILLE_BUF_INIT;
		if (output)
			grille_buf_puts(&path, output);
		else
			grille_buf_printf(&path, "%s/%s.%s", grille_workspace_root(ctx->ws), doc->default_name,
			                  grille_report_extension(opts->format));
		/* Out of memory for the path: the library said so when it failed. */
		progress_start(ctx->ws, _("Préparation du document"));
		int rc = grille_buf_oom(&path) ? -1 : doc->write_file(&result, path.ptr, ctx->ws, opts);
		progress_end(ctx->ws);
		if (rc < 0)
			status = fail_with_library_error(doc->command);
		else /* the default one seen from here, as the other paths grille prints */
			say("%s\n", output ? visible(output) : here(path.ptr + strlen(grille_workspace_root(ctx->ws)) + 1));
		grille_buf_release(&path);
	}
	if (status == EXIT_OK && result.problems) {
		print_error(ngettext("%zu fichier d'étape n'a pas pu être lu : le rapport le signale à sa place "
		                     "(« grille status » dit lequel).",
		                     "%zu fichiers d'étape n'ont pas pu être lus : le rapport les signale à leur place "
		                     "(« grille status » dit lesquels).", result.problems), result.problems);
		status = EXIT_FAILED;
	}
	return status == EXIT_OK ? finish_output(EXIT_OK) : finish_output(status);
}

int cmd_report(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_AT = 256, OPT_GUIDANCE, OPT_ROUND, OPT_AUTHORS };
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "at", required_argument, NULL, OPT_AT },
		{ "step", required_argument, NULL, 's' },
		{ "guidance", no_argument, NULL, OPT_GUIDANCE },
		{ "round", required_argument, NULL, OPT_ROUND },
		{ "authors", no_argument, NULL, OPT_AUTHORS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	grille_report_options opts = { .format = GRILLE_REPORT_HTML, .today = ctx->today };
	const char *output = NULL;
	int format = -1, opt;
	while ((opt = getopt_long(argc, argv, ":o:f:s:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': output = optarg; break;
		case 'f':
			if ((format = grille_report_format_from_name(optarg)) < 0)
				return usage_error("report", _("format « %s » inconnu : html, odt, md ou json"), optarg);
			break;
		case OPT_AT: opts.at = optarg; break;
		case 's': opts.step = optarg; break;
		case OPT_GUIDANCE: opts.guidance = 1; break;
		case OPT_AUTHORS: opts.authors = 1; break;
		case OPT_ROUND:
			if (strspn(optarg, "0123456789") != strlen(optarg) || !*optarg || strlen(optarg) > 4 || atoi(optarg) < 1)
				return usage_error("report", _("--round attend le numéro d'un tour fini, par exemple --round 1, "
				                               "pas « %s »"), optarg);
			opts.round = atoi(optarg);
			break;
		case 'h': return help();
		default: return bad_option("report", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("report", _("argument inattendu « %s »"), argv[optind]);
	if (format < 0 && output && strcmp(output, "-") != 0 && (format = format_of_path(output)) == -2)
		return usage_error("report", _("grille ne sait pas écrire « %s » : choisissez une extension .html, .fodt "
		                               "(OpenDocument, pour LibreOffice), .md ou .json, ou donnez --format"), output);
	opts.format = format < 0 ? GRILLE_REPORT_HTML : (grille_report_format)format;

	static const struct document report = { "report", "grille-rapport", grille_report_stream, grille_report_write_file };
	char name[48];
	snprintf(name, sizeof(name), "grille-rapport.tour-%d", opts.round); /* ignored by git as the others: /grille-rapport.* */
	struct document of_round = report;
	of_round.default_name = name;
	return write_document(ctx, opts.round ? &of_round : &report, output, &opts);
}
