/* The growable buffer: appends, detach, and out of memory made sticky, so
 * that a renderer can append freely and check once. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "tap.h"

/* A failed allocation, without asking the allocator for the impossible:
 * a grow past what a size_t can count fails before any realloc(). */
static int fail_allocation(grille_buf *buf)
{
	return grille_buf_grow(buf, SIZE_MAX - 1);
}

static void appends(void)
{
	grille_buf buf = GRILLE_BUF_INIT;
	ok(!grille_buf_oom(&buf), "a new buffer has not failed");
	ok(grille_buf_puts(&buf, "abc") == 0 && grille_buf_put(&buf, "de", 2) == 0 &&
	   grille_buf_printf(&buf, "%d-%s", 42, "x") == 0, "appends succeed");
	is_str(buf.ptr, "abcde42-x", "and add up");
	ok(buf.len == 9 && buf.ptr[buf.len] == '\0', "ptr[len] is a NUL byte");
	grille_buf_clear(&buf);
	ok(buf.len == 0 && buf.ptr && buf.ptr[0] == '\0', "clear empties, keeping the memory");
	char *text = grille_buf_detach(&buf);
	is_str(text, "", "an empty buffer detaches as an empty string");
	free(text);
	ok(!buf.ptr && !buf.len && !buf.cap, "detach leaves the buffer empty");
}

static void sticky_oom(void)
{
	grille_buf buf = GRILLE_BUF_INIT;
	grille_buf_puts(&buf, "before");
	grille_error_clear();
	ok(fail_allocation(&buf) == GRILLE_ENOMEM, "a grow that cannot be made is GRILLE_ENOMEM");
	ok(grille_buf_oom(&buf), "and marks the buffer");
	ok(grille_error_last_code() == GRILLE_ENOMEM && grille_error_last()[0], "with a message");
	ok(grille_buf_puts(&buf, "after") == GRILLE_ENOMEM, "a later puts is refused");
	ok(grille_buf_put(&buf, "x", 1) == GRILLE_ENOMEM, "so is a put");
	ok(grille_buf_printf(&buf, "%s", "y") == GRILLE_ENOMEM, "and a printf");
	ok(grille_buf_grow(&buf, 1) == GRILLE_ENOMEM, "and even a small grow");
	is_str(buf.ptr, "before", "nothing was added after the failure");
	ok(buf.len == 6, "the length did not move");
	grille_buf_clear(&buf);
	ok(grille_buf_oom(&buf), "clear keeps the mark");
	ok(grille_buf_puts(&buf, "z") == GRILLE_ENOMEM, "so appends stay refused");

	grille_buf into = GRILLE_BUF_INIT;
	grille_buf_puts(&into, "ok");
	ok(!grille_buf_oom(&into), "another buffer is fine");
	grille_buf_oom_from(&into, &buf);
	ok(grille_buf_oom(&into), "until a lost piece is carried into it");
	grille_buf_release(&into);
	ok(!grille_buf_oom(&into), "release lifts the mark");
	ok(grille_buf_puts(&into, "again") == 0 && strcmp(into.ptr, "again") == 0, "and the buffer works again");
	grille_buf_release(&into);

	ok(grille_buf_detach(&buf) == NULL, "a failed buffer detaches as NULL (partial content freed)");
	ok(!grille_buf_oom(&buf) && !buf.ptr, "and is left empty, mark lifted");

	grille_buf fresh = GRILLE_BUF_INIT;
	ok(fail_allocation(&fresh) == GRILLE_ENOMEM && grille_buf_oom(&fresh), "a buffer that never held anything can fail too");
	ok(grille_buf_puts(&fresh, "a") == GRILLE_ENOMEM && !fresh.ptr, "and stays without memory");
	grille_buf_release(&fresh);
}

int main(void)
{
	grille_init();
	appends();
	sticky_oom();
	grille_shutdown();
	return tap_done();
}
