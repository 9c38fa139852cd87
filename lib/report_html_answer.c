#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/error.h"
#include "errors.h"
#include "report.h"
#include "report_html.h"

/* Markdown the group or the grid wrote, as HTML: cmark in its safe mode, a
 * choice question's options as a list of what was chosen and what was not. */

/* Every task list item of `doc` as a choice: its box a character (☑ or ☐)
 * in a span the stylesheet lights or dims, in front of its first paragraph's
 * text, and no longer a form's checkbox. cmark's iterator: no recursion;
 * an item changes when the iterator leaves it, as cmark allows. */
static int choices(cmark_node *doc)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	if (!tasklist)
		return 0;
	cmark_iter *iter = cmark_iter_new(doc);
	if (!iter)
		return error__oom();
	int error = 0;
	for (cmark_event_type ev; !error && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
		cmark_node *item = cmark_iter_get_node(iter);
		if (ev != CMARK_EVENT_EXIT || cmark_node_get_type(item) != CMARK_NODE_ITEM ||
		    cmark_node_get_syntax_extension(item) != tasklist)
			continue;
		int chosen = cmark_gfm_extensions_get_tasklist_item_checked(item);
		cmark_node *para = cmark_node_first_child(item);
		cmark_node *choice = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
		if (!choice) {
			error = error__oom();
			break;
		}
		cmark_node_set_on_enter(choice, chosen ? "<span class=\"choice chosen\"><span class=\"box\">\xe2\x98\x91</span> "
		                                       : "<span class=\"choice not-chosen\"><span class=\"box\">\xe2\x98\x90</span> ");
		cmark_node_set_on_exit(choice, "</span>");
		if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
			/* The paragraph's texts move into the choice: box and label on one line. */
			for (cmark_node *child; (child = cmark_node_first_child(para));)
				cmark_node_append_child(choice, child);
			cmark_node_append_child(para, choice);
		} else {
			cmark_node *own = cmark_node_new(CMARK_NODE_PARAGRAPH);
			if (!own) {
				cmark_node_free(choice);
				error = error__oom();
				break;
			}
			cmark_node_append_child(own, choice);
			cmark_node_prepend_child(item, own);
		}
		/* A plain item now: cmark writes no <input> for it. */
		cmark_node_set_syntax_extension(item, NULL);
	}
	cmark_iter_free(iter);
	return error;
}

/* The text of an item's first paragraph, its inlines' literals end to end, in `out`. */
static void item_label(grille_buf *out, cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	for (cmark_node *n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
		const char *literal = cmark_node_get_literal(n);
		grille_buf_puts(out, literal ? literal : "");
	}
}

/* The grid's options of a choice question that the group did not check,
 * added unchecked after those it did, in the first list that holds a
 * checked one: the answer shows what was chosen and what was not. */
static int unchosen(cmark_node *doc, const grille_question *question)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	cmark_node *list = NULL;
	for (cmark_node *n = cmark_node_first_child(doc); n && !list; n = cmark_node_next(n))
		for (cmark_node *item = cmark_node_get_type(n) == CMARK_NODE_LIST ? cmark_node_first_child(n) : NULL; item && !list;
		     item = cmark_node_next(item))
			if (tasklist && cmark_node_get_syntax_extension(item) == tasklist && cmark_gfm_extensions_get_tasklist_item_checked(item))
				list = n;
	if (!list)
		return 0;
	grille_buf labels = GRILLE_BUF_INIT; /* the checked labels, each ended by a newline */
	int tight = 1;
	for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
		item_label(&labels, item);
		grille_buf_puts(&labels, "\n");
		tight &= cmark_node_first_child(item) == cmark_node_last_child(item);
	}
	/* Options one per line, as the grid lists them, when none holds more than its label. */
	if (tight)
		cmark_node_set_list_tight(list, 1);
	int error = grille_buf_oom(&labels) ? error__oom() : 0;
	char *found = error ? NULL : calloc(question->option_count + 1, 1);
	size_t matches = 0;
	if (!error && !found)
		error = error__oom();
	for (size_t k = 0; !error && k < question->option_count; k++) {
		const char *option = question->options[k];
		size_t len = strlen(option);
		for (const char *p = labels.ptr; p && *p && !found[k]; p = strchr(p, '\n') + 1)
			found[k] = strncmp(p, option, len) == 0 && p[len] == '\n';
		matches += found[k] != 0;
	}
	/* A task list of the group's own, none of whose items is an option, is left as written. */
	for (size_t k = 0; !error && matches && k < question->option_count; k++) {
		const char *option = question->options[k];
		if (found[k])
			continue;
		cmark_node *item = cmark_node_new(CMARK_NODE_ITEM), *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
		if (!item || !para || !text || !cmark_node_set_literal(text, option)) {
			cmark_node_free(item);
			cmark_node_free(para);
			cmark_node_free(text);
			error = error__oom();
			break;
		}
		cmark_node_append_child(para, text);
		cmark_node_append_child(item, para);
		cmark_node_append_child(list, item);
		cmark_node_set_syntax_extension(item, tasklist);
		cmark_gfm_extensions_set_tasklist_item_checked(item, false);
	}
	free(found);
	grille_buf_release(&labels);
	return error;
}

static int markdown_html(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext,
                         int as_choices, const grille_question *question)
{
	if (!markdown)
		return 0;
	cmark_node *doc = report__answer_tree(markdown, base_level);
	if (!doc)
		return error__oom();
	int error = question && question->kind == GRILLE_QUESTION_CHOICE ? unchosen(doc, question) : 0;
	report__french_tree(doc);
	if (!error && as_choices)
		error = choices(doc);
	/* CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML and dangerous URLs
	 * never pass; the only markup not cmark's own is choices()'s, fixed. */
	char *html = error ? NULL : cmark_render_html(doc, CMARK_OPT_DEFAULT, ext);
	cmark_node_free(doc);
	if (!html)
		return error ? error : error__oom();
	grille_buf_printf(out, "<div class=\"%s\">\n", css);
	grille_buf_puts(out, html);
	grille_buf_puts(out, "</div>\n");
	free(html);
	return 0;
}

int html__markdown(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext)
{
	return markdown_html(out, markdown, base_level, css, ext, 0, NULL);
}

int html__answer(grille_buf *out, const char *markdown, int base_level, cmark_llist *ext, const grille_question *question)
{
	return markdown_html(out, markdown, base_level, "answer", ext, 1, question);
}

