/* What status reminds the group of (lib/reminders.c), from hand-built groups:
 * the test phase, the reviews, late and coming actions per member; and the
 * day counts under them (lib/date.c). */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/reminders.h"
#include "date.h"
#include "tap.h"

static long days(const char *from, const char *to)
{
	long n = 12345;
	return date__days_between(&n, from, to) == 0 ? n : 12345;
}

static void day_counts(void)
{
	long n;
	ok(date__day_number(&n, "1970-01-01") == 0 && n == 0, "1970-01-01 is day 0");
	ok(date__day_number(&n, "2000-03-01") == 0 && n == 11017, "2000-03-01 is day 11017 (got %ld)", n);
	ok(date__day_number(&n, "9999-12-31") == 0 && n == 2932896, "9999-12-31 (got %ld)", n);
	ok(date__day_number(&n, "1000-01-01") == 0 && n == -354285, "1000-01-01, before 1970 (got %ld)", n);
	ok(days("2024-02-28", "2024-03-01") == 2, "2024 is a leap year: 29 February between");
	ok(days("2023-02-28", "2023-03-01") == 1, "2023 is not");
	ok(days("2000-02-28", "2000-03-01") == 2, "2000 is (divisible by 400)");
	ok(days("1900-02-28", "1900-03-01") == 1, "1900 is not (divisible by 100)");
	ok(days("2026-01-31", "2026-02-01") == 1 && days("2026-04-30", "2026-05-01") == 1, "month ends");
	ok(days("2026-12-31", "2027-01-01") == 1, "year end");
	ok(days("2027-01-01", "2026-12-31") == -1, "backwards is negative");
	ok(days("2024-01-01", "2025-01-01") == 366 && days("2025-01-01", "2026-01-01") == 365, "year lengths");
	/* Every day of four years follows the one before it. */
	int months[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }, steady = 1;
	long prev = 0;
	date__day_number(&prev, "2023-12-31");
	for (int y = 2024; y < 2028; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= months[m - 1] - (m == 2 && y % 4 != 0); d++) {
				char iso[48];
				snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d);
				steady &= date__day_number(&n, iso) == 0 && n == prev + 1;
				prev = n;
			}
	ok(steady, "each day of 2024 to 2027 is the day before's number plus one");
	ok(date__day_number(&n, "2027-02-29") < 0 && date__day_number(&n, "2026-13-01") < 0 &&
	   date__day_number(&n, "") < 0 && date__day_number(&n, NULL) < 0 && date__day_number(&n, "2026-1-01") < 0,
	   "dates that do not exist are refused");
}

static grille_event event(grille_event_kind kind, const char *date, const char *title, int done, size_t line)
{
	grille_event e = { kind, "", (char *)title, done, line };
	snprintf(e.date, sizeof(e.date), "%s", date);
	return e;
}

/* A group with only a test phase (NULL: no such date). */
static grille_phase_position phase_on(const char *start, const char *end, const char *today)
{
	grille_group g = { 0 };
	g.test_start = start ? start : "";
	g.test_end = end ? end : "";
	grille_reminders *r = NULL;
	grille_phase_position p = { 0 };
	if (grille_reminders_compute(&r, &g, today) == 0)
		p = r->phase;
	else
		p.phase = (grille_phase)-1;
	grille_reminders_free(r);
	return p;
}

static void phases(void)
{
	grille_phase_position p = phase_on(NULL, NULL, "2026-12-01");
	ok(p.phase == GRILLE_PHASE_NONE && !p.start[0], "no test phase");
	p = phase_on("2026-12-02", "2027-01-31", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_BEFORE && p.days == 1 && p.length == 61, "it starts tomorrow (1 day), 61 days long");
	p = phase_on("2027-01-10", "2027-03-10", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_BEFORE && p.days == 40, "it starts in 40 days (got %ld)", p.days);
	p = phase_on("2026-12-01", "2026-12-30", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 1 && p.length == 30, "its first day is day 1 of 30");
	p = phase_on("2026-11-20", "2027-01-18", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 12 && p.length == 60, "day 12 of 60 (got %ld of %ld)", p.day,
	   p.length);
	p = phase_on("2026-12-01", "2026-12-30", "2026-12-30");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 30 && p.length == 30, "its last day is day 30 of 30");
	p = phase_on("2026-12-01", "2026-12-30", "2026-12-31");
	ok(p.phase == GRILLE_PHASE_OVER && p.days == 1, "the day after, it ended 1 day ago");
	p = phase_on("2026-10-01", "2026-10-31", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_OVER && p.days == 31 && !strcmp(p.end, "2026-10-31"), "over for 31 days");
	p = phase_on("2028-02-27", "2028-03-02", "2028-03-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 4 && p.length == 5, "across 29 February 2028: day 4 of 5");
	p = phase_on("2027-02-27", "2027-03-02", "2027-03-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 3 && p.length == 4, "across February 2027: day 3 of 4");
	p = phase_on("2026-11-20", NULL, "2026-12-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.day == 12 && p.length == 0 && !p.end[0], "no end: day 12, length unknown");
	p = phase_on("2026-11-20", "2026-11-10", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_DURING && p.length == 0 && !p.end[0], "an end before the start is no end");
	p = phase_on("2026-02-30", "2026-03-10", "2026-12-01");
	ok(p.phase == GRILLE_PHASE_NONE, "a start that does not exist is no phase");
	p = phase_on(NULL, NULL, "2026-02-30");
	ok((int)p.phase == -1 && grille_error_last_code() == GRILLE_EARGUMENT, "a today that does not exist is refused");
}

static void reviews(void)
{
	grille_event events[] = {
		event(GRILLE_EVENT_TEST_START, "2026-11-20", "", 0, 7),
		event(GRILLE_EVENT_REVIEW, "2027-01-15", "Bilan final", 0, 8),
		event(GRILLE_EVENT_REVIEW, "2026-11-15", "Bilan d'étape", 0, 9),
		event(GRILLE_EVENT_REVIEW, "2026-11-25", "Tenu", 1, 10),
		event(GRILLE_EVENT_REVIEW, "2026-12-01", "Aujourd'hui", 0, 11),
		event(GRILLE_EVENT_REVIEW, "2026-11-30", "Hier", 0, 12),
		event(GRILLE_EVENT_TEST_END, "2027-01-18", "", 0, 13),
	};
	grille_group g = { .events = events, .event_count = 7, .test_start = "2026-11-20", .test_end = "2027-01-18" };
	grille_reminders *r = NULL;
	if (!ok(grille_reminders_compute(&r, &g, "2026-12-01") == 0, "reminders of a calendar"))
		return;
	ok(!strcmp(r->next_review.date, "2026-12-01") && r->next_review.days == 0 &&
	   !strcmp(r->next_review.title, "Aujourd'hui") && r->next_review.line == 11,
	   "a review today is the next one, in 0 days (not overdue)");
	ok(r->overdue_review_count == 2, "two overdue reviews; the one held is not");
	if (r->overdue_review_count == 2)
		ok(!strcmp(r->overdue_reviews[0].date, "2026-11-15") && r->overdue_reviews[0].days == -16 &&
		   !strcmp(r->overdue_reviews[1].date, "2026-11-30") && r->overdue_reviews[1].days == -1,
		   "overdue in the calendar's order, days counted back");
	grille_reminders_free(r);
	ok(grille_reminders_compute(&r, &g, "2026-12-02") == 0 && !strcmp(r->next_review.date, "2027-01-15") &&
	   r->next_review.days == 44 && r->overdue_review_count == 3, "the day after: the next is in 44 days");
	grille_reminders_free(r);
	ok(grille_reminders_compute(&r, &g, "2027-02-01") == 0 && !r->next_review.date[0] && !r->next_review.title,
	   "after every review: none next");
	grille_reminders_free(r);
}

static grille_action action(const char *id, const char *text, char **who, size_t who_count, const char *due,
                            grille_action_state state, size_t line)
{
	grille_action a = { 0 };
	snprintf(a.id, sizeof(a.id), "%s", id);
	a.text = (char *)text;
	a.who = who;
	a.who_count = who_count;
	snprintf(a.due, sizeof(a.due), "%s", due);
	a.state = state;
	a.line = line;
	return a;
}

static const char *ids(const grille_reminders *r, const grille_owner_reminders *o)
{
	static char list[256];
	list[0] = '\0';
	size_t count = o ? o->count : r->action_count;
	for (size_t i = 0; i < count; i++) {
		strcat(list, i ? " " : "");
		strcat(list, r->actions[o ? o->actions[i] : i].id);
	}
	return list;
}

static void actions(void)
{
	char *awa[] = { "Awa Diallo" }, *both[] = { "awa diallo ", "Léo Martin", "Awa Diallo" }, *leo[] = { "LÉO MARTIN" };
	char *zoe[] = { "Zoé" };
	grille_member members[] = {
		{ .name = "Léo Martin", .email = "", .identity = "" },
		{ .name = "Awa Diallo", .email = "awa@example.org", .identity = "" },
		{ .name = "Camille", .email = "", .identity = "" },
	};
	grille_action plan[] = {
		action("A1", "En retard", awa, 1, "2026-11-20", GRILLE_ACTION_TODO, 7),
		action("A2", "Ensemble", both, 3, "2026-12-04", GRILLE_ACTION_DOING, 8),
		action("A3", "Aujourd'hui", NULL, 0, "2026-12-01", GRILLE_ACTION_TODO, 9),
		action("A4", "Dans 14 jours", leo, 1, "2026-12-15", GRILLE_ACTION_TODO, 10),
		action("A5", "Dans 15 jours", awa, 1, "2026-12-16", GRILLE_ACTION_TODO, 11),
		action("A6", "Sans date", awa, 1, "", GRILLE_ACTION_TODO, 12),
		action("A7", "Fait", awa, 1, "2026-11-01", GRILLE_ACTION_DONE, 13),
		action("A8", "Abandonnée", awa, 1, "2026-11-01", GRILLE_ACTION_DROPPED, 14),
		action("A9", "Hier", zoe, 1, "2026-11-30", GRILLE_ACTION_TODO, 15),
		action("A2", "Ensemble, l'autre version", leo, 1, "2026-11-02", GRILLE_ACTION_DOING, 16),
		action("A10", "Bien plus tôt", NULL, 0, "2026-01-01", GRILLE_ACTION_TODO, 17),
	};
	grille_group g = { .members = members, .member_count = 3, .actions = plan, .action_count = 11,
	                   .test_start = "", .test_end = "" };
	grille_reminders *r = NULL;
	if (!ok(grille_reminders_compute(&r, &g, "2026-12-01") == 0, "reminders of a plan"))
		return;
	is_str(ids(r, NULL), "A10 A1 A9 A3 A2 A4 A5 A6",
	       "open actions: late oldest first, then soonest first, then without deadline; one row of a conflict");
	ok(r->counts[GRILLE_DUE_LATE] == 3 && r->counts[GRILLE_DUE_SOON] == 3 && r->counts[GRILLE_DUE_LATER] == 1 &&
	   r->counts[GRILLE_DUE_NONE] == 1, "3 late, 3 within 14 days (today and the 14th included), 1 later, 1 undated");
	const grille_action_reminder *a2 = &r->actions[4];
	ok(!strcmp(a2->id, "A2") && a2->days == 3 && a2->when == GRILLE_DUE_SOON && a2->state == GRILLE_ACTION_DOING &&
	   a2->who_count == 3 && !strcmp(a2->text, "Ensemble") && a2->line == 8, "A2 as its first row gives it");
	ok(r->actions[0].days == -334 && r->actions[0].when == GRILLE_DUE_LATE, "A10 is 334 days late");
	ok(r->actions[3].days == 0 && r->actions[3].when == GRILLE_DUE_SOON, "due today is due soon, not late");
	ok(r->actions[7].days == 0 && !r->actions[7].due[0], "no deadline: no days");
	if (ok(r->owner_count == 4, "four owners: two members, a name no member has, nobody (got %zu)", r->owner_count)) {
		ok(!strcmp(r->owners[0].name, "Léo Martin") && r->owners[0].member, "members in membres.md's order");
		is_str(ids(r, &r->owners[0]), "A2 A4", "Léo: A2 (named in capitals) and A4");
		ok(!strcmp(r->owners[1].name, "Awa Diallo"), "then Awa");
		is_str(ids(r, &r->owners[1]), "A1 A2 A5 A6", "Awa: named twice by A2, listed once");
		ok(r->owners[1].counts[GRILLE_DUE_LATE] == 1 && r->owners[1].counts[GRILLE_DUE_SOON] == 1 &&
		   r->owners[1].counts[GRILLE_DUE_LATER] == 1 && r->owners[1].counts[GRILLE_DUE_NONE] == 1, "Awa's counts");
		ok(!strcmp(r->owners[2].name, "Zoé") && !r->owners[2].member, "a name only the plan gives");
		ok(!r->owners[3].name && !r->owners[3].member, "no owner comes last");
		is_str(ids(r, &r->owners[3]), "A10 A3", "sans responsable: A10 and A3");
	}
	ok(grille_reminders_owner(r, " awa DIALLO") == &r->owners[1], "an owner by name, any case");
	ok(grille_reminders_owner(r, NULL) == &r->owners[3], "the actions without owner");
	ok(!grille_reminders_owner(r, "Camille"), "a member with nothing to do has no entry");

	grille_buf out = GRILLE_BUF_INIT;
	ok(grille_reminders_plate_json(&out, r, &members[1]) == 0, "Awa's plate as JSON");
	contains(out.ptr, "\"email\": \"awa@example.org\"", "her e-mail");
	contains(out.ptr, "\"late\": [\n    {\n      \"id\": \"A1\"", "her late action");
	contains(out.ptr, "\"no_deadline\": [\n    {\n      \"id\": \"A6\"", "her action without deadline");
	contains(out.ptr, "\"due_in\": -11", "days late, negative");
	grille_buf_clear(&out);
	ok(grille_reminders_plate_json(&out, r, &members[2]) == 0, "an empty plate");
	contains(out.ptr, "\"late\": [],", "nothing late");
	grille_buf_release(&out);
	grille_reminders_free(r);
}

static void files(void)
{
	size_t lines[] = { 8, 16 };
	char *texts[] = { "| A2 | un |", "| A2 | deux |" };
	grille_entry_conflict conflict = { "plan.md", "A2", 2, lines, texts };
	const char *problems[] = { "plan.md:9: l'état « fini » n'est pas connu" };
	grille_group g = { .conflicts = &conflict, .conflict_count = 1, .problems = problems, .problem_count = 1,
	                   .test_start = "", .test_end = "" };
	grille_reminders *r = NULL;
	if (!ok(grille_reminders_compute(&r, &g, NULL) == 0, "reminders for today"))
		return;
	ok(grille_date_valid(r->today), "today is the local date when none is given");
	ok(r->conflict_count == 1 && !strcmp(r->conflicts[0].file, "plan.md") && !strcmp(r->conflicts[0].key, "A2") &&
	   r->conflicts[0].count == 2 && r->conflicts[0].lines[1] == 16 && !strcmp(r->conflicts[0].texts[1], texts[1]) &&
	   r->conflicts[0].texts[1] != texts[1], "a conflict, copied");
	ok(r->problem_count == 1 && !strcmp(r->problems[0], problems[0]), "a problem, copied");
	ok(!r->action_count && !r->owner_count && !r->overdue_review_count, "nothing else");
	grille_reminders_free(r);
}

int main(void)
{
	day_counts();
	phases();
	reviews();
	actions();
	files();
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}
