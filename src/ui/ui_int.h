/*
 * ui_int.h — shared between the files of src/ui only: the app's state (the
 * terminal, the screen stack, the hooks), the bottom bar and the help
 * overlay (generated from the keymap table in keymap.c, drawn by the main
 * loop in ui.c), and, in test builds, the headless script terminal
 * (script.c).
 */
#ifndef TEND_UI_INT_H
#define TEND_UI_INT_H

#include "tend/ui.h"

#include <curses.h>
#include <stdio.h>

#define UI_STACK_MAX 32

#ifdef TEND_TEST_BUILD
typedef struct ui_script ui_script;
#endif

struct tend_app {
    SCREEN *term;
    tend_screen *stack[UI_STACK_MAX];
    int depth;
    unsigned stack_changes; /* goes up at every push and pop */
    bool quit;
    bool color;            /* colours in use */
    bool color_ready;      /* start_color done and the pairs made */
    bool want_color;       /* asked for (options, NO_COLOR, settings) */
    tend_app_hooks hooks;
    bool lock_pending;     /* tend_app_lock called; lock after this key */
    int64_t autolock;      /* seconds of idle before locking; 0 = never */
    int64_t last_key;      /* tend_app_now of the last key a person pressed */
    bool help_open;        /* the help overlay is over the top screen */
    int help_scroll;
    int cur_y, cur_x;      /* cursor asked for by the draw; -1 = hidden */
    FILE *tty;             /* where the terminal's modes are written */
    bool paste_mode;       /* bracketed paste mode is on in the terminal */
    bool paste_cr;         /* the last character pasted was a \r */
    tend_buf paste;        /* the text of the TK_PASTE key being handled */
#ifdef TEND_TEST_BUILD
    ui_script *script;     /* the headless script terminal, or NULL */
#endif
};

/* A key of kind with character ch. */
tend_key ui_key(tend_key_kind kind, uint32_t ch);

/* Draws the bottom bar on row y, cols wide: the global actions' keys and
 * labels, shortened and then thinned (least needed first) to fit. */
void ui_bar_draw(tend_app *app, int y, int cols);

/* Draws the help overlay for screen s into rows 0 .. rows-1: this screen's
 * keys, then the keys that work everywhere. *scroll is clamped to what can
 * scroll. */
void ui_help_draw(tend_app *app, const tend_screen *s, int rows, int cols, int *scroll);

#ifdef TEND_TEST_BUILD
/* Starts the headless terminal for the UI script at path: reads the script,
 * opens /dev/null as the terminal's streams and makes an 80x24 xterm on
 * them (app->term, app->tty). TEND_OK, or TEND_EIO / TEND_ENOMEM with *err
 * filled (what was made is freed by ui_script_free). */
tend_status ui_script_start(tend_app *app, const char *path, tend_error *err);

/* Frees the script and closes its streams; call after the terminal was
 * deleted. Nothing when app->script is NULL. */
void ui_script_free(tend_app *app);

/* The next key from the script, doing the lines that are not keys
 * (:snapshot, :state, :marks, :keytime-reset) on the way; TK_EOF at the
 * end. */
tend_key ui_script_key(tend_app *app);

/* The script's virtual clock: seconds since it started (:tick adds one). */
int64_t ui_script_clock(const tend_app *app);

/* TEND_KEYTIME: a key k arrived (starts timing it unless it is a timeout,
 * the end or a resize). */
void ui_keytime_key(tend_app *app, const tend_key *k);

/* TEND_KEYTIME: the screen was drawn; ends the timing of the key that
 * caused it. */
void ui_keytime_drawn(tend_app *app);

/* TEND_KEYTIME: writes the summary into its file (at the end of the run). */
void ui_keytime_report(tend_app *app);
#endif

#endif
