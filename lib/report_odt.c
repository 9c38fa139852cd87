#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libxml_load.h"

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "report.h"
#include "wording.h"
#include "report_positions.h"
#include "report_odt.h"
#include "typo.h"

/* The report as a flat OpenDocument text (.fodt): one XML file LibreOffice
 * opens and edits, written with libxml2 so every text is escaped as XML
 * requires. Headings use LibreOffice's own heading styles; the answers are
 * written by lib/report_odt_answer.c, the charts by lib/report_odt_figure.c,
 * the styles by lib/report_odt_style.c. */

#define X(s) BAD_CAST(s)

static void check(W w, int rc)
{
	if (rc < 0 && !w->error)
		w->error = GRILLE_ERROR;
}

/* A piece built apart, or a copy, that ran out of memory: the text is incomplete. */
void odt__no_memory(W w)
{
	if (!w->error)
		w->error = GRILLE_ENOMEM;
}

void odt__lost(W w, const grille_buf *piece)
{
	if (grille_buf_oom(piece))
		odt__no_memory(w);
}

void odt__start(W w, const char *name)
{
	if (!w->error)
		check(w, libxml.xmlTextWriterStartElement(w->xml, X(name)));
}

void odt__end(W w)
{
	if (!w->error)
		check(w, libxml.xmlTextWriterEndElement(w->xml));
}

/* Every text and attribute value goes through here: libxml2 escapes markup,
 * and the characters XML 1.0 forbids (C0 controls, noncharacters, bytes that
 * are not UTF-8) become U+FFFD first, whatever the group or a library wrote. */
static void write_text(W w, const char *attr_name, const char *text)
{
	if (w->error)
		return;
	grille_buf clean = GRILLE_BUF_INIT;
	const char *value = text ? text : "";
	size_t len = strlen(value);
	if (!grille_text_is_clean(value, len, GRILLE_TEXT_MARKUP)) {
		if (grille_text_clean(&clean, value, len, GRILLE_TEXT_MARKUP) < 0)
			odt__no_memory(w);
		value = clean.ptr && !w->error ? clean.ptr : ""; /* never invalid XML */
	}
	if (attr_name)
		check(w, libxml.xmlTextWriterWriteAttribute(w->xml, X(attr_name), X(value)));
	else
		check(w, libxml.xmlTextWriterWriteString(w->xml, X(value)));
	grille_buf_release(&clean);
}

void odt__attr(W w, const char *name, const char *value) { write_text(w, name, value); }

void odt__put_raw(W w, const char *text) { write_text(w, NULL, text); }

/* Text for print, with French typography (typo.h). */
void odt__put(W w, const char *text)
{
	grille_buf french = GRILLE_BUF_INIT;
	if (text && typo__french(&french, text, strlen(text)) == 0 && french.ptr)
		text = french.ptr;
	write_text(w, NULL, text);
	grille_buf_release(&french);
}

void odt__para(W w, const char *style, const char *text)
{
	odt__start(w, "text:p");
	odt__attr(w, "text:style-name", style);
	odt__put(w, text);
	odt__end(w);
}

void odt__heading(W w, int level, const char *text, const char *style)
{
	odt__heading_marked(w, level, text, style, NULL);
}

void odt__heading_marked(W w, int level, const char *text, const char *style, const char *bookmark)
{
	char name[32], outline[4];
	snprintf(name, sizeof(name), "Heading_20_%d", level);
	snprintf(outline, sizeof(outline), "%d", level);
	odt__start(w, "text:h");
	odt__attr(w, "text:style-name", style ? style : name);
	odt__attr(w, "text:outline-level", outline);
	if (bookmark) {
		odt__start(w, "text:bookmark");
		odt__attr(w, "text:name", bookmark);
		odt__end(w);
	}
	odt__put(w, text);
	odt__end(w);
}


void odt__para_printf(W w, const char *style, const char *fmt, ...)
{
	grille_buf text = GRILLE_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	grille_buf_vprintf(&text, fmt, ap);
	va_end(ap);
	odt__lost(w, &text);
	odt__para(w, style, text.ptr);
	grille_buf_release(&text);
}

void odt__table_start_columns(W w, const char *columns)
{
	odt__start(w, "table:table");
	odt__attr(w, "table:style-name", "Grid");
	for (const char *c = columns; *c; c++) {
		odt__start(w, "table:table-column");
		odt__attr(w, "table:style-name", odt__column_style(*c));
		odt__end(w);
	}
}

void odt__table_start(W w, size_t columns)
{
	char repeat[24];
	snprintf(repeat, sizeof(repeat), "%zu", columns);
	odt__start(w, "table:table");
	odt__attr(w, "table:style-name", "Grid");
	odt__start(w, "table:table-column");
	odt__attr(w, "table:number-columns-repeated", repeat);
	odt__end(w);
}

void odt__cell(W w, const char *style, const char *text)
{
	int heading = style && strcmp(style, "Table_20_Heading") == 0;
	odt__start(w, "table:table-cell");
	odt__attr(w, "table:style-name", heading ? "HeadCell" : "Cell");
	odt__attr(w, "office:value-type", "string");
	odt__para(w, style, text ? text : "");
	odt__end(w);
}

void odt__row_start(W w)
{
	odt__start(w, "table:table-row");
	odt__attr(w, "table:style-name", "Row");
}

void odt__row(W w, const char *const *cells, size_t count, int heading)
{
	if (heading)
		odt__start(w, "table:table-header-rows");
	odt__row_start(w);
	for (size_t i = 0; i < count; i++)
		odt__cell(w, heading ? "Table_20_Heading" : "Table_20_Contents", cells[i]);
	odt__end(w);
	if (heading)
		odt__end(w);
}

void odt__simple_table(W w, size_t columns, const char *const *cells, size_t count)
{
	odt__table_start(w, columns);
	for (size_t i = 0; i < count; i += columns)
		odt__row(w, cells + i, count - i < columns ? count - i : columns, i == 0);
	odt__end(w);
}

static void question_line(const char *language, W w, const grille_question_status *q)
{
	grille_buf line = GRILLE_BUF_INIT;
	report__question_text(&line, language, q);
	odt__lost(w, &line);
	odt__start(w, "text:list-item");
	odt__para(w, "Text_20_body", line.ptr);
	odt__end(w);
	grille_buf_release(&line);
}

/* The version in words; its git number in a footnote, for whoever needs it. */
static void version_line(W w, const struct report *r)
{
	grille_buf version = GRILLE_BUF_INIT, line = GRILLE_BUF_INIT, note = GRILLE_BUF_INIT;
	report__version_text(&version, r);
	grille_buf_printf(&line, W_(r->language, "Version : %s"), version.ptr ? version.ptr : "");
	grille_buf_oom_from(&line, &version);
	report__revision_note(&note, r);
	odt__lost(w, &line);
	odt__lost(w, &note);
	odt__start(w, "text:p");
	odt__attr(w, "text:style-name", "Text_20_body");
	odt__put(w, line.ptr);
	if (note.len) {
		odt__start(w, "text:note");
		odt__attr(w, "text:id", "grille-version-git");
		odt__attr(w, "text:note-class", "footnote");
		odt__start(w, "text:note-citation");
		odt__put(w, "1");
		odt__end(w);
		odt__start(w, "text:note-body");
		odt__para(w, "Footnote", note.ptr);
		odt__end(w);
		odt__end(w);
	}
	odt__end(w);
	grille_buf_release(&version);
	grille_buf_release(&line);
	grille_buf_release(&note);
}

static void state_list(const char *language, W w, const grille_step_status *st, grille_state state, const char *title)
{
	int any = 0;
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		/* An item skipped or deferred as a whole says its mark once, its questions under it. */
		const grille_question_status *shared = report__item_mark(it, state);
		int under = 0;
		for (size_t q = 0; q < it->question_count; q++) {
			const grille_question_status *qs = &it->questions[q];
			if (qs->state != state)
				continue;
			if (!any++) {
				odt__heading(w, 3, title, NULL);
				odt__start(w, "text:list");
				odt__attr(w, "text:style-name", "List_20_Bullet");
			}
			if (shared && !under++) {
				grille_buf line = GRILLE_BUF_INIT;
				grille_buf_printf(&line, "%s %s", it->id, it->title);
				report__mark_tail(&line, language, shared);
				odt__lost(w, &line);
				odt__start(w, "text:list-item");
				odt__para(w, "Text_20_body", line.ptr);
				odt__start(w, "text:list");
				grille_buf_release(&line);
			}
			if (shared) {
				grille_buf line = GRILLE_BUF_INIT;
				grille_buf_printf(&line, "%s %s", qs->id, qs->text);
				odt__lost(w, &line);
				odt__start(w, "text:list-item");
				odt__para(w, "Text_20_body", line.ptr);
				odt__end(w);
				grille_buf_release(&line);
			} else {
				question_line(language, w, qs);
			}
		}
		if (under) {
			odt__end(w); /* the item's list */
			odt__end(w); /* the item's list item */
		}
	}
	if (any)
		odt__end(w);
}

static int step_section(W w, const struct report *r, const grille_step_status *st)
{
	grille_buf title = GRILLE_BUF_INIT;
	grille_buf_printf(&title, "%s. %s", st->id, st->title);
	odt__lost(w, &title);
	char mark[64];
	odt__step_mark(mark, sizeof(mark), st->id);
	odt__heading_marked(w, 2, title.ptr, "Step", mark);
	grille_buf_release(&title);
	grille_buf counts = GRILLE_BUF_INIT;
	report__step_counts(&counts, r->language, st);
	odt__lost(w, &counts);
	odt__para(w, "Text_20_body", counts.ptr);
	grille_buf_release(&counts);
	if (st->problem)
		odt__para(w, "Text_20_body", st->problem);
	if (odt__markdown(w, report__step_intro(r, st->id), 3, "Quotations") < 0)
		return error__oom();
	const char *group = NULL;
	for (size_t i = 0; i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		int shown = 0;
		for (size_t q = 0; q < it->question_count; q++) {
			char *markdown = report__answer_markdown(r, &it->questions[q]);
			enum report_data kind;
			int data = it->questions[q].state == GRILLE_STATE_ANSWERED && report__data_of(&it->questions[q], &kind);
			if (!markdown && !data && !report__has_positions(&it->questions[q]))
				continue;
			grille_buf t = GRILLE_BUF_INIT;
			if (!shown++) {
				if (it->group && (!group || strcmp(group, it->group) != 0))
					odt__para(w, "Group_20_Title", it->group);
				group = it->group;
				grille_buf_printf(&t, "%s %s", it->id, it->title);
				odt__lost(w, &t);
				odt__heading(w, 3, t.ptr, NULL);
				grille_buf_clear(&t);
				if (odt__markdown(w, report__item_guidance(r, it->id), 4, "Quotations") < 0) {
					grille_buf_release(&t);
					free(markdown);
					return error__oom();
				}
			}
			grille_buf_printf(&t, "%s %s", it->questions[q].id, it->questions[q].text);
			odt__lost(w, &t);
			odt__heading(w, 4, t.ptr, NULL);
			grille_buf_release(&t);
			if (report__has_positions(&it->questions[q]) && report_odt__positions(w, r, &it->questions[q]) < 0) {
				free(markdown);
				return error__oom();
			}
			if (data && kind == REPORT_DATA_PLAN) {
				grille_buf summary = GRILLE_BUF_INIT;
				report__plan_summary(&summary, r->language, r->group);
				odt__lost(w, &summary);
				odt__para(w, "Text_20_body", summary.ptr);
				grille_buf_release(&summary);
			} else if (data) {
				report_odt__data(w, r, kind, 5);
			}
			int error = odt__markdown(w, markdown, 5, "Grille_20_Answer");
			free(markdown);
			if (error)
				return error;
			grille_buf authors = GRILLE_BUF_INIT;
			if (report__authors_text(&authors, r, &it->questions[q])) {
				odt__lost(w, &authors);
				odt__para(w, "Grille_20_Authors", authors.ptr);
			}
			grille_buf_release(&authors);
		}
	}
	state_list(r->language, w, st, GRILLE_STATE_CONFLICT, W_(r->language, "En conflit"));
	state_list(r->language, w, st, GRILLE_STATE_UNANSWERED, W_(r->language, "Encore ouvertes"));
	state_list(r->language, w, st, GRILLE_STATE_DEFERRED, W_(r->language, "Pour plus tard"));
	state_list(r->language, w, st, GRILLE_STATE_SKIPPED, W_(r->language, "Mises de côté"));
	return 0;
}

static void appendix(W w, const struct report *r)
{
	report_odt__group(w, r);
	report_odt__milestones(w, r);
	odt__heading_marked(w, 2, W_(r->language, "Contributions"), NULL, ODT_MARK_CONTRIBUTIONS);
	int any = 0;
	for (size_t st = 0; r->who && st < r->who->step_count; st++) {
		const grille_who_step *ws = &r->who->steps[st];
		if (!ws->people_count || (r->step && strcmp(r->step, ws->id) != 0))
			continue;
		any = 1;
		grille_buf line = GRILLE_BUF_INIT;
		grille_buf_printf(&line, W_(r->language, "%s. %s : "), ws->id, ws->title);
		for (size_t p = 0; p < ws->people_count; p++) {
			grille_buf person = GRILLE_BUF_INIT;
			report__person(&person, r, ws->people[p].name, ws->people[p].email);
			grille_buf_printf(&line, WN_(r->language, "%s%s (%zu ligne)", "%s%s (%zu lignes)", ws->people[p].lines),
			                  p ? ", " : "", person.ptr ? person.ptr : "", ws->people[p].lines);
			grille_buf_oom_from(&line, &person);
			grille_buf_release(&person);
		}
		odt__lost(w, &line);
		odt__para(w, "Text_20_body", line.ptr);
		grille_buf_release(&line);
	}
	if (!any)
		odt__para(w, "Text_20_body", W_(r->language, "Aucune réponse enregistrée dans l'historique pour l'instant."));
	report_odt__strangers(w, r);
}

void odt__document_start(W w, const char *title)
{
	check(w, libxml.xmlTextWriterStartDocument(w->xml, NULL, "UTF-8", NULL));
	odt__start(w, "office:document");
	static const char *const ns[][2] = {
		{ "xmlns:office", "urn:oasis:names:tc:opendocument:xmlns:office:1.0" },
		{ "xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0" },
		{ "xmlns:text", "urn:oasis:names:tc:opendocument:xmlns:text:1.0" },
		{ "xmlns:table", "urn:oasis:names:tc:opendocument:xmlns:table:1.0" },
		{ "xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" },
		{ "xmlns:xlink", "http://www.w3.org/1999/xlink" },
		{ "xmlns:dc", "http://purl.org/dc/elements/1.1/" },
		{ "xmlns:meta", "urn:oasis:names:tc:opendocument:xmlns:meta:1.0" },
		{ "xmlns:draw", "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" },
		{ "xmlns:svg", "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" },
	};
	for (size_t i = 0; i < sizeof(ns) / sizeof(*ns); i++)
		odt__attr(w, ns[i][0], ns[i][1]);
	odt__attr(w, "office:version", "1.3");
	odt__attr(w, "office:mimetype", "application/vnd.oasis.opendocument.text");
	odt__start(w, "office:meta");
	odt__start(w, "dc:title");
	odt__put(w, title);
	odt__end(w);
	odt__start(w, "meta:generator");
	odt__put(w, "grille " GRILLE_VERSION);
	odt__end(w);
	odt__end(w);
	odt__styles(w, title);
	odt__start(w, "office:body");
	odt__start(w, "office:text");
}

void odt__document_end(W w)
{
	odt__end(w); /* office:text */
	odt__end(w); /* office:body */
	odt__end(w); /* office:document */
	if (!w->error)
		check(w, libxml.xmlTextWriterEndDocument(w->xml)); /* flushes to the sink */
}

void odt__step_mark(char *out, size_t size, const char *id)
{
	snprintf(out, size, "grille-step-%s", id);
}

/* A line of the table of contents: the part's title, a link to it, and
 * its page as a reference to its bookmark, a field LibreOffice computes
 * when it lays the pages out. */
static void contents_line(W w, const char *bookmark, const char *text)
{
	odt__start(w, "text:p");
	odt__attr(w, "text:style-name", "Contents_20_2");
	odt__start(w, "text:a");
	odt__attr(w, "xlink:type", "simple");
	grille_buf target = GRILLE_BUF_INIT;
	grille_buf_printf(&target, "#%s", bookmark);
	odt__lost(w, &target);
	odt__attr(w, "xlink:href", target.ptr);
	odt__attr(w, "text:style-name", "Index_20_Link");
	odt__attr(w, "text:visited-style-name", "Index_20_Link");
	grille_buf_release(&target);
	odt__put(w, text);
	odt__end(w);
	odt__start(w, "text:tab");
	odt__end(w);
	odt__start(w, "text:bookmark-ref");
	odt__attr(w, "text:reference-format", "page");
	odt__attr(w, "text:ref-name", bookmark);
	odt__put(w, "?");
	odt__end(w);
	odt__end(w);
}

/* How LibreOffice rebuilds the table when asked to (Tools > Update): the
 * headings of the first two outline levels, with their page. */
static void contents_source(W w, const char *title)
{
	odt__start(w, "text:table-of-content-source");
	odt__attr(w, "text:outline-level", "2");
	odt__attr(w, "text:use-index-marks", "false");
	odt__start(w, "text:index-title-template");
	odt__attr(w, "text:style-name", "Contents_20_Heading");
	odt__put(w, title);
	odt__end(w);
	for (int level = 1; level <= 2; level++) {
		char lv[4], style[32];
		snprintf(lv, sizeof(lv), "%d", level);
		snprintf(style, sizeof(style), "Contents_20_%d", level);
		odt__start(w, "text:table-of-content-entry-template");
		odt__attr(w, "text:outline-level", lv);
		odt__attr(w, "text:style-name", style);
		static const char *const parts[] = { "text:index-entry-link-start", "text:index-entry-text",
		                                     "text:index-entry-tab-stop", "text:index-entry-page-number",
		                                     "text:index-entry-link-end" };
		for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
			odt__start(w, parts[i]);
			if (strcmp(parts[i], "text:index-entry-link-start") == 0)
				odt__attr(w, "text:style-name", "Index_20_Link");
			if (strcmp(parts[i], "text:index-entry-tab-stop") == 0) {
				odt__attr(w, "style:type", "right");
				odt__attr(w, "style:leader-char", ".");
			}
			odt__end(w);
		}
		odt__end(w);
	}
	odt__end(w);
}

/* The table of contents, already filled with the report's parts in the
 * order the document shows them, so that it reads right before any update. */
static void table_of_contents(W w, const struct report *r)
{
	const char *title = W_(r->language, "Table des matières");
	odt__start(w, "text:table-of-content");
	odt__attr(w, "text:name", title);
	odt__attr(w, "text:protected", "true");
	contents_source(w, title);
	odt__start(w, "text:index-body");
	odt__start(w, "text:index-title");
	odt__attr(w, "text:name", title);
	odt__para(w, "Contents_20_Heading", title);
	odt__end(w);
	contents_line(w, ODT_MARK_PROGRESS, W_(r->language, "Progression"));
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		char mark[64];
		odt__step_mark(mark, sizeof(mark), st->id);
		grille_buf line = GRILLE_BUF_INIT;
		grille_buf_printf(&line, "%s. %s", st->id, st->title);
		odt__lost(w, &line);
		contents_line(w, mark, line.ptr);
		grille_buf_release(&line);
	}
	contents_line(w, ODT_MARK_MEMBERS, W_(r->language, "Membres et rôles"));
	contents_line(w, ODT_MARK_PLAN, W_(r->language, "Plan d'action"));
	contents_line(w, ODT_MARK_CALENDAR, W_(r->language, "Calendrier"));
	contents_line(w, ODT_MARK_MILESTONES, W_(r->language, "Jalons"));
	contents_line(w, ODT_MARK_CONTRIBUTIONS, W_(r->language, "Contributions"));
	odt__end(w); /* text:index-body */
	odt__end(w);
}

/* The document up to the steps. */
static void document_head(W w, const struct report *r)
{
	const grille_settings *s = r->settings;
	const char *title = s->title[0] ? s->title : grille_grid_title(r->grid);
	odt__document_start(w, title);
	odt__para(w, "Title", title);
	if (s->collective[0])
		odt__para(w, "Subtitle", s->collective);
	grille_buf round = GRILLE_BUF_INIT;
	if (report__round_line(&round, r))
		odt__para(w, "Text_20_body", round.ptr);
	grille_buf_release(&round);
	odt__para_printf(w, "Text_20_body", W_(r->language, "Date : %s"), r->today_text);
	odt__para_printf(w, "Text_20_body", W_(r->language, "Grille : %s (version %s), niveau de détail %d"), grille_grid_title(r->grid),
	            grille_grid_version(r->grid), s->level);
	version_line(w, r);
	table_of_contents(w, r);
	report_odt__progress(w, r);
}

/* The document after the steps. */
static void document_tail(W w, const struct report *r)
{
	appendix(w, r);
	odt__document_end(w);
}

/* libxml2 hands its output over in blocks: they go straight to the sink. */
static int write_block(void *ctx, const char *data, int len)
{
	struct odt_stream *s = ctx;
	if (!s->error)
		s->error = s->r->sink(s->r->sink_ctx, data, (size_t)len);
	return s->error ? -1 : len;
}

static int close_stream(void *ctx)
{
	(void)ctx;
	return 0;
}

int odt__open(struct odt_stream **out, const struct report *r)
{
	*out = NULL;
	int error = libxml__load();
	if (error)
		return error;
	struct odt_stream *s = calloc(1, sizeof(*s));
	*out = s;
	if (!s)
		return error__oom();
	s->r = r;
	xmlOutputBufferPtr ob = libxml.xmlOutputBufferCreateIO(write_block, close_stream, s, NULL);
	s->writer.xml = ob ? libxml.xmlNewTextWriter(ob) : NULL; /* owns ob from here */
	if (!s->writer.xml) {
		if (ob) /* nothing was written yet: what closing says adds nothing */
			(void)libxml.xmlOutputBufferClose(ob);
		return error__oom();
	}
	return 0;
}

int odt__close(struct odt_stream *s, int error)
{
	if (!s)
		return error;
	libxml.xmlFreeTextWriter(s->writer.xml); /* flushes the last block */
	/* The sink's own failure first: libxml2 only saw a write that failed. */
	if (!error && s->error)
		error = s->error;
	else if (!error && s->writer.error == GRILLE_ENOMEM)
		error = error__oom();
	else if (!error && s->writer.error)
		error = error__set(GRILLE_ERROR, "%s", _("libxml2 n'a pas pu écrire le rapport OpenDocument"));
	free(s);
	return error;
}

static int odt_begin(void **state, grille_buf *out, const struct report *r)
{
	struct odt_stream *s = NULL;
	int error = report__flush(r, out);
	if (!error)
		error = odt__open(&s, r);
	*state = s;
	if (!error)
		document_head(&s->writer, r);
	return error;
}

static int odt_steps(void *state, grille_buf *out, const struct report *r, size_t first, size_t count)
{
	struct odt_stream *s = state;
	(void)out;
	int error = 0;
	for (size_t st = first; !error && !s->writer.error && st < first + count; st++)
		if (report__shows(r, &r->status->steps[st]))
			error = step_section(&s->writer, r, &r->status->steps[st]);
	return error;
}

static int odt_end(void *state, grille_buf *out, const struct report *r, int error)
{
	struct odt_stream *s = state;
	(void)out;
	if (s && s->writer.xml && !error)
		document_tail(&s->writer, r);
	return odt__close(s, error);
}

const struct report_format report_odt_format = { 0, odt_begin, odt_steps, odt_end };
