#ifndef GRILLE_CLI_STATUS_FINGERPRINT_H
#define GRILLE_CLI_STATUS_FINGERPRINT_H

/* The fingerprint of a status kept whole (status_kept.h): the command line,
 * the terminal, the environment and the stat data of everything a status
 * depends on. libc only, as status_kept.c. */
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define KEPT_FILE "grille/status-kept"

struct bytes {
	char *ptr;
	size_t len, cap;
	int failed;
};

/* What a status depends on, in bytes; `newest` is the latest time any file recorded was changed. */
struct fingerprint {
	struct bytes bytes;
	int64_t newest_ns;
	char *git_dir;
	int terminal;      /* stdout is a terminal */
	const char *pager; /* and the output goes through this pager; NULL: printed as it is */
};

void kept_put(struct bytes *b, const void *data, size_t len);
void kept_put_u64(struct bytes *b, uint64_t value);
int64_t kept_nanoseconds(const struct timespec *t);
/* `dir`/`name`, allocated; NULL when out of memory. */
char *kept_joined(const char *dir, const char *name);
/* A small regular file, never through a link: 0 with its bytes, 1 when it does not exist, -1 otherwise. */
int kept_read_small(struct bytes *out, const char *path, size_t max);
/* 0 with `f` made, or -1: this run is not one to keep or to serve. */
int kept_fingerprint(struct fingerprint *f, int argc, char **argv, const char *module);

#endif
