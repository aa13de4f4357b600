/* config.c: the key = value config files (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "i18n.h"
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

char **config_paths(void)
{
	const char *dirs = getenv("XDG_CONFIG_DIRS");
	if (!dirs || !*dirs)
		dirs = "/etc/xdg"; /* the XDG Base Directory default */
	size_t n = 3;
	for (const char *p = dirs; *p; p++)
		n += *p == ':';
	char **v = xcalloc(n + 1, sizeof *v), *copy = xstrdup(dirs), *save = NULL;
	size_t k = 0;
	v[k++] = xstrdup("/etc/infokaart/config");
	/* The first folder of XDG_CONFIG_DIRS matters most, so it is read last (it wins); a
	 * relative path is ignored, as the specification says. */
	char **xdg = xcalloc(n, sizeof *xdg);
	size_t nx = 0;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
		if (d[0] == '/')
			xdg[nx++] = d;
	while (nx > 0)
		v[k++] = xasprintf("%s/infokaart/config", xdg[--nx]);
	v[k++] = config_user_path();
	v[k] = NULL;
	free(xdg);
	free(copy);
	return v;
}

void config_paths_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Cuts a comment off the line: '#' at its start or after a space or tab ("lang = en  # for
 * the volunteers"); a '#' inside a value ("Kiosk#2") stays. */
static void cut_comment(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
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

/* The keys whose value is a text kept as it is: where it goes and what is said when it is
 * too long. */
typedef struct {
	char *field;
	size_t size;
	const char *too_long;
} text_key_slot;

static bool text_key_slot_of(ik_config *cfg, const char *key, text_key_slot *out)
{
#define TEXT_KEY(name, msg)                                                                      \
	if (strcmp(key, #name) == 0) {                                                           \
		*out = (text_key_slot){cfg->name, sizeof cfg->name, msg};                        \
		return true;                                                                     \
	}
	TEXT_KEY(default_wijk, N_("default_wijk is te lang"))
	TEXT_KEY(default_role, N_("default_role is te lang"))
	TEXT_KEY(printer, N_("printer moet de naam van een CUPS-printer zijn (zonder spaties of schuine strepen)"))
	TEXT_KEY(lang, N_("lang moet nl of en zijn"))
	TEXT_KEY(sync_url, N_("sync_url is te lang"))
	TEXT_KEY(site_name, N_("site_name is te lang (hoogstens 64 bytes)"))
#undef TEXT_KEY
	return false;
}

/* Applies one key; returns an error message (set *unknown_key when the key itself is wrong)
 * or NULL. */
static const char *apply(ik_config *cfg, const char *key, const char *v, bool *unknown_key)
{
	text_key_slot t;
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return _("stuurtekens horen niet in een waarde");
	if (!text_utf8_valid(v, strlen(v), NULL))
		return _("de waarde is geen geldige UTF-8 (bewaar het bestand als UTF-8)");
	if (strcmp(key, "mode") == 0) {
		int m = config_mode_from_name(v);
		if (m < 0)
			return _("mode moet standard, kiosk, operator of training zijn");
		cfg->mode = (ik_mode)m;
	} else if (strcmp(key, "idle_timeout") == 0) {
		if (!int_value(v, 1, 86400, &cfg->idle_timeout))
			return _("idle_timeout moet een aantal seconden van 1 tot en met 86400 zijn");
	} else if (strcmp(key, "idle_countdown") == 0) {
		if (!int_value(v, 1, 600, &cfg->idle_countdown))
			return _("idle_countdown moet een aantal seconden van 1 tot en met 600 zijn");
	} else if (strcmp(key, "retention_days") == 0) {
		if (!int_value(v, 1, 3650, &cfg->retention_days))
			return _("retention_days moet een aantal dagen van 1 tot en met 3650 zijn");
	} else if (strcmp(key, "printer") == 0 && strpbrk(v, "/ \t")) {
		return _("printer moet de naam van een CUPS-printer zijn (zonder spaties of schuine strepen)");
	} else if (strcmp(key, "lang") == 0 && strcmp(v, "nl") != 0 && strcmp(v, "en") != 0) {
		return _("lang moet nl of en zijn");
	} else if (text_key_slot_of(cfg, key, &t)) {
		if (strlen(v) >= t.size)
			return _(t.too_long);
		snprintf(t.field, t.size, "%s", v);
	} else {
		*unknown_key = true;
		return _("onbekende sleutel (bekend zijn: mode, idle_timeout, idle_countdown, retention_days, "
			 "default_wijk, default_role, printer, lang, sync_url, site_name)");
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
		cut_comment(line);
		char *s = trim(line);
		if (!*s)
			continue;
		char *eq = strchr(s, '=');
		if (!eq) {
			diags_add(d, path, lineno, 1, "%s", _("verwacht: 'sleutel = waarde'"));
			continue;
		}
		*eq = '\0';
		char *key = trim(s), *v = trim(eq + 1);
		bool unknown_key = false;
		const char *msg = apply(cfg, key, v, &unknown_key);
		if (msg) /* point at the key when the key itself is unknown, else at the value */
			diags_add(d, path, lineno, (int)((unknown_key ? key : v) - line) + 1, "%s: %s", key, msg);
	}
	free(line);
	fclose(f);
	return d->n - before;
}
