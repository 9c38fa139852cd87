/* A worksheet as flat OpenDocument text: each item starts a page (the
 * report's "Step" paragraph style breaks the page before it). */
#include <stdio.h>

#include "errors.h"
#include "intl.h"
#include "report_odt.h"
#include "sheet.h"
#include "wording.h"

/* An empty framed box of `lines` empty paragraphs: one cell of a table. */
static void box(W w, int lines)
{
	odt__table_start(w, 1);
	odt__start(w, "table:table-row");
	odt__start(w, "table:table-cell");
	odt__attr(w, "table:style-name", "Cell");
	odt__attr(w, "office:value-type", "string");
	for (int i = 0; i < lines; i++)
		odt__para(w, "Table_20_Contents", "");
	odt__end(w);
	odt__end(w);
	odt__end(w);
}

/* Room to write under a question: options to tick, an empty table, or a box. */
static void room(const char *language, W w, const grille_question *q)
{
	size_t columns, rows;
	const char *const *labels = sheet__table(q->kind, language, &columns, &rows);
	if (labels) {
		const char *cells[64];
		size_t count = 0;
		for (size_t i = 0; i < columns * (rows + 1) && i < sizeof(cells) / sizeof(*cells); i++)
			cells[count++] = i < columns ? labels[i] : "";
		odt__simple_table(w, columns, cells, count);
		return;
	}
	for (size_t o = 0; q->kind == GRILLE_QUESTION_CHOICE && o < q->option_count; o++)
		odt__para_printf(w, "Text_20_body", "☐  %s", q->options[o]);
	box(w, q->kind == GRILLE_QUESTION_CHOICE ? 4 : 12);
}

static int item_page(W w, const struct report *r, const grille_item *item, const grille_item_group *group)
{
	grille_buf t = GRILLE_BUF_INIT;
	grille_buf_printf(&t, "%s %s", item->id, item->title);
	odt__lost(w, &t);
	odt__heading(w, 2, t.ptr, "Step");
	if (group) /* each item has its page: each says its family */
		odt__para(w, "Group_20_Title", group->title);
	int error = odt__markdown(w, item->guidance, 3, "Quotations");
	for (size_t i = 0; !error && i < item->question_count; i++) {
		const grille_question *q = &item->questions[i];
		if (!sheet__shows(r, q))
			continue;
		grille_buf_clear(&t);
		grille_buf_printf(&t, "%s %s", q->id, q->text);
		odt__lost(w, &t);
		odt__heading(w, 3, t.ptr, NULL);
		error = odt__markdown(w, q->guidance, 4, "Quotations");
		room(r->language, w, q);
	}
	grille_buf_release(&t);
	return error;
}

static int step_pages(W w, const struct report *r, const grille_step *step, int first)
{
	grille_buf t = GRILLE_BUF_INIT;
	grille_buf_printf(&t, W_(r->language, "Étape %s. %s"), step->id, step->title);
	odt__lost(w, &t);
	odt__heading(w, 1, t.ptr, first ? NULL : "Step");
	grille_buf_clear(&t);
	sheet__subtitle(&t, r);
	odt__lost(w, &t);
	odt__para(w, "Subtitle", t.ptr);
	grille_buf_release(&t);
	odt__para(w, "Text_20_body", sheet__meeting_line(r->language));
	int error = odt__markdown(w, step->intro, 2, "Text_20_body");
	for (size_t i = 0; !error && i < step->item_count; i++)
		if (sheet__question_count(r, &step->items[i]))
			error = item_page(w, r, &step->items[i], grille_step_group_of(step, i));
	return error;
}

int sheet_odt__render(const struct report *r)
{
	struct odt_stream *s = NULL;
	int error = odt__open(&s, r);
	if (error)
		return odt__close(s, error);
	const grille_settings *set = r->settings;
	odt__document_start(&s->writer, set->title[0] ? set->title : grille_grid_title(r->grid));
	int first = 1;
	for (size_t i = 0; !error && !s->writer.error && i < r->step_count; i++) {
		const grille_step *step = grille_grid_step(r->grid, i);
		if (sheet__shows_step(r, step)) {
			error = step_pages(&s->writer, r, step, first);
			first = 0;
		}
	}
	if (!error)
		odt__document_end(&s->writer);
	return odt__close(s, error);
}
