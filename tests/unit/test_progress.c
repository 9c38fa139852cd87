/* The progress callback: called while a log reads the milestones and while
 * a sync fetches and pushes, never once it is taken away; the library
 * prints nothing itself. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "tap.h"

struct seen {
	size_t calls;
	size_t last_done, last_total;
	int backwards; /* done went down while total stayed */
};

static void record(const grille_progress *p, void *payload)
{
	struct seen *s = payload;
	if (s->calls && p->total == s->last_total && p->done < s->last_done)
		s->backwards = 1;
	s->calls++;
	s->last_done = p->done;
	s->last_total = p->total;
}

/* `count` more milestones, each with an answer more. */
static int milestones(grille_workspace *ws, int count)
{
	for (int i = 0; i < count; i++) {
		char text[64];
		snprintf(text, sizeof(text), "Réponse %d.\n", i);
		grille_edit_result edit;
		grille_commit_result commit;
		int error = grille_workspace_append_answer(&edit, ws, "1.1.a", text, strlen(text));
		grille_edit_result_release(&edit);
		if (!error)
			error = grille_history_commit(&commit, ws, NULL, "Camille <camille@example.org>");
		grille_commit_result_release(&commit);
		if (error)
			return error;
	}
	return 0;
}

int main(void)
{
	char root[] = "/tmp/grille-progress-XXXXXX";
	if (!ok(mkdtemp(root) != NULL, "a scratch folder"))
		return tap_done();
	setenv("HOME", root, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	grille_init();
	char dir[sizeof(root) + 8], bare[sizeof(root) + 16];
	snprintf(dir, sizeof(dir), "%s/ws", root);
	snprintf(bare, sizeof(bare), "%s/shared.git", root);

	grille_init_options opts = GRILLE_INIT_OPTIONS_INIT;
	opts.dir = dir;
	opts.author = "Camille <camille@example.org>";
	grille_init_result init;
	ok(grille_workspace_init(&init, &opts) == 0, "a workspace with its first milestone");
	grille_init_result_release(&init);
	grille_workspace *ws = NULL;
	ok(grille_workspace_open(&ws, dir) == 0, "opened");
	ok(milestones(ws, 3) == 0, "three milestones more");

	struct seen seen = { 0 };
	grille_workspace_set_progress(ws, record, &seen);
	grille_log *log = NULL;
	ok(grille_history_log(&log, ws) == 0, "the log is read");
	ok(seen.calls == 5, "the callback is called for each milestone read, and at the end (%zu calls)", seen.calls);
	ok(seen.last_total == 4 && seen.last_done == 4, "out of the milestones to read, all read at the end (%zu of %zu)",
	   seen.last_done, seen.last_total);
	ok(!seen.backwards, "and never goes back");
	grille_log_free(log);

	/* A sync to a bare repository on this disk: the push is reported. */
	char command[256];
	snprintf(command, sizeof(command), "git init -q --bare %s && git -C %s remote add origin %s", bare, dir, bare);
	ok(system(command) == 0, "a shared repository");
	memset(&seen, 0, sizeof(seen));
	grille_sync_result sync;
	ok(grille_history_sync(&sync, ws, NULL, "Camille <camille@example.org>") == 0, "the sync succeeds");
	ok(sync.pushed, "the milestones are pushed");
	ok(seen.calls > 0, "sync calls the callback while it sends (%zu calls)", seen.calls);
	grille_sync_result_release(&sync);

	grille_workspace_set_progress(ws, NULL, NULL);
	memset(&seen, 0, sizeof(seen));
	ok(grille_history_log(&log, ws) == 0, "read again");
	ok(seen.calls == 0, "without a callback, nothing is called");
	grille_log_free(log);

	grille_workspace_free(ws);
	grille_shutdown();
	snprintf(command, sizeof(command), "rm -rf %s", root);
	if (system(command) != 0)
		fprintf(stderr, "# could not remove %s\n", root);
	return tap_done();
}
