#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/workspace.h"
#include "errors.h"
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

int grille_repo_commit_paths(git_oid *out, git_repository *repo, const char *const *paths,
                             size_t count, const git_signature *signature, const char *message)
{
	git_index *index = NULL;
	git_tree *baseline = NULL, *tree = NULL;
	git_commit *parent = NULL;
	git_tree_update *updates = calloc(count ? count : 1, sizeof(*updates));
	git_oid tree_id;
	int error = updates ? 0 : grille_error_oom();
	if (error)
		goto out;
	if (git_repository_index(&index, repo) < 0) {
		error = grille_repo_error(_("impossible d'ouvrir l'index git"));
		goto out;
	}
	for (size_t i = 0; i < count; i++) {
		if (git_index_add_bypath(index, paths[i]) < 0) {
			error = grille_repo_error(paths[i]);
			goto out;
		}
		const git_index_entry *entry = git_index_get_bypath(index, paths[i], 0);
		updates[i].action = GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&updates[i].id, &entry->id);
		updates[i].filemode = entry->mode == GIT_FILEMODE_BLOB_EXECUTABLE
		                      ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
		updates[i].path = paths[i];
	}
	if (git_index_write(index) < 0) {
		error = grille_repo_error(_("impossible d'écrire l'index git"));
		goto out;
	}
	if ((error = head_tree(&baseline, &parent, repo)) < 0)
		goto out;
	if (git_tree_create_updated(&tree_id, repo, baseline, count, updates) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0) {
		error = grille_repo_error(_("impossible de construire le commit"));
		goto out;
	}
	const git_commit *parents[] = { parent };
	if (git_commit_create(out, repo, "HEAD", signature, signature, NULL, message, tree,
	                      parent ? 1 : 0, parents) < 0)
		error = grille_repo_error(_("impossible de créer le commit"));
out:
	git_tree_free(tree);
	git_tree_free(baseline);
	git_commit_free(parent);
	git_index_free(index);
	free(updates);
	return error;
}
