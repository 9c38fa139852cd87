#include <getopt.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille grid upgrade [--dry-run]\n"
	               "\n"
	               "Fait passer l'espace de travail de la version de la grille avec laquelle il a été\n"
	               "créé à celle que fournit grille : les questions nouvelles s'ajoutent à leur place,\n"
	               "les titres, les conseils et les options que le groupe n'a pas modifiés prennent\n"
	               "leur nouvelle rédaction, les questions retirées de la grille restent avec leurs\n"
	               "réponses, signalées par une note. Rien de ce que le groupe a écrit ne change.\n"
	               "Le changement est enregistré dans un jalon à lui.\n"
	               "\n"
	               "Options :\n"
	               "  -n, --dry-run  dire ce qui changerait, sans rien écrire\n"
	               "  -h, --help     afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

/* "ligne 4" or "lignes 4 à 9". */
static const char *lines(char *buf, size_t size, size_t first, size_t last)
{
	if (last <= first)
		snprintf(buf, size, _("ligne %zu"), first);
	else
		snprintf(buf, size, _("lignes %zu à %zu"), first, last);
	return buf;
}

static void print_change(const grille_upgrade_change *c)
{
	char where[64];
	switch (c->kind) {
	case GRILLE_UPGRADE_ADDED:
		printf(_("    %s : ajouté (%s)\n"), visible(c->id), lines(where, sizeof(where), c->first, c->last));
		break;
	case GRILLE_UPGRADE_RETITLED:
		printf(_("    %s : titre mis à jour (%s)\n"), visible(c->id), lines(where, sizeof(where), c->first, c->last));
		break;
	case GRILLE_UPGRADE_REWORDED:
		if (c->last < c->first)
			printf(_("    %s : conseil retiré, la grille n'en a plus (avant : %s)\n"), visible(c->id),
			       lines(where, sizeof(where), c->old_first, c->old_last));
		else
			printf(_("    %s : texte de la grille mis à jour (%s)\n"), visible(c->id),
			       lines(where, sizeof(where), c->first, c->last));
		break;
	case GRILLE_UPGRADE_GROUPED:
		printf(_("    %s : le titre de son groupe ajouté avant lui (%s)\n"), visible(c->id),
		       lines(where, sizeof(where), c->first, c->last));
		break;
	case GRILLE_UPGRADE_FLAGGED:
		printf(_("    %s : n'est plus dans la grille, gardé avec ses réponses sous une note (%s)\n"), visible(c->id),
		       lines(where, sizeof(where), c->first, c->last));
		break;
	}
}

static void print_file(const grille_upgrade_file *f)
{
	grille_buf counts = GRILLE_BUF_INIT;
	grille_upgrade_file_describe(&counts, f);
	printf(_("  %s%s : %s\n"), here(f->file), f->created ? _(" (nouveau fichier)") : "",
	       counts.ptr ? counts.ptr : "");
	grille_buf_release(&counts);
	for (size_t i = 0; i < f->change_count; i++)
		print_change(&f->changes[i]);
}

static int upgrade(struct grille_ctx *ctx, int dry_run)
{
	grille_upgrade_result r;
	if (grille_workspace_grid_upgrade(&r, ctx->ws, dry_run) < 0) {
		grille_upgrade_result_release(&r);
		return fail_with_library_error("grid");
	}
	if (r.unchanged)
		printf(_("La grille de cet espace de travail est déjà la version %s, celle que fournit grille : "
		         "rien à faire.\n"), visible(r.to));
	else if (dry_run)
		printf(_("La grille passerait de la version %s à %s (lignes des fichiers après le changement) ; "
		         "rien n'a été écrit :\n"), visible(r.from), visible(r.to));
	else if (r.commit[0])
		printf(_("Grille mise à jour de la version %s à %s, enregistrée dans le jalon %.7s :\n"), visible(r.from),
		       visible(r.to), r.commit);
	else
		printf(_("Grille mise à jour de la version %s à %s :\n"), visible(r.from), visible(r.to));
	for (size_t i = 0; i < r.file_count; i++)
		print_file(&r.files[i]);
	if (!r.unchanged && !r.file_count)
		printf("%s", _("  aucun fichier d'étape ne change : seule la version change dans grille.yaml\n"));
	grille_upgrade_result_release(&r);
	return finish_output(EXIT_OK);
}

int cmd_grid(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int dry_run = 0, opt;
	while ((opt = getopt_long(argc, argv, ":nh", options, NULL)) != -1) {
		switch (opt) {
		case 'n': dry_run = 1; break;
		case 'h': return help();
		default: return bad_option("grid", opt, argv);
		}
	}
	if (optind >= argc)
		return usage_error("grid", "%s", _("une action est attendue : grille grid upgrade"));
	if (strcmp(argv[optind], "upgrade") != 0)
		return usage_error("grid", _("action « %s » inconnue : grille grid upgrade"), argv[optind]);
	if (argc - optind != 1)
		return usage_error("grid", _("argument inattendu « %s »"), argv[optind + 1]);
	return upgrade(ctx, dry_run);
}
