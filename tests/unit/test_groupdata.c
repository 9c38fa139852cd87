/* The group's data files (lib/groupdata.c): members, action plan and
 * calendar read, checked, written; conflicts left by git's union merge. */
#include <stdlib.h>
#include <string.h>

#include "groupdata.h"
#include "grille/error.h"
#include "tap.h"

#define MEMBERS_HEAD "# Membres\n\n| Nom | Rôles | Courriel | Identité git |\n| --- | --- | --- | --- |\n"
#define PLAN_HEAD "# Plan d'action\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\n" \
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
#define CAL_HEAD "# Calendrier\n\n| Date | Quoi | Titre | Fait |\n| --- | --- | --- | --- |\n"

static int has(char *const *list, size_t count, const char *want)
{
	for (size_t i = 0; i < count; i++)
		if (strstr(list[i], want))
			return 1;
	return 0;
}

static void members(void)
{
	struct groupdata_members m;
	const char *text = MEMBERS_HEAD "| Awa Diallo | animatrice, secrétaire | awa@example.org | Awa D. |\n"
	                                "| Bob |  |  |  |\n";
	ok(groupdata__members_load(&m, text, strlen(text), "membres.md") == 0 && m.count == 2, "two members");
	is_str(m.items[0].name, "Awa Diallo", "  a name");
	ok(m.items[0].role_count == 2 && !strcmp(m.items[0].roles[1], "secrétaire"), "  roles split at commas");
	is_str(m.items[0].email, "awa@example.org", "  an e-mail");
	is_str(m.items[0].identity, "Awa D.", "  a git identity");
	ok(m.items[1].role_count == 0 && !*m.items[1].email && m.items[1].line == 6, "  optional cells empty");
	groupdata__members_release(&m);

	text = MEMBERS_HEAD "| Awa | r | awa@x.org | |\n| Bob | r | | |\n|  ÉLISE  | r | | |\n| awa | s | | |\n| élise | t | | |\n";
	ok(groupdata__members_load(&m, text, strlen(text), "membres.md") == 0, "a duplicate member is no error");
	ok(m.count == 5 && m.common.conflict_count == 2, "  both rows kept, two conflicts (%zu)", m.common.conflict_count);
	if (m.common.conflict_count == 2) {
		const grille_entry_conflict *c = &m.common.conflicts[0];
		ok(c->count == 2 && c->lines[0] == 5 && c->lines[1] == 8, "  the conflict names both lines");
		is_str(c->key, "Awa", "  and the key");
		is_str(c->texts[1], "| awa | s | | |", "  and both rows' texts");
		ok(m.common.conflicts[1].lines[0] == 7 && m.common.conflicts[1].lines[1] == 9,
		   "  names compared ignoring case, accents' case too");
	}
	groupdata__members_release(&m);

	text = MEMBERS_HEAD "|  | r | | |\n| A, B | r | | |\n| C | r | pas une adresse | |\n| D | r |\n";
	ok(groupdata__members_load(&m, text, strlen(text), "membres.md") == GRILLE_EINVALID && m.count == 0 &&
	   m.common.problem_count == 4, "four bad rows, four problems");
	ok(has(m.common.problems, m.common.problem_count, "membres.md:5: nom de membre manquant"), "  a missing name");
	ok(has(m.common.problems, m.common.problem_count, "membres.md:6: un nom de membre ne peut pas"), "  a comma");
	ok(has(m.common.problems, m.common.problem_count, "membres.md:7: adresse de courriel"), "  a bad address");
	ok(has(m.common.problems, m.common.problem_count, "membres.md:8: 2 cellules au lieu de 4"), "  a malformed row");
	groupdata__members_release(&m);
}

static void plan(void)
{
	struct groupdata_plan p;
	const char *text = PLAN_HEAD
	        "| A1 | Afficher la charte | Awa, Bob | 2027-03-15 | En Cours | affiches | 3 lieux | 2.5, 3.2.b | |\n"
	        "| A2 | Abandonnée | Bob |  | ABANDONNEE |  |  |  | plus utile |\n"
	        "| a7 | Sans état |  |  |  |  |  |  |  |\n";
	ok(groupdata__plan_load(&p, text, strlen(text), "plan.md") == 0 && p.count == 3, "a plan of three actions");
	if (p.count == 3) {
		ok(p.items[0].number == 1 && !strcmp(p.items[0].id, "A1") && p.items[0].who_count == 2, "  A1, two people");
		ok(p.items[0].state == GRILLE_ACTION_DOING && !strcmp(p.items[0].due, "2027-03-15"), "  in progress, a due date");
		ok(p.items[0].for_count == 2 && !strcmp(p.items[0].for_ids[1], "3.2.b"), "  linked to 2.5 and 3.2.b");
		ok(p.items[1].state == GRILLE_ACTION_DROPPED && !strcmp(p.items[1].note, "plus utile"),
		   "  a state without accent, any case; a note");
		ok(p.items[2].state == GRILLE_ACTION_TODO && !strcmp(p.items[2].id, "A7"), "  empty state: to do; a7 is A7");
	}
	char id[16];
	groupdata__plan_next_id(&p, id);
	is_str(id, "A8", "the next action number is max+1");
	groupdata__plan_release(&p);
	struct groupdata_plan empty = { 0 };
	groupdata__plan_next_id(&empty, id);
	is_str(id, "A1", "the first action number");

	text = PLAN_HEAD "| A0 | x | | | | | | | |\n| A01 | x | | | | | | | |\n| B2 | x | | | | | | | |\n"
	                 "| A3 | x | | 2027-02-30 | | | | | |\n| A4 | x | | | fini | | | | |\n| A5 |  | | | | | | | |\n"
	                 "| A6 | x | | | | | | 2 | |\n";
	ok(groupdata__plan_load(&p, text, strlen(text), "plan.md") == GRILLE_EINVALID && p.count == 0 &&
	   p.common.problem_count == 7, "seven bad actions, seven problems");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:5: numéro d'action invalide"), "  A0");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:6: numéro d'action invalide"), "  A01");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:8: échéance invalide"), "  2027-02-30 refused");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:9: état inconnu"), "  an unknown state");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:10: texte de l'action manquant"), "  no text");
	ok(has(p.common.problems, p.common.problem_count, "plan.md:11: « 2 » n'est pas l'identifiant"), "  a step for an ID");
	groupdata__plan_release(&p);

	text = PLAN_HEAD "| A1 | un | | | | | | | |\n| A2 | deux | | | | | | | |\n| A1 | un, changé | | | fait | | | | |\n";
	ok(groupdata__plan_load(&p, text, strlen(text), "plan.md") == 0 && p.count == 3 && p.common.conflict_count == 1,
	   "a duplicate action number: a conflict, both rows kept");
	if (p.common.conflict_count == 1) {
		const grille_entry_conflict *c = &p.common.conflicts[0];
		ok(!strcmp(c->key, "A1") && c->count == 2 && c->lines[0] == 5 && c->lines[1] == 7, "  A1 at lines 5 and 7");
		is_str(c->texts[0], "| A1 | un | | | | | | | |", "  the first version");
		is_str(c->texts[1], "| A1 | un, changé | | | fait | | | | |", "  the second version");
	}
	groupdata__plan_release(&p);

	/* Enough actions that the array of them moves while it grows: the conflict's key stays readable. */
	text = PLAN_HEAD "| A1 | a | | | | | | | |\n| A2 | b | | | | | | | |\n| A3 | c | | | | | | | |\n"
	                 "| A4 | d | | | | | | | |\n| A5 | e | | | | | | | |\n| A1 | f | | | | | | | |\n";
	ok(groupdata__plan_load(&p, text, strlen(text), "plan.md") == 0 && p.count == 6 && p.common.conflict_count == 1 &&
	   !strcmp(p.common.conflicts[0].key, "A1"), "a conflict among many actions keeps its key");
	groupdata__plan_release(&p);
}

static void calendar(void)
{
	struct groupdata_calendar c;
	const char *text = CAL_HEAD "| 2027-03-01 | début du test | | |\n| 2027-04-30 | Fin du test | | |\n"
	                            "| 2027-03-15 | bilan | Premier bilan | oui |\n| 2027-04-01 | BILAN | Second | |\n";
	ok(groupdata__calendar_load(&c, text, strlen(text), "calendrier.md") == 0 && c.count == 4, "a calendar");
	if (c.count == 4) {
		ok(c.items[0].kind == GRILLE_EVENT_TEST_START && c.items[1].kind == GRILLE_EVENT_TEST_END, "  the test phase");
		ok(c.items[2].kind == GRILLE_EVENT_REVIEW && c.items[2].done && !strcmp(c.items[2].title, "Premier bilan"),
		   "  a review done");
		ok(!c.items[3].done && !strcmp(c.items[3].date, "2027-04-01"), "  a review to come");
	}
	groupdata__calendar_release(&c);

	text = CAL_HEAD "| 2027-05-01 | début du test | | |\n| 2027-04-30 | fin du test | | |\n";
	ok(groupdata__calendar_load(&c, text, strlen(text), "calendrier.md") == GRILLE_EINVALID &&
	   has(c.common.problems, c.common.problem_count, "calendrier.md:6: la fin du test (2027-04-30) doit venir après"),
	   "a reversed test phase");
	groupdata__calendar_release(&c);

	text = CAL_HEAD "| 2027-02-30 | bilan | | |\n| 2027-03-01 | réunion | | |\n| 2027-03-02 | bilan | | non |\n";
	ok(groupdata__calendar_load(&c, text, strlen(text), "calendrier.md") == GRILLE_EINVALID &&
	   c.common.problem_count == 3, "three bad rows");
	ok(has(c.common.problems, c.common.problem_count, "calendrier.md:5: date invalide"), "  2027-02-30");
	ok(has(c.common.problems, c.common.problem_count, "calendrier.md:6: « Quoi » inconnu"), "  an unknown kind");
	ok(has(c.common.problems, c.common.problem_count, "calendrier.md:7: « Fait »"), "  Fait not oui");
	groupdata__calendar_release(&c);

	text = CAL_HEAD "| 2027-03-01 | début du test | | |\n| 2027-03-02 | début du test | | |\n"
	                "| 2027-03-15 | bilan | A | |\n| 2027-03-15 | bilan | B | |\n| 2027-03-16 | bilan | C | |\n";
	ok(groupdata__calendar_load(&c, text, strlen(text), "calendrier.md") == 0 && c.count == 5 &&
	   c.common.conflict_count == 2, "two starts and two reviews the same day: conflicts");
	if (c.common.conflict_count == 2)
		ok(!strcmp(c.common.conflicts[0].key, "bilan 2027-03-15") && !strcmp(c.common.conflicts[1].key, "début du test"),
		   "  keyed by date for a review, by kind for the test phase");
	groupdata__calendar_release(&c);
}

/* Load `text` as a plan and say whether it has `count` actions and `conflicts` conflicts. */
static int plan_is(const char *text, size_t count, size_t conflicts)
{
	struct groupdata_plan p;
	int error = groupdata__plan_load(&p, text, strlen(text), "plan.md");
	int ok = !error && p.count == count && p.common.conflict_count == conflicts;
	groupdata__plan_release(&p);
	return ok;
}

static void writing(void)
{
	grille_buf fresh = GRILLE_BUF_INIT, out = GRILLE_BUF_INIT;
	ok(groupdata__fresh(&fresh, GROUPDATA_PLAN, "fr") == 0, "a fresh plan");
	contains(fresh.ptr, "# Plan d'action\n\nUne ligne par action ; grille lit ce tableau", "  its title and guidance");
	ok(plan_is(fresh.ptr, 0, 0), "  reads as an empty plan");
	char *who[] = { "Awa", "Bob" }, *ids[] = { "2.5", "3.2.b" };
	grille_action a = { .id = "A1", .text = "Afficher | la charte", .who = who, .who_count = 2,
	                              .due = "2027-03-15", .state = GRILLE_ACTION_DOING, .for_ids = ids, .for_count = 2 };
	ok(groupdata__plan_write(&out, fresh.ptr, fresh.len, "plan.md", GROUPDATA_APPEND, &a) == 0, "append A1");
	contains(out.ptr, "| A1 | Afficher \\| la charte | Awa, Bob | 2027-03-15 | en cours | | | 2.5, 3.2.b | | | |\n",
	         "  written with its pipe escaped, state canonical");
	char *base = strdup(out.ptr);
	struct groupdata_plan p;
	ok(groupdata__plan_load(&p, base, strlen(base), "plan.md") == 0 && p.count == 1 &&
	   !strcmp(p.items[0].text, a.text) && p.items[0].who_count == 2 && p.items[0].state == GRILLE_ACTION_DOING,
	   "round trip: the action reads back the same");
	groupdata__plan_release(&p);
	ok(groupdata__plan_write(&out, base, strlen(base), "plan.md", GROUPDATA_APPEND, &a) == GRILLE_EEXISTS,
	   "appending A1 twice refused");
	strcpy(a.id, "A9");
	ok(groupdata__plan_write(&out, base, strlen(base), "plan.md", GROUPDATA_REMOVE, &a) == GRILLE_ENOTFOUND,
	   "removing an action that is not there");
	strcpy(a.id, "A1");
	strcpy(a.due, "2027-02-30");
	ok(groupdata__plan_write(&out, base, strlen(base), "plan.md", GROUPDATA_REPLACE, &a) == GRILLE_EARGUMENT,
	   "2027-02-30 refused");
	strcpy(a.due, "");
	a.text = "ligne\ncoupée";
	ok(groupdata__plan_write(&out, base, strlen(base), "plan.md", GROUPDATA_REPLACE, &a) == GRILLE_EARGUMENT,
	   "a line break refused");
	a.text = "Afficher la charte";

	/* A union merge: both sides appended a row; then both changed A1. */
	grille_action a2 = { .id = "A2", .text = "Côté Awa" }, a3 = { .id = "A3", .text = "Côté Bob" };
	grille_buf ours = GRILLE_BUF_INIT, theirs = GRILLE_BUF_INIT;
	groupdata__plan_write(&ours, base, strlen(base), "plan.md", GROUPDATA_APPEND, &a2);
	groupdata__plan_write(&theirs, base, strlen(base), "plan.md", GROUPDATA_APPEND, &a3);
	const char *added = strstr(theirs.ptr, "| A3 ");
	grille_buf merged = GRILLE_BUF_INIT;
	grille_buf_put(&merged, ours.ptr, ours.len);
	grille_buf_puts(&merged, added); /* what union leaves: the base, then both sides' lines */
	ok(added && plan_is(merged.ptr, 3, 0), "union of two appends: both actions, no conflict");

	a.state = GRILLE_ACTION_DONE;
	groupdata__plan_write(&ours, base, strlen(base), "plan.md", GROUPDATA_REPLACE, &a);
	a.state = GRILLE_ACTION_DROPPED;
	a.note = "plus utile";
	groupdata__plan_write(&theirs, base, strlen(base), "plan.md", GROUPDATA_REPLACE, &a);
	grille_buf_clear(&merged);
	grille_buf_put(&merged, ours.ptr, ours.len);
	grille_buf_puts(&merged, strstr(theirs.ptr, "| A1 "));
	ok(plan_is(merged.ptr, 2, 1), "union of two changes of A1: a conflict, both versions kept");
	ok(groupdata__plan_load(&p, merged.ptr, merged.len, "plan.md") == 0 && p.common.conflict_count == 1 &&
	   strstr(p.common.conflicts[0].texts[0], "| fait |") && strstr(p.common.conflicts[0].texts[1], "plus utile"),
	   "  naming both versions");
	groupdata__plan_release(&p);
	char *conflicted = strdup(merged.ptr);
	ok(groupdata__plan_write(&out, conflicted, strlen(conflicted), "plan.md", GROUPDATA_REPLACE, &a) == 0 &&
	   plan_is(out.ptr, 1, 0), "replacing A1 settles the conflict: one row left");
	ok(groupdata__plan_write(&out, conflicted, strlen(conflicted), "plan.md", GROUPDATA_REMOVE, &a) == 0 &&
	   plan_is(out.ptr, 0, 0) && strstr(out.ptr, "# Plan d'action\n\nUne ligne"), "removing A1 removes both rows, keeps the rest");
	free(conflicted);

	grille_buf_release(&ours);
	grille_buf_release(&theirs);
	grille_buf_release(&merged);
	free(base);
	grille_buf_release(&fresh);
	grille_buf_release(&out);
}

static void writing_members_calendar(void)
{
	grille_buf out = GRILLE_BUF_INIT;
	const char *text = "# Membres\n\nProse.\n\n| Nom | Rôles | Courriel | Identité git |\n|---|---|---|---|\n"
	                   "| Awa | animatrice | | |\n\nAprès le tableau.\n";
	char *roles[] = { "secrétaire" };
	grille_member m = { .name = "Bob", .roles = roles, .role_count = 1, .email = "bob@x.org" };
	ok(groupdata__members_write(&out, text, strlen(text), "membres.md", GROUPDATA_APPEND, &m) == 0, "add a member");
	is_str(out.ptr, "# Membres\n\nProse.\n\n| Nom | Rôles | Courriel | Identité git |\n|---|---|---|---|\n"
	                "| Awa | animatrice | | |\n| Bob | secrétaire | bob@x.org | |\n\nAprès le tableau.\n",
	       "  at the table's end, the prose after it kept");
	m.name = "  AWA ";
	ok(groupdata__members_write(&out, text, strlen(text), "membres.md", GROUPDATA_APPEND, &m) == GRILLE_EEXISTS,
	   "a duplicate member refused");
	m.name = "A, B";
	ok(groupdata__members_write(&out, text, strlen(text), "membres.md", GROUPDATA_APPEND, &m) == GRILLE_EARGUMENT,
	   "a name with a comma refused");
	const char *bad = "# Membres\n\n| Nom | Rôles | Courriel | Identité git |\n|---|---|---|---|\n| Awa |\n";
	m.name = "Bob";
	ok(groupdata__members_write(&out, bad, strlen(bad), "membres.md", GROUPDATA_APPEND, &m) == GRILLE_EINVALID,
	   "a file with a malformed row is not written");
	contains(grille_error_last(), "membres.md:5:", "  the row named");

	grille_buf fresh = GRILLE_BUF_INIT;
	groupdata__fresh(&fresh, GROUPDATA_CALENDAR, "fr");
	grille_event start = { .kind = GRILLE_EVENT_TEST_START, .date = "2027-03-01" };
	grille_event end = { .kind = GRILLE_EVENT_TEST_END, .date = "2027-02-01" };
	ok(groupdata__calendar_write(&out, fresh.ptr, fresh.len, "calendrier.md", GROUPDATA_APPEND, &start) == 0,
	   "the test phase's start");
	char *cal = strdup(out.ptr);
	ok(groupdata__calendar_write(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_APPEND, &end) == GRILLE_EARGUMENT,
	   "an end before the start refused");
	contains(grille_error_last(), "la fin du test", "  saying why");
	strcpy(end.date, "2027-04-30");
	ok(groupdata__calendar_write(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_APPEND, &end) == 0,
	   "an end after the start");
	strcpy(start.date, "2027-03-08");
	ok(groupdata__calendar_write(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_REPLACE, &start) == 0 &&
	   strstr(out.ptr, "| 2027-03-08 | début du test |") && !strstr(out.ptr, "2027-03-01"),
	   "the start moved: its row replaced");
	grille_event review = { .kind = GRILLE_EVENT_REVIEW, .date = "2027-02-29", .title = "Bilan" };
	ok(groupdata__calendar_write(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_APPEND, &review) ==
	   GRILLE_EARGUMENT, "a review on 2027-02-29 refused");
	free(cal);
	grille_buf_release(&fresh);
	grille_buf_release(&out);
}

/* After a merge: two additions under one number are renumbered, a changed action stays a conflict. */
static void renumbering(void)
{
	const char *base = PLAN_HEAD "| A1 | Ouvrir l'agenda | | | à faire |  |  |  |  |\n";
	const char *theirs = PLAN_HEAD "| A1 | Ouvrir l'agenda | | | en cours |  |  |  |  |\n"
	                               "| A2 | Acheter un vidéoprojecteur | | | à faire |  |  |  |  |\n";
	const char *merged = PLAN_HEAD "| A1 | Ouvrir l'agenda | | | fait |  |  |  |  |\n"
	                               "| A2 | Former le bureau | | | à faire |  |  |  |  |\n"
	                               "| A1 | Ouvrir l'agenda | | | en cours |  |  |  |  |\n"
	                               "| A2 | Acheter un vidéoprojecteur | | | à faire |  |  |  |  |\n";
	grille_buf out = GRILLE_BUF_INIT, note = GRILLE_BUF_INIT;
	ok(groupdata__plan_renumber(&out, &note, merged, strlen(merged), base, strlen(base), theirs, strlen(theirs)) == 0,
	   "a merged plan renumbered");
	ok(out.ptr && strstr(out.ptr, "| A3 | Former le bureau |") && strstr(out.ptr, "| A2 | Acheter un vidéoprojecteur |"),
	   "  our new A2 becomes A3, theirs (already shared) stays A2");
	ok(out.ptr && strstr(out.ptr, "| fait |") && strstr(out.ptr, "| en cours |"), "  A1, changed on both sides, keeps both rows");
	contains(note.ptr, "portaient le numéro A2 : la vôtre devient A3", "  and the note says so");
	struct groupdata_plan p;
	ok(out.ptr && groupdata__plan_load(&p, out.ptr, out.len, "plan.md") == 0 && p.common.conflict_count == 1 &&
	   !strcmp(p.common.conflicts[0].key, "A1"), "  one conflict left: A1");
	groupdata__plan_release(&p);
	grille_buf_release(&out);
	grille_buf_release(&note);

	ok(groupdata__plan_renumber(&out, &note, base, strlen(base), base, strlen(base), base, strlen(base)) == 0 &&
	   out.len == 0 && note.len == 0, "nothing to do: nothing written");
	const char *broken = PLAN_HEAD "| A1 | x |\n";
	ok(groupdata__plan_renumber(&out, &note, broken, strlen(broken), base, strlen(base), base, strlen(base)) == 0 &&
	   out.len == 0, "a plan with problems is left to the group");
}

/* The review's decisions: two columns a plan written before lacks. */
static void decisions(void)
{
	const char *old = PLAN_HEAD "| A1 | Ouvrir un agenda | | | fait | | | | |\n"
	                            "| A2 | Former l'équipe | | | en cours | | | | |\n\nTexte après.\n";
	struct groupdata_plan p;
	ok(groupdata__plan_load(&p, old, strlen(old), "plan.md") == 0 && p.count == 2 &&
	   p.items[0].decision == GRILLE_DECISION_NONE && !strcmp(p.items[0].decision_reason, ""),
	   "a plan without the decision columns reads, nothing decided");
	groupdata__plan_release(&p);

	grille_buf out = GRILLE_BUF_INIT;
	grille_action a = { .id = "A2", .text = "Former l'équipe", .state = GRILLE_ACTION_DOING };
	ok(groupdata__plan_write(&out, old, strlen(old), "plan.md", GROUPDATA_REPLACE, &a) == 0 && !strcmp(out.ptr, old),
	   "writing an action without a decision leaves an older plan's bytes as they were");
	a.decision = GRILLE_DECISION_ADJUST;
	a.decision_reason = "trop long : en deux séances";
	ok(groupdata__plan_write(&out, old, strlen(old), "plan.md", GROUPDATA_REPLACE, &a) == 0, "a decision written");
	contains(out.ptr, "| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note | Bilan | Raison du bilan |\n"
	                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
	                  "| A1 | Ouvrir un agenda | | | fait | | | | |\n"
	                  "| A2 | Former l'équipe | | | en cours | | | | | ajuster | trop long : en deux séances |\n\nTexte après.\n",
	         "  the header gains the two columns, the other rows stay as they were");
	ok(groupdata__plan_load(&p, out.ptr, out.len, "plan.md") == 0 && p.count == 2 &&
	   p.items[0].decision == GRILLE_DECISION_NONE && p.items[1].decision == GRILLE_DECISION_ADJUST &&
	   !strcmp(p.items[1].decision_reason, "trop long : en deux séances"),
	   "  and reads back: a short row is a row without decision");
	groupdata__plan_release(&p);

	const char *bad = PLAN_HEAD "| A1 | x | | | | | | | | peut-être | |\n";
	ok(groupdata__plan_load(&p, bad, strlen(bad), "plan.md") == GRILLE_EINVALID, "11 cells under 9 columns: a problem");
	groupdata__plan_release(&p);
	const char *head11 = "# Plan\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note | Bilan | Raison du bilan |\n"
	                     "|---|---|---|---|---|---|---|---|---|---|---|\n";
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "%s| A1 | x | | | | | | | | Abandonner | |\n| A2 | y | | | | | | | | GARDER | ok |\n"
	                  "| A3 | z | | | | | | | | peut-être | |\n", head11);
	ok(groupdata__plan_load(&p, text.ptr, text.len, "plan.md") == GRILLE_EINVALID && p.count == 2 &&
	   p.items[0].decision == GRILLE_DECISION_DROP && p.items[1].decision == GRILLE_DECISION_KEEP,
	   "decisions read in any case, accents optional");
	ok(p.common.problem_count == 1 && strstr(p.common.problems[0], "plan.md:7: bilan inconnu"), "  an unknown one is a problem");
	groupdata__plan_release(&p);
	ok(grille_decision_from_name("ajuster") == GRILLE_DECISION_ADJUST && grille_decision_from_name("drop") == GRILLE_DECISION_DROP &&
	   grille_decision_from_name("Garder ") == GRILLE_DECISION_KEEP && grille_decision_from_name("oui") == -1,
	   "decision words, French and English");
	grille_buf_release(&text);
	grille_buf_release(&out);
}

/* An English workspace's files: headed and filled in English, read in any
 * workspace, written in the language of their header. */
static void english_files(void)
{
	grille_buf fresh = GRILLE_BUF_INIT, out = GRILLE_BUF_INIT;
	ok(groupdata__fresh(&fresh, GROUPDATA_PLAN, "en") == 0, "a fresh English plan");
	contains(fresh.ptr, "# Action plan\n\nOne line per action; grille reads this table", "  its title and guidance");
	contains(fresh.ptr, "| No. | Action | Who | Due | State | Means | Indicator | For | Note | Review | Review reason |",
	         "  its English header");
	grille_action a = { .id = "A1", .text = "Open a calendar", .state = GRILLE_ACTION_DOING,
	                    .decision = GRILLE_DECISION_ADJUST, .decision_reason = "in two steps" };
	ok(groupdata__plan_write(&out, fresh.ptr, fresh.len, "plan.md", GROUPDATA_APPEND, &a) == 0 &&
	   strstr(out.ptr, "| A1 | Open a calendar | | | in progress | | | | | adjust | in two steps |\n"),
	   "  an action written with English words");
	struct groupdata_plan p;
	ok(groupdata__plan_load(&p, out.ptr, out.len, "plan.md") == 0 && p.count == 1 &&
	   p.items[0].state == GRILLE_ACTION_DOING && p.items[0].decision == GRILLE_DECISION_ADJUST,
	   "  and read back");
	groupdata__plan_release(&p);
	const char *mixed = "| No. | Action | Who | Due | State | Means | Indicator | For | Note |\n"
	                    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
	                    "| A1 | a | | | done | | | | |\n| A2 | b | | | à faire | | | | |\n| A3 | c | | | Dropped | | | | |\n";
	ok(groupdata__plan_load(&p, mixed, strlen(mixed), "plan.md") == 0 && p.count == 3 &&
	   p.items[0].state == GRILLE_ACTION_DONE && p.items[1].state == GRILLE_ACTION_TODO &&
	   p.items[2].state == GRILLE_ACTION_DROPPED, "a plan without the review's columns, words of both languages");
	groupdata__plan_release(&p);
	const char *french_in_english = "| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\n"
	                                "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
	a.decision = GRILLE_DECISION_NONE;
	a.decision_reason = NULL;
	ok(groupdata__plan_write(&out, french_in_english, strlen(french_in_english), "plan.md", GROUPDATA_APPEND, &a) == 0 &&
	   strstr(out.ptr, "| A1 | Open a calendar | | | en cours | | | | |\n"), "a French file is written in French");
	const char *half = "| Name | Rôles | Courriel | Identité git |\n| --- | --- | --- | --- |\n";
	struct groupdata_members m;
	ok(groupdata__members_load(&m, half, strlen(half), "membres.md") == GRILLE_EINVALID,
	   "a header half in each language is no header");
	groupdata__members_release(&m);

	grille_buf_clear(&fresh);
	groupdata__fresh(&fresh, GROUPDATA_CALENDAR, "en");
	grille_event review = { .kind = GRILLE_EVENT_REVIEW, .date = "2027-05-10", .title = "First", .done = 1 };
	ok(groupdata__calendar_write(&out, fresh.ptr, fresh.len, "calendrier.md", GROUPDATA_APPEND, &review) == 0 &&
	   strstr(out.ptr, "| Date | What | Title | Done |\n") && strstr(out.ptr, "| 2027-05-10 | review | First | yes |\n"),
	   "an English calendar's review, held");
	struct groupdata_calendar c;
	ok(groupdata__calendar_load(&c, out.ptr, out.len, "calendrier.md") == 0 && c.count == 1 &&
	   c.items[0].kind == GRILLE_EVENT_REVIEW && c.items[0].done, "  read back");
	groupdata__calendar_release(&c);
	char *cal = strdup(out.ptr);
	ok(groupdata__calendar_write(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_REMOVE, &review) == 0 &&
	   !strstr(out.ptr, "2027-05-10"), "  and removed by its key");
	free(cal);
	size_t count;
	const char *const *header = groupdata__header(GROUPDATA_MEMBERS, "en", &count);
	ok(count == 4 && !strcmp(header[0], "Name") && !strcmp(header[3], "Git identity"), "the English members' header");
	grille_buf_release(&fresh);
	grille_buf_release(&out);
}

int main(void)
{
	english_files();
	decisions();
	members();
	plan();
	calendar();
	writing();
	writing_members_calendar();
	renumbering();
	return tap_done();
}
