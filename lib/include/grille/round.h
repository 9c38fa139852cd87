#ifndef GRILLE_ROUND_H
#define GRILLE_ROUND_H

#include <stddef.h>

#include "grille/common.h"
#include "grille/group.h"
#include "grille/workspace.h"

/**
 * Rounds of the method: after the review (step 5), the group starts again
 * from the diagnostic (step 3) with what the review decided of each action
 * (see grille-round(1)).
 *
 * The finished round N stays readable: its step files and the group's files
 * are copied under `tour-N/` (same names, bytes as they were), and the
 * commit that ends it gets the annotated tag `tour-N`. grille.yaml's
 * `round` says which round is current (absent: 1).
 */

/** What grille_round_new() may do. */
enum {
	GRILLE_ROUND_DRY_RUN = 1 << 0, /**< say what would be done, change nothing */
	GRILLE_ROUND_FORCE = 1 << 1,   /**< go on though actions have no decision yet */
};

/** What starting a round did (or would do): the caller's, released with grille_round_result_release(). */
typedef struct grille_round_result {
	int finished;                      /**< the round archived, 1 for the first */
	char folder[32];                   /**< "tour-1" */
	char *tag;                         /**< "tour-1" ("dossier/tour-1" in a repository shared with other things) */
	char commit[GRILLE_OID_HEXSZ + 1]; /**< the new round's commit; "" on a dry run */
	char *message;                     /**< its message */
	char *archived;                    /**< the files copied to the folder, ", " between them */
	char *fresh;                       /**< the steps written fresh: "3, 4, 5" */
	char *kept;                        /**< the actions kept: "A1, A4"; "" for none */
	char *adjusted;                    /**< adjusted: they return too */
	char *dropped;                     /**< dropped: they do not return */
	char *undecided_back;              /**< without decision (GRILLE_ROUND_FORCE), not finished: they return */
	char *undecided_gone;              /**< without decision, done or abandoned: they do not return */
} grille_round_result;

/**
 * Start the next round: archive the finished one under `tour-N/`, tag the
 * commit that ends it `tour-N`, write steps 3, 4 and 5 fresh from the grid
 * at the workspace's level, carry the kept and adjusted actions into
 * plan.md (state "à faire", their numbers kept; an adjusted one gets the
 * review's reason as its note), empty calendrier.md's table, write
 * `round: N+1` in grille.yaml, and commit it all in one commit. Steps 1
 * and 2 and the members stay. `author` as for grille_history_commit(). The
 * caller holds the workspace lock.
 *
 * Refused, nothing changed: GRILLE_EINVALID when the workspace has
 * uncommitted changes (commit them first) or when plan.md has rows that
 * cannot be read or are in conflict, or when actions have no decision and
 * `flags` lacks GRILLE_ROUND_FORCE; GRILLE_EEXISTS when `tour-N/` or the
 * tag is there already; GRILLE_ENOIDENTITY, GRILLE_EGIT. `*out` is filled
 * on a dry run as it would be; release it whatever the call returned.
 */
int grille_round_new(grille_round_result *out, grille_workspace *ws, unsigned flags, const char *author);

/** Free what a grille_round_result holds and empty it. */
void grille_round_result_release(grille_round_result *result);

/**
 * Whether the review is due on `today` ("YYYY-MM-DD"): a review's date is
 * reached, or the test phase is over. `*undecided` gets how many actions
 * have no decision yet (whether or not it is due).
 */
int grille_round_review_due(size_t *undecided, const grille_group *group, const char *today);

/** The name of round `n`'s folder and tag, "tour-N", in `out`. */
void grille_round_folder(char out[32], int n);

#endif
