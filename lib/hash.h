#ifndef GRILLE_HASH_H
#define GRILLE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* FNV-1a, 64 bits: small, fast and good enough for hash tables and for
 * telling texts apart in the scan cache (not against an adversary). */
#define HASH__FNV1A_INIT UINT64_C(14695981039346656037)

/* `h` (HASH__FNV1A_INIT to start) carried over `len` more bytes at `data`:
 * hashing a text in pieces gives what hashing it whole gives. */
static inline uint64_t hash__fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * UINT64_C(1099511628211);
	return h;
}

/* `h` carried over `len` more bytes, eight at a time: FNV-1a's step over
 * words. Unlike hash__fnv1a(), a text hashed in pieces gives another value
 * than hashed whole: hash the same pieces to compare. */
static inline uint64_t hash__words_on(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t word;
	size_t i = 0;
	h ^= (uint64_t)len;
	for (; i + 8 <= len; i += 8) {
		memcpy(&word, p + i, 8);
		h = (h ^ word) * UINT64_C(1099511628211);
		h ^= h >> 29;
	}
	return hash__fnv1a(h, p + i, len - i);
}

/* A checksum of `len` bytes, eight at a time, so that checking a file of
 * megabytes costs a fraction of a millisecond. Tells a file damaged by
 * accident from the one written; not against an adversary. */
static inline uint64_t hash__words(const void *data, size_t len)
{
	return hash__words_on(HASH__FNV1A_INIT, data, len);
}

#endif
