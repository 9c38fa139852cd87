#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "scan.h"
#include "session.h"
#include "workspace_private.h"

const grille_question_status *grille_step_next_question(const grille_step_status *step,
                                                        grille_question_cursor *cursor)
{
	for (; cursor->item < step->item_count; cursor->item++, cursor->question = 0)
		if (cursor->question < step->items[cursor->item].question_count)
			return &step->items[cursor->item].questions[cursor->question++];
	return NULL;
}

const grille_question_status *grille_status_next_question(const grille_status *status,
                                                          grille_question_cursor *cursor,
                                                          const grille_step_status **step)
{
	for (; cursor->step < status->step_count; cursor->step++, cursor->item = 0, cursor->question = 0) {
		const grille_question_status *q = grille_step_next_question(&status->steps[cursor->step], cursor);
		if (q) {
			if (step)
				*step = &status->steps[cursor->step];
			return q;
		}
	}
	return NULL;
}

const grille_question_status *grille_status_question(const grille_status *status, const char *id)
{
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	for (const grille_question_status *q; (q = grille_status_next_question(status, &cursor, NULL));)
		if (strcmp(q->id, id) == 0)
			return q;
	return NULL;
}

int grille_answer_text(char **out, const grille_question_status *question, const char *data, size_t len)
{
	*out = NULL;
	grille_buf md = GRILLE_BUF_INIT;
	int error = 0;
	for (size_t i = 0; !error && i < question->answer_count; i++) {
		const grille_span *a = &question->answer[i];
		if (!a->first_line)
			continue; /* lines cmark did not know */
		if (a->start > a->end || a->end > len) {
			error = error__set(GRILLE_EARGUMENT, _("le texte donné pour « %s » n'est pas celui que la situation a lu"),
			                   question->file ? question->file : question->id);
			break;
		}
		/* Blocks that touch stay one (the checked items of one list); others are set apart. */
		if (md.len && (i == 0 || question->answer[i - 1].last_line + 1 != a->first_line))
			error = grille_buf_puts(&md, "\n");
		if (!error)
			error = grille_buf_put(&md, data + a->start, a->end - a->start);
		if (!error && (a->end == a->start || data[a->end - 1] != '\n'))
			error = grille_buf_puts(&md, "\n");
	}
	if (!error && md.len && !(*out = grille_buf_detach(&md)))
		error = error__oom();
	grille_buf_release(&md);
	return error;
}

/* Fill `out` from `q`, whose file holds `data`. */
static int answer_of(grille_answer *out, const grille_question_status *q, const char *data, size_t len)
{
	out->state = q->state;
	out->section = q->section;
	if (!(out->file = strdup(q->file)))
		return error__oom();
	if (q->answer_count) {
		if (!(out->blocks = malloc(q->answer_count * sizeof(*out->blocks))))
			return error__oom();
		memcpy(out->blocks, q->answer, q->answer_count * sizeof(*out->blocks));
		out->block_count = q->answer_count;
	}
	return grille_answer_text(&out->text, q, data, len);
}

int grille_workspace_answer(grille_answer *out, const grille_workspace *ws, const char *id)
{
	memset(out, 0, sizeof(*out));
	if (scan__id_depth(id) != 2)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas l'identifiant d'une question (« 2.6.a »)"), id);
	grille_status *status = NULL;
	grille_buf data = GRILLE_BUF_INIT;
	int error = grille_status_from_buffers(&status, ws, NULL, NULL, NULL, 0, NULL);
	const grille_question_status *q = error ? NULL : grille_status_question(status, id);
	if (!error && (!q || !q->file))
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		                                       "(« grille status --all » les liste toutes)"), id);
	/* Read again: the status keeps where the answer lies, not the bytes. */
	if (!error)
		error = session__read(&data, session__of(ws), NULL, q->file);
	if (!error)
		error = answer_of(out, q, data.ptr ? data.ptr : "", data.len);
	if (error)
		grille_answer_release(out);
	grille_buf_release(&data);
	grille_status_free(status);
	return error;
}

void grille_answer_release(grille_answer *answer)
{
	free(answer->file);
	free(answer->blocks);
	free(answer->text);
	memset(answer, 0, sizeof(*answer));
}
