/* Data questions (members, plan, test-phase, reviews): the scaffold writes a
 * line that points to the file holding their answer; that line is not an
 * answer; the status counts them answered when their data is there, or when
 * the group wrote under them. No file is read. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/group.h"
#include "grid_kind.h"
#include "memory_workspace.h"
#include "scaffold.h"
#include "scan.h"
#include "status_build.h"
#include "status_data.h"
#include "tap.h"

static const char grid_yaml[] =
	"grid: test\nversion: \"1\"\ntitle: T\nsteps:\n"
	"  - id: \"1\"\n    title: E\n    file: e.md\n    items:\n"
	"      - id: \"1.1\"\n        title: I\n        questions:\n"
	"          - { id: \"1.1.a\", level: 1, text: Qui ?, kind: members, guidance: \"Notons *chacun*.\" }\n"
	"          - { id: \"1.1.b\", level: 1, text: Quoi ?, kind: plan }\n"
	"          - { id: \"1.1.c\", level: 2, text: Quand ?, kind: test-phase }\n"
	"          - { id: \"1.1.d\", level: 2, text: Bilans ?, kind: reviews }\n";

/* Whether `id` is answered in `text`, scanned with `grid`; -1 when it is not there. */
static int answered(const char *text, const grille_grid *grid, const char *id)
{
	struct scan scan;
	int result = -1;
	if (scan__detailed(&scan, text, strlen(text), "e.md", grid) == 0) {
		const struct scan_question *q = scan__question(&scan, id);
		result = q ? q->answered || q->answer_range_count : -1;
	}
	scan__release(&scan);
	return result;
}

static void scaffold_and_scan(const grille_grid *grid)
{
	const grille_step *step = grille_grid_step(grid, 0);
	grille_buf out = GRILLE_BUF_INIT;
	if (!ok(scaffold__step(&out, step, 1) == 0, "step scaffolded"))
		return;
	contains(out.ptr, "### 1.1.a Qui ?\n\n> Notons *chacun*.\n\n> Réponse tenue dans [membres.md](membres.md) : "
	         "ajoutez-y une ligne, ou lancez « grille member add NOM --role RÔLE ».\n\n### 1.1.b",
	         "after the guidance, a quote of its own points to membres.md and its command");
	contains(out.ptr, "### 1.1.b Quoi ?\n\n> Réponse tenue dans [plan.md](plan.md)", "the plan's points to plan.md");
	ok(answered(out.ptr, grid, "1.1.a") == 0 && answered(out.ptr, grid, "1.1.b") == 0,
	   "neither the guidance nor the pointer line is an answer");

	grille_buf more = GRILLE_BUF_INIT;
	const grille_question *deeper[] = { grille_grid_find_question(grid, "1.1.c"),
	                                    grille_grid_find_question(grid, "1.1.d") };
	ok(scaffold__questions(&more, deeper, 2) == 0, "deepening writes the level-2 questions");
	contains(more.ptr, "### 1.1.c Quand ?\n\n> Réponse tenue dans [calendrier.md](calendrier.md) : ajoutez-y le "
	         "début et la fin du test, ou lancez « grille calendar test DÉBUT FIN ».\n",
	         "the test phase's points to calendrier.md");
	contains(more.ptr, "> Réponse tenue dans [calendrier.md](calendrier.md) : ajoutez-y une ligne par bilan, ou "
	         "lancez « grille calendar review DATE TITRE ».\n", "and the reviews' too");
	grille_buf_puts(&out, "\n");
	grille_buf_put(&out, more.ptr, more.len);
	ok(answered(out.ptr, grid, "1.1.c") == 0 && answered(out.ptr, grid, "1.1.d") == 0,
	   "the deepened questions' pointers are not answers either");

	/* What the group writes under the question is an answer, as before. */
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "### 1.1.a Qui ?\n\n> %s\n\nAwa et Karim.\n", grid__pointer("fr", GRILLE_QUESTION_MEMBERS));
	ok(answered(text.ptr, grid, "1.1.a") == 1, "text under the pointer is an answer");
	text.len = 0;
	grille_buf_printf(&text, "### 1.1.a Qui ?\n\n> %s Awa.\n", grid__pointer("fr", GRILLE_QUESTION_MEMBERS));
	ok(answered(text.ptr, grid, "1.1.a") == 1, "a pointer line the group wrote into is an answer");
	text.len = 0;
	grille_buf_printf(&text, "### 1.1.b Quoi ?\n\n> %s\n", grid__pointer("fr", GRILLE_QUESTION_MEMBERS));
	ok(answered(text.ptr, grid, "1.1.b") == 1, "another kind's pointer is not this question's template");
	ok(!grid__pointer("fr", GRILLE_QUESTION_TEXT) && !grid__pointer("fr", GRILLE_QUESTION_CHOICE), "text and choice have none");
	grille_buf_release(&text);
	grille_buf_release(&more);
	grille_buf_release(&out);
}

/* The status from texts held by the test, one per step of the default grid. */
struct texts {
	const char *const *texts;
	size_t count;
	const grille_grid *grid;
};

static int scan_text(void *ctx, size_t index, const grille_step *step, struct scan *out)
{
	const struct texts *t = ctx;
	const char *text = index < t->count && t->texts[index] ? t->texts[index] : "";
	return scan__detailed(out, text, strlen(text), step->file, t->grid);
}

/* The group's data, made by hand: what each data kind asks for. */
static const grille_member member = { .name = (char *)"Awa", .email = (char *)"", .identity = (char *)"" };
static const grille_action action = { .number = 1, .id = "A1", .text = (char *)"Tester l'agenda" };
static const grille_event events[] = {
	{ .kind = GRILLE_EVENT_TEST_START, .date = "2027-01-10", .title = (char *)"" },
	{ .kind = GRILLE_EVENT_TEST_END, .date = "2027-03-10", .title = (char *)"" },
	{ .kind = GRILLE_EVENT_REVIEW, .date = "2027-03-20", .title = (char *)"Bilan" },
};

#define BIT(kind) (1u << (kind))

/* A group holding the data of `kinds`, in `g`. */
static const grille_group *group_of(grille_group *g, unsigned kinds)
{
	memset(g, 0, sizeof(*g));
	g->test_start = g->test_end = "";
	if (kinds & BIT(GRILLE_QUESTION_MEMBERS))
		g->members = &member, g->member_count = 1;
	if (kinds & BIT(GRILLE_QUESTION_PLAN))
		g->actions = &action, g->action_count = 1;
	if (kinds & BIT(GRILLE_QUESTION_TEST_PHASE))
		g->test_start = events[0].date, g->test_end = events[1].date;
	g->events = kinds & BIT(GRILLE_QUESTION_TEST_PHASE) ? events : &events[2];
	g->event_count = (kinds & BIT(GRILLE_QUESTION_TEST_PHASE) ? 2 : 0) + !!(kinds & BIT(GRILLE_QUESTION_REVIEWS));
	return g;
}

static void data_kinds(void)
{
	grille_group g;
	ok(status__data_kinds(group_of(&g, 0)) == 0, "an empty group answers nothing");
	unsigned all = BIT(GRILLE_QUESTION_MEMBERS) | BIT(GRILLE_QUESTION_PLAN) | BIT(GRILLE_QUESTION_TEST_PHASE) |
	               BIT(GRILLE_QUESTION_REVIEWS);
	ok(status__data_kinds(group_of(&g, all)) == all, "a member, an action, the test phase and a review: all four");
	for (unsigned k = GRILLE_QUESTION_MEMBERS; k <= GRILLE_QUESTION_REVIEWS; k++)
		ok(status__data_kinds(group_of(&g, BIT(k))) == BIT(k), "%s alone", grille_question_kind_name(k));
	group_of(&g, BIT(GRILLE_QUESTION_TEST_PHASE));
	g.test_end = "";
	ok(status__data_kinds(&g) == 0, "a test phase without its end does not answer; its start alone is no review");
}

static int put_piece(const char *data, size_t len, void *arg)
{
	return grille_buf_put(arg, data, len);
}

static int refuse_piece(const char *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	++*(int *)arg;
	return -1;
}

static grille_status *status_of(const struct grille_workspace *ws, const char *step1, const char *step4,
                                unsigned kinds)
{
	const char *texts[5] = { step1, "", "", step4, "" };
	struct texts t = { texts, 5, ws->grid };
	struct step_source source = { scan_text, &t, 0, 0 };
	grille_group g;
	grille_status *st = NULL;
	if (status__build(&st, ws->grid, ws->settings, group_of(&g, kinds), ws->root, &source, "2026-12-01") != 0)
		printf("#   %s\n", grille_error_last());
	return st;
}

static grille_state state_of(const grille_status *st, const char *id)
{
	const grille_question_status *q = st ? grille_status_question(st, id) : NULL;
	return q ? q->state : GRILLE_STATE_COUNT;
}

static void status_rule(const struct grille_workspace *ws)
{
	grille_buf step1 = GRILLE_BUF_INIT, step4 = GRILLE_BUF_INIT;
	ok(scaffold__step(&step1, grille_grid_step(ws->grid, 0), 1) == 0 &&
	   scaffold__step(&step4, grille_grid_step(ws->grid, 3), 1) == 0, "steps 1 and 4 of the default grid scaffolded");

	grille_status *st = status_of(ws, step1.ptr, step4.ptr, 0);
	const grille_question_status *q = st ? grille_status_question(st, "1.3.a") : NULL;
	ok(q && q->kind == GRILLE_QUESTION_MEMBERS && !q->data && q->state == GRILLE_STATE_UNANSWERED,
	   "without data, 1.3.a is an unanswered members question");
	ok(state_of(st, "4.1.f") == GRILLE_STATE_UNANSWERED && state_of(st, "4.4.a") == GRILLE_STATE_UNANSWERED &&
	   state_of(st, "4.4.b") == GRILLE_STATE_UNANSWERED, "and so are the plan, test phase and reviews");
	grille_buf json = GRILLE_BUF_INIT, written = GRILLE_BUF_INIT;
	ok(st && grille_status_json(&json, st) == 0, "the status as JSON");
	ok(st && grille_status_json_write(st, put_piece, &written) == 0 && written.len == json.len &&
	   memcmp(written.ptr, json.ptr, json.len) == 0, "written piece by piece, the same bytes");
	grille_buf_release(&written);
	int refusals = 0;
	ok(st && grille_status_json_write(st, refuse_piece, &refusals) == GRILLE_EIO && refusals == 1,
	   "an output that refuses the JSON: GRILLE_EIO, and it is asked once");
	contains(grille_error_last(), "la sortie a refusé", "the message says the output refused it");
	contains(json.ptr, "\"level\": 1,\n              \"kind\": \"test-phase\",\n              \"has_data\": false,",
	         "says each question's kind and whether its data is there");
	grille_status_free(st);

	st = status_of(ws, step1.ptr, step4.ptr, BIT(GRILLE_QUESTION_MEMBERS) | BIT(GRILLE_QUESTION_TEST_PHASE));
	q = st ? grille_status_question(st, "4.3.b") : NULL;
	ok(q && q->data && q->state == GRILLE_STATE_ANSWERED && q->answer_count == 0,
	   "with members, 4.3.b is answered by them, with no text");
	ok(state_of(st, "1.3.a") == GRILLE_STATE_ANSWERED && state_of(st, "4.4.a") == GRILLE_STATE_ANSWERED,
	   "1.3.a by the members, 4.4.a by the test phase");
	ok(state_of(st, "4.4.b") == GRILLE_STATE_UNANSWERED && state_of(st, "4.1.f") == GRILLE_STATE_UNANSWERED,
	   "not the reviews nor the plan, which have no data");
	ok(state_of(st, "1.3.f") == GRILLE_STATE_UNANSWERED, "nor a text question");
	grille_status_free(st);

	/* Text written under a data question counts without data; a mark gives way to the data; a
	 * question missing from its file is answered by its data all the same. */
	grille_buf edited = GRILLE_BUF_INIT;
	const char *reviews = strstr(step4.ptr, "### 4.4.b");
	const char *plan = strstr(step4.ptr, "### 4.1.f");
	const char *after_plan = plan ? strstr(plan, "## 4.2") : NULL;
	if (ok(reviews && plan && after_plan, "4.1.f and 4.4.b in step 4")) {
		grille_buf_put(&edited, step4.ptr, (size_t)(plan - step4.ptr));
		grille_buf_put(&edited, after_plan, (size_t)(reviews - after_plan));
		grille_buf_puts(&edited, "### 4.4.b Bilans\n\n**Mis de côté** : plus tard\n\n");
		grille_buf_puts(&edited, "### 4.4.z Notre question\n\nUne réponse.\n");
	}
	st = status_of(ws, step1.ptr, edited.ptr, 0);
	ok(state_of(st, "4.4.b") == GRILLE_STATE_SKIPPED, "4.4.b skipped without data");
	q = st ? grille_status_question(st, "4.1.f") : NULL;
	ok(q && q->line == 0 && q->state == GRILLE_STATE_UNANSWERED, "4.1.f missing from its file: unanswered");
	grille_status_free(st);
	st = status_of(ws, step1.ptr, edited.ptr, BIT(GRILLE_QUESTION_PLAN) | BIT(GRILLE_QUESTION_REVIEWS));
	q = st ? grille_status_question(st, "4.4.b") : NULL;
	ok(q && q->state == GRILLE_STATE_ANSWERED && !q->until && !q->reason, "with reviews, 4.4.b is answered: the data wins over the mark");
	q = st ? grille_status_question(st, "4.1.f") : NULL;
	ok(q && q->line == 0 && q->data && q->state == GRILLE_STATE_ANSWERED, "with actions, the missing 4.1.f is answered");
	q = st ? grille_status_question(st, "4.4.z") : NULL;
	ok(q && q->kind == GRILLE_QUESTION_TEXT && !q->data && q->level == 0, "a question the group added is a text question");
	grille_status_free(st);

	edited.len = 0;
	const char *test_phase = strstr(step4.ptr, "### 4.4.a");
	const char *next = test_phase ? strstr(test_phase, "### 4.4.b") : NULL;
	if (test_phase && next) {
		grille_buf_put(&edited, step4.ptr, (size_t)(next - step4.ptr));
		grille_buf_puts(&edited, "Du 10 janvier au 10 mars.\n\n");
		grille_buf_puts(&edited, next);
	}
	st = status_of(ws, step1.ptr, edited.ptr, 0);
	q = st ? grille_status_question(st, "4.4.a") : NULL;
	ok(q && !q->data && q->state == GRILLE_STATE_ANSWERED && q->answer_count == 1,
	   "text under 4.4.a answers it without data, as in an older workspace");
	grille_status_free(st);

	edited.len = 0;
	if (test_phase && next) {
		grille_buf_put(&edited, step4.ptr, (size_t)(next - step4.ptr));
		grille_buf_puts(&edited, "<<<<<<< ours\nDu 10 janvier.\n=======\nDu 12 janvier.\n>>>>>>> theirs\n\n");
		grille_buf_puts(&edited, next);
	}
	st = status_of(ws, step1.ptr, edited.ptr, BIT(GRILLE_QUESTION_TEST_PHASE));
	ok(state_of(st, "4.4.a") == GRILLE_STATE_CONFLICT, "a git conflict under 4.4.a stays one, data or not");
	grille_status_free(st);
	grille_buf_release(&json);
	grille_buf_release(&edited);
	grille_buf_release(&step1);
	grille_buf_release(&step4);
}

int main(void)
{
	grille_init();
	grille_grid *grid = NULL;
	if (ok(grille_grid_load_buffer(&grid, grid_yaml, strlen(grid_yaml), "data.yaml") == 0,
	       "a grid of data questions: %s", grille_error_last()))
		scaffold_and_scan(grid);
	grille_grid_free(grid);
	data_kinds();
	struct grille_workspace ws;
	if (ok(memory_workspace_open(&ws) == 0, "a workspace in memory: %s", grille_error_last()))
		status_rule(&ws);
	memory_workspace_close(&ws);
	grille_shutdown();
	return tap_done();
}
