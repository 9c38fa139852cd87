#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "array.h"
#include "edit.h"
#include "errors.h"
#include "grid_history.h"
#include "grid_index.h"
#include "intl.h"
#include "scaffold.h"
#include "scan.h"
#include "text.h"
#include "upgrade_plan.h"

/* One change to a file: bytes [from, to) of the old file replaced by `text`
 * (written with "\n", put with the file's line ending), or, for an insert,
 * whole lines put at the line starting at `from`, with blank lines around. */
struct op {
	size_t from, to;
	grille_buf text;
	int insert;
	grille_upgrade_change_kind kind;
	char *id;
	size_t seq;       /* the order it was planned in: inserts at one place keep it */
	size_t questions; /* questions it adds */
};

/* One step file being planned. */
struct file {
	const char *name;
	const char *data;
	size_t len;
	const char *eol;
	int missing;
	struct scan scan;
	grille_grid_index questions, items; /* ID -> the first heading with it */
	struct op *ops;
	size_t op_count;
};

struct plan {
	const grille_grid *old, *new;
	const char *version; /* the new grid's */
	int level;
	struct file *files;
	size_t file_count;
	grille_grid_index questions, items; /* the IDs of every step file */
};

static void file_release(struct file *f)
{
	grid_index__release(&f->questions);
	grid_index__release(&f->items);
	scan__release(&f->scan);
	for (size_t i = 0; i < f->op_count; i++) {
		grille_buf_release(&f->ops[i].text);
		free(f->ops[i].id);
	}
	free(f->ops);
}

/* The first heading of an ID in a file, or NULL: found by hash, whatever the file's size. */
static const struct scan_question *question_in(const struct file *f, const char *id)
{
	return grid_index__find(&f->questions, id);
}

static const struct scan_item *item_in(const struct file *f, const char *id)
{
	return grid_index__find(&f->items, id);
}

/* A new change, its text empty; NULL when memory runs out. */
static struct op *add_op(struct file *f, grille_upgrade_change_kind kind, const char *id, size_t from, size_t to,
                         int insert)
{
	struct op *ops = array__push(f->ops, f->op_count, sizeof(*ops));
	if (!ops)
		return NULL;
	f->ops = ops;
	struct op *op = &ops[f->op_count];
	memset(op, 0, sizeof(*op));
	if (!(op->id = strdup(id)))
		return NULL;
	op->kind = kind;
	op->from = from;
	op->to = to;
	op->insert = insert;
	op->seq = f->op_count++;
	return op;
}

/* How many bytes of the file from `at` are `expected`, its "\n" matching the
 * file's "\r\n" too, and its last one the end of the file; 0 when they are not. */
static size_t matches(const struct file *f, size_t at, const char *expected, size_t len)
{
	size_t i = at;
	for (size_t e = 0; e < len; e++, i++) {
		if (e + 1 == len && expected[e] == '\n' && i == f->len && i > at)
			return i - at; /* the file's last line, with no line ending */
		if (expected[e] == '\n' && i + 1 < f->len && f->data[i] == '\r' && f->data[i + 1] == '\n')
			i++;
		if (i >= f->len || f->data[i] != expected[e])
			return 0;
	}
	return i - at;
}

static int blank_line_at(const struct file *f, size_t at)
{
	return text__blank_line_at(f->data, f->len, at);
}

static size_t next_line(const struct file *f, size_t at)
{
	const char *nl = memchr(f->data + at, '\n', f->len - at);
	return nl ? (size_t)(nl - f->data) + 1 : f->len;
}

/* The first line from `at` that is not blank, within `end`. */
static size_t skip_blank_lines(const struct file *f, size_t at, size_t end)
{
	while (at < end && blank_line_at(f, at))
		at = next_line(f, at);
	return at;
}

/* A heading still as the old grid wrote it takes the new grid's words. */
static int retitle(struct file *f, const char *id, int level, size_t start, size_t heading_to, size_t line,
                   const char *old_title, const char *new_title)
{
	if (!line || strcmp(old_title, new_title) == 0)
		return 0;
	grille_buf old = GRILLE_BUF_INIT;
	int error = scaffold__heading(&old, level, id, old_title);
	if (!error && old.ptr && matches(f, start, old.ptr, old.len) == heading_to - start) {
		struct op *op = add_op(f, GRILLE_UPGRADE_RETITLED, id, start, heading_to, 0);
		error = op ? scaffold__heading(&op->text, level, id, new_title) : error__oom();
	}
	grille_buf_release(&old);
	return error;
}

/* Guidance the new grid gives where the old one gave none: right under the
 * heading, unless it already stands there. */
static int add_guidance(struct file *f, const char *id, size_t heading_to, size_t end, const char *text)
{
	grille_buf quote = GRILLE_BUF_INIT;
	int error = scaffold__guidance(&quote, text);
	if (!error && quote.ptr && !matches(f, skip_blank_lines(f, heading_to, end), quote.ptr, quote.len)) {
		struct op *op = add_op(f, GRILLE_UPGRADE_REWORDED, id, heading_to, heading_to, 1);
		if (!op) {
			error = error__oom();
		} else {
			op->text = quote;
			memset(&quote, 0, sizeof(quote));
		}
	}
	grille_buf_release(&quote);
	return error;
}

/* A guidance quote still as the old grid wrote it, right under the heading,
 * takes the new wording (or goes, when the new grid has none). */
static int reword_guidance(struct file *f, const char *id, size_t heading_to, size_t end, const char *old_text,
                           const char *new_text)
{
	if (!old_text && new_text)
		return add_guidance(f, id, heading_to, end, new_text);
	if (!old_text || (new_text && strcmp(old_text, new_text) == 0))
		return 0;
	grille_buf old = GRILLE_BUF_INIT;
	int error = scaffold__guidance(&old, old_text);
	size_t at = skip_blank_lines(f, heading_to, end), n = 0;
	if (!error && old.ptr && (n = matches(f, at, old.ptr, old.len)) && at + n <= end &&
	    (at + n == f->len || at + n == end || blank_line_at(f, at + n))) {
		size_t to = at + n;
		if (!new_text && to < end) /* the quote and the blank line after it */
			to = next_line(f, to);
		struct op *op = add_op(f, GRILLE_UPGRADE_REWORDED, id, at, to, 0);
		error = !op ? error__oom() : new_text ? scaffold__guidance(&op->text, new_text) : 0;
	}
	grille_buf_release(&old);
	return error;
}

/* Line `n` (from 0) of `text`, its length to `*len`; NULL past the end. */
static const char *nth_line(const grille_buf *text, size_t n, size_t *len)
{
	const char *p = text->ptr, *end = text->ptr ? text->ptr + text->len : NULL;
	for (; p && p < end; n--) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		if (n == 0) {
			*len = (size_t)(nl - p);
			return p;
		}
		p = nl + 1;
	}
	return NULL;
}

/* The option line at `at` ("- [ ] text", "- [x] text") as the old grid wrote
 * option line `old`, box aside: its box, or 0. */
static char option_box(const struct file *f, size_t at, const char *old, size_t old_len)
{
	size_t end = next_line(f, at), len = end - at;
	while (len && (f->data[at + len - 1] == '\n' || f->data[at + len - 1] == '\r'))
		len--;
	if (len != old_len || len < 6 || memcmp(old, "- [ ] ", 6) != 0 || !strchr(" xX", f->data[at + 3]))
		return 0;
	if (memcmp(f->data + at, old, 3) != 0 || memcmp(f->data + at + 4, old + 4, len - 4) != 0)
		return 0;
	return f->data[at + 3];
}

static int reword_option_lines(struct file *f, const char *id, size_t from, size_t end, const grille_buf *old,
                               const grille_buf *new, size_t count)
{
	for (size_t at = from; at < end; at = next_line(f, at)) {
		for (size_t i = 0; i < count; i++) {
			size_t old_len = 0, new_len = 0;
			const char *o = nth_line(old, i, &old_len), *n = nth_line(new, i, &new_len);
			if (!o || !n || (old_len == new_len && memcmp(o, n, old_len) == 0))
				continue;
			char box = option_box(f, at, o, old_len);
			if (!box)
				continue;
			size_t to = next_line(f, at);
			struct op *op = add_op(f, GRILLE_UPGRADE_REWORDED, id, at, to, 0);
			/* A line ending only if the line had one: the file's last line may not. */
			if (!op || grille_buf_put(&op->text, n, new_len) || grille_buf_puts(&op->text, f->data[to - 1] == '\n' ? "\n" : ""))
				return error__oom();
			op->text.ptr[3] = box;
			break;
		}
	}
	return 0;
}

/* A choice's options, when the new grid rewords some (as many options in both). */
static int reword_options(struct file *f, const struct scan_question *sq, const grille_question *old_q,
                          const grille_question *new_q)
{
	if (old_q->kind != GRILLE_QUESTION_CHOICE || new_q->kind != GRILLE_QUESTION_CHOICE ||
	    old_q->option_count != new_q->option_count)
		return 0;
	grille_buf old = GRILLE_BUF_INIT, new = GRILLE_BUF_INIT;
	int error = scaffold__options(&old, old_q);
	if (!error)
		error = scaffold__options(&new, new_q);
	size_t len;
	/* An option written on more than one line is left as it is. */
	if (!error && nth_line(&old, old_q->option_count - 1, &len) && !nth_line(&old, old_q->option_count, &len) &&
	    nth_line(&new, new_q->option_count - 1, &len) && !nth_line(&new, new_q->option_count, &len))
		error = reword_option_lines(f, sq->id, sq->heading_to, sq->end, &old, &new, old_q->option_count);
	grille_buf_release(&old);
	grille_buf_release(&new);
	return error;
}

/* Whether the note for the new grid's version already stands under a heading. */
static int noted(const struct file *f, size_t heading_to, size_t end, int item, const char *version)
{
	char *note = grid_history__note(item, version);
	grille_buf quote = GRILLE_BUF_INIT;
	int error = note ? scaffold__guidance(&quote, note) : error__oom();
	int found = !error && quote.ptr && matches(f, skip_blank_lines(f, heading_to, end), quote.ptr, quote.len);
	grille_buf_release(&quote);
	free(note);
	return found;
}

/* A question or item the new grid no longer has: a note under its heading. */
static int flag(struct file *f, const char *id, size_t heading_to, int item, const char *version)
{
	char *note = grid_history__note(item, version);
	struct op *op = note ? add_op(f, GRILLE_UPGRADE_FLAGGED, id, heading_to, heading_to, 1) : NULL;
	int error = op ? scaffold__guidance(&op->text, note) : error__oom();
	free(note);
	return error;
}

/* Rewordings and flags for the questions the file holds. */
static int plan_questions(struct plan *p, struct file *f)
{
	int error = 0;
	for (size_t i = 0; !error && i < f->scan.question_count; i++) {
		const struct scan_question *sq = &f->scan.questions[i];
		const grille_question *old_q = grille_grid_find_question(p->old, sq->id);
		const grille_question *new_q = grille_grid_find_question(p->new, sq->id);
		if (!old_q || !sq->line || sq->end_line < sq->line || question_in(f, sq->id) != sq)
			continue; /* the group's own question, one cmark could not place, a later copy: left alone */
		if (!new_q) {
			if (!sq->retired)
				error = flag(f, sq->id, sq->heading_to, 0, p->version);
			continue;
		}
		error = retitle(f, sq->id, 3, sq->start, sq->heading_to, sq->line, old_q->text, new_q->text);
		if (!error)
			error = reword_guidance(f, sq->id, sq->heading_to, sq->end, old_q->guidance, new_q->guidance);
		if (!error)
			error = reword_options(f, sq, old_q, new_q);
	}
	return error;
}

/* Where the first question heading inside item `si` starts, or the item's
 * end: the scan lists questions in file order, so a binary search finds it. */
static size_t first_question_start(const struct file *f, const struct scan_item *si)
{
	size_t lo = 0, hi = f->scan.question_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->scan.questions[mid].start < si->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < f->scan.question_count && f->scan.questions[lo].start < si->end; lo++)
		if (f->scan.questions[lo].line)
			return f->scan.questions[lo].start;
	return si->end;
}

static int plan_items(struct plan *p, struct file *f)
{
	int error = 0;
	for (size_t i = 0; !error && i < f->scan.item_count; i++) {
		const struct scan_item *si = &f->scan.items[i];
		const grille_item *old_i = grille_grid_find_item(p->old, si->id);
		const grille_item *new_i = grille_grid_find_item(p->new, si->id);
		if (!old_i || !si->line || si->end_line < si->line || item_in(f, si->id) != si)
			continue;
		if (!new_i) {
			if (!noted(f, si->heading_to, si->end, 1, p->version))
				error = flag(f, si->id, si->heading_to, 1, p->version);
			continue;
		}
		error = retitle(f, si->id, 2, si->start, si->heading_to, si->line, old_i->title, new_i->title);
		if (!error) /* the item's guidance stands before its first question */
			error = reword_guidance(f, si->id, si->heading_to, first_question_start(f, si), old_i->guidance,
			                        new_i->guidance);
	}
	return error;
}

static int question_anywhere(const struct plan *p, const char *id)
{
	return grid_index__find(&p->questions, id) != NULL;
}

static int item_anywhere(const struct plan *p, const char *id)
{
	return grid_index__find(&p->items, id) != NULL;
}

/* A question the file should now hold: at the workspace's level in the new
 * grid, above it (or absent) in the old one, and in no step file. */
static int wanted(const struct plan *p, const grille_question *q)
{
	const grille_question *old_q = grille_grid_find_question(p->old, q->id);
	return q->level <= p->level && (!old_q || old_q->level > p->level) && !question_anywhere(p, q->id);
}

/* After the item's previous question (grid order) the file holds; else as
 * its first question; else at its end. */
static size_t question_place(const struct file *f, const struct scan_item *si, const grille_item *gi, size_t k)
{
	for (size_t j = k; j-- > 0;) {
		const struct scan_question *sq = question_in(f, gi->questions[j].id);
		if (sq && sq->line && sq->end_line >= sq->line)
			return sq->end;
	}
	return first_question_start(f, si);
}

/* After the previous item (grid order) the file holds; else before its first item; else at the end. */
static size_t item_place(const struct file *f, const grille_step *step, size_t k)
{
	for (size_t j = k; j-- > 0;) {
		const struct scan_item *si = item_in(f, step->items[j].id);
		if (si && si->line && si->end_line >= si->line)
			return si->end;
	}
	size_t first = f->len;
	for (size_t i = 0; i < f->scan.item_count; i++)
		if (f->scan.items[i].line && f->scan.items[i].start < first)
			first = f->scan.items[i].start;
	return first;
}

static int add_item(struct plan *p, struct file *f, const grille_step *step, size_t k)
{
	const grille_item *gi = &step->items[k];
	struct op *op = add_op(f, GRILLE_UPGRADE_ADDED, gi->id, item_place(f, step, k), 0, 1);
	if (!op)
		return error__oom();
	op->to = op->from;
	for (size_t q = 0; q < gi->question_count; q++)
		op->questions += gi->questions[q].level <= p->level;
	return scaffold__item(&op->text, gi, p->level);
}

/* Items and questions new in the grid, in place. */
static int plan_additions(struct plan *p, struct file *f, const grille_step *step)
{
	int error = 0;
	for (size_t i = 0; !error && i < step->item_count; i++) {
		const grille_item *gi = &step->items[i];
		const struct scan_item *si = item_in(f, gi->id);
		if (!grille_grid_find_item(p->old, gi->id)) {
			if (!si && !item_anywhere(p, gi->id))
				error = add_item(p, f, step, i);
			continue;
		}
		/* An item the group took out of its file stays out. */
		if (!si || !si->line || si->end_line < si->line)
			continue;
		for (size_t q = 0; !error && q < gi->question_count; q++) {
			const grille_question *gq = &gi->questions[q];
			if (!wanted(p, gq))
				continue;
			size_t at = question_place(f, si, gi, q);
			struct op *op = add_op(f, GRILLE_UPGRADE_ADDED, gq->id, at, at, 1);
			if (!op)
				return error__oom();
			op->questions = 1;
			error = scaffold__questions(&op->text, &gq, 1);
		}
	}
	return error;
}

/* Whether the old grid's step had a group of this title: one the group took out stays out. */
static int old_group(const struct plan *p, const grille_step *step, const char *title)
{
	const grille_step *old = grille_grid_find_step(p->old, step->id);
	for (size_t g = 0; old && g < old->group_count; g++)
		if (strcmp(old->groups[g].title, title) == 0)
			return 1;
	return 0;
}

/* Whether the file has `heading` (a whole line, its "\n" excluded) anywhere. */
static int has_line(const struct file *f, const char *heading, size_t len)
{
	for (size_t at = 0; at < f->len; at = next_line(f, at))
		if (at + len <= f->len && memcmp(f->data + at, heading, len) == 0 &&
		    (at + len == f->len || f->data[at + len] == '\n' || f->data[at + len] == '\r'))
			return 1;
	return 0;
}

/* The heading of each group new in the grid, before its first item (when the file has it). */
static int plan_groups(struct plan *p, struct file *f, const grille_step *step)
{
	for (size_t g = 0; g < step->group_count; g++) {
		const grille_item_group *group = &step->groups[g];
		const struct scan_item *si = item_in(f, step->items[group->first].id);
		if (!si || !si->line || old_group(p, step, group->title))
			continue;
		grille_buf heading = GRILLE_BUF_INIT;
		int error = scaffold__group(&heading, group);
		size_t line_len = heading.ptr ? strcspn(heading.ptr, "\n") : 0;
		int present = !error && heading.ptr && has_line(f, heading.ptr, line_len);
		struct op *op = error || present ? NULL : add_op(f, GRILLE_UPGRADE_GROUPED, si->id, si->start, si->start, 1);
		if (op)
			op->text = heading;
		else
			grille_buf_release(&heading);
		if (error || (!present && !op))
			return error ? error : error__oom();
	}
	return 0;
}

static int op_order(const void *a, const void *b)
{
	const struct op *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->insert != y->insert)
		return x->insert ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static size_t count_lines(const char *text, size_t len)
{
	return text__count_newlines(text, len);
}

/* Append `text`, its "\n" written as the file's line ending. */
static int put_text(grille_buf *out, const char *text, size_t len, const char *eol)
{
	int error = 0;
	for (size_t i = 0; i < len && !error;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		error = grille_buf_put(out, text + i, end - i);
		if (!error && nl)
			error = grille_buf_puts(out, eol);
		i = end + 1;
	}
	return error;
}

/* Whether the last line of `out` (ended by its last "\n") is blank. */
static int ends_blank(const grille_buf *out)
{
	if (!out->len || out->ptr[out->len - 1] != '\n')
		return 0;
	for (size_t i = out->len - 1; i-- > 0;) {
		if (out->ptr[i] == '\n')
			return 1;
		if (!strchr(" \t\r", out->ptr[i]))
			return 0;
	}
	return 1;
}

/* Lines of the new file counted so far: those of its first `counted` bytes. */
struct line_count {
	size_t counted, lines;
};

static size_t lines_now(const grille_buf *out, struct line_count *c)
{
	if (out->len > c->counted)
		c->lines += count_lines(out->ptr + c->counted, out->len - c->counted);
	c->counted = out->len;
	return c->lines;
}

/* One change put in the new file, with the blank lines an insert needs. */
static int put_op(grille_buf *out, const struct file *f, const struct op *op, grille_upgrade_change *change,
                  size_t old_lines, struct line_count *c)
{
	int error = 0;
	/* Its lines, the blank lines an insert puts around its text included;
	 * and the file's last line, when an insert at the end must end it. */
	change->first = lines_now(out, c) + 1;
	if (op->insert && out->len && out->ptr[out->len - 1] != '\n') {
		error = grille_buf_puts(out, f->eol);
		change->old_first = change->old_last = old_lines + 1;
	}
	if (!error && op->insert && out->len && !ends_blank(out))
		error = grille_buf_puts(out, f->eol);
	if (!error)
		error = put_text(out, op->text.ptr ? op->text.ptr : "", op->text.len, f->eol);
	if (!error && op->insert && op->from < f->len && !blank_line_at(f, op->from))
		error = grille_buf_puts(out, f->eol);
	change->last = lines_now(out, c) + (op->text.len && out->ptr[out->len - 1] != '\n'); /* a last line, unended */
	if (!op->insert) { /* the lines it replaced, the file's last one counted when no line ending ends it */
		size_t n = count_lines(f->data + op->from, op->to - op->from);
		change->old_first = old_lines + 1;
		change->old_last = old_lines + n + (op->to > op->from && f->data[op->to - 1] != '\n');
	}
	change->kind = op->kind;
	return error ? error : (change->id = strdup(op->id)) ? 0 : error__oom();
}

static void count_change(grille_upgrade_file *sum, const struct op *op)
{
	if (op->kind == GRILLE_UPGRADE_ADDED)
		sum->added += op->questions;
	else if (op->kind == GRILLE_UPGRADE_RETITLED)
		sum->retitled++;
	else if (op->kind == GRILLE_UPGRADE_REWORDED)
		sum->reworded++;
	else if (op->kind == GRILLE_UPGRADE_GROUPED)
		sum->grouped++;
	else
		sum->flagged++;
}

/* The new file: the old one's bytes, and the changes in their places. */
static int apply(struct file *f, struct upgrade_output *out)
{
	if (!f->op_count)
		return 0;
	qsort(f->ops, f->op_count, sizeof(*f->ops), op_order);
	grille_upgrade_file *sum = &out->summary;
	if (!(sum->changes = calloc(f->op_count, sizeof(*sum->changes))))
		return error__oom();
	int error = grille_buf_grow(&out->text, f->len + 1);
	size_t pos = 0, old_lines = 0;
	struct line_count c = { 0, 0 };
	for (size_t i = 0; !error && i < f->op_count; i++) {
		const struct op *op = &f->ops[i];
		if (op->from < pos) /* never: the changes of one file do not overlap */
			return error__set(GRILLE_ERROR, _("« %s » : deux changements de la grille tombent au même endroit, "
			                                  "rien n'a été changé"), f->name);
		error = grille_buf_put(&out->text, f->data + pos, op->from - pos);
		old_lines += count_lines(f->data + pos, op->from - pos);
		if (!error)
			error = put_op(&out->text, f, op, &sum->changes[sum->change_count++], old_lines, &c);
		old_lines += count_lines(f->data + op->from, op->to - op->from);
		count_change(sum, op);
		pos = op->to;
	}
	if (!error)
		error = grille_buf_put(&out->text, f->data + pos, f->len - pos);
	out->changed = 1;
	return error;
}

/* Read what the plan wrote, as every command will: each heading it added
 * must stand as a heading, each question it flagged must read as flagged.
 * Text of the group's that runs on (a code block or HTML left open above)
 * could swallow them: then nothing is written, and the message says why. */
static int verify(const struct file *f, const struct upgrade_output *out, const grille_grid *new_grid)
{
	struct scan scan;
	int error = scan__text(&scan, out->text.ptr ? out->text.ptr : "", out->text.len, f->name, new_grid);
	for (size_t i = 0; !error && i < f->op_count; i++) {
		const struct op *op = &f->ops[i];
		int item = scan__id_depth(op->id) == 1, seen = 1;
		if (op->kind == GRILLE_UPGRADE_ADDED || op->kind == GRILLE_UPGRADE_RETITLED)
			seen = item ? scan__item(&scan, op->id) != NULL : scan__question(&scan, op->id) != NULL;
		else if (op->kind == GRILLE_UPGRADE_FLAGGED && !item)
			seen = scan__question(&scan, op->id) && scan__question(&scan, op->id)->retired;
		if (!seen)
			error = error__set(GRILLE_EINVALID,
				_("« %s » : « %s » ne peut pas y être écrit à sa place, car un bloc du texte au-dessus "
				  "(code entre ```, HTML) n'est pas fermé et l'engloberait : fermez-le, puis recommencez. "
				  "Rien n'a été changé"), f->name, op->id);
	}
	scan__release(&scan);
	return error;
}

/* A step new in the grid: its file, as init writes it. */
static int create_step(struct upgrade_output *out, const grille_step *step, int level)
{
	int error = scaffold__step(&out->text, step, level);
	size_t added = 0;
	for (size_t i = 0; i < step->item_count; i++)
		for (size_t q = 0; q < step->items[i].question_count; q++)
			added += step->items[i].questions[q].level <= level;
	out->changed = 1;
	out->summary.created = 1;
	out->summary.added = added;
	return error;
}

/* Add `id` unless it is there: the first heading of an ID is the one that counts. */
static int index_first(grille_grid_index *index, const char *id, const void *value)
{
	int error = grid_index__add(index, id, value, 0, NULL);
	return error == GRILLE_EEXISTS ? 0 : error;
}

static int open_file(struct file *f, const struct upgrade_input *in, const grille_grid *old)
{
	f->name = in->name;
	if (!in->data) {
		f->missing = 1;
		return 0;
	}
	f->data = in->data;
	f->len = in->len;
	f->eol = edit__line_ending(f->data, f->len);
	int error = scan__text(&f->scan, f->data, f->len, f->name, old);
	for (size_t i = 0; !error && i < f->scan.question_count; i++)
		error = index_first(&f->questions, f->scan.questions[i].id, &f->scan.questions[i]);
	for (size_t i = 0; !error && i < f->scan.item_count; i++)
		error = index_first(&f->items, f->scan.items[i].id, &f->scan.items[i]);
	if (!error && f->scan.conflict_count)
		error = error__set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), f->name);
	return error;
}

int upgrade__plan(struct upgrade_output *out, const struct upgrade_input *in, const grille_grid *old_grid,
                  const grille_grid *new_grid, int level)
{
	struct plan p = { .old = old_grid, .new = new_grid, .version = grille_grid_version(new_grid), .level = level,
	                  .file_count = grille_grid_step_count(new_grid) };
	memset(out, 0, p.file_count * sizeof(*out));
	if (!(p.files = calloc(p.file_count ? p.file_count : 1, sizeof(*p.files))))
		return error__oom();
	int error = 0;
	for (size_t s = 0; !error && s < p.file_count; s++)
		error = open_file(&p.files[s], &in[s], old_grid);
	for (size_t s = 0; !error && s < p.file_count; s++) {
		const struct scan *scan = &p.files[s].scan;
		for (size_t i = 0; !error && i < scan->question_count; i++)
			error = index_first(&p.questions, scan->questions[i].id, &scan->questions[i]);
		for (size_t i = 0; !error && i < scan->item_count; i++)
			error = index_first(&p.items, scan->items[i].id, &scan->items[i]);
	}
	for (size_t s = 0; !error && s < p.file_count; s++) {
		struct file *f = &p.files[s];
		const grille_step *step = grille_grid_step(new_grid, s);
		if (f->missing && !grille_grid_find_step(old_grid, step->id))
			error = create_step(&out[s], step, level);
		if (f->missing)
			continue;
		error = plan_items(&p, f);
		if (!error)
			error = plan_questions(&p, f);
		if (!error)
			error = plan_additions(&p, f, step);
		if (!error)
			error = plan_groups(&p, f, step);
		if (!error)
			error = apply(f, &out[s]);
		if (!error && out[s].changed)
			error = verify(f, &out[s], new_grid);
	}
	for (size_t s = 0; s < p.file_count; s++)
		file_release(&p.files[s]);
	free(p.files);
	grid_index__release(&p.questions);
	grid_index__release(&p.items);
	if (error)
		for (size_t s = 0; s < p.file_count; s++)
			upgrade__output_release(&out[s]);
	return error;
}

void upgrade__output_release(struct upgrade_output *out)
{
	grille_buf_release(&out->text);
	for (size_t i = 0; i < out->summary.change_count; i++)
		free(out->summary.changes[i].id);
	free(out->summary.changes);
	free(out->summary.file);
	memset(out, 0, sizeof(*out));
}
