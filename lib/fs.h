#ifndef GRILLE_FS_H
#define GRILLE_FS_H

#include <stddef.h>
#include "grille/buf.h"

/* Files are only ever written whole, through a temporary file in the same
 * folder that is synced then moved into place: a crash leaves either the old
 * content or the new one, never a mix. */

/* Create `path` with `data`; fails with GRILLE_EEXISTS if it exists. */
int grille_fs_write_new(const char *path, const void *data, size_t len);

/* Replace (or create) `path` with `data`, keeping an existing file's mode. */
int grille_fs_replace(const char *path, const void *data, size_t len);

/* Read a whole file into `out` (appended). */
int grille_fs_read(grille_buf *out, const char *path);

/* Create `path` and missing parents; `*created` receives the topmost folder
 * that did not exist (to free), or NULL when none was created. */
int grille_fs_mkdirs(const char *path, char **created);

/* Remove a folder and everything below it, following no link. */
int grille_fs_remove_tree(const char *path);

/* "dir/name" into a new string, or NULL when out of memory. */
char *grille_fs_join(const char *dir, const char *name);

/* 1 if `path` exists (as anything, links included), 0 if not. */
int grille_fs_exists(const char *path);

#endif
