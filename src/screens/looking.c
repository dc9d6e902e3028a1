/*
 * looking.c — small helpers shared by History, the record view and
 * Insights (see looking_int.h).
 */
#include "looking_int.h"

#include "tend/checkin.h"
#include "tend/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Contract in looking_int.h. */
const tend_checkin_def *looking_def(tend_session *s, const tend_head *h)
{
    if (!s->content || tend_content_checkin_count(s->content) == 0)
        return NULL;
    const tend_checkin_def *d = NULL;
    const char *id = h ? tend_checkin_head_def(h) : NULL;
    if (id)
        d = tend_content_checkin_find(s->content, id);
    if (!d)
        d = tend_content_checkin_find(s->content, "daily");
    if (!d)
        d = tend_content_checkin(s->content, 0);
    return d;
}

/* Contract in looking_int.h. */
bool looking_unicode(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v)
            continue;
        return strstr(v, "UTF-8") || strstr(v, "utf-8") || strstr(v, "UTF8")
               || strstr(v, "utf8");
    }
    return false;
}

/* Contract in looking_int.h. */
const char *looking_kind_word(uint32_t kind)
{
    if (kind == TEND_KIND_ENTRY)
        return "entry";
    if (kind == TEND_KIND_CHECKIN)
        return "check-in";
    const char *n = tend_kind_name(kind);
    return n ? n : "record";
}

/* The feelings of the daily check-in: stable item ids (content/checkins). */
static const char *const S_feelings[] = {
    "anxious", "low", "angry", "numb", "lonely", "ashamed", "flooded",
};

/* Appends " · " (unless first) and piece to out[cap]; *len tracks the length. */
static void S_part(char *out, size_t cap, size_t *len, const char *piece)
{
    int w = snprintf(out + *len, cap - *len, "%s%s", *len ? " \xc2\xb7 " : "", piece);
    if (w > 0)
        *len += (size_t)w < cap - *len ? (size_t)w : cap - *len - 1;
}

/* "N thing" or "N things". */
static void S_count(char *out, size_t cap, size_t *len, size_t n, const char *thing)
{
    char piece[64];
    snprintf(piece, sizeof piece, "%zu %s%s", n, thing, n == 1 ? "" : "s");
    S_part(out, cap, len, piece);
}

/* Contract in looking_int.h. */
void looking_checkin_summary(const tend_head *h, char *out, size_t cap)
{
    if (cap == 0)
        return;
    out[0] = '\0';
    size_t len = 0, feelings = 0, triggers = 0, answered = 0;
    bool note = false;
    size_t pos = 0;
    const char *k, *v;
    while (tend_checkin_head_next(h, &pos, &k, &v)) {
        answered++;
        for (size_t f = 0; f < sizeof S_feelings / sizeof S_feelings[0]; f++)
            if (strcmp(k, S_feelings[f]) == 0 && strcmp(v, "0") != 0)
                feelings++;
        if (strcmp(k, "triggers") == 0)
            triggers++;
        if (strcmp(k, "note") == 0)
            note = true;
    }
    const char *distress = tend_checkin_head_answer(h, "distress");
    if (distress) {
        char piece[64];
        snprintf(piece, sizeof piece, "distress %.8s", distress);
        S_part(out, cap, &len, piece);
    }
    if (feelings)
        S_count(out, cap, &len, feelings, "feeling");
    if (triggers)
        S_count(out, cap, &len, triggers, "trigger");
    if (note)
        S_part(out, cap, &len, "a note");
    if (len == 0 && answered)
        S_count(out, cap, &len, answered, "answer");
    if (len == 0)
        snprintf(out, cap, "nothing answered");
}

/* Contract in looking_int.h. */
int looking_weekday(int64_t day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0). */
    int64_t w = (day + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

static const char *const S_months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
};
static const char *const S_days[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};

/* Contract in looking_int.h. */
const char *looking_month_name(int m)
{
    return m >= 1 && m <= 12 ? S_months[m - 1] : "";
}

/* Contract in looking_int.h. */
void looking_day_title(int64_t day, char *out, size_t cap)
{
    int64_t y;
    int m, d;
    tend_civil_from_days(day, &y, &m, &d);
    snprintf(out, cap, "%s %d %s %lld", S_days[looking_weekday(day)], d, S_months[m - 1],
             (long long)y);
}

/* Draws s[a..b) in st (control characters as spaces); returns columns. */
static int S_seg(tend_app *app, int y, int x, int max, tend_style st, const char *s, size_t a,
                 size_t b)
{
    char buf[512];
    int used = 0;
    while (a < b && used < max) {
        size_t n = b - a < sizeof buf - 1 ? b - a : sizeof buf - 1;
        /* Do not cut a character in two between chunks. */
        while (n > 0 && a + n < b && ((unsigned char)s[a + n] & 0xC0) == 0x80)
            n--;
        if (n == 0)
            break;
        memcpy(buf, s + a, n);
        buf[n] = '\0';
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
                buf[i] = ' ';
        used += tend_ui_text(app, y, x + used, st, buf, max - used);
        tend_wipe(buf, sizeof buf);
        a += n;
    }
    return used;
}

/* Contract in looking_int.h. */
void looking_draw_spans(tend_app *app, int y, int x, int w, tend_style st, const char *text,
                        size_t len, const tend_span *spans, size_t n)
{
    if (w <= 0)
        return;
    size_t start = 0;
    int used = 0;
    if (n > 0 && spans[0].start <= len
        && tend_utf8_width(text, spans[0].end <= len ? spans[0].end : len) > (size_t)w) {
        /* Start about a third of the width before the first match. */
        start = spans[0].start;
        size_t back = 0;
        while (start > 0 && back < (size_t)(w / 3)) {
            size_t p = tend_utf8_prev(text, len, start);
            back += tend_utf8_width(text + p, start - p);
            start = p;
        }
        used += tend_ui_text(app, y, x, ST_DIM, "\xe2\x80\xa6", w);
    }
    size_t pos = start;
    for (size_t i = 0; i < n && used < w; i++) {
        size_t a = spans[i].start, b = spans[i].end;
        if (b <= pos || a > len)
            continue;
        if (a < pos)
            a = pos;
        if (b > len)
            b = len;
        used += S_seg(app, y, x + used, w - used, st, text, pos, a);
        used += S_seg(app, y, x + used, w - used, ST_MATCH, text, a, b);
        pos = b;
    }
    if (used < w)
        S_seg(app, y, x + used, w - used, st, text, pos, len);
}

/* Contract in looking_int.h. */
void looking_flow_add(looking_flow *f, int indent, tend_style st, const char *text)
{
    int w = f->w - indent;
    if (w < 1)
        w = 1;
    int need = tend_ui_wrap(f->app, 0, f->x + indent, w, 0, st, text);
    if (need < 1)
        need = 1;
    int y = f->vy - f->top;
    if (y >= 0 && y < f->rows)
        tend_ui_wrap(f->app, f->y0 + y, f->x + indent, w, f->rows - y, st, text);
    f->vy += need;
}
