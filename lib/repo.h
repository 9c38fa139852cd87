#ifndef GRILLE_REPO_H
#define GRILLE_REPO_H

#include <git2.h>

/* git through libgit2: the repository a workspace lives in, who signs its
 * milestones, and commits that touch only the workspace's own files. */

/* Set the error from libgit2's last error, after `what` (a French sentence):
 * what happened and what to do, classified by libgit2's error code and class,
 * then libgit2's own words with any URL password hidden. Returns GRILLE_EGIT. */
int repo__error(const char *what);

/* The same for a libgit2 call that returned `code` (GIT_EAUTH, GIT_EOWNER…). */
int repo__fail(int code, const char *what);

/* What to do about a libgit2 error of `code` (GIT_E*) and class `klass`
 * (GIT_ERROR_*), as a French sentence, or NULL when there is no advice. */
const char *repo__advice(int code, int klass);

/* `text` with the password of every URL in it (scheme://user:password@host)
 * replaced by "***", in a new string (NULL when memory runs out). */
char *repo__redact(const char *text);

/* The folder a remote's URL names on this computer ("file://" or a path),
 * or NULL: a server (scheme://host/…, or ssh's host:path). */
const char *repo__local_path(const char *url);

/* The repository `dir` is inside (GRILLE_ENOTFOUND, no message, if none). */
int repo__discover(git_repository **out, const char *dir);

/*
 * Who signs commits: `author` ("Name <email>") if given, else git's
 * GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL, else user.name / user.email from the
 * repository's configuration (or the user's, when `repo` is NULL).
 */
int repo__identity(git_signature **out, git_repository *repo, const char *author);

/*
 * Stage `paths` (relative to the repository's working folder) and commit
 * them on HEAD with `message`. Only those paths change in the commit: what
 * else the index holds stays staged, uncommitted.
 */
int repo__commit_paths(git_oid *out, git_repository *repo, const char *const *paths,
                             size_t count, const git_signature *signature, const char *message);

/* What a commit holds: `paths` (relative to the repository's working
 * folder) staged from the working tree, added or, when gone, removed. With
 * `other_parent`, a merge: the whole index is committed, with two parents. */
struct grille_repo_commit_spec {
	const char *const *paths;
	size_t count;
	const git_signature *signature;
	const char *message;
	const git_oid *other_parent;
};

int repo__commit(git_oid *out, git_repository *repo, const struct grille_repo_commit_spec *spec);

/* Check, from the disk, that object `id` is in the repository (a commit with
 * its tree) and that `refname` points at it: libgit2 1.5 may report success
 * after a failed write on a full disk. GRILLE_EIO with a message if not. */
int repo__verify(git_repository *repo, const char *refname, const git_oid *id);

/* The workspace folder `root` relative to the repository's working folder,
 * with a final "/" ("" at the top), to prefix paths of the workspace. */
int repo__prefix(char **out, git_repository *repo, const char *root);

/* GRILLE_EGIT with a message telling what to do when HEAD is detached. */
int repo__check_branch(git_repository *repo);

/* The message for a failed index write: GIT_ELOCKED says another program holds the lock. */
int repo__locked_error(int code);

/* Uncommitted changes under `prefix` (see repo__prefix): untracked,
 * modified, deleted, staged or in conflict; paths relative to the repository. */
struct grille_repo_change {
	char *path;
	unsigned flags; /* git_status_t */
};

int repo__changes(struct grille_repo_change **out, size_t *count, git_repository *repo,
                        const char *prefix);
void repo__changes_free(struct grille_repo_change **changes, size_t *count);

#endif
