/*
 * insights.c — the arithmetic behind Insights and the History calendar
 * (include/tend/insights.h). Pure functions over check-in heads: no
 * journal, no clock, no words beyond tend_compare_text's neutral sentence.
 */
#include "tend/insights.h"

#include "tend/date.h"
#include "tend/search.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool tend_answer_number(const char *value, double *out)
{
    if (strcmp(value, "yes") == 0) {
        *out = 1;
        return true;
    }
    if (strcmp(value, "no") == 0) {
        *out = 0;
        return true;
    }
    size_t n = strlen(value);
    if (n == 0 || n > 3 || strspn(value, "0123456789") != n)
        return false;
    *out = (double)atoi(value);
    return true;
}

/* The day number of a check-in head, or false for other kinds. */
static bool S_checkin_day(const tend_head *h, int64_t *day)
{
    if (h->kind != TEND_KIND_CHECKIN)
        return false;
    *day = tend_local_day(h->created, h->utc_offset);
    return true;
}

tend_status tend_insight_series(const tend_head *heads, size_t n, const char *item,
                                int64_t last_day, size_t ndays, tend_series *out,
                                tend_error *err)
{
    memset(out, 0, sizeof *out);
    if (ndays == 0 || ndays > TEND_SERIES_MAX)
        return tend_fail(err, TEND_EINVAL, "a series covers 1 to %d days", TEND_SERIES_MAX);
    out->ndays = ndays;
    out->first_day = last_day - (int64_t)ndays + 1;
    for (size_t i = 0; i < n; i++) {
        int64_t day;
        if (!S_checkin_day(&heads[i], &day) || day < out->first_day || day > last_day)
            continue;
        size_t slot = (size_t)(day - out->first_day);
        for (size_t f = 0; f < heads[i].nfields; f++) {
            double v;
            if (strcmp(heads[i].fields[f].key, item) == 0 &&
                tend_answer_number(heads[i].fields[f].value, &v)) {
                out->value[slot] += v; /* a sum until divided below */
                out->count[slot]++;
            }
        }
    }
    for (size_t d = 0; d < ndays; d++) {
        if (out->count[d])
            out->value[d] /= out->count[d];
    }
    return TEND_OK;
}

bool tend_series_mean(const tend_series *s, double *mean)
{
    double sum = 0;
    size_t days = 0;
    for (size_t d = 0; d < s->ndays; d++) {
        if (s->count[d]) {
            sum += s->value[d];
            days++;
        }
    }
    if (!days)
        return false;
    *mean = sum / (double)days;
    return true;
}

/* ---- sparklines ------------------------------------------------------------------ */

int tend_spark_level(double v, double lo, double hi)
{
    if (!(hi > lo))
        return 0;
    double x = floor((v - lo) / (hi - lo) * (TEND_SPARK_LEVELS - 1) + 0.5);
    if (!(x > 0))
        return 0;
    return x > TEND_SPARK_LEVELS - 1 ? TEND_SPARK_LEVELS - 1 : (int)x;
}

const char *tend_spark_glyph(int level, bool ascii)
{
    static const char *const blocks[TEND_SPARK_LEVELS] = {
        "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"
    };
    static const char *const plain[TEND_SPARK_LEVELS] = { "_", ".", ":", "-", "=", "+", "*", "#" };
    if (level < 0)
        level = 0;
    if (level >= TEND_SPARK_LEVELS)
        level = TEND_SPARK_LEVELS - 1;
    return ascii ? plain[level] : blocks[level];
}

tend_status tend_sparkline(const tend_series *s, double lo, double hi, bool ascii, tend_buf *out)
{
    for (size_t d = 0; d < s->ndays; d++) {
        const char *g = s->count[d] ? tend_spark_glyph(tend_spark_level(s->value[d], lo, hi), ascii)
                                    : " ";
        if (tend_buf_puts(out, g) != TEND_OK)
            return TEND_ENOMEM;
    }
    return TEND_OK;
}

/* ---- choose-any counts ---------------------------------------------------------- */

/* One choice a check-in made for the item counted: the option, the local
 * day of the check-in, and its index in heads. */
typedef struct {
    const char *option;
    int64_t day;
    size_t head;
} option_choice;

/* qsort order of option_choice: by option, then day, then head. */
static int S_choice_cmp(const void *pa, const void *pb)
{
    const option_choice *a = pa, *b = pb;
    int c = strcmp(a->option, b->option);
    if (c)
        return c;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return a->head < b->head ? -1 : a->head > b->head;
}

/* qsort order of counts: most days first, then by option. */
static int S_count_cmp(const void *pa, const void *pb)
{
    const tend_option_count *a = pa, *b = pb;
    if (a->days != b->days)
        return a->days > b->days ? -1 : 1;
    return strcmp(a->option, b->option);
}

void tend_option_counts_free(tend_option_counts *c)
{
    for (size_t i = 0; i < c->n; i++)
        tend_wipe_str(c->v[i].option);
    free(c->v);
    c->v = NULL;
    c->n = 0;
}

tend_status tend_insight_options(const tend_head *heads, size_t n, const char *item,
                                 int64_t first_day, int64_t last_day, tend_option_counts *out,
                                 tend_error *err)
{
    out->v = NULL;
    out->n = 0;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t day;
        if (!S_checkin_day(&heads[i], &day) || day < first_day || day > last_day)
            continue;
        for (size_t f = 0; f < heads[i].nfields; f++)
            total += strcmp(heads[i].fields[f].key, item) == 0;
    }
    if (!total)
        return TEND_OK;
    option_choice *c = malloc(total * sizeof *c);
    if (!c)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t day;
        if (!S_checkin_day(&heads[i], &day) || day < first_day || day > last_day)
            continue;
        for (size_t f = 0; f < heads[i].nfields; f++) {
            if (strcmp(heads[i].fields[f].key, item) == 0)
                c[k++] = (option_choice){ heads[i].fields[f].value, day, i };
        }
    }
    qsort(c, total, sizeof *c, S_choice_cmp);
    size_t distinct = 0;
    for (size_t i = 0; i < total; i++)
        distinct += i == 0 || strcmp(c[i].option, c[i - 1].option) != 0;
    out->v = calloc(distinct, sizeof *out->v);
    if (!out->v) {
        free(c);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < total; i++) {
        bool new_option = i == 0 || strcmp(c[i].option, c[i - 1].option) != 0;
        if (new_option) {
            out->v[out->n].option = tend_strdup(c[i].option);
            if (!out->v[out->n].option) {
                free(c);
                tend_option_counts_free(out);
                return tend_fail(err, TEND_ENOMEM, "out of memory");
            }
            out->n++;
        }
        tend_option_count *oc = &out->v[out->n - 1];
        if (new_option || c[i].day != c[i - 1].day)
            oc->days++;
        if (new_option || c[i].head != c[i - 1].head)
            oc->checkins++;
    }
    free(c);
    qsort(out->v, out->n, sizeof *out->v, S_count_cmp);
    return TEND_OK;
}

/* ---- with / without ------------------------------------------------------------ */

tend_status tend_insight_compare(const tend_head *heads, size_t n, const char *item,
                                 const char *choose_item, const char *option, int64_t first_day,
                                 int64_t last_day, tend_compare *out, tend_error *err)
{
    memset(out, 0, sizeof *out);
    if (last_day < first_day || last_day - first_day >= TEND_SERIES_MAX)
        return tend_fail(err, TEND_EINVAL, "a comparison covers 1 to %d days", TEND_SERIES_MAX);
    tend_series s;
    size_t ndays = (size_t)(last_day - first_day + 1);
    tend_status st = tend_insight_series(heads, n, item, last_day, ndays, &s, err);
    if (st != TEND_OK)
        return st;
    bool with[TEND_SERIES_MAX] = { false };
    for (size_t i = 0; i < n; i++) {
        int64_t day;
        if (S_checkin_day(&heads[i], &day) && day >= first_day && day <= last_day &&
            tend_head_has_answer(&heads[i], choose_item, option))
            with[day - first_day] = true;
    }
    double sum_with = 0, sum_without = 0;
    for (size_t d = 0; d < ndays; d++) {
        if (!s.count[d])
            continue;
        if (with[d]) {
            sum_with += s.value[d];
            out->days_with++;
        } else {
            sum_without += s.value[d];
            out->days_without++;
        }
    }
    if (out->days_with)
        out->mean_with = sum_with / (double)out->days_with;
    if (out->days_without)
        out->mean_without = sum_without / (double)out->days_without;
    out->enough = out->days_with >= TEND_COMPARE_MIN_DAYS &&
                  out->days_without >= TEND_COMPARE_MIN_DAYS;
    return TEND_OK;
}

tend_status tend_compare_text(const tend_compare *c, const char *item_label,
                              const char *option_label, tend_buf *out)
{
    if (!c->enough)
        return tend_buf_printf(out,
                               "Not enough days yet to compare: this needs at least %d days "
                               "with \"%s\" and %d without (so far %zu and %zu).",
                               TEND_COMPARE_MIN_DAYS, option_label, TEND_COMPARE_MIN_DAYS,
                               c->days_with, c->days_without);
    return tend_buf_printf(out,
                           "On days with \"%s\", %s averaged %.1f; on days without, %.1f "
                           "(%zu and %zu days).",
                           option_label, item_label, c->mean_with, c->mean_without, c->days_with,
                           c->days_without);
}

/* ---- calendars --------------------------------------------------------------- */

int tend_heat_level(double mean, double hi)
{
    if (!(mean > 0) || !(hi > 0))
        return 0;
    /* The small allowance keeps a mean that is exactly on a boundary
     * (2.5 of 10) from rising a level through rounding. */
    double x = ceil(mean / hi * (TEND_HEAT_LEVELS - 1) - 1e-9);
    if (x < 1)
        return 1;
    return x > TEND_HEAT_LEVELS - 1 ? TEND_HEAT_LEVELS - 1 : (int)x;
}

void tend_insight_year(const tend_head *heads, size_t n, const char *item, double hi,
                       int64_t year, tend_year_levels *out)
{
    memset(out, 0, sizeof *out);
    out->year = year;
    out->first_day = tend_days_from_civil(year, 1, 1);
    out->ndays = (size_t)(tend_days_from_civil(year + 1, 1, 1) - out->first_day);
    tend_series s;
    /* ndays is 365 or 366, so this cannot fail. */
    (void)tend_insight_series(heads, n, item, out->first_day + (int64_t)out->ndays - 1,
                              out->ndays, &s, NULL);
    for (size_t d = 0; d < out->ndays; d++) {
        out->level[d] = (signed char)(s.count[d] ? tend_heat_level(s.value[d], hi) : -1);
        out->mean[d] = s.value[d];
    }
}

void tend_month_marks(const tend_head *heads, size_t n, int64_t year, int month,
                      unsigned char marks[31])
{
    memset(marks, 0, 31);
    if (month < 1 || month > 12)
        return;
    int64_t first = tend_days_from_civil(year, month, 1);
    int64_t next = month == 12 ? tend_days_from_civil(year + 1, 1, 1)
                               : tend_days_from_civil(year, month + 1, 1);
    for (size_t i = 0; i < n; i++) {
        int64_t day = tend_local_day(heads[i].created, heads[i].utc_offset);
        if (day < first || day >= next)
            continue;
        if (heads[i].kind == TEND_KIND_ENTRY)
            marks[day - first] |= TEND_MARK_ENTRY;
        else if (heads[i].kind == TEND_KIND_CHECKIN)
            marks[day - first] |= TEND_MARK_CHECKIN;
    }
}
