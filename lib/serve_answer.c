#include <stdlib.h>
#include <string.h>

#include "grille/answer.h"
#include "grille/status.h"
#include "edit.h"
#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "serve_private.h"
#include "session.h"
#include "text.h"
#include "workspace_private.h"

/* The status with answer spans, question `id` in it and its file's bytes. */
struct answer_at {
	grille_status *status;
	const grille_question_status *q;
	grille_buf data;
	char *text; /* its answer's Markdown, or NULL */
};

static void answer_at_release(struct answer_at *a)
{
	grille_status_free(a->status);
	grille_buf_release(&a->data);
	free(a->text);
	memset(a, 0, sizeof(*a));
}

static int answer_at_load(struct answer_at *a, grille_workspace *ws, const char *id)
{
	memset(a, 0, sizeof(*a));
	int error = grille_status_from_buffers(&a->status, ws, NULL, NULL, NULL, 0, NULL);
	a->q = error ? NULL : grille_status_question(a->status, id);
	if (!error && (!a->q || !a->q->file))
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son "
		                                       "numéro (« grille status --all » les liste toutes)"), id);
	if (!error)
		error = session__read(&a->data, session__of(ws), NULL, a->q->file);
	if (!error)
		error = grille_answer_text(&a->text, a->q, a->data.ptr ? a->data.ptr : "", a->data.len);
	return error;
}

int serve__answer_now(char **out, grille_workspace *ws, const char *id)
{
	struct answer_at a;
	*out = NULL;
	int error = answer_at_load(&a, ws, id);
	if (!error) {
		*out = a.text;
		a.text = NULL;
	}
	answer_at_release(&a);
	return error;
}

/* `text` with CRLF as LF, its blank lines at both ends taken off, one line end after it. */
int serve__normalise(grille_buf *out, const char *text, size_t len)
{
	int error = 0;
	for (size_t i = 0; !error && i < len; i++)
		if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
			error = grille_buf_put(out, text + i, 1);
	size_t start = 0;
	while (!error && start < out->len && text__blank_line_at(out->ptr, out->len, start)) {
		const char *nl = memchr(out->ptr + start, '\n', out->len - start);
		start = nl ? (size_t)(nl - out->ptr) + 1 : out->len;
	}
	if (!error && start) {
		memmove(out->ptr, out->ptr + start, out->len - start);
		out->len -= start;
	}
	while (!error && out->len && (out->ptr[out->len - 1] == '\n' || out->ptr[out->len - 1] == ' ' ||
	                              out->ptr[out->len - 1] == '\t'))
		out->len--;
	if (!error && out->len)
		error = grille_buf_puts(out, "\n");
	else if (!error && out->ptr)
		out->ptr[0] = '\0';
	return error;
}

/* Splice the new answer `text` over the blocks of the answer there, and
 * check that the file still has the same questions, `id` holding `text`. */
static int replace_blocks(grille_buf *out, const struct answer_at *a, grille_workspace *ws, const char *id,
                          const char *text, size_t len)
{
	const grille_question_status *q = a->q;
	size_t from = 0, to = 0, found = 0;
	int unplaced = 0;
	for (size_t i = 0; i < q->answer_count; i++) {
		if (!q->answer[i].first_line)
			continue;
		unplaced |= q->answer[i].end <= q->answer[i].start; /* lines without their bytes */
		if (!found++)
			from = q->answer[i].start;
		to = q->answer[i].end;
	}
	const char *data = a->data.ptr ? a->data.ptr : "";
	if (!found || unplaced || from > to || to > a->data.len)
		return error__set(GRILLE_EINVALID, _("la réponse à « %s » n'a pas pu être située dans « %s » : modifiez-la "
		                                     "dans son fichier, avec « grille edit %s ». Rien n'a été changé"),
		                  id, q->file, id);
	/* Only blank lines between its blocks: the grid's text between them
	 * (a choice's unchecked options, guidance) would go with the answer. */
	for (size_t at = from; at < to;) {
		int inside = 0;
		for (size_t i = 0; i < q->answer_count; i++)
			if (q->answer[i].first_line && at >= q->answer[i].start && at < q->answer[i].end)
				inside = 1;
		if (!inside && !text__blank_line_at(data, a->data.len, at))
			return error__set(GRILLE_EINVALID, _("la réponse à « %s » est entrecoupée de texte de la grille (options "
			                                     "non cochées, conseils) que la zone de texte remplacerait : cochez les "
			                                     "options avec leurs cases, et modifiez le reste dans son fichier, avec "
			                                     "« grille edit %s ». Rien n'a été changé"), id, id);
		const char *nl = memchr(data + at, '\n', to - at);
		at = nl ? (size_t)(nl - data) + 1 : to;
	}
	const char *eol = edit__line_ending(data, a->data.len);
	int error = grille_buf_put(out, data, from);
	if (!error)
		error = edit__put_lines(out, eol, text, len);
	if (!error)
		error = grille_buf_put(out, data + to, a->data.len - to);
	if (error)
		return error;
	/* The same questions after as before, in the same file: nothing swallowed. */
	grille_status *after = NULL;
	const char *files[] = { q->file };
	const char *texts[] = { out->ptr ? out->ptr : "" };
	size_t lens[] = { out->len };
	error = grille_status_from_buffers(&after, ws, files, texts, lens, 1, NULL);
	const grille_question_status *now = error ? NULL : grille_status_question(after, id);
	/* The text's end still inside the question: a heading in it would end it. */
	size_t text_end = out->len - (a->data.len - to);
	if (!error && (!now || !now->file || strcmp(now->file, q->file) != 0 || now->section.end < text_end ||
	               after->question_count != a->status->question_count ||
	               after->totals[GRILLE_STATE_CONFLICT] != a->status->totals[GRILLE_STATE_CONFLICT]))
		error = error__set(GRILLE_EINVALID,
			_("le texte ne resterait pas sous « %s » dans « %s » : un titre (#) l'en sortirait, ou un bloc "
			  "laissé ouvert (code entre ```, HTML) engloberait la suite du fichier. Fermez le bloc ou "
			  "retirez le titre, puis recommencez. Rien n'a été changé"), id, q->file);
	grille_status_free(after);
	return error;
}

int serve__write(grille_edit_result *out, grille_workspace *ws, const char *name, const grille_buf *file)
{
	char *path = fs__join(grille_workspace_root(ws), name);
	int error = path ? fs__replace(path, file->ptr ? file->ptr : "", file->len) : error__oom();
	if (!error && !(out->file = strdup(name)))
		error = error__oom();
	free(path);
	return error;
}

int serve__answer_replace(grille_edit_result *out, grille_workspace *ws, const char *id, const char *loaded,
                          const char *text, size_t len, char **disk)
{
	memset(out, 0, sizeof(*out));
	*disk = NULL;
	struct answer_at a;
	grille_buf clean = GRILLE_BUF_INIT, file = GRILLE_BUF_INIT;
	int error = answer_at_load(&a, ws, id);
	if (!error && a.q->kind == GRILLE_QUESTION_POSITIONS)
		error = error__set(GRILLE_EARGUMENT, _("sous « %s », chacun écrit sa position avec « grille position %s », "
		                                       "puis le groupe sa synthèse : « grille edit %s » ouvre le fichier"),
		                   id, id, id);
	char hash[SERVE_HASH_HEX];
	if (!error) {
		serve__answer_hash(hash, a.text);
		if (!loaded || strcmp(hash, loaded) != 0) {
			*disk = a.text;
			a.text = NULL;
			error = error__set(GRILLE_ECONFLICT, _("la réponse à « %s » a changé dans son fichier depuis que la page "
			                                       "a été chargée : rien n'a été écrit"), id);
		}
	}
	if (!error)
		error = serve__normalise(&clean, text, len);
	if (!error && clean.len && (error = answer__text_check(clean.ptr, clean.len)))
		;
	else if (!error && !a.text && !clean.len)
		out->unchanged = 1;
	else if (!error && !a.text)
		error = grille_workspace_append_answer(out, ws, id, clean.ptr, clean.len);
	else if (!error && a.text && strcmp(a.text, clean.ptr ? clean.ptr : "") == 0)
		out->unchanged = 1;
	else if (!error) {
		error = replace_blocks(&file, &a, ws, id, clean.ptr ? clean.ptr : "", clean.len);
		if (!error)
			error = serve__write(out, ws, a.q->file, &file);
		out->line = a.q->line;
	}
	grille_buf_release(&clean);
	grille_buf_release(&file);
	answer_at_release(&a);
	return error;
}
