/* Long output through a pager, as git does (git's pager.c). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

static pid_t pager_pid;

/* GRILLE_PAGER, else PAGER, else less; NULL for none ("cat" or empty). */
static const char *pager_of(void)
{
	const char *pager = getenv("GRILLE_PAGER");
	if (!pager)
		pager = getenv("PAGER");
	if (!pager)
		pager = in_path("less") ? "less" : ""; /* none: better than output lost in a pipe to nowhere */
	pager += strspn(pager, " \t");
	return !*pager || strcmp(pager, "cat") == 0 ? NULL : pager;
}

void wait_for_pager(void)
{
	if (!pager_pid)
		return;
	fflush(stdout);
	fflush(stderr);
	close(STDOUT_FILENO); /* the pager sees the end of its input */
	if (manners.pager_stderr)
		close(STDERR_FILENO);
	pid_t pid = pager_pid;
	pager_pid = 0;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* Killed while the pager shows (Ctrl-C, the pager closed early): let it end first. */
static void on_signal(int signo)
{
	if (pager_pid) {
		close(STDOUT_FILENO);
		if (manners.pager_stderr)
			close(STDERR_FILENO);
		while (waitpid(pager_pid, NULL, 0) < 0 && errno == EINTR)
			;
		pager_pid = 0;
	}
	signal(signo, SIG_DFL);
	raise(signo);
}

void start_pager(void)
{
	const char *pager = pager_of();
	if (!manners.pager || pager_pid || !pager || !isatty(STDOUT_FILENO))
		return;
	term_width(); /* measured on the terminal, before stdout becomes a pipe */
	int fds[2];
	if (pipe(fds) < 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		setenv("LESS", getenv("LESS") ? getenv("LESS") : "FRX", 1);
		setenv("LV", getenv("LV") ? getenv("LV") : "-c", 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	dup2(fds[1], STDOUT_FILENO);
	/* Errors and warnings in the pager too, when they would go to the same terminal. */
	if (isatty(STDERR_FILENO)) {
		dup2(fds[1], STDERR_FILENO);
		manners.pager_stderr = 1;
	}
	close(fds[0]);
	close(fds[1]);
	pager_pid = pid;
	manners.paging = 1;
	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGQUIT, on_signal);
	signal(SIGPIPE, on_signal);
}
