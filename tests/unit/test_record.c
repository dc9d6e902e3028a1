/*
 * test_record.c — the record model and its binary encoding: round trips,
 * unknown tags kept across a re-encode, and hostile input (every truncation
 * and every single-byte change of a valid payload, plus hand-made malformed
 * payloads) rejected with TEND_EDAMAGED and no leak or crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/codec.h"
#include "tend/record.h"

/* A head with every known item set. */
static void S_full_head(tend_head *h)
{
    h->kind = TEND_KIND_CHECKIN;
    h->created = 1714600000;
    h->updated = 1714603600;
    h->utc_offset = -5 * 3600 - 1800;
    h->flags = TEND_FLAG_STARRED | TEND_FLAG_PRIVATE;
    assert_int_equal(tend_head_set_title(h, "Ünïcode — 日本語 🌱"), TEND_OK);
    assert_int_equal(tend_head_add_tag(h, "family"), TEND_OK);
    assert_int_equal(tend_head_add_tag(h, "sleep"), TEND_OK);
    assert_int_equal(tend_head_add_tag(h, "family"), TEND_OK); /* kept once */
    assert_int_equal(tend_head_add_field(h, "intensity", "3"), TEND_OK);
    assert_int_equal(tend_head_add_field(h, "triggers", "a call"), TEND_OK);
    assert_int_equal(tend_head_add_field(h, "triggers", "noise"), TEND_OK);
    assert_int_equal(tend_head_add_field(h, "note", ""), TEND_OK);
}

static void S_encode(const tend_head *h, tend_buf *out)
{
    tend_error e;
    assert_int_equal(tend_head_encode(h, out, &e), TEND_OK);
}

static void head_round_trips_every_item(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT, d = TEND_HEAD_INIT;
    S_full_head(&h);
    assert_int_equal(h.ntags, 2);
    tend_buf b = TEND_BUF_INIT;
    S_encode(&h, &b);
    tend_error e;
    assert_int_equal(tend_head_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
    assert_int_equal(d.kind, TEND_KIND_CHECKIN);
    assert_int_equal(d.created, 1714600000);
    assert_int_equal(d.updated, 1714603600);
    assert_int_equal(d.utc_offset, -5 * 3600 - 1800);
    assert_int_equal(d.flags, TEND_FLAG_STARRED | TEND_FLAG_PRIVATE);
    assert_string_equal(d.title, "Ünïcode — 日本語 🌱");
    assert_int_equal(d.ntags, 2);
    assert_string_equal(d.tags[0], "family");
    assert_string_equal(d.tags[1], "sleep");
    assert_int_equal(d.nfields, 4);
    assert_string_equal(tend_head_field(&d, "intensity"), "3");
    assert_string_equal(tend_head_field(&d, "triggers"), "a call");
    assert_string_equal(d.fields[2].value, "noise");
    assert_string_equal(tend_head_field(&d, "note"), "");
    assert_null(tend_head_field(&d, "absent"));
    assert_true(tend_head_has_tag(&d, "SLEEP"));
    assert_false(tend_head_has_tag(&d, "sleepy"));
    /* re-encoding the decoded head gives the same bytes */
    tend_buf b2 = TEND_BUF_INIT;
    S_encode(&d, &b2);
    assert_int_equal(b.len, b2.len);
    assert_memory_equal(b.data, b2.data, b.len);
    tend_buf_free(&b);
    tend_buf_free(&b2);
    tend_head_clear(&h);
    tend_head_clear(&d);
}

static void minimal_head_gets_defaults(void **state)
{
    (void)state;
    /* version 1, kind = 1, created = 5; no title, no updated */
    const unsigned char p[] = { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 };
    tend_head h = TEND_HEAD_INIT;
    tend_error e;
    assert_int_equal(tend_head_decode(p, sizeof p, &h, &e), TEND_OK);
    assert_int_equal(h.kind, TEND_KIND_ENTRY);
    assert_int_equal(h.created, 5);
    assert_int_equal(h.updated, 5);
    assert_string_equal(h.title, "");
    assert_int_equal(h.ntags, 0);
    tend_head_clear(&h);
}

static void unknown_tags_survive_a_re_encode(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT;
    S_full_head(&h);
    tend_buf b = TEND_BUF_INIT;
    S_encode(&h, &b);
    /* what a newer tend might add: tag 40 (3 bytes) and tag 300 (varint 2 bytes) */
    const unsigned char future[] = { 40, 3, 'x', 'y', 'z', 0xac, 0x02, 1, 7 };
    assert_int_equal(tend_buf_append(&b, future, sizeof future), TEND_OK);
    tend_head d = TEND_HEAD_INIT;
    tend_error e;
    assert_int_equal(tend_head_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
    assert_int_equal(d.extra_len, sizeof future);
    assert_memory_equal(d.extra, future, sizeof future);
    /* an older build edits the title and writes the head back */
    assert_int_equal(tend_head_set_title(&d, "edited"), TEND_OK);
    tend_head copy = TEND_HEAD_INIT;
    assert_int_equal(tend_head_copy(&copy, &d), TEND_OK);
    tend_buf b2 = TEND_BUF_INIT;
    S_encode(&copy, &b2);
    tend_head d2 = TEND_HEAD_INIT;
    assert_int_equal(tend_head_decode((unsigned char *)b2.data, b2.len, &d2, &e), TEND_OK);
    assert_string_equal(d2.title, "edited");
    assert_int_equal(d2.extra_len, sizeof future);
    assert_memory_equal(d2.extra, future, sizeof future);
    tend_buf_free(&b);
    tend_buf_free(&b2);
    tend_head_clear(&h);
    tend_head_clear(&d);
    tend_head_clear(&d2);
    tend_head_clear(&copy);
}

static void body_round_trips_and_keeps_unknown_tags(void **state)
{
    (void)state;
    tend_record r = TEND_RECORD_INIT, d = TEND_RECORD_INIT;
    const char *text = "first line\n\nsecond — ünïcode 🌿\n";
    assert_int_equal(tend_record_set_body(&r, text, strlen(text)), TEND_OK);
    tend_buf b = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_body_encode(&r, &b, &e), TEND_OK);
    const unsigned char future[] = { 9, 2, 'o', 'k' };
    assert_int_equal(tend_buf_append(&b, future, sizeof future), TEND_OK);
    assert_int_equal(tend_body_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
    assert_string_equal(d.body, text);
    assert_int_equal(d.body_len, strlen(text));
    assert_int_equal(d.body_extra_len, sizeof future);
    tend_buf b2 = TEND_BUF_INIT;
    assert_int_equal(tend_body_encode(&d, &b2, &e), TEND_OK);
    assert_int_equal(b2.len, b.len);
    assert_memory_equal(b2.data, b.data, b.len);
    /* an empty body is a body, distinct from none */
    tend_record empty = TEND_RECORD_INIT;
    assert_int_equal(tend_record_set_body(&empty, "", 0), TEND_OK);
    tend_buf_reset(&b);
    assert_int_equal(tend_body_encode(&empty, &b, &e), TEND_OK);
    assert_int_equal(tend_body_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
    assert_non_null(d.body);
    assert_string_equal(d.body, "");
    tend_buf_free(&b);
    tend_buf_free(&b2);
    tend_record_clear(&r);
    tend_record_clear(&d);
    tend_record_clear(&empty);
}

/* Decodes p as a head and as a body; neither may crash or leak. Returns
 * the head's status. */
static tend_status S_try(const unsigned char *p, size_t n)
{
    tend_head h = TEND_HEAD_INIT;
    tend_record r = TEND_RECORD_INIT;
    tend_error e;
    tend_status st = tend_head_decode(p, n, &h, &e);
    if (st != TEND_OK) {
        assert_int_equal(st, TEND_EDAMAGED);
        assert_null(h.title);
        assert_int_equal(h.ntags, 0);
    }
    tend_status bs = tend_body_decode(p, n, &r, &e);
    assert_true(bs == TEND_OK || bs == TEND_EDAMAGED);
    tend_head_clear(&h);
    tend_record_clear(&r);
    return st;
}

static void every_truncation_and_byte_change_is_handled(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT;
    S_full_head(&h);
    tend_buf b = TEND_BUF_INIT;
    S_encode(&h, &b);
    unsigned char *p = malloc(b.len);
    assert_non_null(p);
    /* every proper prefix that cuts an item is rejected */
    size_t rejected = 0;
    for (size_t n = 0; n < b.len; n++)
        if (S_try((unsigned char *)b.data, n) == TEND_EDAMAGED)
            rejected++;
    assert_true(rejected > b.len / 2);
    assert_int_equal(S_try((unsigned char *)b.data, 0), TEND_EDAMAGED);
    /* every byte set to every value: decoded or refused, never a crash */
    for (size_t i = 0; i < b.len; i++) {
        for (int v = 0; v < 256; v += 7) {
            memcpy(p, b.data, b.len);
            p[i] = (unsigned char)v;
            (void)S_try(p, b.len);
        }
    }
    free(p);
    tend_buf_free(&b);
    tend_head_clear(&h);
}

static void malformed_payloads_are_damaged(void **state)
{
    (void)state;
    static const struct {
        const char *why;
        unsigned char b[24];
        size_t n;
    } cases[] = {
        { "version 0", { 0, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 17 },
        { "newer version", { 2, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 17 },
        { "no kind", { 1, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 11 },
        { "no created", { 1, 1, 4, 1, 0, 0, 0 }, 7 },
        { "kind zero", { 1, 1, 4, 0, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 17 },
        { "kind too short", { 1, 1, 3, 1, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 16 },
        { "kind twice", { 1, 1, 4, 1, 0, 0, 0, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 23 },
        { "length past end", { 1, 1, 4, 1, 0, 0, 0, 2, 9, 5, 0, 0, 0, 0, 0, 0, 0 }, 17 },
        { "huge length", { 1, 6, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 }, 12 },
        { "overlong varint", { 1, 0x81, 0x00, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 18 },
        { "tag zero", { 1, 0, 0, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0 }, 19 },
        { "bad utf-8 title", { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0, 6, 2, 0xc3, 0x28 }, 21 },
        { "NUL in tag", { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0, 7, 2, 'a', 0 }, 21 },
        { "offset 19h", { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0x20, 0x0b, 0x01, 0 }, 23 },
        { "field key empty", { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 'v' }, 21 },
        { "field key too long", { 1, 1, 4, 1, 0, 0, 0, 2, 8, 5, 0, 0, 0, 0, 0, 0, 0, 8, 2, 5, 'k' }, 21 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tend_head h = TEND_HEAD_INIT;
        tend_error e;
        tend_error_clear(&e);
        tend_status st = tend_head_decode(cases[i].b, cases[i].n, &h, &e);
        if (st != TEND_EDAMAGED)
            fail_msg("%s: decoded with status %d", cases[i].why, st);
        assert_true(e.msg[0] != '\0');
        tend_head_clear(&h);
    }
    /* a body with its text twice, or a truncated text item */
    const unsigned char twice[] = { 1, 1, 1, 'a', 1, 1, 'b' };
    const unsigned char cut[] = { 1, 1, 5, 'a', 'b' };
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_body_decode(twice, sizeof twice, &r, NULL), TEND_EDAMAGED);
    assert_int_equal(tend_body_decode(cut, sizeof cut, &r, NULL), TEND_EDAMAGED);
    assert_null(r.body);
}

static void encoder_refuses_what_it_could_not_read_back(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT;
    tend_buf b = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_head_encode(&h, &b, &e), TEND_EINVAL); /* no kind */
    h.kind = TEND_KIND_ENTRY;
    h.utc_offset = 19 * 3600;
    assert_int_equal(tend_head_encode(&h, &b, &e), TEND_EINVAL);
    h.utc_offset = 0;
    assert_int_equal(tend_head_set_title(&h, "bad \xc3\x28"), TEND_OK);
    assert_int_equal(tend_head_encode(&h, &b, &e), TEND_EINVAL);
    assert_int_equal(tend_head_set_title(&h, NULL), TEND_OK);
    /* kept bytes that would shadow a known tag are refused */
    const unsigned char shadow[] = { 6, 1, 'x' };
    h.extra = malloc(sizeof shadow);
    assert_non_null(h.extra);
    memcpy(h.extra, shadow, sizeof shadow);
    h.extra_len = sizeof shadow;
    assert_int_equal(tend_head_encode(&h, &b, &e), TEND_EINVAL);
    tend_head_clear(&h);
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_record_set_body(&r, "a\0b", 3), TEND_OK);
    assert_int_equal(tend_body_encode(&r, &b, &e), TEND_EINVAL);
    tend_record_clear(&r);
    tend_buf_free(&b);
}

/* Decoded heads live in one block; every editing call still works on
 * them, and a copy is as good as the original. */
static void decoded_heads_can_be_edited_and_copied(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT, d = TEND_HEAD_INIT;
    S_full_head(&h);
    assert_null(h.block); /* built by the editing calls: loose */
    tend_buf b = TEND_BUF_INIT;
    S_encode(&h, &b);
    tend_error e;
    assert_int_equal(tend_head_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
    assert_non_null(d.block);
    /* a copy, in a block of its own, encodes to the same bytes */
    tend_head c = TEND_HEAD_INIT;
    assert_int_equal(tend_head_copy(&c, &d), TEND_OK);
    assert_non_null(c.block);
    assert_ptr_not_equal(c.block, d.block);
    tend_buf b2 = TEND_BUF_INIT;
    S_encode(&c, &b2);
    assert_int_equal(b2.len, b.len);
    assert_memory_equal(b2.data, b.data, b.len);
    tend_buf_reset(&b2);
    /* each editing call on a one-block head */
    assert_int_equal(tend_head_set_title(&d, "new"), TEND_OK);
    assert_null(d.block);
    assert_string_equal(d.title, "new");
    assert_string_equal(d.tags[1], "sleep");
    assert_string_equal(tend_head_field(&d, "triggers"), "a call");
    tend_head c2 = TEND_HEAD_INIT;
    assert_int_equal(tend_head_copy(&c2, &c), TEND_OK);
    assert_int_equal(tend_head_add_tag(&c, "calm"), TEND_OK);
    assert_int_equal(c.ntags, 3);
    assert_string_equal(c.tags[2], "calm");
    assert_int_equal(tend_head_set_field(&c2, "triggers", "rain"), TEND_OK);
    assert_int_equal(c2.nfields, 3);
    assert_string_equal(tend_head_field(&c2, "triggers"), "rain");
    assert_string_equal(tend_head_field(&c2, "intensity"), "3");
    tend_head c3 = TEND_HEAD_INIT;
    assert_int_equal(tend_head_copy(&c3, &c2), TEND_OK);
    assert_int_equal(tend_head_clear_tags(&c3), TEND_OK);
    assert_int_equal(c3.ntags, 0);
    assert_string_equal(c3.title, c2.title);
    tend_head c4 = TEND_HEAD_INIT;
    assert_int_equal(tend_head_copy(&c4, &c3), TEND_OK);
    assert_int_equal(tend_head_add_field(&c4, "sleep", "2"), TEND_OK);
    assert_string_equal(tend_head_field(&c4, "sleep"), "2");
    /* a loose head with no title copies as "" */
    tend_head loose = TEND_HEAD_INIT, lc = TEND_HEAD_INIT;
    loose.kind = TEND_KIND_ENTRY;
    assert_int_equal(tend_head_copy(&lc, &loose), TEND_OK);
    assert_string_equal(lc.title, "");
    assert_int_equal(lc.ntags, 0);
    tend_buf_free(&b);
    tend_buf_free(&b2);
    tend_head_clear(&h);
    tend_head_clear(&d);
    tend_head_clear(&c);
    tend_head_clear(&c2);
    tend_head_clear(&c3);
    tend_head_clear(&c4);
    tend_head_clear(&lc);
    assert_null(c4.block);
    assert_null(c4.title);
}

/* A head with more items than the first pass remembers (70 tags, 30
 * fields, unknown items among them) decodes as well as a small one. */
static void heads_with_many_items_decode(void **state)
{
    (void)state;
    for (int ntags = 60; ntags <= 70; ntags += 2) {
        tend_head h = TEND_HEAD_INIT;
        h.kind = TEND_KIND_CHECKIN;
        h.created = 1;
        for (int i = 0; i < ntags; i++) {
            char tag[16];
            snprintf(tag, sizeof tag, "tag%d", i);
            assert_int_equal(tend_head_add_tag(&h, tag), TEND_OK);
        }
        for (int i = 0; i < ntags / 2; i++) {
            char key[16], val[16];
            snprintf(key, sizeof key, "k%d", i);
            snprintf(val, sizeof val, "v%d", i);
            assert_int_equal(tend_head_add_field(&h, key, val), TEND_OK);
        }
        tend_buf b = TEND_BUF_INIT;
        S_encode(&h, &b);
        const unsigned char future[] = { 40, 1, 'q', 41, 0 };
        assert_int_equal(tend_buf_append(&b, future, sizeof future), TEND_OK);
        tend_head d = TEND_HEAD_INIT;
        tend_error e;
        assert_int_equal(tend_head_decode((unsigned char *)b.data, b.len, &d, &e), TEND_OK);
        assert_int_equal(d.ntags, (size_t)ntags);
        assert_int_equal(d.nfields, (size_t)ntags / 2);
        assert_string_equal(d.tags[ntags - 1], h.tags[ntags - 1]);
        assert_string_equal(d.fields[ntags / 2 - 1].value, h.fields[ntags / 2 - 1].value);
        assert_int_equal(d.extra_len, sizeof future);
        assert_memory_equal(d.extra, future, sizeof future);
        tend_buf b2 = TEND_BUF_INIT;
        S_encode(&d, &b2);
        assert_int_equal(b2.len, b.len);
        assert_memory_equal(b2.data, b.data, b.len);
        tend_buf_free(&b);
        tend_buf_free(&b2);
        tend_head_clear(&h);
        tend_head_clear(&d);
    }
}

/* tend_head_decode_reuse over heads of different sizes gives what
 * tend_head_decode gives, and a damaged one leaves the head empty. */
static void reuse_decodes_head_after_head(void **state)
{
    (void)state;
    tend_head big = TEND_HEAD_INIT, small = TEND_HEAD_INIT;
    S_full_head(&big);
    small.kind = TEND_KIND_ENTRY;
    small.created = 7;
    assert_int_equal(tend_head_set_title(&small, "s"), TEND_OK);
    tend_buf bb = TEND_BUF_INIT, bs = TEND_BUF_INIT;
    S_encode(&big, &bb);
    S_encode(&small, &bs);
    const tend_buf *seq[] = { &bs, &bb, &bs, &bs, &bb };
    tend_head r = TEND_HEAD_INIT;
    tend_error e;
    for (size_t i = 0; i < sizeof seq / sizeof seq[0]; i++) {
        assert_int_equal(tend_head_decode_reuse((unsigned char *)seq[i]->data, seq[i]->len, &r,
                                                &e), TEND_OK);
        tend_buf again = TEND_BUF_INIT;
        S_encode(&r, &again);
        assert_int_equal(again.len, seq[i]->len);
        assert_memory_equal(again.data, seq[i]->data, again.len);
        tend_buf_free(&again);
    }
    const unsigned char bad[] = { 1, 1, 4, 0, 0, 0, 0 }; /* kind 0 */
    assert_int_equal(tend_head_decode_reuse(bad, sizeof bad, &r, &e), TEND_EDAMAGED);
    assert_null(r.block);
    assert_null(r.title);
    assert_int_equal(tend_head_decode_reuse((unsigned char *)bb.data, bb.len, &r, &e), TEND_OK);
    assert_string_equal(r.tags[0], "family");
    tend_head_clear(&r);
    tend_head_clear(&big);
    tend_head_clear(&small);
    tend_buf_free(&bb);
    tend_buf_free(&bs);
}

/* tend_body_view: the text where it lies, and whether it is all there is. */
static void body_view_points_into_the_payload(void **state)
{
    (void)state;
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_record_set_body(&r, "hello", 5), TEND_OK);
    tend_buf b = TEND_BUF_INIT;
    tend_error e;
    assert_int_equal(tend_body_encode(&r, &b, &e), TEND_OK);
    const char *text = NULL;
    size_t len = 0;
    bool alone = false;
    const unsigned char *p = (const unsigned char *)b.data;
    assert_int_equal(tend_body_view(p, b.len, &text, &len, &alone, &e), TEND_OK);
    assert_true(alone);
    assert_int_equal(len, 5);
    assert_memory_equal(text, "hello", 5);
    assert_ptr_equal(text + len, b.data + b.len);
    /* an unknown item after the text: not alone */
    const unsigned char future[] = { 9, 1, 'z' };
    assert_int_equal(tend_buf_append(&b, future, sizeof future), TEND_OK);
    p = (const unsigned char *)b.data;
    assert_int_equal(tend_body_view(p, b.len, &text, &len, &alone, &e), TEND_OK);
    assert_false(alone);
    assert_memory_equal(text, "hello", 5);
    /* no text at all */
    const unsigned char none[] = { 1 };
    assert_int_equal(tend_body_view(none, 1, &text, &len, &alone, &e), TEND_OK);
    assert_null(text);
    assert_true(alone);
    /* damaged: NUL in the text, truncated, two texts */
    const unsigned char nul[] = { 1, 1, 2, 'a', 0 };
    const unsigned char cut[] = { 1, 1, 5, 'a' };
    const unsigned char two[] = { 1, 1, 1, 'a', 1, 1, 'b' };
    assert_int_equal(tend_body_view(nul, sizeof nul, &text, &len, &alone, &e), TEND_EDAMAGED);
    assert_int_equal(tend_body_view(cut, sizeof cut, &text, &len, &alone, &e), TEND_EDAMAGED);
    assert_int_equal(tend_body_view(two, sizeof two, &text, &len, &alone, &e), TEND_EDAMAGED);
    tend_record_clear(&r);
    tend_buf_free(&b);
}

static void fields_can_be_replaced_and_removed(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT;
    assert_int_equal(tend_head_add_field(&h, "a", "1"), TEND_OK);
    assert_int_equal(tend_head_add_field(&h, "b", "2"), TEND_OK);
    assert_int_equal(tend_head_add_field(&h, "a", "3"), TEND_OK);
    assert_int_equal(tend_head_set_field(&h, "a", "9"), TEND_OK);
    assert_int_equal(h.nfields, 2);
    assert_string_equal(tend_head_field(&h, "a"), "9");
    assert_int_equal(tend_head_set_field(&h, "b", NULL), TEND_OK);
    assert_int_equal(h.nfields, 1);
    assert_null(tend_head_field(&h, "b"));
    tend_head_clear(&h);
    assert_int_equal(h.nfields, 0);
}

static void kinds_have_names(void **state)
{
    (void)state;
    assert_string_equal(tend_kind_name(TEND_KIND_ENTRY), "entry");
    assert_string_equal(tend_kind_name(TEND_KIND_CHECKIN), "checkin");
    assert_null(tend_kind_name(99));
    assert_int_equal(tend_kind_parse("draft"), TEND_KIND_DRAFT);
    assert_int_equal(tend_kind_parse("safety-plan"), TEND_KIND_SAFETY_PLAN);
    assert_int_equal(tend_kind_parse("nope"), 0);
    assert_true(tend_kind_is_singleton(TEND_KIND_SETTINGS));
    assert_false(tend_kind_is_singleton(TEND_KIND_ENTRY));
    tend_uuid u;
    for (int i = 0; i < 16; i++)
        u.b[i] = (unsigned char)(i * 17);
    char hex[TEND_UUID_HEX + 1];
    tend_uuid_hex(&u, hex);
    assert_string_equal(hex, "00112233445566778899aabbccddeeff");
}

/* The example in docs/FORMAT.md "Records", byte for byte. */
static void the_documented_example_encodes_exactly(void **state)
{
    (void)state;
    const unsigned char want[] = {
        0x01,
        0x01, 0x04, 0x01, 0x00, 0x00, 0x00,
        0x02, 0x08, 0x80, 0xf6, 0x31, 0x66, 0x00, 0x00, 0x00, 0x00,
        0x03, 0x08, 0x80, 0xf6, 0x31, 0x66, 0x00, 0x00, 0x00, 0x00,
        0x04, 0x04, 0x20, 0x1c, 0x00, 0x00,
        0x06, 0x02, 'h', 'i',
        0x07, 0x01, 'x',
    };
    tend_head h = TEND_HEAD_INIT;
    h.kind = TEND_KIND_ENTRY;
    h.created = h.updated = 1714550400;
    h.utc_offset = 7200;
    assert_int_equal(tend_head_set_title(&h, "hi"), TEND_OK);
    assert_int_equal(tend_head_add_tag(&h, "x"), TEND_OK);
    tend_buf b = TEND_BUF_INIT;
    S_encode(&h, &b);
    assert_int_equal(b.len, sizeof want);
    assert_memory_equal(b.data, want, sizeof want);
    /* and an empty body is 01 01 00 */
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_record_set_body(&r, "", 0), TEND_OK);
    tend_buf_reset(&b);
    assert_int_equal(tend_body_encode(&r, &b, NULL), TEND_OK);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "\x01\x01\x00", 3);
    tend_record_clear(&r);
    tend_buf_free(&b);
    tend_head_clear(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(head_round_trips_every_item),
        cmocka_unit_test(minimal_head_gets_defaults),
        cmocka_unit_test(unknown_tags_survive_a_re_encode),
        cmocka_unit_test(body_round_trips_and_keeps_unknown_tags),
        cmocka_unit_test(every_truncation_and_byte_change_is_handled),
        cmocka_unit_test(malformed_payloads_are_damaged),
        cmocka_unit_test(encoder_refuses_what_it_could_not_read_back),
        cmocka_unit_test(fields_can_be_replaced_and_removed),
        cmocka_unit_test(decoded_heads_can_be_edited_and_copied),
        cmocka_unit_test(heads_with_many_items_decode),
        cmocka_unit_test(reuse_decodes_head_after_head),
        cmocka_unit_test(body_view_points_into_the_payload),
        cmocka_unit_test(kinds_have_names),
        cmocka_unit_test(the_documented_example_encodes_exactly),
    };
    return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
