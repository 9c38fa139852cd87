#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "config.h"
#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "scan_cache.h"
#include "session.h"
#include "stat_cache.h"
#include "workspace_private.h"

/* 1: entries [size, mtime s, ns, ctime s, ns, inode, device] and full scans. */
#define STAT_CACHE_FORMAT 1
/* A file changed this many seconds before a scan, or after, may change again
 * unseen within its timestamps' granularity (and the file system's clock may
 * lag the process's a little): its entry is racy. */
#define RACY_SECONDS 1
#define STAT_FIELDS 7

struct slot {
	char *name;    /* the entry's key: the file's path in the workspace */
	json_t *fresh; /* the entry stat_cache__remember made, or NULL */
	int hit;       /* the entry read answered */
	int broken;    /* the entry read was not what the cache writes */
};

struct stat_cache {
	struct session *session;
	git_repository *repo;
	char *path;         /* the cache file */
	char *key;          /* what its scans depend on besides the files */
	json_t *files;      /* the entries read, by name (an empty object when none could be) */
	json_int_t read_time; /* when the scans read were made (seconds) */
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

static void read_cache(struct stat_cache *c)
{
	json_t *root = scan_cache__load(c->path);
	json_t *files = json_object_get(root, "files"), *key = json_object_get(root, "key");
	json_int_t format = -1, time = -1;
	json_unpack(json_object_get(root, "format"), "I", &format);
	json_unpack(json_object_get(root, "time"), "[I!]", &time);
	if (format == STAT_CACHE_FORMAT && json_is_string(key) && strcmp(json_string_value(key), c->key) == 0 &&
	    json_is_object(files) && time >= 0) {
		c->files = json_incref(files);
		c->read_time = time;
	} else {
		c->files = json_object();
		c->rebuilt = 1;
	}
	json_decref(root);
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
	    !(c->path = fs__join(git_repository_path(s->repo), "grille/stat-cache.json")) || !(c->key = cache_key(s))) {
		stat_cache__close(c);
		return error__oom();
	}
	c->session = s;
	c->repo = s->repo;
	c->slot_count = step_count;
	clock_gettime(CLOCK_REALTIME, &c->now);
	read_cache(c);
	if (!c->files) {
		stat_cache__close(c);
		return error__oom();
	}
	*out = c;
	return 0;
}

/* What the cache keeps of a stat: the values as JSON integers. */
static void stat_fields(const struct stat *st, json_int_t out[STAT_FIELDS])
{
	out[0] = (json_int_t)st->st_size;
	out[1] = (json_int_t)st->st_mtim.tv_sec;
	out[2] = (json_int_t)st->st_mtim.tv_nsec;
	out[3] = (json_int_t)st->st_ctim.tv_sec;
	out[4] = (json_int_t)st->st_ctim.tv_nsec;
	out[5] = (json_int_t)st->st_ino;
	out[6] = (json_int_t)st->st_dev;
}

/* Changed in the second before `time`, or later: a later change may not show. */
static int racy(const json_int_t fields[STAT_FIELDS], json_int_t time)
{
	return fields[1] >= time - RACY_SECONDS || fields[3] >= time - RACY_SECONDS;
}

/* 1 when `entry` holds a scan made from the file as `st` is, 0 when the file
 * changed (or the entry is racy), -1 when the entry is not one the cache writes. */
static int entry_matches(json_t *entry, const struct stat *st, json_int_t time)
{
	json_t *fields = json_object_get(entry, "stat");
	if (!json_is_object(entry) || !json_is_array(fields) || json_array_size(fields) != STAT_FIELDS)
		return -1;
	json_int_t now[STAT_FIELDS], then[STAT_FIELDS];
	stat_fields(st, now);
	for (size_t i = 0; i < STAT_FIELDS; i++) {
		json_t *v = json_array_get(fields, i);
		if (!json_is_integer(v))
			return -1;
		then[i] = json_integer_value(v);
	}
	if (json_object_get(entry, "racy") || racy(then, time))
		return 0;
	if (!json_is_object(json_object_get(entry, "scan")))
		return -1;
	return memcmp(now, then, sizeof(now)) == 0;
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
	json_t *entry = json_object_get(c->files, slot->name);
	int matches = entry ? entry_matches(entry, st, c->read_time) : 0;
	if (matches > 0 && scan_cache__from_json(json_object_get(entry, "scan"), out, 1, (size_t)st->st_size) == 0) {
		slot->hit = 1;
		return 1;
	}
	if (matches) { /* broken inside: the cache is not to be trusted at all */
		scan__release(out);
		memset(out, 0, sizeof(*out));
		slot->broken = 1;
	}
	return 0;
}

void stat_cache__remember(struct stat_cache *c, size_t index, const struct stat *st, const struct scan *scan)
{
	if (index >= c->slot_count)
		return;
	struct slot *slot = &c->slots[index];
	json_int_t fields[STAT_FIELDS];
	stat_fields(st, fields);
	json_t *list = json_array();
	for (size_t i = 0; i < STAT_FIELDS; i++)
		json_array_append_new(list, json_integer(fields[i]));
	json_decref(slot->fresh);
	/* A racy entry is written without its scan: git's index smudges it likewise. */
	slot->fresh = racy(fields, (json_int_t)c->now.tv_sec)
	              ? json_pack("{sosb}", "stat", list, "racy", 1)
	              : json_pack("{soso}", "stat", list, "scan", scan_cache__to_json(scan, 1));
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
	json_t *empty = json_object();
	if (!c || !empty) {
		json_decref(empty);
		return;
	}
	json_decref(c->files);
	c->files = empty;
	c->rebuilt = 1;
	for (size_t i = 0; i < c->slot_count; i++) {
		json_decref(c->slots[i].fresh);
		c->slots[i].fresh = NULL;
		c->slots[i].hit = c->slots[i].broken = 0;
	}
}

/* The entries to write: the fresh ones, and those read that answered. NULL
 * when the cache read is still the whole truth. */
static json_t *entries(const struct stat_cache *c)
{
	int learnt = c->rebuilt || stat_cache__broken(c);
	for (size_t i = 0; i < c->slot_count; i++)
		learnt |= c->slots[i].fresh != NULL;
	json_t *files = learnt ? json_object() : NULL;
	for (size_t i = 0; files && i < c->slot_count; i++) {
		const struct slot *slot = &c->slots[i];
		if (slot->name && slot->fresh)
			json_object_set(files, slot->name, slot->fresh);
		else if (slot->name && slot->hit)
			json_object_set(files, slot->name, json_object_get(c->files, slot->name));
	}
	return files;
}

void stat_cache__close(struct stat_cache *c)
{
	if (!c)
		return;
	json_t *files = c->files ? entries(c) : NULL;
	if (files) {
		json_t *root = json_pack("{sisss[I]so}", "format", STAT_CACHE_FORMAT, "key", c->key, "time",
		                         (json_int_t)c->now.tv_sec, "files", files);
		scan_cache__save(c->repo, c->path, root);
		json_decref(root);
	}
	for (size_t i = 0; c->slots && i < c->slot_count; i++) {
		free(c->slots[i].name);
		json_decref(c->slots[i].fresh);
	}
	free(c->slots);
	json_decref(c->files);
	free(c->path);
	free(c->key);
	free(c);
}
