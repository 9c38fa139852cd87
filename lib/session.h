#ifndef GRILLE_SESSION_H
#define GRILLE_SESSION_H

#include <git2.h>

#include "grille/buf.h"
#include "grille/workspace.h"
#include "scan_cache.h"

/*
 * A workspace session: the expensive things every call on one workspace
 * shares, each made on first use, so that a command opens the repository once
 * and reads and writes the scan cache once, however many steps it takes
 * (a report: its status, git's changes, the log and who wrote what).
 *
 * Ownership: the workspace owns its session (grille_workspace_open makes it,
 * empty; grille_workspace_free frees it). Everything the session holds
 * (repository, prefix, cache) is borrowed by callers and lives until the
 * workspace is freed; callers never free it. The scan cache is written back,
 * if it learnt anything, only when the session is freed.
 *
 * Like libgit2's objects, a session is not shared across threads: the
 * functions that read from the working tree only (session__read with no
 * tree) are the exception, and may run on several threads at once.
 */
struct session {
	const grille_workspace *ws; /* the owner */
	int looked;                 /* the repository was looked for: repo is NULL outside git */
	git_repository *repo;
	char *prefix;               /* the workspace folder inside the repository, "" or "dir/" */
	struct scan_cache *cache;
	struct group *group;        /* the group's data, loaded once (lib/group.c) */
	grille_grid *earlier_grid;  /* the last earlier default grid a commit recorded (lib/history.c) */
	char *dir;                  /* NULL, or the folder ("tour-1/") working-tree reads of workspace files
	                             * go to: a past round's archive (lib/round.c) */
};

/* A new, empty session for `ws` (nothing is opened yet). */
int session__new(struct session **out, const grille_workspace *ws);

/* Save the cache if it learnt anything (failing to is no error, and the
 * last error message stays), then let go of everything. NULL-safe. */
void session__free(struct session *s);

/* The repository and prefix, looked for once: 0 with s->repo and s->prefix
 * set; GRILLE_ENOTFOUND without a message when the workspace is outside git;
 * or an error. */
int session__git(struct session *s);

/* The same for history work: a workspace outside git fails with a message
 * that says how to start tracking it, and so does a bare repository. */
int session__history(struct session *s);

/* The scan cache of the repository (session__history first), opened once. */
int session__cache(struct scan_cache **out, struct session *s);

/* Write the cache back now, if it learnt anything, and let go of it: for a
 * caller done with history that goes on working (a report renders after its
 * log, and the cache's tree is as large as a few step files). A later
 * session__cache() reads it again. */
void session__cache_release(struct session *s);

/* A workspace file's path inside the repository, in a new string (NULL when
 * memory runs out). */
char *session__path(const struct session *s, const char *name);

/*
 * The one file source: a workspace file, `name` relative to the workspace
 * (to s->dir in it, when set), from the working tree when `tree` is NULL,
 * else from a commit's tree.
 * GRILLE_ENOTFOUND with a generic message when the file is not there (callers
 * say more); a tree needs session__history first.
 */
int session__read(grille_buf *out, struct session *s, const git_tree *tree, const char *name);
/* A file of the working tree mapped (fs__map()), to be read once from start to end. */
struct fs_map;
int session__map(struct fs_map *out, struct session *s, const char *name);

/* The same, without a copy: the blob of workspace file `name` in `tree`, to
 * free with git_blob_free(); GRILLE_ENOTFOUND with a generic message when
 * the tree has no such file. */
int session__blob(git_blob **out, struct session *s, const git_tree *tree, const char *name);

/* The blob ID of workspace file `name` in `tree`; GRILLE_ENOTFOUND without a
 * message when the tree has no such file. */
int session__file_id(git_oid *out, struct session *s, const git_tree *tree, const char *name);

/* The session of a workspace. */
struct session *session__of(const grille_workspace *ws);

#endif
