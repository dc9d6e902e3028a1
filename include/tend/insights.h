/*
 * insights.h — the arithmetic behind the Insights screen, over check-in
 * heads only (no body is ever needed): a daily series per check-in item,
 * sparklines, trigger counts, a with/without comparison, a year calendar
 * of levels for a heatmap, and the month marks of the History calendar.
 *
 * Every function is pure: it reads an array of heads (as tend_journal_list
 * gives them, any order; heads of other kinds are ignored) and writes
 * numbers, so each is unit-tested against hand-computed values.
 *
 * Days. A check-in belongs to the local day it was lived: the day of
 * created at its own utc_offset (tend_local_day). Days are numbered since
 * 1970-01-01 (tend_days_from_civil).
 *
 * Several check-ins on one day: the day's value is the MEAN of that day's
 * answers to the item. The mean keeps a hard morning and a calm evening
 * both in view; "last of the day" would let the time of the final check-in
 * decide what the day looked like.
 *
 * Answers are the text of a field keyed by the item id: whole numbers of up
 * to three digits ("0", "7", "10") count as numbers, "yes" as 1 and "no" as
 * 0; anything else (typed words, option ids) is not a number and is left
 * out.
 *
 * Words. The only words made here are in tend_compare_text, and they are
 * plain and neutral: they report the person's own numbers, never a
 * judgement or a diagnosis. There are no streaks and no scores.
 */
#ifndef TEND_INSIGHTS_H
#define TEND_INSIGHTS_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest series: a year, leap or not. */
#define TEND_SERIES_MAX 366

/* Parses an answer as a number (see above). Returns false for anything
 * else, leaving *out alone. */
bool tend_answer_number(const char *value, double *out);

/* A daily series of one item. */
typedef struct {
    int64_t first_day;              /* day number of slot 0 */
    size_t ndays;                   /* slots used, 1..TEND_SERIES_MAX */
    double value[TEND_SERIES_MAX];  /* the day's mean; 0 where count is 0 */
    unsigned count[TEND_SERIES_MAX];/* answers that day; 0 = nothing (a gap) */
} tend_series;

/* Fills *out with the daily means of item over the ndays days ending with
 * last_day (so slot ndays-1 is last_day; for "the last 14 days" pass
 * today's day number and 14). TEND_EINVAL when ndays is 0 or above
 * TEND_SERIES_MAX (out is then zeroed). */
tend_status tend_insight_series(const tend_head *heads, size_t n, const char *item,
                                int64_t last_day, size_t ndays, tend_series *out,
                                tend_error *err);

/* The mean of the days of s that have a value; false when none has. */
bool tend_series_mean(const tend_series *s, double *mean);

/* Sparklines: one glyph per day, lo..hi (the item's scale, e.g. 0..4)
 * split into 8 levels. */
#define TEND_SPARK_LEVELS 8
/* The level 0..7 of v: round((v - lo) / (hi - lo) * 7), clamped; 0 when
 * hi <= lo. */
int tend_spark_level(double v, double lo, double hi);
/* The glyph of level 0..7: "▁▂▃▄▅▆▇█", or with ascii "_.:-=+*#". */
const char *tend_spark_glyph(int level, bool ascii);
/* Appends the sparkline of s to out: a glyph per day, a space for a day
 * without a value. TEND_ENOMEM. */
tend_status tend_sparkline(const tend_series *s, double lo, double hi, bool ascii, tend_buf *out);

/* How often each option of a choose-any item (e.g. "triggers") was chosen
 * between first_day and last_day inclusive. */
typedef struct {
    char *option;     /* the option id as stored ("conflict", "other") */
    size_t days;      /* days on which it was chosen at least once */
    size_t checkins;  /* check-ins that chose it */
} tend_option_count;

typedef struct {
    tend_option_count *v; /* most days first; ties by option id */
    size_t n;
} tend_option_counts;

#define TEND_OPTION_COUNTS_INIT { NULL, 0 }

/* Fills *out (overwritten) with the counts. Free with
 * tend_option_counts_free. TEND_ENOMEM leaves it empty. */
tend_status tend_insight_options(const tend_head *heads, size_t n, const char *item,
                                 int64_t first_day, int64_t last_day, tend_option_counts *out,
                                 tend_error *err);
void tend_option_counts_free(tend_option_counts *c);

/* "On days with this option, item averaged X; on days without, Y". A day
 * counts when item has a value that day (its mean); it is a day "with"
 * when any check-in that day chose option of choose_item, else "without".
 * (A day whose check-ins skipped the choose-any item counts as without:
 * choosing nothing and skipping look the same once saved.) */
#define TEND_COMPARE_MIN_DAYS 3
typedef struct {
    size_t days_with, days_without;
    double mean_with, mean_without; /* 0 when that side has no days */
    bool enough;                    /* at least TEND_COMPARE_MIN_DAYS on each side */
} tend_compare;

/* Compares between first_day and last_day inclusive (at most
 * TEND_SERIES_MAX days; TEND_EINVAL otherwise). */
tend_status tend_insight_compare(const tend_head *heads, size_t n, const char *item,
                                 const char *choose_item, const char *option, int64_t first_day,
                                 int64_t last_day, tend_compare *out, tend_error *err);

/* Appends the sentence for c to out, with the labels the person sees
 * (e.g. item_label "Sleep", option_label "Conflict or criticism"):
 *   On days with "Conflict or criticism", Sleep averaged 2.5; on days
 *   without, 1.0 (4 and 6 days).
 * or, when !c->enough:
 *   Not enough days yet to compare: this needs at least 3 days with
 *   "Conflict or criticism" and 3 without (so far 2 and 6).
 * Numbers have one decimal. TEND_ENOMEM. */
tend_status tend_compare_text(const tend_compare *c, const char *item_label,
                              const char *option_label, tend_buf *out);

/* A year of daily levels for a heatmap. */
#define TEND_HEAT_LEVELS 5
typedef struct {
    int64_t year;
    int64_t first_day;                 /* day number of 1 January */
    size_t ndays;                      /* 365 or 366 */
    signed char level[TEND_SERIES_MAX];/* -1 no value that day, else 0..4 */
    double mean[TEND_SERIES_MAX];      /* the day's mean where level >= 0 */
} tend_year_levels;

/* The heat level of a day's mean on a 0..hi scale: 0 when mean <= 0, else
 * ceil(mean / hi * 4) within 1..4 (on 0..10: 0 -> 0, (0,2.5] -> 1,
 * (2.5,5] -> 2, (5,7.5] -> 3, (7.5,10] -> 4). */
int tend_heat_level(double mean, double hi);

/* Fills *out with the levels of item (e.g. "distress", hi 10) for every day
 * of year. */
void tend_insight_year(const tend_head *heads, size_t n, const char *item, double hi,
                       int64_t year, tend_year_levels *out);

/* The month calendar of History: marks[d-1] for day d of year-month gets
 * TEND_MARK_ENTRY and/or TEND_MARK_CHECKIN when such records were written
 * that (local) day; days past the month's end stay 0. */
#define TEND_MARK_ENTRY 0x1u
#define TEND_MARK_CHECKIN 0x2u
void tend_month_marks(const tend_head *heads, size_t n, int64_t year, int month,
                      unsigned char marks[31]);

#endif
