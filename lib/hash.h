#ifndef GRILLE_HASH_H
#define GRILLE_HASH_H

#include <stddef.h>
#include <stdint.h>

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

#endif
