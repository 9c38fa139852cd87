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
	GRILLE_EINVALID = -4,    /**< not as grille needs it: a grid, settings or step file, a path */
	GRILLE_EEXISTS = -5,     /**< would overwrite something already there */
	GRILLE_ENOIDENTITY = -6, /**< no git identity to sign a commit with */
	GRILLE_EGIT = -7,        /**< the git repository refused an operation */
	GRILLE_ENOTFOUND = -8,   /**< no such file, item or question where one was looked for */
	GRILLE_ECONFLICT = -9,   /**< a merge stopped on answers that contradict each other */
	GRILLE_EARGUMENT = -10,  /**< a bad argument from the caller: an ID, a step, a name, a date, a text */
	GRILLE_ENOWORKSPACE = -11, /**< no workspace around the folder given */
} grille_error_code;

/**
 * What kind of failure a code is, for a frontend to decide what to do with
 * it (the grille command turns classes into exit codes, see grille(1)).
 *
 * - USAGE: the call cannot be made from here (no workspace around);
 * - INPUT: what the caller passed is wrong (GRILLE_EARGUMENT): an ID, a step,
 *   a name, a date or a text the user typed; asking again may help;
 * - CONTENT: the workspace's files are not what grille reads, or do not hold
 *   what was named (GRILLE_EINVALID, GRILLE_ENOTFOUND);
 * - CONFLICT: something already there, or answers that contradict each
 *   other, stand in the way (GRILLE_EEXISTS, GRILLE_ECONFLICT);
 * - GIT: the repository refused, or has no identity (GRILLE_EGIT,
 *   GRILLE_ENOIDENTITY);
 * - IO: a file could not be read or written (GRILLE_EIO);
 * - NOMEM: out of memory (GRILLE_ENOMEM);
 * - OTHER: anything else (GRILLE_ERROR, unknown codes).
 */
typedef enum grille_error_class {
	GRILLE_ERROR_CLASS_NONE = 0, /**< GRILLE_OK: no error */
	GRILLE_ERROR_CLASS_USAGE,
	GRILLE_ERROR_CLASS_INPUT,
	GRILLE_ERROR_CLASS_CONTENT,
	GRILLE_ERROR_CLASS_CONFLICT,
	GRILLE_ERROR_CLASS_GIT,
	GRILLE_ERROR_CLASS_IO,
	GRILLE_ERROR_CLASS_NOMEM,
	GRILLE_ERROR_CLASS_OTHER,
	GRILLE_ERROR_CLASS_COUNT
} grille_error_class;

/** The class of `code`, a grille_error_code (0 or negative). */
grille_error_class grille_error_class_of(int code);

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
