#ifndef GRILLE_SETTINGS_H
#define GRILLE_SETTINGS_H

#include "grille/buf.h"
#include "grille/settings.h"

/* What grille.yaml holds when a workspace is created; see grille-workspace(5). */
typedef struct grille_new_settings {
	const char *title;
	const char *collective;
	const char *language;
	const char *grid_id;
	const char *grid_version;
	const char *grid_file; /* NULL for the embedded grid */
	int level;
} grille_new_settings;

/* Whether `review` is behind: not done, and its date before `today`
 * ("YYYY-MM-DD" both, so that their order is that of their text). */
int settings__review_overdue(const grille_review *review, const char *today);

/* Render a new grille.yaml with libyaml's emitter. */
int settings__render(grille_buf *out, const grille_new_settings *settings);

#endif
