#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grille/error.h"
#include "array.h"
#include "credential.h"
#include "errors.h"
#include "fs.h"
#include "history_private.h"
#include "intl.h"
#include "position_merge.h"
#include "group.h"
#include "groupdata.h"
#include "repo.h"
#include "workspace_private.h"
#include "wording.h"

/* What the remote callbacks share. */
struct transfer {
	int tries;      /* credential requests so far */
	char *rejected; /* the remote's reason, when it refused an update */
	const grille_workspace *ws; /* told how far the transfer has come */
};

static int fetched(const git_indexer_progress *stats, void *payload)
{
	const struct transfer *t = payload;
	workspace__progress(t->ws, stats->received_objects, stats->total_objects);
	return 0;
}

static int pushed(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	const struct transfer *t = payload;
	(void)bytes;
	workspace__progress(t->ws, current, total);
	return 0;
}

static int credentials(git_credential **out, const char *url, const char *user, unsigned int allowed,
                       void *payload)
{
	struct transfer *t = payload;
	return credential__acquire(out, url, user, allowed, &t->tries);
}

static int push_update(const char *refname, const char *status, void *data)
{
	struct transfer *t = data;
	(void)refname;
	if (status && !t->rejected)
		t->rejected = strdup(status);
	return 0;
}

static void init_callbacks(git_remote_callbacks *cb, struct transfer *t)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->push_update_reference = push_update;
	cb->transfer_progress = fetched;
	cb->push_transfer_progress = pushed;
	cb->payload = t;
}

/* What is wrong with a remote on this computer, known without libgit2's words. */
static const char *local_problem(const char *url)
{
	const char *path = repo__local_path(url);
	struct stat st;
	if (!path)
		return NULL;
	if (stat(path, &st) != 0)
		return _("ce dossier n'existe pas : vérifiez l'adresse (« git remote -v » la montre)");
	if (!S_ISDIR(st.st_mode))
		return _("c'est un fichier, pas le dossier d'un dépôt git : vérifiez l'adresse (« git remote -v » la montre)");
	return NULL;
}

/* A remote that failed: `code` from libgit2, `pushing` once fetched (and merged). */
static int remote_failed(int code, const char *name, const char *url, int pushing, const char *refused)
{
	const git_error *e = git_error_last();
	const char *advice = local_problem(url);
	if (!advice && !refused)
		advice = repo__advice(code, e ? e->klass : 0);
	if (!advice && !refused && !pushing && !repo__local_path(url))
		advice = _("le serveur ne répond pas : vérifiez l'adresse (« git remote -v » la montre) et la "
		           "connexion au réseau, ou réessayez plus tard");
	/* libgit2 1.5 may leave a stale configuration lookup as its last message. */
	int stale = advice && e && (e->klass == GIT_ERROR_CONFIG || code == GIT_EAUTH);
	char *shown = repo__redact(url ? url : "?");
	char *detail = repo__redact(refused ? refused : e && e->message && !stale ? e->message : "");
	grille_buf why = GRILLE_BUF_INIT;
	if (advice && detail && *detail)
		grille_buf_printf(&why, _("%s (git : %s)"), advice, detail);
	else if (advice)
		grille_buf_puts(&why, advice);
	else if (detail && *detail)
		grille_buf_printf(&why, _("git dit : %s"), detail);
	else
		grille_buf_puts(&why, _("erreur inconnue de git"));
	int error;
	if (pushing)
		error = error__set(GRILLE_EGIT,
			_("le dépôt partagé « %s » (%s) a été joint et ses jalons repris, mais il a refusé l'envoi des "
			  "vôtres : %s\nVos jalons, et la fusion s'il y en a eu une, sont gardés ici. Vérifiez que vous "
			  "avez le droit d'écrire dans ce dépôt (sur une forge : être membre du projet avec le droit "
			  "d'écrire ; sur un dossier partagé : pouvoir y écrire), puis relancez grille sync."),
			name, shown ? shown : "?", why.ptr ? why.ptr : "");
	else
		error = error__set(GRILLE_EGIT,
			_("impossible de joindre le dépôt partagé « %s » (%s) : %s\n"
			  "Vos jalons sont gardés ici ; relancez grille sync quand il sera joignable."),
			name, shown ? shown : "?", why.ptr ? why.ptr : "");
	grille_buf_release(&why);
	free(shown);
	free(detail);
	git_error_clear();
	return error;
}

static int pick_remote(git_remote **out, git_repository *repo, const char *name)
{
	if (name) {
		if (git_remote_lookup(out, repo, name) < 0) {
			git_error_clear();
			return error__set(GRILLE_ENOTFOUND,
				_("pas de dépôt partagé nommé « %s » : « git remote -v » les liste, "
				  "« grille sync --set-remote URL » en déclare un"), name);
		}
		return 0;
	}
	if (git_remote_lookup(out, repo, "origin") == 0)
		return 0;
	git_error_clear();
	git_strarray names = { 0 };
	int error = 0;
	if (git_remote_list(&names, repo) < 0)
		error = repo__error(_("impossible de lire les dépôts partagés"));
	else if (names.count == 1)
		error = git_remote_lookup(out, repo, names.strings[0]) < 0 ? repo__error(names.strings[0]) : 0;
	else
		error = error__set(GRILLE_ENOTFOUND, "%s", names.count
			? _("plusieurs dépôts partagés, aucun nommé « origin » : dites lequel, par exemple : grille sync NOM")
			: _("aucun dépôt partagé pour l'instant. Déclarez-en un : grille sync --set-remote URL "
			    "(l'adresse que donne votre forge, ou le chemin d'un dépôt sur un disque partagé)"));
	git_strarray_dispose(&names);
	return error;
}

/* Whether `target` is among the commits a shallow clone holds from `from` back. */
static int holds(int *found, struct session *sess, const git_oid *from, const git_oid *target,
                 const git_oid *edge, size_t edge_count)
{
	git_oid *ids = NULL;
	size_t count = 0;
	int error = history__partial_walk(&ids, &count, sess->repo, from, edge, edge_count);
	*found = 0;
	for (size_t i = 0; !error && i < count && !*found; i++)
		*found = git_oid_equal(&ids[i], target);
	free(ids);
	return error;
}

/* In a shallow clone, libgit2 1.5 cannot look for a merge base beyond the
 * clone's edge: up to date and fast-forward are found from the history there
 * is; two histories that diverged need the full history. 1 when analysed,
 * 0 when the clone is not shallow, or an error. */
static int shallow_analysis(git_merge_analysis_t *analysis, struct session *sess, git_reference *head,
                            const git_annotated_commit *their)
{
	git_oid *edge = NULL;
	size_t edge_count = 0;
	int shallow = history__shallow(sess, &edge, &edge_count);
	if (shallow <= 0)
		return shallow;
	const git_oid *theirs = git_annotated_commit_id(their);
	git_oid ours;
	int behind = 0, ahead = 0, error = 0;
	if (git_reference_name_to_id(&ours, sess->repo, git_reference_name(head)) < 0)
		error = repo__error(_("impossible de lire la branche"));
	if (!error && !git_oid_equal(&ours, theirs) && !(error = holds(&behind, sess, theirs, &ours, edge, edge_count)) &&
	    !behind)
		error = holds(&ahead, sess, &ours, theirs, edge, edge_count);
	free(edge);
	if (error)
		return error;
	if (git_oid_equal(&ours, theirs) || ahead)
		*analysis = GIT_MERGE_ANALYSIS_UP_TO_DATE;
	else if (behind)
		*analysis = GIT_MERGE_ANALYSIS_FASTFORWARD;
	else
		return error__set(GRILLE_EGIT, "%s",
			_("ce dépôt est un clone partiel (git clone --depth) et vos jalons et ceux du dépôt partagé "
			  "ont divergé au-delà de ce qu'il contient : grille ne peut pas les fusionner sans leur "
			  "histoire commune. Rien n'a changé. Complétez l'historique avec git fetch --unshallow, "
			  "puis relancez grille sync."));
	return 1;
}

/* libgit2 1.5 cannot build what to send from a shallow clone: with something
 * to send, say so before trying. */
static int check_shallow_push(struct session *sess, const char *branch_ref, const char *upstream_ref)
{
	git_oid *edge = NULL, local, remote;
	size_t edge_count = 0;
	int shallow = history__shallow(sess, &edge, &edge_count);
	free(edge);
	if (shallow <= 0)
		return shallow;
	int same = git_reference_name_to_id(&local, sess->repo, branch_ref) == 0 &&
	           git_reference_name_to_id(&remote, sess->repo, upstream_ref) == 0 && git_oid_equal(&local, &remote);
	git_error_clear();
	if (same)
		return 0;
	return error__set(GRILLE_EGIT, "%s",
		_("ce dépôt est un clone partiel (git clone --depth) : les jalons du dépôt partagé sont repris, "
		  "mais grille ne sait pas envoyer les vôtres sans l'historique complet. Ils sont gardés ici. "
		  "Complétez l'historique avec git fetch --unshallow, puis relancez grille sync."));
}

static int check_ready(struct session *sess)
{
	int error = repo__check_branch(sess->repo);
	if (error)
		return error;
	int state = git_repository_state(sess->repo);
	if (state == GIT_REPOSITORY_STATE_MERGE)
		return error__set(GRILLE_EGIT, "%s",
			_("une fusion est en cours : choisissez le texte à garder dans les questions en conflit "
			  "(« grille status » les montre), effacez les marques, puis grille commit, puis grille sync"));
	if (state != GIT_REPOSITORY_STATE_NONE)
		return error__set(GRILLE_EGIT, "%s",
			_("le dépôt git est au milieu d'une autre opération (rebase, cherry-pick…) : "
			  "terminez-la avec git avant de partager"));
	struct grille_repo_change *changes = NULL;
	size_t count = 0;
	error = repo__changes(&changes, &count, sess->repo, sess->prefix);
	size_t tracked = 0;
	for (size_t i = 0; i < count; i++)
		tracked += !(changes[i].flags & GIT_STATUS_WT_NEW);
	repo__changes_free(&changes, &count);
	if (!error && tracked)
		error = error__set(GRILLE_EINVALID, "%s",
			_("des changements ne sont pas encore enregistrés : enregistrez-les d'abord avec "
			  "grille commit, puis relancez grille sync"));
	return error;
}

static int fast_forward(struct session *sess, git_reference *head, const git_annotated_commit *their)
{
	git_object *target = NULL;
	git_reference *moved = NULL;
	git_checkout_options checkout;
	git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION);
	checkout.checkout_strategy = GIT_CHECKOUT_SAFE;
	int error = 0;
	if (git_object_lookup(&target, sess->repo, git_annotated_commit_id(their), GIT_OBJECT_COMMIT) < 0 ||
	    git_checkout_tree(sess->repo, target, &checkout) < 0 ||
	    git_reference_set_target(&moved, head, git_annotated_commit_id(their), "grille sync: fast-forward") < 0)
		error = repo__error(_("impossible de reprendre les jalons du dépôt partagé"));
	git_reference_free(moved);
	git_object_free(target);
	return error;
}

static int is_step_file(const struct session *sess, const char *name)
{
	for (size_t s = 0; s < grille_grid_step_count(sess->ws->grid); s++)
		if (strcmp(grille_grid_step(sess->ws->grid, s)->file, name) == 0)
			return 1;
	return 0;
}

/* The files git holds in conflict, relative to the workspace when inside it. */
static int conflicted_files(grille_sync_result *out, struct session *sess, git_index *index)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	if (git_index_conflict_iterator_new(&it, index) < 0)
		return repo__error(_("impossible de lire les conflits de la fusion"));
	int error = 0, rc;
	size_t len = strlen(sess->prefix);
	while (!error && (rc = git_index_conflict_next(&ancestor, &ours, &theirs, it)) == 0) {
		const char *path = ours ? ours->path : theirs ? theirs->path : ancestor->path;
		if (strncmp(path, sess->prefix, len) == 0)
			path += len;
		char **grown = array__push(out->conflict_files, out->conflict_file_count, sizeof(*grown));
		size_t *lines = grown ? array__push(out->conflict_lines, out->conflict_file_count, sizeof(*lines)) : NULL;
		if (grown)
			out->conflict_files = grown;
		if (lines)
			out->conflict_lines = lines;
		if (!grown || !lines || !(grown[out->conflict_file_count] = strdup(path))) {
			error = error__oom();
			break;
		}
		/* Where the first version starts, read from the file as the merge left it. */
		char *full = fs__join(git_repository_workdir(sess->repo), ours ? ours->path : theirs ? theirs->path : ancestor->path);
		grille_buf data = GRILLE_BUF_INIT;
		lines[out->conflict_file_count] = full && fs__read(&data, full) == 0
		                                  ? history__marker_line(data.ptr, data.len) : 0;
		grille_error_clear();
		grille_buf_release(&data);
		free(full);
		out->conflict_file_count++;
	}
	git_index_conflict_iterator_free(it);
	git_error_clear();
	return error;
}

static int tree_of(git_tree **out, git_repository *repo, const git_oid *id)
{
	git_commit *commit = NULL;
	int rc = git_commit_lookup(&commit, repo, id);
	if (rc == 0)
		rc = git_commit_tree(out, commit);
	git_commit_free(commit);
	return rc < 0 ? repo__error(_("impossible de lire un commit")) : 0;
}

/* The plan as merged, with the actions both sides added under one number
 * renumbered, staged for the merge commit. */
static int settle_plan(grille_sync_result *out, struct session *sess, const git_annotated_commit *their,
                       git_index *index)
{
	grille_buf merged = GRILLE_BUF_INIT, base = GRILLE_BUF_INIT, theirs = GRILLE_BUF_INIT;
	grille_buf fixed = GRILLE_BUF_INIT, note = GRILLE_BUF_INIT;
	git_tree *their_tree = NULL, *base_tree = NULL;
	git_oid head, base_id;
	int error = session__read(&merged, sess, NULL, GROUPDATA_PLAN_FILE);
	if (error == GRILLE_ENOTFOUND) {
		grille_error_clear();
		return 0;
	}
	if (!error && git_reference_name_to_id(&head, sess->repo, "HEAD") < 0)
		error = repo__error(_("impossible de lire la branche"));
	if (!error)
		error = tree_of(&their_tree, sess->repo, git_annotated_commit_id(their));
	if (!error && git_merge_base(&base_id, sess->repo, &head, git_annotated_commit_id(their)) == 0)
		error = tree_of(&base_tree, sess->repo, &base_id);
	git_error_clear();
	if (!error && (session__read(&theirs, sess, their_tree, GROUPDATA_PLAN_FILE) < 0 ||
	               (base_tree && session__read(&base, sess, base_tree, GROUPDATA_PLAN_FILE) < 0)))
		grille_error_clear(); /* not there on a side: nothing of it to compare */
	if (!error)
		error = groupdata__plan_renumber(&fixed, &note, merged.ptr ? merged.ptr : "", merged.len,
		                                 base.ptr ? base.ptr : "", base.len, theirs.ptr ? theirs.ptr : "", theirs.len);
	char *relative = NULL, *path = NULL;
	if (!error && fixed.len) {
		relative = fs__join(*sess->prefix ? sess->prefix : ".", GROUPDATA_PLAN_FILE);
		path = fs__join(git_repository_workdir(sess->repo), relative + (*sess->prefix ? 0 : 2));
		error = !relative || !path ? error__oom() : fs__replace(path, fixed.ptr, fixed.len);
		if (!error && (git_index_add_bypath(index, relative + (*sess->prefix ? 0 : 2)) < 0 ||
		               git_index_write(index) < 0))
			error = repo__error(_("impossible d'enregistrer le plan renuméroté dans l'index git"));
	}
	if (!error && note.len)
		out->notes = grille_buf_detach(&note);
	free(relative);
	free(path);
	git_tree_free(their_tree);
	git_tree_free(base_tree);
	grille_buf_release(&merged);
	grille_buf_release(&base);
	grille_buf_release(&theirs);
	grille_buf_release(&fixed);
	grille_buf_release(&note);
	return error;
}

static int merge(grille_sync_result *out, struct session *sess, const git_annotated_commit *their,
                 const char *upstream, const git_signature *signature)
{
	git_merge_options merge_opts;
	git_checkout_options checkout;
	git_merge_options_init(&merge_opts, GIT_MERGE_OPTIONS_VERSION);
	git_checkout_options_init(&checkout, GIT_CHECKOUT_OPTIONS_VERSION);
	checkout.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_ALLOW_CONFLICTS;
	const git_annotated_commit *heads[] = { their };
	if (git_merge(sess->repo, heads, 1, &merge_opts, &checkout) < 0)
		return repo__error(_("impossible de fusionner avec le dépôt partagé"));
	git_index *index = NULL;
	if (git_repository_index(&index, sess->repo) < 0)
		return repo__error(_("impossible d'ouvrir l'index git"));
	/* Positions written at once under subsections both sides added: merged again, cleanly. */
	int error = git_index_has_conflicts(index) ? position__settle_merge(sess, index) : 0;
	int conflicts = git_index_has_conflicts(index);
	if (!error)
		error = settle_plan(out, sess, their, index);
	if (!error && conflicts)
		error = conflicted_files(out, sess, index);
	git_index_free(index);
	if (error)
		return error;
	if (conflicts) {
		/* Both sides stay in the files, between git's markers; the status shows where.
		 * A file the status cannot read (grille.yaml in conflict) still gets listed. */
		if (history__status_now(&out->conflicts, sess) < 0)
			grille_error_clear();
		int others = 0;
		for (size_t i = 0; i < out->conflict_file_count; i++)
			others |= !is_step_file(sess, out->conflict_files[i]);
		return error__set(GRILLE_ECONFLICT, "%s", others
			? _("des changements faits des deux côtés se contredisent : les deux versions sont gardées "
			    "dans les fichiers.")
			: _("des réponses se contredisent : les deux versions sont gardées dans les fichiers."));
	}
	grille_buf message = GRILLE_BUF_INIT;
	git_oid id;
	error = grille_buf_printf(&message, W_(grille_grid_language(sess->ws->grid), "Fusion des réponses de %s\n"), upstream);
	if (!error && out->notes)
		error = grille_buf_printf(&message, "\n%s", out->notes);
	struct grille_repo_commit_spec spec = { NULL, 0, signature, message.ptr, git_annotated_commit_id(their) };
	if (!error)
		error = repo__commit(&id, sess->repo, &spec);
	if (!error && git_repository_state_cleanup(sess->repo) < 0)
		error = repo__error(_("impossible de terminer la fusion"));
	if (!error) {
		git_oid_tostr(out->commit, sizeof(out->commit), &id);
		out->merged = 1;
	} else {
		/* Leave the repository as it was before the merge rather than half-merged. */
		git_repository_state_cleanup(sess->repo);
	}
	grille_buf_release(&message);
	return error;
}

/* Before pushing: has the remote moved past what we merged? (git's --force-with-lease, inverted.) */
static int check_lease(struct session *sess, git_remote *remote, const char *branch_ref, git_remote_callbacks *cb,
                       git_strarray *tags_to_push)
{
	int rc = git_remote_connect(remote, GIT_DIRECTION_PUSH, cb, NULL, NULL);
	if (rc < 0)
		return remote_failed(rc, git_remote_name(remote), git_remote_url(remote), 1, NULL);
	const git_remote_head **heads = NULL;
	size_t count = 0;
	int error = (rc = git_remote_ls(&heads, &count, remote)) < 0
	            ? remote_failed(rc, git_remote_name(remote), git_remote_url(remote), 1, NULL) : 0;
	git_oid local;
	if (!error && git_reference_name_to_id(&local, sess->repo, branch_ref) < 0)
		error = repo__error(_("impossible de lire la branche"));
	for (size_t i = 0; !error && i < count; i++) {
		if (strcmp(heads[i]->name, branch_ref) == 0 && !git_oid_equal(&heads[i]->oid, &local) &&
		    git_graph_descendant_of(sess->repo, &local, &heads[i]->oid) != 1) {
			git_error_clear();
			error = error__set(GRILLE_EGIT, "%s",
				_("le dépôt partagé a reçu d'autres jalons entre-temps : rien n'a été envoyé. "
				  "Relancez grille sync pour les reprendre et fusionner."));
		}
	}
	/* Tags the remote does not have yet go along. */
	git_strarray local_tags = { 0 };
	if (!error && git_tag_list(&local_tags, sess->repo) == 0) {
		tags_to_push->strings = calloc(local_tags.count + 1, sizeof(char *));
		for (size_t t = 0; tags_to_push->strings && t < local_tags.count; t++) {
			grille_buf ref = GRILLE_BUF_INIT;
			grille_buf_printf(&ref, "refs/tags/%s", local_tags.strings[t]);
			int known = 0;
			for (size_t i = 0; i < count; i++)
				known |= strcmp(heads[i]->name, ref.ptr) == 0;
			if (!known) {
				grille_buf spec = GRILLE_BUF_INIT;
				grille_buf_printf(&spec, "%s:%s", ref.ptr, ref.ptr);
				tags_to_push->strings[tags_to_push->count++] = grille_buf_detach(&spec);
			}
			grille_buf_release(&ref);
		}
		git_strarray_dispose(&local_tags);
	}
	git_remote_disconnect(remote);
	return error;
}

static int push(grille_sync_result *out, struct session *sess, git_remote *remote, const char *branch_ref,
                struct transfer *t)
{
	git_push_options opts;
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	init_callbacks(&opts.callbacks, t);
	git_strarray tags = { 0 };
	grille_buf branch_spec = GRILLE_BUF_INIT;
	char **specs = NULL;
	int error = check_lease(sess, remote, branch_ref, &opts.callbacks, &tags);
	if (!error)
		error = grille_buf_printf(&branch_spec, "%s:%s", branch_ref, branch_ref);
	if (!error && !(specs = calloc(tags.count + 1, sizeof(*specs))))
		error = error__oom();
	if (!error) {
		specs[0] = branch_spec.ptr;
		for (size_t i = 0; i < tags.count; i++)
			specs[i + 1] = tags.strings[i];
		git_strarray refspecs = { specs, tags.count + 1 };
		t->tries = 0;
		int rc = git_remote_push(remote, &refspecs, &opts);
		if (rc < 0)
			error = remote_failed(rc, git_remote_name(remote), git_remote_url(remote), 1, NULL);
	}
	if (!error && t->rejected)
		error = remote_failed(GIT_ERROR, git_remote_name(remote), git_remote_url(remote), 1, t->rejected);
	out->pushed = !error;
	free(specs);
	grille_buf_release(&branch_spec);
	git_strarray_dispose(&tags);
	return error;
}

int grille_history_sync(grille_sync_result *out, grille_workspace *ws, const char *remote_name,
                        const char *author)
{
	memset(out, 0, sizeof(*out));
	if (remote_name && !grille_remote_name_valid(remote_name))
		return error__set(GRILLE_EARGUMENT, _("« %s » ne peut pas nommer un dépôt partagé"), remote_name);
	struct session *sess = session__of(ws);
	int error = session__history(sess);
	if (error)
		return error;
	git_remote *remote = NULL;
	git_reference *head = NULL, *upstream = NULL;
	git_annotated_commit *their = NULL;
	grille_buf upstream_name = GRILLE_BUF_INIT;
	struct transfer transfer = { 0, NULL, ws };
	git_signature *signature = NULL;
	/* Know who signs a merge before starting one. */
	if (!(error = check_ready(sess)) && !(error = repo__identity(&signature, sess->repo, author)) &&
	    !(error = pick_remote(&remote, sess->repo, remote_name))) {
		out->remote = strdup(git_remote_name(remote));
		out->url = repo__redact(git_remote_url(remote));
		if (git_repository_head(&head, sess->repo) < 0)
			error = repo__error(_("impossible de lire la branche"));
	}
	if (!error) {
		git_fetch_options fetch;
		git_fetch_options_init(&fetch, GIT_FETCH_OPTIONS_VERSION);
		init_callbacks(&fetch.callbacks, &transfer);
		int rc = git_remote_fetch(remote, NULL, &fetch, "grille sync");
		if (rc < 0)
			error = remote_failed(rc, out->remote, out->url, 0, NULL);
	}
	if (!error)
		error = grille_buf_printf(&upstream_name, "refs/remotes/%s/%s", out->remote,
		                          git_reference_shorthand(head));
	if (!error && git_reference_lookup(&upstream, sess->repo, upstream_name.ptr) < 0) {
		git_error_clear();
		out->new_branch = 1; /* the remote has no such branch yet: pushing will create it */
	} else if (!error) {
		git_merge_analysis_t analysis = GIT_MERGE_ANALYSIS_NONE;
		git_merge_preference_t preference;
		if (git_annotated_commit_from_ref(&their, sess->repo, upstream) < 0)
			error = repo__error(_("impossible de comparer avec le dépôt partagé"));
		/* A shallow clone is analysed with the history it holds. */
		int shallow = error ? 0 : shallow_analysis(&analysis, sess, head, their);
		if (shallow < 0)
			error = shallow;
		else if (!error && !shallow &&
		         git_merge_analysis(&analysis, &preference, sess->repo, (const git_annotated_commit **)&their, 1) < 0)
			error = repo__error(_("impossible de comparer avec le dépôt partagé"));
		if (!error && (analysis & GIT_MERGE_ANALYSIS_UP_TO_DATE))
			out->up_to_date = 1;
		else if (!error && (analysis & GIT_MERGE_ANALYSIS_FASTFORWARD)) {
			error = fast_forward(sess, head, their);
			out->fast_forward = !error;
		} else if (!error)
			error = merge(out, sess, their, upstream_name.ptr + strlen("refs/remotes/"), signature);
	}
	if (!error)
		error = check_shallow_push(sess, git_reference_name(head), upstream_name.ptr);
	if (!error)
		error = push(out, sess, remote, git_reference_name(head), &transfer);
	git_signature_free(signature);
	git_annotated_commit_free(their);
	git_reference_free(upstream);
	git_reference_free(head);
	git_remote_free(remote);
	grille_buf_release(&upstream_name);
	free(transfer.rejected);
	group__forget(sess); /* a merge may have brought rows, or conflicts on entries */
	return error;
}

char *grille_history_redact_url(const char *text)
{
	return repo__redact(text);
}

int grille_remote_name_valid(const char *name)
{
	int valid = 0;
	if (git_remote_name_is_valid(&valid, name) < 0)
		valid = 0;
	git_error_clear();
	return valid;
}

int grille_history_set_remote(grille_workspace *ws, const char *name, const char *url)
{
	name = name ? name : "origin";
	if (!grille_remote_name_valid(name))
		return error__set(GRILLE_EARGUMENT, _("« %s » ne peut pas nommer un dépôt partagé"), name);
	if (!url || !*url)
		return error__set(GRILLE_EARGUMENT, "%s", _("l'adresse du dépôt partagé est vide"));
	struct session *sess = session__of(ws);
	int error = session__history(sess);
	if (error)
		return error;
	git_remote *remote = NULL;
	if (git_remote_lookup(&remote, sess->repo, name) == 0)
		error = git_remote_set_url(sess->repo, name, url) < 0 ? repo__error(_("impossible de changer l'adresse")) : 0;
	else {
		git_error_clear();
		error = git_remote_create(&remote, sess->repo, name, url) < 0
		        ? repo__error(_("impossible de déclarer le dépôt partagé")) : 0;
	}
	git_remote_free(remote);
	return error;
}

void grille_sync_result_release(grille_sync_result *result)
{
	free(result->remote);
	free(result->url);
	for (size_t i = 0; i < result->conflict_file_count; i++)
		free(result->conflict_files[i]);
	free(result->conflict_files);
	free(result->conflict_lines);
	grille_status_free(result->conflicts);
	free(result->notes);
	memset(result, 0, sizeof(*result));
}
