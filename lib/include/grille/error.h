#ifndef GRILLE_ERROR_H
#define GRILLE_ERROR_H

/**
 * Errors of libgrille.
 *
 * Every function that can fail returns 0 on success or one of the negative
 * codes below, and leaves a message in plain language (translated through
 * gettext) that grille_error_last() returns. Problems found *in the input*
 * that are results rather than failures (an unanswered question, an overdue
 * review) are not errors: they are part of the objects returned.
 */

typedef enum grille_error_code {
	GRILLE_OK = 0,
	GRILLE_ERROR = -1,       /**< any other failure */
	GRILLE_ENOMEM = -2,      /**< out of memory */
	GRILLE_EIO = -3,         /**< a file could not be read or written */
	GRILLE_EINVALID = -4,    /**< bad input: grid, settings, argument */
	GRILLE_EEXISTS = -5,     /**< would overwrite something already there */
	GRILLE_ENOIDENTITY = -6, /**< no git identity to sign a commit with */
	GRILLE_EGIT = -7,        /**< the git repository refused an operation */
	GRILLE_ENOTFOUND = -8,   /**< no such file, workspace, step or question */
	GRILLE_ECONFLICT = -9,   /**< a merge stopped on answers that contradict each other */
} grille_error_code;

/**
 * The message of the last error raised on this thread.
 *
 * Never NULL: an empty string when nothing failed. The pointer stays valid
 * until the next libgrille call on this thread.
 */
const char *grille_error_last(void);

/** The code of the last error raised on this thread, or GRILLE_OK. */
int grille_error_last_code(void);

/** Forget the last error. */
void grille_error_clear(void);

#endif
