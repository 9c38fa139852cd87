#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/error.h"
#include "date.h"
#include "errors.h"
#include "intl.h"
#include "parallel.h"
#include "report.h"
#include "wording.h"
#include "report_positions.h"
#include "report_html.h"
#include "settings.h"
#include "text.h"
#include "typo.h"
#include "workspace_private.h"

/* The report as one HTML5 page that reads offline and prints well: inline
 * CSS, inline SVG, answers rendered by cmark in its safe mode. */

static const char style[] =
	"body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;max-width:52rem;margin:2rem auto;"
	"padding:0 1rem;color:#1d1d1b;line-height:1.5}"
	"h1{font-size:2rem;margin-bottom:.2rem}h2{border-bottom:2px solid #2e7d5b;padding-bottom:.2rem;margin-top:2.5rem}"
	"h3{color:#2e7d5b}h4{margin-bottom:.3rem}"
	".subtitle{font-size:1.2rem;color:#555;margin-top:0}"
	"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:bold}dl.meta dd{margin:0}"
	"table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:.3rem .6rem;text-align:left;vertical-align:top}"
	"th{background:#eef5f1}td.n{text-align:right}.date{white-space:nowrap}table.progress{width:100%}"
	".group-title{font-variant:small-caps;letter-spacing:.03em;color:#555;border-top:1px solid #bbb;"
	"padding-top:.4rem;margin:2rem 0 0}"
	".answer{border-left:4px solid #2e7d5b;padding:.1rem 1rem;margin:0 0 1rem;background:#f7faf8}"
	".open li,.later li,.aside li{margin:.2rem 0}.id{font-variant-numeric:tabular-nums;color:#555}"
	".later ul,.aside ul{margin:.2rem 0}"
	/* A choice answer: a list of what was chosen, and lighter, what was not. */
	"li:has(>.choice),li:has(>p>.choice){list-style:none}ul:has(>li>.choice),ul:has(>li>p>.choice){padding-left:.5rem}"
	".choice .box{display:inline-block;width:1.4em}.choice.not-chosen{color:#6b6b6b}"
	".late{color:#b3261e;font-weight:bold}.warn{border:2px solid #b3261e;background:#fdf0ef;padding:.2rem 1rem;margin:1rem 0}"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}"
	"svg{max-width:100%;height:auto}svg text{font-family:inherit;font-size:12px}"
	"footer{margin-top:3rem;font-size:.85rem;color:#555;border-top:1px solid #ccc;padding-top:.5rem}"
	".note-ref{font-size:.75em;vertical-align:super;line-height:0}"
	REPORT_HTML_POSITIONS_CSS
	/* Printed: each step on its own pages; a figure with its caption and
	 * table, a heading with what follows it; links to the web with their
	 * address. The page's margins carry the title and the page number
	 * (html_begin adds them: the title is the workspace's). */
	"@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}nav{break-after:page}"
	"section.step,#membres{break-before:page}"
	"p,li,dd,blockquote{orphans:3;widows:3}"
	"table.progress,figure,svg,.keep,tr,.choice{break-inside:avoid}h2,h3,h4,caption,.group-title,figure.with-table{break-after:avoid}"
	"a{color:inherit;text-decoration:none}"
	"a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em;color:#555;overflow-wrap:anywhere}}"
	"@page{size:A4;margin:18mm 16mm 20mm}"
	"@page{@bottom-right{content:counter(page) \" / \" counter(pages);font:9pt \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;"
	"color:#555}}";

/* Every text of a page in HTML goes through here: French typography, then
 * escaping. */
void html__text(grille_buf *out, const char *s)
{
	grille_buf french = GRILLE_BUF_INIT;
	if (s && typo__french(&french, s, strlen(s)) == 0 && french.ptr)
		s = french.ptr;
	text__escape_html(out, s ? s : "", s ? strlen(s) : 0);
	grille_buf_release(&french);
}

void html__table_head(grille_buf *out, const char *caption, const char *const *labels, size_t count)
{
	html__table_open(out, NULL, caption, labels, count);
}

void html__table_open(grille_buf *out, const char *css, const char *caption, const char *const *labels, size_t count)
{
	grille_buf_printf(out, css ? "<table class=\"%s\">\n" : "<table>\n", css);
	if (caption) {
		grille_buf_puts(out, "<caption>");
		html__text(out, caption);
		grille_buf_puts(out, "</caption>\n");
	}
	grille_buf_puts(out, "<thead><tr>");
	for (size_t i = 0; i < count; i++) {
		grille_buf_puts(out, "<th scope=\"col\">");
		html__text(out, labels[i]);
		grille_buf_puts(out, "</th>");
	}
	grille_buf_puts(out, "</tr></thead>\n<tbody>\n");
}

void html__anchor(grille_buf *out, const char *prefix, const char *id)
{
	grille_buf_puts(out, prefix);
	for (const char *p = id; *p; p++)
		grille_buf_put(out, *p == '.' ? "-" : p, 1);
}

static const char *const colours[GRILLE_STATE_COUNT] = {
	"#2e7d5b", "#d9d9d9", "#9e9e9e", "#e0a100", "#b3261e",
};

static void progress_chart(grille_buf *out, const struct report *r)
{
	enum { LABEL = 90, BAR = 460, ROW = 30, TOP = 10 };
	size_t rows = 0;
	for (size_t s = 0; s < r->status->step_count; s++)
		rows += report__shows(r, &r->status->steps[s]);
	/* The text alternative: every number of the chart, in words. */
	grille_buf desc = GRILLE_BUF_INIT;
	grille_buf_printf(&desc, "%s%s", W_(r->language, "Progression par étape"), W_(r->language, " : "));
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf_printf(&desc, W_(r->language, "Étape %s"), st->id);
		grille_buf_puts(&desc, W_(r->language, " : "));
		grille_buf_printf(&desc, WN_(r->language, "%lu question", "%lu questions", st->question_count),
		                  (unsigned long)st->question_count);
		for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
			grille_buf_puts(&desc, ", ");
			report__state_count(&desc, r->language, (grille_state)k, st->counts[k]);
		}
		grille_buf_puts(&desc, ". ");
	}
	grille_buf_printf(out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
	html__text(out, desc.ptr);
	grille_buf_printf(out, "\" width=\"%d\" height=\"%zu\" viewBox=\"0 0 %d %zu\">\n<title>",
	                  LABEL + BAR + 150, TOP * 2 + rows * ROW + 24, LABEL + BAR + 150, TOP * 2 + rows * ROW + 24);
	html__text(out, W_(r->language, "Progression par étape"));
	grille_buf_puts(out, "</title>\n<desc>");
	html__text(out, desc.ptr);
	grille_buf_puts(out, "</desc>\n");
	grille_buf_oom_from(out, &desc);
	grille_buf_release(&desc);
	size_t y = TOP;
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf label = GRILLE_BUF_INIT;
		grille_buf_printf(&label, W_(r->language, "Étape %s"), st->id);
		grille_buf_printf(out, "<text x=\"0\" y=\"%zu\">", y + 19);
		html__text(out, label.ptr);
		grille_buf_puts(out, "</text>\n");
		grille_buf_oom_from(out, &label);
		grille_buf_release(&label);
		double x = LABEL;
		/* Answered first, then what is decided, then what is left. */
		static const grille_state order[] = { GRILLE_STATE_ANSWERED, GRILLE_STATE_SKIPPED, GRILLE_STATE_DEFERRED,
		                                      GRILLE_STATE_CONFLICT, GRILLE_STATE_UNANSWERED };
		for (size_t k = 0; k < GRILLE_STATE_COUNT; k++) {
			size_t n = st->counts[order[k]];
			if (!n || !st->question_count)
				continue;
			double w = (double)BAR * (double)n / (double)st->question_count;
			grille_buf_printf(out, "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
			                  x, y + 4, w, ROW - 10, colours[order[k]]);
			x += w;
		}
		/* Answered out of all the step's questions: the bar's length, and the table's "Questions". */
		grille_buf_printf(out, "<text x=\"%d\" y=\"%zu\">%zu/%zu</text>\n", LABEL + BAR + 8, y + 19,
		                  st->counts[GRILLE_STATE_ANSWERED], st->question_count);
		y += ROW;
	}
	/* The legend */
	double x = 0;
	for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
		grille_buf_printf(out, "<rect x=\"%.0f\" y=\"%zu\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		                  "<text x=\"%.0f\" y=\"%zu\">", x, y + 8, colours[k], x + 16, y + 19);
		html__text(out, report__state_label(r->language, (grille_state)k));
		grille_buf_puts(out, "</text>\n");
		x += 140;
	}
	grille_buf_puts(out, "</svg>\n<figcaption>");
	html__text(out, W_(r->language, "Chaque barre montre toutes les questions d'une étape : répondues, mises de côté, pour "
	            "plus tard, en conflit, puis sans réponse. Le nombre à sa droite : les questions répondues sur toutes "
	            "celles de l'étape, mises de côté comprises. Le tableau ci-dessous donne les mêmes nombres."));
	grille_buf_puts(out, "</figcaption>\n</figure>\n");
}

static void progress_table(grille_buf *out, const struct report *r)
{
	const char *labels[2 + GRILLE_STATE_COUNT] = { W_(r->language, "Étape"), W_(r->language, "Questions") };
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		labels[2 + k] = report__state_label(r->language, (grille_state)k);
	html__table_open(out, "progress", NULL, labels, 2 + GRILLE_STATE_COUNT);
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf_puts(out, "<tr><th scope=\"row\">");
		html__text(out, st->id);
		grille_buf_puts(out, ". ");
		html__text(out, st->title);
		grille_buf_printf(out, "</th><td class=\"n\">%zu</td>", st->question_count);
		for (int k = 0; k < GRILLE_STATE_COUNT; k++)
			grille_buf_printf(out, "<td class=\"n\">%zu</td>", st->counts[k]);
		grille_buf_puts(out, "</tr>\n");
	}
	grille_buf_puts(out, "</tbody>\n</table>\n");
}

/* Every task list item of `doc` as a choice: its box a character (☑ or ☐)
 * in a span the stylesheet lights or dims, in front of its first paragraph's
 * text, and no longer a form's checkbox. cmark's iterator: no recursion. */
static int choices(cmark_node *doc)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	if (!tasklist)
		return 0;
	cmark_iter *iter = cmark_iter_new(doc);
	if (!iter)
		return error__oom();
	int error = 0;
	for (cmark_event_type ev; !error && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
		cmark_node *item = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(item) != CMARK_NODE_ITEM ||
		    cmark_node_get_syntax_extension(item) != tasklist)
			continue;
		int chosen = cmark_gfm_extensions_get_tasklist_item_checked(item);
		cmark_node *para = cmark_node_first_child(item);
		cmark_node *choice = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		if (!choice) {
			error = error__oom();
			break;
		}
		cmark_node_set_on_enter(choice, chosen ? "<span class=\"choice chosen\"><span class=\"box\">\xe2\x98\x91</span> "
		                                       : "<span class=\"choice not-chosen\"><span class=\"box\">\xe2\x98\x90</span> ");
		cmark_node_set_on_exit(choice, "</span>");
		if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
			/* The paragraph's texts move into the choice: box and label on one line. */
			for (cmark_node *child; (child = cmark_node_first_child(para));)
				cmark_node_append_child(choice, child);
			cmark_node_append_child(para, choice);
		} else {
			cmark_node *own = cmark_node_new(CMARK_NODE_PARAGRAPH);
			if (!own) {
				cmark_node_free(choice);
				error = error__oom();
				break;
			}
			cmark_node_append_child(own, choice);
			cmark_node_prepend_child(item, own);
		}
		/* A plain item now: cmark writes no <input> for it. */
		cmark_node_set_syntax_extension(item, NULL);
	}
	cmark_iter_free(iter);
	return error;
}

/* The text of an item's first paragraph, its inlines' literals end to end, in `out`. */
static void item_label(grille_buf *out, cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		const char *literal = cmark_node_get_literal(n);
		grille_buf_puts(out, literal ? literal : "");
	}
}

/* The grid's options of a choice question that the group did not check,
 * added unchecked after those it did, in the first list that holds a
 * checked one: the answer shows what was chosen and what was not. */
static int unchosen(cmark_node *doc, const grille_question *question)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	cmark_node *list = NULL;
	for (cmark_node *n = cmark_node_first_child(doc); n && !list; n = cmark_node_next(n))
		for (cmark_node *item = cmark_node_get_type(n) == CMARK_NODE_LIST ? cmark_node_first_child(n) : NULL; item && !list;
		     item = cmark_node_next(item))
			if (tasklist && cmark_node_get_syntax_extension(item) == tasklist && cmark_gfm_extensions_get_tasklist_item_checked(item))
				list = n;
	if (!list)
		return 0;
	grille_buf labels = GRILLE_BUF_INIT; /* the checked labels, each ended by a newline */
	int tight = 1;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		item_label(&labels, item);
		grille_buf_puts(&labels, "\n");
		tight &= cmark_node_first_child(item) == cmark_node_last_child(item);
	}
	/* Options one per line, as the grid lists them, when none holds more than its label. */
	if (tight)
		cmark_node_set_list_tight(list, 1);
	int error = grille_buf_oom(&labels) ? error__oom() : 0;
	char *found = error ? NULL : calloc(question->option_count + 1, 1);
	size_t matches = 0;
	if (!error && !found)
		error = error__oom();
	for (size_t k = 0; !error && k < question->option_count; k++) {
		const char *option = question->options[k];
		size_t len = strlen(option);
		for (const char *p = labels.ptr; p && *p && !found[k]; p = strchr(p, '\n') + 1)
			found[k] = strncmp(p, option, len) == 0 && p[len] == '\n';
		matches += found[k] != 0;
	}
	/* A task list of the group's own, none of whose items is an option, is left as written. */
	for (size_t k = 0; !error && matches && k < question->option_count; k++) {
		const char *option = question->options[k];
		if (found[k])
			continue;
		cmark_node *item = cmark_node_new(CMARK_NODE_ITEM), *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		if (!item || !para || !text || !cmark_node_set_literal(text, option)) {
			cmark_node_free(item);
			cmark_node_free(para);
			cmark_node_free(text);
			error = error__oom();
			break;
		}
		cmark_node_append_child(para, text);
		cmark_node_append_child(item, para);
		cmark_node_append_child(list, item);
		cmark_node_set_syntax_extension(item, tasklist);
		cmark_gfm_extensions_set_tasklist_item_checked(item, false);
	}
	free(found);
	grille_buf_release(&labels);
	return error;
}

static int markdown_html(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext,
                         int as_choices, const grille_question *question)
{
	if (!markdown)
		return 0;
	cmark_node *doc = report__answer_tree(markdown, base_level);
	if (!doc)
		return error__oom();
	int error = question && question->kind == GRILLE_QUESTION_CHOICE ? unchosen(doc, question) : 0;
	report__french_tree(doc);
	if (!error && as_choices)
		error = choices(doc);
	/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML and dangerous URLs
	 * never pass; the only markup not cmark's own is choices()'s, fixed. */
	char *html = error ? NULL : cmark_render_html(doc, CMARK_OPT_DEFAULT, ext);
	cmark_node_free(doc);
	if (!html)
		return error ? error : error__oom();
	grille_buf_printf(out, "<div class=\"%s\">\n", css);
	grille_buf_puts(out, html);
	grille_buf_puts(out, "</div>\n");
	free(html);
	return 0;
}

int html__markdown(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext)
{
	return markdown_html(out, markdown, base_level, css, ext, 0, NULL);
}

int html__answer(grille_buf *out, const char *markdown, int base_level, cmark_llist *ext, const grille_question *question)
{
	return markdown_html(out, markdown, base_level, "answer", ext, 1, question);
}

static int answer(grille_buf *out, const struct report *r, const grille_question_status *q, cmark_llist *ext)
{
	enum report_data kind;
	if (report__data_of(q, &kind) && kind == REPORT_DATA_PLAN) {
		grille_buf summary = GRILLE_BUF_INIT;
		report__plan_summary(&summary, r->language, r->group);
		grille_buf_puts(out, "<p><a href=\"#plan\">");
		html__text(out, summary.ptr);
		grille_buf_puts(out, "</a></p>\n");
		grille_buf_oom_from(out, &summary);
		grille_buf_release(&summary);
	} else if (report__data_of(q, &kind)) {
		report_html__data(out, r, kind); /* the data answers it; words written under it follow */
	}
	char *markdown = report__answer_markdown(r, q);
	int error = html__answer(out, markdown, 5, ext, grille_grid_find_question(r->grid, q->id));
	free(markdown);
	return error;
}

/* " (pour le DATE) — reason" after a question or an item, an overdue date in red. */
static void mark_tail(grille_buf *out, const char *language, const grille_question_status *q)
{
	if (q->until) {
		grille_buf_puts(out, q->overdue ? " <span class=\"late\">(" : " (");
		html__text(out, q->overdue ? W_(language, "date passée : ") : W_(language, "pour le "));
		grille_buf until = GRILLE_BUF_INIT;
		report__date_long(&until, language, q->until);
		grille_buf_puts(out, "<span class=\"date\">");
		html__text(out, until.ptr ? until.ptr : "");
		grille_buf_puts(out, "</span>");
		grille_buf_oom_from(out, &until);
		grille_buf_release(&until);
		grille_buf_puts(out, q->overdue ? ")</span>" : ")");
	}
	if (q->reason) {
		grille_buf_puts(out, " — ");
		html__text(out, q->reason);
	}
}

/* One question in a list; its mark after it unless its item says it (`tail` 0). */
static void question_line(grille_buf *out, const char *language, const grille_question_status *q, int tail)
{
	grille_buf_puts(out, "<li id=\"");
	html__anchor(out, "q-", q->id);
	grille_buf_puts(out, "\"><span class=\"id\">");
	html__text(out, q->id);
	grille_buf_puts(out, "</span> ");
	html__text(out, q->text);
	if (tail)
		mark_tail(out, language, q);
	grille_buf_puts(out, "</li>\n");
}

/* The questions of a step in one state, as a list under its heading. An
 * item skipped or deferred as a whole says its date and reason once, its
 * questions listed under it. */
static void state_list(grille_buf *out, const char *language, const grille_step_status *st, grille_state state, const char *title,
                       const char *css)
{
	int any = 0;
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		const grille_question_status *shared = report__item_mark(it, state);
		int open = 0;
		for (size_t q = 0; q < it->question_count; q++) {
			if (it->questions[q].state != state)
				continue;
			if (!any++) {
				grille_buf_puts(out, "<h3>");
				html__text(out, title);
				grille_buf_printf(out, "</h3>\n<ul class=\"%s\">\n", css);
			}
			if (shared && !open++) {
				grille_buf_puts(out, "<li><span class=\"id\">");
				html__text(out, it->id);
				grille_buf_puts(out, "</span> ");
				html__text(out, it->title);
				mark_tail(out, language, shared);
				grille_buf_puts(out, "\n<ul>\n");
			}
			question_line(out, language, &it->questions[q], !shared);
		}
		if (open)
			grille_buf_puts(out, "</ul>\n</li>\n");
	}
	if (any)
		grille_buf_puts(out, "</ul>\n");
}

/* A group of items (a family of principles) wraps its answered items, under its title. */
static void group_boundary(grille_buf *out, const char **open, const grille_item_status *it)
{
	if (*open && it->group && strcmp(*open, it->group) == 0)
		return;
	if (*open)
		grille_buf_puts(out, "</section>\n");
	*open = it->group;
	if (!it->group)
		return;
	grille_buf_puts(out, "<section class=\"group\" aria-labelledby=\"");
	html__anchor(out, "g-", it->id);
	grille_buf_puts(out, "\">\n<p class=\"group-title\" id=\"");
	html__anchor(out, "g-", it->id);
	grille_buf_puts(out, "\">");
	html__text(out, it->group);
	grille_buf_puts(out, "</p>\n");
}

static int step_section(grille_buf *out, const struct report *r, const grille_step_status *st, cmark_llist *ext)
{
	grille_buf_puts(out, "<section class=\"step\" id=\"");
	html__anchor(out, "etape-", st->id);
	grille_buf_puts(out, "\">\n<h2>");
	html__text(out, st->id);
	grille_buf_puts(out, ". ");
	html__text(out, st->title);
	grille_buf_puts(out, "</h2>\n<p>");
	grille_buf counts = GRILLE_BUF_INIT;
	report__step_counts(&counts, r->language, st);
	html__text(out, counts.ptr);
	grille_buf_oom_from(out, &counts);
	grille_buf_release(&counts);
	grille_buf_puts(out, "</p>\n");
	if (st->problem) {
		grille_buf_puts(out, "<p class=\"late\">");
		html__text(out, st->problem);
		grille_buf_puts(out, "</p>\n");
	}
	int error = html__markdown(out, report__step_intro(r, st->id), 3, "guidance", ext);
	const char *group = NULL;
	for (size_t i = 0; !error && i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		size_t answered = 0;
		for (size_t q = 0; q < it->question_count; q++)
			answered += it->questions[q].state == GRILLE_STATE_ANSWERED || report__has_positions(&it->questions[q]);
		if (!answered)
			continue;
		group_boundary(out, &group, it);
		grille_buf_puts(out, "<h3 id=\"");
		html__anchor(out, "i-", it->id);
		grille_buf_puts(out, "\">");
		html__text(out, it->id);
		grille_buf_puts(out, " ");
		html__text(out, it->title);
		grille_buf_puts(out, "</h3>\n");
		error = html__markdown(out, report__item_guidance(r, it->id), 4, "guidance", ext);
		for (size_t q = 0; !error && q < it->question_count; q++) {
			const grille_question_status *qs = &it->questions[q];
			if (qs->state != GRILLE_STATE_ANSWERED && !report__has_positions(qs))
				continue;
			grille_buf_puts(out, "<h4 id=\"");
			html__anchor(out, "q-", qs->id);
			grille_buf_puts(out, "\"><span class=\"id\">");
			html__text(out, qs->id);
			grille_buf_puts(out, "</span> ");
			html__text(out, qs->text);
			grille_buf_puts(out, "</h4>\n");
			error = report__has_positions(qs) ? report_html__positions(out, r, qs, ext) : 0;
			if (!error)
				error = answer(out, r, qs, ext);
		}
	}
	if (group)
		grille_buf_puts(out, "</section>\n");
	state_list(out, r->language, st, GRILLE_STATE_CONFLICT, W_(r->language, "En conflit"), "open");
	state_list(out, r->language, st, GRILLE_STATE_UNANSWERED, W_(r->language, "Encore ouvertes"), "open");
	state_list(out, r->language, st, GRILLE_STATE_DEFERRED, W_(r->language, "Pour plus tard"), "later");
	state_list(out, r->language, st, GRILLE_STATE_SKIPPED, W_(r->language, "Mises de côté"), "aside");
	grille_buf_puts(out, "</section>\n");
	return error;
}

/* A commit's date "YYYY-MM-DD HH:MM:SS +ZZZZ" as seconds, read on its own
 * clock (the zone left out): where the day it names starts is a multiple of
 * a day, so that the axis' ticks fall on midnights. */
static double epoch_of(const char *date)
{
	int y, mo, d, h, mi, sec;
	long day;
	char iso[11];
	if (sscanf(date, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) != 6 ||
	    snprintf(iso, sizeof(iso), "%.10s", date) != 10 || date__day_number(&day, iso) < 0)
		return 0;
	return (double)day * 86400.0 + h * 3600.0 + mi * 60.0 + sec;
}

/* Where a commit stands on the time axis, from 0 to 1: by its date, or by its
 * rank when the dates do not tell commits apart (all made the same second). */
static double position(const grille_log *log, size_t i, double first, double last)
{
	if (last > first)
		return (epoch_of(log->entries[i].date) - first) / (last - first);
	return log->count > 1 ? (double)(log->count - 1 - i) / (double)(log->count - 1) : 0.5;
}

/* A commit's day in words, "1er décembre 2026", in a cell that never breaks it. */
static void date_cell(grille_buf *out, const char *language, const char *date)
{
	char iso[11];
	snprintf(iso, sizeof(iso), "%.10s", date);
	grille_buf words = GRILLE_BUF_INIT;
	report__date_long(&words, language, iso);
	grille_buf_puts(out, "<td class=\"date\">");
	html__text(out, words.ptr ? words.ptr : "");
	grille_buf_puts(out, "</td>");
	grille_buf_oom_from(out, &words);
	grille_buf_release(&words);
}

/* The milestones in a table, newest first: the same facts as the chart. */
static void milestones_table(grille_buf *out, const struct report *r)
{
	const grille_log *log = r->log;
	const char *labels[] = { W_(r->language, "Date"), W_(r->language, "Jalon"), W_(r->language, "Par"), W_(r->language, "Réponses") };
	html__table_head(out, NULL, labels, 4);
	for (size_t i = 0; i < log->count; i++) {
		const grille_log_entry *e = &log->entries[i];
		grille_buf_puts(out, "<tr>");
		date_cell(out, r->language, e->date);
		grille_buf_puts(out, "<td>");
		html__text(out, e->summary);
		for (size_t t = 0; t < e->tag_count; t++) {
			grille_buf_puts(out, t ? ", " : " [");
			html__text(out, e->tags[t]);
			grille_buf_puts(out, t + 1 == e->tag_count ? "]" : "");
		}
		grille_buf_puts(out, "</td><td>");
		grille_buf person = GRILLE_BUF_INIT;
		report__person(&person, r, e->author, e->email);
		html__text(out, person.ptr);
		grille_buf_oom_from(out, &person);
		grille_buf_release(&person);
		grille_buf_printf(out, "</td><td class=\"n\">%zu (%+ld)</td></tr>\n", e->answered, e->delta);
	}
	grille_buf_puts(out, "</tbody>\n</table>\n");
}

/* The chart of answers over time: its frame, from LEFT to RIGHT, the answers from BASE up to TOP. */
enum { CHART_W = 680, CHART_LEFT = 48, CHART_RIGHT = 660, CHART_TOP = 24, CHART_BASE = 200, CHART_H = 240 };

/* A round step for a scale from 0 to `most` in about four ticks: 1, 2, 5, 10, 20, 25, 50... */
static size_t count_step(size_t most)
{
	static const size_t nice[] = { 1, 2, 5, 10, 20, 25, 50 };
	for (size_t scale = 1; scale < SIZE_MAX / 100; scale *= 100)
		for (size_t k = 0; k < sizeof(nice) / sizeof(nice[0]); k++)
			if (nice[k] * scale * 4 >= most)
				return nice[k] * scale;
	return most;
}

/* The scale of counts: a line and a number at each step, from 0 to `top`. */
static void count_axis(grille_buf *out, const char *language, size_t top, size_t step)
{
	for (size_t n = 0; n <= top; n += step) {
		double y = CHART_BASE - (double)n * (CHART_BASE - CHART_TOP) / (double)top;
		grille_buf_printf(out, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>\n"
		                  "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu</text>\n",
		                  CHART_LEFT, y, CHART_RIGHT, y, n ? "#e4e4e4" : "#888", CHART_LEFT - 6, y + 4, n);
	}
	grille_buf_printf(out, "<text x=\"%d\" y=\"%d\">", CHART_LEFT - 40, CHART_TOP - 10);
	html__text(out, W_(language, "réponses"));
	grille_buf_puts(out, "</text>\n");
}

/* The days under the axis, "1 déc.": every day, two days, week or fortnight
 * for a short history, the first of each month for a longer one. */
static void day_axis(grille_buf *out, const char *language, double first, double last)
{
	long from = (long)(first / 86400.0), to = (long)(last / 86400.0);
	long days[16];
	size_t n = 0;
	long span = to - from;
	if (span > 120) {
		struct report_calendar months = { NULL, 0, from, to };
		n = report__calendar_ticks(&months, days, 12);
	} else {
		long step = span <= 8 ? 1 : span <= 16 ? 2 : span <= 60 ? 7 : 14;
		for (long day = from + (first > (double)from * 86400.0); day <= to && n < 16; day += step)
			days[n++] = day;
	}
	for (size_t i = 0; i < n; i++) {
		double t = last > first ? ((double)days[i] * 86400.0 - first) / (last - first) : 0.5;
		double x = CHART_LEFT + t * (CHART_RIGHT - CHART_LEFT);
		grille_buf tick = GRILLE_BUF_INIT;
		report__day_short(&tick, language, days[i], i == 0 || !report__same_year(days[i - 1], days[i]));
		grille_buf_printf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>\n"
		                  "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, CHART_BASE, x, CHART_BASE + 5, x, CHART_BASE + 20);
		html__text(out, tick.ptr);
		grille_buf_puts(out, "</text>\n");
		grille_buf_oom_from(out, &tick);
		grille_buf_release(&tick);
	}
}

/* "1er décembre 2026 : 12 réponses. " for each milestone, oldest first: the chart in words. */
static void timeline_words(grille_buf *out, const struct report *r)
{
	const grille_log *log = r->log;
	grille_buf_printf(out, "%s%s", W_(r->language, "Réponses au fil des jalons"), W_(r->language, " : "));
	for (size_t i = log->count; i-- > 0;) {
		char iso[11];
		snprintf(iso, sizeof(iso), "%.10s", log->entries[i].date);
		report__date_long(out, r->language, iso);
		grille_buf_puts(out, W_(r->language, " : "));
		unsigned long n = (unsigned long)log->entries[i].answered;
		grille_buf_printf(out, WN_(r->language, "%lu réponse", "%lu réponses", n), n);
		grille_buf_puts(out, ". ");
	}
}

static void timeline(grille_buf *out, const struct report *r)
{
	const grille_log *log = r->log;
	grille_buf_puts(out, "<section id=\"jalons\">\n<h2>");
	html__text(out, W_(r->language, "Jalons"));
	grille_buf_puts(out, "</h2>\n");
	if (report__partial_history(r)) {
		grille_buf_puts(out, "<p>");
		html__text(out, report__partial_history(r));
		grille_buf_puts(out, "</p>\n");
	}
	if (!log || !log->count) {
		grille_buf_puts(out, "<p>");
		html__text(out, W_(r->language, "Pas encore d'historique : les jalons apparaîtront avec grille commit."));
		grille_buf_puts(out, "</p>\n</section>\n");
		return;
	}
	double first = epoch_of(log->entries[log->count - 1].date), last = epoch_of(log->entries[0].date);
	/* The height shows the answers, on a scale of round numbers above the most there ever were. */
	size_t most = 1;
	for (size_t i = 0; i < log->count; i++)
		if (log->entries[i].answered > most)
			most = log->entries[i].answered;
	size_t step = count_step(most), top = (most + step - 1) / step * step;
	grille_buf desc = GRILLE_BUF_INIT;
	timeline_words(&desc, r);
	/* The table may be long: only its start stays with the figure. */
	grille_buf_puts(out, "<figure class=\"with-table\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
	html__text(out, desc.ptr);
	grille_buf_printf(out, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>", CHART_W, CHART_H, CHART_W, CHART_H);
	html__text(out, W_(r->language, "Réponses au fil des jalons"));
	grille_buf_puts(out, "</title>\n<desc>");
	html__text(out, desc.ptr);
	grille_buf_oom_from(out, &desc);
	grille_buf_release(&desc);
	grille_buf_puts(out, "</desc>\n");
	count_axis(out, r->language, top, step);
	if (last > first)
		day_axis(out, r->language, first, last);
	grille_buf_puts(out, "<polyline fill=\"none\" stroke=\"#2e7d5b\" stroke-width=\"2\" points=\"");
	for (size_t i = log->count; i-- > 0;) {
		double t = position(log, i, first, last);
		grille_buf_printf(out, "%.1f,%.1f ", CHART_LEFT + t * (CHART_RIGHT - CHART_LEFT),
		                  CHART_BASE - (double)log->entries[i].answered * (CHART_BASE - CHART_TOP) / (double)top);
	}
	grille_buf_puts(out, "\"/>\n");
	for (size_t i = log->count; i-- > 0;) {
		const grille_log_entry *e = &log->entries[i];
		double t = position(log, i, first, last);
		double x = CHART_LEFT + t * (CHART_RIGHT - CHART_LEFT);
		double y = CHART_BASE - (double)e->answered * (CHART_BASE - CHART_TOP) / (double)top;
		grille_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>\n", x, y,
		                  e->tag_count ? 6 : 3, e->tag_count ? "#e0a100" : "#2e7d5b");
		for (size_t t2 = 0; t2 < e->tag_count; t2++) {
			/* Names end inside the frame: the last ones are written leftwards. */
			grille_buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\"%s>", t > 0.8 ? x - 8 : x + 8, y - 8 - 13.0 * (double)t2,
			                  t > 0.8 ? " text-anchor=\"end\"" : "");
			html__text(out, e->tags[t2]);
			grille_buf_puts(out, "</text>\n");
		}
	}
	grille_buf_puts(out, "</svg>\n<figcaption>");
	html__text(out, W_(r->language, "Le nombre de réponses à chaque jalon, au jour où il a été enregistré ; les jalons "
	                  "nommés sont en orange. Le tableau ci-dessous donne les mêmes nombres."));
	grille_buf_puts(out, "</figcaption>\n</figure>\n");
	milestones_table(out, r);
	grille_buf_puts(out, "</section>\n");
}

static void contributors(grille_buf *out, const struct report *r)
{
	grille_buf_puts(out, "<section id=\"contributions\">\n<h2>");
	html__text(out, W_(r->language, "Contributions"));
	grille_buf_puts(out, "</h2>\n");
	int any = 0;
	for (size_t s = 0; r->who && s < r->who->step_count; s++) {
		const grille_who_step *st = &r->who->steps[s];
		if (!st->people_count || (r->step && strcmp(r->step, st->id) != 0))
			continue;
		if (!any++)
			grille_buf_puts(out, "<ul>\n");
		grille_buf_puts(out, "<li>");
		html__text(out, st->id);
		grille_buf_puts(out, ". ");
		html__text(out, st->title);
		grille_buf_puts(out, W_(r->language, " : "));
		for (size_t p = 0; p < st->people_count; p++) {
			grille_buf who = GRILLE_BUF_INIT, person = GRILLE_BUF_INIT;
			report__person(&person, r, st->people[p].name, st->people[p].email);
			grille_buf_printf(&who, WN_(r->language, "%s%s (%zu ligne)", "%s%s (%zu lignes)", st->people[p].lines),
			                  p ? ", " : "", person.ptr ? person.ptr : "", st->people[p].lines);
			grille_buf_oom_from(&who, &person);
			grille_buf_release(&person);
			html__text(out, who.ptr);
			grille_buf_oom_from(out, &who);
			grille_buf_release(&who);
		}
		grille_buf_puts(out, "</li>\n");
	}
	if (any) {
		grille_buf_puts(out, "</ul>\n");
	} else {
		grille_buf_puts(out, "<p>");
		html__text(out, W_(r->language, "Aucune réponse enregistrée dans l'historique pour l'instant."));
		grille_buf_puts(out, "</p>\n");
	}
	report_html__strangers(out, r);
	grille_buf_puts(out, "</section>\n");
}

static void title_block(grille_buf *out, const struct report *r)
{
	const grille_settings *s = r->settings;
	grille_buf_puts(out, "<header>\n<h1>");
	html__text(out, s->title[0] ? s->title : grille_grid_title(r->grid));
	grille_buf_puts(out, "</h1>\n");
	if (s->collective[0]) {
		grille_buf_puts(out, "<p class=\"subtitle\">");
		html__text(out, s->collective);
		grille_buf_puts(out, "</p>\n");
	}
	grille_buf round = GRILLE_BUF_INIT;
	grille_buf_puts(out, "<dl class=\"meta\">\n<dt>");
	if (report__round_line(&round, r)) {
		html__text(out, W_(r->language, "Tour"));
		grille_buf_puts(out, "</dt><dd>");
		html__text(out, round.ptr);
		grille_buf_puts(out, "</dd>\n<dt>");
	}
	grille_buf_release(&round);
	html__text(out, W_(r->language, "Date"));
	grille_buf_puts(out, "</dt><dd>");
	html__text(out, r->today_text);
	grille_buf_puts(out, "</dd>\n<dt>");
	html__text(out, W_(r->language, "Grille"));
	grille_buf_puts(out, "</dt><dd>");
	html__text(out, grille_grid_title(r->grid));
	grille_buf_puts(out, " (");
	html__text(out, W_(r->language, "version"));
	grille_buf_puts(out, " ");
	html__text(out, grille_grid_version(r->grid));
	grille_buf_printf(out, ")</dd>\n<dt>");
	html__text(out, W_(r->language, "Niveau de détail"));
	grille_buf_printf(out, "</dt><dd>%d</dd>\n<dt>", r->settings->level);
	html__text(out, W_(r->language, "Version"));
	grille_buf_puts(out, "</dt><dd>");
	grille_buf version = GRILLE_BUF_INIT;
	report__version_text(&version, r);
	html__text(out, version.ptr);
	grille_buf_oom_from(out, &version);
	grille_buf_release(&version);
	/* Its git number is small print, at the end. */
	if (r->revision[0])
		grille_buf_puts(out, "<a class=\"note-ref\" href=\"#version-git\">*</a>");
	grille_buf_puts(out, "</dd>\n</dl>\n</header>\n");
}

static void toc(grille_buf *out, const struct report *r)
{
	grille_buf_puts(out, "<nav aria-labelledby=\"sommaire\">\n<h2 id=\"sommaire\">");
	html__text(out, W_(r->language, "Sommaire"));
	grille_buf_puts(out, "</h2>\n<ol>\n<li><a href=\"#progression\">");
	html__text(out, W_(r->language, "Progression"));
	grille_buf_puts(out, "</a></li>\n");
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf_puts(out, "<li><a href=\"#");
		html__anchor(out, "etape-", st->id);
		grille_buf_puts(out, "\">");
		html__text(out, st->id);
		grille_buf_puts(out, ". ");
		html__text(out, st->title);
		grille_buf_puts(out, "</a></li>\n");
	}
	static const char *const ids[] = { "membres", "plan", "calendrier", "jalons", "contributions" };
	const char *names[] = { W_(r->language, "Membres et rôles"), W_(r->language, "Plan d'action"), W_(r->language, "Calendrier"), W_(r->language, "Jalons"), W_(r->language, "Contributions") };
	for (size_t i = 0; i < 5; i++) {
		grille_buf_printf(out, "<li><a href=\"#%s\">", ids[i]);
		html__text(out, names[i]);
		grille_buf_puts(out, "</a></li>\n");
	}
	grille_buf_puts(out, "</ol>\n</nav>\n");
}

struct sections {
	const struct report *r;
	cmark_llist *ext;
	grille_buf *parts;
	size_t first; /* the window's first step */
};

static int render_section(size_t index, void *arg)
{
	struct sections *s = arg;
	size_t step = s->first + index;
	const grille_step_status *st = &s->r->status->steps[step];
	return report__shows(s->r, st) ? step_section(&s->parts[step], s->r, st, s->ext) : 0;
}

void html__page_start(grille_buf *out, const struct report *r, const char *css, const char *more_css)
{
	const grille_settings *s = r->settings;
	grille_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	html__text(out, s->language[0] ? s->language : grille_grid_language(r->grid));
	grille_buf_puts(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	html__text(out, s->title[0] ? s->title : grille_grid_title(r->grid));
	grille_buf_puts(out, "</title>\n<style>");
	grille_buf_puts(out, css);
	grille_buf_puts(out, more_css ? more_css : "");
	grille_buf_puts(out, "</style>\n</head>\n<body>\n");
}

/* `s` as a CSS string: quoted, every ASCII character but letters, digits and
 * spaces written as an escape, so that nothing the group wrote ends the
 * string, the rule or the <style> element. */
static void css_string(grille_buf *out, const char *s)
{
	grille_buf_puts(out, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == ' ')
			grille_buf_put(out, (const char *)p, 1);
		else
			grille_buf_printf(out, "\\%x ", *p);
	}
	grille_buf_puts(out, "\"");
}

/* The page's margins, printed: the workspace's title at the top of every
 * page but the first (which shows it large), the page number at the bottom. */
static void page_margins(grille_buf *out, const struct report *r)
{
	const grille_settings *s = r->settings;
	grille_buf title = GRILLE_BUF_INIT;
	grille_buf_puts(&title, s->title[0] ? s->title : grille_grid_title(r->grid));
	if (s->collective[0])
		grille_buf_printf(&title, " — %s", s->collective);
	grille_buf_puts(out, "@page{@top-left{content:");
	css_string(out, title.ptr ? title.ptr : "");
	grille_buf_puts(out, ";font:9pt \"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#555}}"
	                     "@page:first{@top-left{content:none}}");
	grille_buf_oom_from(out, &title);
	grille_buf_release(&title);
}

static int html_begin(void **state, grille_buf *out, const struct report *r)
{
	grille_buf more = GRILLE_BUF_INIT;
	if (r->guidance)
		grille_buf_puts(&more, ".guidance{color:#444;margin:0 0 1rem}");
	page_margins(&more, r);
	html__page_start(out, r, style, more.ptr);
	grille_buf_oom_from(out, &more);
	grille_buf_release(&more);
	title_block(out, r);
	toc(out, r);
	grille_buf_puts(out, "<main>\n<section id=\"progression\">\n<h2>");
	html__text(out, W_(r->language, "Progression"));
	grille_buf_puts(out, "</h2>\n");
	grille_buf_puts(out, "<div class=\"keep\">\n");
	progress_chart(out, r);
	progress_table(out, r);
	grille_buf_puts(out, "</div>\n");
	grille_buf_puts(out, "</section>\n");
	int error = report__flush(r, out);
	struct sections *sections = calloc(1, sizeof(*sections));
	*state = sections;
	if (!error && sections) {
		sections->r = r;
		sections->ext = report__extensions();
		sections->parts = calloc(r->status->step_count + 1, sizeof(grille_buf));
	}
	return error ? error : sections && sections->parts ? 0 : error__oom();
}

/* Steps render a few at a time, in parallel, and go out in order: only
 * the texts and pages of those few are in memory. */
static int html_steps(void *state, grille_buf *out, const struct report *r, size_t first, size_t count)
{
	struct sections *sections = state;
	(void)out;
	sections->first = first;
	int error = parallel__for(count, count, render_section, sections);
	for (size_t i = first; i < first + count; i++) {
		if (!error)
			error = report__flush(r, &sections->parts[i]);
		grille_buf_release(&sections->parts[i]);
	}
	return error;
}

static int html_end(void *state, grille_buf *out, const struct report *r, int error)
{
	struct sections *sections = state;
	if (sections) {
		free(sections->parts);
		report__extensions_free(sections->ext);
		free(sections);
	}
	if (error)
		return error;
	error = report_html__group(out, r);
	if (error)
		return error;
	timeline(out, r);
	contributors(out, r);
	grille_buf_puts(out, "</main>\n<footer>");
	grille_buf foot = GRILLE_BUF_INIT;
	grille_buf_printf(&foot, W_(r->language, "Rapport produit par grille %s le %s."), GRILLE_VERSION, r->today_text);
	html__text(out, foot.ptr);
	grille_buf_clear(&foot);
	report__revision_note(&foot, r);
	if (foot.len) {
		grille_buf_puts(out, "<br><span id=\"version-git\">* ");
		html__text(out, foot.ptr);
		grille_buf_puts(out, "</span>");
	}
	grille_buf_oom_from(out, &foot);
	grille_buf_release(&foot);
	grille_buf_puts(out, "</footer>\n</body>\n</html>\n");
	return report__flush(r, out);
}

const struct report_format report_html_format = { 1, html_begin, html_steps, html_end };
