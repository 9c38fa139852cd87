/*
 * A program of another frontend, using libgrille through its installed
 * headers and grille.pc only (tests/e2e/t-install.sh builds and runs it):
 *
 *     cc -o status status.c $(pkg-config --cflags --libs grille)
 *     ./status FOLDER
 *
 * prints, for each step of the workspace FOLDER is in, "ID ANSWERED/TOTAL".
 */
#include <stdio.h>

#include <grille/grille.h>

int main(int argc, char **argv)
{
	grille_workspace *ws = NULL;
	grille_status *status = NULL;
	int code = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
		return 2;
	}
	if (grille_init() < 0) {
		fprintf(stderr, "%s: %s\n", argv[0], grille_error_last());
		return 1;
	}
	if (grille_workspace_open(&ws, argv[1]) < 0 || grille_workspace_status(&status, ws, NULL) < 0)
		goto out;
	for (size_t i = 0; i < status->step_count; i++) {
		const grille_step_status *step = &status->steps[i];
		printf("%s %zu/%zu\n", step->id, step->counts[GRILLE_STATE_ANSWERED], step->question_count);
	}
	code = 0;
out:
	if (code)
		fprintf(stderr, "%s: %s\n", argv[0], grille_error_last());
	grille_status_free(status);
	grille_workspace_free(ws);
	grille_shutdown();
	return code;
}
