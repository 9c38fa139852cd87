#ifndef GRILLE_ERRORS_H
#define GRILLE_ERRORS_H

#include <stdarg.h>

/* Record an error for grille_error_last() and return `code`, so that a
 * failing function can `return error__set(GRILLE_EIO, ...)`. */
int error__set(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record "what: strerror(errnum)"-style errors from the C library. */
int error__set_errno(int code, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prefix the current message with more context: "context : message". */
int error__prefix(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int error__oom(void);

#endif
