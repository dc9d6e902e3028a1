/*
 * port.c — the records export and import work on: sets of whole records
 * gathered from the journal, their summaries for a preview, the local days
 * they fall on, and the "same text" test of a duplicate.
 */
#include "port_int.h"

#include "tend/vec.h"

#include <stdlib.h>
#include <string.h>

/* ---- record sets ------------------------------------------------------------------ */

void tend_record_set_free(tend_record_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        tend_record_clear(&s->v[i]);
    tend_grow_free(&s->v, s->cap, sizeof *s->v, true);
    s->n = s->cap = s->ndamaged = 0;
}

tend_status tend_record_set_push(tend_record_set *s, tend_record *r)
{
    /* The set holds the person's words: wiped growth. */
    if (tend_grow(&s->v, &s->cap, s->n + 1, sizeof *s->v, true) != TEND_OK)
        return TEND_ENOMEM;
    s->v[s->n++] = *r;
    tend_record z = TEND_RECORD_INIT;
    *r = z;
    return TEND_OK;
}

/* qsort order of records: oldest created first, ties by uuid bytes. */
static int S_oldest_first(const void *a, const void *b)
{
    const tend_head *x = &((const tend_record *)a)->head, *y = &((const tend_record *)b)->head;
    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    return memcmp(x->uuid.b, y->uuid.b, sizeof x->uuid.b);
}

void tend_record_set_sort(tend_record_set *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, S_oldest_first);
}

/* Deep copy of a record into *dst (TEND_RECORD_INIT on failure). */
static tend_status S_record_copy(tend_record *dst, const tend_record *src)
{
    tend_record z = TEND_RECORD_INIT;
    *dst = z;
    if (tend_head_copy(&dst->head, &src->head) != TEND_OK)
        return TEND_ENOMEM;
    if ((src->body && tend_record_set_body(dst, src->body, src->body_len) != TEND_OK) ||
        (src->body_extra_len &&
         !(dst->body_extra = malloc(src->body_extra_len)))) {
        tend_record_clear(dst);
        return TEND_ENOMEM;
    }
    if (src->body_extra_len) {
        memcpy(dst->body_extra, src->body_extra, src->body_extra_len);
        dst->body_extra_len = src->body_extra_len;
    }
    return TEND_OK;
}

/* What tend_port_collect gathers into, and whether it leaves out the
 * records marked private. */
typedef struct {
    tend_record_set *set;
    bool skip_private;
} set_collector;

/* A tend_journal_scan callback: copies rec into the set (unless it is
 * private and those are left out). TEND_ENOMEM stops the scan. */
static tend_status S_collect_one(void *ctx, const tend_record *rec, int64_t added)
{
    (void)added; /* the set is sorted after (tend_record_set_sort) */
    set_collector *c = ctx;
    if (c->skip_private && (rec->head.flags & TEND_FLAG_PRIVATE))
        return TEND_OK;
    tend_record r;
    if (S_record_copy(&r, rec) != TEND_OK)
        return TEND_ENOMEM;
    if (tend_record_set_push(c->set, &r) != TEND_OK) {
        tend_record_clear(&r);
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

tend_status tend_port_collect(tend_journal *j, const tend_filter *f, bool skip_private,
                              tend_record_set *out, tend_error *err)
{
    tend_record_set_free(out);
    set_collector c = { out, skip_private };
    size_t damaged = 0;
    tend_error e2;
    tend_error_clear(&e2);
    /* One pass over the file in stored order: the set is sorted after. */
    tend_status st = tend_journal_scan(j, f, S_collect_one, &c, &damaged, &e2);
    if (st != TEND_OK) {
        tend_record_set_free(out);
        if (e2.code != TEND_OK && err)
            *err = e2;
        else
            tend_fail(err, st, "out of memory while gathering the records");
        return st;
    }
    out->ndamaged = damaged;
    tend_record_set_sort(out);
    return TEND_OK;
}

/* Adds h to the summary out; *first says whether it is the first. */
static void S_sum_one(tend_port_summary *out, const tend_head *h, bool *first, int64_t *lo,
                      int64_t *hi)
{
    if (h->kind == TEND_KIND_ENTRY)
        out->entries++;
    else if (h->kind == TEND_KIND_CHECKIN)
        out->checkins++;
    else
        out->others++;
    int64_t day = tend_local_day(h->created, h->utc_offset);
    if (*first || day < *lo) {
        *lo = day;
        tend_format_date(h->created, h->utc_offset, out->first);
    }
    if (*first || day > *hi) {
        *hi = day;
        tend_format_date(h->created, h->utc_offset, out->last);
    }
    *first = false;
}

void tend_port_summarize(const tend_record_set *s, tend_port_summary *out)
{
    memset(out, 0, sizeof *out);
    int64_t lo = 0, hi = 0;
    bool first = true;
    for (size_t i = 0; i < s->n; i++)
        S_sum_one(out, &s->v[i].head, &first, &lo, &hi);
}

void port_summarize_heads(const tend_head *heads, size_t n, bool skip_private,
                               tend_port_summary *out)
{
    memset(out, 0, sizeof *out);
    int64_t lo = 0, hi = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++)
        if (!skip_private || !(heads[i].flags & TEND_FLAG_PRIVATE))
            S_sum_one(out, &heads[i], &first, &lo, &hi);
}

tend_status tend_port_days(const tend_record_set *s, char (**days)[TEND_DATE_MAX], size_t *n,
                           tend_error *err)
{
    *days = NULL;
    *n = 0;
    if (s->n == 0)
        return TEND_OK;
    char (*d)[TEND_DATE_MAX] = calloc(s->n, sizeof *d);
    if (!d)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        char day[TEND_DATE_MAX];
        tend_format_date(s->v[i].head.created, s->v[i].head.utc_offset, day);
        size_t m = 0;
        while (m < k && strcmp(d[m], day) != 0)
            m++;
        if (m == k)
            memcpy(d[k++], day, sizeof day);
    }
    *days = d;
    *n = k;
    return TEND_OK;
}

bool port_same_text(const tend_record *a, const tend_record *b)
{
    const tend_head *x = &a->head, *y = &b->head;
    const char *ta = x->title ? x->title : "", *tb = y->title ? y->title : "";
    size_t la = a->body ? a->body_len : 0, lb = b->body ? b->body_len : 0;
    if (x->created != y->created || x->kind != y->kind || strcmp(ta, tb) != 0 || la != lb ||
        (la && memcmp(a->body, b->body, la) != 0) || x->nfields != y->nfields)
        return false;
    for (size_t i = 0; i < x->nfields; i++)
        if (strcmp(x->fields[i].key, y->fields[i].key) != 0 ||
            strcmp(x->fields[i].value, y->fields[i].value) != 0)
            return false;
    return true;
}
