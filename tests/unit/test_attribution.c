/* Attribution (lib/attribution.c): on random histories of edits by three
 * authors, with branches merged back as `grille sync` does, reverts and
 * commits that leave a file alone, the author of every line is what
 * git_blame_file says, whether computed afresh or replayed from the cache;
 * a cache hit diffs and blames nothing; a broken cache is rebuilt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>

#include "grille/grille.h"
#include "attribution.h"
#include "tap.h"

#define MAX_LINES 400
#define FILES 2

static const char *const paths[FILES] = { "ws/etape-1.md", "ws/etape-2.md" };
static const char *const people[] = { "Camille Martin", "Awa Diallo", "Zoé Leroy" };
static const char *const words[] = {
	"", "", "- item de la liste", "Une réponse un peu longue pour remplir la ligne.", "texte",
	"### 1.1.a Une question ?", "- item de la liste", "Encore une ligne, différente des autres.", "}", "",
};

static unsigned long long seed = 20261202;

static unsigned pick(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

struct text {
	const char *lines[MAX_LINES];
	size_t count;
	int unfinished; /* no line feed at the end */
};

static void edit(struct text *t)
{
	for (unsigned n = 1 + pick(4); n > 0; n--) {
		size_t at = t->count ? pick((unsigned)t->count + 1) : 0;
		unsigned what = pick(10);
		if (what < 5 && t->count + 8 < MAX_LINES) { /* insert a few lines */
			for (unsigned k = 1 + pick(6); k > 0; k--) {
				memmove(&t->lines[at + 1], &t->lines[at], (t->count - at) * sizeof(*t->lines));
				t->lines[at] = words[pick(sizeof(words) / sizeof(*words))];
				t->count++;
			}
		} else if (what < 8 && at < t->count) { /* delete some */
			size_t k = 1 + pick(3);
			if (k > t->count - at)
				k = t->count - at;
			memmove(&t->lines[at], &t->lines[at + k], (t->count - at - k) * sizeof(*t->lines));
			t->count -= k;
		} else if (at < t->count) { /* rewrite one */
			t->lines[at] = words[pick(sizeof(words) / sizeof(*words))];
		}
	}
	if (pick(8) == 0)
		t->unfinished = !t->unfinished;
}

static void blob_of(git_oid *out, git_repository *repo, const struct text *t)
{
	char *data = malloc(MAX_LINES * 64 + 1);
	size_t len = 0;
	for (size_t i = 0; i < t->count; i++) {
		len += (size_t)sprintf(data + len, "%s", t->lines[i]);
		if (i + 1 < t->count || !t->unfinished)
			data[len++] = '\n';
	}
	if (git_blob_create_from_buffer(out, repo, data, len) < 0)
		printf("# blob: %s\n", git_error_last()->message);
	free(data);
}

static int commit(git_oid *out, git_repository *repo, struct text *files, const char *who,
                  const git_oid *parent, const git_oid *other)
{
	static int clock = 1700000000;
	git_treebuilder *sub = NULL, *top = NULL;
	git_oid id, sub_id, tree_id;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	git_commit *parents[2] = { NULL, NULL };
	char email[64];
	snprintf(email, sizeof(email), "%c@example.org", who[0]);
	int error = git_treebuilder_new(&sub, repo, NULL) < 0 || git_treebuilder_new(&top, repo, NULL) < 0;
	for (int f = 0; !error && f < FILES; f++) {
		if (!files[f].count && f == 1)
			continue; /* the second file appears later */
		blob_of(&id, repo, &files[f]);
		error = git_treebuilder_insert(NULL, sub, paths[f] + 3, &id, GIT_FILEMODE_BLOB) < 0;
	}
	error = error || git_treebuilder_write(&sub_id, sub) < 0 ||
	        git_treebuilder_insert(NULL, top, "ws", &sub_id, GIT_FILEMODE_TREE) < 0 ||
	        git_treebuilder_write(&tree_id, top) < 0 || git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	        git_signature_new(&sig, who, email, clock += 60, 60) < 0 ||
	        (parent && git_commit_lookup(&parents[0], repo, parent) < 0) ||
	        (other && git_commit_lookup(&parents[1], repo, other) < 0) ||
	        git_commit_create(out, repo, NULL, sig, sig, NULL, "jalon", tree, parent ? (other ? 2 : 1) : 0,
	                          (const git_commit **)parents) < 0;
	git_commit_free(parents[0]);
	git_commit_free(parents[1]);
	git_signature_free(sig);
	git_tree_free(tree);
	git_treebuilder_free(sub);
	git_treebuilder_free(top);
	return error ? -1 : 0;
}

/* Lines whose author differs from git_blame_file's at `head`, over the files;
 * -1 when something fails. `counts` gets what the attribution did. */
static int mismatches(git_repository *repo, const git_oid *head_id, struct attribution_counts *counts, int *rebuilt)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	struct attribution *a = NULL;
	int wrong = 0;
	if (git_commit_lookup(&head, repo, head_id) < 0 || git_commit_tree(&tree, head) < 0 ||
	    attribution__open(&a, repo, head, paths, FILES, NULL, 0) < 0)
		wrong = -1;
	for (size_t f = 0; wrong >= 0 && f < FILES; f++) {
		git_tree_entry *entry = NULL;
		git_blob *blob = NULL;
		git_blame *blame = NULL;
		git_blame_options opts;
		git_blame_options_init(&opts, GIT_BLAME_OPTIONS_VERSION);
		git_oid_cpy(&opts.newest_commit, head_id);
		const uint32_t *person = NULL;
		size_t count = 0;
		if (git_tree_entry_bypath(&entry, tree, paths[f]) < 0) {
			git_error_clear();
			continue;
		}
		if (git_blob_lookup(&blob, repo, git_tree_entry_id(entry)) < 0 ||
		    git_blame_file(&blame, repo, paths[f], &opts) < 0 || attribution__lines(&person, &count, a, f, blob) < 0) {
			printf("# %s: %s\n", paths[f], grille_error_last());
			wrong = -1;
		}
		for (size_t line = 1; wrong >= 0 && line <= count; line++) {
			const git_blame_hunk *hunk = git_blame_get_hunk_byline(blame, line);
			const char *name = NULL, *email = NULL;
			attribution__person(a, person[line - 1], &name, &email);
			if (!hunk || !name || strcmp(hunk->final_signature->name, name) != 0) {
				if (wrong++ < 3)
					printf("# %s line %zu: blame says %s, attribution %s\n", paths[f], line,
					       hunk ? hunk->final_signature->name : "nothing", name ? name : "nobody");
			}
		}
		git_blame_free(blame);
		git_blob_free(blob);
		git_tree_entry_free(entry);
	}
	if (a) {
		*counts = *attribution__counts(a);
		*rebuilt = attribution__was_rebuilt(a);
	}
	attribution__close(a);
	git_tree_free(tree);
	git_commit_free(head);
	return wrong;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

int main(void)
{
	grille_init();
	if (getenv("ATTRIBUTION_SEED")) /* to try other histories by hand */
		seed = strtoull(getenv("ATTRIBUTION_SEED"), NULL, 10);
	char dir[] = "/tmp/grille-attribution.XXXXXX";
	git_repository *repo = NULL;
	if (!mkdtemp(dir) || git_repository_init(&repo, dir, 0) < 0) {
		printf("Bail out! no repository to test in\n");
		return 1;
	}
	char cache[4200];
	snprintf(cache, sizeof(cache), "%sgrille/blame-cache.json", git_repository_path(repo));
	struct attribution_counts counts;
	int rebuilt = 0;

	/* One commit: every line its author's, no diff, no blame. */
	struct text files[FILES] = { 0 };
	for (int i = 0; i < 30; i++)
		files[0].lines[files[0].count++] = words[pick(sizeof(words) / sizeof(*words))];
	git_oid head, side;
	ok(commit(&head, repo, files, people[0], NULL, NULL) == 0, "a first commit");
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0, "one commit: as blame says");
	ok(counts.blames == 0 && counts.diffs == 0, "a file made in one commit needs no diff and no blame");

	/* A random history, attributed after each commit from the cache the one before left. */
	int wrong = 0, merges = 0, replayed = 0, blamed = 0;
	for (int step = 0; step < 60; step++) {
		unsigned what = pick(12);
		const char *who = people[pick(3)];
		if (what == 0 && step > 5) { /* a branch made meanwhile, merged back as sync does */
			struct text theirs[FILES];
			memcpy(theirs, files, sizeof(files));
			git_oid base = head;
			side = head;
			for (unsigned k = 1 + pick(3); k > 0; k--) {
				edit(&theirs[pick(FILES)]);
				commit(&side, repo, theirs, people[pick(3)], &side, NULL);
			}
			for (unsigned k = pick(3); k > 0; k--) {
				edit(&files[pick(FILES)]);
				commit(&head, repo, files, people[pick(3)], &head, NULL);
			}
			/* The merge keeps one side's text, or ours edited again. */
			for (int f = 0; f < FILES; f++)
				if (pick(2))
					files[f] = theirs[f];
			if (pick(2))
				edit(&files[0]);
			commit(&head, repo, files, who, &head, &side);
			(void)base;
			merges++;
		} else if (what == 1 && step > 2) { /* the other file only */
			edit(&files[1]);
			commit(&head, repo, files, who, &head, NULL);
		} else if (what == 2) { /* a revert: the text of a few commits ago again */
			struct text before = files[0];
			edit(&files[0]);
			commit(&head, repo, files, who, &head, NULL);
			files[0] = before;
			commit(&head, repo, files, people[pick(3)], &head, NULL);
		} else {
			edit(&files[pick(FILES)]);
			commit(&head, repo, files, who, &head, NULL);
		}
		int w = mismatches(repo, &head, &counts, &rebuilt);
		wrong += w ? 1 : 0;
		replayed += (int)counts.diffs;
		blamed += (int)counts.blames;
	}
	ok(wrong == 0, "60 random steps (%d merges), each attributed from the last: as blame says", merges);
	ok(replayed > 40, "most changes were replayed (%d diffs, %d blames)", replayed, blamed);

	/* From scratch, the whole history at once. */
	unlink(cache);
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0, "without a cache, the whole history: as blame says");
	ok(rebuilt == 0, "a missing cache is not a rebuilt one");

	/* A hit: nothing diffed, nothing blamed. */
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0 && counts.cached == FILES && counts.diffs == 0 &&
	   counts.blames == 0, "at the same commit, every file from the cache: no diff, no blame");
	edit(&files[0]);
	commit(&head, repo, files, people[1], &head, NULL);
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0 && counts.diffs == 1 && counts.blames == 0,
	   "one file changed by one commit: one diff (%zu), no blame (%zu)", counts.diffs, counts.blames);

	/* A broken cache is rebuilt, and nothing of it trusted. */
	write_file(cache, "{\"format\": 1, \"edge\": \"\", \"tips\": [");
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0 && rebuilt == 1, "a cut cache: rebuilt, as blame says");
	FILE *f = fopen(cache, "r");
	char text[65536 + 8] = "";
	size_t len = f ? fread(text, 1, sizeof(text) - 9, f) : 0;
	if (f)
		fclose(f);
	text[len] = '\0';
	char *runs = strstr(text, "\"runs\":[");
	if (runs) { /* a run's length that no longer fits */
		runs = strchr(runs, '[') + 1;
		memmove(runs + 5, runs, strlen(runs) + 1);
		memcpy(runs, "99999", 5);
	}
	write_file(cache, text);
	ok(runs && mismatches(repo, &head, &counts, &rebuilt) == 0 && rebuilt == 1,
	   "runs that do not fit their file: rebuilt, as blame says");
	ok(mismatches(repo, &head, &counts, &rebuilt) == 0 && rebuilt == 0 && counts.cached == FILES,
	   "the rebuilt cache was saved whole");

	git_repository_free(repo);
	char command[128];
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	if (system(command) != 0)
		printf("# could not remove %s\n", dir);
	grille_shutdown();
	return tap_done();
}
