/*
 * test_prompts.c — choosing a prompt (src/content/prompts.c): the prompt of
 * the day never repeats within 30 days over 400 consecutive days (the
 * permutation alone for many list sizes, and the built-in prompts), stays
 * fixed for a date, and the prompt for a check-in follows the strongest
 * matched answer as a share of its scale, deterministically. The rules on
 * top: no childhood prompt while distress (7 of 10 up), flooding or
 * re-living (3 of 4 up) is high, no prompt about a mistake while shame is
 * high, and a strong urge to drink or use leads to the urges theme, each
 * on every day of a 400-day run, with the same answers on a calmer day
 * showing the held-back prompts do come up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* The themes above plus a check-in definition giving the scales: distress
 * 0-10, angry and flooded 0-4. */
static tend_content *S_themes_with_scales(void)
{
    static const char anger[] = "---\ntheme: anger\ntitle: Anger\n"
                                "matches: angry\n---\n- A1\n";
    static const char comp[] = "---\ntheme: self-compassion\ntitle: Kindness\n"
                               "matches: distress\n---\n- C1\n";
    static const char flood[] = "---\ntheme: worry\ntitle: Worry\n"
                                "matches: flooded\n---\n- W1\n";
    static const char def[] = "---\nid: daily\ntitle: D\nversion: 1\nwindow: today\n---\n"
                              "## Now\n\n- `distress` [0-10] How strong?\n"
                              "- `angry` [0-4] Angry\n- `flooded` [0-4] Flooded\n";
    tend_embedded_file f[] = {
        { "prompts/anger.md", anger, sizeof anger - 1 },
        { "prompts/self-compassion.md", comp, sizeof comp - 1 },
        { "prompts/worry.md", flood, sizeof flood - 1 },
        { "checkins/daily.md", def, sizeof def - 1 },
    };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load_files(f, 4, &c, &err), TEND_OK);
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
    /* Distress 6 (6 of 10) beats a chosen trigger (as much as 1 of 4). */
    tend_prompt_answer a1[] = { { "triggers", "anger" }, { "distress", "6" }, { "angry", "2" } };
    assert_string_equal(S_pick(c, a1, 3, 0), "C1");
    assert_string_equal(S_pick(c, a1, 3, 1), "C2");
    /* Anger 7 beats distress 6 (no definition here: both taken as 0-10);
     * the answers' order does not matter. */
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
    /* "yes" counts as a little; "did not come up" counts for nothing. */
    tend_prompt_answer yes[] = { { "felt_safe", "yes" } };
    assert_string_equal(S_pick(c, yes, 1, 3), "T1");
    tend_prompt_answer unasked[] = { { "felt_safe", "did_not_come_up" } };
    assert_string_equal(S_pick(c, unasked, 1, 3), "-");
    tend_content_free(c);
}

/* A 0-10 answer weighs as its share of 10, a 0-4 answer as its share of 4,
 * so distress no longer outweighs the 0-4 items just by its larger
 * numbers. */
static void answers_weigh_as_a_share_of_their_scale(void **state)
{
    (void)state;
    tend_content *c = S_themes_with_scales();
    /* Flooded 4 of 4 beats distress 8 of 10 (it lost 4 to 8 before). */
    tend_prompt_answer a1[] = { { "distress", "8" }, { "flooded", "4" } };
    assert_string_equal(S_pick(c, a1, 2, 0), "W1");
    /* Angry 3 of 4 beats distress 6 of 10... */
    tend_prompt_answer a2[] = { { "distress", "6" }, { "angry", "3" } };
    assert_string_equal(S_pick(c, a2, 2, 0), "A1");
    /* ...and distress 8 of 10 beats angry 3 of 4. */
    tend_prompt_answer a3[] = { { "distress", "8" }, { "angry", "3" } };
    assert_string_equal(S_pick(c, a3, 2, 0), "C1");
    /* The same share ties: 10 of 10 and 4 of 4, then the day decides. */
    tend_prompt_answer a4[] = { { "distress", "10" }, { "angry", "4" } };
    assert_string_equal(S_pick(c, a4, 2, 0), "A1");
    assert_string_equal(S_pick(c, a4, 2, 1), "C1");
    /* A number past its scale's top counts as the top. */
    tend_prompt_answer a5[] = { { "distress", "10" }, { "angry", "9" } };
    assert_string_equal(S_pick(c, a5, 2, 0), "A1");
    assert_string_equal(S_pick(c, a5, 2, 1), "C1");
    tend_content_free(c);
}

/* ---- the rules: held back while things are hard, led to when urges are strong ---- */

#define RUN_DAYS 400
#define RUN_FIRST 20454 /* 2026-01-01 */

/* The prompt tend shows after a check-in, as src/screens/checkin.c picks
 * it: the one that fits the answers, else the prompt of the day. */
static tend_prompt_ref S_shown(tend_content *c, const tend_prompt_answer *a, size_t n,
                               int64_t day)
{
    tend_prompt_ref r;
    if (!tend_prompt_for_checkin(c, a, n, day, &r))
        assert_true(tend_prompt_of_day(c, day, &r));
    assert_non_null(r.theme);
    assert_non_null(r.prompt);
    return r;
}

/* How many days of the run show a prompt of theme, for these answers. */
static int S_days_with(tend_content *c, const tend_prompt_answer *a, size_t n,
                       const char *theme)
{
    int days = 0;
    for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++)
        days += strcmp(S_shown(c, a, n, d).theme->theme, theme) == 0;
    return days;
}

/* Case-insensitive: does text hold word? */
static bool S_has(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = text; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

/* Answers that pull towards childhood (a caregiver reminder, the family
 * triggers) and some pain, with one answer set to value. */
static void S_childhood_pull(tend_prompt_answer *a, const char *item, const char *value)
{
    a[0] = (tend_prompt_answer){ "triggers", "caregiver" };
    a[1] = (tend_prompt_answer){ "triggers", "anniversary" };
    a[2] = (tend_prompt_answer){ "low", "1" };
    a[3] = (tend_prompt_answer){ item, value };
}

static void no_childhood_prompt_while_distress_or_flooding_is_high(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    assert_non_null(tend_content_theme_find(c, "child"));
    static const struct { const char *item, *value; } high[] = {
        { "flooded", "4" }, { "flooded", "3" }, { "distress", "7" }, { "distress", "8" },
        { "distress", "9" }, { "distress", "10" }, { "relived", "3" }, { "relived", "4" },
    };
    for (size_t h = 0; h < sizeof high / sizeof high[0]; h++) {
        tend_prompt_answer a[4];
        S_childhood_pull(a, high[h].item, high[h].value);
        for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++) {
            tend_prompt_ref r = S_shown(c, a, 4, d);
            if (strcmp(r.theme->theme, "child") == 0 || strcmp(r.theme->theme, "family") == 0)
                fail_msg("%s = %s, day %lld: childhood prompt '%s'", high[h].item, high[h].value,
                         (long long)d, r.prompt->text);
        }
    }
    tend_content_free(c);
}

static void childhood_prompts_do_come_up_on_a_calmer_day(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    const tend_prompt_theme *child = tend_content_theme_find(c, "child");
    assert_non_null(child);
    /* The same pull with distress 2 of 10 or flooding 2 of 4: the
     * childhood themes are chosen on many days, every child prompt among
     * them. */
    static const struct { const char *item, *value; } calm[] = {
        { "distress", "2" }, { "flooded", "1" }, { "relived", "1" }, { "distress", "0" },
    };
    for (size_t k = 0; k < sizeof calm / sizeof calm[0]; k++) {
        tend_prompt_answer a[4];
        S_childhood_pull(a, calm[k].item, calm[k].value);
        a[2] = (tend_prompt_answer){ "low", "0" };
        bool seen[32] = { false };
        int days = 0;
        for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++) {
            tend_prompt_ref r = S_shown(c, a, 4, d);
            if (r.theme == child) {
                days++;
                seen[r.prompt - child->prompts] = true;
            }
        }
        assert_true(days >= RUN_DAYS / 10);
        for (size_t p = 0; p < child->nprompts && p < 32; p++)
            assert_true(seen[p]);
    }
    tend_content_free(c);
}

/* The rule belongs to the matching, not to how the built-in themes happen
 * to be written: a child theme that matches flooding and distress itself,
 * and is the only theme that matches anything, is still held back, and
 * what is offered instead is never one of its prompts. */
static void the_childhood_rule_holds_whatever_the_themes_match(void **state)
{
    (void)state;
    static const char child[] = "---\ntheme: child\ntitle: The child you were\n"
                                "matches: flooded, distress, relived, triggers.caregiver\n---\n"
                                "- K1\n- K2\n- K3\n- K4\n- K5\n- K6\n- K7\n";
    static const char other[] = "---\ntheme: other\ntitle: Other\n---\n- O1\n- O2\n";
    tend_embedded_file f[] = {
        { "prompts/child.md", child, sizeof child - 1 },
        { "prompts/other.md", other, sizeof other - 1 },
    };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load_files(f, 2, &c, &err), TEND_OK);
    tend_prompt_answer flooded[] = { { "flooded", "4" }, { "triggers", "caregiver" } };
    tend_prompt_answer distress[] = { { "distress", "7" } };
    assert_int_equal(S_days_with(c, flooded, 2, "child"), 0);
    assert_int_equal(S_days_with(c, distress, 1, "child"), 0);
    /* Held back, nothing else matched: a prompt of an open theme, not
     * "no prompt" (whose fallback, the prompt of the day, could be K1). */
    tend_prompt_ref r;
    for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++) {
        assert_true(tend_prompt_for_checkin(c, flooded, 2, d, &r));
        assert_string_equal(r.theme->theme, "other");
    }
    /* Just under the line, the same theme is chosen every day. */
    tend_prompt_answer under[] = { { "flooded", "2" }, { "distress", "6" } };
    assert_int_equal(S_days_with(c, under, 2, "child"), RUN_DAYS);
    tend_content_free(c);
}

static void no_prompt_about_a_mistake_while_shame_is_high(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    assert_non_null(tend_content_theme_find(c, "mistakes"));
    static const char *const high[] = { "3", "4" };
    for (size_t h = 0; h < 2; h++) {
        /* Criticism today (the mistakes theme's trigger) and shame. */
        tend_prompt_answer a[] = { { "triggers", "conflict" }, { "ashamed", high[h] } };
        for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++) {
            tend_prompt_ref r = S_shown(c, a, 2, d);
            if (strcmp(r.theme->theme, "mistakes") == 0 || S_has(r.prompt->text, "mistake"))
                fail_msg("ashamed = %s, day %lld: '%s'", high[h], (long long)d, r.prompt->text);
        }
    }
    /* With shame at 1 of 4, the same trigger brings them up. */
    tend_prompt_answer calm[] = { { "triggers", "conflict" }, { "ashamed", "1" } };
    assert_true(S_days_with(c, calm, 2, "mistakes") >= RUN_DAYS / 10);
    bool replay = false;
    for (int64_t d = RUN_FIRST; d < RUN_FIRST + RUN_DAYS; d++)
        replay |= S_has(S_shown(c, calm, 2, d).prompt->text, "mistake you keep replaying");
    assert_true(replay);
    tend_content_free(c);
}

static void a_strong_urge_to_drink_or_use_leads_to_the_urges_theme(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    assert_non_null(tend_content_theme_find(c, "urges"));
    static const char *const strong[] = { "3", "4" };
    for (size_t k = 0; k < 2; k++) {
        /* Even beside the strongest distress and flooding. */
        tend_prompt_answer a[] = { { "distress", "10" }, { "flooded", "4" },
                                   { "urge_use", strong[k] }, { "triggers", "conflict" } };
        assert_int_equal(S_days_with(c, a, 4, "urges"), RUN_DAYS);
    }
    /* A milder urge is one answer among the others. */
    tend_prompt_answer mild[] = { { "distress", "9" }, { "urge_use", "1" } };
    assert_int_equal(S_days_with(c, mild, 2, "urges"), 0);
    tend_prompt_answer only[] = { { "urge_use", "2" } };
    assert_int_equal(S_days_with(c, only, 1, "urges"), RUN_DAYS);
    tend_content_free(c);
}

/* The rules read theme and item ids: the built-in content must have them,
 * and prompts that look back at childhood or at a mistake must sit in the
 * themes the rules hold back, or the rules would guard nothing. */
static void the_built_in_content_has_what_the_rules_read(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    static const char *const themes[] = { "child", "family", "mistakes", "urges",
                                          "worry", "grief", "hope", "sleep" };
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
        if (!tend_content_theme_find(c, themes[i]))
            fail_msg("no built-in theme '%s'", themes[i]);
    const tend_checkin_def *daily = tend_content_checkin_find(c, "daily");
    assert_non_null(daily);
    static const struct { const char *id; int max; } scales[] = {
        { "distress", 10 }, { "flooded", 4 }, { "relived", 4 }, { "ashamed", 4 },
        { "urge_use", 4 },
    };
    for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
        const tend_checkin_item *it = tend_checkin_item_find(daily, scales[i].id);
        if (!it || it->max != scales[i].max)
            fail_msg("the daily check-in has no 0-%d item '%s'", scales[i].max, scales[i].id);
    }
    /* The short check-in for hard days: at most five items, with distress
     * and the safety items read the same way as in the daily one. */
    const tend_checkin_def *brief = tend_content_checkin_find(c, "short");
    assert_non_null(brief);
    assert_true(brief->nitems <= 5);
    assert_int_equal(tend_checkin_item_find(brief, "distress")->max, 10);
    assert_true(tend_checkin_item_find(brief, "urge_harm")->safety);
    assert_true(tend_checkin_item_find(brief, "thoughts_end")->safety);
    static const char *const childhood[] = { "child", "grew up", "younger", "years old" };
    for (size_t i = 0; i < tend_prompt_count(c); i++) {
        tend_prompt_ref r;
        assert_true(tend_prompt_at(c, i, &r));
        const char *t = r.theme->theme;
        bool held_child = strcmp(t, "child") == 0 || strcmp(t, "family") == 0;
        for (size_t w = 0; w < sizeof childhood / sizeof childhood[0]; w++)
            if (!held_child && S_has(r.prompt->text, childhood[w]))
                fail_msg("theme %s: '%s' looks back at childhood", t, r.prompt->text);
        if (strcmp(t, "mistakes") != 0 && S_has(r.prompt->text, "mistake"))
            fail_msg("theme %s: '%s' is about a mistake", t, r.prompt->text);
    }
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
        cmocka_unit_test(answers_weigh_as_a_share_of_their_scale),
        cmocka_unit_test(no_childhood_prompt_while_distress_or_flooding_is_high),
        cmocka_unit_test(childhood_prompts_do_come_up_on_a_calmer_day),
        cmocka_unit_test(the_childhood_rule_holds_whatever_the_themes_match),
        cmocka_unit_test(no_prompt_about_a_mistake_while_shame_is_high),
        cmocka_unit_test(a_strong_urge_to_drink_or_use_leads_to_the_urges_theme),
        cmocka_unit_test(the_built_in_content_has_what_the_rules_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
