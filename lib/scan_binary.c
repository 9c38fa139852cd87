#include <stdlib.h>
#include <string.h>

#include "grille/grid.h"
#include "scan_binary.h"

static void put_mark(grille_buf *out, const struct scan_mark *m)
{
	bin__put_u32(out, (uint32_t)m->kind);
	bin__put_u64(out, m->line);
	bin__put_u64(out, m->end_line);
	bin__put_u64(out, m->start);
	bin__put_u64(out, m->end);
	bin__put_str(out, m->until);
	bin__put_str(out, m->until_text);
	bin__put_str(out, m->reason);
}

/* A heading's lines and bytes, as items and questions have them. */
static void put_place(grille_buf *out, size_t line, size_t end_line, size_t heading_end, size_t start,
                      size_t heading_to, size_t end)
{
	size_t values[] = { line, end_line, heading_end, start, heading_to, end };
	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++)
		bin__put_u64(out, values[i]);
}

static void put_section(grille_buf *out, const struct scan_section *sec)
{
	bin__put_str(out, sec->name);
	size_t values[] = { sec->line, sec->heading_end, sec->end_line, sec->start, sec->body.first, sec->body.last,
	                    sec->body.start, sec->body.end };
	for (size_t i = 0; i < sizeof(values) / sizeof(*values); i++)
		bin__put_u64(out, values[i]);
	bin__put_u32(out, (uint32_t)sec->written);
}

void scan_binary__put(grille_buf *out, const struct scan *s)
{
	bin__put_u64(out, s->conflict_count);
	bin__put_u32(out, (uint32_t)s->item_count);
	for (size_t i = 0; i < s->item_count; i++) {
		const struct scan_item *it = &s->items[i];
		bin__put_str(out, it->id);
		bin__put_str(out, it->title);
		put_place(out, it->line, it->end_line, it->heading_end, it->start, it->heading_to, it->end);
		put_mark(out, &it->mark);
	}
	bin__put_u32(out, (uint32_t)s->question_count);
	for (size_t i = 0; i < s->question_count; i++) {
		const struct scan_question *q = &s->questions[i];
		bin__put_str(out, q->id);
		bin__put_str(out, q->text);
		put_place(out, q->line, q->end_line, q->heading_end, q->start, q->heading_to, q->end);
		put_mark(out, &q->mark);
		bin__put_u32(out, (uint32_t)(q->answered | q->conflict << 1 | q->retired << 2));
		bin__put_u64(out, q->body_hash);
		bin__put_u64(out, q->checked);
		bin__put_u32(out, (uint32_t)q->position_count);
		for (size_t p = 0; p < q->position_count; p++)
			put_section(out, &q->positions[p]);
		put_section(out, &q->synthesis);
	}
}

/* An offset within the file's `size` bytes, or the reader is bad. */
static size_t get_offset(struct bin_reader *r, size_t size)
{
	uint64_t v = bin__get_u64(r);
	if (v > size)
		r->bad = 1;
	return r->bad ? 0 : (size_t)v;
}

static size_t get_line(struct bin_reader *r)
{
	uint64_t v = bin__get_u64(r);
	if (v > SIZE_MAX / 2)
		r->bad = 1;
	return (size_t)v;
}

static void get_mark(struct bin_reader *r, struct scan_mark *m, size_t size)
{
	uint32_t kind = bin__get_u32(r);
	if (kind > MARK_DEFER)
		r->bad = 1;
	m->kind = kind <= MARK_DEFER ? (enum scan_mark_kind)kind : MARK_NONE;
	m->line = get_line(r);
	m->end_line = get_line(r);
	m->start = get_offset(r, size);
	m->end = get_offset(r, size);
	if (m->start > m->end)
		r->bad = 1;
	m->until = bin__get_str(r, 0);
	m->until_text = bin__get_str(r, 0);
	m->reason = bin__get_str(r, 0);
}

static void get_place(struct bin_reader *r, size_t size, size_t *line, size_t *end_line, size_t *heading_end,
                      size_t *start, size_t *heading_to, size_t *end)
{
	*line = get_line(r);
	*end_line = get_line(r);
	*heading_end = get_line(r);
	*start = get_offset(r, size);
	*heading_to = get_offset(r, size);
	*end = get_offset(r, size);
	if (*start > *heading_to || *heading_to > *end)
		r->bad = 1;
}

static void get_section(struct bin_reader *r, struct scan_section *sec, size_t size, int named)
{
	sec->name = bin__get_str(r, named);
	sec->line = get_line(r);
	sec->heading_end = get_line(r);
	sec->end_line = get_line(r);
	sec->start = get_offset(r, size);
	sec->body.first = get_line(r);
	sec->body.last = get_line(r);
	sec->body.start = get_offset(r, size);
	sec->body.end = get_offset(r, size);
	uint32_t written = bin__get_u32(r);
	if (written > 1 || sec->body.start > sec->body.end)
		r->bad = 1;
	if (!named && sec->name) { /* the synthesis has no name: scan__release() would not free one */
		free(sec->name);
		sec->name = NULL;
		r->bad = 1;
	}
	sec->written = (int)written;
}

/* Least bytes an item and a question take: their strings' lengths and numbers. */
#define ITEM_MIN (2 * 4 + 6 * 8 + 4 + 4 * 8 + 3 * 4)
#define QUESTION_MIN (ITEM_MIN + 4 + 8 + 8 + 4)
#define SECTION_MIN (4 + 8 * 8 + 4)

int scan_binary__get(struct bin_reader *r, struct scan *s, size_t size)
{
	memset(s, 0, sizeof(*s));
	s->conflict_count = (size_t)bin__get_u64(r);
	size_t count = bin__get_count(r, ITEM_MIN);
	if (bin__ok(r) && !(s->items = calloc(count + 1, sizeof(*s->items))))
		r->oom = 1;
	for (size_t i = 0; bin__ok(r) && i < count; i++) {
		struct scan_item *it = &s->items[s->item_count++];
		it->id = bin__get_str(r, 1);
		it->title = bin__get_str(r, 1);
		get_place(r, size, &it->line, &it->end_line, &it->heading_end, &it->start, &it->heading_to, &it->end);
		get_mark(r, &it->mark, size);
	}
	count = bin__get_count(r, QUESTION_MIN);
	if (bin__ok(r) && !(s->questions = calloc(count + 1, sizeof(*s->questions))))
		r->oom = 1;
	for (size_t i = 0; bin__ok(r) && i < count; i++) {
		struct scan_question *q = &s->questions[s->question_count++];
		q->id = bin__get_str(r, 1);
		q->text = bin__get_str(r, 1);
		if (q->id && grille_id_kind(q->id) != 2)
			r->bad = 1;
		get_place(r, size, &q->line, &q->end_line, &q->heading_end, &q->start, &q->heading_to, &q->end);
		get_mark(r, &q->mark, size);
		uint32_t flags = bin__get_u32(r);
		if (flags > 7)
			r->bad = 1;
		q->answered = flags & 1;
		q->conflict = flags >> 1 & 1;
		q->retired = flags >> 2 & 1;
		q->body_hash = bin__get_u64(r);
		q->checked = bin__get_u64(r);
		size_t positions = bin__get_count(r, SECTION_MIN);
		if (bin__ok(r) && positions && !(q->positions = calloc(positions, sizeof(*q->positions))))
			r->oom = 1;
		for (size_t p = 0; bin__ok(r) && p < positions; p++)
			get_section(r, &q->positions[q->position_count++], size, 1);
		get_section(r, &q->synthesis, size, 0);
	}
	if (bin__ok(r))
		return 0;
	scan__release(s);
	return -1;
}
