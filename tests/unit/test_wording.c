/* What grille writes into a workspace speaks the workspace's language: the
 * .mo reader behind it, on a catalogue made here and on the embedded one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "wording.h"

extern const unsigned char grille_english_catalogue[];
extern const size_t grille_english_catalogue_size;

struct pair { const char *original; size_t original_length; const char *text; size_t text_length; };

static void put_word(unsigned char *at, uint32_t w, int big)
{
	for (int i = 0; i < 4; i++)
		at[big ? 3 - i : i] = (unsigned char)(w >> (8 * i));
}

/* A .mo file as msgfmt lays it out: header, two tables, strings with NULs. */
static unsigned char *make_mo(const struct pair *pairs, uint32_t count, int big, size_t *size)
{
	size_t strings = 0;
	for (uint32_t i = 0; i < count; i++)
		strings += pairs[i].original_length + 1 + pairs[i].text_length + 1;
	size_t header = 28, tables = (size_t)count * 16;
	*size = header + tables + strings;
	unsigned char *mo = calloc(1, *size);
	put_word(mo, 0x950412de, big);
	put_word(mo + 8, count, big);
	put_word(mo + 12, 28, big);
	put_word(mo + 16, 28 + count * 8, big);
	size_t at = header + tables;
	for (int table = 0; table < 2; table++)
		for (uint32_t i = 0; i < count; i++) {
			const char *s = table ? pairs[i].text : pairs[i].original;
			size_t n = table ? pairs[i].text_length : pairs[i].original_length;
			put_word(mo + 28 + table * count * 8 + i * 8, (uint32_t)n, big);
			put_word(mo + 28 + table * count * 8 + i * 8 + 4, (uint32_t)at, big);
			memcpy(mo + at, s, n);
			at += n + 1;
		}
	return mo;
}

static const struct pair pairs[] = {
	{ "", 0, "Content-Type: text/plain; charset=UTF-8\n", 40 },
	{ "%zu réponse\0%zu réponses", 25, "%zu answer\0%zu answers", 22 },
	{ "jalon", 5, "milestone", 9 },
	{ "Étape", 6, "Step", 4 },      /* bytes order, as msgfmt sorts: É is 0xC3 0x89 */
};

static void test_made_catalogue(int big)
{
	size_t size, length;
	unsigned char *mo = make_mo(pairs, 4, big, &size);
	is_str(wording__find(mo, size, "jalon", &length), "milestone", "found (%s-endian)", big ? "big" : "little");
	is_str(wording__find(mo, size, "Étape", &length), "Step", "found after it in the order");
	const char *plural = wording__find(mo, size, "%zu réponse", &length);
	ok(plural && length == 22 && strcmp(plural + strlen(plural) + 1, "%zu answers") == 0,
	   "a plural entry's forms, NUL-separated");
	ok(!wording__find(mo, size, "absent", &length), "a missing message: NULL");
	free(mo);
}

/* Every shortened copy, and every entry pointing past the end, reads as a
 * damaged catalogue: NULL, never a read out of bounds (ASan watches). */
static void test_damaged_catalogue(void)
{
	size_t size, length;
	unsigned char *mo = make_mo(pairs, 4, 0, &size);
	int safe = 1;
	for (size_t cut = 0; cut < size; cut++) {
		unsigned char *copy = malloc(cut ? cut : 1);
		memcpy(copy, mo, cut);
		const char *found = wording__find(copy, cut, "jalon", &length);
		if (found && (found < (const char *)copy || found + length >= (const char *)copy + cut))
			safe = 0;
		free(copy);
	}
	ok(safe, "every truncation of the catalogue is read safely");
	put_word(mo + 28 + 4 * 8 + 2 * 8 + 4, 0xfffffff0u, 0); /* "jalon"'s translation far away */
	ok(!wording__find(mo, size, "jalon", &length), "an offset past the end: NULL");
	put_word(mo + 8, 0x20000000u, 0);                     /* more entries than bytes */
	ok(!wording__find(mo, size, "Étape", &length), "a count past the end: NULL");
	mo[0] ^= 0xff;
	ok(!wording__find(mo, size, "Étape", &length), "not a .mo file: NULL");
	free(mo);
}

static uint32_t word(const unsigned char *at)
{
	return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 | (uint32_t)at[3] << 24;
}

static void test_embedded_catalogue(void)
{
	const unsigned char *mo = grille_english_catalogue;
	uint32_t count = word(mo + 8), originals = word(mo + 12), missed = 0;
	for (uint32_t i = 1; i < count; i++) { /* 0 is the header, msgid "" */
		const char *original = (const char *)mo + word(mo + originals + i * 8 + 4);
		size_t length;
		if (!wording__find(mo, grille_english_catalogue_size, original, &length))
			missed++;
	}
	ok(count > 500 && missed == 0, "each of the %u English messages is found (%u missed)", count, missed);
	ok(wording__english("en") && !wording__english("fr") && !wording__english(NULL) && !wording__english("eng"),
	   "only \"en\" is English; anything else reads as French");
	is_str(W_("en", "autres fichiers mis à jour"), "other files updated", "English for an English workspace");
	is_str(W_("fr", "autres fichiers mis à jour"), "autres fichiers mis à jour", "French for a French one");
	is_str(W_(NULL, "autres fichiers mis à jour"), "autres fichiers mis à jour", "French without a language");
	is_str(W_("de", "autres fichiers mis à jour"), "autres fichiers mis à jour", "French for a language grille lacks");
	is_str(W_("en", "pas dans le catalogue"), "pas dans le catalogue", "a message without English stays as it is");
	is_str(W_("en", ""), "", "the empty message is not the catalogue's header");
	const char *s = "%zu questions au niveau %d (%s).\n";
	is_str(WN_("en", "%zu question au niveau %d (%s).\n", s, 1), "%zu question at level %d (%s).\n", "English singular");
	is_str(WN_("en", "%zu question au niveau %d (%s).\n", s, 0), "%zu questions at level %d (%s).\n", "English: 0 is plural");
	is_str(WN_("fr", "%zu question au niveau %d (%s).\n", s, 0), "%zu question au niveau %d (%s).\n", "French: 0 is singular");
	is_str(WN_("fr", "%zu question au niveau %d (%s).\n", s, 2), s, "French plural");
}

int main(void)
{
	test_made_catalogue(0);
	test_made_catalogue(1);
	test_damaged_catalogue();
	test_embedded_catalogue();
	printf("1..%d\n", tap_count);
	return tap_failed != 0;
}
