#ifndef GRILLE_ARRAY_H
#define GRILLE_ARRAY_H

#include <stddef.h>

/*
 * Growing arrays: room is doubled, never added one element at a time, so
 * that filling an array of n elements copies O(n) bytes, not O(n²).
 */

/* Room for `need` elements of `size` bytes in the array `ptr`, which has
 * room for `*cap`: `ptr` itself when it has room, else `ptr` reallocated to
 * twice its room or more (at least 4 elements, at least `need`) and `*cap`
 * updated. NULL when out of memory or when the size would overflow: `ptr`
 * is then as it was, still the caller's. */
void *array__grow(void *ptr, size_t *cap, size_t need, size_t size);

/* Room for one more element in an array that keeps only its `count`: its
 * room is implied by the count (the power of two at or above it, at least 4),
 * which holds as long as the array starts NULL and grows only through here
 * (removing elements is fine; an array allocated any other way is not).
 * Returns as array__grow() does. */
void *array__push(void *ptr, size_t count, size_t size);

#endif
