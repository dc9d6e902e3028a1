/*
 * checkin_view.c — one check-in, read-only: its answers in the order and
 * with the labels of the definition it was answered with (by item id when
 * the definition is not loaded, or for answers it does not list), then its
 * note. d deletes it after a calm confirmation that defaults to keeping it.
 * The record (and every line made from it) is wiped when the screen goes.
 */
#include "looking_int.h"

#include "tend/checkin.h"
#include "tend/date.h"
#include "tend/insights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tend_style st;
    int indent;
    char *text;   /* owned, wiped */
} vline;

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_uuid id;
    tend_record r;
    bool loaded, ok, confirm;
    vline *lines;
    size_t n, cap;
    int top, total, page;
    tend_menu menu;
    char status[TEND_ERROR_MAX + 32];
} cview;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_EDIT, TA_DELETE,
                                      TA_NONE };
static const tend_action S_confirm_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const char *const S_confirm_items[] = { "Keep it", "Delete it for good" };

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_destroy(tend_screen *sc);
static const tend_screen_ops S_ops = {
    .name = "checkin-view", .draw = S_draw, .key = S_key, .destroy = S_destroy, .keys = S_keys,
};
static const tend_screen_ops S_confirm_ops = {
    .name = "checkin-view", .draw = S_draw, .key = S_key, .destroy = S_destroy,
    .keys = S_confirm_keys,
};

/* Shows or leaves the delete question. */
static void S_confirm(cview *v, bool on)
{
    v->confirm = on;
    v->base.ops = on ? &S_confirm_ops : &S_ops;
    if (on)
        v->menu = (tend_menu){ S_confirm_items, 2, 0, 0 };
}

static void S_lines_free(cview *v)
{
    for (size_t i = 0; i < v->n; i++)
        tend_wipe_str(v->lines[i].text);
    free(v->lines);
    v->lines = NULL;
    v->n = v->cap = 0;
}

/* Adds a line made of a and b (b may be NULL). False when out of memory. */
static bool S_add(cview *v, tend_style st, int indent, const char *a, const char *b)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 32;
        vline *nl = realloc(v->lines, nc * sizeof *nl);
        if (!nl)
            return false;
        v->lines = nl;
        v->cap = nc;
    }
    size_t la = strlen(a), lb = b ? strlen(b) : 0;
    char *t = malloc(la + lb + 1);
    if (!t)
        return false;
    memcpy(t, a, la);
    if (lb)
        memcpy(t + la, b, lb);
    t[la + lb] = '\0';
    v->lines[v->n++] = (vline){ st, indent, t };
    return true;
}

/* The answer(s) of item in h as one line of words, into out (appended). */
static void S_answer(const tend_head *h, const tend_checkin_item *it, tend_buf *out)
{
    size_t shown = 0, pos = 0;
    const char *key, *value;
    while (tend_checkin_head_next(h, &pos, &key, &value)) {
        if (strcmp(key, it->id) != 0)
            continue;
        if (shown++)
            tend_buf_printf(out, ", ");
        if (it->kind == TEND_ITEM_CHOOSE) {
            const tend_checkin_option *o = tend_checkin_option_find(it, value);
            tend_buf_printf(out, "%s", o ? o->label : value);
            if (o && o->typed) {
                /* The words typed for "something else". */
                const char *typed = tend_checkin_head_typed(h, it->id, o->id);
                if (typed)
                    tend_buf_printf(out, " (%s)", typed);
            }
        } else if (it->kind == TEND_ITEM_SCALE10 || it->kind == TEND_ITEM_SCALE4) {
            double d;
            const char *anchor = NULL;
            if (tend_answer_number(value, &d))
                anchor = tend_checkin_anchor_label(it, (int)d);
            tend_buf_printf(out, "%s of %d", value, it->max);
            if (anchor)
                tend_buf_printf(out, " (%s)", anchor);
        } else {
            tend_buf_printf(out, "%s", value);
        }
    }
}

/* True when key is one the definition shows (an item, or item.option). */
static bool S_known(const tend_checkin_def *def, const char *key)
{
    if (!def)
        return false;
    if (tend_checkin_item_find(def, key))
        return true;
    const char *dot = strchr(key, '.');
    if (!dot)
        return false;
    char item[128];
    size_t n = (size_t)(dot - key);
    if (n >= sizeof item)
        return false;
    memcpy(item, key, n);
    item[n] = '\0';
    return tend_checkin_item_find(def, item) != NULL;
}

static bool S_build(cview *v)
{
    const tend_head *h = &v->r.head;
    const tend_checkin_def *def = looking_def(v->s, h);
    char day[80], dt[TEND_DATETIME_MAX], line[160];
    looking_day_title(tend_local_day(h->created, h->utc_offset), day, sizeof day);
    tend_format_datetime(h->created, h->utc_offset, dt);
    snprintf(line, sizeof line, "%s, %s", day, dt + 11);
    if (!S_add(v, ST_DIM, 0, line, NULL))
        return false;
    bool any = false;
    tend_buf b = TEND_BUF_INIT;
    for (size_t si = 0; def && si < def->nsections; si++) {
        const tend_checkin_section *sec = &def->sections[si];
        bool head = false;
        for (size_t k = 0; k < sec->nitems; k++) {
            const tend_checkin_item *it = &def->items[sec->first + k];
            if (!tend_checkin_head_answer(h, it->id))
                continue;
            if (!head) {
                if (!S_add(v, ST_NORMAL, 0, "", NULL) || !S_add(v, ST_H3, 0, sec->title, NULL))
                    goto oom;
                head = true;
            }
            tend_buf_reset(&b);
            tend_buf_printf(&b, "%s: ", it->label);
            S_answer(h, it, &b);
            if (!S_add(v, ST_NORMAL, 2, b.data ? b.data : "", NULL))
                goto oom;
            any = true;
        }
    }
    /* Answers the definition does not list, by id, in the order stored. */
    bool other = false;
    size_t pos = 0;
    const char *key, *value;
    while (tend_checkin_head_next(h, &pos, &key, &value)) {
        if (S_known(def, key))
            continue;
        if (!other) {
            if (!S_add(v, ST_NORMAL, 0, "", NULL)
                || !S_add(v, ST_H3, 0, def ? "Other answers" : "Answers", NULL))
                goto oom;
            other = true;
        }
        tend_buf_reset(&b);
        tend_buf_printf(&b, "%s: %s", key, value);
        if (!S_add(v, ST_NORMAL, 2, b.data ? b.data : "", NULL))
            goto oom;
        any = true;
    }
    if (v->r.body && v->r.body_len) {
        if (!S_add(v, ST_NORMAL, 0, "", NULL) || !S_add(v, ST_H3, 0, "Note", NULL)
            || !S_add(v, ST_NORMAL, 2, v->r.body, NULL))
            goto oom;
        any = true;
    }
    if (!any && (!S_add(v, ST_NORMAL, 0, "", NULL)
                 || !S_add(v, ST_DIM, 0, "Every question was skipped. That is fine.", NULL)))
        goto oom;
    tend_buf_free(&b);
    return true;
oom:
    tend_buf_free(&b);
    return false;
}

static void S_load(cview *v)
{
    v->loaded = true;
    S_lines_free(v);
    tend_record_clear(&v->r);
    tend_error err;
    tend_error_clear(&err);
    v->ok = v->s->journal && tend_journal_get(v->s->journal, &v->id, &v->r, &err) == TEND_OK;
    if (!v->ok) {
        snprintf(v->status, sizeof v->status, "This check-in could not be opened. %.200s",
                 err.code ? err.msg : "");
        return;
    }
    if (!S_build(v)) {
        S_lines_free(v);
        v->ok = false;
        snprintf(v->status, sizeof v->status, "Out of memory showing this check-in.");
    }
}

static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    cview *v = FRAME_OF(cview, sc);
    if (!v->loaded)
        S_load(v);
    frame_title(app, v->s, "Check-in");
    int w = cols - 4, y = rows >= 16 ? 2 : 1, bottom = rows - 1;
    if (!v->ok) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, v->status);
        return;
    }
    if (v->confirm) {
        char sum[160];
        looking_checkin_summary(&v->r.head, sum, sizeof sum);
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Delete this check-in? It cannot be brought back afterwards.");
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, sum);
        tend_wipe(sum, sizeof sum);
        y++;
        tend_menu_draw(&v->menu, app, y, 2, bottom - y, w);
        return;
    }
    looking_flow f = { app, y, bottom - 1 - y, 2, w, v->top, 0 };
    for (size_t i = 0; i < v->n; i++)
        looking_flow_add(&f, v->lines[i].indent, v->lines[i].st, v->lines[i].text);
    v->total = f.vy;
    v->page = f.rows;
    tend_ui_text(app, bottom - 1, 2, ST_DIM,
                 v->status[0] ? v->status
                              : "\xe2\x86\x91\xe2\x86\x93 scroll \xc2\xb7 d deletes (asks first) "
                                "\xc2\xb7 Esc goes back",
                 w);
}

static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    cview *v = FRAME_OF(cview, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (v->confirm) {
        if (a == TA_BACK || (a == TA_SELECT && v->menu.sel == 0)) {
            S_confirm(v, false);
        } else if (a == TA_SELECT) {
            tend_error err;
            tend_error_clear(&err);
            if (tend_journal_delete(v->s->journal, &v->id, &err) == TEND_OK) {
                tend_app_pop(app);
                return true;
            }
            S_confirm(v, false);
            snprintf(v->status, sizeof v->status, "Not deleted: %s", err.msg);
        } else {
            return tend_menu_key(&v->menu, a, k);
        }
        return true;
    }
    if (!v->ok)
        return false;
    int max = v->total - v->page > 0 ? v->total - v->page : 0;
    switch (a) {
    case TA_UP: v->top = v->top > 0 ? v->top - 1 : 0; return true;
    case TA_DOWN: v->top = v->top < max ? v->top + 1 : max; return true;
    case TA_PGUP: v->top = v->top > v->page ? v->top - v->page : 0; return true;
    case TA_PGDN: v->top = v->top + v->page < max ? v->top + v->page : max; return true;
    case TA_EDIT:
        snprintf(v->status, sizeof v->status,
                 "A saved check-in cannot be changed here. You can add a new one.");
        return true;
    case TA_DELETE:
        S_confirm(v, true);
        return true;
    default:
        return false;
    }
}

static void S_destroy(tend_screen *sc)
{
    cview *v = FRAME_OF(cview, sc);
    S_lines_free(v);
    tend_record_clear(&v->r);
    free(v);
}

tend_screen *tend_screen_checkin_view(tend_session *s, const unsigned char uuid[16])
{
    cview *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->base.ops = &S_ops;
    v->s = s;
    memcpy(v->id.b, uuid, sizeof v->id.b);
    v->r = (tend_record)TEND_RECORD_INIT;
    return &v->base;
}
