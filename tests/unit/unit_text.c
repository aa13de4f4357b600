/* unit_text.c: the text module, one behaviour per test: strict UTF-8, display widths (Dutch
 * letters, ĳ, combining marks, CJK), terminal-safe sanitizing, word wrap, fitting and search
 * folding. Needs a UTF-8 LC_CTYPE: main sets C.UTF-8. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "util.h"

#define FFFD "\xEF\xBF\xBD"

static void assert_valid(const char *s, size_t n)
{
	size_t off = 12345;
	assert_true(text_utf8_valid(s, n, &off));
	assert_int_equal(off, 12345); /* left alone on success */
}

static void assert_invalid_at(const char *s, size_t n, size_t want_off)
{
	size_t off = 12345;
	assert_false(text_utf8_valid(s, n, &off));
	assert_int_equal(off, want_off);
}

static void assert_sanitized(const char *in, bool keep_newlines, const char *want)
{
	char *got = text_sanitize(in, keep_newlines);
	assert_string_equal(got, want);
	free(got);
}

static void assert_folded(const char *in, const char *want)
{
	char *got = text_fold(in);
	assert_string_equal(got, want);
	free(got);
}

/* Wraps s at width and compares with want[0..n). */
static void assert_wrapped(const char *s, int width, const char *const *want, int n)
{
	int got_n = -1;
	char **got = text_wrap(s, width, &got_n);
	assert_non_null(got);
	assert_int_equal(got_n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(got[i], want[i]);
	text_lines_free(got, got_n);
}
#define WRAPS_TO(s, width, ...)                                                                \
	do {                                                                                   \
		const char *const want_[] = {__VA_ARGS__};                                     \
		assert_wrapped(s, width, want_, (int)(sizeof want_ / sizeof want_[0]));        \
	} while (0)

/* --- text_utf8_valid --- */

static void valid_accepts_dutch_cjk_and_four_byte_text(void **state)
{
	const char *s = "Één ĳs Ĳsselstein 日本 e\xCC\x81 \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF";
	assert_valid(s, strlen(s));
	assert_valid("", 0);
}

static void valid_rejects_overlong_encodings(void **state)
{
	assert_invalid_at("ab\xC0\xAF", 4, 2);         /* '/' in two bytes */
	assert_invalid_at("\xE0\x80\xAF", 3, 0);       /* '/' in three bytes */
	assert_invalid_at("\xF0\x82\x82\xAC", 4, 0);   /* U+20AC in four bytes */
}

static void valid_rejects_lone_continuation_byte(void **state)
{
	assert_invalid_at("abc\x80", 4, 3);
}

static void valid_rejects_truncated_sequence(void **state)
{
	assert_invalid_at("x\xE2\x82", 3, 1);        /* € cut short at the end */
	assert_invalid_at("\xE2\x82x", 3, 0);        /* € cut short by an ASCII byte */
	assert_invalid_at("\xC3\xA9", 1, 0);         /* n ends inside é */
}

static void valid_rejects_surrogates(void **state)
{
	assert_invalid_at("a\xED\xA0\x80", 4, 1); /* U+D800 */
	assert_invalid_at("\xED\xBF\xBF", 3, 0);  /* U+DFFF */
	assert_valid("\xED\x9F\xBF", 3);          /* U+D7FF, just below */
}

static void valid_rejects_code_points_above_10ffff(void **state)
{
	assert_invalid_at("\xF4\x90\x80\x80", 4, 0); /* U+110000 */
	assert_invalid_at("\xF5\x80\x80\x80", 4, 0);
}

/* --- text_utf8_decode --- */

static void decode_returns_length_and_code_point(void **state)
{
	unsigned cp = 0;
	assert_int_equal(text_utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(text_utf8_decode("É", 2, &cp), 2);
	assert_int_equal(cp, 0xC9);
	assert_int_equal(text_utf8_decode("日本", 6, &cp), 3);
	assert_int_equal(cp, 0x65E5);
	assert_int_equal(text_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
}

static void decode_gives_one_byte_replacement_for_invalid_input(void **state)
{
	static const char *bad[] = {"\x80", "\xC0\xAF", "\xE2\x82", "\xED\xA0\x80", "\xFF"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned cp = 0;
		assert_int_equal(text_utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		assert_int_equal(cp, 0xFFFD);
	}
}

static void decode_reads_no_further_than_n(void **state)
{
	unsigned cp = 0;
	assert_int_equal(text_utf8_decode("\xC3\xA9", 1, &cp), 1);
	assert_int_equal(cp, 0xFFFD);
}

/* --- text_width --- */

static void width_counts_precomposed_letters_as_one(void **state)
{
	assert_int_equal(text_width("Één"), 3);
	assert_int_equal(text_width("Ĳsselstein"), 10);
}

static void width_gives_combining_marks_zero(void **state)
{
	assert_int_equal(text_width("E\xCC\x81" "e\xCC\x81n"), 3);
}

static void width_counts_cjk_as_two(void **state)
{
	assert_int_equal(text_width("日本"), 4);
}

static void width_of_mixed_text(void **state)
{
	/* 3 + 1 + 2 + 1 + 4 + 1 + 1 */
	assert_int_equal(text_width("Één ĳs 日本 e\xCC\x81"), 13);
	assert_int_equal(text_width(""), 0);
}

static void width_counts_controls_and_bad_bytes_as_their_replacement(void **state)
{
	assert_int_equal(text_width("\x1b[2J"), 4);
	assert_int_equal(text_width("\xC2\x9B" "1m"), 3);
	assert_int_equal(text_width("a\xC0\xAF" "b\t"), 5);
	char *clean = text_sanitize("a\x1b\xE2\x82\tb\xC2\x9B", false);
	assert_int_equal(text_width(clean), text_width("a\x1b\xE2\x82\tb\xC2\x9B"));
	free(clean);
}

static int restore_utf8_locale(void **state)
{
	return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

static void width_counts_one_per_character_in_c_locale(void **state)
{
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(text_width("Één 日本"), 6);
	assert_int_equal(text_width("e\xCC\x81"), 1);
	assert_int_equal(text_fit("日本x", 2), 6);
}

/* --- text_sanitize --- */

static void sanitize_keeps_printable_utf8(void **state)
{
	const char *s = "Één ĳs Ĳsselstein 日本 e\xCC\x81 \xC2\xA0!";
	assert_sanitized(s, false, s);
}

static void sanitize_makes_escape_sequence_harmless(void **state)
{
	assert_sanitized("a\x1b[2Jb", false, "a" FFFD "[2Jb");
}

static void sanitize_replaces_c1_csi(void **state)
{
	assert_sanitized("\xC2\x9B" "31m", false, FFFD "31m");
	assert_sanitized("\xC2\x80\xC2\x9F", false, FFFD FFFD);
}

static void sanitize_replaces_other_c0_and_del(void **state)
{
	assert_sanitized("\a\b\r\x7f\x01", false, FFFD FFFD FFFD FFFD FFFD);
}

static void sanitize_replaces_each_invalid_byte(void **state)
{
	assert_sanitized("a\xC0\xAF" "b", false, "a" FFFD FFFD "b");
	assert_sanitized("\x80", false, FFFD);
	assert_sanitized("x\xE2\x82", false, "x" FFFD FFFD);
	assert_sanitized("\xED\xA0\x80", false, FFFD FFFD FFFD);
}

static void sanitize_turns_tab_into_space(void **state)
{
	assert_sanitized("a\tb", true, "a b");
}

static void sanitize_keeps_newline_only_when_asked(void **state)
{
	assert_sanitized("a\nb", true, "a\nb");
	assert_sanitized("a\nb", false, "a b");
}

/* Random bytes, fixed seed: whatever comes in, what goes out is valid UTF-8 without ESC. */
static void sanitize_output_is_always_valid_and_free_of_controls(void **state)
{
	uint32_t x = 2463534242u;
	char in[64];
	for (int round = 0; round < 2000; round++) {
		for (size_t i = 0; i < sizeof in - 1; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			in[i] = (char)(x % 255 + 1);
		}
		in[sizeof in - 1] = '\0';
		char *out = text_sanitize(in, false);
		assert_true(text_utf8_valid(out, strlen(out), NULL));
		for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
			assert_true(*p >= 0x20 && *p != 0x7F);
			assert_false(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F); /* C1 */
		}
		free(out);
	}
}

/* --- text_wrap --- */

static void wrap_empty_input_gives_one_empty_line(void **state)
{
	WRAPS_TO("", 10, "");
}

static void wrap_keeps_line_of_exact_width(void **state)
{
	WRAPS_TO("aaa bbb", 7, "aaa bbb");
	WRAPS_TO("aaa bbb", 6, "aaa", "bbb");
}

static void wrap_measures_columns_not_bytes(void **state)
{
	WRAPS_TO("Één ĳs", 6, "Één ĳs"); /* 6 columns, 9 bytes */
	WRAPS_TO("Één ĳs", 5, "Één", "ĳs");
	WRAPS_TO("日本 語", 4, "日本", "語");
}

static void wrap_drops_spaces_at_a_break(void **state)
{
	WRAPS_TO("aaa    bbb   ", 4, "aaa", "bbb");
}

static void wrap_keeps_spaces_inside_a_line(void **state)
{
	WRAPS_TO("a  b", 10, "a  b");
}

static void wrap_breaks_word_longer_than_width(void **state)
{
	WRAPS_TO("abcdefghij", 4, "abcd", "efgh", "ij");
	WRAPS_TO("x abcdefgh yz", 4, "x", "abcd", "efgh", "yz");
}

static void wrap_continues_after_the_tail_of_a_broken_word(void **state)
{
	WRAPS_TO("abcde f", 4, "abcd", "e f");
}

static void wrap_never_splits_a_wide_character(void **state)
{
	WRAPS_TO("日本語", 5, "日本", "語");
	WRAPS_TO("日本", 1, "日", "本"); /* wider than the line: alone, not lost */
}

static void wrap_keeps_combining_mark_with_its_letter(void **state)
{
	WRAPS_TO("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2, "e\xCC\x81" "e\xCC\x81", "e\xCC\x81");
}

static void wrap_starts_new_line_at_newline(void **state)
{
	WRAPS_TO("ab\ncd", 80, "ab", "cd");
	WRAPS_TO("a\n\nb", 80, "a", "", "b");
	WRAPS_TO("a\n", 80, "a", "");
}

/* A paragraph that starts indented (a crisis line's hours and text under its name) keeps the
 * indent on the lines it wraps onto; an indent of half the width or more is not kept. */
static void wrap_keeps_the_indent_of_an_indented_paragraph(void **state)
{
	WRAPS_TO("  aaa bbb ccc\nddd eee", 8, "  aaa", "  bbb", "  ccc", "ddd eee");
	WRAPS_TO("  abcdefghij", 6, "  abcd", "  efgh", "  ij");
	WRAPS_TO("    aa bb", 8, "    aa", "bb");
}

static void wrap_treats_width_below_one_as_one(void **state)
{
	WRAPS_TO("ab", 0, "a", "b");
	WRAPS_TO("ab", -7, "a", "b");
}

static void wrap_lines_contain_only_sanitized_text(void **state)
{
	WRAPS_TO("a\x1b[2J\tb\xC2\x9B\x80", 80, "a" FFFD "[2J b" FFFD FFFD);
}

static void wrap_lines_never_exceed_width(void **state)
{
	const char *s = "Één ĳs Ĳsselstein, 日本語のテキスト en e\xCC\x81" "en "
			"heel-erg-lang-samengesteld-woord\nnieuw  stuk\ttab";
	for (int width = 2; width <= 30; width++) {
		int n = 0;
		char **lines = text_wrap(s, width, &n);
		for (int i = 0; i < n; i++)
			assert_in_range(text_width(lines[i]), 0, width);
		text_lines_free(lines, n);
	}
}

/* --- text_fit --- */

static void fit_returns_longest_prefix_within_width(void **state)
{
	assert_int_equal(text_fit("abcdef", 3), 3);
	assert_int_equal(text_fit("abc", 10), 3);
	assert_int_equal(text_fit("abc", 0), 0);
	assert_int_equal(text_fit("abc", -1), 0);
}

static void fit_counts_columns_not_bytes(void **state)
{
	assert_int_equal(text_fit("Één ĳs", 4), strlen("Één "));
}

static void fit_never_splits_a_character(void **state)
{
	assert_int_equal(text_fit("日本", 3), 3);
	assert_int_equal(text_fit("日本", 1), 0);
}

static void fit_keeps_combining_mark_with_its_letter(void **state)
{
	assert_int_equal(text_fit("e\xCC\x81x", 1), 3);
}

/* --- text_fold --- */

static void fold_lowercases_ascii(void **state)
{
	assert_folded("Hello WORLD 42", "hello world 42");
}

static void fold_removes_dutch_diacritics(void **state)
{
	assert_folded("Één", "een");
	assert_folded("Ruïne café coördinatie één à", "ruine cafe coordinatie een a");
}

static void fold_spells_out_ij_digraph(void **state)
{
	assert_folded("ĳs", "ijs");
	assert_folded("Ĳsselstein", "ijsselstein");
}

static void fold_spells_out_ligatures_and_sharp_s(void **state)
{
	assert_folded("Straße Æble Œuvre ø ÿ Ç Ñ", "strasse aeble oeuvre o y c n");
}

static void fold_maps_latin_extended_a(void **state)
{
	assert_folded("Łódź Škoda Čapek Ğ Őr Ħ İ ſ", "lodz skoda capek g or h i s");
}

static void fold_strips_combining_marks(void **state)
{
	assert_folded("E\xCC\x81" "e\xCC\x81n", "een");
}

static void fold_collapses_and_trims_white_space(void **state)
{
	assert_folded("  a \t\n b\xC2\xA0\xC2\xA0" "c  ", "a b c");
	assert_folded(" \t\n ", "");
	assert_folded("", "");
}

static void fold_treats_control_characters_as_blanks(void **state)
{
	assert_folded("a\x1b" "b\x7f" "c\xC2\x85" "d\r\n", "a b c d");
}

static void fold_lowercases_other_scripts(void **state)
{
	assert_folded("ΑΘΗΝΑ Москва", "αθηνα москва");
}

static void fold_keeps_cjk_and_symbols(void **state)
{
	assert_folded("日本 2×3", "日本 2×3");
}

static void fold_replaces_invalid_bytes(void **state)
{
	assert_folded("A\x80" "B", "a" FFFD "b");
}

static void encode_writes_utf8_and_refuses_what_is_no_character(void **state)
{
	(void)state;
	char out[4];
	assert_int_equal(text_utf8_encode('a', out), 1);
	assert_int_equal(text_utf8_encode(0xE9, out), 2);
	assert_memory_equal(out, "\xc3\xa9", 2);
	assert_int_equal(text_utf8_encode(0x20AC, out), 3);
	assert_memory_equal(out, "\xe2\x82\xac", 3);
	assert_int_equal(text_utf8_encode(0x1F600, out), 4);
	assert_memory_equal(out, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(text_utf8_encode(0xD800, out), 0);
	assert_int_equal(text_utf8_encode(0x110000, out), 0);
}

/* Typed text: UTF-8 is kept; under a UTF-8 locale anything else is refused (NULL), never
 * stored as it came; a NUL byte inside is refused too. */
static void input_keeps_utf8_and_refuses_the_rest_under_a_utf8_locale(void **state)
{
	(void)state;
	char *s = text_from_input("caf\xc3\xa9", 5);
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
	assert_null(text_from_input("caf\xe9", 4));
	assert_null(text_from_input("a\0b", 3));
	s = text_from_input("", 0);
	assert_string_equal(s, "");
	free(s);
}

/* Dates: digits only, a real day, from 1900 on: "2026-+1-01" passed sscanf before. */
static void date_parse_takes_digits_only(void **state)
{
	(void)state;
	int d;
	assert_int_equal(date_parse("2026-11-23", &d), 0);
	assert_int_equal(d, date_days(2026, 11, 23));
	assert_int_equal(date_parse("2026-+1-01", &d), -1);
	assert_int_equal(date_parse("2026-1 -01", &d), -1);
	assert_int_equal(date_parse(" 026-11-23", &d), -1);
	assert_int_equal(date_parse("2026-02-29", &d), -1);
	assert_int_equal(date_parse("2026-13-01", &d), -1);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		fputs("unit_text: no C.UTF-8 locale; width tests will fail\n", stderr);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_accepts_dutch_cjk_and_four_byte_text),
		cmocka_unit_test(valid_rejects_overlong_encodings),
		cmocka_unit_test(valid_rejects_lone_continuation_byte),
		cmocka_unit_test(valid_rejects_truncated_sequence),
		cmocka_unit_test(valid_rejects_surrogates),
		cmocka_unit_test(valid_rejects_code_points_above_10ffff),
		cmocka_unit_test(decode_returns_length_and_code_point),
		cmocka_unit_test(decode_gives_one_byte_replacement_for_invalid_input),
		cmocka_unit_test(decode_reads_no_further_than_n),
		cmocka_unit_test(width_counts_precomposed_letters_as_one),
		cmocka_unit_test(width_gives_combining_marks_zero),
		cmocka_unit_test(width_counts_cjk_as_two),
		cmocka_unit_test(width_of_mixed_text),
		cmocka_unit_test(width_counts_controls_and_bad_bytes_as_their_replacement),
		cmocka_unit_test_teardown(width_counts_one_per_character_in_c_locale,
					  restore_utf8_locale),
		cmocka_unit_test(sanitize_keeps_printable_utf8),
		cmocka_unit_test(sanitize_makes_escape_sequence_harmless),
		cmocka_unit_test(sanitize_replaces_c1_csi),
		cmocka_unit_test(sanitize_replaces_other_c0_and_del),
		cmocka_unit_test(sanitize_replaces_each_invalid_byte),
		cmocka_unit_test(sanitize_turns_tab_into_space),
		cmocka_unit_test(sanitize_keeps_newline_only_when_asked),
		cmocka_unit_test(sanitize_output_is_always_valid_and_free_of_controls),
		cmocka_unit_test(wrap_empty_input_gives_one_empty_line),
		cmocka_unit_test(wrap_keeps_the_indent_of_an_indented_paragraph),
		cmocka_unit_test(wrap_keeps_line_of_exact_width),
		cmocka_unit_test(wrap_measures_columns_not_bytes),
		cmocka_unit_test(wrap_drops_spaces_at_a_break),
		cmocka_unit_test(wrap_keeps_spaces_inside_a_line),
		cmocka_unit_test(wrap_breaks_word_longer_than_width),
		cmocka_unit_test(wrap_continues_after_the_tail_of_a_broken_word),
		cmocka_unit_test(wrap_never_splits_a_wide_character),
		cmocka_unit_test(wrap_keeps_combining_mark_with_its_letter),
		cmocka_unit_test(wrap_starts_new_line_at_newline),
		cmocka_unit_test(wrap_treats_width_below_one_as_one),
		cmocka_unit_test(wrap_lines_contain_only_sanitized_text),
		cmocka_unit_test(encode_writes_utf8_and_refuses_what_is_no_character),
		cmocka_unit_test(input_keeps_utf8_and_refuses_the_rest_under_a_utf8_locale),
		cmocka_unit_test(date_parse_takes_digits_only),
		cmocka_unit_test(wrap_lines_never_exceed_width),
		cmocka_unit_test(fit_returns_longest_prefix_within_width),
		cmocka_unit_test(fit_counts_columns_not_bytes),
		cmocka_unit_test(fit_never_splits_a_character),
		cmocka_unit_test(fit_keeps_combining_mark_with_its_letter),
		cmocka_unit_test(fold_lowercases_ascii),
		cmocka_unit_test(fold_removes_dutch_diacritics),
		cmocka_unit_test(fold_spells_out_ij_digraph),
		cmocka_unit_test(fold_spells_out_ligatures_and_sharp_s),
		cmocka_unit_test(fold_maps_latin_extended_a),
		cmocka_unit_test(fold_strips_combining_marks),
		cmocka_unit_test(fold_collapses_and_trims_white_space),
		cmocka_unit_test(fold_treats_control_characters_as_blanks),
		cmocka_unit_test(fold_lowercases_other_scripts),
		cmocka_unit_test(fold_keeps_cjk_and_symbols),
		cmocka_unit_test(fold_replaces_invalid_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
