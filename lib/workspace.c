#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "grid_history.h"
#include "grid_language.h"
#include "grid_private.h"
#include "grid_snapshot.h"
#include "intl.h"
#include "session.h"
#include "workspace_private.h"

static int find_root(char **out, const char *dir)
{
	*out = NULL;
	char *current = realpath(dir, NULL);
	if (!current)
		return error__set_errno(GRILLE_ENOWORKSPACE, errno, _("impossible d'ouvrir « %s »"), dir);
	for (;;) {
		char *settings = fs__join(current, GRILLE_SETTINGS_FILE);
		if (!settings) {
			free(current);
			return error__oom();
		}
		int found = fs__exists(settings);
		free(settings);
		if (found) {
			*out = current;
			return 0;
		}
		if (strcmp(current, "/") == 0)
			break;
		char *parent = strdup(dirname(current));
		free(current);
		if (!(current = parent))
			return error__oom();
	}
	free(current);
	char *shown = realpath(dir, NULL);
	error__set(GRILLE_ENOWORKSPACE,
	                 _("« %s » n'est pas dans un espace de travail grille (pas de grille.yaml ici ni "
	                   "dans les dossiers au-dessus).\nPour en créer un : grille init"),
	                 shown ? shown : dir);
	free(shown);
	return GRILLE_ENOWORKSPACE;
}

static int load_earlier_grid(grille_workspace *ws)
{
	const grille_settings *s = ws->settings;
	grille_grid *earlier = NULL;
	int error = grid_history__load(&earlier, s->language, s->grid_version);
	if (error == GRILLE_ENOTFOUND) {
		char *known = grid_history__versions(s->language);
		error = error__set(GRILLE_EINVALID,
			_("grille.yaml indique la version « %s » de la grille « %s », que cette version de grille ne "
			  "connaît pas (elle connaît les versions %s) : si l'espace de travail vient d'une version plus "
			  "récente de grille, installez-la ; sinon, remettez dans grille.yaml, sous « grid: », la version "
			  "avec laquelle il a été créé"), s->grid_version, s->grid_id, known ? known : "?");
		free(known);
	}
	if (!error) {
		grille_grid_free(ws->grid);
		ws->grid = earlier;
	}
	return error;
}

/* The grid of YAML text `data`: parsed, or read back from the snapshot that the last
 * parse of the same text left in the repository's .git/grille/ (lib/grid_snapshot.c). */
/* The grid of `len` bytes at `data`; when `owned` holds them (a file just
 * read), the grid takes its buffer rather than a copy. */
static int load_grid_text(grille_workspace *ws, const char *data, size_t len, const char *name,
                          grille_buf *owned)
{
	char *git_dir = fs__git_dir(ws->root);
	char *dir = git_dir ? fs__join(git_dir, "grille") : NULL;
	char *path = dir ? fs__join(dir, "grid-snapshot") : NULL;
	int error = path ? grid_snapshot__load(&ws->grid, path, data, len, name) : 0;
	if (!error && !ws->grid) {
		if (owned && owned->ptr == data) {
			error = grid__load_owned(&ws->grid, owned->ptr, len, name);
			*owned = (grille_buf)GRILLE_BUF_INIT;
		} else {
			error = grille_grid_load_buffer(&ws->grid, data, len, name);
		}
		if (!error && path) {
			mkdir(dir, 0777);
			grid_snapshot__save(ws->grid, path);
		}
	}
	free(path);
	free(dir);
	free(git_dir);
	return error;
}

static int load_grid(grille_workspace *ws)
{
	const grille_settings *s = ws->settings;
	if (s->grid_file[0]) {
		/* A workspace file: read as the others are, never through a link, with the cap of a grid. */
		char *path = fs__join(ws->root, s->grid_file);
		grille_buf data = GRILLE_BUF_INIT;
		int error = path ? fs__read_file(&data, path, 0, GRILLE_FS_SMALL_MAX) : error__oom();
		if (error == GRILLE_ENOTFOUND) /* a bad setting, not "no workspace here" */
			error = error__set(GRILLE_EINVALID,
				_("grille.yaml nomme la grille « %s » (sous « grid: file: »), mais ce fichier n'est pas "
				  "dans l'espace de travail %s : remettez-le, ou corrigez « file: » dans grille.yaml"),
				s->grid_file, ws->root);
		else if (error && path)
			error = error__prefix(error, _("impossible de charger la grille"));
		else if (!error)
			error = load_grid_text(ws, data.ptr ? data.ptr : "", data.len, path, &data);
		grille_buf_release(&data);
		free(path);
		return error;
	}
	/* The grid in the workspace's language, French when grille has none in it. */
	const struct grid_language *shipped = grid_language__of(s->language);
	int error = load_grid_text(ws, (const char *)shipped->grid, *shipped->grid_size,
	                           grid_language__grid_name(shipped), NULL);
	if (!error && strcmp(grille_grid_id(ws->grid), s->grid_id) != 0)
		error = error__set(GRILLE_EINVALID,
			_("grille.yaml nomme la grille « %s », que grille ne connaît pas (la grille intégrée est "
			  "« %s ») : indiquez son fichier sous « grid: file: »"), s->grid_id, grille_grid_id(ws->grid));
	if (!error && !(ws->shipped_version = strdup(grille_grid_version(ws->grid))))
		error = error__oom();
	/* The grid of the version the workspace records, never a newer one by surprise. */
	if (!error && s->grid_version[0] && strcmp(s->grid_version, ws->shipped_version) != 0)
		error = load_earlier_grid(ws);
	return error;
}

/* Temporary files a crash or a kill left behind: in the git folder's grille/tmp,
 * and, from earlier versions, beside the workspace's own files (the report's too). */
static void clean_temporaries(const grille_workspace *ws)
{
	static const char *const fixed[] = { GRILLE_SETTINGS_FILE, "README.md", ".gitignore", "grille-rapport.html",
	                                     "grille-rapport.fodt", "grille-rapport.md", "grille-rapport.json" };
	size_t fixed_count = sizeof(fixed) / sizeof(*fixed), steps = grille_grid_step_count(ws->grid);
	const char **names = calloc(fixed_count + steps + 1, sizeof(*names));
	if (names) {
		size_t n = 0;
		for (size_t i = 0; i < fixed_count; i++)
			names[n++] = fixed[i];
		for (size_t i = 0; i < steps; i++)
			names[n++] = grille_grid_step(ws->grid, i)->file;
		if (ws->settings->grid_file[0])
			names[n++] = ws->settings->grid_file;
		fs__clean_temporaries(ws->root, names, n);
	}
	free(names);
	char *git_dir = fs__git_dir(ws->root);
	char *tmp = git_dir ? fs__join(git_dir, "grille/tmp") : NULL;
	if (tmp)
		fs__clean_temporaries(tmp, NULL, 0);
	free(tmp);
	free(git_dir);
}

int grille_workspace_open(grille_workspace **out, const char *dir)
{
	*out = NULL;
	grille_workspace *ws = calloc(1, sizeof(*ws));
	if (!ws)
		return error__oom();
	char *settings = NULL;
	int error = find_root(&ws->root, dir);
	if (!error && !(settings = fs__join(ws->root, GRILLE_SETTINGS_FILE)))
		error = error__oom();
	if (!error)
		error = grille_settings_load(&ws->settings, settings);
	if (!error)
		error = load_grid(ws);
	free(settings);
	if (!error)
		error = session__new(&ws->session, ws);
	if (!error)
		clean_temporaries(ws);
	if (error)
		grille_workspace_free(ws);
	else
		*out = ws;
	return error;
}

void grille_workspace_free(grille_workspace *ws)
{
	if (!ws)
		return;
	session__free(ws->session); /* first: it saves the cache, made for the grid */
	grille_grid_free(ws->grid);
	grille_settings_free(ws->settings);
	free(ws->shipped_version);
	free(ws->root);
	free(ws);
}

const char *grille_workspace_root(const grille_workspace *ws) { return ws->root; }
const grille_settings *grille_workspace_settings(const grille_workspace *ws) { return ws->settings; }
const grille_grid *grille_workspace_grid(const grille_workspace *ws) { return ws->grid; }

void grille_workspace_set_threads(grille_workspace *ws, unsigned threads)
{
	ws->threads = threads;
}

void grille_workspace_set_commit_all(grille_workspace *ws, int all)
{
	ws->commit_all = all != 0;
}

void grille_workspace_set_progress(grille_workspace *ws, grille_progress_fn fn, void *payload)
{
	ws->progress = fn;
	ws->progress_payload = payload;
}

void workspace__progress(const grille_workspace *ws, size_t done, size_t total)
{
	if (ws && ws->progress) {
		grille_progress progress = { done, total };
		ws->progress(&progress, ws->progress_payload);
	}
}
