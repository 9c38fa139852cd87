#ifndef GRILLE_LOCK_H
#define GRILLE_LOCK_H

/**
 * The workspace lock: commands that change the workspace hold it, so that two
 * of them at once never lose each other's changes. Like git's index.lock, it is
 * a file created exclusively and holding "PID HOST": "grille.lock" in the git
 * folder (git never sees it there), or ".grille.lock" in the workspace when it
 * is not in a git repository. A lock left by a process that died on this
 * machine is taken over.
 */

typedef struct grille_lock grille_lock;

/**
 * Take the lock of the workspace (or repository) holding `dir`, waiting up to
 * `wait_ms` milliseconds for another command to release it. 0 and `*out` set,
 * or GRILLE_EEXISTS with a message naming the lock file and what to do
 * (`*out` NULL then). The lock is the caller's until grille_lock_release().
 */
int grille_lock_acquire(grille_lock **out, const char *dir, unsigned wait_ms);

/** The lock file's path, borrowed from the lock. */
const char *grille_lock_path(const grille_lock *lock);

/**
 * Release the lock: remove its file, unless another process took it over,
 * and free `lock`. NULL is allowed.
 */
void grille_lock_release(grille_lock *lock);

#endif
