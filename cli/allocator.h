#ifndef GRILLE_ALLOCATOR_H
#define GRILLE_ALLOCATOR_H

/* glibc reads its allocator's settings from GLIBC_TUNABLES once, when the
 * program starts: the launcher starts itself again (same arguments, same
 * process) with grille's settings, before loading the module, and in the
 * program started again puts the environment back as it was. Nothing
 * changes when the user set GLIBC_TUNABLES, or when the program cannot
 * be started again (it then runs untuned). */
void allocator_tune(char **argv);

#endif
