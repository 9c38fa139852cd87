#ifndef GRILLE_FS_H
#define GRILLE_FS_H

#include <stddef.h>
#include "grille/buf.h"

#include <sys/stat.h>

/* Files are only ever written whole, through a temporary file that is synced
 * then moved into place: a crash leaves either the old content or the new one,
 * never a mix. The temporary file has no name while it is written (O_TMPFILE)
 * and is named only to be moved; it lives in the git folder's grille/tmp when
 * the file is inside a git repository (git never sees it there), beside the file
 * otherwise. Its name, ".<name>.<pid>.<random>", lets fs__clean_temporaries()
 * remove those whose writer died. Nothing is ever written over a link or anything
 * but a regular file. */

/* Create `path` with `data`; fails with GRILLE_EEXISTS if it exists. */
int fs__write_new(const char *path, const void *data, size_t len);

/* Replace (or create) `path` with `data`, keeping an existing file's mode. */
int fs__replace(const char *path, const void *data, size_t len);

/* A file written in pieces, then moved into place whole (see above). */
struct grille_fs_atomic {
	int fd;
	char *tmp;    /* the temporary file's name; NULL while it has none */
	char *tmpdir; /* the folder it is (or will be) named in */
	char *path;
	int direct;   /* written straight into a tube or a device (fs__output_open) */
	/* Set after opening, for a cache whose reader checks each file whole (a
	 * length and a checksum): moved into place without waiting for the disk,
	 * as a crash may leave it cut short but never trusted. */
	int unsynced;
};

/* Start writing `path` (created, or replaced keeping its mode). Refused when
 * `path` is there as anything but a regular file (a link, a tube, a device). */
int fs__atomic_open(struct grille_fs_atomic *file, const char *path);
/* The same for an output the user named: a tube or a character device (/dev/null)
 * is written into instead (a tube nobody reads is refused, not waited on); a link
 * is refused. */
int fs__output_open(struct grille_fs_atomic *file, const char *path);
int fs__atomic_write(struct grille_fs_atomic *file, const void *data, size_t len);
/* Sync and move into place; the file is closed either way. */
int fs__atomic_commit(struct grille_fs_atomic *file);
/* Give up: the temporary file goes, `path` stays as it was. */
void fs__atomic_abort(struct grille_fs_atomic *file);

/* Reading follows a symbolic link only when asked (a file named on the command line). */
#define GRILLE_FS_FOLLOW 1u
/* The most grille reads of a settings file or a grid. */
#define GRILLE_FS_SMALL_MAX ((size_t)8 << 20)

/* Open a regular file for reading, never blocking (a tube), never following a
 * link unless `flags` has GRILLE_FS_FOLLOW: its descriptor (`*st` filled), or a
 * negative code with a message that names the file and says what to do. */
int fs__open_read(const char *path, unsigned flags, struct stat *st);
/* Read a whole regular file into `out` (appended); at most `max` bytes (0: no cap). */
int fs__read_file(grille_buf *out, const char *path, unsigned flags, size_t max);
/* A workspace file: fs__read_file(out, path, 0, 0), so no link, no tube, no device. */
int fs__read(grille_buf *out, const char *path);

/* A workspace file mapped into memory, read-only, to be read once from start
 * to end: fs__map_drop() gives back the pages a reader is past (they count
 * in the process's memory once touched), so that a file of any size takes
 * no more memory than the part being read. */
struct fs_map {
	const char *data; /* "" for an empty file */
	size_t len;
	void *addr;       /* the mapping, or NULL */
	size_t size;
	char *copy;       /* a file under FS_MAP_FROM bytes, read, not mapped */
};
/* Files smaller than this are read, not mapped: another program truncating a
 * mapped file while it is read kills the process (SIGBUS); a read copy cannot
 * be cut under the reader. Under this size, a copy also fits the memory bound
 * of a step file (the size of two chunks plus 30 MB). */
#define FS_MAP_FROM ((size_t)8 << 20)
/* Map `path` as fs__read() reads it (no link, no tube, no device), or read it
 * whole when it is under FS_MAP_FROM bytes. */
int fs__map(struct fs_map *map, const char *path);
/* Give back the whole pages inside bytes [from, to): read again, they come
 * back from the file (never changed: the mapping is private and read-only). */
void fs__map_drop(const struct fs_map *map, size_t from, size_t to);
void fs__unmap(struct fs_map *map);

/* The git folder of the repository holding `dir` (a ".git" folder, or the one a
 * ".git" file names), found as git does; NULL when there is none. */
char *fs__git_dir(const char *dir);
/* Where temporary files for `dir` go (see above); NULL when out of memory. */
char *fs__temp_dir(const char *dir);
/* Remove grille's temporary files left in `dir` by a writer that died: those for
 * the given file names, or any when `names` is NULL. Best effort. */
void fs__clean_temporaries(const char *dir, const char *const *names, size_t count);

/* Create `path` and missing parents; `*created` receives the topmost folder
 * that did not exist (to free), or NULL when none was created. */
int fs__mkdirs(const char *path, char **created);

/* Remove a folder and everything below it, following no link. */
int fs__remove_tree(const char *path);

/* "dir/name" into a new string, or NULL when out of memory. */
char *fs__join(const char *dir, const char *name);

/* 1 if `path` exists (as anything, links included), 0 if not. */
int fs__exists(const char *path);

#endif
