/*
 * kdf.h — the cost levels of the passphrase hash (Argon2id), the one enum
 * every module names them with: the journal and a bundle are made at a
 * level, `tend init --kdf` and `export --kdf` parse one, the set-up screen
 * offers three. Part of the vault module (implemented in src/vault/vault.c)
 * but kept apart from vault.h, so that choosing a level never needs the
 * vault's key API in view.
 */
#ifndef TEND_KDF_H
#define TEND_KDF_H

#include "tend/core.h"

#include <stdint.h>

/* Cost levels of the passphrase hash (libsodium's OPSLIMIT/MEMLIMIT pairs).
 * TEND_KDF_MIN exists only in test builds (TEND_TEST_BUILD) so tests run
 * fast; a release build refuses it and refuses any journal made with it.
 * TEND_KDF_KEEP is only meaningful for tend_vault_rewrap: keep the cost the
 * vault was unlocked with. */
typedef enum {
    TEND_KDF_INTERACTIVE = 0,   /* ops 2, mem 64 MiB */
    TEND_KDF_MODERATE = 1,      /* ops 3, mem 256 MiB (the default) */
    TEND_KDF_SENSITIVE = 2,     /* ops 4, mem 1 GiB */
    TEND_KDF_MIN = 3,           /* ops 1, mem 8 KiB: test builds only */
    TEND_KDF_KEEP = 4
} tend_kdf_level;

#define TEND_KDF_DEFAULT TEND_KDF_MODERATE

/* Parses "interactive", "moderate", "sensitive" (and "min" in test builds)
 * into *out. TEND_EUSAGE with a message naming the choices otherwise. */
tend_status tend_kdf_level_parse(const char *name, tend_kdf_level *out, tend_error *err);

/* The level's name ("moderate"), or "custom" for TEND_KDF_KEEP / unknown. */
const char *tend_kdf_level_name(tend_kdf_level level);

/* The ops/mem libsodium values of a level (not TEND_KDF_KEEP). Returns
 * TEND_EUSAGE for a level this build does not accept. */
tend_status tend_kdf_level_params(tend_kdf_level level, uint64_t *ops, uint64_t *mem,
                                  tend_error *err);

#endif
