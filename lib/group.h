#ifndef GRILLE_GROUP_PRIVATE_H
#define GRILLE_GROUP_PRIVATE_H

#include <git2.h>

#include "grille/group.h"
#include "grille/settings.h"
#include "groupdata.h"

struct session;
struct group;

/* The group's data as the working tree (`tree` NULL) or a commit holds it,
 * whose grille.yaml is `settings` (format 1 kept members and dates there);
 * free with group__free(). Rows that cannot be read are problems, not errors. */
int group__load(struct group **out, struct session *sess, const git_tree *tree,
                const grille_settings *settings);
void group__free(struct group *g);
const grille_group *group__view(const struct group *g);

/* Drop the session's loaded group: a change was written. */
void group__forget(struct session *sess);

/* Changing the group's files (lib/group_change.c, lib/group_move.c). */
struct grille_workspace;


/* A warning for the change's caller, in French. */
int group__warn(grille_group_change *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A group file as the working tree holds it, or a fresh one when it is not there. */
int group__read_file(grille_buf *out, const struct grille_workspace *ws, enum groupdata_kind kind);

/* .gitattributes with the union lines for the three files: `*changed` says whether it needs writing. */
int group__attributes(grille_buf *out, const struct grille_workspace *ws, int *changed);

/* Write a file of the workspace atomically. */
int group__write_file(const struct grille_workspace *ws, const char *name, const grille_buf *bytes);

/* Move what a workspace of format 1 keeps in grille.yaml (members, the test
 * phase, reviews) to the group's files, grille.yaml to format 2, and commit
 * that alone; `out->moved` and `out->moved_commit` say so. The workspace's
 * settings are loaded again. */
int group__move(grille_group_change *out, struct grille_workspace *ws);

#endif
