/* ui.h: what the ncurses screens share: the UI context, the action table (one place for
 * keys, labels, footer and help), colour roles with a monochrome twin, and drawing helpers
 * that wrap UTF-8 text by display width. Only the tui*.c and scr_*.c files include curses. */
#ifndef INFOKAART_UI_H
#define INFOKAART_UI_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "app.h"
#include "flow.h"
#include "store.h"
#include "training.h"

/* Every user action, declared once: id, key label, Dutch label (gettext). */
#define UI_ACTIONS(X)                                   \
	X(ACT_UP, "↑ k", N_("omhoog"))                  \
	X(ACT_DOWN, "↓ j", N_("omlaag"))                \
	X(ACT_LEFT, "←", N_("minder"))                  \
	X(ACT_RIGHT, "→", N_("meer"))                   \
	X(ACT_TOGGLE, N_("Spatie"), N_("kiezen"))       \
	X(ACT_NEXT, "Enter", N_("verder"))              \
	X(ACT_BACK, N_("Esc"), N_("terug"))             \
	X(ACT_HELP, "F1 ?", N_("hulp"))                 \
	X(ACT_CRISIS, "F2 !", N_("crisishulp"))         \
	X(ACT_SEARCH, "/", N_("zoeken"))                \
	X(ACT_PAGEUP, "PgUp", N_("pagina omhoog"))      \
	X(ACT_PAGEDOWN, "PgDn", N_("pagina omlaag"))    \
	X(ACT_NEW, "n", N_("nieuwe ronde"))             \
	X(ACT_PRINT, "p", N_("afdrukken"))              \
	X(ACT_TAB, "Tab", N_("andere lijst"))           \
	X(ACT_WALK, "F3", N_("verwijzen of overzicht")) \
	X(ACT_NEWCALL, "F5", N_("nieuw gesprek"))       \
	X(ACT_NOTE, "F6", N_("notitie"))                \
	X(ACT_CASE, "F4", N_("casus"))                  \
	X(ACT_STATS, "F7", N_("cijfers"))               \
	X(ACT_QUIT, "q", N_("stoppen"))

typedef enum {
#define X(id, key, label) id,
	UI_ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1
} ui_action;

typedef struct {
	const char *key;
	const char *label;
} ui_action_info;
extern const ui_action_info ui_actions[ACT_COUNT];

/* Colour roles; each has a colour pair and a monochrome attribute. */
typedef enum { ROLE_NORMAL, ROLE_TITLE, ROLE_SELECTED, ROLE_WARNING, ROLE_CRISIS, ROLE_DIM, ROLE_OK, ROLE_KEY, ROLE_COUNT } ui_role;

typedef enum { OVL_NONE, OVL_HELP, OVL_CRISIS, OVL_QUIT, OVL_DETAILS, OVL_SEARCH, OVL_IDLE, OVL_PIN,
	       OVL_OUTCOME, OVL_NOTE, OVL_CASE, OVL_DRAFT } ui_overlay;

/* Operator mode has a home screen (search, follow-ups due today) beside the walk. */
typedef enum { VIEW_WALK, VIEW_HOME, VIEW_CASES, VIEW_PRESENT, VIEW_STATS } ui_view;

/* A single-line text field (UTF-8). */
typedef struct {
	char buf[1024];
	size_t len;
} ui_field;

typedef struct ui {
	app *a;
	flow *f;
	bool color;
	int rows, cols;
	ui_overlay overlay;
	int cursor;        /* list position on the current screen */
	int scroll;        /* first visible row of scrollable text */
	int field;         /* focused form field (record screen) */
	ui_field input;    /* text being typed (text/number question, note) */
	ui_field search;   /* search overlay query */
	int detail;        /* activity index shown in the details overlay, -1 none */
	int detail_from;   /* suggestion index the details came from; -1 search, -2 operator home */
	const char *status;      /* one-line message for the user (not owned) */
	char status_buf[600];
	bool status_error;
	bool quit;
	flow_step shown;   /* the step last entered, to reset cursors on change */
	int shown_pos;
	ik_mode mode;      /* standard, kiosk, operator, training */
	bool large;        /* kiosk: calm layout with more space */
	long long last_key_ms; /* monotonic time of the last key, for the kiosk's idle wipe */
	int idle_left;     /* seconds left in the idle countdown (OVL_IDLE) */
	char *pin_hash;    /* kiosk: stored PIN hash, NULL when none is set */
	ui_field pin;      /* PIN being typed */
	ui_view view;      /* operator: home or walk */
	long long call_start_ms; /* operator: when this call began */
	store_referral *due; /* operator home: follow-ups due today, or one case's referrals */
	int ndue;
	bool due_is_case;  /* `due` holds the referrals of the case code typed in the search */
	bool due_loaded;
	char sync_line[200]; /* operator home: "Laatste synchronisatie: …", "" when no sync is set up */
	bool sync_failed;  /* the last sync attempt failed: sync_line is shown as a warning */
	int focus;         /* operator home: 0 the search results, 1 the referral list */
	int list_cursor;   /* operator home: position in the referral list */
	int outcome_cursor;/* OVL_OUTCOME: the status highlighted */
	ui_field note;     /* OVL_NOTE: the quick note being typed (operator) */
	bool confirm_wipe; /* operator: F5 pressed once with unsaved answers */
	ik_cases *cases;   /* training: the practice cases */
	const ik_case *kase; /* training: the case being walked or presented, NULL none */
	int revealed;      /* training projector: steps of the reasoning revealed */
	char *stats;       /* the figures screen's text, built on entering it (owned) */
	ui_view stats_from;/* the view to return to from the figures */
	int64_t draft_at;  /* OVL_DRAFT: when the waiting draft was kept */
} ui;

/* Reactions an action handler returns; only the loop redraws. */
enum { R_NONE = 0, R_REDRAW = 1 };

/* Screen interface: each step kind has one. */
typedef struct {
	void (*enter)(ui *u);                          /* the step became current */
	void (*draw)(ui *u, int top, int height);      /* rows top..top+height-1 */
	int (*on_action)(ui *u, ui_action act);
	int (*on_char)(ui *u, wint_t ch);              /* typed text, when the screen takes it */
	const ui_action *footer;                       /* actions shown in the footer, ACT_NONE-terminated */
} ui_screen;

extern const ui_screen scr_guide, scr_question, scr_profile, scr_suggest, scr_record, scr_done, scr_end, scr_home,
	scr_cases, scr_present, scr_feedback, scr_stats;

/* Operator home (scr_home.c): reload the referral list from the database. */
void ui_home_reload(ui *u);
/* Shared by the search overlay and the operator home: activities matching the query. */
int ui_search(ui *u, const char *query, int *out, int max);

/* Drawing helpers (ui_draw.c). */
attr_t ui_attr(const ui *u, ui_role r);
/* Draws s wrapped into width columns from row y, at most maxrows rows, skipping the first
 * `skip` wrapped rows. Returns the number of rows drawn (ui_text_rows gives the total). */
int ui_text(ui *u, int y, int x, int width, int maxrows, int skip, const char *s, attr_t attr);
int ui_text_rows(const char *s, int width);
void ui_line(ui *u, int y, int x, int width, const char *s, attr_t attr); /* one row, cut to width */
void ui_status(ui *u, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *ui_tr(const ui *u, const ik_text *t);

/* Text fields. */
void ui_field_set(ui_field *fl, const char *s);
bool ui_field_add(ui_field *fl, wint_t ch); /* false when the character is not allowed/full */
void ui_field_backspace(ui_field *fl);
void ui_field_wipe(ui_field *fl); /* overwrites the text: nothing typed lingers in memory */

/* Overlays (scr_overlay.c). */
void ui_overlay_draw(ui *u);
int ui_overlay_action(ui *u, ui_action act);
int ui_overlay_char(ui *u, wint_t ch);
void ui_open_details(ui *u, int activity, int from_suggestion);

/* Storing the referral (tui.c): opens the database, writes, reports. */
void ui_record(ui *u);
/* Forgets everything of the last person: answers, typed text, overlays, messages (kiosk). */
void ui_wipe(ui *u);

#endif
