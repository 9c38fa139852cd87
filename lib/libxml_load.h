#ifndef GRILLE_LIBXML_LOAD_H
#define GRILLE_LIBXML_LOAD_H

/* libxml2 is loaded on demand, as systemd loads its optional libraries:
 * only the OpenDocument writers use it, and the relocations of libxml2 with
 * ICU and libstdc++ cost every other command a third of its start-up. Its
 * headers give the types; the functions are called through `libxml`. */
#include <libxml/xmlwriter.h>

/* Every libxml2 function grille calls. */
#define LIBXML_FUNCTIONS(F) \
	F(xmlBufferContent) \
	F(xmlBufferCreate) \
	F(xmlBufferFree) \
	F(xmlBufferLength) \
	F(xmlFreeTextWriter) \
	F(xmlNewTextWriter) \
	F(xmlNewTextWriterMemory) \
	F(xmlOutputBufferClose) \
	F(xmlOutputBufferCreateIO) \
	F(xmlTextWriterEndDocument) \
	F(xmlTextWriterEndElement) \
	F(xmlTextWriterStartDocument) \
	F(xmlTextWriterStartElement) \
	F(xmlTextWriterWriteAttribute) \
	F(xmlTextWriterWriteBase64) \
	F(xmlTextWriterWriteString)

#define LIBXML_MEMBER(name) __typeof__(name) *name;
struct libxml_functions {
	LIBXML_FUNCTIONS(LIBXML_MEMBER)
};
#undef LIBXML_MEMBER

/* The functions, once libxml__load() returned 0. */
extern struct libxml_functions libxml;

/* The soname grille loads. */
#define LIBXML_SONAME "libxml2.so.2"

/* Load libxml2 once for the process (thread-safe): 0, or an error saying
 * which package to install, every time it is called after a failure. */
int libxml__load(void);

/* Fill `table` from the library `soname`: 0, or an error (no library, a
 * function missing). Loads nothing for good on failure. For the tests. */
int libxml__open(struct libxml_functions *table, const char *soname);

#endif
