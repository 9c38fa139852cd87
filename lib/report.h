#ifndef GRILLE_REPORT_PRIVATE_H
#define GRILLE_REPORT_PRIVATE_H

#include <cmark-gfm.h>

#include "grille/group.h"
#include "grille/history.h"
#include "grille/report.h"
#include "grille/text.h"
#include "history_private.h"
#include "scan.h"

/* Everything a report shows, gathered once for every format. */
struct report {
	const grille_workspace *ws;
	const grille_grid *grid;
	const grille_settings *settings;
	grille_settings *settings_at;   /* grille.yaml at --at, owned */
	const grille_group *group;      /* members, plan, calendar (at --at, from group_at) */
	struct group *group_at;         /* --at: the group's files at the commit, owned */
	grille_status *status;
	char **contents;                /* step files' bytes, loaded by the driver before their step renders */
	size_t *lengths;
	struct session *session;        /* the workspace's, borrowed; NULL outside git */
	git_tree *tree;                 /* --at: the commit's tree */
	/* Where the rendered document goes, piece by piece. */
	int (*sink)(void *ctx, const void *data, size_t len);
	void *sink_ctx;
	/* What every byte sent to the sink is made fit for (grille/text.h):
	 * whatever the group wrote, the document stays valid for its format. */
	grille_text_kind text_kind;
	size_t step_count;
	const char *step;               /* --step, or NULL */
	const char *at;
	char today[11];
	char revision[41];              /* "" outside git or before the first commit */
	int dirty;                      /* the working tree differs from the revision */
	grille_log *log;                /* NULL outside git */
	grille_who *who;                /* NULL outside git or without commits */
};

int report__load(struct report *r, const grille_workspace *ws, const grille_report_options *opts);

/* Send what `out` holds to the sink, made fit for r->text_kind, and empty
 * it. `out` must end between two characters (it always does: renderers add
 * whole strings). */
int report__flush(const struct report *r, grille_buf *out);
void report__release(struct report *r);

/* Whether step `st` is in the report (--step). */
int report__shows(const struct report *r, const grille_step_status *st);

/* The Markdown the group wrote as the answer to `q`, in a new string; NULL
 * when there is none. */
char *report__answer_markdown(const struct report *r, const grille_question_status *q);

/* An answer parsed for rendering: links and images with unsafe schemes made
 * inert, raw HTML turned into code (shown as typed, never run), headings
 * moved under `base_level` (no deeper than 6) without gaps, every text made
 * fit for markup as report__clean_tree() does. */
cmark_node *report__answer_tree(const char *markdown, int base_level);

/* Make every text, address and info string of a cmark tree fit for markup
 * (grille/text.h): cmark's renderers stop at a noncharacter or a byte that is
 * not UTF-8, and a tree built from the group's text may hold either. */
void report__clean_tree(cmark_node *doc);

/* The GFM extensions every rendering of answers uses. */
cmark_llist *report__extensions(void);
void report__extensions_free(cmark_llist *list);

/* "ID text (pour le DATE) — reason": an open, deferred or skipped question. */
void report__question_text(grille_buf *out, const grille_question_status *q);

/* "N questions : A répondues, …": a step's counts in one sentence. */
void report__step_counts(grille_buf *out, const grille_step_status *st);

/* A review's state against the report's date: "done", "overdue" or "upcoming". */
/* How many reviews the calendar holds. */
size_t report__review_count(const grille_group *group);

/* `texts` joined with ", " (roles, members...), appended to `out`. */
void report__join(grille_buf *out, const char *const *texts, size_t count);

const char *report__review_state(const struct report *r, const grille_event *review);
/* The same, in the reader's words. */
const char *report__review_label(const struct report *r, const grille_event *review);

/* The sentence that says the history is partial (a shallow clone), or NULL. */
const char *report__partial_history(const struct report *r);

/* Human-facing words shared by the renderers. */
const char *report__state_label(grille_state state);

/*
 * A report format. Renderers only format: they read the status, log, who
 * and settings of `r`, and the step texts the driver (report.c) loaded, and
 * write through `out` and report__flush(); they open no file. The driver
 * calls begin(), then steps() for each window of steps in order (the texts
 * of those steps loaded, and only those), then end() — always, even after
 * an error (given in `error`, to be returned), to free the state.
 */
struct report_format {
	int parallel; /* steps render a few at a time, in parallel: a window of parallel__width() */
	int (*begin)(void **state, grille_buf *out, const struct report *r);
	int (*steps)(void *state, grille_buf *out, const struct report *r, size_t first, size_t count);
	int (*end)(void *state, grille_buf *out, const struct report *r, int error);
};

extern const struct report_format report_html_format;
extern const struct report_format report_markdown_format;
extern const struct report_format report_json_format;
extern const struct report_format report_odt_format;

#endif
