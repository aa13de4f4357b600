/* walk_screen.c: walking the card on screen as a signaller does (see walk.h): wait for each
 * question, choose with digits, arrows or Space, check the marks, Enter; then the profile, the
 * suggestion read off its highlighted row, and the record form field by field. */
#include "walk_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void walk_expect_question(term *t, const char *qid, const char *file, int line)
{
	char needle[64];
	walk_prefix(walk_question_text(qid), 40, needle, sizeof needle);
	walk_expect(t, needle, true, file, line);
}

/* Waits for an option to be marked: "(•) text" or "[x] text". */
static void expect_marked(term *t, const char *qid, const char *opt, const char *mark)
{
	char text[64], needle[80];
	walk_prefix(walk_option_text(qid, opt), 30, text, sizeof text);
	snprintf(needle, sizeof needle, "%s %s", mark, text);
	EXPECT_TEXT(t, needle);
}

static void press_down(term *t, int n)
{
	for (int i = 0; i < n; i++)
		walk_keys(t, "Down");
}

/* Ticks the options (ids separated by spaces): a digit for the first nine, ↓ and Space for the
 * rest; then checks every one is marked [x]. */
static void choose_multi(term *t, const char *qid, const char *value)
{
	char key[16], word[64];
	int cursor = 0; /* a fresh question starts on the first option; a digit moves there too */
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		p += n + (p[n] == ' ');
		int idx = walk_option_index(qid, word);
		if (idx < 9) {
			snprintf(key, sizeof key, "%d", idx + 1);
			walk_keys(t, key);
		} else {
			assert_true(idx >= cursor);
			press_down(t, idx - cursor);
			walk_keys(t, "Space");
		}
		cursor = idx;
	}
	for (const char *p = value; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		p += n + (p[n] == ' ');
		expect_marked(t, qid, word, "[x]");
	}
}

/* Chooses one option: its digit (then it is marked), or ↓ to it (then it is highlighted; the
 * Enter that follows takes it). */
static void choose_single(term *t, const walk_spec *s, const char *qid, const char *value)
{
	int idx = walk_option_index(qid, value);
	if (!s->arrows && idx < 9) {
		char key[16];
		snprintf(key, sizeof key, "%d", idx + 1);
		walk_keys(t, key);
		expect_marked(t, qid, value, "(•)");
		return;
	}
	press_down(t, idx); /* the list starts on the first option */
	char text[48], needle[64];
	walk_prefix(walk_option_text(qid, value), 30, text, sizeof text);
	snprintf(needle, sizeof needle, "( ) %s", text);
	EXPECT_SELECTED(t, needle, 3);
}

static void answer_on_screen(term *t, const walk_spec *s, const char *qid, const char *value)
{
	const char *type = walk_question_type(qid);
	char key[16], shown[128];
	if (strcmp(type, "single") == 0) {
		choose_single(t, s, qid, value);
	} else if (strcmp(type, "multi") == 0) {
		choose_multi(t, qid, value);
	} else if (strcmp(type, "scale") == 0) {
		int min = walk_json(walk_question_json(qid), "min")->valueint;
		snprintf(key, sizeof key, "%d", atoi(value) - min + 1);
		walk_keys(t, key);
		snprintf(shown, sizeof shown, "(•) %s", value);
		EXPECT_TEXT(t, shown);
	} else {
		term_send(t, value); /* number or text: typed */
		snprintf(shown, sizeof shown, "%s%s",
		         strcmp(type, "number") == 0 ? "Getal: " : "Antwoord: ", value);
		EXPECT_TEXT(t, shown);
	}
}

void walk_questions(term *t, const walk_spec *s)
{
	walk_questions_from(t, s, walk_first_question(), NULL);
}

void walk_questions_from(term *t, const walk_spec *s, const char *first, const char *stop)
{
	const char *phase = NULL;
	bool started = false;
	cJSON *q;
	cJSON_ArrayForEach (q, walk_questions_json()) {
		const char *qid = walk_json_str(q, "id");
		const char *qphase = walk_json_str(q, "phase");
		if (!started && strcmp(qid, first) != 0)
			continue;
		if (stop && strcmp(qid, stop) == 0)
			return;
		if (!started && strcmp(qid, walk_first_question()) != 0)
			phase = qphase; /* a guide before `first` is behind us */
		started = true;
		for (int g = walk_guides_between(phase, qphase); g > 0; g--) {
			/* the conversation guide, with the openers for the chosen role */
			char opener[64];
			walk_prefix(walk_first_opener(walk_spec_value(s, "role")), 40, opener,
			            sizeof opener);
			EXPECT_TEXT(t, opener);
			walk_keys(t, "Enter");
		}
		phase = qphase;
		const char *value = walk_spec_value(s, qid);
		if (!walk_question_asked(s, q)) {
			assert_null(value); /* a spec answers only what is asked */
			continue;           /* its condition does not hold: it must not be shown */
		}
		assert_true(value || cJSON_IsTrue(walk_json(q, "optional")));
		EXPECT_QUESTION(t, qid);
		if (value)
			answer_on_screen(t, s, qid, value);
		walk_keys(t, "Enter");
	}
}

void walk_answer_two(term *t)
{
	walk_keys(t, "1");
	EXPECT_TEXT(t, "(•) Huisarts");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Wat ziet u aan het huis?");
	walk_keys(t, "1");
	EXPECT_TEXT(t, "[x] De gordijnen zijn dagenlang dicht");
}

void walk_to_done(term *t, const walk_spec *s, char *activity, size_t an, char *code, size_t cn)
{
	walk_choose(t, s, activity, an);
	walk_record_form(t, s);
	walk_expect_done(t, s, code, cn);
}

void walk_choose(term *t, const walk_spec *s, char *activity, size_t an)
{
	walk_to_suggestions(t, s, "/ zoeken");
	walk_pick(t, s, activity, an);
}

void walk_to_suggestions(term *t, const walk_spec *s, const char *footer)
{
	const char *profile = walk_profile_name(walk_expected_profile(s));
	char needle[400];
	EXPECT_TEXT(t, "Voorstel op grond van uw antwoorden");
	snprintf(needle, sizeof needle, "(•) %s", profile);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Enter");

	snprintf(needle, sizeof needle, "Suggesties voor profiel %s", profile);
	EXPECT_TEXT(t, needle);
	EXPECT_TEXT(t, footer); /* the footer, drawn last: the list is complete */
}

void walk_pick(term *t, const walk_spec *s, char *activity, size_t an)
{
	char needle[400], row_text[400];
	assert_in_range(s->suggestion, 0, 8);
	if (s->arrows) {
		press_down(t, s->suggestion);
	} else {
		char key[16];
		snprintf(key, sizeof key, "%d", s->suggestion + 1);
		walk_keys(t, key);
	}
	snprintf(needle, sizeof needle, " %d. ", s->suggestion + 1);
	int row = EXPECT_SELECTED(t, needle, 2);
	/* "( )  3. Name · 2021-06 — Organisation": the name is read off the highlighted row */
	walk_row_text(t, row, row_text, sizeof row_text);
	const char *start = strstr(row_text, needle) + strlen(needle);
	const char *end = strstr(start, " · ");
	assert_non_null(end);
	snprintf(activity, an, "%.*s", (int)(end - start), start);
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ Details ");
	snprintf(needle, sizeof needle, "│ %s", activity);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Enter");

	snprintf(needle, sizeof needle, "Verwijzing naar: %s (", activity);
	EXPECT_TEXT(t, needle);
}

void walk_record_form(term *t, const walk_spec *s)
{
	char needle[400];
	EXPECT_TEXT(t, "Nagaan op:              " WALK_DEFAULT_FOLLOWUP);
	EXPECT_ABSENT(t, "(•)"); /* nothing is chosen for the user */
	walk_keys(t, s->consent ? "Left" : "Right"); /* ← ja, → nee: the user's own choice */
	EXPECT_TEXT(t, s->consent ? "(•) ja" : "(•) nee");
	if (!s->consent) {
		EXPECT_GONE(t, "Hoe gegeven:");
		EXPECT_GONE(t, "Nagaan op:");
		walk_keys(t, "Enter"); /* to the button */
		walk_keys(t, "Enter"); /* ends the walk: nothing recorded */
		return;
	}
	walk_keys(t, "Enter"); /* to how */
	walk_keys(t, strcmp(s->how, "schriftelijk") == 0 ? "Right" : "Left");
	snprintf(needle, sizeof needle, "(•) %s", s->how);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Enter"); /* to the date */
	if (s->date_keys) {
		walk_keys(t, s->date_keys);
		snprintf(needle, sizeof needle, "Nagaan op:              %s", s->followup);
		EXPECT_TEXT(t, needle);
	}
	walk_keys(t, "Enter"); /* to the note */
	if (s->note) {
		term_send(t, s->note);
		snprintf(needle, sizeof needle, "Notitie (optioneel):    %s", s->note);
		EXPECT_TEXT(t, needle);
	}
	walk_keys(t, "Enter"); /* to [ Vastleggen ] */
	walk_keys(t, "Enter"); /* store */
}

void walk_expect_done(term *t, const walk_spec *s, char *code, size_t cn)
{
	char needle[400], row_text[400];
	/* the end of the row first: a frame may arrive in several writes */
	snprintf(needle, sizeof needle, ". Nagaan hoe het ging: %s.", s->followup);
	EXPECT_TEXT(t, needle);
	int row = walk_find_row(t, "Vastgelegd. Casuscode: ");
	assert_true(row >= 0);
	walk_row_text(t, row, row_text, sizeof row_text);
	const char *start = strstr(row_text, "Casuscode: ") + strlen("Casuscode: ");
	snprintf(code, cn, "%.*s", (int)strcspn(start, ". "), start);
	assert_int_equal(strlen(code), 9); /* XXX-XXXXX */
	assert_int_equal(code[3], '-');
}
