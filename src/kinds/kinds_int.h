/*
 * kinds_int.h — shared by the record kinds in src/kinds (not public): the
 * checks every kind makes of its field values (numbers, ids, file names,
 * one line of a person's words), rewriting a head's fields so that the
 * fields of keys a kind does not know are kept, and storing a singleton
 * on top of the record already stored (which is how unknown fields and
 * the rest of a record survive a save).
 *
 * Nothing here echoes a field's value into an error message: values can
 * come from an import file, and a message may be shown on a terminal.
 */
#ifndef TEND_KINDS_INT_H
#define TEND_KINDS_INT_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when s is a whole decimal number from 0 to max: ASCII digits only
 * (no sign, space or other byte), at most 19 of them. *out (may be NULL)
 * gets the number. */
bool kinds_number(const char *s, uint64_t max, uint64_t *out);

/* True when s[0..n) is an id as content names things: lower-case ASCII
 * letters and digits, in words joined by single '-' (e.g. "uk-ie"); it
 * starts and ends with a letter or digit. */
bool kinds_id(const char *s, size_t n);

/* True when s is a content file name of at most max bytes: an id (above)
 * followed by ".md" ("box-breathing.md"). */
bool kinds_file_name(const char *s, size_t max);

/* True when s is one line of a person's words: 1 to max bytes of valid
 * UTF-8 with no control character (U+0000-U+001F or DEL), so no line
 * break or tab. */
bool kinds_line(const char *s, size_t max);

/* Claims a field for a kind: true when the kind owns f (its key is one
 * the kind reads and writes). ctx is the caller's. */
typedef bool (*kinds_owns_fn)(const void *ctx, const tend_field *f);

/* Appends a kind's own fields to h. ctx is the caller's. TEND_ENOMEM
 * (h may then hold some of them). */
typedef tend_status (*kinds_put_fn)(const void *ctx, tend_head *h);

/* Rewrites h's fields: first what put(ctx) appends, then every field of h
 * that owns(ctx) does not claim, in the order they were stored, with key
 * and value unchanged. The rest of h is not touched. TEND_ENOMEM when
 * memory runs out (h may then hold part of the new fields; the caller
 * clears it). */
tend_status kinds_rewrite_fields(tend_head *h, kinds_owns_fn owns, kinds_put_fn put,
                                 const void *ctx);

/* Writes one singleton record of kind: reads the one stored (a fresh
 * empty record when there is none, it cannot be read, or fits(r) says it
 * is not one this build may write over; fits may be NULL), lets
 * encode(ctx, r, err) write onto it, and stores it with
 * tend_journal_singleton_put. now, when not 0, is the created time of a
 * fresh record and the updated time of either (the journal sets its own
 * updated time on an update); 0 leaves the times to the journal. Returns
 * encode's status (r is then not stored) or the journal's. */
typedef tend_status (*kinds_encode_fn)(const void *ctx, tend_record *r, tend_error *err);
tend_status kinds_singleton_store(tend_journal *j, uint32_t kind, bool (*fits)(const tend_record *r),
                                  kinds_encode_fn encode, const void *ctx, int64_t now,
                                  tend_error *err);

#endif
