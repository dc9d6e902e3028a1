/*
 * reading.h — where the person is in each library page (kind 7,
 * "reading", at most one per journal), so nothing about what someone reads
 * is on disk in plaintext. Pure code over records (src/kinds/reading.c):
 * no terminal; load and store go through the journal's singleton calls.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): head fields
 *   PAGE = "ANCHOR reading" or "ANCHOR read", one per page: PAGE is the
 *          page's file name in content/pages ("attachment.md": lower-case
 *          letters and digits in words joined by '-', then ".md", at most
 *          TEND_READING_PAGE_MAX bytes); ANCHOR is the reading position, a
 *          tend_render_line.anchor (the same at every width), in decimal
 *          digits, 0 to TEND_READING_ANCHOR_MAX; "read" means the person
 *          reached the end once, and a page once read stays read.
 *   last = the file name of the page read most recently.
 * written as one field per place in the struct's order, then "last" (when
 * set), then every field this build does not know, unchanged. A field
 * whose key is a page name but whose value is not in the form above is
 * one this build does not know: it is kept as it is (the page reads as
 * unread) until that page's place is set again.
 *
 * Values out of range, by call:
 * - tend_reading_decode (loading) never refuses a value: a page field in
 *   another form is kept aside as above; a "last" that is not a page name
 *   is dropped (no page read last); when a page occurs twice the first
 *   wins and the second is kept aside.
 * - tend_reading_check (import) refuses any of these with TEND_EINVAL
 *   naming the field, and so does tend_reading_validate for a struct.
 * Error messages never repeat a value.
 *
 * Ownership: a tend_reading owns its places and strings (page names are
 * not secret text, but they say what someone reads: they are wiped on
 * clear all the same).
 */
#ifndef TEND_READING_H
#define TEND_READING_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEND_READING_PAGE_MAX 255
#define TEND_READING_ANCHOR_MAX 100000000u /* far above any page: content files are at most 1 MiB */
#define TEND_READING_PLACES_MAX 10000

typedef enum {
    TEND_READING_UNREAD = 0, /* no place kept */
    TEND_READING_STARTED,    /* stored as "ANCHOR reading" */
    TEND_READING_DONE        /* stored as "ANCHOR read" */
} tend_reading_mark;

typedef struct {
    char *page;              /* "attachment.md", owned */
    tend_reading_mark mark;  /* STARTED or DONE */
    size_t anchor;           /* 0..TEND_READING_ANCHOR_MAX */
} tend_reading_place;

typedef struct {
    tend_reading_place *places;
    size_t nplaces;
    size_t cap;              /* room in places */
    char *last;              /* the page read most recently, owned; NULL = none */
} tend_reading;

#define TEND_READING_INIT { NULL, 0, 0, NULL }

/* Makes *r empty (no page read), as TEND_READING_INIT. */
void tend_reading_init(tend_reading *r);

/* Wipes and frees what r owns; leaves it as TEND_READING_INIT. */
void tend_reading_clear(tend_reading *r);

/* The mark and anchor of page: UNREAD at 0 when r has no place for it. */
tend_reading_mark tend_reading_get(const tend_reading *r, const char *page, size_t *anchor);

/* Keeps anchor as the place of page (STARTED or DONE; a page already DONE
 * stays DONE, at the new anchor) and page as the one read last. TEND_EINVAL
 * (naming the range) for a page name, mark or anchor out of range, or
 * when r already holds TEND_READING_PLACES_MAX other pages; TEND_ENOMEM.
 * r is unchanged on failure. */
tend_status tend_reading_set(tend_reading *r, const char *page, tend_reading_mark mark,
                             size_t anchor, tend_error *err);

/* The page read last, or NULL. Owned by r. */
const char *tend_reading_last(const tend_reading *r);

/* TEND_OK when every place and "last" of r is in range (above), with no
 * page twice; otherwise TEND_EINVAL naming the field and its range. */
tend_status tend_reading_validate(const tend_reading *r, tend_error *err);

/* Writes r into rec (pure): rec's kind becomes reading and its fields
 * become r's (storage above) followed by rec's fields of keys this build
 * does not know and of pages r has no place for, in their order; the rest
 * of rec is left as it is. rec may be TEND_RECORD_INIT. r is validated
 * first: TEND_EINVAL leaves rec unchanged. TEND_ENOMEM: rec may hold part;
 * clear it. */
tend_status tend_reading_encode(const tend_reading *r, tend_record *rec, tend_error *err);

/* Reads rec's places into *out (overwritten: call tend_reading_clear first
 * if it held one), leniently as above. TEND_EINVAL when rec is not a
 * reading record, TEND_ENOMEM; *out is then empty. */
tend_status tend_reading_decode(const tend_record *rec, tend_reading *out, tend_error *err);

/* The strict reading, for import: TEND_OK when rec is a reading record
 * whose every page field and "last" are in the form and range above, with
 * no key twice; otherwise TEND_EINVAL naming the field. */
tend_status tend_reading_check(const tend_record *rec, tend_error *err);

/* Reads the journal's reading positions into *out (overwritten).
 * TEND_ENOTFOUND when none are stored (*out empty); the journal's status
 * when the record cannot be read. */
tend_status tend_reading_load(tend_journal *j, tend_reading *out, tend_error *err);

/* Validates r and stores it as the journal's one reading record, on top of
 * the stored one (its unknown fields and the rest of it are kept). now,
 * when not 0, is the created time of a new record and the updated time
 * (0: the journal's clock). One transaction. */
tend_status tend_reading_store(tend_journal *j, const tend_reading *r, int64_t now,
                               tend_error *err);

#endif
