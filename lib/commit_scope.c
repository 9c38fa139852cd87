#include <stdlib.h>
#include <string.h>

#include "grille/grid.h"
#include "array.h"
#include "commit_scope.h"
#include "errors.h"
#include "groupdata.h"
#include "session.h"
#include "workspace_private.h"

/* "tour-N/…": a finished round's archive (lib/round.c). */
static int in_round_archive(const char *name)
{
	if (strncmp(name, "tour-", 5) != 0 || name[5] < '1' || name[5] > '9')
		return 0;
	const char *p = name + 6;
	while (*p >= '0' && *p <= '9')
		p++;
	return *p == '/';
}

int commit_scope__own(const grille_workspace *ws, const char *name)
{
	static const char *const files[] = { GRILLE_SETTINGS_FILE, "README.md", ".gitignore", GROUPDATA_ATTRIBUTES_FILE };
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
		if (strcmp(name, files[i]) == 0)
			return 1;
	for (size_t i = 0; i < 3; i++)
		if (strcmp(name, groupdata__files[i]) == 0)
			return 1;
	for (size_t s = 0; s < grille_grid_step_count(ws->grid); s++)
		if (strcmp(name, grille_grid_step(ws->grid, s)->file) == 0)
			return 1;
	return (ws->settings->grid_file[0] && strcmp(name, ws->settings->grid_file) == 0) || in_round_archive(name);
}

/* A file git neither tracks nor has staged. */
static int untracked(unsigned flags)
{
	return (flags & GIT_STATUS_WT_NEW) && !(flags & (GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED |
	                                                 GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE));
}

void commit_scope__free(char **names, size_t count)
{
	for (size_t i = 0; names && i < count; i++)
		free(names[i]);
	free(names);
}

static int note_left_out(char ***left_out, size_t *left_count, const char *name)
{
	char **grown = array__push(*left_out, *left_count, sizeof(*grown));
	if (!grown)
		return error__oom();
	*left_out = grown;
	if (!(grown[*left_count] = strdup(name)))
		return error__oom();
	(*left_count)++;
	return 0;
}

int commit_scope__changes(struct grille_repo_change **out, size_t *count, char ***left_out, size_t *left_count,
                          struct session *sess)
{
	const grille_workspace *ws = sess->ws;
	size_t skip = strlen(sess->prefix), kept = 0;
	if (left_out) {
		*left_out = NULL;
		*left_count = 0;
	}
	int error = repo__changes(out, count, sess->repo, sess->prefix);
	for (size_t i = 0; !error && i < *count; i++) {
		struct grille_repo_change *c = &(*out)[i];
		if (ws->commit_all || !untracked(c->flags) || commit_scope__own(ws, c->path + skip)) {
			struct grille_repo_change keep = *c;
			c->path = NULL;
			(*out)[kept++] = keep;
			continue;
		}
		if (left_out)
			error = note_left_out(left_out, left_count, c->path + skip);
		free(c->path);
		c->path = NULL;
	}
	if (error) { /* every path is in one slot only: all freed */
		repo__changes_free(out, count);
		if (left_out) {
			commit_scope__free(*left_out, *left_count);
			*left_out = NULL;
			*left_count = 0;
		}
		return error;
	}
	*count = kept;
	return 0;
}
