#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

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
 * requires. Headings use LibreOffice's own heading styles. */

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
		check(w, xmlTextWriterStartElement(w->xml, X(name)));
}

void odt__end(W w)
{
	if (!w->error)
		check(w, xmlTextWriterEndElement(w->xml));
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
		check(w, xmlTextWriterWriteAttribute(w->xml, X(attr_name), X(value)));
	else
		check(w, xmlTextWriterWriteString(w->xml, X(value)));
	grille_buf_release(&clean);
}

void odt__attr(W w, const char *name, const char *value) { write_text(w, name, value); }

/* Text for print, with French typography (typo.h). */
void odt__put(W w, const char *text)
{
	grille_buf french = GRILLE_BUF_INIT;
	if (text && typo__french(&french, text, strlen(text)) == 0 && french.ptr)
		text = french.ptr;
	write_text(w, NULL, text);
	grille_buf_release(&french);
}

/* Code as the group typed it: no typography. */
static void put_code(W w, const char *style, const char *text)
{
	odt__start(w, style ? "text:p" : "text:span");
	odt__attr(w, "text:style-name", style ? style : "Source_20_Text");
	write_text(w, NULL, text);
	odt__end(w);
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
	char name[32], outline[4];
	snprintf(name, sizeof(name), "Heading_20_%d", level);
	snprintf(outline, sizeof(outline), "%d", level);
	odt__start(w, "text:h");
	odt__attr(w, "text:style-name", style ? style : name);
	odt__attr(w, "text:outline-level", outline);
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

static void style(W w, const char *name, const char *display, const char *family, const char *parent)
{
	odt__start(w, "style:style");
	odt__attr(w, "style:name", name);
	if (display)
		odt__attr(w, "style:display-name", display);
	odt__attr(w, "style:family", family);
	if (parent)
		odt__attr(w, "style:parent-style-name", parent);
}

static void props(W w, const char *element, const char *name, const char *value, ...)
{
	odt__start(w, element);
	va_list ap;
	va_start(ap, value);
	for (; name; name = va_arg(ap, const char *), value = name ? va_arg(ap, const char *) : NULL)
		odt__attr(w, name, value);
	va_end(ap);
	odt__end(w);
}

static void list_style(W w, const char *name, const char *display, int numbered)
{
	odt__start(w, "text:list-style");
	odt__attr(w, "style:name", name);
	odt__attr(w, "style:display-name", display);
	for (int level = 1; level <= 5; level++) {
		char lv[4], margin[16];
		snprintf(lv, sizeof(lv), "%d", level);
		snprintf(margin, sizeof(margin), "%.1fcm", 0.6 * level);
		odt__start(w, numbered ? "text:list-level-style-number" : "text:list-level-style-bullet");
		odt__attr(w, "text:level", lv);
		if (numbered) {
			odt__attr(w, "style:num-format", "1");
			odt__attr(w, "style:num-suffix", ".");
		} else {
			odt__attr(w, "text:bullet-char", "•");
		}
		odt__start(w, "style:list-level-properties");
		odt__attr(w, "text:list-level-position-and-space-mode", "label-alignment");
		props(w, "style:list-level-label-alignment", "text:label-followed-by", "listtab",
		      "fo:text-indent", "-0.5cm", "fo:margin-left", margin, NULL);
		odt__end(w);
		odt__end(w);
	}
	odt__end(w);
}

static void styles(W w)
{
	odt__start(w, "office:styles");
	style(w, "Standard", NULL, "paragraph", NULL);
	props(w, "style:text-properties", "fo:font-size", "11pt", NULL);
	odt__end(w);
	style(w, "Text_20_body", "Text body", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-top", "0cm", "fo:margin-bottom", "0.2cm", NULL);
	odt__end(w);
	style(w, "Heading", NULL, "paragraph", "Standard");
	odt__attr(w, "style:next-style-name", "Text_20_body");
	props(w, "style:paragraph-properties", "fo:margin-top", "0.4cm", "fo:margin-bottom", "0.2cm",
	      "fo:keep-with-next", "always", NULL);
	props(w, "style:text-properties", "fo:font-weight", "bold", "fo:color", "#2e7d5b", NULL);
	odt__end(w);
	static const char *const sizes[] = { "20pt", "16pt", "14pt", "12pt", "11pt", "11pt" };
	for (int level = 1; level <= 6; level++) {
		char name[32], display[32], outline[4];
		snprintf(name, sizeof(name), "Heading_20_%d", level);
		snprintf(display, sizeof(display), "Heading %d", level);
		snprintf(outline, sizeof(outline), "%d", level);
		style(w, name, display, "paragraph", "Heading");
		odt__attr(w, "style:default-outline-level", outline);
		odt__attr(w, "style:class", "text");
		props(w, "style:text-properties", "fo:font-size", sizes[level - 1], "fo:font-weight", "bold",
		      "fo:color", "#2e7d5b", NULL);
		odt__end(w);
	}
	style(w, "Quotations", NULL, "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-left", "1cm", "fo:margin-bottom", "0.2cm", NULL);
	odt__end(w);
	style(w, "Preformatted_20_Text", "Preformatted Text", "paragraph", "Standard");
	props(w, "style:text-properties", "style:font-name", "Liberation Mono", "fo:font-family", "monospace", NULL);
	odt__end(w);
	style(w, "Table_20_Contents", "Table Contents", "paragraph", "Standard");
	odt__end(w);
	style(w, "Table_20_Heading", "Table Heading", "paragraph", "Table_20_Contents");
	props(w, "style:text-properties", "fo:font-weight", "bold", NULL);
	odt__end(w);
	style(w, "Group_20_Title", "Group Title", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-top", "0.6cm", "fo:keep-with-next", "always", NULL);
	props(w, "style:text-properties", "fo:font-variant", "small-caps", "fo:color", "#555555", NULL);
	odt__end(w);
	style(w, "Subtitle", NULL, "paragraph", "Standard");
	props(w, "style:text-properties", "fo:font-size", "14pt", "fo:font-style", "italic", NULL);
	odt__end(w);
	style(w, "Emphasis", NULL, "text", NULL);
	props(w, "style:text-properties", "fo:font-style", "italic", NULL);
	odt__end(w);
	style(w, "Strong_20_Emphasis", "Strong Emphasis", "text", NULL);
	props(w, "style:text-properties", "fo:font-weight", "bold", NULL);
	odt__end(w);
	style(w, "Source_20_Text", "Source Text", "text", NULL);
	props(w, "style:text-properties", "style:font-name", "Liberation Mono", "fo:font-family", "monospace", NULL);
	odt__end(w);
	style(w, "Strikethrough", NULL, "text", NULL);
	props(w, "style:text-properties", "style:text-line-through-style", "solid", NULL);
	odt__end(w);
	list_style(w, "List_20_Bullet", "List Bullet", 0);
	list_style(w, "Numbering_20_123", "Numbering 123", 1);
	odt__end(w);

	odt__start(w, "office:automatic-styles");
	style(w, "Step", NULL, "paragraph", "Heading_20_2");
	props(w, "style:paragraph-properties", "fo:break-before", "page", NULL);
	odt__end(w);
	style(w, "Grid", NULL, "table", NULL);
	props(w, "style:table-properties", "table:align", "margins", "style:may-break-between-rows", "false", NULL);
	odt__end(w);
	style(w, "Cell", NULL, "table-cell", NULL);
	props(w, "style:table-cell-properties", "fo:border", "0.5pt solid #999999", "fo:padding", "0.1cm", NULL);
	odt__end(w);
	odt__end(w);
}

/* Answers: cmark's tree written as OpenDocument. */
static void inlines(W w, cmark_node *node);

static void inline_span(W w, const char *style_name, cmark_node *node)
{
	odt__start(w, "text:span");
	odt__attr(w, "text:style-name", style_name);
	inlines(w, node);
	odt__end(w);
}

static void inlines(W w, cmark_node *parent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: odt__put(w, cmark_node_get_literal(n)); break;
		case CMARK_NODE_SOFTBREAK: odt__put(w, " "); break;
		case CMARK_NODE_LINEBREAK: odt__start(w, "text:line-break"); odt__end(w); break;
		case CMARK_NODE_CODE: put_code(w, NULL, cmark_node_get_literal(n)); break;
		case CMARK_NODE_EMPH: inline_span(w, "Emphasis", n); break;
		case CMARK_NODE_STRONG: inline_span(w, "Strong_20_Emphasis", n); break;
		case CMARK_NODE_LINK:
			if (cmark_node_get_url(n) && *cmark_node_get_url(n)) {
				odt__start(w, "text:a");
				odt__attr(w, "xlink:type", "simple");
				odt__attr(w, "xlink:href", cmark_node_get_url(n));
				inlines(w, n);
				odt__end(w);
			} else {
				inlines(w, n);
			}
			break;
		case CMARK_NODE_HTML_INLINE:
			break; /* the group's raw HTML never passes */
		default:
			if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0)
				inline_span(w, "Strikethrough", n);
			else
				inlines(w, n);
			break;
		}
	}
}

static void blocks(W w, cmark_node *parent, const char *paragraph_style);
/* The blocks from `first` on, to the end of its parent. */
static void blocks_from(W w, cmark_node *first, const char *paragraph_style);

static void table(W w, cmark_node *node)
{
	size_t columns = 0;
	for (cmark_node *cell = cmark_node_first_child(cmark_node_first_child(node)); cell; cell = cmark_node_next(cell))
		columns++;
	char repeat[24];
	snprintf(repeat, sizeof(repeat), "%zu", columns ? columns : 1);
	odt__start(w, "table:table");
	odt__attr(w, "table:style-name", "Grid");
	odt__start(w, "table:table-column");
	odt__attr(w, "table:number-columns-repeated", repeat);
	odt__end(w);
	for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row)) {
		odt__start(w, "table:table-row");
		for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
			odt__start(w, "table:table-cell");
			odt__attr(w, "table:style-name", "Cell");
			odt__attr(w, "office:value-type", "string");
			odt__start(w, "text:p");
			odt__attr(w, "text:style-name", row == cmark_node_first_child(node) ? "Table_20_Heading" : "Table_20_Contents");
			inlines(w, cell);
			odt__end(w);
			odt__end(w);
		}
		odt__end(w);
	}
	odt__end(w);
}

static void list(W w, cmark_node *node, const char *paragraph_style)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	odt__start(w, "text:list");
	odt__attr(w, "text:style-name", cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "Numbering_20_123" : "List_20_Bullet");
	for (cmark_node *item = cmark_node_first_child(node); item; item = cmark_node_next(item)) {
		odt__start(w, "text:list-item");
		if (tasklist && cmark_node_get_syntax_extension(item) == tasklist) {
			/* A box, checked or not, before the item's text. */
			odt__start(w, "text:p");
			odt__attr(w, "text:style-name", paragraph_style);
			odt__put(w, cmark_gfm_extensions_get_tasklist_item_checked(item) ? "☑ " : "☐ ");
			cmark_node *first = cmark_node_first_child(item);
			int para_first = first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH;
			if (para_first)
				inlines(w, first);
			odt__end(w);
			/* What else the item holds (more paragraphs, a list, a quote) follows. */
			blocks_from(w, para_first ? cmark_node_next(first) : first, paragraph_style);
		} else {
			blocks(w, item, paragraph_style);
		}
		odt__end(w);
	}
	odt__end(w);
}

static void blocks(W w, cmark_node *parent, const char *paragraph_style)
{
	blocks_from(w, cmark_node_first_child(parent), paragraph_style);
}

static void blocks_from(W w, cmark_node *first, const char *paragraph_style)
{
	for (cmark_node *n = first; n; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			odt__start(w, "text:p");
			odt__attr(w, "text:style-name", paragraph_style);
			inlines(w, n);
			odt__end(w);
			break;
		case CMARK_NODE_HEADING: {
			char name[32], outline[4];
			snprintf(name, sizeof(name), "Heading_20_%d", cmark_node_get_heading_level(n));
			snprintf(outline, sizeof(outline), "%d", cmark_node_get_heading_level(n));
			odt__start(w, "text:h");
			odt__attr(w, "text:style-name", name);
			odt__attr(w, "text:outline-level", outline);
			inlines(w, n);
			odt__end(w);
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE: blocks(w, n, "Quotations"); break;
		case CMARK_NODE_LIST: list(w, n, paragraph_style); break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *code = cmark_node_get_literal(n);
			while (code && *code) {
				size_t len = strcspn(code, "\n");
				char *line = strndup(code, len);
				if (!line)
					odt__no_memory(w);
				put_code(w, "Preformatted_20_Text", line);
				free(line);
				code += len + (code[len] == '\n');
			}
			break;
		}
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			break; /* raw HTML never passes; a rule has no equivalent worth keeping */
		default:
			if (strcmp(cmark_node_get_type_string(n), "table") == 0)
				table(w, n);
			else
				blocks(w, n, paragraph_style);
			break;
		}
	}
}

int odt__markdown(W w, const char *markdown, int base_level, const char *paragraph_style)
{
	if (!markdown)
		return 0;
	cmark_node *doc = report__answer_tree(markdown, base_level);
	if (!doc)
		return error__oom();
	report__french_tree(doc); /* "oui !" whole: two texts to cmark */
	blocks(w, doc, paragraph_style);
	cmark_node_free(doc);
	return 0;
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

void odt__simple_table(W w, size_t columns, const char *const *cells, size_t count)
{
	odt__table_start(w, columns);
	for (size_t i = 0; i < count; i++) {
		if (i % columns == 0)
			odt__start(w, "table:table-row");
		odt__start(w, "table:table-cell");
		odt__attr(w, "table:style-name", "Cell");
		odt__attr(w, "office:value-type", "string");
		odt__para(w, i < columns ? "Table_20_Heading" : "Table_20_Contents", cells[i]);
		odt__end(w);
		if (i % columns == columns - 1)
			odt__end(w);
	}
	odt__end(w);
}

static void progress(W w, const struct report *r)
{
	odt__heading(w, 2, W_(r->language, "Progression"), NULL);
	enum { COLS = 2 + GRILLE_STATE_COUNT };
	size_t rows = 1 + r->status->step_count;
	const char **cells = calloc(rows * COLS, sizeof(*cells));
	char (*numbers)[24] = calloc(rows * COLS, sizeof(*numbers));
	if (!cells || !numbers) {
		free(cells);
		free(numbers);
		odt__no_memory(w);
		return;
	}
	size_t n = 0;
	cells[n++] = W_(r->language, "Étape");
	cells[n++] = W_(r->language, "Questions");
	for (int k = 0; k < GRILLE_STATE_COUNT; k++)
		cells[n++] = report__state_label(r->language, (grille_state)k);
	for (size_t s = 0; s < r->status->step_count; s++) {
		const grille_step_status *st = &r->status->steps[s];
		if (!report__shows(r, st))
			continue;
		snprintf(numbers[n], sizeof(numbers[n]), "%s", st->id);
		cells[n] = numbers[n];
		n++;
		snprintf(numbers[n], sizeof(numbers[n]), "%zu", st->question_count);
		cells[n] = numbers[n];
		n++;
		for (int k = 0; k < GRILLE_STATE_COUNT; k++, n++) {
			snprintf(numbers[n], sizeof(numbers[n]), "%zu", st->counts[k]);
			cells[n] = numbers[n];
		}
	}
	odt__simple_table(w, COLS, cells, n);
	free(cells);
	free(numbers);
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

static void state_list(const char *language, W w, const grille_step_status *st, grille_state state, const char *title)
{
	int any = 0;
	for (size_t i = 0; i < st->item_count; i++)
		for (size_t q = 0; q < st->items[i].question_count; q++) {
			if (st->items[i].questions[q].state != state)
				continue;
			if (!any++) {
				odt__heading(w, 3, title, NULL);
				odt__start(w, "text:list");
				odt__attr(w, "text:style-name", "List_20_Bullet");
			}
			question_line(language, w, &st->items[i].questions[q]);
		}
	if (any)
		odt__end(w);
}

static int step_section(W w, const struct report *r, const grille_step_status *st)
{
	grille_buf title = GRILLE_BUF_INIT;
	grille_buf_printf(&title, "%s. %s", st->id, st->title);
	odt__lost(w, &title);
	odt__heading(w, 2, title.ptr, "Step");
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
			int error = odt__markdown(w, markdown, 5, "Text_20_body");
			free(markdown);
			if (error)
				return error;
			grille_buf authors = GRILLE_BUF_INIT;
			if (report__authors_text(&authors, r, &it->questions[q])) {
				odt__lost(w, &authors);
				odt__para(w, "Text_20_body", authors.ptr);
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
	odt__heading(w, 2, W_(r->language, "Jalons"), NULL);
	if (report__partial_history(r))
		odt__para(w, "Text_20_body", report__partial_history(r));
	if (!r->log || !r->log->count)
		odt__para(w, "Text_20_body", W_(r->language, "Pas encore d'historique : les jalons apparaîtront avec grille commit."));
	for (size_t i = 0; r->log && i < r->log->count; i++) {
		const grille_log_entry *e = &r->log->entries[i];
		grille_buf tags = GRILLE_BUF_INIT;
		for (size_t t = 0; t < e->tag_count; t++)
			grille_buf_printf(&tags, "%s%s%s", t ? ", " : " [", e->tags[t], t + 1 == e->tag_count ? "]" : "");
		odt__lost(w, &tags);
		grille_buf person = GRILLE_BUF_INIT;
		report__person(&person, r, e->author, e->email);
		odt__lost(w, &person);
		odt__para_printf(w, "Text_20_body", "%.10s — %s%s — %s — %zu (%+ld)", e->date, e->summary,
		                 tags.ptr ? tags.ptr : "", person.ptr ? person.ptr : "", e->answered, e->delta);
		grille_buf_release(&tags);
		grille_buf_release(&person);
	}
	odt__heading(w, 2, W_(r->language, "Contributions"), NULL);
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
	check(w, xmlTextWriterStartDocument(w->xml, NULL, "UTF-8", NULL));
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
	styles(w);
	odt__start(w, "office:body");
	odt__start(w, "office:text");
}

void odt__document_end(W w)
{
	odt__end(w); /* office:text */
	odt__end(w); /* office:body */
	odt__end(w); /* office:document */
	if (!w->error)
		check(w, xmlTextWriterEndDocument(w->xml)); /* flushes to the sink */
}

/* The document up to the steps. */
static void document_head(W w, const struct report *r)
{
	const grille_settings *s = r->settings;
	const char *title = s->title[0] ? s->title : grille_grid_title(r->grid);
	odt__document_start(w, title);
	odt__heading(w, 1, title, NULL);
	if (s->collective[0])
		odt__para(w, "Subtitle", s->collective);
	grille_buf round = GRILLE_BUF_INIT;
	if (report__round_line(&round, r))
		odt__para(w, "Text_20_body", round.ptr);
	grille_buf_release(&round);
	odt__para_printf(w, "Text_20_body", W_(r->language, "Date : %s"), r->today_text);
	odt__para_printf(w, "Text_20_body", W_(r->language, "Grille : %s (version %s), niveau de détail %d"), grille_grid_title(r->grid),
	            grille_grid_version(r->grid), s->level);
	if (r->revision[0])
		odt__para_printf(w, "Text_20_body", W_(r->language, "Version git : %.12s%s"), r->revision,
		            r->dirty ? W_(r->language, " (avec des changements pas encore enregistrés)") : "");
	else
		odt__para(w, "Text_20_body", W_(r->language, "Version git : pas d'historique"));
	progress(w, r);
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
	struct odt_stream *s = calloc(1, sizeof(*s));
	*out = s;
	if (!s)
		return error__oom();
	s->r = r;
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_block, close_stream, s, NULL);
	s->writer.xml = ob ? xmlNewTextWriter(ob) : NULL; /* owns ob from here */
	if (!s->writer.xml) {
		if (ob) /* nothing was written yet: what closing says adds nothing */
			(void)xmlOutputBufferClose(ob);
		return error__oom();
	}
	return 0;
}

int odt__close(struct odt_stream *s, int error)
{
	if (!s)
		return error;
	xmlFreeTextWriter(s->writer.xml); /* flushes the last block */
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
