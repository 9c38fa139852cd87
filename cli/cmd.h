#ifndef GRILLE_CMD_H
#define GRILLE_CMD_H

/*
 * Adding a subcommand:
 *  1. cli/cmd_<name>.c with `int cmd_<name>(int argc, char **argv, struct grille_ctx *ctx)`;
 *     its option table and help text stay static in that file, and it answers
 *     `--help` itself (that is what `grille help <name>` runs);
 *  2. an entry in `commands[]` in cli/main.c, with its flags;
 *  3. the file in cli/meson.build and po/POTFILES;
 *  4. end-to-end tests in tests/e2e/ and their line in tests/meson.build;
 *  5. man/grille-<name>.1.scd and its English man/en/grille-<name>.1.scd, naming every
 *     option (tests/check/manpages-check.py), its line in man/meson.build, and a mention
 *     in grille.1 (both languages).
 */

#include <getopt.h>
#include <stdio.h>

#include "config.h"
#include <libintl.h>

#include "grille/buf.h"
#include "tty.h"

#define _(msgid) gettext(msgid)
#define N_(msgid) msgid

/* Exit codes, documented in grille(1). A library error becomes one through
 * fail_with_library_error() alone, by its class (grille_error_class_of()). */
enum {
	EXIT_OK = 0,
	EXIT_FAILED = 1, /* an operation failed (the workspace's content, a conflict, git, I/O,
	                  * out of memory), or --check found open questions */
	EXIT_USAGE = 2,  /* bad command line, bad input the user typed (GRILLE_EARGUMENT),
	                  * or not in a workspace (GRILLE_ENOWORKSPACE) */
};

struct grille_workspace;

struct grille_ctx {
	const char *program;           /* "grille" */
	struct grille_workspace *ws;   /* opened by main for NEED_WORKSPACE commands */
	struct grille_lock *lock;      /* the workspace lock, when held (released by main) */
	const char *today;             /* "YYYY-MM-DD" from SOURCE_DATE_EPOCH, or NULL: the local date */
};

/* Command flags, in commands[] (cli/main.c). */
enum {
	NEED_WORKSPACE = 1 << 0, /* main opens the workspace around the current folder first */
	NEED_LOCK = 1 << 1,      /* ...and takes its lock: the command changes it */
	SHOWS_GROUP = 1 << 2,    /* it shows the group's conflicts itself (print_group_warnings()) */
	HIDDEN = 1 << 3,         /* not listed by --help: for scripts (__complete) */
	PAGES = 1 << 4,          /* its output goes through the pager on a terminal (start_pager()) */
	NO_LIBRARY = 1 << 5,     /* it reads no repository: main does not start libgit2 (grille_init()) */
};

/* Take the workspace lock (waiting GRILLE_LOCK_WAIT_MS, 10 s by default): EXIT_OK, or
 * EXIT_FAILED with the message printed. For commands that lock only sometimes. */
int lock_workspace(struct grille_ctx *ctx);

/* How long to wait for the workspace lock: GRILLE_LOCK_WAIT_MS, or 10 s. */
unsigned lock_wait_ms(void);

/* Terminal manners (cli/term.c, cli/pager.c): what the global options and
 * the environment decide, for the whole run. */
enum { COLOUR_AUTO, COLOUR_NEVER, COLOUR_ALWAYS };
struct manners {
	int quiet;        /* -q: errors and the requested output only */
	int colour;       /* --color: COLOUR_AUTO, _NEVER (--no-color), _ALWAYS */
	int pager;        /* 0 after --no-pager */
	int paging;       /* stdout goes to the pager */
	int terminal;     /* stdout, captured for a kept status (status_kept.h), is a terminal */
};
extern struct manners manners;
/* --color's value (NULL: "always"): 0, or -1 for a word it does not take. */
int set_colour_mode(const char *value);
/* Whether to colour the output: --color, else a terminal (or the pager),
 * NO_COLOR unset or empty, TERM not "dumb". */
int use_colour(FILE *stream);
/* Whether `stream` is a terminal that takes escapes (stdout: or the pager). */
int on_terminal(FILE *stream);
/* Whether to draw bars (status): on a terminal, or with --color=always. */
int show_bars(void);
/* printf(), except with -q: for notices, hints and next steps. */
int say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Paths of the workspace printed from the current folder: main calls
 * paths_from_here() with the workspace's root once it is open; here() then
 * gives a path the library gave (relative to the root) as seen from the
 * current folder ("../etape-3-diagnostic.md"), made visible(); valid for
 * the next 3 calls. */
void paths_from_here(const char *root);
const char *here(const char *path);
/* Send stdout (and stderr, when on the same terminal) to GRILLE_PAGER, PAGER
 * or less, when stdout is a terminal and --no-pager was not given;
 * wait_for_pager() at the end closes them and waits for it. */
void start_pager(void);
void wait_for_pager(void);
/* A progress line on stderr while the library works on `ws` (a sync, a log,
 * a report): only on a terminal, not with -q, drawn after a second
 * (GRILLE_PROGRESS_DELAY_MS), redrawn in place; progress_end() clears it. */
void progress_start(struct grille_workspace *ws, const char *label);
void progress_end(struct grille_workspace *ws);

/* `text` fit to be printed on a terminal (grille/text.h): control characters
 * shown in caret notation ("^[" for ESC), C1 controls and bytes that are not
 * UTF-8 as U+FFFD, so that nothing read from the workspace or typed in an
 * argument can move the cursor, retitle the window or recolour the screen.
 * Every text cli/ prints that does not come from cli/ itself goes through it.
 * The result is `text` itself when it is fit, else a copy that stays valid
 * for the next VISIBLE_SLOTS - 1 calls; NULL stays NULL. */
enum { VISIBLE_SLOTS = 16 };
const char *visible(const char *text);

/* Print "grille : <message>" on stderr, made visible(). */
void print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* How many messages print_error() wrote: a status that said something on stderr is not kept (status_kept.h). */
extern unsigned long errors_printed;

/* Print the library's last error and return the exit code its class maps to
 * (cli/print.c holds the one table): EXIT_USAGE for no workspace around and
 * for a bad argument (an ID, a step, a name, a date the user typed: then
 * followed by the pointer to `grille <command> --help`, `command` may be
 * NULL), EXIT_FAILED for everything else. */
int fail_with_library_error(const char *command);

/* For a bad command line: the message, a pointer to --help, EXIT_USAGE. */
int usage_error(const char *command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Take --author's value for `command`: 0 and `*out` set, or EXIT_USAGE with
 * the expected form shown. */
int take_author(const char *command, const char *value, const char **out);

/* Report what getopt_long() rejected (it is told to stay silent), with the
 * closest long option when one is near. */
int bad_option(const char *command, int opt, char **argv);

/* getopt_long(), which also notes the long options for bad_option()'s "did
 * you mean" (cli/print.c): every command's parsing goes through it. */
int getopt_noted(int argc, char *const *argv, const char *shortopts, const struct option *longopts, int *longindex);
/* Parse a command's options when --help is its only one: -1 to go on,
 * else the exit code (the help shown, or the bad option said). */
int only_help_option(int argc, char **argv, const char *command, int (*help)(void));
#define getopt_long getopt_noted

/* "Did you mean" (cli/suggest.c). The Damerau-Levenshtein distance of two
 * words ((size_t)-1 past 64 bytes); the one of `known` closest to `word`
 * when it is near enough to be a typo, else NULL. */
size_t edit_distance(const char *a, const char *b);
const char *closest_word(const char *word, const char *const *known, size_t count);
/* After an ID the grid does not know: « Vouliez-vous dire « 3.2.a » ? » on
 * stderr, when an item or question ID is near. */
struct grille_workspace;
void suggest_id(const struct grille_workspace *ws, const char *id);
/* fail_with_library_error(), followed by suggest_id() when the library did
 * not find `id` (skip, defer, reopen, deepen, edit, answer, position). */
struct grille_ctx;
int fail_with_unknown_id(const char *command, const struct grille_ctx *ctx, const char *id);

/* Print what a library renderer made (`rc` is its result), then release it:
 * 0, or EXIT_FAILED with the library's message. */
struct grille_buf;
int print_rendered(int rc, struct grille_buf *out);

/* After skip or defer: the answers under the mark stay answered; say so. */
void print_answers_kept(size_t answered);

/* Say on stderr what the group's tables hold that needs a person: an entry
 * two members changed at once (both versions, with their lines), a row
 * grille cannot read. Nothing when all is well, or when they cannot be read.
 * The conflicts of `listed` (a table the command lists itself, with them)
 * are left out; NULL for none. */
struct grille_workspace;
void print_group_warnings(const struct grille_workspace *ws, const char *listed);

/* What a commit wrote in the step files for the grid's conditions (items
 * set aside, or back, by the group's choices), one line each. */
struct grille_steer_result;
void print_steering(const struct grille_steer_result *steer);

/* Flush stdout and say so if it failed (a full disk, a closed pipe). */
int finish_output(int status);

/* The meson build folder when the running binary is the one built there
 * (its catalogues in po/, its man pages in man/), else NULL. */
const char *build_tree_root(void);

/* A commit's author as the group knows them: the member's name, with the git
 * name in brackets when it differs; the git name alone when no member
 * matches (lib's grille_group_member_of()). */
void print_person(const struct grille_group *group, const char *name, const char *email);

/* The identities that match no member, gathered once each ("Zoé <zoe@…>")
 * while a command prints, then printed with how to add them; none while the
 * group has no member at all. */
struct strangers {
	struct grille_buf list;
	size_t count;
};
void note_stranger(struct strangers *s, const struct grille_group *group, const char *name, const char *email);
void print_strangers(struct strangers *s); /* and release */

int cmd_init(int argc, char **argv, struct grille_ctx *ctx);
int cmd_clone(int argc, char **argv, struct grille_ctx *ctx);
int cmd_status(int argc, char **argv, struct grille_ctx *ctx);
int cmd_skip(int argc, char **argv, struct grille_ctx *ctx);
int cmd_defer(int argc, char **argv, struct grille_ctx *ctx);
int cmd_reopen(int argc, char **argv, struct grille_ctx *ctx);
int cmd_deepen(int argc, char **argv, struct grille_ctx *ctx);
int cmd_grid(int argc, char **argv, struct grille_ctx *ctx);
int cmd_position(int argc, char **argv, struct grille_ctx *ctx);
/* After a "positions" question in a list (cli/cmd_position.c): " (positions : 2 sur 5, synthèse à écrire)". */
struct grille_question_status;
void print_positions_count(const struct grille_question_status *q);
int cmd_commit(int argc, char **argv, struct grille_ctx *ctx);
int cmd_milestone(int argc, char **argv, struct grille_ctx *ctx);
int cmd_log(int argc, char **argv, struct grille_ctx *ctx);
int cmd_diff(int argc, char **argv, struct grille_ctx *ctx);
int cmd_who(int argc, char **argv, struct grille_ctx *ctx);
int cmd_sync(int argc, char **argv, struct grille_ctx *ctx);
int cmd_report(int argc, char **argv, struct grille_ctx *ctx);
int cmd_member(int argc, char **argv, struct grille_ctx *ctx);
int cmd_plan(int argc, char **argv, struct grille_ctx *ctx);
int cmd_calendar(int argc, char **argv, struct grille_ctx *ctx);
int cmd_sheet(int argc, char **argv, struct grille_ctx *ctx);
int cmd_round(int argc, char **argv, struct grille_ctx *ctx);
int cmd_complete(int argc, char **argv, struct grille_ctx *ctx);
int cmd_edit(int argc, char **argv, struct grille_ctx *ctx);
int cmd_answer(int argc, char **argv, struct grille_ctx *ctx);
int cmd_serve(int argc, char **argv, struct grille_ctx *ctx);

/* Documents made like the report (cli/cmd_report.c): grille report, grille sheet. */
#include "grille/report.h"
struct document {
	const char *command;      /* "report": for messages */
	const char *default_name; /* "grille-rapport": written in the workspace without -o; NULL: stdout */
	int (*stream)(grille_report_result *, grille_report_sink, void *, const grille_workspace *,
	              const grille_report_options *);
	int (*write_file)(grille_report_result *, const char *, const grille_workspace *, const grille_report_options *);
};
/* The format a file's extension names: -1 without one, -2 for one grille does not write. */
int format_of_path(const char *path);
/* Write `doc` to `output` ("-": standard output; NULL: its default), under the
 * workspace lock when inside it, and say where: the exit code. */
int write_document(struct grille_ctx *ctx, const struct document *doc, const char *output,
                   const grille_report_options *opts);

/* Shared by member, plan and calendar (cli/group_print.c). */
struct grille_group;
struct grille_group_change;
struct json_t;
/* The group's data: EXIT_OK, or the library's message and its exit code. */
int load_group(const struct grille_group **out, struct grille_ctx *ctx, const char *command);
/* After a change: its warnings on stderr ("attention : ..."), the move of grille.yaml's data. */
void print_group_change(const struct grille_group_change *change);
/* "membres.md:5", or the file alone when `line` is 0: made visible(), valid until the next call. */
const char *where(const char *file, size_t line);
/* The entries of `file` in conflict, both rows with file:line, then `how_to_settle`
 * (stdout; not when it is NULL: for JSON). Returns how many rows of `file` could not
 * be read (main has named them, with print_group_warnings()). */
int print_group_troubles(const struct grille_group *group, const char *file, const char *how_to_settle);
/* The same as "conflicts" and "problems" of `root`: 0, or -1 out of memory. */
int json_group_troubles(struct json_t *root, const struct grille_group *group, const char *file);
/* A JSON string of `s`, made UTF-8 (null for NULL); an array of `count` of them. NULL: out of memory. */
struct json_t *json_text(const char *s);
struct json_t *json_texts(char *const *texts, size_t count);
/* `root` printed indented, in key order, and released: EXIT_OK or EXIT_FAILED (NULL: out of memory). */
int print_json(struct json_t *root);
/* ctx->today, or the local date written in `out`. */
const char *today_of(const struct grille_ctx *ctx, char out[11]);

struct grille_commit_result;
/* "Jalon abc1234 : subject", the tags made, and whether a merge ended. */
void print_commit_result(const struct grille_commit_result *result);
/* The new files a commit left out, on stderr, with how to share or hide them. */
void print_left_out(const struct grille_commit_result *result);
int cmd_help(int argc, char **argv, struct grille_ctx *ctx);
/* The command table (cli/main.c), for grille help: the command named `name`
 * (NULL for none, and for hidden ones); the "unknown command" error, with the
 * closest name; grille --help. */
typedef int command_run(int argc, char **argv, struct grille_ctx *ctx);
command_run *command_named(const char *name);
int unknown_command(const char *name);
int print_help(void);

#endif
