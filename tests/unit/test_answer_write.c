/* grille answer's plan (lib/answer_write.c through lib/edit.h): exact bytes in, exact bytes out. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "edit.h"
#include "tap.h"

/* Append `text` under `id` in `in`: check the code, the new bytes (when `want`) and the line. */
static void append(const char *in, const char *id, const char *text, size_t text_len, int want_code,
                   const char *want, size_t want_line, const char *what)
{
	struct grille_edit_request r = { .op = GRILLE_EDIT_ANSWER, .id = id, .text = text, .text_len = text_len };
	struct grille_edit_plan p;
	int code = edit__plan_make(&p, in, strlen(in), "etape.md", NULL, &r);
	ok(code == want_code, "%s: result %d (want %d)", what, code, want_code);
	if (!code && want) {
		char *got = strndup(p.text.ptr ? p.text.ptr : "", p.text.len);
		is_str(got, want, "%s: the new bytes", what);
		ok(p.line == want_line, "%s: written at line %zu (want %zu)", what, p.line, want_line);
		free(got);
	}
	edit__plan_release(&p);
}

#define A(in, id, text, code, want, line, what) append(in, id, text, strlen(text), code, want, line, what)

int main(void)
{
	grille_init();
	const char *two = "## 1.1 Item\n\n### 1.1.a Q\n\nDéjà là.\n\n\n### 1.1.b R\n\nFin.\n";
	A(two, "1.1.a", "Nouveau.\n", 0,
	  "## 1.1 Item\n\n### 1.1.a Q\n\nDéjà là.\n\nNouveau.\n\n\n### 1.1.b R\n\nFin.\n", 7,
	  "after the answer, the blank lines before the next heading kept");
	A("### 1.1.a Q\n### 1.1.b R\n", "1.1.a", "X", 0, "### 1.1.a Q\n\nX\n\n### 1.1.b R\n", 3,
	  "a heading right under: a blank line on each side");
	A("### 1.1.a Q\n\nA", "1.1.a", "B\n", 0, "### 1.1.a Q\n\nA\n\nB\n", 5,
	  "last question of a file without a final newline");
	A("### 1.1.a Q", "1.1.a", "B", 0, "### 1.1.a Q\n\nB\n", 3, "a heading alone, no newline");
	A("### 1.1.a Q\n\n- un\n- deux\n", "1.1.a", "Suite.\n", 0, "### 1.1.a Q\n\n- un\n- deux\n\nSuite.\n", 6,
	  "an answer ending in a list: a blank line ends the list");
	A("### 1.1.a Q\n\n- un\n", "1.1.a", "- deux\n\n\n", 0, "### 1.1.a Q\n\n- un\n\n- deux\n", 5,
	  "an appended list, its blank lines at the end trimmed");
	A("### 1.1.a Q\r\n\r\nA\r\n\r\n### 1.1.b R\r\n", "1.1.a", "B\nC\r\n", 0,
	  "### 1.1.a Q\r\n\r\nA\r\n\r\nB\r\nC\r\n\r\n### 1.1.b R\r\n", 5, "CRLF file: the new lines take CRLF");
	A("### 1.1.a Q\n\n\n\nB\n", "1.1.a", "\n\n  code\n", 0, "### 1.1.a Q\n\n\n\nB\n\n  code\n", 7,
	  "leading blank lines dropped, indentation kept");

	/* Refusals: nothing is planned. */
	A(two, "1.1.a", "```\ncode", GRILLE_EINVALID, NULL, 0, "an unclosed fence would swallow 1.1.b");
	A(two, "1.1.a", "~~~\n", GRILLE_EINVALID, NULL, 0, "an unclosed tilde fence");
	A(two, "1.1.a", "```\ncode\n```\n", 0, NULL, 0, "a closed fence is fine");
	A("### 1.1.a Q\n\nA\n", "1.1.a", "```\ncode", GRILLE_EINVALID, NULL, 0,
	  "an unclosed fence at the end of the file: refused too");
	A(two, "1.1.a", "### 1.1.c Autre\n", GRILLE_EINVALID, NULL, 0, "a question heading in the text");
	A(two, "1.1.a", "## Notes\n", GRILLE_EINVALID, NULL, 0, "a heading that would end the question");
	A(two, "1.1.a", "<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n", GRILLE_EINVALID, NULL, 0, "conflict markers in the text");
	A(two, "1.1.a", "", GRILLE_EARGUMENT, NULL, 0, "an empty text");
	A(two, "1.1.a", " \n\t\n", GRILLE_EARGUMENT, NULL, 0, "a blank text");
	A(two, "1.1.a", "\xff\xfe", GRILLE_EARGUMENT, NULL, 0, "not UTF-8");
	A(two, "1.1.a", "a\x1b[2Jb", GRILLE_EARGUMENT, NULL, 0, "a control character");
	A(two, "1.1.a", "a\rb", GRILLE_EARGUMENT, NULL, 0, "a lone carriage return");
	append(two, "1.1.a", "a\0b", 3, GRILLE_EARGUMENT, NULL, 0, "a NUL byte");
	A(two, "1.1", "X", GRILLE_EARGUMENT, NULL, 0, "an item's ID");
	A(two, "1.1.z", "X", GRILLE_ENOTFOUND, NULL, 0, "a question not in the file");
	A("### 1.1.a Q\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n", "1.1.a", "X", GRILLE_EINVALID, NULL, 0,
	  "a file with conflict markers");
	grille_shutdown();
	return tap_done();
}
