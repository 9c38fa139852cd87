#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "grille/error.h"
#include "errors.h"
#include "binio.h"
#include "fs.h"
#include "hash.h"
#include "scan_binary.h"
#include "scan_cache.h"
#include "session.h"
#include "stat_cache.h"
#include "workspace_private.h"

/* 2: binary (lib/binio.h): the magic, the format, the key, the time of the
 * scans, the entries, a checksum. 1 was JSON, in stat-cache.json. */
#define STAT_CACHE_FORMAT 2
#define STAT_CACHE_MAGIC "grille stat cache\n"
/* A file changed this many seconds before a scan, or after, may change again
 * unseen within its timestamps' granularity (and the file system's clock may
 * lag the process's a little): its entry is racy. */
#define RACY_SECONDS 1
#define STAT_FIELDS STAT_CACHE_FIELDS
/* Larger than any stat cache of real step files: anything beyond is rebuilt. */
#define STAT_CACHE_MAX ((size_t)256 << 20)

/* An entry as read: its name, its stat, and where its scan lies in the file read. */
struct entry {
	char *name;
	uint64_t fields[STAT_FIELDS];
	int racy;
	size_t scan_at, scan_len;  /* the scan's bytes, when not racy */
	size_t raw_at, raw_len;    /* the whole entry's bytes: written back as they are */
};

struct slot {
	char *name;       /* the entry's key: the file's path in the workspace */
	grille_buf fresh; /* the entry stat_cache__remember made, or empty */
	const struct entry *hit; /* the entry read that answered */
	int broken;       /* the entry read was not what the cache writes */
};

struct stat_cache {
	struct session *session;
	char *path;         /* the cache file */
	char *key;          /* what its scans depend on besides the files */
	grille_buf data;    /* the file read */
	struct entry *entries;
	size_t entry_count;
	uint64_t read_time; /* when the scans read were made (seconds) */
	struct timespec now;  /* when this one started, before any file was looked at */
	struct slot *slots;
	size_t slot_count;
	int rebuilt;        /* the cache read was missing, broken or another's */
};

/* The grid (its text and language), the level, grille's version and the
 * workspace's folder in the repository. */
static char *cache_key(struct session *s)
{
	char *grid = scan_cache__grid_key(s->ws->grid);
	grille_buf key = GRILLE_BUF_INIT;
	if (grid)
		grille_buf_printf(&key, "%s|level %d|grille %s|%s", grid, s->ws->settings->level, GRILLE_VERSION, s->prefix);
	free(grid);
	return grille_buf_detach(&key);
}

static void drop_entries(struct stat_cache *c)
{
	for (size_t i = 0; i < c->entry_count; i++)
		free(c->entries[i].name);
	free(c->entries);
	c->entries = NULL;
	c->entry_count = 0;
}

/* The entries of the file read, when it is whole and this cache's: 0 and
 * `rebuilt` cleared, or 0 and no entries; -1 when memory ran out. */
static int read_entries(struct stat_cache *c)
{
	const grille_buf *d = &c->data;
	size_t magic = strlen(STAT_CACHE_MAGIC);
	if (d->len < magic + 8 || memcmp(d->ptr, STAT_CACHE_MAGIC, magic) != 0)
		return 0;
	struct bin_reader sum = bin__reader(d->ptr + d->len - 8, 8);
	if (bin__get_u64(&sum) != hash__words(d->ptr, d->len - 8))
		return 0;
	struct bin_reader r = bin__reader(d->ptr + magic, d->len - 8 - magic);
	char *key = NULL;
	if (bin__get_u32(&r) != STAT_CACHE_FORMAT || !(key = bin__get_str(&r, 1)) || strcmp(key, c->key) != 0) {
		free(key);
		return r.oom ? -1 : 0;
	}
	free(key);
	c->read_time = bin__get_u64(&r);
	size_t count = bin__get_count(&r, 4 + 8 * STAT_FIELDS + 4 + 8);
	if (bin__ok(&r) && !(c->entries = calloc(count + 1, sizeof(*c->entries))))
		return -1;
	for (size_t i = 0; bin__ok(&r) && i < count; i++) {
		struct entry *e = &c->entries[c->entry_count++];
		e->raw_at = (size_t)((const char *)r.at - d->ptr);
		e->name = bin__get_str(&r, 1);
		for (size_t f = 0; f < STAT_FIELDS; f++)
			e->fields[f] = bin__get_u64(&r);
		uint32_t racy = bin__get_u32(&r);
		uint64_t len = bin__get_u64(&r);
		const char *scan = len <= d->len ? bin__get_bytes(&r, (size_t)len) : NULL;
		if (racy > 1 || (racy && len) || (!racy && !scan))
			r.bad = 1;
		e->racy = racy != 0;
		e->scan_at = scan ? (size_t)(scan - d->ptr) : 0;
		e->scan_len = (size_t)len;
		e->raw_len = (size_t)((const char *)r.at - d->ptr) - e->raw_at;
	}
	if (bin__ok(&r) && r.at == r.end && c->read_time <= INT64_MAX) {
		c->rebuilt = 0;
		return 0;
	}
	drop_entries(c);
	return r.oom ? -1 : 0;
}

/* The cache file, read whole or not at all. */
static int read_cache(struct stat_cache *c)
{
	c->rebuilt = 1;
	if (fs__exists(c->path) && fs__read_file(&c->data, c->path, 0, STAT_CACHE_MAX) != 0) {
		if (grille_error_last_code() == GRILLE_ENOMEM)
			return -1;
		grille_error_clear(); /* a link, a tube, a folder, a file too large: rebuilt */
		grille_buf_release(&c->data);
	}
	return c->data.len ? read_entries(c) : 0;
}

int stat_cache__open(struct stat_cache **out, struct session *s, size_t step_count)
{
	*out = NULL;
	int error = session__git(s);
	if (error == GRILLE_ENOMEM)
		return error;
	if (error) {
		/* A repository that cannot be opened is reported by whoever needs it (git's
		 * status); the step files are read as they are. */
		grille_error_clear();
		return 0;
	}
	if (git_repository_is_bare(s->repo))
		return 0; /* nowhere to keep it but the workspace, which is the group's: no cache */
	struct stat_cache *c = calloc(1, sizeof(*c));
	if (!c || !(c->slots = calloc(step_count + 1, sizeof(*c->slots))) ||
	    !(c->path = fs__join(git_repository_path(s->repo), "grille/stat-cache")) || !(c->key = cache_key(s))) {
		stat_cache__close(c);
		return error__oom();
	}
	c->session = s;
	c->slot_count = step_count;
	clock_gettime(CLOCK_REALTIME, &c->now);
	if (read_cache(c) < 0) {
		stat_cache__close(c);
		return error__oom();
	}
	*out = c;
	return 0;
}

void stat_cache__fields(const struct stat *st, uint64_t out[STAT_FIELDS])
{
	out[0] = (uint64_t)st->st_size;
	out[1] = (uint64_t)st->st_mtim.tv_sec;
	out[2] = (uint64_t)st->st_mtim.tv_nsec;
	out[3] = (uint64_t)st->st_ctim.tv_sec;
	out[4] = (uint64_t)st->st_ctim.tv_nsec;
	out[5] = (uint64_t)st->st_ino;
	out[6] = (uint64_t)st->st_dev;
}

int stat_cache__racy(const uint64_t fields[STAT_FIELDS], uint64_t time)
{
	return (int64_t)fields[1] >= (int64_t)time - RACY_SECONDS || (int64_t)fields[3] >= (int64_t)time - RACY_SECONDS;
}

static const struct entry *entry_named(const struct stat_cache *c, const char *name)
{
	for (size_t i = 0; i < c->entry_count; i++)
		if (strcmp(c->entries[i].name, name) == 0)
			return &c->entries[i];
	return NULL;
}

int stat_cache__find(struct stat_cache *c, size_t index, const char *name, struct stat *st, struct scan *out)
{
	if (index >= c->slot_count)
		return -1;
	struct slot *slot = &c->slots[index];
	const char *dir = c->session->dir ? c->session->dir : "";
	grille_buf key = GRILLE_BUF_INIT;
	if (grille_buf_printf(&key, "%s%s", dir, name) < 0)
		return -1;
	free(slot->name);
	slot->name = grille_buf_detach(&key);
	char *path = slot->name ? fs__join(c->session->ws->root, slot->name) : NULL;
	/* lstat: a link is not read (fs.c), so never cached. */
	int regular = path && lstat(path, st) == 0 && S_ISREG(st->st_mode);
	free(path);
	if (!regular)
		return -1;
	const struct entry *e = entry_named(c, slot->name);
	uint64_t now[STAT_FIELDS];
	stat_cache__fields(st, now);
	if (!e || e->racy || stat_cache__racy(e->fields, c->read_time) || memcmp(now, e->fields, sizeof(now)) != 0)
		return 0;
	struct bin_reader r = bin__reader(c->data.ptr + e->scan_at, e->scan_len);
	if (scan_binary__get(&r, out, (size_t)st->st_size) == 0 && r.at == r.end) {
		slot->hit = e;
		return 1;
	}
	/* Broken inside (or memory ran short): the cache is not to be trusted at all. */
	scan__release(out);
	slot->broken = 1;
	return 0;
}

void stat_cache__remember(struct stat_cache *c, size_t index, const struct stat *st, const struct scan *scan)
{
	if (index >= c->slot_count || !c->slots[index].name)
		return;
	struct slot *slot = &c->slots[index];
	uint64_t fields[STAT_FIELDS];
	stat_cache__fields(st, fields);
	/* A racy entry is written without its scan: git's index smudges it likewise. */
	int is_racy = stat_cache__racy(fields, (uint64_t)c->now.tv_sec);
	grille_buf scan_bytes = GRILLE_BUF_INIT;
	if (!is_racy)
		scan_binary__put(&scan_bytes, scan);
	grille_buf_clear(&slot->fresh);
	bin__put_str(&slot->fresh, slot->name);
	for (size_t i = 0; i < STAT_FIELDS; i++)
		bin__put_u64(&slot->fresh, fields[i]);
	bin__put_u32(&slot->fresh, (uint32_t)is_racy);
	bin__put_u64(&slot->fresh, scan_bytes.len);
	grille_buf_put(&slot->fresh, scan_bytes.ptr, scan_bytes.len);
	grille_buf_oom_from(&slot->fresh, &scan_bytes);
	grille_buf_release(&scan_bytes);
}

int stat_cache__broken(const struct stat_cache *c)
{
	for (size_t i = 0; c && i < c->slot_count; i++)
		if (c->slots[i].broken)
			return 1;
	return 0;
}

void stat_cache__forget(struct stat_cache *c)
{
	if (!c)
		return;
	drop_entries(c);
	c->rebuilt = 1;
	for (size_t i = 0; i < c->slot_count; i++) {
		grille_buf_release(&c->slots[i].fresh);
		c->slots[i].hit = NULL;
		c->slots[i].broken = 0;
	}
}

/* The cache to write: the fresh entries, and those read that answered, under
 * this run's time. Nothing when the cache read is still the whole truth. */
static void save(const struct stat_cache *c)
{
	int learnt = c->rebuilt || stat_cache__broken(c);
	size_t count = 0, bytes = 256 + strlen(c->key);
	for (size_t i = 0; i < c->slot_count; i++) {
		learnt |= c->slots[i].fresh.len > 0;
		count += c->slots[i].fresh.len > 0 || c->slots[i].hit;
		bytes += c->slots[i].fresh.len ? c->slots[i].fresh.len : c->slots[i].hit ? c->slots[i].hit->raw_len : 0;
	}
	if (!learnt)
		return;
	/* Sized once: grown by doubling, the 3 MB cache of a large workspace was copied into new pages again and again. */
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_grow(&out, bytes);
	grille_buf_puts(&out, STAT_CACHE_MAGIC);
	bin__put_u32(&out, STAT_CACHE_FORMAT);
	bin__put_str(&out, c->key);
	bin__put_u64(&out, (uint64_t)c->now.tv_sec);
	bin__put_u32(&out, (uint32_t)count);
	for (size_t i = 0; i < c->slot_count; i++) {
		const struct slot *slot = &c->slots[i];
		if (slot->fresh.len)
			grille_buf_put(&out, slot->fresh.ptr, slot->fresh.len);
		else if (slot->hit)
			grille_buf_put(&out, c->data.ptr + slot->hit->raw_at, slot->hit->raw_len);
		grille_buf_oom_from(&out, &slot->fresh);
	}
	bin__put_u64(&out, hash__words(out.ptr, out.len));
	if (!grille_buf_oom(&out)) {
		scan_cache__save_bytes(c->session->repo, c->path, out.ptr, out.len);
		char *former = fs__join(git_repository_path(c->session->repo), "grille/stat-cache.json");
		if (former)
			unlink(former); /* format 1's file, from grille 0.x before this one: no one reads it now */
		free(former);
	}
	grille_buf_release(&out);
}

void stat_cache__close(struct stat_cache *c)
{
	if (!c)
		return;
	if (c->session)
		save(c);
	for (size_t i = 0; c->slots && i < c->slot_count; i++) {
		free(c->slots[i].name);
		grille_buf_release(&c->slots[i].fresh);
	}
	free(c->slots);
	drop_entries(c);
	grille_buf_release(&c->data);
	free(c->path);
	free(c->key);
	free(c);
}
