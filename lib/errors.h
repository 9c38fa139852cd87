#ifndef GRILLE_ERRORS_H
#define GRILLE_ERRORS_H

#include <stdarg.h>

/* Record an error for grille_error_last() and return `code`, so that a
 * failing function can `return grille_error_set(GRILLE_EIO, ...)`. */
int grille_error_set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record "what: strerror(errnum)"-style errors from the C library. */
int grille_error_set_errno(int code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the current message with more context: "context : message". */
int grille_error_prefix(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int grille_error_oom(void);

#endif
