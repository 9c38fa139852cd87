/* The scanner on input that is not good text, and on the shape of IDs. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "scan.h"
#include "tap.h"

static void refused(const char *data, size_t len, const char *want, const char *what)
{
	struct scan scan;
	int error = grille_scan(&scan, data, len, "etape.md", NULL);
	ok(error == GRILLE_EINVALID, "%s is refused", what);
	contains(grille_error_last(), want, "%s: the message names the place", what);
}

int main(void)
{
	grille_init();
	refused("### 1.1.a Q\n\nab\0c\n", 17, "etape.md:3:3: le fichier contient un octet nul", "a NUL byte");
	refused("### 1.1.a Q\n\ncaf\xe9 cr\xe8me\n", 23, "etape.md:3:4: le texte n'est pas en UTF-8 valide", "Latin-1 text");
	refused("\xff\xfe#\0", 4, "etape.md:1:1:", "UTF-16");
	refused("### 1.1.a Q\n\xc3", 13, "etape.md:2:1:", "a cut multibyte sequence");

	struct scan scan;
	ok(grille_scan(&scan, "", 0, "vide.md", NULL) == 0 && scan.question_count == 0, "an empty file scans to nothing");
	grille_scan_release(&scan);
	const char text[] = "### 1.1.a Sans fin de ligne";
	ok(grille_scan(&scan, text, strlen(text), "x.md", NULL) == 0 && scan.question_count == 1 &&
	   scan.questions[0].line == 1 && scan.questions[0].end_line == 1, "a file without a final newline");
	grille_scan_release(&scan);

	ok(grille_id_depth("2") == 0 && grille_id_depth("2.6") == 1 && grille_id_depth("2.6.a") == 2,
	   "IDs of steps, items and questions");
	ok(grille_id_depth("2.6.A") < 0 && grille_id_depth("a.1") < 0 && grille_id_depth("2..a") < 0 &&
	   grille_id_depth("2.6.a.b") < 0 && grille_id_depth("") < 0 && grille_id_depth("2.") < 0,
	   "what is not an ID");
	char *parent = grille_parent_id("2.6.a");
	is_str(parent, "2.6", "a question's item");
	free(parent);
	grille_shutdown();
	return tap_done();
}
