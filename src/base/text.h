/* text.h: UTF-8 text for the screen and for search: validation, display width, word wrap,
 * making untrusted text safe to print, and folding for diacritic- and case-insensitive
 * matching. Pure C (wchar/wcwidth from libc): no curses here. Widths need an LC_CTYPE with
 * UTF-8 (the program calls setlocale; tests set LC_ALL=C.UTF-8). */
#ifndef INFOKAART_TEXT_H
#define INFOKAART_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Returns true when s[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * On false, *bad_off (if non-NULL) is the byte offset of the first bad sequence. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad_off);

/* Decodes one UTF-8 code point at s (n bytes available). Returns its length in bytes (>= 1)
 * and sets *cp; an invalid sequence yields length 1 and *cp = 0xFFFD. */
size_t text_utf8_decode(const char *s, size_t n, unsigned *cp);
/* Writes code point cp (at most U+10FFFF) as UTF-8 at o; returns the byte after it. */
char *text_utf8_put(char *o, unsigned cp);

/* Writes code point cp as UTF-8 into out; returns its length (1-4), or 0 for a surrogate or
 * a value above U+10FFFF (nothing written). */
size_t text_utf8_encode(unsigned cp, char out[4]);

/* Text typed by a person (s[0..n), e.g. a line of --plain or a setting) as valid UTF-8,
 * malloc'd: kept as it is when it is UTF-8 already, else converted from the character set of
 * the locale (LC_CTYPE, e.g. a Latin-1 terminal). NULL when it is neither, or holds a NUL
 * byte: the caller refuses it and says so. Nothing invalid is ever stored. */
char *text_from_input(const char *s, size_t n);

/* Display columns of s (UTF-8, NUL-terminated): wide characters count 2, combining marks 0,
 * non-printable characters count as the width of their replacement (see text_sanitize). */
int text_width(const char *s);

/* A copy of s (malloc'd) that is safe to send to a terminal: invalid UTF-8 becomes U+FFFD,
 * C0/C1 control characters and DEL (including ESC) become U+FFFD, except '\n' which is kept
 * when keep_newlines is true (else it becomes a space). */
char *text_sanitize(const char *s, bool keep_newlines);

/* The same for a table (CSV, JSON) shown on a terminal: tabs, newlines and CRLF line ends
 * stay; a lone CR, every other control and invalid UTF-8 become U+FFFD. */
char *text_sanitize_table(const char *s);

/* Word-wraps s into lines of at most `width` columns. Breaks at spaces; a word longer than
 * width is broken inside. Hard newlines start a new line. Returns a malloc'd array of
 * malloc'd lines, *nlines set; free with text_lines_free. Never returns NULL. */
char **text_wrap(const char *s, int width, int *nlines);
void text_lines_free(char **lines, int n);

/* The longest prefix of s that fits in `width` columns, as a byte length (never splits a
 * character). */
size_t text_fit(const char *s, int width);

/* Folds s for search: lower case, Latin diacritics removed (é→e, ë→e, Ĳ/ĳ→ij, ß→ss, …),
 * other characters lower-cased where libc knows how, runs of white space to one space.
 * Returns a malloc'd string. */
char *text_fold(const char *s);

/* The same fold of s[0..n) (n bytes, no NUL inside) into out, which must hold 3 * n + 1
 * bytes. Returns the length written; out is NUL-terminated. */
size_t text_fold_into(char *out, const char *s, size_t n);

#endif
