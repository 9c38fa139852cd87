#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/error.h"
#include "errors.h"
#include "binio.h"
#include "fs.h"
#include "grid_kind.h"
#include "scan.h"
#include "hash.h"
#include "repo.h"
#include "scan_cache.h"

/* 2: task items of the group count, answers win over marks, Unicode white
 * space, exact marks and French dates (with the text of an unread one).
 * 3: the positions and synthesis of "positions" questions, the options a
 * choice checks. */
#define CACHE_FORMAT 3
#define CACHE_MAX ((size_t)256 << 20)

struct scan_cache {
	git_repository *repo;
	const grille_grid *grid;
	char *path;
	char *grid_key;
	json_t *blobs; /* blob ID -> serialised scan */
	int dirty;
	int rebuilt;
};

/* The grid, as the cache depends on it: its ID, version and exact text, and
 * the pointer lines under data questions, template text too; and the scan's
 * rules, so that every cache keyed on this forgets what an older scan found. */
char *scan_cache__grid_key(const grille_grid *grid)
{
	size_t len;
	const char *source = grille_grid_source(grid, &len);
	uint64_t h = hash__words(source, len); /* a grid of megabytes: eight bytes at a time */
	for (int kind = 0; kind < GRILLE_QUESTION_KIND_COUNT; kind++) {
		const char *pointer = grid__pointer(grille_grid_language(grid), (grille_question_kind)kind);
		if (pointer)
			h = hash__fnv1a(h, pointer, strlen(pointer));
	}
	grille_buf key = GRILLE_BUF_INIT;
	grille_buf_printf(&key, "%s@%s#%016llx/scan %d", grille_grid_id(grid), grille_grid_version(grid),
	                  (unsigned long long)h, SCAN_RULES);
	return grille_buf_detach(&key);
}

int scan_cache__read(grille_buf *out, const char *path)
{
	/* Only a regular file is read (a tube there would hang, a link lead elsewhere); anything
	 * else, or a cache grown absurdly large, is rebuilt. */
	if (!fs__exists(path))
		return -1;
	if (fs__read_file(out, path, 0, CACHE_MAX) == 0)
		return 0;
	grille_error_clear();
	grille_buf_release(out);
	return -1;
}

json_t *scan_cache__load(const char *path)
{
	/* A cache cut short is not JSON. */
	json_error_t problem;
	grille_buf text = GRILLE_BUF_INIT;
	json_t *root = NULL;
	if (scan_cache__read(&text, path) == 0)
		root = json_loadb(text.ptr ? text.ptr : "", text.len, 0, &problem);
	grille_buf_release(&text);
	if (root && !json_is_object(root)) {
		json_decref(root);
		root = NULL;
	}
	return root;
}

void scan_cache__save_bytes(git_repository *repo, const char *path, const char *data, size_t len)
{
	char *dir = fs__join(git_repository_path(repo), "grille");
	if (data && dir) {
		mkdir(dir, 0777);
		bin__write_own_file(path, data, len); /* a cache that cannot be written is no harm */
	}
	free(dir);
}

void scan_cache__save(git_repository *repo, const char *path, json_t *root)
{
	char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
	if (text)
		scan_cache__save_bytes(repo, path, text, strlen(text));
	free(text);
}

int scan_cache__open(struct scan_cache **out, git_repository *repo, const grille_grid *grid)
{
	*out = NULL;
	struct scan_cache *c = calloc(1, sizeof(*c));
	if (!c || !(c->path = fs__join(git_repository_path(repo), "grille/scan-cache.json")) ||
	    !(c->grid_key = scan_cache__grid_key(grid))) {
		scan_cache__close(c);
		return error__oom();
	}
	c->repo = repo;
	c->grid = grid;
	json_t *root = scan_cache__load(c->path);
	json_t *blobs = root ? json_object_get(root, "blobs") : NULL;
	json_t *format = root ? json_object_get(root, "format") : NULL;
	json_t *grid_of = root ? json_object_get(root, "grid") : NULL;
	if (root && json_is_object(blobs) && json_integer_value(format) == CACHE_FORMAT &&
	    json_is_string(grid_of) && strcmp(json_string_value(grid_of), c->grid_key) == 0) {
		c->blobs = json_incref(blobs);
	} else {
		c->rebuilt = fs__exists(c->path);
		c->blobs = json_object();
	}
	json_decref(root);
	*out = c;
	return c->blobs ? 0 : error__oom();
}

int scan_cache__was_rebuilt(const struct scan_cache *cache)
{
	return cache->rebuilt;
}

static json_t *mark_json(const struct scan_mark *m)
{
	return json_pack("[IIsss]", (json_int_t)m->kind, (json_int_t)m->line, m->until ? m->until : "",
	                 m->reason ? m->reason : "", m->until_text ? m->until_text : "");
}

/* A position or the synthesis: [name, line, heading_end, end_line, written, body first, body last]. */
static json_t *section_json(const struct scan_section *sec)
{
	return json_pack("[sIIIbII]", sec->name ? sec->name : "", (json_int_t)sec->line, (json_int_t)sec->heading_end,
	                 (json_int_t)sec->end_line, sec->written, (json_int_t)sec->body.first, (json_int_t)sec->body.last);
}

/* [positions..., synthesis] */
static json_t *sections_json(const struct scan_question *q)
{
	json_t *list = json_array();
	for (size_t p = 0; p < q->position_count; p++)
		json_array_append_new(list, section_json(&q->positions[p]));
	json_array_append_new(list, section_json(&q->synthesis));
	return list;
}

/* A scan as JSON (a new reference, NULL when memory runs out). */
static json_t *scan_json(const struct scan *s)
{
	json_t *items = json_array(), *questions = json_array();
	for (size_t i = 0; i < s->item_count; i++) {
		const struct scan_item *it = &s->items[i];
		json_array_append_new(items, json_pack("[ssIIIoI]", it->id, it->title, (json_int_t)it->line,
		                                       (json_int_t)it->end_line, (json_int_t)it->heading_end,
		                                       mark_json(&it->mark), (json_int_t)it->mark.end_line));
	}
	for (size_t i = 0; i < s->question_count; i++) {
		const struct scan_question *q = &s->questions[i];
		char hash[17];
		snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)q->body_hash);
		char checked[17];
		snprintf(checked, sizeof(checked), "%016llx", (unsigned long long)q->checked);
		json_t *question = json_pack("[ssIIIbboIsso]", q->id, q->text, (json_int_t)q->line,
		                             (json_int_t)q->end_line, (json_int_t)q->heading_end, q->answered, q->conflict,
		                             mark_json(&q->mark), (json_int_t)q->mark.end_line, hash, checked,
		                             sections_json(q));
		json_array_append_new(questions, question);
	}
	return json_pack("{soso}", "items", items, "questions", questions);
}

static int read_section(json_t *j, struct scan_section *sec, int named)
{
	const char *name;
	json_int_t line, heading_end, end_line, first, last;
	int written;
	if (json_unpack(j, "[sIIIbII]", &name, &line, &heading_end, &end_line, &written, &first, &last) ||
	    line < 0 || heading_end < 0 || end_line < 0 || first < 0 || last < 0)
		return -1;
	*sec = (struct scan_section){ NULL, (size_t)line, (size_t)heading_end, (size_t)end_line, 0, written,
	                              { (size_t)first, (size_t)last, 0, 0 } };
	return named && !(sec->name = strdup(name)) ? -1 : 0;
}

static int read_sections(json_t *j, struct scan_question *q)
{
	size_t count = json_is_array(j) ? json_array_size(j) : 0;
	if (!count)
		return -1;
	if (count > 1 && !(q->positions = calloc(count - 1, sizeof(*q->positions))))
		return -1;
	for (; q->position_count < count - 1; q->position_count++)
		if (read_section(json_array_get(j, q->position_count), &q->positions[q->position_count], 1))
			return -1;
	return read_section(json_array_get(j, count - 1), &q->synthesis, 0);
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

static int read_mark(json_t *j, json_int_t end_line, struct scan_mark *m)
{
	json_int_t kind, line;
	const char *until, *reason, *until_text;
	if (json_unpack(j, "[IIsss]", &kind, &line, &until, &reason, &until_text) || kind < MARK_NONE || kind > MARK_DEFER)
		return -1;
	m->kind = (enum scan_mark_kind)kind;
	m->line = (size_t)line;
	m->end_line = (size_t)end_line;
	m->until = dup_or_null(until);
	m->reason = dup_or_null(reason);
	m->until_text = dup_or_null(until_text);
	return 0;
}

/* Rebuild a scan from scan_json(): -1 on any surprise, `out` then holding
 * what was read so far, to scan__release(). */
static int scan_from_json(json_t *j, struct scan *s)
{
	memset(s, 0, sizeof(*s));
	json_t *items = json_object_get(j, "items"), *questions = json_object_get(j, "questions");
	if (!json_is_array(items) || !json_is_array(questions))
		return -1;
	s->items = calloc(json_array_size(items) + 1, sizeof(*s->items));
	s->questions = calloc(json_array_size(questions) + 1, sizeof(*s->questions));
	if (!s->items || !s->questions)
		return -1;
	size_t i;
	json_t *v;
	json_array_foreach(items, i, v) {
		struct scan_item *it = &s->items[s->item_count];
		const char *id, *title;
		json_int_t line, end, heading_end, mark_end;
		json_t *mark;
		if (json_unpack(v, "[ssIIIoI]", &id, &title, &line, &end, &heading_end, &mark, &mark_end))
			return -1;
		s->item_count++;
		it->id = strdup(id);
		it->title = strdup(title);
		it->line = (size_t)line;
		it->end_line = (size_t)end;
		it->heading_end = (size_t)heading_end;
		if (!it->id || !it->title || read_mark(mark, mark_end, &it->mark))
			return -1;
	}
	json_array_foreach(questions, i, v) {
		struct scan_question *q = &s->questions[s->question_count];
		const char *id, *text, *hash, *checked;
		json_int_t line, end, heading_end, mark_end;
		int answered, conflict;
		json_t *mark, *sections;
		if (json_unpack(v, "[ssIIIbboIsso]", &id, &text, &line, &end, &heading_end, &answered, &conflict,
		                &mark, &mark_end, &hash, &checked, &sections))
			return -1;
		s->question_count++;
		q->id = strdup(id);
		q->text = strdup(text);
		q->line = (size_t)line;
		q->end_line = (size_t)end;
		q->heading_end = (size_t)heading_end;
		q->answered = answered;
		q->conflict = conflict;
		q->body_hash = strtoull(hash, NULL, 16);
		q->checked = strtoull(checked, NULL, 16);
		if (!q->id || !q->text || read_mark(mark, mark_end, &q->mark) || grille_id_kind(q->id) != 2 ||
		    read_sections(sections, q))
			return -1;
		s->conflict_count += conflict;
	}
	return 0;
}

int scan_cache__scan(struct scan_cache *cache, const git_oid *id, const char *name,
                           struct scan *out)
{
	char key[GIT_OID_HEXSZ + 1];
	git_oid_tostr(key, sizeof(key), id);
	json_t *cached = json_object_get(cache->blobs, key);
	if (cached) {
		if (scan_from_json(cached, out) == 0)
			return 0;
		/* Broken inside: start the whole cache again rather than trust any of it. */
		scan__release(out);
		json_object_clear(cache->blobs);
		cache->rebuilt = 1;
	}
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, cache->repo, id) < 0)
		return repo__error(name);
	int error = scan__text(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), name, cache->grid);
	git_blob_free(blob);
	if (!error) {
		json_object_set_new(cache->blobs, key, scan_json(out));
		cache->dirty = 1;
	}
	return error;
}

void scan_cache__close(struct scan_cache *c)
{
	if (!c)
		return;
	if (c->dirty || c->rebuilt) {
		json_t *root = json_pack("{sisssO}", "format", CACHE_FORMAT, "grid", c->grid_key, "blobs", c->blobs);
		scan_cache__save(c->repo, c->path, root);
		json_decref(root);
	}
	json_decref(c->blobs);
	free(c->path);
	free(c->grid_key);
	free(c);
}
