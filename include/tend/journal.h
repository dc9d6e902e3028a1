/*
 * journal.h — the journal: records (entries, check-ins, drafts, and the
 * single-instance kinds such as settings and the safety plan), their
 * versioned binary encoding, and the operations on an open, unlocked
 * journal. This is the only interface the TUI, the commands and
 * export/import need: no SQLite, no libsodium, no key ever crosses it.
 *
 * A record is a uuid, a head and an optional body. The head is small and is
 * decrypted for lists (kind, times, title, tags, key/value fields such as
 * check-in answers, flags); the body is the text and is decrypted only when
 * a record is opened, searched or exported. On disk both are sealed
 * separately (docs/FORMAT.md "Records" and "Vault").
 *
 * Ownership: every string and array reachable from a tend_head or
 * tend_record is heap memory owned by that struct; free it with
 * tend_head_clear / tend_record_clear, which wipe before freeing. Lists are
 * freed with tend_head_list_free. A tend_journal holds the data key in
 * secure memory until tend_journal_close wipes it.
 *
 * Threads: a tend_journal is used from one thread at a time.
 */
#ifndef TEND_JOURNAL_H
#define TEND_JOURNAL_H

#include "tend/core.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- identifiers --------------------------------------------------------- */

/* 16 random bytes, fixed at creation; never reused. */
typedef struct {
    unsigned char b[16];
} tend_uuid;

/* Hex digits of a full uuid, and of a short id at its shortest. */
#define TEND_UUID_HEX 32
#define TEND_SHORT_ID_MIN 8

/* Writes the 32 lower-case hex digits of u and a NUL into out[33]. */
void tend_id_hex(const tend_uuid *u, char out[TEND_UUID_HEX + 1]);

/* True when a and b are the same uuid. */
bool tend_uuid_equal(const tend_uuid *a, const tend_uuid *b);

/* ---- records -------------------------------------------------------------- */

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

#define TEND_HEAD_INIT { { { 0 } }, 0, 0, 0, 0, 0, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0 }
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

/* ---- encoding (pure; used by the journal and by tests) --------------------
 * Versioned, tagged, length-checked. Decoding treats its input as hostile:
 * every length is checked, strings must be valid UTF-8 without NUL, known
 * tags must have their documented sizes; anything else is TEND_EDAMAGED.
 * Unknown tags are kept in extra and written back by the encoder. */

/* Appends the encoding of h (not its uuid) to out. */
tend_status tend_head_encode(const tend_head *h, tend_buf *out, tend_error *err);
/* Decodes data[0..len) into *h (overwritten; uuid left zero), every string
 * and array in one allocated block (tend_head.block). On failure *h is
 * TEND_HEAD_INIT and the status is TEND_EDAMAGED or TEND_ENOMEM. */
tend_status tend_head_decode(const unsigned char *data, size_t len, tend_head *h,
                             tend_error *err);
/* Like tend_head_decode, for loops that decode one head after another into
 * the same *h, which must be TEND_HEAD_INIT or a head this function or
 * tend_head_decode filled: what *h held is wiped, and its block is reused
 * when it is big enough, so a long run of heads costs few allocations. On
 * failure *h is cleared (TEND_HEAD_INIT). */
tend_status tend_head_decode_reuse(const unsigned char *data, size_t len, tend_head *h,
                                   tend_error *err);
/* Appends the encoding of r's body (text and body_extra) to out. */
tend_status tend_body_encode(const tend_record *r, tend_buf *out, tend_error *err);
/* Decodes a body payload into r->body / r->body_extra (freeing what was
 * there). On failure they are left empty. */
tend_status tend_body_decode(const unsigned char *data, size_t len, tend_record *r,
                             tend_error *err);
/* Checks a body payload as tend_body_decode does, without copying: *text
 * and *text_len get its text inside data (NULL and 0 when it has none),
 * *plain is true when the payload holds nothing but the text and the text
 * runs to its end (so text[text_len] is whatever follows data[len - 1]).
 * TEND_EDAMAGED as tend_body_decode. */
tend_status tend_body_view(const unsigned char *data, size_t len, const char **text,
                           size_t *text_len, bool *plain, tend_error *err);

/* ---- the open journal ------------------------------------------------------ */

typedef struct tend_journal tend_journal;

/* A number that goes up on every write attempted through j (add, insert,
 * update, update_head, delete, and the singleton calls built on them),
 * whether or not it succeeded, so a screen holding a list can tell cheaply
 * whether it may be stale. 0 for NULL. Writes by another process are not
 * counted: a journal has one writer at a time. */
uint64_t tend_journal_changes(const tend_journal *j);

/* Key-derivation cost chosen at creation (DESIGN §3). TEND_JOURNAL_KDF_MIN
 * exists only in test builds, for fast tests; elsewhere it is refused. */
typedef enum {
    TEND_JOURNAL_KDF_INTERACTIVE,
    TEND_JOURNAL_KDF_MODERATE,
    TEND_JOURNAL_KDF_SENSITIVE,
    TEND_JOURNAL_KDF_MIN
} tend_journal_kdf;

/* Parses "interactive", "moderate", "sensitive" (and "min" in test
 * builds). Returns false for anything else. */
bool tend_journal_kdf_parse(const char *name, tend_journal_kdf *out);

/* The default journal path: $TEND_JOURNAL, else
 * $XDG_DATA_HOME/tend/journal.db, else ~/.local/share/tend/journal.db.
 * Caller frees with free(). NULL with *err set when HOME is unknown or
 * memory runs out. */
char *tend_journal_default_path(tend_error *err);

/* Creates a new journal at path (its folder is made 0700 if missing; the
 * file is 0600) protected by pass[0..passlen), and returns it open in *out
 * (out may be NULL to only create). TEND_EEXIST when something is already at
 * path (nothing is touched); TEND_EIO when the folder or file cannot be
 * made; TEND_EINVAL for an empty passphrase. */
tend_status tend_journal_create(const char *path, const char *pass, size_t passlen,
                                tend_journal_kdf kdf, tend_journal **out, tend_error *err);

/* Opens and unlocks the journal at path. On success *out is the open
 * journal, which holds the write lock until closed. Failures (nothing on
 * disk is changed by any of them):
 *   TEND_ENOTFOUND  no journal at path (message says to run 'tend init')
 *   TEND_EPASS      wrong passphrase
 *   TEND_EBUSY      open in another tend
 *   TEND_EDAMAGED   the file or its key material is damaged
 *   TEND_EINVAL     not a tend journal, or made by a newer tend
 *   TEND_EIO/ENOMEM the system refused */
tend_status tend_journal_open(const char *path, const char *pass, size_t passlen,
                              tend_journal **out, tend_error *err);

/* Locks: wipes the keys, releases the write lock, closes the file. NULL is
 * allowed. After this, nothing decrypted by the journal is held by it (the
 * caller still owns and must clear what it was given). */
void tend_journal_close(tend_journal *j);

/* The path the journal was opened from (owned by j). */
const char *tend_journal_path(const tend_journal *j);

/* Adds r as a new record. A fresh uuid is made and stored in r->head.uuid;
 * created is set to now when it is 0, updated to created when it is 0, and
 * utc_offset to the local offset at created when created was 0. kind must
 * not be 0. One transaction. */
tend_status tend_journal_add(tend_journal *j, tend_record *r, tend_error *err);

/* Adds r keeping its uuid, created and updated exactly as given (for
 * import). TEND_EEXIST when the uuid is already in the journal. */
tend_status tend_journal_insert(tend_journal *j, const tend_record *r, tend_error *err);

/* Replaces the head and body of the record r->head.uuid. created is kept
 * from the stored head (r->head.created is set to it), updated is set to
 * now (and into r). TEND_ENOTFOUND when there is no such record. */
tend_status tend_journal_update(tend_journal *j, tend_record *r, tend_error *err);

/* Like tend_journal_update, but replaces only the head; the sealed body is
 * kept as it is (starring, retagging without decrypting the text). */
tend_status tend_journal_update_head(tend_journal *j, tend_head *h, tend_error *err);

/* Deletes the record; its bytes are overwritten in the file (secure_delete).
 * TEND_ENOTFOUND when there is no such record. */
tend_status tend_journal_delete(tend_journal *j, const tend_uuid *id, tend_error *err);

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

/* Heads of matching records, newest created first (ties: newest added
 * first), with the short id of each. Damaged records are left out and
 * counted in ndamaged; use tend_journal_verify to name them. */
typedef struct {
    tend_head *heads;
    char (*ids)[TEND_UUID_HEX + 1]; /* short id of heads[i] */
    size_t n;
    size_t ndamaged;
} tend_head_list;

#define TEND_HEAD_LIST_INIT { NULL, NULL, 0, 0 }

/* Fills *out (overwritten) with the heads matching f (NULL = TEND_FILTER_INIT).
 * Only heads are decrypted. Free with tend_head_list_free. */
tend_status tend_journal_list(tend_journal *j, const tend_filter *f, tend_head_list *out,
                              tend_error *err);
/* Like tend_journal_list without the short ids (out->ids is NULL), which
 * cost a read of every uuid and a lookup per head: for screens, which do
 * not show ids. */
tend_status tend_journal_heads(tend_journal *j, const tend_filter *f, tend_head_list *out,
                               tend_error *err);
void tend_head_list_free(tend_head_list *l);

/* Reads the full record id into *out (overwritten). TEND_ENOTFOUND when
 * there is none; TEND_EDAMAGED when its head or body fails to open (the
 * message names the short id). Free with tend_record_clear. */
tend_status tend_journal_get(tend_journal *j, const tend_uuid *id, tend_record *out,
                             tend_error *err);

/* Calls fn for every record passing f (NULL = TEND_FILTER_INIT), newest
 * first; with_body decrypts bodies too (search, export). rec is valid only
 * during the call (it is wiped after). fn returns TEND_OK to go on, anything
 * else to stop, which is then returned. Damaged records are skipped and
 * counted in *ndamaged (may be NULL). The same as tend_journal_walk with
 * TEND_ORDER_NEWEST_FIRST and no start. */
typedef tend_status (*tend_record_fn)(void *ctx, const tend_record *rec, const char *short_id);
tend_status tend_journal_each(tend_journal *j, const tend_filter *f, bool with_body,
                              tend_record_fn fn, void *ctx, size_t *ndamaged, tend_error *err);

/* Calls fn for every record passing f (NULL = TEND_FILTER_INIT), head and
 * body decrypted, in the order they are stored rather than by date: one
 * pass over the file, with no list of heads held, for work that looks at
 * every record and keeps few of them (search). A record the filter turns
 * away never has its body opened. rec is lent for the call only: its
 * memory is wiped and reused for the next record. added grows with each
 * record added to this journal (newer records have larger numbers), for
 * breaking ties in created. fn returns TEND_OK to go on, anything else to
 * stop, which is then returned. Damaged records are skipped and counted in
 * *ndamaged (may be NULL). */
typedef tend_status (*tend_scan_fn)(void *ctx, const tend_record *rec, int64_t added);
tend_status tend_journal_scan(tend_journal *j, const tend_filter *f, tend_scan_fn fn, void *ctx,
                              size_t *ndamaged, tend_error *err);

/* Orders for tend_journal_walk. */
typedef enum {
    TEND_ORDER_NEWEST_FIRST = 0, /* created descending, ties newest added first
                                    (tend_journal_list's order) */
    TEND_ORDER_OLDEST_FIRST = 1  /* created ascending, ties by uuid bytes
                                    (export's order: tend_record_set_sort) */
} tend_order;

/* Called once by tend_journal_walk, after every head is open, filtered and
 * sorted and before the first record: heads[0..n) are the heads of the
 * records fn will be given, in that order (lent: valid during the call
 * only); ndamaged counts the records already left out because their head
 * is damaged. Returns TEND_OK to go on, anything else to stop the walk
 * (which then returns it; nothing more is decrypted). */
typedef tend_status (*tend_heads_fn)(void *ctx, const tend_head *heads, size_t n,
                                     size_t ndamaged);

/* How tend_journal_walk goes through the journal. */
typedef struct {
    const tend_filter *filter; /* NULL = TEND_FILTER_INIT */
    bool with_body;            /* decrypt bodies too (search, export) */
    tend_order order;
    tend_heads_fn start;       /* may be NULL */
    bool no_ids;               /* fn gets "" as short_id: saves reading every
                                  uuid and a lookup per record */
} tend_walk;

#define TEND_WALK_INIT { NULL, false, TEND_ORDER_NEWEST_FIRST, NULL, false }

/* Calls how->start (when set) and then fn for every record passing the
 * filter, in how->order, with the short id of each ("" with
 * how->no_ids). Every head is
 * decrypted once (one pass over the rows); with how->with_body each body is
 * then read by its row and decrypted once, one record at a time, so only
 * the heads and one body are held at once. rec (head and body) is valid
 * only during the call and is wiped right after it. fn returns TEND_OK to
 * go on, anything else to stop, which is then returned. Damaged records
 * (head or body) are skipped and counted in *ndamaged (may be NULL). */
tend_status tend_journal_walk(tend_journal *j, const tend_walk *how, tend_record_fn fn,
                              void *ctx, size_t *ndamaged, tend_error *err);

/* Finds the record whose uuid starts with the hex digits prefix (1..32,
 * any case). TEND_EUSAGE when prefix is not hex; TEND_ENOTFOUND when no
 * record has it; TEND_EINVAL ("ambiguous; give more digits") when several
 * do. */
tend_status tend_journal_find(tend_journal *j, const char *prefix, tend_uuid *out,
                              tend_error *err);

/* The short id of id: the first TEND_SHORT_ID_MIN hex digits, lengthened
 * until no other record in the journal shares them. out gets a NUL. */
tend_status tend_journal_short_id(tend_journal *j, const tend_uuid *id,
                                  char out[TEND_UUID_HEX + 1], tend_error *err);
/* The short ids of ids[0..n) into out[0..n), as tend_journal_short_id, for
 * the price of one: the uuids of the journal are read once. */
tend_status tend_journal_short_ids(tend_journal *j, const tend_uuid *ids, size_t n,
                                   char (*out)[TEND_UUID_HEX + 1], tend_error *err);

/* Checks every record: opens its head and body. Calls fn (may be NULL) once
 * per damaged record with its short id and a reason ("head", "body",
 * "head and body", "encoding"), and keeps going. Returns TEND_OK when all
 * are sound, TEND_EDAMAGED when any was not (*ndamaged, may be NULL, gets
 * the count), or another status when the check itself could not run. */
typedef void (*tend_damage_fn)(void *ctx, const tend_uuid *id, const char *short_id,
                               const char *what);
tend_status tend_journal_verify(tend_journal *j, tend_damage_fn fn, void *ctx,
                                size_t *ndamaged, tend_error *err);

/* Number of records of every kind. */
tend_status tend_journal_count(tend_journal *j, size_t *out, tend_error *err);

/* Changes the passphrase: the data key is wrapped again under newpass with
 * the same KDF cost, in one transaction. Records are not touched.
 * TEND_EINVAL for an empty passphrase. If writing fails the journal on disk
 * keeps the old passphrase and j is locked (every later call fails): close
 * it and open it again. */
tend_status tend_journal_passwd(tend_journal *j, const char *newpass, size_t newlen,
                                tend_error *err);

/* Checks pass against j's passphrase without changing anything: TEND_OK when
 * it opens the journal's wrapped key (the same check, and the same KDF
 * cost, as tend_journal_open), TEND_EPASS when it does not, or the store's
 * status when the header cannot be read. No key is kept; j goes on as it
 * was. */
tend_status tend_journal_check_passphrase(tend_journal *j, const char *pass, size_t len,
                                          tend_error *err);

/* Makes a new data key and seals every record again under it, in one
 * transaction; either all records move to the new key or none do. A damaged
 * record stops it with TEND_EDAMAGED and nothing changes. j goes on working
 * (with the new key on success, the old one on failure). */
tend_status tend_journal_rekey(tend_journal *j, tend_error *err);

/* Writes a consistent copy of the encrypted journal to dest (0600), which
 * opens with the same passphrase. TEND_EEXIST when dest exists. */
tend_status tend_journal_backup(tend_journal *j, const char *dest, tend_error *err);

/* Single-instance kinds (draft, safety plan, settings, contacts, reading):
 * the newest record of kind. TEND_ENOTFOUND when there is none. */
tend_status tend_journal_singleton_get(tend_journal *j, uint32_t kind, tend_record *out,
                                       tend_error *err);

/* Stores r as the one record of kind r->head.kind: updates the existing one
 * (keeping its uuid and created; r->head gets them) or adds a new one. */
tend_status tend_journal_singleton_put(tend_journal *j, tend_record *r, tend_error *err);

/* Removes the record of kind, if any (TEND_OK either way). */
tend_status tend_journal_singleton_delete(tend_journal *j, uint32_t kind, tend_error *err);

/* Runs several writes as one transaction (import: all or nothing). Between
 * begin and commit, add/insert/update/delete join the transaction; rollback
 * undoes them all. Nesting is not supported (TEND_EINVAL). */
tend_status tend_journal_begin(tend_journal *j, tend_error *err);
tend_status tend_journal_commit(tend_journal *j, tend_error *err);
void tend_journal_rollback(tend_journal *j);

#ifdef TEND_TEST_BUILD
/* Test hooks (the frame's ":state" reports them): how many journals this
 * process has made or opened and not yet closed; and whether the last
 * tend_journal_close found every key byte zero once the vault was locked
 * (1), did not (0), or no journal with keys was closed yet (-1). */
int tend_journal_test_open_count(void);
int tend_journal_test_last_close_wiped(void);
/* How many reads (list, heads, get, each, walk, scan, find, short_id,
 * short_ids, count, verify, singleton_get) this process made so far: the
 * ui checks that no screen's draw reads the journal. */
uint64_t tend_journal_test_reads(void);
#endif

#endif
