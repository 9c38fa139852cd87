/* libFuzzer target: the group's data files (lib/table.h, lib/groupdata.h).
 * Any input is read as a members file, a plan and a calendar: each load
 * returns 0 or a GRILLE_E* code with a message, every row and conflict it
 * names lies inside the file, and, on a plan that loads cleanly, an action
 * added then removed gives the file back byte for byte, and renumbering
 * after a merge keeps every row. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "groupdata.h"
#include "table.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (grille_init() < 0) {
		fprintf(stderr, "fuzz_table: %s\n", grille_error_last());
		abort();
	}
	return 0;
}

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_table: %s\n", what);
	abort();
}

static void check_common(const struct groupdata_common *c, const char *name, size_t lines, int error)
{
	if (error < 0 && error != GRILLE_EINVALID && error != GRILLE_ENOMEM)
		fail("a load failed with an unexpected code");
	if ((error == GRILLE_EINVALID) != (c->problem_count > 0) || (error < 0 && !grille_error_last()[0]))
		fail("problems and the result disagree");
	for (size_t i = 0; i < c->problem_count; i++)
		if (strncmp(c->problems[i], name, strlen(name)) != 0)
			fail("a problem that does not name its file");
	for (size_t i = 0; i < c->conflict_count; i++) {
		const grille_entry_conflict *k = &c->conflicts[i];
		if (k->count < 2 || !k->key)
			fail("a conflict of fewer than two rows");
		for (size_t j = 0; j < k->count; j++)
			if (k->lines[j] < 1 || k->lines[j] > lines || (j && k->lines[j] <= k->lines[j - 1]) || !k->texts[j])
				fail("a conflict's line outside the file or out of order");
	}
}

static void check_table(const char *data, size_t size, size_t lines)
{
	static const char *const header[] = { "Date", "Quoi", "Titre", "Fait" };
	struct table t;
	int error = table__parse(&t, data, size, "t.md", header, 4);
	if (error < 0 && error != GRILLE_EINVALID)
		fail("table__parse failed");
	for (size_t i = 0; i < t.row_count; i++) {
		const struct table_row *r = &t.rows[i];
		if (r->line < 1 || r->line > lines || r->start > r->text_end || r->text_end > r->end || r->end > size ||
		    r->end > t.end || (i && r->start < t.rows[i - 1].end))
			fail("a row outside the file or out of order");
	}
	if (t.end > size)
		fail("the table's end past the file");
	table__release(&t);
}

/* A clean plan: the next action added, then removed, gives the same bytes. */
static void plan_round_trip(const char *data, size_t size, const struct groupdata_plan *plan)
{
	grille_action a = { .text = "Une action | à tester", .state = GRILLE_ACTION_DOING };
	groupdata__plan_next_id(plan, a.id);
	grille_buf added = GRILLE_BUF_INIT, removed = GRILLE_BUF_INIT;
	int error = groupdata__plan_write(&added, data, size, "plan.md", GROUPDATA_APPEND, &a);
	if (error == 0) {
		struct groupdata_plan again;
		if (groupdata__plan_load(&again, added.ptr, added.len, "plan.md") != 0 || again.count != plan->count + 1)
			fail("an action added is not read back");
		groupdata__plan_release(&again);
		if (groupdata__plan_write(&removed, added.ptr, added.len, "plan.md", GROUPDATA_REMOVE, &a) != 0)
			fail("an action added cannot be removed");
		/* Only a last line without its line ending gains one. */
		if (size && data[size - 1] == '\n' && (removed.len != size || memcmp(removed.ptr, data, size) != 0))
			fail("add then remove changed the file");
	} else if (error != GRILLE_EINVALID && error != GRILLE_ENOMEM && error != GRILLE_EARGUMENT) {
		fail("an append to a clean plan failed");
	}
	grille_buf_release(&added);
	grille_buf_release(&removed);
}

/* The input as merged, its first half as the other side, no base: renumbering
 * keeps every row and leaves no more conflicts than there were. */
static void renumber(const char *data, size_t size, const struct groupdata_plan *plan)
{
	grille_buf out = GRILLE_BUF_INIT, note = GRILLE_BUF_INIT;
	int error = groupdata__plan_renumber(&out, &note, data, size, "", 0, data, size / 2);
	if (error < 0 && error != GRILLE_ENOMEM)
		fail("renumbering a clean plan failed");
	if (!error && out.len) {
		struct groupdata_plan again;
		if (groupdata__plan_load(&again, out.ptr, out.len, "plan.md") != 0 || again.count != plan->count ||
		    again.common.conflict_count >= plan->common.conflict_count || !note.len)
			fail("renumbering lost a row, or settled nothing, or said nothing");
		groupdata__plan_release(&again);
	}
	grille_buf_release(&out);
	grille_buf_release(&note);
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	const char *data = (const char *)bytes;
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	check_table(data, size, lines);

	struct groupdata_members m;
	check_common(&m.common, "membres.md", lines, groupdata__members_load(&m, data, size, "membres.md"));
	groupdata__members_release(&m);

	struct groupdata_plan p;
	int error = groupdata__plan_load(&p, data, size, "plan.md");
	check_common(&p.common, "plan.md", lines, error);
	if (error == 0) {
		plan_round_trip(data, size, &p);
		renumber(data, size, &p);
	}
	groupdata__plan_release(&p);

	struct groupdata_calendar c;
	check_common(&c.common, "calendrier.md", lines, groupdata__calendar_load(&c, data, size, "calendrier.md"));
	groupdata__calendar_release(&c);
	return 0;
}
