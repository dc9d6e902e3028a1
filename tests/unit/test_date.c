/*
 * test_date.c — calendar arithmetic and the date formats (src/core/date.c),
 * checked against dates worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
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
        cmocka_unit_test(parse_time_reads_rfc3339),
        cmocka_unit_test(parse_date_reads_what_people_type),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
