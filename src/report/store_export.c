/* store_export.c: referrals as CSV or JSON (see store_export.h). In CSV every text cell is
 * guarded: where a spreadsheet may start a cell (the start, and after any separator it might
 * split on: ',' ';' tab or a line end) a formula character (= + - @, tab, CR) gets an
 * apostrophe before it, so the spreadsheet shows text instead of running it (OWASP "CSV
 * injection"; Excel set to Dutch splits on ';'). JSON keeps the text, escaped (jsonw). */
#include "store_export.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsonw.h"

/* In the order of the columns; the note last. CSV headers are Dutch, for the coordinators'
 * spreadsheets; JSON keys are English snake_case, as in every JSON the program writes. */
static const char *const columns[] = {
	"code",        "datum",       "rol",    "profiel",    "activiteit",
	"wijk",        "leeftijd",    "eenzaamheid", "toestemming", "toestemming_hoe",
	"nazorg",      "status",      "afgesloten",  "notitie",
};
static const char *const json_keys[] = {
	"case_code", "date", "role", "profile", "activity", "wijk", "age_group", "loneliness",
	"consent", "consent_how", "followup_date", "status", "closed_on", "note",
};
_Static_assert(ARRAY_LEN(json_keys) == ARRAY_LEN(columns), "a JSON key per column");
enum { NOTE_COLUMN = ARRAY_LEN(columns) - 1 };
static const char consent_yes[] = "ja", consent_no[] = "nee";

void store_local_date(int64_t t, char buf[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!localtime_r(&tt, &tm) || strftime(buf, 11, "%Y-%m-%d", &tm) != 10)
		snprintf(buf, 11, "0000-00-00");
}

/* The values of r in column order (dates into the caller's buffers); NULL: none. */
static void values(const store_referral *r, const char *v[ARRAY_LEN(columns)], char created[11],
		   char closed[11])
{
	store_local_date(r->created_at, created);
	if (r->closed_at)
		store_local_date(r->closed_at, closed);
	const char *row[] = {
		r->case_code,   created,        r->role,          r->profile, r->activity,
		r->wijk,        r->age_group,   r->loneliness,    r->consent ? consent_yes : consent_no,
		r->consent_how, r->followup_date, r->status, r->closed_at ? closed : NULL, r->note,
	};
	_Static_assert(ARRAY_LEN(row) == ARRAY_LEN(columns), "a value per column");
	memcpy(v, row, sizeof row);
}

/* Where a spreadsheet may begin a cell, and what makes a cell a formula there. */
static bool cell_boundary(char c)
{
	return c == ',' || c == ';' || c == '\t' || c == '\r' || c == '\n';
}

static bool formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/* Starts a field: its separator unless it starts the row. */
static void next_field(strbuf *b, char sep)
{
	if (b->len && b->s[b->len - 1] != '\n')
		sb_appendc(b, sep);
}

void store_csv_field(strbuf *b, char sep, const char *v)
{
	next_field(b, sep);
	v = v ? v : "";
	bool quote = false;
	for (const char *p = v; *p && !quote; p++)
		quote = *p == sep || *p == '"' || *p == '\r' || *p == '\n';
	if (quote)
		sb_appendc(b, '"');
	for (const char *p = v; *p; p++) {
		if (formula_start(*p) && (p == v || cell_boundary(p[-1])))
			sb_appendc(b, '\'');
		if (*p == '"')
			sb_appendc(b, '"');
		sb_appendc(b, *p);
	}
	if (quote)
		sb_appendc(b, '"');
}

void store_csv_number(strbuf *b, char sep, long long v)
{
	next_field(b, sep);
	sb_printf(b, "%lld", v);
}

void store_csv_header(strbuf *b, char sep, bool with_notes)
{
	for (size_t i = 0; i < ARRAY_LEN(columns); i++)
		if (i != NOTE_COLUMN || with_notes)
			store_csv_field(b, sep, columns[i]);
}

void store_csv_referral(strbuf *b, char sep, const store_referral *r, bool with_notes)
{
	const char *v[ARRAY_LEN(columns)];
	char created[11], closed[11];
	values(r, v, created, closed);
	for (size_t i = 0; i < ARRAY_LEN(columns); i++)
		if (i != NOTE_COLUMN || with_notes)
			store_csv_field(b, sep, v[i]);
}

void store_json_key(strbuf *b, const char *key)
{
	if (b->len && b->s[b->len - 1] != '{' && b->s[b->len - 1] != '[')
		sb_appendc(b, ',');
	jsonw_key(b, key);
}

void store_json_member(strbuf *b, const char *key, const char *value)
{
	store_json_key(b, key);
	jsonw_str(b, value);
}

void store_json_referral(strbuf *b, const store_referral *r, bool with_notes)
{
	const char *v[ARRAY_LEN(columns)];
	char created[11], closed[11];
	values(r, v, created, closed);
	for (size_t i = 0; i < ARRAY_LEN(columns); i++) {
		if (i == NOTE_COLUMN && !with_notes)
			continue;
		if (v[i] == consent_yes || v[i] == consent_no) { /* a JSON boolean */
			store_json_key(b, json_keys[i]);
			sb_append(b, r->consent ? "true" : "false");
		} else {
			store_json_member(b, json_keys[i], v[i]);
		}
	}
}

typedef struct {
	FILE *out;
	store_format fmt;
	char sep;
	bool with_notes;
	int rows;
	strbuf b;
} export_ctx;

static int flush(export_ctx *x)
{
	size_t n = x->b.len;
	int ok = n == 0 || fwrite(x->b.s, 1, n, x->out) == n;
	x->b.len = 0;
	if (x->b.s)
		x->b.s[0] = '\0';
	return ok ? 0 : -2;
}

static int export_row(const store_referral *r, void *ctx)
{
	export_ctx *x = ctx;
	if (x->fmt == STORE_CSV) {
		store_csv_referral(&x->b, x->sep, r, x->with_notes);
		sb_append(&x->b, "\r\n");
	} else {
		sb_append(&x->b, x->rows ? ",\n{" : "\n{");
		store_json_referral(&x->b, r, x->with_notes);
		sb_appendc(&x->b, '}');
	}
	x->rows++;
	return x->b.len >= 1 << 16 ? flush(x) : 0;
}

int store_export(store *s, FILE *out, store_format fmt, char sep, const char *since,
		 bool with_notes, int *rows, store_err *err)
{
	export_ctx x = {.out = out, .fmt = fmt, .sep = sep, .with_notes = with_notes};
	if (fmt == STORE_CSV) {
		store_csv_header(&x.b, sep, with_notes);
		sb_append(&x.b, "\r\n");
	} else {
		sb_append(&x.b, "{\"version\":" STORE_JSON_VERSION ",\"referrals\":[");
	}
	int ret = store_referrals_each(s, since, export_row, &x, err);
	if (ret == 0) {
		if (fmt == STORE_JSON)
			sb_append(&x.b, x.rows ? "\n]}\n" : "]}\n");
		ret = flush(&x);
	}
	if (ret == 0 && fflush(out) != 0)
		ret = -2;
	sb_free(&x.b);
	if (rows)
		*rows = x.rows;
	return ret;
}
