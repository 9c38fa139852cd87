#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "intl.h"
#include "scan.h"
#include "yaml_read.h"

int yaml__fail(grille_yaml_doc *y, const yaml_node_t *node, const char *fmt, ...)
{
	char what[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return error__set(GRILLE_EINVALID, "%s:%zu:%zu: %s", y->name,
	                        node->start_mark.line + 1, node->start_mark.column + 1, what);
}

yaml_node_t *yaml__node(grille_yaml_doc *y, int index)
{
	return yaml_document_get_node(&y->doc, index);
}

static const char *scalar_text(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

/* Line and column (1-based, counted in characters) of byte `offset`. */
static void place(const char *data, size_t len, size_t offset, size_t *line, size_t *column)
{
	*line = 1;
	*column = 1;
	for (size_t i = 0; i < offset && i < len; i++) {
		if (data[i] == '\n') {
			++*line;
			*column = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			++*column;
		}
	}
}

/* What libyaml's reader refused, at a byte offset: scan__check_text() has
 * already vouched for the UTF-8, so this is a control character (or, with a
 * byte order mark, UTF-16 it could not decode). */
static int reader_error(grille_yaml_doc *y, const char *data, size_t len, const yaml_parser_t *parser)
{
	size_t offset = parser->problem_offset, line, column;
	place(data, len, offset, &line, &column);
	if (parser->problem && strcmp(parser->problem, "control characters are not allowed") == 0 &&
	    offset < len)
		return error__set(GRILLE_EINVALID,
			_("%s:%zu:%zu: le fichier contient un caractère de contrôle invisible (U+%04X) : "
			  "retirez-le avec un éditeur de texte"), y->name, line, column,
			(unsigned)parser->problem_value);
	return error__set(GRILLE_EINVALID, _("%s:%zu:%zu: le texte n'est pas en UTF-8 valide : "
	                                           "enregistrez le fichier en UTF-8"), y->name, line, column);
}

/* libyaml's problems (scanner and parser of libyaml 0.2.5), said in French
 * with what to do. `context` NULL matches any context; `at_context` reports
 * the place where libyaml's context started (the key missing its ":", the
 * quote never closed) rather than where it gave up. */
static const struct yaml_problem {
	const char *problem;
	const char *context;
	int at_context;
	const char *french;
} problems[] = {
	{ "could not find expected ':'", NULL, 1,
	  N_("il manque « : » après une clé, ou une valeur est coupée sur deux lignes : "
	     "écrivez « clé: valeur », la valeur sur une seule ligne ou entre guillemets") },
	{ "mapping values are not allowed in this context", NULL, 0,
	  N_("une valeur contient « : » suivi d'un espace, ou une clé est mal alignée : "
	     "mettez la valeur entre guillemets, ou alignez la clé sur celles du dessus") },
	{ "did not find expected key", NULL, 0,
	  N_("cette ligne n'est pas alignée avec les clés du dessus, ou du texte suit une valeur entre "
	     "guillemets : alignez la ligne, ou mettez toute la valeur entre guillemets") },
	{ "found character that cannot start any token", NULL, 0,
	  N_("une valeur commence par un caractère réservé (« @ », « ` », « % ») ou une tabulation : "
	     "mettez la valeur entre guillemets, et indentez avec des espaces") },
	{ "found a tab character that violates indentation", NULL, 0,
	  N_("une tabulation sert de retrait : YAML n'accepte que des espaces, remplacez-la par des espaces") },
	{ "found a tab character where an indentation space is expected", NULL, 0,
	  N_("une tabulation sert de retrait : YAML n'accepte que des espaces, remplacez-la par des espaces") },
	{ "found unexpected end of stream", "while scanning a quoted scalar", 1,
	  N_("un texte entre guillemets n'est jamais refermé : ajoutez le guillemet de fin") },
	{ "found unexpected end of stream", NULL, 0,
	  N_("le fichier s'arrête au milieu d'une valeur : complétez-la ou retirez-la") },
	{ "found unexpected document indicator", NULL, 1,
	  N_("un texte entre guillemets n'est pas refermé avant une ligne « --- » ou « ... » : "
	     "ajoutez le guillemet de fin") },
	{ "block sequence entries are not allowed in this context", NULL, 0,
	  N_("un « - » de liste est mal placé : mettez-le au début de sa ligne, aligné sous la clé de la "
	     "liste, ou mettez la valeur entre guillemets si le tiret fait partie du texte") },
	{ "mapping keys are not allowed in this context", NULL, 0,
	  N_("un « ? » ne peut pas commencer une valeur ici : mettez la valeur entre guillemets") },
	{ "found unexpected ':'", NULL, 0,
	  N_("« : » inattendu dans une valeur entre crochets ou accolades : mettez la valeur entre guillemets") },
	{ "found unknown escape character", NULL, 0,
	  N_("une barre oblique inverse « \\ » entre guillemets doubles commence un code inconnu : "
	     "doublez-la (« \\\\ ») ou mettez la valeur entre guillemets simples") },
	{ "did not find expected hexdecimal number", NULL, 0,
	  N_("un code de caractère (« \\x », « \\u », « \\U ») est incomplet entre guillemets doubles : "
	     "corrigez-le, ou doublez la barre oblique inverse") },
	{ "found invalid Unicode character escape code", NULL, 0,
	  N_("un code de caractère (« \\u », « \\U ») ne désigne aucun caractère : corrigez-le, "
	     "ou doublez la barre oblique inverse") },
	{ "did not find expected alphabetic or numeric character", NULL, 1,
	  N_("une valeur commence par « & » ou « * », réservés par YAML : mettez la valeur entre guillemets") },
	{ "did not find expected whitespace or line break", NULL, 0,
	  N_("du texte suit une valeur sur la même ligne : mettez toute la valeur entre guillemets") },
	{ "did not find expected comment or line break", NULL, 0,
	  N_("du texte suit une valeur sur la même ligne : mettez toute la valeur entre guillemets, "
	     "ou passez à la ligne") },
	{ "found an indentation indicator equal to 0", NULL, 0,
	  N_("l'en-tête d'un bloc de texte « | » ou « > » est invalide : écrivez seulement « | » "
	     "ou « > » en fin de ligne") },
	{ "did not find expected '-' indicator", NULL, 0,
	  N_("cette ligne n'est pas alignée avec la liste du dessus : chaque élément commence par « - » "
	     "au même retrait, et ses clés s'alignent sous la première") },
	{ "did not find expected ',' or ']'", NULL, 1,
	  N_("une liste entre crochets « [ … ] » n'est pas refermée, ou deux éléments ne sont pas séparés "
	     "par une virgule : ajoutez « ] » ou « , », ou mettez la valeur entre guillemets") },
	{ "did not find expected ',' or '}'", NULL, 1,
	  N_("des accolades « { … } » ne sont pas refermées, ou deux éléments ne sont pas séparés par une "
	     "virgule : ajoutez « } » ou « , », ou mettez la valeur entre guillemets") },
	{ "did not find expected node content", NULL, 0,
	  N_("une valeur manque ou commence par un caractère réservé : écrivez la valeur, "
	     "entre guillemets au besoin") },
	{ "did not find expected <document start>", NULL, 0,
	  N_("cette ligne est en dehors des clés du fichier : vérifiez son retrait, ou retirez-la") },
	/* Directives ("%YAML", "%TAG") and tags ("!x"): grille uses neither. */
	{ NULL, "while scanning a directive", 0,
	  N_("une ligne commence par « % », réservé par YAML : retirez-la, ou mettez la valeur entre guillemets") },
	{ NULL, "while scanning a %YAML directive", 0,
	  N_("une ligne commence par « % », réservé par YAML : retirez-la, ou mettez la valeur entre guillemets") },
	{ NULL, "while scanning a %TAG directive", 0,
	  N_("une ligne commence par « % », réservé par YAML : retirez-la, ou mettez la valeur entre guillemets") },
	{ NULL, "while parsing a %TAG directive", 0,
	  N_("une ligne commence par « % », réservé par YAML : retirez-la, ou mettez la valeur entre guillemets") },
	{ "found duplicate %YAML directive", NULL, 0,
	  N_("une ligne commence par « % », réservé par YAML : retirez-la, ou mettez la valeur entre guillemets") },
	{ "found incompatible YAML document", NULL, 0,
	  N_("une ligne « %YAML » demande une version de YAML inconnue : retirez-la") },
	{ NULL, "while scanning a tag", 0,
	  N_("une valeur commence par « ! », réservé par YAML : mettez la valeur entre guillemets") },
	{ NULL, "while parsing a node", 0,
	  N_("une valeur commence par « ! », réservé par YAML : mettez la valeur entre guillemets") },
	{ NULL, "while scanning an anchor", 0,
	  N_("une valeur commence par « & », réservé par YAML : mettez la valeur entre guillemets") },
	{ NULL, "while scanning an alias", 0,
	  N_("une valeur commence par « * », réservé par YAML : mettez la valeur entre guillemets") },
};

/* Anything else libyaml may say. */
#define GENERIC_PROBLEM N_("la syntaxe YAML n'est pas correcte ici : vérifiez le retrait (des espaces, " \
	"pas de tabulation) et mettez entre guillemets les valeurs qui contiennent « : » ou « # » " \
	"ou qui commencent par un signe")

const char *yaml__problem_text(const char *problem, const char *context, int *at_context)
{
	*at_context = 0;
	for (size_t i = 0; i < sizeof(problems) / sizeof(*problems); i++) {
		const struct yaml_problem *p = &problems[i];
		if ((p->problem && (!problem || strcmp(p->problem, problem) != 0)) ||
		    (p->context && (!context || strcmp(p->context, context) != 0)))
			continue;
		*at_context = p->at_context;
		return _(p->french);
	}
	return _(GENERIC_PROBLEM);
}

static int syntax_error(grille_yaml_doc *y, const char *data, size_t len, const yaml_parser_t *parser)
{
	if (parser->error == YAML_READER_ERROR)
		return reader_error(y, data, len, parser);
	if (parser->error == YAML_MEMORY_ERROR)
		return error__oom();
	int at_context = 0;
	const char *french = yaml__problem_text(parser->problem, parser->context, &at_context);
	size_t at = parser->problem_mark.index;
	if (parser->problem && strcmp(parser->problem, "found character that cannot start any token") == 0 &&
	    at < len && data[at] == '\t')
		french = yaml__problem_text("found a tab character that violates indentation", NULL,
		                                  &at_context);
	const yaml_mark_t *mark = at_context && parser->context ? &parser->context_mark : &parser->problem_mark;
	return error__set(GRILLE_EINVALID, _("%s:%zu:%zu: %s (YAML : %s%s%s)"), y->name,
	                        mark->line + 1, mark->column + 1, french,
	                        parser->problem ? parser->problem : "?",
	                        parser->context ? ", " : "", parser->context ? parser->context : "");
}

/* Room for one more entry on one of libyaml's stacks (`start`, `top`, `end`
 * pointers, freed by yaml_document_delete() with free()). 0 or -1. */
#define STACK_ROOM(stack)                                                                     \
	((stack).top < (stack).end ? 0 : stack_grow((void **)&(stack).start, (void **)&(stack).top, \
	                                            (void **)&(stack).end, sizeof(*(stack).start)))

static int stack_grow(void **start, void **top, void **end, size_t size)
{
	size_t count = (size_t)((char *)*top - (char *)*start) / size;
	size_t cap = (size_t)((char *)*end - (char *)*start) / size;
	char *grown = array__grow(*start, &cap, count + 1, size);
	if (!grown)
		return -1;
	*start = grown;
	*top = grown + count * size;
	*end = grown + cap * size;
	return 0;
}

/* The document libyaml's loader (yaml_parser_load()) would build, built from
 * the events of the pass that checks them: one parse of the file, not two.
 * Tags are left out: grille reads none. */
struct builder {
	yaml_document_t *doc;
	int open[GRILLE_YAML_MAX_DEPTH + 1]; /* the containers not yet closed, by node index */
	int depth;
	int state; /* 0 before the first document, 1 inside it, 2 after it */
	size_t mapping_count;
};

/* Node `index` as the next entry of the innermost open container. */
static int attach(struct builder *b, int index)
{
	if (!b->depth)
		return 0;
	yaml_node_t *parent = &b->doc->nodes.start[b->open[b->depth - 1] - 1];
	if (parent->type == YAML_SEQUENCE_NODE) {
		if (STACK_ROOM(parent->data.sequence.items) < 0)
			return error__oom();
		*parent->data.sequence.items.top++ = index;
		return 0;
	}
	yaml_node_pair_t *last = parent->data.mapping.pairs.top;
	if (last != parent->data.mapping.pairs.start && last[-1].value == 0) {
		last[-1].value = index;
		return 0;
	}
	if (STACK_ROOM(parent->data.mapping.pairs) < 0)
		return error__oom();
	*parent->data.mapping.pairs.top++ = (yaml_node_pair_t){ index, 0 };
	return 0;
}

/* Take what `event` brings into the document (its scalar's text is moved, not copied). */
static int build(struct builder *b, yaml_event_t *event)
{
	yaml_document_t *doc = b->doc;
	switch (event->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->state == 0) {
			b->state = 1;
			doc->start_mark = event->start_mark;
		}
		return 0;
	case YAML_DOCUMENT_END_EVENT:
		if (b->state == 1) {
			b->state = 2;
			doc->end_mark = event->end_mark;
		}
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->state == 1)
			doc->nodes.start[b->open[--b->depth] - 1].end_mark = event->end_mark;
		return 0;
	case YAML_SCALAR_EVENT:
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		break;
	default:
		return 0;
	}
	if (b->state != 1)
		return 0;
	if (doc->nodes.top - doc->nodes.start >= INT_MAX || STACK_ROOM(doc->nodes) < 0)
		return error__oom();
	yaml_node_t *node = doc->nodes.top++;
	memset(node, 0, sizeof(*node));
	node->start_mark = event->start_mark;
	node->end_mark = event->end_mark;
	int index = (int)(doc->nodes.top - doc->nodes.start);
	if (event->type == YAML_SCALAR_EVENT) {
		node->type = YAML_SCALAR_NODE;
		node->data.scalar.value = event->data.scalar.value;
		node->data.scalar.length = event->data.scalar.length;
		node->data.scalar.style = event->data.scalar.style;
		event->data.scalar.value = NULL;
	} else if (event->type == YAML_SEQUENCE_START_EVENT) {
		node->type = YAML_SEQUENCE_NODE;
		node->data.sequence.style = event->data.sequence_start.style;
	} else {
		b->mapping_count++;
		node->type = YAML_MAPPING_NODE;
		node->data.mapping.style = event->data.mapping_start.style;
	}
	int error = attach(b, index);
	if (!error && event->type != YAML_SCALAR_EVENT)
		b->open[b->depth++] = index; /* the depth was checked against the limit first */
	return error;
}

/* One pass over libyaml's events: refuse anchors and aliases (a few bytes
 * that a loader would share out into gigabytes for our readers to walk) and
 * nesting deeper than any file of grille needs, and build the document of the
 * first. Linear in the input; the stack of open containers bounded by the
 * depth limit. */
static int parse_events(grille_yaml_doc *y, const char *data, size_t len)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return error__oom();
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	memset(&y->doc, 0, sizeof(y->doc));
	y->loaded = 1;
	struct builder b = { .doc = &y->doc };
	/* Room for the nodes of a typical grid at once (one every 16 bytes or
	 * so; a node takes two bytes at least): grown by doubling from a few,
	 * the stack of a 3 MB grid was copied a dozen times into new pages. */
	size_t room = len / 16 + 16;
	if (room > INT_MAX / 2)
		room = INT_MAX / 2;
	y->doc.nodes.start = malloc(room * sizeof(*y->doc.nodes.start));
	y->doc.nodes.top = y->doc.nodes.start;
	y->doc.nodes.end = y->doc.nodes.start ? y->doc.nodes.start + room : NULL;
	int error = 0, depth = 0, done = 0;
	while (!error && !done) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			error = syntax_error(y, data, len, &parser);
			break;
		}
		const yaml_char_t *anchor = NULL;
		char sigil = '&';
		switch (event.type) {
		case YAML_ALIAS_EVENT:
			anchor = event.data.alias.anchor;
			sigil = '*';
			break;
		case YAML_SCALAR_EVENT:
			anchor = event.data.scalar.anchor;
			break;
		case YAML_SEQUENCE_START_EVENT:
			anchor = event.data.sequence_start.anchor;
			depth++;
			break;
		case YAML_MAPPING_START_EVENT:
			anchor = event.data.mapping_start.anchor;
			depth++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		if (anchor)
			error = error__set(GRILLE_EINVALID,
				_("%s:%zu:%zu: « %c%.40s » : grille n'accepte pas les alias YAML (« *nom ») ni les "
				  "ancres (« &nom ») : écrivez la valeur en entier à chaque endroit où elle sert ; "
				  "si « %c » fait partie du texte, mettez la valeur entre guillemets"),
				y->name, event.start_mark.line + 1, event.start_mark.column + 1, sigil,
				(const char *)anchor, sigil);
		else if (depth > GRILLE_YAML_MAX_DEPTH)
			error = error__set(GRILLE_EINVALID,
				_("%s:%zu:%zu: les listes et les clés s'imbriquent ici sur plus de %d niveaux, "
				  "ce dont grille n'a jamais besoin : vérifiez les crochets « [ », les accolades "
				  "« { » et le retrait"), y->name, event.start_mark.line + 1,
				event.start_mark.column + 1, GRILLE_YAML_MAX_DEPTH);
		else
			error = build(&b, &event);
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	y->mapping_count = b.mapping_count;
	return error;
}

int yaml__load(grille_yaml_doc *y, const char *data, size_t len)
{
	if (len > GRILLE_YAML_MAX_SIZE)
		return error__set(GRILLE_EINVALID,
			_("%s : le fichier fait %zu Mo, plus que les %d Mo qu'accepte grille : "
			  "ce n'est sans doute pas le bon fichier"), y->name, len >> 20, GRILLE_YAML_MAX_SIZE >> 20);
	int error = scan__check_text(data, len, y->name);
	if (!error)
		error = parse_events(y, data, len);
	if (!error && !yaml_document_get_root_node(&y->doc))
		error = error__set(GRILLE_EINVALID, _("%s:1:1: le fichier est vide"), y->name);
	if (error)
		yaml__release(y); /* nothing half built is left to read */
	return error;
}

void yaml__release(grille_yaml_doc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = 0;
}

int yaml__sequence(grille_yaml_doc *y, yaml_node_t *node, const char *key,
                         yaml_node_item_t **items, size_t *count)
{
	if (node->type != YAML_SEQUENCE_NODE)
		return yaml__fail(y, node, _("« %s » doit être une liste (« - … »)"), key);
	*items = node->data.sequence.items.start;
	*count = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	return 0;
}

int yaml__mapping(grille_yaml_doc *ld, yaml_node_t *map, grille_yaml_field *fields,
                        size_t count, const char *what)
{
	if (map->type != YAML_MAPPING_NODE)
		return yaml__fail(ld, map, _("%s : une liste de clés (« clé: valeur ») est attendue ici"), what);
	for (yaml_node_pair_t *pair = map->data.mapping.pairs.start;
	     pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *key = yaml__node(ld, pair->key);
		if (key->type != YAML_SCALAR_NODE)
			return yaml__fail(ld, key, _("%s : une clé doit être un simple mot"), what);
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
			return yaml__fail(ld, key, _("%s : clé inconnue « %s » (clés possibles : %s)"), what,
			            scalar_text(key), known);
		}
		if (field->value)
			return yaml__fail(ld, key, _("%s : clé « %s » en double"), what, field->key);
		field->value = yaml__node(ld, pair->value);
	}
	for (size_t i = 0; i < count; i++)
		if (fields[i].required && !fields[i].value)
			return yaml__fail(ld, map, _("%s : clé « %s » manquante"), what, fields[i].key);
	return 0;
}

/* Copy a scalar, trimmed of surrounding white space when `trim` is set. */
int yaml__string(grille_yaml_doc *ld, yaml_node_t *node, const char *key, int trim,
                       int nonempty, char **out)
{
	*out = NULL;
	if (!node)
		return 0;
	if (node->type != YAML_SCALAR_NODE)
		return yaml__fail(ld, node, _("la valeur de « %s » doit être un texte"), key);
	const char *text = scalar_text(node);
	size_t len = node->data.scalar.length;
	if (strlen(text) != len)
		return yaml__fail(ld, node, _("la valeur de « %s » contient un caractère nul"), key);
	if (trim) {
		while (len && strchr(" \t\r\n", *text)) {
			text++;
			len--;
		}
		while (len && strchr(" \t\r\n", text[len - 1]))
			len--;
	}
	if (nonempty && len == 0)
		return yaml__fail(ld, node, _("la valeur de « %s » est vide"), key);
	if (!(*out = strndup(text, len)))
		return error__oom();
	return 0;
}

