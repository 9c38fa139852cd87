/* A large step file scanned in a parallel job is walked in two halves at
 * once (lib/scan.c, scan_walk()): the scan must be the one a single walk
 * gives, field for field, whether the halves are kept or the cut fell where
 * the walk must see the whole (a fence, a table, an HTML block going on past
 * it), and a bad byte in the second half is named as in the whole file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "fs.h"
#include "parallel.h"
#include "scan.h"
#include "tap.h"

/* The first difference between two scans of the same text, or NULL. */
static const char *differs(const struct scan *a, const struct scan *b)
{
	static char what[256];
	if (a->question_count != b->question_count || a->item_count != b->item_count ||
	    a->conflict_count != b->conflict_count)
		return "the number of questions, items or conflicts";
	for (size_t i = 0; i < a->item_count; i++) {
		const struct scan_item *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->id, y->id) || strcmp(x->title, y->title) || x->line != y->line ||
		    x->end_line != y->end_line || x->heading_end != y->heading_end || x->mark.kind != y->mark.kind ||
		    x->mark.line != y->mark.line || x->start != y->start || x->heading_to != y->heading_to ||
		    x->end != y->end || x->mark.start != y->mark.start || x->mark.end != y->mark.end) {
			snprintf(what, sizeof(what), "item %s", x->id);
			return what;
		}
	}
	for (size_t i = 0; i < a->question_count; i++) {
		const struct scan_question *x = &a->questions[i], *y = &b->questions[i];
		int same = !strcmp(x->id, y->id) && !strcmp(x->text, y->text) && x->line == y->line &&
		           x->end_line == y->end_line && x->heading_end == y->heading_end &&
		           x->answered == y->answered && x->conflict == y->conflict && x->retired == y->retired &&
		           x->checked == y->checked && x->mark.kind == y->mark.kind && x->mark.line == y->mark.line &&
		           x->mark.end_line == y->mark.end_line &&
		           !strcmp(x->mark.reason ? x->mark.reason : "", y->mark.reason ? y->mark.reason : "") &&
		           !strcmp(x->mark.until ? x->mark.until : "", y->mark.until ? y->mark.until : "") &&
		           x->body_hash == y->body_hash && x->answer_range_count == y->answer_range_count &&
		           x->start == y->start && x->heading_to == y->heading_to && x->end == y->end &&
		           x->mark.start == y->mark.start && x->mark.end == y->mark.end &&
		           x->position_count == y->position_count && x->synthesis.line == y->synthesis.line;
		if (!same) {
			snprintf(what, sizeof(what), "question %s", x->id);
			return what;
		}
	}
	return NULL;
}

struct job {
	const struct fs_map *map;
	const grille_grid *grid;
	struct scan scan;
	int error;
	char message[512];
};

static int scan_job(size_t index, void *arg)
{
	(void)index;
	struct job *job = arg;
	job->error = scan__file(&job->scan, job->map, "etape-2.md", job->grid);
	if (job->error)
		snprintf(job->message, sizeof(job->message), "%s", grille_error_last());
	return 0;
}

/* Items of step 2 with answers in several forms, from item `from`, until `text` holds `size` bytes. */
static size_t items(grille_buf *text, size_t from, size_t size)
{
	size_t i = from;
	for (; text->len < size; i++) {
		grille_buf_printf(text, "## 2.%zu Un item\n\n### 2.%zu.a Une question ?\n\n", i, i);
		switch (i % 5) {
		case 0:
			grille_buf_printf(text, "Une réponse\nsur deux lignes, numéro %zu.\n\n", i);
			break;
		case 1:
			grille_buf_puts(text, "- un point\n- un autre\n\n");
			break;
		case 2:
			grille_buf_puts(text, "> Question mise de côté : hors sujet.\n\n");
			break;
		case 3:
			grille_buf_puts(text, "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n");
			break;
		default:
			grille_buf_puts(text, "\n");
			break;
		}
		grille_buf_printf(text, "### 2.%zu.b Une autre ?\n\n", i);
	}
	return i;
}

/* A step file whose middle falls in a long answer, followed by `at_cut`
 * (where the halves would meet: before the first item heading after the
 * middle), then more items; `tail` at the end. */
static void make(grille_buf *text, const char *at_cut, const char *tail)
{
	text->len = 0;
	size_t next = items(text, 1, (size_t)3 << 19);
	grille_buf_printf(text, "## 2.%zu Le long item\n\n### 2.%zu.a La longue question ?\n\n", next, next);
	next++;
	while (text->len < ((size_t)5 << 19))
		grille_buf_puts(text, "Une longue réponse, paragraphe après paragraphe, sans titre.\n\n");
	grille_buf_puts(text, at_cut);
	items(text, next + 1000, (size_t)19 << 18);
	grille_buf_puts(text, tail);
}

static void halves(const grille_grid *grid, const char *dir, const char *what, const char *at_cut,
                   const char *tail, int kept)
{
	grille_buf text = GRILLE_BUF_INIT;
	make(&text, at_cut, tail);
	char *path = fs__join(dir, "etape-2.md");
	FILE *f = fopen(path, "w");
	ok(f && fwrite(text.ptr, 1, text.len, f) == text.len && fclose(f) == 0, "%s: a step file of %zu bytes", what,
	   text.len);
	struct fs_map map;
	struct job job = { &map, grid, { 0 }, 0, "" };
	struct scan whole;
	int whole_error = scan__text(&whole, text.ptr, text.len, "etape-2.md", grid);
	char whole_message[512];
	snprintf(whole_message, sizeof(whole_message), "%s", whole_error ? grille_error_last() : "");
	if (ok(fs__map(&map, path) == 0, "%s: opened", what) &&
	    ok(parallel__for(2, 1, scan_job, &job) == 0, "%s: scanned in a job", what)) {
		if (whole_error) {
			ok(job.error == whole_error, "%s: refused as the whole text is", what);
			is_str(job.message, whole_message, "%s: with the same message", what);
		} else if (ok(job.error == 0, "%s: scanned (%s)", what, job.message)) {
			const char *diff = differs(&job.scan, &whole);
			ok(!diff, "%s: as one walk scans it: %s", what, diff ? diff : "same");
			ok(job.scan.halves == kept, "%s: %s", what, kept ? "in two halves" : "walked again whole");
			ok(whole.question_count > 100, "%s: %zu questions", what, whole.question_count);
			scan__release(&job.scan);
		}
	}
	if (!whole_error)
		scan__release(&whole);
	fs__unmap(&map);
	unlink(path);
	free(path);
	grille_buf_release(&text);
}

int main(void)
{
	grille_init();
	grille_grid *grid = NULL;
	char dir[] = "/tmp/test-scan-halves-XXXXXX";
	if (ok(grille_grid_load_default(&grid) == 0, "load the default grid") &&
	    ok(mkdtemp(dir) != NULL, "a temporary folder")) {
		halves(grid, dir, "items", "", "", 1);
		halves(grid, dir, "a conflict across the cut", "<<<<<<< HEAD\nA\n=======\nB\n", ">>>>>>> autre\n", 1);
		halves(grid, dir, "a fence open at the cut", "```\n", "```\n", 0);
		halves(grid, dir, "a table right before the cut", "| a | b |\n| --- | --- |\n| 1 | 2 |\n", "", 0);
		halves(grid, dir, "an HTML block right before the cut", "<div>\n", "", 0);
		halves(grid, dir, "a bad byte in the second half", "", "caf\xe9\n", 0);
		rmdir(dir);
	}
	grille_grid_free(grid);
	grille_shutdown();
	return tap_done();
}
