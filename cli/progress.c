/* A progress line on stderr, for what may take more than a second. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

struct progress_line {
	const char *label;
	struct timespec start;
	long last_ms; /* when it was last drawn */
	int shown;
};

static struct progress_line line;

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000L + (now.tv_nsec - since->tv_nsec) / 1000000L;
}

/* GRILLE_PROGRESS_DELAY_MS, else a second: quick runs show nothing. */
static long delay_ms(void)
{
	const char *env = getenv("GRILLE_PROGRESS_DELAY_MS");
	char *end = NULL;
	long value = env && *env ? strtol(env, &end, 10) : -1;
	return value >= 0 && value <= 60000 && end && !*end ? value : 1000;
}

static void draw(const grille_progress *p, void *payload)
{
	struct progress_line *l = payload;
	long ms = elapsed_ms(&l->start);
	int last = p->total && p->done >= p->total;
	if (ms < delay_ms() || (l->shown && !last && ms - l->last_ms < 100))
		return;
	l->last_ms = ms;
	l->shown = 1;
	/* Redrawn in place: back to the line's start, the text, the rest of the line cleared. */
	fputc('\r', stderr);
	if (p->total)
		fprintf(stderr, _("%s : %zu sur %zu (%zu %%)"), l->label, p->done, p->total, p->done * 100 / p->total);
	else
		fprintf(stderr, "%s : %zu", l->label, p->done);
	fputs("\033[K", stderr);
	fflush(stderr);
}

void progress_start(struct grille_workspace *ws, const char *label)
{
	if (!ws || manners.quiet || !isatty(STDERR_FILENO) || !on_terminal(stderr))
		return;
	memset(&line, 0, sizeof(line));
	line.label = label;
	clock_gettime(CLOCK_MONOTONIC, &line.start);
	grille_workspace_set_progress(ws, draw, &line);
}

void progress_end(struct grille_workspace *ws)
{
	if (ws)
		grille_workspace_set_progress(ws, NULL, NULL);
	if (line.shown)
		fputs("\r\033[K", stderr);
	line.shown = 0;
}
