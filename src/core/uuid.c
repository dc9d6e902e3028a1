/*
 * uuid.c — the hex form and equality of record identifiers (uuid.h).
 */
#include "tend/uuid.h"

#include <string.h>

void tend_uuid_hex(const tend_uuid *u, char out[TEND_UUID_HEX + 1])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < TEND_UUID_LEN; i++) {
        out[2 * i] = digits[u->b[i] >> 4];
        out[2 * i + 1] = digits[u->b[i] & 0x0f];
    }
    out[TEND_UUID_HEX] = '\0';
}

bool tend_uuid_equal(const tend_uuid *a, const tend_uuid *b)
{
    return memcmp(a->b, b->b, sizeof a->b) == 0;
}
