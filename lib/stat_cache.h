#ifndef GRILLE_STAT_CACHE_H
#define GRILLE_STAT_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "scan.h"

struct session;

/*
 * The stat cache: as git's index does, the scan of each step file of the
 * working tree with what stat(2) said of the file when it was read (size,
 * modification and change times to the nanosecond, inode, device), in
 * .git/grille/stat-cache (binary: lib/binio.h). A status whose files stat the same reads no
 * Markdown. A workspace outside git has no stat cache (nothing is written into
 * the workspace); its files are scanned every time.
 *
 * Any doubt is a real scan: an entry whose file changed in the second before
 * the scan that made it, or later, is "racy" (git's rule: a change within the
 * timestamps' granularity would not show) and is kept without its scan; the
 * whole cache goes when its grid, level, folder or grille's version differ, or
 * when it cannot be read whole. It is written atomically, without a lock.
 */
struct stat_cache;

/* What a cache keeps of a file's stat(2): size, modification and change
 * times to the nanosecond, inode, device (the report's kept files too). */
#define STAT_CACHE_FIELDS 7
void stat_cache__fields(const struct stat *st, uint64_t out[STAT_CACHE_FIELDS]);

/* Changed in the second before `time`, or later: a later change may not show. */
int stat_cache__racy(const uint64_t fields[STAT_CACHE_FIELDS], uint64_t time);

/* Open the stat cache of the session's workspace, for `step_count` steps:
 * `*out` NULL (and 0) when the workspace is outside git, or its repository
 * cannot be opened (no message then: the files are simply read). Fails only
 * when memory runs out. */
int stat_cache__open(struct stat_cache **out, struct session *s, size_t step_count);

/* Step `index`'s file, `name` in the workspace (in the session's folder):
 * 1 and `out` filled from the cache when the file stats as the entry says;
 * 0 when it must be scanned, `*st` then what stat said before the read (for
 * stat_cache__remember); -1 when it is not a regular file (not cached).
 * Calls for different steps may run on different threads at once. */
int stat_cache__find(struct stat_cache *c, size_t index, const char *name, struct stat *st, struct scan *out);

/* Keep the scan of step `index`, made from a file that stat() gave as `st`
 * just before it was read (a change while reading then shows next time). */
void stat_cache__remember(struct stat_cache *c, size_t index, const struct stat *st, const struct scan *scan);

/* Whether an entry was found broken inside: the status is then made again
 * after stat_cache__forget(), never trusting the rest. */
int stat_cache__broken(const struct stat_cache *c);

/* Trust nothing read: every file is scanned, and the cache rebuilt. */
void stat_cache__forget(struct stat_cache *c);

/* Write the cache if it learnt anything (failing to is no error, and the last
 * error message stays), and free it. NULL-safe. */
void stat_cache__close(struct stat_cache *c);

#endif
