#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "errors.h"
#include "grille/error.h"
#include "grille/grid.h"
#include "grille/text.h"
#include "hash.h"
#include "ics.h"
#include "intl.h"
#include "utf8.h"

/* RFC 5545, 3.1: lines of at most 75 octets, the line break excluded. */
#define FOLD_AT 75
/* How much of a key shows in a UID: the hash tells keys apart anyway. */
#define KEY_SHOWN 64

static const char *const kind_word[] = { "test", "review", "action", "defer" };
static const char *const kind_label[] = {
	N_("la phase de test"), N_("le bilan"), N_("l'échéance de l'action"), N_("la question à explorer plus tard"),
};

static int known_kind(enum ics__kind kind)
{
	return (unsigned)kind < sizeof(kind_word) / sizeof(*kind_word);
}

/* The next day of a valid "YYYY-MM-DD", written YYYYMMDD: the day after in
 * the same month, else the first of the next month, else of the next year;
 * grille_date_valid() knows month lengths and leap years. 0, or -1 past
 * 9999-12-31. */
static int next_day(char out[9], const char *date)
{
	int y = 0, m = 0, d = 0;
	char iso[40]; /* room for any int, as the compiler counts */
	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, m, d + 1);
	if (!grille_date_valid(iso))
		snprintf(iso, sizeof(iso), "%04d-%02d-01", y, m + 1);
	if (!grille_date_valid(iso))
		snprintf(iso, sizeof(iso), "%04d-01-01", y + 1);
	if (!grille_date_valid(iso))
		return -1;
	snprintf(out, 9, "%.4s%.2s%.2s", iso, iso + 5, iso + 8);
	return 0;
}

/* "YYYYMMDDTHHMMSSZ", a real date and time (a leap second allowed). */
static int stamp_valid(const char *s)
{
	if (!s || strlen(s) != 16 || s[8] != 'T' || s[15] != 'Z')
		return 0;
	for (int i = 0; i < 15; i++)
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return 0;
	char iso[11];
	snprintf(iso, sizeof(iso), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	int h = (s[9] - '0') * 10 + s[10] - '0', m = (s[11] - '0') * 10 + s[12] - '0';
	int sec = (s[13] - '0') * 10 + s[14] - '0';
	return grille_date_valid(iso) && h < 24 && m < 60 && sec <= 60;
}

static int check_event(const struct ics__event *e)
{
	if (!known_kind(e->kind))
		return error__set(GRILLE_EARGUMENT, _("calendrier : type d'événement inconnu (%d)"), (int)e->kind);
	const char *what = _(kind_label[e->kind]);
	if (!e->key || !*e->key)
		return error__set(GRILLE_EARGUMENT, _("calendrier : %s n'a pas de clé"), what);
	const char *start = e->start ? e->start : "";
	const char *end = e->end ? e->end : start;
	char next[9];
	const char *bad = !grille_date_valid(start) ? start : !grille_date_valid(end) ? end : NULL;
	if (bad || next_day(next, end) < 0)
		return error__set(GRILLE_EARGUMENT,
		                  _("calendrier : %s « %.64s » : la date « %.32s » n'est pas valide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"),
		                  what, e->key, bad ? bad : end);
	if (strcmp(end, start) < 0)
		return error__set(GRILLE_EARGUMENT, _("calendrier : %s « %.64s » finit le %s, avant de commencer le %s"),
		                  what, e->key, end, start);
	return 0;
}

static int check(const struct ics__calendar *cal)
{
	if (!stamp_valid(cal->stamp))
		return error__set(GRILLE_EARGUMENT,
		                  _("calendrier : l'horodatage « %.32s » n'est pas valide : AAAAMMJJTHHMMSSZ attendu (par exemple 20270315T120000Z)"),
		                  cal->stamp ? cal->stamp : "");
	for (size_t i = 0; i < cal->count; i++) {
		int error = check_event(&cal->events[i]);
		if (error)
			return error;
	}
	return 0;
}

/* Append the content line in `line` to `out`, folded, with its CRLF. The
 * line is valid UTF-8: a fold goes before a character that would not fit. */
static void put_folded(grille_buf *out, const grille_buf *line)
{
	size_t width = 0; /* octets on the current physical line */
	for (size_t i = 0; i < line->len;) {
		int32_t cp;
		size_t n = utf8__decode(line->ptr + i, line->len - i, &cp);
		if (width + n > FOLD_AT) {
			grille_buf_put(out, "\r\n ", 3);
			width = 1;
		}
		grille_buf_put(out, line->ptr + i, n);
		width += n;
		i += n;
	}
	grille_buf_put(out, "\r\n", 2);
}

/* Append `text` as a TEXT value: cleaned, then escaped. */
static void put_text(grille_buf *line, const char *text)
{
	grille_buf clean = GRILLE_BUF_INIT;
	grille_text_clean(&clean, text, strlen(text), GRILLE_TEXT_MARKUP);
	for (size_t i = 0; i < clean.len; i++) {
		char c = clean.ptr[i];
		if (c == '\\' || c == ';' || c == ',') {
			char esc[2] = { '\\', c };
			grille_buf_put(line, esc, 2);
		} else if (c == '\r' || c == '\n') {
			grille_buf_put(line, "\\n", 2);
			if (c == '\r' && i + 1 < clean.len && clean.ptr[i + 1] == '\n')
				i++;
		} else {
			grille_buf_put(line, &c, 1);
		}
	}
	grille_buf_oom_from(line, &clean);
	grille_buf_release(&clean);
}

/* UID:<kind>-<key, safe bytes only>-<hash>@grille */
static void put_uid(grille_buf *line, const char *identity, const struct ics__event *e)
{
	const char *word = kind_word[e->kind];
	uint64_t h = hash__fnv1a(HASH__FNV1A_INIT, identity, strlen(identity) + 1);
	h = hash__fnv1a(h, word, strlen(word) + 1);
	h = hash__fnv1a(h, e->key, strlen(e->key));
	grille_buf_printf(line, "UID:%s-", word);
	for (size_t i = 0; e->key[i] && i < KEY_SHOWN; i++) {
		char c = e->key[i];
		int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		           c == '.' || c == '-' || c == '_';
		grille_buf_put(line, safe ? &c : "_", 1);
	}
	grille_buf_printf(line, "-%016" PRIx64 "@grille", h);
}

static void put_date(grille_buf *line, const char *name, const char *iso)
{
	grille_buf_printf(line, "%s;VALUE=DATE:%.4s%.2s%.2s", name, iso, iso + 5, iso + 8);
}

/* One property: `line` is filled by the caller, then folded into `out`. */
static void emit(grille_buf *out, grille_buf *line)
{
	put_folded(out, line);
	grille_buf_oom_from(out, line);
	grille_buf_clear(line);
}

static void put_event(grille_buf *out, grille_buf *line, const struct ics__calendar *cal,
                      const struct ics__event *e)
{
	char next[9];
	next_day(next, e->end ? e->end : e->start);
	grille_buf_puts(out, "BEGIN:VEVENT\r\n");
	put_uid(line, cal->identity ? cal->identity : "", e);
	emit(out, line);
	grille_buf_printf(line, "DTSTAMP:%s", cal->stamp);
	emit(out, line);
	put_date(line, "DTSTART", e->start);
	emit(out, line);
	grille_buf_printf(line, "DTEND;VALUE=DATE:%s", next);
	emit(out, line);
	grille_buf_puts(line, "SUMMARY:");
	put_text(line, e->summary ? e->summary : "");
	emit(out, line);
	if (e->description && *e->description) {
		grille_buf_puts(line, "DESCRIPTION:");
		put_text(line, e->description);
		emit(out, line);
	}
	grille_buf_puts(out, "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
}

int ics__write(grille_buf *out, const struct ics__calendar *cal)
{
	if (grille_buf_oom(out))
		return error__oom();
	int error = check(cal);
	if (error)
		return error;
	grille_buf line = GRILLE_BUF_INIT;
	grille_buf_puts(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
	grille_buf_puts(&line, "PRODID:-//grille//grille " GRILLE_VERSION "//FR");
	emit(out, &line);
	grille_buf_puts(out, "CALSCALE:GREGORIAN\r\n");
	for (size_t i = 0; i < cal->count; i++)
		put_event(out, &line, cal, &cal->events[i]);
	grille_buf_puts(out, "END:VCALENDAR\r\n");
	grille_buf_release(&line);
	return grille_buf_oom(out) ? error__oom() : 0;
}
