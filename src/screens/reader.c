/*
 * reader.c — one library page at a time, laid out by src/render at the
 * window's width.
 *
 * Scrolling by line, page, top and bottom; "/" finds a word on the page
 * (n and N move between the places it is found); Tab and Shift-Tab mark
 * the links to other pages and Enter follows one; Esc goes back along the
 * pages visited, then to the Library; "c" shows the page's headings. On a
 * resize the page is laid out again and the first line shown keeps its
 * words (tend_render_line.anchor). A page whose front matter has a note
 * first shows that topic with the choice to read on, go back, or do a
 * grounding exercise. Where the person is in a page is kept in the
 * encrypted journal (reading_int.h) when they leave it.
 */
#include "frame_int.h"
#include "reading_int.h"

#include "tend/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { R_NOTE, R_READ, R_SEARCH, R_TOC };

/* Text is set at most this wide, centred in wider windows. */
#define MEASURE 76
#define QUERY_MAX 128

typedef struct {
    const tend_page *page;
    size_t anchor;
} reader_visit;

typedef struct {
    tend_screen base;
    tend_session *s;
    int state;
    const tend_page *page;
    reader_visit *history;          /* pages to go back to, oldest first */
    size_t nhistory, history_cap;
    tend_render_doc *doc;      /* NULL until the first draw */
    size_t top;                /* first line shown */
    size_t anchor;             /* where to be after the next layout */
    bool have_anchor;
    int rows;                  /* text rows at the last draw */
    int link;                  /* marked link, or -1 */
    bool seen_end;             /* the end of the page has been shown */
    bool dirty;                /* moved since the place was last saved */
    char query[QUERY_MAX];
    long match;                /* which place the word is found at (0 = first), or -1 */
    long mline;                /* its line at the last draw, or -1 */
    char status[TEND_ERROR_MAX]; /* a message for the status row, or "" */
    tend_input *input;         /* the search field */
    tend_menu menu;            /* note choices, or the contents */
    char **toc;                /* contents labels (owned) */
    size_t ntoc;
    tend_buf scratch;
} reader_screen;

/* What tend_screen_reader passes to init. */
typedef struct {
    tend_session *s;
    const tend_page *page;
} reader_args;

static const tend_action S_keys_read[] = {
    TA_UP, TA_DOWN, TA_PGUP, TA_PGDN, TA_TOP, TA_BOTTOM, TA_SEARCH, TA_FIND_NEXT,
    TA_FIND_PREV, TA_LINK_NEXT, TA_LINK_PREV, TA_SELECT, TA_CONTENTS, TA_NONE,
};
static const tend_action S_keys_menu[] = { TA_UP, TA_DOWN, TA_SELECT, TA_NONE };
static const tend_action S_keys_search[] = { TA_CONFIRM, TA_CLEAR, TA_NONE };


static const char *const S_note_items[] = {
    "Read on",
    "Not now: go back",
    "A grounding exercise first",
};

/* Goes to state, with its keys (the search field types text). */
static void S_go(reader_screen *r, int state)
{
    r->state = state;
    if (state == R_SEARCH)
        tend_screen_set_keys(&r->base, S_keys_search, TEND_SCREEN_TEXT);
    else
        tend_screen_set_keys(&r->base, state == R_READ ? S_keys_read : S_keys_menu, 0);
}

/* ---- the place in the page ------------------------------------------------- */

/* The last first line that still fills the text rows. */
static size_t S_max_top(const reader_screen *r)
{
    size_t rows = r->rows > 0 ? (size_t)r->rows : 1;
    return r->doc && r->doc->nlines > rows ? r->doc->nlines - rows : 0;
}

/* The anchor of the first line shown (the words it starts with). */
static size_t S_top_anchor(const reader_screen *r)
{
    if (!r->doc || r->doc->nlines == 0)
        return r->anchor;
    return r->doc->lines[r->top].anchor;
}

/* Scrolls to top (clamped); reaching the end marks the page read. */
static void S_set_top(reader_screen *r, long top)
{
    long max = (long)S_max_top(r);
    size_t t = top < 0 ? 0 : top > max ? (size_t)max : (size_t)top;
    if (t != r->top)
        r->dirty = true;
    r->top = t;
    if (r->doc && r->doc->nlines > 0 && r->top >= S_max_top(r) && !r->seen_end) {
        r->seen_end = true;
        r->dirty = true;
    }
}

/* Scrolls so line is in view, about a third of the way down when it was
 * not. */
static void S_show_line(reader_screen *r, size_t line)
{
    size_t rows = r->rows > 0 ? (size_t)r->rows : 1;
    if (line >= r->top && line < r->top + rows)
        return;
    S_set_top(r, (long)line - (long)(rows / 3));
}

/* Keeps the place in the page (when it moved) in the journal. */
static void S_save(reader_screen *r)
{
    if (!r->page || r->state == R_NOTE || !r->dirty)
        return;
    reading_pos p = { r->seen_end ? READING_DONE : READING_STARTED, S_top_anchor(r) };
    if (reading_put(r->s, r->page->name, p, NULL) == TEND_OK)
        r->dirty = false;
}

/* Shows page at anchor; gate shows its content note first. */
static void S_open(reader_screen *r, const tend_page *page, size_t anchor, bool gate)
{
    tend_render_doc_free(r->doc);
    r->doc = NULL;
    r->page = page;
    r->top = 0;
    r->anchor = anchor;
    r->have_anchor = true;
    r->link = -1;
    r->match = -1;
    r->seen_end = false;
    r->dirty = true; /* opening a page counts as reading it */
    r->status[0] = '\0';
    r->menu = (tend_menu){ S_note_items, 3, 0, 0 };
    S_go(r, gate && page->note && page->note[0] ? R_NOTE : R_READ);
}

/* Lays the page out at width when it is not already, keeping the first
 * line shown (and the match) on the same words. */
static void S_layout(reader_screen *r, size_t width)
{
    if (r->doc && r->doc->width == width)
        return;
    size_t anchor = r->have_anchor ? r->anchor : S_top_anchor(r);
    tend_render_doc_free(r->doc);
    r->doc = NULL;
    tend_error err;
    if (tend_render_markdown(r->page->body, r->page->body_len, width, &r->doc, &err) != TEND_OK) {
        snprintf(r->status, sizeof r->status, "%s", err.msg);
        return;
    }
    r->have_anchor = false;
    r->top = tend_render_line_at(r->doc, anchor);
}

/* ---- moving around --------------------------------------------------------- */

/* True when link i is (partly) on screen. */
static bool S_link_visible(const reader_screen *r, int i)
{
    const tend_render_link *l = &r->doc->links[i];
    return l->last_line >= r->top && l->first_line < r->top + (size_t)r->rows;
}

/* Marks the next (previous) link in view, or says there is none. */
static void S_next_link(reader_screen *r, bool forward)
{
    int n = (int)r->doc->nlinks, cand = -1;
    if (n == 0) {
        snprintf(r->status, sizeof r->status, "This page has no links to other pages.");
        return;
    }
    if (r->link >= 0 && S_link_visible(r, r->link)) {
        cand = r->link + (forward ? 1 : -1);
    } else if (forward) {
        for (cand = 0; cand < n && r->doc->links[cand].first_line < r->top; cand++)
            ;
    } else {
        size_t end = r->top + (size_t)r->rows;
        for (cand = n - 1; cand >= 0 && r->doc->links[cand].last_line >= end; cand--)
            ;
    }
    if (cand < 0 || cand >= n) {
        snprintf(r->status, sizeof r->status, "No more links %s.", forward ? "below" : "above");
        return;
    }
    r->link = cand;
    r->status[0] = '\0';
    S_show_line(r, r->doc->links[cand].first_line);
}

/* Walks the places the query is found, in reading order. Returns how many
 * there are; when want >= 0, stops at place want and sets *line, *off. */
static long S_places(const reader_screen *r, long want, size_t *line, size_t *off)
{
    long n = 0;
    size_t qn = strlen(r->query);
    for (size_t i = 0; i < r->doc->nlines; i++) {
        size_t from = 0, at;
        while (tend_render_line_find(&r->doc->lines[i], r->query, from, &at)) {
            if (n == want) {
                *line = i;
                *off = at;
                return n + 1;
            }
            n++;
            from = at + qn;
        }
    }
    return n;
}

/* Moves to the next (previous) place the query is found: after the
 * current one, or from the first line shown when from_view. */
static void S_find(reader_screen *r, bool forward, bool from_view)
{
    if (!r->query[0]) {
        snprintf(r->status, sizeof r->status, "Press / to find a word on this page.");
        return;
    }
    size_t line = 0, off = 0;
    long count = S_places(r, -1, NULL, NULL);
    if (count == 0) {
        r->match = -1;
        snprintf(r->status, sizeof r->status, "\"%s\" is not on this page.", r->query);
        return;
    }
    long m;
    if (from_view || r->match < 0) {
        for (m = 0; m < count; m++) {
            S_places(r, m, &line, &off);
            if (line >= r->top)
                break;
        }
        if (m == count)
            m = 0;
    } else {
        m = (r->match + (forward ? 1 : count - 1)) % count;
    }
    r->match = m;
    S_places(r, m, &line, &off);
    snprintf(r->status, sizeof r->status, "\"%s\": %ld of %ld. n next, N previous.",
             r->query, m + 1, count);
    S_show_line(r, line);
}

/* Goes back to the page before (keeping this one's place), or leaves. */
static void S_back(reader_screen *r, tend_app *app)
{
    S_save(r);
    if (r->nhistory == 0) {
        tend_app_pop(app);
        return;
    }
    reader_visit v = r->history[--r->nhistory];
    S_open(r, v.page, v.anchor, false);
    r->dirty = false;
}

/* Opens the marked link's page, remembering this one to come back to. */
static void S_follow(reader_screen *r)
{
    if (r->link < 0 || (size_t)r->link >= r->doc->nlinks) {
        snprintf(r->status, sizeof r->status, "Tab marks a link; Enter then opens it.");
        return;
    }
    const char *target = r->doc->links[r->link].target;
    const tend_page *dest = r->s->content
        ? tend_content_page_by_link(r->s->content, r->page, target) : NULL;
    if (!dest) {
        snprintf(r->status, sizeof r->status, "That page is not in this library.");
        return;
    }
    if (r->nhistory == r->history_cap) {
        size_t cap = r->history_cap ? r->history_cap * 2 : 8;
        reader_visit *h = realloc(r->history, cap * sizeof *h);
        if (!h) {
            snprintf(r->status, sizeof r->status, "Out of memory; the page could not be opened.");
            return;
        }
        r->history = h;
        r->history_cap = cap;
    }
    S_save(r);
    r->history[r->nhistory++] = (reader_visit){ r->page, S_top_anchor(r) };
    S_open(r, dest, 0, true);
}

/* Frees the contents' labels. */
static void S_toc_free(reader_screen *r)
{
    for (size_t i = 0; i < r->ntoc; i++)
        free(r->toc[i]);
    free(r->toc);
    r->toc = NULL;
    r->ntoc = 0;
}

/* Shows the page's headings as a menu; Enter goes there. */
static void S_contents(reader_screen *r)
{
    const tend_render_doc *d = r->doc;
    if (d->nheadings == 0) {
        snprintf(r->status, sizeof r->status, "This page has no headings.");
        return;
    }
    S_toc_free(r);
    r->toc = calloc(d->nheadings, sizeof *r->toc);
    if (!r->toc) {
        snprintf(r->status, sizeof r->status, "Out of memory; the contents could not be shown.");
        return;
    }
    r->ntoc = d->nheadings;
    for (size_t i = 0; i < d->nheadings; i++) {
        int indent = d->headings[i].level > 2 ? 2 * (d->headings[i].level - 2) : 0;
        size_t n = strlen(d->headings[i].text) + (size_t)indent + 1;
        r->toc[i] = malloc(n);
        if (r->toc[i])
            snprintf(r->toc[i], n, "%*s%s", indent, "", d->headings[i].text);
        else
            r->toc[i] = tend_strdup("");
        if (!r->toc[i]) {
            S_toc_free(r);
            return;
        }
    }
    long at = tend_render_heading_at(d, r->top);
    r->menu = (tend_menu){ (const char *const *)r->toc, (int)r->ntoc, at < 0 ? 0 : (int)at, 0 };
    r->status[0] = '\0';
    S_go(r, R_TOC);
}

/* ---- drawing ----------------------------------------------------------------- */

/* The ui style of a rendered span. */
static tend_style S_style(tend_render_style st)
{
    switch (st) {
    case TEND_RS_EMPH: return ST_EMPH;
    case TEND_RS_STRONG: return ST_STRONG;
    case TEND_RS_CODE: case TEND_RS_CODE_BLOCK: return ST_CODE;
    case TEND_RS_LINK: return ST_LINK;
    case TEND_RS_URL: case TEND_RS_MARKER: case TEND_RS_RULE: return ST_DIM;
    case TEND_RS_H1: return ST_H1;
    case TEND_RS_H2: return ST_H2;
    case TEND_RS_H3: case TEND_RS_H4: case TEND_RS_H5: case TEND_RS_H6: return ST_H3;
    case TEND_RS_QUOTE: return ST_QUOTE;
    default: return ST_NORMAL;
    }
}

/* Draws bytes s[0..n) at y, x (copied so they end with a NUL). */
static void S_put(reader_screen *r, tend_app *app, int y, int x, tend_style st, const char *s, size_t n)
{
    tend_buf_reset(&r->scratch);
    if (tend_buf_append(&r->scratch, s, n) == TEND_OK)
        tend_ui_text(app, y, x, st, r->scratch.data, 0);
}

/* Draws line li of the page at y, x, with the marks in the margin and
 * the places the word is found. */
static void S_draw_line(reader_screen *r, tend_app *app, int y, int x, size_t li)
{
    const tend_render_line *l = &r->doc->lines[li];
    /* Marks in the margin, so the marked link and the current match show
     * without colour too. */
    if (r->link >= 0 && li >= r->doc->links[r->link].first_line
        && li <= r->doc->links[r->link].last_line)
        tend_ui_text(app, y, x - 2, ST_LINK_FOCUS, "\xe2\x80\xba", 1); /* › */
    if (r->mline >= 0 && (size_t)r->mline == li)
        tend_ui_text(app, y, x - 2, ST_MATCH, "\xc2\xbb", 1); /* » */
    for (size_t k = 0; k < l->nspans; k++) {
        const tend_render_span *sp = &l->spans[k];
        tend_style st = S_style(sp->style);
        if (sp->link >= 0 && sp->link == r->link)
            st = ST_LINK_FOCUS;
        S_put(r, app, y, x + (int)sp->col, st, l->text + sp->off, sp->len);
    }
    if (!r->query[0])
        return;
    size_t qn = strlen(r->query), off, from = 0;
    while (tend_render_line_find(l, r->query, from, &off)) {
        int col = (int)tend_utf8_width(l->text, off);
        S_put(r, app, y, x + col, ST_MATCH, l->text + off, qn);
        from = off + qn;
    }
}

/* The content note before the page, and its three choices. */
static void S_draw_note(reader_screen *r, tend_app *app, int rows, int x, int w)
{
    int y = 2, bottom = rows - 1;
    y += tend_ui_wrap(app, y, x, w, bottom - y, ST_H2, "Before you read");
    y++;
    char line[256];
    snprintf(line, sizeof line, "This page touches on: %s.", r->page->note);
    y += tend_ui_wrap(app, y, x, w, bottom - y, ST_NOTE, line);
    y++;
    y += tend_ui_wrap(app, y, x, w, bottom - y, ST_NORMAL,
                      "You can read on, leave it for now, or do a grounding exercise first. "
                      "Any choice is fine, and you can stop reading at any time.");
    y++;
    if (y < bottom)
        tend_menu_draw(&r->menu, app, y, x, bottom - y, w);
}

/* The row under the page: the search field, or a message or the keys,
 * with how far down the page is. */
static void S_draw_status(reader_screen *r, tend_app *app, int y, int x, int w)
{
    if (r->state == R_SEARCH) {
        int used = tend_ui_text(app, y, x, ST_BOLD, "Find: ", 0);
        tend_input_draw(r->input, app, y, x + used, w - used, true);
        return;
    }
    char pct[16] = "";
    if (r->doc && r->doc->nlines > 0) {
        size_t end = r->top + (size_t)r->rows;
        if (end > r->doc->nlines)
            end = r->doc->nlines;
        snprintf(pct, sizeof pct, "%3zu%%", end * 100 / r->doc->nlines);
    }
    int room = w - (int)strlen(pct) - 1;
    const char *msg = r->status[0] ? r->status : "/ find  Tab links  c contents  Esc back";
    tend_ui_text(app, y, x, r->status[0] ? ST_NORMAL : ST_DIM, msg, room > 0 ? room : 1);
    if (room > 0)
        tend_ui_text(app, y, x + w - (int)strlen(pct), ST_DIM, pct, 0);
}

/* The note, the contents, or the page at the window's width. */
static void S_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    reader_screen *r = FRAME_OF(reader_screen, sc);
    frame_title(app, r->s, r->page->title);
    int w = cols - 4 > MEASURE ? MEASURE : cols - 4;
    if (w < TEND_RENDER_MIN_WIDTH)
        w = TEND_RENDER_MIN_WIDTH;
    int x = (cols - w) / 2;
    if (r->state == R_NOTE) {
        S_draw_note(r, app, rows, x, w);
        return;
    }
    r->rows = rows - 4 > 1 ? rows - 4 : 1;
    S_layout(r, (size_t)w);
    if (r->state == R_TOC) {
        int y = 2;
        tend_ui_text(app, y, x, ST_H2, "Contents", w);
        tend_menu_draw(&r->menu, app, y + 2, x, rows - 1 - (y + 2), w);
        return;
    }
    if (r->doc) {
        S_set_top(r, (long)r->top); /* a new height may change the last top */
        size_t ml = 0, mo = 0;
        r->mline = -1;
        if (r->match >= 0 && r->query[0] && S_places(r, r->match, &ml, &mo) == r->match + 1)
            r->mline = (long)ml;
        for (int i = 0; i < r->rows && r->top + (size_t)i < r->doc->nlines; i++)
            S_draw_line(r, app, 2 + i, x, r->top + (size_t)i);
    }
    S_draw_status(r, app, rows - 2, x, w);
}

/* ---- keys -------------------------------------------------------------------- */

/* Typing the word to find; Enter finds it from the first line shown,
 * Esc goes back to the page. */
static bool S_key_search(reader_screen *r, const tend_key *k)
{
    if (k->kind == TK_ESC) {
        S_go(r, R_READ);
        return true;
    }
    if (k->kind == TK_ENTER) {
        snprintf(r->query, sizeof r->query, "%s", tend_input_text(r->input));
        S_go(r, R_READ);
        r->match = -1;
        if (r->query[0] && r->doc)
            S_find(r, true, true);
        return true;
    }
    return tend_input_key(r->input, k);
}

/* The note's choices: read on, go back, or a grounding exercise first. */
static bool S_key_note(reader_screen *r, tend_app *app, const tend_key *k, tend_action a)
{
    if (a == TA_SELECT) {
        switch (r->menu.sel) {
        case 0: S_go(r, R_READ); return true;
        case 1: S_back(r, app); return true;
        default: tend_app_push(app, tend_screen_tools(r->s)); return true;
        }
    }
    if (a == TA_BACK) {
        S_back(r, app);
        return true;
    }
    return tend_menu_key(&r->menu, a, k);
}

/* The contents: Enter goes to the heading, Esc back to the page. */
static bool S_key_toc(reader_screen *r, const tend_key *k, tend_action a)
{
    if (a == TA_SELECT) {
        if (r->doc && r->menu.sel >= 0 && (size_t)r->menu.sel < r->doc->nheadings)
            S_set_top(r, (long)r->doc->headings[r->menu.sel].line);
        S_go(r, R_READ);
        return true;
    }
    if (a == TA_BACK) {
        S_go(r, R_READ);
        return true;
    }
    return tend_menu_key(&r->menu, a, k);
}

/* Reading: scrolling, finding, links, contents, back. */
static bool S_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    reader_screen *r = FRAME_OF(reader_screen, sc);
    tend_action a = tend_screen_action(sc, k);
    if (r->state == R_SEARCH)
        return S_key_search(r, k);
    if (r->state == R_NOTE)
        return S_key_note(r, app, k, a);
    if (!r->doc) {
        if (a == TA_BACK) {
            S_back(r, app);
            return true;
        }
        return false;
    }
    if (r->state == R_TOC)
        return S_key_toc(r, k, a);
    long page = r->rows > 1 ? r->rows - 1 : 1;
    if (a != TA_NONE)
        r->status[0] = '\0';
    switch (a) {
    case TA_UP: S_set_top(r, (long)r->top - 1); return true;
    case TA_DOWN: S_set_top(r, (long)r->top + 1); return true;
    case TA_PGUP: S_set_top(r, (long)r->top - page); return true;
    case TA_PGDN: S_set_top(r, (long)r->top + page); return true;
    case TA_TOP: S_set_top(r, 0); return true;
    case TA_BOTTOM: S_set_top(r, (long)S_max_top(r)); return true;
    case TA_SEARCH:
        tend_input_clear(r->input);
        S_go(r, R_SEARCH);
        return true;
    case TA_FIND_NEXT: S_find(r, true, false); return true;
    case TA_FIND_PREV: S_find(r, false, false); return true;
    case TA_LINK_NEXT: S_next_link(r, true); return true;
    case TA_LINK_PREV: S_next_link(r, false); return true;
    case TA_SELECT: S_follow(r); return true;
    case TA_CONTENTS: S_contents(r); return true;
    case TA_BACK: S_back(r, app); return true;
    default: break;
    }
    if (k->kind == TK_BACKSPACE) {
        S_back(r, app);
        return true;
    }
    return false;
}

/* ---- life -------------------------------------------------------------------- */

/* Locking: keeps the place in the page. */
static void S_lock(tend_screen *sc, tend_app *app)
{
    (void)app;
    S_save(FRAME_OF(reader_screen, sc));
}

/* Keeps the place (when the page was opened) and frees everything. */
static void S_fini(tend_screen *sc)
{
    reader_screen *r = FRAME_OF(reader_screen, sc);
    if (r->s)
        S_save(r);
    tend_render_doc_free(r->doc);
    free(r->history);
    S_toc_free(r);
    tend_input_free(r->input);
    tend_buf_free(&r->scratch);
}

/* Opens the page at its top (the place is read at enter). */
static tend_status S_init(tend_screen *sc, void *arg)
{
    reader_screen *r = FRAME_OF(reader_screen, sc);
    const reader_args *a = arg;
    r->input = tend_input_new(QUERY_MAX - 1, false);
    if (!r->input)
        return TEND_ENOMEM;
    r->s = a->s;
    S_open(r, a->page, 0, true);
    r->dirty = false; /* nothing to keep until enter read the place */
    return TEND_OK;
}

/* The first time on top: goes to where the person left the page. */
static void S_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    reader_screen *r = FRAME_OF(reader_screen, sc);
    if (!(why & TEND_ENTER_PUSHED) || r->nhistory > 0)
        return;
    reading_pos pos = reading_get(r->s, r->page->name);
    r->anchor = pos.mark == READING_STARTED ? pos.anchor : 0;
    r->have_anchor = true;
    r->seen_end = pos.mark == READING_DONE;
    r->dirty = true; /* opening a page counts as reading it */
}

FRAME_SCREEN_OPS(S_ops, reader_screen, "reader", .init = S_init, .fini = S_fini,
                 .enter = S_enter, .draw = S_draw, .key = S_key, .lock = S_lock,
                 .keys = S_keys_read);

/* Contract in screens.h. */
tend_screen *tend_screen_reader(tend_session *s, const char *page)
{
    const tend_page *p = s->content ? tend_content_page_find(s->content, page) : NULL;
    if (!p)
        return NULL;
    reader_args a = { s, p };
    return tend_screen_new(&S_ops, &a);
}
