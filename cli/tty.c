/* A terminal's width and pager (tty.h): libc only, linked into the launcher and the module. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tty.h"

int in_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		return 0;
	int found = 0;
	for (const char *p = path; !found;) {
		size_t len = strcspn(p, ":");
		char full[PATH_MAX];
		int n = snprintf(full, sizeof(full), "%.*s/%s", (int)len, len ? p : ".", name);
		found = n > 0 && (size_t)n < sizeof(full) && access(full, X_OK) == 0;
		if (!p[len])
			break;
		p += len + 1;
	}
	return found;
}

int term_width(void)
{
	static int width;
	if (width)
		return width;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		width = ws.ws_col;
	else {
		const char *columns = getenv("COLUMNS");
		long value = columns ? strtol(columns, NULL, 10) : 0;
		width = value > 0 && value < 10000 ? (int)value : 80;
	}
	return width;
}

const char *pager_command(void)
{
	const char *pager = getenv("GRILLE_PAGER");
	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = in_path("less") ? "less" : ""; /* none: better than output lost in a pipe to nowhere */
	pager += strspn(pager, " \t");
	return !*pager || strcmp(pager, "cat") == 0 ? NULL : pager;
}

static pid_t pager_pid;
static int pager_has_stderr;

static void end_pager(void)
{
	close(STDOUT_FILENO); /* the pager sees the end of its input */
	if (pager_has_stderr)
		close(STDERR_FILENO);
	pid_t pid = pager_pid;
	pager_pid = 0;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

void pager_close(void)
{
	if (!pager_pid)
		return;
	fflush(stdout);
	fflush(stderr);
	end_pager();
}

/* Killed while the pager shows (Ctrl-C, the pager closed early): let it end first. */
static void on_signal(int signo)
{
	if (pager_pid)
		end_pager();
	signal(signo, SIG_DFL);
	raise(signo);
}

int pager_open(const char *command)
{
	int fds[2];
	if (pager_pid || pipe(fds) < 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("LESS", getenv("LESS") ? getenv("LESS") : "FRX", 1);
		setenv("LV", getenv("LV") ? getenv("LV") : "-c", 1);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	dup2(fds[1], STDOUT_FILENO);
	/* Errors and warnings in the pager too, when they would go to the same terminal. */
	pager_has_stderr = isatty(STDERR_FILENO);
	if (pager_has_stderr)
		dup2(fds[1], STDERR_FILENO);
	close(fds[0]);
	close(fds[1]);
	pager_pid = pid;
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGQUIT, on_signal);
	signal(SIGPIPE, on_signal);
	return 0;
}
