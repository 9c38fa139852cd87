/* A status kept whole (status_kept.h); its fingerprint in status_fingerprint.c. */
#define _GNU_SOURCE /* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/hash.h"
#include "status_fingerprint.h"
#include "status_kept.h"
#include "tty.h"

enum {
	MAX_KEPT = 64 << 20, /* a kept file larger than this is not read */
};

/* The file's checksum: its head (the fingerprint's length and bytes, the
 * output's length), then the output, eight bytes at a time. A damaged file,
 * not an attack: the fingerprint is compared whole. */
static uint64_t checksum(const char *head, size_t head_len, const char *output, size_t output_len)
{
	return hash__words_on(hash__words(head, head_len), output, output_len);
}

static uint64_t get_u64(const char *p)
{
	uint64_t value;
	memcpy(&value, p, sizeof(value));
	return value;
}

/* All of `len` bytes, at offset `at`, or at the file's own offset when `at` is -1. */
static int write_at(int fd, const char *data, size_t len, off_t at)
{
	while (len) {
		ssize_t n = at < 0 ? write(fd, data, len) : pwrite(fd, data, len, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
		at = at < 0 ? at : at + n;
	}
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	return write_at(fd, data, len, -1);
}

/* What status printed, through `pager` (NULL: none) as start_pager() does: 0, or -1 with errno. */
static int print_output(const char *pager, const char *data, size_t len)
{
	int paged = pager && pager_open(pager) == 0;
	int error = write_all(STDOUT_FILENO, data, len);
	int saved_errno = errno;
	if (paged)
		pager_close();
	errno = saved_errno;
	return error;
}

int status_kept_serve(int argc, char **argv, const char *module)
{
	struct fingerprint f;
	if (kept_fingerprint(&f, argc, argv, module) < 0)
		return -1;
	char *path = kept_joined(f.git_dir, KEPT_FILE);
	struct bytes kept = { 0 };
	int served = -1;
	/* magic, the fingerprint's length and bytes, the output's length and bytes, the checksum */
	if (path && kept_read_small(&kept, path, MAX_KEPT) == 0 && !kept.failed && kept.len >= 3 * 8) {
		uint64_t fp_len = get_u64(kept.ptr);
		size_t rest = kept.len - 3 * 8;
		if (fp_len == f.bytes.len && fp_len <= rest && memcmp(kept.ptr + 8, f.bytes.ptr, fp_len) == 0) {
			uint64_t out_len = get_u64(kept.ptr + 8 + fp_len);
			const char *out = kept.ptr + 16 + fp_len;
			if (out_len == rest - fp_len &&
			    get_u64(out + out_len) == checksum(kept.ptr, 16 + fp_len, out, out_len))
				served = print_output(f.pager, out, (size_t)out_len) < 0 ? 1 : 0;
		}
	}
	int saved_errno = errno; /* the launcher says why the output could not be written */
	free(kept.ptr);
	free(path);
	free(f.bytes.ptr);
	free(f.git_dir);
	errno = saved_errno;
	return served;
}

struct status_kept {
	struct fingerprint before;
	int64_t started_ns;
	int saved_stdout;
	int saved_stderr; /* -1, or stderr joins stdout as it would join the pager */
	int paging;       /* the module reached start_pager(): the output goes to the pager */
	int output;       /* what stdout gets meanwhile: the kept file not yet named, memory, or a temporary file */
	size_t output_at; /* where the output starts in it: after the kept file's head, or at 0 */
	int argc;
	char **argv;
	const char *module;
};

static struct status_kept *capturing; /* for status_kept_paging() */

/* The kept file's head: the fingerprint's length and bytes, the output's length. */
static size_t head_length(const struct fingerprint *f)
{
	return 2 * sizeof(uint64_t) + f->bytes.len;
}

/*
 * Where stdout goes while captured: the kept file itself, unnamed yet
 * (O_TMPFILE in .git/grille/tmp), the output written after room left for
 * its head, so that keeping it is writing the head and linking the file
 * into place, not writing the megabytes of a large status a second time.
 * Else memory, else a temporary file, from which save() copies.
 */
static int capture_file(struct status_kept *k)
{
	k->output_at = 0;
#ifdef O_TMPFILE
	char *dir = k->before.git_dir ? kept_joined(k->before.git_dir, "grille") : NULL;
	char *tmp_dir = dir ? kept_joined(dir, "tmp") : NULL;
	/* Named at the end through /proc (linkat() with AT_EMPTY_PATH needs privileges). */
	int kept = -1;
	if (tmp_dir && access("/proc/self/fd", X_OK) == 0) {
		mkdir(dir, 0777);
		mkdir(tmp_dir, 0777);
		kept = open(tmp_dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
		off_t at = (off_t)head_length(&k->before);
		if (kept >= 0 && lseek(kept, at, SEEK_SET) == at)
			k->output_at = (size_t)at;
		else if (kept >= 0) {
			close(kept);
			kept = -1;
		}
	}
	free(dir);
	free(tmp_dir);
	if (kept >= 0)
		return kept;
#endif
	int fd = memfd_create("grille-status", MFD_CLOEXEC);
	if (fd >= 0)
		return fd;
	FILE *file = tmpfile();
	fd = file ? fcntl(fileno(file), F_DUPFD_CLOEXEC, 0) : -1;
	if (file)
		fclose(file);
	return fd;
}

struct status_kept *status_kept_begin(int argc, char **argv, const char *module)
{
	struct status_kept *k = calloc(1, sizeof(*k));
	if (!k)
		return NULL;
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) != 0 || kept_fingerprint(&k->before, argc, argv, module) < 0) {
		free(k);
		return NULL;
	}
	k->started_ns = kept_nanoseconds(&now);
	k->argc = argc;
	k->argv = argv;
	k->module = module;
	fflush(stdout);
	fflush(stderr);
	k->output = capture_file(k);
	k->saved_stdout = k->output >= 0 ? dup(STDOUT_FILENO) : -1;
	k->saved_stderr = -1;
	if (k->saved_stdout < 0 || dup2(k->output, STDOUT_FILENO) < 0) {
		if (k->saved_stdout >= 0)
			close(k->saved_stdout);
		if (k->output >= 0)
			close(k->output);
		free(k->before.bytes.ptr);
		free(k->before.git_dir);
		free(k);
		return NULL;
	}
	capturing = k;
	return k;
}

void status_kept_paging(void)
{
	struct status_kept *k = capturing;
	if (!k || !k->before.pager || k->paging)
		return;
	k->paging = 1;
	if (!isatty(STDERR_FILENO))
		return;
	fflush(stderr);
	k->saved_stderr = dup(STDERR_FILENO);
	if (k->saved_stderr >= 0 && dup2(k->output, STDERR_FILENO) < 0) {
		close(k->saved_stderr);
		k->saved_stderr = -1;
	}
}

/* The captured file (`fd`, the output at head_length(f)) given its head and
 * checksum, and named as the kept file: linked beside it, then renamed over
 * it. 0, or -1 with nothing named. */
static int keep_in_place(int fd, const struct bytes *head, uint64_t sum, size_t output_len,
                         const char *tmp_dir, const char *target)
{
	char proc[64], *temp = NULL;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (write_at(fd, head->ptr, head->len, 0) < 0 ||
	    write_at(fd, (const char *)&sum, sizeof(sum), (off_t)(head->len + output_len)) < 0)
		return -1;
	for (int attempt = 0; attempt < 100 && !temp; attempt++) {
		char name[64];
		/* The form of grille's temporary files: removed once this process is gone (grille-workspace(5)). */
		snprintf(name, sizeof(name), ".status-kept.%ld.%08x", (long)getpid(), (unsigned)attempt);
		if (!(temp = kept_joined(tmp_dir, name)))
			return -1;
		if (linkat(AT_FDCWD, proc, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) != 0) {
			int taken = errno == EEXIST;
			free(temp);
			temp = NULL;
			if (!taken)
				return -1;
		}
	}
	int error = temp && rename(temp, target) == 0 ? 0 : -1;
	if (temp && error)
		unlink(temp);
	free(temp);
	return error;
}

/* Written beside, then renamed: a reader sees the old file or the new one.
 * `captured` is the captured output, the kept file to be when output_at is not 0. */
static void save(const struct fingerprint *f, const char *output, size_t output_len, int captured,
                 size_t output_at)
{
	struct bytes head = { 0 };
	kept_put_u64(&head, f->bytes.len);
	kept_put(&head, f->bytes.ptr, f->bytes.len);
	kept_put_u64(&head, output_len);
	uint64_t sum = head.failed ? 0 : checksum(head.ptr, head.len, output, output_len);
	char *dir = kept_joined(f->git_dir, "grille");
	char *tmp_dir = dir ? kept_joined(dir, "tmp") : NULL;
	char *target = kept_joined(f->git_dir, KEPT_FILE);
	char *temp = tmp_dir ? kept_joined(tmp_dir, "status-kept.XXXXXX") : NULL;
	int kept = !head.failed && tmp_dir && target && output_at == head.len &&
	           keep_in_place(captured, &head, sum, output_len, tmp_dir, target) == 0;
	if (!kept && !head.failed && target && temp) {
		mkdir(dir, 0777);
		mkdir(tmp_dir, 0777);
		int fd = mkstemp(temp);
		if (fd >= 0) {
			int failed = write_all(fd, head.ptr, head.len) < 0 || write_all(fd, output, output_len) < 0 ||
			             write_all(fd, (const char *)&sum, sizeof(sum)) < 0;
			failed |= close(fd) != 0;
			if (failed || rename(temp, target) != 0)
				unlink(temp);
		}
	}
	free(head.ptr);
	free(dir);
	free(tmp_dir);
	free(target);
	free(temp);
}

int status_kept_terminal(const struct status_kept *k)
{
	return k && k->before.terminal;
}

int status_kept_end(struct status_kept *k, int status, unsigned long messages)
{
	if (!k)
		return status;
	capturing = NULL;
	fflush(stdout);
	fflush(stderr);
	dup2(k->saved_stdout, STDOUT_FILENO);
	close(k->saved_stdout);
	if (k->saved_stderr >= 0) {
		dup2(k->saved_stderr, STDERR_FILENO);
		close(k->saved_stderr);
	}
	/* What the command wrote, mapped: read where it lies, not copied; its pages
	 * mapped at once (all are read), not one fault for each 4 KiB. A file the
	 * command wrote nothing to ends before output_at (nothing extended it). */
	struct stat st;
	int unread = fstat(k->output, &st) != 0 || st.st_size < 0 || (uintmax_t)st.st_size > SIZE_MAX;
	size_t size = unread ? 0 : (size_t)st.st_size;
	size_t output_len = size > k->output_at ? size - k->output_at : 0;
	void *mapped = output_len ? mmap(NULL, size, PROT_READ, MAP_SHARED | MAP_POPULATE, k->output, 0) : NULL;
	if (mapped == MAP_FAILED) {
		unread = 1;
		mapped = NULL;
	}
	const char *output = mapped ? (const char *)mapped + k->output_at : "";
	/* Kept only when every input is the same as when the run began, and older than
	 * it by a second: a file changed within the same tick would stat the same.
	 * Compared before printing: a pager may show it for minutes. */
	struct fingerprint after;
	int keep = 0;
	if (!unread && status == 0 && !messages && k->paging == !!k->before.pager &&
	    k->before.newest_ns < k->started_ns - 1000000000 &&
	    kept_fingerprint(&after, k->argc, k->argv, k->module) == 0) {
		keep = after.bytes.len == k->before.bytes.len &&
		       memcmp(after.bytes.ptr, k->before.bytes.ptr, after.bytes.len) == 0;
		if (!keep) {
			free(after.bytes.ptr);
			free(after.git_dir);
		}
	}
	int code = status;
	const char *pager = k->paging ? k->before.pager : NULL;
	if (unread || print_output(pager, output, output_len) < 0) {
		code = -1;
		errno = unread ? EIO : errno;
	} else if (keep)
		save(&after, output, output_len, k->output, k->output_at);
	int saved_errno = errno;
	if (keep) {
		free(after.bytes.ptr);
		free(after.git_dir);
	}
	if (mapped)
		munmap(mapped, size);
	close(k->output);
	free(k->before.bytes.ptr);
	free(k->before.git_dir);
	free(k);
	errno = saved_errno;
	return code;
}
