/*
 * test_journal_changes.c — tend_journal_changes goes up on every write and
 * only on writes, so a screen can skip reloading a list that cannot have
 * changed (History coming back from a record that was only read); and the
 * test builds' tend_journal_test_reads goes up by one on every call that
 * reads the journal and on nothing else, so the screens' tests can show
 * that drawing reads nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/journal.h"

#include "support/fixture.h"

static void counts_writes_and_nothing_else(void **state)
{
    fixture_tmp *t = *state;
    char path[256];
    fixture_path(t, "j.db", path, sizeof path);
    tend_error err;
    tend_error_clear(&err);
    tend_journal *j = fixture_journal_create(path, "pw");
    assert_int_equal(tend_journal_changes(j), 0);
    assert_int_equal(tend_journal_changes(NULL), 0);

    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    assert_int_equal(tend_head_set_title(&r.head, "one"), TEND_OK);
    assert_int_equal(tend_record_set_body(&r, "text", 4), TEND_OK);
    assert_int_equal(tend_journal_add(j, &r, &err), TEND_OK);
    uint64_t after_add = tend_journal_changes(j);
    assert_true(after_add > 0);

    /* Reading changes nothing. */
    tend_head_list l;
    assert_int_equal(tend_journal_list(j, NULL, &l, &err), TEND_OK);
    tend_head_list_free(&l);
    tend_record got = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, &r.head.uuid, &got, &err), TEND_OK);
    tend_record_clear(&got);
    assert_int_equal(tend_journal_changes(j), after_add);

    assert_int_equal(tend_record_set_body(&r, "more text", 9), TEND_OK);
    assert_int_equal(tend_journal_update(j, &r, &err), TEND_OK);
    uint64_t after_update = tend_journal_changes(j);
    assert_true(after_update > after_add);

    assert_int_equal(tend_journal_delete(j, &r.head.uuid, &err), TEND_OK);
    assert_true(tend_journal_changes(j) > after_update);

    tend_record_clear(&r);
    tend_journal_close(j);
}

/* A tend_record_fn and tend_scan_fn that only goes on. */
static tend_status S_each(void *ctx, const tend_record *rec, const char *short_id)
{
    (void)ctx;
    (void)rec;
    (void)short_id;
    return TEND_OK;
}

/* See S_each. */
static tend_status S_scan(void *ctx, const tend_record *rec, int64_t added)
{
    (void)ctx;
    (void)rec;
    (void)added;
    return TEND_OK;
}

/* Asserts that the reads counted since *mark are exactly want, and moves
 * *mark on. */
static void S_reads(uint64_t *mark, uint64_t want, const char *what)
{
    uint64_t now = tend_journal_test_reads();
    if (now - *mark != want)
        fail_msg("%s: %llu reads counted, expected %llu", what,
                 (unsigned long long)(now - *mark), (unsigned long long)want);
    *mark = now;
}

static void counts_every_read_once_and_no_write(void **state)
{
    fixture_tmp *t = *state;
    char path[256];
    fixture_path(t, "j.db", path, sizeof path);
    uint64_t mark = tend_journal_test_reads();
    tend_journal *j = fixture_journal_create(path, "pw");
    tend_uuid id = fixture_add_entry(j, "one", "tag", "text", 0);
    tend_record set = TEND_RECORD_INIT;
    set.head.kind = TEND_KIND_SETTINGS;
    tend_error err;
    assert_int_equal(tend_journal_singleton_put(j, &set, &err), TEND_OK);
    tend_record_clear(&set);
    assert_int_equal(tend_journal_update_head(j, &(tend_head){ .uuid = id, .kind = 1 }, &err),
                     TEND_OK);
    S_reads(&mark, 0, "create, add, singleton_put, update_head");

    tend_head_list l;
    assert_int_equal(tend_journal_list(j, NULL, &l, &err), TEND_OK);
    tend_head_list_free(&l);
    S_reads(&mark, 1, "list");
    assert_int_equal(tend_journal_heads(j, NULL, &l, &err), TEND_OK);
    tend_head_list_free(&l);
    S_reads(&mark, 1, "heads");
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, &id, &r, &err), TEND_OK);
    tend_record_clear(&r);
    S_reads(&mark, 1, "get");
    assert_int_equal(tend_journal_each(j, NULL, true, S_each, NULL, NULL, &err), TEND_OK);
    S_reads(&mark, 1, "each");
    tend_walk how = TEND_WALK_INIT;
    how.with_body = true;
    assert_int_equal(tend_journal_walk(j, &how, S_each, NULL, NULL, &err), TEND_OK);
    S_reads(&mark, 1, "walk");
    assert_int_equal(tend_journal_scan(j, NULL, S_scan, NULL, NULL, &err), TEND_OK);
    S_reads(&mark, 1, "scan");
    char hex[TEND_UUID_HEX + 1];
    tend_uuid_hex(&id, hex);
    tend_uuid found;
    assert_int_equal(tend_journal_find(j, hex, &found, &err), TEND_OK);
    assert_true(tend_uuid_equal(&found, &id));
    S_reads(&mark, 1, "find");
    char sid[TEND_UUID_HEX + 1], sids[1][TEND_UUID_HEX + 1];
    assert_int_equal(tend_journal_short_id(j, &id, sid, &err), TEND_OK);
    S_reads(&mark, 1, "short_id");
    assert_int_equal(tend_journal_short_ids(j, &id, 1, sids, &err), TEND_OK);
    assert_string_equal(sid, sids[0]);
    S_reads(&mark, 1, "short_ids");
    size_t n = 0;
    assert_int_equal(tend_journal_count(j, &n, &err), TEND_OK);
    assert_int_equal(n, 2);
    S_reads(&mark, 1, "count");
    assert_int_equal(tend_journal_verify(j, NULL, NULL, NULL, &err), TEND_OK);
    S_reads(&mark, 1, "verify");
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &err), TEND_OK);
    tend_record_clear(&r);
    S_reads(&mark, 1, "singleton_get");
    /* A failed read is a read all the same. */
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SAFETY_PLAN, &r, &err),
                     TEND_ENOTFOUND);
    S_reads(&mark, 1, "singleton_get of nothing");

    assert_int_equal(tend_journal_delete(j, &id, &err), TEND_OK);
    assert_int_equal(tend_journal_singleton_delete(j, TEND_KIND_SETTINGS, &err), TEND_OK);
    tend_journal_close(j);
    S_reads(&mark, 0, "delete, singleton_delete, close");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(counts_writes_and_nothing_else, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(counts_every_read_once_and_no_write, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests_name("journal_changes", tests, NULL, NULL);
}
