#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "json_out.h"
#include "markdown.h"
#include "report_html.h"
#include "report_odt.h"
#include "report_positions.h"
#include "wording.h"

int report__has_positions(const grille_question_status *q)
{
	return q->kind == GRILLE_QUESTION_POSITIONS && q->position_count > 0 &&
	       (q->state == GRILLE_STATE_ANSWERED || (q->state == GRILLE_STATE_UNANSWERED && q->positions_written > 0));
}

/* What a member wrote under their heading, in a new string; NULL when nothing counts. */
static char *position_markdown(const struct report *r, const grille_question_status *q, const grille_position *p)
{
	size_t s = 0;
	while (s < r->step_count && strcmp(grille_grid_step(r->grid, s)->file, q->file) != 0)
		s++;
	if (!p->written || !p->text.first_line || s == r->step_count || !r->contents[s] ||
	    p->text.start > p->text.end || p->text.end > r->lengths[s])
		return NULL;
	return strndup(r->contents[s] + p->text.start, p->text.end - p->text.start);
}

static const char *not_written(const char *language)
{
	return W_(language, "(pas encore écrite)");
}

int report_html__positions(grille_buf *out, const struct report *r, const grille_question_status *q,
                           cmark_llist *ext)
{
	int error = 0;
	grille_buf_puts(out, "<div class=\"positions\">\n");
	for (size_t p = 0; !error && p < q->position_count; p++) {
		grille_buf_puts(out, "<section class=\"position\">\n<h5>");
		html__text(out, q->positions[p].name);
		grille_buf_puts(out, "</h5>\n");
		char *markdown = position_markdown(r, q, &q->positions[p]);
		if (markdown) {
			error = html__answer(out, markdown, 6, ext, NULL);
		} else {
			grille_buf_puts(out, "<p class=\"empty\">");
			html__text(out, not_written(r->language));
			grille_buf_puts(out, "</p>\n");
		}
		free(markdown);
		grille_buf_puts(out, "</section>\n");
	}
	grille_buf_puts(out, "</div>\n<h5>");
	html__text(out, W_(r->language, "Synthèse du groupe"));
	grille_buf_puts(out, "</h5>\n");
	if (q->state != GRILLE_STATE_ANSWERED) {
		grille_buf_puts(out, "<p class=\"empty\">");
		html__text(out, not_written(r->language));
		grille_buf_puts(out, "</p>\n");
	}
	return error ? error : grille_buf_oom(out) ? error__oom() : 0;
}

int report_markdown__positions(cmark_node *doc, const struct report *r, const grille_question_status *q)
{
	cmark_node *list = cmark_node_new(CMARK_NODE_LIST);
	if (!list || !cmark_node_append_child(doc, list)) {
		cmark_node_free(list);
		return error__oom();
	}
	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 0);
	int error = 0;
	for (size_t p = 0; !error && p < q->position_count; p++) {
		cmark_node *item = cmark_node_new(CMARK_NODE_ITEM), *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *strong = cmark_node_new(CMARK_NODE_STRONG), *name = md__text(q->positions[p].name);
		if (!item || !para || !strong || !name || !cmark_node_append_child(list, item) ||
		    !cmark_node_append_child(item, para) || !cmark_node_append_child(para, strong) ||
		    !cmark_node_append_child(strong, name)) {
			error = error__oom();
			break;
		}
		char *markdown = position_markdown(r, q, &q->positions[p]);
		cmark_node *text = markdown ? report__answer_tree(markdown, 6) : NULL;
		if (text)
			md__adopt(item, text);
		else
			md__append_text_block(item, 0, not_written(r->language));
		free(markdown);
	}
	if (!error)
		md__append_text_block(doc, 5, W_(r->language, "Synthèse du groupe"));
	if (!error && q->state != GRILLE_STATE_ANSWERED)
		md__append_text_block(doc, 0, not_written(r->language));
	return error;
}

int report_odt__positions(W w, const struct report *r, const grille_question_status *q)
{
	int error = 0;
	odt__table_start(w, 2);
	for (size_t p = 0; !error && p < q->position_count; p++) {
		odt__start(w, "table:table-row");
		odt__start(w, "table:table-cell");
		odt__attr(w, "table:style-name", "Cell");
		odt__attr(w, "office:value-type", "string");
		odt__para(w, "Table_20_Heading", q->positions[p].name);
		odt__end(w);
		odt__start(w, "table:table-cell");
		odt__attr(w, "table:style-name", "Cell");
		odt__attr(w, "office:value-type", "string");
		char *markdown = position_markdown(r, q, &q->positions[p]);
		if (markdown)
			error = odt__markdown(w, markdown, 6, "Table_20_Contents");
		else
			odt__para(w, "Table_20_Contents", not_written(r->language));
		free(markdown);
		odt__end(w);
		odt__end(w);
	}
	odt__end(w);
	odt__heading(w, 5, W_(r->language, "Synthèse du groupe"), NULL);
	if (q->state != GRILLE_STATE_ANSWERED)
		odt__para(w, "Text_20_body", not_written(r->language));
	return error;
}

json_t *report_json__positions(const struct report *r, const grille_question_status *q)
{
	if (q->kind != GRILLE_QUESTION_POSITIONS)
		return json_null();
	json_t *list = json_array();
	for (size_t p = 0; p < q->position_count; p++) {
		char *markdown = position_markdown(r, q, &q->positions[p]);
		cmark_node *doc = markdown ? report__answer_tree(markdown, 1) : NULL;
		char *clean = doc ? cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0) : NULL;
		json_array_append_new(list, json_pack("{s:o, s:b, s:o}", "name", json__text(q->positions[p].name),
		                                      "written", q->positions[p].written, "text", json__text(clean)));
		if (doc)
			cmark_node_free(doc);
		free(clean);
		free(markdown);
	}
	return list;
}
