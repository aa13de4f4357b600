/* unit_chart.c: the text bar charts (chart.h): every line exactly as wide as asked, bars in
 * exact eighths, counts right-aligned, labels cut by display width, nothing drawn for zero,
 * and an empty series that says so. Needs a UTF-8 locale (LC_ALL=C.UTF-8 from meson). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chart.h"
#include "text.h"
#include "util.h"

#define FULL "\u2588"

typedef struct {
	char **lines;
	int n;
} chart;

static chart draw(const chart_item *items, int n, int width)
{
	chart c;
	c.lines = chart_bars(items, n, width, &c.n);
	return c;
}

static void chart_free(chart *c)
{
	text_lines_free(c->lines, c->n);
}

/* The bar of a line: what lies between the label column and the count. */
static char *bar_of(const char *line, int label_cols)
{
	size_t start = text_fit(line, label_cols + 1);
	const char *end = line + strlen(line);
	while (end > line + start && end[-1] != ' ')
		end--; /* back over the count */
	while (end > line + start && end[-1] == ' ')
		end--; /* and the padding */
	return xstrndup(line + start, (size_t)(end - (line + start)));
}

static void every_line_is_exactly_the_width(void **state)
{
	static const chart_item items[] = {
		{"Overvecht", 12}, {"Binnenstad", 3}, {"Leidsche Rijn", 0}, {"Zuid", 1},
	};
	static const int widths[] = {40, 80};
	for (size_t w = 0; w < ARRAY_LEN(widths); w++) {
		chart c = draw(items, 4, widths[w]);
		assert_int_equal(c.n, 4);
		for (int i = 0; i < c.n; i++)
			assert_int_equal(text_width(c.lines[i]), widths[w]);
		chart_free(&c);
	}
}

static void counts_are_right_aligned_at_the_edge(void **state)
{
	static const chart_item items[] = {{"a", 1234}, {"b", 7}};
	chart c = draw(items, 2, 40);
	size_t n0 = strlen(c.lines[0]), n1 = strlen(c.lines[1]);
	assert_string_equal(c.lines[0] + n0 - 5, " 1234");
	assert_string_equal(c.lines[1] + n1 - 5, "    7");
	chart_free(&c);
}

static void largest_count_fills_the_bar_column(void **state)
{
	/* width 80, label "a" (1 column), count 2 digits: the bar column is 80 - 1 - 2 - 2 = 75 */
	static const chart_item items[] = {{"a", 10}, {"b", 5}};
	chart c = draw(items, 2, 80);
	char *full = bar_of(c.lines[0], 1), *half = bar_of(c.lines[1], 1);
	assert_int_equal(text_width(full), 75);
	for (const char *p = full; *p; p += strlen(FULL))
		assert_memory_equal(p, FULL, strlen(FULL));
	/* 5/10 of 75 columns = 37.5 columns = 37 full blocks and a half block */
	strbuf want = {0};
	for (int i = 0; i < 37; i++)
		sb_append(&want, FULL);
	sb_append(&want, "\u258c");
	assert_string_equal(half, want.s);
	sb_free(&want);
	free(full);
	free(half);
	chart_free(&c);
}

static void partial_blocks_are_exact_eighths(void **state)
{
	/* width 40, label 1 column, counts up to 3 digits: a bar column of 40 - 1 - 3 - 2 = 34,
	 * that is 272 eighths; with 272 the largest count, count k is exactly k eighths. */
	static const char *const want[] = {
		"",         "\u258f",       "\u258e",       "\u258d", "\u258c",
		"\u258b",   "\u258a",       "\u2589",       FULL,     FULL "\u258f",
		FULL "\u258c", FULL FULL, FULL FULL FULL "\u2589",
	};
	static const int counts[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 31};
	chart_item items[ARRAY_LEN(counts) + 1];
	items[0] = (chart_item){"m", 272};
	for (size_t i = 0; i < ARRAY_LEN(counts); i++)
		items[i + 1] = (chart_item){"x", counts[i]};
	chart c = draw(items, (int)ARRAY_LEN(items), 40);
	for (size_t i = 0; i < ARRAY_LEN(counts); i++) {
		char *bar = bar_of(c.lines[i + 1], 1);
		if (strcmp(bar, want[i]) != 0)
			fail_msg("count %d: bar \"%s\", want \"%s\"", counts[i], bar, want[i]);
		free(bar);
	}
	chart_free(&c);
}

static void a_small_count_still_shows_a_sliver(void **state)
{
	static const chart_item items[] = {{"veel", 100000}, {"een", 1}};
	chart c = draw(items, 2, 40);
	char *bar = bar_of(c.lines[1], 4);
	assert_string_equal(bar, "\u258f");
	free(bar);
	chart_free(&c);
}

static void zero_counts_draw_no_bars(void **state)
{
	static const chart_item items[] = {{"Noord", 0}, {"Zuid", 0}};
	chart c = draw(items, 2, 40);
	for (int i = 0; i < c.n; i++) {
		assert_int_equal(text_width(c.lines[i]), 40);
		assert_null(strstr(c.lines[i], "\xe2\x96")); /* no block element (U+2580..U+259F) */
		assert_int_equal(c.lines[i][strlen(c.lines[i]) - 1], '0');
	}
	assert_int_equal(strncmp(c.lines[0], "Noord ", 6), 0);
	chart_free(&c);
}

static void long_label_with_diacritics_is_cut_by_columns(void **state)
{
	/* Width 40: the label column is at most 16; "Één ĳsbaan" counts Ĳ as one column. */
	static const chart_item items[] = {
		{"Één ĳsbaan in Vleuten-De Meern, voor iedereen", 3},
		{"Zuid", 2},
	};
	chart c = draw(items, 2, 40);
	static const char cut[] = "Één ĳsbaan in V… ";
	assert_int_equal(strncmp(c.lines[0], cut, strlen(cut)), 0);
	assert_int_equal(strncmp(c.lines[1], "Zuid             ", 17), 0);
	for (int i = 0; i < c.n; i++)
		assert_int_equal(text_width(c.lines[i]), 40);
	chart_free(&c);
}

static void wide_characters_are_never_split(void **state)
{
	/* Ten wide characters (20 columns) in a 16-column label: 7 fit beside the "…", and one
	 * space fills the column the eighth would have split. */
	static const chart_item items[] = {{"漢字漢字漢字漢字漢字", 1}};
	chart c = draw(items, 1, 40);
	static const char cut[] = "漢字漢字漢字漢… ";
	assert_int_equal(strncmp(c.lines[0], cut, strlen(cut)), 0);
	assert_int_equal(text_width(c.lines[0]), 40);
	chart_free(&c);
}

static void combining_marks_stay_with_their_letter(void **state)
{
	static const chart_item items[] = {{"cafe\xcc\x81", 1}, {"ab", 1}};
	chart c = draw(items, 2, 40);
	assert_int_equal(strncmp(c.lines[0], "cafe\xcc\x81 ", 7), 0);
	assert_int_equal(text_width(c.lines[0]), 40);
	chart_free(&c);
}

static void control_characters_in_labels_are_replaced(void **state)
{
	static const chart_item items[] = {{"a\x1b[2Jb", 1}};
	chart c = draw(items, 1, 40);
	assert_null(strchr(c.lines[0], '\x1b'));
	assert_int_equal(text_width(c.lines[0]), 40);
	chart_free(&c);
}

static void empty_series_says_so(void **state)
{
	chart c = draw(NULL, 0, 80);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.lines[0], "Geen gegevens om te tonen.");
	chart_free(&c);
}

static void narrow_width_is_taken_as_the_minimum(void **state)
{
	static const chart_item items[] = {{"Overvecht", 5}};
	chart c = draw(items, 1, 3);
	assert_int_equal(text_width(c.lines[0]), CHART_MIN_WIDTH);
	chart_free(&c);
}

int main(void)
{
	setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_line_is_exactly_the_width),
		cmocka_unit_test(counts_are_right_aligned_at_the_edge),
		cmocka_unit_test(largest_count_fills_the_bar_column),
		cmocka_unit_test(partial_blocks_are_exact_eighths),
		cmocka_unit_test(a_small_count_still_shows_a_sliver),
		cmocka_unit_test(zero_counts_draw_no_bars),
		cmocka_unit_test(long_label_with_diacritics_is_cut_by_columns),
		cmocka_unit_test(wide_characters_are_never_split),
		cmocka_unit_test(combining_marks_stay_with_their_letter),
		cmocka_unit_test(control_characters_in_labels_are_replaced),
		cmocka_unit_test(empty_series_says_so),
		cmocka_unit_test(narrow_width_is_taken_as_the_minimum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
