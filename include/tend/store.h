/*
 * store.h — the journal file: an SQLite database holding only the vault
 * header (meta rows) and sealed records. The only module that includes
 * <sqlite3.h>. It never sees plaintext: heads and bodies arrive sealed.
 * Layout and pragmas are in docs/FORMAT.md ("## Store").
 *
 *   meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)
 *   records(id INTEGER PRIMARY KEY AUTOINCREMENT, uuid BLOB NOT NULL UNIQUE,
 *           head BLOB NOT NULL, body BLOB)
 *
 * One writer at a time: an open store holds an exclusive flock(2) on the
 * file (through a descriptor kept open until after SQLite closes) from
 * tend_store_open/create until tend_store_close. A second tend — another
 * process, or another handle in this one — gets TEND_EBUSY ("the journal is
 * open in another tend; close it there first") and changes nothing. The
 * lock is advisory: it keeps out other tends, not other programs.
 *
 * Writes: each insert/update/delete/put is atomic on its own (SQLite
 * autocommit). Wrap several in tend_store_begin/commit to make them one
 * transaction (passwd, rekey). A crash at any instant leaves the last
 * committed state (journal_mode=DELETE, synchronous=FULL).
 *
 * A tend_store is used from one thread. Nothing here prints or exits.
 */
#ifndef TEND_STORE_H
#define TEND_STORE_H

#include "tend/core.h"
#include "tend/vault.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PRAGMA user_version of the schema this build writes. A larger value is
 * refused ("written by a newer tend"); a smaller one is migrated on open. */
#define TEND_STORE_SCHEMA_VERSION 1

typedef struct tend_store tend_store;

/* Creates a new journal at path and stores hdr in it (schema, user_version
 * and the header in one transaction), then keeps it open and locked like
 * tend_store_open. Missing parent folders are created with mode 0700; the
 * file is created 0600 (O_EXCL). TEND_EEXIST when path exists (nothing is
 * touched), TEND_EIO for file-system failures, TEND_ERR otherwise; on
 * failure a file this call created is removed and *out is NULL. On success
 * the caller closes *out with tend_store_close. */
tend_status tend_store_create(const char *path, const tend_vault_header *hdr, tend_store **out,
                              tend_error *err);

/* Opens an existing journal, takes the exclusive lock, applies the pragmas,
 * checks the schema and versions. Errors (with *out NULL):
 *   TEND_ENOTFOUND  no file at path ("... run 'tend init' to create one")
 *   TEND_EBUSY      another tend has it open
 *   TEND_EDAMAGED   not an SQLite file / not a tend journal / unexpected
 *                   schema (extra tables, indices, views or triggers,
 *                   changed columns) / missing format row
 *   TEND_ERR        user_version or format newer than this build
 *   TEND_EIO        the file cannot be read or written (permissions)
 * A rollback journal left by a crash is rolled back here. */
tend_status tend_store_open(const char *path, tend_store **out, tend_error *err);

/* Rolls back any open transaction, closes the database and releases the
 * lock. NULL allowed. */
void tend_store_close(tend_store *s);

/* The path the store was opened with (owned by s). */
const char *tend_store_path(const tend_store *s);

/* ---- vault header ------------------------------------------------------- */

/* Reads the vault header from the meta rows (docs/FORMAT.md). TEND_EDAMAGED
 * when a row is missing or has the wrong length; TEND_ERR for a newer
 * format. Does not judge ops/mem (tend_vault_check_header does). */
tend_status tend_store_header_get(tend_store *s, tend_vault_header *hdr, tend_error *err);

/* Writes every meta row of hdr, atomically (inside the caller's transaction
 * when one is open, else in its own). */
tend_status tend_store_header_put(tend_store *s, const tend_vault_header *hdr, tend_error *err);

/* ---- meta rows ----------------------------------------------------------
 * Plaintext on disk: only for non-secret values (the vault header keys are
 * listed in docs/FORMAT.md; other modules must not store anything about a
 * person's life here). */

/* Resets out and fills it with the value of key. TEND_ENOTFOUND when absent. */
tend_status tend_store_meta_get(tend_store *s, const char *key, tend_buf *out, tend_error *err);
/* Inserts or replaces key = value[0..len). */
tend_status tend_store_meta_put(tend_store *s, const char *key, const void *value, size_t len,
                                tend_error *err);

/* ---- transactions -------------------------------------------------------
 * Not nestable: begin inside a transaction is TEND_ERR. Commit failing
 * leaves the transaction rolled back (nothing of it is on disk). Rollback
 * without a transaction is a no-op. */
tend_status tend_store_begin(tend_store *s, tend_error *err);
tend_status tend_store_commit(tend_store *s, tend_error *err);
tend_status tend_store_rollback(tend_store *s, tend_error *err);
/* True between begin and commit/rollback. */
bool tend_store_in_transaction(const tend_store *s);

/* ---- records -------------------------------------------------------------
 * head is required (sealed, non-empty); body may be NULL (stored as SQL
 * NULL: "this kind has no body"), which is different from a 0-length body.
 * Buffers are copied; the caller keeps ownership. */

/* TEND_EEXIST when a record with this uuid exists. */
tend_status tend_store_insert(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], const void *head,
                              size_t head_len, const void *body, size_t body_len,
                              tend_error *err);
/* Replaces head and body of the record. TEND_ENOTFOUND when absent. */
tend_status tend_store_update(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], const void *head,
                              size_t head_len, const void *body, size_t body_len,
                              tend_error *err);
/* Deletes the record (secure_delete overwrites its bytes). TEND_ENOTFOUND
 * when absent. */
tend_status tend_store_delete(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], tend_error *err);

/* Reads one record: head and body are reset and filled (body may be NULL
 * to skip it). *has_body (may be NULL) tells whether the body is non-NULL.
 * TEND_ENOTFOUND when absent. */
tend_status tend_store_get(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], tend_buf *head,
                           tend_buf *body, bool *has_body, tend_error *err);

/* What tend_store_each hands to its callback. Pointers are valid only during
 * the call; head is NULL unless TEND_STORE_HEAD was asked, body NULL unless
 * TEND_STORE_BODY was asked and the row's body is not NULL. */
typedef struct {
    int64_t id;                        /* row id: insertion order */
    const uint8_t *uuid;               /* TEND_UUID_LEN bytes */
    const uint8_t *head;
    size_t head_len;
    const uint8_t *body;
    size_t body_len;
    bool has_body;                     /* the row's body is not NULL */
} tend_store_record;

enum {
    TEND_STORE_UUID = 0,   /* only ids */
    TEND_STORE_HEAD = 1,   /* with heads (lists) */
    TEND_STORE_BODY = 2,   /* with bodies (search, export, verify, rekey) */
    TEND_STORE_BY_UUID = 4 /* ids only, in uuid order (memcmp), read from the
                              uuid index rather than the table: for short
                              ids. Only with no other flag. */
};

/* Calls fn for every record in insertion order (uuid order for
 * TEND_STORE_BY_UUID), with the columns named by flags. A non-TEND_OK
 * return from fn stops the walk and is returned as is (fn fills err
 * itself). fn must not write to s: collect what to change and
 * write after the walk. A row whose uuid is not 16 bytes or whose head is
 * not a blob is TEND_EDAMAGED. */
typedef tend_status (*tend_store_each_fn)(void *ctx, const tend_store_record *rec,
                                          tend_error *err);
tend_status tend_store_each(tend_store *s, unsigned flags, tend_store_each_fn fn, void *ctx,
                            tend_error *err);

/* Like tend_store_each, but for the rows whose ids (tend_store_record.id)
 * are ids[0..n), in that order (any order; an id may repeat), each read
 * with one prepared statement (a lookup by row id, not a scan). For reading
 * the bodies of records already picked and sorted from their heads.
 * TEND_ENOTFOUND when an id names no row (nothing was deleted while the
 * caller held the store, so this means a wrong id); otherwise as
 * tend_store_each. */
tend_status tend_store_each_row(tend_store *s, unsigned flags, const int64_t *ids, size_t n,
                                tend_store_each_fn fn, void *ctx, tend_error *err);

/* Number of records into *n. */
tend_status tend_store_count(tend_store *s, size_t *n, tend_error *err);

/* Finds the one record whose uuid, in lower-case hex, starts with hex
 * (1..32 hex digits, either case). TEND_EUSAGE for a non-hex or empty
 * prefix, TEND_ENOTFOUND for none ("no entry with id ..."), TEND_EINVAL when
 * several match ("id ... is ambiguous; give more digits"). */
tend_status tend_store_find_prefix(tend_store *s, const char *hex,
                                   uint8_t uuid[TEND_UUID_LEN], tend_error *err);

/* ---- backup --------------------------------------------------------------- */

/* Writes a consistent copy of the journal to dest (SQLite online backup),
 * created 0600 with O_EXCL and synced. TEND_EEXIST when dest exists, TEND_ERR
 * inside a transaction, TEND_EIO on file errors; on failure dest is removed. */
tend_status tend_store_backup(tend_store *s, const char *dest, tend_error *err);

#endif
