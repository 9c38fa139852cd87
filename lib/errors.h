#ifndef GRILLE_ERRORS_H
#define GRILLE_ERRORS_H

#include <stdarg.h>

/* Record an error for grille_error_last() and return `code`, so that a
 * failing function can `return error__set(GRILLE_EIO, ...)`.
 *
 * The code decides the error's class (grille_error_class_of()), and the
 * class the command's exit code: GRILLE_EARGUMENT for what the caller
 * passed (an ID, a step, a name, a date, a text: the user typed it, grille
 * exits 2), GRILLE_EINVALID for what a file holds (exit 1). A check of an
 * argument lives in the library function that needs it, once: the CLI
 * does not check again. */
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
