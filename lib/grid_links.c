#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "grid_links.h"
#include "intl.h"

/* What ties a grid's items together beyond their order: groups of items
 * (`groups:` in a step) and items that apply only once an option is chosen
 * (`when:` in an item). See grille-grid(5). */

#define fail(y, node, ...) yaml__fail(y, node, __VA_ARGS__)

int grid__read_when(grille_yaml_doc *y, yaml_node_t *node, struct grid_pending_when *out)
{
	grille_yaml_field f[] = { {"question", 1, NULL}, {"option", 1, NULL}, {"reason", 0, NULL} };
	memset(out, 0, sizeof(*out));
	out->node = node;
	grille_condition *cond = calloc(1, sizeof(*cond));
	if (!cond)
		return error__oom();
	out->condition = cond;
	int error = yaml__mapping(y, node, f, sizeof(f) / sizeof(*f), _("condition (« when »)"));
	if (!error)
		error = yaml__string(y, f[0].value, "question", 1, 1, (char **)&cond->question);
	if (!error)
		error = yaml__string(y, f[1].value, "option", 1, 1, &out->option);
	if (!error)
		error = yaml__string(y, f[2].value, "reason", 1, 1, (char **)&cond->reason);
	if (!error && cond->reason && strchr(cond->reason, '\n'))
		error = fail(y, f[2].value, _("la raison d'une condition tient sur une ligne"));
	return error;
}

static int option_index(const grille_question *q, const char *text, size_t *out)
{
	for (size_t i = 0; i < q->option_count; i++)
		if (strcmp(q->options[i], text) == 0) {
			*out = i;
			return 1;
		}
	return 0;
}

int grid__resolve_when(grille_yaml_doc *y, struct grid_pending_when *when, const grille_item *item,
                       const grille_question *question)
{
	grille_condition *cond = when->condition;
	if (!question)
		return fail(y, when->node, _("l'item « %s » dépend de la question « %s », que la grille n'a pas"),
		            item->id, cond->question);
	if (question->kind != GRILLE_QUESTION_CHOICE)
		return fail(y, when->node, _("l'item « %s » dépend de « %s », qui n'est pas une question à choix "
		                             "(« kind: choice »)"), item->id, cond->question);
	if (strncmp(question->id, item->id, strlen(item->id)) == 0 && question->id[strlen(item->id)] == '.')
		return fail(y, when->node, _("l'item « %s » ne peut pas dépendre de sa propre question « %s »"),
		            item->id, cond->question);
	if (!option_index(question, when->option, &cond->option))
		return fail(y, when->node, _("la question « %s » n'a pas d'option « %s » : l'option s'écrit "
		                             "exactement comme dans sa liste « options »"), cond->question, when->option);
	if (!cond->reason) {
		char reason[256];
		snprintf(reason, sizeof(reason), _("non retenu en %s"), cond->question);
		if (!(cond->reason = strdup(reason)))
			return error__oom();
	}
	return 0;
}

void grid__pending_when_release(struct grid_pending_when *when)
{
	free(when->option);
	when->option = NULL;
}

void grid__condition_free(const grille_condition *cond)
{
	if (!cond)
		return;
	free((char *)cond->question);
	free((char *)cond->reason);
	free((grille_condition *)cond);
}

static size_t item_index(const grille_step *step, const char *id)
{
	for (size_t i = 0; i < step->item_count; i++)
		if (strcmp(step->items[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

/* A group's items: IDs of the step's items, consecutive, in grid order, in no other group. */
static int read_group_items(grille_yaml_doc *y, yaml_node_t *node, const grille_step *step,
                            grille_item_group *group, size_t taken_until)
{
	yaml_node_item_t *entries;
	size_t count;
	int error = yaml__sequence(y, node, "items", &entries, &count);
	if (error)
		return error;
	if (count == 0)
		return fail(y, node, _("le groupe « %s » n'a aucun item"), group->title);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *entry = yaml__node(y, entries[i]);
		char *id = NULL;
		if ((error = yaml__string(y, entry, "items", 1, 1, &id)))
			return error;
		size_t at = item_index(step, id);
		if (at == (size_t)-1)
			error = fail(y, entry, _("le groupe « %s » nomme l'item « %s », que l'étape %s n'a pas"),
			             group->title, id, step->id);
		else if (i == 0 && at < taken_until)
			error = fail(y, entry, _("l'item « %s » est déjà dans un groupe, ou les groupes ne suivent pas "
			                         "l'ordre des items"), id);
		else if (i > 0 && at != group->first + i)
			error = fail(y, entry, _("les items du groupe « %s » se suivent dans l'ordre de l'étape : "
			                         "« %s » n'est pas à sa place"), group->title, id);
		free(id);
		if (error)
			return error;
		if (i == 0)
			group->first = at;
	}
	group->count = count;
	return 0;
}

int grid__read_groups(grille_yaml_doc *y, yaml_node_t *node, grille_step *step)
{
	yaml_node_item_t *entries;
	size_t count;
	int error = yaml__sequence(y, node, "groups", &entries, &count);
	if (error || count == 0)
		return error;
	grille_item_group *groups = calloc(count, sizeof(*groups));
	if (!groups)
		return error__oom();
	step->groups = groups;
	step->group_count = count;
	size_t taken_until = 0;
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *entry = yaml__node(y, entries[i]);
		grille_yaml_field f[] = { {"title", 1, NULL}, {"intro", 0, NULL}, {"items", 1, NULL} };
		error = yaml__mapping(y, entry, f, sizeof(f) / sizeof(*f), _("groupe"));
		if (!error)
			error = yaml__string(y, f[0].value, "title", 1, 1, (char **)&groups[i].title);
		if (!error)
			error = yaml__string(y, f[1].value, "intro", 1, 0, (char **)&groups[i].intro);
		if (!error)
			error = read_group_items(y, f[2].value, step, &groups[i], taken_until);
		if (error)
			return error;
		taken_until = groups[i].first + groups[i].count;
	}
	return 0;
}

void grid__groups_free(const grille_step *step)
{
	for (size_t i = 0; i < step->group_count; i++) {
		free((char *)step->groups[i].title);
		free((char *)step->groups[i].intro);
	}
	free((void *)step->groups);
}

const grille_item_group *grille_step_group_starting(const grille_step *step, size_t index)
{
	for (size_t i = 0; i < step->group_count; i++)
		if (step->groups[i].first == index)
			return &step->groups[i];
	return NULL;
}

const grille_item_group *grille_step_group_of(const grille_step *step, size_t index)
{
	for (size_t i = 0; i < step->group_count; i++)
		if (index >= step->groups[i].first && index < step->groups[i].first + step->groups[i].count)
			return &step->groups[i];
	return NULL;
}
