/* libgit2's errors become French advice by code and class, never by their
 * English text; passwords in URLs never reach a message. */
#include <stdlib.h>
#include <string.h>
#include <git2.h>

#include "grille/grille.h"
#include "repo.h"
#include "tap.h"

static void redacts(const char *text, const char *want, const char *what)
{
	char *got = repo__redact(text);
	is_str(got, want, "redact: %s", what);
	free(got);
}

int main(void)
{
	grille_init();
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
