#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "dynlib.h"
#include "errors.h"

/* dlsym() returns an object pointer; POSIX guarantees that a function's fits. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer is as wide as void *");

int dynlib__open(void *table, size_t size, const struct dynlib_symbol *symbols, size_t count, const char *soname,
                 char *why, size_t why_size)
{
	/* RTLD_NODELETE: a function pointer handed out stays valid whatever happens. */
	void *dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!dl) {
		const char *detail = dlerror();
		snprintf(why, why_size, "%s", detail ? detail : soname);
		return -1;
	}
	char *loaded = malloc(size);
	if (!loaded) {
		snprintf(why, why_size, "%s", strerror(ENOMEM));
		dlclose(dl);
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		(void)dlerror();
		void *function = dlsym(dl, symbols[i].name);
		if (!function) {
			const char *detail = dlerror();
			snprintf(why, why_size, "%s", detail ? detail : symbols[i].name);
			free(loaded);
			dlclose(dl);
			return -1;
		}
		memcpy(loaded + symbols[i].offset, &function, sizeof(function));
	}
	memcpy(table, loaded, size); /* whole or not at all */
	free(loaded);
	return 0;
}

int dynlib__once(struct dynlib_once *once, int (*load)(void))
{
	pthread_mutex_lock(&once->lock);
	if (!once->done) {
		once->done = 1;
		once->error = load();
		if (once->error)
			snprintf(once->failure, sizeof(once->failure), "%s", grille_error_last());
	}
	int error = once->error;
	pthread_mutex_unlock(&once->lock);
	return error ? error__set(error, "%s", once->failure) : 0;
}
