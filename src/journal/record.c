/*
 * record.c — the record model and its binary encoding.
 *
 * A payload (head or body) is one version byte followed by items. An item
 * is a tag and a length, both unsigned LEB128 varints in their shortest
 * form, then that many bytes of value. Known tags have fixed meanings and
 * sizes (docs/FORMAT.md "Records"); unknown tags are kept byte for byte in
 * tend_head.extra / tend_record.body_extra and written back after the known
 * ones, so an older build never destroys what a newer one wrote.
 *
 * Decoding treats its input as hostile: every length is checked against
 * what is left before anything is read, singular tags may occur once,
 * strings must be valid UTF-8 without NUL. Any violation is TEND_EDAMAGED
 * and leaves nothing allocated.
 */
#include "tend/journal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define S_VERSION 1

enum {
    S_H_KIND = 1,
    S_H_CREATED = 2,
    S_H_UPDATED = 3,
    S_H_OFFSET = 4,
    S_H_FLAGS = 5,
    S_H_TITLE = 6,
    S_H_TAG = 7,
    S_H_FIELD = 8,
    S_H_LAST_KNOWN = S_H_FIELD
};

enum { S_B_TEXT = 1, S_B_LAST_KNOWN = S_B_TEXT };

#define S_MAX_OFFSET (18 * 3600)

/* ---- ids and kinds --------------------------------------------------------- */

void tend_id_hex(const tend_uuid *u, char out[TEND_UUID_HEX + 1])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; i++) {
        out[2 * i] = hex[u->b[i] >> 4];
        out[2 * i + 1] = hex[u->b[i] & 15];
    }
    out[TEND_UUID_HEX] = '\0';
}

bool tend_uuid_equal(const tend_uuid *a, const tend_uuid *b)
{
    return memcmp(a->b, b->b, sizeof a->b) == 0;
}

static const char *const S_kind_names[] = {
    NULL, "entry", "checkin", "draft", "safety-plan", "settings", "contacts", "reading",
    "tool-rating", "checkin-draft",
};
#define S_NKINDS (sizeof S_kind_names / sizeof S_kind_names[0])

const char *tend_kind_name(uint32_t kind)
{
    return kind < S_NKINDS ? S_kind_names[kind] : NULL;
}

uint32_t tend_kind_parse(const char *name)
{
    for (uint32_t k = 1; k < S_NKINDS; k++)
        if (strcmp(name, S_kind_names[k]) == 0)
            return k;
    return 0;
}

bool tend_kind_is_singleton(uint32_t kind)
{
    switch (kind) {
    case TEND_KIND_DRAFT:
    case TEND_KIND_SAFETY_PLAN:
    case TEND_KIND_SETTINGS:
    case TEND_KIND_CONTACTS:
    case TEND_KIND_READING:
    case TEND_KIND_CHECKIN_DRAFT:
        return true;
    default:
        return false;
    }
}

/* ---- the model ----------------------------------------------------------------- */

void tend_head_clear(tend_head *h)
{
    tend_wipe_str(h->title);
    for (size_t i = 0; i < h->ntags; i++)
        tend_wipe_str(h->tags[i]);
    free(h->tags);
    for (size_t i = 0; i < h->nfields; i++) {
        tend_wipe_str(h->fields[i].key);
        tend_wipe_str(h->fields[i].value);
    }
    free(h->fields);
    tend_wipe_free(h->extra, h->extra_len);
    tend_head z = TEND_HEAD_INIT;
    *h = z;
}

void tend_record_clear(tend_record *r)
{
    tend_head_clear(&r->head);
    tend_wipe_free(r->body, r->body_len + 1);
    tend_wipe_free(r->body_extra, r->body_extra_len);
    tend_record z = TEND_RECORD_INIT;
    *r = z;
}

tend_status tend_head_set_title(tend_head *h, const char *title)
{
    char *t = tend_strdup(title ? title : "");
    if (!t)
        return TEND_ENOMEM;
    tend_wipe_str(h->title);
    h->title = t;
    return TEND_OK;
}

/* Grows the array *arr of *n elements of size sz by one slot; the new slot
 * is zeroed. Old memory is wiped (it may hold pointers to plaintext only,
 * but a copy is never left behind). */
static tend_status S_grow(void **arr, size_t n, size_t sz)
{
    if (n >= SIZE_MAX / sz - 1)
        return TEND_ENOMEM;
    void *p = calloc(n + 1, sz);
    if (!p)
        return TEND_ENOMEM;
    if (*arr) {
        memcpy(p, *arr, n * sz);
        tend_wipe_free(*arr, n * sz);
    }
    *arr = p;
    return TEND_OK;
}

/* For the decoder: makes room for one more of *n elements in *arr, whose
 * room is *cap, doubling it (S_grow, used by the one-at-a-time edits,
 * copies the whole array for every element: a check-in of twenty answers
 * would cost twenty copies). A decoded head may so hold more room than it
 * uses; nothing else depends on the room (S_grow copies n elements and
 * frees the old block whatever its size). */
static tend_status S_room(void **arr, size_t n, size_t *cap, size_t sz)
{
    if (n < *cap)
        return TEND_OK;
    size_t c = *cap ? *cap * 2 : 4;
    if (c >= SIZE_MAX / sz)
        return TEND_ENOMEM;
    void *p = calloc(c, sz);
    if (!p)
        return TEND_ENOMEM;
    if (*arr) {
        memcpy(p, *arr, n * sz);
        tend_wipe_free(*arr, *cap * sz);
    }
    *arr = p;
    *cap = c;
    return TEND_OK;
}

static tend_status S_push_tag_owned(tend_head *h, char *t)
{
    void *arr = h->tags;
    if (S_grow(&arr, h->ntags, sizeof *h->tags) != TEND_OK)
        return TEND_ENOMEM;
    h->tags = arr;
    h->tags[h->ntags++] = t;
    return TEND_OK;
}

tend_status tend_head_add_tag(tend_head *h, const char *tag)
{
    for (size_t i = 0; i < h->ntags; i++)
        if (strcmp(h->tags[i], tag) == 0)
            return TEND_OK;
    char *t = tend_strdup(tag);
    if (!t || S_push_tag_owned(h, t) != TEND_OK) {
        tend_wipe_str(t);
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

bool tend_head_has_tag(const tend_head *h, const char *tag)
{
    for (size_t i = 0; i < h->ntags; i++)
        if (strcasecmp(h->tags[i], tag) == 0)
            return true;
    return false;
}

static tend_status S_push_field_owned(tend_head *h, char *k, char *v)
{
    void *arr = h->fields;
    if (S_grow(&arr, h->nfields, sizeof *h->fields) != TEND_OK)
        return TEND_ENOMEM;
    h->fields = arr;
    h->fields[h->nfields].key = k;
    h->fields[h->nfields].value = v;
    h->nfields++;
    return TEND_OK;
}

tend_status tend_head_add_field(tend_head *h, const char *key, const char *value)
{
    char *k = tend_strdup(key);
    char *v = tend_strdup(value);
    if (!k || !v || S_push_field_owned(h, k, v) != TEND_OK) {
        tend_wipe_str(k);
        tend_wipe_str(v);
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

tend_status tend_head_set_field(tend_head *h, const char *key, const char *value)
{
    size_t w = 0;
    for (size_t i = 0; i < h->nfields; i++) {
        if (strcmp(h->fields[i].key, key) == 0) {
            tend_wipe_str(h->fields[i].key);
            tend_wipe_str(h->fields[i].value);
        } else {
            h->fields[w++] = h->fields[i];
        }
    }
    h->nfields = w;
    if (w == 0) {
        free(h->fields);
        h->fields = NULL;
    }
    return value ? tend_head_add_field(h, key, value) : TEND_OK;
}

const char *tend_head_field(const tend_head *h, const char *key)
{
    for (size_t i = 0; i < h->nfields; i++)
        if (strcmp(h->fields[i].key, key) == 0)
            return h->fields[i].value;
    return NULL;
}

tend_status tend_record_set_body(tend_record *r, const char *text, size_t len)
{
    char *b = NULL;
    if (text) {
        if (len == SIZE_MAX || !(b = malloc(len + 1)))
            return TEND_ENOMEM;
        memcpy(b, text, len);
        b[len] = '\0';
    }
    tend_wipe_free(r->body, r->body_len + 1);
    r->body = b;
    r->body_len = text ? len : 0;
    return TEND_OK;
}

tend_status tend_head_copy(tend_head *dst, const tend_head *src)
{
    tend_head h = TEND_HEAD_INIT;
    h.uuid = src->uuid;
    h.kind = src->kind;
    h.created = src->created;
    h.updated = src->updated;
    h.utc_offset = src->utc_offset;
    h.flags = src->flags;
    if (tend_head_set_title(&h, src->title) != TEND_OK)
        goto oom;
    for (size_t i = 0; i < src->ntags; i++) {
        char *t = tend_strdup(src->tags[i]);
        if (!t || S_push_tag_owned(&h, t) != TEND_OK) {
            tend_wipe_str(t);
            goto oom;
        }
    }
    for (size_t i = 0; i < src->nfields; i++)
        if (tend_head_add_field(&h, src->fields[i].key, src->fields[i].value) != TEND_OK)
            goto oom;
    if (src->extra_len) {
        if (!(h.extra = malloc(src->extra_len)))
            goto oom;
        memcpy(h.extra, src->extra, src->extra_len);
        h.extra_len = src->extra_len;
    }
    *dst = h;
    return TEND_OK;
oom:
    tend_head_clear(&h);
    *dst = h;
    return TEND_ENOMEM;
}

/* ---- encoding ----------------------------------------------------------------- */

static tend_status S_put_varint(tend_buf *out, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            b[n] |= 0x80;
        n++;
    } while (v);
    return tend_buf_append(out, b, n);
}

static tend_status S_put_item(tend_buf *out, unsigned tag, const void *p, size_t n)
{
    if (S_put_varint(out, tag) != TEND_OK || S_put_varint(out, n) != TEND_OK ||
        tend_buf_append(out, p, n) != TEND_OK)
        return TEND_ENOMEM;
    return TEND_OK;
}

static tend_status S_put_le(tend_buf *out, unsigned tag, uint64_t v, size_t n)
{
    unsigned char b[8];
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return S_put_item(out, tag, b, n);
}

static tend_status S_put_str(tend_buf *out, unsigned tag, const char *s)
{
    return S_put_item(out, tag, s, strlen(s));
}

/* A cursor over hostile bytes. */
typedef struct {
    const unsigned char *p;
    size_t left;
} S_reader;

/* Reads a shortest-form varint no larger than max. */
static bool S_get_varint(S_reader *r, uint64_t max, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0, i = 0; i < 10; i++, shift += 7) {
        if (r->left == 0)
            return false;
        unsigned char c = *r->p++;
        r->left--;
        uint64_t bits = (uint64_t)(c & 0x7f);
        if (shift == 63 && bits > 1)
            return false;
        x |= bits << shift;
        if (!(c & 0x80)) {
            if (c == 0 && i > 0) /* not the shortest form */
                return false;
            if (x > max)
                return false;
            *v = x;
            return true;
        }
    }
    return false;
}

/* Reads one item: its tag (never 0), and its value, whose length has been
 * checked against what is left. */
static bool S_get_item(S_reader *r, uint32_t *tag, const unsigned char **val, size_t *len)
{
    uint64_t t, n;
    /* the bound on a length is what is left after the length itself */
    if (!S_get_varint(r, UINT32_MAX, &t) || t == 0 || !S_get_varint(r, UINT64_MAX, &n) ||
        n > r->left)
        return false;
    *tag = (uint32_t)t;
    *val = r->p;
    *len = (size_t)n;
    r->p += n;
    r->left -= (size_t)n;
    return true;
}

static uint64_t S_le(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* True when p[0..n) is valid UTF-8 with no NUL. */
static bool S_text_ok(const unsigned char *p, size_t n)
{
    return memchr(p, 0, n) == NULL && tend_utf8_valid((const char *)p, n);
}

/* Checks that extra[0..n) is a run of well-formed items whose tags are all
 * above last_known (so writing it back cannot duplicate a known tag). */
static bool S_extra_ok(const unsigned char *extra, size_t n, uint32_t last_known)
{
    S_reader r = { extra, n };
    while (r.left) {
        uint32_t tag;
        const unsigned char *v;
        size_t len;
        if (!S_get_item(&r, &tag, &v, &len) || tag <= last_known)
            return false;
    }
    return true;
}

tend_status tend_head_encode(const tend_head *h, tend_buf *out, tend_error *err)
{
    if (h->kind == 0)
        return tend_fail(err, TEND_EINVAL, "a record needs a kind");
    if (h->utc_offset < -S_MAX_OFFSET || h->utc_offset > S_MAX_OFFSET)
        return tend_fail(err, TEND_EINVAL, "a UTC offset must be within 18 hours");
    const char *title = h->title ? h->title : "";
    if (!tend_utf8_valid(title, strlen(title)))
        return tend_fail(err, TEND_EINVAL, "the title is not valid UTF-8");
    for (size_t i = 0; i < h->ntags; i++)
        if (!h->tags[i] || !tend_utf8_valid(h->tags[i], strlen(h->tags[i])))
            return tend_fail(err, TEND_EINVAL, "a tag is not valid UTF-8");
    for (size_t i = 0; i < h->nfields; i++) {
        const tend_field *f = &h->fields[i];
        if (!f->key || !f->value || !f->key[0] || !tend_utf8_valid(f->key, strlen(f->key)) ||
            !tend_utf8_valid(f->value, strlen(f->value)))
            return tend_fail(err, TEND_EINVAL, "a field is empty or not valid UTF-8");
    }
    if (!S_extra_ok(h->extra, h->extra_len, S_H_LAST_KNOWN))
        return tend_fail(err, TEND_EINVAL, "the kept unknown head data is malformed");

    tend_status st = TEND_OK;
    unsigned char ver = S_VERSION;
    if (tend_buf_append(out, &ver, 1) != TEND_OK ||
        S_put_le(out, S_H_KIND, h->kind, 4) != TEND_OK ||
        S_put_le(out, S_H_CREATED, (uint64_t)h->created, 8) != TEND_OK ||
        S_put_le(out, S_H_UPDATED, (uint64_t)h->updated, 8) != TEND_OK ||
        S_put_le(out, S_H_OFFSET, (uint64_t)(uint32_t)h->utc_offset, 4) != TEND_OK ||
        (h->flags && S_put_le(out, S_H_FLAGS, h->flags, 4) != TEND_OK) ||
        (title[0] && S_put_str(out, S_H_TITLE, title) != TEND_OK))
        st = TEND_ENOMEM;
    for (size_t i = 0; st == TEND_OK && i < h->ntags; i++)
        st = S_put_str(out, S_H_TAG, h->tags[i]);
    for (size_t i = 0; st == TEND_OK && i < h->nfields; i++) {
        tend_buf f = TEND_BUF_INIT;
        size_t kl = strlen(h->fields[i].key);
        if (S_put_varint(&f, kl) != TEND_OK || tend_buf_append(&f, h->fields[i].key, kl) != TEND_OK ||
            tend_buf_puts(&f, h->fields[i].value) != TEND_OK ||
            S_put_item(out, S_H_FIELD, f.data, f.len) != TEND_OK)
            st = TEND_ENOMEM;
        tend_buf_free(&f);
    }
    if (st == TEND_OK && h->extra_len)
        st = tend_buf_append(out, h->extra, h->extra_len);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory while saving a record");
    return TEND_OK;
}

static tend_status S_damaged(tend_error *err, const char *what)
{
    return tend_fail(err, TEND_EDAMAGED, "a record is damaged (%s)", what);
}

/* Copies p[0..n) as a C string into *out. */
static tend_status S_dup_text(const unsigned char *p, size_t n, char **out)
{
    *out = tend_strndup((const char *)p, n);
    return *out ? TEND_OK : TEND_ENOMEM;
}

/* Appends one raw item (tag, length, value) to the extra bytes. */
static tend_status S_keep(unsigned char **extra, size_t *elen, const unsigned char *start,
                          size_t n)
{
    if (n > SIZE_MAX - *elen)
        return TEND_ENOMEM;
    unsigned char *p = malloc(*elen + n ? *elen + n : 1);
    if (!p)
        return TEND_ENOMEM;
    if (*extra) {
        memcpy(p, *extra, *elen);
        tend_wipe_free(*extra, *elen);
    }
    memcpy(p + *elen, start, n);
    *extra = p;
    *elen += n;
    return TEND_OK;
}

/* Checks the version byte. */
static tend_status S_version(S_reader *r, tend_error *err)
{
    if (r->left == 0)
        return S_damaged(err, "empty");
    unsigned char v = *r->p++;
    r->left--;
    if (v == 0)
        return S_damaged(err, "bad version");
    if (v > S_VERSION)
        return tend_fail(err, TEND_EDAMAGED,
                         "a record was written by a newer tend (format %u); update tend to read it",
                         v);
    return TEND_OK;
}

tend_status tend_head_decode(const unsigned char *data, size_t len, tend_head *out,
                             tend_error *err)
{
    tend_head h = TEND_HEAD_INIT;
    tend_head z = TEND_HEAD_INIT;
    *out = z;
    S_reader r = { data, len };
    tend_status st = S_version(&r, err);
    if (st != TEND_OK)
        return st;
    unsigned seen = 0;
    const char *why = NULL;
    size_t tag_cap = 0, field_cap = 0; /* room in h.tags, h.fields */
    while (r.left && !why && st == TEND_OK) {
        const unsigned char *start = r.p, *v;
        uint32_t tag;
        size_t n;
        if (!S_get_item(&r, &tag, &v, &n)) {
            why = "truncated item";
            break;
        }
        if (tag <= S_H_LAST_KNOWN && tag != S_H_TAG && tag != S_H_FIELD) {
            if (seen & (1u << tag)) {
                why = "repeated item";
                break;
            }
            seen |= 1u << tag;
        }
        switch (tag) {
        case S_H_KIND:
            if (n != 4 || (h.kind = (uint32_t)S_le(v, 4)) == 0)
                why = "bad kind";
            break;
        case S_H_CREATED:
            if (n != 8)
                why = "bad created time";
            else
                h.created = (int64_t)S_le(v, 8);
            break;
        case S_H_UPDATED:
            if (n != 8)
                why = "bad updated time";
            else
                h.updated = (int64_t)S_le(v, 8);
            break;
        case S_H_OFFSET:
            if (n != 4)
                why = "bad UTC offset";
            else {
                h.utc_offset = (int32_t)(uint32_t)S_le(v, 4);
                if (h.utc_offset < -S_MAX_OFFSET || h.utc_offset > S_MAX_OFFSET)
                    why = "bad UTC offset";
            }
            break;
        case S_H_FLAGS:
            if (n != 4)
                why = "bad flags";
            else
                h.flags = (uint32_t)S_le(v, 4);
            break;
        case S_H_TITLE:
            if (!S_text_ok(v, n))
                why = "bad title";
            else
                st = S_dup_text(v, n, &h.title);
            break;
        case S_H_TAG: {
            char *t = NULL;
            if (!S_text_ok(v, n))
                why = "bad tag";
            else if ((st = S_dup_text(v, n, &t)) == TEND_OK) {
                void *arr = h.tags;
                st = S_room(&arr, h.ntags, &tag_cap, sizeof *h.tags);
                h.tags = arr;
                if (st == TEND_OK)
                    h.tags[h.ntags++] = t;
                else
                    tend_wipe_str(t);
            }
            break;
        }
        case S_H_FIELD: {
            S_reader f = { v, n };
            uint64_t kl;
            if (!S_get_varint(&f, UINT64_MAX, &kl) || kl == 0 || kl > f.left || !S_text_ok(f.p, (size_t)kl) ||
                !S_text_ok(f.p + kl, f.left - (size_t)kl)) {
                why = "bad field";
                break;
            }
            char *k = NULL, *val = NULL;
            if ((st = S_dup_text(f.p, (size_t)kl, &k)) == TEND_OK &&
                (st = S_dup_text(f.p + kl, f.left - (size_t)kl, &val)) == TEND_OK) {
                void *arr = h.fields;
                st = S_room(&arr, h.nfields, &field_cap, sizeof *h.fields);
                h.fields = arr;
                if (st == TEND_OK) {
                    h.fields[h.nfields].key = k;
                    h.fields[h.nfields].value = val;
                    h.nfields++;
                }
            }
            if (st != TEND_OK) {
                tend_wipe_str(k);
                tend_wipe_str(val);
            }
            break;
        }
        default:
            st = S_keep(&h.extra, &h.extra_len, start, (size_t)(r.p - start));
            break;
        }
    }
    if (!why && st == TEND_OK && (!(seen & (1u << S_H_KIND)) || !(seen & (1u << S_H_CREATED))))
        why = "kind or time missing";
    if (!why && st == TEND_OK && !h.title)
        st = S_dup_text((const unsigned char *)"", 0, &h.title);
    if (!why && st == TEND_OK && !(seen & (1u << S_H_UPDATED)))
        h.updated = h.created;
    if (why || st != TEND_OK) {
        tend_head_clear(&h);
        return why ? S_damaged(err, why) : tend_fail(err, st, "out of memory while reading a record");
    }
    *out = h;
    return TEND_OK;
}

tend_status tend_body_encode(const tend_record *r, tend_buf *out, tend_error *err)
{
    if (r->body && !tend_utf8_valid(r->body, r->body_len))
        return tend_fail(err, TEND_EINVAL, "the text is not valid UTF-8");
    if (r->body && memchr(r->body, 0, r->body_len))
        return tend_fail(err, TEND_EINVAL, "the text contains a NUL character");
    if (!S_extra_ok(r->body_extra, r->body_extra_len, S_B_LAST_KNOWN))
        return tend_fail(err, TEND_EINVAL, "the kept unknown body data is malformed");
    unsigned char ver = S_VERSION;
    if (tend_buf_append(out, &ver, 1) != TEND_OK ||
        (r->body && S_put_item(out, S_B_TEXT, r->body, r->body_len) != TEND_OK) ||
        (r->body_extra_len && tend_buf_append(out, r->body_extra, r->body_extra_len) != TEND_OK))
        return tend_fail(err, TEND_ENOMEM, "out of memory while saving a record");
    return TEND_OK;
}

tend_status tend_body_decode(const unsigned char *data, size_t len, tend_record *rec,
                             tend_error *err)
{
    tend_wipe_free(rec->body, rec->body_len + 1);
    tend_wipe_free(rec->body_extra, rec->body_extra_len);
    rec->body = NULL;
    rec->body_extra = NULL;
    rec->body_len = rec->body_extra_len = 0;

    S_reader r = { data, len };
    tend_status st = S_version(&r, err);
    if (st != TEND_OK)
        return st;
    char *body = NULL;
    size_t blen = 0;
    unsigned char *extra = NULL;
    size_t elen = 0;
    const char *why = NULL;
    while (r.left && !why && st == TEND_OK) {
        const unsigned char *start = r.p, *v;
        uint32_t tag;
        size_t n;
        if (!S_get_item(&r, &tag, &v, &n)) {
            why = "truncated item";
        } else if (tag == S_B_TEXT) {
            if (body || !S_text_ok(v, n))
                why = "bad text";
            else if ((st = S_dup_text(v, n, &body)) == TEND_OK)
                blen = n;
        } else {
            st = S_keep(&extra, &elen, start, (size_t)(r.p - start));
        }
    }
    if (why || st != TEND_OK) {
        tend_wipe_free(body, blen + 1);
        tend_wipe_free(extra, elen);
        return why ? S_damaged(err, why) : tend_fail(err, st, "out of memory while reading a record");
    }
    rec->body = body;
    rec->body_len = blen;
    rec->body_extra = extra;
    rec->body_extra_len = elen;
    return TEND_OK;
}
