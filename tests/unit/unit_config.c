/* unit_config.c: the settings files (app/config.h): a comment after a value, a '#' inside a
 * value, mistakes with their column, and the files read in order: the system's, those of
 * XDG_CONFIG_DIRS (the first folder wins) and the user's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "util.h"

/* Writes text to a fresh file and reads it into cfg; returns the problems found. */
static int read_text(const char *text, ik_config *cfg, diags *d)
{
	char path[] = "/tmp/infokaart-config-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	config_defaults(cfg);
	int n = config_read(path, cfg, d);
	unlink(path);
	return n;
}

static void a_comment_after_a_value_is_not_part_of_it(void **state)
{
	(void)state;
	ik_config cfg;
	diags d = {0};
	assert_int_equal(read_text("# settings\nlang = en   # for the volunteers\nidle_timeout = 120\t# two minutes\n"
				   "mode = kiosk#not a comment: no blank before it\n",
				   &cfg, &d),
			 1);
	assert_string_equal(cfg.lang, "en");
	assert_int_equal(cfg.idle_timeout, 120);
	/* "kiosk#not…" is the value, and no mode: the '#' needs a blank before it */
	assert_non_null(strstr(d.v[0].msg, "mode"));
	assert_int_equal(d.v[0].line, 4);
	assert_int_equal(d.v[0].col, 8);
	diags_free(&d);
}

static void a_hash_inside_a_value_stays(void **state)
{
	(void)state;
	ik_config cfg;
	diags d = {0};
	assert_int_equal(read_text("site_name = Kiosk#2 # the second one\n", &cfg, &d), 0);
	assert_string_equal(cfg.site_name, "Kiosk#2");
	diags_free(&d);
}

static void a_bad_value_before_a_comment_is_reported_at_the_value(void **state)
{
	(void)state;
	ik_config cfg;
	diags d = {0};
	assert_int_equal(read_text("retention_days = 0 # too short\nnope = 1 # unknown\n", &cfg, &d), 2);
	assert_int_equal(d.v[0].line, 1);
	assert_int_equal(d.v[0].col, 18);
	assert_int_equal(d.v[1].line, 2);
	assert_int_equal(d.v[1].col, 1);
	assert_int_equal(cfg.retention_days, 90);
	diags_free(&d);
}

static void xdg_config_dirs_are_read_between_the_system_and_the_user(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/home/u/.cfg", 1);
	setenv("XDG_CONFIG_DIRS", "/first:relative/skipped:/second", 1);
	char **p = config_paths();
	const char *want[] = {"/etc/infokaart/config", "/second/infokaart/config", "/first/infokaart/config",
			      "/home/u/.cfg/infokaart/config", NULL};
	for (int i = 0; want[i]; i++) {
		assert_non_null(p[i]);
		assert_string_equal(p[i], want[i]);
	}
	assert_null(p[4]);
	config_paths_free(p);
}

static void xdg_config_dirs_defaults_to_etc_xdg(void **state)
{
	(void)state;
	setenv("XDG_CONFIG_HOME", "/home/u/.cfg", 1);
	unsetenv("XDG_CONFIG_DIRS");
	char **p = config_paths();
	assert_string_equal(p[1], "/etc/xdg/infokaart/config");
	assert_string_equal(p[2], "/home/u/.cfg/infokaart/config");
	assert_null(p[3]);
	config_paths_free(p);
	setenv("XDG_CONFIG_DIRS", "", 1);
	p = config_paths();
	assert_string_equal(p[1], "/etc/xdg/infokaart/config");
	config_paths_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_comment_after_a_value_is_not_part_of_it),
		cmocka_unit_test(a_hash_inside_a_value_stays),
		cmocka_unit_test(a_bad_value_before_a_comment_is_reported_at_the_value),
		cmocka_unit_test(xdg_config_dirs_are_read_between_the_system_and_the_user),
		cmocka_unit_test(xdg_config_dirs_defaults_to_etc_xdg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
