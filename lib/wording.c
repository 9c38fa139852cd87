#include <stdint.h>
#include <string.h>

#include "wording.h"

/* po/en.po as msgfmt compiled it (lib/meson.build). */
extern const unsigned char grille_english_catalogue[];
extern const size_t grille_english_catalogue_size;

/*
 * A GNU .mo file: a header, then two tables of (length, offset) pairs, the
 * original strings sorted as msgfmt sorts them, and their translations at
 * the same index. A plural entry holds "singular\0plural" and
 * "form0\0form1". Every offset is checked before it is read: a damaged
 * catalogue gives back the French, never a read out of bounds.
 */
struct catalogue {
	const unsigned char *data;
	size_t size;
	int swapped;
	uint32_t count, originals, translations;
};

#define MO_MAGIC UINT32_C(0x950412de)
#define MO_HEADER 28

static uint32_t word_at(const struct catalogue *c, size_t at)
{
	uint32_t w;
	memcpy(&w, c->data + at, sizeof(w));
	return c->swapped ? __builtin_bswap32(w) : w;
}

static int catalogue_open(struct catalogue *c, const unsigned char *data, size_t size)
{
	*c = (struct catalogue){ .data = data, .size = size };
	if (size < MO_HEADER)
		return -1;
	uint32_t magic = word_at(c, 0);
	c->swapped = magic != MO_MAGIC;
	if (c->swapped && word_at(c, 0) != MO_MAGIC)
		return -1;
	if (word_at(c, 4) >> 16 > 1) /* major revision 0 or 1 */
		return -1;
	c->count = word_at(c, 8);
	c->originals = word_at(c, 12);
	c->translations = word_at(c, 16);
	uint64_t table = (uint64_t)c->count * 8;
	if (c->originals + table > size || c->translations + table > size)
		return -1;
	return 0;
}

/* The string of entry `i` in the table at `table`, or NULL when its bytes
 * (and the NUL msgfmt puts after them) are not all inside the catalogue. */
static const char *entry(const struct catalogue *c, uint32_t table, uint32_t i, uint32_t *length)
{
	*length = word_at(c, table + (size_t)i * 8);
	uint32_t offset = word_at(c, table + (size_t)i * 8 + 4);
	if ((uint64_t)offset + *length >= c->size || c->data[offset + *length] != '\0')
		return NULL;
	return (const char *)c->data + offset;
}

/* The translation of `msgid` ("a\0b" for plural entries), or NULL. */
static const char *lookup(const struct catalogue *c, const char *msgid, uint32_t *length)
{
	uint32_t low = 0, high = c->count;
	while (low < high) {
		uint32_t middle = low + (high - low) / 2, original_length;
		const char *original = entry(c, c->originals, middle, &original_length);
		if (!original)
			return NULL;
		int order = strcmp(msgid, original);
		if (order == 0)
			return entry(c, c->translations, middle, length);
		if (order < 0)
			high = middle;
		else
			low = middle + 1;
	}
	return NULL;
}

const char *wording__find(const unsigned char *mo, size_t size, const char *msgid, size_t *length)
{
	struct catalogue c;
	uint32_t found_length = 0; /* lookup() leaves it unset when it finds nothing */
	if (catalogue_open(&c, mo, size) != 0)
		return NULL;
	const char *found = lookup(&c, msgid, &found_length);
	*length = found_length;
	return found;
}

int wording__english(const char *language)
{
	return language && strcmp(language, "en") == 0;
}

const char *wording__text(const char *language, const char *msgid)
{
	size_t length;
	if (!wording__english(language) || !*msgid)
		return msgid;
	const char *found = wording__find(grille_english_catalogue, grille_english_catalogue_size, msgid, &length);
	return found && *found ? found : msgid;
}

const char *wording__plural(const char *language, const char *singular, const char *plural,
                            unsigned long n)
{
	size_t length;
	if (!wording__english(language))
		return n > 1 ? plural : singular;
	const char *found = wording__find(grille_english_catalogue, grille_english_catalogue_size, singular, &length);
	if (!found || !*found)
		return n != 1 ? plural : singular;
	size_t first = strlen(found);
	if (n == 1 || first >= length)
		return found;
	return found + first + 1; /* the second form follows the first's NUL */
}

static _Thread_local const char *thread_language;

void intl__speak(const char *language)
{
	/* A constant, not `language`: the workspace holding that may close first. */
	thread_language = !language ? NULL : wording__english(language) ? "en" : "fr";
}

const char *intl__message(const char *msgid)
{
	return thread_language ? wording__text(thread_language, msgid) : dgettext(GETTEXT_PACKAGE, msgid);
}
