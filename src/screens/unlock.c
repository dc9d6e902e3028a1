/*
 * unlock.c — asks for the passphrase. A wrong one is said plainly; after
 * five in a row a 30-second pause, counted on the ui clock. Nothing is ever
 * deleted for wrong tries. Esc leaves tend (the journal stays locked).
 */
#include "frame_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS_MAX 1024

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_input *pass;
    char msg[TEND_ERROR_MAX];
    bool busy;
} unlock_screen;

static const tend_action S_keys[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };

/* Keeps the session and makes the (secret) passphrase field. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    unlock_screen *u = FRAME_OF(unlock_screen, sc);
    u->s = arg;
    u->pass = tend_input_new(PASS_MAX, true);
    return u->pass ? TEND_OK : TEND_ENOMEM;
}

/* Wipes the passphrase field. */
static void S_fini(tend_screen *sc)
{
    tend_input_free(FRAME_OF(unlock_screen, sc)->pass);
}

/* Seconds left of the pause after wrong tries (0 = none). */
static int64_t S_pause_left(unlock_screen *u, tend_app *app)
{
    int64_t left = u->s->pause_until - tend_app_now(app);
    return left > 0 ? left : 0;
}

/* "Welcome back", the field, and what happened last. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    unlock_screen *u = FRAME_OF(unlock_screen, sc);
    frame_title(app, u->s, "Unlock");
    int w = cols - 4;
    int y = rows >= 16 ? 3 : 2;
    y += tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_TITLE, "Welcome back.");
    y++;
    int64_t left = S_pause_left(u, app);
    if (left > 0) {
        char buf[160];
        snprintf(buf, sizeof buf, "Let's take a short pause. You can try again in %lld "
                 "second%s.", (long long)left, left == 1 ? "" : "s");
        y += tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_NORMAL, buf);
        y++;
        tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_DIM,
                     "Your journal is safe; nothing is deleted.");
        return;
    }
    y += tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_NORMAL,
                      "Type your passphrase and press Enter.");
    y++;
    tend_ui_text(app, y, 2, ST_BOLD, "Passphrase", 0);
    int fx = 14, fw = cols - fx - 2;
    if (fw > 40)
        fw = 40;
    tend_input_draw(u->pass, app, y, fx, fw, !u->busy);
    y += 2;
    if (u->busy)
        tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_DIM, "Opening\xe2\x80\xa6");
    else if (u->msg[0])
        tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_NORMAL, u->msg);
}

/* Tries the typed passphrase; on success Home replaces this screen. */
static void S_try(unlock_screen *u, tend_app *app)
{
    if (tend_input_len(u->pass) == 0)
        return;
    u->busy = true;
    tend_app_redraw(app);
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_session_unlock(u->s, tend_input_text(u->pass), tend_input_len(u->pass),
                                         &err);
    u->busy = false;
    tend_input_clear(u->pass);
    switch (st) {
    case TEND_OK:
        tend_session_home(u->s);
        return; /* this screen is gone */
    case TEND_EPASS:
        snprintf(u->msg, sizeof u->msg,
                 "That passphrase did not open the journal. Please try again.");
        break;
    case TEND_EBUSY:
        snprintf(u->msg, sizeof u->msg,
                 "The journal is open in another tend window. Close that one, then try again.");
        break;
    default:
        snprintf(u->msg, sizeof u->msg, "%s", err.msg[0] ? err.msg : tend_status_name(st));
        break;
    }
}

/* Typing, Enter to try; Esc (unused here) leaves tend. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    unlock_screen *u = FRAME_OF(unlock_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    if (S_pause_left(u, app) > 0)
        return k->kind != TK_ESC; /* typing waits; Esc still leaves */
    tend_action a = tend_screen_action(sc, k);
    if (a == TA_CONFIRM) {
        S_try(u, app);
        return true;
    }
    return tend_input_key(u->pass, k);
}

FRAME_SCREEN(tend_screen_unlock, unlock_screen, "unlock", .init = S_init, .fini = S_fini,
             .draw = S_draw, .key = S_key, .keys = S_keys, .flags = TEND_SCREEN_TEXT)
