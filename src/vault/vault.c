/*
 * vault.c — passphrase hashing, the wrapped data key, and sealed record
 * fields. The only file that calls libsodium crypto (docs/FORMAT.md, "##
 * Vault", is the byte-level specification of what is produced here).
 *
 * Keys: one tend_secure_alloc block holds KEK, DEK and the record subkey.
 * The tend_vault struct itself holds only public parameters (format, alg,
 * ops, mem, salt) and a pointer to that block.
 */
#include "tend/vault.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Subkey derivation: crypto_kdf_derive_from_key(subkey, 32, id, ctx, DEK). */
#define S_SUBKEY_CTX "tendrec1"   /* exactly crypto_kdf_CONTEXTBYTES (8) */
#define S_SUBKEY_ID_RECORDS 1u
#define S_FIELD_MAX 32
#define S_WRAP_AAD_LEN (4 + 4 + 8 + 8 + TEND_VAULT_SALT_LEN)
#define S_SEAL_AAD_MAX (4 + TEND_UUID_LEN + S_FIELD_MAX)

typedef struct {
    uint8_t kek[TEND_VAULT_KEY_LEN];
    uint8_t dek[TEND_VAULT_KEY_LEN];
    uint8_t sub[TEND_VAULT_KEY_LEN];
} vault_keys;

struct tend_vault {
    vault_keys *keys;     /* tend_secure_alloc; wiped (not freed) on lock */
    bool locked;
    uint32_t format;
    uint32_t alg;
    uint64_t ops;
    uint64_t mem;
    uint8_t salt[TEND_VAULT_SALT_LEN];
};

_Static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == TEND_VAULT_NONCE_LEN, "nonce");
_Static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == TEND_VAULT_TAG_LEN, "tag");
_Static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == TEND_VAULT_KEY_LEN, "key");
_Static_assert(crypto_pwhash_SALTBYTES == TEND_VAULT_SALT_LEN, "salt");
_Static_assert(crypto_pwhash_ALG_ARGON2ID13 == TEND_VAULT_ALG_ARGON2ID13, "alg");
_Static_assert(sizeof(S_SUBKEY_CTX) - 1 == crypto_kdf_CONTEXTBYTES, "kdf context");
_Static_assert(crypto_kdf_KEYBYTES == TEND_VAULT_KEY_LEN, "kdf key");

/* ---- small helpers -------------------------------------------------------- */

static void S_put32(uint8_t *p, uint32_t v)
{
    for (int i = 3; i >= 0; i--) {
        p[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

/* Writes v to p[0..8), big-endian. */
static void S_put64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--) {
        p[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

/* Makes sure libsodium is started. TEND_ERR when it cannot start. */
static tend_status S_sodium(tend_error *err)
{
    if (sodium_init() < 0)
        return tend_fail(err, TEND_ERR, "the crypto library could not start; tend cannot go on");
    return TEND_OK;
}

/* Bounds of ops/mem this build accepts. */
static void S_bounds(uint64_t *ops_lo, uint64_t *ops_hi, uint64_t *mem_lo, uint64_t *mem_hi)
{
#ifdef TEND_TEST_BUILD
    *ops_lo = crypto_pwhash_OPSLIMIT_MIN;
    *mem_lo = crypto_pwhash_MEMLIMIT_MIN;
#else
    *ops_lo = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    *mem_lo = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#endif
    *ops_hi = crypto_pwhash_OPSLIMIT_SENSITIVE;
    *mem_hi = crypto_pwhash_MEMLIMIT_SENSITIVE;
}

/* ---- KDF levels ------------------------------------------------------------ */

static const struct {
    tend_kdf_level level;
    const char *name;
} S_levels[] = {
    { TEND_KDF_INTERACTIVE, "interactive" },
    { TEND_KDF_MODERATE, "moderate" },
    { TEND_KDF_SENSITIVE, "sensitive" },
#ifdef TEND_TEST_BUILD
    { TEND_KDF_MIN, "min" },
#endif
};

tend_status tend_kdf_level_parse(const char *name, tend_kdf_level *out, tend_error *err)
{
    for (size_t i = 0; name && i < sizeof S_levels / sizeof S_levels[0]; i++) {
        if (strcmp(name, S_levels[i].name) == 0) {
            *out = S_levels[i].level;
            return TEND_OK;
        }
    }
    return tend_fail(err, TEND_EUSAGE, "unknown key-derivation level '%s'; choose interactive, "
                     "moderate or sensitive", name ? name : "");
}

const char *tend_kdf_level_name(tend_kdf_level level)
{
    switch (level) {
    case TEND_KDF_INTERACTIVE: return "interactive";
    case TEND_KDF_MODERATE: return "moderate";
    case TEND_KDF_SENSITIVE: return "sensitive";
    case TEND_KDF_MIN: return "min";
    case TEND_KDF_KEEP: break;
    }
    return "custom";
}

tend_status tend_kdf_level_params(tend_kdf_level level, uint64_t *ops, uint64_t *mem,
                                  tend_error *err)
{
    switch (level) {
    case TEND_KDF_INTERACTIVE:
        *ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        *mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
        return TEND_OK;
    case TEND_KDF_MODERATE:
        *ops = crypto_pwhash_OPSLIMIT_MODERATE;
        *mem = crypto_pwhash_MEMLIMIT_MODERATE;
        return TEND_OK;
    case TEND_KDF_SENSITIVE:
        *ops = crypto_pwhash_OPSLIMIT_SENSITIVE;
        *mem = crypto_pwhash_MEMLIMIT_SENSITIVE;
        return TEND_OK;
    case TEND_KDF_MIN:
#ifdef TEND_TEST_BUILD
        *ops = crypto_pwhash_OPSLIMIT_MIN;
        *mem = crypto_pwhash_MEMLIMIT_MIN;
        return TEND_OK;
#else
        break;
#endif
    case TEND_KDF_KEEP:
        break;
    }
    return tend_fail(err, TEND_EUSAGE, "this key-derivation level is not available; choose "
                     "interactive, moderate or sensitive");
}

/* ---- header checks and the wrap AAD -------------------------------------- */

tend_status tend_vault_check_header(const tend_vault_header *hdr, tend_error *err)
{
    if (hdr->format > TEND_FORMAT_VERSION)
        return tend_fail(err, TEND_ERR, "this journal was written by a newer tend (format %u; "
                         "this tend reads format %u); update tend to open it",
                         (unsigned)hdr->format, (unsigned)TEND_FORMAT_VERSION);
    if (hdr->format != TEND_FORMAT_VERSION)
        return tend_fail(err, TEND_EDAMAGED, "the journal's key settings are damaged (format %u "
                         "is not valid); restore it from a backup", (unsigned)hdr->format);
    if (hdr->alg != TEND_VAULT_ALG_ARGON2ID13)
        return tend_fail(err, TEND_EDAMAGED, "the journal's key settings are damaged (unknown "
                         "key-derivation algorithm %u); restore it from a backup",
                         (unsigned)hdr->alg);
    uint64_t ops_lo, ops_hi, mem_lo, mem_hi;
    S_bounds(&ops_lo, &ops_hi, &mem_lo, &mem_hi);
    if (hdr->ops < ops_lo || hdr->ops > ops_hi)
        return tend_fail(err, TEND_EDAMAGED, "the journal's key settings are damaged or tampered "
                         "with (%llu passes is outside %llu..%llu); refusing to use them",
                         (unsigned long long)hdr->ops, (unsigned long long)ops_lo,
                         (unsigned long long)ops_hi);
    if (hdr->mem < mem_lo || hdr->mem > mem_hi || hdr->mem > SIZE_MAX)
        return tend_fail(err, TEND_EDAMAGED, "the journal's key settings are damaged or tampered "
                         "with (%llu bytes of memory is outside %llu..%llu); refusing to use them",
                         (unsigned long long)hdr->mem, (unsigned long long)mem_lo,
                         (unsigned long long)mem_hi);
    return TEND_OK;
}

/* The AAD of the wrapped data key: format, algorithm, ops, mem and salt
 * of hdr (docs/FORMAT.md "Vault"). */
static void S_wrap_aad(const tend_vault_header *hdr, uint8_t aad[S_WRAP_AAD_LEN])
{
    S_put32(aad, hdr->format);
    S_put32(aad + 4, hdr->alg);
    S_put64(aad + 8, hdr->ops);
    S_put64(aad + 16, hdr->mem);
    memcpy(aad + 24, hdr->salt, TEND_VAULT_SALT_LEN);
}

/* KEK = Argon2id13(pass, salt, ops, mem), into kek[32]. hdr must have
 * passed tend_vault_check_header. */
static tend_status S_kek(const tend_vault_header *hdr, const char *pass, size_t pass_len,
                         uint8_t kek[TEND_VAULT_KEY_LEN], tend_error *err)
{
    static const char empty[1] = "";
    if (crypto_pwhash(kek, TEND_VAULT_KEY_LEN, pass_len ? pass : empty, pass_len, hdr->salt,
                      (unsigned long long)hdr->ops, (size_t)hdr->mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return tend_fail(err, TEND_ENOMEM, "not enough memory to derive the key (%llu MiB "
                         "needed); close other programs and try again",
                         (unsigned long long)(hdr->mem >> 20));
    return TEND_OK;
}

/* Wraps keys->dek under keys->kek with the AAD of hdr into hdr->wrapped. */
static tend_status S_wrap(const vault_keys *keys, tend_vault_header *hdr, tend_error *err)
{
    uint8_t aad[S_WRAP_AAD_LEN];
    S_wrap_aad(hdr, aad);
    uint8_t *nonce = hdr->wrapped;
    randombytes_buf(nonce, TEND_VAULT_NONCE_LEN);
    unsigned long long clen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(hdr->wrapped + TEND_VAULT_NONCE_LEN, &clen,
                                                   keys->dek, TEND_VAULT_KEY_LEN, aad, sizeof aad,
                                                   NULL, nonce, keys->kek) != 0
        || clen != TEND_VAULT_KEY_LEN + TEND_VAULT_TAG_LEN)
        return tend_fail(err, TEND_ERR, "could not wrap the journal key");
    return TEND_OK;
}

/* Derives the record subkey from the data key in keys. TEND_ERR. */
static tend_status S_subkey(vault_keys *keys, tend_error *err)
{
    if (crypto_kdf_derive_from_key(keys->sub, TEND_VAULT_KEY_LEN, S_SUBKEY_ID_RECORDS,
                                   S_SUBKEY_CTX, keys->dek) != 0)
        return tend_fail(err, TEND_ERR, "could not derive the record key");
    return TEND_OK;
}

/* A vault with a fresh secure key block and hdr's public parameters. */
static tend_vault *S_vault_new(const tend_vault_header *hdr)
{
    tend_vault *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->keys = tend_secure_alloc(sizeof *v->keys);
    if (!v->keys) {
        free(v);
        return NULL;
    }
    sodium_memzero(v->keys, sizeof *v->keys);
    v->format = hdr->format;
    v->alg = hdr->alg;
    v->ops = hdr->ops;
    v->mem = hdr->mem;
    memcpy(v->salt, hdr->salt, TEND_VAULT_SALT_LEN);
    return v;
}

/* Fills hdr with v's public parameters (the wrapped key left zero). */
static void S_header_from(const tend_vault *v, tend_vault_header *hdr)
{
    memset(hdr, 0, sizeof *hdr);
    hdr->format = v->format;
    hdr->alg = v->alg;
    hdr->ops = v->ops;
    hdr->mem = v->mem;
    memcpy(hdr->salt, v->salt, TEND_VAULT_SALT_LEN);
}

/* TEND_OK when v has its keys; TEND_ERR when it is locked. */
static tend_status S_usable(const tend_vault *v, tend_error *err)
{
    if (!v || v->locked || !v->keys)
        return tend_fail(err, TEND_ERR, "the journal is locked; unlock it again with the "
                         "passphrase");
    return TEND_OK;
}

/* ---- create, unlock, rewrap, rekey ---------------------------------------- */

tend_status tend_vault_create(const char *pass, size_t pass_len, tend_kdf_level level,
                              tend_vault **out, tend_vault_header *hdr, tend_error *err)
{
    *out = NULL;
    tend_status st = S_sodium(err);
    if (st != TEND_OK)
        return st;
    tend_vault_header h;
    memset(&h, 0, sizeof h);
    h.format = TEND_FORMAT_VERSION;
    h.alg = TEND_VAULT_ALG_ARGON2ID13;
    if ((st = tend_kdf_level_params(level, &h.ops, &h.mem, err)) != TEND_OK)
        return st;
    if ((st = tend_vault_check_header(&h, err)) != TEND_OK)
        return st;
    randombytes_buf(h.salt, sizeof h.salt);
    tend_vault *v = S_vault_new(&h);
    if (!v)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    randombytes_buf(v->keys->dek, TEND_VAULT_KEY_LEN);
    if ((st = S_kek(&h, pass, pass_len, v->keys->kek, err)) != TEND_OK
        || (st = S_wrap(v->keys, &h, err)) != TEND_OK
        || (st = S_subkey(v->keys, err)) != TEND_OK) {
        tend_vault_free(v);
        return st;
    }
    *hdr = h;
    *out = v;
    return TEND_OK;
}

tend_status tend_vault_unlock(const tend_vault_header *hdr, const char *pass, size_t pass_len,
                              tend_vault **out, tend_error *err)
{
    *out = NULL;
    tend_status st = S_sodium(err);
    if (st != TEND_OK)
        return st;
    if ((st = tend_vault_check_header(hdr, err)) != TEND_OK)
        return st;
    tend_vault *v = S_vault_new(hdr);
    if (!v)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    if ((st = S_kek(hdr, pass, pass_len, v->keys->kek, err)) != TEND_OK) {
        tend_vault_free(v);
        return st;
    }
    uint8_t aad[S_WRAP_AAD_LEN];
    S_wrap_aad(hdr, aad);
    unsigned long long dlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            v->keys->dek, &dlen, NULL, hdr->wrapped + TEND_VAULT_NONCE_LEN,
            TEND_VAULT_KEY_LEN + TEND_VAULT_TAG_LEN, aad, sizeof aad, hdr->wrapped,
            v->keys->kek) != 0
        || dlen != TEND_VAULT_KEY_LEN) {
        tend_vault_free(v);
        return tend_fail(err, TEND_EPASS, "wrong passphrase");
    }
    if ((st = S_subkey(v->keys, err)) != TEND_OK) {
        tend_vault_free(v);
        return st;
    }
    *out = v;
    return TEND_OK;
}

tend_status tend_vault_rewrap(tend_vault *v, const char *new_pass, size_t new_pass_len,
                              tend_kdf_level level, tend_vault_header *hdr, tend_error *err)
{
    tend_status st = S_usable(v, err);
    if (st != TEND_OK)
        return st;
    tend_vault_header h;
    S_header_from(v, &h);
    h.format = TEND_FORMAT_VERSION;
    if (level != TEND_KDF_KEEP && (st = tend_kdf_level_params(level, &h.ops, &h.mem, err)) != TEND_OK)
        return st;
    if ((st = tend_vault_check_header(&h, err)) != TEND_OK)
        return st;
    randombytes_buf(h.salt, sizeof h.salt);
    vault_keys *nk = tend_secure_alloc(sizeof *nk);
    if (!nk)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    memcpy(nk->dek, v->keys->dek, TEND_VAULT_KEY_LEN);
    memcpy(nk->sub, v->keys->sub, TEND_VAULT_KEY_LEN);
    if ((st = S_kek(&h, new_pass, new_pass_len, nk->kek, err)) != TEND_OK
        || (st = S_wrap(nk, &h, err)) != TEND_OK) {
        sodium_memzero(nk, sizeof *nk);
        tend_secure_free(nk);
        return st;
    }
    sodium_memzero(v->keys, sizeof *v->keys);
    tend_secure_free(v->keys);
    v->keys = nk;
    v->format = h.format;
    v->ops = h.ops;
    v->mem = h.mem;
    memcpy(v->salt, h.salt, TEND_VAULT_SALT_LEN);
    *hdr = h;
    return TEND_OK;
}

tend_status tend_vault_rekey(const tend_vault *v, tend_vault **out, tend_vault_header *hdr,
                             tend_error *err)
{
    *out = NULL;
    tend_status st = S_usable(v, err);
    if (st != TEND_OK)
        return st;
    tend_vault_header h;
    S_header_from(v, &h);
    h.format = TEND_FORMAT_VERSION;
    tend_vault *nv = S_vault_new(&h);
    if (!nv)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    memcpy(nv->keys->kek, v->keys->kek, TEND_VAULT_KEY_LEN);
    randombytes_buf(nv->keys->dek, TEND_VAULT_KEY_LEN);
    if ((st = S_wrap(nv->keys, &h, err)) != TEND_OK || (st = S_subkey(nv->keys, err)) != TEND_OK) {
        tend_vault_free(nv);
        return st;
    }
    *hdr = h;
    *out = nv;
    return TEND_OK;
}

/* ---- sealed fields ---------------------------------------------------------- */

size_t tend_vault_sealed_len(size_t plain_len)
{
    if (plain_len > SIZE_MAX - TEND_VAULT_PAD_BLOCK - TEND_VAULT_NONCE_LEN - TEND_VAULT_TAG_LEN)
        return 0;
    size_t padded = (plain_len / TEND_VAULT_PAD_BLOCK + 1) * TEND_VAULT_PAD_BLOCK;
    return TEND_VAULT_NONCE_LEN + padded + TEND_VAULT_TAG_LEN;
}

/* AAD = u32be(format) || uuid || field; returns its length or 0 for a bad
 * field name. */
static size_t S_seal_aad(uint32_t format, const uint8_t uuid[TEND_UUID_LEN], const char *field,
                         uint8_t aad[S_SEAL_AAD_MAX])
{
    size_t flen = field ? strnlen(field, S_FIELD_MAX + 1) : 0;
    if (flen == 0 || flen > S_FIELD_MAX)
        return 0;
    for (size_t i = 0; i < flen; i++)
        if ((unsigned char)field[i] < 0x21 || (unsigned char)field[i] > 0x7e)
            return 0;
    S_put32(aad, format);
    memcpy(aad + 4, uuid, TEND_UUID_LEN);
    memcpy(aad + 4 + TEND_UUID_LEN, field, flen);
    return 4 + TEND_UUID_LEN + flen;
}

tend_status tend_vault_seal(const tend_vault *v, const uint8_t uuid[TEND_UUID_LEN],
                            const char *field, const void *plain, size_t len,
                            tend_buf *out, tend_error *err)
{
    /* Wipes what out holds; only its contents, since a buffer reused for
     * record after record has nothing beyond them (tend_buf_clear). */
    tend_buf_clear(out);
    tend_status st = S_usable(v, err);
    if (st != TEND_OK)
        return st;
    uint8_t aad[S_SEAL_AAD_MAX];
    size_t aad_len = S_seal_aad(TEND_FORMAT_VERSION, uuid, field, aad);
    if (!aad_len)
        return tend_fail(err, TEND_EINVAL, "bad record field name");
    size_t total = tend_vault_sealed_len(len);
    if (!total)
        return tend_fail(err, TEND_ENOMEM, "the text is too large to store");
    size_t padded_cap = total - TEND_VAULT_NONCE_LEN - TEND_VAULT_TAG_LEN;
    /* The padded plaintext lives in out itself, after room for the nonce;
     * it is encrypted in place (libsodium allows m == c). */
    if (tend_buf_reserve(out, total) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    uint8_t *nonce = (uint8_t *)out->data;
    uint8_t *body = nonce + TEND_VAULT_NONCE_LEN;
    if (len)
        memcpy(body, plain, len);
    size_t padded = 0;
    if (sodium_pad(&padded, body, len, TEND_VAULT_PAD_BLOCK, padded_cap) != 0
        || padded != padded_cap) {
        tend_buf_reset(out);
        return tend_fail(err, TEND_ERR, "could not pad the record");
    }
    randombytes_buf(nonce, TEND_VAULT_NONCE_LEN);
    unsigned long long clen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_encrypt(body, &clen, body, padded, aad, aad_len, NULL,
                                                   nonce, v->keys->sub) != 0
        || clen != padded + TEND_VAULT_TAG_LEN) {
        tend_buf_reset(out);
        return tend_fail(err, TEND_ERR, "could not encrypt the record");
    }
    out->len = total;
    out->data[total] = '\0';
    return TEND_OK;
}

tend_status tend_vault_open(const tend_vault *v, const uint8_t uuid[TEND_UUID_LEN],
                            const char *field, const void *sealed, size_t len,
                            tend_buf *out, tend_error *err)
{
    /* Wipes what out holds; only its contents, since a buffer reused for
     * record after record has nothing beyond them (tend_buf_clear). */
    tend_buf_clear(out);
    tend_status st = S_usable(v, err);
    if (st != TEND_OK)
        return st;
    uint8_t aad[S_SEAL_AAD_MAX];
    size_t aad_len = S_seal_aad(TEND_FORMAT_VERSION, uuid, field, aad);
    if (!aad_len)
        return tend_fail(err, TEND_EINVAL, "bad record field name");
    if (!sealed || len < TEND_VAULT_NONCE_LEN + TEND_VAULT_PAD_BLOCK + TEND_VAULT_TAG_LEN
        || (len - TEND_VAULT_NONCE_LEN - TEND_VAULT_TAG_LEN) % TEND_VAULT_PAD_BLOCK != 0)
        return tend_fail(err, TEND_EDAMAGED, "a record is damaged or was tampered with (wrong "
                         "size)");
    const uint8_t *nonce = sealed;
    size_t clen = len - TEND_VAULT_NONCE_LEN;
    size_t padded_len = clen - TEND_VAULT_TAG_LEN;
    if (tend_buf_reserve(out, padded_len) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt((uint8_t *)out->data, &mlen, NULL,
                                                   nonce + TEND_VAULT_NONCE_LEN, clen, aad,
                                                   aad_len, nonce, v->keys->sub) != 0
        || mlen != padded_len) {
        tend_buf_reset(out);
        return tend_fail(err, TEND_EDAMAGED, "a record is damaged or was tampered with (it "
                         "does not authenticate)");
    }
    size_t unpadded = 0;
    if (sodium_unpad(&unpadded, (const uint8_t *)out->data, padded_len,
                     TEND_VAULT_PAD_BLOCK) != 0
        || padded_len - unpadded > TEND_VAULT_PAD_BLOCK) {
        tend_buf_reset(out);
        return tend_fail(err, TEND_EDAMAGED, "a record is damaged (bad padding)");
    }
    /* Wipe the padding and keep the NUL tend_buf promises. */
    sodium_memzero(out->data + unpadded, padded_len - unpadded);
    out->len = unpadded;
    out->data[unpadded] = '\0';
    return TEND_OK;
}

/* ---- lock, free, random ---------------------------------------------------- */

void tend_vault_lock(tend_vault *v)
{
    if (!v)
        return;
    if (v->keys)
        sodium_memzero(v->keys, sizeof *v->keys);
    v->locked = true;
}

bool tend_vault_is_locked(const tend_vault *v)
{
    return !v || v->locked;
}

void tend_vault_free(tend_vault *v)
{
    if (!v)
        return;
    tend_vault_lock(v);
    tend_secure_free(v->keys);
    free(v);
}

void tend_random_bytes(void *buf, size_t len)
{
    /* randombytes_buf works (or aborts inside libsodium) even if sodium_init
     * failed, so it never hands out non-random bytes. */
    if (sodium_init() < 0) {
        /* not reached after tend_process_init; randombytes_buf still works */
    }
    randombytes_buf(buf, len);
}

void tend_uuid_random(uint8_t uuid[TEND_UUID_LEN])
{
    tend_random_bytes(uuid, TEND_UUID_LEN);
}

#ifdef TEND_TEST_BUILD
bool tend_vault_test_is_wiped(const tend_vault *v)
{
    if (!v || !v->locked)
        return false;
    return !v->keys || sodium_is_zero((const unsigned char *)v->keys, sizeof *v->keys);
}

bool tend_vault_test_dek(const tend_vault *v, uint8_t out[TEND_VAULT_KEY_LEN])
{
    if (!v || v->locked || !v->keys)
        return false;
    memcpy(out, v->keys->dek, TEND_VAULT_KEY_LEN);
    return true;
}
#endif
