#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "history_private.h"
#include "log_ahead.h"
#include "log_scan.h"
#include "repo.h"

/* More than a grid's step files, so that a merge's two sides both stay. */
#define KEPT 32

struct kept {
	git_oid id;
	const grille_grid *grid;
	char *grid_name;    /* its ID, version and language: an earlier grid freed, another may take its address */
	struct scan scan;
	int full;           /* 0: a free slot */
	unsigned long used; /* when last used: the least recent goes first */
};

struct log_scans {
	git_repository *repo;
	struct log_ahead *ahead; /* or NULL */
	const struct who_scans *given; /* or NULL */
	const grille_grid *given_grid;
	struct kept slots[KEPT];
	unsigned long clock;
};

int log_scans__new(struct log_scans **out, git_repository *repo)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return error__oom();
	(*out)->repo = repo;
	return 0;
}

void log_scans__ahead(struct log_scans *scans, struct log_ahead *ahead)
{
	scans->ahead = ahead;
}

void log_scans__given(struct log_scans *scans, const struct who_scans *given, const grille_grid *grid)
{
	scans->given = given;
	scans->given_grid = grid;
}

/* The scan given for blob `id` with `grid`, or NULL. */
static const struct scan *given_scan(const struct log_scans *m, const git_oid *id, const grille_grid *grid)
{
	for (size_t s = 0; m->given && m->given->held && grid == m->given_grid && s < m->given->count; s++)
		if (m->given->held[s] && git_oid_equal(&m->given->ids[s], id))
			return &m->given->scans[s];
	return NULL;
}

int log_scans__has_given(const struct log_scans *scans, const git_oid *id, const grille_grid *grid)
{
	return given_scan(scans, id, grid) != NULL;
}

static int copy_scan(struct scan *out, const struct scan *s);

/* Scan blob `id`: given, scanned ahead already, or now. */
static int scan_blob(struct log_scans *m, const git_oid *id, const char *name, const grille_grid *grid,
                     struct scan *out)
{
	const struct scan *given = given_scan(m, id, grid);
	if (given) {
		if (copy_scan(out, given) == 0)
			return 0;
		scan__release(out);
		return error__oom();
	}
	if (m->ahead && log_ahead__take(m->ahead, id, grid, out))
		return 0;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, m->repo, id) < 0)
		return repo__error(name);
	int error = scan__text(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), name, grid);
	git_blob_free(blob);
	return error;
}

/* The grid's ID, version and language, in a new string (NULL when memory runs out). */
static char *grid_name(const grille_grid *grid)
{
	grille_buf name = GRILLE_BUF_INIT;
	grille_buf_printf(&name, "%s@%s/%s", grille_grid_id(grid), grille_grid_version(grid), grille_grid_language(grid));
	return grille_buf_oom(&name) ? (grille_buf_release(&name), NULL) : grille_buf_detach(&name);
}

static struct kept *find(struct log_scans *m, const git_oid *id, const grille_grid *grid, const char *name)
{
	for (size_t i = 0; i < KEPT; i++)
		if (m->slots[i].full && m->slots[i].grid == grid && git_oid_equal(&m->slots[i].id, id) &&
		    strcmp(m->slots[i].grid_name, name) == 0)
			return &m->slots[i];
	return NULL;
}

static struct kept *least_used(struct log_scans *m)
{
	struct kept *oldest = &m->slots[0];
	for (size_t i = 0; i < KEPT && oldest->full; i++)
		if (!m->slots[i].full || m->slots[i].used < oldest->used)
			oldest = &m->slots[i];
	return oldest;
}

static int copy_text(char **out, const char *s)
{
	return s && !(*out = strdup(s)) ? -1 : 0;
}

static int copy_mark(struct scan_mark *out, const struct scan_mark *m)
{
	*out = *m;
	out->until = out->until_text = out->reason = NULL;
	return copy_text(&out->until, m->until) || copy_text(&out->until_text, m->until_text) ||
	       copy_text(&out->reason, m->reason) ? -1 : 0;
}

static int copy_question(struct scan_question *out, const struct scan_question *q)
{
	*out = *q;
	out->id = out->text = NULL;
	out->answer_lines = NULL;
	out->answer_range_count = 0;
	out->positions = NULL;
	out->position_count = 0;
	memset(&out->mark, 0, sizeof(out->mark));
	if (copy_text(&out->id, q->id) || copy_text(&out->text, q->text) || copy_mark(&out->mark, &q->mark))
		return -1;
	if (q->answer_range_count) {
		if (!(out->answer_lines = malloc(q->answer_range_count * sizeof(*out->answer_lines))))
			return -1;
		memcpy(out->answer_lines, q->answer_lines, q->answer_range_count * sizeof(*out->answer_lines));
		out->answer_range_count = q->answer_range_count;
	}
	if (q->position_count && !(out->positions = calloc(q->position_count, sizeof(*out->positions))))
		return -1;
	for (; out->position_count < q->position_count; out->position_count++) {
		struct scan_section *p = &out->positions[out->position_count];
		*p = q->positions[out->position_count];
		p->name = NULL;
		if (copy_text(&p->name, q->positions[out->position_count].name))
			return -1;
	}
	return 0;
}

/* A deep copy of `s` into `out`; -1 when memory runs out (`out` to scan__release then). */
static int copy_scan(struct scan *out, const struct scan *s)
{
	*out = *s;
	out->items = calloc(s->item_count + 1, sizeof(*out->items));
	out->questions = calloc(s->question_count + 1, sizeof(*out->questions));
	out->item_count = out->question_count = 0;
	if (!out->items || !out->questions)
		return -1;
	for (; out->item_count < s->item_count; out->item_count++) {
		struct scan_item *it = &out->items[out->item_count];
		const struct scan_item *from = &s->items[out->item_count];
		*it = *from;
		it->id = it->title = NULL;
		memset(&it->mark, 0, sizeof(it->mark));
		if (copy_text(&it->id, from->id) || copy_text(&it->title, from->title) || copy_mark(&it->mark, &from->mark)) {
			out->item_count++;
			return -1;
		}
	}
	for (; out->question_count < s->question_count; out->question_count++)
		if (copy_question(&out->questions[out->question_count], &s->questions[out->question_count])) {
			out->question_count++;
			return -1;
		}
	return 0;
}

int log_scans__scan(void *ctx, const git_oid *id, const char *name, const grille_grid *grid, struct scan *out)
{
	struct log_scans *m = ctx;
	char *gname = grid_name(grid);
	if (!gname)
		return error__oom();
	struct kept *k = find(m, id, grid, gname);
	if (k) {
		free(gname);
		k->used = ++m->clock;
		if (copy_scan(out, &k->scan) == 0)
			return 0;
		scan__release(out);
		return error__oom();
	}
	int error = scan_blob(m, id, name, grid, out);
	struct scan copy;
	if (!error && copy_scan(&copy, out) == 0) {
		k = least_used(m);
		scan__release(&k->scan);
		free(k->grid_name);
		*k = (struct kept){ *id, grid, gname, copy, 1, ++m->clock };
		return 0;
	}
	if (!error)
		scan__release(&copy); /* memory running out: not kept */
	free(gname);
	return error;
}

void log_scans__free(struct log_scans *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < KEPT; i++) {
		scan__release(&m->slots[i].scan);
		free(m->slots[i].grid_name);
	}
	free(m);
}
