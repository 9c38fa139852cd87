#ifndef GRILLE_JSON_OUT_H
#define GRILLE_JSON_OUT_H

#include <jansson.h>

#include "grille/buf.h"

/* Append `root` to `out` as indented JSON in key order, with a final newline,
 * and release it. A NULL root (jansson out of memory) is GRILLE_ENOMEM. */
int grille_json_put(grille_buf *out, json_t *root);

#endif
