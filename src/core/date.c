/*
 * date.c — calendar arithmetic (Howard Hinnant's days-from-civil
 * algorithms, which are exact for the proleptic Gregorian calendar) and the
 * date formats. Nothing here depends on the C library's time zone handling
 * except tend_local_offset.
 */
#include "tend/date.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t tend_now(void)
{
#ifdef TEND_TEST_BUILD
    const char *fixed = getenv("TEND_TEST_NOW");
    if (fixed && *fixed) {
        char *end = NULL;
        long long v = strtoll(fixed, &end, 10);
        if (end && *end == '\0')
            return (int64_t)v;
    }
#endif
    return (int64_t)time(NULL);
}

int32_t tend_local_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    long off = tm.tm_gmtoff;
    if (off < -18 * 3600 || off > 18 * 3600)
        return 0;
    return (int32_t)off;
}

/* a / b rounded toward minus infinity (b != 0). */
static int64_t S_floordiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t tend_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = S_floordiv(y, 400);
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void tend_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    days += 719468;
    int64_t era = S_floordiv(days, 146097);
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

int64_t tend_local_day(int64_t t, int32_t off)
{
    return S_floordiv(t + off, 86400);
}

/* Splits t at offset off into its local date and time of day. */
static void S_split(int64_t t, int32_t off, int64_t *y, int *mo, int *d, int *h, int *mi,
                    int *s)
{
    int64_t days = tend_local_day(t, off);
    int64_t secs = t + off - days * 86400;
    tend_civil_from_days(days, y, mo, d);
    *h = (int)(secs / 3600);
    *mi = (int)(secs / 60 % 60);
    *s = (int)(secs % 60);
}

void tend_format_date(int64_t t, int32_t off, char out[TEND_DATE_MAX])
{
    int64_t y;
    int mo, d, h, mi, s;
    S_split(t, off, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, TEND_DATE_MAX, "%04" PRId64 "-%02d-%02d", y, mo, d);
}

void tend_format_datetime(int64_t t, int32_t off, char out[TEND_DATETIME_MAX])
{
    int64_t y;
    int mo, d, h, mi, s;
    S_split(t, off, &y, &mo, &d, &h, &mi, &s);
    snprintf(out, TEND_DATETIME_MAX, "%04" PRId64 "-%02d-%02d %02d:%02d", y, mo, d, h, mi);
}

void tend_format_iso8601(int64_t t, int32_t off, char out[TEND_ISO8601_MAX])
{
    int64_t y;
    int mo, d, h, mi, s;
    S_split(t, off, &y, &mo, &d, &h, &mi, &s);
    int32_t a = off < 0 ? -off : off;
    if (y < 0 || y > 9999 || a / 3600 > 99) {
        snprintf(out, TEND_ISO8601_MAX, "%04" PRId64 "-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y,
                 mo, d, h, mi, s, off < 0 ? '-' : '+', (int)(a / 3600), (int)(a / 60 % 60));
        return;
    }
    /* The common case by hand, the same bytes as the format above: an
     * export writes two of these per record, and snprintf was a tenth of
     * its time. */
    const int f[] = { (int)(y / 100), (int)(y % 100), mo, d, h, mi, s, (int)(a / 3600),
                      (int)(a / 60 % 60) };
    static const char sep[] = { 0, '-', '-', 'T', ':', ':', '+', ':', 0 };
    char *p = out;
    for (int i = 0; i < 9; i++) {
        *p++ = (char)('0' + f[i] / 10);
        *p++ = (char)('0' + f[i] % 10);
        if (sep[i])
            *p++ = i == 6 && off < 0 ? '-' : sep[i];
    }
    *p = '\0';
}

/* Reads exactly n decimal digits at *p into *v and advances *p. */
static bool S_digits(const char **p, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        x = x * 10 + (c - '0');
    }
    *p += n;
    *v = x;
    return true;
}

/* Days in month m (1..12) of proleptic Gregorian year y. */
static int S_days_in_month(int64_t y, int m)
{
    static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

/* Parses "YYYY-MM-DD" at *p (advancing it); false when malformed or the
 * date does not exist. */
static bool S_ymd(const char **p, int *y, int *m, int *d)
{
    const char *q = *p;
    if (!S_digits(&q, 4, y) || *q++ != '-' || !S_digits(&q, 2, m) || *q++ != '-' ||
        !S_digits(&q, 2, d))
        return false;
    if (*m < 1 || *m > 12 || *d < 1 || *d > S_days_in_month(*y, *m))
        return false;
    *p = q;
    return true;
}

tend_status tend_parse_time(const char *s, int32_t default_off, int64_t *t, int32_t *off,
                            tend_error *err)
{
    const char *p = s;
    int y, mo, d, h, mi, sec = 0;
    if (!S_ymd(&p, &y, &mo, &d) || (*p != 'T' && *p != 't' && *p != ' '))
        goto bad;
    p++;
    if (!S_digits(&p, 2, &h) || *p++ != ':' || !S_digits(&p, 2, &mi))
        goto bad;
    if (*p == ':') {
        p++;
        if (!S_digits(&p, 2, &sec))
            goto bad;
        if (*p == '.') { /* fractions of a second are dropped */
            p++;
            if (*p < '0' || *p > '9')
                goto bad;
            while (*p >= '0' && *p <= '9')
                p++;
        }
    }
    if (h > 23 || mi > 59 || sec > 60)
        goto bad;
    int32_t o = default_off;
    if (*p == 'Z' || *p == 'z') {
        o = 0;
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p++ == '-' ? -1 : 1, oh, om;
        if (!S_digits(&p, 2, &oh) || *p++ != ':' || !S_digits(&p, 2, &om) || oh > 18 || om > 59)
            goto bad;
        o = sign * (oh * 3600 + om * 60);
    }
    if (*p != '\0')
        goto bad;
    if (sec == 60)
        sec = 59;
    *t = tend_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - o;
    if (off)
        *off = o;
    return TEND_OK;
bad:
    return tend_fail(err, TEND_EINVAL,
                     "'%s' is not a date and time; use the form 2024-05-01T21:30:00+02:00", s);
}

tend_status tend_parse_date(const char *s, int64_t now, int32_t off, int64_t *out,
                            tend_error *err)
{
    int64_t today = tend_local_day(now, off);
    int64_t day;
    const char *p = s;
    int y, m, d;
    if (strcmp(s, "today") == 0) {
        day = today;
    } else if (strcmp(s, "yesterday") == 0) {
        day = today - 1;
    } else if (S_ymd(&p, &y, &m, &d) && *p == '\0') {
        day = tend_days_from_civil(y, m, d);
    } else {
        size_t n = strlen(s);
        int64_t v = 0;
        size_t i = 0;
        for (; i + 1 < n && i < 6 && s[i] >= '0' && s[i] <= '9'; i++)
            v = v * 10 + (s[i] - '0');
        if (i == 0 || i + 1 != n || (s[i] != 'd' && s[i] != 'w'))
            return tend_fail(err, TEND_EINVAL,
                             "'%s' is not a date; use YYYY-MM-DD, today, yesterday, or a span "
                             "such as 7d or 3w", s);
        day = today - (s[i] == 'w' ? v * 7 : v);
    }
    *out = day * 86400 - off;
    return TEND_OK;
}
