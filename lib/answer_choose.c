#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "grille/answer.h"
#include "grille/error.h"
#include "answer_choose.h"
#include "errors.h"
#include "fs.h"
#include "grid_kind.h"
#include "intl.h"
#include "markdown.h"
#include "scan.h"
#include "session.h"
#include "workspace_private.h"

/*
 * A choice question answered from boxes (grille serve): the grid's options
 * under the question are task items, "- [ ] option"; checking one is
 * writing "x" between its brackets, as a person does in an editor. Only
 * those bytes change.
 */

/* Where each of the grid's options stands under the question. */
struct option_box {
	size_t found; /* task items that are this option */
	size_t mark;  /* the byte between its brackets, in the file */
};

/* The byte between the brackets of the task item starting at `at` in
 * `body`: its marker ("-", "+", "*", "1." or "1)"), white space, "[", the
 * byte, "]". 0 when the line does not read so. */
static size_t box_at(const char *body, size_t len, size_t at)
{
	size_t i = at;
	while (i < len && (body[i] == ' ' || body[i] == '\t'))
		i++;
	if (i < len && (body[i] == '-' || body[i] == '+' || body[i] == '*'))
		i++;
	else {
		size_t digits = i;
		while (i < len && body[i] >= '0' && body[i] <= '9')
			i++;
		if (i == digits || i >= len || (body[i] != '.' && body[i] != ')'))
			return 0;
		i++;
	}
	size_t space = i;
	while (i < len && (body[i] == ' ' || body[i] == '\t'))
		i++;
	if (i == space || i + 2 >= len || body[i] != '[' || body[i + 2] != ']' ||
	    (body[i + 1] != ' ' && body[i + 1] != 'x' && body[i + 1] != 'X'))
		return 0;
	return i + 1;
}

/* Find the options among the task items of the lists right under the
 * question (`len` bytes of `body`, its section after the heading). */
static int find_boxes(struct option_box *boxes, const char *body, size_t len, const grille_question *q)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_syntax_extension *tasklist = cmark_find_syntax_extension("tasklist");
	cmark_parser *parser = tasklist ? cmark_parser_new(CMARK_OPT_DEFAULT) : NULL;
	if (!parser)
		return error__oom();
	cmark_parser_attach_syntax_extension(parser, tasklist);
	cmark_parser_feed(parser, body, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	if (!doc)
		return error__oom();
	/* Line starts, counted once: items come in file order. */
	size_t line = 1, at = 0;
	for (cmark_node *list = cmark_node_first_child(doc); list; list = cmark_node_next(list)) {
		if (cmark_node_get_type(list) != CMARK_NODE_LIST)
			continue;
		for (cmark_node *item = cmark_node_first_child(list); item; item = cmark_node_next(item)) {
			if (cmark_node_get_syntax_extension(item) != tasklist)
				continue;
			int option = scan__option_of(item, q);
			if (option < 0)
				continue;
			size_t want = (size_t)cmark_node_get_start_line(item);
			while (line < want && at < len) {
				const char *nl = memchr(body + at, '\n', len - at);
				at = nl ? (size_t)(nl - body) + 1 : len;
				line++;
			}
			boxes[option].found++;
			boxes[option].mark = line == want ? box_at(body, len, at) : 0;
		}
	}
	cmark_node_free(doc);
	return 0;
}

int choose__checked(unsigned char *checked, const char *body, size_t len, const grille_question *q)
{
	struct option_box *boxes = calloc(q->option_count ? q->option_count : 1, sizeof(*boxes));
	int error = boxes ? find_boxes(boxes, body, len, q) : error__oom();
	for (size_t o = 0; !error && o < q->option_count; o++)
		checked[o] = boxes[o].found == 1 && boxes[o].mark && body[boxes[o].mark] != ' ';
	free(boxes);
	return error;
}

/* What a change of options would be refused for, said of option `o`. */
static int refuse_option(const grille_question *q, size_t o, const struct option_box *box, const char *name)
{
	if (box->found > 1)
		return error__set(GRILLE_EINVALID, _("l'option « %s » figure %zu fois sous « %s » dans « %s » : laquelle "
		                                     "cocher ? Gardez-en une seule, avec « grille edit %s ». Rien n'a été "
		                                     "changé"), q->options[o], box->found, q->id, name, q->id);
	return error__set(GRILLE_EINVALID, _("l'option « %s » n'est plus sous « %s » dans « %s » telle que la grille "
	                                     "l'écrit (« - [ ] %s ») : elle a été modifiée ou retirée à la main. "
	                                     "Cochez les options dans le fichier, avec « grille edit %s ». Rien n'a "
	                                     "été changé"), q->options[o], q->id, name, q->options[o], q->id);
}

/* Read the new bytes back: the same questions, this one checking `want` (its first 64 options). */
static int verify(const struct grille_edit_plan *plan, const char *name, const grille_grid *grid,
                  const struct scan *before, const grille_question *q, const unsigned char *want)
{
	struct scan after;
	int error = scan__text(&after, plan->text.ptr ? plan->text.ptr : "", plan->text.len, name, grid);
	if (error)
		return error;
	uint64_t bits = 0;
	for (size_t o = 0; o < q->option_count && o < 64; o++)
		bits |= want[o] ? UINT64_C(1) << o : 0;
	const struct scan_question *now = scan__question(&after, q->id);
	if (!now || now->checked != bits || after.question_count != before->question_count ||
	    after.item_count != before->item_count || after.conflict_count)
		error = error__set(GRILLE_EINVALID, _("cocher ces options changerait autre chose sous « %s » dans « %s » : "
		                                      "cochez-les dans le fichier, avec « grille edit %s ». Rien n'a été "
		                                      "changé"), q->id, name, q->id);
	scan__release(&after);
	return error;
}

/* The grid's choice question `id`, and the options to check as one flag each in `*want`. */
static int wanted(const grille_question **q, unsigned char **want, const grille_grid *grid, const char *id,
                  const size_t *checked, size_t count)
{
	*want = NULL;
	*q = grid && id ? grille_grid_find_question(grid, id) : NULL;
	if (!*q)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas une question de la grille"), id ? id : "");
	if ((*q)->kind != GRILLE_QUESTION_CHOICE || !(*q)->option_count)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas une question à choix : sa réponse s'écrit en "
		                                      "texte, sous sa question"), id);
	for (size_t i = 0; i < count; i++)
		if (checked[i] >= (*q)->option_count)
			return error__set(GRILLE_EARGUMENT, _("la question « %s » n'a pas d'option n° %zu : elle en a %zu, "
			                                      "comptées à partir de 0. Rien n'a été changé"),
			                  id, checked[i], (*q)->option_count);
	if (!(*want = calloc((*q)->option_count, 1)))
		return error__oom();
	for (size_t i = 0; i < count; i++)
		(*want)[checked[i]] = 1;
	return 0;
}

int choose__plan(struct grille_edit_plan *plan, const char *data, size_t len, const char *name,
                 const grille_grid *grid, const char *id, const size_t *checked, size_t count)
{
	memset(plan, 0, sizeof(*plan));
	const grille_question *q;
	unsigned char *want;
	int error = wanted(&q, &want, grid, id, checked, count);
	if (error)
		return error;
	struct scan scan;
	if ((error = scan__text(&scan, data, len, name, grid))) {
		free(want);
		return error;
	}
	const struct scan_question *sq = scan__question(&scan, id);
	struct option_box *boxes = calloc(q->option_count, sizeof(*boxes));
	if (!boxes)
		error = error__oom();
	else if (scan.conflict_count)
		error = error__set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), name);
	else if (!sq)
		error = GRILLE_ENOTFOUND;
	else
		error = find_boxes(boxes, data + sq->heading_to, sq->end - sq->heading_to, q);
	/* The file's own spelling of a checked box, "x" or "X", for the boxes checked now. */
	char mark = 'x';
	for (size_t o = 0; !error && o < q->option_count; o++)
		if (boxes[o].found == 1 && boxes[o].mark && data[sq->heading_to + boxes[o].mark] == 'X')
			mark = 'X';
	int changes = 0;
	for (size_t o = 0; !error && o < q->option_count; o++) {
		const struct option_box *box = &boxes[o];
		if (box->found > 1 || (box->found == 1 && !box->mark) || (!box->found && want[o]))
			error = refuse_option(q, o, box, name);
		else if (box->found)
			changes += (data[sq->heading_to + box->mark] != ' ') != want[o];
	}
	plan->unchanged = !error && !changes;
	plan->line = sq ? sq->line : 0;
	if (!error && changes) {
		error = grille_buf_put(&plan->text, data, len);
		for (size_t o = 0; !error && o < q->option_count; o++)
			if (boxes[o].found) {
				char *byte = plan->text.ptr + sq->heading_to + boxes[o].mark;
				if ((*byte != ' ') != want[o])
					*byte = want[o] ? mark : ' ';
			}
		if (!error)
			error = verify(plan, name, grid, &scan, q, want);
	}
	scan__release(&scan);
	free(boxes);
	free(want);
	return error;
}

int grille_workspace_choose(grille_edit_result *out, grille_workspace *ws, const char *id, const size_t *checked,
                            size_t count)
{
	memset(out, 0, sizeof(*out));
	const grille_question *q;
	unsigned char *want;
	/* Checked before any file is read, whatever the files hold. */
	int error = wanted(&q, &want, ws->grid, id, checked, count);
	free(want);
	if (error)
		return error;
	size_t steps = grille_grid_step_count(ws->grid);
	error = GRILLE_ENOTFOUND;
	/* The question's file: the first step file that has its heading (a missing file has none). */
	for (size_t s = 0; error == GRILLE_ENOTFOUND && s < steps; s++) {
		const grille_step *step = grille_grid_step(ws->grid, s);
		grille_buf data = GRILLE_BUF_INIT;
		struct grille_edit_plan plan;
		memset(&plan, 0, sizeof(plan));
		error = session__read(&data, session__of(ws), NULL, step->file);
		if (!error)
			error = choose__plan(&plan, data.ptr ? data.ptr : "", data.len, step->file, ws->grid, id, checked, count);
		char *path = error || plan.unchanged ? NULL : fs__join(ws->root, step->file);
		if (!error && !plan.unchanged && !path)
			error = error__oom();
		if (!error && path)
			error = fs__replace(path, plan.text.ptr ? plan.text.ptr : "", plan.text.len);
		if (!error) {
			out->line = plan.line;
			out->unchanged = plan.unchanged;
			if (!(out->file = strdup(step->file)))
				error = error__oom();
		}
		free(path);
		edit__plan_release(&plan);
		grille_buf_release(&data);
	}
	if (error == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son "
		                                       "numéro (« grille status --all » les liste toutes)"), id);
	return error;
}
