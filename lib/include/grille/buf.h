#ifndef GRILLE_BUF_H
#define GRILLE_BUF_H

#include <stdarg.h>
#include <stddef.h>

/**
 * A growable byte buffer, the one type every renderer writes into.
 *
 * Caller-owned: initialise with GRILLE_BUF_INIT, give the memory back with
 * grille_buf_release(). Once anything was added, `ptr[len]` is a NUL byte,
 * so `ptr` can be used as a C string when the content holds no NUL.
 *
 * Out of memory is sticky: once an allocation failed, the buffer is marked,
 * every later grow or append is a no-op returning GRILLE_ENOMEM, and
 * grille_buf_oom() says so. A renderer can thus append without checking each
 * call and check once, before it hands the content on (libgit2's git_str
 * does the same). The content kept is what was there before the failure:
 * never use it as complete. grille_buf_clear() keeps the mark;
 * grille_buf_release() and grille_buf_detach() lift it.
 */
typedef struct grille_buf {
	char *ptr;
	size_t len;
	size_t cap;
	int oom; /**< an allocation failed: see grille_buf_oom() */
} grille_buf;

#define GRILLE_BUF_INIT { NULL, 0, 0, 0 }

/** Make room for `extra` more bytes. 0 or GRILLE_ENOMEM. */
int grille_buf_grow(grille_buf *buf, size_t extra);

/** Append `len` bytes. 0 or GRILLE_ENOMEM. */
int grille_buf_put(grille_buf *buf, const void *data, size_t len);

/** Append a C string. 0 or GRILLE_ENOMEM. */
int grille_buf_puts(grille_buf *buf, const char *str);

/** Append formatted text. 0 or GRILLE_ENOMEM. */
int grille_buf_printf(grille_buf *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** As grille_buf_printf(), with a va_list. */
int grille_buf_vprintf(grille_buf *buf, const char *fmt, va_list ap);

/** 1 if an allocation failed since the buffer was initialised or released, else 0. */
int grille_buf_oom(const grille_buf *buf);

/**
 * Mark `buf` out of memory when `piece` is: for a piece built in a buffer of
 * its own before being copied into `buf`, so that what it lost counts as
 * lost in `buf` too.
 */
void grille_buf_oom_from(grille_buf *buf, const grille_buf *piece);

/** Empty the buffer, keeping its memory (and the out-of-memory mark). */
void grille_buf_clear(grille_buf *buf);

/**
 * Hand the content over to the caller, who frees it with free(); the buffer
 * is left empty, its mark lifted. Returns an empty string (to free) for an
 * empty buffer, or NULL when out of memory, now or at an earlier append
 * (the partial content is then freed).
 */
char *grille_buf_detach(grille_buf *buf);

/** Free the buffer's memory and leave it empty. */
void grille_buf_release(grille_buf *buf);

#endif
