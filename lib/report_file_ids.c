#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/error.h"
#include "binio.h"
#include "errors.h"
#include "fs.h"
#include "hash.h"
#include "report_file_ids.h"
#include "scan_cache.h"
#include "session.h"
#include "stat_cache.h"

#define ID_SIZE 20
#define FIELDS STAT_CACHE_FIELDS
static const char magic[] = "grille report files 1";

struct entry {
	char *name;
	uint64_t fields[FIELDS];
	unsigned char id[ID_SIZE];
};

struct report_file_ids {
	struct session *session;
	char *path;
	struct timespec now;   /* before any file was looked at */
	uint64_t read_time;    /* when the file read was written */
	struct entry *read;    /* what the file holds */
	size_t read_count;
	struct entry *slots;   /* per step: what this report found or learnt */
	unsigned char *state;  /* per step: 0 nothing, 1 found, 2 learnt */
	size_t count;
};


/* The file as written by close(), checksum last; anything else leaves nothing read. */
static void load(struct report_file_ids *c)
{
	grille_buf data = GRILLE_BUF_INIT;
	if (scan_cache__read(&data, c->path) != 0 || data.len < 8)
		return;
	struct bin_reader tail = bin__reader(data.ptr + data.len - 8, 8);
	uint64_t sum = bin__get_u64(&tail);
	struct bin_reader r = bin__reader(data.ptr, data.len - 8);
	char *head = sum == hash__words(data.ptr, data.len - 8) ? bin__get_str(&r, 1) : NULL;
	if (!head || strcmp(head, magic) != 0) {
		free(head);
		grille_buf_release(&data);
		return;
	}
	free(head);
	c->read_time = bin__get_u64(&r);
	size_t n = bin__get_count(&r, 1 + FIELDS * 8 + ID_SIZE);
	c->read = bin__ok(&r) && n ? calloc(n, sizeof(*c->read)) : NULL;
	for (size_t i = 0; c->read && i < n && bin__ok(&r); i++) {
		struct entry *e = &c->read[c->read_count++];
		e->name = bin__get_str(&r, 1);
		for (int f = 0; f < FIELDS; f++)
			e->fields[f] = bin__get_u64(&r);
		const char *id = bin__get_bytes(&r, ID_SIZE);
		if (id)
			memcpy(e->id, id, ID_SIZE);
	}
	if (!bin__ok(&r) || r.at != r.end) { /* never used in part */
		for (size_t i = 0; i < c->read_count; i++)
			free(c->read[i].name);
		free(c->read);
		c->read = NULL;
		c->read_count = 0;
	}
	grille_error_clear();
	grille_buf_release(&data);
}

int report_file_ids__open(struct report_file_ids **out, struct session *s, size_t count)
{
	*out = NULL;
	if (session__git(s) != 0 || !s->repo) {
		grille_error_clear();
		return 0;
	}
	struct report_file_ids *c = calloc(1, sizeof(*c));
	if (!c || !(c->path = fs__join(git_repository_path(s->repo), "grille/report-files")) ||
	    !(c->slots = calloc(count ? count : 1, sizeof(*c->slots))) || !(c->state = calloc(count ? count : 1, 1))) {
		report_file_ids__close(c);
		return error__oom();
	}
	c->session = s;
	c->count = count;
	clock_gettime(CLOCK_REALTIME, &c->now);
	load(c);
	*out = c;
	return 0;
}

int report_file_ids__find(struct report_file_ids *c, size_t index, const char *name, const struct stat *st,
                          unsigned char *id)
{
	if (index >= c->count)
		return 0;
	uint64_t now[FIELDS];
	stat_cache__fields(st, now);
	for (size_t i = 0; i < c->read_count; i++) {
		const struct entry *e = &c->read[i];
		if (strcmp(e->name, name) != 0 || stat_cache__racy(e->fields, c->read_time) ||
		    memcmp(e->fields, now, sizeof(now)) != 0)
			continue;
		memcpy(id, e->id, ID_SIZE);
		c->slots[index] = *e; /* borrowed name: read[] outlives the slots */
		c->state[index] = 1;
		return 1;
	}
	return 0;
}

void report_file_ids__remember(struct report_file_ids *c, size_t index, const char *name, const struct stat *st,
                               const unsigned char *id)
{
	if (index >= c->count)
		return;
	struct entry *e = &c->slots[index];
	if (c->state[index] == 2) /* the status made again: learnt anew */
		free(e->name);
	c->state[index] = 0;
	stat_cache__fields(st, e->fields);
	if (stat_cache__racy(e->fields, (uint64_t)c->now.tv_sec) || !(e->name = strdup(name))) {
		c->state[index] = 0;
		return;
	}
	memcpy(e->id, id, ID_SIZE);
	c->state[index] = 2;
}

void report_file_ids__close(struct report_file_ids *c)
{
	if (!c)
		return;
	int learnt = 0;
	for (size_t i = 0; c->state && i < c->count; i++)
		learnt |= c->state[i] == 2;
	if (learnt) {
		grille_buf out = GRILLE_BUF_INIT;
		bin__put_str(&out, magic);
		bin__put_u64(&out, (uint64_t)c->now.tv_sec);
		size_t n = 0;
		for (size_t i = 0; i < c->count; i++)
			n += c->state[i] != 0;
		bin__put_u32(&out, (uint32_t)n);
		for (size_t i = 0; i < c->count; i++) {
			if (!c->state[i])
				continue;
			bin__put_str(&out, c->slots[i].name);
			for (int f = 0; f < FIELDS; f++)
				bin__put_u64(&out, c->slots[i].fields[f]);
			grille_buf_put(&out, (const char *)c->slots[i].id, ID_SIZE);
		}
		bin__put_u64(&out, hash__words(out.ptr, out.len));
		if (!grille_buf_oom(&out))
			scan_cache__save_bytes(c->session->repo, c->path, out.ptr, out.len);
		grille_buf_release(&out);
	}
	for (size_t i = 0; c->state && i < c->count; i++)
		if (c->state[i] == 2)
			free(c->slots[i].name);
	for (size_t i = 0; i < c->read_count; i++)
		free(c->read[i].name);
	free(c->read);
	free(c->slots);
	free(c->state);
	free(c->path);
	free(c);
}
