#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "grille/error.h"
#include "grille/history.h"
#include "grille/workspace.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "repo.h"

char *repo__redact(const char *text)
{
	grille_buf out = GRILLE_BUF_INIT;
	if (!text)
		text = "";
	if (grille_buf_puts(&out, "") < 0)
		return NULL;
	const char *p = text;
	for (const char *scheme; (scheme = strstr(p, "://"));) {
		const char *host = scheme + 3;
		size_t len = strcspn(host, "/?#@ \t\n'\"<>");
		const char *colon = host[len] == '@' ? memchr(host, ':', len) : NULL;
		if (colon) {
			/* user:password@host: the password never leaves. */
			grille_buf_put(&out, p, (size_t)(colon - p));
			grille_buf_puts(&out, ":***");
			p = host + len;
		} else {
			grille_buf_put(&out, p, (size_t)(host - p));
			p = host;
		}
	}
	if (grille_buf_puts(&out, p) < 0) {
		grille_buf_release(&out);
		return NULL;
	}
	return grille_buf_detach(&out);
}

const char *repo__local_path(const char *url)
{
	if (!url)
		return NULL;
	if (strncmp(url, "file://", 7) == 0)
		return url + 7;
	if (strstr(url, "://"))
		return NULL;
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	return colon && (!slash || colon < slash) ? NULL : url; /* host:path is ssh */
}

const char *repo__advice(int code, int klass)
{
	switch (code) {
	case GIT_EAUTH:
		return _("le dépôt partagé demande qui vous êtes et n'a pas accepté l'identification (ou aucune "
		         "n'est enregistrée pour cette adresse). Vérifiez le nom d'utilisateur et le mot de passe "
		         "(ou le jeton d'accès de la forge) ; git les retient avec un gestionnaire d'identifiants, "
		         "par exemple : git config --global credential.helper store, puis un git fetch qui les demande");
	case GIT_ECERTIFICATE:
		return _("le certificat du serveur n'a pas pu être vérifié : vérifiez l'adresse, ainsi que la date "
		         "et l'heure de cet ordinateur ; si le problème dure, parlez-en à qui gère le serveur");
	case GIT_EOWNER:
		return _("ce dépôt appartient à un autre utilisateur de cet ordinateur : git refuse d'y travailler, "
		         "par prudence. Si vous lui faites confiance : git config --global --add safe.directory DOSSIER");
	case GIT_ELOCKED:
		return _("un autre programme (git, un éditeur…) modifie le dépôt en ce moment : attendez qu'il ait "
		         "fini, puis recommencez");
	default:
		break;
	}
	switch (klass) {
	case GIT_ERROR_SSL:
		return _("la connexion sécurisée au serveur a échoué : vérifiez que l'adresse est la bonne "
		         "(https ou http) et que l'heure de cet ordinateur est juste");
	case GIT_ERROR_NET:
	case GIT_ERROR_HTTP:
	case GIT_ERROR_SSH:
		return _("le serveur n'a pas répondu comme un dépôt git : vérifiez l'adresse (« git remote -v » "
		         "la montre) et la connexion au réseau");
	case GIT_ERROR_NOMEMORY:
		return _("la mémoire manque : fermez d'autres programmes, puis recommencez");
	default:
		return NULL;
	}
}

int repo__fail(int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *advice = repo__advice(code, e ? e->klass : 0);
	/* libgit2 1.5 may leave a stale configuration lookup as its last message
	 * ("config value 'safe.directory' was not found"), and its words about
	 * credentials ("no callback set") are its own internals: said only without advice. */
	int stale = advice && e && ((e->klass == GIT_ERROR_CONFIG && code != GIT_ERROR) || code == GIT_EAUTH);
	char *detail = repo__redact(e && e->message && !stale ? e->message : "");
	int error;
	if (advice && detail && *detail)
		error = error__set(GRILLE_EGIT, _("%s : %s (git : %s)"), what, advice, detail);
	else if (advice)
		error = error__set(GRILLE_EGIT, "%s : %s", what, advice);
	else if (detail && *detail)
		error = error__set(GRILLE_EGIT, _("%s (git : %s)"), what, detail);
	else
		error = error__set(GRILLE_EGIT, "%s", what);
	free(detail);
	git_error_clear();
	return error;
}

int repo__error(const char *what)
{
	return repo__fail(GIT_ERROR, what);
}

/* Why a repository git found could not be opened, when the reason is known
 * without libgit2's words: another owner, or a format libgit2 cannot read. */
static int open_failure(int code, const char *gitdir)
{
	struct stat st;
	if (code != GIT_EOWNER && gitdir && stat(gitdir, &st) == 0 && st.st_uid != geteuid())
		code = GIT_EOWNER;
	if (code == GIT_EOWNER) {
		/* git's safe.directory names the working folder, the one holding .git. */
		char *folder = strdup(gitdir);
		size_t len = folder ? strlen(folder) : 0;
		if (len > 6 && strcmp(folder + len - 6, "/.git/") == 0)
			folder[len - 6] = '\0';
		git_error_clear();
		int error = error__set(GRILLE_EGIT,
			_("impossible d'ouvrir le dépôt git « %s » : il appartient à un autre utilisateur de cet "
			  "ordinateur, et git refuse d'y travailler par prudence. Travaillez sous le compte à qui il "
			  "appartient, ou, si vous lui faites confiance : git config --global --add safe.directory %s"),
			folder ? folder : gitdir, folder ? folder : gitdir);
		free(folder);
		return error;
	}
	git_config *config = NULL;
	git_buf format = GIT_BUF_INIT;
	char *file = gitdir ? fs__join(gitdir, "config") : NULL;
	int sha256 = 0;
	if (file && git_config_open_ondisk(&config, file) == 0 &&
	    git_config_get_string_buf(&format, config, "extensions.objectformat") == 0)
		sha256 = strcmp(format.ptr, "sha1") != 0;
	git_buf_dispose(&format);
	git_config_free(config);
	free(file);
	if (sha256) {
		git_error_clear();
		return error__set(GRILLE_EGIT, "%s",
			_("ce dépôt git identifie ses objets en SHA-256 (extensions.objectformat), ce que la "
			  "bibliothèque git de grille ne sait pas encore lire : grille ne peut pas y tenir "
			  "l'historique. Placez l'espace de travail dans un dépôt git ordinaire, créé par git init "
			  "sans --object-format=sha256"));
	}
	return repo__fail(code, _("impossible d'ouvrir le dépôt git"));
}

int repo__discover(git_repository **out, const char *dir)
{
	*out = NULL;
	git_buf path = GIT_BUF_INIT;
	int error = git_repository_discover(&path, dir, 0, NULL);
	if (error == GIT_ENOTFOUND) {
		git_error_clear();
		return GRILLE_ENOTFOUND;
	}
	if (error < 0)
		return repo__error(_("impossible de chercher le dépôt git"));
	error = git_repository_open(out, path.ptr);
	if (error < 0)
		error = open_failure(error, path.ptr);
	git_buf_dispose(&path);
	return error;
}

static int no_identity(void)
{
	return error__set(GRILLE_ENOIDENTITY, "%s",
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
	if (!open && !strchr(author, '>') && author[strspn(author, " ")])
		return error__set(GRILLE_EARGUMENT,
		                  _("auteur « %s » : l'adresse manque. Écrivez le nom, une espace, puis l'adresse "
		                    "entre < et >, par exemple : --author \"%s <adresse@exemple.org>\""),
		                  author, author);
	if (!open || !close || close[1] != '\0' || close == open + 1)
		return error__set(GRILLE_EARGUMENT,
		                        _("auteur « %s » invalide : « Prénom Nom <adresse@exemple.org> » attendu"),
		                        author);
	const char *end = open;
	while (end > author && end[-1] == ' ')
		end--;
	if (end == author)
		return error__set(GRILLE_EARGUMENT, _("auteur « %s » invalide : le nom manque"), author);
	char *name = strndup(author, (size_t)(end - author));
	char *email = strndup(open + 1, (size_t)(close - open - 1));
	int error = 0;
	if (!name || !email)
		error = error__oom();
	else if (git_signature_now(out, name, email) < 0)
		error = repo__error(_("auteur invalide"));
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
		return repo__error(_("impossible de lire la configuration de git"));
	const char *name = NULL, *email = NULL;
	if (git_config_get_string(&name, config, "user.name") < 0 ||
	    git_config_get_string(&email, config, "user.email") < 0 || !*name || !*email) {
		git_error_clear();
		git_config_free(config);
		return no_identity();
	}
	error = git_signature_now(out, name, email);
	git_config_free(config);
	return error < 0 ? repo__error(_("identité git invalide")) : 0;
}

int grille_author_check(const char *author)
{
	git_signature *signature = NULL;
	int error = parse_author(&signature, author);
	git_signature_free(signature);
	return error;
}

int repo__identity(git_signature **out, git_repository *repo, const char *author)
{
	*out = NULL;
	if (author)
		return parse_author(out, author);
	const char *name = getenv("GIT_AUTHOR_NAME");
	const char *email = getenv("GIT_AUTHOR_EMAIL");
	if (name && *name && email && *email)
		return git_signature_now(out, name, email) < 0
		       ? repo__error(_("identité git invalide")) : 0;
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
	return error < 0 ? repo__error(_("impossible de lire le dernier commit")) : 0;
}

static int repo__stage_error(const char *path)
{
	grille_buf what = GRILLE_BUF_INIT;
	int error = grille_buf_printf(&what, _("impossible d'enregistrer « %s » dans le dépôt git : vérifiez que "
	                                       "le dossier .git est à vous et que vous pouvez y écrire"), path);
	if (!error)
		error = repo__error(what.ptr);
	grille_buf_release(&what);
	return error;
}

/* Stage `paths`: added when the file is there, removed from the index when not. */
static int stage(git_index *index, const char *workdir, const char *const *paths, size_t count,
                 git_tree_update *updates)
{
	for (size_t i = 0; i < count; i++) {
		char *full = fs__join(workdir, paths[i]);
		if (!full)
			return error__oom();
		int present = fs__exists(full);
		free(full);
		int rc = present ? git_index_add_bypath(index, paths[i]) : git_index_remove_bypath(index, paths[i]);
		if (rc < 0)
			return repo__stage_error(paths[i]);
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

int repo__locked_error(int code)
{
	if (code == GIT_ELOCKED)
		return error__set(GRILLE_EGIT, "%s",
			_("le dépôt git est occupé : un autre programme (git, un éditeur…) le modifie en ce "
			  "moment et a posé le verrou « .git/index.lock ». Attendez qu'il ait fini, puis "
			  "recommencez ; si aucun programme ne tourne, supprimez ce fichier."));
	return repo__error(_("impossible d'écrire l'index git"));
}

int repo__commit(git_oid *out, git_repository *repo, const struct grille_repo_commit_spec *spec)
{
	git_index *index = NULL;
	git_tree *baseline = NULL, *tree = NULL;
	git_commit *parent = NULL, *other = NULL;
	git_tree_update *updates = calloc(spec->count ? spec->count : 1, sizeof(*updates));
	git_oid tree_id;
	int error = updates ? 0 : error__oom();
	int rc;
	if (error)
		goto out;
	if (git_repository_index(&index, repo) < 0) {
		error = repo__error(_("impossible d'ouvrir l'index git"));
		goto out;
	}
	if ((error = stage(index, git_repository_workdir(repo), spec->paths, spec->count, updates)))
		goto out;
	if ((rc = git_index_write(index)) < 0) {
		error = repo__locked_error(rc);
		goto out;
	}
	if ((error = head_tree(&baseline, &parent, repo)) < 0)
		goto out;
	/* A merge commits the whole merged index; anything else only its own paths. */
	if (spec->other_parent ? git_index_write_tree(&tree_id, index) < 0
	                       : git_tree_create_updated(&tree_id, repo, baseline, spec->count, updates) < 0) {
		error = repo__error(_("impossible de construire le commit"));
		goto out;
	}
	if (git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    (spec->other_parent && git_commit_lookup(&other, repo, spec->other_parent) < 0)) {
		error = repo__error(_("impossible de construire le commit"));
		goto out;
	}
	const git_commit *parents[] = { parent, other };
	size_t parent_count = parent ? (other ? 2 : 1) : 0;
	if ((rc = git_commit_create(out, repo, "HEAD", spec->signature, spec->signature, NULL, spec->message,
	                            tree, parent_count, parents)) < 0)
		error = repo__fail(rc, _("impossible de créer le commit"));
	else if ((error = repo__verify(repo, "HEAD", out)) < 0 && parent) {
		/* HEAD must not be left on a commit that is not there. */
		git_reference *head = NULL, *back = NULL;
		if (git_repository_head(&head, repo) == 0 && git_oid_equal(git_reference_target(head), out))
			git_reference_set_target(&back, head, git_commit_id(parent), "grille: commit not written");
		git_reference_free(back);
		git_reference_free(head);
		git_error_clear();
	}
out:
	git_tree_free(tree);
	git_tree_free(baseline);
	git_commit_free(parent);
	git_commit_free(other);
	git_index_free(index);
	free(updates);
	return error;
}

int repo__verify(git_repository *repo, const char *refname, const git_oid *id)
{
	/* Read back from the disk, not from this handle's caches: the objects
	 * through an object database opened afresh, wrapped in a repository of
	 * its own (which reads no configuration: opening the whole repository
	 * again cost more than the check); the reference through this handle,
	 * since libgit2 reads a reference's file at every lookup. */
	grille_buf objects = GRILLE_BUF_INIT;
	git_odb *odb = NULL;
	git_repository *fresh = NULL;
	git_object *object = NULL;
	git_oid target;
	int there = grille_buf_printf(&objects, "%sobjects", git_repository_commondir(repo)) == 0 &&
	            git_odb_open(&odb, objects.ptr) == 0 && git_repository_wrap_odb(&fresh, odb) == 0 &&
	            git_object_lookup(&object, fresh, id, GIT_OBJECT_ANY) == 0 &&
	            git_reference_name_to_id(&target, repo, refname) == 0 && git_oid_equal(&target, id);
	if (there && git_object_type(object) == GIT_OBJECT_COMMIT) {
		git_tree *tree = NULL;
		there = git_commit_tree(&tree, (git_commit *)object) == 0;
		git_tree_free(tree);
	}
	git_object_free(object);
	git_repository_free(fresh);
	git_odb_free(odb);
	grille_buf_release(&objects);
	git_error_clear();
	if (there)
		return 0;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid_tostr(hex, sizeof(hex), id);
	return error__set(GRILLE_EIO,
		_("le jalon %.7s n'a pas pu être enregistré : git a dit l'avoir écrit, mais il n'est pas dans le "
		  "dépôt. Le disque est sans doute plein. Rien n'est perdu : vos réponses sont dans les fichiers. "
		  "Libérez de la place (« df -h » montre ce qui reste), puis relancez la commande."), hex);
}

int repo__commit_paths(git_oid *out, git_repository *repo, const char *const *paths,
                             size_t count, const git_signature *signature, const char *message)
{
	struct grille_repo_commit_spec spec = { paths, count, signature, message, NULL };
	return repo__commit(out, repo, &spec);
}

int repo__prefix(char **out, git_repository *repo, const char *root)
{
	*out = NULL;
	const char *workdir = git_repository_workdir(repo);
	char *repo_root = workdir ? realpath(workdir, NULL) : NULL;
	if (!repo_root)
		return error__set(GRILLE_EGIT, _("le dépôt git « %s » n'a pas de dossier de travail"),
		                        git_repository_path(repo));
	size_t len = strlen(repo_root);
	const char *rest = "";
	if (strcmp(repo_root, "/") == 0)
		rest = root + 1;
	else if (strncmp(root, repo_root, len) == 0 && root[len] == '/')
		rest = root + len + 1;
	free(repo_root);
	*out = *rest ? fs__join(rest, "") : strdup("");
	return *out ? 0 : error__oom();
}

int repo__check_branch(git_repository *repo)
{
	int detached = git_repository_head_detached(repo);
	if (detached == 1)
		return error__set(GRILLE_EGIT, "%s",
			_("le dépôt n'est sur aucune branche (HEAD détachée) : les jalons s'y perdraient. "
			  "Revenez sur votre branche, par exemple : git switch main"));
	return 0;
}

int repo__changes(struct grille_repo_change **out, size_t *count, git_repository *repo,
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
		return repo__error(_("impossible de lire l'état du dépôt git"));
	size_t total = git_status_list_entrycount(list);
	struct grille_repo_change *changes = calloc(total ? total : 1, sizeof(*changes));
	int error = changes ? 0 : error__oom();
	for (size_t i = 0; !error && i < total; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
		const char *path = d ? (d->new_file.path ? d->new_file.path : d->old_file.path) : NULL;
		if (!path || strncmp(path, prefix, strlen(prefix)) != 0)
			continue;
		changes[*count].flags = e->status;
		if (!(changes[*count].path = strdup(path)))
			error = error__oom();
		else
			(*count)++;
	}
	git_status_list_free(list);
	*out = changes;
	if (error)
		repo__changes_free(out, count);
	return error;
}

void repo__changes_free(struct grille_repo_change **changes, size_t *count)
{
	for (size_t i = 0; *changes && i < *count; i++)
		free((*changes)[i].path);
	free(*changes);
	*changes = NULL;
	*count = 0;
}
