#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille plan [list] [--json] [--who MEMBRE] [--late]\n"
	               "        grille plan add TEXTE [--who MEMBRE]… [--due DATE] [--means TEXTE]\n"
	               "                        [--indicator TEXTE] [--for ID]…\n"
	               "        grille plan set A3 [--text TEXTE] [--state ÉTAT] [les options de add]\n"
	               "        grille plan start A3\n"
	               "        grille plan done A3\n"
	               "        grille plan drop A3 --reason TEXTE\n"
	               "        grille plan decide A3 garder|ajuster|abandonner [--reason TEXTE]\n"
	               "\n"
	               "Le plan d'action du groupe, une action par ligne du tableau de plan.md,\n"
	               "numérotées A1, A2… Le fichier peut aussi se modifier à la main.\n"
	               "\n"
	               "Options :\n"
	               "  -w, --who MEMBRE         qui s'en charge, un membre (l'option se répète) ;\n"
	               "                           avec list : seulement ses actions\n"
	               "  -d, --due DATE           l'échéance, AAAA-MM-JJ\n"
	               "  -m, --means TEXTE        les moyens\n"
	               "  -i, --indicator TEXTE    l'indicateur de réussite\n"
	               "  -f, --for ID             le principe ou la question à laquelle l'action\n"
	               "                           répond, par exemple 2.5 ou 3.2.b (se répète)\n"
	               "  -t, --text TEXTE         (set) le nouveau texte de l'action\n"
	               "  -s, --state ÉTAT         (set) à faire, en cours, fait ou abandonnée\n"
	               "  -r, --reason TEXTE       pourquoi l'action est abandonnée (la note) ;\n"
	               "                           avec decide : la raison du bilan (demandée\n"
	               "                           pour ajuster et abandonner)\n"
	               "  -l, --late               (list) seulement les actions en retard\n"
	               "  --json                   (list) en JSON (format décrit dans grille-plan(1))\n"
	               "  -h, --help               afficher cette aide\n"
	               "\n"
	               "Avec set, --who, --for, --due, --means ou --indicator remplacent ce qui était\n"
	               "écrit ; une valeur vide (--due \"\") l'efface.\n"
	               "\n"
	               "decide écrit la décision du bilan sur l'action pour le tour suivant\n"
	               "(grille round new) : la garder, l'ajuster ou l'abandonner.\n"));
	return finish_output(EXIT_OK);
}

/* What the command line asks to write; NULL and 0: not given. */
struct edits {
	const char *text, *due, *means, *indicator, *note;
	char **who, **for_ids; /* argc entries each */
	size_t who_count, for_count;
	int who_given, for_given;
	int edited; /* an option other than --who, --reason, --json and --late */
	int state;  /* a grille_action_state, or -1 */
	int decision; /* decide: a grille_decision, or -1 */
	const char *reason; /* decide: the decision's reason */
	int json, late;
};

static const struct {
	const char *name;
	grille_action_state state;
} state_names[] = {
	{ "à faire", GRILLE_ACTION_TODO }, { "a faire", GRILLE_ACTION_TODO }, { "todo", GRILLE_ACTION_TODO },
	{ "en cours", GRILLE_ACTION_DOING }, { "doing", GRILLE_ACTION_DOING },
	{ "fait", GRILLE_ACTION_DONE }, { "faite", GRILLE_ACTION_DONE }, { "done", GRILLE_ACTION_DONE },
	{ "abandonnée", GRILLE_ACTION_DROPPED }, { "abandonnee", GRILLE_ACTION_DROPPED },
	{ "dropped", GRILLE_ACTION_DROPPED },
};

static int take_state(struct edits *e, const char *value)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(*state_names); i++)
		if (strcasecmp(value, state_names[i].name) == 0) {
			e->state = (int)state_names[i].state;
			return 0;
		}
	return usage_error("plan", _("état « %s » inconnu : « à faire », « en cours », « fait » ou « abandonnée » attendu"),
	                   value);
}

static int take_date(struct edits *e, const char *value)
{
	if (value[0] && !grille_date_valid(value))
		return usage_error("plan", _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"), value);
	e->due = value;
	return 0;
}

/* Parse the options of every subcommand: -1 to go on, else the exit code (help shown, bad option). */
static int parse(struct edits *e, int argc, char **argv)
{
	enum { OPT_JSON = 256 };
	static const struct option options[] = {
		{ "who", required_argument, NULL, 'w' }, { "due", required_argument, NULL, 'd' },
		{ "means", required_argument, NULL, 'm' }, { "indicator", required_argument, NULL, 'i' },
		{ "for", required_argument, NULL, 'f' }, { "text", required_argument, NULL, 't' },
		{ "state", required_argument, NULL, 's' }, { "reason", required_argument, NULL, 'r' },
		{ "late", no_argument, NULL, 'l' }, { "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int opt, code = -1;
	while (code < 0 && (opt = getopt_long(argc, argv, ":w:d:m:i:f:t:s:r:lh", options, NULL)) != -1) {
		switch (opt) {
		case 'w': e->who_given = 1; if (optarg[0]) e->who[e->who_count++] = optarg; break;
		case 'f': e->for_given = 1; if (optarg[0]) e->for_ids[e->for_count++] = optarg; break;
		case 'd': code = take_date(e, optarg) ? EXIT_USAGE : -1; break;
		case 'm': e->means = optarg; break;
		case 'i': e->indicator = optarg; break;
		case 't': e->text = optarg; break;
		case 's': code = take_state(e, optarg) ? EXIT_USAGE : -1; break;
		case 'r': e->note = optarg; break;
		case 'l': e->late = 1; break;
		case OPT_JSON: e->json = 1; break;
		case 'h': code = help(); break;
		default: code = bad_option("plan", opt, argv); break;
		}
		e->edited |= opt > 0 && opt < 128 && strchr("fdmits", opt) != NULL;
	}
	return code;
}

/* The edits asked, over `a`. Pointers go into argv: `a` is only read by the change. */
static void apply(grille_action *a, const struct edits *e)
{
	if (e->text)
		a->text = (char *)e->text;
	if (e->due)
		snprintf(a->due, sizeof(a->due), "%s", e->due);
	if (e->means)
		a->means = (char *)e->means;
	if (e->indicator)
		a->indicator = (char *)e->indicator;
	if (e->note)
		a->note = (char *)e->note;
	if (e->who_given) {
		a->who = e->who;
		a->who_count = e->who_count;
	}
	if (e->for_given) {
		a->for_ids = e->for_ids;
		a->for_count = e->for_count;
	}
	if (e->state >= 0)
		a->state = (grille_action_state)e->state;
	if (e->decision >= 0) {
		a->decision = (grille_decision)e->decision;
		a->decision_reason = (char *)e->reason;
	}
}

/* A copy of `from` that owns its strings: the group it comes from goes with the change. */
static char **copy_texts(char *const *texts, size_t count, int *failed)
{
	char **copy = calloc(count + 1, sizeof(*copy));
	*failed |= !copy;
	for (size_t i = 0; copy && i < count; i++)
		*failed |= !(copy[i] = strdup(texts[i]));
	return copy;
}

static void free_texts(char **texts, size_t count)
{
	for (size_t i = 0; texts && i < count; i++)
		free(texts[i]);
	free(texts);
}

static void action_release(grille_action *a)
{
	free(a->text);
	free(a->means);
	free(a->indicator);
	free(a->note);
	free(a->decision_reason);
	free_texts(a->who, a->who_count);
	free_texts(a->for_ids, a->for_count);
}

static int action_copy(grille_action *out, const grille_action *from)
{
	int failed = 0;
	*out = *from;
	out->text = strdup(from->text);
	out->means = strdup(from->means);
	out->indicator = strdup(from->indicator);
	out->note = strdup(from->note);
	out->decision_reason = strdup(from->decision_reason ? from->decision_reason : "");
	out->who = copy_texts(from->who, from->who_count, &failed);
	out->for_ids = copy_texts(from->for_ids, from->for_count, &failed);
	return failed || !out->text || !out->means || !out->indicator || !out->note || !out->decision_reason ? -1 : 0;
}

/* "A3" and its kin: A (or a) and a number without leading zero. */
static int is_action_id(const char *id)
{
	if ((id[0] != 'A' && id[0] != 'a') || id[1] < '1' || id[1] > '9')
		return 0;
	size_t len = strspn(id + 1, "0123456789");
	return id[1 + len] == '\0' && len < 10;
}

static size_t line_of(struct grille_ctx *ctx, const char *id)
{
	const grille_group *group = NULL;
	const grille_action *a = grille_workspace_group(&group, ctx->ws) == 0 ? grille_group_action(group, id) : NULL;
	return a ? a->line : 0;
}

/* Write `a` (op ADD or SET) and say so with `done_fmt` ("Action %s ajoutée (%s).\n"): its ID, where. */
static int write_action(struct grille_ctx *ctx, grille_group_op op, const grille_action *a, const char *done_fmt)
{
	grille_group_change change = { 0 };
	int code = EXIT_OK;
	if (grille_workspace_action_change(&change, ctx->ws, op, a) < 0) {
		code = fail_with_library_error("plan");
	} else {
		say(done_fmt, visible(change.key), where(change.file, line_of(ctx, change.key)));
		print_group_change(&change);
	}
	grille_group_change_release(&change);
	return finish_output(code);
}

static int add(struct edits *e, int argc, char **argv, struct grille_ctx *ctx)
{
	if (argc - optind != 1 || e->text)
		return usage_error("plan", "%s", _("le texte de l'action est attendu, une fois, entre guillemets : "
		                                   "grille plan add \"Former l'équipe\" --who Awa --due 2027-03-01"));
	grille_action a = { .text = argv[optind], .means = "", .indicator = "", .note = "", .state = GRILLE_ACTION_TODO };
	e->text = NULL;
	apply(&a, e);
	int code = lock_workspace(ctx);
	return code != EXIT_OK ? code : write_action(ctx, GRILLE_GROUP_ADD, &a, _("Action %s ajoutée (%s).\n"));
}

/* set, start, done, drop: the action read, the edits over it, the row replaced. */
static int change(struct edits *e, int argc, char **argv, struct grille_ctx *ctx, const char *done_fmt)
{
	if (argc - optind != 1)
		return usage_error("plan", "%s", _("un numéro d'action est attendu, par exemple : grille plan done A3"));
	const char *id = argv[optind];
	if (!is_action_id(id))
		return usage_error("plan", _("« %s » n'est pas un numéro d'action : A suivi d'un nombre, par exemple A3"), id);
	int code = lock_workspace(ctx);
	const grille_group *group = NULL;
	if (code != EXIT_OK || (code = load_group(&group, ctx, "plan")) != EXIT_OK)
		return code;
	const grille_action *found = grille_group_action(group, id);
	if (!found) {
		print_error(_("aucune action « %s » dans plan.md : « grille plan » les montre"), id);
		return EXIT_FAILED;
	}
	grille_action owned;
	if (action_copy(&owned, found) < 0) {
		action_release(&owned);
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	grille_action wanted = owned;
	apply(&wanted, e);
	code = write_action(ctx, GRILLE_GROUP_SET, &wanted, done_fmt);
	action_release(&owned);
	return code;
}

static const char *const decided[] = {
	NULL,
	N_("Action %s : le bilan la garde pour le tour suivant (%s).\n"),
	N_("Action %s : le bilan l'ajuste pour le tour suivant (%s).\n"),
	N_("Action %s : le bilan l'abandonne, elle ne reviendra pas au tour suivant (%s).\n"),
};

/* decide A3 garder|ajuster|abandonner [--reason TEXT]: the review's decision, the rest of the row kept. */
static int decide(struct edits *e, int argc, char **argv, struct grille_ctx *ctx)
{
	if (e->edited || e->who_given)
		return usage_error("plan", "%s", _("« grille plan decide » ne prend que le numéro, la décision et --reason"));
	if (argc - optind != 2)
		return usage_error("plan", "%s", _("un numéro d'action et une décision sont attendus, par exemple : "
		                                   "grille plan decide A3 garder"));
	const char *word = argv[optind + 1];
	int decision = grille_decision_from_name(word);
	if (decision < 0)
		return usage_error("plan", _("décision « %s » inconnue : « garder », « ajuster » ou « abandonner » attendu"),
		                   word);
	if (decision != GRILLE_DECISION_KEEP && !(e->note && e->note[0]))
		return usage_error("plan", _("dites pourquoi : grille plan decide %s %s --reason \"TEXTE\""), argv[optind],
		                   grille_decision_name((grille_decision)decision));
	e->decision = decision;
	e->reason = e->note ? e->note : "";
	e->note = NULL;
	return change(e, argc - 1, argv, ctx, _(decided[decision]));
}

struct view {
	const grille_group *group;
	const grille_member *who; /* --who, when a member */
	const char *who_name;     /* --who as given */
	const char *today;
	int late;
};

static int is_late(const struct view *v, const grille_action *a)
{
	return a->due[0] && v->today[0] && strcmp(a->due, v->today) < 0 &&
	       (a->state == GRILLE_ACTION_TODO || a->state == GRILLE_ACTION_DOING);
}

static int shown(const struct view *v, const grille_action *a)
{
	if (v->late && !is_late(v, a))
		return 0;
	if (!v->who_name)
		return 1;
	for (size_t i = 0; i < a->who_count; i++) {
		const grille_member *m = grille_group_member(v->group, a->who[i]);
		if (v->who ? m == v->who : strcasecmp(a->who[i], v->who_name) == 0)
			return 1;
	}
	return 0;
}

static void print_texts(const char *label, char *const *texts, size_t count)
{
	if (!count)
		return;
	printf("      %s", label);
	for (size_t i = 0; i < count; i++)
		printf("%s%s", i ? ", " : "", visible(texts[i]));
	printf("\n");
}

static void print_action(const struct view *v, const grille_action *a)
{
	printf("  %s: %s %s — %s\n", where("plan.md", a->line), visible(a->id), visible(a->text),
	       _(grille_action_state_name(a->state)));
	print_texts(_("qui : "), a->who, a->who_count);
	if (a->due[0])
		printf(is_late(v, a) ? _("      échéance : %s, en retard\n") : _("      échéance : %s\n"), a->due);
	if (a->means[0])
		printf(_("      moyens : %s\n"), visible(a->means));
	if (a->indicator[0])
		printf(_("      indicateur : %s\n"), visible(a->indicator));
	print_texts(_("pour : "), a->for_ids, a->for_count);
	if (a->note[0])
		printf(_("      note : %s\n"), visible(a->note));
	if (a->decision && a->decision_reason && a->decision_reason[0])
		printf(_("      bilan : %s — %s\n"), _(grille_decision_name(a->decision)), visible(a->decision_reason));
	else if (a->decision)
		printf(_("      bilan : %s\n"), _(grille_decision_name(a->decision)));
}

static const char *const state_keys[] = { "todo", "doing", "done", "dropped" };
static const char *const decision_keys[] = { NULL, "keep", "adjust", "drop" };

static json_t *action_json(const struct view *v, const grille_action *a)
{
	return json_pack("{s:o, s:I, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:b, s:o, s:o}",
	                 "id", json_text(a->id), "number", (json_int_t)a->number, "text", json_text(a->text),
	                 "who", json_texts(a->who, a->who_count), "due", a->due[0] ? json_text(a->due) : json_null(),
	                 "state", state_keys[a->state], "state_name", json_text(grille_action_state_name(a->state)),
	                 "means", json_text(a->means), "indicator", json_text(a->indicator),
	                 "for", json_texts(a->for_ids, a->for_count), "note", json_text(a->note),
	                 "line", (json_int_t)a->line, "late", is_late(v, a),
	                 "decision", a->decision ? json_string(decision_keys[a->decision]) : json_null(),
	                 "decision_reason", json_text(a->decision_reason ? a->decision_reason : ""));
}

static int list_json(const struct view *v)
{
	json_t *actions = json_array();
	json_t *root = json_pack("{s:i, s:s, s:s, s:o}", "format", 1, "file", "plan.md", "today", v->today,
	                         "actions", actions);
	int failed = !root || json_group_troubles(root, v->group, "plan.md") < 0;
	for (size_t i = 0; !failed && i < v->group->action_count; i++)
		if (shown(v, &v->group->actions[i]))
			failed = json_array_append_new(actions, action_json(v, &v->group->actions[i])) < 0;
	if (failed) {
		json_decref(root);
		root = NULL;
	}
	return print_json(root);
}

static int list(struct edits *e, int argc, char **argv, struct grille_ctx *ctx)
{
	if (optind < argc)
		return usage_error("plan", _("argument inattendu « %s »"), argv[optind]);
	if (e->edited || e->note)
		return usage_error("plan", "%s", _("pour lister le plan : --json, --who MEMBRE et --late seulement"));
	if (e->who_count > 1)
		return usage_error("plan", "%s", _("un seul --who à la fois pour lister les actions"));
	char today[GRILLE_DATE_LEN + 1];
	struct view v = { .today = today_of(ctx, today), .late = e->late, .who_name = e->who_count ? e->who[0] : NULL };
	int code = load_group(&v.group, ctx, "plan");
	if (code != EXIT_OK)
		return code;
	start_pager(); /* a long listing: as status */
	if (v.who_name)
		v.who = grille_group_member(v.group, v.who_name);
	size_t count = 0;
	if (e->json) {
		code = list_json(&v);
	} else {
		for (size_t i = 0; i < v.group->action_count; i++)
			if (shown(&v, &v.group->actions[i]) && (count++ || printf("%s", _("Plan d'action :\n"))))
				print_action(&v, &v.group->actions[i]);
		if (!count && v.group->action_count)
			printf("%s", _("Aucune action ne correspond.\n"));
		else if (!count)
			printf("%s", _("Aucune action pour l'instant : « grille plan add TEXTE » en ajoute une.\n"));
	}
	const char *settle = _("Gardez une seule ligne par action : effacez l'autre à la main, ou redonnez "
	                       "l'action avec « grille plan set ».");
	if (print_group_troubles(v.group, "plan.md", e->json ? NULL : settle) && code == EXIT_OK)
		code = EXIT_FAILED;
	return finish_output(code);
}

/* What each word does: the state it sets (-1: none), its message. */
static const struct subcommand {
	const char *name;
	int state;
	const char *done; /* "Action %s ... (%s).\n": the ID, where */
} subcommands[] = {
	{ "add", -1, N_("Action %s ajoutée (%s).\n") },
	{ "set", -1, N_("Action %s modifiée (%s).\n") },
	{ "start", GRILLE_ACTION_DOING, N_("Action %s en cours (%s).\n") },
	{ "done", GRILLE_ACTION_DONE, N_("Action %s faite (%s).\n") },
	{ "drop", GRILLE_ACTION_DROPPED, N_("Action %s abandonnée (%s).\n") },
	{ "decide", -1, NULL },
};

static int run(const struct subcommand *sub, struct edits *e, int argc, char **argv, struct grille_ctx *ctx)
{
	if (e->json || e->late)
		return usage_error("plan", "%s", _("--json et --late servent à lister le plan : grille plan --late"));
	if (sub->state == GRILLE_ACTION_DROPPED && (e->edited || e->who_given))
		return usage_error("plan", "%s", _("« grille plan drop » ne prend que le numéro et --reason ; pour le reste : "
		                                   "grille plan set"));
	if (sub->state >= 0 && (e->edited || e->who_given || e->note) && sub->state != GRILLE_ACTION_DROPPED)
		return usage_error("plan", _("« grille plan %s » ne prend que le numéro de l'action ; pour le reste : "
		                             "grille plan set"), sub->name);
	if (sub->state == GRILLE_ACTION_DROPPED && !(e->note && e->note[0]))
		return usage_error("plan", "%s", _("dites pourquoi : grille plan drop A3 --reason \"TEXTE\""));
	if (sub->state >= 0)
		e->state = sub->state;
	if (strcmp(sub->name, "add") == 0)
		return add(e, argc, argv, ctx);
	if (strcmp(sub->name, "decide") == 0)
		return decide(e, argc, argv, ctx);
	return change(e, argc, argv, ctx, _(sub->done));
}

int cmd_plan(int argc, char **argv, struct grille_ctx *ctx)
{
	/* `grille plan` and `grille plan --late` list; otherwise the first word says what to do. */
	const char *name = "list";
	if (argc > 1 && argv[1][0] != '-') {
		name = argv[1];
		argc--;
		argv++;
	}
	print_group_warnings(ctx->ws, strcmp(name, "list") == 0 ? "plan.md" : NULL); /* a list shows its own conflicts */
	struct edits e = { .state = -1, .decision = -1 };
	e.who = calloc((size_t)argc + 1, sizeof(*e.who));
	e.for_ids = calloc((size_t)argc + 1, sizeof(*e.for_ids));
	int code = e.who && e.for_ids ? parse(&e, argc, argv) : (print_error("%s", _("mémoire insuffisante")), EXIT_FAILED);
	const struct subcommand *sub = NULL;
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(*subcommands); i++)
		if (strcmp(name, subcommands[i].name) == 0)
			sub = &subcommands[i];
	if (code >= 0)
		; /* help shown, or a bad option said */
	else if (strcmp(name, "list") == 0)
		code = list(&e, argc, argv, ctx);
	else if (sub)
		code = run(sub, &e, argc, argv, ctx);
	else
		code = usage_error("plan", _("« %s » : add, set, start, done, drop, decide ou list attendu"), name);
	free(e.who);
	free(e.for_ids);
	return code;
}
