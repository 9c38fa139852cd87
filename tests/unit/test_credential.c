/* https credentials come from git's credential helpers, as git would find
 * them: a helper configured in a scratch HOME answers, grille passes it on. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2/sys/credential.h>

#include "grille/grille.h"
#include "credential.h"
#include "tap.h"

static volatile sig_atomic_t pipe_signals;

static void count_pipe_signal(int signo)
{
	(void)signo;
	pipe_signals++;
}

static int pipe_pending(void)
{
	sigset_t pending;
	sigemptyset(&pending);
	return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
}

/* A helper that closes its input at once, before grille has written its
 * request (longer than a pipe holds, so that the write must fail): grille
 * lives on, and SIGPIPE's handler, the thread's mask and pending signals are
 * as they were. */
static void check_early_close(const char *home)
{
	char bin[512], git[600], path[1200];
	snprintf(bin, sizeof(bin), "%s/bin", home);
	snprintf(git, sizeof(git), "%s/git", bin);
	mkdir(bin, 0700);
	FILE *f = fopen(git, "w");
	fputs("#!/bin/sh\nexec 0<&-\nexit 1\n", f);
	fclose(f);
	chmod(git, 0700);
	const char *old_path = getenv("PATH");
	char *saved = strdup(old_path ? old_path : "/usr/bin:/bin");
	snprintf(path, sizeof(path), "%s:%s", bin, saved);
	setenv("PATH", path, 1);
	size_t len = 256 * 1024;
	char *url = malloc(len + 1);
	memcpy(url, "https://x.org/", 14);
	memset(url + 14, 'a', len - 14);
	url[len] = '\0';

	for (int round = 0; round < 2; round++) {
		struct sigaction counting = { 0 }, before, after;
		counting.sa_handler = count_pipe_signal;
		sigemptyset(&counting.sa_mask);
		if (round == 1)
			sigaction(SIGPIPE, &counting, NULL); /* round 0: the default, which would kill us */
		sigset_t mask_before, mask_after;
		pthread_sigmask(SIG_BLOCK, NULL, &mask_before);
		sigaction(SIGPIPE, NULL, &before);
		pipe_signals = 0;
		git_credential *cred = NULL;
		int rc = credential__fill(&cred, url, NULL);
		sigaction(SIGPIPE, NULL, &after);
		pthread_sigmask(SIG_BLOCK, NULL, &mask_after);
		const char *what = round ? "a handler of the caller's" : "the default action";
		ok(rc == GIT_PASSTHROUGH && !cred, "%s: a helper that closes its input gives no credential", what);
		ok(before.sa_handler == after.sa_handler && before.sa_flags == after.sa_flags,
		   "%s: SIGPIPE's disposition is unchanged", what);
		ok(!sigismember(&mask_after, SIGPIPE) && sigismember(&mask_before, SIGPIPE) == sigismember(&mask_after, SIGPIPE),
		   "%s: SIGPIPE is not left blocked", what);
		ok(!pipe_pending(), "%s: no SIGPIPE is left pending", what);
		ok(pipe_signals == 0, "%s: the caller's handler is not called", what);
	}
	signal(SIGPIPE, SIG_DFL);
	setenv("PATH", saved, 1);
	free(saved);
	free(url);
	unlink(git);
	rmdir(bin);
}

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
	check_early_close(home);
	unlink(config);
	rmdir(home);
	grille_shutdown();
	return tap_done();
}
