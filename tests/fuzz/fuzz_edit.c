/* libFuzzer target: the edit splice. A workspace is made once (the library's
 * own init, in a temporary folder); each input becomes its first step file,
 * then three of skip / defer / reopen / deepen / answer run on a few IDs (which three,
 * and in what order, follows from the input), then a reopen of each mark made.
 * After each edit, every line the group wrote must still be there, in order (as
 * tests/fuzz/edit-fuzz.py checks): edits only add or take away marks and blank
 * lines, or add an answer's lines. An edit that fails must leave the file as it was. Either fault
 * abort()s, so libFuzzer reports it. */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64];
static char *workdir, *step_path;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void cleanup(void)
{
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void die(const char *what)
{
	fprintf(stderr, "fuzz_edit: %s: %s\n", what, grille_error_last());
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* On a tmpfs when there is one: every edit syncs the file it writes. */
	snprintf(root, sizeof(root), "%s/grille-fuzz-edit.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (!mkdtemp(root) && (snprintf(root, sizeof(root), "/tmp/grille-fuzz-edit.XXXXXX"), !mkdtemp(root))) {
		perror("fuzz_edit: mkdtemp");
		abort();
	}
	atexit(cleanup);
	if (grille_init() < 0)
		die("grille_init");
	size_t len = strlen(root) + sizeof("/ws");
	workdir = malloc(len);
	snprintf(workdir, len, "%s/ws", root);
	grille_init_options opts = GRILLE_INIT_OPTIONS_INIT;
	opts.dir = workdir;
	opts.author = "Fuzz <fuzz@example.org>";
	grille_init_result result;
	if (grille_workspace_init(&result, &opts) < 0)
		die("grille_workspace_init");
	grille_grid *grid;
	if (grille_grid_load_default(&grid) < 0)
		die("grille_grid_load_default");
	const char *file = grille_grid_step(grid, 0)->file;
	len = strlen(result.workdir) + 1 + strlen(file) + 1;
	step_path = malloc(len);
	snprintf(step_path, len, "%s/%s", result.workdir, file);
	grille_grid_free(grid);
	grille_init_result_release(&result);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		abort();
	}
	size_t cap = 4096, n = 0;
	char *data = malloc(cap);
	for (size_t got; data && (got = fread(data + n, 1, cap - n, f)) > 0;) {
		n += got;
		if (n == cap)
			data = realloc(data, cap *= 2);
	}
	fclose(f);
	if (!data)
		abort();
	*len = n;
	return data;
}

static void spill(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* One line of a file: [start, end), a final "\r" left out. */
struct line {
	const char *start, *end;
};

static int next_line(const char **p, const char *limit, struct line *out)
{
	if (*p >= limit)
		return 0;
	const char *nl = memchr(*p, '\n', (size_t)(limit - *p));
	out->start = *p;
	out->end = nl ? nl : limit;
	*p = nl ? nl + 1 : limit;
	if (out->end > out->start && out->end[-1] == '\r')
		out->end--;
	return 1;
}

static int blank(const struct line *l)
{
	for (const char *c = l->start; c < l->end; c++)
		if (!strchr(" \t\r\v\f", *c))
			return 0;
	return 1;
}

static int starts_with(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(l->end - l->start) >= n && memcmp(l->start, prefix, n) == 0;
}

/* As edit-fuzz.py's lost_lines(): blank lines and lines starting like a mark
 * are the edits' own; every other line of `before` is found in `after`, in order. */
static const char *const marks[] = { "**Mis de côté**", "**À explorer plus tard**",
                                     "> **Mis de côté**", "> **À explorer plus tard**" };

static void check_kept(const char *before, size_t before_len, const char *after, size_t after_len,
                       const char *op, const char *id)
{
	const char *b = before, *a = after;
	struct line want, got;
	while (next_line(&b, before + before_len, &want)) {
		int own = blank(&want);
		for (size_t m = 0; !own && m < sizeof(marks) / sizeof(*marks); m++)
			own = starts_with(&want, marks[m]);
		if (own)
			continue;
		int found = 0;
		while (!found && next_line(&a, after + after_len, &got))
			found = got.end - got.start == want.end - want.start &&
			        memcmp(got.start, want.start, (size_t)(want.end - want.start)) == 0;
		if (!found) {
			fprintf(stderr, "fuzz_edit: grille %s %s lost the line \"%.*s\"\n", op, id,
			        (int)(want.end - want.start), want.start);
			abort();
		}
	}
}

enum op { SKIP, DEFER, REOPEN, DEEPEN, ANSWER };
static const struct {
	enum op op;
	const char *name, *id, *until, *reason;
	int level;
} edits[] = {
	{ SKIP, "skip", "1.1.a", NULL, NULL, 0 },
	{ DEFER, "defer", "1.1", "2030-01-01", NULL, 0 },
	{ REOPEN, "reopen", "1.1", NULL, NULL, 0 },
	{ REOPEN, "reopen", "1.1.a", NULL, NULL, 0 },
	{ DEEPEN, "deepen", "1.1", NULL, NULL, 0 },
	{ SKIP, "skip", "1.1", NULL, "r *gras* [x]", 0 },
	{ DEFER, "defer", "1.2.b", NULL, "plus tard", 0 },
	{ REOPEN, "reopen", "1.2.b", NULL, NULL, 0 },
	{ DEEPEN, "deepen", "1", NULL, NULL, 3 },
	{ SKIP, "skip", "1.2", NULL, NULL, 0 },
	/* answer: the text in `reason`; the second leaves a fence open: always refused */
	{ ANSWER, "answer", "1.1.a", NULL, "Réponse du fuzz.\n\n- un\n", 0 },
	{ ANSWER, "answer", "1.2.b", NULL, "```\ncode", 0 },
};
#define EDIT_COUNT (sizeof(edits) / sizeof(*edits))

/* Run edit `pick` (or, with `reopen_id`, a reopen of that ID) and check it. */
static int run_edit(grille_workspace *ws, size_t pick, const char *reopen_id)
{
	const char *name = reopen_id ? "reopen" : edits[pick].name, *id = reopen_id ? reopen_id : edits[pick].id;
	enum op op = reopen_id ? REOPEN : edits[pick].op;
	size_t before_len, after_len;
	char *before = slurp(step_path, &before_len);
	grille_edit_result result = { 0 };
	int error;
	switch (op) {
	case SKIP:
		error = grille_workspace_mark(&result, ws, id, GRILLE_MARK_SKIP, NULL, edits[pick].reason);
		break;
	case DEFER:
		error = grille_workspace_mark(&result, ws, id, GRILLE_MARK_DEFER, edits[pick].until, edits[pick].reason);
		break;
	case REOPEN:
		error = grille_workspace_reopen(&result, ws, id);
		break;
	case ANSWER:
		error = grille_workspace_append_answer(&result, ws, id, edits[pick].reason, strlen(edits[pick].reason));
		break;
	default:
		error = grille_workspace_deepen(&result, ws, id, edits[pick].level);
		break;
	}
	if (error == 0)
		grille_edit_result_release(&result);
	else if (!grille_error_last()[0]) {
		fprintf(stderr, "fuzz_edit: grille %s %s failed without a message\n", name, id);
		abort();
	}
	char *after = slurp(step_path, &after_len);
	if (error && (after_len != before_len || memcmp(before, after, before_len) != 0)) {
		fprintf(stderr, "fuzz_edit: grille %s %s failed (%s) but changed the file\n", name, id, grille_error_last());
		abort();
	}
	check_kept(before, before_len, after, after_len, name, id);
	free(before);
	free(after);
	return error;
}

static int edit(grille_workspace *ws, size_t pick)
{
	return run_edit(ws, pick, NULL);
}

static void reopen(grille_workspace *ws, const char *id)
{
	run_edit(ws, 0, id);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	spill(step_path, data, size);
	grille_workspace *ws;
	if (grille_workspace_open(&ws, workdir) < 0)
		die("grille_workspace_open");
	/* Which edits, from the input itself, so that a finding replays; then every
	 * mark made is taken off again (a mark put in the wrong place shows there). */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	size_t marked[3], marked_count = 0;
	for (int n = 0; n < 3; n++, h = h * 1103515245u + 12345u) {
		size_t pick = (h >> 8) % EDIT_COUNT;
		if (edit(ws, pick) == 0 && (edits[pick].op == SKIP || edits[pick].op == DEFER))
			marked[marked_count++] = pick;
	}
	while (marked_count)
		reopen(ws, edits[marked[--marked_count]].id);
	grille_workspace_free(ws);
	return 0;
}
