#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

struct view {
	const grille_status *status;
	const char *step;  /* --step, or NULL */
	int all;           /* --all */
	int level;         /* --level: questions of that level or below (and the group's own); 0 for all */
	int colour;
};

static const char *paint(const struct view *v, const char *code)
{
	return v->colour ? code : "";
}

#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define RED "\033[31m"
#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RESET "\033[0m"

static const char *state_label(grille_state state)
{
	switch (state) {
	case GRILLE_STATE_ANSWERED: return _("répondue");
	case GRILLE_STATE_UNANSWERED: return _("sans réponse");
	case GRILLE_STATE_SKIPPED: return _("de côté");
	case GRILLE_STATE_DEFERRED: return _("plus tard");
	default: return _("en conflit");
	}
}

/* Pad to `width` characters, not bytes: labels are UTF-8. */
static void print_padded(const char *text, int width)
{
	int chars = 0;
	for (const char *p = text; *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%s%*s", text, width > chars ? width - chars : 0, "");
}

static const char *state_colour(grille_state state)
{
	switch (state) {
	case GRILLE_STATE_ANSWERED: return GREEN;
	case GRILLE_STATE_UNANSWERED: return YELLOW;
	case GRILLE_STATE_CONFLICT: return RED;
	default: return DIM;
	}
}

static int help(void)
{
	printf("%s", _("Usage : grille status [--json] [--step N] [--level N] [--all] [--check]\n"
	               "       grille status --mine [--json]\n"
	               "\n"
	               "Montre où en est la démarche : pour chaque étape, les questions répondues,\n"
	               "sans réponse, mises de côté, gardées pour plus tard ou en conflit ; puis les\n"
	               "questions en conflit, les dix premières sans réponse et pour plus tard\n"
	               "(fichier:ligne), où en est le calendrier (phase de test, bilans), les\n"
	               "actions en retard ou à faire dans les 14 jours, par membre, les conflits\n"
	               "des fichiers du groupe et ce qui n'est pas encore enregistré dans git.\n"
	               "\n"
	               "Options :\n"
	               "  --json        le même état en JSON (format décrit dans grille-status(1))\n"
	               "  -s, --step N  seulement l'étape N\n"
	               "  -l, --level N seulement les questions des niveaux 1 à N (et celles ajoutées\n"
	               "                par le groupe), dans les listes comme dans les comptes\n"
	               "  -a, --all     lister toutes les questions, quel que soit leur état, avec leur\n"
	               "                niveau\n"
	               "  --check       code de retour 1 s'il reste des questions sans réponse ou en\n"
	               "                conflit, ou des lignes en conflit ou illisibles dans les fichiers\n"
	               "                du groupe\n"
	               "  -m, --mine    seulement vos actions : celles du membre qui correspond à votre\n"
	               "                identité git (user.name, user.email)\n"
	               "  -h, --help    afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static int shown(const struct view *v, const grille_step_status *st)
{
	return !v->step || strcmp(v->step, st->id) == 0;
}

/* Whether --level keeps `q`: a question the group added (level 0) always counts. */
static int kept(const struct view *v, const grille_question_status *q)
{
	return !v->level || q->level <= v->level;
}

/* A step's counts and number of questions, over the questions --level keeps. */
static size_t step_counts(const struct view *v, const grille_step_status *st, size_t counts[GRILLE_STATE_COUNT])
{
	if (!v->level) {
		memcpy(counts, st->counts, sizeof(st->counts));
		return st->question_count;
	}
	size_t total = 0;
	memset(counts, 0, GRILLE_STATE_COUNT * sizeof(*counts));
	grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
	for (const grille_question_status *qs; (qs = grille_step_next_question(st, &cursor));)
		if (kept(v, qs)) {
			counts[qs->state]++;
			total++;
		}
	return total;
}

/* A bar, on a terminal only: 20 characters wide on 80 columns, between 10 and 40. */
static void bar(const struct view *v, size_t done, size_t total)
{
	if (!show_bars())
		return;
	int columns = term_width() - 60;
	size_t width = columns < 10 ? 10 : columns > 40 ? 40 : (size_t)columns;
	size_t filled = total ? (done * width + total / 2) / total : 0;
	printf(" %s", paint(v, GREEN));
	for (size_t i = 0; i < width; i++) {
		if (i == filled)
			printf("%s", paint(v, DIM));
		fputs(i < filled ? "█" : "░", stdout);
	}
	printf("%s", paint(v, RESET));
}

static void print_steps(const struct view *v, size_t *totals, size_t *total)
{
	for (size_t s = 0; s < v->status->step_count; s++) {
		const grille_step_status *st = &v->status->steps[s];
		if (!shown(v, st))
			continue;
		size_t counts[GRILLE_STATE_COUNT];
		size_t questions = step_counts(v, st, counts);
		/* Progress counts what the group decided on: skipped questions are settled. */
		size_t open = questions - counts[GRILLE_STATE_SKIPPED];
		printf("%s%s. %s%s\n  ", paint(v, BOLD), visible(st->id), visible(st->title), paint(v, RESET));
		bar(v, counts[GRILLE_STATE_ANSWERED], open);
		printf(_(" %zu/%zu réponses"), counts[GRILLE_STATE_ANSWERED], open);
		if (counts[GRILLE_STATE_UNANSWERED])
			printf(_(" · %zu sans réponse"), counts[GRILLE_STATE_UNANSWERED]);
		if (counts[GRILLE_STATE_SKIPPED])
			printf(_(" · %zu de côté"), counts[GRILLE_STATE_SKIPPED]);
		if (counts[GRILLE_STATE_DEFERRED])
			printf(_(" · %zu pour plus tard"), counts[GRILLE_STATE_DEFERRED]);
		if (counts[GRILLE_STATE_CONFLICT])
			printf(_(" · %s%zu en conflit%s"), paint(v, RED), counts[GRILLE_STATE_CONFLICT], paint(v, RESET));
		printf("\n");
		if (st->problem)
			printf("   %s%s%s\n", paint(v, RED), visible(st->problem), paint(v, RESET));
		for (int k = 0; k < GRILLE_STATE_COUNT; k++)
			totals[k] += counts[k];
		*total += questions;
	}
}

static void print_question(const struct view *v, const grille_step_status *st,
                           const grille_question_status *q)
{
	if (q->line)
		printf("  %s:%zu: %s %s", here(q->file ? q->file : st->file), q->line, visible(q->id), visible(q->text));
	else
		printf(_("  %s: %s %s (absente du fichier)"), here(st->file), visible(q->id), visible(q->text));
	if (q->state == GRILLE_STATE_DEFERRED && q->until)
		printf(q->overdue ? _(" %s(prévue pour le %s : date passée)%s") : _(" (pour le %s%s%s)"),
		       q->overdue ? paint(v, RED) : "", visible(q->until), q->overdue ? paint(v, RESET) : "");
	if ((q->state == GRILLE_STATE_DEFERRED || q->state == GRILLE_STATE_SKIPPED) && q->reason)
		printf(" — %s", visible(q->reason));
	print_positions_count(q);
	printf("\n");
}

/* A deferral date written by hand that grille could not read: once per
 * mark (an item's mark covers several questions), on stderr. */
static void warn_unread_dates(const struct view *v, const grille_workspace *ws)
{
	const char *file = NULL;
	size_t line = 0;
	for (size_t s = 0; s < v->status->step_count; s++) {
		const grille_step_status *st = &v->status->steps[s];
		grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
		for (const grille_question_status *qs; shown(v, st) && (qs = grille_step_next_question(st, &cursor));) {
			if (!qs->until_unread || (file && line == qs->mark_line && strcmp(file, qs->file) == 0))
				continue;
			file = qs->file;
			line = qs->mark_line;
			/* The mark as the file writes it, in the workspace's language. */
			const char *mark = strcmp(grille_grid_language(grille_workspace_grid(ws)), "en") == 0
			                   ? "Deferred" : "À explorer plus tard";
			print_error(_("%s:%zu : la date « %s » de la marque « %s » n'a pas pu être "
			              "lue : écrivez une date qui existe, sous la forme 2027-01-15, 15/01/2027 ou "
			              "15 janvier 2027"), here(file), line, qs->until_unread, mark);
		}
	}
}

/* A group of items (a family of principles) before its first question listed. */
static void print_group(const struct view *v, const grille_step_status *st, const grille_question_cursor *cursor,
                        const char **last)
{
	const char *group = st->items[cursor->item].group;
	if (group && (!*last || strcmp(group, *last) != 0))
		printf("  %s◆ %s%s\n", paint(v, BOLD), visible(group), paint(v, RESET));
	*last = group;
}

/*
 * The questions in `state`; with `overdue_first`, overdue deferrals lead.
 * With `cut`, the first LIST_MAX only, then how many more --all shows: a
 * status fits a screen. Overdue deferrals ask for something now: never cut.
 */
enum { LIST_MAX = 10 };
static void print_list(const struct view *v, grille_state state, const char *heading, int overdue_first, int cut)
{
	size_t printed = 0, left = 0;
	for (int pass = overdue_first ? 0 : 1; pass < 2; pass++) {
		for (size_t s = 0; s < v->status->step_count; s++) {
			const grille_step_status *st = &v->status->steps[s];
			if (!shown(v, st))
				continue;
			grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
			const char *group = NULL;
			for (const grille_question_status *qs; (qs = grille_step_next_question(st, &cursor));) {
				if (qs->state != state || (overdue_first && qs->overdue != (pass == 0)) || !kept(v, qs))
					continue;
				if (cut && printed >= LIST_MAX && !qs->overdue) {
					left++;
					continue;
				}
				if (!printed++)
					printf("\n%s%s%s\n", paint(v, BOLD), heading, paint(v, RESET));
				print_group(v, st, &cursor, &group);
				print_question(v, st, qs);
			}
		}
	}
	if (!left)
		return;
	/* The command that shows them, with the same scope. */
	char command[96];
	int n = snprintf(command, sizeof(command), "grille status --all");
	if (v->step)
		n += snprintf(command + n, sizeof(command) - (size_t)n, " --step %s", v->step);
	if (v->level && n > 0 && (size_t)n < sizeof(command))
		snprintf(command + n, sizeof(command) - (size_t)n, " --level %d", v->level);
	printf(ngettext("  … et %zu autre (%s)\n", "  … et %zu autres (%s)\n", left), left, visible(command));
}

/* "niv. 2", or "ajoutée" for a question the group added: where a question stands in the grid's levels. */
static void print_level(const grille_question_status *q)
{
	char marker[32];
	if (q->level)
		snprintf(marker, sizeof(marker), _("niv. %d"), q->level);
	else
		snprintf(marker, sizeof(marker), "%s", _("ajoutée"));
	print_padded(marker, 7);
}

static void print_all(const struct view *v)
{
	printf("\n%s%s%s\n", paint(v, BOLD), _("Toutes les questions :"), paint(v, RESET));
	for (size_t s = 0; s < v->status->step_count; s++) {
		const grille_step_status *st = &v->status->steps[s];
		if (!shown(v, st))
			continue;
		grille_question_cursor cursor = GRILLE_QUESTION_CURSOR_INIT;
		const char *group = NULL;
		for (const grille_question_status *qs; (qs = grille_step_next_question(st, &cursor));) {
			if (!kept(v, qs))
				continue;
			print_group(v, st, &cursor, &group);
			printf("  %s", paint(v, state_colour(qs->state)));
			print_padded(state_label(qs->state), 13);
			printf("%s ", paint(v, RESET));
			print_level(qs);
			print_question(v, st, qs);
		}
	}
}

/* "dans 3 jours", "aujourd'hui", "il y a 2 jours": a date from today. */
static const char *from_today(long days)
{
	static char text[64];
	unsigned long n = (unsigned long)(days < 0 ? -days : days);
	if (days == 0)
		return _("aujourd'hui");
	if (days == 1)
		return _("demain");
	if (days == -1)
		return _("hier");
	snprintf(text, sizeof(text), days > 0 ? ngettext("dans %lu jour", "dans %lu jours", n)
	                                      : ngettext("il y a %lu jour", "il y a %lu jours", n), n);
	return text;
}

static void print_phase(const grille_phase_position *p)
{
	if (p->phase == GRILLE_PHASE_NONE)
		return;
	if (p->end[0])
		printf(_("  Phase de test, du %s au %s : "), p->start, p->end);
	else
		printf(_("  Phase de test, à partir du %s : "), p->start);
	if (p->phase == GRILLE_PHASE_BEFORE)
		printf(_("elle commence %s\n"), from_today(p->days));
	else if (p->phase == GRILLE_PHASE_OVER)
		printf(_("terminée %s\n"), from_today(-p->days));
	else if (p->length)
		printf(_("jour %ld sur %ld\n"), p->day, p->length);
	else
		printf(_("jour %ld\n"), p->day);
}

/* One to three lines: the test phase, the reviews overdue, the next one. */
static void print_calendar(const struct view *v)
{
	const grille_reminders *r = v->status->reminders;
	if (!r || (r->phase.phase == GRILLE_PHASE_NONE && !r->overdue_review_count && !r->next_review.date[0]))
		return;
	printf("\n%s%s%s\n", paint(v, BOLD), _("Calendrier :"), paint(v, RESET));
	print_phase(&r->phase);
	if (r->overdue_review_count == 1) {
		const grille_review_reminder *o = &r->overdue_reviews[0];
		printf(_("  %sBilan en retard : %s%s%s, %s%s (à tenir, puis « grille calendar review %s --done »)\n"),
		       paint(v, RED), o->date, o->title[0] ? " — " : "", visible(o->title), from_today(o->days),
		       paint(v, RESET), o->date);
	} else if (r->overdue_review_count > 1) {
		printf(_("  %s%zu bilans en retard :"), paint(v, RED), r->overdue_review_count);
		for (size_t i = 0; i < r->overdue_review_count; i++)
			printf("%s%s", i ? ", " : " ", r->overdue_reviews[i].date);
		printf(_("%s (à tenir, puis « grille calendar review DATE --done »)\n"), paint(v, RESET));
	}
	if (r->next_review.date[0])
		printf(_("  Prochain bilan : %s%s%s, %s\n"), r->next_review.date, r->next_review.title[0] ? " — " : "",
		       visible(r->next_review.title), from_today(r->next_review.days));
}

/* Once the review is due: how many actions still wait for its decision (grille-round(1)). */
static void print_decisions(const struct view *v, struct grille_ctx *ctx)
{
	const grille_group *group = NULL;
	char today[GRILLE_DATE_LEN + 1];
	size_t undecided = 0;
	if (grille_workspace_group(&group, ctx->ws) < 0 || !group->action_count ||
	    !grille_round_review_due(&undecided, group, today_of(ctx, today))) {
		grille_error_clear();
		return;
	}
	printf("\n%s%s%s\n", paint(v, BOLD), _("Décisions du bilan :"), paint(v, RESET));
	if (undecided)
		printf(ngettext("  %zu action sur %zu attend sa décision : « grille plan decide A1 garder » (ou ajuster, "
		                "ou abandonner)\n",
		                "  %zu actions sur %zu attendent leur décision : « grille plan decide A1 garder » (ou "
		                "ajuster, ou abandonner)\n", undecided), undecided, group->action_count);
	else
		printf("%s", _("  Chaque action a sa décision : « grille round new » commence le tour suivant.\n"));
}

/* "A3 en retard de 5 jours (2026-11-26) : Écrire la charte". */
static void print_action(const struct view *v, const char *indent, const grille_action_reminder *a)
{
	unsigned long late = (unsigned long)-a->days;
	printf("%s%s%s ", indent, a->when == GRILLE_DUE_LATE ? paint(v, RED) : "", visible(a->id));
	if (a->when == GRILLE_DUE_LATE)
		printf(ngettext("en retard de %lu jour (%s)%s", "en retard de %lu jours (%s)%s", late), late, a->due,
		       paint(v, RESET));
	else if (a->when == GRILLE_DUE_NONE)
		printf("%s", _("sans échéance"));
	else if (a->days == 0)
		printf("%s", _("pour aujourd'hui"));
	else
		printf("%s (%s)", from_today(a->days), a->due);
	printf(_(" : %s%s\n"), visible(a->text), a->state == GRILLE_ACTION_DOING ? _(" (en cours)") : "");
}

static void print_owner(const grille_owner_reminders *o)
{
	if (!o->name)
		printf("  %s\n", _("Sans responsable"));
	else if (o->member)
		printf("  %s\n", visible(o->name));
	else
		printf(_("  %s (absent de membres.md)\n"), visible(o->name));
}

/* Late first, then due soon, per member: ten lines at most. */
static void print_actions(const struct view *v)
{
	enum { MAX_LINES = 10 };
	const grille_reminders *r = v->status->reminders;
	size_t due = r ? r->counts[GRILLE_DUE_LATE] + r->counts[GRILLE_DUE_SOON] : 0, lines = 0, needed = 0;
	unsigned char *shown = due ? calloc(due, 1) : NULL;
	if (!shown)
		return;
	for (size_t i = 0; i < r->owner_count; i++) {
		size_t n = r->owners[i].counts[GRILLE_DUE_LATE] + r->owners[i].counts[GRILLE_DUE_SOON];
		needed += n ? n + 1 : 0;
	}
	/* When all do not fit, the last line says how many were left out. */
	size_t room = needed <= MAX_LINES ? MAX_LINES : MAX_LINES - 1;
	printf("\n%s%s%s\n", paint(v, BOLD), _("Actions :"), paint(v, RESET));
	for (size_t i = 0; i < r->owner_count && lines + 2 <= room; i++) {
		const grille_owner_reminders *o = &r->owners[i];
		if (!o->counts[GRILLE_DUE_LATE] && !o->counts[GRILLE_DUE_SOON])
			continue;
		print_owner(o);
		lines++;
		/* The reminders are in order: late, soon, then the rest. */
		for (size_t k = 0; k < o->count && lines < room; k++) {
			const grille_action_reminder *a = &r->actions[o->actions[k]];
			if (a->when > GRILLE_DUE_SOON)
				break;
			print_action(v, "    ", a);
			shown[o->actions[k]] = 1;
			lines++;
		}
	}
	size_t more = 0;
	for (size_t i = 0; i < due; i++)
		more += !shown[i];
	if (more)
		printf(ngettext("  et %zu autre : grille plan --late\n", "  et %zu autres : grille plan --late\n", more), more);
	free(shown);
}

/* Rows with the same key, and rows that could not be read, in full. */
static void print_group_files(const struct view *v)
{
	const grille_reminders *r = v->status->reminders;
	if (!r || (!r->conflict_count && !r->problem_count))
		return;
	printf("\n%s%s%s\n", paint(v, RED), _("Dans les fichiers du groupe :"), paint(v, RESET));
	for (size_t i = 0; i < r->conflict_count; i++) {
		const grille_entry_conflict *c = &r->conflicts[i];
		printf(_("  %s : « %s » a été changé de deux façons ; les %zu versions :\n"), here(c->file), visible(c->key),
		       c->count);
		for (size_t k = 0; k < c->count; k++)
			printf("    %s:%zu: %s\n", here(c->file), c->lines[k], visible(c->texts[k]));
	}
	for (size_t i = 0; i < r->problem_count; i++)
		printf("  %s\n", visible(r->problems[i]));
	if (r->conflict_count)
		printf("%s", _("Gardez la bonne ligne de chaque conflit et supprimez les autres, puis : grille commit\n"));
	if (r->problem_count)
		printf("%s", _("Une ligne illisible n'est pas lue : corrigez-la dans le fichier.\n"));
}

static void print_git(const struct view *v)
{
	const grille_status *status = v->status;
	if (!status->in_repository) {
		printf("%s", _("\nCet espace de travail n'est pas suivi par git : ses jalons ne sont pas enregistrés.\n"));
		return;
	}
	if (status->conflicted_file_count) {
		printf("\n%s%s%s\n", paint(v, RED), _("Fichiers en conflit dans git :"), paint(v, RESET));
		for (size_t i = 0; i < status->conflicted_file_count; i++)
			printf("  %s\n", here(status->conflicted_files[i]));
		printf("%s", _("Choisissez le texte à garder entre les marques <<<<<<< et >>>>>>>, effacez les marques, puis enregistrez un jalon.\n"));
	}
	if (status->change_count) {
		printf("\n%s\n", _("Pas encore enregistré dans l'historique :"));
		for (size_t i = 0; i < status->change_count; i++)
			printf("  %c %s\n", grille_file_change_letter(status->changes[i].kind),
			       here(status->changes[i].path));
	}
}

/* Questions the grid no longer has, kept by `grille grid upgrade`; and a newer grid, said once. */
static void print_grid(const struct view *v)
{
	const grille_status *status = v->status;
	int header = 0;
	for (size_t s = 0; s < status->step_count; s++)
		for (size_t i = 0; i < status->steps[s].item_count; i++)
			for (size_t q = 0; q < status->steps[s].items[i].question_count; q++) {
				const grille_question_status *qs = &status->steps[s].items[i].questions[q];
				if (!qs->retired || !shown(v, &status->steps[s]))
					continue;
				if (!header++)
					printf("\n%s\n", _("Plus dans la grille, gardées dans les fichiers avec leurs réponses :"));
				printf(_("  %s n'est plus dans la grille %s : %s (%s:%zu)\n"), visible(qs->id),
				       visible(status->grid_version), qs->state == GRILLE_STATE_ANSWERED
				       ? _("sa réponse est gardée") : _("elle est gardée, sans réponse"), here(qs->file), qs->line);
			}
	if (status->grid_newer)
		printf(_("\nCet espace de travail suit la grille %s ; grille fournit la %s. Pour y passer sans "
		         "toucher aux réponses : grille grid upgrade\n"), visible(status->grid_version),
		       visible(status->grid_newer));
}

/* What is on the plate of the member git's identity names. */
static int print_mine(struct grille_ctx *ctx, int json)
{
	const grille_member *me;
	char *name = NULL, *email = NULL;
	int error = grille_workspace_me(&me, &name, &email, ctx->ws);
	if (error == GRILLE_ENOIDENTITY) {
		print_error("%s", _("git ne sait pas qui vous êtes : --mine montre les actions du membre qui a votre "
		                    "identité git. Indiquez-la une fois pour toutes :\n"
		                    "  git config --global user.name \"Prénom Nom\"\n"
		                    "  git config --global user.email \"vous@exemple.org\""));
		return finish_output(EXIT_FAILED);
	}
	if (error < 0)
		return fail_with_library_error("status");
	if (!me) {
		print_error(_("aucun membre du groupe ne correspond à votre identité git « %s <%s> ».\n"
		              "Inscrivez-vous avec : grille member add \"%s\" --email %s\n"
		              "ou écrivez cette adresse dans la colonne « Courriel » de membres.md."),
		            name, email, name, email);
		free(name);
		free(email);
		return finish_output(EXIT_FAILED);
	}
	free(name);
	free(email);
	const grille_group *group;
	grille_reminders *r = NULL;
	if (grille_workspace_group(&group, ctx->ws) < 0 || grille_reminders_compute(&r, group, ctx->today) < 0)
		return fail_with_library_error("status");
	int code = EXIT_OK;
	if (json) {
		grille_buf out = GRILLE_BUF_INIT;
		code = print_rendered(grille_reminders_plate_json(&out, r, me), &out);
	} else {
		struct view v = { .colour = use_colour(stdout) };
		const grille_owner_reminders *o = grille_reminders_owner(r, me->name);
		if (!o)
			printf(_("Aucune action à faire ni en cours pour %s.\n"), visible(me->name));
		else
			printf(_("À faire pour %s :\n"), visible(me->name));
		for (size_t k = 0; o && k < o->count; k++)
			print_action(&v, "  ", &r->actions[o->actions[k]]);
	}
	grille_reminders_free(r);
	print_group_warnings(ctx->ws, NULL); /* status shows them in full, but not with --mine */
	return finish_output(code);
}

static int write_stdout(const char *data, size_t len, void *arg)
{
	(void)arg;
	fwrite(data, 1, len, stdout);
	return 0;
}

static int render_json(const struct view *v)
{
	grille_status copy = *v->status;
	grille_step_status one;
	if (v->step) {
		/* Only that step, and totals that add up to it. */
		for (size_t s = 0; s < copy.step_count; s++)
			if (shown(v, &copy.steps[s]))
				one = copy.steps[s];
		copy.steps = &one;
		copy.step_count = 1;
		memcpy(copy.totals, one.counts, sizeof(copy.totals));
		copy.question_count = one.question_count;
	}
	/* Written as it is made: a status of megabytes never whole in memory. A
	 * failing stdout is told by finish_output(), as for any other output. */
	return grille_status_json_write(&copy, write_stdout, NULL) == 0 ? 0 : fail_with_library_error(NULL);
}

int cmd_status(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_JSON = 256, OPT_CHECK };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "step", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "level", required_argument, NULL, 'l' },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "mine", no_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct view v = { .colour = use_colour(stdout) };
	int json = 0, check = 0, mine = 0, opt;
	while ((opt = getopt_long(argc, argv, ":s:al:mh", options, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON: json = 1; break;
		case OPT_CHECK: check = 1; break;
		case 's': v.step = optarg; break;
		case 'a': v.all = 1; break;
		case 'l':
			if (strlen(optarg) != 1 || optarg[0] < '1' || optarg[0] > '3')
				return usage_error("status", _("niveau « %s » invalide : 1, 2 ou 3 attendu"), optarg);
			v.level = optarg[0] - '0';
			break;
		case 'm': mine = 1; break;
		case 'h': return help();
		default: return bad_option("status", opt, argv);
		}
	}
	if (optind < argc)
		return usage_error("status", _("argument inattendu « %s »"), argv[optind]);
	if (mine && (v.step || v.all || check || v.level))
		return usage_error("status", _("--mine ne va pas avec --step, --all, --level ni --check"));
	if (mine)
		return print_mine(ctx, json);
	const grille_step *named = NULL;
	if (v.step && grille_grid_lookup_step(&named, grille_workspace_grid(ctx->ws), v.step) < 0)
		return fail_with_library_error("status");

	grille_status *status = NULL;
	if (grille_workspace_status(&status, ctx->ws, ctx->today) < 0)
		return fail_with_library_error("status");
	v.status = status;

	size_t totals[GRILLE_STATE_COUNT] = { 0 }, total = 0;
	int problems = 0;
	for (size_t s = 0; s < status->step_count; s++)
		if (shown(&v, &status->steps[s]) && status->steps[s].problem) {
			print_error("%s", status->steps[s].problem);
			problems++;
		}
	warn_unread_dates(&v, ctx->ws);
	int code = problems ? EXIT_FAILED : EXIT_OK;
	if (json) {
		if (render_json(&v) != EXIT_OK)
			code = EXIT_FAILED;
		for (size_t s = 0; s < status->step_count; s++)
			if (shown(&v, &status->steps[s])) {
				size_t counts[GRILLE_STATE_COUNT];
				step_counts(&v, &status->steps[s], counts);
				for (int k = 0; k < GRILLE_STATE_COUNT; k++)
					totals[k] += counts[k];
			}
	} else {
		const grille_settings *settings = grille_workspace_settings(ctx->ws);
		printf("%s%s%s%s", paint(&v, BOLD), visible(settings->title), settings->collective[0] ? " — " : "",
		       visible(settings->collective));
		if (settings->round > 1)
			printf(_(" — tour %d"), settings->round);
		printf("%s\n\n", paint(&v, RESET));
		print_steps(&v, totals, &total);
		size_t open = total - totals[GRILLE_STATE_SKIPPED];
		printf(_("\nEn tout : %zu/%zu réponses, %zu sans réponse, %zu de côté, %zu pour plus tard, %zu en conflit\n"),
		       totals[GRILLE_STATE_ANSWERED], open, totals[GRILLE_STATE_UNANSWERED],
		       totals[GRILLE_STATE_SKIPPED], totals[GRILLE_STATE_DEFERRED], totals[GRILLE_STATE_CONFLICT]);
		if (v.all) {
			print_all(&v);
		} else {
			/* A conflict asks for a hand now: never cut. */
			print_list(&v, GRILLE_STATE_CONFLICT, _("En conflit (les deux versions sont dans le fichier) :"), 0, 0);
			print_list(&v, GRILLE_STATE_UNANSWERED, _("Sans réponse :"), 0, 1);
			print_list(&v, GRILLE_STATE_DEFERRED, _("Pour plus tard :"), 1, 1);
		}
		print_calendar(&v);
		print_decisions(&v, ctx);
		print_actions(&v);
		print_group_files(&v);
		print_git(&v);
		print_grid(&v);
	}
	/* grille.yaml in conflict: read from our side, said on every status. */
	const char *settings_conflict = grille_workspace_settings(ctx->ws)->conflict_message;
	if (settings_conflict)
		print_error("%s", settings_conflict);
	const grille_reminders *r = status->reminders;
	int group_files = r && (r->conflict_count || r->problem_count);
	if (check && (totals[GRILLE_STATE_UNANSWERED] || totals[GRILLE_STATE_CONFLICT] || settings_conflict || group_files))
		code = EXIT_FAILED;
	grille_status_free(status);
	return finish_output(code);
}
