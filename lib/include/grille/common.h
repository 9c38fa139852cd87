#ifndef GRILLE_COMMON_H
#define GRILLE_COMMON_H

/**
 * Sizes the public structs are built with. Text held in a fixed array is
 * always NUL-terminated, so each array is one byte longer than its text.
 */

/** The length of a commit ID written in hexadecimal (SHA-1): 40 characters. */
#define GRILLE_OID_HEXSZ 40

/** The length of a date written "YYYY-MM-DD": 10 characters. */
#define GRILLE_DATE_LEN 10

#endif
