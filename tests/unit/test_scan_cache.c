/* The scan cache: scans kept by blob ID in .git/grille/scan-cache.json, saved
 * when closed, read back when opened; a hit never reads the blob again, and a
 * cache that cannot be read whole is rebuilt, never trusted in part. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>

#include "grille/grille.h"
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
