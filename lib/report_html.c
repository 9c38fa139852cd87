#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>

#include "grille/error.h"
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
	"th{background:#eef5f1}td.n{text-align:right}"
	".group-title{font-variant:small-caps;letter-spacing:.03em;color:#555;border-top:1px solid #bbb;"
	"padding-top:.4rem;margin:2rem 0 0}"
	".answer{border-left:4px solid #2e7d5b;padding:.1rem 1rem;margin:0 0 1rem;background:#f7faf8}"
	".open li,.later li,.aside li{margin:.2rem 0}.id{font-variant-numeric:tabular-nums;color:#555}"
	".late{color:#b3261e;font-weight:bold}.warn{border:2px solid #b3261e;background:#fdf0ef;padding:.2rem 1rem;margin:1rem 0}"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}"
	"svg text{font-family:inherit;font-size:12px}"
	"footer{margin-top:3rem;font-size:.85rem;color:#555;border-top:1px solid #ccc;padding-top:.5rem}"
	REPORT_HTML_POSITIONS_CSS
	"@media print{body{max-width:none;margin:0}nav{break-after:page}section.step{break-before:page}"
	"table,figure,svg,.answer{break-inside:avoid}h2,h3,h4{break-after:avoid}a{color:inherit;text-decoration:none}}";

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
	grille_buf_puts(out, "<table>\n");
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
		if (report__shows(r, st))
			grille_buf_printf(&desc, W_(r->language, "Étape %s : %zu questions, %zu répondues, %zu sans réponse, %zu mises de côté, "
			                           "%zu pour plus tard, %zu en conflit. "), st->id, st->question_count,
			                  st->counts[0], st->counts[1], st->counts[2], st->counts[3], st->counts[4]);
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
		/* As grille status counts: answered out of the questions not skipped. */
		grille_buf_printf(out, "<text x=\"%d\" y=\"%zu\">%zu/%zu</text>\n", LABEL + BAR + 8, y + 19,
		                  st->counts[GRILLE_STATE_ANSWERED], grille_step_status_out_of(st));
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
	html__text(out, W_(r->language, "Chaque barre montre les questions d'une étape : répondues, mises de côté, pour plus tard, "
	            "en conflit, puis sans réponse. Le tableau ci-dessous donne les mêmes nombres."));
	grille_buf_puts(out, "</figcaption>\n</figure>\n");
}

static void progress_table(grille_buf *out, const struct report *r)
{
	const char *labels[2 + GRILLE_STATE_COUNT] = { W_(r->language, "Étape"), W_(r->language, "Questions") };
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		labels[2 + k] = report__state_label(r->language, (grille_state)k);
	html__table_head(out, NULL, labels, 2 + GRILLE_STATE_COUNT);
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

int html__markdown(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext)
{
	if (!markdown)
		return 0;
	cmark_node *doc = report__answer_tree(markdown, base_level);
	if (!doc)
		return error__oom();
	report__french_tree(doc);
	/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML and dangerous URLs never pass. */
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT, ext);
	cmark_node_free(doc);
	if (!html)
		return error__oom();
	grille_buf_printf(out, "<div class=\"%s\">\n", css);
	grille_buf_puts(out, html);
	grille_buf_puts(out, "</div>\n");
	free(html);
	return 0;
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
	int error = html__markdown(out, markdown, 5, "answer", ext);
	free(markdown);
	grille_buf authors = GRILLE_BUF_INIT;
	if (!error && report__authors_text(&authors, r, q)) {
		grille_buf_puts(out, "<p class=\"authors\"><small>");
		html__text(out, authors.ptr);
		grille_buf_puts(out, "</small></p>\n");
	}
	grille_buf_oom_from(out, &authors);
	grille_buf_release(&authors);
	return error;
}

static void question_line(grille_buf *out, const char *language, const grille_question_status *q)
{
	grille_buf_puts(out, "<li id=\"");
	html__anchor(out, "q-", q->id);
	grille_buf_puts(out, "\"><span class=\"id\">");
	html__text(out, q->id);
	grille_buf_puts(out, "</span> ");
	html__text(out, q->text);
	if (q->until) {
		grille_buf_puts(out, q->overdue ? " <span class=\"late\">(" : " (");
		html__text(out, q->overdue ? W_(language, "date passée : ") : W_(language, "pour le "));
		grille_buf until = GRILLE_BUF_INIT;
		report__date_long(&until, language, q->until);
		html__text(out, until.ptr ? until.ptr : "");
		grille_buf_oom_from(out, &until);
		grille_buf_release(&until);
		grille_buf_puts(out, q->overdue ? ")</span>" : ")");
	}
	if (q->reason) {
		grille_buf_puts(out, " — ");
		html__text(out, q->reason);
	}
	grille_buf_puts(out, "</li>\n");
}

/* The questions of a step in one state, as a list under its heading. */
static void state_list(grille_buf *out, const char *language, const grille_step_status *st, grille_state state, const char *title,
                       const char *css)
{
	int any = 0;
	for (size_t i = 0; i < st->item_count; i++)
		for (size_t q = 0; q < st->items[i].question_count; q++) {
			if (st->items[i].questions[q].state != state)
				continue;
			if (!any++) {
				grille_buf_puts(out, "<h3>");
				html__text(out, title);
				grille_buf_printf(out, "</h3>\n<ul class=\"%s\">\n", css);
			}
			question_line(out, language, &st->items[i].questions[q]);
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

static double epoch_of(const char *date)
{
	struct tm tm = { 0 };
	if (sscanf(date, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	           &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (double)timegm(&tm);
}

/* Where a commit stands on the time axis, from 0 to 1: by its date, or by its
 * rank when the dates do not tell commits apart (all made the same second). */
static double position(const grille_log *log, size_t i, double first, double last)
{
	if (last > first)
		return (epoch_of(log->entries[i].date) - first) / (last - first);
	return log->count > 1 ? (double)(log->count - 1 - i) / (double)(log->count - 1) : 0.5;
}

/* The milestones in a table, newest first: the same facts as the chart. */
static void milestones_table(grille_buf *out, const struct report *r)
{
	const grille_log *log = r->log;
	const char *labels[] = { W_(r->language, "Date"), W_(r->language, "Jalon"), W_(r->language, "Par"), W_(r->language, "Réponses") };
	html__table_head(out, NULL, labels, 4);
	for (size_t i = 0; i < log->count; i++) {
		const grille_log_entry *e = &log->entries[i];
		grille_buf_puts(out, "<tr><td>");
		grille_buf_put(out, e->date, 10);
		grille_buf_puts(out, "</td><td>");
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
	enum { W = 680, H = 200, PAD = 40 };
	double first = epoch_of(log->entries[log->count - 1].date), last = epoch_of(log->entries[0].date);
	/* The height shows the answers: scaled to the most there ever were. */
	size_t most = 1;
	for (size_t i = 0; i < log->count; i++)
		if (log->entries[i].answered > most)
			most = log->entries[i].answered;
	grille_buf desc = GRILLE_BUF_INIT;
	grille_buf_printf(&desc, "%s : ", W_(r->language, "Réponses au fil des jalons"));
	for (size_t i = log->count; i-- > 0;)
		grille_buf_printf(&desc, W_(r->language, "%.10s : %zu réponses. "), log->entries[i].date, log->entries[i].answered);
	grille_buf_puts(out, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"");
	html__text(out, desc.ptr);
	grille_buf_printf(out, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n<title>", W, H + 30, W, H + 30);
	html__text(out, W_(r->language, "Réponses au fil des jalons"));
	grille_buf_puts(out, "</title>\n<desc>");
	html__text(out, desc.ptr);
	grille_buf_oom_from(out, &desc);
	grille_buf_release(&desc);
	grille_buf_printf(out, "</desc>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", PAD, H, W - 10, H);
	grille_buf_puts(out, "<polyline fill=\"none\" stroke=\"#2e7d5b\" stroke-width=\"2\" points=\"");
	for (size_t i = log->count; i-- > 0;) {
		double t = position(log, i, first, last);
		grille_buf_printf(out, "%.1f,%.1f ", PAD + t * (W - PAD - 20), H - (double)log->entries[i].answered * (H - 20) / (double)most);
	}
	grille_buf_puts(out, "\"/>\n");
	for (size_t i = log->count; i-- > 0;) {
		const grille_log_entry *e = &log->entries[i];
		double t = position(log, i, first, last);
		double x = PAD + t * (W - PAD - 20), y = H - (double)e->answered * (H - 20) / (double)most;
		grille_buf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>\n", x, y,
		                  e->tag_count ? 6 : 3, e->tag_count ? "#e0a100" : "#2e7d5b");
		for (size_t t2 = 0; t2 < e->tag_count; t2++) {
			grille_buf_printf(out, "<text x=\"%.1f\" y=\"%.1f\">", x + 6, y - 8 - 12.0 * (double)t2);
			html__text(out, e->tags[t2]);
			grille_buf_puts(out, "</text>\n");
		}
	}
	grille_buf_printf(out, "<text x=\"%d\" y=\"%d\">", PAD, H + 20);
	html__text(out, log->entries[log->count - 1].date);
	grille_buf_printf(out, "</text>\n<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", W - 10, H + 20);
	html__text(out, log->entries[0].date);
	grille_buf_puts(out, "</text>\n</svg>\n<figcaption>");
	html__text(out, W_(r->language, "Le nombre de réponses à chaque jalon ; les jalons nommés sont en orange."));
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
	html__text(out, W_(r->language, "Version git"));
	grille_buf_puts(out, "</dt><dd>");
	if (r->revision[0]) {
		grille_buf_put(out, r->revision, 12);
		if (r->dirty) {
			grille_buf_puts(out, " ");
			html__text(out, W_(r->language, "(avec des changements pas encore enregistrés)"));
		}
	} else {
		html__text(out, W_(r->language, "pas d'historique"));
	}
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

static int html_begin(void **state, grille_buf *out, const struct report *r)
{
	html__page_start(out, r, style, r->guidance ? ".guidance{color:#444;margin:0 0 1rem}" : NULL);
	title_block(out, r);
	toc(out, r);
	grille_buf_puts(out, "<main>\n<section id=\"progression\">\n<h2>");
	html__text(out, W_(r->language, "Progression"));
	grille_buf_puts(out, "</h2>\n");
	progress_chart(out, r);
	progress_table(out, r);
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
	grille_buf_oom_from(out, &foot);
	grille_buf_release(&foot);
	grille_buf_puts(out, "</footer>\n</body>\n</html>\n");
	return report__flush(r, out);
}

const struct report_format report_html_format = { 1, html_begin, html_steps, html_end };
