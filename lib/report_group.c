#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "date.h"
#include "errors.h"
#include "intl.h"
#include "report.h"
#include "wording.h"

/* The group's data as every report format shows it: the plan's states in
 * order, dates in words, the calendar's axis, people named by member. */

const grille_action_state report__plan_states[4] = {
	GRILLE_ACTION_DOING, GRILLE_ACTION_TODO, GRILLE_ACTION_DONE, GRILLE_ACTION_DROPPED,
};

const char *report__plan_state_title(const char *language, grille_action_state state)
{
	switch (state) {
	case GRILLE_ACTION_DOING: return W_(language, "En cours");
	case GRILLE_ACTION_TODO: return W_(language, "À faire");
	case GRILLE_ACTION_DONE: return W_(language, "Faites");
	default: return W_(language, "Abandonnées");
	}
}

size_t report__plan_count(const grille_group *group, grille_action_state state)
{
	size_t count = 0;
	for (size_t i = 0; i < group->action_count; i++)
		count += group->actions[i].state == state;
	return count;
}

size_t report__decision_count(const grille_group *group)
{
	size_t count = 0;
	for (size_t i = 0; i < group->action_count; i++)
		count += group->actions[i].decision != GRILLE_DECISION_NONE;
	return count;
}

void report__decision_text(grille_buf *out, const char *language, const grille_action *action)
{
	const char *word = action->decision == GRILLE_DECISION_KEEP ? W_(language, "garder")
	                 : action->decision == GRILLE_DECISION_ADJUST ? W_(language, "ajuster") : W_(language, "abandonner");
	grille_buf_printf(out, W_(language, "%s %s : %s"), action->id, action->text ? action->text : "", word);
	if (action->decision_reason && action->decision_reason[0])
		grille_buf_printf(out, " — %s", action->decision_reason);
}

const char *report__decisions_title(const char *language)
{
	return W_(language, "Décisions du bilan");
}

void report__plan_summary(grille_buf *out, const char *language, const grille_group *group)
{
	static const grille_action_state order[] = { GRILLE_ACTION_DOING, GRILLE_ACTION_TODO, GRILLE_ACTION_DONE,
	                                             GRILLE_ACTION_DROPPED };
	grille_buf_printf(out, WN_(language, "%zu action", "%zu actions", group->action_count), group->action_count);
	/* TRANSLATORS: between a count and its details; French puts a space before the colon. */
	const char *sep = W_(language, " : ");
	for (size_t i = 0; i < 4; i++) {
		unsigned long n = (unsigned long)report__plan_count(group, order[i]);
		if (!n)
			continue;
		grille_buf_puts(out, sep);
		if (order[i] == GRILLE_ACTION_DOING)
			grille_buf_printf(out, W_(language, "%lu en cours"), n);
		else if (order[i] == GRILLE_ACTION_TODO)
			grille_buf_printf(out, W_(language, "%lu à faire"), n);
		else if (order[i] == GRILLE_ACTION_DONE)
			grille_buf_printf(out, WN_(language, "%lu faite", "%lu faites", n), n);
		else
			grille_buf_printf(out, WN_(language, "%lu abandonnée", "%lu abandonnées", n), n);
		sep = ", ";
	}
	grille_buf_puts(out, W_(language, ". Le plan en entier a sa partie, « Plan d'action », après les étapes."));
}

int report__action_late(const struct report *r, const grille_action *action)
{
	return action->due[0] && (action->state == GRILLE_ACTION_TODO || action->state == GRILLE_ACTION_DOING) &&
	       strcmp(action->due, r->today) < 0;
}

static const char *const months_short[12] = {
	N_("janv."), N_("févr."), N_("mars"), N_("avril"), N_("mai"), N_("juin"),
	N_("juil."), N_("août"), N_("sept."), N_("oct."), N_("nov."), N_("déc."),
};

static const char *const months_long[12] = {
	N_("janvier"), N_("février"), N_("mars"), N_("avril"), N_("mai"), N_("juin"),
	N_("juillet"), N_("août"), N_("septembre"), N_("octobre"), N_("novembre"), N_("décembre"),
};

/* The date's day number, or 0 with *ok 0 when it is not "YYYY-MM-DD" of a date that exists. */
static long day_of(const char *date, int *ok)
{
	*ok = date && grille_date_valid(date);
	if (!*ok)
		return 0;
	long day;
	date__day_number(&day, date);
	return day;
}

void report__day_short(grille_buf *out, const char *language, long day, int year)
{
	long y, m, d;
	date__to_civil(day, &y, &m, &d);
	grille_buf_printf(out, "%ld %s", d, W_(language, months_short[m - 1]));
	if (year)
		grille_buf_printf(out, " %ld", y);
}

int report__same_year(long a, long b)
{
	long ya, yb, m, d;
	date__to_civil(a, &ya, &m, &d);
	date__to_civil(b, &yb, &m, &d);
	return ya == yb;
}

void report__date_short(grille_buf *out, const char *language, const char *date)
{
	int ok;
	long day = day_of(date, &ok);
	if (ok)
		report__day_short(out, language, day, 0);
	else
		grille_buf_puts(out, date ? date : "");
}

void report__date_long(grille_buf *out, const char *language, const char *date)
{
	int ok;
	long y, m, d;
	date__to_civil(day_of(date, &ok), &y, &m, &d);
	if (ok && d == 1) /* « le 1er avril », as French writes it */
		grille_buf_printf(out, W_(language, "1er %s %ld"), W_(language, months_long[m - 1]), y);
	else if (ok)
		grille_buf_printf(out, "%ld %s %ld", d, W_(language, months_long[m - 1]), y);
	else
		grille_buf_puts(out, date ? date : "");
}

void report__date_unbroken(grille_buf *out, const char *language, const char *date)
{
	grille_buf words = GRILLE_BUF_INIT;
	report__date_long(&words, language, date);
	for (const char *p = words.ptr; p && *p; p++)
		grille_buf_put(out, *p == ' ' ? "\xc2\xa0" : p, *p == ' ' ? 2 : 1);
	grille_buf_oom_from(out, &words);
	grille_buf_release(&words);
}

void report__test_phase_text(grille_buf *out, const char *language, const grille_group *group)
{
	if (!group->test_start[0] && !group->test_end[0]) {
		grille_buf_puts(out, W_(language, "La phase de test n'a pas encore de dates (calendrier.md)."));
		return;
	}
	grille_buf start = GRILLE_BUF_INIT, end = GRILLE_BUF_INIT;
	report__date_long(&start, language, group->test_start[0] ? group->test_start : "?");
	report__date_long(&end, language, group->test_end[0] ? group->test_end : "?");
	grille_buf_printf(out, W_(language, "Phase de test : du %s au %s."), start.ptr ? start.ptr : "", end.ptr ? end.ptr : "");
	grille_buf_oom_from(out, &start);
	grille_buf_oom_from(out, &end);
	grille_buf_release(&start);
	grille_buf_release(&end);
}

/* "3.2.b" -> "q-3-2-b" in `anchor`. */
static void anchor_of(char *anchor, size_t size, const char *prefix, const char *id)
{
	int n = snprintf(anchor, size, "%s%s", prefix, id);
	for (size_t i = strlen(prefix); n > 0 && i < size && anchor[i]; i++)
		if (anchor[i] == '.')
			anchor[i] = '-';
}

/* The item `id`, or its question `id`, in step `st`: its title, and its anchor in the HTML report. */
static const char *target_in(const struct report *r, const grille_step_status *st, const char *id, char *anchor,
                             size_t size)
{
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		size_t answered = 0;
		for (size_t q = 0; q < it->question_count; q++) {
			answered += it->questions[q].state == GRILLE_STATE_ANSWERED;
			if (strcmp(it->questions[q].id, id) == 0) {
				anchor_of(anchor, size, report__shows(r, st) ? "q-" : "", report__shows(r, st) ? id : "");
				return it->questions[q].text;
			}
		}
		if (strcmp(it->id, id) != 0)
			continue;
		/* An item has a heading of its own when it shows an answer. */
		anchor_of(anchor, size, !report__shows(r, st) ? "" : answered ? "i-" : "etape-",
		          !report__shows(r, st) ? "" : answered ? id : st->id);
		return it->title;
	}
	return NULL;
}

const char *report__target(const struct report *r, const char *id, char *anchor, size_t size)
{
	if (size)
		anchor[0] = '\0';
	size_t len = strcspn(id, ".");
	for (size_t s = 0; r->status && s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		/* Only the step whose ID starts the target's: linear in the grid. */
		if (strlen(st->id) == len && strncmp(st->id, id, len) == 0)
			return target_in(r, st, id, anchor, size);
	}
	return NULL;
}

void report__targets_text(grille_buf *out, const struct report *r, const grille_action *action)
{
	for (size_t i = 0; i < action->for_count; i++) {
		char anchor[64];
		const char *title = report__target(r, action->for_ids[i], anchor, sizeof(anchor));
		grille_buf_printf(out, "%s%s%s%s", i ? " ; " : "", action->for_ids[i], title ? " " : "", title ? title : "");
	}
}

static int mark_cmp(const void *a, const void *b)
{
	const struct report_mark *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static void add_mark(struct report_calendar *c, enum report_mark_kind kind, const char *date, const grille_event *review,
                     const grille_action *action)
{
	int ok;
	long day = day_of(date, &ok);
	if (ok)
		c->marks[c->count] = (struct report_mark){ kind, date, day, review, action, c->count }, c->count++;
}

int report__calendar(struct report_calendar *out, const struct report *r)
{
	const grille_group *g = r->group;
	memset(out, 0, sizeof(*out));
	out->marks = calloc(g->event_count + g->action_count + 1, sizeof(*out->marks));
	if (!out->marks)
		return error__oom();
	for (size_t i = 0; i < g->event_count; i++) {
		const grille_event *e = &g->events[i];
		add_mark(out, e->kind == GRILLE_EVENT_TEST_START ? REPORT_MARK_TEST_START
		            : e->kind == GRILLE_EVENT_TEST_END ? REPORT_MARK_TEST_END : REPORT_MARK_REVIEW,
		         e->date, e->kind == GRILLE_EVENT_REVIEW ? e : NULL, NULL);
	}
	for (size_t i = 0; i < g->action_count; i++)
		if (g->actions[i].due[0] && g->actions[i].state != GRILLE_ACTION_DROPPED)
			add_mark(out, REPORT_MARK_DEADLINE, g->actions[i].due, NULL, &g->actions[i]);
	size_t dated = out->count;
	add_mark(out, REPORT_MARK_TODAY, r->today, NULL, NULL);
	qsort(out->marks, out->count, sizeof(*out->marks), mark_cmp);
	if (!dated) /* today alone is no calendar */
		out->count = 0;
	if (out->count) {
		out->first = out->marks[0].day;
		out->last = out->marks[out->count - 1].day;
	}
	/* A few days on each side, and at least four weeks shown. */
	long span = out->last - out->first, pad = span / 20 + 2;
	if (span + 2 * pad < 28)
		pad = (28 - span) / 2;
	out->first -= pad;
	out->last += pad;
	return 0;
}

void report__calendar_release(struct report_calendar *calendar)
{
	free(calendar->marks);
	memset(calendar, 0, sizeof(*calendar));
}

double report__calendar_x(const struct report_calendar *c, long day)
{
	return c->last > c->first ? (double)(day - c->first) / (double)(c->last - c->first) : 0.5;
}

size_t report__calendar_ticks(const struct report_calendar *c, long *days, size_t max)
{
	long y, m, d;
	date__to_civil(c->first, &y, &m, &d);
	long months = 0, y2, m2;
	date__to_civil(c->last, &y2, &m2, &d);
	months = (y2 - y) * 12 + (m2 - m) + 1;
	long step = max ? (months + (long)max - 1) / (long)max : 1;
	size_t n = 0;
	for (long k = 1; n < max && k <= months; k += step) {
		long mm = m - 1 + k, yy = y + mm / 12;
		long day = date__from_civil(yy, mm % 12 + 1, 1);
		if (day >= c->first && day <= c->last)
			days[n++] = day;
	}
	return n;
}

void report__mark_text(grille_buf *out, const struct report *r, const struct report_mark *m)
{
	switch (m->kind) {
	case REPORT_MARK_TEST_START: grille_buf_puts(out, W_(r->language, "Début de la phase de test")); break;
	case REPORT_MARK_TEST_END: grille_buf_puts(out, W_(r->language, "Fin de la phase de test")); break;
	case REPORT_MARK_TODAY: grille_buf_puts(out, W_(r->language, "Aujourd'hui")); break;
	case REPORT_MARK_REVIEW:
		grille_buf_printf(out, W_(r->language, "Bilan : %s (%s)"), m->review->title[0] ? m->review->title : W_(r->language, "sans titre"),
		                  report__review_label(r, m->review));
		break;
	default:
		grille_buf_printf(out, W_(r->language, "Échéance de %s : %s"), m->action->id, m->action->text);
		if (report__action_late(r, m->action))
			grille_buf_puts(out, W_(r->language, " (en retard)"));
		else if (m->action->state == GRILLE_ACTION_DONE)
			grille_buf_puts(out, W_(r->language, " (faite)"));
		break;
	}
}

void report__person(grille_buf *out, const struct report *r, const char *name, const char *email)
{
	const grille_member *m = r->group ? grille_group_member_of(r->group, name, email) : NULL;
	if (!m)
		grille_buf_puts(out, name ? name : "");
	else if (!name || !*name || strcasecmp(m->name, name) == 0)
		grille_buf_puts(out, m->name);
	else
		grille_buf_printf(out, "%s (%s)", m->name, name);
}

/* The strangers listed by name, at most: a history of thousands of authors
 * gets a short line, and each commit a short look. */
enum { STRANGERS_MAX = 20 };

/* Add `name` to the strangers named so far, once; past STRANGERS_MAX, count one more than that. */
static void stranger(grille_buf *out, size_t *count, const struct report *r, const char *name, const char *email)
{
	/* Before anyone is in membres.md, everyone would be listed: nothing is. */
	if (!name || !*name || !r->group || !r->group->member_count || grille_group_member_of(r->group, name, email))
		return;
	/* Names are few beside commits: a look through those already there is enough. */
	size_t len = strlen(name);
	for (const char *p = out->ptr; p && (p = strstr(p, name)); p += len)
		if ((p == out->ptr || (p >= out->ptr + 2 && p[-2] == ',')) && (p[len] == ',' || !p[len]))
			return;
	if (*count >= STRANGERS_MAX) {
		*count = STRANGERS_MAX + 1;
		return;
	}
	grille_buf_printf(out, "%s%s", *count ? ", " : "", name);
	++*count;
}

size_t report__strangers(grille_buf *out, const struct report *r)
{
	size_t count = 0;
	for (size_t i = 0; r->log && i < r->log->count; i++)
		stranger(out, &count, r, r->log->entries[i].author, r->log->entries[i].email);
	for (size_t s = 0; r->who && s < r->who->step_count; s++)
		for (size_t p = 0; p < r->who->steps[s].people_count; p++)
			stranger(out, &count, r, r->who->steps[s].people[p].name, r->who->steps[s].people[p].email);
	return count;
}

void report__strangers_text(grille_buf *out, const struct report *r)
{
	grille_buf names = GRILLE_BUF_INIT;
	size_t count = report__strangers(&names, r);
	if (count > STRANGERS_MAX)
		grille_buf_puts(&names, ", …");
	if (count)
		grille_buf_printf(out, WN_(r->language, "Identité sans membre : %s — à ajouter avec grille member add NOM --email …",
		                                "Identités sans membre : %s — à ajouter avec grille member add NOM --email …",
		                                count), names.ptr ? names.ptr : "");
	grille_buf_oom_from(out, &names);
	grille_buf_release(&names);
}

void report__conflict_text(grille_buf *out, const char *language, const grille_entry_conflict *c)
{
	grille_buf_printf(out, W_(language, "%s : %zu versions de « %s », à ramener à une seule ligne :"), c->file, c->count, c->key);
	for (size_t i = 0; i < c->count; i++) {
		grille_buf_puts(out, i ? " ; " : " ");
		grille_buf_printf(out, W_(language, "ligne %zu « %s »"), c->lines[i], c->texts[i]);
	}
}

const char *report__group_note_title(const char *language)
{
	return W_(language, "À régler dans les fichiers du groupe");
}
