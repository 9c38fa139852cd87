#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "grille/grille.h"
#include "cmd.h"

#define RED "\033[31m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

static int help(void)
{
	printf("%s", _("Usage : grille diff [DEPUIS [JUSQU'À]] [--stat | --json]\n"
	               "\n"
	               "Ce qui a changé, question par question, entre deux points de l'historique :\n"
	               "réponse ajoutée, modifiée, retirée, question mise de côté, gardée pour plus\n"
	               "tard, rouverte, en conflit, question ajoutée ou retirée des fichiers ; sous\n"
	               "chaque réponse, son texte, mot à mot : [-retiré-]{+ajouté+} (en couleur sur\n"
	               "un terminal). Sans argument : du dernier jalon à l'espace de travail tel\n"
	               "qu'il est. Un point, c'est un numéro de commit, un jalon nommé (etape-3,\n"
	               "lancement…) ou HEAD.\n"
	               "\n"
	               "Options :\n"
	               "  --stat      une ligne par question, sans les textes, et le compte\n"
	               "  --json      la même chose en JSON, avec les textes (format décrit dans\n"
	               "              grille-diff(1))\n"
	               "  -h, --help  afficher cette aide\n"));
	return finish_output(EXIT_OK);
}

static const char *describe(grille_change_kind kind, const char **sign)
{
	switch (kind) {
	case GRILLE_CHANGE_ADDED: *sign = "+"; return _("réponse ajoutée");
	case GRILLE_CHANGE_CHANGED: *sign = "~"; return _("réponse modifiée");
	case GRILLE_CHANGE_REMOVED: *sign = "-"; return _("réponse retirée");
	case GRILLE_CHANGE_SKIPPED: *sign = "»"; return _("mise de côté");
	case GRILLE_CHANGE_DEFERRED: *sign = "…"; return _("gardée pour plus tard");
	case GRILLE_CHANGE_REOPENED: *sign = "↺"; return _("rouverte");
	default: *sign = "!"; return _("en conflit");
	}
}

/* Text printed under a question: indented, each line made visible(), the
 * colour (or the marks) of a run opened again on each line it spans. */
struct pen {
	int colour;
	int line_start;   /* nothing printed yet on this line */
	const char *ink;  /* the colour of the current run, or NULL */
};

static const char INDENT[] = "    ";

static void pen_open(struct pen *pen)
{
	if (pen->line_start) {
		fputs(INDENT, stdout);
		pen->line_start = 0;
	}
	if (pen->ink && pen->colour)
		fputs(pen->ink, stdout);
}

/* `len` bytes of `text`: lines ended one by one, CR of CRLF left out. */
static void pen_write(struct pen *pen, const char *text, size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t line = nl ? (size_t)(nl - text) : len;
		size_t shown = line && nl && text[line - 1] == '\r' ? line - 1 : line;
		if (shown) {
			pen_open(pen);
			char *piece = strndup(text, shown);
			fputs(visible(piece ? piece : ""), stdout);
			free(piece);
			if (pen->ink && pen->colour)
				fputs(RESET, stdout);
		}
		if (nl) {
			putchar('\n');
			pen->line_start = 1;
			line++;
		}
		text += line;
		len -= line;
	}
}

static void pen_run(struct pen *pen, const char *ink, const char *open, const char *close, const char *text,
                    size_t len)
{
	pen->ink = ink;
	if (!pen->colour)
		pen_write(pen, open, strlen(open));
	pen_write(pen, text, len);
	if (!pen->colour)
		pen_write(pen, close, strlen(close));
	pen->ink = NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static size_t leading_space(const char *text, size_t len)
{
	size_t n = 0;
	while (n < len && is_space(text[n]))
		n++;
	return n;
}

static size_t without_trailing_space(const char *text, size_t len)
{
	while (len && is_space(text[len - 1]))
		len--;
	return len;
}

/* A whole text under a question (an answer added or removed). */
static void print_text(int colour, const char *ink, const char *text)
{
	struct pen pen = { colour, 1, NULL };
	size_t len = strlen(text);
	len = without_trailing_space(text, len);
	size_t start = leading_space(text, len);
	pen.ink = ink;
	pen_write(&pen, text + start, len - start);
	putchar('\n');
}

/* Where the text after its `n`th line feed starts (0: its start). */
static size_t after_line(const char *text, size_t len, size_t n)
{
	size_t i = 0;
	for (; n && i < len; i++)
		n -= text[i] == '\n';
	return i;
}

/* Unchanged text between changes: the rest of the line of the change before
 * and CONTEXT lines, "…" for what lies beyond, CONTEXT lines before the next
 * change; the text's start (`first`) and end (`last`) only on one side. */
static void print_same(struct pen *pen, const char *text, size_t len, int first, int last)
{
	enum { CONTEXT = 3 };
	size_t lines = 0;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	size_t head = first ? 0 : CONTEXT + 1, tail = last ? 0 : CONTEXT;
	if (lines < head + tail + 2) { /* hiding fewer than two lines hides nothing */
		pen_write(pen, text, len);
		return;
	}
	size_t head_end = after_line(text, len, head);
	pen_write(pen, text, head_end);
	pen_write(pen, "…\n", strlen("…\n"));
	if (!last) {
		size_t tail_start = after_line(text, len, lines - tail);
		pen_write(pen, text + tail_start, len - tail_start);
	}
}

/* Before and after, word by word: [-removed-]{+added+}, or in colour. */
static int print_word_diff(int colour, const char *before, const char *after)
{
	grille_word_diff words;
	if (grille_word_diff_make(&words, before, strlen(before), after, strlen(after), 0) < 0) {
		grille_word_diff_release(&words);
		return -1;
	}
	int changed = 0;
	for (size_t i = 0; i < words.count; i++)
		changed |= words.runs[i].kind != GRILLE_WORDS_SAME;
	if (!changed) {
		printf("%s%s\n", INDENT, _("(les mots sont les mêmes : seule la mise en forme a changé)"));
		grille_word_diff_release(&words);
		return 0;
	}
	struct pen pen = { colour, 1, NULL };
	for (size_t i = 0; i < words.count; i++) {
		const grille_word_run *run = &words.runs[i];
		const char *text = (run->kind == GRILLE_WORDS_REMOVED ? before : after) + run->start;
		size_t len = run->end - run->start;
		if (i == 0 || i + 1 == words.count) { /* no blank lines around the text */
			size_t space = i == 0 ? leading_space(text, len) : 0;
			text += space;
			len -= space;
			if (i + 1 == words.count)
				len = without_trailing_space(text, len);
		}
		size_t space = leading_space(text, len);
		/* Added words right after removed ones take their place: no space between. */
		if (run->kind == GRILLE_WORDS_ADDED && i && words.runs[i - 1].kind == GRILLE_WORDS_REMOVED &&
		    !memchr(text, '\n', space))
			text += space, len -= space, space = 0;
		switch (run->kind) {
		case GRILLE_WORDS_SAME:
			print_same(&pen, text, len, i == 0, i + 1 == words.count);
			break;
		case GRILLE_WORDS_REMOVED:
			pen_write(&pen, text, space);
			pen_run(&pen, RED, "[-", "-]", text + space, len - space);
			break;
		case GRILLE_WORDS_ADDED:
			pen_write(&pen, text, space);
			pen_run(&pen, GREEN, "{+", "+}", text + space, len - space);
			break;
		}
	}
	if (!pen.line_start)
		putchar('\n');
	if (words.replaced)
		printf("%s%s\n", INDENT, _("(trop de changements pour les montrer mot à mot : tout le texte est remplacé)"));
	grille_word_diff_release(&words);
	return 0;
}

static int print_answers(int colour, const grille_change *c)
{
	if (c->before && c->after)
		return print_word_diff(colour, c->before, c->after);
	if (c->after)
		print_text(colour, GREEN, c->after);
	else if (c->before)
		print_text(colour, RED, c->before);
	return 0;
}

/* One count of the totals, when there is any: `with_noun` for the first of
 * its kind ("2 réponses ajoutées"), `bare` after it ("1 modifiée"). */
struct totals {
	const char *sep;
	int noun;
};

static void total(struct totals *t, size_t n, const char *with_noun, const char *bare)
{
	if (!n)
		return;
	fputs(t->sep, stdout);
	printf(t->noun ? with_noun : bare, n);
	t->sep = ", ";
	t->noun = 0;
}

/* The totals of --stat: "3 réponses ajoutées, 2 modifiées, 1 question ajoutée". */
static void print_totals(const grille_diff *diff)
{
	size_t n[GRILLE_CHANGE_CONFLICT + 1] = { 0 }, added = 0, removed = 0;
	for (size_t i = 0; i < diff->count; i++)
		n[diff->changes[i].kind]++;
	for (size_t i = 0; i < diff->question_count; i++)
		diff->questions[i].added ? added++ : removed++;
	struct totals t = { "", 1 };
	size_t k = n[GRILLE_CHANGE_ADDED];
	total(&t, k, ngettext("%zu réponse ajoutée", "%zu réponses ajoutées", k), ngettext("%zu ajoutée", "%zu ajoutées", k));
	k = n[GRILLE_CHANGE_CHANGED];
	total(&t, k, ngettext("%zu réponse modifiée", "%zu réponses modifiées", k),
	      ngettext("%zu modifiée", "%zu modifiées", k));
	k = n[GRILLE_CHANGE_REMOVED];
	total(&t, k, ngettext("%zu réponse retirée", "%zu réponses retirées", k), ngettext("%zu retirée", "%zu retirées", k));
	t.noun = 1; /* then the questions */
	total(&t, added, ngettext("%zu question ajoutée", "%zu questions ajoutées", added),
	      ngettext("%zu ajoutée", "%zu ajoutées", added));
	total(&t, removed, ngettext("%zu question retirée", "%zu questions retirées", removed),
	      ngettext("%zu retirée", "%zu retirées", removed));
	k = n[GRILLE_CHANGE_SKIPPED];
	total(&t, k, ngettext("%zu question mise de côté", "%zu questions mises de côté", k),
	      ngettext("%zu mise de côté", "%zu mises de côté", k));
	k = n[GRILLE_CHANGE_DEFERRED];
	total(&t, k, ngettext("%zu question gardée pour plus tard", "%zu questions gardées pour plus tard", k),
	      ngettext("%zu gardée pour plus tard", "%zu gardées pour plus tard", k));
	k = n[GRILLE_CHANGE_REOPENED];
	total(&t, k, ngettext("%zu question rouverte", "%zu questions rouvertes", k),
	      ngettext("%zu rouverte", "%zu rouvertes", k));
	k = n[GRILLE_CHANGE_CONFLICT];
	total(&t, k, ngettext("%zu question en conflit", "%zu questions en conflit", k),
	      ngettext("%zu en conflit", "%zu en conflit", k));
	if (*t.sep)
		putchar('\n');
}

static int print_diff(const grille_diff *diff, int stat)
{
	int colour = use_colour(stdout);
	if (diff->to)
		printf(_("De %s à %s :\n"), visible(diff->from), visible(diff->to));
	else
		printf(_("De %s à l'espace de travail tel qu'il est :\n"), visible(diff->from));
	if (diff->count == 0 && diff->question_count == 0)
		printf("%s", _("  aucune réponse n'a changé.\n"));
	size_t c = 0, q = 0;
	for (size_t s = 0; s < diff->step_count; s++) {
		const char *step = diff->steps[s];
		printf(_("Étape %s\n"), visible(step));
		/* The questions added or removed and the changes, in the files' order. */
		for (;;) {
			const grille_question_change *qc = q < diff->question_count && strcmp(diff->questions[q].step, step) == 0
			                                   ? &diff->questions[q] : NULL;
			const grille_change *ch = c < diff->count && strcmp(diff->changes[c].step, step) == 0 ? &diff->changes[c]
			                                                                                       : NULL;
			if (qc && (!ch || qc->order < ch->order)) {
				printf("  %s %s %s — %s\n", qc->added ? "⊕" : "⊖", visible(qc->id), visible(qc->text),
				       qc->added ? _("question ajoutée") : _("question retirée"));
				q++;
				continue;
			}
			if (!ch)
				break;
			const char *sign;
			const char *what = describe(ch->kind, &sign);
			printf("  %s %s %s — %s\n", sign, visible(ch->id), visible(ch->text), what);
			if (!stat && print_answers(colour, ch) < 0)
				return fail_with_library_error("diff");
			c++;
		}
	}
	if (stat && (diff->count || diff->question_count)) {
		putchar('\n');
		print_totals(diff);
	}
	return EXIT_OK;
}

int cmd_diff(int argc, char **argv, struct grille_ctx *ctx)
{
	enum { OPT_JSON = 256, OPT_STAT };
	static const struct option options[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "stat", no_argument, NULL, OPT_STAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int json = 0, stat = 0, opt;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON: json = 1; break;
		case OPT_STAT: stat = 1; break;
		case 'h': return help();
		default: return bad_option("diff", opt, argv);
		}
	}
	if (argc - optind > 2)
		return usage_error("diff", "%s", _("deux points de l'historique au plus"));
	if (json && stat)
		return usage_error("diff", "%s", _("--stat et --json ne vont pas ensemble : le JSON porte tout"));
	const char *from = optind < argc ? argv[optind] : NULL;
	const char *to = optind + 1 < argc ? argv[optind + 1] : NULL;
	grille_diff *diff = NULL;
	if (grille_history_diff(&diff, ctx->ws, from, to) < 0)
		return fail_with_library_error("diff");
	int status = EXIT_OK;
	if (json) {
		grille_buf out = GRILLE_BUF_INIT;
		status = print_rendered(grille_diff_json(&out, diff), &out) ? EXIT_FAILED : EXIT_OK;
	} else {
		status = print_diff(diff, stat);
	}
	grille_diff_free(diff);
	return status == EXIT_OK ? finish_output(EXIT_OK) : status;
}
