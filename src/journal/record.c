/*
 * record.c — the record model: kinds, the calls that edit a head or a
 * record, copies (one-block heads, whose layout record_int.h describes),
 * and the filter lists are made with. The encoding of heads and bodies is
 * codec.c's.
 *
 * A head is either loose (every string and array allocated on its own, as
 * the editing calls build it; tags and fields grow through vec.h, wiped) or
 * one block (decoded or copied: tend_head.block). The editing calls first
 * make a one-block head loose (S_unblock), so callers never have to care.
 */
#include "tend/record.h"

#include "tend/vec.h"

#include "record_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- kinds ---------------------------------------------------------------------- */

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
    tend_grow_free(&h->tags, h->tags_room, sizeof *h->tags, true);
    for (size_t i = 0; i < h->nfields; i++) {
        tend_wipe_str(h->fields[i].key);
        tend_wipe_str(h->fields[i].value);
    }
    tend_grow_free(&h->fields, h->fields_room, sizeof *h->fields, true);
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

/* Appends the tag t (taking it) to a loose head's tags. TEND_ENOMEM
 * leaves h as it was and t the caller's. The array grows wiped: it points
 * at the person's words, and no copy of it is left behind. */
static tend_status S_push_tag_owned(tend_head *h, char *t)
{
    if (tend_grow(&h->tags, &h->tags_room, h->ntags + 1, sizeof *h->tags, true) != TEND_OK)
        return TEND_ENOMEM;
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

/* Appends the field k=v (taking both) to a loose head's fields, growing
 * the array as S_push_tag_owned does. TEND_ENOMEM leaves h as it was and
 * k and v the caller's. */
static tend_status S_push_field_owned(tend_head *h, char *k, char *v)
{
    if (tend_grow(&h->fields, &h->fields_room, h->nfields + 1, sizeof *h->fields, true) !=
        TEND_OK)
        return TEND_ENOMEM;
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
        tend_grow_free(&h->fields, h->fields_room, sizeof *h->fields, true);
        h->fields_room = 0;
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
    tend_grow_free(&h->tags, h->tags_room, sizeof *h->tags, true);
    h->ntags = 0;
    h->tags_room = 0;
    return TEND_OK;
}

/* ---- one-block heads (record_int.h) ------------------------------------------- */

size_t record_block_size(const record_block_shape *sh)
{
    size_t a = sizeof(char *), f = sizeof(tend_field);
    if (sh->ntags > SIZE_MAX / 4 / a || sh->nfields > SIZE_MAX / 4 / f ||
        sh->text > SIZE_MAX / 4 || sh->extra > SIZE_MAX / 4)
        return 0;
    size_t n = sh->ntags * a + sh->nfields * f + sh->extra + sh->text;
    return n ? n : 1;
}

unsigned char *record_block_lay(tend_head *h, void *block, const record_block_shape *sh)
{
    unsigned char *p = block;
    h->tags_room = h->fields_room = 0;
    h->tags = sh->ntags ? (char **)(void *)p : NULL;
    p += sh->ntags * sizeof(char *);
    h->fields = sh->nfields ? (tend_field *)(void *)p : NULL;
    p += sh->nfields * sizeof(tend_field);
    h->extra = sh->extra ? p : NULL;
    h->extra_len = sh->extra;
    return p + sh->extra;
}

char *record_put_text(unsigned char **at, const void *s, size_t n)
{
    char *out = (char *)*at;
    if (n)
        memcpy(out, s, n);
    out[n] = '\0';
    *at += n + 1;
    return out;
}

/* strlen, with NULL counted as "". */
static size_t S_len0(const char *s)
{
    return s ? strlen(s) : 0;
}

tend_status tend_head_copy(tend_head *dst, const tend_head *src)
{
    tend_head h = TEND_HEAD_INIT;
    *dst = h;
    record_block_shape sh = { src->ntags, src->nfields, S_len0(src->title) + 1, src->extra_len };
    for (size_t i = 0; i < src->ntags; i++)
        sh.text += S_len0(src->tags[i]) + 1;
    for (size_t i = 0; i < src->nfields; i++)
        sh.text += S_len0(src->fields[i].key) + S_len0(src->fields[i].value) + 2;
    size_t size = record_block_size(&sh);
    void *block = size ? malloc(size) : NULL;
    if (!block)
        return TEND_ENOMEM;
    S_copy_numbers(&h, src);
    h.block = block;
    h.block_size = size;
    h.ntags = sh.ntags;
    h.nfields = sh.nfields;
    unsigned char *at = record_block_lay(&h, block, &sh);
    if (sh.extra)
        memcpy(h.extra, src->extra, sh.extra);
    h.title = record_put_text(&at, src->title, S_len0(src->title));
    for (size_t i = 0; i < sh.ntags; i++)
        h.tags[i] = record_put_text(&at, src->tags[i], S_len0(src->tags[i]));
    for (size_t i = 0; i < sh.nfields; i++) {
        const tend_field *f = &src->fields[i];
        h.fields[i].key = record_put_text(&at, f->key, S_len0(f->key));
        h.fields[i].value = record_put_text(&at, f->value, S_len0(f->value));
    }
    *dst = h;
    return TEND_OK;
}

/* ---- filters -------------------------------------------------------------------- */

bool tend_filter_match(const tend_filter *f, const tend_head *h)
{
    if (f->kind ? h->kind != f->kind
                : !f->all_kinds && h->kind != TEND_KIND_ENTRY && h->kind != TEND_KIND_CHECKIN)
        return false;
    if (f->since && h->created < f->since)
        return false;
    if (f->until && h->created >= f->until)
        return false;
    if (f->tag && !tend_head_has_tag(h, f->tag))
        return false;
    return true;
}
