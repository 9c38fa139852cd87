#ifndef GRILLE_REPO_H
#define GRILLE_REPO_H

#include <git2.h>

/* git through libgit2: the repository a workspace lives in, who signs its
 * milestones, and commits that touch only the workspace's own files. */

/* Set the error from libgit2's last error, after `what`. Returns GRILLE_EGIT. */
int grille_repo_error(const char *what);

/* The repository `dir` is inside (GRILLE_ENOTFOUND, no message, if none). */
int grille_repo_discover(git_repository **out, const char *dir);

/*
 * Who signs commits: `author` ("Name <email>") if given, else git's
 * GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL, else user.name / user.email from the
 * repository's configuration (or the user's, when `repo` is NULL).
 */
int grille_repo_identity(git_signature **out, git_repository *repo, const char *author);

/*
 * Stage `paths` (relative to the repository's working folder) and commit
 * them on HEAD with `message`. Only those paths change in the commit: what
 * else the index holds stays staged, uncommitted.
 */
int grille_repo_commit_paths(git_oid *out, git_repository *repo, const char *const *paths,
                             size_t count, const git_signature *signature, const char *message);

#endif
