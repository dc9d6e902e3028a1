/*
 * draft.c — the entry draft (include/tend/draft.h): an entry's words plus
 * what the draft is of, to and from a record, and load/store/discard
 * through the journal.
 */
#include "tend/draft.h"

#include "kinds_int.h"

#include <string.h>

static const char *const S_keys[] = { "prompt", "draft", "entry", "timed" };
#define S_NKEYS (sizeof S_keys / sizeof S_keys[0])

tend_status tend_draft_init(tend_draft *d)
{
    memset(d, 0, sizeof *d);
    return tend_entry_init(&d->entry);
}

void tend_draft_clear(tend_draft *d)
{
    tend_entry_clear(&d->entry);
    memset(d, 0, sizeof *d);
}

tend_status tend_draft_validate(const tend_draft *d, tend_error *err)
{
    return tend_entry_validate(&d->entry, err);
}

/* The value of one hex digit, or -1. */
static int S_hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parses exactly 32 hex digits into *u; false for anything else. */
static bool S_uuid(const char *s, tend_uuid *u)
{
    if (strlen(s) != TEND_UUID_HEX)
        return false;
    for (size_t i = 0; i < sizeof u->b; i++) {
        int hi = S_hex(s[2 * i]), lo = S_hex(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        u->b[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* kinds_owns_fn: the draft's own keys (the prompt is the words'). */
static bool S_owns(const void *ctx, const tend_field *f)
{
    (void)ctx;
    for (size_t i = 0; i < S_NKEYS; i++)
        if (strcmp(f->key, S_keys[i]) == 0)
            return true;
    return false;
}

/* kinds_put_fn: prompt, draft, entry and timed of the tend_draft ctx. */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_draft *d = ctx;
    tend_status st = TEND_OK;
    if (d->entry.prompt)
        st = tend_head_add_field(h, "prompt", d->entry.prompt);
    if (st == TEND_OK)
        st = tend_head_add_field(h, "draft", "entry");
    if (st == TEND_OK && d->edits) {
        char hex[TEND_UUID_HEX + 1];
        tend_id_hex(&d->edited, hex);
        st = tend_head_add_field(h, "entry", hex);
    }
    if (st == TEND_OK && d->timed)
        st = tend_head_add_field(h, "timed", "yes");
    return st;
}

tend_status tend_draft_encode(const tend_draft *d, tend_record *r, tend_error *err)
{
    tend_status st = tend_entry_encode(&d->entry, r, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_DRAFT;
    st = kinds_rewrite_fields(&r->head, S_owns, S_put, d);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory keeping the draft");
    return TEND_OK;
}

/* TEND_EINVAL unless r is a draft of an entry. */
static tend_status S_of_entry(const tend_record *r, tend_error *err)
{
    if (r->head.kind != TEND_KIND_DRAFT)
        return tend_fail(err, TEND_EINVAL, "this record is not a draft");
    const char *what = tend_head_field(&r->head, "draft");
    if (!what || strcmp(what, "entry") != 0)
        return tend_fail(err, TEND_EINVAL,
                         "the draft's field 'draft' is not \"entry\": it is not a draft of an "
                         "entry");
    return TEND_OK;
}

tend_status tend_draft_decode(const tend_record *r, tend_draft *out, tend_error *err)
{
    memset(out, 0, sizeof *out);
    tend_status st = S_of_entry(r, err);
    if (st == TEND_OK)
        st = tend_entry_decode(r, &out->entry, err);
    if (st != TEND_OK) {
        tend_draft_clear(out);
        return st;
    }
    const char *id = tend_head_field(&r->head, "entry");
    out->edits = id && S_uuid(id, &out->edited);
    if (!out->edits)
        memset(&out->edited, 0, sizeof out->edited);
    const char *timed = tend_head_field(&r->head, "timed");
    out->timed = timed && strcmp(timed, "yes") == 0;
    return TEND_OK;
}

tend_status tend_draft_check(const tend_record *r, tend_error *err)
{
    tend_status st = S_of_entry(r, err);
    if (st != TEND_OK)
        return st;
    for (size_t i = 0; i < S_NKEYS; i++) {
        size_t seen = 0;
        for (size_t f = 0; f < r->head.nfields; f++)
            seen += strcmp(r->head.fields[f].key, S_keys[i]) == 0;
        if (seen > 1)
            return tend_fail(err, TEND_EINVAL, "the draft's field '%s' occurs %zu times; it may "
                             "occur once", S_keys[i], seen);
    }
    tend_uuid u;
    const char *v = tend_head_field(&r->head, "entry");
    if (v && !S_uuid(v, &u))
        return tend_fail(err, TEND_EINVAL, "the draft's field 'entry' is not a record id "
                         "(32 hex digits)");
    v = tend_head_field(&r->head, "prompt");
    if (v && !v[0])
        return tend_fail(err, TEND_EINVAL, "the draft's field 'prompt' is empty");
    v = tend_head_field(&r->head, "timed");
    if (v && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
        return tend_fail(err, TEND_EINVAL, "the draft's field 'timed' is not \"yes\" or \"no\"");
    tend_draft d;
    st = tend_draft_decode(r, &d, err);
    if (st == TEND_OK)
        st = tend_draft_validate(&d, err);
    tend_draft_clear(&d);
    return st;
}

tend_status tend_draft_load(tend_journal *j, tend_draft *out, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    memset(out, 0, sizeof *out);
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_DRAFT, &r, err);
    if (st == TEND_OK)
        st = tend_draft_decode(&r, out, err);
    tend_record_clear(&r);
    return st;
}

/* For kinds_singleton_store: true when the stored draft is of an entry. */
static bool S_fits(const tend_record *r)
{
    return S_of_entry(r, NULL) == TEND_OK;
}

/* kinds_encode_fn: tend_draft_encode of the tend_draft ctx. */
static tend_status S_encode(const void *ctx, tend_record *r, tend_error *err)
{
    return tend_draft_encode(ctx, r, err);
}

tend_status tend_draft_store(tend_journal *j, const tend_draft *d, tend_error *err)
{
    return kinds_singleton_store(j, TEND_KIND_DRAFT, S_fits, S_encode, d, 0, err);
}

tend_status tend_draft_discard(tend_journal *j, tend_error *err)
{
    return tend_journal_singleton_delete(j, TEND_KIND_DRAFT, err);
}
