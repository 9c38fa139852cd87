#ifndef GRILLE_GRID_KIND_H
#define GRILLE_GRID_KIND_H

#include "grille/grid.h"

/* The line a step file shows under a data question (members, plan, test
 * phase, reviews), in Markdown: where its answer is kept and the command
 * that records it. The scaffold writes it as a quote of its own; the scan
 * does not count it as an answer. NULL for "text" and "choice". */
const char *grid__pointer(grille_question_kind kind);

#endif
