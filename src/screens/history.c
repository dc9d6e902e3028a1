/*
 * history.c — looking back: every entry and check-in, newest first, grouped
 * by the day it was lived, one line each (history_list.c); a month calendar
 * marking the days with entries and check-ins (history_calendar.c); filters
 * by kind, tag, trigger and dates (history_filter.c); search over all text
 * with the matching lines highlighted (history_search.c); open, edit and
 * delete (after the shared question, which defaults to keeping the record).
 *
 * This file is the screen itself: its life, loading at enter (the heads
 * only when something was written since, so coming back from a record that
 * was only read costs nothing), which view draws and gets the keys, and
 * opening and deleting a record. See history_int.h for speed and wiping.
 */
#include "history_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <string.h>

const tend_action history_text_keys[] = { TA_NEXT, TA_PREV, TA_CONFIRM, TA_CLEAR, TA_NONE };

/* Contract in history_int.h. */
void history_go(history_screen *h, int view)
{
    static const struct {
        const tend_action *keys;
        unsigned flags;
    } modes[HISTORY_VIEWS] = {
        [HISTORY_LIST] = { history_list_keys, 0 },
        [HISTORY_CALENDAR] = { history_calendar_keys, 0 },
        [HISTORY_FILTER] = { history_text_keys, TEND_SCREEN_TEXT },
        [HISTORY_FIND] = { history_text_keys, TEND_SCREEN_TEXT },
        [HISTORY_RESULTS] = { history_results_keys, 0 },
        [HISTORY_CONFIRM] = { tend_confirm_keys, 0 },
    };
    h->view = view;
    tend_screen_set_keys(&h->base, modes[view].keys, modes[view].flags);
}

/* Contract in history_int.h. */
void history_open(history_screen *h, tend_app *app, const tend_head *hd)
{
    tend_screen *next = hd->kind == TEND_KIND_CHECKIN || hd->kind == TEND_KIND_ENTRY
                            ? tend_screen_record(h->s, hd->uuid.b)
                            : NULL;
    if (!next) {
        snprintf(h->status, sizeof h->status, "This record could not be opened.");
        return;
    }
    if (h->searched)
        h->searched = false; /* search again when back: it may have changed */
    tend_app_push(app, next);
}

/* Contract in history_int.h. */
void history_draw_record(tend_app *app, int y, int x, int w, const tend_head *hd, bool sel,
                         bool date)
{
    tend_style st = sel ? ST_SELECTED : ST_NORMAL;
    if (sel)
        for (int c = 0; c < w; c++)
            tend_ui_text(app, y, x + c, ST_SELECTED, " ", 1);
    char dt[TEND_DATETIME_MAX], line[320];
    tend_format_datetime(hd->created, hd->utc_offset, dt);
    int used = tend_ui_text(app, y, x, sel ? ST_SELECTED : ST_DIM, date ? dt : dt + 11, w);
    used += 2;
    if (w - used > 30) {
        tend_ui_text(app, y, x + used, sel ? ST_SELECTED : ST_DIM, looking_kind_word(hd->kind),
                     w - used);
        used += 10;
    }
    if (hd->kind == TEND_KIND_CHECKIN)
        looking_checkin_summary(hd, line, sizeof line);
    else
        snprintf(line, sizeof line, "%s%s", (hd->flags & TEND_FLAG_STARRED) ? "\xe2\x98\x85 " : "",
                 hd->title[0] ? hd->title : "(no title)"); /* a star for jrnl's starred */
    if (used < w)
        used += tend_ui_text(app, y, x + used, st, line, w - used);
    for (size_t t = 0; t < hd->ntags && used + 3 < w; t++) {
        snprintf(line, sizeof line, "  #%s", hd->tags[t]);
        used += tend_ui_text(app, y, x + used, sel ? ST_SELECTED : ST_DIM, line, w - used);
    }
    tend_wipe(line, sizeof line);
}

/* Appends s to out (len bytes used of cap, *cols columns) cut to end before
 * column w. */
static void S_words_add(char *out, size_t cap, size_t *len, int *cols, int w, const char *s)
{
    if (*cols >= w || *len + 1 >= cap)
        return;
    size_t used = 0;
    size_t n = tend_utf8_fit(s, strlen(s), (size_t)(w - *cols), &used);
    if (n > cap - 1 - *len)
        n = tend_utf8_fit(s, cap - 1 - *len, (size_t)(w - *cols), &used);
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
    *cols += (int)used;
}

/* What history_draw_record draws for hd with its date, as text w columns
 * at most, into out[cap] (the words of the delete question). */
static void S_record_words(const tend_head *hd, int w, char *out, size_t cap)
{
    char dt[TEND_DATETIME_MAX], line[320];
    size_t len = 0;
    int cols = 0;
    out[0] = '\0';
    tend_format_datetime(hd->created, hd->utc_offset, dt);
    S_words_add(out, cap, &len, &cols, w, dt);
    S_words_add(out, cap, &len, &cols, w, "  ");
    if (w - cols > 30) {
        snprintf(line, sizeof line, "%-10s", looking_kind_word(hd->kind));
        S_words_add(out, cap, &len, &cols, w, line);
    }
    if (hd->kind == TEND_KIND_CHECKIN)
        looking_checkin_summary(hd, line, sizeof line);
    else
        snprintf(line, sizeof line, "%s%s", (hd->flags & TEND_FLAG_STARRED) ? "\xe2\x98\x85 " : "",
                 hd->title[0] ? hd->title : "(no title)");
    S_words_add(out, cap, &len, &cols, w, line);
    for (size_t t = 0; t < hd->ntags && cols + 3 < w; t++) {
        snprintf(line, sizeof line, "  #%s", hd->tags[t]);
        S_words_add(out, cap, &len, &cols, w, line);
    }
    tend_wipe(line, sizeof line);
}

/* Contract in history_int.h. */
void history_ask_delete(history_screen *h, const tend_head *hd)
{
    h->del_id = hd->uuid;
    h->back = h->view;
    h->del_words[0] = '\0'; /* made at draw time, at the window's width */
    tend_confirm_delete(&h->confirm,
                        hd->kind == TEND_KIND_CHECKIN
                            ? "Delete this check-in? It cannot be brought back afterwards."
                            : "Delete this entry? It cannot be brought back afterwards.",
                        h->del_words);
    history_go(h, HISTORY_CONFIRM);
}

/* The question, about the marked record. */
static void S_draw_confirm(history_screen *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1, y = rows >= 16 ? 2 : 1;
    const tend_head *hd = history_list_marked(h);
    if (hd)
        S_record_words(hd, w, h->del_words, sizeof h->del_words);
    else
        h->del_words[0] = '\0';
    tend_confirm_draw(&h->confirm, app, y, 2, w, bottom);
}

/* The answer: deletes (and reads the list again), or keeps it; back to the
 * view it was asked from. */
static bool S_confirm_key(history_screen *h, tend_action a, const tend_key *k)
{
    int answer = tend_confirm_key(&h->confirm, a, k);
    if (answer == TEND_CONFIRM_ASKING)
        return true;
    tend_wipe(h->del_words, sizeof h->del_words);
    if (answer == 1) {
        tend_error err;
        tend_error_clear(&err);
        if (!h->s->journal || tend_journal_delete(h->s->journal, &h->del_id, &err) != TEND_OK) {
            snprintf(h->status, sizeof h->status, "Not deleted: %s",
                     err.code ? err.msg : "the journal is locked");
        } else {
            snprintf(h->status, sizeof h->status, "Deleted.");
            tend_screen_reload(&h->base);
        }
    }
    history_go(h, h->back);
    return true;
}

/* Reads the heads when History opens, when the journal changed, or when a
 * key asked (a new filter); back on the results from a record, searches
 * again (the record may have changed). */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    history_screen *h = FRAME_OF(history_screen, sc);
    if (why & (TEND_ENTER_PUSHED | TEND_ENTER_CHANGED | TEND_ENTER_ASKED))
        history_list_load(h);
    if (h->view == HISTORY_RESULTS && !h->searched)
        history_search_run(h, app, false);
}

/* The title, and the view. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    history_screen *h = FRAME_OF(history_screen, sc);
    frame_title(app, h->s, h->view == HISTORY_CALENDAR ? "History \xc2\xb7 calendar"
                           : h->view == HISTORY_FIND || h->view == HISTORY_RESULTS
                               ? "History \xc2\xb7 search"
                               : "History");
    switch (h->view) {
    case HISTORY_CALENDAR: history_calendar_draw(h, app, rows, cols); break;
    case HISTORY_FILTER: history_filter_draw(h, app, rows, cols); break;
    case HISTORY_FIND: case HISTORY_RESULTS: history_search_draw(h, app, rows, cols); break;
    case HISTORY_CONFIRM: S_draw_confirm(h, app, rows, cols); break;
    default: history_list_draw(h, app, rows, cols); break;
    }
}

/* Gives the key to the view shown; Esc on the list goes back. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    history_screen *h = FRAME_OF(history_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (h->view == HISTORY_LIST && a != TA_NONE)
        h->status[0] = '\0';
    switch (h->view) {
    case HISTORY_CALENDAR: return history_calendar_key(h, a);
    case HISTORY_FILTER: return history_filter_key(h, app, a, k);
    case HISTORY_FIND: return history_find_key(h, app, a, k);
    case HISTORY_RESULTS: return history_results_key(h, app, a);
    case HISTORY_CONFIRM: return S_confirm_key(h, a, k);
    default:
        if (a == TA_BACK) {
            tend_app_pop(app);
            return true;
        }
        return history_list_key(h, app, a);
    }
}

/* Wipes the heads, the hits and the typed fields. */
static void S_fini(tend_screen *sc)
{
    history_screen *h = FRAME_OF(history_screen, sc);
    history_list_unload(h);
    tend_search_results_free(&h->res);
    for (int i = 0; i < HISTORY_F_COUNT; i++)
        tend_input_free(h->in[i]);
    tend_input_free(h->query);
}

/* The fields of the filter form and the search; the list is read at
 * enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    history_screen *h = FRAME_OF(history_screen, sc);
    h->s = arg;
    h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    h->res = (tend_search_results)TEND_SEARCH_RESULTS_INIT;
    if (!(h->query = tend_input_new(HISTORY_FIELD_CAP - 1, false)))
        return TEND_ENOMEM;
    for (int i = HISTORY_F_TAG; i < HISTORY_F_COUNT; i++)
        if (!(h->in[i] = tend_input_new(HISTORY_FIELD_CAP - 1, false)))
            return TEND_ENOMEM;
    history_go(h, HISTORY_LIST);
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_history, history_screen, "history", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = history_list_keys)
