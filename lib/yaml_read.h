#ifndef GRILLE_YAML_READ_H
#define GRILLE_YAML_READ_H

#include <stddef.h>
#include <yaml.h>

/* Reading YAML documents loaded by libyaml, with messages that say
 * "FILE:LINE:COL: what is wrong" for every problem in the input. */

typedef struct grille_yaml_doc {
	yaml_document_t doc;
	const char *name; /* what messages call the file */
	size_t mapping_count; /* of the document */
	int loaded;
} grille_yaml_doc;

/* One expected key of a mapping, and the value found for it. */
typedef struct grille_yaml_field {
	const char *key;
	int required;
	yaml_node_t *value;
} grille_yaml_field;

/* The most a YAML file of grille may weigh, and how deep its lists and
 * mappings may nest (grids need 8 levels, grille.yaml 4). */
#define GRILLE_YAML_MAX_SIZE (16 << 20)
#define GRILLE_YAML_MAX_DEPTH 32

/* Parse `len` bytes. Bad YAML, bytes that are not UTF-8, a NUL byte, control
 * characters, anchors and aliases, nesting deeper than GRILLE_YAML_MAX_DEPTH,
 * more than GRILLE_YAML_MAX_SIZE bytes and an empty document all fail with
 * GRILLE_EINVALID and the place. */
int yaml__load(grille_yaml_doc *y, const char *data, size_t len);
void yaml__release(grille_yaml_doc *y);

/* libyaml's `problem` (in `context`, either may be NULL) as a French
 * sentence saying what to do; `*at_context` is set when the place to show is
 * the context's start rather than the problem's. Never NULL. */
const char *yaml__problem_text(const char *problem, const char *context, int *at_context);

int yaml__fail(grille_yaml_doc *y, const yaml_node_t *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

yaml_node_t *yaml__node(grille_yaml_doc *y, int index);

/* Match a mapping's keys against `fields`: unknown, repeated and missing
 * required keys are errors; `what` names the mapping in messages. */
int yaml__mapping(grille_yaml_doc *y, yaml_node_t *map, grille_yaml_field *fields,
                        size_t count, const char *what);

/* Copy a scalar (NULL node: *out = NULL), trimmed if `trim`; an empty value
 * is an error if `nonempty`. */
int yaml__string(grille_yaml_doc *y, yaml_node_t *node, const char *key, int trim,
                       int nonempty, char **out);

/* The entries of a sequence node (GRILLE_EINVALID if it is not one). */
int yaml__sequence(grille_yaml_doc *y, yaml_node_t *node, const char *key,
                         yaml_node_item_t **items, size_t *count);

#endif
