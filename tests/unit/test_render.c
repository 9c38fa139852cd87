/* The report's renderers (lib/report_*.c) format a status and the step texts
 * handed to them, into a buffer: no workspace folder, no git, no file. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/workspace.h"
#include <jansson.h>

#include "report.h"
#include "report_html.h"
#include "memory_workspace.h"
#include "tap.h"
#include "workspace_private.h"

static const char step1[] =
	"# 1 — Par où commençons-nous ?\r\n\r\n"
	"## 1.1 Le contexte\r\n\r\n"
	"### 1.1.a Notre collectif\r\n\r\n"
	"Une association de *quartier*,\r\nsur deux lignes.\r\n\r\n"
	"### 1.1.b Pourquoi maintenant\r\n\r\n"
	"**Mis de côté** : hors sujet\r\n\r\n"
	"### 1.1.c Qui décide\r\n\r\n"
	"Le bureau <script>alert(1)</script> décide.";

static int to_buf(void *ctx, const void *data, size_t len)
{
	return grille_buf_put(ctx, data, len);
}

/* Render `format` of `r` whole, the way report.c drives it, into a new string. */
static char *rendered(struct report *r, const struct report_format *format)
{
	grille_buf out = GRILLE_BUF_INIT, doc = GRILLE_BUF_INIT;
	r->sink = to_buf;
	r->sink_ctx = &doc;
	r->text_kind = format == &report_json_format ? GRILLE_TEXT_UTF8 : GRILLE_TEXT_MARKUP;
	void *state = NULL;
	int error = format->begin(&state, &out, r);
	for (size_t s = 0; !error && s < r->status->step_count; s++)
		error = format->steps(state, &out, r, s, 1);
	error = format->end(state, &out, r, error);
	grille_buf_release(&out);
	char *text = error ? NULL : strndup(doc.ptr ? doc.ptr : "", doc.len);
	grille_buf_release(&doc);
	return text;
}

/* How many no-break spaces (U+00A0, U+202F) the last plain() made ordinary. */
static size_t french_spaces;

/* `text` with its no-break spaces made ordinary, so that the checks below
 * read as the French strings are written in the code and the answers. */
static char *plain(char *text)
{
	french_spaces = 0;
	if (!text)
		return NULL;
	char *to = text;
	for (const char *p = text; *p;) {
		size_t n = strncmp(p, "\xc2\xa0", 2) == 0 ? 2 : strncmp(p, "\xe2\x80\xaf", 3) == 0 ? 3 : 0;
		if (n) {
			french_spaces++;
			*to++ = ' ';
			p += n;
		} else {
			*to++ = *p++;
		}
	}
	*to = '\0';
	return text;
}

static void formats(struct report *r)
{
	char *md = rendered(r, &report_markdown_format);
	ok(md != NULL, "Markdown renders");
	ok(md && strstr(md, "démarche\xe2\x80\xaf? — hors sujet"), "Markdown: a narrow no-break space before ?");
	ok(md && strstr(md, "Date\xc2\xa0: "), "Markdown: a no-break space before :");
	plain(md);
	contains(md, "Une association de *quartier*,\nsur deux lignes.", "Markdown: the answer as written");
	contains(md, "Le bureau", "Markdown: the answer at the end of the file, without a newline");
	contains(md, "1.1.b Dans quel contexte engageons-nous cette démarche ? — hors sujet", "Markdown: the skipped question and its reason");
	ok(md && !strstr(md, "<script>alert"), "Markdown: raw HTML made inert");
	free(md);
	char *html = plain(rendered(r, &report_html_format));
	contains(html, "<p>Une association de <em>quartier</em>,\nsur deux lignes.</p>", "HTML: the answer");
	ok(html && !strstr(html, "<script>alert"), "HTML: no script from the answers");
	contains(html, "</html>\n", "HTML: the whole page");
	ok(french_spaces > 0, "HTML: French spaces (%zu)", french_spaces);
	free(html);
	char *json = rendered(r, &report_json_format);
	ok(json && !strstr(json, "\xe2\x80\xaf") && !strstr(json, "\xc2\xa0"), "JSON: the text as written, no no-break space");
	contains(json, "\"answer\": \"Une association de *quartier*,\\nsur deux lignes.\\n\"", "JSON: the answer");
	contains(json, "\"revision\": null", "JSON: no revision outside git");
	free(json);
	char *odt = plain(rendered(r, &report_odt_format));
	contains(odt, "Une association de ", "ODT: the answer");
	contains(odt, "</office:document>", "ODT: the whole document");
	ok(french_spaces > 0, "ODT: French spaces (%zu)", french_spaces);
	free(odt);
	r->step = "2";
	md = plain(rendered(r, &report_markdown_format));
	ok(md && !strstr(md, "Une association"), "--step 2: step 1's answers are left out");
	free(md);
	r->step = NULL;
}

/* A group with every kind of entry: members, an action in each state (one
 * late), a test phase, reviews, two versions of a member, a row unread. */
static char *roles_awa[] = { "animatrice", "secrétaire" };
static char *roles_bruno[] = { "trésorier" };
static char *who_awa[] = { "Awa Diallo" };
static char *who_bruno[] = { "Bruno <script>" };
static char *for_a1[] = { "1.1", "1.1.a", "9.9" };
static const grille_member members[] = {
	{ "Awa Diallo", roles_awa, 2, "awa@example.org", "", 5 },
	{ "Bruno <script>", roles_bruno, 1, "", "", 6 },
};
static const grille_action actions[] = {
	{ 1, "A1", "Choisir un agenda", who_awa, 1, "2026-11-20", GRILLE_ACTION_DOING, "Nextcloud", "un agenda utilisé",
	  for_a1, 3, "", 5, GRILLE_DECISION_NONE, "" },
	{ 2, "A2", "Former les bénévoles", who_bruno, 1, "2027-01-10", GRILLE_ACTION_TODO, "", "", NULL, 0, "", 6, GRILLE_DECISION_NONE, "" },
	{ 3, "A3", "Écrire la charte", NULL, 0, "2026-10-01", GRILLE_ACTION_DONE, "", "", NULL, 0, "", 7, GRILLE_DECISION_NONE, "" },
	{ 4, "A4", "Acheter un serveur", who_awa, 1, "2026-11-01", GRILLE_ACTION_DROPPED, "", "", NULL, 0, "trop cher", 8, GRILLE_DECISION_NONE, "" },
};
static const grille_event events[] = {
	{ GRILLE_EVENT_TEST_START, "2026-11-15", "", 0, 5 },
	{ GRILLE_EVENT_TEST_END, "2027-02-15", "", 0, 6 },
	{ GRILLE_EVENT_REVIEW, "2026-11-30", "Bilan d'étape", 1, 7 },
	{ GRILLE_EVENT_REVIEW, "2027-01-15", "Bilan <b>", 0, 8 },
};
static size_t conflict_lines[] = { 7, 9 };
static char *conflict_texts[] = { "| Awa Diallo | animatrice | | |", "| Awa Diallo | secrétaire | | |" };
static const grille_entry_conflict conflicts[] = { { "membres.md", "Awa Diallo", 2, conflict_lines, conflict_texts } };
static const char *const problems[] = { "plan.md:12: état inconnu « fini »" };
static const grille_group group = { members, 2, actions, 4, events, 4, "2026-11-15", "2027-02-15", conflicts, 1,
                                    problems, 1, 0 };

/* Two commits: one by a member under another name, one by no member. */
static grille_log_entry entries[] = {
	{ "1111111111111111111111111111111111111111", "2026-11-20 10:00:00 +0100", "Zoé", "zoe@example.org", "Second",
	  NULL, 0, 1, NULL, 0, 1, 10, 0, 0 },
	{ "2222222222222222222222222222222222222222", "2026-11-10 10:00:00 +0100", "Awa D.", "awa@example.org", "Premier",
	  NULL, 0, 0, NULL, 0, 1, 10, 1, 0 },
};
static grille_log log_two = { entries, 2, 0, 0 };

static void shared(struct report *r)
{
	grille_buf b = GRILLE_BUF_INIT;
	report__date_long(&b, "fr", "2027-04-15");
	report__date_short(&b, "fr", "2026-12-01");
	report__date_long(&b, "fr", "2027-02-30");
	is_str(b.ptr, "15 avril 20271 déc.2027-02-30", "dates in words, an impossible one as written");
	grille_buf_clear(&b);
	report__date_long(&b, "en", "2027-04-15");
	report__date_long(&b, "en", "2026-12-01");
	report__date_short(&b, "en", "2026-12-01");
	is_str(b.ptr, "15 April 20271 December 20261 Dec", "in an English workspace, whatever the locale");
	grille_buf_clear(&b);
	report__person(&b, r, "Awa D.", "awa@example.org");
	report__person(&b, r, "Zoé", "zoe@example.org");
	is_str(b.ptr, "Awa Diallo (Awa D.)Zoé", "people by member, the git name when it differs");
	grille_buf_release(&b);
	struct report_calendar c;
	if (!ok(report__calendar(&c, r) == 0, "the calendar's dates"))
		return;
	ok(c.count == 8 && c.marks[0].kind == REPORT_MARK_DEADLINE && strcmp(c.marks[0].date, "2026-10-01") == 0 &&
	   c.marks[7].kind == REPORT_MARK_TEST_END, "in date order, the dropped action's deadline left out");
	ok(c.first < c.marks[0].day && c.last > c.marks[7].day, "the axis spans them all");
	long ticks[12];
	size_t n = report__calendar_ticks(&c, ticks, 12);
	ok(n == 5, "a tick on the first day of each month: %zu", n);
	report__calendar_release(&c);
	char anchor[32];
	ok(report__target(r, "1.1.a", anchor, sizeof(anchor)) && strcmp(anchor, "q-1-1-a") == 0, "a question's anchor");
	ok(report__target(r, "1.1", anchor, sizeof(anchor)) && strcmp(anchor, "i-1-1") == 0, "an answered item's");
	ok(report__target(r, "2.5", anchor, sizeof(anchor)) && strcmp(anchor, "etape-2") == 0, "an item without answer: its step");
	ok(!report__target(r, "9.9", anchor, sizeof(anchor)) && !anchor[0], "an ID the grid does not have");
}

static void group_formats(struct report *r)
{
	char *html = plain(rendered(r, &report_html_format));
	contains(html, "<caption>En cours (1)</caption>", "HTML: the plan by state");
	contains(html, "<td class=\"date late\">20 novembre 2026 (en retard)</td>", "HTML: a late deadline");
	contains(html, "<a href=\"#q-1-1-a\">1.1.a</a> Comment décririons-nous", "HTML: a link to the question answered");
	contains(html, "<a href=\"#i-1-1\">1.1</a>", "HTML: to the item");
	contains(html, "<h3 id=\"i-1-1\">", "HTML: the item's anchor is there");
	contains(html, "<br>9.9</td>", "HTML: an unknown ID as text");
	contains(html, "<td>trop cher</td>", "HTML: why an action was dropped");
	contains(html, "<tr><td>Bruno &lt;script&gt;</td><td>trésorier</td></tr>", "HTML: members escaped");
	ok(html && !strstr(html, "awa@example.org"), "HTML: no member's e-mail");
	contains(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Frise", "HTML: the timeline, accessible");
	contains(html, ">1 déc.</text>", "HTML: an axis label");
	contains(html, "<title>1er décembre 2026 — Aujourd'hui</title>", "HTML: today, with its tooltip");
	contains(html, "<tr><td class=\"date\">30 novembre 2026</td><td>Bilan : Bilan d'étape (fait)</td></tr>", "HTML: the same dates in a table");
	contains(html, "2 versions de « Awa Diallo »", "HTML: the conflict is noted");
	contains(html, "ligne 9 « | Awa Diallo | secrétaire | | | »", "HTML: naming each version");
	contains(html, "plan.md:12: état inconnu", "HTML: and the unread row");
	contains(html, "Awa Diallo (Awa D.)", "HTML: milestones by member");
	contains(html, "Identité sans membre : Zoé", "HTML: the identity that matches no member");
	free(html);
	char *md = plain(rendered(r, &report_markdown_format));
	contains(md, "### En cours (1)", "Markdown: the plan by state");
	contains(md, "| A1 | Choisir un agenda | Awa Diallo | 20 novembre 2026 (en retard) | Nextcloud | un agenda utilisé | "
	             "1.1 Le contexte de notre démarche ; 1.1.a Comment décririons-nous", "Markdown: an action, its IDs and titles");
	contains(md, "| 1er décembre 2026 | Aujourd'hui |", "Markdown: the timeline as a table");
	contains(md, "Phase de test : du 15 novembre 2026 au 15 février 2027.", "Markdown: the test phase");
	ok(md && !strstr(md, "awa@example.org"), "Markdown: no member's e-mail");
	free(md);
	char *odt = plain(rendered(r, &report_odt_format));
	contains(odt, "Les dates du calendrier, dans l'ordre", "ODT: the timeline as a table");
	contains(odt, "Échéance de A1 : Choisir un agenda (en retard)", "ODT: a late deadline");
	contains(odt, "Bruno &lt;script&gt;", "ODT: escaped");
	contains(odt, "2 versions de « Awa Diallo »", "ODT: the conflict is noted");
	ok(odt && !strstr(odt, "awa@example.org"), "ODT: no member's e-mail");
	contains(odt, "</office:document>", "ODT: the whole document");
	free(odt);
	char *json = rendered(r, &report_json_format);
	contains(json, "\"email\": \"awa@example.org\"", "JSON: the member's e-mail");
	contains(json, "\"late\": true", "JSON: a late action");
	contains(json, "\"test_start\": \"2026-11-15\"", "JSON: the test phase");
	contains(json, "\"deadlines\"", "JSON: the deadlines");
	contains(json, "\"key\": \"Awa Diallo\"", "JSON: the conflict");
	contains(json, "\"member\": \"Awa Diallo\"", "JSON: a milestone's member");
	free(json);
}

/* What a question of a data kind will show: one function per format and kind. */
static void data_kinds(struct report *r)
{
	grille_buf b = GRILLE_BUF_INIT;
	report_html__data(&b, r, REPORT_DATA_TEST_PHASE);
	is_str(b.ptr, "<p>Phase de test\xc2\xa0: du 15 novembre 2026 au 15 février 2027.</p>\n", "HTML: the test phase in a sentence");
	grille_buf_clear(&b);
	report_html__data(&b, r, REPORT_DATA_REVIEWS);
	contains(b.ptr, "<td>Bilan &lt;b&gt;</td><td>à venir</td>", "HTML: the reviews, escaped");
	grille_buf_release(&b);
	json_t *plan = report_json__data(r, REPORT_DATA_PLAN);
	ok(json_array_size(plan) == 4, "JSON: the plan's four actions");
	json_decref(plan);
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	report_markdown__data(doc, r, REPORT_DATA_MEMBERS, 5);
	char *md = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	contains(md, "| Awa Diallo | animatrice, secrétaire |", "Markdown: the members");
	free(md);
	cmark_node_free(doc);
}

/* The shared words every format writes: counts in their number, dates and
 * the version in words, an item's mark found once. */
static void wording(void)
{
	grille_step_status st = { 0 };
	st.question_count = 1;
	st.counts[GRILLE_STATE_SKIPPED] = 1;
	grille_buf out = GRILLE_BUF_INIT;
	report__step_counts(&out, "fr", &st);
	is_str(out.ptr, "1 question : 0 répondue, 1 mise de côté.", "one question, one set aside: singulars");
	grille_buf_clear(&out);
	st.question_count = 7;
	st.counts[GRILLE_STATE_ANSWERED] = 2, st.counts[GRILLE_STATE_SKIPPED] = 3, st.counts[GRILLE_STATE_DEFERRED] = 1;
	st.counts[GRILLE_STATE_UNANSWERED] = 1;
	report__step_counts(&out, "fr", &st);
	is_str(out.ptr, "7 questions : 2 répondues, 1 sans réponse, 3 mises de côté, 1 pour plus tard.",
	       "plurals, and no state that holds no question");
	grille_buf_clear(&out);
	report__step_counts(&out, "en", &st);
	is_str(out.ptr, "7 questions: 2 answered, 1 unanswered, 3 skipped, 1 deferred.", "the same in English");
	grille_buf_clear(&out);
	report__date_unbroken(&out, "fr", "2027-04-15");
	is_str(out.ptr, "15\xc2\xa0" "avril\xc2\xa0" "2027", "a date for a narrow cell: no-break spaces");
	grille_buf_clear(&out);
	report__date_unbroken(&out, "fr", "2026-13-01");
	is_str(out.ptr, "2026-13-01", "a date that does not exist is copied as is");
	grille_buf_clear(&out);

	struct report r = { 0 };
	r.language = "fr";
	report__version_text(&out, &r);
	is_str(out.ptr, "pas encore d'historique", "no revision: no history yet");
	grille_buf_clear(&out);
	report__revision_note(&out, &r);
	ok(out.len == 0, "and no small print");
	snprintf(r.revision, sizeof(r.revision), "2dbdf817fcac0123456789abcdef0123456789ab");
	snprintf(r.revision_date, sizeof(r.revision_date), "2026-12-01");
	r.dirty = 1;
	report__version_text(&out, &r);
	is_str(out.ptr, "enregistrée le 1er décembre 2026 (avec des changements pas encore enregistrés)",
	       "the version by its day, and changes not saved");
	grille_buf_clear(&out);
	report__revision_note(&out, &r);
	contains(out.ptr, "2dbdf817fcac.", "its git number in small print, twelve characters");
	grille_buf_clear(&out);
	r.language = "en";
	r.dirty = 0;
	report__version_text(&out, &r);
	is_str(out.ptr, "saved on 1 December 2026", "in English");
	grille_buf_release(&out);

	char reason[] = "plus tard", other[] = "autre";
	grille_question_status qs[3] = { 0 };
	grille_item_status it = { 0 };
	it.questions = qs;
	it.question_count = 3;
	for (size_t i = 0; i < 3; i++)
		qs[i].state = GRILLE_STATE_SKIPPED, qs[i].reason = reason;
	ok(report__item_mark(&it, GRILLE_STATE_SKIPPED) == &qs[0], "three questions, one reason: said once, for the item");
	ok(report__item_mark(&it, GRILLE_STATE_DEFERRED) == NULL, "no question in that state: nothing");
	qs[2].reason = other;
	ok(report__item_mark(&it, GRILLE_STATE_SKIPPED) == NULL, "two reasons: each question says its own");
	qs[2].state = GRILLE_STATE_ANSWERED;
	ok(report__item_mark(&it, GRILLE_STATE_SKIPPED) == &qs[0], "the answered one aside, the others share it");
	qs[1].state = GRILLE_STATE_ANSWERED;
	ok(report__item_mark(&it, GRILLE_STATE_SKIPPED) == NULL, "a single question says its own");
}

int main(void)
{
	grille_init();
	struct grille_workspace ws;
	if (!ok(memory_workspace_open(&ws) == 0, "a workspace in memory: the default grid, settings, a session: %s",
	        grille_error_last()))
		return tap_done();
	size_t count = grille_grid_step_count(ws.grid);
	const char **files = calloc(count, sizeof(*files)), **texts = calloc(count, sizeof(*texts));
	size_t *lens = calloc(count, sizeof(*lens));
	char **contents = calloc(count, sizeof(*contents));
	for (size_t s = 0; files && texts && lens && contents && s < count; s++) {
		files[s] = grille_grid_step(ws.grid, s)->file;
		texts[s] = s == 0 ? step1 : "";
		lens[s] = strlen(texts[s]);
		contents[s] = strdup(texts[s]); /* what report.c would have loaded */
	}
	struct report r = { 0 };
	r.grid = ws.grid;
	r.settings = ws.settings;
	ok(grille_workspace_group(&r.group, &ws) == 0, "the group: no files, no one");
	r.contents = contents;
	r.lengths = lens;
	r.step_count = count;
	snprintf(r.today, sizeof(r.today), "2026-12-01");
	snprintf(r.today_text, sizeof(r.today_text), "1er décembre 2026");
	if (ok(grille_status_from_buffers(&r.status, &ws, files, texts, lens, count, r.today) == 0,
	       "a status from buffers: %s", grille_error_last()))
		formats(&r);
	r.group = &group;
	r.log = &log_two;
	shared(&r);
	if (r.status)
		group_formats(&r);
	data_kinds(&r);
	wording();
	r.log = NULL;
	grille_status_free(r.status);
	for (size_t s = 0; contents && s < count; s++)
		free(contents[s]);
	free(contents);
	free(files);
	free(texts);
	free(lens);
	memory_workspace_close(&ws);
	return tap_done();
}
