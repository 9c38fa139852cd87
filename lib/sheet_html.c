/* A worksheet as one HTML page to print: each item starts a page. */
#include <stdlib.h>

#include "errors.h"
#include "intl.h"
#include "report_html.h"
#include "sheet.h"
#include "wording.h"

static const char style[] =
	"body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;max-width:52rem;margin:2rem auto;"
	"padding:0 1rem;color:#1d1d1b;line-height:1.4}"
	"h1{font-size:1.8rem;margin-bottom:.2rem}h2{color:#2e7d5b;border-bottom:2px solid #2e7d5b;padding-bottom:.2rem}"
	"h3{font-size:1.05rem;margin:1.2rem 0 .4rem}.id{color:#555;font-variant-numeric:tabular-nums}"
	".meta{color:#555}.guidance{color:#444}.group-title{font-variant:small-caps;color:#555;margin:0}"
	".box{border:1px solid #777;border-radius:4px;height:7cm;margin:.4rem 0 1rem}.box.short{height:2.5cm}"
	"ul.choices{list-style:none;padding-left:.5rem}ul.choices li{margin:.3rem 0}.tick{font-size:1.2em;margin-right:.4em}"
	"table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}th,td{border:1px solid #777;padding:.3rem;"
	"text-align:left;font-size:.9rem}td{height:1.6rem}"
	"section.step{break-before:page}section.step:first-child{break-before:auto}section.item{break-before:page}"
	".question,table{break-inside:avoid}h2,h3{break-after:avoid}"
	"@media print{body{max-width:none;margin:0}}";

/* Room to write under a question: options to tick, an empty table, or a box. */
static void room(grille_buf *out, const char *language, const grille_question *q)
{
	size_t columns, rows;
	const char *const *labels = sheet__table(q->kind, language, &columns, &rows);
	if (labels) {
		html__table_head(out, NULL, labels, columns);
		for (size_t row = 0; row < rows; row++) {
			grille_buf_puts(out, "<tr>");
			for (size_t c = 0; c < columns; c++)
				grille_buf_puts(out, "<td></td>");
			grille_buf_puts(out, "</tr>\n");
		}
		grille_buf_puts(out, "</tbody>\n</table>\n");
		return;
	}
	if (q->kind == GRILLE_QUESTION_CHOICE) {
		grille_buf_puts(out, "<ul class=\"choices\">\n");
		for (size_t o = 0; o < q->option_count; o++) {
			grille_buf_puts(out, "<li><span class=\"tick\">☐</span>");
			html__text(out, q->options[o]);
			grille_buf_puts(out, "</li>\n");
		}
		grille_buf_puts(out, "</ul>\n");
	}
	grille_buf_puts(out, q->kind == GRILLE_QUESTION_CHOICE ? "<div class=\"box short\"></div>\n"
	                                                       : "<div class=\"box\"></div>\n");
}

/* <section class="CSS" id="PREFIX-ID"> */
static void open_section(grille_buf *out, const char *css, const char *prefix, const char *id)
{
	grille_buf_printf(out, "<section class=\"%s\" id=\"", css);
	html__anchor(out, prefix, id);
	grille_buf_puts(out, "\">\n");
}

/* A heading "<span class="id">ID</span> TEXT" of `level`. */
static void id_heading(grille_buf *out, int level, const char *id, const char *text)
{
	grille_buf_printf(out, "<h%d><span class=\"id\">", level);
	html__text(out, id);
	grille_buf_puts(out, "</span> ");
	html__text(out, text);
	grille_buf_printf(out, "</h%d>\n", level);
}

static int item_page(grille_buf *out, const struct report *r, const grille_item *item,
                     const grille_item_group *group, cmark_llist *ext)
{
	open_section(out, "item", "i-", item->id);
	if (group) { /* each item has its page: each says its family */
		grille_buf_puts(out, "<p class=\"group-title\">");
		html__text(out, group->title);
		grille_buf_puts(out, "</p>\n");
	}
	id_heading(out, 2, item->id, item->title);
	int error = html__markdown(out, item->guidance, 3, "guidance", ext);
	for (size_t i = 0; !error && i < item->question_count; i++) {
		const grille_question *q = &item->questions[i];
		if (!sheet__shows(r, q))
			continue;
		grille_buf_puts(out, "<section class=\"question\">\n");
		id_heading(out, 3, q->id, q->text);
		error = html__markdown(out, q->guidance, 4, "guidance", ext);
		room(out, r->language, q);
		grille_buf_puts(out, "</section>\n");
	}
	grille_buf_puts(out, "</section>\n");
	return error;
}

static int step_pages(grille_buf *out, const struct report *r, const grille_step *step, cmark_llist *ext)
{
	open_section(out, "step", "etape-", step->id);
	grille_buf_puts(out, "<h1>");
	grille_buf title = GRILLE_BUF_INIT;
	grille_buf_printf(&title, W_(r->language, "Étape %s. %s"), step->id, step->title);
	html__text(out, title.ptr);
	grille_buf_puts(out, "</h1>\n<p class=\"meta\">");
	grille_buf_clear(&title);
	sheet__subtitle(&title, r);
	html__text(out, title.ptr);
	grille_buf_puts(out, "</p>\n<p class=\"meta\">");
	html__text(out, sheet__meeting_line(r->language));
	grille_buf_puts(out, "</p>\n");
	grille_buf_oom_from(out, &title);
	grille_buf_release(&title);
	int error = html__markdown(out, step->intro, 2, "guidance", ext);
	for (size_t i = 0; !error && i < step->item_count; i++)
		if (sheet__question_count(r, &step->items[i]))
			error = item_page(out, r, &step->items[i], grille_step_group_of(step, i), ext);
	grille_buf_puts(out, "</section>\n");
	return error;
}

int sheet_html__render(const struct report *r)
{
	grille_buf out = GRILLE_BUF_INIT;
	cmark_llist *ext = report__extensions();
	html__page_start(&out, r, style, NULL);
	grille_buf_puts(&out, "<main>\n");
	int error = report__flush(r, &out);
	/* A step at a time: the page never sits whole in memory. */
	for (size_t s = 0; !error && s < r->step_count; s++) {
		const grille_step *step = grille_grid_step(r->grid, s);
		if (!sheet__shows_step(r, step))
			continue;
		error = step_pages(&out, r, step, ext);
		if (!error)
			error = report__flush(r, &out);
	}
	grille_buf_puts(&out, "</main>\n</body>\n</html>\n");
	if (!error)
		error = report__flush(r, &out);
	grille_buf_release(&out);
	report__extensions_free(ext);
	return error;
}
