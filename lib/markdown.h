#ifndef GRILLE_MARKDOWN_H
#define GRILLE_MARKDOWN_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "grille/buf.h"

/* cmark-gfm as grille reads it: GitHub-flavoured Markdown, the syntax groups
 * see on their forge (tables, task lists, strikethrough, autolinks). */

/* Parse a document; NULL when out of memory. Free with cmark_node_free(). */
cmark_node *grille_markdown_parse(const char *data, size_t len);

/* Append the text a reader sees in `node` (blocks separated by spaces). */
void grille_markdown_text(grille_buf *out, cmark_node *node);

/* Fold runs of white space into one space and trim the ends. */
void grille_markdown_normalize(grille_buf *text);

#endif
