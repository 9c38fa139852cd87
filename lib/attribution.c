#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "array.h"
#include "attribution.h"
#include "errors.h"
#include "fs.h"
#include "hash.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"
#include "scan_cache.h"
#include "text.h"

#define CACHE_FORMAT 1
#define TIPS_KEPT 3          /* commits kept in the cache: the last attributed first */
#define WALK_LIMIT 20000     /* first parents walked looking for one kept; then blame */
#define NOBODY UINT32_MAX    /* a line blame left to no one */

/* How the walk back from `head` ended for a file. */
enum walk_end {
	END_ROOT,   /* a commit without parents, or the shallow clone's edge blame stops at */
	END_BLAME,  /* too far, or a parent missing: blame decides */
};

struct link {
	git_oid id;
	unsigned parents;
};

struct result {
	int done;
	int fresh;          /* not read as is from head's own entry in the cache */
	git_oid blob;
	size_t line_count;
	uint32_t *person;
	json_t *note;       /* the caller's (attribution__set_note) */
	json_t *carried;    /* an entry of an earlier commit that holds for head as it is */
};

struct attribution {
	git_repository *repo;
	char *path;              /* the cache file */
	char edge_hex[GIT_OID_HEXSZ + 1];
	git_oid oldest;          /* where blame stops (the edge), or zero */
	int has_oldest;
	json_t *tips;            /* the cache's commits, as read (an array) */
	int rebuilt;
	struct link *chain;      /* head, then its first parents */
	size_t chain_len;
	enum walk_end end;
	const char *const *paths;
	size_t path_count;
	size_t *found_at;        /* per path: the chain index of a kept commit holding it, or SIZE_MAX */
	json_t **found;          /* per path: that commit's entry (borrowed from tips) */
	struct result *results;
	/* The people, each once: names and emails made fit to show. */
	char **names, **emails;
	size_t people_count;
	uint32_t *slots;         /* open addressing over people, index + 1 (0: empty) */
	size_t slot_count;
	struct attribution_counts counts;
};

static uint64_t person_hash(const char *name, const char *email)
{
	uint64_t h = hash__fnv1a(HASH__FNV1A_INIT, name, strlen(name) + 1);
	return hash__fnv1a(h, email, strlen(email));
}

static int grow_slots(struct attribution *a)
{
	size_t count = a->slot_count ? a->slot_count * 2 : 64;
	uint32_t *slots = calloc(count, sizeof(*slots));
	if (!slots)
		return error__oom();
	for (size_t i = 0; i < a->people_count; i++) {
		size_t at = (size_t)person_hash(a->names[i], a->emails[i]) & (count - 1);
		while (slots[at])
			at = (at + 1) & (count - 1);
		slots[at] = (uint32_t)i + 1;
	}
	free(a->slots);
	a->slots = slots;
	a->slot_count = count;
	return 0;
}

/* The index of a person, added if new; `name` and `email` are taken as they
 * are (already fit to show). */
static int intern(uint32_t *out, struct attribution *a, const char *name, const char *email)
{
	if ((a->people_count + 1) * 2 > a->slot_count && grow_slots(a))
		return GRILLE_ENOMEM;
	size_t at = (size_t)person_hash(name, email) & (a->slot_count - 1);
	for (; a->slots[at]; at = (at + 1) & (a->slot_count - 1)) {
		uint32_t i = a->slots[at] - 1;
		if (strcmp(a->names[i], name) == 0 && strcmp(a->emails[i], email) == 0) {
			*out = i;
			return 0;
		}
	}
	if (a->people_count >= NOBODY - 1)
		return error__set(GRILLE_EGIT, "%s", _("impossible de retrouver les auteurs"));
	char **names = array__push(a->names, a->people_count, sizeof(*names));
	if (names)
		a->names = names;
	char **emails = names ? array__push(a->emails, a->people_count, sizeof(*emails)) : NULL;
	if (emails)
		a->emails = emails;
	char *n = emails ? strdup(name) : NULL, *e = n ? strdup(email) : NULL;
	if (!e) {
		free(n);
		return error__oom();
	}
	a->names[a->people_count] = n;
	a->emails[a->people_count] = e;
	a->slots[at] = (uint32_t)++a->people_count;
	*out = a->people_count - 1;
	return 0;
}

/* The author of a commit, as blame credits it. */
static int commit_author(uint32_t *out, struct attribution *a, const git_oid *id)
{
	git_commit *commit = NULL;
	if (git_commit_lookup(&commit, a->repo, id) < 0)
		return repo__error(_("impossible de retrouver les auteurs"));
	const git_signature *who = git_commit_author(commit);
	/* Names from plain git commits may be Latin-1: kept once made valid. */
	char *name = history__text(who && who->name ? who->name : "?");
	char *email = history__text(who && who->email ? who->email : "");
	int error = name && email ? intern(out, a, name, email) : error__oom();
	free(name);
	free(email);
	git_commit_free(commit);
	return error;
}

/* Lines as blame counts them: one per line feed, and an unfinished last one. */
static size_t count_lines(const char *data, size_t len)
{
	return text__count_newlines(data, len) + (len && data[len - 1] != '\n');
}

static int tip_is(json_t *tip, const git_oid *id)
{
	git_oid tip_id;
	const char *hex = json_string_value(json_object_get(tip, "commit"));
	return hex && strlen(hex) == GIT_OID_HEXSZ && git_oid_fromstr(&tip_id, hex) == 0 && git_oid_equal(&tip_id, id);
}

static void load_cache(struct attribution *a)
{
	json_t *root = scan_cache__load(a->path);
	json_t *tips = root ? json_object_get(root, "tips") : NULL;
	const char *edge = root ? json_string_value(json_object_get(root, "edge")) : NULL;
	if (root && json_integer_value(json_object_get(root, "format")) == CACHE_FORMAT && json_is_array(tips) &&
	    edge && strcmp(edge, a->edge_hex) == 0) {
		a->tips = json_incref(tips);
	} else {
		a->rebuilt = fs__exists(a->path);
		a->tips = json_array();
	}
	json_decref(root);
}

/* The first-parent chain from head back to a commit the cache holds every
 * path for, to the root or edge, or as far as the walk goes. */
static int walk(struct attribution *a, const git_commit *head, const git_oid *edge, size_t edge_count)
{
	size_t unresolved = a->path_count;
	git_commit *commit = NULL;
	int error = git_commit_dup(&commit, (git_commit *)head) < 0 ? repo__error(_("impossible de retrouver les auteurs")) : 0;
	while (!error) {
		struct link *grown = array__push(a->chain, a->chain_len, sizeof(*grown));
		if (!grown) {
			error = error__oom();
			break;
		}
		a->chain = grown;
		struct link *l = &grown[a->chain_len++];
		git_oid_cpy(&l->id, git_commit_id(commit));
		l->parents = git_commit_parentcount(commit);
		size_t t;
		json_t *tip;
		json_array_foreach(a->tips, t, tip) {
			json_t *files = json_object_get(tip, "files");
			if (!tip_is(tip, &l->id) || !json_is_object(files))
				continue;
			for (size_t p = 0; p < a->path_count; p++)
				if (a->found_at[p] == SIZE_MAX && (a->found[p] = json_object_get(files, a->paths[p]))) {
					a->found_at[p] = a->chain_len - 1;
					unresolved--;
				}
		}
		if (!unresolved)
			break;
		int at_edge = 0;
		for (size_t e = 0; e < edge_count; e++)
			at_edge |= git_oid_equal(&edge[e], &l->id);
		if (l->parents == 0 || (at_edge && a->has_oldest && git_oid_equal(&a->oldest, &l->id))) {
			a->end = END_ROOT;
			break;
		}
		git_commit *parent = NULL;
		if (at_edge || a->chain_len >= WALK_LIMIT || git_commit_parent(&parent, commit, 0) < 0) {
			git_error_clear();
			a->end = END_BLAME;
			break;
		}
		git_commit_free(commit);
		commit = parent;
	}
	git_commit_free(commit);
	return error;
}

int attribution__open(struct attribution **out, git_repository *repo, const git_commit *head,
                      const char *const *paths, size_t count, const git_oid *edge, size_t edge_count)
{
	*out = NULL;
	struct attribution *a = calloc(1, sizeof(*a));
	if (!a || !(a->path = fs__join(git_repository_path(repo), "grille/blame-cache.json")) ||
	    !(a->found_at = malloc((count + 1) * sizeof(*a->found_at))) ||
	    !(a->found = calloc(count + 1, sizeof(*a->found))) || !(a->results = calloc(count + 1, sizeof(*a->results)))) {
		attribution__close(a);
		return error__oom();
	}
	a->repo = repo;
	a->end = END_BLAME;
	a->paths = paths;
	a->path_count = count;
	for (size_t p = 0; p < count; p++)
		a->found_at[p] = SIZE_MAX;
	if (edge && edge_count) {
		git_oid_cpy(&a->oldest, &edge[0]);
		a->has_oldest = 1;
		git_oid_tostr(a->edge_hex, sizeof(a->edge_hex), &edge[0]);
	}
	load_cache(a);
	int error = a->tips ? walk(a, head, edge, edge_count) : error__oom();
	if (error) {
		attribution__close(a);
		return error;
	}
	*out = a;
	return 0;
}

/* The blob of `path` in `commit`'s tree: 1 found, 0 not there, or an error. */
static int blob_at(git_oid *out, struct attribution *a, const git_oid *commit_id, const char *path)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int found = 0;
	if (git_commit_lookup(&commit, a->repo, commit_id) < 0 || git_commit_tree(&tree, commit) < 0) {
		found = repo__error(_("impossible de retrouver les auteurs"));
	} else if (git_tree_entry_bypath(&entry, tree, path) == 0 && git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
		git_oid_cpy(out, git_tree_entry_id(entry));
		found = 1;
	}
	git_error_clear();
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return found;
}

/* The whole file at `commit`, blamed by libgit2: the answer the rest must match. */
static int blame_whole(struct result *r, struct attribution *a, const git_oid *commit, const char *path)
{
	git_blame_options opts;
	git_blame_options_init(&opts, GIT_BLAME_OPTIONS_VERSION);
	git_oid_cpy(&opts.newest_commit, commit);
	if (a->has_oldest)
		git_oid_cpy(&opts.oldest_commit, &a->oldest); /* a shallow clone: blame stops at its edge */
	git_blame *blame = NULL;
	if (git_blame_file(&blame, a->repo, path, &opts) < 0)
		return repo__error(_("impossible de retrouver les auteurs"));
	a->counts.blames++;
	for (size_t line = 0; line < r->line_count; line++)
		r->person[line] = NOBODY;
	int error = 0;
	uint32_t count = git_blame_get_hunk_count(blame);
	for (uint32_t h = 0; !error && h < count; h++) {
		const git_blame_hunk *hunk = git_blame_get_hunk_byindex(blame, h);
		const git_signature *who = hunk->final_signature;
		char *name = history__text(who && who->name ? who->name : "?");
		char *email = history__text(who && who->email ? who->email : "");
		uint32_t person = 0;
		error = name && email ? intern(&person, a, name, email) : error__oom();
		for (size_t line = hunk->final_start_line_number; !error && line < hunk->final_start_line_number + hunk->lines_in_hunk; line++)
			if (line >= 1 && line <= r->line_count)
				r->person[line - 1] = person;
		free(name);
		free(email);
	}
	git_blame_free(blame);
	return error;
}

/* An entry of the cache made a result: the blob it is for, its people and
 * its runs [lines, person, lines, person...] over them (-1: no one).
 * -1 when anything does not fit the blob's `line_count` lines. */
static int from_cache(struct result *r, struct attribution *a, json_t *entry, const git_oid *blob, size_t line_count)
{
	git_oid id;
	const char *hex = json_string_value(json_object_get(entry, "blob"));
	json_t *runs = json_object_get(entry, "runs"), *people = json_object_get(entry, "people");
	if (!hex || strlen(hex) != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex) < 0 || !git_oid_equal(&id, blob) ||
	    !json_is_array(runs) || json_array_size(runs) % 2 || !json_is_array(people)) {
		git_error_clear();
		return -1;
	}
	size_t line = 0;
	for (size_t i = 0; i < json_array_size(runs); i += 2) {
		json_int_t length = json_integer_value(json_array_get(runs, i));
		json_int_t index = json_integer_value(json_array_get(runs, i + 1));
		json_t *person = index >= 0 ? json_array_get(people, (size_t)index) : NULL;
		const char *name = json_string_value(json_array_get(person, 0));
		const char *email = json_string_value(json_array_get(person, 1));
		uint32_t who = NOBODY;
		if (length <= 0 || (uintmax_t)length > line_count - line || (index != -1 && (!name || !email)))
			return -1;
		/* The cache is a file like any other: its names are made fit to show again. */
		char *shown_name = name ? history__text(name) : NULL, *shown_email = name ? history__text(email) : NULL;
		int failed = name && (!shown_name || !shown_email || intern(&who, a, shown_name, shown_email));
		free(shown_name);
		free(shown_email);
		if (failed)
			return -1;
		for (json_int_t n = 0; n < length; n++)
			r->person[line++] = who;
	}
	return line == line_count ? 0 : -1;
}

struct replay {
	const uint32_t *old_person;
	uint32_t *new_person;
	size_t old_next, new_next; /* 1-based: the next lines not placed yet */
	size_t old_count, new_count;
	uint32_t author;
	int broken;
};

/* Unchanged lines keep their author up to (not including) the given lines. */
static void keep_until(struct replay *r, size_t old_line, size_t new_line)
{
	if (old_line - r->old_next != new_line - r->new_next || old_line > r->old_count + 1 ||
	    new_line > r->new_count + 1 || old_line < r->old_next || new_line < r->new_next) {
		r->broken = 1;
		return;
	}
	while (r->new_next < new_line)
		r->new_person[r->new_next++ - 1] = r->old_person[r->old_next++ - 1];
}

static int replay_hunk(const git_diff_delta *delta, const git_diff_hunk *hunk, void *payload)
{
	(void)delta;
	struct replay *r = payload;
	/* With no context, an empty side's start is the line before the change. */
	size_t old_first = (size_t)hunk->old_start + (hunk->old_lines ? 0 : 1);
	size_t new_first = (size_t)hunk->new_start + (hunk->new_lines ? 0 : 1);
	keep_until(r, old_first, new_first);
	if (r->broken || new_first + (size_t)hunk->new_lines > r->new_count + 1)
		return r->broken = 1, -1;
	for (size_t i = 0; i < (size_t)hunk->new_lines; i++)
		r->new_person[r->new_next++ - 1] = r->author;
	r->old_next = old_first + (size_t)hunk->old_lines;
	return 0;
}

/* Blame's diff leaves out the common end of both texts first, in blocks of
 * 1 KiB back to a line feed (libgit2's trim_common_tail): so must we, since
 * that may change how xdiff lines up repeated lines. */
static void trim_common_tail(size_t *old_len, const char *old, size_t *new_len, const char *new)
{
	const size_t block = 1024;
	size_t trimmed = 0, recovered = 0;
	size_t smaller = *old_len < *new_len ? *old_len : *new_len;
	while (block + trimmed <= smaller && !memcmp(old + *old_len - trimmed - block, new + *new_len - trimmed - block, block))
		trimmed += block;
	const char *at = old + *old_len - trimmed;
	while (recovered < trimmed)
		if (at[recovered++] == '\n')
			break;
	*old_len -= trimmed - recovered;
	*new_len -= trimmed - recovered;
}

/* The lines of `next` credited from those of `prev` and the diff blame runs
 * between them: what did not change keeps its author, the rest is `author`'s. */
static int replay(struct result *next, const git_blob *prev_blob, const uint32_t *prev_person, size_t prev_lines,
                  const git_blob *next_blob, uint32_t author, struct attribution *a)
{
	const char *old = git_blob_rawcontent(prev_blob), *new = git_blob_rawcontent(next_blob);
	size_t old_len = (size_t)git_blob_rawsize(prev_blob), new_len = (size_t)git_blob_rawsize(next_blob);
	trim_common_tail(&old_len, old, &new_len, new);
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.context_lines = 0;
	opts.interhunk_lines = 0;
	opts.flags = GIT_DIFF_FORCE_TEXT; /* blame diffs every file as text */
	struct replay r = { prev_person, next->person, 1, 1, prev_lines, next->line_count, author, 0 };
	int failed = git_diff_buffers(old, old_len, NULL, new, new_len, NULL, &opts, NULL, NULL, replay_hunk, NULL, &r);
	a->counts.diffs++;
	if (!failed && !r.broken)
		keep_until(&r, prev_lines + 1, next->line_count + 1);
	if (r.broken)
		return error__set(GRILLE_EGIT, "%s", _("impossible de retrouver les auteurs"));
	return failed < 0 ? repo__error(_("impossible de retrouver les auteurs")) : 0;
}

/* Where to start for a path, walking back from head: the chain index, and how. */
enum base_kind { BASE_CACHE, BASE_ROOT, BASE_BLAME };

static int find_base(size_t *at, enum base_kind *kind, git_oid **ids, struct attribution *a, size_t p,
                     const git_oid *head_blob)
{
	const char *path = a->paths[p];
	git_oid *blobs = malloc(sizeof(*blobs) * (a->chain_len + 1));
	if (!blobs)
		return error__oom();
	*ids = blobs;
	git_oid_cpy(&blobs[0], head_blob);
	for (size_t k = 0;; k++) {
		*at = k;
		if (k == a->found_at[p]) {
			*kind = BASE_CACHE;
			return 0;
		}
		if (k + 1 == a->chain_len) {
			*kind = a->end == END_ROOT ? BASE_ROOT : BASE_BLAME;
			return 0;
		}
		int found = blob_at(&blobs[k + 1], a, &a->chain[k + 1].id, path);
		if (found < 0)
			return found;
		/* A merge that changed the file, or a file that was not there before
		 * (blame looks for a rename): blame knows. */
		if (!found || (a->chain[k].parents > 1 && !git_oid_equal(&blobs[k], &blobs[k + 1]))) {
			*kind = BASE_BLAME;
			return 0;
		}
	}
}

static int lookup_blob(git_blob **out, struct attribution *a, const git_oid *id)
{
	return git_blob_lookup(out, a->repo, id) < 0 ? repo__error(_("impossible de retrouver les auteurs")) : 0;
}

static int attribute(struct result *r, struct attribution *a, size_t p, const git_blob *head_blob)
{
	size_t at = 0;
	enum base_kind kind = BASE_BLAME;
	git_oid *ids = NULL;
	git_blob *blob = NULL, *next_blob = NULL;
	struct result base = { 0 };
	int error = find_base(&at, &kind, &ids, a, p, git_blob_id(head_blob));
	if (!error && at > 0)
		error = lookup_blob(&blob, a, &ids[at]);
	const git_blob *at_blob = at > 0 ? blob : head_blob;
	if (!error) {
		base.line_count = count_lines(git_blob_rawcontent(at_blob), (size_t)git_blob_rawsize(at_blob));
		if (!(base.person = malloc((base.line_count + 1) * sizeof(*base.person))))
			error = error__oom();
	}
	if (!error && kind == BASE_CACHE) {
		if (from_cache(&base, a, a->found[p], &ids[at], base.line_count) == 0) {
			a->counts.cached++;
		} else {
			/* The cache does not fit its file: nothing of it is trusted again. */
			a->rebuilt = 1;
			json_array_clear(a->tips);
			for (size_t q = 0; q < a->path_count; q++)
				a->found_at[q] = SIZE_MAX;
			kind = BASE_BLAME;
		}
	}
	if (!error && kind == BASE_ROOT) {
		uint32_t author = 0;
		error = commit_author(&author, a, &a->chain[at].id);
		for (size_t line = 0; !error && line < base.line_count; line++)
			base.person[line] = author;
	}
	if (!error && kind == BASE_BLAME)
		error = blame_whole(&base, a, &a->chain[at].id, a->paths[p]);
	/* Forward to head, one change at a time. */
	for (size_t k = at; !error && k-- > 0;) {
		if (git_oid_equal(&ids[k], &ids[k + 1]))
			continue;
		struct result next = { 0 };
		uint32_t author = 0;
		if (k > 0)
			error = lookup_blob(&next_blob, a, &ids[k]);
		const git_blob *to = k > 0 ? next_blob : head_blob;
		if (!error) {
			next.line_count = count_lines(git_blob_rawcontent(to), (size_t)git_blob_rawsize(to));
			if (!(next.person = malloc((next.line_count + 1) * sizeof(*next.person))))
				error = error__oom();
		}
		if (!error)
			error = commit_author(&author, a, &a->chain[k].id);
		if (!error)
			error = replay(&next, at_blob, base.person, base.line_count, to, author, a);
		free(base.person);
		base = next;
		git_blob_free(blob);
		blob = next_blob;
		next_blob = NULL;
		at_blob = to;
	}
	git_blob_free(blob);
	free(ids);
	if (error) {
		free(base.person);
		return error;
	}
	*r = base;
	r->done = 1;
	r->fresh = !(kind == BASE_CACHE && at == 0);
	git_oid_cpy(&r->blob, git_blob_id(head_blob));
	return 0;
}

int attribution__lines(const uint32_t **person, size_t *line_count, struct attribution *a, size_t index,
                       const git_blob *blob)
{
	struct result *r = &a->results[index];
	if (!r->done || !git_oid_equal(&r->blob, git_blob_id(blob))) {
		free(r->person);
		json_decref(r->note);
		json_decref(r->carried);
		memset(r, 0, sizeof(*r));
		int error = attribute(r, a, index, blob);
		if (error)
			return error;
	}
	*person = r->person;
	*line_count = r->line_count;
	return 0;
}

json_t *attribution__note(struct attribution *a, size_t index, const git_oid *blob)
{
	git_oid id;
	size_t at = a->found_at[index];
	json_t *entry = at != SIZE_MAX ? a->found[index] : NULL;
	const char *hex = json_string_value(json_object_get(entry, "blob"));
	json_t *note = json_object_get(entry, "note");
	if (!note || !hex || strlen(hex) != GIT_OID_HEXSZ || git_oid_fromstr(&id, hex) < 0 || !git_oid_equal(&id, blob)) {
		git_error_clear();
		return NULL;
	}
	/* From a commit kept further back, only if the file stayed this blob all
	 * the way (changed and changed back, its lines are someone else's now). */
	for (size_t k = 1; k <= at; k++) {
		git_oid then;
		if (blob_at(&then, a, &a->chain[k].id, a->paths[index]) != 1 || !git_oid_equal(&then, blob)) {
			grille_error_clear();
			return NULL;
		}
	}
	if (at > 0) { /* kept again for head */
		json_decref(a->results[index].carried);
		a->results[index].carried = json_incref(entry);
	}
	return note;
}

void attribution__set_note(struct attribution *a, size_t index, json_t *note)
{
	struct result *r = &a->results[index];
	json_decref(r->note);
	r->note = r->done ? note : NULL;
	if (!r->done)
		json_decref(note);
	else
		r->fresh = 1; /* the entry changes: saved again */
}

void attribution__person(const struct attribution *a, uint32_t index, const char **name, const char **email)
{
	*name = index < a->people_count ? a->names[index] : NULL;
	*email = index < a->people_count ? a->emails[index] : NULL;
}

int attribution__was_rebuilt(const struct attribution *a)
{
	return a->rebuilt;
}

const struct attribution_counts *attribution__counts(const struct attribution *a)
{
	return &a->counts;
}

/* A result as an entry of the cache, with its own people (`local`: a
 * person's number there, NOBODY for none yet, left so on return). */
static json_t *entry_json(const struct result *r, struct attribution *a, uint32_t *local)
{
	char hex[GIT_OID_HEXSZ + 1];
	json_t *runs = json_array(), *people = json_array();
	for (size_t line = 0; line < r->line_count;) {
		uint32_t who = r->person[line];
		size_t length = 1;
		while (line + length < r->line_count && r->person[line + length] == who)
			length++;
		json_int_t index = -1;
		if (who != NOBODY) {
			if (local[who] == NOBODY) {
				local[who] = (uint32_t)json_array_size(people);
				json_array_append_new(people, json_pack("[ss]", a->names[who], a->emails[who]));
			}
			index = local[who];
		}
		json_array_append_new(runs, json_integer((json_int_t)length));
		json_array_append_new(runs, json_integer(index));
		line += length;
	}
	for (size_t line = 0; line < r->line_count; line++)
		if (r->person[line] != NOBODY)
			local[r->person[line]] = NOBODY;
	json_t *entry = json_pack("{sssoso}", "blob", git_oid_tostr(hex, sizeof(hex), &r->blob), "people", people, "runs", runs);
	if (entry && r->note)
		json_object_set(entry, "note", r->note);
	return entry;
}

void attribution__close(struct attribution *a)
{
	if (!a)
		return;
	int fresh = a->rebuilt;
	for (size_t p = 0; p < a->path_count; p++)
		fresh |= (a->results[p].done && a->results[p].fresh) || a->results[p].carried;
	uint32_t *local = fresh && a->chain_len ? malloc((a->people_count + 1) * sizeof(*local)) : NULL;
	if (local) {
		for (size_t i = 0; i < a->people_count; i++)
			local[i] = NOBODY;
		char hex[GIT_OID_HEXSZ + 1];
		json_t *files = json_object(), *tips = json_array();
		for (size_t p = 0; p < a->path_count; p++)
			if (a->results[p].done)
				json_object_set_new(files, a->paths[p], entry_json(&a->results[p], a, local));
			else if (a->results[p].carried)
				json_object_set(files, a->paths[p], a->results[p].carried);
		/* What head's earlier entry holds of files not asked for this time stays. */
		size_t t;
		json_t *tip, *earlier = NULL;
		json_array_foreach(a->tips, t, tip)
			if (tip_is(tip, &a->chain[0].id))
				earlier = tip;
		if (earlier) {
			const char *key;
			json_t *value;
			json_object_foreach(json_object_get(earlier, "files"), key, value)
				if (!json_object_get(files, key))
					json_object_set(files, key, value);
		}
		json_array_append_new(tips, json_pack("{ssso}", "commit", git_oid_tostr(hex, sizeof(hex), &a->chain[0].id),
		                                      "files", files));
		json_array_foreach(a->tips, t, tip)
			if (json_array_size(tips) < TIPS_KEPT && !tip_is(tip, &a->chain[0].id))
				json_array_append(tips, tip);
		json_t *root = json_pack("{sisssO}", "format", CACHE_FORMAT, "edge", a->edge_hex, "tips", tips);
		scan_cache__save(a->repo, a->path, root);
		json_decref(root);
		json_decref(tips);
	}
	free(local);
	for (size_t p = 0; a->results && p < a->path_count; p++) {
		free(a->results[p].person);
		json_decref(a->results[p].note);
		json_decref(a->results[p].carried);
	}
	for (size_t i = 0; i < a->people_count; i++) {
		free(a->names[i]);
		free(a->emails[i]);
	}
	free(a->names);
	free(a->emails);
	free(a->slots);
	free(a->results);
	free(a->found);
	free(a->found_at);
	free(a->chain);
	json_decref(a->tips);
	free(a->path);
	free(a);
}
