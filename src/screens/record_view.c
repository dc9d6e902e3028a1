/*
 * record_view.c — one record, to read: the one record viewer, for entries
 * and check-ins, scrolling in the shared pager. An entry shows its title,
 * date, tags and prompt above its text; e edits it. A check-in shows its
 * answers in the order and with the labels of the definition it was
 * answered with (by item id when the definition is not loaded, or for
 * answers it does not list), then its note; it cannot be changed here. d
 * deletes either after the shared question, which defaults to keeping it.
 * The record, and every line made from it, is wiped when the screen goes.
 */
#include "looking_int.h"
#include "write_int.h"

#include "tend/checkin.h"
#include "tend/date.h"
#include "tend/entry.h"
#include "tend/insights.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_uuid id;
    tend_record r;
    bool ok;                          /* r holds the record */
    tend_pager *pager;                /* an entry's text, or a check-in's lines */
    tend_confirm confirm;             /* deleting it */
    char detail[200];                 /* what the question is about (wiped) */
    char why[TEND_ERROR_MAX + 64];    /* why it could not be opened */
    char status[TEND_ERROR_MAX + 32]; /* a message in place of the key hint */
} record_view;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_EDIT, TA_DELETE,
                                      TA_NONE };

/* True when the record shown is a check-in. */
static bool S_is_checkin(const record_view *v)
{
    return v->r.head.kind == TEND_KIND_CHECKIN;
}

/* Adds a paragraph made of a and b (b may be NULL) to the pager. False when
 * out of memory. */
static bool S_add(record_view *v, tend_style st, int indent, const char *a, const char *b)
{
    tend_buf t = TEND_BUF_INIT;
    bool ok = tend_buf_printf(&t, "%s%s", a, b ? b : "") == TEND_OK
              && tend_pager_add(v->pager, st, indent, t.data, t.len) == TEND_OK;
    tend_buf_free(&t); /* wipes */
    return ok;
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

/* Fills the pager with a check-in: its day and time, its answers by the
 * sections and labels of its definition, the answers it does not list (by
 * id), its note. False when out of memory. */
static bool S_build_checkin(record_view *v)
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

/* Reads the record and fills the pager (keeping the place in it). */
static void S_load(record_view *v)
{
    tend_pager_clear(v->pager);
    tend_record_clear(&v->r);
    tend_error err;
    tend_error_clear(&err);
    v->ok = v->s->journal && tend_journal_get(v->s->journal, &v->id, &v->r, &err) == TEND_OK;
    if (!v->ok) {
        snprintf(v->why, sizeof v->why, "This record could not be opened. %.200s%sEsc goes back.",
                 err.code ? err.msg : "", err.code ? " " : "");
        return;
    }
    bool built;
    if (S_is_checkin(v))
        built = S_build_checkin(v);
    else
        built = tend_pager_add(v->pager, ST_NORMAL, 0, v->r.body ? v->r.body : "",
                               v->r.body ? v->r.body_len : 0) == TEND_OK;
    if (!built) {
        tend_pager_clear(v->pager);
        tend_record_clear(&v->r);
        v->ok = false;
        snprintf(v->why, sizeof v->why, "Out of memory showing this record. Esc goes back.");
    }
}

/* Reads the record whenever the view comes to the top (after the editor,
 * the entry may have changed). */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    (void)why;
    S_load(FRAME_OF(record_view, sc));
}

/* An entry's title, date (and when it was changed, and a star), tags and
 * prompt, above its text; returns the row under them. */
static int S_draw_entry_head(record_view *v, tend_app *app, int y, int w)
{
    const tend_head *h = &v->r.head;
    y += tend_ui_wrap(app, y, 2, w, 2, ST_H2, h->title && h->title[0] ? h->title : "(no title)");
    char line[200], d1[TEND_DATETIME_MAX], d2[TEND_DATETIME_MAX];
    tend_format_datetime(h->created, h->utc_offset, d1);
    int n = snprintf(line, sizeof line, "%s", d1);
    if (h->updated > h->created) {
        tend_format_datetime(h->updated, tend_local_offset(h->updated), d2);
        n += snprintf(line + n, sizeof line - (size_t)n, " \xc2\xb7 changed %s", d2);
    }
    if (h->flags & TEND_FLAG_STARRED)
        snprintf(line + n, sizeof line - (size_t)n, " \xc2\xb7 \xe2\x98\x85 starred");
    tend_ui_text(app, y++, 2, ST_DIM, line, w);
    if (h->ntags) {
        tend_buf t = TEND_BUF_INIT;
        for (size_t i = 0; i < h->ntags; i++)
            tend_buf_printf(&t, "%s%s", i ? ", " : "Tags: ", h->tags[i]);
        if (t.data)
            tend_ui_text(app, y++, 2, ST_DIM, t.data, w);
        tend_buf_free(&t);
    }
    const char *prompt = tend_entry_prompt(h);
    if (prompt)
        y += tend_ui_wrap(app, y, 2, w, 2, ST_NOTE, prompt);
    return y + 1;
}

/* The record (an entry's head above its text), scrolled, with the keys or
 * a message under it; or the question before deleting it. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    record_view *v = FRAME_OF(record_view, sc);
    frame_title(app, v->s, !v->ok ? "Record" : S_is_checkin(v) ? "Check-in" : "Entry");
    int w = cols - 4, y = rows >= 16 ? 2 : 1, bottom = rows - 1;
    if (!v->ok) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, v->why);
        return;
    }
    if (v->confirm.open) {
        tend_confirm_draw(&v->confirm, app, y, 2, w, bottom);
        return;
    }
    if (!S_is_checkin(v))
        y = S_draw_entry_head(v, app, y, w);
    tend_pager_draw(v->pager, app, y, 2, w, bottom - 1 - y);
    const char *hint = S_is_checkin(v)
        ? "\xe2\x86\x91\xe2\x86\x93 scroll \xc2\xb7 d deletes (asks first) \xc2\xb7 Esc goes back"
        : "e edits \xc2\xb7 d deletes (asks first) \xc2\xb7 Esc goes back";
    tend_ui_text(app, bottom - 1, 2, ST_DIM, v->status[0] ? v->status : hint, w);
}

/* Asks before deleting: the question names the kind, the detail what it
 * is (an entry's title, a check-in's summary). */
static void S_ask_delete(record_view *v)
{
    const tend_head *h = &v->r.head;
    if (S_is_checkin(v))
        looking_checkin_summary(h, v->detail, sizeof v->detail);
    else
        snprintf(v->detail, sizeof v->detail, "%s", h->title && h->title[0] ? h->title
                                                                             : "(no title)");
    tend_confirm_delete(&v->confirm,
                        S_is_checkin(v)
                            ? "Delete this check-in? It cannot be brought back afterwards."
                            : "Delete this entry? It cannot be brought back afterwards.",
                        v->detail);
    tend_screen_set_keys(&v->base, tend_confirm_keys, 0);
}

/* The answer to the question: deletes and goes back, or keeps it. */
static void S_answered(record_view *v, tend_app *app, int answer)
{
    tend_wipe(v->detail, sizeof v->detail);
    tend_screen_set_keys(&v->base, S_keys, 0);
    if (answer != 1)
        return;
    tend_error err;
    tend_error_clear(&err);
    if (v->s->journal && tend_journal_delete(v->s->journal, &v->id, &err) == TEND_OK) {
        tend_app_pop(app);
        return;
    }
    snprintf(v->status, sizeof v->status, "Not deleted: %s",
             err.code ? err.msg : "the journal is locked");
}

/* Scrolling, e to edit an entry, d to delete; the question's keys while it
 * is open. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    record_view *v = FRAME_OF(record_view, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (v->confirm.open) {
        int answer = tend_confirm_key(&v->confirm, a, k);
        if (answer != TEND_CONFIRM_ASKING)
            S_answered(v, app, answer); /* may pop: return at once */
        return true;
    }
    if (!v->ok)
        return false;
    if (tend_pager_key(v->pager, a))
        return true;
    switch (a) {
    case TA_EDIT:
        if (S_is_checkin(v))
            snprintf(v->status, sizeof v->status,
                     "A saved check-in cannot be changed here. You can add a new one.");
        else
            write_open_editor(v->s, app, NULL, &v->id, false, false, v->status,
                              sizeof v->status);
        return true;
    case TA_DELETE:
        S_ask_delete(v);
        return true;
    default:
        return false;
    }
}

/* Wipes the record and the pager. */
static void S_fini(tend_screen *sc)
{
    record_view *v = FRAME_OF(record_view, sc);
    tend_record_clear(&v->r);
    tend_pager_free(v->pager);
}

/* What tend_screen_record passes to init. */
typedef struct {
    tend_session *s;
    const unsigned char *uuid;
} record_view_args;

/* Keeps the session and the record's id; the record is read at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    record_view *v = FRAME_OF(record_view, sc);
    const record_view_args *a = arg;
    v->s = a->s;
    memcpy(v->id.b, a->uuid, sizeof v->id.b);
    v->r = (tend_record)TEND_RECORD_INIT;
    v->pager = tend_pager_new();
    return v->pager ? TEND_OK : TEND_ENOMEM;
}

FRAME_SCREEN_OPS(S_ops, record_view, "record", .init = S_init, .fini = S_fini, .enter = S_enter,
                 .draw = S_draw, .key = S_key, .keys = S_keys);

/* Contract in screens.h. */
tend_screen *tend_screen_record(tend_session *s, const unsigned char uuid[16])
{
    record_view_args a = { s, uuid };
    return tend_screen_new(&S_ops, &a);
}
