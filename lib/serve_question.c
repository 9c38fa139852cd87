#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "answer_choose.h"
#include "errors.h"
#include "report_html.h"
#include "serve_private.h"
#include "wording.h"

/* The parts of a question on the page that are not a text box: a choice's
 * boxes, the members' positions and the group's synthesis. */

int serve__choice_form(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                       const grille_question_status *q, const grille_question *gq, const char *data, size_t len,
                       const char *hash)
{
	if (!gq || gq->kind != GRILLE_QUESTION_CHOICE || !gq->option_count || q->section.end > len ||
	    q->heading.end > q->section.end)
		return 0;
	unsigned char *checked = calloc(gq->option_count, 1);
	int error = checked ? choose__checked(checked, data + q->heading.end, q->section.end - q->heading.end, gq)
	                    : error__oom();
	if (error) {
		free(checked);
		return error;
	}
	serve__form_open(out, "/choose", view, step);
	serve__hidden(out, "id", q->id);
	serve__hidden(out, "hash", hash);
	html__wrapped(out, "<fieldset class=\"options\"><legend>", W_(language, "Options retenues par le groupe"),
	              "</legend>");
	for (size_t o = 0; o < gq->option_count; o++) {
		grille_buf_printf(out, "<p><input type=\"checkbox\" name=\"option\" value=\"%zu\" id=\"", o);
		html__anchor(out, "o-", q->id);
		grille_buf_printf(out, "-%zu\"%s> <label for=\"", o, checked[o] ? " checked" : "");
		html__anchor(out, "o-", q->id);
		grille_buf_printf(out, "-%zu\">", o);
		html__text(out, gq->options[o]);
		grille_buf_puts(out, "</label></p>");
	}
	html__wrapped(out, "</fieldset><button type=\"submit\">", W_(language, "Enregistrer les options"), "</button></form>");
	free(checked);
	return grille_buf_oom(out) ? error__oom() : 0;
}

/* A box for the text of a position or of the synthesis (`part` "mine" or "synthesis"). */
static void position_form(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                          const char *id, const char *part, const char *text)
{
	char hash[SERVE_HASH_HEX];
	serve__answer_hash(hash, text);
	serve__form_open(out, "/position", view, step);
	serve__hidden(out, "id", id);
	serve__hidden(out, "hash", hash);
	serve__hidden(out, "part", part);
	int mine = strcmp(part, "mine") == 0;
	grille_buf_puts(out, "<label for=\"");
	html__anchor(out, mine ? "p-" : "s-", id);
	html__wrapped(out, "\">", mine ? W_(language, "Votre position (Markdown)") : W_(language, "Synthèse du groupe (Markdown)"),
	              "</label><textarea name=\"text\" id=\"");
	html__anchor(out, mine ? "p-" : "s-", id);
	html__wrapped(out, "\">", text ? text : "", "</textarea><button type=\"submit\">");
	html__text(out, mine ? W_(language, "Enregistrer ma position") : W_(language, "Enregistrer la synthèse"));
	grille_buf_puts(out, "</button></form>");
}

/* What stands under a position's heading, rendered as the report does, or "(not written yet)". */
static int position_shown(grille_buf *out, const char *language, const char *text, cmark_llist *ext)
{
	if (text)
		return html__answer(out, text, 6, ext, NULL);
	html__wrapped(out, "<p class=\"empty\">", W_(language, "(pas encore écrite)"), "</p>");
	return 0;
}

int serve__positions(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                     const grille_question_status *q, const char *data, size_t len, cmark_llist *ext)
{
	const char *me = view->session ? view->session->member : NULL;
	int error = 0, mine_there = 0;
	grille_buf_puts(out, "<div class=\"positions\">");
	for (size_t p = 0; !error && p < q->position_count; p++) {
		const grille_position *pos = &q->positions[p];
		char *text = NULL;
		error = serve__position_text(&text, pos, data, len);
		html__wrapped(out, "<section class=\"position\"><h5>", pos->name, "</h5>");
		if (!error)
			error = position_shown(out, language, text, ext);
		if (!error && me && strcasecmp(me, pos->name) == 0) {
			mine_there = 1;
			position_form(out, language, view, step, q->id, "mine", text);
		}
		grille_buf_puts(out, "</section>");
		free(text);
	}
	if (!error && me && !mine_there) {
		html__wrapped(out, "<section class=\"position\"><h5>", me, "</h5>");
		position_form(out, language, view, step, q->id, "mine", NULL);
		grille_buf_puts(out, "</section>");
	} else if (!error && !me && view->member_count)
		html__wrapped(out, "<p class=\"guidance\"><a href=\"#member\">",
		              W_(language, "Choisissez d'abord qui vous êtes, en haut de la page, pour écrire votre position."),
		              "</a></p>");
	else if (!error && !me)
		html__wrapped(out, "<p class=\"guidance\"><a href=\"/group#membres\">",
		              W_(language, "Ajoutez d'abord les membres du groupe : chacun écrit alors sa position depuis la page."),
		              "</a></p>");
	grille_buf_puts(out, "</div>");
	char *synthesis = NULL;
	if (!error)
		error = serve__position_text(&synthesis, q->synthesis.line ? &q->synthesis : NULL, data, len);
	html__wrapped(out, "<section class=\"synthesis\"><h5>", W_(language, "Synthèse du groupe"), "</h5>");
	if (!error)
		error = position_shown(out, language, synthesis, ext);
	if (!error)
		position_form(out, language, view, step, q->id, "synthesis", synthesis);
	grille_buf_puts(out, "</section>");
	free(synthesis);
	return error ? error : grille_buf_oom(out) ? error__oom() : 0;
}
