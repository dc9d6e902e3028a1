/*
 * test_prompts.c — choosing a prompt (src/content/prompts.c): the prompt of
 * the day never repeats within 30 days over 400 consecutive days (the
 * permutation alone for many list sizes, and the built-in prompts), stays
 * fixed for a date, and the prompt for a check-in follows the strongest
 * matched answer, deterministically.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/content.h"

/* Any `window` consecutive days among days [first, first+ndays) show
 * different indices. */
static void S_no_repeat(size_t n, int64_t first, int ndays, int window)
{
    size_t *idx = calloc((size_t)ndays, sizeof *idx);
    assert_non_null(idx);
    for (int d = 0; d < ndays; d++) {
        idx[d] = tend_prompt_day_index(n, first + d);
        assert_true(idx[d] < n);
        for (int e = d - window + 1; e < d; e++)
            if (e >= 0 && idx[e] == idx[d])
                fail_msg("n=%zu: day %lld repeats day %lld (index %zu)", n,
                         (long long)(first + d), (long long)(first + e), idx[d]);
    }
    free(idx);
}

static void the_day_index_never_repeats_within_30_days(void **state)
{
    (void)state;
    const int64_t starts[] = { 0, 20454 /* 2026-01-01 */, -400, 123456789 };
    for (size_t n = 30; n <= 200; n++)
        for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++)
            S_no_repeat(n, starts[s], 400, 30);
    /* A list shorter than 30 cannot go 30 days, but any n days differ. */
    for (size_t n = 1; n < 30; n++)
        S_no_repeat(n, 20454, 400, (int)n);
}

static void the_day_index_is_a_walk_through_every_prompt(void **state)
{
    (void)state;
    size_t n = 66;
    char seen[66] = { 0 };
    for (int64_t d = 20454; d < 20454 + 66; d++)
        seen[tend_prompt_day_index(n, d)]++;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(seen[i], 1);
    /* Fixed for a date; not simply the next prompt in the file each day. */
    assert_int_equal(tend_prompt_day_index(n, 20454), tend_prompt_day_index(n, 20454));
    int neighbours = 0;
    for (int64_t d = 20454; d < 20454 + 66; d++)
        neighbours += (tend_prompt_day_index(n, d + 1) + n - tend_prompt_day_index(n, d)) % n == 1;
    assert_int_equal(neighbours, 0);
    assert_int_equal(tend_prompt_day_index(0, 5), 0);
    assert_int_equal(tend_prompt_day_index(1, -5), 0);
}

static tend_content *S_builtin(void)
{
    tend_content_opts o = { true, NULL, false };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load(&o, &c, &err), TEND_OK);
    return c;
}

static void the_built_in_prompt_of_the_day_never_repeats_within_30_days(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    size_t n = tend_prompt_count(c);
    assert_true(n >= 60);
    const tend_content_item *days[400];
    for (int d = 0; d < 400; d++) {
        tend_prompt_ref r;
        assert_true(tend_prompt_of_day(c, 20454 + d, &r));
        assert_non_null(r.theme);
        assert_ptr_equal(r.prompt, &r.theme->prompts[r.prompt - r.theme->prompts]);
        days[d] = r.prompt;
        for (int e = d - 29; e < d; e++)
            if (e >= 0)
                assert_ptr_not_equal(days[e], days[d]);
    }
    tend_prompt_ref again;
    assert_true(tend_prompt_of_day(c, 20454 + 7, &again));
    assert_ptr_equal(again.prompt, days[7]);
    /* The flat list: every index names a prompt, one past the end none. */
    tend_prompt_ref r;
    assert_true(tend_prompt_at(c, n - 1, &r));
    assert_int_equal(r.index, n - 1);
    assert_false(tend_prompt_at(c, n, &r));
    assert_null(r.prompt);
    tend_content_free(c);
}

/* ---- the prompt for a check-in ---------------------------------------------- */

static tend_content *S_themes(void)
{
    static const char anger[] = "---\ntheme: anger\ntitle: Anger\n"
                                "matches: angry, triggers.anger\n---\n- A1\n- A2\n";
    static const char lonely[] = "---\ntheme: loneliness\ntitle: Loneliness\n"
                                 "matches: lonely, triggers.rejected\n---\n- L1\n- L2\n- L3\n";
    static const char trust[] = "---\ntheme: trust\ntitle: Trust\n"
                                "matches: felt_safe, triggers.rejected\n---\n- T1\n";
    static const char comp[] = "---\ntheme: self-compassion\ntitle: Kindness\n"
                               "matches: distress\n---\n- C1\n- C2\n";
    static const char nomatch[] = "---\ntheme: body\ntitle: Body\n---\n- B1\n";
    tend_embedded_file f[] = {
        { "prompts/anger.md", anger, sizeof anger - 1 },
        { "prompts/loneliness.md", lonely, sizeof lonely - 1 },
        { "prompts/trust.md", trust, sizeof trust - 1 },
        { "prompts/self-compassion.md", comp, sizeof comp - 1 },
        { "prompts/body.md", nomatch, sizeof nomatch - 1 },
    };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load_files(f, 5, &c, &err), TEND_OK);
    return c;
}

/* The text of the prompt chosen for answers on day, or "-" for none. */
static const char *S_pick(tend_content *c, const tend_prompt_answer *a, size_t n, int64_t day)
{
    tend_prompt_ref r;
    if (!tend_prompt_for_checkin(c, a, n, day, &r)) {
        assert_null(r.prompt);
        return "-";
    }
    tend_prompt_ref flat;
    assert_true(tend_prompt_at(c, r.index, &flat));
    assert_ptr_equal(flat.prompt, r.prompt);
    return r.prompt->text;
}

static void the_highest_matched_answer_wins(void **state)
{
    (void)state;
    tend_content *c = S_themes();
    /* Distress 6 beats a chosen trigger (1). */
    tend_prompt_answer a1[] = { { "triggers", "anger" }, { "distress", "6" }, { "angry", "2" } };
    assert_string_equal(S_pick(c, a1, 3, 0), "C1");
    assert_string_equal(S_pick(c, a1, 3, 1), "C2");
    /* Anger 7 beats distress 6; the answers' order does not matter. */
    tend_prompt_answer a2[] = { { "angry", "7" }, { "distress", "6" } };
    tend_prompt_answer a3[] = { { "distress", "6" }, { "angry", "7" } };
    assert_string_equal(S_pick(c, a2, 2, 4), "A1");
    assert_string_equal(S_pick(c, a3, 2, 4), "A1");
    assert_string_equal(S_pick(c, a3, 2, 5), "A2");
    /* A chosen trigger alone: the theme that names item.option. */
    tend_prompt_answer a4[] = { { "triggers", "anger" }, { "distress", "0" } };
    assert_string_equal(S_pick(c, a4, 2, 9), "A2");
    tend_content_free(c);
}

static void ties_are_broken_by_the_day_and_the_same_check_in_gives_the_same_prompt(void **state)
{
    (void)state;
    tend_content *c = S_themes();
    /* "rejected" is in loneliness and trust (themes in id order). */
    tend_prompt_answer a[] = { { "triggers", "rejected" } };
    assert_string_equal(S_pick(c, a, 1, 0), "L1");
    assert_string_equal(S_pick(c, a, 1, 1), "T1");
    assert_string_equal(S_pick(c, a, 1, 2), "L3");
    for (int i = 0; i < 5; i++)
        assert_string_equal(S_pick(c, a, 1, 20454), S_pick(c, a, 1, 20454));
    assert_string_equal(S_pick(c, a, 1, -1), "T1");
    tend_content_free(c);
}

static void nothing_reported_or_matched_gives_no_prompt(void **state)
{
    (void)state;
    tend_content *c = S_themes();
    assert_string_equal(S_pick(c, NULL, 0, 3), "-");
    tend_prompt_answer zero[] = { { "distress", "0" }, { "angry", "no" }, { "felt_safe", "no" } };
    assert_string_equal(S_pick(c, zero, 3, 3), "-");
    /* Typed words and items no theme names count for nothing. */
    tend_prompt_answer words[] = { { "angry", "it was a lot" }, { "sleep", "4" },
                                   { "triggers", "noise" }, { NULL, "5" } };
    assert_string_equal(S_pick(c, words, 4, 3), "-");
    /* "yes" counts as 1. */
    tend_prompt_answer yes[] = { { "felt_safe", "yes" } };
    assert_string_equal(S_pick(c, yes, 1, 3), "T1");
    tend_content_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_day_index_never_repeats_within_30_days),
        cmocka_unit_test(the_day_index_is_a_walk_through_every_prompt),
        cmocka_unit_test(the_built_in_prompt_of_the_day_never_repeats_within_30_days),
        cmocka_unit_test(the_highest_matched_answer_wins),
        cmocka_unit_test(ties_are_broken_by_the_day_and_the_same_check_in_gives_the_same_prompt),
        cmocka_unit_test(nothing_reported_or_matched_gives_no_prompt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
