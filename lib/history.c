#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/text.h"
#include "array.h"
#include "date.h"
#include "errors.h"
#include "fs.h"
#include "grid_history.h"
#include "group.h"
#include "groupdata.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"
#include "scan.h"
#include "status_build.h"
#include "utf8.h"
#include "workspace_private.h"

/* Step files from a commit's tree, scanned through the session's cache. */
struct tree_source {
	struct session *sess;
	const git_tree *tree;    /* NULL: the working tree */
	const grille_grid *grid; /* an earlier grid the commit recorded: scanned with it, not through the cache */
	struct step_texts *texts; /* when set: every file scanned with detail, its bytes kept there */
	const struct history_scanner *scanner; /* when set: blobs scanned by it, not through the cache */
};

/* Read and scan a step file with detail, keeping its bytes in slot `index`
 * (each step writes its own slot: steps may be read on several threads). */
static int scan_keeping(struct tree_source *src, size_t index, const grille_step *step, struct scan *out)
{
	grille_buf data = GRILLE_BUF_INIT;
	int error = session__read(&data, src->sess, src->tree, step->file);
	if (error == GRILLE_ENOTFOUND && src->tree)
		error = error__set(error, _("le fichier « %s » n'existe pas à ce point de l'historique"), step->file);
	else if (error == GRILLE_ENOTFOUND)
		error = error__set(error, _("le fichier « %s » de l'étape %s a disparu : pour le recréer à "
		                            "partir de la grille, « git checkout -- %s » s'il était enregistré"),
		                   step->file, step->id, step->file);
	if (!error)
		error = scan__detailed(out, data.ptr ? data.ptr : "", data.len, step->file,
		                       src->grid ? src->grid : src->sess->ws->grid);
	if (!error) {
		src->texts->lens[index] = data.len;
		if (!(src->texts->data[index] = grille_buf_detach(&data)))
			error = error__oom();
	}
	grille_buf_release(&data);
	return error;
}

static int scan_from_tree(void *ctx, size_t index, const grille_step *step, struct scan *out)
{
	struct tree_source *src = ctx;
	if (src->texts)
		return scan_keeping(src, index, step, out);
	struct scan_cache *cache = NULL;
	git_oid id;
	int error = session__file_id(&id, src->sess, src->tree, step->file);
	if (error == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("le fichier « %s » n'existe pas à ce point de l'historique"),
		                   step->file);
	if (!error && src->scanner)
		return src->scanner->scan(src->scanner->ctx, &id, step->file, src->grid ? src->grid : src->sess->ws->grid,
		                          out);
	if (!error && src->grid) {
		grille_buf data = GRILLE_BUF_INIT;
		error = session__read(&data, src->sess, src->tree, step->file);
		if (!error)
			error = scan__text(out, data.ptr ? data.ptr : "", data.len, step->file, src->grid);
		grille_buf_release(&data);
		return error;
	}
	if (!error)
		error = session__cache(&cache, src->sess);
	if (!error)
		error = scan_cache__scan(cache, &id, step->file, out);
	return error;
}

/* The grid a commit's files were written with, when its grille.yaml records
 * an earlier default grid than the workspace's (`grille grid upgrade` came
 * after): that one, kept in the session for the next commit. NULL: the
 * workspace's grid. */
static int grid_at(const grille_grid **out, struct session *sess, const grille_settings *then)
{
	const grille_grid *now = sess->ws->grid;
	*out = NULL;
	if (!then || then->grid_file[0] || sess->ws->settings->grid_file[0] || !then->grid_version[0] ||
	    strcmp(then->grid_id, grille_grid_id(now)) != 0 || strcmp(then->grid_version, grille_grid_version(now)) == 0)
		return 0;
	if (sess->earlier_grid && strcmp(grille_grid_version(sess->earlier_grid), then->grid_version) == 0) {
		*out = sess->earlier_grid;
		return 0;
	}
	grille_grid *grid = NULL;
	int error = grid_history__load(&grid, then->language, then->grid_version);
	if (error == GRILLE_ENOTFOUND) /* a version grille does not know: read with the workspace's */
		return 0;
	if (!error) {
		grille_grid_free(sess->earlier_grid);
		*out = sess->earlier_grid = grid;
	}
	return error;
}

/* The group's data as `tree` holds it, read with that commit's grille.yaml
 * (format 1 kept members and dates there; the group points into them, so
 * `*settings` lives as long), or with the workspace's when it cannot be
 * read: data questions are answered at a commit as they were then. */
static int group_at(struct group **out, grille_settings **settings, struct session *sess, const git_tree *tree)
{
	grille_buf data = GRILLE_BUF_INIT;
	int error = session__read(&data, sess, tree, GRILLE_SETTINGS_FILE);
	if (!error)
		error = grille_settings_load_buffer(settings, data.ptr ? data.ptr : "", data.len, GRILLE_SETTINGS_FILE);
	if (error != GRILLE_ENOMEM)
		error = group__load(out, sess, tree, *settings ? *settings : sess->ws->settings);
	grille_buf_release(&data);
	return error;
}

/* Where the group's data of `tree` lies: each file's blob and mode (0 when absent). */
static int group_files(struct history_group_memo *key, struct session *sess, const git_tree *tree)
{
	static const char *const names[HISTORY_GROUP_FILES] = { GRILLE_SETTINGS_FILE, GROUPDATA_MEMBERS_FILE,
	                                                        GROUPDATA_PLAN_FILE, GROUPDATA_CALENDAR_FILE };
	memset(key, 0, sizeof(*key));
	for (size_t i = 0; i < HISTORY_GROUP_FILES; i++) {
		char *path = session__path(sess, names[i]);
		git_tree_entry *entry = NULL;
		if (!path)
			return error__oom();
		if (git_tree_entry_bypath(&entry, tree, path) == 0) {
			git_oid_cpy(&key->ids[i], git_tree_entry_id(entry));
			key->modes[i] = (unsigned)git_tree_entry_filemode(entry);
		}
		git_error_clear();
		git_tree_entry_free(entry);
		free(path);
	}
	return 0;
}

void history__group_memo_release(struct history_group_memo *memo)
{
	group__free(memo->group);
	grille_settings_free(memo->settings);
	memset(memo, 0, sizeof(*memo));
}

/* group_at(), through `memo` (NULL: none): `*owned` 0 when the memo keeps what it gives. */
static int group_at_memo(struct group **group, grille_settings **settings, int *owned, struct history_group_memo *memo,
                         struct session *sess, const git_tree *tree)
{
	*owned = 1;
	struct history_group_memo key;
	int error = memo ? group_files(&key, sess, tree) : 0;
	if (error || !memo)
		return error ? error : group_at(group, settings, sess, tree);
	if (memo->group && memcmp(key.ids, memo->ids, sizeof(key.ids)) == 0 &&
	    memcmp(key.modes, memo->modes, sizeof(key.modes)) == 0) {
		*group = memo->group;
		*settings = memo->settings;
		*owned = 0;
		return 0;
	}
	error = group_at(group, settings, sess, tree);
	if (!error) {
		history__group_memo_release(memo);
		*memo = key;
		memo->group = *group;
		memo->settings = *settings;
		*owned = 0;
	}
	return error;
}

/* The status of `commit` (NULL: the working tree), with `texts` and `scanner` as tree_source says. */
static int status_of(grille_status **out, struct step_texts *texts, const struct history_scanner *scanner,
                     struct session *sess, const git_commit *commit)
{
	*out = NULL;
	git_tree *tree = NULL;
	if (commit && git_commit_tree(&tree, commit) < 0)
		return repo__error(_("impossible de lire un commit"));
	struct tree_source src = { sess, tree, NULL, texts, scanner };
	git_oid settings;
	int error = tree ? session__file_id(&settings, sess, tree, GRILLE_SETTINGS_FILE) : 0;
	char today[11];
	date__today(today);
	/* The cache and libgit2 are not shared across threads; the disk is. */
	struct step_source source = { scan_from_tree, &src, !tree, sess->ws->threads };
	const grille_workspace *ws = sess->ws;
	struct group *group = NULL;
	const grille_group *group_now = NULL;
	grille_settings *settings_then = NULL;
	int owned = 1;
	if (!error && tree)
		error = group_at_memo(&group, &settings_then, &owned, scanner ? scanner->memo : NULL, sess, tree);
	else if (!error)
		error = grille_workspace_group(&group_now, ws);
	if (!error && tree)
		error = grid_at(&src.grid, sess, settings_then);
	if (!error && texts) {
		size_t count = grille_grid_step_count(src.grid ? src.grid : ws->grid);
		texts->count = count;
		if (!(texts->data = calloc(count ? count : 1, sizeof(*texts->data))) ||
		    !(texts->lens = calloc(count ? count : 1, sizeof(*texts->lens))))
			error = error__oom();
	}
	if (!error)
		error = status__build(out, src.grid ? src.grid : ws->grid, ws->settings, tree ? group__view(group) : group_now,
		                      ws->root, &source, today);
	if (owned) {
		group__free(group);
		grille_settings_free(settings_then);
	}
	git_tree_free(tree);
	return error;
}

int history__status_at(grille_status **out, struct session *sess, const git_commit *commit)
{
	return status_of(out, NULL, NULL, sess, commit);
}

int history__status_scanned(grille_status **out, struct session *sess, const git_commit *commit,
                            const struct history_scanner *scanner)
{
	return status_of(out, NULL, scanner, sess, commit);
}

int history__status_texts(grille_status **out, struct step_texts *texts, struct session *sess,
                          const git_commit *commit)
{
	memset(texts, 0, sizeof(*texts));
	int error = status_of(out, texts, NULL, sess, commit);
	if (error)
		history__step_texts_release(texts);
	return error;
}

void history__step_texts_release(struct step_texts *texts)
{
	for (size_t i = 0; texts->data && i < texts->count; i++)
		free(texts->data[i]);
	free(texts->data);
	free(texts->lens);
	memset(texts, 0, sizeof(*texts));
}

int history__status_now(grille_status **out, struct session *sess)
{
	char today[11];
	date__today(today);
	return status__from_disk(out, sess->ws, today);
}

int history__commit_of(git_commit **out, struct session *sess, const char *rev)
{
	git_object *object = NULL;
	if (git_revparse_single(&object, sess->repo, rev) < 0) {
		git_error_clear();
		char *shown = history__text(rev); /* typed by the user: shown only as valid text */
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

char *history__text(const char *text)
{
	grille_buf out = GRILLE_BUF_INIT;
	size_t len = text ? strlen(text) : 0;
	if (grille_buf_puts(&out, "") < 0)
		return NULL;
	for (size_t i = 0; i < len;) {
		int32_t c;
		size_t n = utf8__decode(text + i, len - i, &c);
		int bad = c < 0 || is_control(c, 0);
		if ((bad ? grille_buf_puts(&out, "\xEF\xBF\xBD") : grille_buf_put(&out, text + i, n)) < 0) {
			grille_buf_release(&out);
			return NULL;
		}
		i += c < 0 ? 1 : n; /* one U+FFFD per byte that is not UTF-8 */
	}
	return grille_buf_detach(&out);
}

char *grille_history_text_fit(const char *text)
{
	return history__text(text);
}

int history__shallow(struct session *sess, git_oid **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (git_repository_is_shallow(sess->repo) != 1) {
		git_error_clear();
		return 0;
	}
	/* .git/shallow lists the commits whose parents the clone does not hold. */
	char *path = fs__join(git_repository_path(sess->repo), "shallow");
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
		git_oid *grown = array__push(*out, *count, sizeof(*grown));
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
size_t history__marker_line(const char *data, size_t len)
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

