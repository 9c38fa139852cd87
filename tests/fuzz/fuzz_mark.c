/* libFuzzer target: the mark and date parsers (lib/mark.h). Any bytes parse
 * or not, never a crash or a read past `len`; whatever they accept obeys
 * their contract: offsets inside the line, a date that reads back the same,
 * a calendar date in ISO form. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mark.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_iso(const char iso[11])
{
	char again[11];
	if (strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		abort();
	/* An ISO date the parser wrote is one it reads back, unchanged. */
	if (!mark__parse_date(iso, 10, again) || strcmp(iso, again) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly `size` bytes: ASan sees any read past the end. */
	char *line = malloc(size ? size : 1);
	if (!line)
		return 0;
	memcpy(line, data, size);
	struct grille_mark_line mark;
	if (mark__parse_line(line, size, &mark)) {
		if (mark.kind == GRILLE_MARK_LINE_NONE)
			abort();
		if (mark.date_at > size || mark.date_len > size - mark.date_at ||
		    mark.reason_at > size || mark.reason_len > size - mark.reason_at)
			abort();
		if (mark.date == GRILLE_MARK_DATE_OK)
			check_iso(mark.until);
		if (mark.date != GRILLE_MARK_DATE_NONE && mark.kind != GRILLE_MARK_LINE_DEFER)
			abort(); /* a skip never carries a date */
	} else if (mark.kind != GRILLE_MARK_LINE_NONE) {
		abort();
	}
	char iso[11];
	if (mark__parse_date(line, size, iso))
		check_iso(iso);
	else if (iso[0])
		abort();
	free(line);
	return 0;
}
