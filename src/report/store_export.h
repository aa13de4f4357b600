/* store_export.h: referrals as tables for spreadsheets and scripts: CSV (RFC 4180 with the
 * separator given, UTF-8, CRLF line ends, a header row with Dutch column names; every text cell
 * guarded against formulas) and JSON ({"version": 1, "referrals": [objects]}, English
 * snake_case keys, as every JSON document the program writes). Pseudonymised: the case code and
 * ids, dates without the time of day; the free-text note only when asked for. No SQLite here:
 * rows come from store_referrals_each. */
#ifndef INFOKAART_STORE_EXPORT_H
#define INFOKAART_STORE_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "store.h"
#include "util.h"

typedef enum { STORE_CSV, STORE_JSON } store_format;

/* The "version" of every JSON document the commands write (export, followups, case, stats,
 * suggest, questions): raised when a key changes meaning or goes. */
#define STORE_JSON_VERSION "1"

/* Writes the referrals created on or after since (YYYY-MM-DD or NULL for all), oldest first,
 * to out (CSV fields split by sep): columns code, datum, rol, profiel, activiteit, wijk,
 * leeftijd, eenzaamheid, toestemming, toestemming_hoe, nazorg, status, afgesloten and, with
 * with_notes, notitie (in JSON: case_code, date, role, profile, activity, wijk, age_group,
 * loneliness, consent, consent_how, followup_date, status, closed_on, note).
 * *rows (may be NULL) is the number of referrals written. Returns 0; -1 with err filled for a
 * database error; -2 when writing to out failed (errno says why). */
int store_export(store *s, FILE *out, store_format fmt, char sep, const char *since,
		 bool with_notes, int *rows, store_err *err);

/* The building blocks, for tables that add columns of their own (infokaart followups).
 * A CSV field (split by sep) or JSON member is preceded by its separator unless it starts a
 * row or object. */
/* A text cell: quoted only where RFC 4180 needs it, an apostrophe before a formula wherever
 * a spreadsheet could start a cell (also after ',', ';', tab or a line end inside it). */
void store_csv_field(strbuf *b, char sep, const char *v);
void store_csv_number(strbuf *b, char sep, long long v);      /* a number, as it is */
void store_csv_header(strbuf *b, char sep, bool with_notes);  /* the column names, no line end */
void store_csv_referral(strbuf *b, char sep, const store_referral *r, bool with_notes);
void store_json_referral(strbuf *b, const store_referral *r, bool with_notes); /* members only,
                                                                                * no braces */
/* "key": (with its comma where one is due), for a value the caller writes. */
void store_json_key(strbuf *b, const char *key);
/* A JSON member "key": value, value a string (NULL writes null). */
void store_json_member(strbuf *b, const char *key, const char *value);

/* The local date (YYYY-MM-DD) of unix seconds t. */
void store_local_date(int64_t t, char buf[11]);

#endif
