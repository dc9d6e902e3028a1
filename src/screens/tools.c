/*
 * tools.c — grounding and breathing exercises from content/tools. Steps
 * show one at a time (5-4-3-2-1 is one sense at a time); breathing is paced
 * with the timings in its file, on the ui clock (so tests drive it with
 * :tick). Before and after, an optional 0-10 rating of distress; when one
 * is given and the journal is open, it is stored with the time as a
 * tool-rating record. Every step can be skipped.
 */
#include "frame_int.h"

#include "tend/date.h"
#include "tend/tool_rating.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { T_LIST, T_BEFORE, T_STEPS, T_BREATH, T_AFTER, T_DONE };

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    const char **items;       /* tool titles (content-owned strings) */
    int state;
    const tend_tool *tool;
    int step;
    int rating;               /* marked value on a rating screen */
    int before, after;        /* -1 = skipped */
    int64_t start, paused_at, paused_total;
    bool paused;
    bool saved;
} tools_screen;

static const tend_action S_keys_list[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_keys_rate[] = { TA_LEFT, TA_RIGHT, TA_CONFIRM, TA_SKIP, TA_NONE };
static const tend_action S_keys_steps[] = { TA_RIGHT, TA_LEFT, TA_CONFIRM, TA_SKIP, TA_NONE };
static const tend_action S_keys_breath[] = { TA_PAUSE, TA_SKIP, TA_NONE };

/* Goes to state, with its keys. */
static void S_go(tools_screen *t, tend_app *app, int state)
{
    t->state = state;
    switch (state) {
    case T_LIST: tend_screen_set_keys(&t->base, S_keys_list, 0); break;
    case T_BEFORE: case T_AFTER:
        tend_screen_set_keys(&t->base, S_keys_rate, 0);
        t->rating = 0;
        break;
    case T_BREATH:
        tend_screen_set_keys(&t->base, S_keys_breath, 0);
        t->start = tend_app_now(app);
        t->paused = false;
        t->paused_total = 0;
        break;
    default: tend_screen_set_keys(&t->base, S_keys_steps, 0); break;
    }
}

/* Seconds of the breathing exercise so far, pauses left out. */
static int64_t S_elapsed(tools_screen *t, tend_app *app)
{
    int64_t now = t->paused ? t->paused_at : tend_app_now(app);
    return now - t->start - t->paused_total;
}

/* Keeps the ratings given (once per exercise; nothing when locked or
 * both were skipped) as a tool-rating record dated now. Quiet on failure. */
static void S_save(tools_screen *t, tend_app *app)
{
    if (t->saved || !t->s->journal || (t->before < 0 && t->after < 0))
        return;
    t->saved = true;
    tend_tool_rating r;
    tend_tool_rating_init(&r);
    snprintf(r.tool, sizeof r.tool, "%s", t->tool->name);
    r.before = t->before;
    r.after = t->after;
    r.created = tend_app_time(app);
    r.utc_offset = tend_local_offset(r.created);
    tend_tool_rating_add(t->s->journal, &r, NULL);
}

/* The 0-10 rating before or after an exercise. */
static void S_draw_rating(tools_screen *t, tend_app *app, int y, int w, int bottom)
{
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                      t->state == T_BEFORE
                          ? "Before you start: how strong is the distress right now?"
                          : "And now: how strong is the distress?");
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                      "0 is none, 10 is the most. This is only for you, and you can skip it.");
    y++;
    int x = 2;
    for (int i = 0; i <= 10; i++) {
        char n[16];
        /* Brackets as well as reverse video, so the choice shows without colour. */
        snprintf(n, sizeof n, i == t->rating ? "[%d]" : "%d", i);
        x += tend_ui_text(app, y, x, i == t->rating ? ST_SELECTED : ST_NORMAL, n, 0);
        x += 1;
    }
    y += 2;
    tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                 "Left and Right choose, Enter keeps it, s skips.");
}

/* The breathing exercise: what to do now, a bar, the time left. */
static void S_draw_breath(tools_screen *t, tend_app *app, int y, int w, int bottom)
{
    const tend_tool *tl = t->tool;
    int cycle = tl->inhale + tl->hold_in + tl->exhale + tl->hold_out;
    int64_t el = S_elapsed(t, app);
    if (cycle <= 0 || el >= tl->duration)
        return; /* the next tick moves on to the rating */
    int p = (int)(el % cycle);
    const char *what;
    int left, len, fill;
    int barw = w > 40 ? 40 : w;
    if (p < tl->inhale) {
        what = "Breathe in";
        len = tl->inhale;
        left = len - p;
        fill = barw * (p + 1) / len;
    } else if ((p -= tl->inhale) < tl->hold_in) {
        what = "Hold gently";
        len = tl->hold_in;
        left = len - p;
        fill = barw;
    } else if ((p -= tl->hold_in) < tl->exhale) {
        what = "Breathe out";
        len = tl->exhale;
        left = len - p;
        fill = barw - barw * (p + 1) / len;
    } else {
        p -= tl->exhale;
        what = "Rest";
        len = tl->hold_out;
        left = len - p;
        fill = 0;
    }
    char buf[96];
    snprintf(buf, sizeof buf, "%s  %d", what, left);
    y++;
    tend_ui_text(app, y, 2, ST_TITLE, buf, w);
    y += 2;
    for (int i = 0; i < barw; i++)
        tend_ui_text(app, y, 2 + i, i < fill ? ST_SELECTED : ST_DIM, i < fill ? " " : "\xc2\xb7", 1);
    y += 2;
    int64_t rest = tl->duration - el;
    if (rest >= 60)
        snprintf(buf, sizeof buf, "About %lld minute%s to go.", (long long)((rest + 30) / 60),
                 (rest + 30) / 60 == 1 ? "" : "s");
    else
        snprintf(buf, sizeof buf, "%lld seconds to go.", (long long)rest);
    if (y < bottom)
        tend_ui_text(app, y, 2, ST_DIM, t->paused ? "Paused. Space goes on." : buf, w);
    if (y + 2 < bottom)
        tend_ui_text(app, y + 2, 2, ST_DIM, "Space pauses, s stops. Breathing normally is fine too.", w);
}

/* The list, or the exercise's step. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    tools_screen *t = FRAME_OF(tools_screen, sc);
    frame_title(app, t->s, t->tool && t->state != T_LIST ? t->tool->title : "Tools");
    int w = cols - 4, y = 2, bottom = rows - 1;
    switch (t->state) {
    case T_LIST:
        if (t->menu.n == 0) {
            tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "No exercises are loaded.");
            return;
        }
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Something to steady you. Take whichever feels right.");
        y++;
        tend_menu_draw(&t->menu, app, y, 2, bottom - y - 3, w);
        tend_ui_wrap(app, bottom - 2, 2, w, 2, ST_DIM,
                     tend_content_tool(t->s->content, (size_t)t->menu.sel)->summary);
        return;
    case T_BEFORE: case T_AFTER:
        S_draw_rating(t, app, y, w, bottom);
        return;
    case T_STEPS: {
        char buf[64];
        snprintf(buf, sizeof buf, "Step %d of %zu", t->step + 1, t->tool->nsteps);
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, buf);
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL, t->tool->steps[t->step].text);
        y++;
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                     "Take your time. Right or Enter goes on, Left goes back.");
        return;
    }
    case T_BREATH:
        S_draw_breath(t, app, y, w, bottom);
        return;
    case T_DONE:
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "Well done for taking this time.");
        y++;
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Esc goes back.");
        return;
    }
}

/* Starts the marked exercise with the rating before it. */
static void S_begin(tools_screen *t, tend_app *app)
{
    t->tool = tend_content_tool(t->s->content, (size_t)t->menu.sel);
    t->before = t->after = -1;
    t->step = 0;
    t->saved = false;
    S_go(t, app, T_BEFORE);
}

/* After the rating before: breathing, the steps, or the rating after. */
static void S_after_before(tools_screen *t, tend_app *app)
{
    if (t->tool->kind == TEND_TOOL_BREATHING)
        S_go(t, app, T_BREATH);
    else if (t->tool->nsteps > 0)
        S_go(t, app, T_STEPS);
    else
        S_go(t, app, T_AFTER);
}

/* The list, the ratings, the steps and the breathing; Esc leaves an
 * exercise (keeping its ratings). */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    tools_screen *t = FRAME_OF(tools_screen, sc);
    if (k->kind == TK_RESIZE)
        return true;
    if (k->kind == TK_TIMEOUT) {
        /* Breathing is drawn from the clock; at its end, the rating. */
        if (t->state == T_BREATH && !t->paused) {
            int cycle = t->tool->inhale + t->tool->hold_in + t->tool->exhale + t->tool->hold_out;
            if (cycle <= 0 || S_elapsed(t, app) >= t->tool->duration)
                S_go(t, app, T_AFTER);
        }
        return true;
    }
    tend_action a = tend_screen_action(sc, k);
    if (a == TA_BACK && t->state != T_LIST) {
        S_save(t, app);
        S_go(t, app, T_LIST);
        return true;
    }
    switch (t->state) {
    case T_LIST:
        if (a == TA_SELECT && t->menu.n > 0) {
            S_begin(t, app);
            return true;
        }
        return tend_menu_key(&t->menu, a, k);
    case T_BEFORE: case T_AFTER:
        if (a == TA_LEFT && t->rating > 0)
            t->rating--;
        else if (a == TA_RIGHT && t->rating < 10)
            t->rating++;
        else if (k->kind == TK_CHAR && k->ch >= '0' && k->ch <= '9')
            t->rating = (int)(k->ch - '0');
        else if (a == TA_CONFIRM || a == TA_SKIP) {
            int v = a == TA_CONFIRM ? t->rating : -1;
            if (t->state == T_BEFORE) {
                t->before = v;
                S_after_before(t, app);
            } else {
                t->after = v;
                S_save(t, app);
                S_go(t, app, T_DONE);
            }
        }
        return true;
    case T_STEPS:
        if (a == TA_LEFT && t->step > 0)
            t->step--;
        else if (a == TA_RIGHT || a == TA_CONFIRM) {
            if ((size_t)++t->step >= t->tool->nsteps)
                S_go(t, app, T_AFTER);
        } else if (a == TA_SKIP)
            S_go(t, app, T_AFTER);
        return true;
    case T_BREATH:
        if (a == TA_PAUSE) {
            if (t->paused)
                t->paused_total += tend_app_now(app) - t->paused_at;
            else
                t->paused_at = tend_app_now(app);
            t->paused = !t->paused;
        } else if (a == TA_SKIP) {
            S_go(t, app, T_AFTER);
        }
        return true;
    default:
        return false;
    }
}

/* Frees the list's items (content-owned strings). */
static void S_fini(tend_screen *sc)
{
    free(FRAME_OF(tools_screen, sc)->items);
}

/* The list of exercises, from content. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    tools_screen *t = FRAME_OF(tools_screen, sc);
    tend_session *s = arg;
    t->s = s;
    size_t n = s->content ? tend_content_tool_count(s->content) : 0;
    t->items = calloc(n + 1, sizeof *t->items);
    if (!t->items)
        return TEND_ENOMEM;
    for (size_t i = 0; i < n; i++)
        t->items[i] = tend_content_tool(s->content, i)->title;
    t->menu = (tend_menu){ t->items, (int)n, 0, 0 };
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_tools, tools_screen, "tools", .init = S_init, .fini = S_fini,
             .draw = S_draw, .key = S_key, .keys = S_keys_list)
