#include <string.h>

#include "grille/error.h"
#include "grille/grid.h"
#include "errors.h"
#include "grid_language.h"
#include "intl.h"

/* Generated from templates/fr/ and templates/en/ (templates/meson.build). */
extern const unsigned char grille_default_grid[], grille_workspace_readme[];
extern const unsigned char grille_english_grid[], grille_workspace_readme_en[];
extern const size_t grille_default_grid_size, grille_english_grid_size;

/* Not translated: a workspace speaks its grid's language, whatever the locale
 * of the person who created it. The first is the default. */
static const struct grid_language languages[] = {
	{ "fr", grille_default_grid, &grille_default_grid_size, (const char *)grille_workspace_readme,
	  "Comment utiliser cette grille ?" },
	{ "en", grille_english_grid, &grille_english_grid_size, (const char *)grille_workspace_readme_en,
	  "How to use this grid" },
};

const struct grid_language *grid_language__find(const char *code)
{
	for (size_t i = 0; code && i < sizeof(languages) / sizeof(*languages); i++)
		if (strcmp(code, languages[i].code) == 0)
			return &languages[i];
	return NULL;
}

const struct grid_language *grid_language__of(const char *code)
{
	const struct grid_language *found = grid_language__find(code);
	return found ? found : &languages[0];
}

const char *grid_language__grid_name(const struct grid_language *language)
{
	return language == languages ? _("grille par défaut") : _("grille par défaut en anglais");
}

int grille_grid_load_language(grille_grid **out, const char *language)
{
	*out = NULL;
	const struct grid_language *found = grid_language__find(language);
	if (!found)
		return error__set(GRILLE_EARGUMENT,
			_("langue « %s » inconnue : grille a sa grille en français (fr) et en anglais (en)"),
			language ? language : "");
	return grille_grid_load_buffer(out, (const char *)found->grid, *found->grid_size, grid_language__grid_name(found));
}
