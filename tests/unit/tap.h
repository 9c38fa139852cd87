#ifndef GRILLE_TAP_H
#define GRILLE_TAP_H

/* A tiny TAP producer for the unit tests: `meson test` reads its output. */

#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int tap_count;
static int tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((format(printf, 4, 5)))
static inline int tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%sok %d - ", pass ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s:%d\n", file, line);
	}
	return pass;
}

#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)
#define contains(got, want, ...) tap_contains((got), (want), __FILE__, __LINE__, __VA_ARGS__)

/* Report a comparison; `pass` decides, `want_label` names what was wanted. */
static inline void tap_compare(int pass, const char *got, const char *want, const char *want_label,
                               const char *file, int line, const char *fmt, va_list ap)
{
	char what[512];
	vsnprintf(what, sizeof(what), fmt, ap);
	if (!tap_ok(pass, file, line, "%s", what))
		printf("#   got:  %s\n#   %s %s\n", got ? got : "(null)", want_label, want);
}

__attribute__((format(printf, 5, 6)))
static inline void tap_is_str(const char *got, const char *want, const char *file, int line,
                              const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_compare(got && strcmp(got, want) == 0, got, want, "want:", file, line, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 5, 6)))
static inline void tap_contains(const char *got, const char *want, const char *file, int line,
                                const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_compare(got && strstr(got, want), got, want, "want it to contain:", file, line, fmt, ap);
	va_end(ap);
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
