#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/text.h"
#include "errors.h"
#include "json_out.h"

int json__put(grille_buf *out, json_t *root)
{
	char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	int error = text ? grille_buf_puts(out, text) : error__oom();
	if (!error)
		error = grille_buf_puts(out, "\n");
	free(text);
	return error;
}

json_t *json__text(const char *s)
{
	if (!s)
		return json_null();
	size_t len = strlen(s);
	if (grille_text_is_clean(s, len, GRILLE_TEXT_UTF8))
		return json_stringn(s, len);
	grille_buf clean = GRILLE_BUF_INIT;
	json_t *string = grille_text_clean(&clean, s, len, GRILLE_TEXT_UTF8) == 0 ? json_stringn(clean.ptr, clean.len) : NULL;
	grille_buf_release(&clean);
	return string;
}
