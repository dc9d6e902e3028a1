/*
 * checkin.h — the answers to one check-in, their storage in a record's head
 * fields, and the safety rule. Pure code: no terminal, no SQLite, no clock.
 *
 * Storage (docs/FORMAT.md, kind checkin). A check-in record's head holds:
 *   _def = the definition id ("daily"), _ver = its version ("1"),
 *   then one field per answered item in the definition's order, keyed by the
 *   item id: a scale "0".."10", yes/no "yes" or "no", a text item the words
 *   typed, a choose item one field per chosen option (value = the option
 *   id), and, for a chosen option marked [text] with words typed, a field
 *   "item_id.option_id" holding the words. A skipped item has no field.
 * Reading goes by item id only, never by position, so a definition that
 * gains, loses or reorders items reads old check-ins correctly; a field
 * whose id the definition no longer has, or whose value no longer fits the
 * item (a 7 on what became a 0-4 scale), is kept aside unchanged (kept[])
 * and written back, never reinterpreted.
 *
 * Ownership: a tend_checkin owns its answers' memory (typed words are wiped
 * before free) and borrows its definition, which must outlive it.
 */
#ifndef TEND_CHECKIN_H
#define TEND_CHECKIN_H

#include "tend/content.h"
#include "tend/core.h"
#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest typed answer kept, in bytes. */
#define TEND_CHECKIN_TEXT_MAX 600

typedef struct {
    bool answered;   /* false: skipped (or not reached yet) */
    int value;       /* scale: 0..max; yes/no: 1 yes, 0 no */
    bool *chosen;    /* choose: noptions flags; NULL for other kinds */
    char *typed;     /* text: the words; choose: the words for the [text]
                        option; NULL when none. Heap, wiped on free. */
} tend_answer;

typedef struct {
    const tend_checkin_def *def; /* borrowed */
    tend_answer *a;              /* def->nitems answers, in item order */
    tend_field *kept;            /* fields read but not understood */
    size_t nkept;
} tend_checkin;

#define TEND_CHECKIN_INIT { NULL, NULL, NULL, 0 }

/* Makes *ck an empty check-in of def (every item skipped). TEND_ENOMEM
 * leaves *ck as TEND_CHECKIN_INIT. */
tend_status tend_checkin_init(tend_checkin *ck, const tend_checkin_def *def);

/* Wipes and frees what ck owns; leaves it as TEND_CHECKIN_INIT. */
void tend_checkin_clear(tend_checkin *ck);

/* Sets item i (a scale or yes/no) to v, clamped to 0..max; answered. */
void tend_checkin_set(tend_checkin *ck, size_t i, int v);

/* Skips item i: forgets its value, choices and typed words. */
void tend_checkin_skip(tend_checkin *ck, size_t i);

/* Flips option o of choose item i; the item counts as answered while any
 * option is chosen. Un-choosing a [text] option forgets its words. */
void tend_checkin_toggle(tend_checkin *ck, size_t i, size_t o);

/* Sets the typed words of item i (text item, or the [text] option of a
 * choose item, which this also chooses); s is cut to TEND_CHECKIN_TEXT_MAX
 * bytes at a character boundary; "" forgets them (a text item is then
 * skipped). TEND_ENOMEM leaves the old words. */
tend_status tend_checkin_set_typed(tend_checkin *ck, size_t i, const char *s);

/* How many items are answered. */
size_t tend_checkin_answered(const tend_checkin *ck);

/* The safety rule: true when any item marked safety is answered above
 * zero. Skipped safety items do not count. */
bool tend_checkin_safety(const tend_checkin *ck);

/* Appends _def, _ver, the answers and the kept fields to h (storage
 * above). TEND_ENOMEM (h may then hold some of them). */
tend_status tend_checkin_to_head(const tend_checkin *ck, tend_head *h);

/* Reads the answers of h into *ck, a check-in of def (overwritten; call
 * tend_checkin_clear first if it held one). Fields starting with '_' are
 * left to the caller; fields that do not fit def go to kept. Returns
 * TEND_OK, TEND_EINVAL when h's _def names another definition (nothing
 * read; *ck is an empty check-in of def), or TEND_ENOMEM (*ck cleared). */
tend_status tend_checkin_from_head(tend_checkin *ck, const tend_checkin_def *def,
                                   const tend_head *h);

/* The answers as tend_prompt_for_checkin takes them: fills out (at most cap
 * entries; strings borrowed from ck and its definition, valid while both
 * are) and returns how many were written. Typed words are left out. */
size_t tend_checkin_prompt_answers(const tend_checkin *ck, tend_prompt_answer *out, size_t cap);

#endif
