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

#define is_str(got, want, ...) \
	(void)(ok((got) && strcmp((got), (want)) == 0, __VA_ARGS__) || \
	 printf("#   got:  %s\n#   want: %s\n", (got) ? (got) : "(null)", (want)))

#define contains(got, want, ...) \
	(void)(ok((got) && strstr((got), (want)), __VA_ARGS__) || \
	 printf("#   got:  %s\n#   want it to contain: %s\n", (got) ? (got) : "(null)", (want)))

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
