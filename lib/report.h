#ifndef GRILLE_REPORT_PRIVATE_H
#define GRILLE_REPORT_PRIVATE_H

#include <cmark-gfm.h>

#include "grille/group.h"
#include "grille/history.h"
#include "grille/report.h"
#include "grille/text.h"
#include "grid_index.h"
#include "history_private.h"
#include "scan.h"

/* Everything a report shows, gathered once for every format. */
struct report {
	const grille_workspace *ws;
	const grille_grid *grid;
	const char *language;           /* the grid's: the words of the document (wording.h) */
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
	int guidance;                   /* --guidance: the grid's introductions and guidance beside the answers */
	int serve_links;                /* grille serve's group page: items and questions link to its step pages */
	/* grille serve's group page: what to add at the end of the section `id` ("membres", "plan", "calendrier"). */
	void (*section_tail)(grille_buf *out, const struct report *r, const char *id, void *ctx);
	void *section_tail_ctx;
	const char *at;
	int round;                      /* the round shown: the current one, or --round's */
	int round_past;                 /* --round: a finished round, read from its archive */
	char round_rev[41];             /* --round: the commit that ended it, the history's end ("": none) */
	char today[11];
	char today_text[48];  /* today in words: "1er décembre 2026" */
	char revision[41];              /* "" outside git or before the first commit */
	char revision_date[11];         /* the day it was recorded, "YYYY-MM-DD"; "" when unknown */
	int dirty;                      /* the working tree differs from the revision */
	grille_log *log;                /* NULL outside git */
	grille_who *who;                /* NULL outside git or without commits */
	/* What a first `who` scanned of the step files, taken by the status's
	 * scan for a file of the same bytes: a first report parses it once. */
	struct who_scans who_scans;
	int authors;                    /* --authors: who wrote each answer, beside it */
	/* An HTML report of the working tree in git: the sections kept from the
	 * last report (report_sections.h), and per step file its blob ID and
	 * whether it was read and scanned with detail (else its scan came from
	 * the stat cache, and its bytes are not held: every step whose answers
	 * stand in it has its section kept). NULL otherwise. */
	struct report_sections *sections;
	unsigned char (*file_ids)[20];
	unsigned char *file_known;
	unsigned char *detailed;
	grille_grid_index authors_of;   /* --authors: a question's ID -> its grille_who_question in `who` */
};

int report__load(struct report *r, const grille_workspace *ws, const grille_report_options *opts);

/* Send what `out` holds to the sink, made fit for r->text_kind, and empty
 * it. `out` must end between two characters (it always does: renderers add
 * whole strings). */
int report__flush(const struct report *r, grille_buf *out);
/* The two halves of report__flush(), for renderers that make their pieces
 * fit on several threads: make `out` fit for r->text_kind in place
 * (GRILLE_ENOMEM, also when a fragment was lost), then send it as it is. */
int report__clean(const struct report *r, grille_buf *out);
int report__send(const struct report *r, grille_buf *out);
void report__release(struct report *r);

/* Refuse (GRILLE_EEXISTS, GRILLE_EINVALID, GRILLE_EIO) to write a document
 * at `path` over a file of the group (see grille_report_write_file()).
 * `document`: what the message calls it ("la fiche de travail"), NULL for the report. */
int report__check_output(const grille_workspace *ws, const char *path, grille_report_format format,
                         const char *document);

/* A sink into a struct grille_fs_atomic (`ctx`), opened by fs__output_open(). */
int report__to_file(void *ctx, const void *data, size_t len);

/* The grid's guidance of the item `id` (NULL: none, or no such item). */
const char *report__item_guidance(const struct report *r, const char *id);
/* The grid's introduction of the step `id` (NULL: none). */
const char *report__step_intro(const struct report *r, const char *id);

/* Whether step `st` is in the report (--step). */
int report__shows(const struct report *r, const grille_step_status *st);

/* With --authors, who wrote the answer to `q` (grille who's credits, most
 * lines first), borrowed from r->who; NULL without --authors or when no line
 * of it is credited to anyone. */
const grille_who_question *report__authors_of(const struct report *r, const grille_question_status *q);
/* With --authors, "Écrit par Camille Martin, Awa Diallo" (members' names as
 * report__person() gives them) appended to `out`: 1, or 0 with nothing
 * appended (see report__authors_of()). */
int report__authors_text(grille_buf *out, const struct report *r, const grille_question_status *q);

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

/* French typography (typo.h) on every text of a cmark tree for print (HTML,
 * OpenDocument, the Markdown report, never JSON): adjacent texts joined
 * first, so that "oui !" (two texts to cmark) is seen whole; code, addresses
 * and raw HTML are left as they are. Out of memory: a text keeps its spaces. */
void report__french_tree(cmark_node *doc);

/* The GFM extensions every rendering of answers uses. */
cmark_llist *report__extensions(void);
void report__extensions_free(cmark_llist *list);

/* "ID text (pour le DATE) — reason": an open, deferred or skipped question. */
void report__question_text(grille_buf *out, const char *language, const grille_question_status *q);
/* The end of that line: " (pour le DATE) — reason", or nothing for an open question. */
void report__mark_tail(grille_buf *out, const char *language, const grille_question_status *q);
/* When the questions of `it` in `state` are two or more and carry the same
 * date and reason (the item was skipped or deferred as a whole), the first of
 * them, whose mark the report says once, for the item; else NULL. */
const grille_question_status *report__item_mark(const grille_item_status *it, grille_state state);

/* "N questions : A répondues, …": a step's counts in one sentence, each
 * count in its grammatical number ("1 répondue"), the states no question is
 * in left out (answered always shown). */
void report__step_counts(grille_buf *out, const char *language, const grille_step_status *st);
/* One count of a state, "1 mise de côté", "3 mises de côté". */
void report__state_count(grille_buf *out, const char *language, grille_state state, size_t n);

/* Which version of the workspace the report shows, in a partner's words,
 * after "Version : ": "enregistrée le 1er décembre 2026", with "(avec des
 * changements pas encore enregistrés)" after it when the working tree
 * differs; "pas encore d'historique" outside git. */
void report__version_text(grille_buf *out, const struct report *r);
/* The small print that names that version for git: "Numéro de cette version
 * dans l'historique git : 2dbdf817fcac." (nothing outside git). */
void report__revision_note(grille_buf *out, const struct report *r);
/* The progress chart's text alternative: every number of it, in words. */
void report__progress_description(grille_buf *out, const struct report *r);

/* A review's state against the report's date: "done", "overdue" or "upcoming". */
/* How many reviews the calendar holds. */
size_t report__review_count(const grille_group *group);

/* `texts` joined with ", " (roles, members...), appended to `out`. */
void report__join(grille_buf *out, const char *const *texts, size_t count);

const char *report__review_state(const struct report *r, const grille_event *review);
/* The same, in the reader's words. */
const char *report__review_label(const struct report *r, const grille_event *review);

/* "Tour 2 (en cours)", "Tour 1, terminé : archivé dans tour-1/" into `out`, or
 * nothing in the first round (0 returned: no line to show). */
int report__round_line(grille_buf *out, const struct report *r);

/* The sentence that says the history is partial (a shallow clone), or NULL. */
const char *report__partial_history(const struct report *r);

/* Human-facing words shared by the renderers. */
const char *report__state_label(const char *language, grille_state state);

/* The group's data in the report (lib/report_group.c): what every format
 * shows the same way. */

/* The group's data a question of a data kind shows in place of an answer,
 * and the report's own sections are made of. */
enum report_data {
	REPORT_DATA_MEMBERS,    /* the members and their roles */
	REPORT_DATA_PLAN,       /* the action plan, grouped by state */
	REPORT_DATA_TEST_PHASE, /* one sentence: the test phase's dates */
	REPORT_DATA_REVIEWS,    /* the reviews and their state */
};

/* What a plan question shows in place, the plan having its own part: "4
 * actions : 1 en cours, 3 à faire. Le plan en entier…", appended to `out`. */
void report__plan_summary(grille_buf *out, const char *language, const grille_group *group);

/* Whether `q` is a data question whose data the group has recorded: 1 and
 * `*kind` what to show in place of (or before) its written answer. */
int report__data_of(const grille_question_status *q, enum report_data *kind);

/* The plan's states in the order the report shows them: en cours, à faire, fait, abandonnée. */
extern const grille_action_state report__plan_states[4];
/* A state's heading, "En cours"... */
const char *report__plan_state_title(const char *language, grille_action_state state);
/* How many actions are in `state`. */
size_t report__plan_count(const grille_group *group, grille_action_state state);
/* How many actions the review decided on (plan.md's "Bilan" column). */
size_t report__decision_count(const grille_group *group);
/* An action's decision, in words: "A3 Former l'équipe : ajuster — moins de réunions". */
void report__decision_text(grille_buf *out, const char *language, const grille_action *action);
/* The title of the decisions' part of the plan: "Décisions du bilan". */
const char *report__decisions_title(const char *language);
/* Whether the action is due before the report's date and neither done nor dropped. */
int report__action_late(const struct report *r, const grille_action *action);

/* A date "YYYY-MM-DD" as people read it: "1 déc." (short), "15 avril 2027"
 * (long); an unreadable date is copied as is. */
void report__date_short(grille_buf *out, const char *language, const char *date);
void report__date_long(grille_buf *out, const char *language, const char *date);
/* The long form with no-break spaces, for a table's narrow cell: "15 avril
 * 2027" on one line wherever it is shown. */
void report__date_unbroken(grille_buf *out, const char *language, const char *date);
/* "Phase de test : du 1 décembre 2026 au 15 avril 2027." or that it has no dates yet. */
void report__test_phase_text(grille_buf *out, const char *language, const grille_group *group);

/* What a grid ID of an action's `for_ids` is in the report: the item's title
 * or the question's text (NULL: the grid has no such ID), and in `anchor`
 * the HTML id where the report shows it ("q-3-2-b", "i-2-5", "etape-2"; ""
 * when the report leaves its step out). */
const char *report__target(const struct report *r, const char *id, char *anchor, size_t size);
/* "2.5 Title, 3.2.b Question": the IDs an action is for, with their titles. */
void report__targets_text(grille_buf *out, const struct report *r, const grille_action *action);

/* The group's data of `kind` appended to `doc` (lib/report_markdown.c),
 * its headings (the plan's states) at `level`: what a question of that
 * kind shows in place of an answer, and what the report's sections hold.
 * The HTML's is in report_html.h, the OpenDocument's in report_odt.h. */
void report_markdown__data(cmark_node *doc, const struct report *r, enum report_data kind, int level);

/* The same as JSON (lib/report_json.c): an array, or for the test phase {start, end}. */
struct json_t;
struct json_t *report_json__data(const struct report *r, enum report_data kind);

/* One date of the calendar, as the timeline shows it. */
enum report_mark_kind {
	REPORT_MARK_TEST_START,
	REPORT_MARK_TEST_END,
	REPORT_MARK_REVIEW,
	REPORT_MARK_DEADLINE,
	REPORT_MARK_TODAY,
};
struct report_mark {
	enum report_mark_kind kind;
	const char *date;             /* borrowed, "YYYY-MM-DD" */
	long day;                     /* days since 1970-01-01 */
	const grille_event *review;   /* REPORT_MARK_REVIEW */
	const grille_action *action;  /* REPORT_MARK_DEADLINE */
	size_t order;                 /* the rank it was found in: ties keep it */
};
/* The calendar's dates in order, and the span of the axis that shows them. */
struct report_calendar {
	struct report_mark *marks;
	size_t count;
	long first, last;             /* the axis' first and last day, `last` > `first` */
};
/* The test phase, the reviews, the deadlines of actions not dropped, and
 * today, in date order. GRILLE_ENOMEM. */
int report__calendar(struct report_calendar *out, const struct report *r);
void report__calendar_release(struct report_calendar *calendar);
/* Where `day` stands on the axis, from 0 to 1. */
double report__calendar_x(const struct report_calendar *calendar, long day);
/* The first days of the months on the axis, no more than `max` of them
 * (every second or third month when the axis is long), as days. */
size_t report__calendar_ticks(const struct report_calendar *calendar, long *days, size_t max);
/* A day as "1 déc.", with its year when `year` ("1 déc. 2026"). */
void report__day_short(grille_buf *out, const char *language, long day, int year);
/* Whether two days are in the same year. */
int report__same_year(long a, long b);
/* What a mark is, in a sentence: "Bilan : Bilan d'étape (fait)", "Échéance de A3 : … (en retard)". */
void report__mark_text(grille_buf *out, const struct report *r, const struct report_mark *mark);

/* How the report names the author of commits: the member's name, with the
 * git name in brackets when it differs; the git name alone when no member
 * matches. The e-mail never shows: a report is handed out. */
void report__person(grille_buf *out, const struct report *r, const char *name, const char *email);
/* The names in the history that match no member, joined with ", ", and how
 * many (the first 20; 21 when there are more); none while the group has no
 * member at all. */
size_t report__strangers(grille_buf *out, const struct report *r);
/* "Identités sans membre : … — à ajouter avec grille member add NOM --email …", or nothing. */
void report__strangers_text(grille_buf *out, const struct report *r);

/* The entry conflict `c` in a sentence naming every version, and the heading of that note. */
void report__conflict_text(grille_buf *out, const char *language, const grille_entry_conflict *c);
const char *report__group_note_title(const char *language);

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
