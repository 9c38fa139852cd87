#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "report.h"
#include "report_html.h"
#include "wording.h"

/* The HTML report's pictures, inline SVG, each with its numbers in words
 * (its text alternative) and in a table beside it: progress per step, and
 * answers over the milestones. */

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
	report__progress_description(&desc, r);
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
/* The day a time in seconds falls on, rounded down (before 1970 too). */
static long day_of(double seconds)
{
	long day = (long)(seconds / 86400.0);
	return (double)day * 86400.0 > seconds ? day - 1 : day;
}

static void day_axis(grille_buf *out, const char *language, double first, double last)
{
	long from = day_of(first), to = day_of(last);
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

void report_html__milestones(grille_buf *out, const struct report *r)
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

void report_html__progress(grille_buf *out, const struct report *r)
{
	/* One block: printed, the chart never leaves its caption and table behind. */
	grille_buf_puts(out, "<div class=\"keep\">\n");
	progress_chart(out, r);
	progress_table(out, r);
	grille_buf_puts(out, "</div>\n");
}
