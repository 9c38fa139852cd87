#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grille/error.h"
#include "grille/group.h"
#include "grille/position.h"
#include "grille/reminders.h"
#include "grille/status.h"
#include "grille/text.h"
#include "errors.h"
#include "fs.h"
#include "grid_index.h"
#include "intl.h"
#include "position.h"
#include "scan.h"
#include "session.h"
#include "text.h"
#include "utf8.h"
#include "wording.h"
#include "workspace_private.h"

const char *position__synthesis(const char *language)
{
	return wording__english(language) ? POSITION_SYNTHESIS_EN : POSITION_SYNTHESIS;
}

int position__heading_name(const char *text, const char **name)
{
	if (strncasecmp(text, "position ", 9) != 0)
		return 0;
	const char *rest = text + 9;
	if (strncasecmp(rest, "of ", 3) == 0)
		rest += 3;
	else if (*rest != 'd' && *rest != 'D')
		return 0;
	else if (strncmp(++rest, "e ", 2) == 0)
		rest += 2;
	else if (*rest == '\'')
		rest += 1;
	else if (strncmp(rest, "\xE2\x80\x99", 3) == 0) /* ’ */
		rest += 3;
	else
		return 0;
	while (*rest == ' ')
		rest++;
	*name = rest;
	return *rest != '\0';
}

int position__is_synthesis(const char *text)
{
	return strcasecmp(text, POSITION_SYNTHESIS) == 0 || strcasecmp(text, POSITION_SYNTHESIS_EN) == 0;
}

/* Whether a name starts with a vowel, accented or not: "Position d'Alice". */
static int starts_with_vowel(const char *name)
{
	int32_t c;
	if (!*name)
		return 0;
	utf8__decode(name, strlen(name), &c);
	if (c < 0x80)
		return c > 0 && strchr("aeiouAEIOU", (int)c) != NULL;
	static const char *const vowels = "àâäéèêëîïôöùûüÀÂÄÉÈÊËÎÏÔÖÙÛÜ";
	size_t n = strlen(vowels);
	for (size_t i = 0; i < n;) {
		int32_t v;
		i += utf8__decode(vowels + i, n - i, &v);
		if (v == c)
			return 1;
	}
	return 0;
}

int position__heading_text(grille_buf *out, const char *language, const char *name)
{
	grille_buf_puts(out, wording__english(language) ? "Position of " : starts_with_vowel(name) ? "Position d'" : "Position de ");
	/* What Markdown would read otherwise (emphasis, a link, an entity, a
	 * closing "#"): escaped, so that the scan reads the name back as it is. */
	for (const char *c = name; *c; c++) {
		if (strchr("\\`*_[]<>&#~", *c))
			grille_buf_puts(out, "\\");
		grille_buf_put(out, c, 1);
	}
	return grille_buf_oom(out) ? error__oom() : 0;
}

/* The level of the ATX or setext heading whose lines are [start, end) of `data`. */
static int heading_level(const char *data, size_t start, size_t end)
{
	size_t i = start;
	while (i < end && i - start < 3 && data[i] == ' ')
		i++;
	int level = 0;
	while (i < end && data[i] == '#')
		level++, i++;
	if (level)
		return level;
	const char *nl = memchr(data + start, '\n', end - start); /* setext: the underline's character */
	return nl && (size_t)(nl - data) + 1 < end && memchr(data + (nl - data) + 1, '=', end - (size_t)(nl - data) - 1) ? 1 : 2;
}

/* The subsection of `name` under `q`, or NULL. */
static const struct scan_section *position_of(const struct scan_question *q, const char *name)
{
	for (size_t p = 0; p < q->position_count; p++)
		if (strcasecmp(q->positions[p].name, name) == 0)
			return &q->positions[p];
	return NULL;
}

/* The names of a question's positions, ASCII letters in lower case, for
 * lookups in constant time: a members list and a file may both be long. */
struct names {
	grille_grid_index index;
	char **keys;
	size_t count;
};

static char *folded(const char *name)
{
	char *key = strdup(name);
	for (char *c = key; c && *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return key;
}

static void names_release(struct names *n)
{
	grid_index__release(&n->index);
	for (size_t i = 0; i < n->count; i++)
		free(n->keys[i]);
	free(n->keys);
	memset(n, 0, sizeof(*n));
}

static int names_of(struct names *n, const struct scan_question *q)
{
	memset(n, 0, sizeof(*n));
	n->keys = q && q->position_count ? calloc(q->position_count, sizeof(*n->keys)) : NULL;
	int error = q && q->position_count && !n->keys ? error__oom() : 0;
	for (size_t p = 0; !error && q && p < q->position_count; p++) {
		if (!(n->keys[n->count] = folded(q->positions[p].name)))
			error = error__oom();
		else if ((error = grid_index__add(&n->index, n->keys[n->count++], &q->positions[p], 0, NULL)) == GRILLE_EEXISTS)
			error = 0; /* the same name twice: the first one */
	}
	if (error)
		names_release(n);
	return error;
}

/* Whether `name` is among `n`: 1, 0, or GRILLE_ENOMEM. */
static int named(const struct names *n, const char *name)
{
	char *key = folded(name);
	int found = key ? grid_index__find(&n->index, key) != NULL : error__oom();
	free(key);
	return found;
}

/* Who writes: the names whose subsections to add, `me` among them. */
struct writers {
	const char **names;  /* borrowed: from the group or `me` */
	size_t count;
	const char *me;
	int all;             /* from the members list */
	const char *language; /* the workspace's: the words of the headings */
};

/* The subsections to insert, at a place where the line before is blank
 * (`blank_before`) or not; `*mine`: the line to write at, counted from the
 * insertion's first line (0), when the writer's subsection is among them.
 * Each is its heading, a blank line, the empty line to write at, a blank
 * line: what two members write then stands two unchanged lines apart. */
static int block_text(grille_buf *text, size_t *mine, size_t *added, const struct scan_question *q,
                      const struct writers *w, int level, int blank_before)
{
	int error = blank_before ? 0 : grille_buf_puts(text, "\n");
	size_t lines = blank_before ? 0 : 1;
	struct names there;
	if (!error)
		error = names_of(&there, q);
	for (size_t i = 0; !error && i < w->count; i++) {
		int found = named(&there, w->names[i]);
		if (found)
			error = found < 0 ? found : 0;
		if (found)
			continue;
		if (strcasecmp(w->names[i], w->me) == 0)
			*mine = lines + 2;
		lines += 4;
		++*added;
		error = grille_buf_printf(text, "%.*s ", level, "######");
		if (!error)
			error = position__heading_text(text, w->language, w->names[i]);
		if (!error)
			error = grille_buf_puts(text, "\n\n\n\n");
	}
	names_release(&there);
	if (!error && !q->synthesis.line) {
		error = grille_buf_printf(text, "%.*s %s\n\n\n\n", level, "######", position__synthesis(w->language));
		++*added;
	}
	return error;
}

/* The file's line ending: CRLF when most lines end with it. */
static int crlf_file(const char *data, size_t len)
{
	size_t lf = 0, crlf = 0;
	for (const char *p = data; (p = memchr(p, '\n', len - (size_t)(p - data))); p++) {
		lf++;
		crlf += p > data && p[-1] == '\r';
	}
	return crlf > lf - crlf;
}

/* `data` with `text` inserted at byte `at`, its line feeds written as the file's. */
static int splice(grille_buf *out, const char *data, size_t len, size_t at, const grille_buf *text)
{
	int crlf = crlf_file(data, len);
	grille_buf_put(out, data, at);
	for (size_t i = 0; i < text->len; i++) {
		if (text->ptr[i] == '\n' && crlf)
			grille_buf_put(out, "\r", 1);
		grille_buf_put(out, text->ptr + i, 1);
	}
	grille_buf_put(out, data + at, len - at);
	return grille_buf_oom(out) ? error__oom() : 0;
}

static int blank_before(const char *data, size_t at)
{
	if (at == 0)
		return 1;
	size_t start = at - 1;
	while (start > 0 && data[start - 1] != '\n')
		start--;
	for (size_t i = start; i < at; i++)
		if (!strchr(" \t\r\n", data[i]))
			return 0;
	return 1;
}

static size_t line_at(const char *data, size_t at)
{
	return 1 + text__count_newlines(data, at);
}

/* Plan on the scanned file: the new bytes in `out`, the line to write at in `*line`. */
static int plan_on(grille_buf *out, grille_position_result *res, const char *data, size_t len, const char *name,
                   const struct scan_question *q, const struct writers *w)
{
	const struct scan_section *there = position_of(q, w->me);
	if (there)
		return error__set(GRILLE_EEXISTS, _("la position de « %s » est déjà sous la question « %s », dans "
		                                    "%s:%zu : écrivez sous ce titre"), w->me, q->id, name,
		                  there->line);
	int level = heading_level(data, q->start, q->heading_to) + 1;
	if (level > 6)
		return error__set(GRILLE_EINVALID, _("le titre de « %s » dans « %s » est du niveau le plus bas "
		                                     "(######) : aucun sous-titre ne peut s'y placer"), q->id, name);
	size_t at = q->synthesis.line ? q->synthesis.start : q->end;
	grille_buf text = GRILLE_BUF_INIT;
	size_t mine = 0;
	int ends_open = at > 0 && data[at - 1] != '\n';
	int error = ends_open ? grille_buf_puts(&text, "\n") : 0;
	if (!error)
		error = block_text(&text, &mine, &res->added, q, w, level, !ends_open && blank_before(data, at));
	if (!error)
		error = splice(out, data, len, at, &text);
	res->line = line_at(data, at) + mine;
	grille_buf_release(&text);
	return error;
}

/* Plan the subsections of `w` under question `id` in a step file's bytes. GRILLE_ENOTFOUND, without a
 * message, when the file does not hold the question. */
static int plan(grille_buf *out, grille_position_result *res, const char *data, size_t len, const char *name,
                const grille_grid *grid, const char *id, const struct writers *w)
{
	struct scan scan;
	int error = scan__text(&scan, data, len, name, grid);
	if (error)
		return error;
	const struct scan_question *q = scan__question(&scan, id);
	if (scan.conflict_count)
		error = error__set(GRILLE_EINVALID,
			_("« %s » contient des conflits git (marques <<<<<<< et >>>>>>>) : choisissez d'abord le "
			  "texte à garder, effacez les marques, puis recommencez"), name);
	else if (!q)
		error = GRILLE_ENOTFOUND;
	else
		error = plan_on(out, res, data, len, name, q, w);
	scan__release(&scan);
	return error;
}

/* Whether member `i` is the second row of an entry two members changed at once. */
static int repeated(const grille_group *group, size_t i)
{
	for (size_t c = 0; c < group->conflict_count; c++) {
		const grille_entry_conflict *k = &group->conflicts[c];
		if (strcmp(k->file, "membres.md") == 0 && strcasecmp(k->key, group->members[i].name) == 0 &&
		    k->count && k->lines[0] != group->members[i].line)
			return 1;
	}
	return 0;
}

/* The name typed with --member: one line of text. */
static int check_name(const char *name)
{
	int32_t cp;
	size_t column;
	if (grille_text_problem(name, 0, &cp, &column) || !*name || strspn(name, " \t") == strlen(name))
		return error__set(GRILLE_EARGUMENT, "%s", _("le nom donné n'est pas un nom sur une ligne : "
		                                            "écrivez-le en texte simple"));
	return 0;
}

/* `name` without the spaces around it, in a new string; `old` (which it may be) is freed. */
static char *trimmed(const char *name, char *old)
{
	while (*name == ' ' || *name == '\t')
		name++;
	size_t len = strlen(name);
	while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	char *copy = strndup(name, len);
	free(old);
	return copy;
}

/* Who writes, from --member or git's identity; `*own` holds a name to free. */
static int find_writers(struct writers *w, char **own, grille_workspace *ws, const char *member)
{
	const grille_group *group;
	int error = grille_workspace_group(&group, ws);
	if (error)
		return error;
	const grille_member *m = NULL;
	char *email = NULL;
	if (member && !(error = check_name(member))) {
		m = group->member_count ? grille_group_member(group, member) : NULL;
		if (group->member_count && !m)
			error = error__set(GRILLE_EARGUMENT, _("« %s » n'est pas dans la liste des membres (membres.md) : "
			                                       "vérifiez son nom (« grille member list »)"), member);
		w->me = m ? m->name : member;
	} else if (!member && !(error = grille_workspace_me(&m, own, &email, ws))) {
		if (!m && group->member_count)
			error = error__set(GRILLE_EARGUMENT, _("votre identité git « %s <%s> » ne correspond à aucun membre "
			                                       "de membres.md : donnez le nom avec --member NOM, ou "
			                                       "inscrivez-vous avec « grille member add »"), *own, email);
		else if (!m)
			error = check_name(*own);
		w->me = m ? m->name : *own;
	}
	/* A name written as the heading will read it back: spaces around it go. */
	if (!error && !m && !(w->me = *own = trimmed(w->me, *own)))
		error = error__oom();
	free(email);
	w->all = group->member_count > 0;
	w->names = error ? NULL : calloc(w->all ? group->member_count : 1, sizeof(*w->names));
	if (!error && !w->names)
		error = error__oom();
	for (size_t i = 0; !error && w->all && i < group->member_count; i++)
		if (!repeated(group, i))
			w->names[w->count++] = group->members[i].name;
	if (!error && !w->all)
		w->names[w->count++] = w->me;
	return error;
}

/* Where the question stands: its step's file first, then the others (a question may move). */
static int write_in(grille_position_result *out, grille_workspace *ws, const char *id, const struct writers *w)
{
	size_t count = grille_grid_step_count(ws->grid), own = 0;
	for (size_t s = 0; s < count; s++) {
		const char *step = grille_grid_step(ws->grid, s)->id;
		if (strncmp(id, step, strlen(step)) == 0 && id[strlen(step)] == '.')
			own = s;
	}
	int error = GRILLE_ENOTFOUND;
	for (size_t n = 0; n <= count && error == GRILLE_ENOTFOUND; n++) {
		size_t s = n == 0 ? own : n - 1;
		if (n > 0 && s == own)
			continue;
		const char *file = grille_grid_step(ws->grid, s)->file;
		grille_buf data = GRILLE_BUF_INIT, text = GRILLE_BUF_INIT;
		char *path = fs__join(ws->root, file);
		error = path ? session__read(&data, session__of(ws), NULL, file) : error__oom();
		if (error == GRILLE_ENOTFOUND)
			grille_error_clear();
		if (!error)
			error = plan(&text, out, data.ptr ? data.ptr : "", data.len, file, ws->grid, id, w);
		if (!error)
			error = fs__replace(path, text.ptr, text.len);
		if (!error && !(out->file = strdup(file)))
			error = error__oom();
		free(path);
		grille_buf_release(&data);
		grille_buf_release(&text);
	}
	if (error == GRILLE_ENOTFOUND)
		error = error__set(GRILLE_ENOTFOUND, _("la question « %s » n'est dans aucun fichier d'étape : "
		                                       "« grille deepen » l'ajoute à son étape"), id);
	return error;
}

int grille_workspace_position(grille_position_result *out, grille_workspace *ws, const char *id, const char *member)
{
	memset(out, 0, sizeof(*out));
	const grille_question *gq = grille_grid_find_question(ws->grid, id);
	if (!gq || gq->kind != GRILLE_QUESTION_POSITIONS)
		return error__set(GRILLE_EARGUMENT, gq ? _("« %s » n'est pas une question où chaque personne donne sa "
		                                         "position (« kind: positions » dans la grille)")
		                                       : _("« %s » n'est pas une question de la grille (« 5.1.a »)"), id);
	struct writers w = { .language = grille_grid_language(ws->grid) };
	char *own = NULL;
	int error = find_writers(&w, &own, ws, member);
	if (!error)
		error = write_in(out, ws, id, &w);
	if (!error && !(out->member = strdup(w.me)))
		error = error__oom();
	out->all = w.all;
	free(w.names);
	free(own);
	if (error)
		grille_position_result_release(out);
	return error;
}

void grille_position_result_release(grille_position_result *result)
{
	free(result->file);
	free(result->member);
	memset(result, 0, sizeof(*result));
}

/* The names of `q`'s positions that `base` lacks, in file order, in `*out` (borrowed; NULL out of memory). */
static size_t new_names(const char ***out, const struct scan_question *q, const struct scan_question *bq)
{
	struct names there;
	*out = q->position_count ? calloc(q->position_count, sizeof(**out)) : NULL;
	size_t count = 0;
	if (!*out || names_of(&there, bq) < 0)
		return 0;
	for (size_t p = 0; p < q->position_count; p++)
		if (named(&there, q->positions[p].name) == 0)
			(*out)[count++] = q->positions[p].name;
	names_release(&there);
	return count;
}

/* Whether both sides added the same subsections to question `id` of `base`: 1 and `w` the writers. */
static int same_addition(struct writers *w, const struct scan *base, const struct scan *ours, const struct scan *theirs,
                         const char *id, const char *language)
{
	const struct scan_question *b = scan__question(base, id), *o = scan__question(ours, id),
	                           *t = scan__question(theirs, id);
	if (!b || !o || !t || (o->synthesis.line != 0) != (t->synthesis.line != 0))
		return 0;
	const char **mine = NULL, **other = NULL;
	size_t n = new_names(&mine, o, b), m = new_names(&other, t, b);
	int same = n == m && (n > 0 || (!b->synthesis.line && o->synthesis.line));
	for (size_t i = 0; same && i < n; i++)
		same = strcmp(mine[i], other[i]) == 0;
	free(other);
	if (!same) {
		free(mine);
		return 0;
	}
	*w = (struct writers){ mine, n, n ? mine[0] : "", 1, language };
	return 1;
}

int position__merge_base(grille_buf *out, const char *base, size_t base_len, const char *ours, size_t ours_len,
                         const char *theirs, size_t theirs_len, const grille_grid *grid, const char *name)
{
	struct scan o, t;
	int error = scan__text(&o, ours, ours_len, name, grid);
	if (!error && (error = scan__text(&t, theirs, theirs_len, name, grid)))
		scan__release(&o);
	if (error)
		return error;
	grille_buf now = GRILLE_BUF_INIT;
	grille_buf_put(&now, base, base_len);
	int changed = 0;
	for (size_t q = 0; !error && q < o.question_count; q++) {
		const grille_question *gq = grid ? grille_grid_find_question(grid, o.questions[q].id) : NULL;
		struct scan b;
		struct writers w;
		if (!gq || gq->kind != GRILLE_QUESTION_POSITIONS ||
		    (error = scan__text(&b, now.ptr ? now.ptr : "", now.len, name, grid)))
			continue;
		if (!b.conflict_count && same_addition(&w, &b, &o, &t, o.questions[q].id, grid ? grille_grid_language(grid) : NULL)) {
			grille_buf next = GRILLE_BUF_INIT;
			grille_position_result where = { 0 };
			error = plan_on(&next, &where, now.ptr ? now.ptr : "", now.len, name,
			                scan__question(&b, o.questions[q].id), &w);
			grille_buf_release(&now);
			now = next;
			changed = 1;
			free(w.names);
		}
		scan__release(&b);
	}
	scan__release(&o);
	scan__release(&t);
	if (!error && !changed)
		error = GRILLE_ENOTFOUND;
	if (!error)
		*out = now;
	else
		grille_buf_release(&now);
	return error;
}
