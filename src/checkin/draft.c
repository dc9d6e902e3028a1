/*
 * draft.c — the check-in draft (include/tend/checkin.h): a half-done
 * check-in and the section to go on from, to and from a record, and
 * load/store/discard through the journal.
 */
#include "tend/checkin.h"

#include <stdio.h>
#include <string.h>

void tend_checkin_draft_clear(tend_checkin_draft *d)
{
    tend_checkin_clear(&d->ck);
    *d = (tend_checkin_draft)TEND_CHECKIN_DRAFT_INIT;
}

tend_status tend_checkin_draft_encode(const tend_checkin *ck, size_t section, tend_record *out,
                                      tend_error *err)
{
    if (section >= ck->def->nsections)
        return tend_fail(err, TEND_EINVAL,
                         "the check-in draft's field '_at' must be a section of its check-in, "
                         "0 to %zu",
                         ck->def->nsections ? ck->def->nsections - 1 : 0);
    *out = (tend_record)TEND_RECORD_INIT;
    out->head.kind = TEND_KIND_CHECKIN_DRAFT;
    char at[24];
    snprintf(at, sizeof at, "%zu", section);
    tend_status st = tend_checkin_to_head(ck, &out->head);
    if (st == TEND_OK)
        st = tend_head_add_field(&out->head, "_at", at);
    if (st != TEND_OK) {
        tend_record_clear(out);
        return tend_fail(err, st, "out of memory keeping the check-in draft");
    }
    return TEND_OK;
}

/* The section a stored _at names: decimal digits below n; 0 for anything
 * else (missing, malformed, out of range). */
static size_t S_section(const char *v, size_t n)
{
    size_t s = 0;
    if (!v || !v[0] || strlen(v) > 9)
        return 0;
    for (const char *p = v; *p; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        s = s * 10 + (size_t)(*p - '0');
    }
    return s < n ? s : 0;
}

tend_status tend_checkin_draft_decode(const tend_record *r, const tend_content *content,
                                      tend_checkin_draft *out, tend_error *err)
{
    *out = (tend_checkin_draft)TEND_CHECKIN_DRAFT_INIT;
    if (r->head.kind != TEND_KIND_CHECKIN_DRAFT)
        return tend_fail(err, TEND_EINVAL, "this record is not a check-in draft");
    const char *id = tend_checkin_head_def(&r->head);
    const tend_checkin_def *def = id && content ? tend_content_checkin_find(content, id) : NULL;
    if (!def)
        return tend_fail(err, TEND_ENOTFOUND,
                         "the check-in this draft belongs to is not loaded; it cannot go on");
    tend_status st = tend_checkin_from_head(&out->ck, def, &r->head);
    if (st != TEND_OK) {
        tend_checkin_draft_clear(out);
        return tend_fail(err, st, "out of memory reading the check-in draft");
    }
    out->section = S_section(tend_head_field(&r->head, "_at"), def->nsections);
    return TEND_OK;
}

tend_status tend_checkin_draft_load(tend_journal *j, const tend_content *content,
                                    tend_checkin_draft *out, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    *out = (tend_checkin_draft)TEND_CHECKIN_DRAFT_INIT;
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_CHECKIN_DRAFT, &r, err);
    if (st == TEND_OK)
        st = tend_checkin_draft_decode(&r, content, out, err);
    tend_record_clear(&r);
    return st;
}

tend_status tend_checkin_draft_store(tend_journal *j, const tend_checkin *ck, size_t section,
                                     tend_error *err)
{
    tend_record r;
    tend_status st = tend_checkin_draft_encode(ck, section, &r, err);
    if (st != TEND_OK)
        return st;
    st = tend_journal_singleton_put(j, &r, err);
    tend_record_clear(&r);
    return st;
}

tend_status tend_checkin_draft_discard(tend_journal *j, tend_error *err)
{
    return tend_journal_singleton_delete(j, TEND_KIND_CHECKIN_DRAFT, err);
}
