/* The folder grille clone makes from an address, as git's clone names it. */
#include <stdlib.h>

#include "grille/grille.h"
#include "tap.h"

int main(void)
{
	static const struct {
		const char *url, *dir;
	} cases[] = {
		{ "https://forge.example.org/asso/partage.git", "partage" },
		{ "https://forge.example.org/asso/partage", "partage" },
		{ "https://forge.example.org/asso/partage/", "partage" },
		{ "https://forge.example.org/asso/partage.git/", "partage" },
		{ "/srv/partage/.git", "partage" },
		{ "/srv/partage/.git/", "partage" },
		{ "file:///media/cle/partage.git", "partage" },
		{ "git@forge.example.org:asso/partage.git", "partage" },
		{ "forge.example.org:partage.git", "partage" },
		{ "../partage.git", "partage" },
		{ "partage.git", "partage" },
		{ "https://alice:s3cret@forge.example.org", "forge.example.org" },
		{ "https://alice:s3cret@forge.example.org/", "forge.example.org" },
		{ "https://forge.example.org/asso/caf\xc3\xa9.git", "caf\xc3\xa9" },
		{ ".git", NULL },
		{ "/", NULL },
		{ "", NULL },
		{ "https://forge.example.org/..", NULL },
		{ "https://forge.example.org/.", NULL },
		{ "https://forge.example.org/a\tb.git", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *dir = grille_clone_dir_of(cases[i].url);
		if (cases[i].dir)
			is_str(dir, cases[i].dir, "« %s » gives « %s »", cases[i].url, cases[i].dir);
		else
			ok(dir == NULL, "« %s » gives no name", cases[i].url);
		free(dir);
	}
	ok(grille_clone_dir_of(NULL) == NULL, "NULL gives no name");
	return tap_done();
}
