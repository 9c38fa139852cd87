#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "grid_index.h"
#include "log_cache.h"
#include "scan_cache.h"
#include "workspace_private.h"

/*
 * The file, one line each:
 *   grille log cache 1          what it is, and its format
 *   key <key>                   what its counts depend on besides the commits
 *   steps <id> <id>...          a list of steps, numbered from 0 in the order they come
 *   <commit> -                  a commit that holds no workspace
 *   <commit> <list> <answered> <open>...   one pair for each step of the list
 *   end <commits>               how many commit lines came: a file cut short lacks it
 */
#define LOG_CACHE_HEADER "grille log cache 1"
/* More questions than any grid holds: a count above it is a broken cache. */
#define COUNT_MAX 1000000000ull

struct step_list {
	char **ids;
	size_t count;
};

struct record {
	char hex[GIT_OID_HEXSZ + 1];
	size_t list;  /* SIZE_MAX: no workspace */
	size_t at;    /* its counts in the cache's pool */
};

struct log_cache {
	git_repository *repo;
	char *path;
	char *key;
	struct step_list *lists;
	size_t list_count;
	struct record *read;     /* the records found in the file, indexed by `by_id` */
	size_t read_count;
	struct record *learnt;   /* those added since */
	size_t learnt_count;
	size_t *counts;          /* every record's pairs, one after the other */
	size_t count_len, count_cap;
	grille_grid_index by_id;
	int dirty;
	int rebuilt;
};

/* The key: the grid (as the scan cache has it), the level, grille's version,
 * the workspace's folder and the folder read. NULL when memory runs out. */
static char *cache_key(const struct session *sess)
{
	char *grid = scan_cache__grid_key(sess->ws->grid);
	grille_buf key = GRILLE_BUF_INIT;
	if (grid)
		grille_buf_printf(&key, "%s|level %d|grille %s|%s|%s", grid, sess->ws->settings->level, GRILLE_VERSION,
		                  sess->prefix ? sess->prefix : "", sess->dir ? sess->dir : "");
	free(grid);
	return grille_buf_oom(&key) ? (grille_buf_release(&key), NULL) : grille_buf_detach(&key);
}

/* A word the file can hold: not empty, no space, no control character. */
static int is_word(const char *s, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return 1;
}

static void forget(struct log_cache *c)
{
	for (size_t l = 0; l < c->list_count; l++) {
		for (size_t i = 0; i < c->lists[l].count; i++)
			free(c->lists[l].ids[i]);
		free(c->lists[l].ids);
	}
	free(c->lists);
	free(c->read);
	free(c->learnt);
	free(c->counts);
	grid_index__release(&c->by_id);
	c->lists = NULL;
	c->read = c->learnt = NULL;
	c->counts = NULL;
	c->list_count = c->read_count = c->learnt_count = c->count_len = c->count_cap = 0;
}

static int push_count(struct log_cache *c, size_t value)
{
	size_t *grown = array__grow(c->counts, &c->count_cap, c->count_len + 1, sizeof(*grown));
	if (!grown)
		return -1;
	c->counts = grown;
	c->counts[c->count_len++] = value;
	return 0;
}

/* The next space-separated word of [*p, end), moved past; NULL at the end. */
static const char *next_word(const char **p, const char *end, size_t *len)
{
	if (*p >= end)
		return NULL;
	const char *start = *p;
	const char *space = memchr(start, ' ', (size_t)(end - start));
	*len = (size_t)((space ? space : end) - start);
	*p = space ? space + 1 : end;
	return start;
}

static int parse_count(const char *s, size_t len, size_t *out)
{
	if (!len || len > 10)
		return -1;
	unsigned long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long long)(s[i] - '0');
	}
	if (v > COUNT_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int parse_steps(struct log_cache *c, const char *p, const char *end)
{
	struct step_list *grown = array__push(c->lists, c->list_count, sizeof(*grown));
	if (!grown)
		return -1;
	c->lists = grown;
	struct step_list *list = &c->lists[c->list_count++];
	memset(list, 0, sizeof(*list));
	const char *word;
	size_t len = 0;
	while ((word = next_word(&p, end, &len))) {
		char **ids = array__push(list->ids, list->count, sizeof(*ids));
		if (!ids)
			return -1;
		list->ids = ids;
		if (!is_word(word, len) || !(list->ids[list->count] = strndup(word, len)))
			return -1;
		list->count++;
	}
	return 0;
}

static int parse_commit(struct log_cache *c, const char *p, const char *end)
{
	struct record *grown = array__push(c->read, c->read_count, sizeof(*grown));
	if (!grown)
		return -1;
	c->read = grown;
	struct record *r = &c->read[c->read_count];
	size_t len = 0;
	const char *word = next_word(&p, end, &len);
	git_oid id;
	if (len != GIT_OID_HEXSZ || git_oid_fromstrn(&id, word, len) < 0)
		return -1;
	git_oid_tostr(r->hex, sizeof(r->hex), &id);
	if (memcmp(r->hex, word, len) != 0) /* one spelling of each ID: no duplicate in upper case */
		return -1;
	r->at = c->count_len;
	if (!(word = next_word(&p, end, &len)))
		return -1;
	if (len == 1 && word[0] == '-') {
		r->list = SIZE_MAX;
	} else if (parse_count(word, len, &r->list) || r->list >= c->list_count) {
		return -1;
	} else {
		for (size_t s = 0; s < c->lists[r->list].count; s++) {
			size_t answered, open;
			const char *a = next_word(&p, end, &len);
			if (!a || parse_count(a, len, &answered))
				return -1;
			const char *o = next_word(&p, end, &len);
			if (!o || parse_count(o, len, &open) || answered > open || push_count(c, answered) ||
			    push_count(c, open))
				return -1;
		}
	}
	if (p != end)
		return -1;
	c->read_count++;
	return 0;
}

/* Read the file whole: -1 on any surprise, and then none of it is used. */
static int parse(struct log_cache *c, const char *text, size_t size)
{
	const char *p = text, *end = text + size;
	size_t line = 0, commits = 0;
	int ended = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl || ended) /* a last line cut short, or anything after the end */
			return -1;
		size_t len = (size_t)(nl - p);
		if (line == 0) {
			if (len != strlen(LOG_CACHE_HEADER) || memcmp(p, LOG_CACHE_HEADER, len) != 0)
				return -1;
		} else if (line == 1) {
			if (len != 4 + strlen(c->key) || memcmp(p, "key ", 4) != 0 || memcmp(p + 4, c->key, len - 4) != 0)
				return -1;
		} else if (len >= 5 && memcmp(p, "steps", 5) == 0 && (len == 5 || p[5] == ' ')) {
			if (parse_steps(c, p + (len == 5 ? 5 : 6), nl))
				return -1;
		} else if (len >= 4 && memcmp(p, "end ", 4) == 0) {
			size_t count;
			if (parse_count(p + 4, len - 4, &count) || count != commits)
				return -1;
			ended = 1;
		} else {
			if (parse_commit(c, p, nl))
				return -1;
			commits++;
		}
		line++;
		p = nl + 1;
	}
	if (!ended)
		return -1;
	for (size_t i = 0; i < c->read_count; i++)
		if (grid_index__add(&c->by_id, c->read[i].hex, &c->read[i], 0, NULL))
			return -1; /* a commit twice */
	return 0;
}

int log_cache__open(struct log_cache **out, struct session *sess)
{
	*out = NULL;
	struct log_cache *c = calloc(1, sizeof(*c));
	if (!c || !(c->path = fs__join(git_repository_path(sess->repo), "grille/log-cache")) ||
	    !(c->key = cache_key(sess))) {
		log_cache__close(c);
		return error__oom();
	}
	c->repo = sess->repo;
	grille_buf text = GRILLE_BUF_INIT;
	int found = fs__exists(c->path);
	if (found && (scan_cache__read(&text, c->path) || parse(c, text.ptr ? text.ptr : "", text.len))) {
		forget(c);
		c->rebuilt = c->dirty = 1; /* written again even if it learns nothing */
	}
	grille_buf_release(&text);
	*out = c;
	return 0;
}

int log_cache__find(const struct log_cache *c, const git_oid *commit, struct log_record *out)
{
	if (!c)
		return 0;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), commit);
	const struct record *r = grid_index__find(&c->by_id, hex);
	if (!r)
		return 0;
	memset(out, 0, sizeof(*out));
	if (r->list == SIZE_MAX)
		return 1;
	out->present = 1;
	out->step_ids = c->lists[r->list].ids;
	out->step_count = c->lists[r->list].count;
	out->counts = c->counts ? c->counts + r->at : NULL;
	return 1;
}

static int same_steps(const struct step_list *list, const grille_log_entry *e)
{
	if (list->count != e->step_count)
		return 0;
	for (size_t s = 0; s < e->step_count; s++)
		if (strcmp(list->ids[s], e->steps[s].id) != 0)
			return 0;
	return 1;
}

/* The list of `e`'s steps, added when new; SIZE_MAX when memory runs out. */
static size_t list_of(struct log_cache *c, const grille_log_entry *e)
{
	for (size_t l = c->list_count; l > 0; l--) /* the newest first: the one most commits share */
		if (same_steps(&c->lists[l - 1], e))
			return l - 1;
	struct step_list *grown = array__push(c->lists, c->list_count, sizeof(*grown));
	if (!grown)
		return SIZE_MAX;
	c->lists = grown;
	struct step_list *list = &c->lists[c->list_count];
	memset(list, 0, sizeof(*list));
	if (!(list->ids = calloc(e->step_count ? e->step_count : 1, sizeof(*list->ids))))
		return SIZE_MAX;
	c->list_count++;
	for (; list->count < e->step_count; list->count++)
		if (!(list->ids[list->count] = strdup(e->steps[list->count].id)))
			return SIZE_MAX;
	return c->list_count - 1;
}

int log_cache__add(struct log_cache *c, const git_oid *commit, const grille_log_entry *e)
{
	if (!c)
		return 0;
	/* A step ID the file cannot hold (a grid of one's own may name steps so) is not kept. */
	for (size_t s = 0; e && s < e->step_count; s++)
		if (!is_word(e->steps[s].id, strlen(e->steps[s].id)))
			return 0;
	struct record *grown = array__push(c->learnt, c->learnt_count, sizeof(*grown));
	if (!grown)
		return error__oom();
	c->learnt = grown;
	struct record *r = &c->learnt[c->learnt_count];
	git_oid_tostr(r->hex, sizeof(r->hex), commit);
	r->at = c->count_len;
	r->list = SIZE_MAX;
	if (e && (r->list = list_of(c, e)) == SIZE_MAX)
		return error__oom();
	for (size_t s = 0; e && s < e->step_count; s++)
		if (push_count(c, e->steps[s].answered) || push_count(c, e->steps[s].open))
			return error__oom();
	c->learnt_count++;
	c->dirty = 1;
	return 0;
}

static void put_record(grille_buf *text, const struct log_cache *c, const struct record *r)
{
	if (r->list == SIZE_MAX) {
		grille_buf_printf(text, "%s -\n", r->hex);
		return;
	}
	grille_buf_printf(text, "%s %zu", r->hex, r->list);
	for (size_t i = 0; i < 2 * c->lists[r->list].count; i++)
		grille_buf_printf(text, " %zu", c->counts[r->at + i]);
	grille_buf_puts(text, "\n");
}

static void save(const struct log_cache *c)
{
	/* A key the file cannot hold on its line is not written: the next log rebuilds. */
	if (strchr(c->key, '\n') || strchr(c->key, '\r'))
		return;
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "%s\nkey %s\n", LOG_CACHE_HEADER, c->key);
	for (size_t l = 0; l < c->list_count; l++) {
		grille_buf_puts(&text, "steps");
		for (size_t i = 0; i < c->lists[l].count; i++)
			grille_buf_printf(&text, " %s", c->lists[l].ids[i]);
		grille_buf_puts(&text, "\n");
	}
	for (size_t i = 0; i < c->read_count; i++)
		put_record(&text, c, &c->read[i]);
	for (size_t i = 0; i < c->learnt_count; i++)
		put_record(&text, c, &c->learnt[i]);
	grille_buf_printf(&text, "end %zu\n", c->read_count + c->learnt_count);
	if (!grille_buf_oom(&text))
		scan_cache__save_bytes(c->repo, c->path, text.ptr, text.len);
	grille_buf_release(&text);
}

void log_cache__close(struct log_cache *c)
{
	if (!c)
		return;
	if (c->dirty)
		save(c);
	forget(c);
	free(c->path);
	free(c->key);
	free(c);
}

int log_cache__was_rebuilt(const struct log_cache *c)
{
	return c->rebuilt;
}
