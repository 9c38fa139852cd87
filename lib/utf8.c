#include <string.h>

#include "utf8.h"

/* Written here rather than taken from cmark-gfm's utf8.h, which upstream does
 * not install. */

size_t utf8__decode(const char *s, size_t len, int32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c = p[0];
	*cp = -1;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t need;
	unsigned char lo = 0x80, hi = 0xbf; /* the range of the second byte */
	int32_t value;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		value = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		value = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0; /* overlong */
		else if (c == 0xed)
			hi = 0x9f; /* UTF-16 surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		value = c & 0x07;
		if (c == 0xf0)
			lo = 0x90; /* overlong */
		else if (c == 0xf4)
			hi = 0x8f; /* past U+10FFFF */
	} else {
		return 1; /* a continuation byte, C0, C1 (overlong) or F5..FF */
	}
	size_t i = 1;
	for (; i < need; i++) {
		if (i >= len || p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
			return i;
		value = (value << 6) | (p[i] & 0x3f);
	}
	*cp = value;
	return need;
}

/* Eight bytes, the first in the low bits whatever the machine's byte order. */
static uint64_t load_le64(const unsigned char *p)
{
	uint64_t word;
	memcpy(&word, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	word = __builtin_bswap64(word);
#endif
	return word;
}

enum { BLOCK = 64 };

/*
 * Whether the BLOCK bytes at `p`, from a character's start, are well formed
 * with no NUL and no character of three or four bytes: BLOCK, or BLOCK - 1
 * when the last byte starts a character that goes on past the block (the
 * next block starts with it); 0 otherwise, for the byte-by-byte path. Each
 * byte's top bits are moved to bit 7 of its byte, eight bytes at a time: a
 * lead byte C2..DF must be followed by one continuation byte 80..BF, and
 * every continuation byte must follow one. The words are independent but for
 * one bit carried, so that they go through the processor side by side.
 */
static size_t block_run(const unsigned char *p)
{
	const uint64_t highs = UINT64_C(0x8080808080808080), lows = UINT64_C(0x7f7f7f7f7f7f7f7f);
	uint64_t bad = 0, carried = 0, lead = 0;
	for (size_t k = 0; k < BLOCK; k += 8) {
		uint64_t word = load_le64(p + k);
		uint64_t b7 = word & highs, b6 = (word << 1) & highs, b5 = (word << 2) & highs;
		uint64_t zero = ~(((word & lows) + lows) | word) & highs;
		uint64_t wide = b7 & b6 & b5; /* E0..FF */
		lead = b7 & b6 & ~b5;
		uint64_t cont = b7 & ~b6;
		uint64_t overlong = lead & ~(((word & UINT64_C(0x1e1e1e1e1e1e1e1e)) + lows) & highs); /* C0, C1 */
		bad |= zero | wide | overlong | (cont ^ ((lead << 8) | carried));
		carried = (lead >> 56) & 0x80; /* a lead in the last byte: its continuation opens the next word */
	}
	return bad ? 0 : BLOCK - (size_t)(lead >> 63);
}

size_t utf8__first_bad(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		size_t run = len - i >= BLOCK ? block_run(p + i) : 0;
		if (run) {
			i += run;
			continue;
		}
		/* A block to go through a character at a time, then blocks again. */
		for (size_t stop = len - i > BLOCK ? i + BLOCK : len; i < stop;) {
			unsigned char c = p[i];
			if (c == 0)
				return i;
			if (c < 0x80) {
				i++;
				continue;
			}
			int32_t cp;
			size_t n = utf8__decode(s + i, len - i, &cp);
			if (cp < 0)
				return i;
			i += n;
		}
	}
	return len;
}

int utf8__is_space(int32_t cp)
{
	return cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r' || cp == ' ' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}
