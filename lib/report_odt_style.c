#include <stdarg.h>
#include <stdio.h>

#include "report_odt.h"

/* The OpenDocument documents' styles. Every paragraph the report writes has
 * a named style (office:styles), LibreOffice's own where it has one
 * ("Text body", "Heading 2", "Caption", "Contents 2"...) and "Grille …"
 * styles under them for what is the report's own (answers, figures,
 * numbers in tables): a group restyles the whole document by changing a
 * style in one place (grille-report(1) lists them). Automatic styles only
 * hold the layout: the page, the page break before a step, the table
 * borders and the widths of columns. */

static void style(W w, const char *name, const char *display, const char *family, const char *parent)
{
	odt__start(w, "style:style");
	odt__attr(w, "style:name", name);
	if (display)
		odt__attr(w, "style:display-name", display);
	odt__attr(w, "style:family", family);
	if (parent)
		odt__attr(w, "style:parent-style-name", parent);
}

/* An element and its attributes, in pairs ending with NULL. */
static void props(W w, const char *element, const char *name, const char *value, ...)
{
	odt__start(w, element);
	va_list ap;
	va_start(ap, value);
	for (; name; name = va_arg(ap, const char *), value = name ? va_arg(ap, const char *) : NULL)
		odt__attr(w, name, value);
	va_end(ap);
	odt__end(w);
}

/* A right tab stop at the text's right edge (A4 less its margins), dotted when `leader`. */
static void right_tab(W w, int leader)
{
	odt__start(w, "style:tab-stops");
	odt__start(w, "style:tab-stop");
	odt__attr(w, "style:position", ODT_TEXT_WIDTH);
	odt__attr(w, "style:type", "right");
	if (leader) {
		odt__attr(w, "style:leader-style", "dotted");
		odt__attr(w, "style:leader-text", ".");
	}
	odt__end(w);
	odt__end(w);
}

static void list_style(W w, const char *name, const char *display, int numbered)
{
	odt__start(w, "text:list-style");
	odt__attr(w, "style:name", name);
	odt__attr(w, "style:display-name", display);
	for (int level = 1; level <= 5; level++) {
		char lv[4], margin[16];
		snprintf(lv, sizeof(lv), "%d", level);
		snprintf(margin, sizeof(margin), "%.1fcm", 0.6 * level);
		odt__start(w, numbered ? "text:list-level-style-number" : "text:list-level-style-bullet");
		odt__attr(w, "text:level", lv);
		if (numbered) {
			odt__attr(w, "style:num-format", "1");
			odt__attr(w, "style:num-suffix", ".");
		} else {
			odt__attr(w, "text:bullet-char", "•");
		}
		odt__start(w, "style:list-level-properties");
		odt__attr(w, "text:list-level-position-and-space-mode", "label-alignment");
		props(w, "style:list-level-label-alignment", "text:label-followed-by", "listtab",
		      "fo:text-indent", "-0.5cm", "fo:margin-left", margin, NULL);
		odt__end(w);
		odt__end(w);
	}
	odt__end(w);
}

static void headings(W w)
{
	style(w, "Heading", NULL, "paragraph", "Standard");
	odt__attr(w, "style:next-style-name", "Text_20_body");
	props(w, "style:paragraph-properties", "fo:margin-top", "0.5cm", "fo:margin-bottom", "0.25cm",
	      "fo:keep-with-next", "always", NULL);
	props(w, "style:text-properties", "fo:font-weight", "bold", "fo:color", "#2e7d5b", "fo:hyphenate", "false", NULL);
	odt__end(w);
	/* Room above a heading grows with its rank: a step breathes more than a question. */
	static const char *const sizes[] = { "20pt", "16pt", "13pt", "11.5pt", "11pt", "11pt" };
	static const char *const above[] = { "0.8cm", "0.9cm", "0.7cm", "0.5cm", "0.4cm", "0.4cm" };
	static const char *const below[] = { "0.4cm", "0.35cm", "0.25cm", "0.15cm", "0.15cm", "0.15cm" };
	for (int level = 1; level <= 6; level++) {
		char name[32], display[32], outline[4];
		snprintf(name, sizeof(name), "Heading_20_%d", level);
		snprintf(display, sizeof(display), "Heading %d", level);
		snprintf(outline, sizeof(outline), "%d", level);
		style(w, name, display, "paragraph", "Heading");
		odt__attr(w, "style:default-outline-level", outline);
		odt__attr(w, "style:class", "text");
		props(w, "style:paragraph-properties", "fo:margin-top", above[level - 1], "fo:margin-bottom",
		      below[level - 1], NULL);
		props(w, "style:text-properties", "fo:font-size", sizes[level - 1], NULL);
		odt__end(w);
	}
	style(w, "Title", NULL, "paragraph", "Heading");
	odt__attr(w, "style:class", "chapter");
	props(w, "style:paragraph-properties", "fo:margin-top", "0cm", "fo:margin-bottom", "0.4cm", NULL);
	props(w, "style:text-properties", "fo:font-size", "22pt", NULL);
	odt__end(w);
	style(w, "Subtitle", NULL, "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-bottom", "0.4cm", NULL);
	props(w, "style:text-properties", "fo:font-size", "14pt", "fo:font-style", "italic", NULL);
	odt__end(w);
	style(w, "Group_20_Title", "Group Title", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-top", "0.6cm", "fo:keep-with-next", "always", NULL);
	props(w, "style:text-properties", "fo:font-variant", "small-caps", "fo:color", "#555555", NULL);
	odt__end(w);
}

static void contents(W w)
{
	style(w, "Contents_20_Heading", "Contents Heading", "paragraph", "Heading");
	props(w, "style:text-properties", "fo:font-size", "16pt", NULL);
	odt__end(w);
	style(w, "Index", NULL, "paragraph", "Standard");
	odt__attr(w, "style:class", "index");
	odt__end(w);
	for (int level = 1; level <= 2; level++) {
		char name[32], display[32];
		snprintf(name, sizeof(name), "Contents_20_%d", level);
		snprintf(display, sizeof(display), "Contents %d", level);
		style(w, name, display, "paragraph", "Index");
		odt__start(w, "style:paragraph-properties");
		odt__attr(w, "fo:margin-left", "0cm");
		odt__attr(w, "fo:margin-bottom", "0.1cm");
		right_tab(w, 1);
		odt__end(w);
		odt__end(w);
	}
}

static void tables_and_figures(W w)
{
	style(w, "Table_20_Contents", "Table Contents", "paragraph", "Standard");
	props(w, "style:text-properties", "fo:font-size", "10pt", NULL);
	odt__end(w);
	/* Headers never break inside a word: no hyphenation, and columns made wide enough for them. */
	style(w, "Table_20_Heading", "Table Heading", "paragraph", "Table_20_Contents");
	props(w, "style:text-properties", "fo:font-weight", "bold", "fo:font-size", "9pt", "fo:hyphenate", "false", NULL);
	odt__end(w);
	style(w, "Grille_20_Number", "Grille Number", "paragraph", "Table_20_Contents");
	props(w, "style:paragraph-properties", "fo:text-align", "end", NULL);
	odt__end(w);
	/* A figure, its caption and its table stay on one page. */
	style(w, "Grille_20_Figure", "Grille Figure", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:text-align", "center", "fo:margin-top", "0.2cm",
	      "fo:keep-with-next", "always", NULL);
	odt__end(w);
	style(w, "Caption", NULL, "paragraph", "Standard");
	odt__attr(w, "style:class", "extra");
	props(w, "style:paragraph-properties", "fo:margin-top", "0.1cm", "fo:margin-bottom", "0.3cm",
	      "fo:keep-with-next", "always", NULL);
	props(w, "style:text-properties", "fo:font-size", "9.5pt", "fo:font-style", "italic", "fo:color", "#444444", NULL);
	odt__end(w);
}

static void text_styles(W w)
{
	style(w, "Emphasis", NULL, "text", NULL);
	props(w, "style:text-properties", "fo:font-style", "italic", NULL);
	odt__end(w);
	style(w, "Strong_20_Emphasis", "Strong Emphasis", "text", NULL);
	props(w, "style:text-properties", "fo:font-weight", "bold", NULL);
	odt__end(w);
	style(w, "Source_20_Text", "Source Text", "text", NULL);
	props(w, "style:text-properties", "style:font-name", "Liberation Mono", "fo:font-family", "monospace", NULL);
	odt__end(w);
	/* The links of the table of contents read as its text, as LibreOffice's own do. */
	style(w, "Index_20_Link", "Index Link", "text", NULL);
	props(w, "style:text-properties", "fo:color", "#000000", "style:text-underline-style", "none", NULL);
	odt__end(w);
	style(w, "Strikethrough", NULL, "text", NULL);
	props(w, "style:text-properties", "style:text-line-through-style", "solid", NULL);
	odt__end(w);
}

static void named_styles(W w)
{
	odt__start(w, "office:styles");
	style(w, "Standard", NULL, "paragraph", NULL);
	props(w, "style:paragraph-properties", "fo:orphans", "2", "fo:widows", "2", NULL);
	props(w, "style:text-properties", "fo:font-size", "11pt", NULL);
	odt__end(w);
	style(w, "Text_20_body", "Text body", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-top", "0cm", "fo:margin-bottom", "0.2cm", NULL);
	odt__end(w);
	style(w, "Grille_20_Answer", "Grille Answer", "paragraph", "Text_20_body");
	odt__end(w);
	style(w, "Grille_20_Authors", "Grille Authors", "paragraph", "Text_20_body");
	props(w, "style:text-properties", "fo:font-size", "9pt", "fo:color", "#555555", NULL);
	odt__end(w);
	style(w, "Footnote", NULL, "paragraph", "Standard");
	odt__attr(w, "style:class", "extra");
	props(w, "style:text-properties", "fo:font-size", "9pt", NULL);
	odt__end(w);
	headings(w);
	style(w, "Quotations", NULL, "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-left", "1cm", "fo:margin-bottom", "0.2cm", NULL);
	odt__end(w);
	style(w, "Preformatted_20_Text", "Preformatted Text", "paragraph", "Standard");
	props(w, "style:paragraph-properties", "fo:margin-bottom", "0.2cm", "fo:padding", "0.15cm",
	      "fo:background-color", "#f4f4f4", NULL);
	props(w, "style:text-properties", "style:font-name", "Liberation Mono", "fo:font-family", "monospace",
	      "fo:font-size", "9.5pt", NULL);
	odt__end(w);
	tables_and_figures(w);
	contents(w);
	style(w, "Footer", NULL, "paragraph", "Standard");
	odt__attr(w, "style:class", "extra");
	odt__start(w, "style:paragraph-properties");
	right_tab(w, 0);
	odt__end(w);
	props(w, "style:text-properties", "fo:font-size", "9pt", "fo:color", "#555555", NULL);
	odt__end(w);
	text_styles(w);
	list_style(w, "List_20_Bullet", "List Bullet", 0);
	list_style(w, "Numbering_20_123", "Numbering 123", 1);
	odt__end(w);
}

/* The widths of table columns, one style a width: ODF sets widths on
 * columns only through styles, and the document is streamed, so they are
 * all declared here. The letters are what odt__table_start_columns() takes. */
static const struct {
	char letter;
	const char *width, *relative; /* LibreOffice shares the table's width by the relative ones */
} column_widths[] = {
	{ 'N', "1.2cm", "1200*" }, { 'S', "2.05cm", "2050*" }, { 'M', "3cm", "3000*" },
	{ 'L', "4.6cm", "4600*" }, { 'X', "6.5cm", "6500*" },
};

const char *odt__column_style(char letter)
{
	static const char *const names[] = { "ColN", "ColS", "ColM", "ColL", "ColX" };
	for (size_t i = 0; i < sizeof(column_widths) / sizeof(*column_widths); i++)
		if (column_widths[i].letter == letter)
			return names[i];
	return names[1];
}

static void automatic_styles(W w)
{
	odt__start(w, "office:automatic-styles");
	style(w, "Step", NULL, "paragraph", "Heading_20_2");
	props(w, "style:paragraph-properties", "fo:break-before", "page", NULL);
	odt__end(w);
	style(w, "Grid", NULL, "table", NULL);
	props(w, "style:table-properties", "style:width", ODT_TEXT_WIDTH, "table:align", "margins",
	      "style:may-break-between-rows", "true", "fo:margin-top", "0.1cm", "fo:margin-bottom", "0.3cm", NULL);
	odt__end(w);
	for (size_t i = 0; i < sizeof(column_widths) / sizeof(*column_widths); i++) {
		style(w, odt__column_style(column_widths[i].letter), NULL, "table-column", NULL);
		props(w, "style:table-column-properties", "style:column-width", column_widths[i].width,
		      "style:rel-column-width", column_widths[i].relative, NULL);
		odt__end(w);
	}
	style(w, "Row", NULL, "table-row", NULL);
	props(w, "style:table-row-properties", "fo:keep-together", "always", NULL);
	odt__end(w);
	style(w, "Cell", NULL, "table-cell", NULL);
	props(w, "style:table-cell-properties", "fo:border", "0.5pt solid #999999", "fo:padding", "0.1cm", NULL);
	odt__end(w);
	style(w, "HeadCell", NULL, "table-cell", NULL);
	props(w, "style:table-cell-properties", "fo:border", "0.5pt solid #999999", "fo:padding", "0.1cm",
	      "fo:background-color", "#eef5f1", NULL);
	odt__end(w);
	odt__start(w, "style:page-layout");
	odt__attr(w, "style:name", "Page");
	props(w, "style:page-layout-properties", "fo:page-width", "21cm", "fo:page-height", "29.7cm",
	      "style:print-orientation", "portrait", "fo:margin-top", "2cm", "fo:margin-bottom", "1.5cm",
	      "fo:margin-left", "2cm", "fo:margin-right", "2cm", NULL);
	odt__start(w, "style:footer-style");
	props(w, "style:header-footer-properties", "fo:min-height", "0.6cm", "fo:margin-top", "0.4cm", NULL);
	odt__end(w);
	odt__end(w);
	odt__end(w);
}

/* The page: A4, the document's title and the page number at its foot. */
static void master_page(W w, const char *title)
{
	odt__start(w, "office:master-styles");
	odt__start(w, "style:master-page");
	odt__attr(w, "style:name", "Standard");
	odt__attr(w, "style:page-layout-name", "Page");
	odt__start(w, "style:footer");
	odt__start(w, "text:p");
	odt__attr(w, "text:style-name", "Footer");
	odt__put(w, title);
	odt__start(w, "text:tab");
	odt__end(w);
	odt__start(w, "text:page-number");
	odt__attr(w, "text:select-page", "current");
	odt__put(w, "1");
	odt__end(w);
	odt__put(w, " / ");
	odt__start(w, "text:page-count");
	odt__put(w, "1");
	odt__end(w);
	odt__end(w);
	odt__end(w);
	odt__end(w);
	odt__end(w);
}

void odt__styles(W w, const char *title)
{
	named_styles(w);
	automatic_styles(w);
	master_page(w, title);
}
