/* central_redact.c: passwords out of connection strings (see central.h), for messages. It
 * reads both forms libpq takes, postgresql:// URIs and key=value strings, a little more
 * greedily than libpq (a raw '@' or '/' in a password is still hidden), and scrubs messages of
 * a password libpq may repeat ("invalid percent-encoded token"). */
#include "central_internal.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { MAX_SECRETS = 8 };

/* Where the passwords are in a connection string: byte ranges of the raw text. */
typedef struct {
	struct {
		size_t at, len;
	} v[MAX_SECRETS];
	int n;
} secrets;

static void add_secret(secrets *s, const char *base, const char *from, const char *to)
{
	if (s->n < MAX_SECRETS && to > from) {
		s->v[s->n].at = (size_t)(from - base);
		s->v[s->n++].len = (size_t)(to - from);
	}
}

static int hexval(int ch) /* ch: an unsigned char's value */
{
	return isdigit(ch) ? ch - '0' : isxdigit(ch) ? tolower(ch) - 'a' + 10 : -1;
}

/* s[0..len) is "password", also when written with %XX escapes (libpq decodes keys too). */
static bool is_password_key(const char *s, size_t len)
{
	static const char want[] = "password";
	size_t k = 0;
	for (size_t i = 0; i < len; i++, k++) {
		int ch = (unsigned char)s[i];
		int hi = i + 2 < len ? hexval((unsigned char)s[i + 1]) : -1;
		int lo = i + 2 < len ? hexval((unsigned char)s[i + 2]) : -1;
		if (ch == '%' && hi >= 0 && lo >= 0) {
			ch = hi * 16 + lo;
			i += 2;
		}
		if (k >= sizeof want - 1 || ch != want[k])
			return false;
	}
	return k == sizeof want - 1;
}

/* postgresql://user:secret@host/db?password=secret: the userinfo ends at the last '@' before
 * the query (more than libpq takes, so a raw '/' or '@' in a password is covered too). */
static void uri_secrets(const char *url, secrets *s)
{
	const char *p = strstr(url, "://") + 3;
	const char *q = p + strcspn(p, "?");
	const char *at = NULL;
	for (const char *x = p; x < q; x++)
		if (*x == '@')
			at = x;
	const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
	if (colon)
		add_secret(s, url, colon + 1, at);
	while (*q) {
		const char *key = q + 1, *end = key + strcspn(key, "&");
		const char *eq = memchr(key, '=', (size_t)(end - key));
		if (eq && is_password_key(key, (size_t)(eq - key)))
			add_secret(s, url, eq + 1, end);
		q = end;
	}
}

static bool is_uri(const char *s)
{
	return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0;
}

/* A URI as a value inside a key=value string: its secrets, at their place in url. */
static void nested_uri_secrets(secrets *s, const char *url, const char *from, const char *to)
{
	char *copy = xstrndup(from, (size_t)(to - from));
	secrets inner = {.n = 0};
	uri_secrets(copy, &inner);
	for (int i = 0; i < inner.n; i++)
		add_secret(s, url, from + inner.v[i].at, from + inner.v[i].at + inner.v[i].len);
	free(copy);
}

/* key=value pairs as libpq reads them: values may be 'quoted', with \ escaping. A password
 * libpq cannot read (no '=') hides the rest of the string. */
static void conninfo_secrets(const char *url, secrets *s)
{
	const char *p = url;
	while (*p) {
		if (isspace((unsigned char)*p)) {
			p++;
			continue;
		}
		const char *key = p;
		while (*p && !isspace((unsigned char)*p) && *p != '=')
			p++;
		bool pw = p - key == 8 && strncmp(key, "password", 8) == 0;
		while (isspace((unsigned char)*p))
			p++;
		if (*p != '=') {
			if (pw)
				add_secret(s, url, p, p + strlen(p));
			return;
		}
		p++;
		while (isspace((unsigned char)*p))
			p++;
		const char *val = p;
		bool quoted = *p == '\'';
		p += quoted;
		while (*p && (quoted ? *p != '\'' : !isspace((unsigned char)*p)))
			p += p[0] == '\\' && p[1] ? 2 : 1;
		if (pw)
			add_secret(s, url, val + quoted, p);
		else if (is_uri(val + quoted))
			nested_uri_secrets(s, url, val + quoted, p); /* dbname=postgresql://… */
		p += quoted && *p;
	}
}

static void find_secrets(const char *url, secrets *s)
{
	s->n = 0;
	if (is_uri(url))
		uri_secrets(url, s);
	else
		conninfo_secrets(url, s);
}

/* Replaces every copy of secret in buf (size n) by "***". Secrets under four bytes are left
 * alone: replacing every "a" would make the message unreadable and protect nothing. */
static void scrub(char *buf, size_t n, const char *secret, size_t len)
{
	if (len < 4 || n == 0 || !memmem(buf, strlen(buf), secret, len))
		return;
	strbuf b = {0};
	const char *p = buf, *hit;
	while ((hit = memmem(p, strlen(p), secret, len))) {
		sb_appendn(&b, p, (size_t)(hit - p));
		sb_append(&b, "***");
		p = hit + len;
	}
	sb_append(&b, p);
	snprintf(buf, n, "%s", b.s);
	sb_free(&b);
}

void central_scrub(char *buf, size_t n, const char *url)
{
	secrets s;
	find_secrets(url, &s);
	for (int i = 0; i < s.n; i++)
		scrub(buf, n, url + s.v[i].at, s.v[i].len);
	PQconninfoOption *opts = PQconninfoParse(url, NULL);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (o->val && strcmp(o->keyword, "password") == 0)
			scrub(buf, n, o->val, strlen(o->val));
	PQconninfoFree(opts);
}

void central_redact(const char *url, char *buf, size_t n)
{
	if (n == 0)
		return;
	if (!url) {
		buf[0] = '\0';
		return;
	}
	secrets s;
	find_secrets(url, &s);
	strbuf b = {0};
	size_t done = 0;
	for (int i = 0; i < s.n; i++) {
		sb_appendn(&b, url + done, s.v[i].at - done);
		sb_append(&b, "***");
		done = s.v[i].at + s.v[i].len;
	}
	sb_append(&b, url + done);
	snprintf(buf, n, "%s", b.s);
	sb_free(&b);
	central_scrub(buf, n, url);
}
