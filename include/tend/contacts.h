/*
 * contacts.h — the person's own people (kind 6, "contacts", at most one
 * per journal): the names and ways to reach the people they trust, shown
 * on the Support screen. Pure code over records (src/kinds/contacts.c): no
 * terminal; load and store go through the journal's singleton calls.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): one head field per person, in
 * the order the person keeps them:
 *   person = one line as typed ("Sam, 07700 900123"): 1 to
 *            TEND_CONTACTS_PERSON_MAX bytes of UTF-8 with no control
 *            character (no line break); at most TEND_CONTACTS_MAX people
 * then every field whose key is not "person", unchanged. No title, tags or
 * body; whatever a stored record has of them is kept.
 *
 * Values out of range, by call:
 * - tend_contacts_decode (loading) never drops a person's words: every
 *   "person" field is read as it is, except an empty one (skipped).
 * - tend_contacts_check (import) refuses an empty line, one too long or
 *   with a control character, or more than TEND_CONTACTS_MAX people, with
 *   TEND_EINVAL naming the field and the range; tend_contacts_validate does
 *   the same for a struct (encode and store call it).
 *
 * Ownership: a tend_contacts owns its strings and array (plaintext, wiped
 * before freed): people is an array from malloc (room for cap) of npeople
 * strings from malloc, so a caller may take them over (set people to NULL
 * and npeople and cap to 0 before tend_contacts_clear). encode, validate
 * and store only read a tend_contacts, so its array may be borrowed.
 */
#ifndef TEND_CONTACTS_H
#define TEND_CONTACTS_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stddef.h>

#define TEND_CONTACTS_PERSON_MAX 200
#define TEND_CONTACTS_MAX 100

typedef struct {
    char **people;
    size_t npeople;
    size_t cap;       /* room in people (tend_grow) */
} tend_contacts;

#define TEND_CONTACTS_INIT { NULL, 0, 0 }

/* Makes *c empty. */
void tend_contacts_init(tend_contacts *c);

/* Wipes and frees every line and the array; leaves *c empty. */
void tend_contacts_clear(tend_contacts *c);

/* Appends a copy of person. TEND_ENOMEM leaves c unchanged. The line is
 * checked by validate, not here. */
tend_status tend_contacts_add(tend_contacts *c, const char *person);

/* TEND_OK when every person is within the ranges above; otherwise
 * TEND_EINVAL naming the field and the range. */
tend_status tend_contacts_validate(const tend_contacts *c, tend_error *err);

/* Writes c into r (pure): r's kind becomes contacts and its fields become
 * one "person" per person followed by r's fields of other keys, in their
 * order; the rest of r is left as it is. r may be TEND_RECORD_INIT.
 * TEND_EINVAL (validation; r unchanged), TEND_ENOMEM (r may hold part;
 * clear it). */
tend_status tend_contacts_encode(const tend_contacts *c, tend_record *r, tend_error *err);

/* Reads r's people into *out (overwritten: clear it first if it held
 * some), leniently as above. TEND_EINVAL when r is not a contacts record,
 * TEND_ENOMEM; *out is then empty. */
tend_status tend_contacts_decode(const tend_record *r, tend_contacts *out, tend_error *err);

/* The strict reading, for import: TEND_OK when r is a contacts record
 * whose people are in range; otherwise TEND_EINVAL naming the field. */
tend_status tend_contacts_check(const tend_record *r, tend_error *err);

/* Reads the journal's people into *out (overwritten). TEND_ENOTFOUND when
 * none are stored (*out empty); the journal's status when the record
 * cannot be read. */
tend_status tend_contacts_load(tend_journal *j, tend_contacts *out, tend_error *err);

/* Validates c and stores it as the journal's one contacts record, on top
 * of the stored one (fields of other keys and the rest of it kept). One
 * transaction. */
tend_status tend_contacts_store(tend_journal *j, const tend_contacts *c, tend_error *err);

#endif
