#include "grille/group.h"
#include "status_data.h"

static unsigned bit(grille_question_kind kind)
{
	return 1u << kind;
}

unsigned status__data_kinds(const grille_group *group)
{
	unsigned kinds = 0;
	if (group->member_count)
		kinds |= bit(GRILLE_QUESTION_MEMBERS);
	if (group->action_count)
		kinds |= bit(GRILLE_QUESTION_PLAN);
	if (group->test_start && group->test_start[0] && group->test_end && group->test_end[0])
		kinds |= bit(GRILLE_QUESTION_TEST_PHASE);
	for (size_t i = 0; i < group->event_count; i++)
		if (group->events[i].kind == GRILLE_EVENT_REVIEW)
			kinds |= bit(GRILLE_QUESTION_REVIEWS);
	return kinds;
}

void status__apply_data(grille_question_status *q, const grille_question *gq, unsigned data_kinds)
{
	q->kind = gq ? gq->kind : GRILLE_QUESTION_TEXT;
	q->data = grille_question_kind_file(q->kind) && (data_kinds & bit(q->kind));
	if (q->data && q->state != GRILLE_STATE_CONFLICT)
		q->state = GRILLE_STATE_ANSWERED;
}
