#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "scaffold.h"
#include "scan.h"
#include "workspace_private.h"

/* A step file being edited: its bytes, what the scan found, where lines start. */
struct edit {
	const grille_step *step;
	char *path;
	grille_buf data;
	struct scan scan;
	size_t *line_starts; /* line_starts[n] is where line n (1-based) starts */
	size_t line_count;
};

static void edit_release(struct edit *e)
{
	free(e->path);
	grille_buf_release(&e->data);
	grille_scan_release(&e->scan);
	free(e->line_starts);
	memset(e, 0, sizeof(*e));
}

static int index_lines(struct edit *e)
{
	size_t count = 1;
	for (size_t i = 0; i < e->data.len; i++)
		count += e->data.ptr[i] == '\n';
	if (!(e->line_starts = malloc((count + 2) * sizeof(*e->line_starts))))
		return grille_error_oom();
	size_t line = 1;
	e->line_starts[line] = 0;
	for (size_t i = 0; i < e->data.len; i++)
		if (e->data.ptr[i] == '\n')
			e->line_starts[++line] = i + 1;
	e->line_count = line;
	e->line_starts[line + 1] = e->data.len; /* one past the last line */
	return 0;
}

/* Where line `n` starts; past the end, the end of the file. */
static size_t offset_of(const struct edit *e, size_t n)
{
	return n <= e->line_count ? e->line_starts[n] : e->data.len;
}

static int open_edit(struct edit *e, const grille_workspace *ws, const grille_step *step)
{
	memset(e, 0, sizeof(*e));
	e->step = step;
	if (!(e->path = grille_fs_join(ws->root, step->file)))
		return grille_error_oom();
	int error = grille_fs_read(&e->data, e->path);
	if (!error)
		error = grille_scan(&e->scan, e->data.ptr ? e->data.ptr : "", e->data.len, step->file, ws->grid);
	if (!error && e->scan.conflict_count)
		error = grille_error_set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), step->file);
	if (!error)
		error = index_lines(e);
	return error;
}

/* Find the step file holding `id`'s heading: its own step's file first. */
static int find_heading(struct edit *e, const grille_workspace *ws, const char *id,
                        const struct scan_item **item, const struct scan_question **question)
{
	*item = NULL;
	*question = NULL;
	int depth = grille_id_depth(id);
	if (depth < 1)
		return grille_error_set(GRILLE_EINVALID, _("« %s » n'est pas l'identifiant d'un item (« 2.6 ») "
		                                           "ou d'une question (« 2.6.a »)"), id);
	size_t count = grille_grid_step_count(ws->grid);
	size_t own = count;
	for (size_t s = 0; s < count; s++) {
		const grille_step *step = grille_grid_step(ws->grid, s);
		size_t len = strlen(step->id);
		if (strncmp(id, step->id, len) == 0 && id[len] == '.')
			own = s;
	}
	for (size_t n = 0; n <= count; n++) {
		size_t s = n == 0 ? own : n - 1;
		if (s >= count || (n > 0 && s == own))
			continue;
		int error = open_edit(e, ws, grille_grid_step(ws->grid, s));
		if (error == GRILLE_ENOTFOUND) {
			edit_release(e);
			continue;
		}
		if (error) {
			edit_release(e);
			return error;
		}
		if (depth == 1)
			*item = grille_scan_item(&e->scan, id);
		else
			*question = grille_scan_question(&e->scan, id);
		if (*item || *question)
			return 0;
		edit_release(e);
	}
	return grille_error_set(GRILLE_ENOTFOUND,
		depth == 1 ? _("l'item « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		               "(« grille status --all » les liste tous)")
		           : _("la question « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		               "(« grille status --all » les liste toutes)"), id);
}

/* Replace bytes [from, to) of the file by `text`, then write it atomically. */
static int splice(struct edit *e, size_t from, size_t to, const char *text, size_t len)
{
	if (from > to || to > e->data.len)
		return grille_error_set(GRILLE_ERROR, _("« %s » : la place à modifier n'a pas pu être trouvée, rien n'a été changé"),
		                        e->step->file);
	grille_buf out = GRILLE_BUF_INIT;
	int error = grille_buf_grow(&out, e->data.len - (to - from) + len);
	if (!error)
		error = grille_buf_put(&out, e->data.ptr, from);
	if (!error)
		error = grille_buf_put(&out, text, len);
	if (!error)
		error = grille_buf_put(&out, e->data.ptr + to, e->data.len - to);
	if (!error)
		error = grille_fs_replace(e->path, out.ptr, out.len);
	grille_buf_release(&out);
	return error;
}

static int fill_result(grille_edit_result *out, const struct edit *e, size_t line)
{
	out->line = line;
	return (out->file = strdup(e->step->file)) ? 0 : grille_error_oom();
}

int grille_workspace_mark(grille_edit_result *out, grille_workspace *ws, const char *id,
                          grille_mark_kind kind, const char *until, const char *reason)
{
	memset(out, 0, sizeof(*out));
	if (until && (kind != GRILLE_MARK_DEFER || !grille_date_valid(until)))
		return grille_error_set(GRILLE_EINVALID, _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"), until);
	if (reason && (strchr(reason, '\n') || strchr(reason, '\r')))
		return grille_error_set(GRILLE_EINVALID, "%s", _("la raison tient sur une seule ligne"));
	struct edit e;
	const struct scan_item *item;
	const struct scan_question *question;
	grille_buf mark = GRILLE_BUF_INIT;
	int error = find_heading(&e, ws, id, &item, &question);
	if (error)
		return error;
	const struct scan_mark *existing = item ? &item->mark : &question->mark;
	size_t heading_end = item ? item->heading_end : question->heading_end;
	error = grille_scaffold_mark(&mark, kind == GRILLE_MARK_DEFER, until, reason);
	if (!error && existing->kind != MARK_NONE && (!existing->line || existing->end_line < existing->line))
		error = grille_error_set(GRILLE_EINVALID, _("la marque de « %s » n'a pas de place sûre dans « %s » : "
		                                            "mettez une ligne vide après elle, puis recommencez"),
		                         id, e.step->file);
	else if (!error && existing->kind != MARK_NONE) {
		error = splice(&e, offset_of(&e, existing->line), offset_of(&e, existing->end_line + 1),
		               mark.ptr, mark.len);
		if (!error)
			error = fill_result(out, &e, existing->line);
	} else if (!error) {
		/* A blank line, then the mark, right under the heading. */
		size_t at = offset_of(&e, heading_end + 1);
		grille_buf text = GRILLE_BUF_INIT;
		if (at == e.data.len && at > 0 && e.data.ptr[at - 1] != '\n')
			error = grille_buf_puts(&text, "\n");
		if (!error)
			error = grille_buf_printf(&text, "\n%s", mark.ptr);
		if (!error)
			error = splice(&e, at, at, text.ptr, text.len);
		if (!error)
			error = fill_result(out, &e, heading_end + 2);
		grille_buf_release(&text);
	}
	grille_buf_release(&mark);
	edit_release(&e);
	return error;
}

static int is_blank_line(const struct edit *e, size_t n)
{
	for (size_t i = offset_of(e, n); i < offset_of(e, n + 1); i++)
		if (!strchr(" \t\r\n", e->data.ptr[i]))
			return 0;
	return n >= 1 && n <= e->line_count && offset_of(e, n) < e->data.len;
}

int grille_workspace_reopen(grille_edit_result *out, grille_workspace *ws, const char *id)
{
	memset(out, 0, sizeof(*out));
	struct edit e;
	const struct scan_item *item;
	const struct scan_question *question;
	int error = find_heading(&e, ws, id, &item, &question);
	if (error)
		return error;
	const struct scan_mark *mark = item ? &item->mark : &question->mark;
	size_t heading_end = item ? item->heading_end : question->heading_end;
	if (mark->kind != MARK_NONE && (!mark->line || mark->end_line < mark->line)) {
		error = grille_error_set(GRILLE_EINVALID, _("la marque de « %s » n'a pas de place sûre dans « %s » : "
		                                            "mettez une ligne vide après elle, puis recommencez"),
		                         id, e.step->file);
		edit_release(&e);
		return error;
	}
	if (mark->kind == MARK_NONE) {
		out->unchanged = 1;
		const struct scan_item *parent = NULL;
		if (question) {
			char *parent_id = grille_parent_id(id);
			parent = parent_id ? grille_scan_item(&e.scan, parent_id) : NULL;
			free(parent_id);
		}
		if (parent && parent->mark.kind != MARK_NONE)
			error = grille_error_set(GRILLE_EINVALID,
				_("la question « %s » n'est pas marquée elle-même : c'est son item qui l'est. "
				  "Pour le rouvrir : grille reopen %s"), id, parent->id);
		else
			error = fill_result(out, &e, item ? item->line : question->line);
		edit_release(&e);
		return error;
	}
	/* Take the blank line grille put before the mark, so the file is as it was
	 * — only when the mark stood alone, so no line of the group's moves up. */
	size_t first = mark->line, after = mark->end_line + 1;
	int alone = after > e.line_count || offset_of(&e, after) >= e.data.len || is_blank_line(&e, after) ||
	            e.data.ptr[offset_of(&e, after)] == '#';
	if (alone && first > heading_end + 1 && is_blank_line(&e, first - 1))
		first--;
	error = splice(&e, offset_of(&e, first), offset_of(&e, mark->end_line + 1), "", 0);
	if (!error)
		error = fill_result(out, &e, mark->line);
	edit_release(&e);
	return error;
}

/* Whether `id` is a question heading in any of the workspace's step files. */
static int present_anywhere(struct scan *scans, size_t count, const char *id)
{
	for (size_t s = 0; s < count; s++)
		if (grille_scan_question(&scans[s], id))
			return 1;
	return 0;
}

static int deepen_item(grille_edit_result *out, grille_workspace *ws, const grille_item *gi,
                       int level, struct scan *all, size_t all_count)
{
	struct edit e;
	const struct scan_item *item;
	const struct scan_question *unused;
	int error = find_heading(&e, ws, gi->id, &item, &unused);
	if (error)
		return error;
	int current = 0;
	for (size_t q = 0; q < gi->question_count; q++)
		if (present_anywhere(all, all_count, gi->questions[q].id) && gi->questions[q].level > current)
			current = gi->questions[q].level;
	int target = level ? level : current + 1;
	if (target > GRILLE_LEVEL_MAX)
		target = GRILLE_LEVEL_MAX;
	const grille_question **add = calloc(gi->question_count ? gi->question_count : 1, sizeof(*add));
	size_t count = 0;
	if (!add)
		error = grille_error_oom();
	for (size_t q = 0; !error && q < gi->question_count; q++)
		if (gi->questions[q].level <= target && !present_anywhere(all, all_count, gi->questions[q].id))
			add[count++] = &gi->questions[q];
	if (!error && count) {
		grille_buf text = GRILLE_BUF_INIT;
		size_t at = offset_of(&e, item->end_line + 1);
		/* A blank line before the new questions, and one after when something follows. */
		if (at > 0 && e.data.ptr[at - 1] != '\n')
			error = grille_buf_puts(&text, "\n");
		if (!error && at > 1 && !(at >= 2 && e.data.ptr[at - 1] == '\n' && e.data.ptr[at - 2] == '\n') &&
		    !(text.len == 0 && at > 0 && is_blank_line(&e, item->end_line)))
			error = grille_buf_puts(&text, "\n");
		if (!error)
			error = grille_scaffold_questions(&text, add, count);
		if (!error && at < e.data.len)
			error = grille_buf_puts(&text, "\n");
		if (!error)
			error = splice(&e, at, at, text.ptr, text.len);
		if (!error && !out->file)
			error = fill_result(out, &e, item->end_line + 1);
		grille_buf_release(&text);
	}
	out->added += count;
	if (target > out->level)
		out->level = target;
	free(add);
	edit_release(&e);
	return error;
}

int grille_workspace_deepen(grille_edit_result *out, grille_workspace *ws, const char *id, int level)
{
	memset(out, 0, sizeof(*out));
	if (level && (level < GRILLE_LEVEL_MIN || level > GRILLE_LEVEL_MAX))
		return grille_error_set(GRILLE_EINVALID, _("niveau « %d » invalide : 1, 2 ou 3 attendu"), level);
	const grille_step *step = grille_grid_find_step(ws->grid, id);
	const grille_item *single = grille_grid_find_item(ws->grid, id);
	if (!step && !single)
		return grille_error_set(GRILLE_ENOTFOUND,
		                        _("pas d'étape ni d'item « %s » dans la grille : deepen prend un item "
		                          "(« 2.6 ») ou une étape (« 2 »)"), id);
	/* Read every step file once, to know which questions already stand somewhere. */
	size_t count = grille_grid_step_count(ws->grid);
	struct scan *all = calloc(count, sizeof(*all));
	int error = all ? 0 : grille_error_oom();
	for (size_t s = 0; !error && s < count; s++) {
		struct edit e;
		error = open_edit(&e, ws, grille_grid_step(ws->grid, s));
		if (error == GRILLE_ENOTFOUND)
			error = 0;
		all[s] = e.scan;
		memset(&e.scan, 0, sizeof(e.scan));
		edit_release(&e);
	}
	if (!error && single) {
		error = deepen_item(out, ws, single, level, all, count);
	} else if (!error) {
		for (size_t i = 0; !error && i < step->item_count; i++) {
			/* Each item may move the next one's lines: read the file again each time.
			 * An item the group removed from its file stays removed. */
			error = deepen_item(out, ws, &step->items[i], level, all, count);
			if (error == GRILLE_ENOTFOUND)
				error = 0;
		}
	}
	for (size_t s = 0; all && s < count; s++)
		grille_scan_release(&all[s]);
	free(all);
	out->unchanged = !error && out->added == 0;
	return error;
}

void grille_edit_result_release(grille_edit_result *result)
{
	free(result->file);
	memset(result, 0, sizeof(*result));
}
