/*
 * test_journal.c — the journal API over a real file in a temporary folder:
 * create/open/lock, add/update/delete, lists with filters and short ids,
 * singletons, passwd and rekey, backup, and crash safety: with the store's
 * fault-injection VFS, the Nth write/sync/delete fails as if the machine
 * stopped there, for every N across an add, a passwd and a rekey, and the
 * journal must then open with the old or the new state, never neither.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/journal.h"
#include "tend/store_test.h"

#define PASS "correct horse"
#define PASSLEN (sizeof PASS - 1)

typedef struct {
    char dir[64];
    char path[128];
} S_tmp;

static int S_setup(void **state)
{
    S_tmp *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    strcpy(t->dir, "/tmp/tend-unit-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    snprintf(t->path, sizeof t->path, "%s/j/journal.db", t->dir);
    *state = t;
    return 0;
}

static int S_teardown(void **state)
{
    S_tmp *t = *state;
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    int rc = system(cmd);
    free(t);
    return rc == 0 ? 0 : -1;
}

static tend_journal *S_create(const S_tmp *t)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_error_clear(&e);
    tend_status st = tend_journal_create(t->path, PASS, PASSLEN, TEND_JOURNAL_KDF_MIN, &j, &e);
    if (st != TEND_OK)
        fail_msg("create: %s", e.msg);
    return j;
}

static tend_journal *S_open(const S_tmp *t, const char *pass)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_status st = tend_journal_open(t->path, pass, strlen(pass), &j, &e);
    if (st != TEND_OK)
        fail_msg("open: %s", e.msg);
    return j;
}

/* Adds an entry with title, one tag and body; returns its uuid. */
static tend_uuid S_add(tend_journal *j, const char *title, const char *tag, const char *body,
                       int64_t created)
{
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    r.head.created = created;
    assert_int_equal(tend_head_set_title(&r.head, title), TEND_OK);
    if (tag)
        assert_int_equal(tend_head_add_tag(&r.head, tag), TEND_OK);
    if (body)
        assert_int_equal(tend_record_set_body(&r, body, strlen(body)), TEND_OK);
    tend_error e;
    tend_status st = tend_journal_add(j, &r, &e);
    if (st != TEND_OK)
        fail_msg("add: %s", e.msg);
    tend_uuid u = r.head.uuid;
    tend_record_clear(&r);
    return u;
}

static size_t S_count_titles(tend_journal *j, const char *title)
{
    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_filter f = TEND_FILTER_INIT;
    f.all_kinds = true;
    tend_error e;
    tend_status st = tend_journal_list(j, &f, &l, &e);
    if (st != TEND_OK)
        fail_msg("list: %s", e.msg);
    size_t n = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!title || strcmp(l.heads[i].title, title) == 0)
            n++;
    tend_head_list_free(&l);
    return n;
}

static void create_open_and_the_ways_open_fails(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = NULL;
    tend_error e;
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_ENOTFOUND);
    assert_non_null(strstr(e.msg, "tend init"));
    assert_null(j);
    assert_int_equal(tend_journal_create(t->path, "", 0, TEND_JOURNAL_KDF_MIN, NULL, &e),
                     TEND_EINVAL);
    j = S_create(t);
    struct stat sb;
    assert_int_equal(stat(t->path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char folder[128];
    snprintf(folder, sizeof folder, "%s/j", t->dir);
    assert_int_equal(stat(folder, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    /* a second handle while the first is open: busy */
    tend_journal *j2 = NULL;
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j2, &e), TEND_EBUSY);
    assert_non_null(strstr(e.msg, "open in another tend"));
    assert_null(j2);
    tend_journal_close(j);
    assert_int_equal(tend_journal_create(t->path, PASS, PASSLEN, TEND_JOURNAL_KDF_MIN, NULL, &e),
                     TEND_EEXIST);
    assert_int_equal(tend_journal_open(t->path, "wrong", 5, &j, &e), TEND_EPASS);
    assert_null(j);
    j = S_open(t, PASS);
    assert_string_equal(tend_journal_path(j), t->path);
    tend_journal_close(j);
}

static void records_go_in_and_come_out(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    tend_uuid a = S_add(j, "first — ü", "family", "one\ntwo\n", 1000);
    tend_uuid b = S_add(j, "second", "Sleep", NULL, 3000);
    tend_uuid c = S_add(j, "third", NULL, "", 2000);
    tend_journal_close(j);
    j = S_open(t, PASS);

    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_error e;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.ndamaged, 0);
    assert_string_equal(l.heads[0].title, "second"); /* newest first */
    assert_string_equal(l.heads[1].title, "third");
    assert_string_equal(l.heads[2].title, "first — ü");
    assert_true(tend_uuid_equal(&l.heads[0].uuid, &b));
    assert_int_equal(strlen(l.ids[0]), TEND_SHORT_ID_MIN);
    char hex[TEND_UUID_HEX + 1];
    tend_id_hex(&b, hex);
    assert_memory_equal(l.ids[0], hex, TEND_SHORT_ID_MIN);
    tend_head_list_free(&l);

    /* filters */
    tend_filter f = TEND_FILTER_INIT;
    f.tag = "sleep";
    assert_int_equal(tend_journal_list(j, &f, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.heads[0].title, "second");
    tend_head_list_free(&l);
    f.tag = NULL;
    f.since = 1500;
    f.until = 3000;
    assert_int_equal(tend_journal_list(j, &f, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.heads[0].title, "third");
    tend_head_list_free(&l);

    /* full records, by short id */
    tend_uuid found;
    tend_id_hex(&a, hex);
    hex[8] = '\0';
    assert_int_equal(tend_journal_find(j, hex, &found, &e), TEND_OK);
    assert_true(tend_uuid_equal(&found, &a));
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_string_equal(r.body, "one\ntwo\n");
    assert_string_equal(r.head.tags[0], "family");
    assert_int_equal(r.head.created, 1000);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &b, &r, &e), TEND_OK);
    assert_null(r.body); /* no body at all */
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &c, &r, &e), TEND_OK);
    assert_non_null(r.body); /* an empty body */
    assert_int_equal(r.body_len, 0);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_find(j, "zz", &found, &e), TEND_EUSAGE);

    /* update keeps created and sets updated */
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_int_equal(tend_head_set_title(&r.head, "first, edited"), TEND_OK);
    r.head.created = 5;
    assert_int_equal(tend_record_set_body(&r, "new", 3), TEND_OK);
    assert_int_equal(tend_journal_update(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_string_equal(r.head.title, "first, edited");
    assert_string_equal(r.body, "new");
    assert_int_equal(r.head.created, 1000);
    assert_true(r.head.updated > 1000);
    /* head only: the body stays */
    r.head.flags |= TEND_FLAG_STARRED;
    assert_int_equal(tend_journal_update_head(j, &r.head, &e), TEND_OK);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_int_equal(r.head.flags, TEND_FLAG_STARRED);
    assert_string_equal(r.body, "new");
    tend_record_clear(&r);

    /* delete */
    assert_int_equal(tend_journal_delete(j, &b, &e), TEND_OK);
    assert_int_equal(tend_journal_delete(j, &b, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_journal_get(j, &b, &r, &e), TEND_ENOTFOUND);
    size_t n = 0;
    assert_int_equal(tend_journal_count(j, &n, &e), TEND_OK);
    assert_int_equal(n, 2);
    tend_journal_close(j);
}

static tend_status S_collect(void *ctx, const tend_record *rec, const char *sid)
{
    tend_buf *b = ctx;
    (void)sid;
    return tend_buf_printf(b, "%s=%s;", rec->head.title, rec->body ? rec->body : "-");
}

static void each_walks_newest_first_with_bodies(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    S_add(j, "a", NULL, "A", 10);
    S_add(j, "b", NULL, NULL, 30);
    S_add(j, "c", NULL, "C", 20);
    tend_buf b = TEND_BUF_INIT;
    size_t bad = 9;
    tend_error e;
    assert_int_equal(tend_journal_each(j, NULL, true, S_collect, &b, &bad, &e), TEND_OK);
    assert_string_equal(b.data, "b=-;c=C;a=A;");
    assert_int_equal(bad, 0);
    tend_buf_reset(&b);
    assert_int_equal(tend_journal_each(j, NULL, false, S_collect, &b, NULL, &e), TEND_OK);
    assert_string_equal(b.data, "b=-;c=-;a=-;");
    tend_buf_free(&b);
    tend_journal_close(j);
}

static void short_ids_lengthen_only_when_shared(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    /* import two records whose uuids share 10 hex digits */
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    r.head.created = r.head.updated = 100;
    assert_int_equal(tend_head_set_title(&r.head, "x"), TEND_OK);
    const unsigned char u1[16] = { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x40, 1 };
    const unsigned char u2[16] = { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x4f, 2 };
    tend_error e;
    memcpy(r.head.uuid.b, u1, 16);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_OK);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_EEXIST);
    memcpy(r.head.uuid.b, u2, 16);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    tend_uuid other = S_add(j, "other", NULL, NULL, 0);
    char sid[TEND_UUID_HEX + 1];
    tend_uuid a;
    memcpy(a.b, u1, 16);
    assert_int_equal(tend_journal_short_id(j, &a, sid, &e), TEND_OK);
    assert_string_equal(sid, "abcdef012340");
    assert_int_equal(tend_journal_short_id(j, &other, sid, &e), TEND_OK);
    assert_int_equal(strlen(sid), TEND_SHORT_ID_MIN);
    tend_uuid found;
    assert_int_equal(tend_journal_find(j, "abcdef0123", &found, &e), TEND_EINVAL);
    assert_int_equal(tend_journal_find(j, "ABCDEF01234F", &found, &e), TEND_OK);
    assert_memory_equal(found.b, u2, 16);
    tend_journal_close(j);
}

static void singletons_are_kept_once(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    tend_record r = TEND_RECORD_INIT;
    tend_error e;
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    r.head.kind = TEND_KIND_SETTINGS;
    assert_int_equal(tend_head_set_field(&r.head, "region", "uk"), TEND_OK);
    assert_int_equal(tend_journal_singleton_put(j, &r, &e), TEND_OK);
    tend_uuid first = r.head.uuid;
    assert_int_equal(tend_head_set_field(&r.head, "region", "ie"), TEND_OK);
    assert_int_equal(tend_journal_singleton_put(j, &r, &e), TEND_OK);
    assert_true(tend_uuid_equal(&first, &r.head.uuid));
    tend_record_clear(&r);
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_OK);
    assert_string_equal(tend_head_field(&r.head, "region"), "ie");
    tend_record_clear(&r);
    /* singletons stay out of the default list */
    S_add(j, "entry", NULL, NULL, 0);
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    tend_head_list_free(&l);
    size_t n;
    assert_int_equal(tend_journal_count(j, &n, &e), TEND_OK);
    assert_int_equal(n, 2);
    assert_int_equal(tend_journal_singleton_delete(j, TEND_KIND_SETTINGS, &e), TEND_OK);
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_journal_singleton_delete(j, TEND_KIND_SETTINGS, &e), TEND_OK);
    tend_journal_close(j);
}

static void passwd_rekey_and_backup_keep_the_data(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    S_add(j, "kept", "t", "body text", 0);
    tend_error e;
    assert_int_equal(tend_journal_passwd(j, "", 0, &e), TEND_EINVAL);
    assert_int_equal(tend_journal_passwd(j, "new pass", 8, &e), TEND_OK);
    assert_int_equal(tend_journal_rekey(j, &e), TEND_OK); /* after passwd, on the same handle */
    assert_int_equal(S_count_titles(j, "kept"), 1);
    char backup[160];
    snprintf(backup, sizeof backup, "%s/backup.db", t->dir);
    assert_int_equal(tend_journal_backup(j, backup, &e), TEND_OK);
    assert_int_equal(tend_journal_backup(j, backup, &e), TEND_EEXIST);
    tend_journal_close(j);
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_EPASS);
    j = S_open(t, "new pass");
    assert_int_equal(S_count_titles(j, "kept"), 1);
    size_t bad = 1;
    assert_int_equal(tend_journal_verify(j, NULL, NULL, &bad, &e), TEND_OK);
    assert_int_equal(bad, 0);
    tend_journal_close(j);
    assert_int_equal(tend_journal_open(backup, "new pass", 8, &j, &e), TEND_OK);
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    assert_int_equal(S_count_titles(j, "kept"), 1);
    tend_journal_close(j);
}

static void a_batch_is_all_or_nothing(void **state)
{
    S_tmp *t = *state;
    tend_journal *j = S_create(t);
    tend_error e;
    assert_int_equal(tend_journal_begin(j, &e), TEND_OK);
    assert_int_equal(tend_journal_begin(j, &e), TEND_EINVAL);
    S_add(j, "one", NULL, NULL, 0);
    S_add(j, "two", NULL, NULL, 0);
    tend_journal_rollback(j);
    assert_int_equal(S_count_titles(j, NULL), 0);
    assert_int_equal(tend_journal_begin(j, &e), TEND_OK);
    S_add(j, "one", NULL, NULL, 0);
    assert_int_equal(tend_journal_commit(j, &e), TEND_OK);
    assert_int_equal(S_count_titles(j, NULL), 1);
    tend_journal_close(j);
}

/* ---- crash safety --------------------------------------------------------------- */

typedef enum { OP_ADD, OP_PASSWD, OP_REKEY } S_op;

/* Runs op on an open journal holding one record "old". */
static tend_status S_run(tend_journal *j, S_op op)
{
    tend_error e;
    switch (op) {
    case OP_ADD: {
        tend_record r = TEND_RECORD_INIT;
        r.head.kind = TEND_KIND_ENTRY;
        tend_status st = tend_head_set_title(&r.head, "new");
        if (st == TEND_OK)
            st = tend_record_set_body(&r, "new body", 8);
        if (st == TEND_OK)
            st = tend_journal_add(j, &r, &e);
        tend_record_clear(&r);
        return st;
    }
    case OP_PASSWD:
        return tend_journal_passwd(j, "other", 5, &e);
    case OP_REKEY:
    default:
        return tend_journal_rekey(j, &e);
    }
}

/* After a crash during op, the journal must open in the old or new state. */
static void S_check_after(const S_tmp *t, S_op op, bool succeeded)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_status st = tend_journal_open(t->path, PASS, PASSLEN, &j, &e);
    bool new_pass = false;
    if (op == OP_PASSWD && st == TEND_EPASS) {
        st = tend_journal_open(t->path, "other", 5, &j, &e);
        new_pass = true;
    }
    if (st != TEND_OK)
        fail_msg("journal does not open after a crash: %s", e.msg);
    if (op == OP_PASSWD && succeeded && !new_pass)
        fail_msg("passwd reported success but the old passphrase still opens");
    size_t bad = 0;
    if (tend_journal_verify(j, NULL, NULL, &bad, &e) != TEND_OK)
        fail_msg("verify after a crash: %s", e.msg);
    assert_int_equal(S_count_titles(j, "old"), 1);
    size_t nnew = S_count_titles(j, "new");
    assert_true(nnew <= 1);
    if (op == OP_ADD && succeeded)
        assert_int_equal(nnew, 1);
    if (op != OP_ADD)
        assert_int_equal(nnew, 0);
    tend_record r = TEND_RECORD_INIT;
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(tend_journal_get(j, &l.heads[i].uuid, &r, &e), TEND_OK);
        assert_string_equal(r.body, strcmp(r.head.title, "old") == 0 ? "old body" : "new body");
        tend_record_clear(&r);
    }
    tend_head_list_free(&l);
    tend_journal_close(j);
}

static void S_crash_loop(const S_tmp *t, S_op op, tend_fault_kind kind)
{
    char cmd[200];
    for (long n = 1; n < 500; n++) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s/j'", t->dir);
        assert_int_equal(system(cmd), 0);
        tend_journal *j = S_create(t);
        S_add(j, "old", NULL, "old body", 0);
        tend_fault_arm(kind, n, true);
        tend_status st = S_run(j, op);
        bool fired = tend_fault_fired();
        tend_journal_close(j); /* still "crashed": nothing more reaches the disk */
        tend_fault_disarm();
        S_check_after(t, op, st == TEND_OK);
        if (!fired) {
            assert_int_equal(st, TEND_OK);
            assert_true(n > 1); /* the operation did reach the disk */
            if (getenv("TEND_TEST_VERBOSE"))
                fprintf(stderr, "# %ld faults\n", n - 1);
            return;
        }
    }
    fail_msg("the operation never finished without a fault");
}

static void crash_at_every_write_of_an_add(void **state)
{
    S_crash_loop(*state, OP_ADD, TEND_FAULT_ANY);
}

static void crash_at_every_write_of_a_passwd(void **state)
{
    S_crash_loop(*state, OP_PASSWD, TEND_FAULT_ANY);
}

static void crash_at_every_write_of_a_rekey(void **state)
{
    S_crash_loop(*state, OP_REKEY, TEND_FAULT_ANY);
}

static void crash_at_every_sync_of_a_rekey(void **state)
{
    S_crash_loop(*state, OP_REKEY, TEND_FAULT_SYNC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(create_open_and_the_ways_open_fails, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(records_go_in_and_come_out, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(each_walks_newest_first_with_bodies, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(short_ids_lengthen_only_when_shared, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(singletons_are_kept_once, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(passwd_rekey_and_backup_keep_the_data, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(a_batch_is_all_or_nothing, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(crash_at_every_write_of_an_add, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(crash_at_every_write_of_a_passwd, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(crash_at_every_write_of_a_rekey, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(crash_at_every_sync_of_a_rekey, S_setup, S_teardown),
    };
    return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
