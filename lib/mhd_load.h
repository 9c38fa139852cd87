#ifndef GRILLE_MHD_LOAD_H
#define GRILLE_MHD_LOAD_H

/* libmicrohttpd is loaded on demand (lib/dynlib.h): only `grille serve`
 * uses it, and it links GnuTLS and its six libraries, whose relocations
 * every other command would pay at start-up. Its header gives the types;
 * the functions are called through `mhd`. */
#include <sys/socket.h>
#include <microhttpd.h>

/* Every libmicrohttpd function grille calls. */
#define MHD_FUNCTIONS(F) \
	F(MHD_add_response_header) \
	F(MHD_create_response_from_buffer) \
	F(MHD_destroy_response) \
	F(MHD_get_daemon_info) \
	F(MHD_lookup_connection_value) \
	F(MHD_queue_response) \
	F(MHD_start_daemon) \
	F(MHD_stop_daemon)

#define MHD_MEMBER(name) __typeof__(name) *name;
struct mhd_functions {
	MHD_FUNCTIONS(MHD_MEMBER)
};
#undef MHD_MEMBER

/* The functions, once mhd__load() returned 0. */
extern struct mhd_functions mhd;

/* The soname grille loads. */
#define MHD_SONAME "libmicrohttpd.so.12"

/* Load libmicrohttpd once for the process (thread-safe): 0, or an error
 * saying which package to install, every time it is called after a failure. */
int mhd__load(void);

/* Fill `table` from the library `soname`: 0, or an error. For the tests. */
int mhd__open(struct mhd_functions *table, const char *soname);

#endif
