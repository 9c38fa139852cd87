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

struct side;

struct pool {
	size_t count;
	int (*job)(size_t, void *);
	void *arg;
	atomic_size_t next;
	int *codes;        /* each job's result */
	char **messages;   /* and its message: errors are kept per thread */
	size_t width;
	pthread_mutex_t lock;
	pthread_cond_t changed; /* a side job offered or done, or the last job done */
	size_t busy;            /* jobs running */
	struct side *offered;   /* jobs' other halves (parallel__both()), for threads with nothing left */
	size_t threads;         /* working on the jobs, the caller's included */
};

struct side {
	int (*job)(void *);
	void *arg;
	int code;
	char *message;
	int done;
	struct side *next; /* in the pool's list of halves offered */
};

static void side_run(struct side *side)
{
	if ((side->code = side->job(side->arg)))
		side->message = strdup(grille_error_last());
}

/* Once every job is taken: run the halves that running jobs offer, until none is left running. */
static void help(struct pool *pool)
{
	pthread_mutex_lock(&pool->lock);
	for (;;) {
		while (!pool->offered && pool->busy)
			pthread_cond_wait(&pool->changed, &pool->lock);
		struct side *side = pool->offered;
		if (!side)
			break;
		pool->offered = side->next;
		pool->busy++;
		pthread_mutex_unlock(&pool->lock);
		side_run(side);
		pthread_mutex_lock(&pool->lock);
		side->done = 1;
		pool->busy--;
		pthread_cond_broadcast(&pool->changed);
	}
	pthread_mutex_unlock(&pool->lock);
}

static void *worker(void *data)
{
	struct pool *pool = data;
	struct pool *outer = running_pool;
	running_pool = pool;
	for (;;) {
		pthread_mutex_lock(&pool->lock);
		size_t i = atomic_fetch_add(&pool->next, 1);
		pool->busy += i < pool->count;
		pthread_mutex_unlock(&pool->lock);
		if (i >= pool->count)
			break;
		pool->codes[i] = pool->job(i, pool->arg);
		if (pool->codes[i])
			pool->messages[i] = strdup(grille_error_last());
		pthread_mutex_lock(&pool->lock);
		if (!--pool->busy)
			pthread_cond_broadcast(&pool->changed);
		pthread_mutex_unlock(&pool->lock);
	}
	if (pool->width > 1)
		help(pool);
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
	                     calloc(count ? count : 1, sizeof(char *)), 0, PTHREAD_MUTEX_INITIALIZER,
	                     PTHREAD_COND_INITIALIZER, 0, NULL, 0 };
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
	pool.threads = started + 1;
	worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
	pthread_cond_destroy(&pool.changed);
	pthread_mutex_destroy(&pool.lock);
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

static void *side_thread(void *data)
{
	side_run(data);
	return NULL;
}

/* The other half, given to a thread of the pool that has nothing left to do
 * (its memory already in use, where a new thread's would be new pages), or
 * taken back when none took it while the first half ran: when a pool's
 * threads all split their last jobs, the first done helps the others. 0 when
 * there is no pool of several threads. */
static int offered(struct pool *pool, struct side *other, int (*first)(void *), void *first_arg, int *error)
{
	if (!pool || pool->threads < 2)
		return 0;
	pthread_mutex_lock(&pool->lock);
	other->next = pool->offered;
	pool->offered = other;
	pthread_cond_broadcast(&pool->changed);
	pthread_mutex_unlock(&pool->lock);
	*error = first(first_arg);
	char *message = *error ? strdup(grille_error_last()) : NULL;
	pthread_mutex_lock(&pool->lock);
	struct side **link = &pool->offered;
	while (*link && *link != other)
		link = &(*link)->next;
	int mine = *link == other;
	if (mine)
		*link = other->next;
	while (!mine && !other->done)
		pthread_cond_wait(&pool->changed, &pool->lock);
	pthread_mutex_unlock(&pool->lock);
	if (mine)
		side_run(other);
	if (*error)
		error__set(*error, "%s", message ? message : "");
	free(message);
	return 1;
}

int parallel__both(int (*first)(void *), void *first_arg, int (*second)(void *), void *second_arg)
{
	struct side other = { second, second_arg, 0, NULL, 0, NULL };
	int error = 0;
	if (!offered(running_pool, &other, first, first_arg, &error)) {
		pthread_t id;
		int started = pthread_create(&id, NULL, side_thread, &other) == 0;
		error = first(first_arg);
		char *message = error ? strdup(grille_error_last()) : NULL;
		if (started)
			pthread_join(id, NULL);
		else
			side_run(&other); /* no thread to be had: one after the other */
		if (error)
			error = error__set(error, "%s", message ? message : "");
		free(message);
	}
	if (!error && other.code)
		error = error__set(other.code, "%s", other.message ? other.message : "");
	free(other.message);
	return error;
}
