#ifndef GRILLE_GRID_LANGUAGE_H
#define GRILLE_GRID_LANGUAGE_H

#include <stddef.h>

/*
 * The languages grille ships its default grid in (templates/fr/ and
 * templates/en/, embedded): the grid, the workspace README, and the few
 * words the README's scaffold adds around them. The French grid is the
 * default, and the only one with earlier versions (grid_history.h).
 */
struct grid_language {
	const char *code;              /* "fr", "en": a workspace's `language:` */
	const unsigned char *grid;     /* the grid's YAML, NUL-terminated */
	const size_t *grid_size;
	const char *readme;            /* the workspace README's guide, Markdown */
	const char *readme_heading;    /* the heading over the grid's introduction */
};

/* The shipped language `code` names, or NULL when grille has no grid in it. */
const struct grid_language *grid_language__find(const char *code);

/* The shipped language for a workspace whose grille.yaml says `code` (NULL or
 * empty accepted): that language when grille has it, French otherwise, as a
 * workspace without `language:` always was. Never NULL. */
const struct grid_language *grid_language__of(const char *code);

/* How messages name the shipped grid of `language` ("grille par défaut"). */
const char *grid_language__grid_name(const struct grid_language *language);

#endif
