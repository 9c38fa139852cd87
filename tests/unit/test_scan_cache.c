/* The scan cache: scans kept by blob ID in .git/grille/scan-cache.json, saved
 * when closed, read back when opened; a hit never reads the blob again, and a
 * cache that cannot be read whole is rebuilt, never trusted in part. And the
 * full copies the stat cache keeps (lib/stat_cache.c, lib/scan_binary.c), on hostile bytes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>

#include "grille/grille.h"
#include "binio.h"
#include "scan_binary.h"
#include "scan_cache.h"
#include "tap.h"

static const char step_text[] = "## 1.1 Un item\n\n### 1.1.a Une question ?\n\nUne réponse.\n";
static const char other_text[] = "## 1.1 Un item\n\n### 1.1.a Une question ?\n\n### 1.1.b Une autre ?\n";

static char *cache_path(git_repository *repo)
{
	static char path[4096];
	snprintf(path, sizeof(path), "%sgrille/scan-cache.json", git_repository_path(repo));
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Scan `id` through a cache opened afresh; the number of questions found, or -1. */
static int scan_once(git_repository *repo, const grille_grid *grid, const git_oid *id, int *rebuilt)
{
	struct scan_cache *cache = NULL;
	struct scan scan = { 0 };
	int found = -1;
	if (scan_cache__open(&cache, repo, grid) == 0 && scan_cache__scan(cache, id, "etape.md", &scan) == 0)
		found = (int)scan.question_count;
	if (rebuilt)
		*rebuilt = cache ? scan_cache__was_rebuilt(cache) : -1;
	scan__release(&scan);
	scan_cache__close(cache);
	return found;
}

/* Delete a blob from the object database: only the cache can answer for it now. */
static void drop_blob(git_repository *repo, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1], path[4096];
	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%sobjects/%.2s/%s", git_repository_path(repo), hex, hex + 2);
	ok(unlink(path) == 0, "the blob's object is removed (%s)", hex);
}

/* Replace what the cache holds for `id` with something that is not a scan. */
static void spoil_entry(git_repository *repo, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	json_t *root = json_load_file(cache_path(repo), 0, NULL);
	json_t *blobs = root ? json_object_get(root, "blobs") : NULL;
	ok(blobs && json_object_get(blobs, hex), "the cache holds the blob's scan");
	json_object_set_new(blobs, hex, json_string("pas un scan"));
	json_dump_file(root, cache_path(repo), 0);
	json_decref(root);
}


/* A step file with what a full copy keeps: marks, several sections, bytes. */
static const char full_text[] =
	"# Étape 1\n\n## 1.1 Un item\n\n### 1.1.a Une question ?\n\nUne réponse,\nsur deux lignes.\n\n"
	"### 1.1.b Une autre ?\n\n## 1.2 Un autre item\n\n### 1.2.a Encore une ?\n\n> Passée : hors sujet\n";

static int same_mark(const struct scan_mark *a, const struct scan_mark *b)
{
	return a->kind == b->kind && a->line == b->line && a->end_line == b->end_line && a->start == b->start &&
	       a->end == b->end && !a->until == !b->until && !a->reason == !b->reason;
}

/* Every field a status reads of a full copy. */
static int same_scan(const struct scan *a, const struct scan *b)
{
	if (a->item_count != b->item_count || a->question_count != b->question_count ||
	    a->conflict_count != b->conflict_count)
		return 0;
	for (size_t i = 0; i < a->item_count; i++) {
		const struct scan_item *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->id, y->id) || strcmp(x->title, y->title) || x->line != y->line || x->end_line != y->end_line ||
		    x->heading_end != y->heading_end || x->start != y->start || x->heading_to != y->heading_to ||
		    x->end != y->end || !same_mark(&x->mark, &y->mark))
			return 0;
	}
	for (size_t i = 0; i < a->question_count; i++) {
		const struct scan_question *x = &a->questions[i], *y = &b->questions[i];
		if (strcmp(x->id, y->id) || strcmp(x->text, y->text) || x->line != y->line || x->end_line != y->end_line ||
		    x->heading_end != y->heading_end || x->start != y->start || x->heading_to != y->heading_to ||
		    x->end != y->end || x->answered != y->answered || x->conflict != y->conflict ||
		    x->retired != y->retired || x->body_hash != y->body_hash || x->checked != y->checked ||
		    !same_mark(&x->mark, &y->mark) || x->position_count != y->position_count ||
		    x->synthesis.start != y->synthesis.start || x->synthesis.body.end != y->synthesis.body.end)
			return 0;
	}
	return 1;
}

/* Read back a full copy from its bytes; 0 when accepted. */
static int read_back(const char *bytes, size_t len, size_t size, struct scan *out)
{
	struct bin_reader r = bin__reader(bytes, len);
	return scan_binary__get(&r, out, size) == 0 && r.at == r.end ? 0 : -1;
}

/* Whether every byte offset of `s` lies within `size`. */
static int within(const struct scan *s, size_t size)
{
	for (size_t i = 0; i < s->item_count; i++)
		if (s->items[i].end > size || s->items[i].mark.end > size)
			return 0;
	for (size_t i = 0; i < s->question_count; i++)
		if (s->questions[i].end > size || s->questions[i].mark.end > size || s->questions[i].synthesis.body.end > size)
			return 0;
	return 1;
}

/* The full copy the stat cache keeps (lib/scan_binary.c), on hostile bytes:
 * whatever they are, it is read back exactly, or refused; never an offset
 * beyond its file. */
static void full_copies(const grille_grid *grid, const char *dir)
{
	struct scan scan = { 0 }, back = { 0 };
	size_t size = strlen(full_text);
	ok(scan__text(&scan, full_text, size, "etape.md", grid) == 0 && scan.question_count == 3, "a file to copy");
	grille_buf copy = GRILLE_BUF_INIT;
	scan_binary__put(&copy, &scan);
	const char *bytes = copy.ptr;
	size_t len = copy.len;
	ok(bytes && read_back(bytes, len, size, &back) == 0 && same_scan(&scan, &back),
	   "a full copy reads back every field, its bytes too");
	scan__release(&back);
	ok(bytes && read_back(bytes, len, size - 1, &back) != 0, "a copy whose bytes pass the end of its file is refused");
	scan__release(&back);

	int cut_refused = 1;
	for (size_t n = 0; n < len; n++) {
		cut_refused &= read_back(bytes, n, size, &back) != 0;
		scan__release(&back);
	}
	ok(cut_refused, "every copy cut short is refused (%zu lengths)", len);

	/* Random bytes changed: read back or refused, within the file either way. */
	srand(14);
	int held = 1, accepted = 0;
	for (int round = 0; bytes && round < 3000; round++) {
		char *spoilt = malloc(len);
		if (!spoilt)
			break;
		memcpy(spoilt, bytes, len);
		for (int k = 0; k < 1 + round % 3; k++)
			spoilt[(size_t)rand() % len] = (char)(round % 2 ? rand() % 256 : "\0\1\2\377"[rand() % 4]);
		if (read_back(spoilt, len, size, &back) == 0) {
			accepted++;
			held &= within(&back, size);
		}
		scan__release(&back);
		free(spoilt);
	}
	ok(held, "3000 spoilt copies: each refused, or read within its file (%d read)", accepted);
	grille_buf_release(&copy);
	scan__release(&scan);

	/* A cache file cut short is not JSON: the reader gives nothing, never a part. */
	char path[4096];
	snprintf(path, sizeof(path), "%s/cut.json", dir);
	const char whole[] = "{\"format\":1,\"key\":\"k\",\"files\":{\"a.md\":{\"stat\":[1,2,3,4,5,6,7]}}}";
	int none = 1;
	for (size_t n = 0; n < sizeof(whole) - 1; n++) {
		char *cut = strndup(whole, n);
		write_file(path, cut ? cut : "");
		json_t *root = scan_cache__load(path);
		none &= root == NULL;
		json_decref(root);
		free(cut);
	}
	ok(none, "a cache file cut short at any byte is not read");
	write_file(path, whole);
	json_t *root = scan_cache__load(path);
	ok(json_is_object(root), "and whole, it is");
	json_decref(root);
	write_file(path, "[1, 2]");
	root = scan_cache__load(path);
	ok(root == NULL, "a cache that is JSON but not an object is not read");
	json_decref(root);
}

int main(void)
{
	grille_init();
	char dir[] = "/tmp/grille-scan-cache.XXXXXX";
	git_repository *repo = NULL;
	grille_grid *grid = NULL;
	git_oid id, other;
	if (!mkdtemp(dir) || git_repository_init(&repo, dir, 0) < 0 || grille_grid_load_default(&grid) < 0 ||
	    git_blob_create_from_buffer(&id, repo, step_text, strlen(step_text)) < 0 ||
	    git_blob_create_from_buffer(&other, repo, other_text, strlen(other_text)) < 0) {
		printf("Bail out! no repository to test in\n");
		return 1;
	}

	int rebuilt = -1;
	ok(access(cache_path(repo), F_OK) != 0, "no cache to begin with");
	ok(scan_once(repo, grid, &id, &rebuilt) == 1, "a miss scans the blob: one question");
	ok(rebuilt == 0, "a missing cache is not a rebuilt one");
	ok(access(cache_path(repo), F_OK) == 0, "closing saves what the cache learnt");

	drop_blob(repo, &id);
	ok(scan_once(repo, grid, &id, &rebuilt) == 1, "a hit answers without the blob: no rescan");
	ok(rebuilt == 0, "the saved cache is read back whole");

	write_file(cache_path(repo), "{\"format\": 2, \"blobs\": {");
	ok(scan_once(repo, grid, &other, &rebuilt) == 2, "a corrupt cache: the blob is scanned again");
	ok(rebuilt == 1, "a corrupt cache is rebuilt");
	ok(scan_once(repo, grid, &id, NULL) == -1, "nothing of the corrupt cache was trusted");
	grille_error_clear();
	ok(scan_once(repo, grid, &other, &rebuilt) == 2 && rebuilt == 0, "the rebuilt cache was saved, whole");

	spoil_entry(repo, &other);
	ok(scan_once(repo, grid, &other, &rebuilt) == 2, "a spoilt entry: the blob is scanned again");
	ok(rebuilt == 1, "a spoilt entry throws the whole cache away");

	full_copies(grid, dir);

	git_repository_free(repo);
	grille_grid_free(grid);
	char command[128];
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	if (system(command) != 0)
		printf("# could not remove %s\n", dir);
	grille_shutdown();
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
