#ifndef GRILLE_SCAN_ANSWER_H
#define GRILLE_SCAN_ANSWER_H

#include <stdint.h>
#include <cmark-gfm.h>
#include "grille/grid.h"
#include "scan.h"

/* What the scan counts as the group's answer under a question, block by
 * block, and the skip / defer marks it reads (lib/scan.c walks the file and
 * asks these). */

/* What tells template text from answers under the open question. */
struct scan_rules {
	const char *guidance;            /* its guidance, as text, or NULL */
	const char *pointer;             /* a data question's pointer line, as text, or NULL */
	const grille_question *question; /* its question in the grid, or NULL */
};

/* The skip or defer mark `block` holds (a paragraph, or a quote's first
 * paragraph, whose first line has exactly the form of a mark): 1 and `mark`
 * filled, `*prose` telling whether the rest holds something; 0 otherwise. */
int scan__read_mark(cmark_node *block, struct scan_mark *mark, int *prose, const struct scan_rules *rules);

/* Whether `root` holds something the group wrote (see scan_answer.c). */
int scan__node_counts(cmark_node *root, const struct scan_rules *rules);

/* Whether a top-level block under a question holds an answer: the grid's
 * guidance quote, or a data question's pointer quote, left as written, does not. */
int scan__block_counts(cmark_node *block, const struct scan_rules *rules);

/* The options of choice question `q` checked in `list`, as bits. */
uint64_t scan__checked_options(cmark_node *list, const grille_question *q);

/* Markdown from the grid, as the text it shows once parsed; NULL for NULL. */
char *scan__template_text(const char *markdown);

#endif
