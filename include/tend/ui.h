/*
 * ui.h — the terminal: set-up and restore, key input, drawing, and the
 * screen stack. The only module (with src/screens/) that includes curses.
 *
 * Screens are small vtables (tend_screen_ops). The app owns a stack of
 * them; the top one gets keys and draws. Keys arrive as tend_key values so
 * screens never see curses key codes.
 *
 * Test builds (TEND_TEST_BUILD) can run headless: with TEND_SCRIPT=FILE the
 * terminal is a newterm on /dev/null at 80x24, keys come from FILE, and a
 * line ":snapshot NAME" writes the screen as text to $TEND_SNAPSHOT_DIR/
 * NAME.screen. Script lines:
 *   :snapshot NAME     dump the screen
 *   :resize COLS ROWS  resize the terminal (the screen gets a resize event)
 *   :key NAME          one named key: Enter Tab BTab Esc Up Down Left Right
 *                      Home End PgUp PgDn Backspace Delete Space F1..F12,
 *                      C-a..C-z, C-\ C-] C-^ C-_, C-Left C-Right
 *   :paste TEXT        a bracketed paste of TEXT ("\\n" is a newline, "\\\\"
 *                      a backslash) on a TEND_SCREEN_PASTE screen
 *   :pastefile PATH    a bracketed paste of the file's bytes
 *   :tick [N]          N idle timeouts (default 1), as if no key came;
 *                      each one advances the ui clock by one second
 *   :keytime-reset     with TEND_KEYTIME=FILE (microseconds from each key
 *                      to the end of its redraw, summarised into FILE as
 *                      "keys N median_us M p99_us P worst_us W" at exit):
 *                      forget the keys timed so far
 *   :state NAME        write the frame's state (tend_app_hooks.describe)
 *                      to $TEND_SNAPSHOT_DIR/NAME.screen
 *   :marks NAME        like :snapshot, with text drawn as a search match
 *                      (ST_MATCH) written between ⟦ and ⟧
 *   # ...              a comment
 *   anything else      typed as text, character by character (no newline)
 * When the script ends the program gets an end-of-input key and quits.
 */
#ifndef TEND_UI_H
#define TEND_UI_H

#include "tend/core.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    TK_NONE = 0,
    TK_CHAR,       /* a printable character in .ch */
    TK_ENTER, TK_TAB, TK_BTAB, TK_ESC, TK_BACKSPACE, TK_DELETE,
    TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_PGUP, TK_PGDN,
    TK_CTRL,       /* Ctrl + letter; .ch holds the lower-case letter */
    TK_FN,         /* function key; .ch holds its number */
    TK_RESIZE,     /* the terminal changed size */
    TK_TIMEOUT,    /* no key arrived within the wait asked for */
    TK_EOF,        /* input ended (script end, terminal gone, signal) */
    TK_WORD_LEFT,  /* Ctrl-Left or Alt-b */
    TK_WORD_RIGHT, /* Ctrl-Right or Alt-f */
    TK_PASTE       /* a bracketed paste (TEND_SCREEN_PASTE screens only): the
                      text is tend_app_paste's until the next key */
} tend_key_kind;

typedef struct {
    tend_key_kind kind;
    uint32_t ch;
} tend_key;

typedef struct tend_app tend_app;
typedef struct tend_screen tend_screen;

/* ---- the keymap ----------------------------------------------------------
 * One table of every action: its default key(s), the short label the bottom
 * bar shows, and the help text. The bottom bar is generated from the global
 * rows, the help overlay from the screen's rows plus the global ones, so
 * the two can never disagree with what the keys do.
 *
 * Global actions work on every screen, text-entry screens included, so
 * their keys are never printable characters. Screen actions work where a
 * screen lists them in tend_screen_ops.keys; on a screen with
 * TEND_SCREEN_TEXT, printable keys are text and never actions.
 *
 * X(ID, SCOPE, KIND1, CH1, KIND2, CH2, LABEL, SHORT, HELP)
 *   ID      TA_<ID> in tend_action
 *   SCOPE   GLOBAL or SCREEN
 *   KIND/CH two key bindings (tend_key_kind and .ch); TK_NONE for none
 *   LABEL   the bar label (global) or a name (screen)
 *   SHORT   a shorter bar label for narrow windows
 *   HELP    one line for the help overlay
 * Append new actions; never reorder (the bar shows globals in this order). */
#define TEND_ACTIONS(X) \
    X(HELP,    GLOBAL, TK_FN, 1,   TK_NONE, 0,    "help",      "help",  "show the keys of this screen") \
    X(SUPPORT, GLOBAL, TK_FN, 2,   TK_NONE, 0,    "support",   "supp.", "support lines and your own people") \
    X(TOOLS,   GLOBAL, TK_FN, 3,   TK_NONE, 0,    "tools",     "tools", "grounding and breathing exercises") \
    X(HIDE,    GLOBAL, TK_FN, 12,  TK_CTRL, '\\', "hide",      "hide",  "hide the screen and lock at once") \
    X(BACK,    GLOBAL, TK_ESC, 0,  TK_NONE, 0,    "back",      "back",  "go back (nothing is lost)") \
    X(UP,      SCREEN, TK_UP, 0,   TK_CHAR, 'k',  "up",        "up",    "move up") \
    X(DOWN,    SCREEN, TK_DOWN, 0, TK_CHAR, 'j',  "down",      "down",  "move down") \
    X(PGUP,    SCREEN, TK_PGUP, 0, TK_NONE, 0,    "page up",   "pg up", "one page up") \
    X(PGDN,    SCREEN, TK_PGDN, 0, TK_CHAR, ' ',  "page down", "pg dn", "one page down") \
    X(SELECT,  SCREEN, TK_ENTER, 0, TK_NONE, 0,   "open",      "open",  "open or choose what is marked") \
    X(NEXT,    SCREEN, TK_TAB, 0,  TK_DOWN, 0,    "next",      "next",  "next field") \
    X(PREV,    SCREEN, TK_BTAB, 0, TK_UP, 0,      "previous",  "prev",  "previous field") \
    X(CONFIRM, SCREEN, TK_ENTER, 0, TK_NONE, 0,   "go on",     "go on", "go on to the next step") \
    X(QUIT,    SCREEN, TK_CHAR, 'q', TK_NONE, 0,  "leave",     "leave", "lock the journal and leave tend") \
    X(EDIT,    SCREEN, TK_CHAR, 'e', TK_NONE, 0,  "edit",      "edit",  "change what is marked") \
    X(ADD,     SCREEN, TK_CHAR, 'a', TK_NONE, 0,  "add",       "add",   "add a new one") \
    X(DELETE,  SCREEN, TK_CHAR, 'd', TK_NONE, 0,  "remove",    "remove", "remove what is marked (asks first)") \
    X(PAUSE,   SCREEN, TK_CHAR, ' ', TK_NONE, 0,  "pause",     "pause", "pause or go on") \
    X(SKIP,    SCREEN, TK_CHAR, 's', TK_NONE, 0,  "skip",      "skip",  "skip this; nothing is required") \
    X(LEFT,    SCREEN, TK_LEFT, 0, TK_CHAR, 'h',  "left",      "left",  "one step back, or less") \
    X(RIGHT,   SCREEN, TK_RIGHT, 0, TK_CHAR, 'l', "right",     "right", "one step on, or more") \
    X(CLEAR,   SCREEN, TK_CTRL, 'u', TK_NONE, 0,  "clear",     "clear", "clear what is typed in this field") \
    X(SAVE,      SCREEN, TK_CTRL, 's', TK_NONE, 0,  "save",      "save",  "save the entry") \
    X(UNDO,      SCREEN, TK_CTRL, 'z', TK_NONE, 0,  "undo",      "undo",  "undo the last change") \
    X(REDO,      SCREEN, TK_CTRL, 'y', TK_NONE, 0,  "redo",      "redo",  "redo what was undone") \
    X(WORD_LEFT, SCREEN, TK_WORD_LEFT, 0, TK_NONE, 0, "word back", "word", "one word back (Alt-b works too)") \
    X(WORD_RIGHT, SCREEN, TK_WORD_RIGHT, 0, TK_NONE, 0, "word on", "word", "one word on (Alt-f works too)") \
    X(FIELD,     SCREEN, TK_TAB, 0,  TK_NONE, 0,    "field",     "field", "next of title, tags and text (Shift-Tab: back)") \
    X(TOP,       SCREEN, TK_HOME, 0, TK_CHAR, 'g',  "top",       "top",   "go to the top") \
    X(BOTTOM,    SCREEN, TK_END, 0,  TK_CHAR, 'G',  "bottom",    "end",   "go to the end") \
    X(SEARCH,    SCREEN, TK_CHAR, '/', TK_NONE, 0,  "search",    "find",  "find a word on this page") \
    X(FIND_NEXT, SCREEN, TK_CHAR, 'n', TK_NONE, 0,  "next match", "next", "the next place the word is found") \
    X(FIND_PREV, SCREEN, TK_CHAR, 'N', TK_NONE, 0,  "previous match", "prev", "the previous place the word is found") \
    X(LINK_NEXT, SCREEN, TK_TAB, 0,  TK_NONE, 0,    "next link", "link",  "mark the next link to another page") \
    X(LINK_PREV, SCREEN, TK_BTAB, 0, TK_NONE, 0,    "previous link", "link", "mark the previous link") \
    X(CONTENTS,  SCREEN, TK_CHAR, 'c', TK_NONE, 0,  "contents",  "toc",   "the headings of this page; Enter goes there") \
    X(FIND_ALL,  SCREEN, TK_CHAR, '/', TK_NONE, 0,  "search",    "find",  "search everything written: titles, text, tags, notes") \
    X(FILTER,    SCREEN, TK_CHAR, 'f', TK_NONE, 0,  "filter",    "filter", "show only some: kind, tag, trigger, dates") \
    X(CALENDAR,  SCREEN, TK_CHAR, 'c', TK_NONE, 0,  "calendar",  "cal.",  "a month calendar; Enter goes to the marked day") \
    X(MONTH_PREV, SCREEN, TK_PGUP, 0, TK_CHAR, '<', "previous month", "month", "the month before") \
    X(MONTH_NEXT, SCREEN, TK_PGDN, 0, TK_CHAR, '>', "next month", "month", "the month after") \
    X(RANGE,     SCREEN, TK_CHAR, 'r', TK_NONE, 0,  "days",      "days",  "show the last 14, 30 or 90 days") \
    X(PART_NEXT, SCREEN, TK_TAB, 0,  TK_NONE, 0,    "next part", "part",  "the next part of this screen") \
    X(PART_PREV, SCREEN, TK_BTAB, 0, TK_NONE, 0,    "previous part", "part", "the previous part of this screen") \
    X(PLAIN,     SCREEN, TK_CHAR, 'a', TK_NONE, 0,  "plain marks", "ascii", "draw with plain ASCII characters, or with blocks") \
    X(TOGGLE,    SCREEN, TK_CHAR, ' ', TK_NONE, 0,  "choose",    "choose", "choose or un-choose what is marked") \
    X(SECTION_BACK, SCREEN, TK_BACKSPACE, 0, TK_CHAR, 'b', "back a section", "back", "the section before, to change an answer") \
    X(PLAN,      SCREEN, TK_CHAR, 'p', TK_NONE, 0,  "safety plan", "plan", "open your safety plan (you can change it)") \
    X(CONTINUE,  SCREEN, TK_CHAR, 'r', TK_NONE, 0,  "go on reading", "read", "open the page you were reading, at your place")

typedef enum {
    TA_NONE = 0,
#define TEND_X_ENUM(id, scope, k1, c1, k2, c2, label, shortl, help) TA_##id,
    TEND_ACTIONS(TEND_X_ENUM)
#undef TEND_X_ENUM
    TA_COUNT
} tend_action;

typedef enum { TEND_SCOPE_GLOBAL, TEND_SCOPE_SCREEN } tend_scope;

typedef struct {
    tend_action action;
    tend_scope scope;
    tend_key keys[2];       /* keys[1].kind may be TK_NONE */
    const char *label, *shortl, *help;
} tend_keydef;

/* The row of action a (TA_NONE < a < TA_COUNT), or NULL. Static data. */
const tend_keydef *tend_keydef_of(tend_action a);

/* Writes the name of key k ("F1", "Esc", "Ctrl-\", "q", "Enter") into out
 * (size n, always NUL-terminated). */
void tend_key_name(const tend_key *k, char *out, size_t n);

/* Writes the key(s) of action a as shown in help ("F12 or Ctrl-\"). */
void tend_action_keys(tend_action a, char *out, size_t n);

/* ---- screens ------------------------------------------------------------- */

/* tend_screen_ops.flags */
#define TEND_SCREEN_TEXT 0x1u  /* printable keys are typed text, never actions */
#define TEND_SCREEN_BARE 0x2u  /* no bottom bar (the neutral screen) */
#define TEND_SCREEN_PASTE 0x4u /* the terminal's bracketed paste mode is on
                                  while this screen is on top: a paste
                                  arrives as one TK_PASTE key */

typedef struct {
    const char *name;
    /* Draws the whole screen into rows x cols (the bottom bar is the
     * app's; screens draw rows 0 .. rows-2). */
    void (*draw)(tend_screen *s, tend_app *app, int rows, int cols);
    /* Handles one key. Returns true when the key was used. A screen that
     * pops or replaces itself must return right after the call, since the
     * screen is gone. TK_TIMEOUT comes about once a second of idle time
     * (tend_app_now tells the time); TK_RESIZE after a resize. */
    bool (*key)(tend_screen *s, tend_app *app, const tend_key *k);
    /* Frees the screen and everything it owns (wiping any plaintext). */
    void (*destroy)(tend_screen *s);
    /* Optional (NULL = nothing to save). Called on quick-hide, auto-lock and
     * every way of leaving (including SIGTERM/SIGHUP) while the journal is
     * still open, top screen first: save any unsaved work as an encrypted
     * draft. Every screen is destroyed right after. */
    void (*lock)(tend_screen *s, tend_app *app);
    /* Optional: the screen actions this screen uses, ending with TA_NONE;
     * the help overlay lists them (and tend_screen_action maps keys to
     * them). NULL = none. */
    const tend_action *keys;
    /* TEND_SCREEN_* bits. */
    unsigned flags;
} tend_screen_ops;

struct tend_screen {
    const tend_screen_ops *ops;
};

/* The action key k means on screen s: a global action first, then one of
 * s->ops->keys. TA_NONE when it is none (typed text, for instance). */
tend_action tend_screen_action(const tend_screen *s, const tend_key *k);

/* Text styles. The ui maps each to colours and attributes; under NO_COLOR
 * or --no-color only attributes (bold, reverse, underline, dim) are used. */
typedef enum {
    ST_NORMAL = 0, ST_DIM, ST_BOLD, ST_TITLE, ST_BAR, ST_KEY, ST_SELECTED,
    ST_H1, ST_H2, ST_H3, ST_EMPH, ST_STRONG, ST_CODE, ST_LINK, ST_LINK_FOCUS,
    ST_QUOTE, ST_NOTE, ST_MATCH, ST_FIELD, ST_COUNT
} tend_style;

typedef struct {
    bool no_color;     /* --no-color, or NO_COLOR set */
} tend_ui_options;

/* What the frame (src/screens) does for the ui. Every member may be NULL. */
typedef struct {
    void *ctx;
    /* A global action the top screen did not use (TA_SUPPORT, TA_TOOLS):
     * the frame opens that screen. */
    void (*global)(tend_app *app, tend_action a, void *ctx);
    /* Locking, after every screen's lock callback ran and every screen was
     * destroyed: close the journal (wiping keys), then, unless leaving,
     * push the neutral screen. leaving is true when tend is ending (quit,
     * end of input, SIGTERM, SIGHUP). */
    void (*lock)(tend_app *app, bool leaving, void *ctx);
    /* Test builds: describes the frame's state for ":state NAME" (e.g.
     * "journal: locked"). */
    void (*describe)(tend_app *app, tend_buf *out, void *ctx);
} tend_app_hooks;

/* Starts the terminal (or, in test builds with TEND_SCRIPT set, the headless
 * script terminal) and returns the app, or NULL with *err filled. The
 * terminal is restored by tend_app_free on every path. */
tend_app *tend_app_new(const tend_ui_options *opt, tend_error *err);

/* Restores the terminal and frees the app and every screen on its stack. */
void tend_app_free(tend_app *app);

/* Sets the frame's hooks (copied). */
void tend_app_set_hooks(tend_app *app, const tend_app_hooks *h);

/* Turns colour on or off from now on (the Settings screen). */
void tend_app_set_color(tend_app *app, bool on);
/* True when colours are in use. */
bool tend_app_color(const tend_app *app);

/* Pushes s (ownership passes to the app) and makes it the top screen.
 * s NULL (a constructor out of memory) is ignored. */
void tend_app_push(tend_app *app, tend_screen *s);
/* Pops and destroys the top screen; when the stack empties the app quits. */
void tend_app_pop(tend_app *app);
/* Destroys the top screen and pushes s in its place (the app does not quit
 * in between). s NULL only pops. */
void tend_app_replace(tend_app *app, tend_screen *s);
/* The top screen, or NULL. */
tend_screen *tend_app_top(tend_app *app);
/* Draws the stack now (e.g. "Opening..." before a slow step inside a key
 * handler). */
void tend_app_redraw(tend_app *app);
/* The text of the TK_PASTE key being handled (valid until the next key;
 * the ui wipes it then), its length in *len. "\r\n" and "\r" arrive as
 * "\n". Never NULL ("" outside a paste). */
const char *tend_app_paste(tend_app *app, size_t *len);

/* Asks the main loop to end after this key. */
void tend_app_quit(tend_app *app);

/* Quick-hide, as if the hide key was pressed: the screen blanks at once;
 * after the current key, every screen's lock callback runs, every screen is
 * destroyed and the frame's lock hook closes the journal and shows the
 * neutral screen. */
void tend_app_lock(tend_app *app);

/* Auto-lock after secs seconds without a key (0 = never). The frame sets
 * it when the journal is unlocked and clears it when locked. */
void tend_app_set_autolock(tend_app *app, int64_t secs);

/* The ui clock: whole seconds on a monotonic clock. In script mode it is
 * virtual: it starts at 0 and each :tick adds one second, so tests can
 * drive timers (auto-lock, pauses, breathing) without waiting. */
int64_t tend_app_now(tend_app *app);

/* Wall-clock time (seconds since the epoch): tend_now(), plus the virtual
 * seconds in script mode. */
int64_t tend_app_time(tend_app *app);

/* The main loop: draws the top screen, waits for a key, dispatches it, until
 * quit, an empty stack, end of input, or SIGTERM/SIGHUP/SIGINT. On every
 * way out the screens' lock callbacks run and the frame's lock hook closes
 * the journal before this returns. Returns TEND_OK, or the status that
 * ended it with *err filled. */
tend_status tend_app_run(tend_app *app, tend_error *err);

/* ---- drawing (valid only inside a draw callback) ----------------------- */

/* Smallest window tend lays itself out in; below it a calm message asks
 * for a larger window. */
#define TEND_MIN_COLS 40
#define TEND_MIN_ROWS 12

/* Clears the drawing area. */
void tend_ui_clear(tend_app *app);
/* Writes UTF-8 text at row y, column x in style st, cut at the right edge of
 * the terminal or at max columns (max 0 = no limit), never mid-character.
 * Returns the columns written. */
int tend_ui_text(tend_app *app, int y, int x, tend_style st, const char *s, int max);
/* Fills row y from column x to the right edge with spaces in style st. */
void tend_ui_fill(tend_app *app, int y, int x, tend_style st);
/* Terminal size in rows and columns. */
void tend_ui_size(tend_app *app, int *rows, int *cols);
/* Word-wraps text into the box rows y .. y+maxrows-1, columns x .. x+width-1
 * (breaking at spaces, cutting a word longer than width at a character
 * boundary; "\n" starts a new line). Returns the rows the whole text needs,
 * which may exceed maxrows (only maxrows are drawn). maxrows 0 draws
 * nothing (measures only). */
int tend_ui_wrap(tend_app *app, int y, int x, int width, int maxrows, tend_style st,
                 const char *text);
/* Writes text centred on row y (cut to the width). */
void tend_ui_center(tend_app *app, int y, tend_style st, const char *text);
/* The screen's title row (row 0): " title" on a bar, with right (may be
 * NULL) at the right edge when there is room. */
void tend_ui_title(tend_app *app, const char *title, const char *right);
/* Shows the terminal cursor at y, x after this draw (hidden otherwise). */
void tend_ui_cursor(tend_app *app, int y, int x);

/* ---- a menu -------------------------------------------------------------- */

typedef struct {
    const char *const *items; /* labels (not owned) */
    int n;
    int sel;                  /* marked item */
    int top;                  /* first item shown */
} tend_menu;

/* Draws the menu in rows y .. y+rows-1, width cols, the marked item in
 * ST_SELECTED, scrolling to keep it in view. */
void tend_menu_draw(tend_menu *m, tend_app *app, int y, int x, int rows, int cols);
/* As tend_menu_draw; with show_mark false the marked item is drawn like the
 * others (the mark is elsewhere on the screen for now), but still kept. */
void tend_menu_draw_ex(tend_menu *m, tend_app *app, int y, int x, int rows, int cols,
                       bool show_mark);
/* Moves the mark for TA_UP/TA_DOWN/TA_PGUP/TA_PGDN, Home/End, and the digit
 * keys 1..9 (which mark item 1..9). Returns true when the key was used. */
bool tend_menu_key(tend_menu *m, tend_action a, const tend_key *k);

/* ---- a one-line text field -------------------------------------------------
 * Held in secure memory (tend_secure_alloc) since it may hold a passphrase;
 * wiped on clear and free. */
typedef struct tend_input tend_input;

/* A new empty field holding at most cap bytes, secret (drawn as dots) or
 * not. NULL when out of memory. */
tend_input *tend_input_new(size_t cap, bool secret);
/* Wipes and frees. NULL is allowed. */
void tend_input_free(tend_input *f);
/* Handles a typed character, Backspace, Left/Right, Home/End and Ctrl-U.
 * Returns true when the key was used. */
bool tend_input_key(tend_input *f, const tend_key *k);
/* The text (NUL-terminated, owned by f) and its length in bytes. */
const char *tend_input_text(const tend_input *f);
size_t tend_input_len(const tend_input *f);
/* Replaces the text with a copy of s (cut to fit, at a character
 * boundary). */
void tend_input_set(tend_input *f, const char *s);
/* Wipes the text. */
void tend_input_clear(tend_input *f);
/* Draws the field at y, x, width cols; focused shows the cursor. */
void tend_input_draw(const tend_input *f, tend_app *app, int y, int x, int cols, bool focused);

#endif
