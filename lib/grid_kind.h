#ifndef GRILLE_GRID_KIND_H
#define GRILLE_GRID_KIND_H

#include "grille/grid.h"

/* The line a step file shows under a data question (members, plan, test
 * phase, reviews), in Markdown: where its answer is kept and the command
 * that records it, in a grid of `language` ("en", or French for any other).
 * The scaffold writes it as a quote of its own; the scan does not count it
 * as an answer. NULL for the other kinds. A loaded question holds its own
 * (grille_question.pointer). */
const char *grid__pointer(const char *language, grille_question_kind kind);

#endif
