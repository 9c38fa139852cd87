/* A first `who` hands its scans of the committed step files to the report's
 * log and status: the log copies those of the blobs it reads (and comes out
 * the same), each is the scan of the same bytes (so the status may take it
 * instead of parsing the file again), it is taken once, only for the blob it
 * was made of, and a `who` from its cache, which reads no file, hands none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "history_private.h"
#include "scan.h"
#include "session.h"
#include "tap.h"
#include "workspace_private.h"

static int answer(grille_workspace *ws, const char *id, const char *text)
{
	grille_edit_result edit;
	int error = grille_workspace_append_answer(&edit, ws, id, text, strlen(text));
	grille_edit_result_release(&edit);
	return error;
}

/* Whether `a` and `b` found the same questions, answered in the same lines. */
static int same_scan(const struct scan *a, const struct scan *b)
{
	if (a->question_count != b->question_count || a->item_count != b->item_count)
		return 0;
	for (size_t q = 0; q < a->question_count; q++) {
		const struct scan_question *x = &a->questions[q], *y = &b->questions[q];
		if (strcmp(x->id, y->id) != 0 || x->line != y->line || x->end_line != y->end_line ||
		    x->answered != y->answered || x->body_hash != y->body_hash ||
		    x->answer_range_count != y->answer_range_count)
			return 0;
		for (size_t r = 0; r < x->answer_range_count; r++)
			if (x->answer_lines[r].first != y->answer_lines[r].first ||
			    x->answer_lines[r].last != y->answer_lines[r].last)
				return 0;
	}
	return 1;
}

int main(void)
{
	char root[] = "/tmp/grille-who-scans-XXXXXX";
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return tap_done();
	setenv("HOME", root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	grille_init();
	char dir[sizeof(root) + 8];
	snprintf(dir, sizeof(dir), "%s/ws", root);
	grille_init_options opts = GRILLE_INIT_OPTIONS_INIT;
	opts.dir = dir;
	opts.author = "Camille <camille@example.org>";
	grille_init_result init;
	ok(grille_workspace_init(&init, &opts) == 0, "a workspace with its first milestone");
	grille_init_result_release(&init);
	grille_workspace *ws = NULL;
	ok(grille_workspace_open(&ws, dir) == 0, "opened");
	grille_commit_result commit;
	ok(answer(ws, "1.1.a", "Une réponse.\n\nSur deux paragraphes.\n") == 0 && answer(ws, "1.2.a", "Une autre.\n") == 0 &&
	   grille_history_commit(&commit, ws, NULL, "Camille <camille@example.org>") == 0, "two answers committed");
	grille_commit_result_release(&commit);

	struct session *sess = session__of(ws);
	ok(session__history(sess) == 0, "the history opened");
	struct who_scans keep;
	memset(&keep, 0xff, sizeof(keep)); /* emptied by the call */
	grille_who *who = NULL;
	ok(history__who_keeping(&who, sess, NULL, NULL, &keep) == 0, "a first who");
	size_t steps = grille_grid_step_count(ws->grid), held = 0;
	ok(keep.count == steps, "a slot per step (%zu of %zu)", keep.count, steps);
	for (size_t s = 0; s < keep.count; s++)
		held += keep.held[s];
	ok(held == steps, "every committed step file's scan kept (%zu of %zu)", held, steps);

	/* The log copies them rather than scanning the same blobs: the same log. */
	char log_cache[sizeof(dir) + 32];
	snprintf(log_cache, sizeof(log_cache), "%s/.git/grille/log-cache", dir);
	grille_log *plain = NULL, *given = NULL;
	grille_buf plain_json = GRILLE_BUF_INIT, given_json = GRILLE_BUF_INIT;
	ok(history__log(&plain, sess, NULL) == 0 && grille_log_json(&plain_json, plain, NULL) == 0, "a log");
	unlink(log_cache); /* each log below scans the blobs afresh */
	ok(history__log_given(&given, sess, NULL, &keep) == 0 && grille_log_json(&given_json, given, NULL) == 0,
	   "a log given who's scans");
	ok(plain->count == 2 && plain->entries[0].answered == 2, "two milestones, two answers in the last (%zu, %zu)",
	   plain->count, plain->count ? plain->entries[0].answered : 0);
	is_str(given_json.ptr, plain_json.ptr, "the same log");
	grille_log_free(given);
	grille_buf_clear(&given_json);
	/* Given scans are used: one that lost its answers shows in the log. */
	unlink(log_cache);
	for (size_t q = 0; q < keep.scans[0].question_count; q++)
		keep.scans[0].questions[q].answered = 0;
	given = NULL;
	int made = history__log_given(&given, sess, NULL, &keep) == 0 && given->count == 2;
	ok(made && given->entries[0].answered < 2, "a given scan is the log's (%zu answered)",
	   made ? given->entries[0].answered : 0);
	grille_log_free(given);
	grille_log_free(plain);
	grille_buf_release(&plain_json);
	grille_buf_release(&given_json);
	unlink(log_cache);
	history__who_scans_release(&keep);
	grille_who_free(who);
	/* The cache's attribution kept nothing to scan: who from its notes, again from scratch. */
	char blame_cache[sizeof(dir) + 32];
	snprintf(blame_cache, sizeof(blame_cache), "%s/.git/grille/blame-cache.json", dir);
	ok(unlink(blame_cache) == 0, "who's cache removed");
	ok(history__who_keeping(&who, sess, NULL, NULL, &keep) == 0, "a first who again");

	/* Step 1's scan is the one its bytes give. */
	const grille_step *step = grille_grid_step(ws->grid, 0);
	grille_buf data = GRILLE_BUF_INIT;
	struct scan fresh = { 0 }, taken = { 0 };
	ok(session__read(&data, sess, NULL, step->file) == 0 &&
	   scan__detailed(&fresh, data.ptr, data.len, step->file, ws->grid) == 0, "step 1 scanned from its file");
	git_oid id, other;
	ok(git_odb_hash(&id, data.ptr, data.len, GIT_OBJECT_BLOB) == 0, "its blob ID");
	memcpy(&other, &id, sizeof(other));
	other.id[0] ^= 1;
	ok(!history__who_scan_take(&keep, 0, &other, &taken), "no scan for another blob");
	ok(!history__who_scan_take(&keep, 1, &id, &taken), "nor for another step");
	ok(history__who_scan_take(&keep, 0, &id, &taken) == 1, "the scan for its blob taken");
	ok(same_scan(&taken, &fresh) && taken.questions[0].answer_range_count > 0,
	   "the same as the file's own scan, answer lines and all");
	ok(!history__who_scan_take(&keep, 0, &id, &taken), "taken once only");
	ok(!history__who_scan_take(&keep, keep.count, &id, &taken), "no step past the grid's");
	scan__release(&fresh);
	scan__release(&taken);
	grille_buf_release(&data);
	history__who_scans_release(&keep);
	ok(keep.held == NULL && keep.count == 0, "released, then empty");
	grille_who_free(who);

	/* From its cache, who reads no step file: nothing to hand on. */
	ok(history__who_keeping(&who, sess, NULL, NULL, &keep) == 0, "a second who, from its cache");
	held = 0;
	for (size_t s = 0; s < keep.count; s++)
		held += keep.held[s];
	ok(held == 0, "no scan kept (%zu)", held);
	history__who_scans_release(&keep);
	grille_who_free(who);
	/* history__who() keeps none and needs no place for them. */
	ok(history__who(&who, sess, "1", NULL) == 0 && who && who->step_count == 1, "who of one step, keeping nothing");
	grille_who_free(who);

	grille_workspace_free(ws);
	char command[128];
	snprintf(command, sizeof(command), "rm -rf '%s'", root);
	ok(system(command) == 0, "the scratch folder removed");
	return tap_done();
}
