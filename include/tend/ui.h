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
 *                      C-a..C-z
 *   :tick [N]          N idle timeouts (default 1), as if no key came
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
    TK_EOF         /* input ended (script end, terminal gone, signal) */
} tend_key_kind;

typedef struct {
    tend_key_kind kind;
    uint32_t ch;
} tend_key;

/* Text styles. The ui maps each to colours and attributes; under NO_COLOR
 * or --no-color only attributes (bold, reverse, underline, dim) are used. */
typedef enum {
    ST_NORMAL = 0, ST_DIM, ST_BOLD, ST_TITLE, ST_BAR, ST_KEY, ST_SELECTED,
    ST_H1, ST_H2, ST_H3, ST_EMPH, ST_STRONG, ST_CODE, ST_LINK, ST_LINK_FOCUS,
    ST_QUOTE, ST_NOTE, ST_MATCH, ST_COUNT
} tend_style;

typedef struct tend_app tend_app;
typedef struct tend_screen tend_screen;

typedef struct {
    const char *name;
    /* Draws the whole screen into rows x cols (the bottom bar is the
     * app's; screens draw rows 0 .. rows-2). */
    void (*draw)(tend_screen *s, tend_app *app, int rows, int cols);
    /* Handles one key. Returns true when the key was used. */
    bool (*key)(tend_screen *s, tend_app *app, const tend_key *k);
    /* Frees the screen and everything it owns (wiping any plaintext). */
    void (*destroy)(tend_screen *s);
} tend_screen_ops;

struct tend_screen {
    const tend_screen_ops *ops;
};

typedef struct {
    bool no_color;     /* --no-color, or NO_COLOR set */
} tend_ui_options;

/* Starts the terminal (or, in test builds with TEND_SCRIPT set, the headless
 * script terminal) and returns the app, or NULL with *err filled. The
 * terminal is restored by tend_app_free on every path. */
tend_app *tend_app_new(const tend_ui_options *opt, tend_error *err);

/* Restores the terminal and frees the app and every screen on its stack. */
void tend_app_free(tend_app *app);

/* Pushes s (ownership passes to the app) and makes it the top screen. */
void tend_app_push(tend_app *app, tend_screen *s);
/* Pops and destroys the top screen; when the stack empties the app quits. */
void tend_app_pop(tend_app *app);
/* Asks the main loop to end after this key. */
void tend_app_quit(tend_app *app);

/* The main loop: draws the top screen, waits for a key, dispatches it, until
 * quit, an empty stack, end of input, or SIGTERM/SIGHUP/SIGINT. Returns
 * TEND_OK, or the status that ended it with *err filled. */
tend_status tend_app_run(tend_app *app, tend_error *err);

/* ---- drawing (valid only inside a draw callback) ----------------------- */

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

#endif
