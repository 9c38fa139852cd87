#ifndef GRILLE_GROUP_H
#define GRILLE_GROUP_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"

/**
 * The group's data: who takes part, the action plan, the calendar of the
 * test phase and the reviews. Each lives in a Markdown file of the
 * workspace, one table row per entry (see grille-group(5)):
 *
 *  - membres.md: a member per row, keyed by name (case does not matter);
 *  - plan.md: an action per row, keyed by its number, "A3";
 *  - calendrier.md: the test phase's start and end, then reviews keyed by
 *    their date.
 *
 * git merges these files with its `union` driver (.gitattributes), so two
 * members adding entries at once keep both. Two members changing the same
 * entry leave two rows with the same key: a conflict on that entry, shown
 * by every command until one row is removed or the entry set again.
 *
 * A workspace of format 1 kept members, the test phase and reviews in
 * grille.yaml: they are read from there until the first change made
 * through this API moves them to the files, in a commit of their own.
 */

struct grille_workspace;

/** A member of the group. */
typedef struct grille_member {
	char *name;       /**< the key; no comma */
	char **roles;
	size_t role_count;
	char *email;      /**< "" when none */
	char *identity;   /**< the name or e-mail of their commits; "" when none */
	size_t line;      /**< in the file, 1-based; 0 when read from grille.yaml */
} grille_member;

typedef enum grille_action_state {
	GRILLE_ACTION_TODO,    /**< à faire */
	GRILLE_ACTION_DOING,   /**< en cours */
	GRILLE_ACTION_DONE,    /**< fait */
	GRILLE_ACTION_DROPPED, /**< abandonnée */
} grille_action_state;

/** What the review decided for an action, for the next round (grille-group(5)). */
typedef enum grille_decision {
	GRILLE_DECISION_NONE,    /**< not decided yet */
	GRILLE_DECISION_KEEP,    /**< garder: it returns as it is */
	GRILLE_DECISION_ADJUST,  /**< ajuster: it returns, to change as the reason says */
	GRILLE_DECISION_DROP,    /**< abandonner: it does not return */
} grille_decision;

/** An action of the plan. */
typedef struct grille_action {
	unsigned long number;          /**< the 3 of "A3"; 0 in a new action: the next number */
	char id[16];                   /**< "A3" */
	char *text;
	char **who;                    /**< members' names */
	size_t who_count;
	char due[GRILLE_DATE_LEN + 1]; /**< "YYYY-MM-DD" or "" */
	grille_action_state state;
	char *means;                   /**< "" when none */
	char *indicator;               /**< "" when none */
	char **for_ids;                /**< grid IDs the action answers: "2.5", "3.2.b" */
	size_t for_count;
	char *note;                    /**< "" when none; why it was dropped */
	size_t line;
	grille_decision decision;      /**< the review's, column "Bilan" */
	char *decision_reason;         /**< column "Raison du bilan"; "" or NULL when none */
} grille_action;

typedef enum grille_event_kind {
	GRILLE_EVENT_TEST_START, /**< début du test */
	GRILLE_EVENT_TEST_END,   /**< fin du test */
	GRILLE_EVENT_REVIEW,     /**< bilan */
} grille_event_kind;

/** A date of the calendar. */
typedef struct grille_event {
	grille_event_kind kind;
	char date[GRILLE_DATE_LEN + 1];
	char *title;      /**< "" when none */
	int done;         /**< a review held */
	size_t line;
} grille_event;

/** Two or more rows with the same key in one file, left by a merge. */
typedef struct grille_entry_conflict {
	const char *file; /**< "membres.md"... */
	char *key;        /**< as the first row writes it */
	size_t count;     /**< 2 or more */
	size_t *lines;    /**< 1-based, in file order */
	char **texts;     /**< each row as written */
} grille_entry_conflict;

/** What the group's files hold. Every row read is there, both rows of a conflict included. */
typedef struct grille_group {
	const grille_member *members;
	size_t member_count;
	const grille_action *actions;
	size_t action_count;
	const grille_event *events;  /**< in file order */
	size_t event_count;
	const char *test_start;      /**< "YYYY-MM-DD" or "" */
	const char *test_end;
	const grille_entry_conflict *conflicts;
	size_t conflict_count;
	const char *const *problems; /**< "FILE:LINE: what is wrong": rows that could not be read */
	size_t problem_count;
	int from_settings;           /**< 1: read from an older grille.yaml, not moved yet */
} grille_group;

/**
 * The group's data, loaded once from the working tree (or from grille.yaml
 * in a workspace of format 1) and borrowed from the workspace until its
 * next change through this API. A missing file is an empty table. Rows
 * that cannot be read are left out and named in `problems`: reading does not
 * fail for them (changing does). GRILLE_EIO, GRILLE_ENOMEM.
 */
int grille_workspace_group(const grille_group **out, const struct grille_workspace *ws);

/**
 * The member whose name, e-mail or git identity matches a commit's author
 * `name` or `email` (ignoring case); NULL when none does. Either may be NULL.
 */
const grille_member *grille_group_member_of(const grille_group *group, const char *name, const char *email);

/** The member called `name` (ignoring case and surrounding spaces), or NULL. */
const grille_member *grille_group_member(const grille_group *group, const char *name);

/** The action "A3" (any case), or NULL; in a conflict, its first row. */
const grille_action *grille_group_action(const grille_group *group, const char *id);

/** The canonical French name of a state ("à faire"...), or of an event kind ("bilan"...). Static. */
const char *grille_action_state_name(grille_action_state state);
/** A decision as plan.md writes it: "garder", "ajuster", "abandonner", "" for none. Static. */
const char *grille_decision_name(grille_decision decision);
/** The decision a word names: "garder", "ajuster", "abandonner" (any case, accents
 * optional) or "keep", "adjust", "drop"; -1 for another word. */
int grille_decision_from_name(const char *name);
const char *grille_event_kind_name(grille_event_kind kind);

/** How a change treats the entry. */
typedef enum grille_group_op {
	GRILLE_GROUP_ADD,     /**< a new entry; GRILLE_EEXISTS when its key is there */
	GRILLE_GROUP_SET,     /**< the entry's row(s) become this one: settles a conflict */
	GRILLE_GROUP_REMOVE,  /**< every row with the entry's key goes (only its key is read) */
} grille_group_op;

/** What a change did; the caller's, released with grille_group_change_release(). */
typedef struct grille_group_change {
	char *file;       /**< the file changed, relative to the workspace */
	char key[64];     /**< the entry's key: a name, "A3", a date */
	char *moved;      /**< NULL, or the message of the commit that first moved grille.yaml's data */
	char moved_commit[GRILLE_OID_HEXSZ + 1];
	char **warnings;  /**< in French: what the change leaves odd (a review before the test phase...) */
	size_t warning_count;
} grille_group_change;

void grille_group_change_release(grille_group_change *change);

/**
 * Change the group's files: the entry is checked (a name without comma, a
 * date that exists, the members an action names, the grid IDs it is for,
 * a test phase that ends after it starts), then written atomically; every
 * other byte of the file stays. The caller holds the workspace lock.
 * GRILLE_EARGUMENT for an entry that cannot be (French message, nothing
 * changed); GRILLE_ENOTFOUND for SET or REMOVE of a key that is not
 * there; GRILLE_EEXISTS for ADD of one that is; GRILLE_EINVALID when the
 * file has rows that cannot be read ("FILE:LINE: ..."), to fix by hand
 * first. A member, action or event given is only read.
 *
 * For an action, ADD with `number` 0 takes the next number. For the test
 * phase, use grille_workspace_test_phase().
 */
int grille_workspace_member_change(grille_group_change *out, struct grille_workspace *ws, grille_group_op op,
                                   const grille_member *member);
int grille_workspace_action_change(grille_group_change *out, struct grille_workspace *ws, grille_group_op op,
                                   const grille_action *action);
int grille_workspace_review_change(grille_group_change *out, struct grille_workspace *ws, grille_group_op op,
                                   const grille_event *review);

/** Set the test phase from `start` to `end` ("YYYY-MM-DD", end after start). */
int grille_workspace_test_phase(grille_group_change *out, struct grille_workspace *ws, const char *start,
                                const char *end);

/**
 * The group's calendar as an iCalendar file (RFC 5545) appended to `out`:
 * the test phase, the reviews, the actions' deadlines and the deferral
 * dates of the step files, as all-day events whose UIDs stay the same from
 * one export to the next. `stamp` is the export's time, "YYYYMMDDTHHMMSSZ".
 */
int grille_workspace_calendar_ics(grille_buf *out, const struct grille_workspace *ws, const char *stamp);

#endif
