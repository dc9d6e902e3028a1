/*
 * mem.c — wiping, secure allocation, and the growable buffer.
 *
 * Every buffer here may hold journal plaintext, so nothing is ever released
 * or moved without being wiped first (realloc is never used: it may leave a
 * copy behind).
 */
#include "tend/core.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tend_wipe(void *p, size_t n)
{
    if (p && n)
        sodium_memzero(p, n);
}

void tend_wipe_free(void *p, size_t n)
{
    if (!p)
        return;
    tend_wipe(p, n);
    free(p);
}

void tend_wipe_str(char *s)
{
    if (s)
        tend_wipe_free(s, strlen(s));
}

char *tend_strdup(const char *s)
{
    return tend_strndup(s, strlen(s));
}

char *tend_strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void *tend_secure_alloc(size_t n)
{
    /* sodium_malloc needs the library started; sodium_init is idempotent. */
    if (sodium_init() < 0)
        return NULL;
    return sodium_malloc(n ? n : 1);
}

void tend_secure_free(void *p)
{
    if (p)
        sodium_free(p);
}

tend_status tend_buf_reserve(tend_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return TEND_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return TEND_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = malloc(cap);
    if (!p)
        return TEND_ENOMEM;
    if (b->data) {
        memcpy(p, b->data, b->len + 1);
        tend_wipe_free(b->data, b->cap);
    } else {
        p[0] = '\0';
    }
    b->data = p;
    b->cap = cap;
    return TEND_OK;
}

tend_status tend_buf_append(tend_buf *b, const void *p, size_t n)
{
    if (tend_buf_reserve(b, n) != TEND_OK)
        return TEND_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return TEND_OK;
}

tend_status tend_buf_puts(tend_buf *b, const char *s)
{
    return tend_buf_append(b, s, strlen(s));
}

tend_status tend_buf_putc(tend_buf *b, char c)
{
    return tend_buf_append(b, &c, 1);
}

tend_status tend_buf_printf(tend_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return TEND_EINVAL;
    if (tend_buf_reserve(b, (size_t)n) != TEND_OK)
        return TEND_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TEND_OK;
}

void tend_buf_reset(tend_buf *b)
{
    if (b->data) {
        tend_wipe(b->data, b->cap);
        b->data[0] = '\0';
    }
    b->len = 0;
}

void tend_buf_clear(tend_buf *b)
{
    if (b->data) {
        tend_wipe(b->data, b->len + 1);
        b->data[0] = '\0';
    }
    b->len = 0;
}

void tend_buf_free(tend_buf *b)
{
    tend_wipe_free(b->data, b->cap);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *tend_buf_take(tend_buf *b, size_t *len)
{
    if (!b->data && tend_buf_reserve(b, 0) != TEND_OK)
        return NULL;
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
