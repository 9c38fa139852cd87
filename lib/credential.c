#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grille/buf.h"
#include "credential.h"

extern char **environ;

/* Write `request` to `fd`, the helper's standard input. A helper that exits
 * early must not kill the process with SIGPIPE, and the library must not
 * change its handler either (other threads may rely on it): SIGPIPE is blocked
 * in this thread only, and one raised by these writes is taken off before it is
 * unblocked, unless one was already pending (then it is not ours to take). */
static void send_request(int fd, const char *request)
{
	sigset_t pipe_set, old_set, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	int blocked = pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set) == 0;
	sigemptyset(&pending);
	int was_pending = blocked && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
	int broken = 0;
	size_t len = strlen(request);
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, request + done, len - done);
		if (n < 0 && errno == EPIPE)
			broken = 1;
		if (n <= 0 && errno != EINTR)
			break;
		done += n > 0 ? (size_t)n : 0;
	}
	if (blocked && broken && !was_pending) {
		const struct timespec now = { 0, 0 };
		while (sigtimedwait(&pipe_set, NULL, &now) < 0 && errno == EINTR)
			;
	}
	if (blocked)
		pthread_sigmask(SIG_SETMASK, &old_set, NULL);
}

/* Run `git credential fill`, giving it `request` and collecting its answer. */
static int run_fill(const char *request, grille_buf *answer)
{
	int in[2], out[2];
	if (pipe(in) != 0)
		return -1;
	if (pipe(out) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, in[0], 0);
	posix_spawn_file_actions_adddup2(&actions, out[1], 1);
	posix_spawn_file_actions_addclose(&actions, in[1]);
	posix_spawn_file_actions_addclose(&actions, out[0]);
	/* git's own failure ("fatal: could not read Username…") would reach the user in
	 * English; grille says what happened. Its prompts use the terminal, not stderr. */
	posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
	char *argv[] = { "git", "credential", "fill", NULL };
	pid_t pid;
	int spawned = posix_spawnp(&pid, "git", &actions, NULL, argv, environ) == 0;
	posix_spawn_file_actions_destroy(&actions);
	close(in[0]);
	close(out[1]);
	if (spawned)
		send_request(in[1], request);
	close(in[1]);
	char chunk[1024];
	ssize_t n;
	while (spawned && ((n = read(out[0], chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			grille_buf_put(answer, chunk, (size_t)n);
	close(out[0]);
	int status = 0;
	if (spawned)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return spawned && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* The value of "key=value" in git's credential answer, in a new string. */
static char *field(const char *answer, const char *key)
{
	size_t len = strlen(key);
	for (const char *line = answer; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (strncmp(line, key, len) == 0 && line[len] == '=')
			return strndup(line + len + 1, strcspn(line + len + 1, "\n"));
	return NULL;
}

int credential__fill(git_credential **out, const char *url, const char *user)
{
	if (!url || strchr(url, '\n'))
		return GIT_PASSTHROUGH;
	grille_buf request = GRILLE_BUF_INIT, answer = GRILLE_BUF_INIT;
	grille_buf_printf(&request, "url=%s\n", url);
	if (user && *user && !strchr(user, '\n'))
		grille_buf_printf(&request, "username=%s\n", user);
	grille_buf_puts(&request, "\n");
	int result = GIT_PASSTHROUGH;
	if (request.ptr && run_fill(request.ptr, &answer) == 0 && answer.ptr) {
		char *name = field(answer.ptr, "username");
		char *password = field(answer.ptr, "password");
		if (name && password && git_credential_userpass_plaintext_new(out, name, password) == 0)
			result = 0;
		if (password)
			memset(password, 0, strlen(password));
		free(name);
		free(password);
	}
	if (answer.ptr)
		memset(answer.ptr, 0, answer.len);
	grille_buf_release(&request);
	grille_buf_release(&answer);
	return result;
}

int credential__acquire(git_credential **out, const char *url, const char *user, unsigned int allowed,
                        int *tries)
{
	if ((*tries)++ > 0)
		return GIT_EAUTH;
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return git_credential_ssh_key_from_agent(out, user ? user : "git");
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		return credential__fill(out, url, user);
	if (allowed & GIT_CREDENTIAL_DEFAULT)
		return git_credential_default_new(out);
	return GIT_PASSTHROUGH;
}
