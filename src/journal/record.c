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
    if (h->block) {
        /* everything lives in the block (see tend_head.block) */
        tend_wipe_free(h->block, h->block_size);
        tend_head z = TEND_HEAD_INIT;
        *h = z;
        return;
    }
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

static tend_status S_unblock(tend_head *h);

tend_status tend_head_set_title(tend_head *h, const char *title)
{
    if (S_unblock(h) != TEND_OK)
        return TEND_ENOMEM;
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
    if (S_unblock(h) != TEND_OK)
        return TEND_ENOMEM;
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
    if (S_unblock(h) != TEND_OK)
        return TEND_ENOMEM;
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
    if (S_unblock(h) != TEND_OK)
        return TEND_ENOMEM;
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

/* Copies the numbers of a head (uuid, kind, times, offset, flags). */
static void S_copy_numbers(tend_head *dst, const tend_head *src)
{
    dst->uuid = src->uuid;
    dst->kind = src->kind;
    dst->created = src->created;
    dst->updated = src->updated;
    dst->utc_offset = src->utc_offset;
    dst->flags = src->flags;
}

/* Deep copy of src into *dst with every string and array allocated on its
 * own (no block), for heads about to be edited. TEND_ENOMEM leaves *dst as
 * TEND_HEAD_INIT. */
static tend_status S_copy_loose(tend_head *dst, const tend_head *src)
{
    tend_head h = TEND_HEAD_INIT;
    S_copy_numbers(&h, src);
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

/* Gives a one-block head separately allocated members, so the editing
 * calls can free and replace them one at a time. TEND_ENOMEM leaves h as
 * it was. */
static tend_status S_unblock(tend_head *h)
{
    if (!h->block)
        return TEND_OK;
    tend_head loose;
    if (S_copy_loose(&loose, h) != TEND_OK)
        return TEND_ENOMEM;
    tend_wipe_free(h->block, h->block_size);
    *h = loose;
    return TEND_OK;
}

tend_status tend_head_clear_tags(tend_head *h)
{
    if (S_unblock(h) != TEND_OK)
        return TEND_ENOMEM;
    for (size_t i = 0; i < h->ntags; i++)
        tend_wipe_str(h->tags[i]);
    free(h->tags);
    h->tags = NULL;
    h->ntags = 0;
    return TEND_OK;
}

/* ---- one-block heads ----------------------------------------------------------
 * A decoded or copied head keeps its tag pointers, its fields, the kept
 * unknown bytes and every string (each with its NUL) in one allocation,
 * laid out in that order, so that a list of thousands of heads costs one
 * allocation per head rather than one per string. */

/* How much a one-block head holds. */
typedef struct {
    size_t ntags, nfields;
    size_t text;  /* bytes of every string, NULs included */
    size_t extra; /* kept unknown bytes */
} S_shape;

/* The block size for sh, or 0 when it would overflow. */
static size_t S_block_size(const S_shape *sh)
{
    size_t a = sizeof(char *), f = sizeof(tend_field);
    if (sh->ntags > SIZE_MAX / 4 / a || sh->nfields > SIZE_MAX / 4 / f ||
        sh->text > SIZE_MAX / 4 || sh->extra > SIZE_MAX / 4)
        return 0;
    size_t n = sh->ntags * a + sh->nfields * f + sh->extra + sh->text;
    return n ? n : 1;
}

/* Points h's arrays into block (laid out for sh) and returns where its
 * bytes (extra, then strings) begin. */
static unsigned char *S_block_lay(tend_head *h, void *block, const S_shape *sh)
{
    unsigned char *p = block;
    h->tags = sh->ntags ? (char **)(void *)p : NULL;
    p += sh->ntags * sizeof(char *);
    h->fields = sh->nfields ? (tend_field *)(void *)p : NULL;
    p += sh->nfields * sizeof(tend_field);
    h->extra = sh->extra ? p : NULL;
    h->extra_len = sh->extra;
    return p + sh->extra;
}

/* Copies s[0..n) and a NUL to *at, advancing it; returns the copy. */
static char *S_put_text(unsigned char **at, const void *s, size_t n)
{
    char *out = (char *)*at;
    if (n)
        memcpy(out, s, n);
    out[n] = '\0';
    *at += n + 1;
    return out;
}

static size_t S_len0(const char *s)
{
    return s ? strlen(s) : 0;
}

tend_status tend_head_copy(tend_head *dst, const tend_head *src)
{
    tend_head h = TEND_HEAD_INIT;
    *dst = h;
    S_shape sh = { src->ntags, src->nfields, S_len0(src->title) + 1, src->extra_len };
    for (size_t i = 0; i < src->ntags; i++)
        sh.text += S_len0(src->tags[i]) + 1;
    for (size_t i = 0; i < src->nfields; i++)
        sh.text += S_len0(src->fields[i].key) + S_len0(src->fields[i].value) + 2;
    size_t size = S_block_size(&sh);
    void *block = size ? malloc(size) : NULL;
    if (!block)
        return TEND_ENOMEM;
    S_copy_numbers(&h, src);
    h.block = block;
    h.block_size = size;
    h.ntags = sh.ntags;
    h.nfields = sh.nfields;
    unsigned char *at = S_block_lay(&h, block, &sh);
    if (sh.extra)
        memcpy(h.extra, src->extra, sh.extra);
    h.title = S_put_text(&at, src->title, S_len0(src->title));
    for (size_t i = 0; i < sh.ntags; i++)
        h.tags[i] = S_put_text(&at, src->tags[i], S_len0(src->tags[i]));
    for (size_t i = 0; i < sh.nfields; i++) {
        const tend_field *f = &src->fields[i];
        h.fields[i].key = S_put_text(&at, f->key, S_len0(f->key));
        h.fields[i].value = S_put_text(&at, f->value, S_len0(f->value));
    }
    *dst = h;
    return TEND_OK;
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
    if (r->left && r->p[0] < 0x80) { /* one byte: every tag, most lengths */
        if (r->p[0] > max)
            return false;
        *v = r->p[0];
        r->p++;
        r->left--;
        return true;
    }
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

/* True when p[0..n) is valid UTF-8 with no NUL. ASCII without NUL, the
 * common case, is checked here in one pass, eight bytes at a time (a word
 * has a zero byte when (w - 0x01..01) & ~w & 0x80..80 is not zero); from
 * the first other byte on, memchr and tend_utf8_valid take over. */
static bool S_text_ok(const unsigned char *p, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    size_t i = 0;
    while (n - i >= 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if ((w & highs) || ((w - ones) & ~w & highs))
            break;
        i += 8;
    }
    while (i < n && p[i] != 0 && p[i] < 0x80)
        i++;
    if (i == n)
        return true;
    if (p[i] == 0)
        return false;
    return memchr(p + i, 0, n - i) == NULL && tend_utf8_valid((const char *)p + i, n - i);
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

/* An item of a head payload found by the first pass, so the second need
 * not parse again: the value of a string item (for a field, the key and
 * value split), or the whole raw item for one kept unknown. */
typedef struct {
    uint32_t tag;
    const unsigned char *v; /* title/tag text, field key, raw unknown item */
    size_t n;
    size_t vn;              /* field: value length; its bytes follow the key */
} S_ref;

/* Items the first pass remembers; a head with more (a check-in of many
 * answers) is parsed again by the second. */
#define S_NREFS 64

/* Adds ref to refs[0..*n), or marks the list as overflowed (*n past
 * S_NREFS). */
static void S_remember(S_ref *refs, size_t *n, S_ref ref)
{
    if (*n < S_NREFS)
        refs[*n] = ref;
    if (*n <= S_NREFS)
        (*n)++;
}

/* The first pass of a head decode: checks every item of the payload after
 * its version byte (r), sets h's numbers and measures in *sh what the block
 * must hold. The string and unknown items go to refs[0..*nrefs) while they
 * fit (*nrefs is past S_NREFS when they did not). Returns NULL when the
 * payload is sound, else what is wrong. */
static const char *S_head_check(S_reader r, tend_head *h, S_shape *sh, S_ref *refs,
                                size_t *nrefs)
{
    *nrefs = 0;
    unsigned seen = 0;
    bool titled = false;
    memset(sh, 0, sizeof *sh);
    while (r.left) {
        const unsigned char *start = r.p, *v;
        uint32_t tag;
        size_t n;
        if (!S_get_item(&r, &tag, &v, &n))
            return "truncated item";
        if (tag <= S_H_LAST_KNOWN && tag != S_H_TAG && tag != S_H_FIELD) {
            if (seen & (1u << tag))
                return "repeated item";
            seen |= 1u << tag;
        }
        switch (tag) {
        case S_H_KIND:
            if (n != 4 || (h->kind = (uint32_t)S_le(v, 4)) == 0)
                return "bad kind";
            break;
        case S_H_CREATED:
            if (n != 8)
                return "bad created time";
            h->created = (int64_t)S_le(v, 8);
            break;
        case S_H_UPDATED:
            if (n != 8)
                return "bad updated time";
            h->updated = (int64_t)S_le(v, 8);
            break;
        case S_H_OFFSET:
            if (n != 4)
                return "bad UTC offset";
            h->utc_offset = (int32_t)(uint32_t)S_le(v, 4);
            if (h->utc_offset < -S_MAX_OFFSET || h->utc_offset > S_MAX_OFFSET)
                return "bad UTC offset";
            break;
        case S_H_FLAGS:
            if (n != 4)
                return "bad flags";
            h->flags = (uint32_t)S_le(v, 4);
            break;
        case S_H_TITLE:
            if (!S_text_ok(v, n))
                return "bad title";
            sh->text += n + 1;
            titled = true;
            S_remember(refs, nrefs, (S_ref){ tag, v, n, 0 });
            break;
        case S_H_TAG:
            if (!S_text_ok(v, n))
                return "bad tag";
            sh->text += n + 1;
            sh->ntags++;
            S_remember(refs, nrefs, (S_ref){ tag, v, n, 0 });
            break;
        case S_H_FIELD: {
            S_reader f = { v, n };
            uint64_t kl;
            if (!S_get_varint(&f, UINT64_MAX, &kl) || kl == 0 || kl > f.left ||
                !S_text_ok(f.p, (size_t)kl) || !S_text_ok(f.p + kl, f.left - (size_t)kl))
                return "bad field";
            sh->text += f.left + 2;
            sh->nfields++;
            S_remember(refs, nrefs, (S_ref){ tag, f.p, (size_t)kl, f.left - (size_t)kl });
            break;
        }
        default:
            sh->extra += (size_t)(r.p - start);
            S_remember(refs, nrefs, (S_ref){ tag, start, (size_t)(r.p - start), 0 });
            break;
        }
    }
    if (!(seen & (1u << S_H_KIND)) || !(seen & (1u << S_H_CREATED)))
        return "kind or time missing";
    if (!titled)
        sh->text += 1; /* "" */
    if (!(seen & (1u << S_H_UPDATED)))
        h->updated = h->created;
    return NULL;
}

/* The second pass: copies the strings and kept bytes of a payload that
 * S_head_check passed into h's block, laid out for sh. */
static void S_head_fill(S_reader r, tend_head *h, const S_shape *sh)
{
    unsigned char *at = S_block_lay(h, h->block, sh);
    unsigned char *extra = h->extra;
    h->title = NULL;
    h->ntags = h->nfields = 0;
    while (r.left) {
        const unsigned char *start = r.p, *v;
        uint32_t tag;
        size_t n;
        (void)S_get_item(&r, &tag, &v, &n); /* checked by S_head_check */
        switch (tag) {
        case S_H_KIND: case S_H_CREATED: case S_H_UPDATED: case S_H_OFFSET: case S_H_FLAGS:
            break;
        case S_H_TITLE:
            h->title = S_put_text(&at, v, n);
            break;
        case S_H_TAG:
            h->tags[h->ntags++] = S_put_text(&at, v, n);
            break;
        case S_H_FIELD: {
            S_reader f = { v, n };
            uint64_t kl = 0;
            (void)S_get_varint(&f, UINT64_MAX, &kl);
            h->fields[h->nfields].key = S_put_text(&at, f.p, (size_t)kl);
            h->fields[h->nfields].value = S_put_text(&at, f.p + kl, f.left - (size_t)kl);
            h->nfields++;
            break;
        }
        default:
            memcpy(extra, start, (size_t)(r.p - start));
            extra += r.p - start;
            break;
        }
    }
    if (!h->title)
        h->title = S_put_text(&at, "", 0);
}

/* The second pass from what the first remembered (see S_head_fill). */
static void S_head_fill_refs(const S_ref *refs, size_t nrefs, tend_head *h, const S_shape *sh)
{
    unsigned char *at = S_block_lay(h, h->block, sh);
    unsigned char *extra = h->extra;
    h->title = NULL;
    h->ntags = h->nfields = 0;
    for (size_t i = 0; i < nrefs; i++) {
        const S_ref *f = &refs[i];
        switch (f->tag) {
        case S_H_TITLE:
            h->title = S_put_text(&at, f->v, f->n);
            break;
        case S_H_TAG:
            h->tags[h->ntags++] = S_put_text(&at, f->v, f->n);
            break;
        case S_H_FIELD:
            h->fields[h->nfields].key = S_put_text(&at, f->v, f->n);
            h->fields[h->nfields].value = S_put_text(&at, f->v + f->n, f->vn);
            h->nfields++;
            break;
        default:
            memcpy(extra, f->v, f->n);
            extra += f->n;
            break;
        }
    }
    if (!h->title)
        h->title = S_put_text(&at, "", 0);
}

/* tend_head_decode and tend_head_decode_reuse: reuse keeps *out's block
 * when it is big enough. */
static tend_status S_head_decode(const unsigned char *data, size_t len, tend_head *out,
                                 bool reuse, tend_error *err)
{
    void *block = NULL;
    size_t have = 0;
    if (reuse && out->block) {
        block = out->block;
        have = out->block_size;
        tend_wipe(block, have);
    } else if (reuse) {
        tend_head_clear(out);
    }
    tend_head h = TEND_HEAD_INIT;
    tend_head z = TEND_HEAD_INIT;
    *out = z;
    S_reader r = { data, len };
    tend_status st = S_version(&r, err);
    S_shape sh;
    S_ref refs[S_NREFS];
    size_t nrefs = 0;
    const char *why = st == TEND_OK ? S_head_check(r, &h, &sh, refs, &nrefs) : NULL;
    size_t need = st == TEND_OK && !why ? S_block_size(&sh) : 0;
    if (st == TEND_OK && !why && need == 0)
        why = "too large";
    if (st != TEND_OK || why) {
        tend_wipe_free(block, have);
        return why ? S_damaged(err, why) : st;
    }
    if (need > have) {
        tend_wipe_free(block, have);
        have = need;
        if (!(block = malloc(have)))
            return tend_fail(err, TEND_ENOMEM, "out of memory while reading a record");
    }
    h.block = block;
    h.block_size = have;
    if (nrefs <= S_NREFS)
        S_head_fill_refs(refs, nrefs, &h, &sh);
    else
        S_head_fill(r, &h, &sh);
    *out = h;
    return TEND_OK;
}

tend_status tend_head_decode(const unsigned char *data, size_t len, tend_head *out,
                             tend_error *err)
{
    return S_head_decode(data, len, out, false, err);
}

tend_status tend_head_decode_reuse(const unsigned char *data, size_t len, tend_head *out,
                                   tend_error *err)
{
    return S_head_decode(data, len, out, true, err);
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

tend_status tend_body_view(const unsigned char *data, size_t len, const char **text,
                           size_t *text_len, bool *plain, tend_error *err)
{
    *text = NULL;
    *text_len = 0;
    *plain = false;
    S_reader r = { data, len };
    tend_status st = S_version(&r, err);
    if (st != TEND_OK)
        return st;
    bool other = false;
    const unsigned char *t = NULL;
    size_t tn = 0;
    while (r.left) {
        uint32_t tag;
        const unsigned char *v;
        size_t n;
        if (!S_get_item(&r, &tag, &v, &n))
            return S_damaged(err, "truncated item");
        if (tag == S_B_TEXT) {
            if (t || !S_text_ok(v, n))
                return S_damaged(err, "bad text");
            t = v;
            tn = n;
        } else {
            other = true;
        }
    }
    *text = (const char *)t;
    *text_len = tn;
    *plain = !other && (!t || t + tn == data + len);
    return TEND_OK;
}
