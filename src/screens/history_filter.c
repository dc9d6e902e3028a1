/*
 * history_filter.c — what History shows: the applied filter (kind, tag,
 * trigger, dates) and the form that changes it. A trigger is a check-in
 * option, typed as "triggers.conflict" or just "conflict"; dates take the
 * forms tend_parse_date reads ("2025-12-01", "7d", "3w", "today"), To
 * counting the whole of its day.
 */
#include "history_int.h"

#include "tend/date.h"

#include <stdio.h>
#include <string.h>

static const char *const S_kinds[] = { "entries and check-ins", "entries", "check-ins" };

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

/* Contract in history_int.h. */
bool history_trigger_match(const history_screen *h, const tend_head *hd)
{
    if (!h->trigger[0])
        return true;
    char item[HISTORY_FIELD_CAP], opt[HISTORY_FIELD_CAP];
    S_trigger_parts(h->trigger, item, opt, sizeof item);
    return tend_head_has_answer(hd, item, opt);
}

/* Contract in history_int.h. */
tend_filter history_filter_of(const history_screen *h)
{
    tend_filter f = TEND_FILTER_INIT;
    f.kind = h->kind == 1 ? TEND_KIND_ENTRY : h->kind == 2 ? TEND_KIND_CHECKIN : 0;
    f.since = h->since;
    f.until = h->until;
    f.tag = h->tag[0] ? h->tag : NULL;
    return f;
}

/* Contract in history_int.h. */
bool history_filtered(const history_screen *h)
{
    return h->kind || h->tag[0] || h->trigger[0] || h->since || h->until;
}

/* Contract in history_int.h. */
void history_filter_words(const history_screen *h, char *out, size_t cap)
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


/* Contract in history_int.h. */
void history_filter_open(history_screen *h)
{
    h->kind_in = h->kind;
    tend_input_set(h->in[HISTORY_F_TAG], h->tag);
    tend_input_set(h->in[HISTORY_F_TRIGGER], h->trigger);
    tend_input_set(h->in[HISTORY_F_SINCE], h->since_txt);
    tend_input_set(h->in[HISTORY_F_UNTIL], h->until_txt);
    h->focus = HISTORY_F_KIND;
    h->status[0] = '\0';
    history_go(h, HISTORY_FILTER);
}

/* Contract in history_int.h: the fields with their hints, and a message
 * or the keys. */
void history_filter_draw(history_screen *h, tend_app *app, int rows, int cols)
{
    int w = cols - 4, bottom = rows - 1;
    int y = rows >= 16 ? 2 : 1;
    tend_ui_text(app, y++, 2, ST_H3, "Show only", w);
    if (rows >= 16)
        y++;
    static const char *const names[HISTORY_F_COUNT] = { "Kind", "Tag", "Trigger", "From", "To" };
    static const char *const hints[HISTORY_F_COUNT] = {
        "Left/Right or Space", "one tag", "e.g. triggers.conflict", "2025-12-01, 7d, 3w", "e.g. today",
    };
    int lw = 9, fw = w - lw - 1;
    bool hints_fit = fw > 40;
    if (hints_fit)
        fw = w - lw - 1 - 24;
    for (int i = 0; i < HISTORY_F_COUNT && y < bottom - 1; i++, y++) {
        bool foc = h->focus == i;
        tend_ui_text(app, y, 2, foc ? ST_BOLD : ST_NORMAL, names[i], lw);
        if (i == HISTORY_F_KIND) {
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

/* Checks and applies the typed filter; false (with a status) when a date
 * is not one. */
static bool S_filter_apply(history_screen *h, tend_app *app)
{
    int64_t now = tend_app_time(app);
    int32_t off = tend_local_offset(now);
    int64_t since = 0, until = 0;
    tend_error err;
    tend_error_clear(&err);
    const char *s1 = tend_input_text(h->in[HISTORY_F_SINCE]), *s2 = tend_input_text(h->in[HISTORY_F_UNTIL]);
    if (s1[0] && tend_parse_date(s1, now, off, &since, &err) != TEND_OK) {
        snprintf(h->status, sizeof h->status, "From: %s", err.msg);
        h->focus = HISTORY_F_SINCE;
        return false;
    }
    if (s2[0]) {
        if (tend_parse_date(s2, now, off, &until, &err) != TEND_OK) {
            snprintf(h->status, sizeof h->status, "To: %s", err.msg);
            h->focus = HISTORY_F_UNTIL;
            return false;
        }
        until += 86400; /* the whole of that day */
    }
    if (since && until && since >= until) {
        snprintf(h->status, sizeof h->status, "From is after To; swap them or clear one.");
        h->focus = HISTORY_F_SINCE;
        return false;
    }
    h->kind = h->kind_in;
    snprintf(h->tag, sizeof h->tag, "%s", tend_input_text(h->in[HISTORY_F_TAG]));
    snprintf(h->trigger, sizeof h->trigger, "%s", tend_input_text(h->in[HISTORY_F_TRIGGER]));
    snprintf(h->since_txt, sizeof h->since_txt, "%s", s1);
    snprintf(h->until_txt, sizeof h->until_txt, "%s", s2);
    h->since = since;
    h->until = until;
    h->status[0] = '\0';
    tend_screen_reload(&h->base);
    h->sel = h->top = 0;
    h->have_mark = false;
    return true;
}

/* Contract in history_int.h. */
bool history_filter_key(history_screen *h, tend_app *app, tend_action a, const tend_key *k)
{
    switch (a) {
    case TA_BACK:
        h->status[0] = '\0';
        history_go(h, HISTORY_LIST);
        return true;
    case TA_NEXT: h->focus = (h->focus + 1) % HISTORY_F_COUNT; return true;
    case TA_PREV: h->focus = (h->focus + HISTORY_F_COUNT - 1) % HISTORY_F_COUNT; return true;
    case TA_CONFIRM:
        if (S_filter_apply(h, app))
            history_go(h, HISTORY_LIST);
        return true;
    default: break;
    }
    if (h->focus == HISTORY_F_KIND) {
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

