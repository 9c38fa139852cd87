#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"

char *grille_fs_join(const char *dir, const char *name)
{
	grille_buf path = GRILLE_BUF_INIT;
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	if (grille_buf_printf(&path, "%s%s%s", dir, sep, name) < 0)
		return NULL;
	return grille_buf_detach(&path);
}

int grille_fs_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int fsync_parent(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return grille_error_oom();
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return 0; /* best effort: the data itself is already synced */
	fsync(fd);
	close(fd);
	return 0;
}

static mode_t default_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static int write_all(int fd, const void *data, size_t len, const char *path)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int grille_fs_atomic_open(struct grille_fs_atomic *file, const char *path)
{
	memset(file, 0, sizeof(*file));
	file->fd = -1;
	char *dir_copy = strdup(path), *base_copy = strdup(path);
	grille_buf tmp = GRILLE_BUF_INIT;
	int error = dir_copy && base_copy && (file->path = strdup(path))
	            ? grille_buf_printf(&tmp, "%s/.%s.XXXXXX", dirname(dir_copy), basename(base_copy))
	            : grille_error_oom();
	free(dir_copy);
	free(base_copy);
	if (!error && (file->fd = mkstemp(tmp.ptr)) < 0)
		error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	file->tmp = grille_buf_detach(&tmp);
	if (error) {
		free(file->tmp);
		free(file->path);
		memset(file, 0, sizeof(*file));
		file->fd = -1;
	}
	return error;
}

int grille_fs_atomic_write(struct grille_fs_atomic *file, const void *data, size_t len)
{
	return write_all(file->fd, data, len, file->path);
}

int grille_fs_atomic_commit(struct grille_fs_atomic *file)
{
	struct stat st;
	mode_t mode = stat(file->path, &st) == 0 ? (st.st_mode & 07777) : default_mode();
	int error = 0;
	if (fchmod(file->fd, mode) != 0 || fsync(file->fd) != 0)
		error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
	if (close(file->fd) != 0 && !error)
		error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
	file->fd = -1;
	if (!error && rename(file->tmp, file->path) != 0)
		error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible de remplacer « %s »"), file->path);
	if (error)
		unlink(file->tmp);
	else
		error = fsync_parent(file->path);
	free(file->tmp);
	free(file->path);
	file->tmp = file->path = NULL;
	return error;
}

void grille_fs_atomic_abort(struct grille_fs_atomic *file)
{
	if (file->fd >= 0)
		close(file->fd);
	if (file->tmp)
		unlink(file->tmp);
	free(file->tmp);
	free(file->path);
	memset(file, 0, sizeof(*file));
	file->fd = -1;
}

int grille_fs_write_new(const char *path, const void *data, size_t len)
{
	struct grille_fs_atomic file;
	int error = grille_fs_atomic_open(&file, path);
	if (!error)
		error = grille_fs_atomic_write(&file, data, len);
	if (!error && (fchmod(file.fd, default_mode()) != 0 || fsync(file.fd) != 0))
		error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	/* link() refuses to replace, which rename() would silently do. */
	if (!error && link(file.tmp, path) != 0) {
		if (errno == EEXIST)
			error = grille_error_set(GRILLE_EEXISTS, _("« %s » existe déjà"), path);
		else
			error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible de créer « %s »"), path);
	}
	grille_fs_atomic_abort(&file); /* the temporary name goes; the link stays */
	return error ? error : fsync_parent(path);
}

int grille_fs_replace(const char *path, const void *data, size_t len)
{
	struct grille_fs_atomic file;
	int error = grille_fs_atomic_open(&file, path);
	if (!error)
		error = grille_fs_atomic_write(&file, data, len);
	if (!error)
		return grille_fs_atomic_commit(&file);
	grille_fs_atomic_abort(&file);
	return error;
}

int grille_fs_read(grille_buf *out, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return grille_error_set_errno(errno == ENOENT ? GRILLE_ENOTFOUND : GRILLE_EIO, errno,
		                              _("impossible de lire « %s »"), path);
	struct stat st = { 0 };
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return grille_error_set(GRILLE_EIO, _("impossible de lire « %s » : c'est un dossier"), path);
	}
	/* One allocation of the right size, rather than growing by copies. */
	int error = st.st_size > 0 ? grille_buf_grow(out, (size_t)st.st_size + 1) : 0;
	for (; !error;) {
		if (out->cap - out->len < 4096 && (error = grille_buf_grow(out, 65536)) < 0)
			break;
		ssize_t n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible de lire « %s »"), path);
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	if (out->ptr)
		out->ptr[out->len] = '\0';
	close(fd);
	return error;
}

int grille_fs_mkdirs(const char *path, char **created)
{
	*created = NULL;
	char *copy = strdup(path);
	if (!copy)
		return grille_error_oom();
	int error = 0;
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0777) == 0) {
			if (!*created && !(*created = strdup(copy))) {
				error = grille_error_oom();
				break;
			}
		} else if (errno != EEXIST) {
			error = grille_error_set_errno(GRILLE_EIO, errno, _("impossible de créer le dossier « %s »"), copy);
			break;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat st;
	if (!error && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
		error = grille_error_set(GRILLE_EIO, _("« %s » n'est pas un dossier"), path);
	free(copy);
	return error;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

int grille_fs_remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return grille_error_set_errno(GRILLE_EIO, errno, _("impossible de supprimer « %s »"), path);
	return 0;
}
