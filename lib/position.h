#ifndef GRILLE_POSITION_PRIVATE_H
#define GRILLE_POSITION_PRIVATE_H

#include <stddef.h>

#include "grille/buf.h"

/*
 * The subsections of a question of kind "positions" (grille-workspace(5)):
 * one per member, "Position de Camille" (or "Position d'Alice" before a
 * vowel), then the group's "Synthèse du groupe". What the scan recognises
 * and what `grille position` writes are made here, so that they agree.
 */

/* The heading text of the group's synthesis in a workspace's `language`.
 * Not translated through the locale: a step file speaks its grid's
 * language, and the scan recognises both languages' headings. */
#define POSITION_SYNTHESIS "Synthèse du groupe"
#define POSITION_SYNTHESIS_EN "Group synthesis"
const char *position__synthesis(const char *language);

/* Whether a sub-heading's text (Markdown resolved, spaces folded) names a
 * member's position: 1 with the name (borrowed from `text`, not empty) in
 * `*name`; 0 otherwise. "Position de X", "Position d'X", "Position d’X",
 * "Position of X"; "position" in any case. */
int position__heading_name(const char *text, const char **name);

/* Whether a sub-heading's text is the synthesis's, in either language (any
 * case of its ASCII letters). */
int position__is_synthesis(const char *text);

/* Append "Position de NAME" (or "Position d'NAME" when NAME starts with a
 * vowel); "Position of NAME" in an English workspace. */
int position__heading_text(grille_buf *out, const char *language, const char *name);

/*
 * For a merge of a step file where both sides ran `grille position` on the
 * same base, then wrote under their own headings: git sees two insertions
 * at one place, and a conflict. The base as it would be had the shared
 * subsections been there already: for each "positions" question where
 * `ours` and `theirs` added the same headings (same names, same order, the
 * synthesis alike), `base` with them inserted as `grille position` inserts
 * them. Merged against it, each side changes its own lines only. 0 with
 * `*out` set (the caller's); GRILLE_ENOTFOUND (no message) when no question
 * is so; the scan's errors.
 */
struct grille_grid;
int position__merge_base(grille_buf *out, const char *base, size_t base_len, const char *ours, size_t ours_len,
                         const char *theirs, size_t theirs_len, const struct grille_grid *grid, const char *name);

#endif
