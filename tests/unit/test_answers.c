/* Answer detection, driven by the examples of tests/answers.md. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "fs.h"
#include "scan.h"
#include "tap.h"

#define FENCE "````````````````````````````````"

static const char *state_of(const struct scan *scan, const char *id)
{
	const struct scan_question *q = scan__question(scan, id);
	if (!q)
		return "missing";
	char *parent = scan__parent_id(id);
	const struct scan_item *item = scan__item(scan, parent);
	free(parent);
	return grille_state_name(scan__question_state(q, item));
}

/* One expectation: "ID state [until=DATE] [reason=TEXT]". */
static void check_line(const struct scan *scan, const char *title, char *line)
{
	char *reason = strstr(line, " reason=");
	if (reason) {
		*reason = '\0';
		reason += strlen(" reason=");
	}
	char *until = strstr(line, " until=");
	if (until) {
		*until = '\0';
		until += strlen(" until=");
	}
	char *state = strchr(line, ' ');
	if (!ok(state != NULL, "%s: expectation « %s » reads as ID STATE", title, line))
		return;
	*state++ = '\0';
	is_str(state_of(scan, line), state, "%s: %s is %s", title, line, state);
	const struct scan_question *q = scan__question(scan, line);
	if (!q)
		return;
	char *parent = scan__parent_id(line);
	const struct scan_item *item = scan__item(scan, parent);
	free(parent);
	const struct scan_mark *mark = q->mark.kind ? &q->mark : item ? &item->mark : NULL;
	if (until)
		is_str(mark ? mark->until : NULL, until, "%s: %s until %s", title, line, until);
	if (reason)
		is_str(mark ? mark->reason : NULL, reason, "%s: %s because « %s »", title, line, reason);
}

int main(int argc, char **argv)
{
	grille_init();
	grille_grid *grid = NULL;
	grille_buf spec = GRILLE_BUF_INIT;
	if (!ok(argc == 2 && fs__read(&spec, argv[1]) == 0, "read the examples") ||
	    !ok(grille_grid_load_default(&grid) == 0, "load the default grid"))
		return tap_done();
	char *title = strdup("?");
	int examples = 0;
	for (char *p = spec.ptr; p && *p;) {
		char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (strncmp(p, "## ", 3) == 0) {
			free(title);
			title = strndup(p + 3, len - 3);
		}
		if (strncmp(p, FENCE " example", strlen(FENCE " example")) == 0 && eol) {
			char *markdown = eol + 1;
			char *dot = strstr(markdown, "\n.\n");
			char *end = dot ? strstr(dot + 3, FENCE) : NULL;
			if (!ok(dot && end, "%s: the example is well formed", title))
				break;
			struct scan scan;
			int error = scan__text(&scan, markdown, (size_t)(dot - markdown) + 1, title, grid);
			if (ok(error == 0, "%s: the example scans", title)) {
				char *expect = strndup(dot + 3, (size_t)(end - dot - 3));
				for (char *line = strtok(expect, "\n"); line; line = strtok(NULL, "\n"))
					check_line(&scan, title, line);
				free(expect);
				scan__release(&scan);
			} else {
				printf("#   %s\n", grille_error_last());
			}
			examples++;
			p = end;
			eol = strchr(p, '\n');
		}
		p = eol ? eol + 1 : NULL;
	}
	ok(examples >= 40, "all %d examples ran", examples);
	free(title);
	grille_buf_release(&spec);
	grille_grid_free(grid);
	grille_shutdown();
	return tap_done();
}
