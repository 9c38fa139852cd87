#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "group.h"
#include "groupdata.h"
#include "intl.h"
#include "repo.h"
#include "session.h"
#include "settings.h"
#include "workspace_private.h"
#include "wording.h"

/* A workspace of format 1 kept its members, test phase and reviews in
 * grille.yaml, where two members adding someone at once made a conflict.
 * The first change of the group's data moves them to the files, in a commit
 * of their own, so that the history says when and why they moved. */

static int in_block(const struct settings_legacy *g, int key, size_t line)
{
	return g->block_start[key] && line >= g->block_start[key] && (!g->block_end[key] || line < g->block_end[key]);
}

/* grille.yaml without the blocks of members, test_phase and reviews, and
 * with format 2; every other line as it was (comments included). */
static int rewrite_settings(grille_buf *out, const char *data, size_t len, const struct settings_legacy *g)
{
	int error = 0;
	size_t line = 0;
	for (size_t at = 0; !error && at < len; ) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t whole = nl ? (size_t)(nl - (data + at)) + 1 : len - at;
		line++;
		/* A comment at the margin belongs to what follows it: it stays. */
		int dropped = data[at] != '#' && (in_block(g, SETTINGS_MEMBERS, line) ||
		                                  in_block(g, SETTINGS_TEST_PHASE, line) || in_block(g, SETTINGS_REVIEWS, line));
		if (line == g->block_start[SETTINGS_FORMAT_KEY])
			error = grille_buf_puts(out, "format: " SETTINGS_FORMAT_TEXT "\n");
		else if (!dropped)
			error = grille_buf_put(out, data + at, whole);
		at += whole;
	}
	return error;
}

/* The rows of grille.yaml appended to the file `kind` (kept if it is there);
 * an entry the file already holds stays as the file has it. */
static int fill_file(grille_buf *out, const grille_workspace *ws, enum groupdata_kind kind)
{
	const struct settings_legacy *g = settings__legacy(ws->settings);
	grille_buf next = GRILLE_BUF_INIT;
	int error = group__read_file(out, ws, kind);
	size_t count = kind == GROUPDATA_MEMBERS ? g->member_count : kind == GROUPDATA_CALENDAR ? g->event_count : 0;
	for (size_t i = 0; !error && i < count; i++) {
		const char *name = groupdata__files[kind];
		grille_buf_clear(&next);
		error = kind == GROUPDATA_MEMBERS
		        ? groupdata__members_write(&next, out->ptr, out->len, name, GROUPDATA_APPEND, &g->members[i])
		        : groupdata__calendar_write(&next, out->ptr, out->len, name, GROUPDATA_APPEND, &g->events[i]);
		if (error == GRILLE_EEXISTS) {
			error = 0;
			continue;
		}
		grille_buf swap = *out;
		*out = next;
		next = swap;
	}
	grille_buf_release(&next);
	return error;
}

struct moved {
	grille_buf files[3];
	grille_buf settings;
	grille_buf attributes;
	int attributes_changed;
};

static void moved_release(struct moved *m)
{
	for (size_t i = 0; i < 3; i++)
		grille_buf_release(&m->files[i]);
	grille_buf_release(&m->settings);
	grille_buf_release(&m->attributes);
}

/* Every new byte, made before anything is written. */
static int prepare(struct moved *m, grille_workspace *ws)
{
	char *path = fs__join(ws->root, GRILLE_SETTINGS_FILE);
	grille_buf yaml = GRILLE_BUF_INIT;
	int error = path ? fs__read_file(&yaml, path, 0, GRILLE_FS_SMALL_MAX) : error__oom();
	free(path);
	if (!error && ws->settings->conflict_count)
		error = error__set(GRILLE_ECONFLICT, "%s", ws->settings->conflict_message);
	if (!error)
		error = rewrite_settings(&m->settings, yaml.ptr ? yaml.ptr : "", yaml.len, settings__legacy(ws->settings));
	for (int kind = GROUPDATA_MEMBERS; !error && kind <= GROUPDATA_CALENDAR; kind++)
		error = fill_file(&m->files[kind], ws, (enum groupdata_kind)kind);
	if (!error)
		error = group__attributes(&m->attributes, ws, &m->attributes_changed);
	grille_buf_release(&yaml);
	return error;
}

static int write_all(const struct moved *m, const grille_workspace *ws)
{
	int error = 0;
	for (size_t kind = 0; !error && kind < 3; kind++)
		error = group__write_file(ws, groupdata__files[kind], &m->files[kind]);
	if (!error && m->attributes_changed)
		error = group__write_file(ws, GROUPDATA_ATTRIBUTES_FILE, &m->attributes);
	if (!error)
		error = group__write_file(ws, GRILLE_SETTINGS_FILE, &m->settings);
	return error;
}

static int commit(grille_group_change *out, struct session *sess, const git_signature *signature)
{
	const char *names[] = { GRILLE_SETTINGS_FILE, GROUPDATA_MEMBERS_FILE, GROUPDATA_PLAN_FILE,
	                        GROUPDATA_CALENDAR_FILE, GROUPDATA_ATTRIBUTES_FILE };
	char *paths[5] = { NULL };
	int error = 0;
	for (size_t i = 0; !error && i < 5; i++)
		if (!(paths[i] = *sess->prefix ? fs__join(sess->prefix, names[i]) : strdup(names[i])))
			error = error__oom();
	git_oid id;
	if (!error)
		error = repo__commit_paths(&id, sess->repo, (const char *const *)paths, 5, signature, out->moved);
	if (!error)
		git_oid_tostr(out->moved_commit, sizeof(out->moved_commit), &id);
	for (size_t i = 0; i < 5; i++)
		free(paths[i]);
	return error;
}

static int reload_settings(grille_workspace *ws)
{
	char *path = fs__join(ws->root, GRILLE_SETTINGS_FILE);
	grille_settings *fresh = NULL;
	int error = path ? grille_settings_load(&fresh, path) : error__oom();
	free(path);
	if (!error) {
		grille_settings_free(ws->settings);
		ws->settings = fresh;
	}
	return error;
}

int group__move(grille_group_change *out, grille_workspace *ws)
{
	struct moved m = { 0 };
	struct session *sess = session__of(ws);
	git_signature *signature = NULL;
	int error = session__git(sess);
	int in_git = !error;
	if (error == GRILLE_ENOTFOUND)
		error = 0;
	/* Without an identity to sign the commit, nothing moves. */
	if (!error && in_git)
		error = repo__identity(&signature, sess->repo, NULL);
	if (!error)
		error = prepare(&m, ws);
	if (!error && !(out->moved = strdup(W_(grille_grid_language(ws->grid), "Membres et dates déplacés de grille.yaml vers membres.md et calendrier.md\n\n"
	                                      "L'espace de travail passe au format 2 : les membres, le plan d'action, "
	                                      "la phase de test et les bilans sont des tableaux (membres.md, plan.md, "
	                                      "calendrier.md) que git fusionne ligne à ligne ; grille.yaml ne garde "
	                                      "que les réglages."))))
		error = error__oom();
	if (!error)
		error = write_all(&m, ws);
	if (!error && in_git)
		error = commit(out, sess, signature);
	if (!error)
		error = reload_settings(ws);
	group__forget(sess);
	git_signature_free(signature);
	moved_release(&m);
	return error;
}
