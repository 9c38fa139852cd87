/* Rounds of the method: the finished round archived under tour-N/ and
 * tagged, steps 3 to 5 written fresh, the review's decisions carried into
 * the new round's plan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/history.h"
#include "grille/round.h"
#include "commit_scope.h"
#include "errors.h"
#include "fs.h"
#include "group.h"
#include "groupdata.h"
#include "intl.h"
#include "repo.h"
#include "round.h"
#include "scaffold.h"
#include "session.h"
#include "settings.h"
#include "workspace_private.h"
#include "wording.h"

/* The steps a new round opens again: the diagnostic, the plan and the review. */
static const char *const reopened[] = { "3", "4", "5" };

void grille_round_folder(char out[32], int n)
{
	snprintf(out, 32, "tour-%d", n);
}

void grille_round_result_release(grille_round_result *r)
{
	char *texts[] = { r->tag, r->message, r->archived, r->fresh, r->kept, r->adjusted, r->dropped,
	                  r->undecided_back, r->undecided_gone };
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		free(texts[i]);
	memset(r, 0, sizeof(*r));
}

int grille_round_review_due(size_t *undecided, const grille_group *group, const char *today)
{
	int due = *group->test_end && strcmp(group->test_end, today) < 0;
	for (size_t i = 0; i < group->event_count; i++)
		due |= group->events[i].kind == GRILLE_EVENT_REVIEW && strcmp(group->events[i].date, today) <= 0;
	*undecided = 0;
	for (size_t i = 0; i < group->action_count; i++)
		*undecided += group->actions[i].decision == GRILLE_DECISION_NONE;
	return due;
}

/* Everything a new round writes, made before anything is written. */
struct round {
	grille_workspace *ws;
	struct session *sess;
	const grille_group *group;
	unsigned flags;
	int n;                  /* the round that ends */
	char *folder_path;      /* root/tour-N */
	struct round_carry carry; /* plan.md for the next round, and what became of each action */
	grille_buf calendar, settings, archived, fresh;
	git_oid head;
};

static void round_release(struct round *r)
{
	free(r->folder_path);
	round__carry_release(&r->carry);
	grille_buf *bufs[] = { &r->calendar, &r->settings, &r->archived, &r->fresh };
	for (size_t i = 0; i < sizeof(bufs) / sizeof(*bufs); i++)
		grille_buf_release(bufs[i]);
}

static void list_add(grille_buf *list, const char *text)
{
	grille_buf_printf(list, "%s%s", list->len ? ", " : "", text);
}

/* "3, 4, 5" read as French writes it: "3, 4 et 5". */
static int last_with_and(grille_buf *list, const char *language)
{
	char *last = NULL;
	for (char *p = list->ptr ? strstr(list->ptr, ", ") : NULL; p; p = strstr(p + 2, ", "))
		last = p;
	if (!last)
		return 0;
	grille_buf tail = GRILLE_BUF_INIT;
	grille_buf_printf(&tail, W_(language, " et %s"), last + 2);
	list->len = (size_t)(last - list->ptr);
	list->ptr[list->len] = '\0';
	grille_buf_put(list, tail.ptr ? tail.ptr : "", tail.len);
	grille_buf_release(&tail);
	return grille_buf_oom(list) ? error__oom() : 0;
}

/* The repository as a round can end: on a branch, with a commit, nothing left uncommitted. */
static int check_repository(struct round *r)
{
	struct grille_repo_change *changes = NULL;
	size_t count = 0;
	int error = session__history(r->sess);
	if (!error)
		error = repo__check_branch(r->sess->repo);
	if (!error && git_reference_name_to_id(&r->head, r->sess->repo, "HEAD") < 0) {
		git_error_clear();
		error = error__set(GRILLE_EINVALID, "%s", _("l'espace de travail n'a encore aucun jalon : "
		                                             "enregistrez le tour avec « grille commit » d'abord"));
	}
	if (!error)
		error = commit_scope__changes(&changes, &count, NULL, NULL, r->sess);
	if (!error && count)
		error = error__set(GRILLE_EINVALID, _("des changements ne sont pas enregistrés (%s%s) : le tour qui finit "
		                                      "doit l'être tout entier. Enregistrez-les d'abord avec « grille "
		                                      "commit », puis relancez « grille round new »"),
		                   changes[0].path, count > 1 ? "…" : "");
	repo__changes_free(&changes, &count);
	if (!error && r->ws->settings->conflict_message)
		error = error__set(GRILLE_ECONFLICT, "%s", r->ws->settings->conflict_message);
	return error;
}

/* The plan can be carried: every row read, no entry in conflict, a decision on each action (or --force). */
static int check_plan(struct round *r)
{
	const grille_group *g = r->group;
	for (size_t i = 0; i < g->problem_count; i++)
		if (strncmp(g->problems[i], GROUPDATA_PLAN_FILE ":", strlen(GROUPDATA_PLAN_FILE) + 1) == 0)
			return error__set(GRILLE_EINVALID, _("%s\nCorrigez cette ligne de plan.md avant de commencer un "
			                                     "nouveau tour"), g->problems[i]);
	for (size_t i = 0; i < g->conflict_count; i++)
		if (strcmp(g->conflicts[i].file, GROUPDATA_PLAN_FILE) == 0)
			return error__set(GRILLE_EINVALID, _("l'action %s est écrite deux fois dans plan.md (lignes %zu et "
			                                     "%zu) : gardez-en une avant de commencer un nouveau tour"),
			                  g->conflicts[i].key, g->conflicts[i].lines[0], g->conflicts[i].lines[1]);
	grille_buf missing = GRILLE_BUF_INIT;
	for (size_t i = 0; i < g->action_count; i++)
		if (g->actions[i].decision == GRILLE_DECISION_NONE)
			list_add(&missing, g->actions[i].id);
	int error = grille_buf_oom(&missing) ? error__oom() : 0;
	if (!error && missing.len && !(r->flags & GRILLE_ROUND_FORCE))
		error = error__set(GRILLE_EINVALID, _("le bilan n'a pas encore décidé de ces actions : %s. Pour chacune : "
		                                      "« grille plan decide A1 garder » (ou ajuster, ou abandonner, avec "
		                                      "--reason) ; ou --force pour commencer le tour quand même : les "
		                                      "actions à faire ou en cours reviendront telles quelles, les "
		                                      "autres non"), missing.ptr);
	grille_buf_release(&missing);
	return error;
}

/* Nothing of the round's name is there yet: neither the folder nor the tag. */
static int check_free(struct round *r, const char *folder, const char *tag)
{
	if (!(r->folder_path = fs__join(r->ws->root, folder)))
		return error__oom();
	if (fs__exists(r->folder_path))
		return error__set(GRILLE_EEXISTS, _("« %s/ » existe déjà dans l'espace de travail : le tour %d semble "
		                                    "déjà archivé. Si ce dossier est à vous, renommez-le d'abord"),
		                  folder, r->n);
	grille_buf ref = GRILLE_BUF_INIT;
	git_oid id;
	int error = grille_buf_printf(&ref, "refs/tags/%s", tag);
	if (!error && git_reference_name_to_id(&id, r->sess->repo, ref.ptr) == 0)
		error = error__set(GRILLE_EEXISTS, _("le jalon « %s » existe déjà : le tour %d semble déjà fini. "
		                                     "« git tag -d %s » le retire s'il a été posé par erreur"),
		                   tag, r->n, tag);
	git_error_clear();
	grille_buf_release(&ref);
	return error;
}

void round__carry_release(struct round_carry *c)
{
	grille_buf_release(&c->plan);
	for (size_t i = 0; i < ROUND_LISTS; i++)
		grille_buf_release(&c->lists[i]);
}

/* Where action `a` goes (a list of round_carry), and whether it returns. */
static int destination(const grille_action *a, int *back)
{
	*back = a->decision == GRILLE_DECISION_KEEP || a->decision == GRILLE_DECISION_ADJUST ||
	        (a->decision == GRILLE_DECISION_NONE && a->state <= GRILLE_ACTION_DOING);
	return a->decision == GRILLE_DECISION_KEEP ? ROUND_KEPT
	     : a->decision == GRILLE_DECISION_ADJUST ? ROUND_ADJUSTED
	     : a->decision == GRILLE_DECISION_DROP ? ROUND_DROPPED
	     : *back ? ROUND_BACK : ROUND_GONE;
}

/* `a` as the next round's plan has it, in `next`; `*note` an adjusted one's new note (owned). */
static int carried(grille_action *next, char **note, const grille_action *a, int n, const char *language)
{
	*next = *a;
	next->decision = GRILLE_DECISION_NONE;
	next->decision_reason = "";
	if (a->decision == GRILLE_DECISION_NONE)
		return 0; /* --force: as it is */
	next->state = GRILLE_ACTION_TODO;
	if (a->decision != GRILLE_DECISION_ADJUST)
		return 0;
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, W_(language, "à ajuster (bilan du tour %d) : %s"), n,
	                  a->decision_reason && *a->decision_reason ? a->decision_reason : W_(language, "sans raison donnée"));
	*note = grille_buf_detach(&text);
	next->note = *note;
	return *note ? 0 : error__oom();
}

int round__carry(struct round_carry *out, const char *language, const char *data, size_t len, int n)
{
	memset(out, 0, sizeof(*out));
	struct groupdata_plan plan;
	int error = groupdata__plan_load(&plan, data, len, GROUPDATA_PLAN_FILE);
	grille_action *next = error ? NULL : calloc(plan.count + 1, sizeof(*next));
	char **notes = error ? NULL : calloc(plan.count + 1, sizeof(*notes));
	size_t count = 0;
	if (!error && (!next || !notes))
		error = error__oom();
	for (size_t i = 0; !error && i < plan.count; i++) {
		int back, list = destination(&plan.items[i], &back);
		list_add(&out->lists[list], plan.items[i].id);
		if (back)
			error = carried(&next[count], &notes[count], &plan.items[i], n, language);
		count += back && !error;
	}
	if (!error)
		error = groupdata__rewrite(&out->plan, data, len, GROUPDATA_PLAN_FILE, GROUPDATA_PLAN, next, count);
	for (size_t i = 0; !error && i < ROUND_LISTS; i++)
		if (grille_buf_oom(&out->lists[i]))
			error = error__oom();
	for (size_t i = 0; notes && i < count; i++)
		free(notes[i]);
	free(notes);
	free(next);
	groupdata__plan_release(&plan);
	return error;
}

/* The new plan.md and calendrier.md, in memory. */
static int make_group_files(struct round *r)
{
	grille_buf old = GRILLE_BUF_INIT;
	int error = group__read_file(&old, r->ws, GROUPDATA_PLAN);
	if (!error)
		error = round__carry(&r->carry, grille_grid_language(r->ws->grid), old.ptr ? old.ptr : "", old.len, r->n);
	grille_buf_clear(&old);
	if (!error)
		error = group__read_file(&old, r->ws, GROUPDATA_CALENDAR);
	/* The calendar is the round's own: its rows go, problems or not (they stay in the archive). */
	if (!error && groupdata__rewrite(&r->calendar, old.ptr ? old.ptr : "", old.len, GROUPDATA_CALENDAR_FILE,
	                                 GROUPDATA_CALENDAR, NULL, 0) < 0) {
		grille_error_clear();
		grille_buf_clear(&r->calendar);
		error = groupdata__fresh(&r->calendar, GROUPDATA_CALENDAR, grille_grid_language(r->ws->grid));
	}
	grille_buf_release(&old);
	return error;
}

/* grille.yaml with the next round. */
static int make_settings(struct round *r)
{
	grille_buf old = GRILLE_BUF_INIT;
	char *path = fs__join(r->ws->root, GRILLE_SETTINGS_FILE);
	int error = path ? fs__read_file(&old, path, 0, GRILLE_FS_SMALL_MAX) : error__oom();
	if (!error)
		error = settings__set_round(&r->settings, old.ptr ? old.ptr : "", old.len, r->n + 1);
	grille_buf_release(&old);
	free(path);
	return error;
}

/* The files the archive holds: every step's, then the group's, those that are there. */
static int archive(struct round *r, int write)
{
	const grille_grid *grid = r->ws->grid;
	size_t steps = grille_grid_step_count(grid);
	char *created = NULL;
	int error = write ? fs__mkdirs(r->folder_path, &created) : 0;
	free(created);
	for (size_t i = 0; !error && i < steps + 3; i++) {
		const char *name = i < steps ? grille_grid_step(grid, i)->file : groupdata__files[i - steps];
		char *from = fs__join(r->ws->root, name), *to = fs__join(r->folder_path, name);
		grille_buf data = GRILLE_BUF_INIT;
		error = from && to ? fs__read(&data, from) : error__oom();
		if (error == GRILLE_ENOTFOUND) {
			grille_error_clear();
			error = 0;
		} else if (!error && write) {
			error = fs__write_new(to, data.ptr ? data.ptr : "", data.len);
		} else if (!error) {
			list_add(&r->archived, name);
		}
		grille_buf_release(&data);
		free(from);
		free(to);
	}
	return error;
}

/* Steps 3, 4 and 5 as a new workspace has them, at its level. */
static int reopen_steps(struct round *r, int write)
{
	int error = 0;
	for (size_t i = 0; !error && i < sizeof(reopened) / sizeof(*reopened); i++) {
		const grille_step *step = grille_grid_find_step(r->ws->grid, reopened[i]);
		if (!step)
			continue;
		if (!write) {
			list_add(&r->fresh, step->id);
			continue;
		}
		grille_buf text = GRILLE_BUF_INIT;
		char *path = fs__join(r->ws->root, step->file);
		error = path ? scaffold__step(&text, step, r->ws->settings->level) : error__oom();
		if (!error)
			error = fs__replace(path, text.ptr ? text.ptr : "", text.len);
		grille_buf_release(&text);
		free(path);
	}
	return error;
}

static int write_files(struct round *r)
{
	int error = archive(r, 1);
	if (!error)
		error = reopen_steps(r, 1);
	if (!error)
		error = group__write_file(r->ws, GROUPDATA_PLAN_FILE, &r->carry.plan);
	if (!error)
		error = group__write_file(r->ws, GROUPDATA_CALENDAR_FILE, &r->calendar);
	if (!error)
		error = group__write_file(r->ws, GRILLE_SETTINGS_FILE, &r->settings);
	group__forget(r->sess);
	return error;
}

/* The new round's commit message: what ended, what returns. */
static char *message_of(const struct round *r, const char *folder)
{
	grille_buf m = GRILLE_BUF_INIT;
	grille_buf_printf(&m, W_(grille_grid_language(r->ws->grid), "Tour %d : le tour %d est archivé dans %s/, les étapes %s reprennent\n\n"), r->n + 1, r->n,
	                  folder, r->fresh.ptr ? r->fresh.ptr : "");
	static const char *const labels[ROUND_LISTS] = {
		[ROUND_KEPT] = N_("Actions gardées : %s.\n"),
		[ROUND_ADJUSTED] = N_("Actions à ajuster : %s.\n"),
		[ROUND_DROPPED] = N_("Actions abandonnées : %s.\n"),
		[ROUND_BACK] = N_("Actions sans décision, reprises telles quelles : %s.\n"),
		[ROUND_GONE] = N_("Actions sans décision, finies ou abandonnées, non reprises : %s.\n"),
	};
	for (size_t i = 0; i < ROUND_LISTS; i++)
		if (r->carry.lists[i].len)
			grille_buf_printf(&m, W_(grille_grid_language(r->ws->grid), labels[i]), r->carry.lists[i].ptr);
	return grille_buf_detach(&m);
}

/* The annotated tag `tag` on the commit that ended round N. */
static int tag_round(struct round *r, const char *tag, const char *folder, const char *author)
{
	git_signature *tagger = NULL;
	git_object *target = NULL;
	grille_buf message = GRILLE_BUF_INIT;
	git_oid id;
	int error = repo__identity(&tagger, r->sess->repo, author);
	if (!error && git_object_lookup(&target, r->sess->repo, &r->head, GIT_OBJECT_COMMIT) < 0)
		error = repo__error(_("impossible de retrouver le commit"));
	if (!error)
		error = grille_buf_printf(&message, W_(grille_grid_language(r->ws->grid), "Tour %d terminé\n\nSes fichiers sont archivés dans %s/.\n"), r->n, folder);
	if (!error && git_tag_create(&id, r->sess->repo, tag, target, tagger, message.ptr, 0) < 0)
		error = repo__error(_("impossible de poser le jalon du tour"));
	git_object_free(target);
	git_signature_free(tagger);
	grille_buf_release(&message);
	return error;
}

/* A workspace of format 1 keeps its test phase and reviews in grille.yaml: they
 * go to the group's files first, in a commit of their own, as any change of
 * the group's data does; the round then ends on that commit. */
static int move_group_data(struct round *r)
{
	grille_group_change moved = { 0 };
	group__forget(r->sess);
	int error = group__move(&moved, r->ws);
	grille_group_change_release(&moved);
	if (!error && git_reference_name_to_id(&r->head, r->sess->repo, "HEAD") < 0)
		error = repo__error(_("impossible de retrouver le commit"));
	return error;
}

/* What a new round will do, checked and made in memory: nothing written yet. */
static int prepare(struct round *r, grille_round_result *out, const char *author)
{
	git_signature *identity = NULL;
	int error = check_repository(r);
	if (!error && r->ws->settings->format < 2 && !(r->flags & GRILLE_ROUND_DRY_RUN))
		error = move_group_data(r);
	if (!error)
		error = grille_workspace_group(&r->group, r->ws);
	if (!error)
		error = check_plan(r);
	grille_buf tag = GRILLE_BUF_INIT;
	size_t len = r->sess->prefix ? strlen(r->sess->prefix) : 0;
	/* In a repository shared with other things, tags carry the workspace's folder (as milestones do). */
	if (!error)
		error = grille_buf_printf(&tag, "%.*s%s%s", (int)(len ? len - 1 : 0), r->sess->prefix, len ? "/" : "",
		                          out->folder);
	if (!error && !(out->tag = grille_buf_detach(&tag)))
		error = error__oom();
	if (!error)
		error = check_free(r, out->folder, out->tag);
	if (!error && !(r->flags & GRILLE_ROUND_DRY_RUN))
		error = repo__identity(&identity, r->sess->repo, author);
	if (!error)
		error = make_group_files(r);
	if (!error)
		error = make_settings(r);
	if (!error)
		error = archive(r, 0);
	if (!error)
		error = reopen_steps(r, 0);
	if (!error)
		error = last_with_and(&r->fresh, grille_grid_language(r->ws->grid));
	git_signature_free(identity);
	grille_buf_release(&tag);
	return error;
}

static char *text_of(const grille_buf *b)
{
	return strdup(b->ptr ? b->ptr : "");
}

int grille_round_new(grille_round_result *out, grille_workspace *ws, unsigned flags, const char *author)
{
	memset(out, 0, sizeof(*out));
	struct round r = { .ws = ws, .sess = session__of(ws), .flags = flags, .n = ws->settings->round };
	out->finished = r.n;
	grille_round_folder(out->folder, r.n);
	int error = prepare(&r, out, author);
	if (!error) {
		out->message = message_of(&r, out->folder);
		out->archived = text_of(&r.archived);
		out->fresh = text_of(&r.fresh);
		out->kept = text_of(&r.carry.lists[ROUND_KEPT]);
		out->adjusted = text_of(&r.carry.lists[ROUND_ADJUSTED]);
		out->dropped = text_of(&r.carry.lists[ROUND_DROPPED]);
		out->undecided_back = text_of(&r.carry.lists[ROUND_BACK]);
		out->undecided_gone = text_of(&r.carry.lists[ROUND_GONE]);
		if (!out->message || !out->archived || !out->fresh || !out->kept || !out->adjusted || !out->dropped ||
		    !out->undecided_back || !out->undecided_gone)
			error = error__oom();
	}
	if (!error && !(flags & GRILLE_ROUND_DRY_RUN))
		error = write_files(&r);
	grille_commit_result commit = { 0 };
	if (!error && !(flags & GRILLE_ROUND_DRY_RUN))
		error = grille_history_commit(&commit, ws, out->message, author);
	if (!error && !(flags & GRILLE_ROUND_DRY_RUN)) {
		snprintf(out->commit, sizeof(out->commit), "%s", commit.commit);
		error = tag_round(&r, out->tag, out->folder, author);
	}
	grille_commit_result_release(&commit);
	round_release(&r);
	return error;
}

/* The tag of round `n` for this workspace (its folder's name first in a shared repository). */
static int tag_of(grille_buf *out, const struct session *sess, const char *folder)
{
	size_t len = sess->prefix ? strlen(sess->prefix) : 0;
	return grille_buf_printf(out, "refs/tags/%.*s%s%s", (int)(len ? len - 1 : 0), len ? sess->prefix : "",
	                         len ? "/" : "", folder);
}

int round__open(git_commit **tag, struct session *sess, int n)
{
	*tag = NULL;
	int current = sess->ws->settings->round;
	char folder[32];
	grille_round_folder(folder, n);
	if (n < 1 || n >= current)
		return current > 2
		       ? error__set(GRILLE_ENOTFOUND, _("il n'y a pas de tour %d fini : le tour en cours est le %d, les tours "
		                                        "finis vont de 1 à %d"), n, current, current - 1)
		       : current == 2
		       ? error__set(GRILLE_ENOTFOUND, _("il n'y a pas de tour %d fini : le tour en cours est le 2, le seul "
		                                        "fini est le 1"), n)
		       : error__set(GRILLE_ENOTFOUND, _("il n'y a pas de tour %d fini : le premier tour est en cours "
		                                        "(« grille round new » le termine, après le bilan)"), n);
	char *path = fs__join(sess->ws->root, folder);
	int there = path && fs__exists(path);
	free(path);
	if (!there)
		return error__set(GRILLE_ENOTFOUND, _("le tour %d n'est plus dans l'espace de travail : le dossier %s/ "
		                                      "manque (« git checkout -- %s » le retrouve tel qu'au dernier jalon)"),
		                  n, folder, folder);
	grille_buf dir = GRILLE_BUF_INIT, ref = GRILLE_BUF_INIT;
	int error = grille_buf_printf(&dir, "%s/", folder);
	group__forget(sess);
	free(sess->dir);
	sess->dir = error ? NULL : grille_buf_detach(&dir);
	if (!error && !sess->dir)
		error = error__oom();
	git_oid id;
	git_object *object = NULL;
	if (!error && session__git(sess) == 0 && tag_of(&ref, sess, folder) == 0 &&
	    git_reference_name_to_id(&id, sess->repo, ref.ptr) == 0 && git_object_lookup(&object, sess->repo, &id, GIT_OBJECT_ANY) == 0)
		git_object_peel((git_object **)tag, object, GIT_OBJECT_COMMIT);
	git_object_free(object);
	git_error_clear();
	if (!error)
		grille_error_clear(); /* outside git, or no tag: the round reads without its history */
	grille_buf_release(&dir);
	grille_buf_release(&ref);
	return error;
}

void round__close(struct session *sess)
{
	group__forget(sess);
	free(sess->dir);
	sess->dir = NULL;
}

int round__ended_by(const struct session *sess, char *const *tags, size_t count)
{
	size_t len = sess->prefix ? strlen(sess->prefix) : 0;
	for (size_t i = 0; i < count; i++) {
		const char *t = tags[i];
		if (len && (strncmp(t, sess->prefix, len - 1) != 0 || t[len - 1] != '/'))
			continue;
		t += len;
		if (strncmp(t, "tour-", 5) != 0 || t[5] < '1' || t[5] > '9' || strspn(t + 5, "0123456789") != strlen(t + 5) ||
		    strlen(t + 5) > 4)
			continue;
		return atoi(t + 5);
	}
	return 0;
}
