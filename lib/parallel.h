#ifndef GRILLE_PARALLEL_H
#define GRILLE_PARALLEL_H

#include <stddef.h>

/* Run job(i, arg) for every i below `count`, on as many threads as the
 * machine has cores (step files are independent: each is read and parsed on
 * its own). Jobs must not share mutable state. Returns the first failure in
 * index order, with its message raised again in the caller's thread. */
int parallel__for(size_t count, int (*job)(size_t index, void *arg), void *arg);

/* How many jobs parallel__for() runs at once. */
size_t parallel__width(void);

#endif
