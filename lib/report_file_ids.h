#ifndef GRILLE_REPORT_FILE_IDS_H
#define GRILLE_REPORT_FILE_IDS_H

#include <stddef.h>
#include <sys/stat.h>

struct session;

/*
 * What the report's kept sections (report_sections.h) are keyed by: each step
 * file's blob ID (a SHA-1 of its bytes), with what stat(2) said of the file
 * before it was read, in .git/grille/report-files. A file that stats the same
 * (size, modification and change times to the nanosecond, inode, device) has
 * the same ID without being read; one changed within the second before its ID
 * was taken, or later, is "racy" (as in the stat cache, lib/stat_cache.h) and
 * always read. A file cut short or damaged is not used at all.
 */
struct report_file_ids;

/* For the `count` steps of the session's workspace: `*out` NULL (and 0)
 * outside git. GRILLE_ENOMEM. */
int report_file_ids__open(struct report_file_ids **out, struct session *s, size_t count);

/* 1 and `id` (20 bytes) when step `index`'s file `name`, statted as `st`,
 * is the one whose ID was taken; else 0. Thread-safe for different steps. */
int report_file_ids__find(struct report_file_ids *c, size_t index, const char *name, const struct stat *st,
                          unsigned char *id);

/* Keep the ID of step `index`'s file `name`, read after stat(2) gave `st`. */
void report_file_ids__remember(struct report_file_ids *c, size_t index, const char *name, const struct stat *st,
                               const unsigned char *id);

/* Write the file when it learnt anything (failing to is no error), and free. NULL-safe. */
void report_file_ids__close(struct report_file_ids *c);

#endif
