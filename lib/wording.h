#ifndef GRILLE_WORDING_H
#define GRILLE_WORDING_H

#include <stddef.h>

#include "intl.h"

/*
 * What grille writes into a workspace, its history or a document made from
 * it (a commit message, a mark, a heading, the report) speaks the
 * workspace's language, so that members with different locales write one
 * history in one language. Messages for the person at the terminal keep
 * following the locale, through _().
 *
 * The sources are French; the English comes from po/en.po, compiled by
 * msgfmt and embedded in the library at build time, so it needs no
 * installed catalogue and no locale.
 */

/* Whether `language` is English ("en"); any other, or NULL, reads as French. */
int wording__english(const char *language);

/* `msgid` in `language` ("fr", "en"; NULL or unknown: French). */
const char *wording__text(const char *language, const char *msgid);

/* The plural form of a count `n` in `language`: French takes the singular
 * for 0 and 1, English for 1 only. */
const char *wording__plural(const char *language, const char *singular, const char *plural,
                            unsigned long n);

/* The translation of `msgid` in the GNU .mo catalogue `mo` (for a plural
 * entry, its forms one after the other, NUL-separated, `length` bytes in
 * all), or NULL when it has none or the catalogue is damaged. */
const char *wording__find(const unsigned char *mo, size_t size, const char *msgid, size_t *length);

/* xgettext extracts the second argument (po/meson.build: --keyword=W_:2). */
#define W_(language, msgid) wording__text(language, msgid)
#define WN_(language, singular, plural, n) wording__plural(language, singular, plural, n)
/* For text that goes either into the workspace or to the terminal: the
 * locale's when `language` is NULL. */
#define WL_(language, singular, plural, n) \
	((language) ? WN_(language, singular, plural, n) : dngettext(GETTEXT_PACKAGE, singular, plural, n))

#endif
