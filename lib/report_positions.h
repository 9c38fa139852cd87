#ifndef GRILLE_REPORT_POSITIONS_H
#define GRILLE_REPORT_POSITIONS_H

#include "report.h"

struct odt_writer;
struct json_t;

/* A "positions" question in the report (lib/report_positions.c): the
 * members' positions side by side, then the synthesis, the question's
 * answer, under its own heading; the caller renders the answer after. */

/* Whether the report shows positions for `q`: answered, or still open with
 * positions written (the synthesis then says it is not written yet). */
int report__has_positions(const grille_question_status *q);

/* The HTML: a grid of cards, one per position, that wraps on a narrow
 * screen, then the synthesis's heading. GRILLE_ENOMEM. */
int report_html__positions(grille_buf *out, const struct report *r, const grille_question_status *q,
                           cmark_llist *ext);
/* The CSS the cards need. */
#define REPORT_HTML_POSITIONS_CSS \
	".positions{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.8rem;margin:0 0 1rem}" \
	".position{border:1px solid #bbb;border-top:4px solid #2e7d5b;padding:.1rem .8rem}" \
	".position h5{margin:.4rem 0;font-size:1rem}.position .answer{border:0;padding:0;background:none}" \
	".empty{color:#555;font-style:italic}" \
	"@media print{.positions{grid-template-columns:repeat(2,1fr)}.position{break-inside:avoid}}"

/* Markdown: a list, one item per position (the name in bold, then its text), then the synthesis's heading. */
int report_markdown__positions(cmark_node *doc, const struct report *r, const grille_question_status *q);

/* OpenDocument: a table, a row per member (name, position), then the synthesis's heading. */
int report_odt__positions(struct odt_writer *w, const struct report *r, const grille_question_status *q);

/* JSON: [{name, written, text}] (text the Markdown made safe, or null). */
struct json_t *report_json__positions(const struct report *r, const grille_question_status *q);

#endif
