/*
 * wrap.c — soft wrap of UTF-8 text into visual lines, and the mapping
 * between byte offsets and (row, column).
 *
 * A visual line is computed from its start alone: the greedy rules in
 * edit.h look only at the text from the line's start to the first cluster
 * that does not fit (and the '\n' that ends the hard line). That makes the
 * layout cheap to repair after an edit: re-wrap from a few lines before the
 * edit until a freshly computed line starts where an old line (shifted by
 * the edit's change in length) started past the edit; from there on the old
 * lines are still right. tend_wrap_update does that; tend_wrap_text is the
 * full pass.
 *
 * The lines hold offsets only, never text, so their memory needs no wiping.
 */
#include "tend/edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool S_is_break(char c)
{
    return c == ' ' || c == '\t';
}

/* End of the hard line (paragraph) that contains p: the '\n' or len. */
static size_t S_para_end(const char *s, size_t len, size_t p)
{
    const char *nl = memchr(s + p, '\n', len - p);
    return nl ? (size_t)(nl - s) : len;
}

/* The visual line starting at p, where p is a line start and pe the end of
 * its hard line (S_para_end). */
static void S_line(const char *s, size_t len, size_t pe, size_t p, size_t width,
                   tend_wrap_line *ln)
{
    size_t limit = width ? width : SIZE_MAX;
    size_t n = pe - p;
    size_t k = n < limit ? n : limit;
    size_t i = 0, q, used;

    /* Fast path: a run of ASCII is one column per byte, and an ASCII byte
     * followed by another ASCII byte is always a cluster boundary. */
    while (i < k && (unsigned char)s[p + i] < 0x80)
        i++;
    if (i == k && (p + k == pe || (unsigned char)s[p + k] < 0x80)) {
        q = p + k;
        used = k;
    } else {
        q = p + tend_utf8_fit(s + p, n, limit, &used);
    }

    ln->start = p;
    if (q == pe) { /* the rest of the hard line fits */
        ln->end = pe;
        ln->cols = used;
        ln->next = pe < len ? pe + 1 : len;
        return;
    }
    if (S_is_break(s[q])) { /* hang the one space that does not fit */
        ln->end = q;
        ln->cols = used;
        ln->next = q + 1;
        return;
    }
    size_t b = q;
    while (b > p && !S_is_break(s[b - 1]))
        b--;
    if (b > p) { /* break after the last space that fits */
        ln->end = ln->next = b;
        ln->cols = tend_utf8_width(s + p, b - p);
        return;
    }
    if (q == p) { /* not even one cluster fits: take it anyway */
        q = p + tend_utf8_next(s + p, n, 0);
        used = tend_utf8_width(s + p, q - p);
    }
    ln->end = ln->next = q; /* a word longer than the width: cut it */
    ln->cols = used;
}

static tend_status S_push(tend_wrap *w, const tend_wrap_line *ln, tend_error *err)
{
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 64;
        if (cap > SIZE_MAX / sizeof *w->lines)
            return tend_fail(err, TEND_ENOMEM, "out of memory wrapping text; close other programs and try again");
        tend_wrap_line *p = realloc(w->lines, cap * sizeof *p);
        if (!p)
            return tend_fail(err, TEND_ENOMEM, "out of memory wrapping text; close other programs and try again");
        w->lines = p;
        w->cap = cap;
    }
    w->lines[w->count++] = *ln;
    return TEND_OK;
}

void tend_wrap_free(tend_wrap *w)
{
    free(w->lines);
    *w = (tend_wrap)TEND_WRAP_INIT;
}

tend_status tend_wrap_text(const char *s, size_t len, size_t width, tend_wrap *w,
                           tend_error *err)
{
    w->count = 0;
    w->width = width;
    size_t p = 0, pe = S_para_end(s, len, 0);
    for (;;) {
        tend_wrap_line ln;
        S_line(s, len, pe, p, width, &ln);
        if (S_push(w, &ln, err) != TEND_OK) {
            tend_wrap_free(w);
            return TEND_ENOMEM;
        }
        if (ln.end == len)
            return TEND_OK;
        p = ln.next;
        if (p > pe)
            pe = S_para_end(s, len, p);
    }
}

tend_status tend_wrap_update(tend_wrap *w, const char *s, size_t len, size_t lo,
                             size_t old_hi, size_t new_hi, tend_error *err)
{
    if (w->count == 0)
        return tend_wrap_text(s, len, w->width, w, err);

    /* Lines well before the edit cannot have changed: a line's decision
     * looks at most at the first cluster two lines further on, and line
     * starts strictly increase, so three lines back is safe. */
    size_t i = tend_wrap_row(w, lo);
    size_t k = i >= 3 ? i - 3 : 0;
    size_t p = k ? w->lines[k].start : 0;
    size_t pe = S_para_end(s, len, p);

    /* First old line that starts at or after the edited range. */
    size_t m = i;
    while (m < w->count && w->lines[m].start < old_hi)
        m++;

    tend_wrap fresh = TEND_WRAP_INIT;
    for (;;) {
        tend_wrap_line ln;
        S_line(s, len, pe, p, w->width, &ln);
        if (ln.start >= new_hi) {
            /* old start S maps to S - old_hi + new_hi in the new text */
            while (m < w->count && w->lines[m].start - old_hi + new_hi < ln.start)
                m++;
            if (m < w->count && w->lines[m].start - old_hi + new_hi == ln.start)
                break; /* in step with the old layout again */
        }
        if (S_push(&fresh, &ln, err) != TEND_OK) {
            tend_wrap_free(&fresh);
            return TEND_ENOMEM;
        }
        if (ln.end == len) {
            m = w->count;
            break;
        }
        p = ln.next;
        if (p > pe)
            pe = S_para_end(s, len, p);
    }

    size_t tail = w->count - m;
    size_t total = k + fresh.count + tail;
    if (total > w->cap) {
        tend_wrap_line *nl = realloc(w->lines, total * sizeof *nl);
        if (!nl) {
            tend_wrap_free(&fresh);
            return tend_fail(err, TEND_ENOMEM, "out of memory wrapping text; close other programs and try again");
        }
        w->lines = nl;
        w->cap = total;
    }
    memmove(w->lines + k + fresh.count, w->lines + m, tail * sizeof *w->lines);
    for (size_t j = k + fresh.count; j < total; j++) {
        tend_wrap_line *ln = &w->lines[j];
        ln->start = ln->start - old_hi + new_hi;
        ln->end = ln->end - old_hi + new_hi;
        ln->next = ln->next - old_hi + new_hi;
    }
    if (fresh.count)
        memcpy(w->lines + k, fresh.lines, fresh.count * sizeof *w->lines);
    w->count = total;
    tend_wrap_free(&fresh);
    return TEND_OK;
}

size_t tend_wrap_row(const tend_wrap *w, size_t pos)
{
    if (w->count == 0)
        return 0;
    size_t lo = 0, hi = w->count - 1;
    while (lo < hi) { /* largest row whose start <= pos */
        size_t mid = lo + (hi - lo + 1) / 2;
        if (w->lines[mid].start <= pos)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

void tend_wrap_to_rc(const tend_wrap *w, const char *s, size_t len, size_t pos,
                     size_t *row, size_t *col)
{
    *row = *col = 0;
    if (w->count == 0)
        return;
    if (pos > len)
        pos = len;
    size_t r = tend_wrap_row(w, pos);
    *row = r;
    *col = tend_utf8_width(s + w->lines[r].start, pos - w->lines[r].start);
}

/* The last cursor position of row r: the end of the drawn part when a '\n'
 * or a hung space follows it (or on the last row); otherwise the start of
 * the row's last cluster, as the row's end is the next row's start. */
static size_t S_row_last(const tend_wrap *w, const char *s, size_t len, size_t r)
{
    const tend_wrap_line *ln = &w->lines[r];
    if (r + 1 == w->count || ln->end < ln->next)
        return ln->end;
    size_t q = tend_utf8_prev(s, len, ln->next);
    return q < ln->start ? ln->start : q;
}

size_t tend_wrap_from_rc(const tend_wrap *w, const char *s, size_t len, size_t row,
                         size_t col)
{
    if (w->count == 0)
        return 0;
    if (row >= w->count)
        row = w->count - 1;
    size_t start = w->lines[row].start;
    size_t last = S_row_last(w, s, len, row);
    return start + tend_utf8_fit(s + start, last - start, col, NULL);
}
