#include <stddef.h>

#include "grille/error.h"
#include "dynlib.h"
#include "errors.h"
#include "intl.h"
#include "mhd_load.h"

struct mhd_functions mhd;

static const struct dynlib_symbol symbols[] = {
#define MHD_SYMBOL(name) { #name, offsetof(struct mhd_functions, name) },
	MHD_FUNCTIONS(MHD_SYMBOL)
#undef MHD_SYMBOL
};

int mhd__open(struct mhd_functions *table, const char *soname)
{
	char why[256];
	if (dynlib__open(table, sizeof(*table), symbols, sizeof(symbols) / sizeof(*symbols), soname, why,
	                 sizeof(why)) < 0)
		return error__set(GRILLE_ERROR,
		                  _("la bibliothèque libmicrohttpd manque : installez le paquet libmicrohttpd12 (%s)"), why);
	return 0;
}

static struct dynlib_once once = DYNLIB_ONCE_INIT;

static int load(void)
{
	return mhd__open(&mhd, MHD_SONAME);
}

int mhd__load(void)
{
	return dynlib__once(&once, load);
}
