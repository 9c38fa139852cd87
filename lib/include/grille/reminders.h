#ifndef GRILLE_REMINDERS_H
#define GRILLE_REMINDERS_H

#include <stddef.h>

#include "grille/buf.h"
#include "grille/common.h"
#include "grille/group.h"

/**
 * What `grille status` reminds the group of, from its files (group.h) and
 * today's date: where it stands in the test phase, the reviews to hold, the
 * actions that are late or due soon and whose they are, and what is wrong in
 * the files (conflicts, rows that could not be read). See grille-status(1).
 *
 * Dates are calendar days, "YYYY-MM-DD", without time zones: "in 3 days"
 * counts midnights between today and the date.
 *
 * A grille_reminders is a tree made by grille_reminders_compute(), read-only
 * for its callers: every string and array in it belongs to it (copied from
 * the group, which may change afterwards) and lives until
 * grille_reminders_free().
 */

struct grille_workspace;

/** How many days ahead an action is due soon: two weeks. */
#define GRILLE_REMINDER_DAYS 14

/** Where today stands in the test phase. */
typedef enum grille_phase {
	GRILLE_PHASE_NONE,   /**< no test phase planned (no start date) */
	GRILLE_PHASE_BEFORE, /**< it starts in `days` days (1: tomorrow) */
	GRILLE_PHASE_DURING, /**< today is its day `day` of `length` */
	GRILLE_PHASE_OVER,   /**< its last day was `days` days ago (1: yesterday) */
} grille_phase;

typedef struct grille_phase_position {
	grille_phase phase;
	char start[GRILLE_DATE_LEN + 1]; /**< "" with GRILLE_PHASE_NONE */
	char end[GRILLE_DATE_LEN + 1];   /**< "" when no end is planned (or it comes before the start) */
	long days;   /**< BEFORE and OVER: see grille_phase; 0 otherwise */
	long day;    /**< DURING: 1 on its first day; 0 otherwise */
	long length; /**< its days, first and last counted; 0 when it has no end */
} grille_phase_position;

/** A review not held yet. */
typedef struct grille_review_reminder {
	char date[GRILLE_DATE_LEN + 1];
	char *title; /**< "" when none */
	long days;   /**< from today to the review: 0 today, 1 tomorrow, negative once passed */
	size_t line; /**< in calendrier.md; 0 when read from grille.yaml */
} grille_review_reminder;

/** When an open action is due. */
typedef enum grille_due {
	GRILLE_DUE_LATE,  /**< its deadline has passed */
	GRILLE_DUE_SOON,  /**< today or within GRILLE_REMINDER_DAYS days */
	GRILLE_DUE_LATER, /**< after that */
	GRILLE_DUE_NONE,  /**< it has no deadline */
} grille_due;

#define GRILLE_DUE_COUNT 4

/** An open action of the plan (à faire or en cours). */
typedef struct grille_action_reminder {
	char id[16];                   /**< "A3" */
	char *text;
	char **who;                    /**< its owners' names, as the plan writes them */
	size_t who_count;
	char due[GRILLE_DATE_LEN + 1]; /**< "" when none */
	grille_action_state state;     /**< GRILLE_ACTION_TODO or GRILLE_ACTION_DOING */
	grille_due when;
	long days;                     /**< from today to the deadline (negative when late); 0 without one */
	size_t line;                   /**< in plan.md */
} grille_action_reminder;

/** Someone's open actions. */
typedef struct grille_owner_reminders {
	char *name;      /**< the member's name as membres.md writes it, else as the plan does; NULL: no owner */
	int member;      /**< 1 when membres.md has them, 0 for a name only the plan gives (or no owner) */
	size_t *actions; /**< indexes into the reminders' `actions`, in their order */
	size_t count;
	size_t counts[GRILLE_DUE_COUNT]; /**< how many of them are late, due soon... */
} grille_owner_reminders;

typedef struct grille_reminders {
	char today[GRILLE_DATE_LEN + 1];
	grille_phase_position phase;
	grille_review_reminder next_review;  /**< the first review to come (today included): date "" when none */
	grille_review_reminder *overdue_reviews; /**< passed and not held, in the calendar's order */
	size_t overdue_review_count;
	/** Every open action: the late ones (oldest deadline first), then those
	 * due soon and later (soonest first), then those without a deadline in
	 * the plan's order. */
	grille_action_reminder *actions;
	size_t action_count;
	size_t counts[GRILLE_DUE_COUNT];
	/** The owners of open actions: members in membres.md's order, then the
	 * names the plan gives that no member has (the most urgent first), then
	 * the actions without an owner. An action appears under each of its owners. */
	grille_owner_reminders *owners;
	size_t owner_count;
	grille_entry_conflict *conflicts; /**< copied from grille_group: rows with the same key */
	size_t conflict_count;
	char **problems;                  /**< copied from grille_group: "FILE:LINE: what is wrong" */
	size_t problem_count;
} grille_reminders;

/**
 * Compute what to remind `group` of on `today` ("YYYY-MM-DD"; NULL: the
 * local date). Dates the files hold that do not exist are left out. Free
 * `*out` with grille_reminders_free(). GRILLE_EARGUMENT for a `today` that
 * is not a date; GRILLE_ENOMEM.
 */
int grille_reminders_compute(grille_reminders **out, const grille_group *group, const char *today);

/** Free reminders and everything in them. NULL is accepted. */
void grille_reminders_free(grille_reminders *reminders);

/**
 * The open actions of `name` (ignoring case and surrounding spaces; NULL:
 * the actions without an owner), or NULL when they have none. Borrowed from
 * `reminders`.
 */
const grille_owner_reminders *grille_reminders_owner(const grille_reminders *reminders, const char *name);

/**
 * What is on `member`'s plate as the versioned JSON document of
 * grille-status(1) for `--mine` ("format": 1): their actions late, due soon,
 * later and without deadline. Appended to `out`. 0, or GRILLE_ENOMEM.
 */
int grille_reminders_plate_json(grille_buf *out, const grille_reminders *reminders, const grille_member *member);

/**
 * The member of the workspace's group whose name, e-mail or git identity
 * matches the identity git signs commits with there (GIT_AUTHOR_NAME and
 * GIT_AUTHOR_EMAIL, else user.name and user.email of the repository's
 * configuration, or the user's outside git): `*out` borrowed from the
 * group (grille_workspace_group()), or NULL when no member matches.
 * `*name` and `*email` are that identity, for the caller to free (NULL on
 * failure). GRILLE_ENOIDENTITY when git has none (the message says how to
 * give one), GRILLE_EIO, GRILLE_ENOMEM.
 */
int grille_workspace_me(const grille_member **out, char **name, char **email, const struct grille_workspace *ws);

#endif
