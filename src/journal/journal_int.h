/*
 * journal_int.h — what the files of the open journal share and nobody else
 * sees: the handle itself, the sealing of records into rows and back
 * (seal.c), the uuids behind short ids (shortid.c), the sorted list of
 * heads that lists, walks and singletons are made from (list.c), and the
 * count of reads the test builds keep (journal.c).
 *
 *   journal.c   the handle: create, open, close; writes; singletons;
 *               transactions; the changes counter
 *   seal.c      a record to its two sealed fields and back
 *   list.c      reading: lists of heads, walks, scans, one record, count
 *   shortid.c   short ids and finding a record by a prefix of its id
 *   keys.c      passphrase and data key: passwd, check, rekey, backup
 *   verify.c    opening every record to find the damaged ones
 */
#ifndef TEND_JOURNAL_INT_H
#define TEND_JOURNAL_INT_H

#include "tend/journal.h"
#include "tend/store.h"
#include "tend/vault.h"
#include "tend/vec.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The names of a record's two sealed fields, bound into each one's AAD
 * (docs/FORMAT.md "Vault"). */
#define JOURNAL_FIELD_HEAD "head"
#define JOURNAL_FIELD_BODY "body"

struct tend_journal {
    tend_store *store;
    tend_vault *vault;
    char *path;
    bool batch;       /* inside tend_journal_begin/commit */
    bool broken;      /* a failed passwd left keys we cannot trust */
    uint64_t changes; /* writes attempted through this handle (tend_journal_changes) */
};

/* ---- the handle (journal.c) ------------------------------------------------- */

/* TEND_OK when j can be used: not locked, not left broken by a failed
 * passwd. Otherwise TEND_ERR ("the journal is locked; open it again"). */
tend_status journal_usable(tend_journal *j, tend_error *err);

#ifdef TEND_TEST_BUILD
/* Counts one call to a public function that reads the journal; see
 * tend_journal_test_reads. Each such function calls it once, on entry. */
void journal_note_read(void);
#else
/* Release builds count nothing. */
static inline void journal_note_read(void)
{
}
#endif

/* ---- sealing (seal.c) ------------------------------------------------------- */

/* Encodes and seals the head h (under h->uuid) into sealed, which is
 * emptied first. On failure the codec's or the vault's status. */
tend_status journal_seal_head(tend_journal *j, const tend_head *h, tend_buf *sealed,
                              tend_error *err);

/* Encodes and seals r's head into head, and its body into body when it has
 * one (*has_body tells; body is left alone when not). Each buffer is
 * emptied before it is filled. On failure the status of the codec or the
 * vault, with *err filled. */
tend_status journal_seal(tend_journal *j, const tend_record *r, tend_buf *head, tend_buf *body,
                         bool *has_body, tend_error *err);

/* Opens and decodes the sealed head of record uuid into *h (overwritten;
 * its uuid set). TEND_EDAMAGED when it does not open or decode. */
tend_status journal_open_head(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_head *h, tend_error *err);

/* Opens and decodes the sealed body of record uuid into r's body (what was
 * there is freed). TEND_EDAMAGED when it does not open or decode. */
tend_status journal_open_body(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_record *r, tend_error *err);

/* Opens a sealed body into plain (a buffer reused record after record) and
 * gives r its text: lent from plain when the payload is the text alone
 * (*lent true: r->body points into plain, NUL-terminated by it), else
 * decoded into fresh memory that r owns. r's body must be empty. Undo with
 * journal_body_return whatever the status. */
tend_status journal_body_lend(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_buf *plain, tend_record *r, bool *lent,
                              tend_error *err);

/* Takes back what journal_body_lend gave r: forgets a lent body, wipes
 * plain, and wipes and frees a body r owns. r's head is left as it is. */
void journal_body_return(tend_buf *plain, tend_record *r, bool lent);

/* ---- short ids (shortid.c) -------------------------------------------------- */

/* Uuids of the journal, in memcmp order. Not secret: plain vec.h growth. */
typedef TEND_VEC(tend_uuid) journal_uuids;

/* Every uuid of the journal, appended to *u in order (read from the uuid
 * index, which keeps them sorted). Free with tend_vec_free. */
tend_status journal_all_uuids(tend_journal *j, journal_uuids *u, tend_error *err);

/* Appends one uuid (16 bytes at b) to *u. TEND_ENOMEM. */
tend_status journal_uuids_push(journal_uuids *u, const uint8_t *b);

/* The short id of u among the sorted all[0..n) into out: its first
 * TEND_SHORT_ID_MIN hex digits, lengthened until no neighbour shares them
 * (the first TEND_SHORT_ID_MIN digits when u is not in all). */
void journal_short_id_of(const tend_uuid *all, size_t n, const tend_uuid *u,
                         char out[TEND_UUID_HEX + 1]);

/* The first 8 bytes at p as a big-endian number, so that comparing two
 * of them orders as memcmp does. */
uint64_t journal_be64(const unsigned char *p);

/* ---- the list of heads (list.c) --------------------------------------------- */

/* One matching head while a list is built, with its row. */
typedef struct {
    tend_head head;
    int64_t row;
} journal_list_item;

/* The heads of a journal that pass a filter, in order, as lists, walks and
 * singletons use them. items holds the person's words: wiped growth. */
typedef struct {
    tend_journal *j;
    const tend_filter *f;
    TEND_VEC(journal_list_item) items;
    size_t ndamaged;
    journal_uuids all; /* every uuid, sorted, when short ids are wanted */
    tend_buf plain;    /* each sealed head opened in turn (reused) */
    tend_head spare;   /* the head being decoded; its block is reused while
                          the filter turns heads away */
} journal_list;

/* Opens every head, keeps those passing f (NULL: TEND_FILTER_INIT) and
 * sorts them in order into *l (overwritten); with ids, reads every uuid
 * (sorted, into l->all) for short ids too. Counts no read. On failure *l
 * is empty. Free with journal_list_free. */
tend_status journal_list_build(tend_journal *j, const tend_filter *f, tend_order order, bool ids,
                               journal_list *l, tend_error *err);

/* Wipes and frees everything l holds. */
void journal_list_free(journal_list *l);

/* tend_journal_get without counting a read: reads record id, head and
 * body, into *out (overwritten). */
tend_status journal_get(tend_journal *j, const tend_uuid *id, tend_record *out,
                        tend_error *err);

#endif
