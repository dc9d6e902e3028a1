/*
 * neutral.c — what shows after quick-hide or auto-lock: a plain, empty
 * screen with nothing that names a journal. The next key asks for the
 * passphrase; the support and tools keys open those screens over the
 * passphrase screen. The journal is already locked when this shows.
 */
#include "frame_int.h"

typedef struct {
    tend_screen base;
    tend_session *s;
} neutral_screen;

/* Keeps the session. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    FRAME_OF(neutral_screen, sc)->s = arg;
    return TEND_OK;
}

/* One dim line at the bottom; nothing that names a journal. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    (void)sc;
    (void)cols;
    tend_ui_text(app, rows - 1, 0, ST_DIM, "Press any key to continue.", 0);
}

/* Any key asks for the passphrase (support and tools open over it). */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_session *s = FRAME_OF(neutral_screen, sc)->s;
    tend_app_replace(app, tend_screen_unlock(s));
    /* The support and tools keys open those screens over unlock without the
     * passphrase: their content is built in, not the journal's (Support
     * shows the person's own people only once unlocked). Esc goes back to
     * unlock. */
    tend_action a = tend_screen_action(tend_app_top(app), k);
    if (a == TA_SUPPORT || a == TA_TOOLS)
        tend_app_push(app, tend_screen_by_name(s, a == TA_SUPPORT ? "support" : "tools"));
    return true;
}

FRAME_SCREEN(tend_screen_neutral, neutral_screen, "neutral", .init = S_init, .draw = S_draw,
             .key = S_key, .flags = TEND_SCREEN_BARE)
