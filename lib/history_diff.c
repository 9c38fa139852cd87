#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "json_out.h"
#include "grid_index.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"

const char *grille_change_name(grille_change_kind kind)
{
	static const char *const names[] = {
		"added", "changed", "removed", "skipped", "deferred", "reopened", "conflict",
	};
	return (unsigned)kind < sizeof(names) / sizeof(*names) ? names[kind] : "?";
}

/* Every question of a status, by ID, with its step. */
struct entry {
	const grille_question_status *q;
	const grille_step_status *step;
};

static int index_status(grille_grid_index *index, struct entry **entries, size_t *count,
                        const grille_status *status)
{
	size_t total = 0;
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			total += status->steps[s].items[i].question_count;
	if (!(*entries = calloc(total ? total : 1, sizeof(**entries))))
		return error__oom();
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			for (size_t q = 0; q < status->steps[s].items[i].question_count; q++) {
				struct entry *e = &(*entries)[(*count)++];
				e->q = &status->steps[s].items[i].questions[q];
				e->step = &status->steps[s];
				int error = grid_index__add(index, e->q->id, e, 0, NULL);
				if (error && error != GRILLE_EEXISTS)
					return error;
			}
	return 0;
}

/* What happened to one question between two points, if anything. */
static int change_of(const grille_question_status *a, const grille_question_status *b,
                     grille_change_kind *kind)
{
	grille_state from = a ? a->state : GRILLE_STATE_UNANSWERED;
	grille_state to = b ? b->state : GRILLE_STATE_UNANSWERED;
	if (to == GRILLE_STATE_CONFLICT && from != GRILLE_STATE_CONFLICT)
		*kind = GRILLE_CHANGE_CONFLICT;
	else if (to == GRILLE_STATE_SKIPPED && from != GRILLE_STATE_SKIPPED)
		*kind = GRILLE_CHANGE_SKIPPED;
	else if (to == GRILLE_STATE_DEFERRED && (from != GRILLE_STATE_DEFERRED ||
	         strcmp(a->until ? a->until : "", b->until ? b->until : "") != 0))
		*kind = GRILLE_CHANGE_DEFERRED;
	else if ((from == GRILLE_STATE_SKIPPED || from == GRILLE_STATE_DEFERRED) &&
	         to != GRILLE_STATE_SKIPPED && to != GRILLE_STATE_DEFERRED)
		*kind = GRILLE_CHANGE_REOPENED;
	else if (to == GRILLE_STATE_ANSWERED && from != GRILLE_STATE_ANSWERED)
		*kind = GRILLE_CHANGE_ADDED;
	else if (from == GRILLE_STATE_ANSWERED && to != GRILLE_STATE_ANSWERED)
		*kind = GRILLE_CHANGE_REMOVED;
	else if (from == GRILLE_STATE_ANSWERED && to == GRILLE_STATE_ANSWERED && a->fingerprint != b->fingerprint)
		*kind = GRILLE_CHANGE_CHANGED;
	else
		return 0;
	return 1;
}

static int add_change(grille_diff *diff, const grille_question_status *a, const grille_question_status *b,
                      const grille_step_status *step, grille_change_kind kind)
{
	grille_change *changes = array__push(diff->changes, diff->count, sizeof(*changes));
	if (!changes)
		return error__oom();
	diff->changes = changes;
	grille_change *c = &changes[diff->count++];
	const grille_question_status *q = b ? b : a;
	c->id = history__text(q->id);
	c->text = history__text(q->text);
	c->step = strdup(step->id);
	c->kind = kind;
	c->from = a ? a->state : GRILLE_STATE_UNANSWERED;
	c->to = b ? b->state : GRILLE_STATE_UNANSWERED;
	return c->id && c->text && c->step ? 0 : error__oom();
}

static int compare(grille_diff *diff, const grille_status *from, const grille_status *to)
{
	grille_grid_index before = { 0 }, after = { 0 };
	struct entry *old = NULL, *new = NULL;
	size_t old_count = 0, new_count = 0;
	int error = index_status(&before, &old, &old_count, from);
	if (!error)
		error = index_status(&after, &new, &new_count, to);
	/* In the order of the newer point, then what only the older one had. */
	for (size_t i = 0; !error && i < new_count; i++) {
		const struct entry *was = grid_index__find(&before, new[i].q->id);
		grille_change_kind kind;
		if (change_of(was ? was->q : NULL, new[i].q, &kind))
			error = add_change(diff, was ? was->q : NULL, new[i].q, new[i].step, kind);
	}
	for (size_t i = 0; !error && i < old_count; i++) {
		grille_change_kind kind;
		if (!grid_index__find(&after, old[i].q->id) && change_of(old[i].q, NULL, &kind))
			error = add_change(diff, old[i].q, NULL, old[i].step, kind);
	}
	grid_index__release(&before);
	grid_index__release(&after);
	free(old);
	free(new);
	return error;
}

static int status_of(grille_status **out, struct session *sess, const char *rev)
{
	if (!rev)
		return history__status_now(out, sess);
	git_commit *commit = NULL;
	int error = history__commit_of(&commit, sess, rev);
	if (!error && (error = history__status_at(out, sess, commit)) == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("l'espace de travail n'existait pas encore à « %s »"), rev);
	git_commit_free(commit);
	return error;
}

int grille_history_diff(grille_diff **out, const grille_workspace *ws, const char *from, const char *to)
{
	*out = NULL;
	struct session *sess = session__of(ws);
	int error = session__history(sess);
	if (error)
		return error;
	grille_diff *diff = calloc(1, sizeof(*diff));
	grille_status *a = NULL, *b = NULL;
	if (!diff || !(diff->from = history__text(from ? from : "HEAD")) || (to && !(diff->to = history__text(to))))
		error = error__oom();
	if (!error && !from && git_repository_head_unborn(sess->repo) == 1)
		error = error__set(GRILLE_ENOTFOUND, "%s", _("aucun jalon encore : rien à comparer"));
	if (!error)
		error = status_of(&a, sess, from ? from : "HEAD");
	if (!error)
		error = status_of(&b, sess, to);
	if (!error)
		error = compare(diff, a, b);
	grille_status_free(a);
	grille_status_free(b);
	if (error)
		grille_diff_free(diff);
	else
		*out = diff;
	return error;
}

int grille_diff_json(grille_buf *out, const grille_diff *diff)
{
	json_t *changes = json_array();
	for (size_t i = 0; i < diff->count; i++) {
		const grille_change *c = &diff->changes[i];
		json_array_append_new(changes, json_pack("{ssssssssssss}", "id", c->id, "text", c->text,
			"step", c->step, "change", grille_change_name(c->kind),
			"from", grille_state_name(c->from), "to", grille_state_name(c->to)));
	}
	json_t *root = json_pack("{sissso*so}", "format", 1, "from", diff->from, "to",
	                         diff->to ? json_string(diff->to) : json_null(), "changes", changes);
	return json__put(out, root);
}

void grille_diff_free(grille_diff *diff)
{
	if (!diff)
		return;
	for (size_t i = 0; i < diff->count; i++) {
		free(diff->changes[i].id);
		free(diff->changes[i].text);
		free(diff->changes[i].step);
	}
	free(diff->changes);
	free(diff->from);
	free(diff->to);
	free(diff);
}
