#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/buf.h"

#include "markdown.h"

static const char *const extensions[] = {
	"table", "tasklist", "strikethrough", "autolink", "tagfilter",
};

/*
 * An arena for the trees of a scan's chunks. Allocating and freeing each of
 * a tree's nodes, strings and buffers one by one took as long as a third of
 * the parse with glibc's malloc; here a tree is carved out of a few large
 * blocks and thrown away at once by markdown__arena_reset().
 *
 * cmark's allocator has no context argument: each arena takes one of
 * ARENA_SLOTS slots, whose functions know it. (A thread-local "current
 * arena" cost a call to __tls_get_addr() at every allocation, in a module
 * loaded by dlopen().)
 *
 * Each piece starts with its size, so that realloc() knows what to copy,
 * and grows in place when it is the block's last piece (cmark's buffers
 * grow while a block's lines are added). Pieces of BIG_PIECE bytes or more
 * are malloc()ed one by one, linked in a list, and really freed: a chunk
 * that no cut may split (an unclosed fence over the whole file) then holds
 * its text once, not in every size its buffer grew through.
 */
#define ARENA_BLOCK (1024 * 1024)
#define BIG_PIECE (64 * 1024)
#define ARENA_SLOTS 16 /* as many as parallel__for()'s threads, with a half each */

struct piece {
	size_t size;
	struct piece *prev, *next; /* a big piece's neighbours; small: prev is NULL, next is the piece itself */
	alignas(max_align_t) unsigned char data[];
};

struct block {
	struct block *next;
	size_t used;
	size_t dirty; /* bytes from the start ever handed out: those past it are still calloc()'s zeros */
	alignas(max_align_t) unsigned char data[ARENA_BLOCK];
};

struct markdown_arena {
	struct block *blocks; /* the one pieces are carved from first */
	struct block *spare;  /* emptied by a reset, used again */
	struct piece *bigs;
	struct piece *last;   /* the last small piece carved, which may grow in place */
	size_t slot;
	cmark_mem mem;
};

static struct piece *piece_of(void *ptr)
{
	return (struct piece *)((unsigned char *)ptr - offsetof(struct piece, data));
}

/* Out of memory: cmark's own allocator aborts, and its parser cannot go on without memory. */
static void *or_abort(void *ptr)
{
	if (!ptr)
		abort();
	return ptr;
}

static struct piece *big_piece(struct markdown_arena *a, size_t size)
{
	struct piece *p = or_abort(malloc(sizeof(*p) + size));
	p->size = size;
	p->prev = (struct piece *)a; /* the list's head: never NULL, so it tells a big piece */
	p->next = a->bigs;
	if (a->bigs)
		a->bigs->prev = p;
	a->bigs = p;
	return p;
}

static void unlink_big(struct markdown_arena *a, struct piece *p)
{
	if (p->prev == (struct piece *)a)
		a->bigs = p->next;
	else
		p->prev->next = p->next;
	if (p->next)
		p->next->prev = p->prev;
}

static int is_big(const struct piece *p)
{
	return p->prev != NULL;
}

static size_t rounded(size_t size)
{
	size_t align = alignof(max_align_t);
	return (size + align - 1) / align * align;
}

/* A piece of `size` bytes; `*zeroed` tells whether it holds only zeros. */
static void *carve(struct markdown_arena *a, size_t size, int *zeroed)
{
	*zeroed = 0;
	if (size >= BIG_PIECE || size > SIZE_MAX / 2)
		return big_piece(a, size)->data;
	size_t need = sizeof(struct piece) + rounded(size);
	if (!a->blocks || a->blocks->used + need > ARENA_BLOCK) {
		struct block *b = a->spare;
		if (b)
			a->spare = b->next;
		else
			b = or_abort(calloc(1, sizeof(*b))); /* zeros from the system: most callocs need no memset */
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	struct block *b = a->blocks;
	struct piece *p = (struct piece *)(b->data + b->used);
	*zeroed = b->used >= b->dirty;
	b->used += need;
	if (b->dirty < b->used)
		b->dirty = b->used;
	p->size = size;
	p->prev = NULL;
	p->next = p;
	a->last = p;
	return p->data;
}

static void *arena_calloc(struct markdown_arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		abort();
	int zeroed;
	void *ptr = carve(a, count * size, &zeroed);
	return zeroed ? ptr : memset(ptr, 0, count * size);
}

static void *arena_realloc(struct markdown_arena *a, void *ptr, size_t size)
{
	int zeroed;
	if (!ptr)
		return carve(a, size, &zeroed);
	struct piece *p = piece_of(ptr);
	if (is_big(p)) {
		unlink_big(a, p);
		struct piece *grown = realloc(p, sizeof(*p) + size);
		if (!grown)
			abort();
		grown->size = size;
		grown->next = a->bigs;
		if (a->bigs)
			a->bigs->prev = grown;
		a->bigs = grown;
		grown->prev = (struct piece *)a;
		return grown->data;
	}
	struct block *b = a->blocks;
	if (p == a->last && size < BIG_PIECE &&
	    (unsigned char *)p + sizeof(*p) + rounded(size) <= b->data + ARENA_BLOCK) {
		b->used = (size_t)((unsigned char *)p - b->data) + sizeof(*p) + rounded(size);
		if (b->dirty < b->used)
			b->dirty = b->used;
		p->size = size;
		return ptr;
	}
	void *moved = carve(a, size, &zeroed);
	memcpy(moved, ptr, p->size < size ? p->size : size);
	return moved;
}

static void arena_free(struct markdown_arena *a, void *ptr)
{
	if (!ptr)
		return;
	struct piece *p = piece_of(ptr);
	if (is_big(p)) {
		unlink_big(a, p);
		free(p);
	}
}

/* The slots: an arena each, and cmark allocator functions that know it. */
static struct markdown_arena *_Atomic slots[ARENA_SLOTS];

#define SLOT(k) \
	static void *calloc_##k(size_t count, size_t size) { return arena_calloc(slots[k], count, size); } \
	static void *realloc_##k(void *ptr, size_t size) { return arena_realloc(slots[k], ptr, size); } \
	static void free_##k(void *ptr) { arena_free(slots[k], ptr); }
SLOT(0) SLOT(1) SLOT(2) SLOT(3) SLOT(4) SLOT(5) SLOT(6) SLOT(7)
SLOT(8) SLOT(9) SLOT(10) SLOT(11) SLOT(12) SLOT(13) SLOT(14) SLOT(15)
#undef SLOT
#define MEM(k) { calloc_##k, realloc_##k, free_##k }
static const cmark_mem slot_mem[ARENA_SLOTS] = {
	MEM(0), MEM(1), MEM(2), MEM(3), MEM(4), MEM(5), MEM(6), MEM(7),
	MEM(8), MEM(9), MEM(10), MEM(11), MEM(12), MEM(13), MEM(14), MEM(15),
};
#undef MEM

struct markdown_arena *markdown__arena_new(void)
{
	struct markdown_arena *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	for (size_t k = 0; k < ARENA_SLOTS; k++) {
		struct markdown_arena *none = NULL;
		if (atomic_compare_exchange_strong(&slots[k], &none, a)) {
			a->slot = k;
			a->mem = slot_mem[k];
			return a;
		}
	}
	free(a);
	return NULL; /* every slot taken: cmark's own allocator */
}

void markdown__arena_reset(struct markdown_arena *a)
{
	while (a->bigs) {
		struct piece *next = a->bigs->next;
		free(a->bigs);
		a->bigs = next;
	}
	while (a->blocks) {
		struct block *next = a->blocks->next;
		a->blocks->next = a->spare;
		a->spare = a->blocks;
		a->blocks = next;
	}
	a->last = NULL;
}

void markdown__arena_free(struct markdown_arena *a)
{
	if (!a)
		return;
	markdown__arena_reset(a);
	while (a->spare) {
		struct block *next = a->spare->next;
		free(a->spare);
		a->spare = next;
	}
	atomic_store(&slots[a->slot], NULL);
	free(a);
}

/* Exported by libcmark-gfm-extensions, declared in no header it installs:
 * an autolink extension of one's own, not the registered one. */
cmark_syntax_extension *create_autolink_extension(void);

/*
 * The autolink extension finds URLs as the inlines are parsed; then, once
 * the tree is whole, it walks every node again (after gathering the text
 * nodes a second time) for e-mail addresses, text around an "@". A text
 * with no "@" and no "&" (an entity such as &#64; may write one) has none:
 * it is parsed with a copy of the extension that finds URLs the same way
 * and skips that walk, a tenth of the parse of such a text.
 */
static cmark_syntax_extension *urls_only;
static pthread_once_t urls_only_once = PTHREAD_ONCE_INIT;

static void make_urls_only(void)
{
	urls_only = create_autolink_extension();
	if (urls_only)
		cmark_syntax_extension_set_postprocess_func(urls_only, NULL);
}

static cmark_syntax_extension *extension_for(const char *name, const char *data, size_t len)
{
	if (strcmp(name, "autolink") == 0 && !memchr(data, '@', len) && !memchr(data, '&', len)) {
		pthread_once(&urls_only_once, make_urls_only);
		if (urls_only)
			return urls_only;
	}
	return cmark_find_syntax_extension(name);
}

static cmark_node *parse_with(cmark_mem *mem, const char *data, size_t len)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
	if (!parser)
		return NULL;
	for (size_t i = 0; i < sizeof(extensions) / sizeof(*extensions); i++) {
		cmark_syntax_extension *ext = extension_for(extensions[i], data, len);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, data, len);
	cmark_node *doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

cmark_node *markdown__parse(const char *data, size_t len)
{
	return parse_with(cmark_get_default_mem_allocator(), data, len);
}

cmark_node *markdown__parse_in(struct markdown_arena *arena, const char *data, size_t len)
{
	return parse_with(&arena->mem, data, len);
}

/* cmark encodes the entities &#xFFFE; and &#xFFFF; as the single bytes 0xFE
 * and 0xFF, which are never UTF-8: they become U+FFFD, so that the text
 * stays valid wherever it goes (JSON, XML, the scan cache). */
static void put_literal(grille_buf *out, const char *literal)
{
	if (!literal)
		return;
	for (;;) {
		size_t run = strcspn(literal, "\xfe\xff");
		grille_buf_put(out, literal, run);
		if (!literal[run])
			return;
		grille_buf_puts(out, "\xef\xbf\xbd");
		literal += run + 1;
	}
}

void markdown__text(grille_buf *out, cmark_node *node)
{
	cmark_iter *iter = cmark_iter_new(node);
	cmark_event_type event;
	while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(cur);
		if (event == CMARK_EVENT_ENTER) {
			switch (type) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
			case CMARK_NODE_CODE_BLOCK:
			case CMARK_NODE_HTML_BLOCK:
				put_literal(out, cmark_node_get_literal(cur));
				break;
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				grille_buf_puts(out, " ");
				break;
			default:
				break;
			}
		} else if ((type & CMARK_NODE_TYPE_INLINE) != CMARK_NODE_TYPE_INLINE) {
			grille_buf_puts(out, " "); /* the end of a block, or of a table cell */
		}
	}
	cmark_iter_free(iter);
}

void markdown__normalize(grille_buf *text)
{
	size_t out = 0;
	int space = 1; /* drops leading white space */
	for (size_t i = 0; i < text->len; i++) {
		char c = text->ptr[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			if (!space)
				text->ptr[out++] = ' ';
			space = 1;
		} else {
			text->ptr[out++] = c;
			space = 0;
		}
	}
	if (out && text->ptr[out - 1] == ' ')
		out--;
	text->len = out;
	if (text->ptr)
		text->ptr[out] = '\0';
}

extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

cmark_node *md__text(const char *literal)
{
	cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(text, literal ? literal : "");
	return text;
}

cmark_node *md__append_text_block(cmark_node *parent, int heading_level, const char *text)
{
	cmark_node *block = cmark_node_new(heading_level ? CMARK_NODE_HEADING : CMARK_NODE_PARAGRAPH);
	if (heading_level)
		cmark_node_set_heading_level(block, heading_level);
	cmark_node_append_child(block, md__text(text));
	cmark_node_append_child(parent, block);
	return block;
}

cmark_node *md__append_table(cmark_node *parent, int columns)
{
	cmark_gfm_core_extensions_ensure_registered();
	cmark_node *table = cmark_node_new_with_ext(CMARK_NODE_TABLE, cmark_find_syntax_extension("table"));
	cmark_gfm_extensions_set_table_columns(table, (uint16_t)columns);
	uint8_t align[32] = { 0 };
	cmark_gfm_extensions_set_table_alignments(table, (uint16_t)columns, align);
	cmark_node_append_child(parent, table);
	return table;
}

void md__append_row(cmark_node *table, const char *const *cells, int count)
{
	cmark_syntax_extension *ext = cmark_find_syntax_extension("table");
	cmark_node *row = cmark_node_new_with_ext(CMARK_NODE_TABLE_ROW, ext);
	if (!cmark_node_first_child(table))
		cmark_gfm_extensions_set_table_row_is_header(row, 1);
	for (int i = 0; i < count; i++) {
		/* Not cmark_node_new_with_ext(): cmark-gfm 0.29 never frees the data
		 * it would allocate for a cell, and a cell needs none to render. */
		cmark_node *cell = cmark_node_new(CMARK_NODE_TABLE_CELL);
		cmark_node_set_syntax_extension(cell, ext);
		cmark_node_append_child(cell, md__text(cells[i]));
		cmark_node_append_child(row, cell);
	}
	cmark_node_append_child(table, row);
}

void md__adopt(cmark_node *parent, cmark_node *doc)
{
	cmark_node *child;
	while ((child = cmark_node_first_child(doc))) {
		cmark_node_unlink(child);
		cmark_node_append_child(parent, child);
	}
	cmark_node_free(doc);
}
