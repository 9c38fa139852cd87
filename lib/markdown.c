#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/buf.h"

#include "markdown.h"

static const char *const extensions[] = {
	"table", "tasklist", "strikethrough", "autolink", "tagfilter",
};

cmark_node *markdown__parse(const char *data, size_t len)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (!parser)
		return NULL;
	for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, data, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

/* cmark encodes the entities &#xFFFE; and &#xFFFF; as the single bytes 0xFE
 * and 0xFF, which are never UTF-8: they become U+FFFD, so that the text
 * stays valid wherever it goes (JSON, XML, the scan cache). */
static void put_literal(grille_buf *out, const char *literal)
{
	if (!literal)
		return;
	for (;;) {
		size_t run = strcspn(literal, "\xfe\xff");
		grille_buf_put(out, literal, run);
		if (!literal[run])
			return;
		grille_buf_puts(out, "\xef\xbf\xbd");
		literal += run + 1;
	}
}

void markdown__text(grille_buf *out, cmark_node *node)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type event;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(cur);
		if (event == CMARK_EVENT_ENTER) {
			switch (type) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
			case CMARK_NODE_CODE_BLOCK:
			case CMARK_NODE_HTML_BLOCK:
				put_literal(out, cmark_node_get_literal(cur));
				break;
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				grille_buf_puts(out, " ");
				break;
			default:
				break;
			}
		} else if ((type & CMARK_NODE_TYPE_INLINE) != CMARK_NODE_TYPE_INLINE) {
			grille_buf_puts(out, " "); /* the end of a block, or of a table cell */
		}
	}
	cmark_iter_free(iter);
}

void markdown__normalize(grille_buf *text)
{
	size_t out = 0;
	int space = 1; /* drops leading white space */
	for (size_t i = 0; i < text->len; i++) {
		char c = text->ptr[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			if (!space)
				text->ptr[out++] = ' ';
			space = 1;
		} else {
			text->ptr[out++] = c;
			space = 0;
		}
	}
	if (out && text->ptr[out - 1] == ' ')
		out--;
	text->len = out;
	if (text->ptr)
		text->ptr[out] = '\0';
}

extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

cmark_node *md__text(const char *literal)
{
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(text, literal ? literal : "");
	return text;
}

cmark_node *md__append_text_block(cmark_node *parent, int heading_level, const char *text)
{
	cmark_node *block = cmark_node_new(heading_level ? CMARK_NODE_HEADING : CMARK_NODE_PARAGRAPH);
	if (heading_level)
		cmark_node_set_heading_level(block, heading_level);
	cmark_node_append_child(block, md__text(text));
	cmark_node_append_child(parent, block);
	return block;
}

cmark_node *md__append_table(cmark_node *parent, int columns)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *table = cmark_node_new_with_ext(CMARK_NODE_TABLE, cmark_find_syntax_extension("table"));
	cmark_gfm_extensions_set_table_columns(table, (uint16_t)columns);
	uint8_t align[32] = { 0 };
	cmark_gfm_extensions_set_table_alignments(table, (uint16_t)columns, align);
	cmark_node_append_child(parent, table);
	return table;
}

void md__append_row(cmark_node *table, const char *const *cells, int count)
{
	cmark_syntax_extension *ext = cmark_find_syntax_extension("table");
	cmark_node *row = cmark_node_new_with_ext(CMARK_NODE_TABLE_ROW, ext);
	if (!cmark_node_first_child(table))
		cmark_gfm_extensions_set_table_row_is_header(row, 1);
	for (int i = 0; i < count; i++) {
		/* Not cmark_node_new_with_ext(): cmark-gfm 0.29 never frees the data
		 * it would allocate for a cell, and a cell needs none to render. */
		cmark_node *cell = cmark_node_new(CMARK_NODE_TABLE_CELL);
		cmark_node_set_syntax_extension(cell, ext);
		cmark_node_append_child(cell, md__text(cells[i]));
		cmark_node_append_child(row, cell);
	}
	cmark_node_append_child(table, row);
}

void md__adopt(cmark_node *parent, cmark_node *doc)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(doc))) {
		cmark_node_unlink(child);
		cmark_node_append_child(parent, child);
	}
	cmark_node_free(doc);
}
