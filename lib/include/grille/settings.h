#ifndef GRILLE_SETTINGS_PUBLIC_H
#define GRILLE_SETTINGS_PUBLIC_H

#include <stddef.h>

/**
 * grille.yaml: a workspace's settings, described in grille-workspace(5).
 * Strings are never NULL (empty when absent); dates are "YYYY-MM-DD" or "".
 * Settings are read-only for callers: everything in them belongs to the
 * grille_settings and lives until grille_settings_free() (or, for a
 * workspace's, until grille_workspace_free()).
 */

/**
 * A git conflict left in grille.yaml by a merge (between "<<<<<<<" and
 * ">>>>>>>"). Settings with conflicts are read from our side.
 */
typedef struct grille_settings_conflict {
	size_t first_line;  /**< the "<<<<<<<" line, from 1 */
	size_t last_line;   /**< the ">>>>>>>" line */
	const char *ours;   /**< our side's lines, as written (may be "") */
	const char *theirs; /**< the other side's lines */
} grille_settings_conflict;

typedef struct grille_settings {
	int format;              /**< 2; 1 in a workspace that kept the group's data here (group.h) */
	const char *title;
	const char *collective;
	const char *language;
	const char *grid_id;
	const char *grid_version;
	const char *grid_file;   /**< "" for the embedded grid */
	int level;
	int round;               /**< the current round of the method, from 1 (key `round`, absent: 1) */
	const grille_settings_conflict *conflicts; /**< git conflicts in the file, or none */
	size_t conflict_count;
	/** NULL without conflicts; else, in French, which lines are in conflict,
	 * what each side holds (shortened) and how to settle it. */
	const char *conflict_message;
} grille_settings;

/**
 * Load grille.yaml. Git conflict markers do not make it fail: the settings
 * are read from our side, and the conflicts are set (see above) for the
 * commands to show, and for grille commit to refuse. Bad content fails with GRILLE_EINVALID and
 * "FILE:LINE:COL: what is wrong". Free the result with grille_settings_free();
 * on failure `*out` is NULL.
 */
int grille_settings_load(grille_settings **out, const char *path);

/**
 * As grille_settings_load(), from `len` bytes of YAML at `data` (no NUL
 * needed); `name` is what messages call it. Neither is kept.
 */
int grille_settings_load_buffer(grille_settings **out, const char *data, size_t len, const char *name);

/** Free settings loaded by grille_settings_load*(). NULL is accepted. */
void grille_settings_free(grille_settings *settings);

#endif
