#ifndef GRILLE_BINIO_H
#define GRILLE_BINIO_H

#include <stddef.h>
#include <stdint.h>

#include "grille/buf.h"

/*
 * The binary form of grille's own files under .git/grille/ (the grid's
 * snapshot, the stat cache): numbers little-endian, strings as their length
 * plus one (0 for none) then their bytes. Written in one buffer; read back
 * through a reader that checks every length against what remains, so that a
 * damaged or hostile file is refused, never read past.
 */

void bin__put_u32(grille_buf *out, uint32_t v);
void bin__put_u64(grille_buf *out, uint64_t v);
/* A string (NULL allowed); one too long for the format marks `out` out of memory. */
void bin__put_str(grille_buf *out, const char *s);

struct bin_reader {
	const unsigned char *at, *end;
	int bad; /* read past the end, or read what the writer never writes */
	int oom;
};

struct bin_reader bin__reader(const void *data, size_t len);
uint32_t bin__get_u32(struct bin_reader *r);
uint64_t bin__get_u64(struct bin_reader *r);
/* A count of things each at least `min_bytes` long: never more than what remains could hold. */
size_t bin__get_count(struct bin_reader *r, size_t min_bytes);
/* `len` bytes in place, or NULL (and r->bad). */
const char *bin__get_bytes(struct bin_reader *r, size_t len);
/* A string as a new allocation: NULL when none was written (r->bad if `required`),
 * or on any problem (r->bad, r->oom). A string holding a NUL byte is bad. */
char *bin__get_str(struct bin_reader *r, int required);
/* Nothing went wrong so far. */
int bin__ok(const struct bin_reader *r);

/* Write `data` as grille's own file `path` (a cache or a snapshot): atomically, after
 * removing a link or anything but a regular file there; a failure is silent, and
 * leaves the message of an error being reported as it was. Not synced (the
 * commands that keep a cache do not wait on the disk for it): a crash may leave
 * it empty or cut short, and every reader of one checks it whole (magic, format,
 * checksum, an end line or the JSON parse) and rebuilds what it cannot trust. */
void bin__write_own_file(const char *path, const void *data, size_t len);
/* The same, `head` then `data`, each written from where it lies. */
void bin__write_own_checked(const char *path, const void *head, size_t head_len, const void *data, size_t len);

#endif
