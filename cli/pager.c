/* Long output through a pager, as git does (git's pager.c; the pager itself in tty.c). */
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"
#include "status_kept.h"

void wait_for_pager(void)
{
	pager_close();
}

void start_pager(void)
{
	const char *pager = pager_command();
	if (!manners.pager || manners.paging || !pager)
		return;
	if (manners.terminal) { /* captured for a kept status: paged at its end */
		status_kept_paging();
		manners.paging = 1;
		return;
	}
	if (!isatty(STDOUT_FILENO))
		return;
	term_width(); /* measured on the terminal, before stdout becomes a pipe */
	if (pager_open(pager) == 0)
		manners.paging = 1;
}
