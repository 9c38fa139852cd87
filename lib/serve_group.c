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

/* A list given on the page: every non-empty value of the field `name` (the
 * checkboxes of a form), each cut at the characters of `separators` (roles,
 * which hold no comma; the IDs an action is for), trimmed. NULL-terminated,
 * its strings and itself freed with list_free(). */
struct list {
	char **texts;
	size_t count;
};

static void list_free(struct list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->texts[i]);
	free(l->texts);
	memset(l, 0, sizeof(*l));
}

static int list_of(struct list *out, const struct serve_form *form, const char *name, const char *separators)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < form->count; i++) {
		if (!form->names[i] || strcmp(form->names[i], name) != 0 || !form->values[i])
			continue;
		for (const char *at = form->values[i]; *at;) {
			size_t len = strcspn(at, separators);
			const char *start = at, *end = at + len;
			while (start < end && (*start == ' ' || *start == '\t'))
				start++;
			while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
				end--;
			if (end > start) {
				char **grown = realloc(out->texts, (out->count + 2) * sizeof(*grown));
				char *text = grown ? strndup(start, (size_t)(end - start)) : NULL;
				if (grown)
					out->texts = grown;
				if (!text) {
					list_free(out);
					return error__oom();
				}
				out->texts[out->count++] = text;
				out->texts[out->count] = NULL;
			}
			at += len + (at[len] != '\0');
		}
	}
	return 0;
}

/* grille member add NAME [--role ROLE]... [--email EMAIL] [--identity IDENTITY]; grille member remove NAME.
 * The page's roles come in one field, separated by commas, which a role cannot hold. */
static int member_change(grille_group_change *done, grille_workspace *ws, const struct serve_form *form,
                         grille_group_op op)
{
	struct list roles = { 0 };
	grille_member m = { .name = (char *)field(form, "name"), .email = (char *)"", .identity = (char *)"" };
	int error = op == GRILLE_GROUP_ADD ? list_of(&roles, form, "role", ",") : 0;
	if (op == GRILLE_GROUP_ADD) {
		m.email = (char *)field(form, "email");
		m.identity = (char *)field(form, "identity");
		m.roles = roles.texts;
		m.role_count = roles.count;
	}
	if (!error)
		error = grille_workspace_member_change(done, ws, op, &m);
	list_free(&roles);
	return error;
}

static int due_date(grille_action *a, const struct serve_form *form)
{
	snprintf(a->due, sizeof(a->due), "%s", field(form, "due"));
	if (strlen(field(form, "due")) >= sizeof(a->due))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  field(form, "due"));
	return 0;
}

/* grille plan add TEXT [--who MEMBER]... [--due DATE] [--means TEXT] [--indicator TEXT] [--for ID]... */
static int action_add(grille_group_change *done, grille_workspace *ws, const struct serve_form *form)
{
	struct list who, for_ids = { 0 };
	grille_action a = { .text = (char *)field(form, "text"), .means = (char *)field(form, "means"),
	                    .indicator = (char *)field(form, "indicator"), .note = (char *)"",
	                    .state = GRILLE_ACTION_TODO };
	int error = list_of(&who, form, "who", "");
	if (!error)
		error = list_of(&for_ids, form, "for", ", ");
	if (!error)
		error = due_date(&a, form);
	a.who = who.texts;
	a.who_count = who.count;
	a.for_ids = for_ids.texts;
	a.for_count = for_ids.count;
	if (!error)
		error = grille_workspace_action_change(done, ws, GRILLE_GROUP_ADD, &a);
	list_free(&who);
	list_free(&for_ids);
	return error;
}

static const struct {
	const char *key;
	grille_action_state state;
} states[] = {
	{ "todo", GRILLE_ACTION_TODO }, { "doing", GRILLE_ACTION_DOING },
	{ "done", GRILLE_ACTION_DONE }, { "dropped", GRILLE_ACTION_DROPPED },
};

/* What the page changes in an action's row, as the plan's subcommands do. */
enum action_edit { ACTION_STATE, ACTION_EDIT, ACTION_DECIDE };

static int state_of(grille_action *a, const struct serve_form *form, const char *language)
{
	const char *key = field(form, "state"), *reason = field(form, "reason");
	int state = -1;
	for (size_t i = 0; i < sizeof(states) / sizeof(*states); i++)
		if (strcmp(key, states[i].key) == 0)
			state = (int)states[i].state;
	if (state < 0)
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "choisissez l'état de l'action"));
	if (state == GRILLE_ACTION_DROPPED && !reason[0])
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "dites pourquoi l'action est abandonnée"));
	a->state = (grille_action_state)state;
	if (state == GRILLE_ACTION_DROPPED)
		a->note = (char *)reason;
	return 0;
}

static int decision_of(grille_action *a, const struct serve_form *form, const char *language)
{
	int decision = grille_decision_from_name(field(form, "decision"));
	if (decision <= GRILLE_DECISION_NONE)
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "choisissez ce que le bilan décide pour l'action"));
	if (decision != GRILLE_DECISION_KEEP && !field(form, "reason")[0])
		return error__set(GRILLE_EARGUMENT, "%s", W_(language, "dites pourquoi le bilan ajuste ou abandonne l'action"));
	a->decision = (grille_decision)decision;
	a->decision_reason = (char *)field(form, "reason");
	return 0;
}

/* grille plan start|done A3, drop A3 --reason TEXT, set A3 --state STATE (ACTION_STATE); set A3 --text
 * TEXT --who MEMBER... --due DATE --means TEXT --indicator TEXT --for ID... (ACTION_EDIT, every field
 * given: the page's form holds the row's values); decide A3 DECISION --reason TEXT (ACTION_DECIDE).
 * The row is read from a workspace of its own, since the change frees the group of the one it writes
 * through. */
static int action_set(grille_group_change *done, grille_workspace *ws, const struct serve_form *form,
                      const char *root, const char *language, enum action_edit what)
{
	const char *id = field(form, "id");
	grille_action wanted;
	memset(&wanted, 0, sizeof(wanted));
	struct list who = { 0 }, for_ids = { 0 };
	int error = what == ACTION_STATE ? state_of(&wanted, form, language)
	            : what == ACTION_DECIDE ? decision_of(&wanted, form, language) : 0;
	if (!error && what == ACTION_EDIT && !(error = list_of(&who, form, "who", "")))
		error = list_of(&for_ids, form, "for", ", ");
	grille_workspace *read = NULL;
	const grille_group *group = NULL;
	if (!error && !(error = grille_workspace_open(&read, root)))
		error = grille_workspace_group(&group, read);
	const grille_action *found = error ? NULL : grille_group_action(group, id);
	if (!error && !found)
		error = error__set(GRILLE_ENOTFOUND, _("aucune action « %s » dans plan.md : « grille plan » les montre"), id);
	if (!error) {
		grille_action asked = wanted;
		wanted = *found;
		if (what == ACTION_STATE) {
			wanted.state = asked.state;
			if (asked.state == GRILLE_ACTION_DROPPED)
				wanted.note = asked.note;
		} else if (what == ACTION_DECIDE) {
			wanted.decision = asked.decision;
			wanted.decision_reason = asked.decision_reason;
		} else {
			wanted.text = (char *)field(form, "text");
			wanted.means = (char *)field(form, "means");
			wanted.indicator = (char *)field(form, "indicator");
			wanted.who = who.texts;
			wanted.who_count = who.count;
			wanted.for_ids = for_ids.texts;
			wanted.for_count = for_ids.count;
			error = due_date(&wanted, form);
		}
		if (!error)
			error = grille_workspace_action_change(done, ws, GRILLE_GROUP_SET, &wanted);
	}
	grille_workspace_free(read);
	list_free(&who);
	list_free(&for_ids);
	return error;
}

/* The review of the group on `date`, or NULL. */
static const grille_event *review_on(const grille_group *group, const char *date)
{
	for (size_t i = 0; i < group->event_count; i++)
		if (group->events[i].kind == GRILLE_EVENT_REVIEW && strcmp(group->events[i].date, date) == 0)
			return &group->events[i];
	return NULL;
}

/* grille calendar review DATE [TITLE] [--done]: a new review, or the one on that day changed (its
 * title when one is given, held when `held`). */
static int review_set(grille_group_change *done, grille_workspace *ws, const struct serve_form *form, int held)
{
	const char *date = field(form, "date"), *title = field(form, "title");
	grille_event review = { .kind = GRILLE_EVENT_REVIEW };
	if (!grille_date_valid(date))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  date);
	snprintf(review.date, sizeof(review.date), "%s", date);
	const grille_group *group = NULL;
	int error = grille_workspace_group(&group, ws);
	const grille_event *there = error ? NULL : review_on(group, date);
	if (!error && held && !there)
		return error__set(GRILLE_ENOTFOUND, _("aucun bilan le %s dans calendrier.md : « grille calendar » montre les "
		                                      "dates"), date);
	char *kept = there ? strdup(there->title) : NULL; /* the group goes with the change */
	if (!error && there && !kept)
		error = error__oom();
	review.title = title[0] ? (char *)title : kept ? kept : (char *)"";
	review.done = held || (there && there->done);
	if (!error)
		error = grille_workspace_review_change(done, ws, there ? GRILLE_GROUP_SET : GRILLE_GROUP_ADD, &review);
	free(kept);
	return error;
}

/* grille calendar test START END. */
static int test_phase(grille_group_change *done, grille_workspace *ws, const struct serve_form *form)
{
	const char *dates[] = { field(form, "start"), field(form, "end") };
	for (size_t i = 0; i < 2; i++)
		if (!grille_date_valid(dates[i]))
			return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple "
			                                      "2027-03-15)"), dates[i]);
	return grille_workspace_test_phase(done, ws, dates[0], dates[1]);
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
		error = action_set(&done, ws, form, root, language, ACTION_STATE);
	else if (strcmp(op, "action-edit") == 0)
		error = action_set(&done, ws, form, root, language, ACTION_EDIT);
	else if (strcmp(op, "action-decide") == 0)
		error = action_set(&done, ws, form, root, language, ACTION_DECIDE);
	else if (strcmp(op, "review-add") == 0)
		error = review_set(&done, ws, form, 0);
	else if (strcmp(op, "review-held") == 0)
		error = review_set(&done, ws, form, 1);
	else if (strcmp(op, "test-phase") == 0)
		error = test_phase(&done, ws, form);
	else if (strcmp(op, "review-remove") == 0)
		error = review_remove(&done, ws, form);
	else
		error = error__set(GRILLE_EARGUMENT, "%s", W_(language, "modification du groupe inconnue"));
	grille_group_change_release(&done);
	return error;
}
