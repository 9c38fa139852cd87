#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/answer.h"
#include "grille/error.h"
#include "grille/group.h"
#include "grille/history.h"
#include "grille/lock.h"
#include "errors.h"
#include "intl.h"
#include "serve_private.h"

/* What each of grille serve's addresses does, once lib/serve.c has checked
 * the request (Host, token or cookie, method, sizes, encodings, CSRF). */

enum {
	CONNECTED_SECONDS = 15, /* a browser seen this lately is connected (it polls every second) */
	LOCK_WAIT_MS = 5000,    /* how long a change waits for another grille's lock */
};

static int page(struct serve_call *call);
static int present(struct serve_call *call);
static int group(struct serve_call *call);
static int changes(struct serve_call *call);
static int save_answer(struct serve_call *call);
static int choose(struct serve_call *call);
static int position(struct serve_call *call);
static int mark(struct serve_call *call);
static int milestone(struct serve_call *call);
static int member(struct serve_call *call);
static int group_change(struct serve_call *call);

/* Every route there is: nothing else in a request's path means anything. */
static const struct serve_route routes[] = {
	{ "/", 0, page },
	{ "/present", 0, present },
	{ "/group", 0, group },
	{ "/changes", 0, changes },
	{ "/answer", 1, save_answer },
	{ "/choose", 1, choose },
	{ "/position", 1, position },
	{ "/mark", 1, mark },
	{ "/milestone", 1, milestone },
	{ "/member", 1, member },
	{ "/group/change", 1, group_change },
};

/* The route of `path` (the request's, without its query), or NULL. */
const struct serve_route *serve__route(const char *path, size_t len)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(*routes); i++)
		if (strlen(routes[i].path) == len && memcmp(routes[i].path, path, len) == 0)
			return &routes[i];
	return NULL;
}

/* Redirect to `path` (which the caller built from fixed routes and checked IDs) after a change. */
static void see_other(struct serve_reply *reply, const char *step, const char *anchor)
{
	reply->status = 303;
	snprintf(reply->location, sizeof(reply->location), "/%s%s%s%s", step ? "?step=" : "", step ? step : "",
	         anchor ? "#" : "", anchor ? anchor : "");
}

/* A step's ID or a question's, safe to put back in a URL: digits, letters, dots. */
static int plain_id(const char *id)
{
	if (!id || !*id || strlen(id) > 32)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '.' ||
		      *p == '-' || *p == '_'))
			return 0;
	return 1;
}

static void anchor_of(char *out, size_t size, const char *id)
{
	snprintf(out, size, "q-%s", id);
	for (char *p = out; *p; p++)
		if (*p == '.')
			*p = '-';
}

/* The members of the group, borrowed from `group`, in `names` (caller frees the array). */
static size_t member_names(const char ***names, const grille_group *group)
{
	*names = NULL;
	if (!group || !group->member_count || !(*names = calloc(group->member_count, sizeof(char *))))
		return 0;
	for (size_t i = 0; i < group->member_count; i++)
		(*names)[i] = group->members[i].name;
	return group->member_count;
}

/* Open the workspace for one request: files may have changed since the last. */
static int open_workspace(grille_workspace **ws, struct serve_call *call)
{
	int error = grille_workspace_open(ws, call->server->root);
	if (error) {
		call->reply->status = 500;
		grille_buf_puts(&call->reply->body, grille_error_last());
	} else /* the library's messages shown on the page speak its language: serve.c resets it */
		intl__speak(grille_grid_language(grille_workspace_grid(*ws)));
	return error;
}

long long serve__now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec;
}

/* Who is connected: the members of the sessions seen lately, each once, and the browsers without one. */
static void connected_of(struct serve_view *view, const struct grille_server *server)
{
	static const char *names[SERVE_SESSIONS_MAX];
	size_t count = 0;
	long long now = serve__now();
	for (size_t i = 0; i < SERVE_SESSIONS_MAX; i++) {
		const struct serve_session *s = &server->sessions[i];
		if (!s->id[0] || now - s->seen > CONNECTED_SECONDS)
			continue;
		if (!s->member) {
			view->anonymous++;
			continue;
		}
		size_t k = 0;
		while (k < count && strcmp(names[k], s->member) != 0)
			k++;
		if (k == count)
			names[count++] = s->member;
	}
	view->connected = names;
	view->connected_count = count;
}

static void view_of(struct serve_view *view, struct serve_call *call, const grille_group *group, const char ***names)
{
	static char version[SERVE_HASH_HEX];
	memset(view, 0, sizeof(*view));
	connected_of(view, call->server);
	serve__version(version, call->server->root);
	const char *step = serve__form_get(call->form ? call->form : call->query, "step");
	view->step = plain_id(step) ? step : NULL;
	view->session = call->session;
	view->version = version;
	view->member_count = member_names(names, group);
	view->members = *names;
}

/* A page that says what went wrong, with `status`. */
static int refuse(struct serve_call *call, grille_workspace *ws, unsigned status, const char *message)
{
	struct serve_view view;
	const char **names = NULL;
	view_of(&view, call, NULL, &names);
	call->reply->status = status;
	call->reply->type = "text/html; charset=utf-8";
	int error = serve__message_page(&call->reply->body, ws, &view, message);
	free(names);
	return error;
}

static unsigned status_of(int error)
{
	switch (error) {
	case GRILLE_ENOTFOUND: return 404;
	case GRILLE_EARGUMENT: case GRILLE_EINVALID: return 422;
	case GRILLE_EEXISTS: case GRILLE_ECONFLICT: return 409;
	default: return 500;
	}
}

typedef int page_maker(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *arg);

static int make_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *arg)
{
	(void)arg;
	return serve__page(out, ws, view);
}

static int make_group(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *arg)
{
	(void)arg;
	return serve__group_page(out, ws, view);
}

/* A page `make` renders from a workspace opened for this request; its error as a page of its own. */
static int show(struct serve_call *call, page_maker *make, const char *arg)
{
	grille_workspace *ws = NULL;
	if (open_workspace(&ws, call))
		return 0;
	const grille_group *group = NULL;
	if (grille_workspace_group(&group, ws) < 0)
		group = NULL;
	struct serve_view view;
	const char **names = NULL;
	view_of(&view, call, group, &names);
	call->reply->type = "text/html; charset=utf-8";
	call->reply->status = 200;
	int error = make(&call->reply->body, ws, &view, arg);
	if (error) {
		char *message = strdup(grille_error_last());
		grille_buf_release(&call->reply->body);
		refuse(call, ws, status_of(error), message ? message : "");
		free(message);
	}
	free(names);
	grille_workspace_free(ws);
	return 0;
}

static int page(struct serve_call *call)
{
	return show(call, make_page, NULL);
}

static int present(struct serve_call *call)
{
	const char *item = serve__form_get(call->query, "item");
	if (!plain_id(item) || grille_id_kind(item) != 1) {
		call->reply->status = 400;
		return 0;
	}
	return show(call, serve__present_page, item);
}

static int group(struct serve_call *call)
{
	return show(call, make_group, NULL);
}

static int changes(struct serve_call *call)
{
	char version[SERVE_HASH_HEX];
	serve__version(version, call->server->root);
	const char *since = serve__form_get(call->query, "since");
	if (since && (strlen(since) != SERVE_HASH_HEX - 1 || strspn(since, "0123456789abcdef") != SERVE_HASH_HEX - 1)) {
		call->reply->status = 400;
		return 0;
	}
	call->reply->status = 200;
	grille_buf_printf(&call->reply->body, "%s %s\n", version, since && strcmp(since, version) != 0 ? "changed" : "same");
	return 0;
}

/* Run `change` on a workspace opened for it, under the workspace lock. */
static int locked(struct serve_call *call, grille_workspace **ws, grille_lock **lock)
{
	if (open_workspace(ws, call))
		return -1;
	int error = grille_lock_acquire(lock, call->server->root, LOCK_WAIT_MS);
	if (error) {
		refuse(call, *ws, 503, grille_error_last());
		grille_workspace_free(*ws);
		*ws = NULL;
	}
	return error;
}

/* After a change of the text under question `id`: back to it, or the
 * refusal; on GRILLE_ECONFLICT, `disk` and `mine` side by side. */
static void answered(struct serve_call *call, grille_workspace *ws, int error, const char *message, const char *id,
                     const char *disk, const char *mine)
{
	struct serve_view view;
	const char **names = NULL;
	view_of(&view, call, NULL, &names);
	if (error == GRILLE_ECONFLICT) {
		call->reply->status = 409;
		call->reply->type = "text/html; charset=utf-8";
		serve__conflict_page(&call->reply->body, ws, &view, id, disk, mine);
	} else if (error)
		refuse(call, ws, status_of(error), message ? message : "");
	else {
		char anchor[48];
		anchor_of(anchor, sizeof(anchor), id);
		see_other(call->reply, view.step, anchor);
	}
	free(names);
}

/* A change of the text under question `id`, made by `change` under the
 * workspace lock: 0 or its error. On GRILLE_ECONFLICT `*disk` is the text
 * in the file and `*mine` what the browser sent, new strings, for the
 * conflict page. */
typedef int text_change(struct serve_call *call, grille_workspace *ws, const char *id, char **disk, char **mine);

/* Carry out `change` under the lock, then back to the question, or the refusal. */
static int change_text(struct serve_call *call, const char *id, text_change *change)
{
	grille_workspace *ws = NULL;
	grille_lock *lock = NULL;
	if (locked(call, &ws, &lock))
		return 0;
	char *disk = NULL, *mine = NULL;
	int error = change(call, ws, id, &disk, &mine);
	char *message = error ? strdup(grille_error_last()) : NULL;
	grille_lock_release(lock);
	answered(call, ws, error, message, id, disk, mine);
	free(disk);
	free(mine);
	free(message);
	grille_workspace_free(ws);
	return 0;
}

static int answer_change(struct serve_call *call, grille_workspace *ws, const char *id, char **disk, char **mine)
{
	const char *text = serve__form_get(call->form, "text");
	grille_edit_result result;
	int error = serve__answer_replace(&result, ws, id, serve__form_get(call->form, "hash"), text, strlen(text), disk);
	grille_edit_result_release(&result);
	*mine = error == GRILLE_ECONFLICT ? strdup(text) : NULL;
	return error;
}

static int save_answer(struct serve_call *call)
{
	const char *id = serve__form_get(call->form, "id");
	if (!plain_id(id) || grille_id_kind(id) != 2 || !serve__form_get(call->form, "hash") ||
	    !serve__form_get(call->form, "text"))
		return call->reply->status = 400, 0;
	return change_text(call, id, answer_change);
}

enum { OPTIONS_MAX = 64 }; /* a form holds no more fields anyway */

/* The boxes checked in the form: the values of its "option" fields, each an index. -1 for one that is not. */
static long options_of(size_t *options, const struct serve_form *form)
{
	size_t count = 0;
	for (size_t i = 0; i < form->count; i++) {
		if (strcmp(form->names[i], "option") != 0)
			continue;
		const char *v = form->values[i];
		size_t digits = strspn(v, "0123456789");
		if (!digits || digits > 4 || v[digits] || count == OPTIONS_MAX)
			return -1;
		options[count++] = (size_t)strtoul(v, NULL, 10);
	}
	return (long)count;
}

/* The options `options` as Markdown, "- [x] option" each: what the browser asked, for a conflict page. */
static char *chosen_text(grille_workspace *ws, const char *id, const size_t *options, size_t count)
{
	const grille_question *q = grille_grid_find_question(grille_workspace_grid(ws), id);
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, "");
	for (size_t i = 0; q && i < count; i++)
		if (options[i] < q->option_count)
			grille_buf_printf(&text, "- [x] %s\n", q->options[options[i]]);
	return grille_buf_detach(&text);
}

/* The boxes checked, once the answer is the one the page showed (its hash). */
static int choose_change(struct serve_call *call, grille_workspace *ws, const char *id, char **disk, char **mine)
{
	size_t options[OPTIONS_MAX];
	size_t count = (size_t)options_of(options, call->form); /* checked by choose() */
	char now[SERVE_HASH_HEX];
	int error = serve__answer_now(disk, ws, id);
	serve__answer_hash(now, *disk);
	if (!error && strcmp(now, serve__form_get(call->form, "hash")) != 0) {
		*mine = chosen_text(ws, id, options, count);
		return error__set(GRILLE_ECONFLICT, _("la réponse à « %s » a changé dans son fichier depuis que la page "
		                                      "a été chargée : rien n'a été écrit"), id);
	}
	grille_edit_result result;
	memset(&result, 0, sizeof(result));
	if (!error)
		error = grille_workspace_choose(&result, ws, id, options, count);
	grille_edit_result_release(&result);
	return error;
}

static int choose(struct serve_call *call)
{
	const char *id = serve__form_get(call->form, "id");
	size_t options[OPTIONS_MAX];
	if (!plain_id(id) || grille_id_kind(id) != 2 || !serve__form_get(call->form, "hash") ||
	    options_of(options, call->form) < 0)
		return call->reply->status = 400, 0;
	return change_text(call, id, choose_change);
}

/* The session's member's position, or the synthesis (form field "part"). */
static int position_change(struct serve_call *call, grille_workspace *ws, const char *id, char **disk, char **mine)
{
	const char *text = serve__form_get(call->form, "text"), *me = call->session->member;
	int synthesis = strcmp(serve__form_get(call->form, "part"), "synthesis") == 0;
	grille_edit_result result;
	int error = serve__position_replace(&result, ws, id, synthesis ? NULL : me, me, serve__form_get(call->form, "hash"),
	                                    text, strlen(text), disk);
	grille_edit_result_release(&result);
	*mine = error == GRILLE_ECONFLICT ? strdup(text) : NULL;
	return error;
}

static int position(struct serve_call *call)
{
	const char *id = serve__form_get(call->form, "id"), *part = serve__form_get(call->form, "part");
	if (!plain_id(id) || grille_id_kind(id) != 2 || !serve__form_get(call->form, "hash") ||
	    !serve__form_get(call->form, "text") || !part || (strcmp(part, "synthesis") != 0 && strcmp(part, "mine") != 0))
		return call->reply->status = 400, 0;
	if (strcmp(part, "mine") == 0 && !call->session->member) {
		grille_workspace *ws = NULL;
		if (!open_workspace(&ws, call))
			refuse(call, ws, 422, _("choisissez d'abord qui vous êtes, en haut de la page"));
		grille_workspace_free(ws);
		return 0;
	}
	return change_text(call, id, position_change);
}

static int mark(struct serve_call *call)
{
	const char *id = serve__form_get(call->form, "id"), *op = serve__form_get(call->form, "op");
	int kind = plain_id(id) ? grille_id_kind(id) : -1;
	if (kind < 1 || kind > 2 || !op || !(strcmp(op, "skip") == 0 || strcmp(op, "defer") == 0 ||
	                                     strcmp(op, "reopen") == 0 || (strcmp(op, "deepen") == 0 && kind == 1))) {
		call->reply->status = 400;
		return 0;
	}
	grille_workspace *ws = NULL;
	grille_lock *lock = NULL;
	if (locked(call, &ws, &lock))
		return 0;
	grille_edit_result result;
	memset(&result, 0, sizeof(result));
	int error;
	if (strcmp(op, "reopen") == 0)
		error = grille_workspace_reopen(&result, ws, id);
	else if (strcmp(op, "deepen") == 0)
		error = grille_workspace_deepen(&result, ws, id, 0);
	else {
		/* Empty fields are no reason and no date. */
		const char *reason = serve__form_get(call->form, "reason"), *until = serve__form_get(call->form, "until");
		if (reason && !*reason)
			reason = NULL;
		if (until && !*until)
			until = NULL;
		error = reason ? grille_mark_reason_check(reason) : 0;
		if (!error)
			error = grille_workspace_mark(&result, ws, id, op[0] == 's' ? GRILLE_MARK_SKIP : GRILLE_MARK_DEFER,
			                              op[0] == 's' ? NULL : until, reason);
	}
	char *message = error ? strdup(grille_error_last()) : NULL;
	grille_lock_release(lock);
	if (error)
		refuse(call, ws, status_of(error), message ? message : "");
	else {
		char anchor[48];
		anchor_of(anchor, sizeof(anchor), id);
		const char *step = serve__form_get(call->form, "step");
		see_other(call->reply, plain_id(step) ? step : NULL, anchor);
	}
	free(message);
	grille_edit_result_release(&result);
	grille_workspace_free(ws);
	return 0;
}

/* "Name <email>" for the session's member, or NULL (the git identity) without one. */
static char *author_of(const struct serve_session *session, const grille_group *group)
{
	const grille_member *m = session->member && group ? grille_group_member(group, session->member) : NULL;
	if (!m)
		return NULL;
	grille_buf author = GRILLE_BUF_INIT;
	grille_buf_printf(&author, "%s <%s>", m->name, m->email ? m->email : "");
	if (!author.ptr || grille_author_check(author.ptr) < 0) {
		grille_buf_release(&author);
		return NULL;
	}
	return grille_buf_detach(&author);
}

static int milestone(struct serve_call *call)
{
	const char *name = serve__form_get(call->form, "name");
	grille_workspace *ws = NULL;
	grille_lock *lock = NULL;
	if (locked(call, &ws, &lock))
		return 0;
	const grille_group *group = NULL;
	if (grille_workspace_group(&group, ws) < 0)
		group = NULL;
	int error = 0;
	if (group && group->member_count && !call->session->member)
		error = error__set(GRILLE_EARGUMENT, "%s", _("choisissez d'abord qui vous êtes, en haut de la page"));
	char *author = error ? NULL : author_of(call->session, group);
	grille_commit_result result;
	memset(&result, 0, sizeof(result));
	if (!error && name && *name)
		error = grille_history_milestone(&result, ws, name, NULL, author);
	else if (!error)
		error = grille_history_commit(&result, ws, NULL, author);
	char *message = error ? strdup(grille_error_last()) : NULL;
	grille_lock_release(lock);
	if (error)
		refuse(call, ws, status_of(error), message ? message : "");
	else {
		const char *step = serve__form_get(call->form, "step");
		see_other(call->reply, plain_id(step) ? step : NULL, "milestones");
	}
	free(author);
	free(message);
	grille_commit_result_release(&result);
	grille_workspace_free(ws);
	return 0;
}

static int member(struct serve_call *call)
{
	const char *name = serve__form_get(call->form, "name");
	grille_workspace *ws = NULL;
	if (!name || open_workspace(&ws, call))
		return name ? 0 : (call->reply->status = 400, 0);
	const grille_group *group = NULL;
	const grille_member *m = grille_workspace_group(&group, ws) < 0 ? NULL : grille_group_member(group, name);
	if (!m)
		refuse(call, ws, 422, _("ce nom n'est pas dans la liste des membres"));
	else {
		char *copy = strdup(m->name);
		if (copy) {
			free(call->session->member);
			call->session->member = copy;
		}
		const char *step = serve__form_get(call->form, "step");
		see_other(call->reply, plain_id(step) ? step : NULL, NULL);
	}
	grille_workspace_free(ws);
	return 0;
}

/* A form of the group's page: the change made, then back to the section it shows. */
static int group_change(struct serve_call *call)
{
	grille_workspace *ws = NULL;
	grille_lock *lock = NULL;
	if (locked(call, &ws, &lock))
		return 0;
	const char *section = NULL;
	int error = serve__group_change(&section, ws, call->form, call->server->root);
	char *message = error ? strdup(grille_error_last()) : NULL;
	grille_lock_release(lock);
	if (error)
		refuse(call, ws, status_of(error), message ? message : "");
	else {
		call->reply->status = 303;
		snprintf(call->reply->location, sizeof(call->reply->location), "/group#%s", section);
	}
	free(message);
	grille_workspace_free(ws);
	return 0;
}
