#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/error.h"
#include "errors.h"
#include "grid_kind.h"
#include "grid_language.h"
#include "markdown.h"
#include "scaffold.h"
#include "wording.h"


static void append_heading(cmark_node *doc, int level, const char *id, const char *sep,
                           const char *title)
{
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "%s%s%s", id, sep, title);
	md__append_text_block(doc, level, text.ptr ? text.ptr : "");
	grille_buf_release(&text);
}

/* Parse the grid's Markdown and move its blocks under `parent`. */
static void append_markdown(cmark_node *parent, const char *markdown)
{
	if (markdown && *markdown)
		md__adopt(parent, cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT));
}

/* A group's heading has no ID: the scan reads it as the end of the item before. */
static void append_group(cmark_node *doc, const grille_item_group *group)
{
	md__append_text_block(doc, 2, group->title);
	append_markdown(doc, group->intro);
}

/* Guidance is set apart as a quote: it is the grid speaking, not the group. */
static void append_guidance(cmark_node *doc, const char *markdown)
{
	if (!markdown || !*markdown)
		return;
	cmark_node *quote = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
	append_markdown(quote, markdown);
	cmark_node_append_child(doc, quote);
}

static void append_options(cmark_node *doc, const grille_question *question)
{
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	cmark_node *list = cmark_node_new(CMARK_NODE_LIST);
	cmark_node_set_list_type(list, CMARK_BULLET_LIST);
	cmark_node_set_list_tight(list, 1);
	for (size_t i = 0; i < question->option_count; i++) {
		cmark_node *item = cmark_node_new(CMARK_NODE_ITEM);
		cmark_node_set_syntax_extension(item, tasklist);
		cmark_gfm_extensions_set_tasklist_item_checked(item, false);
		cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node_append_child(para, md__text(question->options[i]));
		cmark_node_append_child(item, para);
		cmark_node_append_child(list, item);
	}
	cmark_node_append_child(doc, list);
}

static int render(grille_buf *out, cmark_node *doc)
{
	char *markdown = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(doc);
	if (!markdown)
		return error__oom();
	int error = grille_buf_puts(out, markdown);
	free(markdown);
	return error;
}

static void append_question(cmark_node *doc, const grille_question *question)
{
	append_heading(doc, 3, question->id, " ", question->text);
	append_guidance(doc, question->guidance);
	/* A quote of its own, after the guidance: the scan knows it by its text. */
	append_guidance(doc, question->pointer);
	if (question->kind == GRILLE_QUESTION_CHOICE)
		append_options(doc, question);
}

int scaffold__questions(grille_buf *out, const grille_question *const *questions, size_t count)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	for (size_t i = 0; i < count; i++)
		append_question(doc, questions[i]);
	return render(out, doc);
}

int scaffold__mark(grille_buf *out, const char *language, int defer, const char *until, const char *reason)
{
	/* The labels are the file format's (mark.c reads both languages'), in the
	 * workspace's language, not the user's. */
	int english = wording__english(language);
	cmark_node *strong = cmark_node_new(CMARK_NODE_STRONG);
	cmark_node_append_child(strong, md__text(english ? (defer ? "Deferred" : "Skipped")
	                                                 : (defer ? "À explorer plus tard" : "Mis de côté")));
	cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(para, strong);
	grille_buf rest = GRILLE_BUF_INIT;
	if (until)
		grille_buf_printf(&rest, " (%s)", until);
	if (reason && *reason)
		grille_buf_printf(&rest, english ? ": %s" : " : %s", reason);
	if (rest.len)
		cmark_node_append_child(para, md__text(rest.ptr));
	grille_buf_release(&rest);
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node_append_child(doc, para);
	return render(out, doc);
}

/* An item's heading, guidance and questions up to `level`. */
static void append_item(cmark_node *doc, const grille_item *item, int level)
{
	append_heading(doc, 2, item->id, " ", item->title);
	append_guidance(doc, item->guidance);
	for (size_t q = 0; q < item->question_count; q++)
		if (item->questions[q].level <= level)
			append_question(doc, &item->questions[q]);
}

int scaffold__step(grille_buf *out, const grille_step *step, int level)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_heading(doc, 1, step->id, " — ", step->title);
	append_markdown(doc, step->intro);
	for (size_t i = 0; i < step->item_count; i++) {
		const grille_item *item = &step->items[i];
		const grille_item_group *group = grille_step_group_starting(step, i);
		if (group)
			append_group(doc, group);
		append_item(doc, item, level);
	}
	return render(out, doc);
}

int scaffold__readme(grille_buf *out, const grille_grid *grid, const char *title,
                           const char *guide)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_heading(doc, 1, "", "", title);

	grille_buf subtitle = GRILLE_BUF_INIT;
	grille_buf_puts(&subtitle, grille_grid_title(grid));
	if (grille_grid_subtitle(grid))
		grille_buf_printf(&subtitle, " — %s", grille_grid_subtitle(grid));
	cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node *emph = cmark_node_new(CMARK_NODE_EMPH);
	cmark_node_append_child(emph, md__text(subtitle.ptr ? subtitle.ptr : ""));
	cmark_node_append_child(para, emph);
	cmark_node_append_child(doc, para);
	grille_buf_release(&subtitle);

	/* Not translated: a workspace speaks its grid's language, whatever the
	 * locale of the person who created it. */
	if (grille_grid_introduction(grid)) {
		append_heading(doc, 2, "", "", grid_language__of(grille_grid_language(grid))->readme_heading);
		append_markdown(doc, grille_grid_introduction(grid));
	}
	append_markdown(doc, guide);
	return render(out, doc);
}

int scaffold__group(grille_buf *out, const grille_item_group *group)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_group(doc, group);
	return render(out, doc);
}

int scaffold__heading(grille_buf *out, int level, const char *id, const char *title)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_heading(doc, level, id, " ", title);
	return render(out, doc);
}

int scaffold__guidance(grille_buf *out, const char *markdown)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_guidance(doc, markdown);
	return render(out, doc);
}

int scaffold__options(grille_buf *out, const grille_question *question)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	if (question->kind == GRILLE_QUESTION_CHOICE)
		append_options(doc, question);
	return render(out, doc);
}

int scaffold__item(grille_buf *out, const grille_item *item, int level)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	append_item(doc, item, level);
	return render(out, doc);
}
