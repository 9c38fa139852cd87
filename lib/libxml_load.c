#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "grille/error.h"
#include "errors.h"
#include "intl.h"
#include "libxml_load.h"

struct libxml_functions libxml;

/* dlsym() returns an object pointer; POSIX guarantees that a function's fits. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer is as wide as void *");

static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
#define LIBXML_SYMBOL(name) { #name, offsetof(struct libxml_functions, name) },
	LIBXML_FUNCTIONS(LIBXML_SYMBOL)
#undef LIBXML_SYMBOL
};

static int missing(const char *detail)
{
	return error__set(GRILLE_ERROR, _("la bibliothèque libxml2 manque : installez le paquet libxml2 (%s)"),
	                  detail ? detail : "?");
}

int libxml__open(struct libxml_functions *table, const char *soname)
{
	/* RTLD_NODELETE: a function pointer handed out stays valid whatever happens. */
	void *dl = dlopen(soname, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!dl)
		return missing(dlerror());
	struct libxml_functions loaded;
	for (size_t i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
		(void)dlerror();
		void *function = dlsym(dl, symbols[i].name);
		if (!function) {
			const char *why = dlerror();
			int error = missing(why ? why : symbols[i].name);
			dlclose(dl);
			return error;
		}
		memcpy((char *)&loaded + symbols[i].offset, &function, sizeof(function));
	}
	*table = loaded; /* the library stays loaded: its functions are in use from now on */
	return 0;
}

/* What the one attempt found, kept to be said again to every caller. */
static char load_failure[512];
static int load_error;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void)
{
	load_error = libxml__open(&libxml, LIBXML_SONAME);
	if (load_error)
		snprintf(load_failure, sizeof(load_failure), "%s", grille_error_last());
}

int libxml__load(void)
{
	pthread_once(&load_once, load);
	return load_error ? error__set(load_error, "%s", load_failure) : 0;
}
