#ifndef GRILLE_SETTINGS_H
#define GRILLE_SETTINGS_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/group.h"
#include "grille/settings.h"

/* The format this grille writes; it reads 1 too. */
#define SETTINGS_FORMAT 2
#define SETTINGS_FORMAT_TEXT "2"

/* What a workspace of format 1 kept in grille.yaml of the group's data,
 * moved to the group's files by the first change (lib/group_change.c). */
enum { SETTINGS_MEMBERS, SETTINGS_TEST_PHASE, SETTINGS_REVIEWS, SETTINGS_FORMAT_KEY };
struct settings_legacy {
	grille_member *members;
	size_t member_count;
	grille_event *events; /* the test phase's start and end, then the reviews */
	size_t event_count;
	/* Lines of the top-level keys above (1-based, 0: absent) and where
	 * each one's block ends (the next key's line; 0: the end of the file). */
	size_t block_start[4];
	size_t block_end[4];
};

/* Borrowed from the settings; empty in format 2. */
const struct settings_legacy *settings__legacy(const grille_settings *s);

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
int settings__review_overdue(const grille_event *review, const char *today);

/* grille.yaml's `len` bytes at `data` with the grid's version set to
 * `version` (double-quoted), into `out`: every other byte kept, comments
 * too. GRILLE_EINVALID when the file cannot be read or has no place for it. */
int settings__set_grid_version(grille_buf *out, const char *data, size_t len, const char *name, const char *version);

/* grille.yaml's `len` bytes at `data` with `round: N` (emptied `out` first):
 * the top-level `round:` line replaced, or one added after `level:` (at the
 * end without it). Every other byte, comments included, stays. */
int settings__set_round(grille_buf *out, const char *data, size_t len, int round);

/* Render a new grille.yaml with libyaml's emitter. */
int settings__render(grille_buf *out, const grille_new_settings *settings);

#endif
