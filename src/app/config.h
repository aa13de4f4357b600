/* config.h: settings from /etc/infokaart/config, then infokaart/config in each folder of
 * $XDG_CONFIG_DIRS (the first folder last), then $XDG_CONFIG_HOME/infokaart/config (a later
 * file wins, flags win over all). Lines are `key = value`; `#` at the start of a line or after
 * a blank starts a comment. Unknown keys and bad values are reported with file:line:col, like
 * content errors. */
#ifndef INFOKAART_CONFIG_H
#define INFOKAART_CONFIG_H

#include "diag.h"

typedef enum { MODE_STANDARD, MODE_KIOSK, MODE_OPERATOR, MODE_TRAINING } ik_mode;

typedef struct {
	ik_mode mode;
	int idle_timeout;    /* kiosk: seconds without a key before the countdown (default 90) */
	int idle_countdown;  /* kiosk: seconds of countdown before the wipe (default 15) */
	int retention_days;  /* free-text notes are deleted after this many days (default 90) */
	char default_wijk[65]; /* option id of the wijk question, "" for none */
	char default_role[65]; /* option id of the role question, "" for none */
	char printer[128];   /* CUPS printer name for slips, "" for the default printer */
	char lang[3];        /* "nl" or "en", "" to follow the environment */
	char sync_url[512];  /* central PostgreSQL for `infokaart sync`, "" for none */
	char site_name[65];  /* how this machine is named centrally ("Kiosk Overvecht"), may be "" */
} ik_config;

void config_defaults(ik_config *cfg);

/* Reads one file into cfg (only the keys it sets). A missing file is not an error. Returns
 * the number of problems added to d. */
int config_read(const char *path, ik_config *cfg, diags *d);

/* The user's config file path (malloc'd): $XDG_CONFIG_HOME/infokaart/config, else
 * $HOME/.config/infokaart/config. */
char *config_user_path(void);

/* Every settings file to read when no --config is given, in the order to read them (the
 * last wins): /etc/infokaart/config; <dir>/infokaart/config for each absolute folder of
 * $XDG_CONFIG_DIRS (default /etc/xdg), the most important (first) one last; the user's file.
 * NULL-terminated; free with config_paths_free. */
char **config_paths(void);
void config_paths_free(char **v);

/* Parses a mode name ("kiosk", "operator", "training", "standard"); -1 when unknown. */
int config_mode_from_name(const char *s);
const char *config_mode_name(ik_mode m);

#endif
