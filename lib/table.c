/* GFM pipe tables in the group's data files: read them, change one row. */
#include "table.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "errors.h"
#include "grille/error.h"
#include "grille/text.h"
#include "intl.h"
#include "utf8.h"

static void free_cells(char **cells, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(cells[i]);
	free(cells);
}

void table__release(struct table *t)
{
	for (size_t i = 0; i < t->row_count; i++)
		free_cells(t->rows[i].cells, t->cell_count);
	free(t->rows);
	for (size_t i = 0; i < t->problem_count; i++)
		free(t->problems[i]);
	free(t->problems);
	memset(t, 0, sizeof(*t));
}

int table__problem(struct table *t, const char *name, size_t line, const char *fmt, ...)
{
	grille_buf b = GRILLE_BUF_INIT;
	va_list ap;
	if (line)
		grille_buf_printf(&b, "%s:%zu: ", name, line);
	else
		grille_buf_printf(&b, "%s: ", name);
	va_start(ap, fmt);
	grille_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *text = grille_buf_detach(&b);
	char **grown = text ? array__push(t->problems, t->problem_count, sizeof(*grown)) : NULL;
	if (!grown) {
		free(text);
		return error__oom();
	}
	t->problems = grown;
	t->problems[t->problem_count++] = text;
	return 0;
}

int table__problems_error(const struct table *t)
{
	if (!t->problem_count)
		return 0;
	if (t->problem_count == 1)
		return error__set(GRILLE_EINVALID, "%s", t->problems[0]);
	return error__set(GRILLE_EINVALID, _("%s (et %zu autres problèmes)"), t->problems[0],
	                  t->problem_count - 1);
}

/* What is wrong with a line's text: NULL when it is UTF-8 without control characters. */
static const char *line_problem(const char *s, size_t len, int32_t *bad)
{
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += utf8__decode(s + i, len - i, &cp);
		*bad = cp;
		if (cp < 0)
			return _("le texte n'est pas en UTF-8 valide : enregistrez le fichier en UTF-8");
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
			return _("caractère de contrôle invisible (U+%04X) : effacez-le");
	}
	return NULL;
}

static int is_conflict_marker(const char *s, size_t len)
{
	static const char *const markers[] = { "<<<<<<<", "=======", ">>>>>>>" };
	for (size_t i = 0; i < 3; i++)
		if (len >= 7 && memcmp(s, markers[i], 7) == 0 && (len == 7 || s[7] == ' ' || markers[i][0] == '='))
			return 1;
	return 0;
}

/* Where a table line's first `|` is, or NULL when the line is not one (up to three spaces before it). */
static const char *pipe_start(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	return i < len && s[i] == '|' ? s + i : NULL;
}

static int push_cell(char ***cells, size_t *count, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char *cell = malloc(len + 1);
	char **grown = cell ? array__push(*cells, *count, sizeof(*grown)) : NULL;
	if (!grown) {
		free(cell);
		return error__oom();
	}
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '|')
			i++;
		cell[n++] = s[i];
	}
	cell[n] = '\0';
	*cells = grown;
	(*cells)[(*count)++] = cell;
	return 0;
}

/* The cells of the table line [s, e), which starts with `|`. */
static int split_cells(char ***cells, size_t *count, const char *s, const char *e)
{
	const char *p = s + 1, *cell = p;
	*cells = NULL;
	*count = 0;
	for (; p < e; p++) {
		if (*p == '\\' && p + 1 < e && p[1] == '|') {
			p++;
			continue;
		}
		if (*p != '|')
			continue;
		if (push_cell(cells, count, cell, (size_t)(p - cell)) < 0)
			return GRILLE_ENOMEM;
		cell = p + 1;
	}
	const char *q = cell;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	if (q < e)
		return push_cell(cells, count, cell, (size_t)(e - cell));
	return 0;
}

static int is_delimiter(char **cells, size_t count, size_t columns)
{
	if (count != columns)
		return 0;
	for (size_t i = 0; i < count; i++) {
		const char *c = cells[i];
		c += *c == ':';
		if (*c != '-')
			return 0;
		while (*c == '-')
			c++;
		c += *c == ':';
		if (*c)
			return 0;
	}
	return 1;
}

static int is_header(char **cells, size_t count, const char *const *header, size_t columns)
{
	if (count != columns)
		return 0;
	for (size_t i = 0; i < count; i++)
		if (strcmp(cells[i], header[i]) != 0)
			return 0;
	return 1;
}

static char *header_text(const char *const *header, size_t columns)
{
	grille_buf b = GRILLE_BUF_INIT;
	grille_buf_puts(&b, "|");
	for (size_t i = 0; i < columns; i++)
		grille_buf_printf(&b, " %s |", header[i]);
	return grille_buf_detach(&b);
}

enum state { BEFORE, DELIMITER, ROWS, AFTER };

struct parse {
	struct table *t;
	const char *name;
	const char *const *header;
	const char *const *other;  /* the header in the other language, or NULL */
	const char *header_text;
	enum state state;
	size_t required; /* the fewest columns a header or a row may have */
};

/* A row's cells padded with empty ones up to the table's cell count. */
static int pad_cells(char ***cells, size_t *count, size_t want)
{
	while (*count < want) {
		int error = push_cell(cells, count, "", 0);
		if (error < 0)
			return error;
	}
	return 0;
}

/* One line of the file, [s, e), which starts with a `|` at `pipe`. */
static int table_line(struct parse *p, size_t line, const char *pipe, const char *e, struct table_row *row)
{
	struct table *t = p->t;
	char **cells;
	size_t count;
	int error = split_cells(&cells, &count, pipe, e);
	if (error < 0)
		goto out;
	if (p->state == BEFORE) {
		/* The language the line's first cells are written in. */
		const char *const *header = p->other && count <= t->cell_count && is_header(cells, count, p->other, count)
		                            ? p->other : p->header;
		if (count >= p->required && count < t->column_count && is_header(cells, count, header, count))
			t->column_count = count; /* a file written before the last columns came */
		if (is_header(cells, count, header, t->column_count)) {
			t->other = header != p->header;
			p->state = DELIMITER;
			t->header_line = line;
			t->header_start = row->start;
			t->header_end = row->text_end;
			t->end = row->end;
		} else {
			p->state = AFTER;
			error = table__problem(t, p->name, line, _("en-tête de tableau inattendu : « %s » attendu"),
			                       p->header_text);
		}
	} else if (p->state == DELIMITER) {
		if (is_delimiter(cells, count, t->column_count)) {
			p->state = ROWS;
			t->found = 1;
			t->delimiter_start = row->start;
			t->delimiter_end = row->text_end;
			t->end = row->end;
		} else {
			p->state = AFTER;
			error = table__problem(t, p->name, line,
			                       _("la ligne sous l'en-tête doit séparer les colonnes, « | --- | » pour chacune"));
		}
	} else if (p->state == ROWS && (count > t->column_count || count < (t->column_count < t->cell_count ? t->column_count : p->required))) {
		t->end = row->end;
		error = table__problem(t, p->name, line, _("%zu cellules au lieu de %zu : « %s » attendu"), count,
		                       t->column_count, p->header_text);
	} else if (p->state == ROWS) {
		struct table_row *grown = array__push(t->rows, t->row_count, sizeof(*grown));
		if (!grown) {
			error = error__oom();
			goto out;
		}
		t->rows = grown;
		if ((error = pad_cells(&cells, &count, t->cell_count)) < 0)
			goto out;
		row->cells = cells;
		cells = NULL;
		count = 0;
		t->rows[t->row_count++] = *row;
		t->end = row->end;
	} else {
		error = table__problem(t, p->name, line,
		                       _("ligne de tableau après la fin du tableau : une ligne vide ou du texte coupe le tableau"));
	}
out:
	free_cells(cells, count);
	return error;
}

static int parse_line(struct parse *p, const char *data, struct table_row *row)
{
	const char *s = data + row->start, *e = data + row->text_end;
	int32_t bad = 0;
	const char *problem = line_problem(s, (size_t)(e - s), &bad);
	if (problem)
		return table__problem(p->t, p->name, row->line, problem, (unsigned)bad);
	if (is_conflict_marker(s, (size_t)(e - s)))
		return table__problem(p->t, p->name, row->line,
		                      _("marque de conflit de git : gardez les lignes voulues et effacez les marques"));
	const char *pipe = pipe_start(s, (size_t)(e - s));
	if (pipe)
		return table_line(p, row->line, pipe, e, row);
	if (p->state == DELIMITER) {
		p->state = AFTER;
		return table__problem(p->t, p->name, row->line,
		                      _("la ligne sous l'en-tête doit séparer les colonnes, « | --- | » pour chacune"));
	}
	if (p->state == ROWS)
		p->state = AFTER;
	return 0;
}

static int parse_lines(struct parse *p, const char *data, size_t len)
{
	size_t crlf = 0, lines = 0;
	struct table_row row = { 0 };
	for (size_t pos = 0; pos < len; pos = row.end) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		row.line++;
		row.start = pos;
		row.text_end = nl ? (size_t)(nl - data) : len;
		row.end = nl ? row.text_end + 1 : len;
		if (nl && row.text_end > pos && data[row.text_end - 1] == '\r') {
			row.text_end--;
			crlf++;
		}
		lines += nl != NULL;
		int error = parse_line(p, data, &row);
		if (error < 0)
			return error;
	}
	p->t->crlf = lines && crlf * 2 > lines;
	return 0;
}

int table__parse(struct table *out, const char *data, size_t len, const char *name,
                 const char *const *header, size_t columns)
{
	return table__parse_wide(out, data, len, name, header, columns, columns);
}

int table__parse_wide(struct table *out, const char *data, size_t len, const char *name,
                      const char *const *header, size_t columns, size_t required)
{
	return table__parse_either(out, data, len, name, header, NULL, columns, required);
}

int table__parse_either(struct table *out, const char *data, size_t len, const char *name,
                        const char *const *header, const char *const *other, size_t columns, size_t required)
{
	memset(out, 0, sizeof(*out));
	out->column_count = columns;
	out->cell_count = columns;
	if (len > TABLE_MAX)
		return error__set(GRILLE_EINVALID, _("%s : fichier trop grand (%zu octets, au plus %zu)"), name, len,
		                  TABLE_MAX);
	struct parse p = { out, name, header, other, NULL, BEFORE, required };
	char *text = header_text(header, columns);
	int error = text ? 0 : error__oom();
	p.header_text = text;
	if (!error)
		error = parse_lines(&p, data, len);
	if (!error && p.state == BEFORE)
		error = table__problem(out, name, 0, _("aucun tableau : l'en-tête « %s » est attendu"), text);
	free(text);
	return error ? error : table__problems_error(out);
}

/* Refuse a cell's text that a table row cannot hold. */
static int check_cell(const char *cell, const char *what)
{
	int32_t cp;
	size_t column;
	int problem = grille_text_problem(cell, 0, &cp, &column);
	if (!problem)
		return 0;
	if (!what)
		what = _("une cellule");
	if (problem == 1)
		return error__set(GRILLE_EARGUMENT, _("%s : le texte n'est pas en UTF-8 valide"), what);
	if (cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029)
		return error__set(GRILLE_EARGUMENT, _("%s : le texte doit tenir sur une ligne"), what);
	return error__set(GRILLE_EARGUMENT, _("%s : caractère de contrôle invisible (U+%04X) au caractère %zu"),
	                  what, (unsigned)cp, column);
}

int table__format_row(grille_buf *out, const char *const *cells, size_t count, const char *const *what)
{
	for (size_t i = 0; i < count; i++) {
		int error = check_cell(cells[i], what ? what[i] : NULL);
		if (error < 0)
			return error;
	}
	grille_buf_puts(out, "|");
	for (size_t i = 0; i < count; i++) {
		const char *s = cells[i], *e = s + strlen(s);
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		grille_buf_puts(out, " ");
		for (const char *c = s; c < e; c++) {
			if (*c == '|')
				grille_buf_puts(out, "\\");
			grille_buf_put(out, c, 1);
		}
		grille_buf_puts(out, s == e ? "|" : " |");
	}
	return grille_buf_oom(out) ? error__oom() : 0;
}

int table__rewrite(grille_buf *out, const char *data, size_t len, const struct table *t,
                   const unsigned char *what_of_row, int append, const char *const *cells,
                   const char *const *what)
{
	grille_buf row = GRILLE_BUF_INIT;
	int error = 0;
	grille_buf_clear(out);
	if (!t->found) {
		error = error__set(GRILLE_EINVALID, _("le fichier n'a pas le tableau attendu"));
		goto out;
	}
	if (cells && (error = table__format_row(&row, cells, t->column_count, what)) < 0)
		goto out;
	const char *eol = t->crlf ? "\r\n" : "\n";
	size_t at = 0;
	for (size_t i = 0; what_of_row && i < t->row_count; i++) {
		const struct table_row *r = &t->rows[i];
		if (what_of_row[i] == TABLE_KEEP)
			continue;
		grille_buf_put(out, data + at, r->start - at);
		if (what_of_row[i] == TABLE_REPLACE) {
			grille_buf_put(out, row.ptr, row.len);
			at = r->text_end;
		} else {
			at = r->end;
		}
	}
	if (append) {
		grille_buf_put(out, data + at, t->end - at);
		if (t->end && data[t->end - 1] != '\n')
			grille_buf_puts(out, eol);
		grille_buf_put(out, row.ptr, row.len);
		grille_buf_puts(out, eol);
		at = t->end;
	}
	grille_buf_put(out, data + at, len - at);
	if (grille_buf_oom(out))
		error = error__oom();
out:
	grille_buf_release(&row);
	return error;
}

int table__append(grille_buf *out, const char *data, size_t len, const struct table *t,
                  const char *const *cells, const char *const *what)
{
	return table__rewrite(out, data, len, t, NULL, 1, cells, what);
}

static int one_row(grille_buf *out, const char *data, size_t len, const struct table *t, size_t index,
                   unsigned char op, const char *const *cells, const char *const *what)
{
	if (index >= t->row_count)
		return error__set(GRILLE_EARGUMENT, "table: row %zu of %zu", index, t->row_count);
	unsigned char *ops = calloc(t->row_count, 1);
	if (!ops)
		return error__oom();
	ops[index] = op;
	int error = table__rewrite(out, data, len, t, ops, 0, cells, what);
	free(ops);
	return error;
}

int table__replace(grille_buf *out, const char *data, size_t len, const struct table *t,
                   size_t index, const char *const *cells, const char *const *what)
{
	return one_row(out, data, len, t, index, TABLE_REPLACE, cells, what);
}

int table__remove(grille_buf *out, const char *data, size_t len, const struct table *t, size_t index)
{
	return one_row(out, data, len, t, index, TABLE_DROP, NULL, NULL);
}

int table__fresh(grille_buf *out, const char *title, const char *guidance,
                 const char *const *header, size_t columns)
{
	grille_buf_printf(out, "# %s\n\n%s\n\n|", title, guidance);
	for (size_t i = 0; i < columns; i++)
		grille_buf_printf(out, " %s |", header[i]);
	grille_buf_puts(out, "\n|");
	for (size_t i = 0; i < columns; i++)
		grille_buf_puts(out, " --- |");
	grille_buf_puts(out, "\n");
	return grille_buf_oom(out) ? error__oom() : 0;
}

/* A table line's text [s, e) with `count` more cells: `cells[i]` each, or "---". */
static void widen_line(grille_buf *out, const char *s, const char *e, const char *const *cells, size_t count)
{
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	int closed = e > s + 1 && e[-1] == '|' && e[-2] != '\\';
	grille_buf_put(out, s, (size_t)(e - s));
	for (size_t i = 0; i < count; i++)
		grille_buf_printf(out, closed ? " %s |" : " | %s", cells ? cells[i] : "---");
}

int table__widen(grille_buf *out, const char *data, size_t len, const struct table *t,
                 const char *const *header, size_t columns)
{
	grille_buf_clear(out);
	if (!t->found)
		return error__set(GRILLE_EINVALID, _("le fichier n'a pas le tableau attendu"));
	size_t more = columns > t->column_count ? columns - t->column_count : 0;
	grille_buf_put(out, data, t->header_start);
	widen_line(out, data + t->header_start, data + t->header_end, header + t->column_count, more);
	grille_buf_put(out, data + t->header_end, t->delimiter_start - t->header_end);
	widen_line(out, data + t->delimiter_start, data + t->delimiter_end, NULL, more);
	grille_buf_put(out, data + t->delimiter_end, len - t->delimiter_end);
	return grille_buf_oom(out) ? error__oom() : 0;
}
