#include <stdlib.h>
#include <string.h>

#include "grille/error.h"
#include "grille/grid.h"
#include "grille/workspace.h"
#include "array.h"
#include "errors.h"
#include "ics.h"
#include "intl.h"
#include "status_build.h"
#include "wording.h"

/* The group's calendar for a shared calendar: the test phase, reviews,
 * actions' deadlines and deferral dates, as lib/ics.c writes them. Texts
 * made here (summaries) are kept in `texts` until the file is written. */
struct calendar {
	struct ics__event *events;
	size_t count;
	char **texts;
	size_t text_count;
	const char *language; /* the workspace's: the words of the events (wording.h) */
};

static const char *keep(struct calendar *c, grille_buf *text)
{
	char **grown = grille_buf_oom(text) ? NULL : array__push(c->texts, c->text_count, sizeof(*grown));
	if (!grown) {
		grille_buf_release(text);
		return NULL;
	}
	c->texts = grown;
	return grown[c->text_count++] = grille_buf_detach(text);
}

static int add(struct calendar *c, struct ics__event event)
{
	struct ics__event *grown = array__push(c->events, c->count, sizeof(*grown));
	if (!grown || !event.summary)
		return error__oom();
	c->events = grown;
	grown[c->count++] = event;
	return 0;
}

/* An action's state in words of the workspace's language; plan.md's own
 * words ("à faire") are its file format's. */
static const char *state_label(const char *language, grille_action_state state)
{
	switch (state) {
	case GRILLE_ACTION_TODO: return W_(language, "à faire");
	case GRILLE_ACTION_DOING: return W_(language, "en cours");
	case GRILLE_ACTION_DONE: return W_(language, "faite");
	default: return W_(language, "abandonnée");
	}
}

static int add_dates(struct calendar *c, const grille_group *g)
{
	int error = 0;
	if (*g->test_start && *g->test_end)
		error = add(c, (struct ics__event){ ICS__TEST, "test", g->test_start, g->test_end, W_(c->language, "Phase de test"), NULL });
	for (size_t i = 0; !error && i < g->event_count; i++) {
		const grille_event *e = &g->events[i];
		if (e->kind != GRILLE_EVENT_REVIEW)
			continue;
		grille_buf summary = GRILLE_BUF_INIT;
		grille_buf_printf(&summary, *e->title ? W_(c->language, "Bilan : %s") : W_(c->language, "Bilan"), e->title);
		error = add(c, (struct ics__event){ ICS__REVIEW, e->date, e->date, NULL, keep(c, &summary), NULL });
	}
	for (size_t i = 0; !error && i < g->action_count; i++) {
		const grille_action *a = &g->actions[i];
		if (!*a->due || a->state == GRILLE_ACTION_DONE || a->state == GRILLE_ACTION_DROPPED)
			continue;
		grille_buf summary = GRILLE_BUF_INIT, description = GRILLE_BUF_INIT;
		grille_buf_printf(&summary, W_(c->language, "%s à rendre : %s"), a->id, a->text);
		for (size_t w = 0; w < a->who_count; w++)
			grille_buf_printf(&description, "%s%s", w ? ", " : W_(c->language, "Qui : "), a->who[w]);
		grille_buf_printf(&description, W_(c->language, "%sÉtat : %s"), a->who_count ? "\n" : "", state_label(c->language, a->state));
		const char *text = keep(c, &summary);
		error = add(c, (struct ics__event){ ICS__ACTION, a->id, a->due, NULL, text, keep(c, &description) });
	}
	return error;
}

/* A question explored later, by a date; an item's own mark once for the item. */
static int add_deferrals(struct calendar *c, const grille_status *status)
{
	int error = 0;
	for (size_t s = 0; !error && s < status->step_count; s++)
		for (size_t i = 0; !error && i < status->steps[s].item_count; i++) {
			const grille_item_status *item = &status->steps[s].items[i];
			int whole = item->state == GRILLE_STATE_DEFERRED && item->mark.first_line;
			for (size_t q = 0; !error && q < item->question_count; q++) {
				const grille_question_status *qs = &item->questions[q];
				if (qs->state != GRILLE_STATE_DEFERRED || !qs->until)
					continue;
				const char *id = whole ? item->id : qs->id, *title = whole ? item->title : qs->text;
				grille_buf summary = GRILLE_BUF_INIT;
				grille_buf_printf(&summary, W_(c->language, "À reprendre : %s %s"), id, title);
				error = add(c, (struct ics__event){ ICS__DEFER, id, qs->until, NULL, keep(c, &summary),
				                                    qs->reason });
				if (whole)
					break;
			}
		}
	return error;
}

int grille_workspace_calendar_ics(grille_buf *out, const grille_workspace *ws, const char *stamp)
{
	const grille_group *group;
	grille_status *status = NULL;
	struct calendar c = { .language = grille_grid_language(grille_workspace_grid(ws)) };
	const grille_settings *s = grille_workspace_settings(ws);
	grille_buf identity = GRILLE_BUF_INIT;
	grille_buf_printf(&identity, "%s\n%s", s->grid_id, s->title);
	int error = grille_buf_oom(&identity) ? error__oom() : grille_workspace_group(&group, ws);
	if (!error)
		error = add_dates(&c, group);
	if (!error)
		error = status__from_disk(&status, ws, NULL);
	if (!error)
		error = add_deferrals(&c, status);
	struct ics__calendar cal = { identity.ptr, stamp, c.events, c.count };
	if (!error)
		error = ics__write(out, &cal);
	grille_status_free(status);
	for (size_t i = 0; i < c.text_count; i++)
		free(c.texts[i]);
	free(c.texts);
	free(c.events);
	grille_buf_release(&identity);
	return error;
}
