#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "grille/position.h"
#include "grille/status.h"
#include "edit.h"
#include "errors.h"
#include "intl.h"
#include "position.h"
#include "serve_private.h"
#include "session.h"
#include "text.h"
#include "workspace_private.h"

/*
 * A member's position, or the group's synthesis, written from the page: the
 * subsections made by grille_workspace_position() when missing, as `grille
 * position` makes them, then the lines under the heading replaced by the
 * text, one blank line on each side, as a person types it on the empty line
 * grille left there.
 */

int serve__position_text(char **out, const grille_position *p, const char *data, size_t len)
{
	*out = NULL;
	if (!p || !p->text.first_line || p->text.end <= p->text.start || p->text.end > len)
		return 0;
	grille_buf clean = GRILLE_BUF_INIT;
	int error = serve__normalise(&clean, data + p->text.start, p->text.end - p->text.start);
	if (!error && clean.len)
		*out = grille_buf_detach(&clean);
	grille_buf_release(&clean);
	return error;
}

/* The status of the workspace, the file holding question `id` (from `file`
 * when given: bytes just written) and the question in it. */
struct position_at {
	grille_status *status;
	const grille_question_status *q;
	grille_buf data;
};

static void position_at_release(struct position_at *a)
{
	grille_status_free(a->status);
	grille_buf_release(&a->data);
	memset(a, 0, sizeof(*a));
}

static int position_at_load(struct position_at *a, grille_workspace *ws, const char *id, const char *file)
{
	memset(a, 0, sizeof(*a));
	int error = file ? session__read(&a->data, session__of(ws), NULL, file) : 0;
	const char *files[] = { file }, *texts[] = { a->data.ptr ? a->data.ptr : "" };
	size_t lens[] = { a->data.len };
	if (!error)
		error = grille_status_from_buffers(&a->status, ws, file ? files : NULL, file ? texts : NULL,
		                                   file ? lens : NULL, file ? 1 : 0, NULL);
	a->q = error ? NULL : grille_status_question(a->status, id);
	if (!error && (!a->q || !a->q->file))
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son "
		                                       "numéro (« grille status --all » les liste toutes)"), id);
	else if (!error && a->q->kind != GRILLE_QUESTION_POSITIONS)
		error = error__set(GRILLE_EARGUMENT, _("« %s » n'est pas une question où chacun écrit sa position : sa "
		                                       "réponse s'écrit dans la zone de texte de la question"), id);
	else if (!error && a->q->state == GRILLE_STATE_CONFLICT)
		error = error__set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), a->q->file);
	else if (!error && !file)
		error = session__read(&a->data, session__of(ws), NULL, a->q->file);
	return error;
}

/* The subsection of `member` (NULL: the synthesis) under the question, or NULL. */
static const grille_position *part_of(const grille_question_status *q, const char *member)
{
	if (!member)
		return q->synthesis.line ? &q->synthesis : NULL;
	for (size_t p = 0; p < q->position_count; p++)
		if (strcasecmp(q->positions[p].name, member) == 0)
			return &q->positions[p];
	return NULL;
}

/* The file with the lines under `part`'s heading made a blank line, `text`, a blank line. */
static int splice(grille_buf *out, const char *data, size_t len, const grille_position *part, const char *text,
                  size_t text_len)
{
	size_t start, end;
	if (part->text.first_line && part->text.start <= part->text.end && part->text.end <= len) {
		start = part->text.start;
		end = part->text.end;
	} else
		start = end = text__line_start(data, len, part->line + 1);
	const char *eol = edit__line_ending(data, len);
	int error = grille_buf_put(out, data, start);
	if (!error && start > 0 && data[start - 1] != '\n')
		error = grille_buf_puts(out, eol);
	if (!error)
		error = grille_buf_puts(out, eol);
	if (!error && text_len)
		error = edit__put_lines(out, eol, text, text_len);
	else if (!error)
		error = grille_buf_puts(out, eol); /* the empty line to write at, as grille position leaves it */
	if (!error && end < len)
		error = grille_buf_puts(out, eol);
	if (!error)
		error = grille_buf_put(out, data + end, len - end);
	return error;
}

/* The new file read back: the same questions and subsections, the part holding the text or not. */
static int verify(grille_workspace *ws, const struct position_at *a, const char *member, const grille_buf *file,
                  int written)
{
	grille_status *after = NULL;
	const char *files[] = { a->q->file }, *texts[] = { file->ptr ? file->ptr : "" };
	size_t lens[] = { file->len };
	int error = grille_status_from_buffers(&after, ws, files, texts, lens, 1, NULL);
	const grille_question_status *now = error ? NULL : grille_status_question(after, a->q->id);
	const grille_position *part = now ? part_of(now, member) : NULL;
	if (!error && (!now || !now->file || strcmp(now->file, a->q->file) != 0 || !part || part->written != written ||
	               now->position_count != a->q->position_count || !now->synthesis.line != !a->q->synthesis.line ||
	               after->question_count != a->status->question_count ||
	               after->totals[GRILLE_STATE_CONFLICT] != a->status->totals[GRILLE_STATE_CONFLICT]))
		error = error__set(GRILLE_EINVALID,
			_("le texte ne resterait pas sous « %s » dans « %s » : un titre (#) l'en sortirait, ou un bloc "
			  "laissé ouvert (code entre ```, HTML) engloberait la suite du fichier. Fermez le bloc ou "
			  "retirez le titre, puis recommencez. Rien n'a été changé"), a->q->id, a->q->file);
	grille_status_free(after);
	return error;
}

/* Make the subsections of `writer` (and the synthesis's) with grille_workspace_position(), then load again. */
static int make_subsections(struct position_at *a, grille_workspace *ws, const char *id, const char *member,
                            const char *writer)
{
	if (!writer)
		return error__set(GRILLE_EARGUMENT, "%s", _("choisissez d'abord qui vous êtes, en haut de la page"));
	grille_position_result made;
	memset(&made, 0, sizeof(made));
	int error = grille_workspace_position(&made, ws, id, writer);
	if (error == GRILLE_EEXISTS)
		error = error__set(GRILLE_EINVALID, _("la synthèse de « %s » n'a plus son titre « %s » dans « %s » : "
		                                      "remettez-le avec « grille edit %s »"), id,
		                   position__synthesis(grille_grid_language(grille_workspace_grid(ws))),
		                   a->q->file, id);
	char *file = error ? NULL : strdup(a->q->file);
	if (!error && !file)
		error = error__oom();
	grille_position_result_release(&made);
	if (!error) {
		position_at_release(a);
		error = position_at_load(a, ws, id, file);
	}
	if (!error && !part_of(a->q, member))
		error = error__set(GRILLE_EINVALID, _("la position de « %s » n'a pas pu être située sous « %s » : "
		                                      "écrivez-la dans le fichier, avec « grille edit %s »"),
		                   member ? member : writer, id, id);
	free(file);
	return error;
}

int serve__position_replace(grille_edit_result *out, grille_workspace *ws, const char *id, const char *member,
                            const char *writer, const char *loaded, const char *text, size_t len, char **disk)
{
	memset(out, 0, sizeof(*out));
	*disk = NULL;
	struct position_at a;
	grille_buf clean = GRILLE_BUF_INIT, file = GRILLE_BUF_INIT;
	char *now = NULL;
	int error = position_at_load(&a, ws, id, NULL);
	const grille_position *part = error ? NULL : part_of(a.q, member);
	if (!error)
		error = serve__position_text(&now, part, a.data.ptr ? a.data.ptr : "", a.data.len);
	char hash[SERVE_HASH_HEX];
	if (!error) {
		serve__answer_hash(hash, now);
		if (!loaded || strcmp(hash, loaded) != 0) {
			*disk = now;
			now = NULL;
			error = error__set(GRILLE_ECONFLICT, _("la réponse à « %s » a changé dans son fichier depuis que la page "
			                                       "a été chargée : rien n'a été écrit"), id);
		}
	}
	if (!error)
		error = serve__normalise(&clean, text, len);
	if (!error && clean.len)
		error = answer__text_check(clean.ptr, clean.len);
	if (!error && (!clean.len && !part)) {
		out->unchanged = 1;
	} else if (!error && part && strcmp(now ? now : "", clean.ptr ? clean.ptr : "") == 0) {
		out->unchanged = 1;
	} else if (!error) {
		if (!part && !(error = make_subsections(&a, ws, id, member, writer)))
			part = part_of(a.q, member);
		if (!error)
			error = splice(&file, a.data.ptr ? a.data.ptr : "", a.data.len, part, clean.ptr ? clean.ptr : "",
			               clean.len);
		if (!error)
			error = verify(ws, &a, member, &file, clean.len > 0);
		if (!error)
			error = serve__write(out, ws, a.q->file, &file);
		out->line = part ? part->line : 0;
	}
	free(now);
	grille_buf_release(&clean);
	grille_buf_release(&file);
	position_at_release(&a);
	return error;
}
