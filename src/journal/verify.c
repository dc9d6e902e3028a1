/*
 * verify.c — tend verify: opens the head and body of every record, and
 * names each one that does not open or decode (damaged, or changed by
 * someone without the key), by its short id.
 */
#include "journal_int.h"

#include <stdlib.h>
#include <string.h>

/* A record that failed to open, and which of its fields did. */
typedef struct {
    tend_uuid id;
    const char *why; /* "head", "body" or "head and body" (static text) */
} damaged_record;

/* A verify in progress: every uuid seen (for short ids) and the damaged
 * records found. Neither holds a person's words: plain vec.h growth. */
typedef struct {
    tend_journal *j;
    journal_uuids all;
    TEND_VEC(damaged_record) bad;
} verify_state;

/* A tend_store_each callback: notes the row's uuid and opens its head and
 * body, noting it as damaged when either fails. Stops only when memory
 * runs out or the vault fails for another reason than damage. */
static tend_status S_verify_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    verify_state *v = ctx;
    if (journal_uuids_push(&v->all, rec->uuid) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    tend_record r = TEND_RECORD_INIT;
    tend_error e2;
    tend_status hs = journal_open_head(v->j, rec->uuid, rec->head, rec->head_len, &r.head, &e2);
    tend_status bs = TEND_OK;
    if (rec->has_body)
        bs = journal_open_body(v->j, rec->uuid, rec->body, rec->body_len, &r, &e2);
    tend_record_clear(&r);
    if ((hs != TEND_OK && hs != TEND_EDAMAGED) || (bs != TEND_OK && bs != TEND_EDAMAGED)) {
        if (err)
            *err = e2;
        return hs != TEND_OK && hs != TEND_EDAMAGED ? hs : bs;
    }
    if (hs == TEND_OK && bs == TEND_OK)
        return TEND_OK;
    damaged_record d;
    memcpy(d.id.b, rec->uuid, TEND_UUID_LEN);
    d.why = hs != TEND_OK && bs != TEND_OK ? "head and body" : hs != TEND_OK ? "head" : "body";
    if (tend_vec_push(&v->bad, d) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    return TEND_OK;
}

/* qsort order of uuids: memcmp's. */
static int S_uuid_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(tend_uuid));
}

tend_status tend_journal_verify(tend_journal *j, tend_damage_fn fn, void *ctx,
                                size_t *ndamaged, tend_error *err)
{
    journal_note_read();
    if (ndamaged)
        *ndamaged = 0;
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    verify_state v;
    memset(&v, 0, sizeof v);
    v.j = j;
    st = tend_store_each(j->store, TEND_STORE_HEAD | TEND_STORE_BODY, S_verify_row, &v, err);
    if (st == TEND_OK && v.all.n)
        qsort(v.all.v, v.all.n, sizeof *v.all.v, S_uuid_cmp);
    for (size_t i = 0; st == TEND_OK && i < v.bad.n; i++) {
        char sid[TEND_UUID_HEX + 1];
        journal_short_id_of(v.all.v, v.all.n, &v.bad.v[i].id, sid);
        if (fn)
            fn(ctx, &v.bad.v[i].id, sid, v.bad.v[i].why);
    }
    size_t nbad = v.bad.n;
    if (st == TEND_OK && nbad) {
        if (ndamaged)
            *ndamaged = nbad;
        st = tend_fail(err, TEND_EDAMAGED, "%zu record%s damaged or tampered with", nbad,
                       nbad == 1 ? " is" : "s are");
    }
    tend_vec_free(&v.all);
    tend_vec_free(&v.bad);
    return st;
}
