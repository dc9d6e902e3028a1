/*
 * pager.c — the one scrolling pager: paragraphs of text (each with a style
 * and an indent) wrapped at the width they are drawn at, by the same rules
 * as the editor's soft wrap (src/edit: at spaces, '\n' a new line, a word
 * longer than the width cut), and scrolled by whole rows. The text is the
 * pager's own copy, wiped when it is cleared or freed; the layout holds
 * offsets only.
 */
#include "tend/ui.h"

#include "tend/edit.h"
#include "tend/vec.h"

#include <stdlib.h>
#include <string.h>

/* One paragraph: an owned copy of its text. */
typedef struct {
    tend_style st;
    int indent;
    char *text;   /* owned, wiped */
    size_t len;
} pager_paragraph;

/* One row of the layout: bytes [start, end) of paragraph para. */
typedef struct {
    size_t para;
    size_t start, end;
} pager_row;

struct tend_pager {
    TEND_VEC(pager_paragraph) paras;
    TEND_VEC(pager_row) rows; /* offsets only: no text */
    int width;                /* the layout's width; 0 = none yet */
    bool stale;               /* the text changed since the layout */
    size_t top;               /* first row shown */
    int page;                 /* rows in the box at the last layout */
    tend_buf line;            /* the row being drawn (wiped) */
};

/* Contract in ui.h. */
tend_pager *tend_pager_new(void)
{
    return calloc(1, sizeof(tend_pager));
}

/* Contract in ui.h. */
void tend_pager_clear(tend_pager *p)
{
    for (size_t i = 0; i < p->paras.n; i++)
        tend_wipe_free(p->paras.v[i].text, p->paras.v[i].len);
    tend_vec_free_wiped(&p->paras);
    tend_vec_free(&p->rows);
    tend_buf_free(&p->line);
    p->stale = true;
}

/* Contract in ui.h. */
void tend_pager_free(tend_pager *p)
{
    if (!p)
        return;
    tend_pager_clear(p);
    free(p);
}

/* Contract in ui.h. */
tend_status tend_pager_add(tend_pager *p, tend_style st, int indent, const char *text, size_t len)
{
    if (tend_vec_reserve_wiped(&p->paras, 1) != TEND_OK)
        return TEND_ENOMEM;
    char *copy = malloc(len + 1);
    if (!copy)
        return TEND_ENOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    p->paras.v[p->paras.n++] = (pager_paragraph){ st, indent < 0 ? 0 : indent, copy, len };
    p->stale = true;
    return TEND_OK;
}

/* The last first-row that still fills the box: rows past the end are never
 * scrolled into. */
static size_t S_max_top(const tend_pager *p)
{
    size_t page = p->page > 0 ? (size_t)p->page : 0;
    return p->rows.n > page ? p->rows.n - page : 0;
}

/* Contract in ui.h. */
tend_status tend_pager_layout(tend_pager *p, int w, int rows)
{
    p->page = rows > 0 ? rows : 0;
    if (w < 1)
        w = 1;
    if (p->stale || p->width != w) {
        p->rows.n = 0;
        p->width = 0;
        tend_wrap wrap = TEND_WRAP_INIT;
        for (size_t i = 0; i < p->paras.n; i++) {
            const pager_paragraph *pa = &p->paras.v[i];
            int pw = w - pa->indent > 0 ? w - pa->indent : 1;
            if (tend_wrap_text(pa->text, pa->len, (size_t)pw, &wrap, NULL) != TEND_OK
                || tend_vec_reserve(&p->rows, wrap.count) != TEND_OK) {
                tend_wrap_free(&wrap);
                p->rows.n = 0;
                return TEND_ENOMEM;
            }
            for (size_t r = 0; r < wrap.count; r++)
                p->rows.v[p->rows.n++] = (pager_row){ i, wrap.lines[r].start, wrap.lines[r].end };
        }
        tend_wrap_free(&wrap);
        p->width = w;
        p->stale = false;
    }
    if (p->top > S_max_top(p))
        p->top = S_max_top(p);
    return TEND_OK;
}

/* Contract in ui.h. */
void tend_pager_draw(tend_pager *p, tend_app *app, int y, int x, int w, int rows)
{
    if (tend_pager_layout(p, w, rows) != TEND_OK) {
        tend_ui_text(app, y, x, ST_DIM, "Out of memory showing this; it is kept.", w);
        return;
    }
    for (int i = 0; i < rows && p->top + (size_t)i < p->rows.n; i++) {
        const pager_row *r = &p->rows.v[p->top + (size_t)i];
        const pager_paragraph *pa = &p->paras.v[r->para];
        tend_buf_reset(&p->line);
        if (tend_buf_append(&p->line, pa->text + r->start, r->end - r->start) != TEND_OK)
            break;
        for (size_t c = 0; c < p->line.len; c++)
            if (p->line.data[c] == '\t')
                p->line.data[c] = ' ';
        tend_ui_text(app, y + i, x + pa->indent, pa->st, p->line.data ? p->line.data : "",
                     w - pa->indent);
    }
    tend_buf_reset(&p->line);
}

/* Contract in ui.h. */
bool tend_pager_key(tend_pager *p, tend_action a)
{
    size_t max = S_max_top(p);
    size_t step = p->page > 1 ? (size_t)p->page - 1 : 1;
    switch (a) {
    case TA_UP: p->top = p->top > 0 ? p->top - 1 : 0; break;
    case TA_DOWN: p->top = p->top < max ? p->top + 1 : max; break;
    case TA_PGUP: p->top = p->top > step ? p->top - step : 0; break;
    case TA_PGDN: p->top = p->top + step < max ? p->top + step : max; break;
    case TA_TOP: p->top = 0; break;
    case TA_BOTTOM: p->top = max; break;
    default: return false;
    }
    return true;
}

/* Contract in ui.h. */
size_t tend_pager_top(const tend_pager *p)
{
    return p->top;
}

/* Contract in ui.h. */
size_t tend_pager_rows(const tend_pager *p)
{
    return p->rows.n;
}
