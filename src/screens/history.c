/*
 * history.c — looking back: every entry and check-in, newest first, grouped
 * by the day it was lived, one line each; a month calendar marking the days
 * with entries and check-ins (Enter jumps to the marked day); filters by
 * kind, tag, trigger (a check-in option, "triggers.conflict") and dates;
 * search over all text with the matching lines highlighted; open, edit and
 * delete (after a calm question that defaults to keeping the record).
 *
 * Speed: the list decrypts heads only (tend_journal_heads), so it opens fast
 * on a large journal; a body is decrypted only when a record is opened or a
 * search runs, and search works over decrypted memory only
 * (tend_search_journal), never an index. Lines are made at draw time for
 * the rows on screen only.
 *
 * Everything decrypted here (heads, search hits, typed filters and query)
 * is wiped when the screen is destroyed, which quick-hide and auto-lock do.
 */
#include "looking_int.h"

#include "tend/date.h"
#include "tend/insights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_HEAD ((size_t)-1)
#define FIELD_CAP 200
#define HIT_LINES 2 /* matching lines shown per record */

enum { V_LIST, V_CAL, V_FILTER, V_FIND, V_RESULTS, V_CONFIRM };
enum { F_KIND, F_TAG, F_TRIGGER, F_SINCE, F_UNTIL, F_COUNT };

typedef struct {
    int64_t day;
    size_t head; /* index in list.heads, or NO_HEAD for the day's heading */
} hrow;

typedef struct {
    tend_screen base;
    tend_session *s;
    int view, back;            /* back: the view the question returns to */
    bool loaded, searched;
    uint64_t changes;        /* tend_journal_changes when the list was loaded */
    tend_head_list list;       /* heads passing the filter, newest first */
    hrow *rows;
    size_t nrows;
    size_t sel, top;           /* marked row (a record row) and first row shown */
    int page;
    tend_uuid mark;            /* the marked record, kept across reloads */
    bool have_mark;
    /* filter: the fields being typed, and what is applied */
    tend_input *in[F_COUNT];   /* in[F_KIND] unused */
    int kind_in, focus;
    int kind;                  /* 0 all, 1 entries, 2 check-ins */
    char tag[FIELD_CAP], trigger[FIELD_CAP], since_txt[FIELD_CAP], until_txt[FIELD_CAP];
    int64_t since, until;
    /* calendar */
    int64_t cal_day;
    /* search */
    tend_input *query;
    tend_search_results res;
    size_t rsel, rtop;
    /* delete */
    tend_menu menu;
    tend_uuid del_id;
    uint32_t del_kind;
    char status[TEND_ERROR_MAX + 64];
} history;

static const tend_action S_list_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_TOP, TA_BOTTOM,
                                           TA_SELECT, TA_EDIT, TA_DELETE, TA_FIND_ALL,
                                           TA_FILTER, TA_CALENDAR, TA_NONE };
static const tend_action S_cal_keys[] = { TA_LEFT, TA_RIGHT, TA_UP, TA_DOWN, TA_MONTH_PREV,
                                          TA_MONTH_NEXT, TA_SELECT, TA_CALENDAR, TA_NONE };
static const tend_action S_text_keys[] = { TA_NEXT, TA_PREV, TA_CONFIRM, TA_CLEAR, TA_NONE };
static const tend_action S_results_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_SELECT,
                                              TA_FIND_ALL, TA_NONE };
static const tend_action S_confirm_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const char *const S_confirm_items[] = { "Keep it", "Delete it for good" };
static const char *const S_kinds[] = { "entries and check-ins", "entries", "check-ins" };

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_destroy(tend_screen *sc);

#define OPS(k, fl) { .name = "history", .draw = S_draw, .key = S_key, .destroy = S_destroy, \
                     .keys = k, .flags = fl }
static const tend_screen_ops S_ops[] = {
    [V_LIST] = OPS(S_list_keys, 0),
    [V_CAL] = OPS(S_cal_keys, 0),
    [V_FILTER] = OPS(S_text_keys, TEND_SCREEN_TEXT),
    [V_FIND] = OPS(S_text_keys, TEND_SCREEN_TEXT),
    [V_RESULTS] = OPS(S_results_keys, 0),
    [V_CONFIRM] = OPS(S_confirm_keys, 0),
};

static void S_search_run(history *h, tend_app *app, bool announce);

static void S_go(history *h, int view)
{
    h->view = view;
    h->base.ops = &S_ops[view];
}

/* ---- loading ------------------------------------------------------------------ */

/* Splits a typed trigger into item and option: "triggers.conflict", or
 * just "conflict" (an option of "triggers"). ASCII letters lower-cased. */
static void S_trigger_parts(const char *t, char *item, char *opt, size_t cap)
{
    const char *dot = strchr(t, '.');
    if (dot) {
        snprintf(item, cap, "%.*s", (int)(dot - t), t);
        snprintf(opt, cap, "%s", dot + 1);
    } else {
        snprintf(item, cap, "triggers");
        snprintf(opt, cap, "%s", t);
    }
    for (char *p = item; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    for (char *p = opt; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
}

static bool S_trigger_match(const history *h, const tend_head *hd)
{
    if (!h->trigger[0])
        return true;
    char item[FIELD_CAP], opt[FIELD_CAP];
    S_trigger_parts(h->trigger, item, opt, sizeof item);
    return tend_head_has_answer(hd, item, opt);
}

static tend_filter S_filter(const history *h)
{
    tend_filter f = TEND_FILTER_INIT;
    f.kind = h->kind == 1 ? TEND_KIND_ENTRY : h->kind == 2 ? TEND_KIND_CHECKIN : 0;
    f.since = h->since;
    f.until = h->until;
    f.tag = h->tag[0] ? h->tag : NULL;
    return f;
}

static void S_unload(history *h)
{
    tend_head_list_free(&h->list);
    free(h->rows);
    h->rows = NULL;
    h->nrows = 0;
}

/* The first record row at or after row i (going down), or NO_HEAD. */
static size_t S_record_row(const history *h, size_t i)
{
    for (; i < h->nrows; i++)
        if (h->rows[i].head != NO_HEAD)
            return i;
    return NO_HEAD;
}

static void S_set_sel(history *h, size_t row)
{
    h->sel = row;
    if (row < h->nrows && h->rows[row].head != NO_HEAD) {
        h->mark = h->list.heads[h->rows[row].head].uuid;
        h->have_mark = true;
    }
}

static void S_load(history *h)
{
    h->loaded = true;
    h->changes = tend_journal_changes(h->s->journal);
    S_unload(h);
    if (!h->s->journal)
        return;
    tend_filter f = S_filter(h);
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
            if (S_trigger_match(h, &h->list.heads[i])) {
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
        S_unload(h);
        snprintf(h->status, sizeof h->status, "Out of memory showing the list.");
        return;
    }
    size_t sel = NO_HEAD;
    for (size_t i = 0; i < h->list.n; i++) {
        const tend_head *hd = &h->list.heads[i];
        int64_t day = tend_local_day(hd->created, hd->utc_offset);
        if (i == 0 || day != h->rows[h->nrows - 1].day)
            h->rows[h->nrows++] = (hrow){ day, NO_HEAD };
        if (h->have_mark && sel == NO_HEAD && tend_uuid_equal(&hd->uuid, &h->mark))
            sel = h->nrows;
        h->rows[h->nrows++] = (hrow){ day, i };
    }
    if (sel == NO_HEAD) {
        /* The marked record is gone (deleted, filtered out): keep the place. */
        sel = h->sel < h->nrows ? h->sel : h->nrows ? h->nrows - 1 : 0;
        size_t r = S_record_row(h, sel);
        if (r == NO_HEAD)
            while (sel > 0 && h->rows[sel].head == NO_HEAD)
                sel--;
        else
            sel = r;
    }
    S_set_sel(h, sel);
}

/* ---- drawing ------------------------------------------------------------------- */

static void S_filter_words(const history *h, char *out, size_t cap)
{
    size_t n = 0;
    int w = snprintf(out, cap, "%s", h->kind == 0 ? "All" : h->kind == 1 ? "Entries" : "Check-ins");
    n = w > 0 ? (size_t)w : 0;
    if (h->tag[0] && n < cap)
        n += (size_t)snprintf(out + n, cap - n, " \xc2\xb7 tag %s", h->tag);
    if (h->trigger[0] && n < cap)
        n += (size_t)snprintf(out + n, cap - n, " \xc2\xb7 %s", h->trigger);
    if (h->since_txt[0] && n < cap)
        n += (size_t)snprintf(out + n, cap - n, " \xc2\xb7 from %s", h->since_txt);
    if (h->until_txt[0] && n < cap)
        n += (size_t)snprintf(out + n, cap - n, " \xc2\xb7 to %s", h->until_txt);
    if (n < cap)
        snprintf(out + n, cap - n, " \xc2\xb7 %zu", h->list.n);
}

/* One record's line: "HH:MM  kind      title or summary" (with the date
 * before the time when date is true). */
static void S_draw_record(tend_app *app, int y, int x, int w, const tend_head *hd, bool sel,
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

static void S_draw_list(history *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    char words[FIELD_CAP * 4 + 64];
    S_filter_words(h, words, sizeof words);
    tend_ui_text(app, 1, 2, ST_DIM, words, w);
    tend_wipe(words, sizeof words);
    int y = 2, avail = bottom - 1 - y;
    if (avail < 1)
        avail = 1;
    h->page = avail;
    if (h->nrows == 0) {
        tend_ui_wrap(app, y + 1, 2, w, bottom - y - 2, ST_DIM,
                     h->status[0] ? h->status
                     : (h->kind || h->tag[0] || h->trigger[0] || h->since || h->until)
                         ? "Nothing matches these filters. f changes them."
                         : "Nothing here yet. Entries and check-ins will show up here, by day.");
        return;
    }
    if (h->sel >= h->nrows)
        h->sel = h->nrows - 1;
    /* Keep the marked row in view, with its day's heading when it fits. */
    if (h->sel < h->top)
        h->top = h->sel;
    if (h->top > 0 && h->top == h->sel && h->rows[h->top - 1].head == NO_HEAD)
        h->top--;
    if (h->sel >= h->top + (size_t)avail)
        h->top = h->sel - (size_t)avail + 1;
    for (int i = 0; i < avail && h->top + (size_t)i < h->nrows; i++) {
        const hrow *r = &h->rows[h->top + (size_t)i];
        if (r->head == NO_HEAD) {
            if (i == avail - 1)
                break; /* a day's heading with none of its records under it */
            char t[80];
            looking_day_title(r->day, t, sizeof t);
            tend_ui_text(app, y + i, 2, ST_H3, t, w);
        } else {
            S_draw_record(app, y + i, 4, w - 2, &h->list.heads[r->head],
                          h->top + (size_t)i == h->sel, false);
        }
    }
    const char *hint = h->status[0] ? h->status
                       : cols >= 70 ? "Enter opens \xc2\xb7 / search \xc2\xb7 f filter \xc2\xb7 "
                                      "c calendar \xc2\xb7 e edit \xc2\xb7 d delete"
                                    : "Enter opens \xc2\xb7 / \xc2\xb7 f \xc2\xb7 c \xc2\xb7 d";
    tend_ui_text(app, bottom - 1, 2, h->status[0] ? ST_NOTE : ST_DIM, hint, w);
}

/* The month calendar of the marked day's month, Monday first. */
static void S_draw_cal(history *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int64_t y;
    int m, d;
    tend_civil_from_days(h->cal_day, &y, &m, &d);
    unsigned char marks[31];
    tend_month_marks(h->list.heads, h->list.n, y, m, marks);
    int64_t now = tend_app_time(app);
    int64_t today = tend_local_day(now, tend_local_offset(now));
    char t[64];
    snprintf(t, sizeof t, "%s %lld", looking_month_name(m), (long long)y);
    int top = rows >= 16 ? 2 : 1;
    tend_ui_text(app, top, 2, ST_H2, t, w);
    static const char *const wd[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
    int cw = 5, x0 = 2;
    for (int i = 0; i < 7; i++)
        tend_ui_text(app, top + 1, x0 + i * cw, ST_DIM, wd[i], cw);
    int64_t first = tend_days_from_civil(y, m, 1);
    int64_t next = m == 12 ? tend_days_from_civil(y + 1, 1, 1) : tend_days_from_civil(y, m + 1, 1);
    int ndays = (int)(next - first);
    int col = looking_weekday(first), row = 0;
    for (int day = 1; day <= ndays; day++) {
        int64_t dn = first + day - 1;
        char cell[8];
        unsigned mk = marks[day - 1];
        snprintf(cell, sizeof cell, "%2d%c%c", day, (mk & TEND_MARK_ENTRY) ? '*' : ' ',
                 (mk & TEND_MARK_CHECKIN) ? '+' : ' ');
        tend_style st = dn == h->cal_day ? ST_SELECTED : dn == today ? ST_BOLD
                        : mk ? ST_NORMAL : ST_DIM;
        if (top + 2 + row < bottom)
            tend_ui_text(app, top + 2 + row, x0 + col * cw, st, cell, 4);
        if (++col == 7) {
            col = 0;
            row++;
        }
    }
    int ly = top + 2 + 6 + (rows >= 16 ? 1 : 0);
    if (ly < bottom)
        tend_ui_text(app, ly++, 2, ST_DIM, "* an entry   + a check-in", w);
    /* What the marked day holds. */
    size_t ne = 0, nc = 0;
    for (size_t i = 0; i < h->list.n; i++) {
        const tend_head *hd = &h->list.heads[i];
        if (tend_local_day(hd->created, hd->utc_offset) != h->cal_day)
            continue;
        if (hd->kind == TEND_KIND_ENTRY)
            ne++;
        else if (hd->kind == TEND_KIND_CHECKIN)
            nc++;
    }
    char line[160];
    if (ne && nc)
        snprintf(line, sizeof line, "%d %s: %zu entr%s and %zu check-in%s. Enter shows them.",
                 d, looking_month_name(m), ne, ne == 1 ? "y" : "ies", nc, nc == 1 ? "" : "s");
    else if (ne || nc)
        snprintf(line, sizeof line, "%d %s: %zu %s. Enter shows %s.", d, looking_month_name(m),
                 ne ? ne : nc, ne ? (ne == 1 ? "entry" : "entries")
                                  : (nc == 1 ? "check-in" : "check-ins"),
                 ne + nc == 1 ? "it" : "them");
    else
        snprintf(line, sizeof line, "%d %s: nothing written.", d, looking_month_name(m));
    if (ly < bottom - 1)
        tend_ui_wrap(app, ly + (rows >= 16 ? 1 : 0), 2, w, 2, ST_NORMAL, line);
    tend_ui_text(app, bottom - 1, 2, ST_DIM,
                 cols >= 70 ? "Arrows move a day or a week \xc2\xb7 PgUp/PgDn or < > a month "
                              "\xc2\xb7 Esc back"
                            : "< > month \xc2\xb7 Enter shows the day",
                 w);
}

static void S_draw_filter(history *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int y = rows >= 16 ? 2 : 1;
    tend_ui_text(app, y++, 2, ST_H3, "Show only", w);
    if (rows >= 16)
        y++;
    static const char *const names[F_COUNT] = { "Kind", "Tag", "Trigger", "From", "To" };
    static const char *const hints[F_COUNT] = {
        "Left/Right or Space", "one tag", "e.g. triggers.conflict", "2025-12-01, 7d, 3w", "e.g. today",
    };
    int lw = 9, fw = w - lw - 1;
    bool hints_fit = fw > 40;
    if (hints_fit)
        fw = w - lw - 1 - 24;
    for (int i = 0; i < F_COUNT && y < bottom - 1; i++, y++) {
        bool foc = h->focus == i;
        tend_ui_text(app, y, 2, foc ? ST_BOLD : ST_NORMAL, names[i], lw);
        if (i == F_KIND) {
            char k[64];
            snprintf(k, sizeof k, "< %s >", S_kinds[h->kind_in]);
            tend_ui_text(app, y, 2 + lw, foc ? ST_SELECTED : ST_NORMAL, k, fw);
        } else {
            tend_input_draw(h->in[i], app, y, 2 + lw, fw, foc);
        }
        if (hints_fit)
            tend_ui_text(app, y, 2 + lw + fw + 2, ST_DIM, hints[i], 22);
    }
    y++;
    if (y < bottom - 1)
        tend_ui_wrap(app, y, 2, w, bottom - 1 - y, h->status[0] ? ST_NOTE : ST_DIM,
                     h->status[0] ? h->status
                                  : "Enter shows them \xc2\xb7 Tab moves \xc2\xb7 Ctrl-U clears "
                                    "a field \xc2\xb7 Esc keeps them as they were");
}

/* The rows a hit takes in the results. */
static size_t S_hit_rows(const tend_search_hit *hit)
{
    return 1 + (hit->nlines < HIT_LINES ? hit->nlines : HIT_LINES);
}

static void S_draw_results(history *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int y = 1;
    if (h->view == V_FIND) {
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
        char line[FIELD_CAP + 96];
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
    bool marked = h->view == V_RESULTS;
    for (size_t i = h->rtop; i < h->res.n && y < bottom - 1; i++) {
        const tend_search_hit *hit = &h->res.v[i];
        S_draw_record(app, y, 2, w, &hit->head, marked && i == h->rsel, true);
        y++;
        for (size_t l = 0; l < hit->nlines && l < HIT_LINES && y < bottom - 1; l++, y++) {
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

static void S_draw_confirm(history *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1, y = rows >= 16 ? 2 : 1;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                      h->del_kind == TEND_KIND_CHECKIN
                          ? "Delete this check-in? It cannot be brought back afterwards."
                          : "Delete this entry? It cannot be brought back afterwards.");
    if (h->sel < h->nrows && h->rows[h->sel].head != NO_HEAD)
        S_draw_record(app, y++, 2, w, &h->list.heads[h->rows[h->sel].head], false, true);
    y++;
    tend_menu_draw(&h->menu, app, y, 2, bottom - y, w);
}

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    history *h = FRAME_OF(history, sc);
    /* Read the heads again only when something was written since: coming
     * back from a record that was only read costs nothing. */
    if (!h->loaded || h->changes != tend_journal_changes(h->s->journal))
        S_load(h);
    frame_title(app, h->s, h->view == V_CAL ? "History \xc2\xb7 calendar"
                           : h->view == V_FIND || h->view == V_RESULTS ? "History \xc2\xb7 search"
                                                                       : "History");
    switch (h->view) {
    case V_CAL: S_draw_cal(h, app, rows, cols); break;
    case V_FILTER: S_draw_filter(h, app, rows, cols); break;
    case V_FIND: case V_RESULTS:
        if (h->view == V_RESULTS && !h->searched)
            S_search_run(h, app, false); /* back from a record: it may have changed */
        S_draw_results(h, app, rows, cols);
        break;
    case V_CONFIRM: S_draw_confirm(h, app, rows, cols); break;
    default: S_draw_list(h, app, rows, cols); break;
    }
}

/* ---- keys --------------------------------------------------------------------- */

/* Opens a record: an entry in the Write engineer's entry page (read, e
 * edits, d deletes), a check-in in the check-in view. The list is read
 * again when History is back on top. */
static void S_open(history *h, tend_app *app, const tend_head *hd)
{
    tend_screen *next = hd->kind == TEND_KIND_CHECKIN ? tend_screen_checkin_view(h->s, hd->uuid.b)
                        : hd->kind == TEND_KIND_ENTRY ? tend_screen_entry(h->s, hd->uuid.b)
                                                      : NULL;
    if (!next) {
        snprintf(h->status, sizeof h->status, "This record could not be opened.");
        return;
    }
    if (h->searched)
        h->searched = false; /* search again when back: it may have changed */
    tend_app_push(app, next);
}

/* Moves the mark to the record row delta record-rows away (clamped). */
static void S_move(history *h, long delta)
{
    size_t r = h->sel;
    while (delta != 0) {
        size_t nr = r;
        if (delta > 0) {
            do
                nr++;
            while (nr < h->nrows && h->rows[nr].head == NO_HEAD);
            if (nr >= h->nrows)
                break;
            delta--;
        } else {
            if (nr == 0)
                break;
            do
                nr--;
            while (nr > 0 && h->rows[nr].head == NO_HEAD);
            if (h->rows[nr].head == NO_HEAD)
                break;
            delta++;
        }
        r = nr;
    }
    S_set_sel(h, r);
}

/* The calendar goes to the marked record's day (or today). */
static void S_cal_open(history *h, tend_app *app)
{
    if (h->sel < h->nrows) {
        h->cal_day = h->rows[h->sel].day;
    } else {
        int64_t now = tend_app_time(app);
        h->cal_day = tend_local_day(now, tend_local_offset(now));
    }
    S_go(h, V_CAL);
}

/* Moves the calendar by months, keeping the day of the month where it can. */
static void S_cal_month(history *h, int delta)
{
    int64_t y;
    int m, d;
    tend_civil_from_days(h->cal_day, &y, &m, &d);
    m += delta;
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    int64_t first = tend_days_from_civil(y, m, 1);
    int64_t next = m == 12 ? tend_days_from_civil(y + 1, 1, 1) : tend_days_from_civil(y, m + 1, 1);
    if (first + d - 1 >= next)
        d = (int)(next - first);
    h->cal_day = first + d - 1;
}

/* Marks the newest record on or before the calendar's day. */
static void S_cal_jump(history *h)
{
    size_t r = NO_HEAD;
    for (size_t i = 0; i < h->nrows; i++)
        if (h->rows[i].head != NO_HEAD && h->rows[i].day <= h->cal_day) {
            r = i;
            break;
        }
    if (r == NO_HEAD) {
        snprintf(h->status, sizeof h->status, "Nothing on or before that day.");
        S_go(h, V_LIST);
        return;
    }
    if (h->rows[r].day != h->cal_day)
        snprintf(h->status, sizeof h->status, "Nothing on that day; this is the day before it.");
    S_set_sel(h, r);
    h->top = r > 0 && h->rows[r - 1].head == NO_HEAD ? r - 1 : r;
    S_go(h, V_LIST);
}

static void S_filter_open(history *h)
{
    h->kind_in = h->kind;
    tend_input_set(h->in[F_TAG], h->tag);
    tend_input_set(h->in[F_TRIGGER], h->trigger);
    tend_input_set(h->in[F_SINCE], h->since_txt);
    tend_input_set(h->in[F_UNTIL], h->until_txt);
    h->focus = F_KIND;
    h->status[0] = '\0';
    S_go(h, V_FILTER);
}

/* Checks and applies the typed filter; false (with a status) when a date
 * is not one. */
static bool S_filter_apply(history *h, tend_app *app)
{
    int64_t now = tend_app_time(app);
    int32_t off = tend_local_offset(now);
    int64_t since = 0, until = 0;
    tend_error err;
    tend_error_clear(&err);
    const char *s1 = tend_input_text(h->in[F_SINCE]), *s2 = tend_input_text(h->in[F_UNTIL]);
    if (s1[0] && tend_parse_date(s1, now, off, &since, &err) != TEND_OK) {
        snprintf(h->status, sizeof h->status, "From: %s", err.msg);
        h->focus = F_SINCE;
        return false;
    }
    if (s2[0]) {
        if (tend_parse_date(s2, now, off, &until, &err) != TEND_OK) {
            snprintf(h->status, sizeof h->status, "To: %s", err.msg);
            h->focus = F_UNTIL;
            return false;
        }
        until += 86400; /* the whole of that day */
    }
    if (since && until && since >= until) {
        snprintf(h->status, sizeof h->status, "From is after To; swap them or clear one.");
        h->focus = F_SINCE;
        return false;
    }
    h->kind = h->kind_in;
    snprintf(h->tag, sizeof h->tag, "%s", tend_input_text(h->in[F_TAG]));
    snprintf(h->trigger, sizeof h->trigger, "%s", tend_input_text(h->in[F_TRIGGER]));
    snprintf(h->since_txt, sizeof h->since_txt, "%s", s1);
    snprintf(h->until_txt, sizeof h->until_txt, "%s", s2);
    h->since = since;
    h->until = until;
    h->status[0] = '\0';
    h->loaded = false;
    h->sel = h->top = 0;
    h->have_mark = false;
    return true;
}

static bool S_filter_key(history *h, tend_app *app, tend_action a, const tend_key *k)
{
    switch (a) {
    case TA_BACK:
        h->status[0] = '\0';
        S_go(h, V_LIST);
        return true;
    case TA_NEXT: h->focus = (h->focus + 1) % F_COUNT; return true;
    case TA_PREV: h->focus = (h->focus + F_COUNT - 1) % F_COUNT; return true;
    case TA_CONFIRM:
        if (S_filter_apply(h, app))
            S_go(h, V_LIST);
        return true;
    default: break;
    }
    if (h->focus == F_KIND) {
        if (k->kind == TK_RIGHT || (k->kind == TK_CHAR && k->ch == ' ')) {
            h->kind_in = (h->kind_in + 1) % 3;
            return true;
        }
        if (k->kind == TK_LEFT) {
            h->kind_in = (h->kind_in + 2) % 3;
            return true;
        }
        if (a == TA_CLEAR) {
            h->kind_in = 0;
            return true;
        }
        return false;
    }
    return tend_input_key(h->in[h->focus], k);
}

/* Runs the typed query over the journal into h->res and shows the
 * results; announce draws "Searching…" first (not from inside a draw). */
static void S_search_run(history *h, tend_app *app, bool announce)
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
        S_go(h, V_FIND);
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
    opts.max_lines = HIT_LINES;
    if (tend_search_new(tend_input_text(h->query), &opts, &srch, &err) != TEND_OK) {
        snprintf(h->status, sizeof h->status, "%s",
                 err.code == TEND_EINVAL ? "Type a word or two to look for (one line)." : err.msg);
        return;
    }
    tend_filter f = S_filter(h);
    tend_status st = tend_search_journal(h->s->journal, srch, &f, &h->res, &err);
    tend_search_free(srch);
    if (st != TEND_OK) {
        snprintf(h->status, sizeof h->status, "%s", err.msg);
        return;
    }
    if (h->trigger[0]) {
        size_t w = 0;
        for (size_t i = 0; i < h->res.n; i++) {
            if (S_trigger_match(h, &h->res.v[i].head))
                h->res.v[w++] = h->res.v[i];
            else
                tend_search_hit_clear(&h->res.v[i]);
        }
        h->res.n = w;
    }
    h->searched = true;
    S_go(h, V_RESULTS);
}

static bool S_find_key(history *h, tend_app *app, tend_action a, const tend_key *k)
{
    if (a == TA_BACK) {
        tend_search_results_free(&h->res);
        tend_input_clear(h->query);
        h->searched = false;
        h->status[0] = '\0';
        S_go(h, V_LIST);
        return true;
    }
    if (a == TA_CONFIRM) {
        S_search_run(h, app, true);
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

static bool S_results_key(history *h, tend_app *app, tend_action a)
{
    switch (a) {
    case TA_BACK:
    case TA_FIND_ALL:
        S_go(h, V_FIND);
        return true;
    case TA_UP: if (h->rsel > 0) h->rsel--; return true;
    case TA_DOWN: if (h->rsel + 1 < h->res.n) h->rsel++; return true;
    case TA_PGUP: h->rsel = h->rsel > 5 ? h->rsel - 5 : 0; return true;
    case TA_PGDN:
        h->rsel = h->rsel + 5 < h->res.n ? h->rsel + 5 : h->res.n ? h->res.n - 1 : 0;
        return true;
    case TA_SELECT:
        if (h->rsel < h->res.n)
            S_open(h, app, &h->res.v[h->rsel].head);
        return true;
    default:
        return false;
    }
}

static bool S_confirm_key(history *h, tend_action a, const tend_key *k)
{
    if (a == TA_BACK || (a == TA_SELECT && h->menu.sel == 0)) {
        S_go(h, h->back);
        return true;
    }
    if (a != TA_SELECT)
        return tend_menu_key(&h->menu, a, k);
    tend_error err;
    tend_error_clear(&err);
    if (!h->s->journal || tend_journal_delete(h->s->journal, &h->del_id, &err) != TEND_OK) {
        snprintf(h->status, sizeof h->status, "Not deleted: %s",
                 err.code ? err.msg : "the journal is locked");
    } else {
        snprintf(h->status, sizeof h->status, "Deleted.");
        h->loaded = false;
    }
    S_go(h, h->back);
    return true;
}

static bool S_list_key(history *h, tend_app *app, tend_action a)
{
    const tend_head *hd = h->sel < h->nrows && h->rows[h->sel].head != NO_HEAD
                              ? &h->list.heads[h->rows[h->sel].head]
                              : NULL;
    switch (a) {
    case TA_UP: S_move(h, -1); return true;
    case TA_DOWN: S_move(h, 1); return true;
    case TA_PGUP: S_move(h, -(long)(h->page > 2 ? h->page - 2 : 1)); return true;
    case TA_PGDN: S_move(h, h->page > 2 ? h->page - 2 : 1); return true;
    case TA_TOP: S_move(h, -(long)h->nrows); return true;
    case TA_BOTTOM: S_move(h, (long)h->nrows); return true;
    case TA_SELECT:
        if (hd)
            S_open(h, app, hd);
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
            h->loaded = false;
            h->searched = false;
            tend_app_push(app, ed);
        } else if (hd) {
            snprintf(h->status, sizeof h->status,
                     "A saved check-in stays as it was. You can remove it and check in again.");
        }
        return true;
    case TA_DELETE:
        if (!hd)
            return true;
        h->del_id = hd->uuid;
        h->del_kind = hd->kind;
        h->back = V_LIST;
        h->menu = (tend_menu){ S_confirm_items, 2, 0, 0 };
        S_go(h, V_CONFIRM);
        return true;
    case TA_FIND_ALL:
        h->searched = false;
        tend_input_clear(h->query); /* a new search starts empty */
        S_go(h, V_FIND);
        return true;
    case TA_FILTER: S_filter_open(h); return true;
    case TA_CALENDAR: S_cal_open(h, app); return true;
    default: return false;
    }
}

static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    history *h = FRAME_OF(history, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (h->view == V_LIST && a != TA_NONE)
        h->status[0] = '\0';
    switch (h->view) {
    case V_CAL:
        switch (a) {
        case TA_BACK: case TA_CALENDAR: S_go(h, V_LIST); return true;
        case TA_LEFT: h->cal_day--; return true;
        case TA_RIGHT: h->cal_day++; return true;
        case TA_UP: h->cal_day -= 7; return true;
        case TA_DOWN: h->cal_day += 7; return true;
        case TA_MONTH_PREV: S_cal_month(h, -1); return true;
        case TA_MONTH_NEXT: S_cal_month(h, 1); return true;
        case TA_SELECT: S_cal_jump(h); return true;
        default: return false;
        }
    case V_FILTER: return S_filter_key(h, app, a, k);
    case V_FIND: return S_find_key(h, app, a, k);
    case V_RESULTS: return S_results_key(h, app, a);
    case V_CONFIRM: return S_confirm_key(h, a, k);
    default:
        if (a == TA_BACK) {
            tend_app_pop(app);
            return true;
        }
        return S_list_key(h, app, a);
    }
}

static void S_destroy(tend_screen *sc)
{
    history *h = FRAME_OF(history, sc);
    S_unload(h);
    tend_search_results_free(&h->res);
    for (int i = 0; i < F_COUNT; i++)
        tend_input_free(h->in[i]);
    tend_input_free(h->query);
    tend_wipe(h, sizeof *h);
    free(h);
}

tend_screen *tend_screen_history(tend_session *s)
{
    history *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &S_ops[V_LIST];
    h->s = s;
    h->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    h->res = (tend_search_results)TEND_SEARCH_RESULTS_INIT;
    bool ok = (h->query = tend_input_new(FIELD_CAP - 1, false)) != NULL;
    for (int i = F_TAG; ok && i < F_COUNT; i++)
        ok = (h->in[i] = tend_input_new(FIELD_CAP - 1, false)) != NULL;
    if (!ok) {
        S_destroy(&h->base);
        return NULL;
    }
    return &h->base;
}
