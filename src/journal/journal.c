/*
 * journal.c — the open journal: composes the vault (keys, sealing) and the
 * store (the SQLite file) into records a person can list, read and change.
 *
 * Each record row holds a uuid and two sealed fields, "head" and "body",
 * whose plaintexts are the encodings of record.c. Lists open heads only.
 * Order (newest first) and filters are applied in memory after opening,
 * since nothing about a record is in plaintext on disk.
 */
#include "tend/journal.h"

#include "tend/date.h"
#include "tend/store.h"
#include "tend/vault.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct tend_journal {
    tend_store *store;
    tend_vault *vault;
    char *path;
    bool batch;      /* inside tend_journal_begin/commit */
    bool broken;     /* a failed passwd left keys we cannot trust */
    uint64_t changes; /* writes attempted through this handle (tend_journal_changes) */
};

static const char S_HEAD[] = "head";
static const char S_BODY[] = "body";

/* ---- paths and levels -------------------------------------------------------- */

bool tend_journal_kdf_parse(const char *name, tend_journal_kdf *out)
{
    tend_kdf_level l;
    if (tend_kdf_level_parse(name, &l, NULL) != TEND_OK)
        return false;
    switch (l) {
    case TEND_KDF_INTERACTIVE: *out = TEND_JOURNAL_KDF_INTERACTIVE; return true;
    case TEND_KDF_MODERATE: *out = TEND_JOURNAL_KDF_MODERATE; return true;
    case TEND_KDF_SENSITIVE: *out = TEND_JOURNAL_KDF_SENSITIVE; return true;
    case TEND_KDF_MIN: *out = TEND_JOURNAL_KDF_MIN; return true;
    default: return false;
    }
}

static tend_kdf_level S_level(tend_journal_kdf k)
{
    switch (k) {
    case TEND_JOURNAL_KDF_INTERACTIVE: return TEND_KDF_INTERACTIVE;
    case TEND_JOURNAL_KDF_SENSITIVE: return TEND_KDF_SENSITIVE;
    case TEND_JOURNAL_KDF_MIN: return TEND_KDF_MIN;
    case TEND_JOURNAL_KDF_MODERATE:
    default: return TEND_KDF_MODERATE;
    }
}

char *tend_journal_default_path(tend_error *err)
{
    const char *env = getenv("TEND_JOURNAL");
    tend_buf b = TEND_BUF_INIT;
    tend_status st;
    if (env && *env) {
        st = tend_buf_puts(&b, env);
    } else {
        const char *xdg = getenv("XDG_DATA_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0] == '/') {
            st = tend_buf_printf(&b, "%s/tend/journal.db", xdg);
        } else if (home && home[0] == '/') {
            st = tend_buf_printf(&b, "%s/.local/share/tend/journal.db", home);
        } else {
            tend_fail(err, TEND_ERR,
                      "cannot tell where the journal lives (HOME is not set); use --journal PATH");
            return NULL;
        }
    }
    if (st != TEND_OK) {
        tend_buf_free(&b);
        tend_fail(err, TEND_ENOMEM, "out of memory");
        return NULL;
    }
    char *p = tend_buf_take(&b, NULL);
    if (!p)
        tend_fail(err, TEND_ENOMEM, "out of memory");
    return p;
}

/* ---- open and close ---------------------------------------------------------- */

#ifdef TEND_TEST_BUILD
static int S_test_open;             /* made and not yet closed */
static int S_test_last_wiped = -1;  /* see tend_journal_test_last_close_wiped */

int tend_journal_test_open_count(void)
{
    return S_test_open;
}

int tend_journal_test_last_close_wiped(void)
{
    return S_test_last_wiped;
}

static uint64_t S_test_reads; /* see tend_journal_test_reads */

uint64_t tend_journal_test_reads(void)
{
    return S_test_reads;
}
#define S_COUNT_READ() (S_test_reads++)
#else
#define S_COUNT_READ() ((void)0)
#endif

static tend_journal *S_new(const char *path, tend_error *err)
{
    tend_journal *j = calloc(1, sizeof *j);
    if (j && !(j->path = tend_strdup(path))) {
        free(j);
        j = NULL;
    }
    if (!j)
        tend_fail(err, TEND_ENOMEM, "out of memory");
#ifdef TEND_TEST_BUILD
    else
        S_test_open++;
#endif
    return j;
}

tend_status tend_journal_create(const char *path, const char *pass, size_t passlen,
                                tend_journal_kdf kdf, tend_journal **out, tend_error *err)
{
    if (out)
        *out = NULL;
    if (passlen == 0)
        return tend_fail(err, TEND_EINVAL, "the passphrase is empty; choose one");
    struct stat sb;
    if (lstat(path, &sb) == 0)
        return tend_fail(err, TEND_EEXIST, "there is already a file at %s; tend leaves it alone",
                         path);
    tend_journal *j = S_new(path, err);
    if (!j)
        return TEND_ENOMEM;
    tend_vault_header hdr;
    tend_status st = tend_vault_create(pass, passlen, S_level(kdf), &j->vault, &hdr, err);
    if (st == TEND_OK)
        st = tend_store_create(path, &hdr, &j->store, err);
    if (st != TEND_OK || !out) {
        tend_journal_close(j);
        return st;
    }
    *out = j;
    return TEND_OK;
}

tend_status tend_journal_open(const char *path, const char *pass, size_t passlen,
                              tend_journal **out, tend_error *err)
{
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return tend_fail(err, TEND_ENOTFOUND, "no journal at %s; create one with 'tend init'",
                         path);
    tend_journal *j = S_new(path, err);
    if (!j)
        return TEND_ENOMEM;
    tend_vault_header hdr;
    tend_status st = tend_store_open(path, &j->store, err);
    if (st == TEND_ENOTFOUND)
        st = tend_fail(err, TEND_ENOTFOUND, "no journal at %s; create one with 'tend init'", path);
    if (st == TEND_OK)
        st = tend_store_header_get(j->store, &hdr, err);
    if (st == TEND_OK)
        st = tend_vault_unlock(&hdr, pass, passlen, &j->vault, err);
    if (st != TEND_OK) {
        tend_journal_close(j);
        return st;
    }
    *out = j;
    return TEND_OK;
}

void tend_journal_close(tend_journal *j)
{
    if (!j)
        return;
#ifdef TEND_TEST_BUILD
    S_test_open--;
    if (j->vault) {
        tend_vault_lock(j->vault); /* tend_vault_free does the same first */
        S_test_last_wiped = tend_vault_test_is_wiped(j->vault) ? 1 : 0;
    }
#endif
    tend_vault_free(j->vault);
    tend_store_close(j->store);
    free(j->path);
    free(j);
}

const char *tend_journal_path(const tend_journal *j)
{
    return j->path;
}

static tend_status S_usable(tend_journal *j, tend_error *err)
{
    if (j->broken || !j->vault || tend_vault_is_locked(j->vault))
        return tend_fail(err, TEND_ERR, "the journal is locked; open it again");
    return TEND_OK;
}

/* ---- sealing ------------------------------------------------------------------- */

/* Encodes and seals r's head (and its body when it has one) into head/body.
 * *has_body tells whether a body is to be stored. */
static tend_status S_seal(tend_journal *j, const tend_record *r, tend_buf *head, tend_buf *body,
                          bool *has_body, tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_head_encode(&r->head, &plain, err);
    if (st == TEND_OK)
        st = tend_vault_seal(j->vault, r->head.uuid.b, S_HEAD, plain.data, plain.len, head, err);
    tend_buf_reset(&plain);
    *has_body = r->body || r->body_extra_len;
    if (st == TEND_OK && *has_body) {
        st = tend_body_encode(r, &plain, err);
        if (st == TEND_OK)
            st = tend_vault_seal(j->vault, r->head.uuid.b, S_BODY, plain.data, plain.len, body,
                                 err);
    }
    tend_buf_free(&plain);
    return st;
}

/* Opens and decodes a sealed head of record uuid into *h (uuid set). */
static tend_status S_open_head(tend_journal *j, const uint8_t *uuid, const void *sealed,
                               size_t len, tend_head *h, tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_vault_open(j->vault, uuid, S_HEAD, sealed, len, &plain, err);
    if (st == TEND_OK)
        st = tend_head_decode((const unsigned char *)plain.data, plain.len, h, err);
    if (st == TEND_OK)
        memcpy(h->uuid.b, uuid, sizeof h->uuid.b);
    tend_buf_free(&plain);
    return st;
}

static tend_status S_open_body(tend_journal *j, const uint8_t *uuid, const void *sealed,
                               size_t len, tend_record *r, tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_vault_open(j->vault, uuid, S_BODY, sealed, len, &plain, err);
    if (st == TEND_OK)
        st = tend_body_decode((const unsigned char *)plain.data, plain.len, r, err);
    tend_buf_free(&plain);
    return st;
}

/* ---- short ids ------------------------------------------------------------------ */

static int S_uuid_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(tend_uuid));
}

/* Hex digits two uuids share at the start. */
static size_t S_common_hex(const tend_uuid *a, const tend_uuid *b)
{
    size_t n = 0;
    for (size_t i = 0; i < 16; i++) {
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

/* The short id of all[i] in all[0..n), which is sorted. */
static void S_short_id(const tend_uuid *all, size_t n, size_t i, char out[TEND_UUID_HEX + 1])
{
    size_t need = TEND_SHORT_ID_MIN;
    if (i > 0 && S_common_hex(&all[i - 1], &all[i]) + 1 > need)
        need = S_common_hex(&all[i - 1], &all[i]) + 1;
    if (i + 1 < n && S_common_hex(&all[i + 1], &all[i]) + 1 > need)
        need = S_common_hex(&all[i + 1], &all[i]) + 1;
    if (need > TEND_UUID_HEX)
        need = TEND_UUID_HEX;
    tend_id_hex(&all[i], out);
    out[need] = '\0';
}

/* The first 8 bytes at p as a big-endian number, so that comparing two
 * of them orders as memcmp does. */
static uint64_t S_be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return v;
}

/* Short id of u among the sorted all[0..n) (u must be in it). A binary
 * search comparing two 64-bit halves: a list of every record looks up
 * each of its heads. */
static void S_short_id_of(const tend_uuid *all, size_t n, const tend_uuid *u,
                          char out[TEND_UUID_HEX + 1])
{
    uint64_t u0 = S_be64(u->b), u1 = S_be64(u->b + 8);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t m0 = S_be64(all[mid].b), m1 = S_be64(all[mid].b + 8);
        if (m0 < u0 || (m0 == u0 && m1 < u1))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && memcmp(all[lo].b, u->b, sizeof u->b) == 0) {
        S_short_id(all, n, lo, out);
    } else {
        tend_id_hex(u, out);
        out[TEND_SHORT_ID_MIN] = '\0';
    }
}

/* Every uuid in the journal, sorted. */
typedef struct {
    tend_uuid *v;
    size_t n, cap;
} S_uuids;

static tend_status S_uuids_push(S_uuids *u, const uint8_t *b)
{
    if (u->n == u->cap) {
        size_t cap = u->cap ? u->cap * 2 : 64;
        tend_uuid *p = realloc(u->v, cap * sizeof *p); /* uuids are not secret */
        if (!p)
            return TEND_ENOMEM;
        u->v = p;
        u->cap = cap;
    }
    memcpy(u->v[u->n++].b, b, 16);
    return TEND_OK;
}

static tend_status S_collect_uuid(void *ctx, const tend_store_record *rec, tend_error *err)
{
    if (S_uuids_push(ctx, rec->uuid) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    return TEND_OK;
}

/* Every uuid of the journal into *u, in order: read from the uuid index,
 * which keeps them sorted, so no sort is needed. */
static tend_status S_all_uuids(tend_journal *j, S_uuids *u, tend_error *err)
{
    return tend_store_each(j->store, TEND_STORE_BY_UUID, S_collect_uuid, u, err);
}

tend_status tend_journal_short_id(tend_journal *j, const tend_uuid *id,
                                  char out[TEND_UUID_HEX + 1], tend_error *err)
{
    S_COUNT_READ();
    S_uuids u = { NULL, 0, 0 };
    tend_status st = S_all_uuids(j, &u, err);
    if (st == TEND_OK)
        S_short_id_of(u.v, u.n, id, out);
    free(u.v);
    return st;
}

tend_status tend_journal_find(tend_journal *j, const char *prefix, tend_uuid *out,
                              tend_error *err)
{
    S_COUNT_READ();
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    return tend_store_find_prefix(j->store, prefix, out->b, err);
}

/* ---- writing ------------------------------------------------------------------- */

uint64_t tend_journal_changes(const tend_journal *j)
{
    return j ? j->changes : 0;
}

static tend_status S_write(tend_journal *j, const tend_record *r, bool insert, tend_error *err)
{
    j->changes++;
    tend_buf head = TEND_BUF_INIT, body = TEND_BUF_INIT;
    bool has_body = false;
    tend_status st = S_seal(j, r, &head, &body, &has_body, err);
    if (st == TEND_OK) {
        const void *b = has_body ? body.data : NULL;
        st = insert ? tend_store_insert(j->store, r->head.uuid.b, head.data, head.len, b, body.len,
                                        err)
                    : tend_store_update(j->store, r->head.uuid.b, head.data, head.len, b, body.len,
                                        err);
    }
    tend_buf_free(&head);
    tend_buf_free(&body);
    return st;
}

tend_status tend_journal_add(tend_journal *j, tend_record *r, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (r->head.kind == 0)
        return tend_fail(err, TEND_EINVAL, "a record needs a kind");
    if (r->head.created == 0) {
        r->head.created = tend_now();
        r->head.utc_offset = tend_local_offset(r->head.created);
    }
    if (r->head.updated == 0)
        r->head.updated = r->head.created;
    tend_uuid_random(r->head.uuid.b);
    return S_write(j, r, true, err);
}

tend_status tend_journal_insert(tend_journal *j, const tend_record *r, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (r->head.kind == 0)
        return tend_fail(err, TEND_EINVAL, "a record needs a kind");
    return S_write(j, r, true, err);
}

/* Reads the stored head of id, for the times an update keeps. */
static tend_status S_stored_head(tend_journal *j, const tend_uuid *id, tend_head *h,
                                 tend_buf *sealed_body, bool *has_body, tend_error *err)
{
    tend_buf head = TEND_BUF_INIT;
    tend_status st = tend_store_get(j->store, id->b, &head, sealed_body, has_body, err);
    if (st == TEND_OK)
        st = S_open_head(j, id->b, head.data, head.len, h, err);
    tend_buf_free(&head);
    return st;
}

tend_status tend_journal_update(tend_journal *j, tend_record *r, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    tend_head old = TEND_HEAD_INIT;
    st = S_stored_head(j, &r->head.uuid, &old, NULL, NULL, err);
    if (st == TEND_OK) {
        r->head.created = old.created;
        r->head.utc_offset = old.utc_offset;
        r->head.updated = tend_now();
        st = S_write(j, r, false, err);
    }
    tend_head_clear(&old);
    return st;
}

tend_status tend_journal_update_head(tend_journal *j, tend_head *h, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    tend_head old = TEND_HEAD_INIT;
    tend_buf body = TEND_BUF_INIT, plain = TEND_BUF_INIT, sealed = TEND_BUF_INIT;
    bool has_body = false;
    st = S_stored_head(j, &h->uuid, &old, &body, &has_body, err);
    if (st == TEND_OK) {
        h->created = old.created;
        h->utc_offset = old.utc_offset;
        h->updated = tend_now();
        j->changes++;
        st = tend_head_encode(h, &plain, err);
    }
    if (st == TEND_OK)
        st = tend_vault_seal(j->vault, h->uuid.b, S_HEAD, plain.data, plain.len, &sealed, err);
    if (st == TEND_OK)
        st = tend_store_update(j->store, h->uuid.b, sealed.data, sealed.len,
                               has_body ? body.data : NULL, body.len, err);
    tend_head_clear(&old);
    tend_buf_free(&body);
    tend_buf_free(&plain);
    tend_buf_free(&sealed);
    return st;
}

tend_status tend_journal_delete(tend_journal *j, const tend_uuid *id, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    j->changes++;
    return tend_store_delete(j->store, id->b, err);
}

/* ---- lists --------------------------------------------------------------------- */

bool tend_filter_match(const tend_filter *f, const tend_head *h)
{
    if (f->kind ? h->kind != f->kind
                : !f->all_kinds && h->kind != TEND_KIND_ENTRY && h->kind != TEND_KIND_CHECKIN)
        return false;
    if (f->since && h->created < f->since)
        return false;
    if (f->until && h->created >= f->until)
        return false;
    if (f->tag && !tend_head_has_tag(h, f->tag))
        return false;
    return true;
}

/* One matching head while a list is built. */
typedef struct {
    tend_head head;
    int64_t row;
} S_item;

typedef struct {
    tend_journal *j;
    const tend_filter *f;
    S_item *items;
    size_t n, cap;
    size_t ndamaged;
    S_uuids all;     /* every uuid, sorted, when short ids are wanted */
    tend_buf plain;  /* each sealed head opened in turn (reused) */
    tend_head spare; /* the head being decoded; its block is reused while
                        the filter turns heads away */
} S_list;

/* Makes room in l->items for one more. The old array is wiped: it holds
 * times and kinds. */
static tend_status S_list_room(S_list *l)
{
    if (l->n < l->cap)
        return TEND_OK;
    size_t cap = l->cap ? l->cap * 2 : 32;
    S_item *p = calloc(cap, sizeof *p);
    if (!p)
        return TEND_ENOMEM;
    if (l->items) {
        memcpy(p, l->items, l->n * sizeof *p);
        tend_wipe_free(l->items, l->cap * sizeof *p);
    }
    l->items = p;
    l->cap = cap;
    return TEND_OK;
}

static tend_status S_list_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_list *l = ctx;
    tend_error e2;
    tend_status st = tend_vault_open(l->j->vault, rec->uuid, S_HEAD, rec->head, rec->head_len,
                                     &l->plain, &e2);
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
    if (S_list_room(l) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    l->items[l->n].head = l->spare; /* moved */
    l->items[l->n].row = rec->id;
    l->n++;
    tend_head z = TEND_HEAD_INIT;
    l->spare = z;
    return TEND_OK;
}

/* What a list is sorted by: a small key per item, so that sorting moves
 * these rather than whole heads. */
typedef struct {
    int64_t created, row;
    uint64_t u0, u1; /* the uuid, as S_be64 reads it */
    size_t i;        /* index in S_list.items */
} S_key;

static int S_newest_first(const void *a, const void *b)
{
    const S_key *x = a, *y = b;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->row > y->row ? -1 : x->row < y->row;
}

/* Oldest first; ties by uuid, so that an export lists records in the same
 * order whatever order they were added in. */
static int S_oldest_first(const void *a, const void *b)
{
    const S_key *x = a, *y = b;
    if (x->created != y->created)
        return x->created < y->created ? -1 : 1;
    if (x->u0 != y->u0)
        return x->u0 < y->u0 ? -1 : 1;
    return x->u1 < y->u1 ? -1 : x->u1 > y->u1;
}

/* Puts l->items in order. Records are mostly stored in the order they were
 * written, so the keys are often in order already, or in reverse: both are
 * found in one pass and cost no sort. */
static tend_status S_list_sort(S_list *l, tend_order order)
{
    if (l->n < 2)
        return TEND_OK;
    int (*cmp)(const void *, const void *) =
        order == TEND_ORDER_OLDEST_FIRST ? S_oldest_first : S_newest_first;
    S_key *k = malloc(l->n * sizeof *k);
    S_item *sorted = calloc(l->cap, sizeof *sorted);
    if (!k || !sorted) {
        free(k);
        free(sorted);
        return TEND_ENOMEM;
    }
    for (size_t i = 0; i < l->n; i++)
        k[i] = (S_key){ l->items[i].head.created, l->items[i].row,
                        S_be64(l->items[i].head.uuid.b), S_be64(l->items[i].head.uuid.b + 8),
                        i };
    bool fwd = true, back = true;
    for (size_t i = 1; i < l->n && (fwd || back); i++) {
        int c = cmp(&k[i - 1], &k[i]);
        fwd = fwd && c < 0;
        back = back && c > 0;
    }
    if (!fwd && !back)
        qsort(k, l->n, sizeof *k, cmp);
    for (size_t i = 0; i < l->n; i++)
        sorted[i] = l->items[k[back && !fwd ? l->n - 1 - i : i].i];
    tend_wipe_free(k, l->n * sizeof *k);
    tend_wipe_free(l->items, l->cap * sizeof *l->items);
    l->items = sorted;
    return TEND_OK;
}

static void S_list_free(S_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        tend_head_clear(&l->items[i].head);
    tend_wipe_free(l->items, l->cap * sizeof *l->items);
    free(l->all.v);
    tend_buf_free(&l->plain);
    tend_head_clear(&l->spare);
}

/* Opens every head, keeps those passing f and sorts them in order; with
 * ids, reads every uuid (sorted) for short ids too. */
static tend_status S_build_list(tend_journal *j, const tend_filter *f, tend_order order,
                                bool ids, S_list *l, tend_error *err)
{
    static const tend_filter none = TEND_FILTER_INIT;
    memset(l, 0, sizeof *l);
    l->j = j;
    l->f = f ? f : &none;
    tend_head z = TEND_HEAD_INIT;
    l->spare = z;
    tend_status st = S_usable(j, err);
    if (st == TEND_OK)
        st = tend_store_each(j->store, TEND_STORE_HEAD, S_list_row, l, err);
    if (st == TEND_OK && S_list_sort(l, order) != TEND_OK)
        st = tend_fail(err, TEND_ENOMEM, "out of memory");
    if (st == TEND_OK && ids)
        st = S_all_uuids(j, &l->all, err);
    /* the spare block and the plaintext buffer are not needed after */
    tend_buf_free(&l->plain);
    tend_head_clear(&l->spare);
    if (st != TEND_OK) {
        S_list_free(l);
        memset(l, 0, sizeof *l);
    }
    return st;
}

/* tend_journal_list (ids) and tend_journal_heads (no ids). */
static tend_status S_heads(tend_journal *j, const tend_filter *f, bool ids, tend_head_list *out,
                          tend_error *err)
{
    tend_head_list z = TEND_HEAD_LIST_INIT;
    *out = z;
    S_list l;
    tend_status st = S_build_list(j, f, TEND_ORDER_NEWEST_FIRST, ids, &l, err);
    if (st != TEND_OK)
        return st;
    if (l.n) {
        out->heads = calloc(l.n, sizeof *out->heads);
        out->ids = ids ? calloc(l.n, sizeof *out->ids) : NULL;
        if (!out->heads || (ids && !out->ids)) {
            free(out->heads);
            free(out->ids);
            *out = z;
            S_list_free(&l);
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        }
    }
    for (size_t i = 0; i < l.n; i++) {
        out->heads[i] = l.items[i].head; /* moved */
        if (ids)
            S_short_id_of(l.all.v, l.all.n, &out->heads[i].uuid, out->ids[i]);
    }
    out->n = l.n;
    out->ndamaged = l.ndamaged;
    l.n = 0;
    S_list_free(&l);
    return TEND_OK;
}

tend_status tend_journal_list(tend_journal *j, const tend_filter *f, tend_head_list *out,
                              tend_error *err)
{
    S_COUNT_READ();
    return S_heads(j, f, true, out, err);
}

tend_status tend_journal_heads(tend_journal *j, const tend_filter *f, tend_head_list *out,
                               tend_error *err)
{
    S_COUNT_READ();
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

/* ---- reading one record ---------------------------------------------------------- */

/* Reads record id: head, and body when with_body. */
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
        st = S_open_head(j, id->b, head.data, head.len, &out->head, err);
    if (st == TEND_OK && with_body && has_body)
        st = S_open_body(j, id->b, body.data, body.len, out, err);
    tend_buf_free(&head);
    tend_buf_free(&body);
    if (st != TEND_OK)
        tend_record_clear(out);
    return st;
}

tend_status tend_journal_get(tend_journal *j, const tend_uuid *id, tend_record *out,
                             tend_error *err)
{
    S_COUNT_READ();
    tend_record z = TEND_RECORD_INIT;
    *out = z;
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    st = S_get(j, id, true, out, err);
    if (st == TEND_EDAMAGED) {
        char sid[TEND_UUID_HEX + 1];
        tend_error e2;
        if (tend_journal_short_id(j, id, sid, &e2) != TEND_OK) {
            tend_id_hex(id, sid);
            sid[TEND_SHORT_ID_MIN] = '\0';
        }
        st = tend_fail(err, TEND_EDAMAGED,
                       "record %s is damaged or was tampered with; it cannot be read", sid);
    }
    return st;
}

/* A walk in progress: the sorted list, and the body of the record the
 * callback is given. */
typedef struct {
    tend_journal *j;
    S_list *l;
    tend_record_fn fn;
    void *ctx;
    size_t next;       /* index in l->items of the row the store reads next */
    size_t damaged;
    tend_error *err;
    tend_buf plain;    /* each sealed body opened in turn (reused) */
    bool ids;          /* give short ids (l->all holds every uuid) */
} S_walker;

/* Opens a sealed body into plain (reused) and gives r its text: lent from
 * plain when the payload is the text alone (*lent true: r->body points
 * into plain, NUL-terminated by it), else decoded into fresh memory that
 * r owns. Undo with S_body_return. */
static tend_status S_body_lend(tend_journal *j, const uint8_t *uuid, const void *sealed,
                               size_t len, tend_buf *plain, tend_record *r, bool *lent,
                               tend_error *err)
{
    *lent = false;
    tend_status st = tend_vault_open(j->vault, uuid, S_BODY, sealed, len, plain, err);
    const char *text = NULL;
    size_t tlen = 0;
    bool alone = false;
    if (st == TEND_OK)
        st = tend_body_view((const unsigned char *)plain->data, plain->len, &text, &tlen,
                            &alone, err);
    if (st == TEND_OK && alone) {
        r->body = (char *)text; /* lent: text[tlen] is plain's NUL */
        r->body_len = tlen;
        *lent = true;
    } else if (st == TEND_OK) {
        st = tend_body_decode((const unsigned char *)plain->data, plain->len, r, err);
    }
    if (st != TEND_OK || !*lent)
        tend_buf_clear(plain);
    return st;
}

/* Takes back what S_body_lend gave r: forgets a lent body, wipes plain,
 * and wipes and frees a body r owns. r's head is left as it is. */
static void S_body_return(tend_buf *plain, tend_record *r, bool lent)
{
    if (lent) {
        r->body = NULL;
        r->body_len = 0;
    }
    tend_buf_clear(plain);
    tend_wipe_free(r->body, r->body_len + 1);
    tend_wipe_free(r->body_extra, r->body_extra_len);
    r->body = NULL;
    r->body_extra = NULL;
    r->body_len = r->body_extra_len = 0;
}

/* Hands items[i] (its head lent, with body when it has one) to the
 * callback, then wipes the head and body. */
static tend_status S_walk_give(S_walker *w, size_t i, tend_record *r, bool lent)
{
    char sid[TEND_UUID_HEX + 1] = "";
    S_item *it = &w->l->items[i];
    if (w->ids)
        S_short_id_of(w->l->all.v, w->l->all.n, &it->head.uuid, sid);
    r->head = it->head; /* lent for the call */
    tend_status st = w->fn(w->ctx, r, sid);
    tend_head_clear(&it->head); /* r->head is the same memory */
    tend_head z = TEND_HEAD_INIT;
    r->head = z;
    S_body_return(&w->plain, r, lent);
    tend_record_clear(r);
    return st;
}

static tend_status S_walk_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_walker *w = ctx;
    size_t i = w->next++;
    S_item *it = &w->l->items[i];
    if (rec->id != it->row || memcmp(rec->uuid, it->head.uuid.b, 16) != 0)
        return tend_fail(err, TEND_ERR, "internal error: the journal changed while it was read");
    tend_record r = TEND_RECORD_INIT;
    bool lent = false;
    if (rec->has_body) {
        tend_error e2;
        tend_status st = S_body_lend(w->j, rec->uuid, rec->body, rec->body_len, &w->plain, &r,
                                     &lent, &e2);
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

tend_status tend_journal_walk(tend_journal *j, const tend_walk *how, tend_record_fn fn,
                              void *ctx, size_t *ndamaged, tend_error *err)
{
    S_COUNT_READ();
    if (ndamaged)
        *ndamaged = 0;
    S_list l;
    tend_status st = S_build_list(j, how->filter, how->order, !how->no_ids, &l, err);
    if (st != TEND_OK)
        return st;
    S_walker w = { j, &l, fn, ctx, 0, l.ndamaged, err, TEND_BUF_INIT, !how->no_ids };
    if (how->start) {
        /* The heads, in order, without their row numbers. */
        tend_head *heads = l.n ? malloc(l.n * sizeof *heads) : NULL;
        if (l.n && !heads) {
            S_list_free(&l);
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < l.n; i++)
            heads[i] = l.items[i].head; /* shallow: still owned by l */
        st = how->start(ctx, heads, l.n, l.ndamaged);
        tend_wipe_free(heads, l.n * sizeof *heads);
    }
    if (st == TEND_OK && how->with_body && l.n) {
        int64_t *rows = malloc(l.n * sizeof *rows);
        if (!rows) {
            st = tend_fail(err, TEND_ENOMEM, "out of memory");
        } else {
            for (size_t i = 0; i < l.n; i++)
                rows[i] = l.items[i].row;
            st = tend_store_each_row(j->store, TEND_STORE_BODY, rows, l.n, S_walk_row, &w,
                                     err);
            free(rows);
        }
    } else {
        for (size_t i = 0; i < l.n && st == TEND_OK; i++) {
            tend_record r = TEND_RECORD_INIT;
            st = S_walk_give(&w, i, &r, false);
        }
    }
    S_list_free(&l);
    tend_buf_free(&w.plain);
    if (ndamaged)
        *ndamaged = w.damaged;
    return st;
}

tend_status tend_journal_each(tend_journal *j, const tend_filter *f, bool with_body,
                              tend_record_fn fn, void *ctx, size_t *ndamaged, tend_error *err)
{
    S_COUNT_READ();
    tend_walk how = TEND_WALK_INIT;
    how.filter = f;
    how.with_body = with_body;
    return tend_journal_walk(j, &how, fn, ctx, ndamaged, err);
}

/* A scan in progress. */
typedef struct {
    tend_journal *j;
    const tend_filter *f;
    tend_scan_fn fn;
    void *ctx;
    size_t damaged;
    tend_buf head_plain, body_plain; /* reused for every record */
    tend_record r;                   /* r.head's block is reused too */
} S_scanner;

static tend_status S_scan_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_scanner *sc = ctx;
    tend_error e2;
    tend_status st = tend_vault_open(sc->j->vault, rec->uuid, S_HEAD, rec->head, rec->head_len,
                                     &sc->head_plain, &e2);
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
            st = S_body_lend(sc->j, rec->uuid, rec->body, rec->body_len, &sc->body_plain, &sc->r,
                             &lent, &e2);
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
    S_body_return(&sc->body_plain, &sc->r, lent);
    return st;
}

tend_status tend_journal_scan(tend_journal *j, const tend_filter *f, tend_scan_fn fn, void *ctx,
                              size_t *ndamaged, tend_error *err)
{
    S_COUNT_READ();
    static const tend_filter none = TEND_FILTER_INIT;
    if (ndamaged)
        *ndamaged = 0;
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    S_scanner sc;
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

tend_status tend_journal_short_ids(tend_journal *j, const tend_uuid *ids, size_t n,
                                   char (*out)[TEND_UUID_HEX + 1], tend_error *err)
{
    S_COUNT_READ();
    S_uuids u = { NULL, 0, 0 };
    tend_status st = S_usable(j, err);
    if (st == TEND_OK && n)
        st = S_all_uuids(j, &u, err);
    for (size_t i = 0; st == TEND_OK && i < n; i++)
        S_short_id_of(u.v, u.n, &ids[i], out[i]);
    free(u.v);
    return st;
}

tend_status tend_journal_count(tend_journal *j, size_t *out, tend_error *err)
{
    S_COUNT_READ();
    return tend_store_count(j->store, out, err);
}

/* ---- verify --------------------------------------------------------------------- */

typedef struct {
    tend_journal *j;
    S_uuids all;
    tend_uuid *bad;
    const char **why;
    size_t nbad, capbad;
} S_verify;

static tend_status S_verify_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_verify *v = ctx;
    if (S_uuids_push(&v->all, rec->uuid) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    tend_record r = TEND_RECORD_INIT;
    tend_error e2;
    tend_status hs = S_open_head(v->j, rec->uuid, rec->head, rec->head_len, &r.head, &e2);
    tend_status bs = TEND_OK;
    if (rec->has_body)
        bs = S_open_body(v->j, rec->uuid, rec->body, rec->body_len, &r, &e2);
    tend_record_clear(&r);
    if ((hs != TEND_OK && hs != TEND_EDAMAGED) || (bs != TEND_OK && bs != TEND_EDAMAGED)) {
        if (err)
            *err = e2;
        return hs != TEND_OK && hs != TEND_EDAMAGED ? hs : bs;
    }
    if (hs == TEND_OK && bs == TEND_OK)
        return TEND_OK;
    if (v->nbad == v->capbad) {
        size_t cap = v->capbad ? v->capbad * 2 : 8;
        tend_uuid *b = realloc(v->bad, cap * sizeof *b);
        if (!b)
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        v->bad = b;
        const char **w = realloc(v->why, cap * sizeof *w);
        if (!w)
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        v->why = w;
        v->capbad = cap;
    }
    memcpy(v->bad[v->nbad].b, rec->uuid, 16);
    v->why[v->nbad] = hs != TEND_OK && bs != TEND_OK ? "head and body" : hs != TEND_OK ? "head" : "body";
    v->nbad++;
    return TEND_OK;
}

tend_status tend_journal_verify(tend_journal *j, tend_damage_fn fn, void *ctx,
                                size_t *ndamaged, tend_error *err)
{
    S_COUNT_READ();
    if (ndamaged)
        *ndamaged = 0;
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    S_verify v;
    memset(&v, 0, sizeof v);
    v.j = j;
    st = tend_store_each(j->store, TEND_STORE_HEAD | TEND_STORE_BODY, S_verify_row, &v, err);
    if (st == TEND_OK && v.all.n)
        qsort(v.all.v, v.all.n, sizeof *v.all.v, S_uuid_cmp);
    for (size_t i = 0; st == TEND_OK && i < v.nbad; i++) {
        char sid[TEND_UUID_HEX + 1];
        S_short_id_of(v.all.v, v.all.n, &v.bad[i], sid);
        if (fn)
            fn(ctx, &v.bad[i], sid, v.why[i]);
    }
    if (st == TEND_OK && v.nbad) {
        if (ndamaged)
            *ndamaged = v.nbad;
        st = tend_fail(err, TEND_EDAMAGED, "%zu record%s damaged or tampered with", v.nbad,
                       v.nbad == 1 ? " is" : "s are");
    }
    free(v.all.v);
    free(v.bad);
    free(v.why);
    return st;
}

/* ---- passphrase and keys ---------------------------------------------------------- */

tend_status tend_journal_passwd(tend_journal *j, const char *newpass, size_t newlen,
                                tend_error *err)
{
    tend_status st = S_usable(j, err);
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

/* Records re-sealed per step of a rekey. A step's records are held in
 * memory until they are written, so this bounds what a rekey holds however
 * large the journal (every step is inside the one transaction). */
#define S_REKEY_STEP 256

/* One record re-sealed under the new key, kept until its step is written. */
typedef struct {
    tend_uuid uuid;
    tend_buf head, body; /* reused from step to step */
    bool has_body;
} S_resealed;

typedef struct {
    tend_journal *j;
    tend_vault *nv;
    S_resealed v[S_REKEY_STEP];
    size_t n;        /* records of this step re-sealed so far */
    tend_buf plain;  /* each field opened in turn (reused) */
} S_rekey;

static tend_status S_rekey_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_rekey *k = ctx;
    if (k->n == S_REKEY_STEP)
        return tend_fail(err, TEND_ERR, "internal error: a rekey step is too long");
    S_resealed *r = &k->v[k->n++];
    memcpy(r->uuid.b, rec->uuid, 16);
    r->has_body = rec->has_body;
    tend_status st = tend_vault_open(k->j->vault, rec->uuid, S_HEAD, rec->head, rec->head_len,
                                     &k->plain, err);
    if (st == TEND_OK)
        st = tend_vault_seal(k->nv, rec->uuid, S_HEAD, k->plain.data, k->plain.len, &r->head,
                             err);
    if (st == TEND_OK && rec->has_body) {
        st = tend_vault_open(k->j->vault, rec->uuid, S_BODY, rec->body, rec->body_len,
                             &k->plain, err);
        if (st == TEND_OK)
            st = tend_vault_seal(k->nv, rec->uuid, S_BODY, k->plain.data, k->plain.len,
                                 &r->body, err);
    }
    tend_buf_clear(&k->plain);
    if (st == TEND_EDAMAGED) {
        char hex[TEND_UUID_HEX + 1];
        tend_id_hex(&r->uuid, hex);
        hex[TEND_SHORT_ID_MIN] = '\0';
        st = tend_fail(err, TEND_EDAMAGED,
                       "record %s is damaged; nothing was changed. Run 'tend verify'", hex);
    }
    return st;
}

/* Row ids of a journal, in the order stored. */
typedef struct {
    int64_t *v;
    size_t n, cap;
} S_rows;

static tend_status S_collect_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    S_rows *r = ctx;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        int64_t *p = realloc(r->v, cap * sizeof *p); /* row numbers are not secret */
        if (!p)
            return tend_fail(err, TEND_ENOMEM, "out of memory");
        r->v = p;
        r->cap = cap;
    }
    r->v[r->n++] = rec->id;
    return TEND_OK;
}

/* Re-seals every record under k->nv and writes it back, S_REKEY_STEP
 * records at a time, inside the caller's transaction. */
static tend_status S_rekey_all(tend_journal *j, S_rekey *k, tend_error *err)
{
    S_rows rows = { NULL, 0, 0 };
    tend_status st = tend_store_each(j->store, TEND_STORE_UUID, S_collect_row, &rows, err);
    for (size_t at = 0; st == TEND_OK && at < rows.n; at += S_REKEY_STEP) {
        size_t step = rows.n - at < S_REKEY_STEP ? rows.n - at : S_REKEY_STEP;
        k->n = 0;
        st = tend_store_each_row(j->store, TEND_STORE_HEAD | TEND_STORE_BODY, rows.v + at, step,
                                 S_rekey_row, k, err);
        for (size_t i = 0; st == TEND_OK && i < k->n; i++) {
            S_resealed *r = &k->v[i];
            st = tend_store_update(j->store, r->uuid.b, r->head.data, r->head.len,
                                   r->has_body ? r->body.data : NULL, r->body.len, err);
        }
    }
    free(rows.v);
    return st;
}

tend_status tend_journal_rekey(tend_journal *j, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (j->batch)
        return tend_fail(err, TEND_EINVAL, "cannot rekey inside a transaction");
    S_rekey *k = calloc(1, sizeof *k);
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

tend_status tend_journal_backup(tend_journal *j, const char *dest, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    return tend_store_backup(j->store, dest, err);
}

/* ---- singletons ------------------------------------------------------------------- */

/* The uuid of the newest record of kind, if any. */
static tend_status S_singleton(tend_journal *j, uint32_t kind, tend_uuid *id, bool *found,
                               tend_error *err)
{
    tend_filter f = TEND_FILTER_INIT;
    f.kind = kind;
    S_list l;
    *found = false;
    tend_status st = S_build_list(j, &f, TEND_ORDER_NEWEST_FIRST, false, &l, err);
    if (st != TEND_OK)
        return st;
    if (l.n) {
        *id = l.items[0].head.uuid;
        *found = true;
    }
    S_list_free(&l);
    return TEND_OK;
}

tend_status tend_journal_singleton_get(tend_journal *j, uint32_t kind, tend_record *out,
                                       tend_error *err)
{
    S_COUNT_READ();
    tend_record z = TEND_RECORD_INIT;
    *out = z;
    tend_uuid id;
    bool found;
    tend_status st = S_singleton(j, kind, &id, &found, err);
    if (st == TEND_OK && !found)
        return tend_fail(err, TEND_ENOTFOUND, "there is no %s yet",
                         tend_kind_name(kind) ? tend_kind_name(kind) : "record of that kind");
    if (st == TEND_OK)
        st = tend_journal_get(j, &id, out, err);
    return st;
}

tend_status tend_journal_singleton_put(tend_journal *j, tend_record *r, tend_error *err)
{
    tend_uuid id;
    bool found;
    if (r->head.kind == 0)
        return tend_fail(err, TEND_EINVAL, "a record needs a kind");
    tend_status st = S_singleton(j, r->head.kind, &id, &found, err);
    if (st != TEND_OK)
        return st;
    if (!found)
        return tend_journal_add(j, r, err);
    r->head.uuid = id;
    return tend_journal_update(j, r, err);
}

tend_status tend_journal_singleton_delete(tend_journal *j, uint32_t kind, tend_error *err)
{
    tend_uuid id;
    bool found;
    tend_status st = S_singleton(j, kind, &id, &found, err);
    if (st == TEND_OK && found)
        st = tend_journal_delete(j, &id, err);
    return st;
}

/* ---- transactions ------------------------------------------------------------------ */

tend_status tend_journal_begin(tend_journal *j, tend_error *err)
{
    tend_status st = S_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (j->batch)
        return tend_fail(err, TEND_EINVAL, "a transaction is already open");
    st = tend_store_begin(j->store, err);
    if (st == TEND_OK)
        j->batch = true;
    return st;
}

tend_status tend_journal_commit(tend_journal *j, tend_error *err)
{
    if (!j->batch)
        return tend_fail(err, TEND_EINVAL, "no transaction is open");
    j->batch = false;
    return tend_store_commit(j->store, err);
}

void tend_journal_rollback(tend_journal *j)
{
    if (j->batch)
        tend_store_rollback(j->store, NULL);
    j->batch = false;
}
