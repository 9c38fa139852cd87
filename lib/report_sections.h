#ifndef GRILLE_REPORT_SECTIONS_H
#define GRILLE_REPORT_SECTIONS_H

#include <stddef.h>

#include "grille/buf.h"

struct report;

/*
 * The report's step sections as they were last rendered, one file per step
 * under .git/grille/ (report-html-1, report-html-2...), so that a report after
 * a change in one step renders that step alone. Each is kept under a key, a
 * SHA-1 over everything its rendering reads: grille's version, the format,
 * the language, the options, the day, the grid's key, the group's files and
 * the settings, the step's status (every question's state, place, marks and
 * answer lines), the bytes of the step files its answers stand in, and with
 * --authors who wrote each answer. A file holds the bytes sent out, made fit
 * for the format already, and a checksum of them: one cut short, damaged, of
 * another key, not a regular file or too large is rendered again and
 * replaced (atomically), never used in part. Only a report of the working
 * tree in a git repository keeps them: nothing is written outside git.
 */
struct report_sections;

/* The cache for the report `r` in `format` ("html"), opened before its
 * status is made (r->file_ids are filled while it is): `*out` NULL (and 0)
 * when the report keeps none (outside git, --at, --round). GRILLE_ENOMEM. */
int report_sections__open(struct report_sections **out, const struct report *r, const char *format);

/* Once the status is made: 1 when step `step`'s kept section is for the
 * same key, mapped whole and checked, held for report_sections__send(); 0
 * when it must be rendered (the key is remembered for report_sections__keep());
 * negative on out of memory. Calls for different steps may run on different
 * threads at once. */
int report_sections__find(struct report_sections *c, size_t step);

/* 1 when find() holds a section for `step`. */
int report_sections__held(const struct report_sections *c, size_t step);

/* Send the section held for `step` to the report's sink as it lies in the
 * file, and let it go: the sink's error, or 0 (also when none is held). */
int report_sections__send(struct report_sections *c, size_t step);

/* Keep step `step`'s section, rendered after report_sections__find() said 0;
 * failing to write is no error. Thread-safe for different steps. */
void report_sections__keep(struct report_sections *c, size_t step, const char *html, size_t len);

/* NULL-safe. */
void report_sections__close(struct report_sections *c);

#endif
