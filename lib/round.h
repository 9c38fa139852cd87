#ifndef GRILLE_ROUND_PRIVATE_H
#define GRILLE_ROUND_PRIVATE_H

#include <git2.h>

#include "grille/round.h"
#include "session.h"

/*
 * Read past round `n` (1 to the current round - 1) from its archive: the
 * session's working-tree reads go to `tour-N/` from here on (the group's
 * files too: the loaded group is let go), until round__close(). `*tag`
 * gets the commit that ended it (the tag `tour-N`), or NULL when the
 * repository lacks the tag (a clone without tags) or is outside git.
 * GRILLE_ENOTFOUND with a message when there is no such round or its
 * folder is gone.
 */
int round__open(git_commit **tag, struct session *sess, int n);
void round__close(struct session *sess);

/* N when one of a commit's `tags` is this workspace's "tour-N" (after the
 * workspace's folder in a shared repository), else 0. */
int round__ended_by(const struct session *sess, char *const *tags, size_t count);

#endif
