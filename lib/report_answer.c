#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/text.h"
#include "markdown.h"
#include "report.h"
#include "typo.h"
#include "wording.h"

static const char *const extension_names[] = {
	"table", "tasklist", "strikethrough", "autolink", "tagfilter",
};

cmark_llist *report__extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_llist *list = NULL;
	cmark_mem *mem = cmark_get_default_mem_allocator();
	for (size_t i = 0; i < sizeof(extension_names) / sizeof(*extension_names); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);
		if (ext)
			list = cmark_llist_append(mem, list, ext);
	}
	return list;
}

void report__extensions_free(cmark_llist *list)
{
	cmark_llist_free(cmark_get_default_mem_allocator(), list);
}

/* Links may go to the web, to an address or stay in the document; nothing
 * that runs (javascript:, vbscript:) or smuggles content (data:, file:). */
static int safe_url(const char *url)
{
	char scheme[16];
	size_t n = 0;
	const char *p = url;
	if (!url)
		return 1;
	while (*p && (isspace((unsigned char)*p) || iscntrl((unsigned char)*p)))
		p++;
	for (; *p && n < sizeof(scheme) - 1; p++) {
		if (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
			scheme[n++] = (char)tolower((unsigned char)*p);
		else if (iscntrl((unsigned char)*p) || isspace((unsigned char)*p))
			continue; /* "java\tscript:" is still javascript: to a browser */
		else
			break;
	}
	scheme[n] = '\0';
	if (*p != ':')
		return 1; /* no scheme: relative, or a fragment */
	return strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 || strcmp(scheme, "mailto") == 0;
}

/* Distinct heading levels in the answer, shallowest first, mapped from base. */
static void shift_headings(cmark_node *doc, int base_level)
{
	int used[7] = { 0 };
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(iter)) == CMARK_NODE_HEADING)
			used[cmark_node_get_heading_level(cmark_iter_get_node(iter))] = 1;
	int map[7] = { 0 }, next = base_level;
	for (int level = 1; level <= 6; level++)
		if (used[level])
			map[level] = next < 6 ? next++ : 6;
	cmark_iter_reset(iter, doc, CMARK_EVENT_ENTER);
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
			cmark_node_set_heading_level(node, map[cmark_node_get_heading_level(node)]);
	}
	cmark_iter_free(iter);
}

/* An image becomes its description in brackets: a report is one file that
 * reads offline, and a picture from elsewhere could call home. */
static void replace_image(cmark_node *image)
{
	grille_buf alt = GRILLE_BUF_INIT;
	markdown__text(&alt, image);
	markdown__normalize(&alt);
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "[%s]", alt.ptr ? alt.ptr : "");
	cmark_node *node = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(node, text.ptr ? text.ptr : "[]");
	cmark_node_insert_before(image, node);
	cmark_node_free(image);
	grille_buf_release(&alt);
	grille_buf_release(&text);
}

/* Raw HTML the group wrote is shown as the text they typed, in every format:
 * a block becomes a code block, an inline tag inline code. Every renderer then
 * escapes it as its format requires, and nothing of it ever runs (a Markdown
 * report could be rendered by a tool that would let raw HTML through). */
static int is_raw_html(cmark_node *node)
{
	cmark_node_type type = cmark_node_get_type(node);
	return type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE;
}

static void replace_raw_html(cmark_node *html)
{
	int block = cmark_node_get_type(html) == CMARK_NODE_HTML_BLOCK;
	cmark_node *code = cmark_node_new(block ? CMARK_NODE_CODE_BLOCK : CMARK_NODE_CODE);
	const char *literal = cmark_node_get_literal(html);
	if (code && cmark_node_set_literal(code, literal ? literal : "") && cmark_node_insert_before(html, code)) {
		cmark_node_free(html);
		return;
	}
	cmark_node_free(code);
	cmark_node_free(html); /* out of memory: left out rather than passed raw */
}

/* The node after `node` in document order, its own children left out. */
static cmark_node *after(cmark_node *node, cmark_node *root)
{
	for (; node && node != root; node = cmark_node_parent(node))
		if (cmark_node_next(node))
			return cmark_node_next(node);
	return NULL;
}

/* One walk over the tree, without recursion, the next node always found
 * before the current one is replaced. */
static void disarm(cmark_node *doc)
{
	cmark_node *node = doc;
	while (node) {
		cmark_node *next = after(node, doc);
		cmark_node_type type = cmark_node_get_type(node);
		if (type == CMARK_NODE_LINK && !safe_url(cmark_node_get_url(node)))
			cmark_node_set_url(node, "");
		if (type == CMARK_NODE_IMAGE)
			replace_image(node);
		else if (is_raw_html(node))
			replace_raw_html(node);
		else if (cmark_node_first_child(node))
			next = cmark_node_first_child(node);
		node = next;
	}
}

/* `text` made fit for markup, or NULL when it already is. */
static char *cleaned(const char *text)
{
	if (!text || grille_text_is_clean(text, strlen(text), GRILLE_TEXT_MARKUP))
		return NULL;
	grille_buf clean = GRILLE_BUF_INIT;
	if (grille_text_clean(&clean, text, strlen(text), GRILLE_TEXT_MARKUP) == 0)
		return grille_buf_detach(&clean);
	grille_buf_release(&clean);
	return strdup(""); /* out of memory: nothing rather than what breaks the document */
}

void report__clean_tree(cmark_node *doc)
{
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		char *text;
		if (ev == CMARK_EVENT_EXIT)
			continue;
		if ((text = cleaned(cmark_node_get_literal(node)))) {
			cmark_node_set_literal(node, text);
			free(text);
		}
		if ((text = cleaned(cmark_node_get_url(node)))) {
			cmark_node_set_url(node, text);
			free(text);
		}
		if ((text = cleaned(cmark_node_get_title(node)))) {
			cmark_node_set_title(node, text);
			free(text);
		}
		if ((text = cleaned(cmark_node_get_fence_info(node)))) {
			cmark_node_set_fence_info(node, text);
			free(text);
		}
	}
	cmark_iter_free(iter);
}

void report__french_tree(cmark_node *doc)
{
	cmark_consolidate_text_nodes(doc);
	cmark_iter *iter = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		const char *text = cmark_node_get_literal(node);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(node) != CMARK_NODE_TEXT || !text || !strchr(text, ' '))
			continue;
		grille_buf french = GRILLE_BUF_INIT;
		if (typo__french(&french, text, strlen(text)) == 0 && french.ptr)
			cmark_node_set_literal(node, french.ptr);
		grille_buf_release(&french);
	}
	cmark_iter_free(iter);
}

/* Deeper than this, quotes, lists and emphasis are flattened: the text stays,
 * in order, and no renderer (the OpenDocument one walks the tree) goes deeper
 * than a few levels more, whatever the group or a hostile file nests. */
enum { MAX_NESTING = 32 };

static int flattened(cmark_node *node)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		return 1;
	default:
		return strcmp(cmark_node_get_type_string(node), "strikethrough") == 0;
	}
}

/* Put what `node` holds in its place (a list: what its items hold), then free
 * it. 0 when cmark refused a move: `node` then stays, with the rest. */
static int unwrap(cmark_node *node)
{
	int list = cmark_node_get_type(node) == CMARK_NODE_LIST;
	cmark_node *child;
	while ((child = cmark_node_first_child(node))) {
		cmark_node *moving = list ? cmark_node_first_child(child) : child;
		if (!moving)
			cmark_node_free(child); /* an empty item */
		else if (!cmark_node_insert_before(node, moving))
			return 0;
	}
	cmark_node_free(node);
	return 1;
}

/* One walk, without recursion; each node moves at most once. */
static void limit_nesting(cmark_node *doc)
{
	cmark_node *node = cmark_node_first_child(doc);
	int depth = 1;
	while (node) {
		if (depth > MAX_NESTING && flattened(node)) {
			cmark_node *prev = cmark_node_previous(node), *parent = cmark_node_parent(node);
			if (unwrap(node)) {
				/* What it held, now at this depth, is looked at in turn. */
				node = prev ? cmark_node_next(prev) : cmark_node_first_child(parent);
				if (node)
					continue;
				node = parent;
				depth--;
			}
		} else if (cmark_node_first_child(node)) {
			node = cmark_node_first_child(node);
			depth++;
			continue;
		}
		while (node != doc && !cmark_node_next(node)) {
			node = cmark_node_parent(node);
			depth--;
		}
		node = node == doc ? NULL : cmark_node_next(node);
	}
}

cmark_node *report__answer_tree(const char *markdown, int base_level)
{
	cmark_node *doc = markdown__parse(markdown, strlen(markdown));
	if (!doc)
		return NULL;
	/* Nesting first: the walks after it look up a node's parents, which
	 * costs the depth of the tree for each node. */
	limit_nesting(doc);
	disarm(doc);
	shift_headings(doc, base_level);
	report__clean_tree(doc);
	return doc;
}

const grille_who_question *report__authors_of(const struct report *r, const grille_question_status *q)
{
	if (!r->authors)
		return NULL;
	const grille_who_question *wq = grid_index__find(&r->authors_of, q->id);
	return wq && wq->people_count ? wq : NULL;
}

int report__authors_text(grille_buf *out, const struct report *r, const grille_question_status *q)
{
	const grille_who_question *wq = report__authors_of(r, q);
	if (!wq)
		return 0;
	grille_buf names = GRILLE_BUF_INIT;
	for (size_t p = 0; p < wq->people_count; p++) {
		grille_buf_puts(&names, p ? ", " : "");
		report__person(&names, r, wq->people[p].name, wq->people[p].email);
	}
	grille_buf_printf(out, W_(r->language, "Écrit par %s"), names.ptr ? names.ptr : "");
	grille_buf_oom_from(out, &names);
	grille_buf_release(&names);
	return 1;
}
