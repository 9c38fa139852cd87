/* Worksheets for a meeting: the grid's text at the workspace's level, with
 * room to write, but for the items the group set aside. The grid, the
 * settings and the status are read; the report's sinks, output checks and
 * renderers' pieces are reused. */
#include <stdio.h>
#include <string.h>

#include "grille/error.h"
#include "grille/sheet.h"
#include "date.h"
#include "errors.h"
#include "fs.h"
#include "groupdata.h"
#include "intl.h"
#include "sheet.h"
#include "status_build.h"
#include "workspace_private.h"
#include "wording.h"

int sheet__shows_step(const struct report *r, const grille_step *step)
{
	return !r->step || strcmp(r->step, step->id) == 0;
}

int sheet__shows(const struct report *r, const grille_question *q)
{
	return q->level <= r->settings->level;
}

/* Whether the group set `item` aside (by hand, or its option not chosen in a
 * choice): a meeting has nothing to write about it. */
static int set_aside(const struct report *r, const grille_item *item)
{
	for (size_t s = 0; r->status && s < r->status->step_count; s++)
		for (size_t i = 0; i < r->status->steps[s].item_count; i++)
			if (strcmp(r->status->steps[s].items[i].id, item->id) == 0)
				return r->status->steps[s].items[i].state == GRILLE_STATE_SKIPPED;
	return 0;
}

size_t sheet__question_count(const struct report *r, const grille_item *item)
{
	if (set_aside(r, item))
		return 0;
	size_t count = 0;
	for (size_t q = 0; q < item->question_count; q++)
		count += sheet__shows(r, &item->questions[q]) != 0;
	return count;
}

const char *const *sheet__table(grille_question_kind kind, const char *language, size_t *columns, size_t *rows)
{
	switch (kind) {
	case GRILLE_QUESTION_MEMBERS: *rows = 6; return groupdata__header(GROUPDATA_MEMBERS, language, columns);
	case GRILLE_QUESTION_PLAN: *rows = 5; return groupdata__header(GROUPDATA_PLAN, language, columns);
	case GRILLE_QUESTION_TEST_PHASE: *rows = 2; return groupdata__header(GROUPDATA_CALENDAR, language, columns);
	case GRILLE_QUESTION_REVIEWS: *rows = 3; return groupdata__header(GROUPDATA_CALENDAR, language, columns);
	default: *columns = *rows = 0; return NULL;
	}
}

void sheet__subtitle(grille_buf *out, const struct report *r)
{
	const grille_settings *s = r->settings;
	grille_buf_puts(out, W_(r->language, "Fiche de travail"));
	if (s->collective[0])
		grille_buf_printf(out, " — %s", s->collective);
	grille_buf_printf(out, W_(r->language, " — niveau de détail %d"), s->level);
}

const char *sheet__meeting_line(const char *language)
{
	return W_(language, "Réunion du : ………………………   Personnes présentes : ………………………………………………");
}

/* A sheet's report: the workspace, --step, today; the format checked. */
static int sheet_load(struct report *r, const grille_workspace *ws, const grille_report_options *opts)
{
	memset(r, 0, sizeof(*r));
	r->ws = ws;
	r->grid = ws->grid;
	r->language = grille_grid_language(r->grid);
	r->settings = ws->settings;
	r->step = opts->step;
	r->text_kind = GRILLE_TEXT_MARKUP;
	r->step_count = grille_grid_step_count(r->grid);
	if (opts->today)
		snprintf(r->today, sizeof(r->today), "%s", opts->today);
	else
		date__today(r->today);
	if (opts->format != GRILLE_REPORT_HTML && opts->format != GRILLE_REPORT_ODT)
		return error__set(GRILLE_EARGUMENT, _("une fiche de travail s'écrit en HTML ou en OpenDocument (html ou "
		                                      "odt), pas en « %s »"), grille_report_extension(opts->format));
	const grille_step *named;
	int error = r->step ? grille_grid_lookup_step(&named, r->grid, r->step) : 0;
	return error ? error : status__from_disk(&r->status, ws, r->today);
}

static int sheet_render(struct report *r, grille_report_sink sink, void *ctx, const grille_report_options *opts)
{
	r->sink = sink;
	r->sink_ctx = ctx;
	return opts->format == GRILLE_REPORT_ODT ? sheet_odt__render(r) : sheet_html__render(r);
}

int grille_sheet_stream(grille_report_result *out, grille_report_sink sink, void *ctx,
                        const grille_workspace *ws, const grille_report_options *opts)
{
	struct report r;
	if (out)
		*out = (grille_report_result){ 0 };
	int error = sheet_load(&r, ws, opts);
	if (!error)
		error = sheet_render(&r, sink, ctx, opts);
	grille_status_free(r.status);
	return error;
}

int grille_sheet_write_file(grille_report_result *out, const char *path, const grille_workspace *ws,
                            const grille_report_options *opts)
{
	struct report r;
	struct grille_fs_atomic file;
	if (out)
		*out = (grille_report_result){ 0 };
	int error = sheet_load(&r, ws, opts);
	if (!error)
		error = report__check_output(ws, path, opts->format, _("la fiche de travail"));
	if (!error && !(error = fs__output_open(&file, path))) {
		error = sheet_render(&r, report__to_file, &file, opts);
		if (!error)
			error = fs__atomic_commit(&file);
		else
			fs__atomic_abort(&file);
	}
	grille_status_free(r.status);
	return error;
}
