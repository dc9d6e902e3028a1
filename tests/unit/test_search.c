/*
 * test_search.c — search (src/journal/search.c): folding (case, accents,
 * ß, ligatures, combining marks, other scripts left alone), match ranges
 * in the original bytes (whole characters, also when a match begins or
 * ends inside a character that folds to two letters), lines of a record,
 * the fields searched, the History helpers, and a search over a real
 * journal. Byte offsets in the expectations are counted by hand in the
 * comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/date.h"
#include "tend/journal.h"
#include "tend/search.h"

#include "support/fixture.h"

static int S_group_setup(void **state)
{
    (void)state;
    tend_locale_init(); /* tend_cp_is_extend asks wcwidth about marks */
    return 0;
}

/* ---- folding ---------------------------------------------------------------- */

static void S_expect_fold(const char *in, const char *want)
{
    tend_buf b = TEND_BUF_INIT;
    assert_int_equal(tend_fold(in, strlen(in), &b), TEND_OK);
    assert_string_equal(b.data ? b.data : "", want);
    assert_int_equal(b.len, strlen(want));
    tend_buf_free(&b);
}

static void fold_case_and_accents(void **state)
{
    (void)state;
    S_expect_fold("Café ÉTÉ", "cafe ete");
    S_expect_fold("Straße STRASSE ẞ", "strasse strasse ss");
    S_expect_fold("Æsir Øre œuvre Þór ĲSSEL", "aesir ore oeuvre thor ijssel");
    S_expect_fold("Łódź Ærø Šťastný Ğüç İı ſ", "lodz aero stastny guc ii s");
    S_expect_fold("Ștefan Țară", "stefan tara");
    S_expect_fold("ÀÁÂÃÄÅàáâãäåÇçÑñÿŸ", "aaaaaaaaaaaaccnnyy");
    S_expect_fold("2×3÷1", "2×3÷1"); /* signs are not letters */
}

/* Every ASCII byte at every alignment and run length: the eight-at-a-time
 * path lowercases exactly 'A'..'Z' and nothing else, and hands over to the
 * byte path (and to a letter that folds) at any point. */
static void fold_ascii_at_every_alignment(void **state)
{
    (void)state;
    char in[300], want[300];
    for (size_t start = 0; start < 9; start++) {
        size_t n = 0;
        for (size_t i = 0; i < start; i++)
            in[n++] = 'Q';
        for (int c = 1; c < 128; c++)
            in[n++] = (char)c;
        in[n] = '\0';
        for (size_t i = 0; i <= n; i++)
            want[i] = in[i] >= 'A' && in[i] <= 'Z' ? (char)(in[i] + 32) : in[i];
        S_expect_fold(in, want);
        /* an accented letter after the run, and inside an eight-byte word */
        char in2[320], want2[320];
        snprintf(in2, sizeof in2, "%s\xc3\x89tat ABCDEFG\xc3\x89HIJ", in);
        snprintf(want2, sizeof want2, "%setat abcdefgehij", want);
        S_expect_fold(in2, want2);
    }
}

static void fold_combining_and_other_scripts(void **state)
{
    (void)state;
    S_expect_fold("cafe\xcc\x81", "cafe");        /* e + U+0301 */
    S_expect_fold("A\xcc\x8a\xcc\xa3", "a");      /* A + ring + dot below */
    S_expect_fold("\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x9d\xa4"); /* ❤ + VS16 */
    S_expect_fold("ΣΟΦΙΑ σοφός", "σοφια σοφόσ"); /* final sigma too; Greek accents stay */
    S_expect_fold("ЁЛКА Москва", "ёлка москва");
    S_expect_fold("日記 🌱 👩\u200d👧", "日記 🌱 👩\u200d👧");
    S_expect_fold("a\xff" "b", "a\xef\xbf\xbd" "b"); /* invalid byte -> U+FFFD */
    S_expect_fold("\xc3", "\xef\xbf\xbd");           /* cut sequence */
}

/* ---- ranges -------------------------------------------------------------------- */

/* Runs query over text and compares the ranges with want (pairs, ended by
 * -1). */
static void S_expect_spans(const char *query, const char *text, size_t len, const int *want)
{
    tend_search *s = NULL;
    tend_error e;
    assert_int_equal(tend_search_new(query, NULL, &s, &e), TEND_OK);
    tend_span sp[16];
    size_t n = 99;
    assert_int_equal(tend_search_spans(s, text, len, sp, 16, &n), TEND_OK);
    size_t k = 0;
    while (want[2 * k] >= 0)
        k++;
    if (n != k)
        fail_msg("'%s': %zu ranges, want %zu", query, n, k);
    for (size_t i = 0; i < n && i < 16; i++) {
        assert_int_equal(sp[i].start, want[2 * i]);
        assert_int_equal(sp[i].end, want[2 * i + 1]);
    }
    tend_search_free(s);
}

#define SPANS(q, t, ...) S_expect_spans(q, t, strlen(t), (const int[]){ __VA_ARGS__, -1 })

static void ranges_ignore_case_and_accents(void **state)
{
    (void)state;
    /* "Un " 0..3, "CAFÉ" 3..8 (É two bytes), ", un " 8..13, "café" 13..18 */
    SPANS("cafe", "Un CAFÉ, un café.", 3, 8, 13, 18);
    SPANS("CAFÉ", "Un CAFÉ, un café.", 3, 8, 13, 18);
    /* a decomposed query finds a precomposed text and back: "cafe" + U+0301
     * is 6 bytes, the mark included in the range */
    SPANS("cafe\xcc\x81", "CAFÉ", 0, 5);
    SPANS("café", "cafe\xcc\x81 noir", 0, 6);
    /* a match ending on a base letter takes its marks along: "e" + two
     * marks (U+0301 U+0323, 2 bytes each) is 5 bytes */
    SPANS("e", "e\xcc\x81\xcc\xa3x", 0, 5);
    SPANS("nothing", "Un café", -1);
}

static void ranges_map_back_through_expansions(void **state)
{
    (void)state;
    /* "Straße": S0 t1 r2 a3 ß4..6 e6 -> folded "strasse" */
    SPANS("strasse", "Straße", 0, 7);
    SPANS("sse", "Straße", 4, 7);
    SPANS("as", "Straße", 3, 6);      /* ends inside ß: all of ß */
    /* "s" matches folded bytes 0, 4 and 5; the last two are both ß, one range */
    SPANS("s", "Straße", 0, 1, 4, 6);
    /* S0 T1 R2 A3 S4 S5 E6, space 7, S8 t9 r10 a11 ß12..14 e14 */
    SPANS("ss", "STRASSE Straße", 4, 6, 12, 14);
    /* "Æble": Æ0..2 -> "ae"; "e" matches the second half of Æ and the last e */
    SPANS("e", "Æble", 0, 2, 4, 5);
    SPANS("aeb", "Æble", 0, 3);
    SPANS("oe", "Œ", 0, 2);
    SPANS("th", "Þór", 0, 2);
}

static void ranges_in_other_scripts(void **state)
{
    (void)state;
    /* 今0 日3 は6 日9 記12, three bytes each */
    SPANS("日記", "今日は日記", 9, 15);
    SPANS("日", "今日は日記", 3, 6, 9, 12);
    /* "I " 0..2, 🌱 2..6, " you " 6..11, 🌱 11..15 */
    SPANS("🌱", "I 🌱 you 🌱", 2, 6, 11, 15);
    /* 👩 0..4, ZWJ 4..7, 👧 7..11: a match on 👧 covers the whole family */
    SPANS("👧", "👩\u200d👧 ok", 0, 11);
    SPANS("👩", "👩\u200d👧 ok", 0, 11);
    /* 👍 0..4 + skin tone 4..8 */
    SPANS("👍", "👍🏽!", 0, 8);
    /* ❤ 0..3 + VS16 3..6; the query without the selector finds it */
    SPANS("❤", "❤️ x", 0, 6);
    /* "В " 0..3, "Москве" 3..15, "? " 15..17, "Москва" 17..29 */
    SPANS("москва", "В Москве? Москва!", 17, 29);
    /* invalid bytes stay one character each: a0 b1 \xff2 c3 d4 */
    S_expect_spans("cd", "ab\xff" "cd", 5, (const int[]){ 3, 5, -1 });
    S_expect_spans("\xef\xbf\xbd", "a\xff" "b", 3, (const int[]){ 1, 2, -1 });
}

/* Every range starts and ends on a character boundary of the original. */
static void ranges_never_split_a_character(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Straße Æble œuvre ĳs", "今日は日記を書いた 日", "👩\u200d👧 👍🏽 ❤️",
        "e\xcc\x81" "e\xcc\x81" "e", "ÅSA åsa a\xcc\x8asa",
    };
    static const char *const queries[] = { "e", "s", "a", "日", "👧", "é", "as", "sa", "\xef\xbf\xbd" };
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
        for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
            tend_search *s = NULL;
            assert_int_equal(tend_search_new(queries[q], NULL, &s, NULL), TEND_OK);
            tend_span sp[32];
            size_t n;
            size_t len = strlen(texts[t]);
            assert_int_equal(tend_search_spans(s, texts[t], len, sp, 32, &n), TEND_OK);
            for (size_t i = 0; i < n && i < 32; i++) {
                const unsigned char *u = (const unsigned char *)texts[t];
                assert_true(sp[i].start < sp[i].end);
                assert_true(sp[i].end <= len);
                assert_true((u[sp[i].start] & 0xC0) != 0x80);
                assert_true(sp[i].end == len || (u[sp[i].end] & 0xC0) != 0x80);
                if (i)
                    assert_true(sp[i - 1].end <= sp[i].start);
            }
            tend_search_free(s);
        }
    }
    /* "aaaa" has two non-overlapping "aa" */
    SPANS("aa", "aaaa", 0, 2, 2, 4);
}

static void queries_that_are_refused(void **state)
{
    (void)state;
    tend_search *s = NULL;
    tend_error e;
    assert_int_equal(tend_search_new("", NULL, &s, &e), TEND_EINVAL);
    assert_null(s);
    assert_int_equal(tend_search_new("\xcc\x81\xcc\x81", NULL, &s, &e), TEND_EINVAL);
    assert_non_null(strstr(e.msg, "nothing to search"));
    assert_int_equal(tend_search_new("a\nb", NULL, &s, &e), TEND_EINVAL);
    assert_int_equal(tend_search_new("a\rb", NULL, &s, &e), TEND_EINVAL);
    assert_int_equal(tend_search_new("\xa9", NULL, &s, &e), TEND_EINVAL);
    assert_int_equal(tend_search_new("\xe6\x97", NULL, &s, &e), TEND_EINVAL);
    assert_null(s);
}

/* ---- records ------------------------------------------------------------------- */

static void S_checkin(tend_record *r)
{
    *r = (tend_record)TEND_RECORD_INIT;
    r->head.kind = TEND_KIND_CHECKIN;
    r->head.created = 1714550400;
    assert_int_equal(tend_head_set_title(&r->head, "Morning"), TEND_OK);
    assert_int_equal(tend_head_add_tag(&r->head, "Família"), TEND_OK);
    assert_int_equal(tend_head_add_field(&r->head, "distress", "4"), TEND_OK);
    assert_int_equal(tend_head_add_field(&r->head, "triggers", "conflict"), TEND_OK);
    assert_int_equal(tend_head_add_field(&r->head, "triggers", "other"), TEND_OK);
    assert_int_equal(tend_head_add_field(&r->head, "triggers.other", "the café again"),
                     TEND_OK);
    assert_int_equal(tend_head_add_field(&r->head, "note", "Felt calm later"), TEND_OK);
    const char *body = "Line one\r\nsecond CAFÉ line café\nthird\n";
    assert_int_equal(tend_record_set_body(r, body, strlen(body)), TEND_OK);
}

static void record_lines_and_ranges(void **state)
{
    (void)state;
    tend_record r;
    S_checkin(&r);
    tend_search *s = NULL;
    assert_int_equal(tend_search_new("CAFE", NULL, &s, NULL), TEND_OK);
    tend_search_hit hit = TEND_SEARCH_HIT_INIT;
    bool m = false;
    assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
    assert_true(m);
    assert_int_equal(hit.nmatches, 3);
    assert_int_equal(hit.nlines, 2);
    assert_string_equal(hit.head.title, "Morning");
    /* field 3 "triggers.other": "the " 0..4, "café" 4..9 */
    assert_int_equal(hit.lines[0].in, TEND_SEARCH_IN_FIELD);
    assert_string_equal(hit.lines[0].key, "triggers.other");
    assert_int_equal(hit.lines[0].index, 3);
    assert_int_equal(hit.lines[0].line, 1);
    assert_string_equal(hit.lines[0].text, "the café again");
    assert_int_equal(hit.lines[0].nspans, 1);
    assert_int_equal(hit.lines[0].spans[0].start, 4);
    assert_int_equal(hit.lines[0].spans[0].end, 9);
    /* body line 2: "second " 0..7, "CAFÉ" 7..12, " line " 12..18, "café" 18..23 */
    assert_int_equal(hit.lines[1].in, TEND_SEARCH_IN_BODY);
    assert_null(hit.lines[1].key);
    assert_int_equal(hit.lines[1].line, 2);
    assert_string_equal(hit.lines[1].text, "second CAFÉ line café");
    assert_int_equal(hit.lines[1].len, 23);
    assert_int_equal(hit.lines[1].nspans, 2);
    assert_int_equal(hit.lines[1].spans[0].start, 7);
    assert_int_equal(hit.lines[1].spans[0].end, 12);
    assert_int_equal(hit.lines[1].spans[1].start, 18);
    assert_int_equal(hit.lines[1].spans[1].end, 23);
    tend_search_hit_clear(&hit);
    assert_null(hit.lines);
    tend_search_free(s);

    /* a line ending in \r\n loses the \r; line numbers count from 1 */
    assert_int_equal(tend_search_new("one", NULL, &s, NULL), TEND_OK);
    assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
    assert_true(m);
    assert_int_equal(hit.nlines, 1);
    assert_string_equal(hit.lines[0].text, "Line one");
    assert_int_equal(hit.lines[0].line, 1);
    tend_search_hit_clear(&hit);
    tend_search_free(s);

    /* title, tags and the note are searched; without a hit only the answer */
    static const struct {
        const char *q;
        tend_search_in in;
    } where[] = { { "morn", TEND_SEARCH_IN_TITLE },
                  { "FAMILIA", TEND_SEARCH_IN_TAG },
                  { "calm", TEND_SEARCH_IN_FIELD },
                  { "third", TEND_SEARCH_IN_BODY } };
    for (size_t i = 0; i < sizeof where / sizeof *where; i++) {
        assert_int_equal(tend_search_new(where[i].q, NULL, &s, NULL), TEND_OK);
        assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
        assert_true(m);
        assert_int_equal(hit.nlines, 1);
        assert_int_equal(hit.lines[0].in, where[i].in);
        tend_search_hit_clear(&hit);
        m = false;
        assert_int_equal(tend_search_record(s, &r, NULL, &m, NULL), TEND_OK);
        assert_true(m);
        tend_search_free(s);
    }
    tend_record_clear(&r);
}

static bool S_only_triggers(void *ctx, const char *key)
{
    (void)ctx;
    return strcmp(key, "triggers") == 0;
}

static void record_fields_searched(void **state)
{
    (void)state;
    tend_record r;
    S_checkin(&r);
    tend_search *s = NULL;
    tend_search_hit hit = TEND_SEARCH_HIT_INIT;
    bool m = true;
    /* option ids and numbers are answers, not text */
    assert_int_equal(tend_search_new("conflict", NULL, &s, NULL), TEND_OK);
    assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
    assert_false(m);
    assert_null(hit.lines);
    assert_null(hit.head.title);
    tend_search_free(s);
    /* a screen that knows the definition may say otherwise */
    tend_search_opts o = TEND_SEARCH_OPTS_INIT;
    o.field_is_text = S_only_triggers;
    assert_int_equal(tend_search_new("conflict", &o, &s, NULL), TEND_OK);
    assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
    assert_true(m);
    assert_int_equal(hit.nlines, 1);
    assert_string_equal(hit.lines[0].key, "triggers");
    tend_search_hit_clear(&hit);
    tend_search_free(s);
    /* max_lines keeps the first lines and still counts every match */
    o = (tend_search_opts)TEND_SEARCH_OPTS_INIT;
    o.max_lines = 1;
    assert_int_equal(tend_search_new("e", &o, &s, NULL), TEND_OK);
    assert_int_equal(tend_search_record(s, &r, &hit, &m, NULL), TEND_OK);
    assert_true(m);
    assert_int_equal(hit.nlines, 1);
    assert_true(hit.nmatches > 5);
    tend_search_hit_clear(&hit);
    tend_search_free(s);
    tend_record_clear(&r);
}

/* ---- history helpers ----------------------------------------------------------- */

static void history_groups_by_local_day(void **state)
{
    (void)state;
    /* 2024-05-01 00:00 UTC = 1714521600 = day 19844 */
    tend_head h[5] = { TEND_HEAD_INIT, TEND_HEAD_INIT, TEND_HEAD_INIT, TEND_HEAD_INIT,
                       TEND_HEAD_INIT };
    h[0].created = 1714521600 + 2 * 86400 + 3600;  /* 05-03 01:00 UTC */
    h[1].created = 1714521600 + 86400 + 23 * 3600; /* 05-02 23:00 UTC, but +2h: 05-03 */
    h[1].utc_offset = 7200;
    h[2].created = 1714521600 + 86400 + 60;        /* 05-02 */
    h[3].created = 1714521600 + 86400;             /* 05-02 */
    h[4].created = 1714521600 + 10;                /* 05-01 */
    tend_day_group *g = NULL;
    size_t ng = 0;
    assert_int_equal(tend_group_by_day(h, 5, &g, &ng, NULL), TEND_OK);
    assert_int_equal(ng, 3);
    assert_int_equal(g[0].day, 19846);
    assert_int_equal(g[0].first, 0);
    assert_int_equal(g[0].n, 2);
    assert_int_equal(g[1].day, 19845);
    assert_int_equal(g[1].first, 2);
    assert_int_equal(g[1].n, 2);
    assert_int_equal(g[2].day, 19844);
    assert_int_equal(g[2].first, 4);
    assert_int_equal(g[2].n, 1);
    free(g);
    assert_int_equal(tend_group_by_day(h, 0, &g, &ng, NULL), TEND_OK);
    assert_null(g);
    assert_int_equal(ng, 0);

    tend_record r;
    S_checkin(&r);
    assert_true(tend_head_has_answer(&r.head, "triggers", "conflict"));
    assert_false(tend_head_has_answer(&r.head, "triggers", "anger"));
    assert_false(tend_head_has_answer(&r.head, "distress", "5"));
    tend_record_clear(&r);
}

/* ---- a real journal -------------------------------------------------------------- */

static void search_over_a_journal(void **state)
{
    const fixture_tmp *t = *state;
    tend_journal *j = NULL;
    tend_error e;
    assert_int_equal(tend_journal_create(t->path, "pw", 2, TEND_KDF_MIN, &j, &e), TEND_OK);
    static const char *const bodies[] = { "a naïve start", "nothing here", "NAIVE again\nnaive" };
    for (int i = 0; i < 3; i++) {
        tend_record r = TEND_RECORD_INIT;
        r.head.kind = TEND_KIND_ENTRY;
        r.head.created = 1714521600 + i * 86400;
        assert_int_equal(tend_head_set_title(&r.head, ""), TEND_OK);
        assert_int_equal(tend_record_set_body(&r, bodies[i], strlen(bodies[i])), TEND_OK);
        assert_int_equal(tend_journal_add(j, &r, &e), TEND_OK);
        tend_record_clear(&r);
    }
    tend_search *s = NULL;
    assert_int_equal(tend_search_new("naive", NULL, &s, &e), TEND_OK);
    tend_search_results res = TEND_SEARCH_RESULTS_INIT;
    assert_int_equal(tend_search_journal(j, s, NULL, &res, &e), TEND_OK);
    assert_int_equal(res.n, 2);
    assert_int_equal(res.ndamaged, 0);
    /* newest first: the third entry, with matches on lines 1 and 2 */
    assert_int_equal(res.v[0].head.created, 1714521600 + 2 * 86400);
    assert_int_equal(res.v[0].nlines, 2);
    assert_int_equal(res.v[0].lines[1].line, 2);
    assert_true(strlen(res.v[0].id) >= TEND_SHORT_ID_MIN);
    /* "a " 0..2, "naïve" 2..8 */
    assert_int_equal(res.v[1].lines[0].spans[0].start, 2);
    assert_int_equal(res.v[1].lines[0].spans[0].end, 8);
    tend_search_results_free(&res);
    assert_int_equal(res.n, 0);
    /* a filter narrows what is decrypted */
    tend_filter f = TEND_FILTER_INIT;
    f.since = 1714521600 + 86400;
    assert_int_equal(tend_search_journal(j, s, &f, &res, &e), TEND_OK);
    assert_int_equal(res.n, 1);
    tend_search_results_free(&res);
    tend_search_free(s);
    tend_journal_close(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_case_and_accents),
        cmocka_unit_test(fold_ascii_at_every_alignment),
        cmocka_unit_test(fold_combining_and_other_scripts),
        cmocka_unit_test(ranges_ignore_case_and_accents),
        cmocka_unit_test(ranges_map_back_through_expansions),
        cmocka_unit_test(ranges_in_other_scripts),
        cmocka_unit_test(ranges_never_split_a_character),
        cmocka_unit_test(queries_that_are_refused),
        cmocka_unit_test(record_lines_and_ranges),
        cmocka_unit_test(record_fields_searched),
        cmocka_unit_test(history_groups_by_local_day),
        cmocka_unit_test_setup_teardown(search_over_a_journal, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, S_group_setup, NULL);
}
