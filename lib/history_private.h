#ifndef GRILLE_HISTORY_PRIVATE_H
#define GRILLE_HISTORY_PRIVATE_H

#include <git2.h>

#include "grille/history.h"
#include "scan_cache.h"

/* A workspace's repository, opened for history work. */
struct history {
	const grille_workspace *ws;
	git_repository *repo;
	char *prefix;             /* the workspace folder inside the repository, "" or "dir/" */
	struct scan_cache *cache; /* opened on first use */
};

/* Open the repository of `ws`; a workspace outside git fails with a message
 * that says how to start tracking it. */
int history_open(struct history *h, const grille_workspace *ws);
void history_close(struct history *h);

/* The workspace as it stands in `commit`'s tree, read through the scan cache.
 * GRILLE_ENOTFOUND (no message) when the commit holds no workspace. */
int history_status_at(grille_status **out, struct history *h, const git_commit *commit);

/* The workspace in the working tree, without git's changes. */
int history_status_now(grille_status **out, struct history *h);

/* Resolve "HEAD", a tag, a branch or an abbreviated ID to a commit. */
int history_commit_of(git_commit **out, struct history *h, const char *rev);

/* A workspace file's path inside the repository, in a new string. */
char *history_path(const struct history *h, const char *name);

/* The local date as "YYYY-MM-DD". */
void history_today(char out[11]);

/* 1 when the repository is a shallow clone (git clone --depth), with the
 * commits at its edge (their parents are missing) in `*out`, to free; 0 when
 * it holds its whole history; or an error. */
int history_shallow(struct history *h, git_oid **out, size_t *count);

/* The commits a shallow clone holds from `start` back, newest first: the walk
 * stops at the clone's `edge` and at any commit that is not there. */
int history_partial_walk(git_oid **out, size_t *count, git_repository *repo, const git_oid *start,
                         const git_oid *edge, size_t edge_count);

/* The first line of `data` that is a conflict marker git writes
 * (<<<<<<< or >>>>>>>), or 0. */
size_t history_marker_line(const char *data, size_t len);

/* `text` made fit to show: bytes that are not UTF-8 and control characters
 * (line feeds included) become U+FFFD; a new string, "" for NULL. */
char *history_text(const char *text);

#endif
