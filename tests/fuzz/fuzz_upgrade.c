/* libFuzzer target: the grid upgrade's plan (lib/upgrade_plan.c). Each input
 * is the first step file of a workspace of the default grid 1.0, upgraded to
 * the shipped grid; the other files are missing. Every line outside the
 * plan's listed changes must be as it was, byte for byte, and a second plan
 * on what the first wrote must change nothing. Either fault abort()s. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grid_history.h"
#include "upgrade_plan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static grille_grid *old_grid, *new_grid;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (grille_init() < 0 || grid_history__load(&old_grid, "fr", "1.0") < 0 || grille_grid_load_default(&new_grid) < 0) {
		fprintf(stderr, "fuzz_upgrade: %s\n", grille_error_last());
		abort();
	}
	return 0;
}

/* The lines of `text` (`len` bytes) outside the changes' ranges (new ones, or `old` ones). */
static void outside(grille_buf *out, const char *text, size_t len, const grille_upgrade_file *f, int old)
{
	size_t line = 1;
	for (size_t i = 0; i < len; line++) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
		int changed = 0;
		for (size_t c = 0; c < f->change_count; c++) {
			const grille_upgrade_change *ch = &f->changes[c];
			size_t first = old ? ch->old_first : ch->first, last = old ? ch->old_last : ch->last;
			changed |= first && line >= first && line <= last;
		}
		if (!changed)
			grille_buf_put(out, text + i, n);
		i += n;
	}
}

static int plan(struct upgrade_output *out, const char *data, size_t len, const grille_grid *from)
{
	size_t count = grille_grid_step_count(new_grid);
	struct upgrade_input *in = calloc(count, sizeof(*in));
	if (!in)
		abort();
	for (size_t s = 0; s < count; s++)
		in[s].name = grille_grid_step(new_grid, s)->file;
	in[0].data = data;
	in[0].len = len;
	int error = upgrade__plan(out, in, from, new_grid, 2);
	free(in);
	return error;
}

static void release(struct upgrade_output *out)
{
	for (size_t s = 0; s < grille_grid_step_count(new_grid); s++)
		upgrade__output_release(&out[s]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct upgrade_output out[16], again[16];
	if (grille_grid_step_count(new_grid) > 16 || plan(out, (const char *)data, size, old_grid) < 0)
		return 0;
	if (out[0].changed) {
		grille_buf a = GRILLE_BUF_INIT, b = GRILLE_BUF_INIT;
		outside(&a, (const char *)data, size, &out[0].summary, 1);
		outside(&b, out[0].text.ptr ? out[0].text.ptr : "", out[0].text.len, &out[0].summary, 0);
		if (a.len != b.len || (a.len && memcmp(a.ptr, b.ptr, a.len) != 0)) {
			fprintf(stderr, "fuzz_upgrade: a line outside the changes changed\n");
			if (getenv("FUZZ_UPGRADE_DUMP")) {
				FILE *d = fopen(getenv("FUZZ_UPGRADE_DUMP"), "w");
				fwrite(out[0].text.ptr, 1, out[0].text.len, d);
				for (size_t c = 0; c < out[0].summary.change_count; c++)
					fprintf(d, "\n@@ %s %d new %zu-%zu old %zu-%zu", out[0].summary.changes[c].id,
					        (int)out[0].summary.changes[c].kind, out[0].summary.changes[c].first,
					        out[0].summary.changes[c].last, out[0].summary.changes[c].old_first,
					        out[0].summary.changes[c].old_last);
				fclose(d);
			}
			abort();
		}
		grille_buf_release(&a);
		grille_buf_release(&b);
		if (plan(again, out[0].text.ptr ? out[0].text.ptr : "", out[0].text.len, old_grid) == 0) {
			if (again[0].changed) {
				fprintf(stderr, "fuzz_upgrade: a second plan changes the file again\n");
				for (size_t c = 0; c < again[0].summary.change_count; c++)
					fprintf(stderr, "  %s %d new %zu-%zu\n", again[0].summary.changes[c].id,
					        (int)again[0].summary.changes[c].kind, again[0].summary.changes[c].first,
					        again[0].summary.changes[c].last);
				if (getenv("FUZZ_UPGRADE_DUMP")) {
					FILE *d = fopen(getenv("FUZZ_UPGRADE_DUMP"), "w");
					fwrite(out[0].text.ptr, 1, out[0].text.len, d);
					fclose(d);
				}
				abort();
			}
			release(again);
		}
	}
	release(out);
	return 0;
}
