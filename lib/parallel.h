#ifndef GRILLE_PARALLEL_H
#define GRILLE_PARALLEL_H

#include <stddef.h>

/* Never more threads than this: past it, step files are too few and memory
 * grows for nothing. */
#define PARALLEL__MAX 16

/* Run job(i, arg) for every i below `count`, on at most `width` threads (as
 * parallel__width() gives; step files are independent: each is read and
 * parsed on its own). Jobs must not share mutable state. Returns the first
 * failure in index order, with its message raised again in the caller's
 * thread. */
int parallel__for(size_t width, size_t count, int (*job)(size_t index, void *arg), void *arg);

/* How many jobs run at once for a wanted number of threads: `wanted`, or
 * one per core when 0; from 1 to PARALLEL__MAX. */
size_t parallel__width(unsigned wanted);

/* 1 in a job of parallel__for() of width 2 or more once every job has been
 * taken: a thread will then have nothing to do before this job ends, and the
 * job may split its own work (the scan of the last large step file in two
 * halves, so that it does not leave a core idle). 0 otherwise, and outside
 * any parallel__for(). */
int parallel__threads_to_spare(void);

/* first(first_arg) here and second(second_arg) on a thread of its own (or
 * after, when no thread can start), both to their end. Returns the first
 * one's failure, else the second's, with its message raised again in the
 * caller's thread. */
int parallel__both(int (*first)(void *), void *first_arg, int (*second)(void *), void *second_arg);

#endif
