/*
 * fuzz_record.c — the record decoder (docs/FORMAT.md "Records") on any
 * bytes, as the plaintext of a sealed head and of a sealed body. Decoding
 * either fails with TEND_EDAMAGED (or TEND_ENOMEM) and leaves nothing
 * behind, or gives a record that keeps the documented rules (kind not 0,
 * offset within 18 h, every text valid UTF-8 without NUL, field keys not
 * empty); that record encodes, the encoding decodes again, and encoding
 * that gives the same bytes (the encoding is canonical after one round).
 * The faster paths must agree with the plain decoders: decoding into one
 * head reused across every input (tend_head_decode_reuse), a one-block
 * copy (tend_head_copy), and the body's text seen in place
 * (tend_body_view).
 */
#include "tend/codec.h"
#include "tend/record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_text(const char *s)
{
    if (!s || !tend_utf8_valid(s, strlen(s)))
        abort();
}

static void S_check_head(const tend_head *h)
{
    if (h->kind == 0 || h->utc_offset < -64800 || h->utc_offset > 64800)
        abort();
    S_text(h->title);
    for (size_t i = 0; i < h->ntags; i++)
        S_text(h->tags[i]);
    for (size_t i = 0; i < h->nfields; i++) {
        S_text(h->fields[i].key);
        S_text(h->fields[i].value);
        if (h->fields[i].key[0] == '\0')
            abort();
    }
    if ((h->extra_len == 0) != (h->extra == NULL))
        abort();
}

static bool S_same(const tend_buf *a, const tend_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* The head every input is also decoded into, reused from one to the next. */
static tend_head S_reused = TEND_HEAD_INIT;

static void S_head(const uint8_t *data, size_t size)
{
    tend_head h = TEND_HEAD_INIT, h2 = TEND_HEAD_INIT;
    tend_error e;
    tend_status st = tend_head_decode(data, size, &h, &e);
    tend_status rst = tend_head_decode_reuse(data, size, &S_reused, &e);
    if (rst != st && st != TEND_ENOMEM && rst != TEND_ENOMEM)
        abort();
    if (st != TEND_OK) {
        if ((st != TEND_EDAMAGED && st != TEND_ENOMEM) || h.title || h.tags || h.fields || h.extra)
            abort();
        if (rst != TEND_OK && (S_reused.block || S_reused.title))
            abort();
        return;
    }
    S_check_head(&h);
    tend_buf b1 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    if (tend_head_encode(&h, &b1, &e) != TEND_OK)
        abort();
    if (tend_head_decode((const unsigned char *)b1.data, b1.len, &h2, &e) != TEND_OK)
        abort();
    S_check_head(&h2);
    if (h2.kind != h.kind || h2.created != h.created || h2.updated != h.updated
        || h2.utc_offset != h.utc_offset || h2.flags != h.flags || strcmp(h2.title, h.title) != 0
        || h2.ntags != h.ntags || h2.nfields != h.nfields || h2.extra_len != h.extra_len)
        abort();
    if (tend_head_encode(&h2, &b2, &e) != TEND_OK || !S_same(&b1, &b2))
        abort();
    /* the reused head and a copy encode as the head does */
    tend_head c = TEND_HEAD_INIT;
    tend_buf b3 = TEND_BUF_INIT;
    if (rst == TEND_OK) {
        if (tend_head_encode(&S_reused, &b3, &e) != TEND_OK || !S_same(&b1, &b3))
            abort();
        tend_buf_free(&b3);
    }
    if (tend_head_copy(&c, &h) == TEND_OK) {
        if (tend_head_encode(&c, &b3, &e) != TEND_OK || !S_same(&b1, &b3))
            abort();
        tend_head_clear(&c);
    }
    tend_buf_free(&b1);
    tend_buf_free(&b2);
    tend_buf_free(&b3);
    tend_head_clear(&h);
    tend_head_clear(&h2);
}

static void S_body(const uint8_t *data, size_t size)
{
    tend_record r = TEND_RECORD_INIT, r2 = TEND_RECORD_INIT;
    tend_error e;
    tend_status st = tend_body_decode(data, size, &r, &e);
    const char *text = NULL;
    size_t tlen = 0;
    bool alone = false;
    tend_status vst = tend_body_view(data, size, &text, &tlen, &alone, &e);
    if (vst != st && st != TEND_ENOMEM)
        abort();
    if (st != TEND_OK) {
        if ((st != TEND_EDAMAGED && st != TEND_ENOMEM) || r.body || r.body_extra)
            abort();
        return;
    }
    /* the view sees the text the decoder copied, in place */
    if ((text == NULL) != (r.body == NULL) || tlen != r.body_len
        || (text && memcmp(text, r.body, tlen) != 0) || alone != (r.body_extra_len == 0)
        || (text && alone && (const uint8_t *)text + tlen != data + size))
        abort();
    if (r.body && (strlen(r.body) != r.body_len || !tend_utf8_valid(r.body, r.body_len)))
        abort();
    tend_buf b1 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    if (tend_body_encode(&r, &b1, &e) != TEND_OK)
        abort();
    if (tend_body_decode((const unsigned char *)b1.data, b1.len, &r2, &e) != TEND_OK)
        abort();
    if ((r.body == NULL) != (r2.body == NULL) || r2.body_len != r.body_len
        || (r.body && memcmp(r.body, r2.body, r.body_len) != 0)
        || r2.body_extra_len != r.body_extra_len)
        abort();
    if (tend_body_encode(&r2, &b2, &e) != TEND_OK || !S_same(&b1, &b2))
        abort();
    tend_buf_free(&b1);
    tend_buf_free(&b2);
    tend_record_clear(&r);
    tend_record_clear(&r2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_head(data, size);
    S_body(data, size);
    return 0;
}
