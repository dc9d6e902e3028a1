/*
 * library.c — the library: every page, grouped by section in the order of
 * content.h, with its summary and a mark for not opened, started, or read
 * (from the reading positions kept in the encrypted journal). Enter opens
 * the marked page in the reader.
 */
#include "frame_int.h"
#include "reading_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tend_screen base;
    tend_session *s;
    size_t n;                 /* pages */
    size_t sel;               /* marked page */
    size_t top;               /* first page shown */
    reading_mark *marks;      /* n entries */
    bool marks_loaded;
    unsigned epoch;           /* reading_epoch() when the marks were read */
} library_screen;

static const tend_action S_keys[] = { TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_TOP, TA_BOTTOM,
                                      TA_SELECT, TA_NONE };

static const char *const S_mark_text[] = {
    [READING_UNREAD] = "\xe2\x97\x8b",  /* ○ */
    [READING_STARTED] = "\xe2\x97\x90", /* ◐ */
    [READING_DONE] = "\xe2\x97\x8f",    /* ● */
};

/* Page i of the content (i < l->n). */
static const tend_page *S_page(const library_screen *l, size_t i)
{
    return tend_content_page(l->s->content, i);
}

/* Reads every page's mark from the journal, unless a place was saved
 * since they were read. */
static void S_load_marks(library_screen *l)
{
    if (l->marks_loaded && l->epoch == reading_epoch())
        return;
    for (size_t i = 0; i < l->n; i++)
        l->marks[i] = reading_get(l->s, S_page(l, i)->name).mark;
    l->marks_loaded = true;
    l->epoch = reading_epoch();
}

/* True when page i starts a section (it is the first, or the one before it
 * is in another section). */
static bool S_starts_section(const library_screen *l, size_t i)
{
    return i == 0 || S_page(l, i - 1)->section != S_page(l, i)->section;
}

/* Rows page i takes when drawn at width w: a section heading (and a blank
 * row before it unless it is first on screen), the title, the summary. */
static int S_height(library_screen *l, tend_app *app, size_t i, int w, bool first)
{
    int h = 1 + tend_ui_wrap(app, 0, 0, w - 4, 0, ST_DIM, S_page(l, i)->summary);
    if (S_starts_section(l, i))
        h += first ? 2 : 3;
    return h;
}

/* Moves top so the marked page fits in rows. */
static void S_scroll(library_screen *l, tend_app *app, int rows, int w)
{
    if (l->sel < l->top)
        l->top = l->sel;
    for (;;) {
        int used = 0;
        for (size_t i = l->top; i <= l->sel; i++)
            used += S_height(l, app, i, w, i == l->top);
        if (used <= rows || l->top == l->sel)
            break;
        l->top++;
    }
}

/* Reads the marks when the Library comes to the top (after the reader,
 * which keeps the place when it goes) or the journal changed. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    (void)why;
    S_load_marks(FRAME_OF(library_screen, sc));
}

/* The pages by section, the marked one in view, and the legend. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    library_screen *l = FRAME_OF(library_screen, sc);
    frame_title(app, l->s, "Library");
    int x = 2, w = cols - 4;
    if (l->n == 0) {
        tend_ui_wrap(app, 2, x, w, rows - 3, ST_NORMAL,
                     "No library pages are loaded. Run `tend content-check` to see why.");
        return;
    }
    int bottom = rows - 3; /* rows - 2 holds the legend */
    int y = 2;
    S_scroll(l, app, bottom - y, w);
    for (size_t i = l->top; i < l->n && y < bottom; i++) {
        const tend_page *p = S_page(l, i);
        if (S_starts_section(l, i)) {
            if (i != l->top)
                y++;
            if (y < bottom)
                tend_ui_text(app, y, x, ST_H2, tend_section_name(p->section), w);
            y += 2;
            if (y >= bottom)
                break;
        }
        bool sel = i == l->sel;
        tend_ui_text(app, y, x, sel ? ST_SELECTED : ST_NORMAL, S_mark_text[l->marks[i]], 1);
        tend_ui_text(app, y, x + 1, sel ? ST_SELECTED : ST_NORMAL, " ", 1);
        tend_ui_text(app, y, x + 2, sel ? ST_SELECTED : ST_BOLD, p->title, w - 2);
        y++;
        if (y < bottom)
            y += tend_ui_wrap(app, y, x + 4, w - 4, bottom - y, ST_DIM, p->summary);
    }
    tend_ui_text(app, rows - 2, x, ST_DIM,
                 "\xe2\x97\x8b not opened   \xe2\x97\x90 started   \xe2\x97\x8f read", w);
}

/* Moves the mark; Enter opens the page in the reader. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    library_screen *l = FRAME_OF(library_screen, sc);
    if (l->n == 0)
        return false;
    switch (tend_screen_action(sc, k)) {
    case TA_UP: if (l->sel > 0) l->sel--; return true;
    case TA_DOWN: if (l->sel + 1 < l->n) l->sel++; return true;
    case TA_PGUP: l->sel = l->sel > 5 ? l->sel - 5 : 0; return true;
    case TA_PGDN: l->sel = l->sel + 5 < l->n ? l->sel + 5 : l->n - 1; return true;
    case TA_TOP: l->sel = 0; return true;
    case TA_BOTTOM: l->sel = l->n - 1; return true;
    case TA_SELECT:
        tend_app_push(app, tend_screen_reader(l->s, S_page(l, l->sel)->name));
        return true;
    default:
        return false;
    }
}

/* Frees the marks. */
static void S_fini(tend_screen *sc)
{
    free(FRAME_OF(library_screen, sc)->marks);
}

/* Room for a mark per page of the content (read at enter). */
static tend_status S_init(tend_screen *sc, void *arg)
{
    library_screen *l = FRAME_OF(library_screen, sc);
    tend_session *s = arg;
    l->s = s;
    l->n = s->content ? tend_content_page_count(s->content) : 0;
    l->marks = calloc(l->n ? l->n : 1, sizeof *l->marks);
    return l->marks ? TEND_OK : TEND_ENOMEM;
}

FRAME_SCREEN(tend_screen_library, library_screen, "library", .init = S_init, .fini = S_fini,
             .enter = S_enter, .draw = S_draw, .key = S_key, .keys = S_keys)
