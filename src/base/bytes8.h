/* bytes8.h: tests on many bytes at once, for the loops that read a whole catalogue (the JSON
 * scanner, the tree builder, text folding). Eight bytes: a word is loaded so that the byte at
 * the lowest address is the least significant one on every machine; the tests then flag, in
 * the high bit of each byte, the bytes that match. A borrow can carry a false flag only into a
 * byte after one that truly matched, so "no flag" and "the first flag" are exact. Sixteen
 * bytes: GCC's vector extension (SSE2 on x86-64, NEON on ARM, plain code elsewhere). Pure C,
 * no headers beyond libc. */
#ifndef INFOKAART_BYTES8_H
#define INFOKAART_BYTES8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define B8_ONES UINT64_C(0x0101010101010101)
#define B8_HIGH UINT64_C(0x8080808080808080)

static inline uint64_t b8_load(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* Stores a word loaded with b8_load (possibly changed) back as bytes. */
static inline void b8_store(char *p, uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	memcpy(p, &v, 8);
}

/* Bytes equal to c. */
static inline uint64_t b8_eq(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (B8_ONES * c);
	return (x - B8_ONES) & ~x & B8_HIGH;
}

/* Bytes below c (c at most 0x80); bytes of 0x80 and above are never flagged. */
static inline uint64_t b8_below(uint64_t v, unsigned char c)
{
	return (v - B8_ONES * c) & ~v & B8_HIGH;
}

/* Bytes of 0x80 and above (non-ASCII). */
static inline uint64_t b8_high(uint64_t v)
{
	return v & B8_HIGH;
}

/* The index, 0 to 7, of the first flagged byte of a non-zero mask. */
static inline int b8_first(uint64_t mask)
{
	return __builtin_ctzll(mask) >> 3;
}

typedef unsigned char b16_bytes __attribute__((vector_size(16)));
typedef signed char b16_flags __attribute__((vector_size(16)));

static inline b16_bytes b16_load(const char *p)
{
	b16_bytes v;
	memcpy(&v, p, 16);
	return v;
}

/* The index, 0 to 16, of the first byte flagged (-1) in m; 16 when none is. */
static inline int b16_first(b16_flags m)
{
	uint64_t w[2];
	memcpy(w, &m, 16);
	for (int i = 0; i < 2; i++) {
		if (!w[i])
			continue;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		return 8 * i + (__builtin_clzll(w[i]) >> 3);
#else
		return 8 * i + (__builtin_ctzll(w[i]) >> 3);
#endif
	}
	return 16;
}

/* The first byte inside a JSON string that needs a closer look: quote, backslash, a control
 * character, DEL or anything non-ASCII (negative as a signed byte). */
static inline int b16_string_special(const char *p)
{
	b16_bytes v = b16_load(p);
	return b16_first((v == '"') | (v == '\\') | (v == 0x7F) | ((b16_flags)v < 0x20));
}

/* The first quote or backslash. */
static inline int b16_quote_or_backslash(const char *p)
{
	b16_bytes v = b16_load(p);
	return b16_first((v == '"') | (v == '\\'));
}

/* The first byte that is not JSON white space (space, tab, newline, carriage return). */
static inline int b16_not_ws(const char *p)
{
	b16_bytes v = b16_load(p);
	return b16_first(~((v == ' ') | (v == '\n') | (v == '\t') | (v == '\r')));
}

static inline bool b_is_ws(unsigned char c)
{
	return c <= ' ' && (c == ' ' || c == '\n' || c == '\t' || c == '\r');
}

/* The offset of the first non-blank byte at or after pos (len when there is none). Most runs
 * are empty, one space (after ':' and ',') or a newline and an indent. */
static inline size_t b16_skip_ws(const char *s, size_t pos, size_t len)
{
	for (int i = 0; i < 2; i++, pos++)
		if (pos >= len || !b_is_ws((unsigned char)s[pos]))
			return pos;
	while (len - pos >= 16) {
		int k = b16_not_ws(s + pos);
		pos += (size_t)k;
		if (k < 16)
			return pos;
	}
	while (pos < len && b_is_ws((unsigned char)s[pos]))
		pos++;
	return pos;
}

#endif
