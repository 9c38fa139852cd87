#include <stdlib.h>

#include "grille/error.h"
#include "errors.h"
#include "json_out.h"

int grille_json_put(grille_buf *out, json_t *root)
{
	char *text = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(root);
	int error = text ? grille_buf_puts(out, text) : grille_error_oom();
	if (!error)
		error = grille_buf_puts(out, "\n");
	free(text);
	return error;
}
