#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/group.h"
#include "grille/reminders.h"
#include "grille/upgrade.h"
#include "grille/workspace.h"
#include "array.h"
#include "date.h"
#include "errors.h"
#include "fs.h"
#include "grid_index.h"
#include "intl.h"
#include "repo.h"
#include "scan.h"
#include "settings.h"
#include "parallel.h"
#include "session.h"
#include "stat_cache.h"
#include "status_build.h"
#include "steer.h"
#include "status_data.h"
#include "status_positions.h"
#include "workspace_private.h"

const char *grille_state_name(grille_state state)
{
	static const char *const names[] = { "answered", "unanswered", "skipped", "deferred", "conflict" };
	return (unsigned)state < GRILLE_STATE_COUNT ? names[state] : "?";
}

/* Every step file, scanned; and what they hold, by ID. */
struct reading {
	struct scan *scans;
	size_t scan_count;
	grille_grid_index questions; /* ID -> struct scan_question * */
	grille_grid_index items;     /* ID -> struct scan_item * */
	grille_grid_index used;      /* question IDs already placed in the status */
	grille_grid_index children;  /* item ID -> struct children: its questions in file order */
	grille_grid_index pending;   /* item ID -> "mark", "reopen" or "aside": what its condition asks of its file */
	struct children **lists;
	size_t list_count;
};

struct children {
	const struct scan_question **questions;
	const char **files; /* the step file each question stands in */
	size_t count;
	char *item_id;
};

/* The message when a step file is missing. */
static int step_file_error(int error, const grille_step *step)
{
	if (error == GRILLE_ENOTFOUND)
		error__set(error, _("le fichier « %s » de l'étape %s a disparu : pour le recréer à "
		                          "partir de la grille, « git checkout -- %s » s'il était enregistré"),
		                 step->file, step->id, step->file);
	return error;
}

static int read_from_disk(grille_buf *data, const grille_workspace *ws, const grille_step *step)
{
	return step_file_error(session__read(data, session__of(ws), NULL, step->file), step);
}

/* The step files as they are on disk, through the stat cache when there is one. */
struct disk {
	const grille_workspace *ws;
	struct stat_cache *cache; /* NULL: none */
};

static int scan_from_disk(void *ctx, size_t index, const grille_step *step, struct scan *out)
{
	const struct disk *disk = ctx;
	struct stat st;
	int found = disk->cache ? stat_cache__find(disk->cache, index, step->file, &st, out) : -1;
	if (found > 0)
		return 0;
	/* Mapped, not read: the scan gives back the pages it is past (lib/scan.c). */
	struct fs_map map;
	int error = step_file_error(session__map(&map, session__of(disk->ws), step->file), step);
	if (!error)
		error = scan__file(out, &map, step->file, disk->ws->grid);
	fs__unmap(&map);
	if (!error && found == 0)
		stat_cache__remember(disk->cache, index, &st, out);
	return error;
}

/* An editor's buffers, the disk for the other files. */
struct buffers {
	const grille_workspace *ws;
	const char *const *files;
	const char *const *texts;
	const size_t *lens;
	size_t count;
};

static int scan_from_buffers(void *ctx, size_t index, const grille_step *step, struct scan *out)
{
	(void)index;
	const struct buffers *b = ctx;
	for (size_t i = 0; i < b->count; i++)
		if (b->files[i] && strcmp(b->files[i], step->file) == 0)
			return scan__detailed(out, b->texts[i] ? b->texts[i] : "", b->texts[i] ? b->lens[i] : 0, step->file,
			                      b->ws->grid);
	grille_buf data = GRILLE_BUF_INIT;
	int error = read_from_disk(&data, b->ws, step);
	if (!error)
		error = scan__detailed(out, data.ptr ? data.ptr : "", data.len, step->file, b->ws->grid);
	grille_buf_release(&data);
	return error;
}

static int read_step(grille_step_status *st, struct scan *scan, struct step_source *source,
                     size_t index, const grille_step *step)
{
	int error = source->scan(source->ctx, index, step, scan);
	if (error == GRILLE_ENOMEM)
		return error;
	if (error && !(st->problem = strdup(grille_error_last())))
		return error__oom();
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int add_question(grille_item_status *it, const char *id, const char *text, int level,
                        size_t line)
{
	grille_question_status *qs = array__push(it->questions, it->question_count, sizeof(*qs));
	if (!qs)
		return error__oom();
	it->questions = qs;
	grille_question_status *q = &qs[it->question_count++];
	memset(q, 0, sizeof(*q));
	q->id = strdup(id);
	q->text = strdup(text);
	q->level = level;
	q->line = line;
	q->state = GRILLE_STATE_UNANSWERED;
	return q->id && q->text ? 0 : error__oom();
}

static grille_span span(size_t first, size_t last, size_t start, size_t end)
{
	return first ? (grille_span){ first, last, start, end } : (grille_span){ 0 };
}

static grille_span mark_span(const struct scan_mark *m)
{
	return m->kind != MARK_NONE && m->line && m->end_line >= m->line
	       ? span(m->line, m->end_line, m->start, m->end) : (grille_span){ 0 };
}

/* Where a question stands, and its answer's blocks when the scan recorded them. */
static int locate_question(grille_question_status *q, const struct scan_question *found)
{
	q->section = span(found->line, found->end_line, found->start, found->end);
	q->heading = span(found->line, found->heading_end, found->start, found->heading_to);
	q->mark = mark_span(&found->mark);
	if (!found->answer_range_count)
		return 0;
	if (!(q->answer = calloc(found->answer_range_count, sizeof(*q->answer))))
		return error__oom();
	for (size_t i = 0; i < found->answer_range_count; i++) {
		const struct scan_range *a = &found->answer_lines[i];
		q->answer[q->answer_count++] = span(a->first, a->last, a->start, a->end);
	}
	return 0;
}

static int locate_item(grille_item_status *it, const struct scan_item *found, const char *file)
{
	it->line = found->line;
	it->section = span(found->line, found->end_line, found->start, found->end);
	it->heading = span(found->line, found->heading_end, found->start, found->heading_to);
	it->mark = mark_span(&found->mark);
	return (it->file = strdup(file)) ? 0 : error__oom();
}

/* A question found in the files takes its state from what the group wrote. */
static int add_found(grille_item_status *it, const struct scan_question *found, const char *file,
                     const struct scan_item *item, const grille_grid *grid, const char *today, unsigned data_kinds)
{
	const grille_question *gq = grille_grid_find_question(grid, found->id);
	int error = add_question(it, found->id, gq ? gq->text : found->text, gq ? gq->level : 0, found->line);
	if (error)
		return error;
	grille_question_status *q = &it->questions[it->question_count - 1];
	if (!(q->file = strdup(file)) || (error = locate_question(q, found)) || (error = status__positions_of(q, found)))
		return error ? error : error__oom();
	q->state = scan__question_state(found, item);
	status__apply_data(q, gq, data_kinds);
	q->fingerprint = found->body_hash;
	q->retired = found->retired;
	const struct scan_mark *mark = found->mark.kind ? &found->mark : item ? &item->mark : NULL;
	if (mark && (q->state == GRILLE_STATE_SKIPPED || q->state == GRILLE_STATE_DEFERRED)) {
		q->until = dup_or_null(mark->until);
		q->reason = dup_or_null(mark->reason);
		q->overdue = q->state == GRILLE_STATE_DEFERRED && mark->until && strcmp(mark->until, today) < 0;
		if (mark->until_text && !(q->until_unread = strdup(mark->until_text)))
			return error__oom();
		q->mark_line = mark->until_text ? mark->line : 0;
	}
	return 0;
}

static grille_state item_state(const grille_item_status *it, const struct scan_item *found)
{
	if (found && found->mark.kind == MARK_SKIP)
		return GRILLE_STATE_SKIPPED;
	if (found && found->mark.kind == MARK_DEFER)
		return GRILLE_STATE_DEFERRED;
	size_t counts[GRILLE_STATE_COUNT] = { 0 };
	for (size_t i = 0; i < it->question_count; i++)
		counts[it->questions[i].state]++;
	if (counts[GRILLE_STATE_CONFLICT])
		return GRILLE_STATE_CONFLICT;
	if (counts[GRILLE_STATE_UNANSWERED] || it->question_count == 0)
		return GRILLE_STATE_UNANSWERED;
	if (counts[GRILLE_STATE_SKIPPED] == it->question_count)
		return GRILLE_STATE_SKIPPED;
	if (counts[GRILLE_STATE_ANSWERED] == 0)
		return GRILLE_STATE_DEFERRED;
	return GRILLE_STATE_ANSWERED;
}

static grille_item_status *add_item(grille_step_status *st, const char *id, const char *title)
{
	grille_item_status *items = array__push(st->items, st->item_count, sizeof(*items));
	if (!items)
		return NULL;
	st->items = items;
	grille_item_status *it = &items[st->item_count++];
	memset(it, 0, sizeof(*it));
	it->id = strdup(id);
	it->title = strdup(title);
	return it->id && it->title ? it : NULL;
}

/* The questions of item `item_id`, in the order the files hold them. */
static int place_found(grille_item_status *it, struct reading *r, const char *item_id,
                       const grille_grid *grid, const char *today, unsigned data_kinds)
{
	const struct scan_item *found_item = grid_index__find(&r->items, item_id);
	const struct children *children = grid_index__find(&r->children, item_id);
	for (size_t q = 0; children && q < children->count; q++) {
		const struct scan_question *found = children->questions[q];
		/* The first occurrence of an ID is the question; later copies are ignored. */
		if (grid_index__find(&r->questions, found->id) != found)
			continue;
		int error = grid_index__add(&r->used, found->id, found, 0, NULL);
		if (error == GRILLE_EEXISTS)
			continue;
		if (error || (error = add_found(it, found, children->files[q], found_item, grid, today, data_kinds)))
			return error;
	}
	return 0;
}

static int add_child(struct reading *r, const struct scan_question *q, const char *file)
{
	char *parent = scan__parent_id(q->id);
	if (!parent)
		return error__oom();
	struct children *list = (struct children *)grid_index__find(&r->children, parent);
	if (!list) {
		struct children **lists = array__push(r->lists, r->list_count, sizeof(*lists));
		if (!lists || !(list = calloc(1, sizeof(*list)))) {
			free(parent);
			if (lists)
				r->lists = lists;
			return error__oom();
		}
		r->lists = lists;
		lists[r->list_count++] = list;
		list->item_id = parent;
		int error = grid_index__add(&r->children, list->item_id, list, 0, NULL);
		if (error)
			return error;
	} else {
		free(parent);
	}
	const struct scan_question **grown = array__push(list->questions, list->count, sizeof(*grown));
	if (grown)
		list->questions = grown;
	const char **files = grown ? array__push(list->files, list->count, sizeof(*files)) : NULL;
	if (!files)
		return error__oom();
	list->files = files;
	grown[list->count] = q;
	files[list->count++] = file;
	return 0;
}

/* The step file holding `item`, one of the scans' items. */
static const char *item_file(const struct reading *r, const struct scan_item *item, const grille_grid *grid)
{
	for (size_t s = 0; s < r->scan_count; s++)
		if (r->scans[s].item_count && item >= r->scans[s].items && item < r->scans[s].items + r->scans[s].item_count)
			return grille_grid_step(grid, s)->file;
	return "";
}

struct build {
	const grille_grid *grid;
	const grille_settings *settings;
	const grille_group *group; /* NULL: no data (a commit's status) */
	unsigned data_kinds;       /* the data questions its data answers: status__data_kinds() */
};

static int build_step(grille_status *status, grille_step_status *st, const grille_step *step,
                      struct reading *r, const struct build *ws)
{
	for (size_t i = 0; i < step->item_count; i++) {
		const grille_item *gi = &step->items[i];
		grille_item_status *it = add_item(st, gi->id, gi->title);
		if (!it)
			return error__oom();
		const struct scan_item *found_item = grid_index__find(&r->items, gi->id);
		int error = found_item ? locate_item(it, found_item, item_file(r, found_item, ws->grid)) : 0;
		const char *pending = grid_index__find(&r->pending, gi->id);
		it->pending = pending ? (pending[0] == 'm' ? 1 : pending[0] == 'r' ? -1 : 0) : 0;
		it->not_chosen = pending && pending[0] != 'r';
		const grille_item_group *group = grille_step_group_of(step, i);
		if (!error && group && !(it->group = strdup(group->title)))
			error = error__oom();
		if (!error)
			error = place_found(it, r, gi->id, ws->grid, status->today, ws->data_kinds);
		for (size_t q = 0; !error && q < gi->question_count; q++) {
			const grille_question *gq = &gi->questions[q];
			if (gq->level > ws->settings->level || grid_index__find(&r->questions, gq->id))
				continue;
			/* Missing from the files: its data may still answer it. */
			if (!(error = add_question(it, gq->id, gq->text, gq->level, 0)))
				status__apply_data(&it->questions[it->question_count - 1], gq, ws->data_kinds);
		}
		if (error)
			return error;
		it->state = item_state(it, found_item);
	}
	/* Items the group added to this step. */
	for (size_t s = 0; s < r->scan_count; s++) {
		for (size_t i = 0; i < r->scans[s].item_count; i++) {
			const struct scan_item *found = &r->scans[s].items[i];
			char *parent = scan__parent_id(found->id);
			int mine = parent && strcmp(parent, step->id) == 0 && !grille_grid_find_item(ws->grid, found->id) &&
			           grid_index__find(&r->items, found->id) == found;
			free(parent);
			if (!mine)
				continue;
			grille_item_status *it = add_item(st, found->id, found->title);
			if (!it)
				return error__oom();
			int error = locate_item(it, found, grille_grid_step(ws->grid, s)->file);
			if (!error)
				error = place_found(it, r, found->id, ws->grid, status->today, ws->data_kinds);
			if (error)
				return error;
			it->state = item_state(it, found);
		}
	}
	for (size_t i = 0; i < st->item_count; i++)
		for (size_t q = 0; q < st->items[i].question_count; q++) {
			st->counts[st->items[i].questions[q].state]++;
			st->question_count++;
		}
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		status->totals[k] += st->counts[k];
	status->question_count += st->question_count;
	return 0;
}

/* Items set aside, or back, by their grid condition, read so before the files say it. */
static int steer_reading(struct reading *r, const grille_grid *grid, grille_grid_index *pending)
{
	for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
		const grille_step *step = grille_grid_step(grid, s);
		for (size_t i = 0; i < step->item_count; i++) {
			const grille_condition *cond = step->items[i].when;
			struct scan_item *item = cond ? (struct scan_item *)grid_index__find(&r->items, step->items[i].id) : NULL;
			int need = 0;
			const struct scan_question *choice = cond ? grid_index__find(&r->questions, cond->question) : NULL;
			int error = item ? steer__adjust(item, cond, choice, &need) : 0;
			const char *what = need > 0 ? "mark" : need < 0 ? "reopen"
			                 : item && steer__verdict(cond, choice) == STEER_SET_ASIDE ? "aside" : NULL;
			if (!error && what)
				error = grid_index__add(pending, item->id, what, 0, NULL);
			if (error)
				return error;
		}
	}
	return 0;
}

static int index_reading(struct reading *r, const grille_grid *grid)
{
	for (size_t s = 0; s < r->scan_count; s++) {
		for (size_t q = 0; q < r->scans[s].question_count; q++) {
			int error = grid_index__add(&r->questions, r->scans[s].questions[q].id,
			                                  &r->scans[s].questions[q], 0, NULL);
			if (error && error != GRILLE_EEXISTS)
				return error;
			if ((error = add_child(r, &r->scans[s].questions[q], grille_grid_step(grid, s)->file)))
				return error;
		}
		for (size_t i = 0; i < r->scans[s].item_count; i++) {
			int error = grid_index__add(&r->items, r->scans[s].items[i].id,
			                                  &r->scans[s].items[i], 0, NULL);
			if (error && error != GRILLE_EEXISTS)
				return error;
		}
	}
	return 0;
}

static int add_string(char ***list, size_t *count, const char *text)
{
	char **grown = array__push(*list, *count, sizeof(**list));
	if (!grown)
		return error__oom();
	*list = grown;
	return (grown[(*count)++] = strdup(text)) ? 0 : error__oom();
}

static int copy_review(grille_review_status *out, const grille_review_reminder *r)
{
	out->date = strdup(r->date);
	out->title = strdup(r->title);
	return out->date && out->title ? 0 : error__oom();
}

/* The reviews, from the reminders (lib/reminders.c): one rule for both. */
static int reviews(grille_status *status, const grille_group *g)
{
	int error = grille_reminders_compute(&status->reminders, g, status->today);
	const grille_reminders *r = status->reminders;
	if (!error && r->overdue_review_count &&
	    !(status->overdue_reviews = calloc(r->overdue_review_count, sizeof(*status->overdue_reviews))))
		error = error__oom();
	for (size_t i = 0; !error && i < r->overdue_review_count; i++)
		error = copy_review(&status->overdue_reviews[status->overdue_review_count++], &r->overdue_reviews[i]);
	if (!error && r->next_review.date[0])
		error = copy_review(&status->next_review, &r->next_review);
	return error;
}

static grille_file_change_kind change_kind(unsigned flags)
{
	if (flags & GIT_STATUS_WT_NEW)
		return GRILLE_FILE_UNTRACKED;
	if (flags & GIT_STATUS_INDEX_NEW)
		return GRILLE_FILE_ADDED;
	if (flags & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED))
		return GRILLE_FILE_DELETED;
	if (flags & (GIT_STATUS_WT_RENAMED | GIT_STATUS_INDEX_RENAMED))
		return GRILLE_FILE_RENAMED;
	return GRILLE_FILE_MODIFIED;
}

char grille_file_change_letter(grille_file_change_kind kind)
{
	static const char letters[] = { 'M', 'A', 'D', 'R', '?' };
	return (unsigned)kind < sizeof(letters) ? letters[kind] : 'M';
}

/* Uncommitted changes and files in conflict, for the workspace's files only. */
int status__add_git_changes(grille_status *status, struct session *sess)
{
	int error = session__git(sess);
	if (error == GRILLE_ENOTFOUND)
		return 0;
	if (error)
		return error;
	status->in_repository = 1;
	struct grille_repo_change *changes = NULL;
	size_t count = 0, skip = strlen(sess->prefix);
	error = repo__changes(&changes, &count, sess->repo, sess->prefix);
	if (!error && count && !(status->changes = calloc(count, sizeof(*status->changes))))
		error = error__oom();
	for (size_t i = 0; !error && i < count; i++) {
		const char *path = changes[i].path + skip;
		if (changes[i].flags & GIT_STATUS_CONFLICTED) {
			error = add_string(&status->conflicted_files, &status->conflicted_file_count, path);
			continue;
		}
		grille_file_change *change = &status->changes[status->change_count];
		change->kind = change_kind(changes[i].flags);
		if (!(change->path = strdup(path)))
			error = error__oom();
		else
			status->change_count++;
	}
	repo__changes_free(&changes, &count);
	return error;
}

struct read_job {
	grille_status *status;
	struct scan *scans;
	struct step_source *source;
	const grille_grid *grid;
};

static int read_job_run(size_t s, void *arg)
{
	struct read_job *job = arg;
	return read_step(&job->status->steps[s], &job->scans[s], job->source, s, grille_grid_step(job->grid, s));
}

static int serial_for(size_t count, int (*run)(size_t, void *), void *arg)
{
	int error = 0;
	for (size_t i = 0; !error && i < count; i++)
		error = run(i, arg);
	return error;
}

int status__build(grille_status **out, const grille_grid *grid, const grille_settings *settings,
                  const grille_group *group, const char *root, struct step_source *source, const char *today)
{
	struct build ws_ = { grid, settings, group, group ? status__data_kinds(group) : 0 }, *ws = &ws_;
	*out = NULL;
	grille_status *status = calloc(1, sizeof(*status));
	struct reading r = { 0 };
	size_t step_count = grille_grid_step_count(ws->grid);
	if (!status || !(status->root = strdup(root)) ||
	    !(status->steps = calloc(step_count, sizeof(*status->steps))) ||
	    !(r.scans = calloc(step_count, sizeof(*r.scans)))) {
		grille_status_free(status);
		free(r.scans);
		return error__oom();
	}
	if (today) {
		snprintf(status->today, sizeof(status->today), "%s", today);
	} else {
		date__today(status->today);
	}
	status->level = ws->settings->level;
	int error = 0;
	for (size_t s = 0; !error && s < step_count; s++) {
		const grille_step *step = grille_grid_step(ws->grid, s);
		grille_step_status *st = &status->steps[status->step_count++];
		if (!(st->id = strdup(step->id)) || !(st->title = strdup(step->title)) ||
		    !(st->file = strdup(step->file)))
			error = error__oom();
	}
	r.scan_count = step_count;
	struct read_job job = { status, r.scans, source, ws->grid };
	if (!error)
		error = source->parallel ? parallel__for(parallel__width(source->threads), step_count, read_job_run, &job)
		                         : serial_for(step_count, read_job_run, &job);
	if (!error)
		error = index_reading(&r, grid);
	if (!error)
		error = steer_reading(&r, grid, &r.pending);
	for (size_t s = 0; !error && s < step_count; s++)
		error = build_step(status, &status->steps[s], grille_grid_step(ws->grid, s), &r, ws);
	if (!error && ws->group)
		error = reviews(status, ws->group);
	for (size_t s = 0; s < r.scan_count; s++)
		scan__release(&r.scans[s]);
	free(r.scans);
	grid_index__release(&r.questions);
	grid_index__release(&r.items);
	grid_index__release(&r.used);
	grid_index__release(&r.children);
	grid_index__release(&r.pending);
	for (size_t i = 0; i < r.list_count; i++) {
		free(r.lists[i]->questions);
		free(r.lists[i]->files);
		free(r.lists[i]->item_id);
		free(r.lists[i]);
	}
	free(r.lists);
	if (error)
		grille_status_free(status);
	else
		*out = status;
	return error;
}

int status__from_disk(grille_status **out, const grille_workspace *ws, const char *today)
{
	struct disk disk = { ws, NULL };
	struct step_source source = { scan_from_disk, &disk, 1, ws->threads };
	const grille_group *group;
	int error = grille_workspace_group(&group, ws);
	if (!error)
		error = stat_cache__open(&disk.cache, session__of(ws), grille_grid_step_count(ws->grid));
	if (!error)
		error = status__build(out, ws->grid, ws->settings, group, ws->root, &source, today);
	if (!error && stat_cache__broken(disk.cache)) {
		/* Something in the cache was not what it writes: trust none of it. */
		grille_status_free(*out);
		*out = NULL;
		stat_cache__forget(disk.cache);
		error = status__build(out, ws->grid, ws->settings, group, ws->root, &source, today);
	}
	stat_cache__close(disk.cache);
	if (!error && (error = status__positions_expected(*out, group, session__of(ws)))) {
		grille_status_free(*out);
		*out = NULL;
	}
	return error;
}

/* Which grid the workspace has, and whether grille ships a newer one. */
static int grid_versions(grille_status *status, const grille_workspace *ws)
{
	const char *newer = grille_workspace_grid_newer(ws);
	if (!(status->grid_version = strdup(grille_grid_version(ws->grid))) || (newer && !(status->grid_newer = strdup(newer))))
		return error__oom();
	return 0;
}

int grille_workspace_status(grille_status **out, const grille_workspace *ws, const char *today)
{
	int error = status__from_disk(out, ws, today);
	if (!error && ((error = grid_versions(*out, ws)) || (error = status__add_git_changes(*out, session__of(ws))))) {
		grille_status_free(*out);
		*out = NULL;
	}
	return error;
}

int grille_status_from_buffers(grille_status **out, const grille_workspace *ws, const char *const *files,
                               const char *const *texts, const size_t *lens, size_t count, const char *today)
{
	struct buffers buffers = { ws, files, texts, lens, count };
	struct step_source source = { scan_from_buffers, &buffers, 1, ws->threads };
	const grille_group *group;
	int error = grille_workspace_group(&group, ws);
	return error ? error : status__build(out, ws->grid, ws->settings, group, ws->root, &source, today);
}

void grille_status_free(grille_status *status)
{
	if (!status)
		return;
	for (size_t s = 0; s < status->step_count; s++) {
		grille_step_status *st = &status->steps[s];
		for (size_t i = 0; i < st->item_count; i++) {
			grille_item_status *it = &st->items[i];
			for (size_t q = 0; q < it->question_count; q++) {
				free(it->questions[q].id);
				free(it->questions[q].text);
				free(it->questions[q].file);
				free(it->questions[q].until);
				free(it->questions[q].reason);
				free(it->questions[q].until_unread);
				free(it->questions[q].answer);
				status__positions_release(&it->questions[q]);
			}
			free(it->questions);
			free(it->file);
			free(it->group);
			free(it->id);
			free(it->title);
		}
		free(st->items);
		free(st->id);
		free(st->title);
		free(st->file);
		free(st->problem);
	}
	free(status->steps);
	for (size_t i = 0; i < status->overdue_review_count; i++) {
		free(status->overdue_reviews[i].date);
		free(status->overdue_reviews[i].title);
	}
	free(status->overdue_reviews);
	free(status->next_review.date);
	free(status->next_review.title);
	for (size_t i = 0; i < status->change_count; i++)
		free(status->changes[i].path);
	free(status->changes);
	for (size_t i = 0; i < status->conflicted_file_count; i++)
		free(status->conflicted_files[i]);
	free(status->conflicted_files);
	grille_reminders_free(status->reminders);
	free(status->grid_version);
	free(status->grid_newer);
	free(status->root);
	free(status);
}

size_t grille_step_status_out_of(const grille_step_status *st)
{
	return st->question_count - st->counts[GRILLE_STATE_SKIPPED];
}
