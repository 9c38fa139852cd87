#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm/utf8.h>

#include "grille/error.h"
#include "grille/text.h"
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
	int error = repo__discover(&h->repo, ws->root);
	if (error == GRILLE_ENOTFOUND)
		return error__set(GRILLE_EGIT,
			_("« %s » n'est pas suivi par git : il n'a pas d'historique. Pour commencer à le "
			  "suivre : git init, puis grille commit"), ws->root);
	if (!error && git_repository_is_bare(h->repo))
		error = error__set(GRILLE_EGIT, _("le dépôt git n'a pas de dossier de travail"));
	if (!error)
		error = repo__prefix(&h->prefix, h->repo, ws->root);
	if (error)
		history_close(h);
	return error;
}

void history_close(struct history *h)
{
	scan_cache__close(h->cache);
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
	int error = path ? 0 : error__oom();
	if (!error && git_tree_entry_bypath(&entry, src->tree, path) < 0) {
		git_error_clear();
		error = error__set(GRILLE_ENOTFOUND, _("le fichier « %s » n'existe pas à ce point de l'historique"),
		                         step->file);
	}
	if (!error && !src->h->cache)
		error = scan_cache__open(&src->h->cache, src->h->repo, src->h->ws->grid);
	if (!error)
		error = scan_cache__scan(src->h->cache, git_tree_entry_id(entry), step->file, out);
	git_tree_entry_free(entry);
	free(path);
	return error;
}

int history_status_at(grille_status **out, struct history *h, const git_commit *commit)
{
	*out = NULL;
	struct tree_source src = { h, NULL };
	if (git_commit_tree(&src.tree, commit) < 0)
		return repo__error(_("impossible de lire un commit"));
	char *settings = history_path(h, GRILLE_SETTINGS_FILE);
	git_tree_entry *entry = NULL;
	int error = settings ? 0 : error__oom();
	if (!error && git_tree_entry_bypath(&entry, src.tree, settings) < 0) {
		git_error_clear();
		error = GRILLE_ENOTFOUND;
	}
	char today[11];
	history_today(today);
	struct step_source source = { scan_from_tree, &src, 0, 0, NULL, 0 }; /* the cache is not shared across threads */
	if (!error)
		error = status__build(out, h->ws->grid, h->ws->settings, h->ws->root, &source, today);
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
		char *shown = history_text(rev); /* typed by the user: shown only as valid text */
		int error = error__set(GRILLE_ENOTFOUND,
			_("« %s » ne désigne aucun point de l'historique : donnez un numéro de commit, un jalon "
			  "(« grille log » les montre) ou HEAD"), shown ? shown : "?");
		free(shown);
		return error;
	}
	int error = git_object_peel((git_object **)out, object, GIT_OBJECT_COMMIT) < 0
	            ? error__set(GRILLE_EINVALID, _("« %s » ne désigne pas un commit"), rev) : 0;
	git_object_free(object);
	return error;
}

/* The length of the UTF-8 character at `s` (`len` bytes left) and its code
 * point, or -1 when the bytes are not UTF-8. */
static int utf8_next(const char *s, size_t len, int32_t *c)
{
	if ((unsigned char)*s < 0x80) {
		*c = (unsigned char)*s;
		return 1;
	}
	return cmark_utf8proc_iterate((const uint8_t *)s, (bufsize_t)(len < 4 ? len : 4), c);
}

/* C0 controls (but tab and, when `lines`, line feed), DEL and C1 controls. */
static int is_control(int32_t c, int lines)
{
	if (c == '\t' || (lines && c == '\n'))
		return 0;
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

int grille_history_text_check(const char *text, const char *what, int lines)
{
	int32_t c;
	size_t column;
	switch (grille_text_problem(text, lines, &c, &column)) {
	case 1:
		return error__set(GRILLE_EARGUMENT,
			_("%s n'est pas un texte valide : à la position %zu, des octets ne sont pas de l'UTF-8 "
			  "(un accent tapé dans un autre codage ?). Retapez-le dans un terminal réglé en UTF-8"),
			what, column);
	case 2:
		return error__set(GRILLE_EARGUMENT,
			_("%s contient un caractère de contrôle invisible à la position %zu (U+%04X) : "
			  "retapez-le sans ce caractère"), what, column, (unsigned)c);
	default:
		return 0;
	}
}

char *history_text(const char *text)
{
	grille_buf out = GRILLE_BUF_INIT;
	size_t len = text ? strlen(text) : 0;
	if (grille_buf_puts(&out, "") < 0)
		return NULL;
	for (size_t i = 0; i < len;) {
		int32_t c;
		int n = utf8_next(text + i, len - i, &c);
		int bad = n < 0 || is_control(c, 0);
		if ((bad ? grille_buf_puts(&out, "\xEF\xBF\xBD") : grille_buf_put(&out, text + i, (size_t)n)) < 0) {
			grille_buf_release(&out);
			return NULL;
		}
		i += n < 0 ? 1 : (size_t)n;
	}
	return grille_buf_detach(&out);
}

char *grille_history_text_fit(const char *text)
{
	return history_text(text);
}

int history_shallow(struct history *h, git_oid **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (git_repository_is_shallow(h->repo) != 1) {
		git_error_clear();
		return 0;
	}
	/* .git/shallow lists the commits whose parents the clone does not hold. */
	char *path = fs__join(git_repository_path(h->repo), "shallow");
	grille_buf data = GRILLE_BUF_INIT;
	int error = path ? 0 : error__oom();
	if (!error && fs__read(&data, path) < 0) {
		grille_error_clear();
		free(path);
		return 1;
	}
	free(path);
	for (size_t i = 0; !error && i + GIT_OID_HEXSZ <= data.len; i += GIT_OID_HEXSZ + 1) {
		git_oid id;
		if (git_oid_fromstrn(&id, data.ptr + i, GIT_OID_HEXSZ) < 0) {
			git_error_clear();
			break;
		}
		git_oid *grown = realloc(*out, (*count + 1) * sizeof(*grown));
		if (!grown) {
			error = error__oom();
			break;
		}
		*out = grown;
		git_oid_cpy(&grown[(*count)++], &id);
	}
	grille_buf_release(&data);
	if (error) {
		free(*out);
		*out = NULL;
		*count = 0;
		return error;
	}
	return 1;
}

/* The first line of `data` that is a conflict marker git writes, or 0. */
size_t history_marker_line(const char *data, size_t len)
{
	size_t line = 1;
	for (size_t i = 0; i < len; line++) {
		const char *end = memchr(data + i, '\n', len - i);
		size_t n = end ? (size_t)(end - (data + i)) : len - i;
		if (n >= 7 && (memcmp(data + i, "<<<<<<<", 7) == 0 || memcmp(data + i, ">>>>>>>", 7) == 0) &&
		    (n == 7 || data[i + 7] == ' '))
			return line;
		i += n + 1;
	}
	return 0;
}

