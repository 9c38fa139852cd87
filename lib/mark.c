#include <string.h>

#include "grille/grid.h"
#include "mark.h"

/* Marks are written in the workspace's files, the same whatever the locale:
 * their labels are part of the file format. */
static const struct {
	const char *label;
	enum grille_mark_line_kind kind;
} labels[] = {
	{ "Mis de côté", GRILLE_MARK_LINE_SKIP },
	{ "mis de côté", GRILLE_MARK_LINE_SKIP },
	{ "Skipped", GRILLE_MARK_LINE_SKIP },
	{ "À explorer plus tard", GRILLE_MARK_LINE_DEFER },
	{ "à explorer plus tard", GRILLE_MARK_LINE_DEFER },
	{ "A explorer plus tard", GRILLE_MARK_LINE_DEFER },
	{ "Deferred", GRILLE_MARK_LINE_DEFER },
};

/* The length of the white space character at s[i] (space, tab, no-break
 * space U+00A0, thin space U+2009, narrow no-break space U+202F), or 0. */
static size_t space_at(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;
	if (i >= len)
		return 0;
	if (u[i] == ' ' || u[i] == '\t')
		return 1;
	if (u[i] == 0xC2 && i + 1 < len && u[i + 1] == 0xA0)
		return 2;
	if (u[i] == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0x89 || u[i + 2] == 0xAF))
		return 3;
	return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	for (size_t n; (n = space_at(s, len, i)); i += n)
		;
	return i;
}

/* `len` with trailing white space taken off. */
static size_t trim_end(const char *s, size_t start, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	while (len > start) {
		if (u[len - 1] == ' ' || u[len - 1] == '\t')
			len--;
		else if (len - start >= 2 && u[len - 2] == 0xC2 && u[len - 1] == 0xA0)
			len -= 2;
		else if (len - start >= 3 && u[len - 3] == 0xE2 && u[len - 2] == 0x80 &&
		         (u[len - 1] == 0x89 || u[len - 1] == 0xAF))
			len -= 3;
		else
			break;
	}
	return len;
}

/* The length of the reason separator at s[i] (":", "-", "—", "–"), or 0. */
static size_t separator_at(const char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ':' || s[i] == '-'))
		return 1;
	if (i + 3 <= len && (memcmp(s + i, "—", 3) == 0 || memcmp(s + i, "–", 3) == 0))
		return 3;
	return 0;
}

int mark__starts_with_label(const char *text, size_t len)
{
	for (size_t l = 0; l < sizeof(labels) / sizeof(*labels); l++) {
		size_t n = strlen(labels[l].label);
		if (len >= n && memcmp(text, labels[l].label, n) == 0)
			return 1;
	}
	return 0;
}

int mark__parse_line(const char *line, size_t len, struct grille_mark_line *out)
{
	memset(out, 0, sizeof(*out));
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	len = trim_end(line, 0, len);
	size_t i = 0;
	while (i < 3 && i < len && line[i] == ' ')
		i++;
	if (i < len && line[i] == '>')
		i = skip_spaces(line, len, i + 1);
	if (len - i < 4 || memcmp(line + i, "**", 2) != 0)
		return 0;
	i += 2;
	enum grille_mark_line_kind kind = GRILLE_MARK_LINE_NONE;
	for (size_t l = 0; l < sizeof(labels) / sizeof(*labels) && !kind; l++) {
		size_t n = strlen(labels[l].label);
		if (len - i >= n + 2 && memcmp(line + i, labels[l].label, n) == 0 &&
		    memcmp(line + i + n, "**", 2) == 0 && (i + n + 2 == len || line[i + n + 2] != '*')) {
			kind = labels[l].kind;
			i += n + 2;
		}
	}
	if (!kind)
		return 0;
	struct grille_mark_line mark = { .kind = kind };
	size_t p = skip_spaces(line, len, i);
	if (kind == GRILLE_MARK_LINE_DEFER && p < len && line[p] == '(') {
		const char *close = memchr(line + p + 1, ')', len - p - 1);
		if (!close)
			return 0;
		size_t from = skip_spaces(line, len, p + 1), to = trim_end(line, from, (size_t)(close - line));
		mark.date_at = from;
		mark.date_len = to - from;
		mark.date = mark__parse_date(line + from, to - from, mark.until) ? GRILLE_MARK_DATE_OK
		                                                                         : GRILLE_MARK_DATE_UNREAD;
		p = skip_spaces(line, len, (size_t)(close - line) + 1);
	}
	if (p < len) {
		size_t sep = separator_at(line, len, p);
		if (!sep)
			return 0;
		p += sep;
		if (p < len) {
			if (!space_at(line, len, p))
				return 0;
			p = skip_spaces(line, len, p);
			mark.reason_at = p;
			mark.reason_len = len - p;
		}
	}
	*out = mark;
	return 1;
}

/* Read 1 to `max` digits at s[*i]: their value, or -1 when there are none or too many. */
static int number_at(const char *s, size_t len, size_t *i, int max)
{
	int value = 0, digits = 0;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		if (++digits > max)
			return -1;
		value = value * 10 + (s[*i] - '0');
		(*i)++;
	}
	return digits ? value : -1;
}

/* The month a French name stands for (janvier … décembre, with or without
 * accents, in any case), or 0. */
static int month_named(const char *s, size_t len)
{
	static const char *const names[] = { "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
	                                     "aout", "septembre", "octobre", "novembre", "decembre" };
	char folded[16];
	size_t n = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		char c;
		if (u[i] >= 'A' && u[i] <= 'Z')
			c = (char)(u[i] - 'A' + 'a');
		else if (u[i] >= 'a' && u[i] <= 'z')
			c = (char)u[i];
		else if (u[i] == 0xC3 && i + 1 < len && (u[i + 1] == 0xA9 || u[i + 1] == 0x89)) /* é É */
			c = 'e', i++;
		else if (u[i] == 0xC3 && i + 1 < len && (u[i + 1] == 0xBB || u[i + 1] == 0x9B)) /* û Û */
			c = 'u', i++;
		else
			return 0;
		if (n + 1 >= sizeof(folded))
			return 0;
		folded[n++] = c;
	}
	folded[n] = '\0';
	for (int m = 0; m < 12; m++)
		if (strcmp(folded, names[m]) == 0)
			return m + 1;
	return 0;
}

static int calendar_date(int year, int month, int day)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= (month == 2 && !leap ? 28 : days[month - 1]);
}

static void write_iso(char iso[11], int year, int month, int day)
{
	const int parts[3] = { year, month, day };
	const int widths[3] = { 4, 2, 2 };
	size_t at = 0;
	for (int p = 0; p < 3; p++) {
		if (p)
			iso[at++] = '-';
		for (int w = widths[p] - 1, v = parts[p]; w >= 0; w--, v /= 10)
			iso[at + (size_t)w] = (char)('0' + v % 10);
		at += (size_t)widths[p];
	}
	iso[at] = '\0';
}

int mark__parse_date(const char *text, size_t len, char iso[11])
{
	iso[0] = '\0';
	size_t i = skip_spaces(text, len, 0);
	len = trim_end(text, i, len);
	size_t start = i;
	int first = number_at(text, len, &i, 4);
	int year = -1, month = -1, day = -1;
	if (first < 0)
		return 0;
	if (i - start == 4 && i < len && text[i] == '-') { /* 2027-01-15 */
		year = first;
		i++;
		month = number_at(text, len, &i, 2);
		if (i >= len || text[i] != '-')
			return 0;
		i++;
		day = number_at(text, len, &i, 2);
	} else if (i - start <= 2 && i < len && strchr("/-.", text[i]) && text[i]) { /* 15/01/2027 */
		char sep = text[i++];
		day = first;
		month = number_at(text, len, &i, 2);
		if (i >= len || text[i] != sep)
			return 0;
		i++;
		size_t at = i;
		year = number_at(text, len, &i, 4);
		if (i - at != 4)
			return 0;
	} else if (i - start <= 2) { /* 15 janvier 2027, 1er janvier 2027 */
		day = first;
		if (i + 2 <= len && (text[i] == 'e' || text[i] == 'E') && (text[i + 1] == 'r' || text[i + 1] == 'R')) {
			if (day != 1)
				return 0;
			i += 2;
		}
		size_t word = skip_spaces(text, len, i);
		if (word == i)
			return 0;
		size_t end = word;
		while (end < len && !space_at(text, len, end))
			end++;
		month = month_named(text + word, end - word);
		i = skip_spaces(text, len, end);
		if (i == end)
			return 0;
		size_t at = i;
		year = number_at(text, len, &i, 4);
		if (i - at != 4)
			return 0;
	} else {
		return 0;
	}
	if (i != len || !calendar_date(year, month, day))
		return 0;
	write_iso(iso, year, month, day);
	return 1;
}

int grille_date_valid(const char *text)
{
	/* The ISO form alone: a date read as mark__parse_date() reads it and
	 * written back as it was, so that both check the calendar alike. */
	char iso[11];
	return strlen(text) == 10 && mark__parse_date(text, 10, iso) && memcmp(iso, text, 10) == 0;
}
