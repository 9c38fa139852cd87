/* grille.yaml: a good file, and the bad ones of tests/settings/ with the
 * place and the problem each must be reported with. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "fs.h"
#include "tap.h"

static void test_good(const char *path)
{
	grille_settings *s = NULL;
	if (!ok(grille_settings_load(&s, path) == 0, "%s loads", path)) {
		printf("#   %s\n", grille_error_last());
		return;
	}
	is_str(s->title, "Notre démarche", "the title");
	is_str(s->grid_id, "collaboration-numerique", "the grid");
	ok(s->level == 1 && s->member_count == 1 && s->review_count == 1, "level, members, reviews");
	is_str(s->members[0].role, "animatrice", "a member's role");
	is_str(s->test_end, "2027-03-01", "the test phase");
	ok(!s->reviews[0].done, "a review not done");
	grille_settings_free(s);
}

static void test_bad(const char *path)
{
	grille_buf text = GRILLE_BUF_INIT;
	if (!ok(grille_fs_read(&text, path) == 0, "read %s", path))
		return;
	const char *mark = strstr(text.ptr, "# expect: ");
	char *expect = mark ? strndup(mark + 10, strcspn(mark + 10, "\n")) : NULL;
	grille_settings *s = NULL;
	int error = grille_settings_load(&s, path);
	ok(error == GRILLE_EINVALID && !s, "%s is refused", path);
	grille_buf want = GRILLE_BUF_INIT;
	grille_buf_printf(&want, "%s:%s", path, expect ? expect : "?");
	is_str(grille_error_last(), want.ptr, "%s: the place and the problem", path);
	grille_buf_release(&want);
	grille_settings_free(s);
	free(expect);
	grille_buf_release(&text);
}

int main(int argc, char **argv)
{
	grille_init();
	for (int i = 1; i < argc; i++) {
		if (strstr(argv[i], "good.yaml"))
			test_good(argv[i]);
		else
			test_bad(argv[i]);
	}
	grille_shutdown();
	return tap_done();
}
