#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "grille/grille.h"
#include "grille/text.h"
#include "cmd.h"

const char *visible(const char *text)
{
	/* A few results live at once, for the several texts of one printf(). */
	static grille_buf slots[VISIBLE_SLOTS];
	static size_t next;
	if (!text || grille_text_is_clean(text, strlen(text), GRILLE_TEXT_TERMINAL))
		return text;
	grille_buf *slot = &slots[next];
	next = (next + 1) % VISIBLE_SLOTS;
	grille_buf_clear(slot);
	if (grille_text_clean(slot, text, strlen(text), GRILLE_TEXT_TERMINAL) < 0) {
		grille_buf_release(slot); /* lifts the out-of-memory mark: the slot serves again */
		return "\xef\xbf\xbd"; /* out of memory: U+FFFD rather than the raw text */
	}
	return slot->ptr ? slot->ptr : "";
}

/* Every message: library messages and the command line quote what the user
 * wrote or named (a heading, a file name, an argument). */
unsigned long errors_printed;

static void vprint_error(const char *fmt, va_list ap)
{
	grille_buf message = GRILLE_BUF_INIT;
	errors_printed++;
	fflush(stdout);
	fputs(_("grille : "), stderr);
	if (grille_buf_vprintf(&message, fmt, ap) == 0)
		fputs(visible(message.ptr ? message.ptr : ""), stderr);
	grille_buf_release(&message);
	fputc('\n', stderr);
}

void print_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
}

/* The one place where the library's error classes become exit codes, and
 * where a bad argument gets the pointer to --help a bad command line gets. */
static const struct {
	int exit;
	int help; /* point to `grille <command> --help` */
} by_class[GRILLE_ERROR_CLASS_COUNT] = {
	[GRILLE_ERROR_CLASS_NONE] = { EXIT_FAILED, 0 }, /* a failure without a code is still one */
	[GRILLE_ERROR_CLASS_USAGE] = { EXIT_USAGE, 0 },
	[GRILLE_ERROR_CLASS_INPUT] = { EXIT_USAGE, 1 },
	[GRILLE_ERROR_CLASS_CONTENT] = { EXIT_FAILED, 0 },
	[GRILLE_ERROR_CLASS_CONFLICT] = { EXIT_FAILED, 0 },
	[GRILLE_ERROR_CLASS_GIT] = { EXIT_FAILED, 0 },
	[GRILLE_ERROR_CLASS_IO] = { EXIT_FAILED, 0 },
	[GRILLE_ERROR_CLASS_NOMEM] = { EXIT_FAILED, 0 },
	[GRILLE_ERROR_CLASS_OTHER] = { EXIT_FAILED, 0 },
};

static void print_help_pointer(const char *command)
{
	if (command)
		fprintf(stderr, _("Pour l'aide : grille %s --help\n"), command);
	else
		fprintf(stderr, "%s", _("Pour l'aide : grille --help\n"));
}

/* The library's last error, then, when `ws` is given, the closest ID to `id`. */
static int fail_about(const char *command, const struct grille_workspace *ws, const char *id)
{
	int code = grille_error_last_code();
	grille_error_class class = grille_error_class_of(code);
	print_error("%s", grille_error_last());
	if (ws && (code == GRILLE_ENOTFOUND || code == GRILLE_EARGUMENT))
		suggest_id(ws, id);
	if (by_class[class].help)
		print_help_pointer(command);
	return by_class[class].exit;
}

int fail_with_library_error(const char *command)
{
	return fail_about(command, NULL, NULL);
}

int fail_with_unknown_id(const char *command, const struct grille_ctx *ctx, const char *id)
{
	return fail_about(command, ctx->ws, id);
}

int usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	print_help_pointer(command);
	return EXIT_USAGE;
}

int take_author(const char *command, const char *value, const char **out)
{
	if (grille_author_check(value) < 0)
		return usage_error(command, "%s", grille_error_last());
	*out = value;
	return 0;
}

#undef getopt_long
static const struct option *noted_options; /* the table of the getopt_long() under way */

int getopt_noted(int argc, char *const *argv, const char *shortopts, const struct option *longopts, int *longindex)
{
	noted_options = longopts;
	return getopt_long(argc, argv, shortopts, longopts, longindex);
}

/* The long option closest to `given` ("--reasn=x"), or NULL. */
static const char *closest_option(const char *given)
{
	enum { NAMES_MAX = 32 };
	const char *names[NAMES_MAX];
	size_t count = 0;
	for (const struct option *o = noted_options; o && o->name && count < NAMES_MAX; o++)
		names[count++] = o->name;
	char word[65];
	size_t len = strcspn(given + 2, "=");
	if (len >= sizeof(word))
		return NULL;
	memcpy(word, given + 2, len);
	word[len] = '\0';
	return closest_word(word, names, count);
}

int bad_option(const char *command, int opt, char **argv)
{
	const char *given = argv[optind - 1];
	if (opt == ':')
		return usage_error(command, _("l'option « %s » attend une valeur"), given);
	if (optopt && strncmp(given, "--", 2) != 0)
		return usage_error(command, _("option inconnue « -%c »"), optopt);
	const char *near = strncmp(given, "--", 2) == 0 ? closest_option(given) : NULL;
	if (near)
		return usage_error(command, _("option inconnue : %.*s. Vouliez-vous dire « --%s » ?"),
		                   (int)strcspn(given, "="), given, near);
	return usage_error(command, _("option inconnue « %s »"), given);
}

int print_rendered(int rc, grille_buf *out)
{
	if (rc == 0)
		fwrite(out->ptr, 1, out->len, stdout);
	grille_buf_release(out);
	return rc == 0 ? 0 : fail_with_library_error(NULL);
}

void print_group_warnings(const struct grille_workspace *ws, const char *listed)
{
	const grille_group *group;
	if (!ws || grille_workspace_group(&group, ws) < 0) /* no workspace: --help */
		return;
	errors_printed += group->conflict_count + group->problem_count;
	for (size_t i = 0; i < group->conflict_count; i++) {
		const grille_entry_conflict *c = &group->conflicts[i];
		if (listed && strcmp(c->file, listed) == 0)
			continue;
		fprintf(stderr, _("grille : attention : %s : « %s » a été changé de deux façons ; les %zu versions :\n"),
		        here(c->file), visible(c->key), c->count);
		for (size_t k = 0; k < c->count; k++)
			fprintf(stderr, "    %s:%zu: %s\n", here(c->file), c->lines[k], visible(c->texts[k]));
		fprintf(stderr, _("  gardez la bonne ligne et supprimez les autres, puis : grille commit\n"));
	}
	for (size_t i = 0; i < group->problem_count; i++)
		fprintf(stderr, _("grille : attention : %s\n"), visible(group->problems[i]));
}

int finish_output(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		print_error(_("impossible d'écrire le résultat : %s"), strerror(errno));
		return EXIT_FAILED;
	}
	return status;
}

void print_answers_kept(size_t answered)
{
	if (answered)
		say(ngettext("%zu question a déjà une réponse : elle reste comptée comme répondue, la marque "
		                "couvre le reste.\n",
		                "%zu questions ont déjà une réponse : elles restent comptées comme répondues, la "
		                "marque couvre le reste.\n", answered), answered);
}

void print_person(const grille_group *group, const char *name, const char *email)
{
	const grille_member *m = group ? grille_group_member_of(group, name, email) : NULL;
	if (!m)
		printf("%s", visible(name));
	else if (!name || !*name || strcasecmp(m->name, name) == 0)
		printf("%s", visible(m->name));
	else
		printf("%s (%s)", visible(m->name), visible(name));
}

/* Whether the line `entry` (ending with "\n") is one of `list`'s. */
static int listed(const char *list, const char *entry)
{
	for (const char *p = list; (p = strstr(p, entry)); p++)
		if (p == list || p[-1] == '\n')
			return 1;
	return 0;
}

/* The identities listed, at most: each commit gets a short look. */
enum { STRANGERS_MAX = 20 };

void note_stranger(struct strangers *s, const grille_group *group, const char *name, const char *email)
{
	/* Before anyone is in membres.md, everyone would be listed: nothing is. */
	if (!name || !*name || !group || !group->member_count || grille_group_member_of(group, name, email))
		return;
	grille_buf one = GRILLE_BUF_INIT;
	grille_buf_printf(&one, email && *email ? "%s <%s>\n" : "%s\n", name, email);
	if (one.ptr && !listed(s->list.ptr ? s->list.ptr : "", one.ptr)) {
		if (s->count < STRANGERS_MAX)
			grille_buf_puts(&s->list, one.ptr);
		s->count = s->count < STRANGERS_MAX ? s->count + 1 : STRANGERS_MAX + 1;
	}
	grille_buf_release(&one);
}

void print_strangers(struct strangers *s)
{
	if (s->count && s->list.ptr) {
		grille_buf joined = GRILLE_BUF_INIT;
		for (const char *p = s->list.ptr; *p;) {
			size_t len = strcspn(p, "\n");
			grille_buf_printf(&joined, "%s%.*s", p == s->list.ptr ? "" : ", ", (int)len, p);
			p += len + (p[len] == '\n');
		}
		if (s->count > STRANGERS_MAX)
			grille_buf_puts(&joined, ", …");
		say(ngettext("Identité sans membre : %s — à ajouter avec grille member add NOM --email …\n",
		                "Identités sans membre : %s — à ajouter avec grille member add NOM --email …\n", s->count),
		       visible(joined.ptr ? joined.ptr : ""));
		grille_buf_release(&joined);
	}
	grille_buf_release(&s->list);
	s->count = 0;
}

void print_steering(const grille_steer_result *steer)
{
	for (size_t i = 0; i < steer->count; i++) {
		const grille_steer_change *c = &steer->changes[i];
		if (c->back)
			say(_("%s reprend : son option est cochée en %s (%s:%zu).\n"), visible(c->id),
			       visible(c->choice), here(c->file ? c->file : ""), c->line);
		else
			say(_("%s mis de côté : %s (%s:%zu).\n"), visible(c->id), visible(c->reason),
			       here(c->file ? c->file : ""), c->line);
	}
}

int only_help_option(int argc, char **argv, const char *command, int (*help)(void))
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1)
		return opt == 'h' ? help() : bad_option(command, opt, argv);
	return -1;
}
