#include <jansson.h>

#include "grille/error.h"
#include "errors.h"
#include "json_out.h"
#include "reminders.h"

/* The reminders as JSON: the contract is documented in grille-status(1). */

static json_t *date_or_null(const char *date)
{
	return date[0] ? json__text(date) : json_null();
}

static json_t *number_or_null(int present, long n)
{
	return present ? json_integer((json_int_t)n) : json_null();
}

static json_t *phase(const grille_phase_position *p)
{
	static const char *const names[] = { "none", "before", "during", "over" };
	if (p->phase == GRILLE_PHASE_NONE)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "start", json__text(p->start));
	json_object_set_new(o, "end", date_or_null(p->end));
	json_object_set_new(o, "state", json__text(names[p->phase]));
	json_object_set_new(o, "day", number_or_null(p->phase == GRILLE_PHASE_DURING, p->day));
	json_object_set_new(o, "length", number_or_null(p->length > 0, p->length));
	json_object_set_new(o, "starts_in", number_or_null(p->phase == GRILLE_PHASE_BEFORE, p->days));
	json_object_set_new(o, "ended_days_ago", number_or_null(p->phase == GRILLE_PHASE_OVER, p->days));
	return o;
}

static json_t *review(const grille_review_reminder *r, const char *days_key, long days)
{
	json_t *o = json_object();
	json_object_set_new(o, "date", json__text(r->date));
	json_object_set_new(o, "title", json__text(r->title));
	json_object_set_new(o, days_key, json_integer((json_int_t)days));
	return o;
}

static json_t *reviews(const grille_reminders *r)
{
	json_t *overdue = json_array();
	for (size_t i = 0; i < r->overdue_review_count; i++)
		json_array_append_new(overdue, review(&r->overdue_reviews[i], "days_ago", -r->overdue_reviews[i].days));
	json_t *o = json_object();
	json_object_set_new(o, "next", r->next_review.date[0] ? review(&r->next_review, "in_days", r->next_review.days)
	                                                      : json_null());
	json_object_set_new(o, "overdue", overdue);
	return o;
}

static json_t *action(const grille_action_reminder *a)
{
	json_t *who = json_array();
	for (size_t i = 0; i < a->who_count; i++)
		json_array_append_new(who, json__text(a->who[i]));
	json_t *o = json_object();
	json_object_set_new(o, "id", json__text(a->id));
	json_object_set_new(o, "text", json__text(a->text));
	json_object_set_new(o, "who", who);
	json_object_set_new(o, "due", date_or_null(a->due));
	json_object_set_new(o, "due_in", number_or_null(a->due[0] != '\0', a->days));
	json_object_set_new(o, "state", json__text(a->state == GRILLE_ACTION_DOING ? "doing" : "todo"));
	json_object_set_new(o, "line", json_integer((json_int_t)a->line));
	return o;
}

/* The actions of `owner` (NULL: all) due `when`, as objects, or as their IDs. */
static json_t *actions(const grille_reminders *r, const grille_owner_reminders *owner, grille_due when, int ids)
{
	json_t *a = json_array();
	size_t count = owner ? owner->count : r->action_count;
	for (size_t i = 0; i < count; i++) {
		const grille_action_reminder *ar = &r->actions[owner ? owner->actions[i] : i];
		if (ar->when == when)
			json_array_append_new(a, ids ? json__text(ar->id) : action(ar));
	}
	return a;
}

static json_t *by_owner(const grille_reminders *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->owner_count; i++) {
		const grille_owner_reminders *o = &r->owners[i];
		if (!o->counts[GRILLE_DUE_LATE] && !o->counts[GRILLE_DUE_SOON])
			continue;
		json_t *entry = json_object();
		json_object_set_new(entry, "name", json__text(o->name));
		json_object_set_new(entry, "member", json_boolean(o->member));
		json_object_set_new(entry, "late", actions(r, o, GRILLE_DUE_LATE, 1));
		json_object_set_new(entry, "soon", actions(r, o, GRILLE_DUE_SOON, 1));
		json_array_append_new(a, entry);
	}
	return a;
}

static json_t *group_files(const grille_reminders *r)
{
	json_t *conflicts = json_array();
	for (size_t i = 0; i < r->conflict_count; i++) {
		const grille_entry_conflict *c = &r->conflicts[i];
		json_t *rows = json_array();
		for (size_t k = 0; k < c->count; k++) {
			json_t *row = json_object();
			json_object_set_new(row, "line", json_integer((json_int_t)c->lines[k]));
			json_object_set_new(row, "text", json__text(c->texts[k]));
			json_array_append_new(rows, row);
		}
		json_t *o = json_object();
		json_object_set_new(o, "file", json__text(c->file));
		json_object_set_new(o, "key", json__text(c->key));
		json_object_set_new(o, "rows", rows);
		json_array_append_new(conflicts, o);
	}
	json_t *problems = json_array();
	for (size_t i = 0; i < r->problem_count; i++)
		json_array_append_new(problems, json__text(r->problems[i]));
	json_t *o = json_object();
	json_object_set_new(o, "conflicts", conflicts);
	json_object_set_new(o, "problems", problems);
	return o;
}

void reminders__status_json(json_t *root, const grille_reminders *r)
{
	json_t *acts = json_object();
	json_object_set_new(acts, "late", actions(r, NULL, GRILLE_DUE_LATE, 0));
	json_object_set_new(acts, "soon", actions(r, NULL, GRILLE_DUE_SOON, 0));
	json_object_set_new(acts, "by_owner", by_owner(r));
	json_object_set_new(root, "test_phase", phase(&r->phase));
	json_object_set_new(root, "reviews", reviews(r));
	json_object_set_new(root, "actions", acts);
	json_object_set_new(root, "group_files", group_files(r));
}

int grille_reminders_plate_json(grille_buf *out, const grille_reminders *r, const grille_member *member)
{
	static const char *const keys[GRILLE_DUE_COUNT] = { "late", "soon", "later", "no_deadline" };
	const grille_owner_reminders *owner = grille_reminders_owner(r, member->name);
	json_t *me = json_object();
	json_object_set_new(me, "name", json__text(member->name));
	json_object_set_new(me, "email", member->email && member->email[0] ? json__text(member->email) : json_null());
	json_t *root = json_object();
	json_object_set_new(root, "format", json_integer(1));
	json_object_set_new(root, "today", json__text(r->today));
	json_object_set_new(root, "member", me);
	for (int k = 0; k < GRILLE_DUE_COUNT; k++)
		json_object_set_new(root, keys[k], owner ? actions(r, owner, (grille_due)k, 0) : json_array());
	return json__put(out, root);
}
