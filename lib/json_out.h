#ifndef GRILLE_JSON_OUT_H
#define GRILLE_JSON_OUT_H

#include <jansson.h>

#include "grille/buf.h"

/* Append `root` to `out` as indented JSON in key order, with a final newline,
 * and release it. A NULL root (jansson out of memory) is GRILLE_ENOMEM. */
int json__put(grille_buf *out, json_t *root);

/* A JSON string holding `s` (null for NULL), never refused: bytes that are
 * not UTF-8 become U+FFFD, so no field is ever dropped; jansson escapes the
 * rest. NULL only when out of memory. Every string grille writes as JSON is
 * made here. */
json_t *json__text(const char *s);

#endif
