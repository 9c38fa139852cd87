#include <stddef.h>

#include "grille/error.h"
#include "dynlib.h"
#include "errors.h"
#include "intl.h"
#include "libxml_load.h"

struct libxml_functions libxml;

static const struct dynlib_symbol symbols[] = {
#define LIBXML_SYMBOL(name) { #name, offsetof(struct libxml_functions, name) },
	LIBXML_FUNCTIONS(LIBXML_SYMBOL)
#undef LIBXML_SYMBOL
};

int libxml__open(struct libxml_functions *table, const char *soname)
{
	char why[256];
	if (dynlib__open(table, sizeof(*table), symbols, sizeof(symbols) / sizeof(*symbols), soname, why,
	                 sizeof(why)) < 0)
		return error__set(GRILLE_ERROR, _("la bibliothèque libxml2 manque : installez le paquet libxml2 (%s)"),
		                  why);
	return 0;
}

static struct dynlib_once once = DYNLIB_ONCE_INIT;

static int load(void)
{
	return libxml__open(&libxml, LIBXML_SONAME);
}

int libxml__load(void)
{
	return dynlib__once(&once, load);
}
