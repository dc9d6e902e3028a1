/*
 * bundle.c — the encrypted export bundle (docs/EXPORT.md, "Encrypted
 * bundle"): Argon2id13 from a passphrase, crypto_secretstream_xchacha20poly1305
 * in chunks with the header as additional data, a final tag, and an
 * unkeyed BLAKE2b checksum that tells damage from a wrong passphrase.
 *
 * Layout (all integers big-endian):
 *   0  magic "TENDBNDL"        8
 *   8  version (1)             4
 *  12  alg (2 = Argon2id13)    4
 *  16  ops                     8
 *  24  mem (bytes)             8
 *  32  salt                   16
 *  48  chunk (plaintext bytes) 4
 *  52  secretstream header    24
 *  76  chunks: each min(chunk, left) + 17 bytes; the last has TAG_FINAL
 *  end-32  BLAKE2b-256 of every byte before it
 */
#include "tend/bundle.h"

#include <sodium.h>
#include <string.h>

#define S_OFF_VERSION 8
#define S_OFF_ALG 12
#define S_OFF_OPS 16
#define S_OFF_MEM 24
#define S_OFF_SALT 32
#define S_OFF_CHUNK 48
#define S_OFF_STREAM 52
#define S_KEY_LEN crypto_secretstream_xchacha20poly1305_KEYBYTES

_Static_assert(S_OFF_STREAM + crypto_secretstream_xchacha20poly1305_HEADERBYTES ==
                   TEND_BUNDLE_HEADER_LEN, "header length");
_Static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == TEND_BUNDLE_CHUNK_ABYTES,
               "chunk overhead");
_Static_assert(crypto_pwhash_SALTBYTES == S_OFF_CHUNK - S_OFF_SALT, "salt");
_Static_assert(crypto_pwhash_ALG_ARGON2ID13 == TEND_VAULT_ALG_ARGON2ID13, "alg");
_Static_assert(crypto_generichash_BYTES == TEND_BUNDLE_CHECKSUM_LEN, "checksum");
_Static_assert(sizeof TEND_BUNDLE_MAGIC - 1 == TEND_BUNDLE_MAGIC_LEN, "magic");

/* Writes the n low bytes of v to p[0..n), big-endian. */
static void S_put(uint8_t *p, uint64_t v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

/* The big-endian number in p[0..n) (n <= 8). */
static uint64_t S_get(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

tend_bundle_kind tend_bundle_detect(const void *data, size_t len)
{
    if (len < TEND_BUNDLE_MAGIC_LEN)
        return TEND_BUNDLE_NO;
    int differ = 0;
    for (size_t i = 0; i < TEND_BUNDLE_MAGIC_LEN; i++)
        differ += ((const uint8_t *)data)[i] != (uint8_t)TEND_BUNDLE_MAGIC[i];
    return differ == 0 ? TEND_BUNDLE_YES : differ <= 2 ? TEND_BUNDLE_DAMAGED : TEND_BUNDLE_NO;
}

/* The ops/mem bounds of this build, from the vault's own levels, so a
 * bundle accepts exactly what a journal accepts. */
static tend_status S_bounds(uint64_t *ops_lo, uint64_t *ops_hi, uint64_t *mem_lo,
                            uint64_t *mem_hi, tend_error *err)
{
#ifdef TEND_TEST_BUILD
    tend_kdf_level lo = TEND_KDF_MIN;
#else
    tend_kdf_level lo = TEND_KDF_INTERACTIVE;
#endif
    if (tend_kdf_level_params(lo, ops_lo, mem_lo, err) != TEND_OK ||
        tend_kdf_level_params(TEND_KDF_SENSITIVE, ops_hi, mem_hi, err) != TEND_OK)
        return TEND_ERR;
    return TEND_OK;
}

tend_status tend_bundle_check_header(const void *data, size_t len, tend_bundle_info *info,
                                     tend_error *err)
{
    const uint8_t *p = data;
    if (len < TEND_BUNDLE_HEADER_LEN + TEND_BUNDLE_CHUNK_ABYTES + TEND_BUNDLE_CHECKSUM_LEN)
        return tend_fail(err, TEND_EDAMAGED, "the bundle is too short to be whole (%zu bytes); "
                         "it was cut off or is not a tend bundle", len);
    if (memcmp(p, TEND_BUNDLE_MAGIC, TEND_BUNDLE_MAGIC_LEN) != 0)
        return tend_fail(err, TEND_EDAMAGED, "this is not a tend bundle, or its first bytes "
                         "are damaged");
    tend_bundle_info in;
    in.version = (uint32_t)S_get(p + S_OFF_VERSION, 4);
    in.alg = (uint32_t)S_get(p + S_OFF_ALG, 4);
    in.ops = S_get(p + S_OFF_OPS, 8);
    in.mem = S_get(p + S_OFF_MEM, 8);
    in.chunk = (uint32_t)S_get(p + S_OFF_CHUNK, 4);
    if (in.version != TEND_BUNDLE_VERSION)
        return tend_fail(err, TEND_EDAMAGED, "the bundle has version %u, which this tend does "
                         "not know (it reads version %u): it is damaged, or made by a newer tend",
                         (unsigned)in.version, (unsigned)TEND_BUNDLE_VERSION);
    if (in.alg != TEND_VAULT_ALG_ARGON2ID13)
        return tend_fail(err, TEND_EDAMAGED, "the bundle's key settings are damaged (unknown "
                         "key-derivation algorithm %u)", (unsigned)in.alg);
    uint64_t ops_lo, ops_hi, mem_lo, mem_hi;
    if (S_bounds(&ops_lo, &ops_hi, &mem_lo, &mem_hi, err) != TEND_OK)
        return TEND_ERR;
    if (in.ops < ops_lo || in.ops > ops_hi)
        return tend_fail(err, TEND_EDAMAGED, "the bundle's key settings are damaged or tampered "
                         "with (%llu passes is outside %llu..%llu); refusing to use them",
                         (unsigned long long)in.ops, (unsigned long long)ops_lo,
                         (unsigned long long)ops_hi);
    if (in.mem < mem_lo || in.mem > mem_hi || in.mem > SIZE_MAX)
        return tend_fail(err, TEND_EDAMAGED, "the bundle's key settings are damaged or tampered "
                         "with (%llu bytes of memory is outside %llu..%llu); refusing to use them",
                         (unsigned long long)in.mem, (unsigned long long)mem_lo,
                         (unsigned long long)mem_hi);
    if (in.chunk < TEND_BUNDLE_CHUNK_MIN || in.chunk > TEND_BUNDLE_CHUNK_MAX)
        return tend_fail(err, TEND_EDAMAGED, "the bundle's chunk size %u is outside %u..%u; "
                         "it is damaged", (unsigned)in.chunk, TEND_BUNDLE_CHUNK_MIN,
                         TEND_BUNDLE_CHUNK_MAX);
    if (info)
        *info = in;
    return TEND_OK;
}

tend_status tend_bundle_check(const void *data, size_t len, tend_bundle_info *info,
                              tend_error *err)
{
    if (sodium_init() < 0)
        return tend_fail(err, TEND_ERR, "the crypto library could not start");
    const uint8_t *p = data;
    if (len >= TEND_BUNDLE_CHECKSUM_LEN) {
        uint8_t sum[TEND_BUNDLE_CHECKSUM_LEN];
        crypto_generichash(sum, sizeof sum, p, len - TEND_BUNDLE_CHECKSUM_LEN, NULL, 0);
        if (sodium_memcmp(sum, p + len - TEND_BUNDLE_CHECKSUM_LEN, sizeof sum) != 0)
            return tend_fail(err, TEND_EDAMAGED, "the bundle is damaged: its checksum does not "
                             "match, so it was cut off or changed after it was written");
    }
    return tend_bundle_check_header(p, len, info, err);
}

/* key = Argon2id13(pass, salt, ops, mem) into secure memory *key. */
static tend_status S_key(const uint8_t *hdr, const char *pass, size_t pass_len, uint64_t ops,
                         uint64_t mem, uint8_t **key, tend_error *err)
{
    static const char empty[1] = "";
    *key = tend_secure_alloc(S_KEY_LEN);
    if (!*key)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    if (crypto_pwhash(*key, S_KEY_LEN, pass ? pass : empty, pass_len, hdr + S_OFF_SALT, ops,
                      (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        tend_secure_free(*key);
        *key = NULL;
        return tend_fail(err, TEND_ENOMEM, "not enough memory to derive the bundle's key "
                         "(%llu bytes needed)", (unsigned long long)mem);
    }
    return TEND_OK;
}

tend_status tend_bundle_seal(const void *plain, size_t len, const char *pass, size_t pass_len,
                             tend_kdf_level level, size_t chunk, tend_buf *out, tend_error *err)
{
    tend_buf_reset(out);
    if (sodium_init() < 0)
        return tend_fail(err, TEND_ERR, "the crypto library could not start");
    if (pass_len == 0)
        return tend_fail(err, TEND_EINVAL, "the bundle's passphrase is empty; choose one");
    if (chunk == 0)
        chunk = TEND_BUNDLE_CHUNK_DEFAULT;
    if (chunk < TEND_BUNDLE_CHUNK_MIN || chunk > TEND_BUNDLE_CHUNK_MAX)
        return tend_fail(err, TEND_EINVAL, "a bundle chunk must be %u..%u bytes",
                         TEND_BUNDLE_CHUNK_MIN, TEND_BUNDLE_CHUNK_MAX);
    uint64_t ops, mem;
    if (level == TEND_KDF_KEEP)
        return tend_fail(err, TEND_EUSAGE, "choose a key-derivation level for the bundle");
    tend_status st = tend_kdf_level_params(level, &ops, &mem, err);
    if (st != TEND_OK)
        return st;
    size_t nchunks = len / chunk + 1;
    size_t total = TEND_BUNDLE_HEADER_LEN + len + nchunks * TEND_BUNDLE_CHUNK_ABYTES +
                   TEND_BUNDLE_CHECKSUM_LEN;
    if (len > SIZE_MAX / 2 || tend_buf_reserve(out, total) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");

    uint8_t hdr[TEND_BUNDLE_HEADER_LEN];
    memcpy(hdr, TEND_BUNDLE_MAGIC, TEND_BUNDLE_MAGIC_LEN);
    S_put(hdr + S_OFF_VERSION, TEND_BUNDLE_VERSION, 4);
    S_put(hdr + S_OFF_ALG, crypto_pwhash_ALG_ARGON2ID13, 4);
    S_put(hdr + S_OFF_OPS, ops, 8);
    S_put(hdr + S_OFF_MEM, mem, 8);
    randombytes_buf(hdr + S_OFF_SALT, crypto_pwhash_SALTBYTES);
    S_put(hdr + S_OFF_CHUNK, chunk, 4);

    uint8_t *key = NULL;
    st = S_key(hdr, pass, pass_len, ops, mem, &key, err);
    if (st != TEND_OK)
        return st;
    crypto_secretstream_xchacha20poly1305_state *ss = tend_secure_alloc(sizeof *ss);
    if (!ss) {
        tend_secure_free(key);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    crypto_secretstream_xchacha20poly1305_init_push(ss, hdr + S_OFF_STREAM, key);
    tend_secure_free(key);
    /* Room was reserved for everything, so no append below can fail. */
    memcpy(out->data, hdr, TEND_BUNDLE_HEADER_LEN);
    out->len = TEND_BUNDLE_HEADER_LEN;
    const uint8_t *in = plain;
    size_t left = len;
    do {
        size_t m = left < chunk ? left : chunk;
        uint8_t tag = m == left ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
        unsigned long long clen = 0;
        if (crypto_secretstream_xchacha20poly1305_push(ss, (uint8_t *)out->data + out->len, &clen,
                                                       m ? in : NULL, m, hdr, sizeof hdr,
                                                       tag) != 0) {
            st = tend_fail(err, TEND_ERR, "could not seal the bundle");
            break;
        }
        out->len += (size_t)clen;
        in += m;
        left -= m;
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
            break;
    } while (1);
    tend_secure_free(ss);
    if (st == TEND_OK) {
        crypto_generichash((uint8_t *)out->data + out->len, TEND_BUNDLE_CHECKSUM_LEN,
                           (const uint8_t *)out->data, out->len, NULL, 0);
        out->len += TEND_BUNDLE_CHECKSUM_LEN;
        out->data[out->len] = '\0';
    } else {
        tend_buf_reset(out);
    }
    return st;
}

tend_status tend_bundle_open(const void *data, size_t len, const char *pass, size_t pass_len,
                             tend_buf *plain, tend_error *err)
{
    tend_buf_reset(plain);
    if (sodium_init() < 0)
        return tend_fail(err, TEND_ERR, "the crypto library could not start");
    const uint8_t *p = data;
    tend_bundle_info info;
    tend_status st = tend_bundle_check(p, len, &info, err);
    if (st != TEND_OK)
        return st;
    uint8_t *key = NULL;
    st = S_key(p, pass, pass_len, info.ops, info.mem, &key, err);
    if (st != TEND_OK)
        return st;
    crypto_secretstream_xchacha20poly1305_state *ss = tend_secure_alloc(sizeof *ss);
    if (!ss) {
        tend_secure_free(key);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    int irc = crypto_secretstream_xchacha20poly1305_init_pull(ss, p + S_OFF_STREAM, key);
    tend_secure_free(key);
    size_t body_end = len - TEND_BUNDLE_CHECKSUM_LEN;
    size_t off = TEND_BUNDLE_HEADER_LEN;
    size_t full = (size_t)info.chunk + TEND_BUNDLE_CHUNK_ABYTES;
    size_t index = 0;
    bool final = false;
    if (irc != 0)
        st = tend_fail(err, TEND_EDAMAGED, "the bundle's stream header is damaged");
    if (st == TEND_OK && tend_buf_reserve(plain, body_end - off) != TEND_OK)
        st = tend_fail(err, TEND_ENOMEM, "out of memory");
    while (st == TEND_OK && off < body_end) {
        size_t n = body_end - off < full ? body_end - off : full;
        unsigned long long mlen = 0;
        uint8_t tag = 0;
        if (n < TEND_BUNDLE_CHUNK_ABYTES ||
            crypto_secretstream_xchacha20poly1305_pull(ss, (uint8_t *)plain->data + plain->len,
                                                       &mlen, &tag, p + off, n, p,
                                                       TEND_BUNDLE_HEADER_LEN) != 0) {
            if (index == 0)
                st = tend_fail(err, TEND_EPASS, "wrong passphrase for this bundle (or the bundle "
                               "was altered on purpose)");
            else
                st = tend_fail(err, TEND_EDAMAGED, "the bundle is damaged or was tampered with: "
                               "part %zu does not open (changed, moved or missing)", index + 1);
            break;
        }
        plain->len += (size_t)mlen;
        off += n;
        index++;
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            final = true;
            break;
        }
        if (n != full)
            st = tend_fail(err, TEND_EDAMAGED, "the bundle is damaged: part %zu is short and is "
                           "not the last", index);
    }
    if (st == TEND_OK && !final)
        st = tend_fail(err, TEND_EDAMAGED, "the bundle was cut off: its last part is missing");
    if (st == TEND_OK && off != body_end)
        st = tend_fail(err, TEND_EDAMAGED, "the bundle is damaged: there is data after its "
                       "last part");
    tend_secure_free(ss);
    if (st != TEND_OK)
        tend_buf_reset(plain);
    else if (plain->data)
        plain->data[plain->len] = '\0';
    return st;
}
