/*
 * home.c — today at a glance, without judgement: whether there is a
 * check-in today (no streaks, no counts of days missed), the prompt of the
 * day, where reading left off (r opens it), the most recent entries (Tab
 * moves there; Enter opens one), and the menu.
 * Everything decrypted here is wiped when the screen is destroyed (which
 * quick-hide and auto-lock do).
 */
#include "frame_int.h"
#include "reading_int.h"

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
    int64_t checkin_today; /* created time of today's latest check-in, or 0 */
    int32_t checkin_off;
    const char *prompt;    /* prompt of the day (content, not secret), or NULL */
    size_t recent[RECENT_MAX]; /* indices into list of the entries shown */
    int nrecent;
    bool on_recent;        /* Tab moved the mark from the menu to Recent */
    int rsel;              /* marked row of Recent */
    bool recent_shown;     /* the last draw had room for Recent */
    char reading[128];     /* file name of the page read last, or "" */
    const char *reading_title; /* its title (content, not secret), or NULL */
} home_screen;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_PART_NEXT, TA_CONTINUE,
                                      TA_QUIT, TA_NONE };

/* Reads the heads, today's check-in, the recent entries, the page read
 * last and the prompt of the day. */
static void S_load(home_screen *h, tend_app *app)
{
    tend_session *s = h->s;
    int64_t now = tend_app_time(app);
    int32_t off = tend_local_offset(now);
    if (s->journal) {
        tend_filter f = TEND_FILTER_INIT;
        if (tend_journal_heads(s->journal, &f, &h->list, NULL) != TEND_OK)
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
    h->nrecent = 0;
    for (size_t i = 0; i < h->list.n && h->nrecent < RECENT_MAX; i++)
        if (h->list.heads[i].kind == TEND_KIND_ENTRY || h->list.heads[i].kind == TEND_KIND_CHECKIN)
            h->recent[h->nrecent++] = i;
    if (h->rsel >= h->nrecent)
        h->rsel = h->nrecent > 0 ? h->nrecent - 1 : 0;
    h->reading_title = NULL;
    if (reading_last(s, h->reading, sizeof h->reading) && s->content) {
        const tend_page *pg = tend_content_page_find(s->content, h->reading);
        if (pg)
            h->reading_title = pg->title;
    }
    if (!h->reading_title)
        h->reading[0] = '\0';
    /* Prompt of the day: fixed for the date, no repeat within 30 days. */
    tend_prompt_ref pr;
    if (s->content && tend_prompt_of_day(s->content, today, &pr))
        h->prompt = pr.prompt->text;
}

/* The "today" lines, in the space given; returns the rows used. */
static int S_draw_today(home_screen *h, tend_app *app, int y, int x, int w, int rows)
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
    if (rows - used >= 3) {
        used++;
        used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_H3, "Continue reading");
        if (h->reading_title) {
            char keys[48];
            tend_action_keys(TA_CONTINUE, keys, sizeof keys);
            snprintf(buf, sizeof buf, "%s (%s goes on where you left off)", h->reading_title, keys);
        }
        used += tend_ui_wrap(app, y + used, x, w, rows - used,
                             h->reading_title ? ST_NORMAL : ST_DIM,
                             h->reading_title ? buf : "Start with the Library whenever you like.");
    }
    h->recent_shown = false;
    if (rows - used >= 3) {
        used++;
        used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_H3, "Recent");
        h->recent_shown = h->nrecent > 0;
        for (int r = 0; r < h->nrecent && used < rows; r++) {
            const tend_head *hd = &h->list.heads[h->recent[r]];
            char date[TEND_DATE_MAX];
            tend_format_date(hd->created, hd->utc_offset, date);
            const char *title = hd->kind == TEND_KIND_CHECKIN ? "check-in"
                                : hd->title[0] ? hd->title : "(no title)";
            bool marked = h->on_recent && r == h->rsel;
            /* A "> " mark as well as the colour, so it shows in monochrome. */
            tend_ui_text(app, y + used, x, marked ? ST_SELECTED : ST_NORMAL,
                         marked ? "> " : "  ", w);
            int dx = tend_ui_text(app, y + used, x + 2, marked ? ST_SELECTED : ST_DIM, date, w - 2);
            tend_ui_text(app, y + used, x + 2 + dx + 2, marked ? ST_SELECTED : ST_NORMAL, title,
                         w - dx - 4);
            used++;
        }
        if (h->nrecent == 0 && used < rows)
            used += tend_ui_wrap(app, y + used, x, w, rows - used, ST_DIM,
                                 "Nothing written yet.");
    }
    if (!h->recent_shown)
        h->on_recent = false;
    return used;
}

/* Home beside the menu when there is room, else one short line above it. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    home_screen *h = FRAME_OF(home_screen, sc);
    frame_title(app, h->s, "Home");
    int body = rows - 2; /* rows 1 .. rows-2 */
    if (cols >= 64 && body >= N_ITEMS + 2) {
        /* Menu on the left, today on the right. */
        tend_menu_draw_ex(&h->menu, app, 2, 2, body - 1, 20, !h->on_recent);
        S_draw_today(h, app, 2, 26, cols - 28, body - 1);
    } else {
        /* One column: a short line for today, then the menu. */
        h->recent_shown = h->on_recent = false;
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

/* Forgets what was loaded. */
static void S_stale(home_screen *h)
{
    tend_head_list_free(&h->list);
    h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    h->checkin_today = 0;
    h->prompt = NULL;
    h->nrecent = 0;
}

/* Reads everything again whenever Home comes to the top: a check-in or
 * entry may be saved, or a page read, meanwhile. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)why;
    home_screen *h = FRAME_OF(home_screen, sc);
    S_stale(h);
    S_load(h, app);
}

/* The menu, Tab to Recent, r to go on reading, q to leave. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    home_screen *h = FRAME_OF(home_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    switch (a) {
    case TA_QUIT:
        tend_app_quit(app);
        return true;
    case TA_BACK:
        return true; /* home is the bottom; q leaves */
    case TA_PART_NEXT:
        if (h->recent_shown)
            h->on_recent = !h->on_recent;
        return true;
    case TA_CONTINUE:
        if (!h->reading[0])
            return true;
        tend_app_push(app, tend_screen_reader(h->s, h->reading));
        return true;
    case TA_SELECT:
        if (h->on_recent && h->rsel < h->nrecent) {
            const tend_head *hd = &h->list.heads[h->recent[h->rsel]];
            tend_app_push(app, tend_screen_record(h->s, hd->uuid.b));
            return true;
        }
        tend_app_push(app, tend_screen_by_name(h->s, S_names[h->menu.sel]));
        return true;
    case TA_UP:
    case TA_DOWN:
        if (h->on_recent) {
            if (a == TA_UP && h->rsel > 0)
                h->rsel--;
            else if (a == TA_DOWN && h->rsel + 1 < h->nrecent)
                h->rsel++;
            return true;
        }
        return tend_menu_key(&h->menu, a, k);
    default:
        return tend_menu_key(&h->menu, a, k);
    }
}

/* Wipes the heads. */
static void S_fini(tend_screen *sc)
{
    tend_head_list_free(&FRAME_OF(home_screen, sc)->list);
}

/* The menu; everything else is read at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    home_screen *h = FRAME_OF(home_screen, sc);
    h->s = arg;
    h->menu = (tend_menu){ S_items, N_ITEMS, 0, 0 };
    h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_home, home_screen, "home", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
