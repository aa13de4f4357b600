/* content_tree.c: builds cJSON trees from text that jsonscan_check has accepted, the same trees
 * cJSON_ParseWithLength would build, but into a pool that is freed (or reused) at once instead
 * of one malloc per value. cJSON's parser costs about 10 ns a byte here, more than the rest of
 * loading a catalogue; this one trusts jsonscan and costs a fraction of that. Only the loader
 * uses it; it must never see text that jsonscan has not checked. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "bytes8.h"
#include "content_json.h"

/* The pool: a chain of blocks, bump-allocated. */
struct pool_block {
	struct pool_block *next;
	size_t used, cap;
	max_align_t data[];
};

struct ld_pool {
	struct pool_block *head;
};

enum { POOL_BLOCK = 64 * 1024 };

static void *pool_get(ld_pool *p, size_t n, size_t align)
{
	struct pool_block *b = p->head;
	size_t at = b ? (b->used + align - 1) / align * align : 0;
	if (!b || at + n > b->cap) {
		size_t cap = n > POOL_BLOCK ? n : POOL_BLOCK;
		b = xmalloc(sizeof *b + cap);
		b->next = p->head;
		b->cap = cap;
		p->head = b;
		at = 0;
	}
	b->used = at + n;
	return (char *)b->data + at;
}

void ld_pool_free(ld_pool *p)
{
	if (!p)
		return;
	for (struct pool_block *b = p->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(p);
}

void ld_pool_reset(ld_pool *p)
{
	if (!p || !p->head)
		return;
	/* keep the oldest block: one element of a list usually fits in it */
	struct pool_block *b = p->head;
	while (b->next) {
		struct pool_block *next = b->next;
		free(b);
		b = next;
	}
	b->used = 0;
	p->head = b;
}

typedef struct {
	const char *s;
	size_t len, pos;
	size_t skip, skip_end; /* the value at offset skip becomes an empty list (skip_end > skip) */
	ld_pool *pool;
	char decimal_point;    /* of the C library's locale, as cJSON reads numbers */
	bool failed;           /* where cJSON would have failed too */
} builder;

static cJSON *new_node(builder *b, int type)
{
	cJSON *n = pool_get(b->pool, sizeof *n, _Alignof(cJSON));
	memset(n, 0, sizeof *n);
	n->type = type;
	return n;
}

static void skip_ws(builder *b)
{
	b->pos = b16_skip_ws(b->s, b->pos, b->len);
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++)
		v = v * 16 + (unsigned)(p[i] <= '9' ? p[i] - '0' : (p[i] | 0x20) - 'a' + 10);
	return v;
}

static char *put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Decodes the string whose opening quote is at b->pos into the pool. jsonscan has checked its
 * escapes: \u escapes are four hex digits, surrogates come in pairs, no NUL. Sets *escaped
 * when the raw string held an escape. */
static char *string(builder *b, bool *escaped)
{
	const char *start = b->s + b->pos + 1, *end = b->s + b->len, *q = start;
	for (;;) { /* to the first quote or backslash */
		if (end - q >= 16) {
			int k = b16_quote_or_backslash(q);
			q += k;
			if (k == 16)
				continue;
		} else {
			while (q < end && *q != '"' && *q != '\\')
				q++;
		}
		break;
	}
	const char *bs = *q == '\\' ? q : NULL;
	*escaped = bs != NULL;
	if (!bs) { /* the common case: the raw bytes are the string */
		size_t n = (size_t)(q - start);
		char *out = pool_get(b->pool, n + 1, 1);
		memcpy(out, start, n);
		out[n] = '\0';
		b->pos = (size_t)(q - b->s) + 1;
		return out;
	}
	for (q = bs; *q != '"'; q += *q == '\\' ? 2 : 1)
		; /* the closing quote is the first one not escaped */
	char *out = pool_get(b->pool, (size_t)(q - start) + 1, 1), *o = out;
	for (const char *p = start; p < q;) {
		if (*p != '\\') {
			*o++ = *p++;
			continue;
		}
		char e = p[1];
		p += 2;
		if (e == 'u') {
			unsigned cp = hex4(p);
			p += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
				p += 6;
			}
			o = put_utf8(o, cp);
		} else {
			*o++ = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
		}
	}
	*o = '\0';
	b->pos = (size_t)(q - b->s) + 1;
	return out;
}

/* A number as cJSON reads it: at most 63 characters, the C library's strtod with the locale's
 * decimal point; plain integers of up to 15 digits are exact without strtod. */
static cJSON *number(builder *b, int depth)
{
	size_t st = b->pos, p = st + (b->s[st] == '-');
	long long whole = 0;
	int digits = 0;
	for (; p < b->len && b->s[p] >= '0' && b->s[p] <= '9'; p++, digits++)
		if (digits < 15)
			whole = whole * 10 + (b->s[p] - '0');
	bool plain = digits <= 15;
	for (; p < b->len && b->s[p] && strchr("0123456789+-eE.", b->s[p]); p++)
		plain = false;
	cJSON *n = new_node(b, cJSON_Number);
	if (plain) {
		n->valuedouble = b->s[st] == '-' ? -(double)whole : (double)whole;
	} else {
		char buf[64];
		size_t k = p - st < sizeof buf - 1 ? p - st : sizeof buf - 1;
		if (p - st > k && depth > 0)
			b->failed = true; /* cJSON stops after 63 characters and trips over the rest */
		memcpy(buf, b->s + st, k);
		buf[k] = '\0';
		for (size_t i = 0; i < k; i++)
			if (buf[i] == '.')
				buf[i] = b->decimal_point;
		n->valuedouble = strtod(buf, NULL);
	}
	double d = n->valuedouble;
	n->valueint = d >= INT_MAX ? INT_MAX : d <= (double)INT_MIN ? INT_MIN : (int)d;
	b->pos = p;
	return n;
}

static cJSON *value(builder *b, int depth);

/* The members of an object or the elements of a list, linked as cJSON links them (the first
 * one's prev is the last). An object whose keys hold no escape has distinct keys (jsonscan
 * compares them raw): it is marked LD_KEYS_DISTINCT for ld_get. */
static cJSON *container(builder *b, int depth, bool object)
{
	cJSON *c = new_node(b, object ? cJSON_Object : cJSON_Array), *last = NULL;
	char close = object ? '}' : ']';
	bool distinct = true;
	b->pos++;
	skip_ws(b);
	while (!b->failed && b->pos < b->len && b->s[b->pos] != close) {
		char *key = NULL;
		if (object) {
			bool escaped;
			key = string(b, &escaped);
			distinct &= !escaped;
			skip_ws(b);
			b->pos++; /* : */
		}
		cJSON *v = value(b, depth + 1);
		v->string = key;
		if (last) {
			last->next = v;
			v->prev = last;
		} else {
			c->child = v;
		}
		last = v;
		skip_ws(b);
		if (b->pos < b->len && b->s[b->pos] == ',') {
			b->pos++;
			skip_ws(b);
		}
	}
	if (c->child)
		c->child->prev = last;
	if (object && distinct)
		c->valueint = LD_KEYS_DISTINCT;
	b->pos++; /* the closing bracket */
	return c;
}

static cJSON *value(builder *b, int depth)
{
	skip_ws(b);
	if (b->skip_end > b->skip && b->pos == b->skip) {
		b->pos = b->skip_end;
		return new_node(b, cJSON_Array);
	}
	cJSON *n;
	switch (b->s[b->pos]) {
	case '{': return container(b, depth, true);
	case '[': return container(b, depth, false);
	case '"': {
		bool escaped;
		n = new_node(b, cJSON_String);
		n->valuestring = string(b, &escaped);
		return n;
	}
	case 't':
		b->pos += 4;
		n = new_node(b, cJSON_True);
		n->valueint = 1;
		return n;
	case 'f': b->pos += 5; return new_node(b, cJSON_False);
	case 'n': b->pos += 4; return new_node(b, cJSON_NULL);
	default: return number(b, depth);
	}
}

cJSON *ld_tree_build(ld_pool **pool, const char *text, size_t len, size_t *pos, size_t skip, size_t skip_end)
{
	if (!*pool)
		*pool = xcalloc(1, sizeof **pool);
	const struct lconv *lc = localeconv();
	builder b = {.s = text, .len = len, .pos = *pos, .skip = skip, .skip_end = skip_end, .pool = *pool,
		     .decimal_point = lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point[0] : '.'};
	cJSON *root = value(&b, 0);
	*pos = b.pos;
	return b.failed ? NULL : root;
}
