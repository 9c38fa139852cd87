/* grille.yaml: a good file, and the bad ones of tests/settings/ with the
 * place and the problem each must be reported with. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "fs.h"
#include "settings.h"
#include "yaml_read.h"
#include "tap.h"

static void test_good(const char *path)
{
	grille_settings *s = NULL;
	if (!ok(grille_settings_load(&s, path) == 0, "%s loads", path)) {
		printf("#   %s\n", grille_error_last());
		return;
	}
	is_str(s->title, "Notre démarche", "the title");
	is_str(s->grid_id, "collaboration-numerique", "the grid");
	/* A file of format 1: the group's data is kept aside, to be moved to its files. */
	const struct settings_legacy *g = settings__legacy(s);
	ok(s->format == 1 && s->level == 1 && g->member_count == 1 && g->event_count == 3, "level, members, dates");
	ok(g->member_count == 1 && g->members[0].role_count == 1, "one role");
	if (g->member_count == 1 && g->members[0].role_count == 1)
		is_str(g->members[0].roles[0], "animatrice", "a member's role");
	ok(g->event_count == 3 && g->events[1].kind == GRILLE_EVENT_TEST_END && g->events[2].kind == GRILLE_EVENT_REVIEW,
	   "the test phase, then the review");
	if (g->event_count == 3) {
		is_str(g->events[1].date, "2027-03-01", "the test phase's end");
		ok(!g->events[2].done, "a review not done");
	}
	ok(g->block_start[SETTINGS_MEMBERS] > 0 && g->block_end[SETTINGS_MEMBERS] > g->block_start[SETTINGS_MEMBERS],
	   "where the members' block stands");
	grille_settings_free(s);
}

/* A merge left markers in members: the settings come from our side, and
 * the conflict is there with both sides for commands to show. */
static void test_conflict(const char *path)
{
	grille_settings *s = NULL;
	if (!ok(grille_settings_load(&s, path) == 0, "%s loads despite its conflict", path)) {
		printf("#   %s\n", grille_error_last());
		return;
	}
	const struct settings_legacy *g = settings__legacy(s);
	ok(g->member_count == 2, "members from our side: Léa and Alice");
	if (g->member_count == 2)
		is_str(g->members[1].name, "Alice", "our side's member");
	ok(g->event_count >= 2 && strcmp(g->events[1].date, "2027-03-01") == 0, "what follows the conflict is read");
	ok(s->conflict_count == 1, "one conflict");
	if (s->conflict_count == 1) {
		ok(s->conflicts[0].first_line == 12 && s->conflicts[0].last_line == 18, "on lines 12 to 18");
		is_str(s->conflicts[0].ours, "- name: Alice\n", "our side, as written");
		is_str(s->conflicts[0].theirs, "- name: Bob\n  role: trésorier\n", "the other side (the base left out)");
	}
	contains(s->conflict_message, "settings/conflict.yaml:12: lignes 12 à 18", "the message says which lines");
	contains(s->conflict_message, "de votre côté : « - name: Alice »", "what our side holds");
	contains(s->conflict_message, "de l'autre côté : « - name: Bob » (et 1 autre ligne)", "what the other holds");
	contains(s->conflict_message, "puis lancez : grille commit", "and how to settle it");
	grille_settings_free(s);

	/* Our side alone may not read: the conflict is said first, then the problem. */
	const char *broken = "format: 1\n<<<<<<< HEAD\ngrid: {id: x\n=======\ngrid: {id: y}\n>>>>>>> b\n";
	ok(grille_settings_load_buffer(&s, broken, strlen(broken), "grille.yaml") == GRILLE_EINVALID && !s,
	   "a conflict whose side does not read is refused");
	contains(grille_error_last(), "grille.yaml est en conflit", "saying grille.yaml is in conflict");
	contains(grille_error_last(), "\ngrille.yaml:", "then where our side goes wrong");
	/* Markers must open a line, with 7 signs. */
	const char *no_marker = "format: 1\ngrid: {id: x}\ntitle: \"<<<<<<< HEAD\"\n";
	ok(grille_settings_load_buffer(&s, no_marker, strlen(no_marker), "grille.yaml") == 0 && s &&
	   s->conflict_count == 0 && !s->conflict_message, "a marker inside a value is text");
	grille_settings_free(s);
}

static void test_bad(const char *path)
{
	grille_buf text = GRILLE_BUF_INIT;
	if (!ok(fs__read(&text, path) == 0, "read %s", path))
		return;
	const char *mark = strstr(text.ptr, "# expect: ");
	char *expect = mark ? strndup(mark + 10, strcspn(mark + 10, "\n")) : NULL;
	grille_settings *s = NULL;
	int error = grille_settings_load(&s, path);
	ok(error == GRILLE_EINVALID && !s, "%s is refused", path);
	grille_buf want = GRILLE_BUF_INIT;
	grille_buf_printf(&want, "%s:%s", path, expect ? expect : "?");
	is_str(grille_error_last(), want.ptr, "%s: the place and the problem", path);
	grille_buf_release(&want);
	grille_settings_free(s);
	free(expect);
	grille_buf_release(&text);
}

/* settings__render(): what it writes reads back, and a value libyaml
 * refuses fails cleanly wherever it comes in the chain of events (each event
 * after the failure must be neither emitted nor freed uninitialised). */
static void test_render(void)
{
	grille_new_settings good = {
		.title = "Notre « démarche » : \"2027\" # 1", .collective = "Les Jardins\tdu bout",
		.language = "fr", .grid_id = "collaboration-numerique", .grid_version = "1.0",
		.grid_file = NULL, .level = 2,
	};
	grille_buf out = GRILLE_BUF_INIT;
	ok(settings__render(&out, &good) == 0, "good settings render");
	grille_settings *s = NULL;
	if (ok(out.ptr && grille_settings_load_buffer(&s, out.ptr, out.len, "grille.yaml") == 0,
	       "and load again")) {
		is_str(s->title, good.title, "the title round-trips");
		is_str(s->collective, good.collective, "the collective round-trips");
		ok(s->level == 2 && s->format == SETTINGS_FORMAT, "the level too, and the format written today");
	}
	grille_settings_free(s);
	grille_buf_release(&out);

	static const char *const fields[] = { "title", "collective", "language", "version", "file" };
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		grille_new_settings bad = good;
		bad.grid_file = "grille-grid.yaml";
		const char **slot[] = { &bad.title, &bad.collective, &bad.language, &bad.grid_version,
		                        &bad.grid_file };
		*slot[i] = "Caf\xe9";
		out = (grille_buf)GRILLE_BUF_INIT;
		int error = settings__render(&out, &bad);
		ok(error == GRILLE_EINVALID, "a Latin-1 %s is refused, not a crash", fields[i]);
		contains(grille_error_last(), fields[i], "the message names %s", fields[i]);
		contains(grille_error_last(), "UTF-8", "and says what is wrong with it");
		grille_buf_release(&out);
	}
}

/* libyaml's problems become French sentences; anything unknown a generic one. */
static void test_problems(void)
{
	static const char *const known[][2] = {
		{ "could not find expected ':'", "while scanning a simple key" },
		{ "mapping values are not allowed in this context", NULL },
		{ "did not find expected key", "while parsing a block mapping" },
		{ "found character that cannot start any token", "while scanning for the next token" },
		{ "found unexpected end of stream", "while scanning a quoted scalar" },
		{ "did not find expected ',' or ']'", "while parsing a flow sequence" },
		{ "found unknown escape character", "while parsing a quoted scalar" },
		{ "found a tab character that violates indentation", "while scanning a plain scalar" },
		{ "did not find expected node content", "while parsing a block node" },
		{ "did not find expected '!'", "while scanning a tag" },
	};
	int at_context;
	const char *generic = yaml__problem_text("never said by libyaml", NULL, &at_context);
	ok(generic && strstr(generic, "YAML"), "an unknown problem gets the generic sentence");
	ok(!at_context, "at the problem's place");
	ok(yaml__problem_text(NULL, NULL, &at_context) == generic, "so does no problem at all");
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++) {
		const char *french = yaml__problem_text(known[i][0], known[i][1], &at_context);
		ok(french && french != generic && !strstr(french, known[i][0]),
		   "« %s » has its own French sentence", known[i][0]);
	}
	yaml__problem_text("could not find expected ':'", "while scanning a simple key", &at_context);
	ok(at_context, "a key without « : » is shown where the key starts");
	is_str(yaml__problem_text("mapping values are not allowed in this context", NULL, &at_context),
	       "une valeur contient « : » suivi d'un espace, ou une clé est mal alignée : "
	       "mettez la valeur entre guillemets, ou alignez la clé sur celles du dessus",
	       "« : » in a value says to quote it");
}

/* `round:`: absent is round 1; written in place, comments kept. */
static void test_round(void)
{
	const char *yaml = "# nos réglages\nformat: 2\ngrid:\n  id: x\nlevel: 2 # assez\n# fin\n";
	grille_settings *s = NULL;
	ok(grille_settings_load_buffer(&s, yaml, strlen(yaml), "grille.yaml") == 0 && s->round == 1, "no round: round 1");
	grille_settings_free(s);
	grille_buf out = GRILLE_BUF_INIT, again = GRILLE_BUF_INIT;
	ok(settings__set_round(&out, yaml, strlen(yaml), 2) == 0, "round 2 written");
	is_str(out.ptr, "# nos réglages\nformat: 2\ngrid:\n  id: x\nlevel: 2 # assez\nround: 2\n# fin\n", "  after level, comments kept");
	ok(grille_settings_load_buffer(&s, out.ptr, out.len, "grille.yaml") == 0 && s->round == 2, "  and read back");
	grille_settings_free(s);
	ok(settings__set_round(&again, out.ptr, out.len, 3) == 0, "round 3 over round 2");
	is_str(again.ptr, "# nos réglages\nformat: 2\ngrid:\n  id: x\nlevel: 2 # assez\nround: 3\n# fin\n", "  the line replaced");
	const char *bad = "format: 2\ngrid:\n  id: x\nround: 0\n";
	ok(grille_settings_load_buffer(&s, bad, strlen(bad), "grille.yaml") == GRILLE_EINVALID && !s, "round 0 refused");
	grille_buf_release(&out);
	grille_buf_release(&again);
}

int main(int argc, char **argv)
{
	grille_init();
	if (argc == 1) {
		test_round();
		test_render();
		test_problems();
	}
	for (int i = 1; i < argc; i++) {
		if (strstr(argv[i], "good.yaml"))
			test_good(argv[i]);
		else if (strstr(argv[i], "/conflict.yaml"))
			test_conflict(argv[i]);
		else
			test_bad(argv[i]);
	}
	grille_shutdown();
	return tap_done();
}
