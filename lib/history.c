#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"
#include "status_build.h"
#include "workspace_private.h"

int history_open(struct history *h, grille_workspace *ws)
{
	memset(h, 0, sizeof(*h));
	h->ws = ws;
	int error = grille_repo_discover(&h->repo, ws->root);
	if (error == GRILLE_ENOTFOUND)
		return grille_error_set(GRILLE_EGIT,
			_("« %s » n'est pas suivi par git : il n'a pas d'historique. Pour commencer à le "
			  "suivre : git init, puis grille commit"), ws->root);
	if (!error && git_repository_is_bare(h->repo))
		error = grille_error_set(GRILLE_EGIT, _("le dépôt git n'a pas de dossier de travail"));
	if (!error)
		error = grille_repo_prefix(&h->prefix, h->repo, ws->root);
	if (error)
		history_close(h);
	return error;
}

void history_close(struct history *h)
{
	grille_scan_cache_close(h->cache);
	free(h->prefix);
	git_repository_free(h->repo);
	memset(h, 0, sizeof(*h));
}

void history_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;
	strftime(out, 11, "%Y-%m-%d", localtime_r(&now, &tm));
}

char *history_path(const struct history *h, const char *name)
{
	grille_buf path = GRILLE_BUF_INIT;
	if (grille_buf_printf(&path, "%s%s", h->prefix, name) < 0)
		return NULL;
	return grille_buf_detach(&path);
}

struct tree_source {
	struct history *h;
	git_tree *tree;
};

static int scan_from_tree(void *ctx, size_t index, const grille_step *step, struct scan *out)
{
	(void)index;
	struct tree_source *src = ctx;
	char *path = history_path(src->h, step->file);
	git_tree_entry *entry = NULL;
	int error = path ? 0 : grille_error_oom();
	if (!error && git_tree_entry_bypath(&entry, src->tree, path) < 0) {
		git_error_clear();
		error = grille_error_set(GRILLE_ENOTFOUND, _("le fichier « %s » n'existe pas à ce point de l'historique"),
		                         step->file);
	}
	if (!error && !src->h->cache)
		error = grille_scan_cache_open(&src->h->cache, src->h->repo, src->h->ws->grid);
	if (!error)
		error = grille_scan_cache_scan(src->h->cache, git_tree_entry_id(entry), step->file, out);
	git_tree_entry_free(entry);
	free(path);
	return error;
}

int history_status_at(grille_status **out, struct history *h, const git_commit *commit)
{
	*out = NULL;
	struct tree_source src = { h, NULL };
	if (git_commit_tree(&src.tree, commit) < 0)
		return grille_repo_error(_("impossible de lire un commit"));
	char *settings = history_path(h, GRILLE_SETTINGS_FILE);
	git_tree_entry *entry = NULL;
	int error = settings ? 0 : grille_error_oom();
	if (!error && git_tree_entry_bypath(&entry, src.tree, settings) < 0) {
		git_error_clear();
		error = GRILLE_ENOTFOUND;
	}
	char today[11];
	history_today(today);
	struct step_source source = { scan_from_tree, &src, 0, 0, NULL, 0 }; /* the cache is not shared across threads */
	if (!error)
		error = grille_status_build(out, h->ws->grid, h->ws->settings, h->ws->root, &source, today);
	git_tree_entry_free(entry);
	git_tree_free(src.tree);
	free(settings);
	return error;
}

int history_status_now(grille_status **out, struct history *h)
{
	char today[11];
	history_today(today);
	return grille_workspace_status(out, h->ws, today);
}

int history_commit_of(git_commit **out, struct history *h, const char *rev)
{
	git_object *object = NULL;
	if (git_revparse_single(&object, h->repo, rev) < 0) {
		git_error_clear();
		return grille_error_set(GRILLE_ENOTFOUND,
			_("« %s » ne désigne aucun point de l'historique : donnez un numéro de commit, un jalon "
			  "(« grille log » les montre) ou HEAD"), rev);
	}
	int error = git_object_peel((git_object **)out, object, GIT_OBJECT_COMMIT) < 0
	            ? grille_error_set(GRILLE_EINVALID, _("« %s » ne désigne pas un commit"), rev) : 0;
	git_object_free(object);
	return error;
}
