/*
 * test_core.c — status codes, errors, buffers, growable arrays and UTF-8
 * handling.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <string.h>

#include "tend/core.h"
#include "tend/vec.h"

static void exit_codes_match_the_documented_ones(void **state)
{
    (void)state;
    assert_int_equal(tend_exit_code(TEND_OK), 0);
    assert_int_equal(tend_exit_code(TEND_ERR), 1);
    assert_int_equal(tend_exit_code(TEND_EUSAGE), 2);
    assert_int_equal(tend_exit_code(TEND_EPASS), 3);
    assert_int_equal(tend_exit_code(TEND_EDAMAGED), 4);
    assert_int_equal(tend_exit_code(TEND_EIO), 1);
    assert_int_equal(tend_exit_code(TEND_EBUSY), 1);
}

static void fail_fills_the_error_and_returns_its_code(void **state)
{
    (void)state;
    tend_error e;
    tend_error_clear(&e);
    assert_int_equal(tend_fail(&e, TEND_EIO, "cannot write %s: %d", "x.db", 5), TEND_EIO);
    assert_int_equal(e.code, TEND_EIO);
    assert_string_equal(e.msg, "cannot write x.db: 5");
    assert_int_equal(tend_fail(NULL, TEND_EPASS, "ignored"), TEND_EPASS);
    char big[2000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    tend_fail(&e, TEND_ERR, "%s", big);
    assert_int_equal(strlen(e.msg), TEND_ERROR_MAX - 1);
}

static void buf_grows_and_keeps_a_nul(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        assert_int_equal(tend_buf_printf(&b, "%d,", i % 10), TEND_OK);
    assert_int_equal(b.len, 2000);
    assert_int_equal(b.data[b.len], '\0');
    assert_memory_equal(b.data, "0,1,2,", 6);
    tend_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    assert_int_equal(tend_buf_puts(&b, "héllo"), TEND_OK);
    assert_int_equal(tend_buf_putc(&b, '!'), TEND_OK);
    size_t len = 0;
    char *s = tend_buf_take(&b, &len);
    assert_non_null(s);
    assert_string_equal(s, "héllo!");
    assert_int_equal(len, 7);
    assert_null(b.data);
    tend_wipe_free(s, len + 1);
    s = tend_buf_take(&b, &len);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    tend_wipe_free(s, 1);
    tend_buf_free(&b);
}

/* A record-like element, to check that pushes keep every field. */
typedef struct {
    int id;
    char word[8];
} vec_item;

static void vec_grows_keeps_order_and_zeroes_new_room(void **state)
{
    (void)state;
    TEND_VEC(vec_item) plain = TEND_VEC_INIT;
    TEND_VEC(vec_item) wiped = TEND_VEC_INIT;
    for (int i = 0; i < 1000; i++) {
        vec_item it = { i, "w" };
        it.word[1] = (char)('0' + i % 10);
        assert_int_equal(tend_vec_push(&plain, it), TEND_OK);
        assert_int_equal(tend_vec_push_wiped(&wiped, it), TEND_OK);
    }
    assert_int_equal(plain.n, 1000);
    assert_int_equal(wiped.n, 1000);
    assert_true(plain.cap >= 1000 && plain.cap < 2048);
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(plain.v[i].id, i);
        assert_int_equal(wiped.v[i].id, i);
        assert_int_equal(wiped.v[i].word[1], '0' + i % 10);
    }
    /* room beyond n is zeroed, so a caller may use it as empty slots */
    for (size_t i = wiped.n; i < wiped.cap; i++)
        assert_int_equal(wiped.v[i].id, 0);
    /* reserving what is already there changes nothing */
    vec_item *before = plain.v;
    size_t cap = plain.cap;
    assert_int_equal(tend_vec_reserve(&plain, cap - plain.n), TEND_OK);
    assert_ptr_equal(plain.v, before);
    assert_int_equal(plain.cap, cap);
    tend_vec_free(&plain);
    tend_vec_free_wiped(&wiped);
    assert_null(plain.v);
    assert_int_equal(plain.n, 0);
    assert_int_equal(wiped.cap, 0);
    /* a freed vec is empty and usable again */
    assert_int_equal(tend_vec_push(&plain, ((vec_item){ 7, "x" })), TEND_OK);
    assert_int_equal(plain.v[0].id, 7);
    tend_vec_free(&plain);
}

static void grow_refuses_sizes_that_overflow(void **state)
{
    (void)state;
    TEND_VEC(double) v = TEND_VEC_INIT;
    assert_int_equal(tend_vec_reserve(&v, SIZE_MAX / 4), TEND_ENOMEM);
    assert_null(v.v);
    assert_int_equal(v.cap, 0);
    assert_int_equal(tend_vec_reserve(&v, 3), TEND_OK);
    assert_int_equal(v.cap, 16);
    assert_int_equal(tend_grow(&v.v, &v.cap, SIZE_MAX, sizeof *v.v, true), TEND_ENOMEM);
    assert_int_equal(v.cap, 16);
    /* the separate-members form grows a plain array in place of a vec */
    int *arr = NULL;
    size_t room = 0;
    assert_int_equal(tend_grow(&arr, &room, 40, sizeof *arr, false), TEND_OK);
    assert_int_equal(room, 64);
    arr[39] = 5;
    tend_grow_free(&arr, room, sizeof *arr, true);
    assert_null(arr);
    tend_vec_free(&v);
}

static void wipe_zeroes_memory(void **state)
{
    (void)state;
    char secret[16] = "correct horse";
    tend_wipe(secret, sizeof secret);
    for (size_t i = 0; i < sizeof secret; i++)
        assert_int_equal(secret[i], 0);
    unsigned char *k = tend_secure_alloc(32);
    assert_non_null(k);
    memset(k, 0xAB, 32);
    tend_secure_free(k);
}

static void utf8_decodes_and_rejects(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(tend_utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(tend_utf8_decode("é", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(tend_utf8_decode("語", 3, &cp), 3);
    assert_int_equal(cp, 0x8A9E);
    assert_int_equal(tend_utf8_decode("😀", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* truncated, overlong, surrogate, stray continuation: one byte, U+FFFD */
    assert_int_equal(tend_utf8_decode("\xE8\xAA", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(tend_utf8_decode("\xC0\x80", 2, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(tend_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(tend_utf8_decode("\x80", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_true(tend_utf8_valid("héllo 語 😀", strlen("héllo 語 😀")));
    assert_false(tend_utf8_valid("a\xFF", 2));
    char out[4];
    assert_int_equal(tend_utf8_encode(0x1F600, out), 4);
    assert_memory_equal(out, "😀", 4);
    assert_int_equal(tend_utf8_encode(0xD800, out), 0);
}

static void width_counts_columns(void **state)
{
    (void)state;
    assert_int_equal(tend_utf8_width("abc", 3), 3);
    assert_int_equal(tend_utf8_width("語語", 6), 4);
    assert_int_equal(tend_utf8_width("e\xCC\x81", 3), 1);   /* e + combining acute */
    assert_int_equal(tend_utf8_width("😀", 4), 2);
    size_t used;
    /* "a語b" in 2 columns: only "a" fits, the wide char is not split. */
    assert_int_equal(tend_utf8_fit("a語b", 5, 2, &used), 1);
    assert_int_equal(used, 1);
    assert_int_equal(tend_utf8_fit("a語b", 5, 3, &used), 4);
    assert_int_equal(used, 3);
}

static void clusters_never_split_combining_sequences(void **state)
{
    (void)state;
    const char *s = "ae\xCC\x81" "b";          /* a, e+U+0301, b */
    size_t len = strlen(s);
    assert_int_equal(tend_utf8_next(s, len, 0), 1);
    assert_int_equal(tend_utf8_next(s, len, 1), 4);
    assert_int_equal(tend_utf8_next(s, len, 4), 5);
    assert_int_equal(tend_utf8_next(s, len, 5), 5);
    assert_int_equal(tend_utf8_prev(s, len, 5), 4);
    assert_int_equal(tend_utf8_prev(s, len, 4), 1);
    assert_int_equal(tend_utf8_prev(s, len, 1), 0);
    assert_int_equal(tend_utf8_prev(s, len, 0), 0);
    /* a ZWJ family emoji is one cluster */
    const char *fam = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7x";
    size_t flen = strlen(fam);
    assert_int_equal(tend_utf8_next(fam, flen, 0), flen - 1);
    assert_int_equal(tend_utf8_prev(fam, flen, flen - 1), 0);
}

int main(void)
{
    tend_locale_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(exit_codes_match_the_documented_ones),
        cmocka_unit_test(fail_fills_the_error_and_returns_its_code),
        cmocka_unit_test(buf_grows_and_keeps_a_nul),
        cmocka_unit_test(vec_grows_keeps_order_and_zeroes_new_room),
        cmocka_unit_test(grow_refuses_sizes_that_overflow),
        cmocka_unit_test(wipe_zeroes_memory),
        cmocka_unit_test(utf8_decodes_and_rejects),
        cmocka_unit_test(width_counts_columns),
        cmocka_unit_test(clusters_never_split_combining_sequences),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
