/* config.c: the key = value config files (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const char *const mode_names[] = {"standard", "kiosk", "operator", "training", NULL};

void config_defaults(ik_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mode = MODE_STANDARD;
	cfg->idle_timeout = 90;
	cfg->idle_countdown = 15;
	cfg->retention_days = 90;
}

int config_mode_from_name(const char *s)
{
	for (int i = 0; mode_names[i]; i++)
		if (strcmp(s, mode_names[i]) == 0)
			return i;
	return -1;
}

const char *config_mode_name(ik_mode m)
{
	return mode_names[m];
}

char *config_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/infokaart/config", xdg);
	const char *home = getenv("HOME");
	return xasprintf("%s/.config/infokaart/config", home && *home ? home : ".");
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static bool int_value(const char *v, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

/* Applies one key; returns an error message or NULL. */
static const char *apply(ik_config *cfg, const char *key, const char *v)
{
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return "control characters are not allowed in a value";
	if (!text_utf8_valid(v, strlen(v), NULL))
		return "the value is not valid UTF-8 (save the file as UTF-8)";
	if (strcmp(key, "mode") == 0) {
		int m = config_mode_from_name(v);
		if (m < 0)
			return "mode must be standard, kiosk, operator or training";
		cfg->mode = (ik_mode)m;
	} else if (strcmp(key, "idle_timeout") == 0) {
		if (!int_value(v, 1, 86400, &cfg->idle_timeout))
			return "idle_timeout must be a number of seconds from 1 to 86400";
	} else if (strcmp(key, "idle_countdown") == 0) {
		if (!int_value(v, 1, 600, &cfg->idle_countdown))
			return "idle_countdown must be a number of seconds from 1 to 600";
	} else if (strcmp(key, "retention_days") == 0) {
		if (!int_value(v, 1, 3650, &cfg->retention_days))
			return "retention_days must be a number of days from 1 to 3650";
	} else if (strcmp(key, "default_wijk") == 0) {
		if (strlen(v) >= sizeof cfg->default_wijk)
			return "default_wijk is too long";
		snprintf(cfg->default_wijk, sizeof cfg->default_wijk, "%s", v);
	} else if (strcmp(key, "default_role") == 0) {
		if (strlen(v) >= sizeof cfg->default_role)
			return "default_role is too long";
		snprintf(cfg->default_role, sizeof cfg->default_role, "%s", v);
	} else if (strcmp(key, "printer") == 0) {
		if (strlen(v) >= sizeof cfg->printer || strpbrk(v, "/ \t"))
			return "printer must be a CUPS printer name (no spaces or slashes)";
		snprintf(cfg->printer, sizeof cfg->printer, "%s", v);
	} else if (strcmp(key, "lang") == 0) {
		if (strcmp(v, "nl") != 0 && strcmp(v, "en") != 0)
			return "lang must be nl or en";
		snprintf(cfg->lang, sizeof cfg->lang, "%s", v);
	} else if (strcmp(key, "sync_url") == 0) {
		if (strlen(v) >= sizeof cfg->sync_url)
			return "sync_url is too long";
		snprintf(cfg->sync_url, sizeof cfg->sync_url, "%s", v);
	} else if (strcmp(key, "site_name") == 0) {
		if (strlen(v) >= sizeof cfg->site_name)
			return "site_name is too long (at most 64 bytes)";
		snprintf(cfg->site_name, sizeof cfg->site_name, "%s", v);
	} else {
		return "unknown key (known: mode, idle_timeout, idle_countdown, retention_days, default_wijk, default_role, printer, lang, sync_url, site_name)";
	}
	return NULL;
}

int config_read(const char *path, ik_config *cfg, diags *d)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	int before = d->n, lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			diags_add(d, path, lineno, 1, "expected 'key = value'");
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *v = trim(eq + 1);
		const char *msg = apply(cfg, key, v);
		if (msg) /* point at the key when the key itself is unknown, else at the value */
			diags_add(d, path, lineno, (int)((strncmp(msg, "unknown", 7) ? v : key) - line) + 1, "%s: %s", key, msg);
	}
	free(line);
	fclose(f);
	return d->n - before;
}
