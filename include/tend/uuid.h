/*
 * uuid.h — record identifiers: 16 random bytes fixed when a record is made
 * and never reused, their one hex form and their one equality. Part of core
 * (src/core/uuid.c), so every module names a record the same way. Making a
 * fresh one needs randomness, which is the vault's: tend_uuid_random in
 * vault.h.
 */
#ifndef TEND_UUID_H
#define TEND_UUID_H

#include <stdbool.h>

/* Bytes of a uuid, and hex digits of its full hex form. */
#define TEND_UUID_LEN 16
#define TEND_UUID_HEX (2 * TEND_UUID_LEN)

/* A record's identifier: 16 random bytes. */
typedef struct {
    unsigned char b[TEND_UUID_LEN];
} tend_uuid;

/* Writes the 32 lower-case hex digits of *u and a NUL into out[33].
 * Never fails. */
void tend_uuid_hex(const tend_uuid *u, char out[TEND_UUID_HEX + 1]);

/* True when *a and *b are the same uuid. */
bool tend_uuid_equal(const tend_uuid *a, const tend_uuid *b);

/* The old name of tend_uuid_hex, kept only until src/screens/write.c
 * calls tend_uuid_hex (issue 17); use tend_uuid_hex in new code. */
#define tend_id_hex tend_uuid_hex

#endif
