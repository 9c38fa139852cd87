/* The three-way grid upgrade, planned in memory on the small grids
 * tests/grids/upgrade-old.yaml and upgrade-new.yaml: what is added, reworded
 * and flagged, and that every other byte of the file stays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "tap.h"
#include "scaffold.h"
#include "scan.h"
#include "settings.h"
#include "upgrade_plan.h"

static grille_grid *old_grid, *new_grid;

/* Replace the first `from` of `buf` by `to`. */
static int edit(grille_buf *buf, const char *from, const char *to)
{
	char *at = buf->ptr ? strstr(buf->ptr, from) : NULL;
	if (!at)
		return 0;
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_put(&out, buf->ptr, (size_t)(at - buf->ptr));
	grille_buf_puts(&out, to);
	grille_buf_puts(&out, at + strlen(from));
	grille_buf_release(buf);
	*buf = out;
	return 1;
}

/* The group's file at the old grid: scaffolded, then answered and edited. */
static void group_file(grille_buf *text)
{
	scaffold__step(text, grille_grid_step(old_grid, 0), 1);
	int done = edit(text, "### 1.1.b Question b, ancienne ?\n", "### 1.1.b Question b, ancienne ?\n\nNotre réponse à b.\n");
	done &= edit(text, "### 1.1.c Question c, retirée ensuite ?\n",
	             "### 1.1.c Question c, retirée ensuite ?\n\nNotre réponse à c, gardée.\n");
	done &= edit(text, "- [ ] Option deux, ancienne", "- [x] Option deux, ancienne");
	done &= edit(text, "### 1.1.e Titre que le groupe a changé ?", "### 1.1.e Notre titre à nous ?");
	done &= edit(text, "### 1.3.a Question texte, à choix ensuite ?\n",
	             "### 1.3.a Question texte, à choix ensuite ?\n\nRéponse en texte libre.\n");
	if (!ok(done, "the group's file is made"))
		printf("#   %s\n", text->ptr);
}

/* `text`'s lines, those in the changes' ranges (new ones, or `old` ones) left out. */
static char *outside(const char *text, const grille_upgrade_file *f, int old)
{
	grille_buf out = GRILLE_BUF_INIT;
	size_t line = 1;
	for (const char *p = text; *p; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) + 1 : strlen(p);
		int changed = 0;
		for (size_t c = 0; c < f->change_count; c++) {
			const grille_upgrade_change *ch = &f->changes[c];
			size_t first = old ? ch->old_first : ch->first, last = old ? ch->old_last : ch->last;
			changed |= first && line >= first && line <= last;
		}
		if (!changed)
			grille_buf_put(&out, p, len);
		p += len;
	}
	return grille_buf_detach(&out);
}

static size_t at(const char *text, const char *what)
{
	const char *p = strstr(text, what);
	return p ? (size_t)(p - text) : (size_t)-1;
}

static int plan(struct upgrade_output out[2], const char *text, size_t len, const grille_grid *from,
                const grille_grid *to)
{
	struct upgrade_input in[2] = { { "etape-1.md", text, len }, { "etape-2.md", NULL, 0 } };
	int error = upgrade__plan(out, in, from, to, 1);
	if (error)
		printf("#   %s\n", grille_error_last());
	return error;
}

static void check_text(const char *t)
{
	ok(strstr(t, "> Nous l'estimons concrètement.\n") && !strstr(t, "Estimez"), "a guidance quote reworded");
	ok(strstr(t, "> Conseil nouveau de l'item.\n") && !strstr(t, "ancien de l'item"), "an item's guidance reworded");
	ok(strstr(t, "### 1.1.b Question b, nouvelle ?\n\nNotre réponse à b.\n") != NULL,
	   "a question reworded, its answer under it");
	ok(strstr(t, "- [x] Option deux, nouvelle\n- [ ] Option trois, nouvelle\n") != NULL,
	   "options reworded, the checked one still checked");
	ok(strstr(t, "### 1.1.e Notre titre à nous ?\n") && !strstr(t, "reformule"), "a heading the group edited stays");
	ok(strstr(t, "### 1.1.e Notre titre à nous ?\n\n> Un conseil que la grille ajoute.\n\n## 1.4") != NULL,
	   "guidance new in the grid, under its heading");
	ok(at(t, "### 1.1.a") < at(t, "### 1.1.f Question nouvelle, après a ?") &&
	   at(t, "### 1.1.f") < at(t, "### 1.1.b"), "a new question after its previous one");
	ok(!strstr(t, "1.1.g") && !strstr(t, "1.4.b"), "nothing above the workspace's level");
	ok(at(t, "### 1.1.e") < at(t, "## 1.4 Item nouveau\n\n> Conseil de l'item nouveau.\n\n### 1.4.a") &&
	   at(t, "## 1.4") < at(t, "## 1.2"), "a new item after the previous one, with its guidance and questions");
	ok(at(t, "## 1.3 Item au nouveau titre\n\n### 1.3.c") < at(t, "### 1.3.a") &&
	   at(t, "Réponse en texte libre.") < at(t, "### 1.3.b"), "a new first question, a question now at level 1");
	ok(strstr(t, "### 1.1.c Question c, retirée ensuite ?\n\n> Cette question n'est plus dans la grille (version 2) : "
	             "elle reste ici avec sa réponse.\n\nNotre réponse à c, gardée.\n") != NULL,
	   "a removed question flagged, its answer kept");
	ok(strstr(t, "## 1.2 Item retiré ensuite\n\n> Cet item n'est plus dans la grille (version 2)") != NULL,
	   "a removed item flagged");
}

static void check_scan(const char *t)
{
	struct scan scan;
	if (!ok(scan__text(&scan, t, strlen(t), "etape-1.md", new_grid) == 0, "the new file reads"))
		return;
	const struct scan_question *c = scan__question(&scan, "1.1.c"), *a = scan__question(&scan, "1.2.a");
	ok(c && c->retired && c->answered, "the flagged question keeps its answer");
	ok(a && a->retired && !a->answered && scan__question_state(a, NULL) == GRILLE_STATE_SKIPPED,
	   "the note is no answer: a flagged question without one is set aside");
	ok(scan__question(&scan, "1.1.d")->answered && scan__question(&scan, "1.3.a")->answered,
	   "a checked option and a text answer stay answers");
	ok(!scan__question(&scan, "1.1.f")->answered && !scan__question(&scan, "1.1.a")->answered,
	   "new questions and reworded guidance are no answers");
	scan__release(&scan);
}

static void check_again(const char *t, size_t len)
{
	struct upgrade_output again[2];
	if (ok(plan(again, t, len, old_grid, new_grid) == 0, "planned again from the old grid"))
		ok(!again[0].changed, "nothing more to do in the file");
	for (int i = 0; i < 2; i++)
		upgrade__output_release(&again[i]);
	if (ok(plan(again, t, len, new_grid, new_grid) == 0, "planned at the new grid"))
		ok(!again[0].changed, "nothing to do");
	for (int i = 0; i < 2; i++)
		upgrade__output_release(&again[i]);
}

static void test_upgrade(int crlf)
{
	grille_buf text = GRILLE_BUF_INIT;
	group_file(&text);
	if (crlf) {
		grille_buf dos = GRILLE_BUF_INIT;
		for (size_t i = 0; i < text.len; i++)
			grille_buf_puts(&dos, text.ptr[i] == '\n' ? "\r\n" : (char[]){ text.ptr[i], 0 });
		grille_buf_release(&text);
		text = dos;
	}
	struct upgrade_output out[2];
	if (!ok(plan(out, text.ptr, text.len, old_grid, new_grid) == 0, crlf ? "CRLF: planned" : "planned")) {
		grille_buf_release(&text);
		return;
	}
	const grille_upgrade_file *f = &out[0].summary;
	ok(out[0].changed && f->added == 4 && f->retitled == 2 && f->reworded == 5 && f->flagged == 3,
	   "4 questions added, 2 titles and 5 texts reworded (or added), 3 flagged (%zu, %zu, %zu, %zu)", f->added, f->retitled,
	   f->reworded, f->flagged);
	char *kept_old = outside(text.ptr, f, 1), *kept_new = outside(out[0].text.ptr, f, 0);
	is_str(kept_new, kept_old, "every line outside the changes is as it was, byte for byte");
	free(kept_old);
	free(kept_new);
	grille_buf plain = GRILLE_BUF_INIT;
	grille_buf_puts(&plain, out[0].text.ptr);
	if (crlf) {
		ok(!strstr(out[0].text.ptr, "\n\n") && !strstr(out[0].text.ptr, "\r\n\n"), "CRLF: every new line too");
		while (edit(&plain, "\r\n", "\n"))
			;
	}
	check_text(plain.ptr);
	check_scan(plain.ptr);
	check_again(out[0].text.ptr, out[0].text.len);
	ok(out[1].changed && out[1].summary.created && out[1].summary.added == 1 &&
	   strstr(out[1].text.ptr, "# 2 — Étape nouvelle"), "a new step's file is made");
	grille_buf_release(&plain);
	grille_buf_release(&text);
	for (int i = 0; i < 2; i++)
		upgrade__output_release(&out[i]);
}

/* A heading written twice: the first one is the question, as status reads it;
 * the copy is the group's, left as it is. */
static void test_copies(void)
{
	const char *text = "## 1.1 Premier item\n\n### 1.1.b Question b, ancienne ?\n\nUne.\n\n"
	                   "### 1.1.b Question b, ancienne ?\n\nDeux.\n";
	struct upgrade_output out[2];
	if (ok(plan(out, text, strlen(text), old_grid, new_grid) == 0, "a file with a copy of a heading: planned")) {
		ok(out[0].summary.retitled == 1 && strstr(out[0].text.ptr, "### 1.1.b Question b, nouvelle ?\n\nUne.\n\n"
		                                           "### 1.1.b Question b, ancienne ?\n\nDeux.\n"),
		   "only the first is reworded");
	}
	for (int i = 0; i < 2; i++)
		upgrade__output_release(&out[i]);
}

/* A code block left open above where a question goes would swallow it:
 * the plan says so and changes nothing. */
static void test_swallowed(void)
{
	const char *text = "## 1.3 Item à l'ancien titre\n\n### 1.3.a Question texte, à choix ensuite ?\n\n```\ndu code\n";
	struct upgrade_output out[2];
	ok(plan(out, text, strlen(text), old_grid, new_grid) == GRILLE_EINVALID, "an open code block: refused");
	contains(grille_error_last(), "n'est pas fermé", "saying what to close");
	ok(!out[0].changed && !out[0].text.len, "nothing planned");
}

/* grille.yaml's version set in place, every other byte kept. */
static void test_settings_version(void)
{
	static const struct {
		const char *before, *after, *what;
	} cases[] = {
		{ "format: 2\n# nos réglages\ngrid:\n  id: collaboration-numerique\n  version: \"1.2\" # ancienne\nlevel: 1\n",
		  "format: 2\n# nos réglages\ngrid:\n  id: collaboration-numerique\n  version: \"1.3\" # ancienne\nlevel: 1\n",
		  "a quoted version, its comment kept" },
		{ "grid:\r\n  version: 1.2\r\n  id: collaboration-numérique\r\n", "grid:\r\n  version: \"1.3\"\r\n  id: collaboration-numérique\r\n",
		  "a plain version, CRLF kept" },
		{ "title: Été\ngrid:\n  id: collaboration-numerique\nlevel: 1\n",
		  "title: Été\ngrid:\n  id: collaboration-numerique\n  version: \"1.3\"\nlevel: 1\n", "no version yet: a line after the ID's" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		grille_buf out = GRILLE_BUF_INIT;
		int error = settings__set_grid_version(&out, cases[i].before, strlen(cases[i].before), "grille.yaml", "1.3");
		if (ok(error == 0, "%s: done", cases[i].what))
			is_str(out.ptr, cases[i].after, "%s", cases[i].what);
		grille_buf_release(&out);
	}
	const char *flow = "grid: {id: collaboration-numerique, version: \"1.2\"}\n";
	grille_buf out = GRILLE_BUF_INIT;
	ok(settings__set_grid_version(&out, flow, strlen(flow), "grille.yaml", "1.3") == GRILLE_EINVALID,
	   "a grid written on one line is refused, with what to do");
	contains(grille_error_last(), "une ligne « version: »", "saying what to write");
	grille_buf_release(&out);
}

int main(int argc, char **argv)
{
	if (argc != 3 || grille_init() < 0)
		return 2;
	if (!ok(grille_grid_load_file(&old_grid, argv[1]) == 0 && grille_grid_load_file(&new_grid, argv[2]) == 0,
	        "the test grids load")) {
		printf("#   %s\n", grille_error_last());
		return tap_done();
	}
	test_upgrade(0);
	test_upgrade(1);
	test_copies();
	test_swallowed();
	test_settings_version();
	grille_grid_free(old_grid);
	grille_grid_free(new_grid);
	return tap_done();
}
