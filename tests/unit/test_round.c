/* The next round's plan (lib/round.c): what the review's decisions carry. */
#include <stdlib.h>
#include <string.h>

#include "round.h"
#include "groupdata.h"
#include "grille/error.h"
#include "tap.h"

#define HEAD "# Notre plan\n\nÀ revoir à chaque bilan.\n\n" \
             "| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note | Bilan | Raison du bilan |\n" \
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"

static void decided(void)
{
	const char *plan = HEAD
		"| A1 | Ouvrir un agenda | Awa | 2027-01-15 | fait | Nextcloud | | 2.5 | | garder | il sert |\n"
		"| A2 | Former l'équipe | | | en cours | | | | ancienne note | ajuster | en deux séances |\n"
		"| A3 | Acheter un serveur | | | à faire | | | | | abandonner | trop cher |\n"
		"| A7 | Écrire la charte | | | à faire | | | | une note |\n"
		"\nTexte après le tableau.\n";
	struct round_carry c;
	ok(round__carry(&c, "fr", plan, strlen(plan), 1) == 0, "a decided plan carried");
	is_str(c.plan.ptr, HEAD
		"| A1 | Ouvrir un agenda | Awa | 2027-01-15 | à faire | Nextcloud | | 2.5 | | | |\n"
		"| A2 | Former l'équipe | | | à faire | | | | à ajuster (bilan du tour 1) : en deux séances | | |\n"
		"| A7 | Écrire la charte | | | à faire | | | | une note | | |\n"
		"\nTexte après le tableau.\n",
	       "  kept and adjusted return à faire with their numbers, dropped do not; title, prose and after stay");
	is_str(c.lists[ROUND_KEPT].ptr, "A1", "  kept");
	is_str(c.lists[ROUND_ADJUSTED].ptr, "A2", "  adjusted");
	is_str(c.lists[ROUND_DROPPED].ptr, "A3", "  dropped");
	is_str(c.lists[ROUND_BACK].ptr, "A7", "  without decision, to do: returns as it is (--force)");
	ok(c.lists[ROUND_GONE].len == 0, "  nothing gone");
	round__carry_release(&c);
	ok(round__carry(&c, "en", plan, strlen(plan), 1) == 0 &&
	   strstr(c.plan.ptr, "| to adjust (review of round 1): en deux séances |"),
	   "  an English workspace's note in English, whatever the locale");
	struct groupdata_plan p;
	ok(groupdata__plan_load(&p, c.plan.ptr, c.plan.len, "plan.md") == 0 && p.count == 3 &&
	   p.items[0].decision == GRILLE_DECISION_NONE, "  the new plan reads, with no decision");
	groupdata__plan_release(&p);
	round__carry_release(&c);
}

static void undecided(void)
{
	const char *plan = "# Plan d'action\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\r\n"
	                   "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\r\n"
	                   "| A1 | Fini | | | fait | | | | |\r\n"
	                   "| A2 | Laissé | | | abandonnée | | | | |\r\n"
	                   "| A3 | En cours | | | en cours | | | | |\r\n";
	struct round_carry c;
	ok(round__carry(&c, "fr", plan, strlen(plan), 2) == 0, "an older plan, nothing decided (--force)");
	is_str(c.lists[ROUND_GONE].ptr, "A1, A2", "  done and abandoned do not return");
	is_str(c.lists[ROUND_BACK].ptr, "A3", "  the one in progress does");
	contains(c.plan.ptr, "| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\r\n"
	                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\r\n"
	                     "| A3 | En cours | | | en cours | | | | |\r\n", "  as it was, nine columns, CRLF kept");
	ok(!strstr(c.plan.ptr, "Fini"), "  A1 gone");
	round__carry_release(&c);

	const char *empty = "# Plan d'action\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\n"
	                    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n";
	ok(round__carry(&c, "fr", empty, strlen(empty), 1) == 0 && !strcmp(c.plan.ptr, empty), "an empty plan stays as it is");
	round__carry_release(&c);

	const char *bad = "# Plan d'action\n\n| N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note |\n"
	                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| A1 | x | | | peut-être | | | | |\n";
	ok(round__carry(&c, "fr", bad, strlen(bad), 1) == GRILLE_EINVALID, "a plan with a row that cannot be read is refused");
	round__carry_release(&c);
}

static void calendar(void)
{
	const char *cal = "# Calendrier\n\nNos dates.\n\n| Date | Quoi | Titre | Fait |\n| --- | --- | --- | --- |\n"
	                  "| 2027-01-04 | début du test | | |\n| 2027-02-05 | fin du test | | |\n\nFin.\n";
	grille_buf out = GRILLE_BUF_INIT;
	ok(groupdata__rewrite(&out, cal, strlen(cal), "calendrier.md", GROUPDATA_CALENDAR, NULL, 0) == 0, "a calendar emptied");
	is_str(out.ptr, "# Calendrier\n\nNos dates.\n\n| Date | Quoi | Titre | Fait |\n| --- | --- | --- | --- |\n\nFin.\n",
	       "  its rows gone, the rest kept");
	grille_buf_release(&out);
}

int main(void)
{
	decided();
	undecided();
	calendar();
	return tap_done();
}
