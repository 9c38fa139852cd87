#ifndef GRILLE_ANSWER_H
#define GRILLE_ANSWER_H

#include <stddef.h>

#include "grille/workspace.h"

/**
 * Append `len` bytes of Markdown under question `id` ("3.2.b"), after what
 * is already there (its guidance, its mark, its answer), before the next
 * heading: a blank line before it, and one after when a heading follows.
 * The step file keeps every other byte; the new lines take its line ending
 * (CRLF kept); it is written atomically. Hold the workspace lock.
 *
 * Refused, with nothing written: a text that is not UTF-8, holds a NUL byte
 * or a control character (tab and line ends apart), or is blank
 * (GRILLE_EARGUMENT); an item's ID (GRILLE_EARGUMENT); a "positions"
 * question, whose text belongs to each member (grille_workspace_position(),
 * GRILLE_EARGUMENT); a file with git conflict markers, or a text that would
 * not stay under the question once written — a heading in it, or a code
 * block or HTML left open that would swallow the next heading
 * (GRILLE_EINVALID); a question in no step file (GRILLE_ENOTFOUND).
 * Questions of a data kind (members, plan...) take the text too: it is
 * text under the question, as a person could write it.
 *
 * `out->file` and `out->line` say where the text's first line now stands;
 * release `out` with grille_edit_result_release() whatever this returned.
 */
int grille_workspace_append_answer(grille_edit_result *out, grille_workspace *ws, const char *id,
                                   const char *text, size_t len);

/**
 * Check exactly the options `checked` (`count` indices into the grid's
 * options of choice question `id`, from 0; the same index twice is the same
 * option) and uncheck the others, where they stand under the question as
 * task items, "- [ ] option" (grille-workspace(5)): only the byte between
 * each changed box's brackets changes, to "x" — or "X" when the question's
 * checked boxes already say "X" — or to a space. Every other byte of the
 * step file is kept, the group's own lines under the question too; it is
 * written atomically. Hold the workspace lock. Checking by hand in an
 * editor gives the same bytes.
 *
 * Refused, with nothing written: `id` not a question of the grid, or not a
 * choice question; an index past its options (GRILLE_EARGUMENT); an option
 * to check that no longer stands under the question as the grid writes it
 * (its text edited or its line removed by hand), an option written twice,
 * git conflict markers in the file (GRILLE_EINVALID, the message says which
 * and points to `grille edit`); a question in no step file
 * (GRILLE_ENOTFOUND). An option to uncheck that is not there any more is
 * unchecked already.
 *
 * `out->file` and `out->line` (the question's heading) say where; nothing
 * to change sets `out->unchanged`. Release `out` with
 * grille_edit_result_release() whatever this returned.
 */
int grille_workspace_choose(grille_edit_result *out, grille_workspace *ws, const char *id, const size_t *checked,
                            size_t count);

#endif
