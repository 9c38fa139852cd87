#include <stdint.h>
#include <stdlib.h>

#include "array.h"

void *array__grow(void *ptr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return ptr;
	size_t room = *cap >= 4 ? *cap : 4;
	while (room < need) {
		if (room > SIZE_MAX / 2)
			return NULL;
		room *= 2;
	}
	if (size && room > SIZE_MAX / size)
		return NULL;
	void *grown = realloc(ptr, room * size);
	if (grown)
		*cap = room;
	return grown;
}

void *array__push(void *ptr, size_t count, size_t size)
{
	if (count == SIZE_MAX)
		return NULL;
	size_t cap = 0;
	if (count) {
		cap = 4;
		while (cap < count)
			cap *= 2; /* no overflow: `count` elements are already allocated */
	}
	return array__grow(ptr, &cap, count + 1, size);
}
