/* The scanner on input that is not good text, and on the shape of IDs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "grille/grille.h"
#include "grille/buf.h"
#include "fs.h"
#include "markdown.h"
#include "scan.h"
#include "scan_answer.h"
#include "tap.h"

static void refused(const char *data, size_t len, const char *want, const char *what)
{
	struct scan scan;
	int error = scan__text(&scan, data, len, "etape.md", NULL);
	ok(error == GRILLE_EINVALID, "%s is refused", what);
	contains(grille_error_last(), want, "%s: the message names the place", what);
}

/* The first difference between two scans of the same text, or NULL. */
static const char *differs(const struct scan *a, const struct scan *b)
{
	static char what[256];
	if (a->question_count != b->question_count || a->item_count != b->item_count)
		return "the number of questions or items";
	for (size_t i = 0; i < a->item_count; i++) {
		const struct scan_item *x = &a->items[i], *y = &b->items[i];
		if (strcmp(x->id, y->id) || strcmp(x->title, y->title) || x->line != y->line ||
		    x->end_line != y->end_line || x->mark.kind != y->mark.kind || x->mark.line != y->mark.line ||
		    x->start != y->start || x->heading_to != y->heading_to || x->end != y->end ||
		    x->mark.start != y->mark.start || x->mark.end != y->mark.end) {
			snprintf(what, sizeof(what), "item %s", x->id);
			return what;
		}
	}
	for (size_t i = 0; i < a->question_count; i++) {
		const struct scan_question *x = &a->questions[i], *y = &b->questions[i];
		int same = !strcmp(x->id, y->id) && !strcmp(x->text, y->text) && x->line == y->line &&
		           x->end_line == y->end_line && x->heading_end == y->heading_end &&
		           x->answered == y->answered && x->conflict == y->conflict &&
		           x->mark.kind == y->mark.kind && x->mark.line == y->mark.line &&
		           !strcmp(x->mark.reason ? x->mark.reason : "", y->mark.reason ? y->mark.reason : "") &&
		           x->body_hash == y->body_hash && x->answer_range_count == y->answer_range_count &&
		           x->start == y->start && x->heading_to == y->heading_to && x->end == y->end &&
		           x->mark.start == y->mark.start && x->mark.end == y->mark.end;
		for (size_t r = 0; same && r < x->answer_range_count; r++)
			same = x->answer_lines[r].first == y->answer_lines[r].first &&
			       x->answer_lines[r].last == y->answer_lines[r].last &&
			       x->answer_lines[r].start == y->answer_lines[r].start &&
			       x->answer_lines[r].end == y->answer_lines[r].end;
		if (!same) {
			snprintf(what, sizeof(what), "question %s", x->id);
			return what;
		}
	}
	return NULL;
}

/* Every construct a cut could split: the scan is the same whatever the
 * chunk size, one byte (a cut wherever one is allowed) included. */
static const char cuts[] =
	"# 1 — Par où commençons-nous ?\n\nDes notes.\n\n"
	"## 1.1 Le contexte\n\n**Mis de côté** : plus tard\n\n"
	"### 1.1.a Comment décririons-nous notre collectif en quelques mots ?\n\n"
	"> Sa forme (association, coopérative, équipe, réseau de bénévoles), ses missions,\n"
	"> le nombre de personnes salariées ou bénévoles, leur éloignement géographique.\n\n"
	"```\ncode\n\n# pas un titre\n\nfin\n```\n\n"
	"<pre>\n\n# pas un titre non plus\n\n</pre>\n\n"
	"<div>\n# dans le div\n</div>\n\n"
	"- a\n\n- b\n\n1. un\n\n2. deux\n\n"
	"| a | b |\n|---|---|\n|   |   |\n\n"
	"Texte [lien][ref]\n\n[ref]: https://exemple.org\n\n"
	"### 1.1.b Dans quel contexte engageons-nous cette démarche ?\n\n"
	"    du code indenté\n\n    encore\n\nSouligné\n--------\n\n"
	"### 1.1.c Qu'est-ce qui fait que cette démarche arrive maintenant ?\n\n"
	"<!-- commentaire\n\n# titre dans le commentaire\n\n-->\n\n"
	"> une citation\nparesseuse\n\n- [ ] \n\n- [ ] \n\n"
	"### 4.1.c Quels critères comptent le plus pour choisir nos outils ?\n\n"
	"- [ ] Licence libre\n\n- [ ] Accessibilité\n\n"
	"### 4.1.d Un ajout\n\n<script>\n\nx\n\n</script>\n\n"
	"**À explorer plus tard** (2027-01-01)\n\n"
	"### 4.1.e Sans fin\n\n```\nune clôture jamais fermée\n\n# a\n\nb\n";

/* Paragraphs of many lines and no blank line: cut inside, where it is safe. */
static const char paragraphs[] =
	"### 1.1.a Comment décririons-nous notre collectif en quelques mots ?\n\n"
	"Une ligne\nune autre ligne\nÉcrite avec un accent\nencore une\n\n"
	"**Mis de côté** : pas une marque en entier\nsuite du paragraphe\nsuite encore\nfin\n\n"
	"\xc2\xa0<!--\ncommentaire\nsur plusieurs\nlignes\n-->\n\n"
	"un titre souligné\nsur plusieurs lignes\nqui finit\npar des tirets\n---\n\n"
	"### 1.1.b Dans quel contexte engageons-nous cette démarche ?\n\n"
	"une table\nvient\nensuite\n| a | b |\n|---|---|\n| c | d |\n\n"
	"un `code\nsur deux` lignes et un [lien\ncoupé](https://exemple.org)\nfin\n\n"
	"### 1.1.c Qu'est-ce qui fait que cette démarche arrive maintenant ?\n\n"
	"\xc2\xa0\nrien\nque\ndes\nlignes\n\n"
	"### 1.1.d Une question sans réponse\n\n\xc2\xa0\n";

static void same_scans(const grille_grid *grid, const char *sample, const char *name, const char *answered,
                       const char *unanswered)
{
	struct scan whole, cut;
	if (!ok(scan__chunked(&whole, sample, strlen(sample), "x.md", grid, 1, strlen(sample) + 1) == 0 &&
	        whole.parse_count == 1, "%s: scans in one chunk", name))
		return;
	const struct scan_question *q = scan__question(&whole, answered);
	ok(q && q->answered, "%s: %s is answered", name, answered);
	q = scan__question(&whole, unanswered);
	ok(q && !q->answered, "%s: %s is not", name, unanswered);
	for (size_t size = 1; size <= 512; size = size * 2 + 1) {
		if (!ok(scan__chunked(&cut, sample, strlen(sample), "x.md", grid, 1, size) == 0,
		        "%s: chunks of %zu bytes", name, size))
			continue;
		const char *diff = differs(&whole, &cut);
		ok(!diff, "%s: chunks of %zu bytes (%zu parses) scan the same: %s", name, size, cut.parse_count,
		   diff ? diff : "same");
		if (size == 1)
			ok(cut.parse_count > 15, "%s: one-byte chunks cut it often (%zu parses)", name, cut.parse_count);
		scan__release(&cut);
	}
	scan__release(&whole);
}

static void chunk_sizes(const grille_grid *grid)
{
	same_scans(grid, cuts, "blocks", "1.1.a", "4.1.c");
	same_scans(grid, paragraphs, "paragraphs", "1.1.b", "1.1.d");
}

/* A block that never closes, then many lines a chunk could end before: each
 * retry must not parse again from the chunk's start one line further
 * (quadratic), but take a chunk twice as long. Counted in bytes parsed,
 * never in time. */
static size_t parsed(const char *opening, const char *line, size_t count, size_t chunk)
{
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, "### 1.1.a Q\n\n");
	grille_buf_puts(&text, opening);
	for (size_t i = 0; i < count; i++)
		grille_buf_puts(&text, line);
	char name[8];
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(opening, "\n"), opening);
	struct scan scan;
	size_t bytes = 0;
	if (scan__chunked(&scan, text.ptr, text.len, "x.md", NULL, 0, chunk) == 0) {
		bytes = scan.parsed_bytes;
		int comment = strncmp(opening, "<!--", 4) == 0; /* an unclosed comment hides the rest */
		ok(scan.question_count == 1 && scan.questions[0].answered == !comment,
		   "the scan of %zu lines after %s finds %s", count, name, comment ? "no answer" : "the answer");
		ok(bytes <= 4 * text.len, "%zu lines after %s: %zu bytes parsed for %zu (at most 4 times)",
		   count, name, bytes, text.len);
		scan__release(&scan);
	}
	grille_buf_release(&text);
	return bytes;
}

static void linear(void)
{
	static const struct { const char *opening, *line; } cases[] = {
		{ "```\n", "# a\n" }, { "<div>\n", "# a\n" }, { "<pre>\n", "# a\n" },
		{ "```\n", "\nb\n" }, { "<!--\n", "\n# a\n" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t small = parsed(cases[i].opening, cases[i].line, 2000, 64);
		size_t large = parsed(cases[i].opening, cases[i].line, 8000, 64);
		ok(small && large <= 5 * small, "4 times the lines, at most 5 times the work (%zu, then %zu bytes)",
		   small, large);
	}
	/* The issue's case, at the default chunk size: 280 KB after an unclosed fence. */
	parsed("```\n", "# a\n", 70000, 0);
}

/* A file without headings is cut too: memory follows the chunk, not the file. */
static void no_headings(void)
{
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, "### 1.1.a Q\n\n");
	for (int i = 0; i < 3000; i++)
		grille_buf_puts(&text, "Un paragraphe de compte rendu,\nsur deux lignes.\n\n");
	struct scan scan;
	if (ok(scan__chunked(&scan, text.ptr, text.len, "x.md", NULL, 1, 4096) == 0,
	       "a long answer without headings scans")) {
		ok(scan.parse_count >= text.len / 4096, "it is cut into %zu chunks of about 4 KB", scan.parse_count);
		ok(scan.parsed_bytes == text.len, "each byte parsed once");
		ok(scan.questions[0].answered && scan.questions[0].answer_range_count == 3000 &&
		   scan.questions[0].end_line == 1 + 3 * 3000 + 1, "the answer is whole: 3000 paragraphs");
		scan__release(&scan);
	}
	/* One paragraph of 3000 lines, no blank line: cut inside it. */
	text.len = 0;
	grille_buf_puts(&text, "### 1.1.a Q\n\n");
	for (int i = 0; i < 3000; i++)
		grille_buf_puts(&text, "Une ligne de compte rendu sans ligne vide.\n");
	if (ok(scan__chunked(&scan, text.ptr, text.len, "x.md", NULL, 1, 4096) == 0,
	       "one long paragraph scans")) {
		ok(scan.parse_count >= text.len / 4096 / 2, "it is cut into %zu chunks", scan.parse_count);
		ok(scan.parsed_bytes <= 2 * text.len, "%zu bytes parsed for %zu", scan.parsed_bytes, text.len);
		ok(scan.questions[0].answered && scan.questions[0].answer_range_count == 1 &&
		   scan.questions[0].answer_lines[0].first == 3 && scan.questions[0].answer_lines[0].last == 3002,
		   "the answer is one range, lines 3 to 3002");
		scan__release(&scan);
	}
	grille_buf_release(&text);
}

/* Whether line `first` of `text` starts at byte `start`. */
static int starts_at(const char *text, size_t first, size_t start)
{
	size_t line = 1;
	for (size_t i = 0; i < start; i++)
		line += text[i] == '\n';
	return line == first && (start == 0 || text[start - 1] == '\n');
}

/* At the default chunk size (256 KiB, lib/scan.c's CHUNK_BYTES), something
 * that straddles the cut: a heading, then a paragraph of the answer. The scan
 * is the one of the whole file, lines and bytes. */
static void straddles(const char *what, const char *across, size_t before)
{
	const size_t boundary = 256 * 1024;
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, "### 1.1.a Q\n\n");
	while (text.len + 1000 < boundary - before) { /* long paragraphs: a few hundred blocks, not thousands */
		for (int i = 0; i < 30; i++)
			grille_buf_puts(&text, "Un paragraphe de compte rendu. ");
		grille_buf_puts(&text, "\n\n");
	}
	while (text.len < boundary - before)
		grille_buf_puts(&text, "x");
	grille_buf_puts(&text, "\n\n");
	size_t at = text.len; /* `across` starts a few bytes before the boundary */
	grille_buf_puts(&text, across);
	grille_buf_puts(&text, "\n\nLa suite.\n\n### 1.1.c Fin\n\nDernière réponse");
	struct scan whole, cut;
	if (ok(scan__chunked(&whole, text.ptr, text.len, "x.md", NULL, 1, text.len + 1) == 0 &&
	       scan__chunked(&cut, text.ptr, text.len, "x.md", NULL, 1, 0) == 0, "%s: both scans", what)) {
		ok(at < boundary && at + strlen(across) > boundary, "%s: it straddles byte %zu", what, boundary);
		ok(cut.parse_count >= 2, "%s: the file is parsed in %zu chunks", what, cut.parse_count);
		const char *diff = differs(&whole, &cut);
		ok(!diff, "%s: the same scan as in one chunk: %s", what, diff ? diff : "same");
		const struct scan_question *last = scan__question(&cut, "1.1.c");
		ok(last && last->answer_range_count == 1 && last->answer_lines[0].end == text.len &&
		   starts_at(text.ptr, last->answer_lines[0].first, last->answer_lines[0].start),
		   "%s: the last answer's bytes reach the end of the file", what);
		for (size_t q = 0; q < cut.question_count; q++)
			ok(starts_at(text.ptr, cut.questions[q].line, cut.questions[q].start) &&
			   (cut.questions[q].end == text.len || starts_at(text.ptr, cut.questions[q].end_line + 1, cut.questions[q].end)),
			   "%s: %s's bytes are its lines'", what, cut.questions[q].id);
		scan__release(&cut);
	}
	scan__release(&whole);
	grille_buf_release(&text);
}

/* `text` as XML, parsed as markdown__parse() does, or with the registered
 * autolink extension whatever the text holds (the reference). */
static char *tree_of(const char *text, int reference)
{
	cmark_node *doc = NULL;
	if (reference) {
		cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
		static const char *const names[] = { "table", "tasklist", "strikethrough", "autolink", "tagfilter" };
		for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
			cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
		cmark_parser_feed(parser, text, strlen(text));
		doc = cmark_parser_finish(parser);
		cmark_parser_free(parser);
	} else {
		doc = markdown__parse(text, strlen(text));
	}
	char *xml = doc ? cmark_render_xml(doc, CMARK_OPT_SOURCEPOS) : NULL;
	cmark_node_free(doc);
	return xml;
}

/* A text with no "@" and no "&" is parsed without the autolink extension's
 * walk for e-mail addresses: the tree is the same, URLs and all. */
static void check_autolinks(void)
{
	static const char *const texts[] = {
		"Voir www.exemple.org et https://exemple.org/a_b_c puis ftp://x.org.",
		"_www.x_y_z.com_ et *http://a.b/c_d_e*, (www.exemple.org).",
		"# Titre www.site_x_.fr\n\n| a | b |\n|---|---|\n| https://t.fr | www.u.fr |\n",
		"- [x] fait https://a.fr\n- [ ] www.b.fr/chemin?x=1\n\n~~barré www.c.fr~~",
		"mailto:personne et xmpp:quelqu'un, a:b, w w w.pas.un.lien",
		"écrire à contact@exemple.org", "contact&#64;exemple.org", "<b>www.x.fr</b> &amp; www.y.fr",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++) {
		char *got = tree_of(texts[i], 0), *want = tree_of(texts[i], 1);
		ok(got && want && strcmp(got, want) == 0, "text %zu: the tree the autolink extension makes", i);
		free(got);
		free(want);
	}
	char *mail = tree_of("écrire à contact@exemple.org", 0), *entity = tree_of("contact&#64;exemple.org", 0);
	ok(mail && strstr(mail, "mailto:contact@exemple.org"), "an e-mail address is a link");
	ok(entity && strstr(entity, "mailto:contact@exemple.org"), "written with an entity too");
	free(mail);
	free(entity);
}

/* The arena the scan parses its chunks in (lib/markdown.c): sixteen at
 * once, each its own, trees of small pieces and of big ones (a code block of
 * 300 KB grows its buffer past the size pieces are malloc()ed at), reset
 * between chunks. */
static void arena(void)
{
	struct markdown_arena *a = markdown__arena_new();
	if (!ok(a != NULL, "an arena"))
		return;
	struct markdown_arena *more[16];
	size_t taken = 0;
	while (taken < 16 && (more[taken] = markdown__arena_new()))
		taken++;
	ok(taken == 15, "sixteen arenas at once, no more (%zu more than the first)", taken);
	/* Two trees in two arenas on one thread: resetting one leaves the other whole. */
	const char *first = "# Un\n\nTexte *du premier*.\n", *second = "# Deux\n\n- une liste\n";
	cmark_node *one = markdown__parse_in(a, first, strlen(first));
	cmark_node *two = taken ? markdown__parse_in(more[0], second, strlen(second)) : NULL;
	if (taken)
		markdown__arena_reset(more[0]);
	grille_buf words = GRILLE_BUF_INIT;
	if (one)
		markdown__text(&words, one);
	markdown__normalize(&words);
	is_str(words.ptr, "Un Texte du premier.", "a tree stays whole when another arena is reset");
	ok(two != NULL, "the other arena parsed its own");
	grille_buf_release(&words);
	markdown__arena_reset(a);
	for (size_t i = 0; i < taken; i++)
		markdown__arena_free(more[i]);
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_puts(&text, "# Titre\n\n```\n");
	for (size_t i = 0; i < 10000; i++)
		grille_buf_puts(&text, "une ligne de code, trente octets\n");
	grille_buf_puts(&text, "```\n\n- [x] fait\n- [ ] à faire\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
	for (int round = 0; round < 3; round++) {
		cmark_node *doc = markdown__parse_in(a, text.ptr, text.len);
		cmark_node *code = doc ? cmark_node_next(cmark_node_first_child(doc)) : NULL;
		const char *literal = code ? cmark_node_get_literal(code) : NULL;
		ok(literal && strlen(literal) == 10000 * 33 && strncmp(literal, "une ligne", 9) == 0,
		   "round %d: a code block of %zu bytes read whole", round, literal ? strlen(literal) : 0);
		cmark_node *list = code ? cmark_node_next(code) : NULL;
		ok(list && cmark_node_get_type(list) == CMARK_NODE_LIST && cmark_node_next(list) &&
		   strcmp(cmark_node_get_type_string(cmark_node_next(list)), "table") == 0,
		   "round %d: then a task list and a table", round);
		markdown__arena_reset(a);
	}
	markdown__arena_free(a);
	a = markdown__arena_new();
	ok(a != NULL, "a new arena once the last is freed");
	markdown__arena_free(a);
	grille_buf_release(&text);
}

/* A file scanned from its mapping (as status reads step files from FS_MAP_FROM
 * bytes) or from its copy (under) scans as its text does, pages given back as it
 * goes; an empty file, a missing one. */
static void mapped(const grille_grid *grid)
{
	char dir[] = "/tmp/test-scan-XXXXXX";
	if (!ok(mkdtemp(dir) != NULL, "a temporary folder"))
		return;
	char *path = fs__join(dir, "etape.md");
	grille_buf text = GRILLE_BUF_INIT;
	for (size_t i = 0; i < 30000; i++)
		grille_buf_printf(&text, "### 1.%zu.a Question\n\nRéponse %zu, sur\ndeux lignes.\n\n", i % 9 + 1, i);
	FILE *f = fopen(path, "w");
	ok(f && fwrite(text.ptr, 1, text.len, f) == text.len && fclose(f) == 0, "a step file of %zu bytes", text.len);
	struct fs_map map;
	struct scan from_file, from_text;
	if (ok(fs__map(&map, path) == 0 && map.len == text.len, "opened") &&
	    ok(!map.addr && map.copy, "under FS_MAP_FROM bytes, read rather than mapped (no SIGBUS if cut short)") &&
	    ok(scan__file(&from_file, &map, "etape.md", grid) == 0 &&
	       scan__text(&from_text, text.ptr, text.len, "etape.md", grid) == 0, "scanned both ways")) {
		const char *diff = differs(&from_file, &from_text);
		ok(!diff && from_file.parse_count > 4, "the mapping scans as the text, in %zu chunks: %s",
		   from_file.parse_count, diff ? diff : "same");
		scan__release(&from_file);
		scan__release(&from_text);
	}
	fs__unmap(&map);
	/* Past 4 MiB, where the passes give back pages and search by steps: lone
	 * carriage returns on both sides of a step, a conflict further down. */
	text.len = 0;
	grille_buf_puts(&text, "### 1.1.a Question\n\n");
	while (text.len < ((size_t)9 << 20))
		grille_buf_puts(&text, "Une ligne de réponse assez longue, sans retour chariot.\n\n");
	text.ptr[((size_t)4 << 20) - 1] = '\r';
	text.ptr[((size_t)4 << 20) + 7] = '\r';
	grille_buf_puts(&text, "### 1.1.b Seconde\n\n<<<<<<< HEAD\nA\n=======\nB\n>>>>>>> autre\n");
	f = fopen(path, "w");
	ok(f && fwrite(text.ptr, 1, text.len, f) == text.len && fclose(f) == 0, "a step file of %zu bytes", text.len);
	if (ok(fs__map(&map, path) == 0 && map.len == text.len && map.addr && !map.copy, "from FS_MAP_FROM bytes, mapped") &&
	    ok(scan__file(&from_file, &map, "etape.md", grid) == 0 &&
	       scan__text(&from_text, text.ptr, text.len, "etape.md", grid) == 0, "scanned both ways")) {
		const char *diff = differs(&from_file, &from_text);
		ok(!diff && from_file.conflict_count == 1 && from_file.question_count == 2 &&
		   from_file.questions[1].conflict, "past 4 MiB too: %s", diff ? diff : "same");
		scan__release(&from_file);
		scan__release(&from_text);
	}
	fs__unmap(&map);
	f = fopen(path, "w");
	ok(f && fclose(f) == 0 && fs__map(&map, path) == 0 && map.len == 0 && map.data && !map.addr, "an empty file maps to \"\"");
	ok(scan__file(&from_file, &map, "etape.md", grid) == 0 && from_file.question_count == 0, "and scans to nothing");
	scan__release(&from_file);
	fs__unmap(&map);
	unlink(path);
	ok(fs__map(&map, path) == GRILLE_ENOTFOUND && !map.addr, "a missing file: not found");
	ok(fs__map(&map, dir) == GRILLE_EIO, "a folder is refused");
	rmdir(dir);
	free(path);
	grille_buf_release(&text);
}

/* Conflict markers are looked for one byte in seven (find_conflicts()): a
 * marker line is found wherever it starts, and nothing else is taken for one. */
static void conflicts_anywhere(void)
{
	int found = 1;
	for (size_t pad = 0; pad < 15; pad++) {
		char text[256];
		snprintf(text, sizeof(text), "### 1.1.a Q\n%.*s\n<<<<<<< ours\nA\n=======\nB\n>>>>>>> theirs\n"
		         "### 1.1.b R\n\nok\n", (int)pad, "xxxxxxxxxxxxxxxxxxxx");
		struct scan scan;
		found &= scan__text(&scan, text, strlen(text), "etape.md", NULL) == 0 && scan.conflict_count == 1 &&
		         scan.question_count == 2 && scan.questions[0].conflict && !scan.questions[1].conflict;
		scan__release(&scan);
	}
	ok(found, "a conflict is found whatever the byte its markers start at");
	const char *not_markers[] = {
		"### 1.1.a Q\n<<<<<<<< ours\nA\n>>>>>>>> theirs\n",  /* eight */
		"### 1.1.a Q\n <<<<<<< ours\nA\n >>>>>>> theirs\n",  /* indented */
		"### 1.1.a Q\nx<<<<<<< ours\nA\nxx>>>>>>> theirs\n", /* inside a line */
		"### 1.1.a Q\n<<<<<<<ours\nA\n>>>>>>>theirs\n",      /* no space */
	};
	for (size_t i = 0; i < sizeof(not_markers) / sizeof(*not_markers); i++) {
		struct scan scan;
		ok(scan__text(&scan, not_markers[i], strlen(not_markers[i]), "etape.md", NULL) == 0 &&
		   scan.conflict_count == 0 && !scan.questions[0].conflict, "not a conflict: %zu", i);
		scan__release(&scan);
	}
	/* Open to the end of a file without a final newline: up to its last line. */
	const char open[] = "### 1.1.a Q\n\nok\n\n### 1.1.b R\n<<<<<<< ours\nA";
	struct scan scan;
	ok(scan__text(&scan, open, strlen(open), "etape.md", NULL) == 0 && scan.conflict_count == 1 &&
	   !scan.questions[0].conflict && scan.questions[1].conflict, "a conflict left open at the end");
	scan__release(&scan);
	const char at_start[] = "<<<<<<< ours\n### 1.1.a Q\n=======\n### 1.1.a Q\n\nB\n>>>>>>> theirs\n";
	ok(scan__text(&scan, at_start, strlen(at_start), "etape.md", NULL) == 0 && scan.conflict_count == 1,
	   "a marker on the first byte");
	scan__release(&scan);
}

/* What cmark makes of `markdown`, flattened and normalized: the template
 * text as scan__template_text() made it before its path for plain prose. */
static char *template_by_cmark(const char *markdown)
{
	cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
	grille_buf text = GRILLE_BUF_INIT;
	markdown__text(&text, doc);
	markdown__normalize(&text);
	cmark_node_free(doc);
	return grille_buf_detach(&text);
}

/* The guidance of a question, as text: the same with or without cmark, for
 * prose and for every piece of syntax, at the start of a line or inside one. */
static void check_template_text(void)
{
	static const char *const samples[] = {
		"", "Numérique réunion courriel outil accueil.", "Deux lignes\net la suite.", "Fin avec espaces  \nligne",
		"Paragraphe\n\nSecond paragraphe.", "Qui décide ? Comment : « ensemble » !", "\tretrait", "    code",
		"1. une liste", "2) une liste", "1990. Une année", "- tiret", "+ plus", "* étoile", "> citation", "# titre",
		"Titre\n===", "Titre\n---", "***", "un *mot* en italique", "un _mot_", "un `code`", "un [lien](http://x)",
		"&amp; entité", "a\\*b", "<b>html</b>", "~~barré~~", "| a | b |", "ligne\rretour", "a & b", "x!y", "a: b",
		"   trois espaces", "ligne\n- liste", "ligne\n12. suite", "ligne\n\n    code",
	};
	for (size_t i = 0; i < sizeof(samples) / sizeof(*samples); i++) {
		char *got = scan__template_text(samples[i]), *want = template_by_cmark(samples[i]);
		is_str(got, want, "template text of sample %zu", i);
		free(got);
		free(want);
	}
	/* Random text from letters, spaces, line breaks and every sign cmark reads. */
	static const char alphabet[] = "ab é.,:;!?()0123456789 \n\t-+=#>*_`[]<>&~|\\";
	char text[64];
	size_t wrong = 0;
	srand(7);
	for (int round = 0; round < 5000; round++) {
		size_t len = (size_t)(rand() % 40);
		for (size_t i = 0; i < len; i++) {
			char c = alphabet[rand() % (sizeof(alphabet) - 1)];
			text[i] = (c & 0x80) ? 'e' : c; /* a byte of é alone is not UTF-8 */
		}
		text[len] = '\0';
		char *got = scan__template_text(text), *want = template_by_cmark(text);
		wrong += strcmp(got ? got : "(null)", want ? want : "(null)") != 0;
		free(got);
		free(want);
	}
	ok(wrong == 0, "random text: %zu of 5000 different", wrong);
	ok(scan__template_text(NULL) == NULL, "no guidance: NULL");
}

/* The note of a question the grid no longer has, however its first words are written. */
static void retired(const char *quote, int want, const char *what)
{
	grille_buf text = GRILLE_BUF_INIT;
	grille_buf_printf(&text, "### 1.1.a Question\n\n%s\n", quote);
	struct scan scan;
	int error = scan__text(&scan, text.ptr, text.len, "etape.md", NULL);
	ok(!error && scan.question_count == 1 && scan.questions[0].retired == want, "%s: %s", what,
	   want ? "retired" : "not retired");
	if (!error)
		scan__release(&scan);
	grille_buf_release(&text);
}

static void check_retired_notes(void)
{
	const char *note = "n'est plus dans la grille (version 2) : elle reste ici avec sa réponse.";
	char quote[256];
	snprintf(quote, sizeof(quote), "> Cette question %s", note);
	retired(quote, 1, "the note");
	snprintf(quote, sizeof(quote), ">   *Cette* question %s", note);
	retired(quote, 1, "its first word in italics");
	snprintf(quote, sizeof(quote), "> `Cette` question %s", note);
	retired(quote, 1, "its first word as code");
	snprintf(quote, sizeof(quote), "> Ce\\tte question %s", note);
	retired(quote, 0, "another first word");
	retired("> Une citation du groupe.", 0, "a quote of the group's");
	retired("> Cet avis est le nôtre.", 0, "a quote that starts as the note does");
}

int main(void)
{
	grille_init();
	check_template_text();
	check_autolinks();
	check_retired_notes();
	refused("### 1.1.a Q\n\nab\0c\n", 17, "etape.md:3:3: le fichier contient un octet nul", "a NUL byte");
	refused("### 1.1.a Q\n\ncaf\xe9 cr\xe8me\n", 23, "etape.md:3:4: le texte n'est pas en UTF-8 valide", "Latin-1 text");
	refused("\xff\xfe#\0", 4, "etape.md:1:1:", "UTF-16");
	refused("### 1.1.a Q\n\xc3", 13, "etape.md:2:1:", "a cut multibyte sequence");
	/* The check is made chunk by chunk: the place is still counted from the file's start. */
	const char late[] = "# É\n\ncafé\n\nun paragraphe\n\n### 1.1.a Q\n\ncr\xe8me\n";
	struct scan cut;
	ok(scan__chunked(&cut, late, strlen(late), "etape.md", NULL, 0, 4) == GRILLE_EINVALID,
	   "a bad byte in a later chunk is refused");
	contains(grille_error_last(), "etape.md:9:3: le texte n'est pas en UTF-8", "and named from the file's start");

	struct scan scan;
	ok(scan__text(&scan, "", 0, "vide.md", NULL) == 0 && scan.question_count == 0, "an empty file scans to nothing");
	scan__release(&scan);
	const char text[] = "### 1.1.a Sans fin de ligne";
	ok(scan__text(&scan, text, strlen(text), "x.md", NULL) == 0 && scan.question_count == 1 &&
	   scan.questions[0].line == 1 && scan.questions[0].end_line == 1, "a file without a final newline");
	scan__release(&scan);

	conflicts_anywhere();
	straddles("a heading", "### 1.1.b Une question à cheval sur la coupe", 10);
	straddles("a paragraph", "Une réponse\nsur deux lignes\nà cheval sur la coupe", 20);

	ok(scan__id_depth("2") == 0 && scan__id_depth("2.6") == 1 && scan__id_depth("2.6.a") == 2,
	   "IDs of steps, items and questions");
	ok(scan__id_depth("2.6.A") < 0 && scan__id_depth("a.1") < 0 && scan__id_depth("2..a") < 0 &&
	   scan__id_depth("2.6.a.b") < 0 && scan__id_depth("") < 0 && scan__id_depth("2.") < 0,
	   "what is not an ID");
	char *parent = scan__parent_id("2.6.a");
	is_str(parent, "2.6", "a question's item");
	free(parent);

	grille_grid *grid = NULL;
	if (ok(grille_grid_load_default(&grid) == 0, "load the default grid")) {
		chunk_sizes(grid);
		mapped(grid);
	}
	grille_grid_free(grid);
	linear();
	no_headings();
	arena();
	grille_shutdown();
	return tap_done();
}
