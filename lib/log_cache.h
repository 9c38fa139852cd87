#ifndef GRILLE_LOG_CACHE_H
#define GRILLE_LOG_CACHE_H

#include <git2.h>

#include "grille/history.h"
#include "session.h"

/*
 * What `grille log` read from each commit, kept by commit ID in
 * .git/grille/log-cache, so that a second log scans no step file: a commit
 * never changes, and what it holds is read the same way as long as the grid,
 * the level, grille's version, the workspace's folder in the repository and
 * the folder read (a past round's) do not change; they make the cache's key.
 * Only what a commit's tree decides is kept (each step's answered and open
 * questions, or that the commit holds no workspace): tags move, and the
 * change against the parent is worked out again from the parent's counts.
 *
 * A line-based text file rather than JSON: it is read whole on every log and
 * is a few dozen bytes a commit. As the scan cache, it is only a copy: a
 * cache that cannot be read whole, cut short or made for another key, is
 * thrown away and rebuilt, never used in part; it is written atomically, and
 * failing to write it is no error. Not shared across threads.
 */
struct log_cache;

/* What the cache knows of one commit (borrowed from the cache). */
struct log_record {
	int present;              /* 0: the commit holds no workspace, or does not touch it */
	char *const *step_ids;    /* the steps, in the grid's order */
	const size_t *counts;     /* answered then open questions, for each step */
	size_t step_count;
};

/* Open the cache of the session's repository (session__history first):
 * empty when missing, broken or made for another key. Fails only when memory
 * runs out. */
int log_cache__open(struct log_cache **out, struct session *sess);

/* 1 with `*out` filled when the cache knows `commit`, else 0 (also for a NULL cache). */
int log_cache__find(const struct log_cache *cache, const git_oid *commit, struct log_record *out);

/* Learn what `commit` holds: `entry`'s steps and counts, or, NULL, no
 * workspace. A NULL cache learns nothing. */
int log_cache__add(struct log_cache *cache, const git_oid *commit, const grille_log_entry *entry);

/* Write the cache back if it learnt anything (failing to is no error, and
 * the last error message stays), then free it. NULL-safe. */
void log_cache__close(struct log_cache *cache);

/* Whether the cache was found unreadable, or made for another key, and started again. */
int log_cache__was_rebuilt(const struct log_cache *cache);

#endif
