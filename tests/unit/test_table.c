/* GFM pipe tables (lib/table.c): reading a table a person wrote, and the
 * writes that keep every other byte. */
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "table.h"
#include "tap.h"

static const char *const header[] = { "Nom", "Rôles", "Courriel" };

static int parse(struct table *t, const char *text)
{
	return table__parse(t, text, strlen(text), "t.md", header, 3);
}

/* Whether any problem of `t` contains `want`. */
static int has_problem(const struct table *t, const char *want)
{
	for (size_t i = 0; i < t->problem_count; i++)
		if (strstr(t->problems[i], want))
			return 1;
	return 0;
}

static void reading(void)
{
	struct table t;
	const char *text = "# Membres\n\nDu texte.\n\n| Nom | Rôles | Courriel |\n| --- | :-: | ---: |\n"
	                   "| Awa | animatrice |  |\n|Bob|a\\|b|b@x.org|\n\nFin.\n";
	ok(parse(&t, text) == 0 && t.found && t.problem_count == 0, "a table after a title and prose");
	ok(t.header_line == 5 && t.row_count == 2, "header at line 5, two rows");
	is_str(t.rows[0].cells[0], "Awa", "cells trimmed");
	is_str(t.rows[0].cells[2], "", "an empty cell");
	is_str(t.rows[1].cells[1], "a|b", "an escaped pipe");
	ok(t.rows[1].line == 8 && t.rows[1].start == (size_t)(strstr(text, "|Bob") - text), "row line and start");
	ok(t.end == t.rows[1].end && !t.crlf, "the table ends after its last row");
	table__release(&t);

	ok(parse(&t, "| Nom | Rôles | Courriel |\r\n|---|---|---|\r\n| A | r | a@b |\r\n") == 0 && t.crlf &&
	   t.row_count == 1, "CRLF reads fine");
	is_str(t.rows[0].cells[2], "a@b", "  no CR left in the last cell");
	table__release(&t);

	ok(parse(&t, "| Nom | Rôles | Courriel |\n|---|---|---|\n| A | r |\n| B | r | x | y |\n| C | r | z |\n") ==
	   GRILLE_EINVALID && t.problem_count == 2 && t.row_count == 1, "rows with the wrong count of cells: both");
	ok(has_problem(&t, "t.md:3: 2 cellules au lieu de 3"), "  named with file:line (%s)",
	   t.problem_count ? t.problems[0] : "");
	ok(has_problem(&t, "t.md:4: 4 cellules"), "  the second one too");
	contains(grille_error_last(), "et 1 autres", "  the error says there are more");
	table__release(&t);

	ok(parse(&t, "# Membres\n\n| Name | Roles | Mail |\n|---|---|---|\n") == GRILLE_EINVALID && !t.found &&
	   has_problem(&t, "t.md:3: en-tête de tableau inattendu"), "a wrong header");
	table__release(&t);
	ok(parse(&t, "# Membres\n\nRien.\n") == GRILLE_EINVALID && has_problem(&t, "t.md: aucun tableau"), "no table");
	table__release(&t);
	ok(parse(&t, "| Nom | Rôles | Courriel |\n| A | B | C |\n") == GRILLE_EINVALID && !t.found &&
	   has_problem(&t, "t.md:2:"), "no delimiter row");
	table__release(&t);
	ok(parse(&t, "| Nom | Rôles | Courriel |\n|---|---|---|\n| A | r | x |\n\n| B | r | y |\n") == GRILLE_EINVALID &&
	   has_problem(&t, "t.md:5: ligne de tableau après la fin"), "a row cut from the table by a blank line");
	table__release(&t);
	ok(parse(&t, "| Nom | Rôles | Courriel |\n|---|---|---|\n| A\x01 | r | x |\n| B | \xff | y |\n") ==
	   GRILLE_EINVALID && has_problem(&t, "t.md:3: caractère de contrôle") && has_problem(&t, "t.md:4: le texte n'est pas en UTF-8"),
	   "control characters and bad UTF-8, each named");
	table__release(&t);
	ok(parse(&t, "| Nom | Rôles | Courriel |\n|---|---|---|\n<<<<<<< HEAD\n") == GRILLE_EINVALID &&
	   has_problem(&t, "t.md:3: marque de conflit"), "a git conflict marker");
	table__release(&t);
	ok(parse(&t, "| Nom | Rôles | Courriel |\n|---|---|---|") == 0 && t.found && t.row_count == 0, "an empty table");
	table__release(&t);

	char *big = malloc(TABLE_MAX + 2);
	memset(big, ' ', TABLE_MAX + 1);
	big[TABLE_MAX + 1] = '\0';
	ok(table__parse(&t, big, TABLE_MAX + 1, "t.md", header, 3) == GRILLE_EINVALID, "a file too large");
	table__release(&t);
	free(big);
}

/* `op` on `text`: 0 append, 1 replace row 0, 2 remove row 0. */
static char *change(const char *text, int op, const char *const *cells, int *error)
{
	struct table t;
	grille_buf out = GRILLE_BUF_INIT;
	table__parse(&t, text, strlen(text), "t.md", header, 3);
	*error = op == 0 ? table__append(&out, text, strlen(text), &t, cells, NULL)
	       : op == 1 ? table__replace(&out, text, strlen(text), &t, 0, cells, NULL)
	                 : table__remove(&out, text, strlen(text), &t, 0);
	table__release(&t);
	char *s = *error ? NULL : strdup(out.ptr ? out.ptr : "");
	grille_buf_release(&out);
	return s;
}

static void writing(void)
{
	int error;
	const char *cells[] = { "Chloé", " a|b ", "" };
	const char *base = "# M\n\n| Nom | Rôles | Courriel |\n|---|---|---|\n| A | r | x |\n\nLa suite.\n";
	char *s = change(base, 0, cells, &error);
	is_str(s, "# M\n\n| Nom | Rôles | Courriel |\n|---|---|---|\n| A | r | x |\n| Chloé | a\\|b | |\n\nLa suite.\n",
	       "append at the table's end, before the prose after it");
	free(s);
	s = change(base, 1, cells, &error);
	is_str(s, "# M\n\n| Nom | Rôles | Courriel |\n|---|---|---|\n| Chloé | a\\|b | |\n\nLa suite.\n", "replace a row");
	free(s);
	s = change(base, 2, NULL, &error);
	is_str(s, "# M\n\n| Nom | Rôles | Courriel |\n|---|---|---|\n\nLa suite.\n", "remove a row");
	free(s);
	s = change("| Nom | Rôles | Courriel |\r\n|---|---|---|\r\n| A | r | x |", 0, cells, &error);
	is_str(s, "| Nom | Rôles | Courriel |\r\n|---|---|---|\r\n| A | r | x |\r\n| Chloé | a\\|b | |\r\n",
	       "CRLF kept, a missing last line ending added");
	free(s);
	s = change("| Nom | Rôles | Courriel |\r\n|---|---|---|\r\n| A | r | x |\r\n", 1, cells, &error);
	is_str(s, "| Nom | Rôles | Courriel |\r\n|---|---|---|\r\n| Chloé | a\\|b | |\r\n", "replace keeps CRLF");
	free(s);

	const char *newline[] = { "a\nb", "", "" }, *control[] = { "a\x1b[31m", "", "" }, *bad[] = { "\xc3", "", "" };
	ok(!change(base, 0, newline, &error) && error == GRILLE_EARGUMENT, "a line break refused");
	contains(grille_error_last(), "une ligne", "  in French");
	ok(!change(base, 0, control, &error) && error == GRILLE_EARGUMENT, "a control character refused");
	contains(grille_error_last(), "caractère de contrôle", "  in French");
	ok(!change(base, 0, bad, &error) && error == GRILLE_EARGUMENT, "bytes not UTF-8 refused");
	ok(!change("# M\n", 0, cells, &error) && error == GRILLE_EINVALID, "no table, no append");

	/* A round trip: what is written reads back the same, backslashes and pipes included. */
	const char *odd[] = { "x\\|y", "\\", "a | b \\ c" };
	s = change(base, 0, odd, &error);
	struct table t;
	ok(s && parse(&t, s) == 0 && t.row_count == 2, "round trip: parses");
	if (t.row_count == 2)
		ok(!strcmp(t.rows[1].cells[0], odd[0]) && !strcmp(t.rows[1].cells[1], odd[1]) &&
		   !strcmp(t.rows[1].cells[2], odd[2]), "  the same cells back (%s|%s|%s)", t.rows[1].cells[0],
		   t.rows[1].cells[1], t.rows[1].cells[2]);
	table__release(&t);
	free(s);

	grille_buf fresh = GRILLE_BUF_INIT;
	ok(table__fresh(&fresh, "M", "Une ligne.", header, 3) == 0, "a fresh file");
	is_str(fresh.ptr, "# M\n\nUne ligne.\n\n| Nom | Rôles | Courriel |\n| --- | --- | --- |\n", "  its text");
	ok(parse(&t, fresh.ptr) == 0 && t.found && t.row_count == 0, "  reads as an empty table");
	table__release(&t);
	grille_buf_release(&fresh);
}

int main(void)
{
	reading();
	writing();
	return tap_done();
}
