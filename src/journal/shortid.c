/*
 * shortid.c — short ids: the shortest prefix of a record's uuid, at least
 * TEND_SHORT_ID_MIN hex digits, that no other record of the journal shares;
 * and finding the one record a typed prefix names. Lists, walks and verify
 * give short ids through journal_short_id_of (journal_int.h).
 */
#include "journal_int.h"

#include <string.h>

/* Hex digits two uuids share at the start. */
static size_t S_common_hex(const tend_uuid *a, const tend_uuid *b)
{
    size_t n = 0;
    for (size_t i = 0; i < TEND_UUID_LEN; i++) {
        if (a->b[i] == b->b[i]) {
            n += 2;
            continue;
        }
        if ((a->b[i] >> 4) == (b->b[i] >> 4))
            n++;
        break;
    }
    return n;
}

/* The short id of all[i] in all[0..n), which is sorted: long enough to
 * differ from both neighbours. */
static void S_short_id(const tend_uuid *all, size_t n, size_t i, char out[TEND_UUID_HEX + 1])
{
    size_t need = TEND_SHORT_ID_MIN;
    if (i > 0 && S_common_hex(&all[i - 1], &all[i]) + 1 > need)
        need = S_common_hex(&all[i - 1], &all[i]) + 1;
    if (i + 1 < n && S_common_hex(&all[i + 1], &all[i]) + 1 > need)
        need = S_common_hex(&all[i + 1], &all[i]) + 1;
    if (need > TEND_UUID_HEX)
        need = TEND_UUID_HEX;
    tend_uuid_hex(&all[i], out);
    out[need] = '\0';
}

uint64_t journal_be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* A binary search comparing two 64-bit halves: a list of every record
 * looks up each of its heads. */
void journal_short_id_of(const tend_uuid *all, size_t n, const tend_uuid *u,
                         char out[TEND_UUID_HEX + 1])
{
    uint64_t u0 = journal_be64(u->b), u1 = journal_be64(u->b + 8);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t m0 = journal_be64(all[mid].b), m1 = journal_be64(all[mid].b + 8);
        if (m0 < u0 || (m0 == u0 && m1 < u1))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && tend_uuid_equal(&all[lo], u)) {
        S_short_id(all, n, lo, out);
    } else {
        tend_uuid_hex(u, out);
        out[TEND_SHORT_ID_MIN] = '\0';
    }
}

tend_status journal_uuids_push(journal_uuids *u, const uint8_t *b)
{
    tend_uuid id;
    memcpy(id.b, b, TEND_UUID_LEN);
    return tend_vec_push(u, id);
}

/* A tend_store_each callback: appends the row's uuid to the journal_uuids
 * at ctx. TEND_ENOMEM stops the walk. */
static tend_status S_collect_uuid(void *ctx, const tend_store_record *rec, tend_error *err)
{
    if (journal_uuids_push(ctx, rec->uuid) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    return TEND_OK;
}

tend_status journal_all_uuids(tend_journal *j, journal_uuids *u, tend_error *err)
{
    return tend_store_each(j->store, TEND_STORE_BY_UUID, S_collect_uuid, u, err);
}

/* ---- the public calls ------------------------------------------------------------ */

tend_status tend_journal_short_id(tend_journal *j, const tend_uuid *id,
                                  char out[TEND_UUID_HEX + 1], tend_error *err)
{
    journal_note_read();
    journal_uuids u = TEND_VEC_INIT;
    tend_status st = journal_all_uuids(j, &u, err);
    if (st == TEND_OK)
        journal_short_id_of(u.v, u.n, id, out);
    tend_vec_free(&u);
    return st;
}

tend_status tend_journal_short_ids(tend_journal *j, const tend_uuid *ids, size_t n,
                                   char (*out)[TEND_UUID_HEX + 1], tend_error *err)
{
    journal_note_read();
    journal_uuids u = TEND_VEC_INIT;
    tend_status st = journal_usable(j, err);
    if (st == TEND_OK && n)
        st = journal_all_uuids(j, &u, err);
    for (size_t i = 0; st == TEND_OK && i < n; i++)
        journal_short_id_of(u.v, u.n, &ids[i], out[i]);
    tend_vec_free(&u);
    return st;
}

tend_status tend_journal_find(tend_journal *j, const char *prefix, tend_uuid *out,
                              tend_error *err)
{
    journal_note_read();
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    return tend_store_find_prefix(j->store, prefix, out->b, err);
}
