/*
 * settings.c — the person's settings: the region of the support lines,
 * auto-lock minutes, colours, and a new passphrase. Each change is applied
 * at once (tend_session_apply) and saved encrypted in the settings record.
 *
 * The rows: Up/Down marks one, Left/Right steps its value, Enter opens a
 * list to choose from (Esc keeps what was there). Changing the passphrase
 * asks for the current one and the new one twice, with set-up's plain
 * strength hint. A wrong current passphrase says so and changes nothing;
 * five in a row start the same 30-second pause as unlocking.
 *
 * Auto-lock goes from 1 to 60 minutes and has no "never": someone who
 * walks away should always find tend locked again (an older settings record
 * with 0 is still honoured, and shown as "never").
 */
#include "frame_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASS_MAX 1024
#define WRONG_TRIES_BEFORE_PAUSE 5 /* as unlocking (session.c) */
#define PAUSE_SECONDS 30

enum { ROW_REGION, ROW_AUTOLOCK, ROW_COLOR, ROW_PASS, N_ROWS };
enum { MODE_ROWS, MODE_CHOOSE, MODE_PASS };
enum { F_OLD, F_NEW, F_AGAIN, N_FIELDS };

static const int S_minutes[] = { 1, 2, 3, 5, 10, 15, 20, 30, 45, 60 };
#define N_MINUTES (int)(sizeof S_minutes / sizeof S_minutes[0])

typedef struct {
    tend_screen base;
    tend_session *s;
    int mode;
    int row;                   /* marked row */
    tend_menu choose;          /* MODE_CHOOSE: the values of row */
    const char **items;        /* its labels (pointers into labels), owned */
    char (*labels)[96];        /* owned */
    tend_input *pass[N_FIELDS];
    int focus;                 /* MODE_PASS: which field */
    bool busy;
    char msg[TEND_ERROR_MAX + 200];
} settings_screen;

static const tend_action S_keys_rows[] = {
    TA_UP, TA_DOWN, TA_LEFT, TA_RIGHT, TA_SELECT, TA_NONE
};
static const tend_action S_keys_choose[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_keys_pass[] = { TA_NEXT, TA_PREV, TA_CONFIRM, TA_CLEAR, TA_NONE };

static const char *const S_row_names[N_ROWS] = {
    "Support lines", "Auto-lock", "Colours", "Passphrase",
};
static const char *const S_row_help[N_ROWS] = {
    "Which region's support lines the Support screen shows (F2, from every screen).",
    "After this long without a key, tend locks itself, just as the hide key does.",
    "Off shows tend in plain black and white, with bold and underline only.",
    "You need the current one. Your entries stay exactly as they are.",
};

/* Switches between the rows, a list of choices and the passphrase fields
 * (typing a passphrase: printable keys are text). */
static void S_set_mode(settings_screen *u, int mode)
{
    u->mode = mode;
    if (mode == MODE_PASS)
        tend_screen_set_keys(&u->base, S_keys_pass, TEND_SCREEN_TEXT);
    else
        tend_screen_set_keys(&u->base, mode == MODE_CHOOSE ? S_keys_choose : S_keys_rows, 0);
}

/* Wipes the three passphrase fields. */
static void S_wipe_fields(settings_screen *u)
{
    for (int i = 0; i < N_FIELDS; i++)
        tend_input_clear(u->pass[i]);
    u->focus = F_OLD;
}

/* ---- values ------------------------------------------------------------------ */

/* How many regions of support lines are loaded. */
static int S_region_count(settings_screen *u)
{
    return u->s->content ? (int)tend_content_region_count(u->s->content) : 0;
}

/* Index of the region shown now (frame_region's), or -1. */
static int S_region_index(settings_screen *u)
{
    const tend_region *r = frame_region(u->s);
    for (int i = 0; r && i < S_region_count(u); i++)
        if (tend_content_region(u->s->content, (size_t)i) == r)
            return i;
    return -1;
}

/* Index in S_minutes of the nearest value not above the setting. */
static int S_minutes_index(int min)
{
    int best = 0;
    for (int i = 0; i < N_MINUTES; i++)
        if (S_minutes[i] <= min)
            best = i;
    return best;
}

/* The words for an auto-lock of min minutes ("never" for 0). */
static void S_minutes_label(int min, char *out, size_t n)
{
    if (min <= 0)
        snprintf(out, n, "never");
    else
        snprintf(out, n, "after %d minute%s", min, min == 1 ? "" : "s");
}

/* The value of row in words, into out. */
static void S_value(settings_screen *u, int row, char *out, size_t n)
{
    tend_session *s = u->s;
    switch (row) {
    case ROW_REGION: {
        const tend_region *r = frame_region(s);
        snprintf(out, n, "%s", r ? r->name : "none are loaded");
        break;
    }
    case ROW_AUTOLOCK:
        S_minutes_label(s->autolock_min, out, n);
        break;
    case ROW_COLOR:
        if (s->no_color_forced)
            snprintf(out, n, "off (NO_COLOR or --no-color)");
        else
            snprintf(out, n, "%s", s->color ? "on" : "off");
        break;
    default:
        snprintf(out, n, "change\xe2\x80\xa6");
        break;
    }
}

/* Applies the session's settings at once and saves them encrypted. */
static void S_save(settings_screen *u)
{
    tend_session_apply(u->s);
    tend_error err;
    tend_error_clear(&err);
    if (tend_session_save_settings(u->s, &err) == TEND_OK)
        snprintf(u->msg, sizeof u->msg, "Saved.");
    else
        snprintf(u->msg, sizeof u->msg, "This applies now, but could not be saved for next "
                 "time: %s", err.msg[0] ? err.msg : "an error");
}

/* Sets row's value to choice i (an index into its list). */
static void S_choose(settings_screen *u, int row, int i)
{
    tend_session *s = u->s;
    switch (row) {
    case ROW_REGION:
        if (i < 0 || i >= S_region_count(u))
            return;
        snprintf(s->region, sizeof s->region, "%s",
                 tend_content_region(s->content, (size_t)i)->region);
        break;
    case ROW_AUTOLOCK:
        if (i < 0 || i >= N_MINUTES)
            return;
        s->autolock_min = S_minutes[i];
        break;
    case ROW_COLOR:
        s->color = i == 0;
        break;
    default:
        return;
    }
    S_save(u);
}

/* Left/Right on a row: one value back or on (no wrapping around). */
static void S_step(settings_screen *u, int d)
{
    switch (u->row) {
    case ROW_REGION: {
        int i = S_region_index(u) + d;
        if (i >= 0 && i < S_region_count(u))
            S_choose(u, ROW_REGION, i);
        break;
    }
    case ROW_AUTOLOCK: {
        int min = u->s->autolock_min, i = -1;
        for (int j = 0; j < N_MINUTES; j++)
            if (d > 0 ? S_minutes[j] > min && i < 0 : S_minutes[j] < min && min > 0)
                i = j;
        if (i >= 0)
            S_choose(u, ROW_AUTOLOCK, i);
        break;
    }
    case ROW_COLOR:
        if ((d > 0) == u->s->color) /* Right turns off, Left turns on */
            S_choose(u, ROW_COLOR, u->s->color ? 1 : 0);
        break;
    default:
        break;
    }
}

/* Opens the list of choices for the marked row. */
static void S_open_choose(settings_screen *u)
{
    int n = u->row == ROW_REGION ? S_region_count(u) : u->row == ROW_AUTOLOCK ? N_MINUTES : 2;
    if (n == 0)
        return;
    free(u->items);
    free(u->labels);
    u->items = calloc((size_t)n, sizeof *u->items);
    u->labels = calloc((size_t)n, sizeof *u->labels);
    if (!u->items || !u->labels) {
        free(u->items);
        free(u->labels);
        u->items = NULL;
        u->labels = NULL;
        snprintf(u->msg, sizeof u->msg, "Out of memory; please try again.");
        return;
    }
    int sel = 0;
    for (int i = 0; i < n; i++) {
        if (u->row == ROW_REGION)
            snprintf(u->labels[i], sizeof u->labels[i], "%s",
                     tend_content_region(u->s->content, (size_t)i)->name);
        else if (u->row == ROW_AUTOLOCK)
            S_minutes_label(S_minutes[i], u->labels[i], sizeof u->labels[i]);
        else
            snprintf(u->labels[i], sizeof u->labels[i], "%s",
                     i == 0 ? "On" : "Off: plain black and white");
        u->items[i] = u->labels[i];
    }
    if (u->row == ROW_REGION)
        sel = S_region_index(u) >= 0 ? S_region_index(u) : 0;
    else if (u->row == ROW_AUTOLOCK)
        sel = S_minutes_index(u->s->autolock_min);
    else
        sel = u->s->color ? 0 : 1;
    u->choose = (tend_menu){ u->items, n, sel, 0 };
    u->msg[0] = '\0';
    S_set_mode(u, MODE_CHOOSE);
}

/* ---- drawing ------------------------------------------------------------------ */

/* The rows with their values, the marked row's help, and a message. */
static void S_draw_rows(settings_screen *u, tend_app *app, int rows, int cols)
{
    int w = cols - 4, y = 2, bottom = rows - 1;
    int lw = cols >= 60 ? 20 : 16; /* label column */
    for (int i = 0; i < N_ROWS && y < bottom; i++, y++) {
        bool sel = i == u->row;
        tend_style st = sel ? ST_SELECTED : ST_NORMAL;
        char value[96];
        S_value(u, i, value, sizeof value);
        tend_ui_text(app, y, 2, st, sel ? "> " : "  ", 2);
        tend_ui_text(app, y, 4, sel ? ST_SELECTED : ST_BOLD, S_row_names[i], lw - 2);
        int used = tend_ui_text(app, y, 2 + lw, st, value, w - lw);
        if (sel && used < w - lw)
            tend_ui_text(app, y, 2 + lw + used, ST_SELECTED, " ", 1);
    }
    y++;
    if (y < bottom)
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, S_row_help[u->row]);
    if (y + 1 < bottom && u->row == ROW_COLOR && u->s->no_color_forced)
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                          "Colours stay off while NO_COLOR or --no-color is set.");
    if (u->msg[0] && y + 1 < bottom)
        tend_ui_wrap(app, y + 1, 2, w, bottom - y - 1, ST_NORMAL, u->msg);
}

/* The list of choices for the marked row. */
static void S_draw_choose(settings_screen *u, tend_app *app, int rows, int cols)
{
    static const char *const heads[N_ROWS] = {
        "Support lines for which region?", "Lock after how long without a key?",
        "Colours", "",
    };
    int w = cols - 4, y = 2, bottom = rows - 1;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, heads[u->row]);
    y++;
    int room = bottom - y - 2;
    if (room < 1)
        room = bottom - y;
    tend_menu_draw(&u->choose, app, y, 2, room, w);
    if (bottom - y - room >= 2)
        tend_ui_text(app, bottom - 1, 2, ST_DIM, "Enter chooses. Esc keeps it.", w);
}

/* The three passphrase fields, and a hint, a pause or a message. */
static void S_draw_pass(settings_screen *u, tend_app *app, int rows, int cols)
{
    static const char *const labels[N_FIELDS] = { "Current", "New", "Once more" };
    int w = cols - 4, y = 2, bottom = rows - 1;
    int gap = rows >= 18 ? 2 : 1;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_TITLE, "Change the passphrase");
    y++;
    int fx = 14, fw = cols - fx - 2;
    if (fw > 40)
        fw = 40;
    for (int i = 0; i < N_FIELDS && y < bottom; i++) {
        tend_ui_text(app, y, 2, ST_BOLD, labels[i], fx - 3);
        tend_input_draw(u->pass[i], app, y, fx, fw, !u->busy && u->focus == i);
        y += gap;
    }
    if (gap == 1)
        y++;
    if (y >= bottom)
        return;
    int64_t left = u->s->pause_until - tend_app_now(app);
    if (u->busy) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Changing the passphrase\xe2\x80\xa6");
    } else if (left > 0) {
        char buf[200];
        snprintf(buf, sizeof buf, "Nothing has changed. Let's take a short pause: you can try "
                 "again in %lld second%s.", (long long)left, left == 1 ? "" : "s");
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL, buf);
    } else if (u->msg[0]) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL, u->msg);
    } else {
        const char *hint = frame_pass_hint(tend_input_text(u->pass[F_NEW]),
                                           tend_input_len(u->pass[F_NEW]));
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                     *hint ? hint : "Enter goes to the next field. Esc leaves; nothing changes.");
    }
}

/* The title and the mode shown. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    settings_screen *u = FRAME_OF(settings_screen, sc);
    frame_title(app, u->s, "Settings");
    if (u->mode == MODE_CHOOSE)
        S_draw_choose(u, app, rows, cols);
    else if (u->mode == MODE_PASS)
        S_draw_pass(u, app, rows, cols);
    else
        S_draw_rows(u, app, rows, cols);
}

/* ---- the passphrase ------------------------------------------------------------ */

/* True when fields a and b hold the same text. */
static bool S_same(const tend_input *a, const tend_input *b)
{
    return tend_input_len(a) == tend_input_len(b)
           && memcmp(tend_input_text(a), tend_input_text(b), tend_input_len(a)) == 0;
}

/* All three fields are filled and the new ones match: check the current
 * passphrase, then change it. */
static void S_change(settings_screen *u, tend_app *app)
{
    tend_session *s = u->s;
    if (s->pause_until > tend_app_now(app))
        return; /* the pause is shown instead of a message */
    if (!s->journal) {
        snprintf(u->msg, sizeof u->msg, "The journal is locked; unlock it first.");
        return;
    }
    u->busy = true;
    tend_app_redraw(app);
    const tend_input *old = u->pass[F_OLD], *np = u->pass[F_NEW];
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_journal_check_passphrase(s->journal, tend_input_text(old),
                                                   tend_input_len(old), &err);
    if (st == TEND_EPASS) {
        u->busy = false;
        tend_input_clear(u->pass[F_OLD]);
        u->focus = F_OLD;
        if (++s->wrong_tries >= WRONG_TRIES_BEFORE_PAUSE) {
            s->wrong_tries = 0;
            s->pause_until = tend_app_now(app) + PAUSE_SECONDS;
        }
        snprintf(u->msg, sizeof u->msg, "That is not the current passphrase, so nothing has "
                 "changed. Please type the current one again.");
        return;
    }
    if (st == TEND_OK) {
        s->wrong_tries = 0;
        st = tend_journal_passwd(s->journal, tend_input_text(np), tend_input_len(np), &err);
    }
    u->busy = false;
    if (st == TEND_OK) {
        S_wipe_fields(u);
        S_set_mode(u, MODE_ROWS);
        snprintf(u->msg, sizeof u->msg, "The passphrase is changed. From now on the new one "
                 "opens the journal.");
        return;
    }
    /* Not changed. A failed write leaves the file with the old passphrase
     * and the handle locked: open it again with the old one. */
    char why[TEND_ERROR_MAX];
    snprintf(why, sizeof why, "%s", err.msg[0] ? err.msg : tend_status_name(st));
    tend_error rerr;
    tend_error_clear(&rerr);
    if (tend_session_unlock(s, tend_input_text(old), tend_input_len(old), &rerr) != TEND_OK) {
        tend_app_lock(app); /* asks for the (old) passphrase; this screen goes */
        return;
    }
    snprintf(u->msg, sizeof u->msg, "The passphrase could not be changed (%s). Nothing is "
             "lost: the current one still opens the journal.", why);
}

/* Enter: on to the next empty field; with all three filled, the new ones
 * must match, then the change is tried. */
static void S_pass_confirm(settings_screen *u, tend_app *app)
{
    if (tend_input_len(u->pass[u->focus]) == 0) {
        snprintf(u->msg, sizeof u->msg, "%s",
                 u->focus == F_OLD ? "Please type the passphrase that opens the journal now."
                                   : "Please type a new passphrase.");
        return;
    }
    u->msg[0] = '\0';
    for (int i = 1; i <= N_FIELDS; i++) {
        int f = (u->focus + i) % N_FIELDS;
        if (tend_input_len(u->pass[f]) == 0) {
            u->focus = f;
            return;
        }
    }
    if (!S_same(u->pass[F_NEW], u->pass[F_AGAIN])) {
        tend_input_clear(u->pass[F_AGAIN]);
        u->focus = F_AGAIN;
        snprintf(u->msg, sizeof u->msg, "The two new ones do not match yet. Please type it "
                 "once more.");
        return;
    }
    S_change(u, app);
}

/* ---- keys ------------------------------------------------------------------------ */

/* The keys of the mode shown; Esc from the rows goes back. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    settings_screen *u = FRAME_OF(settings_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    switch (u->mode) {
    case MODE_PASS:
        if (a == TA_BACK) {
            S_wipe_fields(u);
            S_set_mode(u, MODE_ROWS);
            snprintf(u->msg, sizeof u->msg, "Nothing changed.");
        } else if (a == TA_CONFIRM) {
            S_pass_confirm(u, app);
        } else if (a == TA_NEXT) {
            u->focus = (u->focus + 1) % N_FIELDS;
        } else if (a == TA_PREV) {
            u->focus = (u->focus + N_FIELDS - 1) % N_FIELDS;
        } else if (tend_input_key(u->pass[u->focus], k)) {
            u->msg[0] = '\0';
        }
        return true;
    case MODE_CHOOSE:
        if (a == TA_BACK) {
            S_set_mode(u, MODE_ROWS);
        } else if (a == TA_SELECT) {
            S_set_mode(u, MODE_ROWS);
            S_choose(u, u->row, u->choose.sel);
        } else {
            tend_menu_key(&u->choose, a, k);
        }
        return true;
    default:
        break;
    }
    if (a == TA_BACK)
        return false; /* back to where Settings was opened from */
    u->msg[0] = '\0';
    switch (a) {
    case TA_UP: u->row = (u->row + N_ROWS - 1) % N_ROWS; return true;
    case TA_DOWN: u->row = (u->row + 1) % N_ROWS; return true;
    case TA_LEFT: S_step(u, -1); return true;
    case TA_RIGHT: S_step(u, +1); return true;
    case TA_SELECT:
        if (u->row == ROW_PASS) {
            S_wipe_fields(u);
            S_set_mode(u, MODE_PASS);
        } else {
            S_open_choose(u);
        }
        return true;
    default:
        break;
    }
    return false;
}

/* Wipes the passphrase fields and frees the list of choices. */
static void S_fini(tend_screen *sc)
{
    settings_screen *u = FRAME_OF(settings_screen, sc);
    for (int i = 0; i < N_FIELDS; i++)
        tend_input_free(u->pass[i]);
    free(u->items);
    free(u->labels);
}

/* Keeps the session and makes the three (secret) passphrase fields. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    settings_screen *u = FRAME_OF(settings_screen, sc);
    u->s = arg;
    for (int i = 0; i < N_FIELDS; i++)
        if (!(u->pass[i] = tend_input_new(PASS_MAX, true)))
            return TEND_ENOMEM;
    S_set_mode(u, MODE_ROWS);
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_settings, settings_screen, "settings", .init = S_init, .fini = S_fini,
             .draw = S_draw, .key = S_key, .keys = S_keys_rows)
