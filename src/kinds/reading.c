/*
 * reading.c — the reading-positions record (include/tend/reading.h): one
 * place per library page and the page read last, their ranges, and
 * load/store through the journal.
 */
#include "tend/reading.h"

#include "kinds_int.h"

#include "tend/vec.h"

#include <stdio.h>
#include <string.h>

/* Parses a stored place, "ANCHOR reading" or "ANCHOR read"; false when v
 * is in another form or the anchor is out of range. */
static bool S_parse(const char *v, tend_reading_mark *mark, size_t *anchor)
{
    const char *sp = strchr(v, ' ');
    char digits[24];
    if (!sp || (size_t)(sp - v) >= sizeof digits)
        return false;
    memcpy(digits, v, (size_t)(sp - v));
    digits[sp - v] = '\0';
    uint64_t a;
    if (!kinds_number(digits, TEND_READING_ANCHOR_MAX, &a))
        return false;
    if (strcmp(sp + 1, "reading") == 0)
        *mark = TEND_READING_STARTED;
    else if (strcmp(sp + 1, "read") == 0)
        *mark = TEND_READING_DONE;
    else
        return false;
    *anchor = (size_t)a;
    return true;
}

/* True for a page's file name. */
static bool S_page_ok(const char *page)
{
    return page && kinds_file_name(page, TEND_READING_PAGE_MAX);
}

/* The place of page in r, or NULL. */
static tend_reading_place *S_find(const tend_reading *r, const char *page)
{
    for (size_t i = 0; i < r->nplaces; i++)
        if (strcmp(r->places[i].page, page) == 0)
            return &r->places[i];
    return NULL;
}

void tend_reading_init(tend_reading *r)
{
    *r = (tend_reading)TEND_READING_INIT;
}

void tend_reading_clear(tend_reading *r)
{
    for (size_t i = 0; i < r->nplaces; i++)
        tend_wipe_str(r->places[i].page);
    tend_grow_free(&r->places, r->cap, sizeof *r->places, true);
    tend_wipe_str(r->last);
    tend_reading_init(r);
}

tend_reading_mark tend_reading_get(const tend_reading *r, const char *page, size_t *anchor)
{
    const tend_reading_place *p = page ? S_find(r, page) : NULL;
    if (anchor)
        *anchor = p ? p->anchor : 0;
    return p ? p->mark : TEND_READING_UNREAD;
}

const char *tend_reading_last(const tend_reading *r)
{
    return r->last;
}

/* The message for a page name out of range; what names the field. */
static tend_status S_bad_page(tend_error *err, const char *what)
{
    return tend_fail(err, TEND_EINVAL,
                     "the reading field %s is not a page's file name (lower-case letters and "
                     "digits joined by '-', then \".md\", at most %d bytes)",
                     what, TEND_READING_PAGE_MAX);
}

/* The message for a place in the wrong form or out of range. */
static tend_status S_bad_place(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "a reading position is not \"ANCHOR reading\" or \"ANCHOR read\" with "
                     "ANCHOR a whole number from 0 to %u",
                     TEND_READING_ANCHOR_MAX);
}

/* The message for too many places. */
static tend_status S_too_many(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL, "the reading record holds more than %d pages",
                     TEND_READING_PLACES_MAX);
}

tend_status tend_reading_set(tend_reading *r, const char *page, tend_reading_mark mark,
                             size_t anchor, tend_error *err)
{
    if (!S_page_ok(page))
        return S_bad_page(err, "(a page)");
    if ((mark != TEND_READING_STARTED && mark != TEND_READING_DONE) ||
        anchor > TEND_READING_ANCHOR_MAX)
        return S_bad_place(err);
    tend_reading_place *p = S_find(r, page);
    if (!p && r->nplaces >= TEND_READING_PLACES_MAX)
        return S_too_many(err);
    char *last = tend_strdup(page);
    char *copy = p ? NULL : tend_strdup(page);
    if (!last || (!p && (!copy || tend_grow(&r->places, &r->cap, r->nplaces + 1, sizeof *r->places,
                                             true) != TEND_OK))) {
        tend_wipe_str(last);
        tend_wipe_str(copy);
        return tend_fail(err, TEND_ENOMEM, "out of memory keeping your place");
    }
    if (!p) {
        p = &r->places[r->nplaces++];
        p->page = copy;
        p->mark = mark;
    }
    if (mark == TEND_READING_DONE)
        p->mark = TEND_READING_DONE;
    p->anchor = anchor;
    tend_wipe_str(r->last);
    r->last = last;
    return TEND_OK;
}

tend_status tend_reading_validate(const tend_reading *r, tend_error *err)
{
    if (r->nplaces > TEND_READING_PLACES_MAX)
        return S_too_many(err);
    for (size_t i = 0; i < r->nplaces; i++) {
        const tend_reading_place *p = &r->places[i];
        if (!S_page_ok(p->page))
            return S_bad_page(err, "(a page)");
        if ((p->mark != TEND_READING_STARTED && p->mark != TEND_READING_DONE) ||
            p->anchor > TEND_READING_ANCHOR_MAX)
            return S_bad_place(err);
        for (size_t k = 0; k < i; k++)
            if (strcmp(r->places[k].page, p->page) == 0)
                return tend_fail(err, TEND_EINVAL, "the reading record holds a page twice");
    }
    if (r->last && !S_page_ok(r->last))
        return S_bad_page(err, "'last'");
    return TEND_OK;
}

/* kinds_owns_fn: "last" and the pages the tend_reading ctx has a place for. */
static bool S_owns(const void *ctx, const tend_field *f)
{
    return strcmp(f->key, "last") == 0 || S_find(ctx, f->key) != NULL;
}

/* kinds_put_fn: the places of the tend_reading ctx, then "last". */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_reading *r = ctx;
    tend_status st = TEND_OK;
    for (size_t i = 0; st == TEND_OK && i < r->nplaces; i++) {
        char v[48];
        snprintf(v, sizeof v, "%zu %s", r->places[i].anchor,
                 r->places[i].mark == TEND_READING_DONE ? "read" : "reading");
        st = tend_head_add_field(h, r->places[i].page, v);
    }
    if (st == TEND_OK && r->last)
        st = tend_head_add_field(h, "last", r->last);
    return st;
}

tend_status tend_reading_encode(const tend_reading *r, tend_record *rec, tend_error *err)
{
    tend_status st = tend_reading_validate(r, err);
    if (st != TEND_OK)
        return st;
    rec->head.kind = TEND_KIND_READING;
    st = kinds_rewrite_fields(&rec->head, S_owns, S_put, r);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory keeping your place");
    return TEND_OK;
}

/* TEND_EINVAL unless rec is a reading record. */
static tend_status S_kind(const tend_record *rec, tend_error *err)
{
    if (rec->head.kind != TEND_KIND_READING)
        return tend_fail(err, TEND_EINVAL, "this record is not the reading positions");
    return TEND_OK;
}

tend_status tend_reading_decode(const tend_record *rec, tend_reading *out, tend_error *err)
{
    tend_reading_init(out);
    tend_status st = S_kind(rec, err);
    for (size_t i = 0; st == TEND_OK && i < rec->head.nfields; i++) {
        const tend_field *f = &rec->head.fields[i];
        tend_reading_mark mark;
        size_t anchor;
        if (strcmp(f->key, "last") == 0) {
            if (!out->last && S_page_ok(f->value) && !(out->last = tend_strdup(f->value)))
                st = TEND_ENOMEM;
        } else if (S_page_ok(f->key) && S_parse(f->value, &mark, &anchor) && !S_find(out, f->key) &&
                   out->nplaces < TEND_READING_PLACES_MAX) {
            char *page = tend_strdup(f->key);
            if (!page || tend_grow(&out->places, &out->cap, out->nplaces + 1, sizeof *out->places,
                                   true) != TEND_OK) {
                tend_wipe_str(page);
                st = TEND_ENOMEM;
            } else {
                out->places[out->nplaces++] = (tend_reading_place){ page, mark, anchor };
            }
        }
    }
    if (st == TEND_ENOMEM)
        tend_fail(err, st, "out of memory reading your places in the library");
    if (st != TEND_OK)
        tend_reading_clear(out);
    return st;
}

tend_status tend_reading_check(const tend_record *rec, tend_error *err)
{
    tend_status st = S_kind(rec, err);
    if (st != TEND_OK)
        return st;
    size_t pages = 0, lasts = 0;
    for (size_t i = 0; i < rec->head.nfields; i++) {
        const tend_field *f = &rec->head.fields[i];
        tend_reading_mark mark;
        size_t anchor;
        if (strcmp(f->key, "last") == 0) {
            if (++lasts > 1)
                return tend_fail(err, TEND_EINVAL, "the reading field 'last' occurs more than "
                                 "once; it may occur once");
            if (!S_page_ok(f->value))
                return S_bad_page(err, "'last'");
            continue;
        }
        if (!S_page_ok(f->key))
            continue; /* a field this build does not know */
        if (!S_parse(f->value, &mark, &anchor))
            return S_bad_place(err);
        if (++pages > TEND_READING_PLACES_MAX)
            return S_too_many(err);
        for (size_t k = 0; k < i; k++)
            if (strcmp(rec->head.fields[k].key, f->key) == 0)
                return tend_fail(err, TEND_EINVAL, "the reading record holds a page twice");
    }
    return TEND_OK;
}

tend_status tend_reading_load(tend_journal *j, tend_reading *out, tend_error *err)
{
    tend_record rec = TEND_RECORD_INIT;
    tend_reading_init(out);
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_READING, &rec, err);
    if (st == TEND_OK)
        st = tend_reading_decode(&rec, out, err);
    tend_record_clear(&rec);
    return st;
}

/* kinds_encode_fn: tend_reading_encode of the tend_reading ctx. */
static tend_status S_encode(const void *ctx, tend_record *rec, tend_error *err)
{
    return tend_reading_encode(ctx, rec, err);
}

tend_status tend_reading_store(tend_journal *j, const tend_reading *r, int64_t now,
                               tend_error *err)
{
    return kinds_singleton_store(j, TEND_KIND_READING, NULL, S_encode, r, now, err);
}
