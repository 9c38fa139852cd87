#include <jansson.h>
#include <stdlib.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "json_out.h"
#include "reminders.h"
#include "status_positions.h"

/* The status as JSON: the contract is documented in grille-status(1);
 * "format" changes when a key changes meaning or goes away. */

static json_t *string_or_null(const char *s)
{
	return s ? json__text(s) : json_null();
}

static json_t *line_or_null(size_t line)
{
	return line ? json_integer((json_int_t)line) : json_null();
}

static json_t *counts(const size_t *counts, size_t total)
{
	json_t *o = json_object();
	json_object_set_new(o, "questions", json_integer((json_int_t)total));
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		json_object_set_new(o, grille_state_name((grille_state)k), json_integer((json_int_t)counts[k]));
	return o;
}

static json_t *question(const grille_question_status *q)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json__text(q->id));
	json_object_set_new(o, "text", json__text(q->text));
	json_object_set_new(o, "level", q->level ? json_integer(q->level) : json_null());
	json_object_set_new(o, "kind", json__text(grille_question_kind_name(q->kind)));
	json_object_set_new(o, "has_data", json_boolean(q->data));
	json_object_set_new(o, "state", json__text(grille_state_name(q->state)));
	json_object_set_new(o, "file", string_or_null(q->file));
	json_object_set_new(o, "line", line_or_null(q->line));
	json_object_set_new(o, "missing", json_boolean(q->line == 0));
	json_object_set_new(o, "added", json_boolean(q->level == 0));
	json_object_set_new(o, "until", string_or_null(q->until));
	json_object_set_new(o, "reason", string_or_null(q->reason));
	json_object_set_new(o, "overdue", json_boolean(q->overdue));
	json_object_set_new(o, "retired", json_boolean(q->retired));
	if (q->until_unread) {
		json_t *w = json_object();
		json_object_set_new(w, "text", json_string(q->until_unread));
		json_object_set_new(w, "line", json_integer((json_int_t)q->mark_line));
		json_object_set_new(o, "until_unread", w);
	} else {
		json_object_set_new(o, "until_unread", json_null());
	}
	status__positions_json(o, q);
	return o;
}

static json_t *step(const grille_step_status *st)
{
	json_t *items = json_array();
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		json_t *questions = json_array();
		for (size_t q = 0; q < it->question_count; q++)
			json_array_append_new(questions, question(&it->questions[q]));
		json_t *item = json_object();
		json_object_set_new(item, "id", json__text(it->id));
		json_object_set_new(item, "title", json__text(it->title));
		json_object_set_new(item, "state", json__text(grille_state_name(it->state)));
		json_object_set_new(item, "line", line_or_null(it->line));
		json_object_set_new(item, "group", string_or_null(it->group));
		json_object_set_new(item, "pending", json_integer(it->pending));
		json_object_set_new(item, "questions", questions);
		json_array_append_new(items, item);
	}
	json_t *o = json_object();
	json_object_set_new(o, "id", json__text(st->id));
	json_object_set_new(o, "title", json__text(st->title));
	json_object_set_new(o, "file", json__text(st->file));
	json_object_set_new(o, "problem", string_or_null(st->problem));
	json_object_set_new(o, "counts", counts(st->counts, st->question_count));
	json_object_set_new(o, "items", items);
	return o;
}

static json_t *strings(char *const *list, size_t count)
{
	json_t *a = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(a, json__text(list[i]));
	return a;
}

/* "M etape-1.md": the letter git status --short shows, then the path. */
static json_t *changes(const grille_file_change *list, size_t count)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < count; i++) {
		grille_buf line = GRILLE_BUF_INIT;
		json_t *text = grille_buf_printf(&line, "%c %s", grille_file_change_letter(list[i].kind),
		                                  list[i].path) < 0 ? NULL : json__text(line.ptr);
		grille_buf_release(&line);
		if (json_array_append_new(a, text) < 0) {
			json_decref(a); /* out of memory: no list rather than a shorter one */
			a = NULL;
		}
	}
	return a;
}

static json_t *review(const grille_review_status *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "date", json__text(r->date));
	json_object_set_new(o, "title", string_or_null(r->title));
	return o;
}

int grille_status_json(grille_buf *out, const grille_status *status)
{
	json_t *root = json_object();
	json_object_set_new(root, "format", json_integer(1));
	json_object_set_new(root, "workspace", json__text(status->root));
	json_object_set_new(root, "today", json__text(status->today));
	json_object_set_new(root, "level", json_integer(status->level));
	json_t *steps = json_array();
	for (size_t s = 0; s < status->step_count; s++)
		json_array_append_new(steps, step(&status->steps[s]));
	json_object_set_new(root, "steps", steps);
	json_object_set_new(root, "totals", counts(status->totals, status->question_count));

	json_t *overdue = json_array();
	for (size_t i = 0; i < status->overdue_review_count; i++)
		json_array_append_new(overdue, review(&status->overdue_reviews[i]));
	json_t *reviews = json_object();
	json_object_set_new(reviews, "next", status->next_review.date ? review(&status->next_review) : json_null());
	json_object_set_new(reviews, "overdue", overdue);
	json_object_set_new(root, "reviews", reviews);
	if (status->reminders)
		reminders__status_json(root, status->reminders);
	json_t *grid = json_null();
	if (status->grid_newer) { /* a workspace on an earlier default grid */
		grid = json_object();
		json_object_set_new(grid, "version", json__text(status->grid_version));
		json_object_set_new(grid, "newer", json__text(status->grid_newer));
		json_object_set_new(grid, "command", json__text("grille grid upgrade"));
	}
	json_object_set_new(root, "grid_upgrade", grid);

	json_t *git = json_object();
	json_object_set_new(git, "repository", json_boolean(status->in_repository));
	json_t *changed = changes(status->changes, status->change_count);
	if (!changed) {
		json_decref(git);
		json_decref(root);
		return error__oom();
	}
	json_object_set_new(git, "changes", changed);
	json_object_set_new(git, "conflicts", strings(status->conflicted_files, status->conflicted_file_count));
	json_object_set_new(root, "git", git);

	return json__put(out, root);
}
