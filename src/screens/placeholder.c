/*
 * placeholder.c — a part of tend that is not built yet says so plainly,
 * and Esc goes back.
 */
#include "frame_int.h"

#include <stdio.h>
#include <stdlib.h>

typedef struct {
    tend_screen base;
    tend_session *s;
    char title[64];
} placeholder;

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    placeholder *p = FRAME_OF(placeholder, sc);
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

static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)sc;
    (void)app;
    (void)k;
    return false;
}

static void S_destroy(tend_screen *sc)
{
    free(sc);
}

static const tend_screen_ops S_ops = {
    .name = "placeholder", .draw = S_draw, .key = S_key, .destroy = S_destroy,
};

tend_screen *tend_screen_placeholder(tend_session *s, const char *title)
{
    placeholder *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.ops = &S_ops;
    p->s = s;
    snprintf(p->title, sizeof p->title, "%s", title);
    return &p->base;
}
