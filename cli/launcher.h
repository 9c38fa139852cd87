#ifndef GRILLE_LAUNCHER_H
#define GRILLE_LAUNCHER_H

/* grille's executable is a launcher that links the C library alone
 * (cli/launcher.c): it answers --version itself, and loads the program,
 * the module grille-cli.so, for everything else. Loading libgit2 and its
 * TLS and ssh dependencies costs two thirds of a --version otherwise. */

/* The module's entry point, which the launcher looks up by this name. */
#define GRILLE_CLI_ENTRY "grille_cli_main"
__attribute__((visibility("default"))) int grille_cli_main(int argc, char **argv);

/* setlocale() and the message catalogue: GRILLE_LOCALEDIR, else the build
 * folder's po/, else the installed one. */
void setup_locale(void);

/* Each closed standard stream opened on /dev/null. */
void sanitize_stdfds(void);

#endif
