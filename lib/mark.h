#ifndef GRILLE_MARK_H
#define GRILLE_MARK_H

#include <stddef.h>

/*
 * Skip and defer marks, as written in a step file (see grille-workspace(5)):
 *
 *     **Mis de côté**
 *     **Mis de côté** : hors sujet pour cette année
 *     **À explorer plus tard** (2027-03-01) : avec la personne référente RGPD
 *
 * A mark is only a line of exactly this form: a label alone between double
 * asterisks, then for a deferral an optional date between parentheses, then
 * an optional reason after a separator (« : », « - », « — » or « – »).
 * Anything else — a label followed by other words, a label inside a
 * sentence, other punctuation — is the group's prose, never a mark.
 *
 * These functions are pure: no allocation, no global state, no I/O; they
 * read exactly `len` bytes (NUL bytes included, no terminator needed) and
 * take time linear in `len`. They are meant to be called as they are by a
 * fuzzer.
 */

enum grille_mark_line_kind {
	GRILLE_MARK_LINE_NONE,  /* not a mark */
	GRILLE_MARK_LINE_SKIP,  /* Mis de côté, mis de côté, Skipped */
	GRILLE_MARK_LINE_DEFER, /* À explorer plus tard, à …, A explorer plus tard, Deferred */
};

enum grille_mark_date {
	GRILLE_MARK_DATE_NONE,   /* no parentheses after the label */
	GRILLE_MARK_DATE_OK,     /* read: `until` holds it as YYYY-MM-DD */
	GRILLE_MARK_DATE_UNREAD, /* parentheses whose content is not a date grille can read */
};

struct grille_mark_line {
	enum grille_mark_line_kind kind;
	enum grille_mark_date date;
	char until[11];           /* "YYYY-MM-DD" and NUL when date is OK, else "" */
	size_t date_at, date_len; /* the text between the parentheses, as written (trimmed) */
	size_t reason_at, reason_len; /* the reason (trimmed); reason_len 0 when none */
};

/*
 * Parse one line of text (its line ending, "\n" or "\r\n", may be included).
 * The line may start with up to three spaces and a quote marker ("> ").
 * Returns 1 and fills `out` when the line is a mark, 0 otherwise (then `out`
 * holds GRILLE_MARK_LINE_NONE). Offsets in `out` are from `line`. White space
 * around the parts may be spaces, tabs, no-break and thin spaces.
 */
int mark__parse_line(const char *line, size_t len, struct grille_mark_line *out);

/* Whether `text` (the bold text a mark line opens with) starts with a mark's
 * label: without that, no line that opens with it is a mark. */
int mark__starts_with_label(const char *text, size_t len);

/*
 * Read a date written by hand: ISO (2027-01-15), or the common French forms
 * 15/01/2027, 15-01-2027, 15.01.2027 (day and month on one or two digits),
 * « 15 janvier 2027 », « 1er janvier 2027 » (month names with or without
 * accents, in any case). Surrounding white space is ignored. Returns 1 and
 * writes "YYYY-MM-DD" and a NUL into `iso` when `text` is a real calendar date
 * (leap years counted, years 1000 to 9999), 0 otherwise (`iso` then "").
 */
int mark__parse_date(const char *text, size_t len, char iso[11]);

#endif
