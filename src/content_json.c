/* content_json.c: typed, self-reporting getters over a cJSON tree (see content_json.h).
 * Positions come from jsonscan, because cJSON keeps none. */
#include "content_json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The top-level member that is read one element at a time (see ld.stream). */
static const char streamed_key[] = "activities";

/* read_file, in one read of the file's size where it has one (a catalogue can be 100 MB). */
static char *read_whole(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		if (fd >= 0)
			close(fd);
		return read_file(path, len);
	}
	size_t want = (size_t)st.st_size, got = 0;
	char *text = xmalloc(want + 1);
	while (got < want) {
		ssize_t n = read(fd, text + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	int err = errno;
	close(fd);
	if (got < want) { /* it shrank, or a read failed: read_file tells which */
		free(text);
		errno = err;
		return read_file(path, len);
	}
	text[got] = '\0';
	*len = got;
	return text;
}

int ld_open(ld *L, const char *path, diags *d, arena *a)
{
	*L = (ld){.file = path, .d = d, .a = a};
	L->text = read_whole(path, &L->len);
	if (!L->text) {
		diags_add(d, path, 0, 0, "cannot read the file: %s", strerror(errno));
		L->nerr++;
		return -1;
	}
	jsonscan_member *m;
	int nm;
	int n = jsonscan_check_top(L->text, L->len, path, d, &m, &nm);
	if (n) {
		free(m);
		L->nerr += n;
		return -1;
	}
	size_t bom = L->len >= 3 && memcmp(L->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t skip = 0, skip_end = 0, pos = bom;
	for (int i = 0; i < nm; i++)
		if (m[i].key_end - m[i].key == sizeof streamed_key - 1 &&
		    memcmp(L->text + m[i].key, streamed_key, sizeof streamed_key - 1) == 0 &&
		    L->text[m[i].value] == '[' && m[i].count > 0) {
			skip = m[i].value;
			skip_end = m[i].value_end;
			L->stream.count = m[i].count;
			L->stream.pos = m[i].value + 1;
		}
	free(m);
	L->root = ld_tree_build(&L->pool, L->text, L->len, &pos, skip, skip_end);
	if (!L->root) {
		/* jsonscan accepted it, so this is a number cJSON would not read */
		diags_add(d, path, 0, 0, "cannot parse the file");
		L->nerr++;
		return -1;
	}
	if (!cJSON_IsObject(L->root)) {
		diags_add(d, path, 1, 1, "the file must hold one JSON object { … }");
		L->nerr++;
		return -1;
	}
	if (skip_end > skip)
		L->stream.node = cJSON_GetObjectItemCaseSensitive(L->root, streamed_key);
	L->stream.diags_before = d->n;
	return 0;
}

void ld_close(ld *L)
{
	ld_pool_free(L->pool);
	ld_pool_free(L->stream.pool);
	free(L->text);
	L->pool = L->stream.pool = NULL;
	L->root = NULL;
	L->text = NULL;
}

static bool key_eq(const cJSON *k, const char *key)
{
	return k->string && k->string[0] == key[0] && strcmp(k->string, key) == 0;
}

const cJSON *ld_get(ld *L, const cJSON *obj, const char *key)
{
	if (!cJSON_IsObject(obj) || obj->valueint != LD_KEYS_DISTINCT)
		return cJSON_GetObjectItemCaseSensitive(obj, key);
	/* the only match is the first one: search from the last find to the end, then the rest */
	const cJSON *from = L->hint_obj == obj && L->hint ? L->hint->next : obj->child;
	for (const cJSON *k = from; k; k = k->next)
		if (key_eq(k, key))
			return L->hint_obj = obj, L->hint = k;
	for (const cJSON *k = obj->child; k && k != from; k = k->next)
		if (key_eq(k, key))
			return L->hint_obj = obj, L->hint = k;
	return NULL;
}

int ld_array_size(const ld *L, const cJSON *arr)
{
	return arr && arr == L->stream.node ? L->stream.count : cJSON_GetArraySize(arr);
}

/* Builds the streamed list's next element in place of the one before. */
static const cJSON *stream_element(ld *L)
{
	if (L->stream.next >= L->stream.count)
		return NULL;
	ld_pool_reset(L->stream.pool);
	L->hint_obj = L->hint = NULL; /* the new tree reuses the old one's memory */
	size_t p = L->stream.pos;
	const cJSON *v = ld_tree_build(&L->stream.pool, L->text, L->len, &p, 0, 0);
	if (!v) {
		/* cJSON would have refused the whole file: say only that, as ld_open would have */
		for (int i = L->stream.diags_before; i < L->d->n; i++) {
			free(L->d->v[i].file);
			free(L->d->v[i].msg);
		}
		L->nerr -= L->d->n - L->stream.diags_before;
		L->d->n = L->stream.diags_before;
		diags_add(L->d, L->file, 0, 0, "cannot parse the file");
		L->nerr++;
		L->stream.failed = true;
		L->stream.next = L->stream.count;
		return NULL;
	}
	while (p < L->len && (L->text[p] == ' ' || L->text[p] == '\t' || L->text[p] == '\n' || L->text[p] == '\r' || L->text[p] == ','))
		p++;
	L->stream.pos = p;
	L->stream.next++;
	return v;
}

const cJSON *ld_first(ld *L, const cJSON *arr)
{
	if (!arr || arr != L->stream.node)
		return arr ? arr->child : NULL;
	L->stream.next = 0;
	return stream_element(L);
}

const cJSON *ld_next(ld *L, const cJSON *arr, const cJSON *v)
{
	return arr && arr == L->stream.node ? stream_element(L) : v->next;
}

void ld_push_key(ld *L, const char *key)
{
	if (L->depth < LD_MAX_PATH)
		L->path[L->depth] = (jsonpath_step){key, 0};
	L->depth++;
}

void ld_push_index(ld *L, int i)
{
	if (L->depth < LD_MAX_PATH)
		L->path[L->depth] = (jsonpath_step){NULL, i};
	L->depth++;
}

void ld_pop(ld *L)
{
	L->depth--;
}

void ld_err(ld *L, bool at_key, const char *fmt, ...)
{
	int n = L->depth < LD_MAX_PATH ? L->depth : LD_MAX_PATH;
	strbuf p = {0};
	for (int i = 0; i < n; i++) {
		if (L->path[i].key)
			sb_printf(&p, "%s%s", i ? "." : "", L->path[i].key);
		else
			sb_printf(&p, "[%d]", L->path[i].index);
	}
	size_t off = jsonscan_locate(L->text, L->len, L->path, n, at_key);
	int line, col;
	jsonscan_linecol(L->text, L->len, off, &line, &col);
	strbuf m = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&m, fmt, ap);
	va_end(ap);
	diags_add(L->d, L->file, line, col, "%s: %s", p.len ? p.s : "(top level)", m.s);
	sb_free(&p);
	sb_free(&m);
	L->nerr++;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsBool(v))
		return "true/false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "a list [ … ]";
	return "an object { … }";
}

bool ld_object(ld *L, const cJSON *obj, const char *const allowed[])
{
	if (!cJSON_IsObject(obj)) {
		ld_err(L, false, "must be an object { … }, not %s", type_name(obj));
		return false;
	}
	int nallowed = 0;
	while (allowed[nallowed])
		nallowed++;
	int at = 0; /* keys usually come in the order of `allowed`: look there first */
	for (const cJSON *k = obj->child; k; k = k->next) {
		if (k->string[0] == '_')
			continue;
		bool ok = false;
		for (int i = 0; i < nallowed && !ok; i++, at = at + 1 < nallowed ? at + 1 : 0)
			ok = allowed[at][0] == k->string[0] && strcmp(allowed[at], k->string) == 0;
		if (!ok) {
			ld_push_key(L, k->string);
			ld_err(L, true, "unknown key '%s'", k->string);
			ld_pop(L);
		}
	}
	return true;
}

/* Looks key up and pushes it on the path; reports a missing required key at the object. */
static const cJSON *field(ld *L, const cJSON *obj, const char *key, bool required)
{
	const cJSON *v = ld_get(L, obj, key);
	if (!v && required)
		ld_err(L, false, "missing key '%s'", key);
	if (v)
		ld_push_key(L, key);
	return v;
}

/* Short strings (names, ids, urls) hold no newline or tab. */
static bool plain_line(ld *L, const char *s)
{
	if (strpbrk(s, "\n\t")) {
		ld_err(L, false, "must be one line (no newline or tab)");
		return false;
	}
	return true;
}

bool ld_elem_string(ld *L, const cJSON *v, const char **out)
{
	if (!cJSON_IsString(v)) {
		ld_err(L, false, "must be a string, not %s", type_name(v));
		return false;
	}
	if (!v->valuestring[0]) {
		ld_err(L, false, "must not be empty");
		return false;
	}
	if (!plain_line(L, v->valuestring))
		return false;
	*out = arena_strdup(L->a, v->valuestring);
	return true;
}

bool ld_string(ld *L, const cJSON *obj, const char *key, bool required, const char **out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = false;
	if (cJSON_IsNull(v) && !required)
		ok = false;
	else
		ok = ld_elem_string(L, v, out);
	ld_pop(L);
	return ok;
}

bool ld_is_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

bool ld_id(ld *L, const cJSON *obj, const char *key, const char **out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = ld_elem_string(L, v, out);
	if (ok && !ld_is_id(*out)) {
		ld_err(L, false, "'%s' is not a valid id (a-z, 0-9, _ and -, starting with a letter, at most 64)", *out);
		ok = false;
	}
	ld_pop(L);
	return ok;
}

static bool text_lang(ld *L, const cJSON *obj, const char *lang, const char **out)
{
	const cJSON *v = field(L, obj, lang, true);
	if (!v)
		return false;
	bool ok = false;
	if (!cJSON_IsString(v))
		ld_err(L, false, "must be a string, not %s", type_name(v));
	else if (!v->valuestring[0])
		ld_err(L, false, "must not be empty");
	else if (strchr(v->valuestring, '\t'))
		ld_err(L, false, "tabs are not allowed in text");
	else
		ok = true;
	if (ok)
		*out = arena_strdup(L->a, v->valuestring);
	ld_pop(L);
	return ok;
}

bool ld_elem_text(ld *L, const cJSON *v, ik_text *out)
{
	static const char *const keys[] = {"nl", "en", NULL};
	if (!ld_object(L, v, keys))
		return false;
	bool nl = text_lang(L, v, "nl", &out->nl);
	bool en = text_lang(L, v, "en", &out->en);
	return nl && en;
}

bool ld_text(ld *L, const cJSON *obj, const char *key, bool required, ik_text *out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = ld_elem_text(L, v, out);
	ld_pop(L);
	return ok;
}

bool ld_text_ptr(ld *L, const cJSON *obj, const char *key, const ik_text **out)
{
	const cJSON *v = ld_get(L, obj, key);
	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return false;
	ik_text *t = arena_alloc(L->a, sizeof *t);
	ld_push_key(L, key);
	bool ok = ld_elem_text(L, v, t);
	ld_pop(L);
	if (ok)
		*out = t;
	return ok;
}

bool ld_int(ld *L, const cJSON *obj, const char *key, bool required, int lo, int hi, int *out)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return false;
	bool ok = false;
	if (!cJSON_IsNumber(v))
		ld_err(L, false, "must be a whole number, not %s", type_name(v));
	else if (v->valuedouble != (double)(long long)v->valuedouble)
		ld_err(L, false, "must be a whole number");
	else if (v->valuedouble < lo || v->valuedouble > hi)
		ld_err(L, false, "must be between %d and %d", lo, hi);
	else {
		*out = (int)v->valuedouble;
		ok = true;
	}
	ld_pop(L);
	return ok;
}

bool ld_bool(ld *L, const cJSON *obj, const char *key, bool *out)
{
	const cJSON *v = field(L, obj, key, false);
	if (!v)
		return false;
	bool ok = cJSON_IsBool(v);
	if (ok)
		*out = cJSON_IsTrue(v);
	else
		ld_err(L, false, "must be true or false, not %s", type_name(v));
	ld_pop(L);
	return ok;
}

const cJSON *ld_array(ld *L, const cJSON *obj, const char *key, bool required, int min_items)
{
	const cJSON *v = field(L, obj, key, required);
	if (!v)
		return NULL;
	const cJSON *r = NULL;
	if (!cJSON_IsArray(v))
		ld_err(L, false, "must be a list [ … ], not %s", type_name(v));
	else if (ld_array_size(L, v) < min_items)
		ld_err(L, false, "must hold at least %d item%s", min_items, min_items == 1 ? "" : "s");
	else
		r = v;
	ld_pop(L);
	return r;
}

bool ld_elem_enum(ld *L, const cJSON *v, const char *const vals[], int *out)
{
	if (!cJSON_IsString(v)) {
		ld_err(L, false, "must be a string, not %s", type_name(v));
		return false;
	}
	for (int i = 0; vals[i]; i++) {
		if (vals[i][0] == v->valuestring[0] && strcmp(vals[i], v->valuestring) == 0) {
			*out = i;
			return true;
		}
	}
	strbuf b = {0};
	for (int i = 0; vals[i]; i++)
		sb_printf(&b, "%s%s", i ? ", " : "", vals[i]);
	ld_err(L, false, "unknown value '%.60s' (expected one of: %s)", v->valuestring, b.s);
	sb_free(&b);
	return false;
}

bool ld_enum(ld *L, const cJSON *obj, const char *key, const char *const vals[], int *out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = ld_elem_enum(L, v, vals, out);
	ld_pop(L);
	return ok;
}

static bool digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*out = *out * 10 + (s[i] - '0');
	}
	return true;
}

/* date_parse, without its sscanf for the usual form: ten characters YYYY-MM-DD of digits, with
 * date_parse's own rules (years 1900-2999, a day that exists). Anything else goes to it. */
static int parse_date(const char *s, int *days)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	if (!(strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &y) && digits(s + 5, 2, &m) &&
	      digits(s + 8, 2, &d)))
		return date_parse(s, days);
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return -1;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	*days = date_days(y, m, d);
	return 0;
}

bool ld_date(ld *L, const cJSON *obj, const char *key, int *days_out)
{
	const cJSON *v = field(L, obj, key, true);
	if (!v)
		return false;
	bool ok = cJSON_IsString(v) && parse_date(v->valuestring, days_out) == 0;
	if (!ok)
		ld_err(L, false, "must be a date YYYY-MM-DD that exists in the calendar");
	ld_pop(L);
	return ok;
}

bool ld_version(ld *L)
{
	int v;
	if (!ld_int(L, L->root, "version", true, 0, 1000, &v))
		return false;
	if (v != 1) {
		ld_push_key(L, "version");
		ld_err(L, false, "format version %d is not known to this program (expected 1)", v);
		ld_pop(L);
		return false;
	}
	return true;
}

static bool one_condition(ld *L, const content *c, const cJSON *cond, int before, ik_cond *out)
{
	static const char *const keys[] = {"question", "any", "none", NULL};
	if (!ld_object(L, cond, keys))
		return false;
	const char *qid;
	if (!ld_string(L, cond, "question", true, &qid))
		return false;
	int q = content_question_index(c, qid);
	if (q < 0 || (before >= 0 && q >= before)) {
		ld_push_key(L, "question");
		ld_err(L, false, q < 0 ? "no question has the id '%s'" : "question '%s' must come earlier in the walk-through", qid);
		ld_pop(L);
		return false;
	}
	const ik_question *qq = &c->questions[q];
	if ((qq->type == Q_SINGLE || qq->type == Q_MULTI) && qq->nopts == 0)
		return false; /* that question's own mistakes are reported there; no cascade here */
	const cJSON *any = cJSON_GetObjectItemCaseSensitive(cond, "any");
	const cJSON *none = cJSON_GetObjectItemCaseSensitive(cond, "none");
	if (!!any == !!none) {
		ld_err(L, false, "a condition needs exactly one of 'any' or 'none'");
		return false;
	}
	const char *which = any ? "any" : "none";
	const cJSON *arr = ld_array(L, cond, which, true, 1);
	if (!arr)
		return false;
	if (qq->type != Q_SINGLE && qq->type != Q_MULTI) {
		ld_push_key(L, "question");
		ld_err(L, false, "question '%s' has no options to test", qid);
		ld_pop(L);
		return false;
	}
	*out = (ik_cond){.question = q, .none = none != NULL};
	bool ok = true;
	ld_push_key(L, which);
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		const char *oid;
		if (ld_elem_string(L, v, &oid)) {
			int o = content_option_index(qq, oid);
			if (o < 0) {
				ld_err(L, false, "question '%s' has no option '%s'", qid, oid);
				ok = false;
			} else {
				out->opts |= UINT64_C(1) << o;
			}
		} else {
			ok = false;
		}
		ld_pop(L);
	}
	ld_pop(L);
	return ok;
}

bool ld_conditions(ld *L, const content *c, const cJSON *arr, int before, ik_cond **out, int *n)
{
	int cnt = cJSON_GetArraySize(arr);
	*out = arena_alloc(L->a, (size_t)cnt * sizeof **out);
	*n = cnt;
	bool ok = true;
	int i = 0;
	for (const cJSON *v = arr->child; v; v = v->next, i++) {
		ld_push_index(L, i);
		ok &= one_condition(L, c, v, before, &(*out)[i]);
		ld_pop(L);
	}
	return ok;
}
