#ifndef GRILLE_GRID_H
#define GRILLE_GRID_H

#include <stddef.h>

/**
 * The grid: the method's steps, items and questions, loaded from YAML.
 *
 * The grid format is described in grille-grid(5). A grid is immutable once
 * loaded; every pointer a getter returns is borrowed from the grid and lives
 * as long as it does.
 */

/** The lowest and highest levels of detail. */
#define GRILLE_LEVEL_MIN 1 /* l'essentiel */
#define GRILLE_LEVEL_MAX 3 /* pour aller plus loin */

/**
 * How a question is answered. Members, plan, test-phase and reviews are
 * *data* questions: the group's data answers them (see grille-group(5)),
 * and text written under them in the step file counts too.
 */
typedef enum grille_question_kind {
	GRILLE_QUESTION_TEXT,       /**< answered in free text */
	GRILLE_QUESTION_CHOICE,     /**< answered by checking options */
	GRILLE_QUESTION_MEMBERS,    /**< answered when membres.md has a member */
	GRILLE_QUESTION_PLAN,       /**< answered when plan.md has an action */
	GRILLE_QUESTION_TEST_PHASE, /**< answered when calendrier.md has both dates of the test phase */
	GRILLE_QUESTION_REVIEWS,    /**< answered when calendrier.md has a review */
	GRILLE_QUESTION_POSITIONS,  /**< each member writes a position first, then the group a
	                                 synthesis, which answers it (grille-position(1)) */
} grille_question_kind;

#define GRILLE_QUESTION_KIND_COUNT 7

typedef struct grille_question {
	const char *id;       /**< "2.6.a" */
	const char *text;
	const char *guidance; /**< Markdown, or NULL */
	int level;            /**< GRILLE_LEVEL_MIN..GRILLE_LEVEL_MAX */
	grille_question_kind kind;
	const char *const *options; /**< for GRILLE_QUESTION_CHOICE */
	size_t option_count;
	size_t line;          /**< where it stands in the grid's YAML (1-based) */
	const char *pointer;  /**< a data question's line under its heading, in the grid's
	                           language: where its answer is kept (Markdown); else NULL */
} grille_question;

/**
 * When an item applies: only once `option` of the choice question
 * `question` is checked, if any of its options is (see grille-grid(5),
 * `when:`). Until the group checks one, the item applies as usual.
 */
typedef struct grille_condition {
	const char *question; /**< "2.0.a", a choice question of the grid */
	size_t option;        /**< its option, from 0 */
	const char *reason;   /**< the reason of the mark that sets the item aside */
} grille_condition;

typedef struct grille_item {
	const char *id;       /**< "2.6" */
	const char *title;
	const char *guidance; /**< Markdown, or NULL */
	const grille_question *questions;
	size_t question_count;
	const grille_condition *when; /**< NULL: the item always applies */
} grille_item;

/** Items of a step that go together (a family of principles): consecutive, in grid order. */
typedef struct grille_item_group {
	const char *title;
	const char *intro;    /**< Markdown, or NULL */
	size_t first, count;  /**< the step's items first .. first + count - 1 */
} grille_item_group;

typedef struct grille_step {
	const char *id;       /**< "2" */
	const char *title;
	const char *file;     /**< the step's Markdown file in a workspace */
	const char *intro;    /**< Markdown, or NULL */
	const grille_item *items;
	size_t item_count;
	const grille_item_group *groups; /**< in grid order; items may be in none */
	size_t group_count;
} grille_step;

typedef struct grille_grid grille_grid;

/**
 * Load a grid from a YAML file.
 *
 * On success `*out` is a new grid, freed with grille_grid_free(); on failure
 * it is NULL. A bad grid fails with GRILLE_EINVALID and a message
 * "FILE:LINE:COL: what is wrong"; an unreadable file with GRILLE_EIO or
 * GRILLE_ENOTFOUND.
 */
int grille_grid_load_file(grille_grid **out, const char *path);

/**
 * Load a grid from `len` bytes of YAML at `data` (no NUL needed); `name` is
 * what messages call it. Both are copied: the caller keeps them. `*out` as
 * for grille_grid_load_file().
 */
int grille_grid_load_buffer(grille_grid **out, const char *data, size_t len,
                            const char *name);

/** Load the default French grid embedded in the library; `*out` as for grille_grid_load_file(). */
int grille_grid_load_default(grille_grid **out);

/**
 * Load the default grid embedded in the library in `language`: "fr" (the
 * same as grille_grid_load_default()) or "en", its English version with the
 * same ID, version, steps, items and questions. `*out` as for
 * grille_grid_load_file(); GRILLE_EARGUMENT, with a message naming the
 * languages grille has, for any other language.
 */
int grille_grid_load_language(grille_grid **out, const char *language);

/**
 * Free a grid and everything borrowed from it (steps, items, questions,
 * strings). NULL is accepted.
 */
void grille_grid_free(grille_grid *grid);

/*
 * The grid's fields. Each string is borrowed from the grid; none is NULL
 * unless said.
 */

/** The grid's ID, its YAML's `grid` ("collaboration-numerique"). */
const char *grille_grid_id(const grille_grid *grid);
/** The grid's version, its YAML's `version` ("1.0"). */
const char *grille_grid_version(const grille_grid *grid);
/** The grid's language, "fr" or "en" (its YAML's `language`, "fr" when absent). */
const char *grille_grid_language(const grille_grid *grid);
/** The grid's title. */
const char *grille_grid_title(const grille_grid *grid);
/** The grid's subtitle; may be NULL. */
const char *grille_grid_subtitle(const grille_grid *grid);
/** Markdown: how to use the grid; may be NULL. */
const char *grille_grid_introduction(const grille_grid *grid);

/**
 * The YAML the grid was loaded from, byte for byte, borrowed from the grid
 * and followed by a NUL; its length goes to `*len` (NULL accepted).
 */
const char *grille_grid_source(const grille_grid *grid, size_t *len);

/** How many steps the grid has. */
size_t grille_grid_step_count(const grille_grid *grid);
/** The step at `index` (from 0), borrowed from the grid, or NULL past the end. */
const grille_step *grille_grid_step(const grille_grid *grid, size_t index);

/** Find a step, item or question by ID (borrowed from the grid). NULL when there is none. */
const grille_step *grille_grid_find_step(const grille_grid *grid, const char *id);
const grille_item *grille_grid_find_item(const grille_grid *grid, const char *id);
const grille_question *grille_grid_find_question(const grille_grid *grid, const char *id);

/**
 * The step a caller named (`grille status --step 2`): 0 with `*out` borrowed
 * from the grid, or GRILLE_EARGUMENT, saying there is no such step, with
 * `*out` NULL.
 */
int grille_grid_lookup_step(const grille_step **out, const grille_grid *grid, const char *id);

/**
 * What an ID names by its shape: 0 for a step ("2"), 1 for an item ("2.6"),
 * 2 for a question ("2.6.a"), -1 when it is not an ID.
 */
int grille_id_kind(const char *id);

/** 1 if `date` is a real calendar date written "YYYY-MM-DD", else 0. */
int grille_date_valid(const char *date);

/**
 * The name a grid gives `kind` under `kind:` ("text", "choice", "members",
 * "plan", "test-phase", "reviews", "positions"): a static string; "?" out
 * of range.
 */
const char *grille_question_kind_name(grille_question_kind kind);

/**
 * For a data question's kind, the workspace file that holds its answer
 * ("membres.md", "plan.md", "calendrier.md"): a static string. NULL for
 * "text", "choice" and "positions".
 */
const char *grille_question_kind_file(grille_question_kind kind);

/**
 * The group that starts at the step's item `index`, or NULL: where a
 * group's heading goes before its first item.
 */
const grille_item_group *grille_step_group_starting(const grille_step *step, size_t index);

/** The group that holds the step's item `index`, or NULL. */
const grille_item_group *grille_step_group_of(const grille_step *step, size_t index);

/** How many questions the grid has at `max_level` and below. */
size_t grille_grid_question_count(const grille_grid *grid, int max_level);

#endif
