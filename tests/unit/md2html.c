/* Render Markdown to HTML as an unguarded tool would (raw HTML allowed), so
 * that the tests can check what a Markdown report would turn into. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

int main(int argc, char **argv)
{
	FILE *in = argc > 1 ? fopen(argv[1], "rb") : stdin;
	if (!in) {
		perror(argv[1]);
		return 2;
	}
	cmark_gfm_core_extensions_ensure_registered();
	cmark_parser *parser = cmark_parser_new(CMARK_OPT_UNSAFE);
	const char *names[] = { "table", "tasklist", "strikethrough", "autolink" };
	for (size_t i = 0; i < 4; i++)
		cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(names[i]));
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), in)) > 0)
		cmark_parser_feed(parser, chunk, n);
	cmark_node *doc = cmark_parser_finish(parser);
	char *html = cmark_render_html(doc, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser));
	fputs(html, stdout);
	free(html);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	if (in != stdin)
		fclose(in);
	return 0;
}
