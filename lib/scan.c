#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "grid_kind.h"
#include "hash.h"
#include "intl.h"
#include "mark.h"
#include "markdown.h"
#include "parallel.h"
#include "position.h"
#include "scan.h"
#include "scan_answer.h"
#include "grid_history.h"
#include "utf8.h"
#include "text.h"

int scan__id_depth(const char *id)
{
	const char *p = id;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (!*p)
		return 0;
	if (*p++ != '.' || !isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (!*p)
		return 1;
	if (*p++ != '.' || !islower((unsigned char)*p))
		return -1;
	while (*p >= 'a' && *p <= 'z')
		p++;
	return *p ? -1 : 2;
}

char *scan__parent_id(const char *id)
{
	const char *dot = strrchr(id, '.');
	return dot ? strndup(id, (size_t)(dot - id)) : strdup("");
}

/* Where byte `at` stands, as a reader counts: line, and character in it (from 1). */
static void place_of(const char *data, size_t at, size_t *line, size_t *column)
{
	*line = 1;
	size_t start = 0;
	for (const char *p = data; (p = memchr(p, '\n', at - (size_t)(p - data))); p++) {
		(*line)++;
		start = (size_t)(p - data) + 1;
	}
	*column = 1;
	for (size_t i = start; i < at; (*column)++) {
		int32_t c;
		i += (unsigned char)data[i] < 0x80 ? 1 : utf8__decode(data + i, at - i, &c);
	}
}

/* As scan__check_text(), over [from, to) of `data`: the place an error
 * names is counted from the start of `data` only then. */
static int check_range(const char *data, size_t from, size_t to, const char *name)
{
	size_t at = from + utf8__first_bad(data + from, to - from), line, column;
	if (at == to)
		return 0;
	place_of(data, at, &line, &column);
	if (data[at] == '\0')
		return error__set(GRILLE_EINVALID,
			_("%s:%zu:%zu: le fichier contient un octet nul : ce n'est pas un texte. "
			  "Rouvrez-le avec un éditeur de texte et enregistrez-le en UTF-8"), name, line, column);
	return error__set(GRILLE_EINVALID,
		_("%s:%zu:%zu: le texte n'est pas en UTF-8 valide : enregistrez le fichier en UTF-8"),
		name, line, column);
}

int scan__check_text(const char *data, size_t len, const char *name)
{
	return check_range(data, 0, len, name);
}

/* A heading's ID: its first word, without a trailing ".", ":" or ")". */
static int heading_id(const char *text, char **id, const char **rest)
{
	while (*text == ' ')
		text++;
	size_t len = strcspn(text, " \t");
	size_t trimmed = len;
	while (trimmed && strchr(".:)", text[trimmed - 1]))
		trimmed--;
	char *token = strndup(text, trimmed);
	if (!token)
		return -2;
	int depth = scan__id_depth(token);
	if (depth < 0) {
		free(token);
		*id = NULL;
		return -1;
	}
	text += len;
	while (*text == ' ' || *text == '-' || *text == ':')
		text++;
	*id = token;
	*rest = text;
	return depth;
}

/* Git writes conflicts as whole lines: "<<<<<<< ours", "=======", ">>>>>>> theirs". */
static int conflict_marker(const char *line, size_t len)
{
	if (len >= 7 && (memcmp(line, "<<<<<<<", 7) == 0 || memcmp(line, ">>>>>>>", 7) == 0 ||
	                 memcmp(line, "|||||||", 7) == 0))
		return len == 7 || line[7] == ' ' || line[7] == '\r';
	if (len >= 7 && memcmp(line, "=======", 7) == 0)
		return len == 7 || line[7] == '\r' || line[7] == ' ';
	return 0;
}

struct region {
	size_t first, last;
};

/* Over a mapped file, a pass gives back every DROP_STEP bytes the pages it
 * has gone past (fs__map_drop()): keeping them costs the file's size in
 * memory. But each pass then faults them in again, page by page: a fifth
 * of a first status of 8.5 MB step files. So a file under KEEP_MAPPED keeps
 * its pages until the scan ends: at most twice what a file under
 * FS_MAP_FROM, read whole, costs. No-op for text in memory (`map` NULL). */
#define DROP_STEP ((size_t)4 << 20)
#define KEEP_MAPPED (2 * FS_MAP_FROM)

static int drops(const struct fs_map *map)
{
	return map && map->size >= KEEP_MAPPED;
}

static void gone_past(const struct fs_map *map, size_t *dropped, size_t at)
{
	if (drops(map) && at >= *dropped + DROP_STEP) {
		fs__map_drop(map, *dropped, at);
		*dropped = at;
	}
}

/* The text cmark reads, when some bytes must change for it: a copy. */
static char *text_copy(const char *data, size_t len)
{
	char *copy = malloc(len ? len : 1);
	return copy ? memcpy(copy, data, len) : NULL;
}

/* Count the line feeds in [from, to) of `data` into `*line`. */
static void count_lines(const char *data, size_t from, size_t to, size_t *line)
{
	*line += text__count_newlines(data + from, to - from);
}

/* Record a conflict marker line, [at, at + `len`), line `line`, into `copy`
 * and the regions. */
static int marker_line(const char *data, size_t len, size_t at, size_t line_len, size_t line, char **copy,
                       size_t *open, struct region **regions, size_t *count)
{
	if (!*copy && !(*copy = text_copy(data, len)))
		return error__oom();
	memset(*copy + at, ' ', line_len);
	if (data[at] == '<' && !*open) {
		*open = line;
	} else if (data[at] == '>' && *open) {
		struct region *grown = array__push(*regions, *count, sizeof(**regions));
		if (!grown)
			return error__oom();
		*regions = grown;
		(*regions)[(*count)++] = (struct region){ *open, line };
		*open = 0;
	}
	return 0;
}

/*
 * Find conflict regions; blank their marker lines in `copy` so cmark sees
 * both sides as ordinary text and the file keeps its line numbers. A marker
 * starts a line with seven times the same byte, so one byte in seven is
 * looked at: any seven bytes in a row hold one at a multiple of seven, and
 * where that one may be part of a marker, the line is looked at whole.
 * Lines are counted only up to a marker found: a file without any (nearly
 * all) is gone through at a seventh of the cost of line by line.
 */
static int find_conflicts(const char *data, size_t len, const struct fs_map *map, char **copy,
                          struct region **regions, size_t *count)
{
	*copy = NULL;
	*regions = NULL;
	*count = 0;
	size_t line = 1, counted = 0, open = 0, dropped = 0;
	for (size_t i = 6; i < len; i += 7) {
		gone_past(map, &dropped, i);
		char c = data[i];
		if (c != '<' && c != '=' && c != '>' && c != '|')
			continue;
		size_t start = i;
		while (start > 0 && i - start < 6 && data[start - 1] == c)
			start--;
		if (start > 0 && data[start - 1] != '\n')
			continue; /* not at the start of a line, or a run begun before: seen seven bytes ago */
		const char *end = memchr(data + start, '\n', len - start);
		size_t line_len = end ? (size_t)(end - (data + start)) : len - start;
		if (!conflict_marker(data + start, line_len))
			continue;
		count_lines(data, counted, start, &line);
		counted = start;
		int error = marker_line(data, len, start, line_len, line, copy, &open, regions, count);
		if (error)
			return error;
	}
	if (open) {
		/* Open to the end: the line past the last one, as a region closed there. */
		count_lines(data, counted, len, &line);
		line += len > 0 && data[len - 1] != '\n';
		struct region *grown = array__push(*regions, *count, sizeof(**regions));
		if (!grown)
			return error__oom();
		*regions = grown;
		(*regions)[(*count)++] = (struct region){ open, line };
	}
	return 0;
}

/* What the heading last met under a "positions" question opened. */
enum section_kind {
	SECTION_NONE,      /* none yet: text right under the question answers it */
	SECTION_POSITION,  /* a member's position: its text answers nothing */
	SECTION_SYNTHESIS, /* the group's synthesis: its text answers the question */
	SECTION_OTHER,     /* a sub-heading of the group's own: counts, as under any question */
};

struct walk {
	struct scan *scan;
	const grille_grid *grid;
	struct scan_question *question; /* open question, or NULL */
	struct scan_item *item;         /* open item, or NULL */
	int question_level, item_level; /* their heading levels */
	char *guidance;                 /* the open question's guidance text */
	char *pointer;                  /* and its pointer line's, for a data question */
	struct scan_rules rules;             /* and what tells its template text */
	int positions;                  /* the open question is of kind "positions" */
	enum section_kind section;      /* and the subsection open under it */
	int section_level;              /* its heading's level */
	int detail;                     /* record the lines of each answer */
	const char *name;               /* the file, as messages call it */
	const struct fs_map *map;       /* the file mapped, or NULL: text in memory */
	int error;
	size_t offset;                  /* lines before the chunk being walked */
	int continuation;               /* the next block goes on a paragraph cut in two */
	size_t cut_from, cut_at;        /* next_cut() from cut_from gave cut_at */
	size_t run_from, run_to;        /* plain lines from run_from to run_to, */
	int run_ends;                   /* then a blank line or the end */
	struct markdown_arena *arena;   /* holds the chunk's tree, or NULL: cmark's allocator */
	int check_end;                  /* the first half of a split file: see open_at_end */
	int open_at_end;                /* its last block may go on past its end (scan_halves()) */
};

/* cmark-gfm ends an HTML block closed by its end condition (</script>,
 * -->, ?>, >, ]]>: kinds 1 to 5) a line too early; its text holds one line
 * per line of the file, the closing one included, so count them. Without
 * this the closing line fell outside the answer and vanished from it. */
static int html_block_end_line(cmark_node *node, int end_line)
{
	const char *text = cmark_node_get_literal(node);
	int start = cmark_node_get_start_line(node), lines = 0;
	for (const char *p = text; p && (p = strchr(p, '\n')); p++)
		lines++;
	return start > 0 && start + lines - 1 > end_line ? start + lines - 1 : end_line;
}

/* A node's first (or last) line in the whole file, not in its chunk; 0 when
 * cmark does not know it (the GFM table extension leaves the paragraph it
 * splits off a table without positions): edits then refuse to guess. */
static size_t line_of(const struct walk *w, cmark_node *node, int last)
{
	int line = last ? cmark_node_get_end_line(node) : cmark_node_get_start_line(node);
	if (last && line > 0 && cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
		line = html_block_end_line(node, line);
	return line > 0 ? w->offset + (size_t)line : 0;
}

/* The position or synthesis open under the question, or NULL. */
static struct scan_section *open_section(const struct walk *w)
{
	struct scan_question *q = w->question;
	if (w->section == SECTION_POSITION)
		return &q->positions[q->position_count - 1];
	return w->section == SECTION_SYNTHESIS ? &q->synthesis : NULL;
}

static void close_section(struct walk *w, size_t next_line)
{
	struct scan_section *sec = w->question ? open_section(w) : NULL;
	if (sec) {
		sec->end_line = next_line - 1;
		if (sec->heading_end && sec->heading_end < sec->end_line)
			sec->body = (struct scan_range){ sec->heading_end + 1, sec->end_line, 0, 0 };
	}
	w->section = SECTION_NONE;
}

static void close_question(struct walk *w, size_t next_line)
{
	close_section(w, next_line);
	if (w->question)
		w->question->end_line = next_line - 1;
	w->question = NULL;
	free(w->guidance);
	free(w->pointer);
	w->guidance = w->pointer = NULL;
	w->rules = (struct scan_rules){ NULL, NULL, NULL };
}

static void close_item(struct walk *w, size_t next_line)
{
	close_question(w, next_line);
	if (w->item)
		w->item->end_line = next_line - 1;
	w->item = NULL;
}

static int open_item(struct walk *w, char *id, const char *title, size_t line, int level)
{
	struct scan *s = w->scan;
	struct scan_item *items = array__push(s->items, s->item_count, sizeof(*items));
	if (!items) {
		free(id);
		return error__oom();
	}
	s->items = items;
	w->item = &items[s->item_count++];
	memset(w->item, 0, sizeof(*w->item));
	w->item->id = id;
	w->item->title = strdup(title);
	w->item->line = line;
	w->item_level = level;
	return w->item->title ? 0 : error__oom();
}

static int open_question(struct walk *w, char *id, const char *text, size_t line, int level)
{
	struct scan *s = w->scan;
	struct scan_question *questions = array__push(s->questions, s->question_count, sizeof(*questions));
	if (!questions) {
		free(id);
		return error__oom();
	}
	s->questions = questions;
	w->question = &questions[s->question_count++];
	memset(w->question, 0, sizeof(*w->question));
	w->question->id = id;
	w->question->text = strdup(text);
	w->question->line = line;
	w->question_level = level;
	const grille_question *q = w->grid ? grille_grid_find_question(w->grid, id) : NULL;
	w->guidance = scan__template_text(q ? q->guidance : NULL);
	w->pointer = scan__template_text(q ? q->pointer : NULL);
	w->rules = (struct scan_rules){ w->guidance, w->pointer, q };
	w->positions = q && q->kind == GRILLE_QUESTION_POSITIONS;
	w->section = SECTION_NONE;
	return w->question->text ? 0 : error__oom();
}

static void add_line_range(struct walk *w, struct scan_question *q, size_t first, size_t last)
{
	struct scan_range range = { first, last, 0, 0 };
	struct scan_range *prev = q->answer_range_count ? &q->answer_lines[q->answer_range_count - 1] : NULL;
	/* Blocks that touch are one range (the checked items of a list, the two
	 * parts of a paragraph a chunk cut split): the same lines either way. */
	if (prev && prev->first && range.first && prev->last + 1 == range.first && range.last >= range.first) {
		prev->last = range.last;
		return;
	}
	struct scan_range *ranges = array__push(q->answer_lines, q->answer_range_count, sizeof(*ranges));
	if (!ranges) {
		w->error = error__oom();
		return;
	}
	q->answer_lines = ranges;
	ranges[q->answer_range_count++] = range;
}

static void add_range(struct walk *w, struct scan_question *q, cmark_node *block)
{
	add_line_range(w, q, line_of(w, block, 0), line_of(w, block, 1));
}

/* A block under the open question counts: for its position, or as the answer. */
static void counted(struct walk *w, cmark_node *block)
{
	struct scan_question *q = w->question;
	if (w->section == SECTION_POSITION) {
		q->positions[q->position_count - 1].written = 1;
		return;
	}
	if (w->section == SECTION_SYNTHESIS)
		q->synthesis.written = 1;
	q->answered = 1;
	if (w->detail)
		add_range(w, q, block);
}

/* A sub-heading under a "positions" question: one inside the open section
 * is part of it; any other opens a position, the synthesis (the first one
 * only), or a section of the group's own. */
static int visit_subsection(struct walk *w, cmark_node *heading, const char *text, int level, size_t line)
{
	if (w->section != SECTION_NONE && level > w->section_level) {
		if (*text)
			counted(w, heading);
		return 0;
	}
	close_section(w, line);
	struct scan_question *q = w->question;
	const char *name;
	struct scan_section *sec = NULL;
	if (position__heading_name(text, &name)) {
		struct scan_section *grown = array__push(q->positions, q->position_count, sizeof(*grown));
		if (!grown)
			return error__oom();
		q->positions = grown;
		sec = &grown[q->position_count++];
		memset(sec, 0, sizeof(*sec));
		if (!(sec->name = strdup(name)))
			return error__oom();
		w->section = SECTION_POSITION;
	} else if (position__is_synthesis(text) && !q->synthesis.line) {
		sec = &q->synthesis;
		w->section = SECTION_SYNTHESIS;
	} else {
		w->section = SECTION_OTHER;
		if (*text)
			counted(w, heading);
	}
	if (sec) {
		sec->line = line;
		sec->heading_end = line_of(w, heading, 1);
	}
	w->section_level = level;
	return 0;
}

static int visit_heading(struct walk *w, cmark_node *heading, size_t line)
{
	int level = cmark_node_get_heading_level(heading);
	grille_buf text = GRILLE_BUF_INIT;
	markdown__text(&text, heading);
	markdown__normalize(&text);
	char *id = NULL;
	const char *rest = "";
	int depth = heading_id(text.ptr ? text.ptr : "", &id, &rest);
	int error = 0;
	if (depth == -2) {
		error = error__oom();
	} else if (depth == 0 || (depth < 0 && level == 1)) {
		close_item(w, line); /* a step's heading */
		free(id);
	} else if (depth == 1) {
		close_item(w, line);
		error = open_item(w, id, rest, line, level);
		if (!error)
			w->item->heading_end = line_of(w, heading, 1);
	} else if (depth == 2) {
		close_question(w, line);
		error = open_question(w, id, rest, line, level);
		if (!error)
			w->question->heading_end = line_of(w, heading, 1);
	} else if (w->question && level > w->question_level && w->positions) {
		error = visit_subsection(w, heading, text.ptr ? text.ptr : "", level, line);
	} else if (w->question && level > w->question_level) {
		if (text.len > 0) { /* the group's own sub-heading */
			w->question->answered = 1;
			if (w->detail)
				add_range(w, w->question, heading);
		}
	} else {
		close_question(w, line);
		if (w->item && level <= w->item_level)
			close_item(w, line);
	}
	grille_buf_release(&text);
	return error;
}

/* The rest of a paragraph that walk_chunks() cut in two: its first part
 * counted, so the whole does; it is never a mark. */
static void visit_rest(struct walk *w, cmark_node *block)
{
	if (w->question)
		counted(w, block);
}

/* Whether a quote may be the note, by its first text: the note's starts
 * with "Cet" ("Cette question", "Cet item"). Most quotes are the group's or
 * the grid's guidance, and their whole text need not be gathered. */
static int may_be_note(cmark_node *quote)
{
	cmark_node *leaf = quote;
	for (cmark_node *child; (child = cmark_node_first_child(leaf));)
		leaf = child;
	const char *text = cmark_node_get_type(leaf) == CMARK_NODE_TEXT ? cmark_node_get_literal(leaf) : NULL;
	if (!text)
		return 1;
	text += strspn(text, " \t\n\r\f\v");
	size_t n = strnlen(text, 3);
	return n == 0 || strncmp(text, "Cet", n) == 0; /* no text yet to tell by: look at the whole */
}

/* The note `grille grid upgrade` puts under a question the grid no longer has. */
static int retired_note(cmark_node *block)
{
	if (cmark_node_get_type(block) != CMARK_NODE_BLOCK_QUOTE || !may_be_note(block))
		return 0;
	grille_buf text = GRILLE_BUF_INIT;
	markdown__text(&text, block);
	markdown__normalize(&text);
	int note = text.ptr && grid_history__is_note(text.ptr);
	grille_buf_release(&text);
	return note;
}

static void visit_block(struct walk *w, cmark_node *block)
{
	struct scan_mark mark;
	int prose;
	if (w->question && w->section == SECTION_POSITION) {
		/* A member's words, marks included: they answer nothing yet. */
		struct scan_section *p = open_section(w);
		if (!p->written && scan__block_counts(block, &w->rules))
			p->written = 1;
	} else if (w->question) {
		w->question->checked |= scan__checked_options(block, w->rules.question);
		if (scan__read_mark(block, &mark, &prose, &w->rules)) {
			/* Only the mark's own line: text that follows it in the same
			 * paragraph is the group's, and edits must never take it away. */
			mark.line = mark.end_line = line_of(w, block, 0);
			if (prose) {
				w->question->answered = 1;
				w->question->synthesis.written |= w->section == SECTION_SYNTHESIS;
				if (w->detail && mark.line && line_of(w, block, 1) > mark.line)
					add_line_range(w, w->question, mark.line + 1, line_of(w, block, 1));
			}
			if (w->question->mark.kind == MARK_NONE)
				w->question->mark = mark;
			else
				scan__mark_release(&mark);
		} else if (retired_note(block)) {
			w->question->retired = 1;
		} else if ((w->detail || !w->question->answered ||
		            (w->section == SECTION_SYNTHESIS && !w->question->synthesis.written)) &&
		           scan__block_counts(block, &w->rules)) {
			w->question->answered = 1;
			w->question->synthesis.written |= w->section == SECTION_SYNTHESIS;
			if (w->detail && cmark_node_get_type(block) == CMARK_NODE_LIST) {
				/* Only the items that count: a choice's unchecked options are the grid's. */
				for (cmark_node *item = cmark_node_first_child(block); item; item = cmark_node_next(item))
					if (scan__node_counts(item, &w->rules))
						add_range(w, w->question, item);
			} else if (w->detail) {
				add_range(w, w->question, block);
			}
		}
	} else if (w->item && w->item->mark.kind == MARK_NONE && scan__read_mark(block, &mark, &prose, &(struct scan_rules){ 0 })) {
		mark.line = mark.end_line = line_of(w, block, 0);
		w->item->mark = mark;
	}
}

/* Files are parsed in chunks of about this size, so that the syntax tree in
 * memory stays small however large a file is: cmark's tree takes several
 * times the size of its text. */
#define CHUNK_BYTES (256 * 1024)

/* A line that starts an ATX heading at the left margin: it closes whatever
 * block came before, except a fenced code block or an HTML block. */
static int heading_line(const char *line, size_t len)
{
	size_t n = 0;
	while (n < len && n < 7 && line[n] == '#')
		n++;
	return n >= 1 && n <= 6 && (n == len || line[n] == ' ' || line[n] == '\t' || line[n] == '\r');
}

/* A blank line, as CommonMark sees it (a conflict marker blanked too). */
static int blank_line(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
			return 0;
	return 1;
}

/*
 * The first place at or after byte `from` where a chunk may end, or `len`:
 * before a heading line, or before a line that starts at the left margin
 * right after a blank line.
 *
 * Why the second cut never changes what counts (a file without headings
 * must be cut too, or its tree takes 5 to 6 times its size): after a blank
 * line, a line at the left margin cannot continue a paragraph (lazy lines
 * need a paragraph still open, and a blank line closes it), a table, a
 * block quote (a blank line without ">" closes it), a list item or an
 * indented code block (both would need the line indented), nor a type 6 or
 * 7 HTML block (closed by the blank line). It only continues a fenced code
 * block or a type 1 to 5 HTML block (<pre>, <script>, <!-- …) opened at the
 * left margin: those run to the chunk's last line, and walk_chunks() then
 * takes a longer chunk (cut_inside_block()). What the cut may still change
 * does not touch counting: a list whose items are set apart by blank lines
 * becomes two lists with the same items (each item counts on its own, and
 * its lines stay the same), and a link reference defined in another chunk
 * stays unresolved (its text shows, and counts, either way), as with the
 * heading cuts before.
 */
static size_t next_cut(const char *text, size_t len, size_t from, const struct fs_map *map)
{
	if (from >= len)
		return len;
	if (from > 0 && text[from - 1] != '\n') {
		const char *nl = memchr(text + from, '\n', len - from);
		if (!nl)
			return len;
		from = (size_t)(nl - text) + 1;
	}
	int after_blank = 0;
	if (from > 0) { /* the line before `from` */
		size_t prev = from - 1;
		while (prev > 0 && text[prev - 1] != '\n')
			prev--;
		after_blank = blank_line(text + prev, from - 1 - prev);
	}
	size_t dropped = from;
	while (from < len) {
		gone_past(map, &dropped, from);
		const char *nl = memchr(text + from, '\n', len - from);
		size_t line_len = nl ? (size_t)(nl - (text + from)) : len - from;
		if (heading_line(text + from, line_len))
			return from;
		int blank = blank_line(text + from, line_len);
		if (after_blank && !blank && text[from] != ' ' && text[from] != '\t')
			return from;
		if (!nl)
			break;
		after_blank = blank;
		from = (size_t)(nl - text) + 1;
	}
	return len;
}

/* Whether a chunk ends inside a block that the cut may have split: a fenced
 * code block or an HTML block running to the chunk's very last line. */
static int cut_inside_block(cmark_node *doc, const char *chunk, size_t len)
{
	cmark_node *last = cmark_node_last_child(doc);
	if (!last)
		return 0;
	int fence_length, fence_offset;
	char fence_char;
	int open = cmark_node_get_type(last) == CMARK_NODE_HTML_BLOCK ||
	           (cmark_node_get_type(last) == CMARK_NODE_CODE_BLOCK &&
	            cmark_node_get_fenced(last, &fence_length, &fence_offset, &fence_char));
	if (!open)
		return 0; /* most chunks: their lines need no counting */
	size_t lines = text__count_newlines(chunk, len);
	return (size_t)cmark_node_get_end_line(last) >= lines;
}

/* next_cut(), remembering its last answer: a cut found far ahead serves
 * every chunk before it (see para_cut()) without scanning the text again. */
static size_t cached_cut(struct walk *w, const char *text, size_t len, size_t from)
{
	if (w->cut_at && w->cut_from <= from && from <= w->cut_at)
		return w->cut_at;
	w->cut_from = from;
	return w->cut_at = next_cut(text, len, from, w->map);
}

/* A line that can only go on with a paragraph: it starts with a letter
 * (ASCII or not), so it opens no block and ends none, and is neither a
 * setext underline nor a table's delimiter row. */
static int plain_line(const char *line, size_t len)
{
	unsigned char c = len ? (unsigned char)line[0] : 0;
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/*
 * When no cut of next_cut() comes near (one paragraph of many lines, with
 * no blank line), a cut inside the paragraph, before byte `end`: before a
 * plain line that follows a plain line, when every line from there to the
 * next blank line (or the end) is plain too — so the paragraph cannot turn
 * into a setext heading or a table further down. Returns `end` when there
 * is none. The runs of plain lines are remembered, so that the scan of the
 * text stays linear.
 */
static size_t para_cut(struct walk *w, const char *text, size_t len, size_t end, size_t from)
{
	if (from >= end)
		return end;
	if (from > 0 && text[from - 1] != '\n') {
		const char *nl = memchr(text + from, '\n', end - from);
		if (!nl)
			return end;
		from = (size_t)(nl - text) + 1;
	}
	size_t prev = from - 1; /* the line before `from` */
	while (prev > 0 && text[prev - 1] != '\n')
		prev--;
	int prev_plain = plain_line(text + prev, from - 1 - prev);
	while (from < end) {
		const char *nl = memchr(text + from, '\n', len - from);
		size_t line_len = nl ? (size_t)(nl - (text + from)) : len - from;
		int plain = plain_line(text + from, line_len);
		if (plain && prev_plain) {
			if (!(w->run_from <= from && from < w->run_to)) {
				size_t at = from, dropped = from;
				for (;;) { /* to the first line that is not plain */
					gone_past(w->map, &dropped, at);
					const char *eol = memchr(text + at, '\n', len - at);
					size_t n = eol ? (size_t)(eol - (text + at)) : len - at;
					if (!plain_line(text + at, n))
						break;
					at = eol ? (size_t)(eol - text) + 1 : len;
					if (at >= len)
						break;
				}
				w->run_from = from;
				w->run_to = at;
				const char *eol = at < len ? memchr(text + at, '\n', len - at) : NULL;
				w->run_ends = at >= len || blank_line(text + at, eol ? (size_t)(eol - (text + at)) : len - at);
			}
			if (w->run_ends)
				return from;
			from = w->run_to; /* no cut inside this run */
			prev_plain = 0;
			continue;
		}
		if (!nl)
			break;
		prev_plain = plain;
		from = (size_t)(nl - text) + 1;
	}
	return end;
}

/* Whether the chunk parsed up to a para_cut() ends with the first part of a
 * paragraph that may be cut there: a paragraph at the top level reaching the
 * chunk's last line, that is not a mark, that counts on its own, and in
 * which no HTML comment is left open (its text would then show once cut,
 * and hide in the whole). The part after the cut then changes nothing: the
 * whole paragraph counts as its first part does. */
static int paragraph_split(cmark_node *doc, const char *chunk, size_t len)
{
	cmark_node *last = cmark_node_last_child(doc);
	if (!last || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
		return 0;
	size_t lines = text__count_newlines(chunk, len);
	cmark_node *first = cmark_node_first_child(last);
	if ((size_t)cmark_node_get_end_line(last) < lines || (first && cmark_node_get_type(first) == CMARK_NODE_STRONG))
		return 0;
	struct scan_rules none = { NULL, NULL, NULL };
	if (!scan__node_counts(last, &none))
		return 0;
	int open_comment = 0;
	cmark_iter *iter = cmark_iter_new(last);
	cmark_event_type event;
	while (!open_comment && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		const char *literal = cmark_node_get_type(cur) == CMARK_NODE_TEXT ? cmark_node_get_literal(cur) : NULL;
		open_comment = event == CMARK_EVENT_ENTER && literal && strstr(literal, "<!--");
	}
	cmark_iter_free(iter);
	return !open_comment;
}

static cmark_node *parse_chunk(struct walk *w, const char *text, size_t len)
{
	w->scan->parsed_bytes += len;
	w->scan->parse_count++;
	return w->arena ? markdown__parse_in(w->arena, text, len) : markdown__parse(text, len);
}

static void drop_tree(struct walk *w, cmark_node *doc)
{
	if (w->arena)
		markdown__arena_reset(w->arena);
	else
		cmark_node_free(doc);
}

/* Whether the last block of a chunk reaches its last line as one that a
 * heading line after it need not end: a fenced code block or an HTML block
 * (cut_inside_block()), or a GFM table, whose rows cmark-gfm takes any line
 * for until a blank one. */
static int open_at_end(cmark_node *doc, const char *chunk, size_t len)
{
	cmark_node *last = cmark_node_last_child(doc);
	if (!last)
		return 0;
	if (cut_inside_block(doc, chunk, len))
		return 1;
	if (strcmp(cmark_node_get_type_string(last), "table") != 0)
		return 0;
	size_t lines = text__count_newlines(chunk, len);
	return (size_t)cmark_node_get_end_line(last) >= lines;
}

/* Walk the chunks of `text` from byte `from` (the start of a line) to `len`. */
static int walk_chunks(struct walk *w, const char *text, size_t from, size_t len, size_t chunk_bytes)
{
	int error = 0;
	for (size_t start = from; start < len && !error;) {
		size_t end = cached_cut(w, text, len, start + chunk_bytes);
		cmark_node *doc = NULL;
		int split = 0;
		if (end - start > 2 * chunk_bytes) {
			size_t cut = para_cut(w, text, len, end, start + chunk_bytes);
			if (cut < end) {
				if (!(doc = parse_chunk(w, text + start, cut - start)))
					return error__oom();
				if ((split = paragraph_split(doc, text + start, cut - start)))
					end = cut;
				else
					drop_tree(w, doc);
			}
		}
		for (; !split;) {
			doc = parse_chunk(w, text + start, end - start);
			if (!doc)
				return error__oom();
			if (end >= len) {
				if (w->check_end)
					w->open_at_end = open_at_end(doc, text + start, end - start);
				break;
			}
			if (!cut_inside_block(doc, text + start, end - start))
				break;
			drop_tree(w, doc);
			/* The cut fell inside a block (an unclosed fence runs to the end of
			 * the file): parse again a chunk twice as long, not just one line
			 * longer, so that the text parsed again stays within twice the
			 * final chunk and the scan linear, wherever the block ends. */
			end = cached_cut(w, text, len, start + 2 * (end - start));
		}
		if ((error = check_range(text, start, end, w->name))) {
			drop_tree(w, doc);
			return error;
		}
		cmark_node *rest = w->continuation ? cmark_node_first_child(doc) : NULL;
		for (cmark_node *node = cmark_node_first_child(doc); node && !error; node = cmark_node_next(node)) {
			if (cmark_node_get_type(node) == CMARK_NODE_HEADING)
				error = visit_heading(w, node, line_of(w, node, 0));
			else if (node == rest && cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)
				visit_rest(w, node);
			else
				visit_block(w, node);
		}
		drop_tree(w, doc);
		w->continuation = split;
		w->offset += text__count_newlines(text + start, end - start);
		if (drops(w->map))
			fs__map_drop(w->map, start, end);
		start = end;
	}
	return error;
}

/* A byte offset to find: where line `line` starts (the end of the text past its last line). */
struct target {
	size_t line;
	size_t *at;
};

struct targets {
	struct target *list;
	size_t count, size;
	int error;
};

static void want(struct targets *t, size_t line, size_t *at)
{
	if (t->error || !line)
		return; /* a line cmark did not know: its bytes stay 0 */
	if (t->count == t->size) {
		size_t size = t->size ? 2 * t->size : 64;
		struct target *grown = realloc(t->list, size * sizeof(*grown));
		if (!grown) {
			t->error = error__oom();
			return;
		}
		t->list = grown;
		t->size = size;
	}
	t->list[t->count++] = (struct target){ line, at };
}

static int by_line(const void *a, const void *b)
{
	size_t x = ((const struct target *)a)->line, y = ((const struct target *)b)->line;
	return x < y ? -1 : x > y;
}

static void want_mark(struct targets *t, struct scan_mark *m)
{
	if (m->kind != MARK_NONE && m->line && m->end_line >= m->line) {
		want(t, m->line, &m->start);
		want(t, m->end_line + 1, &m->end);
	}
}

static void want_range(struct targets *t, struct scan_range *r)
{
	if (r->first) {
		want(t, r->first, &r->start);
		want(t, r->last + 1, &r->end);
	}
}

static void want_section(struct targets *t, struct scan_section *sec)
{
	want(t, sec->line, &sec->start);
	want_range(t, &sec->body);
}

/*
 * In one pass over the text: the bytes of every line range the scan gives
 * (no index of every line: a file may hold millions of them), and each
 * question's body hash, FNV-1a over the lines under its heading, its
 * mark's lines left out.
 */
static int hash_and_place(struct scan *out, const char *data, size_t len, const struct fs_map *map)
{
	struct targets t = { 0 };
	for (size_t i = 0; i < out->item_count; i++) {
		struct scan_item *it = &out->items[i];
		want(&t, it->line, &it->start);
		want(&t, it->heading_end + 1, &it->heading_to);
		want(&t, it->end_line + 1, &it->end);
		want_mark(&t, &it->mark);
	}
	for (size_t i = 0; i < out->question_count; i++) {
		struct scan_question *q = &out->questions[i];
		want(&t, q->line, &q->start);
		want(&t, q->heading_end + 1, &q->heading_to);
		want(&t, q->end_line + 1, &q->end);
		want_mark(&t, &q->mark);
		for (size_t r = 0; r < q->answer_range_count; r++)
			want_range(&t, &q->answer_lines[r]);
		for (size_t p = 0; p < q->position_count; p++)
			want_section(&t, &q->positions[p]);
		want_section(&t, &q->synthesis);
	}
	if (t.count)
		qsort(t.list, t.count, sizeof(*t.list), by_line);
	size_t line = 1, q = 0, k = 0, dropped = 0;
	for (size_t i = 0; i < len && (q < out->question_count || k < t.count); line++) {
		gone_past(map, &dropped, i);
		for (; k < t.count && t.list[k].line <= line; k++)
			*t.list[k].at = i;
		const char *end = memchr(data + i, '\n', len - i);
		size_t next = end ? (size_t)(end - data) + 1 : len;
		while (q < out->question_count && line > out->questions[q].end_line)
			q++;
		if (q < out->question_count) {
			struct scan_question *sq = &out->questions[q];
			int body = line > sq->heading_end && line <= sq->end_line &&
			           !(sq->mark.kind && line >= sq->mark.line && line <= sq->mark.end_line);
			if (!sq->body_hash)
				sq->body_hash = HASH__FNV1A_INIT;
			if (body) /* a line at a time, eight bytes at a time: the same lines give the same hash */
				sq->body_hash = hash__words_on(sq->body_hash, data + i, next - i);
		}
		i = next;
	}
	for (; k < t.count; k++) /* past the last line */
		*t.list[k].at = len;
	free(t.list);
	return t.error;
}

int scan__text(struct scan *out, const char *data, size_t len, const char *name,
                const grille_grid *grid)
{
	return scan__chunked(out, data, len, name, grid, 0, 0);
}

int scan__detailed(struct scan *out, const char *data, size_t len, const char *name,
                         const grille_grid *grid)
{
	return scan__chunked(out, data, len, name, grid, 1, 0);
}

/* cmark ends a line at a carriage return standing alone, as old Mac files
 * did; git, editors and grille's edits count lines by line feeds only. Such
 * a return becomes a space in the text cmark reads, so that every line
 * number the scan gives is the one an edit will change. */
static int blank_lone_returns(const char *data, size_t len, const struct fs_map *map, char **copy)
{
	size_t dropped = 0;
	for (size_t from = 0; from < len;) {
		/* memchr() by steps: one call over the whole file would touch all its pages. */
		size_t step = map && len - from > DROP_STEP ? DROP_STEP : len - from;
		const char *p = memchr(data + from, '\r', step);
		if (!p) {
			from += step;
			gone_past(map, &dropped, from);
			continue;
		}
		size_t at = (size_t)(p - data);
		from = at + 1;
		if (at + 1 < len && data[at + 1] == '\n')
			continue;
		if (!*copy && !(*copy = text_copy(data, len)))
			return error__oom();
		(*copy)[at] = ' ';
	}
	return 0;
}

/* One walk over lines `offset` + 1 on, from byte `from` to `len` of `text`,
 * into `out`: the whole file, or one half of it. */
struct half {
	struct scan *out;
	const char *text;
	size_t from, len, offset;
	const struct fs_map *map;
	const char *name;
	const grille_grid *grid;
	int detail, check_end, open_at_end;
	size_t chunk_bytes;
	int error;
};

static int walk_half(void *arg)
{
	struct half *h = arg;
	/* An arena pays for itself over many chunks; one small text (a blob of the history, a
	 * step of a few pages) costs less through cmark's allocator than a block of its own.
	 * NULL too when every arena is taken. */
	size_t chunk = h->chunk_bytes ? h->chunk_bytes : CHUNK_BYTES;
	struct walk w = { .scan = h->out, .grid = h->grid, .detail = h->detail, .name = h->name, .map = h->map,
	                  .offset = h->offset, .check_end = h->check_end,
	                  .arena = h->len - h->from > chunk ? markdown__arena_new() : NULL };
	int error = walk_chunks(&w, h->text, h->from, h->len, chunk);
	markdown__arena_free(w.arena);
	close_item(&w, w.offset + (h->len > h->from && h->text[h->len - 1] != '\n') + 1);
	h->open_at_end = w.open_at_end;
	return h->error = error ? error : w.error;
}

/* Files from this size on are scanned in two halves at once, when the scan
 * runs in the last jobs of a parallel__for(): five step files of the same
 * size on two cores would otherwise leave one idle for the whole of the last. */
#define SPLIT_FROM ((size_t)4 << 20)

/* Where `line` (of `len` bytes) is an item's heading as a step file writes
 * it: "#… N.N title". The walk of the second half makes sure. */
static int item_heading_line(const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && line[i] == '#')
		i++;
	if (i == 0 || i > 6 || i >= len || line[i] != ' ')
		return 0;
	while (i < len && line[i] == ' ')
		i++;
	size_t digits = 0, dots = 0;
	for (; i < len && ((line[i] >= '0' && line[i] <= '9') || line[i] == '.'); i++) {
		dots += line[i] == '.';
		digits += line[i] != '.';
	}
	return dots == 1 && digits >= 2 && line[i - 1] != '.' && (i == len || line[i] == ' ');
}

/* The start of the first item heading line at or after byte `from`, and
 * the lines before it; 0 when there is none before the last quarter. The
 * pages of the mapped file it goes past are given back as it goes: a file
 * without headings is read to its end here. */
static size_t halves_cut(const char *text, size_t len, size_t from, size_t *lines, const struct fs_map *map)
{
	*lines = 0;
	size_t dropped = 0, cut = 0;
	const char *p = text;
	for (const char *nl; (nl = memchr(p, '\n', (size_t)(text + len - p))); p = nl + 1) {
		size_t at = (size_t)(p - text);
		gone_past(map, &dropped, at);
		if (at >= from && item_heading_line(p, (size_t)(nl - p))) {
			cut = at > len - len / 4 ? 0 : at;
			break;
		}
		++*lines;
	}
	if (drops(map))
		fs__map_drop(map, dropped, (size_t)(p - text));
	return cut;
}

/* Append the scan `second` to `first`, emptied. */
static int append_scan(struct scan *first, struct scan *second)
{
	if (second->item_count) {
		struct scan_item *items = realloc(first->items, (first->item_count + second->item_count) * sizeof(*items));
		if (!items)
			return error__oom();
		memcpy(items + first->item_count, second->items, second->item_count * sizeof(*items));
		first->items = items;
		first->item_count += second->item_count;
		free(second->items);
		second->items = NULL;
		second->item_count = 0;
	}
	if (second->question_count) {
		struct scan_question *questions = realloc(first->questions, (first->question_count + second->question_count) *
		                                                            sizeof(*questions));
		if (!questions)
			return error__oom();
		memcpy(questions + first->question_count, second->questions, second->question_count * sizeof(*questions));
		first->questions = questions;
		first->question_count += second->question_count;
		free(second->questions);
		second->questions = NULL;
		second->question_count = 0;
	}
	first->parsed_bytes += second->parsed_bytes;
	first->parse_count += second->parse_count;
	return 0;
}

/*
 * The walk over the whole text, in two halves on two threads when it is
 * large and the scan is one of the last jobs of a parallel__for() (a thread
 * would otherwise wait for it with nothing to do): the halves meet before an
 * item's heading, which closes everything before it, so that the second
 * half's walk starts as the whole one would there. When the first half
 * ends in a block the heading may not end (a fence, an HTML block, a table),
 * or the second does not start with an item, the whole text is walked
 * again in one go: the result never depends on the cut.
 */
static int scan_walk(struct scan *out, const char *text, size_t len, const struct fs_map *map, const char *name,
                     const grille_grid *grid, int detail, size_t chunk_bytes)
{
	struct half whole = { .out = out, .text = text, .len = len, .map = map, .name = name, .grid = grid,
	                      .detail = detail, .chunk_bytes = chunk_bytes };
	size_t lines = 0, cut = map && len >= SPLIT_FROM && parallel__threads_to_spare() ?
	                             halves_cut(text, len, len / 2, &lines, map) : 0;
	if (!cut)
		return walk_half(&whole);
	struct scan second_scan = { 0 };
	struct half first = whole, second = whole;
	first.len = cut;
	first.check_end = 1;
	second.out = &second_scan;
	second.from = cut;
	second.offset = lines;
	int error = parallel__both(walk_half, &first, walk_half, &second);
	/* A failure of the second half is the whole walk's first (the text's bytes
	 * are checked chunk by chunk, whatever the cut), unless the cut changed
	 * what it read. */
	int same = !first.open_at_end &&
	           (second.error || (second_scan.item_count && second_scan.items[0].line == lines + 1));
	if (!first.error && same && !second.error) {
		error = append_scan(out, &second_scan);
		out->halves = 1;
	} else if (!first.error && !same) { /* the cut may change what the walk sees: once again, whole */
		size_t conflicts = out->conflict_count;
		scan__release(out);
		out->conflict_count = conflicts;
		error = walk_half(&whole);
	}
	scan__release(&second_scan);
	return error;
}

/*
 * Every pass reads the text from start to end, so that over a mapped file
 * (`map`) each gives back the pages it is past, and memory follows the
 * chunk, not the file: the UTF-8 check is made chunk by chunk, the lines are
 * counted as the chunks go. What still takes the file's size is a copy of
 * it, made only when a conflict marker or a lone carriage return must change.
 */
static int scan_all(struct scan *out, const char *data, size_t len, const struct fs_map *map,
                    const char *name, const grille_grid *grid, int detail, size_t chunk_bytes)
{
	memset(out, 0, sizeof(*out));
	char *copy = NULL;
	struct region *regions = NULL;
	size_t region_count = 0;
	int error = find_conflicts(data, len, map, &copy, &regions, &region_count);
	if (!error)
		error = blank_lone_returns(data, len, map, &copy);
	if (error)
		goto out;
	out->conflict_count = region_count;

	error = scan_walk(out, copy ? copy : data, len, map, name, grid, detail, chunk_bytes);
	if (error)
		goto out;

	for (size_t q = 0; q < out->question_count; q++)
		for (size_t r = 0; r < region_count; r++)
			if (regions[r].first <= out->questions[q].end_line &&
			    regions[r].last >= out->questions[q].line)
				out->questions[q].conflict = 1;
	error = hash_and_place(out, data, len, map);
	fs__map_drop(map, 0, len);
out:
	free(copy);
	free(regions);
	if (error)
		scan__release(out);
	return error;
}

int scan__chunked(struct scan *out, const char *data, size_t len, const char *name,
                  const grille_grid *grid, int detail, size_t chunk_bytes)
{
	return scan_all(out, data, len, NULL, name, grid, detail, chunk_bytes);
}

int scan__file(struct scan *out, const struct fs_map *map, const char *name, const grille_grid *grid)
{
	return scan_all(out, map->data, map->len, map, name, grid, 0, 0);
}

void scan__mark_release(struct scan_mark *mark)
{
	free(mark->until);
	free(mark->until_text);
	free(mark->reason);
	memset(mark, 0, sizeof(*mark));
}

void scan__sections_release(struct scan_question *q)
{
	for (size_t p = 0; p < q->position_count; p++)
		free(q->positions[p].name);
	free(q->positions);
	q->positions = NULL;
	q->position_count = 0;
	memset(&q->synthesis, 0, sizeof(q->synthesis));
}

void scan__release(struct scan *scan)
{
	for (size_t i = 0; i < scan->item_count; i++) {
		free(scan->items[i].id);
		free(scan->items[i].title);
		scan__mark_release(&scan->items[i].mark);
	}
	for (size_t i = 0; i < scan->question_count; i++) {
		free(scan->questions[i].id);
		free(scan->questions[i].text);
		scan__mark_release(&scan->questions[i].mark);
		free(scan->questions[i].answer_lines);
		scan__sections_release(&scan->questions[i]);
	}
	free(scan->items);
	free(scan->questions);
	memset(scan, 0, sizeof(*scan));
}

const struct scan_question *scan__question(const struct scan *scan, const char *id)
{
	for (size_t i = 0; i < scan->question_count; i++)
		if (strcmp(scan->questions[i].id, id) == 0)
			return &scan->questions[i];
	return NULL;
}

const struct scan_item *scan__item(const struct scan *scan, const char *id)
{
	for (size_t i = 0; i < scan->item_count; i++)
		if (strcmp(scan->items[i].id, id) == 0)
			return &scan->items[i];
	return NULL;
}

grille_state scan__question_state(const struct scan_question *q, const struct scan_item *item)
{
	if (q->conflict)
		return GRILLE_STATE_CONFLICT;
	if (q->answered) /* a mark never hides what the group wrote: it covers the rest */
		return GRILLE_STATE_ANSWERED;
	if (q->retired) /* no longer the grid's: settled, as a skipped question */
		return GRILLE_STATE_SKIPPED;
	if (q->mark.kind == MARK_SKIP)
		return GRILLE_STATE_SKIPPED;
	if (q->mark.kind == MARK_DEFER)
		return GRILLE_STATE_DEFERRED;
	if (item && item->mark.kind == MARK_SKIP)
		return GRILLE_STATE_SKIPPED;
	if (item && item->mark.kind == MARK_DEFER)
		return GRILLE_STATE_DEFERRED;
	return GRILLE_STATE_UNANSWERED;
}
