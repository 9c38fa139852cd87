#ifndef GRILLE_TABLE_H
#define GRILLE_TABLE_H

#include <stddef.h>

#include "grille/buf.h"

/*
 * GitHub-flavoured Markdown pipe tables in a file a person edits by hand:
 * the group's data files (lib/groupdata.h) hold one such table, one row per
 * entry.
 *
 * Reading: the table is the first line that starts with `|` (after up to three
 * spaces), which must be the expected header, then its delimiter row
 * (`| --- | :-: |`), then every following line that starts with `|`; the
 * first line that does not ends the table. Cells are split at each `|` that
 * is not escaped as `\|`, trimmed of spaces and tabs; `\|` reads as `|`,
 * every other backslash as itself. Lines end at LF, a CR before it is
 * dropped (CRLF files read fine). The whole file must be UTF-8 without
 * control characters (tab aside).
 *
 * Problems found in the file are data: each is a French text
 * "FILE:LINE: message", all of them collected, never only the first.
 *
 * Writing is a pure function from the file's bytes and one change (append,
 * replace or remove a row) to the new bytes: every other byte stays as it
 * is. Rows take the file's line ending (CRLF when most lines have it).
 *
 * Linear in the file's size, no recursion; files past TABLE_MAX bytes are
 * refused.
 */

#define TABLE_MAX ((size_t)8 << 20)

struct table_row {
	size_t line;        /* 1-based */
	size_t start;       /* byte offset of the line's first byte */
	size_t text_end;    /* end of the line's text, before CR LF or LF */
	size_t end;         /* after the line's ending (== text_end at the file's end without one) */
	char **cells;       /* unescaped, trimmed; NUL-terminated; `column_count` of them */
};

struct table {
	int found;             /* a table with the expected header is there */
	size_t header_line;    /* 1-based, 0 when not found */
	size_t column_count;   /* the columns the file's header has */
	size_t cell_count;     /* the cells of each row read: every column, those the file lacks empty */
	size_t header_start, header_end;       /* the header line's text, bytes */
	size_t delimiter_start, delimiter_end; /* the delimiter line's text */
	struct table_row *rows; /* the rows with the right number of cells, in file order */
	size_t row_count;
	size_t end;            /* where a new row goes: after the last line of the table */
	int crlf;              /* most lines end with CRLF */
	char **problems;       /* "FILE:LINE: message", in file order */
	size_t problem_count;
	int other;             /* the header found is the other language's (table__parse_either()) */
};

/*
 * Read the table of the `len` bytes at `data`; `name` is what problems call
 * the file; `header` the `columns` expected header cells (compared exactly,
 * after trimming). Returns 0 when the file has no problem; GRILLE_EINVALID
 * when it has (the first one is the error message; `out` holds them all,
 * and the good rows); GRILLE_ENOMEM. Release `out` with table__release()
 * whatever the result.
 */
int table__parse(struct table *out, const char *data, size_t len, const char *name,
                 const char *const *header, size_t columns);

/*
 * The same for a table whose last `columns - required` columns came later:
 * a header of the first `required` cells reads too (a file written before),
 * and under a full header a row may leave out the last columns (GFM pads
 * it). Every row read has `columns` cells, those it lacks empty.
 */
int table__parse_wide(struct table *out, const char *data, size_t len, const char *name,
                      const char *const *header, size_t columns, size_t required);

/*
 * The same for a table whose header may be written in either of two
 * languages: `header` or `other` (as many cells, NULL: none), the file's
 * first table line saying which; `out->other` is set when it is `other`.
 * Problems quote `header`.
 */
int table__parse_either(struct table *out, const char *data, size_t len, const char *name,
                        const char *const *header, const char *const *other, size_t columns, size_t required);

/*
 * The file's new bytes in `out` (emptied first) with the header of a table
 * parsed with fewer columns than `columns` given the missing cells of
 * `header` and its delimiter row as many "---": the header and delimiter
 * lines change, every other byte stays (rows keep their cells: they read
 * padded). GRILLE_EINVALID when the table was not found.
 */
int table__widen(grille_buf *out, const char *data, size_t len, const struct table *t,
                 const char *const *header, size_t columns);
void table__release(struct table *t);

/* Add the problem "NAME:LINE: message" (LINE left out when 0) to `t`. 0 or GRILLE_ENOMEM. */
int table__problem(struct table *t, const char *name, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The error for a table's problems: GRILLE_EINVALID with the first as message
 * (and how many more), or 0 when there is none. */
int table__problems_error(const struct table *t);

/*
 * Append one row of `count` cells (written "| a | b |", `|` escaped) to
 * `out`, with no line ending. GRILLE_EARGUMENT (with a French message) for a
 * cell that holds a line break, a control character or bytes that are not
 * UTF-8; `what` names the cells in it (NULL: none). Cells are trimmed.
 */
int table__format_row(grille_buf *out, const char *const *cells, size_t count,
                      const char *const *what);

/*
 * The file's new bytes in `out` (emptied first): `data` with a row of
 * `cells` (the table's column count) added at the table's end, in place of
 * row `index`, or without row `index`. The table must be `t` as parsed from
 * the same bytes. Errors as table__format_row(); GRILLE_EINVALID when the
 * table was not found.
 */
int table__append(grille_buf *out, const char *data, size_t len, const struct table *t,
                  const char *const *cells, const char *const *what);
int table__replace(grille_buf *out, const char *data, size_t len, const struct table *t,
                   size_t index, const char *const *cells, const char *const *what);
int table__remove(grille_buf *out, const char *data, size_t len, const struct table *t, size_t index);

/*
 * The general form: each row of `t` kept, replaced by `cells` or dropped as
 * `what_of_row[i]` says (NULL: all kept), then, when `append`, a row of
 * `cells` added at the table's end. `out` is emptied first.
 */
enum { TABLE_KEEP, TABLE_REPLACE, TABLE_DROP };
int table__rewrite(grille_buf *out, const char *data, size_t len, const struct table *t,
                   const unsigned char *what_of_row, int append, const char *const *cells,
                   const char *const *what);

/*
 * A fresh file: "# TITLE", a blank line, `guidance` (one paragraph), a blank
 * line, then the header and delimiter rows; LF endings. Appended to `out`.
 */
int table__fresh(grille_buf *out, const char *title, const char *guidance,
                 const char *const *header, size_t columns);

#endif
