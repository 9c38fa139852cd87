#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "group.h"
#include "intl.h"
#include "repo.h"
#include "session.h"
#include "workspace_private.h"

int session__new(struct session **out, const grille_workspace *ws)
{
	*out = calloc(1, sizeof(**out));
	if (!*out)
		return error__oom();
	(*out)->ws = ws;
	return 0;
}

void session__free(struct session *s)
{
	if (!s)
		return;
	scan_cache__close(s->cache);
	group__free(s->group);
	grille_grid_free(s->earlier_grid);
	free(s->dir);
	free(s->prefix);
	git_repository_free(s->repo);
	free(s);
}

struct session *session__of(const grille_workspace *ws)
{
	return ws->session;
}

/* Discover the repository once; only "not in git" is remembered as an answer,
 * a failure is tried again. */
static int look(struct session *s)
{
	if (s->looked)
		return s->repo ? 0 : GRILLE_ENOTFOUND;
	int error = repo__discover(&s->repo, s->ws->root);
	if (!error || error == GRILLE_ENOTFOUND)
		s->looked = 1;
	return error;
}

int session__git(struct session *s)
{
	int error = look(s);
	if (!error && !s->prefix)
		error = repo__prefix(&s->prefix, s->repo, s->ws->root);
	return error;
}

int session__history(struct session *s)
{
	int error = look(s);
	if (error == GRILLE_ENOTFOUND)
		return error__set(GRILLE_EGIT,
			_("« %s » n'est pas suivi par git : il n'a pas d'historique. Pour commencer à le "
			  "suivre : git init, puis grille commit"), s->ws->root);
	if (!error && git_repository_is_bare(s->repo))
		return error__set(GRILLE_EGIT, _("le dépôt git n'a pas de dossier de travail"));
	if (!error && !s->prefix)
		error = repo__prefix(&s->prefix, s->repo, s->ws->root);
	return error;
}

int session__cache(struct scan_cache **out, struct session *s)
{
	int error = s->cache ? 0 : scan_cache__open(&s->cache, s->repo, s->ws->grid);
	*out = s->cache;
	return error;
}

void session__cache_release(struct session *s)
{
	scan_cache__close(s->cache);
	s->cache = NULL;
}

char *session__path(const struct session *s, const char *name)
{
	grille_buf path = GRILLE_BUF_INIT;
	if (grille_buf_printf(&path, "%s%s", s->prefix ? s->prefix : "", name) < 0)
		return NULL;
	return grille_buf_detach(&path);
}

int session__file_id(git_oid *out, struct session *s, const git_tree *tree, const char *name)
{
	char *path = session__path(s, name);
	git_tree_entry *entry = NULL;
	int error = path ? 0 : error__oom();
	if (!error && git_tree_entry_bypath(&entry, tree, path) < 0) {
		git_error_clear();
		error = GRILLE_ENOTFOUND;
	}
	if (!error)
		git_oid_cpy(out, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	free(path);
	return error;
}

int session__blob(git_blob **out, struct session *s, const git_tree *tree, const char *name)
{
	*out = NULL;
	git_oid id;
	int error = session__file_id(&id, s, tree, name);
	if (error == GRILLE_ENOTFOUND)
		error = error__set(error, _("le fichier « %s » n'existe pas à ce point de l'historique"), name);
	if (!error && git_blob_lookup(out, s->repo, &id) < 0)
		error = repo__error(name);
	return error;
}

/* A file of the working tree, as session__read() reads it with no tree. */
static char *disk_path(const struct session *s, const char *name)
{
	char *dir = s->dir ? fs__join(s->ws->root, s->dir) : NULL;
	char *path = s->dir && !dir ? NULL : fs__join(dir ? dir : s->ws->root, name);
	free(dir);
	return path;
}

int session__map(struct fs_map *out, struct session *s, const char *name)
{
	char *path = disk_path(s, name);
	int error = path ? fs__map(out, path) : error__oom();
	free(path);
	return error;
}

int session__read(grille_buf *out, struct session *s, const git_tree *tree, const char *name)
{
	if (!tree) {
		char *path = disk_path(s, name);
		int error = path ? fs__read(out, path) : error__oom();
		free(path);
		return error;
	}
	git_blob *blob = NULL;
	int error = session__blob(&blob, s, tree, name);
	if (!error)
		error = grille_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return error;
}
