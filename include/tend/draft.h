/*
 * draft.h — the entry draft (kind 3, "draft", at most one per journal
 * today): the unfinished words of an entry, new or an edit of one already
 * saved, kept encrypted until the person saves or discards them. Pure code
 * over records (src/kinds/draft.c): no terminal; load, store and discard
 * go through the journal's singleton calls. (A half-done check-in is a
 * different kind, the check-in draft in checkin.h, so neither replaces the
 * other.)
 *
 * Storage (docs/FORMAT.md, "Record kinds"): the entry's words as an entry
 * stores them (entry.h: title, tags, the "prompt" field, the text in the
 * body) and head fields
 *   draft = "entry" (what the draft is of; a draft record with another
 *           value is not one this build reads)
 *   entry = the 32 lower-case hex digits of the uuid of the entry this
 *           draft edits (absent for a new entry)
 *   timed = "yes" when written in a timed session (absent otherwise)
 * written in the order prompt, draft, entry, timed, then every field this
 * build does not know, unchanged.
 *
 * Values out of range, by call:
 * - tend_draft_decode (loading) refuses only a record that is not a draft
 *   of an entry (TEND_EINVAL naming the field 'draft'); an "entry" that is
 *   not 32 hex digits makes the draft a new entry (the words are kept,
 *   never dropped); "timed" other than "yes" is false.
 * - tend_draft_check (import) refuses those with TEND_EINVAL naming the
 *   field, and so does tend_draft_validate for a struct (the words as
 *   tend_entry_validate).
 *
 * Ownership: a tend_draft owns its words (wiped before freed).
 */
#ifndef TEND_DRAFT_H
#define TEND_DRAFT_H

#include "tend/core.h"
#include "tend/entry.h"
#include "tend/journal.h"

#include <stdbool.h>

typedef struct {
    tend_entry entry;  /* the words so far */
    bool edits;        /* true: an edit of the saved entry `edited` */
    tend_uuid edited;
    bool timed;        /* written in a timed session */
} tend_draft;

/* Makes *d an empty draft of a new entry. TEND_ENOMEM (tend_draft_clear is
 * still safe). */
tend_status tend_draft_init(tend_draft *d);

/* Wipes and frees what d owns. */
void tend_draft_clear(tend_draft *d);

/* TEND_OK when d's words pass tend_entry_validate; otherwise TEND_EINVAL
 * naming the part. */
tend_status tend_draft_validate(const tend_draft *d, tend_error *err);

/* Writes d into r (pure): the words as tend_entry_encode does, r's kind
 * becomes draft, and its fields become prompt, draft, entry and timed
 * (storage above) followed by r's fields of keys this build does not know;
 * the rest of r is left as it is. r may be TEND_RECORD_INIT. TEND_EINVAL
 * (validation; r unchanged), TEND_ENOMEM (r may hold part; clear it). */
tend_status tend_draft_encode(const tend_draft *d, tend_record *r, tend_error *err);

/* Reads r into *out (overwritten; clear it first if it held one), as
 * above. TEND_EINVAL when r is not a draft of an entry, TEND_ENOMEM; *out
 * is then cleared. */
tend_status tend_draft_decode(const tend_record *r, tend_draft *out, tend_error *err);

/* The strict reading, for import: TEND_OK when r is a draft whose "draft"
 * is "entry", whose "entry" (if any) is 32 hex digits, whose "timed" (if
 * any) is "yes" or "no", each at most once, and whose words pass
 * tend_entry_validate; otherwise TEND_EINVAL naming the field. */
tend_status tend_draft_check(const tend_record *r, tend_error *err);

/* Reads the journal's entry draft into *out (overwritten). TEND_ENOTFOUND
 * when there is none; TEND_EINVAL when the stored draft is not of an entry;
 * the journal's status when it cannot be read. *out is cleared on failure. */
tend_status tend_draft_load(tend_journal *j, tend_draft *out, tend_error *err);

/* Validates d and stores it as the journal's draft, on top of the stored
 * one when that is a draft of an entry (so its unknown fields are kept),
 * replacing it otherwise. One transaction. */
tend_status tend_draft_store(tend_journal *j, const tend_draft *d, tend_error *err);

/* Removes the journal's draft, if any (TEND_OK either way). */
tend_status tend_draft_discard(tend_journal *j, tend_error *err);

#endif
