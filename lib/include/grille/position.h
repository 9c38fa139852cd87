#ifndef GRILLE_POSITION_H
#define GRILLE_POSITION_H

#include <stddef.h>

/**
 * Individual positions, then the group: under a question of kind
 * "positions" (grille-grid(5)), each member writes a position in a
 * subsection of their own, "Position de Camille", then the group writes its
 * synthesis under "Synthèse du groupe" (grille-workspace(5)). Only the
 * synthesis answers the question.
 */

struct grille_workspace;

/** What grille_workspace_position() wrote: the caller's, released with grille_position_result_release(). */
typedef struct grille_position_result {
	char *file;        /**< the step file, relative to the workspace */
	size_t line;       /**< the empty line under the member's heading, where to write */
	char *member;      /**< the name the member's heading gives */
	size_t added;      /**< subsections added: positions, and the synthesis */
	int all;           /**< 1: every member's subsection was written (a members list exists) */
} grille_position_result;

/**
 * Add the subsection of a member under the "positions" question `id`, in
 * the step file that holds it, and the synthesis's when it is missing; the
 * file is written atomically (take the workspace lock first). `member` is a
 * name, matched to membres.md when it has members (ignoring case); NULL for
 * the member whose git identity it is (grille_workspace_me()), or without
 * a members list that identity's name.
 *
 * When membres.md has members, the subsections of every member missing one
 * are written at once, in the list's order: two clones that both run it make
 * the same change, and git merges what each then writes under its heading.
 *
 * GRILLE_EARGUMENT: `id` is not a "positions" question, or `member` is not a
 * member or not one line of text; GRILLE_EEXISTS: the member's subsection is
 * there already (the message says where); GRILLE_ENOIDENTITY, GRILLE_ENOTFOUND
 * (no step file holds the question), GRILLE_EINVALID (git conflict markers in
 * the file), GRILLE_EIO, GRILLE_ENOMEM. Every other byte of the file is kept.
 */
int grille_workspace_position(grille_position_result *out, struct grille_workspace *ws, const char *id,
                              const char *member);

/** Free what a grille_position_result holds and empty it. */
void grille_position_result_release(grille_position_result *result);

#endif
