#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "parallel.h"
#include "report.h"
#include "wording.h"
#include "report_positions.h"
#include "report_html.h"
#include "report_sections.h"
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
	"th{background:#eef5f1}td.n{text-align:right}.date{white-space:nowrap}table.progress,#plan table{width:100%}"
	/* Small headers: the numbers' columns narrow, the steps' titles on few lines. */
	"table.progress thead th{font-size:.8em;font-weight:normal}table.progress th,table.progress td{padding:.25rem .4rem}"
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
	"table.progress,figure,svg,.keep,tr,.choice,.later>li,.aside>li{break-inside:avoid}h2,h3,h4,caption,.group-title,figure.with-table{break-after:avoid}"
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

void html__wrapped(grille_buf *out, const char *open, const char *s, const char *close)
{
	grille_buf_puts(out, open);
	html__text(out, s);
	grille_buf_puts(out, close);
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

/* Answers rendered ahead, on several threads, for the step of a window that
 * alone must be rendered: in the order step_section() shows them. */
struct answers {
	const grille_question_status **questions;
	grille_buf *html;
	size_t count, next;
	const struct report *r;
	cmark_llist *ext;
	size_t width;
};

/* Whether step_section() shows an answer under `qs`: answered, or holding positions. */
static int shows_answer(const grille_question_status *qs)
{
	return qs->state == GRILLE_STATE_ANSWERED || report__has_positions(qs);
}

/* What a question shows under its heading: the members' positions, then the answer. */
static int question_body(grille_buf *out, const struct report *r, const grille_question_status *qs, cmark_llist *ext)
{
	int error = report__has_positions(qs) ? report_html__positions(out, r, qs, ext) : 0;
	return error ? error : answer(out, r, qs, ext);
}

static int step_section(grille_buf *out, const struct report *r, const grille_step_status *st, cmark_llist *ext,
                        struct answers *ahead)
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
			answered += shows_answer(&it->questions[q]);
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
			if (!shows_answer(qs))
				continue;
			grille_buf_puts(out, "<h4 id=\"");
			html__anchor(out, "q-", qs->id);
			grille_buf_puts(out, "\"><span class=\"id\">");
			html__text(out, qs->id);
			grille_buf_puts(out, "</span> ");
			html__text(out, qs->text);
			grille_buf_puts(out, "</h4>\n");
			if (ahead && ahead->next < ahead->count && ahead->questions[ahead->next] == qs) {
				grille_buf *html = &ahead->html[ahead->next++];
				grille_buf_put(out, html->ptr ? html->ptr : "", html->len);
				grille_buf_oom_from(out, html);
				grille_buf_release(html);
			} else {
				error = question_body(out, r, qs, ext);
			}
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
	unsigned char *taken; /* per step: its kept section is in parts[] */
	size_t first; /* the window's first step */
	struct report_sections *kept; /* the sections kept from the last report (NULL: none) */
	struct answers *ahead;        /* the lone step to render: its answers rendered ahead */
};

/* A step's section, kept from the last report when nothing it shows changed;
 * else rendered, made fit for HTML here (on this thread) and kept. */
static int render_section(size_t index, void *arg)
{
	struct sections *s = arg;
	size_t step = s->first + index;
	const grille_step_status *st = &s->r->status->steps[step];
	grille_buf *part = &s->parts[step];
	if (!report__shows(s->r, st) || s->taken[step])
		return 0;
	int error = step_section(part, s->r, st, s->ext, s->ahead);
	if (!error)
		error = report__clean(s->r, part);
	if (!error && s->kept)
		report_sections__keep(s->kept, step, part->ptr, part->len);
	return error;
}

/* A share of the lone step's answers, rendered on one thread. */
static int render_ahead(size_t index, void *arg)
{
	struct answers *a = arg;
	size_t from = a->count * index / a->width, to = a->count * (index + 1) / a->width;
	int error = 0;
	for (size_t i = from; !error && i < to; i++)
		error = question_body(&a->html[i], a->r, a->questions[i], a->ext);
	return error;
}

/* The answers step `st` shows, rendered ahead on `width` threads (each its own share). */
static int answers_ahead(struct answers *a, const struct report *r, const grille_step_status *st, cmark_llist *ext,
                         size_t width)
{
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	size_t count = 0;
	for (const grille_question_status *q; (q = grille_step_next_question(st, &cursor));)
		count += shows_answer(q);
	*a = (struct answers){ calloc(count ? count : 1, sizeof(*a->questions)), calloc(count ? count : 1, sizeof(*a->html)),
	                       0, 0, r, ext, width };
	if (!a->questions || !a->html)
		return error__oom();
	/* In the order step_section() shows them: items in order, the answered questions of each. */
	for (size_t i = 0; i < st->item_count; i++)
		for (size_t q = 0; q < st->items[i].question_count; q++)
			if (shows_answer(&st->items[i].questions[q]))
				a->questions[a->count++] = &st->items[i].questions[q];
	return parallel__for(width, width, render_ahead, a);
}

static void answers_release(struct answers *a)
{
	for (size_t i = 0; a->html && i < a->count; i++)
		grille_buf_release(&a->html[i]);
	free(a->html);
	free((void *)a->questions);
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
	report_html__progress(out, r);
	grille_buf_puts(out, "</section>\n");
	int error = report__flush(r, out);
	struct sections *sections = calloc(1, sizeof(*sections));
	*state = sections;
	if (!error && sections) {
		sections->r = r;
		sections->ext = report__extensions();
		sections->parts = calloc(r->status->step_count + 1, sizeof(grille_buf));
		sections->taken = calloc(r->status->step_count + 1, 1);
		sections->kept = r->sections; /* opened and looked up with the status (report.c) */
	}
	return error ? error : sections && sections->parts && sections->taken ? 0 : error__oom();
}

/* Steps render a few at a time, in parallel, and go out in order: only
 * the texts and pages of those few are in memory. A window with a single
 * step to render (the others kept, or the last window) renders its answers
 * on every thread. */
static int html_steps(void *state, grille_buf *out, const struct report *r, size_t first, size_t count)
{
	struct sections *sections = state;
	(void)out;
	sections->first = first;
	size_t todo = 0, lone = first, width = parallel__width(r->ws ? r->ws->threads : 0);
	for (size_t i = first; i < first + count; i++) {
		sections->taken[i] = sections->kept && report_sections__held(sections->kept, i);
		if (!sections->taken[i] && report__shows(r, &r->status->steps[i])) {
			todo++;
			lone = i;
		}
	}
	int error = 0;
	struct answers ahead = { 0 };
	if (todo == 1 && width > 1) {
		error = answers_ahead(&ahead, r, &r->status->steps[lone], sections->ext, width);
		sections->ahead = &ahead;
		if (!error)
			error = render_section(lone - first, sections);
		sections->ahead = NULL;
		answers_release(&ahead);
	} else if (todo) {
		error = parallel__for(count, count, render_section, sections);
	}
	for (size_t i = first; i < first + count; i++) {
		if (!error && sections->taken[i]) /* sent from the kept file, fit when it was kept */
			error = report_sections__send(sections->kept, i);
		else if (!error) /* made fit by render_section() */
			error = report__send(r, &sections->parts[i]);
		grille_buf_release(&sections->parts[i]);
	}
	return error;
}

static int html_end(void *state, grille_buf *out, const struct report *r, int error)
{
	struct sections *sections = state;
	if (sections) {
		free(sections->parts);
		free(sections->taken);
		report__extensions_free(sections->ext);
		free(sections);
	}
	if (error)
		return error;
	error = report_html__group(out, r);
	if (error)
		return error;
	report_html__milestones(out, r);
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
