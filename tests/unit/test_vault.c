/*
 * test_vault.c — key derivation bounds, the wrapped key, sealed fields,
 * padding, rewrap/rekey and wiping. Every vault here uses the test-only
 * "min" KDF level so the suite stays fast.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "tend/vault.h"

#define PASS "correct horse battery staple"
#define PLEN (sizeof PASS - 1)

static const uint8_t U1[TEND_UUID_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t U2[TEND_UUID_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17 };

static bool contains(const void *hay, size_t n, const void *needle, size_t m)
{
    for (size_t i = 0; m <= n && i <= n - m; i++)
        if (memcmp((const char *)hay + i, needle, m) == 0)
            return true;
    return false;
}

static tend_vault *new_vault(tend_vault_header *hdr)
{
    tend_vault *v = NULL;
    tend_error e;
    assert_int_equal(tend_vault_create(PASS, PLEN, TEND_KDF_MIN, &v, hdr, &e), TEND_OK);
    assert_non_null(v);
    return v;
}

static void levels_parse_and_map_to_libsodium_limits(void **state)
{
    (void)state;
    tend_kdf_level l;
    tend_error e;
    assert_int_equal(tend_kdf_level_parse("interactive", &l, &e), TEND_OK);
    assert_int_equal(l, TEND_KDF_INTERACTIVE);
    assert_int_equal(tend_kdf_level_parse("sensitive", &l, &e), TEND_OK);
    assert_int_equal(l, TEND_KDF_SENSITIVE);
    assert_int_equal(tend_kdf_level_parse("min", &l, &e), TEND_OK); /* test build */
    assert_int_equal(l, TEND_KDF_MIN);
    assert_int_equal(tend_kdf_level_parse("fast", &l, &e), TEND_EUSAGE);
    assert_non_null(strstr(e.msg, "moderate"));
    uint64_t ops, mem;
    assert_int_equal(tend_kdf_level_params(TEND_KDF_MODERATE, &ops, &mem, &e), TEND_OK);
    assert_int_equal(ops, 3);
    assert_int_equal(mem, 256u << 20);
    assert_int_equal(tend_kdf_level_params(TEND_KDF_KEEP, &ops, &mem, &e), TEND_EUSAGE);
    assert_string_equal(tend_kdf_level_name(TEND_KDF_MODERATE), "moderate");
    assert_int_equal(TEND_KDF_DEFAULT, TEND_KDF_MODERATE);
}

static void create_then_unlock_gives_the_same_key(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault *v = new_vault(&hdr);
    assert_int_equal(hdr.format, TEND_FORMAT_VERSION);
    assert_int_equal(hdr.alg, 2);
    tend_vault *w = NULL;
    tend_error e;
    assert_int_equal(tend_vault_unlock(&hdr, PASS, PLEN, &w, &e), TEND_OK);
    uint8_t k1[32], k2[32];
    assert_true(tend_vault_test_dek(v, k1));
    assert_true(tend_vault_test_dek(w, k2));
    assert_memory_equal(k1, k2, 32);
    /* and what one seals the other opens */
    tend_buf sealed = TEND_BUF_INIT, plain = TEND_BUF_INIT;
    const char *text = "Heute war schwer — und doch. 日本語 🌱";
    assert_int_equal(tend_vault_seal(v, U1, "body", text, strlen(text), &sealed, &e), TEND_OK);
    assert_int_equal(tend_vault_open(w, U1, "body", sealed.data, sealed.len, &plain, &e), TEND_OK);
    assert_int_equal(plain.len, strlen(text));
    assert_string_equal(plain.data, text);
    tend_buf_free(&sealed);
    tend_buf_free(&plain);
    tend_vault_free(v);
    tend_vault_free(w);
}

static void two_vaults_have_different_salts_and_keys(void **state)
{
    (void)state;
    tend_vault_header h1, h2;
    tend_vault *a = new_vault(&h1), *b = new_vault(&h2);
    assert_memory_not_equal(h1.salt, h2.salt, sizeof h1.salt);
    uint8_t k1[32], k2[32];
    assert_true(tend_vault_test_dek(a, k1));
    assert_true(tend_vault_test_dek(b, k2));
    assert_memory_not_equal(k1, k2, 32);
    tend_vault_free(a);
    tend_vault_free(b);
}

static void wrong_passphrase_is_epass(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault_free(new_vault(&hdr));
    tend_vault *w = (tend_vault *)&hdr; /* must be reset to NULL */
    tend_error e;
    assert_int_equal(tend_vault_unlock(&hdr, "correct horse battery stapl", PLEN - 1, &w, &e),
                     TEND_EPASS);
    assert_null(w);
    assert_string_equal(e.msg, "wrong passphrase");
    assert_int_equal(tend_vault_unlock(&hdr, "", 0, &w, &e), TEND_EPASS);
}

static void empty_passphrase_is_allowed(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault *v = NULL, *w = NULL;
    tend_error e;
    assert_int_equal(tend_vault_create(NULL, 0, TEND_KDF_MIN, &v, &hdr, &e), TEND_OK);
    assert_int_equal(tend_vault_unlock(&hdr, "", 0, &w, &e), TEND_OK);
    tend_vault_free(w);
    assert_int_equal(tend_vault_unlock(&hdr, "x", 1, &w, &e), TEND_EPASS);
    assert_null(w);
    tend_vault_free(v);
}

static void every_flip_of_the_wrapped_key_or_its_header_is_detected(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault_free(new_vault(&hdr));
    tend_error e;
    tend_vault *w = NULL;
    for (size_t i = 0; i < sizeof hdr.wrapped; i++) {
        for (int bit = 0; bit < 8; bit += 7) {
            tend_vault_header t = hdr;
            t.wrapped[i] ^= (uint8_t)(1u << bit);
            assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EPASS);
            assert_null(w);
        }
    }
    for (size_t i = 0; i < sizeof hdr.salt; i++) {
        tend_vault_header t = hdr;
        t.salt[i] ^= 0x80;
        assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EPASS);
    }
    /* ops and mem are bound by the AAD: a different in-range value fails */
    tend_vault_header t = hdr;
    t.ops = hdr.ops + 1;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EPASS);
    t = hdr;
    t.mem = hdr.mem * 2;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EPASS);
    /* and the untouched header still opens */
    assert_int_equal(tend_vault_unlock(&hdr, PASS, PLEN, &w, &e), TEND_OK);
    tend_vault_free(w);
}

static void kdf_parameters_out_of_bounds_are_refused_before_hashing(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault_free(new_vault(&hdr));
    tend_error e;
    tend_vault *w = NULL;
    tend_vault_header t = hdr;
    t.mem = 4ull << 30; /* 4 GiB: hashing would need it all */
    assert_int_equal(tend_vault_check_header(&t, &e), TEND_EDAMAGED);
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    assert_null(w);
    assert_non_null(strstr(e.msg, "memory"));
    assert_non_null(strstr(e.msg, "refusing"));
    t = hdr;
    t.ops = 100;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "100 passes"));
    t = hdr;
    t.ops = 0;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    t = hdr;
    t.mem = UINT64_MAX;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    t = hdr;
    t.alg = 1; /* Argon2i */
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "algorithm"));
    t = hdr;
    t.format = TEND_FORMAT_VERSION + 1;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_ERR);
    assert_non_null(strstr(e.msg, "newer tend"));
    t = hdr;
    t.format = 0;
    assert_int_equal(tend_vault_unlock(&t, PASS, PLEN, &w, &e), TEND_EDAMAGED);
    /* the documented levels are all inside the bounds */
    for (tend_kdf_level l = TEND_KDF_INTERACTIVE; l <= TEND_KDF_MIN; l++) {
        t = hdr;
        assert_int_equal(tend_kdf_level_params(l, &t.ops, &t.mem, &e), TEND_OK);
        assert_int_equal(tend_vault_check_header(&t, &e), TEND_OK);
    }
}

static void every_flip_of_a_sealed_field_is_detected(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault *v = new_vault(&hdr);
    tend_buf sealed = TEND_BUF_INIT, plain = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_vault_seal(v, U1, "head", "private words", 13, &sealed, &e), TEND_OK);
    assert_int_equal(sealed.len, tend_vault_sealed_len(13));
    for (size_t i = 0; i < sealed.len; i++) {
        for (int bit = 0; bit < 8; bit++) {
            sealed.data[i] ^= (char)(1u << bit);
            assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, sealed.len, &plain, &e),
                             TEND_EDAMAGED);
            assert_int_equal(plain.len, 0);
            sealed.data[i] ^= (char)(1u << bit);
        }
    }
    /* truncated, extended, empty */
    assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, sealed.len - 1, &plain, &e),
                     TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, 40, &plain, &e), TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(v, U1, "head", NULL, 0, &plain, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "damaged"));
    /* unchanged still opens */
    assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, sealed.len, &plain, &e), TEND_OK);
    assert_string_equal(plain.data, "private words");
    tend_buf_free(&sealed);
    tend_buf_free(&plain);
    tend_vault_free(v);
}

static void a_sealed_field_cannot_move_to_another_record_field_or_key(void **state)
{
    (void)state;
    tend_vault_header hdr, hdr2;
    tend_vault *v = new_vault(&hdr), *other = new_vault(&hdr2);
    tend_buf sealed = TEND_BUF_INIT, plain = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_vault_seal(v, U1, "body", "abc", 3, &sealed, &e), TEND_OK);
    assert_int_equal(tend_vault_open(v, U2, "body", sealed.data, sealed.len, &plain, &e),
                     TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, sealed.len, &plain, &e),
                     TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(v, U1, "bodyx", sealed.data, sealed.len, &plain, &e),
                     TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(other, U1, "body", sealed.data, sealed.len, &plain, &e),
                     TEND_EDAMAGED);
    assert_int_equal(tend_vault_open(v, U1, "body", sealed.data, sealed.len, &plain, &e), TEND_OK);
    assert_string_equal(plain.data, "abc");
    /* bad field names are refused, not silently accepted */
    assert_int_equal(tend_vault_seal(v, U1, "", "abc", 3, &sealed, &e), TEND_EINVAL);
    assert_int_equal(sealed.len, 0);
    assert_int_equal(tend_vault_seal(v, U1, "a b", "abc", 3, &sealed, &e), TEND_EINVAL);
    tend_buf_free(&sealed);
    tend_buf_free(&plain);
    tend_vault_free(v);
    tend_vault_free(other);
}

static void sealed_lengths_hide_sizes_within_a_256_byte_block(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault *v = new_vault(&hdr);
    tend_buf a = TEND_BUF_INIT, b = TEND_BUF_INIT, plain = TEND_BUF_INIT;
    tend_error e;
    char big[600];
    memset(big, 'x', sizeof big);
    assert_int_equal(tend_vault_seal(v, U1, "body", "x", 1, &a, &e), TEND_OK);
    assert_int_equal(tend_vault_seal(v, U1, "body", big, 200, &b, &e), TEND_OK);
    assert_int_equal(a.len, b.len);
    assert_int_equal(a.len, 24 + 256 + 16);
    assert_int_equal(tend_vault_seal(v, U1, "body", NULL, 0, &a, &e), TEND_OK);
    assert_int_equal(a.len, 24 + 256 + 16);
    assert_int_equal(tend_vault_open(v, U1, "body", a.data, a.len, &plain, &e), TEND_OK);
    assert_int_equal(plain.len, 0);
    assert_int_equal(tend_vault_seal(v, U1, "body", big, 255, &a, &e), TEND_OK);
    assert_int_equal(a.len, 24 + 256 + 16);
    assert_int_equal(tend_vault_seal(v, U1, "body", big, 256, &a, &e), TEND_OK);
    assert_int_equal(a.len, 24 + 512 + 16);
    assert_int_equal(tend_vault_sealed_len(256), 24 + 512 + 16);
    assert_int_equal(tend_vault_open(v, U1, "body", a.data, a.len, &plain, &e), TEND_OK);
    assert_int_equal(plain.len, 256);
    assert_memory_equal(plain.data, big, 256);
    assert_int_equal(tend_vault_sealed_len(SIZE_MAX - 10), 0);
    tend_buf_free(&a);
    tend_buf_free(&b);
    tend_buf_free(&plain);
    tend_vault_free(v);
}

static void each_seal_uses_a_fresh_nonce(void **state)
{
    (void)state;
    tend_vault_header hdr;
    tend_vault *v = new_vault(&hdr);
    tend_buf a = TEND_BUF_INIT, b = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_vault_seal(v, U1, "body", "same", 4, &a, &e), TEND_OK);
    assert_int_equal(tend_vault_seal(v, U1, "body", "same", 4, &b, &e), TEND_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_not_equal(a.data, b.data, TEND_VAULT_NONCE_LEN);
    assert_memory_not_equal(a.data + 24, b.data + 24, a.len - 24);
    /* the plaintext is not visible in the sealed bytes */
    assert_false(contains(a.data, a.len, "same", 4));
    tend_buf_free(&a);
    tend_buf_free(&b);
    tend_vault_free(v);
}

static void rewrap_changes_the_passphrase_and_keeps_the_key(void **state)
{
    (void)state;
    tend_vault_header hdr, nh;
    tend_vault *v = new_vault(&hdr);
    tend_buf sealed = TEND_BUF_INIT, plain = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_vault_seal(v, U1, "body", "kept", 4, &sealed, &e), TEND_OK);
    uint8_t k1[32], k2[32];
    assert_true(tend_vault_test_dek(v, k1));
    assert_int_equal(tend_vault_rewrap(v, "new pass", 8, TEND_KDF_KEEP, &nh, &e), TEND_OK);
    assert_memory_not_equal(nh.salt, hdr.salt, sizeof hdr.salt);
    assert_int_equal(nh.ops, hdr.ops);
    assert_int_equal(nh.mem, hdr.mem);
    tend_vault *w = NULL;
    assert_int_equal(tend_vault_unlock(&nh, PASS, PLEN, &w, &e), TEND_EPASS);
    assert_int_equal(tend_vault_unlock(&nh, "new pass", 8, &w, &e), TEND_OK);
    assert_true(tend_vault_test_dek(w, k2));
    assert_memory_equal(k1, k2, 32);
    assert_int_equal(tend_vault_open(w, U1, "body", sealed.data, sealed.len, &plain, &e), TEND_OK);
    assert_string_equal(plain.data, "kept");
    /* the old header still opens with the old passphrase (the store
     * replaces it in the same transaction) */
    tend_vault *old = NULL;
    assert_int_equal(tend_vault_unlock(&hdr, PASS, PLEN, &old, &e), TEND_OK);
    tend_vault_free(old);
    /* a level the build does not allow leaves v as it was */
    tend_vault_header bad;
    assert_int_equal(tend_vault_rewrap(v, "x", 1, (tend_kdf_level)99, &bad, &e), TEND_EUSAGE);
    assert_true(tend_vault_test_dek(v, k2));
    assert_memory_equal(k1, k2, 32);
    tend_buf_free(&sealed);
    tend_buf_free(&plain);
    tend_vault_free(v);
    tend_vault_free(w);
}

static void rekey_makes_a_new_key_under_the_same_passphrase(void **state)
{
    (void)state;
    tend_vault_header hdr, nh;
    tend_vault *v = new_vault(&hdr);
    tend_buf sealed = TEND_BUF_INIT, plain = TEND_BUF_INIT, resealed = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_vault_seal(v, U1, "head", "old key", 7, &sealed, &e), TEND_OK);
    tend_vault *nv = NULL;
    assert_int_equal(tend_vault_rekey(v, &nv, &nh, &e), TEND_OK);
    uint8_t k1[32], k2[32];
    assert_true(tend_vault_test_dek(v, k1));
    assert_true(tend_vault_test_dek(nv, k2));
    assert_memory_not_equal(k1, k2, 32);
    assert_memory_not_equal(nh.wrapped, hdr.wrapped, sizeof hdr.wrapped);
    /* the new vault cannot open what the old one sealed */
    assert_int_equal(tend_vault_open(nv, U1, "head", sealed.data, sealed.len, &plain, &e),
                     TEND_EDAMAGED);
    /* re-seal, then unlocking the new header gives the new key */
    assert_int_equal(tend_vault_open(v, U1, "head", sealed.data, sealed.len, &plain, &e), TEND_OK);
    assert_int_equal(tend_vault_seal(nv, U1, "head", plain.data, plain.len, &resealed, &e), TEND_OK);
    tend_vault *w = NULL;
    assert_int_equal(tend_vault_unlock(&nh, PASS, PLEN, &w, &e), TEND_OK);
    assert_int_equal(tend_vault_open(w, U1, "head", resealed.data, resealed.len, &plain, &e),
                     TEND_OK);
    assert_string_equal(plain.data, "old key");
    tend_buf_free(&sealed);
    tend_buf_free(&plain);
    tend_buf_free(&resealed);
    tend_vault_free(v);
    tend_vault_free(nv);
    tend_vault_free(w);
}

static void lock_wipes_every_key_and_refuses_work(void **state)
{
    (void)state;
    tend_vault_header hdr, nh;
    tend_vault *v = new_vault(&hdr);
    tend_buf out = TEND_BUF_INIT;
    tend_error e;
    assert_false(tend_vault_is_locked(v));
    assert_false(tend_vault_test_is_wiped(v));
    tend_vault_lock(v);
    assert_true(tend_vault_is_locked(v));
    assert_true(tend_vault_test_is_wiped(v));
    assert_int_equal(tend_vault_seal(v, U1, "body", "x", 1, &out, &e), TEND_ERR);
    assert_int_equal(tend_vault_open(v, U1, "body", "x", 1, &out, &e), TEND_ERR);
    assert_int_equal(tend_vault_rewrap(v, "x", 1, TEND_KDF_KEEP, &nh, &e), TEND_ERR);
    tend_vault *nv = NULL;
    assert_int_equal(tend_vault_rekey(v, &nv, &nh, &e), TEND_ERR);
    assert_null(nv);
    uint8_t k[32];
    assert_false(tend_vault_test_dek(v, k));
    tend_vault_lock(v); /* idempotent */
    tend_vault_free(v);
    tend_vault_free(NULL);
    tend_vault_lock(NULL);
    tend_buf_free(&out);
}

static void uuids_are_random_and_print_as_hex(void **state)
{
    (void)state;
    uint8_t a[TEND_UUID_LEN], b[TEND_UUID_LEN];
    tend_uuid_random(a);
    tend_uuid_random(b);
    assert_memory_not_equal(a, b, TEND_UUID_LEN);
    char hex[TEND_UUID_HEX + 1];
    tend_uuid u1;
    memcpy(u1.b, U1, TEND_UUID_LEN);
    tend_uuid_hex(&u1, hex);
    assert_string_equal(hex, "0102030405060708090a0b0c0d0e0f10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(levels_parse_and_map_to_libsodium_limits),
        cmocka_unit_test(create_then_unlock_gives_the_same_key),
        cmocka_unit_test(two_vaults_have_different_salts_and_keys),
        cmocka_unit_test(wrong_passphrase_is_epass),
        cmocka_unit_test(empty_passphrase_is_allowed),
        cmocka_unit_test(every_flip_of_the_wrapped_key_or_its_header_is_detected),
        cmocka_unit_test(kdf_parameters_out_of_bounds_are_refused_before_hashing),
        cmocka_unit_test(every_flip_of_a_sealed_field_is_detected),
        cmocka_unit_test(a_sealed_field_cannot_move_to_another_record_field_or_key),
        cmocka_unit_test(sealed_lengths_hide_sizes_within_a_256_byte_block),
        cmocka_unit_test(each_seal_uses_a_fresh_nonce),
        cmocka_unit_test(rewrap_changes_the_passphrase_and_keeps_the_key),
        cmocka_unit_test(rekey_makes_a_new_key_under_the_same_passphrase),
        cmocka_unit_test(lock_wipes_every_key_and_refuses_work),
        cmocka_unit_test(uuids_are_random_and_print_as_hex),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
