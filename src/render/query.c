/*
 * query.c — questions asked of a laid-out document: style names, reading
 * positions, search, the heading a line is under, and the text dump used by
 * golden tests.
 */
#include "tend/render.h"

#include <string.h>

static const struct {
    const char *name;
    char letter;
} S_styles[TEND_RS_COUNT] = {
    [TEND_RS_TEXT] = { "text", 'T' },
    [TEND_RS_EMPH] = { "emph", 'e' },
    [TEND_RS_STRONG] = { "strong", 's' },
    [TEND_RS_CODE] = { "code", 'c' },
    [TEND_RS_LINK] = { "link", 'L' },
    [TEND_RS_URL] = { "url", 'u' },
    [TEND_RS_H1] = { "h1", '1' },
    [TEND_RS_H2] = { "h2", '2' },
    [TEND_RS_H3] = { "h3", '3' },
    [TEND_RS_H4] = { "h4", '4' },
    [TEND_RS_H5] = { "h5", '5' },
    [TEND_RS_H6] = { "h6", '6' },
    [TEND_RS_CODE_BLOCK] = { "code-block", 'B' },
    [TEND_RS_PAD] = { "pad", ' ' },
    [TEND_RS_MARKER] = { "marker", 'M' },
    [TEND_RS_QUOTE] = { "quote", 'Q' },
    [TEND_RS_RULE] = { "rule", 'R' },
};

bool tend_render_style_is_decor(tend_render_style st)
{
    return st == TEND_RS_PAD || st == TEND_RS_MARKER || st == TEND_RS_QUOTE
        || st == TEND_RS_RULE;
}

const char *tend_render_style_name(tend_render_style st)
{
    return (unsigned)st < TEND_RS_COUNT ? S_styles[st].name : "unknown";
}

char tend_render_style_letter(tend_render_style st)
{
    return (unsigned)st < TEND_RS_COUNT ? S_styles[st].letter : '?';
}

/* True when the line holds any document text (not only decoration). */
static bool S_has_text(const tend_render_line *l)
{
    for (size_t i = 0; i < l->nspans; i++)
        if (!tend_render_style_is_decor(l->spans[i].style))
            return true;
    return false;
}

size_t tend_render_line_at(const tend_render_doc *doc, size_t anchor)
{
    size_t best = 0;
    bool found = false;
    for (size_t i = 0; i < doc->nlines; i++) {
        if (doc->lines[i].anchor > anchor)
            break;
        if (S_has_text(&doc->lines[i])) {
            best = i;
            found = true;
        }
    }
    if (!found) {
        /* Before any text: the first line at that position. */
        for (size_t i = 0; i < doc->nlines; i++)
            if (doc->lines[i].anchor >= anchor)
                return i;
    }
    return best;
}

static char S_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool tend_render_line_find(const tend_render_line *line, const char *needle, size_t from,
                           size_t *off)
{
    size_t n = needle ? strlen(needle) : 0;
    if (n == 0 || n > line->len)
        return false;
    for (size_t i = from; i + n <= line->len; i++) {
        size_t k = 0;
        while (k < n && S_lower(line->text[i + k]) == S_lower(needle[k]))
            k++;
        if (k == n) {
            *off = i;
            return true;
        }
    }
    return false;
}

bool tend_render_search(const tend_render_doc *doc, const char *needle, size_t start,
                        bool forward, size_t *line)
{
    size_t n = doc->nlines, off;
    if (n == 0 || !needle || !*needle)
        return false;
    if (start >= n)
        start = n - 1;
    for (size_t step = 1; step <= n; step++) {
        size_t i = forward ? (start + step) % n : (start + n - step % n) % n;
        if (tend_render_line_find(&doc->lines[i], needle, 0, &off)) {
            *line = i;
            return true;
        }
    }
    return false;
}

long tend_render_heading_at(const tend_render_doc *doc, size_t line)
{
    long at = -1;
    for (size_t i = 0; i < doc->nheadings && doc->headings[i].line <= line; i++)
        at = (long)i;
    return at;
}

tend_status tend_render_dump(const tend_render_doc *doc, tend_buf *out)
{
    tend_status st = tend_buf_printf(out, "width %zu, %zu lines\n", doc->width, doc->nlines);
    for (size_t i = 0; i < doc->nlines && st == TEND_OK; i++) {
        const tend_render_line *l = &doc->lines[i];
        size_t pad = l->width < doc->width ? doc->width - l->width : 0;
        st = tend_buf_printf(out, "%4zu|%s%*s|\n    |", i, l->text, (int)pad, "");
        for (size_t k = 0; k < l->nspans && st == TEND_OK; k++)
            for (size_t c = 0; c < l->spans[k].width && st == TEND_OK; c++)
                st = tend_buf_putc(out, tend_render_style_letter(l->spans[k].style));
        if (st == TEND_OK)
            st = tend_buf_printf(out, "%*s|\n", (int)pad, "");
    }
    for (size_t i = 0; i < doc->nheadings && st == TEND_OK; i++)
        st = tend_buf_printf(out, "heading h%d line %zu: %s\n", doc->headings[i].level,
                             doc->headings[i].line, doc->headings[i].text);
    for (size_t i = 0; i < doc->nlinks && st == TEND_OK; i++)
        st = tend_buf_printf(out, "link %zu lines %zu-%zu: %s\n", i, doc->links[i].first_line,
                             doc->links[i].last_line, doc->links[i].target);
    return st == TEND_OK ? TEND_OK : TEND_ENOMEM;
}
