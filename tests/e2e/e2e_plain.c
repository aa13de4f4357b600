/* e2e_plain.c: `infokaart --plain` on pipes, as a script or a screen reader would use it: the
 * same four walks as on screen, typed as lines (numbers per question, an empty line to skip an
 * optional one), each ending "Vastgelegd. Casuscode:" with the record read back; input ending
 * early records nothing and exits 1; "b" goes back keeping answers; "!" prints the crisis
 * numbers and asks again. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

static int count(const char *out, const char *needle)
{
	int n = 0;
	for (const char *p = out; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The chosen activity's name: plain prints its details, name first, after the choice. */
static void chosen_activity(const char *out, const walk_spec *s, char *name, size_t n)
{
	static const char prompt[] =
	        "Typ het nummer van de activiteit die u samen kiest (Enter = de gekozen).\n> \n";
	const char *p = strstr(out, prompt);
	if (!p) {
		print_error("%s\n", out);
		fail_msg("no suggestion prompt followed by the details of a choice");
	}
	p += strlen(prompt);
	snprintf(name, n, "%.*s", (int)strcspn(p, "\n"), p);
	char line[300];
	snprintf(line, sizeof line, "\n  %2d) %s (", s->suggestion + 1,
	         name); /* its place in the list */
	EXPECT_IN(out, line);
}

/* Types prefix and then the spec's walk; checks the output and the record. Returns the
 * output (caller frees). */
static char *walk_plain(walk_ctx *w, const walk_spec *s, const char *prefix)
{
	char *input = walk_plain_input(s);
	char *all = malloc(strlen(prefix) + strlen(input) + 1);
	assert_non_null(all);
	strcpy(all, prefix);
	strcat(all, input);
	free(input);
	char *out;
	int status = walk_run_plain(w, all, &out);
	free(all);
	if (status != 0)
		print_error("%s\n", out);
	assert_int_equal(status, 0);

	char needle[300];
	snprintf(needle, sizeof needle, "Voorstel: %s\n",
	         walk_profile_name(walk_expected_profile(s)));
	EXPECT_IN(out, needle);
	char activity[200];
	chosen_activity(out, s, activity, sizeof activity);
	EXPECT_IN(out, "\nVastgelegd. Casuscode: ");
	const char *p = strstr(out, "Vastgelegd. Casuscode: ") + strlen("Vastgelegd. Casuscode: ");
	char code[32];
	snprintf(code, sizeof code, "%.*s", (int)strcspn(p, ". "), p);
	snprintf(needle, sizeof needle, "Casuscode: %s. Nagaan hoe het ging: %s.", code,
	         s->followup);
	EXPECT_IN(out, needle);
	EXPECT_IN(out, "----- Om mee te geven -----");
	assert_int_equal(count(out, "Gestopt"), 0);

	walk_check_last_record(w->db, 1, s, activity, code);
	return out;
}

static void plain_huisarts_walk_records_nieuw_begin(void **state)
{
	free(walk_plain(*state, &walk_huisarts, ""));
}

static void plain_wijkagent_walk_records_vangnet_on_a_typed_date(void **state)
{
	free(walk_plain(*state, &walk_wijkagent, ""));
}

static void plain_winkel_walk_records_opstap_met_hulp(void **state)
{
	free(walk_plain(*state, &walk_winkel, ""));
}

static void plain_vrijwilliger_walk_records_a_utf8_note(void **state)
{
	free(walk_plain(*state, &walk_vrijwilliger, ""));
}

static void plain_input_ending_early_records_nothing_and_exits_1(void **state)
{
	walk_ctx *w = *state;
	char *out;
	int status = walk_run_plain(w, "1\n\n", &out);
	assert_int_equal(status, 1);
	EXPECT_IN(out, "Wat ziet u aan het huis?");
	EXPECT_IN(out, "Ziet u de persoon minder dan vroeger?");
	const char *end = "\nGestopt: er is niets vastgelegd.\n";
	size_t len = strlen(out);
	assert_true(len >= strlen(end));
	assert_string_equal(out + len - strlen(end), end);
	free(out);
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

static void plain_input_ending_on_the_record_form_records_nothing(void **state)
{
	walk_ctx *w = *state;
	char *input = walk_plain_input(&walk_huisarts);
	size_t len = strlen(input);
	assert_true(len > 1 && input[len - 1] == '\n');
	input[len - 1] = '\0';
	*strrchr(input, '\n') = '\0'; /* without the note: the input ends at the note prompt */
	strcat(input, "\n");
	char *out;
	int status = walk_run_plain(w, input, &out);
	free(input);
	assert_int_equal(status, 1);
	EXPECT_IN(out, "Korte notitie (optioneel");
	EXPECT_IN(out, "\nGestopt: er is niets vastgelegd.\n");
	assert_int_equal(count(out, "Vastgelegd. Casuscode"), 0);
	free(out);
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

static void plain_b_goes_back_keeping_the_answers(void **state)
{
	/* huisarts, a signal; back twice (the signal and the role show as chosen); then the
	 * winkel walk from its role on: the record says winkel, and a cashier is not asked
	 * about the house (twice for the GP, not again) */
	char *out = walk_plain(*state, &walk_winkel, "1\n1\nb\nb\n");
	EXPECT_IN(out, "   1) De gordijnen zijn dagenlang dicht  [gekozen]\n");
	EXPECT_IN(out, "   1) Huisarts of praktijkondersteuner (POH)  [gekozen]\n");
	assert_int_equal(count(out, "[Welkom] Wat is uw rol?"), 2);
	assert_int_equal(count(out, "Wat ziet u aan het huis?"), 2);
	free(out);
}

static void plain_bang_prints_the_crisis_numbers_and_asks_again(void **state)
{
	walk_ctx *w = *state;
	char *out;
	int status = walk_run_plain(w, "!\n9\n", &out);
	assert_int_equal(status, 1);
	EXPECT_IN(out, "== Hulp bij nood ==");
	EXPECT_IN(out, "- 113 Zelfmoordpreventie: 113 of 0800-0113");
	EXPECT_IN(out, "- 112 Alarmnummer: 112");
	EXPECT_IN(out, "- De Luisterlijn: 088 0767 000");
	/* the crisis numbers, then the same question again; 9 is no option */
	const char *crisis = strstr(out, "== Hulp bij nood ==");
	assert_non_null(strstr(crisis, "Typ een nummer en Enter."));
	EXPECT_IN(out, "Dat antwoord begrijp ik niet. Probeer het nog eens.");
	assert_int_equal(count(out, "[Welkom] Wat is uw rol?"), 2);
	EXPECT_IN(out, "\nGestopt: er is niets vastgelegd.\n");
	free(out);
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

static void plain_support_nee_ends_with_information_and_exit_0(void **state)
{
	walk_ctx *w = *state;
	char *out;
	int status = walk_run_plain(w, "2\n\n\n\n\n\n\n3\n", &out); /* five signal questions and the guide */
	assert_int_equal(status, 0);
	EXPECT_IN(out, "Wil de persoon steun, of meer contact met anderen?");
	EXPECT_IN(out, "- De Luisterlijn: 088 0767 000");
	assert_int_equal(count(out, "Vastgelegd"), 0);
	assert_int_equal(count(out, "Sinds wanneer speelt dit?"), 0);
	free(out);
	assert_int_equal(walk_db_read(w->db, NULL), 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(plain_huisarts_walk_records_nieuw_begin),
		WALK_TEST(plain_wijkagent_walk_records_vangnet_on_a_typed_date),
		WALK_TEST(plain_winkel_walk_records_opstap_met_hulp),
		WALK_TEST(plain_vrijwilliger_walk_records_a_utf8_note),
		WALK_TEST(plain_input_ending_early_records_nothing_and_exits_1),
		WALK_TEST(plain_input_ending_on_the_record_form_records_nothing),
		WALK_TEST(plain_b_goes_back_keeping_the_answers),
		WALK_TEST(plain_bang_prints_the_crisis_numbers_and_asks_again),
		WALK_TEST(plain_support_nee_ends_with_information_and_exit_0),
	};
	return WALK_RUN(argc, argv, tests);
}
