/* The iCalendar writer (lib/ics.h): exact output, TEXT escaping, folding at
 * 75 octets, all-day DTEND, stable UIDs, refusals. `test_ics --write FILE`
 * writes the sample calendar for tests/check/ics-check.py, which reads it
 * with a real iCalendar parser. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "grille/grille.h"
#include "ics.h"
#include "tap.h"

#define STAMP "20270101T080000Z"

static const struct ics__event sample_events[] = {
	{ ICS__TEST, "test", "2027-03-01", "2027-03-31", "Phase de test", "Un mois, puis le bilan.\nVoir 4.4." },
	{ ICS__REVIEW, "2027-04-15", "2027-04-15", NULL, "Bilan : à mi-parcours, enfin", NULL },
	{ ICS__ACTION, "A3", "2027-02-28", NULL, "A3 ; former l'équipe", "" },
	{ ICS__DEFER, "3.2.b", "2027-12-31", NULL, "Question 3.2.b à explorer", "Avec la personne référente RGPD" },
};

static const struct ics__calendar sample = {
	"grille-default\nProjet école", STAMP, sample_events, sizeof(sample_events) / sizeof(*sample_events),
};

/* Write one calendar; NULL when refused (the error is then grille_error_last()). */
static char *render(const struct ics__calendar *cal, int *error)
{
	grille_buf out = GRILLE_BUF_INIT;
	*error = ics__write(&out, cal);
	char *text = grille_buf_detach(&out);
	if (*error) {
		free(text);
		return NULL;
	}
	return text;
}

static char *one(const struct ics__event *e, int *error)
{
	struct ics__calendar cal = { "ws", STAMP, e, 1 };
	return render(&cal, error);
}

/* The first line of `text` starting with `name`, unfolded, without CRLF. */
static char *property(const char *text, const char *name)
{
	static char got[4096];
	got[0] = '\0';
	const char *at = text ? strstr(text, name) : NULL;
	size_t n = 0;
	while (at && *at && n + 1 < sizeof(got)) {
		if (at[0] == '\r' && at[1] == '\n') {
			if (at[2] != ' ')
				break;
			at += 3;
			continue;
		}
		got[n++] = *at++;
	}
	got[n] = '\0';
	return got;
}

static void golden(void)
{
	int error;
	char *text = render(&sample, &error);
	is_str(text,
	       "BEGIN:VCALENDAR\r\n"
	       "VERSION:2.0\r\n"
	       "PRODID:-//grille//grille " GRILLE_VERSION "//FR\r\n"
	       "CALSCALE:GREGORIAN\r\n"
	       "BEGIN:VEVENT\r\n"
	       "UID:test-test-bdc68d4f4ffa42ab@grille\r\n"
	       "DTSTAMP:20270101T080000Z\r\n"
	       "DTSTART;VALUE=DATE:20270301\r\n"
	       "DTEND;VALUE=DATE:20270401\r\n"
	       "SUMMARY:Phase de test\r\n"
	       "DESCRIPTION:Un mois\\, puis le bilan.\\nVoir 4.4.\r\n"
	       "TRANSP:TRANSPARENT\r\n"
	       "END:VEVENT\r\n"
	       "BEGIN:VEVENT\r\n"
	       "UID:review-2027-04-15-a1c20df6c368c996@grille\r\n"
	       "DTSTAMP:20270101T080000Z\r\n"
	       "DTSTART;VALUE=DATE:20270415\r\n"
	       "DTEND;VALUE=DATE:20270416\r\n"
	       "SUMMARY:Bilan : à mi-parcours\\, enfin\r\n"
	       "TRANSP:TRANSPARENT\r\n"
	       "END:VEVENT\r\n"
	       "BEGIN:VEVENT\r\n"
	       "UID:action-A3-b4b1bff24082c4f5@grille\r\n"
	       "DTSTAMP:20270101T080000Z\r\n"
	       "DTSTART;VALUE=DATE:20270228\r\n"
	       "DTEND;VALUE=DATE:20270301\r\n"
	       "SUMMARY:A3 \\; former l'équipe\r\n"
	       "TRANSP:TRANSPARENT\r\n"
	       "END:VEVENT\r\n"
	       "BEGIN:VEVENT\r\n"
	       "UID:defer-3.2.b-97ba7fe2c6b1ae66@grille\r\n"
	       "DTSTAMP:20270101T080000Z\r\n"
	       "DTSTART;VALUE=DATE:20271231\r\n"
	       "DTEND;VALUE=DATE:20280101\r\n"
	       "SUMMARY:Question 3.2.b à explorer\r\n"
	       "DESCRIPTION:Avec la personne référente RGPD\r\n"
	       "TRANSP:TRANSPARENT\r\n"
	       "END:VEVENT\r\n"
	       "END:VCALENDAR\r\n",
	       "a small calendar, exactly");
	free(text);
}


static void escaping(void)
{
	int error;
	struct ics__event e = { ICS__ACTION, "A1", "2027-05-01", NULL,
	                        "a\\b;c,d\ne\r\nf\rg\th:i\x01j\xffk", "x,y" };
	char *text = one(&e, &error);
	is_str(property(text, "SUMMARY:"), "SUMMARY:a\\\\b\\;c\\,d\\ne\\nf\\ng\th:i\xef\xbf\xbdj\xef\xbf\xbdk",
	       "backslash, semicolon, comma escaped; LF, CRLF, CR as \\n; tab and colon kept; control and bad byte as U+FFFD");
	is_str(property(text, "DESCRIPTION:"), "DESCRIPTION:x\\,y", "the description is escaped too");
	free(text);
	e.description = NULL;
	text = one(&e, &error);
	ok(text && !strstr(text, "DESCRIPTION"), "no DESCRIPTION without a description");
	free(text);
}

/* Every physical line at most 75 octets, CRLF-terminated, and no fold
 * inside a UTF-8 sequence (a continuation never starts with 10xxxxxx). */
static int lines_fit(const char *text)
{
	for (const char *at = text; *at;) {
		const char *crlf = strstr(at, "\r\n");
		if (!crlf || crlf - at > 75 || memchr(at, '\n', (size_t)(crlf - at)))
			return 0;
		if (crlf[2] == ' ' && ((unsigned char)crlf[3] & 0xc0) == 0x80)
			return 0;
		at = crlf + 2;
	}
	return 1;
}

static void fold_case(const char *pad_char, int pad, const char *tail, const char *want_first, const char *what)
{
	char summary[512] = "";
	for (int i = 0; i < pad; i++)
		strcat(summary, pad_char);
	strcat(summary, tail);
	struct ics__event e = { ICS__ACTION, "A1", "2027-05-01", NULL, summary, NULL };
	int error;
	char *text = one(&e, &error);
	char line[600];
	snprintf(line, sizeof(line), "SUMMARY:%s", summary);
	is_str(property(text, "SUMMARY:"), line, "%s: unfolds to the summary", what);
	ok(text && lines_fit(text), "%s: lines of 75 octets at most, CRLF, no split sequence", what);
	const char *at = text ? strstr(text, "SUMMARY:") : NULL;
	size_t first = at ? strcspn(at, "\r") : 0;
	ok(at && first == strlen(want_first) && memcmp(at, want_first, first) == 0, "%s: first line as expected", what);
	free(text);
}

static void folding(void)
{
	char a66[80] = "SUMMARY:", a67[80] = "SUMMARY:", a65[80] = "SUMMARY:";
	for (int i = 0; i < 67; i++)
		strcat(a67, "a");
	memcpy(a66, a67, 8 + 66);
	a66[8 + 66] = '\0';
	memcpy(a65, a67, 8 + 65);
	a65[8 + 65] = '\0';
	fold_case("a", 67, "", a67, "exactly 75 octets: not folded");
	fold_case("a", 67, "b", a67, "76 octets: folded after 75");
	fold_case("a", 66, "é", a66, "a 2-octet character across octet 75: moved to the next line");
	fold_case("a", 65, "€", a65, "a 3-octet character across octet 75: moved");
	fold_case("a", 66, "😀", a66, "a 4-octet character from octet 75: moved");
	char a65e[100], e33[80] = "SUMMARY:";
	snprintf(a65e, sizeof(a65e), "%sé", a65);
	fold_case("a", 65, "é", a65e, "a 2-octet character ending at octet 75: kept");
	for (int i = 0; i < 33; i++)
		strcat(e33, "é");
	fold_case("é", 150, "", e33, "a long text of 2-octet characters: 74 octets, then folded");
}

static void dtend_case(const char *start, const char *end, const char *want)
{
	struct ics__event e = { ICS__TEST, "test", start, end, "t", NULL };
	int error;
	char *text = one(&e, &error);
	char line[64];
	snprintf(line, sizeof(line), "DTEND;VALUE=DATE:%s", want);
	is_str(property(text, "DTEND"), line, "%s..%s ends (not inclusive) on %s", start, end ? end : start, want);
	free(text);
}

static void dtend(void)
{
	dtend_case("2027-02-28", NULL, "20270301");
	dtend_case("2028-02-28", NULL, "20280229");
	dtend_case("2028-02-29", NULL, "20280301");
	dtend_case("2027-12-31", NULL, "20280101");
	dtend_case("2027-04-30", NULL, "20270501");
	dtend_case("2027-01-31", NULL, "20270201");
	dtend_case("2100-02-28", NULL, "21000301");
	dtend_case("2000-02-28", NULL, "20000229");
	dtend_case("2027-03-01", "2027-06-30", "20270701");
}

static char *uid_of(enum ics__kind kind, const char *key, const char *identity)
{
	static char got[2][256];
	static int which;
	struct ics__event e = { kind, key, "2027-05-01", NULL, "s", NULL };
	struct ics__calendar cal = { identity, STAMP, &e, 1 };
	int error;
	char *text = render(&cal, &error);
	which = !which;
	snprintf(got[which], sizeof(got[which]), "%s", property(text, "UID:"));
	free(text);
	return got[which];
}

static void uids(void)
{
	int error;
	char *a = render(&sample, &error), *b = render(&sample, &error);
	ok(a && b && strcmp(a, b) == 0, "the same input gives the same calendar, UIDs included");
	free(a);
	free(b);
	ok(strcmp(uid_of(ICS__ACTION, "A3", "ws"), uid_of(ICS__ACTION, "A4", "ws")) != 0, "another key, another UID");
	ok(strcmp(uid_of(ICS__ACTION, "A3", "ws"), uid_of(ICS__DEFER, "A3", "ws")) != 0, "another kind, another UID");
	ok(strcmp(uid_of(ICS__ACTION, "A3", "ws"), uid_of(ICS__ACTION, "A3", "other")) != 0,
	   "another workspace, another UID");
	ok(strcmp(uid_of(ICS__ACTION, "A 3", "ws"), uid_of(ICS__ACTION, "A_3", "ws")) != 0,
	   "keys shown alike in the UID still differ");
	const char *u = uid_of(ICS__DEFER, "3.2.b é;,\\:x", "ws");
	ok(strncmp(u, "UID:defer-3.2.b_______x-", 24) == 0 && strlen(u) == 24 + 16 + 7 &&
	   strcmp(u + strlen(u) - 7, "@grille") == 0, "only safe characters in a UID: %s", u);
	ok(strspn(u + 4, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@") == strlen(u + 4),
	   "and nothing else");
	char long_key[300];
	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	u = uid_of(ICS__ACTION, long_key, "ws");
	ok(strlen(u) == 4 + 7 + 64 + 1 + 16 + 7, "a long key shows 64 characters of itself");
}

static void refused(const struct ics__event *e, const char *stamp, const char *want, const char *what)
{
	struct ics__calendar cal = { "ws", stamp, e, e ? 1 : 0 };
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_puts(&out, "before");
	int error = ics__write(&out, &cal);
	ok(error == GRILLE_EARGUMENT, "%s: GRILLE_EARGUMENT", what);
	contains(grille_error_last(), want, "%s: the message names it", what);
	is_str(out.ptr, "before", "%s: nothing written", what);
	grille_buf_release(&out);
}

static void bad_input(void)
{
	struct ics__event e = { ICS__ACTION, "A3", "2027-02-30", NULL, "s", NULL };
	refused(&e, STAMP, "A3", "2027-02-30");
	contains(grille_error_last(), "2027-02-30", "the bad date is quoted");
	contains(grille_error_last(), "action", "and the kind of event");
	e.start = "2027-02-01";
	e.end = "2027-13-01";
	refused(&e, STAMP, "2027-13-01", "a bad end date");
	e.end = "2027-01-31";
	refused(&e, STAMP, "avant de commencer", "an end before the start");
	e.start = "2027-1-01";
	e.end = NULL;
	refused(&e, STAMP, "2027-1-01", "a date not in the ISO form");
	e.start = NULL;
	refused(&e, STAMP, "A3", "no date");
	e.start = "9999-12-31";
	refused(&e, STAMP, "9999-12-31", "a last day with no next day");
	e.start = "2027-02-01";
	e.key = "";
	refused(&e, STAMP, "clé", "an empty key");
	e.key = "A3";
	refused(&e, "20270230T080000Z", "20270230T080000Z", "a stamp on a day that does not exist");
	refused(&e, "20270101T240000Z", "AAAAMMJJTHHMMSSZ", "a stamp at hour 24");
	refused(&e, "2027-01-01T08:00:00Z", "AAAAMMJJTHHMMSSZ", "a stamp in another form");
	refused(&e, NULL, "AAAAMMJJTHHMMSSZ", "no stamp");
}

static void out_of_memory(void)
{
	grille_buf out = GRILLE_BUF_INIT;
	grille_buf_puts(&out, "x");
	ok(grille_buf_grow(&out, SIZE_MAX - 1) == GRILLE_ENOMEM, "a buffer made out of memory");
	ok(ics__write(&out, &sample) == GRILLE_ENOMEM, "the writer says so");
	ok(out.len == 1, "and adds nothing");
	grille_buf_release(&out);
}

int main(int argc, char **argv)
{
	grille_init();
	if (argc == 3 && strcmp(argv[1], "--write") == 0) {
		/* The sample, and a long text to fold, with every character to escape. */
		struct ics__event all[sizeof(sample_events) / sizeof(*sample_events) + 1];
		memcpy(all, sample_events, sizeof(sample_events));
		all[sample.count] = (struct ics__event){ ICS__ACTION, "A12", "2028-02-28", "2028-03-01",
			"Préparer la réunion de bilan avec l'équipe éducative, les parents; et les élèves \\ tous",
			"Première ligne, avec des virgules; des points-virgules\net une barre \\ oblique.\n"
			"Deuxième ligne : 日本語のテキストと絵文字 😀😀😀 pour plier au milieu des caractères." };
		struct ics__calendar cal = sample;
		cal.events = all;
		cal.count++;
		int error;
		char *text = render(&cal, &error);
		FILE *f = text ? fopen(argv[2], "wb") : NULL;
		int bad = !f || fputs(text, f) < 0;
		bad |= f && fclose(f) != 0;
		free(text);
		grille_shutdown();
		return bad;
	}
	golden();
	escaping();
	folding();
	dtend();
	uids();
	bad_input();
	out_of_memory();
	grille_shutdown();
	return tap_done();
}
