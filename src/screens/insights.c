/*
 * insights.c — the person's own numbers over time, from check-in heads only
 * (no text is decrypted): three parts, Tab between them.
 *
 *   Over time   each check-in item as a sparkline over the last 14, 30 or
 *               90 days (r changes), a mark a day (several days a mark when
 *               the window is narrow), a blank where nothing was answered.
 *   Triggers    how many days each trigger was chosen, and for each one with
 *               at least 3 days with it and 3 without, one neutral sentence
 *               comparing an item (Left/Right changes which) on those days.
 *   A year      a heatmap of distress over the last 53 weeks, levels 0-4
 *               drawn as characters (shades, or ASCII), so it reads on dark
 *               and light terminals and in monochrome.
 *
 * Block characters are used when the person's locale is UTF-8; a plain
 * ASCII form otherwise, or after 'a'. No streaks, no colours that alarm, no
 * words that judge: the numbers and the person's own labels only.
 */
#include "looking_int.h"

#include "tend/checkin.h"
#include "tend/date.h"
#include "tend/insights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { P_TRENDS, P_TRIGGERS, P_YEAR, P_COUNT };

#define ITEMS_MAX 64
#define WEEKS_MAX 53

/* A check-in item drawn as a line over time. */
typedef struct {
    char id[64];
    char label[160];
    double hi;          /* top of its scale: 10, 4, 1 (yes/no) */
} insight_item;

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_head_list list;          /* check-in heads */
    const tend_checkin_def *def;  /* content-owned, or NULL */
    insight_item items[ITEMS_MAX];
    size_t nitems;
    char choose[64];              /* the triggers item id */
    int part;
    int range;                    /* 14, 30 or 90 */
    bool ascii;
    size_t cmp;                   /* item compared on the Triggers part */
    int top[P_COUNT];             /* scroll, in rows */
    int total, page;
    int64_t today;
} insights_screen;

static const tend_action S_keys[] = { TA_PART_NEXT, TA_PART_PREV, TA_RANGE, TA_UP, TA_DOWN,
                                      TA_LEFT, TA_RIGHT, TA_PLAIN, TA_NONE };
static const char *const S_parts[P_COUNT] = { "Over time", "Triggers", "A year" };

/* ---- loading ----------------------------------------------------------------- */

/* Adds an item to draw (when there is room for one more). */
static void S_add_item(insights_screen *in, const char *id, const char *label, double hi)
{
    if (in->nitems >= ITEMS_MAX)
        return;
    insight_item *it = &in->items[in->nitems++];
    snprintf(it->id, sizeof it->id, "%s", id);
    snprintf(it->label, sizeof it->label, "%s", label);
    it->hi = hi;
}

/* Without a definition: every key answered with a number, in the order
 * first seen, its scale guessed from the largest answer. */
static void S_items_from_data(insights_screen *in)
{
    for (size_t i = in->list.n; i-- > 0;) {
        const tend_head *h = &in->list.heads[i];
        size_t pos = 0;
        const char *k, *value;
        while (tend_checkin_head_next(h, &pos, &k, &value)) {
            double v;
            if (strchr(k, '.') || !tend_answer_number(value, &v))
                continue;
            size_t j = 0;
            while (j < in->nitems && strcmp(in->items[j].id, k) != 0)
                j++;
            if (j == in->nitems)
                S_add_item(in, k, k, 1);
            if (j < in->nitems) {
                double hi = v > 4 ? 10 : v > 1 ? 4 : 1;
                if (hi > in->items[j].hi)
                    in->items[j].hi = hi;
            }
        }
    }
    snprintf(in->choose, sizeof in->choose, "triggers");
}

/* Reads the check-in heads and picks the items to draw (from the
 * definition, or from the answers). */
static void S_load(insights_screen *in, tend_app *app)
{
    tend_head_list_free(&in->list);
    in->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    in->nitems = 0;
    in->choose[0] = '\0';
    in->def = NULL;
    int64_t now = tend_app_time(app);
    in->today = tend_local_day(now, tend_local_offset(now));
    if (!in->s->journal)
        return;
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_CHECKIN;
    if (tend_journal_heads(in->s->journal, &f, &in->list, NULL) != TEND_OK)
        in->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    in->def = looking_def(in->s, in->list.n ? &in->list.heads[0] : NULL);
    if (!in->def) {
        S_items_from_data(in);
    } else {
        for (size_t i = 0; i < in->def->nitems; i++) {
            const tend_checkin_item *it = &in->def->items[i];
            /* A choose item with the options yes and no (and, say, "did
             * not come up") is a yes/no line: its other options are gaps. */
            bool yes_no = it->kind == TEND_ITEM_CHOOSE && tend_checkin_option_find(it, "yes")
                          && tend_checkin_option_find(it, "no");
            if (it->kind == TEND_ITEM_SCALE10 || it->kind == TEND_ITEM_SCALE4
                || it->kind == TEND_ITEM_YESNO || yes_no)
                S_add_item(in, it->id, it->label, it->max > 0 ? it->max : 1);
            else if (it->kind == TEND_ITEM_CHOOSE && !in->choose[0])
                snprintf(in->choose, sizeof in->choose, "%s", it->id);
        }
        if (tend_checkin_item_find(in->def, "triggers"))
            snprintf(in->choose, sizeof in->choose, "triggers");
    }
    for (size_t i = 0; i < in->nitems; i++)
        if (strcmp(in->items[i].id, "distress") == 0)
            in->cmp = i;
}

/* ---- drawing ------------------------------------------------------------------- */

/* s squeezed into at most width slots, k days a slot (the last slot ends
 * with the last day); each slot the mean of its days' answers. */
static void S_squeeze(const tend_series *s, size_t width, tend_series *out, size_t *k)
{
    *k = (s->ndays + width - 1) / width;
    if (*k < 1)
        *k = 1;
    size_t nb = (s->ndays + *k - 1) / *k;
    memset(out, 0, sizeof *out);
    out->ndays = nb;
    out->first_day = s->first_day;
    for (size_t b = 0; b < nb; b++) {
        /* slot b covers days [end - k, end) counted back from the last day */
        size_t end = s->ndays - (nb - 1 - b) * *k;
        size_t start = end >= *k ? end - *k : 0;
        double sum = 0;
        unsigned cnt = 0;
        for (size_t d = start; d < end; d++) {
            sum += s->value[d] * s->count[d];
            cnt += s->count[d];
        }
        out->count[b] = cnt;
        out->value[b] = cnt ? sum / cnt : 0;
    }
}

/* The three parts' names on row 1, the shown one marked. */
static void S_draw_tabs(insights_screen *in, tend_app *app, int cols)
{
    int x = 2;
    for (int p = 0; p < P_COUNT && x < cols - 2; p++) {
        char t[32];
        snprintf(t, sizeof t, " %s ", S_parts[p]);
        x += tend_ui_text(app, 1, x, p == in->part ? ST_SELECTED : ST_DIM, t, cols - 2 - x) + 1;
    }
}

/* Over time: a sparkline per item over the range, with its average. */
static void S_draw_trends(insights_screen *in, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int y = 2;
    char line[200];
    snprintf(line, sizeof line, "The last %d days, a mark a day; a taller mark is a higher "
             "number, a gap a day without an answer.", in->range);
    if (rows >= 16 && in->list.n)
        y += tend_ui_wrap(app, y + 1, 2, w, 2, ST_DIM, line) + 1;
    else
        y++;
    int labw = w / 3 > 26 ? 26 : w / 3;
    int meanw = w - labw - 2 >= 40 ? 10 : 0;
    size_t spw = (size_t)(w - labw - 2 - meanw);
    int avail = bottom - 1 - y;
    tend_buf b = TEND_BUF_INIT;
    int vy = 0;
    size_t k = 1;
    for (size_t i = 0; i < in->nitems; i++) {
        const insight_item *it = &in->items[i];
        tend_series s, sq;
        if (tend_insight_series(in->list.heads, in->list.n, it->id, in->today,
                                (size_t)in->range, &s, NULL) != TEND_OK)
            continue;
        double mean;
        if (!tend_series_mean(&s, &mean))
            continue; /* nothing answered in these days */
        int ry = vy++ - in->top[P_TRENDS];
        if (ry < 0 || ry >= avail)
            continue;
        S_squeeze(&s, spw, &sq, &k);
        tend_buf_reset(&b);
        if (tend_sparkline(&sq, 0, it->hi, in->ascii, &b) != TEND_OK)
            continue;
        tend_ui_text(app, y + ry, 2, ST_NORMAL, it->label, labw);
        tend_ui_text(app, y + ry, 2 + labw + 2, ST_BOLD, b.data ? b.data : "", (int)spw);
        if (meanw) {
            snprintf(line, sizeof line, it->hi == 1 ? "%3.0f%% yes" : "avg %.1f",
                     it->hi == 1 ? mean * 100 : mean);
            tend_ui_text(app, y + ry, 2 + labw + 2 + (int)spw + 1, ST_DIM, line, meanw);
        }
    }
    tend_buf_free(&b);
    in->total = vy;
    in->page = avail;
    if (vy == 0) {
        snprintf(line, sizeof line, "No check-ins in the last %d days. r shows more days.",
                 in->range);
        tend_ui_wrap(app, y, 2, w, avail, ST_DIM, in->list.n ? line
                     : "Nothing to show yet. After a few check-ins, your answers appear here "
                       "as small lines over time.");
        return;
    }
    if (k > 1)
        snprintf(line, sizeof line, "Each mark is %zu days. r: 14, 30 or 90 days \xc2\xb7 "
                 "a: plain marks", k);
    else
        snprintf(line, sizeof line, "r: 14, 30 or 90 days \xc2\xb7 Tab: triggers, a year "
                 "\xc2\xb7 a: plain marks");
    tend_ui_text(app, bottom - 1, 2, ST_DIM, line, w);
}

/* The label of option opt of the choose item, or opt itself. */
static const char *S_option_label(insights_screen *in, const char *opt)
{
    const tend_checkin_item *it = in->def ? tend_checkin_item_find(in->def, in->choose) : NULL;
    const tend_checkin_option *o = it ? tend_checkin_option_find(it, opt) : NULL;
    return o ? o->label : opt;
}

/* Triggers: days each was chosen, and the neutral comparisons. */
static void S_draw_triggers(insights_screen *in, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int64_t first = in->today - in->range + 1;
    tend_option_counts oc = TEND_OPTION_COUNTS_INIT;
    looking_flow f = { app, 2, bottom - 1 - 2, 2, w, in->top[P_TRIGGERS], 0 };
    char line[400];
    if (tend_insight_options(in->list.heads, in->list.n, in->choose, first, in->today, &oc,
                             NULL) != TEND_OK || oc.n == 0) {
        snprintf(line, sizeof line, "No triggers were chosen in the last %d days.", in->range);
        looking_flow_add(&f, 0, ST_DIM, line);
        tend_option_counts_free(&oc);
        in->total = f.vy;
        in->page = f.rows;
        return;
    }
    snprintf(line, sizeof line, "What set things off, the last %d days", in->range);
    looking_flow_add(&f, 0, ST_H3, line);
    int labw = w - 14 > 40 ? 40 : w - 14;
    for (size_t i = 0; i < oc.n; i++) {
        int y = f.vy - f.top;
        if (y >= 0 && y < f.rows) {
            tend_ui_text(app, f.y0 + y, 4, ST_NORMAL, S_option_label(in, oc.v[i].option), labw);
            snprintf(line, sizeof line, "%zu day%s", oc.v[i].days, oc.v[i].days == 1 ? "" : "s");
            tend_ui_text(app, f.y0 + y, 4 + labw + 1, ST_DIM, line, 10);
        }
        f.vy++;
    }
    f.vy++;
    const insight_item *it = in->nitems ? &in->items[in->cmp < in->nitems ? in->cmp : 0] : NULL;
    if (it) {
        /* The item by a short name: its id, underscores as spaces. */
        char name[64];
        snprintf(name, sizeof name, "%s", it->id);
        for (char *p = name; *p; p++)
            if (*p == '_')
                *p = ' ';
        snprintf(line, sizeof line, "Compared with %s (Left/Right changes)", name);
        looking_flow_add(&f, 0, ST_H3, line);
        size_t shown = 0;
        tend_buf b = TEND_BUF_INIT;
        for (size_t i = 0; i < oc.n; i++) {
            tend_compare c;
            if (tend_insight_compare(in->list.heads, in->list.n, it->id, in->choose,
                                     oc.v[i].option, first, in->today, &c, NULL) != TEND_OK
                || !c.enough)
                continue;
            tend_buf_reset(&b);
            if (tend_compare_text(&c, name, S_option_label(in, oc.v[i].option), &b) == TEND_OK
                && b.data) {
                looking_flow_add(&f, 2, ST_NORMAL, b.data);
                shown++;
            }
        }
        tend_buf_free(&b);
        if (!shown)
            looking_flow_add(&f, 2, ST_DIM, "A comparison shows once a trigger has at least 3 "
                                            "days with it and 3 without in the days shown.");
        else
            looking_flow_add(&f, 2, ST_DIM, "These are your own numbers side by side; they do "
                                            "not say what caused what.");
    }
    tend_option_counts_free(&oc);
    in->total = f.vy;
    in->page = f.rows;
}

/* The glyph of a heat level (-1: no check-in that day). */
static const char *S_heat_glyph(int level, bool ascii)
{
    static const char *const uni[] = { " ", "\xc2\xb7", "\xe2\x96\x91", "\xe2\x96\x92",
                                       "\xe2\x96\x93", "\xe2\x96\x88" };
    static const char *const asc[] = { " ", ".", ":", "o", "O", "#" };
    if (level < -1 || level > 4)
        level = -1;
    return ascii ? asc[level + 1] : uni[level + 1];
}

/* A year: the heatmap of distress by week and weekday, with its legend. */
static void S_draw_year(insights_screen *in, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    const insight_item *dist = NULL;
    for (size_t i = 0; i < in->nitems; i++)
        if (strcmp(in->items[i].id, "distress") == 0)
            dist = &in->items[i];
    double hi = dist ? dist->hi : 10;
    int64_t y0;
    int m0, d0;
    tend_civil_from_days(in->today, &y0, &m0, &d0);
    tend_year_levels *yl = calloc(2, sizeof *yl);
    if (!yl) {
        tend_ui_text(app, 3, 2, ST_DIM, "Out of memory drawing the year.", w);
        return;
    }
    tend_insight_year(in->list.heads, in->list.n, "distress", hi, y0 - 1, &yl[0]);
    tend_insight_year(in->list.heads, in->list.n, "distress", hi, y0, &yl[1]);
    int y = 2;
    if (rows >= 16) {
        tend_ui_text(app, ++y, 2, ST_H3, "Distress, the last twelve months: a mark a day", w);
        y += 2;
    } else {
        y++;
    }
    int weeks = w - 4;
    if (weeks > WEEKS_MAX)
        weeks = WEEKS_MAX;
    if (weeks < 1)
        weeks = 1;
    int64_t monday = in->today - looking_weekday(in->today);
    int64_t start = monday - (int64_t)(weeks - 1) * 7;
    /* Month names above the week where each month begins. */
    int lastx = -10;
    for (int c = 0; c < weeks; c++) {
        int64_t yy;
        int mm, dd;
        tend_civil_from_days(start + (int64_t)c * 7, &yy, &mm, &dd);
        if ((dd <= 7 || c == 0) && 2 + 4 + c >= lastx + 4 && c + 3 <= weeks) {
            char mon[4];
            snprintf(mon, sizeof mon, "%.3s", looking_month_name(mm));
            tend_ui_text(app, y, 2 + 4 + c, ST_DIM, mon, 3);
            lastx = 2 + 4 + c;
        }
    }
    y++;
    static const char *const wd[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
    for (int r = 0; r < 7 && y + r < bottom; r++) {
        tend_ui_text(app, y + r, 2, ST_DIM, wd[r], 3);
        for (int c = 0; c < weeks; c++) {
            int64_t day = start + (int64_t)c * 7 + r;
            if (day > in->today)
                continue;
            int level = -1;
            for (int k = 0; k < 2; k++)
                if (day >= yl[k].first_day && day < yl[k].first_day + (int64_t)yl[k].ndays)
                    level = yl[k].level[day - yl[k].first_day];
            tend_ui_text(app, y + r, 2 + 4 + c, ST_NORMAL, S_heat_glyph(level, in->ascii), 1);
        }
    }
    free(yl);
    y += 8;
    char legend[200];
    bool a = in->ascii;
    snprintf(legend, sizeof legend, "%s 0  %s up to 2.5  %s up to 5  %s up to 7.5  %s up to 10  "
             "(a blank: no check-in)", S_heat_glyph(0, a), S_heat_glyph(1, a),
             S_heat_glyph(2, a), S_heat_glyph(3, a), S_heat_glyph(4, a));
    if (hi != 10)
        snprintf(legend, sizeof legend, "%s 0  %s to %s: more  (a blank: no check-in)",
                 S_heat_glyph(0, a), S_heat_glyph(1, a), S_heat_glyph(4, a));
    if (y < bottom)
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, legend);
    in->total = 0;
    in->page = 0;
}

/* Reads the heads when Insights opens, and again when the journal changed
 * (coming back from the support or tools screens). */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    if (why & (TEND_ENTER_PUSHED | TEND_ENTER_CHANGED))
        S_load(FRAME_OF(insights_screen, sc), app);
}

/* The part tabs and the part shown. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    insights_screen *in = FRAME_OF(insights_screen, sc);
    frame_title(app, in->s, "Insights");
    S_draw_tabs(in, app, cols);
    switch (in->part) {
    case P_TRIGGERS: S_draw_triggers(in, app, rows, cols); break;
    case P_YEAR: S_draw_year(in, app, rows, cols); break;
    default: S_draw_trends(in, app, rows, cols); break;
    }
}

/* ---- keys ---------------------------------------------------------------------- */

/* Tab between parts, r for the range, a for plain marks, scrolling. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    insights_screen *in = FRAME_OF(insights_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    int max = in->total - in->page > 0 ? in->total - in->page : 0;
    int *top = &in->top[in->part];
    switch (tend_screen_action(sc, k)) {
    case TA_BACK: tend_app_pop(app); return true;
    case TA_PART_NEXT: in->part = (in->part + 1) % P_COUNT; return true;
    case TA_PART_PREV: in->part = (in->part + P_COUNT - 1) % P_COUNT; return true;
    case TA_RANGE: in->range = in->range == 14 ? 30 : in->range == 30 ? 90 : 14; return true;
    case TA_PLAIN: in->ascii = !in->ascii; return true;
    case TA_UP: *top = *top > 0 ? *top - 1 : 0; return true;
    case TA_DOWN: *top = *top < max ? *top + 1 : max; return true;
    case TA_LEFT:
    case TA_RIGHT:
        if (in->part == P_TRIGGERS && in->nitems) {
            bool right = tend_screen_action(sc, k) == TA_RIGHT;
            in->cmp = (in->cmp + (right ? 1 : in->nitems - 1)) % in->nitems;
        }
        return true;
    default: return false;
    }
}

/* Wipes the heads. */
static void S_fini(tend_screen *sc)
{
    tend_head_list_free(&FRAME_OF(insights_screen, sc)->list);
}

/* 14 days, block marks in a UTF-8 locale; the heads are read at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    insights_screen *in = FRAME_OF(insights_screen, sc);
    in->s = arg;
    in->list = (tend_head_list)TEND_HEAD_LIST_INIT;
    in->range = 14;
    in->ascii = !looking_unicode();
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_insights, insights_screen, "insights", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
