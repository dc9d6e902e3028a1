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
 * Beyond the answers: the check-in record itself (encode, add) and the
 * readers screens use for a stored check-in's head (its definition id, an
 * answer by item id, typed words, every answer in order), and the
 * check-in draft (a half-done check-in and the section to go on from).
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
#include <stdint.h>

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

/* ---- the check-in record (src/checkin/record.c) ------------------------------
 * A check-in record: kind checkin, created when it was saved at the local
 * UTC offset of then, the definition's title as its title, and the fields
 * above. Screens read a stored check-in's head only through these calls,
 * never by field name. */

/* Writes ck into *out (overwritten: a new record, TEND_RECORD_INIT first
 * or cleared), created at created (0: when added, at the local offset).
 * TEND_ENOMEM (out cleared). */
tend_status tend_checkin_encode(const tend_checkin *ck, int64_t created, tend_record *out,
                                tend_error *err);

/* Adds ck to the journal as a new check-in record created at created (0:
 * now). The journal's status (nothing added on failure). */
tend_status tend_checkin_add(tend_journal *j, const tend_checkin *ck, int64_t created,
                             tend_error *err);

/* The definition id a check-in head (or check-in draft head) was answered
 * with (its _def field), or NULL. Owned by h. */
const char *tend_checkin_head_def(const tend_head *h);

/* The first stored answer of item_id in h (a scale's "0".."10", "yes",
 * "no", typed words, or a chosen option's id), or NULL when the item was
 * skipped. Owned by h. */
const char *tend_checkin_head_answer(const tend_head *h, const char *item_id);

/* The words typed for option option_id of item item_id (the "something
 * else" of a choose item), or NULL. Owned by h. */
const char *tend_checkin_head_typed(const tend_head *h, const char *item_id,
                                    const char *option_id);

/* Walks the stored answers of h in their stored order, leaving out the
 * record's own fields (keys starting with '_'): start with *pos = 0; each
 * call sets *key (an item id, or "item.option" for typed words) and
 * *value (owned by h) and returns true, or returns false at the end. */
bool tend_checkin_head_next(const tend_head *h, size_t *pos, const char **key,
                            const char **value);

/* ---- the check-in draft (src/checkin/draft.c) ----------------------------------
 * A half-done check-in (kind checkin-draft, at most one per journal today;
 * apart from the entry draft so neither replaces the other): the fields of
 * a check-in (_def, _ver, answers, kept) followed by
 *   _at = the section to go on from, decimal digits, 0 to the definition's
 *         number of sections - 1.
 * Reading it needs the definition its _def names: a draft whose
 * definition is not loaded is refused (TEND_ENOTFOUND, nothing to go on
 * with); an _at that is missing, malformed or out of range reads as 0 (the
 * first section), never refused: the answers are what matters. */

typedef struct {
    tend_checkin ck; /* the answers; ck.def is the draft's definition (borrowed) */
    size_t section;  /* where to go on: 0..ck.def->nsections - 1 */
} tend_checkin_draft;

#define TEND_CHECKIN_DRAFT_INIT { TEND_CHECKIN_INIT, 0 }

/* Wipes and frees what d owns; leaves it as TEND_CHECKIN_DRAFT_INIT. */
void tend_checkin_draft_clear(tend_checkin_draft *d);

/* Writes the answers ck, stopped at section, into *out (overwritten: a new
 * record) as a check-in draft. TEND_EINVAL when section is not one of
 * ck's definition (out untouched); TEND_ENOMEM (out cleared). */
tend_status tend_checkin_draft_encode(const tend_checkin *ck, size_t section, tend_record *out,
                                      tend_error *err);

/* Reads the check-in draft r into *out (overwritten), with the definition
 * its _def names in content. TEND_EINVAL when r is not a check-in draft;
 * TEND_ENOTFOUND when its definition is not loaded (or content is NULL);
 * TEND_ENOMEM. *out is TEND_CHECKIN_DRAFT_INIT on failure. */
tend_status tend_checkin_draft_decode(const tend_record *r, const tend_content *content,
                                      tend_checkin_draft *out, tend_error *err);

/* Reads the journal's check-in draft as tend_checkin_draft_decode.
 * TEND_ENOTFOUND also when there is none; the journal's status when it
 * cannot be read. */
tend_status tend_checkin_draft_load(tend_journal *j, const tend_content *content,
                                    tend_checkin_draft *out, tend_error *err);

/* Stores the answers ck, stopped at section, as the journal's check-in
 * draft (replacing the one stored). One transaction. */
tend_status tend_checkin_draft_store(tend_journal *j, const tend_checkin *ck, size_t section,
                                     tend_error *err);

/* Removes the journal's check-in draft, if any (TEND_OK either way). */
tend_status tend_checkin_draft_discard(tend_journal *j, tend_error *err);

/* The answers as tend_prompt_for_checkin takes them: fills out (at most cap
 * entries; strings borrowed from ck and its definition, valid while both
 * are) and returns how many were written. Typed words are left out. */
size_t tend_checkin_prompt_answers(const tend_checkin *ck, tend_prompt_answer *out, size_t cap);

#endif
