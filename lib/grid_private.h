#ifndef GRILLE_GRID_PRIVATE_H
#define GRILLE_GRID_PRIVATE_H

#include "grille/grid.h"
#include "grid_index.h"

/* A loaded grid, as lib/grid.c reads it from YAML and lib/grid_snapshot.c
 * reads it back from its snapshot. Every string and array is its own
 * allocation, freed by grille_grid_free(). */
struct grille_grid {
	char *source;
	size_t source_len;
	char *source_name;
	char *id, *version, *language, *title, *subtitle, *introduction;
	grille_step *steps;
	size_t step_count;
	grille_grid_index index;
};

/* Why a step's file name cannot be one (see check_step_file() in lib/grid.c). */
enum grid_step_file_problem {
	GRID_STEP_FILE_OK,
	GRID_STEP_FILE_OUTSIDE,  /* a path, not a plain name */
	GRID_STEP_FILE_HIDDEN,   /* starts with a dot */
	GRID_STEP_FILE_NOT_MD,   /* does not end in ".md" */
	GRID_STEP_FILE_README,   /* the workspace's README */
	GRID_STEP_FILE_REPORT,   /* the report's name */
	GRID_STEP_FILE_TAKEN,    /* another step's, the first `step_count` of `steps` */
};

enum grid_step_file_problem grid__step_file_problem(const grille_step *steps, size_t step_count,
                                                    const char *file, size_t *taken_by);

/* Whether `id` is a step's ID (`parent` NULL: digits), an item's of step `parent`
 * ("<parent>.<digits>") or a question's of item `parent` ("<parent>.<letters>"). */
enum grid_id_problem { GRID_ID_OK, GRID_ID_OTHER_PARENT, GRID_ID_BAD_TAIL };
enum grid_id_problem grid__id_problem(const char *id, const char *parent);

/* Index the grid's steps, items and questions by ID (GRILLE_EEXISTS on a duplicate). */
int grid__build_index(grille_grid *grid);

/* grille_grid_load_buffer() of `source` (from malloc(), `len` bytes and a
 * NUL), which the grid takes: freed with it, or at once on failure. NULL
 * fails as out of memory. The grid's text is not copied again. */
int grid__load_owned(grille_grid **out, char *source, size_t len, const char *name);

#endif
