/*
 * tool_rating.h — how strong the distress was before and after an
 * exercise from content/tools (kind 8, "tool-rating", one record per time
 * a rating was given). Pure code over records (src/kinds/tool_rating.c):
 * no terminal; a rating is added with tend_journal_add and, being all
 * head, decodes from the heads a list gives.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): the head's created time and
 * UTC offset say when; head fields
 *   tool   = the exercise's file name in content/tools ("box-breathing.md":
 *            lower-case letters and digits in words joined by '-', then
 *            ".md", at most TEND_TOOL_NAME_MAX bytes)
 *   before = the rating before, "0".."10" (absent when skipped)
 *   after  = the rating after, "0".."10" (absent when skipped)
 * written in that order, then every field this build does not know,
 * unchanged. At least one of before and after is present. No title, tags
 * or body.
 *
 * Values out of range, by call:
 * - tend_tool_rating_decode (lists, insights) refuses a head without a
 *   valid tool name (TEND_EINVAL naming 'tool': a rating of nothing known
 *   means nothing); a before or after that is not a whole number 0..10 is
 *   read as skipped.
 * - tend_tool_rating_check (import) refuses any of these, a field twice,
 *   or a record with neither rating, with TEND_EINVAL naming the field
 *   and its range; tend_tool_rating_validate does the same for a struct.
 *
 * Ownership: a tend_tool_rating is plain values and owns no memory.
 */
#ifndef TEND_TOOL_RATING_H
#define TEND_TOOL_RATING_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stdint.h>

#define TEND_TOOL_NAME_MAX 255
#define TEND_TOOL_RATING_MIN 0
#define TEND_TOOL_RATING_MAX 10
#define TEND_TOOL_RATING_NONE (-1) /* skipped */

typedef struct {
    char tool[TEND_TOOL_NAME_MAX + 1]; /* "box-breathing.md" */
    int before;         /* 0..10, or TEND_TOOL_RATING_NONE */
    int after;          /* 0..10, or TEND_TOOL_RATING_NONE */
    int64_t created;    /* when (seconds since the epoch); 0 = when added */
    int32_t utc_offset; /* seconds east of UTC then (used when created is set) */
} tend_tool_rating;

/* Makes *t a rating of no tool with both ratings skipped, created 0. */
void tend_tool_rating_init(tend_tool_rating *t);

/* TEND_OK when the tool name and both ratings are in range and at least
 * one rating is given; otherwise TEND_EINVAL naming the field and its
 * range. */
tend_status tend_tool_rating_validate(const tend_tool_rating *t, tend_error *err);

/* Writes t into r (pure): r's kind becomes tool-rating, its created and
 * utc_offset become t's, and its fields become tool, before and after (the
 * skipped ones left out) followed by r's fields of keys this build does
 * not know; the rest of r is left as it is. r may be TEND_RECORD_INIT.
 * TEND_EINVAL (validation; r unchanged), TEND_ENOMEM (r may hold part;
 * clear it). */
tend_status tend_tool_rating_encode(const tend_tool_rating *t, tend_record *r, tend_error *err);

/* Reads the head of a tool-rating record into *out, leniently as above.
 * TEND_EINVAL when h is not a tool rating or names no valid tool. */
tend_status tend_tool_rating_decode(const tend_head *h, tend_tool_rating *out, tend_error *err);

/* The strict reading, for import: TEND_OK when h is a tool rating in the
 * form and ranges above; otherwise TEND_EINVAL naming the field. */
tend_status tend_tool_rating_check(const tend_head *h, tend_error *err);

/* Validates t and adds it to the journal as a new record (created 0: now,
 * at the local UTC offset). One transaction. */
tend_status tend_tool_rating_add(tend_journal *j, const tend_tool_rating *t, tend_error *err);

#endif
