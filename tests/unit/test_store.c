/*
 * test_store.c — the journal file: creation and permissions, pragmas,
 * records and meta rows, transactions, the schema check, versions, the
 * one-writer lock, backup, and the fault-injection VFS (crash safety of the
 * store itself).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tend/store.h"
#include "tend/store_test.h"
#include "tend/vault.h"

#include "support/fixture.h"

/* The folder every test of the group makes its files in. */
static fixture_tmp S_tmp;
static const char *const tmpdir = S_tmp.dir;
static int counter;

static int group_setup(void **state)
{
    (void)state;
    return fixture_tmp_make(&S_tmp, "store", false) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return fixture_tmp_remove(&S_tmp) ? 0 : -1;
}

/* A fresh path in a fresh (not yet existing) folder. */
static void fresh_path(char *out, size_t n)
{
    snprintf(out, n, "%s/j%d/sub/journal.db", tmpdir, ++counter);
}

static void header(tend_vault_header *hdr)
{
    memset(hdr, 0, sizeof *hdr);
    hdr->format = TEND_FORMAT_VERSION;
    hdr->alg = TEND_VAULT_ALG_ARGON2ID13;
    hdr->ops = 1;
    hdr->mem = 8192;
    for (size_t i = 0; i < sizeof hdr->salt; i++)
        hdr->salt[i] = (uint8_t)i;
    for (size_t i = 0; i < sizeof hdr->wrapped; i++)
        hdr->wrapped[i] = (uint8_t)(0xa0 + i);
}

static tend_store *create(const char *path)
{
    tend_vault_header hdr;
    header(&hdr);
    tend_store *s = NULL;
    tend_error e;
    tend_status st = tend_store_create(path, &hdr, &s, &e);
    if (st != TEND_OK)
        fail_msg("create %s: %s", path, e.msg);
    return s;
}

static tend_store *reopen(const char *path)
{
    tend_store *s = NULL;
    tend_error e;
    if (tend_store_open(path, &s, &e) != TEND_OK)
        fail_msg("open %s: %s", path, e.msg);
    return s;
}

static void uuid_n(uint8_t u[TEND_UUID_LEN], int n)
{
    memset(u, 0, TEND_UUID_LEN);
    u[0] = (uint8_t)(n >> 8);
    u[1] = (uint8_t)n;
    u[15] = 0x5a;
}

static size_t count(tend_store *s)
{
    size_t n = 0;
    tend_error e;
    assert_int_equal(tend_store_count(s, &n, &e), TEND_OK);
    return n;
}

/* ---- creation, files, pragmas ------------------------------------------------ */

static void create_makes_a_0600_file_in_a_0700_folder(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char dir[400];
    snprintf(dir, sizeof dir, "%s", path);
    *strrchr(dir, '/') = '\0';
    assert_int_equal(stat(dir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    *strrchr(dir, '/') = '\0';
    assert_int_equal(stat(dir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    assert_string_equal(tend_store_path(s), path);
    tend_store_close(s);
    /* a second create refuses and leaves the file alone */
    size_t n1, n2;
    char *before = fixture_slurp(path, &n1);
    tend_vault_header hdr;
    header(&hdr);
    tend_error e;
    tend_store *t = (tend_store *)&hdr;
    assert_int_equal(tend_store_create(path, &hdr, &t, &e), TEND_EEXIST);
    assert_null(t);
    char *after = fixture_slurp(path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
}

static void pragmas_are_in_effect(void **state)
{
    (void)state;
    char path[400], v[64];
    fresh_path(path, sizeof path);
    tend_store_close(create(path));
    tend_store *s = reopen(path);
    assert_int_equal(tend_store_test_pragma(s, "journal_mode", v, sizeof v), TEND_OK);
    assert_string_equal(v, "delete");
    assert_int_equal(tend_store_test_pragma(s, "secure_delete", v, sizeof v), TEND_OK);
    assert_string_equal(v, "1");
    assert_int_equal(tend_store_test_pragma(s, "synchronous", v, sizeof v), TEND_OK);
    assert_string_equal(v, "2"); /* FULL */
    assert_int_equal(tend_store_test_pragma(s, "temp_store", v, sizeof v), TEND_OK);
    assert_string_equal(v, "2"); /* MEMORY */
    assert_int_equal(tend_store_test_pragma(s, "trusted_schema", v, sizeof v), TEND_OK);
    assert_string_equal(v, "0");
    assert_int_equal(tend_store_test_pragma(s, "locking_mode", v, sizeof v), TEND_OK);
    assert_string_equal(v, "normal"); /* one writer is kept by flock, see store.c */
    assert_int_equal(tend_store_test_pragma(s, "user_version", v, sizeof v), TEND_OK);
    assert_string_equal(v, "1");
    assert_int_equal(tend_store_test_pragma(s, "page_size", v, sizeof v), TEND_OK);
    assert_string_equal(v, "16384"); /* set at creation, see tend_store_create */
    assert_int_equal(tend_store_test_pragma(s, "drop table", v, sizeof v), TEND_EINVAL);
    /* journal_mode=DELETE really deletes: no rollback journal (with old
     * page images) stays beside the database after a write or a close */
    char jpath[420];
    snprintf(jpath, sizeof jpath, "%s-journal", path);
    uint8_t u[TEND_UUID_LEN];
    uuid_n(u, 1);
    tend_error e;
    assert_int_equal(tend_store_insert(s, u, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_not_equal(access(jpath, F_OK), 0);
    assert_int_equal(tend_store_delete(s, u, &e), TEND_OK);
    assert_int_not_equal(access(jpath, F_OK), 0);
    tend_store_close(s);
    assert_int_not_equal(access(jpath, F_OK), 0);
    /* the file header says rollback-journal mode (bytes 18 and 19 are 1) */
    size_t n;
    char *bytes = fixture_slurp(path, &n);
    assert_true(n >= 100);
    assert_memory_equal(bytes, "SQLite format 3", 16);
    assert_int_equal(bytes[18], 1);
    assert_int_equal(bytes[19], 1);
    free(bytes);
}

static void missing_journal_says_how_to_create_one(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = (tend_store *)path;
    tend_error e;
    assert_int_equal(tend_store_open(path, &s, &e), TEND_ENOTFOUND);
    assert_null(s);
    assert_non_null(strstr(e.msg, "run 'tend init'"));
    /* and opening did not create anything */
    assert_int_not_equal(access(path, F_OK), 0);
}

static void not_a_database_is_refused(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/notes.txt", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 100; i++)
        fputs("this is a shopping list, not a journal\n", f);
    fclose(f);
    size_t n1, n2;
    char *before = fixture_slurp(path, &n1);
    tend_store *s = NULL;
    tend_error e;
    assert_int_equal(tend_store_open(path, &s, &e), TEND_EDAMAGED);
    assert_null(s);
    assert_non_null(strstr(e.msg, "not a tend journal"));
    char *after = fixture_slurp(path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
    /* an empty file and an unrelated SQLite database are not journals either */
    snprintf(path, sizeof path, "%s/empty.db", tmpdir);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(tend_store_open(path, &s, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "not a tend journal"));
    snprintf(path, sizeof path, "%s/other.db", tmpdir);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(tend_store_test_exec(path, "CREATE TABLE t(x)", &e), TEND_OK);
    assert_int_equal(tend_store_open(path, &s, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "not a tend journal"));
    /* a folder */
    assert_int_equal(tend_store_open(tmpdir, &s, &e), TEND_EDAMAGED);
}

/* ---- schema check and versions -------------------------------------------------- */

static void expect_refused(const char *tamper_sql, const char *needle, tend_status want)
{
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    uint8_t u[TEND_UUID_LEN];
    uuid_n(u, 1);
    tend_error e;
    assert_int_equal(tend_store_insert(s, u, "h", 1, NULL, 0, &e), TEND_OK);
    tend_store_close(s);
    assert_int_equal(tend_store_test_exec(path, tamper_sql, &e), TEND_OK);
    s = (tend_store *)path;
    tend_status st = tend_store_open(path, &s, &e);
    if (st != want || !strstr(e.msg, needle))
        fail_msg("after %s: got %d '%s', want %d with '%s'", tamper_sql, st, e.msg, want, needle);
    assert_null(s);
}

static void an_injected_trigger_is_refused(void **state)
{
    (void)state;
    expect_refused("CREATE TRIGGER leak AFTER INSERT ON records BEGIN "
                   "INSERT INTO meta VALUES('x', new.head); END",
                   "trigger named 'leak'", TEND_EDAMAGED);
    expect_refused("CREATE TEMP TABLE IF NOT EXISTS x(y); CREATE TRIGGER t2 BEFORE DELETE ON meta "
                   "BEGIN SELECT 1; END",
                   "trigger", TEND_EDAMAGED);
}

static void any_other_schema_change_is_refused(void **state)
{
    (void)state;
    expect_refused("CREATE VIEW v AS SELECT * FROM records", "view named 'v'", TEND_EDAMAGED);
    expect_refused("CREATE TABLE plain(title TEXT)", "table named 'plain'", TEND_EDAMAGED);
    expect_refused("CREATE INDEX ix ON records(head)", "index named 'ix'", TEND_EDAMAGED);
    expect_refused("ALTER TABLE records ADD COLUMN title TEXT", "'records' is not defined",
                   TEND_EDAMAGED);
    expect_refused("DROP TABLE records", "missing", TEND_EDAMAGED);
    expect_refused("CREATE VIRTUAL TABLE f USING fts5(x)", "tend never creates", TEND_EDAMAGED);
}

static void a_newer_version_is_refused_with_a_clear_message(void **state)
{
    (void)state;
    expect_refused("PRAGMA user_version=2", "newer tend", TEND_ERR);
    expect_refused("UPDATE meta SET value = x'00000002' WHERE key = 'format'", "newer tend",
                   TEND_ERR);
    expect_refused("DELETE FROM meta WHERE key = 'format'", "missing its 'format'", TEND_EDAMAGED);
    expect_refused("PRAGMA user_version=0", "not a tend journal", TEND_EDAMAGED);
}

/* ---- meta and the vault header ----------------------------------------------- */

static void header_and_meta_round_trip(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_vault_header want, got;
    header(&want);
    tend_error e;
    assert_int_equal(tend_store_header_get(s, &got, &e), TEND_OK);
    assert_memory_equal(&got, &want, sizeof want);
    want.ops = 4;
    want.mem = 1ull << 30;
    want.wrapped[0] ^= 0xff;
    assert_int_equal(tend_store_header_put(s, &want, &e), TEND_OK);
    tend_store_close(s);
    s = reopen(path);
    assert_int_equal(tend_store_header_get(s, &got, &e), TEND_OK);
    assert_memory_equal(&got, &want, sizeof want);
    tend_buf b = TEND_BUF_INIT;
    assert_int_equal(tend_store_meta_get(s, "kdf.mem", &b, &e), TEND_OK);
    assert_int_equal(b.len, 8);
    assert_memory_equal(b.data, "\x00\x00\x00\x00\x40\x00\x00\x00", 8);
    assert_int_equal(tend_store_meta_get(s, "kdf.ops", &b, &e), TEND_OK);
    assert_memory_equal(b.data, "\x00\x00\x00\x00\x00\x00\x00\x04", 8);
    assert_int_equal(tend_store_meta_get(s, "nope", &b, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_store_meta_put(s, "x.test", "\0\1", 2, &e), TEND_OK);
    assert_int_equal(tend_store_meta_get(s, "x.test", &b, &e), TEND_OK);
    assert_int_equal(b.len, 2);
    assert_memory_equal(b.data, "\0\1", 2);
    tend_buf_free(&b);
    tend_store_close(s);
    /* a damaged length is reported, not read past */
    assert_int_equal(tend_store_test_exec(path, "UPDATE meta SET value = x'0102' WHERE key = "
                                          "'key.wrapped'", &e), TEND_OK);
    s = reopen(path);
    assert_int_equal(tend_store_header_get(s, &got, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "key.wrapped"));
    tend_store_close(s);
}

/* ---- records --------------------------------------------------------------------- */

typedef struct {
    int n;
    int with_head;
    int with_body;
    int stop_at;
    uint8_t last[TEND_UUID_LEN];
} walk;

/* Rows as tend_store_each / tend_store_each_row gave them. */
typedef struct {
    int n;
    int64_t id[8];
    uint8_t uuid[8][TEND_UUID_LEN];
    char head[8][8];
    int has_body[8];
} rows;

static tend_status rows_fn(void *ctx, const tend_store_record *rec, tend_error *err)
{
    (void)err;
    rows *r = ctx;
    if (r->n == 8)
        return TEND_ERR;
    r->id[r->n] = rec->id;
    memcpy(r->uuid[r->n], rec->uuid, TEND_UUID_LEN);
    size_t k = rec->head_len < 7 ? rec->head_len : 7;
    if (rec->head)
        memcpy(r->head[r->n], rec->head, k);
    r->head[r->n][rec->head ? k : 0] = '\0';
    r->has_body[r->n] = rec->has_body;
    r->n++;
    return TEND_OK;
}

static tend_status walk_fn(void *ctx, const tend_store_record *rec, tend_error *err)
{
    walk *w = ctx;
    w->n++;
    if (rec->head)
        w->with_head++;
    if (rec->has_body)
        w->with_body++;
    memcpy(w->last, rec->uuid, TEND_UUID_LEN);
    if (w->n == w->stop_at)
        return tend_fail(err, TEND_ECANCEL, "stop");
    return TEND_OK;
}

/* TEND_STORE_BY_UUID: ids only, in uuid order whatever order they were
 * added in; asked with a column, it is refused. */
static void ids_come_in_uuid_order(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    static const int order[] = { 5, 2, 9, 1 };
    for (int i = 0; i < 4; i++) {
        uint8_t u[16];
        uuid_n(u, order[i]);
        assert_int_equal(tend_store_insert(s, u, "H", 1, NULL, 0, &e), TEND_OK);
    }
    rows added = { 0 }, byu = { 0 };
    assert_int_equal(tend_store_each(s, TEND_STORE_UUID, rows_fn, &added, &e), TEND_OK);
    assert_int_equal(tend_store_each(s, TEND_STORE_BY_UUID, rows_fn, &byu, &e), TEND_OK);
    assert_int_equal(byu.n, 4);
    static const int sorted[] = { 1, 2, 5, 9 };
    for (int i = 0; i < 4; i++) {
        uint8_t u[16];
        uuid_n(u, order[i]);
        assert_memory_equal(added.uuid[i], u, 16);
        uuid_n(u, sorted[i]);
        assert_memory_equal(byu.uuid[i], u, 16);
        assert_string_equal(byu.head[i], "");
    }
    rows none = { 0 };
    assert_int_equal(tend_store_each(s, TEND_STORE_BY_UUID | TEND_STORE_HEAD, rows_fn, &none, &e),
                     TEND_EINVAL);
    assert_int_equal(none.n, 0);
    tend_store_close(s);
}

static void records_insert_get_update_delete_and_walk(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t u1[16], u2[16], u3[16];
    uuid_n(u1, 1);
    uuid_n(u2, 2);
    uuid_n(u3, 3);
    assert_int_equal(tend_store_insert(s, u1, "H1", 2, "B1", 2, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u2, "H2", 2, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u3, "H3", 2, "", 0, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u1, "X", 1, NULL, 0, &e), TEND_EEXIST);
    assert_int_equal(tend_store_insert(s, u1, NULL, 0, NULL, 0, &e), TEND_EINVAL);
    assert_int_equal(count(s), 3);
    tend_store_close(s);
    s = reopen(path);
    tend_buf h = TEND_BUF_INIT, b = TEND_BUF_INIT;
    bool has = false;
    assert_int_equal(tend_store_get(s, u1, &h, &b, &has, &e), TEND_OK);
    assert_true(has);
    assert_string_equal(h.data, "H1");
    assert_string_equal(b.data, "B1");
    assert_int_equal(tend_store_get(s, u2, &h, &b, &has, &e), TEND_OK);
    assert_false(has);
    assert_int_equal(b.len, 0);
    assert_int_equal(tend_store_get(s, u3, &h, &b, &has, &e), TEND_OK);
    assert_true(has); /* an empty body is not a missing body */
    assert_int_equal(b.len, 0);
    assert_int_equal(tend_store_get(s, u1, &h, NULL, NULL, &e), TEND_OK);
    assert_string_equal(h.data, "H1");
    assert_int_equal(tend_store_update(s, u1, "H1b", 3, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_get(s, u1, &h, &b, &has, &e), TEND_OK);
    assert_string_equal(h.data, "H1b");
    assert_false(has);
    uint8_t none[16];
    uuid_n(none, 99);
    assert_int_equal(tend_store_update(s, none, "x", 1, NULL, 0, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_store_get(s, none, &h, &b, &has, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_store_delete(s, none, &e), TEND_ENOTFOUND);
    /* walks: insertion order; heads only; bodies; early stop */
    walk w = { 0 };
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD, walk_fn, &w, &e), TEND_OK);
    assert_int_equal(w.n, 3);
    assert_int_equal(w.with_head, 3);
    assert_int_equal(w.with_body, 0);
    assert_memory_equal(w.last, u3, 16);
    memset(&w, 0, sizeof w);
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD | TEND_STORE_BODY, walk_fn, &w, &e),
                     TEND_OK);
    assert_int_equal(w.with_body, 1); /* u3's empty body; u1 and u2 have none */
    memset(&w, 0, sizeof w);
    assert_int_equal(tend_store_each(s, TEND_STORE_UUID, walk_fn, &w, &e), TEND_OK);
    assert_int_equal(w.with_head, 0);
    memset(&w, 0, sizeof w);
    w.stop_at = 2;
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD, walk_fn, &w, &e), TEND_ECANCEL);
    assert_int_equal(w.n, 2);
    assert_memory_equal(w.last, u2, 16);
    /* by row id, in the order asked: the same rows as the walk gives */
    int64_t ids[4];
    rows r = { 0 };
    assert_int_equal(tend_store_each(s, TEND_STORE_UUID, rows_fn, &r, &e), TEND_OK);
    assert_int_equal(r.n, 3);
    ids[0] = r.id[2];
    ids[1] = r.id[0];
    ids[2] = r.id[1];
    ids[3] = r.id[2];
    rows got = { 0 };
    assert_int_equal(tend_store_each_row(s, TEND_STORE_HEAD | TEND_STORE_BODY, ids, 4, rows_fn,
                                         &got, &e), TEND_OK);
    assert_int_equal(got.n, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(got.id[i], ids[i]);

    assert_memory_equal(got.uuid[0], u3, 16);
    assert_memory_equal(got.uuid[1], u1, 16);
    assert_memory_equal(got.uuid[2], u2, 16);
    assert_string_equal(got.head[1], "H1b");
    assert_int_equal(got.has_body[0], 1); /* u3's empty body */
    assert_int_equal(got.has_body[1], 0);
    memset(&w, 0, sizeof w);
    assert_int_equal(tend_store_each_row(s, TEND_STORE_BODY, ids, 3, walk_fn, &w, &e), TEND_OK);
    assert_int_equal(w.with_head, 0);
    assert_int_equal(w.with_body, 1);
    memset(&w, 0, sizeof w);
    w.stop_at = 1;
    assert_int_equal(tend_store_each_row(s, TEND_STORE_HEAD, ids, 3, walk_fn, &w, &e),
                     TEND_ECANCEL);
    assert_int_equal(w.n, 1);
    int64_t missing = r.id[2] + 100;
    memset(&w, 0, sizeof w);
    assert_int_equal(tend_store_each_row(s, TEND_STORE_HEAD, &missing, 1, walk_fn, &w, &e),
                     TEND_ENOTFOUND);
    assert_int_equal(w.n, 0);
    assert_int_equal(tend_store_each_row(s, TEND_STORE_HEAD, NULL, 0, walk_fn, &w, &e), TEND_OK);
    /* the reads leave no transaction open: a write goes through */
    assert_false(tend_store_in_transaction(s));
    assert_int_equal(tend_store_delete(s, u2, &e), TEND_OK);
    assert_int_equal(count(s), 2);
    tend_buf_free(&h);
    tend_buf_free(&b);
    tend_store_close(s);
}

static void prefixes_find_one_record_or_say_why_not(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t a[16] = { 0xab, 0xcd, 0x01 }, b[16] = { 0xab, 0xce, 0x02 }, got[16];
    assert_int_equal(tend_store_insert(s, a, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, b, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_find_prefix(s, "abcd", got, &e), TEND_OK);
    assert_memory_equal(got, a, 16);
    assert_int_equal(tend_store_find_prefix(s, "ABCE", got, &e), TEND_OK);
    assert_memory_equal(got, b, 16);
    assert_int_equal(tend_store_find_prefix(s, "abc", got, &e), TEND_EINVAL);
    assert_non_null(strstr(e.msg, "ambiguous"));
    assert_int_equal(tend_store_find_prefix(s, "ff", got, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_store_find_prefix(s, "xyz", got, &e), TEND_EUSAGE);
    assert_int_equal(tend_store_find_prefix(s, "", got, &e), TEND_EUSAGE);
    tend_store_close(s);
}

static void damaged_rows_are_reported(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t u[16];
    uuid_n(u, 1);
    assert_int_equal(tend_store_insert(s, u, "h", 1, NULL, 0, &e), TEND_OK);
    tend_store_close(s);
    assert_int_equal(tend_store_test_exec(path, "UPDATE records SET uuid = x'0102'", &e), TEND_OK);
    s = reopen(path);
    walk w = { 0 };
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD, walk_fn, &w, &e), TEND_EDAMAGED);
    assert_int_equal(w.n, 0);
    tend_store_close(s);
    assert_int_equal(tend_store_test_exec(path, "UPDATE records SET uuid = zeroblob(16), "
                                          "head = 'text'", &e), TEND_OK);
    s = reopen(path);
    memset(u, 0, sizeof u);
    tend_buf h = TEND_BUF_INIT;
    assert_int_equal(tend_store_get(s, u, &h, NULL, NULL, &e), TEND_EDAMAGED);
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD, walk_fn, &w, &e), TEND_EDAMAGED);
    tend_buf_free(&h);
    tend_store_close(s);
}

/* ---- transactions ------------------------------------------------------------------ */

static void transactions_commit_all_or_nothing(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t u1[16], u2[16];
    uuid_n(u1, 1);
    uuid_n(u2, 2);
    assert_false(tend_store_in_transaction(s));
    assert_int_equal(tend_store_begin(s, &e), TEND_OK);
    assert_true(tend_store_in_transaction(s));
    assert_int_equal(tend_store_begin(s, &e), TEND_ERR);
    assert_int_equal(tend_store_insert(s, u1, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u2, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_rollback(s, &e), TEND_OK);
    assert_false(tend_store_in_transaction(s));
    assert_int_equal(count(s), 0);
    assert_int_equal(tend_store_rollback(s, &e), TEND_OK);
    assert_int_equal(tend_store_commit(s, &e), TEND_ERR);
    assert_int_equal(tend_store_begin(s, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u1, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_insert(s, u2, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(tend_store_commit(s, &e), TEND_OK);
    /* closing inside a transaction rolls it back */
    assert_int_equal(tend_store_begin(s, &e), TEND_OK);
    assert_int_equal(tend_store_delete(s, u1, &e), TEND_OK);
    tend_store_close(s);
    s = reopen(path);
    assert_int_equal(count(s), 2);
    assert_int_equal(tend_store_backup(s, "/nonexistent-dir/x.db", &e), TEND_EIO);
    assert_int_equal(tend_store_begin(s, &e), TEND_OK);
    char dest[400];
    snprintf(dest, sizeof dest, "%s/intx.db", tmpdir);
    assert_int_equal(tend_store_backup(s, dest, &e), TEND_ERR);
    assert_int_not_equal(access(dest, F_OK), 0);
    tend_store_close(s);
}

/* ---- one writer ------------------------------------------------------------------- */

/* The forked child below ends with _exit while the parent's store and
 * buffers are still allocated in its copy of the heap; valgrind runs its
 * leak check in the child too, and at -O1 the locals pointing at them may
 * already be dead there. Pointers kept here leave them reachable. */
static void *volatile S_held_by_parent[2];

static void a_second_writer_gets_ebusy_and_changes_nothing(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t u[16];
    uuid_n(u, 1);
    assert_int_equal(tend_store_insert(s, u, "h", 1, NULL, 0, &e), TEND_OK);
    size_t n1, n2;
    char *before = fixture_slurp(path, &n1);
    /* another handle in this process */
    tend_store *t = (tend_store *)path;
    assert_int_equal(tend_store_open(path, &t, &e), TEND_EBUSY);
    assert_null(t);
    assert_string_equal(e.msg, "the journal is open in another tend; close it there first");
    /* another process */
    S_held_by_parent[0] = s;
    S_held_by_parent[1] = before;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        tend_store *c = NULL;
        tend_error ce;
        tend_status st = tend_store_open(path, &c, &ce);
        tend_store_close(c);
        _exit(st == TEND_EBUSY && strstr(ce.msg, "open in another tend") ? 0 : 1);
    }
    int ws = 0;
    assert_int_equal(waitpid(pid, &ws, 0), pid);
    assert_true(WIFEXITED(ws));
    assert_int_equal(WEXITSTATUS(ws), 0);
    char *after = fixture_slurp(path, &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(before, after, n1);
    free(before);
    free(after);
    S_held_by_parent[0] = S_held_by_parent[1] = NULL;
    /* the first handle still works, and after it closes the second gets in */
    uint8_t u2[16];
    uuid_n(u2, 2);
    assert_int_equal(tend_store_insert(s, u2, "h", 1, NULL, 0, &e), TEND_OK);
    tend_store_close(s);
    t = reopen(path);
    assert_int_equal(count(t), 2);
    tend_store_close(t);
}

/* ---- backup ------------------------------------------------------------------------- */

static void backup_copies_everything_into_a_new_0600_file(void **state)
{
    (void)state;
    char path[400], dest[400];
    fresh_path(path, sizeof path);
    snprintf(dest, sizeof dest, "%s/backup-%d.db", tmpdir, counter);
    tend_store *s = create(path);
    tend_error e;
    for (int i = 0; i < 50; i++) {
        uint8_t u[16];
        uuid_n(u, i);
        char body[3000];
        memset(body, 'a' + i % 26, sizeof body);
        assert_int_equal(tend_store_insert(s, u, "head", 4, body, sizeof body, &e), TEND_OK);
    }
    assert_int_equal(tend_store_backup(s, dest, &e), TEND_OK);
    assert_int_equal(tend_store_backup(s, dest, &e), TEND_EEXIST);
    /* the original stays open and locked */
    uint8_t u[16];
    uuid_n(u, 77);
    assert_int_equal(tend_store_insert(s, u, "h", 1, NULL, 0, &e), TEND_OK);
    struct stat sb;
    assert_int_equal(stat(dest, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    tend_store *b = reopen(dest);
    assert_int_equal(count(b), 50);
    tend_vault_header h1, h2;
    assert_int_equal(tend_store_header_get(s, &h1, &e), TEND_OK);
    assert_int_equal(tend_store_header_get(b, &h2, &e), TEND_OK);
    assert_memory_equal(&h1, &h2, sizeof h1);
    tend_buf hd = TEND_BUF_INIT, bd = TEND_BUF_INIT;
    uuid_n(u, 49);
    assert_int_equal(tend_store_get(b, u, &hd, &bd, NULL, &e), TEND_OK);
    assert_int_equal(bd.len, 3000);
    assert_int_equal(bd.data[2999], 'a' + 49 % 26);
    tend_buf_free(&hd);
    tend_buf_free(&bd);
    tend_store_close(b);
    tend_store_close(s);
}

/* ---- fault injection ----------------------------------------------------------------- */

static void the_vfs_shim_fails_the_nth_write(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t u1[16], u2[16];
    uuid_n(u1, 1);
    uuid_n(u2, 2);
    /* count what an insert does */
    tend_fault_arm(TEND_FAULT_WRITE, 0, false);
    tend_fault_reset_counts();
    assert_int_equal(tend_store_insert(s, u1, "h", 1, NULL, 0, &e), TEND_OK);
    long writes = tend_fault_count(TEND_FAULT_WRITE);
    assert_true(writes >= 2); /* journal + database page at least */
    assert_true(tend_fault_count(TEND_FAULT_SYNC) >= 2);
    assert_true(tend_fault_count(TEND_FAULT_ANY) > writes);
    assert_false(tend_fault_fired());
    /* the 2nd write fails: the insert fails, and nothing of it remains */
    tend_fault_arm(TEND_FAULT_WRITE, 2, false);
    assert_int_equal(tend_store_insert(s, u2, "h", 1, NULL, 0, &e), TEND_EIO);
    assert_true(tend_fault_fired());
    assert_true(tend_fault_count(TEND_FAULT_WRITE) >= 2); /* SQLite may write again to roll back */
    tend_fault_disarm();
    assert_int_equal(count(s), 1);
    assert_int_equal(tend_store_insert(s, u2, "h", 1, NULL, 0, &e), TEND_OK);
    assert_int_equal(count(s), 2);
    /* a failed sync likewise */
    uint8_t u3[16];
    uuid_n(u3, 3);
    tend_fault_arm(TEND_FAULT_SYNC, 1, false);
    assert_int_not_equal(tend_store_insert(s, u3, "h", 1, NULL, 0, &e), TEND_OK);
    assert_true(tend_fault_fired());
    tend_fault_disarm();
    tend_store_close(s);
    s = reopen(path);
    assert_int_equal(count(s), 2);
    tend_store_close(s);
}

/* Crash at every write/sync/truncate/delete of a 3-insert transaction: the
 * journal always reopens with all three or none. */
static void a_crash_at_any_point_leaves_old_or_new(void **state)
{
    (void)state;
    char path[400];
    fresh_path(path, sizeof path);
    tend_store *s = create(path);
    tend_error e;
    uint8_t base[16];
    uuid_n(base, 1000);
    assert_int_equal(tend_store_insert(s, base, "base", 4, NULL, 0, &e), TEND_OK);
    tend_store_close(s);
    int olds = 0, news = 0;
    long n = 1;
    for (;; n++) {
        assert_true(n < 500);
        s = reopen(path);
        size_t before = count(s);
        tend_fault_arm(TEND_FAULT_ANY, n, true);
        tend_status st = tend_store_begin(s, &e);
        for (int i = 0; st == TEND_OK && i < 3; i++) {
            uint8_t u[16];
            uuid_n(u, (int)(n * 10 + i));
            char body[2000];
            memset(body, 'x', sizeof body);
            st = tend_store_insert(s, u, "head", 4, body, sizeof body, &e);
        }
        if (st == TEND_OK)
            st = tend_store_commit(s, &e);
        bool fired = tend_fault_fired();
        tend_store_close(s);
        tend_fault_disarm();
        s = reopen(path);
        size_t after = count(s);
        tend_vault_header h;
        assert_int_equal(tend_store_header_get(s, &h, &e), TEND_OK);
        tend_store_close(s);
        if (after == before)
            olds++;
        else if (after == before + 3)
            news++;
        else
            fail_msg("crash at op %ld: %zu records, expected %zu or %zu", n, after, before,
                     before + 3);
        if (!fired) {
            assert_int_equal(st, TEND_OK);
            assert_int_equal(after, before + 3);
            break;
        }
        /* a crash before the commit point never reports success */
        if (st == TEND_OK)
            assert_int_equal(after, before + 3);
    }
    assert_true(n > 5);
    assert_true(olds > 0);
    assert_true(news > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(create_makes_a_0600_file_in_a_0700_folder),
        cmocka_unit_test(pragmas_are_in_effect),
        cmocka_unit_test(missing_journal_says_how_to_create_one),
        cmocka_unit_test(not_a_database_is_refused),
        cmocka_unit_test(an_injected_trigger_is_refused),
        cmocka_unit_test(any_other_schema_change_is_refused),
        cmocka_unit_test(a_newer_version_is_refused_with_a_clear_message),
        cmocka_unit_test(header_and_meta_round_trip),
        cmocka_unit_test(records_insert_get_update_delete_and_walk),
        cmocka_unit_test(ids_come_in_uuid_order),
        cmocka_unit_test(prefixes_find_one_record_or_say_why_not),
        cmocka_unit_test(damaged_rows_are_reported),
        cmocka_unit_test(transactions_commit_all_or_nothing),
        cmocka_unit_test(a_second_writer_gets_ebusy_and_changes_nothing),
        cmocka_unit_test(backup_copies_everything_into_a_new_0600_file),
        cmocka_unit_test(the_vfs_shim_fails_the_nth_write),
        cmocka_unit_test(a_crash_at_any_point_leaves_old_or_new),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
