#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "yaml_read.h"

int grille_yaml_fail(grille_yaml_doc *y, const yaml_node_t *node, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return grille_error_set(GRILLE_EINVALID, "%s:%zu:%zu: %s", y->name,
	                        node->start_mark.line + 1, node->start_mark.column + 1, what);
}

yaml_node_t *grille_yaml_node(grille_yaml_doc *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

static const char *scalar_text(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

/* libyaml gives only an offset for bytes it could not decode: make it a line
 * and a column, pointing at the sequence's first byte. */
static int not_utf8(grille_yaml_doc *y, const char *data, size_t len, size_t offset)
{
	while (offset > 0 && offset <= len && ((unsigned char)data[offset - 1] & 0x80))
		offset--;
	size_t line = 1, column = 1;
	for (size_t i = 0; i < offset && i < len; i++) {
		if (data[i] == '\n') {
			line++;
			column = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			column++;
		}
	}
	return grille_error_set(GRILLE_EINVALID, _("%s:%zu:%zu: le texte n'est pas en UTF-8 valide : "
	                                           "enregistrez le fichier en UTF-8"), y->name, line, column);
}

int grille_yaml_load(grille_yaml_doc *y, const char *data, size_t len)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return grille_error_oom();
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	int error = 0;
	if (!yaml_parser_load(&parser, &y->doc)) {
		if (parser.error == YAML_READER_ERROR)
			error = not_utf8(y, data, len, parser.problem_offset);
		else if (parser.error == YAML_MEMORY_ERROR)
			error = grille_error_oom();
		else
			error = grille_error_set(GRILLE_EINVALID, _("%s:%zu:%zu: YAML invalide : %s%s%s"),
			                         y->name, parser.problem_mark.line + 1,
			                         parser.problem_mark.column + 1,
			                         parser.problem ? parser.problem : "?",
			                         parser.context ? ", " : "", parser.context ? parser.context : "");
	} else {
		y->loaded = 1;
		if (!yaml_document_get_root_node(&y->doc))
			error = grille_error_set(GRILLE_EINVALID, _("%s:1:1: le fichier est vide"), y->name);
	}
	yaml_parser_delete(&parser);
	return error;
}

void grille_yaml_release(grille_yaml_doc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

int grille_yaml_sequence(grille_yaml_doc *y, yaml_node_t *node, const char *key,
                         yaml_node_item_t **items, size_t *count)
{
	if (node->type != YAML_SEQUENCE_NODE)
		return grille_yaml_fail(y, node, _("« %s » doit être une liste (« - … »)"), key);
	*items = node->data.sequence.items.start;
	*count = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	return 0;
}

int grille_yaml_mapping(grille_yaml_doc *ld, yaml_node_t *map, grille_yaml_field *fields,
                        size_t count, const char *what)
{
	if (map->type != YAML_MAPPING_NODE)
		return grille_yaml_fail(ld, map, _("%s : une liste de clés (« clé: valeur ») est attendue ici"), what);
	for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = grille_yaml_node(ld, pair->key);
		if (key->type != YAML_SCALAR_NODE)
			return grille_yaml_fail(ld, key, _("%s : une clé doit être un simple mot"), what);
		grille_yaml_field *field = NULL;
		for (size_t i = 0; i < count; i++)
			if (strcmp(fields[i].key, scalar_text(key)) == 0)
				field = &fields[i];
		if (!field) {
			char known[256] = "";
			for (size_t i = 0; i < count; i++) {
				strncat(known, i ? ", " : "", sizeof(known) - strlen(known) - 1);
				strncat(known, fields[i].key, sizeof(known) - strlen(known) - 1);
			}
			return grille_yaml_fail(ld, key, _("%s : clé inconnue « %s » (clés possibles : %s)"), what,
			            scalar_text(key), known);
		}
		if (field->value)
			return grille_yaml_fail(ld, key, _("%s : clé « %s » en double"), what, field->key);
		field->value = grille_yaml_node(ld, pair->value);
	}
	for (size_t i = 0; i < count; i++)
		if (fields[i].required && !fields[i].value)
			return grille_yaml_fail(ld, map, _("%s : clé « %s » manquante"), what, fields[i].key);
	return 0;
}

/* Copy a scalar, trimmed of surrounding white space when `trim` is set. */
int grille_yaml_string(grille_yaml_doc *ld, yaml_node_t *node, const char *key, int trim,
                       int nonempty, char **out)
{
	*out = NULL;
	if (!node)
		return 0;
	if (node->type != YAML_SCALAR_NODE)
		return grille_yaml_fail(ld, node, _("la valeur de « %s » doit être un texte"), key);
	const char *text = scalar_text(node);
	size_t len = node->data.scalar.length;
	if (strlen(text) != len)
		return grille_yaml_fail(ld, node, _("la valeur de « %s » contient un caractère nul"), key);
	if (trim) {
		while (len && strchr(" \t\r\n", *text)) {
			text++;
			len--;
		}
		while (len && strchr(" \t\r\n", text[len - 1]))
			len--;
	}
	if (nonempty && len == 0)
		return grille_yaml_fail(ld, node, _("la valeur de « %s » est vide"), key);
	if (!(*out = strndup(text, len)))
		return grille_error_oom();
	return 0;
}

