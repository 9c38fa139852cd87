#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grille/error.h"
#include "grille/lock.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"

struct grille_lock {
	char *path;
	char owner[300]; /* "PID HOST\n", as written */
	int held;
};

#define POLL_MS 50

static void host_name(char *out, size_t size)
{
	if (gethostname(out, size) != 0 || !*out)
		snprintf(out, size, "?");
	out[size - 1] = '\0';
}

static char *lock_path(const char *dir)
{
	char *git_dir = fs__git_dir(dir);
	char *path = git_dir ? fs__join(git_dir, "grille.lock") : fs__join(dir, ".grille.lock");
	free(git_dir);
	return path;
}

/* Create the lock with its content in one step: written under another name, then
 * linked to the lock's name, which fails if it is there. 1 when taken, 0 when held. */
static int try_create(struct grille_lock *lock)
{
	grille_buf tmp = GRILLE_BUF_INIT;
	if (grille_buf_printf(&tmp, "%s.%ld.new", lock->path, (long)getpid()) < 0)
		return error__oom();
	unlink(tmp.ptr);
	int fd = open(tmp.ptr, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0666);
	int error = 0;
	size_t len = strlen(lock->owner);
	if (fd < 0 || write(fd, lock->owner, len) != (ssize_t)len)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible de poser le verrou « %s »"), lock->path);
	if (fd >= 0)
		close(fd);
	int taken = 0;
	if (!error && link(tmp.ptr, lock->path) == 0)
		taken = 1;
	else if (!error && errno != EEXIST)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible de poser le verrou « %s »"), lock->path);
	unlink(tmp.ptr);
	grille_buf_release(&tmp);
	return error ? error : taken;
}

/* The holder written in the lock file: its pid, 0 when unreadable. */
static long holder(const char *path, char *host, size_t host_size)
{
	grille_buf text = GRILLE_BUF_INIT;
	long pid = 0;
	host[0] = '\0';
	if (fs__read_file(&text, path, 0, 4096) == 0 && text.ptr) {
		char *end = NULL;
		pid = strtol(text.ptr, &end, 10);
		if (end && *end == ' ') {
			size_t n = strcspn(end + 1, "\n");
			snprintf(host, host_size, "%.*s", (int)(n < host_size ? n : host_size - 1), end + 1);
		}
	}
	grille_error_clear();
	grille_buf_release(&text);
	return pid > 0 ? pid : 0;
}

static int dead_here(long pid, const char *host)
{
	char here[256];
	host_name(here, sizeof(here));
	return pid > 0 && strcmp(host, here) == 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* A lock whose process died on this machine is removed, one taker at a time: the
 * check is made again under a guard, so that a lock just taken by another is kept. */
static int take_over_if_dead(const char *path)
{
	char host[256];
	long pid = holder(path, host, sizeof(host));
	if (!dead_here(pid, host))
		return 0;
	grille_buf guard = GRILLE_BUF_INIT;
	if (grille_buf_printf(&guard, "%s.takeover", path) < 0)
		return 0;
	int removed = 0;
	int fd = open(guard.ptr, O_CREAT | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0666);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) {
		char again[256];
		if (holder(path, again, sizeof(again)) == pid && strcmp(again, host) == 0)
			removed = unlink(path) == 0;
		flock(fd, LOCK_UN);
	}
	if (fd >= 0)
		close(fd);
	grille_buf_release(&guard);
	return removed;
}

int grille_lock_acquire(grille_lock **out, const char *dir, unsigned wait_ms)
{
	*out = NULL;
	struct grille_lock *lock = calloc(1, sizeof(*lock));
	if (!lock || !(lock->path = lock_path(dir))) {
		free(lock);
		return error__oom();
	}
	char host[256];
	host_name(host, sizeof(host));
	snprintf(lock->owner, sizeof(lock->owner), "%ld %s\n", (long)getpid(), host);
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		int rc = try_create(lock);
		if (rc == 1) {
			lock->held = 1;
			*out = lock;
			return 0;
		}
		if (rc < 0)
			break;
		if (take_over_if_dead(lock->path))
			continue; /* try again at once */
		clock_gettime(CLOCK_MONOTONIC, &now);
		long long waited = (now.tv_sec - start.tv_sec) * 1000LL + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (waited >= (long long)wait_ms) {
			char other[256];
			long pid = holder(lock->path, other, sizeof(other));
			if (pid)
				error__set(GRILLE_EEXISTS,
					_("l'espace de travail est occupé : une autre commande grille (processus %ld sur %s) "
					  "le modifie en ce moment et a posé le verrou « %s ». Attendez qu'elle ait fini, puis "
					  "recommencez ; si aucune commande grille ne tourne plus, supprimez ce fichier."),
					pid, other[0] ? other : "?", lock->path);
			else
				error__set(GRILLE_EEXISTS,
					_("l'espace de travail est occupé : une autre commande grille le modifie en ce moment "
					  "et a posé le verrou « %s ». Attendez qu'elle ait fini, puis recommencez ; si aucune "
					  "commande grille ne tourne plus, supprimez ce fichier."), lock->path);
			break;
		}
		long long left = (long long)wait_ms - waited;
		struct timespec pause = { 0, (left < POLL_MS ? left : POLL_MS) * 1000000L };
		nanosleep(&pause, NULL);
	}
	int code = grille_error_last_code();
	grille_lock_release(lock);
	*out = NULL;
	return code;
}

const char *grille_lock_path(const grille_lock *lock)
{
	return lock->path;
}

void grille_lock_release(grille_lock *lock)
{
	if (!lock)
		return;
	char host[256];
	if (lock->held && holder(lock->path, host, sizeof(host)) == (long)getpid())
		unlink(lock->path); /* only our own: never one another took over */
	free(lock->path);
	free(lock);
}
