/*
 * placeholder.c — a part of tend that is not built yet says so plainly,
 * and Esc goes back.
 */
#include "frame_int.h"

#include <stdio.h>

typedef struct {
    tend_screen base;
    tend_session *s;
    char title[64];
} placeholder_screen;

/* What tend_screen_placeholder passes to init. */
typedef struct {
    tend_session *s;
    const char *title;
} placeholder_args;

/* Keeps the session and a copy of the title. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    placeholder_screen *p = FRAME_OF(placeholder_screen, sc);
    const placeholder_args *a = arg;
    p->s = a->s;
    snprintf(p->title, sizeof p->title, "%s", a->title);
    return TEND_OK;
}

/* "Not built yet", calmly. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    placeholder_screen *p = FRAME_OF(placeholder_screen, sc);
    frame_title(app, p->s, p->title);
    int w = cols - 4;
    int y = 2;
    y += tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_BOLD,
                      "This part of tend is not built yet.");
    y++;
    y += tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_NORMAL,
                      "It will be here in a later version. Nothing is missing "
                      "from your journal.");
    y++;
    tend_ui_wrap(app, y, 2, w, rows - 1 - y, ST_DIM, "Esc goes back.");
}

/* Uses no key: Esc goes back (the stack pops). */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)sc;
    (void)app;
    (void)k;
    return false;
}

FRAME_SCREEN_OPS(S_ops, placeholder_screen, "placeholder", .init = S_init, .draw = S_draw,
                 .key = S_key);

/* Contract in screens.h. */
tend_screen *tend_screen_placeholder(tend_session *s, const char *title)
{
    placeholder_args a = { s, title };
    return tend_screen_new(&S_ops, &a);
}
