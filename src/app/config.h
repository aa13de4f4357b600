/* config.h: settings from /etc/infokaart/config and then $XDG_CONFIG_HOME/infokaart/config
 * (the later file wins, flags win over both). Lines are `key = value`; `#` starts a comment.
 * Unknown keys and bad values are reported with file:line, like content errors. */
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

/* Parses a mode name ("kiosk", "operator", "training", "standard"); -1 when unknown. */
int config_mode_from_name(const char *s);
const char *config_mode_name(ik_mode m);

#endif
