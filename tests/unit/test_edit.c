/*
 * test_edit.c — the editor's text buffer: inserts and deletes at every
 * position of multi-byte text, cursor moves that never land inside a
 * character cluster, soft wrap at every width from 10 to 120, undo/redo
 * chains, sanitising of input, the live word count, and a 1 MB paste.
 *
 * The oracle for cluster boundaries is independent of the code under test:
 * every text is built from a list of "units", each exactly one cluster
 * (no unit starts with a joining code point or ends with a ZWJ, so units
 * never merge), and the boundaries are the offsets between units.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/core.h"
#include "tend/edit.h"

#define E_ACUTE_PRE "\xC3\xA9"         /* é, U+00E9 */
#define E_ACUTE_COMB "e\xCC\x81"       /* e + U+0301 */
#define CJK "\xE8\xAA\x9E"             /* 語 */
#define EMOJI "\xF0\x9F\x98\x80"       /* 😀 */
#define FAMILY "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7\xE2\x80\x8D\xF0\x9F\x91\xA6" /* 👩‍👧‍👦 */
#define THUMB_TONE "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" /* 👍🏽 */
#define HEART_VS "\xE2\x9D\xA4\xEF\xB8\x8F"           /* ❤️ */
#define IDEO_SPACE "\xE3\x80\x80"                     /* U+3000 */
#define ZWJ_S "\xE2\x80\x8D"

static const char *const UNITS[] = {
    "a", "b", "z", " ", E_ACUTE_PRE, E_ACUTE_COMB, CJK, EMOJI, FAMILY,
    THUMB_TONE, HEART_VS, "\n", "\t", IDEO_SPACE, "o\xCC\x88\xCC\xA3", /* o + two marks */
};
#define NUNITS (sizeof UNITS / sizeof UNITS[0])

static bool S_unit_is_space(size_t u)
{
    const char *s = UNITS[u];
    return !strcmp(s, " ") || !strcmp(s, "\n") || !strcmp(s, "\t") || !strcmp(s, IDEO_SPACE);
}

/* ---- a text made of units, with its boundaries -------------------------- */

typedef struct {
    size_t *u;     /* unit indexes */
    size_t n, cap;
} model;

static void M_insert(model *m, size_t at, size_t unit)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->u = realloc(m->u, m->cap * sizeof *m->u);
        assert_non_null(m->u);
    }
    memmove(m->u + at + 1, m->u + at, (m->n - at) * sizeof *m->u);
    m->u[at] = unit;
    m->n++;
}

static void M_remove(model *m, size_t at, size_t count)
{
    memmove(m->u + at, m->u + at + count, (m->n - at - count) * sizeof *m->u);
    m->n -= count;
}

/* Byte offset of the boundary before unit i. */
static size_t M_off(const model *m, size_t i)
{
    size_t off = 0;
    for (size_t k = 0; k < i; k++)
        off += strlen(UNITS[m->u[k]]);
    return off;
}

/* The text (caller frees with free). */
static char *M_text(const model *m, size_t *len)
{
    size_t n = M_off(m, m->n);
    char *s = malloc(n + 1);
    assert_non_null(s);
    size_t off = 0;
    for (size_t k = 0; k < m->n; k++) {
        size_t l = strlen(UNITS[m->u[k]]);
        memcpy(s + off, UNITS[m->u[k]], l);
        off += l;
    }
    s[off] = '\0';
    if (len)
        *len = off;
    return s;
}

/* Index of the unit boundary at byte offset off; fails the test when off
 * is not a boundary (that is, inside a cluster). */
static size_t M_index_of(const model *m, size_t off)
{
    size_t o = 0;
    for (size_t k = 0; k <= m->n; k++) {
        if (o == off)
            return k;
        if (k < m->n)
            o += strlen(UNITS[m->u[k]]);
    }
    fail_msg("offset %zu is not a cluster boundary", off);
    return 0;
}

static size_t M_words(const model *m)
{
    size_t w = 0;
    bool prev_space = true;
    for (size_t k = 0; k < m->n; k++) {
        bool sp = S_unit_is_space(m->u[k]);
        if (!sp && prev_space)
            w++;
        prev_space = sp;
    }
    return w;
}

static void M_from_list(model *m, const size_t *list, size_t n)
{
    m->n = 0;
    for (size_t i = 0; i < n; i++)
        M_insert(m, m->n, list[i]);
}

/* A deterministic pseudo-random text of n units, with spaces often enough
 * for words (xorshift; no libc rand state). */
static uint64_t rng_state = 88172645463325252ULL;
static uint64_t S_rand(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void M_random(model *m, size_t n, unsigned space_every)
{
    m->n = 0;
    for (size_t i = 0; i < n; i++) {
        size_t u = S_rand() % NUNITS;
        if (space_every && S_rand() % space_every == 0)
            u = 3; /* " " */
        M_insert(m, m->n, u);
    }
}

/* ---- fixtures ---------------------------------------------------------- */

static int setup_locale(void **state)
{
    (void)state;
    return tend_locale_init() ? 0 : -1;
}

static tend_edit *S_new(void)
{
    tend_edit *ed = NULL;
    tend_error err;
    assert_int_equal(tend_edit_new(&ed, &err), TEND_OK);
    assert_non_null(ed);
    return ed;
}

static void S_expect_text(tend_edit *ed, const char *want, size_t want_len)
{
    size_t len;
    const char *s = tend_edit_view(ed, &len);
    assert_int_equal(len, want_len);
    assert_memory_equal(s, want, want_len);
    assert_int_equal(s[len], '\0');
    assert_int_equal(tend_edit_len(ed), want_len);
}

/* Types s one cluster per insert, as keys arrive. */
static void S_type(tend_edit *ed, const char *s)
{
    tend_error err;
    while (*s) {
        size_t n = tend_utf8_next(s, strlen(s), 0);
        assert_int_equal(tend_edit_insert(ed, s, n, &err), TEND_OK);
        s += n;
    }
}

/* ---- insert and delete at every position -------------------------------- */

static void insert_and_delete_at_every_position(void **state)
{
    (void)state;
    static const size_t texts[][9] = {
        { 0, 1, 2, 3, 0, 1, 0, 0, 0 },          /* "abz ab" padded with 'a' */
        { 4, 5, 4, 5, 3, 4, 5, 0, 0 },          /* é both ways */
        { 6, 6, 3, 6, 0, 6, 6, 6, 0 },          /* CJK */
        { 7, 8, 9, 10, 3, 7, 8, 9, 10 },        /* emoji, ZWJ, modifier, VS */
        { 0, 11, 5, 12, 8, 13, 14, 11, 6 },     /* newline, tab, ideographic space, marks */
    };
    static const char *const inserts[] = { "X", E_ACUTE_PRE, E_ACUTE_COMB, CJK, EMOJI, FAMILY };
    tend_edit *ed = S_new();
    tend_error err;
    model m = { 0 };

    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        M_from_list(&m, texts[t], 9);
        size_t len;
        char *text = M_text(&m, &len);
        for (size_t b = 0; b <= m.n; b++) {
            size_t off = M_off(&m, b);
            for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
                const char *ins = inserts[k];
                size_t il = strlen(ins);
                char want[256];
                memcpy(want, text, off);
                memcpy(want + off, ins, il);
                memcpy(want + off + il, text + off, len - off);

                assert_int_equal(tend_edit_set_text(ed, text, len, &err), TEND_OK);
                S_expect_text(ed, text, len);
                tend_edit_set_cursor(ed, off);
                assert_int_equal(tend_edit_cursor(ed), off);

                assert_int_equal(tend_edit_insert(ed, ins, il, &err), TEND_OK);
                S_expect_text(ed, want, len + il);
                assert_int_equal(tend_edit_cursor(ed), off + il);
                /* a new word only when it stands between spaces (or the ends) */
                bool space_before = b == 0 || S_unit_is_space(m.u[b - 1]);
                bool space_after = b == m.n || S_unit_is_space(m.u[b]);
                assert_int_equal(tend_edit_words(ed),
                                 M_words(&m) + (space_before && space_after ? 1 : 0));

                bool did = false;
                assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
                assert_true(did);
                S_expect_text(ed, text, len);
                assert_int_equal(tend_edit_cursor(ed), off);
                assert_int_equal(tend_edit_words(ed), M_words(&m));

                /* insert again, then delete it forward from before it */
                assert_int_equal(tend_edit_paste(ed, ins, il, &err), TEND_OK);
                tend_edit_set_cursor(ed, off);
                assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
                assert_true(did);
                S_expect_text(ed, text, len);
                assert_int_equal(tend_edit_cursor(ed), off);
            }

            /* delete the unit before and the unit after the position */
            assert_int_equal(tend_edit_set_text(ed, text, len, &err), TEND_OK);
            tend_edit_set_cursor(ed, off);
            bool did;
            assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
            assert_int_equal(did, b > 0);
            if (b > 0) {
                size_t ul = strlen(UNITS[m.u[b - 1]]);
                char want[256];
                memcpy(want, text, off - ul);
                memcpy(want + off - ul, text + off, len - off);
                S_expect_text(ed, want, len - ul);
                assert_int_equal(tend_edit_cursor(ed), off - ul);
                assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
                assert_true(did);
            }
            S_expect_text(ed, text, len);
            assert_int_equal(tend_edit_cursor(ed), off);
            assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
            assert_int_equal(did, b < m.n);
            if (b < m.n) {
                size_t ul = strlen(UNITS[m.u[b]]);
                char want[256];
                memcpy(want, text, off);
                memcpy(want + off, text + off + ul, len - off - ul);
                S_expect_text(ed, want, len - ul);
                assert_int_equal(tend_edit_cursor(ed), off);
            }
        }
        free(text);
    }
    free(m.u);
    tend_edit_free(ed);
}

/* An insert that merges with the cluster after it moves the cursor past the
 * merged cluster, never into it. */
static void insert_that_joins_clusters_keeps_cursor_outside(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    const char *two = "\xF0\x9F\x91\xA9\xF0\x9F\x91\xA7"; /* 👩👧 */
    assert_int_equal(tend_edit_set_text(ed, two, 8, &err), TEND_OK);
    tend_edit_set_cursor(ed, 4);
    assert_int_equal(tend_edit_insert(ed, ZWJ_S, 3, &err), TEND_OK);
    S_expect_text(ed, "\xF0\x9F\x91\xA9" ZWJ_S "\xF0\x9F\x91\xA7", 11);
    assert_int_equal(tend_edit_cursor(ed), 11);
    assert_int_equal(tend_utf8_next(tend_edit_view(ed, NULL), 11, 0), 11); /* one cluster now */

    /* a combining mark typed after a letter joins it: one backspace removes both */
    assert_int_equal(tend_edit_set_text(ed, "ab", 2, &err), TEND_OK);
    tend_edit_set_cursor(ed, 1);
    assert_int_equal(tend_edit_insert(ed, "\xCC\x81", 2, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 3);
    bool did;
    assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
    S_expect_text(ed, "b", 1);

    /* set_cursor inside a cluster goes back to its start */
    assert_int_equal(tend_edit_set_text(ed, "x" FAMILY "y", 20, &err), TEND_OK);
    for (size_t off = 2; off < 19; off++) {
        tend_edit_set_cursor(ed, off);
        assert_int_equal(tend_edit_cursor(ed), 1);
    }
    tend_edit_set_cursor(ed, 999);
    assert_int_equal(tend_edit_cursor(ed), 20);
    tend_edit_free(ed);
}

/* A '\n' is a cluster of its own even after a ZWJ or before a combining
 * mark, so moves, deletes and wrapping never join across a line end. */
static void newline_never_joins_a_cluster(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    bool did;
    /* x ZWJ | \n | U+0301 y, where the lone mark gets a dotted circle */
    const char *t = "x" ZWJ_S "\n" "\xCC\x81" "y";
    const char *stored = "x" ZWJ_S "\n" "\xE2\x97\x8C\xCC\x81" "y";
    size_t len = strlen(stored);
    assert_int_equal(len, 11);
    assert_int_equal(tend_edit_set_text(ed, t, strlen(t), &err), TEND_OK);
    S_expect_text(ed, stored, len);
    static const size_t stops[] = { 0, 4, 5, 10, 11 };
    tend_edit_set_cursor(ed, 0);
    for (size_t i = 1; i < 5; i++) {
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_RIGHT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), stops[i]);
    }
    for (size_t i = 4; i-- > 0;) {
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_LEFT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), stops[i]);
    }
    tend_edit_set_cursor(ed, 5);
    assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
    S_expect_text(ed, "x" ZWJ_S "\xE2\x97\x8C\xCC\x81" "y", 10);
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    tend_edit_set_cursor(ed, 4);
    assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
    S_expect_text(ed, "x" ZWJ_S "\xE2\x97\x8C\xCC\x81" "y", 10);
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);

    /* a lone mark or joiner typed where a line starts gets its base too */
    tend_edit_clear(ed);
    S_type(ed, "\xCC\x81");
    S_expect_text(ed, "\xE2\x97\x8C\xCC\x81", 5);
    S_type(ed, "\n");
    assert_int_equal(tend_edit_insert(ed, ZWJ_S, 3, &err), TEND_OK);
    S_expect_text(ed, "\xE2\x97\x8C\xCC\x81\n\xE2\x97\x8C" ZWJ_S, 12);
    assert_int_equal(tend_edit_paste(ed, "a\n\xCC\x81", 4, &err), TEND_OK);
    S_expect_text(ed, "\xE2\x97\x8C\xCC\x81\n\xE2\x97\x8C" ZWJ_S "a\n\xE2\x97\x8C\xCC\x81", 19);
    assert_int_equal(tend_edit_set_text(ed, t, strlen(t), &err), TEND_OK);
    const tend_wrap *w = tend_edit_layout(ed, &err);
    assert_non_null(w);
    assert_int_equal(w->count, 2);
    assert_int_equal(w->lines[0].end, 4);
    assert_int_equal(w->lines[1].start, 5);
    assert_int_equal(w->lines[1].cols, 2);
    tend_edit_free(ed);
}

/* ---- cursor moves ------------------------------------------------------ */

static void cursor_moves_never_land_inside_a_cluster(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    model m = { 0 };
    M_random(&m, 400, 5);
    size_t len;
    char *text = M_text(&m, &len);
    assert_int_equal(tend_edit_set_text(ed, text, len, &err), TEND_OK);

    /* right through the text, one unit at a time, and back */
    tend_edit_set_cursor(ed, 0);
    for (size_t k = 1; k <= m.n; k++) {
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_RIGHT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), M_off(&m, k));
    }
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_RIGHT, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), len);
    for (size_t k = m.n; k-- > 0;) {
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_LEFT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), M_off(&m, k));
    }
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_LEFT, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 0);

    /* word moves: to the end of the next word / the start of the previous */
    size_t k = 0;
    for (;;) {
        size_t want = k;
        while (want < m.n && S_unit_is_space(m.u[want]))
            want++;
        while (want < m.n && !S_unit_is_space(m.u[want]))
            want++;
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_WORD_RIGHT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), M_off(&m, want));
        k = want;
        if (k == m.n)
            break;
    }
    for (;;) {
        size_t want = k;
        while (want > 0 && S_unit_is_space(m.u[want - 1]))
            want--;
        while (want > 0 && !S_unit_is_space(m.u[want - 1]))
            want--;
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_WORD_LEFT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), M_off(&m, want));
        k = want;
        if (k == 0)
            break;
    }

    /* vertical, home/end and page moves at several widths: every landing
     * is a boundary, rows change by one, and the goal column is kept */
    for (size_t width = 10; width <= 60; width += 25) {
        tend_edit_set_width(ed, width);
        tend_edit_move(ed, TEND_MOVE_START, 0, &err);
        const tend_wrap *w = tend_edit_layout(ed, &err);
        assert_non_null(w);
        size_t rows = w->count, row, col;
        for (size_t step = 0; step < 5; step++)
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_RIGHT, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor_rc(ed, &row, &col, &err), TEND_OK);
        size_t goal = col;
        for (size_t r = row + 1; r < rows; r++) {
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
            size_t at = tend_edit_cursor(ed);
            M_index_of(&m, at);
            size_t rr, cc;
            assert_int_equal(tend_edit_cursor_rc(ed, &rr, &cc, &err), TEND_OK);
            assert_int_equal(rr, r);
            assert_true(cc <= goal);
            /* the landing is the last position of the row with column <= goal */
            const char *s = tend_edit_view(ed, NULL);
            if (at < len) {
                size_t nx = tend_utf8_next(s, len, at), r2, c2;
                tend_wrap_to_rc(w, s, len, nx, &r2, &c2);
                if (r2 == r)
                    assert_true(c2 > goal);
            }
        }
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), len);
        for (size_t r = 0; r < rows; r++) {
            size_t rr, cc;
            tend_edit_set_cursor(ed, w->lines[r].start);
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_END, 1, &err), TEND_OK);
            M_index_of(&m, tend_edit_cursor(ed));
            assert_int_equal(tend_edit_cursor(ed),
                             tend_wrap_from_rc(w, tend_edit_view(ed, NULL), len, r, SIZE_MAX));
            assert_int_equal(tend_edit_cursor_rc(ed, &rr, &cc, &err), TEND_OK);
            assert_int_equal(rr, r);
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_HOME, 1, &err), TEND_OK);
            assert_int_equal(tend_edit_cursor(ed), w->lines[r].start);
        }
        tend_edit_set_cursor(ed, len);
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), len);
        for (size_t r = rows; r-- > 0;) {
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_UP, 1, &err), TEND_OK);
            M_index_of(&m, tend_edit_cursor(ed));
        }
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_UP, 1, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), 0);
        for (size_t step = 0; step < rows; step += 7) {
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_PAGE_DOWN, 7, &err), TEND_OK);
            M_index_of(&m, tend_edit_cursor(ed));
        }
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_PAGE_DOWN, 7, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor(ed), len);
        assert_int_equal(tend_edit_move(ed, TEND_MOVE_PAGE_UP, rows, &err), TEND_OK);
        assert_int_equal(tend_edit_cursor_rc(ed, &row, &col, &err), TEND_OK);
        assert_int_equal(row, 0);
    }
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_FINISH, 0, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), len);
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_START, 0, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 0);
    free(text);
    free(m.u);
    tend_edit_free(ed);
}

static void vertical_moves_keep_the_goal_column(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    const char *t = "0123456789\nab\n0123456789";
    assert_int_equal(tend_edit_set_text(ed, t, strlen(t), &err), TEND_OK);
    tend_edit_set_cursor(ed, 8);
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 13); /* end of "ab" */
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 22); /* back at column 8 */
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_UP, 2, &err), TEND_OK);
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_UP, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 8);
    /* a wide character under the goal: land before it */
    const char *w = "abcde\n" CJK CJK CJK;
    assert_int_equal(tend_edit_set_text(ed, w, strlen(w), &err), TEND_OK);
    tend_edit_set_cursor(ed, 3);
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_DOWN, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 6 + 3); /* after the first 語 (column 2) */
    /* soft-wrapped rows: home/end are of the visual row */
    tend_edit_set_width(ed, 10);
    const char *p = "one two three four five";
    assert_int_equal(tend_edit_set_text(ed, p, strlen(p), &err), TEND_OK);
    tend_edit_set_cursor(ed, 10); /* in "three" */
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_HOME, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 8);
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_END, 1, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), 18); /* "three four" is 10 wide: on the hung space */
    size_t row, col;
    assert_int_equal(tend_edit_cursor_rc(ed, &row, &col, &err), TEND_OK);
    assert_int_equal(row, 1);
    assert_int_equal(col, 10);
    tend_edit_free(ed);
}

/* ---- soft wrap --------------------------------------------------------- */

static void S_check_wrap(const char *s, size_t len, size_t width, const model *m)
{
    tend_wrap w = TEND_WRAP_INIT;
    tend_error err;
    assert_int_equal(tend_wrap_text(s, len, width, &w, &err), TEND_OK);
    assert_true(w.count >= 1);
    assert_int_equal(w.lines[0].start, 0);
    assert_int_equal(w.lines[w.count - 1].next, len);
    char *joined = malloc(len + 1);
    assert_non_null(joined);
    size_t jl = 0;
    for (size_t i = 0; i < w.count; i++) {
        const tend_wrap_line *ln = &w.lines[i];
        if (i + 1 < w.count)
            assert_int_equal(ln->next, w.lines[i + 1].start);
        assert_true(ln->start <= ln->end && ln->end <= ln->next);
        assert_int_equal(ln->cols, tend_utf8_width(s + ln->start, ln->end - ln->start));
        assert_true(ln->cols <= width);
        if (m)
            M_index_of(m, ln->start);
        memcpy(joined + jl, s + ln->start, ln->next - ln->start);
        jl += ln->next - ln->start;
        /* a '\n' only ever ends a line */
        assert_null(memchr(s + ln->start, '\n', ln->end - ln->start));
        /* a word is cut only when no space on the line allowed a break */
        if (ln->end == ln->next && i + 1 < w.count && ln->next > ln->start &&
            s[ln->next - 1] != ' ' && s[ln->next - 1] != '\t') {
            for (size_t k = ln->start; k < ln->next; k++)
                assert_true(s[k] != ' ' && s[k] != '\t');
        }
    }
    assert_int_equal(jl, len);
    assert_memory_equal(joined, s, len);
    free(joined);

    /* every cursor position maps to a unique (row, col) and back */
    if (m) {
        size_t prow = 0, pcol = 0, off = 0;
        for (size_t k = 0; k <= m->n; k++) {
            size_t row, col;
            if (k > 0)
                off += strlen(UNITS[m->u[k - 1]]);
            tend_wrap_to_rc(&w, s, len, off, &row, &col);
            assert_true(col <= width);
            assert_int_equal(tend_wrap_from_rc(&w, s, len, row, col), off);
            if (k > 0)
                assert_true(row > prow || (row == prow && col > pcol));
            prow = row;
            pcol = col;
        }
    }
    tend_wrap_free(&w);
}

static void wrap_at_every_width_from_10_to_120(void **state)
{
    (void)state;
    static const char *const fixed[] = {
        "",
        "\n",
        "hello",
        "The quick brown fox jumps over the lazy dog. Then it rests a while, "
        "because jumping is tiring work and nobody needs to hurry today.\n\n"
        "A second paragraph  with  double  spaces   and a trailing space \n"
        "Supercalifragilisticexpialidocious-and-then-some-more-hyphenated-words-that-never-end-at-all-whatsoever\n",
        CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK
        CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK
        CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK CJK "x",
        "a" EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI
        EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI
        EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI
        EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI EMOJI,
        "          leading spaces and trailing spaces                                    ",
    };
    for (size_t t = 0; t < sizeof fixed / sizeof fixed[0]; t++)
        for (size_t width = 10; width <= 120; width++)
            S_check_wrap(fixed[t], strlen(fixed[t]), width, NULL);

    /* texts made of units, where every boundary is known */
    model m = { 0 };
    for (unsigned kind = 0; kind < 4; kind++) {
        M_random(&m, 300 + kind * 100, kind == 3 ? 0 : 3 + kind * 4);
        size_t len;
        char *text = M_text(&m, &len);
        for (size_t width = 10; width <= 120; width++)
            S_check_wrap(text, len, width, &m);
        free(text);
    }
    free(m.u);
}

static void wrap_breaks_where_a_reader_expects(void **state)
{
    (void)state;
    tend_wrap w = TEND_WRAP_INIT;
    tend_error err;
    const char *s = "hello world foo";
    assert_int_equal(tend_wrap_text(s, strlen(s), 10, &w, &err), TEND_OK);
    assert_int_equal(w.count, 2);
    assert_int_equal(w.lines[0].start, 0);
    assert_int_equal(w.lines[0].end, 6);  /* "hello " */
    assert_int_equal(w.lines[1].start, 6);
    assert_int_equal(w.lines[1].end, 15); /* "world foo" */
    /* exactly full line followed by a space: the space hangs */
    s = "abcdefghij klm";
    assert_int_equal(tend_wrap_text(s, strlen(s), 10, &w, &err), TEND_OK);
    assert_int_equal(w.count, 2);
    assert_int_equal(w.lines[0].end, 10);
    assert_int_equal(w.lines[0].next, 11);
    assert_int_equal(w.lines[0].cols, 10);
    /* a long word is cut at the width; a wide character never straddles */
    s = "abcdefghijklmno";
    assert_int_equal(tend_wrap_text(s, strlen(s), 10, &w, &err), TEND_OK);
    assert_int_equal(w.lines[0].end, 10);
    s = "a" CJK CJK CJK CJK CJK "b";
    assert_int_equal(tend_wrap_text(s, strlen(s), 10, &w, &err), TEND_OK);
    assert_int_equal(w.count, 2);
    assert_int_equal(w.lines[0].end, 1 + 4 * 3); /* a + 4 wide = 9 columns */
    assert_int_equal(w.lines[0].cols, 9);
    /* width 0: only hard line ends */
    s = "a very long line that would wrap\nsecond";
    assert_int_equal(tend_wrap_text(s, strlen(s), 0, &w, &err), TEND_OK);
    assert_int_equal(w.count, 2);
    assert_int_equal(w.lines[0].end, 32);
    /* width 1 with a wide character: one cluster per line, still progress */
    s = CJK CJK;
    assert_int_equal(tend_wrap_text(s, strlen(s), 1, &w, &err), TEND_OK);
    assert_int_equal(w.count, 2);
    tend_wrap_free(&w);
}

static bool S_same_wrap(const tend_wrap *a, const tend_wrap *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++)
        if (a->lines[i].start != b->lines[i].start || a->lines[i].end != b->lines[i].end ||
            a->lines[i].next != b->lines[i].next || a->lines[i].cols != b->lines[i].cols)
            return false;
    return true;
}

/* Random edits against a model of units: text, cursor, word count and the
 * incrementally repaired layout must all match what they would be from
 * scratch, and undo all the way / redo all the way give the first and the
 * last text. */
static void random_edits_match_the_model(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    model m = { 0 };
    M_random(&m, 200, 4);
    size_t len0;
    char *text0 = M_text(&m, &len0);
    assert_int_equal(tend_edit_set_text(ed, text0, len0, &err), TEND_OK);
    size_t cur = m.n;
    tend_wrap full = TEND_WRAP_INIT;
    bool did;

    for (int op = 0; op < 4000; op++) {
        unsigned r = (unsigned)(S_rand() % 100);
        if (r < 35) {
            size_t u = S_rand() % NUNITS;
            assert_int_equal(tend_edit_insert(ed, UNITS[u], strlen(UNITS[u]), &err), TEND_OK);
            M_insert(&m, cur++, u);
        } else if (r < 40) {
            char buf[128];
            size_t bl = 0, n = 1 + S_rand() % 6;
            for (size_t i = 0; i < n; i++) {
                size_t u = S_rand() % NUNITS;
                memcpy(buf + bl, UNITS[u], strlen(UNITS[u]));
                bl += strlen(UNITS[u]);
                M_insert(&m, cur++, u);
            }
            assert_int_equal(tend_edit_paste(ed, buf, bl, &err), TEND_OK);
        } else if (r < 50) {
            assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
            assert_int_equal(did, cur > 0);
            if (cur > 0)
                M_remove(&m, --cur, 1);
        } else if (r < 55) {
            assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
            assert_int_equal(did, cur < m.n);
            if (cur < m.n)
                M_remove(&m, cur, 1);
        } else if (r < 58) {
            size_t from = cur;
            while (from > 0 && S_unit_is_space(m.u[from - 1]))
                from--;
            while (from > 0 && !S_unit_is_space(m.u[from - 1]))
                from--;
            assert_int_equal(tend_edit_delete_word_back(ed, &did, &err), TEND_OK);
            assert_int_equal(did, from < cur);
            M_remove(&m, from, cur - from);
            cur = from;
        } else if (r < 63) {
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_LEFT, 1, &err), TEND_OK);
            if (cur > 0)
                cur--;
        } else if (r < 68) {
            assert_int_equal(tend_edit_move(ed, TEND_MOVE_RIGHT, 1, &err), TEND_OK);
            if (cur < m.n)
                cur++;
        } else if (r < 85) {
            static const tend_edit_motion mv[] = {
                TEND_MOVE_UP, TEND_MOVE_DOWN, TEND_MOVE_HOME, TEND_MOVE_END,
                TEND_MOVE_WORD_LEFT, TEND_MOVE_WORD_RIGHT, TEND_MOVE_PAGE_UP, TEND_MOVE_PAGE_DOWN,
            };
            assert_int_equal(tend_edit_move(ed, mv[S_rand() % 8], 3, &err), TEND_OK);
            cur = M_index_of(&m, tend_edit_cursor(ed));
        } else if (r < 88) {
            tend_edit_set_width(ed, 10 + S_rand() % 50);
        } else if (r < 90) {
            tend_edit_set_cursor(ed, S_rand() % (tend_edit_len(ed) + 1));
            /* the model snaps the same way: to the start of the unit */
            size_t off = tend_edit_cursor(ed);
            cur = M_index_of(&m, off);
        } else {
            /* lay out now and then, so repairs see several merged edits */
            const tend_wrap *w = tend_edit_layout(ed, &err);
            assert_non_null(w);
            size_t len;
            const char *s = tend_edit_view(ed, &len);
            assert_int_equal(tend_wrap_text(s, len, tend_edit_width(ed), &full, &err), TEND_OK);
            assert_true(S_same_wrap(w, &full));
        }
        size_t len;
        char *want = M_text(&m, &len);
        S_expect_text(ed, want, len);
        free(want);
        assert_int_equal(tend_edit_cursor(ed), M_off(&m, cur));
        assert_int_equal(tend_edit_words(ed), M_words(&m));
    }

    size_t lenf;
    char *textf = M_text(&m, &lenf);
    while (tend_edit_can_undo(ed))
        assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, text0, len0);
    while (tend_edit_can_redo(ed))
        assert_int_equal(tend_edit_redo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, textf, lenf);
    const tend_wrap *w = tend_edit_layout(ed, &err);
    assert_int_equal(tend_wrap_text(textf, lenf, tend_edit_width(ed), &full, &err), TEND_OK);
    assert_true(S_same_wrap(w, &full));

    free(textf);
    free(text0);
    free(m.u);
    tend_wrap_free(&full);
    tend_edit_free(ed);
}

/* Layout repair after edits that merge and split clusters (a lone ZWJ, a
 * lone combining mark), add and remove spaces and line ends, several edits
 * between two layouts: always identical to wrapping from scratch. */
static void layout_repair_matches_full_wrap(void **state)
{
    (void)state;
    static const char *const pool[] = {
        " ", "  ", "\n", ZWJ_S, "\xCC\x81", CJK, EMOJI, "word", "aaaaaaaaaaaaaaaaaaaaaaaaa",
        "x", FAMILY, "\t", "two words",
    };
    tend_edit *ed = S_new();
    tend_error err;
    tend_wrap full = TEND_WRAP_INIT;
    bool did;
    model m = { 0 };
    M_random(&m, 300, 4);
    size_t len;
    char *text = M_text(&m, &len);
    assert_int_equal(tend_edit_set_text(ed, text, len, &err), TEND_OK);
    free(text);
    free(m.u);
    for (int op = 0; op < 3000; op++) {
        if (op % 500 == 0)
            tend_edit_set_width(ed, 10 + (size_t)op / 50);
        size_t edits = 1 + S_rand() % 3;
        for (size_t e = 0; e < edits; e++) {
            tend_edit_set_cursor(ed, S_rand() % (tend_edit_len(ed) + 1));
            unsigned r = (unsigned)(S_rand() % 10);
            if (r < 5) {
                const char *p = pool[S_rand() % (sizeof pool / sizeof pool[0])];
                assert_int_equal(tend_edit_insert(ed, p, strlen(p), &err), TEND_OK);
            } else if (r < 8) {
                assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
            } else if (r < 9) {
                assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
            } else {
                assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
            }
        }
        const tend_wrap *w = tend_edit_layout(ed, &err);
        assert_non_null(w);
        const char *s = tend_edit_view(ed, &len);
        assert_int_equal(tend_wrap_text(s, len, tend_edit_width(ed), &full, &err), TEND_OK);
        assert_true(S_same_wrap(w, &full));
        size_t row, col;
        assert_int_equal(tend_edit_cursor_rc(ed, &row, &col, &err), TEND_OK);
        assert_int_equal(tend_wrap_from_rc(w, s, len, row, col), tend_edit_cursor(ed));
    }
    tend_wrap_free(&full);
    tend_edit_free(ed);
}

/* ---- undo and redo ----------------------------------------------------- */

static void undo_redo_chains(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    bool did;
    const char *snap[16];
    size_t curs[16];
    size_t n = 0;

#define SNAP(want) do { S_expect_text(ed, want, strlen(want)); snap[n] = want; curs[n] = tend_edit_cursor(ed); n++; } while (0)
    SNAP("");
    S_type(ed, "héllo " CJK);                    /* one typing step */
    SNAP("héllo " CJK);
    assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_delete_back(ed, &did, &err), TEND_OK); /* one delete run */
    SNAP("héll");
    assert_int_equal(tend_edit_paste(ed, " big paste " FAMILY, strlen(" big paste " FAMILY), &err), TEND_OK);
    SNAP("héll big paste " FAMILY);             /* a paste is one step */
    S_type(ed, "!");
    SNAP("héll big paste " FAMILY "!");
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_START, 0, &err), TEND_OK);
    S_type(ed, ">");                             /* a move closed the group */
    SNAP(">héll big paste " FAMILY "!");
    assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
    SNAP(">ll big paste " FAMILY "!");
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_FINISH, 0, &err), TEND_OK);
    assert_int_equal(tend_edit_delete_word_back(ed, &did, &err), TEND_OK);
    SNAP(">ll big paste ");

    for (size_t i = n - 1; i > 0; i--) {
        assert_true(tend_edit_can_undo(ed));
        assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
        assert_true(did);
        S_expect_text(ed, snap[i - 1], strlen(snap[i - 1]));
    }
    assert_false(tend_edit_can_undo(ed));
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    assert_false(did);
    S_expect_text(ed, "", 0);
    assert_int_equal(tend_edit_words(ed), 0);

    for (size_t i = 1; i < n; i++) {
        assert_true(tend_edit_can_redo(ed));
        assert_int_equal(tend_edit_redo(ed, &did, &err), TEND_OK);
        assert_true(did);
        S_expect_text(ed, snap[i], strlen(snap[i]));
        assert_int_equal(tend_edit_cursor(ed), curs[i]);
    }
    assert_false(tend_edit_can_redo(ed));
    assert_int_equal(tend_edit_redo(ed, &did, &err), TEND_OK);
    assert_false(did);
    assert_int_equal(tend_edit_words(ed), 3);

    /* branch: undo two steps, then a new edit clears what could be redone */
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, snap[n - 3], strlen(snap[n - 3]));
    assert_int_equal(tend_edit_cursor(ed), 1); /* before the forward deletes */
    S_type(ed, "new");
    S_expect_text(ed, ">newhéll big paste " FAMILY "!", strlen(">newhéll big paste " FAMILY "!"));
    assert_false(tend_edit_can_redo(ed));
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, snap[n - 3], strlen(snap[n - 3]));
    assert_int_equal(tend_edit_redo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, ">newhéll big paste " FAMILY "!", strlen(">newhéll big paste " FAMILY "!"));
    assert_int_equal(tend_edit_cursor(ed), 4);

    /* undo after typing restores the cursor from before the typing */
    assert_int_equal(tend_edit_move(ed, TEND_MOVE_FINISH, 0, &err), TEND_OK);
    size_t before = tend_edit_cursor(ed);
    S_type(ed, " end");
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_cursor(ed), before);

    /* set_text and clear empty the history */
    assert_int_equal(tend_edit_set_text(ed, "loaded", 6, &err), TEND_OK);
    assert_false(tend_edit_can_undo(ed));
    assert_false(tend_edit_can_redo(ed));
    assert_int_equal(tend_edit_cursor(ed), 6);
    S_type(ed, "x");
    tend_edit_clear(ed);
    S_expect_text(ed, "", 0);
    assert_false(tend_edit_can_undo(ed));
    assert_int_equal(tend_edit_cursor(ed), 0);
    tend_edit_free(ed);
#undef SNAP
}

/* ---- input sanitising, word count, text out ------------------------------ */

static void input_is_sanitised(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    assert_int_equal(tend_edit_insert(ed, "a\xFF" "b\xC3", 4, &err), TEND_OK);
    S_expect_text(ed, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD", 8);
    tend_edit_clear(ed);
    assert_int_equal(tend_edit_paste(ed, "1\r\n2\r3\x1b[31m\0z", 13, &err), TEND_OK);
    S_expect_text(ed, "1\n2\n3\xEF\xBF\xBD[31m\xEF\xBF\xBDz", 16);
    tend_edit_clear(ed);
    S_type(ed, "x\r\ny"); /* a "\r\n" typed in two pieces is one line end */
    S_expect_text(ed, "x\ny", 3);
    assert_int_equal(tend_edit_set_text(ed, "t\tu\x7f", 4, &err), TEND_OK);
    S_expect_text(ed, "t\tu\xEF\xBF\xBD", 6);
    assert_true(tend_utf8_valid(tend_edit_view(ed, NULL), 6));
    tend_edit_free(ed);
}

static void word_count_is_live(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    bool did;
    assert_int_equal(tend_edit_words(ed), 0);
    S_type(ed, "  one");
    assert_int_equal(tend_edit_words(ed), 1);
    S_type(ed, " two\nthree" IDEO_SPACE "four\t");
    assert_int_equal(tend_edit_words(ed), 4);
    tend_edit_set_cursor(ed, 5); /* after "one": join it with "two" */
    assert_int_equal(tend_edit_delete_forward(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_words(ed), 3);
    S_type(ed, " ");
    assert_int_equal(tend_edit_words(ed), 4);
    tend_edit_set_cursor(ed, 0);
    S_type(ed, "\xCC\x81"); /* a lone mark at the start is shown on a dotted circle: a word */
    assert_int_equal(tend_edit_words(ed), 5);
    assert_int_equal(tend_edit_set_text(ed, "a b " E_ACUTE_COMB " " FAMILY " c", strlen("a b " E_ACUTE_COMB " " FAMILY " c"), &err), TEND_OK);
    assert_int_equal(tend_edit_words(ed), 5);
    tend_edit_clear(ed);
    assert_int_equal(tend_edit_words(ed), 0);
    tend_edit_free(ed);
}

static void text_is_a_caller_owned_copy(void **state)
{
    (void)state;
    tend_edit *ed = S_new();
    tend_error err;
    S_type(ed, "kept " EMOJI);
    size_t len;
    char *t = tend_edit_text(ed, &len, &err);
    assert_non_null(t);
    assert_int_equal(len, 9);
    assert_string_equal(t, "kept " EMOJI);
    tend_edit_clear(ed);
    assert_string_equal(t, "kept " EMOJI); /* unaffected by the buffer */
    tend_wipe_free(t, len + 1);
    t = tend_edit_text(ed, NULL, &err);
    assert_non_null(t);
    assert_string_equal(t, "");
    tend_wipe_str(t);
    tend_edit_free(ed);
    tend_edit_free(NULL);
}

/* ---- large pastes ------------------------------------------------------ */

/* 1 MB of mixed text: the paste must be correct in one insert and when it
 * arrives one cluster per insert. Both are linear (a gap buffer with
 * doubling growth); under ASan this whole test takes well under a second.
 * Its speed is measured by bench/edit_bench.c, not asserted here. */
static void one_megabyte_paste_is_correct(void **state)
{
    (void)state;
    const size_t target = 1u << 20;
    model m = { 0 };
    size_t len = 0;
    while (len < target) {
        size_t u = S_rand() % NUNITS;
        if (S_rand() % 4 == 0)
            u = 3;
        M_insert(&m, m.n, u);
        len += strlen(UNITS[u]);
    }
    char *big = M_text(&m, &len);

    tend_edit *ed = S_new();
    tend_error err;
    bool did;
    assert_int_equal(tend_edit_set_text(ed, "before|after", 12, &err), TEND_OK);
    tend_edit_set_cursor(ed, 7);
    assert_int_equal(tend_edit_paste(ed, big, len, &err), TEND_OK);
    size_t got;
    const char *s = tend_edit_view(ed, &got);
    assert_int_equal(got, len + 12);
    assert_memory_equal(s, "before|", 7);
    assert_memory_equal(s + 7, big, len);
    assert_memory_equal(s + 7 + len, "after", 5);
    assert_int_equal(tend_edit_cursor(ed), 7 + len);
    const tend_wrap *w = tend_edit_layout(ed, &err);
    assert_non_null(w);
    assert_int_equal(w->lines[w->count - 1].next, len + 12);
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK);
    S_expect_text(ed, "before|after", 12);
    assert_int_equal(tend_edit_redo(ed, &did, &err), TEND_OK);
    assert_int_equal(tend_edit_len(ed), len + 12);

    /* the same text typed one cluster at a time into the middle */
    assert_int_equal(tend_edit_set_text(ed, "[]", 2, &err), TEND_OK);
    tend_edit_set_cursor(ed, 1);
    for (size_t k = 0, off = 0; k < m.n; k++) {
        size_t ul = strlen(UNITS[m.u[k]]);
        assert_int_equal(tend_edit_insert(ed, big + off, ul, &err), TEND_OK);
        off += ul;
    }
    s = tend_edit_view(ed, &got);
    assert_int_equal(got, len + 2);
    assert_int_equal(s[0], '[');
    assert_memory_equal(s + 1, big, len);
    assert_int_equal(s[len + 1], ']');
    /* "[" and "]" join the first and last words unless spaces separate them */
    assert_int_equal(tend_edit_words(ed), M_words(&m) + (S_unit_is_space(m.u[0]) ? 1 : 0) +
                                              (S_unit_is_space(m.u[m.n - 1]) ? 1 : 0));
    assert_int_equal(tend_edit_undo(ed, &did, &err), TEND_OK); /* one typing run, one step */
    S_expect_text(ed, "[]", 2);

    tend_edit_free(ed);
    free(big);
    free(m.u);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(insert_and_delete_at_every_position),
        cmocka_unit_test(insert_that_joins_clusters_keeps_cursor_outside),
        cmocka_unit_test(newline_never_joins_a_cluster),
        cmocka_unit_test(cursor_moves_never_land_inside_a_cluster),
        cmocka_unit_test(vertical_moves_keep_the_goal_column),
        cmocka_unit_test(wrap_at_every_width_from_10_to_120),
        cmocka_unit_test(wrap_breaks_where_a_reader_expects),
        cmocka_unit_test(random_edits_match_the_model),
        cmocka_unit_test(layout_repair_matches_full_wrap),
        cmocka_unit_test(undo_redo_chains),
        cmocka_unit_test(input_is_sanitised),
        cmocka_unit_test(word_count_is_live),
        cmocka_unit_test(text_is_a_caller_owned_copy),
        cmocka_unit_test(one_megabyte_paste_is_correct),
    };
    return cmocka_run_group_tests(tests, setup_locale, NULL);
}
