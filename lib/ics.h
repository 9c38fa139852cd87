#ifndef GRILLE_ICS_H
#define GRILLE_ICS_H

#include <stddef.h>

#include "grille/buf.h"

/*
 * The group's calendar as an iCalendar file (RFC 5545), for `grille calendar
 * --ics`: what Nextcloud, Thunderbird or any shared calendar imports.
 *
 * The mapping, for each event (all of them all-day events or spans):
 *
 *     BEGIN:VCALENDAR
 *     VERSION:2.0
 *     PRODID:-//grille//grille VERSION//FR
 *     CALSCALE:GREGORIAN
 *     BEGIN:VEVENT
 *     UID:<kind>-<key>-<hash>@grille    kind: test, review, action or defer;
 *                                       key: its bytes [A-Za-z0-9._-] (others
 *                                       become "_", at most 64 kept); hash: 16
 *                                       hex digits of FNV-1a over identity,
 *                                       kind and key, so the UID is the same
 *                                       at every run (a re-import updates the
 *                                       event) and differs for another
 *                                       workspace, kind or key
 *     DTSTAMP:<stamp>                   given by the caller (reproducible)
 *     DTSTART;VALUE=DATE:YYYYMMDD       the first day
 *     DTEND;VALUE=DATE:YYYYMMDD         the day AFTER the last one (DTEND is
 *                                       not inclusive)
 *     SUMMARY:<summary>                 TEXT: "\" ";" "," escaped with a
 *     DESCRIPTION:<description>         backslash, a line break (LF, CRLF or
 *                                       CR) as "\n"; no DESCRIPTION when NULL
 *                                       or empty
 *     TRANSP:TRANSPARENT                a date, not a busy time
 *     END:VEVENT
 *     END:VCALENDAR
 *
 * Texts are first made valid UTF-8 without control characters (but tab) by
 * grille_text_clean(GRILLE_TEXT_MARKUP). Every line ends with CRLF; a line
 * longer than 75 octets is folded (CRLF and one space) between two
 * characters, never inside a UTF-8 sequence.
 */

enum ics__kind {
	ICS__TEST,   /* the test phase */
	ICS__REVIEW, /* a review; key: its date */
	ICS__ACTION, /* an action's deadline; key: its number, "A3" */
	ICS__DEFER,  /* a question explored later; key: its ID, "3.2.b" */
};

struct ics__event {
	enum ics__kind kind;
	const char *key;         /* stable, not empty; unique per kind in a calendar */
	const char *start;       /* "YYYY-MM-DD" */
	const char *end;         /* "YYYY-MM-DD", inclusive, not before start; NULL: start */
	const char *summary;     /* NULL: empty */
	const char *description; /* NULL or "": none */
};

struct ics__calendar {
	const char *identity; /* the workspace's, for the UIDs (grid ID + title, say); NULL: "" */
	const char *stamp;    /* DTSTAMP, "YYYYMMDDTHHMMSSZ" (UTC) */
	const struct ics__event *events;
	size_t count;
};

/* Append the calendar to `out` (caller-owned). Every event and the stamp are
 * checked before anything is written: a date that is not a real
 * "YYYY-MM-DD", an end before the start, an empty key, a bad stamp is
 * GRILLE_EARGUMENT with a French message naming the event, and `out` is left
 * as it was. GRILLE_ENOMEM when `out` is, or becomes, out of memory. */
int ics__write(grille_buf *out, const struct ics__calendar *cal);

#endif
