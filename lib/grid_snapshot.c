#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grille/error.h"
#include "binio.h"
#include "errors.h"
#include "fs.h"
#include "grid_kind.h"
#include "grid_private.h"
#include "grid_snapshot.h"
#include "hash.h"

/*
 * A grid's YAML takes long to parse when it is large (about 9 MB/s through
 * libyaml's document loader: a third of a second for a generated grid of
 * ten thousand questions, on every command). The snapshot keeps what the
 * parse made, in a form read back in one pass: little-endian numbers,
 * strings as their length then their bytes. It holds the YAML's text too,
 * and answers only when that text is byte for byte the one being loaded:
 * no hash to trust, no date to doubt. It is grille's own file, but read as
 * any input is: every length and count checked against what remains, a
 * checksum over the whole, and the checks of the parse that other code
 * relies on (step files, conditions, IDs) made again.
 */

#define SNAPSHOT_MAGIC "grille grid snapshot\n"
/* 1: as described in grid_snapshot__save(). */
#define SNAPSHOT_FORMAT 1

static void put_question(grille_buf *w, const grille_question *q)
{
	bin__put_str(w, q->id);
	bin__put_str(w, q->text);
	bin__put_str(w, q->guidance);
	bin__put_u32(w, (uint32_t)q->level);
	bin__put_u32(w, (uint32_t)q->kind);
	bin__put_u64(w, q->line);
	bin__put_u32(w, (uint32_t)q->option_count);
	for (size_t o = 0; o < q->option_count; o++)
		bin__put_str(w, q->options[o]);
}

static void put_item(grille_buf *w, const grille_item *item)
{
	bin__put_str(w, item->id);
	bin__put_str(w, item->title);
	bin__put_str(w, item->guidance);
	bin__put_u32(w, item->when != NULL);
	if (item->when) {
		bin__put_str(w, item->when->question);
		bin__put_u32(w, (uint32_t)item->when->option);
		bin__put_str(w, item->when->reason);
	}
	bin__put_u32(w, (uint32_t)item->question_count);
	for (size_t q = 0; q < item->question_count; q++)
		put_question(w, &item->questions[q]);
}

static void put_step(grille_buf *w, const grille_step *step)
{
	bin__put_str(w, step->id);
	bin__put_str(w, step->title);
	bin__put_str(w, step->file);
	bin__put_str(w, step->intro);
	bin__put_u32(w, (uint32_t)step->item_count);
	for (size_t i = 0; i < step->item_count; i++)
		put_item(w, &step->items[i]);
	bin__put_u32(w, (uint32_t)step->group_count);
	for (size_t g = 0; g < step->group_count; g++) {
		bin__put_str(w, step->groups[g].title);
		bin__put_str(w, step->groups[g].intro);
		bin__put_u32(w, (uint32_t)step->groups[g].first);
		bin__put_u32(w, (uint32_t)step->groups[g].count);
	}
}

void grid_snapshot__save(const grille_grid *grid, const char *path)
{
	/* The magic, the format, grille's version (a newer grille may read a grid differently),
	 * the YAML's length and text, the grid, then a checksum of all that came before but the text. */
	grille_buf w = GRILLE_BUF_INIT;
	grille_buf_puts(&w, SNAPSHOT_MAGIC);
	bin__put_u32(&w, SNAPSHOT_FORMAT);
	bin__put_str(&w, GRILLE_VERSION);
	bin__put_u64(&w, grid->source_len);
	size_t text_at = w.len;
	grille_buf_put(&w, grid->source, grid->source_len);
	bin__put_str(&w, grid->id);
	bin__put_str(&w, grid->version);
	bin__put_str(&w, grid->language);
	bin__put_str(&w, grid->title);
	bin__put_str(&w, grid->subtitle);
	bin__put_str(&w, grid->introduction);
	bin__put_u32(&w, (uint32_t)grid->step_count);
	for (size_t s = 0; s < grid->step_count; s++)
		put_step(&w, &grid->steps[s]);
	if (!grille_buf_oom(&w)) { /* the text is compared whole when read: not summed again */
		size_t after = text_at + grid->source_len;
		bin__put_u64(&w, hash__words(w.ptr, text_at) ^ hash__words(w.ptr + after, w.len - after));
	}
	if (!grille_buf_oom(&w))
		bin__write_own_file(path, w.ptr, w.len);
	grille_buf_release(&w);
}

static void get_question(struct bin_reader *r, grille_question *q, const char *item_id, const char *language)
{
	q->id = bin__get_str(r, 1);
	if (q->id && grid__id_problem(q->id, item_id) != GRID_ID_OK)
		r->bad = 1;
	q->text = bin__get_str(r, 1);
	q->guidance = bin__get_str(r, 0);
	uint32_t level = bin__get_u32(r), kind = bin__get_u32(r);
	q->line = (size_t)bin__get_u64(r);
	if (level < GRILLE_LEVEL_MIN || level > GRILLE_LEVEL_MAX || kind >= GRILLE_QUESTION_KIND_COUNT)
		r->bad = 1;
	q->level = (int)level;
	q->kind = (grille_question_kind)(kind < GRILLE_QUESTION_KIND_COUNT ? kind : 0);
	q->pointer = grid__pointer(language, q->kind);
	size_t count = bin__get_count(r, 4);
	if ((count > 0) != (q->kind == GRILLE_QUESTION_CHOICE))
		r->bad = 1;
	char **options = bin__ok(r) && count ? calloc(count, sizeof(*options)) : NULL;
	if (bin__ok(r) && count && !options)
		r->oom = 1;
	q->options = (const char *const *)options;
	for (size_t o = 0; options && o < count && bin__ok(r); o++) {
		options[o] = bin__get_str(r, 1);
		q->option_count = o + 1;
	}
}

static void get_item(struct bin_reader *r, grille_item *item, const char *step_id, const char *language)
{
	item->id = bin__get_str(r, 1);
	if (item->id && grid__id_problem(item->id, step_id) != GRID_ID_OK)
		r->bad = 1;
	item->title = bin__get_str(r, 1);
	item->guidance = bin__get_str(r, 0);
	if (bin__get_u32(r) && bin__ok(r)) {
		grille_condition *cond = calloc(1, sizeof(*cond));
		if (!cond) {
			r->oom = 1;
			return;
		}
		item->when = cond;
		cond->question = bin__get_str(r, 1);
		cond->option = bin__get_u32(r);
		cond->reason = bin__get_str(r, 1);
	}
	size_t count = bin__get_count(r, 4 * 7);
	grille_question *questions = bin__ok(r) && count ? calloc(count, sizeof(*questions)) : NULL;
	if (bin__ok(r) && !questions)
		r->bad = 1; /* an item has questions: a snapshot without is not one */
	item->questions = questions;
	for (size_t q = 0; questions && q < count && bin__ok(r); q++) {
		get_question(r, &questions[q], item->id, language);
		item->question_count = q + 1;
	}
}

static void get_step(struct bin_reader *r, grille_step *step, const grille_grid *grid)
{
	step->id = bin__get_str(r, 1);
	if (step->id && grid__id_problem(step->id, NULL) != GRID_ID_OK)
		r->bad = 1;
	step->title = bin__get_str(r, 1);
	step->file = bin__get_str(r, 1);
	step->intro = bin__get_str(r, 0);
	size_t taken_by;
	if (bin__ok(r) && grid__step_file_problem(grid->steps, grid->step_count, step->file, &taken_by) != GRID_STEP_FILE_OK)
		r->bad = 1; /* never a path out of the workspace, whatever the file says */
	size_t count = bin__get_count(r, 4 * 5);
	grille_item *items = bin__ok(r) && count ? calloc(count, sizeof(*items)) : NULL;
	if (bin__ok(r) && !items)
		r->bad = 1;
	step->items = items;
	for (size_t i = 0; items && i < count && bin__ok(r); i++) {
		get_item(r, &items[i], step->id, grid->language);
		step->item_count = i + 1;
	}
	count = bin__get_count(r, 4 * 4);
	grille_item_group *groups = bin__ok(r) && count ? calloc(count, sizeof(*groups)) : NULL;
	if (bin__ok(r) && count && !groups)
		r->oom = 1;
	step->groups = groups;
	for (size_t g = 0; groups && g < count && bin__ok(r); g++) {
		groups[g].title = bin__get_str(r, 1);
		groups[g].intro = bin__get_str(r, 0);
		groups[g].first = bin__get_u32(r);
		groups[g].count = bin__get_u32(r);
		step->group_count = g + 1;
		if (groups[g].count == 0 || groups[g].first >= step->item_count ||
		    groups[g].count > step->item_count - groups[g].first ||
		    (g > 0 && groups[g].first < groups[g - 1].first + groups[g - 1].count))
			r->bad = 1;
	}
}

/* What code reading the grid relies on, beyond the bytes: a condition names a choice
 * question of the grid, and one of its options. */
static int conditions_hold(const grille_grid *grid)
{
	for (size_t s = 0; s < grid->step_count; s++)
		for (size_t i = 0; i < grid->steps[s].item_count; i++) {
			const grille_condition *cond = grid->steps[s].items[i].when;
			const grille_question *q = cond ? grille_grid_find_question(grid, cond->question) : NULL;
			if (cond && (!q || q->kind != GRILLE_QUESTION_CHOICE || cond->option >= q->option_count))
				return 0;
		}
	return 1;
}

/* The snapshot's grid, when its text is `source`; NULL and *oom set on failure to allocate. */
static grille_grid *read_snapshot(const grille_buf *file, const char *source, size_t len, const char *name, int *oom)
{
	size_t magic = strlen(SNAPSHOT_MAGIC);
	if (file->len < magic + 8 || memcmp(file->ptr, SNAPSHOT_MAGIC, magic) != 0)
		return NULL;
	size_t body = file->len - 8;
	struct bin_reader r = bin__reader(file->ptr + magic, body - magic);
	char *version = NULL;
	if (bin__get_u32(&r) != SNAPSHOT_FORMAT || !(version = bin__get_str(&r, 1)) || strcmp(version, GRILLE_VERSION) != 0 ||
	    bin__get_u64(&r) != len) {
		free(version);
		*oom = r.oom;
		return NULL;
	}
	free(version);
	const char *text = bin__get_bytes(&r, len);
	if (!text || memcmp(text, source, len) != 0)
		return NULL;
	size_t text_at = (size_t)(text - file->ptr), after = text_at + len;
	struct bin_reader sum = bin__reader(file->ptr + body, 8);
	if (bin__get_u64(&sum) != (hash__words(file->ptr, text_at) ^ hash__words(file->ptr + after, body - after)))
		return NULL;
	return grid_snapshot__read_grid(&r, source, len, name, oom);
}

grille_grid *grid_snapshot__read_grid(struct bin_reader *from, const char *source, size_t len, const char *name, int *oom)
{
	struct bin_reader r = *from;
	grille_grid *grid = calloc(1, sizeof(*grid));
	if (!grid) {
		*oom = 1;
		return NULL;
	}
	grid->source = malloc(len + 1);
	grid->source_name = strdup(name);
	if (!grid->source || !grid->source_name)
		r.oom = 1;
	else {
		memcpy(grid->source, source, len);
		grid->source[len] = '\0';
		grid->source_len = len;
	}
	grid->id = bin__get_str(&r, 1);
	grid->version = bin__get_str(&r, 1);
	grid->language = bin__get_str(&r, 1);
	grid->title = bin__get_str(&r, 1);
	grid->subtitle = bin__get_str(&r, 0);
	grid->introduction = bin__get_str(&r, 0);
	size_t count = bin__get_count(&r, 4 * 6);
	grid->steps = bin__ok(&r) && count ? calloc(count, sizeof(*grid->steps)) : NULL;
	if (bin__ok(&r) && !grid->steps)
		r.bad = 1;
	for (size_t s = 0; grid->steps && s < count && bin__ok(&r); s++) {
		get_step(&r, &grid->steps[s], grid);
		grid->step_count = s + 1;
	}
	if (bin__ok(&r) && r.at != r.end)
		r.bad = 1;
	int indexed = bin__ok(&r) ? grid__build_index(grid) : -1;
	if (indexed == GRILLE_ENOMEM)
		r.oom = 1;
	if (!bin__ok(&r) || indexed != 0 || !conditions_hold(grid)) {
		*oom = r.oom;
		grille_grid_free(grid);
		grille_error_clear();
		return NULL;
	}
	return grid;
}

int grid_snapshot__load(grille_grid **out, const char *path, const char *source, size_t len, const char *name)
{
	*out = NULL;
	grille_buf file = GRILLE_BUF_INIT;
	/* Only a regular file, never through a link, never larger than a grid and its parse could be. */
	int error = fs__exists(path) ? fs__read_file(&file, path, 0, 8 * GRILLE_FS_SMALL_MAX) : GRILLE_ENOTFOUND;
	int oom = 0;
	if (!error)
		*out = read_snapshot(&file, source, len, name, &oom);
	grille_buf_release(&file);
	grille_error_clear();
	if (oom)
		return error__oom();
	return 0;
}
