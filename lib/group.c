#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "group.h"
#include "groupdata.h"
#include "intl.h"
#include "session.h"
#include "settings.h"
#include "workspace_private.h"

/* The three files' tables, and the public view over them. The view's
 * arrays point into the tables (or, in format 1, into the settings). */
struct group {
	grille_group pub;
	struct groupdata_members members;
	struct groupdata_plan plan;
	struct groupdata_calendar calendar;
	grille_entry_conflict *conflicts; /* shallow copies of the tables' */
	char **problems;                  /* borrowed from the tables, but for `checked` */
	char **checked;                   /* what the tables say of each other, owned */
	size_t checked_count;
};

void group__free(struct group *g)
{
	if (!g)
		return;
	groupdata__members_release(&g->members);
	groupdata__plan_release(&g->plan);
	groupdata__calendar_release(&g->calendar);
	free(g->conflicts);
	free(g->problems);
	for (size_t i = 0; i < g->checked_count; i++)
		free(g->checked[i]);
	free(g->checked);
	free(g);
}

/* One file's bytes, from the working tree (`tree` NULL) or a commit; a file
 * that is not there reads as empty. */
static int read_file(grille_buf *out, struct session *sess, const git_tree *tree, const char *name, int *found)
{
	int error = session__read(out, sess, tree, name);
	*found = error != GRILLE_ENOTFOUND;
	if (error == GRILLE_ENOTFOUND) {
		error = 0;
	}
	return error;
}

/* Problems are what the group reads about, not a failure of reading. */
static int load_one(struct group *g, struct session *sess, const git_tree *tree, enum groupdata_kind kind)
{
	static const char *const names[] = { GROUPDATA_MEMBERS_FILE, GROUPDATA_PLAN_FILE, GROUPDATA_CALENDAR_FILE };
	grille_buf data = GRILLE_BUF_INIT;
	int found;
	int error = read_file(&data, sess, tree, names[kind], &found);
	const char *bytes = data.ptr ? data.ptr : "";
	if (!error && found && kind == GROUPDATA_MEMBERS)
		error = groupdata__members_load(&g->members, bytes, data.len, names[kind]);
	else if (!error && found && kind == GROUPDATA_PLAN)
		error = groupdata__plan_load(&g->plan, bytes, data.len, names[kind]);
	else if (!error && found)
		error = groupdata__calendar_load(&g->calendar, bytes, data.len, names[kind]);
	if (error == GRILLE_EINVALID) {
		error = 0;
	}
	grille_buf_release(&data);
	return error;
}

static int check_problem(struct group *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int check_problem(struct group *g, const char *fmt, ...)
{
	grille_buf text = GRILLE_BUF_INIT;
	va_list args;
	va_start(args, fmt);
	grille_buf_vprintf(&text, fmt, args);
	va_end(args);
	char **grown = grille_buf_oom(&text) ? NULL : array__push(g->checked, g->checked_count, sizeof(*grown));
	if (grown) {
		g->checked = grown;
		grown[g->checked_count++] = grille_buf_detach(&text);
	}
	grille_buf_release(&text);
	return grown ? 0 : error__oom();
}

/* A plan written by hand may name someone membres.md lacks, or an ID the
 * grid lacks: said as problems, as the commands would refuse them. */
static int cross_check(struct group *g, const grille_grid *grid)
{
	int error = 0;
	for (size_t i = 0; !error && i < g->pub.action_count; i++) {
		const grille_action *a = &g->pub.actions[i];
		for (size_t w = 0; !error && w < a->who_count; w++)
			if (!grille_group_member(&g->pub, a->who[w]))
				error = check_problem(g, _("%s:%zu: %s est confiée à « %s », qui n'est pas dans %s"),
				                      GROUPDATA_PLAN_FILE, a->line, a->id, a->who[w], GROUPDATA_MEMBERS_FILE);
		for (size_t f = 0; !error && f < a->for_count; f++)
			if (!grille_grid_find_item(grid, a->for_ids[f]) && !grille_grid_find_question(grid, a->for_ids[f]))
				error = check_problem(g, _("%s:%zu: %s répond à « %s », qui n'est ni un item ni une question "
				                           "de la grille"), GROUPDATA_PLAN_FILE, a->line, a->id, a->for_ids[f]);
	}
	return error;
}

static int gather(struct group *g)
{
	const struct groupdata_common *commons[] = { &g->members.common, &g->plan.common, &g->calendar.common };
	static const char *const names[] = { GROUPDATA_MEMBERS_FILE, GROUPDATA_PLAN_FILE, GROUPDATA_CALENDAR_FILE };
	size_t conflicts = 0, problems = g->checked_count;
	for (size_t i = 0; i < 3; i++) {
		conflicts += commons[i]->conflict_count;
		problems += commons[i]->problem_count;
	}
	g->conflicts = calloc(conflicts + 1, sizeof(*g->conflicts));
	g->problems = calloc(problems + 1, sizeof(*g->problems));
	if (!g->conflicts || !g->problems)
		return error__oom();
	for (size_t i = 0; i < 3; i++) {
		for (size_t k = 0; k < commons[i]->conflict_count; k++) {
			grille_entry_conflict *c = &g->conflicts[g->pub.conflict_count++];
			*c = commons[i]->conflicts[k];
			c->file = names[i];
		}
		for (size_t k = 0; k < commons[i]->problem_count; k++)
			g->problems[g->pub.problem_count++] = commons[i]->problems[k];
	}
	for (size_t k = 0; k < g->checked_count; k++)
		g->problems[g->pub.problem_count++] = g->checked[k];
	g->pub.conflicts = g->conflicts;
	g->pub.problems = (const char *const *)g->problems;
	return 0;
}

static void set_view(struct group *g, const grille_settings *settings)
{
	const struct settings_legacy *legacy = settings__legacy(settings);
	g->pub.from_settings = settings->format < 2;
	if (g->pub.from_settings) {
		g->pub.members = legacy->members;
		g->pub.member_count = legacy->member_count;
		g->pub.events = legacy->events;
		g->pub.event_count = legacy->event_count;
	} else {
		g->pub.members = g->members.items;
		g->pub.member_count = g->members.count;
		g->pub.events = g->calendar.items;
		g->pub.event_count = g->calendar.count;
	}
	g->pub.actions = g->plan.items;
	g->pub.action_count = g->plan.count;
	g->pub.test_start = g->pub.test_end = "";
	for (size_t i = g->pub.event_count; i-- > 0; ) {
		const grille_event *e = &g->pub.events[i];
		if (e->kind == GRILLE_EVENT_TEST_START)
			g->pub.test_start = e->date;
		else if (e->kind == GRILLE_EVENT_TEST_END)
			g->pub.test_end = e->date;
	}
}

int group__load(struct group **out, struct session *sess, const git_tree *tree, const grille_settings *settings)
{
	*out = NULL;
	struct group *g = calloc(1, sizeof(*g));
	if (!g)
		return error__oom();
	int error = 0;
	/* Format 1 kept members and dates in grille.yaml: its files are not the group's yet. */
	for (int kind = settings->format < 2 ? GROUPDATA_PLAN : GROUPDATA_MEMBERS; !error && kind <= GROUPDATA_CALENDAR;
	     kind++)
		error = load_one(g, sess, tree, (enum groupdata_kind)kind);
	if (!error) {
		set_view(g, settings);
		error = cross_check(g, sess->ws->grid);
	}
	if (!error)
		error = gather(g);
	if (error) {
		group__free(g);
		return error;
	}
	*out = g;
	return 0;
}

const grille_group *group__view(const struct group *g)
{
	return &g->pub;
}

int grille_workspace_group(const grille_group **out, const grille_workspace *ws)
{
	*out = NULL;
	struct session *sess = session__of(ws);
	int error = sess->group ? 0 : group__load(&sess->group, sess, NULL, sess->ws->settings);
	if (!error)
		*out = &sess->group->pub;
	return error;
}

void group__forget(struct session *sess)
{
	group__free(sess->group);
	sess->group = NULL;
}

const grille_member *grille_group_member(const grille_group *group, const char *name)
{
	for (size_t i = 0; i < group->member_count; i++)
		if (groupdata__same_name(group->members[i].name, name))
			return &group->members[i];
	return NULL;
}

static int same_text(const char *a, const char *b)
{
	return a && b && *a && strcasecmp(a, b) == 0;
}

const grille_member *grille_group_member_of(const grille_group *group, const char *name, const char *email)
{
	/* An e-mail address says more than a name: look for it first. */
	for (size_t i = 0; i < group->member_count; i++) {
		const grille_member *m = &group->members[i];
		if (same_text(m->email, email) || same_text(m->identity, email))
			return m;
	}
	for (size_t i = 0; i < group->member_count; i++) {
		const grille_member *m = &group->members[i];
		if (same_text(m->identity, name) || (name && *name && groupdata__same_name(m->name, name)))
			return m;
	}
	return NULL;
}

const grille_action *grille_group_action(const grille_group *group, const char *id)
{
	for (size_t i = 0; i < group->action_count; i++)
		if (strcasecmp(group->actions[i].id, id) == 0)
			return &group->actions[i];
	return NULL;
}
