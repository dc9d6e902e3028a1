/*
 * journal.c — the open journal: composes the vault (keys, sealing) and the
 * store (the SQLite file) into a handle, and writes records through it:
 * add, insert, update, delete, the single-instance kinds, transactions,
 * and the count of writes screens use to tell a stale list.
 *
 * Each record row holds a uuid and two sealed fields, "head" and "body",
 * whose plaintexts are the encodings of codec.c (seal.c turns one into the
 * other). Reading is list.c's, short ids shortid.c's, the passphrase and
 * keys keys.c's, verify verify.c's; journal_int.h says what they share.
 */
#include "tend/journal.h"

#include "tend/date.h"

#include "journal_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- paths ------------------------------------------------------------------ */

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

/* ---- test hooks --------------------------------------------------------------- */

#ifdef TEND_TEST_BUILD
static int S_test_open;             /* made and not yet closed */
static int S_test_last_wiped = -1;  /* see tend_journal_test_last_close_wiped */
static uint64_t S_test_reads;       /* see tend_journal_test_reads */

int tend_journal_test_open_count(void)
{
    return S_test_open;
}

int tend_journal_test_last_close_wiped(void)
{
    return S_test_last_wiped;
}

uint64_t tend_journal_test_reads(void)
{
    return S_test_reads;
}

void journal_note_read(void)
{
    S_test_reads++;
}
#endif

/* ---- open and close ---------------------------------------------------------- */

/* A new handle for path with neither store nor vault yet. NULL with *err
 * set when out of memory; free with tend_journal_close. */
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
                                tend_kdf_level kdf, tend_journal **out, tend_error *err)
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
    tend_status st = tend_vault_create(pass, passlen, kdf, &j->vault, &hdr, err);
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

tend_status journal_usable(tend_journal *j, tend_error *err)
{
    if (j->broken || !j->vault || tend_vault_is_locked(j->vault))
        return tend_fail(err, TEND_ERR, "the journal is locked; open it again");
    return TEND_OK;
}

/* ---- writing ------------------------------------------------------------------- */

uint64_t tend_journal_changes(const tend_journal *j)
{
    return j ? j->changes : 0;
}

/* Seals r and stores it as a new row (insert) or over the row of its uuid.
 * Counts a change whatever happens. */
static tend_status S_write(tend_journal *j, const tend_record *r, bool insert, tend_error *err)
{
    j->changes++;
    tend_buf head = TEND_BUF_INIT, body = TEND_BUF_INIT;
    bool has_body = false;
    tend_status st = journal_seal(j, r, &head, &body, &has_body, err);
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
    tend_status st = journal_usable(j, err);
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
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    if (r->head.kind == 0)
        return tend_fail(err, TEND_EINVAL, "a record needs a kind");
    return S_write(j, r, true, err);
}

/* Reads the stored head of id into *h, for the times an update keeps, and
 * its sealed body into sealed_body (may be NULL) with *has_body. */
static tend_status S_stored_head(tend_journal *j, const tend_uuid *id, tend_head *h,
                                 tend_buf *sealed_body, bool *has_body, tend_error *err)
{
    tend_buf head = TEND_BUF_INIT;
    tend_status st = tend_store_get(j->store, id->b, &head, sealed_body, has_body, err);
    if (st == TEND_OK)
        st = journal_open_head(j, id->b, head.data, head.len, h, err);
    tend_buf_free(&head);
    return st;
}

tend_status tend_journal_update(tend_journal *j, tend_record *r, tend_error *err)
{
    tend_status st = journal_usable(j, err);
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
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    tend_head old = TEND_HEAD_INIT;
    tend_buf body = TEND_BUF_INIT, sealed = TEND_BUF_INIT;
    bool has_body = false;
    st = S_stored_head(j, &h->uuid, &old, &body, &has_body, err);
    if (st == TEND_OK) {
        h->created = old.created;
        h->utc_offset = old.utc_offset;
        h->updated = tend_now();
        j->changes++;
        st = journal_seal_head(j, h, &sealed, err);
    }
    if (st == TEND_OK)
        st = tend_store_update(j->store, h->uuid.b, sealed.data, sealed.len,
                               has_body ? body.data : NULL, body.len, err);
    tend_head_clear(&old);
    tend_buf_free(&body);
    tend_buf_free(&sealed);
    return st;
}

tend_status tend_journal_delete(tend_journal *j, const tend_uuid *id, tend_error *err)
{
    tend_status st = journal_usable(j, err);
    if (st != TEND_OK)
        return st;
    j->changes++;
    return tend_store_delete(j->store, id->b, err);
}

/* ---- singletons ------------------------------------------------------------------- */

/* The uuid of the newest record of kind into *id, if any (*found). */
static tend_status S_singleton(tend_journal *j, uint32_t kind, tend_uuid *id, bool *found,
                               tend_error *err)
{
    tend_filter f = TEND_FILTER_INIT;
    f.kind = kind;
    journal_list l;
    *found = false;
    tend_status st = journal_list_build(j, &f, TEND_ORDER_NEWEST_FIRST, false, &l, err);
    if (st != TEND_OK)
        return st;
    if (l.items.n) {
        *id = l.items.v[0].head.uuid;
        *found = true;
    }
    journal_list_free(&l);
    return TEND_OK;
}

tend_status tend_journal_singleton_get(tend_journal *j, uint32_t kind, tend_record *out,
                                       tend_error *err)
{
    journal_note_read();
    tend_record z = TEND_RECORD_INIT;
    *out = z;
    tend_uuid id;
    bool found;
    tend_status st = S_singleton(j, kind, &id, &found, err);
    if (st == TEND_OK && !found)
        return tend_fail(err, TEND_ENOTFOUND, "there is no %s yet",
                         tend_kind_name(kind) ? tend_kind_name(kind) : "record of that kind");
    if (st == TEND_OK)
        st = journal_get(j, &id, out, err);
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
    tend_status st = journal_usable(j, err);
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
