/* unit_jsonscan.c: the strict JSON scanner, one behaviour per test: what it accepts, each
 * class of problem with its line:column, and the path lookup and character-counting column
 * that turn loader errors into places a coordinator can find in an editor. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "jsonscan.h"
#include "util.h"

/* Scans text[0..len) and returns the number of problems; the diags stay in *d. */
static int scan_n(const char *text, size_t len, diags *d)
{
	int n = jsonscan_check(text, len, "t.json", d);
	assert_int_equal(n, d->n);
	return n;
}

/* Asserts that text (NUL-terminated) yields exactly one problem at line:col whose message
 * contains want. */
static void assert_one_problem_n(const char *text, size_t len, int line, int col, const char *want)
{
	diags d = {0};
	int n = scan_n(text, len, &d);
	if (n != 1) {
		diags_print(&d, stderr);
		fail_msg("expected 1 problem, got %d", n);
	}
	if (d.v[0].line != line || d.v[0].col != col || !strstr(d.v[0].msg, want)) {
		diags_print(&d, stderr);
		fail_msg("expected %d:%d: ...%s...", line, col, want);
	}
	assert_string_equal(d.v[0].file, "t.json");
	diags_free(&d);
}

static void assert_one_problem(const char *text, int line, int col, const char *want)
{
	assert_one_problem_n(text, strlen(text), line, col, want);
}

static void assert_clean(const char *text)
{
	diags d = {0};
	int n = scan_n(text, strlen(text), &d);
	if (n) {
		diags_print(&d, stderr);
		fail_msg("expected no problems in %s", text);
	}
	diags_free(&d);
}

static void jsonscan_accepts_valid_json(void **state)
{
	(void)state;
	assert_clean("{\n  \"a\": [1, -2, 0, 2.5e3, 1E-2, true, false, null, \"x\\u00e9\\n\\t\\\"\\\\\\/\"],\n"
		     "  \"b\": {}, \"c\": [], \"é\": \"Één ĳs\", \"emoji\": \"\\ud83d\\ude00\"\n}\n");
	assert_clean("[]");
	assert_clean("  42  ");
	assert_clean("\xEF\xBB\xBF{\"bom\": true}"); /* editors write a byte order mark */
}

static void jsonscan_reports_syntax_error_at_its_place(void **state)
{
	(void)state;
	assert_one_problem("{\n  \"a\" 1\n}", 2, 7, "':' verwacht");
	assert_one_problem("{\"a\": tru}", 1, 7, "een waarde verwacht");
	assert_one_problem("{\"a\": 01}", 1, 8, "',' of '}' verwacht");
	assert_one_problem("{a: 1}", 1, 2, "sleutel van een object verwacht");
}

static void jsonscan_stops_after_the_first_syntax_error(void **state)
{
	(void)state;
	/* two syntax errors; the second would only be noise after the first */
	assert_one_problem("{\"a\" 1, \"b\" 2}", 1, 6, "':' verwacht");
}

static void jsonscan_reports_trailing_comma_in_object(void **state)
{
	(void)state;
	assert_one_problem("{\n  \"a\": 1,\n}", 3, 1, "komma voor '}' te veel");
}

static void jsonscan_reports_trailing_comma_in_array(void **state)
{
	(void)state;
	assert_one_problem("[1,\n 2, ]", 2, 5, "komma voor ']' te veel");
}

static void jsonscan_reports_missing_comma_in_object(void **state)
{
	(void)state;
	assert_one_problem("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "',' of '}' verwacht");
}

static void jsonscan_reports_missing_comma_in_array(void **state)
{
	(void)state;
	assert_one_problem("[1 2]", 1, 4, "',' of ']' verwacht");
}

static void jsonscan_reports_unclosed_string_at_its_opening_quote(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"abc", 1, 7, "tekst niet afgesloten");
}

static void jsonscan_reports_string_running_past_end_of_line(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"abc\n\"}", 1, 11, "loopt door na het einde van de regel");
}

static void jsonscan_reports_duplicate_key_at_second_occurrence(void **state)
{
	(void)state;
	assert_one_problem("{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3\n}", 4, 3, "dubbele sleutel 'a'");
}

static void jsonscan_reports_duplicate_key_in_nested_object(void **state)
{
	(void)state;
	/* the same key in sibling objects is fine; twice in one object is not */
	assert_one_problem("[{\"id\": 1}, {\"id\": 2},\n {\"id\": 3, \"x\": 0, \"id\": 4}]", 2, 20, "dubbele sleutel 'id'");
}

static void jsonscan_reports_invalid_utf8_at_the_bad_byte(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"x\xff\"}", 1, 9, "ongeldige UTF-8");
	/* on a later line, after a two-byte é: columns count characters */
	assert_one_problem("{\n \"é\": \"ab\xc3\x28\"}", 2, 10, "ongeldige UTF-8");
}

static void jsonscan_reports_overlong_utf8(void **state)
{
	(void)state;
	assert_one_problem("[\"\xc0\xaf\"]", 1, 3, "ongeldige UTF-8"); /* overlong '/' */
}

static void jsonscan_reports_raw_control_character_in_string(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"x\x01y\"}", 1, 9, "stuurteken in een tekst");
	assert_one_problem("{\"a\": \"x\ty\"}", 1, 9, "stuurteken in een tekst"); /* raw tab */
	assert_one_problem("{\"a\": \"x\x7fy\"}", 1, 9, "stuurteken in een tekst"); /* DEL */
	assert_one_problem("{\"a\": \"x\xc2\x9by\"}", 1, 9, "stuurteken in een tekst"); /* C1 CSI */
}

static void jsonscan_reports_every_control_character_not_only_the_first(void **state)
{
	(void)state;
	diags d = {0};
	const char *t = "[\"\x01\",\n \"\x02\"]";
	assert_int_equal(scan_n(t, strlen(t), &d), 2);
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[0].col, 3);
	assert_int_equal(d.v[1].line, 2);
	assert_int_equal(d.v[1].col, 3);
	diags_free(&d);
}

static void jsonscan_rejects_escaped_escape_character(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"red \\u001b[31m\"}", 1, 12, "stuurteken als escape");
	assert_one_problem("{\"a\": \"\\u0007\"}", 1, 8, "stuurteken als escape");
	assert_one_problem("{\"a\": \"\\r\"}", 1, 8, "stuurteken als escape");
}

static void jsonscan_allows_escaped_newline_and_tab(void **state)
{
	(void)state;
	assert_clean("{\"a\": \"line\\nnext\\ttab\\u000a\\u0009\"}");
}

static void jsonscan_rejects_lone_high_surrogate(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"\\ud800\"}", 1, 8, "losse surrogaat");
	assert_one_problem("{\"a\": \"\\ud800\\u0041\"}", 1, 8, "losse surrogaat");
}

static void jsonscan_rejects_lone_low_surrogate(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": \"x\\udc00\"}", 1, 9, "losse surrogaat");
}

static void jsonscan_rejects_bad_escape(void **state)
{
	(void)state;
	assert_one_problem("[\"\\x41\"]", 1, 3, "foute escape");
	assert_one_problem("[\"\\u12g4\"]", 1, 3, "vier hexadecimale cijfers");
}

static void jsonscan_reports_trailing_text_after_the_value(void **state)
{
	(void)state;
	assert_one_problem("{\"a\": 1}\n\nx", 3, 1, "onverwachte tekst na het einde");
	assert_one_problem("{} {}", 1, 4, "onverwachte tekst na het einde");
}

static char *nested_arrays(int depth)
{
	char *s = xmalloc((size_t)depth * 2 + 1);
	memset(s, '[', (size_t)depth);
	memset(s + depth, ']', (size_t)depth);
	s[depth * 2] = '\0';
	return s;
}

static void jsonscan_accepts_nesting_up_to_max_depth(void **state)
{
	(void)state;
	char *s = nested_arrays(JSONSCAN_MAX_DEPTH);
	assert_clean(s);
	free(s);
}

static void jsonscan_reports_nesting_beyond_max_depth(void **state)
{
	(void)state;
	char *s = nested_arrays(JSONSCAN_MAX_DEPTH + 1);
	assert_one_problem(s, 1, JSONSCAN_MAX_DEPTH + 1, "te diep genest");
	free(s);
	/* far deeper must not blow the stack */
	s = nested_arrays(100000);
	assert_one_problem(s, 1, JSONSCAN_MAX_DEPTH + 1, "te diep genest");
	free(s);
}

static void jsonscan_reports_empty_file(void **state)
{
	(void)state;
	assert_one_problem("", 1, 1, "onverwacht einde van het bestand");
	assert_one_problem("  \n ", 2, 2, "onverwacht einde van het bestand");
}

static void jsonscan_reports_nul_byte_as_control_character(void **state)
{
	(void)state;
	/* a NUL inside a string must not end the scan early (length is explicit) */
	assert_one_problem_n("[\"a\0b\"]", 7, 1, 4, "stuurteken");
}

/* A document for the lookups below; offsets are found with strstr so the test reads. */
static const char doc[] = "{\n"
			  "  \"a\": {\"b\": [10, 20, {\"c\": \"x\"}]},\n"
			  "  \"d\": \"é\", \"e\": [ ]\n"
			  "}";

static size_t off_of(const char *needle)
{
	const char *p = strstr(doc, needle);
	assert_non_null(p);
	return (size_t)(p - doc);
}

static void jsonscan_locate_finds_value_by_path(void **state)
{
	(void)state;
	jsonpath_step p[] = {{"a", 0}, {"b", 0}, {NULL, 2}, {"c", 0}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), p, 4, 0), off_of("\"x\""));
	assert_int_equal(jsonscan_locate(doc, strlen(doc), p, 2, 0), off_of("[10"));
	assert_int_equal(jsonscan_locate(doc, strlen(doc), p, 3, 0), off_of("{\"c\""));
	jsonpath_step q[] = {{"a", 0}, {"b", 0}, {NULL, 1}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), q, 3, 0), off_of("20"));
	jsonpath_step e[] = {{"e", 0}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), e, 1, 0), off_of("[ ]"));
}

static void jsonscan_locate_finds_key_when_asked(void **state)
{
	(void)state;
	jsonpath_step p[] = {{"a", 0}, {"b", 0}, {NULL, 2}, {"c", 0}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), p, 4, 1), off_of("\"c\""));
	jsonpath_step d[] = {{"d", 0}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), d, 1, 1), off_of("\"d\""));
	assert_int_equal(jsonscan_locate(doc, strlen(doc), d, 1, 0), off_of("\"é\""));
}

static void jsonscan_locate_falls_back_to_deepest_existing_value(void **state)
{
	(void)state;
	jsonpath_step missing_key[] = {{"a", 0}, {"zz", 0}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), missing_key, 2, 0), off_of("{\"b\""));
	jsonpath_step missing_index[] = {{"a", 0}, {"b", 0}, {NULL, 7}};
	assert_int_equal(jsonscan_locate(doc, strlen(doc), missing_index, 3, 0), off_of("[10"));
	jsonpath_step wrong_kind[] = {{"d", 0}, {NULL, 0}}; /* an index into a string */
	assert_int_equal(jsonscan_locate(doc, strlen(doc), wrong_kind, 2, 0), off_of("\"é\""));
	assert_int_equal(jsonscan_locate(doc, strlen(doc), NULL, 0, 0), 0);
}

static void jsonscan_locate_skips_byte_order_mark(void **state)
{
	(void)state;
	const char *t = "\xEF\xBB\xBF{\"k\": 5}";
	jsonpath_step k[] = {{"k", 0}};
	assert_int_equal(jsonscan_locate(t, strlen(t), k, 1, 0), strlen(t) - 2);
}

static void jsonscan_linecol_counts_characters_not_bytes(void **state)
{
	(void)state;
	int line, col;
	/* "é" is two bytes but one column: the 1 after it is in column 8, not 9 */
	const char *t = "{\n  \"é\": 1}";
	jsonscan_linecol(t, strlen(t), (size_t)(strchr(t, '1') - t), &line, &col);
	assert_int_equal(line, 2);
	assert_int_equal(col, 8);
	/* a three-byte character (ĳ is two bytes; € is three) */
	const char *u = "\"€€\" x";
	jsonscan_linecol(u, strlen(u), (size_t)(strchr(u, 'x') - u), &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 6);
}

static void jsonscan_linecol_starts_at_one_one(void **state)
{
	(void)state;
	int line, col;
	jsonscan_linecol("abc", 3, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	jsonscan_linecol("a\n\nb", 4, 3, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	jsonscan_linecol("ab", 2, 99, &line, &col); /* past the end: the end */
	assert_int_equal(line, 1);
	assert_int_equal(col, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonscan_accepts_valid_json),
		cmocka_unit_test(jsonscan_reports_syntax_error_at_its_place),
		cmocka_unit_test(jsonscan_stops_after_the_first_syntax_error),
		cmocka_unit_test(jsonscan_reports_trailing_comma_in_object),
		cmocka_unit_test(jsonscan_reports_trailing_comma_in_array),
		cmocka_unit_test(jsonscan_reports_missing_comma_in_object),
		cmocka_unit_test(jsonscan_reports_missing_comma_in_array),
		cmocka_unit_test(jsonscan_reports_unclosed_string_at_its_opening_quote),
		cmocka_unit_test(jsonscan_reports_string_running_past_end_of_line),
		cmocka_unit_test(jsonscan_reports_duplicate_key_at_second_occurrence),
		cmocka_unit_test(jsonscan_reports_duplicate_key_in_nested_object),
		cmocka_unit_test(jsonscan_reports_invalid_utf8_at_the_bad_byte),
		cmocka_unit_test(jsonscan_reports_overlong_utf8),
		cmocka_unit_test(jsonscan_reports_raw_control_character_in_string),
		cmocka_unit_test(jsonscan_reports_every_control_character_not_only_the_first),
		cmocka_unit_test(jsonscan_rejects_escaped_escape_character),
		cmocka_unit_test(jsonscan_allows_escaped_newline_and_tab),
		cmocka_unit_test(jsonscan_rejects_lone_high_surrogate),
		cmocka_unit_test(jsonscan_rejects_lone_low_surrogate),
		cmocka_unit_test(jsonscan_rejects_bad_escape),
		cmocka_unit_test(jsonscan_reports_trailing_text_after_the_value),
		cmocka_unit_test(jsonscan_accepts_nesting_up_to_max_depth),
		cmocka_unit_test(jsonscan_reports_nesting_beyond_max_depth),
		cmocka_unit_test(jsonscan_reports_empty_file),
		cmocka_unit_test(jsonscan_reports_nul_byte_as_control_character),
		cmocka_unit_test(jsonscan_locate_finds_value_by_path),
		cmocka_unit_test(jsonscan_locate_finds_key_when_asked),
		cmocka_unit_test(jsonscan_locate_falls_back_to_deepest_existing_value),
		cmocka_unit_test(jsonscan_locate_skips_byte_order_mark),
		cmocka_unit_test(jsonscan_linecol_counts_characters_not_bytes),
		cmocka_unit_test(jsonscan_linecol_starts_at_one_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
