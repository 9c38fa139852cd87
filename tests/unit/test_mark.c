/* The mark and date parser (lib/mark.c): what is a mark, what is prose, and
 * which hand-written dates are read. */
#include <stdlib.h>
#include <string.h>

#include "mark.h"
#include "tap.h"

/* A line that is a mark of `kind`, with `until` ("" for none, "?" for a
 * date that cannot be read) and `reason` ("" for none). */
static void mark(const char *line, enum grille_mark_line_kind kind, const char *until, const char *reason)
{
	struct grille_mark_line m;
	int is = mark__parse_line(line, strlen(line), &m);
	ok(is && m.kind == kind, "a mark: %s", line);
	if (!is)
		return;
	char got_reason[256] = "";
	memcpy(got_reason, line + m.reason_at, m.reason_len < 255 ? m.reason_len : 255);
	is_str(got_reason, reason, "  its reason");
	if (strcmp(until, "?") == 0)
		ok(m.date == GRILLE_MARK_DATE_UNREAD && m.until[0] == '\0', "  a date that cannot be read");
	else if (*until)
		ok(m.date == GRILLE_MARK_DATE_OK && strcmp(m.until, until) == 0, "  until %s (got %s)", until, m.until);
	else
		ok(m.date == GRILLE_MARK_DATE_NONE, "  no date");
}

static void prose(const char *line)
{
	struct grille_mark_line m;
	ok(!mark__parse_line(line, strlen(line), &m) && m.kind == GRILLE_MARK_LINE_NONE, "prose: %s", line);
}

static void date(const char *text, const char *want)
{
	char iso[11] = "garbage";
	int read = mark__parse_date(text, strlen(text), iso);
	if (want)
		ok(read && strcmp(iso, want) == 0, "date « %s » is %s (got %s)", text, want, iso);
	else
		ok(!read && iso[0] == '\0', "« %s » is not a date", text);
}

/* The scan reads a bold text's line as a mark only when the bold text opens with a label. */
static void check_label_start(void)
{
	static const char *const yes[] = { "Mis de côté", "mis de côté", "Skipped", "À explorer plus tard",
	                                   "à explorer plus tard", "A explorer plus tard", "Deferred", "Deferred** (x)" };
	static const char *const no[] = { "", "Mis de cô", "Usage usage compte-rendu", "Skip", " Skipped", "deferred" };
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		ok(mark__starts_with_label(yes[i], strlen(yes[i])), "\"%s\" opens with a label", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		ok(!mark__starts_with_label(no[i], strlen(no[i])), "\"%s\" does not", no[i]);
	/* Every line mark__parse_line() takes opens with a label after its "**". */
	struct grille_mark_line parsed;
	const char *line = "**À explorer plus tard** (2027-01-15) : plus tard";
	ok(mark__parse_line(line, strlen(line), &parsed) && mark__starts_with_label(line + 2, strlen(line) - 2),
	   "a mark line's bold text opens with its label");
}

int main(void)
{
	check_label_start();
	/* Every form grille writes, and the documented hand-written ones. */
	mark("**Mis de côté**", GRILLE_MARK_LINE_SKIP, "", "");
	mark("**Mis de côté**\n", GRILLE_MARK_LINE_SKIP, "", "");
	mark("**Mis de côté**\r\n", GRILLE_MARK_LINE_SKIP, "", "");
	mark("**Mis de côté** : hors sujet pour cette année", GRILLE_MARK_LINE_SKIP, "", "hors sujet pour cette année");
	mark("**Mis de côté**: sans espace avant", GRILLE_MARK_LINE_SKIP, "", "sans espace avant");
	mark("**Mis de côté**\xc2\xa0: espace insécable", GRILLE_MARK_LINE_SKIP, "", "espace insécable");
	mark("**Mis de côté** :", GRILLE_MARK_LINE_SKIP, "", "");
	mark("**mis de côté** - raison", GRILLE_MARK_LINE_SKIP, "", "raison");
	mark("**Skipped** — not for us", GRILLE_MARK_LINE_SKIP, "", "not for us");
	mark("> **Mis de côté** — pas pour nous", GRILLE_MARK_LINE_SKIP, "", "pas pour nous");
	mark("   **Mis de côté**  ", GRILLE_MARK_LINE_SKIP, "", "");
	mark("**À explorer plus tard**", GRILLE_MARK_LINE_DEFER, "", "");
	mark("**À explorer plus tard** (2027-03-01)", GRILLE_MARK_LINE_DEFER, "2027-03-01", "");
	mark("**À explorer plus tard** (2027-03-01) : avec la personne référente RGPD", GRILLE_MARK_LINE_DEFER,
	     "2027-03-01", "avec la personne référente RGPD");
	mark("**À explorer plus tard** : avec la personne référente RGPD", GRILLE_MARK_LINE_DEFER, "",
	     "avec la personne référente RGPD");
	mark("**À explorer plus tard** (15/01/2027)", GRILLE_MARK_LINE_DEFER, "2027-01-15", "");
	mark("**à explorer plus tard** ( 15 janvier 2027 ) – avec le CA", GRILLE_MARK_LINE_DEFER, "2027-01-15", "avec le CA");
	mark("**A explorer plus tard** (1er Février 2028)", GRILLE_MARK_LINE_DEFER, "2028-02-01", "");
	mark("**Deferred** (2027-06-30)", GRILLE_MARK_LINE_DEFER, "2027-06-30", "");
	mark("> **À explorer plus tard**", GRILLE_MARK_LINE_DEFER, "", "");
	mark("**À explorer plus tard** (31/02/2027)", GRILLE_MARK_LINE_DEFER, "?", "");
	mark("**À explorer plus tard** (bientôt) : à voir", GRILLE_MARK_LINE_DEFER, "?", "à voir");
	mark("**À explorer plus tard** ()", GRILLE_MARK_LINE_DEFER, "?", "");
	mark("**À explorer plus tard**(2027-03-01)", GRILLE_MARK_LINE_DEFER, "2027-03-01", "");

	/* The group's prose: a label followed by other words, inside a sentence,
	 * with other punctuation, or not exactly the label. */
	prose("**Mis de côté** par le bureau en 2023, le projet a repris.");
	prose("**Mis de côté**, puis repris en 2024.");
	prose("**Mis de côté**. Le projet a repris.");
	prose("**Mis de côté** ; à revoir");
	prose("**Mis de côté** ! Et pourtant.");
	prose("**Mis de côté**... puis repris");
	prose("**Mis de côté** -raison collée");
	prose("**Mis de côté** (2027-01-01)");
	prose("**Mis de côté :** raison");
	prose("**Mis de côté***");
	prose("**Mis  de côté**");
	prose("**MIS DE CÔTÉ**");
	prose("**Mis de côté");
	prose("Mis de côté");
	prose("Le projet a été **Mis de côté** en 2023.");
	prose("*Mis de côté*");
	prose("**Important** : le départ de la coordinatrice.");
	prose("**À explorer plus tard** (2027-03-01) mais on verra");
	prose("**À explorer plus tard** (2027-03-01");
	prose("**À explorer plus tard** avec Paul");
	prose("**À explorer plus tard**2027");
	prose("    **Mis de côté**");
	prose(">> **Mis de côté** x");
	prose("");
	prose("**");
	prose("****");
	{
		struct grille_mark_line m;
		const char nul[] = "**Mis de côté**\0 : raison";
		ok(!mark__parse_line(nul, sizeof(nul) - 1, &m), "prose: a NUL byte after the label");
		ok(mark__parse_line(nul, strlen(nul), &m), "  read exactly len bytes");
	}

	/* Dates: ISO and the common French forms. */
	date("2027-01-15", "2027-01-15");
	date("2027-1-5", "2027-01-05");
	date("15/01/2027", "2027-01-15");
	date("15-01-2027", "2027-01-15");
	date("15.01.2027", "2027-01-15");
	date("5/1/2027", "2027-01-05");
	date(" 15/01/2027\xc2\xa0", "2027-01-15");
	date("15 janvier 2027", "2027-01-15");
	date("15 Janvier 2027", "2027-01-15");
	date("15 JANVIER 2027", "2027-01-15");
	date("1er janvier 2027", "2027-01-01");
	date("1ER JANVIER 2027", "2027-01-01");
	date("1 janvier 2027", "2027-01-01");
	date("3 février 2027", "2027-02-03");
	date("3 fevrier 2027", "2027-02-03");
	date("3 FÉVRIER 2027", "2027-02-03");
	date("15 août 2027", "2027-08-15");
	date("15 aout 2027", "2027-08-15");
	date("15 AOÛT 2027", "2027-08-15");
	date("25 décembre 2027", "2027-12-25");
	date("25 Decembre 2027", "2027-12-25");
	date("29/02/2028", "2028-02-29");
	date("29 février 2000", "2000-02-29");
	date("31 mars 2027", "2027-03-31");
	date("1\xc2\xa0mai\xc2\xa0" "2027", "2027-05-01");
	/* Not dates. */
	date("31/02/2027", NULL);
	date("29/02/2027", NULL);
	date("29 février 1900", NULL);
	date("31/04/2027", NULL);
	date("00/01/2027", NULL);
	date("15/13/2027", NULL);
	date("2027-13-01", NULL);
	date("2027-02-30", NULL);
	date("15/01/27", NULL);
	date("15/01-2027", NULL);
	date("15/01/20271", NULL);
	date("2er janvier 2027", NULL);
	date("15 janvie 2027", NULL);
	date("15 janvier", NULL);
	date("janvier 2027", NULL);
	date("15janvier 2027", NULL);
	date("15 janvier 2027 ou après", NULL);
	date("bientôt", NULL);
	date("", NULL);
	date("0999-01-01", NULL);
	date("99999999999999999999/01/2027", NULL);
	date("2027-01-15T10:00", NULL);
	date("15 septembreseptembreseptembre 2027", NULL);
	return tap_done();
}
