#include <stdio.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "report.h"
#include "wording.h"
#include "report_html.h"

/* The group's data in the HTML report: members, plan, calendar and its
 * timeline drawn in inline SVG, with the same facts in a table beside it. */

static void paragraph(grille_buf *out, const char *css, const char *s)
{
	grille_buf_printf(out, css ? "<p class=\"%s\">" : "<p>", css);
	html__text(out, s);
	grille_buf_puts(out, "</p>\n");
}

/* `piece` as a paragraph, then emptied. */
static void paragraph_of(grille_buf *out, const char *css, grille_buf *piece)
{
	grille_buf_oom_from(out, piece);
	paragraph(out, css, piece->ptr);
	grille_buf_release(piece);
}

static void members(grille_buf *out, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->member_count) {
		paragraph(out, NULL, W_(r->language, "Aucun membre n'est encore inscrit dans membres.md."));
		return;
	}
	const char *labels[] = { W_(r->language, "Nom"), W_(r->language, "Rôles") };
	html__table_head(out, NULL, labels, 2);
	for (size_t i = 0; i < g->member_count; i++) {
		grille_buf roles = GRILLE_BUF_INIT;
		report__join(&roles, (const char *const *)g->members[i].roles, g->members[i].role_count);
		grille_buf_puts(out, "<tr><td>");
		html__text(out, g->members[i].name);
		grille_buf_puts(out, "</td><td>");
		html__text(out, roles.ptr);
		grille_buf_puts(out, "</td></tr>\n");
		grille_buf_oom_from(out, &roles);
		grille_buf_release(&roles);
	}
	grille_buf_puts(out, "</tbody>\n</table>\n");
}

/* The grid IDs an action answers, each a link to where the report shows it. */
static void targets(grille_buf *out, const struct report *r, const grille_action *a)
{
	for (size_t i = 0; i < a->for_count; i++) {
		char anchor[64];
		const char *title = report__target(r, a->for_ids[i], anchor, sizeof(anchor));
		grille_buf_puts(out, i ? "<br>" : "");
		int linked = r->serve_links ? title != NULL : anchor[0] != '\0';
		if (linked && r->serve_links) {
			/* grille serve shows every item and question of a step on the step's page. */
			char step[sizeof(anchor)];
			snprintf(step, sizeof(step), "%.*s", (int)strcspn(a->for_ids[i], "."), a->for_ids[i]);
			grille_buf_puts(out, "<a href=\"/?step=");
			html__text(out, step);
			grille_buf_puts(out, "#");
			html__anchor(out, grille_id_kind(a->for_ids[i]) == 1 ? "i-" : "q-", a->for_ids[i]);
			grille_buf_puts(out, "\">");
		} else if (linked) {
			grille_buf_puts(out, "<a href=\"#");
			html__text(out, anchor);
			grille_buf_puts(out, "\">");
		}
		html__text(out, a->for_ids[i]);
		grille_buf_puts(out, linked ? "</a>" : "");
		if (title) {
			grille_buf_puts(out, " ");
			html__text(out, title);
		}
	}
}

static void cell(grille_buf *out, const char *s)
{
	grille_buf_puts(out, "<td>");
	html__text(out, s);
	grille_buf_puts(out, "</td>");
}

/* A date in words in a cell that never breaks it. */
static void date_cell(grille_buf *out, const char *s)
{
	grille_buf_puts(out, "<td class=\"date\">");
	html__text(out, s);
	grille_buf_puts(out, "</td>");
}

static void action_row(grille_buf *out, const struct report *r, const grille_action *a)
{
	grille_buf who = GRILLE_BUF_INIT, due = GRILLE_BUF_INIT;
	report__join(&who, (const char *const *)a->who, a->who_count);
	report__date_long(&due, r->language, a->due);
	int late = report__action_late(r, a);
	if (late)
		grille_buf_puts(&due, W_(r->language, " (en retard)"));
	grille_buf_puts(out, "<tr><th scope=\"row\">");
	html__text(out, a->id);
	grille_buf_puts(out, "</th>");
	cell(out, a->text);
	cell(out, who.ptr);
	grille_buf_puts(out, late ? "<td class=\"date late\">" : "<td class=\"date\">");
	html__text(out, due.ptr);
	grille_buf_puts(out, "</td>");
	cell(out, a->means);
	cell(out, a->indicator);
	grille_buf_puts(out, "<td>");
	targets(out, r, a);
	grille_buf_puts(out, "</td>");
	if (a->state == GRILLE_ACTION_DROPPED)
		cell(out, a->note);
	grille_buf_puts(out, "</tr>\n");
	grille_buf_oom_from(out, &who);
	grille_buf_oom_from(out, &due);
	grille_buf_release(&who);
	grille_buf_release(&due);
}

/* What the review decided for each action it decided on: keep, adjust, drop. */
static void decisions(grille_buf *out, const char *language, const grille_group *g)
{
	if (!report__decision_count(g))
		return;
	grille_buf_puts(out, "<h3>");
	html__text(out, report__decisions_title(language));
	grille_buf_puts(out, "</h3>\n<ul class=\"decisions\">\n");
	for (size_t i = 0; i < g->action_count; i++) {
		if (g->actions[i].decision == GRILLE_DECISION_NONE)
			continue;
		grille_buf text = GRILLE_BUF_INIT;
		report__decision_text(&text, language, &g->actions[i]);
		grille_buf_puts(out, "<li>");
		html__text(out, text.ptr ? text.ptr : "");
		grille_buf_puts(out, "</li>\n");
		grille_buf_oom_from(out, &text);
		grille_buf_release(&text);
	}
	grille_buf_puts(out, "</ul>\n");
}

/* One table per state, in the order of report__plan_states, each with its caption. */
static void plan(grille_buf *out, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->action_count) {
		paragraph(out, NULL, W_(r->language, "Le plan d'action est encore vide (plan.md)."));
		return;
	}
	for (size_t k = 0; k < 4; k++) {
		grille_action_state state = report__plan_states[k];
		size_t count = report__plan_count(g, state);
		if (!count)
			continue;
		const char *labels[] = { W_(r->language, "N°"), W_(r->language, "Action"), W_(r->language, "Qui"), W_(r->language, "Échéance"), W_(r->language, "Moyens"), W_(r->language, "Indicateur"),
		                         W_(r->language, "Pour"), W_(r->language, "Pourquoi") };
		grille_buf caption = GRILLE_BUF_INIT;
		grille_buf_printf(&caption, "%s (%zu)", report__plan_state_title(r->language, state), count);
		html__table_head(out, caption.ptr, labels, state == GRILLE_ACTION_DROPPED ? 8 : 7);
		grille_buf_oom_from(out, &caption);
		grille_buf_release(&caption);
		for (size_t i = 0; i < g->action_count; i++)
			if (g->actions[i].state == state)
				action_row(out, r, &g->actions[i]);
		grille_buf_puts(out, "</tbody>\n</table>\n");
	}
	decisions(out, r->language, g);
}

static void reviews(grille_buf *out, const struct report *r)
{
	const grille_group *g = r->group;
	if (!report__review_count(g)) {
		paragraph(out, NULL, W_(r->language, "Aucune date de bilan n'est encore fixée."));
		return;
	}
	const char *labels[] = { W_(r->language, "Date"), W_(r->language, "Bilan"), W_(r->language, "État") };
	html__table_head(out, NULL, labels, 3);
	for (size_t i = 0; i < g->event_count; i++) {
		const grille_event *rv = &g->events[i];
		if (rv->kind != GRILLE_EVENT_REVIEW)
			continue;
		grille_buf date = GRILLE_BUF_INIT;
		report__date_long(&date, r->language, rv->date);
		grille_buf_puts(out, "<tr>");
		date_cell(out, date.ptr);
		cell(out, rv->title);
		grille_buf_puts(out, strcmp(report__review_state(r, rv), "overdue") == 0 ? "<td class=\"late\">" : "<td>");
		html__text(out, report__review_label(r, rv));
		grille_buf_puts(out, "</td></tr>\n");
		grille_buf_oom_from(out, &date);
		grille_buf_release(&date);
	}
	grille_buf_puts(out, "</tbody>\n</table>\n");
}

void report_html__data(grille_buf *out, const struct report *r, enum report_data kind)
{
	grille_buf phase = GRILLE_BUF_INIT;
	switch (kind) {
	case REPORT_DATA_MEMBERS: members(out, r); break;
	case REPORT_DATA_PLAN: plan(out, r); break;
	case REPORT_DATA_REVIEWS: reviews(out, r); break;
	case REPORT_DATA_TEST_PHASE:
		report__test_phase_text(&phase, r->language, r->group);
		paragraph_of(out, NULL, &phase);
		break;
	}
}

/* The timeline's drawing: the axis from LEFT to LEFT + AXIS, at y BASE. */
enum { WIDTH = 680, LEFT = 24, AXIS = 632, BASE = 120, HEIGHT = 176 };

static double x_of(const struct report_calendar *c, long day)
{
	return LEFT + report__calendar_x(c, day) * AXIS;
}

/* A shape's tooltip: the mark in words. */
static void mark_title(grille_buf *out, const struct report *r, const struct report_mark *m)
{
	grille_buf what = GRILLE_BUF_INIT;
	report__date_long(&what, r->language, m->date);
	grille_buf_puts(&what, " — ");
	report__mark_text(&what, r, m);
	grille_buf_puts(out, "<title>");
	html__text(out, what.ptr);
	grille_buf_puts(out, "</title>");
	grille_buf_oom_from(out, &what);
	grille_buf_release(&what);
}

static void label(grille_buf *out, double x, int y, const char *anchor, const char *s)
{
	x = x < LEFT ? LEFT : x > LEFT + AXIS ? LEFT + AXIS : x;
	grille_buf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
	html__text(out, s);
	grille_buf_puts(out, "</text>\n");
}

static void test_band(grille_buf *out, const char *language, const struct report_calendar *c)
{
	const struct report_mark *start = NULL, *end = NULL;
	for (size_t i = 0; i < c->count; i++) {
		start = c->marks[i].kind == REPORT_MARK_TEST_START && !start ? &c->marks[i] : start;
		end = c->marks[i].kind == REPORT_MARK_TEST_END ? &c->marks[i] : end;
	}
	if (!start || !end || end->day < start->day)
		return;
	double x1 = x_of(c, start->day), x2 = x_of(c, end->day);
	grille_buf_printf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#dcefe5\" stroke=\"#2e7d5b\"/>\n",
	                  x1, BASE - 60, x2 - x1, 60);
	if (x2 - x1 > 90)
		label(out, x1 + 4, BASE - 46, "start", W_(language, "phase de test"));
}

static void marks(grille_buf *out, const struct report *r, const struct report_calendar *c)
{
	size_t deadlines = 0;
	for (size_t i = 0; i < c->count; i++) {
		const struct report_mark *m = &c->marks[i];
		double x = x_of(c, m->day);
		if (m->kind == REPORT_MARK_REVIEW) {
			const char *state = report__review_state(r, m->review);
			grille_buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f5f99\"/>\n"
			                  "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\">", x, BASE - 84, x, BASE, x, BASE - 84,
			                  strcmp(state, "done") == 0 ? "#2e7d5b" : strcmp(state, "overdue") == 0 ? "#b3261e" : "#1f5f99");
			mark_title(out, r, m);
			grille_buf_puts(out, "</circle>\n");
			label(out, x, BASE - 94, "middle", W_(r->language, "bilan"));
		} else if (m->kind == REPORT_MARK_DEADLINE) {
			int late = report__action_late(r, m->action), done = m->action->state == GRILLE_ACTION_DONE;
			int y = BASE - 24 - (int)(deadlines++ % 2) * 14; /* neighbours on two rows */
			grille_buf_printf(out, "<rect x=\"%.1f\" y=\"%d\" width=\"9\" height=\"9\" fill=\"%s\">", x - 4.5, y,
			                  late ? "#b3261e" : done ? "#2e7d5b" : "#e0a100");
			mark_title(out, r, m);
			grille_buf_puts(out, "</rect>\n");
			label(out, x + 7, y + 8, "start", m->action->id);
		} else if (m->kind == REPORT_MARK_TODAY) {
			grille_buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#b3261e\" "
			                  "stroke-width=\"2\" stroke-dasharray=\"4 3\">", x, BASE - 104, x, BASE + 6);
			mark_title(out, r, m);
			grille_buf_puts(out, "</line>\n");
			label(out, x, BASE - 106, "middle", W_(r->language, "aujourd'hui"));
		}
	}
}

static void axis(grille_buf *out, const char *language, const struct report_calendar *c)
{
	long days[12];
	size_t n = report__calendar_ticks(c, days, 12);
	grille_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>\n", LEFT, BASE, LEFT + AXIS, BASE);
	for (size_t i = 0; i < n; i++) {
		double x = x_of(c, days[i]);
		grille_buf tick = GRILLE_BUF_INIT;
		/* The year on the first label, and where it changes. */
		report__day_short(&tick, language, days[i], i == 0 || !report__same_year(days[i - 1], days[i]));
		grille_buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"/>\n", x, BASE, x, BASE + 5);
		label(out, x, BASE + 18, "middle", tick.ptr);
		grille_buf_oom_from(out, &tick);
		grille_buf_release(&tick);
	}
}

static void legend(grille_buf *out, const char *language)
{
	int y = HEIGHT - 14;
	grille_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"18\" height=\"10\" fill=\"#dcefe5\" stroke=\"#2e7d5b\"/>\n", LEFT, y);
	label(out, LEFT + 24, y + 9, "start", W_(language, "phase de test"));
	grille_buf_printf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"#1f5f99\"/>\n", LEFT + 150, y + 5);
	label(out, LEFT + 160, y + 9, "start", W_(language, "bilan"));
	grille_buf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"9\" height=\"9\" fill=\"#e0a100\"/>\n", LEFT + 240, y);
	label(out, LEFT + 254, y + 9, "start", W_(language, "échéance d'une action (rouge : en retard)"));
	grille_buf_printf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#b3261e\" stroke-width=\"2\" "
	                  "stroke-dasharray=\"4 3\"/>\n", LEFT + 530, y - 2, LEFT + 530, y + 12);
	label(out, LEFT + 538, y + 9, "start", W_(language, "aujourd'hui"));
}

/* The same dates as the drawing, in a table, for those who do not see it. */
static void dates_table(grille_buf *out, const struct report *r, const struct report_calendar *c)
{
	const char *labels[] = { W_(r->language, "Date"), W_(r->language, "Quoi") };
	html__table_head(out, W_(r->language, "Les dates du calendrier, dans l'ordre"), labels, 2);
	for (size_t i = 0; i < c->count; i++) {
		grille_buf date = GRILLE_BUF_INIT, what = GRILLE_BUF_INIT;
		report__date_long(&date, r->language, c->marks[i].date);
		report__mark_text(&what, r, &c->marks[i]);
		grille_buf_puts(out, "<tr>");
		date_cell(out, date.ptr);
		cell(out, what.ptr);
		grille_buf_puts(out, "</tr>\n");
		grille_buf_oom_from(out, &date);
		grille_buf_oom_from(out, &what);
		grille_buf_release(&date);
		grille_buf_release(&what);
	}
	grille_buf_puts(out, "</tbody>\n</table>\n");
}

static int timeline(grille_buf *out, const struct report *r)
{
	struct report_calendar c;
	int error = report__calendar(&c, r);
	if (error || !c.count) {
		report__calendar_release(&c);
		return error;
	}
	const char *title = W_(r->language, "Frise du calendrier : la phase de test, les bilans, les échéances des actions et aujourd'hui");
	grille_buf_puts(out, "<figure class=\"with-table\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
	html__text(out, title);
	grille_buf_printf(out, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>", WIDTH, HEIGHT, WIDTH, HEIGHT);
	html__text(out, title);
	grille_buf_puts(out, "</title>\n<desc>");
	html__text(out, W_(r->language, "Les mêmes dates sont dans le tableau qui suit."));
	grille_buf_puts(out, "</desc>\n");
	test_band(out, r->language, &c);
	axis(out, r->language, &c);
	marks(out, r, &c);
	legend(out, r->language);
	grille_buf_puts(out, "</svg>\n<figcaption>");
	html__text(out, W_(r->language, "La phase de test en vert, les bilans en bleu (vert quand ils sont faits, rouge quand leur date "
	                  "est passée), les échéances des actions en carrés, aujourd'hui en pointillés rouges."));
	grille_buf_puts(out, "</figcaption>\n</figure>\n");
	dates_table(out, r, &c);
	report__calendar_release(&c);
	return 0;
}

/* A visible note when the group's files hold two versions of an entry, or rows grille could not read. */
static void group_note(grille_buf *out, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->conflict_count && !g->problem_count)
		return;
	grille_buf_puts(out, "<div class=\"warn\" role=\"note\">\n<p><strong>");
	html__text(out, report__group_note_title(r->language));
	grille_buf_puts(out, "</strong></p>\n<ul>\n");
	for (size_t i = 0; i < g->conflict_count; i++) {
		grille_buf line = GRILLE_BUF_INIT;
		report__conflict_text(&line, r->language, &g->conflicts[i]);
		grille_buf_puts(out, "<li>");
		html__text(out, line.ptr);
		grille_buf_puts(out, "</li>\n");
		grille_buf_oom_from(out, &line);
		grille_buf_release(&line);
	}
	for (size_t i = 0; i < g->problem_count; i++) {
		grille_buf_puts(out, "<li>");
		html__text(out, g->problems[i]);
		grille_buf_puts(out, "</li>\n");
	}
	grille_buf_puts(out, "</ul>\n</div>\n");
}

static void section_start(grille_buf *out, const char *id, const char *title)
{
	grille_buf_printf(out, "<section id=\"%s\">\n<h2>", id);
	html__text(out, title);
	grille_buf_puts(out, "</h2>\n");
}

/* The section `id` ends, after what grille serve adds to it. */
static void section_end(grille_buf *out, const struct report *r, const char *id)
{
	if (r->section_tail)
		r->section_tail(out, r, id, r->section_tail_ctx);
	grille_buf_puts(out, "</section>\n");
}

int report_html__group(grille_buf *out, const struct report *r)
{
	section_start(out, "membres", W_(r->language, "Membres et rôles"));
	group_note(out, r);
	report_html__data(out, r, REPORT_DATA_MEMBERS);
	section_end(out, r, "membres");
	section_start(out, "plan", W_(r->language, "Plan d'action"));
	report_html__data(out, r, REPORT_DATA_PLAN);
	section_end(out, r, "plan");
	section_start(out, "calendrier", W_(r->language, "Calendrier"));
	report_html__data(out, r, REPORT_DATA_TEST_PHASE);
	report_html__data(out, r, REPORT_DATA_REVIEWS);
	int error = timeline(out, r);
	section_end(out, r, "calendrier");
	return error;
}

void report_html__strangers(grille_buf *out, const struct report *r)
{
	grille_buf line = GRILLE_BUF_INIT;
	report__strangers_text(&line, r);
	if (line.len)
		paragraph(out, NULL, line.ptr);
	grille_buf_oom_from(out, &line);
	grille_buf_release(&line);
}
