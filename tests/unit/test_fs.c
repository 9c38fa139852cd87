/* lib/fs.c and lib/lock.c: what grille reads and writes, and the workspace lock. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grille/grille.h"
#include "fs.h"
#include "tap.h"

static char *path_in(const char *dir, const char *name)
{
	return fs__join(dir, name);
}

static int count_entries(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "test $(ls -A '%s' | wc -l) -eq 0", dir);
	return system(cmd) == 0 ? 0 : 1;
}

int main(void)
{
	char root[] = "/tmp/grille-fs-XXXXXX";
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return tap_done();
	char *git = path_in(root, ".git"), *file = path_in(root, "etape.md"), *link = path_in(root, "lien.md");
	char *fifo = path_in(root, "tube.md"), *tmp = path_in(root, ".git/grille/tmp");
	mkdir(git, 0777);
	grille_buf buf = GRILLE_BUF_INIT;

	/* Writing: the temporary file lives in the git folder, never beside the file. */
	ok(fs__replace(file, "un\n", 3) == 0, "replace creates a file");
	ok(fs__read(&buf, file) == 0 && strcmp(buf.ptr, "un\n") == 0, "and it reads back");
	chmod(file, 0640);
	ok(fs__replace(file, "deux\n", 5) == 0, "replace an existing file");
	struct stat st;
	ok(stat(file, &st) == 0 && (st.st_mode & 07777) == 0640, "the replaced file keeps its mode");
	ok(count_entries(tmp) == 0, "no temporary file left in .git/grille/tmp");
	char *temp_dir = fs__temp_dir(root);
	char *real_tmp = realpath(tmp, NULL);
	ok(temp_dir && real_tmp && strcmp(temp_dir, real_tmp) == 0, "temporary files go to .git/grille/tmp");
	free(temp_dir);
	free(real_tmp);
	ok(fs__write_new(file, "x", 1) == GRILLE_EEXISTS, "write_new refuses an existing file");
	char *cache = path_in(root, ".git/cache");
	grille_buf_release(&buf);
	struct grille_fs_atomic unsynced;
	int written = fs__atomic_open(&unsynced, cache) == 0;
	unsynced.unsynced = 1;
	ok(written && fs__atomic_write(&unsynced, "trois\n", 6) == 0 && fs__atomic_commit(&unsynced) == 0 &&
	   fs__read(&buf, cache) == 0 && strcmp(buf.ptr, "trois\n") == 0,
	   "a cache is written whole, without waiting for the disk");
	ok(count_entries(tmp) == 0, "no temporary file left by it either");
	grille_buf_release(&buf);
	free(cache);

	/* Links and tubes are never read nor replaced. */
	ok(symlink(file, link) == 0 && mkfifo(fifo, 0666) == 0, "a link and a tube are made");
	grille_buf_release(&buf);
	ok(fs__read(&buf, link) == GRILLE_EINVALID, "reading through a link is refused");
	contains(grille_error_last(), "lien symbolique", "and says it is a link");
	ok(fs__read_file(&buf, link, GRILLE_FS_FOLLOW, 0) == 0, "unless asked to follow it");
	grille_buf_release(&buf);
	ok(fs__read(&buf, fifo) == GRILLE_EINVALID, "a tube is not read (nor waited on)");
	ok(fs__read_file(&buf, "/dev/zero", GRILLE_FS_FOLLOW, 0) == GRILLE_EINVALID, "nor a device");
	ok(fs__read_file(&buf, file, 0, 2) == GRILLE_EINVALID, "a file over the cap is refused");
	contains(grille_error_last(), "trop gros", "and says it is too big");
	ok(fs__replace(link, "y", 1) == GRILLE_EINVALID, "a link is never replaced");
	ok(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "it stays a link");
	ok(fs__replace(fifo, "y", 1) == GRILLE_EINVALID, "a tube is never replaced");
	ok(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "it stays a tube");
	struct grille_fs_atomic out;
	ok(fs__output_open(&out, fifo) == GRILLE_EIO, "an output tube nobody reads is refused");
	contains(grille_error_last(), "personne ne lit", "and says so");
	ok(fs__output_open(&out, "/dev/null") == 0 && out.direct, "a device is written into");
	ok(fs__atomic_write(&out, "z", 1) == 0 && fs__atomic_commit(&out) == 0, "and closed");

	/* Leftovers of a dead writer are cleaned up; a live one's are kept. */
	pid_t child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	char dead[4200], live[4200];
	snprintf(dead, sizeof(dead), "%s/.etape.md.%ld.0badcafe", tmp, (long)child);
	snprintf(live, sizeof(live), "%s/.etape.md.%ld.0badcafe", tmp, (long)getppid());
	close(open(dead, O_CREAT | O_WRONLY, 0666));
	close(open(live, O_CREAT | O_WRONLY, 0666));
	fs__clean_temporaries(tmp, NULL, 0);
	ok(!fs__exists(dead), "a dead writer's temporary file is removed");
	ok(fs__exists(live), "a live writer's is kept");
	unlink(live);

	/* The lock. */
	grille_lock *a = NULL, *b = NULL;
	ok(grille_lock_acquire(&a, root, 0) == 0 && a, "take the lock");
	contains(grille_lock_path(a), "/.git/grille.lock", "in the git folder");
	ok(grille_lock_acquire(&b, root, 0) == GRILLE_EEXISTS && !b, "a second taker is refused");
	contains(grille_error_last(), "grille.lock", "naming the lock");
	grille_lock_release(a);
	ok(grille_lock_acquire(&b, root, 0) == 0, "taken again once released");
	grille_lock_release(b);
	char *lock_file = path_in(root, ".git/grille.lock");
	char host[256] = "";
	gethostname(host, sizeof(host));
	FILE *f = fopen(lock_file, "w");
	fprintf(f, "%ld %s\n", (long)child, host);
	fclose(f);
	ok(grille_lock_acquire(&a, root, 0) == 0, "a lock left by a dead process is taken over");
	grille_lock_release(a);
	ok(!fs__exists(lock_file), "and released");

	grille_buf_release(&buf);
	fs__remove_tree(root);
	free(git);
	free(file);
	free(link);
	free(fifo);
	free(tmp);
	free(lock_file);
	return tap_done();
}
