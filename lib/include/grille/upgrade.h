#ifndef GRILLE_UPGRADE_H
#define GRILLE_UPGRADE_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"

/**
 * Grid versions. A workspace records in grille.yaml the version of the
 * default grid it was made with, and keeps that grid, whatever grid grille
 * ships now, until grille_workspace_grid_upgrade() moves it on (see
 * grille-grid-upgrade(1)).
 */

struct grille_workspace;

/**
 * The version of the default grid grille ships ("1.3"), borrowed from the
 * workspace, when the workspace's grid is an earlier one; NULL when it is the
 * shipped one, or the workspace has a grid file of its own.
 */
const char *grille_workspace_grid_newer(const struct grille_workspace *ws);

typedef enum grille_upgrade_change_kind {
	GRILLE_UPGRADE_ADDED,    /**< a question (or an item with its questions) new in the grid, added */
	GRILLE_UPGRADE_RETITLED, /**< a heading still as the old grid wrote it, reworded */
	GRILLE_UPGRADE_REWORDED, /**< a guidance quote or a choice's option still as the old grid wrote it, reworded */
	GRILLE_UPGRADE_FLAGGED,  /**< a question or item the grid no longer has: a note put under it, nothing taken */
	GRILLE_UPGRADE_GROUPED,  /**< a group of items new in the grid: its heading put before its first item (the ID) */
} grille_upgrade_change_kind;

/** One change in a step file. Lines count from 1. */
typedef struct grille_upgrade_change {
	grille_upgrade_change_kind kind;
	char *id;                 /**< the item's or question's ID */
	size_t first, last;       /**< the lines of the new file it wrote; last < first when it only took lines away */
	size_t old_first, old_last; /**< the lines of the file before it replaced (an insert at the end of a file
	                                 whose last line had no line ending: that line, now ended); 0, 0 when it
	                                 only inserted */
} grille_upgrade_change;

/** What an upgrade changes in one step file. */
typedef struct grille_upgrade_file {
	char *file;          /**< relative to the workspace */
	int created;         /**< a step new in the grid: its file is made */
	size_t added;        /**< questions added (those of new items too) */
	size_t retitled;     /**< headings reworded */
	size_t reworded;     /**< guidance quotes and options reworded */
	size_t flagged;      /**< questions and items flagged */
	size_t grouped;      /**< group headings added */
	grille_upgrade_change *changes; /**< in file order */
	size_t change_count;
} grille_upgrade_file;

/**
 * Append to `out`, in French, what changes in `f`, the counts that are not
 * zero: "2 questions ajoutées, 1 texte de la grille mis à jour". 0, or
 * GRILLE_ENOMEM.
 */
int grille_upgrade_file_describe(grille_buf *out, const grille_upgrade_file *f);

/** The caller's, released with grille_upgrade_result_release() whatever the call returned. */
typedef struct grille_upgrade_result {
	char *from, *to;     /**< the versions */
	grille_upgrade_file *files; /**< the files that change, in the grid's order */
	size_t file_count;
	int unchanged;       /**< the workspace already has the shipped grid: nothing to do */
	char commit[GRILLE_OID_HEXSZ + 1]; /**< the commit made, or "" (dry run, no git) */
} grille_upgrade_result;

/**
 * Bring the workspace from its grid's version to the one grille ships, by
 * ID, comparing the old grid, the new one and the step files: questions and
 * items new in the grid (at the workspace's level) are added in place;
 * headings, guidance quotes and options still as the old grid wrote them
 * take the new wording (a checked box stays checked); questions and items the
 * grid no longer has keep their answers, under a note the scan does not count.
 * Nothing else of any file changes. Then grille.yaml's grid version (its
 * comments kept), the files written atomically, and one commit.
 *
 * The caller holds the workspace lock. With `dry_run`, `*out` says what
 * would change, from the files as they are, and nothing is written. Refused,
 * with nothing changed: a workspace with its own grid file (GRILLE_EINVALID);
 * step files with git conflicts, or a plan whose text the group's would
 * swallow (an open code block: GRILLE_EINVALID); and, when writing, step
 * files or grille.yaml with uncommitted changes or conflicts (GRILLE_EINVALID,
 * saying to run `grille commit` first). `out->unchanged` when the grid is
 * already the shipped one. The workspace is reloaded with its new grid.
 */
int grille_workspace_grid_upgrade(grille_upgrade_result *out, struct grille_workspace *ws, int dry_run);

/** Free what a grille_upgrade_result holds and empty it; the struct stays the caller's. */
void grille_upgrade_result_release(grille_upgrade_result *result);

#endif
