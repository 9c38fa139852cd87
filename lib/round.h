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

/* What the review's decisions make of round `n`'s plan.md. */
enum { ROUND_KEPT, ROUND_ADJUSTED, ROUND_DROPPED, ROUND_BACK, ROUND_GONE, ROUND_LISTS };
struct round_carry {
	grille_buf plan;                /* the next round's plan.md */
	grille_buf lists[ROUND_LISTS];  /* the actions' IDs, ", " between them: kept, adjusted, dropped,
	                                 * without decision and unfinished (they return), without decision
	                                 * and done or abandoned (they do not) */
};

/*
 * The next round's plan.md from round `n`'s (`len` bytes at `data`): kept
 * and adjusted actions return "à faire", without decision, with their
 * numbers; an adjusted one's note becomes "à ajuster (bilan du tour N) :
 * reason", in the workspace's `language` (wording.h); dropped ones do not return; an action without decision returns
 * as it is when it is to do or in progress. Title, prose, header and text
 * after the table stay. GRILLE_EINVALID when the plan has problems. Release
 * `out` whatever the result.
 */
int round__carry(struct round_carry *out, const char *language, const char *data, size_t len, int n);
void round__carry_release(struct round_carry *c);

#endif
