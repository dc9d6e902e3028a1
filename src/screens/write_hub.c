/*
 * write_hub.c — the ways into the editor and back to what was written:
 * the Write menu (continue the unfinished entry, a new entry, today's
 * prompt, the prompt for the last check-in, the prompt list, a timed
 * session, the entries), the prompt list, the timed session's
 * introduction, the list of entries and one entry's page (read, edit,
 * delete after a confirmation). Titles and text shown here are wiped when
 * a screen is destroyed.
 */
#include "write_int.h"

#include "tend/date.h"
#include "tend/edit.h"
#include "tend/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- labels: a menu's items, owned and wiped ------------------------------------ */

typedef struct {
    char **items;
    int n, cap;
} labels;

/* Adds the label a + sep + b. */
static bool S_add(labels *l, const char *a, const char *sep, const char *b)
{
    if (l->n == l->cap) {
        int nc = l->cap ? l->cap * 2 : 16;
        char **ni = realloc(l->items, (size_t)nc * sizeof *ni);
        if (!ni)
            return false;
        l->items = ni;
        l->cap = nc;
    }
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = malloc(la + ls + lb + 1);
    if (!s)
        return false;
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    l->items[l->n++] = s;
    return true;
}

static void S_labels_free(labels *l)
{
    for (int i = 0; i < l->n; i++)
        tend_wipe_str(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The prompt that fits the latest check-in (by its answers), or NULL. */
static const char *S_checkin_prompt(tend_session *s)
{
    if (!s->journal || !s->content)
        return NULL;
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_CHECKIN;
    tend_head_list l = TEND_HEAD_LIST_INIT;
    if (tend_journal_heads(s->journal, &f, &l, NULL) != TEND_OK)
        return NULL;
    const char *text = NULL;
    if (l.n > 0) {
        const tend_head *h = &l.heads[0];
        tend_prompt_answer *a = calloc(h->nfields + 1, sizeof *a);
        if (a) {
            for (size_t i = 0; i < h->nfields; i++)
                a[i] = (tend_prompt_answer){ h->fields[i].key, h->fields[i].value };
            tend_prompt_ref r;
            if (tend_prompt_for_checkin(s->content, a, h->nfields,
                                        tend_local_day(h->created, h->utc_offset), &r))
                text = r.prompt->text;
            free(a);
        }
    }
    tend_head_list_free(&l);
    return text;
}

static const char *S_today_prompt(tend_session *s, tend_app *app)
{
    int64_t now = tend_app_time(app);
    tend_prompt_ref r;
    if (s->content && tend_prompt_of_day(s->content, tend_local_day(now, tend_local_offset(now)), &r))
        return r.prompt->text;
    return NULL;
}

/* Opens the editor (on top of the current screen, or in its place). */
static void S_open_editor(tend_session *s, tend_app *app, const char *prompt,
                          const tend_uuid *entry, bool timed, bool replace, char *status,
                          size_t cap)
{
    const char *why = NULL;
    tend_screen *ed = write_editor_new(s, prompt, entry, timed, &why);
    if (!ed) {
        if (status)
            snprintf(status, cap, "%s", why);
        return;
    }
    if (replace)
        tend_app_replace(app, ed);
    else
        tend_app_push(app, ed);
}

/* ---- the Write menu ------------------------------------------------------------------- */

enum { A_CONTINUE, A_NEW, A_TODAY, A_CHECKIN, A_PROMPTS, A_TIMED, A_ENTRIES };
enum { H_MENU, H_TIMED };

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    const char *items[8];
    int acts[8];
    bool loaded, draft;
    const char *today, *checkin; /* content strings */
    int state;
    char status[TEND_ERROR_MAX + 32];
} hub;

static const tend_action S_hub_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_timed_keys[] = { TA_CONFIRM, TA_NONE };

static void S_hub_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_hub_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_hub_destroy(tend_screen *sc);
static const tend_screen_ops S_hub_ops = {
    .name = "write", .draw = S_hub_draw, .key = S_hub_key, .destroy = S_hub_destroy,
    .keys = S_hub_keys,
};
static const tend_screen_ops S_timed_ops = {
    .name = "write", .draw = S_hub_draw, .key = S_hub_key, .destroy = S_hub_destroy,
    .keys = S_timed_keys,
};

static void S_hub_item(hub *h, int act, const char *label)
{
    h->acts[h->menu.n] = act;
    h->items[h->menu.n++] = label;
}

static void S_hub_load(hub *h, tend_app *app)
{
    h->loaded = true;
    h->draft = write_draft_exists(h->s);
    h->today = S_today_prompt(h->s, app);
    h->checkin = S_checkin_prompt(h->s);
    int sel = h->menu.sel;
    h->menu = (tend_menu){ h->items, 0, 0, 0 };
    if (h->draft)
        S_hub_item(h, A_CONTINUE, "Continue your unfinished entry");
    S_hub_item(h, A_NEW, "Start a new entry");
    if (h->today)
        S_hub_item(h, A_TODAY, "Write with today's prompt");
    if (h->checkin)
        S_hub_item(h, A_CHECKIN, "Write with a prompt for your last check-in");
    if (h->s->content && tend_prompt_count(h->s->content) > 0)
        S_hub_item(h, A_PROMPTS, "Choose a prompt");
    S_hub_item(h, A_TIMED, "A timed session (15 minutes)");
    S_hub_item(h, A_ENTRIES, "Your entries");
    h->menu.sel = sel < h->menu.n ? sel : 0;
}

static void S_hub_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    hub *h = FRAME_OF(hub, sc);
    if (!h->loaded)
        S_hub_load(h, app);
    frame_title(app, h->s, "Write");
    int w = cols - 4, y = 2, bottom = rows - 1;
    if (h->state == H_TIMED) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_H3, "A timed session");
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Fifteen minutes of writing, with the time shown under the text. "
                          "Write whatever comes; it does not have to be good or make sense.");
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "You can stop or change the topic whenever it feels like too much. "
                          "Esc leaves at any time and nothing is lost.");
        y++;
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "At the end you can take a moment with a grounding exercise.");
        y++;
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Enter starts. Esc goes back.");
        return;
    }
    if (h->status[0]) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NOTE, h->status);
    } else if (h->draft) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NOTE,
                          "You have an unfinished entry \xe2\x80\x94 continue?");
    } else {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Write whatever you like. It is encrypted on this computer.");
    }
    y++;
    int mrows = h->menu.n < bottom - y ? h->menu.n : bottom - y;
    tend_menu_draw(&h->menu, app, y, 2, mrows, w);
    y += mrows + 1;
    int act = h->menu.n ? h->acts[h->menu.sel] : -1;
    const char *show = act == A_TODAY ? h->today : act == A_CHECKIN ? h->checkin : NULL;
    if (show && y < bottom)
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, show);
}

static bool S_hub_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    hub *h = FRAME_OF(hub, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (h->state == H_TIMED) {
        if (a == TA_BACK) {
            h->state = H_MENU;
            h->base.ops = &S_hub_ops;
            return true;
        }
        if (a == TA_CONFIRM) {
            h->state = H_MENU;
            h->base.ops = &S_hub_ops;
            h->loaded = false;
            S_open_editor(h->s, app, NULL, NULL, true, false, h->status, sizeof h->status);
        }
        return true;
    }
    if (a != TA_SELECT || h->menu.n == 0)
        return tend_menu_key(&h->menu, a, k);
    h->status[0] = '\0';
    h->loaded = false; /* read again when back on top */
    switch (h->acts[h->menu.sel]) {
    case A_CONTINUE: {
        tend_screen *ed = write_editor_from_draft(h->s);
        if (ed)
            tend_app_push(app, ed);
        else
            snprintf(h->status, sizeof h->status, "The unfinished entry could not be opened.");
        break;
    }
    case A_NEW:
        S_open_editor(h->s, app, NULL, NULL, false, false, h->status, sizeof h->status);
        break;
    case A_TODAY:
        S_open_editor(h->s, app, h->today, NULL, false, false, h->status, sizeof h->status);
        break;
    case A_CHECKIN:
        S_open_editor(h->s, app, h->checkin, NULL, false, false, h->status, sizeof h->status);
        break;
    case A_PROMPTS:
        tend_app_push(app, tend_screen_prompts(h->s));
        break;
    case A_TIMED:
        h->state = H_TIMED;
        h->base.ops = &S_timed_ops;
        break;
    case A_ENTRIES:
        tend_app_push(app, tend_screen_entries(h->s));
        break;
    }
    return true;
}

static void S_hub_destroy(tend_screen *sc)
{
    free(FRAME_OF(hub, sc));
}

tend_screen *tend_screen_write(tend_session *s)
{
    hub *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->base.ops = &S_hub_ops;
    h->s = s;
    h->menu = (tend_menu){ h->items, 0, 0, 0 };
    return &h->base;
}

tend_screen *tend_screen_write_prompt(tend_session *s, const char *prompt)
{
    const char *why;
    return write_editor_new(s, prompt, NULL, false, &why);
}

/* ---- the prompt list ------------------------------------------------------------------- */

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    labels l;
    char status[TEND_ERROR_MAX + 32];
} plist;

static void S_plist_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    plist *p = FRAME_OF(plist, sc);
    frame_title(app, p->s, "Prompts");
    int w = cols - 4, y = 2, bottom = rows - 1;
    y += tend_ui_wrap(app, y, 2, w, bottom - y, p->status[0] ? ST_NOTE : ST_NORMAL,
                      p->status[0] ? p->status : "Choose one to write with, or just read them.");
    y++;
    tend_prompt_ref r;
    int shown = bottom - y - 4;
    if (shown < 1)
        shown = bottom - y;
    tend_menu_draw(&p->menu, app, y, 2, shown, w);
    if (shown < bottom - y && tend_prompt_at(p->s->content, (size_t)p->menu.sel, &r))
        tend_ui_wrap(app, y + shown + 1, 2, w, bottom - y - shown - 1, ST_DIM, r.prompt->text);
}

static bool S_plist_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    plist *p = FRAME_OF(plist, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    tend_prompt_ref r;
    if (a == TA_SELECT && tend_prompt_at(p->s->content, (size_t)p->menu.sel, &r)) {
        /* In place of the list: Esc from the editor goes back to Write. */
        S_open_editor(p->s, app, r.prompt->text, NULL, false, true, p->status,
                      sizeof p->status);
        return true;
    }
    return tend_menu_key(&p->menu, a, k);
}

static void S_plist_destroy(tend_screen *sc)
{
    plist *p = FRAME_OF(plist, sc);
    S_labels_free(&p->l);
    free(p);
}

static const tend_screen_ops S_plist_ops = {
    .name = "prompts", .draw = S_plist_draw, .key = S_plist_key, .destroy = S_plist_destroy,
    .keys = S_hub_keys,
};

tend_screen *tend_screen_prompts(tend_session *s)
{
    plist *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->base.ops = &S_plist_ops;
    p->s = s;
    size_t n = s->content ? tend_prompt_count(s->content) : 0;
    for (size_t i = 0; i < n; i++) {
        tend_prompt_ref r;
        if (!tend_prompt_at(s->content, i, &r) || !S_add(&p->l, r.theme->title, " \xc2\xb7 ",
                                                         r.prompt->text)) {
            S_plist_destroy(&p->base);
            return NULL;
        }
    }
    p->menu = (tend_menu){ (const char *const *)p->l.items, p->l.n, 0, 0 };
    return &p->base;
}

/* ---- the entries ------------------------------------------------------------------------ */

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    labels l;
    tend_uuid *ids;
    bool loaded;
} elist;

static void S_elist_clear(elist *e)
{
    S_labels_free(&e->l);
    free(e->ids);
    e->ids = NULL;
    e->menu.items = NULL;
    e->menu.n = 0;
}

static void S_elist_load(elist *e)
{
    e->loaded = true;
    S_elist_clear(e);
    if (!e->s->journal)
        return;
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_ENTRY;
    tend_head_list hl = TEND_HEAD_LIST_INIT;
    if (tend_journal_heads(e->s->journal, &f, &hl, NULL) != TEND_OK)
        return;
    e->ids = calloc(hl.n + 1, sizeof *e->ids);
    for (size_t i = 0; e->ids && i < hl.n; i++) {
        char date[TEND_DATE_MAX];
        tend_format_date(hl.heads[i].created, hl.heads[i].utc_offset, date);
        const char *t = hl.heads[i].title && hl.heads[i].title[0] ? hl.heads[i].title
                                                                   : "(no title)";
        if (!S_add(&e->l, date, "  ", t))
            break;
        e->ids[i] = hl.heads[i].uuid;
    }
    tend_head_list_free(&hl);
    int sel = e->menu.sel;
    e->menu = (tend_menu){ (const char *const *)e->l.items, e->l.n, 0, 0 };
    e->menu.sel = sel < e->l.n ? sel : 0;
}

static void S_elist_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    elist *e = FRAME_OF(elist, sc);
    if (!e->loaded)
        S_elist_load(e);
    frame_title(app, e->s, "Your entries");
    int w = cols - 4, y = 2, bottom = rows - 1;
    if (e->menu.n == 0) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Nothing written yet.");
        return;
    }
    tend_menu_draw(&e->menu, app, y, 2, bottom - y, w);
}

static bool S_elist_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    elist *e = FRAME_OF(elist, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (a == TA_SELECT && e->menu.n > 0) {
        e->loaded = false;
        tend_app_push(app, tend_screen_entry(e->s, e->ids[e->menu.sel].b));
        return true;
    }
    return tend_menu_key(&e->menu, a, k);
}

static void S_elist_destroy(tend_screen *sc)
{
    elist *e = FRAME_OF(elist, sc);
    S_elist_clear(e);
    free(e);
}

static const tend_screen_ops S_elist_ops = {
    .name = "entries", .draw = S_elist_draw, .key = S_elist_key, .destroy = S_elist_destroy,
    .keys = S_hub_keys,
};

tend_screen *tend_screen_entries(tend_session *s)
{
    elist *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->base.ops = &S_elist_ops;
    e->s = s;
    return &e->base;
}

/* ---- one entry ---------------------------------------------------------------------------- */

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_uuid id;
    tend_record r;
    bool loaded, ok, confirm;
    tend_wrap wrap;
    size_t top;
    int page;
    tend_menu menu;
    char status[TEND_ERROR_MAX + 32];
} eview;

static const tend_action S_eview_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_EDIT, TA_DELETE,
                                            TA_NONE };
static const char *const S_confirm_items[] = { "Keep it", "Delete it for good" };

static void S_eview_draw(tend_screen *sc, tend_app *app, int rows, int cols);
static bool S_eview_key(tend_screen *sc, tend_app *app, const tend_key *k);
static void S_eview_destroy(tend_screen *sc);
static const tend_screen_ops S_eview_ops = {
    .name = "entry", .draw = S_eview_draw, .key = S_eview_key, .destroy = S_eview_destroy,
    .keys = S_eview_keys,
};
static const tend_screen_ops S_confirm_ops = {
    .name = "entry", .draw = S_eview_draw, .key = S_eview_key, .destroy = S_eview_destroy,
    .keys = S_hub_keys,
};

static void S_eview_load(eview *v)
{
    v->loaded = true;
    tend_record_clear(&v->r);
    tend_wrap_free(&v->wrap);
    v->ok = v->s->journal && tend_journal_get(v->s->journal, &v->id, &v->r, NULL) == TEND_OK;
}

static void S_eview_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    eview *v = FRAME_OF(eview, sc);
    if (!v->loaded)
        S_eview_load(v);
    frame_title(app, v->s, "Entry");
    int w = cols - 4, y = 2, bottom = rows - 1;
    if (!v->ok) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM,
                     v->status[0] ? v->status : "This entry could not be opened. Esc goes back.");
        return;
    }
    const tend_head *h = &v->r.head;
    if (v->confirm) {
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_NORMAL,
                          "Delete this entry? It cannot be brought back afterwards.");
        y += tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, h->title[0] ? h->title : "(no title)");
        y++;
        tend_menu_draw(&v->menu, app, y, 2, bottom - y, w);
        return;
    }
    y = rows >= 16 ? 2 : 1;
    y += tend_ui_wrap(app, y, 2, w, 2, ST_H2, h->title[0] ? h->title : "(no title)");
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
    y++;
    int h_rows = bottom - 1 - y;
    v->page = h_rows;
    const char *body = v->r.body ? v->r.body : "";
    if (v->wrap.width != (size_t)w || v->wrap.count == 0)
        tend_wrap_text(body, v->r.body_len, (size_t)w, &v->wrap, NULL);
    if (v->wrap.count > (size_t)h_rows && v->top > v->wrap.count - (size_t)h_rows)
        v->top = v->wrap.count - (size_t)h_rows;
    if (v->wrap.count <= (size_t)h_rows)
        v->top = 0;
    for (int i = 0; i < h_rows && v->top + (size_t)i < v->wrap.count; i++) {
        const tend_wrap_line *l = &v->wrap.lines[v->top + (size_t)i];
        char buf[1024];
        size_t len = l->end - l->start < sizeof buf - 1 ? l->end - l->start : sizeof buf - 1;
        memcpy(buf, body + l->start, len);
        buf[len] = '\0';
        for (size_t c = 0; c < len; c++)
            if (buf[c] == '\t')
                buf[c] = ' ';
        tend_ui_text(app, y + i, 2, ST_NORMAL, buf, w);
        tend_wipe(buf, sizeof buf);
    }
    tend_ui_text(app, bottom - 1, 2, ST_DIM,
                 v->status[0] ? v->status : "e edits \xc2\xb7 d deletes (asks first) \xc2\xb7 Esc goes back", w);
}

static bool S_eview_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    eview *v = FRAME_OF(eview, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (v->confirm) {
        if (a == TA_BACK || (a == TA_SELECT && v->menu.sel == 0)) {
            v->confirm = false;
            v->base.ops = &S_eview_ops;
        } else if (a == TA_SELECT) {
            tend_error err;
            tend_error_clear(&err);
            if (tend_journal_delete(v->s->journal, &v->id, &err) == TEND_OK) {
                tend_app_pop(app);
                return true;
            }
            v->confirm = false;
            v->base.ops = &S_eview_ops;
            snprintf(v->status, sizeof v->status, "Not deleted: %s", err.msg);
        } else {
            return tend_menu_key(&v->menu, a, k);
        }
        return true;
    }
    if (!v->ok)
        return false;
    switch (a) {
    case TA_UP: if (v->top > 0) v->top--; return true;
    case TA_DOWN: v->top++; return true;
    case TA_PGUP: v->top = v->top > (size_t)v->page ? v->top - (size_t)v->page : 0; return true;
    case TA_PGDN: v->top += (size_t)(v->page > 1 ? v->page - 1 : 1); return true;
    case TA_EDIT:
        v->loaded = false; /* read again after editing */
        S_open_editor(v->s, app, NULL, &v->id, false, false, v->status, sizeof v->status);
        return true;
    case TA_DELETE:
        v->confirm = true;
        v->base.ops = &S_confirm_ops;
        v->menu = (tend_menu){ S_confirm_items, 2, 0, 0 };
        return true;
    default:
        return false;
    }
}

static void S_eview_destroy(tend_screen *sc)
{
    eview *v = FRAME_OF(eview, sc);
    tend_record_clear(&v->r);
    tend_wrap_free(&v->wrap);
    free(v);
}

tend_screen *tend_screen_entry(tend_session *s, const unsigned char uuid[16])
{
    eview *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->base.ops = &S_eview_ops;
    v->s = s;
    memcpy(v->id.b, uuid, sizeof v->id.b);
    v->r = (tend_record)TEND_RECORD_INIT;
    return &v->base;
}

tend_screen *tend_screen_entry_edit(tend_session *s, const unsigned char uuid[16])
{
    tend_uuid id;
    memcpy(id.b, uuid, sizeof id.b);
    const char *why = NULL;
    return write_editor_new(s, NULL, &id, false, &why);
}
