#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"

static _Thread_local char last_message[4096];
static _Thread_local int last_code;

const char *grille_error_last(void)
{
	return last_message;
}

int grille_error_last_code(void)
{
	return last_code;
}

void grille_error_clear(void)
{
	last_message[0] = '\0';
	last_code = GRILLE_OK;
}

/* Messages longer than the buffer are cut, on purpose: they stay readable. */
static void append(const char *text)
{
	size_t used = strlen(last_message);
	size_t room = sizeof(last_message) - 1 - used;
	size_t len = strlen(text);
	if (len > room)
		len = room;
	memcpy(last_message + used, text, len);
	last_message[used + len] = '\0';
}

static int set_message(int code, const char *suffix, const char *fmt, va_list ap)
{
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	if (suffix)
		append(suffix);
	last_code = code;
	return code;
}

int error__set(int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int error__set_errno(int code, int errnum, const char *fmt, ...)
{
	char suffix[512];
	snprintf(suffix, sizeof(suffix), " : %s", strerror(errnum));
	va_list ap;
	va_start(ap, fmt);
	set_message(code, suffix, fmt, ap);
	va_end(ap);
	return code;
}

int error__prefix(int code, const char *fmt, ...)
{
	char previous[sizeof(last_message)];
	memcpy(previous, last_message, sizeof(previous));
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	va_end(ap);
	if (previous[0]) {
		append(_(" : "));
		append(previous);
	}
	last_code = code;
	return code;
}

int error__oom(void)
{
	return error__set(GRILLE_ENOMEM, "%s", _("mémoire insuffisante"));
}

grille_error_class grille_error_class_of(int code)
{
	switch (code) {
	case GRILLE_OK: return GRILLE_ERROR_CLASS_NONE;
	case GRILLE_ENOWORKSPACE: return GRILLE_ERROR_CLASS_USAGE;
	case GRILLE_EARGUMENT: return GRILLE_ERROR_CLASS_INPUT;
	case GRILLE_EINVALID:
	case GRILLE_ENOTFOUND: return GRILLE_ERROR_CLASS_CONTENT;
	case GRILLE_EEXISTS:
	case GRILLE_ECONFLICT: return GRILLE_ERROR_CLASS_CONFLICT;
	case GRILLE_EGIT:
	case GRILLE_ENOIDENTITY: return GRILLE_ERROR_CLASS_GIT;
	case GRILLE_EIO: return GRILLE_ERROR_CLASS_IO;
	case GRILLE_ENOMEM: return GRILLE_ERROR_CLASS_NOMEM;
	default: return GRILLE_ERROR_CLASS_OTHER;
	}
}
