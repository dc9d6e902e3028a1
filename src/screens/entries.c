/*
 * entries.c — the person's entries, newest first ("date  title"); Enter
 * opens one in the record view. The list is read again whenever it comes
 * back to the top (an entry may have been changed or deleted there). The
 * titles are wiped when the screen goes.
 */
#include "write_int.h"

#include "tend/date.h"

#include <stdlib.h>

typedef struct {
    tend_screen base;
    tend_session *s;
    tend_menu menu;
    frame_labels labels;
    TEND_VEC(tend_uuid) ids; /* the entry of each label */
} entries_screen;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };

/* Forgets the list. */
static void S_clear(entries_screen *e)
{
    frame_labels_free(&e->labels);
    tend_vec_free(&e->ids);
    e->menu.items = NULL;
    e->menu.n = 0;
}

/* Reads the entries' heads into the list (keeping the mark where it can). */
static void S_load(entries_screen *e)
{
    int sel = e->menu.sel;
    S_clear(e);
    if (!e->s->journal)
        return;
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_ENTRY;
    tend_head_list hl = TEND_HEAD_LIST_INIT;
    if (tend_journal_heads(e->s->journal, &f, &hl, NULL) != TEND_OK)
        return;
    for (size_t i = 0; i < hl.n; i++) {
        char date[TEND_DATE_MAX];
        tend_format_date(hl.heads[i].created, hl.heads[i].utc_offset, date);
        const char *t = hl.heads[i].title && hl.heads[i].title[0] ? hl.heads[i].title
                                                                   : "(no title)";
        if (tend_vec_reserve(&e->ids, 1) != TEND_OK
            || frame_labels_add(&e->labels, date, "  ", t) != TEND_OK)
            break;
        e->ids.v[e->ids.n++] = hl.heads[i].uuid;
    }
    tend_head_list_free(&hl);
    e->menu = frame_labels_menu(&e->labels, sel);
}

/* Reads the list whenever it comes to the top. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    (void)why;
    S_load(FRAME_OF(entries_screen, sc));
}

/* The list, or a calm line when there is nothing. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    entries_screen *e = FRAME_OF(entries_screen, sc);
    frame_title(app, e->s, "Your entries");
    int w = cols - 4, y = 2, bottom = rows - 1;
    if (e->menu.n == 0) {
        tend_ui_wrap(app, y, 2, w, bottom - y, ST_DIM, "Nothing written yet.");
        return;
    }
    tend_menu_draw(&e->menu, app, y, 2, bottom - y, w);
}

/* Moves the mark; Enter opens the marked entry. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    entries_screen *e = FRAME_OF(entries_screen, sc);
    if (k->kind == TK_TIMEOUT || k->kind == TK_RESIZE)
        return true;
    tend_action a = tend_screen_action(sc, k);
    if (a == TA_SELECT && e->menu.n > 0) {
        tend_app_push(app, tend_screen_record(e->s, e->ids.v[e->menu.sel].b));
        return true;
    }
    return tend_menu_key(&e->menu, a, k);
}

/* Wipes the titles. */
static void S_fini(tend_screen *sc)
{
    S_clear(FRAME_OF(entries_screen, sc));
}

/* Keeps the session; the list is read at enter. */
static tend_status S_init(tend_screen *sc, void *arg)
{
    FRAME_OF(entries_screen, sc)->s = arg;
    return TEND_OK;
}

FRAME_SCREEN(tend_screen_entries, entries_screen, "entries", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
