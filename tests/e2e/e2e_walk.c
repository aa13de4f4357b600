/* e2e_walk.c: whole walks through the screens, as four different signallers would make them,
 * each ending on "Vastgelegd"; the referral is then read back from SQLite (while the program
 * still runs: it is committed before the screen says so) and must hold what was chosen: the
 * role, wijk, age group, kinds of loneliness, the profile profiles.json's rules give, the
 * activity whose name was highlighted, consent, follow-up date and note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

static void walk_on_screen(walk_ctx *w, const walk_spec *s)
{
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, s);
	char activity[200], code[32];
	walk_to_done(t, s, activity, sizeof activity, code, sizeof code);
	EXPECT_TEXT(t, "Geef de persoon dit mee:");
	EXPECT_TEXT(t, activity); /* on the slip */
	walk_check_last_record(w->db, 1, s, activity, code);
	EXPECT_QUIT(t, "q"); /* recorded: nothing to lose, so no question */
	assert_int_equal(walk_db_read(w->db, NULL), 1);
}

static void huisarts_walk_records_nieuw_begin_with_a_note(void **state)
{
	walk_on_screen(*state, &walk_huisarts);
}

static void wijkagent_walk_records_vangnet_in_writing_a_week_later(void **state)
{
	walk_on_screen(*state, &walk_wijkagent);
}

static void winkel_walk_records_opstap_met_hulp_on_a_day_chosen_with_arrows(void **state)
{
	walk_on_screen(*state, &walk_winkel);
}

static void vrijwilliger_walk_records_aansluiting_zoeken_with_a_utf8_note(void **state)
{
	walk_on_screen(*state, &walk_vrijwilliger);
}

static void new_round_after_recording_starts_empty_and_records_a_second_referral(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	walk_questions(t, &walk_winkel);
	char activity[200], code[32];
	walk_to_done(t, &walk_winkel, activity, sizeof activity, code, sizeof code);
	walk_keys(t, "n");
	EXPECT_TEXT(t, "Nieuwe ronde: de vorige antwoorden zijn gewist.");
	EXPECT_TEXT(t, "( ) Winkel of dienst");
	EXPECT_GONE(t, "(•)");
	walk_questions(t, &walk_huisarts);
	char activity2[200], code2[32];
	walk_to_done(t, &walk_huisarts, activity2, sizeof activity2, code2, sizeof code2);
	assert_string_not_equal(code, code2);
	walk_check_last_record(w->db, 2, &walk_huisarts, activity2, code2);
	EXPECT_QUIT(t, "q");
}

/* Whether the running program has libsqlite3 mapped (/proc/PID/maps). */
static bool maps_sqlite(term *t)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/maps", (int)term_pid(t));
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, "/libsqlite3.so") != NULL;
	fclose(f);
	return found;
}

/* SQLite is loaded when the records are first opened, not at start: a first screen without a
 * database does not pay for it (the README's Performance section), and a walk still records. */
static void sqlite_is_loaded_at_the_first_record_not_at_start(void **state)
{
	walk_ctx *w = *state;
	term *t = walk_spawn(w, 24, 80, NULL);
	EXPECT_TEXT(t, walk_question_text(walk_first_question()));
	assert_false(maps_sqlite(t));
	walk_questions(t, &walk_winkel);
	char activity[200], code[32];
	walk_to_done(t, &walk_winkel, activity, sizeof activity, code, sizeof code);
	assert_true(maps_sqlite(t));
	walk_check_last_record(w->db, 1, &walk_winkel, activity, code);
	EXPECT_QUIT(t, "q");
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(huisarts_walk_records_nieuw_begin_with_a_note),
		WALK_TEST(wijkagent_walk_records_vangnet_in_writing_a_week_later),
		WALK_TEST(winkel_walk_records_opstap_met_hulp_on_a_day_chosen_with_arrows),
		WALK_TEST(vrijwilliger_walk_records_aansluiting_zoeken_with_a_utf8_note),
		WALK_TEST(new_round_after_recording_starts_empty_and_records_a_second_referral),
		WALK_TEST(sqlite_is_loaded_at_the_first_record_not_at_start),
	};
	return WALK_RUN(argc, argv, tests);
}
