/* libgit2's errors become French advice by code and class, never by their
 * English text; passwords in URLs never reach a message. A commit is checked
 * by reading it back from the disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>

#include "grille/grille.h"
#include "fs.h"
#include "repo.h"
#include "tap.h"

static void redacts(const char *text, const char *want, const char *what)
{
	char *got = repo__redact(text);
	is_str(got, want, "redact: %s", what);
	free(got);
}

/* Delete a loose object: what still answers for it is a cache, not the disk. */
static void drop_object(git_repository *repo, const git_oid *id, const char *what)
{
	char hex[GIT_OID_HEXSZ + 1], path[4096];
	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%sobjects/%.2s/%s", git_repository_path(repo), hex, hex + 2);
	ok(unlink(path) == 0, "%s's object is removed", what);
}

/* A commit of one file on HEAD (`head`), or beside it: its ID in `out`, its tree's in `tree_out`. */
static int commit_one(git_oid *out, git_oid *tree_out, git_repository *repo, const char *text, int head)
{
	git_signature *who = NULL;
	git_treebuilder *builder = NULL;
	git_tree *tree = NULL;
	git_oid blob;
	int error = git_signature_new(&who, "Camille", "camille@example.org", 1700000000, 60) < 0 ||
	            git_blob_create_from_buffer(&blob, repo, text, strlen(text)) < 0 ||
	            git_treebuilder_new(&builder, repo, NULL) < 0 ||
	            git_treebuilder_insert(NULL, builder, "etape.md", &blob, GIT_FILEMODE_BLOB) < 0 ||
	            git_treebuilder_write(tree_out, builder) < 0 || git_tree_lookup(&tree, repo, tree_out) < 0 ||
	            git_commit_create(out, repo, head ? "HEAD" : NULL, who, who, NULL, "Un jalon\n", tree, 0, NULL) < 0;
	git_tree_free(tree);
	git_treebuilder_free(builder);
	git_signature_free(who);
	return error ? -1 : 0;
}

/* repo__verify() believes the disk, not the handle that wrote: a commit whose
 * object or tree is gone, or that HEAD does not name, is not there. */
static void verifies_from_disk(void)
{
	char dir[] = "/tmp/grille-repo-verify.XXXXXX";
	git_repository *repo = NULL;
	git_commit *cached = NULL;
	git_oid first, first_tree, second, second_tree;
	if (!ok(mkdtemp(dir) && git_repository_init(&repo, dir, 0) == 0 &&
	        commit_one(&first, &first_tree, repo, "Une réponse.\n", 1) == 0 &&
	        commit_one(&second, &second_tree, repo, "Une autre réponse.\n", 0) == 0,
	        "a repository with a commit on HEAD and one beside it"))
		return;
	ok(repo__verify(repo, "HEAD", &first) == 0, "verify: the commit HEAD names is there");
	ok(repo__verify(repo, "HEAD", &second) == GRILLE_EIO, "verify: a commit HEAD does not name is refused");
	contains(grille_error_last(), "n'a pas pu être enregistré", "verify: the message says the milestone was not saved");
	grille_error_clear();
	ok(git_commit_lookup(&cached, repo, &first) == 0, "the commit is in the handle's cache");
	drop_object(repo, &first_tree, "the tree");
	ok(repo__verify(repo, "HEAD", &first) == GRILLE_EIO, "verify: a commit whose tree is gone is refused");
	grille_error_clear();
	drop_object(repo, &first, "the commit");
	ok(repo__verify(repo, "HEAD", &first) == GRILLE_EIO, "verify: a commit gone from the disk is refused, cached or not");
	grille_error_clear();
	git_commit_free(cached);
	git_repository_free(repo);
	ok(fs__remove_tree(dir) == 0, "the scratch repository removed");
}

int main(void)
{
	grille_init();
	verifies_from_disk();
	static const struct { int code, klass; const char *needle, *what; } cases[] = {
		{ GIT_EAUTH, GIT_ERROR_CONFIG, "n'a pas accepté l'identification", "wrong or missing credentials (GIT_EAUTH)" },
		{ GIT_EAUTH, GIT_ERROR_NET, "credential.helper", "credentials: says how git keeps them" },
		{ GIT_ECERTIFICATE, GIT_ERROR_SSL, "certificat du serveur", "a certificate (GIT_ECERTIFICATE)" },
		{ GIT_EOWNER, GIT_ERROR_CONFIG, "safe.directory", "another owner (GIT_EOWNER)" },
		{ GIT_ELOCKED, GIT_ERROR_INDEX, "attendez", "a lock (GIT_ELOCKED)" },
		{ GIT_ERROR, GIT_ERROR_SSL, "connexion sécurisée", "TLS failure (GIT_ERROR_SSL)" },
		{ GIT_ERROR, GIT_ERROR_NET, "git remote -v", "network or protocol (GIT_ERROR_NET)" },
		{ GIT_ERROR, GIT_ERROR_HTTP, "git remote -v", "an HTTP failure (GIT_ERROR_HTTP)" },
		{ GIT_ERROR, GIT_ERROR_SSH, "git remote -v", "an ssh failure (GIT_ERROR_SSH)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const char *advice = repo__advice(cases[i].code, cases[i].klass);
		ok(advice && strstr(advice, cases[i].needle), "advice for %s", cases[i].what);
	}
	ok(repo__advice(GIT_ERROR, GIT_ERROR_OS) == NULL, "no advice invented for a plain OS error");

	/* The message: the French sentence first, libgit2's detail after, stale config lookups dropped. */
	git_error_set_str(GIT_ERROR_CONFIG, "config value 'http.followRedirects' was not found");
	repo__fail(GIT_EAUTH, "impossible de joindre le dépôt partagé");
	const char *msg = grille_error_last();
	ok(strncmp(msg, "impossible de joindre le dépôt partagé : le dépôt partagé demande", 66) == 0,
	   "French first: %s", msg);
	ok(!strstr(msg, "followRedirects"), "a stale config lookup is not shown as the reason");
	git_error_set_str(GIT_ERROR_NET, "unexpected http status code: 403 for http://u:s3cret@forge.example/x.git");
	repo__fail(GIT_ERROR, "impossible d'envoyer");
	msg = grille_error_last();
	ok(strstr(msg, "(git : unexpected http status code: 403 for http://u:***@forge.example/x.git)") != NULL,
	   "libgit2's detail follows, password hidden: %s", msg);
	ok(!strstr(msg, "s3cret"), "the password is nowhere");

	redacts("http://u:secret@host/x.git", "http://u:***@host/x.git", "user and password");
	redacts("https://camille:p%40ss@forge.example:8443/a/b.git", "https://camille:***@forge.example:8443/a/b.git",
	        "an encoded @ and a port");
	redacts("http://u@host/x.git", "http://u@host/x.git", "a user without password stays");
	redacts("http://host:8080/x.git", "http://host:8080/x.git", "a port is not a password");
	redacts("failed for 'http://a:b@h/x' and 'ssh://c:d@h2/y'", "failed for 'http://a:***@h/x' and 'ssh://c:***@h2/y'",
	        "every URL of a sentence");
	redacts("/srv/partage.git", "/srv/partage.git", "a path");
	redacts("http://u:pa:ss@host", "http://u:***@host", "a password holding a colon");
	return tap_done();
}
