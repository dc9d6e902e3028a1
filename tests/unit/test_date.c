/*
 * test_date.c — calendar arithmetic and the date formats (src/core/date.c),
 * checked against dates worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "tend/date.h"

static void civil_days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(tend_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(tend_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(tend_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(tend_days_from_civil(2024, 2, 29), 19782);
    for (int64_t d = -800000; d < 800000; d += 997) {
        int64_t y;
        int m, dd;
        tend_civil_from_days(d, &y, &m, &dd);
        assert_int_equal(tend_days_from_civil(y, m, dd), d);
    }
}

static void formats_use_the_offset(void **state)
{
    (void)state;
    char b[TEND_ISO8601_MAX];
    /* 2024-05-01 23:30 UTC */
    int64_t t = 1714606200;
    tend_format_datetime(t, 0, b);
    assert_string_equal(b, "2024-05-01 23:30");
    tend_format_date(t, 2 * 3600, b);
    assert_string_equal(b, "2024-05-02");
    tend_format_iso8601(t, -(5 * 3600 + 1800), b);
    assert_string_equal(b, "2024-05-01T18:00:00-05:30");
    tend_format_datetime(-1, 0, b);
    assert_string_equal(b, "1969-12-31 23:59");
}

/* The hand-written RFC 3339 form is what the printf form gives, for times
 * from year 1 to 9999 at offsets on both sides of UTC, and reads back. */
static void iso8601_matches_the_printf_form(void **state)
{
    (void)state;
    const int64_t lo = tend_days_from_civil(1, 1, 1) * 86400;
    const int64_t hi = tend_days_from_civil(9999, 12, 31) * 86400 + 86399;
    static const int32_t offs[] = { 0, 3600, -3600, 5 * 3600 + 1800, -(9 * 3600 + 2700),
                                    14 * 3600, -12 * 3600 };
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 20000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int64_t t = lo + (int64_t)(x % (uint64_t)(hi - lo));
        int32_t off = offs[i % (int)(sizeof offs / sizeof offs[0])];
        char got[TEND_ISO8601_MAX], want[TEND_ISO8601_MAX];
        tend_format_iso8601(t, off, got);
        int y, mo, d, h, mi, sec;
        int64_t local = t + off, day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
        int64_t yy;
        tend_civil_from_days(day, &yy, &mo, &d);
        y = (int)yy;
        int64_t rest = local - day * 86400;
        h = (int)(rest / 3600);
        mi = (int)(rest / 60 % 60);
        sec = (int)(rest % 60);
        int32_t a = off < 0 ? -off : off;
        snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, d, h, mi,
                 sec, off < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
        assert_string_equal(got, want);
        int64_t back = 0;
        int32_t boff = 0;
        tend_error e;
        assert_int_equal(tend_parse_time(got, 0, &back, &boff, &e), TEND_OK);
        assert_int_equal(back, t);
        assert_int_equal(boff, off);
    }
}

static void parse_time_reads_rfc3339(void **state)
{
    (void)state;
    int64_t t;
    int32_t off;
    tend_error e;
    assert_int_equal(tend_parse_time("2024-05-01T18:00:00-05:30", 0, &t, &off, &e), TEND_OK);
    assert_int_equal(t, 1714606200);
    assert_int_equal(off, -(5 * 3600 + 1800));
    assert_int_equal(tend_parse_time("2024-05-01 23:30", 0, &t, &off, &e), TEND_OK);
    assert_int_equal(t, 1714606200);
    assert_int_equal(tend_parse_time("2024-05-01T23:30:00.123Z", 3600, &t, NULL, &e), TEND_OK);
    assert_int_equal(t, 1714606200);
    assert_int_equal(tend_parse_time("2023-02-29T00:00Z", 0, &t, NULL, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_time("2024-05-01T24:00Z", 0, &t, NULL, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_time("2024-05-01", 0, &t, NULL, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_time("2024-05-01T10:00+02:00x", 0, &t, NULL, &e), TEND_EINVAL);
}

static void parse_date_reads_what_people_type(void **state)
{
    (void)state;
    int64_t now = 1714606200; /* 2024-05-01 23:30 UTC */
    int64_t t;
    tend_error e;
    assert_int_equal(tend_parse_date("today", now, 0, &t, &e), TEND_OK);
    assert_int_equal(t, 1714521600);
    assert_int_equal(tend_parse_date("today", now, 3600, &t, &e), TEND_OK);
    assert_int_equal(t, 1714608000 - 3600); /* already May 2nd at +01:00 */
    assert_int_equal(tend_parse_date("yesterday", now, 0, &t, &e), TEND_OK);
    assert_int_equal(t, 1714521600 - 86400);
    assert_int_equal(tend_parse_date("7d", now, 0, &t, &e), TEND_OK);
    assert_int_equal(t, 1714521600 - 7 * 86400);
    assert_int_equal(tend_parse_date("3w", now, 0, &t, &e), TEND_OK);
    assert_int_equal(t, 1714521600 - 21 * 86400);
    assert_int_equal(tend_parse_date("2024-02-29", now, 0, &t, &e), TEND_OK);
    assert_int_equal(t, 19782 * 86400);
    assert_int_equal(tend_parse_date("2023-02-29", now, 0, &t, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_date("d", now, 0, &t, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_date("7x", now, 0, &t, &e), TEND_EINVAL);
    assert_int_equal(tend_parse_date("", now, 0, &t, &e), TEND_EINVAL);
    assert_non_null(strstr(e.msg, "YYYY-MM-DD"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(civil_days_round_trip),
        cmocka_unit_test(formats_use_the_offset),
        cmocka_unit_test(iso8601_matches_the_printf_form),
        cmocka_unit_test(parse_time_reads_rfc3339),
        cmocka_unit_test(parse_date_reads_what_people_type),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
