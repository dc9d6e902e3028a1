/*
 * home.c — today at a glance, without judgement: whether there is a
 * check-in today (no streaks, no counts of days missed), the prompt of the
 * day, where reading left off, the most recent entries, and the menu.
 * Everything decrypted here is wiped when the screen is destroyed (which
 * quick-hide and auto-lock do).
 */
#include "frame_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RECENT_MAX 5

static const char *const S_items[] = {
    "Check in", "Write", "Library", "History", "Insights", "Tools", "Support", "Settings",
};
static const char *const S_names[] = {
    "checkin", "write", "read", "history", "insights", "tools", "support", "settings",
};
#define N_ITEMS (int)(sizeof S_items / sizeof S_items[0])

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    tend_head_list list;   /* entries and check-ins, newest first (plaintext heads) */
    bool loaded;
    int64_t checkin_today; /* created time of today's latest check-in, or 0 */
    int32_t checkin_off;
    const char *prompt;    /* prompt of the day (content, not secret), or NULL */
} home;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_QUIT, TA_NONE };

static void S_load(home *h, tend_app *app)
{
    h->loaded = true;
    tend_session *s = h->s;
    int64_t now = tend_app_time(app);
    int32_t off = tend_local_offset(now);
    if (s->journal) {
        tend_filter f = TEND_FILTER_INIT;
        if (tend_journal_list(s->journal, &f, &h->list, NULL) != TEND_OK)
            h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    }
    int64_t today = tend_local_day(now, off);
    for (size_t i = 0; i < h->list.n; i++) {
        const tend_head *hd = &h->list.heads[i];
        if (hd->kind == TEND_KIND_CHECKIN
            && tend_local_day(hd->created, hd->utc_offset) == today) {
            h->checkin_today = hd->created;
            h->checkin_off = hd->utc_offset;
            break;
        }
    }
    /* Prompt of the day: fixed for the date, no repeat within 30 days. */
    tend_prompt_ref pr;
    if (s->content && tend_prompt_of_day(s->content, today, &pr))
        h->prompt = pr.prompt->text;
}

/* The "today" lines, in the space given; returns the rows used. */
static int S_draw_today(home *h, tend_app *app, int y, int x, int w, int rows)
{
    int used = 0;
    char buf[160];
    if (h->checkin_today) {
        char dt[TEND_DATETIME_MAX];
        tend_format_datetime(h->checkin_today, h->checkin_off, dt);
        snprintf(buf, sizeof buf, "You checked in today at %s.", dt + 11);
    } else {
        snprintf(buf, sizeof buf, "No check-in yet today. It is there whenever you want it.");
    }
    used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_NORMAL, buf);
    if (rows - used >= 3) {
        used++;
        used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_H3, "A prompt for today");
        used += tend_ui_wrap(app, y + used, x, w, rows - used < 3 ? rows - used : 3,
                             h->prompt ? ST_NORMAL : ST_DIM,
                             h->prompt ? h->prompt : "Prompts will appear here.");
    }
    const char *reading = NULL; /* the library records its place later */
    if (rows - used >= 3) {
        used++;
        used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_H3, "Continue reading");
        used += tend_ui_wrap(app, y + used, x, w, rows - used, reading ? ST_NORMAL : ST_DIM,
                             reading ? reading : "Start with the Library whenever you like.");
    }
    if (rows - used >= 3) {
        used++;
        used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_H3, "Recent");
        int shown = 0;
        for (size_t i = 0; i < h->list.n && shown < RECENT_MAX && used < rows; i++) {
            const tend_head *hd = &h->list.heads[i];
            if (hd->kind != TEND_KIND_ENTRY && hd->kind != TEND_KIND_CHECKIN)
                continue;
            char date[TEND_DATE_MAX];
            tend_format_date(hd->created, hd->utc_offset, date);
            const char *title = hd->kind == TEND_KIND_CHECKIN ? "check-in"
                                : hd->title[0] ? hd->title : "(no title)";
            int dx = tend_ui_text(app, y + used, x, ST_DIM, date, w);
            tend_ui_text(app, y + used, x + dx + 2, ST_NORMAL, title, w - dx - 2);
            used++;
            shown++;
        }
        if (shown == 0 && used < rows)
            used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_DIM,
                                 "Nothing written yet.");
    }
    return used;
}

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    home *h = FRAME_OF(home, sc);
    if (!h->loaded)
        S_load(h, app);
    frame_title(app, h->s, "Home");
    int body = rows - 2; /* rows 1 .. rows-2 */
    if (cols >= 64 && body >= N_ITEMS + 2) {
        /* Menu on the left, today on the right. */
        tend_menu_draw(&h->menu, app, 2, 2, body - 1, 20);
        S_draw_today(h, app, 2, 26, cols - 28, body - 1);
    } else {
        /* One column: a short line for today, then the menu. */
        int y = 1;
        const char *today = h->checkin_today ? "You checked in today."
                                             : "No check-in yet today.";
        tend_ui_text(app, y, 2, ST_DIM, today, cols - 4);
        y += 2;
        if (rows - 1 - y < N_ITEMS)
            y = 2;
        tend_menu_draw(&h->menu, app, y, 2, rows - 1 - y, cols - 4);
    }
}

static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    home *h = FRAME_OF(home, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    switch (a) {
    case TA_QUIT:
        tend_app_quit(app);
        return true;
    case TA_BACK:
        return true; /* home is the bottom; q leaves */
    case TA_SELECT:
        /* Read again when Home is back on top: a check-in or entry may
         * have been saved meanwhile. */
        tend_head_list_free(&h->list);
        h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
        h->loaded = false;
        h->checkin_today = 0;
        h->prompt = NULL;
        tend_app_push(app, tend_screen_by_name(h->s, S_names[h->menu.sel]));
        return true;
    default:
        return tend_menu_key(&h->menu, a, k);
    }
}

static void S_destroy(tend_screen *sc)
{
    home *h = FRAME_OF(home, sc);
    tend_head_list_free(&h->list);
    free(h);
}

static const tend_screen_ops S_ops = {
    .name = "home", .draw = S_draw, .key = S_key, .destroy = S_destroy, .keys = S_keys,
};

tend_screen *tend_screen_home(tend_session *s)
{
    home *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &S_ops;
    h->s = s;
    h->menu = (tend_menu){ S_items, N_ITEMS, 0, 0 };
    h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    return &h->base;
}
