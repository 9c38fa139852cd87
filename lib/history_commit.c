#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "array.h"
#include "commit_scope.h"
#include "errors.h"
#include "fs.h"
#include "history_private.h"
#include "intl.h"
#include "repo.h"
#include "scan.h"
#include "steer.h"
#include "text.h"
#include "workspace_private.h"
#include "wording.h"

struct merge_head {
	git_oid id;
	int found;
};

static int collect_merge_head(const git_oid *id, void *payload)
{
	struct merge_head *head = payload;
	git_oid_cpy(&head->id, id);
	head->found = 1;
	return 1; /* one is enough: grille makes two-parent merges */
}

/* The subject says what progressed, step by step. */
static int describe(grille_buf *msg, const char *language, const grille_status *before, const grille_status *now,
                    const struct grille_repo_change *changes, size_t count, const char *prefix)
{
	int error = 0, parts = 0;
	for (size_t s = 0; !error && s < now->step_count; s++) {
		const grille_step_status *st = &now->steps[s];
		int touched = 0;
		for (size_t c = 0; c < count; c++)
			touched |= strcmp(changes[c].path + strlen(prefix), st->file) == 0;
		if (!touched)
			continue;
		size_t answered = st->counts[GRILLE_STATE_ANSWERED];
		size_t open = grille_step_status_out_of(st);
		long was = before && s < before->step_count ? (long)before->steps[s].counts[GRILLE_STATE_ANSWERED] : 0;
		error = grille_buf_printf(msg, W_(language, "%sÉtape %s : %zu/%zu réponses (%+ld)"), parts++ ? W_(language, " ; ") : "",
		                          st->id, answered, open, (long)answered - was);
	}
	int settings = 0, others = 0;
	for (size_t c = 0; c < count; c++) {
		const char *name = changes[c].path + strlen(prefix);
		int step = 0;
		for (size_t s = 0; s < now->step_count; s++)
			step |= strcmp(name, now->steps[s].file) == 0;
		if (strcmp(name, GRILLE_SETTINGS_FILE) == 0)
			settings = 1;
		else if (!step)
			others = 1;
	}
	if (!error && settings)
		error = grille_buf_printf(msg, "%s%s", parts++ ? W_(language, " ; ") : "", W_(language, "réglages mis à jour"));
	if (!error && others)
		error = grille_buf_printf(msg, "%s%s", parts++ ? W_(language, " ; ") : "", W_(language, "autres fichiers mis à jour"));
	if (!error)
		error = grille_buf_puts(msg, "\n");
	return error;
}

/* Conflict markers in grille.yaml are never recorded, merging or not. */
static int check_settings_resolved(struct session *sess)
{
	const grille_settings *settings = grille_workspace_settings(sess->ws);
	return settings->conflict_message
	       ? error__set(GRILLE_ECONFLICT, "%s", settings->conflict_message) : 0;
}

/* Files other than the steps (grille.yaml…) that git holds in conflict and
 * that still carry markers. */
static int check_other_files(struct session *sess, grille_buf *list, size_t *count)
{
	git_index *index = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	if (git_repository_index(&index, sess->repo) < 0 || git_index_conflict_iterator_new(&it, index) < 0) {
		git_index_free(index);
		return repo__error(_("impossible de lire les conflits de la fusion"));
	}
	int error = 0;
	while (!error && git_index_conflict_next(&ancestor, &ours, &theirs, it) == 0) {
		const char *path = ours ? ours->path : theirs ? theirs->path : ancestor->path;
		int step = 0;
		for (size_t s = 0; s < grille_grid_step_count(sess->ws->grid); s++)
			step |= strcmp(sess->prefix, "") == 0 ? strcmp(grille_grid_step(sess->ws->grid, s)->file, path) == 0
			        : strncmp(path, sess->prefix, strlen(sess->prefix)) == 0 &&
			          strcmp(grille_grid_step(sess->ws->grid, s)->file, path + strlen(sess->prefix)) == 0;
		if (step)
			continue; /* its questions are checked one by one */
		char *full = fs__join(git_repository_workdir(sess->repo), path);
		grille_buf data = GRILLE_BUF_INIT;
		if (!full)
			error = error__oom();
		else if (fs__read(&data, full) == 0) {
			size_t line = history__marker_line(data.ptr, data.len);
			if (line) {
				(*count)++;
				grille_buf_printf(list, "\n  %s:%zu", path, line);
			}
		} else {
			grille_error_clear(); /* gone: nothing left to resolve there */
		}
		grille_buf_release(&data);
		free(full);
	}
	git_index_conflict_iterator_free(it);
	git_index_free(index);
	git_error_clear();
	return error;
}

/* After a merge, markers left in a file mean the conflict is not resolved. */
static int check_resolved(struct session *sess, const grille_status *now)
{
	grille_buf list = GRILLE_BUF_INIT;
	size_t count = 0;
	for (size_t s = 0; s < now->step_count; s++)
		for (size_t i = 0; i < now->steps[s].item_count; i++)
			for (size_t q = 0; q < now->steps[s].items[i].question_count; q++) {
				const grille_question_status *qs = &now->steps[s].items[i].questions[q];
				if (qs->state != GRILLE_STATE_CONFLICT)
					continue;
				count++;
				grille_buf_printf(&list, "\n  %s:%zu: %s %s", qs->file ? qs->file : now->steps[s].file,
				                  qs->line, qs->id, qs->text);
			}
	size_t files = 0;
	int error = check_other_files(sess, &list, &files);
	if (!error && count)
		error = error__set(GRILLE_EINVALID,
			_("des questions sont encore en conflit : le texte des deux versions est entre les marques "
			  "<<<<<<< et >>>>>>>.%s\nGardez ce qui doit rester, effacez les marques, puis relancez "
			  "grille commit."), list.ptr);
	else if (!error && files)
		error = error__set(GRILLE_EINVALID,
			_("des fichiers sont encore en conflit : le texte des deux versions est entre les marques "
			  "<<<<<<< et >>>>>>>.%s\nGardez ce qui doit rester (dans grille.yaml, une seule valeur par "
			  "réglage), effacez les marques, puis relancez grille commit."), list.ptr);
	grille_buf_release(&list);
	return error;
}

static int add_tag(grille_commit_result *out, const char *name)
{
	char **tags = array__push(out->tags, out->tag_count, sizeof(*tags));
	if (!tags)
		return error__oom();
	out->tags = tags;
	return (tags[out->tag_count++] = strdup(name)) ? 0 : error__oom();
}

static int tag_name(grille_buf *name, const struct session *sess, const char *what)
{
	/* In a repository shared with other things, tags carry the workspace's folder. */
	size_t len = strlen(sess->prefix);
	return grille_buf_printf(name, "%.*s%s%s", (int)(len ? len - 1 : 0), sess->prefix, len ? "/" : "", what);
}

static int verify_tag(struct session *sess, const char *name, const git_oid *tag_id)
{
	grille_buf ref = GRILLE_BUF_INIT;
	int error = grille_buf_printf(&ref, "refs/tags/%s", name);
	if (!error)
		error = repo__verify(sess->repo, ref.ptr, tag_id);
	grille_buf_release(&ref);
	return error;
}

static int create_tag(grille_commit_result *out, struct session *sess, const git_oid *commit_id,
                      const char *name, const char *message, const git_signature *tagger, int must_be_new)
{
	git_object *target = NULL;
	git_oid tag_id;
	int error = git_object_lookup(&target, sess->repo, commit_id, GIT_OBJECT_COMMIT) < 0
	            ? repo__error(_("impossible de retrouver le commit")) : 0;
	if (!error) {
		int rc = git_tag_create(&tag_id, sess->repo, name, target, tagger, message, 0);
		if (rc == GIT_EEXISTS && !must_be_new)
			git_error_clear();
		else if (rc == GIT_EEXISTS)
			error = error__set(GRILLE_EEXISTS, _("le jalon « %s » existe déjà : choisissez un autre nom"), name);
		else if (rc < 0)
			error = repo__fail(rc, _("impossible de poser le jalon"));
		else if (!(error = verify_tag(sess, name, &tag_id)))
			error = add_tag(out, name);
	}
	git_object_free(target);
	return error;
}

/* A step with nothing left unanswered (and something answered) is a milestone. */
static int tag_finished_steps(grille_commit_result *out, struct session *sess, const git_oid *commit_id,
                              const grille_status *now, const git_signature *tagger)
{
	int error = 0;
	for (size_t s = 0; !error && s < now->step_count; s++) {
		const grille_step_status *st = &now->steps[s];
		/* Deferred questions are still to answer: the step is not finished. */
		if (st->problem || st->counts[GRILLE_STATE_UNANSWERED] || st->counts[GRILLE_STATE_CONFLICT] ||
		    st->counts[GRILLE_STATE_DEFERRED] || !st->counts[GRILLE_STATE_ANSWERED])
			continue;
		grille_buf name = GRILLE_BUF_INIT, message = GRILLE_BUF_INIT;
		char what[64];
		snprintf(what, sizeof(what), "etape-%s", st->id);
		error = tag_name(&name, sess, what);
		if (!error)
			error = grille_buf_printf(&message, W_(grille_grid_language(sess->ws->grid), "Étape %s terminée : %s\n\n%zu réponses, %zu questions mises de côté, %zu pour plus tard.\n"),
			                          st->id, st->title, st->counts[GRILLE_STATE_ANSWERED],
			                          st->counts[GRILLE_STATE_SKIPPED], st->counts[GRILLE_STATE_DEFERRED]);
		if (!error)
			error = create_tag(out, sess, commit_id, name.ptr, message.ptr, tagger, 0);
		grille_buf_release(&name);
		grille_buf_release(&message);
	}
	return error;
}

static int check_state(struct session *sess, git_oid *merge_head, int *merging)
{
	struct merge_head head = { .found = 0 };
	*merging = 0;
	int error = repo__check_branch(sess->repo);
	if (error)
		return error;
	int state = git_repository_state(sess->repo);
	if (state == GIT_REPOSITORY_STATE_MERGE) {
		git_repository_mergehead_foreach(sess->repo, collect_merge_head, &head);
		git_error_clear();
		if ((*merging = head.found)) {
			git_oid_cpy(merge_head, &head.id);
			return 0;
		}
	}
	if (state != GIT_REPOSITORY_STATE_NONE)
		return error__set(GRILLE_EGIT,
			_("le dépôt git est au milieu d'une autre opération (rebase, cherry-pick…) : terminez-la "
			  "ou annulez-la avec git avant d'enregistrer un jalon"));
	return 0;
}

/* A step file gone from the working tree is an accident to repair, not a change to record. */
static int check_no_missing_step(struct session *sess, const struct grille_repo_change *changes, size_t count)
{
	const unsigned gone = GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED;
	for (size_t c = 0; c < count; c++) {
		if (!(changes[c].flags & gone))
			continue;
		const char *name = changes[c].path + strlen(sess->prefix);
		char *full = fs__join(git_repository_workdir(sess->repo), changes[c].path);
		if (!full)
			return error__oom();
		int present = fs__exists(full);
		free(full);
		for (size_t s = 0; !present && s < grille_grid_step_count(sess->ws->grid); s++) {
			const grille_step *step = grille_grid_step(sess->ws->grid, s);
			if (strcmp(step->file, name) == 0)
				return error__set(GRILLE_ENOTFOUND,
					_("le fichier de l'étape %s, « %s », a disparu de l'espace de travail : rien n'est "
					  "enregistré, pour ne pas effacer ses réponses de l'historique. Pour le retrouver tel "
					  "qu'au dernier jalon : git checkout -- %s"), step->id, step->file, step->file);
		}
	}
	return 0;
}

/* What the grid's conditions ask of the files (lib/steer.h), written before
 * the commit: then the status and the changes are read again. Only when
 * something is pending, so that a commit reads each step file once. */
static int steer(grille_commit_result *out, grille_workspace *ws, struct session *sess, grille_status **now,
                 struct grille_repo_change **changes, size_t *count)
{
	if (!steer__pending(*now))
		return 0;
	int error = steer__write(&out->steered, ws, *now);
	if (error == GRILLE_ENOMEM)
		return error;
	if (error) /* a file it cannot edit (conflict markers): the marks wait, the commit goes on */
		grille_error_clear();
	if (!out->steered.count)
		return 0;
	grille_status_free(*now);
	*now = NULL;
	repo__changes_free(changes, count);
	error = history__status_now(now, sess);
	return error ? error : commit_scope__changes(changes, count, NULL, NULL, sess);
}

static int commit_changes(grille_commit_result *out, grille_workspace *ws, struct session *sess, const char *message,
                          const char *author, git_oid *commit_id, git_signature **signature)
{
	git_oid merge_head;
	int merging = 0;
	struct grille_repo_change *changes = NULL;
	size_t count = 0;
	grille_status *before = NULL, *now = NULL;
	git_commit *head = NULL;
	grille_buf msg = GRILLE_BUF_INIT;
	char **paths = NULL;
	if (message && !*message)
		message = NULL;
	int error = check_state(sess, &merge_head, &merging);
	if (!error)
		error = repo__identity(signature, sess->repo, author);
	if (!error)
		error = commit_scope__changes(&changes, &count, &out->left_out, &out->left_out_count, sess);
	if (error || (count == 0 && !merging))
		goto out;
	if (!error)
		error = check_no_missing_step(sess, changes, count);
	if (!error)
		error = history__status_now(&now, sess);
	if (!error)
		error = check_settings_resolved(sess);
	if (!error && merging)
		error = check_resolved(sess, now);
	else if (!error)
		error = steer(out, ws, sess, &now, &changes, &count);
	/* Only a message grille writes compares with the last commit's status. */
	int describing = !message && !merging;
	if (!error && describing && git_repository_head_unborn(sess->repo) != 1) {
		if (history__commit_of(&head, sess, "HEAD") == 0 && history__status_at(&before, sess, head) == GRILLE_ENOTFOUND)
			grille_error_clear();
	}
	if (!error && message)
		error = grille_buf_printf(&msg, "%s%s", message, message[strlen(message) - 1] == '\n' ? "" : "\n");
	else if (!error && merging)
		error = grille_buf_puts(&msg, W_(grille_grid_language(ws->grid), "Fusion des réponses partagées\n"));
	else if (!error)
		error = describe(&msg, grille_grid_language(ws->grid), before, now, changes, count, sess->prefix);
	if (!error && !(paths = calloc(count ? count : 1, sizeof(*paths))))
		error = error__oom();
	for (size_t i = 0; !error && i < count; i++)
		paths[i] = changes[i].path;
	struct grille_repo_commit_spec spec = { (const char *const *)paths, count, *signature, msg.ptr,
	                                        merging ? &merge_head : NULL };
	if (!error)
		error = repo__commit(commit_id, sess->repo, &spec);
	if (!error && merging && git_repository_state_cleanup(sess->repo) < 0)
		error = repo__error(_("impossible de terminer la fusion"));
	if (!error) {
		git_oid_tostr(out->commit, sizeof(out->commit), commit_id);
		out->merge = merging;
		out->message = grille_buf_detach(&msg);
		error = tag_finished_steps(out, sess, commit_id, now, *signature);
	}
out:
	free(paths);
	grille_buf_release(&msg);
	grille_status_free(before);
	grille_status_free(now);
	git_commit_free(head);
	repo__changes_free(&changes, &count);
	return error;
}

int grille_history_commit(grille_commit_result *out, grille_workspace *ws, const char *message,
                          const char *author)
{
	memset(out, 0, sizeof(*out));
	struct session *sess = session__of(ws);
	git_signature *signature = NULL;
	git_oid id;
	int error = message ? grille_history_text_check(message, _("le message"), 1) : 0;
	if (error)
		return error;
	error = session__history(sess);
	if (!error)
		error = commit_changes(out, ws, sess, message && *message ? message : NULL, author, &id, &signature);
	git_signature_free(signature);
	if (error)
		grille_commit_result_release(out);
	return error;
}

int grille_milestone_name_valid(const char *name)
{
	int valid = 0;
	grille_buf ref = GRILLE_BUF_INIT;
	if (*name && grille_buf_printf(&ref, "refs/tags/%s", name) == 0 &&
	    git_reference_name_is_valid(&valid, ref.ptr) < 0)
		valid = 0;
	grille_buf_release(&ref);
	git_error_clear();
	return valid;
}

/* Names git resolves by itself: HEAD, FETCH_HEAD, ORIG_HEAD… and the usual branches. */
static int reserved_name(const char *name)
{
	static const char *const names[] = { "head", "main", "master", "stash", "auto_merge" };
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1;
	size_t len = strlen(name);
	if (len < 4 || strcmp(name + len - 4, "HEAD") != 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!(name[i] >= 'A' && name[i] <= 'Z') && name[i] != '_')
			return 0;
	return 1;
}

/* Four hexadecimal digits or more: git may read it as a commit ID. */
static int looks_like_commit_id(const char *name)
{
	size_t len = strspn(name, "0123456789abcdefABCDEF");
	return len >= 4 && name[len] == '\0';
}

static int ref_exists(git_repository *repo, const char *fmt, const char *name)
{
	grille_buf ref = GRILLE_BUF_INIT;
	git_reference *found = NULL;
	int exists = grille_buf_printf(&ref, fmt, name) == 0 && git_reference_lookup(&found, repo, ref.ptr) == 0;
	git_reference_free(found);
	grille_buf_release(&ref);
	git_error_clear();
	return exists;
}

/* Whether `tag` (the tag's short name) reads like a branch or a remote of the repository. */
static int clashes(git_repository *repo, const char *tag, const char **what)
{
	if (ref_exists(repo, "refs/heads/%s", tag)) {
		*what = _("c'est déjà le nom d'une branche git");
		return 1;
	}
	git_strarray remotes = { 0 };
	int clash = 0;
	if (git_remote_list(&remotes, repo) == 0)
		for (size_t i = 0; !clash && i < remotes.count; i++) {
			size_t len = strlen(remotes.strings[i]);
			clash = strcmp(tag, remotes.strings[i]) == 0 ||
			        (strncmp(tag, remotes.strings[i], len) == 0 && tag[len] == '/');
		}
	git_error_clear();
	git_strarray_dispose(&remotes);
	if (clash || ref_exists(repo, "refs/remotes/%s", tag)) {
		*what = _("c'est déjà le nom d'un dépôt partagé ou d'une de ses branches");
		return 1;
	}
	return 0;
}

/* What a refused name could become, for the message: "Réunion de lancement"
 * -> "reunion-de-lancement" (letters without accents, digits, one "-" for
 * anything else); "" when nothing usable is left. */
static void name_suggestion(grille_buf *out, const char *name)
{
	char *folded = text__fold(name, 1);
	int dash = 0;
	for (const char *c = folded ? folded : ""; *c; c++) {
		int keep = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9');
		if (keep && dash && out->len)
			grille_buf_puts(out, "-");
		if (keep)
			grille_buf_put(out, c, 1);
		dash = !keep;
	}
	free(folded);
	if (out->ptr && (!grille_milestone_name_valid(out->ptr) || reserved_name(out->ptr) ||
	                 looks_like_commit_id(out->ptr)))
		grille_buf_clear(out);
}

int grille_milestone_name_check(const grille_workspace *ws, const char *name)
{
	int error = grille_history_text_check(name, _("le nom du jalon"), 0);
	if (error)
		return error;
	const char *why = NULL;
	if (!*name)
		why = _("le nom est vide");
	else if (name[0] == '-')
		why = _("un nom qui commence par « - » se lit comme une option de git");
	else if (strncmp(name, "refs/", 5) == 0)
		why = _("un nom qui commence par « refs/ » se confond avec les noms internes de git");
	else if (!grille_milestone_name_valid(name))
		why = _("pas d'espace ni de caractères comme ~ ^ : ? * [ \\");
	else if (reserved_name(name))
		why = _("git donne déjà un sens à ce nom (HEAD, main, master…)");
	else if (looks_like_commit_id(name))
		why = _("il ressemble à un numéro de commit");
	if (!why && ws) {
		struct session *sess = session__of(ws);
		grille_buf full = GRILLE_BUF_INIT;
		if ((error = session__history(sess)) < 0)
			return error;
		if (!(error = tag_name(&full, sess, name)))
			clashes(sess->repo, full.ptr, &why);
		grille_buf_release(&full);
		if (error)
			return error;
	}
	if (!why)
		return 0;
	grille_buf suggestion = GRILLE_BUF_INIT;
	name_suggestion(&suggestion, name);
	/* TRANSLATORS: a milestone name given as an example: lower case, no spaces or accents. */
	const char *example = suggestion.len && strcmp(suggestion.ptr, name) != 0 ? suggestion.ptr : _("fin-phase-test");
	error = error__set(GRILLE_EARGUMENT, _("« %s » ne peut pas nommer un jalon : %s. Choisissez un autre nom, "
	                                       "par exemple « %s »"), name, why, example);
	grille_buf_release(&suggestion);
	return error;
}

int grille_history_milestone(grille_commit_result *out, grille_workspace *ws, const char *name,
                             const char *text, const char *author)
{
	memset(out, 0, sizeof(*out));
	int error = grille_milestone_name_check(ws, name);
	if (!error && text)
		error = grille_history_text_check(text, _("le message"), 1);
	if (error)
		return error;
	struct session *sess = session__of(ws);
	git_signature *signature = NULL;
	git_oid id;
	error = session__history(sess);
	git_reference *existing = NULL;
	grille_buf full = GRILLE_BUF_INIT, message = GRILLE_BUF_INIT;
	if (!error)
		error = tag_name(&full, sess, name);
	grille_buf tag_ref = GRILLE_BUF_INIT;
	if (!error)
		error = grille_buf_printf(&tag_ref, "refs/tags/%s", full.ptr);
	if (!error && git_reference_lookup(&existing, sess->repo, tag_ref.ptr) == 0)
		error = error__set(GRILLE_EEXISTS, _("le jalon « %s » existe déjà : choisissez un autre nom"), full.ptr);
	git_error_clear();
	if (!error)
		error = commit_changes(out, ws, sess, text, author, &id, &signature);
	if (!error && !out->commit[0]) {
		/* Nothing new to commit: the milestone marks the last commit. */
		if (git_reference_name_to_id(&id, sess->repo, "HEAD") < 0)
			error = error__set(GRILLE_EGIT, "%s", _("le dépôt n'a encore aucun commit à marquer"));
		else if (!(error = repo__check_branch(sess->repo)) && !signature)
			error = repo__identity(&signature, sess->repo, author);
	}
	if (!error)
		error = grille_buf_printf(&message, "%s\n", text && *text ? text : name);
	if (!error)
		error = create_tag(out, sess, &id, full.ptr, message.ptr, signature, 1);
	git_reference_free(existing);
	git_signature_free(signature);
	grille_buf_release(&full);
	grille_buf_release(&tag_ref);
	grille_buf_release(&message);
	if (error)
		grille_commit_result_release(out);
	return error;
}

void grille_commit_result_release(grille_commit_result *result)
{
	grille_steer_result_release(&result->steered);
	free(result->message);
	for (size_t i = 0; i < result->tag_count; i++)
		free(result->tags[i]);
	free(result->tags);
	commit_scope__free(result->left_out, result->left_out_count);
	memset(result, 0, sizeof(*result));
}
