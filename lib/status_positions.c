#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <jansson.h>

#include "grille/error.h"
#include "grille/group.h"
#include "errors.h"
#include "grid_index.h"
#include "json_out.h"
#include "session.h"
#include "status_positions.h"

static grille_span section_text(const struct scan_section *sec)
{
	const struct scan_range *b = &sec->body;
	return b->first ? (grille_span){ b->first, b->last, b->start, b->end } : (grille_span){ 0 };
}

int status__positions_of(grille_question_status *q, const struct scan_question *found)
{
	q->synthesis = (grille_position){ NULL, found->synthesis.written, found->synthesis.line,
	                                  section_text(&found->synthesis) };
	if (!found->position_count)
		return 0;
	if (!(q->positions = calloc(found->position_count, sizeof(*q->positions))))
		return error__oom();
	for (size_t p = 0; p < found->position_count; p++) {
		const struct scan_section *sec = &found->positions[p];
		grille_position *to = &q->positions[q->position_count++];
		*to = (grille_position){ strdup(sec->name), sec->written, sec->line, section_text(sec) };
		if (!to->name)
			return error__oom();
		q->positions_written += sec->written;
	}
	return 0;
}

void status__positions_release(grille_question_status *q)
{
	for (size_t p = 0; p < q->position_count; p++)
		free(q->positions[p].name);
	free(q->positions);
	q->positions = NULL;
	q->position_count = 0;
}

/* The members, a member two rows hold (a conflict) counted once. */
static size_t members(const grille_group *group)
{
	size_t count = group->member_count;
	for (size_t c = 0; c < group->conflict_count; c++)
		if (strcmp(group->conflicts[c].file, "membres.md") == 0 && group->conflicts[c].count > 1)
			count -= group->conflicts[c].count - 1 <= count ? group->conflicts[c].count - 1 : count;
	return count;
}

/* An identity as a key: its e-mail in lower case, or its name when it has none. */
static char *identity_key(const git_signature *who)
{
	const char *text = who->email && *who->email ? who->email : who->name ? who->name : "";
	char *key = strdup(text);
	for (char *c = key; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return key;
}

/* How many identities authored the commits HEAD reaches: 0 outside git or before the first commit. */
static int identities(size_t *out, struct session *sess)
{
	*out = 0;
	git_revwalk *walk = NULL;
	grille_grid_index seen = { 0 };
	char **keys = NULL;
	size_t key_count = 0;
	int error = sess ? session__git(sess) : GRILLE_ENOTFOUND;
	if (error == GRILLE_ENOTFOUND || (!error && (git_revwalk_new(&walk, sess->repo) < 0 ||
	                                            git_revwalk_push_head(walk) < 0))) {
		git_revwalk_free(walk);
		grille_error_clear();
		return 0; /* no history: nobody to expect yet */
	}
	git_oid id;
	while (!error && git_revwalk_next(&id, walk) == 0) {
		git_commit *commit = NULL;
		if (git_commit_lookup(&commit, sess->repo, &id) < 0)
			break;
		char *key = identity_key(git_commit_author(commit));
		char **grown = key ? realloc(keys, (key_count + 1) * sizeof(*keys)) : NULL;
		git_commit_free(commit);
		if (!grown) {
			free(key);
			error = error__oom();
			break;
		}
		keys = grown;
		keys[key_count++] = key;
		int added = grid_index__add(&seen, key, key, 0, NULL);
		if (added == 0)
			++*out;
		else if (added != GRILLE_EEXISTS)
			error = added;
	}
	git_revwalk_free(walk);
	grid_index__release(&seen);
	for (size_t k = 0; k < key_count; k++)
		free(keys[k]);
	free(keys);
	return error;
}

int status__positions_expected(grille_status *status, const grille_group *group, struct session *sess)
{
	size_t expected = 0;
	int any = 0, error = 0;
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	for (const grille_question_status *q; !any && (q = grille_status_next_question(status, &cursor, NULL));)
		any = q->kind == GRILLE_QUESTION_POSITIONS && q->line;
	if (!any)
		return 0;
	if (group && members(group))
		expected = members(group);
	else
		error = identities(&expected, sess);
	cursor = (grille_question_cursor)GRILLE_QUESTION_CURSOR_INIT;
	for (const grille_question_status *q; (q = grille_status_next_question(status, &cursor, NULL));)
		if (q->kind == GRILLE_QUESTION_POSITIONS)
			((grille_question_status *)q)->positions_expected = expected;
	return error;
}

static json_t *position_json(const grille_position *p)
{
	json_t *o = json_object();
	if (p->name)
		json_object_set_new(o, "name", json__text(p->name));
	json_object_set_new(o, "written", json_boolean(p->written));
	json_object_set_new(o, "line", p->line ? json_integer((json_int_t)p->line) : json_null());
	return o;
}

void status__positions_json(json_t *question, const grille_question_status *q)
{
	if (q->kind != GRILLE_QUESTION_POSITIONS)
		return;
	json_t *o = json_object(), *list = json_array();
	for (size_t p = 0; p < q->position_count; p++)
		json_array_append_new(list, position_json(&q->positions[p]));
	json_object_set_new(o, "written", json_integer((json_int_t)q->positions_written));
	json_object_set_new(o, "expected", json_integer((json_int_t)q->positions_expected));
	json_object_set_new(o, "list", list);
	json_object_set_new(o, "synthesis", position_json(&q->synthesis));
	json_object_set_new(question, "positions", o);
}
