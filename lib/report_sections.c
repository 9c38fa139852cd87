#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "config.h"
#include "grille/error.h"
#include "binio.h"
#include "errors.h"
#include "fs.h"
#include "groupdata.h"
#include "hash.h"
#include "report.h"
#include "report_positions.h"
#include "report_sections.h"
#include "scan_cache.h"
#include "session.h"
#include "workspace_private.h"

/* A section file: this line, the key (a SHA-1), the length and a checksum of
 * the bytes (hash__words: a file damaged by accident), then the bytes. */
static const char magic[16] = "grille-section1\n";
#define KEY_SIZE GIT_OID_RAWSZ
#define HEADER_SIZE (sizeof(magic) + KEY_SIZE + 8 + 8)
/* A section larger than this is not kept: its file would not be read back whole. */
#define SECTION_MAX ((size_t)256 << 20)

struct report_sections {
	const struct report *r;
	char *dir;           /* .git/grille */
	char format[16];
	grille_buf context;  /* what every section's key starts with */
	unsigned char (*keys)[KEY_SIZE]; /* per step, set by find() */
	unsigned char *keyed;            /* per step: find() made its key (else nothing is kept) */
	struct fs_map *held;             /* per step: the kept file find() mapped and checked, until sent */
	unsigned char *holding;          /* per step: held[] is set */
};

static void put_bytes(grille_buf *out, const void *data, size_t len)
{
	bin__put_u64(out, len);
	grille_buf_put(out, data, len);
}

/* A small file of the workspace, as it is: a part of the key (absent and empty differ). */
static void put_file(grille_buf *out, const struct report *r, const char *name)
{
	char *path = fs__join(r->ws->root, name);
	grille_buf data = GRILLE_BUF_INIT;
	int found = path && fs__exists(path) && fs__read_file(&data, path, 0, GRILLE_FS_SMALL_MAX) == 0;
	grille_error_clear();
	bin__put_str(out, name);
	bin__put_u32(out, (uint32_t)found);
	put_bytes(out, data.ptr, data.len);
	grille_buf_oom_from(out, &data);
	if (!path)
		out->oom = 1;
	grille_buf_release(&data);
	free(path);
}

int report_sections__open(struct report_sections **out, const struct report *r, const char *format)
{
	*out = NULL;
	if (!r->session || r->tree || r->round_past || !r->session->repo || !r->file_known)
		return 0;
	struct report_sections *c = calloc(1, sizeof(*c));
	char *grid_key = scan_cache__grid_key(r->grid);
	if (!c || !grid_key || !(c->dir = fs__join(git_repository_path(r->session->repo), "grille")) ||
	    !(c->keys = calloc(r->step_count ? r->step_count : 1, sizeof(*c->keys))) ||
	    !(c->keyed = calloc(r->step_count ? r->step_count : 1, 1)) ||
	    !(c->held = calloc(r->step_count ? r->step_count : 1, sizeof(*c->held))) ||
	    !(c->holding = calloc(r->step_count ? r->step_count : 1, 1))) {
		free(grid_key);
		report_sections__close(c);
		return error__oom();
	}
	c->r = r;
	snprintf(c->format, sizeof(c->format), "%s", format);
	grille_buf *k = &c->context;
	bin__put_str(k, "grille report section");
	bin__put_str(k, GRILLE_VERSION);
	bin__put_str(k, format);
	bin__put_str(k, r->language);
	bin__put_str(k, grid_key);
	bin__put_str(k, r->today);
	bin__put_str(k, r->step);
	bin__put_u32(k, (uint32_t)r->guidance);
	bin__put_u32(k, (uint32_t)r->authors);
	/* The group's data (data questions, positions, names) and the settings, as written. */
	for (size_t i = 0; i < 3; i++)
		put_file(k, r, groupdata__files[i]);
	put_file(k, r, GRILLE_SETTINGS_FILE);
	free(grid_key);
	if (grille_buf_oom(k)) {
		report_sections__close(c);
		return error__oom();
	}
	*out = c;
	return 0;
}

static void put_position(grille_buf *k, const grille_position *p)
{
	bin__put_str(k, p->name);
	bin__put_u32(k, (uint32_t)p->written);
	bin__put_u64(k, p->line);
}

static void put_question(grille_buf *k, const struct report *r, const grille_question_status *q)
{
	bin__put_str(k, q->id);
	bin__put_str(k, q->text);
	bin__put_u32(k, (uint32_t)q->level);
	bin__put_u32(k, (uint32_t)q->kind);
	bin__put_u32(k, (uint32_t)q->data);
	bin__put_u32(k, (uint32_t)q->state);
	bin__put_str(k, q->file);
	bin__put_u64(k, q->line);
	bin__put_str(k, q->until);
	bin__put_str(k, q->reason);
	bin__put_str(k, q->until_unread);
	bin__put_u64(k, q->mark_line);
	bin__put_u32(k, (uint32_t)q->overdue);
	bin__put_u64(k, q->fingerprint);
	/* Where the answer lies (its spans) follows from the file's bytes, whose ID
	 * the key holds: left out, as a status from the stat cache has none. */
	bin__put_u32(k, (uint32_t)q->retired);
	bin__put_u64(k, q->position_count);
	for (size_t p = 0; p < q->position_count; p++)
		put_position(k, &q->positions[p]);
	bin__put_u64(k, q->positions_written);
	bin__put_u64(k, q->positions_expected);
	put_position(k, &q->synthesis);
	grille_buf authors = GRILLE_BUF_INIT;
	if (report__authors_text(&authors, r, q))
		put_bytes(k, authors.ptr, authors.len);
	else
		bin__put_u64(k, 0);
	grille_buf_oom_from(k, &authors);
	grille_buf_release(&authors);
}

/* The step files the answers of `st` stand in: their blob IDs go in the key
 * (the file's bytes, whatever their size, in 20; see report_file_ids.h). */
static int put_files(grille_buf *k, const struct report *r, const grille_step_status *st)
{
	size_t count = r->step_count;
	unsigned char *seen = calloc(count ? count : 1, 1);
	if (!seen)
		return error__oom();
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	for (const grille_question_status *q; (q = grille_step_next_question(st, &cursor));)
		for (size_t f = 0; (q->state == GRILLE_STATE_ANSWERED || report__has_positions(q)) && q->file && f < count; f++)
			if (!seen[f] && strcmp(grille_grid_step(r->grid, f)->file, q->file) == 0)
				seen[f] = 1;
	int error = 0;
	for (size_t f = 0; f < count && !error; f++) {
		if (!seen[f])
			continue;
		bin__put_u64(k, f);
		if (r->file_known && r->file_known[f])
			put_bytes(k, r->file_ids[f], KEY_SIZE);
		else
			error = -1; /* not read (its answers render as none), or no ID: no key, no cache */
	}
	free(seen);
	return error;
}

/* Step `step`'s key into c->keys[step]: 0, 1 when it has none (render, keep nothing), or GRILLE_ENOMEM. */
static int step_key(struct report_sections *c, size_t step)
{
	const struct report *r = c->r;
	const grille_step_status *st = &r->status->steps[step];
	grille_buf k = GRILLE_BUF_INIT;
	grille_buf_put(&k, c->context.ptr, c->context.len);
	bin__put_u64(&k, step);
	bin__put_str(&k, st->id);
	bin__put_str(&k, st->title);
	bin__put_str(&k, st->file);
	bin__put_str(&k, st->problem);
	for (size_t s = 0; s < GRILLE_STATE_COUNT; s++)
		bin__put_u64(&k, st->counts[s]);
	bin__put_u64(&k, st->question_count);
	bin__put_u64(&k, st->item_count);
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		bin__put_str(&k, it->id);
		bin__put_str(&k, it->title);
		bin__put_str(&k, it->group);
		bin__put_u32(&k, (uint32_t)it->state);
		bin__put_str(&k, it->file);
		bin__put_u64(&k, it->line);
		bin__put_u64(&k, it->question_count);
		for (size_t q = 0; q < it->question_count; q++)
			put_question(&k, r, &it->questions[q]);
	}
	int error = put_files(&k, r, st);
	git_oid id;
	if (!error && grille_buf_oom(&k)) {
		error = error__oom();
	} else if (!error && git_odb_hash(&id, k.ptr, k.len, GIT_OBJECT_BLOB) == 0) {
		memcpy(c->keys[step], id.id, KEY_SIZE);
		c->keyed[step] = 1;
	} else if (!error) {
		error = -1;
	}
	git_error_clear();
	grille_buf_release(&k);
	return error < 0 ? 1 : error;
}

static char *section_path(const struct report_sections *c, size_t step)
{
	grille_buf name = GRILLE_BUF_INIT;
	grille_buf_printf(&name, "report-%s-%zu", c->format, step + 1);
	char *path = name.ptr ? fs__join(c->dir, name.ptr) : NULL;
	grille_buf_release(&name);
	return path;
}

/* The kept section at `path` for `key`, mapped into `map` and checked: 1,
 * else 0 and nothing held. A section of another key costs its head's page;
 * one that is the right one is sent from the mapping, never copied (a file
 * of 8 MiB or more is mapped, as step files are: see fs.h). */
static int map_section(struct fs_map *map, const char *path, const unsigned char *key)
{
	int found = fs__exists(path) && fs__map(map, path) == 0;
	grille_error_clear();
	if (!found)
		return 0;
	const unsigned char *head = (const unsigned char *)map->data;
	found = map->len >= HEADER_SIZE && map->len <= SECTION_MAX + HEADER_SIZE &&
	        memcmp(head, magic, sizeof(magic)) == 0 && memcmp(head + sizeof(magic), key, KEY_SIZE) == 0;
	uint64_t len = 0, sum = 0;
	if (found) {
		struct bin_reader numbers = bin__reader(head + sizeof(magic) + KEY_SIZE, 16);
		len = bin__get_u64(&numbers);
		sum = bin__get_u64(&numbers);
	}
	found = found && len == (uint64_t)map->len - HEADER_SIZE && sum == hash__words(map->data + HEADER_SIZE, (size_t)len);
	if (!found)
		fs__unmap(map);
	return found;
}

static void let_go(struct report_sections *c, size_t step)
{
	if (c->holding[step])
		fs__unmap(&c->held[step]);
	c->holding[step] = 0;
}

int report_sections__find(struct report_sections *c, size_t step)
{
	let_go(c, step); /* looked up again after the status was made again */
	int error = step_key(c, step);
	if (error)
		return error > 0 ? 0 : error;
	char *path = section_path(c, step);
	if (!path)
		return error__oom();
	c->holding[step] = (unsigned char)map_section(&c->held[step], path, c->keys[step]);
	free(path);
	return c->holding[step];
}

int report_sections__held(const struct report_sections *c, size_t step)
{
	return c->holding[step];
}

int report_sections__send(struct report_sections *c, size_t step)
{
	const struct report *r = c->r;
	int error = c->holding[step] ? r->sink(r->sink_ctx, c->held[step].data + HEADER_SIZE, c->held[step].len - HEADER_SIZE) : 0;
	let_go(c, step);
	return error;
}

void report_sections__keep(struct report_sections *c, size_t step, const char *html, size_t len)
{
	if (!c->keyed[step] || len > SECTION_MAX)
		return;
	char *path = section_path(c, step);
	/* The head, then the section written from where it lies: a first report
	 * writes as many bytes here as in the page, and copying them costs more
	 * than writing. Not synced (read_section() checks the length and the
	 * checksum: a file a crash cut short is rendered again). */
	grille_buf head = GRILLE_BUF_INIT;
	grille_buf_put(&head, magic, sizeof(magic));
	grille_buf_put(&head, (const char *)c->keys[step], KEY_SIZE);
	bin__put_u64(&head, len);
	bin__put_u64(&head, hash__words(html, len));
	if (path && !grille_buf_oom(&head)) {
		mkdir(c->dir, 0777);
		bin__write_own_checked(path, head.ptr, head.len, html, len);
	}
	grille_buf_release(&head);
	free(path);
}

void report_sections__close(struct report_sections *c)
{
	if (!c)
		return;
	free(c->dir);
	free(c->keys);
	free(c->keyed);
	for (size_t s = 0; c->held && c->holding && s < c->r->step_count; s++)
		let_go(c, s);
	free(c->held);
	free(c->holding);
	grille_buf_release(&c->context);
	free(c);
}
