#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "date.h"
#include "errors.h"
#include "fs.h"
#include "group.h"
#include "groupdata.h"
#include "history_private.h"
#include "intl.h"
#include "parallel.h"
#include "repo.h"
#include "report.h"
#include "wording.h"
#include "report_file_ids.h"
#include "report_positions.h"
#include "report_sections.h"
#include "stat_cache.h"
#include "round.h"
#include "session.h"
#include "settings.h"
#include "status_build.h"
#include "text.h"
#include "workspace_private.h"

const char *grille_report_extension(grille_report_format format)
{
	switch (format) {
	case GRILLE_REPORT_ODT: return "fodt";
	case GRILLE_REPORT_MARKDOWN: return "md";
	case GRILLE_REPORT_JSON: return "json";
	default: return "html";
	}
}

int grille_report_format_from_name(const char *name)
{
	if (strcmp(name, "html") == 0)
		return GRILLE_REPORT_HTML;
	if (strcmp(name, "odt") == 0 || strcmp(name, "fodt") == 0)
		return GRILLE_REPORT_ODT;
	if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		return GRILLE_REPORT_MARKDOWN;
	if (strcmp(name, "json") == 0)
		return GRILLE_REPORT_JSON;
	return -1;
}

int report__shows(const struct report *r, const grille_step_status *st)
{
	return !r->step || strcmp(r->step, st->id) == 0;
}

/* Where the step files come from: the working tree, or a commit's tree. */
struct contents_source {
	struct report *r;
	git_tree *tree;      /* NULL: the working tree */
	/* With r->sections: what the last report left, so that a file that did
	 * not change is neither read nor parsed (unless `read_all`). */
	struct stat_cache *stat;
	struct report_file_ids *ids;
	int read_all;
};

static int read_contents(struct contents_source *src, const grille_step *step, grille_buf *out);

/* Where the answers of step `s` lie: their files are marked `mark` in `needed`. */
static void mark_files(const struct report *r, size_t s, int *needed, int mark)
{
	const grille_step_status *st = &r->status->steps[s];
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	/* A step's answers are in its own file, or in another one they moved to. */
	for (const grille_question_status *qs; report__shows(r, st) && (qs = grille_step_next_question(st, &cursor));)
		for (size_t f = 0; (qs->state == GRILLE_STATE_ANSWERED || report__has_positions(qs)) && qs->file && f < r->step_count; f++)
			if (!needed[f] && strcmp(grille_grid_step(r->grid, f)->file, qs->file) == 0)
				needed[f] = mark;
}

/* Make sure the texts the steps [first, first + count) need for their
 * answers are there, and let go of those no step from `first` on needs.
 * The scan kept every file it read: a file is read once, and leaves memory
 * as soon as the report is past it. */
static int hold_steps(struct report *r, size_t first, size_t count)
{
	enum { UNUSED, NOW, LATER };
	int *needed = calloc(r->step_count, sizeof(*needed));
	if (!needed)
		return error__oom();
	for (size_t s = first; s < r->status->step_count; s++)
		mark_files(r, s, needed, s < first + count ? NOW : LATER);
	struct contents_source src = { r, r->tree, NULL, NULL, 0 };
	int error = 0;
	for (size_t f = 0; f < r->step_count; f++) {
		if (needed[f] == UNUSED) {
			free(r->contents[f]);
			r->contents[f] = NULL;
			continue;
		}
		if (needed[f] != NOW || r->contents[f] || error || (r->detailed && !r->detailed[f]))
			continue; /* not read when unchanged: its steps' sections are kept */
		/* Not kept by the scan (it failed then): read now, or fail as it did. */
		grille_buf data = GRILLE_BUF_INIT;
		error = read_contents(&src, grille_grid_step(r->grid, f), &data);
		if (!error) {
			r->lengths[f] = data.len;
			r->contents[f] = grille_buf_detach(&data);
			error = r->contents[f] ? 0 : error__oom();
		}
		grille_buf_release(&data);
	}
	free(needed);
	return error;
}

int report__clean(const struct report *r, grille_buf *out)
{
	if (grille_buf_oom(out)) /* a fragment was lost: nothing more goes out */
		return error__oom();
	if (!out->len || grille_text_is_clean(out->ptr, out->len, r->text_kind))
		return 0;
	grille_buf clean = GRILLE_BUF_INIT;
	int error = grille_text_clean(&clean, out->ptr, out->len, r->text_kind);
	if (!error) {
		grille_buf_release(out);
		*out = clean;
	} else {
		grille_buf_release(&clean);
	}
	return error;
}

int report__send(const struct report *r, grille_buf *out)
{
	int error = out->len ? r->sink(r->sink_ctx, out->ptr, out->len) : 0;
	grille_buf_clear(out);
	return error;
}

int report__flush(const struct report *r, grille_buf *out)
{
	int error = report__clean(r, out);
	if (!error)
		return report__send(r, out);
	grille_buf_clear(out);
	return error;
}

static int read_contents(struct contents_source *src, const grille_step *step, grille_buf *out)
{
	int error = session__read(out, session__of(src->r->ws), src->tree, step->file);
	if (error == GRILLE_ENOTFOUND && !src->tree)
		error__set(error, _("le fichier « %s » de l'étape %s a disparu"), step->file, step->id);
	else if (error == GRILLE_ENOTFOUND)
		error__set(error, _("le fichier « %s » n'existe pas à « %s »"), step->file, src->r->at);
	return error;
}

/* Read a step file once, scan it with detail, and keep its bytes for the
 * answers (hold_steps() lets them go). With kept sections, a file that stats
 * as when the last report read it is not read: its scan comes from the stat
 * cache and its ID from the report's. Steps may scan on several threads:
 * each writes its own slot. */
static int scan_contents(void *ctx, size_t s, const grille_step *step, struct scan *out)
{
	struct contents_source *src = ctx;
	struct report *r = src->r;
	struct stat st;
	int found = src->stat ? stat_cache__find(src->stat, s, step->file, &st, out) : -1;
	if (found == 1 && !src->read_all && report_file_ids__find(src->ids, s, step->file, &st, r->file_ids[s])) {
		r->file_known[s] = 1;
		return 0;
	}
	if (found == 1) {
		scan__release(out);
		memset(out, 0, sizeof(*out));
	}
	grille_buf data = GRILLE_BUF_INIT;
	int error = read_contents(src, step, &data);
	/* The file's blob ID: what the kept sections are keyed by, and what
	 * tells the same bytes as a blob `who` scanned (its scan is taken). */
	git_oid id;
	int hashed = !error && (r->file_known || (r->who_scans.held && r->who_scans.held[s])) &&
	             git_odb_hash(&id, data.ptr ? data.ptr : "", data.len, GIT_OBJECT_BLOB) == 0;
	git_error_clear();
	if (!error && !(hashed && history__who_scan_take(&r->who_scans, s, &id, out)))
		error = scan__detailed(out, data.ptr ? data.ptr : "", data.len, step->file, r->grid);
	if (!error && found == 0)
		stat_cache__remember(src->stat, s, &st, out);
	if (!error && r->file_known && hashed) {
		memcpy(r->file_ids[s], id.id, sizeof(r->file_ids[s]));
		r->file_known[s] = 1;
		if (found >= 0)
			report_file_ids__remember(src->ids, s, step->file, &st, id.id);
	}
	if (!error) {
		r->lengths[s] = data.len;
		r->contents[s] = grille_buf_detach(&data);
		error = r->contents[s] ? 0 : error__oom();
		if (r->detailed)
			r->detailed[s] = 1;
	}
	grille_buf_release(&data);
	return error;
}

static int load_settings_at(struct report *r, const git_tree *tree)
{
	grille_buf data = GRILLE_BUF_INIT;
	int error = session__read(&data, r->session, tree, GRILLE_SETTINGS_FILE);
	if (error == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("l'espace de travail n'existait pas encore à « %s »"), r->at);
	if (!error)
		error = grille_settings_load_buffer(&r->settings_at, data.ptr ? data.ptr : "", data.len,
		                                    GRILLE_SETTINGS_FILE);
	if (!error)
		r->settings = r->settings_at;
	grille_buf_release(&data);
	return error;
}

/* The group's data as the report's source holds it: the working tree, or --at's commit. */
static int load_group(struct report *r, const grille_workspace *ws)
{
	if (!r->tree)
		return grille_workspace_group(&r->group, ws);
	int error = group__load(&r->group_at, r->session, r->tree, r->settings);
	if (!error)
		r->group = group__view(r->group_at);
	return error;
}

int report__data_of(const grille_question_status *q, enum report_data *kind)
{
	switch (q->data ? q->kind : GRILLE_QUESTION_TEXT) {
	case GRILLE_QUESTION_MEMBERS: *kind = REPORT_DATA_MEMBERS; return 1;
	case GRILLE_QUESTION_PLAN: *kind = REPORT_DATA_PLAN; return 1;
	case GRILLE_QUESTION_TEST_PHASE: *kind = REPORT_DATA_TEST_PHASE; return 1;
	case GRILLE_QUESTION_REVIEWS: *kind = REPORT_DATA_REVIEWS; return 1;
	default: return 0;
	}
}

size_t report__review_count(const grille_group *group)
{
	size_t count = 0;
	for (size_t i = 0; i < group->event_count; i++)
		count += group->events[i].kind == GRILLE_EVENT_REVIEW;
	return count;
}

void report__join(grille_buf *out, const char *const *texts, size_t count)
{
	for (size_t i = 0; i < count; i++)
		grille_buf_printf(out, "%s%s", i ? ", " : "", texts[i]);
}

/* --authors: each question's credits found by its ID, once for every format. */
static int index_authors(struct report *r)
{
	for (size_t s = 0; r->who && s < r->who->step_count; s++)
		for (size_t q = 0; q < r->who->steps[s].question_count; q++) {
			const grille_who_question *wq = &r->who->steps[s].questions[q];
			/* An ID found twice in the files: its first place counts, as in the status. */
			int error = grid_index__add(&r->authors_of, wq->id, wq, 0, NULL);
			if (error && error != GRILLE_EEXISTS)
				return error;
		}
	return 0;
}

/* The revision shown in the title block, and the history behind the report. */
/* The day the revision was recorded, in its author's time zone: what a reader
 * is told instead of its hash. Left "" when the commit cannot be read. */
static void revision_date(struct report *r, git_repository *repo)
{
	git_oid oid;
	git_commit *commit = NULL;
	if (git_oid_fromstr(&oid, r->revision) == 0 && git_commit_lookup(&commit, repo, &oid) == 0) {
		long long seconds = (long long)git_commit_time(commit) + 60LL * git_commit_time_offset(commit);
		long day = (long)(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400), y, m, d;
		date__to_civil(day, &y, &m, &d);
		if (y >= 1 && y <= 9999)
			snprintf(r->revision_date, sizeof(r->revision_date), "%04d-%02d-%02d", (int)y, (int)m, (int)d);
	}
	git_commit_free(commit);
	git_error_clear();
}

static int load_history(struct report *r, git_commit *commit)
{
	git_repository *repo = r->session->repo;
	if (commit) {
		git_oid_tostr(r->revision, sizeof(r->revision), git_commit_id(commit));
	} else if (git_repository_head_unborn(repo) != 1) {
		git_oid head;
		if (git_reference_name_to_id(&head, repo, "HEAD") == 0)
			git_oid_tostr(r->revision, sizeof(r->revision), &head);
	}
	git_error_clear();
	if (!r->revision[0])
		return 0;
	revision_date(r, repo);
	const char *rev = r->round_rev[0] ? r->round_rev : r->at;
	/* who first: its scans of the step files' blobs, made on every thread,
	 * are the log's for the same blobs, and the status's for files that are
	 * as committed. A first report parses each step file once. */
	int error = history__who_keeping(&r->who, r->session, NULL, rev, &r->who_scans);
	if (!error)
		error = history__log_given(&r->log, r->session, rev, &r->who_scans);
	/* Only the log uses the scan cache: saved now, its memory goes before the rendering. */
	session__cache_release(r->session);
	return error;
}

/* An HTML report of the working tree: the sections the last one kept, and
 * what tells a step file unchanged without reading it. */
static int open_kept(struct report *r, struct contents_source *src)
{
	size_t n = r->step_count ? r->step_count : 1;
	if (!(r->file_ids = calloc(n, sizeof(*r->file_ids))) || !(r->file_known = calloc(n, 1)) ||
	    !(r->detailed = calloc(n, 1)))
		return error__oom();
	int error = report_sections__open(&r->sections, r, "html");
	if (!error && r->sections)
		error = stat_cache__open(&src->stat, r->session, r->step_count);
	if (!error && r->sections)
		error = report_file_ids__open(&src->ids, r->session, r->step_count);
	if (!error && !src->ids) /* no IDs kept: every file is read */
		src->read_all = 1;
	return error;
}

/* Whether step `s` has answers in a file this report did not read. */
static int needs_unread(const struct report *r, size_t s)
{
	int *needed = calloc(r->step_count ? r->step_count : 1, sizeof(*needed));
	if (!needed)
		return 1;
	mark_files(r, s, needed, 1);
	int unread = 0;
	for (size_t f = 0; f < r->step_count; f++)
		unread |= needed[f] && !r->detailed[f];
	free(needed);
	return unread;
}

/* Look up each step's kept section. One to render whose answers stand in a
 * file not read (its scan from the stat cache) needs that file's bytes and
 * details: the status is made again, every file read. So it is too when the
 * stat cache was found broken inside. */
struct finding {
	struct report *r;
	int *found;
};

/* One step's kept section looked up (read and checked): steps on several threads. */
static int find_one(size_t s, void *arg)
{
	struct finding *f = arg;
	if (!report__shows(f->r, &f->r->status->steps[s]))
		return 0;
	f->found[s] = report_sections__find(f->r->sections, s);
	return f->found[s] < 0 ? f->found[s] : 0;
}

static int find_all(struct report *r, int *found)
{
	struct finding f = { r, found };
	return parallel__for(parallel__width(r->ws->threads), r->status->step_count, find_one, &f);
}

static int find_kept(struct report *r, struct contents_source *src, struct step_source *source)
{
	int again = src->stat && stat_cache__broken(src->stat);
	int *found = calloc(r->status->step_count ? r->status->step_count : 1, sizeof(*found));
	if (!found)
		return error__oom();
	int error = find_all(r, found);
	for (size_t s = 0; !error && s < r->status->step_count; s++)
		if (report__shows(r, &r->status->steps[s]) && !found[s] && needs_unread(r, s))
			again = 1;
	free(found);
	found = NULL;
	if (error || !again)
		return error;
	grille_status_free(r->status);
	r->status = NULL;
	for (size_t f = 0; f < r->step_count; f++) {
		free(r->contents[f]);
		r->contents[f] = NULL;
		r->detailed[f] = 0;
		r->file_known[f] = 0;
	}
	if (src->stat && stat_cache__broken(src->stat))
		stat_cache__forget(src->stat);
	src->read_all = 1;
	error = status__build(&r->status, r->grid, r->settings, r->group, r->ws->root, source, r->today);
	if (!error && !(found = calloc(r->status->step_count ? r->status->step_count : 1, sizeof(*found))))
		error = error__oom();
	if (!error)
		error = find_all(r, found);
	free(found);
	return error;
}

int report__load(struct report *r, const grille_workspace *ws, const grille_report_options *opts)
{
	memset(r, 0, sizeof(*r));
	r->ws = ws;
	r->grid = ws->grid;
	r->language = grille_grid_language(r->grid);
	r->settings = ws->settings;
	r->step = opts->step;
	r->guidance = opts->guidance;
	r->authors = opts->authors;
	r->at = opts->at;
	r->round = opts->round ? opts->round : ws->settings->round;
	r->round_past = opts->round != 0;
	if (opts->today)
		snprintf(r->today, sizeof(r->today), "%s", opts->today);
	else
		date__today(r->today);
	grille_buf today = GRILLE_BUF_INIT;
	report__date_long(&today, r->language, r->today);
	snprintf(r->today_text, sizeof(r->today_text), "%s", today.ptr ? today.ptr : r->today);
	grille_buf_release(&today);
	const grille_step *named;
	if (r->step && grille_grid_lookup_step(&named, r->grid, r->step) < 0)
		return GRILLE_EARGUMENT;
	r->step_count = grille_grid_step_count(r->grid);
	r->contents = calloc(r->step_count, sizeof(*r->contents));
	r->lengths = calloc(r->step_count, sizeof(*r->lengths));
	if (!r->contents || !r->lengths)
		return error__oom();

	/* One session for all the report reads: the repository is opened once. */
	struct session *sess = session__of(ws);
	int in_git = session__history(sess) == 0;
	if (in_git)
		r->session = sess;
	else
		grille_error_clear();
	git_commit *commit = NULL;
	struct contents_source src = { r, NULL, NULL, NULL, 0 };
	int error = 0;
	if (opts->at && !in_git)
		error = error__set(GRILLE_EGIT, "%s", _("--at lit l'historique git, et cet espace de travail n'est pas suivi par git"));
	if (!error && opts->at && !(error = history__commit_of(&commit, sess, opts->at)) && git_commit_tree(&src.tree, commit) < 0)
		error = repo__error(_("impossible de lire un commit"));
	if (!error && opts->round && opts->at)
		error = error__set(GRILLE_EARGUMENT, "%s", _("--round et --at ne vont pas ensemble : --round lit le dossier du tour"));
	else if (!error && opts->round && !(error = round__open(&commit, sess, opts->round)) && commit)
		git_oid_tostr(r->round_rev, sizeof(r->round_rev), git_commit_id(commit));
	r->tree = src.tree; /* owned by the report from here; a file the scan could not keep is read from it */
	if (!error && src.tree)
		error = load_settings_at(r, src.tree);
	/* The history first: who's blame, where a report peaks in memory, is done
	 * before the scan below keeps the step files' texts. */
	if (!error && in_git && !(opts->round && !commit)) /* a round without its tag has no history here */
		error = load_history(r, commit);
	if (!error && r->authors)
		error = index_authors(r);
	/* libgit2 objects are not shared across threads: blobs are read one step at a time. */
	struct step_source source = { scan_contents, &src, src.tree == NULL, ws->threads };
	if (!error)
		error = load_group(r, ws);
	if (!error && in_git && !src.tree && !r->round_past && opts->format == GRILLE_REPORT_HTML)
		error = open_kept(r, &src);
	if (!error)
		error = status__build(&r->status, r->grid, r->settings, r->group, ws->root, &source, r->today);
	if (!error && r->sections)
		error = find_kept(r, &src, &source);
	history__who_scans_release(&r->who_scans); /* those the status did not take */
	stat_cache__close(src.stat);
	report_file_ids__close(src.ids);
	if (!error) /* the texts no answer needs go right away */
		error = hold_steps(r, 0, 0);
	if (!error && !opts->at && !opts->round && in_git)
		error = status__add_git_changes(r->status, sess); /* as grille status shows them */
	if (!error && r->revision[0] && !opts->at && !opts->round)
		r->dirty = r->status->change_count > 0;
	git_commit_free(commit);
	return error;
}

void report__release(struct report *r)
{
	if (r->round_past && r->ws)
		round__close(session__of(r->ws));
	for (size_t s = 0; s < r->step_count; s++)
		free(r->contents ? r->contents[s] : NULL);
	free(r->contents);
	free(r->lengths);
	grille_status_free(r->status);
	grille_settings_free(r->settings_at);
	group__free(r->group_at);
	grille_log_free(r->log);
	grid_index__release(&r->authors_of);
	grille_who_free(r->who);
	history__who_scans_release(&r->who_scans);
	git_tree_free(r->tree);
	report_sections__close(r->sections);
	free(r->file_ids);
	free(r->file_known);
	free(r->detailed);
	memset(r, 0, sizeof(*r));
}

char *report__answer_markdown(const struct report *r, const grille_question_status *q)
{
	if (q->state != GRILLE_STATE_ANSWERED || !q->file)
		return NULL;
	size_t s = 0;
	while (s < r->step_count && strcmp(grille_grid_step(r->grid, s)->file, q->file) != 0)
		s++;
	if (s == r->step_count || !r->contents[s])
		return NULL;
	char *markdown = NULL;
	return grille_answer_text(&markdown, q, r->contents[s], r->lengths[s]) ? NULL : markdown;
}

void report__mark_tail(grille_buf *out, const char *language, const grille_question_status *q)
{
	if (q->until) {
		grille_buf until = GRILLE_BUF_INIT;
		report__date_long(&until, language, q->until);
		grille_buf_printf(out, q->overdue ? W_(language, " (date passée : %s)") : W_(language, " (pour le %s)"), until.ptr ? until.ptr : "");
		grille_buf_oom_from(out, &until);
		grille_buf_release(&until);
	}
	if (q->reason)
		grille_buf_printf(out, " — %s", q->reason);
}

void report__question_text(grille_buf *out, const char *language, const grille_question_status *q)
{
	grille_buf_printf(out, "%s %s", q->id, q->text);
	report__mark_tail(out, language, q);
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

const grille_question_status *report__item_mark(const grille_item_status *it, grille_state state)
{
	const grille_question_status *first = NULL;
	size_t count = 0;
	for (size_t i = 0; i < it->question_count; i++) {
		const grille_question_status *q = &it->questions[i];
		if (q->state != state)
			continue;
		if (first && (!same_text(first->reason, q->reason) || !same_text(first->until, q->until)))
			return NULL;
		first = first ? first : q;
		count++;
	}
	return count >= 2 && (first->reason || first->until) ? first : NULL;
}

void report__state_count(grille_buf *out, const char *language, grille_state state, size_t n)
{
	unsigned long count = (unsigned long)n;
	switch (state) {
	case GRILLE_STATE_ANSWERED: grille_buf_printf(out, WN_(language, "%lu répondue", "%lu répondues", count), count); break;
	case GRILLE_STATE_UNANSWERED: grille_buf_printf(out, WN_(language, "%lu sans réponse", "%lu sans réponse", count), count); break;
	case GRILLE_STATE_SKIPPED: grille_buf_printf(out, WN_(language, "%lu mise de côté", "%lu mises de côté", count), count); break;
	case GRILLE_STATE_DEFERRED: grille_buf_printf(out, WN_(language, "%lu pour plus tard", "%lu pour plus tard", count), count); break;
	default: grille_buf_printf(out, WN_(language, "%lu en conflit", "%lu en conflit", count), count); break;
	}
}

void report__step_counts(grille_buf *out, const char *language, const grille_step_status *st)
{
	unsigned long total = (unsigned long)st->question_count;
	grille_buf_printf(out, WN_(language, "%lu question", "%lu questions", total), total);
	/* Answered always, the other states when some question is in them: "1 mise de côté", never "0 en conflit". */
	static const grille_state order[] = { GRILLE_STATE_ANSWERED, GRILLE_STATE_UNANSWERED, GRILLE_STATE_SKIPPED,
	                                      GRILLE_STATE_DEFERRED, GRILLE_STATE_CONFLICT };
	for (size_t k = 0; k < GRILLE_STATE_COUNT; k++) {
		if (k && !st->counts[order[k]])
			continue;
		grille_buf_puts(out, k ? ", " : W_(language, " : "));
		report__state_count(out, language, order[k], st->counts[order[k]]);
	}
	grille_buf_puts(out, ".");
}

void report__version_text(grille_buf *out, const struct report *r)
{
	if (!r->revision[0]) {
		grille_buf_puts(out, W_(r->language, "pas encore d'historique"));
		return;
	}
	grille_buf date = GRILLE_BUF_INIT;
	report__date_long(&date, r->language, r->revision_date);
	if (r->revision_date[0])
		grille_buf_printf(out, W_(r->language, "enregistrée le %s"), date.ptr ? date.ptr : "");
	else
		grille_buf_puts(out, W_(r->language, "la dernière enregistrée"));
	grille_buf_oom_from(out, &date);
	grille_buf_release(&date);
	if (r->dirty)
		grille_buf_puts(out, W_(r->language, " (avec des changements pas encore enregistrés)"));
}

void report__progress_description(grille_buf *out, const struct report *r)
{
	grille_buf_printf(out, "%s%s", W_(r->language, "Progression par étape"), W_(r->language, " : "));
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf_printf(out, W_(r->language, "Étape %s"), st->id);
		grille_buf_puts(out, W_(r->language, " : "));
		grille_buf_printf(out, WN_(r->language, "%lu question", "%lu questions", st->question_count),
		                  (unsigned long)st->question_count);
		for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
			grille_buf_puts(out, ", ");
			report__state_count(out, r->language, (grille_state)k, st->counts[k]);
		}
		grille_buf_puts(out, ". ");
	}
}

void report__revision_note(grille_buf *out, const struct report *r)
{
	if (r->revision[0])
		grille_buf_printf(out, W_(r->language, "Numéro de cette version dans l'historique git : %.12s."), r->revision);
}

const char *report__review_state(const struct report *r, const grille_event *review)
{
	return review->done ? "done" : settings__review_overdue(review, r->today) ? "overdue" : "upcoming";
}

const char *report__review_label(const struct report *r, const grille_event *review)
{
	return review->done ? W_(r->language, "fait") : settings__review_overdue(review, r->today) ? W_(r->language, "en retard") : W_(r->language, "à venir");
}

int report__round_line(grille_buf *out, const struct report *r)
{
	if (r->round_past)
		return grille_buf_printf(out, W_(r->language, "Tour %d, terminé : ses fichiers tels qu'archivés dans tour-%d/"), r->round,
		                         r->round) == 0;
	return r->round > 1 && grille_buf_printf(out, W_(r->language, "Tour %d (en cours)"), r->round) == 0;
}

const char *report__partial_history(const struct report *r)
{
	return r->log && r->log->partial
	       ? W_(r->language, "Historique partiel : ce dépôt est un clone limité aux derniers jalons (git clone --depth) ; "
	           "les plus anciens n'y sont pas. Pour tout l'historique : git fetch --unshallow")
	       : NULL;
}

const char *report__item_guidance(const struct report *r, const char *id)
{
	const grille_item *item = r->guidance ? grille_grid_find_item(r->grid, id) : NULL;
	return item ? item->guidance : NULL;
}

const char *report__step_intro(const struct report *r, const char *id)
{
	const grille_step *step = r->guidance ? grille_grid_find_step(r->grid, id) : NULL;
	return step ? step->intro : NULL;
}

const char *report__state_label(const char *language, grille_state state)
{
	switch (state) {
	case GRILLE_STATE_ANSWERED: return W_(language, "répondues");
	case GRILLE_STATE_UNANSWERED: return W_(language, "sans réponse");
	case GRILLE_STATE_SKIPPED: return W_(language, "mises de côté");
	case GRILLE_STATE_DEFERRED: return W_(language, "pour plus tard");
	default: return W_(language, "en conflit");
	}
}

/* Render the loaded report `r` to the sink; `result`, when given, counts what it could not read. */
static int render(grille_report_result *result, struct report *r, grille_report_sink sink, void *ctx,
                  const grille_report_options *opts)
{
	grille_buf out = GRILLE_BUF_INIT;
	int error = 0;
	r->sink = sink;
	r->sink_ctx = ctx;
	/* JSON: jansson escapes control characters; its strings are made UTF-8 where they are built. */
	r->text_kind = opts->format == GRILLE_REPORT_JSON ? GRILLE_TEXT_UTF8 : GRILLE_TEXT_MARKUP;
	for (size_t s = 0; result && s < r->status->step_count; s++)
		result->problems += r->status->steps[s].problem != NULL;
	const struct report_format *format = opts->format == GRILLE_REPORT_ODT ? &report_odt_format
	                                   : opts->format == GRILLE_REPORT_MARKDOWN ? &report_markdown_format
	                                   : opts->format == GRILLE_REPORT_JSON ? &report_json_format
	                                   : &report_html_format;
	/* The steps' texts are loaded here, a window at a time, before the
	 * renderer formats them: renderers never read a file. */
	void *state = NULL;
	size_t width = format->parallel ? parallel__width(r->ws->threads) : 1, count = r->status->step_count;
	error = format->begin(&state, &out, r);
	for (size_t first = 0; !error && first < count; first += width) {
		size_t n = count - first < width ? count - first : width;
		error = hold_steps(r, first, n);
		if (!error)
			error = format->steps(state, &out, r, first, n);
	}
	if (!error)
		error = hold_steps(r, count, 0);
	error = format->end(state, &out, r, error);
	grille_buf_release(&out);
	return error;
}

int grille_report_stream(grille_report_result *out, grille_report_sink sink, void *ctx,
                         const grille_workspace *ws, const grille_report_options *opts)
{
	struct report r;
	if (out)
		*out = (grille_report_result){ 0 };
	int error = report__load(&r, ws, opts);
	if (!error)
		error = render(out, &r, sink, ctx, opts);
	report__release(&r);
	return error;
}

int report__to_file(void *ctx, const void *data, size_t len)
{
	return fs__atomic_write(ctx, data, len);
}

int grille_report_write_file(grille_report_result *out, const char *path, const grille_workspace *ws,
                             const grille_report_options *opts)
{
	/* The workspace is read before the temporary file exists: the report
	 * says "changes not yet saved" exactly when grille status lists some,
	 * never because of the file being written. */
	struct report r;
	struct grille_fs_atomic file;
	if (out)
		*out = (grille_report_result){ 0 };
	int error = report__check_output(ws, path, opts->format, NULL);
	if (error)
		return error;
	error = report__load(&r, ws, opts);
	if (!error && !(error = fs__output_open(&file, path))) {
		error = render(out, &r, report__to_file, &file, opts);
		if (!error)
			error = fs__atomic_commit(&file);
		else
			fs__atomic_abort(&file);
	}
	report__release(&r);
	return error;
}
