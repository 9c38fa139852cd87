#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "log_ahead.h"
#include "parallel.h"

enum job_state {
	WAITING,  /* listed, nobody scans it yet */
	RUNNING,  /* a thread scans it */
	DONE,     /* its scan waits to be taken */
	FINISHED, /* taken, failed, or its commit passed: nothing more to give */
};

struct job {
	git_oid id;
	/* Read with libgit2 on the walk's thread, and freed there: the helpers
	 * read only its bytes (git_blob_rawcontent() points into the blob). */
	git_blob *blob;
	const char *data;
	size_t len;
	const char *name;
	size_t commit; /* the first commit that needs it: jobs are listed in this order */
	enum job_state state;
	struct scan scan; /* when DONE */
};

struct log_ahead {
	git_repository *repo; /* the walk's */
	const grille_grid *grid;
	pthread_mutex_t lock; /* guards everything below but `known` */
	pthread_cond_t work;  /* a job listed, or the end */
	pthread_cond_t done;  /* a job scanned */
	struct job *jobs;
	size_t count;
	size_t next;    /* no job before it is WAITING */
	size_t passed;  /* jobs of commits before it are FINISHED... */
	size_t retired; /* ...up to this one */
	int stop;
	/* Which job lists each blob: open addressing over the blob IDs, job
	 * index + 1 in each slot (0: free). The walk's thread alone uses it. */
	size_t *known;
	size_t known_cap;
	uint64_t seed; /* random: blobs made to fall in one slot would make the log quadratic */
	pthread_t helpers[PARALLEL__MAX];
	size_t helper_count;
};

/* The job's blob let go, on the walk's thread. */
static void let_go(struct job *job)
{
	git_blob_free(job->blob);
	job->blob = NULL;
	job->data = NULL;
}

/* The first WAITING job, now RUNNING, or SIZE_MAX; the lock held. */
static size_t claim(struct log_ahead *a)
{
	while (a->next < a->count && a->jobs[a->next].state != WAITING)
		a->next++;
	if (a->next == a->count)
		return SIZE_MAX;
	a->jobs[a->next].state = RUNNING;
	return a->next++;
}

/* Scan job `k`, claimed, the lock held (and let go meanwhile). A scan that
 * fails is the walk's to redo: its message is raised on the walk's thread. */
static void run(struct log_ahead *a, size_t k)
{
	const char *data = a->jobs[k].data, *name = a->jobs[k].name; /* the jobs may move while the lock is let go */
	size_t len = a->jobs[k].len;
	pthread_mutex_unlock(&a->lock);
	struct scan scan;
	memset(&scan, 0, sizeof(scan));
	int failed = scan__text(&scan, data, len, name, a->grid);
	if (failed)
		grille_error_clear();
	pthread_mutex_lock(&a->lock);
	struct job *job = &a->jobs[k];
	if (failed || job->commit < a->passed) {
		scan__release(&scan);
		job->state = FINISHED;
	} else {
		job->scan = scan;
		job->state = DONE;
	}
	pthread_cond_broadcast(&a->done);
}

static void *helper(void *arg)
{
	struct log_ahead *a = arg;
	pthread_mutex_lock(&a->lock);
	while (!a->stop) {
		size_t k = claim(a);
		if (k == SIZE_MAX)
			pthread_cond_wait(&a->work, &a->lock);
		else
			run(a, k);
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

int log_ahead__new(struct log_ahead **out, git_repository *repo, const grille_grid *grid, size_t helpers)
{
	struct log_ahead *a = calloc(1, sizeof(*a));
	*out = NULL;
	if (!a)
		return error__oom();
	a->repo = repo;
	a->grid = grid;
	if (getrandom(&a->seed, sizeof(a->seed), GRND_NONBLOCK) != (ssize_t)sizeof(a->seed))
		a->seed = (uint64_t)(uintptr_t)a ^ (uint64_t)(uintptr_t)&a; /* where memory lies is random enough */
	if (pthread_mutex_init(&a->lock, NULL) != 0) {
		free(a);
		return error__oom();
	}
	pthread_cond_init(&a->work, NULL);
	pthread_cond_init(&a->done, NULL);
	if (helpers > PARALLEL__MAX)
		helpers = PARALLEL__MAX;
	/* A helper that cannot start is not missed: the walk's thread scans what it would have. */
	while (a->helper_count < helpers && pthread_create(&a->helpers[a->helper_count], NULL, helper, a) == 0)
		a->helper_count++;
	*out = a;
	return 0;
}

/* Blob IDs are hashes already, but anyone can make blobs whose IDs share
 * their first bits: the slot is a mix of all of the ID with a secret. */
static size_t slot_of(uint64_t seed, const git_oid *id, size_t cap)
{
	uint64_t h = seed;
	for (size_t i = 0; i < GIT_OID_RAWSZ; i += 8) {
		uint64_t word = 0;
		memcpy(&word, id->id + i, GIT_OID_RAWSZ - i < 8 ? GIT_OID_RAWSZ - i : 8);
		h = (h ^ word) * UINT64_C(0x9E3779B97F4A7C15);
		h ^= h >> 29;
	}
	h *= UINT64_C(0xFF51AFD7ED558CCD);
	return (size_t)(h ^ (h >> 32)) & (cap - 1);
}

/* The job listing blob `id`, or SIZE_MAX. */
static size_t find(const struct log_ahead *a, const git_oid *id)
{
	if (!a->known_cap)
		return SIZE_MAX;
	for (size_t i = slot_of(a->seed, id, a->known_cap);; i = (i + 1) & (a->known_cap - 1)) {
		if (!a->known[i])
			return SIZE_MAX;
		if (git_oid_equal(&a->jobs[a->known[i] - 1].id, id))
			return a->known[i] - 1;
	}
}

static void remember(uint64_t seed, size_t *known, size_t cap, const git_oid *id, size_t job)
{
	size_t i = slot_of(seed, id, cap);
	while (known[i])
		i = (i + 1) & (cap - 1);
	known[i] = job + 1;
}

/* Room in `known` for one more job: never more than half full. */
static int make_room(struct log_ahead *a)
{
	if (2 * (a->count + 1) <= a->known_cap)
		return 0;
	size_t cap = a->known_cap ? 2 * a->known_cap : 64;
	size_t *known = cap > a->known_cap ? calloc(cap, sizeof(*known)) : NULL;
	if (!known)
		return error__oom();
	for (size_t i = 0; i < a->known_cap; i++)
		if (a->known[i])
			remember(a->seed, known, cap, &a->jobs[a->known[i] - 1].id, a->known[i] - 1);
	free(a->known);
	a->known = known;
	a->known_cap = cap;
	return 0;
}

int log_ahead__list(struct log_ahead *a, const git_oid *id, const char *name, size_t commit)
{
	if (find(a, id) != SIZE_MAX)
		return 0;
	if (make_room(a))
		return GRILLE_ENOMEM;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, a->repo, id) < 0)
		git_error_clear(); /* the walk, reading it again, says why */
	pthread_mutex_lock(&a->lock);
	struct job *jobs = array__push(a->jobs, a->count, sizeof(*jobs));
	if (!jobs) {
		pthread_mutex_unlock(&a->lock);
		git_blob_free(blob);
		return error__oom();
	}
	a->jobs = jobs;
	jobs[a->count] = (struct job){ .id = *id, .blob = blob, .name = name, .commit = commit,
	                               .state = blob ? WAITING : FINISHED };
	if (blob) {
		jobs[a->count].data = git_blob_rawcontent(blob);
		jobs[a->count].len = (size_t)git_blob_rawsize(blob);
	}
	remember(a->seed, a->known, a->known_cap, id, a->count++);
	pthread_cond_signal(&a->work);
	pthread_mutex_unlock(&a->lock);
	return 0;
}

void log_ahead__passed(struct log_ahead *a, size_t commit)
{
	pthread_mutex_lock(&a->lock);
	a->passed = commit;
	for (; a->retired < a->count && a->jobs[a->retired].commit < commit; a->retired++) {
		struct job *job = &a->jobs[a->retired];
		if (job->state == DONE)
			scan__release(&job->scan);
		if (job->state != RUNNING) { /* a helper's: dropped when it ends (run()), let go at the end */
			job->state = FINISHED;
			let_go(job);
		}
	}
	pthread_mutex_unlock(&a->lock);
}

int log_ahead__take(struct log_ahead *a, const git_oid *id, const grille_grid *grid, struct scan *out)
{
	size_t k = grid == a->grid ? find(a, id) : SIZE_MAX;
	if (k == SIZE_MAX)
		return 0;
	int taken = 0;
	pthread_mutex_lock(&a->lock);
	for (;;) {
		struct job *job = &a->jobs[k];
		if (job->state == DONE) {
			*out = job->scan;
			memset(&job->scan, 0, sizeof(job->scan));
			job->state = FINISHED;
			let_go(job);
			taken = 1;
			break;
		}
		if (job->state == WAITING) {
			job->state = RUNNING;
			run(a, k);
			continue;
		}
		if (job->state == FINISHED) {
			let_go(job);
			break;
		}
		/* A helper scans it: scan a later one meanwhile rather than wait. */
		size_t other = claim(a);
		if (other != SIZE_MAX)
			run(a, other);
		else
			pthread_cond_wait(&a->done, &a->lock);
	}
	pthread_mutex_unlock(&a->lock);
	return taken;
}

void log_ahead__free(struct log_ahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = 1;
	pthread_cond_broadcast(&a->work);
	pthread_mutex_unlock(&a->lock);
	for (size_t t = 0; t < a->helper_count; t++)
		pthread_join(a->helpers[t], NULL);
	for (size_t i = 0; i < a->count; i++) {
		if (a->jobs[i].state == DONE)
			scan__release(&a->jobs[i].scan);
		let_go(&a->jobs[i]);
	}
	pthread_cond_destroy(&a->work);
	pthread_cond_destroy(&a->done);
	pthread_mutex_destroy(&a->lock);
	free(a->jobs);
	free(a->known);
	free(a);
}
