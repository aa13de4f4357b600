/* csv.h: a small RFC 4180 reader, for the tables of an HSDS tabular package (services.csv,
 * phones.csv, …). Fields are separated by commas, rows by CRLF or LF; a field in double quotes
 * may hold commas, line ends and "" for a quote. The first row names the columns. Every field
 * keeps its line and column, so that a message can point at it. Strict where a mistake would
 * shift the columns: an unclosed quote, text after a closing quote and invalid UTF-8 are
 * reported as file:line:col; a row with a different number of fields than the header is kept
 * (missing fields empty, extra ones dropped) and reported. No allocation per field beyond the
 * text itself; no third-party headers. */
#ifndef INFOKAART_CSV_H
#define INFOKAART_CSV_H

#include <stddef.h>

#include "diag.h"

/* One field: its text (NUL-terminated, quotes and "" undone) and where it starts. */
typedef struct {
	const char *text;
	int line, col; /* 1-based; col counts characters */
} csv_field;

typedef struct {
	csv_field *f; /* ncols of them (a short row is padded with empty fields) */
	int line;     /* the line the row starts on */
} csv_row;

typedef struct {
	char *file;      /* as given, owned */
	csv_field *head; /* the column names (ncols) */
	int ncols;
	csv_row *rows;   /* the data rows (a blank line is no row) */
	int nrows;
	char *store;     /* owns every field's text */
	csv_field *cells;/* owns every row's fields */
} csv_table;

/* Parses text[0..len) (a UTF-8 byte order mark is skipped) into *t. Problems go to d as
 * file:line:col. Returns the number of problems; t holds what could be read either way (an
 * unclosed quote ends the table at the row it opened). Free t with csv_free. */
int csv_parse(const char *text, size_t len, const char *file, csv_table *t, diags *d);

/* Reads the file at path and parses it; a file that cannot be read is one problem. */
int csv_read(const char *path, csv_table *t, diags *d);

void csv_free(csv_table *t); /* leaves t empty */

/* The index of the column named name (case-sensitive, as HSDS writes them), or -1. */
int csv_column(const csv_table *t, const char *name);

/* The text of column col in row r: "" when col is -1. */
const char *csv_get(const csv_table *t, int r, int col);

#endif
