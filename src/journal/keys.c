/*
 * keys.c — the passphrase and the data key of an open journal: passwd
 * (the same data key wrapped under a new passphrase), checking a
 * passphrase without changing anything, rekey (a new data key, every
 * record sealed again under it, in one transaction) and backup (a copy of
 * the encrypted file).
 */
#include "journal_int.h"

#include <stdlib.h>
#include <string.h>

tend_status tend_journal_passwd(tend_journal *j, const char *newpass, size_t newlen,
                                tend_error *err)
{
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (newlen == 0)
        return tend_fail(err, TEND_EINVAL, "the new passphrase is empty; choose one");
    if (j->batch)
        return tend_fail(err, TEND_EINVAL, "cannot change the passphrase inside a transaction");
    tend_vault_header hdr;
    st = tend_vault_rewrap(j->vault, newpass, newlen, TEND_KDF_KEEP, &hdr, err);
    if (st != TEND_OK)
        return st;
    /* From here the vault holds the new key-encryption key; if the file
     * keeps the old one, the handle must not be used for a later rekey. */
    st = tend_store_begin(j->store, err);
    if (st == TEND_OK)
        st = tend_store_header_put(j->store, &hdr, err);
    if (st == TEND_OK)
        st = tend_store_commit(j->store, err);
    if (st != TEND_OK) {
        tend_store_rollback(j->store, NULL);
        j->broken = true;
        tend_vault_lock(j->vault);
    }
    return st;
}

tend_status tend_journal_check_passphrase(tend_journal *j, const char *pass, size_t len,
                                          tend_error *err)
{
    tend_vault_header hdr;
    tend_status st = tend_store_header_get(j->store, &hdr, err);
    if (st != TEND_OK)
        return st;
    tend_vault *v = NULL;
    st = tend_vault_unlock(&hdr, pass, len, &v, err);
    tend_vault_free(v);
    return st;
}

/* ---- rekey ---------------------------------------------------------------------- */

/* Records re-sealed per step of a rekey. A step's records are held in
 * memory until they are written, so this bounds what a rekey holds however
 * large the journal (every step is inside the one transaction). */
#define S_REKEY_STEP 256

/* One record re-sealed under the new key, kept until its step is written. */
typedef struct {
    tend_uuid uuid;
    tend_buf head, body; /* sealed; reused from step to step */
    bool has_body;
} resealed_record;

/* A rekey in progress: the new vault, and the records of the step. */
typedef struct {
    tend_journal *j;
    tend_vault *nv;
    resealed_record v[S_REKEY_STEP];
    size_t n;        /* records of this step re-sealed so far */
    tend_buf plain;  /* each field opened in turn (reused) */
} rekey_state;

/* A tend_store_each_row callback: opens the row's head and body with the
 * old key and seals them with the new one into the next slot of the step.
 * A damaged record stops the rekey with TEND_EDAMAGED, naming it. */
static tend_status S_rekey_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    rekey_state *k = ctx;
    if (k->n == S_REKEY_STEP)
        return tend_fail(err, TEND_ERR, "internal error: a rekey step is too long");
    resealed_record *r = &k->v[k->n++];
    memcpy(r->uuid.b, rec->uuid, TEND_UUID_LEN);
    r->has_body = rec->has_body;
    tend_status st = tend_vault_open(k->j->vault, rec->uuid, JOURNAL_FIELD_HEAD, rec->head,
                                     rec->head_len, &k->plain, err);
    if (st == TEND_OK)
        st = tend_vault_seal(k->nv, rec->uuid, JOURNAL_FIELD_HEAD, k->plain.data, k->plain.len,
                             &r->head, err);
    if (st == TEND_OK && rec->has_body) {
        st = tend_vault_open(k->j->vault, rec->uuid, JOURNAL_FIELD_BODY, rec->body,
                             rec->body_len, &k->plain, err);
        if (st == TEND_OK)
            st = tend_vault_seal(k->nv, rec->uuid, JOURNAL_FIELD_BODY, k->plain.data,
                                 k->plain.len, &r->body, err);
    }
    tend_buf_clear(&k->plain);
    if (st == TEND_EDAMAGED) {
        char hex[TEND_UUID_HEX + 1];
        tend_uuid_hex(&r->uuid, hex);
        hex[TEND_SHORT_ID_MIN] = '\0';
        st = tend_fail(err, TEND_EDAMAGED,
                       "record %s is damaged; nothing was changed. Run 'tend verify'", hex);
    }
    return st;
}

/* Row ids of a journal, in the order stored. Not secret: plain growth. */
typedef TEND_VEC(int64_t) row_ids;

/* A tend_store_each callback: appends the row's id to the row_ids at ctx.
 * TEND_ENOMEM stops the walk. */
static tend_status S_collect_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    row_ids *r = ctx;
    if (tend_vec_push(r, rec->id) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    return TEND_OK;
}

/* Re-seals every record under k->nv and writes it back, S_REKEY_STEP
 * records at a time, inside the caller's transaction. */
static tend_status S_rekey_all(tend_journal *j, rekey_state *k, tend_error *err)
{
    row_ids rows = TEND_VEC_INIT;
    tend_status st = tend_store_each(j->store, TEND_STORE_UUID, S_collect_row, &rows, err);
    for (size_t at = 0; st == TEND_OK && at < rows.n; at += S_REKEY_STEP) {
        size_t step = rows.n - at < S_REKEY_STEP ? rows.n - at : S_REKEY_STEP;
        k->n = 0;
        st = tend_store_each_row(j->store, TEND_STORE_HEAD | TEND_STORE_BODY, rows.v + at, step,
                                 S_rekey_row, k, err);
        for (size_t i = 0; st == TEND_OK && i < k->n; i++) {
            resealed_record *r = &k->v[i];
            st = tend_store_update(j->store, r->uuid.b, r->head.data, r->head.len,
                                   r->has_body ? r->body.data : NULL, r->body.len, err);
        }
    }
    tend_vec_free(&rows);
    return st;
}

tend_status tend_journal_rekey(tend_journal *j, tend_error *err)
{
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (j->batch)
        return tend_fail(err, TEND_EINVAL, "cannot rekey inside a transaction");
    rekey_state *k = calloc(1, sizeof *k);
    if (!k)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    k->j = j;
    tend_vault_header hdr;
    st = tend_vault_rekey(j->vault, &k->nv, &hdr, err);
    if (st == TEND_OK)
        st = tend_store_begin(j->store, err);
    if (st == TEND_OK)
        st = S_rekey_all(j, k, err);
    if (st == TEND_OK)
        st = tend_store_header_put(j->store, &hdr, err);
    if (st == TEND_OK)
        st = tend_store_commit(j->store, err);
    if (st != TEND_OK && tend_store_in_transaction(j->store))
        tend_store_rollback(j->store, NULL);
    if (st == TEND_OK) {
        tend_vault_free(j->vault);
        j->vault = k->nv;
    } else {
        tend_vault_free(k->nv);
    }
    for (size_t i = 0; i < S_REKEY_STEP; i++) {
        tend_buf_free(&k->v[i].head);
        tend_buf_free(&k->v[i].body);
    }
    tend_buf_free(&k->plain);
    free(k);
    return st;
}

/* ---- backup ---------------------------------------------------------------------- */

tend_status tend_journal_backup(tend_journal *j, const char *dest, tend_error *err)
{
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    return tend_store_backup(j->store, dest, err);
}
