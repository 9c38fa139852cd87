/* json__put() writes what json_dumps(JSON_INDENT(2) | JSON_PRESERVE_ORDER)
 * writes, byte for byte: every output of grille in JSON went through jansson's
 * dumper before, and scripts read them. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "json_out.h"
#include "tap.h"

/* Both writers on `root`; `root` is released. */
static void same_as_jansson(json_t *root, const char *what)
{
	char *want = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	grille_buf got = GRILLE_BUF_INIT;
	grille_buf_puts(&got, "before ");
	int error = json__put(&got, root);
	ok(error == 0 && want, "%s: written", what);
	grille_buf expected = GRILLE_BUF_INIT;
	grille_buf_printf(&expected, "before %s\n", want ? want : "");
	is_str(got.ptr, expected.ptr, "%s: as jansson writes it", what);
	free(want);
	grille_buf_release(&got);
	grille_buf_release(&expected);
}

/* What a writer hands on, gathered; the call numbered `fail_at` (from 1) fails. */
struct gathered {
	grille_buf all;
	int calls, fail_at;
};

static int gather(const char *data, size_t len, void *arg)
{
	struct gathered *g = arg;
	if (++g->calls == g->fail_at)
		return -1;
	return grille_buf_put(&g->all, data, len);
}

/* A document of half a megabyte, written piece by piece: the same bytes, from a buffer
 * that stays small; a sink that fails stops the writing. */
static void test_sink(void)
{
	json_t *big = json_array();
	for (int i = 0; i < 3000; i++) {
		json_t *item = json_object();
		json_object_set_new(item, "id", json_integer(i));
		json_object_set_new(item, "text", json_string("Une réponse assez longue pour que le document "
		                                              "dépasse de loin ce que garde le tampon « »"));
		json_array_append_new(big, item);
	}
	char *want = json_dumps(big, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	grille_buf expected = GRILLE_BUF_INIT;
	grille_buf_printf(&expected, "%s\n", want ? want : "");

	grille_buf piece = GRILLE_BUF_INIT;
	struct gathered g = { GRILLE_BUF_INIT, 0, 0 };
	json_writer w = JSON_WRITER_INIT(&piece);
	w.sink = gather;
	w.sink_arg = &g;
	json__value(&w, big, 0);
	ok(json__finish(&w) == 0, "written through a sink");
	is_str(g.all.ptr, expected.ptr, "the same bytes as jansson's");
	ok(g.calls >= (int)(expected.len / JSON_SINK_BYTES), "handed on in %d pieces", g.calls);
	ok(piece.cap <= 2 * JSON_SINK_BYTES, "from a buffer of %zu bytes, not the document's %zu", piece.cap,
	   expected.len);
	grille_buf_release(&piece);
	grille_buf_release(&g.all);

	struct gathered failing = { GRILLE_BUF_INIT, 0, 2 };
	json_writer w2 = JSON_WRITER_INIT(&piece);
	w2.sink = gather;
	w2.sink_arg = &failing;
	json__value(&w2, big, 0);
	ok(json__finish(&w2) != 0 && w2.sink_failed, "a sink that fails fails the writer");
	ok(failing.calls == 2, "and is not called again (%d calls)", failing.calls);
	grille_buf_release(&piece);
	grille_buf_release(&failing.all);
	grille_buf_release(&expected);
	free(want);
	json_decref(big);
}

int main(void)
{
	test_sink();
	same_as_jansson(json_object(), "an empty object");
	same_as_jansson(json_array(), "an empty array");

	json_t *o = json_object();
	json_object_set_new(o, "zéro", json_integer(0));
	json_object_set_new(o, "negative", json_integer(-9223372036854775807LL - 1));
	json_object_set_new(o, "big", json_integer(9223372036854775807LL));
	json_object_set_new(o, "null", json_null());
	json_object_set_new(o, "yes", json_true());
	json_object_set_new(o, "no", json_false());
	json_object_set_new(o, "empty list", json_array());
	json_object_set_new(o, "empty object", json_object());
	json_object_set_new(o, "a", json_string("« Réponse » : 10 € — 𝄞 ok"));
	json_object_set_new(o, "escapes", json_string("\"q\" \\b/ \b\f\n\r\t \x01\x1f\x7f end"));
	json_object_set_new(o, "nul", json_stringn("a\0b", 3));
	json_object_set_new(o, "key \"quoted\"\n", json_string(""));
	json_t *list = json_array();
	for (int i = 0; i < 3; i++) {
		json_t *item = json_object();
		json_object_set_new(item, "id", json_integer(i));
		json_t *inner = json_array();
		json_array_append_new(inner, json_string("x"));
		json_array_append_new(inner, json_array());
		json_array_append_new(inner, json_null());
		json_object_set_new(item, "inner", inner);
		json_array_append_new(list, item);
	}
	json_object_set_new(o, "list", list);
	json_object_set_new(o, "later", json_string("set after the list"));
	json_object_set_new(o, "a", json_string("set again: keeps its place"));
	json_object_del(o, "no");
	same_as_jansson(o, "every kind of value, escapes and order");

	/* Deeper than the 32 spaces of one piece of indentation. */
	json_t *deep = json_array(), *at = deep;
	for (int i = 0; i < 20; i++) {
		json_t *next = json_object();
		json_array_append_new(at, json_string("level"));
		json_t *child = json_array();
		json_object_set_new(next, "child", child);
		json_array_append_new(at, next);
		at = child;
	}
	same_as_jansson(deep, "twenty levels deep");

	/* A string jansson never made (no check) that is not UTF-8: refused as
	 * json_dumps refuses it, with nothing appended. */
	json_t *bad = json_object();
	json_object_set_new_nocheck(bad, "text", json_stringn_nocheck("caf\xe9", 4));
	ok(json_dumps(bad, JSON_INDENT(2)) == NULL, "jansson refuses bytes that are not UTF-8");
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_puts(&out, "kept");
	ok(json__put(&out, bad) == GRILLE_ENOMEM, "json__put refuses them too");
	is_str(out.ptr, "kept", "and appends nothing");
	grille_buf_release(&out);

	ok(json__put(&out, NULL) == GRILLE_ENOMEM, "no tree: out of memory");
	grille_buf_release(&out);
	return tap_done();
}
