#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/error.h"
#include "errors.h"
#include "parallel.h"

/* The parallel__for() whose job this thread runs; NULL outside one. */
static _Thread_local struct pool *running_pool;

struct pool {
	size_t count;
	int (*job)(size_t, void *);
	void *arg;
	atomic_size_t next;
	int *codes;        /* each job's result */
	char **messages;   /* and its message: errors are kept per thread */
	size_t width;
};

static void *worker(void *data)
{
	struct pool *pool = data;
	struct pool *outer = running_pool;
	running_pool = pool;
	for (size_t i; (i = atomic_fetch_add(&pool->next, 1)) < pool->count;) {
		pool->codes[i] = pool->job(i, pool->arg);
		if (pool->codes[i])
			pool->messages[i] = strdup(grille_error_last());
	}
	running_pool = outer;
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
	                     calloc(count ? count : 1, sizeof(char *)), 0 };
	if (!pool.codes || !pool.messages) {
		free(pool.codes);
		free(pool.messages);
		return error__oom();
	}
	size_t threads = width < 1 ? 1 : width > PARALLEL__MAX ? PARALLEL__MAX : width;
	pool.width = threads; /* fewer jobs than threads: a job may use the rest */
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

int parallel__threads_to_spare(void)
{
	const struct pool *pool = running_pool;
	return pool && pool->width > 1 && atomic_load(&pool->next) >= pool->count;
}

struct side {
	int (*job)(void *);
	void *arg;
	int code;
	char *message;
};

static void *side_run(void *data)
{
	struct side *side = data;
	if ((side->code = side->job(side->arg)))
		side->message = strdup(grille_error_last());
	return NULL;
}

int parallel__both(int (*first)(void *), void *first_arg, int (*second)(void *), void *second_arg)
{
	struct side other = { second, second_arg, 0, NULL };
	pthread_t id;
	int started = pthread_create(&id, NULL, side_run, &other) == 0;
	int error = first(first_arg);
	char *message = error ? strdup(grille_error_last()) : NULL;
	if (started)
		pthread_join(id, NULL);
	else
		side_run(&other); /* no thread to be had: one after the other */
	if (error)
		error = error__set(error, "%s", message ? message : "");
	else if (other.code)
		error = error__set(other.code, "%s", other.message ? other.message : "");
	free(message);
	free(other.message);
	return error;
}
