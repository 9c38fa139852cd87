#ifndef GRILLE_CLI_TTY_H
#define GRILLE_CLI_TTY_H

/*
 * What a terminal on stdout makes of the output: its width and the pager
 * (as git's pager.c). libc only: the launcher prints a kept status
 * (status_kept.h) through the same pager, with the same width, as the module.
 */

/* Whether `name` is a program in $PATH (for the editor, the pager). */
int in_path(const char *name);
/* The terminal's width: TIOCGWINSZ on stdout, else COLUMNS, else 80 (measured once). */
int term_width(void);
/* GRILLE_PAGER, else PAGER, else less when in PATH; NULL for none ("cat" or empty). */
const char *pager_command(void);
/* Runs `command` with stdout (and stderr when it is a terminal too) sent to
 * it, LESS=FRX and LV=-c unless set, and signals that let it end first:
 * 0, or -1 with nothing changed. */
int pager_open(const char *command);
/* Closes what goes to the pager and waits for it; nothing when none runs. */
void pager_close(void);

#endif
