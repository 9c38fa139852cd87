#ifndef GRILLE_STATUS_POSITIONS_H
#define GRILLE_STATUS_POSITIONS_H

#include "grille/status.h"
#include "scan.h"

struct session;
struct grille_group;

/* Copy a "positions" question's positions and synthesis from its scan. GRILLE_ENOMEM. */
int status__positions_of(grille_question_status *q, const struct scan_question *found);

/* Free what status__positions_of() gave. */
void status__positions_release(grille_question_status *q);

/* Set how many positions each "positions" question expects: the members of
 * `group` (a row per member, those two members changed at once counted
 * once), or without any the git identities that authored the history's
 * commits (`sess` NULL, or outside git: none). Only walks the history when a
 * "positions" question is in the files. GRILLE_ENOMEM; git's troubles leave
 * the counts at 0. */
int status__positions_expected(grille_status *status, const struct grille_group *group, struct session *sess);

/* Add "positions" to a question's object of grille-status(1)'s JSON, for a
 * "positions" question only: {written, expected, list: [{name, written,
 * line}], synthesis: {written, line}}. Out of memory: left out. */
struct json_t;
void status__positions_json(struct json_t *question, const grille_question_status *q);

#endif
