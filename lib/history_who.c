#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/group.h"
#include "array.h"
#include "attribution.h"
#include "errors.h"
#include "json_out.h"
#include "parallel.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"
#include "scan.h"
#include "scan_cache.h"
#include "text.h"
#include "workspace_private.h"

/* `lines` more lines to `name` <`email`> (both already fit to show). */
static int credit(grille_contributor **people, size_t *count, const char *name, const char *email, size_t lines)
{
	for (size_t i = 0; i < *count; i++)
		if (strcmp((*people)[i].email, email) == 0 && strcmp((*people)[i].name, name) == 0) {
			(*people)[i].lines += lines;
			return 0;
		}
	grille_contributor *grown = array__push(*people, *count, sizeof(*grown));
	char *n = grown ? strdup(name) : NULL, *e = n ? strdup(email) : NULL;
	if (grown)
		*people = grown;
	if (!e) {
		free(n);
		return error__oom();
	}
	grille_contributor *c = &grown[(*count)++];
	c->name = n;
	c->email = e;
	c->lines = lines;
	return 0;
}

static void free_people(grille_contributor *people, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(people[i].name);
		free(people[i].email);
	}
	free(people);
}

static int by_lines(const void *a, const void *b)
{
	const grille_contributor *x = a, *y = b;
	if (x->lines != y->lines)
		return x->lines < y->lines ? 1 : -1;
	return strcmp(x->name, y->name);
}

/* Whether `id` (a question) falls within `scope` (NULL, a step, an item or a question). */
static int in_scope(const char *id, const char *scope)
{
	if (!scope)
		return 1;
	size_t len = strlen(scope);
	return strncmp(id, scope, len) == 0 && (id[len] == '\0' || id[len] == '.');
}

/* The step file as attributed: its bytes, where each line starts
 * (text__line_starts()), and the author of each line (attribution.h). */
struct blamed_file {
	const char *data;
	size_t len;
	const size_t *starts;
	const uint32_t *person;
	size_t line_count;
	const struct attribution *attribution;
};

/* A blank line is nobody's writing: a list's block ends on the blank line
 * after it, which may well be the one `grille init` wrote. */
static int blank_line(const struct blamed_file *file, size_t line)
{
	return line < 1 || line > file->starts[0] || text__blank_line_at(file->data, file->len, file->starts[line]);
}

/* Take `wq` (its people sorted) into the step: its people count for the step's. */
static int add_question(grille_who_step *st, grille_who_question *wq)
{
	int error = 0;
	for (size_t p = 0; !error && p < wq->people_count; p++)
		error = credit(&st->people, &st->people_count, wq->people[p].name, wq->people[p].email, wq->people[p].lines);
	grille_who_question *grown = error ? NULL : array__push(st->questions, st->question_count, sizeof(*grown));
	if (!grown) {
		free(wq->id);
		free(wq->text);
		free_people(wq->people, wq->people_count);
		return error ? error : error__oom();
	}
	st->questions = grown;
	grown[st->question_count++] = *wq;
	return 0;
}

/* Who wrote question `q`'s answer, into `wq` (empty when no one did). */
static int who_question(grille_who_question *wq, const struct scan_question *q, const struct blamed_file *file,
                        const grille_grid *grid)
{
	memset(wq, 0, sizeof(*wq));
	int error = 0;
	for (size_t r = 0; !error && r < q->answer_range_count; r++)
		for (size_t line = q->answer_lines[r].first; !error && line <= q->answer_lines[r].last; line++) {
			if (blank_line(file, line) || line > file->line_count)
				continue;
			const char *name, *email;
			attribution__person(file->attribution, file->person[line - 1], &name, &email);
			if (name)
				error = credit(&wq->people, &wq->people_count, name, email, 1);
		}
	if (!error && wq->people_count) {
		qsort(wq->people, wq->people_count, sizeof(*wq->people), by_lines);
		const grille_question *gq = grille_grid_find_question(grid, q->id);
		wq->id = history__text(q->id);
		wq->text = history__text(gq ? gq->text : q->text);
		if (!wq->id || !wq->text)
			error = error__oom();
	}
	if (error) {
		free(wq->id);
		free(wq->text);
		free_people(wq->people, wq->people_count);
		memset(wq, 0, sizeof(*wq));
	}
	return error;
}

/* A question's answer as kept in the authors' cache: [id, text, [[name, email, lines]...]]. */
static json_t *question_note(const grille_who_question *wq)
{
	json_t *people = json_array();
	for (size_t p = 0; p < wq->people_count; p++)
		json_array_append_new(people, json_pack("[ssI]", wq->people[p].name, wq->people[p].email,
		                                        (json_int_t)wq->people[p].lines));
	return json_pack("[sso]", wq->id, wq->text, people);
}

/* A question back from the cache: 0, or -1 when it is not what question_note() writes. */
static int question_from_note(grille_who_question *wq, json_t *j)
{
	memset(wq, 0, sizeof(*wq));
	const char *id, *text;
	json_t *people;
	if (json_unpack(j, "[sso!]", &id, &text, &people) || !json_is_array(people) || !json_array_size(people))
		return -1;
	/* The cache is a file like any other: what it says is made fit to show again. */
	int bad = !(wq->id = history__text(id)) || !(wq->text = history__text(text));
	size_t i;
	json_t *v;
	json_array_foreach(people, i, v) {
		const char *name, *email;
		json_int_t lines;
		char *shown_name = NULL, *shown_email = NULL;
		if (bad || json_unpack(v, "[ssI!]", &name, &email, &lines) || lines <= 0 ||
		    !(shown_name = history__text(name)) || !(shown_email = history__text(email)) ||
		    credit(&wq->people, &wq->people_count, shown_name, shown_email, (size_t)lines))
			bad = 1;
		free(shown_name);
		free(shown_email);
	}
	if (bad) {
		free(wq->id);
		free(wq->text);
		free_people(wq->people, wq->people_count);
		memset(wq, 0, sizeof(*wq));
	}
	return bad ? -1 : 0;
}

/* The step from what the cache kept for this blob and grid; -1 when it has nothing usable. */
static int step_from_note(grille_who_step *st, json_t *note, const char *grid_key, const char *scope)
{
	json_t *questions = json_object_get(note, "questions");
	const char *grid = json_string_value(json_object_get(note, "grid"));
	if (!grid || !grid_key || strcmp(grid, grid_key) != 0 || !json_is_array(questions))
		return -1;
	size_t i;
	json_t *v;
	json_array_foreach(questions, i, v) {
		const char *id = json_string_value(json_array_get(v, 0));
		if (id && !in_scope(id, scope))
			continue;
		grille_who_question wq;
		if (question_from_note(&wq, v) || add_question(st, &wq))
			return -1;
	}
	return 0;
}

/* Whether step `step` is asked about. */
static int step_in_scope(const grille_step *step, const char *scope)
{
	return !scope || in_scope(scope, step->id) || in_scope(step->id, scope);
}

static int push_step(grille_who_step **out, grille_who *who, const grille_step *step)
{
	grille_who_step *steps = array__push(who->steps, who->step_count, sizeof(*steps));
	if (!steps)
		return error__oom();
	who->steps = steps;
	grille_who_step *st = *out = &steps[who->step_count++];
	memset(st, 0, sizeof(*st));
	st->id = strdup(step->id);
	st->title = strdup(step->title);
	return st->id && st->title ? 0 : error__oom();
}

/* Throw away a step's questions and people (what a note that turned out unusable gave, or all). */
static void clear_step(grille_who_step *st)
{
	for (size_t q = 0; q < st->question_count; q++) {
		free(st->questions[q].id);
		free(st->questions[q].text);
		free_people(st->questions[q].people, st->questions[q].people_count);
	}
	free(st->questions);
	free_people(st->people, st->people_count);
	st->questions = NULL;
	st->question_count = 0;
	st->people = NULL;
	st->people_count = 0;
}

/* One step file being attributed: read on the caller's thread (libgit2's
 * objects are not shared), scanned on any, then credited on the caller's. */
struct who_job {
	const grille_step *step;
	const grille_grid *grid;
	size_t at;              /* its grille_who_step, by index: who->steps moves as it grows */
	git_oid id;             /* the file's blob */
	git_blob *blob;         /* NULL: nothing to scan (not committed, or the cache's note served) */
	size_t *starts;
	struct scan scan;
	int error;              /* of the scan */
};

/* Step `job->step`: its place in `who`, then what the cache kept of this
 * very file at this very commit, or else its blob, read. */
static int who_read(struct who_job *job, grille_who *who, struct session *sess, struct attribution *attribution,
                    size_t index, const git_tree *tree, const char *scope, const char *grid_key)
{
	grille_who_step *st = NULL;
	int error = session__file_id(&job->id, sess, tree, job->step->file);
	if (error == GRILLE_ENOTFOUND) {
		grille_error_clear();
		return 0; /* not committed yet: nobody to credit */
	}
	json_t *note = error ? NULL : attribution__note(attribution, index, &job->id);
	if (!error && !(error = push_step(&st, who, job->step)))
		job->at = who->step_count - 1;
	if (!error && note) {
		if (step_from_note(st, note, grid_key, scope) == 0)
			return 0;
		clear_step(st);
	}
	return error ? error : session__blob(&job->blob, sess, tree, job->step->file);
}

/* Where the blob's lines start, and its detailed scan: on any thread. */
static int who_scan(size_t index, void *arg)
{
	struct who_job *job = (struct who_job *)arg + index;
	if (!job->blob)
		return 0;
	const char *data = git_blob_rawcontent(job->blob);
	size_t len = (size_t)git_blob_rawsize(job->blob);
	job->starts = text__line_starts(data, len);
	job->error = job->starts ? scan__detailed(&job->scan, data, len, job->step->file, job->grid) : error__oom();
	return job->error;
}

/* Who wrote each question's answer in the scanned blob, and the cache's note of it. */
static int who_credit(struct who_job *job, grille_who *who, struct attribution *attribution, size_t index,
                      const char *scope, const char *grid_key, struct who_scans *keep, size_t slot)
{
	struct blamed_file file = { git_blob_rawcontent(job->blob), (size_t)git_blob_rawsize(job->blob), job->starts,
	                            NULL, 0, attribution };
	json_t *questions = NULL;
	grille_who_step *st = &who->steps[job->at];
	int error = attribution__lines(&file.person, &file.line_count, attribution, index, job->blob);
	/* Every question, for the cache; those asked about, for the answer. */
	if (!error && !(questions = json_array()))
		error = error__oom();
	for (size_t q = 0; !error && q < job->scan.question_count; q++) {
		grille_who_question wq;
		error = who_question(&wq, &job->scan.questions[q], &file, job->grid);
		if (error || !wq.people_count)
			continue;
		json_array_append_new(questions, question_note(&wq));
		if (in_scope(job->scan.questions[q].id, scope)) {
			error = add_question(st, &wq);
		} else {
			free(wq.id);
			free(wq.text);
			free_people(wq.people, wq.people_count);
		}
	}
	if (!error && grid_key)
		attribution__set_note(attribution, index, json_pack("{ssso}", "grid", grid_key, "questions", questions));
	else
		json_decref(questions);
	if (!error && keep) { /* the scan is the caller's now */
		keep->ids[slot] = job->id;
		keep->scans[slot] = job->scan;
		keep->held[slot] = 1;
		memset(&job->scan, 0, sizeof(job->scan));
	}
	return error;
}

static void who_job_release(struct who_job *job)
{
	free(job->starts);
	scan__release(&job->scan);
	git_blob_free(job->blob);
	job->starts = NULL;
	job->blob = NULL;
}

/* Everything a first `who` does with the step files, in windows of as many
 * files as threads: a window is scanned on the helpers while the caller's
 * thread, which alone touches libgit2, credits the window before it and reads
 * the one after it (so at most three windows' blobs are in memory). */
struct who_all {
	grille_who *who;
	struct session *sess;
	struct attribution *attribution;
	const git_tree *tree;
	const grille_step *const *steps;
	const size_t *slots;
	size_t count, width;
	const char *scope, *grid_key;
	struct who_scans *keep;
	struct who_job *jobs;
	size_t credit_from, read_from; /* the windows the caller's thread takes next */
	size_t scan_from;              /* the window the helpers scan */
};

static size_t window_end(const struct who_all *w, size_t first)
{
	return first + w->width < w->count ? first + w->width : w->count;
}

static int who_read_window(struct who_all *w, size_t first)
{
	int error = 0;
	for (size_t i = first; !error && i < window_end(w, first); i++) {
		w->jobs[i].step = w->steps[i];
		w->jobs[i].grid = w->sess->ws->grid;
		error = who_read(&w->jobs[i], w->who, w->sess, w->attribution, i, w->tree, w->scope, w->grid_key);
	}
	return error;
}

static int who_credit_window(struct who_all *w, size_t first)
{
	int error = 0;
	for (size_t i = first; i < window_end(w, first); i++) {
		struct who_job *job = &w->jobs[i];
		if (!error && job->blob)
			error = who_credit(job, w->who, w->attribution, i, w->scope, w->grid_key, w->keep, w->slots[i]);
		if (!error && job->at < w->who->step_count && w->who->steps[job->at].people_count) /* once a step is whole */
			qsort(w->who->steps[job->at].people, w->who->steps[job->at].people_count,
			      sizeof(*w->who->steps[job->at].people), by_lines);
		who_job_release(job);
	}
	return error;
}

/* The caller's thread's share while a window is scanned. */
static int who_serial_part(void *arg)
{
	struct who_all *w = arg;
	int error = w->credit_from < w->count ? who_credit_window(w, w->credit_from) : 0;
	return !error && w->read_from < w->count ? who_read_window(w, w->read_from) : error;
}

static int who_scan_part(void *arg)
{
	struct who_all *w = arg;
	size_t end = window_end(w, w->scan_from), scans = 0;
	for (size_t i = w->scan_from; i < end; i++)
		scans += w->jobs[i].blob != NULL;
	return scans ? parallel__for(scans > 1 ? w->width : 1, end - w->scan_from, who_scan, w->jobs + w->scan_from) : 0;
}

static int who_all_steps(struct who_all *w)
{
	for (size_t i = 0; i < w->count; i++)
		w->jobs[i].at = SIZE_MAX;
	int error = w->count ? who_read_window(w, 0) : 0;
	size_t last = SIZE_MAX;
	for (size_t first = 0; !error && first < w->count; first += w->width) {
		w->credit_from = last == SIZE_MAX ? w->count : last;
		w->read_from = window_end(w, first);
		w->scan_from = first;
		if (w->width > 1)
			error = parallel__both(who_serial_part, w, who_scan_part, w);
		else if (!(error = who_serial_part(w))) /* one thread wanted: one part after the other */
			error = who_scan_part(w);
		last = first;
	}
	if (!error && last != SIZE_MAX)
		error = who_credit_window(w, last);
	for (size_t i = 0; i < w->count; i++)
		who_job_release(&w->jobs[i]);
	return error;
}

int grille_history_scope_check(const grille_workspace *ws, const char *scope)
{
	const grille_grid *grid = ws->grid;
	int kind = grille_id_kind(scope);
	if (kind < 0)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est ni une étape (« 3 »), ni un item (« 3.2 »), "
		                                           "ni une question (« 3.2.a »)"), scope);
	int known = 0;
	if (kind == 0)
		known = grille_grid_find_step(grid, scope) != NULL;
	else if (kind == 1)
		known = grille_grid_find_item(grid, scope) != NULL;
	else if (grille_grid_find_question(grid, scope)) {
		known = 1;
	} else {
		/* A question the group added under an item of the grid counts too. */
		char *item = strndup(scope, (size_t)(strrchr(scope, '.') - scope));
		if (!item)
			return error__oom();
		known = grille_grid_find_item(grid, item) != NULL;
		free(item);
	}
	if (!known)
		return error__set(GRILLE_EARGUMENT,
			_("« %s » n'existe pas dans la grille de cet espace de travail : vérifiez le numéro "
			  "(« grille status » montre les étapes, items et questions)"), scope);
	return 0;
}

int grille_history_who(grille_who **out, const grille_workspace *ws, const char *scope)
{
	return grille_history_who_at(out, ws, scope, NULL);
}

int grille_history_who_at(grille_who **out, const grille_workspace *ws, const char *scope, const char *rev)
{
	*out = NULL;
	int error = scope ? grille_history_scope_check(ws, scope) : 0;
	if (error)
		return error;
	struct session *sess = session__of(ws);
	error = session__history(sess);
	return error ? error : history__who(out, sess, scope, rev);
}

int history__who(grille_who **out, struct session *sess, const char *scope, const char *rev)
{
	return history__who_keeping(out, sess, scope, rev, NULL);
}

int history__who_scan_take(struct who_scans *keep, size_t s, const git_oid *id, struct scan *out)
{
	if (!keep->held || s >= keep->count || !keep->held[s] || !git_oid_equal(&keep->ids[s], id))
		return 0;
	*out = keep->scans[s];
	memset(&keep->scans[s], 0, sizeof(keep->scans[s]));
	keep->held[s] = 0;
	return 1;
}

void history__who_scans_release(struct who_scans *keep)
{
	for (size_t s = 0; keep->held && s < keep->count; s++)
		if (keep->held[s])
			scan__release(&keep->scans[s]);
	free(keep->held);
	free(keep->ids);
	free(keep->scans);
	memset(keep, 0, sizeof(*keep));
}

int history__who_keeping(grille_who **out, struct session *sess, const char *scope, const char *rev,
                         struct who_scans *keep)
{
	*out = NULL;
	const grille_workspace *ws = sess->ws;
	int error = 0;
	grille_who *who = calloc(1, sizeof(*who));
	git_commit *head = NULL;
	git_tree *tree = NULL;
	if (!who)
		error = error__oom();
	else if (git_repository_head_unborn(sess->repo) == 1)
		error = error__set(GRILLE_ENOTFOUND, "%s", _("aucun jalon encore : personne à citer"));
	if (!error && !(error = history__commit_of(&head, sess, rev ? rev : "HEAD")) && git_commit_tree(&tree, head) < 0)
		error = repo__error(_("impossible de lire le dernier jalon"));
	git_oid *edge = NULL;
	size_t edge_count = 0;
	if (!error && (error = history__shallow(sess, &edge, &edge_count)) > 0) {
		who->partial = 1;
		error = 0;
	}
	/* The step files asked about, by their path in the repository. */
	size_t step_count = grille_grid_step_count(ws->grid), path_count = 0;
	char **paths = error ? NULL : calloc(step_count + 1, sizeof(*paths));
	const grille_step **steps = paths ? calloc(step_count + 1, sizeof(*steps)) : NULL;
	size_t *slots = steps ? calloc(step_count + 1, sizeof(*slots)) : NULL;
	if (keep) {
		memset(keep, 0, sizeof(*keep));
		keep->count = step_count;
		if (!(keep->held = calloc(step_count + 1, 1)) || !(keep->ids = calloc(step_count + 1, sizeof(*keep->ids))) ||
		    !(keep->scans = calloc(step_count + 1, sizeof(*keep->scans))))
			history__who_scans_release(keep);
	}
	if (!error && (!slots || (keep && !keep->held)))
		error = error__oom();
	for (size_t s = 0; !error && s < step_count; s++) {
		const grille_step *step = grille_grid_step(ws->grid, s);
		if (!step_in_scope(step, scope))
			continue;
		slots[path_count] = s;
		steps[path_count] = step;
		if (!(paths[path_count++] = session__path(sess, step->file)))
			error = error__oom();
	}
	struct attribution *attribution = NULL;
	if (!error)
		error = attribution__open(&attribution, sess->repo, head, (const char *const *)paths, path_count, edge,
		                          edge_count);
	char *grid_key = error ? NULL : scan_cache__grid_key(ws->grid); /* NULL: nothing kept beside the lines */
	struct who_all all = { who, sess, attribution, tree, steps, slots, path_count, parallel__width(ws->threads),
	                       scope, grid_key, keep, NULL, 0, 0, 0 };
	if (!error && !(all.jobs = calloc(path_count + 1, sizeof(*all.jobs))))
		error = error__oom();
	if (!error)
		error = who_all_steps(&all);
	free(all.jobs);
	free(grid_key);
	attribution__close(attribution);
	for (size_t p = 0; paths && p < path_count; p++)
		free(paths[p]);
	free(paths);
	free(steps);
	free(slots);
	free(edge);
	git_tree_free(tree);
	git_commit_free(head);
	if (error)
		grille_who_free(who);
	else
		*out = who;
	return error;
}

/* The member's name, or null (also for a name jansson refuses). */
static json_t *member_json(const grille_member *m)
{
	json_t *name = m ? json_string(m->name) : NULL;
	return name ? name : json_null();
}

static json_t *people_json(const grille_contributor *people, size_t count, const grille_group *group)
{
	json_t *a = json_array();
	for (size_t i = 0; i < count; i++) {
		const grille_member *m = group ? grille_group_member_of(group, people[i].name, people[i].email) : NULL;
		json_array_append_new(a, json_pack("{sssssosI}", "name", people[i].name, "email", people[i].email,
		                                   "member", member_json(m),
		                                   "lines", (json_int_t)people[i].lines));
	}
	return a;
}

int grille_who_json(grille_buf *out, const grille_who *who, const grille_group *group)
{
	json_t *steps = json_array();
	for (size_t s = 0; s < who->step_count; s++) {
		const grille_who_step *st = &who->steps[s];
		json_t *questions = json_array();
		for (size_t q = 0; q < st->question_count; q++)
			json_array_append_new(questions, json_pack("{ssssso}", "id", st->questions[q].id,
				"text", st->questions[q].text,
				"people", people_json(st->questions[q].people, st->questions[q].people_count, group)));
		json_array_append_new(steps, json_pack("{sssssoso}", "id", st->id, "title", st->title,
			"people", people_json(st->people, st->people_count, group), "questions", questions));
	}
	json_t *root = json_pack("{sisoso}", "format", 1, "steps", steps, "partial", json_boolean(who->partial));
	return json__put(out, root);
}

void grille_who_free(grille_who *who)
{
	if (!who)
		return;
	for (size_t s = 0; s < who->step_count; s++) {
		clear_step(&who->steps[s]);
		free(who->steps[s].id);
		free(who->steps[s].title);
	}
	free(who->steps);
	free(who);
}
