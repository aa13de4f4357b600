/* e2e_hostile.c: content written to hurt. Catalogues with terminal escape sequences (clear
 * screen, OSC 52 clipboard), C0 and C1 controls (escaped and raw), DEL, NUL, invalid UTF-8,
 * lone surrogates, nesting 10,000 deep and an unclosed 1 MB string are refused by
 * `infokaart check` and at start, every problem with file:line:col, in bounded time, and with
 * nothing but printable UTF-8 in the messages. Catalogues that are strange but valid (bidi
 * overrides, 200 combining marks, wide characters and emoji, a 1 MB description, a 5,000
 * character name without a space, 100,000 activities) load, and the screen shows them with
 * nothing in the raw output that ncurses itself would not send. All generated at test time
 * from the bundled content (tests/bench/gen.c makes the big catalogue). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../bench/gen.h"
#include "content.h"
#include "load.h"
#include "plain_session.h"
#include "term_raw.h"
#include "testdir.h"
#include "walk.h"

static cJSON *template_activity; /* the bundled catalogue's first activity */

/* w->dir/content: the bundled files, and activities.json with `text` (n bytes). The program
 * and the checks use it from now on. Returns the folder. */
static const char *content_with(walk_ctx *w, const char *text, size_t n)
{
	static char dir[700];
	snprintf(dir, sizeof dir, "%s/content", w->dir);
	mkdir(dir, 0700);
	static const char *const others[] = {"infokaart.json", "crisis.json", "profiles.json", "djg6.json"};
	for (int i = 0; i < 4; i++) {
		char from[800], to[800];
		snprintf(from, sizeof from, "%s/%s", getenv("INFOKAART_CONTENT"), others[i]);
		snprintf(to, sizeof to, "%s/%s", dir, others[i]);
		testdir_copy_file(from, to);
	}
	char path[800];
	snprintf(path, sizeof path, "%s/activities.json", dir);
	testdir_write(path, text, n);
	walk_ctx_setenv(w, "INFOKAART_CONTENT", dir);
	return dir;
}

/* A copy of the template with a new id and name (and organisation, Dutch description when
 * not NULL). */
static cJSON *activity(const char *id, const char *name, const char *org, const char *desc)
{
	cJSON *a = cJSON_Duplicate(template_activity, 1);
	cJSON_ReplaceItemInObjectCaseSensitive(a, "id", cJSON_CreateString(id));
	cJSON_ReplaceItemInObjectCaseSensitive(a, "name", cJSON_CreateString(name));
	if (org)
		cJSON_ReplaceItemInObjectCaseSensitive(a, "organization", cJSON_CreateString(org));
	if (desc)
		cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(a, "description"),
		                                       "nl", cJSON_CreateString(desc));
	return a;
}

/* The catalogue's text: the activities, then `raw` put in place of the string "@@RAW@@"
 * (which must occur once) byte for byte. *n is its length. */
static char *catalogue(cJSON *list, const char *raw, size_t raw_len, size_t *n)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "version", 1);
	cJSON_AddItemToObject(root, "activities", list);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	assert_non_null(text);
	size_t len = strlen(text);
	const char *at = raw ? strstr(text, "\"@@RAW@@\"") : NULL;
	if (!at) {
		*n = len;
		return text;
	}
	size_t pre = (size_t)(at - text), tail = len - pre - 9;
	char *out = malloc(len + raw_len + 1);
	assert_non_null(out);
	memcpy(out, text, pre);
	memcpy(out + pre, raw, raw_len);
	memcpy(out + pre + raw_len, at + 9, tail + 1);
	*n = pre + raw_len + tail;
	free(text);
	return out;
}

/* --- what may reach a terminal --- */

/* Valid UTF-8 with no control character but '\n' (and, on a terminal, ESC as ncurses uses
 * it): no OSC, DCS, APC, PM or SOS, no C1 control, no DEL. Returns a description of the first
 * offence, or NULL. */
static const char *unsafe_bytes(const char *s, size_t n, bool curses)
{
	static char why[128];
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x1b && curses && i + 1 < n && strchr("]P_^X", s[i + 1])) {
			snprintf(why, sizeof why, "ESC %c (a string command) at byte %zu", s[i + 1], i);
			return why;
		}
		if ((c < 0x20 && c != '\n' && !(curses && (c == 0x1b || c == '\r' || c == '\b' ||
		                                           c == '\a' || c == 0x0f || c == 0x0e))) ||
		    c == 0x7f) {
			snprintf(why, sizeof why, "control byte 0x%02x at byte %zu", c, i);
			return why;
		}
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9f) {
			snprintf(why, sizeof why, "C1 control U+%04X at byte %zu", (unsigned char)s[i + 1], i);
			return why;
		}
		if (c >= 0x80) { /* one well-formed sequence */
			int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
			for (int k = 1; len && k < len; k++)
				if (i + (size_t)k >= n || ((unsigned char)s[i + (size_t)k] & 0xc0) != 0x80)
					len = 0;
			if (!len) {
				snprintf(why, sizeof why, "invalid UTF-8 at byte %zu", i);
				return why;
			}
			i += (size_t)len - 1;
		}
	}
	return NULL;
}

#define EXPECT_SAFE(s, n, curses) expect_safe((s), (n), (curses), __FILE__, __LINE__)
static void expect_safe(const char *s, size_t n, bool curses, const char *file, int line)
{
	const char *why = unsafe_bytes(s, n, curses);
	if (!why)
		return;
	print_error("%.*s\n", (int)(n < 4000 ? n : 4000), s);
	print_error("unsafe output: %s\n", why);
	_fail(file, line);
}

/* --- refused --- */

typedef struct {
	const char *what;
	const char *raw; /* a JSON value, put in as the name of an activity */
	size_t len;      /* 0: strlen(raw) */
	const char *says;
} hostile_case;

#define RAW(s) s, sizeof s - 1
static const hostile_case refused[] = {
	{"ESC [2J (clear the screen), escaped", RAW("\"HOSTILE\\u001b[2J\""), "stuurteken als escape"},
	{"OSC 52 (write the clipboard), escaped", RAW("\"\\u001b]52;c;SGVsbG8=\\u0007\""), "stuurteken als escape"},
	{"CSI as an escaped C1 control", RAW("\"\\u009b2Jx\""), "stuurteken als escape"},
	{"DEL, escaped", RAW("\"a\\u007fb\""), "stuurteken als escape"},
	{"NUL, escaped", RAW("\"a\\u0000b\""), "stuurteken als escape"},
	{"raw ESC sequence", RAW("\"a\x1b[31mb\""), "stuurteken in een tekst"},
	{"raw C1 CSI", RAW("\"a\xc2\x9b" "2Jb\""), "stuurteken in een tekst"},
	{"raw DEL", RAW("\"a\x7f\""), "stuurteken in een tekst"},
	{"raw NUL", RAW("\"a\0b\""), "stuurteken in een tekst"},
	{"raw bell and backspace", RAW("\"a\a\bb\""), "stuurteken in een tekst"},
	{"invalid UTF-8 byte", RAW("\"a\xff\xfe\""), "ongeldige UTF-8"},
	{"overlong UTF-8", RAW("\"\xc0\xaf\""), "ongeldige UTF-8"},
	{"UTF-8 encoded surrogate", RAW("\"\xed\xa0\x80\""), "ongeldige UTF-8"},
	{"cut UTF-8 sequence", RAW("\"\xe2\x82\""), "ongeldige UTF-8"},
	{"lone surrogate escape", RAW("\"\\ud800x\""), "losse surrogaat"},
	{"nesting 10,000 deep", NULL, 0, "te diep genest"},
	{"an unclosed 1 MB string at the end", NULL, 0, "tekst niet afgesloten"},
};

/* The 1-based line of the placeholder's spot in text. */
static int line_at(const char *text, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

/* Whether out has "activities.json:LINE:COL: ...says" with LINE = want_line. */
static bool placed(const char *out, int want_line, const char *says)
{
	regex_t re;
	assert_int_equal(regcomp(&re, "activities\\.json:([0-9]+):([0-9]+): ([^\n]*)", REG_EXTENDED), 0);
	bool found = false;
	regmatch_t m[4];
	for (const char *p = out; !found && regexec(&re, p, 4, m, 0) == 0; p += m[0].rm_eo) {
		int line = atoi(p + m[1].rm_so), col = atoi(p + m[2].rm_so);
		char msg[512];
		snprintf(msg, sizeof msg, "%.*s", (int)(m[3].rm_eo - m[3].rm_so), p + m[3].rm_so);
		found = line == want_line && col >= 1 && strstr(msg, says);
	}
	regfree(&re);
	return found;
}

static void hostile_strings_are_refused_with_their_place_and_safe_messages(void **state)
{
	walk_ctx *w = *state;
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		const hostile_case *c = &refused[i];
		char *raw = NULL;
		size_t raw_len = c->len;
		bool cut = false;
		if (strstr(c->what, "10,000")) { /* the value is a list in lists */
			raw_len = 20000;
			raw = malloc(raw_len);
			assert_non_null(raw);
			memset(raw, '[', 10000);
			memset(raw + 10000, ']', 10000);
		} else if (strstr(c->what, "unclosed")) { /* the file ends inside the string */
			raw_len = (1 << 20) + 1;
			raw = malloc(raw_len);
			assert_non_null(raw);
			raw[0] = '"';
			memset(raw + 1, 'a', raw_len - 1);
			cut = true;
		} else {
			raw = malloc(raw_len);
			assert_non_null(raw);
			memcpy(raw, c->raw, raw_len);
		}
		cJSON *list = cJSON_CreateArray();
		cJSON_AddItemToArray(list, cJSON_Duplicate(template_activity, 1));
		cJSON_AddItemToArray(list, activity("vijandig", "@@RAW@@", NULL, NULL));
		size_t n;
		char *text = catalogue(list, raw, raw_len, &n);
		size_t off = 0;
		for (char *p = text; (p = memchr(p, raw[0], n - (size_t)(p - text))); p++)
			if ((size_t)(n - (size_t)(p - text)) >= raw_len && memcmp(p, raw, raw_len) == 0) {
				off = (size_t)(p - text);
				break;
			}
		assert_true(off > 0);
		if (cut)
			n = off + raw_len;
		content_with(w, text, n);
		int want = line_at(text, off);

		char *out, *err;
		long long t0 = (psess_now_us() / 1000);
		int status = walk_run_piped(w, (const char *const[]){"check", NULL}, "", &out, &err);
		long long took = (psess_now_us() / 1000) - t0;
		char *both = malloc(strlen(out) + strlen(err) + 2);
		assert_non_null(both);
		sprintf(both, "%s\n%s", out, err);
		if (status == 0 || !placed(both, want, c->says)) {
			print_error("%s\n", both);
			fail_msg("%s: no \"activities.json:%d:COL: ...%s\"", c->what, want, c->says);
		}
		EXPECT_SAFE(both, strlen(both), false);
		free(out);
		free(err);
		free(both);
		/* and the program itself does not start on it */
		status = walk_run_piped(w, (const char *const[]){"--plain", NULL}, "", &out, &err);
		assert_int_equal(status, 1);
		assert_non_null(strstr(err, "bevat fouten"));
		EXPECT_SAFE(err, strlen(err), false);
		EXPECT_SAFE(out, strlen(out), false);
		printf("# refused: %s, at activities.json:%d (check took %lld ms)\n", c->what, want, took);
		free(out);
		free(err);
		free(text);
		free(raw);
	}
}

/* --- strange but valid --- */

static char *repeat(const char *unit, int times, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * (size_t)times + t + 1);
	assert_non_null(s);
	for (int i = 0; i < times; i++)
		memcpy(s + u * (size_t)i, unit, u);
	memcpy(s + u * (size_t)times, tail, t + 1);
	return s;
}

static void strange_but_valid_text_reaches_the_screen_as_printable_text_only(void **state)
{
	walk_ctx *w = *state;
	char *accents = repeat("\xcc\x81", 200, " HOSTILEB accenten"); /* U+0301 × 200 */
	char *name_b = malloc(strlen(accents) + 2);
	assert_non_null(name_b);
	sprintf(name_b, "e%s", accents);
	char *long_desc = repeat("woord ", (1 << 20) / 6, "EINDEMARKER");
	char *long_name = repeat("x", 5000, "");
	char name_d[5100];
	snprintf(name_d, sizeof name_d, "HOSTILED%s", long_name);
	cJSON *list = cJSON_CreateArray();
	cJSON_AddItemToArray(list, cJSON_Duplicate(template_activity, 1));
	cJSON_AddItemToArray(list, activity("vreemd_bidi", "HOSTILEA \xe2\x80\xae" "desrever\xe2\x80\xac einde",
	                                    "Organisatie\xe2\x80\x8d met ZWJ", NULL));
	cJSON_AddItemToArray(list, activity("vreemd_accenten", name_b, "Emoji \xf0\x9f\x91\xa9\xe2\x80\x8d"
	                                    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 \xe6\x97\xa5\xe6\x9c\xac",
	                                    "Breed: \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x99\x82."));
	cJSON_AddItemToArray(list, activity("vreemd_lang", "HOSTILEC lange beschrijving", NULL, long_desc));
	cJSON_AddItemToArray(list, activity("vreemd_naam", name_d, NULL, NULL));
	size_t n;
	char *text = catalogue(list, NULL, 0, &n);
	content_with(w, text, n);
	free(text);

	char *out, *err;
	assert_int_equal(walk_run_piped(w, (const char *const[]){"check", NULL}, "", &out, &err), 0);
	free(out);
	free(err);

	term *t = walk_spawn(w, 24, 80, NULL);
	term_raw_start(t);
	EXPECT_TEXT(t, "Wat is uw rol?");
	walk_keys(t, "/");
	EXPECT_TEXT(t, "Zoeken in het aanbod");
	term_send(t, "hostile");
	EXPECT_TEXT(t, "Zoek: hostile▏");
	EXPECT_TEXT(t, "HOSTILEA");
	EXPECT_TEXT(t, "HOSTILEC lange beschrijving");
	EXPECT_TEXT(t, "HOSTILEDxxxx");
	/* each one's details, and back */
	for (int i = 0; i < 4; i++) {
		walk_keys(t, "Enter");
		EXPECT_TEXT(t, "─ Details ");
		walk_keys(t, "PgDn PgDn PgDn");
		walk_keys(t, "End");
		walk_keys(t, "Esc");
		EXPECT_TEXT(t, "Zoek: hostile▏");
		walk_keys(t, "Down");
	}
	term_resize(t, 18, 60);
	EXPECT_TEXT(t, "Zoek: hostile▏");
	term_resize(t, 24, 80);
	walk_keys(t, "Esc");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_QUIT(t, "q");
	size_t len;
	const char *raw = term_raw_output(t, &len);
	EXPECT_SAFE(raw, len, true);
	printf("# strange but valid: bidi, 200 combining marks, emoji, a %zu byte description, a "
	       "5008 character name: %zu bytes of screen output, all safe\n", strlen(long_desc), len);
	free(accents);
	free(name_b);
	free(long_desc);
	free(long_name);
}

/* --- big --- */

/* RssAnon of process pid in kB (/proc/PID/status), -1 when it cannot be read. */
static long rss_anon_kb(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	char *text = testdir_read(path, NULL), *at = text ? strstr(text, "RssAnon:") : NULL;
	long kb = at ? strtol(at + strlen("RssAnon:"), NULL, 10) : -1;
	free(text);
	return kb;
}

static void a_catalogue_of_100000_activities_loads_searches_and_records(void **state)
{
	walk_ctx *w = *state;
	diags d = {0};
	content *base = NULL;
	assert_int_equal(content_load(getenv("INFOKAART_CONTENT"), &base, &d), 0);
	char dir[700];
	snprintf(dir, sizeof dir, "%s/big", w->dir);
	assert_int_equal(bench_gen_folder(dir, getenv("INFOKAART_CONTENT"), base, 100000, 7), 0);
	content_free(base);
	walk_ctx_setenv(w, "INFOKAART_CONTENT", dir);

	char *out, *err;
	long long t0 = (psess_now_us() / 1000);
	assert_int_equal(walk_run_piped(w, (const char *const[]){"check", NULL}, "", &out, &err), 0);
	long long check_ms = (psess_now_us() / 1000) - t0;
	free(out);
	free(err);

	t0 = (psess_now_us() / 1000);
	term *t = walk_spawn(w, 24, 80, NULL);
	term_raw_start(t);
	EXPECT_TEXT(t, "Wat is uw rol?");
	long long start_ms = (psess_now_us() / 1000) - t0;
	/* with nothing typed, the search texts (about 45 MB) are made after the first screen */
	long at_first = rss_anon_kb(term_pid(t)), now = at_first;
	for (long long until = psess_now_us() / 1000 + WALK_WAIT_MS; now < at_first + 30 * 1024 &&
	     psess_now_us() / 1000 < until; now = rss_anon_kb(term_pid(t)))
		usleep(20 * 1000); /* the program is idle: it writes nothing meanwhile */
	if (at_first < 0 || now < at_first + 30 * 1024)
		fail_msg("the search texts were not made after the first screen: RssAnon %ld kB, then %ld kB",
			 at_first, now);
	walk_keys(t, "/");
	EXPECT_TEXT(t, "Zoeken in het aanbod");
	term_send(t, "koor");
	EXPECT_TEXT(t, "Zoek: koor▏");
	EXPECT_TEXT(t, "oor"); /* a match is listed */
	walk_keys(t, "Enter");
	EXPECT_TEXT(t, "─ Details ");
	walk_keys(t, "Esc Esc");
	EXPECT_TEXT(t, "Wat is uw rol?");
	EXPECT_QUIT(t, "q");
	size_t len;
	const char *raw = term_raw_output(t, &len);
	EXPECT_SAFE(raw, len, true);

	char *input = walk_plain_input(&walk_huisarts);
	t0 = (psess_now_us() / 1000);
	assert_int_equal(walk_run_piped(w, (const char *const[]){"--plain", NULL}, input, &out, &err), 0);
	long long plain_ms = (psess_now_us() / 1000) - t0;
	assert_non_null(strstr(out, "Vastgelegd. Casuscode: "));
	EXPECT_SAFE(out, strlen(out), false);
	free(out);
	free(err);
	free(input);
	printf("# 100,000 activities: check %lld ms, screen up %lld ms (RssAnon %ld kB, %ld kB with the search "
	       "texts), search and details fine, --plain walk recorded in %lld ms\n", check_ms, start_ms, at_first,
	       now, plain_ms);
}

/* The bundled catalogue's first activity, the template of the hostile ones. */
static int load_template(void **state)
{
	(void)state;
	char path[800];
	snprintf(path, sizeof path, "%s/activities.json", getenv("INFOKAART_CONTENT"));
	char *text = testdir_read(path, NULL);
	cJSON *root = cJSON_Parse(text);
	free(text);
	template_activity = cJSON_DetachItemFromArray(cJSON_GetObjectItemCaseSensitive(root, "activities"), 0);
	cJSON_Delete(root);
	return template_activity ? 0 : -1;
}

static int free_template(void **state)
{
	(void)state;
	cJSON_Delete(template_activity);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		WALK_TEST(hostile_strings_are_refused_with_their_place_and_safe_messages),
		WALK_TEST(strange_but_valid_text_reaches_the_screen_as_printable_text_only),
		WALK_TEST(a_catalogue_of_100000_activities_loads_searches_and_records),
	};
	return walk_main(argc, argv, tests, sizeof tests / sizeof tests[0], load_template, free_template);
}
