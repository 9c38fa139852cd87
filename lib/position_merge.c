#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "grille/error.h"
#include "array.h"
#include "errors.h"
#include "fs.h"
#include "position.h"
#include "position_merge.h"
#include "repo.h"
#include "session.h"
#include "workspace_private.h"

/* A blob's bytes, or "" for a side without the file. */
static int blob_text(git_blob **out, git_repository *repo, const git_index_entry *entry)
{
	*out = NULL;
	return entry && git_blob_lookup(out, repo, &entry->id) < 0 ? -1 : 0;
}

static const char *text_of(const git_blob *blob, size_t *len)
{
	*len = blob ? (size_t)git_blob_rawsize(blob) : 0;
	return blob ? git_blob_rawcontent(blob) : "";
}

/* Merge one step file again against the base with the shared subsections: 1 when that settled it. */
static int settle_file(struct session *sess, git_index *index, const git_index_entry *const entries[3],
                       const char *name)
{
	git_blob *blobs[3] = { NULL, NULL, NULL };
	const char *texts[3];
	size_t lens[3];
	int settled = 0;
	for (int i = 0; i < 3; i++)
		if (!entries[i] || blob_text(&blobs[i], sess->repo, entries[i]) < 0)
			goto out;
	for (int i = 0; i < 3; i++)
		texts[i] = text_of(blobs[i], &lens[i]);
	grille_buf base = GRILLE_BUF_INIT;
	if (position__merge_base(&base, texts[0], lens[0], texts[1], lens[1], texts[2], lens[2], sess->ws->grid, name))
		goto out;
	git_merge_file_input in[3];
	for (int i = 0; i < 3; i++) {
		git_merge_file_input_init(&in[i], GIT_MERGE_FILE_INPUT_VERSION);
		in[i].ptr = i ? texts[i] : base.ptr;
		in[i].size = i ? lens[i] : base.len;
		in[i].path = entries[i]->path;
		in[i].mode = entries[i]->mode;
	}
	git_merge_file_result result = { 0 };
	char *path = NULL;
	if (git_merge_file(&result, &in[0], &in[1], &in[2], NULL) == 0 && result.automergeable &&
	    (path = fs__join(git_repository_workdir(sess->repo), entries[1]->path)) &&
	    fs__replace(path, result.ptr, result.len) == 0 && git_index_add_bypath(index, entries[1]->path) == 0)
		settled = 1;
	free(path);
	git_merge_file_result_free(&result);
	grille_buf_release(&base);
out:
	for (int i = 0; i < 3; i++)
		git_blob_free(blobs[i]);
	grille_error_clear();
	git_error_clear();
	return settled;
}

int position__settle_merge(struct session *sess, git_index *index)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	if (git_index_conflict_iterator_new(&it, index) < 0)
		return repo__error("git");
	/* The conflicts first, copied: the index changes as they are settled. */
	git_index_entry (*found)[3] = NULL;
	char **names = NULL;
	size_t count = 0, len = strlen(sess->prefix);
	int error = 0;
	while (!error && git_index_conflict_next(&ancestor, &ours, &theirs, it) == 0) {
		const char *path = ours ? ours->path : theirs ? theirs->path : ancestor->path;
		int step = 0;
		for (size_t s = 0; strncmp(path, sess->prefix, len) == 0 && s < grille_grid_step_count(sess->ws->grid); s++)
			step |= strcmp(grille_grid_step(sess->ws->grid, s)->file, path + len) == 0;
		if (!step || !ancestor || !ours || !theirs)
			continue;
		void *grown = array__push(found, count, sizeof(*found));
		void *more = grown ? array__push(names, count, sizeof(*names)) : NULL;
		if (grown)
			found = grown;
		if (more)
			names = more;
		if (!grown || !more || !(names[count] = strdup(ours->path))) {
			error = error__oom();
			break;
		}
		found[count][0] = *ancestor;
		found[count][1] = *ours;
		found[count][2] = *theirs;
		count++;
	}
	git_index_conflict_iterator_free(it);
	size_t settled = 0;
	for (size_t i = 0; !error && i < count; i++) {
		for (int k = 0; k < 3; k++)
			found[i][k].path = names[i];
		const git_index_entry *entries[3] = { &found[i][0], &found[i][1], &found[i][2] };
		settled += settle_file(sess, index, entries, names[i] + len);
	}
	if (!error && settled && git_index_write(index) < 0)
		error = repo__error("git");
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
	free(found);
	git_error_clear();
	return error;
}
