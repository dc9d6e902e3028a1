/*
 * layout.c — walks a cmark AST with cmark_iter and lays it out as lines of
 * styled spans at a given display width.
 *
 * The walk keeps a stack of margins (block quote bars, list markers with
 * their hanging indents). Leaf blocks with inline content (paragraphs,
 * headings) are first collected as a list of pieces (word parts, spaces,
 * hard breaks), then placed greedily: a word goes on the current line when
 * it fits, else on the next; a word wider than a whole line is cut at
 * character clusters. Code blocks are cut, never re-flowed.
 *
 * Failures (out of memory) are sticky in ctx->st: every helper does
 * nothing once it is set, and the walk stops at the next node.
 */
#include "tend/render.h"
#include "tend/vec.h"

#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- state ------------------------------------------------------------- */

typedef struct {
    char mark[32];            /* bullet, number or bar; "" for none */
    size_t lpad, rpad;        /* spaces before and after the mark */
    size_t total;             /* lpad + width(mark) + rpad */
    tend_render_style style;
    bool repeat;              /* mark on every line (quotes) */
    bool used;                /* the first line has been written */
} S_margin;

typedef struct {
    bool ordered;
    char delim;               /* '.' or ')' */
    long next;                /* number of the next item */
    size_t numw;              /* width of the widest number */
    size_t depth;             /* bullet lists enclosing it, itself included */
} S_list;

typedef enum { P_WORD, P_SPACE, P_BREAK } S_piece_kind;

typedef struct {
    S_piece_kind kind;
    size_t off, len;          /* into ctx->arena */
    tend_render_style style;
    int link;
} S_piece;

typedef struct {
    tend_buf text;
    tend_render_span *spans;
    size_t nspans, cap;
    size_t col;               /* columns used, margins included */
    size_t content;           /* columns of text after the margins */
    size_t anchor;
    bool open;
} S_line;

typedef struct {
    tend_render_doc *doc;
    size_t width;
    size_t lines_cap, headings_cap, links_cap;
    tend_status st;

    S_margin *margins;
    size_t nmargins, margins_cap;
    S_list *lists;
    size_t nlists, lists_cap;

    S_piece *pieces;
    size_t npieces, pieces_cap;
    tend_buf arena;           /* bytes of the pieces */

    int heading;              /* level of the heading being collected */
    tend_buf heading_text;
    int emph, strong, code;   /* depths of the inline styles */
    int link;                 /* page link being collected, or -1 */
    int *link_stack;          /* enclosing links' values of link */
    size_t nlink_stack, link_stack_cap;
    tend_buf link_text;       /* plain text of the innermost link */

    size_t anchor;            /* non-space text bytes laid out so far */
    size_t avail;             /* columns for text on the open line */
    S_line line;
} S_ctx;

/* ---- lines ------------------------------------------------------------- */

static bool S_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends s[0..len) in style st to the open line, merging with the last
 * span when style and link match. */
static void S_add(S_ctx *ctx, const char *s, size_t len, tend_render_style st, int link)
{
    if (ctx->st != TEND_OK || len == 0)
        return;
    S_line *l = &ctx->line;
    size_t w = tend_utf8_width(s, len);
    size_t off = l->text.len;
    if (tend_buf_append(&l->text, s, len) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    tend_render_span *last = l->nspans ? &l->spans[l->nspans - 1] : NULL;
    if (last && last->style == st && last->link == link && last->off + last->len == off) {
        last->len += len;
        last->width += w;
    } else {
        if (tend_grow(&l->spans, &l->cap, l->nspans + 1, sizeof *l->spans, false) != TEND_OK) {
            ctx->st = TEND_ENOMEM;
            return;
        }
        l->spans[l->nspans++] = (tend_render_span){ off, len, l->col, w, st, link };
    }
    l->col += w;
    if (!tend_render_style_is_decor(st)) {
        l->content += w;
        for (size_t i = 0; i < len; i++)
            if (!S_is_space(s[i]))
                ctx->anchor++;
    }
    if (link >= 0) {
        tend_render_link *lk = &ctx->doc->links[link];
        size_t at = ctx->doc->nlines;
        if (lk->first_line == SIZE_MAX)
            lk->first_line = at;
        lk->last_line = at;
    }
}

/* Appends decoration s cut to the columns left in *budget. */
static void S_add_decor(S_ctx *ctx, const char *s, size_t len, tend_render_style st,
                        size_t *budget)
{
    size_t used;
    size_t n = tend_utf8_fit(s, len, *budget, &used);
    S_add(ctx, s, n, st, -1);
    *budget -= used;
}

static void S_add_spaces(S_ctx *ctx, size_t n, size_t *budget)
{
    static const char sp[] = "                                ";
    while (n > 0 && *budget > 0) {
        size_t k = n < sizeof sp - 1 ? n : sizeof sp - 1;
        S_add_decor(ctx, sp, k, TEND_RS_PAD, budget);
        n -= k;
    }
}

/* Starts a line with the margins of every enclosing container. When they
 * would leave less than half the width for text, they are cut. */
static void S_open(S_ctx *ctx)
{
    if (ctx->st != TEND_OK || ctx->line.open)
        return;
    S_line *l = &ctx->line;
    l->open = true;
    l->col = l->content = 0;
    l->anchor = ctx->anchor;
    size_t want = 0;
    for (size_t i = 0; i < ctx->nmargins; i++)
        want += ctx->margins[i].total;
    size_t min_text = (ctx->width + 1) / 2;
    size_t budget = want;
    if (ctx->width < min_text + budget)
        budget = ctx->width - min_text;
    for (size_t i = 0; i < ctx->nmargins; i++) {
        S_margin *m = &ctx->margins[i];
        if (m->repeat || !m->used) {
            S_add_spaces(ctx, m->lpad, &budget);
            S_add_decor(ctx, m->mark, strlen(m->mark), m->style, &budget);
            S_add_spaces(ctx, m->rpad, &budget);
        } else {
            S_add_spaces(ctx, m->total, &budget);
        }
        m->used = true;
    }
    ctx->avail = ctx->width - l->col;
}

/* Ends the open line (dropping trailing padding) and hands it to the doc. */
static void S_close(S_ctx *ctx)
{
    S_line *l = &ctx->line;
    if (ctx->st != TEND_OK || !l->open)
        return;
    while (l->nspans && l->spans[l->nspans - 1].style == TEND_RS_PAD) {
        tend_render_span *sp = &l->spans[--l->nspans];
        l->text.len = sp->off;
        l->text.data[sp->off] = '\0';
        l->col -= sp->width;
    }
    tend_render_doc *d = ctx->doc;
    if (tend_grow(&d->lines, &ctx->lines_cap, d->nlines + 1, sizeof *d->lines, false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    size_t len = l->text.len;
    char *text = tend_buf_take(&l->text, &len);
    if (!text) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    d->lines[d->nlines++] = (tend_render_line){
        text, len, l->col, l->spans, l->nspans, l->anchor, ctx->heading,
    };
    l->spans = NULL;
    l->nspans = l->cap = 0;
    l->open = false;
}

static void S_blank(S_ctx *ctx)
{
    S_open(ctx);
    S_close(ctx);
}

/* ---- placing words ----------------------------------------------------- */

/* Bytes of s[0..len) that fit in cols columns: whole clusters, or when not
 * even one cluster fits, whole code points (at least one when cols >= 2). */
static size_t S_fit(const char *s, size_t len, size_t cols, size_t *used)
{
    size_t n = tend_utf8_fit(s, len, cols, used);
    if (n > 0 || len == 0)
        return n;
    size_t i = 0, w = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = tend_utf8_decode(s + i, len - i, &cp);
        size_t cw = (size_t)tend_cp_width(cp);
        if (w + cw > cols)
            break;
        w += cw;
        i += k;
    }
    *used = w;
    return i;
}

/* Places a piece's bytes that may run past the line end, cutting it at
 * clusters and continuing on new lines. */
static void S_place_cut(S_ctx *ctx, const S_piece *p)
{
    const char *s = ctx->arena.data + p->off;
    size_t off = 0;
    while (off < p->len && ctx->st == TEND_OK) {
        S_open(ctx);
        size_t room = ctx->avail - ctx->line.content;
        size_t used;
        size_t n = S_fit(s + off, p->len - off, room, &used);
        if (n == 0) {
            if (ctx->line.content == 0) {
                /* Cannot happen while avail >= 2; never loop forever. */
                n = tend_utf8_decode(s + off, p->len - off, &(uint32_t){ 0 });
                S_add(ctx, "?", 1, p->style, p->link);
                off += n;
                continue;
            }
            S_close(ctx);
            continue;
        }
        S_add(ctx, s + off, n, p->style, p->link);
        off += n;
        if (off < p->len)
            S_close(ctx);
    }
}

/* Places the word made of pieces [i, j), after a space when space is set. */
static void S_place_word(S_ctx *ctx, size_t i, size_t j, bool space, const S_piece *before)
{
    size_t w = 0;
    for (size_t k = i; k < j; k++)
        w += tend_utf8_width(ctx->arena.data + ctx->pieces[k].off, ctx->pieces[k].len);
    S_open(ctx);
    size_t c = ctx->line.content;
    size_t need = (c > 0 && space) ? 1 : 0;
    bool cut = false;
    if (c > 0 && c + need + w > ctx->avail) {
        if (w <= ctx->avail || c + need + 4 > ctx->avail) {
            S_close(ctx);
            S_open(ctx);
            need = 0;
        }
        cut = w > ctx->avail;
    } else if (w > ctx->avail) {
        cut = true;
    }
    if (need) {
        const S_piece *after = &ctx->pieces[i];
        bool same = before && before->style == after->style && before->link == after->link;
        S_add(ctx, " ", 1, same ? after->style : TEND_RS_TEXT, same ? after->link : -1);
    }
    for (size_t k = i; k < j; k++) {
        const S_piece *p = &ctx->pieces[k];
        if (cut)
            S_place_cut(ctx, p);
        else
            S_add(ctx, ctx->arena.data + p->off, p->len, p->style, p->link);
    }
}

/* Lays out the collected pieces of a paragraph or heading and empties the
 * collection. */
static void S_flush(S_ctx *ctx)
{
    bool space = false;
    const S_piece *before = NULL;
    size_t i = 0;
    while (i < ctx->npieces && ctx->st == TEND_OK) {
        const S_piece *p = &ctx->pieces[i];
        if (p->kind == P_SPACE) {
            space = true;
            i++;
        } else if (p->kind == P_BREAK) {
            if (ctx->line.open)
                S_close(ctx);
            else
                S_blank(ctx);
            space = false;
            before = NULL;
            i++;
        } else {
            size_t j = i;
            while (j < ctx->npieces && ctx->pieces[j].kind == P_WORD)
                j++;
            S_place_word(ctx, i, j, space, before);
            before = &ctx->pieces[j - 1];
            space = false;
            i = j;
        }
    }
    S_close(ctx);
    ctx->npieces = 0;
    tend_buf_reset(&ctx->arena);
}

/* ---- collecting inline content ---------------------------------------- */

static void S_piece_add(S_ctx *ctx, S_piece_kind kind, const char *s, size_t len,
                        tend_render_style st, int link)
{
    if (ctx->st != TEND_OK)
        return;
    if (tend_grow(&ctx->pieces, &ctx->pieces_cap, ctx->npieces + 1, sizeof *ctx->pieces,
                  false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    size_t off = ctx->arena.len;
    if (tend_buf_append(&ctx->arena, s, len) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    ctx->pieces[ctx->npieces++] = (S_piece){ kind, off, len, st, link };
}

static tend_render_style S_inline_style(const S_ctx *ctx)
{
    if (ctx->link >= 0)
        return TEND_RS_LINK;
    if (ctx->heading)
        return (tend_render_style)(TEND_RS_H1 + ctx->heading - 1);
    if (ctx->code)
        return TEND_RS_CODE;
    if (ctx->strong)
        return TEND_RS_STRONG;
    if (ctx->emph)
        return TEND_RS_EMPH;
    return TEND_RS_TEXT;
}

static void S_note_text(S_ctx *ctx, const char *s, size_t len)
{
    if (ctx->st != TEND_OK)
        return;
    if ((ctx->heading && tend_buf_append(&ctx->heading_text, s, len) != TEND_OK)
        || (ctx->nlink_stack && tend_buf_append(&ctx->link_text, s, len) != TEND_OK))
        ctx->st = TEND_ENOMEM;
}

/* Splits s into word and space pieces in style st. */
static void S_split(S_ctx *ctx, const char *s, size_t len, tend_render_style st, int link)
{
    size_t i = 0;
    while (i < len && ctx->st == TEND_OK) {
        size_t j = i;
        if (S_is_space(s[i])) {
            while (j < len && S_is_space(s[j]))
                j++;
            S_piece_add(ctx, P_SPACE, " ", 1, st, link);
        } else {
            while (j < len && !S_is_space(s[j]))
                j++;
            S_piece_add(ctx, P_WORD, s + i, j - i, st, link);
        }
        i = j;
    }
}

/* Document text in the current inline style. */
static void S_text(S_ctx *ctx, const char *s)
{
    if (!s)
        return;
    size_t len = strlen(s);
    S_note_text(ctx, s, len);
    S_split(ctx, s, len, S_inline_style(ctx), ctx->link);
}

/* A relative link to a "*.md" file (before any #fragment or ?query). */
static bool S_is_page_link(const char *url)
{
    if (!url || !*url || url[0] == '/' || url[0] == '#')
        return false;
    size_t n = strcspn(url, "#?");
    for (size_t i = 0; i < n; i++) {
        if (url[i] == ':')
            return false; /* a scheme: https:, mailto:, file: ... */
        if (url[i] == '/')
            break;
    }
    return n > 3 && memcmp(url + n - 3, ".md", 3) == 0;
}

static void S_link_enter(S_ctx *ctx, cmark_node *node)
{
    if (tend_grow(&ctx->link_stack, &ctx->link_stack_cap, ctx->nlink_stack + 1,
                  sizeof *ctx->link_stack, false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    ctx->link_stack[ctx->nlink_stack++] = ctx->link;
    tend_buf_reset(&ctx->link_text);
    const char *url = cmark_node_get_url(node);
    if (!S_is_page_link(url))
        return;
    tend_render_doc *d = ctx->doc;
    if (tend_grow(&d->links, &ctx->links_cap, d->nlinks + 1, sizeof *d->links, false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    char *target = tend_strdup(url);
    if (!target) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    d->links[d->nlinks] = (tend_render_link){ target, SIZE_MAX, SIZE_MAX };
    ctx->link = (int)d->nlinks++;
}

/* After an outside link's text: " (url)", unless the text is the URL. */
static void S_link_exit(S_ctx *ctx, cmark_node *node)
{
    if (ctx->nlink_stack == 0)
        return;
    int was = ctx->link;
    ctx->link = ctx->link_stack[--ctx->nlink_stack];
    const char *url = cmark_node_get_url(node);
    if (was >= 0 || !url || !*url || S_is_page_link(url))
        return;
    const char *t = ctx->link_text.data ? ctx->link_text.data : "";
    if (strcmp(t, url) == 0 || (strncmp(url, "mailto:", 7) == 0 && strcmp(t, url + 7) == 0))
        return;
    tend_buf shown = TEND_BUF_INIT;
    if (tend_buf_printf(&shown, "(%s)", url) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    S_piece_add(ctx, P_SPACE, " ", 1, TEND_RS_TEXT, -1);
    S_split(ctx, shown.data, shown.len, TEND_RS_URL, -1);
    tend_buf_free(&shown);
}

/* ---- blocks ------------------------------------------------------------ */

static void S_push_margin(S_ctx *ctx, const S_margin *m)
{
    if (tend_grow(&ctx->margins, &ctx->margins_cap, ctx->nmargins + 1, sizeof *ctx->margins,
                  false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    ctx->margins[ctx->nmargins++] = *m;
}

static size_t S_digits(long n)
{
    size_t d = 1;
    while (n >= 10 || n <= -10) {
        n /= 10;
        d++;
    }
    return d + (n < 0);
}

static void S_list_enter(S_ctx *ctx, cmark_node *node)
{
    if (tend_grow(&ctx->lists, &ctx->lists_cap, ctx->nlists + 1, sizeof *ctx->lists,
                  false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    S_list l = { 0 };
    l.ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
    l.delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
    l.next = cmark_node_get_list_start(node);
    long items = 0;
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
        items++;
    long last = l.next + (items > 0 ? items - 1 : 0);
    l.numw = S_digits(last) > S_digits(l.next) ? S_digits(last) : S_digits(l.next);
    size_t depth = 0;
    for (size_t i = 0; i < ctx->nlists; i++)
        depth += !ctx->lists[i].ordered;
    l.depth = depth + !l.ordered;
    ctx->lists[ctx->nlists++] = l;
}

static void S_item_enter(S_ctx *ctx)
{
    if (ctx->nlists == 0)
        return;
    S_list *l = &ctx->lists[ctx->nlists - 1];
    S_margin m = { .style = TEND_RS_MARKER, .rpad = 1 };
    if (l->ordered) {
        snprintf(m.mark, sizeof m.mark, "%ld%c", l->next++, l->delim);
        size_t w = strlen(m.mark);
        m.lpad = l->numw + 1 > w ? l->numw + 1 - w : 0;
    } else {
        static const char *const bullets[] = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa" };
        snprintf(m.mark, sizeof m.mark, "%s", bullets[(l->depth - 1) % 3]);
    }
    m.total = m.lpad + tend_utf8_width(m.mark, strlen(m.mark)) + m.rpad;
    S_push_margin(ctx, &m);
}

/* A code or HTML block: each source line cut (never re-flowed) into lines
 * that fit, continuation lines marked; tabs become spaces to the next stop
 * of four. */
static void S_code_block(S_ctx *ctx, const char *lit)
{
    tend_buf row = TEND_BUF_INIT;
    const char *p = lit ? lit : "";
    size_t total = strlen(p);
    if (total == 0)
        return;
    if (total > 0 && p[total - 1] == '\n')
        total--;
    size_t i = 0;
    do {
        size_t j = i;
        while (j < total && p[j] != '\n')
            j++;
        tend_buf_reset(&row);
        size_t col = 0;
        for (size_t k = i; k < j && ctx->st == TEND_OK; k++) {
            if (p[k] == '\t') {
                do {
                    if (tend_buf_putc(&row, ' ') != TEND_OK)
                        ctx->st = TEND_ENOMEM;
                } while (++col % 4 && ctx->st == TEND_OK);
            } else {
                if (tend_buf_putc(&row, p[k]) != TEND_OK)
                    ctx->st = TEND_ENOMEM;
                col++;
            }
        }
        size_t off = 0;
        bool first = true;
        do {
            S_open(ctx);
            if (ctx->st != TEND_OK)
                break;
            size_t budget = 2;
            if (first)
                S_add_spaces(ctx, 2, &budget);
            else
                S_add_decor(ctx, TEND_RENDER_CODE_CONT, strlen(TEND_RENDER_CODE_CONT),
                            TEND_RS_MARKER, &budget);
            const char *rs = row.data ? row.data : "";
            size_t room = ctx->avail - 2, used;
            size_t n = S_fit(rs + off, row.len - off, room, &used);
            if (n == 0 && off < row.len)
                break; /* unreachable: room >= 3 always holds a code point */
            S_add(ctx, rs + off, n, TEND_RS_CODE_BLOCK, -1);
            off += n;
            first = false;
            S_close(ctx);
        } while (off < row.len && ctx->st == TEND_OK);
        i = j + 1;
    } while (i <= total && ctx->st == TEND_OK);
    tend_buf_free(&row);
}

static void S_rule(S_ctx *ctx)
{
    S_open(ctx);
    size_t n = ctx->avail;
    for (size_t i = 0; i < n && ctx->st == TEND_OK; i++)
        S_add(ctx, "\xe2\x94\x80", 3, TEND_RS_RULE, -1);
    S_close(ctx);
}

/* One blank line before a block that follows another, except inside tight
 * lists. */
static void S_separate(S_ctx *ctx, cmark_node *node, cmark_node *root)
{
    if (node == root || !cmark_node_previous(node))
        return;
    cmark_node *parent = cmark_node_parent(node);
    cmark_node_type t = cmark_node_get_type(node);
    if (t == CMARK_NODE_ITEM && parent && cmark_node_get_list_tight(parent))
        return;
    if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM) {
        cmark_node *list = cmark_node_parent(parent);
        if (list && cmark_node_get_list_tight(list))
            return;
    }
    S_blank(ctx);
}

static void S_heading_exit(S_ctx *ctx, size_t first_line)
{
    S_flush(ctx);
    if (ctx->st != TEND_OK)
        return;
    tend_render_doc *d = ctx->doc;
    if (d->nlines == first_line) {
        /* An empty heading ("### ") laid out no line: it has nowhere to
         * point a table of contents at, so it is not recorded. */
        tend_buf_reset(&ctx->heading_text);
        ctx->heading = 0;
        return;
    }
    if (tend_grow(&d->headings, &ctx->headings_cap, d->nheadings + 1, sizeof *d->headings,
                  false) != TEND_OK) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    size_t len;
    char *text = tend_buf_take(&ctx->heading_text, &len);
    if (!text) {
        ctx->st = TEND_ENOMEM;
        return;
    }
    d->headings[d->nheadings++] = (tend_render_heading){ ctx->heading, text, first_line };
    ctx->heading = 0;
}

static void S_event(S_ctx *ctx, cmark_node *node, cmark_event_type ev, cmark_node *root,
                    size_t *heading_line)
{
    cmark_node_type t = cmark_node_get_type(node);
    const char *lit = cmark_node_get_literal(node);
    bool enter = ev == CMARK_EVENT_ENTER;
    if (enter && t > CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK)
        S_separate(ctx, node, root);
    switch (t) {
    case CMARK_NODE_BLOCK_QUOTE:
        if (enter) {
            S_margin m = { .mark = "\xe2\x94\x82", .rpad = 1, .total = 2,
                           .style = TEND_RS_QUOTE, .repeat = true };
            S_push_margin(ctx, &m);
        } else if (ctx->nmargins) {
            ctx->nmargins--;
        }
        break;
    case CMARK_NODE_LIST:
        if (enter)
            S_list_enter(ctx, node);
        else if (ctx->nlists)
            ctx->nlists--;
        break;
    case CMARK_NODE_ITEM:
        if (enter) {
            S_item_enter(ctx);
        } else if (ctx->nmargins) {
            if (!ctx->margins[ctx->nmargins - 1].used)
                S_blank(ctx); /* an empty item still shows its marker */
            ctx->nmargins--;
        }
        break;
    case CMARK_NODE_PARAGRAPH:
        if (!enter)
            S_flush(ctx);
        break;
    case CMARK_NODE_HEADING:
        if (enter) {
            S_flush(ctx);
            tend_buf_reset(&ctx->heading_text);
            ctx->heading = cmark_node_get_heading_level(node);
            *heading_line = ctx->doc->nlines;
        } else {
            S_heading_exit(ctx, *heading_line);
        }
        break;
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
        S_code_block(ctx, lit);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        S_rule(ctx);
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE:
        S_text(ctx, lit);
        break;
    case CMARK_NODE_CODE:
        ctx->code++;
        S_text(ctx, lit);
        ctx->code--;
        break;
    case CMARK_NODE_SOFTBREAK:
        S_note_text(ctx, " ", 1);
        S_piece_add(ctx, P_SPACE, " ", 1, S_inline_style(ctx), ctx->link);
        break;
    case CMARK_NODE_LINEBREAK:
        S_note_text(ctx, " ", 1);
        S_piece_add(ctx, P_BREAK, "", 0, TEND_RS_TEXT, -1);
        break;
    case CMARK_NODE_EMPH:
        ctx->emph += enter ? 1 : -1;
        break;
    case CMARK_NODE_STRONG:
        ctx->strong += enter ? 1 : -1;
        break;
    case CMARK_NODE_LINK:
        if (enter)
            S_link_enter(ctx, node);
        else
            S_link_exit(ctx, node);
        break;
    default:
        break; /* document, image (its text is laid out), custom nodes */
    }
}

static void S_ctx_free(S_ctx *ctx)
{
    free(ctx->margins);
    free(ctx->lists);
    free(ctx->pieces);
    free(ctx->link_stack);
    tend_buf_free(&ctx->arena);
    tend_buf_free(&ctx->heading_text);
    tend_buf_free(&ctx->link_text);
    tend_buf_free(&ctx->line.text);
    free(ctx->line.spans);
}

tend_status tend_render_ast(struct cmark_node *root, size_t width, tend_render_doc **out,
                            tend_error *err)
{
    *out = NULL;
    if (!root)
        return tend_fail(err, TEND_EINVAL, "nothing to show; the page is empty.");
    if (width < TEND_RENDER_MIN_WIDTH)
        return tend_fail(err, TEND_EINVAL,
                         "the window is too narrow to show text; make it at least %d columns wide.",
                         TEND_RENDER_MIN_WIDTH);
    S_ctx ctx = { 0 };
    ctx.width = width;
    ctx.link = -1;
    ctx.doc = calloc(1, sizeof *ctx.doc);
    if (!ctx.doc)
        return tend_fail(err, TEND_ENOMEM, "out of memory while laying out a page; close other programs and try again.");
    ctx.doc->width = width;
    cmark_iter *it = cmark_iter_new(root);
    if (!it) {
        tend_render_doc_free(ctx.doc);
        return tend_fail(err, TEND_ENOMEM, "out of memory while laying out a page; close other programs and try again.");
    }
    size_t heading_line = 0;
    cmark_event_type ev;
    while (ctx.st == TEND_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        S_event(&ctx, cmark_iter_get_node(it), ev, root, &heading_line);
    cmark_iter_free(it);
    S_flush(&ctx); /* inline content of a non-block root */
    tend_status st = ctx.st;
    S_ctx_free(&ctx);
    if (st != TEND_OK) {
        tend_render_doc_free(ctx.doc);
        return tend_fail(err, st, "out of memory while laying out a page; close other programs and try again.");
    }
    *out = ctx.doc;
    return TEND_OK;
}

tend_status tend_render_markdown(const char *md, size_t len, size_t width,
                                 tend_render_doc **out, tend_error *err)
{
    *out = NULL;
    cmark_node *root = cmark_parse_document(md ? md : "", md ? len : 0, CMARK_OPT_VALIDATE_UTF8);
    if (!root)
        return tend_fail(err, TEND_ENOMEM, "out of memory while reading a page; close other programs and try again.");
    tend_status st = tend_render_ast(root, width, out, err);
    cmark_node_free(root);
    return st;
}

void tend_render_doc_free(tend_render_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->nlines; i++) {
        tend_wipe_free(doc->lines[i].text, doc->lines[i].len + 1);
        free(doc->lines[i].spans);
    }
    free(doc->lines);
    for (size_t i = 0; i < doc->nheadings; i++)
        tend_wipe_str(doc->headings[i].text);
    free(doc->headings);
    for (size_t i = 0; i < doc->nlinks; i++)
        free(doc->links[i].target);
    free(doc->links);
    free(doc);
}
