#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grille/grille.h"
#include "cmd.h"

static int help(void)
{
	printf("%s", _("Usage : grille calendar [--json]\n"
	               "        grille calendar --ics [-o FICHIER]\n"
	               "        grille calendar test DÉBUT FIN\n"
	               "        grille calendar review DATE [TITRE] [--done]\n"
	               "        grille calendar review DATE --remove\n"
	               "\n"
	               "Le calendrier du groupe, dans calendrier.md : la phase de test, du premier\n"
	               "au dernier jour, et les dates de bilan. Les dates s'écrivent AAAA-MM-JJ.\n"
	               "Le fichier peut aussi se modifier à la main.\n"
	               "\n"
	               "Options :\n"
	               "  --done                 (review) le bilan a eu lieu\n"
	               "  --remove               (review) retirer ce bilan du calendrier\n"
	               "  --json                 le calendrier en JSON (format décrit dans grille-calendar(1))\n"
	               "  --ics                  le calendrier au format iCalendar, à importer dans un\n"
	               "                         agenda partagé : phase de test, bilans, échéances des\n"
	               "                         actions et dates des questions gardées pour plus tard\n"
	               "  -o, --output FICHIER   (--ics) l'écrire dans FICHIER (« - » : à l'écran)\n"
	               "  -h, --help             afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

struct request {
	int json, ics, done, remove;
	const char *output;
};

/* -1 to go on, else the exit code (help shown, bad option). */
static int parse(struct request *r, int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_ICS, OPT_DONE, OPT_REMOVE };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON }, { "ics", no_argument, NULL, OPT_ICS },
		{ "output", required_argument, NULL, 'o' }, { "done", no_argument, NULL, OPT_DONE },
		{ "remove", no_argument, NULL, OPT_REMOVE }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;
	while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON: r->json = 1; break;
		case OPT_ICS: r->ics = 1; break;
		case OPT_DONE: r->done = 1; break;
		case OPT_REMOVE: r->remove = 1; break;
		case 'o': r->output = optarg; break;
		case 'h': return help();
		default: return bad_option("calendar", opt, argv);
		}
	}
	return -1;
}

static int check_date(const char *date)
{
	if (grille_date_valid(date))
		return 0;
	return usage_error("calendar", _("date « %s » invalide : AAAA-MM-JJ attendu (par exemple 2027-03-15)"), date);
}

/* The review of `date` in the calendar, or NULL. */
static const grille_event *review_of(const grille_group *group, const char *date)
{
	for (size_t i = 0; i < group->event_count; i++)
		if (group->events[i].kind == GRILLE_EVENT_REVIEW && strcmp(group->events[i].date, date) == 0)
			return &group->events[i];
	return NULL;
}

static size_t line_of(struct grille_ctx *ctx, grille_event_kind kind, const char *date)
{
	const grille_group *group = NULL;
	if (grille_workspace_group(&group, ctx->ws) < 0)
		return 0;
	for (size_t i = 0; i < group->event_count; i++)
		if (group->events[i].kind == kind && (kind != GRILLE_EVENT_REVIEW || strcmp(group->events[i].date, date) == 0))
			return group->events[i].line;
	return 0;
}

static int test_phase(struct grille_ctx *ctx, int argc, char **argv)
{
	if (argc != 2)
		return usage_error("calendar", "%s", _("le premier et le dernier jour de la phase de test sont attendus : "
		                                       "grille calendar test 2027-03-01 2027-03-31"));
	int code = check_date(argv[0]);
	if (code == EXIT_OK)
		code = check_date(argv[1]);
	if (code == EXIT_OK)
		code = lock_workspace(ctx);
	if (code != EXIT_OK)
		return code;
	grille_group_change change = { 0 };
	if (grille_workspace_test_phase(&change, ctx->ws, argv[0], argv[1]) < 0) {
		code = fail_with_library_error("calendar");
	} else {
		say(_("Phase de test du %s au %s (%s).\n"), argv[0], argv[1],
		       where(change.file, line_of(ctx, GRILLE_EVENT_TEST_START, argv[0])));
		print_group_change(&change);
	}
	grille_group_change_release(&change);
	return finish_output(code);
}

/* review DATE [TITLE] [--done]: the review added, or the one there changed. */
static int review_set(struct grille_ctx *ctx, const char *date, const char *title, int done)
{
	const grille_group *group = NULL;
	int code = load_group(&group, ctx, "calendar");
	if (code != EXIT_OK)
		return code;
	const grille_event *there = review_of(group, date);
	if (!there && !title && done) {
		print_error(_("aucun bilan le %s dans calendrier.md : « grille calendar » montre les dates"), date);
		return EXIT_FAILED;
	}
	grille_event review = { .kind = GRILLE_EVENT_REVIEW, .title = "" };
	snprintf(review.date, sizeof(review.date), "%s", date);
	char *kept = there ? strdup(there->title) : NULL; /* the group goes with the change */
	if (there && !kept) {
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	review.title = title ? (char *)title : kept ? kept : "";
	review.done = done || (there && there->done);
	grille_group_change change = { 0 };
	if (grille_workspace_review_change(&change, ctx->ws, there ? GRILLE_GROUP_SET : GRILLE_GROUP_ADD, &review) < 0) {
		code = fail_with_library_error("calendar");
	} else {
		say(!there ? _("Bilan du %s ajouté (%s).\n")
		       : done && !title ? _("Bilan du %s noté comme tenu (%s).\n") : _("Bilan du %s modifié (%s).\n"),
		       date, where(change.file, line_of(ctx, GRILLE_EVENT_REVIEW, date)));
		print_group_change(&change);
	}
	grille_group_change_release(&change);
	free(kept);
	return finish_output(code);
}

static int review(struct grille_ctx *ctx, const struct request *r, int argc, char **argv)
{
	if (argc < 1 || argc > 2)
		return usage_error("calendar", "%s", _("une date est attendue, puis un titre entre guillemets : "
		                                       "grille calendar review 2027-04-15 \"Bilan à mi-parcours\""));
	if (r->json || r->ics || r->output)
		return usage_error("calendar", "%s", _("--json, --ics et --output servent à montrer le calendrier : grille calendar --ics"));
	if (r->remove && (r->done || argc > 1))
		return usage_error("calendar", "%s", _("--remove ne prend que la date du bilan : grille calendar review 2027-04-15 --remove"));
	int code = check_date(argv[0]);
	if (code == EXIT_OK)
		code = lock_workspace(ctx);
	if (code != EXIT_OK)
		return code;
	if (!r->remove)
		return review_set(ctx, argv[0], argc > 1 ? argv[1] : NULL, r->done);
	grille_event gone = { .kind = GRILLE_EVENT_REVIEW, .title = "" };
	snprintf(gone.date, sizeof(gone.date), "%s", argv[0]);
	grille_group_change change = { 0 };
	if (grille_workspace_review_change(&change, ctx->ws, GRILLE_GROUP_REMOVE, &gone) < 0) {
		code = fail_with_library_error("calendar");
	} else {
		say(_("Bilan du %s retiré (%s).\n"), argv[0], here(change.file));
		print_group_change(&change);
	}
	grille_group_change_release(&change);
	return finish_output(code);
}

static int by_date(const void *a, const void *b)
{
	const grille_event *x = *(const grille_event *const *)a, *y = *(const grille_event *const *)b;
	int order = strcmp(x->date, y->date);
	return order ? order : (x->line > y->line) - (x->line < y->line);
}

static const char *const kind_keys[] = { "test_start", "test_end", "review" };

static int is_late(const grille_event *e, const char *today)
{
	return e->kind == GRILLE_EVENT_REVIEW && !e->done && today[0] && strcmp(e->date, today) < 0;
}

static json_t *event_json(const grille_event *e, const char *today)
{
	return json_pack("{s:s, s:o, s:o, s:o, s:b, s:b, s:I}", "kind", kind_keys[e->kind], "kind_name",
	                 json_text(grille_event_kind_name(e->kind)), "date", json_text(e->date), "title",
	                 json_text(e->title), "done", e->done, "late", is_late(e, today), "line", (json_int_t)e->line);
}

static int list_json(const grille_group *group, const grille_event **events, const char *today)
{
	json_t *list = json_array();
	json_t *phase = group->test_start[0] || group->test_end[0]
	                        ? json_pack("{s:o, s:o}", "start", json_text(group->test_start), "end", json_text(group->test_end))
	                        : json_null();
	json_t *root = json_pack("{s:i, s:s, s:b, s:s, s:o, s:o}", "format", 1, "file", group->from_settings ? "grille.yaml" : "calendrier.md",
	                         "from_settings", group->from_settings, "today", today, "test_phase", phase,
	                         "events", list);
	int failed = !root || json_group_troubles(root, group, "calendrier.md") < 0;
	for (size_t i = 0; !failed && i < group->event_count; i++)
		failed = json_array_append_new(list, event_json(events[i], today)) < 0;
	if (failed) {
		json_decref(root);
		root = NULL;
	}
	return print_json(root);
}

static void print_event(const grille_group *group, const grille_event *e, const char *today)
{
	printf("  %s: %s %s", where(group->from_settings ? "grille.yaml" : "calendrier.md", e->line), e->date,
	       _(grille_event_kind_name(e->kind)));
	if (e->title[0])
		printf(" — %s", visible(e->title));
	if (e->done)
		printf("%s", _(" (tenu)"));
	else if (is_late(e, today))
		printf("%s", _(" (date passée : à tenir, ou à noter comme tenu)"));
	printf("\n");
}

static int list(struct grille_ctx *ctx, int json)
{
	const grille_group *group = NULL;
	int code = load_group(&group, ctx, "calendar");
	if (code != EXIT_OK)
		return code;
	start_pager(); /* a long listing: as status */
	const grille_event **events = calloc(group->event_count + 1, sizeof(*events));
	if (!events) {
		print_error("%s", _("mémoire insuffisante"));
		return EXIT_FAILED;
	}
	for (size_t i = 0; i < group->event_count; i++)
		events[i] = &group->events[i];
	qsort(events, group->event_count, sizeof(*events), by_date);
	char buf[GRILLE_DATE_LEN + 1];
	const char *today = today_of(ctx, buf);
	if (json) {
		code = list_json(group, events, today);
	} else if (!group->event_count) {
		printf("%s", _("Aucune date pour l'instant : « grille calendar test DÉBUT FIN » pose la phase de test, "
		               "« grille calendar review DATE TITRE » un bilan.\n"));
	} else {
		printf("%s", _("Calendrier :\n"));
		for (size_t i = 0; i < group->event_count; i++)
			print_event(group, events[i], today);
	}
	free(events);
	if (!json && group->from_settings && group->event_count)
		say("%s", _("\nCes dates sont encore lues dans grille.yaml : la prochaine modification les "
		               "écrira dans calendrier.md.\n"));
	const char *settle = _("Gardez une seule ligne par date : effacez l'autre à la main, ou redonnez la date "
	                       "avec « grille calendar ».");
	if (print_group_troubles(group, "calendrier.md", json ? NULL : settle) && code == EXIT_OK)
		code = EXIT_FAILED;
	return finish_output(code);
}

/* The export's time, "YYYYMMDDTHHMMSSZ": SOURCE_DATE_EPOCH's when set, so that two runs give the same file. */
static void ics_stamp(char out[17])
{
	time_t t = time(NULL);
	const char *env = getenv("SOURCE_DATE_EPOCH");
	if (env && *env) {
		char *end = NULL;
		errno = 0;
		long long seconds = strtoll(env, &end, 10);
		if (!errno && end && !*end && seconds >= 0)
			t = (time_t)seconds;
	}
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm))
		snprintf(out, 17, "19700101T000000Z");
}

/* `data` into `path` through a temporary file beside it, renamed over: never half a calendar. */
static int write_file(const char *path, const grille_buf *data)
{
	grille_buf temp = GRILLE_BUF_INIT;
	int fd = -1, errnum = ENOMEM;
	if (grille_buf_printf(&temp, "%s.XXXXXX", path) == 0 && (fd = mkstemp(temp.ptr)) >= 0) {
		mode_t mask = umask(0);
		umask(mask);
		size_t written = 0;
		ssize_t n = 0;
		while (written < data->len && (n = write(fd, data->ptr + written, data->len - written)) > 0)
			written += (size_t)n;
		errnum = written < data->len ? (n < 0 ? errno : EIO) : 0;
		if (!errnum && (fchmod(fd, 0666 & ~mask) < 0 || fsync(fd) < 0))
			errnum = errno;
		if (close(fd) < 0 && !errnum)
			errnum = errno;
		if (!errnum && rename(temp.ptr, path) < 0)
			errnum = errno;
		if (errnum)
			unlink(temp.ptr);
	} else if (fd < 0 && temp.ptr) {
		errnum = errno;
	}
	grille_buf_release(&temp);
	if (errnum)
		print_error(_("impossible d'écrire « %s » : %s"), path, strerror(errnum));
	return errnum ? EXIT_FAILED : EXIT_OK;
}

static int ics(struct grille_ctx *ctx, const char *output)
{
	char stamp[17];
	ics_stamp(stamp);
	if (output && lock_workspace(ctx) != EXIT_OK)
		return EXIT_FAILED;
	grille_buf out = GRILLE_BUF_INIT;
	if (!output)
		return finish_output(print_rendered(grille_workspace_calendar_ics(&out, ctx->ws, stamp), &out));
	int code = grille_workspace_calendar_ics(&out, ctx->ws, stamp) < 0 ? fail_with_library_error("calendar")
	                                                                   : write_file(output, &out);
	size_t events = 0;
	for (const char *p = out.ptr; code == EXIT_OK && (p = strstr(p, "BEGIN:VEVENT")); p++)
		events++;
	if (code == EXIT_OK)
		say(ngettext("Calendrier écrit dans « %s » : %zu date.\n", "Calendrier écrit dans « %s » : %zu dates.\n",
		                events), visible(output), events);
	grille_buf_release(&out);
	return finish_output(code);
}

int cmd_calendar(int argc, char **argv, struct grille_ctx *ctx)
{
	/* `grille calendar`, `--json` and `--ics` show; otherwise the first word says what to change. */
	const char *name = "list";
	if (argc > 1 && argv[1][0] != '-') {
		name = argv[1];
		argc--;
		argv++;
	}
	print_group_warnings(ctx->ws, strcmp(name, "list") == 0 ? "calendrier.md" : NULL); /* a list shows its own conflicts */
	struct request r = { 0 };
	int code = parse(&r, argc, argv);
	if (code >= 0)
		return code;
	argc -= optind;
	argv += optind;
	if (strcmp(name, "review") == 0)
		return review(ctx, &r, argc, argv);
	if (strcmp(name, "test") != 0 && strcmp(name, "list") != 0)
		return usage_error("calendar", _("« %s » : test, review ou list attendu"), name);
	if (r.done || r.remove)
		return usage_error("calendar", "%s", _("--done et --remove vont avec un bilan : grille calendar review 2027-04-15 --done"));
	if (strcmp(name, "test") == 0)
		return r.json || r.ics || r.output ? usage_error("calendar", "%s", _("--json, --ics et --output servent à montrer le calendrier : grille calendar --ics"))
		                                   : test_phase(ctx, argc, argv);
	if (argc > 0)
		return usage_error("calendar", _("argument inattendu « %s »"), argv[0]);
	if (r.json && r.ics)
		return usage_error("calendar", "%s", _("--json ou --ics, pas les deux"));
	if (r.output && !r.ics)
		return usage_error("calendar", "%s", _("--output va avec --ics : grille calendar --ics -o groupe.ics"));
	return r.ics ? ics(ctx, r.output && strcmp(r.output, "-") != 0 ? r.output : NULL) : list(ctx, r.json);
}
