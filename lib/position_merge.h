#ifndef GRILLE_POSITION_MERGE_H
#define GRILLE_POSITION_MERGE_H

#include <git2.h>

struct session;

/* After git merged with conflicts (grille sync): each step file in conflict
 * whose sides both ran `grille position` on the same base is merged again
 * against that base with the shared subsections (position__merge_base());
 * when that merge is clean, the file is written and staged, its conflict
 * gone. Files it cannot settle keep git's markers. 0, or an error of git or
 * memory (a file left as git merged it is none). */
int position__settle_merge(struct session *sess, git_index *index);

#endif
