/*
 * contacts.c — the contacts record (include/tend/contacts.h): the
 * person's own people, their ranges, and load/store through the journal.
 */
#include "tend/contacts.h"

#include "kinds_int.h"

#include "tend/vec.h"

#include <string.h>

void tend_contacts_init(tend_contacts *c)
{
    *c = (tend_contacts)TEND_CONTACTS_INIT;
}

void tend_contacts_clear(tend_contacts *c)
{
    for (size_t i = 0; i < c->npeople; i++)
        tend_wipe_str(c->people[i]);
    tend_grow_free(&c->people, c->cap, sizeof *c->people, true);
    tend_contacts_init(c);
}

tend_status tend_contacts_add(tend_contacts *c, const char *person)
{
    char *copy = tend_strdup(person);
    if (!copy || tend_grow(&c->people, &c->cap, c->npeople + 1, sizeof *c->people, true) != TEND_OK) {
        tend_wipe_str(copy);
        return TEND_ENOMEM;
    }
    c->people[c->npeople++] = copy;
    return TEND_OK;
}

/* The message for a person's line out of range. */
static tend_status S_bad_person(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL,
                     "a contacts field 'person' is empty, longer than %d bytes, or holds a line "
                     "break or other control character",
                     TEND_CONTACTS_PERSON_MAX);
}

/* The message for too many people. */
static tend_status S_too_many(tend_error *err)
{
    return tend_fail(err, TEND_EINVAL, "the contacts hold more than %d people",
                     TEND_CONTACTS_MAX);
}

tend_status tend_contacts_validate(const tend_contacts *c, tend_error *err)
{
    if (c->npeople > TEND_CONTACTS_MAX)
        return S_too_many(err);
    for (size_t i = 0; i < c->npeople; i++)
        if (!c->people[i] || !kinds_line(c->people[i], TEND_CONTACTS_PERSON_MAX))
            return S_bad_person(err);
    return TEND_OK;
}

/* kinds_owns_fn: the "person" fields. */
static bool S_owns(const void *ctx, const tend_field *f)
{
    (void)ctx;
    return strcmp(f->key, "person") == 0;
}

/* kinds_put_fn: one "person" per person of the tend_contacts ctx. */
static tend_status S_put(const void *ctx, tend_head *h)
{
    const tend_contacts *c = ctx;
    tend_status st = TEND_OK;
    for (size_t i = 0; st == TEND_OK && i < c->npeople; i++)
        st = tend_head_add_field(h, "person", c->people[i]);
    return st;
}

tend_status tend_contacts_encode(const tend_contacts *c, tend_record *r, tend_error *err)
{
    tend_status st = tend_contacts_validate(c, err);
    if (st != TEND_OK)
        return st;
    r->head.kind = TEND_KIND_CONTACTS;
    st = kinds_rewrite_fields(&r->head, S_owns, S_put, c);
    if (st != TEND_OK)
        return tend_fail(err, st, "out of memory writing your people");
    return TEND_OK;
}

/* TEND_EINVAL unless r is a contacts record. */
static tend_status S_kind(const tend_record *r, tend_error *err)
{
    if (r->head.kind != TEND_KIND_CONTACTS)
        return tend_fail(err, TEND_EINVAL, "this record is not the contacts");
    return TEND_OK;
}

tend_status tend_contacts_decode(const tend_record *r, tend_contacts *out, tend_error *err)
{
    tend_contacts_init(out);
    tend_status st = S_kind(r, err);
    for (size_t i = 0; st == TEND_OK && i < r->head.nfields; i++)
        if (S_owns(NULL, &r->head.fields[i]) && r->head.fields[i].value[0])
            st = tend_contacts_add(out, r->head.fields[i].value);
    if (st == TEND_ENOMEM)
        tend_fail(err, st, "out of memory reading your people");
    if (st != TEND_OK)
        tend_contacts_clear(out);
    return st;
}

tend_status tend_contacts_check(const tend_record *r, tend_error *err)
{
    tend_status st = S_kind(r, err);
    if (st != TEND_OK)
        return st;
    size_t n = 0;
    for (size_t i = 0; i < r->head.nfields; i++) {
        if (!S_owns(NULL, &r->head.fields[i]))
            continue;
        if (!kinds_line(r->head.fields[i].value, TEND_CONTACTS_PERSON_MAX))
            return S_bad_person(err);
        if (++n > TEND_CONTACTS_MAX)
            return S_too_many(err);
    }
    return TEND_OK;
}

tend_status tend_contacts_load(tend_journal *j, tend_contacts *out, tend_error *err)
{
    tend_record r = TEND_RECORD_INIT;
    tend_contacts_init(out);
    tend_status st = tend_journal_singleton_get(j, TEND_KIND_CONTACTS, &r, err);
    if (st == TEND_OK)
        st = tend_contacts_decode(&r, out, err);
    tend_record_clear(&r);
    return st;
}

/* kinds_encode_fn: tend_contacts_encode of the tend_contacts ctx. */
static tend_status S_encode(const void *ctx, tend_record *r, tend_error *err)
{
    return tend_contacts_encode(ctx, r, err);
}

tend_status tend_contacts_store(tend_journal *j, const tend_contacts *c, tend_error *err)
{
    return kinds_singleton_store(j, TEND_KIND_CONTACTS, NULL, S_encode, c, 0, err);
}
