#ifndef GRILLE_STEER_H
#define GRILLE_STEER_H

#include "grille/grid.h"
#include "scan.h"

/* Items that apply only once an option of a choice is checked (`when:` in
 * grille-grid(5)). Until the group checks one of the options, the item
 * applies; once it has, an item whose option is not checked is set aside by
 * a skip mark carrying the condition's reason, and that mark (only that one:
 * the same reason, word for word) goes again when its option is checked. */

enum steer_verdict {
	STEER_OPEN,      /* no option checked yet, or the choice is itself set aside */
	STEER_CHOSEN,    /* its option is checked */
	STEER_SET_ASIDE, /* other options are, not its */
};

/* What `cond` says, given its choice question as scanned (NULL: not in the files). */
enum steer_verdict steer__verdict(const grille_condition *cond, const struct scan_question *choice);

/* Whether `mark` is the one `cond` writes. */
int steer__is_own_mark(const struct scan_mark *mark, const grille_condition *cond);

/*
 * Make a scanned item read as its condition says, before the file says so:
 * a mark with line 0 when it is set aside and has none; no mark when its
 * condition's mark no longer holds. `*need` says what the file still
 * needs: 1 a mark, -1 the mark taken off, 0 nothing. 0 or GRILLE_ENOMEM.
 */
int steer__adjust(struct scan_item *item, const grille_condition *cond, const struct scan_question *choice,
                  int *need);

struct grille_workspace;
struct grille_status;
struct grille_steer_result;

/* Whether `status` has an item whose condition asks something of its file. */
int steer__pending(const struct grille_status *status);

/* Write what the items of `status` whose `pending` is set ask of their
 * files (grille_workspace_steer(), on a status already read). On an error,
 * `out` keeps what was written before it. */
int steer__write(struct grille_steer_result *out, struct grille_workspace *ws, const struct grille_status *status);

/* 0, or GRILLE_EARGUMENT saying to check its option when `id` is an item
 * its condition sets aside: reopening it would not hold. */
int steer__reopen_check(struct grille_workspace *ws, const char *id);

#endif
