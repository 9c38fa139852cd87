/* The grid loader, on the default grid and on the bad grids of tests/grids/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "tap.h"
#include "fs.h"
#include "grid_index.h"

static void test_default_grid(void)
{
	grille_grid *grid = NULL;
	int error = grille_grid_load_default(&grid);
	if (!ok(error == 0 && grid, "the embedded default grid loads")) {
		printf("#   %s\n", grille_error_last());
		return;
	}
	is_str(grille_grid_id(grid), "collaboration-numerique", "its identifier");
	ok(grille_grid_version(grid)[0] != '\0', "it has a version");
	ok(grille_grid_step_count(grid) == 5, "five steps");
	static const char *const seed_items[] = {
		"2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8",
		"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3",
	};
	for (size_t i = 0; i < sizeof(seed_items) / sizeof(*seed_items); i++)
		ok(grille_grid_find_item(grid, seed_items[i]), "the seed's item %s is there", seed_items[i]);
	for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
		const grille_step *step = grille_grid_step(grid, s);
		int levels[4] = { 0 };
		for (size_t i = 0; i < step->item_count; i++)
			for (size_t q = 0; q < step->items[i].question_count; q++)
				levels[step->items[i].questions[q].level]++;
		ok(levels[1] && levels[2] && levels[3], "step %s has questions at every level", step->id);
	}
	/* Every question the seed asks appears, at level 1: word for word, or
	 * with its question inverted and "chacune et chacun" (grid 1.2). */
	static const char *const seed_questions[] = {
		"Parmi les huit principes d'action présentés, lesquels ont le plus de sens dans notre contexte de travail ?",
		"Comment nous les approprions-nous ?",
		"Que souhaitons-nous garder de l'existant ou mettre en place de nouveau ?",
		"Comment nous assurons-nous de l'adhésion et de la participation de l'ensemble des parties prenantes ?",
		"Quelles règles nous fixons-nous pour assurer le bon fonctionnement du collectif ?",
		"Quel rôle attribuons-nous à chacune et chacun ?",
		"Comment et en quoi les outils choisis ont-ils contribué à renforcer la collaboration au sein du collectif ?",
		"Les outils ont-ils été pris en main par la majorité des personnes ?",
	};
	for (size_t n = 0; n < sizeof(seed_questions) / sizeof(*seed_questions); n++) {
		int found = 0;
		for (size_t s = 0; s < grille_grid_step_count(grid); s++) {
			const grille_step *step = grille_grid_step(grid, s);
			for (size_t i = 0; i < step->item_count; i++)
				for (size_t q = 0; q < step->items[i].question_count; q++)
					found |= strcmp(step->items[i].questions[q].text, seed_questions[n]) == 0 &&
					         step->items[i].questions[q].level == 1;
		}
		ok(found, "seed question at level 1: %.40s…", seed_questions[n]);
	}
	const grille_question *principles = grille_grid_find_question(grid, "2.0.a");
	ok(principles && principles->kind == GRILLE_QUESTION_CHOICE && principles->option_count == 8,
	   "2.0.a is a checklist of the eight principles");
	ok(!grille_grid_find_question(grid, "2.6"), "an item ID is not a question");
	ok(grille_grid_question_count(grid, 1) < grille_grid_question_count(grid, 2) &&
	   grille_grid_question_count(grid, 2) < grille_grid_question_count(grid, 3),
	   "each level adds questions");
	size_t len = 0;
	ok(grille_grid_source(grid, &len) && len > 1000, "the source is kept");
	grille_grid_free(grid);
}

/* The essential path: level 1 holds what a group can walk, step by step,
 * and every item keeps a level-1 question, so that no item stands empty in
 * a workspace at level 1. */
static void test_default_levels(void)
{
	grille_grid *grid = NULL;
	if (!ok(grille_grid_load_default(&grid) == 0 && grid, "the default grid loads"))
		return;
	static const int want[5][4] = {
		{ 0, 9, 17, 6 }, { 0, 10, 25, 9 }, { 0, 6, 24, 7 }, { 0, 8, 10, 4 }, { 0, 5, 9, 3 },
	};
	ok(grille_grid_step_count(grid) == 5, "five steps");
	for (size_t s = 0; s < grille_grid_step_count(grid) && s < 5; s++) {
		const grille_step *step = grille_grid_step(grid, s);
		int levels[4] = { 0 };
		size_t items_without = 0;
		for (size_t i = 0; i < step->item_count; i++) {
			int has_one = 0;
			for (size_t q = 0; q < step->items[i].question_count; q++) {
				levels[step->items[i].questions[q].level]++;
				has_one |= step->items[i].questions[q].level == 1;
			}
			if (!has_one) {
				printf("#   item %s has no level-1 question\n", step->items[i].id);
				items_without++;
			}
		}
		ok(levels[1] == want[s][1] && levels[2] == want[s][2] && levels[3] == want[s][3],
		   "step %s: %d, %d and %d questions at levels 1, 2 and 3 (got %d, %d, %d)", step->id, want[s][1],
		   want[s][2], want[s][3], levels[1], levels[2], levels[3]);
		ok(items_without == 0, "step %s: every item has a level-1 question", step->id);
	}
	ok(grille_grid_question_count(grid, 1) == 38, "38 questions at level 1");
	ok(grille_grid_question_count(grid, 2) == 123, "123 up to level 2");
	ok(grille_grid_question_count(grid, 3) == 152, "152 in all");
	/* Levels the grid's own text asks for. */
	static const char *const essential[] = {
		"1.2.d", /* "l'important est de [...] vérifier qu'elle est partagée" */
		"1.3.f", /* poser le cadre: scope and means */
		"4.3.c", /* the "cadre d'usage à expérimenter", what step 4 makes */
		"5.3.f", /* the next review: the method is a cycle */
	};
	for (size_t i = 0; i < sizeof(essential) / sizeof(*essential); i++) {
		const grille_question *q = grille_grid_find_question(grid, essential[i]);
		ok(q && q->level == 1, "%s is at level 1", essential[i]);
	}
	const grille_step *diagnostic = grille_grid_find_step(grid, "3");
	is_str(diagnostic ? diagnostic->title : "", "Nous impulsons un diagnostic de notre collaboration numérique",
	       "step 3 has the seed's title");
	grille_grid_free(grid);
}

/* Each bad grid starts with "# expect: LINE:COL: message". */
static void test_bad_grid(const char *path)
{
	grille_buf text = GRILLE_BUF_INIT;
	if (!ok(fs__read(&text, path) == 0, "read %s", path))
		return;
	const char *mark = strstr(text.ptr, "# expect: ");
	char *expect = NULL;
	if (mark) {
		mark += strlen("# expect: ");
		expect = strndup(mark, strcspn(mark, "\n"));
	}
	if (ok(expect, "%s states what it expects", path)) {
		grille_grid *grid = NULL;
		int error = grille_grid_load_file(&grid, path);
		ok(error == GRILLE_EINVALID && !grid, "%s is refused", path);
		grille_buf want = GRILLE_BUF_INIT;
		grille_buf_printf(&want, "%s:%s", path, expect);
		is_str(grille_error_last(), want.ptr, "%s: the message names the place and the problem", path);
		grille_buf_release(&want);
		grille_grid_free(grid);
	}
	free(expect);
	grille_buf_release(&text);
}

/* Data questions: the four kinds load, without options, and the default grid uses them. */
static void test_data_kinds(void)
{
	static const char yaml[] =
		"grid: test\nversion: \"1\"\ntitle: T\nsteps:\n"
		"  - id: \"1\"\n    title: E\n    file: e.md\n    items:\n"
		"      - id: \"1.1\"\n        title: I\n        questions:\n"
		"          - { id: \"1.1.a\", level: 1, text: Q, kind: members }\n"
		"          - { id: \"1.1.b\", level: 1, text: Q, kind: plan }\n"
		"          - { id: \"1.1.c\", level: 2, text: Q, kind: test-phase }\n"
		"          - { id: \"1.1.d\", level: 3, text: Q, kind: reviews, guidance: Aide }\n"
		"          - { id: \"1.1.e\", level: 1, text: Q, kind: text }\n";
	static const struct { const char *id, *name, *file; grille_question_kind kind; } want[] = {
		{ "1.1.a", "members", "membres.md", GRILLE_QUESTION_MEMBERS },
		{ "1.1.b", "plan", "plan.md", GRILLE_QUESTION_PLAN },
		{ "1.1.c", "test-phase", "calendrier.md", GRILLE_QUESTION_TEST_PHASE },
		{ "1.1.d", "reviews", "calendrier.md", GRILLE_QUESTION_REVIEWS },
		{ "1.1.e", "text", NULL, GRILLE_QUESTION_TEXT },
	};
	grille_grid *grid = NULL;
	if (!ok(grille_grid_load_buffer(&grid, yaml, strlen(yaml), "data.yaml") == 0, "a grid with data questions loads"))
		printf("#   %s\n", grille_error_last());
	for (size_t i = 0; grid && i < sizeof(want) / sizeof(*want); i++) {
		const grille_question *q = grille_grid_find_question(grid, want[i].id);
		ok(q && q->kind == want[i].kind && q->option_count == 0, "%s is of kind %s", want[i].id, want[i].name);
		is_str(grille_question_kind_name(want[i].kind), want[i].name, "the kind's name");
		ok(want[i].file ? grille_question_kind_file(want[i].kind) &&
		                  strcmp(grille_question_kind_file(want[i].kind), want[i].file) == 0
		                : !grille_question_kind_file(want[i].kind), "%s's answer is kept in %s", want[i].name,
		   want[i].file ? want[i].file : "the step file");
	}
	ok(!grille_question_kind_file(GRILLE_QUESTION_CHOICE), "a choice is answered in the step file");
	is_str(grille_question_kind_name((grille_question_kind)99), "?", "a kind out of range has no name");
	grille_grid_free(grid);

	ok(grille_grid_load_default(&grid) == 0, "the default grid loads");
	static const struct { const char *id; grille_question_kind kind; } uses[] = {
		{ "1.3.a", GRILLE_QUESTION_MEMBERS }, { "4.3.b", GRILLE_QUESTION_MEMBERS },
		{ "4.1.f", GRILLE_QUESTION_PLAN }, { "4.4.a", GRILLE_QUESTION_TEST_PHASE },
		{ "4.4.b", GRILLE_QUESTION_REVIEWS },
	};
	for (size_t i = 0; grid && i < sizeof(uses) / sizeof(*uses); i++) {
		const grille_question *q = grille_grid_find_question(grid, uses[i].id);
		ok(q && q->kind == uses[i].kind && q->level == 1, "the default grid asks %s as a level-1 %s question",
		   uses[i].id, grille_question_kind_name(uses[i].kind));
	}
	grille_grid_free(grid);
}

/* The families of principles, the seed's groupings of steps 4 and 5, and the
 * principles that depend on their option in 2.0.a. */
static void test_default_links(void)
{
	grille_grid *grid = NULL;
	if (!ok(grille_grid_load_default(&grid) == 0, "the default grid loads"))
		return;
	static const struct { const char *step; size_t first, count; } groups[] = {
		{ "2", 1, 3 }, { "2", 4, 2 }, { "2", 6, 3 }, { "4", 0, 3 }, { "4", 3, 1 }, { "5", 0, 3 },
	};
	size_t seen[6] = { 0 };
	for (size_t g = 0; g < sizeof(groups) / sizeof(*groups); g++) {
		const grille_step *step = grille_grid_find_step(grid, groups[g].step);
		size_t n = seen[step->id[0] - '0']++;
		ok(n < step->group_count && step->groups[n].first == groups[g].first &&
		   step->groups[n].count == groups[g].count, "step %s, group %zu: items %zu to %zu", groups[g].step, n + 1,
		   groups[g].first, groups[g].first + groups[g].count - 1);
		ok(grille_step_group_starting(step, groups[g].first) == &step->groups[n], "it starts at its first item");
		ok(grille_step_group_of(step, groups[g].first + groups[g].count - 1) == &step->groups[n], "and holds its last");
	}
	ok(grille_grid_find_step(grid, "1")->group_count == 0, "step 1 has no group");
	ok(!grille_step_group_of(grille_grid_find_step(grid, "2"), 0), "2.0 is in no family");
	const grille_question *choice = grille_grid_find_question(grid, "2.0.a");
	for (size_t i = 1; i <= 8; i++) {
		char id[8];
		snprintf(id, sizeof(id), "2.%zu", i);
		const grille_item *item = grille_grid_find_item(grid, id);
		ok(item && item->when && strcmp(item->when->question, "2.0.a") == 0 && item->when->option == i - 1 &&
		   strcmp(item->when->reason, "principe non retenu en 2.0.a") == 0,
		   "%s applies when « %s » is checked in 2.0.a", id, choice->options[i - 1]);
	}
	ok(!grille_grid_find_item(grid, "2.0")->when, "2.0 always applies");
	grille_grid_free(grid);
}

static void test_missing_file(void)
{
	grille_grid *grid = NULL;
	int error = grille_grid_load_file(&grid, "/nonexistent/grid.yaml");
	ok(error == GRILLE_ENOTFOUND, "a missing grid file is GRILLE_ENOTFOUND");
	contains(grille_error_last(), "/nonexistent/grid.yaml", "the message names the file");
}

/* A file of no bytes at all (read without any buffer): refused as empty, nothing leaked. */
static void test_zero_byte_file(void)
{
	char path[] = "/tmp/grille-test-grid-XXXXXX";
	int fd = mkstemp(path);
	if (!ok(fd >= 0, "a temporary file"))
		return;
	close(fd);
	grille_grid *grid = NULL;
	int error = grille_grid_load_file(&grid, path);
	ok(error == GRILLE_EINVALID && !grid, "a grid file of zero bytes is refused");
	contains(grille_error_last(), "le fichier est vide", "as an empty file");
	unlink(path);
}

/* Reserving room: the IDs added afterwards never move the table, and it still finds them
 * and tells duplicates with their first line. */
static void test_index_reserve(void)
{
	grille_grid_index index = { 0 };
	ok(grid_index__reserve(&index, 1000) == 0 && index.capacity >= 2000 && index.capacity <= 4096,
	   "room for 1000 IDs: %zu slots", index.capacity);
	const void *slots = index.slots;
	char ids[1000][8];
	int added = 1;
	for (int i = 0; i < 1000; i++) {
		snprintf(ids[i], sizeof(ids[i]), "1.%d", i);
		added &= grid_index__add(&index, ids[i], ids[i], (size_t)i + 1, NULL) == 0;
	}
	ok(added && index.count == 1000, "1000 IDs added");
	ok(index.slots == slots, "the table did not grow again");
	ok(grid_index__find(&index, "1.999") == ids[999] && !grid_index__find(&index, "1.1000"),
	   "each is found, no other");
	size_t first = 0;
	ok(grid_index__add(&index, "1.500", NULL, 9999, &first) == GRILLE_EEXISTS && first == 501,
	   "a duplicate is told with the line it was first added at");
	ok(grid_index__reserve(&index, 0) == 0 && index.slots == slots, "reserving nothing more changes nothing");
	ok(grid_index__reserve(&index, 10000) == 0 && index.capacity >= 22000 &&
	   grid_index__find(&index, "1.42") == ids[42], "growing keeps what was there");
	grid_index__release(&index);
}

int main(int argc, char **argv)
{
	grille_init();
	if (argc == 1) {
		test_default_grid();
		test_default_levels();
		test_data_kinds();
		test_zero_byte_file();
		test_index_reserve();
		test_default_links();
		test_missing_file();
	}
	for (int i = 1; i < argc; i++)
		test_bad_grid(argv[i]);
	grille_shutdown();
	return tap_done();
}
