#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/grid.h"
#include "grille/reminders.h"
#include "array.h"
#include "date.h"
#include "errors.h"
#include "grid_index.h"
#include "groupdata.h"
#include "intl.h"
#include "settings.h"

static void copy_date(char out[GRILLE_DATE_LEN + 1], const char *date)
{
	snprintf(out, GRILLE_DATE_LEN + 1, "%s", date);
}

static void phase_position(grille_phase_position *p, const grille_group *g, long today)
{
	long start, end;
	memset(p, 0, sizeof(*p));
	if (date__day_number(&start, g->test_start) < 0)
		return;
	copy_date(p->start, g->test_start);
	/* A hand-written end before the start is no end: the loader names the problem. */
	int ends = date__day_number(&end, g->test_end) == 0 && end >= start;
	if (ends) {
		copy_date(p->end, g->test_end);
		p->length = end - start + 1;
	}
	if (today < start) {
		p->phase = GRILLE_PHASE_BEFORE;
		p->days = start - today;
	} else if (!ends || today <= end) {
		p->phase = GRILLE_PHASE_DURING;
		p->day = today - start + 1;
	} else {
		p->phase = GRILLE_PHASE_OVER;
		p->days = today - end;
	}
}

static int copy_review(grille_review_reminder *out, const grille_event *e, long days)
{
	copy_date(out->date, e->date);
	out->days = days;
	out->line = e->line;
	return (out->title = strdup(e->title ? e->title : "")) ? 0 : error__oom();
}

/* The same rule as the status's reviews: not held, and its date passed. */
static int reviews(grille_reminders *r, const grille_group *g, long today)
{
	const grille_event *next = NULL;
	long next_day = 0;
	for (size_t i = 0; i < g->event_count; i++) {
		const grille_event *e = &g->events[i];
		long day;
		if (e->kind != GRILLE_EVENT_REVIEW || e->done || date__day_number(&day, e->date) < 0)
			continue;
		if (settings__review_overdue(e, r->today)) {
			grille_review_reminder *grown = array__push(r->overdue_reviews, r->overdue_review_count,
			                                            sizeof(*grown));
			if (!grown)
				return error__oom();
			r->overdue_reviews = grown;
			grille_review_reminder *o = &grown[r->overdue_review_count++];
			memset(o, 0, sizeof(*o));
			int error = copy_review(o, e, day - today);
			if (error)
				return error;
		} else if (!next || day < next_day) {
			next = e;
			next_day = day;
		}
	}
	return next ? copy_review(&r->next_review, next, next_day - today) : 0;
}

static int copy_action(grille_action_reminder *out, const grille_action *a, long today)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->id, sizeof(out->id), "%s", a->id);
	out->state = a->state;
	out->line = a->line;
	out->when = GRILLE_DUE_NONE;
	long day;
	if (a->due[0] && date__day_number(&day, a->due) == 0) {
		copy_date(out->due, a->due);
		out->days = day - today;
		out->when = out->days < 0 ? GRILLE_DUE_LATE
		            : out->days <= GRILLE_REMINDER_DAYS ? GRILLE_DUE_SOON : GRILLE_DUE_LATER;
	}
	if (!(out->text = strdup(a->text ? a->text : "")))
		return error__oom();
	if (a->who_count && !(out->who = calloc(a->who_count, sizeof(*out->who))))
		return error__oom();
	for (size_t i = 0; i < a->who_count; i++) {
		if (!(out->who[i] = strdup(a->who[i])))
			return error__oom();
		out->who_count++;
	}
	return 0;
}

static int by_due(const void *pa, const void *pb)
{
	const grille_action_reminder *a = pa, *b = pb;
	if (a->when != b->when)
		return a->when < b->when ? -1 : 1;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* The open actions, each once: of a conflict's rows, the first (status shows both). */
static int actions(grille_reminders *r, const grille_group *g, long today)
{
	grille_grid_index seen = { 0 };
	int error = 0;
	for (size_t i = 0; !error && i < g->action_count; i++) {
		const grille_action *a = &g->actions[i];
		if (a->state != GRILLE_ACTION_TODO && a->state != GRILLE_ACTION_DOING)
			continue;
		if ((error = grid_index__add(&seen, a->id, a, a->line, NULL)) == GRILLE_EEXISTS) {
			error = 0;
			continue;
		}
		grille_action_reminder *grown = error ? NULL : array__push(r->actions, r->action_count, sizeof(*grown));
		if (!grown) {
			error = error ? error : error__oom();
			break;
		}
		r->actions = grown;
		error = copy_action(&grown[r->action_count++], a, today);
	}
	grid_index__release(&seen);
	if (error)
		return error;
	if (r->action_count)
		qsort(r->actions, r->action_count, sizeof(*r->actions), by_due);
	for (size_t i = 0; i < r->action_count; i++)
		r->counts[r->actions[i].when]++;
	return 0;
}

/* Owners are found by their name's key (see groupdata__same_name()) in an
 * index, so that many actions and many members take linear time. */
struct owners {
	grille_grid_index index; /* key -> slot + 1 */
	char **keys;
	size_t key_count;
	size_t none;             /* the slot of the actions without owner, or SIZE_MAX */
};

static int new_owner(grille_reminders *r, size_t *slot, const char *name, int member)
{
	grille_owner_reminders *grown = array__push(r->owners, r->owner_count, sizeof(*grown));
	if (!grown)
		return error__oom();
	r->owners = grown;
	*slot = r->owner_count;
	grille_owner_reminders *o = &grown[r->owner_count++];
	memset(o, 0, sizeof(*o));
	o->member = member;
	return !name || (o->name = strdup(name)) ? 0 : error__oom();
}

/* The slot of `name`, made when `create`; SIZE_MAX when not there. */
static int owner_slot(size_t *slot, grille_reminders *r, struct owners *o, const char *name, int member)
{
	*slot = SIZE_MAX;
	char *key = groupdata__name_key(name);
	char **keys = key ? array__push(o->keys, o->key_count, sizeof(*keys)) : NULL;
	if (!keys) {
		free(key);
		return error__oom();
	}
	o->keys = keys;
	const void *found = grid_index__find(&o->index, key);
	if (found) {
		free(key);
		*slot = (size_t)(uintptr_t)found - 1;
		return 0;
	}
	keys[o->key_count++] = key;
	int error = new_owner(r, slot, name, member);
	if (!error)
		error = grid_index__add(&o->index, key, (const void *)(uintptr_t)(*slot + 1), 0, NULL);
	return error;
}

static int add_to(grille_owner_reminders *owner, size_t action)
{
	if (owner->count && owner->actions[owner->count - 1] == action)
		return 0; /* named twice by one action */
	size_t *grown = array__push(owner->actions, owner->count, sizeof(*grown));
	if (!grown)
		return error__oom();
	owner->actions = grown;
	grown[owner->count++] = action;
	return 0;
}

static int place_action(grille_reminders *r, struct owners *o, size_t index)
{
	const grille_action_reminder *a = &r->actions[index];
	int error = 0;
	size_t slot;
	if (!a->who_count && o->none == SIZE_MAX)
		error = new_owner(r, &o->none, NULL, 0);
	if (!a->who_count && !error)
		error = add_to(&r->owners[o->none], index);
	for (size_t w = 0; !error && w < a->who_count; w++)
		if (!(error = owner_slot(&slot, r, o, a->who[w], 0)))
			error = add_to(&r->owners[slot], index);
	return error;
}

/* Members first, in membres.md's order; then the others; then no owner. */
static int owners(grille_reminders *r, const grille_group *g)
{
	struct owners o = { .none = SIZE_MAX };
	size_t slot;
	int error = 0;
	for (size_t i = 0; !error && i < g->member_count; i++)
		error = owner_slot(&slot, r, &o, g->members[i].name, 1);
	for (size_t i = 0; !error && i < r->action_count; i++)
		error = place_action(r, &o, i);
	/* The actions without owner come last. */
	if (!error && o.none != SIZE_MAX && o.none + 1 < r->owner_count) {
		grille_owner_reminders none = r->owners[o.none];
		memmove(&r->owners[o.none], &r->owners[o.none + 1], (r->owner_count - o.none - 1) * sizeof(none));
		r->owners[r->owner_count - 1] = none;
	}
	grid_index__release(&o.index);
	for (size_t i = 0; i < o.key_count; i++)
		free(o.keys[i]);
	free(o.keys);
	/* Only those with an open action. */
	size_t kept = 0;
	for (size_t i = 0; i < r->owner_count; i++) {
		grille_owner_reminders *owner = &r->owners[i];
		if (!owner->count) {
			free(owner->name);
			continue;
		}
		for (size_t k = 0; k < owner->count; k++)
			owner->counts[r->actions[owner->actions[k]].when]++;
		r->owners[kept++] = *owner;
	}
	r->owner_count = kept;
	return error;
}

static int copy_conflict(grille_entry_conflict *out, const grille_entry_conflict *c)
{
	memset(out, 0, sizeof(*out));
	out->file = strdup(c->file);
	out->key = strdup(c->key);
	out->lines = calloc(c->count ? c->count : 1, sizeof(*out->lines));
	out->texts = calloc(c->count ? c->count : 1, sizeof(*out->texts));
	if (!out->file || !out->key || !out->lines || !out->texts)
		return error__oom();
	for (size_t i = 0; i < c->count; i++) {
		out->lines[i] = c->lines[i];
		if (!(out->texts[i] = strdup(c->texts[i])))
			return error__oom();
		out->count++;
	}
	return 0;
}

static int copy_files(grille_reminders *r, const grille_group *g)
{
	if (g->conflict_count && !(r->conflicts = calloc(g->conflict_count, sizeof(*r->conflicts))))
		return error__oom();
	for (size_t i = 0; i < g->conflict_count; i++) {
		int error = copy_conflict(&r->conflicts[r->conflict_count++], &g->conflicts[i]);
		if (error)
			return error;
	}
	if (g->problem_count && !(r->problems = calloc(g->problem_count, sizeof(*r->problems))))
		return error__oom();
	for (size_t i = 0; i < g->problem_count; i++)
		if (!(r->problems[r->problem_count++] = strdup(g->problems[i])))
			return error__oom();
	return 0;
}

int grille_reminders_compute(grille_reminders **out, const grille_group *group, const char *today)
{
	*out = NULL;
	if (today && !grille_date_valid(today))
		return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  today);
	grille_reminders *r = calloc(1, sizeof(*r));
	if (!r)
		return error__oom();
	if (today)
		copy_date(r->today, today);
	else
		date__today(r->today);
	long day;
	int error = date__day_number(&day, r->today) < 0
	            ? error__set(GRILLE_EIO, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
	                         r->today)
	            : 0;
	if (!error) {
		phase_position(&r->phase, group, day);
		error = reviews(r, group, day);
	}
	if (!error)
		error = actions(r, group, day);
	if (!error)
		error = owners(r, group);
	if (!error)
		error = copy_files(r, group);
	if (error)
		grille_reminders_free(r);
	else
		*out = r;
	return error;
}

void grille_reminders_free(grille_reminders *r)
{
	if (!r)
		return;
	free(r->next_review.title);
	for (size_t i = 0; i < r->overdue_review_count; i++)
		free(r->overdue_reviews[i].title);
	free(r->overdue_reviews);
	for (size_t i = 0; i < r->action_count; i++) {
		for (size_t w = 0; w < r->actions[i].who_count; w++)
			free(r->actions[i].who[w]);
		free(r->actions[i].who);
		free(r->actions[i].text);
	}
	free(r->actions);
	for (size_t i = 0; i < r->owner_count; i++) {
		free(r->owners[i].name);
		free(r->owners[i].actions);
	}
	free(r->owners);
	for (size_t i = 0; i < r->conflict_count; i++) {
		for (size_t k = 0; k < r->conflicts[i].count; k++)
			free(r->conflicts[i].texts[k]);
		free((char *)r->conflicts[i].file);
		free(r->conflicts[i].key);
		free(r->conflicts[i].lines);
		free(r->conflicts[i].texts);
	}
	free(r->conflicts);
	for (size_t i = 0; i < r->problem_count; i++)
		free(r->problems[i]);
	free(r->problems);
	free(r);
}

const grille_owner_reminders *grille_reminders_owner(const grille_reminders *r, const char *name)
{
	for (size_t i = 0; i < r->owner_count; i++) {
		const grille_owner_reminders *o = &r->owners[i];
		if (name ? o->name && groupdata__same_name(o->name, name) : !o->name)
			return o;
	}
	return NULL;
}
