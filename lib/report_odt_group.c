#include <string.h>

#include "intl.h"
#include "report.h"
#include "wording.h"
#include "report_odt.h"

/* The group's data in the OpenDocument report: members, the plan by
 * state, the calendar, and its dates in a table in date order. */

static void members(W w, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->member_count) {
		odt__para(w, "Text_20_body", W_(r->language, "Aucun membre n'est encore inscrit dans membres.md."));
		return;
	}
	const char *head[] = { W_(r->language, "Nom"), W_(r->language, "Rôles") };
	odt__table_start_columns(w, "MX");
	odt__row(w, head, 2, 1);
	for (size_t i = 0; i < g->member_count; i++) {
		grille_buf roles = GRILLE_BUF_INIT;
		report__join(&roles, (const char *const *)g->members[i].roles, g->members[i].role_count);
		odt__lost(w, &roles);
		const char *cells[] = { g->members[i].name, roles.ptr };
		odt__row(w, cells, 2, 0);
		grille_buf_release(&roles);
	}
	odt__end(w);
}

static void action_row(W w, const struct report *r, const grille_action *a, size_t columns)
{
	grille_buf who = GRILLE_BUF_INIT, due = GRILLE_BUF_INIT, pour = GRILLE_BUF_INIT;
	report__join(&who, (const char *const *)a->who, a->who_count);
	report__date_long(&due, r->language, a->due);
	if (report__action_late(r, a))
		grille_buf_puts(&due, W_(r->language, " (en retard)"));
	report__targets_text(&pour, r, a);
	odt__lost(w, &who);
	odt__lost(w, &due);
	odt__lost(w, &pour);
	const char *cells[] = { a->id, a->text, who.ptr, due.ptr, a->means, a->indicator, pour.ptr, a->note };
	odt__row(w, cells, columns, 0);
	grille_buf_release(&who);
	grille_buf_release(&due);
	grille_buf_release(&pour);
}

static void plan(W w, const struct report *r, int level)
{
	const grille_group *g = r->group;
	if (!g->action_count) {
		odt__para(w, "Text_20_body", W_(r->language, "Le plan d'action est encore vide (plan.md)."));
		return;
	}
	for (size_t k = 0; k < 4; k++) {
		grille_action_state state = report__plan_states[k];
		size_t count = report__plan_count(g, state), columns = state == GRILLE_ACTION_DROPPED ? 8 : 7;
		if (!count)
			continue;
		grille_buf title = GRILLE_BUF_INIT;
		grille_buf_printf(&title, "%s (%zu)", report__plan_state_title(r->language, state), count);
		odt__lost(w, &title);
		odt__heading(w, level, title.ptr, NULL);
		grille_buf_release(&title);
		const char *head[] = { W_(r->language, "N°"), W_(r->language, "Action"), W_(r->language, "Qui"), W_(r->language, "Échéance"), W_(r->language, "Moyens"), W_(r->language, "Indicateur"),
		                       W_(r->language, "Pour"), W_(r->language, "Pourquoi") };
		odt__table_start_columns(w, columns == 8 ? "NMSSSSMS" : "NMSSSSL");
		odt__row(w, head, columns, 1);
		for (size_t i = 0; i < g->action_count; i++)
			if (g->actions[i].state == state)
				action_row(w, r, &g->actions[i], columns);
		odt__end(w);
	}
	if (!report__decision_count(g))
		return;
	odt__heading(w, level, report__decisions_title(r->language), NULL);
	for (size_t i = 0; i < g->action_count; i++) {
		if (g->actions[i].decision == GRILLE_DECISION_NONE)
			continue;
		grille_buf text = GRILLE_BUF_INIT;
		report__decision_text(&text, r->language, &g->actions[i]);
		odt__lost(w, &text);
		odt__para(w, "Text_20_body", text.ptr ? text.ptr : "");
		grille_buf_release(&text);
	}
}

static void reviews(W w, const struct report *r)
{
	const grille_group *g = r->group;
	if (!report__review_count(g)) {
		odt__para(w, "Text_20_body", W_(r->language, "Aucune date de bilan n'est encore fixée."));
		return;
	}
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Bilan"), W_(r->language, "État") };
	odt__table_start_columns(w, "MXS");
	odt__row(w, head, 3, 1);
	for (size_t i = 0; i < g->event_count; i++) {
		const grille_event *rv = &g->events[i];
		if (rv->kind != GRILLE_EVENT_REVIEW)
			continue;
		grille_buf date = GRILLE_BUF_INIT;
		report__date_long(&date, r->language, rv->date);
		odt__lost(w, &date);
		const char *cells[] = { date.ptr, rv->title, report__review_label(r, rv) };
		odt__row(w, cells, 3, 0);
		grille_buf_release(&date);
	}
	odt__end(w);
}

void report_odt__data(W w, const struct report *r, enum report_data kind, int level)
{
	grille_buf phase = GRILLE_BUF_INIT;
	switch (kind) {
	case REPORT_DATA_MEMBERS: members(w, r); break;
	case REPORT_DATA_PLAN: plan(w, r, level); break;
	case REPORT_DATA_REVIEWS: reviews(w, r); break;
	case REPORT_DATA_TEST_PHASE:
		report__test_phase_text(&phase, r->language, r->group);
		odt__lost(w, &phase);
		odt__para(w, "Text_20_body", phase.ptr);
		grille_buf_release(&phase);
		break;
	}
}

/* The timeline as a table: each date of the calendar, in order. */
static void dates_table(W w, const struct report *r)
{
	struct report_calendar c;
	if (report__calendar(&c, r) < 0) {
		odt__no_memory(w);
		return;
	}
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Quoi") };
	if (c.count) {
		odt__heading(w, 3, W_(r->language, "Les dates du calendrier, dans l'ordre"), NULL);
		odt__table_start_columns(w, "MX");
		odt__row(w, head, 2, 1);
	}
	for (size_t i = 0; i < c.count; i++) {
		grille_buf date = GRILLE_BUF_INIT, what = GRILLE_BUF_INIT;
		report__date_long(&date, r->language, c.marks[i].date);
		report__mark_text(&what, r, &c.marks[i]);
		odt__lost(w, &date);
		odt__lost(w, &what);
		const char *cells[] = { date.ptr, what.ptr };
		odt__row(w, cells, 2, 0);
		grille_buf_release(&date);
		grille_buf_release(&what);
	}
	if (c.count)
		odt__end(w);
	report__calendar_release(&c);
}

static void group_note(W w, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->conflict_count && !g->problem_count)
		return;
	odt__heading(w, 3, report__group_note_title(r->language), NULL);
	for (size_t i = 0; i < g->conflict_count; i++) {
		grille_buf line = GRILLE_BUF_INIT;
		report__conflict_text(&line, r->language, &g->conflicts[i]);
		odt__lost(w, &line);
		odt__para(w, "Text_20_body", line.ptr);
		grille_buf_release(&line);
	}
	for (size_t i = 0; i < g->problem_count; i++)
		odt__para(w, "Text_20_body", g->problems[i]);
}

void report_odt__group(W w, const struct report *r)
{
	odt__heading_marked(w, 2, W_(r->language, "Membres et rôles"), "Step", ODT_MARK_MEMBERS);
	group_note(w, r);
	report_odt__data(w, r, REPORT_DATA_MEMBERS, 3);
	odt__heading_marked(w, 2, W_(r->language, "Plan d'action"), NULL, ODT_MARK_PLAN);
	report_odt__data(w, r, REPORT_DATA_PLAN, 3);
	odt__heading_marked(w, 2, W_(r->language, "Calendrier"), NULL, ODT_MARK_CALENDAR);
	report_odt__data(w, r, REPORT_DATA_TEST_PHASE, 3);
	report_odt__data(w, r, REPORT_DATA_REVIEWS, 3);
	dates_table(w, r);
}

void report_odt__strangers(W w, const struct report *r)
{
	grille_buf line = GRILLE_BUF_INIT;
	report__strangers_text(&line, r);
	odt__lost(w, &line);
	if (line.len)
		odt__para(w, "Text_20_body", line.ptr);
	grille_buf_release(&line);
}
