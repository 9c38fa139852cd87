#ifndef GRILLE_GROUPDATA_H
#define GRILLE_GROUPDATA_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/group.h"

/*
 * The group's data files: members, action plan, calendar.
 *
 * Each is a plain Markdown file of the workspace: a title line, optional
 * prose, then one GitHub-flavoured pipe table with one row per entry (see
 * lib/table.h for how the table is read: the first line starting with `|`
 * is its header, then the delimiter row, then the rows until the first line
 * that does not start with `|`; `\|` writes a `|` inside a cell; CRLF reads
 * fine). A person edits them by hand, a forge renders them; git merges them
 * with its `union` driver, so two members adding rows at once both keep
 * theirs. When two members change the same entry, the merge leaves two rows
 * with the same key: that is a *conflict* on the entry, not an error; both
 * rows are kept and reported (key, line and text of each) until someone
 * removes one.
 *
 * An English workspace's files have the same tables headed in English
 * (`| Name | Roles | Email | Git identity |`, `| No. | Action | Who | Due |
 * State | Means | Indicator | For | Note | Review | Review reason |`,
 * `| Date | What | Title | Done |`) and English words in their cells (`to
 * do`, `in progress`, `done`, `dropped`; `keep`, `adjust`, `drop`; `test
 * start`, `test end`, `review`; `yes`). Cells read in either language in
 * any file; a row is written in the language of its file's header.
 *
 * membres.md
 *     # Membres
 *
 *     | Nom | Rôles | Courriel | Identité git |
 *     | --- | --- | --- | --- |
 *     | Awa Diallo | animatrice, secrétaire | awa@example.org | Awa D. |
 *
 *   Nom: required; the key, compared ignoring case (ASCII and Latin-1
 *   letters) and the spaces around it; no comma (actions list members with
 *   commas). Rôles: comma-separated, may be empty. Courriel: optional, an
 *   address with an `@` and no space. Identité git: optional, the name or
 *   e-mail address of the member's commits.
 *
 * plan.md
 *     # Plan d'action
 *
 *     | N° | Action | Qui | Échéance | État | Moyens | Indicateur | Pour | Note | Bilan | Raison du bilan |
 *
 *   N°: the key, `A` and a positive number without leading zero (`A1`,
 *   `A12`; a lower-case `a` reads too). Action: required. Qui: member
 *   names, comma-separated. Échéance: a date `YYYY-MM-DD` that exists, or
 *   empty. État: `à faire` (also when empty), `en cours`, `fait` or
 *   `abandonnée`; read in any case and without accents, written as here.
 *   Moyens, Indicateur: free text. Pour: the grid IDs the action answers,
 *   comma-separated items or questions (`2.5, 3.2.b`). Note: free text (why
 *   the action was dropped, for example). Bilan: the review's decision,
 *   `garder`, `ajuster`, `abandonner` or empty; Raison du bilan: free text.
 *   These two came later: a header without them reads (and gains them with
 *   the first decision written), and a row may leave them out.
 *
 * calendrier.md
 *     # Calendrier
 *
 *     | Date | Quoi | Titre | Fait |
 *
 *   Date: required, `YYYY-MM-DD`, a date that exists. Quoi: `début du test`,
 *   `fin du test` or `bilan` (any case, accents optional). Titre: free text.
 *   Fait: `oui` or empty. Key: Quoi alone for the test phase's two rows,
 *   Date and Quoi for a review. The test phase must end after it starts.
 *
 * Each cell is one line of UTF-8 without control characters. A problem in
 * a file (a row with the wrong number of cells, a bad date or state...) is
 * reported as "FILE:LINE: message", all of them; the loader still returns
 * every row it could read.
 */

#define GROUPDATA_MEMBERS_FILE "membres.md"
#define GROUPDATA_PLAN_FILE "plan.md"
#define GROUPDATA_CALENDAR_FILE "calendrier.md"

enum groupdata_kind { GROUPDATA_MEMBERS, GROUPDATA_PLAN, GROUPDATA_CALENDAR };

/* The three files' names, by kind. */
extern const char *const groupdata__files[3];

/* The column headings of a file's table in `language` ("Nom", "Rôles"...;
 * "Name", "Roles"... in English), static, and how many in `*count`. */
const char *const *groupdata__header(enum groupdata_kind kind, const char *language, size_t *count);

/* The lines of .gitattributes that have git merge the three files with its
 * `union` driver, with a comment saying why; appended to `out`. */
#define GROUPDATA_ATTRIBUTES_FILE ".gitattributes"
int groupdata__attributes(grille_buf *out, const char *language);

/* What every loaded file carries besides its entries. */
struct groupdata_common {
	grille_entry_conflict *conflicts;
	size_t conflict_count;
	char **problems;     /* "FILE:LINE: message" */
	size_t problem_count;
};

struct groupdata_members {
	grille_member *items; /* every row read, both of a conflict included */
	size_t count;
	struct groupdata_common common;
};

struct groupdata_plan {
	grille_action *items;
	size_t count;
	struct groupdata_common common;
};

struct groupdata_calendar {
	grille_event *items;
	size_t count;
	struct groupdata_common common;
};

/*
 * Load one file from its `len` bytes; `name` is what problems call it.
 * Returns 0, GRILLE_EINVALID when the file has problems (the first is the
 * message; `out` holds them all, and every good row), GRILLE_ENOMEM.
 * Conflicts are not errors. Release `out` whatever the result.
 */
int groupdata__members_load(struct groupdata_members *out, const char *data, size_t len, const char *name);
int groupdata__plan_load(struct groupdata_plan *out, const char *data, size_t len, const char *name);
int groupdata__calendar_load(struct groupdata_calendar *out, const char *data, size_t len, const char *name);
void groupdata__members_release(struct groupdata_members *m);
void groupdata__plan_release(struct groupdata_plan *p);
void groupdata__calendar_release(struct groupdata_calendar *c);

/* Whether two member names are the same key: case (ASCII and Latin-1) and
 * surrounding spaces aside. */
int groupdata__same_name(const char *a, const char *b);

/* What groupdata__same_name() compares, in a new string (NULL when out of
 * memory): equal keys are the same name, for an index of names. */
char *groupdata__name_key(const char *name);

/* The next action's ID, "A<max+1>" ("A1" for an empty plan), in `id`. */
void groupdata__plan_next_id(const struct groupdata_plan *plan, char id[16]);

/*
 * After a merge: actions both sides added under the same number (a number
 * the merge base's plan did not have) are no conflict; our row (the one
 * `theirs` lacks) gets the next free number. `out` gets the new
 * plan, or stays empty when nothing changed; `note` one French line per
 * renumbering. A merged plan with problems is left alone.
 */
int groupdata__plan_renumber(grille_buf *out, grille_buf *note, const char *merged, size_t merged_len,
                             const char *base, size_t base_len, const char *theirs, size_t theirs_len);

/* A fresh file of `kind` in the workspace's `language`: title, one sentence of guidance, header
 * and delimiter (every column, the plan's decisions included). Appended to `out`. */
int groupdata__fresh(grille_buf *out, enum groupdata_kind kind, const char *language);

enum groupdata_op {
	GROUPDATA_APPEND,  /* a new entry at the table's end; GRILLE_EEXISTS when its key is there */
	GROUPDATA_REPLACE, /* the entry's row(s) become one row: a conflict is settled */
	GROUPDATA_REMOVE,  /* every row of the entry's key goes */
};

/*
 * The file's new bytes in `out` (emptied first) after `op` on the entry
 * (REMOVE reads only its key: name; id; kind and, for a review, date). Every
 * other byte stays. GRILLE_EARGUMENT (French message) for an entry that
 * the file cannot hold (bad date, name with a comma, a line break, a
 * control character...); GRILLE_ENOTFOUND for REPLACE or REMOVE of a key
 * that is not there; GRILLE_EEXISTS for APPEND of one that is;
 * GRILLE_EINVALID when the file has problems (it is left to the group to
 * fix first).
 */
int groupdata__members_write(grille_buf *out, const char *data, size_t len, const char *name,
                             enum groupdata_op op, const grille_member *member);
int groupdata__plan_write(grille_buf *out, const char *data, size_t len, const char *name,
                          enum groupdata_op op, const grille_action *action);
int groupdata__calendar_write(grille_buf *out, const char *data, size_t len, const char *name,
                              enum groupdata_op op, const grille_event *event);

/*
 * The file's new bytes in `out` (emptied first) with its table holding
 * exactly the rows of `actions` (plan.md), in their order, or no row at all
 * (`count` 0, any kind): the title, the prose, the header and the text after
 * the table stay. GRILLE_EINVALID when the file has problems.
 */
int groupdata__rewrite(grille_buf *out, const char *data, size_t len, const char *name, enum groupdata_kind kind,
                       const grille_action *actions, size_t count);

#endif
