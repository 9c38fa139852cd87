/* grille_workspace_choose()'s plan (lib/answer_choose.c): boxes checked as an editor would, exact bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "answer_choose.h"
#include "tap.h"

static const grille_grid *grid;
static const grille_question *q; /* 1.5.a, a choice question of four options */

/* The question's heading, then `lines` (printf-like, %s the options 0 to 3, in order). */
static char *file_of(const char *eol, const char *before, const char *marks, const char *after)
{
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_printf(&out, "## 1.5 Item%s%s### 1.5.a %s%s%s%s", eol, eol, q->text, eol, eol, before);
	for (size_t o = 0; o < 4; o++)
		grille_buf_printf(&out, "- [%c] %s%s", marks[o], q->options[o], eol);
	grille_buf_printf(&out, "%s%s### 1.5.b Suite%s%sFin.%s", after, eol, eol, eol, eol);
	return grille_buf_detach(&out);
}

static void choose(const char *in, const size_t *checked, size_t count, int want_code, const char *want,
                   int unchanged, const char *what)
{
	struct grille_edit_plan p;
	int code = choose__plan(&p, in, strlen(in), "etape-1.md", grid, "1.5.a", checked, count);
	ok(code == want_code, "%s: result %d (want %d): %s", what, code, want_code, code ? grille_error_last() : "");
	if (!code) {
		ok(p.unchanged == unchanged, "%s: unchanged %d", what, p.unchanged);
		if (want && !p.unchanged) {
			char *got = strndup(p.text.ptr ? p.text.ptr : "", p.text.len);
			is_str(got, want, "%s: the new bytes", what);
			free(got);
		}
		size_t line = strncmp(in, "##", 2) == 0 && in[2] == ' ' ? 3 : 1;
		ok(p.line == line, "%s: the question's heading line (%zu)", what, p.line);
	}
	edit__plan_release(&p);
}

static void bytes(const char *eol, const char *before, const char *in_marks, const size_t *checked, size_t count,
                  const char *want_marks, const char *after, const char *what)
{
	char *in = file_of(eol, before, in_marks, after), *want = file_of(eol, before, want_marks, after);
	choose(in, checked, count, 0, want, strcmp(in_marks, want_marks) == 0, what);
	free(in);
	free(want);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	grille_buf out = GRILLE_BUF_INIT;
	char chunk[4096];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		grille_buf_put(&out, chunk, n);
	if (f)
		fclose(f);
	return grille_buf_detach(&out);
}

/* grille_workspace_choose() on a workspace on disk: the step file written, the errors it says. */
static void on_disk(void)
{
	char root[] = "/tmp/grille-choose.XXXXXX";
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return;
	setenv("HOME", root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	char dir[sizeof(root) + 8], file[sizeof(root) + 64];
	snprintf(dir, sizeof(dir), "%s/ws", root);
	snprintf(file, sizeof(file), "%s/etape-1-par-ou-commencons-nous.md", dir);
	grille_init_options opts = GRILLE_INIT_OPTIONS_INIT;
	opts.dir = dir;
	opts.author = "Camille <camille@example.org>";
	grille_init_result init;
	ok(grille_workspace_init(&init, &opts) == 0, "a workspace");
	grille_init_result_release(&init);
	grille_workspace *ws = NULL;
	if (!ok(grille_workspace_open(&ws, dir) == 0, "opened"))
		return;
	char *before = slurp(file);
	grille_edit_result r;
	const size_t two[] = { 2 };
	ok(grille_workspace_choose(&r, ws, "1.5.a", two, 1) == 0 && r.file && !r.unchanged,
	   "1.5.a: option 2 checked (%s)", grille_error_last());
	is_str(r.file, "etape-1-par-ou-commencons-nous.md", "in step 1's file");
	grille_edit_result_release(&r);
	char *after = slurp(file);
	grille_buf want = GRILLE_BUF_INIT;
	grille_buf_printf(&want, "- [ ] %s\n", q->options[2]);
	char *at = before ? strstr(before, want.ptr) : NULL;
	if (at)
		at[3] = 'x';
	is_str(after, before, "the file: one byte changed, the box of option 2");
	free(after);
	ok(grille_workspace_choose(&r, ws, "1.5.a", two, 1) == 0 && r.unchanged, "the same again: unchanged");
	grille_edit_result_release(&r);
	ok(grille_workspace_choose(&r, ws, "1.1.a", two, 1) == GRILLE_EARGUMENT, "a text question: refused");
	grille_edit_result_release(&r);
	ok(grille_workspace_choose(&r, ws, "9.9.z", two, 1) == GRILLE_EARGUMENT, "an ID the grid does not have: refused");
	grille_edit_result_release(&r);
	/* The question's heading gone from the files: not found, nothing written. */
	FILE *f = fopen(file, "wb");
	if (f) {
		fputs("# 1 — Rien\n", f);
		fclose(f);
	}
	ok(grille_workspace_choose(&r, ws, "1.5.a", two, 1) == GRILLE_ENOTFOUND, "a question in no step file: not found");
	contains(grille_error_last(), "n'est dans aucun fichier d'étape", "the message says so");
	grille_edit_result_release(&r);
	after = slurp(file);
	is_str(after, "# 1 — Rien\n", "and nothing written");
	free(after);
	free(before);
	grille_buf_release(&want);
	grille_workspace_free(ws);
	char command[256];
	snprintf(command, sizeof(command), "rm -rf '%s'", root);
	ok(system(command) == 0, "cleaned up");
}

int main(void)
{
	grille_init();
	grille_grid *g = NULL;
	if (grille_grid_load_default(&g) < 0)
		return 1;
	grid = g;
	q = grille_grid_find_question(grid, "1.5.a");
	ok(q && q->kind == GRILLE_QUESTION_CHOICE && q->option_count == 4, "1.5.a is a choice of four options");
	if (!q)
		return tap_done();
	const size_t one[] = { 1 }, zero_two[] = { 0, 2 }, twice[] = { 3, 3 }, past[] = { 4 };

	bytes("\n", "", "    ", one, 1, " x  ", "", "one box checked, the rest kept");
	bytes("\n", "", " x  ", zero_two, 2, "x x ", "", "a box unchecked, two checked");
	bytes("\n", "", "X   ", zero_two, 2, "X X ", "", "the file's \"X\" kept for the boxes checked now");
	bytes("\n", "", "x x ", NULL, 0, "    ", "", "nothing checked: every box emptied");
	bytes("\n", "", " x  ", one, 1, " x  ", "", "the same options: unchanged");
	bytes("\n", "", "    ", twice, 2, "   x", "", "the same option twice is one option");
	bytes("\r\n", "", "    ", one, 1, " x  ", "", "CRLF file: only the box changes");
	bytes("\n", "Notre avis d'abord.\n\n", "    ", one, 1, " x  ", "\nEt la suite.\n- [ ] une option à nous\n",
	      "the group's text and own task items kept");

	/* Written by hand otherwise: ordered list, tabs, a star. */
	char in[4096], want[4096];
	snprintf(in, sizeof(in), "### 1.5.a Q\n\n1. [ ] %s\n2.\t[ ] %s\n\n* [x] %s\n", q->options[0], q->options[1],
	         q->options[2]);
	snprintf(want, sizeof(want), "### 1.5.a Q\n\n1. [x] %s\n2.\t[x] %s\n\n* [ ] %s\n", q->options[0],
	         q->options[1], q->options[2]);
	const size_t first_two[] = { 0, 1 };
	choose(in, first_two, 2, 0, want, 0, "an ordered list, a tab, a star; a missing option left unchecked");

	/* Refusals: nothing is planned. */
	char *base = file_of("\n", "", "    ", "");
	choose(base, past, 1, GRILLE_EARGUMENT, NULL, 0, "an option past the last");
	contains(grille_error_last(), "n'a pas d'option n° 4", "the message names the option");
	struct grille_edit_plan p;
	ok(choose__plan(&p, base, strlen(base), "etape-1.md", grid, "1.5.b", one, 1) == GRILLE_EARGUMENT,
	   "a text question refused");
	contains(grille_error_last(), "n'est pas une question à choix", "the message says why");
	edit__plan_release(&p);
	ok(choose__plan(&p, base, strlen(base), "etape-1.md", grid, "9.9.z", one, 1) == GRILLE_EARGUMENT,
	   "a question the grid does not have refused");
	edit__plan_release(&p);
	ok(choose__plan(&p, "# Rien\n", 7, "etape-1.md", grid, "1.5.a", one, 1) == GRILLE_ENOTFOUND,
	   "a file without the question: not found");
	edit__plan_release(&p);

	snprintf(in, sizeof(in), "### 1.5.a Q\n\n- [ ] %s (modifiée)\n- [ ] %s\n", q->options[0], q->options[1]);
	const size_t first[] = { 0 };
	choose(in, first, 1, GRILLE_EINVALID, NULL, 0, "an option edited by hand, to check");
	contains(grille_error_last(), "modifiée ou retirée à la main", "the message says the options changed");
	contains(grille_error_last(), "grille edit 1.5.a", "and points to grille edit");
	snprintf(in, sizeof(in), "### 1.5.a Q\n\n- [ ] %s\n- [ ] %s\n", q->options[0], q->options[0]);
	choose(in, first, 1, GRILLE_EINVALID, NULL, 0, "an option written twice");
	contains(grille_error_last(), "figure 2 fois", "the message says so");
	snprintf(in, sizeof(in), "### 1.5.a Q\n\n```\n- [ ] %s\n```\n", q->options[0]);
	choose(in, first, 1, GRILLE_EINVALID, NULL, 0, "an option in a code block is no box");
	snprintf(in, sizeof(in), "### 1.5.a Q\n\n> - [ ] %s\n", q->options[0]);
	choose(in, first, 1, GRILLE_EINVALID, NULL, 0, "an option in a quote is not the grid's");
	snprintf(in, sizeof(in), "### 1.5.a Q\n\n<<<<<<< HEAD\n- [x] %s\n=======\n- [ ] %s\n>>>>>>> b\n", q->options[0],
	         q->options[0]);
	choose(in, first, 1, GRILLE_EINVALID, NULL, 0, "a file with conflict markers");
	contains(grille_error_last(), "conflits git", "the message says so");
	free(base);
	on_disk();
	grille_grid_free(g);
	grille_shutdown();
	return tap_done();
}
