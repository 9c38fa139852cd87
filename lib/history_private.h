#ifndef GRILLE_HISTORY_PRIVATE_H
#define GRILLE_HISTORY_PRIVATE_H

#include <git2.h>

#include "grille/history.h"
#include "scan.h"
#include "session.h"

/* Internal history work takes the workspace's session (session.h), which
 * owns the repository, the prefix and the scan cache: call session__history()
 * first. The public grille_history_* functions are thin wrappers. */

/* The workspace as it stands in `commit`'s tree, read through the scan cache.
 * GRILLE_ENOTFOUND (no message) when the commit holds no workspace. */
int history__status_at(grille_status **out, struct session *sess, const git_commit *commit);

/* Who scans the step files' blobs for history__status_scanned(): `scan`
 * fills `out` from blob `id` (`name` for messages), read with `grid`. */
struct history_scanner {
	int (*scan)(void *ctx, const git_oid *id, const char *name, const grille_grid *grid, struct scan *out);
	void *ctx;
	struct history_group_memo *memo; /* or NULL */
};

/* The group's data (grille.yaml and the group's tables) of the last commit a
 * walk read, kept for the next while its files are the same blobs: a long
 * history mostly changes step files. Zeroed to start; released with
 * history__group_memo_release(). */
#define HISTORY_GROUP_FILES 4
struct history_group_memo {
	git_oid ids[HISTORY_GROUP_FILES];
	unsigned modes[HISTORY_GROUP_FILES]; /* 0: not in the tree */
	struct group *group;
	struct grille_settings *settings;
};
void history__group_memo_release(struct history_group_memo *memo);

/* As history__status_at(), each step file's blob scanned by `scanner`
 * rather than through the scan cache (a commit's earlier grid too). */
int history__status_scanned(grille_status **out, struct session *sess, const git_commit *commit,
                            const struct history_scanner *scanner);

/* The bytes of the step files a status was read from, by the grid's step index. */
struct step_texts {
	char **data;
	size_t *lens;
	size_t count;
};

/* As history__status_at() (`commit` NULL: the working tree, as
 * history__status_now()), each question with its answer's blocks, the step
 * files' bytes kept in `*texts` (release it with history__step_texts_release()
 * whatever the call returned). Reads every step file, past the scan cache. */
int history__status_texts(grille_status **out, struct step_texts *texts, struct session *sess,
                          const git_commit *commit);
void history__step_texts_release(struct step_texts *texts);

/* The workspace in the working tree, without git's changes: callers that
 * need them have them already (a commit walks git's status once). */
int history__status_now(grille_status **out, struct session *sess);

/* Resolve "HEAD", a tag, a branch or an abbreviated ID to a commit. */
int history__commit_of(git_commit **out, struct session *sess, const char *rev);

/* grille_history_log_at and grille_history_who_at on an open session. */
int history__log(grille_log **out, struct session *sess, const char *rev);
int history__who(grille_who **out, struct session *sess, const char *scope, const char *rev);

/* The detailed scans a `who` made of the step files' blobs it read (a first
 * one: a cached `who` reads none), per step of the grid with the blob's ID,
 * for a caller about to scan the same files: a file whose bytes are that
 * blob's has that scan (scan__detailed() of the same bytes, name and grid). */
struct who_scans {
	size_t count;          /* the grid's steps */
	unsigned char *held;   /* per step: ids[s] and scans[s] are set */
	git_oid *ids;
	struct scan *scans;
};

/* history__log() copying the scans `given` (NULL: none) of the blobs they
 * are of, with the workspace's grid, rather than scanning those blobs: a
 * first report's log after its `who`. */
int history__log_given(grille_log **out, struct session *sess, const char *rev, const struct who_scans *given);

/* history__who() keeping its scans in `keep` (emptied first; released with
 * history__who_scans_release(), also on failure). */
int history__who_keeping(grille_who **out, struct session *sess, const char *scope, const char *rev,
                         struct who_scans *keep);
/* 1 and step `s`'s scan moved into `out` when one is held for blob `id`; else 0. */
int history__who_scan_take(struct who_scans *keep, size_t s, const git_oid *id, struct scan *out);
void history__who_scans_release(struct who_scans *keep);

/* 1 when the repository is a shallow clone (git clone --depth), with the
 * commits at its edge (their parents are missing) in `*out`, to free; 0 when
 * it holds its whole history; or an error. */
int history__shallow(struct session *sess, git_oid **out, size_t *count);

/* The commits a shallow clone holds from `start` back, newest first: the walk
 * stops at the clone's `edge` and at any commit that is not there. */
int history__partial_walk(git_oid **out, size_t *count, git_repository *repo, const git_oid *start,
                         const git_oid *edge, size_t edge_count);

/* The first line of `data` that is a conflict marker git writes
 * (<<<<<<< or >>>>>>>), or 0. */
size_t history__marker_line(const char *data, size_t len);

/* `text` made fit to show: bytes that are not UTF-8 and control characters
 * (line feeds included) become U+FFFD; a new string, "" for NULL. */
char *history__text(const char *text);

#endif
