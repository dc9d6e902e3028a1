/*
 * tool_rating.c — the tool-rating record (include/tend/tool_rating.h):
 * which exercise, the distress before and after, their ranges, and adding
 * one to the journal.
 */
#include "tend/tool_rating.h"

#include "kinds_int.h"

#include <stdio.h>
#include <string.h>

static const char *const S_keys[] = { "tool", "before", "after" };
#define S_NKEYS (sizeof S_keys / sizeof S_keys[0])

void tend_tool_rating_init(tend_tool_rating *t)
{
    memset(t, 0, sizeof *t);
    t->before = TEND_TOOL_RATING_NONE;
    t->after = TEND_TOOL_RATING_NONE;
}

/* True for a rating in range or skipped. */
static bool S_rating_ok(int v)
{
    return v == TEND_TOOL_RATING_NONE || (v >= TEND_TOOL_RATING_MIN && v <= TEND_TOOL_RATING_MAX);
}

/* The message for a tool name out of range. */
static tend_status S_bad_tool(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "the tool rating's field 'tool' is not an exercise's file name (lower-case "
                     "letters and digits joined by '-', then \".md\", at most %d bytes)",
                     TEND_TOOL_NAME_MAX);
}

/* The message for a rating out of range; which names the field. */
static tend_status S_bad_rating(tend_error *err, const char *which)
{
    return tend_fail(err, TEND_EINVAL,
                     "the tool rating's field '%s' is not a whole number from %d to %d",
                     which, TEND_TOOL_RATING_MIN, TEND_TOOL_RATING_MAX);
}

/* The message for a rating with neither before nor after. */
static tend_status S_no_rating(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "the tool rating has neither 'before' nor 'after'; at least one is needed");
}

tend_status tend_tool_rating_validate(const tend_tool_rating *t, tend_error *err)
{
    if (!memchr(t->tool, '\0', sizeof t->tool) || !kinds_file_name(t->tool, TEND_TOOL_NAME_MAX))
        return S_bad_tool(err);
    if (!S_rating_ok(t->before))
        return S_bad_rating(err, "before");
    if (!S_rating_ok(t->after))
        return S_bad_rating(err, "after");
    if (t->before == TEND_TOOL_RATING_NONE && t->after == TEND_TOOL_RATING_NONE)
        return S_no_rating(err);
    return TEND_OK;
}

/* kinds_owns_fn: tool, before, after. */
static bool S_owns(const void *ctx, const tend_field *f)
{
    (void)ctx;
    for (size_t i = 0; i < S_NKEYS; i++)
        if (strcmp(f->key, S_keys[i]) == 0)
            return true;
    return false;
}

/* kinds_put_fn: the fields of the tend_tool_rating ctx. */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_tool_rating *t = ctx;
    char b[8], a[8];
    snprintf(b, sizeof b, "%d", t->before);
    snprintf(a, sizeof a, "%d", t->after);
    tend_status st = tend_head_add_field(h, "tool", t->tool);
    if (st == TEND_OK && t->before != TEND_TOOL_RATING_NONE)
        st = tend_head_add_field(h, "before", b);
    if (st == TEND_OK && t->after != TEND_TOOL_RATING_NONE)
        st = tend_head_add_field(h, "after", a);
    return st;
}

tend_status tend_tool_rating_encode(const tend_tool_rating *t, tend_record *r, tend_error *err)
{
    tend_status st = tend_tool_rating_validate(t, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_TOOL_RATING;
    r->head.created = t->created;
    r->head.utc_offset = t->utc_offset;
    st = kinds_rewrite_fields(&r->head, S_owns, S_put, t);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory writing the rating");
    return TEND_OK;
}

/* A stored rating: "0".."10", or NONE for anything else (or NULL). */
static int S_rating(const char *v)
{
    uint64_t n;
    return v && kinds_number(v, TEND_TOOL_RATING_MAX, &n) ? (int)n : TEND_TOOL_RATING_NONE;
}

tend_status tend_tool_rating_decode(const tend_head *h, tend_tool_rating *out, tend_error *err)
{
    tend_tool_rating_init(out);
    if (h->kind != TEND_KIND_TOOL_RATING)
        return tend_fail(err, TEND_EINVAL, "this record is not a tool rating");
    const char *tool = tend_head_field(h, "tool");
    if (!tool || !kinds_file_name(tool, TEND_TOOL_NAME_MAX))
        return S_bad_tool(err);
    snprintf(out->tool, sizeof out->tool, "%s", tool);
    out->before = S_rating(tend_head_field(h, "before"));
    out->after = S_rating(tend_head_field(h, "after"));
    out->created = h->created;
    out->utc_offset = h->utc_offset;
    return TEND_OK;
}

tend_status tend_tool_rating_check(const tend_head *h, tend_error *err)
{
    if (h->kind != TEND_KIND_TOOL_RATING)
        return tend_fail(err, TEND_EINVAL, "this record is not a tool rating");
    for (size_t i = 0; i < S_NKEYS; i++) {
        size_t seen = 0;
        for (size_t f = 0; f < h->nfields; f++)
            seen += strcmp(h->fields[f].key, S_keys[i]) == 0;
        if (seen > 1)
            return tend_fail(err, TEND_EINVAL, "the tool rating's field '%s' occurs %zu times; "
                             "it may occur once", S_keys[i], seen);
    }
    const char *tool = tend_head_field(h, "tool");
    if (!tool || !kinds_file_name(tool, TEND_TOOL_NAME_MAX))
        return S_bad_tool(err);
    const char *b = tend_head_field(h, "before"), *a = tend_head_field(h, "after");
    if (b && S_rating(b) == TEND_TOOL_RATING_NONE)
        return S_bad_rating(err, "before");
    if (a && S_rating(a) == TEND_TOOL_RATING_NONE)
        return S_bad_rating(err, "after");
    if (!b && !a)
        return S_no_rating(err);
    return TEND_OK;
}

tend_status tend_tool_rating_add(tend_journal *j, const tend_tool_rating *t, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    tend_status st = tend_tool_rating_encode(t, &r, err);
    if (st == TEND_OK)
        st = tend_journal_add(j, &r, err);
    tend_record_clear(&r);
    return st;
}
