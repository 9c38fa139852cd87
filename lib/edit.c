#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/text.h"
#include "grille/workspace.h"
#include "errors.h"
#include "steer.h"
#include "fs.h"
#include "intl.h"
#include "edit.h"
#include "scaffold.h"
#include "scan.h"
#include "session.h"
#include "text.h"
#include "workspace_private.h"

/* A step file being edited, in memory: its bytes, what the scan found
 * (with the bytes of every heading and mark), and its line ending. */
struct edit {
	const char *name;
	const char *data;
	size_t len;
	struct scan scan;
	const char *eol;     /* "\r\n" or "\n" */
	const char *language; /* the grid's: the words of the marks */
	const grille_grid *grid;
};

static void edit_release(struct edit *e)
{
	scan__release(&e->scan);
	memset(e, 0, sizeof(*e));
}

const char *edit__line_ending(const char *data, size_t len)
{
	size_t lf = 0, crlf = 0;
	for (const char *p = data; (p = memchr(p, '\n', len - (size_t)(p - data))); p++) {
		lf++;
		crlf += p > data && p[-1] == '\r';
	}
	return crlf > lf - crlf ? "\r\n" : "\n";
}

/* Whether a line of the file starts at byte `at`, and holds only white space. */
static int blank_line_at(const struct edit *e, size_t at)
{
	return text__blank_line_at(e->data, e->len, at);
}

/* Where the line before the one starting at byte `at` (> 0) starts. */
static size_t line_before(const struct edit *e, size_t at)
{
	size_t start = at - 1;
	while (start > 0 && e->data[start - 1] != '\n')
		start--;
	return start;
}

static int open_edit(struct edit *e, const char *data, size_t len, const char *name, const grille_grid *grid)
{
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->grid = grid;
	e->data = data ? data : "";
	e->len = data ? len : 0;
	int error = scan__text(&e->scan, e->data, e->len, name, grid);
	if (!error && e->scan.conflict_count)
		error = error__set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), name);
	e->eol = edit__line_ending(e->data, e->len);
	e->language = grid ? grille_grid_language(grid) : NULL;
	return error;
}

/* Append `text` with each of its line endings written as the file's. */
static int put_lines(grille_buf *out, const struct edit *e, const char *text, size_t len)
{
	return edit__put_lines(out, e->eol, text, len);
}

int edit__put_lines(grille_buf *out, const char *eol, const char *text, size_t len)
{
	int error = 0;
	for (size_t i = 0; i < len && !error;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t keep = end > i && text[end - 1] == '\r' ? end - 1 : end;
		error = grille_buf_put(out, text + i, keep - i);
		if (!error && nl)
			error = grille_buf_puts(out, eol);
		i = end + 1;
	}
	return error;
}

/* The new file: bytes [from, to) replaced by `text` (its lines ending as the file's). */
static int splice(struct grille_edit_plan *plan, const struct edit *e, size_t from, size_t to,
                  const char *text, size_t len)
{
	if (from > to || to > e->len)
		return error__set(GRILLE_ERROR, _("« %s » : la place à modifier n'a pas pu être trouvée, rien n'a été changé"),
		                        e->name);
	int error = grille_buf_grow(&plan->text, e->len - (to - from) + 2 * len);
	if (!error)
		error = grille_buf_put(&plan->text, e->data, from);
	if (!error)
		error = put_lines(&plan->text, e, text, len);
	if (!error)
		error = grille_buf_put(&plan->text, e->data + to, e->len - to);
	return error;
}

static int mark_has_no_place(const struct edit *e, const char *id)
{
	return error__set(GRILLE_EINVALID, _("la marque de « %s » n'a pas de place sûre dans « %s » : "
	                                           "mettez une ligne vide après elle, puis recommencez"),
	                        id, e->name);
}

static int plan_mark(struct grille_edit_plan *plan, const struct edit *e, const struct grille_edit_request *r,
                     const struct scan_item *item, const struct scan_question *question)
{
	const struct scan_mark *existing = item ? &item->mark : &question->mark;
	size_t heading_end = item ? item->heading_end : question->heading_end;
	size_t under = item ? item->heading_to : question->heading_to; /* where the line under the heading starts */
	if (existing->kind != MARK_NONE && (!existing->line || existing->end_line < existing->line))
		return mark_has_no_place(e, r->id);
	/* A mark never hides an answer: say which ones stay answered. */
	for (size_t q = 0; q < e->scan.question_count; q++) {
		const struct scan_question *sq = &e->scan.questions[q];
		size_t len = item ? strlen(item->id) : 0;
		if (sq->answered && (item ? strncmp(sq->id, item->id, len) == 0 && sq->id[len] == '.' : sq == question))
			plan->answered++;
	}
	grille_buf mark = GRILLE_BUF_INIT;
	int error = scaffold__mark(&mark, e->language, r->defer, r->until, r->reason);
	if (!error && existing->kind != MARK_NONE) {
		error = splice(plan, e, existing->start, existing->end, mark.ptr, mark.len);
		plan->line = existing->line;
	} else if (!error) {
		/* A blank line, then the mark, right under the heading. */
		size_t at = under;
		grille_buf text = GRILLE_BUF_INIT;
		if (at == e->len && at > 0 && e->data[at - 1] != '\n')
			error = grille_buf_puts(&text, "\n");
		if (!error)
			error = grille_buf_printf(&text, "\n%s", mark.ptr);
		if (!error)
			error = splice(plan, e, at, at, text.ptr, text.len);
		plan->line = heading_end + 2;
		grille_buf_release(&text);
	}
	grille_buf_release(&mark);
	return error;
}

static int plan_reopen(struct grille_edit_plan *plan, const struct edit *e, const char *id,
                       const struct scan_item *item, const struct scan_question *question)
{
	const struct scan_mark *mark = item ? &item->mark : &question->mark;
	size_t under = item ? item->heading_to : question->heading_to;
	if (mark->kind != MARK_NONE && (!mark->line || mark->end_line < mark->line))
		return mark_has_no_place(e, id);
	if (mark->kind == MARK_NONE) {
		plan->unchanged = 1;
		plan->line = item ? item->line : question->line;
		const struct scan_item *parent = NULL;
		if (question) {
			char *parent_id = scan__parent_id(id);
			if (!parent_id)
				return error__oom();
			parent = scan__item(&e->scan, parent_id);
			free(parent_id);
		}
		if (parent && parent->mark.kind != MARK_NONE)
			return error__set(GRILLE_EINVALID,
				_("la question « %s » n'est pas marquée elle-même : c'est son item qui l'est. "
				  "Pour le rouvrir : grille reopen %s"), id, parent->id);
		return 0;
	}
	/* Take the blank line grille put before the mark, so the file is as it was
	 * — only when the mark stood alone, so no line of the group's moves up. */
	size_t from = mark->start, after = mark->end;
	int alone = after >= e->len || blank_line_at(e, after) || e->data[after] == '#';
	if (alone && from > under && blank_line_at(e, line_before(e, from)))
		from = line_before(e, from);
	plan->line = mark->line;
	return splice(plan, e, from, mark->end, "", 0);
}

static int plan_deepen(struct grille_edit_plan *plan, const struct edit *e, const struct grille_edit_request *r,
                       const struct scan_item *item)
{
	plan->line = item->end_line + 1;
	if (!r->add_count) {
		plan->unchanged = 1;
		return 0;
	}
	grille_buf text = GRILLE_BUF_INIT;
	size_t at = item->end;
	int error = 0;
	/* A blank line before the new questions, and one after when something follows. */
	if (at > 0 && e->data[at - 1] != '\n')
		error = grille_buf_puts(&text, "\n");
	if (!error && at > 1 && !(text.len == 0 && blank_line_at(e, line_before(e, at))))
		error = grille_buf_puts(&text, "\n");
	if (!error)
		error = scaffold__questions(&text, r->add, r->add_count);
	if (!error && at < e->len)
		error = grille_buf_puts(&text, "\n");
	if (!error)
		error = splice(plan, e, at, at, text.ptr, text.len);
	grille_buf_release(&text);
	return error;
}

/* Plan `r` (checked) on a file already scanned. */
static int plan_on(struct grille_edit_plan *plan, const struct edit *e, const struct grille_edit_request *r)
{
	memset(plan, 0, sizeof(*plan));
	const struct scan_item *item = NULL;
	const struct scan_question *question = NULL;
	if (scan__id_depth(r->id) == 1)
		item = scan__item(&e->scan, r->id);
	else
		question = scan__question(&e->scan, r->id);
	int error = 0;
	if (!item && !question)
		error = error__set(GRILLE_ENOTFOUND, _("« %s » n'est pas dans « %s »"), r->id, e->name);
	else if (r->op == GRILLE_EDIT_MARK)
		error = plan_mark(plan, e, r, item, question);
	else if (r->op == GRILLE_EDIT_REOPEN)
		error = plan_reopen(plan, e, r->id, item, question);
	else if (r->op == GRILLE_EDIT_DEEPEN)
		error = plan_deepen(plan, e, r, item);
	else if (r->op == GRILLE_EDIT_ANSWER)
		error = answer__plan_at(plan, e->data, e->len, e->name, e->eol, e->grid, &e->scan, question, r);
	if (error)
		edit__plan_release(plan);
	return error;
}

int edit__plan_make(struct grille_edit_plan *plan, const char *data, size_t len, const char *name,
                          const grille_grid *grid, const struct grille_edit_request *r)
{
	memset(plan, 0, sizeof(*plan));
	int depth = r->id ? scan__id_depth(r->id) : -1;
	if (depth < 1 || (r->op == GRILLE_EDIT_DEEPEN && depth != 1) || (r->op == GRILLE_EDIT_ANSWER && depth < 2))
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas l'identifiant d'un item (« 2.6 ») "
		                                           "ou d'une question (« 2.6.a »)"), r->id ? r->id : "");
	if (r->op == GRILLE_EDIT_MARK) {
		int error = r->reason ? grille_mark_reason_check(r->reason) : 0;
		if (error)
			return error;
		if (r->until && (!r->defer || !grille_date_valid(r->until)))
			return error__set(GRILLE_EARGUMENT, "%s",
			                        _("la date donnée n'est pas valide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"));
	}
	struct edit e;
	int error = open_edit(&e, data, len, name, grid);
	if (!error)
		error = plan_on(plan, &e, r);
	edit_release(&e);
	return error;
}

void edit__plan_release(struct grille_edit_plan *plan)
{
	grille_buf_release(&plan->text);
	memset(plan, 0, sizeof(*plan));
}

/* A step file read and scanned once, for edits one after another (deepen). */
struct loaded {
	grille_buf data;
	struct edit e;
	int missing; /* the file is not there */
};

static int load_step(struct loaded *l, const grille_workspace *ws, const grille_step *step)
{
	int error = session__read(&l->data, session__of(ws), NULL, step->file);
	if (!error)
		error = open_edit(&l->e, l->data.ptr, l->data.len, step->file, ws->grid);
	if (error == GRILLE_ENOTFOUND) {
		l->missing = 1;
		error = 0;
	}
	return error;
}

/* The file as an edit wrote it, `text`, taken over, scanned again for the next edit. */
static int reload(struct loaded *l, grille_buf *text, const grille_step *step, const grille_grid *grid)
{
	edit_release(&l->e);
	grille_buf old = l->data;
	l->data = *text;
	*text = old;
	return open_edit(&l->e, l->data.ptr, l->data.len, step->file, grid);
}

static void loaded_release(struct loaded *l)
{
	edit_release(&l->e);
	grille_buf_release(&l->data);
}

/* Plan `request` on step `s`'s file: read from the disk, or from `cache` when given. */
static int plan_step(struct grille_edit_plan *plan, grille_workspace *ws, size_t s,
                     const struct grille_edit_request *request, struct loaded *cache)
{
	const grille_step *step = grille_grid_step(ws->grid, s);
	if (cache)
		return cache[s].missing ? GRILLE_ENOTFOUND : plan_on(plan, &cache[s].e, request);
	grille_buf data = GRILLE_BUF_INIT;
	int error = session__read(&data, session__of(ws), NULL, step->file);
	if (!error)
		error = edit__plan_make(plan, data.ptr, data.len, step->file, ws->grid, request);
	grille_buf_release(&data);
	return error;
}

/* Carry out `request` on the step file that holds its ID's heading — its own
 * step's file first — and write the file atomically. With `cache` (one per
 * step, loaded), the files are taken from it, and it follows the changes. */
static int apply(grille_edit_result *out, grille_workspace *ws, const struct grille_edit_request *request,
                 struct loaded *cache)
{
	int depth = scan__id_depth(request->id);
	if (depth < 1)
		return error__set(GRILLE_EARGUMENT, _("« %s » n'est pas l'identifiant d'un item (« 2.6 ») "
		                                           "ou d'une question (« 2.6.a »)"), request->id);
	size_t count = grille_grid_step_count(ws->grid);
	size_t own = count;
	for (size_t s = 0; s < count; s++) {
		const grille_step *step = grille_grid_step(ws->grid, s);
		size_t len = strlen(step->id);
		if (strncmp(request->id, step->id, len) == 0 && request->id[len] == '.')
			own = s;
	}
	for (size_t n = 0; n <= count; n++) {
		size_t s = n == 0 ? own : n - 1;
		if (s >= count || (n > 0 && s == own))
			continue;
		const grille_step *step = grille_grid_step(ws->grid, s);
		char *path = fs__join(ws->root, step->file);
		if (!path)
			return error__oom();
		struct grille_edit_plan plan;
		memset(&plan, 0, sizeof(plan));
		int error = plan_step(&plan, ws, s, request, cache);
		if (!error && !plan.unchanged)
			error = fs__replace(path, plan.text.ptr ? plan.text.ptr : "", plan.text.len);
		if (!error && !plan.unchanged && cache)
			error = reload(&cache[s], &plan.text, step, ws->grid);
		if (!error) {
			out->line = plan.line;
			out->unchanged = plan.unchanged;
			out->answered = plan.answered;
			if (!(out->file = strdup(step->file)))
				error = error__oom();
		}
		edit__plan_release(&plan);
		free(path);
		if (error != GRILLE_ENOTFOUND)
			return error;
	}
	return error__set(GRILLE_ENOTFOUND,
		depth == 1 ? _("l'item « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		               "(« grille status --all » les liste tous)")
		           : _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		               "(« grille status --all » les liste toutes)"), request->id);
}

int edit__apply(grille_edit_result *out, grille_workspace *ws, const struct grille_edit_request *request)
{
	return apply(out, ws, request, NULL);
}

int grille_mark_reason_check(const char *reason)
{
	int32_t cp = 0;
	size_t column;
	switch (grille_text_problem(reason, 0, &cp, &column)) {
	case 1:
		return error__set(GRILLE_EARGUMENT, "%s",
			_("la raison donnée n'est pas du texte UTF-8 valide : retapez-la depuis un terminal en UTF-8. "
			  "Rien n'a été changé"));
	case 2:
		if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
			return error__set(GRILLE_EARGUMENT, "%s",
				_("la raison tient sur une seule ligne : retirez-en les retours à la ligne. Rien n'a été changé"));
		return error__set(GRILLE_EARGUMENT,
			_("la raison contient un caractère de contrôle (U+%04X) : écrivez-la en texte simple. "
			  "Rien n'a été changé"), (unsigned)cp);
	default:
		return 0;
	}
}

/* A date that is not text is not echoed: it could move the terminal's cursor. */
static int bad_date(const char *until)
{
	int32_t cp = 0;
	size_t column;
	if (grille_text_problem(until, 0, &cp, &column))
		return error__set(GRILLE_EARGUMENT, "%s", _("la date donnée avec --until n'est pas du texte lisible : "
		                                            "AAAA-MM-JJ attendu (par exemple 2027-03-15)"));
	return error__set(GRILLE_EARGUMENT, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
	                  until);
}

/* An ID found in no step file and unknown to the grid is a typo: what the
 * user typed (exit 2), as for answer, edit and position; one the grid
 * knows but no file holds stays GRILLE_ENOTFOUND (the files' content). */
static int typed_id(int error, const grille_workspace *ws, const char *id)
{
	const grille_grid *grid = grille_workspace_grid(ws);
	if (error != GRILLE_ENOTFOUND || grille_grid_find_item(grid, id) || grille_grid_find_question(grid, id))
		return error;
	return error__set(GRILLE_EARGUMENT, _("« %s » n'est ni un item ni une question de la grille, ni un titre des "
	                                      "fichiers d'étape : vérifiez son numéro (« grille status --all » les "
	                                      "liste tous)"), id);
}

int grille_workspace_mark(grille_edit_result *out, grille_workspace *ws, const char *id,
                          grille_mark_kind kind, const char *until, const char *reason)
{
	memset(out, 0, sizeof(*out));
	struct grille_edit_request request = {
		.op = GRILLE_EDIT_MARK, .id = id, .defer = kind == GRILLE_MARK_DEFER, .until = until, .reason = reason,
	};
	/* Checked before any file is read, whatever the files hold. */
	int error = reason ? grille_mark_reason_check(reason) : 0;
	if (!error && until && kind != GRILLE_MARK_DEFER)
		error = error__set(GRILLE_EARGUMENT, "%s", _("la date donnée n'est pas valide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"));
	else if (!error && until && !grille_date_valid(until))
		error = bad_date(until);
	return error ? error : typed_id(apply(out, ws, &request, NULL), ws, id);
}

int grille_workspace_reopen(grille_edit_result *out, grille_workspace *ws, const char *id)
{
	memset(out, 0, sizeof(*out));
	struct grille_edit_request request = { .op = GRILLE_EDIT_REOPEN, .id = id };
	int error = steer__reopen_check(ws, id);
	return error ? error : typed_id(apply(out, ws, &request, NULL), ws, id);
}

/* Whether `id` is a question heading in any of the workspace's step files. */
static int present_anywhere(const struct loaded *all, size_t count, const char *id)
{
	for (size_t s = 0; s < count; s++)
		if (scan__question(&all[s].e.scan, id))
			return 1;
	return 0;
}

static int deepen_item(grille_edit_result *out, grille_workspace *ws, const grille_item *gi,
                       int level, struct loaded *all, size_t all_count)
{
	int current = 0;
	for (size_t q = 0; q < gi->question_count; q++)
		if (present_anywhere(all, all_count, gi->questions[q].id) && gi->questions[q].level > current)
			current = gi->questions[q].level;
	int target = level ? level : current + 1;
	if (target > GRILLE_LEVEL_MAX)
		target = GRILLE_LEVEL_MAX;
	const grille_question **add = calloc(gi->question_count ? gi->question_count : 1, sizeof(*add));
	if (!add)
		return error__oom();
	size_t count = 0;
	for (size_t q = 0; q < gi->question_count; q++)
		if (gi->questions[q].level <= target && !present_anywhere(all, all_count, gi->questions[q].id))
			add[count++] = &gi->questions[q];
	struct grille_edit_request request = { .op = GRILLE_EDIT_DEEPEN, .id = gi->id, .add = add, .add_count = count };
	grille_edit_result one;
	memset(&one, 0, sizeof(one));
	int error = apply(&one, ws, &request, all);
	if (!error && count && !out->file) {
		out->file = one.file;
		out->line = one.line;
		one.file = NULL;
	}
	grille_edit_result_release(&one);
	if (!error) {
		out->added += count;
		if (target > out->level)
			out->level = target;
	}
	free(add);
	return error;
}

int grille_workspace_deepen(grille_edit_result *out, grille_workspace *ws, const char *id, int level)
{
	memset(out, 0, sizeof(*out));
	if (level && (level < GRILLE_LEVEL_MIN || level > GRILLE_LEVEL_MAX))
		return error__set(GRILLE_EARGUMENT, _("niveau « %d » invalide : 1, 2 ou 3 attendu"), level);
	const grille_step *step = grille_grid_find_step(ws->grid, id);
	const grille_item *single = grille_grid_find_item(ws->grid, id);
	if (!step && !single)
		return error__set(GRILLE_EARGUMENT,
		                        _("pas d'étape ni d'item « %s » dans la grille : deepen prend un item "
		                          "(« 2.6 ») ou une étape (« 2 »)"), id);
	/* Read and scan every step file once: to know which questions already
	 * stand somewhere, and to plan each item's change on. */
	size_t count = grille_grid_step_count(ws->grid);
	struct loaded *all = calloc(count, sizeof(*all));
	int error = all ? 0 : error__oom();
	for (size_t s = 0; !error && s < count; s++)
		error = load_step(&all[s], ws, grille_grid_step(ws->grid, s));
	if (!error && single) {
		error = deepen_item(out, ws, single, level, all, count);
	} else if (!error) {
		for (size_t i = 0; !error && i < step->item_count; i++) {
			/* Each item may move the next one's lines: the file, as the last
			 * change wrote it, is scanned again. An item the group removed
			 * from its file stays removed. */
			error = deepen_item(out, ws, &step->items[i], level, all, count);
			if (error == GRILLE_ENOTFOUND)
				error = 0;
		}
	}
	for (size_t s = 0; all && s < count; s++)
		loaded_release(&all[s]);
	free(all);
	out->unchanged = !error && out->added == 0;
	return error;
}

void grille_edit_result_release(grille_edit_result *result)
{
	free(result->file);
	memset(result, 0, sizeof(*result));
}
