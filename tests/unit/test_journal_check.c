/*
 * test_journal_check.c — tend_journal_check_passphrase (Settings asks for
 * the current passphrase before changing it) and the test-build hooks the
 * frame reports after locking: journals still open, keys wiped at close.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/journal.h"

#include "support/fixture.h"

#define PASS "correct horse"
#define PASSLEN (sizeof PASS - 1)

static void check_tells_right_from_wrong_and_changes_nothing(void **state)
{
    const fixture_tmp *t = *state;
    tend_error e;
    tend_error_clear(&e);
    tend_journal *j = NULL;
    assert_int_equal(tend_journal_create(t->path, PASS, PASSLEN, TEND_KDF_MIN, &j, &e),
                     TEND_OK);
    assert_int_equal(tend_journal_check_passphrase(j, PASS, PASSLEN, &e), TEND_OK);
    assert_int_equal(tend_journal_check_passphrase(j, "correct hors", PASSLEN - 1, &e),
                     TEND_EPASS);
    assert_int_equal(tend_journal_check_passphrase(j, "", 0, &e), TEND_EPASS);
    /* The handle still works after a wrong check. */
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    assert_int_equal(tend_record_set_body(&r, "still here", 10), TEND_OK);
    assert_int_equal(tend_journal_add(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    /* After a passwd the new one passes and the old one does not. */
    assert_int_equal(tend_journal_passwd(j, "new one", 7, &e), TEND_OK);
    assert_int_equal(tend_journal_check_passphrase(j, "new one", 7, &e), TEND_OK);
    assert_int_equal(tend_journal_check_passphrase(j, PASS, PASSLEN, &e), TEND_EPASS);
    tend_journal_close(j);
    /* And the file agrees. */
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_EPASS);
    assert_int_equal(tend_journal_open(t->path, "new one", 7, &j, &e), TEND_OK);
    tend_journal_close(j);
}

static void hooks_count_open_journals_and_see_keys_wiped(void **state)
{
    const fixture_tmp *t = *state;
    tend_error e;
    tend_error_clear(&e);
    int before = tend_journal_test_open_count();
    tend_journal *j = NULL, *k = NULL;
    assert_int_equal(tend_journal_create(t->path, PASS, PASSLEN, TEND_KDF_MIN, &j, &e),
                     TEND_OK);
    assert_int_equal(tend_journal_test_open_count(), before + 1);
    tend_journal_close(j);
    assert_int_equal(tend_journal_test_open_count(), before);
    assert_int_equal(tend_journal_test_last_close_wiped(), 1);
    /* A failed open leaves no journal behind. */
    assert_int_equal(tend_journal_open(t->path, "wrong", 5, &k, &e), TEND_EPASS);
    assert_null(k);
    assert_int_equal(tend_journal_test_open_count(), before);
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &k, &e), TEND_OK);
    assert_int_equal(tend_journal_test_open_count(), before + 1);
    tend_journal_close(k);
    assert_int_equal(tend_journal_test_open_count(), before);
    assert_int_equal(tend_journal_test_last_close_wiped(), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(check_tells_right_from_wrong_and_changes_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(hooks_count_open_journals_and_see_keys_wiped, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
