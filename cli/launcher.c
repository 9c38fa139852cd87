/* grille's executable: --version here, everything else in the module
 * grille-cli.so (see launcher.h for why). The module lives in a private
 * folder, GRILLE_MODULEDIR: relative to the executable's own folder when
 * installed under the prefix, so that an installed tree moved elsewhere
 * (meson install --destdir) still finds it; beside this executable in a
 * build folder. */
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "allocator.h"
#include "cmd.h"
#include "launcher.h"
#include "status_kept.h"

#define MODULE_NAME "grille-cli.so"

/* Where the module is: 0, or -1 when the path does not fit. */
static int module_path(char *path, size_t size)
{
	const char *build = build_tree_root();
	int n;
	if (build)
		n = snprintf(path, size, "%s/cli/%s", build, MODULE_NAME);
	else if (GRILLE_MODULEDIR[0] == '/')
		n = snprintf(path, size, "%s/%s", GRILLE_MODULEDIR, MODULE_NAME);
	else {
		char exe[PATH_MAX];
		ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (len <= 0 || (size_t)len >= sizeof(exe) - 1)
			return -1;
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (!slash)
			return -1;
		*slash = '\0';
		n = snprintf(path, size, "%s/%s/%s", exe, GRILLE_MODULEDIR, MODULE_NAME);
	}
	return n > 0 && (size_t)n < size ? 0 : -1;
}

/* A message `msgid` with `detail`, else strerror(errnum), in the user's language. */
static int fail(const char *msgid, int errnum, const char *detail)
{
	setup_locale();
	fputs(_("grille : "), stderr);
	fprintf(stderr, _(msgid), detail ? detail : strerror(errnum));
	fputc('\n', stderr);
	return EXIT_FAILED;
}

int main(int argc, char **argv)
{
	sanitize_stdfds();
	/* What `grille --version` and `grille -V` print, as the module does. */
	if (argc == 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		if (printf("grille %s\n", GRILLE_VERSION) < 0 || fflush(stdout) != 0 || ferror(stdout))
			return fail(N_("impossible d'écrire le résultat : %s"), errno, NULL);
		return EXIT_OK;
	}
	char path[PATH_MAX];
	if (module_path(path, sizeof(path)) < 0)
		return fail(N_("grille est incomplet, réinstallez-le : %s"), ENAMETOOLONG, NULL);
	/* A status kept whole is printed without loading the module (status_kept.h). */
	int served = status_kept_serve(argc, argv, path);
	if (served > 0)
		return fail(N_("impossible d'écrire le résultat : %s"), errno, NULL);
	if (served == 0)
		return EXIT_OK;
	allocator_tune(argv);
	/* Never closed: the program runs from it until exit. */
	void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!module)
		return fail(N_("grille est incomplet, réinstallez-le : %s"), 0, dlerror());
	void *entry = dlsym(module, GRILLE_CLI_ENTRY);
	if (!entry)
		return fail(N_("grille est incomplet, réinstallez-le : %s"), 0, dlerror());
	int (*cli_main)(int, char **);
	memcpy(&cli_main, &entry, sizeof(cli_main)); /* POSIX: a function's address fits a void * */
	return cli_main(argc, argv);
}
