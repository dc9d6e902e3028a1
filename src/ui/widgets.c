/*
 * widgets.c — the two small widgets screens share: a scrolling menu and a
 * one-line text field kept in secure memory (it may hold a passphrase).
 */
#include "tend/ui.h"

#include <stdlib.h>
#include <string.h>

/* ---- menu ------------------------------------------------------------------ */

/* Contract in ui.h. */
void tend_menu_draw(tend_menu *m, tend_app *app, int y, int x, int rows, int cols)
{
    tend_menu_draw_ex(m, app, y, x, rows, cols, true);
}

/* Contract in ui.h. */
void tend_menu_draw_ex(tend_menu *m, tend_app *app, int y, int x, int rows, int cols,
                       bool show_mark)
{
    if (rows <= 0 || m->n <= 0)
        return;
    if (m->sel < 0)
        m->sel = 0;
    if (m->sel >= m->n)
        m->sel = m->n - 1;
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + rows)
        m->top = m->sel - rows + 1;
    if (m->top > m->n - rows)
        m->top = m->n - rows > 0 ? m->n - rows : 0;
    for (int i = 0; i < rows && m->top + i < m->n; i++) {
        int it = m->top + i;
        bool sel = show_mark && it == m->sel;
        tend_ui_text(app, y + i, x, sel ? ST_SELECTED : ST_NORMAL, sel ? "> " : "  ", cols);
        int used = 2 + tend_ui_text(app, y + i, x + 2, sel ? ST_SELECTED : ST_NORMAL,
                                    m->items[it], cols - 2);
        if (sel && used < cols)
            tend_ui_text(app, y + i, x + used, ST_SELECTED, " ", 1);
    }
}

/* Contract in ui.h. */
bool tend_menu_key(tend_menu *m, tend_action a, const tend_key *k)
{
    if (m->n <= 0)
        return false;
    switch (a) {
    case TA_UP: m->sel = m->sel > 0 ? m->sel - 1 : m->n - 1; return true;
    case TA_DOWN: m->sel = m->sel + 1 < m->n ? m->sel + 1 : 0; return true;
    case TA_PGUP: m->sel = m->sel > 5 ? m->sel - 5 : 0; return true;
    case TA_PGDN: m->sel = m->sel + 5 < m->n ? m->sel + 5 : m->n - 1; return true;
    default: break;
    }
    if (k->kind == TK_HOME) {
        m->sel = 0;
        return true;
    }
    if (k->kind == TK_END) {
        m->sel = m->n - 1;
        return true;
    }
    if (k->kind == TK_CHAR && k->ch >= '1' && k->ch <= '9' && (int)(k->ch - '1') < m->n) {
        m->sel = (int)(k->ch - '1');
        return true;
    }
    return false;
}

/* ---- text field ------------------------------------------------------------ */

struct tend_input {
    char *buf;     /* secure memory, cap + 1 bytes */
    size_t cap;
    size_t len;
    size_t cur;    /* cursor: a byte offset on a cluster boundary */
    bool secret;
};

/* Contract in ui.h. */
tend_input *tend_input_new(size_t cap, bool secret)
{
    tend_input *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->buf = tend_secure_alloc(cap + 1);
    if (!f->buf) {
        free(f);
        return NULL;
    }
    memset(f->buf, 0, cap + 1);
    f->cap = cap;
    f->secret = secret;
    return f;
}

/* Contract in ui.h. */
void tend_input_free(tend_input *f)
{
    if (!f)
        return;
    tend_secure_free(f->buf); /* wipes */
    free(f);
}

/* Contract in ui.h. */
const char *tend_input_text(const tend_input *f)
{
    return f->buf;
}

/* Contract in ui.h. */
size_t tend_input_len(const tend_input *f)
{
    return f->len;
}

/* Contract in ui.h. */
void tend_input_clear(tend_input *f)
{
    tend_wipe(f->buf, f->cap + 1);
    f->len = f->cur = 0;
}

/* Contract in ui.h. */
void tend_input_set(tend_input *f, const char *s)
{
    tend_input_clear(f);
    size_t n = strlen(s);
    /* Cut at a character boundary that fits. */
    size_t keep = 0;
    while (keep < n) {
        size_t next = tend_utf8_next(s, n, keep);
        if (next > f->cap)
            break;
        keep = next;
    }
    memcpy(f->buf, s, keep);
    f->buf[keep] = '\0';
    f->len = f->cur = keep;
}

/* Inserts code point cp at the cursor (nothing when it would not fit). */
static void S_insert(tend_input *f, uint32_t cp)
{
    char enc[4];
    size_t n = tend_utf8_encode(cp, enc);
    if (n == 0 || f->len + n > f->cap)
        return;
    memmove(f->buf + f->cur + n, f->buf + f->cur, f->len - f->cur + 1);
    memcpy(f->buf + f->cur, enc, n);
    f->len += n;
    /* The cursor sat on a cluster boundary; after the inserted code point
     * it still does (a combining mark joins the cluster before it). */
    f->cur += n;
}

/* Removes bytes [from, to) (wiping the freed tail); the cursor goes to from. */
static void S_delete_range(tend_input *f, size_t from, size_t to)
{
    memmove(f->buf + from, f->buf + to, f->len - to + 1);
    f->len -= to - from;
    tend_wipe(f->buf + f->len + 1, to - from);
    f->cur = from;
}

/* Contract in ui.h. */
bool tend_input_key(tend_input *f, const tend_key *k)
{
    switch (k->kind) {
    case TK_CHAR:
        S_insert(f, k->ch);
        return true;
    case TK_BACKSPACE:
        if (f->cur > 0)
            S_delete_range(f, tend_utf8_prev(f->buf, f->len, f->cur), f->cur);
        return true;
    case TK_DELETE:
        if (f->cur < f->len)
            S_delete_range(f, f->cur, tend_utf8_next(f->buf, f->len, f->cur));
        return true;
    case TK_LEFT:
        f->cur = tend_utf8_prev(f->buf, f->len, f->cur);
        return true;
    case TK_RIGHT:
        f->cur = tend_utf8_next(f->buf, f->len, f->cur);
        return true;
    case TK_HOME:
        f->cur = 0;
        return true;
    case TK_END:
        f->cur = f->len;
        return true;
    case TK_CTRL:
        if (k->ch == 'u') {
            tend_input_clear(f);
            return true;
        }
        return false;
    default:
        return false;
    }
}

/* Contract in ui.h. */
void tend_input_draw(const tend_input *f, tend_app *app, int y, int x, int cols, bool focused)
{
    if (cols < 2)
        return;
    for (int c = 0; c < cols; c++)
        tend_ui_text(app, y, x + c, ST_FIELD, " ", 1);
    if (f->secret) {
        /* One dot per character, at most the width; the length is not
         * secret-critical but the dots stop at the edge. */
        size_t n = 0;
        for (size_t i = 0; i < f->len; i = tend_utf8_next(f->buf, f->len, i))
            n++;
        int shown = (int)n < cols - 1 ? (int)n : cols - 1;
        for (int c = 0; c < shown; c++)
            tend_ui_text(app, y, x + c, ST_FIELD, "\xe2\x80\xa2", 1); /* • */
        size_t before = 0;
        for (size_t i = 0; i < f->cur; i = tend_utf8_next(f->buf, f->len, i))
            before++;
        if (focused)
            tend_ui_cursor(app, y, x + ((int)before < cols - 1 ? (int)before : cols - 1));
        return;
    }
    /* Scroll so the cursor stays in view. */
    size_t start = 0;
    while (tend_utf8_width(f->buf + start, f->cur - start) > (size_t)(cols - 1))
        start = tend_utf8_next(f->buf, f->len, start);
    char *vis = f->buf + start;
    size_t fit = tend_utf8_fit(vis, f->len - start, (size_t)(cols - 1), NULL);
    /* Draw through a small copy so the text is cut at fit. */
    char tmp[1024];
    if (fit >= sizeof tmp)
        fit = tend_utf8_fit(vis, sizeof tmp - 1, (size_t)(cols - 1), NULL);
    memcpy(tmp, vis, fit);
    tmp[fit] = '\0';
    tend_ui_text(app, y, x, ST_FIELD, tmp, cols - 1);
    tend_wipe(tmp, sizeof tmp);
    if (focused)
        tend_ui_cursor(app, y, x + (int)tend_utf8_width(vis, f->cur - start));
}
