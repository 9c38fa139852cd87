#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "grid_index.h"
#include "hash.h"

struct grille_grid_index_slot {
	const char *id;
	const void *value;
	size_t line;
};

static uint64_t hash(const char *s)
{
	return hash__fnv1a(HASH__FNV1A_INIT, s, strlen(s));
}

static struct grille_grid_index_slot *slot_for(const grille_grid_index *index, const char *id)
{
	size_t mask = index->capacity - 1;
	for (size_t i = hash(id) & mask;; i = (i + 1) & mask)
		if (!index->slots[i].id || strcmp(index->slots[i].id, id) == 0)
			return &index->slots[i];
}

/* The table at `capacity` slots (a power of two, above twice the count). */
static int grow_to(grille_grid_index *index, size_t capacity)
{
	struct grille_grid_index_slot *old = index->slots;
	size_t old_capacity = index->capacity;
	if (!(index->slots = calloc(capacity, sizeof(*index->slots)))) {
		index->slots = old;
		return error__oom();
	}
	index->capacity = capacity;
	for (size_t i = 0; i < old_capacity; i++)
		if (old[i].id)
			*slot_for(index, old[i].id) = old[i];
	free(old);
	return 0;
}

static int grow(grille_grid_index *index)
{
	return grow_to(index, index->capacity ? index->capacity * 2 : 64);
}

int grid_index__reserve(grille_grid_index *index, size_t count)
{
	if (count > SIZE_MAX / 4 - index->count)
		return error__oom();
	size_t need = 2 * (index->count + count), capacity = index->capacity ? index->capacity : 64;
	while (capacity < need)
		capacity *= 2;
	return capacity == index->capacity ? 0 : grow_to(index, capacity);
}

int grid_index__add(grille_grid_index *index, const char *id, const void *value,
                          size_t line, size_t *first_line)
{
	if ((index->count + 1) * 2 > index->capacity) {
		int error = grow(index);
		if (error)
			return error;
	}
	struct grille_grid_index_slot *slot = slot_for(index, id);
	if (slot->id) {
		if (first_line)
			*first_line = slot->line;
		return GRILLE_EEXISTS;
	}
	slot->id = id;
	slot->value = value;
	slot->line = line;
	index->count++;
	return 0;
}

const void *grid_index__find(const grille_grid_index *index, const char *id)
{
	if (!index->capacity)
		return NULL;
	const struct grille_grid_index_slot *slot = slot_for(index, id);
	return slot->id ? slot->value : NULL;
}

void grid_index__release(grille_grid_index *index)
{
	free(index->slots);
	index->slots = NULL;
	index->count = index->capacity = 0;
}
