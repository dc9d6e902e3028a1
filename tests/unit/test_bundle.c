/*
 * test_bundle.c — the encrypted bundle (src/vault/bundle.c): round trips at
 * every size around the chunk boundaries; a wrong passphrase; every byte
 * flipped; every truncation; chunks reordered, dropped and duplicated, and
 * the header edited, each with the checksum made to match again so the
 * secretstream itself must catch it; KDF parameters refused before any
 * hashing; nothing returned from a bundle that fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/bundle.h"

#define PASS "bundle pass"
#define PASSLEN (sizeof PASS - 1)
#define CHUNK 64

/* Seals len bytes of a fixed pattern with the test chunk size. */
static void S_seal(size_t len, size_t chunk, tend_buf *out, tend_buf *plain)
{
    tend_buf_reset(plain);
    for (size_t i = 0; i < len; i++)
        assert_int_equal(tend_buf_putc(plain, (char)('a' + i % 26)), TEND_OK);
    tend_error e;
    assert_int_equal(tend_bundle_seal(plain->data, len, PASS, PASSLEN, TEND_KDF_MIN, chunk, out,
                                      &e), TEND_OK);
}

/* Rewrites the checksum so only the AEAD can notice a change. */
static void S_fix_sum(unsigned char *b, size_t len)
{
    crypto_generichash(b + len - TEND_BUNDLE_CHECKSUM_LEN, TEND_BUNDLE_CHECKSUM_LEN, b,
                       len - TEND_BUNDLE_CHECKSUM_LEN, NULL, 0);
}

static tend_status S_open(const void *b, size_t len, tend_buf *plain, tend_error *e)
{
    tend_status st = tend_bundle_open(b, len, PASS, PASSLEN, plain, e);
    if (st != TEND_OK)
        assert_int_equal(plain->len, 0); /* nothing from a bundle that fails */
    return st;
}

static void test_round_trip_sizes(void **state)
{
    (void)state;
    static const size_t sizes[] = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 1000 };
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        S_seal(sizes[i], CHUNK, &b, &p);
        size_t chunks = sizes[i] / CHUNK + 1;
        if (sizes[i] && sizes[i] % CHUNK == 0)
            chunks--; /* an exact multiple ends with a full final chunk */
        assert_int_equal(b.len, TEND_BUNDLE_HEADER_LEN + sizes[i] +
                                    chunks * TEND_BUNDLE_CHUNK_ABYTES + TEND_BUNDLE_CHECKSUM_LEN);
        tend_error e;
        assert_int_equal(S_open(b.data, b.len, &q, &e), TEND_OK);
        assert_int_equal(q.len, sizes[i]);
        assert_memory_equal(q.data, p.data ? p.data : "", sizes[i]);
    }
    /* The default chunk size too. */
    S_seal(200000, 0, &b, &p);
    tend_error e;
    assert_int_equal(S_open(b.data, b.len, &q, &e), TEND_OK);
    assert_int_equal(q.len, 200000);
    assert_memory_equal(q.data, p.data, 200000);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
}

static void test_fresh_salt_and_key(void **state)
{
    (void)state;
    tend_buf a = TEND_BUF_INIT, b = TEND_BUF_INIT, p = TEND_BUF_INIT;
    S_seal(100, CHUNK, &a, &p);
    S_seal(100, CHUNK, &b, &p);
    assert_int_equal(a.len, b.len);
    assert_memory_not_equal(a.data + 32, b.data + 32, 16); /* salt */
    assert_memory_not_equal(a.data + TEND_BUNDLE_HEADER_LEN, b.data + TEND_BUNDLE_HEADER_LEN,
                            100);
    for (size_t i = 0; i + 26 <= a.len; i++) /* no plaintext run in the bundle */
        assert_memory_not_equal(a.data + i, p.data, 26);
    tend_buf_free(&a);
    tend_buf_free(&b);
    tend_buf_free(&p);
}

static void test_wrong_passphrase(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT;
    S_seal(300, CHUNK, &b, &p);
    tend_error e;
    assert_int_equal(tend_bundle_open(b.data, b.len, "bundle pasS", PASSLEN, &q, &e), TEND_EPASS);
    assert_int_equal(q.len, 0);
    assert_non_null(strstr(e.msg, "wrong passphrase"));
    assert_int_equal(tend_bundle_seal("x", 1, "", 0, TEND_KDF_MIN, CHUNK, &q, &e), TEND_EINVAL);
    assert_int_equal(tend_bundle_seal("x", 1, PASS, PASSLEN, TEND_KDF_MIN, 10, &q, &e),
                     TEND_EINVAL);
    assert_int_equal(tend_bundle_seal("x", 1, PASS, PASSLEN, TEND_KDF_KEEP, CHUNK, &q, &e),
                     TEND_EUSAGE);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
}

/* Every byte of a 4-chunk bundle flipped (two different bit patterns):
 * the checksum catches all of them as damage. */
static void test_every_byte_flipped(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT;
    S_seal(3 * CHUNK + 10, CHUNK, &b, &p);
    unsigned char *d = (unsigned char *)b.data;
    for (size_t i = 0; i < b.len; i++) {
        for (int k = 0; k < 2; k++) {
            unsigned char mask = k ? 0x80 : 0x01;
            d[i] ^= mask;
            tend_error e;
            if (S_open(d, b.len, &q, &e) != TEND_EDAMAGED)
                fail_msg("flipping byte %zu (mask %#x) was not caught as damage", i, mask);
            d[i] ^= mask;
        }
    }
    tend_error e;
    assert_int_equal(S_open(d, b.len, &q, &e), TEND_OK);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
}

/* The same with the checksum rewritten: now the AEAD must refuse every
 * changed byte (header bytes are additional data of every chunk). */
static void test_every_byte_flipped_checksum_fixed(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT;
    S_seal(3 * CHUNK + 10, CHUNK, &b, &p);
    unsigned char *d = (unsigned char *)b.data;
    size_t body = b.len - TEND_BUNDLE_CHECKSUM_LEN;
    for (size_t i = 0; i < body; i++) {
        d[i] ^= 0x04;
        S_fix_sum(d, b.len);
        tend_error e;
        tend_status st = S_open(d, b.len, &q, &e);
        if (st == TEND_OK)
            fail_msg("a change at byte %zu went unnoticed", i);
        /* Past the first chunk, a failure is damage, not a passphrase. */
        if (i >= TEND_BUNDLE_HEADER_LEN + CHUNK + TEND_BUNDLE_CHUNK_ABYTES &&
            st != TEND_EDAMAGED)
            fail_msg("a change at byte %zu gave status %d, not damage", i, (int)st);
        d[i] ^= 0x04;
    }
    S_fix_sum(d, b.len);
    tend_error e;
    assert_int_equal(S_open(d, b.len, &q, &e), TEND_OK);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
}

static void test_every_truncation(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT, c = TEND_BUF_INIT;
    S_seal(3 * CHUNK + 10, CHUNK, &b, &p);
    for (size_t n = 0; n < b.len; n++) {
        tend_error e;
        if (S_open(b.data, n, &q, &e) != TEND_EDAMAGED)
            fail_msg("a bundle cut to %zu of %zu bytes was not refused as damaged", n, b.len);
        /* And with a checksum that fits the shorter file (at n = len - 32
         * that is the original bundle again). */
        if (n >= TEND_BUNDLE_HEADER_LEN && n != b.len - TEND_BUNDLE_CHECKSUM_LEN) {
            tend_buf_reset(&c);
            assert_int_equal(tend_buf_append(&c, b.data, n), TEND_OK);
            assert_int_equal(tend_buf_append(&c, b.data, TEND_BUNDLE_CHECKSUM_LEN), TEND_OK);
            S_fix_sum((unsigned char *)c.data, c.len);
            tend_status st = S_open(c.data, c.len, &q, &e);
            if (st == TEND_OK)
                fail_msg("a bundle cut to %zu bytes (checksum fixed) was accepted", n);
        }
    }
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
    tend_buf_free(&c);
}

/* Builds header + the chunks in order (indices into the original) + sum. */
static void S_rebuild(const tend_buf *b, const int *order, size_t n, tend_buf *out)
{
    size_t full = CHUNK + TEND_BUNDLE_CHUNK_ABYTES;
    size_t body = b->len - TEND_BUNDLE_CHECKSUM_LEN;
    tend_buf_reset(out);
    assert_int_equal(tend_buf_append(out, b->data, TEND_BUNDLE_HEADER_LEN), TEND_OK);
    for (size_t i = 0; i < n; i++) {
        size_t off = TEND_BUNDLE_HEADER_LEN + (size_t)order[i] * full;
        size_t len = off + full <= body ? full : body - off;
        assert_int_equal(tend_buf_append(out, b->data + off, len), TEND_OK);
    }
    assert_int_equal(tend_buf_append(out, b->data, TEND_BUNDLE_CHECKSUM_LEN), TEND_OK);
    S_fix_sum((unsigned char *)out->data, out->len);
}

static void test_reordered_dropped_duplicated(void **state)
{
    (void)state;
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT, c = TEND_BUF_INIT;
    S_seal(4 * CHUNK + 10, CHUNK, &b, &p); /* chunks 0..3 full, 4 final */
    static const int same[] = { 0, 1, 2, 3, 4 };
    static const int swapped[] = { 0, 2, 1, 3, 4 };
    static const int first_swapped[] = { 1, 0, 2, 3, 4 };
    static const int dropped[] = { 0, 1, 3, 4 };
    static const int no_final[] = { 0, 1, 2, 3 };
    static const int repeated[] = { 0, 1, 1, 2, 3, 4 };
    static const int after_final[] = { 0, 1, 2, 3, 4, 3 };
    tend_error e;
    S_rebuild(&b, same, 5, &c);
    assert_int_equal(c.len, b.len);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_OK); /* the rebuild itself is sound */
    S_rebuild(&b, swapped, 5, &c);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_EDAMAGED);
    S_rebuild(&b, first_swapped, 5, &c);
    assert_int_not_equal(S_open(c.data, c.len, &q, &e), TEND_OK);
    S_rebuild(&b, dropped, 4, &c);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_EDAMAGED);
    S_rebuild(&b, no_final, 4, &c);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_EDAMAGED);
    assert_non_null(strstr(e.msg, "cut off"));
    S_rebuild(&b, repeated, 6, &c);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_EDAMAGED);
    S_rebuild(&b, after_final, 6, &c);
    assert_int_equal(S_open(c.data, c.len, &q, &e), TEND_EDAMAGED);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
    tend_buf_free(&c);
}

static void S_put_be(unsigned char *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

/* Parameters outside the bounds are refused from the header alone: with
 * 4 GiB or 100 passes, Argon2id would take seconds, so reaching it would
 * be visible; the message names the bound instead. */
static void test_header_bounds(void **state)
{
    (void)state;
    static const struct {
        size_t off;
        int n;
        uint64_t v;
        const char *says;
    } cases[] = {
        { 24, 8, 4ull << 30, "bytes of memory is outside" },
        { 24, 8, 1, "bytes of memory is outside" },
        { 16, 8, 100, "passes is outside" },
        { 16, 8, 0, "passes is outside" },
        { 12, 4, 1, "unknown key-derivation algorithm" },
        { 8, 4, 2, "version 2" },
        { 48, 4, 0, "chunk size" },
        { 48, 4, 1u << 21, "chunk size" },
    };
    tend_buf b = TEND_BUF_INIT, p = TEND_BUF_INIT, q = TEND_BUF_INIT;
    S_seal(100, CHUNK, &b, &p);
    unsigned char *d = (unsigned char *)b.data;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char saved[8];
        memcpy(saved, d + cases[i].off, (size_t)cases[i].n);
        S_put_be(d + cases[i].off, cases[i].v, cases[i].n);
        S_fix_sum(d, b.len);
        tend_error e;
        assert_int_equal(tend_bundle_check(d, b.len, NULL, &e), TEND_EDAMAGED);
        assert_non_null(strstr(e.msg, cases[i].says));
        assert_int_equal(S_open(d, b.len, &q, &e), TEND_EDAMAGED);
        assert_non_null(strstr(e.msg, cases[i].says));
        memcpy(d + cases[i].off, saved, (size_t)cases[i].n);
    }
    S_fix_sum(d, b.len);
    tend_bundle_info info;
    tend_error e;
    assert_int_equal(tend_bundle_check(d, b.len, &info, &e), TEND_OK);
    assert_int_equal(info.version, 1);
    assert_int_equal(info.alg, crypto_pwhash_ALG_ARGON2ID13);
    assert_int_equal(info.ops, crypto_pwhash_OPSLIMIT_MIN);
    assert_int_equal(info.mem, crypto_pwhash_MEMLIMIT_MIN);
    assert_int_equal(info.chunk, CHUNK);
    tend_buf_free(&b);
    tend_buf_free(&p);
    tend_buf_free(&q);
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(tend_bundle_detect("TENDBNDL....", 12), TEND_BUNDLE_YES);
    assert_int_equal(tend_bundle_detect("TENDBNDX....", 12), TEND_BUNDLE_DAMAGED);
    assert_int_equal(tend_bundle_detect("TXNDBNDX....", 12), TEND_BUNDLE_DAMAGED);
    assert_int_equal(tend_bundle_detect("{\"format\": 1", 12), TEND_BUNDLE_NO);
    assert_int_equal(tend_bundle_detect("TEND", 4), TEND_BUNDLE_NO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_sizes),
        cmocka_unit_test(test_fresh_salt_and_key),
        cmocka_unit_test(test_wrong_passphrase),
        cmocka_unit_test(test_every_byte_flipped),
        cmocka_unit_test(test_every_byte_flipped_checksum_fixed),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_reordered_dropped_duplicated),
        cmocka_unit_test(test_header_bounds),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
