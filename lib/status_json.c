#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "intl.h"
#include "json_out.h"
#include "reminders.h"
#include "status_positions.h"

/* The status as JSON: the contract is documented in grille-status(1);
 * "format" changes when a key changes meaning or goes away. */

/* The steps, their items and questions are written as they are read, not
 * built as a tree first: for 10,000 questions the tree took longer than the
 * rest of the JSON. The same bytes as json__put() of the tree would write. */

static void boolean(json_writer *w, int first, int depth, const char *key, int value)
{
	json__key(w, first, depth, key);
	json__raw(w, value ? "true" : "false");
}

static void text(json_writer *w, int first, int depth, const char *key, const char *value)
{
	json__key(w, first, depth, key);
	json__text_value(w, value);
}

static void number(json_writer *w, int first, int depth, const char *key, long long value)
{
	json__key(w, first, depth, key);
	json__integer(w, value);
}

/* A line, or null when there is none. */
static void line(json_writer *w, int depth, const char *key, size_t value)
{
	if (value) {
		number(w, 0, depth, key, (long long)value);
	} else {
		json__key(w, 0, depth, key);
		json__raw(w, "null");
	}
}

/* Small objects built by other files (a mark's unread date, the positions):
 * written from their tree. */
static void tree(json_writer *w, int depth, const char *key, json_t *value)
{
	if (!value) {
		w->failed = 1;
		return;
	}
	json__key(w, 0, depth, key);
	json__value(w, value, depth);
	json_decref(value);
}

/* A question's object, its members at `depth`. */
static void question(json_writer *w, int depth, const grille_question_status *q)
{
	json__raw(w, "{");
	text(w, 1, depth, "id", q->id);
	text(w, 0, depth, "text", q->text);
	if (q->level) {
		number(w, 0, depth, "level", q->level);
	} else {
		json__key(w, 0, depth, "level");
		json__raw(w, "null");
	}
	text(w, 0, depth, "kind", grille_question_kind_name(q->kind));
	boolean(w, 0, depth, "has_data", q->data);
	text(w, 0, depth, "state", grille_state_name(q->state));
	text(w, 0, depth, "file", q->file);
	line(w, depth, "line", q->line);
	boolean(w, 0, depth, "missing", q->line == 0);
	boolean(w, 0, depth, "added", q->level == 0);
	text(w, 0, depth, "until", q->until);
	text(w, 0, depth, "reason", q->reason);
	boolean(w, 0, depth, "overdue", q->overdue);
	boolean(w, 0, depth, "retired", q->retired);
	if (q->until_unread) {
		json_t *unread = json_object();
		json_object_set_new(unread, "text", json_string(q->until_unread));
		json_object_set_new(unread, "line", json_integer((json_int_t)q->mark_line));
		tree(w, depth, "until_unread", unread);
	} else {
		json__key(w, 0, depth, "until_unread");
		json__raw(w, "null");
	}
	if (q->kind == GRILLE_QUESTION_POSITIONS) {
		json_t *holder = json_object();
		if (holder)
			status__positions_json(holder, q);
		json_t *positions = holder ? json_object_get(holder, "positions") : NULL;
		tree(w, depth, "positions", json_incref(positions));
		json_decref(holder);
	}
	json__indent(w, depth - 1);
	json__raw(w, "}");
}

static void counts(json_writer *w, int depth, const size_t *counts, size_t total)
{
	json__raw(w, "{");
	number(w, 1, depth, "questions", (long long)total);
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		number(w, 0, depth, grille_state_name((grille_state)k), (long long)counts[k]);
	json__indent(w, depth - 1);
	json__raw(w, "}");
}

static void item(json_writer *w, int depth, const grille_item_status *it)
{
	json__raw(w, "{");
	text(w, 1, depth, "id", it->id);
	text(w, 0, depth, "title", it->title);
	text(w, 0, depth, "state", grille_state_name(it->state));
	line(w, depth, "line", it->line);
	text(w, 0, depth, "group", it->group);
	number(w, 0, depth, "pending", it->pending);
	json__key(w, 0, depth, "questions");
	json__raw(w, "[");
	for (size_t q = 0; q < it->question_count; q++) {
		if (q)
			json__raw(w, ",");
		json__indent(w, depth + 1);
		question(w, depth + 2, &it->questions[q]);
	}
	if (it->question_count)
		json__indent(w, depth);
	json__raw(w, "]");
	json__indent(w, depth - 1);
	json__raw(w, "}");
}

static void step(json_writer *w, int depth, const grille_step_status *st)
{
	json__raw(w, "{");
	text(w, 1, depth, "id", st->id);
	text(w, 0, depth, "title", st->title);
	text(w, 0, depth, "file", st->file);
	text(w, 0, depth, "problem", st->problem);
	json__key(w, 0, depth, "counts");
	counts(w, depth + 1, st->counts, st->question_count);
	json__key(w, 0, depth, "items");
	json__raw(w, "[");
	for (size_t i = 0; i < st->item_count; i++) {
		if (i)
			json__raw(w, ",");
		json__indent(w, depth + 1);
		item(w, depth + 2, &st->items[i]);
	}
	if (st->item_count)
		json__indent(w, depth);
	json__raw(w, "]");
	json__indent(w, depth - 1);
	json__raw(w, "}");
}

static void steps(json_writer *w, int depth, const grille_status *status)
{
	json__raw(w, "[");
	for (size_t s = 0; s < status->step_count; s++) {
		if (s)
			json__raw(w, ",");
		json__indent(w, depth + 1);
		step(w, depth + 2, &status->steps[s]);
	}
	if (status->step_count)
		json__indent(w, depth);
	json__raw(w, "]");
}

static json_t *counts_tree(const size_t *counts, size_t total)
{
	json_t *o = json_object();
	json_object_set_new(o, "questions", json_integer((json_int_t)total));
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		json_object_set_new(o, grille_state_name((grille_state)k), json_integer((json_int_t)counts[k]));
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
	json_object_set_new(o, "title", json__text(r->title));
	return o;
}

/* The status's JSON through `w` (its buffer sized by the caller). */
static int write_status(json_writer *w, const grille_status *status)
{
	json_t *root = json_object();
	json_object_set_new(root, "format", json_integer(1));
	json_object_set_new(root, "workspace", json__text(status->root));
	json_object_set_new(root, "today", json__text(status->today));
	json_object_set_new(root, "level", json_integer(status->level));
	json_object_set_new(root, "steps", json_null()); /* its place: written by steps() */
	json_object_set_new(root, "totals", counts_tree(status->totals, status->question_count));

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

	if (!root)
		return error__oom();
	json__raw(w, "{");
	int first = 1;
	for (void *iter = json_object_iter(root); iter; iter = json_object_iter_next(root, iter), first = 0) {
		json__key(w, first, 1, json_object_iter_key(iter));
		if (strcmp(json_object_iter_key(iter), "steps") == 0)
			steps(w, 1, status);
		else
			json__value(w, json_object_iter_value(iter), 1);
	}
	json__indent(w, 0);
	json__raw(w, "}");
	json_decref(root);
	return json__finish(w);
}

int grille_status_json(grille_buf *out, const grille_status *status)
{
	/* Room for the whole at once (about 600 bytes a question): grown by
	 * doubling, a status of megabytes was copied into new pages again and again. */
	grille_buf_grow(out, status->question_count * 1024 + 65536);
	json_writer w = JSON_WRITER_INIT(out);
	return write_status(&w, status);
}

int grille_status_json_write(const grille_status *status, int (*write)(const char *data, size_t len, void *arg),
                             void *arg)
{
	grille_buf piece = GRILLE_BUF_INIT;
	grille_buf_grow(&piece, JSON_SINK_BYTES + 4096);
	json_writer w = JSON_WRITER_INIT(&piece);
	w.sink = write;
	w.sink_arg = arg;
	int error = write_status(&w, status);
	grille_buf_release(&piece);
	if (w.sink_failed)
		error = error__set(GRILLE_EIO, "%s", _("impossible d'écrire l'état en JSON : la sortie a refusé la suite"));
	return error;
}
