/* The group's data through the public API (lib/group*.c): loaded from the
 * files, changed with checks against the rest of the group, refused without
 * touching a byte, moved out of a format-1 grille.yaml. Outside git: the
 * end-to-end tests cover the commits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "fs.h"
#include "tap.h"

static char root[] = "/tmp/grille-group-XXXXXX";

static char *slurp(const char *name)
{
	char *path = fs__join(root, name);
	grille_buf b = GRILLE_BUF_INIT;
	int error = fs__read(&b, path);
	free(path);
	if (error) {
		grille_buf_release(&b);
		return NULL;
	}
	grille_buf_puts(&b, "");
	return grille_buf_detach(&b);
}

static void spit(const char *name, const char *text)
{
	char *path = fs__join(root, name);
	fs__replace(path, text, strlen(text));
	free(path);
}

static grille_workspace *open_ws(void)
{
	grille_workspace *ws = NULL;
	if (grille_workspace_open(&ws, root) < 0)
		printf("# %s\n", grille_error_last());
	return ws;
}

static const char settings2[] = "format: 2\ntitle: Essai\ngrid:\n  id: collaboration-numerique\n  version: \"1.0\"\nlevel: 1\n";

/* A refused change leaves the file as it was (NULL: not there), compared byte for byte. */
static void unchanged(const char *name, const char *before, const char *what)
{
	char *after = slurp(name);
	ok(before ? after && !strcmp(before, after) : !after, "%s: %s unchanged", what, name);
	free(after);
}

static void members(grille_workspace *ws)
{
	grille_group_change c;
	char *roles[] = { "animatrice", "secrétaire" };
	grille_member awa = { "Awa Diallo", roles, 2, "awa@example.org", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_ADD, &awa) == 0, "a member added");
	is_str(c.file, "membres.md", "  in membres.md");
	ok(!c.moved, "  nothing moved: format 2");
	grille_group_change_release(&c);
	char *file = slurp("membres.md");
	ok(file && strstr(file, "| Awa Diallo | animatrice, secrétaire | awa@example.org |"), "  its row");
	char *attributes = slurp(".gitattributes");
	ok(attributes && strstr(attributes, "/membres.md merge=union\n") && strstr(attributes, "/calendrier.md merge=union\n"),
	   "  .gitattributes has the union lines");
	free(attributes);

	grille_member again = { "  awa diallo ", NULL, 0, "", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_ADD, &again) == GRILLE_EEXISTS, "the same name again is refused");
	contains(grille_error_last(), "« Awa Diallo » est déjà membre (membres.md:", "  naming the member and the line");
	grille_group_change_release(&c);
	unchanged("membres.md", file, "a duplicate member");
	grille_member comma = { "Awa, Bob", NULL, 0, "", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_ADD, &comma) == GRILLE_EARGUMENT, "a name with a comma is refused");
	grille_group_change_release(&c);
	unchanged("membres.md", file, "a name with a comma");
	grille_member ghost = { "Zoé", NULL, 0, "", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_REMOVE, &ghost) == GRILLE_ENOTFOUND, "removing a stranger is refused");
	grille_group_change_release(&c);
	free(file);

	const grille_group *g;
	ok(grille_workspace_group(&g, ws) == 0 && g->member_count == 1, "the group has one member");
	ok(grille_group_member_of(g, "Quelqu'un", "AWA@example.org") == &g->members[0], "found by e-mail, any case");
	ok(grille_group_member_of(g, "awa diallo", NULL) == &g->members[0], "found by name");
	ok(!grille_group_member_of(g, "Bob", "bob@example.org"), "a stranger is no member");
}

static void plan(grille_workspace *ws)
{
	grille_group_change c;
	char *bob[] = { "Bob" }, *awa[] = { "AWA DIALLO" }, *bad_for[] = { "9.9" }, *good_for[] = { "2.5", "3.2.b" };
	grille_action a = { .text = "Ouvrir un agenda partagé", .who = bob, .who_count = 1, .due = "2027-01-10",
	                    .means = "", .indicator = "", .note = "" };
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_ADD, &a) == GRILLE_EARGUMENT, "an unknown member is refused");
	contains(grille_error_last(), "« Bob » n'est pas membre du groupe", "  saying who");
	grille_group_change_release(&c);
	unchanged("plan.md", NULL, "an unknown member");
	a.who = awa;
	a.for_ids = bad_for;
	a.for_count = 1;
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_ADD, &a) == GRILLE_EARGUMENT, "an ID the grid lacks is refused");
	contains(grille_error_last(), "« 9.9 » n'est ni un item ni une question", "  saying which");
	grille_group_change_release(&c);
	a.for_ids = good_for;
	a.for_count = 2;
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_ADD, &a) == 0, "an action added");
	is_str(c.key, "A1", "  numbered A1");
	grille_group_change_release(&c);
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_ADD, &a) == 0 && !strcmp(c.key, "A2"), "the next is A2");
	grille_group_change_release(&c);
	char *file = slurp("plan.md");
	ok(file && strstr(file, "| A1 | Ouvrir un agenda partagé | Awa Diallo | 2027-01-10 | à faire |") &&
	   strstr(file, "| 2.5, 3.2.b |"),
	   "  the row names the member as membres.md does");

	a.number = 7;
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_SET, &a) == GRILLE_ENOTFOUND, "A7 does not exist");
	contains(grille_error_last(), "l'action A7 n'existe pas", "  said so");
	grille_group_change_release(&c);
	unchanged("plan.md", file, "a missing action");
	free(file);
	a.number = 1;
	a.state = GRILLE_ACTION_DONE;
	ok(grille_workspace_action_change(&c, ws, GRILLE_GROUP_SET, &a) == 0, "A1 done");
	grille_group_change_release(&c);
	const grille_group *g;
	ok(grille_workspace_group(&g, ws) == 0 && g->action_count == 2 && grille_group_action(g, "a1") &&
	   grille_group_action(g, "a1")->state == GRILLE_ACTION_DONE, "  read back done");

	/* By hand, the plan may name a stranger or an ID the grid lacks: problems, said with their line. */
	file = slurp("plan.md");
	char *edited = malloc(strlen(file) + 128);
	sprintf(edited, "%s| A3 | Écrire la charte | Zoé | | à faire |  |  | 8.8 |  |\n", file);
	spit("plan.md", edited);
	grille_member none = { "Nobody", NULL, 0, "", "", 0 };
	grille_group_change unused;
	grille_workspace_member_change(&unused, ws, GRILLE_GROUP_REMOVE, &none); /* refused; the group is read again */
	grille_group_change_release(&unused);
	ok(grille_workspace_group(&g, ws) == 0 && g->problem_count == 2, "a hand-written action: two problems");
	if (g->problem_count == 2) {
		contains(g->problems[0], "plan.md:9: A3 est confiée à « Zoé », qui n'est pas dans membres.md", "  a stranger");
		contains(g->problems[1], "plan.md:9: A3 répond à « 8.8 »", "  an unknown ID");
	}
	spit("plan.md", file);
	free(edited);
	free(file);
}

static void calendar(grille_workspace *ws)
{
	grille_group_change c;
	char *before = slurp("calendrier.md");
	ok(grille_workspace_test_phase(&c, ws, "2027-03-01", "2027-01-01") == GRILLE_EARGUMENT, "a reversed test phase is refused");
	grille_group_change_release(&c);
	ok(grille_workspace_test_phase(&c, ws, "2027-01-01", "2027-02-30") == GRILLE_EARGUMENT, "2027-02-30 is refused");
	contains(grille_error_last(), "« 2027-02-30 »", "  named");
	grille_group_change_release(&c);
	unchanged("calendrier.md", before, "bad dates");
	free(before);
	ok(grille_workspace_test_phase(&c, ws, "2027-01-01", "2027-03-31") == 0, "a test phase set");
	grille_group_change_release(&c);
	ok(grille_workspace_test_phase(&c, ws, "2027-05-01", "2027-06-30") == 0, "and moved past its old end");
	grille_group_change_release(&c);
	grille_event review = { GRILLE_EVENT_REVIEW, "2026-12-15", "Point d'étape", 0, 0 };
	ok(grille_workspace_review_change(&c, ws, GRILLE_GROUP_ADD, &review) == 0, "a review before the test phase");
	ok(c.warning_count == 1 && strstr(c.warnings[0], "avant le début de la phase de test"), "  is allowed, with a warning");
	grille_group_change_release(&c);
	ok(grille_workspace_review_change(&c, ws, GRILLE_GROUP_ADD, &review) == GRILLE_EEXISTS, "the same review twice is refused");
	grille_group_change_release(&c);
	review.done = 1;
	ok(grille_workspace_review_change(&c, ws, GRILLE_GROUP_SET, &review) == 0, "a review held");
	grille_group_change_release(&c);
	const grille_group *g;
	ok(grille_workspace_group(&g, ws) == 0 && !strcmp(g->test_start, "2027-05-01") && !strcmp(g->test_end, "2027-06-30"),
	   "the test phase read back");
	ok(g->event_count == 3 && g->events[2].done, "the review read back, held");

	grille_buf ics = GRILLE_BUF_INIT;
	ok(grille_workspace_calendar_ics(&ics, ws, "20261201T000000Z") == 0, "an iCalendar file");
	ok(ics.ptr && strstr(ics.ptr, "BEGIN:VCALENDAR\r\n") && strstr(ics.ptr, "DTSTART;VALUE=DATE:20270501\r\n") &&
	   strstr(ics.ptr, "UID:review-2026-12-15-") && strstr(ics.ptr, "SUMMARY:A2 à rendre : Ouvrir un agenda partagé"),
	   "  with the phase, the review and A2's deadline");
	ok(ics.ptr && !strstr(ics.ptr, "SUMMARY:A1 "), "  a done action has no deadline left to show");
	grille_buf_release(&ics);
}

/* A row written by hand that grille cannot read: named, and no change is made over it. */
static void bad_rows(grille_workspace *ws)
{
	grille_group_change c;
	char *file = slurp("membres.md");
	char *broken = malloc(strlen(file) + 64);
	sprintf(broken, "%s| Bob | trésorier |\n", file);
	spit("membres.md", broken);
	const grille_group *g;
	ok(grille_workspace_group(&g, ws) == 0 && g->problem_count == 0, "the loaded group stays until a change");
	grille_member eve = { "Ève", NULL, 0, "", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_ADD, &eve) == GRILLE_EINVALID, "a malformed row stops a change");
	contains(grille_error_last(), "membres.md:", "  named with its file and line");
	grille_group_change_release(&c);
	unchanged("membres.md", broken, "a malformed row");
	ok(grille_workspace_group(&g, ws) == 0 && g->problem_count == 1, "  and reading shows it as a problem");

	/* Two members changed the same entry: both rows are kept, and setting it settles it. */
	sprintf(broken, "%s| awa diallo | trésorière | | |\n", file);
	spit("membres.md", broken);
	grille_member awa = { "Awa Diallo", NULL, 0, "awa@example.org", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_SET, &awa) == 0, "a conflict settled by setting the entry");
	grille_group_change_release(&c);
	ok(grille_workspace_group(&g, ws) == 0 && g->conflict_count == 0 && g->member_count == 1, "  one row left");
	free(broken);
	free(file);

	char *roles[] = { "trésorier" };
	grille_member removed = { "Awa Diallo", roles, 1, "", "", 0 };
	ok(grille_workspace_member_change(&c, ws, GRILLE_GROUP_REMOVE, &removed) == 0, "a member removed");
	ok(c.warning_count == 1 && strstr(c.warnings[0], "A2"), "  saying A2 is still theirs");
	grille_group_change_release(&c);
}

/* Format 1: the group's data in grille.yaml, moved by the first change. */
static void move(void)
{
	spit("grille.yaml", "format: 1\n# nos réglages\ntitle: Essai\ngrid:\n  id: collaboration-numerique\n  version: \"1.0\"\n"
	                    "members:\n- name: Léa\n  role: animatrice\ntest_phase:\n  start: 2027-01-01\n  end: 2027-03-01\n"
	                    "reviews:\n- date: 2027-02-01\n  title: Mi-parcours\nlevel: 2\n");
	for (size_t i = 0; i < 4; i++) {
		static const char *const names[] = { "membres.md", "plan.md", "calendrier.md", ".gitattributes" };
		char *path = fs__join(root, names[i]);
		unlink(path);
		free(path);
	}
	grille_workspace *ws = open_ws();
	const grille_group *g;
	ok(ws && grille_workspace_group(&g, ws) == 0 && g->from_settings && g->member_count == 1 &&
	   !strcmp(g->test_end, "2027-03-01"), "format 1: read from grille.yaml");
	grille_group_change c;
	grille_member sami = { "Sami", NULL, 0, "", "", 0 };
	ok(ws && grille_workspace_member_change(&c, ws, GRILLE_GROUP_ADD, &sami) == 0, "the first change");
	ok(c.moved && strstr(c.moved, "déplacés de grille.yaml"), "  moves the data first, and says so");
	is_str(c.moved_commit, "", "  no commit outside git");
	grille_group_change_release(&c);
	char *yaml = slurp("grille.yaml"), *members = slurp("membres.md"), *cal = slurp("calendrier.md");
	is_str(yaml, "format: 2\n# nos réglages\ntitle: Essai\ngrid:\n  id: collaboration-numerique\n  version: \"1.0\"\nlevel: 2\n",
	       "grille.yaml keeps the rest, comment included");
	ok(members && strstr(members, "| Léa | animatrice |") && strstr(members, "| Sami |"), "membres.md: the old and the new");
	ok(cal && strstr(cal, "| 2027-01-01 | début du test |") && strstr(cal, "| 2027-02-01 | bilan | Mi-parcours |"),
	   "calendrier.md: the test phase and the review");
	ok(ws && grille_workspace_settings(ws)->format == 2, "the settings are read again");
	ok(ws && grille_workspace_group(&g, ws) == 0 && !g->from_settings && g->member_count == 2, "the group from the files");
	free(yaml);
	free(members);
	free(cal);
	grille_workspace_free(ws);
}

int main(void)
{
	grille_init();
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return 1;
	spit("grille.yaml", settings2);
	grille_workspace *ws = open_ws();
	const grille_group *g;
	ok(ws && grille_workspace_group(&g, ws) == 0 && g->member_count == 0 && !g->from_settings,
	   "no files yet: an empty group");
	if (ws) {
		members(ws);
		plan(ws);
		calendar(ws);
		bad_rows(ws);
	}
	grille_workspace_free(ws);
	move();
	fs__remove_tree(root);
	grille_shutdown();
	return tap_done();
}
