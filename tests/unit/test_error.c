/* Error classes: every code has one, and a frontend can rely on it to tell
 * what the user typed from what the workspace holds. */
#include "grille/grille.h"
#include "tap.h"

int main(void)
{
	static const struct {
		int code;
		grille_error_class class;
		const char *name;
	} cases[] = {
		{ GRILLE_OK, GRILLE_ERROR_CLASS_NONE, "GRILLE_OK" },
		{ GRILLE_ENOWORKSPACE, GRILLE_ERROR_CLASS_USAGE, "GRILLE_ENOWORKSPACE" },
		{ GRILLE_EARGUMENT, GRILLE_ERROR_CLASS_INPUT, "GRILLE_EARGUMENT" },
		{ GRILLE_EINVALID, GRILLE_ERROR_CLASS_CONTENT, "GRILLE_EINVALID" },
		{ GRILLE_ENOTFOUND, GRILLE_ERROR_CLASS_CONTENT, "GRILLE_ENOTFOUND" },
		{ GRILLE_EEXISTS, GRILLE_ERROR_CLASS_CONFLICT, "GRILLE_EEXISTS" },
		{ GRILLE_ECONFLICT, GRILLE_ERROR_CLASS_CONFLICT, "GRILLE_ECONFLICT" },
		{ GRILLE_EGIT, GRILLE_ERROR_CLASS_GIT, "GRILLE_EGIT" },
		{ GRILLE_ENOIDENTITY, GRILLE_ERROR_CLASS_GIT, "GRILLE_ENOIDENTITY" },
		{ GRILLE_EIO, GRILLE_ERROR_CLASS_IO, "GRILLE_EIO" },
		{ GRILLE_ENOMEM, GRILLE_ERROR_CLASS_NOMEM, "GRILLE_ENOMEM" },
		{ GRILLE_ERROR, GRILLE_ERROR_CLASS_OTHER, "GRILLE_ERROR" },
		{ -1000, GRILLE_ERROR_CLASS_OTHER, "an unknown code" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		ok(grille_error_class_of(cases[i].code) == cases[i].class, "%s has its class", cases[i].name);
	return tap_done();
}
