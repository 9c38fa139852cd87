/* Terminal manners: colour, width, paths from where the person is, -q. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

struct manners manners = { .colour = COLOUR_AUTO, .pager = 1 };

int set_colour_mode(const char *value)
{
	if (!value || strcmp(value, "always") == 0)
		manners.colour = COLOUR_ALWAYS;
	else if (strcmp(value, "never") == 0)
		manners.colour = COLOUR_NEVER;
	else if (strcmp(value, "auto") == 0)
		manners.colour = COLOUR_AUTO;
	else
		return -1;
	return 0;
}

/* A terminal that understands escapes: `stream` is one (or the pager's is), and TERM is not "dumb". */
int on_terminal(FILE *stream)
{
	const char *term = getenv("TERM");
	if (term && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stream)) || (stream == stdout && (manners.paging || manners.terminal));
}

int use_colour(FILE *stream)
{
	const char *no_colour = getenv("NO_COLOR"); /* no-color.org: set and not empty */
	if (manners.colour != COLOUR_AUTO)
		return manners.colour == COLOUR_ALWAYS;
	return on_terminal(stream) && !(no_colour && *no_colour);
}

int show_bars(void)
{
	return manners.colour == COLOUR_ALWAYS || on_terminal(stdout);
}

int say(const char *fmt, ...)
{
	if (manners.quiet)
		return 0;
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

/* The current folder below the workspace's root ("notes/2026"), "" at the root. */
static char *below_root(const char *root)
{
	char *cwd = realpath(".", NULL);
	char *top = realpath(root, NULL);
	char *below = NULL;
	size_t len = top ? strlen(top) : 0;
	if (cwd && top && strncmp(cwd, top, len) == 0 && (cwd[len] == '/' || cwd[len] == '\0'))
		below = strdup(cwd + len + (cwd[len] == '/'));
	free(cwd);
	free(top);
	return below;
}

static char *below; /* NULL: paths are printed as the library gives them */

void paths_from_here(const char *root)
{
	free(below);
	below = root ? below_root(root) : NULL;
	if (below && !*below) {
		free(below);
		below = NULL;
	}
}

/* `path` (relative to the root) seen from `from` (relative to the root too):
 * the folders they share are dropped, each one left in `from` becomes "../". */
static void relative(grille_buf *out, const char *from, const char *path)
{
	while (*from) {
		size_t len = strcspn(from, "/");
		if (strncmp(path, from, len) != 0 || path[len] != '/')
			break;
		path += len + 1;
		from += len + (from[len] == '/');
	}
	for (const char *p = from; *p; p += strcspn(p, "/"), p += *p == '/')
		grille_buf_puts(out, "../");
	grille_buf_puts(out, path);
}

const char *here(const char *path)
{
	enum { SLOTS = 4 };
	static grille_buf slots[SLOTS];
	static size_t next;
	if (!path || !below || path[0] == '/')
		return visible(path);
	grille_buf *slot = &slots[next];
	next = (next + 1) % SLOTS;
	grille_buf_clear(slot);
	relative(slot, below, path);
	if (grille_buf_oom(slot)) {
		grille_buf_release(slot);
		return visible(path);
	}
	return visible(slot->ptr);
}
