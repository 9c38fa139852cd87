#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille sheet [ÉTAPE] [--format html|odt] [-o FICHIER]\n"
	               "\n"
	               "Prépare une fiche de travail à imprimer et à distribuer en réunion : le titre\n"
	               "et l'introduction de l'étape, puis chaque item sur sa propre page, avec ses\n"
	               "conseils et ses questions jusqu'au niveau de détail de l'espace de travail,\n"
	               "chacune suivie de place pour écrire. Sans ÉTAPE, toutes les étapes. La fiche ne\n"
	               "montre aucune réponse : elle part de la grille seule. Par défaut, une page HTML\n"
	               "sur la sortie standard.\n"
	               "\n"
	               "Options :\n"
	               "  -o, --output FICHIER  où écrire la fiche (« - » : la sortie standard) ; le\n"
	               "                        format suit l'extension, .html ou .fodt\n"
	               "  -f, --format FORMAT   html (par défaut) ou odt (OpenDocument, pour LibreOffice)\n"
	               "  -h, --help            afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

int cmd_sheet(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	/* The report's options: a sheet reads only the format, the step and today. */
	grille_report_options opts = { .format = GRILLE_REPORT_HTML, .today = ctx->today };
	int format = -1, opt;
	const char *output = NULL; /* standard output */
	while ((opt = getopt_long(argc, argv, ":o:f:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': output = optarg; break;
		case 'f':
			format = grille_report_format_from_name(optarg);
			if (format != GRILLE_REPORT_HTML && format != GRILLE_REPORT_ODT)
				return usage_error("sheet", _("format « %s » inconnu pour une fiche : html ou odt"), optarg);
			break;
		case 'h': return help();
		default: return bad_option("sheet", opt, argv);
		}
	}
	if (optind < argc)
		opts.step = argv[optind++];
	if (optind < argc)
		return usage_error("sheet", _("argument inattendu « %s »"), argv[optind]);
	if (format < 0 && output && strcmp(output, "-") != 0 && (format = format_of_path(output)) != -1 &&
	    format != GRILLE_REPORT_HTML && format != GRILLE_REPORT_ODT)
		return usage_error("sheet", _("grille ne sait pas écrire une fiche dans « %s » : choisissez une extension "
		                              ".html ou .fodt (OpenDocument, pour LibreOffice), ou donnez --format"), output);
	opts.format = format < 0 ? GRILLE_REPORT_HTML : (grille_report_format)format;

	static const struct document sheet = { "sheet", NULL, grille_sheet_stream, grille_sheet_write_file };
	return write_document(ctx, &sheet, output, &opts);
}
