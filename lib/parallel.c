#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/error.h"
#include "errors.h"
#include "parallel.h"

struct pool {
	size_t count;
	int (*job)(size_t, void *);
	void *arg;
	atomic_size_t next;
	int *codes;        /* each job's result */
	char **messages;   /* and its message: errors are kept per thread */
};

static void *worker(void *data)
{
	struct pool *pool = data;
	for (size_t i; (i = atomic_fetch_add(&pool->next, 1)) < pool->count;) {
		pool->codes[i] = pool->job(i, pool->arg);
		if (pool->codes[i])
			pool->messages[i] = strdup(grille_error_last());
	}
	return NULL;
}

size_t parallel__width(unsigned wanted)
{
	long cores = wanted ? (long)(wanted > PARALLEL__MAX ? PARALLEL__MAX : wanted) : sysconf(_SC_NPROCESSORS_ONLN);
	return cores < 1 ? 1 : cores > PARALLEL__MAX ? PARALLEL__MAX : (size_t)cores;
}

int parallel__for(size_t width, size_t count, int (*job)(size_t, void *), void *arg)
{
	struct pool pool = { count, job, arg, 0, calloc(count ? count : 1, sizeof(int)),
	                     calloc(count ? count : 1, sizeof(char *)) };
	if (!pool.codes || !pool.messages) {
		free(pool.codes);
		free(pool.messages);
		return error__oom();
	}
	size_t threads = width < 1 ? 1 : width > PARALLEL__MAX ? PARALLEL__MAX : width;
	if (threads > count)
		threads = count;
	pthread_t ids[PARALLEL__MAX];
	size_t started = 0;
	/* The calling thread works too; helpers that cannot start are not missed. */
	for (; started + 1 < threads; started++)
		if (pthread_create(&ids[started], NULL, worker, &pool) != 0)
			break;
	worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
	int error = 0;
	for (size_t i = 0; i < count; i++) {
		if (!error && pool.codes[i])
			error = error__set(pool.codes[i], "%s", pool.messages[i] ? pool.messages[i] : "");
		free(pool.messages[i]);
	}
	free(pool.codes);
	free(pool.messages);
	return error;
}
