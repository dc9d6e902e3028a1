/*
 * test_insights.c — the insight arithmetic (src/journal/insights.c) against
 * numbers worked out by hand: daily means, sparkline levels and glyphs,
 * option counts, the with/without comparison and its sentence, heat levels,
 * the year of levels and the month marks. Each expectation shows its sum.
 *
 * The days: D0 = 2024-05-01 = day 19844; T0 = 1714521600 is its 00:00 UTC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "tend/date.h"
#include "tend/insights.h"
#include "tend/journal.h"

#define D0 19844
#define T0 1714521600
#define H 3600

/* Appends a head of kind at T0 + day days + secs (UTC) with offset off and
 * the fields given as key, value, ..., NULL. */
static void S_head(tend_head *heads, size_t *n, uint32_t kind, int day, int64_t secs, int32_t off,
                   ...)
{
    tend_head *h = &heads[(*n)++];
    *h = (tend_head)TEND_HEAD_INIT;
    h->kind = kind;
    h->created = T0 + (int64_t)day * 86400 + secs;
    h->updated = h->created;
    h->utc_offset = off;
    assert_int_equal(tend_head_set_title(h, ""), TEND_OK);
    va_list ap;
    va_start(ap, off);
    const char *k;
    while ((k = va_arg(ap, const char *)) != NULL) {
        const char *v = va_arg(ap, const char *);
        assert_int_equal(tend_head_add_field(h, k, v), TEND_OK);
    }
    va_end(ap);
}

static void S_free(tend_head *heads, size_t n)
{
    for (size_t i = 0; i < n; i++)
        tend_head_clear(&heads[i]);
}

#define CI TEND_KIND_CHECKIN

/* The main data set (see each line). */
static size_t S_data(tend_head *h)
{
    size_t n = 0;
    /* D0: two check-ins, distress 4 and 7 -> mean 5.5 */
    S_head(h, &n, CI, 0, 9 * H, 0, "distress", "4", "triggers", "conflict", "triggers", "anger",
           NULL);
    S_head(h, &n, CI, 0, 21 * H, 0, "distress", "7", "triggers", "conflict", NULL);
    /* D0+1: an entry with a field named distress: not a check-in, ignored */
    S_head(h, &n, TEND_KIND_ENTRY, 1, 12 * H, 0, "distress", "9", NULL);
    /* D0+2: distress 10; typed words under triggers.other are not an option */
    S_head(h, &n, CI, 2, 8 * H, 0, "distress", "10", "triggers", "conflict", "triggers", "other",
           "triggers.other", "phone call", NULL);
    /* D0+3: distress 0 */
    S_head(h, &n, CI, 3, 8 * H, 0, "distress", "0", "triggers", "anger", NULL);
    /* D0+5: distress skipped; D0+6: not a number -> both gaps */
    S_head(h, &n, CI, 5, 8 * H, 0, "sleep", "2", NULL);
    S_head(h, &n, CI, 6, 8 * H, 0, "distress", "a lot", NULL);
    /* 05-08 23:30 UTC at +1h is 05-09 00:30 local: D0+8, distress 3 */
    S_head(h, &n, CI, 7, 23 * H + 1800, 3600, "distress", "3", "triggers", "senses", NULL);
    /* 05-10 00:30 UTC at -1h is 05-09 23:30 local: D0+8, distress 6 */
    S_head(h, &n, CI, 9, 1800, -3600, "distress", "6", "triggers", "senses", NULL);
    /* D0-1 (30 April): distress 8, before a series starting at D0 */
    S_head(h, &n, CI, -1, 12 * H, 0, "distress", "8", "triggers", "conflict", NULL);
    return n;
}

static void answers_as_numbers(void **state)
{
    (void)state;
    double v = -1;
    assert_true(tend_answer_number("yes", &v));
    assert_true(v == 1);
    assert_true(tend_answer_number("no", &v));
    assert_true(v == 0);
    assert_true(tend_answer_number("10", &v));
    assert_true(v == 10);
    assert_true(tend_answer_number("007", &v));
    assert_true(v == 7);
    v = -1;
    assert_false(tend_answer_number("1000", &v));
    assert_false(tend_answer_number("-1", &v));
    assert_false(tend_answer_number("", &v));
    assert_false(tend_answer_number("3.5", &v));
    assert_false(tend_answer_number("conflict", &v));
    assert_true(v == -1);
}

static void series_daily_means(void **state)
{
    (void)state;
    tend_head h[16];
    size_t n = S_data(h);
    tend_series s;
    tend_error e;
    assert_int_equal(tend_insight_series(h, n, "distress", D0 + 13, 14, &s, &e), TEND_OK);
    assert_int_equal(s.first_day, D0);
    assert_int_equal(s.ndays, 14);
    assert_int_equal(s.count[0], 2);
    assert_true(s.value[0] == 5.5); /* (4 + 7) / 2 */
    assert_int_equal(s.count[1], 0); /* the entry does not count */
    assert_int_equal(s.count[2], 1);
    assert_true(s.value[2] == 10);
    assert_int_equal(s.count[3], 1);
    assert_true(s.value[3] == 0);
    assert_int_equal(s.count[5], 0);
    assert_int_equal(s.count[6], 0);
    assert_int_equal(s.count[8], 2);
    assert_true(s.value[8] == 4.5); /* (3 + 6) / 2, both lived on 9 May */
    size_t answered = 0;
    for (size_t d = 0; d < 14; d++)
        answered += s.count[d] != 0;
    assert_int_equal(answered, 4);
    double mean = 0;
    assert_true(tend_series_mean(&s, &mean));
    assert_true(mean == 5.0); /* (5.5 + 10 + 0 + 4.5) / 4 = 20 / 4 */

    /* the 30 days ending D0+13 start at D0-16 and take in 30 April: 8 */
    assert_int_equal(tend_insight_series(h, n, "distress", D0 + 13, 30, &s, &e), TEND_OK);
    assert_int_equal(s.first_day, D0 - 16);
    assert_int_equal(s.count[15], 1);
    assert_true(s.value[15] == 8);

    /* an item nobody answered: no mean */
    assert_int_equal(tend_insight_series(h, n, "pain", D0 + 13, 14, &s, &e), TEND_OK);
    assert_false(tend_series_mean(&s, &mean));
    assert_int_equal(tend_insight_series(h, n, "distress", D0, 0, &s, &e), TEND_EINVAL);
    assert_int_equal(tend_insight_series(h, n, "distress", D0, TEND_SERIES_MAX + 1, &s, &e),
                     TEND_EINVAL);
    S_free(h, n);
}

static void sparklines(void **state)
{
    (void)state;
    /* round(v / (hi - lo) * 7) */
    assert_int_equal(tend_spark_level(0, 0, 10), 0);
    assert_int_equal(tend_spark_level(5.5, 0, 10), 4);  /* 3.85 -> 4 */
    assert_int_equal(tend_spark_level(4.5, 0, 10), 3);  /* 3.15 -> 3 */
    assert_int_equal(tend_spark_level(10, 0, 10), 7);
    assert_int_equal(tend_spark_level(2, 0, 4), 4);     /* 3.5 -> 4 */
    assert_int_equal(tend_spark_level(1, 0, 4), 2);     /* 1.75 -> 2 */
    assert_int_equal(tend_spark_level(12, 0, 10), 7);   /* clamped */
    assert_int_equal(tend_spark_level(-3, 0, 10), 0);
    assert_int_equal(tend_spark_level(3, 4, 4), 0);     /* no scale */
    assert_string_equal(tend_spark_glyph(0, false), "▁");
    assert_string_equal(tend_spark_glyph(7, false), "█");
    assert_string_equal(tend_spark_glyph(3, true), "-");

    tend_head h[16];
    size_t n = S_data(h);
    tend_series s;
    assert_int_equal(tend_insight_series(h, n, "distress", D0 + 13, 14, &s, NULL), TEND_OK);
    tend_buf b = TEND_BUF_INIT;
    /* days 0..13: 5.5 -> 4, gap, 10 -> 7, 0 -> 0, four gaps, 4.5 -> 3, five gaps */
    assert_int_equal(tend_sparkline(&s, 0, 10, false, &b), TEND_OK);
    assert_string_equal(b.data, "▅ █▁    ▄     ");
    tend_buf_reset(&b);
    assert_int_equal(tend_sparkline(&s, 0, 10, true, &b), TEND_OK);
    assert_string_equal(b.data, "= #_    -     ");
    tend_buf_free(&b);
    S_free(h, n);
}

static void option_counts(void **state)
{
    (void)state;
    tend_head h[16];
    size_t n = S_data(h);
    tend_option_counts c = TEND_OPTION_COUNTS_INIT;
    assert_int_equal(tend_insight_options(h, n, "triggers", D0, D0 + 13, &c, NULL), TEND_OK);
    /* anger: D0 and D0+3 -> 2 days, 2 check-ins
     * conflict: D0 (twice) and D0+2 -> 2 days, 3 check-ins (30 April is outside)
     * other: D0+2 -> 1 day, 1 check-in
     * senses: D0+8 (twice) -> 1 day, 2 check-ins
     * most days first, ties by id */
    assert_int_equal(c.n, 4);
    assert_string_equal(c.v[0].option, "anger");
    assert_int_equal(c.v[0].days, 2);
    assert_int_equal(c.v[0].checkins, 2);
    assert_string_equal(c.v[1].option, "conflict");
    assert_int_equal(c.v[1].days, 2);
    assert_int_equal(c.v[1].checkins, 3);
    assert_string_equal(c.v[2].option, "other");
    assert_int_equal(c.v[2].days, 1);
    assert_int_equal(c.v[2].checkins, 1);
    assert_string_equal(c.v[3].option, "senses");
    assert_int_equal(c.v[3].days, 1);
    assert_int_equal(c.v[3].checkins, 2);
    tend_option_counts_free(&c);
    assert_null(c.v);
    /* with 30 April: conflict 3 days, 4 check-ins, now first */
    assert_int_equal(tend_insight_options(h, n, "triggers", D0 - 1, D0 + 13, &c, NULL), TEND_OK);
    assert_string_equal(c.v[0].option, "conflict");
    assert_int_equal(c.v[0].days, 3);
    assert_int_equal(c.v[0].checkins, 4);
    tend_option_counts_free(&c);
    /* nothing in range */
    assert_int_equal(tend_insight_options(h, n, "triggers", D0 + 20, D0 + 30, &c, NULL), TEND_OK);
    assert_int_equal(c.n, 0);
    assert_null(c.v);
    S_free(h, n);
}

static void with_and_without(void **state)
{
    (void)state;
    tend_head h[16];
    size_t n = 0;
    S_head(h, &n, CI, 0, 8 * H, 0, "sleep", "3", "triggers", "conflict", NULL);
    S_head(h, &n, CI, 1, 8 * H, 0, "sleep", "4", "triggers", "conflict", NULL);
    /* D0+2: sleep 1 without, then 3 with conflict: the day is 2, with */
    S_head(h, &n, CI, 2, 8 * H, 0, "sleep", "1", NULL);
    S_head(h, &n, CI, 2, 20 * H, 0, "sleep", "3", "triggers", "conflict", NULL);
    S_head(h, &n, CI, 3, 8 * H, 0, "sleep", "1", "triggers", "anger", NULL);
    S_head(h, &n, CI, 4, 8 * H, 0, "sleep", "0", NULL);
    S_head(h, &n, CI, 5, 8 * H, 0, "sleep", "2", NULL);
    /* D0+6: conflict but sleep skipped: the day is not counted */
    S_head(h, &n, CI, 6, 8 * H, 0, "triggers", "conflict", NULL);
    S_head(h, &n, CI, 7, 8 * H, 0, "sleep", "1", NULL);

    tend_compare c;
    tend_error e;
    assert_int_equal(
        tend_insight_compare(h, n, "sleep", "triggers", "conflict", D0, D0 + 9, &c, &e), TEND_OK);
    /* with: D0, D0+1, D0+2 -> (3 + 4 + 2) / 3 = 9 / 3 = 3.0
     * without: D0+3, D0+4, D0+5, D0+7 -> (1 + 0 + 2 + 1) / 4 = 4 / 4 = 1.0 */
    assert_int_equal(c.days_with, 3);
    assert_int_equal(c.days_without, 4);
    assert_true(c.mean_with == 3.0);
    assert_true(c.mean_without == 1.0);
    assert_true(c.enough);
    tend_buf b = TEND_BUF_INIT;
    assert_int_equal(tend_compare_text(&c, "Sleep", "Conflict or criticism", &b), TEND_OK);
    assert_string_equal(b.data, "On days with \"Conflict or criticism\", Sleep averaged 3.0; on "
                                "days without, 1.0 (3 and 4 days).");
    tend_buf_reset(&b);

    /* from D0+1: with D0+1, D0+2 -> (4 + 2) / 2 = 3.0 over 2 days: too few */
    assert_int_equal(
        tend_insight_compare(h, n, "sleep", "triggers", "conflict", D0 + 1, D0 + 9, &c, &e),
        TEND_OK);
    assert_int_equal(c.days_with, 2);
    assert_int_equal(c.days_without, 4);
    assert_true(c.mean_with == 3.0);
    assert_false(c.enough);
    assert_int_equal(tend_compare_text(&c, "Sleep", "Conflict or criticism", &b), TEND_OK);
    assert_string_equal(b.data, "Not enough days yet to compare: this needs at least 3 days "
                                "with \"Conflict or criticism\" and 3 without (so far 2 and 4).");
    tend_buf_free(&b);

    /* an option never chosen: no days with, not enough, mean 0 */
    assert_int_equal(
        tend_insight_compare(h, n, "sleep", "triggers", "caregiver", D0, D0 + 9, &c, &e), TEND_OK);
    assert_int_equal(c.days_with, 0);
    assert_int_equal(c.days_without, 7);
    assert_true(c.mean_with == 0);
    assert_false(c.enough);
    assert_int_equal(
        tend_insight_compare(h, n, "sleep", "triggers", "conflict", D0, D0 + 366, &c, &e),
        TEND_EINVAL);
    assert_int_equal(tend_insight_compare(h, n, "sleep", "triggers", "conflict", D0, D0 - 1, &c, &e),
                     TEND_EINVAL);
    S_free(h, n);
}

static void heat_levels_and_year(void **state)
{
    (void)state;
    /* ceil(mean / hi * 4), 0 only for 0 */
    assert_int_equal(tend_heat_level(0, 10), 0);
    assert_int_equal(tend_heat_level(0.1, 10), 1);  /* 0.04 -> 1 */
    assert_int_equal(tend_heat_level(2.5, 10), 1);  /* 1.0 -> 1 */
    assert_int_equal(tend_heat_level(2.6, 10), 2);  /* 1.04 -> 2 */
    assert_int_equal(tend_heat_level(5, 10), 2);    /* 2.0 -> 2 */
    assert_int_equal(tend_heat_level(7.5, 10), 3);  /* 3.0 -> 3 */
    assert_int_equal(tend_heat_level(7.6, 10), 4);  /* 3.04 -> 4 */
    assert_int_equal(tend_heat_level(10, 10), 4);
    assert_int_equal(tend_heat_level(12, 10), 4);
    assert_int_equal(tend_heat_level(2, 4), 2);     /* 2.0 -> 2 */
    assert_int_equal(tend_heat_level(-1, 10), 0);

    tend_head h[16];
    size_t n = S_data(h);
    tend_year_levels y;
    tend_insight_year(h, n, "distress", 10, 2024, &y);
    /* 2024 is a leap year; 1 May is day 31 + 29 + 31 + 30 = 121 of it */
    assert_int_equal(y.ndays, 366);
    assert_int_equal(y.first_day, D0 - 121);
    assert_int_equal(y.level[120], 4); /* 30 April: 8 -> 3.2 -> 4 */
    assert_int_equal(y.level[121], 3); /* 5.5 -> 2.2 -> 3 */
    assert_true(y.mean[121] == 5.5);
    assert_int_equal(y.level[122], -1);
    assert_int_equal(y.level[123], 4); /* 10 */
    assert_int_equal(y.level[124], 0); /* 0: answered, at zero */
    assert_int_equal(y.level[129], 2); /* 4.5 -> 1.8 -> 2 */
    size_t days = 0;
    for (size_t d = 0; d < y.ndays; d++)
        days += y.level[d] >= 0;
    assert_int_equal(days, 5);
    tend_insight_year(h, n, "distress", 10, 2023, &y);
    assert_int_equal(y.ndays, 365);
    for (size_t d = 0; d < y.ndays; d++)
        assert_int_equal(y.level[d], -1);
    S_free(h, n);
}

static void month_marks(void **state)
{
    (void)state;
    tend_head h[16];
    size_t n = S_data(h);
    S_head(h, &n, TEND_KIND_ENTRY, 0, 22 * H, 0, NULL);
    unsigned char m[31];
    tend_month_marks(h, n, 2024, 5, m);
    assert_int_equal(m[0], TEND_MARK_ENTRY | TEND_MARK_CHECKIN);
    assert_int_equal(m[1], TEND_MARK_ENTRY);
    assert_int_equal(m[2], TEND_MARK_CHECKIN);
    assert_int_equal(m[4], 0);
    assert_int_equal(m[8], TEND_MARK_CHECKIN); /* 9 May, by local day */
    assert_int_equal(m[9], 0);
    /* April: only the 30th */
    tend_month_marks(h, n, 2024, 4, m);
    for (int d = 0; d < 31; d++)
        assert_int_equal(m[d], d == 29 ? TEND_MARK_CHECKIN : 0);
    tend_month_marks(h, n, 2024, 13, m);
    for (int d = 0; d < 31; d++)
        assert_int_equal(m[d], 0);
    S_free(h, n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(answers_as_numbers), cmocka_unit_test(series_daily_means),
        cmocka_unit_test(sparklines),         cmocka_unit_test(option_counts),
        cmocka_unit_test(with_and_without),   cmocka_unit_test(heat_levels_and_year),
        cmocka_unit_test(month_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
