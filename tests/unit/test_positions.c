/* "positions" questions: each member's subsection, then the group's
 * synthesis. The scan tells which positions exist and hold text, and whether
 * the synthesis does; only the synthesis (or text outside the positions)
 * answers the question. The scan cache gives them back as they were. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <git2.h>

#include "grille/grille.h"
#include "position.h"
#include "scan.h"
#include "scan_cache.h"
#include "tap.h"

static const char grid_yaml[] =
	"grid: test\nversion: \"1\"\ntitle: T\nsteps:\n"
	"  - id: \"5\"\n    title: Bilan\n    file: e.md\n    items:\n"
	"      - id: \"5.1\"\n        title: I\n        questions:\n"
	"          - { id: \"5.1.a\", level: 1, text: Qu'en pensons-nous ?, kind: positions, guidance: \"Chacun *d'abord*.\" }\n"
	"          - { id: \"5.1.b\", level: 1, text: Et ensuite ? }\n";

static const char written[] =
	"## 5.1 I\n\n### 5.1.a Qu'en pensons-nous ?\n\n> Chacun *d'abord*.\n\n"
	"#### Position de Camille\n\nPlutôt utile.\n\n##### Un détail\n\n"
	"#### Position d'Élodie\n\n\n\n"
	"#### position d’Anne-Sophie Zoé\n\n- [x] d'accord\n\n"
	"#### Synthèse du groupe\n\n\n"
	"### 5.1.b Et ensuite ?\n\n#### Position de Camille\n\nIci, un simple sous-titre.\n";

static const struct scan_question *scanned(struct scan *scan, const char *text, const grille_grid *grid,
                                           const char *id)
{
	if (scan__detailed(scan, text, strlen(text), "e.md", grid) < 0)
		return NULL;
	return scan__question(scan, id);
}

static void positions(const grille_grid *grid)
{
	struct scan scan;
	const struct scan_question *q = scanned(&scan, written, grid, "5.1.a");
	ok(q && q->position_count == 3, "three positions under 5.1.a");
	if (q && q->position_count == 3) {
		is_str(q->positions[0].name, "Camille", "the first one's name");
		ok(q->positions[0].written, "Camille's holds text (a heading inside it counts too)");
		ok(q->positions[0].line == 7 && q->positions[0].body.first == 8, "its heading's line, and its text's");
		is_str(q->positions[1].name, "Élodie", "a name with an accent, after « d' »");
		ok(!q->positions[1].written, "Élodie's is still empty");
		is_str(q->positions[2].name, "Anne-Sophie Zoé", "« position d’ » with a typographic apostrophe, any case");
		ok(q->positions[2].written, "a checked box is text");
	}
	ok(q && q->synthesis.line == 21 && !q->synthesis.written, "the synthesis heading, without text");
	ok(q && !q->answered && q->answer_range_count == 0, "positions alone do not answer the question");
	const struct scan_question *b = scan__question(&scan, "5.1.b");
	ok(b && b->answered && b->position_count == 0, "under a text question, the same heading is an answer");
	scan__release(&scan);

	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, written);
	char *at = strstr(text.ptr, "#### Synthèse du groupe\n\n") + strlen("#### Synthèse du groupe\n\n");
	size_t offset = (size_t)(at - text.ptr);
	grille_buf more = GRILLE_BUF_INIT;
	grille_buf_put(&more, text.ptr, offset);
	grille_buf_puts(&more, "Nous gardons l'agenda.\n");
	grille_buf_puts(&more, text.ptr + offset);
	q = scanned(&scan, more.ptr, grid, "5.1.a");
	ok(q && q->synthesis.written && q->answered, "the synthesis's text answers the question");
	ok(q && q->answer_range_count == 1 && q->answer_lines[0].first == 23, "and only its lines are the answer");
	scan__release(&scan);
	grille_buf_release(&more);
	grille_buf_release(&text);
}

static void odd_headings(const grille_grid *grid)
{
	static const char odd[] =
		"### 5.1.a Qu'en pensons-nous ?\n\nUn mot pour commencer.\n\n"
		"#### Position de\n\n#### Positions de Camille\n\n#### Position: Bob\n\n"
		"#### Synthèse du groupe\n\n#### Synthèse du groupe\n\nDeux fois.\n";
	struct scan scan;
	const struct scan_question *q = scanned(&scan, odd, grid, "5.1.a");
	ok(q && q->position_count == 0, "no name, « Positions », « Position: »: not positions");
	ok(q && q->answered, "text before the positions, and headings of the group's own, answer as always");
	ok(q && q->synthesis.line == 11 && !q->synthesis.written, "only the first synthesis heading is the synthesis");
	scan__release(&scan);
	const char *name = NULL;
	ok(position__heading_name("Position de  Camille", &name) && strcmp(name, "Camille") == 0, "spaces before the name");
	ok(!position__heading_name("Position deCamille", &name), "« deCamille » is not a position");
	ok(position__is_synthesis("synthèse du groupe") && !position__is_synthesis("Synthèse"), "the synthesis, any case");
	ok(position__heading_name("Position of Awa Diallo", &name) && strcmp(name, "Awa Diallo") == 0,
	   "an English workspace's heading names its member");
	ok(position__heading_name("position OF Bob", &name) && strcmp(name, "Bob") == 0, "  in any case");
	ok(!position__heading_name("Position ofBob", &name) && !position__heading_name("Positions of Bob", &name),
	   "  « ofBob », « Positions »: not positions");
	ok(position__is_synthesis("Group synthesis") && position__is_synthesis("group SYNTHESIS"),
	   "the English synthesis, any case");
}

static void heading_text(void)
{
	grille_buf out = GRILLE_BUF_INIT;
	position__heading_text(&out, "fr", "Élodie");
	grille_buf_puts(&out, "|");
	position__heading_text(&out, "fr", "Hugo");
	grille_buf_puts(&out, "|");
	position__heading_text(&out, "fr", "*Bob* #1");
	is_str(out.ptr, "Position d'Élodie|Position de Hugo|Position de \\*Bob\\* \\#1", "headings as written");
	grille_buf_clear(&out);
	position__heading_text(&out, "en", "Élodie");
	grille_buf_puts(&out, "|");
	position__heading_text(&out, "en", "*Bob*");
	is_str(out.ptr, "Position of Élodie|Position of \\*Bob\\*", "in an English workspace");
	is_str(position__synthesis("en"), "Group synthesis", "  and its synthesis");
	is_str(position__synthesis("fr"), "Synthèse du groupe", "a French workspace's synthesis");
	grille_buf_release(&out);
}

/* Both sides added the same subsections to the same base, then wrote under
 * their own: the base a merge should start from is the base with them. */
static void merge_base(const grille_grid *grid)
{
	static const char base[] = "### 5.1.a Qu'en pensons-nous ?\n\n### 5.1.b Et ensuite ?\n";
	static const char skeleton[] =
		"### 5.1.a Qu'en pensons-nous ?\n\n#### Position d'Alice\n\n%s\n\n#### Position de Bob\n\n%s\n\n"
		"#### Synthèse du groupe\n\n\n\n### 5.1.b Et ensuite ?\n";
	char ours[512], theirs[512], want[512];
	snprintf(ours, sizeof(ours), skeleton, "Oui.", "");
	snprintf(theirs, sizeof(theirs), skeleton, "", "Non.");
	snprintf(want, sizeof(want), skeleton, "", "");
	grille_buf out = GRILLE_BUF_INIT;
	int error = position__merge_base(&out, base, strlen(base), ours, strlen(ours), theirs, strlen(theirs), grid, "e.md");
	ok(error == 0, "a base with the shared subsections");
	is_str(out.ptr ? out.ptr : "", want, "the base with them, as grille position writes them");
	grille_buf_release(&out);
	snprintf(theirs, sizeof(theirs), "%s", base);
	error = position__merge_base(&out, base, strlen(base), ours, strlen(ours), theirs, strlen(theirs), grid, "e.md");
	ok(error == GRILLE_ENOTFOUND && !out.ptr, "one side alone added them: nothing to do, git's merge stands");
	grille_buf_release(&out);
}

/* The cache keeps positions and synthesis: a hit gives them back. */
static void cached(const grille_grid *grid)
{
	char dir[] = "/tmp/grille-positions.XXXXXX";
	git_repository *repo = NULL;
	git_oid id;
	if (!mkdtemp(dir) || git_repository_init(&repo, dir, 0) < 0 ||
	    git_blob_create_from_buffer(&id, repo, written, strlen(written)) < 0) {
		ok(0, "a repository for the cache");
		return;
	}
	struct scan first = { 0 }, again = { 0 };
	struct scan_cache *cache = NULL;
	if (scan_cache__open(&cache, repo, grid) == 0)
		scan_cache__scan(cache, &id, "e.md", &first);
	scan_cache__close(cache);
	cache = NULL;
	if (scan_cache__open(&cache, repo, grid) == 0)
		scan_cache__scan(cache, &id, "e.md", &again);
	scan_cache__close(cache);
	const struct scan_question *a = scan__question(&first, "5.1.a"), *b = scan__question(&again, "5.1.a");
	int same = a && b && a->position_count == b->position_count && a->synthesis.line == b->synthesis.line &&
	           a->synthesis.written == b->synthesis.written;
	for (size_t p = 0; same && p < a->position_count; p++)
		same = strcmp(a->positions[p].name, b->positions[p].name) == 0 &&
		       a->positions[p].written == b->positions[p].written && a->positions[p].line == b->positions[p].line &&
		       a->positions[p].body.first == b->positions[p].body.first &&
		       a->positions[p].body.last == b->positions[p].body.last;
	ok(same && a->position_count == 3, "the cache gives back the positions and the synthesis");
	scan__release(&first);
	scan__release(&again);
	git_repository_free(repo);
	char command[256];
	snprintf(command, sizeof(command), "rm -rf '%s'", dir);
	ok(system(command) == 0, "cleaned up");
}

int main(void)
{
	grille_init();
	grille_grid *grid = NULL;
	if (grille_grid_load_buffer(&grid, grid_yaml, strlen(grid_yaml), "test.yaml") < 0) {
		ok(0, "the test grid loads: %s", grille_error_last());
		return tap_done();
	}
	ok(grille_grid_find_question(grid, "5.1.a")->kind == GRILLE_QUESTION_POSITIONS, "kind: positions is read");
	is_str(grille_question_kind_name(GRILLE_QUESTION_POSITIONS), "positions", "and named");
	positions(grid);
	odd_headings(grid);
	heading_text();
	merge_base(grid);
	cached(grid);
	grille_grid_free(grid);
	return tap_done();
}
