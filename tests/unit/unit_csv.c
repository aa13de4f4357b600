/* unit_csv.c: the RFC 4180 reader (load/csv.h): quoted fields with commas, line ends and
 * doubled quotes, CRLF and LF, a byte order mark, blank lines, the place of every field (in
 * characters), and each mistake reported at its place: an unclosed quote, text after a closing
 * quote, a row of the wrong length, invalid UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "csv.h"

static int parse(const char *text, csv_table *t, diags *d)
{
	return csv_parse(text, strlen(text), "t.csv", t, d);
}

static void quoted_fields_keep_commas_line_ends_and_quotes(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("id,name,description\r\n1,\"Koffie, thee\",\"Zeg \"\"hallo\"\"\r\nen kom\"\r\n2,,\"\"\r\n",
			       &t, &d),
			 0);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(csv_get(&t, 0, 1), "Koffie, thee");
	assert_string_equal(csv_get(&t, 0, 2), "Zeg \"hallo\"\r\nen kom");
	assert_string_equal(csv_get(&t, 1, 1), "");
	assert_string_equal(csv_get(&t, 1, 2), "");
	assert_int_equal(t.rows[1].line, 4); /* the quoted line end counts */
	assert_int_equal(csv_column(&t, "description"), 2);
	assert_int_equal(csv_column(&t, "nope"), -1);
	assert_string_equal(csv_get(&t, 0, -1), "");
	csv_free(&t);
	diags_free(&d);
}

static void fields_know_their_line_and_column_in_characters(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("\xEF\xBB\xBFnaam,wijk\nÉén café,Oost\n\n\nTwee,\"Zuid\"\n", &t, &d), 0);
	assert_int_equal(t.nrows, 2); /* blank lines are no rows */
	assert_string_equal(t.head[0].text, "naam"); /* the byte order mark is gone */
	assert_int_equal(t.rows[0].f[1].line, 2);
	assert_int_equal(t.rows[0].f[1].col, 10); /* "Één café," is 9 characters */
	assert_int_equal(t.rows[1].line, 5);
	assert_int_equal(t.rows[1].f[1].col, 6);
	csv_free(&t);
	diags_free(&d);
}

static void a_row_of_the_wrong_length_is_kept_and_reported(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("a,b,c\n1,2\n1,2,3,4\n", &t, &d), 2);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(csv_get(&t, 0, 2), "");
	assert_string_equal(csv_get(&t, 1, 2), "3");
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[1].line, 3);
	assert_non_null(strstr(d.v[0].msg, "2 velden, de kopregel 3"));
	csv_free(&t);
	diags_free(&d);
}

static void an_unclosed_quote_is_reported_where_it_opens(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("a,b\n1,2\n3,\"vier\n5,6\n", &t, &d), 1);
	assert_int_equal(t.nrows, 1); /* the row it opened in is not kept */
	assert_int_equal(d.v[0].line, 3);
	assert_int_equal(d.v[0].col, 3);
	assert_non_null(strstr(d.v[0].msg, "niet gesloten"));
	csv_free(&t);
	diags_free(&d);
}

static void text_after_a_closing_quote_is_reported(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("a,b\n\"x\"y,2\n", &t, &d), 1);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 4);
	assert_string_equal(csv_get(&t, 0, 0), "x");
	assert_string_equal(csv_get(&t, 0, 1), "2"); /* the columns do not shift */
	csv_free(&t);
	diags_free(&d);
}

static void invalid_utf8_is_refused_at_its_place(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(parse("a,b\nok,\xff\n", &t, &d), 1);
	assert_int_equal(t.nrows, 0);
	assert_int_equal(d.v[0].line, 2);
	assert_int_equal(d.v[0].col, 4);
	csv_free(&t);
	diags_free(&d);
}

static void an_empty_text_is_an_empty_table(void **state)
{
	(void)state;
	csv_table t;
	diags d = {0};
	assert_int_equal(csv_parse("", 0, "t.csv", &t, &d), 0);
	assert_int_equal(t.ncols, 0);
	assert_int_equal(t.nrows, 0);
	assert_string_equal(csv_get(&t, 0, 0), "");
	csv_free(&t);
	assert_int_equal(csv_read("/nonexistent/t.csv", &t, &d), 1);
	assert_int_equal(t.nrows, 0);
	csv_free(&t);
	diags_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_fields_keep_commas_line_ends_and_quotes),
		cmocka_unit_test(fields_know_their_line_and_column_in_characters),
		cmocka_unit_test(a_row_of_the_wrong_length_is_kept_and_reported),
		cmocka_unit_test(an_unclosed_quote_is_reported_where_it_opens),
		cmocka_unit_test(text_after_a_closing_quote_is_reported),
		cmocka_unit_test(invalid_utf8_is_refused_at_its_place),
		cmocka_unit_test(an_empty_text_is_an_empty_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
