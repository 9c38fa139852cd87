#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/group.h"
#include "grille/error.h"
#include "errors.h"
#include "serve_private.h"
#include "wording.h"

/* The changes the group's page (/group) asks for, made as `grille member`,
 * `grille plan` and `grille calendar` make them: the same library calls
 * with the same arguments, so that the files come out byte for byte the
 * same. The caller holds the workspace lock. */

/* A field, "" when absent. */
static const char *field(const struct serve_form *form, const char *name)
{
	const char *value = serve__form_get(form, name);
	return value ? value : "";
}

/* grille member add NAME [--role ROLE] [--email EMAIL] [--identity IDENTITY]; grille member remove NAME. */
static int member_change(grille_group_change *done, grille_workspace *ws, const struct serve_form *form,
                         grille_group_op op)
{
	char *role = (char *)field(form, "role");
	grille_member m = { .name = (char *)field(form, "name"), .email = (char *)"", .identity = (char *)"" };
	if (op == GRILLE_GROUP_ADD) {
		m.email = (char *)field(form, "email");
		m.identity = (char *)field(form, "identity");
		m.roles = &role;
		m.role_count = role[0] ? 1 : 0;
	}
	return grille_workspace_member_change(done, ws, op, &m);
}

/* grille plan add TEXT [--who MEMBER] [--due DATE] [--means TEXT] [--indicator TEXT]. */
static int action_add(grille_group_change *done, grille_workspace *ws, const struct serve_form *form)
{
	char *who = (char *)field(form, "who");
	grille_action a = { .text = (char *)field(form, "text"), .means = (char *)field(form, "means"),
	                    .indicator = (char *)field(form, "indicator"), .note = (char *)"",
	                    .state = GRILLE_ACTION_TODO, .who = &who, .who_count = who[0] ? 1 : 0 };
	snprintf(a.due, sizeof(a.due), "%s", field(form, "due"));
	if (strlen(field(form, "due")) >= sizeof(a.due))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  field(form, "due"));
	return grille_workspace_action_change(done, ws, GRILLE_GROUP_ADD, &a);
}

static const struct {
	const char *key;
	grille_action_state state;
} states[] = {
	{ "todo", GRILLE_ACTION_TODO }, { "doing", GRILLE_ACTION_DOING },
	{ "done", GRILLE_ACTION_DONE }, { "dropped", GRILLE_ACTION_DROPPED },
};

/* grille plan set A3 --state STATE, start A3, done A3, drop A3 --reason TEXT: the row read, its state
 * (and for a drop, its note) replaced. The row is read from a workspace of its own, since the change
 * frees the group of the one it writes through. */
static int action_state(grille_group_change *done, grille_workspace *ws, const struct serve_form *form,
                        const char *root, const char *language)
{
	const char *id = field(form, "id"), *key = field(form, "state"), *reason = field(form, "reason");
	int state = -1;
	for (size_t i = 0; i < sizeof(states) / sizeof(*states); i++)
		if (strcmp(key, states[i].key) == 0)
			state = (int)states[i].state;
	if (state < 0)
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "choisissez l'état de l'action"));
	if (state == GRILLE_ACTION_DROPPED && !reason[0])
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "dites pourquoi l'action est abandonnée"));
	grille_workspace *read = NULL;
	int error = grille_workspace_open(&read, root);
	const grille_group *group = NULL;
	if (!error)
		error = grille_workspace_group(&group, read);
	const grille_action *found = error ? NULL : grille_group_action(group, id);
	if (!error && !found)
		error = error__set(GRILLE_ENOTFOUND, _("aucune action « %s » dans plan.md : « grille plan » les montre"), id);
	if (!error) {
		grille_action wanted = *found;
		wanted.state = (grille_action_state)state;
		if (state == GRILLE_ACTION_DROPPED)
			wanted.note = (char *)reason;
		error = grille_workspace_action_change(done, ws, GRILLE_GROUP_SET, &wanted);
	}
	grille_workspace_free(read);
	return error;
}

/* grille calendar review DATE TITLE: a new review, or the title of the one on that day changed. */
static int review_add(grille_group_change *done, grille_workspace *ws, const struct serve_form *form)
{
	const char *date = field(form, "date");
	grille_event review = { .kind = GRILLE_EVENT_REVIEW, .title = (char *)field(form, "title") };
	if (!grille_date_valid(date))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  date);
	snprintf(review.date, sizeof(review.date), "%s", date);
	const grille_group *group = NULL;
	int error = grille_workspace_group(&group, ws);
	const grille_event *there = NULL;
	for (size_t i = 0; !error && i < group->event_count; i++)
		if (group->events[i].kind == GRILLE_EVENT_REVIEW && strcmp(group->events[i].date, date) == 0)
			there = &group->events[i];
	review.done = there && there->done;
	return error ? error : grille_workspace_review_change(done, ws, there ? GRILLE_GROUP_SET : GRILLE_GROUP_ADD, &review);
}

/* grille calendar review DATE --remove. */
static int review_remove(grille_group_change *done, grille_workspace *ws, const struct serve_form *form)
{
	const char *date = field(form, "date");
	grille_event gone = { .kind = GRILLE_EVENT_REVIEW, .title = (char *)"" };
	if (!grille_date_valid(date))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  date);
	snprintf(gone.date, sizeof(gone.date), "%s", date);
	return grille_workspace_review_change(done, ws, GRILLE_GROUP_REMOVE, &gone);
}

int serve__group_change(const char **section, grille_workspace *ws, const struct serve_form *form, const char *root)
{
	const char *op = field(form, "op");
	const char *language = grille_grid_language(grille_workspace_grid(ws));
	grille_group_change done;
	memset(&done, 0, sizeof(done));
	int error;
	*section = strncmp(op, "member-", 7) == 0 ? "membres" : strncmp(op, "action-", 7) == 0 ? "plan" : "calendrier";
	if (strcmp(op, "member-add") == 0)
		error = member_change(&done, ws, form, GRILLE_GROUP_ADD);
	else if (strcmp(op, "member-remove") == 0)
		error = member_change(&done, ws, form, GRILLE_GROUP_REMOVE);
	else if (strcmp(op, "action-add") == 0)
		error = action_add(&done, ws, form);
	else if (strcmp(op, "action-state") == 0)
		error = action_state(&done, ws, form, root, language);
	else if (strcmp(op, "review-add") == 0)
		error = review_add(&done, ws, form);
	else if (strcmp(op, "review-remove") == 0)
		error = review_remove(&done, ws, form);
	else
		error = error__set(GRILLE_EARGUMENT, "%s", W_(language, "modification du groupe inconnue"));
	grille_group_change_release(&done);
	return error;
}
