#ifndef GRILLE_SERVE_PRIVATE_H
#define GRILLE_SERVE_PRIVATE_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "grille/buf.h"
#include "grille/status.h"
#include "grille/workspace.h"

/* The pieces of `grille serve` (lib/serve*.c) shared between its files. */

enum {
	SERVE_TOKEN_BYTES = 16,                      /* 128 bits of randomness per token */
	SERVE_TOKEN_HEX = 2 * SERVE_TOKEN_BYTES + 1, /* its hex digits and a NUL */
	SERVE_HASH_HEX = 17,                         /* an answer's hash: 16 hex digits and a NUL */
};

/* A browser's session: its cookie, its CSRF token, the member it writes as. */
struct serve_session {
	char id[SERVE_TOKEN_HEX];
	char csrf[SERVE_TOKEN_HEX];
	char *member;            /* NULL until the browser picks one */
	unsigned long long used; /* when it was last used, in requests served */
	long long seen;          /* when it was last used, in seconds of CLOCK_MONOTONIC */
};

/* An application/x-www-form-urlencoded body, or a query string, decoded. */
struct serve_form {
	char **names, **values;
	size_t count;
};

/* Decode `len` bytes of `data`: 0, or GRILLE_EARGUMENT (with a message) for
 * a bad percent-encoding, a name or value that is not UTF-8 or holds a NUL,
 * or more than 64 fields. Release `out` with serve__form_release() either way. */
int serve__form_parse(struct serve_form *out, const char *data, size_t len);
/* The first value named `name`, borrowed; NULL when absent. */
const char *serve__form_get(const struct serve_form *form, const char *name);
void serve__form_release(struct serve_form *form);

/* `bytes` random bytes from getrandom() as hex into `out` (2 * bytes + 1
 * long): 0, or GRILLE_EIO with a message. */
int serve__random_hex(char *out, size_t bytes);
/* Whether the NUL-terminated `a` and `b` are equal, in a time that depends
 * on their lengths only. */
int serve__equal(const char *a, const char *b);

/* What the files of the workspace at `root` look like from their stat data
 * (grille.yaml, the Markdown files of its folder, git's HEAD, index and
 * tags): 16 hex digits that change when one of them changes. */
void serve__version(char out[SERVE_HASH_HEX], const char *root);

/* The hash of an answer's Markdown (NULL: no answer) that a form carries. */
void serve__answer_hash(char out[SERVE_HASH_HEX], const char *text);

/* What the page shows around the workspace. */
struct serve_view {
	const char *step;                      /* the step shown ("2"); NULL: the first */
	const struct serve_session *session;
	const char *version;                   /* serve__version() when the page was made */
	const char *const *members;            /* the members a browser can pick from */
	size_t member_count;
	const char *const *connected;          /* the members of the browsers seen lately */
	size_t connected_count;
	size_t anonymous;                      /* browsers seen lately that picked no member */
};

/* The whole page for `view`: 0, or an error with its message. */
int serve__page(grille_buf *out, grille_workspace *ws, const struct serve_view *view);

/* The page saying that answer `id` changed on disk since the browser read
 * it: `disk` (NULL: no answer any more) and `mine`, both shown. */
int serve__conflict_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *id,
                         const char *disk, const char *mine);

/* Item `item` ("2.6") alone, in large type, for projecting: its questions,
 * their states and answers, no form. GRILLE_ENOTFOUND for an item the
 * files do not have. */
int serve__present_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *item);

/* The group's members, plan and calendar as the report shows them, read only. */
int serve__group_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view);

/*
 * The change to the group's files that a form of the group's page asks
 * (its field "op": member-add, member-remove, action-add, action-state,
 * review-add, review-remove), made through the same library calls, with the
 * same arguments, as `grille member`, `grille plan` and `grille calendar`.
 * `*section` is where the page shows it ("membres", "plan", "calendrier").
 * `root` is the workspace's, to read an action before changing it. Hold the
 * workspace lock. 0, or the library's error with its message.
 */
int serve__group_change(const char **section, grille_workspace *ws, const struct serve_form *form, const char *root);

/* A short page with `message` and a link back to the step (ws may be NULL). */
int serve__message_page(grille_buf *out, grille_workspace *ws, const struct serve_view *view, const char *message);

/*
 * Make the Markdown under question `id` be `text` (`len` bytes; line ends
 * LF or CRLF; blank: the answer is taken away), when the answer on disk is
 * still the one whose serve__answer_hash() is `loaded`. Without an answer
 * yet, as grille_workspace_append_answer() writes it; with one, its blocks,
 * from the first to the last, are replaced and every other byte kept; the
 * file is written atomically. Hold the workspace lock.
 *
 * GRILLE_ECONFLICT when the answer changed on disk: `*disk` is then its
 * text now (NULL: none), for the caller to free. Other errors as
 * grille_workspace_append_answer(). Release `out` either way.
 */
int serve__answer_replace(grille_edit_result *out, grille_workspace *ws, const char *id, const char *loaded,
                          const char *text, size_t len, char **disk);

/* Write the `file` bytes over the workspace's file `name`, atomically, and say so in `out`. */
int serve__write(grille_edit_result *out, grille_workspace *ws, const char *name, const grille_buf *file);

/* The answer to `id` as the disk holds it now: 0 and `*out` (NULL: none). */
int serve__answer_now(char **out, grille_workspace *ws, const char *id);

/* `len` bytes of `text` with CRLF as LF, its blank lines at both ends taken
 * off and one line end after it (empty when blank): what a text box's
 * content is compared and written as. */
int serve__normalise(grille_buf *out, const char *text, size_t len);

/* A form's opening, with the session's CSRF token and the step to come back to. */
void serve__form_open(grille_buf *out, const char *action, const struct serve_view *view, const char *step);
void serve__hidden(grille_buf *out, const char *name, const char *value);

/* Choice question `q`'s options as boxes, checked as `data` (the `len`
 * bytes of its file) checks them, in a form to /choose carrying `hash`. */
int serve__choice_form(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                       const grille_question_status *q, const grille_question *gq, const char *data, size_t len,
                       const char *hash);

/* A "positions" question's positions and synthesis, rendered as the report
 * renders them; a box for the session's member's position and one for the
 * synthesis. */
int serve__positions(grille_buf *out, const char *language, const struct serve_view *view, const char *step,
                     const grille_question_status *q, const char *data, size_t len, cmark_llist *ext);

/* The text under position `p`'s heading (NULL `p`: none) in the `len` bytes
 * of `data`, as serve__normalise() makes it: `*out` new, or NULL when blank. */
int serve__position_text(char **out, const grille_position *p, const char *data, size_t len);

/*
 * Make the text under the position of `member` (NULL: the group's
 * synthesis) under "positions" question `id` be `text` (blank: emptied),
 * when it is still the one whose serve__answer_hash() is `loaded`. A
 * missing subsection is first made by grille_workspace_position() for
 * `writer` (the session's member; NULL: refused), as `grille position`
 * makes it; then the lines under the heading become a blank line, the
 * text, a blank line, and every other byte is kept; atomic write. Hold the
 * workspace lock. GRILLE_ECONFLICT and `*disk` as serve__answer_replace().
 */
int serve__position_replace(grille_edit_result *out, grille_workspace *ws, const char *id, const char *member,
                            const char *writer, const char *loaded, const char *text, size_t len, char **disk);

enum { SERVE_SESSIONS_MAX = 64 }; /* browsers at once; the least recently used goes first */

struct MHD_Daemon;
struct MHD_Connection;

/* The server (lib/serve.c) as its routes (lib/serve_routes.c) see it. */
struct grille_server {
	struct MHD_Daemon *daemon;
	char *root;
	char token[SERVE_TOKEN_HEX];
	char host[80];             /* what the Host header must say: "127.0.0.1:8080" */
	char origin[96];           /* "http://" host */
	char url[200];
	struct serve_session sessions[SERVE_SESSIONS_MAX];
	unsigned long long requests;
};

/* What a route answers. */
struct serve_reply {
	unsigned status;
	grille_buf body;
	const char *type;
	char location[256];
	char cookie[128];
	const char *allow;
};

/* A request that passed every check, for its route. */
struct serve_call {
	struct grille_server *server;
	struct MHD_Connection *connection;
	struct serve_session *session;
	const struct serve_form *query;
	const struct serve_form *form; /* POST: the body's fields; else NULL */
	struct serve_reply *reply;
};

/* Every route there is (lib/serve_routes.c): nothing else in a request's path means anything. */
struct serve_route {
	const char *path;
	int post;
	int (*run)(struct serve_call *call);
};

/* The route of the `len` bytes of `path` (without the query), or NULL. */
const struct serve_route *serve__route(const char *path, size_t len);

/* Seconds of CLOCK_MONOTONIC: when a session was last seen. */
long long serve__now(void);

#endif
