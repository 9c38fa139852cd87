#ifndef GRILLE_EDIT_H
#define GRILLE_EDIT_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/grid.h"

/*
 * Planning an edit of a step file in memory: given the file's bytes and a
 * request (mark, reopen, deepen), produce the file's new bytes, without
 * touching the disk. grille_workspace_mark(), _reopen() and _deepen() read
 * the file, call this, then write what it made; a fuzzer can call it as it is.
 *
 * The plan keeps every byte of the group's: it only inserts whole lines
 * (the mark, a blank line, the new questions) or removes the mark's line
 * (and the blank line grille put before it). Inserted lines take the file's
 * line ending: CRLF when most of its lines end with CRLF, LF otherwise.
 *
 * Pure: no I/O, no global state but grille's last-error message (and
 * cmark's registry of syntax extensions, set up once); memory and time
 * linear in `len` plus the request's size. A fuzz target can call it with
 * any bytes and any request (IDs that are not IDs are refused).
 */

enum grille_edit_op {
	GRILLE_EDIT_MARK,   /* put a skip or defer mark under a heading, or replace the one there */
	GRILLE_EDIT_REOPEN, /* take a mark off */
	GRILLE_EDIT_DEEPEN, /* add questions after an item's last one */
	GRILLE_EDIT_ANSWER, /* append text under a question, after what is there (lib/answer_write.c) */
};

struct grille_edit_request {
	enum grille_edit_op op;
	const char *id;        /* an item ("2.6") or a question ("2.6.a"); an item for DEEPEN */
	int defer;             /* MARK: a deferral rather than a skip */
	const char *until;     /* MARK, defer only: "YYYY-MM-DD", or NULL */
	const char *reason;    /* MARK: one line of text, or NULL */
	const grille_question *const *add; /* DEEPEN: the questions to add, in order */
	size_t add_count;
	const char *text;      /* ANSWER: the Markdown to append, checked (answer__text_check()) */
	size_t text_len;
};

struct grille_edit_plan {
	grille_buf text;   /* the file's new bytes; empty when `unchanged` */
	int unchanged;     /* nothing to do: the file stays as it is */
	size_t line;       /* where the change stands in the new file (or the heading, when unchanged) */
	size_t answered;   /* MARK: questions under the mark that have an answer, which stays counted */
};

/*
 * Plan `request` on the `len` bytes of `data`; `name` is what messages call
 * the file, `grid` (may be NULL) tells the grid's template text from answers.
 * Returns 0 and fills `plan`; GRILLE_ENOTFOUND when the file has no heading
 * for the request's ID; GRILLE_EINVALID (with a message) for a file that is
 * not text, holds git conflict markers, has a mark with no safe place, or a
 * request that is not valid. Release the plan with edit__plan_release().
 */
int edit__plan_make(struct grille_edit_plan *plan, const char *data, size_t len, const char *name,
                          const grille_grid *grid, const struct grille_edit_request *request);
void edit__plan_release(struct grille_edit_plan *plan);

/* The line ending most lines of `data` use: "\r\n" or "\n". Lines grille
 * inserts in a file take it. */
const char *edit__line_ending(const char *data, size_t len);

/* Append `text` with each of its line endings ("\n" or "\r\n") written as `eol`. */
int edit__put_lines(grille_buf *out, const char *eol, const char *text, size_t len);

/* Carry out `request` on the step file that holds its ID's heading (its own
 * step's file first) and write that file atomically: 0, or GRILLE_ENOTFOUND
 * with a message when no file holds it. */
struct grille_edit_result;
struct grille_workspace;
int edit__apply(struct grille_edit_result *out, struct grille_workspace *ws,
                const struct grille_edit_request *request);

/* ANSWER, planned on a file `scan` read (lib/answer_write.c); `question` may
 * be NULL (an item's ID: refused). */
struct scan;
struct scan_question;
int answer__plan_at(struct grille_edit_plan *plan, const char *data, size_t len, const char *name, const char *eol,
                    const grille_grid *grid, const struct scan *scan, const struct scan_question *question,
                    const struct grille_edit_request *request);

/* Whether `len` bytes of `text` can be appended as an answer: UTF-8, no NUL
 * nor control character (tab and line ends apart), not blank. 0, or
 * GRILLE_EARGUMENT with a message. */
int answer__text_check(const char *text, size_t len);

#endif
