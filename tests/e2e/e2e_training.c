/* e2e_training.c: infokaart --mode training, as a trainer and a group use it: the list of
 * practice cases (the JSON files in content/training, read here with cJSON), the case card
 * before the walk (and again with F4), feedback in place of the record form, with the case's
 * own answers giving no differences, nothing ever written to the records database, the
 * projector view that reveals the reasoning one step per key, and --plain refusing training. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testdir.h"
#include "walk.h"

static const char *const training_args[] = {"--mode", "training", NULL};

enum { MAX_CASES = 64 };

/* A practice case as the test reads it: its place in the list (the program sorts the files by
 * name), title, the number of explanation steps, the reference activities, and its answers as
 * a walk (values in the storage below). */
typedef struct {
	int index;
	char title[300];
	int nexplanation;
	char activities[8][64];
	int nactivities;
	walk_spec spec;
	char values[24][256];
} tcase;

static cJSON *read_json(const char *path)
{
	char *text = testdir_read(path, NULL);
	cJSON *j = cJSON_Parse(text);
	free(text);
	if (!j)
		fail_msg("%s is not JSON", path);
	return j;
}

static const char *content_dir(void)
{
	const char *dir = getenv("INFOKAART_CONTENT");
	assert_non_null(dir);
	return dir;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The practice case files, sorted by name as the program lists them. Returns how many. */
static int case_files(char *names[MAX_CASES])
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/training", content_dir());
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0 && n < MAX_CASES)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	return n;
}

/* Reads content/training/<id>.json into *k. */
static void load_case(const char *id, tcase *k)
{
	memset(k, 0, sizeof *k);
	char *names[MAX_CASES], path[1200], file[300];
	int n = case_files(names);
	snprintf(file, sizeof file, "%s.json", id);
	k->index = -1;
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], file) == 0)
			k->index = i;
		free(names[i]);
	}
	assert_true(k->index >= 0);
	snprintf(path, sizeof path, "%s/training/%s", content_dir(), file);
	cJSON *j = read_json(path);
	snprintf(k->title, sizeof k->title, "%s",
	         cJSON_GetObjectItem(cJSON_GetObjectItem(j, "title"), "nl")->valuestring);
	cJSON *ref = cJSON_GetObjectItem(j, "reference");
	k->nexplanation = cJSON_GetArraySize(cJSON_GetObjectItem(ref, "explanation"));
	cJSON *a;
	cJSON_ArrayForEach (a, cJSON_GetObjectItem(ref, "activities")) {
		assert_true(k->nactivities < 8);
		snprintf(k->activities[k->nactivities++], sizeof k->activities[0], "%s", a->valuestring);
	}
	/* the answers as a walk: option ids joined by spaces, numbers as digits */
	int na = 0;
	cJSON *ans;
	cJSON_ArrayForEach (ans, cJSON_GetObjectItem(j, "answers")) {
		assert_true(na < 23);
		char *v = k->values[na];
		if (cJSON_IsArray(ans)) {
			cJSON *o;
			cJSON_ArrayForEach (o, ans)
				snprintf(v + strlen(v), sizeof k->values[0] - strlen(v), "%s%s", *v ? " " : "",
				         o->valuestring);
		} else if (cJSON_IsNumber(ans)) {
			snprintf(v, sizeof k->values[0], "%d", ans->valueint);
		} else {
			snprintf(v, sizeof k->values[0], "%s", ans->valuestring);
		}
		k->spec.answers[na].qid = strdup(ans->string);
		k->spec.answers[na].value = v;
		na++;
	}
	k->spec.answers[na].qid = NULL;
	cJSON_Delete(j);
}

static void free_case(tcase *k)
{
	for (int i = 0; k->spec.answers[i].qid; i++)
		free((char *)k->spec.answers[i].qid);
}

/* An activity's name for its id, from activities.json. Fails for an unknown id. */
static void activity_name(const char *id, char *out, size_t n)
{
	char path[1100];
	snprintf(path, sizeof path, "%s/activities.json", content_dir());
	cJSON *j = read_json(path);
	cJSON *a;
	out[0] = '\0';
	cJSON_ArrayForEach (a, cJSON_GetObjectItem(j, "activities"))
		if (strcmp(cJSON_GetObjectItem(a, "id")->valuestring, id) == 0)
			snprintf(out, n, "%s", cJSON_GetObjectItem(a, "name")->valuestring);
	cJSON_Delete(j);
	if (!out[0])
		fail_msg("no activity '%s'", id);
}

static term *start_training(walk_ctx *w, int rows, int cols)
{
	term *t = walk_spawn(w, rows, cols, training_args);
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	return t;
}

/* Highlights case k in the list. */
static void highlight_case(term *t, const tcase *k)
{
	char needle[400];
	for (int i = 0; i < k->index; i++)
		walk_keys(t, "Down");
	snprintf(needle, sizeof needle, "%2d. %s", k->index + 1, k->title);
	EXPECT_SELECTED(t, needle, 4);
}

/* Enter on the highlighted case: the case card comes first; Enter closes it on the first
 * question. */
static void open_case(term *t, const tcase *k)
{
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ De casus ");
	EXPECT_TEXT(t, k->title);
	walk_keys(t, "Enter");
	EXPECT_GONE(t, "─ De casus ");
	EXPECT_TEXT(t, "Wat is uw rol?");
}

/* From the profile screen: agrees with the proposal, takes suggestion number `place` (1-based)
 * through its details; the feedback comes in place of the record form. */
static void choose_to_feedback(term *t, const walk_spec *s, int place)
{
	char needle[400];
	walk_to_suggestions(t, s, "/ zoeken");
	snprintf(needle, sizeof needle, "%d", place);
	walk_keys(t, needle);
	snprintf(needle, sizeof needle, " %d. ", place);
	EXPECT_SELECTED(t, needle, 2);
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ Details ");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Terugkoppeling (oefening: er is niets vastgelegd)");
}

/* Nothing in the records: the database file was never made (or holds no referral). */
static void expect_nothing_recorded(walk_ctx *w)
{
	assert_int_equal(walk_db_read(w->db, NULL), 0);
	assert_int_not_equal(access(w->db, F_OK), 0);
}

static void the_case_list_shows_every_case_and_enter_shows_the_case_first(void **state)
{
	char *names[MAX_CASES];
	int n = case_files(names);
	assert_true(n >= 8);
	term *t = start_training(*state, 30, 100);
	for (int i = 0; i < n; i++) {
		tcase k;
		char id[300], needle[400];
		snprintf(id, sizeof id, "%.*s", (int)(strlen(names[i]) - 5), names[i]);
		load_case(id, &k);
		snprintf(needle, sizeof needle, "%2d. %s", i + 1, k.title);
		EXPECT_TEXT(t, needle);
		free_case(&k);
		free(names[i]);
	}
	tcase first;
	load_case("buurvrouw_belt_aan", &first);
	assert_int_equal(first.index, 0);
	EXPECT_SELECTED(t, first.title, 6);
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ De casus ");
	EXPECT_TEXT(t, first.title);
	EXPECT_TEXT(t, "Wat u ziet en hoort:");
	walk_keys(t, "Esc");
	EXPECT_GONE(t, "─ De casus ");
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "F4"); /* the case again, during the walk */
	EXPECT_TEXT(t, "─ De casus ");
	EXPECT_TEXT(t, first.title);
	walk_keys(t, "Enter");
	EXPECT_GONE(t, "─ De casus ");
	EXPECT_TEXT(t, "( ) Huisarts");
	walk_keys(t, "Esc"); /* before the first question lies the case list */
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	free_case(&first);
}

static void walking_a_case_ends_in_feedback_and_records_nothing(void **state)
{
	walk_ctx *w = *state;
	tcase k;
	load_case("buurvrouw_belt_aan", &k);
	term *t = start_training(w, 60, 100); /* the whole feedback on one screen */
	highlight_case(t, &k);
	open_case(t, &k);
	walk_spec s = walk_huisarts; /* other answers than the case's */
	walk_questions(t, &s);
	choose_to_feedback(t, &s, 1);
	EXPECT_TEXT(t, "Uw uitwerking van de casus: ");
	EXPECT_TEXT(t, "Hetzelfde als in de casus: ");
	EXPECT_TEXT(t, "Wat anders was:");
	EXPECT_ABSENT(t, "Anders: 0.");
	EXPECT_TEXT(t, "Dat is een ander profiel.");
	expect_nothing_recorded(w);
	walk_keys(t, "Enter"); /* on to the case list; everything of the walk wiped */
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	expect_nothing_recorded(w);
	free_case(&k);
}

static void the_case_answers_give_no_differences_and_the_case_profile(void **state)
{
	walk_ctx *w = *state;
	tcase k;
	load_case("buurvrouw_belt_aan", &k);
	assert_true(k.nactivities > 0);
	char good[200], needle[400];
	activity_name(k.activities[0], good, sizeof good);
	term *t = start_training(w, 40, 100);
	highlight_case(t, &k);
	open_case(t, &k);
	walk_questions(t, &k.spec);
	/* the first good choice of the case, wherever the suggestions put it */
	const char *profile = walk_profile_name(walk_expected_profile(&k.spec));
	EXPECT_TEXT(t, "Voorstel op grond van uw antwoorden");
	snprintf(needle, sizeof needle, "(•) %s", profile);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "/ zoeken");
	int place = 0;
	for (int i = 1; i <= 9 && !place; i++) {
		snprintf(needle, sizeof needle, " %d. %s · ", i, good); /* "Name · 2021-06 — Org" */
		if (term_wait_text(t, needle, 0))
			place = i;
	}
	if (!place) {
		term_dump(t, stderr);
		fail_msg("\"%s\" is not among the first nine suggestions", good);
	}
	walk_keys(t, "Esc"); /* back to the profile, then the same way in */
	choose_to_feedback(t, &k.spec, place);
	EXPECT_TEXT(t, "Geen verschillen: uw antwoorden zijn hetzelfde als in de casus");
	snprintf(needle, sizeof needle, "U kwam ook uit op %s. Goed.", profile);
	EXPECT_TEXT(t, needle);
	snprintf(needle, sizeof needle, "U koos %s. Dat is een van de goede keuzes", good);
	EXPECT_TEXT(t, needle);
	/* the feedback is drawn down to its activity part: no list of differences above it */
	EXPECT_ABSENT(t, "Wat anders was:");
	EXPECT_ABSENT(t, "Anders: ");
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	expect_nothing_recorded(w);
	free_case(&k);
}

static void a_case_without_support_ends_in_feedback_with_information_only(void **state)
{
	walk_ctx *w = *state;
	tcase k;
	load_case("wijkagent_nee", &k);
	term *t = start_training(w, 40, 100);
	highlight_case(t, &k);
	open_case(t, &k);
	/* the case's answers up to "wants support: nee", where its route ends */
	walk_questions_from(t, &k.spec, walk_first_question(), "onset");
	EXPECT_TEXT(t, "Terugkoppeling (oefening: er is niets vastgelegd)");
	EXPECT_TEXT(t, "Geen verschillen: uw antwoorden zijn hetzelfde als in de casus");
	EXPECT_TEXT(t, "Uw route eindigde ook met alleen informatie. Goed.");
	EXPECT_TEXT(t, "U koos geen activiteit. Dat klopt");
	EXPECT_ABSENT(t, "Anders: ");
	EXPECT_ABSENT(t, "Geen verwijzing nu"); /* the feedback takes the end's place */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	expect_nothing_recorded(w);
	free_case(&k);
}

static void presenting_a_case_reveals_the_reasoning_one_step_per_key(void **state)
{
	tcase k;
	load_case("buurvrouw_belt_aan", &k);
	assert_true(k.nexplanation >= 3);
	char needle[200];
	term *t = start_training(*state, 30, 100);
	walk_keys(t, "p");
	/* first the case as the group meets it */
	EXPECT_TEXT(t, k.title);
	EXPECT_TEXT(t, "Wat u ziet en hoort:");
	EXPECT_ABSENT(t, "Uitleg: stap");
	for (int step = 1; step <= 2; step++) {
		walk_keys(t, "Enter");
		snprintf(needle, sizeof needle, "Uitleg: stap %d van %d", step, k.nexplanation);
		EXPECT_TEXT(t, needle);
		snprintf(needle, sizeof needle, "%d. ", step);
		EXPECT_TEXT(t, needle);
	}
	walk_keys(t, "Up"); /* one step back */
	snprintf(needle, sizeof needle, "Uitleg: stap 1 van %d", k.nexplanation);
	EXPECT_TEXT(t, needle);
	EXPECT_GONE(t, "    2. "); /* the second step is hidden again */
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	free_case(&k);
}

/* The projector opens at the top of the case (its title), says there is more below when it
 * does not fit (60x18; at 80x24 every case fits now that the editors' source note is gone),
 * and scrolls to its end with PgDn. */
static void presenting_opens_at_the_top_and_scrolls(void **state)
{
	tcase k;
	load_case("kunstenaar_zonder_atelier", &k); /* the longest case */
	term *t = start_training(*state, 18, 60);
	highlight_case(t, &k);
	walk_keys(t, "p");
	EXPECT_TEXT(t, k.title);
	EXPECT_TEXT(t, "↓ meer (↓ PgDn)");
	EXPECT_ABSENT(t, "↑ meer");
	for (int i = 0; i < 4; i++)
		walk_keys(t, "PgDn");
	EXPECT_TEXT(t, "↑ meer (↑ PgUp)");
	EXPECT_GONE(t, "↓ meer");
	EXPECT_TEXT(t, k.title); /* the head stays */
	EXPECT_TEXT(t, "Wat de persoon zegt:");
	EXPECT_ABSENT(t, "Bron:");
	EXPECT_ABSENT(t, "seeds/");
	EXPECT_QUIT(t, "Esc q");
	free_case(&k);
}

static void presenting_past_the_last_step_and_back_shows_the_step_before_it(void **state)
{
	tcase k;
	load_case("buurvrouw_belt_aan", &k);
	char needle[200];
	term *t = start_training(*state, 30, 100);
	walk_keys(t, "p");
	EXPECT_TEXT(t, "Wat u ziet en hoort:");
	for (int step = 1; step <= k.nexplanation; step++) {
		walk_keys(t, "Enter");
		snprintf(needle, sizeof needle, "Uitleg: stap %d van %d", step, k.nexplanation);
		EXPECT_TEXT(t, needle);
	}
	walk_keys(t, "Enter Enter"); /* nothing more to reveal */
	walk_keys(t, "Up");
	snprintf(needle, sizeof needle, "Uitleg: stap %d van %d", k.nexplanation - 1, k.nexplanation);
	EXPECT_TEXT(t, needle);
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Oefencasussen. Enter: de casus doorlopen.");
	EXPECT_QUIT(t, "q");
	free_case(&k);
}

static void plain_training_exits_2_saying_it_works_only_on_screen(void **state)
{
	walk_ctx *w = *state;
	static const char *const args[] = {"--plain", "--mode", "training", NULL};
	char *out, *err;
	int status = walk_run_piped(w, args, "1\n", &out, &err);
	if (status != 2 || !strstr(err, "de oefenmodus werkt alleen in de schermversie"))
		print_error("stdout:\n%s\nstderr:\n%s\n", out, err);
	assert_int_equal(status, 2);
	assert_non_null(strstr(err, "de oefenmodus werkt alleen in de schermversie"));
	assert_string_equal(out, "");
	free(out);
	free(err);
	expect_nothing_recorded(w);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(the_case_list_shows_every_case_and_enter_shows_the_case_first),
		WALK_TEST(walking_a_case_ends_in_feedback_and_records_nothing),
		WALK_TEST(the_case_answers_give_no_differences_and_the_case_profile),
		WALK_TEST(a_case_without_support_ends_in_feedback_with_information_only),
		WALK_TEST(presenting_a_case_reveals_the_reasoning_one_step_per_key),
		WALK_TEST(presenting_past_the_last_step_and_back_shows_the_step_before_it),
		WALK_TEST(presenting_opens_at_the_top_and_scrolls),
		WALK_TEST(plain_training_exits_2_saying_it_works_only_on_screen),
	};
	return WALK_RUN(argc, argv, tests);
}
