#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/error.h"
#include "grille/text.h"
#include "grille/grid.h"
#include "grille/lock.h"
#include "grille/workspace.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "grid_language.h"
#include "intl.h"
#include "repo.h"
#include "groupdata.h"
#include "scaffold.h"
#include "settings.h"
#include "wording.h"

/* Reports are made again on demand: keep them out of the history. */
static const char *gitignore(const char *language)
{
	return W_(language, "# Rapports produits par « grille report » : ils se refont à la demande.\n"
	                    "/grille-rapport.*\n");
}

struct new_file {
	char *name; /* relative to the workspace */
	grille_buf content;
};

struct plan {
	const grille_init_options *opts;
	grille_grid *grid;
	char *target;        /* absolute, maybe not there yet */
	git_repository *repo;
	git_signature *signature;
	struct new_file *files;
	size_t file_count;
	/* what was made, to undo on failure */
	char *created_dir;
	size_t written;
	int repo_created;
	char *workdir;
	grille_lock *lock;   /* an existing repository's, held while init adds to it */
};

static char *absolute(const char *dir)
{
	if (dir[0] == '/')
		return strdup(dir);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	return fs__join(cwd, dir);
}

/* The deepest folder of `path` that exists, or NULL when out of memory. */
static char *nearest_existing(const char *path)
{
	char *current = strdup(path);
	struct stat st;
	while (current && stat(current, &st) != 0) {
		char *copy = strdup(current);
		char *parent = copy ? strdup(dirname(copy)) : NULL;
		free(copy);
		free(current);
		current = parent;
	}
	return current;
}

static struct new_file *add_file(struct plan *plan, const char *name)
{
	struct new_file *files = array__push(plan->files, plan->file_count, sizeof(*files));
	if (!files)
		return NULL;
	plan->files = files;
	struct new_file *file = &files[plan->file_count];
	file->content = (grille_buf)GRILLE_BUF_INIT;
	if (!(file->name = strdup(name)))
		return NULL;
	plan->file_count++;
	return file;
}

static int render_files(struct plan *plan, int level)
{
	const grille_grid *grid = plan->grid;
	const char *title = plan->opts->title ? plan->opts->title : grille_grid_title(grid);
	grille_new_settings settings = {
		.title = title,
		.collective = plan->opts->collective ? plan->opts->collective : "",
		.language = grille_grid_language(grid),
		.grid_id = grille_grid_id(grid),
		.grid_version = grille_grid_version(grid),
		.grid_file = plan->opts->grid_path ? GRILLE_GRID_FILE : NULL,
		.level = level,
	};
	struct new_file *file = add_file(plan, GRILLE_SETTINGS_FILE);
	int error = file ? settings__render(&file->content, &settings) : error__oom();
	for (size_t i = 0; !error && i < grille_grid_step_count(grid); i++) {
		const grille_step *step = grille_grid_step(grid, i);
		file = add_file(plan, step->file);
		error = file ? scaffold__step(&file->content, step, level) : error__oom();
	}
	if (!error) {
		file = add_file(plan, "README.md");
		error = file ? scaffold__readme(&file->content, grid, title,
		                                grid_language__of(grille_grid_language(grid))->readme)
		             : error__oom();
	}
	if (!error) {
		file = add_file(plan, ".gitignore");
		error = file ? grille_buf_puts(&file->content, gitignore(grille_grid_language(plan->grid))) : error__oom();
	}
	for (int kind = GROUPDATA_MEMBERS; !error && kind <= GROUPDATA_CALENDAR; kind++) {
		file = add_file(plan, groupdata__files[kind]);
		error = file ? groupdata__fresh(&file->content, (enum groupdata_kind)kind, grille_grid_language(plan->grid)) : error__oom();
	}
	if (!error) {
		file = add_file(plan, GROUPDATA_ATTRIBUTES_FILE);
		error = file ? groupdata__attributes(&file->content, grille_grid_language(plan->grid)) : error__oom();
	}
	if (!error && plan->opts->grid_path) {
		size_t len;
		const char *source = grille_grid_source(grid, &len);
		file = add_file(plan, GRILLE_GRID_FILE);
		error = file ? grille_buf_put(&file->content, source, len) : error__oom();
	}
	return error;
}

/* A workspace never nests in another one. */
static int check_not_inside_workspace(const char *existing)
{
	char *dir = strdup(existing);
	int error = dir ? 0 : error__oom();
	while (!error) {
		char *settings = fs__join(dir, GRILLE_SETTINGS_FILE);
		if (!settings) {
			error = error__oom();
			break;
		}
		if (fs__exists(settings))
			error = error__set(GRILLE_EEXISTS,
			                         _("« %s » est déjà un espace de travail : rien n'a été modifié.\n"
			                           "Pour voir où en est la démarche : grille status"), dir);
		free(settings);
		if (error || strcmp(dir, "/") == 0)
			break;
		char *copy = strdup(dir);
		free(dir);
		dir = copy ? strdup(dirname(copy)) : NULL;
		free(copy);
		if (!dir)
			error = error__oom();
	}
	free(dir);
	return error;
}

static int check_collisions(struct plan *plan)
{
	grille_buf list = GRILLE_BUF_INIT;
	size_t count = 0;
	int error = 0;
	for (size_t i = 0; !error && i < plan->file_count; i++) {
		char *path = fs__join(plan->target, plan->files[i].name);
		if (!path)
			error = error__oom();
		else if (fs__exists(path)) {
			error = grille_buf_printf(&list, "\n  %s", plan->files[i].name);
			count++;
		}
		free(path);
	}
	if (!error && count)
		error = error__set(GRILLE_EEXISTS,
			ngettext("ce fichier est déjà dans « %s » ; grille ne remplace jamais un fichier, "
			         "rien n'a été modifié :%s\nDéplacez-le ou choisissez un autre dossier.",
			         "ces fichiers sont déjà dans « %s » ; grille ne remplace jamais un fichier, "
			         "rien n'a été modifié :%s\nDéplacez-les ou choisissez un autre dossier.", count),
			plan->target, list.ptr);
	grille_buf_release(&list);
	return error;
}

static int check_repository(struct plan *plan, const char *existing)
{
	int error = repo__discover(&plan->repo, existing);
	if (error == GRILLE_ENOTFOUND)
		return 0;
	if (error)
		return error;
	if (git_repository_is_bare(plan->repo))
		return error__set(GRILLE_EGIT, _("« %s » est un dépôt git sans dossier de travail (bare) : "
		                                       "créez l'espace de travail dans un clone"),
		                        git_repository_path(plan->repo));
	if (git_repository_state(plan->repo) != GIT_REPOSITORY_STATE_NONE)
		return error__set(GRILLE_EGIT, _("le dépôt git « %s » est au milieu d'une opération "
		                                       "(fusion, rebase…) : terminez-la d'abord"),
		                        git_repository_workdir(plan->repo));
	return 0;
}

static int commit(struct plan *plan, grille_init_result *result)
{
	const char *repo_dir = git_repository_workdir(plan->repo);
	char *repo_real = realpath(repo_dir, NULL);
	if (!repo_real)
		return error__set_errno(GRILLE_EIO, errno, _("impossible de trouver « %s »"), repo_dir);
	size_t root_len = strlen(repo_real);
	const char *prefix = "";
	if (strcmp(repo_real, "/") == 0)
		prefix = plan->workdir + 1;
	else if (plan->workdir[root_len] == '/')
		prefix = plan->workdir + root_len + 1;

	char **paths = calloc(plan->file_count, sizeof(*paths));
	int error = paths ? 0 : error__oom();
	for (size_t i = 0; !error && i < plan->file_count; i++) {
		paths[i] = *prefix ? fs__join(prefix, plan->files[i].name) : strdup(plan->files[i].name);
		if (!paths[i])
			error = error__oom();
	}
	grille_buf message = GRILLE_BUF_INIT;
	if (!error)
		error = grille_buf_printf(&message,
			W_(grille_grid_language(plan->grid), "Démarrage de la démarche : %s\n\n"
			  "Espace de travail créé avec la grille « %s » (version %s), niveau de détail %d :\n"
			  "%zu questions réparties en %zu étapes.\n"),
			plan->opts->title ? plan->opts->title : grille_grid_title(plan->grid),
			grille_grid_title(plan->grid), grille_grid_version(plan->grid), result->level,
			result->question_count, grille_grid_step_count(plan->grid));
	git_oid id;
	if (!error)
		error = repo__commit_paths(&id, plan->repo, (const char *const *)paths,
		                                 plan->file_count, plan->signature, message.ptr);
	if (!error) {
		git_oid_tostr(result->commit, sizeof(result->commit), &id);
		result->repo_workdir = repo_real;
		repo_real = NULL;
	}
	for (size_t i = 0; paths && i < plan->file_count; i++)
		free(paths[i]);
	free(paths);
	free(repo_real);
	grille_buf_release(&message);
	return error;
}

static int write_files(struct plan *plan)
{
	for (; plan->written < plan->file_count; plan->written++) {
		char *path = fs__join(plan->workdir, plan->files[plan->written].name);
		if (!path)
			return error__oom();
		const grille_buf *content = &plan->files[plan->written].content;
		int error = fs__write_new(path, content->ptr ? content->ptr : "", content->len);
		free(path);
		if (error)
			return error;
	}
	return 0;
}

/* Take back everything this init made, so a failure leaves nothing behind. */
static void undo(struct plan *plan)
{
	for (size_t i = 0; plan->workdir && i < plan->written; i++) {
		char *path = fs__join(plan->workdir, plan->files[i].name);
		if (path)
			unlink(path);
		free(path);
	}
	if (plan->repo_created) {
		char *git_dir = fs__join(plan->workdir, ".git");
		if (git_dir)
			fs__remove_tree(git_dir);
		free(git_dir);
	}
	if (plan->created_dir)
		fs__remove_tree(plan->created_dir);
}

static void plan_release(struct plan *plan)
{
	for (size_t i = 0; i < plan->file_count; i++) {
		free(plan->files[i].name);
		grille_buf_release(&plan->files[i].content);
	}
	free(plan->files);
	free(plan->target);
	free(plan->created_dir);
	free(plan->workdir);
	git_signature_free(plan->signature);
	git_repository_free(plan->repo);
	grille_lock_release(plan->lock);
	grille_grid_free(plan->grid);
}

static int fill_result(grille_init_result *out, struct plan *plan)
{
	out->workdir = strdup(plan->workdir);
	out->files = calloc(plan->file_count, sizeof(*out->files));
	if (!out->workdir || !out->files)
		return error__oom();
	for (; out->file_count < plan->file_count; out->file_count++)
		if (!(out->files[out->file_count] = strdup(plan->files[out->file_count].name)))
			return error__oom();
	out->repo_created = plan->repo_created;
	return 0;
}

/* A text typed on the command line, before anything is made from it: UTF-8,
 * without control characters (they would break grille.yaml, reports and
 * terminals). `what` names the option in the message. */
static int check_argument(const char *text, const char *what)
{
	int32_t c;
	size_t column;
	switch (grille_text_problem(text, 0, &c, &column)) {
	case 1:
		return error__set(GRILLE_EARGUMENT,
			_("%s : le texte n'est pas en UTF-8 valide (au caractère %zu) : "
			  "réglez votre terminal en UTF-8, ou retapez le texte ; rien n'a été créé"),
			what, column);
	case 2:
		return error__set(GRILLE_EARGUMENT,
			_("%s : le texte contient un caractère de contrôle invisible (U+%04lX au caractère %zu) : "
			  "retirez-le ; rien n'a été créé"), what, (unsigned long)c, column);
	default:
		return 0;
	}
}

int grille_init_options_check(const grille_init_options *opts)
{
	int error = 0;
	if (opts->title)
		error = check_argument(opts->title, _("le titre (--title)"));
	if (!error && opts->collective)
		error = check_argument(opts->collective, _("le nom du collectif (--collective)"));
	if (!error && opts->author)
		error = check_argument(opts->author, _("l'auteur (--author)"));
	if (!error && opts->language && !grid_language__find(opts->language))
		error = error__set(GRILLE_EARGUMENT,
			_("langue « %s » inconnue (--language) : grille a sa grille en français (fr) et en anglais "
			  "(en) ; rien n'a été créé"), opts->language);
	if (!error && opts->language && opts->grid_path)
		error = error__set(GRILLE_EARGUMENT,
			_("--language et --grid ne vont pas ensemble : une grille à vous a sa propre langue "
			  "(sa clé « language: ») ; rien n'a été créé"));
	return error;
}

int grille_workspace_init(grille_init_result *out, const grille_init_options *opts)
{
	memset(out, 0, sizeof(*out));
	struct plan plan = { .opts = opts };
	char *existing = NULL;
	int level = opts->level ? opts->level : GRILLE_LEVEL_MIN;
	if (level < GRILLE_LEVEL_MIN || level > GRILLE_LEVEL_MAX)
		return error__set(GRILLE_EARGUMENT, _("niveau de détail « %d » invalide : 1, 2 ou 3 attendu"), level);
	out->level = level;

	int error = grille_init_options_check(opts);
	if (error)
		return error;
	error = opts->grid_path ? grille_grid_load_file(&plan.grid, opts->grid_path)
	                        : grille_grid_load_language(&plan.grid, opts->language ? opts->language : "fr");
	if (error)
		goto out;
	out->question_count = grille_grid_question_count(plan.grid, level);
	if (!(plan.target = absolute(opts->dir ? opts->dir : ".")) ||
	    !(existing = nearest_existing(plan.target))) {
		error = error__oom();
		goto out;
	}
	struct stat st;
	if (stat(plan.target, &st) == 0 && !S_ISDIR(st.st_mode)) {
		error = error__set(GRILLE_EEXISTS, _("« %s » existe déjà et n'est pas un dossier"), plan.target);
		goto out;
	}
	if ((error = check_not_inside_workspace(existing)) ||
	    (error = render_files(&plan, level)) ||
	    (error = check_collisions(&plan)) ||
	    (error = check_repository(&plan, existing)) ||
	    (error = repo__identity(&plan.signature, plan.repo, opts->author)))
		goto out;
	/* Adding to a repository other commands may be changing: one at a time. */
	if (plan.repo && (error = grille_lock_acquire(&plan.lock, existing, opts->lock_wait_ms)))
		goto out;

	if ((error = fs__mkdirs(plan.target, &plan.created_dir)))
		goto out;
	if (!(plan.workdir = realpath(plan.target, NULL))) {
		error = error__set_errno(GRILLE_EIO, errno, _("impossible d'ouvrir « %s »"), plan.target);
		goto out;
	}
	if ((error = write_files(&plan)))
		goto out;
	if (!plan.repo) {
		if (git_repository_init(&plan.repo, plan.workdir, 0) < 0) {
			error = repo__error(_("impossible de créer le dépôt git"));
			goto out;
		}
		plan.repo_created = 1;
	}
	if ((error = commit(&plan, out)) || (error = fill_result(out, &plan)))
		goto out;
out:
	if (error) {
		undo(&plan);
		grille_init_result_release(out);
	}
	free(existing);
	plan_release(&plan);
	return error;
}

void grille_init_result_release(grille_init_result *result)
{
	free(result->workdir);
	free(result->repo_workdir);
	for (size_t i = 0; i < result->file_count; i++)
		free(result->files[i]);
	free(result->files);
	memset(result, 0, sizeof(*result));
}
