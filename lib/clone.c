#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grille/clone.h"
#include "grille/error.h"
#include "grille/history.h"
#include "grille/workspace.h"
#include "array.h"
#include "credential.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"
#include "repo.h"

/* What the clone's callbacks share. */
struct job {
	const grille_clone_options *opts;
	grille_clone_progress progress;
	int tries; /* credential requests so far */
};

static int is_sep(char c) { return c == '/' || c == '\\'; }

/* As git's clone names its folder: the URL's last part, without ".git",
 * without any "user:password@" and trailing slashes. */
char *grille_clone_dir_of(const char *url)
{
	if (!url)
		return NULL;
	const char *start = url, *end = url + strlen(url), *scheme = strstr(url, "://");
	if (scheme)
		start = scheme + 3;
	for (const char *p = start; p < end && !is_sep(*p); p++)
		if (*p == '@')
			start = p + 1;
	while (end > start && (is_sep(end[-1]) || end[-1] == ' '))
		end--;
	if (end - start >= 5 && strncmp(end - 5, "/.git", 5) == 0)
		end -= 5;
	while (end > start && is_sep(end[-1]))
		end--;
	if (end - start > 4 && strncmp(end - 4, ".git", 4) == 0)
		end -= 4;
	const char *base = end;
	while (base > start && !is_sep(base[-1]) && base[-1] != ':')
		base--;
	size_t len = (size_t)(end - base);
	if (len == 0 || (len == 1 && *base == '.') || (len == 2 && strncmp(base, "..", 2) == 0) ||
	    (len == 4 && strncmp(base, ".git", 4) == 0))
		return NULL;
	for (const char *p = base; p < end; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return NULL;
	return strndup(base, len);
}

/* 0 when `dir` is missing (`*existed` 0) or an empty folder (`*existed` 1). */
static int check_dir(const char *dir, int *existed)
{
	struct stat st;
	*existed = 0;
	if (lstat(dir, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return error__set_errno(GRILLE_EIO, errno, _("impossible de lire « %s »"), dir);
	}
	*existed = 1;
	if (!S_ISDIR(st.st_mode))
		return error__set(GRILLE_EEXISTS,
			_("« %s » existe déjà et n'est pas un dossier : choisissez un autre nom, par exemple "
			  "grille clone ADRESSE DOSSIER"), dir);
	DIR *d = opendir(dir);
	if (!d)
		return error__set_errno(GRILLE_EIO, errno, _("impossible de lire « %s »"), dir);
	int empty = 1;
	for (struct dirent *e; empty && (e = readdir(d));)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	if (!empty)
		return error__set(GRILLE_EEXISTS,
			_("le dossier « %s » existe déjà et n'est pas vide : rien n'a été cloné. Choisissez un "
			  "autre dossier, par exemple grille clone ADRESSE DOSSIER"), dir);
	return 0;
}

static int fetched(const git_indexer_progress *stats, void *payload)
{
	struct job *job = payload;
	job->progress.received = stats->received_objects;
	job->progress.total = stats->total_objects;
	job->progress.bytes = stats->received_bytes;
	job->opts->progress(&job->progress, job->opts->payload);
	return 0;
}

static void written(const char *path, size_t done, size_t total, void *payload)
{
	struct job *job = payload;
	(void)path;
	job->progress.written = done;
	job->progress.to_write = total;
	job->opts->progress(&job->progress, job->opts->payload);
}

static int credentials(git_credential **out, const char *url, const char *user, unsigned int allowed,
                       void *payload)
{
	struct job *job = payload;
	return credential__acquire(out, url, user, allowed, &job->tries);
}

/* What to do when the repository at `url` could not be cloned. */
static const char *advice_for(int code, int klass, const char *url)
{
	const char *path = repo__local_path(url);
	struct stat st;
	if (path && stat(path, &st) != 0)
		return _("ce dossier n'existe pas : vérifiez l'adresse");
	if (path && !S_ISDIR(st.st_mode))
		return _("c'est un fichier, pas le dossier d'un dépôt git : vérifiez l'adresse");
	if (path)
		return _("ce dossier n'est pas un dépôt git : vérifiez l'adresse auprès de qui a partagé "
		         "l'espace de travail");
	if (klass == GIT_ERROR_NET || klass == GIT_ERROR_HTTP || klass == GIT_ERROR_SSH)
		return _("le serveur n'a pas répondu comme un dépôt git : vérifiez l'adresse et la connexion au réseau");
	const char *advice = repo__advice(code, klass);
	return advice ? advice : _("le serveur ne répond pas : vérifiez l'adresse et la connexion au réseau, "
	                           "ou réessayez plus tard");
}

static int clone_failed(int code, const char *shown_url, const char *url)
{
	const git_error *e = git_error_last();
	const char *advice = advice_for(code, e ? e->klass : 0, url);
	/* libgit2's words about credentials, or about a folder that is no repository
	 * ("unsupported URL protocol"), are its own internals. */
	int own = code == GIT_EAUTH || repo__local_path(url);
	char *detail = repo__redact(e && e->message && !own ? e->message : "");
	int error;
	if (detail && *detail)
		error = error__set(GRILLE_EGIT, _("impossible de cloner « %s » : %s (git : %s)"), shown_url, advice, detail);
	else
		error = error__set(GRILLE_EGIT, _("impossible de cloner « %s » : %s"), shown_url, advice);
	free(detail);
	git_error_clear();
	return error;
}

static size_t depth_of(const char *path)
{
	size_t depth = 0;
	for (; *path; path++)
		depth += *path == '/';
	return depth;
}

static int shallowest_first(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t dx = depth_of(x), dy = depth_of(y);
	return dx != dy ? (dx < dy ? -1 : 1) : strcmp(x, y);
}

/* The folders of the clone holding a grille.yaml, from git's index (a flat list). */
static int find_workspaces(grille_clone_result *out, git_repository *repo)
{
	git_index *index = NULL;
	if (git_repository_index(&index, repo) < 0)
		return repo__error(_("impossible de lire l'index git du clone"));
	static const char name[] = GRILLE_SETTINGS_FILE;
	const size_t name_len = sizeof(name) - 1;
	int error = 0;
	size_t count = git_index_entrycount(index);
	for (size_t i = 0; !error && i < count; i++) {
		const git_index_entry *entry = git_index_get_byindex(index, i);
		const char *path = entry->path;
		size_t len = strlen(path);
		/* A link or a submodule named grille.yaml is no workspace's settings. */
		if ((entry->mode != GIT_FILEMODE_BLOB && entry->mode != GIT_FILEMODE_BLOB_EXECUTABLE) || len < name_len || strcmp(path + len - name_len, name) != 0 ||
		    (len > name_len && path[len - name_len - 1] != '/'))
			continue;
		char **grown = array__push(out->workspaces, out->workspace_count, sizeof(*grown));
		if (!grown || !(grown[out->workspace_count] = strndup(path, len > name_len ? len - name_len - 1 : 0)))
			error = error__oom();
		if (grown)
			out->workspaces = grown;
		if (!error)
			out->workspace_count++;
	}
	git_index_free(index);
	if (!error && out->workspace_count > 1)
		qsort(out->workspaces, out->workspace_count, sizeof(*out->workspaces), shallowest_first);
	return error;
}

static int write_identity(git_repository *repo, const git_signature *who)
{
	git_config *config = NULL, *local = NULL;
	int error = 0;
	if (git_repository_config(&config, repo) < 0 ||
	    git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, "user.name", who->name) < 0 ||
	    git_config_set_string(local, "user.email", who->email) < 0)
		error = repo__error(_("impossible d'écrire votre identité dans la configuration git du clone"));
	git_config_free(local);
	git_config_free(config);
	return error;
}

/* The clone's checks once it is there: a workspace, then the identity it keeps. */
static int settle(grille_clone_result *out, git_repository *repo, const git_signature *who, int write)
{
	int error = find_workspaces(out, repo);
	if (!error && !out->workspace_count)
		error = error__set(GRILLE_EINVALID,
			_("« %s » est un dépôt git, mais il ne contient pas d'espace de travail grille (aucun "
			  "fichier grille.yaml) : rien n'a été gardé. Vérifiez l'adresse auprès de qui a partagé "
			  "l'espace de travail."), out->url);
	if (!error && write && !(error = write_identity(repo, who)))
		out->author_written = 1;
	return error;
}

/* Leave the folder as it was, gone or empty, keeping the message of what failed. */
static void undo(const char *dir, int existed, int code)
{
	char *why = strdup(grille_error_last());
	if (fs__remove_tree(dir) == 0 && existed)
		mkdir(dir, 0777);
	if (why)
		error__set(code, "%s", why);
	free(why);
}

static int check_options(const grille_clone_options *opts)
{
	if (!opts->url || !*opts->url)
		return error__set(GRILLE_EARGUMENT, "%s", _("l'adresse du dépôt partagé est vide"));
	int error = grille_history_text_check(opts->url, _("l'adresse"), 0);
	if (!error && opts->dir)
		error = grille_history_text_check(opts->dir, _("le dossier"), 0);
	if (!error && opts->dir && !*opts->dir)
		error = error__set(GRILLE_EARGUMENT, "%s", _("le nom du dossier est vide"));
	return error;
}

int grille_clone(grille_clone_result *out, const grille_clone_options *opts)
{
	memset(out, 0, sizeof(*out));
	int error = check_options(opts);
	if (error)
		return error;
	if (!(out->url = repo__redact(opts->url)))
		return error__oom();
	out->dir = opts->dir ? strdup(opts->dir) : grille_clone_dir_of(opts->url);
	if (!out->dir)
		return opts->dir ? error__oom()
		       : error__set(GRILLE_EARGUMENT, _("impossible de tirer un nom de dossier de « %s » : "
		                                        "indiquez-le, grille clone ADRESSE DOSSIER"), out->url);
	git_signature *who = NULL;
	int existed = 0;
	/* Who the member is, known before anything is written. */
	if ((error = check_dir(out->dir, &existed)) || (error = repo__identity(&who, NULL, opts->author)))
		return error;
	struct job job = { opts, { 0 }, 0 };
	git_clone_options clone;
	git_clone_options_init(&clone, GIT_CLONE_OPTIONS_VERSION);
	clone.fetch_opts.callbacks.credentials = credentials;
	clone.fetch_opts.callbacks.payload = &job;
	if (opts->progress) {
		clone.fetch_opts.callbacks.transfer_progress = fetched;
		clone.checkout_opts.progress_cb = written;
		clone.checkout_opts.progress_payload = &job;
	}
	git_repository *repo = NULL;
	int rc = git_clone(&repo, opts->url, out->dir, &clone);
	if (rc < 0)
		error = clone_failed(rc, out->url, opts->url);
	else
		error = settle(out, repo, who, opts->author != NULL);
	git_repository_free(repo);
	if (error && rc >= 0)
		undo(out->dir, existed, error);
	if (!error && (!(out->name = strdup(who->name)) || !(out->email = strdup(who->email))))
		error = error__oom();
	git_signature_free(who);
	return error;
}

void grille_clone_result_release(grille_clone_result *result)
{
	free(result->dir);
	free(result->url);
	for (size_t i = 0; i < result->workspace_count; i++)
		free(result->workspaces[i]);
	free(result->workspaces);
	free(result->name);
	free(result->email);
	memset(result, 0, sizeof(*result));
}
