#include <stdint.h>
#include <string.h>

#include "grille/answer.h"
#include "grille/error.h"
#include "grille/text.h"
#include "edit.h"
#include "errors.h"
#include "grid_kind.h"
#include "intl.h"
#include "scan.h"
#include "text.h"
#include "utf8.h"

/*
 * grille answer: text appended under a question, planned like every edit
 * (lib/edit.c) and read back before it is written.
 */

int answer__text_check(const char *text, size_t len)
{
	int blank = 1;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = utf8__decode(text + i, len - i, &cp);
		if (n == 0 || cp < 0)
			return error__set(GRILLE_EARGUMENT, "%s",
				_("le texte donné n'est pas du texte UTF-8 valide : enregistrez-le en UTF-8. Rien n'a été changé"));
		if (cp == 0)
			return error__set(GRILLE_EARGUMENT, "%s",
				_("le texte donné contient un octet nul : ce n'est pas du texte. Rien n'a été changé"));
		int line_end = cp == '\n' || (cp == '\r' && i + 1 < len && text[i + 1] == '\n');
		if (!line_end && cp != '\t' && (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)))
			return error__set(GRILLE_EARGUMENT,
				_("le texte donné contient un caractère de contrôle (U+%04X) : écrivez-le en texte simple. "
				  "Rien n'a été changé"), (unsigned)cp);
		if (!utf8__is_space(cp) && cp != '\n' && cp != '\r' && cp != '\t')
			blank = 0;
		i += n;
	}
	if (blank)
		return error__set(GRILLE_EARGUMENT, "%s", _("le texte donné est vide : rien à écrire"));
	return 0;
}

/* The text without its blank lines at the start, nor its white space at the end. */
static void trim_blank_lines(const char **text, size_t *len)
{
	const char *t = *text;
	size_t n = *len;
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r' || t[n - 1] == '\n'))
		n--;
	size_t from = 0;
	while (from < n) {
		const char *nl = memchr(t + from, '\n', n - from);
		if (!nl || !text__blank_line_at(t, n, from))
			break;
		from = (size_t)(nl - t) + 1;
	}
	*text = t + from;
	*len = n - from;
}

static size_t line_of(const char *data, size_t at)
{
	return 1 + text__count_newlines(data, at);
}

/* Whether `text` leaves a block open (code between ```, HTML) that would
 * swallow a heading written after it, even where nothing follows it yet. */
static int leaves_block_open(const char *text, size_t len, int *open)
{
	grille_buf probe = GRILLE_BUF_INIT;
	grille_buf_put(&probe, text, len);
	grille_buf_puts(&probe, "\n\n## 9.9 Fin\n");
	struct scan scan;
	int error = grille_buf_oom(&probe) ? error__oom() : scan__text(&scan, probe.ptr, probe.len, "", NULL);
	if (!error) {
		*open = !scan__item(&scan, "9.9");
		scan__release(&scan);
	}
	grille_buf_release(&probe);
	return error;
}

/* Read the new file back: the text must stand under the question, down to
 * line `last`, every heading still there, and no block left open. */
static int verify(const struct grille_edit_plan *plan, const char *name, const grille_grid *grid,
                  const struct scan *before, const char *id, const char *text, size_t text_len, size_t last)
{
	struct scan after;
	int open = 0;
	int error = leaves_block_open(text, text_len, &open);
	if (!error)
		error = scan__text(&after, plan->text.ptr ? plan->text.ptr : "", plan->text.len, name, grid);
	if (!error) {
		const struct scan_question *q = scan__question(&after, id);
		if (open || !q || q->end_line < last || after.question_count != before->question_count ||
		    after.item_count != before->item_count || after.conflict_count)
			error = error__set(GRILLE_EINVALID,
				_("le texte ne resterait pas sous « %s » dans « %s » : un titre (#) l'en sortirait, ou un bloc "
				  "laissé ouvert (code entre ```, HTML) engloberait la suite du fichier. Fermez le bloc ou "
				  "retirez le titre, puis recommencez. Rien n'a été changé"), id, name);
		scan__release(&after);
	}
	return error;
}

int answer__plan_at(struct grille_edit_plan *plan, const char *data, size_t len, const char *name, const char *eol,
                    const grille_grid *grid, const struct scan *scan, const struct scan_question *question,
                    const struct grille_edit_request *r)
{
	const grille_question *gq = grid ? grille_grid_find_question(grid, r->id) : NULL;
	if (!question)
		return error__set(GRILLE_EARGUMENT, _("« %s » est un item : une réponse s'écrit sous une question "
		                                      "(par exemple « %s.a »)"), r->id, r->id);
	if (gq && gq->kind == GRILLE_QUESTION_POSITIONS)
		return error__set(GRILLE_EARGUMENT, _("sous « %s », chacun écrit sa position avec « grille position %s », "
		                                      "puis le groupe sa synthèse : « grille edit %s » ouvre le fichier"),
		                  r->id, r->id, r->id);
	int error = answer__text_check(r->text ? r->text : "", r->text ? r->text_len : 0);
	if (error)
		return error;
	const char *text = r->text;
	size_t text_len = r->text_len;
	trim_blank_lines(&text, &text_len);
	/* After the last line that is not blank, from the heading on. */
	size_t at = question->end;
	while (at > question->heading_to) {
		size_t start = at - 1;
		while (start > 0 && data[start - 1] != '\n')
			start--;
		if (!text__blank_line_at(data, len, start))
			break;
		at = start;
	}
	grille_buf add = GRILLE_BUF_INIT;
	int unterminated = at == len && len > 0 && data[len - 1] != '\n';
	error = grille_buf_puts(&add, unterminated ? "\n\n" : "\n");
	if (!error)
		error = grille_buf_put(&add, text, text_len);
	if (!error)
		error = grille_buf_puts(&add, at < len && !text__blank_line_at(data, len, at) ? "\n\n" : "\n");
	if (!error)
		error = grille_buf_grow(&plan->text, len + 2 * add.len);
	if (!error)
		error = grille_buf_put(&plan->text, data, at);
	if (!error)
		error = edit__put_lines(&plan->text, eol, add.ptr, add.len);
	if (!error)
		error = grille_buf_put(&plan->text, data + at, len - at);
	plan->line = line_of(data, at) + 1 + (size_t)unterminated;
	size_t last = plan->line + line_of(text, text_len) - 1;
	grille_buf_release(&add);
	return error ? error : verify(plan, name, grid, scan, r->id, text, text_len, last);
}

int grille_workspace_append_answer(grille_edit_result *out, grille_workspace *ws, const char *id,
                                   const char *text, size_t len)
{
	memset(out, 0, sizeof(*out));
	int kind = id ? grille_id_kind(id) : -1;
	if (kind < 2)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas l'identifiant d'une question (« 2.6.a »)"),
		                  id ? id : "");
	int error = answer__text_check(text ? text : "", text ? len : 0);
	struct grille_edit_request request = { .op = GRILLE_EDIT_ANSWER, .id = id, .text = text, .text_len = len };
	if (!error)
		error = edit__apply(out, ws, &request);
	if (error == GRILLE_ENOTFOUND && !grille_grid_find_question(grille_workspace_grid(ws), id))
		error = error__set(GRILLE_EARGUMENT, _("« %s » n'est pas une question de la grille, ni d'aucun fichier "
		                                       "d'étape"), id);
	else if (error == GRILLE_ENOTFOUND) {
		const char *dot = strrchr(id, '.');
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : "
		                                       "« grille deepen %.*s » ajoute à son item les questions qui lui "
		                                       "manquent"), id, (int)(dot - id), id);
	}
	return error;
}
