#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "group.h"
#include "groupdata.h"
#include "intl.h"
#include "session.h"
#include "settings.h"
#include "table.h"
#include "workspace_private.h"

/* Changes to the group's files: each checks its entry against the rest of
 * the group, writes one file atomically and forgets the loaded group. */

void grille_group_change_release(grille_group_change *change)
{
	free(change->file);
	free(change->moved);
	for (size_t i = 0; i < change->warning_count; i++)
		free(change->warnings[i]);
	free(change->warnings);
	memset(change, 0, sizeof(*change));
}

int group__warn(grille_group_change *out, const char *fmt, ...)
{
	grille_buf text = GRILLE_BUF_INIT;
	va_list args;
	va_start(args, fmt);
	int error = grille_buf_vprintf(&text, fmt, args);
	va_end(args);
	char **grown = error ? NULL : array__push(out->warnings, out->warning_count, sizeof(*grown));
	if (grown) {
		out->warnings = grown;
		grown[out->warning_count++] = grille_buf_detach(&text);
	}
	grille_buf_release(&text);
	return grown ? 0 : error__oom();
}

/* The file as the working tree holds it, or a fresh one when it is not there. */
int group__read_file(grille_buf *out, const grille_workspace *ws, enum groupdata_kind kind)
{
	char *path = fs__join(ws->root, groupdata__files[kind]);
	int error = path ? fs__read_file(out, path, 0, TABLE_MAX) : error__oom();
	if (error == GRILLE_ENOTFOUND)
		error = groupdata__fresh(out, kind, grille_grid_language(ws->grid));
	free(path);
	return error;
}

/* .gitattributes names the three files for git's union merge; the lines that
 * are missing are added (the group may have its own lines there). */
int group__attributes(grille_buf *out, const grille_workspace *ws, int *changed)
{
	char *path = fs__join(ws->root, GROUPDATA_ATTRIBUTES_FILE);
	int error = path ? fs__read_file(out, path, 0, TABLE_MAX) : error__oom();
	if (error == GRILLE_ENOTFOUND)
		error = 0;
	free(path);
	*changed = 0;
	grille_buf wanted = GRILLE_BUF_INIT;
	if (!error)
		error = groupdata__attributes(&wanted, grille_grid_language(ws->grid));
	for (size_t i = 0; !error && i < 3; i++) {
		char line[64];
		snprintf(line, sizeof(line), "/%s merge=union\n", groupdata__files[i]);
		if (out->ptr && strstr(out->ptr, line))
			continue;
		if (!*changed && out->len && out->ptr[out->len - 1] != '\n')
			grille_buf_puts(out, "\n");
		/* Nothing of ours there yet: the comment first, then the lines. */
		if (!*changed && !(out->ptr && strstr(out->ptr, "merge=union")))
			error = grille_buf_puts(out, wanted.ptr);
		else
			error = grille_buf_puts(out, line);
		*changed = 1;
		if (!error && out->ptr && strstr(out->ptr, wanted.ptr))
			break; /* the comment brought every line */
	}
	grille_buf_release(&wanted);
	return error;
}

int group__write_file(const grille_workspace *ws, const char *name, const grille_buf *bytes)
{
	char *path = fs__join(ws->root, name);
	int error = path ? fs__replace(path, bytes->ptr ? bytes->ptr : "", bytes->len) : error__oom();
	free(path);
	return error;
}

/* The file `kind` rewritten by `write` in `out->file`, then .gitattributes. */
typedef int (*group_writer)(grille_buf *out, const char *data, size_t len, const char *name, const void *entry,
                            enum groupdata_op op);

static int write_member(grille_buf *out, const char *data, size_t len, const char *name, const void *entry,
                        enum groupdata_op op)
{
	return groupdata__members_write(out, data, len, name, op, entry);
}

static int write_action(grille_buf *out, const char *data, size_t len, const char *name, const void *entry,
                        enum groupdata_op op)
{
	return groupdata__plan_write(out, data, len, name, op, entry);
}

static int write_event(grille_buf *out, const char *data, size_t len, const char *name, const void *entry,
                       enum groupdata_op op)
{
	return groupdata__calendar_write(out, data, len, name, op, entry);
}

static int apply(grille_group_change *out, grille_workspace *ws, enum groupdata_kind kind, group_writer write,
                 const void *entry, grille_group_op op)
{
	static const enum groupdata_op ops[] = { GROUPDATA_APPEND, GROUPDATA_REPLACE, GROUPDATA_REMOVE };
	grille_buf before = GRILLE_BUF_INIT, after = GRILLE_BUF_INIT, attributes = GRILLE_BUF_INIT;
	int changed = 0;
	int error = group__read_file(&before, ws, kind);
	if (!error)
		error = write(&after, before.ptr ? before.ptr : "", before.len, groupdata__files[kind], entry, ops[op]);
	if (!error)
		error = group__attributes(&attributes, ws, &changed);
	if (!error && !(out->file = strdup(groupdata__files[kind])))
		error = error__oom();
	if (!error)
		error = group__write_file(ws, groupdata__files[kind], &after);
	if (!error && changed)
		error = group__write_file(ws, GROUPDATA_ATTRIBUTES_FILE, &attributes);
	group__forget(session__of(ws));
	grille_buf_release(&before);
	grille_buf_release(&after);
	grille_buf_release(&attributes);
	return error;
}

/* The group as the files hold it now, moved out of grille.yaml first if need be. */
static int current_group(const grille_group **out, grille_group_change *change, grille_workspace *ws)
{
	memset(change, 0, sizeof(*change));
	group__forget(session__of(ws));
	int error = ws->settings->format < 2 ? group__move(change, ws) : 0;
	if (!error)
		error = grille_workspace_group(out, ws);
	return error;
}

int grille_workspace_member_change(grille_group_change *out, grille_workspace *ws, grille_group_op op,
                                   const grille_member *member)
{
	const grille_group *group;
	int error = current_group(&group, out, ws);
	const grille_member *known = error ? NULL : grille_group_member(group, member->name);
	if (!error && op == GRILLE_GROUP_ADD && known)
		return error__set(GRILLE_EEXISTS, _("« %s » est déjà membre (membres.md:%zu) : pour changer ses rôles ou "
		                                    "son courriel, retirez-le puis ajoutez-le à nouveau"),
		                  known->name, known->line);
	if (!error && op != GRILLE_GROUP_ADD && !known)
		return error__set(GRILLE_ENOTFOUND, _("« %s » n'est pas membre : « grille member list » montre les membres"),
		                  member->name);
	/* What the change leaves odd is said before the group it read is let go. */
	for (size_t i = 0; !error && op == GRILLE_GROUP_REMOVE && i < group->action_count; i++) {
		const grille_action *a = &group->actions[i];
		for (size_t w = 0; !error && w < a->who_count; w++)
			if (groupdata__same_name(a->who[w], member->name) && a->state < GRILLE_ACTION_DONE)
				error = group__warn(out, _("l'action %s (plan.md:%zu) reste confiée à « %s »"), a->id, a->line,
				                    a->who[w]);
	}
	if (!error)
		snprintf(out->key, sizeof(out->key), "%s", known ? known->name : member->name);
	grille_member written = *member;
	if (known)
		written.name = known->name; /* as the file writes it; the group lives until the write is done */
	if (!error)
		error = apply(out, ws, GROUPDATA_MEMBERS, write_member, &written, op);
	return error;
}

/* The members an action names, as membres.md writes them; an unknown one is refused. */
static int check_who(char ***out, const grille_group *group, const grille_action *a)
{
	*out = calloc(a->who_count + 1, sizeof(**out));
	if (!*out)
		return error__oom();
	for (size_t i = 0; i < a->who_count; i++) {
		const grille_member *m = grille_group_member(group, a->who[i]);
		if (!m)
			return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas membre du groupe : ajoutez-le d'abord avec "
			                                      "« grille member add %s », ou choisissez parmi « grille member list »"),
			                  a->who[i], a->who[i]);
		(*out)[i] = m->name;
	}
	return 0;
}

/* The principles and questions an action answers must be the grid's. */
static int check_for(const grille_workspace *ws, const grille_action *a)
{
	for (size_t i = 0; i < a->for_count; i++) {
		const char *id = a->for_ids[i];
		if (!grille_grid_find_item(ws->grid, id) && !grille_grid_find_question(ws->grid, id))
			return error__set(GRILLE_EARGUMENT, _("« %s » n'est ni un item ni une question de la grille "
			                                      "(par exemple 2.5 ou 3.2.b)"), id);
	}
	return 0;
}

/* "A<n>": the action's own number, or the next one for a new action. Numbers
 * have at most nine digits, as plan.md reads them. */
static int action_id(char id[16], const grille_action *action, const grille_group *group, grille_group_op op)
{
	if (action->number > 999999999UL)
		return error__set(GRILLE_EARGUMENT, _("numéro d'action trop grand : A%lu"), action->number);
	if (action->number) {
		snprintf(id, 16, "A%u", (unsigned)action->number);
	} else if (op == GRILLE_GROUP_ADD) {
		struct groupdata_plan plan = { .items = (grille_action *)group->actions, .count = group->action_count };
		groupdata__plan_next_id(&plan, id);
	}
	return 0;
}

int grille_workspace_action_change(grille_group_change *out, grille_workspace *ws, grille_group_op op,
                                   const grille_action *action)
{
	const grille_group *group;
	int error = current_group(&group, out, ws);
	grille_action written = *action;
	char **who = NULL;
	if (!error)
		error = action_id(written.id, action, group, op);
	const grille_action *known = error ? NULL : grille_group_action(group, written.id);
	if (!error && op != GRILLE_GROUP_ADD && !known)
		error = error__set(GRILLE_ENOTFOUND, _("l'action %s n'existe pas : « grille plan » montre les actions du plan"),
		                   written.id);
	if (!error && op != GRILLE_GROUP_REMOVE)
		error = check_who(&who, group, action);
	if (!error && op != GRILLE_GROUP_REMOVE)
		error = check_for(ws, action);
	if (!error) {
		written.who = who;
		snprintf(out->key, sizeof(out->key), "%s", written.id);
		error = apply(out, ws, GROUPDATA_PLAN, write_action, &written, op);
	}
	free(who);
	return error;
}

/* A review outside the test phase is allowed, but said. */
static int warn_review(grille_group_change *out, const grille_group *group, const grille_event *review)
{
	if (*group->test_start && strcmp(review->date, group->test_start) < 0)
		return group__warn(out, _("le bilan du %s tombe avant le début de la phase de test (%s)"), review->date,
		                   group->test_start);
	return 0;
}

int grille_workspace_review_change(grille_group_change *out, grille_workspace *ws, grille_group_op op,
                                   const grille_event *review)
{
	const grille_group *group;
	int error = current_group(&group, out, ws);
	if (!error && !grille_date_valid(review->date))
		error = error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu, un jour qui existe "
		                                       "(par exemple 2027-03-15)"), review->date);
	if (!error && op != GRILLE_GROUP_REMOVE)
		error = warn_review(out, group, review);
	grille_event written = *review;
	written.kind = GRILLE_EVENT_REVIEW;
	if (!error) {
		snprintf(out->key, sizeof(out->key), "%s", review->date);
		error = apply(out, ws, GROUPDATA_CALENDAR, write_event, &written, op);
	}
	if (error == GRILLE_EEXISTS)
		error = error__set(GRILLE_EEXISTS, _("un bilan est déjà prévu le %s : « grille calendar » le montre"),
		                   review->date);
	else if (error == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("aucun bilan n'est prévu le %s : « grille calendar » montre les dates"),
		                   review->date);
	return error;
}

static int set_bound(grille_group_change *out, grille_workspace *ws, grille_event_kind kind, const char *date,
                     int present)
{
	grille_event e = { .kind = kind, .title = "" };
	snprintf(e.date, sizeof(e.date), "%s", date);
	return apply(out, ws, GROUPDATA_CALENDAR, write_event, &e, present ? GRILLE_GROUP_SET : GRILLE_GROUP_ADD);
}

int grille_workspace_test_phase(grille_group_change *out, grille_workspace *ws, const char *start, const char *end)
{
	const grille_group *group;
	int error = current_group(&group, out, ws);
	const char *bad = !grille_date_valid(start) ? start : !grille_date_valid(end) ? end : NULL;
	if (!error && bad)
		error = error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu, un jour qui existe "
		                                       "(par exemple 2027-03-15)"), bad);
	else if (!error && strcmp(start, end) >= 0)
		error = error__set(GRILLE_EARGUMENT, _("la phase de test doit finir après avoir commencé : du %s au %s, "
		                                       "les dates sont à l'envers ou identiques"), start, end);
	for (size_t i = 0; !error && i < group->event_count; i++) {
		const grille_event *e = &group->events[i];
		if (e->kind == GRILLE_EVENT_REVIEW && strcmp(e->date, start) < 0)
			error = group__warn(out, _("le bilan du %s tombe avant le début de la phase de test (%s)"), e->date, start);
	}
	int had_start = !error && *group->test_start, had_end = !error && *group->test_end;
	/* The end first when the phase moves later, so that no file in between ends before it starts. */
	int end_first = had_end && strcmp(start, group->test_end) > 0;
	if (!error)
		error = end_first ? set_bound(out, ws, GRILLE_EVENT_TEST_END, end, had_end)
		                  : set_bound(out, ws, GRILLE_EVENT_TEST_START, start, had_start);
	if (!error) {
		free(out->file);
		out->file = NULL;
		error = end_first ? set_bound(out, ws, GRILLE_EVENT_TEST_START, start, had_start)
		                  : set_bound(out, ws, GRILLE_EVENT_TEST_END, end, had_end);
	}
	if (!error)
		snprintf(out->key, sizeof(out->key), "%s", start);
	return error;
}
