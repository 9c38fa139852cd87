#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/buf.h"
#include "grille/error.h"
#include "errors.h"

/* Once an allocation failed, the buffer is marked and stays so: every later
 * append is refused, so that a renderer can append freely and check once
 * (libgit2's git_str__oom), and a lost fragment can never go unnoticed. */
static int mark_oom(grille_buf *buf)
{
	buf->oom = 1;
	return error__oom();
}

int grille_buf_grow(grille_buf *buf, size_t extra)
{
	if (buf->oom)
		return error__oom();
	if (extra >= (size_t)-1 - buf->len - 1)
		return mark_oom(buf);
	size_t need = buf->len + extra + 1;
	if (need <= buf->cap)
		return 0;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap < need)
		cap = cap > (size_t)-1 / 2 ? need : cap * 2;
	char *ptr = realloc(buf->ptr, cap);
	if (!ptr)
		return mark_oom(buf);
	buf->ptr = ptr;
	buf->cap = cap;
	return 0;
}

int grille_buf_put(grille_buf *buf, const void *data, size_t len)
{
	int error = grille_buf_grow(buf, len);
	if (error)
		return error;
	if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

int grille_buf_puts(grille_buf *buf, const char *str)
{
	return grille_buf_put(buf, str, strlen(str));
}

int grille_buf_vprintf(grille_buf *buf, const char *fmt, va_list ap)
{
	if (buf->oom)
		return error__oom();
	va_list again;
	va_copy(again, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	int error = len < 0 ? mark_oom(buf) : grille_buf_grow(buf, (size_t)len);
	if (!error) {
		vsnprintf(buf->ptr + buf->len, (size_t)len + 1, fmt, again);
		buf->len += (size_t)len;
	}
	va_end(again);
	return error;
}

int grille_buf_printf(grille_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int error = grille_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return error;
}

int grille_buf_oom(const grille_buf *buf)
{
	return buf->oom;
}

void grille_buf_oom_from(grille_buf *buf, const grille_buf *piece)
{
	buf->oom |= piece->oom;
}

void grille_buf_clear(grille_buf *buf)
{
	buf->len = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

char *grille_buf_detach(grille_buf *buf)
{
	char *ptr = buf->oom ? NULL : buf->ptr ? buf->ptr : calloc(1, 1);
	if (buf->oom)
		free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	buf->oom = 0;
	return ptr;
}

void grille_buf_release(grille_buf *buf)
{
	free(buf->ptr);
	buf->ptr = NULL;
	buf->len = buf->cap = 0;
	buf->oom = 0;
}
