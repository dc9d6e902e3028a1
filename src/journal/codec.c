/*
 * codec.c — the binary encoding of a record's head and body (codec.h):
 * the plaintext the vault seals into a record's two fields.
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
 * and leaves nothing allocated. A decoded head is one block (record_int.h).
 */
#include "tend/codec.h"

#include "record_int.h"

#include <stdlib.h>
#include <string.h>

/* The version byte this build writes, and the highest it reads. */
#define S_VERSION 1

/* The tags of a head payload. */
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

/* The tags of a body payload. */
enum { S_B_TEXT = 1, S_B_LAST_KNOWN = S_B_TEXT };

/* The largest UTC offset a head may hold, either way (seconds). */
#define S_MAX_OFFSET (18 * 3600)


/* ---- writing ------------------------------------------------------------------- */

/* Appends v as an unsigned LEB128 varint in its shortest form.
 * TEND_ENOMEM. */
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

/* Appends one item: tag, length n, then p[0..n). TEND_ENOMEM. */
static tend_status S_put_item(tend_buf *out, unsigned tag, const void *p, size_t n)
{
    if (S_put_varint(out, tag) != TEND_OK || S_put_varint(out, n) != TEND_OK ||
        tend_buf_append(out, p, n) != TEND_OK)
        return TEND_ENOMEM;
    return TEND_OK;
}

/* Appends an item whose value is the n low bytes of v, little-endian.
 * TEND_ENOMEM. */
static tend_status S_put_le(tend_buf *out, unsigned tag, uint64_t v, size_t n)
{
    unsigned char b[8];
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return S_put_item(out, tag, b, n);
}

/* Appends an item whose value is the string s (without its NUL).
 * TEND_ENOMEM. */
static tend_status S_put_str(tend_buf *out, unsigned tag, const char *s)
{
    return S_put_item(out, tag, s, strlen(s));
}

/* ---- reading ------------------------------------------------------------------- */

/* A cursor over hostile bytes: what is left of a payload. */
typedef struct {
    const unsigned char *p;
    size_t left;
} payload_reader;

/* Reads a shortest-form varint no larger than max. */
static bool S_get_varint(payload_reader *r, uint64_t max, uint64_t *v)
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
static bool S_get_item(payload_reader *r, uint32_t *tag, const unsigned char **val, size_t *len)
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

/* The little-endian number in p[0..n) (n <= 8). */
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
    payload_reader r = { extra, n };
    while (r.left) {
        uint32_t tag;
        const unsigned char *v;
        size_t len;
        if (!S_get_item(&r, &tag, &v, &len) || tag <= last_known)
            return false;
    }
    return true;
}

/* ---- heads ---------------------------------------------------------------------- */

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
        if (S_put_varint(&f, kl) != TEND_OK ||
            tend_buf_append(&f, h->fields[i].key, kl) != TEND_OK ||
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

/* Fails with TEND_EDAMAGED, naming what is wrong with the payload. */
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

/* Checks the version byte. */
static tend_status S_version(payload_reader *r, tend_error *err)
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
} head_item_ref;

/* Items the first pass remembers; a head with more (a check-in of many
 * answers) is parsed again by the second. */
#define S_NREFS 64

/* Adds ref to refs[0..*n), or marks the list as overflowed (*n past
 * S_NREFS). */
static void S_remember(head_item_ref *refs, size_t *n, head_item_ref ref)
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
static const char *S_head_check(payload_reader r, tend_head *h, record_block_shape *sh,
                                head_item_ref *refs, size_t *nrefs)
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
            S_remember(refs, nrefs, (head_item_ref){ tag, v, n, 0 });
            break;
        case S_H_TAG:
            if (!S_text_ok(v, n))
                return "bad tag";
            sh->text += n + 1;
            sh->ntags++;
            S_remember(refs, nrefs, (head_item_ref){ tag, v, n, 0 });
            break;
        case S_H_FIELD: {
            payload_reader f = { v, n };
            uint64_t kl;
            if (!S_get_varint(&f, UINT64_MAX, &kl) || kl == 0 || kl > f.left ||
                !S_text_ok(f.p, (size_t)kl) || !S_text_ok(f.p + kl, f.left - (size_t)kl))
                return "bad field";
            sh->text += f.left + 2;
            sh->nfields++;
            S_remember(refs, nrefs, (head_item_ref){ tag, f.p, (size_t)kl, f.left - (size_t)kl });
            break;
        }
        default:
            sh->extra += (size_t)(r.p - start);
            S_remember(refs, nrefs, (head_item_ref){ tag, start, (size_t)(r.p - start), 0 });
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
static void S_head_fill(payload_reader r, tend_head *h, const record_block_shape *sh)
{
    unsigned char *at = record_block_lay(h, h->block, sh);
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
            h->title = record_put_text(&at, v, n);
            break;
        case S_H_TAG:
            h->tags[h->ntags++] = record_put_text(&at, v, n);
            break;
        case S_H_FIELD: {
            payload_reader f = { v, n };
            uint64_t kl = 0;
            (void)S_get_varint(&f, UINT64_MAX, &kl);
            h->fields[h->nfields].key = record_put_text(&at, f.p, (size_t)kl);
            h->fields[h->nfields].value = record_put_text(&at, f.p + kl, f.left - (size_t)kl);
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
        h->title = record_put_text(&at, "", 0);
}

/* The second pass from what the first remembered (see S_head_fill). */
static void S_head_fill_refs(const head_item_ref *refs, size_t nrefs, tend_head *h,
                             const record_block_shape *sh)
{
    unsigned char *at = record_block_lay(h, h->block, sh);
    unsigned char *extra = h->extra;
    h->title = NULL;
    h->ntags = h->nfields = 0;
    for (size_t i = 0; i < nrefs; i++) {
        const head_item_ref *f = &refs[i];
        switch (f->tag) {
        case S_H_TITLE:
            h->title = record_put_text(&at, f->v, f->n);
            break;
        case S_H_TAG:
            h->tags[h->ntags++] = record_put_text(&at, f->v, f->n);
            break;
        case S_H_FIELD:
            h->fields[h->nfields].key = record_put_text(&at, f->v, f->n);
            h->fields[h->nfields].value = record_put_text(&at, f->v + f->n, f->vn);
            h->nfields++;
            break;
        default:
            memcpy(extra, f->v, f->n);
            extra += f->n;
            break;
        }
    }
    if (!h->title)
        h->title = record_put_text(&at, "", 0);
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
    payload_reader r = { data, len };
    tend_status st = S_version(&r, err);
    record_block_shape sh;
    head_item_ref refs[S_NREFS];
    size_t nrefs = 0;
    const char *why = st == TEND_OK ? S_head_check(r, &h, &sh, refs, &nrefs) : NULL;
    size_t need = st == TEND_OK && !why ? record_block_size(&sh) : 0;
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

/* ---- bodies ------------------------------------------------------------------- */

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

    payload_reader r = { data, len };
    tend_status st = S_version(&r, err);
    if (st != TEND_OK)
        return st;
    char *body = NULL;
    size_t blen = 0;
    tend_buf extra = TEND_BUF_INIT; /* unknown items, kept byte for byte */
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
            st = tend_buf_append(&extra, start, (size_t)(r.p - start));
        }
    }
    unsigned char *kept = NULL;
    size_t klen = 0;
    if (!why && st == TEND_OK && extra.len &&
        !(kept = (unsigned char *)tend_buf_take(&extra, &klen)))
        st = TEND_ENOMEM;
    tend_buf_free(&extra);
    if (why || st != TEND_OK) {
        tend_wipe_free(body, blen + 1);
        return why ? S_damaged(err, why)
                   : tend_fail(err, st, "out of memory while reading a record");
    }
    rec->body = body;
    rec->body_len = blen;
    rec->body_extra = kept;
    rec->body_extra_len = klen;
    return TEND_OK;
}

tend_status tend_body_view(const unsigned char *data, size_t len, const char **text,
                           size_t *text_len, bool *plain, tend_error *err)
{
    *text = NULL;
    *text_len = 0;
    *plain = false;
    payload_reader r = { data, len };
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
