/*
 * history_search.c — History's search over all text: the query field (/),
 * and the records it is found in, each with up to two matching lines and
 * the words highlighted. Every body is decrypted for the search, in memory
 * only (tend_search_journal); capitals and accents do not matter.
 */
#include "history_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <string.h>

const tend_action history_results_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_SELECT,
                                             TA_FIND_ALL, TA_NONE };

/* Contract in history_int.h. */
void history_search_run(history_screen *h, tend_app *app, bool announce)
{
    tend_search_results_free(&h->res);
    h->rsel = h->rtop = 0;
    h->status[0] = '\0';
    if (!h->s->journal)
        return;
    tend_error err;
    tend_error_clear(&err);
    const char *q = tend_input_text(h->query);
    if (q[strspn(q, " \t")] == '\0') {
        snprintf(h->status, sizeof h->status, "Type a word or two to look for.");
        history_go(h, HISTORY_FIND);
        return;
    }
    if (announce) {
        /* Every body is decrypted now: say so before the wait. */
        snprintf(h->status, sizeof h->status, "Searching\xe2\x80\xa6");
        tend_app_redraw(app);
        h->status[0] = '\0';
    }
    tend_search *srch = NULL;
    tend_search_opts opts = TEND_SEARCH_OPTS_INIT;
    opts.max_lines = HISTORY_HIT_LINES;
    if (tend_search_new(tend_input_text(h->query), &opts, &srch, &err) != TEND_OK) {
        snprintf(h->status, sizeof h->status, "%s",
                 err.code == TEND_EINVAL ? "Type a word or two to look for (one line)." : err.msg);
        return;
    }
    tend_filter f = history_filter_of(h);
    tend_status st = tend_search_journal(h->s->journal, srch, &f, &h->res, &err);
    tend_search_free(srch);
    if (st != TEND_OK) {
        snprintf(h->status, sizeof h->status, "%s", err.msg);
        return;
    }
    if (h->trigger[0]) {
        size_t w = 0;
        for (size_t i = 0; i < h->res.n; i++) {
            if (history_trigger_match(h, &h->res.v[i].head))
                h->res.v[w++] = h->res.v[i];
            else
                tend_search_hit_clear(&h->res.v[i]);
        }
        h->res.n = w;
    }
    h->searched = true;
    history_go(h, HISTORY_RESULTS);
}

/* The rows a hit takes in the results. */
static size_t S_hit_rows(const tend_search_hit *hit)
{
    return 1 + (hit->nlines < HISTORY_HIT_LINES ? hit->nlines : HISTORY_HIT_LINES);
}

/* Contract in history_int.h: the query (or how many records have it), then
 * each hit: its record line and its matching lines, highlighted. */
void history_search_draw(history_screen *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int y = 1;
    if (h->view == HISTORY_FIND) {
        int lw = tend_ui_text(app, y, 2, ST_BOLD, "Search: ", w);
        tend_input_draw(h->query, app, y, 2 + lw, w - lw, true);
        if (!h->searched) {
            tend_ui_wrap(app, y + 2, 2, w, bottom - y - 2, h->status[0] ? ST_NOTE : ST_DIM,
                         h->status[0] ? h->status
                                      : "Type a word and press Enter to look through every title, "
                                        "text, tag and note. Capitals and accents do not matter. "
                                        "Esc goes back.");
            return;
        }
    } else {
        char line[HISTORY_FIELD_CAP + 96];
        snprintf(line, sizeof line, "%zu record%s with \xe2\x80\x9c%s\xe2\x80\x9d", h->res.n,
                 h->res.n == 1 ? "" : "s", tend_input_text(h->query));
        tend_ui_text(app, y, 2, ST_DIM, line, w);
        tend_wipe(line, sizeof line);
    }
    y = 3;
    if (h->res.n == 0) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                     "Nothing found. Try a shorter word, or another spelling.");
        return;
    }
    int avail = bottom - 1 - y;
    h->page = avail;
    if (h->rsel >= h->res.n)
        h->rsel = h->res.n - 1;
    if (h->rsel < h->rtop)
        h->rtop = h->rsel;
    for (;;) { /* move rtop down until the marked hit fits */
        size_t need = 0;
        for (size_t i = h->rtop; i <= h->rsel; i++)
            need += S_hit_rows(&h->res.v[i]);
        if (need <= (size_t)avail || h->rtop == h->rsel)
            break;
        h->rtop++;
    }
    bool marked = h->view == HISTORY_RESULTS;
    for (size_t i = h->rtop; i < h->res.n && y < bottom - 1; i++) {
        const tend_search_hit *hit = &h->res.v[i];
        history_draw_record(app, y, 2, w, &hit->head, marked && i == h->rsel, true);
        y++;
        for (size_t l = 0; l < hit->nlines && l < HISTORY_HIT_LINES && y < bottom - 1; l++, y++) {
            const tend_search_line *sl = &hit->lines[l];
            char where[48];
            snprintf(where, sizeof where, "%s: ",
                     sl->in == TEND_SEARCH_IN_FIELD && sl->key ? sl->key
                                                               : tend_search_in_name(sl->in));
            int lw = tend_ui_text(app, y, 6, ST_DIM, where, w - 4);
            looking_draw_spans(app, y, 6 + lw, w - 4 - lw, ST_NORMAL, sl->text, sl->len,
                               sl->spans, sl->nspans);
        }
    }
    /* The date of the marked hit, as the list shows days. */
    if (marked) {
        char t[80];
        const tend_head *hd = &h->res.v[h->rsel].head;
        looking_day_title(tend_local_day(hd->created, hd->utc_offset), t, sizeof t);
        tend_ui_text(app, bottom - 1, 2, ST_DIM, t, w);
    }
}

/* Contract in history_int.h: Enter searches, Esc goes back to the list
 * (forgetting the query); typing changes the query. */
bool history_find_key(history_screen *h, tend_app *app, tend_action a, const tend_key *k)
{
    if (a == TA_BACK) {
        tend_search_results_free(&h->res);
        tend_input_clear(h->query);
        h->searched = false;
        h->status[0] = '\0';
        history_go(h, HISTORY_LIST);
        return true;
    }
    if (a == TA_CONFIRM) {
        history_search_run(h, app, true);
        return true;
    }
    if (a == TA_NEXT || a == TA_PREV)
        return true;
    if (tend_input_key(h->query, k)) {
        h->searched = false;
        h->status[0] = '\0';
        return true;
    }
    return false;
}

/* Contract in history_int.h: moving through the hits, Enter opens one, Esc
 * or / goes back to the query. */
bool history_results_key(history_screen *h, tend_app *app, tend_action a)
{
    switch (a) {
    case TA_BACK:
    case TA_FIND_ALL:
        history_go(h, HISTORY_FIND);
        return true;
    case TA_UP: if (h->rsel > 0) h->rsel--; return true;
    case TA_DOWN: if (h->rsel + 1 < h->res.n) h->rsel++; return true;
    case TA_PGUP: h->rsel = h->rsel > 5 ? h->rsel - 5 : 0; return true;
    case TA_PGDN:
        h->rsel = h->rsel + 5 < h->res.n ? h->rsel + 5 : h->res.n ? h->res.n - 1 : 0;
        return true;
    case TA_SELECT:
        if (h->rsel < h->res.n)
            history_open(h, app, &h->res.v[h->rsel].head);
        return true;
    default:
        return false;
    }
}
