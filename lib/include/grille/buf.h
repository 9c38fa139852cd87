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
 */
typedef struct grille_buf {
	char *ptr;
	size_t len;
	size_t cap;
} grille_buf;

#define GRILLE_BUF_INIT { NULL, 0, 0 }

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

/** Empty the buffer, keeping its memory. */
void grille_buf_clear(grille_buf *buf);

/**
 * Hand the content over to the caller, who frees it with free(); the buffer
 * is left empty. Returns an empty string (to free) for an empty buffer, or
 * NULL when out of memory.
 */
char *grille_buf_detach(grille_buf *buf);

/** Free the buffer's memory and leave it empty. */
void grille_buf_release(grille_buf *buf);

#endif
