/* The library's small helpers: thread counts, hashing, dates, growing
 * arrays. Each is written once and used everywhere, so each is pinned here. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grille/grille.h"
#include "array.h"
#include "date.h"
#include "errors.h"
#include "hash.h"
#include "parallel.h"
#include "settings.h"
#include "tap.h"

static int count_job(size_t index, void *arg)
{
	atomic_size_t *done = arg;
	atomic_fetch_add(&done[index], 1);
	return 0;
}

static pthread_t caller;

static int same_thread_job(size_t index, void *arg)
{
	int *alone = arg;
	if (!pthread_equal(pthread_self(), caller))
		*alone = 0;
	(void)index;
	return 0;
}

static void check_parallel(void)
{
	caller = pthread_self();
	int alone = 1;
	ok(parallel__for(1, 20, same_thread_job, &alone) == 0 && alone, "one thread: every job in the caller's");
	ok(parallel__width(1) == 1, "one thread wanted, one thread");
	ok(parallel__width(3) == 3, "three wanted, three");
	ok(parallel__width(PARALLEL__MAX + 1) == PARALLEL__MAX && parallel__width(~0u) == PARALLEL__MAX,
	   "never more than %d", PARALLEL__MAX);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cores < 1 ? 1 : cores > PARALLEL__MAX ? PARALLEL__MAX : (size_t)cores;
	ok(parallel__width(0) == want, "0: one per core (%zu)", want);
	for (size_t width = 1; width <= 4; width += 3) {
		atomic_size_t done[37];
		for (size_t i = 0; i < 37; i++)
			atomic_init(&done[i], 0);
		ok(parallel__for(width, 37, count_job, done) == 0, "%zu thread(s): every job succeeds", width);
		int once = 1;
		for (size_t i = 0; i < 37; i++)
			once &= atomic_load(&done[i]) == 1;
		ok(once, "%zu thread(s): every job runs once", width);
	}
}

/* parallel__both(): the halves of a job, and where the second one runs. */
struct halves {
	atomic_int started[4];  /* each half, once it runs */
	pthread_t thread[4];    /* and the thread it ran on */
	pthread_t job_thread[2];
	atomic_int short_done;  /* job 1 (the short one) is over */
	atomic_int jobs_in;     /* jobs that reached parallel__both() */
	int wait_short;         /* job 0 offers its half once job 1 is over */
	int meet;               /* each job waits for the other before it offers */
	int fail;               /* the half that fails, or -1 */
};

static struct halves halves;

/* Wait (at most ten seconds: a bug must fail, not hang) for *flag to reach `value`. */
static int wait_for(atomic_int *flag, int value)
{
	for (int i = 0; i < 10000 && atomic_load(flag) < value; i++) {
		struct timespec ms = { 0, 1000000 };
		nanosleep(&ms, NULL);
	}
	return atomic_load(flag) >= value;
}

static int half(void *arg)
{
	int which = (int)(intptr_t)arg;
	halves.thread[which] = pthread_self();
	atomic_store(&halves.started[which], 1);
	/* A first half lasts until its second one has started, whoever runs it. */
	if (which % 2 == 0 && (halves.wait_short || halves.meet))
		wait_for(&halves.started[which + 1], 1);
	return which == halves.fail ? error__set(GRILLE_EIO, "half %d failed", which) : 0;
}

static int halves_job(size_t index, void *arg)
{
	(void)arg;
	halves.job_thread[index] = pthread_self();
	if (halves.wait_short && index == 1) {
		atomic_store(&halves.short_done, 1);
		return 0;
	}
	if (halves.wait_short)
		wait_for(&halves.short_done, 1);
	if (halves.meet) {
		atomic_fetch_add(&halves.jobs_in, 1);
		wait_for(&halves.jobs_in, 2);
	}
	int first = (int)index * 2;
	return parallel__both(half, (void *)(intptr_t)first, half, (void *)(intptr_t)(first + 1));
}

static void reset_halves(int wait_short, int meet, int fail)
{
	memset(&halves, 0, sizeof(halves));
	for (int i = 0; i < 4; i++)
		atomic_init(&halves.started[i], 0);
	atomic_init(&halves.short_done, 0);
	atomic_init(&halves.jobs_in, 0);
	halves.wait_short = wait_short;
	halves.meet = meet;
	halves.fail = fail;
}

static void check_halves(void)
{
	/* Alone in a pool of two threads: the second half on a thread of its own. */
	reset_halves(0, 0, -1);
	ok(parallel__for(2, 1, halves_job, NULL) == 0 && atomic_load(&halves.started[0]) &&
	   atomic_load(&halves.started[1]) && !pthread_equal(halves.thread[0], halves.thread[1]),
	   "one job: its two halves on two threads");
	/* Job 1 over, its thread idle: it runs job 0's second half, no new thread. */
	reset_halves(1, 0, -1);
	ok(parallel__for(2, 2, halves_job, NULL) == 0 && atomic_load(&halves.started[1]) &&
	   pthread_equal(halves.thread[1], halves.job_thread[1]) && !pthread_equal(halves.thread[0], halves.thread[1]),
	   "the idle thread of the pool runs the other half");
	/* Both jobs split at once, neither thread idle: each half runs once, none waits for ever. */
	reset_halves(0, 1, -1);
	int error = parallel__for(2, 2, halves_job, NULL);
	int all = 1;
	for (int i = 0; i < 4; i++)
		all &= atomic_load(&halves.started[i]);
	ok(error == 0 && all, "two jobs split at once: every half runs");
	/* Failures: the second half's, then the first's before it. */
	reset_halves(1, 0, 1);
	error = parallel__for(2, 2, halves_job, NULL);
	ok(error == GRILLE_EIO && strcmp(grille_error_last(), "half 1 failed") == 0,
	   "a second half run by the pool fails: its code and message (%s)", grille_error_last());
	reset_halves(1, 0, 0);
	error = parallel__for(2, 2, halves_job, NULL);
	ok(error == GRILLE_EIO && strcmp(grille_error_last(), "half 0 failed") == 0, "the first half fails: its message");
	reset_halves(0, 0, 1);
	ok(parallel__both(half, (void *)(intptr_t)0, half, (void *)(intptr_t)1) == GRILLE_EIO &&
	   strcmp(grille_error_last(), "half 1 failed") == 0 && !pthread_equal(halves.thread[0], halves.thread[1]),
	   "outside a pool: a thread of its own, its failure raised");
}

/* The published FNV-1a test vectors; the scan cache's keys depend on them. */
static void check_hash(void)
{
	ok(hash__fnv1a(HASH__FNV1A_INIT, "", 0) == UINT64_C(0xcbf29ce484222325), "FNV-1a of nothing");
	ok(hash__fnv1a(HASH__FNV1A_INIT, "a", 1) == UINT64_C(0xaf63dc4c8601ec8c), "FNV-1a of \"a\"");
	ok(hash__fnv1a(HASH__FNV1A_INIT, "foobar", 6) == UINT64_C(0x85944171f73967e8), "FNV-1a of \"foobar\"");
	ok(hash__fnv1a(hash__fnv1a(HASH__FNV1A_INIT, "foo", 3), "bar", 3) == UINT64_C(0x85944171f73967e8),
	   "in pieces as whole");
	ok(hash__fnv1a(HASH__FNV1A_INIT, "\xff\x80", 2) != hash__fnv1a(HASH__FNV1A_INIT, "\x80\xff", 2),
	   "bytes past 0x7f are taken unsigned, order matters");
}

/* One check of dates for every YYYY-MM-DD grille reads (settings, --until)
 * and for marks: the strict one, that knows the calendar. */
static void check_dates(void)
{
	static const char *const good[] = { "2027-01-15", "2027-02-28", "2028-02-29", "2000-02-29", "2027-12-31",
	                                    "1000-01-01", "9999-12-31" };
	static const char *const bad[] = { "2027-13-45", "2027-02-29", "1900-02-29", "2027-04-31", "2027-00-10",
	                                   "2027-01-00", "2027-1-05", "2027-01-5", " 2027-01-5", "+027-01-01",
	                                   "0999-01-01", "2027-01-15 ", "2027-01-1x", "15/01/2027", "15-01-2027",
	                                   "2027/01/15", "", "2027-01-15T00:00" };
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
		ok(grille_date_valid(good[i]), "a date: \"%s\"", good[i]);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		ok(!grille_date_valid(bad[i]), "not a date: \"%s\"", bad[i]);

	char today[11], before[11], after[11];
	time_t now = time(NULL);
	struct tm tm;
	strftime(before, sizeof(before), "%Y-%m-%d", localtime_r(&now, &tm));
	date__today(today);
	now = time(NULL);
	strftime(after, sizeof(after), "%Y-%m-%d", localtime_r(&now, &tm));
	ok(grille_date_valid(today) && (strcmp(today, before) == 0 || strcmp(today, after) == 0),
	   "today is the local date (%s)", today);
}

/* A review is overdue in the status and in every report alike. */
static void check_reviews(void)
{
	grille_event due = { GRILLE_EVENT_REVIEW, "2026-11-15", "Bilan", 0, 0 }, done = { GRILLE_EVENT_REVIEW, "2026-11-15", "Bilan", 1, 0 };
	ok(settings__review_overdue(&due, "2026-11-16"), "a review before today, not done: overdue");
	ok(!settings__review_overdue(&due, "2026-11-15"), "a review today is not overdue yet");
	ok(!settings__review_overdue(&due, "2026-11-14"), "a review ahead is not overdue");
	ok(!settings__review_overdue(&done, "2027-01-01"), "a review done is never overdue");
}

/* Progress counts answers out of the questions not skipped. */
static void check_out_of(void)
{
	grille_step_status st = { 0 };
	st.question_count = 10;
	st.counts[GRILLE_STATE_ANSWERED] = 4;
	st.counts[GRILLE_STATE_SKIPPED] = 3;
	st.counts[GRILLE_STATE_DEFERRED] = 2;
	st.counts[GRILLE_STATE_UNANSWERED] = 1;
	ok(grille_step_status_out_of(&st) == 7, "10 questions, 3 skipped: out of 7");
	st.counts[GRILLE_STATE_SKIPPED] = 0;
	ok(grille_step_status_out_of(&st) == 10, "none skipped: out of all of them");
}

/* Arrays double their room; a size that would overflow fails cleanly. */
static void check_arrays(void)
{
	size_t cap = 0, reallocs = 0;
	int *a = NULL;
	int fine = 1;
	for (size_t n = 0; n < 1000; n++) {
		size_t before = cap;
		int *grown = array__grow(a, &cap, n + 1, sizeof(*a));
		fine &= grown != NULL && cap >= n + 1;
		if (!grown)
			break;
		reallocs += cap != before;
		a = grown;
		a[n] = (int)n;
	}
	ok(fine && cap == 1024, "a thousand elements: room for 1024");
	ok(reallocs == 9, "reached in 9 reallocations (4, 8, … 1024), not 1000 (%zu)", reallocs);
	int kept = 1;
	for (size_t n = 0; n < 1000; n++)
		kept &= a[n] == (int)n;
	ok(kept, "every element kept through the moves");
	ok(array__grow(a, &cap, 10, sizeof(*a)) == a && cap == 1024, "enough room: the same array");
	ok(array__grow(a, &cap, SIZE_MAX, sizeof(*a)) == NULL && cap == 1024 && a[999] == 999,
	   "an overflowing count: NULL, the array as it was");
	ok(array__grow(a, &cap, SIZE_MAX / 2 + 2, 1) == NULL && cap == 1024, "room past SIZE_MAX: NULL");
	free(a);

	/* An array that keeps only its count (ASan checks every write). */
	char **names = NULL;
	size_t count = 0;
	fine = 1;
	for (; count < 300; count++) {
		char **grown = array__push(names, count, sizeof(*names));
		if (!(fine &= grown != NULL))
			break;
		names = grown;
		names[count] = (char *)"x";
	}
	ok(fine && count == 300, "pushed 300 elements one at a time");
	count -= 7; /* taken off the end: the room stays enough */
	for (; fine && count < 400; count++) {
		char **grown = array__push(names, count, sizeof(*names));
		if (!(fine &= grown != NULL))
			break;
		names = grown;
		names[count] = (char *)"y";
	}
	ok(fine && count == 400 && names[292][0] == 'x' && names[293][0] == 'y', "and more after some were removed");
	ok(array__push(names, SIZE_MAX, sizeof(*names)) == NULL, "no room past SIZE_MAX elements");
	free(names);
}

int main(void)
{
	grille_init();
	check_parallel();
	check_halves();
	check_hash();
	check_dates();
	check_reviews();
	check_out_of();
	check_arrays();
	grille_shutdown();
	return tap_done();
}
