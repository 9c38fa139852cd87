#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/error.h"
#include "binio.h"
#include "errors.h"
#include "fs.h"

void bin__put_u32(grille_buf *out, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	                       (unsigned char)(v >> 24) };
	grille_buf_put(out, b, sizeof(b));
}

void bin__put_u64(grille_buf *out, uint64_t v)
{
	bin__put_u32(out, (uint32_t)v);
	bin__put_u32(out, (uint32_t)(v >> 32));
}

void bin__put_str(grille_buf *out, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	if (len >= UINT32_MAX) {
		out->oom = 1; /* nothing grille reads could hold it: no file rather than a wrong one */
		return;
	}
	bin__put_u32(out, s ? (uint32_t)len + 1 : 0);
	if (s)
		grille_buf_put(out, s, len);
}

struct bin_reader bin__reader(const void *data, size_t len)
{
	struct bin_reader r = { data, (const unsigned char *)data + len, 0, 0 };
	return r;
}

uint32_t bin__get_u32(struct bin_reader *r)
{
	if (r->bad || r->end - r->at < 4) {
		r->bad = 1;
		return 0;
	}
	const unsigned char *b = r->at;
	r->at += 4;
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

uint64_t bin__get_u64(struct bin_reader *r)
{
	uint64_t low = bin__get_u32(r);
	return low | (uint64_t)bin__get_u32(r) << 32;
}

size_t bin__get_count(struct bin_reader *r, size_t min_bytes)
{
	uint32_t n = bin__get_u32(r);
	if ((size_t)(r->end - r->at) / min_bytes < n)
		r->bad = 1;
	return r->bad ? 0 : n;
}

const char *bin__get_bytes(struct bin_reader *r, size_t len)
{
	if (r->bad || (size_t)(r->end - r->at) < len) {
		r->bad = 1;
		return NULL;
	}
	const char *p = (const char *)r->at;
	r->at += len;
	return p;
}

char *bin__get_str(struct bin_reader *r, int required)
{
	uint32_t n = bin__get_u32(r);
	if (n == 0) {
		if (required)
			r->bad = 1;
		return NULL;
	}
	const char *bytes = bin__get_bytes(r, n - 1);
	if (!bytes || memchr(bytes, '\0', n - 1)) {
		r->bad = 1;
		return NULL;
	}
	char *s = strndup(bytes, n - 1);
	if (!s)
		r->oom = 1;
	return s;
}

int bin__ok(const struct bin_reader *r)
{
	return !r->bad && !r->oom;
}

/* `head` then `data` into `path`, as bin__write_own_file() says. */
static void write_own(const char *path, const void *head, size_t head_len, const void *data, size_t len)
{
	int code = grille_error_last_code();
	char *message = code ? strdup(grille_error_last()) : NULL;
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		unlink(path); /* grille's own file: a tube or a link there is put aside */
	struct grille_fs_atomic file;
	if (fs__atomic_open(&file, path) == 0) {
		file.unsynced = 1;
		if (fs__atomic_write(&file, head, head_len) == 0 && fs__atomic_write(&file, data, len) == 0)
			fs__atomic_commit(&file);
		else
			fs__atomic_abort(&file);
	}
	grille_error_clear();
	if (code && message)
		error__set(code, "%s", message);
	free(message);
}

void bin__write_own_file(const char *path, const void *data, size_t len)
{
	write_own(path, "", 0, data, len);
}

void bin__write_own_checked(const char *path, const void *head, size_t head_len, const void *data, size_t len)
{
	write_own(path, head, head_len, data, len);
}
