/* The report's renderers (lib/report_*.c) format a status and the step texts
 * handed to them, into a buffer: no workspace folder, no git, no file. */
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "grille/workspace.h"
#include "report.h"
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

static void formats(struct report *r)
{
	char *md = rendered(r, &report_markdown_format);
	ok(md != NULL, "Markdown renders");
	contains(md, "Une association de *quartier*,\nsur deux lignes.", "Markdown: the answer as written");
	contains(md, "Le bureau", "Markdown: the answer at the end of the file, without a newline");
	contains(md, "1.1.b Dans quel contexte engageons-nous cette démarche ? — hors sujet", "Markdown: the skipped question and its reason");
	ok(md && !strstr(md, "<script>alert"), "Markdown: raw HTML made inert");
	free(md);
	char *html = rendered(r, &report_html_format);
	contains(html, "<p>Une association de <em>quartier</em>,\nsur deux lignes.</p>", "HTML: the answer");
	ok(html && !strstr(html, "<script>alert"), "HTML: no script from the answers");
	contains(html, "</html>\n", "HTML: the whole page");
	free(html);
	char *json = rendered(r, &report_json_format);
	contains(json, "\"answer\": \"Une association de *quartier*,\\nsur deux lignes.\\n\"", "JSON: the answer");
	contains(json, "\"revision\": null", "JSON: no revision outside git");
	free(json);
	char *odt = rendered(r, &report_odt_format);
	contains(odt, "Une association de ", "ODT: the answer");
	contains(odt, "</office:document>", "ODT: the whole document");
	free(odt);
	r->step = "2";
	md = rendered(r, &report_markdown_format);
	ok(md && !strstr(md, "Une association"), "--step 2: step 1's answers are left out");
	free(md);
	r->step = NULL;
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
	if (ok(grille_status_from_buffers(&r.status, &ws, files, texts, lens, count, r.today) == 0,
	       "a status from buffers: %s", grille_error_last()))
		formats(&r);
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
