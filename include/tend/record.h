/*
 * record.h — the record model: what a record is (a uuid, a head and an
 * optional body), its kinds and flags, the calls that edit one, and the
 * filter lists are made with. Pure data, no journal, no encoding: screens,
 * commands and export use it to read and build records; journal.h stores
 * them and codec.h is how they are encoded inside the sealed fields.
 *
 * A record is a uuid, a head and an optional body. The head is small and is
 * decrypted for lists (kind, times, title, tags, key/value fields such as
 * check-in answers, flags); the body is the text and is decrypted only when
 * a record is opened, searched or exported. On disk both are sealed
 * separately (docs/FORMAT.md "Records" and "Vault").
 *
 * Ownership: every string and array reachable from a tend_head or
 * tend_record is heap memory owned by that struct; free it with
 * tend_head_clear / tend_record_clear, which wipe before freeing.
 */
#ifndef TEND_RECORD_H
#define TEND_RECORD_H

#include "tend/core.h"
#include "tend/uuid.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Kinds. The number is what is stored; a kind this build does not know is
 * kept and shown as a number, never dropped. Add new kinds at the end. */
typedef enum {
    TEND_KIND_ENTRY = 1,       /* a written entry: title, tags, body */
    TEND_KIND_CHECKIN = 2,     /* check-in answers in fields, optional note body */
    TEND_KIND_DRAFT = 3,       /* a half-done entry or check-in (singleton) */
    TEND_KIND_SAFETY_PLAN = 4, /* the person's safety plan (singleton) */
    TEND_KIND_SETTINGS = 5,    /* settings as fields (singleton) */
    TEND_KIND_CONTACTS = 6,    /* trusted people as fields (singleton) */
    TEND_KIND_READING = 7,     /* reading positions as fields (singleton) */
    TEND_KIND_TOOL_RATING = 8, /* how a tool helped: fields */
    TEND_KIND_CHECKIN_DRAFT = 9 /* a half-done check-in (singleton), kept apart
                                   from the entry draft so neither replaces
                                   the other */
} tend_kind;

/* A short lower-case name for a kind ("entry", "checkin", ...), or NULL for
 * a number this build does not know. */
const char *tend_kind_name(uint32_t kind);

/* Parses a kind name; returns 0 when name is not one. */
uint32_t tend_kind_parse(const char *name);

/* True for the kinds a journal holds at most one of (draft, safety plan,
 * settings, contacts, reading, check-in draft). */
bool tend_kind_is_singleton(uint32_t kind);

/* Flags in tend_head.flags. Unknown bits are kept. */
#define TEND_FLAG_STARRED 0x1u /* marked by the person (jrnl's "starred") */
#define TEND_FLAG_PRIVATE 0x2u /* left out of a therapist export */

/* One key/value pair. Keys and values are UTF-8 text. A key may occur more
 * than once (a choose-any check-in item stores one field per choice).
 * Check-in answers use the item id as key and its answer as text: "3",
 * "yes", "no", or the words typed; a skipped item has no field. */
typedef struct {
    char *key;
    char *value;
} tend_field;

/* The head: everything a list needs. Times are seconds since the epoch
 * (UTC); utc_offset is seconds east of UTC where and when the record was
 * written, so a day is shown as the person lived it. title is never NULL
 * on a decoded head ("" when there is none). */
typedef struct {
    tend_uuid uuid;          /* from the row; not part of the sealed payload */
    uint32_t kind;
    int64_t created;
    int64_t updated;
    int32_t utc_offset;
    uint32_t flags;
    char *title;
    char **tags;
    size_t ntags;
    tend_field *fields;
    size_t nfields;
    /* Tags of the encoding that this build does not understand, kept as
     * raw bytes and written back unchanged (see docs/FORMAT.md). */
    unsigned char *extra;
    size_t extra_len;
    /* Storage of a decoded or copied head: when not NULL, title, tags,
     * fields (arrays and strings) and extra all live in this one block of
     * block_size bytes, which tend_head_clear wipes and frees. The tend_head_*
     * editing calls first give such a head separately allocated copies, so
     * code outside record.c never has to care; it must only not free or
     * replace those members itself. */
    void *block;
    size_t block_size;
    /* Room of the tags and fields arrays of a loose head (they grow with
     * vec.h's tend_grow); 0 for a one-block head. record.c's to keep. */
    size_t tags_room;
    size_t fields_room;
} tend_head;

/* A full record. body is NULL when the record has no body; otherwise it is
 * NUL-terminated UTF-8 of body_len bytes. */
typedef struct {
    tend_head head;
    char *body;
    size_t body_len;
    unsigned char *body_extra; /* unknown body tags, kept as for the head */
    size_t body_extra_len;
} tend_record;

#define TEND_HEAD_INIT { { { 0 } }, 0, 0, 0, 0, 0, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0, 0, 0 }
#define TEND_RECORD_INIT { TEND_HEAD_INIT, NULL, 0, NULL, 0 }

/* Wipes and frees everything h owns and leaves it as TEND_HEAD_INIT. */
void tend_head_clear(tend_head *h);
/* Wipes and frees h's tags, leaving it with none. TEND_ENOMEM only when h
 * is a one-block head and its other members could not be copied out (h is
 * then unchanged). */
tend_status tend_head_clear_tags(tend_head *h);
/* Likewise for a record (its head too). */
void tend_record_clear(tend_record *r);

/* Deep copy of src into *dst (which is overwritten, not freed first), in
 * one block (see tend_head.block). A NULL title, tag, key or value is
 * copied as "". TEND_ENOMEM leaves *dst as TEND_HEAD_INIT. */
tend_status tend_head_copy(tend_head *dst, const tend_head *src);

/* Replaces the title with a copy of title (NULL means ""). */
tend_status tend_head_set_title(tend_head *h, const char *title);
/* Adds a copy of tag unless the head already has it (compared exactly). */
tend_status tend_head_add_tag(tend_head *h, const char *tag);
/* True when the head has tag, compared ignoring ASCII case. */
bool tend_head_has_tag(const tend_head *h, const char *tag);
/* Appends a key/value field (copies both). */
tend_status tend_head_add_field(tend_head *h, const char *key, const char *value);
/* Removes every field with key, then adds key=value (value NULL: only
 * removes). */
tend_status tend_head_set_field(tend_head *h, const char *key, const char *value);
/* The first value for key, or NULL. Owned by h. */
const char *tend_head_field(const tend_head *h, const char *key);
/* Replaces the body with a copy of text[0..len) (text NULL: no body). */
tend_status tend_record_set_body(tend_record *r, const char *text, size_t len);

/* ---- filters ---------------------------------------------------------------- */

/* Filters for lists. A zero-initialised filter (TEND_FILTER_INIT) matches
 * entries and check-ins only. */
typedef struct {
    uint32_t kind;      /* 0 = entries and check-ins */
    bool all_kinds;     /* true: every kind, singletons too */
    int64_t since;      /* created >= since (0 = no bound) */
    int64_t until;      /* created < until (0 = no bound) */
    const char *tag;    /* has this tag, ignoring ASCII case (NULL = any) */
} tend_filter;

#define TEND_FILTER_INIT { 0, false, 0, 0, NULL }

/* True when h passes f. */
bool tend_filter_match(const tend_filter *f, const tend_head *h);

#endif
