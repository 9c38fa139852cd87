#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "steer.h"

enum steer_verdict steer__verdict(const grille_condition *cond, const struct scan_question *choice)
{
	if (!choice || choice->conflict || choice->mark.kind != MARK_NONE || !choice->checked)
		return STEER_OPEN;
	if (cond->option < 64 && (choice->checked >> cond->option) & 1)
		return STEER_CHOSEN;
	return STEER_SET_ASIDE;
}

int steer__is_own_mark(const struct scan_mark *mark, const grille_condition *cond)
{
	return mark->kind == MARK_SKIP && mark->reason && strcmp(mark->reason, cond->reason) == 0;
}

int steer__adjust(struct scan_item *item, const grille_condition *cond, const struct scan_question *choice,
                  int *need)
{
	enum steer_verdict verdict = steer__verdict(cond, choice);
	*need = 0;
	if (verdict == STEER_SET_ASIDE && item->mark.kind == MARK_NONE) {
		memset(&item->mark, 0, sizeof(item->mark));
		item->mark.kind = MARK_SKIP;
		if (!(item->mark.reason = strdup(cond->reason)))
			return error__oom();
		*need = 1;
	}
	if (verdict != STEER_SET_ASIDE && steer__is_own_mark(&item->mark, cond)) {
		scan__mark_release(&item->mark);
		memset(&item->mark, 0, sizeof(item->mark));
		*need = -1;
	}
	return 0;
}
