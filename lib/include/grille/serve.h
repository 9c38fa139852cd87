#ifndef GRILLE_SERVE_H
#define GRILLE_SERVE_H

/**
 * `grille serve`: a local web page over the workspace's files (libmicrohttpd).
 * The server answers on its own thread, one request at a time; every change
 * it makes goes through the library's edit functions under the workspace
 * lock, taken for that change only. See grille-serve(1) for its rules:
 * a random token in the URL, then a cookie; POST with a CSRF token for
 * changes; the Host header checked; bounded requests.
 */
typedef struct grille_server grille_server;

/**
 * Serve the workspace of folder `root` (absolute) on `listen` (an IPv4 or
 * IPv6 address, not a wildcard such as 0.0.0.0; NULL: 127.0.0.1) and `port`
 * (0: a free one). 0 and `*out` running, or GRILLE_EARGUMENT (a bad address),
 * GRILLE_EIO (the port could not be bound, no randomness), GRILLE_ENOMEM,
 * with a message; `*out` NULL then. Stop it with grille_server_stop().
 */
int grille_server_start(grille_server **out, const char *root, const char *listen, unsigned port);

/** The URL to open, token included; borrowed from the server. */
const char *grille_server_url(const grille_server *server);

/** Stop answering, wait for the request in progress, free everything. NULL is accepted. */
void grille_server_stop(grille_server *server);

#endif
