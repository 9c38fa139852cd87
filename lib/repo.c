#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/history.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "repo.h"

int grille_repo_error(const char *what)
{
	const git_error *e = git_error_last();
	return grille_error_set(GRILLE_EGIT, "%s : %s", what,
	                        e && e->message ? e->message : _("erreur inconnue de git"));
}

int grille_repo_discover(git_repository **out, const char *dir)
{
	*out = NULL;
	git_buf path = GIT_BUF_INIT;
	int error = git_repository_discover(&path, dir, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		return GRILLE_ENOTFOUND;
	}
	if (error < 0)
		return grille_repo_error(_("impossible de chercher le dépôt git"));
	error = git_repository_open(out, path.ptr);
	git_buf_dispose(&path);
	if (error < 0)
		return grille_repo_error(_("impossible d'ouvrir le dépôt git"));
	return 0;
}

static int no_identity(void)
{
	return grille_error_set(GRILLE_ENOIDENTITY, "%s",
		_("git ne sait pas qui vous êtes : chaque étape franchie est signée de votre nom.\n"
		  "Indiquez-le une fois pour toutes :\n"
		  "  git config --global user.name \"Prénom Nom\"\n"
		  "  git config --global user.email \"vous@exemple.org\"\n"
		  "ou ajoutez --author \"Prénom Nom <vous@exemple.org>\" à la commande."));
}

/* "Name <email>", as git's --author takes it. */
static int parse_author(git_signature **out, const char *author)
{
	int checked = grille_history_text_check(author, _("l'auteur"), 0);
	if (checked)
		return checked;
	const char *open = strrchr(author, '<');
	const char *close = open ? strchr(open, '>') : NULL;
	if (!open || !close || close[1] != '\0' || close == open + 1)
		return grille_error_set(GRILLE_EINVALID,
		                        _("auteur « %s » invalide : « Prénom Nom <adresse@exemple.org> » attendu"),
		                        author);
	const char *end = open;
	while (end > author && end[-1] == ' ')
		end--;
	if (end == author)
		return grille_error_set(GRILLE_EINVALID, _("auteur « %s » invalide : le nom manque"), author);
	char *name = strndup(author, (size_t)(end - author));
	char *email = strndup(open + 1, (size_t)(close - open - 1));
	int error = 0;
	if (!name || !email)
		error = grille_error_oom();
	else if (git_signature_now(out, name, email) < 0)
		error = grille_repo_error(_("auteur invalide"));
	free(name);
	free(email);
	return error;
}

static int identity_from_config(git_signature **out, git_repository *repo)
{
	git_config *config = NULL;
	int error = repo ? git_repository_config_snapshot(&config, repo) : 0;
	if (!repo) {
		git_config *live = NULL;
		error = git_config_open_default(&live);
		if (!error) {
			error = git_config_snapshot(&config, live);
			git_config_free(live);
		}
	}
	if (error < 0)
		return grille_repo_error(_("impossible de lire la configuration de git"));
	const char *name = NULL, *email = NULL;
	if (git_config_get_string(&name, config, "user.name") < 0 ||
	    git_config_get_string(&email, config, "user.email") < 0 || !*name || !*email) {
		git_error_clear();
		git_config_free(config);
		return no_identity();
	}
	error = git_signature_now(out, name, email);
	git_config_free(config);
	return error < 0 ? grille_repo_error(_("identité git invalide")) : 0;
}

int grille_author_check(const char *author)
{
	git_signature *signature = NULL;
	int error = parse_author(&signature, author);
	git_signature_free(signature);
	return error;
}

int grille_repo_identity(git_signature **out, git_repository *repo, const char *author)
{
	*out = NULL;
	if (author)
		return parse_author(out, author);
	const char *name = getenv("GIT_AUTHOR_NAME");
	const char *email = getenv("GIT_AUTHOR_EMAIL");
	if (name && *name && email && *email)
		return git_signature_now(out, name, email) < 0
		       ? grille_repo_error(_("identité git invalide")) : 0;
	return identity_from_config(out, repo);
}

static int head_tree(git_tree **out, git_commit **parent, git_repository *repo)
{
	*out = NULL;
	*parent = NULL;
	git_reference *head = NULL;
	int error = git_repository_head(&head, repo);
	if (error == GIT_EUNBORNBRANCH || error == GIT_ENOTFOUND) {
		git_error_clear(); /* the first commit: it starts from no tree at all */
		return 0;
	}
	if (!error)
		error = git_reference_peel((git_object **)parent, head, GIT_OBJECT_COMMIT);
	if (!error)
		error = git_commit_tree(out, *parent);
	git_reference_free(head);
	return error < 0 ? grille_repo_error(_("impossible de lire le dernier commit")) : 0;
}

/* Stage `paths`: added when the file is there, removed from the index when not. */
static int stage(git_index *index, const char *workdir, const char *const *paths, size_t count,
                 git_tree_update *updates)
{
	for (size_t i = 0; i < count; i++) {
		char *full = grille_fs_join(workdir, paths[i]);
		if (!full)
			return grille_error_oom();
		int present = grille_fs_exists(full);
		free(full);
		int rc = present ? git_index_add_bypath(index, paths[i]) : git_index_remove_bypath(index, paths[i]);
		if (rc < 0)
			return grille_repo_error(paths[i]);
		updates[i].path = paths[i];
		if (!present) {
			updates[i].action = GIT_TREE_UPDATE_REMOVE;
			continue;
		}
		const git_index_entry *entry = git_index_get_bypath(index, paths[i], 0);
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&updates[i].id, &entry->id);
		updates[i].filemode = entry->mode == GIT_FILEMODE_BLOB_EXECUTABLE
		                      ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
	}
	return 0;
}

int grille_repo_locked_error(int code)
{
	if (code == GIT_ELOCKED)
		return grille_error_set(GRILLE_EGIT, "%s",
			_("le dépôt git est occupé : un autre programme (git, un éditeur…) le modifie en ce "
			  "moment et a posé le verrou « .git/index.lock ». Attendez qu'il ait fini, puis "
			  "recommencez ; si aucun programme ne tourne, supprimez ce fichier."));
	return grille_repo_error(_("impossible d'écrire l'index git"));
}

int grille_repo_commit(git_oid *out, git_repository *repo, const struct grille_repo_commit_spec *spec)
{
	git_index *index = NULL;
	git_tree *baseline = NULL, *tree = NULL;
	git_commit *parent = NULL, *other = NULL;
	git_tree_update *updates = calloc(spec->count ? spec->count : 1, sizeof(*updates));
	git_oid tree_id;
	int error = updates ? 0 : grille_error_oom();
	int rc;
	if (error)
		goto out;
	if (git_repository_index(&index, repo) < 0) {
		error = grille_repo_error(_("impossible d'ouvrir l'index git"));
		goto out;
	}
	if ((error = stage(index, git_repository_workdir(repo), spec->paths, spec->count, updates)))
		goto out;
	if ((rc = git_index_write(index)) < 0) {
		error = grille_repo_locked_error(rc);
		goto out;
	}
	if ((error = head_tree(&baseline, &parent, repo)) < 0)
		goto out;
	/* A merge commits the whole merged index; anything else only its own paths. */
	if (spec->other_parent ? git_index_write_tree(&tree_id, index) < 0
	                       : git_tree_create_updated(&tree_id, repo, baseline, spec->count, updates) < 0) {
		error = grille_repo_error(_("impossible de construire le commit"));
		goto out;
	}
	if (git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    (spec->other_parent && git_commit_lookup(&other, repo, spec->other_parent) < 0)) {
		error = grille_repo_error(_("impossible de construire le commit"));
		goto out;
	}
	const git_commit *parents[] = { parent, other };
	size_t parent_count = parent ? (other ? 2 : 1) : 0;
	if (git_commit_create(out, repo, "HEAD", spec->signature, spec->signature, NULL, spec->message,
	                      tree, parent_count, parents) < 0)
		error = grille_repo_error(_("impossible de créer le commit"));
out:
	git_tree_free(tree);
	git_tree_free(baseline);
	git_commit_free(parent);
	git_commit_free(other);
	git_index_free(index);
	free(updates);
	return error;
}

int grille_repo_commit_paths(git_oid *out, git_repository *repo, const char *const *paths,
                             size_t count, const git_signature *signature, const char *message)
{
	struct grille_repo_commit_spec spec = { paths, count, signature, message, NULL };
	return grille_repo_commit(out, repo, &spec);
}

int grille_repo_prefix(char **out, git_repository *repo, const char *root)
{
	*out = NULL;
	const char *workdir = git_repository_workdir(repo);
	char *repo_root = workdir ? realpath(workdir, NULL) : NULL;
	if (!repo_root)
		return grille_error_set(GRILLE_EGIT, _("le dépôt git « %s » n'a pas de dossier de travail"),
		                        git_repository_path(repo));
	size_t len = strlen(repo_root);
	const char *rest = "";
	if (strcmp(repo_root, "/") == 0)
		rest = root + 1;
	else if (strncmp(root, repo_root, len) == 0 && root[len] == '/')
		rest = root + len + 1;
	free(repo_root);
	*out = *rest ? grille_fs_join(rest, "") : strdup("");
	return *out ? 0 : grille_error_oom();
}

int grille_repo_check_branch(git_repository *repo)
{
	int detached = git_repository_head_detached(repo);
	if (detached == 1)
		return grille_error_set(GRILLE_EGIT, "%s",
			_("le dépôt n'est sur aucune branche (HEAD détachée) : les jalons s'y perdraient. "
			  "Revenez sur votre branche, par exemple : git switch main"));
	return 0;
}

int grille_repo_changes(struct grille_repo_change **out, size_t *count, git_repository *repo,
                        const char *prefix)
{
	*out = NULL;
	*count = 0;
	char *specs[] = { (char *)prefix };
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	             GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX;
	if (*prefix) {
		opts.pathspec.strings = specs;
		opts.pathspec.count = 1;
	}
	git_status_list *list = NULL;
	if (git_status_list_new(&list, repo, &opts) < 0)
		return grille_repo_error(_("impossible de lire l'état du dépôt git"));
	size_t total = git_status_list_entrycount(list);
	struct grille_repo_change *changes = calloc(total ? total : 1, sizeof(*changes));
	int error = changes ? 0 : grille_error_oom();
	for (size_t i = 0; !error && i < total; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
		const char *path = d ? (d->new_file.path ? d->new_file.path : d->old_file.path) : NULL;
		if (!path || strncmp(path, prefix, strlen(prefix)) != 0)
			continue;
		changes[*count].flags = e->status;
		if (!(changes[*count].path = strdup(path)))
			error = grille_error_oom();
		else
			(*count)++;
	}
	git_status_list_free(list);
	*out = changes;
	if (error)
		grille_repo_changes_free(out, count);
	return error;
}

void grille_repo_changes_free(struct grille_repo_change **changes, size_t *count)
{
	for (size_t i = 0; *changes && i < *count; i++)
		free((*changes)[i].path);
	free(*changes);
	*changes = NULL;
	*count = 0;
}
