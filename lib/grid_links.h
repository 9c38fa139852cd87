#ifndef GRILLE_GRID_LINKS_H
#define GRILLE_GRID_LINKS_H

#include "grille/grid.h"
#include "yaml_read.h"

/* Reading a grid's groups of items and its items' conditions (lib/grid.c
 * calls these while it loads a grid; see grille-grid(5)). */

/* An item's `when:` as read, before the question it names is known. */
struct grid_pending_when {
	yaml_node_t *node;
	grille_item *item;
	grille_condition *condition; /* owned by the item once read */
	char *option;                /* the option's text, as written */
};

int grid__read_when(grille_yaml_doc *y, yaml_node_t *node, struct grid_pending_when *out);

/* Check the condition against `question` (NULL: the grid has none by that
 * ID) and fill in its option's index and default reason. */
int grid__resolve_when(grille_yaml_doc *y, struct grid_pending_when *when, const grille_item *item,
                       const grille_question *question);
void grid__pending_when_release(struct grid_pending_when *when);
void grid__condition_free(const grille_condition *cond);

/* Read a step's `groups:` once its items are read. */
int grid__read_groups(grille_yaml_doc *y, yaml_node_t *node, grille_step *step);
void grid__groups_free(const grille_step *step);

#endif
