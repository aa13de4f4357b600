/* walk_content.c: the content as the tests read it themselves, with cJSON (see walk.h): the
 * question and option texts to wait for, option numbers to type, activity ids by name, and
 * the profile profiles.json's rules give for a walk. Independent of the program's loader, so
 * a test compares the program with the content, not with itself. */
#include "walk_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h" /* read_file: only the bytes; the JSON is read here, with cJSON */

static const char *content_dir;
static cJSON *card, *profiles, *activities; /* infokaart.json, profiles.json, activities.json */

static cJSON *load_json(const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", content_dir, name);
	char *text = read_file(path, NULL); /* before any test: no test to fail yet */
	if (!text)
		return NULL;
	cJSON *j = cJSON_Parse(text);
	free(text);
	return j;
}

bool walk_content_load(const char *dir)
{
	content_dir = dir;
	card = load_json("infokaart.json");
	profiles = load_json("profiles.json");
	activities = load_json("activities.json");
	return card && profiles && activities;
}

void walk_content_free(void)
{
	cJSON_Delete(card);
	cJSON_Delete(profiles);
	cJSON_Delete(activities);
	card = profiles = activities = NULL;
}

const char *walk_content_dir(void)
{
	return content_dir;
}

cJSON *walk_json(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const char *walk_json_str(const cJSON *obj, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!cJSON_IsString(v))
		fail_msg("the content has no text \"%s\" where the test expects one", key);
	return v->valuestring;
}

static cJSON *find_by_id(cJSON *array, const char *id)
{
	cJSON *it;
	cJSON_ArrayForEach (it, array) {
		cJSON *jid = walk_json(it, "id");
		if (cJSON_IsString(jid) && strcmp(jid->valuestring, id) == 0)
			return it;
	}
	return NULL;
}

static const char *nl_text(cJSON *obj, const char *key)
{
	return walk_json_str(walk_json(obj, key), "nl");
}

cJSON *walk_questions_json(void)
{
	return walk_json(card, "questions");
}

cJSON *walk_question_json(const char *qid)
{
	cJSON *q = find_by_id(walk_json(card, "questions"), qid);
	if (!q)
		fail_msg("no question '%s' in the content", qid);
	return q;
}

const char *walk_question_type(const char *qid)
{
	return walk_json_str(walk_question_json(qid), "type");
}

const char *walk_question_text(const char *qid)
{
	return nl_text(walk_question_json(qid), "text");
}

int walk_option_index(const char *qid, const char *opt)
{
	cJSON *o;
	int i = 0;
	cJSON_ArrayForEach (o, walk_json(walk_question_json(qid), "options")) {
		if (strcmp(walk_json_str(o, "id"), opt) == 0)
			return i;
		i++;
	}
	fail_msg("question '%s' has no option '%s'", qid, opt);
	return -1;
}

const char *walk_option_text(const char *qid, const char *opt)
{
	cJSON *opts = walk_json(walk_question_json(qid), "options");
	return nl_text(cJSON_GetArrayItem(opts, walk_option_index(qid, opt)), "text");
}

void walk_prefix(const char *s, size_t max, char *out, size_t n)
{
	size_t len = strlen(s);
	if (len > max)
		len = max;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--; /* do not cut a character in two */
	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

const char *walk_activity_id(const char *name)
{
	cJSON *a;
	cJSON_ArrayForEach (a, walk_json(activities, "activities")) {
		cJSON *jn = walk_json(a, "name");
		if (cJSON_IsString(jn) && strcmp(jn->valuestring, name) == 0)
			return walk_json_str(a, "id");
	}
	return NULL;
}

const char *walk_profile_name(const char *id)
{
	cJSON *p = find_by_id(walk_json(profiles, "profiles"), id);
	if (!p)
		fail_msg("no profile '%s'", id);
	return nl_text(p, "name");
}

const char *walk_first_opener(const char *role)
{
	cJSON *o;
	cJSON_ArrayForEach (o, walk_json(walk_json(card, "guide"), "openers")) {
		if (strcmp(walk_json_str(o, "role"), role) == 0)
			return walk_json_str(cJSON_GetArrayItem(walk_json(o, "lines"), 0), "nl");
	}
	fail_msg("no openers for role '%s'", role);
	return NULL;
}

int walk_guides_between(const char *from, const char *to)
{
	int n = 0;
	bool in = from == NULL;
	cJSON *p;
	cJSON_ArrayForEach (p, walk_json(card, "phases")) {
		const char *id = walk_json_str(p, "id");
		if (in && cJSON_IsTrue(walk_json(p, "guide")))
			n++;
		if (strcmp(id, to) == 0)
			return n;
		if (from && strcmp(id, from) == 0)
			in = true;
	}
	fail_msg("no phase '%s'", to);
	return 0;
}

const char *walk_spec_value(const walk_spec *s, const char *qid)
{
	for (int i = 0; s->answers[i].qid; i++)
		if (strcmp(s->answers[i].qid, qid) == 0)
			return s->answers[i].value;
	return NULL;
}

bool walk_has_word(const char *list, const char *word)
{
	size_t wl = strlen(word);
	for (const char *p = list; p && *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == wl && strncmp(p, word, n) == 0)
			return true;
		p += n;
	}
	return false;
}

bool walk_question_asked(const walk_spec *s, const cJSON *q)
{
	const cJSON *cond;
	cJSON_ArrayForEach (cond, walk_json(q, "when")) {
		const char *v = walk_spec_value(s, walk_json_str(cond, "question"));
		const cJSON *any = walk_json(cond, "any"), *opts = any ? any : walk_json(cond, "none");
		bool holds = false;
		const cJSON *opt;
		cJSON_ArrayForEach (opt, opts) {
			holds |= v && walk_has_word(v, opt->valuestring);
		}
		if (any ? !holds : holds)
			return false;
	}
	return true;
}

const char *walk_expected_profile(const walk_spec *s)
{
	const char *found = NULL;
	int nfound = 0;
	cJSON *p;
	cJSON_ArrayForEach (p, walk_json(profiles, "profiles")) {
		bool all = true;
		cJSON *rule;
		cJSON_ArrayForEach (rule, walk_json(p, "rules")) {
			cJSON *any = walk_json(rule, "any");
			assert_true(cJSON_IsArray(any)); /* the only kind of rule this test knows */
			const char *v = walk_spec_value(s, walk_json_str(rule, "question"));
			bool holds = false;
			cJSON *opt;
			cJSON_ArrayForEach (opt, any) {
				holds |= v && walk_has_word(v, opt->valuestring);
			}
			all &= holds;
		}
		if (all) {
			found = walk_json_str(p, "id");
			nfound++;
		}
	}
	if (nfound != 1)
		fail_msg("the walk's answers fit %d profiles; a walk must fit exactly one", nfound);
	return found;
}

const char *walk_first_question(void)
{
	return walk_json_str(cJSON_GetArrayItem(walk_questions_json(), 0), "id");
}
