/* The OpenDocument writer's pieces that the whole report does not pin
 * byte by byte: code written with every space, tab and line break kept. */
#include <stdlib.h>
#include <string.h>

#include "libxml_load.h"

#include "grille/error.h"
#include "report_odt.h"
#include "tap.h"

/* What odt__code() writes for `text`, inside <p>, in a new string. */
static char *code(const char *text)
{
	xmlBufferPtr buffer = libxml.xmlBufferCreate();
	struct odt_writer writer = { libxml.xmlNewTextWriterMemory(buffer, 0), 0 };
	odt__start(&writer, "p");
	odt__code(&writer, text);
	odt__end(&writer);
	libxml.xmlFreeTextWriter(writer.xml); /* flushes into the buffer */
	char *out = writer.error ? NULL : strdup((const char *)libxml.xmlBufferContent(buffer));
	libxml.xmlBufferFree(buffer);
	return out;
}

static void written(const char *text, const char *want, const char *what)
{
	char *got = code(text);
	is_str(got, want, "%s", what);
	free(got);
}

int main(void)
{
	/* libxml2 is loaded on demand; a library missing is said, with the package to install. */
	struct libxml_functions table;
	ok(libxml__open(&table, "libgrille-no-such-library.so.0") == GRILLE_ERROR, "no library: an error");
	contains(grille_error_last(), "la bibliothèque libxml2 manque : installez le paquet libxml2",
	         "which says the package to install");
	contains(grille_error_last(), "libgrille-no-such-library.so.0", "and what the loader said");
	ok(libxml__open(&table, "libc.so.6") == GRILLE_ERROR, "a library without libxml2's functions: an error");
	contains(grille_error_last(), "xmlBuffer", "naming the function missing");
	ok(libxml__load() == 0, "libxml2 itself loads");
	ok(libxml__load() == 0, "...and says so again without loading it twice");
	written("a b", "<p>a b</p>", "a space between two words stays a space");
	written("a  b", "<p>a<text:s text:c=\"2\"/>b</p>", "a run of spaces: <text:s text:c/>");
	written(" x", "<p><text:s/>x</p>", "a leading single space");
	written("x ", "<p>x<text:s/></p>", "a trailing space");
	written("a\tb", "<p>a<text:tab/>b</p>", "a tab");
	written("un\ndeux", "<p>un<text:line-break/>deux</p>", "a new line");
	written("un\r\n  deux", "<p>un<text:line-break/><text:s text:c=\"2\"/>deux</p>", "CRLF, then an indent");
	written("a\n b", "<p>a<text:line-break/><text:s/>b</p>", "one space at a line's start");
	written("a \tb", "<p>a<text:s/><text:tab/>b</p>", "a space before a tab");
	written("a\n\nb", "<p>a<text:line-break/><text:line-break/>b</p>", "an empty line");
	written("if (a < b && c) ?", "<p>if (a &lt; b &amp;&amp; c) ?</p>", "escaped, no French typography");
	written("x\x01y", "<p>x\xef\xbf\xbdy</p>", "a control character made U+FFFD");
	written(NULL, "<p/>", "NULL: nothing");
	written("", "<p/>", "empty: nothing");
	return tap_done();
}
