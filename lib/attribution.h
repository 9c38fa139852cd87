#ifndef GRILLE_ATTRIBUTION_H
#define GRILLE_ATTRIBUTION_H

#include <git2.h>
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Who wrote each line of some files at a commit: what git_blame_file() says
 * (the author of the commit that last changed the line, following first
 * parents and the shallow clone's edge), without blaming every file every time.
 *
 * The answer is kept in .git/grille/blame-cache.json by commit: for the last
 * few commits attributed, each file's blob and the author of each line, as
 * runs of lines (people in a table). A later call walks first parents back
 * from its commit to the nearest one kept, and replays the changes forward
 * with the diff blame uses: an unchanged line keeps its author, an added one
 * gets its commit's. A file whose history is one commit needs no diff; a
 * merge that changed the file, a file added where another may have been
 * renamed, or no commit kept within reach fall back to git_blame_file for
 * that file alone. Keyed by commit, not by blob alone: a blob made again by a
 * revert or an amended commit gets the blame its own history gives.
 *
 * The cache is only a copy: a cache that cannot be read whole, or whose runs
 * do not fit their file, is thrown away and rebuilt, never trusted in part.
 */
struct attribution;

/* What a call did, for tests: files blamed whole, diffs replayed, files
 * answered from the cache without a diff or a blame. */
struct attribution_counts {
	size_t blames;
	size_t diffs;
	size_t cached;
};

/* Start attributing `paths` (repository paths, `count` of them) at `head`.
 * `edge`, when not NULL, is the shallow clone's edge: its `edge_count`
 * commits have no parents here, and blame stops at edge[0]. */
int attribution__open(struct attribution **out, git_repository *repo, const git_commit *head,
                      const char *const *paths, size_t count, const git_oid *edge, size_t edge_count);

/* The author of each line of paths[index] at `head`, whose blob is `blob`:
 * `(*person)[line - 1]` indexes attribution__person() (the array is borrowed
 * from `a`, valid until attribution__close). */
int attribution__lines(const uint32_t **person, size_t *line_count, struct attribution *a, size_t index,
                       const git_blob *blob);

/* What the caller kept with paths[index] (attribution__set_note), when the
 * cache holds it for `blob` at head, or at a commit kept further back with the
 * file the same blob all the way: borrowed, or NULL. It lets a caller skip
 * reading the file at all. */
json_t *attribution__note(struct attribution *a, size_t index, const git_oid *blob);

/* Keep `note` (a JSON value, taken) with paths[index]'s lines, computed
 * before with attribution__lines, in the cache. */
void attribution__set_note(struct attribution *a, size_t index, json_t *note);

/* A person by index: name and email made fit to show (history__text), borrowed. */
void attribution__person(const struct attribution *a, uint32_t index, const char **name, const char **email);

/* Whether the cache file was found unreadable or wrong and started again. */
int attribution__was_rebuilt(const struct attribution *a);

const struct attribution_counts *attribution__counts(const struct attribution *a);

/* Save what was learnt (failing to is no error; the last error message
 * stays) and let go of everything. NULL-safe. */
void attribution__close(struct attribution *a);

#endif
