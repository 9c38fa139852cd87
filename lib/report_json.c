#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "json_out.h"
#include "report.h"
#include "report_positions.h"

/* The data behind the report, documented in grille-report(1). */

/* Every string goes through json__text(): none is ever refused, so no
 * field and no question is ever left out. */
#define str json__text

/* The answer's Markdown as the other formats show it: no raw HTML, no unsafe link. */
static char *clean_answer(const struct report *r, const grille_question_status *q)
{
	char *markdown = report__answer_markdown(r, q);
	if (!markdown)
		return NULL;
	cmark_node *doc = report__answer_tree(markdown, 1);
	free(markdown);
	char *clean = doc ? cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0) : NULL;
	cmark_node_free(doc);
	return clean;
}

/* --authors: the names "Écrit par" shows, most lines first; [] when nobody is credited. */
static json_t *authors_json(const struct report *r, const grille_question_status *q)
{
	json_t *a = json_array();
	const grille_who_question *wq = report__authors_of(r, q);
	for (size_t p = 0; wq && p < wq->people_count; p++) {
		grille_buf name = GRILLE_BUF_INIT;
		report__person(&name, r, wq->people[p].name, wq->people[p].email);
		json_array_append_new(a, str(name.ptr ? name.ptr : ""));
		grille_buf_release(&name);
	}
	return a;
}

static json_t *questions_json(const struct report *r, const grille_item_status *it)
{
	json_t *a = json_array();
	for (size_t q = 0; q < it->question_count; q++) {
		const grille_question_status *qs = &it->questions[q];
		char *answer = clean_answer(r, qs);
		enum report_data kind;
		json_t *data = report__data_of(qs, &kind) ? report_json__data(r, kind) : json_null();
		json_t *one = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:s, s:o}",
			"id", str(qs->id), "text", str(qs->text),
			"level", qs->level ? json_integer(qs->level) : json_null(),
			"state", str(grille_state_name(qs->state)),
			"file", str(qs->file), "line", qs->line ? json_integer((json_int_t)qs->line) : json_null(),
			"until", str(qs->until), "reason", str(qs->reason), "overdue", qs->overdue,
			"answer", str(answer), "kind", grille_question_kind_name(qs->kind), "data", data ? data : json_null());
		if (one && qs->kind == GRILLE_QUESTION_POSITIONS)
			json_object_set_new(one, "positions", report_json__positions(r, qs));
		if (one && r->authors)
			json_object_set_new(one, "authors", authors_json(r, qs));
		json_array_append_new(a, one);
		free(answer);
	}
	return a;
}

/* The steps [first, first + count), appended to `steps`. */
static int json_steps(void *state, grille_buf *out, const struct report *r, size_t first, size_t count)
{
	json_t *steps = state;
	(void)out;
	for (size_t s = first; s < first + count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		json_t *items = json_array(), *counts = json_object();
		json_object_set_new(counts, "questions", json_integer((json_int_t)st->question_count));
		for (int k = 0; k < GRILLE_STATE_COUNT; k++)
			json_object_set_new(counts, grille_state_name((grille_state)k), json_integer((json_int_t)st->counts[k]));
		for (size_t i = 0; i < st->item_count; i++) {
			json_t *item = json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", str(st->items[i].id),
				"title", str(st->items[i].title), "state", str(grille_state_name(st->items[i].state)),
				"group", str(st->items[i].group), "questions", questions_json(r, &st->items[i]));
			if (item && r->guidance) /* the grid's Markdown, as it is */
				json_object_set_new(item, "guidance", str(report__item_guidance(r, st->items[i].id)));
			json_array_append_new(items, item);
		}
		json_t *step = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id", str(st->id), "title", str(st->title),
			"file", str(st->file), "problem", str(st->problem), "counts", counts, "items", items);
		if (step && r->guidance)
			json_object_set_new(step, "introduction", str(report__step_intro(r, st->id)));
		json_array_append_new(steps, step);
	}
	return 0;
}

static json_t *totals_json(const struct report *r)
{
	size_t totals[GRILLE_STATE_COUNT] = { 0 }, questions = 0;
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		questions += st->question_count;
		for (int k = 0; k < GRILLE_STATE_COUNT; k++)
			totals[k] += st->counts[k];
	}
	json_t *o = json_object();
	json_object_set_new(o, "questions", json_integer((json_int_t)questions));
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		json_object_set_new(o, grille_state_name((grille_state)k), json_integer((json_int_t)totals[k]));
	return o;
}

static json_t *strings_json(char *const *texts, size_t count)
{
	json_t *a = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(a, str(texts[i]));
	return a;
}

static json_t *text_or_null(const char *s)
{
	return s && *s ? str(s) : json_null();
}

/* The e-mail is there: the JSON is data for the group's own tools. */
static json_t *members_json(const struct report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->group->member_count; i++) {
		const grille_member *m = &r->group->members[i];
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}", "name", str(m->name),
			"roles", strings_json(m->roles, m->role_count), "email", text_or_null(m->email),
			"identity", text_or_null(m->identity)));
	}
	return a;
}

static json_t *plan_json(const struct report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->group->action_count; i++) {
		const grille_action *x = &r->group->actions[i];
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o}", "id", str(x->id),
			"text", str(x->text), "who", strings_json(x->who, x->who_count), "due", text_or_null(x->due),
			"state", str(grille_action_state_name(x->state)), "late", report__action_late(r, x),
			"means", text_or_null(x->means), "indicator", text_or_null(x->indicator),
			"for", strings_json(x->for_ids, x->for_count), "note", text_or_null(x->note)));
		json_t *last = json_array_get(a, json_array_size(a) - 1);
		json_object_set_new(last, "decision", x->decision == GRILLE_DECISION_NONE ? json_null()
		                                      : str(grille_decision_name(x->decision)));
		json_object_set_new(last, "decision_reason", text_or_null(x->decision_reason));
	}
	return a;
}

static json_t *reviews_json(const struct report *r)
{
	const grille_group *s = r->group;
	json_t *reviews = json_array();
	for (size_t i = 0; i < s->event_count; i++) {
		const grille_event *rv = &s->events[i];
		if (rv->kind != GRILLE_EVENT_REVIEW)
			continue;
		json_array_append_new(reviews, json_pack("{s:o, s:o, s:o}", "date", str(rv->date), "title", str(rv->title),
			"state", str(report__review_state(r, rv))));
	}
	return reviews;
}

static json_t *calendar_json(const struct report *r)
{
	const grille_group *s = r->group;
	json_t *deadlines = json_array();
	for (size_t i = 0; i < s->action_count; i++)
		if (s->actions[i].due[0])
			json_array_append_new(deadlines, json_pack("{s:o, s:o, s:o, s:b}", "date", str(s->actions[i].due),
				"action", str(s->actions[i].id), "state", str(grille_action_state_name(s->actions[i].state)),
				"late", report__action_late(r, &s->actions[i])));
	return json_pack("{s:o, s:o, s:o, s:o}", "test_start", text_or_null(s->test_start),
	                 "test_end", text_or_null(s->test_end), "reviews", reviews_json(r), "deadlines", deadlines);
}

/* Two versions of an entry, and rows that could not be read. */
static json_t *conflicts_json(const struct report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->group->conflict_count; i++) {
		const grille_entry_conflict *c = &r->group->conflicts[i];
		json_t *rows = json_array();
		for (size_t k = 0; k < c->count; k++)
			json_array_append_new(rows, json_pack("{s:I, s:o}", "line", (json_int_t)c->lines[k], "text", str(c->texts[k])));
		json_array_append_new(a, json_pack("{s:o, s:o, s:o}", "file", str(c->file), "key", str(c->key), "rows", rows));
	}
	return a;
}

static json_t *json_problems(const struct report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->group->problem_count; i++)
		json_array_append_new(a, str(r->group->problems[i]));
	return a;
}

json_t *report_json__data(const struct report *r, enum report_data kind)
{
	const grille_group *s = r->group;
	switch (kind) {
	case REPORT_DATA_MEMBERS: return members_json(r);
	case REPORT_DATA_PLAN: return plan_json(r);
	case REPORT_DATA_REVIEWS: return reviews_json(r);
	default:
		return json_pack("{s:o, s:o}", "start", text_or_null(s->test_start), "end", text_or_null(s->test_end));
	}
}

static json_t *member_of(const struct report *r, const char *name, const char *email)
{
	const grille_member *m = grille_group_member_of(r->group, name, email);
	return m ? str(m->name) : json_null();
}

static json_t *milestones_json(const struct report *r)
{
	json_t *a = json_array();
	for (size_t i = 0; r->log && i < r->log->count; i++) {
		const grille_log_entry *e = &r->log->entries[i];
		json_t *tags = json_array();
		for (size_t t = 0; t < e->tag_count; t++)
			json_array_append_new(tags, str(e->tags[t]));
		json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I}", "commit", str(e->commit),
			"date", str(e->date), "author", str(e->author), "member", member_of(r, e->author, e->email),
			"summary", str(e->summary), "tags", tags,
			"answered", (json_int_t)e->answered, "open", (json_int_t)e->open, "delta", (json_int_t)e->delta));
	}
	return a;
}

static json_t *contributors_json(const struct report *r)
{
	json_t *a = json_array();
	for (size_t s = 0; r->who && s < r->who->step_count; s++) {
		const grille_who_step *st = &r->who->steps[s];
		if (r->step && strcmp(r->step, st->id) != 0)
			continue;
		json_t *people = json_array();
		for (size_t p = 0; p < st->people_count; p++)
			json_array_append_new(people, json_pack("{s:o, s:o, s:o, s:I}", "name", str(st->people[p].name),
				"email", str(st->people[p].email), "member", member_of(r, st->people[p].name, st->people[p].email),
				"lines", (json_int_t)st->people[p].lines));
		json_array_append_new(a, json_pack("{s:o, s:o}", "step", str(st->id), "people", people));
	}
	return a;
}

static int json_begin(void **state, grille_buf *out, const struct report *r)
{
	(void)out;
	(void)r;
	return (*state = json_array()) ? 0 : error__oom();
}

/* The document goes out whole, once every step is in. */
static int json_end(void *state, grille_buf *out, const struct report *r, int error)
{
	json_t *steps = state;
	if (error) {
		json_decref(steps);
		return error;
	}
	const grille_settings *s = r->settings;
	json_t *root = json_pack("{s:i, s:o, s:o, s:o, s:{s:o, s:o, s:o}, s:i, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	                         "s:o, s:o, s:b, s:i, s:b}",
		"format", 1, "title", str(s->title[0] ? s->title : grille_grid_title(r->grid)), "collective", str(s->collective),
		"date", str(r->today),
		"grid", "id", str(grille_grid_id(r->grid)), "version", str(grille_grid_version(r->grid)),
		"title", str(grille_grid_title(r->grid)),
		"level", s->level, "revision", r->revision[0] ? str(r->revision) : json_null(), "dirty", r->dirty,
		"steps", steps, "totals", totals_json(r), "members", members_json(r), "plan", plan_json(r),
		"calendar", calendar_json(r), "group_conflicts", conflicts_json(r),
		"group_problems", json_problems(r),
		"milestones", milestones_json(r), "contributors", contributors_json(r),
		"history_partial", r->log && r->log->partial, "round", r->round, "round_finished", r->round_past);
	error = json__put(out, root);
	return error ? error : report__flush(r, out);
}

const struct report_format report_json_format = { 0, json_begin, json_steps, json_end };
