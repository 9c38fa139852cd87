#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/error.h"
#include "grille/group.h"
#include "array.h"
#include "errors.h"
#include "json_out.h"
#include "log_ahead.h"
#include "log_cache.h"
#include "log_scan.h"
#include "grid_index.h"
#include "history_private.h"
#include "intl.h"
#include "parallel.h"
#include "repo.h"
#include "round.h"
#include "workspace_private.h"

struct tag_list {
	git_oid *targets;
	char **names;
	size_t count;
	git_repository *repo;
};

static int collect_tag(const char *name, git_oid *id, void *payload)
{
	struct tag_list *tags = payload;
	git_object *object = NULL, *commit = NULL;
	int error = 0;
	if (git_object_lookup(&object, tags->repo, id, GIT_OBJECT_ANY) == 0 &&
	    git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0) {
		git_oid *targets = array__push(tags->targets, tags->count, sizeof(*targets));
		char **names = targets ? array__push(tags->names, tags->count, sizeof(*names)) : NULL;
		if (targets)
			tags->targets = targets;
		if (names)
			tags->names = names;
		if (!targets || !names || !(names[tags->count] = strdup(name + strlen("refs/tags/"))))
			error = -1;
		else
			git_oid_cpy(&targets[tags->count++], git_object_id(commit));
	}
	git_error_clear();
	git_object_free(commit);
	git_object_free(object);
	return error;
}

static void format_date(char out[32], const git_time *when)
{
	time_t local = (time_t)when->time + (time_t)when->offset * 60;
	struct tm tm;
	gmtime_r(&local, &tm);
	char sign = when->offset < 0 ? '-' : '+';
	int offset = when->offset < 0 ? -when->offset : when->offset;
	size_t len = strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out + len, 32 - len, " %c%02d%02d", sign, offset / 60, offset % 60);
}

/* What a log entry owes to the commit itself: who, when, what, its tags. */
static int fill_commit(grille_log_entry *e, const git_commit *commit, const struct tag_list *tags)
{
	const git_signature *author = git_commit_author(commit);
	char date[32];
	format_date(date, &author->when);
	git_oid_tostr(e->commit, sizeof(e->commit), git_commit_id(commit));
	e->date = strdup(date);
	/* Commits made with plain git may carry Latin-1 or control characters: shown, made valid. */
	e->author = history__text(author->name);
	e->email = history__text(author->email);
	e->summary = history__text(git_commit_summary((git_commit *)commit));
	e->parent_count = git_commit_parentcount(commit);
	if (!e->date || !e->author || !e->email || !e->summary)
		return error__oom();
	for (size_t t = 0; t < tags->count; t++) {
		if (!git_oid_equal(&tags->targets[t], git_commit_id(commit)))
			continue;
		char **grown = array__push(e->tags, e->tag_count, sizeof(*grown));
		if (!grown || !(grown[e->tag_count] = strdup(tags->names[t]))) {
			if (grown)
				e->tags = grown;
			return error__oom();
		}
		e->tags = grown;
		e->tag_count++;
	}
	return 0;
}

/* Add step `id`'s counts to `e`, whose steps array has room. */
static int add_step(grille_log_entry *e, const char *id, size_t answered, size_t open)
{
	grille_step_progress *p = &e->steps[e->step_count];
	if (!(p->id = strdup(id)))
		return error__oom();
	e->step_count++;
	p->answered = answered;
	p->open = open;
	e->answered += answered;
	e->open += open;
	return 0;
}

/* The counts of what the commit holds, read from its tree... */
static int fill_from_status(grille_log_entry *e, const grille_status *status)
{
	if (!(e->steps = calloc(status->step_count ? status->step_count : 1, sizeof(*e->steps))))
		return error__oom();
	int error = 0;
	for (size_t s = 0; !error && s < status->step_count; s++)
		error = add_step(e, status->steps[s].id, status->steps[s].counts[GRILLE_STATE_ANSWERED],
		                 grille_step_status_out_of(&status->steps[s]));
	return error;
}

/* ...or from the log cache. */
static int fill_from_cache(grille_log_entry *e, const struct log_record *r)
{
	if (!(e->steps = calloc(r->step_count ? r->step_count : 1, sizeof(*e->steps))))
		return error__oom();
	int error = 0;
	for (size_t s = 0; !error && s < r->step_count; s++)
		error = add_step(e, r->step_ids[s], r->counts[2 * s], r->counts[2 * s + 1]);
	return error;
}

/* Whether `commit` changed the workspace's folder, compared with its first
 * parent: commits elsewhere in a bigger repository are not its history. */
static int touches_workspace(struct session *sess, const git_commit *commit)
{
	if (!sess->prefix[0] || git_commit_parentcount(commit) == 0)
		return 1;
	char *dir = strndup(sess->prefix, strlen(sess->prefix) - 1);
	git_commit *parent = NULL;
	git_tree *tree = NULL, *parent_tree = NULL;
	git_tree_entry *mine = NULL, *theirs = NULL;
	int touches = 1;
	if (dir && git_commit_parent(&parent, commit, 0) == 0 && git_commit_tree(&tree, commit) == 0 &&
	    git_commit_tree(&parent_tree, parent) == 0 && git_tree_entry_bypath(&mine, tree, dir) == 0 &&
	    git_tree_entry_bypath(&theirs, parent_tree, dir) == 0)
		touches = !git_oid_equal(git_tree_entry_id(mine), git_tree_entry_id(theirs));
	git_error_clear();
	git_tree_entry_free(mine);
	git_tree_entry_free(theirs);
	git_tree_free(tree);
	git_tree_free(parent_tree);
	git_commit_free(parent);
	free(dir);
	return touches;
}

/* What deltas() needs of each commit walked: its first parent, its entry. */
struct lineage {
	git_oid parent;
	int has_parent;
	size_t entry; /* SIZE_MAX: not in the log */
};

/* Progress is measured against each commit's first parent (the nearest one
 * listed: the others did not change the workspace), among the commits walked
 * (a shallow clone's edge has no parent there). */
static int deltas(grille_log *log, const git_oid *ids, const struct lineage *lineage, size_t id_count)
{
	grille_grid_index walked = { 0 };
	char (*hex)[GIT_OID_HEXSZ + 1] = calloc(id_count ? id_count : 1, sizeof(*hex));
	int error = hex ? 0 : error__oom();
	for (size_t i = 0; !error && i < id_count; i++) {
		git_oid_tostr(hex[i], sizeof(hex[i]), &ids[i]);
		error = grid_index__add(&walked, hex[i], &lineage[i], 0, NULL);
		if (error == GRILLE_EEXISTS)
			error = 0;
	}
	for (size_t i = 0; !error && i < id_count; i++) {
		if (lineage[i].entry == SIZE_MAX)
			continue;
		grille_log_entry *e = &log->entries[lineage[i].entry];
		const grille_log_entry *parent = NULL;
		const struct lineage *at = &lineage[i];
		while (!parent && at && at->has_parent) {
			char up[GIT_OID_HEXSZ + 1];
			git_oid_tostr(up, sizeof(up), &at->parent);
			at = grid_index__find(&walked, up);
			if (at && at->entry != SIZE_MAX)
				parent = &log->entries[at->entry];
		}
		e->delta = (long)e->answered - (parent ? (long)parent->answered : 0);
		for (size_t s = 0; s < e->step_count; s++)
			e->steps[s].delta = (long)e->steps[s].answered -
			                    (parent && s < parent->step_count ? (long)parent->steps[s].answered : 0);
	}
	grid_index__release(&walked);
	free(hex);
	return error;
}

struct walked {
	git_oid id;
	git_time_t time;
	size_t order;
};

static int newest_first(const void *a, const void *b)
{
	const struct walked *x = a, *y = b;
	if (x->time != y->time)
		return x->time < y->time ? 1 : -1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int is_edge(const git_oid *id, const git_oid *edge, size_t edge_count)
{
	for (size_t i = 0; i < edge_count; i++)
		if (git_oid_equal(id, &edge[i]))
			return 1;
	return 0;
}

/* The commits a shallow clone holds from `start` back, newest first: the walk
 * stops at the clone's edge and at any commit that is not there. */
int history__partial_walk(git_oid **out, size_t *count, git_repository *repo, const git_oid *start,
                        const git_oid *edge, size_t edge_count)
{
	grille_grid_index seen = { 0 };
	char **keys = NULL;
	size_t key_count = 0, stack_count = 0, stack_cap = 1, found = 0;
	git_oid *stack = malloc(sizeof(*stack));
	struct walked *commits = NULL;
	int error = stack ? 0 : error__oom();
	if (!error)
		git_oid_cpy(&stack[stack_count++], start);
	while (!error && stack_count) {
		git_oid id = stack[--stack_count];
		char hex[GIT_OID_HEXSZ + 1];
		git_oid_tostr(hex, sizeof(hex), &id);
		if (grid_index__find(&seen, hex))
			continue;
		char **grown_keys = array__push(keys, key_count, sizeof(*keys));
		if (!grown_keys || !(grown_keys[key_count] = strdup(hex))) {
			if (grown_keys)
				keys = grown_keys;
			error = error__oom();
			break;
		}
		keys = grown_keys;
		if ((error = grid_index__add(&seen, keys[key_count++], &seen, 0, NULL)))
			break;
		git_commit *commit = NULL;
		if (git_commit_lookup(&commit, repo, &id) < 0) {
			git_error_clear(); /* beyond what the clone holds */
			continue;
		}
		struct walked *grown = array__push(commits, found, sizeof(*grown));
		size_t parents = is_edge(&id, edge, edge_count) ? 0 : git_commit_parentcount(commit);
		git_oid *more = grown ? array__grow(stack, &stack_cap, stack_count + parents + 1, sizeof(*stack)) : NULL;
		if (grown)
			commits = grown;
		if (more)
			stack = more;
		if (!grown || !more) {
			git_commit_free(commit);
			error = error__oom();
			break;
		}
		git_oid_cpy(&grown[found].id, &id);
		grown[found].time = git_commit_time(commit);
		grown[found].order = found;
		found++;
		for (size_t p = parents; p > 0; p--)
			git_oid_cpy(&stack[stack_count++], git_commit_parent_id(commit, (unsigned)(p - 1)));
		git_commit_free(commit);
	}
	if (!error && found)
		qsort(commits, found, sizeof(*commits), newest_first);
	git_oid *ids = error ? NULL : calloc(found ? found : 1, sizeof(*ids));
	if (!error && !ids)
		error = error__oom();
	for (size_t i = 0; !error && i < found; i++)
		git_oid_cpy(&ids[i], &commits[i].id);
	for (size_t i = 0; i < key_count; i++)
		free(keys[i]);
	free(keys);
	free(stack);
	free(commits);
	grid_index__release(&seen);
	*out = ids;
	*count = error ? 0 : found;
	return error;
}

/* Every commit from `start` (NULL: HEAD) back, in git log's order, or, in a
 * shallow clone, what the clone holds. */
static int walk_history(git_oid **out, size_t *count, int *partial, struct session *sess, const git_commit *start)
{
	*out = NULL;
	*count = 0;
	git_oid *edge = NULL;
	size_t edge_count = 0;
	git_oid head;
	int error = history__shallow(sess, &edge, &edge_count);
	if (error < 0)
		return error;
	*partial = error;
	if (!start && git_reference_name_to_id(&head, sess->repo, "HEAD") < 0) {
		free(edge);
		return repo__error(_("impossible de parcourir l'historique"));
	}
	if (*partial) {
		error = history__partial_walk(out, count, sess->repo, start ? git_commit_id(start) : &head, edge, edge_count);
		free(edge);
		return error;
	}
	git_revwalk *walk = NULL;
	if (git_revwalk_new(&walk, sess->repo) < 0 || git_revwalk_push(walk, start ? git_commit_id(start) : &head) < 0) {
		git_revwalk_free(walk);
		return repo__error(_("impossible de parcourir l'historique"));
	}
	git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	git_oid id;
	int rc;
	error = 0;
	while (!error && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_oid *grown = array__push(*out, *count, sizeof(*grown));
		if (!grown) {
			error = error__oom();
			break;
		}
		*out = grown;
		git_oid_cpy(&grown[(*count)++], &id);
	}
	if (!error && rc != GIT_ITEROVER)
		error = repo__error(_("impossible de parcourir l'historique"));
	git_revwalk_free(walk);
	if (error) {
		free(*out);
		*out = NULL;
		*count = 0;
	}
	return error;
}

int grille_history_log(grille_log **out, const grille_workspace *ws)
{
	return grille_history_log_at(out, ws, NULL);
}

int grille_history_log_at(grille_log **out, const grille_workspace *ws, const char *rev)
{
	*out = NULL;
	struct session *sess = session__of(ws);
	int error = session__history(sess);
	return error ? error : history__log(out, sess, rev);
}

/* Whether every step file of `status` was read: a step that could not be
 * (a blob missing, a read that failed) is no fact about the commit to keep. */
static int readable(const grille_status *status)
{
	for (size_t s = 0; s < status->step_count; s++)
		if (status->steps[s].problem)
			return 0;
	return 1;
}

/* Add the entry of `commit`, from the cache or from its tree, to `log`; its
 * index in `*entry`, or SIZE_MAX when the commit holds no workspace. */
static int add_entry(grille_log *log, size_t *entry, struct session *sess, struct log_cache *cache,
                     const struct history_scanner *scanner, const git_commit *commit, const struct tag_list *tags)
{
	*entry = SIZE_MAX;
	struct log_record known;
	grille_status *status = NULL;
	int cached = log_cache__find(cache, git_commit_id(commit), &known), error = 0;
	if (cached && !known.present)
		return 0;
	if (!cached) {
		error = touches_workspace(sess, commit) ? history__status_scanned(&status, sess, commit, scanner)
		                                      : GRILLE_ENOTFOUND;
		if (error == GRILLE_ENOTFOUND) {
			grille_error_clear(); /* before the workspace was made, or beside it */
			return log_cache__add(cache, git_commit_id(commit), NULL);
		}
		if (error)
			return error;
	}
	grille_log_entry *entries = array__push(log->entries, log->count, sizeof(*entries));
	if (!entries) {
		grille_status_free(status);
		return error__oom();
	}
	log->entries = entries;
	grille_log_entry *e = &entries[log->count++];
	memset(e, 0, sizeof(*e));
	error = cached ? fill_from_cache(e, &known) : fill_from_status(e, status);
	if (!error && !cached && readable(status))
		error = log_cache__add(cache, git_commit_id(commit), e);
	if (!error)
		error = fill_commit(e, commit, tags);
	if (!error)
		e->round_end = round__ended_by(sess, e->tags, e->tag_count);
	grille_status_free(status);
	*entry = log->count - 1;
	return error;
}

/* How many commits ahead of the walk their blobs are listed to be scanned:
 * enough for the helpers never to wait for the walk, few enough for the scans
 * kept to stay small. */
#define LISTED_AHEAD 32

/* Scanning ahead (log_ahead.h): the step files' blobs of the walk's commits
 * up to `upto`, those the log cache does not know, listed from commit
 * `*listed` on; the helpers started at the first such commit. */
struct ahead {
	struct log_ahead *scans;
	size_t helpers; /* 0: the walk scans alone */
	size_t listed;
};

static int list_ahead(struct ahead *ahead, size_t upto, struct session *sess, const struct log_cache *cache,
                      struct log_scans *scans, const git_oid *ids)
{
	const grille_grid *grid = sess->ws->grid;
	int error = 0;
	for (; !error && ahead->helpers && ahead->listed < upto; ahead->listed++) {
		struct log_record known;
		git_commit *commit = NULL;
		git_tree *tree = NULL;
		if (log_cache__find(cache, &ids[ahead->listed], &known))
			continue;
		if (!ahead->scans && (error = log_ahead__new(&ahead->scans, sess->repo, grid, ahead->helpers)))
			break;
		log_scans__ahead(scans, ahead->scans);
		/* A commit or a tree that cannot be read: the walk says so when it reaches it. */
		if (git_commit_lookup(&commit, sess->repo, &ids[ahead->listed]) == 0 && git_commit_tree(&tree, commit) == 0)
			for (size_t s = 0; !error && s < grille_grid_step_count(grid); s++) {
				const char *file = grille_grid_step(grid, s)->file;
				git_oid blob;
				if (session__file_id(&blob, sess, tree, file) == 0 && !log_scans__has_given(scans, &blob, grid))
					error = log_ahead__list(ahead->scans, &blob, file, ahead->listed);
			}
		git_error_clear();
		git_tree_free(tree);
		git_commit_free(commit);
	}
	return error;
}

int history__log(grille_log **out, struct session *sess, const char *rev)
{
	return history__log_given(out, sess, rev, NULL);
}

int history__log_given(grille_log **out, struct session *sess, const char *rev, const struct who_scans *given)
{
	struct history_group_memo memo = { 0 };
	struct ahead ahead = { 0 };
	*out = NULL;
	int error = 0;
	grille_log *log = calloc(1, sizeof(*log));
	struct tag_list tags = { .repo = sess->repo };
	struct log_cache *cache = NULL;
	struct log_scans *scans = NULL;
	git_oid *ids = NULL;
	struct lineage *lineage = NULL;
	size_t id_count = 0;
	if (!log)
		error = error__oom();
	if (!error && git_repository_head_unborn(sess->repo) == 1)
		goto out; /* no commit yet: an empty history */
	git_commit *start = NULL;
	if (!error && rev)
		error = history__commit_of(&start, sess, rev);
	if (!error)
		error = walk_history(&ids, &id_count, &log->partial, sess, start);
	git_commit_free(start);
	if (!error && git_tag_foreach(sess->repo, collect_tag, &tags) < 0)
		error = error__oom();
	if (!error && !(lineage = calloc(id_count ? id_count : 1, sizeof(*lineage))))
		error = error__oom();
	/* A shallow clone's edge hides whether its commits touched the workspace: no cache there. */
	if (!error && !log->partial)
		error = log_cache__open(&cache, sess);
	if (!error)
		error = log_scans__new(&scans, sess->repo);
	if (!error)
		log_scans__given(scans, given, sess->ws->grid);
	struct history_scanner scanner = { log_scans__scan, scans, &memo };
	ahead.helpers = parallel__width(sess->ws->threads) - 1; /* the walk's thread is one of the threads wanted */
	for (size_t n = 0; !error && n < id_count; n++) {
		git_commit *commit = NULL;
		workspace__progress(sess->ws, n, id_count);
		if (ahead.scans)
			log_ahead__passed(ahead.scans, n);
		if ((error = list_ahead(&ahead, n + LISTED_AHEAD < id_count ? n + LISTED_AHEAD : id_count, sess, cache,
		                        scans, ids)))
			break;
		if (git_commit_lookup(&commit, sess->repo, &ids[n]) < 0) {
			error = repo__error(_("impossible de lire un commit"));
			break;
		}
		if ((lineage[n].has_parent = git_commit_parentcount(commit) > 0))
			git_oid_cpy(&lineage[n].parent, git_commit_parent_id(commit, 0));
		error = add_entry(log, &lineage[n].entry, sess, cache, &scanner, commit, &tags);
		git_commit_free(commit);
	}
	if (!error) {
		workspace__progress(sess->ws, id_count, id_count);
		error = deltas(log, ids, lineage, id_count);
	}
out:
	if (log)
		log->cache_rebuilt = (sess->cache && scan_cache__was_rebuilt(sess->cache)) ||
		                     (cache && log_cache__was_rebuilt(cache));
	log_cache__close(cache);
	log_ahead__free(ahead.scans);
	log_scans__free(scans);
	history__group_memo_release(&memo);
	for (size_t t = 0; t < tags.count; t++)
		free(tags.names[t]);
	free(tags.names);
	free(tags.targets);
	free(ids);
	free(lineage);
	if (error)
		grille_log_free(log);
	else
		*out = log;
	return error;
}

/* The member's name, or null (also for a name jansson refuses). */
static json_t *member_json(const grille_member *m)
{
	json_t *name = m ? json_string(m->name) : NULL;
	return name ? name : json_null();
}

int grille_log_json(grille_buf *out, const grille_log *log, const grille_group *group)
{
	json_t *commits = json_array();
	for (size_t i = 0; i < log->count; i++) {
		const grille_log_entry *e = &log->entries[i];
		json_t *steps = json_array(), *tags = json_array();
		for (size_t s = 0; s < e->step_count; s++)
			json_array_append_new(steps, json_pack("{sssIsIsI}", "id", e->steps[s].id,
			                                       "answered", (json_int_t)e->steps[s].answered,
			                                       "open", (json_int_t)e->steps[s].open,
			                                       "delta", (json_int_t)e->steps[s].delta));
		for (size_t t = 0; t < e->tag_count; t++)
			json_array_append_new(tags, json_string(e->tags[t]));
		const grille_member *m = group ? grille_group_member_of(group, e->author, e->email) : NULL;
		json_array_append_new(commits, json_pack("{sssssssssosssIsosIsIsIsoso}",
			"commit", e->commit, "date", e->date, "author", e->author, "email", e->email,
			"member", member_json(m),
			"summary", e->summary, "parents", (json_int_t)e->parent_count, "tags", tags,
			"answered", (json_int_t)e->answered, "open", (json_int_t)e->open,
			"delta", (json_int_t)e->delta, "steps", steps,
			"round_end", e->round_end ? json_integer(e->round_end) : json_null()));
	}
	json_t *root = json_pack("{sisososo}", "format", 1, "commits", commits, "cache_rebuilt",
	                         json_boolean(log->cache_rebuilt), "partial", json_boolean(log->partial));
	return json__put(out, root);
}

void grille_log_free(grille_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->count; i++) {
		grille_log_entry *e = &log->entries[i];
		for (size_t s = 0; s < e->step_count; s++)
			free(e->steps[s].id);
		for (size_t t = 0; t < e->tag_count; t++)
			free(e->tags[t]);
		free(e->steps);
		free(e->tags);
		free(e->date);
		free(e->author);
		free(e->email);
		free(e->summary);
	}
	free(log->entries);
	free(log);
}
