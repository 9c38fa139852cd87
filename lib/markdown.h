#ifndef GRILLE_MARKDOWN_H
#define GRILLE_MARKDOWN_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "grille/buf.h"

/* cmark-gfm as grille reads it: GitHub-flavoured Markdown, the syntax groups
 * see on their forge (tables, task lists, strikethrough, autolinks). */

/* Parse a document; NULL when out of memory. Free with cmark_node_free(). */
cmark_node *markdown__parse(const char *data, size_t len);

/* An arena that holds trees until it is reset, used by one thread at a time
 * (NULL when out of memory, or when 16 arenas are in use: parse without). */
struct markdown_arena;
struct markdown_arena *markdown__arena_new(void);
/* Parse into the arena: the tree, and anything cmark allocates for it
 * later (iterators, literals), lives until markdown__arena_reset(), which
 * frees them all at once; never cmark_node_free() such a tree. */
cmark_node *markdown__parse_in(struct markdown_arena *arena, const char *data, size_t len);
void markdown__arena_reset(struct markdown_arena *arena);
void markdown__arena_free(struct markdown_arena *arena);

/* Append the text a reader sees in `node` (blocks separated by spaces). */
void markdown__text(grille_buf *out, cmark_node *node);

/* Fold runs of white space into one space and trim the ends. */
void markdown__normalize(grille_buf *text);

/* Building documents as cmark trees, rendered by cmark: every character of
 * the text is escaped as Markdown requires. */
cmark_node *md__text(const char *literal);
/* A paragraph (or heading, with level > 0) holding `text`, appended to `parent`. */
cmark_node *md__append_text_block(cmark_node *parent, int heading_level, const char *text);
/* A GFM table of `columns` columns, appended to `parent`. */
cmark_node *md__append_table(cmark_node *parent, int columns);
/* A row of `cells` (NULL cells are empty), the first row being the header. */
void md__append_row(cmark_node *table, const char *const *cells, int count);
/* Move every block of `doc` under `parent`, then free `doc`. */
void md__adopt(cmark_node *parent, cmark_node *doc);

#endif
