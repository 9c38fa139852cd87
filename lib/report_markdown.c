#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "markdown.h"
#include "report.h"
#include "wording.h"
#include "report_positions.h"

/* The report as one Markdown document that reads well on a forge, built as a
 * cmark tree and rendered by cmark. */

/* A piece of text that ran out of memory marks the document it was for,
 * through the root node's user data (grille leaves it unused otherwise):
 * emit() checks the mark once, as report__flush() checks a buffer's. */
static char lost_piece; /* only its address is used, as the mark */

static void carry_oom(cmark_node *node, const grille_buf *piece)
{
	if (!grille_buf_oom(piece))
		return;
	while (cmark_node_parent(node))
		node = cmark_node_parent(node);
	cmark_node_set_user_data(node, &lost_piece);
}

static void bullet(cmark_node *list, const char *text)
{
	cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);
	md__append_text_block(item, 0, text);
	cmark_node_append_child(list, item);
}

static cmark_node *new_list(cmark_node *doc)
{
	cmark_node *list = cmark_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	cmark_node_append_child(doc, list);
	return list;
}

static void title_block(cmark_node *doc, const struct report *r)
{
	const grille_settings *s = r->settings;
	md__append_text_block(doc, 1, s->title[0] ? s->title : grille_grid_title(r->grid));
	if (s->collective[0]) {
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *emph = cmark_node_new(CMARK_NODE_EMPH);
		cmark_node_append_child(emph, md__text(s->collective));
		cmark_node_append_child(para, emph);
		cmark_node_append_child(doc, para);
	}
	cmark_node *list = new_list(doc);
	grille_buf line = GRILLE_BUF_INIT;
	if (report__round_line(&line, r))
		bullet(list, line.ptr);
	grille_buf_clear(&line);
	grille_buf_printf(&line, W_(r->language, "Date : %s"), r->today_text);
	bullet(list, line.ptr);
	grille_buf_clear(&line);
	grille_buf_printf(&line, W_(r->language, "Grille : %s (version %s), niveau de détail %d"), grille_grid_title(r->grid),
	                  grille_grid_version(r->grid), s->level);
	bullet(list, line.ptr);
	grille_buf_clear(&line);
	grille_buf version = GRILLE_BUF_INIT;
	report__version_text(&version, r);
	grille_buf_printf(&line, W_(r->language, "Version : %s"), version.ptr ? version.ptr : "");
	grille_buf_oom_from(&line, &version);
	grille_buf_release(&version);
	bullet(list, line.ptr);
	carry_oom(doc, &line);
	grille_buf_release(&line);
}

static void progress(cmark_node *doc, const struct report *r)
{
	md__append_text_block(doc, 2, W_(r->language, "Progression"));
	cmark_node *table = md__append_table(doc, 2 + GRILLE_STATE_COUNT);
	const char *head[2 + GRILLE_STATE_COUNT] = { W_(r->language, "Étape"), W_(r->language, "Questions") };
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		head[2 + k] = report__state_label(r->language, (grille_state)k);
	md__append_row(table, head, 2 + GRILLE_STATE_COUNT);
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		char numbers[1 + GRILLE_STATE_COUNT][24];
		grille_buf name = GRILLE_BUF_INIT;
		grille_buf_printf(&name, "%s. %s", st->id, st->title);
		snprintf(numbers[0], sizeof(numbers[0]), "%zu", st->question_count);
		const char *row[2 + GRILLE_STATE_COUNT] = { name.ptr, numbers[0] };
		for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
			snprintf(numbers[1 + k], sizeof(numbers[1 + k]), "%zu", st->counts[k]);
			row[2 + k] = numbers[1 + k];
		}
		md__append_row(table, row, 2 + GRILLE_STATE_COUNT);
		carry_oom(doc, &name);
		grille_buf_release(&name);
	}
}

static void question_line(const char *language, cmark_node *list, const grille_question_status *q)
{
	grille_buf line = GRILLE_BUF_INIT;
	report__question_text(&line, language, q);
	bullet(list, line.ptr);
	carry_oom(list, &line);
	grille_buf_release(&line);
}

/* The questions of a step in one state, as a list under its heading; an
 * item skipped or deferred as a whole says its mark once, its questions
 * listed under it. */
static void state_list(const char *language, cmark_node *doc, const grille_step_status *st, grille_state state, const char *title)
{
	cmark_node *list = NULL;
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		const grille_question_status *shared = report__item_mark(it, state);
		cmark_node *under = NULL;
		for (size_t q = 0; q < it->question_count; q++) {
			const grille_question_status *qs = &it->questions[q];
			if (qs->state != state)
				continue;
			if (!list) {
				md__append_text_block(doc, 3, title);
				list = new_list(doc);
			}
			if (shared && !under) {
				grille_buf line = GRILLE_BUF_INIT;
				grille_buf_printf(&line, "%s %s", it->id, it->title);
				report__mark_tail(&line, language, shared);
				bullet(list, line.ptr);
				carry_oom(list, &line);
				grille_buf_release(&line);
				under = new_list(cmark_node_last_child(list));
			}
			if (under) {
				grille_buf line = GRILLE_BUF_INIT;
				grille_buf_printf(&line, "%s %s", qs->id, qs->text);
				bullet(under, line.ptr);
				carry_oom(list, &line);
				grille_buf_release(&line);
			} else {
				question_line(language, list, qs);
			}
		}
	}
}

/* --guidance: the grid's text (NULL: none), quoted, its headings from `level`. */
static int guidance(cmark_node *doc, const char *markdown, int level)
{
	if (!markdown)
		return 0;
	cmark_node *tree = report__answer_tree(markdown, level);
	cmark_node *quote = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
	if (!tree || !quote) {
		cmark_node_free(tree);
		cmark_node_free(quote);
		return error__oom();
	}
	md__adopt(quote, tree);
	cmark_node_append_child(doc, quote);
	return 0;
}

static int step_section(cmark_node *doc, const struct report *r, const grille_step_status *st)
{
	grille_buf title = GRILLE_BUF_INIT;
	/* "1 — Title", as in the step files: "1. Title" would read as a list to Markdown. */
	grille_buf_printf(&title, "%s — %s", st->id, st->title);
	md__append_text_block(doc, 2, title.ptr);
	carry_oom(doc, &title);
	grille_buf_release(&title);
	grille_buf counts = GRILLE_BUF_INIT;
	report__step_counts(&counts, r->language, st);
	md__append_text_block(doc, 0, counts.ptr);
	carry_oom(doc, &counts);
	grille_buf_release(&counts);
	if (st->problem)
		md__append_text_block(doc, 0, st->problem);
	int error = guidance(doc, report__step_intro(r, st->id), 3);
	const char *group = NULL;
	for (size_t i = 0; !error && i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		int heading = 0;
		for (size_t q = 0; q < it->question_count; q++) {
			const grille_question_status *qs = &it->questions[q];
			char *markdown = qs->state == GRILLE_STATE_ANSWERED ? report__answer_markdown(r, qs) : NULL;
			enum report_data kind;
			int data = qs->state == GRILLE_STATE_ANSWERED && report__data_of(qs, &kind);
			if (!markdown && !data && !report__has_positions(qs))
				continue;
			if (!heading++) {
				grille_buf t = GRILLE_BUF_INIT;
				if (it->group && (!group || strcmp(group, it->group) != 0)) {
					grille_buf_printf(&t, "◆ %s", it->group);
					md__append_text_block(doc, 0, t.ptr);
					grille_buf_clear(&t);
				}
				group = it->group;
				grille_buf_printf(&t, "%s %s", it->id, it->title);
				md__append_text_block(doc, 3, t.ptr);
				carry_oom(doc, &t);
				grille_buf_release(&t);
				if ((error = guidance(doc, report__item_guidance(r, it->id), 4)) != 0) {
					free(markdown);
					break;
				}
			}
			grille_buf t = GRILLE_BUF_INIT;
			grille_buf_printf(&t, "%s %s", qs->id, qs->text);
			md__append_text_block(doc, 4, t.ptr);
			carry_oom(doc, &t);
			grille_buf_release(&t);
			if (report__has_positions(qs) && (error = report_markdown__positions(doc, r, qs)) != 0) {
				free(markdown);
				break;
			}
			if (data && kind == REPORT_DATA_PLAN) {
				grille_buf summary = GRILLE_BUF_INIT;
				report__plan_summary(&summary, r->language, r->group);
				md__append_text_block(doc, 0, summary.ptr);
				carry_oom(doc, &summary);
				grille_buf_release(&summary);
			} else if (data) {
				report_markdown__data(doc, r, kind, 5);
			}
			if (!markdown)
				continue;
			cmark_node *answer = report__answer_tree(markdown, 5);
			free(markdown);
			if (!answer)
				return error__oom();
			md__adopt(doc, answer);
			grille_buf authors = GRILLE_BUF_INIT;
			if (report__authors_text(&authors, r, qs))
				md__append_text_block(doc, 0, authors.ptr);
			carry_oom(doc, &authors);
			grille_buf_release(&authors);
		}
	}
	state_list(r->language, doc, st, GRILLE_STATE_CONFLICT, W_(r->language, "En conflit"));
	state_list(r->language, doc, st, GRILLE_STATE_UNANSWERED, W_(r->language, "Encore ouvertes"));
	state_list(r->language, doc, st, GRILLE_STATE_DEFERRED, W_(r->language, "Pour plus tard"));
	state_list(r->language, doc, st, GRILLE_STATE_SKIPPED, W_(r->language, "Mises de côté"));
	return error;
}

static void members(cmark_node *doc, const struct report *r)
{
	const grille_group *s = r->group;
	if (!s->member_count) {
		md__append_text_block(doc, 0, W_(r->language, "Aucun membre n'est encore inscrit dans membres.md."));
		return;
	}
	cmark_node *table = md__append_table(doc, 2);
	const char *head[] = { W_(r->language, "Nom"), W_(r->language, "Rôles") };
	md__append_row(table, head, 2);
	for (size_t i = 0; i < s->member_count; i++) {
		grille_buf roles = GRILLE_BUF_INIT;
		report__join(&roles, (const char *const *)s->members[i].roles, s->members[i].role_count);
		const char *row[] = { s->members[i].name, roles.ptr ? roles.ptr : "" };
		md__append_row(table, row, 2);
		carry_oom(doc, &roles);
		grille_buf_release(&roles);
	}
}

static void action_row(cmark_node *table, const struct report *r, const grille_action *a, int columns)
{
	grille_buf who = GRILLE_BUF_INIT, due = GRILLE_BUF_INIT, pour = GRILLE_BUF_INIT;
	report__join(&who, (const char *const *)a->who, a->who_count);
	report__date_unbroken(&due, r->language, a->due);
	if (report__action_late(r, a))
		grille_buf_puts(&due, W_(r->language, " (en retard)"));
	report__targets_text(&pour, r, a);
	const char *row[] = { a->id, a->text, who.ptr ? who.ptr : "", due.ptr ? due.ptr : "", a->means, a->indicator,
	                      pour.ptr ? pour.ptr : "", a->note };
	md__append_row(table, row, columns);
	carry_oom(table, &who);
	carry_oom(table, &due);
	carry_oom(table, &pour);
	grille_buf_release(&who);
	grille_buf_release(&due);
	grille_buf_release(&pour);
}

/* A table per state, each under a heading of `level`. */
static void plan(cmark_node *doc, const struct report *r, int level)
{
	const grille_group *g = r->group;
	if (!g->action_count) {
		md__append_text_block(doc, 0, W_(r->language, "Le plan d'action est encore vide (plan.md)."));
		return;
	}
	for (size_t k = 0; k < 4; k++) {
		grille_action_state state = report__plan_states[k];
		size_t count = report__plan_count(g, state);
		if (!count)
			continue;
		grille_buf title = GRILLE_BUF_INIT;
		grille_buf_printf(&title, "%s (%zu)", report__plan_state_title(r->language, state), count);
		md__append_text_block(doc, level, title.ptr);
		carry_oom(doc, &title);
		grille_buf_release(&title);
		int columns = state == GRILLE_ACTION_DROPPED ? 8 : 7;
		cmark_node *table = md__append_table(doc, columns);
		const char *head[] = { W_(r->language, "N°"), W_(r->language, "Action"), W_(r->language, "Qui"), W_(r->language, "Échéance"), W_(r->language, "Moyens"), W_(r->language, "Indicateur"),
		                       W_(r->language, "Pour"), W_(r->language, "Pourquoi") };
		md__append_row(table, head, columns);
		for (size_t i = 0; i < g->action_count; i++)
			if (g->actions[i].state == state)
				action_row(table, r, &g->actions[i], columns);
	}
	if (!report__decision_count(g))
		return;
	md__append_text_block(doc, level, report__decisions_title(r->language));
	cmark_node *list = new_list(doc);
	for (size_t i = 0; i < g->action_count; i++) {
		if (g->actions[i].decision == GRILLE_DECISION_NONE)
			continue;
		grille_buf text = GRILLE_BUF_INIT;
		report__decision_text(&text, r->language, &g->actions[i]);
		bullet(list, text.ptr ? text.ptr : "");
		carry_oom(doc, &text);
		grille_buf_release(&text);
	}
}

static void reviews(cmark_node *doc, const struct report *r)
{
	const grille_group *s = r->group;
	if (!report__review_count(s)) {
		md__append_text_block(doc, 0, W_(r->language, "Aucune date de bilan n'est encore fixée."));
		return;
	}
	cmark_node *table = md__append_table(doc, 3);
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Bilan"), W_(r->language, "État") };
	md__append_row(table, head, 3);
	for (size_t i = 0; i < s->event_count; i++) {
		const grille_event *rv = &s->events[i];
		if (rv->kind != GRILLE_EVENT_REVIEW)
			continue;
		grille_buf date = GRILLE_BUF_INIT;
		report__date_unbroken(&date, r->language, rv->date);
		const char *row[] = { date.ptr ? date.ptr : "", rv->title, report__review_label(r, rv) };
		md__append_row(table, row, 3);
		carry_oom(doc, &date);
		grille_buf_release(&date);
	}
}

void report_markdown__data(cmark_node *doc, const struct report *r, enum report_data kind, int level)
{
	grille_buf phase = GRILLE_BUF_INIT;
	switch (kind) {
	case REPORT_DATA_MEMBERS: members(doc, r); break;
	case REPORT_DATA_PLAN: plan(doc, r, level); break;
	case REPORT_DATA_REVIEWS: reviews(doc, r); break;
	case REPORT_DATA_TEST_PHASE:
		report__test_phase_text(&phase, r->language, r->group);
		md__append_text_block(doc, 0, phase.ptr);
		carry_oom(doc, &phase);
		grille_buf_release(&phase);
		break;
	}
}

/* The calendar's dates in order: the timeline, as a table. */
static int dates_table(cmark_node *doc, const struct report *r)
{
	struct report_calendar c;
	int error = report__calendar(&c, r);
	if (!error && c.count)
		md__append_text_block(doc, 0, W_(r->language, "Les dates du calendrier, dans l'ordre :"));
	cmark_node *table = error || !c.count ? NULL : md__append_table(doc, 2);
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Quoi") };
	if (table)
		md__append_row(table, head, 2);
	for (size_t i = 0; table && i < c.count; i++) {
		grille_buf date = GRILLE_BUF_INIT, what = GRILLE_BUF_INIT;
		report__date_unbroken(&date, r->language, c.marks[i].date);
		report__mark_text(&what, r, &c.marks[i]);
		const char *row[] = { date.ptr ? date.ptr : "", what.ptr ? what.ptr : "" };
		md__append_row(table, row, 2);
		carry_oom(doc, &date);
		carry_oom(doc, &what);
		grille_buf_release(&date);
		grille_buf_release(&what);
	}
	report__calendar_release(&c);
	return error;
}

static void group_note(cmark_node *doc, const struct report *r)
{
	const grille_group *g = r->group;
	if (!g->conflict_count && !g->problem_count)
		return;
	md__append_text_block(doc, 0, report__group_note_title(r->language));
	cmark_node *list = new_list(doc);
	for (size_t i = 0; i < g->conflict_count; i++) {
		grille_buf line = GRILLE_BUF_INIT;
		report__conflict_text(&line, r->language, &g->conflicts[i]);
		bullet(list, line.ptr);
		carry_oom(doc, &line);
		grille_buf_release(&line);
	}
	for (size_t i = 0; i < g->problem_count; i++)
		bullet(list, g->problems[i]);
}

/* Members, plan, calendar: the group's data after the steps. */
static int group_sections(cmark_node *doc, const struct report *r)
{
	md__append_text_block(doc, 2, W_(r->language, "Membres et rôles"));
	group_note(doc, r);
	report_markdown__data(doc, r, REPORT_DATA_MEMBERS, 3);
	md__append_text_block(doc, 2, W_(r->language, "Plan d'action"));
	report_markdown__data(doc, r, REPORT_DATA_PLAN, 3);
	md__append_text_block(doc, 2, W_(r->language, "Calendrier"));
	report_markdown__data(doc, r, REPORT_DATA_TEST_PHASE, 3);
	report_markdown__data(doc, r, REPORT_DATA_REVIEWS, 3);
	return dates_table(doc, r);
}

static void milestones(cmark_node *doc, const struct report *r)
{
	md__append_text_block(doc, 2, W_(r->language, "Jalons"));
	if (report__partial_history(r))
		md__append_text_block(doc, 0, report__partial_history(r));
	if (!r->log || !r->log->count) {
		md__append_text_block(doc, 0, W_(r->language, "Pas encore d'historique : les jalons apparaîtront avec grille commit."));
		return;
	}
	cmark_node *table = md__append_table(doc, 4);
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Jalon"), W_(r->language, "Par"), W_(r->language, "Réponses") };
	md__append_row(table, head, 4);
	for (size_t i = 0; i < r->log->count; i++) {
		const grille_log_entry *e = &r->log->entries[i];
		grille_buf what = GRILLE_BUF_INIT, count = GRILLE_BUF_INIT;
		char iso[11];
		snprintf(iso, sizeof(iso), "%.10s", e->date);
		grille_buf date = GRILLE_BUF_INIT;
		report__date_unbroken(&date, r->language, iso);
		grille_buf_puts(&what, e->summary);
		for (size_t t = 0; t < e->tag_count; t++)
			grille_buf_printf(&what, "%s%s%s", t ? ", " : " [", e->tags[t], t + 1 == e->tag_count ? "]" : "");
		grille_buf_printf(&count, "%zu (%+ld)", e->answered, e->delta);
		grille_buf person = GRILLE_BUF_INIT;
		report__person(&person, r, e->author, e->email);
		const char *row[] = { date.ptr ? date.ptr : iso, what.ptr, person.ptr ? person.ptr : "", count.ptr };
		md__append_row(table, row, 4);
		carry_oom(doc, &date);
		grille_buf_release(&date);
		carry_oom(doc, &what);
		grille_buf_release(&what);
		carry_oom(doc, &count);
		grille_buf_release(&count);
		carry_oom(doc, &person);
		grille_buf_release(&person);
	}
}

static void contributors(cmark_node *doc, const struct report *r)
{
	md__append_text_block(doc, 2, W_(r->language, "Contributions"));
	cmark_node *list = NULL;
	for (size_t s = 0; r->who && s < r->who->step_count; s++) {
		const grille_who_step *st = &r->who->steps[s];
		if (!st->people_count || (r->step && strcmp(r->step, st->id) != 0))
			continue;
		if (!list)
			list = new_list(doc);
		grille_buf line = GRILLE_BUF_INIT;
		grille_buf_printf(&line, W_(r->language, "%s. %s : "), st->id, st->title);
		for (size_t p = 0; p < st->people_count; p++) {
			grille_buf person = GRILLE_BUF_INIT;
			report__person(&person, r, st->people[p].name, st->people[p].email);
			grille_buf_printf(&line, WN_(r->language, "%s%s (%zu ligne)", "%s%s (%zu lignes)", st->people[p].lines),
			                  p ? ", " : "", person.ptr ? person.ptr : "", st->people[p].lines);
			grille_buf_oom_from(&line, &person);
			grille_buf_release(&person);
		}
		bullet(list, line.ptr);
		carry_oom(list, &line);
		grille_buf_release(&line);
	}
	if (!list)
		md__append_text_block(doc, 0, W_(r->language, "Aucune réponse enregistrée dans l'historique pour l'instant."));
	grille_buf strangers = GRILLE_BUF_INIT;
	report__strangers_text(&strangers, r);
	if (strangers.len)
		md__append_text_block(doc, 0, strangers.ptr);
	carry_oom(doc, &strangers);
	grille_buf_release(&strangers);
}

/* Render a part of the document, send it on, free its tree. */
static int emit(grille_buf *out, const struct report *r, cmark_node *doc, int first)
{
	report__clean_tree(doc); /* titles, names and reasons too: cmark would cut them short */
	report__french_tree(doc);
	int lost = cmark_node_get_user_data(doc) == &lost_piece;
	char *text = lost ? NULL : cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	int error = text ? 0 : error__oom();
	if (!error && !first)
		error = grille_buf_puts(out, "\n");
	if (!error)
		error = grille_buf_puts(out, text);
	free(text);
	return error ? error : report__flush(r, out);
}

/* One part at a time, so that only one step's answers are in memory. */
static int markdown_begin(void **state, grille_buf *out, const struct report *r)
{
	*state = NULL;
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	title_block(doc, r);
	progress(doc, r);
	return emit(out, r, doc, 1);
}

static int markdown_steps(void *state, grille_buf *out, const struct report *r, size_t first, size_t count)
{
	(void)state;
	int error = 0;
	for (size_t s = first; !error && s < first + count; s++) {
		if (!report__shows(r, &r->status->steps[s]))
			continue;
		cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
		error = step_section(doc, r, &r->status->steps[s]);
		if (!error)
			error = emit(out, r, doc, 0);
		else
			cmark_node_free(doc);
	}
	return error;
}

static int markdown_end(void *state, grille_buf *out, const struct report *r, int error)
{
	(void)state;
	if (error)
		return error;
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	error = group_sections(doc, r);
	if (error) {
		cmark_node_free(doc);
		return error;
	}
	milestones(doc, r);
	contributors(doc, r);
	grille_buf note = GRILLE_BUF_INIT;
	report__revision_note(&note, r);
	if (note.len) /* the small print of the version: its number in git */
		md__append_text_block(doc, 0, note.ptr);
	carry_oom(doc, &note);
	grille_buf_release(&note);
	return emit(out, r, doc, 0);
}

const struct report_format report_markdown_format = { 0, markdown_begin, markdown_steps, markdown_end };
