/* libFuzzer target: the answer scan of a step file (lib/scan.h) against the
 * default grid, plain and detailed. Any input is a step file: whatever it
 * holds, the scan returns 0 or a GRILLE_E* code with a message, never crashes,
 * and what it returns stays inside the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "scan.h"

static grille_grid *grid;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (grille_init() < 0 || grille_grid_load_default(&grid) < 0) {
		fprintf(stderr, "fuzz_scan: %s\n", grille_error_last());
		abort();
	}
	return 0;
}

static size_t line_count(const uint8_t *data, size_t size)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	return lines;
}

/* A position or the synthesis of a "positions" question: inside the question, its text after its heading. */
static void check_section(const struct scan_question *q, const struct scan_section *sec, size_t size)
{
	const struct scan_range *b = &sec->body;
	if (sec->line && (sec->line <= q->line || sec->line > sec->heading_end || sec->end_line > q->end_line ||
	                  (b->first && (b->first != sec->heading_end + 1 || b->last != sec->end_line ||
	                                b->start > b->end || b->end > size)))) {
		fprintf(stderr, "question %s: section at lines %zu-%zu outside %zu-%zu\n", q->id, sec->line,
		        sec->end_line, q->line, q->end_line);
		abort();
	}
}

static void check(const struct scan *scan, size_t lines, size_t size, int detailed)
{
	for (size_t i = 0; i < scan->question_count; i++) {
		const struct scan_question *q = &scan->questions[i];
		if (!q->id || q->line < 1 || q->line > q->end_line || q->end_line > lines ||
		    q->start > q->heading_to || q->heading_to > q->end || q->end > size) {
			fprintf(stderr, "question %zu (%s) at lines %zu-%zu of %zu\n", i, q->id ? q->id : "(null)",
			        q->line, q->end_line, lines);
			abort();
		}
		for (size_t r = 0; detailed && r < q->answer_range_count; r++)
			/* cmark-gfm ends some empty blocks on the line before they start: an empty range. */
			if (q->answer_lines[r].first > q->answer_lines[r].last + 1 || q->answer_lines[r].last > lines ||
			    q->answer_lines[r].start > q->answer_lines[r].end || q->answer_lines[r].end > size) {
				fprintf(stderr, "question %s: answer lines %zu-%zu of %zu\n", q->id,
				        q->answer_lines[r].first, q->answer_lines[r].last, lines);
				abort();
			}
		const struct scan_item *item = NULL;
		char *parent = scan__parent_id(q->id);
		if (parent)
			item = scan__item(scan, parent);
		free(parent);
		(void)scan__question_state(q, item);
		for (size_t p = 0; p < q->position_count; p++)
			check_section(q, &q->positions[p], size);
		check_section(q, &q->synthesis, size);
	}
	for (size_t i = 0; i < scan->item_count; i++) {
		const struct scan_item *it = &scan->items[i];
		if (!it->id || it->line < 1 || it->line > it->end_line || it->end_line > lines ||
		    it->start > it->heading_to || it->heading_to > it->end || it->end > size) {
			fprintf(stderr, "item %zu (%s) at lines %zu-%zu of %zu\n", i, it->id ? it->id : "(null)",
			        it->line, it->end_line, lines);
			abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t lines = line_count(data, size);
	struct scan scan;
	if (scan__text(&scan, (const char *)data, size, "etape.md", grid) == 0) {
		check(&scan, lines, size, 0);
		scan__release(&scan);
	} else if (!grille_error_last()[0]) {
		fprintf(stderr, "scan__text failed without a message\n");
		abort();
	}
	if (scan__detailed(&scan, (const char *)data, size, "etape.md", grid) == 0) {
		check(&scan, lines, size, 1);
		scan__release(&scan);
	}
	return 0;
}
