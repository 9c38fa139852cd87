/* The group's data files (members, plan, calendar) on top of lib/table.c. */
#include "groupdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "errors.h"
#include "grille/error.h"
#include "grille/grid.h"
#include "intl.h"
#include "table.h"
#include "text.h"
#include "wording.h"

static const char *const member_header[] = { "Nom", "Rôles", "Courriel", "Identité git" };
static const char *const plan_header[] = { "N°", "Action", "Qui", "Échéance", "État",
                                           "Moyens", "Indicateur", "Pour", "Note",
                                           "Bilan", "Raison du bilan" };
static const char *const calendar_header[] = { "Date", "Quoi", "Titre", "Fait" };
/* An English workspace's files: the same tables, headed and filled in
 * English. Either reads in any workspace; a file is written in the language
 * of its header. */
static const char *const member_header_en[] = { "Name", "Roles", "Email", "Git identity" };
static const char *const plan_header_en[] = { "No.", "Action", "Who", "Due", "State", "Means", "Indicator",
                                              "For", "Note", "Review", "Review reason" };
static const char *const calendar_header_en[] = { "Date", "What", "Title", "Done" };

struct kind {
	const char *title, *title_en;
	const char *const *header, *const *header_en;
	size_t columns;
	size_t required; /* a file written before the last columns came has these */
};

/* The plan's last two columns, the review's decisions, came with rounds: a
 * plan without them reads, and gets them with its first decision. */
static const struct kind kinds[] = {
	[GROUPDATA_MEMBERS] = { "Membres", "Members", member_header, member_header_en, 4, 4 },
	[GROUPDATA_PLAN] = { "Plan d'action", "Action plan", plan_header, plan_header_en, 11, 9 },
	[GROUPDATA_CALENDAR] = { "Calendrier", "Calendar", calendar_header, calendar_header_en, 4, 4 },
};

/* The header a table was found with (table__parse_either()). */
static const char *const *header_of(enum groupdata_kind kind, const struct table *t)
{
	return t->other ? kinds[kind].header_en : kinds[kind].header;
}

const char *const *groupdata__header(enum groupdata_kind kind, const char *language, size_t *count)
{
	*count = kinds[kind].required;
	return wording__english(language) ? kinds[kind].header_en : kinds[kind].header;
}

/* The file's words; marked so that the command line can show them translated. */
static const char *const state_names[] = { N_("à faire"), N_("en cours"), N_("fait"), N_("abandonnée") };
static const char *const state_names_en[] = { "to do", "in progress", "done", "dropped" };
/* What a cell may say, four by four: French, English, the command line's words. */
static const char *const state_folded[] = { "a faire", "en cours", "fait", "abandonnee",
                                            "to do", "in progress", "done", "dropped",
                                            "todo", "doing", "done", "dropped" };
static const char *const event_names[] = { N_("début du test"), N_("fin du test"), N_("bilan") };
static const char *const event_names_en[] = { "test start", "test end", "review" };
static const char *const event_folded[] = { "debut du test", "fin du test", "bilan", "test start", "test end", "review" };

const char *grille_action_state_name(grille_action_state state)
{
	return state_names[state];
}

const char *grille_event_kind_name(grille_event_kind kind)
{
	return event_names[kind];
}

static const char *const decision_names[] = { "", N_("garder"), N_("ajuster"), N_("abandonner") };
static const char *const decision_names_en[] = { "", "keep", "adjust", "drop" };
static const char *const decision_words[] = { "garder", "ajuster", "abandonner", "keep", "adjust", "drop" };

const char *grille_decision_name(grille_decision decision)
{
	return decision_names[decision];
}

char *groupdata__name_key(const char *name)
{
	return text__fold(name, 0);
}

int groupdata__same_name(const char *a, const char *b)
{
	char *fa = text__fold(a, 0), *fb = text__fold(b, 0);
	int same = fa && fb && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return same;
}

static int fold_is(const char *s, const char *const *names, size_t count)
{
	char *f = text__fold(s, 1);
	int found = -1;
	for (size_t i = 0; f && i < count; i++)
		if (strcmp(f, names[i]) == 0)
			found = (int)i;
	free(f);
	return found;
}

int grille_decision_from_name(const char *name)
{
	int found = fold_is(name, decision_words, 6);
	return found < 0 ? -1 : found % 3 + 1;
}

static void free_list(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

/* The comma-separated pieces of `s`, trimmed, empty ones left out. */
static int split_list(char ***out, size_t *count, const char *s)
{
	*out = NULL;
	*count = 0;
	while (*s) {
		const char *comma = strchr(s, ','), *e = comma ? comma : s + strlen(s);
		const char *b = s;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		const char *f = e;
		while (f > b && (f[-1] == ' ' || f[-1] == '\t'))
			f--;
		if (f > b) {
			char **grown = array__push(*out, *count, sizeof(*grown));
			char *piece = grown ? strndup(b, (size_t)(f - b)) : NULL;
			if (grown)
				*out = grown;
			if (!piece)
				return error__oom();
			(*out)[(*count)++] = piece;
		}
		s = comma ? comma + 1 : e;
	}
	return 0;
}

/* Parse "A<n>" (or "a<n>"): n, or 0 when it is not an action number. */
static unsigned long action_number(const char *s)
{
	if ((s[0] != 'A' && s[0] != 'a') || s[1] < '1' || s[1] > '9' || strlen(s) > 10)
		return 0;
	unsigned long n = 0;
	for (const char *p = s + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		n = n * 10 + (unsigned long)(*p - '0');
	}
	return n;
}

/* A row being loaded: its key (compared) and what conflicts show of it: the
 * key itself, or a cell of the table's (never a field of an entry, whose
 * array moves as it grows). */
struct keyed {
	char *key;
	const char *shown;
	size_t line;
	size_t start, text_end;
};

struct load {
	struct table t;
	const char *name;
	const char *data;
	struct keyed *keys;
	size_t key_count;
};

static int add_key(struct load *l, const struct table_row *row, char *key, const char *shown)
{
	struct keyed *grown = key ? array__push(l->keys, l->key_count, sizeof(*grown)) : NULL;
	if (!grown) {
		free(key);
		return error__oom();
	}
	l->keys = grown;
	l->keys[l->key_count++] = (struct keyed){ key, shown ? shown : key, row->line, row->start, row->text_end };
	return 0;
}

static int compare_keys(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int add_conflict(struct load *l, struct groupdata_common *common, size_t from, size_t to)
{
	grille_entry_conflict *grown = array__push(common->conflicts, common->conflict_count, sizeof(*grown));
	if (!grown)
		return error__oom();
	common->conflicts = grown;
	grille_entry_conflict *c = &common->conflicts[common->conflict_count++];
	memset(c, 0, sizeof(*c));
	c->key = strdup(l->keys[from].shown);
	c->lines = calloc(to - from, sizeof(*c->lines));
	c->texts = calloc(to - from, sizeof(*c->texts));
	if (!c->key || !c->lines || !c->texts)
		return error__oom();
	for (size_t i = from; i < to; i++) {
		const struct keyed *k = &l->keys[i];
		c->lines[c->count] = k->line;
		/* Not strndup(): the file's bytes need not end with a NUL. */
		c->texts[c->count] = malloc(k->text_end - k->start + 1);
		if (c->texts[c->count]) {
			memcpy(c->texts[c->count], l->data + k->start, k->text_end - k->start);
			c->texts[c->count][k->text_end - k->start] = '\0';
		}
		if (!c->texts[c->count++])
			return error__oom();
	}
	return 0;
}

/* Conflicts: keys met on more than one row, each group in file order. */
static int find_conflicts(struct load *l, struct groupdata_common *common)
{
	if (l->key_count > 1)
		qsort(l->keys, l->key_count, sizeof(*l->keys), compare_keys);
	for (size_t i = 0; i < l->key_count;) {
		size_t j = i + 1;
		while (j < l->key_count && strcmp(l->keys[i].key, l->keys[j].key) == 0)
			j++;
		if (j - i > 1) {
			int error = add_conflict(l, common, i, j);
			if (error < 0)
				return error;
		}
		i = j;
	}
	return 0;
}

static int load_start(struct load *l, const char *data, size_t len, const char *name, enum groupdata_kind kind)
{
	memset(l, 0, sizeof(*l));
	l->name = name;
	l->data = data;
	int error = table__parse_either(&l->t, data, len, name, kinds[kind].header, kinds[kind].header_en,
	                                kinds[kind].columns, kinds[kind].required);
	return error == GRILLE_EINVALID ? 0 : error;
}

/* The end of a load: conflicts found, problems handed over, keys freed. */
static int load_finish(struct load *l, struct groupdata_common *common, int error)
{
	if (!error)
		error = find_conflicts(l, common);
	if (!error)
		error = table__problems_error(&l->t);
	common->problems = l->t.problems;
	common->problem_count = l->t.problem_count;
	l->t.problems = NULL;
	l->t.problem_count = 0;
	for (size_t i = 0; i < l->key_count; i++)
		free(l->keys[i].key);
	free(l->keys);
	table__release(&l->t);
	return error;
}

static void common_release(struct groupdata_common *c)
{
	for (size_t i = 0; i < c->conflict_count; i++) {
		grille_entry_conflict *k = &c->conflicts[i];
		free(k->key);
		free(k->lines);
		free_list(k->texts, k->count);
	}
	free(c->conflicts);
	free_list(c->problems, c->problem_count);
	memset(c, 0, sizeof(*c));
}

/* ---- members ---- */

static int member_problem(const char *name, const char *email)
{
	if (!name[strspn(name, " \t")]) /* blank: a row nobody could name */
		return 1;
	if (strchr(name, ','))
		return 2;
	if (*email && (!strchr(email, '@') || strchr(email, ' ')))
		return 3;
	return 0;
}

static const char *member_problem_text(int problem)
{
	return problem == 1 ? _("nom de membre manquant")
	     : problem == 2 ? _("un nom de membre ne peut pas contenir de virgule")
	                    : _("adresse de courriel invalide");
}

static int member_row(struct load *l, struct groupdata_members *out, const struct table_row *row)
{
	char **cells = row->cells;
	int problem = member_problem(cells[0], cells[2]);
	if (problem)
		return table__problem(&l->t, l->name, row->line, "%s", member_problem_text(problem));
	grille_member *grown = array__push(out->items, out->count, sizeof(*grown));
	if (!grown)
		return error__oom();
	out->items = grown;
	grille_member *m = &out->items[out->count++];
	memset(m, 0, sizeof(*m));
	m->line = row->line;
	m->name = strdup(cells[0]);
	m->email = strdup(cells[2]);
	m->identity = strdup(cells[3]);
	if (!m->name || !m->email || !m->identity || split_list(&m->roles, &m->role_count, cells[1]) < 0)
		return error__oom();
	return add_key(l, row, text__fold(cells[0], 0), cells[0]);
}

int groupdata__members_load(struct groupdata_members *out, const char *data, size_t len, const char *name)
{
	memset(out, 0, sizeof(*out));
	struct load l;
	int error = load_start(&l, data, len, name, GROUPDATA_MEMBERS);
	for (size_t i = 0; !error && i < l.t.row_count; i++)
		error = member_row(&l, out, &l.t.rows[i]);
	return load_finish(&l, &out->common, error);
}

void groupdata__members_release(struct groupdata_members *m)
{
	for (size_t i = 0; i < m->count; i++) {
		free(m->items[i].name);
		free_list(m->items[i].roles, m->items[i].role_count);
		free(m->items[i].email);
		free(m->items[i].identity);
	}
	free(m->items);
	common_release(&m->common);
	memset(m, 0, sizeof(*m));
}

/* ---- plan ---- */

#define FOR_ID_PROBLEM \
	N_("« %s » n'est pas l'identifiant d'un point ou d'une question de la grille (par exemple 2.5 ou 3.2.b)")

/* What is wrong with an action's cells, or NULL. */
static const char *action_problem(char **cells, unsigned long *number, int *state)
{
	*number = action_number(cells[0]);
	if (!*number)
		return _("numéro d'action invalide : « A » suivi d'un nombre attendu (A1, A2…)");
	if (!*cells[1])
		return _("texte de l'action manquant");
	if (*cells[3] && !grille_date_valid(cells[3]))
		return _("échéance invalide : une date AAAA-MM-JJ qui existe attendue (par exemple 2027-03-15)");
	*state = *cells[4] ? fold_is(cells[4], state_folded, 12) : GRILLE_ACTION_TODO;
	if (*state > 0)
		*state %= 4;
	if (*state < 0)
		return _("état inconnu : « à faire », « en cours », « fait » ou « abandonnée » attendu "
		         "(ou to do, in progress, done, dropped)");
	if (*cells[9] && fold_is(cells[9], decision_words, 6) < 0)
		return _("bilan inconnu : « garder », « ajuster » ou « abandonner » attendu (ou keep, adjust, drop), "
		         "ou rien");
	return NULL;
}

/* The first of the action's IDs that is not a grid item or question, or NULL. */
static const char *bad_for_id(const grille_action *a)
{
	for (size_t i = 0; i < a->for_count; i++)
		if (grille_id_kind(a->for_ids[i]) < 1)
			return a->for_ids[i];
	return NULL;
}

static void action_free(grille_action *a)
{
	free(a->text);
	free_list(a->who, a->who_count);
	free(a->means);
	free(a->indicator);
	free_list(a->for_ids, a->for_count);
	free(a->note);
	free(a->decision_reason);
}

static int action_row(struct load *l, struct groupdata_plan *out, const struct table_row *row)
{
	char **cells = row->cells;
	unsigned long number;
	int state = 0;
	const char *problem = action_problem(cells, &number, &state);
	if (problem)
		return table__problem(&l->t, l->name, row->line, "%s", problem);
	grille_action *grown = array__push(out->items, out->count, sizeof(*grown));
	if (!grown)
		return error__oom();
	out->items = grown;
	grille_action *a = &out->items[out->count++];
	memset(a, 0, sizeof(*a));
	a->line = row->line;
	a->number = number;
	snprintf(a->id, sizeof(a->id), "A%lu", number);
	snprintf(a->due, sizeof(a->due), "%s", cells[3]);
	a->state = (grille_action_state)state;
	a->text = strdup(cells[1]);
	a->means = strdup(cells[5]);
	a->indicator = strdup(cells[6]);
	a->note = strdup(cells[8]);
	a->decision = *cells[9] ? (grille_decision)(fold_is(cells[9], decision_words, 6) % 3 + 1) : GRILLE_DECISION_NONE;
	a->decision_reason = strdup(cells[10]);
	if (!a->text || !a->means || !a->indicator || !a->note || !a->decision_reason || split_list(&a->who, &a->who_count, cells[2]) < 0 ||
	    split_list(&a->for_ids, &a->for_count, cells[7]) < 0)
		return error__oom();
	const char *bad = bad_for_id(a);
	if (!bad)
		return add_key(l, row, strdup(a->id), NULL);
	int error = table__problem(&l->t, l->name, row->line, _(FOR_ID_PROBLEM), bad);
	action_free(a);
	out->count--;
	return error;
}

int groupdata__plan_load(struct groupdata_plan *out, const char *data, size_t len, const char *name)
{
	memset(out, 0, sizeof(*out));
	struct load l;
	int error = load_start(&l, data, len, name, GROUPDATA_PLAN);
	for (size_t i = 0; !error && i < l.t.row_count; i++)
		error = action_row(&l, out, &l.t.rows[i]);
	return load_finish(&l, &out->common, error);
}

void groupdata__plan_release(struct groupdata_plan *p)
{
	for (size_t i = 0; i < p->count; i++)
		action_free(&p->items[i]);
	free(p->items);
	common_release(&p->common);
	memset(p, 0, sizeof(*p));
}

void groupdata__plan_next_id(const struct groupdata_plan *plan, char id[16])
{
	unsigned long max = 0;
	for (size_t i = 0; i < plan->count; i++)
		if (plan->items[i].number > max)
			max = plan->items[i].number;
	snprintf(id, 16, "A%lu", max + 1);
}

/* ---- calendar ---- */

static char *event_key(grille_event_kind kind, const char *date)
{
	grille_buf b = GRILLE_BUF_INIT;
	if (kind == GRILLE_EVENT_REVIEW)
		grille_buf_printf(&b, "%s %s", event_names[kind], date);
	else
		grille_buf_puts(&b, event_names[kind]);
	return grille_buf_detach(&b);
}

static int event_row(struct load *l, struct groupdata_calendar *out, const struct table_row *row)
{
	char **cells = row->cells;
	int kind = fold_is(cells[1], event_folded, 6);
	int done = *cells[3] ? fold_is(cells[3], (const char *const[]){ "oui", "yes" }, 2) : 0;
	if (kind > 0)
		kind %= 3;
	if (done > 0)
		done = 0;
	const char *problem = !grille_date_valid(cells[0])
	        ? _("date invalide : une date AAAA-MM-JJ qui existe attendue (par exemple 2027-03-15)")
	        : kind < 0 ? _("« Quoi » inconnu : « début du test », « fin du test » ou « bilan » attendu "
	                       "(ou test start, test end, review)")
	        : done < 0 ? _("« Fait » vaut « oui » (ou yes) ou reste vide") : NULL;
	if (problem)
		return table__problem(&l->t, l->name, row->line, "%s", problem);
	grille_event *grown = array__push(out->items, out->count, sizeof(*grown));
	if (!grown)
		return error__oom();
	out->items = grown;
	grille_event *e = &out->items[out->count++];
	memset(e, 0, sizeof(*e));
	e->kind = (grille_event_kind)kind;
	snprintf(e->date, sizeof(e->date), "%s", cells[0]);
	e->done = done == 0 && *cells[3];
	e->line = row->line;
	e->title = strdup(cells[2]);
	if (!e->title)
		return error__oom();
	return add_key(l, row, event_key(e->kind, e->date), NULL);
}

/* The test phase ends after it starts (checked when each end has one row). */
static int check_phase(struct load *l, const struct groupdata_calendar *c)
{
	const grille_event *start = NULL, *end = NULL;
	size_t starts = 0, ends = 0;
	for (size_t i = 0; i < c->count; i++) {
		if (c->items[i].kind == GRILLE_EVENT_TEST_START)
			start = &c->items[i], starts++;
		else if (c->items[i].kind == GRILLE_EVENT_TEST_END)
			end = &c->items[i], ends++;
	}
	if (starts != 1 || ends != 1 || strcmp(end->date, start->date) > 0)
		return 0;
	return table__problem(&l->t, l->name, end->line,
	                      _("la fin du test (%s) doit venir après son début (%s, ligne %zu)"), end->date,
	                      start->date, start->line);
}

int groupdata__calendar_load(struct groupdata_calendar *out, const char *data, size_t len, const char *name)
{
	memset(out, 0, sizeof(*out));
	struct load l;
	int error = load_start(&l, data, len, name, GROUPDATA_CALENDAR);
	for (size_t i = 0; !error && i < l.t.row_count; i++)
		error = event_row(&l, out, &l.t.rows[i]);
	if (!error)
		error = check_phase(&l, out);
	return load_finish(&l, &out->common, error);
}

void groupdata__calendar_release(struct groupdata_calendar *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->items[i].title);
	free(c->items);
	common_release(&c->common);
	memset(c, 0, sizeof(*c));
}

/* ---- writing ---- */

int groupdata__fresh(grille_buf *out, enum groupdata_kind kind, const char *language)
{
	const char *guidance = kind == GROUPDATA_MEMBERS
	        ? W_(language, "Une ligne par membre du groupe ; grille lit ce tableau, gardez-en l'en-tête.")
	        : kind == GROUPDATA_PLAN
	        ? W_(language, "Une ligne par action ; grille lit ce tableau, gardez-en l'en-tête.")
	        : W_(language, "Une ligne par date (début et fin du test, bilans) ; grille lit ce tableau, gardez-en l'en-tête.");
	const struct kind *k = &kinds[kind];
	return table__fresh(out, wording__english(language) ? k->title_en : k->title, guidance,
	                    wording__english(language) ? k->header_en : k->header, k->columns);
}

const char *const groupdata__files[3] = { GROUPDATA_MEMBERS_FILE, GROUPDATA_PLAN_FILE, GROUPDATA_CALENDAR_FILE };

int groupdata__attributes(grille_buf *out, const char *language)
{
	int error = grille_buf_puts(out, W_(language, "# Les tableaux du groupe se fusionnent ligne à ligne : deux membres qui ajoutent\n"
	                                             "# chacun une ligne gardent les deux (voir grille-group(5)).\n"));
	for (size_t i = 0; !error && i < 3; i++)
		error = grille_buf_printf(out, "/%s merge=union\n", groupdata__files[i]);
	return error;
}

/* Whether the file as loaded has problems: then it is not written. */
static int check_file(const char *data, size_t len, const char *name, enum groupdata_kind kind)
{
	int error;
	if (kind == GROUPDATA_MEMBERS) {
		struct groupdata_members m;
		error = groupdata__members_load(&m, data, len, name);
		groupdata__members_release(&m);
	} else if (kind == GROUPDATA_PLAN) {
		struct groupdata_plan p;
		error = groupdata__plan_load(&p, data, len, name);
		groupdata__plan_release(&p);
	} else {
		struct groupdata_calendar c;
		error = groupdata__calendar_load(&c, data, len, name);
		groupdata__calendar_release(&c);
	}
	return error;
}

/* The key a row's cells give, as the loaders compare them (NULL: none). */
static char *row_key(enum groupdata_kind kind, char **cells)
{
	if (kind == GROUPDATA_MEMBERS)
		return text__fold(cells[0], 0);
	if (kind == GROUPDATA_PLAN) {
		unsigned long n = action_number(cells[0]);
		char id[16];
		snprintf(id, sizeof(id), "A%lu", n);
		return n ? strdup(id) : NULL;
	}
	int what = fold_is(cells[1], event_folded, 6);
	return what < 0 ? NULL : event_key((grille_event_kind)(what % 3), cells[0]);
}

/* What `op` does to each row of `t` (`ops`), and how many rows have `key` (`found`). */
static void mark_rows(const struct table *t, enum groupdata_kind kind, const char *key, enum groupdata_op op,
                      unsigned char *ops, size_t *found)
{
	*found = 0;
	for (size_t i = 0; i < t->row_count; i++) {
		char *k = row_key(kind, t->rows[i].cells);
		if (k && strcmp(k, key) == 0) {
			/* REPLACE: the first row becomes the entry, the others go (a conflict settled). */
			ops[i] = op == GROUPDATA_REPLACE && *found == 0 ? TABLE_REPLACE : TABLE_DROP;
			(*found)++;
		}
		free(k);
	}
}

/* The table to write into; a file without the last columns gets them (in
 * `wide`, then read from there) when the row written fills one of them. */
static int parse_for_write(struct table *t, grille_buf *wide, const char **data, size_t *len, const char *name,
                           enum groupdata_kind kind, const char *const *cells)
{
	const struct kind *k = &kinds[kind];
	int error = table__parse_either(t, *data, *len, name, k->header, k->header_en, k->columns, k->required);
	int wider = 0;
	for (size_t i = t->column_count; !error && cells && i < k->columns; i++)
		wider |= *cells[i] != '\0';
	if (!wider)
		return error;
	error = table__widen(wide, *data, *len, t, header_of(kind, t), k->columns);
	table__release(t);
	if (error)
		return error;
	*data = wide->ptr;
	*len = wide->len;
	return table__parse_either(t, *data, *len, name, k->header, k->header_en, k->columns, k->required);
}

/* The index of `word` in `names` (`count` of them), or -1. */
static int index_of(const char *word, const char *const *names, int count)
{
	for (int i = 0; i < count; i++)
		if (strcmp(word, names[i]) == 0)
			return i;
	return -1;
}

/* The words grille writes in a row's cells (a state, a decision, what a
 * date is, « oui »), made English in a file headed in English. */
static void speak_file_language(const char **cells, enum groupdata_kind kind, int english_file)
{
	if (!english_file)
		return;
	int i;
	if (kind == GROUPDATA_PLAN && (i = index_of(cells[4], state_names, 4)) >= 0)
		cells[4] = state_names_en[i];
	if (kind == GROUPDATA_PLAN && (i = index_of(cells[9], decision_names, 4)) >= 0)
		cells[9] = decision_names_en[i];
	if (kind == GROUPDATA_CALENDAR && (i = index_of(cells[1], event_names, 3)) >= 0)
		cells[1] = event_names_en[i];
	if (kind == GROUPDATA_CALENDAR && strcmp(cells[3], "oui") == 0)
		cells[3] = "yes";
}

static int write_row(grille_buf *out, const char *data, size_t len, const char *name, enum groupdata_kind kind,
                     enum groupdata_op op, const char *const *cells)
{
	struct table t;
	unsigned char *ops = NULL;
	char *key = NULL;
	size_t found = 0;
	grille_buf wide = GRILLE_BUF_INIT;
	int error = check_file(data, len, name, kind);
	if (error < 0)
		return error;
	error = parse_for_write(&t, &wide, &data, &len, name, kind, op == GROUPDATA_REMOVE ? NULL : cells);
	if (!error) {
		ops = calloc(t.row_count + 1, 1);
		key = row_key(kind, (char **)cells);
		if (ops && key)
			mark_rows(&t, kind, key, op, ops, &found);
		else
			error = error__oom();
	}
	const char *shown = kind == GROUPDATA_MEMBERS ? cells[0] : key;
	if (!error && op == GROUPDATA_APPEND && found)
		error = error__set(GRILLE_EEXISTS, _("%s : « %s » y est déjà"), name, shown);
	else if (!error && op != GROUPDATA_APPEND && !found)
		error = error__set(GRILLE_ENOTFOUND, _("%s : « %s » n'y est pas"), name, shown);
	const char *spoken[11] = { 0 };
	memcpy(spoken, cells, kinds[kind].columns * sizeof(*cells));
	speak_file_language(spoken, kind, !error && t.other);
	if (!error)
		error = table__rewrite(out, data, len, &t, ops, op == GROUPDATA_APPEND,
		                       op == GROUPDATA_REMOVE ? NULL : spoken, header_of(kind, &t));
	free(key);
	free(ops);
	table__release(&t);
	grille_buf_release(&wide);
	return error;
}

/* `list` joined with ", " into `b`; GRILLE_EARGUMENT for a piece with a comma. */
static int join(grille_buf *b, char *const *list, size_t count, const char *what)
{
	for (size_t i = 0; i < count; i++) {
		if (strchr(list[i], ','))
			return error__set(GRILLE_EARGUMENT, _("%s : « %s » ne peut pas contenir de virgule"), what, list[i]);
		grille_buf_printf(b, "%s%s", i ? ", " : "", list[i]);
	}
	return grille_buf_oom(b) ? error__oom() : 0;
}

int groupdata__members_write(grille_buf *out, const char *data, size_t len, const char *name,
                             enum groupdata_op op, const grille_member *m)
{
	grille_buf roles = GRILLE_BUF_INIT;
	const char *email = m->email ? m->email : "";
	int problem = member_problem(m->name, op == GROUPDATA_REMOVE ? "" : email);
	int error = problem ? error__set(GRILLE_EARGUMENT, "%s", member_problem_text(problem))
	                    : join(&roles, m->roles, m->role_count, _("rôle"));
	const char *cells[] = { m->name, roles.ptr ? roles.ptr : "", email, m->identity ? m->identity : "" };
	if (!error)
		error = write_row(out, data, len, name, GROUPDATA_MEMBERS, op, cells);
	grille_buf_release(&roles);
	return error;
}

/* An action's cells as plan.md writes them, `who` and `ids` holding the joined lists. */
static int action_cells(const char *cells[11], grille_buf *who, grille_buf *ids, const grille_action *a, int removing)
{
	int error = 0;
	if (!action_number(a->id))
		error = error__set(GRILLE_EARGUMENT, "%s", _("numéro d'action invalide : « A » suivi d'un nombre attendu (A1, A2…)"));
	else if (!removing && (!a->text || !*a->text))
		error = error__set(GRILLE_EARGUMENT, "%s", _("texte de l'action manquant"));
	else if (!removing && *a->due && !grille_date_valid(a->due))
		error = error__set(GRILLE_EARGUMENT, "%s", _("la date donnée n'est pas valide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"));
	else if (!removing && bad_for_id(a))
		error = error__set(GRILLE_EARGUMENT, _(FOR_ID_PROBLEM), bad_for_id(a));
	if (!error)
		error = join(who, a->who, a->who_count, _("membre"));
	if (!error)
		error = join(ids, a->for_ids, a->for_count, _("identifiant"));
	const char *values[] = { a->id, a->text ? a->text : "", who->ptr ? who->ptr : "", a->due,
	                         state_names[a->state], a->means ? a->means : "", a->indicator ? a->indicator : "",
	                         ids->ptr ? ids->ptr : "", a->note ? a->note : "", decision_names[a->decision],
	                         a->decision_reason ? a->decision_reason : "" };
	memcpy(cells, values, sizeof(values));
	return error;
}

int groupdata__plan_write(grille_buf *out, const char *data, size_t len, const char *name,
                          enum groupdata_op op, const grille_action *a)
{
	grille_buf who = GRILLE_BUF_INIT, ids = GRILLE_BUF_INIT;
	const char *cells[11];
	int error = action_cells(cells, &who, &ids, a, op == GROUPDATA_REMOVE);
	if (!error)
		error = write_row(out, data, len, name, GROUPDATA_PLAN, op, cells);
	grille_buf_release(&who);
	grille_buf_release(&ids);
	return error;
}

/* Where a table's rows start: after its delimiter line and its line ending. */
static size_t rows_start(const char *data, size_t len, const struct table *t)
{
	size_t at = t->delimiter_end;
	at += at < len && data[at] == '\r';
	return at + (at < len && data[at] == '\n');
}

int groupdata__rewrite(grille_buf *out, const char *data, size_t len, const char *name, enum groupdata_kind kind,
                       const grille_action *actions, size_t count)
{
	struct table t;
	grille_buf_clear(out);
	int error = check_file(data, len, name, kind);
	if (!error)
		error = table__parse_either(&t, data, len, name, kinds[kind].header, kinds[kind].header_en,
		                            kinds[kind].columns, kinds[kind].required);
	else
		memset(&t, 0, sizeof(t));
	size_t start = error ? 0 : rows_start(data, len, &t);
	grille_buf_put(out, data, start);
	for (size_t i = 0; !error && kind == GROUPDATA_PLAN && i < count; i++) {
		grille_buf who = GRILLE_BUF_INIT, ids = GRILLE_BUF_INIT;
		const char *cells[11];
		error = action_cells(cells, &who, &ids, &actions[i], 0);
		speak_file_language(cells, kind, t.other);
		if (!error)
			error = table__format_row(out, cells, t.column_count, header_of(kind, &t));
		grille_buf_puts(out, t.crlf ? "\r\n" : "\n");
		grille_buf_release(&who);
		grille_buf_release(&ids);
	}
	if (!error)
		grille_buf_put(out, data + (t.end > start ? t.end : start), len - (t.end > start ? t.end : start));
	if (!error && grille_buf_oom(out))
		error = error__oom();
	table__release(&t);
	return error;
}

int groupdata__calendar_write(grille_buf *out, const char *data, size_t len, const char *name,
                              enum groupdata_op op, const grille_event *e)
{
	if (!grille_date_valid(e->date))
		return error__set(GRILLE_EARGUMENT, "%s", _("la date donnée n'est pas valide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"));
	const char *cells[] = { e->date, event_names[e->kind], e->title ? e->title : "", e->done ? "oui" : "" };
	int error = write_row(out, data, len, name, GROUPDATA_CALENDAR, op, cells);
	if (error < 0 || op == GROUPDATA_REMOVE)
		return error;
	/* The new file must hold together: a reversed test phase is refused, the file left as it was. */
	struct groupdata_calendar c;
	error = groupdata__calendar_load(&c, out->ptr, out->len, name);
	groupdata__calendar_release(&c);
	if (error == GRILLE_EINVALID) {
		grille_buf_clear(out);
		error = GRILLE_EARGUMENT;
	}
	return error;
}
