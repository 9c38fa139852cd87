#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/buf.h"
#include "grid_kind.h"
#include "mark.h"
#include "markdown.h"
#include "scan_answer.h"
#include "utf8.h"

/* The skip or defer mark a block holds: a paragraph, or a quote's first
 * paragraph, whose first line has exactly the form of a mark (lib/mark.c).
 * The rest of that paragraph and of the quote is the group's prose:
 * `*prose` tells whether it holds something. */
int scan__read_mark(cmark_node *block, struct scan_mark *mark, int *prose, const struct scan_rules *rules)
{
	cmark_node *para = block;
	*prose = 0;
	if (cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE)
		para = cmark_node_first_child(block);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	cmark_node *strong = cmark_node_first_child(para);
	if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG)
		return 0;
	/* The line as a reader sees it, Markdown escapes resolved. */
	grille_buf line = GRILLE_BUF_INIT;
	grille_buf_puts(&line, "**");
	markdown__text(&line, strong);
	for (size_t i = 0; i < line.len; i++)
		if (line.ptr[i] == '\n' || line.ptr[i] == '\r')
			line.ptr[i] = ' ';
	/* Most bold text is the group's: no need for the rest of its line. */
	if (!line.ptr || !mark__starts_with_label(line.ptr + 2, line.len - 2)) {
		grille_buf_release(&line);
		return 0;
	}
	grille_buf_puts(&line, "**");
	cmark_node *n = cmark_node_next(strong);
	for (; n && cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK && cmark_node_get_type(n) != CMARK_NODE_LINEBREAK;
	     n = cmark_node_next(n))
		markdown__text(&line, n);
	for (size_t i = 0; i < line.len; i++)
		if (line.ptr[i] == '\n' || line.ptr[i] == '\r')
			line.ptr[i] = ' ';
	struct grille_mark_line parsed;
	if (!line.ptr || !mark__parse_line(line.ptr, line.len, &parsed)) {
		grille_buf_release(&line);
		return 0;
	}
	memset(mark, 0, sizeof(*mark));
	mark->kind = parsed.kind == GRILLE_MARK_LINE_SKIP ? MARK_SKIP : MARK_DEFER;
	if (parsed.date == GRILLE_MARK_DATE_OK)
		mark->until = strdup(parsed.until);
	if (parsed.date == GRILLE_MARK_DATE_UNREAD && (mark->until_text = strndup(line.ptr + parsed.date_at, parsed.date_len)))
		for (char *c = mark->until_text; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = '?'; /* shown in a terminal: no control character */
	if (parsed.reason_len) {
		grille_buf reason = GRILLE_BUF_INIT;
		grille_buf_put(&reason, line.ptr + parsed.reason_at, parsed.reason_len);
		markdown__normalize(&reason);
		if (reason.len)
			mark->reason = strdup(reason.ptr);
		grille_buf_release(&reason);
	}
	grille_buf_release(&line);
	/* What follows the mark's line: the group's words, an answer. */
	grille_buf rest = GRILLE_BUF_INIT;
	for (; n; n = cmark_node_next(n))
		markdown__text(&rest, n);
	markdown__normalize(&rest);
	*prose = rest.len > 0;
	grille_buf_release(&rest);
	for (cmark_node *b = para != block ? cmark_node_next(para) : NULL; b && !*prose; b = cmark_node_next(b))
		*prose = scan__node_counts(b, rules);
	return 1;
}

/* Unicode white space, and the invisible characters that only join or
 * separate others: a line holding nothing else shows nothing to a reader.
 * utf8__is_space() knows the ASCII spaces and the Zs ones (U+00A0,
 * U+1680, U+2000–U+200A, U+202F, U+205F, U+3000); the rest are added here. */
static int blank_char(int32_t c)
{
	return utf8__is_space(c) || c == 0x0B || c == 0x85 || c == 0x180E ||
	       (c >= 0x200B && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x2060 || c == 0xFEFF;
}

/* Whether `text` (UTF-8, `len` bytes) holds anything but white space. Bytes
 * that do not decode count: cmark turns the entities &#xFFFE; and &#xFFFF;
 * into the bytes 0xFE and 0xFF, and the group did write something. */
static int visible(const char *text, size_t len)
{
	for (size_t i = 0; i < len;) {
		if ((unsigned char)text[i] < 0x80) {
			if (!strchr(" \t\r\n\f\v", text[i]))
				return 1;
			i++;
			continue;
		}
		int32_t c;
		i += utf8__decode(text + i, len - i, &c);
		if (c < 0 || !blank_char(c))
			return 1;
	}
	return 0;
}

/* Raw HTML counts, except comments, which nobody reading the page sees. */
static int html_counts(const char *html)
{
	while (html && *html) {
		if (strncmp(html, "<!--", 4) == 0) {
			const char *end = strstr(html + 4, "-->");
			if (!end)
				return 0;
			html = end + 3;
			continue;
		}
		size_t run = strcspn(html, "<");
		if (run == 0)
			return 1; /* a tag, not a comment */
		if (visible(html, run))
			return 1;
		html += run;
	}
	return 0;
}

/* See scan.h: anything under a box that is not an option is the group's. */
int scan__option_of(cmark_node *item, const grille_question *q)
{
	if (!q || q->kind != GRILLE_QUESTION_CHOICE || !q->option_count)
		return -1;
	cmark_node *para = cmark_node_first_child(item);
	if (!para || cmark_node_next(para) || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return -1;
	grille_buf text = GRILLE_BUF_INIT, option = GRILLE_BUF_INIT;
	markdown__text(&text, para);
	markdown__normalize(&text);
	int found = -1;
	for (size_t i = 0; text.ptr && found < 0 && i < q->option_count && i < INT_MAX; i++) {
		option.len = 0;
		grille_buf_puts(&option, q->options[i]);
		markdown__normalize(&option);
		if (option.ptr && strcmp(option.ptr, text.ptr) == 0)
			found = (int)i;
	}
	grille_buf_release(&text);
	grille_buf_release(&option);
	return found;
}

static int grid_option(cmark_node *item, const grille_question *q)
{
	return scan__option_of(item, q) >= 0;
}

/* The options of a choice question a list checks (the first 64). */
uint64_t scan__checked_options(cmark_node *list, const grille_question *q)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	uint64_t checked = 0;
	if (!q || q->kind != GRILLE_QUESTION_CHOICE || cmark_node_get_type(list) != CMARK_NODE_LIST)
		return 0;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		if (!tasklist || cmark_node_get_syntax_extension(item) != tasklist ||
		    !cmark_gfm_extensions_get_tasklist_item_checked(item))
			continue;
		int option = scan__option_of(item, q);
		if (option >= 0 && option < 64)
			checked |= UINT64_C(1) << option;
	}
	return checked;
}

extern cmark_node_type CMARK_NODE_TABLE_ROW;

/* Whether `root` holds something the group wrote: visible text, code or raw
 * HTML anywhere inside, a checked box, or an unchecked box of its own. Not a
 * table's header row, nor a choice question's options left as the grid wrote
 * them. A walk with cmark's iterator, not a recursion: a file may nest
 * quotes and lists a hundred thousand levels deep. */
int scan__node_counts(cmark_node *root, const struct scan_rules *rules)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	cmark_iter *iter = cmark_iter_new(root);
	if (!iter)
		return 1; /* never: cmark's allocator aborts first */
	cmark_event_type event;
	int found = 0;
	while (!found && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		if (event != CMARK_EVENT_ENTER)
			continue;
		cmark_node *cur = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(cur);
		const char *literal;
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			literal = cmark_node_get_literal(cur);
			found = literal && visible(literal, strlen(literal));
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			found = html_counts(cmark_node_get_literal(cur));
			break;
		case CMARK_NODE_ITEM:
			if (!tasklist || cmark_node_get_syntax_extension(cur) != tasklist)
				break;
			if (cmark_gfm_extensions_get_tasklist_item_checked(cur))
				found = 1;
			else if (grid_option(cur, rules->question))
				cmark_iter_reset(iter, cur, CMARK_EVENT_EXIT);
			break;
		default:
			if (type == CMARK_NODE_TABLE_ROW && cmark_gfm_extensions_get_table_row_is_header(cur))
				cmark_iter_reset(iter, cur, CMARK_EVENT_EXIT);
			break;
		}
	}
	cmark_iter_free(iter);
	return found;
}

/* Whether a top-level block under a question holds an answer: the grid's
 * guidance quote, or a data question's pointer quote, left as written, does
 * not. */
int scan__block_counts(cmark_node *block, const struct scan_rules *rules)
{
	if ((rules->guidance || rules->pointer) && cmark_node_get_type(block) == CMARK_NODE_BLOCK_QUOTE) {
		grille_buf text = GRILLE_BUF_INIT;
		markdown__text(&text, block);
		markdown__normalize(&text);
		const char *t = text.ptr ? text.ptr : "";
		int same = (rules->guidance && strcmp(t, rules->guidance) == 0) ||
		           (rules->pointer && strcmp(t, rules->pointer) == 0);
		grille_buf_release(&text);
		if (same)
			return 0;
	}
	return scan__node_counts(block, rules);
}

/* Whether `markdown` is plain prose that cmark would give back as it is, its
 * lines joined: no character that opens inline syntax, no line that opens a
 * block other than a paragraph (indented, a list, a quote, a heading, a
 * thematic break or an underline). Most guidance is so; parsing each
 * question's took a tenth of a first status. */
static int plain_prose(const char *markdown)
{
	if (markdown[strcspn(markdown, "\\`*_[]<>&~|\r")])
		return 0;
	for (const char *line = markdown; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strchr(" \t-+=#>", *line) && *line)
			return 0;
		size_t digits = strspn(line, "0123456789");
		if (digits && (line[digits] == '.' || line[digits] == ')'))
			return 0;
	}
	return 1;
}

/* Markdown from the grid, as the text it shows once parsed; NULL for NULL. */
char *scan__template_text(const char *markdown)
{
	if (!markdown)
		return NULL;
	grille_buf text = GRILLE_BUF_INIT;
	if (plain_prose(markdown)) {
		grille_buf_puts(&text, markdown);
		grille_buf_puts(&text, " "); /* the end of the document, as markdown__text() writes it */
	} else {
		cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
		markdown__text(&text, doc);
		cmark_node_free(doc);
	}
	markdown__normalize(&text);
	return grille_buf_detach(&text);
}

