/* The grid snapshot (lib/grid_snapshot.c): a grid read back is the grid parsed,
 * field by field; another text, a damaged file, a file cut short, a link, a
 * tube, or a snapshot saying what the parse would refuse, is never used. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/grille.h"
#include "fs.h"
#include "grid_language.h"
#include "grid_private.h"
#include "grid_snapshot.h"
#include "tap.h"

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The first difference between two grids, or NULL. */
static const char *difference(const grille_grid *a, const grille_grid *b)
{
	if (!same_str(a->id, b->id) || !same_str(a->version, b->version) || !same_str(a->language, b->language) ||
	    !same_str(a->title, b->title) || !same_str(a->subtitle, b->subtitle) ||
	    !same_str(a->introduction, b->introduction) || !same_str(a->source_name, b->source_name))
		return "the grid's own fields";
	if (a->source_len != b->source_len || memcmp(a->source, b->source, a->source_len) != 0)
		return "the source";
	if (a->step_count != b->step_count)
		return "the step count";
	for (size_t s = 0; s < a->step_count; s++) {
		const grille_step *x = &a->steps[s], *y = &b->steps[s];
		if (!same_str(x->id, y->id) || !same_str(x->title, y->title) || !same_str(x->file, y->file) ||
		    !same_str(x->intro, y->intro) || x->item_count != y->item_count || x->group_count != y->group_count)
			return "a step";
		for (size_t g = 0; g < x->group_count; g++)
			if (!same_str(x->groups[g].title, y->groups[g].title) || !same_str(x->groups[g].intro, y->groups[g].intro) ||
			    x->groups[g].first != y->groups[g].first || x->groups[g].count != y->groups[g].count)
				return "a group";
		for (size_t i = 0; i < x->item_count; i++) {
			const grille_item *p = &x->items[i], *q = &y->items[i];
			if (!same_str(p->id, q->id) || !same_str(p->title, q->title) || !same_str(p->guidance, q->guidance) ||
			    p->question_count != q->question_count || !p->when != !q->when)
				return "an item";
			if (p->when && (!same_str(p->when->question, q->when->question) || p->when->option != q->when->option ||
			                !same_str(p->when->reason, q->when->reason)))
				return "a condition";
			for (size_t n = 0; n < p->question_count; n++) {
				const grille_question *u = &p->questions[n], *v = &q->questions[n];
				if (!same_str(u->id, v->id) || !same_str(u->text, v->text) || !same_str(u->guidance, v->guidance) ||
				    u->level != v->level || u->kind != v->kind || u->line != v->line || u->pointer != v->pointer ||
				    u->option_count != v->option_count)
					return "a question";
				for (size_t o = 0; o < u->option_count; o++)
					if (!same_str(u->options[o], v->options[o]))
						return "an option";
			}
		}
	}
	return NULL;
}

static grille_grid *load(const char *path, const grille_grid *parsed)
{
	grille_grid *back = NULL;
	if (grid_snapshot__load(&back, path, parsed->source, parsed->source_len, parsed->source_name) != 0)
		ok(0, "loading a snapshot fails only when memory runs out (%s)", grille_error_last());
	return back;
}

static void read_file(const char *path, char **data, size_t *len)
{
	grille_buf buf = GRILLE_BUF_INIT;
	*data = NULL;
	*len = 0;
	if (fs__read_file(&buf, path, 0, 1 << 26) == 0) {
		*len = buf.len;
		*data = grille_buf_detach(&buf);
	}
	grille_buf_release(&buf);
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void round_trip(const char *language, const char *path)
{
	grille_grid *parsed = NULL;
	if (!ok(grille_grid_load_language(&parsed, language) == 0, "the %s grid parses", language))
		return;
	grid_snapshot__save(parsed, path);
	grille_grid *back = load(path, parsed);
	ok(back != NULL, "the %s grid's snapshot is read back", language);
	const char *diff = back ? difference(parsed, back) : "nothing read";
	ok(!diff, "read back, it is the grid parsed, field by field (%s)", diff ? diff : "no difference");
	if (back) {
		const grille_question *q = grille_grid_find_question(back, "1.1.a");
		ok(q && q == &back->steps[0].items[0].questions[0], "its index finds its own questions");
	}
	grille_grid_free(back);
	grille_grid_free(parsed);
}

/* A snapshot of a grid altered after its parse: one the parse would have refused. */
static void refused(const grille_grid *parsed, const char *path, const char *what)
{
	grid_snapshot__save(parsed, path);
	grille_grid *back = load(path, parsed);
	ok(!back, "a snapshot whose grid has %s is not used", what);
	grille_grid_free(back);
}

static void hostile(const char *path)
{
	grille_grid *parsed = NULL;
	if (!ok(grille_grid_load_default(&parsed) == 0, "the default grid parses"))
		return;
	grid_snapshot__save(parsed, path);
	char *data;
	size_t len;
	read_file(path, &data, &len);
	ok(data && len > parsed->source_len, "a snapshot holds the grid's text and more (%zu bytes)", len);

	/* Another text, even by one byte, is another grid. */
	char *other = strdup(parsed->source);
	other[parsed->source_len / 2] ^= 1;
	grille_grid *back = NULL;
	grid_snapshot__load(&back, path, other, parsed->source_len, "autre");
	ok(!back, "a text that differs by one byte does not get the snapshot");
	grille_grid_free(back);
	back = NULL;
	grid_snapshot__load(&back, path, parsed->source, parsed->source_len - 1, "autre");
	ok(!back, "nor a text one byte shorter");
	grille_grid_free(back);
	free(other);

	/* Cut short anywhere, or one bit flipped anywhere: never used, never a crash. */
	size_t cut_used = 0, flip_used = 0, step = len / 397 + 1;
	for (size_t at = 0; data && at < len; at += (at + 64 > len ? 1 : step)) {
		write_bytes(path, data, at);
		back = load(path, parsed);
		cut_used += back != NULL;
		grille_grid_free(back);
		data[at] ^= 0x10;
		write_bytes(path, data, len);
		back = load(path, parsed);
		flip_used += back != NULL;
		grille_grid_free(back);
		data[at] ^= 0x10;
	}
	ok(cut_used == 0, "a snapshot cut short is never used (%zu were)", cut_used);
	ok(flip_used == 0, "a snapshot with a bit flipped is never used (%zu were)", flip_used);
	write_bytes(path, data, len);
	back = load(path, parsed);
	ok(back != NULL, "the snapshot written back whole is used again");
	grille_grid_free(back);

	/* Not a regular file: a link is not followed, a tube not waited on. */
	char link[4200];
	snprintf(link, sizeof(link), "%s.link", path);
	ok(symlink(path, link) == 0, "a link to the snapshot is made");
	back = load(link, parsed);
	ok(!back, "a snapshot reached through a link is not used");
	grille_grid_free(back);
	unlink(link);
	unlink(path);
	ok(mkfifo(path, 0600) == 0, "a tube takes the snapshot's place");
	back = load(path, parsed);
	ok(!back, "a tube is not read as a snapshot (and does not hang)");
	grille_grid_free(back);
	grid_snapshot__save(parsed, path);
	struct stat st;
	ok(lstat(path, &st) == 0 && S_ISREG(st.st_mode), "saving puts a regular file in the tube's place");
	free(data);

	/* What the parse refuses, a snapshot may not say. */
	grille_step *steps = parsed->steps;
	const char *file = steps[1].file;
	steps[1].file = "../dehors.md";
	refused(parsed, path, "a step file outside the workspace");
	steps[1].file = steps[0].file;
	refused(parsed, path, "two steps in one file");
	steps[1].file = file;
	grille_item *item = NULL;
	for (size_t s = 0; !item && s < parsed->step_count; s++)
		for (size_t i = 0; !item && i < steps[s].item_count; i++)
			if (steps[s].items[i].when)
				item = (grille_item *)&steps[s].items[i];
	if (ok(item != NULL, "the default grid has an item with a condition")) {
		grille_condition *cond = (grille_condition *)item->when;
		size_t option = cond->option;
		cond->option = 1000;
		refused(parsed, path, "a condition on an option its question lacks");
		cond->option = option;
		const char *question = cond->question;
		cond->question = "9.9.z";
		refused(parsed, path, "a condition on a question it lacks");
		cond->question = question;
	}
	grille_item *first = (grille_item *)&steps[0].items[0];
	const char *item_id = first->id;
	first->id = "9.1";
	refused(parsed, path, "an item whose ID is not its step's");
	first->id = item_id;
	grille_question *q = (grille_question *)&steps[0].items[0].questions[1];
	const char *id = q->id;
	q->id = steps[0].items[0].questions[0].id;
	refused(parsed, path, "the same question ID twice");
	q->id = id;
	int level = q->level;
	q->level = 7;
	refused(parsed, path, "a level out of bounds");
	q->level = level;
	grid_snapshot__save(parsed, path);
	back = load(path, parsed);
	ok(back && !difference(parsed, back), "the grid as parsed is read back again");
	grille_grid_free(back);
	grille_grid_free(parsed);
}

int main(void)
{
	grille_init();
	char dir[] = "/tmp/grille-snapshot-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[4096];
	snprintf(path, sizeof(path), "%s/grid-snapshot", dir);
	round_trip("fr", path);
	round_trip("en", path);
	hostile(path);
	unlink(path);
	rmdir(dir);
	grille_shutdown();
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}
