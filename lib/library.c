#include <git2.h>

#include <cmark-gfm-core-extensions.h>

#include "grille/grille.h"
#include "errors.h"
#include "intl.h"

/* The public structs hold commit IDs as libgit2 writes them. */
_Static_assert(GRILLE_OID_HEXSZ == GIT_OID_HEXSZ, "GRILLE_OID_HEXSZ is not libgit2's GIT_OID_HEXSZ");

const char *grille_version(void)
{
	return GRILLE_VERSION;
}

int grille_init(void)
{
	if (git_libgit2_init() < 0)
		return error__set(GRILLE_EGIT, "%s", _("impossible de démarrer libgit2"));
	cmark_gfm_core_extensions_ensure_registered();
	return 0;
}

void grille_shutdown(void)
{
	git_libgit2_shutdown();
}
