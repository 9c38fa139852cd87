#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "groupdata.h"
#include "intl.h"
#include "report.h"
#include "session.h"
#include "workspace_private.h"

/* Where a report may be written: never over a file of the group. */

/* Whether git tracks `full` (an absolute, resolved path) in the repository holding the workspace. */
static int tracked_by_git(const grille_workspace *ws, const char *full)
{
	struct session *sess = session__of(ws);
	git_index *index = NULL;
	int tracked = 0;
	char *workdir = NULL;
	if (session__git(sess) == 0 && git_repository_workdir(sess->repo) &&
	    (workdir = realpath(git_repository_workdir(sess->repo), NULL)) &&
	    git_repository_index(&index, sess->repo) == 0) {
		size_t len = strlen(workdir);
		if (strncmp(full, workdir, len) == 0 && full[len] == '/')
			tracked = git_index_get_bypath(index, full + len + 1, 0) != NULL;
	}
	git_index_free(index);
	free(workdir);
	git_error_clear();
	grille_error_clear();
	return tracked;
}

/* What the file at `full` is to the workspace, when the report must not be written over it. */
static const char *owned_by_group(const grille_workspace *ws, const char *full)
{
	char *git_dir = fs__git_dir(ws->root);
	char *real_git = git_dir ? realpath(git_dir, NULL) : NULL;
	size_t git_len = real_git ? strlen(real_git) : 0;
	int in_git = real_git && strncmp(full, real_git, git_len) == 0 && (full[git_len] == '/' || !full[git_len]);
	free(git_dir);
	free(real_git);
	if (in_git)
		return _("dans le dossier de git");
	size_t len = strlen(ws->root);
	if (strncmp(full, ws->root, len) == 0 && full[len] == '/') {
		const char *rel = full + len + 1;
		if (strcmp(rel, GRILLE_SETTINGS_FILE) == 0)
			return _("le fichier des réglages de l'espace de travail");
		if (strcmp(rel, "README.md") == 0)
			return _("le mode d'emploi de l'espace de travail");
		if (strcmp(rel, ".gitignore") == 0)
			return _("la liste des fichiers que git ignore");
		if (strcmp(rel, GROUPDATA_ATTRIBUTES_FILE) == 0)
			return _("les règles de fusion de git");
		for (size_t k = 0; k < 3; k++)
			if (strcmp(rel, groupdata__files[k]) == 0)
				return _("un tableau du groupe (membres, plan d'action ou calendrier)");
		if (ws->settings->grid_file[0] && strcmp(rel, ws->settings->grid_file) == 0)
			return _("la grille de l'espace de travail");
		for (size_t s = 0; s < grille_grid_step_count(ws->grid); s++)
			if (strcmp(rel, grille_grid_step(ws->grid, s)->file) == 0)
				return _("un fichier d'étape, où le groupe écrit ses réponses");
	}
	return tracked_by_git(ws, full) ? _("un fichier suivi par git") : NULL;
}

/* The report is never written over a file of the group: a step file, the settings,
 * the README, the grid, anything git tracks or anything in the git folder. */
int report__check_output(const grille_workspace *ws, const char *path, grille_report_format format,
                         const char *document)
{
	char *dir_copy = strdup(path), *base_copy = strdup(path);
	if (!dir_copy || !base_copy) {
		free(dir_copy);
		free(base_copy);
		return error__oom();
	}
	const char *base = basename(base_copy);
	char *dir = realpath(dirname(dir_copy), NULL);
	int error = 0;
	size_t len = strlen(path);
	if (!*path || path[len - 1] == '/' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		error = error__set(GRILLE_EINVALID, _("« %s » n'est pas un nom de fichier"), path);
	else if (!dir)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	char *full = error ? NULL : fs__join(dir, base);
	if (!error && !full)
		error = error__oom();
	const char *owner = error ? NULL : owned_by_group(ws, full);
	if (owner && document)
		error = error__set(GRILLE_EEXISTS,
			_("« %s » est %s : grille n'écrit jamais %s par-dessus un fichier du groupe, rien n'a été "
			  "changé. Choisissez un autre nom."), path, owner, document);
	else if (owner && strncmp(base, "grille-rapport.", 15) == 0)
		/* An old report the group committed: another name, or out of git. */
		error = error__set(GRILLE_EEXISTS,
			_("« %s » est %s : grille n'écrit jamais le rapport par-dessus un fichier du groupe, rien "
			  "n'a été changé. Donnez un autre nom avec -o, ou retirez ce rapport de git "
			  "(git rm --cached « %s », puis grille commit)."), path, owner, base);
	else if (owner)
		error = error__set(GRILLE_EEXISTS,
			_("« %s » est %s : grille n'écrit jamais le rapport par-dessus un fichier du groupe, rien "
			  "n'a été changé. Choisissez un autre nom, par exemple grille-rapport.%s (que git ignore)."),
			path, owner, grille_report_extension(format));
	free(full);
	free(dir);
	free(dir_copy);
	free(base_copy);
	return error;
}
