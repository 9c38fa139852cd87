#ifndef GRILLE_INTL_H
#define GRILLE_INTL_H

#include <libintl.h>
#include "config.h"

/* Messages are written in French, the default experience; catalogs in po/
 * translate them for other locales. */
#define _(msgid) dgettext(GETTEXT_PACKAGE, msgid)
#define N_(msgid) msgid

#endif
