#ifndef GRILLE_INTL_H
#define GRILLE_INTL_H

#include <libintl.h>
#include "config.h"

/* Messages are written in French, the default experience; catalogs in po/
 * translate them for other locales. */
#define _(msgid) intl__message(msgid)

/* `msgid` in this thread's language when intl__speak() gave one, otherwise
 * in the locale's (dgettext). */
const char *intl__message(const char *msgid);

/* Messages of this thread in `language` ("fr", "en") from now on, whatever
 * the locale; NULL: the locale's again. Per thread, so nothing process-wide
 * changes: grille serve answers each request in the workspace's language,
 * the language of the page the message is shown on. */
void intl__speak(const char *language);
#define N_(msgid) msgid

#endif
