/*
 * vault.h — the encryption of a journal: passphrase -> key-encryption key
 * (KEK, Argon2id), the wrapped data key (DEK), and sealing / opening of
 * record fields under a subkey of the DEK. The only module that calls
 * libsodium crypto. The byte layouts are specified in docs/FORMAT.md
 * ("## Vault"); this header is the API.
 *
 * Life of a vault:
 *   tend_vault_create  -> new DEK, wrapped under a KEK from the passphrase;
 *                         gives the header the store persists (store.h).
 *   tend_vault_unlock  -> header + passphrase -> an open vault, or
 *                         TEND_EPASS for a wrong passphrase.
 *   tend_vault_seal / tend_vault_open   record fields in and out.
 *   tend_vault_rewrap  -> the same DEK under a new passphrase (passwd).
 *   tend_vault_rekey   -> a second vault with a fresh DEK (rekey: the
 *                         journal re-seals every record with it, then saves
 *                         its header, all in one store transaction).
 *   tend_vault_lock / tend_vault_free   wipe every key.
 *
 * Secrets: the KEK, DEK and subkey live only in tend_secure_alloc memory and
 * are wiped on lock/free. The vault never copies the passphrase; callers
 * keep theirs in tend_secure_alloc memory and wipe it themselves.
 *
 * Nothing here prints or exits; failures come back as tend_status with a
 * message in *err (err may be NULL).
 */
#ifndef TEND_VAULT_H
#define TEND_VAULT_H

#include "tend/core.h"
#include "tend/kdf.h"
#include "tend/uuid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Version of the on-disk format (vault layouts, AADs, record encoding).
 * Bound into every AAD. A journal with a larger value is refused. */
#define TEND_FORMAT_VERSION 1u

#define TEND_VAULT_SALT_LEN 16     /* Argon2id salt */
#define TEND_VAULT_KEY_LEN 32      /* KEK, DEK, subkey */
#define TEND_VAULT_NONCE_LEN 24    /* XChaCha20-Poly1305 nonce */
#define TEND_VAULT_TAG_LEN 16      /* Poly1305 tag */
#define TEND_VAULT_PAD_BLOCK 256   /* sealed plaintext is padded to this */
/* Wrapped DEK: nonce || ciphertext(32) || tag  = 72 bytes. */
#define TEND_VAULT_WRAPPED_LEN (TEND_VAULT_NONCE_LEN + TEND_VAULT_KEY_LEN + TEND_VAULT_TAG_LEN)
/* The one KDF algorithm id on disk: libsodium's crypto_pwhash_ALG_ARGON2ID13. */
#define TEND_VAULT_ALG_ARGON2ID13 2u

/* Everything the store keeps about the vault (docs/FORMAT.md "meta keys").
 * Plain data, no secrets: the DEK in it is encrypted. The store reads and
 * writes it with tend_store_header_get/put. */
typedef struct {
    uint32_t format;                          /* TEND_FORMAT_VERSION */
    uint32_t alg;                             /* TEND_VAULT_ALG_ARGON2ID13 */
    uint64_t ops;                             /* Argon2id passes */
    uint64_t mem;                             /* Argon2id memory, bytes */
    uint8_t salt[TEND_VAULT_SALT_LEN];
    uint8_t wrapped[TEND_VAULT_WRAPPED_LEN];  /* nonce || E(KEK, DEK) || tag */
} tend_vault_header;

/* An open vault (keys in secure memory). Opaque. */
typedef struct tend_vault tend_vault;

/* Checks format, alg, ops and mem of hdr WITHOUT hashing anything:
 * TEND_OK, TEND_ERR for a format newer than this build ("written by a newer
 * tend"), TEND_EDAMAGED with a clear message for an unknown algorithm or
 * ops/mem outside [interactive, sensitive] (test builds: [min, sensitive]).
 * tend_vault_unlock calls it first; exposed so `verify` can report it. */
tend_status tend_vault_check_header(const tend_vault_header *hdr, tend_error *err);

/* Makes a new vault: random salt and DEK, KEK = Argon2id(pass, salt) at
 * level (not TEND_KDF_KEEP), DEK wrapped under it. On TEND_OK *out is an
 * open vault (caller frees with tend_vault_free) and *hdr is filled for the
 * store. On failure *out is NULL, *hdr is undefined: TEND_EUSAGE (level not
 * allowed in this build), TEND_ENOMEM (including Argon2 unable to get its
 * memory), TEND_ERR. pass need not be NUL-terminated; pass_len may be 0. */
tend_status tend_vault_create(const char *pass, size_t pass_len, tend_kdf_level level,
                              tend_vault **out, tend_vault_header *hdr, tend_error *err);

/* Opens the vault described by hdr with a passphrase. Parameters are checked
 * before any hashing (see tend_vault_check_header). TEND_EPASS ("wrong
 * passphrase") when the wrapped key does not open: a wrong passphrase and a
 * damaged wrapped key or header cannot be told apart. On TEND_OK *out is an
 * open vault the caller frees; otherwise *out is NULL. */
tend_status tend_vault_unlock(const tend_vault_header *hdr, const char *pass, size_t pass_len,
                              tend_vault **out, tend_error *err);

/* passwd: wraps v's DEK under a new passphrase with a fresh salt and nonce,
 * at level (TEND_KDF_KEEP keeps v's ops/mem). Fills *hdr for the store; the
 * records stay as they are. On success v itself switches to the new KEK and
 * parameters (so a later tend_vault_rekey on v uses them). v is unchanged on
 * failure. */
tend_status tend_vault_rewrap(tend_vault *v, const char *new_pass, size_t new_pass_len,
                              tend_kdf_level level, tend_vault_header *hdr, tend_error *err);

/* rekey: makes a second, independent vault with a fresh random DEK, wrapped
 * (fresh nonce) under v's KEK, salt and parameters, so no passphrase hash is
 * needed. *out (caller frees) seals with the new DEK; *hdr is its header.
 * The journal re-seals every record: open with v, seal with *out, update the
 * rows and put *hdr, in one store transaction. */
tend_status tend_vault_rekey(const tend_vault *v, tend_vault **out, tend_vault_header *hdr,
                             tend_error *err);

/* Length of the sealed form of a plain_len-byte field: nonce + padded
 * plaintext + tag, where padding rounds plain_len + 1 up to a multiple of
 * TEND_VAULT_PAD_BLOCK. Returns 0 if it would overflow. */
size_t tend_vault_sealed_len(size_t plain_len);

/* Seals a record field: XChaCha20-Poly1305-IETF under the record subkey,
 * fresh random nonce, plaintext padded (sodium_pad) to 256-byte blocks,
 * AAD = format version, uuid, field name (docs/FORMAT.md). field is a short
 * ASCII name ("head", "body"; 1..32 bytes). out is emptied
 * (tend_buf_clear, so one buffer may be reused), then holds the sealed
 * bytes (tend_vault_sealed_len(len) of them). TEND_EINVAL for a bad
 * field name, TEND_ENOMEM, TEND_ERR (locked vault). On failure out is
 * empty. plain may be NULL when len is 0. */
tend_status tend_vault_seal(const tend_vault *v, const uint8_t uuid[TEND_UUID_LEN],
                            const char *field, const void *plain, size_t len,
                            tend_buf *out, tend_error *err);

/* Opens a sealed field. out is emptied (tend_buf_clear: what it held is
 * wiped, so one buffer may be reused record after record), then holds the
 * plaintext (with the NUL tend_buf always keeps after it; out wipes itself
 * on free). Any
 * failure to authenticate or unpad — a flipped byte, a blob moved to another
 * uuid or field, a truncation — is TEND_EDAMAGED ("damaged or tampered").
 * Also TEND_ENOMEM, TEND_ERR (locked vault). On failure out is empty. */
tend_status tend_vault_open(const tend_vault *v, const uint8_t uuid[TEND_UUID_LEN],
                            const char *field, const void *sealed, size_t len,
                            tend_buf *out, tend_error *err);

/* Wipes every key of v (quick-hide). v stays allocated but every later
 * seal/open/rewrap/rekey on it returns TEND_ERR. Idempotent. NULL allowed. */
void tend_vault_lock(tend_vault *v);

/* True after tend_vault_lock. */
bool tend_vault_is_locked(const tend_vault *v);

/* Wipes every key and frees v. NULL allowed. */
void tend_vault_free(tend_vault *v);

/* Fills uuid with 16 random bytes (randombytes_buf). Never fails. */
void tend_uuid_random(uint8_t uuid[TEND_UUID_LEN]);

/* Fills buf with len random bytes (randombytes_buf). Never fails. */
void tend_random_bytes(void *buf, size_t len);

#ifdef TEND_TEST_BUILD
/* Test hook: true when v is locked and every key byte it held is zero. */
bool tend_vault_test_is_wiped(const tend_vault *v);
/* Test hook: copies v's DEK into out[32] so tests can compare keys across
 * rewrap / rekey. Returns false for a locked vault. */
bool tend_vault_test_dek(const tend_vault *v, uint8_t out[TEND_VAULT_KEY_LEN]);
#endif

#endif
