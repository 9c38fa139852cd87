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

/* Write `data` to a new temporary file beside `path`; its name goes to `tmp`. */
static int write_temporary(grille_buf *tmp, const char *path, const void *data,
                           size_t len, mode_t mode)
{
	char *dir_copy = strdup(path);
	char *base_copy = strdup(path);
	int error = dir_copy && base_copy
	            ? grille_buf_printf(tmp, "%s/.%s.XXXXXX", dirname(dir_copy), basename(base_copy))
	            : grille_error_oom();
	free(dir_copy);
	free(base_copy);
	if (error)
		return error;

	int fd = mkstemp(tmp->ptr);
	if (fd < 0)
		return grille_error_set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	const char *p = data;
	size_t left = len;
	while (left) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			unlink(tmp->ptr);
			return grille_error_set_errno(GRILLE_EIO, saved, _("impossible d'écrire « %s »"), path);
		}
		p += n;
		left -= (size_t)n;
	}
	if (fchmod(fd, mode) != 0 || fsync(fd) != 0 || close(fd) != 0) {
		int saved = errno;
		unlink(tmp->ptr);
		return grille_error_set_errno(GRILLE_EIO, saved, _("impossible d'écrire « %s »"), path);
	}
	return 0;
}

static mode_t default_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

int grille_fs_write_new(const char *path, const void *data, size_t len)
{
	grille_buf tmp = GRILLE_BUF_INIT;
	int error = write_temporary(&tmp, path, data, len, default_mode());
	if (error)
		goto out;
	/* link() refuses to replace, which rename() would silently do. */
	if (link(tmp.ptr, path) != 0) {
		int saved = errno;
		unlink(tmp.ptr);
		if (saved == EEXIST)
			error = grille_error_set(GRILLE_EEXISTS, _("« %s » existe déjà"), path);
		else
			error = grille_error_set_errno(GRILLE_EIO, saved, _("impossible de créer « %s »"), path);
		goto out;
	}
	unlink(tmp.ptr);
	error = fsync_parent(path);
out:
	grille_buf_release(&tmp);
	return error;
}

int grille_fs_replace(const char *path, const void *data, size_t len)
{
	struct stat st;
	mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : default_mode();
	grille_buf tmp = GRILLE_BUF_INIT;
	int error = write_temporary(&tmp, path, data, len, mode);
	if (error)
		goto out;
	if (rename(tmp.ptr, path) != 0) {
		int saved = errno;
		unlink(tmp.ptr);
		error = grille_error_set_errno(GRILLE_EIO, saved, _("impossible de remplacer « %s »"), path);
		goto out;
	}
	error = fsync_parent(path);
out:
	grille_buf_release(&tmp);
	return error;
}

int grille_write_file(const char *path, const void *data, size_t len)
{
	return grille_fs_replace(path, data, len);
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
