#ifndef GRILLE_DYNLIB_H
#define GRILLE_DYNLIB_H

#include <pthread.h>
#include <stddef.h>

/* Optional libraries loaded on demand, as systemd loads its own: the
 * relocations of a library and of all it links (ICU for libxml2, GnuTLS for
 * libmicrohttpd) would otherwise cost every command its start-up. The
 * library's headers give the types; its functions are called through a
 * table of pointers, filled here from dlsym(). */

/* One function of the table: its name, and where its pointer goes. */
struct dynlib_symbol {
	const char *name;
	size_t offset;
};

/* Fill `table` (`size` bytes) with `symbols` from the library `soname`: 0,
 * or -1 with `why` (dlerror's words, or the missing function's name). Loads
 * nothing for good on failure; on success the library stays loaded. */
int dynlib__open(void *table, size_t size, const struct dynlib_symbol *symbols, size_t count, const char *soname,
                 char *why, size_t why_size);

/* One attempt per process, thread-safe, its failure said again to every caller. */
struct dynlib_once {
	pthread_mutex_t lock;
	int done;
	int error;
	char failure[512];
};
#define DYNLIB_ONCE_INIT { PTHREAD_MUTEX_INITIALIZER, 0, 0, "" }

/* Run `load` (which returns 0 or an error it set) the first time; 0, or
 * that error again with its message. */
int dynlib__once(struct dynlib_once *once, int (*load)(void));

#endif
