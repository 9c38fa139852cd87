#ifndef GRILLE_SCAN_H
#define GRILLE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include "grille/grid.h"
#include "grille/status.h"

/* What the scan finds, as a number: caches keyed on scan_cache__grid_key()
 * are forgotten when it changes. 2: an HTML block of kinds 1 to 5 ends on
 * its closing line (cmark-gfm says the line before). 3: a question's body
 * hash is taken eight bytes at a time. */
#define SCAN_RULES 3

struct cmark_node;

/* Which of choice question `q`'s options the task item `item` is, as the
 * grid wrote it: a single paragraph holding the option's text (compared as
 * text, white space folded by markdown__normalize()). -1 when
 * it is none, or `q` is not a choice question. */
int scan__option_of(struct cmark_node *item, const grille_question *q);

/* Reading a step file: which items and questions it holds (found by the ID
 * that starts their heading, wherever they stand), which questions the group
 * answered, and the skip / defer marks. Parsed with cmark-gfm, never with
 * patterns over the raw text. */

enum scan_mark_kind { MARK_NONE, MARK_SKIP, MARK_DEFER };

struct scan_mark {
	enum scan_mark_kind kind;
	char *until;   /* "YYYY-MM-DD" or NULL */
	char *until_text; /* a date between parentheses that could not be read, as written, or NULL */
	char *reason;  /* or NULL */
	size_t line, end_line;
	size_t start, end; /* its bytes: where `line` starts, where the line after `end_line` starts */
};

/* Lines `first` to `last` (from 1; 0 when cmark does not know them), and
 * their bytes [start, end), line endings included. */
struct scan_range {
	size_t first, last;
	size_t start, end;
};

/* Under a question of kind "positions": a member's position, or the
 * group's synthesis, a subsection of its own (lib/position.h). */
struct scan_section {
	char *name;             /* the member's name as its heading writes it; NULL for the synthesis */
	size_t line, heading_end, end_line; /* its heading's lines, its last line; `line` 0: no such section */
	size_t start;           /* the byte its heading starts at */
	int written;            /* something under its heading counts, as an answer would */
	struct scan_range body; /* the lines under its heading (first 0 when none), and their bytes */
};

struct scan_question {
	char *id;
	char *text;    /* the heading after its ID */
	size_t line, end_line;
	size_t heading_end; /* the heading's last line (a setext heading has two) */
	size_t start, heading_to, end; /* bytes where `line`, `heading_end` + 1 and `end_line` + 1 start */
	int answered;
	int conflict;  /* git conflict markers inside */
	int retired;   /* a note says the grid no longer has it (grille grid upgrade): not in the scan cache */
	struct scan_mark mark;
	uint64_t body_hash; /* of the lines under the heading, marks left out: tells a changed answer */
	uint64_t checked;   /* a choice question's checked options: bit i for option i (the first 64) */
	struct scan_range *answer_lines; /* with scan__detailed(): the blocks that count */
	size_t answer_range_count;
	/* A "positions" question: its members' positions, in file order, and the
	 * synthesis. Only the synthesis, and what stands outside every position,
	 * answer it: `answered` and `answer_lines` leave the positions out. */
	struct scan_section *positions;
	size_t position_count;
	struct scan_section synthesis;
};

struct scan_item {
	char *id;
	char *title;
	size_t line, end_line;
	size_t heading_end;
	size_t start, heading_to, end; /* as a question's */
	struct scan_mark mark;
};

struct scan {
	struct scan_item *items;
	size_t item_count;
	struct scan_question *questions;
	size_t question_count;
	size_t conflict_count; /* conflict regions in the file */
	size_t parsed_bytes;   /* for tests: the Markdown cmark parsed, retries included */
	size_t parse_count;    /* and in how many parses */
	int halves;            /* for tests: walked in two halves at once (scan__file() in a parallel job) */
};

/*
 * Scan `len` bytes of Markdown; `name` is what messages call the file. The
 * grid tells template text (guidance, options) from answers. Content that is
 * not UTF-8 or holds NUL bytes fails with GRILLE_EINVALID and the place.
 */
int scan__text(struct scan *out, const char *data, size_t len, const char *name,
                const grille_grid *grid);
void scan__release(struct scan *scan);

/* As scan__text(), over a file fs__map() mapped: the pages of the file the
 * scan is past are given back as it goes, so that memory follows the chunk
 * being parsed, whatever the file's size. */
struct fs_map;
int scan__file(struct scan *out, const struct fs_map *map, const char *name, const grille_grid *grid);

/* As scan__text(), also recording which lines hold each question's answer.
 * Both give the bytes of every line range they give (a scan the cache
 * rebuilt has lines only, and zero bytes). */
int scan__detailed(struct scan *out, const char *data, size_t len, const char *name,
                         const grille_grid *grid);

/* Free a question's positions and synthesis, and forget them. */
void scan__sections_release(struct scan_question *q);

/* Free what a mark holds. */
void scan__mark_release(struct scan_mark *mark);

/* For tests: as scan__text() (`detail` 0) or scan__detailed() (1),
 * parsing chunks of about `chunk_bytes` (0: the default size). */
int scan__chunked(struct scan *out, const char *data, size_t len, const char *name,
                        const grille_grid *grid, int detail, size_t chunk_bytes);

/* The question or item `id` in a scan, or NULL. */
const struct scan_question *scan__question(const struct scan *scan, const char *id);
const struct scan_item *scan__item(const struct scan *scan, const char *id);

/* A question's state: conflict first, then whether the group answered it
 * (a mark never hides an answer), then its own mark, its item's mark.
 * `item` may be NULL. */
grille_state scan__question_state(const struct scan_question *q, const struct scan_item *item);

/* The item ID a question ID belongs to ("2.6.a" -> "2.6"), in a new string. */
char *scan__parent_id(const char *id);

/* "2", "2.6" or "2.6.a": 0, 1 or 2 dots and the right shapes; -1 if not an ID. */
int scan__id_depth(const char *id);

/* Check that data is UTF-8 without NUL bytes; the error names `name:line:col`. */
int scan__check_text(const char *data, size_t len, const char *name);

#endif
