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

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
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
	int output;       /* what stdout gets meanwhile: a file in memory, or an unlinked temporary one */
	int argc;
	char **argv;
	const char *module;
};

static struct status_kept *capturing; /* for status_kept_paging() */

/* Where stdout goes while captured: memory (no file system's blocks to
 * reserve for megabytes that are read back at once), else a temporary file. */
static int capture_file(void)
{
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
	k->output = capture_file();
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

/* Written beside, then renamed: a reader sees the old file or the new one. */
static void save(const struct fingerprint *f, const char *output, size_t output_len)
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
	if (!head.failed && target && temp) {
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
	 * mapped at once (all are read), not one fault for each 4 KiB. */
	struct stat st;
	int unread = fstat(k->output, &st) != 0 || st.st_size < 0 || (uintmax_t)st.st_size > SIZE_MAX;
	size_t output_len = unread ? 0 : (size_t)st.st_size;
	void *mapped = output_len ? mmap(NULL, output_len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, k->output, 0) : NULL;
	if (mapped == MAP_FAILED) {
		unread = 1;
		mapped = NULL;
	}
	const char *output = mapped ? mapped : "";
	close(k->output);
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
		save(&after, output, output_len);
	int saved_errno = errno;
	if (keep) {
		free(after.bytes.ptr);
		free(after.git_dir);
	}
	if (mapped)
		munmap(mapped, output_len);
	free(k->before.bytes.ptr);
	free(k->before.git_dir);
	free(k);
	errno = saved_errno;
	return code;
}
