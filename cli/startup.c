#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "grille/grille.h"
#include "cmd.h"
#include "launcher.h"

void setup_locale(void)
{
	setlocale(LC_ALL, "");
	const char *localedir = getenv("GRILLE_LOCALEDIR");
	char built[PATH_MAX];
	const char *build = build_tree_root();
	if ((!localedir || !*localedir) && build &&
	    (size_t)snprintf(built, sizeof(built), "%s/po", build) < sizeof(built))
		localedir = built;
	bindtextdomain(GETTEXT_PACKAGE, localedir && *localedir ? localedir : GRILLE_LOCALEDIR);
	bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
	textdomain(GETTEXT_PACKAGE);
}

/* A standard stream started closed (`grille skip 1.2 >&-`) would hand its
 * number to the first file grille opens, a step file or the lock, and
 * messages would be written into it: each closed one gets /dev/null first,
 * as git's sanitize_stdfds() does. */
void sanitize_stdfds(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
			open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY); /* the lowest free number: `fd` */
}
