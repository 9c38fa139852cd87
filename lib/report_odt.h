#ifndef GRILLE_REPORT_ODT_H
#define GRILLE_REPORT_ODT_H

#include "libxml_load.h"

#include "report.h"

/* The OpenDocument report's writer, shared by lib/report_odt.c and
 * lib/report_odt_group.c. */

/* The writer and its first failure. Every libxml2 call goes through
 * check(): after a failure the later calls are skipped, and report_odt()
 * looks once, at the end, instead of at each of several hundred calls. */
struct odt_writer {
	xmlTextWriterPtr xml;
	int error; /* 0, GRILLE_ENOMEM, or GRILLE_ERROR for a libxml2 call that failed */
};

typedef struct odt_writer *W;

/* A document streamed to the report's sink as libxml2 writes it. */
struct odt_stream {
	const struct report *r;
	int error;                 /* the sink's own failure */
	struct odt_writer writer;
};
/* A new stream into r->sink: 0, or GRILLE_ENOMEM (`*out` may then be
 * allocated: odt__close() it all the same). */
int odt__open(struct odt_stream **out, const struct report *r);
/* Flush and free `s` (NULL accepted): `error` if set, else the sink's, libxml2's or 0. */
int odt__close(struct odt_stream *s, int error);
/* The document's head (namespaces, title in its metadata, styles) up to the
 * text's first element; and its end. */
void odt__document_start(W w, const char *title);
void odt__document_end(W w);
/* `markdown` (NULL: nothing) written safely (report__answer_tree(), its headings
 * from `base_level`), its paragraphs in `paragraph_style`. GRILLE_ENOMEM. */
int odt__markdown(W w, const char *markdown, int base_level, const char *paragraph_style);

/* A piece that ran out of memory: the text is incomplete. */
void odt__no_memory(W w);
void odt__lost(W w, const grille_buf *piece);
/* Open and close an element; its attributes and text, escaped and made fit for XML. */
void odt__start(W w, const char *name);
void odt__end(W w);
void odt__attr(W w, const char *name, const char *value);
void odt__put(W w, const char *text);
/* Text as typed: escaped and made fit for XML, without typography. */
void odt__put_raw(W w, const char *text);
/* `text` as typed (code): every space, tab and line break kept as
 * OpenDocument says (<text:s/>, <text:tab/>, <text:line-break/>), no typography. */
void odt__code(W w, const char *text);
/* The named and automatic styles (lib/report_odt_style.c), the page with
 * `title` and the page number at its foot. */
void odt__styles(W w, const char *title);
/* The text's width on the page: A4 less its margins. */
#define ODT_TEXT_WIDTH "17cm"
/* A paragraph of `style`, a heading of `level` (style NULL: LibreOffice's own). */
void odt__para(W w, const char *style, const char *text);
void odt__para_printf(W w, const char *style, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void odt__heading(W w, int level, const char *text, const char *style);
/* The same, with a bookmark the table of contents points to (NULL: none). */
void odt__heading_marked(W w, int level, const char *text, const char *style, const char *bookmark);
/* The bookmarks of the report's parts, and a step's ("grille-step-2"). */
#define ODT_MARK_PROGRESS "grille-progress"
#define ODT_MARK_MEMBERS "grille-members"
#define ODT_MARK_PLAN "grille-plan"
#define ODT_MARK_CALENDAR "grille-calendar"
#define ODT_MARK_MILESTONES "grille-milestones"
#define ODT_MARK_CONTRIBUTIONS "grille-contributions"
void odt__step_mark(char *out, size_t size, const char *id);
/* Open a table of `columns` of one width: its rows follow, then odt__end(). */
void odt__table_start(W w, size_t columns);
/* Open a table whose columns have the widths `columns` spells, a letter
 * each: N narrow (a number), S small, M medium (a date), L large, X the
 * widest (a text); the table spans the page and keeps their proportions. */
void odt__table_start_columns(W w, const char *columns);
/* The column style of a letter of odt__table_start_columns(). */
const char *odt__column_style(char letter);
/* A cell holding a paragraph of `style` (NULL text: empty); a row of
 * cells, the table's header row when `heading` (repeated on each page). */
void odt__cell(W w, const char *style, const char *text);
void odt__row(W w, const char *const *cells, size_t count, int heading);
/* Open a row that a page break never splits: its cells follow, then odt__end(). */
void odt__row_start(W w);
/* A table of `columns`, the first `columns` cells its headings. */
void odt__simple_table(W w, size_t columns, const char *const *cells, size_t count);

/* The group's data of `kind`, its headings (the plan's states) at `level`:
 * what a question of that kind shows in place of an answer, and what the
 * report's sections hold. */
void report_odt__data(W w, const struct report *r, enum report_data kind, int level);

/* The progress of each step, as a chart and as a table (lib/report_odt_figure.c). */
void report_odt__progress(W w, const struct report *r);
/* The milestones: answers over time, as a chart and as a table. */
void report_odt__milestones(W w, const struct report *r);

/* The report's sections on the group: the note on conflicts, members, plan, calendar. */
void report_odt__group(W w, const struct report *r);

/* The names in the history that match no member, in a paragraph; nothing when all do. */
void report_odt__strangers(W w, const struct report *r);

#endif
