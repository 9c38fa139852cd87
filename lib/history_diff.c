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

/* A point of the history, read with the bytes of its step files for the answers. */
struct point {
	grille_status *status;
	struct step_texts texts;
	grille_grid_index files; /* step file -> its step, for the bytes */
	grille_grid_index steps; /* step ID -> its step */
	grille_grid_index ids;   /* question ID -> its entry */
	struct entry *entries;
	size_t count;
};

/* A question of a point, with its step and the step's place in the listing. */
struct entry {
	const grille_question_status *q;
	const grille_step_status *step;
	size_t rank;
};

static int index_point(struct point *p)
{
	const grille_status *status = p->status;
	size_t total = 0;
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			total += status->steps[s].items[i].question_count;
	if (!(p->entries = calloc(total ? total : 1, sizeof(*p->entries))))
		return error__oom();
	int error = 0;
	for (size_t s = 0; !error && s < status->step_count; s++) {
		const grille_step_status *step = &status->steps[s];
		if ((error = grid_index__add(&p->files, step->file, step, 0, NULL)) == GRILLE_EEXISTS)
			error = 0;
		if (!error && (error = grid_index__add(&p->steps, step->id, step, 0, NULL)) == GRILLE_EEXISTS)
			error = 0;
		grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
		for (const grille_question_status *q; !error && (q = grille_step_next_question(step, &cursor));) {
			struct entry *e = &p->entries[p->count++];
			e->q = q;
			e->step = step;
			error = grid_index__add(&p->ids, q->id, e, 0, NULL);
			if (error == GRILLE_EEXISTS)
				error = 0;
		}
	}
	return error;
}

static void point_release(struct point *p)
{
	grille_status_free(p->status);
	history__step_texts_release(&p->texts);
	grid_index__release(&p->files);
	grid_index__release(&p->steps);
	grid_index__release(&p->ids);
	free(p->entries);
	memset(p, 0, sizeof(*p));
}

/* The answer's Markdown of `q` at point `p`, or NULL (in `*out`) when it has none. */
static int answer_at(char **out, const struct point *p, const grille_question_status *q)
{
	*out = NULL;
	if (!q || !q->file || !q->answer_count)
		return 0;
	const grille_step_status *step = grid_index__find(&p->files, q->file);
	size_t s = step ? (size_t)(step - p->status->steps) : p->texts.count;
	if (s >= p->texts.count || !p->texts.data[s])
		return 0;
	return grille_answer_text(out, q, p->texts.data[s], p->texts.lens[s]);
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

/* The diff being made, with each listing's step rank beside it for the final order. */
struct making {
	grille_diff *diff;
	size_t *change_ranks;
	size_t *question_ranks;
	size_t made;            /* changes and questions so far: the next one's order */
};

static int add_change(struct making *m, const struct point *before, const struct point *after,
                      const struct entry *was, const struct entry *is, grille_change_kind kind)
{
	grille_diff *diff = m->diff;
	grille_change *changes = array__push(diff->changes, diff->count, sizeof(*changes));
	if (changes)
		diff->changes = changes;
	size_t *ranks = array__push(m->change_ranks, diff->count, sizeof(*ranks));
	if (ranks)
		m->change_ranks = ranks;
	if (!changes || !ranks)
		return error__oom();
	const struct entry *e = is ? is : was;
	grille_change *c = &changes[diff->count];
	memset(c, 0, sizeof(*c));
	ranks[diff->count++] = e->rank;
	c->order = m->made++;
	c->id = history__text(e->q->id);
	c->text = history__text(e->q->text);
	c->step = strdup(e->step->id);
	c->kind = kind;
	c->from = was ? was->q->state : GRILLE_STATE_UNANSWERED;
	c->to = is ? is->q->state : GRILLE_STATE_UNANSWERED;
	if (!c->id || !c->text || !c->step)
		return error__oom();
	int error = answer_at(&c->before, before, was ? was->q : NULL);
	return error ? error : answer_at(&c->after, after, is ? is->q : NULL);
}

static int add_question(struct making *m, const struct entry *e, int added)
{
	grille_diff *diff = m->diff;
	grille_question_change *questions = array__push(diff->questions, diff->question_count, sizeof(*questions));
	if (questions)
		diff->questions = questions;
	size_t *ranks = array__push(m->question_ranks, diff->question_count, sizeof(*ranks));
	if (ranks)
		m->question_ranks = ranks;
	if (!questions || !ranks)
		return error__oom();
	grille_question_change *q = &questions[diff->question_count];
	ranks[diff->question_count++] = e->rank;
	q->order = m->made++;
	q->id = history__text(e->q->id);
	q->text = history__text(e->q->text);
	q->step = strdup(e->step->id);
	q->added = added;
	return q->id && q->text && q->step ? 0 : error__oom();
}

/* Put `count` items of `size` bytes in the order of their `ranks` (below
 * `rank_count`), keeping the order of those of one rank: a counting sort,
 * linear whatever the input. */
static int sort_by_rank(void *items, size_t count, size_t size, const size_t *ranks, size_t rank_count)
{
	if (count < 2)
		return 0;
	size_t *starts = calloc(rank_count + 1, sizeof(*starts));
	char *sorted = malloc(count * size);
	if (!starts || !sorted) {
		free(starts);
		free(sorted);
		return error__oom();
	}
	for (size_t i = 0; i < count; i++)
		starts[ranks[i] + 1]++;
	for (size_t r = 0; r < rank_count; r++)
		starts[r + 1] += starts[r];
	for (size_t i = 0; i < count; i++)
		memcpy(sorted + starts[ranks[i]]++ * size, (char *)items + i * size, size);
	memcpy(items, sorted, count * size);
	free(starts);
	free(sorted);
	return 0;
}

/* The steps that have something to show, in rank order. */
static int list_steps(grille_diff *diff, const grille_status *from, const grille_status *to,
                      const struct making *m, size_t rank_count)
{
	unsigned char *used = calloc(rank_count + 1, 1);
	if (!used)
		return error__oom();
	for (size_t i = 0; i < diff->count; i++)
		used[m->change_ranks[i]] = 1;
	for (size_t i = 0; i < diff->question_count; i++)
		used[m->question_ranks[i]] = 1;
	size_t count = 0;
	for (size_t r = 0; r < rank_count; r++)
		count += used[r];
	int error = 0;
	if (count && !(diff->steps = calloc(count, sizeof(*diff->steps))))
		error = error__oom();
	for (size_t r = 0; !error && r < rank_count; r++) {
		if (!used[r])
			continue;
		const char *id = r < to->step_count ? to->steps[r].id : from->steps[r - to->step_count].id;
		if (!(diff->steps[diff->step_count++] = strdup(id)))
			error = error__oom();
	}
	free(used);
	return error;
}

/* A question is in the files at a point when the status found its heading. */
static int in_files(const struct entry *e)
{
	return e && e->q->file;
}

/* Whether question `e` is in the files at its point and not at the `other`
 * point (`twin` its entry there, or NULL): a step file either could not read
 * tells nothing. */
static int only_here(const struct entry *e, const struct entry *twin, const struct point *other)
{
	const grille_step_status *there = grid_index__find(&other->steps, e->step->id);
	return in_files(e) && !in_files(twin) && !e->step->problem && !(there && there->problem);
}

static int compare(grille_diff *diff, struct point *from, struct point *to)
{
	struct making m = { diff, NULL, NULL, 0 };
	size_t rank_count = to->status->step_count + from->status->step_count;
	grille_grid_index steps = { 0 };
	int error = 0;
	/* Steps in the order of the newer point, then those only the older one has. */
	for (size_t s = 0; !error && s < to->status->step_count; s++)
		if ((error = grid_index__add(&steps, to->status->steps[s].id, &to->status->steps[s], 0, NULL)) == GRILLE_EEXISTS)
			error = 0;
	for (size_t i = 0; i < to->count; i++)
		to->entries[i].rank = (size_t)(to->entries[i].step - to->status->steps);
	for (size_t i = 0; i < from->count; i++) {
		const grille_step_status *same = grid_index__find(&steps, from->entries[i].step->id);
		from->entries[i].rank = same ? (size_t)(same - to->status->steps)
		                             : to->status->step_count + (size_t)(from->entries[i].step - from->status->steps);
	}
	for (size_t i = 0; !error && i < to->count; i++) {
		const struct entry *was = grid_index__find(&from->ids, to->entries[i].q->id);
		const struct entry *is = &to->entries[i];
		if (grid_index__find(&to->ids, is->q->id) != is)
			continue; /* a question twice in the files: the status counts the first */
		grille_change_kind kind;
		if (only_here(is, was, from))
			error = add_question(&m, is, 1);
		if (!error && change_of(was ? was->q : NULL, is->q, &kind))
			error = add_change(&m, from, to, was, is, kind);
	}
	for (size_t i = 0; !error && i < from->count; i++) {
		const struct entry *was = &from->entries[i];
		const struct entry *is = grid_index__find(&to->ids, was->q->id);
		if (grid_index__find(&from->ids, was->q->id) != was)
			continue;
		grille_change_kind kind;
		if (only_here(was, is, to))
			error = add_question(&m, was, 0);
		if (!error && !is && change_of(was->q, NULL, &kind))
			error = add_change(&m, from, to, was, NULL, kind);
	}
	if (!error)
		error = sort_by_rank(diff->changes, diff->count, sizeof(*diff->changes), m.change_ranks, rank_count);
	if (!error)
		error = sort_by_rank(diff->questions, diff->question_count, sizeof(*diff->questions), m.question_ranks,
		                     rank_count);
	if (!error)
		error = list_steps(diff, from->status, to->status, &m, rank_count);
	grid_index__release(&steps);
	free(m.change_ranks);
	free(m.question_ranks);
	return error;
}

static int point_of(struct point *out, struct session *sess, const char *rev)
{
	git_commit *commit = NULL;
	int error = rev ? history__commit_of(&commit, sess, rev) : 0;
	if (!error && (error = history__status_texts(&out->status, &out->texts, sess, commit)) == GRILLE_ENOTFOUND && rev)
		error = error__set(GRILLE_ENOTFOUND, _("l'espace de travail n'existait pas encore à « %s »"), rev);
	if (!error)
		error = index_point(out);
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
	struct point a = { 0 }, b = { 0 };
	if (!diff || !(diff->from = history__text(from ? from : "HEAD")) || (to && !(diff->to = history__text(to))))
		error = error__oom();
	if (!error && !from && git_repository_head_unborn(sess->repo) == 1)
		error = error__set(GRILLE_ENOTFOUND, "%s", _("aucun jalon encore : rien à comparer"));
	if (!error)
		error = point_of(&a, sess, from ? from : "HEAD");
	if (!error)
		error = point_of(&b, sess, to);
	if (!error)
		error = compare(diff, &a, &b);
	point_release(&a);
	point_release(&b);
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
		json_array_append_new(changes, json_pack("{sssssssssssssoso}", "id", c->id, "text", c->text,
			"step", c->step, "change", grille_change_name(c->kind),
			"from", grille_state_name(c->from), "to", grille_state_name(c->to),
			"before", json__text(c->before), "after", json__text(c->after)));
	}
	json_t *questions = json_array();
	for (size_t i = 0; i < diff->question_count; i++) {
		const grille_question_change *q = &diff->questions[i];
		json_array_append_new(questions, json_pack("{ssssssss}", "id", q->id, "text", q->text, "step", q->step,
			"change", q->added ? "added" : "removed"));
	}
	json_t *root = json_pack("{sissso*soso}", "format", 1, "from", diff->from, "to",
	                         diff->to ? json_string(diff->to) : json_null(), "changes", changes,
	                         "questions", questions);
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
		free(diff->changes[i].before);
		free(diff->changes[i].after);
	}
	free(diff->changes);
	for (size_t i = 0; i < diff->question_count; i++) {
		free(diff->questions[i].id);
		free(diff->questions[i].text);
		free(diff->questions[i].step);
	}
	free(diff->questions);
	for (size_t i = 0; i < diff->step_count; i++)
		free(diff->steps[i]);
	free(diff->steps);
	free(diff->from);
	free(diff->to);
	free(diff);
}
