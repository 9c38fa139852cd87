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

/* A file written in pieces, then moved into place whole (see above). */
struct grille_fs_atomic {
	int fd;
	char *tmp;
	char *path;
};

/* Start writing `path` (created, or replaced keeping its mode). */
int grille_fs_atomic_open(struct grille_fs_atomic *file, const char *path);
int grille_fs_atomic_write(struct grille_fs_atomic *file, const void *data, size_t len);
/* Sync and move into place; the file is closed either way. */
int grille_fs_atomic_commit(struct grille_fs_atomic *file);
/* Give up: the temporary file goes, `path` stays as it was. */
void grille_fs_atomic_abort(struct grille_fs_atomic *file);

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
