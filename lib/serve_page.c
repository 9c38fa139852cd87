#include <stdlib.h>
#include <string.h>

#include "grille/group.h"
#include "grille/history.h"
#include "grille/status.h"
#include "grille/error.h"
#include "errors.h"
#include "report.h"
#include "report_html.h"
#include "serve_private.h"
#include "session.h"
#include "wording.h"

/* The page of `grille serve`: plain HTML forms that work without a script,
 * the report's rendering of answers (report_html*.c), inline CSS. */

static const char css[] =
	"body{font-family:system-ui,sans-serif;margin:0;line-height:1.45;color:#1d2b24;background:#fafaf7}"
	"header,main,nav{padding:.5rem 1rem}header{background:#2f5d50;color:#fff}header a{color:#fff}"
	"h1{font-size:1.3rem;margin:.3rem 0}nav ul{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}"
	"nav li{flex:1 1 12rem;border:1px solid #bbb;border-radius:.4rem;padding:.4rem;background:#fff}"
	"nav a[aria-current]{font-weight:bold}progress{width:100%;height:.8rem}"
	"main{max-width:60rem;margin:auto}section.item{border-top:2px solid #2f5d50;margin-top:1.5rem}"
	"article{border:1px solid #ccc;border-radius:.4rem;padding:.5rem .8rem;margin:1rem 0;background:#fff}"
	".state{font-size:.9rem;font-weight:bold}.answered{color:#1d6b3a}.unanswered{color:#8a5a00}"
	".skipped,.deferred{color:#555}.conflict{color:#a00}.guidance{color:#555;font-size:.95rem}"
	"textarea{width:100%;min-height:6rem;box-sizing:border-box;font:inherit}"
	"button,input,select{font:inherit;padding:.3rem .6rem;margin:.2rem .2rem .2rem 0}"
	":focus{outline:3px solid #e3a400;outline-offset:2px}.answer{border-left:4px solid #2f5d50;padding-left:.6rem}"
	"pre{white-space:pre-wrap;background:#f0f0ea;padding:.5rem}#changed{background:#ffe9a8;padding:.5rem}"
	"table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.2rem .4rem}";

/* Refresh when the files change, unless something is being typed. */
static const char script[] =
	"(function(){var v=document.body.dataset.version;function poll(){"
	"fetch('/changes?since='+v,{credentials:'same-origin'}).then(function(r){return r.text()}).then(function(t){"
	"if(t.indexOf('changed')<0)return;var typing=false;document.querySelectorAll('textarea,input').forEach(function(a){"
	"if(a.value!==a.defaultValue)typing=true});if(typing){document.getElementById('changed').hidden=false}"
	"else location.reload()}).catch(function(){})}setInterval(poll,1000)})();";

/* A question's state in a word, as `grille status` says it. */
static const char *state_label(const char *language, grille_state state)
{
	switch (state) {
	case GRILLE_STATE_ANSWERED: return W_(language, "répondue");
	case GRILLE_STATE_UNANSWERED: return W_(language, "sans réponse");
	case GRILLE_STATE_SKIPPED: return W_(language, "mise de côté");
	case GRILLE_STATE_DEFERRED: return W_(language, "pour plus tard");
	default: return W_(language, "en conflit");
	}
}

static void head(grille_buf *out, const char *language, const char *title, const struct serve_view *view)
{
	grille_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
	                  wording__english(language) ? "en" : "fr");
	html__text(out, title);
	grille_buf_printf(out, "</title><style>%s</style></head>\n<body data-version=\"%s\">", css,
	                  view && view->version ? view->version : "");
}

void serve__hidden(grille_buf *out, const char *name, const char *value)
{
	grille_buf_printf(out, "<input type=\"hidden\" name=\"%s\" value=\"", name);
	html__text(out, value ? value : "");
	grille_buf_puts(out, "\">");
}

/* A form's opening, with the session's CSRF token and the step to come back to. */
void serve__form_open(grille_buf *out, const char *action, const struct serve_view *view, const char *step)
{
	grille_buf_printf(out, "<form method=\"post\" action=\"%s\">", action);
	serve__hidden(out, "csrf", view->session ? view->session->csrf : "");
	if (step)
		serve__hidden(out, "step", step);
}

static void who(grille_buf *out, const char *language, const struct serve_view *view, const char *step)
{
	if (!view->member_count)
		return;
	serve__form_open(out, "/member", view, step);
	if (view->session && view->session->member) {
		html__wrapped(out, "<p>", W_(language, "Vous écrivez en tant que "), "<strong>");
		html__text(out, view->session->member);
		grille_buf_puts(out, "</strong>. ");
	} else {
		grille_buf_puts(out, "<p>");
	}
	html__wrapped(out, "<label for=\"member\">",
	              W_(language, "Qui êtes-vous ?"),
	              "</label> <select id=\"member\" name=\"name\">");
	for (size_t i = 0; i < view->member_count; i++) {
		html__wrapped(out, "<option>", view->members[i], "</option>");
	}
	html__wrapped(out, "</select> <button type=\"submit\">", W_(language, "Choisir"), "</button></p></form>");
}

/* "Connectés : Camille, Léa et 2 navigateurs sans nom". */
static void connected(grille_buf *out, const char *language, const struct serve_view *view)
{
	if (!view->connected_count && !view->anonymous)
		return;
	grille_buf_puts(out, "<p id=\"connected\">");
	html__text(out, W_(language, "Connectés : "));
	for (size_t i = 0; i < view->connected_count; i++) {
		if (i)
			grille_buf_puts(out, ", ");
		html__text(out, view->connected[i]);
	}
	if (view->anonymous) {
		if (view->connected_count)
			grille_buf_puts(out, ", ");
		grille_buf text = GRILLE_BUF_INIT;
		grille_buf_printf(&text, WN_(language, "%zu navigateur sans nom", "%zu navigateurs sans nom", view->anonymous),
		                  view->anonymous);
		html__text(out, text.ptr);
		grille_buf_release(&text);
	}
	grille_buf_puts(out, "</p>");
}

static void navigation(grille_buf *out, const char *language, const grille_status *status, const char *current)
{
	html__wrapped(out, "<nav aria-label=\"", W_(language, "Étapes"), "\"><ul>");
	for (size_t s = 0; s < status->step_count; s++) {
		const grille_step_status *st = &status->steps[s];
		grille_buf_puts(out, "<li><a href=\"/?step=");
		html__text(out, st->id);
		grille_buf_printf(out, "\"%s>", strcmp(st->id, current) == 0 ? " aria-current=\"page\"" : "");
		html__text(out, st->id);
		grille_buf_puts(out, ". ");
		html__text(out, st->title);
		size_t of = grille_step_status_out_of(st);
		grille_buf_printf(out, "</a><br><progress max=\"%zu\" value=\"%zu\"></progress><br><small>",
		                  of ? of : 1, st->counts[GRILLE_STATE_ANSWERED]);
		grille_buf counts = GRILLE_BUF_INIT;
		report__step_counts(&counts, language, st);
		html__text(out, counts.ptr);
		grille_buf_release(&counts);
		grille_buf_puts(out, "</small></li>");
	}
	grille_buf_puts(out, "</ul></nav>");
}

static void button(grille_buf *out, const char *op, const char *label)
{
	grille_buf_printf(out, "<button type=\"submit\" name=\"op\" value=\"%s\">", op);
	html__text(out, label);
	grille_buf_puts(out, "</button>");
}

/* Skip, defer, reopen (and deepen, for an item) for `id`. */
static void marks(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                  const char *id, grille_state state, int item)
{
	serve__form_open(out, "/mark", view, step);
	serve__hidden(out, "id", id);
	html__wrapped(out, "<details><summary>", W_(language, "Pourquoi, jusqu'à quand"), "</summary><label>");
	html__text(out, W_(language, "Pourquoi (facultatif) "));
	html__wrapped(out, "<input name=\"reason\" maxlength=\"200\"></label> <label>",
	              W_(language, "Pour le (facultatif, plus tard seulement) "),
	              "<input type=\"date\" name=\"until\"></label></details>");
	if (state == GRILLE_STATE_SKIPPED || state == GRILLE_STATE_DEFERRED)
		button(out, "reopen", W_(language, "Rouvrir"));
	if (state != GRILLE_STATE_SKIPPED)
		button(out, "skip", W_(language, "Mettre de côté"));
	if (state != GRILLE_STATE_DEFERRED)
		button(out, "defer", W_(language, "Garder pour plus tard"));
	if (item)
		button(out, "deepen", W_(language, "Approfondir"));
	grille_buf_puts(out, "</form>");
}

static int question(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                    const grille_question_status *q, const char *data, size_t len, const grille_grid *grid,
                    cmark_llist *ext)
{
	char *markdown = NULL;
	int error = data ? grille_answer_text(&markdown, q, data, len) : 0;
	if (error)
		return error;
	grille_buf_puts(out, "<article id=\"");
	html__anchor(out, "q-", q->id);
	html__wrapped(out, "\"><h4>", q->id, " ");
	html__text(out, q->text);
	grille_buf_printf(out, "</h4><p class=\"state %s\">", grille_state_name(q->state));
	html__text(out, state_label(language, q->state));
	grille_buf tail = GRILLE_BUF_INIT;
	report__mark_tail(&tail, language, q);
	html__text(out, tail.ptr);
	grille_buf_release(&tail);
	grille_buf_puts(out, "</p>");
	const grille_question *gq = grille_grid_find_question(grid, q->id);
	if (gq && gq->guidance)
		error = html__markdown(out, gq->guidance, 5, "guidance", ext);
	int editable = q->file && q->state != GRILLE_STATE_CONFLICT && data;
	if (!error && q->kind == GRILLE_QUESTION_POSITIONS && editable)
		error = serve__positions(out, language, view, step, q, data, len, ext);
	else if (!error && markdown)
		error = html__answer(out, markdown, 5, ext, gq);
	char hash[SERVE_HASH_HEX];
	serve__answer_hash(hash, markdown);
	if (!error && editable && q->kind == GRILLE_QUESTION_CHOICE)
		error = serve__choice_form(out, language, view, step, q, gq, data, len, hash);
	if (!error && editable && q->kind == GRILLE_QUESTION_POSITIONS)
		marks(out, language, view, step, q->id, q->state, 0);
	else if (!error && editable) {
		serve__form_open(out, "/answer", view, step);
		serve__hidden(out, "id", q->id);
		serve__hidden(out, "hash", hash);
		grille_buf_puts(out, "<label for=\"");
		html__anchor(out, "t-", q->id);
		html__wrapped(out, "\">", W_(language, "Réponse (Markdown)"), "</label><textarea name=\"text\" id=\"");
		html__anchor(out, "t-", q->id);
		html__wrapped(out, "\">", markdown ? markdown : "", "</textarea><button type=\"submit\">");
		html__text(out, W_(language, "Enregistrer la réponse"));
		grille_buf_puts(out, "</button></form>");
		marks(out, language, view, step, q->id, q->state, 0);
	}
	grille_buf_puts(out, "</article>");
	free(markdown);
	return error;
}

static int step_body(grille_buf *out, grille_workspace *ws, const char *language, const struct serve_view *view,
                     const grille_step_status *st, cmark_llist *ext)
{
	const grille_grid *grid = grille_workspace_grid(ws);
	grille_buf data = GRILLE_BUF_INIT;
	int have = st->file && session__read(&data, session__of(ws), NULL, st->file) == 0;
	html__wrapped(out, "<h2>", st->id, ". ");
	html__text(out, st->title);
	grille_buf_puts(out, "</h2>");
	if (st->problem) {
		html__wrapped(out, "<p class=\"conflict\">", st->problem, "</p>");
	}
	const grille_step *gs = grille_grid_find_step(grid, st->id);
	int error = gs && gs->intro ? html__markdown(out, gs->intro, 3, "guidance", ext) : 0;
	for (size_t i = 0; !error && i < st->item_count; i++) {
		const grille_item_status *it = &st->items[i];
		grille_buf_puts(out, "<section class=\"item\" id=\"");
		html__anchor(out, "i-", it->id);
		html__wrapped(out, "\"><h3>", it->id, " ");
		html__text(out, it->title);
		if (it->state != GRILLE_STATE_ANSWERED && it->state != GRILLE_STATE_UNANSWERED) {
			grille_buf_printf(out, "</h3><p class=\"state %s\">", grille_state_name(it->state));
			html__text(out, state_label(language, it->state));
			grille_buf_puts(out, "</p>");
		} else
			grille_buf_puts(out, "</h3>");
		const grille_item *gi = grille_grid_find_item(grid, it->id);
		if (gi && gi->guidance)
			error = html__markdown(out, gi->guidance, 4, "guidance", ext);
		if (it->file) {
			html__wrapped(out, "<p><a href=\"/present?item=", it->id, "\">");
			html__text(out, W_(language, "Présenter cet item"));
			grille_buf_puts(out, "</a></p>");
			marks(out, language, view, st->id, it->id, it->state, 1);
		}
		for (size_t k = 0; !error && k < it->question_count; k++)
			error = question(out, language, view, st->id, &it->questions[k], have ? (data.ptr ? data.ptr : "") : NULL,
			                 data.len, grid, ext);
		grille_buf_puts(out, "</section>");
	}
	grille_buf_release(&data);
	return error;
}

static void milestones(grille_buf *out, grille_workspace *ws, const char *language, const struct serve_view *view,
                       const char *step)
{
	html__wrapped(out, "<section id=\"milestones\"><h2>", W_(language, "Jalons"), "</h2>");
	serve__form_open(out, "/milestone", view, step);
	grille_buf_puts(out, "<p><label for=\"milestone-name\">");
	html__text(out, W_(language, "Nom du jalon (facultatif)"));
	grille_buf_puts(out, "</label> <input id=\"milestone-name\" name=\"name\" maxlength=\"100\"> "
	                     "<button type=\"submit\">");
	html__text(out, W_(language, "Enregistrer un jalon"));
	grille_buf_puts(out, "</button></p></form>");
	grille_log *log = NULL;
	if (grille_history_log(&log, ws) == 0 && log->count) {
		grille_buf_puts(out, "<ul>");
		for (size_t i = 0; i < log->count && i < 50; i++) {
			const grille_log_entry *e = &log->entries[i];
			html__wrapped(out, "<li>", e->date, " — ");
			for (size_t t = 0; t < e->tag_count; t++) {
				html__wrapped(out, "<strong>", e->tags[t], "</strong> ");
			}
			html__text(out, e->summary);
			html__wrapped(out, " (", e->author, ")</li>");
		}
		grille_buf_puts(out, "</ul>");
	}
	grille_log_free(log);
	grille_buf_puts(out, "</section>");
}

int serve__page(grille_buf *out, grille_workspace *ws, const struct serve_view *view)
{
	const char *language = grille_grid_language(grille_workspace_grid(ws));
	grille_status *status = NULL;
	int error = grille_status_from_buffers(&status, ws, NULL, NULL, NULL, 0, NULL);
	if (error)
		return error;
	const grille_step_status *st = status->step_count ? &status->steps[0] : NULL;
	for (size_t s = 0; view->step && s < status->step_count; s++)
		if (strcmp(status->steps[s].id, view->step) == 0)
			st = &status->steps[s];
	const grille_settings *settings = grille_workspace_settings(ws);
	const char *title = settings && settings->title ? settings->title : "grille";
	head(out, language, title, view);
	html__wrapped(out, "<header><h1>", title, "</h1>");
	who(out, language, view, st ? st->id : NULL);
	connected(out, language, view);
	html__wrapped(out, "</header><p id=\"changed\" hidden>",
	              W_(language, "Les fichiers ont changé : rechargez la page après avoir enregistré."),
	              "</p>");
	navigation(out, language, status, st ? st->id : "");
	html__wrapped(out, "<main><p><a href=\"/group\">",
	              W_(language, "Le groupe : membres, plan d'action, calendrier"),
	              "</a></p>");
	cmark_llist *ext = report__extensions();
	if (st)
		error = step_body(out, ws, language, view, st, ext);
	report__extensions_free(ext);
	if (!error)
		milestones(out, ws, language, view, st ? st->id : NULL);
	grille_buf_printf(out, "</main><script>%s</script></body></html>\n", script);
	grille_status_free(status);
	return error ? error : (out->oom ? error__oom() : 0);
}

static void back_link(grille_buf *out, const char *language, const struct serve_view *view)
{
	grille_buf_puts(out, "<p><a href=\"/");
	if (view && view->step) {
		grille_buf_puts(out, "?step=");
		html__text(out, view->step);
	}
	html__wrapped(out, "\">", W_(language, "Revenir à la page"), "</a></p>");
}

int serve__conflict_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *id,
                         const char *disk, const char *mine)
{
	const char *language = ws ? grille_grid_language(grille_workspace_grid(ws)) : NULL;
	head(out, language, id, NULL);
	html__wrapped(out, "<main><h1>", W_(language, "La réponse a changé entre-temps"), "</h1><p>");
	html__text(out, W_(language, "Elle a changé dans son fichier depuis que la page a été chargée : rien n'a été "
	                             "écrit. Voici les deux versions ; reprenez la vôtre dans la page à jour."));
	html__wrapped(out, "</p><h2>", W_(language, "Dans le fichier maintenant"), "</h2><pre id=\"disk\">");
	html__text(out, disk ? disk : "");
	html__wrapped(out, "</pre><h2>", W_(language, "Ce que vous aviez écrit"), "</h2><pre id=\"mine\">");
	html__text(out, mine ? mine : "");
	grille_buf_puts(out, "</pre>");
	back_link(out, language, view);
	grille_buf_puts(out, "</main></body></html>\n");
	return out->oom ? error__oom() : 0;
}

int serve__message_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *message)
{
	const char *language = ws ? grille_grid_language(grille_workspace_grid(ws)) : NULL;
	head(out, language, "grille", NULL);
	html__wrapped(out, "<main><p role=\"alert\">", message, "</p>");
	back_link(out, language, view);
	grille_buf_puts(out, "</main></body></html>\n");
	return out->oom ? error__oom() : 0;
}

static const char present_css[] =
	"body{font-size:2rem}main{max-width:none;padding:1rem 3rem}h1{font-size:3rem}h2{font-size:2.2rem}"
	"article{border:none;background:none;padding:0}.state{font-size:1.5rem}";

int serve__present_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *item)
{
	const char *language = grille_grid_language(grille_workspace_grid(ws));
	grille_status *status = NULL;
	int error = grille_status_from_buffers(&status, ws, NULL, NULL, NULL, 0, NULL);
	if (error)
		return error;
	const grille_item_status *it = NULL;
	const grille_step_status *st = NULL;
	for (size_t s = 0; !it && s < status->step_count; s++)
		for (size_t i = 0; !it && i < status->steps[s].item_count; i++)
			if (strcmp(status->steps[s].items[i].id, item) == 0 && status->steps[s].items[i].file) {
				it = &status->steps[s].items[i];
				st = &status->steps[s];
			}
	if (!it) {
		grille_status_free(status);
		return error__set(GRILLE_ENOTFOUND, _("l'item « %s » n'est dans aucun fichier d'étape : vérifiez son numéro "
		                                      "(« grille status --all » les liste tous)"), item);
	}
	grille_buf data = GRILLE_BUF_INIT;
	error = session__read(&data, session__of(ws), NULL, it->file);
	head(out, language, it->title, view);
	grille_buf_printf(out, "<style>%s</style><main><p><a href=\"/?step=", present_css);
	html__text(out, st->id);
	grille_buf_puts(out, "#");
	html__anchor(out, "i-", it->id);
	html__wrapped(out, "\">", W_(language, "Revenir à la page"), "</a></p><h1>");
	html__text(out, it->id);
	html__wrapped(out, " ", it->title, "</h1>");
	cmark_llist *ext = report__extensions();
	const grille_grid *grid = grille_workspace_grid(ws);
	for (size_t k = 0; !error && k < it->question_count; k++) {
		const grille_question_status *q = &it->questions[k];
		char *markdown = NULL;
		error = grille_answer_text(&markdown, q, data.ptr ? data.ptr : "", data.len);
		html__wrapped(out, "<article><h2>", q->id, " ");
		html__text(out, q->text);
		grille_buf_printf(out, "</h2><p class=\"state %s\">", grille_state_name(q->state));
		html__text(out, state_label(language, q->state));
		grille_buf_puts(out, "</p>");
		if (!error && markdown)
			error = html__answer(out, markdown, 3, ext, grille_grid_find_question(grid, q->id));
		grille_buf_puts(out, "</article>");
		free(markdown);
	}
	report__extensions_free(ext);
	grille_buf_printf(out, "</main><script>%s</script></body></html>\n", script);
	grille_buf_release(&data);
	grille_status_free(status);
	return error ? error : (out->oom ? error__oom() : 0);
}

/* What the calendar's chart and the group's tables need of the report's CSS. */
static const char group_css[] =
	"th{background:#eef5f1}.date{white-space:nowrap}#plan table{width:100%}"
	".late{color:#b3261e;font-weight:bold}.warn{border:2px solid #b3261e;background:#fdf0ef;padding:.2rem 1rem;margin:1rem 0}"
	"caption{text-align:left;font-weight:bold;padding:.3rem 0}figure{margin:1rem 0}figcaption{font-size:.9rem;color:#555}"
	"svg{max-width:100%;height:auto}svg text{font-family:inherit;font-size:12px}"
	"fieldset{border:1px solid #bbb;border-radius:.4rem;margin:1rem 0;background:#fff}";

/* <label>TEXT <input name=NAME value=VALUE ...></label> */
static void input_value(grille_buf *out, const char *language, const char *label, const char *name, const char *type,
                        const char *value, int required)
{
	grille_buf_puts(out, "<label>");
	html__text(out, W_(language, label));
	grille_buf_printf(out, " <input type=\"%s\" name=\"%s\" maxlength=\"200\"%s", type, name,
	                  required ? " required" : "");
	if (value && *value)
		html__wrapped(out, " value=\"", value, "\"");
	grille_buf_puts(out, "></label> ");
}

static void input(grille_buf *out, const char *language, const char *label, const char *name, const char *type,
                  int required)
{
	input_value(out, language, label, name, type, NULL, required);
}

static void option(grille_buf *out, const char *value, const char *text)
{
	grille_buf_puts(out, "<option value=\"");
	html__text(out, value);
	grille_buf_puts(out, "\">");
	html__text(out, text);
	grille_buf_puts(out, "</option>");
}

/* A form of the group's page, opened: its legend, its CSRF token, what it does. */
static void group_form(grille_buf *out, const char *language, const struct serve_view *view, const char *op,
                       const char *legend)
{
	serve__form_open(out, "/group/change", view, NULL);
	serve__hidden(out, "op", op);
	grille_buf_puts(out, "<fieldset><legend>");
	html__text(out, W_(language, legend));
	grille_buf_puts(out, "</legend>");
}

static void group_form_close(grille_buf *out, const char *language, const char *label)
{
	grille_buf_puts(out, "<button type=\"submit\">");
	html__text(out, W_(language, label));
	grille_buf_puts(out, "</button></fieldset></form>");
}

static void member_forms(grille_buf *out, const char *language, const struct serve_view *view, const grille_group *g)
{
	group_form(out, language, view, "member-add", N_("Ajouter un membre"));
	input(out, language, N_("Nom"), "name", "text", 1);
	input(out, language, N_("Rôles (facultatif, séparés par des virgules)"), "role", "text", 0);
	input(out, language, N_("Courriel (facultatif)"), "email", "email", 0);
	input(out, language, N_("Identité git (facultatif)"), "identity", "text", 0);
	group_form_close(out, language, N_("Ajouter"));
	if (!g->member_count)
		return;
	group_form(out, language, view, "member-remove", N_("Retirer un membre"));
	grille_buf_puts(out, "<select name=\"name\">");
	for (size_t i = 0; i < g->member_count; i++)
		option(out, g->members[i].name, g->members[i].name);
	grille_buf_puts(out, "</select> ");
	group_form_close(out, language, N_("Retirer"));
}

/* "Who takes it on": a box per member, those of `a` checked. */
static void who_boxes(grille_buf *out, const char *language, const grille_group *g, const grille_action *a)
{
	if (!g->member_count)
		return;
	grille_buf_puts(out, "<fieldset class=\"who\"><legend>");
	html__text(out, W_(language, "Qui s'en charge"));
	grille_buf_puts(out, "</legend>");
	for (size_t i = 0; i < g->member_count; i++) {
		int checked = 0;
		for (size_t k = 0; a && k < a->who_count; k++)
			checked |= grille_group_member(g, a->who[k]) == &g->members[i];
		html__wrapped(out, "<label><input type=\"checkbox\" name=\"who\" value=\"", g->members[i].name, "\"");
		html__wrapped(out, checked ? " checked>" : ">", g->members[i].name, "</label> ");
	}
	grille_buf_puts(out, "</fieldset>");
}

/* An action's own fields, filled with `a`'s (NULL: empty). */
static void action_fields(grille_buf *out, const char *language, const grille_group *g, const grille_action *a)
{
	input_value(out, language, N_("Action"), "text", "text", a ? a->text : NULL, 1);
	who_boxes(out, language, g, a);
	input_value(out, language, N_("Échéance"), "due", "date", a ? a->due : NULL, 0);
	input_value(out, language, N_("Moyens"), "means", "text", a ? a->means : NULL, 0);
	input_value(out, language, N_("Indicateur"), "indicator", "text", a ? a->indicator : NULL, 0);
	grille_buf ids = GRILLE_BUF_INIT;
	for (size_t i = 0; a && i < a->for_count; i++)
		grille_buf_printf(&ids, "%s%s", i ? ", " : "", a->for_ids[i]);
	input_value(out, language, N_("Pour (principes ou questions, par exemple 2.5, 3.2.b)"), "for", "text", ids.ptr, 0);
	grille_buf_release(&ids);
}

/* <select name="id"> of the plan's actions, "A3 text". */
static void action_select(grille_buf *out, const grille_group *g)
{
	grille_buf_puts(out, "<select name=\"id\">");
	for (size_t i = 0; i < g->action_count; i++) {
		grille_buf text = GRILLE_BUF_INIT;
		grille_buf_printf(&text, "%s %s", g->actions[i].id, g->actions[i].text);
		option(out, g->actions[i].id, text.ptr ? text.ptr : "");
		grille_buf_release(&text);
	}
	grille_buf_puts(out, "</select> ");
}

static void action_forms(grille_buf *out, const char *language, const struct serve_view *view, const grille_group *g)
{
	group_form(out, language, view, "action-add", N_("Ajouter une action"));
	action_fields(out, language, g, NULL);
	group_form_close(out, language, N_("Ajouter"));
	if (!g->action_count)
		return;
	for (size_t i = 0; i < g->action_count; i++) {
		html__wrapped(out, "<details class=\"edit\"><summary>", W_(language, "Modifier"), " ");
		html__wrapped(out, "", g->actions[i].id, " ");
		html__text(out, g->actions[i].text);
		grille_buf_puts(out, "</summary>");
		group_form(out, language, view, "action-edit", N_("Modifier l'action"));
		serve__hidden(out, "id", g->actions[i].id);
		action_fields(out, language, g, &g->actions[i]);
		group_form_close(out, language, N_("Enregistrer"));
		grille_buf_puts(out, "</details>");
	}
	group_form(out, language, view, "action-state", N_("Changer l'état d'une action"));
	action_select(out, g);
	grille_buf_puts(out, "<select name=\"state\">");
	static const char *const keys[] = { "todo", "doing", "done", "dropped" };
	static const grille_action_state states[] = { GRILLE_ACTION_TODO, GRILLE_ACTION_DOING, GRILLE_ACTION_DONE,
	                                               GRILLE_ACTION_DROPPED };
	for (size_t i = 0; i < 4; i++)
		option(out, keys[i], W_(language, grille_action_state_name(states[i])));
	grille_buf_puts(out, "</select> ");
	input(out, language, N_("Pourquoi (pour une action abandonnée)"), "reason", "text", 0);
	group_form_close(out, language, N_("Changer"));
	group_form(out, language, view, "action-decide", N_("Ce que le bilan décide pour une action"));
	action_select(out, g);
	grille_buf_puts(out, "<select name=\"decision\">");
	static const grille_decision decisions[] = { GRILLE_DECISION_KEEP, GRILLE_DECISION_ADJUST, GRILLE_DECISION_DROP };
	static const char *const decision_labels[] = { N_("la garder"), N_("l'ajuster"), N_("l'abandonner") };
	for (size_t i = 0; i < 3; i++)
		option(out, grille_decision_name(decisions[i]), W_(language, decision_labels[i]));
	grille_buf_puts(out, "</select> ");
	input(out, language, N_("Pourquoi (pour l'ajuster ou l'abandonner)"), "reason", "text", 0);
	group_form_close(out, language, N_("Décider"));
}

/* <select name="date"> of the reviews, those held too when `held`. */
static size_t review_select(grille_buf *out, const grille_group *g, int held)
{
	size_t count = 0;
	grille_buf options = GRILLE_BUF_INIT;
	for (size_t i = 0; i < g->event_count; i++)
		if (g->events[i].kind == GRILLE_EVENT_REVIEW && (held || !g->events[i].done)) {
			grille_buf text = GRILLE_BUF_INIT;
			grille_buf_printf(&text, "%s %s", g->events[i].date, g->events[i].title);
			option(&options, g->events[i].date, text.ptr ? text.ptr : "");
			grille_buf_release(&text);
			count++;
		}
	if (count) {
		grille_buf_puts(out, "<select name=\"date\">");
		grille_buf_put(out, options.ptr, options.len);
		grille_buf_puts(out, "</select> ");
	}
	grille_buf_release(&options);
	return count;
}

static void review_forms(grille_buf *out, const char *language, const struct serve_view *view, const grille_group *g)
{
	group_form(out, language, view, "test-phase", N_("La phase de test"));
	input_value(out, language, N_("Premier jour"), "start", "date", g->test_start, 1);
	input_value(out, language, N_("Dernier jour"), "end", "date", g->test_end, 1);
	group_form_close(out, language, N_("Enregistrer"));
	group_form(out, language, view, "review-add", N_("Ajouter un bilan (ou changer le titre de celui de ce jour)"));
	input(out, language, N_("Date"), "date", "date", 1);
	input(out, language, N_("Titre"), "title", "text", 0);
	group_form_close(out, language, N_("Ajouter"));
	grille_buf form = GRILLE_BUF_INIT;
	group_form(&form, language, view, "review-held", N_("Noter qu'un bilan a eu lieu"));
	if (review_select(&form, g, 0)) {
		group_form_close(&form, language, N_("Il a eu lieu"));
		grille_buf_put(out, form.ptr, form.len);
	}
	grille_buf_release(&form);
	form = (grille_buf)GRILLE_BUF_INIT;
	group_form(&form, language, view, "review-remove", N_("Retirer un bilan"));
	if (review_select(&form, g, 1)) {
		group_form_close(&form, language, N_("Retirer"));
		grille_buf_put(out, form.ptr, form.len);
	}
	grille_buf_release(&form);
}

/* After each section of the group's page, the forms that change it. */
static void group_forms(grille_buf *out, const struct report *r, const char *id, void *ctx)
{
	const struct serve_view *view = ctx;
	if (strcmp(id, "membres") == 0)
		member_forms(out, r->language, view, r->group);
	else if (strcmp(id, "plan") == 0)
		action_forms(out, r->language, view, r->group);
	else
		review_forms(out, r->language, view, r->group);
}

int serve__group_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view)
{
	const char *language = grille_grid_language(grille_workspace_grid(ws));
	grille_report_options opts;
	memset(&opts, 0, sizeof(opts));
	opts.format = GRILLE_REPORT_HTML;
	struct report r;
	int error = report__load(&r, ws, &opts);
	if (!error) {
		r.serve_links = 1;
		head(out, language, W_(language, "Le groupe"), view);
		grille_buf_printf(out, "<style>%s</style><main>", group_css);
		back_link(out, language, NULL);
		r.section_tail = group_forms;
		r.section_tail_ctx = (void *)view;
		error = report_html__group(out, &r);
		grille_buf_printf(out, "</main><script>%s</script></body></html>\n", script);
	}
	report__release(&r);
	return error ? error : (out->oom ? error__oom() : 0);
}
