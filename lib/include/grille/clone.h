#ifndef GRILLE_CLONE_H
#define GRILLE_CLONE_H

#include <stddef.h>

/**
 * Joining a group: a copy of its shared repository (a forge, a shared disk),
 * made with git (libgit2), checked to hold a grille workspace, with the
 * member's git identity known before anything is written. The result is an
 * ordinary git clone.
 */

/** How far a clone has come, for a progress line. */
typedef struct grille_clone_progress {
	size_t received;     /**< objects received so far */
	size_t total;        /**< objects to receive (0 while unknown) */
	size_t bytes;        /**< bytes received */
	size_t written;      /**< files written in the folder */
	size_t to_write;     /**< files to write (0 until the objects are there) */
} grille_clone_progress;

/** What grille_clone() does; only read. Start from GRILLE_CLONE_OPTIONS_INIT. */
typedef struct grille_clone_options {
	const char *url;    /**< the shared repository: an address or a folder */
	const char *dir;    /**< where to clone; NULL: the repository's name, as git makes it */
	const char *author; /**< "Name <email>", written in the clone's own git configuration;
	                         NULL: git's identity (GIT_AUTHOR_*, user.name and user.email) */
	/** Called now and then while the clone runs (may be NULL); it must not call the library. */
	void (*progress)(const grille_clone_progress *progress, void *payload);
	void *payload;
} grille_clone_options;

#define GRILLE_CLONE_OPTIONS_INIT { NULL, NULL, NULL, NULL, NULL }

/** What grille_clone() made: the caller's, released with grille_clone_result_release(). */
typedef struct grille_clone_result {
	char *dir;            /**< the clone's folder, as given or made from the URL */
	char *url;            /**< the URL, any password in it hidden */
	char **workspaces;    /**< folders holding a grille.yaml, relative to `dir` ("" for the
	                           clone's own folder), the shallowest first */
	size_t workspace_count;
	char *name;           /**< who will sign the member's milestones in the clone */
	char *email;
	int author_written;   /**< 1: `author` went to the clone's git configuration */
} grille_clone_result;

/**
 * Clone `opts->url` into `opts->dir`, check that it holds a workspace, and,
 * with `opts->author`, set user.name and user.email in the clone's own git
 * configuration.
 *
 * Refused before anything is written: a `dir` that exists and is not an
 * empty folder (GRILLE_EEXISTS), no URL, an author that is not "Name <email>",
 * a URL no folder name can be made from (GRILLE_EARGUMENT), no git identity
 * and no `author` (GRILLE_ENOIDENTITY, saying how to set one). A repository
 * that cannot be reached (GRILLE_EGIT) or that holds no grille.yaml
 * (GRILLE_EINVALID) leaves nothing behind. Messages never show a password
 * the URL holds.
 *
 * Fills `*out`, to release with grille_clone_result_release() whatever the
 * call returned. grille_init() must have been called.
 */
int grille_clone(grille_clone_result *out, const grille_clone_options *opts);

/** Free what a grille_clone_result holds and empty it; the struct stays the caller's. */
void grille_clone_result_release(grille_clone_result *result);

/**
 * The folder name git would clone `url` into ("partage" for
 * ".../partage.git"): a new string, the caller's to free(); NULL when no
 * name can be made (sets no error; the caller says what to do).
 */
char *grille_clone_dir_of(const char *url);

#endif
