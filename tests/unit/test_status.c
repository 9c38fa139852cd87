/* The status built from in-memory text (lib/status.c): states, and where each
 * heading, mark and answer lies, in lines and in bytes. No file is read. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/workspace.h"
#include "fs.h"
#include "memory_workspace.h"
#include "tap.h"
#include "workspace_private.h"

/* Where line `n` of `text` starts, counting lines at line feeds; past the end, `len`. */
static size_t line_start(const char *text, size_t len, size_t n)
{
	size_t at = 0;
	for (size_t line = 1; line < n && at < len; line++) {
		const char *nl = memchr(text + at, '\n', len - at);
		at = nl ? (size_t)(nl - text) + 1 : len;
	}
	return at;
}

/* `span` covers lines first..last of `text`, and exactly their bytes. */
static void lies(const grille_span *span, const char *text, size_t first, size_t last, const char *what)
{
	size_t len = strlen(text);
	ok(span->first_line == first && span->last_line == last, "%s: lines %zu to %zu (got %zu to %zu)", what, first,
	   last, span->first_line, span->last_line);
	ok(span->start == line_start(text, len, first) && span->end == line_start(text, len, last + 1),
	   "%s: bytes %zu to %zu (got %zu to %zu)", what, line_start(text, len, first), line_start(text, len, last + 1),
	   span->start, span->end);
}

static const char crlf[] =
	"# 1 — Par où commençons-nous ?\r\n\r\n"     /* 1-2 */
	"## 1.1 Le contexte\r\n\r\n"                 /* 3-4 */
	"### 1.1.a Notre collectif\r\n\r\n"          /* 5-6 */
	"Notre réponse,\r\nsur deux lignes.\r\n\r\n" /* 7-9 */
	"### 1.1.b Pourquoi maintenant\r\n\r\n"      /* 10-11 */
	"**Mis de côté** : plus tard\r\n\r\n"        /* 12-13 */
	"### 1.1.c Qui décide\r\n\r\n"               /* 14-15 */
	"- [x] le bureau\r\n- [ ] l'assemblée\r\n\r\n" /* 16-18 */
	"<!-- pas une réponse -->\r\n\r\n"          /* 19-20 */
	"Et encore ceci.\r\n";                       /* 21 */

/* A moved question, and an answer at the end of the file without a final newline. */
static const char lf[] =
	"# 2 — Principes\n\n"
	"### 1.2.a Une question venue d'ailleurs\n\n"
	"Fin sans saut de ligne";

static void locations(const grille_status *st)
{
	const grille_question_status *a = grille_status_question(st, "1.1.a");
	const grille_question_status *b = grille_status_question(st, "1.1.b");
	const grille_question_status *c = grille_status_question(st, "1.1.c");
	const grille_question_status *moved = grille_status_question(st, "1.2.a");
	if (!ok(a && b && c && moved, "the questions are found"))
		return;
	ok(a->state == GRILLE_STATE_ANSWERED && b->state == GRILLE_STATE_SKIPPED, "1.1.a answered, 1.1.b skipped");
	lies(&a->section, crlf, 5, 9, "1.1.a's section");
	lies(&a->heading, crlf, 5, 5, "1.1.a's heading");
	ok(a->answer_count == 1, "1.1.a's answer is one block");
	if (a->answer_count == 1)
		lies(&a->answer[0], crlf, 7, 8, "1.1.a's answer");
	ok(a->mark.first_line == 0 && a->mark.end == 0, "1.1.a has no mark");
	lies(&b->mark, crlf, 12, 12, "1.1.b's mark");
	ok(b->answer_count == 0, "1.1.b has no answer");
	ok(c->answer_count == 2, "1.1.c: the list (its items touch) and the paragraph, not the comment");
	if (c->answer_count == 2) {
		lies(&c->answer[0], crlf, 16, 18, "1.1.c's list (cmark ends it after its blank line)");
		lies(&c->answer[1], crlf, 21, 21, "1.1.c's paragraph");
	}
	lies(&c->section, crlf, 14, 21, "1.1.c's section, to the end of the file");

	const grille_item_status *item = &st->steps[0].items[0];
	is_str(item->id, "1.1", "the first item is 1.1");
	is_str(item->file, "etape-1-par-ou-commencons-nous.md", "in step 1's file");
	lies(&item->section, crlf, 3, 21, "1.1's section");
	lies(&item->heading, crlf, 3, 3, "1.1's heading");

	is_str(moved->file, "etape-2-principes-d-action.md", "a moved question stands in the other file");
	ok(moved->state == GRILLE_STATE_ANSWERED && moved->answer_count == 1, "and is answered");
	if (moved->answer_count == 1) {
		ok(moved->answer[0].first_line == 5 && moved->answer[0].last_line == 5, "on line 5");
		ok(moved->answer[0].start == strlen(lf) - strlen("Fin sans saut de ligne") && moved->answer[0].end == strlen(lf),
		   "its bytes reach the end of the file");
		lies(&moved->section, lf, 3, 5, "the moved question's section");
	}
}

static void texts(const grille_status *st)
{
	char *text = NULL;
	const grille_question_status *a = grille_status_question(st, "1.1.a");
	ok(a && grille_answer_text(&text, a, crlf, strlen(crlf)) == 0, "1.1.a's text");
	is_str(text, "Notre réponse,\r\nsur deux lignes.\r\n", "as written, line endings kept");
	free(text);
	const grille_question_status *c = grille_status_question(st, "1.1.c");
	ok(c && grille_answer_text(&text, c, crlf, strlen(crlf)) == 0, "1.1.c's text");
	is_str(text, "- [x] le bureau\r\n- [ ] l'assemblée\r\n\r\n\nEt encore ceci.\r\n",
	       "blocks apart are set apart by a blank line");
	free(text);
	const grille_question_status *moved = grille_status_question(st, "1.2.a");
	ok(moved && grille_answer_text(&text, moved, lf, strlen(lf)) == 0, "the moved question's text");
	is_str(text, "Fin sans saut de ligne\n", "the last line ends with a newline");
	free(text);
	const grille_question_status *b = grille_status_question(st, "1.1.b");
	text = (char *)"x";
	ok(b && grille_answer_text(&text, b, crlf, strlen(crlf)) == 0 && !text, "no answer: NULL");
	ok(a && grille_answer_text(&text, a, crlf, 20) == GRILLE_EARGUMENT && !text, "text shorter than the status's: refused");
	ok(!grille_status_question(st, "9.9.z"), "an unknown ID: NULL");
}

/* HTML blocks that end on a closing line (</script>, </pre>, </style>, ?>,
 * ]]>, a declaration's >): cmark-gfm ends them a line early, and their last
 * line once fell outside the answer, out of the report and the page. */
static const char html[] =
	"# 1 — Par où commençons-nous ?\n\n"
	"### 1.1.a Notre collectif\n\n"
	"<script>\nalert(1)\n</script>\n\n"
	"### 1.1.b Pourquoi maintenant\n\n"
	"<pre>\nun\n</pre>\n"
	"<style>\np {}\n</style>\n"
	"### 1.1.c Qui décide\n\n"
	"> <?php\n> echo 1;\n> ?>\n\n"
	"<![CDATA[\nx\n]]>\n\n"
	"### 1.2.a Une question venue d'ailleurs\n\n"
	"<!DOCTYPE\nhtml>";

static void html_blocks(struct grille_workspace *ws)
{
	const char *file = grille_grid_step(ws->grid, 0)->file;
	size_t len = strlen(html);
	grille_status *st = NULL;
	if (!ok(grille_status_from_buffers(&st, ws, &file, (const char *[]){ html }, &len, 1, "2026-12-01") == 0,
	        "a status of HTML blocks: %s", grille_error_last()))
		return;
	static const struct {
		const char *id, *text;
	} want[] = {
		{ "1.1.a", "<script>\nalert(1)\n</script>\n" },
		{ "1.1.b", "<pre>\nun\n</pre>\n<style>\np {}\n</style>\n" },
		{ "1.1.c", "> <?php\n> echo 1;\n> ?>\n\n<![CDATA[\nx\n]]>\n" },
		{ "1.2.a", "<!DOCTYPE\nhtml>\n" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(*want); i++) {
		const grille_question_status *q = grille_status_question(st, want[i].id);
		char *text = NULL;
		ok(q && q->state == GRILLE_STATE_ANSWERED && grille_answer_text(&text, q, html, len) == 0,
		   "%s answered by its HTML", want[i].id);
		is_str(text, want[i].text, "%s: the closing line is in the answer", want[i].id);
		free(text);
	}
	grille_status_free(st);
}

/* grille_workspace_answer() reads the step files on disk: a scratch folder holding step 1's. */
static void answer_on_disk(struct grille_workspace *ws)
{
	char root[] = "/tmp/grille-test-status-XXXXXX";
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return;
	char *path = fs__join(root, grille_grid_step(ws->grid, 0)->file);
	ok(path && fs__replace(path, crlf, strlen(crlf)) == 0, "step 1's file written");
	char *saved = ws->root;
	ws->root = root;
	grille_answer a;
	if (ok(grille_workspace_answer(&a, ws, "1.1.a") == 0, "1.1.a's answer from the disk: %s", grille_error_last())) {
		is_str(a.file, grille_grid_step(ws->grid, 0)->file, "in step 1's file");
		is_str(a.text, "Notre réponse,\r\nsur deux lignes.\r\n", "its text");
		ok(a.state == GRILLE_STATE_ANSWERED && a.block_count == 1 && a.blocks[0].first_line == 7 &&
		   a.section.first_line == 5 && a.section.last_line == 9, "its state and places");
	}
	grille_answer_release(&a);
	ok(grille_workspace_answer(&a, ws, "1.1.b") == 0 && !a.text && a.state == GRILLE_STATE_SKIPPED,
	   "a skipped question: no text");
	grille_answer_release(&a);
	ok(grille_workspace_answer(&a, ws, "1.2.a") == GRILLE_ENOTFOUND && !a.file, "a question in no file");
	ok(grille_workspace_answer(&a, ws, "1.1") == GRILLE_EARGUMENT, "an item's ID is refused");
	ws->root = saved;
	ok(fs__remove_tree(root) == 0, "the scratch folder removed");
	free(path);
}

/* The cursors give every question once, in the order of the tree, and skip
 * steps and items that have none. */
static void walks(const grille_status *st)
{
	size_t expected = 0, given = 0, in_order = 1, steps_right = 1;
	for (size_t s = 0; s < st->step_count; s++)
		for (size_t i = 0; i < st->steps[s].item_count; i++)
			expected += st->steps[s].items[i].question_count;
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	const grille_step_status *step = NULL;
	size_t s = 0, i = 0, q = 0;
	for (const grille_question_status *qs; (qs = grille_status_next_question(st, &cursor, &step)); given++) {
		while (s < st->step_count && (i >= st->steps[s].item_count || q >= st->steps[s].items[i].question_count)) {
			if (i < st->steps[s].item_count && q >= st->steps[s].items[i].question_count)
				i++, q = 0;
			else
				s++, i = 0, q = 0;
		}
		in_order &= s < st->step_count && qs == &st->steps[s].items[i].questions[q++];
		steps_right &= step == &st->steps[s];
	}
	ok(given == expected && expected > 0, "the status walk gives every question once (%zu of %zu)", given, expected);
	ok(in_order, "in the order of the tree");
	ok(steps_right, "each with its step");
	ok(!grille_status_next_question(st, &cursor, NULL), "and stays at the end");
	grille_step_status empty = { 0 };
	grille_question_cursor none = GRILLE_QUESTION_CURSOR_INIT;
	ok(!grille_step_next_question(&empty, &none), "a step without items gives nothing");
	grille_question_cursor step_cursor = GRILLE_QUESTION_CURSOR_INIT;
	size_t in_step = 0;
	while (grille_step_next_question(&st->steps[0], &step_cursor))
		in_step++;
	ok(in_step == st->steps[0].question_count, "the step walk gives its %zu questions", in_step);
}

int main(void)
{
	grille_init();
	struct grille_workspace ws;
	if (!ok(memory_workspace_open(&ws) == 0, "a workspace in memory: the default grid, settings, a session: %s",
	        grille_error_last()))
		return tap_done();
	/* Every step file from memory: the folder does not exist. */
	size_t count = grille_grid_step_count(ws.grid);
	const char **files = calloc(count, sizeof(*files)), **texts_ = calloc(count, sizeof(*texts_));
	size_t *lens = calloc(count, sizeof(*lens));
	for (size_t s = 0; files && texts_ && lens && s < count; s++) {
		files[s] = grille_grid_step(ws.grid, s)->file;
		texts_[s] = s == 0 ? crlf : s == 1 ? lf : "";
		lens[s] = strlen(texts_[s]);
	}
	grille_status *st = NULL;
	if (ok(grille_status_from_buffers(&st, &ws, files, texts_, lens, count, "2026-12-01") == 0,
	       "a status from buffers: %s", grille_error_last())) {
		ok(!st->steps[0].problem && !st->in_repository, "no problem, no git");
		locations(st);
		texts(st);
		walks(st);
	}
	grille_status_free(st);
	/* One buffer only: the others are read from the folder, which is not there. */
	int error = grille_status_from_buffers(&st, &ws, files, texts_, lens, 1, "2026-12-01");
	ok(!error && st->steps[0].problem == NULL && st->steps[1].problem != NULL, "files not given are read from the disk");
	if (!error)
		contains(st->steps[1].problem, "a disparu", "and found missing");
	grille_status_free(st);
	answer_on_disk(&ws);
	html_blocks(&ws);
	free(files);
	free(texts_);
	free(lens);
	memory_workspace_close(&ws);
	return tap_done();
}
