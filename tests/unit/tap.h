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

__attribute__((format(printf, 5, 6)))
static inline void tap_is_str(const char *got, const char *want, const char *file, int line,
                              const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!tap_ok(got && strcmp(got, want) == 0, file, line, "%s", what))
		printf("#   got:  %s\n#   want: %s\n", got ? got : "(null)", want);
}

__attribute__((format(printf, 5, 6)))
static inline void tap_contains(const char *got, const char *want, const char *file, int line,
                                const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!tap_ok(got && strstr(got, want), file, line, "%s", what))
		printf("#   got:  %s\n#   want it to contain: %s\n", got ? got : "(null)", want);
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
