#include <stdlib.h>
#include <string.h>

#include "grille/buf.h"
#include "grille/error.h"
#include "errors.h"
#include "grid_history.h"
#include "grid_language.h"
#include "intl.h"

/* Generated from templates/fr/history/ (templates/meson.build). */
extern const unsigned char grille_grid_history_1_0[], grille_grid_history_1_1[], grille_grid_history_1_2[];
extern const size_t grille_grid_history_1_0_size, grille_grid_history_1_1_size, grille_grid_history_1_2_size;

static const struct {
	const char *version;
	const unsigned char *data;
	const size_t *size;
} earlier[] = {
	{ "1.0", grille_grid_history_1_0, &grille_grid_history_1_0_size },
	{ "1.1", grille_grid_history_1_1, &grille_grid_history_1_1_size },
	{ "1.2", grille_grid_history_1_2, &grille_grid_history_1_2_size },
};

#define EARLIER_COUNT (sizeof(earlier) / sizeof(*earlier))

int grid_history__load(grille_grid **out, const char *language, const char *version)
{
	*out = NULL;
	const struct grid_language *lang = grid_language__of(language);
	/* The earlier grids are French: the English one starts at 1.3. */
	for (size_t i = 0; strcmp(lang->code, "fr") == 0 && i < EARLIER_COUNT; i++)
		if (strcmp(version, earlier[i].version) == 0) {
			grille_buf name = GRILLE_BUF_INIT;
			grille_buf_printf(&name, _("grille par défaut, version %s"), version);
			int error = name.ptr ? grille_grid_load_buffer(out, (const char *)earlier[i].data, *earlier[i].size,
			                                               name.ptr)
			                     : error__oom();
			grille_buf_release(&name);
			return error;
		}
	grille_grid *shipped = NULL;
	int error = grille_grid_load_language(&shipped, lang->code);
	if (!error && strcmp(grille_grid_version(shipped), version) != 0)
		error = GRILLE_ENOTFOUND;
	if (error)
		grille_grid_free(shipped);
	else
		*out = shipped;
	return error;
}

char *grid_history__versions(const char *language)
{
	const struct grid_language *lang = grid_language__of(language);
	size_t count = strcmp(lang->code, "fr") == 0 ? EARLIER_COUNT : 0;
	grille_grid *shipped = NULL;
	grille_buf list = GRILLE_BUF_INIT;
	for (size_t i = 0; i < count; i++)
		grille_buf_printf(&list, "%s%s", i ? ", " : "", earlier[i].version);
	if (grille_grid_load_language(&shipped, lang->code) == 0)
		grille_buf_printf(&list, count ? _(" et %s") : "%s", grille_grid_version(shipped));
	grille_grid_free(shipped);
	return grille_buf_detach(&list);
}

/* Not translated: a step file speaks its grid's language, and the scan knows
 * these lines by their text. */
static const char *const note_start[2] = { "Cette question n'est plus dans la grille (version ",
                                           "Cet item n'est plus dans la grille (version " };
static const char *const note_end[2] = { ") : elle reste ici avec sa réponse.",
                                         ") : il reste ici avec ses questions et leurs réponses." };

char *grid_history__note(int item, const char *version)
{
	grille_buf note = GRILLE_BUF_INIT;
	grille_buf_printf(&note, "%s%s%s", note_start[!!item], version, note_end[!!item]);
	return grille_buf_detach(&note);
}

int grid_history__is_note(const char *text)
{
	size_t len = strlen(text);
	for (int k = 0; k < 2; k++) {
		size_t a = strlen(note_start[k]), b = strlen(note_end[k]);
		if (len > a + b && strncmp(text, note_start[k], a) == 0 && strcmp(text + len - b, note_end[k]) == 0 &&
		    !memchr(text + a, ' ', len - a - b))
			return 1;
	}
	return 0;
}
