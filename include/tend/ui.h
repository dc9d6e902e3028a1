/*
 * ui.h — the terminal: set-up and restore, key input, drawing, and the
 * screen stack. The only module (with src/screens/) that includes curses.
 *
 * Screens are small vtables (tend_screen_ops) whose memory the framework
 * owns. The app owns a stack of them; the top one gets keys and draws, and
 * loads what it shows in its enter hook before it draws. Keys arrive as
 * tend_key values so screens never see curses key codes. Shared widgets: a
 * menu, a one-line text field, a question with choices (every delete and
 * every "leave without saving" asks through it) and a scrolling pager.
 *
 * Test builds (TEND_TEST_BUILD) can run headless (src/ui/script.c): with
 * TEND_SCRIPT=FILE the terminal is a newterm on /dev/null at 80x24, keys
 * come from FILE, and a line ":snapshot NAME" writes the screen as text to
 * $TEND_SNAPSHOT_DIR/NAME.screen. Script lines:
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
 * screen lists them in its keys (tend_screen_ops.keys, or
 * tend_screen_set_keys for a mode); on a screen with
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

/* ---- screens -------------------------------------------------------------
 * A screen is a struct whose first member is a tend_screen, described by a
 * static tend_screen_ops (its class). The framework owns its memory:
 * tend_screen_new allocates ops->size bytes, zeroed, and calls ops->init;
 * tend_screen_free (which the stack calls when a screen goes) calls
 * ops->fini, wipes the whole struct and frees it.
 *
 * A screen loads what it shows in ops->enter, never in ops->draw: the stack
 * calls enter before a draw whenever the screen has come to the top (pushed,
 * or uncovered by a pop), when the journal changed since it last entered
 * (the frame's generation hook says so), or when it asked
 * (tend_screen_reload). Draw only draws; test builds check it (see
 * tend_app_hooks.reads).
 *
 * Keys: which screen actions a screen uses, and whether typed keys are text,
 * can change with its mode (a list, a text field, a question):
 * tend_screen_set_keys. They start as ops->keys and ops->flags. */

/* tend_screen_ops.flags and tend_screen_set_keys */
#define TEND_SCREEN_TEXT 0x1u  /* printable keys are typed text, never actions */
#define TEND_SCREEN_BARE 0x2u  /* no bottom bar (the neutral screen) */
#define TEND_SCREEN_PASTE 0x4u /* the terminal's bracketed paste mode is on
                                  while this screen is on top: a paste
                                  arrives as one TK_PASTE key */

/* Why the stack calls enter (bits; several can come together). */
#define TEND_ENTER_PUSHED 0x1u    /* just pushed: the first time on top */
#define TEND_ENTER_UNCOVERED 0x2u /* the screen above it was popped */
#define TEND_ENTER_CHANGED 0x4u   /* the journal changed since its last enter */
#define TEND_ENTER_ASKED 0x8u     /* it asked, with tend_screen_reload */

typedef struct {
    /* The screen's name: the frame's state names the top screen by it, and
     * the global keys do not open a screen over one of the same name. */
    const char *name;
    /* Bytes of the screen's struct (its first member is a tend_screen). */
    size_t size;
    /* Optional: sets up the zeroed struct from arg (the constructor's
     * argument: the session for most screens). Returns TEND_OK, or a
     * failure status: fini then runs on the half-made screen and
     * tend_screen_new returns NULL. Loads nothing that enter can load. */
    tend_status (*init)(tend_screen *s, void *arg);
    /* Optional: frees what the screen owns (wiping any plaintext). Runs on
     * a screen whose init failed part way too, so it must accept members
     * still zero. The framework wipes and frees the struct itself. */
    void (*fini)(tend_screen *s);
    /* Optional: loads what the screen shows; why is TEND_ENTER_* bits.
     * Called before a draw, with the screen on top. May push, pop or
     * replace screens (and must return right after popping itself). */
    void (*enter)(tend_screen *s, tend_app *app, unsigned why);
    /* Draws the whole screen into rows x cols (the bottom bar is the
     * app's; screens draw rows 0 .. rows-2). Draws only: it never reads the
     * journal (test builds abort when it does) and never changes what is
     * stored. */
    void (*draw)(tend_screen *s, tend_app *app, int rows, int cols);
    /* Handles one key. Returns true when the key was used. A screen that
     * pops or replaces itself must return right after the call, since the
     * screen is gone. TK_TIMEOUT comes about once a second of idle time
     * (tend_app_now tells the time); TK_RESIZE after a resize. */
    bool (*key)(tend_screen *s, tend_app *app, const tend_key *k);
    /* Optional (NULL = nothing to save). Called on quick-hide, auto-lock and
     * every way of leaving (including SIGTERM/SIGHUP) while the journal is
     * still open, top screen first: save any unsaved work as an encrypted
     * draft. Every screen is freed right after. */
    void (*lock)(tend_screen *s, tend_app *app);
    /* Optional: the screen actions this screen uses at first, ending with
     * TA_NONE; the help overlay lists them (and tend_screen_action maps
     * keys to them). NULL = none. */
    const tend_action *keys;
    /* TEND_SCREEN_* bits at first. */
    unsigned flags;
} tend_screen_ops;

struct tend_screen {
    const tend_screen_ops *ops;
    const tend_action *keys;  /* the screen actions in use now (TA_NONE-ended, or NULL) */
    unsigned flags;           /* TEND_SCREEN_* in use now */
    /* Kept by the stack; screens leave them alone. */
    unsigned pending;         /* TEND_ENTER_* bits not yet given to enter */
    uint64_t generation;      /* the frame's generation at the last enter */
};

/* A new screen of class ops: ops->size bytes, zeroed, with ops, keys and
 * flags set, then ops->init(s, arg) when there is one. NULL when out of
 * memory or init failed (the half-made screen is finished and freed).
 * Ownership passes to the caller (normally straight to tend_app_push). */
tend_screen *tend_screen_new(const tend_screen_ops *ops, void *arg);

/* Runs ops->fini, wipes the whole struct and frees it. NULL allowed. The
 * stack calls it for every screen it pops or drops; callers free only a
 * screen they never pushed. */
void tend_screen_free(tend_screen *s);

/* Changes the screen actions s uses (keys: TA_NONE-ended, static; NULL =
 * none) and its TEND_SCREEN_* flags, e.g. when a text field or a question
 * opens. The help overlay and the paste mode follow at the next draw. */
void tend_screen_set_keys(tend_screen *s, const tend_action *keys, unsigned flags);

/* Asks for ops->enter with TEND_ENTER_ASKED before s is next drawn on top
 * (e.g. after a key changed a filter): loading stays in enter. */
void tend_screen_reload(tend_screen *s);

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
     * freed: close the journal (wiping keys), then, unless leaving, push
     * the neutral screen. leaving is true when tend is ending (quit, end of
     * input, SIGTERM, SIGHUP). */
    void (*lock)(tend_app *app, bool leaving, void *ctx);
    /* Test builds: describes the frame's state for ":state NAME" (e.g.
     * "journal: locked"). */
    void (*describe)(tend_app *app, tend_buf *out, void *ctx);
    /* A number that changes whenever what screens show from the journal may
     * have changed (a write, a lock, an unlock), and only then; the stack
     * calls a top screen's enter with TEND_ENTER_CHANGED when it differs
     * from the screen's last enter. NULL: never changes. */
    uint64_t (*generation)(void *ctx);
    /* Test builds only: how many times the journal was read so far. The
     * stack compares it before and after every draw and aborts, naming the
     * screen, when a draw read the journal. NULL: not checked. */
    uint64_t (*reads)(void *ctx);
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

/* Pushes s (ownership passes to the app) and makes it the top screen; its
 * enter runs (TEND_ENTER_PUSHED) before it is drawn. s NULL (a constructor
 * out of memory) is ignored. */
void tend_app_push(tend_app *app, tend_screen *s);
/* Pops and frees the top screen; the one under it enters again
 * (TEND_ENTER_UNCOVERED) before it is drawn. When the stack empties the app
 * quits. */
void tend_app_pop(tend_app *app);
/* Frees the top screen and pushes s in its place (the app does not quit
 * in between). s NULL only pops. */
void tend_app_replace(tend_app *app, tend_screen *s);
/* The top screen, or NULL. */
tend_screen *tend_app_top(tend_app *app);
/* Draws the stack now (e.g. "Opening..." before a slow step inside a key
 * handler); the top screen enters first when it is due to. */
void tend_app_redraw(tend_app *app);
/* The text of the TK_PASTE key being handled (valid until the next key;
 * the ui wipes it then), its length in *len. "\r\n" and "\r" arrive as
 * "\n". Never NULL ("" outside a paste). */
const char *tend_app_paste(tend_app *app, size_t *len);

/* Asks the main loop to end after this key. */
void tend_app_quit(tend_app *app);

/* Quick-hide, as if the hide key was pressed: the screen blanks at once;
 * after the current key, every screen's lock callback runs, every screen is
 * freed and the frame's lock hook closes the journal and shows the neutral
 * screen. */
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

/* The main loop: lets the top screen enter when due, draws it, waits for a
 * key, dispatches it, until
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

/* ---- a question with choices ---------------------------------------------
 * One calm question, an optional detail under it (what it is about), and a
 * short list of choices with the safe one marked first. Every delete and
 * every "leave without saving" asks through it. The owner keeps it in its
 * struct, draws it in place of its body while it is open, gives it its keys
 * (and uses tend_confirm_keys as its screen actions meanwhile). The strings
 * are borrowed: they must stay valid while it is open. */
typedef struct {
    const char *question;
    const char *detail;   /* NULL = none */
    tend_menu menu;       /* the choices */
    int cancel;           /* the choice Esc gives */
    bool open;
} tend_confirm;

/* tend_confirm_key's answer while the question is still open. */
#define TEND_CONFIRM_ASKING (-1)

/* The screen actions of an open question: TA_UP, TA_DOWN, TA_SELECT. */
extern const tend_action tend_confirm_keys[];

/* Opens the question with choices[0..n) (n >= 1), the first marked; Esc
 * will answer cancel. */
void tend_confirm_open(tend_confirm *c, const char *question, const char *detail,
                       const char *const *choices, int n, int cancel);
/* The question every delete asks: question, detail, then "Keep it" (marked,
 * and what Esc answers: 0) and "Delete it for good" (1). */
void tend_confirm_delete(tend_confirm *c, const char *question, const char *detail);
/* Draws the question wrapped from row y (columns x .. x+w-1, above row
 * bottom), the detail dim under it, a blank row, then the choices. */
void tend_confirm_draw(tend_confirm *c, tend_app *app, int y, int x, int w, int bottom);
/* Handles action a (key k) while the question is open: moves the mark, or
 * answers. Returns the index of the choice taken (Enter) or c->cancel (Esc),
 * closing the question; TEND_CONFIRM_ASKING while it stays open (also for
 * keys it does not use). */
int tend_confirm_key(tend_confirm *c, tend_action a, const tend_key *k);

/* ---- a scrolling pager -------------------------------------------------------
 * Paragraphs of text, each in a style and indented, wrapped at the width it
 * is drawn at (at spaces; "\n" starts a new line; tabs show as spaces) and
 * scrolled by whole rows. It keeps copies of the text and wipes them when
 * cleared or freed, so it may hold a person's words. */
typedef struct tend_pager tend_pager;

/* A new empty pager, or NULL when out of memory. */
tend_pager *tend_pager_new(void);
/* Wipes the text and frees the pager. NULL allowed. */
void tend_pager_free(tend_pager *p);
/* Wipes and forgets the text (to fill it again); the place (first row
 * shown) is kept, clamped at the next layout. */
void tend_pager_clear(tend_pager *p);
/* Appends a copy of text[0..len) as a paragraph in style st, indent columns
 * in from the pager's left edge. "" makes a blank row. TEND_OK or
 * TEND_ENOMEM (nothing added). */
tend_status tend_pager_add(tend_pager *p, tend_style st, int indent, const char *text, size_t len);
/* Lays the text out for a box w columns wide and rows high (when the width
 * or the text changed) and clamps the place to it. tend_pager_draw does it
 * first; keys use the last layout. TEND_OK or TEND_ENOMEM (then nothing is
 * laid out). */
tend_status tend_pager_layout(tend_pager *p, int w, int rows);
/* Draws the rows in view into the box at y, x (w columns, rows high). */
void tend_pager_draw(tend_pager *p, tend_app *app, int y, int x, int w, int rows);
/* Scrolls for TA_UP, TA_DOWN (a row), TA_PGUP, TA_PGDN (a box less a row),
 * TA_TOP and TA_BOTTOM, never past the last layout's ends. Returns true when
 * a is one of those. */
bool tend_pager_key(tend_pager *p, tend_action a);
/* The first row shown, and the rows of text in all (at the last layout). */
size_t tend_pager_top(const tend_pager *p);
size_t tend_pager_rows(const tend_pager *p);

#endif
