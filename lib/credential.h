#ifndef GRILLE_CREDENTIAL_H
#define GRILLE_CREDENTIAL_H

#include <git2.h>

/* A user name and password for `url` from git's credential helpers
 * (`git credential fill`), as git itself would find them. GIT_PASSTHROUGH
 * when git or an answer is missing: libgit2 then reports the failure. */
int credential__fill(git_credential **out, const char *url, const char *user);

/* libgit2's credential callback for a fetch, a push or a clone: ssh through
 * the agent, https through git's credential helpers, anything else through
 * libgit2's defaults. One try only (`*tries` counts them): asking again with
 * the same answer would loop. */
int credential__acquire(git_credential **out, const char *url, const char *user, unsigned int allowed,
                        int *tries);

#endif
