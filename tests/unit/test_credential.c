/* https credentials come from git's credential helpers, as git would find
 * them: a helper configured in a scratch HOME answers, grille passes it on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2/sys/credential.h>

#include "grille/grille.h"
#include "credential.h"
#include "tap.h"

int main(void)
{
	grille_init();
	char home[] = "/tmp/grille-credential.XXXXXX";
	if (!ok(mkdtemp(home) != NULL, "a scratch HOME"))
		return tap_done();
	setenv("HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_TERMINAL_PROMPT", "0", 1);
	unsetenv("XDG_CONFIG_HOME");
	char config[256];
	snprintf(config, sizeof(config), "%s/.gitconfig", home);
	FILE *f = fopen(config, "w");
	fputs("[credential]\n\thelper = \"!f() { test \\\"$1\\\" = get || exit 0; "
	      "echo username=camille; echo password=s3cret; }; f\"\n", f);
	fclose(f);

	git_credential *cred = NULL;
	int rc = credential__fill(&cred, "https://forge.example.org/asso/demarche.git", NULL);
	if (ok(rc == 0 && cred, "the helper's answer becomes a credential")) {
		ok(cred->credtype == GIT_CREDENTIAL_USERPASS_PLAINTEXT, "a user name and password");
		git_credential_userpass_plaintext *up = (git_credential_userpass_plaintext *)cred;
		is_str(up->username, "camille", "the user name");
		is_str(up->password, "s3cret", "the password");
		git_credential_free(cred);
	}

	/* No helper: no credential, and libgit2 reports the failure itself. */
	f = fopen(config, "w");
	fclose(f);
	cred = NULL;
	rc = credential__fill(&cred, "https://forge.example.org/asso/demarche.git", NULL);
	ok(rc == GIT_PASSTHROUGH && !cred, "without a helper, nothing is made up");
	ok(credential__fill(&cred, "https://x.org/\nprotocol=file", NULL) == GIT_PASSTHROUGH,
	   "a URL with a line break is refused (it could forge the request)");
	unlink(config);
	rmdir(home);
	grille_shutdown();
	return tap_done();
}
