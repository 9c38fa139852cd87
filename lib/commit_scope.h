#ifndef GRILLE_COMMIT_SCOPE_H
#define GRILLE_COMMIT_SCOPE_H

#include <stddef.h>

#include "grille/workspace.h"
#include "repo.h"

struct session;

/*
 * What a commit records. The workspace's own files (the grid's step files,
 * grille.yaml, the group's tables, the README, .gitignore, .gitattributes,
 * a grid file, a finished round's archive) and whatever git already tracks
 * or has staged are the group's; any other new file (meeting notes, a
 * photo) stays out of the history, and so out of a shared remote, unless
 * the workspace says to take everything (grille_workspace_set_commit_all()).
 */

/* Whether `name`, relative to the workspace's root, is one of its own files. */
int commit_scope__own(const grille_workspace *ws, const char *name);

/* The changes a commit records (repo__changes() under the workspace), and,
 * when `left_out` is not NULL, the new files left out, relative to the
 * workspace's root, in a NULL-terminated array the caller frees with
 * commit_scope__free(). */
int commit_scope__changes(struct grille_repo_change **out, size_t *count, char ***left_out, size_t *left_count,
                          struct session *sess);
void commit_scope__free(char **names, size_t count);

#endif
