/*
 * history_list.c — History's list: the heads passing the filter, newest
 * first, under a heading for each day they were lived; the marked record
 * stays marked across reloads (or its place, when it is gone). Enter opens
 * it, e edits an entry, d deletes after a question, / searches, f filters,
 * c shows the calendar.
 */
#include "history_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>

const tend_action history_list_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_TOP, TA_BOTTOM,
                                          TA_SELECT, TA_EDIT, TA_DELETE, TA_FIND_ALL,
                                          TA_FILTER, TA_CALENDAR, TA_NONE };

/* Contract in history_int.h. */
void history_list_unload(history_screen *h)
{
    tend_head_list_free(&h->list);
    free(h->rows);
    h->rows = NULL;
    h->nrows = 0;
}

/* The first record row at or after row i (going down), or HISTORY_NO_HEAD. */
static size_t S_record_row(const history_screen *h, size_t i)
{
    for (; i < h->nrows; i++)
        if (h->rows[i].head != HISTORY_NO_HEAD)
            return i;
    return HISTORY_NO_HEAD;
}

/* Contract in history_int.h. */
void history_list_set_sel(history_screen *h, size_t row)
{
    h->sel = row;
    if (row < h->nrows && h->rows[row].head != HISTORY_NO_HEAD) {
        h->mark = h->list.heads[h->rows[row].head].uuid;
        h->have_mark = true;
    }
}

/* Contract in history_int.h. */
const tend_head *history_list_marked(const history_screen *h)
{
    return h->sel < h->nrows && h->rows[h->sel].head != HISTORY_NO_HEAD
               ? &h->list.heads[h->rows[h->sel].head]
               : NULL;
}

/* Contract in history_int.h. */
void history_list_load(history_screen *h)
{
    history_list_unload(h);
    if (!h->s->journal)
        return;
    tend_filter f = history_filter_of(h);
    tend_error err;
    tend_error_clear(&err);
    if (tend_journal_heads(h->s->journal, &f, &h->list, &err) != TEND_OK) {
        h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
        snprintf(h->status, sizeof h->status, "%s", err.msg);
        return;
    }
    if (h->trigger[0]) {
        size_t w = 0;
        for (size_t i = 0; i < h->list.n; i++) {
            if (history_trigger_match(h, &h->list.heads[i])) {
                if (w != i)
                    h->list.heads[w] = h->list.heads[i]; /* no ids: tend_journal_heads */
                w++;
            } else {
                tend_head_clear(&h->list.heads[i]);
            }
        }
        h->list.n = w;
    }
    h->rows = malloc((2 * h->list.n + 1) * sizeof *h->rows);
    if (!h->rows) {
        history_list_unload(h);
        snprintf(h->status, sizeof h->status, "Out of memory showing the list.");
        return;
    }
    size_t sel = HISTORY_NO_HEAD;
    for (size_t i = 0; i < h->list.n; i++) {
        const tend_head *hd = &h->list.heads[i];
        int64_t day = tend_local_day(hd->created, hd->utc_offset);
        if (i == 0 || day != h->rows[h->nrows - 1].day)
            h->rows[h->nrows++] = (history_row){ day, HISTORY_NO_HEAD };
        if (h->have_mark && sel == HISTORY_NO_HEAD && tend_uuid_equal(&hd->uuid, &h->mark))
            sel = h->nrows;
        h->rows[h->nrows++] = (history_row){ day, i };
    }
    if (sel == HISTORY_NO_HEAD) {
        /* The marked record is gone (deleted, filtered out): keep the place. */
        sel = h->sel < h->nrows ? h->sel : h->nrows ? h->nrows - 1 : 0;
        size_t r = S_record_row(h, sel);
        if (r == HISTORY_NO_HEAD)
            while (sel > 0 && h->rows[sel].head == HISTORY_NO_HEAD)
                sel--;
        else
            sel = r;
    }
    history_list_set_sel(h, sel);
}

/* Contract in history_int.h: the filter in words, the days and their
 * records with the marked one in view, and the keys (or a message). */
void history_list_draw(history_screen *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    char words[HISTORY_FIELD_CAP * 4 + 64];
    history_filter_words(h, words, sizeof words);
    tend_ui_text(app, 1, 2, ST_DIM, words, w);
    tend_wipe(words, sizeof words);
    int y = 2, avail = bottom - 1 - y;
    if (avail < 1)
        avail = 1;
    h->page = avail;
    if (h->nrows == 0) {
        tend_ui_wrap(app, y + 1, 2, w, bottom - y - 2, ST_DIM,
                     h->status[0] ? h->status
                     : history_filtered(h)
                         ? "Nothing matches these filters. f changes them."
                         : "Nothing here yet. Entries and check-ins will show up here, by day.");
        return;
    }
    if (h->sel >= h->nrows)
        h->sel = h->nrows - 1;
    /* Keep the marked row in view, with its day's heading when it fits. */
    if (h->sel < h->top)
        h->top = h->sel;
    if (h->top > 0 && h->top == h->sel && h->rows[h->top - 1].head == HISTORY_NO_HEAD)
        h->top--;
    if (h->sel >= h->top + (size_t)avail)
        h->top = h->sel - (size_t)avail + 1;
    for (int i = 0; i < avail && h->top + (size_t)i < h->nrows; i++) {
        const history_row *r = &h->rows[h->top + (size_t)i];
        if (r->head == HISTORY_NO_HEAD) {
            if (i == avail - 1)
                break; /* a day's heading with none of its records under it */
            char t[80];
            looking_day_title(r->day, t, sizeof t);
            tend_ui_text(app, y + i, 2, ST_H3, t, w);
        } else {
            history_draw_record(app, y + i, 4, w - 2, &h->list.heads[r->head],
                                h->top + (size_t)i == h->sel, false);
        }
    }
    const char *hint = h->status[0] ? h->status
                       : cols >= 70 ? "Enter opens \xc2\xb7 / search \xc2\xb7 f filter \xc2\xb7 "
                                      "c calendar \xc2\xb7 e edit \xc2\xb7 d delete"
                                    : "Enter opens \xc2\xb7 / \xc2\xb7 f \xc2\xb7 c \xc2\xb7 d";
    tend_ui_text(app, bottom - 1, 2, h->status[0] ? ST_NOTE : ST_DIM, hint, w);
}

/* Moves the mark to the record row delta record-rows away (clamped). */
static void S_move(history_screen *h, long delta)
{
    size_t r = h->sel;
    while (delta != 0) {
        size_t nr = r;
        if (delta > 0) {
            do
                nr++;
            while (nr < h->nrows && h->rows[nr].head == HISTORY_NO_HEAD);
            if (nr >= h->nrows)
                break;
            delta--;
        } else {
            if (nr == 0)
                break;
            do
                nr--;
            while (nr > 0 && h->rows[nr].head == HISTORY_NO_HEAD);
            if (h->rows[nr].head == HISTORY_NO_HEAD)
                break;
            delta++;
        }
        r = nr;
    }
    history_list_set_sel(h, r);
}

/* Contract in history_int.h. */
bool history_list_key(history_screen *h, tend_app *app, tend_action a)
{
    const tend_head *hd = history_list_marked(h);
    switch (a) {
    case TA_UP: S_move(h, -1); return true;
    case TA_DOWN: S_move(h, 1); return true;
    case TA_PGUP: S_move(h, -(long)(h->page > 2 ? h->page - 2 : 1)); return true;
    case TA_PGDN: S_move(h, h->page > 2 ? h->page - 2 : 1); return true;
    case TA_TOP: S_move(h, -(long)h->nrows); return true;
    case TA_BOTTOM: S_move(h, (long)h->nrows); return true;
    case TA_SELECT:
        if (hd)
            history_open(h, app, hd);
        return true;
    case TA_EDIT:
        /* An entry opens straight in the editor; a check-in cannot be
         * changed once saved, and the status line says so. */
        if (hd && hd->kind == TEND_KIND_ENTRY) {
            tend_screen *ed = tend_screen_entry_edit(h->s, hd->uuid.b);
            if (!ed) {
                snprintf(h->status, sizeof h->status, "This entry could not be opened.");
                return true;
            }
            tend_screen_reload(&h->base);
            h->searched = false;
            tend_app_push(app, ed);
        } else if (hd) {
            snprintf(h->status, sizeof h->status,
                     "A saved check-in stays as it was. You can remove it and check in again.");
        }
        return true;
    case TA_DELETE:
        if (hd)
            history_ask_delete(h, hd);
        return true;
    case TA_FIND_ALL:
        h->searched = false;
        tend_input_clear(h->query); /* a new search starts empty */
        history_go(h, HISTORY_FIND);
        return true;
    case TA_FILTER: history_filter_open(h); return true;
    case TA_CALENDAR: history_calendar_open(h, app); return true;
    default: return false;
    }
}
