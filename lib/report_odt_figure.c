#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libxml_load.h"

#include "date.h"
#include "grille/error.h"
#include "errors.h"
#include "report.h"
#include "report_odt.h"
#include "wording.h"

/* The OpenDocument report's pictures: the progress of each step and the
 * answers over the milestones, each an SVG drawing embedded in the
 * document (LibreOffice 7.4 and later draws SVG, and prints it as
 * vectors), with its title and description for those who cannot see it,
 * its caption, and the table that gives the same numbers under it. The
 * SVG is written with the same libxml2 calls as the document, so its
 * texts are escaped the same way. */

/* The colours of the states, as the HTML report has them (grille_state's order). */
static const char *const colours[GRILLE_STATE_COUNT] = {
	"#2e7d5b", "#d9d9d9", "#9e9e9e", "#e0a100", "#b3261e",
};
/* Whether a state's colour is dark enough for a white number on it. */
static const int dark[GRILLE_STATE_COUNT] = { 1, 0, 0, 0, 1 };

/* An SVG drawing being written into memory. */
struct svg {
	xmlBufferPtr buffer;
	struct odt_writer writer;
};

/* Open the drawing, its title and description first (the same as the frame's). */
static W svg_open(struct svg *s, W document, int width, int height, const char *title, const char *desc)
{
	/* The document loaded libxml2 already: this only says so again. */
	s->buffer = libxml__load() == 0 ? libxml.xmlBufferCreate() : NULL;
	s->writer.xml = s->buffer ? libxml.xmlNewTextWriterMemory(s->buffer, 0) : NULL;
	s->writer.error = 0;
	if (!s->writer.xml) {
		odt__no_memory(document);
		s->writer.error = GRILLE_ENOMEM; /* every later call does nothing */
		return &s->writer;
	}
	W w = &s->writer;
	char size[32];
	odt__start(w, "svg");
	odt__attr(w, "xmlns", "http://www.w3.org/2000/svg");
	snprintf(size, sizeof(size), "%d", width);
	odt__attr(w, "width", size);
	snprintf(size, sizeof(size), "%d", height);
	odt__attr(w, "height", size);
	snprintf(size, sizeof(size), "0 0 %d %d", width, height);
	odt__attr(w, "viewBox", size);
	odt__attr(w, "font-family", "Liberation Sans, Arial, sans-serif");
	odt__attr(w, "font-size", "12");
	odt__start(w, "title");
	odt__put(w, title);
	odt__end(w);
	odt__start(w, "desc");
	odt__put(w, desc);
	odt__end(w);
	return w;
}

static void svg_release(struct svg *s)
{
	if (s->writer.xml)
		libxml.xmlFreeTextWriter(s->writer.xml);
	if (s->buffer)
		libxml.xmlBufferFree(s->buffer);
}

/* An element with numeric attributes, in pairs ending with NULL. */
static void shape(W w, const char *name, const char *fill, const char *attr, double value, ...)
{
	odt__start(w, name);
	va_list ap;
	va_start(ap, value);
	for (; attr; attr = va_arg(ap, const char *), value = attr ? va_arg(ap, double) : 0) {
		char number[32];
		snprintf(number, sizeof(number), "%.1f", value);
		odt__attr(w, attr, number);
	}
	va_end(ap);
	if (fill)
		odt__attr(w, strcmp(name, "line") == 0 || strcmp(name, "polyline") == 0 ? "stroke" : "fill", fill);
	odt__end(w);
}

/* A text at (x, y), anchored "start", "middle" or "end". */
static void label(W w, double x, double y, const char *anchor, const char *fill, const char *text)
{
	char number[32];
	odt__start(w, "text");
	snprintf(number, sizeof(number), "%.1f", x);
	odt__attr(w, "x", number);
	snprintf(number, sizeof(number), "%.1f", y);
	odt__attr(w, "y", number);
	if (strcmp(anchor, "start") != 0)
		odt__attr(w, "text-anchor", anchor);
	if (fill)
		odt__attr(w, "fill", fill);
	odt__put(w, text);
	odt__end(w);
}

/* The drawing in the document, `width_cm` wide, in its own paragraph with
 * its title and description; then its caption. */
static void figure(W document, struct svg *s, int width, int height, const char *title, const char *desc,
                   const char *caption)
{
	W w = &s->writer;
	odt__end(w); /* svg */
	if (!w->error && libxml.xmlTextWriterEndDocument(w->xml) < 0)
		w->error = GRILLE_ERROR;
	if (w->error) {
		if (w->error == GRILLE_ENOMEM)
			odt__no_memory(document);
		else
			document->error = w->error;
		return;
	}
	libxml.xmlFreeTextWriter(w->xml); /* flushes into the buffer */
	w->xml = NULL;
	char cm[32];
	odt__start(document, "text:p");
	odt__attr(document, "text:style-name", "Grille_20_Figure");
	odt__start(document, "draw:frame");
	odt__attr(document, "draw:name", title);
	odt__attr(document, "text:anchor-type", "as-char");
	snprintf(cm, sizeof(cm), "%.2fcm", 17.0 * (width > 680 ? 1.0 : width / 680.0));
	odt__attr(document, "svg:width", cm);
	snprintf(cm, sizeof(cm), "%.2fcm", 17.0 * (width > 680 ? 1.0 : width / 680.0) * height / width);
	odt__attr(document, "svg:height", cm);
	odt__start(document, "draw:image");
	odt__attr(document, "draw:mime-type", "image/svg+xml");
	odt__start(document, "office:binary-data");
	if (!document->error && libxml.xmlTextWriterWriteBase64(document->xml, (const char *)libxml.xmlBufferContent(s->buffer), 0,
	                                                 libxml.xmlBufferLength(s->buffer)) < 0)
		document->error = GRILLE_ERROR;
	odt__end(document);
	odt__end(document); /* draw:image */
	odt__start(document, "svg:title");
	odt__put(document, title);
	odt__end(document);
	odt__start(document, "svg:desc");
	odt__put(document, desc);
	odt__end(document);
	odt__end(document); /* draw:frame */
	odt__end(document);
	odt__para(document, "Caption", caption);
}

/* Answered first, then what is decided, then what is left: as the HTML's bars. */
static const grille_state bar_order[] = { GRILLE_STATE_ANSWERED, GRILLE_STATE_SKIPPED, GRILLE_STATE_DEFERRED,
                                          GRILLE_STATE_CONFLICT, GRILLE_STATE_UNANSWERED };

static void progress_chart(W document, const struct report *r)
{
	enum { LABEL = 80, BAR = 480, ROW = 30, WIDTH = 680 };
	size_t rows = 0;
	for (size_t s = 0; s < r->status->step_count; s++)
		rows += report__shows(r, &r->status->steps[s]);
	int height = (int)(rows * ROW) + 40;
	/* The text alternative: every number of the chart, in words. */
	const char *title = W_(r->language, "Progression par étape");
	grille_buf desc = GRILLE_BUF_INIT;
	report__progress_description(&desc, r);
	odt__lost(document, &desc);
	struct svg s = { 0 };
	W w = svg_open(&s, document, WIDTH, height, title, desc.ptr);
	double y = 6;
	for (size_t i = 0; i < r->status->step_count; i++) {
		const grille_step_status *st = &r->status->steps[i];
		if (!report__shows(r, st))
			continue;
		grille_buf text = GRILLE_BUF_INIT;
		grille_buf_printf(&text, W_(r->language, "Étape %s"), st->id);
		odt__lost(document, &text);
		label(w, 0, y + 16, "start", NULL, text.ptr);
		double x = LABEL;
		for (size_t k = 0; k < GRILLE_STATE_COUNT; k++) {
			grille_state state = bar_order[k];
			size_t n = st->counts[state];
			if (!n || !st->question_count)
				continue;
			double width = (double)BAR * (double)n / (double)st->question_count;
			shape(w, "rect", colours[state], "x", x, "y", y, "width", width, "height", (double)ROW - 10, NULL);
			if (width >= 22) { /* the number in its segment, when it fits */
				grille_buf_clear(&text);
				grille_buf_printf(&text, "%zu", n);
				label(w, x + width / 2, y + 15, "middle", dark[state] ? "#ffffff" : "#222222", text.ptr);
			}
			x += width;
		}
		/* The same total as the table's "Questions" column. */
		grille_buf_clear(&text);
		grille_buf_printf(&text, WN_(r->language, "%zu question", "%zu questions", st->question_count), st->question_count);
		odt__lost(document, &text);
		label(w, LABEL + BAR + 8, y + 15, "start", NULL, text.ptr);
		grille_buf_release(&text);
		y += ROW;
	}
	/* The legend */
	for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
		double x = 130.0 * k;
		shape(w, "rect", colours[k], "x", x, "y", y + 8, "width", 12.0, "height", 12.0, NULL);
		label(w, x + 16, y + 19, "start", NULL, report__state_label(r->language, (grille_state)k));
	}
	figure(document, &s, WIDTH, height, title, desc.ptr,
	       W_(r->language, "Chaque barre montre les questions d'une étape : répondues, mises de côté, pour plus tard, "
	                        "en conflit, puis sans réponse. Le tableau ci-dessous donne les mêmes nombres."));
	svg_release(&s);
	grille_buf_release(&desc);
}

static void progress_table(W w, const struct report *r)
{
	odt__table_start_columns(w, "LSSSSSS");
	const char *head[2 + GRILLE_STATE_COUNT] = { W_(r->language, "Étape"), W_(r->language, "Questions") };
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		head[2 + k] = report__state_label(r->language, (grille_state)k);
	odt__row(w, head, 2 + GRILLE_STATE_COUNT, 1);
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		grille_buf step = GRILLE_BUF_INIT;
		grille_buf_printf(&step, "%s. %s", st->id, st->title);
		odt__lost(w, &step);
		odt__row_start(w);
		odt__cell(w, "Table_20_Contents", step.ptr);
		grille_buf_release(&step);
		char number[24];
		snprintf(number, sizeof(number), "%zu", st->question_count);
		odt__cell(w, "Grille_20_Number", number);
		for (int k = 0; k < GRILLE_STATE_COUNT; k++) {
			snprintf(number, sizeof(number), "%zu", st->counts[k]);
			odt__cell(w, "Grille_20_Number", number);
		}
		odt__end(w);
	}
	odt__end(w);
}

void report_odt__progress(W w, const struct report *r)
{
	/* On a page of its own, after the table of contents: the chart and its table stay together. */
	odt__heading_marked(w, 2, W_(r->language, "Progression"), "Step", ODT_MARK_PROGRESS);
	progress_chart(w, r);
	progress_table(w, r);
}

/* A commit's time, in seconds, from its date "YYYY-MM-DD HH:MM:SS …" (0: unreadable). */
static double seconds_of(const char *date)
{
	char day[11];
	long number;
	int h = 0, m = 0, s = 0;
	snprintf(day, sizeof(day), "%s", date ? date : "");
	if (date__day_number(&number, day) < 0)
		return 0;
	if (strlen(date) > 11)
		(void)sscanf(date + 11, "%2d:%2d:%2d", &h, &m, &s);
	return (double)number * 86400 + h * 3600 + m * 60 + s;
}

/* Where milestone `i` stands on the time axis, from 0 to 1: by its date, or
 * by its rank when the dates do not tell them apart (all the same second). */
static double position(const grille_log *log, size_t i, double first, double last)
{
	if (last > first)
		return (seconds_of(log->entries[i].date) - first) / (last - first);
	return log->count > 1 ? (double)(log->count - 1 - i) / (double)(log->count - 1) : 0.5;
}

/* A step of the count scale that gives no more than five lines: 1, 2, 5, 10, 20, 50… */
static size_t scale_step(size_t most)
{
	static const size_t mantissa[] = { 1, 2, 5 };
	for (size_t power = 1;; power *= 10)
		for (size_t k = 0; k < 3; k++)
			if (most <= 5 * mantissa[k] * power || power > SIZE_MAX / 100)
				return mantissa[k] * power;
}

/* A commit's day, "1 déc.", from its date "YYYY-MM-DD HH:MM:SS +ZZZZ". */
static void milestone_day(grille_buf *out, const char *language, const char *date)
{
	char day[11];
	snprintf(day, sizeof(day), "%s", date);
	report__date_short(out, language, day);
}

static void timeline_chart(W document, const struct report *r)
{
	const grille_log *log = r->log;
	enum { WIDTH = 680, HEIGHT = 230, LEFT = 44, RIGHT = 20, TOP = 24, BASE = 196 };
	double first = seconds_of(log->entries[log->count - 1].date), last = seconds_of(log->entries[0].date);
	size_t most = 1;
	for (size_t i = 0; i < log->count; i++)
		if (log->entries[i].answered > most)
			most = log->entries[i].answered;
	size_t step = scale_step(most);
	size_t top = (most + step - 1) / step * step;
	const char *title = W_(r->language, "Réponses au fil des jalons");
	grille_buf points = GRILLE_BUF_INIT, desc = GRILLE_BUF_INIT;
	grille_buf_printf(&desc, "%s%s", title, W_(r->language, " : "));
	for (size_t i = log->count; i-- > 0;) {
		grille_buf date = GRILLE_BUF_INIT;
		milestone_day(&date, r->language, log->entries[i].date);
		grille_buf_printf(&desc, WN_(r->language, "%s : %zu réponse. ", "%s : %zu réponses. ", log->entries[i].answered),
		                  date.ptr ? date.ptr : "", log->entries[i].answered);
		grille_buf_oom_from(&desc, &date);
		grille_buf_release(&date);
	}
	odt__lost(document, &desc);
	struct svg s = { 0 };
	W w = svg_open(&s, document, WIDTH, HEIGHT, title, desc.ptr);
	/* The count scale: a light line at each step, its number at the left. */
	for (size_t n = 0; n <= top; n += step) {
		double y = BASE - (double)n * (BASE - TOP) / (double)top;
		char number[24];
		snprintf(number, sizeof(number), "%zu", n);
		shape(w, "line", n ? "#dddddd" : "#888888", "x1", (double)LEFT, "y1", y, "x2", (double)WIDTH - RIGHT, "y2", y, NULL);
		label(w, LEFT - 6, y + 4, "end", "#555555", number);
	}
	double last_label = -1000;
	for (size_t i = log->count; i-- > 0;) {
		const grille_log_entry *e = &log->entries[i];
		double x = LEFT + position(log, i, first, last) * (WIDTH - LEFT - RIGHT - 10);
		double y = BASE - (double)e->answered * (BASE - TOP) / (double)top;
		grille_buf_printf(&points, "%.1f,%.1f ", x, y);
		/* A date under a milestone when it does not run into the one before. */
		if (x - last_label >= 60) {
			grille_buf date = GRILLE_BUF_INIT;
			milestone_day(&date, r->language, e->date);
			odt__lost(document, &date);
			shape(w, "line", "#888888", "x1", x, "y1", (double)BASE, "x2", x, "y2", (double)BASE + 5, NULL);
			label(w, x, BASE + 18, "middle", "#333333", date.ptr);
			grille_buf_release(&date);
			last_label = x;
		}
	}
	odt__lost(document, &points);
	odt__start(w, "polyline");
	odt__attr(w, "points", points.ptr);
	odt__attr(w, "fill", "none");
	odt__attr(w, "stroke", "#2e7d5b");
	odt__attr(w, "stroke-width", "2");
	odt__end(w);
	grille_buf_release(&points);
	for (size_t i = log->count; i-- > 0;) {
		const grille_log_entry *e = &log->entries[i];
		double x = LEFT + position(log, i, first, last) * (WIDTH - LEFT - RIGHT - 10);
		double y = BASE - (double)e->answered * (BASE - TOP) / (double)top;
		shape(w, "circle", e->tag_count ? "#e0a100" : "#2e7d5b", "cx", x, "cy", y, "r", e->tag_count ? 6.0 : 3.5, NULL);
		/* Its names beside it, to its left near the right edge so that they stay in the picture. */
		int left = x > WIDTH - 140;
		for (size_t t = 0; t < e->tag_count && t < 3; t++)
			label(w, left ? x - 9 : x + 9, y - 8 - 13.0 * (double)t, left ? "end" : "start", "#7a5800", e->tags[t]);
	}
	figure(document, &s, WIDTH, HEIGHT, title, desc.ptr,
	       W_(r->language, "Le nombre de réponses à chaque jalon ; les jalons nommés sont en orange."));
	svg_release(&s);
	grille_buf_release(&desc);
}

/* The milestones in a table, newest first: the same facts as the chart. */
static void milestones_table(W w, const struct report *r)
{
	const char *head[] = { W_(r->language, "Date"), W_(r->language, "Jalon"), W_(r->language, "Par"),
	                       W_(r->language, "Réponses") };
	odt__table_start_columns(w, "MXMS");
	odt__row(w, head, 4, 1);
	for (size_t i = 0; i < r->log->count; i++) {
		const grille_log_entry *e = &r->log->entries[i];
		grille_buf date = GRILLE_BUF_INIT, what = GRILLE_BUF_INIT, person = GRILLE_BUF_INIT;
		char day[11]; /* the date of "YYYY-MM-DD HH:MM:SS +ZZZZ" */
		snprintf(day, sizeof(day), "%s", e->date);
		report__date_long(&date, r->language, day);
		grille_buf_puts(&what, e->summary);
		for (size_t t = 0; t < e->tag_count; t++)
			grille_buf_printf(&what, "%s%s%s", t ? ", " : " [", e->tags[t], t + 1 == e->tag_count ? "]" : "");
		report__person(&person, r, e->author, e->email);
		odt__lost(w, &date);
		odt__lost(w, &what);
		odt__lost(w, &person);
		char answers[48];
		snprintf(answers, sizeof(answers), "%zu (%+ld)", e->answered, e->delta);
		odt__row_start(w);
		odt__cell(w, "Table_20_Contents", date.ptr);
		odt__cell(w, "Table_20_Contents", what.ptr);
		odt__cell(w, "Table_20_Contents", person.ptr);
		odt__cell(w, "Grille_20_Number", answers);
		odt__end(w);
		grille_buf_release(&date);
		grille_buf_release(&what);
		grille_buf_release(&person);
	}
	odt__end(w);
}

void report_odt__milestones(W w, const struct report *r)
{
	odt__heading_marked(w, 2, W_(r->language, "Jalons"), NULL, ODT_MARK_MILESTONES);
	if (report__partial_history(r))
		odt__para(w, "Text_20_body", report__partial_history(r));
	if (!r->log || !r->log->count) {
		odt__para(w, "Text_20_body", W_(r->language, "Pas encore d'historique : les jalons apparaîtront avec grille commit."));
		return;
	}
	timeline_chart(w, r);
	milestones_table(w, r);
}
