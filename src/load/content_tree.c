/* content_tree.c: builds cJSON trees, the same trees cJSON_ParseWithLength would build, but
 * into a pool that is freed (or reused) at once instead of one malloc per value, and checks the
 * text as it goes exactly as strictly as jsonscan_check does (UTF-8, control characters,
 * escapes, duplicate keys, depth, trailing text), in the same pass. It only says yes or no:
 * where the text is refused, the loader runs jsonscan over it to say what and where. A
 * catalogue is mostly read once, by this file; cJSON's parser alone costs several times as
 * much. Only the loader uses it. */
#include <langinfo.h>
#include <limits.h>
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
	bool failed;           /* refused: jsonscan or cJSON would refuse the text */
	size_t fail_at;        /* where the reading stopped then */
} builder;

/* Refuses the text at offset at; returns NULL so that callers can `return refuse(…)`. */
static void *refuse(builder *b, size_t at)
{
	if (!b->failed) {
		b->failed = true;
		b->fail_at = at;
	}
	return NULL;
}

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

/* Checks the string whose opening quote is at b->pos and decodes it into the pool; NULL when
 * it is refused. Sets *escaped when the raw string held an escape. */
static char *string(builder *b, bool *escaped)
{
	size_t q = ld_string_end(b->s, b->len, b->pos, escaped, &b->fail_at);
	if (!q)
		return refuse(b, b->fail_at);
	const char *start = b->s + b->pos + 1, *end = b->s + q;
	char *out = pool_get(b->pool, (size_t)(end - start) + 1, 1);
	b->pos = q + 1;
	if (*escaped) {
		ld_string_decode(start, end, out);
	} else { /* the common case: the raw bytes are the string */
		memcpy(out, start, (size_t)(end - start));
		out[end - start] = '\0';
	}
	return out;
}

static size_t digits_end(const char *s, size_t p, size_t len)
{
	while (p < len && s[p] >= '0' && s[p] <= '9')
		p++;
	return p;
}

/* A number: JSON's grammar, read as cJSON reads it (the C library's strtod with the locale's
 * decimal point, at most 63 characters below the top); plain integers of up to 15 digits are
 * exact without strtod. */
static cJSON *number(builder *b, int depth)
{
	const char *s = b->s;
	size_t st = b->pos, p = st + (s[st] == '-'), len = b->len;
	if (p >= len)
		return refuse(b, len);
	if (s[p] == '0')
		p++;
	else if (s[p] >= '1' && s[p] <= '9')
		p = digits_end(s, p, len);
	else
		return refuse(b, st);
	size_t int_end = p;
	if (p < len && s[p] == '.') {
		if (p + 1 >= len || s[p + 1] < '0' || s[p + 1] > '9')
			return refuse(b, p + 1);
		p = digits_end(s, p + 1, len);
	}
	if (p < len && (s[p] == 'e' || s[p] == 'E')) {
		p += p + 1 < len && (s[p + 1] == '+' || s[p + 1] == '-') ? 2 : 1;
		if (p >= len || s[p] < '0' || s[p] > '9')
			return refuse(b, p);
		p = digits_end(s, p, len);
	}
	cJSON *n = new_node(b, cJSON_Number);
	size_t ndigits = int_end - st - (s[st] == '-');
	if (p == int_end && ndigits <= 15) {
		long long whole = 0;
		for (size_t i = int_end - ndigits; i < int_end; i++)
			whole = whole * 10 + (s[i] - '0');
		n->valuedouble = s[st] == '-' ? -(double)whole : (double)whole;
	} else {
		char buf[64];
		size_t k = p - st < sizeof buf - 1 ? p - st : sizeof buf - 1;
		if (p - st > k && depth > 1)
			return refuse(b, st); /* cJSON stops after 63 characters and trips over the rest */
		memcpy(buf, s + st, k);
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

/* Adds the raw span of the key just read to keys (grown from the caller's small array). */
static void note_key(jsonscan_span **keys, int *n, int *cap, jsonscan_span *small, jsonscan_span k)
{
	if (*n == *cap) {
		*cap *= 2;
		if (*keys == small) {
			*keys = xmalloc((size_t)*cap * sizeof **keys);
			memcpy(*keys, small, (size_t)*n * sizeof **keys);
		} else {
			*keys = xrealloc(*keys, (size_t)*cap * sizeof **keys);
		}
	}
	(*keys)[(*n)++] = k;
}

/* Reads one member's key and the ':' after it into *key; false when refused. */
static bool member_key(builder *b, char **key, bool *escaped, jsonscan_span *span)
{
	if (b->pos >= b->len || b->s[b->pos] != '"')
		return refuse(b, b->pos < b->len ? b->pos : b->len), false;
	span->start = b->pos + 1;
	if (!(*key = string(b, escaped)))
		return false;
	span->end = b->pos - 1;
	skip_ws(b);
	if (b->pos >= b->len || b->s[b->pos] != ':')
		return refuse(b, b->pos), false;
	b->pos++;
	return true;
}

/* Links v (named key in an object) after last among parent's children; returns v. */
static cJSON *append_child(cJSON *parent, cJSON *last, cJSON *v, char *key)
{
	v->string = key;
	if (last) {
		last->next = v;
		v->prev = last;
	} else {
		parent->child = v;
	}
	return v;
}

/* The members of an object or the elements of a list, linked as cJSON links them (the first
 * one's prev is the last). No two keys of an object may be equal as raw bytes (jsonscan's
 * rule); an object whose keys hold no escape therefore has distinct keys: it is marked
 * LD_KEYS_DISTINCT for ld_get. */
static cJSON *container(builder *b, int depth, bool object)
{
	cJSON *c = new_node(b, object ? cJSON_Object : cJSON_Array), *last = NULL;
	char close = object ? '}' : ']';
	jsonscan_span small[32], *keys = small;
	int nkeys = 0, cap = 32;
	bool distinct = true;
	b->pos++;
	skip_ws(b);
	if (b->pos < b->len && b->s[b->pos] == close) {
		b->pos++;
		return c;
	}
	while (!b->failed) {
		char *key = NULL;
		if (object) {
			bool escaped;
			jsonscan_span k;
			if (!member_key(b, &key, &escaped, &k))
				break;
			distinct &= !escaped;
			note_key(&keys, &nkeys, &cap, small, k);
		}
		cJSON *v = value(b, depth + 1);
		if (!v)
			break;
		last = append_child(c, last, v, key);
		skip_ws(b);
		if (b->pos >= b->len) {
			refuse(b, b->len);
		} else if (b->s[b->pos] == ',') {
			b->pos++;
			skip_ws(b);
		} else if (b->s[b->pos] == close) {
			b->pos++;
			break;
		} else {
			refuse(b, b->pos);
		}
	}
	if (!b->failed && nkeys > 1 && !jsonscan_keys_distinct(b->s, keys, nkeys))
		refuse(b, keys[0].start);
	if (keys != small)
		free(keys);
	if (b->failed)
		return NULL;
	c->child->prev = last;
	if (object && distinct)
		c->valueint = LD_KEYS_DISTINCT;
	return c;
}

/* The literal word at b->pos (true, false, null), or a refusal. */
static cJSON *literal(builder *b, const char *word, int type)
{
	size_t n = strlen(word);
	if (b->len - b->pos < n)
		return refuse(b, b->len);
	if (memcmp(b->s + b->pos, word, n) != 0)
		return refuse(b, b->pos);
	b->pos += n;
	cJSON *v = new_node(b, type);
	v->valueint = type == cJSON_True;
	return v;
}

static cJSON *value(builder *b, int depth)
{
	skip_ws(b);
	if (b->pos >= b->len)
		return refuse(b, b->len);
	if (depth > JSONSCAN_MAX_DEPTH)
		return refuse(b, b->pos);
	if (b->skip_end > b->skip && b->pos == b->skip) {
		b->pos = b->skip_end;
		return new_node(b, cJSON_Array);
	}
	switch (b->s[b->pos]) {
	case '{': return container(b, depth, true);
	case '[': return container(b, depth, false);
	case '"': {
		bool escaped;
		char *str = string(b, &escaped);
		if (!str)
			return NULL;
		cJSON *n = new_node(b, cJSON_String);
		n->valuestring = str;
		n->valueint = escaped ? 0 : LD_STRING_PLAIN;
		return n;
	}
	case 't': return literal(b, "true", cJSON_True);
	case 'f': return literal(b, "false", cJSON_False);
	case 'n': return literal(b, "null", cJSON_NULL);
	default: return number(b, depth);
	}
}

static builder builder_at(ld_pool **pool, const char *text, size_t len, size_t pos)
{
	if (!*pool)
		*pool = xcalloc(1, sizeof **pool);
	const char *point = nl_langinfo(RADIXCHAR); /* localeconv's, but safe in any thread */
	return (builder){
		.s = text, .len = len, .pos = pos, .pool = *pool, .decimal_point = point && point[0] ? point[0] : '.'};
}

cJSON *ld_tree_build(ld_pool **pool, const char *text, size_t len, size_t *pos, int depth, size_t *fail_at)
{
	builder b = builder_at(pool, text, len, *pos);
	cJSON *v = value(&b, depth);
	*pos = b.pos;
	if (fail_at)
		*fail_at = b.fail_at;
	return b.failed ? NULL : v;
}

cJSON *ld_tree_parse(ld_pool **pool, const char *text, size_t len, size_t skip, size_t skip_end)
{
	size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	builder b = builder_at(pool, text, len, bom);
	b.skip = skip;
	b.skip_end = skip_end;
	cJSON *root = value(&b, 1);
	skip_ws(&b);
	if (b.pos < len)
		refuse(&b, b.pos); /* text after the value */
	return b.failed ? NULL : root;
}

bool ld_tree_prefix(ld_pool **pool, const char *text, size_t len, const char *key, cJSON **root, size_t *pos,
		    size_t *fail_at)
{
	size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	builder b = builder_at(pool, text, len, bom);
	jsonscan_span small[32], *keys = small;
	int nkeys = 0, cap = 32;
	bool distinct = true, found = false;
	cJSON *obj = NULL, *last = NULL;
	skip_ws(&b);
	if (b.pos >= len || text[b.pos] != '{')
		refuse(&b, b.pos);
	else
		obj = new_node(&b, cJSON_Object);
	b.pos++;
	while (!b.failed && !found) {
		char *k;
		bool escaped;
		jsonscan_span span;
		skip_ws(&b);
		if (!member_key(&b, &k, &escaped, &span))
			break;
		distinct &= !escaped;
		note_key(&keys, &nkeys, &cap, small, span);
		skip_ws(&b);
		found = !escaped && strcmp(k, key) == 0 && b.pos < len && text[b.pos] == '[';
		cJSON *v = found ? new_node(&b, cJSON_Array) : value(&b, 2);
		if (!v)
			break;
		last = append_child(obj, last, v, k);
		obj->child->prev = last;
		skip_ws(&b);
		if (found)
			b.pos++; /* the list's '[' */
		else if (b.pos < len && text[b.pos] == ',')
			b.pos++;
		else
			refuse(&b, b.pos < len ? b.pos : len); /* '}' too: the list is missing */
	}
	if (!b.failed && !jsonscan_keys_distinct(text, keys, nkeys))
		refuse(&b, bom);
	if (keys != small)
		free(keys);
	if (!b.failed && distinct)
		obj->valueint = LD_KEYS_DISTINCT;
	*root = obj;
	*pos = b.pos;
	*fail_at = b.fail_at;
	return !b.failed;
}
