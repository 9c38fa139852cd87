#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "grille/grid.h"
#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "grid_index.h"
#include "grid_kind.h"
#include "grid_links.h"
#include "grid_private.h"
#include "groupdata.h"
#include "scan.h"
#include "wording.h"
#include "yaml_read.h"
#include "intl.h"

struct loader {
	grille_yaml_doc y; /* first: the helpers of yaml_read.h take a loader as a doc */
	grille_grid *grid;
	grille_grid_index ids; /* every ID seen, for duplicates */
	struct grid_pending_when *whens; /* checked once every question is known */
	size_t when_count;
};

#define fail(ld, node, ...) yaml__fail(&(ld)->y, node, __VA_ARGS__)
#define node_at(ld, index) yaml__node(&(ld)->y, index)
#define read_mapping(ld, ...) yaml__mapping(&(ld)->y, __VA_ARGS__)
#define read_string(ld, ...) yaml__string(&(ld)->y, __VA_ARGS__)
#define scalar_text(node) ((const char *)(node)->data.scalar.value)
#define field grille_yaml_field

static int is_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int is_letters(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return 0;
	return 1;
}

enum grid_id_problem grid__id_problem(const char *id, const char *parent)
{
	/* A step's ID is digits; an item's, its step's then digits; a question's, its item's then letters. */
	int (*tail_ok)(const char *) = !parent ? is_digits : strchr(parent, '.') ? is_letters : is_digits;
	if (parent) {
		size_t plen = strlen(parent);
		if (strncmp(id, parent, plen) != 0 || id[plen] != '.')
			return GRID_ID_OTHER_PARENT;
		id += plen + 1;
	}
	return tail_ok(id) ? GRID_ID_OK : GRID_ID_BAD_TAIL;
}

/* Check that `id` is "<parent>.<tail>" and remember it for duplicates. */
static int check_id(struct loader *ld, yaml_node_t *node, const char *id, const char *parent,
                    const char *expected)
{
	enum grid_id_problem problem = grid__id_problem(id, parent);
	if (problem == GRID_ID_OTHER_PARENT)
		return fail(ld, node, _("l'identifiant « %s » n'appartient pas à « %s » : "
		                        "il doit commencer par « %s. »"), id, parent, parent);
	if (problem == GRID_ID_BAD_TAIL && parent)
		return fail(ld, node, _("identifiant « %s » invalide : « %s.%s » attendu"), id, parent, expected);
	if (problem == GRID_ID_BAD_TAIL)
		return fail(ld, node, _("identifiant « %s » invalide : « %s » attendu"), id, expected);
	size_t first_line;
	int error = grid_index__add(&ld->ids, id, NULL, node->start_mark.line + 1, &first_line);
	if (error == GRILLE_EEXISTS)
		return fail(ld, node, _("identifiant « %s » en double (déjà utilisé ligne %zu)"), id,
		            first_line);
	return error;
}

static int read_id(struct loader *ld, yaml_node_t *node, const char *parent, const char *expected, char **out)
{
	int error = read_string(ld, node, "id", 1, 1, out);
	if (!error)
		error = check_id(ld, node, *out, parent, expected);
	return error;
}

static int read_level(struct loader *ld, yaml_node_t *node, int *out)
{
	if (node->type != YAML_SCALAR_NODE || !is_digits(scalar_text(node)) ||
	    strlen(scalar_text(node)) > 2 || atoi(scalar_text(node)) < GRILLE_LEVEL_MIN ||
	    atoi(scalar_text(node)) > GRILLE_LEVEL_MAX)
		return fail(ld, node, _("niveau « %s » hors limites : 1, 2 ou 3 attendu"),
		            node->type == YAML_SCALAR_NODE ? scalar_text(node) : "?");
	*out = atoi(scalar_text(node));
	return 0;
}

static int read_options(struct loader *ld, yaml_node_t *node, grille_question *q)
{
	yaml_node_item_t *entries;
	size_t count;
	int error = yaml__sequence(&ld->y, node, "options", &entries, &count);
	if (error)
		return error;
	if (count == 0)
		return fail(ld, node, _("la question « %s » n'a aucune option"), q->id);
	char **options = calloc(count, sizeof(*options));
	if (!options)
		return error__oom();
	q->options = (const char *const *)options;
	for (size_t i = 0; i < count; i++) {
		error = read_string(ld, node_at(ld, entries[i]), "options",
		                        1, 1, &options[i]);
		if (error)
			return error;
		q->option_count++;
	}
	return 0;
}

static const char *const kind_names[GRILLE_QUESTION_KIND_COUNT] = {
	"text", "choice", "members", "plan", "test-phase", "reviews", "positions",
};

static int read_kind(struct loader *ld, yaml_node_t *node, const char *kind, grille_question *q)
{
	for (size_t k = 0; k < GRILLE_QUESTION_KIND_COUNT; k++)
		if (strcmp(kind, kind_names[k]) == 0) {
			q->kind = (grille_question_kind)k;
			return 0;
		}
	return fail(ld, node, _("type de question « %s » inconnu : « text », « choice », « members », « plan », "
	                        "« test-phase », « reviews » ou « positions » attendu"), kind);
}

static int read_question(struct loader *ld, yaml_node_t *node, const char *item_id,
                         grille_question *q)
{
	struct field f[] = {
		{"id", 1, NULL}, {"level", 1, NULL}, {"text", 1, NULL},
		{"guidance", 0, NULL}, {"kind", 0, NULL}, {"options", 0, NULL},
	};
	int error = read_mapping(ld, node, f, sizeof(f) / sizeof(*f), _("question"));
	char *kind = NULL;
	if (!error)
		error = read_id(ld, f[0].value, item_id, "a", (char **)&q->id);
	if (!error)
		error = read_level(ld, f[1].value, &q->level);
	if (!error)
		error = read_string(ld, f[2].value, "text", 1, 0, (char **)&q->text);
	if (!error && !q->text[0])
		error = fail(ld, f[2].value, _("la question « %s » est vide"), q->id);
	if (!error)
		error = read_string(ld, f[3].value, "guidance", 1, 0, (char **)&q->guidance);
	if (!error)
		error = read_string(ld, f[4].value, "kind", 1, 1, &kind);
	if (!error && kind)
		error = read_kind(ld, f[4].value, kind, q);
	if (!error && q->kind == GRILLE_QUESTION_CHOICE && !f[5].value)
		error = fail(ld, node, _("la question à choix « %s » n'a pas d'options (clé « options »)"), q->id);
	if (!error && grille_question_kind_file(q->kind) && f[5].value)
		error = fail(ld, f[5].value, _("la question « %s » (« kind: %s ») n'a pas d'options : sa réponse est "
		                               "tenue dans « %s »"), q->id, kind, grille_question_kind_file(q->kind));
	if (!error && q->kind != GRILLE_QUESTION_CHOICE && f[5].value)
		error = fail(ld, f[5].value, _("seules les questions à choix (« kind: choice ») ont des options"));
	if (!error && f[5].value)
		error = read_options(ld, f[5].value, q);
	if (!error) {
		q->line = node->start_mark.line + 1;
		q->pointer = grid__pointer(ld->grid->language, q->kind);
	}
	free(kind);
	return error;
}

/* Allocate `*out` for a YAML sequence's entries; fails on an empty one. */
static int sequence(struct loader *ld, yaml_node_t *node, const char *key, const char *empty,
                    size_t size, void **out, size_t *count)
{
	yaml_node_item_t *items;
	int error = yaml__sequence(&ld->y, node, key, &items, count);
	if (error)
		return error;
	if (*count == 0)
		return fail(ld, node, "%s", empty);
	if (!(*out = calloc(*count, size)))
		return error__oom();
	return 0;
}

static int read_when(struct loader *ld, yaml_node_t *node, grille_item *item)
{
	struct grid_pending_when *whens = array__push(ld->whens, ld->when_count, sizeof(*whens));
	if (!whens)
		return error__oom();
	ld->whens = whens;
	struct grid_pending_when *when = &whens[ld->when_count++];
	int error = grid__read_when(&ld->y, node, when);
	item->when = when->condition;
	when->item = item;
	return error;
}

/* Conditions name questions anywhere in the grid: checked once all are read. */
static int resolve_whens(struct loader *ld, int error)
{
	for (size_t i = 0; !error && i < ld->when_count; i++) {
		struct grid_pending_when *when = &ld->whens[i];
		error = grid__resolve_when(&ld->y, when, when->item,
		                           grille_grid_find_question(ld->grid, when->condition->question));
	}
	for (size_t i = 0; i < ld->when_count; i++)
		grid__pending_when_release(&ld->whens[i]);
	free(ld->whens);
	return error;
}

static int read_item(struct loader *ld, yaml_node_t *node, const char *step_id, grille_item *item)
{
	struct field f[] = {
		{"id", 1, NULL}, {"title", 1, NULL}, {"guidance", 0, NULL}, {"questions", 1, NULL},
		{"when", 0, NULL},
	};
	int error = read_mapping(ld, node, f, sizeof(f) / sizeof(*f), _("item"));
	if (!error)
		error = read_id(ld, f[0].value, step_id, "1", (char **)&item->id);
	if (!error)
		error = read_string(ld, f[1].value, "title", 1, 1, (char **)&item->title);
	if (!error)
		error = read_string(ld, f[2].value, "guidance", 1, 0, (char **)&item->guidance);
	if (!error && f[4].value)
		error = read_when(ld, f[4].value, item);
	if (error)
		return error;
	char empty[256];
	snprintf(empty, sizeof(empty), _("l'item « %s » n'a aucune question"), item->id);
	grille_question *questions = NULL;
	size_t count = 0;
	error = sequence(ld, f[3].value, "questions", empty, sizeof(*questions), (void **)&questions, &count);
	item->questions = questions;
	for (size_t i = 0; !error && i < count; i++) {
		error = read_question(ld, node_at(ld, f[3].value->data.sequence.items.start[i]), item->id,
		                      &questions[i]);
		item->question_count++;
	}
	return error;
}

enum grid_step_file_problem grid__step_file_problem(const grille_step *steps, size_t step_count,
                                                    const char *file, size_t *taken_by)
{
	if (file[0] == '/' || strchr(file, '/') || strchr(file, '\\') || strcmp(file, "..") == 0)
		return GRID_STEP_FILE_OUTSIDE;
	if (file[0] == '.')
		return GRID_STEP_FILE_HIDDEN;
	size_t len = strlen(file);
	if (len < 4 || strcmp(file + len - 3, ".md") != 0)
		return GRID_STEP_FILE_NOT_MD;
	if (strcasecmp(file, "README.md") == 0)
		return GRID_STEP_FILE_README;
	if (strncasecmp(file, "grille-rapport.", 15) == 0) /* the report would be written over it */
		return GRID_STEP_FILE_REPORT;
	for (size_t i = 0; i < step_count; i++)
		if (steps[i].file && strcmp(steps[i].file, file) == 0) {
			*taken_by = i;
			return GRID_STEP_FILE_TAKEN;
		}
	return GRID_STEP_FILE_OK;
}

/* A step's file must stay a plain file name inside the workspace. */
static int check_step_file(struct loader *ld, yaml_node_t *node, const char *file)
{
	size_t taken_by = 0;
	switch (grid__step_file_problem(ld->grid->steps, ld->grid->step_count, file, &taken_by)) {
	case GRID_STEP_FILE_OUTSIDE:
		return fail(ld, node, _("le fichier « %s » sortirait de l'espace de travail : "
		                        "un simple nom de fichier est attendu"), file);
	case GRID_STEP_FILE_HIDDEN:
		return fail(ld, node, _("le fichier « %s » serait caché : il ne doit pas commencer par un point"), file);
	case GRID_STEP_FILE_NOT_MD:
		return fail(ld, node, _("le fichier « %s » doit se terminer par « .md »"), file);
	case GRID_STEP_FILE_README:
		return fail(ld, node, _("le fichier « %s » est réservé au mode d'emploi de l'espace de travail"), file);
	case GRID_STEP_FILE_REPORT:
		return fail(ld, node, _("le fichier « %s » est réservé au rapport de grille : choisissez un autre nom"), file);
	case GRID_STEP_FILE_TAKEN:
		return fail(ld, node, _("le fichier « %s » sert déjà à l'étape « %s »"), file,
		            ld->grid->steps[taken_by].id);
	case GRID_STEP_FILE_OK:
		break;
	}
	return 0;
}

static int read_step(struct loader *ld, yaml_node_t *node, grille_step *step)
{
	struct field f[] = {
		{"id", 1, NULL}, {"title", 1, NULL}, {"file", 1, NULL},
		{"intro", 0, NULL}, {"items", 1, NULL}, {"groups", 0, NULL},
	};
	int error = read_mapping(ld, node, f, sizeof(f) / sizeof(*f), _("étape"));
	if (!error)
		error = read_id(ld, f[0].value, NULL, "1", (char **)&step->id);
	if (!error)
		error = read_string(ld, f[1].value, "title", 1, 1, (char **)&step->title);
	char *file = NULL;
	if (!error)
		error = read_string(ld, f[2].value, "file", 1, 1, &file);
	if (!error)
		error = check_step_file(ld, f[2].value, file);
	step->file = file;
	if (!error)
		error = read_string(ld, f[3].value, "intro", 1, 0, (char **)&step->intro);
	if (error)
		return error;
	char empty[256];
	snprintf(empty, sizeof(empty), _("l'étape « %s » n'a aucun item"), step->id);
	grille_item *items = NULL;
	size_t count = 0;
	error = sequence(ld, f[4].value, "items", empty, sizeof(*items), (void **)&items, &count);
	step->items = items;
	for (size_t i = 0; !error && i < count; i++) {
		error = read_item(ld, node_at(ld, f[4].value->data.sequence.items.start[i]), step->id,
		                  &items[i]);
		step->item_count++;
	}
	if (!error && f[5].value)
		error = grid__read_groups(&ld->y, f[5].value, step);
	return error;
}

static int read_grid(struct loader *ld, yaml_node_t *root)
{
	grille_grid *g = ld->grid;
	struct field f[] = {
		{"grid", 1, NULL}, {"version", 1, NULL}, {"language", 0, NULL}, {"title", 1, NULL},
		{"subtitle", 0, NULL}, {"introduction", 0, NULL}, {"steps", 1, NULL},
	};
	int error = read_mapping(ld, root, f, sizeof(f) / sizeof(*f), _("grille"));
	if (!error)
		error = read_string(ld, f[0].value, "grid", 1, 1, &g->id);
	if (!error)
		error = read_string(ld, f[1].value, "version", 1, 1, &g->version);
	if (!error)
		error = read_string(ld, f[2].value, "language", 1, 1, &g->language);
	if (!error && !g->language && !(g->language = strdup("fr")))
		error = error__oom();
	if (!error)
		error = read_string(ld, f[3].value, "title", 1, 1, &g->title);
	if (!error)
		error = read_string(ld, f[4].value, "subtitle", 1, 0, &g->subtitle);
	if (!error)
		error = read_string(ld, f[5].value, "introduction", 1, 0, &g->introduction);
	if (error)
		return error;
	size_t count = 0;
	error = sequence(ld, f[6].value, "steps", _("la grille n'a aucune étape"), sizeof(*g->steps),
	                 (void **)&g->steps, &count);
	for (size_t i = 0; !error && i < count; i++) {
		error = read_step(ld, node_at(ld, f[6].value->data.sequence.items.start[i]), &g->steps[i]);
		g->step_count++;
	}
	return error;
}

int grid__build_index(grille_grid *g)
{
	size_t count = g->step_count;
	for (size_t s = 0; s < g->step_count; s++) {
		count += g->steps[s].item_count;
		for (size_t i = 0; i < g->steps[s].item_count; i++)
			count += g->steps[s].items[i].question_count;
	}
	int reserved = grid_index__reserve(&g->index, count);
	if (reserved)
		return reserved;
	for (size_t s = 0; s < g->step_count; s++) {
		const grille_step *step = &g->steps[s];
		int error = grid_index__add(&g->index, step->id, step, 0, NULL);
		for (size_t i = 0; !error && i < step->item_count; i++) {
			const grille_item *item = &step->items[i];
			error = grid_index__add(&g->index, item->id, item, 0, NULL);
			for (size_t q = 0; !error && q < item->question_count; q++)
				error = grid_index__add(&g->index, item->questions[q].id,
				                              &item->questions[q], 0, NULL);
		}
		if (error)
			return error;
	}
	return 0;
}

static int parse(grille_grid *grid)
{
	struct loader ld = { .y = { .name = grid->source_name }, .grid = grid };
	int error = yaml__load(&ld.y, grid->source, grid->source_len);
	if (!error) /* every ID is a mapping's (a step's, an item's, a question's) */
		error = grid_index__reserve(&ld.ids, ld.y.mapping_count);
	if (!error)
		error = read_grid(&ld, yaml_document_get_root_node(&ld.y.doc));
	if (!error)
		error = grid__build_index(grid);
	error = resolve_whens(&ld, error);
	grid_index__release(&ld.ids);
	yaml__release(&ld.y);
	return error;
}

int grid__load_owned(grille_grid **out, char *source, size_t len, const char *name)
{
	*out = NULL;
	grille_grid *grid = calloc(1, sizeof(*grid));
	if (!grid) {
		free(source);
		return error__oom();
	}
	grid->source = source;
	grid->source_len = len;
	grid->source_name = strdup(name);
	if (!grid->source || !grid->source_name) {
		grille_grid_free(grid);
		return error__oom();
	}
	int error = parse(grid);
	if (error) {
		grille_grid_free(grid);
		return error;
	}
	*out = grid;
	return 0;
}

int grille_grid_load_buffer(grille_grid **out, const char *data, size_t len, const char *name)
{
	char *source = malloc(len + 1);
	if (source) {
		memcpy(source, data, len);
		source[len] = '\0';
	}
	return grid__load_owned(out, source, len, name);
}

int grille_grid_load_file(grille_grid **out, const char *path)
{
	*out = NULL;
	grille_buf data = GRILLE_BUF_INIT;
	/* A grid named on the command line may be reached through a link; a settings-sized cap. */
	int error = fs__read_file(&data, path, GRILLE_FS_FOLLOW, GRILLE_FS_SMALL_MAX);
	if (error) {
		grille_buf_release(&data);
		return error__prefix(error, _("impossible de charger la grille"));
	}
	if (!data.ptr) /* an empty file: no buffer was needed */
		return grille_grid_load_buffer(out, "", 0, path);
	return grid__load_owned(out, data.ptr, data.len, path);
}

int grille_grid_load_default(grille_grid **out)
{
	return grille_grid_load_language(out, "fr");
}

static void free_step(grille_step *step)
{
	for (size_t i = 0; i < step->item_count; i++) {
		const grille_item *item = &step->items[i];
		for (size_t q = 0; q < item->question_count; q++) {
			const grille_question *question = &item->questions[q];
			for (size_t o = 0; o < question->option_count; o++)
				free((char *)question->options[o]);
			free((void *)question->options);
			free((char *)question->id);
			free((char *)question->text);
			free((char *)question->guidance);
		}
		free((void *)item->questions);
		free((char *)item->id);
		free((char *)item->title);
		free((char *)item->guidance);
		grid__condition_free(item->when);
	}
	free((void *)step->items);
	grid__groups_free(step);
	free((char *)step->id);
	free((char *)step->title);
	free((char *)step->file);
	free((char *)step->intro);
}

void grille_grid_free(grille_grid *grid)
{
	if (!grid)
		return;
	for (size_t s = 0; s < grid->step_count; s++)
		free_step(&grid->steps[s]);
	free(grid->steps);
	grid_index__release(&grid->index);
	free(grid->source);
	free(grid->source_name);
	free(grid->id);
	free(grid->version);
	free(grid->language);
	free(grid->title);
	free(grid->subtitle);
	free(grid->introduction);
	free(grid);
}

const char *grille_grid_id(const grille_grid *grid) { return grid->id; }
const char *grille_grid_version(const grille_grid *grid) { return grid->version; }
const char *grille_grid_language(const grille_grid *grid) { return grid->language; }
const char *grille_grid_title(const grille_grid *grid) { return grid->title; }
const char *grille_grid_subtitle(const grille_grid *grid) { return grid->subtitle; }
const char *grille_grid_introduction(const grille_grid *grid) { return grid->introduction; }

const char *grille_grid_source(const grille_grid *grid, size_t *len)
{
	if (len)
		*len = grid->source_len;
	return grid->source;
}

size_t grille_grid_step_count(const grille_grid *grid)
{
	return grid->step_count;
}

const grille_step *grille_grid_step(const grille_grid *grid, size_t index)
{
	return index < grid->step_count ? &grid->steps[index] : NULL;
}

int grille_id_kind(const char *id)
{
	return scan__id_depth(id);
}

const grille_step *grille_grid_find_step(const grille_grid *grid, const char *id)
{
	return scan__id_depth(id) == 0 ? grid_index__find(&grid->index, id) : NULL;
}

int grille_grid_lookup_step(const grille_step **out, const grille_grid *grid, const char *id)
{
	if (!(*out = grille_grid_find_step(grid, id)))
		return error__set(GRILLE_EARGUMENT, _("pas d'étape « %s » dans cette grille"), id);
	return 0;
}

const grille_item *grille_grid_find_item(const grille_grid *grid, const char *id)
{
	return scan__id_depth(id) == 1 ? grid_index__find(&grid->index, id) : NULL;
}

const grille_question *grille_grid_find_question(const grille_grid *grid, const char *id)
{
	return scan__id_depth(id) == 2 ? grid_index__find(&grid->index, id) : NULL;
}

const char *grille_question_kind_name(grille_question_kind kind)
{
	return (unsigned)kind < GRILLE_QUESTION_KIND_COUNT ? kind_names[kind] : "?";
}

const char *grille_question_kind_file(grille_question_kind kind)
{
	switch (kind) {
	case GRILLE_QUESTION_MEMBERS:
		return GROUPDATA_MEMBERS_FILE;
	case GRILLE_QUESTION_PLAN:
		return GROUPDATA_PLAN_FILE;
	case GRILLE_QUESTION_TEST_PHASE:
	case GRILLE_QUESTION_REVIEWS:
		return GROUPDATA_CALENDAR_FILE;
	default:
		return NULL;
	}
}

/* Not translated: a step file speaks its grid's language, whatever the locale
 * of the person who wrote it; and the scan recognises these lines by their
 * text. English for an English grid, French for any other. */
const char *grid__pointer(const char *language, grille_question_kind kind)
{
	static const char *const fr[GRILLE_QUESTION_KIND_COUNT] = {
		[GRILLE_QUESTION_MEMBERS] = "Réponse tenue dans [" GROUPDATA_MEMBERS_FILE "](" GROUPDATA_MEMBERS_FILE
		                            ") : ajoutez-y une ligne, ou lancez « grille member add NOM --role RÔLE ».",
		[GRILLE_QUESTION_PLAN] = "Réponse tenue dans [" GROUPDATA_PLAN_FILE "](" GROUPDATA_PLAN_FILE ") : ajoutez-y "
		                         "une ligne, ou lancez « grille plan add ACTION --who MEMBRE --due DATE ».",
		[GRILLE_QUESTION_TEST_PHASE] = "Réponse tenue dans [" GROUPDATA_CALENDAR_FILE "](" GROUPDATA_CALENDAR_FILE
		                               ") : ajoutez-y le début et la fin du test, ou lancez « grille calendar "
		                               "test DÉBUT FIN ».",
		[GRILLE_QUESTION_REVIEWS] = "Réponse tenue dans [" GROUPDATA_CALENDAR_FILE "](" GROUPDATA_CALENDAR_FILE
		                            ") : ajoutez-y une ligne par bilan, ou lancez « grille calendar review DATE "
		                            "TITRE ».",
	};
	static const char *const en[GRILLE_QUESTION_KIND_COUNT] = {
		[GRILLE_QUESTION_MEMBERS] = "Answer kept in [" GROUPDATA_MEMBERS_FILE "](" GROUPDATA_MEMBERS_FILE
		                            "): add a line to it, or run “grille member add NAME --role ROLE”.",
		[GRILLE_QUESTION_PLAN] = "Answer kept in [" GROUPDATA_PLAN_FILE "](" GROUPDATA_PLAN_FILE "): add a line to "
		                         "it, or run “grille plan add ACTION --who MEMBER --due DATE”.",
		[GRILLE_QUESTION_TEST_PHASE] = "Answer kept in [" GROUPDATA_CALENDAR_FILE "](" GROUPDATA_CALENDAR_FILE
		                               "): add the start and the end of the test to it, or run “grille calendar "
		                               "test START END”.",
		[GRILLE_QUESTION_REVIEWS] = "Answer kept in [" GROUPDATA_CALENDAR_FILE "](" GROUPDATA_CALENDAR_FILE
		                            "): add a line per review to it, or run “grille calendar review DATE "
		                            "TITLE”.",
	};
	if ((unsigned)kind >= GRILLE_QUESTION_KIND_COUNT)
		return NULL;
	return (wording__english(language) ? en : fr)[kind];
}

size_t grille_grid_question_count(const grille_grid *grid, int max_level)
{
	size_t count = 0;
	for (size_t s = 0; s < grid->step_count; s++)
		for (size_t i = 0; i < grid->steps[s].item_count; i++)
			for (size_t q = 0; q < grid->steps[s].items[i].question_count; q++)
				count += grid->steps[s].items[i].questions[q].level <= max_level;
	return count;
}
