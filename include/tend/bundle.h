/*
 * bundle.h — the encrypted export bundle: one file that carries a tend-json
 * export sealed under a passphrase, for moving a journal to another machine
 * or keeping an off-site copy that does not need the journal's own
 * passphrase. Part of the vault module (src/vault/bundle.c), the only code
 * that calls libsodium crypto; docs/EXPORT.md ("Encrypted bundle") is the
 * byte-level specification.
 *
 * Shape: a 76-byte header (magic, version, Argon2id parameters and salt,
 * chunk size, secretstream header), then the plaintext in chunks sealed with
 * crypto_secretstream_xchacha20poly1305 (every chunk authenticates the whole
 * header as additional data; the last chunk carries TAG_FINAL), then a
 * 32-byte BLAKE2b checksum of everything before it. The key is
 * Argon2id13(passphrase, salt, ops, mem). Truncation, reordered, dropped or
 * altered chunks and an altered header are all detected.
 *
 * The checksum is not a security measure (anyone can recompute it); it lets
 * an accident (a cut-off copy, a flipped bit) be told apart from a wrong
 * passphrase. Authenticity comes from the AEAD alone.
 *
 * Nothing here prints or exits. Plaintext goes only into tend_buf (which
 * wipes itself); the key lives in tend_secure_alloc memory and is wiped
 * before return.
 */
#ifndef TEND_BUNDLE_H
#define TEND_BUNDLE_H

#include "tend/core.h"
#include "tend/vault.h"

#include <stddef.h>
#include <stdint.h>

#define TEND_BUNDLE_MAGIC "TENDBNDL"  /* 8 bytes, no NUL on disk */
#define TEND_BUNDLE_MAGIC_LEN 8
#define TEND_BUNDLE_VERSION 1u
#define TEND_BUNDLE_HEADER_LEN 76
#define TEND_BUNDLE_CHECKSUM_LEN 32
#define TEND_BUNDLE_CHUNK_ABYTES 17       /* secretstream overhead per chunk */
#define TEND_BUNDLE_CHUNK_DEFAULT 65536u  /* plaintext bytes per chunk */
#define TEND_BUNDLE_CHUNK_MIN 64u
#define TEND_BUNDLE_CHUNK_MAX (1u << 20)

/* What the first bytes of a file say about it. */
typedef enum {
    TEND_BUNDLE_NO = 0,     /* not a bundle */
    TEND_BUNDLE_YES = 1,    /* starts with the magic */
    TEND_BUNDLE_DAMAGED = 2 /* the magic with one or two bytes changed */
} tend_bundle_kind;

/* Looks at data[0..len) (no crypto, no allocation). */
tend_bundle_kind tend_bundle_detect(const void *data, size_t len);

/* The public parameters of a bundle, read from its header. */
typedef struct {
    uint32_t version;
    uint32_t alg;
    uint64_t ops;
    uint64_t mem;
    uint32_t chunk;
} tend_bundle_info;

/* Reads and checks the header of data[0..len) WITHOUT hashing anything:
 * magic, version, algorithm, ops and mem within the bounds the journal's
 * vault accepts ([interactive, sensitive]; test builds [min, sensitive]),
 * chunk size within [TEND_BUNDLE_CHUNK_MIN, TEND_BUNDLE_CHUNK_MAX], and a
 * length that can hold the header, one chunk and the checksum. Fills *info
 * (may be NULL). TEND_OK, or TEND_EDAMAGED with a message saying what is
 * wrong. */
tend_status tend_bundle_check_header(const void *data, size_t len, tend_bundle_info *info,
                                     tend_error *err);

/* Checks data[0..len) without a passphrase: first the checksum (TEND_EDAMAGED:
 * cut off or changed), then tend_bundle_check_header. Cheap; run it before
 * asking for any passphrase. */
tend_status tend_bundle_check(const void *data, size_t len, tend_bundle_info *info,
                              tend_error *err);

/* Seals plain[0..len) (plain may be NULL when len is 0) under pass at the
 * cost level (not TEND_KDF_KEEP; TEND_KDF_MIN only in test builds) with
 * chunk plaintext bytes per chunk (0 = TEND_BUNDLE_CHUNK_DEFAULT). out is
 * reset, then holds the whole bundle. Errors: TEND_EINVAL (empty
 * passphrase, chunk size out of bounds), TEND_EUSAGE (level not allowed in
 * this build), TEND_ENOMEM, TEND_ERR; out is then empty. */
tend_status tend_bundle_seal(const void *plain, size_t len, const char *pass, size_t pass_len,
                             tend_kdf_level level, size_t chunk, tend_buf *out, tend_error *err);

/* Opens a bundle. First tend_bundle_check (checksum, then header bounds,
 * all before any hashing), then Argon2id and the chunks. The first chunk failing to open is TEND_EPASS
 * ("wrong passphrase"); any later failure — a chunk that does not open, a
 * missing final tag, data after it — is TEND_EDAMAGED. plain is reset, then
 * holds the plaintext (with tend_buf's NUL after it); on failure it is left
 * empty, so nothing from a damaged bundle is ever returned. */
tend_status tend_bundle_open(const void *data, size_t len, const char *pass, size_t pass_len,
                             tend_buf *plain, tend_error *err);

#endif
