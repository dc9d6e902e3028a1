/*
 * json.c — jansson in tend: the wiping allocator every JSON tree in the
 * process uses (JSON trees hold journal plaintext), and base64 for the
 * bytes tend-json carries inside strings (the kept unknown parts of a
 * record). <jansson.h> is included only in src/port.
 */
#include "port_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- jansson's allocator ----------------------------------------------------
 * Every block carries its size in a 16-byte prefix so it can be wiped on
 * free: JSON trees hold journal plaintext. */

#define S_PREFIX 16

/* jansson's malloc: n bytes after a prefix that holds n. NULL when out
 * of memory. */
static void *S_json_malloc(size_t n)
{
    if (n > SIZE_MAX - S_PREFIX)
        return NULL;
    unsigned char *p = malloc(n + S_PREFIX);
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof n);
    return p + S_PREFIX;
}

/* jansson's free: wipes the block S_json_malloc gave, then frees it. */
static void S_json_free(void *q)
{
    if (!q)
        return;
    unsigned char *p = (unsigned char *)q - S_PREFIX;
    size_t n;
    memcpy(&n, p, sizeof n);
    tend_wipe_free(p, n + S_PREFIX);
}

void port_json_init(void)
{
    static bool done;
    if (!done) {
        json_set_alloc_funcs(S_json_malloc, S_json_free);
        done = true;
    }
}

/* Runs before main, so every jansson value in the process comes from the
 * wiping allocator, and no block is ever freed by the other allocator. */
__attribute__((constructor)) static void S_json_at_start(void)
{
    port_json_init();
}

/* ---- base64 ------------------------------------------------------------------ */

static const char S_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

tend_status port_b64_encode(const unsigned char *p, size_t n, tend_buf *out)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        char q[4] = { S_b64[v >> 18 & 63], S_b64[v >> 12 & 63],
                      i + 1 < n ? S_b64[v >> 6 & 63] : '=', i + 2 < n ? S_b64[v & 63] : '=' };
        if (tend_buf_append(out, q, 4) != TEND_OK)
            return TEND_ENOMEM;
    }
    return TEND_OK;
}

/* The value of the base64 digit c, or -1 when c is not one. */
static int S_b64_value(char c)
{
    const char *p = c ? strchr(S_b64, c) : NULL;
    return p ? (int)(p - S_b64) : -1;
}

bool port_b64_decode(const char *s, size_t n, unsigned char **out, size_t *outlen, bool *oom)
{
    *out = NULL;
    *outlen = 0;
    *oom = false;
    if (n % 4)
        return false;
    if (n == 0)
        return true;
    size_t pad = s[n - 1] == '=' ? (s[n - 2] == '=' ? 2 : 1) : 0;
    size_t len = n / 4 * 3 - pad;
    unsigned char *b = malloc(len ? len : 1);
    if (!b) {
        *oom = true;
        return false;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned v = 0;
        for (size_t k = 0; k < 4; k++) {
            int x = S_b64_value(s[i + k]);
            bool padded = i + 4 == n && k >= 4 - pad;
            if (padded ? s[i + k] != '=' : x < 0) {
                tend_wipe_free(b, len ? len : 1);
                return false;
            }
            v = v << 6 | (unsigned)(padded ? 0 : x);
        }
        unsigned char t[3] = { (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                               (unsigned char)v };
        for (size_t k = 0; k < 3 && o < len; k++)
            b[o++] = t[k];
        /* Bits under the padding must be zero (the canonical form). */
        if (i + 4 == n && ((pad == 1 && (v & 0xff)) || (pad == 2 && (v & 0xffff)))) {
            tend_wipe_free(b, len ? len : 1);
            return false;
        }
    }
    *out = b;
    *outlen = len;
    return true;
}
