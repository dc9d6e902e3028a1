/*
 * write_menu.c — the Write menu, the way into the editor: continue the
 * unfinished entry (when there is one), a new entry, today's prompt, the
 * prompt for the last check-in, the prompt list, a timed session (with its
 * introduction first), and the entries.
 */
#include "write_int.h"

#include "tend/checkin.h"
#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { A_CONTINUE, A_NEW, A_TODAY, A_CHECKIN, A_PROMPTS, A_TIMED, A_ENTRIES };
enum { H_MENU, H_TIMED };

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    const char *items[8];
    int acts[8];
    bool draft;
    const char *today, *checkin; /* content strings */
    int state;
    char status[TEND_ERROR_MAX + 32];
} write_menu_screen;

static const tend_action S_menu_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_timed_keys[] = { TA_CONFIRM, TA_NONE };

/* The prompt that fits the latest check-in (by its answers), or NULL. */
static const char *S_checkin_prompt(tend_session *s)
{
    if (!s->journal || !s->content)
        return NULL;
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_CHECKIN;
    tend_head_list l = TEND_HEAD_LIST_INIT;
    if (tend_journal_heads(s->journal, &f, &l, NULL) != TEND_OK)
        return NULL;
    const char *text = NULL;
    if (l.n > 0) {
        const tend_head *h = &l.heads[0];
        size_t n = 0, pos = 0;
        const char *key, *value;
        while (tend_checkin_head_next(h, &pos, &key, &value))
            n++;
        tend_prompt_answer *a = calloc(n + 1, sizeof *a);
        if (a) {
            n = pos = 0;
            while (tend_checkin_head_next(h, &pos, &key, &value))
                a[n++] = (tend_prompt_answer){ key, value };
            tend_prompt_ref r;
            if (tend_prompt_for_checkin(s->content, a, n,
                                        tend_local_day(h->created, h->utc_offset), &r))
                text = r.prompt->text;
            free(a);
        }
    }
    tend_head_list_free(&l);
    return text;
}

/* Today's prompt (content), or NULL. */
static const char *S_today_prompt(tend_session *s, tend_app *app)
{
    int64_t now = tend_app_time(app);
    tend_prompt_ref r;
    if (s->content && tend_prompt_of_day(s->content, tend_local_day(now, tend_local_offset(now)), &r))
        return r.prompt->text;
    return NULL;
}

/* Appends a menu item doing act. */
static void S_item(write_menu_screen *h, int act, const char *label)
{
    h->acts[h->menu.n] = act;
    h->items[h->menu.n++] = label;
}

/* Reads whether there is a draft and which prompts there are, and makes
 * the menu (keeping the mark where it can). */
static void S_load(write_menu_screen *h, tend_app *app)
{
    h->draft = write_draft_exists(h->s);
    h->today = S_today_prompt(h->s, app);
    h->checkin = S_checkin_prompt(h->s);
    int sel = h->menu.sel;
    h->menu = (tend_menu){ h->items, 0, 0, 0 };
    if (h->draft)
        S_item(h, A_CONTINUE, "Continue your unfinished entry");
    S_item(h, A_NEW, "Start a new entry");
    if (h->today)
        S_item(h, A_TODAY, "Write with today's prompt");
    if (h->checkin)
        S_item(h, A_CHECKIN, "Write with a prompt for your last check-in");
    if (h->s->content && tend_prompt_count(h->s->content) > 0)
        S_item(h, A_PROMPTS, "Choose a prompt");
    S_item(h, A_TIMED, "A timed session (15 minutes)");
    S_item(h, A_ENTRIES, "Your entries");
    h->menu.sel = sel < h->menu.n ? sel : 0;
}

/* Reads again whenever Write comes to the top: an entry may have been
 * saved, kept as a draft or discarded meanwhile. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)why;
    S_load(FRAME_OF(write_menu_screen, sc), app);
}

/* Goes to the menu or the timed session's introduction. */
static void S_go(write_menu_screen *h, int state)
{
    h->state = state;
    tend_screen_set_keys(&h->base, state == H_TIMED ? S_timed_keys : S_menu_keys, 0);
}

/* The timed session's introduction. */
static void S_draw_timed(tend_app *app, int y, int w, int bottom)
{
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_H3, "A timed session");
    y++;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                      "Fifteen minutes of writing, with the time shown under the text. "
                      "Write whatever comes; it does not have to be good or make sense.");
    y++;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                      "You can stop or change the topic whenever it feels like too much. "
                      "Esc leaves at any time and nothing is lost.");
    y++;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                      "At the end you can take a moment with a grounding exercise.");
    y++;
    tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Enter starts. Esc goes back.");
}

/* The menu with a line above it (a message, the draft, or a welcome) and
 * the marked prompt under it; or the timed session's introduction. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    write_menu_screen *h = FRAME_OF(write_menu_screen, sc);
    frame_title(app, h->s, "Write");
    int w = cols - 4, y = 2, bottom = rows - 1;
    if (h->state == H_TIMED) {
        S_draw_timed(app, y, w, bottom);
        return;
    }
    if (h->status[0]) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NOTE, h->status);
    } else if (h->draft) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NOTE,
                          "You have an unfinished entry \xe2\x80\x94 continue?");
    } else {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Write whatever you like. It is encrypted on this computer.");
    }
    y++;
    int mrows = h->menu.n < bottom - y ? h->menu.n : bottom - y;
    tend_menu_draw(&h->menu, app, y, 2, mrows, w);
    y += mrows + 1;
    int act = h->menu.n ? h->acts[h->menu.sel] : -1;
    const char *show = act == A_TODAY ? h->today : act == A_CHECKIN ? h->checkin : NULL;
    if (show && y < bottom)
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, show);
}

/* Does the marked item. */
static void S_select(write_menu_screen *h, tend_app *app)
{
    h->status[0] = '\0';
    tend_screen_reload(&h->base); /* read again, even when nothing opens */
    switch (h->acts[h->menu.sel]) {
    case A_CONTINUE: {
        tend_screen *ed = write_editor_from_draft(h->s);
        if (ed)
            tend_app_push(app, ed);
        else
            snprintf(h->status, sizeof h->status, "The unfinished entry could not be opened.");
        break;
    }
    case A_NEW:
        write_open_editor(h->s, app, NULL, NULL, false, false, h->status, sizeof h->status);
        break;
    case A_TODAY:
        write_open_editor(h->s, app, h->today, NULL, false, false, h->status, sizeof h->status);
        break;
    case A_CHECKIN:
        write_open_editor(h->s, app, h->checkin, NULL, false, false, h->status,
                          sizeof h->status);
        break;
    case A_PROMPTS:
        tend_app_push(app, tend_screen_prompts(h->s));
        break;
    case A_TIMED:
        S_go(h, H_TIMED);
        break;
    case A_ENTRIES:
        tend_app_push(app, tend_screen_entries(h->s));
        break;
    }
}

/* The menu's keys; in the introduction, Enter starts and Esc goes back to
 * the menu. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    write_menu_screen *h = FRAME_OF(write_menu_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (h->state == H_TIMED) {
        if (a == TA_BACK) {
            S_go(h, H_MENU);
            return true;
        }
        if (a == TA_CONFIRM) {
            S_go(h, H_MENU);
            tend_screen_reload(&h->base);
            write_open_editor(h->s, app, NULL, NULL, true, false, h->status, sizeof h->status);
        }
        return true;
    }
    if (a != TA_SELECT || h->menu.n == 0)
        return tend_menu_key(&h->menu, a, k);
    S_select(h, app);
    return true;
}

/* Keeps the session; the menu is made at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    write_menu_screen *h = FRAME_OF(write_menu_screen, sc);
    h->s = arg;
    h->menu = (tend_menu){ h->items, 0, 0, 0 };
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_write, write_menu_screen, "write", .init = S_init, .enter = S_enter,
             .draw = S_draw, .key = S_key, .keys = S_menu_keys)
