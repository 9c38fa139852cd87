#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/upgrade.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "grid_language.h"
#include "intl.h"
#include "repo.h"
#include "session.h"
#include "settings.h"
#include "upgrade_plan.h"
#include "workspace_private.h"
#include "wording.h"

const char *grille_workspace_grid_newer(const grille_workspace *ws)
{
	if (ws->settings->grid_file[0] || !ws->shipped_version)
		return NULL;
	return strcmp(grille_grid_version(ws->grid), ws->shipped_version) != 0 ? ws->shipped_version : NULL;
}

/* Whether `path` (relative to the workspace) is a file the upgrade writes. */
static int upgrade_writes(const grille_workspace *ws, const grille_grid *new_grid, const char *path)
{
	if (strcmp(path, GRILLE_SETTINGS_FILE) == 0)
		return 1;
	const grille_grid *grids[] = { ws->grid, new_grid };
	for (size_t g = 0; g < 2; g++)
		for (size_t s = 0; s < grille_grid_step_count(grids[g]); s++)
			if (strcmp(path, grille_grid_step(grids[g], s)->file) == 0)
				return 1;
	return 0;
}

/* The upgrade commits what it changed, and only that: the files it writes
 * must have no change of the group's waiting to be committed. */
static int check_committed(struct session *sess, const grille_grid *new_grid)
{
	struct grille_repo_change *changes = NULL;
	size_t count = 0, skip = strlen(sess->prefix);
	int error = repo__check_branch(sess->repo);
	if (!error)
		error = repo__changes(&changes, &count, sess->repo, sess->prefix);
	for (size_t i = 0; !error && i < count; i++) {
		const char *path = changes[i].path + skip;
		if (upgrade_writes(sess->ws, new_grid, path))
			error = error__set(GRILLE_EINVALID,
				_("« %s » a des changements qui ne sont pas encore enregistrés : enregistrez-les d'abord avec "
				  "« grille commit », puis relancez « grille grid upgrade », qui fait son propre enregistrement"),
				path);
	}
	repo__changes_free(&changes, &count);
	return error;
}

static int refuse_grid_file(const grille_workspace *ws)
{
	return error__set(GRILLE_EINVALID,
		_("cet espace de travail suit sa propre grille, « %s » (« grid: file: » dans grille.yaml) : grille ne "
		  "la change pas. Pour la faire évoluer, modifiez ce fichier vous-même ; les questions nouvelles "
		  "s'ajoutent ensuite avec « grille deepen »"), ws->settings->grid_file);
}

/* Read the step files of the new grid and plan their changes into `outs`. */
static int plan_files(struct upgrade_output *outs, grille_buf *data, grille_workspace *ws, const grille_grid *new_grid)
{
	size_t count = grille_grid_step_count(new_grid);
	struct upgrade_input *in = calloc(count ? count : 1, sizeof(*in));
	int error = in ? 0 : error__oom();
	for (size_t s = 0; !error && s < count; s++) {
		const grille_step *step = grille_grid_step(new_grid, s);
		in[s].name = step->file;
		error = session__read(&data[s], session__of(ws), NULL, step->file);
		if (!error) {
			in[s].data = data[s].ptr ? data[s].ptr : "";
			in[s].len = data[s].len;
		} else if (error == GRILLE_ENOTFOUND) {
			error = 0;
		}
	}
	if (!error)
		error = upgrade__plan(outs, in, ws->grid, new_grid, ws->settings->level);
	free(in);
	return error;
}

/* The result: the files that change, their summaries taken from `outs`. */
static int summarise(grille_upgrade_result *out, struct upgrade_output *outs, const grille_grid *new_grid)
{
	size_t count = grille_grid_step_count(new_grid);
	if (!(out->files = calloc(count ? count : 1, sizeof(*out->files))))
		return error__oom();
	for (size_t s = 0; s < count; s++) {
		if (!outs[s].changed)
			continue;
		grille_upgrade_file *f = &out->files[out->file_count++];
		*f = outs[s].summary;
		memset(&outs[s].summary, 0, sizeof(outs[s].summary));
		if (!(f->file = strdup(grille_grid_step(new_grid, s)->file)))
			return error__oom();
	}
	return 0;
}

static int write_files(grille_workspace *ws, const struct upgrade_output *outs, const grille_grid *new_grid,
                       const grille_buf *settings)
{
	int error = 0;
	for (size_t s = 0; !error && s <= grille_grid_step_count(new_grid); s++) {
		int last = s == grille_grid_step_count(new_grid);
		if (!last && !outs[s].changed)
			continue;
		char *path = fs__join(ws->root, last ? GRILLE_SETTINGS_FILE : grille_grid_step(new_grid, s)->file);
		const grille_buf *text = last ? settings : &outs[s].text;
		if (!path)
			error = error__oom();
		else if (!last && outs[s].summary.created)
			error = fs__write_new(path, text->ptr ? text->ptr : "", text->len);
		else
			error = fs__replace(path, text->ptr ? text->ptr : "", text->len);
		free(path);
	}
	return error;
}

static void put_count(grille_buf *msg, const char **sep, const char *format, size_t n)
{
	if (!n)
		return;
	grille_buf_puts(msg, *sep);
	grille_buf_printf(msg, format, n);
	*sep = ", ";
}

/* In `language` (wording.h); NULL: the locale's, for the person at the terminal. */
static int describe(grille_buf *msg, const char *language, const grille_upgrade_file *f)
{
	const char *sep = "";
	put_count(msg, &sep, WL_(language, "%zu question ajoutée", "%zu questions ajoutées", f->added),
	          f->added);
	put_count(msg, &sep, WL_(language, "%zu titre mis à jour", "%zu titres mis à jour", f->retitled),
	          f->retitled);
	put_count(msg, &sep, WL_(language, "%zu texte de la grille mis à jour",
	                               "%zu textes de la grille mis à jour", f->reworded), f->reworded);
	put_count(msg, &sep, WL_(language, "%zu signalé comme retiré de la grille",
	                               "%zu signalés comme retirés de la grille", f->flagged), f->flagged);
	put_count(msg, &sep, WL_(language, "%zu titre de groupe ajouté", "%zu titres de groupe ajoutés",
	                               f->grouped), f->grouped);
	return grille_buf_oom(msg) ? error__oom() : 0;
}

int grille_upgrade_file_describe(grille_buf *msg, const grille_upgrade_file *f)
{
	return describe(msg, NULL, f);
}

static int commit_message(grille_buf *msg, const char *language, const grille_upgrade_result *r)
{
	grille_buf_printf(msg, W_(language, "Grille mise à jour de la version %s à %s\n\n"
	                         "Fait par « grille grid upgrade » : rien de ce que le groupe a écrit n'a changé.\n"),
	                  r->from, r->to);
	for (size_t i = 0; i < r->file_count; i++) {
		grille_buf_printf(msg, "\n%s : ", r->files[i].file);
		describe(msg, language, &r->files[i]);
	}
	return grille_buf_puts(msg, "\n");
}

static int commit(grille_upgrade_result *out, struct session *sess, const git_signature *signature)
{
	size_t count = out->file_count + 1;
	char **paths = calloc(count, sizeof(*paths));
	grille_buf msg = GRILLE_BUF_INIT;
	int error = paths ? commit_message(&msg, grille_grid_language(sess->ws->grid), out) : error__oom();
	for (size_t i = 0; !error && i < count; i++)
		if (!(paths[i] = session__path(sess, i < out->file_count ? out->files[i].file : GRILLE_SETTINGS_FILE)))
			error = error__oom();
	git_oid id;
	if (!error)
		error = repo__commit_paths(&id, sess->repo, (const char *const *)paths, count, signature, msg.ptr);
	if (!error)
		git_oid_tostr(out->commit, sizeof(out->commit), &id);
	for (size_t i = 0; paths && i < count; i++)
		free(paths[i]);
	free(paths);
	grille_buf_release(&msg);
	return error;
}

/* grille.yaml with the new version, read and written beside the others. */
static int new_settings(grille_buf *out, grille_workspace *ws, const char *version)
{
	grille_buf data = GRILLE_BUF_INIT;
	int error = session__read(&data, session__of(ws), NULL, GRILLE_SETTINGS_FILE);
	if (!error)
		error = settings__set_grid_version(out, data.ptr ? data.ptr : "", data.len, GRILLE_SETTINGS_FILE, version);
	grille_buf_release(&data);
	return error;
}

/* The workspace now has the new grid: settings read again, grid swapped. */
static int reload(grille_workspace *ws, grille_grid **new_grid)
{
	char *path = fs__join(ws->root, GRILLE_SETTINGS_FILE);
	grille_settings *fresh = NULL;
	int error = path ? grille_settings_load(&fresh, path) : error__oom();
	free(path);
	if (error)
		return error;
	grille_settings_free(ws->settings);
	ws->settings = fresh;
	grille_grid_free(ws->grid);
	ws->grid = *new_grid;
	*new_grid = NULL;
	return 0;
}

/* Write, commit, reload: the plan carried out. */
static int carry_out(grille_upgrade_result *out, grille_workspace *ws, const struct upgrade_output *outs,
                     grille_grid **new_grid)
{
	struct session *sess = session__of(ws);
	git_signature *signature = NULL;
	grille_buf settings = GRILLE_BUF_INIT;
	int error = session__git(sess), in_git = !error;
	if (error == GRILLE_ENOTFOUND)
		error = 0;
	if (!error && in_git) /* without an identity to sign the commit, nothing is written */
		error = repo__identity(&signature, sess->repo, NULL);
	if (!error)
		error = new_settings(&settings, ws, out->to);
	if (!error)
		error = write_files(ws, outs, *new_grid, &settings);
	if (!error && in_git)
		error = commit(out, sess, signature);
	if (!error)
		error = reload(ws, new_grid);
	git_signature_free(signature);
	grille_buf_release(&settings);
	return error;
}

static int check(grille_workspace *ws, const grille_grid *new_grid)
{
	struct session *sess = session__of(ws);
	if (ws->settings->conflict_message)
		return error__set(GRILLE_EINVALID, "%s", ws->settings->conflict_message);
	int error = session__git(sess);
	if (error == GRILLE_ENOTFOUND)
		return 0;
	if (!error)
		error = check_committed(sess, new_grid);
	return error;
}

int grille_workspace_grid_upgrade(grille_upgrade_result *out, grille_workspace *ws, int dry_run)
{
	memset(out, 0, sizeof(*out));
	if (ws->settings->grid_file[0])
		return refuse_grid_file(ws);
	const char *newer = grille_workspace_grid_newer(ws);
	if (!(out->from = strdup(grille_grid_version(ws->grid))) ||
	    !(out->to = strdup(newer ? newer : grille_grid_version(ws->grid))))
		return error__oom();
	if (!newer) {
		out->unchanged = 1;
		return 0;
	}
	grille_grid *new_grid = NULL;
	int error = grille_grid_load_language(&new_grid, grid_language__of(ws->settings->language)->code);
	size_t count = new_grid ? grille_grid_step_count(new_grid) : 0;
	struct upgrade_output *outs = calloc(count ? count : 1, sizeof(*outs));
	grille_buf *data = calloc(count ? count : 1, sizeof(*data));
	if (!error && (!outs || !data))
		error = error__oom();
	if (!error && !dry_run) /* a dry run writes nothing: it may look at uncommitted files */
		error = check(ws, new_grid);
	if (!error)
		error = plan_files(outs, data, ws, new_grid);
	if (!error)
		error = summarise(out, outs, new_grid);
	if (!error && !dry_run)
		error = carry_out(out, ws, outs, &new_grid);
	for (size_t s = 0; s < count; s++) {
		if (outs)
			upgrade__output_release(&outs[s]);
		if (data)
			grille_buf_release(&data[s]);
	}
	free(outs);
	free(data);
	grille_grid_free(new_grid);
	return error;
}

void grille_upgrade_result_release(grille_upgrade_result *result)
{
	for (size_t i = 0; i < result->file_count; i++) {
		grille_upgrade_file *f = &result->files[i];
		for (size_t c = 0; c < f->change_count; c++)
			free(f->changes[c].id);
		free(f->changes);
		free(f->file);
	}
	free(result->files);
	free(result->from);
	free(result->to);
	memset(result, 0, sizeof(*result));
}
