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

/* Writing the same JSON piece by piece, for an output too large to build
 * as a tree first (the status of 10,000 questions): what json__put()
 * writes, with these calls at the depth (in levels of two spaces) of each
 * value. Failures are noted in the writer, checked once by json__finish(). */
typedef struct json_writer {
	grille_buf *out;
	size_t start; /* out's length before: a failure takes the JSON back out */
	int failed;   /* a string that is not UTF-8 (as jansson refuses it), a tree missing */
	/* When set, what `out` holds is handed to it every JSON_SINK_BYTES or so and
	 * `out` emptied: a document of megabytes never lies whole in memory. A
	 * failure then cannot take back what was handed on. -1 from it fails the writer. */
	int (*sink)(const char *data, size_t len, void *arg);
	void *sink_arg;
	int sink_failed;
} json_writer;

#define JSON_WRITER_INIT(out) { (out), (out)->len, 0, NULL, NULL, 0 }
#define JSON_SINK_BYTES ((size_t)64 * 1024)

/* `json` (a tree's values, of any kind) at `depth`. */
void json__value(json_writer *w, const json_t *json, int depth);
/* `len` bytes of UTF-8 as a JSON string. */
void json__string(json_writer *w, const char *s, size_t len);
/* `s` as json__text() would make it: null, the string, or its text made UTF-8. */
void json__text_value(json_writer *w, const char *s);
void json__integer(json_writer *w, long long n);
/* Text written as it is: "{", "null", "true". */
void json__raw(json_writer *w, const char *s);
/* A line break and the indentation of `depth`. */
void json__indent(json_writer *w, int depth);
/* The comma unless `first`, the line break, `key` and its colon: a member of
 * an object whose members stand at `depth`. */
void json__key(json_writer *w, int first, int depth, const char *key);
/* The final line break; 0, or GRILLE_ENOMEM with nothing of the JSON kept in
 * `out` (a failure, as json__put() says it). */
int json__finish(json_writer *w);

#endif
