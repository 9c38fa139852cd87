#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

/* True when `root`/`sub` is a folder. */
static int has_folder(const char *root, const char *sub)
{
	char path[PATH_MAX];
	struct stat st;
	int n = snprintf(path, sizeof(path), "%s/%s", root, sub);
	return n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The binary is built as BUILD/cli/grille: BUILD holds meson's own
 * meson-private/ folder beside the catalogues it built in po/. An installed
 * grille (PREFIX/bin/grille) has neither beside it, so nothing of a build
 * folder's path needs to be written into the binary. */
const char *build_tree_root(void)
{
	static char root[PATH_MAX];
	static int looked;
	if (looked)
		return root[0] ? root : NULL;
	looked = 1;
	ssize_t n = readlink("/proc/self/exe", root, sizeof(root) - 1);
	if (n <= 0 || (size_t)n >= sizeof(root) - 1) {
		root[0] = '\0';
		return NULL;
	}
	root[n] = '\0';
	for (int up = 0; up < 2; up++) {     /* BUILD/cli/grille -> BUILD */
		char *slash = strrchr(root, '/');
		if (!slash || slash == root) {
			root[0] = '\0';
			return NULL;
		}
		*slash = '\0';
	}
	if (!has_folder(root, "meson-private") || !has_folder(root, "po"))
		root[0] = '\0';
	return root[0] ? root : NULL;
}
