#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "errors.h"
#include "report.h"
#include "report_odt.h"

/* The group's answers in the OpenDocument report: cmark's tree, made safe
 * by report__answer_tree(), written as OpenDocument paragraphs, lists and
 * tables; code as typed. */

/* A space element standing for `count` spaces. */
static void spaces(W w, size_t count)
{
	odt__start(w, "text:s");
	if (count > 1) {
		char n[24];
		snprintf(n, sizeof(n), "%zu", count);
		odt__attr(w, "text:c", n);
	}
	odt__end(w);
}

/* XML readers collapse runs of white space, and OpenDocument has its own
 * elements for it: a space between two words stays a space, every other
 * run (at a line's start or end, or of more than one) becomes <text:s/>. */
void odt__code(W w, const char *text)
{
	grille_buf piece = GRILLE_BUF_INIT;
	for (const char *p = text ? text : ""; *p && !w->error;) {
		size_t len = strcspn(p, " \t\r\n");
		if (len) {
			grille_buf_clear(&piece);
			grille_buf_put(&piece, p, len);
			odt__lost(w, &piece);
			odt__put_raw(w, piece.ptr);
			p += len;
			continue;
		}
		if (*p == ' ') {
			size_t run = strspn(p, " ");
			int between_words = run == 1 && p != text && p[-1] != '\n' && p[-1] != '\r' && p[-1] != '\t' &&
			                    p[1] && !strchr("\t\r\n", p[1]);
			if (between_words)
				odt__put_raw(w, " ");
			else
				spaces(w, run);
			p += run;
			continue;
		}
		odt__start(w, *p == '\t' ? "text:tab" : "text:line-break");
		odt__end(w);
		p += *p == '\r' && p[1] == '\n' ? 2 : 1;
	}
	grille_buf_release(&piece);
}

/* Code as the group typed it: no typography, every space kept. */
static void put_code(W w, const char *style, const char *text)
{
	odt__start(w, style ? "text:p" : "text:span");
	odt__attr(w, "text:style-name", style ? style : "Source_20_Text");
	odt__code(w, text);
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
		int heading = row == cmark_node_first_child(node);
		if (heading)
			odt__start(w, "table:table-header-rows");
		odt__row_start(w);
		for (cmark_node *cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell)) {
			odt__start(w, "table:table-cell");
			odt__attr(w, "table:style-name", heading ? "HeadCell" : "Cell");
			odt__attr(w, "office:value-type", "string");
			odt__start(w, "text:p");
			odt__attr(w, "text:style-name", heading ? "Table_20_Heading" : "Table_20_Contents");
			inlines(w, cell);
			odt__end(w);
			odt__end(w);
		}
		odt__end(w);
		if (heading)
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
			/* One paragraph, its lines kept by line breaks: the block stays one block. */
			const char *code = cmark_node_get_literal(n);
			size_t len = code ? strlen(code) : 0;
			char *block = code ? strndup(code, len && code[len - 1] == '\n' ? len - 1 : len) : NULL;
			if (code && !block)
				odt__no_memory(w);
			put_code(w, "Preformatted_20_Text", block);
			free(block);
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

