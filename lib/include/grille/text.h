#ifndef GRILLE_TEXT_H
#define GRILLE_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "grille/buf.h"

/**
 * Text made fit for where it goes, whatever bytes it came with: every
 * output grille writes (reports, JSON, the terminal) passes its text through
 * here, so that no input can make that output invalid or take it over.
 *
 * Whatever the kind, bytes that are not UTF-8 (stray bytes, truncated or
 * overlong sequences, UTF-16 surrogates, code points past U+10FFFF) become
 * U+FFFD, one per maximal ill-formed subsequence as Unicode recommends.
 */
typedef enum grille_text_kind {
	/** JSON: the writer escapes control characters itself; only UTF-8 is fixed. */
	GRILLE_TEXT_UTF8,
	/** HTML, XML and Markdown: C0 controls but tab, LF and CR, DEL, C1
	 * controls and noncharacters (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF), which
	 * XML 1.0 forbids and HTML calls parse errors, become U+FFFD. */
	GRILLE_TEXT_MARKUP,
	/** A terminal: C0 controls but tab and LF, and DEL, are shown in caret
	 * notation (ESC as "^["), C1 controls become U+FFFD: nothing the text
	 * holds can move the cursor, set the title or change colours. */
	GRILLE_TEXT_TERMINAL,
} grille_text_kind;

/** 1 if `len` bytes at `s` already are fit for `kind` (nothing to change), else 0. */
int grille_text_is_clean(const char *s, size_t len, grille_text_kind kind);

/** Append `len` bytes at `s` to `out` (caller-owned), made fit for `kind`. 0 or GRILLE_ENOMEM. */
int grille_text_clean(grille_buf *out, const char *s, size_t len, grille_text_kind kind);

/**
 * What stops a text the user typed (an option's value) from being plain
 * text, found before anything is made from it: 0 when it is UTF-8 without
 * control characters; 1 for bytes that are not UTF-8; 2 for a control
 * character: C0 (but tab, and line feed when `lines` is set), DEL, C1, and
 * U+2028/U+2029 when `lines` is not set. On a problem, `*cp` is the code
 * point (-1 for bytes that are not UTF-8) and `*column` the character's
 * position, from 1. The caller says it in its own words: no error is set.
 * `text` is a NUL-terminated string.
 */
int grille_text_problem(const char *text, int lines, int32_t *cp, size_t *column);

#endif
