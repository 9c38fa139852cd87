#ifndef GRILLE_GRID_INDEX_H
#define GRILLE_GRID_INDEX_H

#include <stddef.h>

/* IDs to what they name: a hash table, so that a grid of ten thousand
 * questions is checked and searched in linear time. Keys are borrowed. */
typedef struct grille_grid_index {
	struct grille_grid_index_slot *slots;
	size_t count;
	size_t capacity;
} grille_grid_index;

/* Add `id`; GRILLE_EEXISTS (no message set) if it is there already, with the
 * line it was added with in `*first_line` when that is not NULL. */
int grid_index__add(grille_grid_index *index, const char *id, const void *value,
                          size_t line, size_t *first_line);

/* Room for `count` more IDs at once, so that adding them never grows the
 * table again (each growth is a new table in new pages, and a rehash). */
int grid_index__reserve(grille_grid_index *index, size_t count);

/* What `id` names, or NULL. */
const void *grid_index__find(const grille_grid_index *index, const char *id);

void grid_index__release(grille_grid_index *index);

#endif
