/*
 * safety_plan.h — the person's safety plan (kind 4, "safety-plan", at most
 * one per journal): seven parts after the Stanley-Brown structure, each a
 * short list of lines the person writes. Pure code over records
 * (src/kinds/safety_plan.c): no terminal; load and store go through the
 * journal's singleton calls. The parts' titles and help are the screen's
 * (src/screens/safety.c); their ids and order are the format's, here.
 *
 * Storage (docs/FORMAT.md, "Record kinds"): one head field per line,
 * keyed by its part's id, parts in the order below and lines in order:
 *   warning_signs, on_my_own, distraction, ask_for_help, professionals,
 *   safer_surroundings, reasons
 * each value one line: 1 to TEND_SAFETY_PLAN_LINE_MAX bytes of UTF-8 with
 * no control character (no line break); at most
 * TEND_SAFETY_PLAN_PART_LINES_MAX lines in a part (what the plan screen
 * shows). Then every field whose key is not a part id, unchanged. No
 * title, tags or body; whatever a stored record has of them is kept.
 *
 * Values out of range, by call:
 * - tend_safety_plan_decode (loading) never drops a person's words: every
 *   line of a known part is read as it is, whatever its length or count,
 *   except an empty one (which holds no words and is skipped).
 * - tend_safety_plan_check (import) refuses an empty line, a line too long
 *   or with a control character, or a part with too many lines, with
 *   TEND_EINVAL naming the part and the range; tend_safety_plan_validate
 *   does the same for a struct (encode and store call it, so a plan read
 *   with such a line saves again only once the line is changed).
 *
 * Ownership: a tend_safety_plan owns its lines and arrays (plaintext,
 * wiped before freed): lines[p] is an array from malloc (room for cap[p])
 * of nlines[p] strings from malloc, so a caller may take them over.
 */
#ifndef TEND_SAFETY_PLAN_H
#define TEND_SAFETY_PLAN_H

#include "tend/core.h"
#include "tend/journal.h"

#include <stddef.h>

#define TEND_SAFETY_PLAN_PARTS 7
#define TEND_SAFETY_PLAN_LINE_MAX 300
#define TEND_SAFETY_PLAN_PART_LINES_MAX 64

typedef struct {
    char **lines[TEND_SAFETY_PLAN_PARTS];
    size_t nlines[TEND_SAFETY_PLAN_PARTS];
    size_t cap[TEND_SAFETY_PLAN_PARTS]; /* room in lines[p] (tend_grow) */
} tend_safety_plan;

#define TEND_SAFETY_PLAN_INIT { { NULL }, { 0 }, { 0 } }

/* The stored id of part p (0..TEND_SAFETY_PLAN_PARTS-1), "warning_signs"
 * .. "reasons"; NULL for any other p. Static text. */
const char *tend_safety_plan_part_id(size_t p);

/* Makes *plan empty (every part without lines). */
void tend_safety_plan_init(tend_safety_plan *plan);

/* Wipes and frees every line and array; leaves *plan empty. */
void tend_safety_plan_clear(tend_safety_plan *plan);

/* Number of lines in all parts. */
size_t tend_safety_plan_count(const tend_safety_plan *plan);

/* Appends a copy of line to part p. TEND_EINVAL (p out of range),
 * TEND_ENOMEM; the plan is unchanged on failure. The line itself is
 * checked by validate, not here. */
tend_status tend_safety_plan_add(tend_safety_plan *plan, size_t p, const char *line);

/* TEND_OK when every part's lines are within the ranges above; otherwise
 * TEND_EINVAL naming the part and the range. */
tend_status tend_safety_plan_validate(const tend_safety_plan *plan, tend_error *err);

/* Writes plan into r (pure): r's kind becomes safety-plan and its fields
 * become the plan's lines followed by r's fields whose keys are not part
 * ids, in their order; the rest of r is left as it is. r may be
 * TEND_RECORD_INIT. plan is only read (its arrays may be borrowed from a
 * caller). TEND_EINVAL (validation; r unchanged), TEND_ENOMEM (r may hold
 * part; clear it). */
tend_status tend_safety_plan_encode(const tend_safety_plan *plan, tend_record *r,
                                    tend_error *err);

/* Reads r's lines into *out (overwritten: clear it first if it held a
 * plan), leniently as above. TEND_EINVAL when r is not a safety plan,
 * TEND_ENOMEM; *out is then empty. */
tend_status tend_safety_plan_decode(const tend_record *r, tend_safety_plan *out, tend_error *err);

/* The strict reading, for import: TEND_OK when r is a safety plan whose
 * every line is in range; otherwise TEND_EINVAL naming the part. */
tend_status tend_safety_plan_check(const tend_record *r, tend_error *err);

/* Reads the journal's safety plan into *out (overwritten). TEND_ENOTFOUND
 * when none is stored (*out empty); the journal's status when it cannot
 * be read. */
tend_status tend_safety_plan_load(tend_journal *j, tend_safety_plan *out, tend_error *err);

/* Validates plan and stores it as the journal's one safety plan, on top of
 * the stored one (fields of unknown parts and the rest of it kept). plan
 * is only read. One transaction. */
tend_status tend_safety_plan_store(tend_journal *j, const tend_safety_plan *plan,
                                   tend_error *err);

#endif
