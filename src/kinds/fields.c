/*
 * fields.c — what the record kinds share (kinds_int.h): checks of field
 * values, rewriting a head's fields with the unknown ones kept, and
 * storing a singleton on top of the one already stored.
 */
#include "kinds_int.h"

#include "tend/vec.h"

#include <string.h>

bool kinds_number(const char *s, uint64_t max, uint64_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 19)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0'); /* 19 digits fit in 64 bits */
    }
    if (v > max)
        return false;
    if (out)
        *out = v;
    return true;
}

/* True for a lower-case ASCII letter or digit. */
static bool S_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool kinds_id(const char *s, size_t n)
{
    if (n == 0 || !S_alnum(s[0]) || !S_alnum(s[n - 1]))
        return false;
    for (size_t i = 1; i < n; i++) {
        if (S_alnum(s[i]))
            continue;
        if (s[i] != '-' || s[i - 1] == '-')
            return false;
    }
    return true;
}

bool kinds_file_name(const char *s, size_t max)
{
    size_t n = strlen(s);
    return n > 3 && n <= max && strcmp(s + n - 3, ".md") == 0 && kinds_id(s, n - 3);
}

bool kinds_line(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n == 0 || n > max || !tend_utf8_valid(s, n))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f)
            return false;
    return true;
}

/* Wipes and frees the strings of the kept fields and the array. */
static void S_kept_free(tend_field *v, size_t n, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        tend_wipe_str(v[i].key);
        tend_wipe_str(v[i].value);
    }
    tend_grow_free(&v, cap, sizeof *v, true);
}

tend_status kinds_rewrite_fields(tend_head *h, kinds_owns_fn owns, kinds_put_fn put,
                                 const void *ctx)
{
    TEND_VEC(tend_field) kept = TEND_VEC_INIT;
    tend_status st = TEND_OK;
    /* Copies of the fields the kind does not own, in order. */
    for (size_t i = 0; st == TEND_OK && i < h->nfields; i++) {
        if (owns(ctx, &h->fields[i]))
            continue;
        tend_field f = { tend_strdup(h->fields[i].key), tend_strdup(h->fields[i].value) };
        st = f.key && f.value ? tend_vec_push_wiped(&kept, f) : TEND_ENOMEM;
        if (st != TEND_OK) {
            tend_wipe_str(f.key);
            tend_wipe_str(f.value);
        }
    }
    /* Every field out (by key: the key is copied first, since removing
     * the fields frees the string it points to). */
    while (st == TEND_OK && h->nfields) {
        char *key = tend_strdup(h->fields[0].key);
        st = key ? tend_head_set_field(h, key, NULL) : TEND_ENOMEM;
        tend_wipe_str(key);
    }
    if (st == TEND_OK)
        st = put(ctx, h);
    for (size_t i = 0; st == TEND_OK && i < kept.n; i++)
        st = tend_head_add_field(h, kept.v[i].key, kept.v[i].value);
    S_kept_free(kept.v, kept.n, kept.cap);
    return st;
}

tend_status kinds_singleton_store(tend_journal *j, uint32_t kind, bool (*fits)(const tend_record *r),
                                  kinds_encode_fn encode, const void *ctx, int64_t now,
                                  tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    if (tend_journal_singleton_get(j, kind, &r, NULL) != TEND_OK || (fits && !fits(&r))) {
        tend_record_clear(&r);
        r.head.kind = kind;
        r.head.created = now;
    }
    if (now)
        r.head.updated = now;
    tend_status st = encode(ctx, &r, err);
    if (st == TEND_OK)
        st = tend_journal_singleton_put(j, &r, err);
    tend_record_clear(&r);
    return st;
}
