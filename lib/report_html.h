#ifndef GRILLE_REPORT_HTML_H
#define GRILLE_REPORT_HTML_H

#include "report.h"

/* The HTML report's pieces shared by lib/report_html.c and lib/report_html_group.c. */

/* `s` (NULL: nothing) escaped for HTML text and attribute values. */
void html__text(grille_buf *out, const char *s);

/* `open` and `close` (markup, as they are) around `s` made text by html__text(). */
void html__wrapped(grille_buf *out, const char *open, const char *s, const char *close);

/* The page's head, with `css` and `more_css` (NULL: none) inline, up to
 * <body>: the settings' language and title. */
void html__page_start(grille_buf *out, const struct report *r, const char *css, const char *more_css);

/* `markdown` (NULL: nothing) rendered safely (report__answer_tree(), its
 * headings from `base_level`) in a <div class="css">. GRILLE_ENOMEM. */
int html__markdown(grille_buf *out, const char *markdown, int base_level, const char *css, cmark_llist *ext);
/* The same for what the group wrote (class "answer"): a task list, as a
 * choice question's options, reads as a list of what was chosen, each
 * marked ☑, and of what was not, ☐ and lighter, with no form's checkbox.
 * `question` (NULL: none), a choice question of the grid: its options the
 * group did not check follow those it did. */
int html__answer(grille_buf *out, const char *markdown, int base_level, cmark_llist *ext, const grille_question *question);

/* Open a table with its caption (NULL: none) and column headings, up to <tbody>. */
void html__table_head(grille_buf *out, const char *caption, const char *const *labels, size_t count);
/* The same, the table of class `css` (NULL: none). */
void html__table_open(grille_buf *out, const char *css, const char *caption, const char *const *labels, size_t count);

/* Turn an ID into an HTML id: "1.1.a" with prefix "q-" -> "q-1-1-a". */
void html__anchor(grille_buf *out, const char *prefix, const char *id);

/* The group's data of `kind` without a heading: what a question of that
 * kind shows in place of an answer, and what the report's sections hold. */
void report_html__data(grille_buf *out, const struct report *r, enum report_data kind);

/* The report's sections on the group: a note on the group's files when
 * they hold conflicts or unreadable rows, the members, the plan, the
 * calendar with its timeline. GRILLE_ENOMEM. */
int report_html__group(grille_buf *out, const struct report *r);

/* The progress per step: a chart, its caption and the table of its numbers,
 * kept together when printed (lib/report_html_chart.c). */
void report_html__progress(grille_buf *out, const struct report *r);
/* The milestones' section: the answers over time in a chart with its scales,
 * then the milestones in a table. */
void report_html__milestones(grille_buf *out, const struct report *r);

/* The names in the history that match no member, in a paragraph; nothing when all do. */
void report_html__strangers(grille_buf *out, const struct report *r);

#endif
