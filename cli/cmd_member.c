#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille member [list] [--json]\n"
	               "        grille member add NOM [--role RÔLE]… [--email COURRIEL] [--identity IDENTITÉ]\n"
	               "        grille member remove NOM\n"
	               "\n"
	               "Les membres du groupe, un par ligne du tableau de membres.md : leur nom,\n"
	               "leurs rôles, leur courriel et l'identité git de leurs commits. Le fichier\n"
	               "peut aussi se modifier à la main.\n"
	               "\n"
	               "Options :\n"
	               "  -r, --role RÔLE          un rôle dans le groupe (l'option se répète)\n"
	               "  -e, --email COURRIEL     son adresse électronique\n"
	               "  -i, --identity IDENTITÉ  le nom ou le courriel de ses commits, s'il diffère\n"
	               "  --json                   la liste en JSON (format décrit dans grille-member(1))\n"
	               "  -h, --help               afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static const char *where_file(const grille_group *group)
{
	return group->from_settings ? "grille.yaml" : "membres.md";
}

static void print_member(const grille_group *group, const grille_member *m)
{
	printf("  %s: %s", where(where_file(group), m->line), visible(m->name));
	for (size_t r = 0; r < m->role_count; r++)
		printf("%s%s", r ? ", " : " — ", visible(m->roles[r]));
	if (m->email[0])
		printf(" <%s>", visible(m->email));
	if (m->identity[0])
		printf(_(" (identité git : %s)"), visible(m->identity));
	printf("\n");
}

static json_t *member_json(const grille_member *m)
{
	return json_pack("{s:o, s:o, s:o, s:o, s:I}", "name", json_text(m->name), "roles",
	                 json_texts(m->roles, m->role_count), "email", json_text(m->email), "identity",
	                 json_text(m->identity), "line", (json_int_t)m->line);
}

static int list_json(const grille_group *group)
{
	json_t *members = json_array();
	json_t *root = json_pack("{s:i, s:s, s:b, s:o}", "format", 1, "file", where_file(group), "from_settings", group->from_settings,
	                         "members", members);
	int failed = !root || json_group_troubles(root, group, "membres.md") < 0;
	for (size_t i = 0; !failed && i < group->member_count; i++)
		failed = json_array_append_new(members, member_json(&group->members[i])) < 0;
	if (failed) {
		json_decref(root);
		root = NULL;
	}
	return print_json(root);
}

static int list(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON: json = 1; break;
		case 'h': return help();
		default: return bad_option("member", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("member", _("argument inattendu « %s »"), argv[optind]);
	const grille_group *group = NULL;
	int code = load_group(&group, ctx, "member");
	if (code != EXIT_OK)
		return code;
	start_pager(); /* a long listing: as status */
	if (json) {
		code = list_json(group);
	} else if (group->member_count == 0) {
		printf("%s", _("Aucun membre pour l'instant : « grille member add NOM » en ajoute un.\n"));
	} else {
		printf("%s", _("Membres :\n"));
		for (size_t i = 0; i < group->member_count; i++)
			print_member(group, &group->members[i]);
	}
	if (!json && group->from_settings && group->member_count)
		say("%s", _("\nCes membres sont encore lus dans grille.yaml : la prochaine modification les "
		               "écrira dans membres.md.\n"));
	const char *settle = _("Gardez une seule ligne par membre : effacez l'autre à la main, ou redonnez "
	                       "le membre avec « grille member remove » puis « grille member add ».");
	if (print_group_troubles(group, "membres.md", json ? NULL : settle) && code == EXIT_OK)
		code = EXIT_FAILED;
	return finish_output(code);
}

/* The member's line once written, for the message. */
static size_t line_of(struct grille_ctx *ctx, const char *name)
{
	const grille_group *group = NULL;
	const grille_member *m = grille_workspace_group(&group, ctx->ws) == 0 ? grille_group_member(group, name) : NULL;
	return m ? m->line : 0;
}

static int change(struct grille_ctx *ctx, grille_group_op op, const grille_member *member)
{
	int code = lock_workspace(ctx);
	if (code != EXIT_OK)
		return code;
	grille_group_change done = { 0 };
	if (grille_workspace_member_change(&done, ctx->ws, op, member) < 0) {
		code = fail_with_library_error("member");
	} else {
		const char *at = where(done.file, op == GRILLE_GROUP_ADD ? line_of(ctx, done.key) : 0);
		say(op == GRILLE_GROUP_ADD ? _("Membre « %s » ajouté (%s).\n") : _("Membre « %s » retiré (%s).\n"),
		       visible(done.key), at);
		print_group_change(&done);
	}
	grille_group_change_release(&done);
	return finish_output(code);
}

static int add(int argc, char **argv, struct grille_ctx *ctx)
{
	static const struct option options[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "identity", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char **roles = calloc((size_t)argc, sizeof(*roles)); /* at most one per argument */
	if (!roles) {
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	grille_member m = { .roles = roles, .email = "", .identity = "" };
	int code = -1, opt;
	while (code < 0 && (opt = getopt_long(argc, argv, ":r:e:i:h", options, NULL)) != -1) {
		switch (opt) {
		case 'r': roles[m.role_count++] = optarg; break;
		case 'e': m.email = optarg; break;
		case 'i': m.identity = optarg; break;
		case 'h': code = help(); break;
		default: code = bad_option("member", opt, argv); break;
		}
	}
	if (code < 0 && argc - optind != 1)
		code = usage_error("member", "%s", _("un nom est attendu, entre guillemets s'il a des espaces : "
		                                     "grille member add \"Awa Diallo\" --role animatrice"));
	if (code < 0) {
		m.name = argv[optind];
		code = change(ctx, GRILLE_GROUP_ADD, &m);
	}
	free(roles);
	return code;
}

static int remove_member(int argc, char **argv, struct grille_ctx *ctx)
{
	int parsed = only_help_option(argc, argv, "member", help);
	if (parsed >= 0)
		return parsed;
	if (argc - optind != 1)
		return usage_error("member", "%s", _("un nom est attendu : grille member remove \"Awa Diallo\""));
	grille_member m = { .name = argv[optind], .email = "", .identity = "" };
	return change(ctx, GRILLE_GROUP_REMOVE, &m);
}

int cmd_member(int argc, char **argv, struct grille_ctx *ctx)
{
	/* `grille member` and `grille member --json` list; otherwise the first word says what to do. */
	int listing = argc < 2 || argv[1][0] == '-' || strcmp(argv[1], "list") == 0;
	print_group_warnings(ctx->ws, listing ? "membres.md" : NULL); /* a list shows its own conflicts */
	if (argc < 2 || argv[1][0] == '-')
		return list(argc, argv, ctx);
	if (strcmp(argv[1], "list") == 0)
		return list(argc - 1, argv + 1, ctx);
	if (strcmp(argv[1], "add") == 0)
		return add(argc - 1, argv + 1, ctx);
	if (strcmp(argv[1], "remove") == 0)
		return remove_member(argc - 1, argv + 1, ctx);
	return usage_error("member", _("« %s » : add, remove ou list attendu"), argv[1]);
}
