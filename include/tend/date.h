/*
 * date.h — calendar arithmetic and the date formats tend shows and reads.
 * Pure functions over seconds since the epoch plus a UTC offset, so a
 * record written at 23:30 in one time zone is shown on the day it was
 * lived, wherever it is read. Only tend_now and tend_local_offset look at
 * the clock or the time zone. (Part of the core module: src/core/date.c.)
 */
#ifndef TEND_DATE_H
#define TEND_DATE_H

#include "tend/core.h"

#include <stdbool.h>
#include <stdint.h>

/* Seconds since the epoch now. Test builds: $TEND_TEST_NOW (seconds) when
 * set, so tests can fix the clock. */
int64_t tend_now(void);

/* Seconds east of UTC in the local time zone at instant t. */
int32_t tend_local_offset(int64_t t);

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d (m 1..12,
 * d 1..31; not range-checked). */
int64_t tend_days_from_civil(int64_t y, int m, int d);

/* The date of day number days (since 1970-01-01). */
void tend_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

/* Local day number of instant t at offset off (seconds east of UTC). */
int64_t tend_local_day(int64_t t, int32_t off);

/* Buffer sizes for the formatters below (NUL included, with room for
 * years beyond 9999). */
#define TEND_DATE_MAX 24
#define TEND_DATETIME_MAX 32
#define TEND_ISO8601_MAX 40

/* "YYYY-MM-DD" of t at offset off. */
void tend_format_date(int64_t t, int32_t off, char out[TEND_DATE_MAX]);
/* "YYYY-MM-DD HH:MM" of t at offset off. */
void tend_format_datetime(int64_t t, int32_t off, char out[TEND_DATETIME_MAX]);
/* "YYYY-MM-DDTHH:MM:SS+HH:MM" (RFC 3339) of t at offset off. */
void tend_format_iso8601(int64_t t, int32_t off, char out[TEND_ISO8601_MAX]);

/* Parses an RFC 3339 time "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM|-HH:MM]" (a space
 * may replace the T; without a zone, default_off is used). *t gets the
 * instant and *off (may be NULL) the offset. TEND_EINVAL with a message
 * when s is not one, or the date does not exist. */
tend_status tend_parse_time(const char *s, int32_t default_off, int64_t *t, int32_t *off,
                            tend_error *err);

/* Parses a date a person types, as the start of that local day at offset
 * off, relative to now: "YYYY-MM-DD", "today", "yesterday", or a span back
 * from today such as "7d" or "3w" (the start of the day 7 days / 3 weeks
 * ago). TEND_EINVAL with a message naming the forms otherwise. */
tend_status tend_parse_date(const char *s, int64_t now, int32_t off, int64_t *out,
                            tend_error *err);

#endif
