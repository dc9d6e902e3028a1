/*
 * safety_plan.c — the safety-plan record (include/tend/safety_plan.h):
 * seven parts of lines, their ranges, and load/store through the journal.
 */
#include "tend/safety_plan.h"

#include "kinds_int.h"

#include "tend/vec.h"

#include <string.h>

static const char *const S_ids[TEND_SAFETY_PLAN_PARTS] = {
    "warning_signs", "on_my_own", "distraction", "ask_for_help",
    "professionals", "safer_surroundings", "reasons",
};

const char *tend_safety_plan_part_id(size_t p)
{
    return p < TEND_SAFETY_PLAN_PARTS ? S_ids[p] : NULL;
}

/* The part whose id is key, or TEND_SAFETY_PLAN_PARTS when none is. */
static size_t S_part(const char *key)
{
    size_t p = 0;
    while (p < TEND_SAFETY_PLAN_PARTS && strcmp(S_ids[p], key) != 0)
        p++;
    return p;
}

void tend_safety_plan_init(tend_safety_plan *plan)
{
    *plan = (tend_safety_plan)TEND_SAFETY_PLAN_INIT;
}

void tend_safety_plan_clear(tend_safety_plan *plan)
{
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++) {
        for (size_t k = 0; k < plan->nlines[p]; k++)
            tend_wipe_str(plan->lines[p][k]);
        tend_grow_free(&plan->lines[p], plan->cap[p], sizeof *plan->lines[p], true);
    }
    tend_safety_plan_init(plan);
}

size_t tend_safety_plan_count(const tend_safety_plan *plan)
{
    size_t n = 0;
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++)
        n += plan->nlines[p];
    return n;
}

tend_status tend_safety_plan_add(tend_safety_plan *plan, size_t p, const char *line)
{
    if (p >= TEND_SAFETY_PLAN_PARTS)
        return TEND_EINVAL;
    char *copy = tend_strdup(line);
    if (!copy || tend_grow(&plan->lines[p], &plan->cap[p], plan->nlines[p] + 1,
                           sizeof *plan->lines[p], true) != TEND_OK) {
        tend_wipe_str(copy);
        return TEND_ENOMEM;
    }
    plan->lines[p][plan->nlines[p]++] = copy;
    return TEND_OK;
}

/* The message for a line out of range in part p. */
static tend_status S_bad_line(tend_error *err, size_t p)
{
    return tend_fail(err, TEND_EINVAL,
                     "a line of the safety plan's part '%s' is empty, longer than %d bytes, or "
                     "holds a line break or other control character",
                     S_ids[p], TEND_SAFETY_PLAN_LINE_MAX);
}

/* The message for too many lines in part p. */
static tend_status S_too_many(tend_error *err, size_t p)
{
    return tend_fail(err, TEND_EINVAL, "the safety plan's part '%s' has more than %d lines",
                     S_ids[p], TEND_SAFETY_PLAN_PART_LINES_MAX);
}

tend_status tend_safety_plan_validate(const tend_safety_plan *plan, tend_error *err)
{
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++) {
        if (plan->nlines[p] > TEND_SAFETY_PLAN_PART_LINES_MAX)
            return S_too_many(err, p);
        for (size_t k = 0; k < plan->nlines[p]; k++)
            if (!plan->lines[p][k] || !kinds_line(plan->lines[p][k], TEND_SAFETY_PLAN_LINE_MAX))
                return S_bad_line(err, p);
    }
    return TEND_OK;
}

/* kinds_owns_fn: the fields keyed by a part id. */
static bool S_owns(const void *ctx, const tend_field *f)
{
    (void)ctx;
    return S_part(f->key) < TEND_SAFETY_PLAN_PARTS;
}

/* kinds_put_fn: the lines of the tend_safety_plan ctx, part by part. */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_safety_plan *plan = ctx;
    tend_status st = TEND_OK;
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++)
        for (size_t k = 0; st == TEND_OK && k < plan->nlines[p]; k++)
            st = tend_head_add_field(h, S_ids[p], plan->lines[p][k]);
    return st;
}

tend_status tend_safety_plan_encode(const tend_safety_plan *plan, tend_record *r,
                                    tend_error *err)
{
    tend_status st = tend_safety_plan_validate(plan, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_SAFETY_PLAN;
    st = kinds_rewrite_fields(&r->head, S_owns, S_put, plan);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory writing the safety plan");
    return TEND_OK;
}

/* TEND_EINVAL unless r is a safety plan. */
static tend_status S_kind(const tend_record *r, tend_error *err)
{
    if (r->head.kind != TEND_KIND_SAFETY_PLAN)
        return tend_fail(err, TEND_EINVAL, "this record is not the safety plan");
    return TEND_OK;
}

tend_status tend_safety_plan_decode(const tend_record *r, tend_safety_plan *out, tend_error *err)
{
    tend_safety_plan_init(out);
    tend_status st = S_kind(r, err);
    for (size_t f = 0; st == TEND_OK && f < r->head.nfields; f++) {
        const tend_field *fd = &r->head.fields[f];
        size_t p = S_part(fd->key);
        if (p < TEND_SAFETY_PLAN_PARTS && fd->value[0])
            st = tend_safety_plan_add(out, p, fd->value);
    }
    if (st == TEND_ENOMEM)
        tend_fail(err, st, "out of memory reading the safety plan");
    if (st != TEND_OK)
        tend_safety_plan_clear(out);
    return st;
}

tend_status tend_safety_plan_check(const tend_record *r, tend_error *err)
{
    tend_status st = S_kind(r, err);
    if (st != TEND_OK)
        return st;
    size_t n[TEND_SAFETY_PLAN_PARTS] = { 0 };
    for (size_t f = 0; f < r->head.nfields; f++) {
        const tend_field *fd = &r->head.fields[f];
        size_t p = S_part(fd->key);
        if (p == TEND_SAFETY_PLAN_PARTS)
            continue; /* a part this build does not know */
        if (!kinds_line(fd->value, TEND_SAFETY_PLAN_LINE_MAX))
            return S_bad_line(err, p);
        if (++n[p] > TEND_SAFETY_PLAN_PART_LINES_MAX)
            return S_too_many(err, p);
    }
    return TEND_OK;
}

tend_status tend_safety_plan_load(tend_journal *j, tend_safety_plan *out, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    tend_safety_plan_init(out);
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_SAFETY_PLAN, &r, err);
    if (st == TEND_OK)
        st = tend_safety_plan_decode(&r, out, err);
    tend_record_clear(&r);
    return st;
}

/* kinds_encode_fn: tend_safety_plan_encode of the plan ctx. */
static tend_status S_encode(const void *ctx, tend_record *r, tend_error *err)
{
    return tend_safety_plan_encode(ctx, r, err);
}

tend_status tend_safety_plan_store(tend_journal *j, const tend_safety_plan *plan,
                                   tend_error *err)
{
    return kinds_singleton_store(j, TEND_KIND_SAFETY_PLAN, NULL, S_encode, plan, 0, err);
}
