/* Edits planned in memory (lib/edit.h): exact bytes in, exact bytes out. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "edit.h"
#include "tap.h"

/* Plan `r` on `in`; check the result code and, when `want` is not NULL, the new bytes. */
static void plan(const char *in, const struct grille_edit_request *r, int want_code, const char *want,
                 const char *what)
{
	struct grille_edit_plan p;
	int code = edit__plan_make(&p, in, strlen(in), "etape.md", NULL, r);
	ok(code == want_code, "%s: result %d (want %d)", what, code, want_code);
	if (!code && want) {
		char *got = strndup(p.text.ptr ? p.text.ptr : "", p.text.len);
		is_str(got, want, "%s: the new bytes", what);
		free(got);
	}
	edit__plan_release(&p);
}

static void unchanged(const char *in, const struct grille_edit_request *r, const char *what)
{
	struct grille_edit_plan p;
	int code = edit__plan_make(&p, in, strlen(in), "etape.md", NULL, r);
	ok(code == 0 && p.unchanged && p.text.len == 0, "%s: nothing to change", what);
	edit__plan_release(&p);
}

int main(void)
{
	grille_init();
	const char *crlf = "## 1.1 Item\r\n\r\n### 1.1.a Q\r\n\r\nRéponse\r\n";
	struct grille_edit_request skip = { .op = GRILLE_EDIT_MARK, .id = "1.1.a", .reason = "r" };
	struct grille_edit_request defer = { .op = GRILLE_EDIT_MARK, .id = "1.1.a", .defer = 1, .until = "2027-01-15" };
	struct grille_edit_request reopen = { .op = GRILLE_EDIT_REOPEN, .id = "1.1.a" };
	const char *skipped = "## 1.1 Item\r\n\r\n### 1.1.a Q\r\n\r\n**Mis de côté** : r\r\n\r\nRéponse\r\n";
	plan(crlf, &skip, 0, skipped, "skip in a CRLF file");
	plan(skipped, &defer, 0, "## 1.1 Item\r\n\r\n### 1.1.a Q\r\n\r\n**À explorer plus tard** (2027-01-15)\r\n\r\nRéponse\r\n",
	     "defer replaces the mark, CRLF");
	plan(skipped, &reopen, 0, crlf, "reopen restores the CRLF file");
	plan("### 1.1.a Q\n\nRéponse\n", &skip, 0, "### 1.1.a Q\n\n**Mis de côté** : r\n\nRéponse\n", "skip in an LF file");
	plan("### 1.1.a Q", &skip, 0, "### 1.1.a Q\n\n**Mis de côté** : r\n", "skip at the end of a file without a newline");
	plan("### 1.1.a Q\r\n\r\nx\n", &skip, 0, "### 1.1.a Q\r\n\r\n**Mis de côté** : r\r\n\r\nx\n",
	     "most lines CRLF: CRLF");
	plan("### 1.1.a Q\r\n\nx\ny\n", &skip, 0, "### 1.1.a Q\r\n\n**Mis de côté** : r\n\nx\ny\n", "most lines LF: LF");

	const char *prose = "### 1.1.a Q\n\n**Mis de côté** par le bureau en 2023, le projet a repris.\n";
	unchanged(prose, &reopen, "reopen on a sentence that starts like a mark");
	plan(prose, &skip, 0, "### 1.1.a Q\n\n**Mis de côté** : r\n\n**Mis de côté** par le bureau en 2023, le projet a repris.\n",
	     "skip adds a mark above the sentence");
	plan("### 1.1.a Q\n\n**Mis de côté** : r\nLe bureau en reparlera.\n", &reopen, 0,
	     "### 1.1.a Q\n\nLe bureau en reparlera.\n", "reopen keeps the line after the mark");

	/* The splice takes its places from the scan's bytes: an item's mark, the end of a file. */
	struct grille_edit_request skip_item = { .op = GRILLE_EDIT_MARK, .id = "1.1", .reason = "r" };
	struct grille_edit_request reopen_item = { .op = GRILLE_EDIT_REOPEN, .id = "1.1" };
	plan("## 1.1 Item\n\nTexte.\n", &skip_item, 0, "## 1.1 Item\n\n**Mis de côté** : r\n\nTexte.\n",
	     "skip an item: under its heading");
	plan("## 1.1 Item\n\n**Mis de côté** : r\n\nTexte.\n", &reopen_item, 0, "## 1.1 Item\n\nTexte.\n",
	     "reopen an item");
	plan("### 1.1.a Q\n\n**Mis de côté** : r", &reopen, 0, "### 1.1.a Q\n",
	     "reopen a mark at the end of a file without a newline");
	plan("### 1.1.a Q\r\n\r\n**Mis de côté** : r\r\nSuite.", &reopen, 0, "### 1.1.a Q\r\n\r\nSuite.",
	     "reopen keeps a last line without a newline");

	/* Refusals. */
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_REOPEN, .id = "1.1.z" }, GRILLE_ENOTFOUND, NULL,
	     "a question the file does not hold");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_REOPEN, .id = "abc" }, GRILLE_EARGUMENT, NULL, "not an ID");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_REOPEN }, GRILLE_EARGUMENT, NULL, "no ID");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_DEEPEN, .id = "1.1.a" }, GRILLE_EARGUMENT, NULL,
	     "deepen takes an item");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_MARK, .id = "1.1.a", .reason = "caf\xe9" },
	     GRILLE_EARGUMENT, NULL, "a reason that is not UTF-8");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_MARK, .id = "1.1.a", .reason = "a\vb" },
	     GRILLE_EARGUMENT, NULL, "a reason with a control character");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_MARK, .id = "1.1.a", .until = "2027-01-15" },
	     GRILLE_EARGUMENT, NULL, "a date on a skip");
	plan(crlf, &(struct grille_edit_request){ .op = GRILLE_EDIT_MARK, .id = "1.1.a", .defer = 1, .until = "15/01/2027" },
	     GRILLE_EARGUMENT, NULL, "a date that is not ISO");
	plan("### 1.1.a Q\n<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n", &skip, GRILLE_EINVALID, NULL, "a file in conflict");
	plan("### 1.1.a Q\n\xff\n", &skip, GRILLE_EINVALID, NULL, "a file that is not UTF-8");

	/* Deepen: the new questions after the item's last one, CRLF kept. */
	const grille_question q = { .id = "1.1.b", .text = "Encore ?", .level = 2, .kind = GRILLE_QUESTION_TEXT };
	const grille_question *add[] = { &q };
	struct grille_edit_request deepen = { .op = GRILLE_EDIT_DEEPEN, .id = "1.1", .add = add, .add_count = 1 };
	plan("## 1.1 Item\r\n\r\n### 1.1.a Q\r\n\r\n## 1.2 Autre\r\n", &deepen, 0,
	     "## 1.1 Item\r\n\r\n### 1.1.a Q\r\n\r\n### 1.1.b Encore ?\r\n\r\n## 1.2 Autre\r\n", "deepen in a CRLF file");
	plan("## 1.1 Item\n\n### 1.1.a Q\n", &deepen, 0, "## 1.1 Item\n\n### 1.1.a Q\n\n### 1.1.b Encore ?\n",
	     "deepen at the end of an LF file");
	unchanged("## 1.1 Item\n", &(struct grille_edit_request){ .op = GRILLE_EDIT_DEEPEN, .id = "1.1" },
	          "deepen with nothing to add");
	grille_shutdown();
	return tap_done();
}
