#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "grille/grid.h"
#include "grille/settings.h"
#include "yaml_read.h"
#include "intl.h"
#include "settings.h"

static int write_to_buf(void *data, unsigned char *bytes, size_t size)
{
	return grille_buf_put(data, bytes, size) == 0;
}

/* The emitter's calls, chained: each stops doing anything after a failure.
 * An event is handed on (and so freed) only when its initialiser succeeded:
 * libyaml leaves a failed one untouched, and deleting it would free garbage. */
struct emit {
	yaml_emitter_t emitter;
	int failed;
	const char *bad_key; /* the key whose value libyaml refused, if any */
};

static void emit(struct emit *e, int initialised, yaml_event_t *event)
{
	if (!initialised)
		e->failed = 1;
	else if (e->failed)
		yaml_event_delete(event);
	else if (!yaml_emitter_emit(&e->emitter, event)) /* frees the event, even on failure */
		e->failed = 1;
}

static void scalar(struct emit *e, const char *value, yaml_scalar_style_t style)
{
	if (e->failed)
		return;
	yaml_event_t event;
	int ok = yaml_scalar_event_initialize(&event, NULL, NULL, (yaml_char_t *)value,
	                                      (int)strlen(value), 1, 1, style);
	emit(e, ok, &event);
}

static void pair(struct emit *e, const char *key, const char *value, yaml_scalar_style_t style)
{
	scalar(e, key, YAML_PLAIN_SCALAR_STYLE);
	int failed = e->failed;
	scalar(e, value ? value : "", style);
	if (!failed && e->failed && !e->bad_key)
		e->bad_key = key;
}

static void mapping(struct emit *e, int start)
{
	yaml_event_t event;
	int ok = start ? yaml_mapping_start_event_initialize(&event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
	               : yaml_mapping_end_event_initialize(&event);
	emit(e, ok, &event);
}

int settings__render(grille_buf *out, const grille_new_settings *s)
{
	struct emit e = { .failed = 0 };
	if (!yaml_emitter_initialize(&e.emitter))
		return error__oom();
	yaml_emitter_set_output(&e.emitter, write_to_buf, out);
	yaml_emitter_set_unicode(&e.emitter, 1);
	yaml_emitter_set_width(&e.emitter, -1);

	yaml_event_t event;
	emit(&e, yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING), &event);
	emit(&e, yaml_document_start_event_initialize(&event, NULL, NULL, NULL, 1), &event);
	mapping(&e, 1);

	char level[16];
	snprintf(level, sizeof(level), "%d", s->level);
	pair(&e, "format", SETTINGS_FORMAT_TEXT, YAML_PLAIN_SCALAR_STYLE);
	pair(&e, "title", s->title, YAML_ANY_SCALAR_STYLE);
	pair(&e, "collective", s->collective, YAML_ANY_SCALAR_STYLE);
	pair(&e, "language", s->language, YAML_ANY_SCALAR_STYLE);
	scalar(&e, "grid", YAML_PLAIN_SCALAR_STYLE);
	mapping(&e, 1);
	pair(&e, "id", s->grid_id, YAML_ANY_SCALAR_STYLE);
	pair(&e, "version", s->grid_version, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	if (s->grid_file)
		pair(&e, "file", s->grid_file, YAML_ANY_SCALAR_STYLE);
	mapping(&e, 0);
	pair(&e, "level", level, YAML_PLAIN_SCALAR_STYLE);

	mapping(&e, 0);
	emit(&e, yaml_document_end_event_initialize(&event, 1), &event);
	emit(&e, yaml_stream_end_event_initialize(&event), &event);

	int error = 0;
	if (e.failed && e.bad_key)
		error = error__set(GRILLE_EINVALID, _("impossible d'écrire « grille.yaml » : la valeur de "
		                                            "« %s » n'est pas un texte UTF-8 valide"), e.bad_key);
	else if (e.failed)
		error = e.emitter.problem
		        ? error__set(GRILLE_ERROR, _("impossible d'écrire « grille.yaml » : la "
		                                           "bibliothèque YAML a refusé son contenu (%s)"),
		                           e.emitter.problem)
		        : error__oom();
	yaml_emitter_delete(&e.emitter);
	return error;
}

/* Loading grille.yaml */

#define fail(y, node, ...) yaml__fail(y, node, __VA_ARGS__)

/* An empty value, "~" or "null" written by hand means "not set". */
static int read_optional(grille_yaml_doc *y, yaml_node_t *node, const char *key, char **out)
{
	*out = NULL;
	if (node && node->type == YAML_SCALAR_NODE && node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
		const char *v = (const char *)node->data.scalar.value;
		if (!*v || strcmp(v, "~") == 0 || strcmp(v, "null") == 0)
			node = NULL;
	}
	int error = node ? yaml__string(y, node, key, 1, 0, out) : 0;
	if (!error && !*out && !(*out = strdup("")))
		error = error__oom();
	return error;
}

static int read_date(grille_yaml_doc *y, yaml_node_t *node, const char *key, char **out)
{
	int error = read_optional(y, node, key, out);
	if (!error && **out && !grille_date_valid(*out))
		error = fail(y, node, _("date « %s » invalide pour « %s » : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		             *out, key);
	return error;
}

static int read_bool(grille_yaml_doc *y, yaml_node_t *node, const char *key, int *out)
{
	*out = 0;
	if (!node)
		return 0;
	const char *v = node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "";
	if (strcmp(v, "true") == 0 || strcmp(v, "oui") == 0 || strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "false") != 0 && strcmp(v, "non") != 0 && strcmp(v, "no") != 0 && *v)
		return fail(y, node, _("« %s » vaut true ou false, pas « %s »"), key, v);
	return 0;
}

/* The whole settings, with what format 1 kept of the group's data. */
struct settings_full {
	grille_settings pub;
	struct settings_legacy legacy;
};

const struct settings_legacy *settings__legacy(const grille_settings *s)
{
	return &((const struct settings_full *)s)->legacy;
}

static int read_members(grille_yaml_doc *y, yaml_node_t *node, struct settings_legacy *g)
{
	yaml_node_item_t *entries;
	size_t count;
	int error = yaml__sequence(y, node, "members", &entries, &count);
	if (!error && !(g->members = calloc(count ? count : 1, sizeof(*g->members))))
		error = error__oom();
	for (size_t i = 0; !error && i < count; i++) {
		grille_yaml_field f[] = { {"name", 1, NULL}, {"role", 0, NULL}, {"email", 0, NULL} };
		grille_member *m = &g->members[i];
		char *role = NULL;
		error = yaml__mapping(y, yaml__node(y, entries[i]), f, 3, _("membre"));
		g->member_count += !error;
		if (!error)
			error = yaml__string(y, f[0].value, "name", 1, 1, &m->name);
		if (!error)
			error = read_optional(y, f[1].value, "role", &role);
		if (!error && *role && !(m->roles = calloc(1, sizeof(*m->roles))))
			error = error__oom();
		if (!error && *role) {
			m->roles[m->role_count++] = role;
			role = NULL;
		}
		free(role);
		if (!error)
			error = read_optional(y, f[2].value, "email", &m->email);
		if (!error && !(m->identity = strdup("")))
			error = error__oom();
	}
	return error;
}

static grille_event *add_event(struct settings_legacy *g, grille_event_kind kind, const char *date)
{
	grille_event *grown = array__push(g->events, g->event_count, sizeof(*grown));
	if (!grown)
		return NULL;
	g->events = grown;
	grille_event *e = &grown[g->event_count++];
	*e = (grille_event){ .kind = kind };
	snprintf(e->date, sizeof(e->date), "%s", date);
	return e;
}

static int read_reviews(grille_yaml_doc *y, yaml_node_t *node, struct settings_legacy *g)
{
	yaml_node_item_t *entries;
	size_t count;
	int error = yaml__sequence(y, node, "reviews", &entries, &count);
	for (size_t i = 0; !error && i < count; i++) {
		grille_yaml_field f[] = { {"date", 1, NULL}, {"title", 0, NULL}, {"done", 0, NULL} };
		char *date = NULL;
		error = yaml__mapping(y, yaml__node(y, entries[i]), f, 3, _("bilan"));
		if (!error)
			error = read_date(y, f[0].value, "date", &date);
		if (!error && !date[0])
			error = fail(y, f[0].value, _("un bilan a besoin d'une date (AAAA-MM-JJ)"));
		grille_event *e = error ? NULL : add_event(g, GRILLE_EVENT_REVIEW, date);
		if (!error && !e)
			error = error__oom();
		free(date);
		if (!error)
			error = read_optional(y, f[1].value, "title", &e->title);
		if (!error)
			error = read_bool(y, f[2].value, "done", &e->done);
	}
	return error;
}

static int read_test_phase(grille_yaml_doc *y, yaml_node_t *node, struct settings_legacy *g)
{
	grille_yaml_field t[] = { {"start", 0, NULL}, {"end", 0, NULL} };
	char *start = NULL, *end = NULL;
	int error = yaml__mapping(y, node, t, 2, "test_phase");
	if (!error)
		error = read_date(y, t[0].value, "start", &start);
	if (!error)
		error = read_date(y, t[1].value, "end", &end);
	if (!error && start[0] && end[0] && strcmp(start, end) > 0)
		error = fail(y, t[1].value, _("la phase de test finit (%s) avant de commencer (%s)"), end, start);
	grille_event *e = NULL;
	if (!error && start[0] && !(e = add_event(g, GRILLE_EVENT_TEST_START, start)))
		error = error__oom();
	if (!error && e && !(e->title = strdup("")))
		error = error__oom();
	if (!error && end[0] && !(e = add_event(g, GRILLE_EVENT_TEST_END, end)))
		error = error__oom();
	if (!error && end[0] && !(e->title = strdup("")))
		error = error__oom();
	free(start);
	free(end);
	return error;
}

/* Where each top-level key's block starts and ends (the next key's line),
 * so that moving the group's data can take these lines out. */
static void note_blocks(grille_yaml_doc *y, yaml_node_t *root, struct settings_legacy *g)
{
	static const char *const keys[] = { "members", "test_phase", "reviews", "format" };
	if (!root || root->type != YAML_MAPPING_NODE)
		return;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *key = yaml__node(y, p->key);
		if (!key || key->type != YAML_SCALAR_NODE)
			continue;
		size_t line = key->start_mark.line + 1;
		for (size_t k = 0; k < 4; k++)
			if (g->block_end[k] == SIZE_MAX)
				g->block_end[k] = line;
		for (size_t k = 0; k < 4; k++)
			if (strcmp((const char *)key->data.scalar.value, keys[k]) == 0) {
				g->block_start[k] = line;
				g->block_end[k] = SIZE_MAX;
			}
	}
	for (size_t k = 0; k < 4; k++)
		if (g->block_end[k] == SIZE_MAX)
			g->block_end[k] = 0;
}

static int read_int(grille_yaml_doc *y, yaml_node_t *node, const char *key, int min, int max, int *out)
{
	const char *v = node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "";
	char *end = NULL;
	long value = strtol(v, &end, 10);
	if (!*v || *end || value < min || value > max)
		return fail(y, node, _("« %s » vaut un nombre de %d à %d, pas « %s »"), key, min, max, v);
	*out = (int)value;
	return 0;
}

/* members, test_phase, reviews: kept here by format 1 only. */
static int read_group_data(grille_yaml_doc *y, yaml_node_t *root, const grille_yaml_field *f, grille_settings *s)
{
	int error = 0;
	for (size_t k = 0; !error && k < 3 && s->format > 1; k++)
		if (f[k].value)
			error = fail(y, f[k].value, _("« %s » n'a plus sa place dans grille.yaml : les membres, la phase "
			                              "de test et les bilans sont dans membres.md et calendrier.md "
			                              "(voir grille-group(5))"), f[k].key);
	struct settings_legacy *g = &((struct settings_full *)s)->legacy;
	if (!error && f[0].value)
		error = read_members(y, f[0].value, g);
	if (!error && f[1].value)
		error = read_test_phase(y, f[1].value, g);
	if (!error && f[2].value)
		error = read_reviews(y, f[2].value, g);
	if (!error)
		note_blocks(y, root, g);
	return error;
}

static int read_format(grille_yaml_doc *y, yaml_node_t *node, int *out)
{
	const char *v = node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : "";
	char *end = NULL;
	long value = strtol(v, &end, 10);
	if (*v && !*end && value > SETTINGS_FORMAT)
		return fail(y, node, _("cet espace de travail est au format %ld, écrit par une version plus récente "
		                       "de grille ; celle-ci lit les formats 1 à %d : mettez grille à jour"),
		            value, SETTINGS_FORMAT);
	if (!*v || *end || value < 1)
		return fail(y, node, _("format « %s » inconnu : un nombre de 1 à %d est attendu"), v, SETTINGS_FORMAT);
	*out = (int)value;
	return 0;
}

static int read_settings(grille_yaml_doc *y, yaml_node_t *root, grille_settings *s)
{
	grille_yaml_field f[] = {
		{"format", 1, NULL}, {"title", 0, NULL}, {"collective", 0, NULL}, {"language", 0, NULL},
		{"grid", 1, NULL}, {"level", 0, NULL}, {"round", 0, NULL}, {"members", 0, NULL}, {"test_phase", 0, NULL},
		{"reviews", 0, NULL},
	};
	int error = yaml__mapping(y, root, f, sizeof(f) / sizeof(*f), "grille.yaml");
	if (!error)
		error = read_format(y, f[0].value, &s->format);
	if (!error)
		error = read_optional(y, f[1].value, "title", (char **)&s->title);
	if (!error)
		error = read_optional(y, f[2].value, "collective", (char **)&s->collective);
	if (!error)
		error = read_optional(y, f[3].value, "language", (char **)&s->language);
	grille_yaml_field g[] = { {"id", 1, NULL}, {"version", 0, NULL}, {"file", 0, NULL} };
	if (!error)
		error = yaml__mapping(y, f[4].value, g, 3, "grid");
	if (!error)
		error = yaml__string(y, g[0].value, "id", 1, 1, (char **)&s->grid_id);
	if (!error)
		error = read_optional(y, g[1].value, "version", (char **)&s->grid_version);
	if (!error)
		error = read_optional(y, g[2].value, "file", (char **)&s->grid_file);
	if (!error && (strchr(s->grid_file, '/') || s->grid_file[0] == '.'))
		error = fail(y, g[2].value, _("la grille « %s » doit être un fichier de l'espace de travail, "
		                              "sans dossier"), s->grid_file);
	s->level = 1;
	if (!error && f[5].value)
		error = read_int(y, f[5].value, "level", 1, 3, &s->level);
	s->round = 1;
	if (!error && f[6].value)
		error = read_int(y, f[6].value, "round", 1, 9999, &s->round);
	if (!error)
		error = read_group_data(y, root, f + 7, s);
	return error;
}

/* Git conflict markers: seven '<', '|', '=' or '>' opening a line; all but
 * "=======" may be followed by a space and a label. `line` has no "\n". */
static int is_marker(const char *line, size_t len, char c)
{
	if (len && line[len - 1] == '\r')
		len--;
	if (len < 7)
		return 0;
	for (size_t i = 0; i < 7; i++)
		if (line[i] != c)
			return 0;
	return len == 7 || (c != '=' && line[7] == ' ');
}

static int add_conflict(grille_settings *s, size_t *capacity, size_t line)
{
	grille_settings_conflict *list = (grille_settings_conflict *)s->conflicts;
	if (!(list = array__grow(list, capacity, s->conflict_count + 1, sizeof(*list))))
		return error__oom();
	s->conflicts = list;
	list[s->conflict_count++] = (grille_settings_conflict){ .first_line = line };
	return 0;
}

/* Split a file with conflict markers: `ours` gets the file as our side wrote
 * it (other lines left blank, so that lines keep their numbers), and `s` the
 * conflicts with both sides. Linear in the file. */
static int split_conflicts(grille_settings *s, const char *data, size_t len, const char *name,
                           grille_buf *ours)
{
	enum { OUTSIDE, OURS, BASE, THEIRS } state = OUTSIDE;
	grille_buf ours_side = GRILLE_BUF_INIT, theirs_side = GRILLE_BUF_INIT;
	size_t capacity = 0, number = 0, opened = 0;
	int error = 0;
	for (size_t at = 0; !error && at < len; ) {
		const char *line = data + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl ? (size_t)(nl - line) : len - at, whole = nl ? n + 1 : n;
		number++;
		at += whole;
		int keep = 0;
		if (state == OUTSIDE && is_marker(line, n, '<')) {
			state = OURS;
			opened = number;
			error = add_conflict(s, &capacity, number);
		} else if (state == OURS && is_marker(line, n, '|')) {
			state = BASE;
		} else if ((state == OURS || state == BASE) && is_marker(line, n, '=')) {
			state = THEIRS;
		} else if (state == THEIRS && is_marker(line, n, '>')) {
			grille_settings_conflict *c = (grille_settings_conflict *)&s->conflicts[s->conflict_count - 1];
			c->last_line = number;
			c->ours = grille_buf_detach(&ours_side);
			c->theirs = grille_buf_detach(&theirs_side);
			if ((!c->ours && !(c->ours = strdup(""))) || (!c->theirs && !(c->theirs = strdup(""))))
				error = error__oom();
			state = OUTSIDE;
		} else if (state == OURS) {
			keep = 1;
			error = grille_buf_put(&ours_side, line, whole);
		} else if (state == THEIRS) {
			error = grille_buf_put(&theirs_side, line, whole);
		} else {
			keep = state == OUTSIDE;
		}
		if (!error)
			error = keep ? grille_buf_put(ours, line, whole) : grille_buf_put(ours, "\n", nl ? 1 : 0);
	}
	if (!error && state != OUTSIDE)
		error = error__set(GRILLE_EINVALID,
			_("%s:%zu:1: un conflit de git commence ici (« <<<<<<< ») mais ne se termine pas "
			  "(« >>>>>>> » manque) : ouvrez le fichier, gardez les lignes qui doivent rester et "
			  "supprimez les marques de conflit"), name, opened);
	grille_buf_release(&ours_side);
	grille_buf_release(&theirs_side);
	return error;
}

/* One side of a conflict, short: its first line that is not blank, cut at
 * 60 bytes (on a character's boundary), and how many lines follow. */
static int describe_side(grille_buf *out, const char *side)
{
	size_t lines = 0, first_len = 0;
	const char *first = NULL;
	for (const char *p = side; *p; ) {
		size_t n = strcspn(p, "\n");
		const char *t = p;
		size_t tn = n;
		while (tn && strchr(" \t\r", *t)) {
			t++;
			tn--;
		}
		while (tn && strchr(" \t\r", t[tn - 1]))
			tn--;
		if (tn) {
			lines++;
			if (!first) {
				first = t;
				first_len = tn;
			}
		}
		p += n + (p[n] == '\n');
	}
	if (!first)
		return grille_buf_puts(out, _("(rien)"));
	size_t cut = first_len;
	if (cut > 60) {
		cut = 60;
		while (cut && ((unsigned char)first[cut] & 0xC0) == 0x80)
			cut--;
	}
	int error = grille_buf_printf(out, _("« %.*s%s »"), (int)cut, first, cut < first_len ? "…" : "");
	if (!error && lines > 1)
		error = grille_buf_printf(out, ngettext(" (et %zu autre ligne)", " (et %zu autres lignes)",
		                                        lines - 1), lines - 1);
	return error;
}

static int describe_conflicts(grille_settings *s, const char *name)
{
	grille_buf msg = GRILLE_BUF_INIT;
	int error = grille_buf_printf(&msg, _("%s est en conflit : deux versions en ont changé les mêmes "
	                                      "lignes, et la synchronisation n'a pas pu choisir entre elles."),
	                              name);
	for (size_t i = 0; !error && i < s->conflict_count; i++) {
		const grille_settings_conflict *c = &s->conflicts[i];
		error = grille_buf_printf(&msg, _("\n  %s:%zu: lignes %zu à %zu\n    de votre côté : "), name,
		                          c->first_line, c->first_line, c->last_line);
		if (!error)
			error = describe_side(&msg, c->ours);
		if (!error)
			error = grille_buf_puts(&msg, _("\n    de l'autre côté : "));
		if (!error)
			error = describe_side(&msg, c->theirs);
	}
	if (!error)
		error = grille_buf_printf(&msg, _("\ngrille lit votre côté en attendant. Pour régler le conflit : "
		                                  "ouvrez %s, gardez les lignes des deux côtés qui doivent rester "
		                                  "(par exemple les deux membres ajoutés), supprimez les lignes "
		                                  "« <<<<<<< », « ======= » et « >>>>>>> », puis lancez : "
		                                  "grille commit"), name);
	if (!error)
		s->conflict_message = grille_buf_detach(&msg);
	grille_buf_release(&msg);
	return error;
}

int grille_settings_load_buffer(grille_settings **out, const char *data, size_t len, const char *name)
{
	*out = NULL;
	struct settings_full *full = calloc(1, sizeof(*full));
	if (!full)
		return error__oom();
	grille_settings *s = &full->pub;
	grille_buf ours = GRILLE_BUF_INIT;
	int error = len > GRILLE_YAML_MAX_SIZE ? 0 : split_conflicts(s, data, len, name, &ours);
	if (!error && s->conflict_count) {
		error = describe_conflicts(s, name);
		data = ours.ptr ? ours.ptr : "";
		len = ours.len;
	}
	grille_yaml_doc y = { .name = name };
	if (!error)
		error = yaml__load(&y, data, len);
	if (!error)
		error = read_settings(&y, yaml_document_get_root_node(&y.doc), s);
	yaml__release(&y);
	if (error && s->conflict_message) {
		/* Our side alone does not read: say first that the file is in conflict. */
		char *detail = strdup(grille_error_last());
		error = detail ? error__set(error, "%s\n%s", s->conflict_message, detail) : error__oom();
		free(detail);
	}
	grille_buf_release(&ours);
	if (error)
		grille_settings_free(s);
	else
		*out = s;
	return error;
}

int grille_settings_load(grille_settings **out, const char *path)
{
	*out = NULL;
	grille_buf data = GRILLE_BUF_INIT;
	int error = fs__read_file(&data, path, 0, GRILLE_FS_SMALL_MAX);
	if (!error)
		error = grille_settings_load_buffer(out, data.ptr ? data.ptr : "", data.len, path);
	grille_buf_release(&data);
	return error;
}

static void legacy_release(struct settings_legacy *g)
{
	for (size_t i = 0; i < g->member_count; i++) {
		grille_member *m = &g->members[i];
		free(m->name);
		for (size_t r = 0; r < m->role_count; r++)
			free(m->roles[r]);
		free(m->roles);
		free(m->email);
		free(m->identity);
	}
	free(g->members);
	for (size_t i = 0; i < g->event_count; i++)
		free(g->events[i].title);
	free(g->events);
}

void grille_settings_free(grille_settings *s)
{
	if (!s)
		return;
	legacy_release(&((struct settings_full *)s)->legacy);
	for (size_t i = 0; i < s->conflict_count; i++) {
		free((char *)s->conflicts[i].ours);
		free((char *)s->conflicts[i].theirs);
	}
	free((void *)s->conflicts);
	free((char *)s->conflict_message);
	const char *strings[] = { s->title, s->collective, s->language, s->grid_id, s->grid_version,
	                          s->grid_file };
	for (size_t i = 0; i < sizeof(strings) / sizeof(*strings); i++)
		free((char *)strings[i]);
	free(s);
}

/* Where the top-level line starting with `key` is in [data, data + len): its start, or len. */
static size_t key_line(const char *data, size_t len, const char *key, size_t *end)
{
	size_t klen = strlen(key);
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t next = nl ? (size_t)(nl - data) + 1 : len;
		if (next - at > klen && memcmp(data + at, key, klen) == 0) {
			*end = next;
			return at;
		}
		at = next;
	}
	*end = len;
	return len;
}

int settings__set_round(grille_buf *out, const char *data, size_t len, int round)
{
	size_t end, at = key_line(data, len, "round:", &end);
	int replace = at < len;
	if (!replace)
		at = key_line(data, len, "level:", &end) < len ? end : len;
	const char *cr = len ? memchr(data, '\r', len) : NULL;
	const char *eol = cr && cr + 1 < data + len && cr[1] == '\n' ? "\r\n" : "\n";
	grille_buf_clear(out);
	grille_buf_put(out, data, at);
	if (at && data[at - 1] != '\n')
		grille_buf_puts(out, eol);
	grille_buf_printf(out, "round: %d%s", round, eol);
	size_t from = replace ? end : at;
	grille_buf_put(out, data + from, len - from);
	return grille_buf_oom(out) ? error__oom() : 0;
}

int settings__review_overdue(const grille_event *review, const char *today)
{
	return !review->done && strcmp(review->date, today) < 0;
}

/* The value of `key` in mapping `map`, and its key node; NULL when absent. */
static yaml_node_t *mapping_value(grille_yaml_doc *y, yaml_node_t *map, const char *key, yaml_node_t **key_node)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml__node(y, pair->key);
		if (k && k->type == YAML_SCALAR_NODE && strcmp((const char *)k->data.scalar.value, key) == 0) {
			*key_node = k;
			return yaml__node(y, pair->value);
		}
	}
	return NULL;
}

/* The byte where line `line` (from 0) starts, and `column` characters into it. */
static size_t byte_at(const char *data, size_t len, size_t line, size_t column)
{
	size_t i = 0;
	for (; i < len && line; i++)
		line -= data[i] == '\n';
	for (; i < len && column && data[i] != '\n'; column--)
		for (i++; i < len && ((unsigned char)data[i] & 0xC0) == 0x80; i++)
			;
	return i;
}

int settings__set_grid_version(grille_buf *out, const char *data, size_t len, const char *name, const char *version)
{
	grille_yaml_doc y = { .name = name };
	int error = yaml__load(&y, data, len);
	yaml_node_t *key = NULL, *id_key = NULL;
	yaml_node_t *grid = error ? NULL : mapping_value(&y, yaml_document_get_root_node(&y.doc), "grid", &key);
	yaml_node_t *value = mapping_value(&y, grid, "version", &key);
	yaml_node_t *id = mapping_value(&y, grid, "id", &id_key);
	size_t from = 0, to = 0;
	const char *before = "", *after = "";
	if (error) {
		/* said */
	} else if (value && value->type == YAML_SCALAR_NODE && value->start_mark.line == value->end_mark.line &&
	           grid->data.mapping.style == YAML_BLOCK_MAPPING_STYLE) {
		from = byte_at(data, len, value->start_mark.line, value->start_mark.column);
		to = byte_at(data, len, value->end_mark.line, value->end_mark.column);
	} else if (!value && id && grid->data.mapping.style == YAML_BLOCK_MAPPING_STYLE &&
	           id->start_mark.line == id->end_mark.line) {
		/* No version yet: a line of its own after the ID's. */
		from = to = byte_at(data, len, id->end_mark.line + 1, 0);
		before = from && data[from - 1] != '\n' ? "\n" : "";
		after = "\n";
		grille_buf_printf(out, "%.*s%s%*sversion: ", (int)from, data, before, (int)id_key->start_mark.column, "");
	} else {
		error = error__set(GRILLE_EINVALID, _("« %s » : la version de la grille n'a pas pu y être changée. "
		                                      "Écrivez-y, sous « grid: », une ligne « version: » à elle seule, "
		                                      "puis recommencez"), name);
	}
	if (!error && !out->len)
		grille_buf_put(out, data, from);
	if (!error)
		grille_buf_printf(out, "\"%s\"%s", version, after);
	if (!error)
		error = grille_buf_put(out, data + to, len - to);
	yaml__release(&y);
	return error;
}
