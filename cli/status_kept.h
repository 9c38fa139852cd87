#ifndef GRILLE_CLI_STATUS_KEPT_H
#define GRILLE_CLI_STATUS_KEPT_H

/*
 * A status kept whole: what `grille status` printed, with a fingerprint of
 * everything that made it (the command line, the locale and terminal
 * settings, today's date, grille's module, the stat data of every file and
 * folder of the workspace and of git's HEAD, index, refs, merge state and
 * configuration), in .git/grille/status-kept. While the fingerprint is the
 * same, the launcher prints the kept bytes without loading the module,
 * libgit2, the grid or a step file: git's index does the same with stat
 * data. Any doubt (a file changed within a second of the run, an unusual
 * repository, a message on stderr, a non-zero exit) means no kept result,
 * and the real work. At a terminal, the fingerprint holds its width and the
 * pager that would run (tty.h), and the kept bytes go through that pager.
 *
 * libc only: the launcher links nothing else.
 */

/* The launcher: print the kept status for this command line if it still holds.
 * Returns -1 when it does not (the caller runs the command), else the exit code. */
int status_kept_serve(int argc, char **argv, const char *module);

/* The module, around a command: with a command line that may be kept, stdout
 * goes to a temporary file until status_kept_end(), which prints it and
 * keeps it when the run was clean. NULL when nothing is to be kept. */
struct status_kept;
struct status_kept *status_kept_begin(int argc, char **argv, const char *module);
/* Prints what the command wrote, keeps it when `status` is 0 and `messages`
 * (lines written on stderr) is 0; frees `kept`. Returns the exit code. */
int status_kept_end(struct status_kept *kept, int status, unsigned long messages);
/* Whether stdout, captured, is a terminal: the module then colours and draws
 * as on it (manners.terminal), and leaves the pager to status_kept_end(). */
int status_kept_terminal(const struct status_kept *kept);
/* start_pager() while stdout, a terminal, is captured: the output goes
 * through the pager at the end, and stderr, when a terminal, joins it from
 * now on, as both would join the pager. */
void status_kept_paging(void);

#endif
