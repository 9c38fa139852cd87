#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "markdown.h"

static const char *const extensions[] = {
	"table", "tasklist", "strikethrough", "autolink", "tagfilter",
};

cmark_node *grille_markdown_parse(const char *data, size_t len)
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

void grille_markdown_text(grille_buf *out, cmark_node *node)
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
				grille_buf_puts(out, cmark_node_get_literal(cur));
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

void grille_markdown_normalize(grille_buf *text)
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
