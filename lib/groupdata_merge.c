#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "groupdata.h"
#include "intl.h"

/* Two members who each add an action before syncing both take the next
 * number, say A4: git's union merge keeps both rows, and the plan would show
 * a conflict on A4 although nobody changed anybody's action. Such a key is
 * new on both sides (the merge base has no A4): our row gets the next free
 * number (theirs is already shared, maybe already cited), and the merge says
 * so. An A4 both sides changed (it was
 * in the base) stays a conflict, for the group to settle. */

static int in_plan(const struct groupdata_plan *plan, unsigned long number)
{
	for (size_t i = 0; i < plan->count; i++)
		if (plan->items[i].number == number)
			return 1;
	return 0;
}

/* Which of a conflict's rows is the other side's: the one line their file
 * has; c->count when it is not exactly one. */
static size_t their_row(const grille_entry_conflict *c, const char *theirs, size_t theirs_len)
{
	size_t found = c->count, matches = 0;
	for (size_t at = 0; at < theirs_len; ) {
		const char *line = theirs + at, *nl = memchr(line, '\n', theirs_len - at);
		size_t n = nl ? (size_t)(nl - line) : theirs_len - at;
		at += nl ? n + 1 : n;
		if (n && line[n - 1] == '\r')
			n--;
		for (size_t k = 0; k < c->count; k++)
			if (strlen(c->texts[k]) == n && memcmp(c->texts[k], line, n) == 0) {
				found = k;
				matches++;
			}
	}
	return matches == 1 ? found : c->count;
}

/* `line` of `data` with its first cell made `id`, appended to `out`. */
static int renumbered_line(grille_buf *out, const char *line, size_t len, const char *id)
{
	const char *first = memchr(line, '|', len);
	const char *second = first ? memchr(first + 1, '|', len - (size_t)(first + 1 - line)) : NULL;
	if (!second)
		return grille_buf_put(out, line, len);
	grille_buf_put(out, line, (size_t)(first + 1 - line));
	grille_buf_printf(out, " %s ", id);
	return grille_buf_put(out, second, len - (size_t)(second - line));
}

struct renumbering {
	size_t *lines;  /* in the merged file */
	char (*ids)[16];
	size_t count;
};

static int plan_lines(struct renumbering *r, grille_buf *note, const struct groupdata_plan *merged,
                      const struct groupdata_plan *base, const char *theirs, size_t theirs_len)
{
	char next[16];
	groupdata__plan_next_id(merged, next);
	unsigned long number = strtoul(next + 1, NULL, 10);
	r->lines = calloc(merged->common.conflict_count + 1, sizeof(*r->lines));
	r->ids = calloc(merged->common.conflict_count + 1, sizeof(*r->ids));
	if (!r->lines || !r->ids)
		return error__oom();
	for (size_t i = 0; i < merged->common.conflict_count; i++) {
		const grille_entry_conflict *c = &merged->common.conflicts[i];
		unsigned long key = strtoul(c->key + 1, NULL, 10);
		size_t k = c->count == 2 && !in_plan(base, key) ? their_row(c, theirs, theirs_len) : c->count;
		if (k == c->count)
			continue;
		k = 1 - k; /* ours */
		r->lines[r->count] = c->lines[k];
		snprintf(r->ids[r->count], sizeof(r->ids[r->count]), "A%lu", number++);
		grille_buf_printf(note, _("Deux actions ajoutées des deux côtés portaient le numéro %s : la vôtre devient %s.\n"), c->key, r->ids[r->count]);
		r->count++;
	}
	return grille_buf_oom(note) ? error__oom() : 0;
}

static int rewrite(grille_buf *out, const char *data, size_t len, const struct renumbering *r)
{
	size_t line = 0;
	int error = 0;
	for (size_t at = 0; !error && at < len; ) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t whole = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
		line++;
		size_t k = 0;
		while (k < r->count && r->lines[k] != line)
			k++;
		error = k < r->count ? renumbered_line(out, data + at, whole, r->ids[k]) : grille_buf_put(out, data + at, whole);
		at += whole;
	}
	return error;
}

int groupdata__plan_renumber(grille_buf *out, grille_buf *note, const char *merged, size_t merged_len,
                             const char *base, size_t base_len, const char *theirs, size_t theirs_len)
{
	struct groupdata_plan m, b;
	struct renumbering r = { 0 };
	int error = groupdata__plan_load(&m, merged, merged_len, GROUPDATA_PLAN_FILE);
	int base_error = groupdata__plan_load(&b, base, base_len, GROUPDATA_PLAN_FILE);
	/* A plan with problems is left as it is: the group sees them and fixes them. */
	if (error == GRILLE_EINVALID || base_error == GRILLE_ENOMEM)
		error = base_error == GRILLE_ENOMEM ? base_error : 0;
	else if (!error && m.common.conflict_count)
		error = plan_lines(&r, note, &m, &b, theirs, theirs_len);
	if (!error && r.count)
		error = rewrite(out, merged, merged_len, &r);
	free(r.lines);
	free(r.ids);
	groupdata__plan_release(&m);
	groupdata__plan_release(&b);
	return error;
}
