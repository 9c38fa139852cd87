#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <jansson.h>

#include "grille/error.h"
#include "grille/group.h"
#include "errors.h"
#include "fs.h"
#include "json_out.h"
#include "scan_cache.h"
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

/* The identities are counted over the whole history, on every status and
 * commit: .git/grille/authors.json keeps them with the HEAD they were
 * counted at, so that only the commits made since are read. A HEAD that
 * does not descend from it (a reset, an amend) is counted again in full. */
#define AUTHORS_FORMAT 1

/* The identities counted at `since`, from the file at `path`: a new reference, or NULL. */
static json_t *authors_cached(const char *path, git_oid *since)
{
	json_t *root = scan_cache__load(path);
	json_t *format = root ? json_object_get(root, "format") : NULL;
	json_t *head = root ? json_object_get(root, "head") : NULL;
	json_t *authors = root ? json_object_get(root, "authors") : NULL;
	json_t *found = NULL;
	if (json_is_integer(format) && json_integer_value(format) == AUTHORS_FORMAT && json_is_string(head) &&
	    json_string_length(head) == GIT_OID_HEXSZ && git_oid_fromstr(since, json_string_value(head)) == 0 &&
	    json_is_object(authors))
		found = json_incref(authors);
	git_error_clear();
	json_decref(root);
	return found;
}

/* Add to `authors` (a set: key -> true) the author of each commit `walk` yields. */
static int add_authors(json_t *authors, git_revwalk *walk, git_repository *repo)
{
	git_oid id;
	int next;
	while ((next = git_revwalk_next(&id, walk)) == 0) {
		git_commit *commit = NULL;
		if (git_commit_lookup(&commit, repo, &id) < 0)
			break;
		char *key = identity_key(git_commit_author(commit));
		git_commit_free(commit);
		/* Any bytes: a key that is not UTF-8 makes jansson write nothing, and the next count start over. */
		int failed = !key || json_object_set_new_nocheck(authors, key, json_true()) < 0;
		free(key);
		if (failed)
			return error__oom();
	}
	if (next == GIT_ITEROVER)
		return 0;
	git_error_clear();
	return 1; /* a history cut short (a shallow clone): counted as far as it goes, not kept */
}

/* How many identities authored the commits HEAD reaches: 0 outside git or before the first commit. */
static int identities(size_t *out, struct session *sess)
{
	*out = 0;
	git_oid head, since;
	int error = sess ? session__git(sess) : GRILLE_ENOTFOUND;
	if (error == GRILLE_ENOTFOUND || (!error && git_reference_name_to_id(&head, sess->repo, "HEAD") < 0)) {
		git_error_clear();
		grille_error_clear();
		return 0; /* no history: nobody to expect yet */
	}
	if (error)
		return error;
	char *path = fs__join(git_repository_path(sess->repo), "grille/authors.json");
	if (!path)
		return error__oom();
	json_t *authors = authors_cached(path, &since);
	if (authors && git_oid_equal(&since, &head)) {
		*out = json_object_size(authors);
		json_decref(authors);
		free(path);
		return 0;
	}
	if (authors && git_graph_descendant_of(sess->repo, &head, &since) != 1) {
		json_decref(authors); /* not an ancestor any more: counted again */
		authors = NULL;
	}
	git_error_clear();
	int incremental = authors != NULL;
	if (!authors && !(authors = json_object())) {
		free(path);
		return error__oom();
	}
	git_revwalk *walk = NULL;
	if (git_revwalk_new(&walk, sess->repo) < 0 || git_revwalk_push(walk, &head) < 0 ||
	    (incremental && git_revwalk_hide(walk, &since) < 0)) {
		git_error_clear();
		error = 1; /* unreadable: nobody counted, nothing kept */
		json_object_clear(authors);
	}
	if (!error)
		error = add_authors(authors, walk, sess->repo);
	git_revwalk_free(walk);
	if (error >= 0)
		*out = json_object_size(authors);
	char hex[GIT_OID_HEXSZ + 1];
	json_t *root = error ? NULL : json_pack("{sIsss O}", "format", (json_int_t)AUTHORS_FORMAT, "head",
	                                        git_oid_tostr(hex, sizeof(hex), &head), "authors", authors);
	if (root)
		scan_cache__save(sess->repo, path, root);
	json_decref(root);
	json_decref(authors);
	free(path);
	return error > 0 ? 0 : error;
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
