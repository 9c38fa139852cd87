/* The fingerprint that says a status kept whole still holds (status_fingerprint.h). */
#define _GNU_SOURCE /* dladdr: which module this code runs from */
#include <ctype.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "status_fingerprint.h"
#include "tty.h"

#define KEPT_MAGIC "grille-status-kept 2\n"
enum {
	MAX_ENTRIES = 4096,          /* files and folders of a workspace walked; more: no kept status */
	MAX_ARGUMENT = 64,           /* --step's and --level's values */
	MAX_CONFIG = 1 << 20,        /* a git configuration file read for what would change its status */
};

void kept_put(struct bytes *b, const void *data, size_t len)
{
	if (b->failed)
		return;
	if (b->cap - b->len < len) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap - b->len < len) {
			if (cap > SIZE_MAX / 2) {
				b->failed = 1;
				return;
			}
			cap *= 2;
		}
		char *grown = realloc(b->ptr, cap);
		if (!grown) {
			b->failed = 1;
			return;
		}
		b->ptr = grown;
		b->cap = cap;
	}
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
}

/* A string with its terminating NUL, so that two strings never read as one. */
static void put_text(struct bytes *b, const char *text)
{
	kept_put(b, text ? "1" : "0", 1);
	if (text)
		kept_put(b, text, strlen(text) + 1);
}

void kept_put_u64(struct bytes *b, uint64_t value)
{
	kept_put(b, &value, sizeof(value));
}



int64_t kept_nanoseconds(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* `path`'s stat data, as git's index keeps them; a missing file counts as
 * such. 0, or -1 for anything else (a doubt). */
static int put_stat(struct fingerprint *f, const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			return -1;
		kept_put_u64(&f->bytes, 0);
		return 0;
	}
	uint64_t fields[] = { (uint64_t)st.st_mode, (uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
	                      (uint64_t)kept_nanoseconds(&st.st_mtim), (uint64_t)kept_nanoseconds(&st.st_ctim) };
	kept_put(&f->bytes, fields, sizeof(fields));
	int64_t modified = kept_nanoseconds(&st.st_mtim), changed = kept_nanoseconds(&st.st_ctim);
	if (modified > changed)
		changed = modified;
	if (changed > f->newest_ns)
		f->newest_ns = changed;
	return 0;
}

char *kept_joined(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *path = malloc(a + b + 2);
	if (path) {
		memcpy(path, dir, a);
		path[a] = '/';
		memcpy(path + a + 1, name, b + 1);
	}
	return path;
}

/* kept_read_small: status_fingerprint.h. */
int kept_read_small(struct bytes *out, const char *path, size_t max)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	struct stat st;
	int error = fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > max ? -1 : 0;
	if (!error && st.st_size > 0) {
		size_t want = (size_t)st.st_size;
		if (out->cap - out->len < want + 1) {
			char *grown = realloc(out->ptr, out->len + want + 1);
			if (!grown)
				error = -1;
			else {
				out->ptr = grown;
				out->cap = out->len + want + 1;
			}
		}
		while (!error && want) {
			ssize_t n = read(fd, out->ptr + out->len, want);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				error = -1;
			else {
				out->len += (size_t)n;
				want -= (size_t)n;
			}
		}
	}
	close(fd);
	return error;
}

/* A git configuration that includes other files, names an excludes file or
 * hides untracked files changes a status in ways stat data of the files
 * read here would not show: a doubt. */
static int put_config(struct fingerprint *f, const char *path)
{
	if (put_stat(f, path) < 0)
		return -1;
	struct bytes text = { 0 };
	int found = kept_read_small(&text, path, MAX_CONFIG);
	int doubt = found < 0 || text.failed;
	for (size_t i = 0; !doubt && i < text.len; i++)
		text.ptr[i] = (char)tolower((unsigned char)text.ptr[i]);
	static const char *const words[] = { "include", "excludesfile", "showuntrackedfiles", "worktree" };
	for (size_t w = 0; !doubt && found == 0 && w < sizeof(words) / sizeof(*words); w++) {
		size_t len = strlen(words[w]);
		for (size_t i = 0; !doubt && i + len <= text.len; i++)
			doubt = memcmp(text.ptr + i, words[w], len) == 0;
	}
	free(text.ptr);
	return doubt ? -1 : 0;
}

/* A ref name HEAD may name: refs/..., letters, digits and "/._-", no "..". */
static int plain_ref(const char *name, size_t len)
{
	if (len < 6 || len > 240 || strncmp(name, "refs/", 5) != 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!(isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-') ||
		    (c == '.' && i + 1 < len && name[i + 1] == '.'))
			return 0;
	}
	return 1;
}

/* HEAD's text, the ref it names, the index and every state a merge, a
 * cherry-pick, a revert or a rebase leaves; a worktree's or a reftable's
 * repository is read by libgit2 only. */
static int put_repository(struct fingerprint *f)
{
	static const char *const absent[] = { "commondir", "reftable", "gitdir" };
	static const char *const stated[] = { "index", "packed-refs", "MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD",
	                                      "rebase-merge", "rebase-apply", "sequencer", "info/exclude", "info/grafts",
	                                      "info/attributes", "refs/replace", "shallow" };
	int error = 0;
	for (size_t i = 0; !error && i < sizeof(absent) / sizeof(*absent); i++) {
		char *path = kept_joined(f->git_dir, absent[i]);
		struct stat st;
		error = !path || lstat(path, &st) == 0 || errno != ENOENT ? -1 : 0;
		free(path);
	}
	for (size_t i = 0; !error && i < sizeof(stated) / sizeof(*stated); i++) {
		char *path = kept_joined(f->git_dir, stated[i]);
		error = path ? put_stat(f, path) : -1;
		free(path);
	}
	char *config = error ? NULL : kept_joined(f->git_dir, "config");
	error = error || !config || put_config(f, config) < 0 ? -1 : 0;
	free(config);
	struct bytes head = { 0 };
	char *path = error ? NULL : kept_joined(f->git_dir, "HEAD");
	error = error || !path || kept_read_small(&head, path, 512) != 0 || head.failed || !head.len ? -1 : 0;
	free(path);
	if (!error) {
		kept_put(&f->bytes, head.ptr, head.len);
		kept_put_u64(&f->bytes, head.len);
		size_t len = head.len;
		while (len && (head.ptr[len - 1] == '\n' || head.ptr[len - 1] == '\r'))
			len--;
		if (len > 5 && strncmp(head.ptr, "ref: ", 5) == 0) {
			if (!plain_ref(head.ptr + 5, len - 5))
				error = -1;
			else {
				head.ptr[len] = '\0';
				char *ref = kept_joined(f->git_dir, head.ptr + 5);
				error = ref ? put_stat(f, ref) : -1;
				free(ref);
			}
		} else {
			for (size_t i = 0; i < len; i++)
				if (!isxdigit((unsigned char)head.ptr[i]))
					error = -1;
		}
	}
	free(head.ptr);
	return error;
}

/* The user's and the system's git configuration, and the global excludes and attributes files. */
static int put_user_config(struct fingerprint *f)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char *xdg_git = NULL;
	if (xdg && *xdg)
		xdg_git = kept_joined(xdg, "git");
	else if (home && *home)
		xdg_git = kept_joined(home, ".config/git");
	char *paths[4] = { NULL };
	paths[0] = home && *home ? kept_joined(home, ".gitconfig") : NULL;
	paths[1] = xdg_git ? kept_joined(xdg_git, "config") : NULL;
	paths[2] = xdg_git ? kept_joined(xdg_git, "ignore") : NULL;
	paths[3] = xdg_git ? kept_joined(xdg_git, "attributes") : NULL;
	int error = put_config(f, "/etc/gitconfig");
	for (size_t i = 0; i < 2 && !error; i++)
		error = paths[i] ? put_config(f, paths[i]) : 0;
	for (size_t i = 2; i < 4 && !error; i++)
		error = paths[i] ? put_stat(f, paths[i]) : 0;
	if (!error)
		error = put_stat(f, "/etc/gitattributes");
	for (size_t i = 0; i < 4; i++)
		free(paths[i]);
	free(xdg_git);
	return error;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in `dir`, sorted, without "." and "..": NULL on failure. */
static char **names_in(const char *dir, size_t *count, size_t room)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	size_t n = 0, cap = 16;
	char **names = malloc(cap * sizeof(*names));
	int failed = !names;
	for (struct dirent *e; !failed && (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n + 1 >= cap) {
			char **grown = n >= room ? NULL : realloc(names, (cap *= 2) * sizeof(*names));
			if (!grown) {
				failed = 1;
				break;
			}
			names = grown;
		}
		if (!(names[n] = strdup(e->d_name)))
			failed = 1;
		else
			n++;
	}
	closedir(d);
	if (failed || n > room) {
		for (size_t i = 0; names && i < n; i++)
			free(names[i]);
		free(names);
		return NULL;
	}
	qsort(names, n, sizeof(*names), by_name);
	*count = n;
	return names;
}

/* Every file and folder of the workspace but its repository, breadth first:
 * what git's status compares (changed, new, gone) and every file grille
 * reads. A repository nested inside, or too many entries: a doubt. */
static int put_workspace(struct fingerprint *f, const char *root)
{
	size_t dirs_cap = 16, dirs_len = 1, entries = 0;
	char **dirs = malloc(dirs_cap * sizeof(*dirs));
	if (!dirs || !(dirs[0] = strdup(root))) {
		free(dirs);
		return -1;
	}
	int error = put_stat(f, root);
	size_t root_len = strlen(root);
	for (size_t d = 0; !error && d < dirs_len; d++) {
		size_t count = 0;
		char **names = names_in(dirs[d], &count, MAX_ENTRIES - entries);
		if (!names) {
			error = -1;
			break;
		}
		for (size_t i = 0; i < count; i++) {
			int top = d == 0;
			if (!error && strcmp(names[i], ".git") == 0 && !top)
				error = -1;
			if (!error && !(top && strcmp(names[i], ".git") == 0)) {
				char *path = kept_joined(dirs[d], names[i]);
				struct stat st;
				if (!path || ++entries > MAX_ENTRIES || lstat(path, &st) != 0)
					error = -1;
				if (!error) {
					put_text(&f->bytes, path + root_len);
					error = put_stat(f, path);
				}
				if (!error && S_ISDIR(st.st_mode)) {
					if (dirs_len == dirs_cap) {
						char **grown = realloc(dirs, (dirs_cap *= 2) * sizeof(*dirs));
						if (!grown)
							error = -1;
						else
							dirs = grown;
					}
					if (!error) {
						dirs[dirs_len++] = path;
						path = NULL;
					}
				}
				free(path);
			}
			free(names[i]);
		}
		free(names);
	}
	for (size_t d = 0; d < dirs_len; d++)
		free(dirs[d]);
	free(dirs);
	return error;
}

/* Status's own options, and nothing else (--mine reads git's identity), after
 * --no-pager alone: 1, 2 with --no-pager, 0 for a command line not to keep. */
static int keepable_command(int argc, char **argv)
{
	int first = 1;
	while (first < argc && strcmp(argv[first], "--no-pager") == 0)
		first++;
	if (first >= argc || strcmp(argv[first], "status") != 0)
		return 0;
	for (int i = first + 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--json") == 0 || strcmp(a, "--all") == 0 || strcmp(a, "-a") == 0 ||
		    strcmp(a, "--check") == 0)
			continue;
		if ((strcmp(a, "--level") == 0 || strcmp(a, "-l") == 0 || strcmp(a, "--step") == 0 ||
		     strcmp(a, "-s") == 0) && i + 1 < argc && strlen(argv[i + 1]) <= MAX_ARGUMENT) {
			i++;
			continue;
		}
		return 0;
	}
	return first > 1 ? 2 : 1;
}

extern char **environ;

/* What the process is told from outside: the command line, the settings
 * that change messages, colours, widths and dates, today and where it runs.
 * Other GIT_* variables change what git reads: a doubt. */
static int put_context(struct fingerprint *f, int argc, char **argv, const char *module)
{
	static const char *const names[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LANG", "TERM",
	                                     "NO_COLOR", "COLUMNS", "HOME", "XDG_CONFIG_HOME", "TZ",
	                                     "SOURCE_DATE_EPOCH", "GRILLE_LOCALEDIR", "GRILLE_PAGER", "PAGER",
	                                     "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
	                                     "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE",
	                                     "GIT_CONFIG_NOSYSTEM" };
	/* Those that say how to reach a remote, whom to ask, who commits or to read less
	 * configuration leave a status as it is (in the key all the same, but the first). */
	static const char *const network[] = { "GIT_SSL_", "GIT_HTTP_", "GIT_SSH", "GIT_PROXY_", "GIT_ASKPASS=",
	                                       "GIT_TERMINAL_PROMPT=", "GIT_PAGER=", "GIT_EDITOR=",
	                                       "GIT_AUTHOR_NAME=", "GIT_AUTHOR_EMAIL=", "GIT_AUTHOR_DATE=",
	                                       "GIT_COMMITTER_NAME=", "GIT_COMMITTER_EMAIL=", "GIT_COMMITTER_DATE=",
	                                       "GIT_CONFIG_NOSYSTEM=" };
	for (char **e = environ; e && *e; e++) {
		int harmless = strncmp(*e, "GIT_", 4) != 0;
		for (size_t i = 0; !harmless && i < sizeof(network) / sizeof(*network); i++)
			harmless = strncmp(*e, network[i], strlen(network[i])) == 0;
		if (!harmless)
			return -1;
	}
	kept_put(&f->bytes, KEPT_MAGIC, sizeof(KEPT_MAGIC));
	put_text(&f->bytes, GRILLE_VERSION);
	for (int i = 1; i < argc; i++)
		put_text(&f->bytes, argv[i]);
	kept_put_u64(&f->bytes, (uint64_t)argc);
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		put_text(&f->bytes, getenv(names[i]));
	char today[16] = "";
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) || !strftime(today, sizeof(today), "%Y-%m-%d", &tm))
		return -1;
	put_text(&f->bytes, today);
	/* A different build of grille may print differently: its module's stat data. */
	struct stat st;
	if (!module || stat(module, &st) != 0)
		return -1;
	put_text(&f->bytes, module);
	uint64_t fields[] = { (uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
	                      (uint64_t)kept_nanoseconds(&st.st_mtim), (uint64_t)kept_nanoseconds(&st.st_ctim) };
	kept_put(&f->bytes, fields, sizeof(fields));
	return 0;
}

/* The workspace's root, as grille finds it: the nearest folder up from `cwd` with a grille.yaml. */
static char *workspace_root(const char *cwd)
{
	char *dir = strdup(cwd);
	while (dir) {
		char *settings = kept_joined(dir, "grille.yaml");
		struct stat st;
		int found = settings && lstat(settings, &st) == 0;
		free(settings);
		if (found)
			return dir;
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir) {
			free(dir);
			return NULL;
		}
		*slash = '\0';
	}
	return NULL;
}

/* kept_fingerprint: status_fingerprint.h. */
int kept_fingerprint(struct fingerprint *f, int argc, char **argv, const char *module)
{
	memset(f, 0, sizeof(*f));
	/* GRILLE_KEEP_STATUS=0: always the real work (grille(1); the tests of what lies beneath). */
	const char *wanted = getenv("GRILLE_KEEP_STATUS");
	int keepable = keepable_command(argc, argv);
	if (!keepable || (wanted && strcmp(wanted, "0") == 0))
		return -1;
	/* At a terminal: colours, the width measured on it and the pager, as
	 * start_pager() would choose it (and whether errors would join it). */
	f->terminal = isatty(STDOUT_FILENO);
	f->pager = f->terminal && keepable == 1 ? pager_command() : NULL;
	kept_put_u64(&f->bytes, (uint64_t)f->terminal);
	kept_put_u64(&f->bytes, f->terminal ? (uint64_t)term_width() : 0);
	put_text(&f->bytes, f->pager);
	kept_put_u64(&f->bytes, f->pager ? (uint64_t)isatty(STDERR_FILENO) : 0);
	char *cwd = realpath(".", NULL);
	char *root = cwd ? workspace_root(cwd) : NULL;
	struct stat st;
	int error = !root || put_context(f, argc, argv, module) < 0 ? -1 : 0;
	if (!error) {
		put_text(&f->bytes, cwd);
		f->git_dir = kept_joined(root, ".git");
		error = !f->git_dir || lstat(f->git_dir, &st) != 0 || !S_ISDIR(st.st_mode) ? -1 : 0;
	}
	if (!error)
		error = put_repository(f);
	if (!error)
		error = put_user_config(f);
	if (!error)
		error = put_workspace(f, root);
	free(cwd);
	free(root);
	if (error || f->bytes.failed) {
		free(f->bytes.ptr);
		free(f->git_dir);
		memset(f, 0, sizeof(*f));
		return -1;
	}
	return 0;
}
