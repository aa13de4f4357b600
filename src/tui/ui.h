/* ui.h: what the ncurses screens share: the UI context, the action table (one place for
 * keys, labels, footer and help), colour roles with a monochrome twin, and drawing helpers
 * that wrap UTF-8 text by display width. Only the files of src/tui/ include curses. */
#ifndef INFOKAART_UI_H
#define INFOKAART_UI_H

#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "app.h"
#include "flow.h"
#include "store.h"
#include "training.h"

/* A key: a character, or a curses function key (KEY_UP, KEY_F(1), ...). */
typedef struct {
	wint_t code;
	bool fkey;
} ui_key;
#define CH(c) {(wint_t)(c), false}
#define FK(k) {(wint_t)(k), true}

/* Every user action, declared once, one row each: id, the key label shown in the footer and
 * the help, the Dutch label (gettext), and the keys that give it. The key map (ui_key_action),
 * the footer and the help screen are all read from this table. */
#define UI_ACTIONS(X)                                                                      \
	X(ACT_UP, "↑ k", N_("omhoog"), FK(KEY_UP), CH('k'))                                  \
	X(ACT_DOWN, "↓ j", N_("omlaag"), FK(KEY_DOWN), CH('j'))                              \
	X(ACT_LEFT, "←", N_("minder"), FK(KEY_LEFT))                                        \
	X(ACT_RIGHT, "→", N_("meer"), FK(KEY_RIGHT))                                        \
	X(ACT_TOGGLE, N_("Spatie"), N_("kiezen"), CH(' '))                                  \
	X(ACT_NEXT, "Enter", N_("verder"), CH('\n'), CH('\r'), FK(KEY_ENTER))               \
	X(ACT_BACK, N_("Esc"), N_("terug"), CH(27), CH(127), CH(8), FK(KEY_BACKSPACE))      \
	X(ACT_HELP, "F1 ?", N_("hulp"), FK(KEY_F(1)), CH('?'))                              \
	X(ACT_CRISIS, "F2 !", N_("crisishulp"), FK(KEY_F(2)), CH('!'))                      \
	X(ACT_SEARCH, "/", N_("zoeken"), CH('/'))                                           \
	X(ACT_PAGEUP, "PgUp", N_("pagina omhoog"), FK(KEY_PPAGE))                           \
	X(ACT_PAGEDOWN, "PgDn", N_("pagina omlaag"), FK(KEY_NPAGE))                         \
	X(ACT_NEW, "n", N_("nieuwe ronde"), CH('n'))                                        \
	X(ACT_PRINT, "p", N_("afdrukken"), CH('p'))                                         \
	X(ACT_TAB, "Tab", N_("andere lijst"), CH('\t'), FK(KEY_BTAB))                       \
	X(ACT_WALK, "F3", N_("verwijzen of overzicht"), FK(KEY_F(3)))                       \
	X(ACT_NEWCALL, "F5", N_("nieuw gesprek"), FK(KEY_F(5)))                             \
	X(ACT_NOTE, "F6", N_("notitie"), FK(KEY_F(6)))                                      \
	X(ACT_CASE, "F4", N_("casus"), FK(KEY_F(4)))                                        \
	X(ACT_STATS, "F7", N_("cijfers"), FK(KEY_F(7)))                                     \
	X(ACT_QUIT, "q", N_("stoppen"), CH('q'))

typedef enum {
#define X(id, key, label, ...) id,
	UI_ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1
} ui_action;

typedef struct {
	const char *key;
	const char *label;
	const ui_key *keys; /* ends with code 0 */
} ui_action_info;
extern const ui_action_info ui_actions[ACT_COUNT];

/* The action a key gives (ACT_NONE: none), from the table above. */
ui_action ui_key_action(wint_t ch, bool fkey);

/* Colour roles; each has a colour pair and a monochrome attribute. */
typedef enum { ROLE_NORMAL, ROLE_TITLE, ROLE_SELECTED, ROLE_WARNING, ROLE_CRISIS, ROLE_DIM, ROLE_OK, ROLE_KEY, ROLE_COUNT } ui_role;

typedef enum { OVL_NONE, OVL_HELP, OVL_CRISIS, OVL_QUIT, OVL_DETAILS, OVL_SEARCH, OVL_IDLE, OVL_PIN,
	       OVL_OUTCOME, OVL_NOTE, OVL_CASE, OVL_DRAFT } ui_overlay;

/* Operator mode has a home screen (search, follow-ups due today) beside the walk. */
typedef enum { VIEW_WALK, VIEW_HOME, VIEW_CASES, VIEW_PRESENT, VIEW_STATS } ui_view;

/* A single-line text field (valid UTF-8), of at most FLOW_TEXT_MAX characters. */
typedef struct {
	char buf[4 * FLOW_TEXT_MAX + 1];
	size_t len;
	int back; /* rows of the wrapped text scrolled back from its end (ui_field_scroll) */
} ui_field;

/* The screens, as indices of their private state (ui.priv). */
typedef enum { SCR_GUIDE, SCR_QUESTION, SCR_PROFILE, SCR_SUGGEST, SCR_RECORD, SCR_DONE, SCR_END, SCR_HOME,
	       SCR_CASES, SCR_PRESENT, SCR_FEEDBACK, SCR_STATS, SCR_OVERLAY, SCR_OUTCOME, SCR_SMALL, SCR_COUNT } ui_screen_id;

/* What the whole UI shares; everything one screen needs alone is in that screen's private
 * state (ui_private), as tig's view->private. */
typedef struct ui {
	app *a;
	flow *f;
	bool color;
	int rows, cols;
	ui_overlay overlay;
	const char *status;      /* one-line message for the user (not owned) */
	char status_buf[600];
	bool status_error;
	bool quit;
	flow_step shown;   /* the step last entered, to reset cursors on change */
	int shown_pos;
	ik_mode mode;      /* standard, kiosk, operator, training */
	bool large;        /* kiosk: calm layout with more space */
	long long last_key_ms; /* monotonic time of the last key, for the kiosk's idle wipe */
	char *pin_hash;    /* kiosk: stored PIN hash, NULL when none is set */
	ui_view view;      /* operator: home or walk */
	long long call_start_ms; /* operator: when this call began */
	bool confirm_wipe; /* operator: F5 pressed once with unsaved answers */
	unsigned records_rev; /* counts writes to the records, so lists know to read them again */
	ik_cases *cases;   /* training: the practice cases */
	const ik_case *kase; /* training: the case being walked or presented, NULL none */
	void *priv[SCR_COUNT];  /* each screen's own state (ui_private) */
	size_t priv_size[SCR_COUNT];
} ui;

/* Screen id's private state of `size` bytes, zeroed when first asked for; freed (and its
 * bytes overwritten) when the UI ends. */
void *ui_private(ui *u, ui_screen_id id, size_t size);
/* Defines `static T *state(ui *u)`: the calling screen's private state, of type T. */
#define UI_STATE(T, id)                                   \
	static T *state(ui *u)                            \
	{                                                 \
		return ui_private(u, id, sizeof(T));      \
	}

/* Moving in text and lists, for the screens' on_action: each returns true when it took the
 * action. ui_scroll: Up and Down a row, PgUp and PgDn ten (never above the top; the draw
 * keeps it above the bottom). ui_cursor: Up and Down over n rows, wrapping round. */
bool ui_scroll(int *scroll, ui_action act);
bool ui_cursor(int *cursor, int n, ui_action act);
/* A list with an explanation beside or below it that scrolls on its own (profiles,
 * suggestions): the private state of such a screen. */
typedef struct {
	int cursor;
	int scroll; /* of the explanation (PgUp PgDn) */
} ui_list;

/* A list with a text beside or below it about the highlighted row: Up and Down move the
 * cursor (the text back to its top), PgUp and PgDn scroll the text. */
bool ui_list_with_text(int *cursor, int n, int *scroll, ui_action act);

/* Reactions an action handler returns; only the loop redraws. */
enum { R_NONE = 0, R_REDRAW = 1 };

/* Screen interface: each step kind and each view has one. */
typedef struct {
	void (*enter)(ui *u);                          /* the step or view became current */
	void (*draw)(ui *u, int top, int height);      /* rows top..top+height-1 */
	int (*on_action)(ui *u, ui_action act);
	int (*on_char)(ui *u, wint_t ch);              /* typed text, when the screen takes it */
	void (*keep)(ui *u);   /* puts what is typed but not confirmed into the flow (for a draft) */
	void (*forget)(ui *u); /* wipes what it holds of the last person (ui_wipe) */
	const ui_action *footer;                       /* actions shown in the footer, ACT_NONE-terminated */
} ui_screen;

extern const ui_screen scr_guide, scr_question, scr_profile, scr_suggest, scr_record, scr_done, scr_end, scr_home,
	scr_cases, scr_present, scr_feedback, scr_stats;

/* The records changed (a referral, an outcome): lists read them again. */
void ui_records_changed(ui *u);
/* Activities matching the query (search.h), for the search overlay and the operator home. */
int ui_search(ui *u, const char *query, int *out, int max);
/* The figures (F7): remembers the view to go back to. */
void ui_show_stats(ui *u);

/* Drawing helpers (ui_draw.c). */
attr_t ui_attr(const ui *u, ui_role r);
/* Draws s wrapped into width columns from row y, at most maxrows rows, skipping the first
 * `skip` wrapped rows. Returns the number of rows drawn (ui_text_rows gives the total). */
int ui_text(ui *u, int y, int x, int width, int maxrows, int skip, const char *s, attr_t attr);
int ui_text_rows(const char *s, int width);
/* The one way a screen shows text that may not fit: s wrapped into width columns in the rows
 * y..y+rows-1, from wrapped row *scroll on (kept between the top and the last screenful).
 * When there is more, the first row says "↑ meer" (text above) and the last "↓ meer" (text
 * below) with the keys that scroll. Returns the rows used. */
int ui_text_scrolled(ui *u, int y, int x, int width, int rows, int *scroll, const char *s, attr_t attr);
void ui_line(ui *u, int y, int x, int width, const char *s, attr_t attr); /* one row; a text cut to width ends in "…" */
void ui_status(ui *u, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *ui_tr(const ui *u, const ik_text *t);

/* Text fields. */
void ui_field_set(ui_field *fl, const char *s);
bool ui_field_add(ui_field *fl, wint_t ch); /* false when the character is not allowed/full */
/* A typed key for a text field: adds ch, or removes the last character for Backspace (127, 8).
 * Returns R_REDRAW when the field took the key, also when it is full or the character cannot
 * be stored (the status line then says why, so no key is lost unseen nor acts elsewhere);
 * -1 for a key that is no text (a control key, Backspace on an empty field): an action. */
int ui_field_key(ui *u, ui_field *fl, wint_t ch);
/* Draws fl wrapped into width columns in at most rows rows from row y, showing its end
 * (where typing goes on) with a cursor, or as far back as ui_field_scroll went; "↑ meer" and
 * "↓ meer" rows say that there is more. */
void ui_field_draw(ui *u, ui_field *fl, int y, int x, int width, int rows, attr_t attr);
/* PgUp and PgDn scroll a long field's text back and forth, so all of it can be read; true
 * when it took the action. Typing goes back to the end. */
bool ui_field_scroll(ui_field *fl, ui_action act);
void ui_field_backspace(ui_field *fl);
void ui_field_wipe(ui_field *fl); /* overwrites the text: nothing typed lingers in memory */

/* Overlays (scr_overlay.c). ui_open opens one with its state fresh (a search with an empty
 * query, the note with the walk's note, the PIN empty); the others take what they show. */
void ui_overlay_draw(ui *u);
int ui_overlay_action(ui *u, ui_action act);
int ui_overlay_char(ui *u, wint_t ch);
void ui_overlay_forget(ui *u);
/* The quick note typed in the open note overlay goes into the walk (before stopping asks
 * whether anything would be lost, and for a draft). */
void ui_overlay_keep(ui *u);
void ui_open(ui *u, ui_overlay o);
void ui_open_details(ui *u, int activity, int from_suggestion);
void ui_open_outcome(ui *u, const store_referral *r); /* r is copied (without its note) */
/* The outcome overlay's parts (scr_outcome.c), called by scr_overlay.c. */
void ui_outcome_draw(ui *u, int y, int x, int h, int w);
int ui_outcome_action(ui *u, ui_action act);
int ui_outcome_char(ui *u, wint_t ch);
void ui_outcome_forget(ui *u);
void ui_open_idle(ui *u, int seconds_left);
void ui_open_draft(ui *u, int64_t kept_at);

/* Below the minimum size (ui_small.c). */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 18
bool ui_too_small(const ui *u);
void ui_draw_small(ui *u);
/* A key in a window that is too small: ACT_QUIT when it asks to stop (the caller asks on),
 * else ACT_NONE; only the crisis numbers and stopping act, never the hidden screen. */
ui_action ui_small_key(ui *u, wint_t ch, bool fkey, ui_action act);

/* Storing the referral (tui.c): writes, reports. */
void ui_record(ui *u);
/* Forgets everything of the last person: answers, typed text, overlays, messages (kiosk). */
void ui_wipe(ui *u);

#endif
