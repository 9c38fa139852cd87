#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/text.h"
#include "errors.h"
#include "json_out.h"
#include "utf8.h"

/* json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER), byte for byte, but
 * written straight into the buffer: jansson's dumper hands every piece to a
 * callback, checks every container against its parents through a hash table
 * and decodes every character; for the status of 10,000 questions (6 MB) it
 * took longer than building the tree. The depth is that of the trees grille
 * builds, never the input's. */

/* What the buffer holds, handed to the sink. */
static void hand_on(json_writer *w)
{
	grille_buf *out = w->out;
	if (out->len && !w->sink_failed && w->sink(out->ptr, out->len, w->sink_arg) < 0)
		w->failed = w->sink_failed = 1;
	out->len = w->start = 0;
}

/* Room for `len` more bytes: most pieces fit in what the buffer has. */
static int room(json_writer *w, size_t len)
{
	grille_buf *out = w->out;
	if (w->sink && out->len >= JSON_SINK_BYTES)
		hand_on(w);
	return (out->cap > out->len && out->cap - out->len > len) || grille_buf_grow(out, len) == 0;
}

/* Appended without the terminating NUL that grille_buf_put() writes each
 * time: json__finish() writes it once. */
static void put(json_writer *w, const char *s, size_t len)
{
	if (room(w, len)) {
		memcpy(w->out->ptr + w->out->len, s, len);
		w->out->len += len;
	}
}

static const char spaces[] = "\n                                                              ";

void json__indent(json_writer *w, int depth)
{
	size_t n = (size_t)depth * 2;
	if (n < sizeof(spaces) - 1) {
		put(w, spaces, n + 1);
		return;
	}
	put(w, "\n", 1);
	for (; n > 0;) {
		size_t piece = n < sizeof(spaces) - 2 ? n : sizeof(spaces) - 2;
		put(w, spaces + 1, piece);
		n -= piece;
	}
}

/* Whether byte `c` is written escaped in a JSON string. */
static int escaped(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/* Quoted and escaped as jansson does: backslash, quote, and control
 * characters below U+0020 (the short forms it knows, else \u00XX); the rest
 * as UTF-8, which a string must be (else the writer fails, as jansson
 * refuses it). */
/* Whether `len` bytes are UTF-8, NUL bytes included (written as \u0000). */
static int utf8_with_nuls(const char *s, size_t len)
{
	for (size_t at = 0; (at += utf8__first_bad(s + at, len - at)) < len; at++)
		if (s[at] != '\0')
			return 0;
	return 1;
}

void json__string(json_writer *w, const char *s, size_t len)
{
	if (!utf8_with_nuls(s, len)) {
		w->failed = 1;
		return;
	}
	const unsigned char *u = (const unsigned char *)s;
	put(w, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = u[i];
		if (!escaped(c))
			continue;
		put(w, s + run, i - run);
		char code[8];
		const char *text = code;
		switch (c) {
		case '"': text = "\\\""; break;
		case '\\': text = "\\\\"; break;
		case '\b': text = "\\b"; break;
		case '\f': text = "\\f"; break;
		case '\n': text = "\\n"; break;
		case '\r': text = "\\r"; break;
		case '\t': text = "\\t"; break;
		default: snprintf(code, sizeof(code), "\\u%04X", c); break;
		}
		put(w, text, strlen(text));
		run = i + 1;
	}
	put(w, s + run, len - run);
	put(w, "\"", 1);
}

void json__value(json_writer *w, const json_t *json, int depth)
{
	char number[32];
	switch (json_typeof(json)) {
	case JSON_NULL:
		put(w, "null", 4);
		break;
	case JSON_TRUE:
		put(w, "true", 4);
		break;
	case JSON_FALSE:
		put(w, "false", 5);
		break;
	case JSON_INTEGER: {
		int n = snprintf(number, sizeof(number), "%" JSON_INTEGER_FORMAT, json_integer_value(json));
		put(w, number, (size_t)n);
		break;
	}
	case JSON_STRING:
		json__string(w, json_string_value(json), json_string_length(json));
		break;
	case JSON_ARRAY: {
		size_t count = json_array_size(json);
		put(w, "[", 1);
		for (size_t i = 0; i < count && !w->failed; i++) {
			if (i)
				put(w, ",", 1);
			json__indent(w, depth + 1);
			json__value(w, json_array_get(json, i), depth + 1);
		}
		if (count)
			json__indent(w, depth);
		put(w, "]", 1);
		break;
	}
	case JSON_OBJECT: {
		void *iter = json_object_iter((json_t *)json);
		put(w, "{", 1);
		for (int first = 1; iter && !w->failed; first = 0) {
			if (!first)
				put(w, ",", 1);
			json__indent(w, depth + 1);
			json__string(w, json_object_iter_key(iter), json_object_iter_key_len(iter));
			put(w, ": ", 2);
			json__value(w, json_object_iter_value(iter), depth + 1);
			iter = json_object_iter_next((json_t *)json, iter);
		}
		if (json_object_size(json))
			json__indent(w, depth);
		put(w, "}", 1);
		break;
	}
	default: { /* a real: none of grille's outputs has one, but say it as jansson would */
		char *text = json_dumps(json, JSON_ENCODE_ANY);
		if (text)
			put(w, text, strlen(text));
		else
			w->failed = 1;
		free(text);
		break;
	}
	}
}

void json__raw(json_writer *w, const char *s)
{
	put(w, s, strlen(s));
}

void json__key(json_writer *w, int first, int depth, const char *key)
{
	if (!first)
		put(w, ",", 1);
	json__indent(w, depth);
	json__string(w, key, strlen(key));
	put(w, ": ", 2);
}

void json__integer(json_writer *w, long long n)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (n < 0)
		*--p = '-';
	put(w, p, (size_t)(digits + sizeof(digits) - p));
}

void json__text_value(json_writer *w, const char *s)
{
	if (!s) {
		put(w, "null", 4);
		return;
	}
	size_t len = strlen(s);
	if (utf8__first_bad(s, len) == len) {
		json__string(w, s, len);
		return;
	}
	grille_buf clean = GRILLE_BUF_INIT;
	if (grille_text_clean(&clean, s, len, GRILLE_TEXT_UTF8) == 0)
		json__string(w, clean.ptr ? clean.ptr : "", clean.len);
	else
		w->failed = 1;
	grille_buf_release(&clean);
}

int json__finish(json_writer *w)
{
	put(w, "\n", 1);
	if (w->sink && !grille_buf_oom(w->out))
		hand_on(w);
	if (room(w, 0))
		w->out->ptr[w->out->len] = '\0';
	if (w->failed && !grille_buf_oom(w->out)) {
		w->out->len = w->start; /* as json_dumps() gave nothing */
		if (w->out->ptr)
			w->out->ptr[w->start] = '\0';
	}
	return w->failed || grille_buf_oom(w->out) ? error__oom() : 0;
}

int json__put(grille_buf *out, json_t *root)
{
	json_writer w = JSON_WRITER_INIT(out);
	w.failed = root == NULL || (!json_is_object(root) && !json_is_array(root));
	if (!w.failed)
		json__value(&w, root, 0);
	json_decref(root);
	return json__finish(&w);
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
