/*
 * edit.c — the editing buffer: a gap buffer of UTF-8 text, a cursor that
 * moves by character cluster, undo/redo, a live word count and a cached
 * soft-wrap layout (wrap.c).
 *
 * The gap. Text lives in buf[0..gs) and buf[ge..cap); the gap [gs, ge) is
 * kept all zeros (bytes are zeroed as they are vacated), so stale plaintext
 * never lingers in it, and there is always at least one byte of gap so the
 * text can be handed out NUL-terminated. Edits move the gap to the edit
 * point first (O(distance)); readers that need one string (view, layout,
 * word moves) move it to the end. Growth doubles into fresh memory and
 * wipes the old block. The gap always sits on a code-point boundary, so a
 * code point never straddles it.
 *
 * Clusters. Boundaries follow core's rule (tend_utf8_next/prev), pairwise
 * between neighbouring code points, with one addition: a '\n' is always a
 * cluster of its own, so nothing joins across a hard line end.
 *
 * Undo. Each step records "at pos, bytes del were replaced by bytes ins"
 * plus the cursor before and after. Typing, backspacing and forward
 * deleting extend the open step while they continue where the last one
 * left off; anything else closes it. A backspace run prepends to del, which
 * would be quadratic, so while the run is open del holds its bytes reversed
 * (each deleted cluster is appended reversed) and is turned the right way
 * round when the step closes.
 */
#include "tend/edit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ZWJ 0x200D
#define REPLACEMENT "\xEF\xBF\xBD"
#define DOTTED_CIRCLE "\xE2\x97\x8C"

typedef enum { S_NONE, S_TYPE, S_PASTE, S_DEL_BACK, S_DEL_FWD } S_kind;

typedef struct {
    S_kind kind;
    size_t pos;        /* where the replacement happened */
    tend_buf del;      /* bytes removed (reversed while del_rev) */
    tend_buf ins;      /* bytes put in their place */
    bool del_rev;
    size_t cur_before; /* cursor before the step (restored by undo) */
    size_t cur_after;  /* cursor after the step (restored by redo) */
} S_step;

struct tend_edit {
    char *buf;
    size_t cap, gs, ge;   /* gap is [gs, ge) */
    size_t cur;
    size_t goal;          /* goal column of vertical moves, when has_goal */
    bool has_goal;
    bool cr_pending;      /* the last insert ended in '\r' (stored as '\n') */
    size_t words;

    S_step *steps;
    size_t nsteps, capsteps;
    size_t done;          /* steps [0, done) are applied; [done, nsteps) can be redone */
    bool open;            /* steps[done - 1] may still be extended */

    size_t width;
    tend_wrap wrap;
    bool wrap_ok;         /* wrap was computed at this width */
    bool dirty;           /* text changed since: old [d_lo, d_ohi) -> new [d_lo, d_nhi) */
    size_t d_lo, d_ohi, d_nhi;
};

static tend_status S_nomem(tend_error *err)
{
    return tend_fail(err, TEND_ENOMEM, "out of memory in the editor; save your words and close other programs");
}

/* ---- the gap buffer ---------------------------------------------------- */

static size_t S_len(const tend_edit *ed)
{
    return ed->cap - (ed->ge - ed->gs);
}

static unsigned char S_byte(const tend_edit *ed, size_t i)
{
    return (unsigned char)(i < ed->gs ? ed->buf[i] : ed->buf[i + (ed->ge - ed->gs)]);
}

/* Makes room for n more bytes of text (plus the spare NUL byte). */
static tend_status S_reserve(tend_edit *ed, size_t n, tend_error *err)
{
    size_t len = S_len(ed);
    if (n < SIZE_MAX && ed->ge - ed->gs >= n + 1)
        return TEND_OK;
    if (len > SIZE_MAX / 4 || n > SIZE_MAX / 4 - len)
        return S_nomem(err);
    size_t cap = ed->cap ? ed->cap : 64;
    while (cap < len + n + 1)
        cap *= 2;
    char *p = malloc(cap);
    if (!p)
        return S_nomem(err);
    size_t post = ed->cap - ed->ge;
    if (ed->gs)
        memcpy(p, ed->buf, ed->gs);
    memset(p + ed->gs, 0, cap - post - ed->gs);
    if (post)
        memcpy(p + cap - post, ed->buf + ed->ge, post);
    tend_wipe_free(ed->buf, ed->cap);
    ed->buf = p;
    ed->ge = cap - post;
    ed->cap = cap;
    return TEND_OK;
}

/* Moves the gap to logical position pos, zeroing the bytes it leaves. */
static void S_gap_to(tend_edit *ed, size_t pos)
{
    if (pos < ed->gs) {
        size_t n = ed->gs - pos;
        memmove(ed->buf + ed->ge - n, ed->buf + pos, n);
        size_t stale_end = ed->gs < ed->ge - n ? ed->gs : ed->ge - n;
        memset(ed->buf + pos, 0, stale_end - pos);
        ed->gs = pos;
        ed->ge -= n;
    } else if (pos > ed->gs) {
        size_t n = pos - ed->gs;
        memmove(ed->buf + ed->gs, ed->buf + ed->ge, n);
        size_t stale = ed->ge > ed->gs + n ? ed->ge : ed->gs + n;
        memset(ed->buf + stale, 0, ed->ge + n - stale);
        ed->gs += n;
        ed->ge += n;
    }
}

/* The text as one string (gap moved to the end; the gap is zeros, so a
 * NUL follows the text). */
static const char *S_flat(tend_edit *ed)
{
    S_gap_to(ed, S_len(ed));
    return ed->buf;
}

/* ---- code points and clusters ------------------------------------------ */

/* Decodes the code point at logical position i (< len). */
static size_t S_cp_at(const tend_edit *ed, size_t i, uint32_t *cp)
{
    char tmp[4];
    size_t len = S_len(ed), n = 0;
    while (n < 4 && i + n < len) {
        tmp[n] = (char)S_byte(ed, i + n);
        n++;
    }
    return tend_utf8_decode(tmp, n, cp);
}

/* Start of the code point that ends at i (i > 0; the text is valid UTF-8). */
static size_t S_cp_start_before(const tend_edit *ed, size_t i)
{
    size_t p = i - 1;
    while (p > 0 && i - p < 4 && (S_byte(ed, p) & 0xC0) == 0x80)
        p--;
    return p;
}

static bool S_joins(uint32_t before, uint32_t cp)
{
    if (before == '\n' || cp == '\n')
        return false;
    return tend_cp_is_extend(cp) || before == ZWJ;
}

static bool S_is_boundary(const tend_edit *ed, size_t pos)
{
    size_t len = S_len(ed);
    if (pos == 0 || pos >= len)
        return true;
    uint32_t before, cp;
    S_cp_at(ed, S_cp_start_before(ed, pos), &before);
    S_cp_at(ed, pos, &cp);
    return !S_joins(before, cp);
}

/* Next cluster boundary after pos in s[0..len) (pos a boundary < len). */
static size_t S_next(const char *s, size_t len, size_t pos)
{
    if (pos >= len)
        return len;
    if (s[pos] == '\n')
        return pos + 1;
    size_t r = tend_utf8_next(s, len, pos);
    const char *nl = memchr(s + pos, '\n', r - pos);
    return nl ? (size_t)(nl - s) : r;
}

/* Previous cluster boundary before pos in s[0..pos). */
static size_t S_prev(const char *s, size_t pos)
{
    if (pos == 0)
        return 0;
    if (s[pos - 1] == '\n')
        return pos - 1;
    size_t r = tend_utf8_prev(s, pos, pos);
    for (size_t i = pos; i > r; i--)
        if (s[i - 1] == '\n')
            return i;
    return r;
}

static bool S_is_space(uint32_t cp)
{
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x205F || cp == 0x3000;
}

/* Whether the cluster starting at pos in s is white space (its base). */
static bool S_space_at(const char *s, size_t len, size_t pos)
{
    uint32_t cp;
    tend_utf8_decode(s + pos, len - pos, &cp);
    return S_is_space(cp);
}

/* ---- word count -------------------------------------------------------- */

/* Number of word starts among the code points starting in [lo, hi), plus
 * the first base character at or after hi (whose word start depends on
 * what precedes it). A word starts at a non-space base character after a
 * space or the start; joining code points (combining marks, ...) belong to
 * what they join. */
static size_t S_word_starts(const tend_edit *ed, size_t lo, size_t hi)
{
    size_t len = S_len(ed), count = 0;
    bool prev_space = true;
    size_t p = lo;
    while (p > 0) {
        uint32_t cp;
        p = S_cp_start_before(ed, p);
        S_cp_at(ed, p, &cp);
        if (tend_cp_is_extend(cp))
            continue;
        prev_space = S_is_space(cp);
        break;
    }
    for (size_t i = lo; i < len;) {
        uint32_t cp;
        bool past = i >= hi;
        i += S_cp_at(ed, i, &cp);
        if (tend_cp_is_extend(cp))
            continue;
        bool sp = S_is_space(cp);
        if (!sp && prev_space)
            count++;
        prev_space = sp;
        if (past)
            break;
    }
    return count;
}

/* ---- the one primitive that changes text ---------------------------------
 * Replaces [pos, pos + dl) with ins[0..il). The caller has reserved il bytes
 * of gap; nothing here can fail. Keeps the word count and the layout's
 * dirty range up to date. */
static void S_replace(tend_edit *ed, size_t pos, size_t dl, const char *ins, size_t il)
{
    S_gap_to(ed, pos);
    size_t before = S_word_starts(ed, pos, pos + dl);
    memset(ed->buf + ed->ge, 0, dl);
    ed->ge += dl;
    if (il)
        memcpy(ed->buf + ed->gs, ins, il);
    ed->gs += il;
    size_t after = S_word_starts(ed, pos, pos + il);
    ed->words = ed->words - before + after;

    if (!ed->dirty) {
        ed->dirty = true;
        ed->d_lo = pos;
        ed->d_ohi = pos + dl;
        ed->d_nhi = pos + il;
    } else {
        size_t u = ed->d_nhi > pos + dl ? ed->d_nhi : pos + dl;
        ed->d_ohi += u - ed->d_nhi;
        ed->d_nhi = u - dl + il;
        if (pos < ed->d_lo)
            ed->d_lo = pos;
    }
}

/* ---- undo history ------------------------------------------------------ */

static void S_reverse(char *p, size_t n)
{
    for (size_t i = 0, j = n; i + 1 < j; i++, j--) {
        char t = p[i];
        p[i] = p[j - 1];
        p[j - 1] = t;
    }
}

static void S_close(tend_edit *ed)
{
    if (ed->open && ed->done > 0) {
        S_step *st = &ed->steps[ed->done - 1];
        if (st->del_rev) {
            S_reverse(st->del.data, st->del.len);
            st->del_rev = false;
        }
    }
    ed->open = false;
    ed->cr_pending = false;
}

static void S_step_free(S_step *st)
{
    tend_buf_free(&st->del);
    tend_buf_free(&st->ins);
}

static void S_history_free(tend_edit *ed)
{
    for (size_t i = 0; i < ed->nsteps; i++)
        S_step_free(&ed->steps[i]);
    free(ed->steps); /* the steps' text was wiped by tend_buf_free */
    ed->steps = NULL;
    ed->nsteps = ed->capsteps = ed->done = 0;
    ed->open = false;
}

/* Performs a recorded edit: replaces [pos, pos + dl) with ins[0..il),
 * extending the open step when kind continues it, else starting a new step
 * (which drops whatever could be redone). The cursor ends at cur_after. All
 * memory is reserved before anything changes. */
static tend_status S_edit(tend_edit *ed, S_kind kind, size_t pos, size_t dl,
                          const char *ins, size_t il, size_t cur_after, tend_error *err)
{
    S_step *st = ed->open && ed->done == ed->nsteps && ed->done ? &ed->steps[ed->done - 1] : NULL;
    bool merge = false;
    if (st && st->kind == kind) {
        if (kind == S_TYPE)
            merge = dl == 0 && st->pos + st->ins.len == pos;
        else if (kind == S_DEL_BACK)
            merge = il == 0 && pos + dl == st->pos;
        else if (kind == S_DEL_FWD)
            merge = il == 0 && pos == st->pos;
    }
    if (!merge)
        S_close(ed);

    if (S_reserve(ed, il, err) != TEND_OK)
        return TEND_ENOMEM;
    S_step fresh = { kind, pos, TEND_BUF_INIT, TEND_BUF_INIT, kind == S_DEL_BACK, ed->cur, 0 };
    S_step *target = merge ? st : &fresh;
    if (tend_buf_reserve(&target->del, dl) != TEND_OK ||
        tend_buf_reserve(&target->ins, il) != TEND_OK) {
        S_step_free(&fresh);
        return S_nomem(err);
    }
    if (!merge && ed->done == ed->capsteps) {
        size_t cap = ed->capsteps ? ed->capsteps * 2 : 16;
        S_step *p = realloc(ed->steps, cap * sizeof *p); /* steps hold no text inline */
        if (!p) {
            S_step_free(&fresh);
            return S_nomem(err);
        }
        ed->steps = p;
        ed->capsteps = cap;
    }

    /* Nothing can fail from here on. */
    S_gap_to(ed, pos);
    const char *gone = ed->buf + ed->ge;
    if (target->del_rev) {
        size_t at = target->del.len;
        tend_buf_append(&target->del, gone, dl);
        S_reverse(target->del.data + at, dl);
    } else {
        tend_buf_append(&target->del, gone, dl);
    }
    tend_buf_append(&target->ins, ins, il);
    S_replace(ed, pos, dl, ins, il);
    if (merge) {
        st->pos = pos < st->pos ? pos : st->pos;
    } else {
        for (size_t i = ed->done; i < ed->nsteps; i++)
            S_step_free(&ed->steps[i]);
        ed->steps[ed->done] = fresh;
        ed->nsteps = ++ed->done;
        st = &ed->steps[ed->done - 1];
    }
    st->cur_after = cur_after;
    ed->cur = cur_after;
    ed->has_goal = false;
    ed->open = kind != S_PASTE;
    return TEND_OK;
}

/* ---- life cycle -------------------------------------------------------- */

tend_status tend_edit_new(tend_edit **out, tend_error *err)
{
    *out = NULL;
    tend_edit *ed = calloc(1, sizeof *ed);
    if (!ed)
        return S_nomem(err);
    ed->width = 80;
    if (S_reserve(ed, 63, err) != TEND_OK) {
        free(ed);
        return TEND_ENOMEM;
    }
    *out = ed;
    return TEND_OK;
}

void tend_edit_free(tend_edit *ed)
{
    if (!ed)
        return;
    S_history_free(ed);
    tend_wipe_free(ed->buf, ed->cap);
    tend_wrap_free(&ed->wrap);
    tend_wipe(ed, sizeof *ed);
    free(ed);
}

static void S_forget_layout(tend_edit *ed)
{
    ed->wrap_ok = false;
    ed->dirty = false;
    ed->has_goal = false;
}

void tend_edit_clear(tend_edit *ed)
{
    S_history_free(ed);
    tend_wipe(ed->buf, ed->cap);
    ed->gs = 0;
    ed->ge = ed->cap;
    ed->cur = 0;
    ed->words = 0;
    ed->cr_pending = false;
    S_forget_layout(ed);
}

/* ---- sanitising input -------------------------------------------------- */

static bool S_is_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
}

/* True when s[0..len), inserted where a line starts (para_start) or not,
 * can go into the buffer as it is. */
static bool S_is_clean(const char *s, size_t len, bool para_start)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (S_is_control(c))
                return false;
            para_start = c == '\n';
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = tend_utf8_decode(s + i, len - i, &cp);
        if ((cp == 0xFFFD && n == 1) || S_is_control(cp) || (para_start && tend_cp_is_extend(cp)))
            return false;
        para_start = false;
        i += n;
    }
    return true;
}

/* Appends a sanitised copy of s[0..len) to out: invalid bytes and control
 * characters become U+FFFD, "\r\n" and "\r" become "\n", and a joining
 * code point with nothing to join (where a line starts) gets a U+25CC base,
 * so no cluster is ever zero columns wide. */
static tend_status S_clean(const char *s, size_t len, bool para_start, tend_buf *out)
{
    if (tend_buf_reserve(out, len + len / 2 + 4) != TEND_OK)
        return TEND_ENOMEM;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = tend_utf8_decode(s + i, len - i, &cp);
        tend_status st = TEND_OK;
        bool starts_para = para_start;
        para_start = false;
        if (cp == '\r' || cp == '\n') {
            st = tend_buf_putc(out, '\n');
            if (cp == '\r' && i + 1 < len && s[i + 1] == '\n')
                n = 2;
            para_start = true;
        } else if ((cp == 0xFFFD && n == 1) || S_is_control(cp)) {
            st = tend_buf_append(out, REPLACEMENT, 3);
        } else {
            if (starts_para && tend_cp_is_extend(cp))
                st = tend_buf_append(out, DOTTED_CIRCLE, 3);
            if (st == TEND_OK)
                st = tend_buf_append(out, s + i, n);
        }
        if (st != TEND_OK)
            return st;
        i += n;
    }
    return TEND_OK;
}

tend_status tend_edit_set_text(tend_edit *ed, const char *s, size_t len, tend_error *err)
{
    tend_buf clean = TEND_BUF_INIT;
    if (S_clean(s, len, true, &clean) != TEND_OK) {
        tend_buf_free(&clean);
        return S_nomem(err);
    }
    size_t cap = 64;
    while (cap < clean.len + 1 && cap <= SIZE_MAX / 4)
        cap *= 2;
    char *p = cap >= clean.len + 1 ? malloc(cap) : NULL;
    if (!p) {
        tend_buf_free(&clean);
        return S_nomem(err);
    }
    if (clean.len)
        memcpy(p, clean.data, clean.len);
    memset(p + clean.len, 0, cap - clean.len);
    size_t n = clean.len;
    tend_buf_free(&clean);

    tend_edit_clear(ed);
    tend_wipe_free(ed->buf, ed->cap);
    ed->buf = p;
    ed->cap = cap;
    ed->gs = ed->cur = n;
    ed->ge = cap;
    ed->words = S_word_starts(ed, 0, S_len(ed));
    return TEND_OK;
}

/* ---- reading ----------------------------------------------------------- */

size_t tend_edit_len(const tend_edit *ed)
{
    return S_len(ed);
}

size_t tend_edit_cursor(const tend_edit *ed)
{
    return ed->cur;
}

size_t tend_edit_words(const tend_edit *ed)
{
    return ed->words;
}

const char *tend_edit_view(tend_edit *ed, size_t *len)
{
    const char *s = S_flat(ed);
    if (len)
        *len = S_len(ed);
    return s;
}

char *tend_edit_text(tend_edit *ed, size_t *len, tend_error *err)
{
    size_t n;
    const char *s = tend_edit_view(ed, &n);
    char *p = malloc(n + 1);
    if (!p) {
        S_nomem(err);
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    if (len)
        *len = n;
    return p;
}

/* ---- layout ------------------------------------------------------------ */

void tend_edit_set_width(tend_edit *ed, size_t width)
{
    if (width != ed->width)
        S_forget_layout(ed);
    ed->width = width;
}

size_t tend_edit_width(const tend_edit *ed)
{
    return ed->width;
}

const tend_wrap *tend_edit_layout(tend_edit *ed, tend_error *err)
{
    size_t len;
    const char *s = tend_edit_view(ed, &len);
    tend_status st;
    if (!ed->wrap_ok || ed->wrap.width != ed->width) {
        st = tend_wrap_text(s, len, ed->width, &ed->wrap, err);
    } else if (ed->dirty) {
        st = tend_wrap_update(&ed->wrap, s, len, ed->d_lo, ed->d_ohi, ed->d_nhi, err);
    } else {
        return &ed->wrap;
    }
    if (st != TEND_OK) {
        ed->wrap_ok = false;
        return NULL;
    }
    ed->wrap_ok = true;
    ed->dirty = false;
    return &ed->wrap;
}

tend_status tend_edit_cursor_rc(tend_edit *ed, size_t *row, size_t *col, tend_error *err)
{
    *row = *col = 0;
    const tend_wrap *w = tend_edit_layout(ed, err);
    if (!w)
        return TEND_ENOMEM;
    tend_wrap_to_rc(w, ed->buf, S_len(ed), ed->cur, row, col);
    return TEND_OK;
}

/* ---- cursor moves ------------------------------------------------------ */

void tend_edit_set_cursor(tend_edit *ed, size_t pos)
{
    S_close(ed);
    ed->has_goal = false;
    size_t len = S_len(ed);
    if (pos > len)
        pos = len;
    while (pos > 0 && pos < len && (S_byte(ed, pos) & 0xC0) == 0x80)
        pos--;
    if (!S_is_boundary(ed, pos)) {
        const char *s = S_flat(ed);
        pos = S_prev(s, pos);
    }
    ed->cur = pos;
}

/* The cluster boundary before / after the cursor, reading either side of
 * the gap placed at the cursor (no need to close the gap). */
static size_t S_left_of_cursor(tend_edit *ed)
{
    S_gap_to(ed, ed->cur);
    return S_prev(ed->buf, ed->gs);
}

static size_t S_right_of_cursor(tend_edit *ed)
{
    S_gap_to(ed, ed->cur);
    return ed->gs + S_next(ed->buf + ed->ge, ed->cap - ed->ge, 0);
}

static size_t S_word_left(tend_edit *ed)
{
    const char *s = S_flat(ed);
    size_t len = S_len(ed), p = ed->cur;
    while (p > 0 && S_space_at(s, len, S_prev(s, p)))
        p = S_prev(s, p);
    while (p > 0 && !S_space_at(s, len, S_prev(s, p)))
        p = S_prev(s, p);
    return p;
}

static size_t S_word_right(tend_edit *ed)
{
    const char *s = S_flat(ed);
    size_t len = S_len(ed), p = ed->cur;
    while (p < len && S_space_at(s, len, p))
        p = S_next(s, len, p);
    while (p < len && !S_space_at(s, len, p))
        p = S_next(s, len, p);
    return p;
}

/* Vertical moves by rows (negative: up), keeping the goal column. */
static tend_status S_vertical(tend_edit *ed, bool up, size_t rows, tend_error *err)
{
    const tend_wrap *w = tend_edit_layout(ed, err);
    if (!w)
        return TEND_ENOMEM;
    size_t len = S_len(ed), row, col;
    tend_wrap_to_rc(w, ed->buf, len, ed->cur, &row, &col);
    if (!ed->has_goal) {
        ed->goal = col;
        ed->has_goal = true;
    }
    if (up) {
        if (row == 0)
            ed->cur = 0;
        else
            ed->cur = tend_wrap_from_rc(w, ed->buf, len, row > rows ? row - rows : 0, ed->goal);
    } else {
        if (row + 1 >= w->count)
            ed->cur = len;
        else
            ed->cur = tend_wrap_from_rc(w, ed->buf, len,
                                        rows < w->count - 1 - row ? row + rows : w->count - 1,
                                        ed->goal);
    }
    return TEND_OK;
}

tend_status tend_edit_move(tend_edit *ed, tend_edit_motion m, size_t count, tend_error *err)
{
    S_close(ed);
    if (count == 0)
        count = 1;
    if (m == TEND_MOVE_UP || m == TEND_MOVE_DOWN)
        return S_vertical(ed, m == TEND_MOVE_UP, 1, err);
    if (m == TEND_MOVE_PAGE_UP || m == TEND_MOVE_PAGE_DOWN)
        return S_vertical(ed, m == TEND_MOVE_PAGE_UP, count, err);

    size_t pos = ed->cur;
    switch (m) {
    case TEND_MOVE_LEFT:       pos = S_left_of_cursor(ed); break;
    case TEND_MOVE_RIGHT:      pos = S_right_of_cursor(ed); break;
    case TEND_MOVE_WORD_LEFT:  pos = S_word_left(ed); break;
    case TEND_MOVE_WORD_RIGHT: pos = S_word_right(ed); break;
    case TEND_MOVE_START:      pos = 0; break;
    case TEND_MOVE_FINISH:     pos = S_len(ed); break;
    case TEND_MOVE_HOME:
    case TEND_MOVE_END: {
        const tend_wrap *w = tend_edit_layout(ed, err);
        if (!w)
            return TEND_ENOMEM;
        size_t len = S_len(ed), row = tend_wrap_row(w, ed->cur);
        pos = m == TEND_MOVE_HOME ? w->lines[row].start
                                  : tend_wrap_from_rc(w, ed->buf, len, row, SIZE_MAX);
        break;
    }
    default:
        break;
    }
    ed->cur = pos;
    ed->has_goal = false;
    return TEND_OK;
}

/* ---- editing ----------------------------------------------------------- */

/* Where the cursor goes after inserting il bytes at pos: after them, moved
 * on to the end of a cluster the insert merged into the text after it. */
static size_t S_after_insert(const tend_edit *ed, size_t pos, size_t il)
{
    size_t p = pos + il, len = S_len(ed);
    while (p < len && !S_is_boundary(ed, p)) {
        uint32_t cp;
        p += S_cp_at(ed, p, &cp);
    }
    return p;
}

static tend_status S_insert(tend_edit *ed, S_kind kind, const char *s, size_t len,
                            tend_error *err)
{
    if (ed->cr_pending && len > 0 && s[0] == '\n' && ed->open) {
        s++; /* the "\n" of a "\r\n" split across two inserts */
        len--;
    }
    ed->cr_pending = false;
    if (len == 0)
        return TEND_OK;
    bool ends_cr = s[len - 1] == '\r';
    tend_buf clean = TEND_BUF_INIT;
    const char *ins = s;
    size_t il = len;
    bool para_start = ed->cur == 0 || S_byte(ed, ed->cur - 1) == '\n';
    if (!S_is_clean(s, len, para_start)) {
        if (S_clean(s, len, para_start, &clean) != TEND_OK) {
            tend_buf_free(&clean);
            return S_nomem(err);
        }
        ins = clean.data;
        il = clean.len;
    }
    size_t pos = ed->cur;
    tend_status st = S_edit(ed, kind, pos, 0, ins, il, pos + il, err);
    tend_buf_free(&clean);
    if (st != TEND_OK)
        return st;
    size_t after = S_after_insert(ed, pos, il);
    ed->cur = after;
    ed->steps[ed->done - 1].cur_after = after;
    ed->cr_pending = ends_cr && kind == S_TYPE;
    return TEND_OK;
}

tend_status tend_edit_insert(tend_edit *ed, const char *s, size_t len, tend_error *err)
{
    return S_insert(ed, S_TYPE, s, len, err);
}

tend_status tend_edit_paste(tend_edit *ed, const char *s, size_t len, tend_error *err)
{
    S_close(ed);
    return S_insert(ed, S_PASTE, s, len, err);
}

static tend_status S_delete(tend_edit *ed, S_kind kind, size_t from, size_t to, bool *did,
                            tend_error *err)
{
    if (did)
        *did = false;
    if (from >= to) {
        S_close(ed);
        return TEND_OK;
    }
    tend_status st = S_edit(ed, kind, from, to - from, NULL, 0, from, err);
    if (st == TEND_OK && did)
        *did = true;
    return st;
}

tend_status tend_edit_delete_back(tend_edit *ed, bool *did, tend_error *err)
{
    return S_delete(ed, S_DEL_BACK, S_left_of_cursor(ed), ed->cur, did, err);
}

tend_status tend_edit_delete_forward(tend_edit *ed, bool *did, tend_error *err)
{
    return S_delete(ed, S_DEL_FWD, ed->cur, S_right_of_cursor(ed), did, err);
}

tend_status tend_edit_delete_word_back(tend_edit *ed, bool *did, tend_error *err)
{
    return S_delete(ed, S_DEL_BACK, S_word_left(ed), ed->cur, did, err);
}

/* ---- undo / redo ------------------------------------------------------- */

bool tend_edit_can_undo(const tend_edit *ed)
{
    return ed->done > 0;
}

bool tend_edit_can_redo(const tend_edit *ed)
{
    return ed->done < ed->nsteps;
}

tend_status tend_edit_undo(tend_edit *ed, bool *did, tend_error *err)
{
    if (did)
        *did = false;
    S_close(ed);
    if (ed->done == 0)
        return TEND_OK;
    S_step *st = &ed->steps[ed->done - 1];
    if (S_reserve(ed, st->del.len, err) != TEND_OK)
        return TEND_ENOMEM;
    S_replace(ed, st->pos, st->ins.len, st->del.data, st->del.len);
    ed->cur = st->cur_before;
    ed->done--;
    ed->has_goal = false;
    if (did)
        *did = true;
    return TEND_OK;
}

tend_status tend_edit_redo(tend_edit *ed, bool *did, tend_error *err)
{
    if (did)
        *did = false;
    S_close(ed);
    if (ed->done == ed->nsteps)
        return TEND_OK;
    S_step *st = &ed->steps[ed->done];
    if (S_reserve(ed, st->ins.len, err) != TEND_OK)
        return TEND_ENOMEM;
    S_replace(ed, st->pos, st->del.len, st->ins.data, st->ins.len);
    ed->cur = st->cur_after;
    ed->done++;
    ed->has_goal = false;
    if (did)
        *did = true;
    return TEND_OK;
}
