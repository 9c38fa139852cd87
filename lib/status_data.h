#ifndef GRILLE_STATUS_DATA_H
#define GRILLE_STATUS_DATA_H

#include "grille/status.h"

/* Data questions (members, plan, test phase, reviews): answered by the
 * group's data, or, as any question, by what is written under them. */

struct grille_group;

/* The kinds of data question `group` answers, as bits 1u << kind: members
 * when membres.md has a member, plan when plan.md has an action, test-phase
 * when calendrier.md has both dates of the test phase, reviews when it has a
 * review. */
unsigned status__data_kinds(const struct grille_group *group);

/* Give `q` its grid question's kind (`gq` NULL: text) and, when its data is
 * in `data_kinds`, the answered state: the data is its answer, as text
 * written under it is; a conflict in its text stays one. */
void status__apply_data(grille_question_status *q, const grille_question *gq, unsigned data_kinds);

#endif
