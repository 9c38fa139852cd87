#define _GNU_SOURCE /* O_TMPFILE */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/error.h"
#include "errors.h"
#include "fs.h"
#include "intl.h"

char *fs__join(const char *dir, const char *name)
{
	grille_buf path = GRILLE_BUF_INIT;
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	if (grille_buf_printf(&path, "%s%s%s", dir, sep, name) < 0)
		return NULL;
	return grille_buf_detach(&path);
}

int fs__exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

static int fsync_parent(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return error__oom();
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return 0; /* best effort: the data itself is already synced */
	fsync(fd);
	close(fd);
	return 0;
}

/* Temporary files are named ".<name>.<pid>.<random>": the pid tells a stale one
 * (its writer is dead) from one being written right now. */
static char *temp_name(const char *dir, const char *base)
{
	static unsigned counter;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	unsigned mix = (unsigned)now.tv_nsec ^ ((unsigned)now.tv_sec << 7) ^
	               (__atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED) * 2654435761u);
	grille_buf name = GRILLE_BUF_INIT;
	if (grille_buf_printf(&name, "%s/.%.200s.%ld.%08x", dir, base, (long)getpid(), mix & 0xffffffffu) < 0)
		return NULL;
	return grille_buf_detach(&name);
}

/* A small text file (a ".git" file naming the real git folder). */
static char *read_gitfile(const char *path)
{
	grille_buf data = GRILLE_BUF_INIT;
	if (fs__read_file(&data, path, 0, 4096) < 0 || data.len < 8 || strncmp(data.ptr, "gitdir: ", 8) != 0) {
		grille_error_clear();
		grille_buf_release(&data);
		return NULL;
	}
	char *target = data.ptr + 8;
	target[strcspn(target, "\r\n")] = '\0';
	char *out = NULL;
	if (*target == '/') {
		out = strdup(target);
	} else {
		char *copy = strdup(path);
		out = copy ? fs__join(dirname(copy), target) : NULL;
		free(copy);
	}
	grille_buf_release(&data);
	return out;
}

char *fs__git_dir(const char *dir)
{
	char *current = realpath(dir, NULL);
	while (current) {
		char *dotgit = fs__join(current, ".git");
		struct stat st;
		if (dotgit && lstat(dotgit, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			free(current);
			if (S_ISDIR(st.st_mode))
				return dotgit;
			char *real = read_gitfile(dotgit);
			free(dotgit);
			return real;
		}
		free(dotgit);
		if (strcmp(current, "/") == 0)
			break;
		char *parent = strdup(dirname(current));
		free(current);
		current = parent;
	}
	free(current);
	return NULL;
}

char *fs__temp_dir(const char *dir)
{
	char *git_dir = fs__git_dir(dir);
	char *grille = git_dir ? fs__join(git_dir, "grille") : NULL;
	char *tmp = grille ? fs__join(grille, "tmp") : NULL;
	struct stat in_git, beside;
	if (tmp && (mkdir(grille, 0777) == 0 || errno == EEXIST) && (mkdir(tmp, 0777) == 0 || errno == EEXIST) &&
	    stat(tmp, &in_git) == 0 && S_ISDIR(in_git.st_mode) && stat(dir, &beside) == 0 &&
	    in_git.st_dev == beside.st_dev) {
		free(git_dir);
		free(grille);
		return tmp;
	}
	free(git_dir);
	free(grille);
	free(tmp);
	return strdup(dir); /* no git to hide from, or another file system: beside the file */
}

static int write_all(int fd, const void *data, size_t len, const char *path)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Why grille will not put a file at `path`, already there as `st` (not a regular file). */
static int not_regular_for_writing(const char *path, const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return error__set(GRILLE_EINVALID,
			_("« %s » est un lien symbolique : grille n'écrit pas à travers un lien, qui pourrait "
			  "mener à un autre fichier. Remplacez le lien par le fichier lui-même."), path);
	if (S_ISDIR(st->st_mode))
		return error__set(GRILLE_EINVALID, _("« %s » est un dossier : grille ne peut pas écrire à sa place"), path);
	return error__set(GRILLE_EINVALID,
		_("« %s » n'est pas un fichier ordinaire (un tube, un périphérique…) : grille ne le "
		  "remplace pas. Remplacez-le par un fichier texte."), path);
}

static void atomic_reset(struct grille_fs_atomic *file)
{
	memset(file, 0, sizeof(*file));
	file->fd = -1;
}

int fs__atomic_open(struct grille_fs_atomic *file, const char *path)
{
	atomic_reset(file);
	struct stat st;
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return not_regular_for_writing(path, &st);
	char *dir_copy = strdup(path), *base_copy = strdup(path);
	int error = dir_copy && base_copy && (file->path = strdup(path)) &&
	            (file->tmpdir = fs__temp_dir(dirname(dir_copy))) ? 0 : error__oom();
	const char *base = base_copy ? basename(base_copy) : "";
#ifdef O_TMPFILE
	/* A file with no name yet: a crash leaves nothing behind. It is named only to be
	 * moved into place, through /proc (linkat() with AT_EMPTY_PATH needs privileges). */
	if (!error && access("/proc/self/fd", X_OK) == 0)
		file->fd = open(file->tmpdir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
#endif
	/* Otherwise a named one, 0666 so that the umask applies as for any new file. */
	for (int attempt = 0; !error && file->fd < 0 && attempt < 100; attempt++) {
		free(file->tmp);
		if (!(file->tmp = temp_name(file->tmpdir, base)))
			error = error__oom();
		else if ((file->fd = open(file->tmp, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC | O_NOFOLLOW, 0666)) < 0 &&
		         errno != EEXIST)
			error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	}
	if (!error && file->fd < 0)
		error = error__set(GRILLE_EIO, _("impossible d'écrire « %s »"), path);
	free(dir_copy);
	free(base_copy);
	if (error) {
		free(file->tmp);
		file->tmp = NULL; /* nothing was created under that name */
		fs__atomic_abort(file);
	}
	return error;
}

int fs__output_open(struct grille_fs_atomic *file, const char *path)
{
	atomic_reset(file);
	struct stat st;
	if (lstat(path, &st) != 0 || S_ISREG(st.st_mode))
		return fs__atomic_open(file, path);
	if (S_ISLNK(st.st_mode))
		return error__set(GRILLE_EINVALID,
			_("« %s » est un lien symbolique : grille n'écrit pas à travers un lien, qui pourrait "
			  "mener à un fichier du groupe. Donnez le chemin du fichier lui-même, ou « - » pour "
			  "la sortie standard."), path);
	if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode))
		return not_regular_for_writing(path, &st);
	/* A tube or a device (/dev/null…) is written into, never replaced. Not blocking
	 * on open: a tube nobody reads would wait forever. */
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENXIO)
		return error__set(GRILLE_EIO,
			_("personne ne lit le tube « %s » : lancez d'abord le programme qui doit le lire"), path);
	if (fd < 0)
		return error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	int flags = fcntl(fd, F_GETFL);
	if (fstat(fd, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) || flags < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
		close(fd);
		return error__set(GRILLE_EIO, _("impossible d'écrire « %s »"), path);
	}
	if (!(file->path = strdup(path))) {
		close(fd);
		return error__oom();
	}
	file->fd = fd;
	file->direct = 1;
	return 0;
}

int fs__atomic_write(struct grille_fs_atomic *file, const void *data, size_t len)
{
	return write_all(file->fd, data, len, file->path);
}

/* Give the nameless temporary file a name in its folder (nothing to do for a named one). */
static int name_temporary(struct grille_fs_atomic *file)
{
	if (file->tmp)
		return 0;
	char proc[64];
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", file->fd);
	const char *slash = strrchr(file->path, '/');
	for (int attempt = 0; attempt < 100; attempt++) {
		if (!(file->tmp = temp_name(file->tmpdir, slash ? slash + 1 : file->path)))
			return error__oom();
		if (linkat(AT_FDCWD, proc, AT_FDCWD, file->tmp, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		int saved = errno;
		free(file->tmp);
		file->tmp = NULL;
		if (saved != EEXIST)
			return error__set_errno(GRILLE_EIO, saved, _("impossible d'écrire « %s »"), file->path);
	}
	return error__set(GRILLE_EIO, _("impossible d'écrire « %s »"), file->path);
}

int fs__atomic_commit(struct grille_fs_atomic *file)
{
	int error = 0;
	if (file->direct) {
		if (close(file->fd) != 0)
			error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
		file->fd = -1;
		fs__atomic_abort(file);
		return error;
	}
	struct stat st;
	if (lstat(file->path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			error = not_regular_for_writing(file->path, &st);
		else if (fchmod(file->fd, st.st_mode & 07777) != 0) /* a new file keeps 0666 less the umask */
			error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
	}
	if (!error && !file->unsynced && fsync(file->fd) != 0)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
	if (!error)
		error = name_temporary(file);
	if (close(file->fd) != 0 && !error)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), file->path);
	file->fd = -1;
	if (!error && rename(file->tmp, file->path) != 0)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible de remplacer « %s »"), file->path);
	if (!error) {
		free(file->tmp);
		file->tmp = NULL; /* moved into place: nothing left to remove */
		error = file->unsynced ? 0 : fsync_parent(file->path);
	}
	fs__atomic_abort(file);
	return error;
}

void fs__atomic_abort(struct grille_fs_atomic *file)
{
	if (file->fd >= 0)
		close(file->fd);
	if (file->tmp)
		unlink(file->tmp);
	free(file->tmp);
	free(file->tmpdir);
	free(file->path);
	atomic_reset(file);
}

int fs__write_new(const char *path, const void *data, size_t len)
{
	if (fs__exists(path))
		return error__set(GRILLE_EEXISTS, _("« %s » existe déjà"), path);
	struct grille_fs_atomic file;
	int error = fs__atomic_open(&file, path);
	if (!error)
		error = fs__atomic_write(&file, data, len);
	if (!error && fsync(file.fd) != 0)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible d'écrire « %s »"), path);
	/* link() refuses to replace, which rename() would silently do. */
	int rc = 0;
	if (!error && file.tmp) {
		rc = link(file.tmp, path);
	} else if (!error) {
		char proc[64];
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", file.fd);
		rc = linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
	}
	if (!error && rc != 0) {
		if (errno == EEXIST)
			error = error__set(GRILLE_EEXISTS, _("« %s » existe déjà"), path);
		else
			error = error__set_errno(GRILLE_EIO, errno, _("impossible de créer « %s »"), path);
	}
	fs__atomic_abort(&file); /* the temporary name goes; the link stays */
	return error ? error : fsync_parent(path);
}

int fs__replace(const char *path, const void *data, size_t len)
{
	struct grille_fs_atomic file;
	int error = fs__atomic_open(&file, path);
	if (!error)
		error = fs__atomic_write(&file, data, len);
	if (!error)
		return fs__atomic_commit(&file);
	fs__atomic_abort(&file);
	return error;
}

int fs__open_read(const char *path, unsigned flags, struct stat *st)
{
	/* Never blocking (a tube), never a terminal, never through a link unless asked. */
	int nofollow = flags & GRILLE_FS_FOLLOW ? 0 : O_NOFOLLOW;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | nofollow);
	if (fd < 0 && nofollow && errno == ELOOP)
		return error__set(GRILLE_EINVALID,
			_("« %s » est un lien symbolique : grille ne lit que les fichiers ordinaires de l'espace "
			  "de travail (un lien pourrait mener ailleurs). Remplacez le lien par le fichier lui-même."), path);
	if (fd < 0)
		return error__set_errno(errno == ENOENT ? GRILLE_ENOTFOUND : GRILLE_EIO, errno,
		                              _("impossible de lire « %s »"), path);
	int error = 0;
	if (fstat(fd, st) != 0)
		error = error__set_errno(GRILLE_EIO, errno, _("impossible de lire « %s »"), path);
	else if (S_ISDIR(st->st_mode))
		error = error__set(GRILLE_EIO, _("impossible de lire « %s » : c'est un dossier"), path);
	else if (!S_ISREG(st->st_mode))
		error = error__set(GRILLE_EINVALID,
			_("« %s » n'est pas un fichier ordinaire (un tube, un périphérique…) : grille ne le lit "
			  "pas. Remplacez-le par un fichier texte."), path);
	if (error) {
		close(fd);
		return error;
	}
	return fd;
}

/* Read the open file `fd` (`path`, which `st` describes) to its end into `out`, and close it. */
static int read_open(grille_buf *out, int fd, const struct stat *st, const char *path, size_t max)
{
	int error = 0;
	if (max && (uintmax_t)st->st_size > max)
		error = error__set(GRILLE_EINVALID,
			_("« %s » est trop gros (%jd octets ; grille en lit au plus %zu) : ce n'est sans doute "
			  "pas le bon fichier"), path, (intmax_t)st->st_size, max);
	/* One allocation of the right size, rather than growing by copies. */
	if (!error && st->st_size > 0)
		error = grille_buf_grow(out, (size_t)st->st_size + 1);
	size_t start = out->len;
	for (; !error;) {
		if (out->cap - out->len < 4096 && (error = grille_buf_grow(out, 65536)) < 0)
			break;
		ssize_t n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = error__set_errno(GRILLE_EIO, errno, _("impossible de lire « %s »"), path);
			break;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		if (max && out->len - start > max) /* it grew while being read */
			error = error__set(GRILLE_EINVALID,
				_("« %s » est trop gros (grille en lit au plus %zu octets) : ce n'est sans doute "
				  "pas le bon fichier"), path, max);
	}
	if (out->ptr)
		out->ptr[out->len] = '\0';
	close(fd);
	return error;
}

int fs__read_file(grille_buf *out, const char *path, unsigned flags, size_t max)
{
	struct stat st;
	int fd = fs__open_read(path, flags, &st);
	return fd < 0 ? fd : read_open(out, fd, &st, path, max);
}

int fs__read(grille_buf *out, const char *path)
{
	return fs__read_file(out, path, 0, 0);
}

int fs__map(struct fs_map *map, const char *path)
{
	*map = (struct fs_map){ "", 0, NULL, 0, NULL };
	struct stat st;
	int fd = fs__open_read(path, 0, &st);
	if (fd < 0)
		return fd;
	int error = 0;
	if ((uintmax_t)st.st_size > SIZE_MAX)
		error = error__set(GRILLE_EINVALID, _("impossible de lire « %s »"), path);
	if (!error && st.st_size > 0 && (size_t)st.st_size < FS_MAP_FROM) {
		grille_buf text = GRILLE_BUF_INIT;
		error = read_open(&text, fd, &st, path, 0);
		if (!error)
			*map = (struct fs_map){ text.ptr ? text.ptr : "", text.len, NULL, 0, text.ptr };
		else
			grille_buf_release(&text);
		return error;
	}
	if (!error && st.st_size > 0) {
		void *addr = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (addr == MAP_FAILED) {
			error = error__set_errno(errno == ENOMEM ? GRILLE_ENOMEM : GRILLE_EIO, errno,
			                         _("impossible de lire « %s »"), path);
		} else {
			/* Read from start to end: the kernel may read ahead, and drop behind. */
			madvise(addr, (size_t)st.st_size, MADV_SEQUENTIAL);
			*map = (struct fs_map){ addr, (size_t)st.st_size, addr, (size_t)st.st_size, NULL };
		}
	}
	close(fd);
	return error;
}

void fs__map_drop(const struct fs_map *map, size_t from, size_t to)
{
	if (!map || !map->addr)
		return;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	from = (from + page - 1) / page * page;
	to = to >= map->size ? map->size : to / page * page;
	if (from < to)
		madvise((char *)map->addr + from, to - from, MADV_DONTNEED);
}

void fs__unmap(struct fs_map *map)
{
	if (map->addr)
		munmap(map->addr, map->size);
	free(map->copy);
	*map = (struct fs_map){ "", 0, NULL, 0, NULL };
}

/* Whether `name` is ".<base>.<pid>.<8 hex>" (grille's) or ".<base>.XXXXXX" (mkstemp's, from
 * earlier versions); `*base_len` and `*pid` (0 for the old form) are set. */
static int temporary_form(const char *name, size_t *base_len, long *pid)
{
	size_t len = strlen(name);
	if (name[0] != '.' || len < 9)
		return 0;
	const char *last = strrchr(name, '.');
	size_t tail = len - (size_t)(last - name) - 1;
	int hex = tail == 8, old = tail == 6;
	for (const char *p = last + 1; *p; p++) {
		hex &= isxdigit((unsigned char)*p) != 0;
		old &= isalnum((unsigned char)*p) != 0;
	}
	if (hex && last > name + 1) {
		const char *dot = last - 1;
		while (dot > name && *dot != '.')
			dot--;
		char *end = NULL;
		long value = strtol(dot + 1, &end, 10);
		if (dot > name + 1 && end == last && value > 0) {
			*base_len = (size_t)(dot - name) - 1;
			*pid = value;
			return 1;
		}
	}
	if (old && last > name + 1) {
		*base_len = (size_t)(last - name) - 1;
		*pid = 0;
		return 1;
	}
	return 0;
}

void fs__clean_temporaries(const char *dir, const char *const *names, size_t count)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d));) {
		size_t base_len;
		long pid;
		if (!temporary_form(e->d_name, &base_len, &pid))
			continue;
		int known = names == NULL;
		for (size_t i = 0; !known && i < count; i++)
			known = strlen(names[i]) == base_len && strncmp(names[i], e->d_name + 1, base_len) == 0;
		if (!known)
			continue;
		struct stat st;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			continue;
		/* Its writer is dead (a crash, a kill), or, for the old form that names none,
		 * it has not been touched for ten minutes. */
		int stale = pid ? (pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH)
		                : now - st.st_mtime > 600;
		if (stale)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

int fs__mkdirs(const char *path, char **created)
{
	*created = NULL;
	char *copy = strdup(path);
	if (!copy)
		return error__oom();
	int error = 0;
	for (char *p = copy + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(copy, 0777) == 0) {
			if (!*created && !(*created = strdup(copy))) {
				error = error__oom();
				break;
			}
		} else if (errno != EEXIST) {
			error = error__set_errno(GRILLE_EIO, errno, _("impossible de créer le dossier « %s »"), copy);
			break;
		}
		*p = saved;
		if (saved == '\0')
			break;
	}
	struct stat st;
	if (!error && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)))
		error = error__set(GRILLE_EIO, _("« %s » n'est pas un dossier"), path);
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

int fs__remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return error__set_errno(GRILLE_EIO, errno, _("impossible de supprimer « %s »"), path);
	return 0;
}
