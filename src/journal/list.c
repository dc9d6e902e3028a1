/*
 * list.c — reading the journal: lists of heads (newest first, filtered),
 * walks over whole records in an order, scans in stored order, one record
 * by its id, and the count.
 *
 * Nothing about a record is in plaintext on disk, so every list opens the
 * heads it may show and orders and filters them in memory. A list opens
 * heads only; walks and scans then open each body they give, one record at
 * a time, so only the heads and one body are held at once.
 */
#include "tend/codec.h"

#include "journal_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- building a list ------------------------------------------------------------ */

/* A tend_store_each callback: opens the row's head into the list at ctx
 * and keeps it when the filter passes it. A damaged head is counted, not
 * kept. TEND_ENOMEM, or the vault's status, stops the walk. */
static tend_status S_list_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    journal_list *l = ctx;
    tend_error e2;
    tend_status st = tend_vault_open(l->j->vault, rec->uuid, JOURNAL_FIELD_HEAD, rec->head,
                                     rec->head_len, &l->plain, &e2);
    if (st == TEND_OK)
        st = tend_head_decode_reuse((const unsigned char *)l->plain.data, l->plain.len,
                                    &l->spare, &e2);
    tend_buf_clear(&l->plain);
    if (st == TEND_EDAMAGED) {
        l->ndamaged++;
        return TEND_OK;
    }
    if (st != TEND_OK) {
        if (err)
            *err = e2;
        return st;
    }
    memcpy(l->spare.uuid.b, rec->uuid, sizeof l->spare.uuid.b);
    if (!tend_filter_match(l->f, &l->spare))
        return TEND_OK; /* l->spare's block serves the next head */
    journal_list_item item = { l->spare, rec->id }; /* the head is moved */
    if (tend_vec_push_wiped(&l->items, item) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    tend_head z = TEND_HEAD_INIT;
    l->spare = z;
    return TEND_OK;
}

/* What a list is sorted by: a small key per item, so that sorting moves
 * these rather than whole heads. */
typedef struct {
    int64_t created, row;
    uint64_t u0, u1; /* the uuid, as journal_be64 reads it */
    size_t i;        /* index in journal_list.items */
} list_sort_key;

/* qsort order of TEND_ORDER_NEWEST_FIRST: created descending, then the
 * row added last first. */
static int S_newest_first(const void *a, const void *b)
{
    const list_sort_key *x = a, *y = b;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->row > y->row ? -1 : x->row < y->row;
}

/* qsort order of TEND_ORDER_OLDEST_FIRST: oldest first; ties by uuid, so
 * that an export lists records in the same order whatever order they were
 * added in. */
static int S_oldest_first(const void *a, const void *b)
{
    const list_sort_key *x = a, *y = b;
    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    if (x->u0 != y->u0)
        return x->u0 < y->u0 ? -1 : 1;
    return x->u1 < y->u1 ? -1 : x->u1 > y->u1;
}

/* Puts l->items in order. Records are mostly stored in the order they were
 * written, so the keys are often in order already, or in reverse: both are
 * found in one pass and cost no sort. TEND_ENOMEM leaves l as it was. */
static tend_status S_list_sort(journal_list *l, tend_order order)
{
    size_t n = l->items.n;
    if (n < 2)
        return TEND_OK;
    int (*cmp)(const void *, const void *) =
        order == TEND_ORDER_OLDEST_FIRST ? S_oldest_first : S_newest_first;
    list_sort_key *k = malloc(n * sizeof *k);
    journal_list_item *sorted = calloc(l->items.cap, sizeof *sorted);
    if (!k || !sorted) {
        free(k);
        free(sorted);
        return TEND_ENOMEM;
    }
    const journal_list_item *it = l->items.v;
    for (size_t i = 0; i < n; i++)
        k[i] = (list_sort_key){ it[i].head.created, it[i].row, journal_be64(it[i].head.uuid.b),
                                journal_be64(it[i].head.uuid.b + 8), i };
    bool fwd = true, back = true;
    for (size_t i = 1; i < n && (fwd || back); i++) {
        int c = cmp(&k[i - 1], &k[i]);
        fwd = fwd && c < 0;
        back = back && c > 0;
    }
    if (!fwd && !back)
        qsort(k, n, sizeof *k, cmp);
    for (size_t i = 0; i < n; i++)
        sorted[i] = it[k[back && !fwd ? n - 1 - i : i].i];
    tend_wipe_free(k, n * sizeof *k);
    tend_wipe_free(l->items.v, l->items.cap * sizeof *l->items.v);
    l->items.v = sorted; /* the same room, in order */
    return TEND_OK;
}

void journal_list_free(journal_list *l)
{
    for (size_t i = 0; i < l->items.n; i++)
        tend_head_clear(&l->items.v[i].head);
    tend_vec_free_wiped(&l->items);
    tend_vec_free(&l->all);
    tend_buf_free(&l->plain);
    tend_head_clear(&l->spare);
}

tend_status journal_list_build(tend_journal *j, const tend_filter *f, tend_order order, bool ids,
                               journal_list *l, tend_error *err)
{
    static const tend_filter none = TEND_FILTER_INIT;
    memset(l, 0, sizeof *l);
    l->j = j;
    l->f = f ? f : &none;
    tend_head z = TEND_HEAD_INIT;
    l->spare = z;
    tend_status st = journal_usable(j, err);
    if (st == TEND_OK)
        st = tend_store_each(j->store, TEND_STORE_HEAD, S_list_row, l, err);
    if (st == TEND_OK && S_list_sort(l, order) != TEND_OK)
        st = tend_fail(err, TEND_ENOMEM, "out of memory");
    if (st == TEND_OK && ids)
        st = journal_all_uuids(j, &l->all, err);
    /* the spare block and the plaintext buffer are not needed after */
    tend_buf_free(&l->plain);
    tend_head_clear(&l->spare);
    if (st != TEND_OK) {
        journal_list_free(l);
        memset(l, 0, sizeof *l);
    }
    return st;
}

/* ---- lists of heads ---------------------------------------------------------------- */

/* tend_journal_list (ids) and tend_journal_heads (no ids). */
static tend_status S_heads(tend_journal *j, const tend_filter *f, bool ids, tend_head_list *out,
                           tend_error *err)
{
    tend_head_list z = TEND_HEAD_LIST_INIT;
    *out = z;
    journal_list l;
    tend_status st = journal_list_build(j, f, TEND_ORDER_NEWEST_FIRST, ids, &l, err);
    if (st != TEND_OK)
        return st;
    size_t n = l.items.n;
    if (n) {
        out->heads = calloc(n, sizeof *out->heads);
        out->ids = ids ? calloc(n, sizeof *out->ids) : NULL;
        if (!out->heads || (ids && !out->ids)) {
            free(out->heads);
            free(out->ids);
            *out = z;
            journal_list_free(&l);
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < n; i++) {
        out->heads[i] = l.items.v[i].head; /* moved */
        if (ids)
            journal_short_id_of(l.all.v, l.all.n, &out->heads[i].uuid, out->ids[i]);
    }
    out->n = n;
    out->ndamaged = l.ndamaged;
    l.items.n = 0;
    journal_list_free(&l);
    return TEND_OK;
}

tend_status tend_journal_list(tend_journal *j, const tend_filter *f, tend_head_list *out,
                              tend_error *err)
{
    journal_note_read();
    return S_heads(j, f, true, out, err);
}

tend_status tend_journal_heads(tend_journal *j, const tend_filter *f, tend_head_list *out,
                               tend_error *err)
{
    journal_note_read();
    return S_heads(j, f, false, out, err);
}

void tend_head_list_free(tend_head_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        tend_head_clear(&l->heads[i]);
    free(l->heads);
    free(l->ids);
    tend_head_list z = TEND_HEAD_LIST_INIT;
    *l = z;
}

/* ---- one record ------------------------------------------------------------------- */

/* Reads record id: head, and body when with_body. On failure *out is
 * empty. */
static tend_status S_get(tend_journal *j, const tend_uuid *id, bool with_body, tend_record *out,
                         tend_error *err)
{
    tend_record z = TEND_RECORD_INIT;
    *out = z;
    tend_buf head = TEND_BUF_INIT, body = TEND_BUF_INIT;
    bool has_body = false;
    tend_status st = tend_store_get(j->store, id->b, &head, with_body ? &body : NULL, &has_body,
                                    err);
    if (st == TEND_OK)
        st = journal_open_head(j, id->b, head.data, head.len, &out->head, err);
    if (st == TEND_OK && with_body && has_body)
        st = journal_open_body(j, id->b, body.data, body.len, out, err);
    tend_buf_free(&head);
    tend_buf_free(&body);
    if (st != TEND_OK)
        tend_record_clear(out);
    return st;
}

/* The short id of id, for a message; its first TEND_SHORT_ID_MIN digits
 * when the journal's uuids cannot be read. */
static void S_short_id_for_message(tend_journal *j, const tend_uuid *id,
                                   char sid[TEND_UUID_HEX + 1])
{
    journal_uuids u = TEND_VEC_INIT;
    tend_error e2;
    if (journal_all_uuids(j, &u, &e2) == TEND_OK) {
        journal_short_id_of(u.v, u.n, id, sid);
    } else {
        tend_uuid_hex(id, sid);
        sid[TEND_SHORT_ID_MIN] = '\0';
    }
    tend_vec_free(&u);
}

tend_status journal_get(tend_journal *j, const tend_uuid *id, tend_record *out, tend_error *err)
{
    tend_record z = TEND_RECORD_INIT;
    *out = z;
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    st = S_get(j, id, true, out, err);
    if (st == TEND_EDAMAGED) {
        char sid[TEND_UUID_HEX + 1];
        S_short_id_for_message(j, id, sid);
        st = tend_fail(err, TEND_EDAMAGED,
                       "record %s is damaged or was tampered with; it cannot be read", sid);
    }
    return st;
}

tend_status tend_journal_get(tend_journal *j, const tend_uuid *id, tend_record *out,
                             tend_error *err)
{
    journal_note_read();
    return journal_get(j, id, out, err);
}

tend_status tend_journal_count(tend_journal *j, size_t *out, tend_error *err)
{
    journal_note_read();
    return tend_store_count(j->store, out, err);
}

/* ---- walks ----------------------------------------------------------------------- */

/* A walk in progress: the sorted list, and the body of the record the
 * callback is given. */
typedef struct {
    tend_journal *j;
    journal_list *l;
    tend_record_fn fn;
    void *ctx;
    size_t next;       /* index in l->items of the row the store reads next */
    size_t damaged;
    tend_error *err;
    tend_buf plain;    /* each sealed body opened in turn (reused) */
    bool ids;          /* give short ids (l->all holds every uuid) */
} walk_state;

/* Hands items[i] (its head lent, with body when it has one) to the
 * callback, then wipes the head and body. Returns the callback's status. */
static tend_status S_walk_give(walk_state *w, size_t i, tend_record *r, bool lent)
{
    char sid[TEND_UUID_HEX + 1] = "";
    journal_list_item *it = &w->l->items.v[i];
    if (w->ids)
        journal_short_id_of(w->l->all.v, w->l->all.n, &it->head.uuid, sid);
    r->head = it->head; /* lent for the call */
    tend_status st = w->fn(w->ctx, r, sid);
    tend_head_clear(&it->head); /* r->head is the same memory */
    tend_head z = TEND_HEAD_INIT;
    r->head = z;
    journal_body_return(&w->plain, r, lent);
    tend_record_clear(r);
    return st;
}

/* A tend_store_each_row callback: opens the body of the next record of the
 * walk and gives the record to the callback. A damaged body is counted and
 * skipped. */
static tend_status S_walk_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    walk_state *w = ctx;
    size_t i = w->next++;
    journal_list_item *it = &w->l->items.v[i];
    if (rec->id != it->row || memcmp(rec->uuid, it->head.uuid.b, TEND_UUID_LEN) != 0)
        return tend_fail(err, TEND_ERR, "internal error: the journal changed while it was read");
    tend_record r = TEND_RECORD_INIT;
    bool lent = false;
    if (rec->has_body) {
        tend_error e2;
        tend_status st = journal_body_lend(w->j, rec->uuid, rec->body, rec->body_len, &w->plain,
                                           &r, &lent, &e2);
        if (st == TEND_EDAMAGED) {
            w->damaged++;
            tend_head_clear(&it->head);
            return TEND_OK;
        }
        if (st != TEND_OK) {
            if (err)
                *err = e2;
            return st;
        }
    }
    return S_walk_give(w, i, &r, lent);
}

/* tend_journal_walk without counting a read. */
static tend_status S_walk(tend_journal *j, const tend_walk *how, tend_record_fn fn, void *ctx,
                          size_t *ndamaged, tend_error *err)
{
    if (ndamaged)
        *ndamaged = 0;
    journal_list l;
    tend_status st = journal_list_build(j, how->filter, how->order, !how->no_ids, &l, err);
    if (st != TEND_OK)
        return st;
    size_t n = l.items.n;
    walk_state w = { j, &l, fn, ctx, 0, l.ndamaged, err, TEND_BUF_INIT, !how->no_ids };
    if (how->start) {
        /* The heads, in order, without their row numbers. */
        tend_head *heads = n ? malloc(n * sizeof *heads) : NULL;
        if (n && !heads) {
            journal_list_free(&l);
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++)
            heads[i] = l.items.v[i].head; /* shallow: still owned by l */
        st = how->start(ctx, heads, n, l.ndamaged);
        tend_wipe_free(heads, n * sizeof *heads);
    }
    if (st == TEND_OK && how->with_body && n) {
        int64_t *rows = malloc(n * sizeof *rows);
        if (!rows) {
            st = tend_fail(err, TEND_ENOMEM, "out of memory");
        } else {
            for (size_t i = 0; i < n; i++)
                rows[i] = l.items.v[i].row;
            st = tend_store_each_row(j->store, TEND_STORE_BODY, rows, n, S_walk_row, &w, err);
            free(rows);
        }
    } else {
        for (size_t i = 0; i < n && st == TEND_OK; i++) {
            tend_record r = TEND_RECORD_INIT;
            st = S_walk_give(&w, i, &r, false);
        }
    }
    journal_list_free(&l);
    tend_buf_free(&w.plain);
    if (ndamaged)
        *ndamaged = w.damaged;
    return st;
}

tend_status tend_journal_walk(tend_journal *j, const tend_walk *how, tend_record_fn fn,
                              void *ctx, size_t *ndamaged, tend_error *err)
{
    journal_note_read();
    return S_walk(j, how, fn, ctx, ndamaged, err);
}

tend_status tend_journal_each(tend_journal *j, const tend_filter *f, bool with_body,
                              tend_record_fn fn, void *ctx, size_t *ndamaged, tend_error *err)
{
    journal_note_read();
    tend_walk how = TEND_WALK_INIT;
    how.filter = f;
    how.with_body = with_body;
    return S_walk(j, &how, fn, ctx, ndamaged, err);
}

/* ---- scans ------------------------------------------------------------------------ */

/* A scan in progress. */
typedef struct {
    tend_journal *j;
    const tend_filter *f;
    tend_scan_fn fn;
    void *ctx;
    size_t damaged;
    tend_buf head_plain, body_plain; /* reused for every record */
    tend_record r;                   /* r.head's block is reused too */
} scan_state;

/* A tend_store_each callback: opens the row's head, and when the filter
 * passes it its body, and gives the record to the scan's callback. A
 * damaged record is counted and skipped. */
static tend_status S_scan_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    scan_state *sc = ctx;
    tend_error e2;
    tend_status st = tend_vault_open(sc->j->vault, rec->uuid, JOURNAL_FIELD_HEAD, rec->head,
                                     rec->head_len, &sc->head_plain, &e2);
    if (st == TEND_OK)
        st = tend_head_decode_reuse((const unsigned char *)sc->head_plain.data,
                                    sc->head_plain.len, &sc->r.head, &e2);
    tend_buf_clear(&sc->head_plain);
    bool lent = false;
    if (st == TEND_OK) {
        memcpy(sc->r.head.uuid.b, rec->uuid, sizeof sc->r.head.uuid.b);
        if (!tend_filter_match(sc->f, &sc->r.head))
            return TEND_OK; /* its body is never opened */
        if (rec->has_body)
            st = journal_body_lend(sc->j, rec->uuid, rec->body, rec->body_len, &sc->body_plain,
                                   &sc->r, &lent, &e2);
    }
    if (st == TEND_EDAMAGED) {
        sc->damaged++;
        return TEND_OK;
    }
    if (st != TEND_OK) {
        if (err)
            *err = e2;
        return st;
    }
    st = sc->fn(sc->ctx, &sc->r, rec->id);
    /* The body is wiped now; the head by the next decode or at the end. */
    journal_body_return(&sc->body_plain, &sc->r, lent);
    return st;
}

tend_status tend_journal_scan(tend_journal *j, const tend_filter *f, tend_scan_fn fn, void *ctx,
                              size_t *ndamaged, tend_error *err)
{
    static const tend_filter none = TEND_FILTER_INIT;
    journal_note_read();
    if (ndamaged)
        *ndamaged = 0;
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    scan_state sc;
    memset(&sc, 0, sizeof sc);
    sc.j = j;
    sc.f = f ? f : &none;
    sc.fn = fn;
    sc.ctx = ctx;
    tend_record z = TEND_RECORD_INIT;
    sc.r = z;
    st = tend_store_each(j->store, TEND_STORE_HEAD | TEND_STORE_BODY, S_scan_row, &sc, err);
    tend_buf_free(&sc.head_plain);
    tend_buf_free(&sc.body_plain);
    tend_record_clear(&sc.r);
    if (ndamaged)
        *ndamaged = sc.damaged;
    return st;
}
