/*
 * test_journal_changes.c — tend_journal_changes goes up on every write and
 * only on writes, so a screen can skip reloading a list that cannot have
 * changed (History coming back from a record that was only read).
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

static void counts_writes_and_nothing_else(void **state)
{
    (void)state;
    char dir[] = "/tmp/tend-changes.XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/j.db", dir);
    tend_error err;
    tend_error_clear(&err);
    tend_journal *j = NULL;
    assert_int_equal(tend_journal_create(path, "pw", 2, TEND_JOURNAL_KDF_MIN, &j, &err), TEND_OK);
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
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_writes_and_nothing_else),
    };
    return cmocka_run_group_tests_name("journal_changes", tests, NULL, NULL);
}
