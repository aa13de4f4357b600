/* util.h: small helpers every layer may use: checked allocation, an arena for content that
 * lives as long as the program, and a growable string buffer. No third-party headers here. */
#ifndef INFOKAART_UTIL_H
#define INFOKAART_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: out of memory prints one line and exits 70. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An arena: many small allocations freed at once. Memory is zeroed. */
typedef struct arena arena;
arena *arena_new(void);
void arena_free(arena *a); /* accepts NULL */
void arena_reset(arena *a); /* frees everything allocated, keeping one block for what comes next */
void *arena_alloc(arena *a, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);

/* A growable NUL-terminated byte buffer. Zero-initialise, then append. */
typedef struct {
	char *s;    /* the bytes, NUL-terminated once anything was appended */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
} strbuf;
void sb_append(strbuf *b, const char *s);
void sb_appendn(strbuf *b, const char *s, size_t n);
void sb_appendc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
char *sb_take(strbuf *b); /* returns the string (never NULL) and resets b */
void sb_free(strbuf *b);

/* Reads a whole file into a NUL-terminated buffer. Returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *len_out);

/* Replaces the file at path with data, only readable by its owner (0600), and waits until it
 * is on disk (fsync of the file and its folder). Written beside it first and renamed, so a
 * crash leaves the old file or the new one, never half. Returns 0, or -1 with errno set. */
int write_file_atomic(const char *path, const void *data, size_t len);

/* Calendar dates as days since 1970-01-01 (proleptic Gregorian). */
int date_days(int y, int m, int d);
void date_format(int days, char buf[11]); /* YYYY-MM-DD */
/* Parses YYYY-MM-DD that exists in the calendar (years 1900-2999). Returns 0 or -1. */
int date_parse(const char *s, int *days);

#endif
