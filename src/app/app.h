/* app.h: what every front end and subcommand is handed: where the content and the database
 * are, the language, and the clock. Injected, so tests pin the date and never touch $HOME. */
#ifndef INFOKAART_APP_H
#define INFOKAART_APP_H

#include <stdint.h>

#include "config.h"
#include "content.h"
#include "flow.h"
#include "training.h"

typedef struct {
	const char *content_dir; /* resolved folder with the content files */
	const char *db_path;     /* resolved database path */
	ik_lang lang;
	int64_t now;             /* unix seconds at start (INFOKAART_NOW pins it for tests) */
	int today;               /* days since 1970-01-01, local time */
	content *c;              /* loaded content (NULL before loading) */
	ik_config cfg;           /* settings: config files, then flags */
	int64_t draft_at;        /* when the draft waiting at start was kept (app_start_records);
				  * 0: none */
} app;

/* Where a catalogue pulled from the central store is kept: beside the database, as
 * "<db>-catalogue.json" (malloc'd). */
char *app_catalogue_path(const app *a);

/* Loads the content into a->c: the content folder, with the pulled catalogue instead of its
 * activities.json when there is one (a pulled catalogue that no longer fits the folder is
 * said on stderr and the folder's own is used). A big catalogue is kept, once checked, as an
 * image beside the database ("<db>-catalogue.cache", when that folder exists), which later
 * starts map instead of reading the JSON again. Returns 0, or -1 with the problems in d. */
int app_load_content(app *a, diags *d);

/* Starts making the catalogue's search texts in the background (search.h: search_prepare), for
 * a front end that searches: the pages of the catalogue's text that it reads do not stay in
 * the program's memory. */
void app_search_prepare(const app *a);

/* Loads the practice cases of the content folder (<content>/training) for training mode.
 * Returns 0 with *out set (free with content_cases_free), or -1 after printing every problem
 * and that training mode does not start. */
int app_load_cases(const app *a, ik_cases **out);

/* The role option id (content/infokaart.json) an operator's outcomes carry when neither the
 * walk nor the settings (default_role) name one: the operator works for the infolijn. */
#define APP_OPERATOR_ROLE "infolijn"

/* A new walk with the configured defaults (default_role, default_wijk) chosen; NULL after
 * printing why when a default is not an option in the content. */
flow *app_flow_new(const app *a);

/* Drafts: a walk interrupted by SIGTERM or SIGHUP is kept in the database (standard and
 * operator modes; a kiosk wipes, training keeps nothing) and offered on the next start.
 * app_save_draft says on stderr when it cannot keep it. */
void app_save_draft(const app *a, const flow *f);
/* Takes the draft out of the database; with f, restores it into f (a fresh flow). With NULL
 * it is only deleted. Returns 0, or -1 when it could not be read (then f starts afresh). */
int app_draft_take(const app *a, flow *f);

/* Deletes free-text notes older than the retention period, as every start does. Problems are
 * said on stderr; they never stop the program (the walk works without the database). */
void app_purge_on_start(const app *a);
/* The start of a walk (the screens, --plain): app_purge_on_start, then a draft to offer is
 * looked up (a->draft_at), in one opening of the records: each opening checks the whole file
 * (PRAGMA quick_check), milliseconds that a start once spent twice. */
void app_start_records(app *a);

#endif
