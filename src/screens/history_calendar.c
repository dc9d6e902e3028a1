/*
 * history_calendar.c — History's month calendar: the month of the marked
 * day, Monday first, each day marked when it has an entry (*) or a
 * check-in (+); arrows move a day or a week, PgUp/PgDn or < > a month, and
 * Enter goes to the list at the newest record on or before that day.
 */
#include "history_int.h"

#include "tend/date.h"
#include "tend/insights.h"

#include <stdio.h>

const tend_action history_calendar_keys[] = { TA_LEFT, TA_RIGHT, TA_UP, TA_DOWN, TA_MONTH_PREV,
                                              TA_MONTH_NEXT, TA_SELECT, TA_CALENDAR, TA_NONE };

/* Contract in history_int.h: the month of the marked day, Monday first,
 * with a legend, what the marked day holds, and the keys. */
void history_calendar_draw(history_screen *h, tend_app *app, int rows, int cols)
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

/* Contract in history_int.h. */
void history_calendar_open(history_screen *h, tend_app *app)
{
    if (h->sel < h->nrows) {
        h->cal_day = h->rows[h->sel].day;
    } else {
        int64_t now = tend_app_time(app);
        h->cal_day = tend_local_day(now, tend_local_offset(now));
    }
    history_go(h, HISTORY_CALENDAR);
}

/* Moves the calendar by months, keeping the day of the month where it can. */
static void S_cal_month(history_screen *h, int delta)
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
static void S_cal_jump(history_screen *h)
{
    size_t r = HISTORY_NO_HEAD;
    for (size_t i = 0; i < h->nrows; i++)
        if (h->rows[i].head != HISTORY_NO_HEAD && h->rows[i].day <= h->cal_day) {
            r = i;
            break;
        }
    if (r == HISTORY_NO_HEAD) {
        snprintf(h->status, sizeof h->status, "Nothing on or before that day.");
        history_go(h, HISTORY_LIST);
        return;
    }
    if (h->rows[r].day != h->cal_day)
        snprintf(h->status, sizeof h->status, "Nothing on that day; this is the day before it.");
    history_list_set_sel(h, r);
    h->top = r > 0 && h->rows[r - 1].head == HISTORY_NO_HEAD ? r - 1 : r;
    history_go(h, HISTORY_LIST);
}

/* Contract in history_int.h. */
bool history_calendar_key(history_screen *h, tend_action a)
{
    switch (a) {
    case TA_BACK: case TA_CALENDAR: history_go(h, HISTORY_LIST); return true;
    case TA_LEFT: h->cal_day--; return true;
    case TA_RIGHT: h->cal_day++; return true;
    case TA_UP: h->cal_day -= 7; return true;
    case TA_DOWN: h->cal_day += 7; return true;
    case TA_MONTH_PREV: S_cal_month(h, -1); return true;
    case TA_MONTH_NEXT: S_cal_month(h, 1); return true;
    case TA_SELECT: S_cal_jump(h); return true;
    default: return false;
    }
}
