/* yaml__load() builds its document from the events of the pass that checks
 * them: the document must be, node for node, the one libyaml's loader
 * (yaml_parser_load()) builds: same kinds, texts, styles, places, entries
 * and pairs. On the YAML texts below and on every file named on the command
 * line (the shipped grids, the test grids and settings). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <yaml.h>

#include "grille/grille.h"
#include "tap.h"
#include "yaml_read.h"

static int same_mark(yaml_mark_t a, yaml_mark_t b)
{
	return a.index == b.index && a.line == b.line && a.column == b.column;
}

/* The first difference between the two documents, or NULL. */
static const char *difference(const yaml_document_t *ours, const yaml_document_t *theirs, size_t *at)
{
	size_t count = (size_t)(ours->nodes.top - ours->nodes.start);
	*at = 0;
	if (count != (size_t)(theirs->nodes.top - theirs->nodes.start))
		return "number of nodes";
	for (size_t i = 0; i < count; i++) {
		const yaml_node_t *a = &ours->nodes.start[i], *b = &theirs->nodes.start[i];
		*at = i + 1;
		if (a->type != b->type)
			return "kind";
		if (!same_mark(a->start_mark, b->start_mark) || !same_mark(a->end_mark, b->end_mark))
			return "place";
		switch (a->type) {
		case YAML_SCALAR_NODE:
			if (a->data.scalar.length != b->data.scalar.length ||
			    memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) != 0 ||
			    a->data.scalar.value[a->data.scalar.length] != '\0')
				return "text";
			if (a->data.scalar.style != b->data.scalar.style)
				return "scalar style";
			break;
		case YAML_SEQUENCE_NODE: {
			size_t n = (size_t)(a->data.sequence.items.top - a->data.sequence.items.start);
			if (n != (size_t)(b->data.sequence.items.top - b->data.sequence.items.start) ||
			    (n && memcmp(a->data.sequence.items.start, b->data.sequence.items.start,
			                 n * sizeof(yaml_node_item_t)) != 0))
				return "entries";
			if (a->data.sequence.style != b->data.sequence.style)
				return "list style";
			break;
		}
		case YAML_MAPPING_NODE: {
			size_t n = (size_t)(a->data.mapping.pairs.top - a->data.mapping.pairs.start);
			if (n != (size_t)(b->data.mapping.pairs.top - b->data.mapping.pairs.start))
				return "number of pairs";
			for (size_t p = 0; p < n; p++)
				if (a->data.mapping.pairs.start[p].key != b->data.mapping.pairs.start[p].key ||
				    a->data.mapping.pairs.start[p].value != b->data.mapping.pairs.start[p].value)
					return "pairs";
			if (a->data.mapping.style != b->data.mapping.style)
				return "mapping style";
			break;
		}
		default:
			return "unknown kind";
		}
	}
	if (count && (!same_mark(ours->start_mark, theirs->start_mark) || !same_mark(ours->end_mark, theirs->end_mark)))
		return "document's place";
	return NULL;
}

static void compare(const char *data, size_t len, const char *name)
{
	grille_yaml_doc ours = { .name = name };
	int error = yaml__load(&ours, data, len);
	yaml_parser_t parser;
	yaml_document_t theirs;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	int loaded = yaml_parser_load(&parser, &theirs);
	if (error) {
		/* Refused (aliases, depth, bad text): no document left behind. */
		ok(!ours.loaded, "%s: refused, nothing kept (%s)", name, grille_error_last());
	} else {
		size_t at = 0;
		const char *diff = loaded ? difference(&ours.doc, &theirs, &at) : "libyaml's loader failed";
		if (!ok(!diff, "%s: the document libyaml's loader builds", name))
			printf("#   node %zu: %s\n", at, diff);
	}
	if (loaded)
		yaml_document_delete(&theirs);
	yaml_parser_delete(&parser);
	yaml__release(&ours);
}

static const char *const texts[] = {
	"grid: x\nversion: '1'\nsteps:\n  - id: 1\n    items: []\n",
	"a: [1, [2, 3], {b: c, d: [e]}]\nf: {}\ng:\nh: ~\n",
	"- |\n  bloc\n  de texte\n- >\n  replié\n  ici\n- \"guillemets \\u00e9\"\n- 'simples'' ici'\n",
	"# seulement un commentaire\n",
	"",
	"---\n",
	"---\na: 1\n...\n---\nb: 2\n",
	"? clé complexe\n: valeur\n? [a, b]\n: c\n",
	"!!str étiquette: !!map {a: !!seq [b]}\n",
	"- - - - profond\n      - encore\n  - x\n- y\n",
	"a:\n  - b:\n      c:\n        - d\n        - e: f\n          g: h\n",
	"texte seul\n",
	"a: b\n  c: d\n",  /* refused: bad indentation */
	"a: &ancre b\n", /* refused: anchor */
};

static void compare_file(const char *path)
{
	grille_buf data = GRILLE_BUF_INIT;
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		grille_buf_put(&data, chunk, n);
	if (ok(f != NULL, "%s: read", path))
		compare(data.ptr ? data.ptr : "", data.len, path);
	if (f)
		fclose(f);
	grille_buf_release(&data);
}

int main(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char name[32];
		snprintf(name, sizeof(name), "text %zu", i + 1);
		compare(texts[i], strlen(texts[i]), name);
	}
	/* A grid-shaped text of many nodes: the stacks grow many times. */
	grille_buf big = GRILLE_BUF_INIT;
	grille_buf_puts(&big, "grid: grand\nsteps:\n");
	for (int s = 1; s <= 3; s++) {
		grille_buf_printf(&big, "  - id: \"%d\"\n    items:\n", s);
		for (int i = 1; i <= 200; i++) {
			grille_buf_printf(&big, "      - id: \"%d.%d\"\n        title: Item %d\n        questions:\n", s, i, i);
			for (int q = 0; q < 5; q++)
				grille_buf_printf(&big, "          - {id: \"%d.%d.%c\", text: \"Q ?\", level: %d, options: [a, b]}\n",
				                  s, i, 'a' + q, 1 + q % 3);
		}
	}
	compare(big.ptr, big.len, "a generated grid of 3,000 questions");
	grille_buf_release(&big);

	for (int i = 1; i < argc; i++) {
		DIR *dir = opendir(argv[i]);
		if (!dir) {
			compare_file(argv[i]);
			continue;
		}
		int files = 0;
		for (struct dirent *e; (e = readdir(dir));) {
			size_t n = strlen(e->d_name);
			if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) {
				char path[4096];
				snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
				compare_file(path);
				files++;
			}
		}
		closedir(dir);
		ok(files > 0, "%s: YAML files found", argv[i]);
	}
	return tap_done();
}
