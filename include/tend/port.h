/*
 * port.h — data portability: export of records as tend-json (every field,
 * versioned), jrnl's JSON layout, or Markdown for a person to read; import
 * of tend-json and jrnl JSON, all or nothing; and the file handling both
 * need (0600 files written in full or not at all). The schema of tend-json
 * and the rules of each format are in docs/EXPORT.md.
 *
 * Also tend list --format json (a list of heads or of search hits as a
 * JSON array), and the encrypted bundle around a tend-json export (sealed
 * and opened by the vault's bundle.c; the commands reach it only here).
 *
 * The port module (src/port/) is the only code that includes <jansson.h>,
 * and owns its set-up: before main runs it installs a wiping allocator
 * (json_set_alloc_funcs, from a constructor in src/port/json.c), so
 * plaintext that passes through any JSON tree in the process is wiped
 * before it is freed. It never sees a key: the journal is reached through
 * journal.h only, and a bundle's passphrase is handed straight to the
 * vault.
 *
 * Ownership: a tend_record_set owns its records; free it with
 * tend_record_set_free, which wipes them. Output goes into tend_buf (which
 * wipes itself), or, for tend_export_journal, piece by piece to a writer
 * (a tend_port_file, whose buffer is wiped as it goes). Nothing here prints
 * or exits.
 */
#ifndef TEND_PORT_H
#define TEND_PORT_H

#include "tend/core.h"
#include "tend/date.h"
#include "tend/journal.h"
#include "tend/kdf.h"
#include "tend/search.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TEND_JSON_FORMAT_NAME "tend-json"
#define TEND_JSON_VERSION 1

/* Largest file import reads (bytes). */
#define TEND_IMPORT_MAX (256u * 1024 * 1024)

/* ---- a set of full records --------------------------------------------- */

typedef struct {
    tend_record *v;
    size_t n, cap;
    size_t ndamaged; /* records of the journal left out as damaged */
} tend_record_set;

#define TEND_RECORD_SET_INIT { NULL, 0, 0, 0 }

/* Wipes and frees every record and the array; *s is left empty. */
void tend_record_set_free(tend_record_set *s);

/* Moves *r (which is left as TEND_RECORD_INIT) to the end of s.
 * TEND_ENOMEM leaves both as they were. */
tend_status tend_record_set_push(tend_record_set *s, tend_record *r);

/* Sorts s oldest first: by created, then by uuid, so the order does not
 * depend on the order records were added. */
void tend_record_set_sort(tend_record_set *s);

/* Fills *out (emptied first) with every record of j passing f (NULL: the
 * default filter, entries and check-ins), bodies included, sorted with
 * tend_record_set_sort. skip_private leaves out records flagged
 * TEND_FLAG_PRIVATE. Damaged records are left out and counted in
 * out->ndamaged. On failure *out is empty. */
tend_status tend_port_collect(tend_journal *j, const tend_filter *f, bool skip_private,
                              tend_record_set *out, tend_error *err);

/* What a set holds, for a preview: counts per kind and the first and last
 * local day (empty strings when the set is empty). */
typedef struct {
    size_t entries, checkins, others;
    char first[TEND_DATE_MAX], last[TEND_DATE_MAX];
} tend_port_summary;

void tend_port_summarize(const tend_record_set *s, tend_port_summary *out);

/* ---- export ------------------------------------------------------------- */

/* Appends the tend-json document of every record in s (in its order) to
 * out: {"format":"tend-json","version":1,"exported":TIME,"records":[...]},
 * indented, UTF-8, ending with a newline. exported is the export time
 * (seconds since the epoch), written in UTC. TEND_ENOMEM, or TEND_EINVAL
 * for a record that cannot be written (not valid UTF-8). */
tend_status tend_export_json(const tend_record_set *s, int64_t exported, tend_buf *out,
                             tend_error *err);

/* Appends jrnl's JSON layout of the entries in s (other kinds are left
 * out; *skipped, may be NULL, counts them): {"tags":{"@tag":N},
 * "entries":[{"title","body","date","time","tags","starred"}]}. Tags get
 * an "@" unless they already start with "@" or "#". */
tend_status tend_export_jrnl(const tend_record_set *s, size_t *skipped, tend_buf *out,
                             tend_error *err);

/* Markdown options. */
typedef struct {
    const char *day;   /* only records of this local day "YYYY-MM-DD" (NULL: all) */
    bool therapist;    /* a sharing heading instead of the private one */
    int64_t exported;  /* the export time, for the heading */
} tend_markdown_opts;

/* Appends a Markdown document of the records of s (those of opts->day)
 * for a person to read: a heading, then per record its date and time,
 * title, tags, check-in answers and text. */
tend_status tend_export_markdown(const tend_record_set *s, const tend_markdown_opts *opts,
                                 tend_buf *out, tend_error *err);

/* ---- streaming export ----------------------------------------------------
 * The same documents as tend_export_json / _jrnl / _markdown (byte for
 * byte), written piece by piece straight from the journal: every head is
 * decrypted once, then each record's body, one record at a time, so only
 * the heads and one record are in memory, never the whole journal nor the
 * whole document. */

typedef enum {
    TEND_EXPORT_JSON = 0,  /* tend-json (tend_export_json) */
    TEND_EXPORT_JRNL,      /* jrnl's layout (tend_export_jrnl) */
    TEND_EXPORT_MARKDOWN   /* for a person to read (tend_export_markdown, all days) */
} tend_export_format;

/* Where a streamed export goes: called with each piece, in order (len > 0;
 * data is plaintext, valid during the call only). Returns TEND_OK, or a
 * failure status with err filled, which stops the export. */
typedef tend_status (*tend_port_write_fn)(void *ctx, const void *data, size_t len,
                                          tend_error *err);

/* Called once, before anything is written: n records will be written
 * (after skip_private; for jrnl, entries and others both counted as in
 * tend_export_jrnl's set), sum is their summary, ndamaged the damaged
 * records left out so far. Returns TEND_OK to write, anything else to stop
 * (e.g. TEND_ECANCEL when the person says no; err filled or not, as the
 * caller likes): the export then returns it having written nothing. */
typedef tend_status (*tend_export_ready_fn)(void *ctx, size_t n, const tend_port_summary *sum,
                                            size_t ndamaged, tend_error *err);

typedef struct {
    tend_export_format format;
    const tend_filter *filter;  /* NULL: entries and check-ins */
    bool skip_private;          /* leave out TEND_FLAG_PRIVATE records */
    bool therapist;             /* Markdown: the sharing heading */
    int64_t exported;           /* the export time (tend-json, Markdown heading) */
    tend_export_ready_fn ready; /* may be NULL */
    void *ready_ctx;
} tend_export_opts;

/* What a streamed export did. */
typedef struct {
    size_t n;        /* records given to the format (as a set's n) */
    size_t skipped;  /* jrnl: records that are not entries, left out */
    size_t ndamaged; /* damaged records left out */
    size_t bytes;    /* bytes written */
} tend_export_report;

/* Writes the export of j described by o through write(wctx, ...). rep
 * (may be NULL) is filled as far as it got. TEND_ENOMEM, TEND_EINVAL (a
 * record that cannot be written), the status of ready or write, or the
 * journal's. On failure part of the document may have been written: write
 * into a tend_port_file (or similar) that is abandoned on failure. */
tend_status tend_export_journal(tend_journal *j, const tend_export_opts *o,
                                tend_port_write_fn write, void *wctx, tend_export_report *rep,
                                tend_error *err);

/* The distinct local days of the records of s, in order of first
 * appearance, as a malloc'd array of *n strings (caller frees the array
 * with free()). *days is NULL when n is 0. */
tend_status tend_port_days(const tend_record_set *s, char (**days)[TEND_DATE_MAX], size_t *n,
                           tend_error *err);

/* ---- listings (tend list --format json) ---------------------------------- */

/* Writes the JSON array of l's heads through write(wctx, ...): one object
 * per head, in order, {"id" (its short id; "" when l has none), "kind" (a
 * name, or the number of a kind this build does not know), "created",
 * "updated" (ISO 8601 at the record's UTC offset), "title", "tags"}, plus
 * "fields" ([{"key","value"}], in order) for a check-in; indented by two
 * spaces, then a newline. The whole array is built first, so nothing is
 * written when memory runs out (TEND_ENOMEM); otherwise the status of
 * write, which stops it. */
tend_status tend_port_list_json(const tend_head_list *l, tend_port_write_fn write, void *wctx,
                                tend_error *err);

/* Like tend_port_list_json for the hits of a search, each object with
 * "matches" too: [{"in" (tend_search_in_name), "key" (fields only),
 * "line", "text", "ranges": [[start, end], ...]}], ranges in bytes of
 * text. */
tend_status tend_port_search_json(const tend_search_results *r, tend_port_write_fn write,
                                  void *wctx, tend_error *err);

/* ---- encrypted bundles ---------------------------------------------------
 * One file holding a tend-json export sealed under a passphrase of its own
 * (bundle.h has the format, docs/EXPORT.md the bytes). */

/* Writes the records of s as a new bundle file at path: their tend-json
 * export (exported: its time), sealed under pass[0..pass_len) at level
 * (not TEND_KDF_KEEP; TEND_KDF_MIN only in test builds), written 0600 in
 * full or not at all, never replacing anything. Every plaintext copy is
 * wiped before return. Errors: TEND_EINVAL (an empty passphrase, a record
 * that cannot be written), TEND_EUSAGE (level), TEND_EEXIST, TEND_EIO,
 * TEND_ENOMEM; nothing is left at path. */
tend_status tend_port_bundle_write(const tend_record_set *s, int64_t exported, const char *pass,
                                   size_t pass_len, tend_kdf_level level, const char *path,
                                   tend_error *err);

/* Checks data[0..len) as a bundle without any passphrase or hashing: its
 * checksum, then its header's bounds. TEND_OK, or TEND_EDAMAGED saying
 * what is wrong (cut off, changed, not a bundle a tend can open). Run it
 * before asking for the bundle's passphrase. */
tend_status tend_port_bundle_check(const char *data, size_t len, tend_error *err);

/* Opens the bundle data[0..len) with pass[0..pass_len) and parses the
 * tend-json inside into *out (emptied first) as tend_import_parse does.
 * TEND_EPASS for a wrong passphrase, TEND_EDAMAGED for a damaged bundle,
 * TEND_EINVAL for a document that does not parse; *out is then empty. The
 * opened plaintext is wiped before return. */
tend_status tend_port_bundle_read(const char *data, size_t len, const char *pass,
                                  size_t pass_len, tend_record_set *out, tend_error *err);

/* ---- import ------------------------------------------------------------- */

typedef enum {
    TEND_IMPORT_AUTO = 0,
    TEND_IMPORT_TEND_JSON,
    TEND_IMPORT_JRNL_JSON,
    TEND_IMPORT_BUNDLE
} tend_import_format;

/* Parses "tend-json", "jrnl-json", "tend-encrypted"; false otherwise. */
bool tend_import_format_parse(const char *name, tend_import_format *out);

/* Tells what data[0..len) is: TEND_IMPORT_BUNDLE for a bundle (or one
 * whose magic is damaged: then *damaged is true), else TEND_IMPORT_TEND_JSON
 * when it is a JSON object with "format", TEND_IMPORT_JRNL_JSON for one with
 * "entries", TEND_IMPORT_AUTO when it cannot tell (a JSON error is then
 * found by tend_import_parse). No allocation survives the call. */
tend_import_format tend_import_detect(const char *data, size_t len, bool *damaged);

/* Parses a tend-json or jrnl JSON document (fmt; TEND_IMPORT_AUTO detects
 * which) into *out (emptied first), checking every field. A record's uuid,
 * times and every field arrive as written; jrnl entries get a fresh uuid
 * (or their "uuid" when it is 32 hex digits), their date and time read in
 * the local time zone, "@" taken off tags, and "starred" as
 * TEND_FLAG_STARRED. On failure *out is empty and the status is
 * TEND_EINVAL with a message naming the place: "line L, column C: ..." for
 * JSON syntax and encoding, "records[I].FIELD: ..." (tend-json) or
 * "entries[I].FIELD: ..." (jrnl) for the content (I counts from 0). */
tend_status tend_import_parse(const char *data, size_t len, tend_import_format fmt,
                              tend_record_set *out, tend_error *err);

/* What an import did. */
typedef struct {
    size_t entries, checkins, others; /* added, by kind */
    size_t duplicates;                /* same uuid, or same created time and text */
    size_t kept;                      /* single-instance records the journal already had */
} tend_import_report;

/* Adds the records of s to j in one transaction: all or none. A record is
 * skipped as a duplicate when the journal (or an earlier record of s)
 * already has its uuid, or has the same created time, title and body; a
 * single-instance kind (settings, safety plan, ...) the journal already has
 * is kept as it is (counted in kept). *rep is filled on success. On failure
 * nothing was added; the message names the record (records[I]). */
tend_status tend_import_records(tend_journal *j, const tend_record_set *s,
                                tend_import_report *rep, tend_error *err);

/* ---- files -------------------------------------------------------------- */

/* Reads the whole file at path (at most max bytes) into out (reset first).
 * TEND_ENOTFOUND, TEND_EIO, TEND_EINVAL (larger than max), TEND_ENOMEM. */
tend_status tend_port_read_file(const char *path, size_t max, tend_buf *out, tend_error *err);

/* A new file written in pieces, in full or not at all: what
 * tend_port_write_file does, for output that is not in memory at once. */
typedef struct tend_port_file tend_port_file;

/* Starts the file at path: TEND_EEXIST when path exists (nothing is
 * touched), else a temporary file (mode 0600) in the same folder is made.
 * TEND_EUSAGE for an empty path, TEND_EIO, TEND_ENOMEM. */
tend_status tend_port_file_begin(const char *path, tend_port_file **out, tend_error *err);

/* Appends data[0..len) (buffered; the buffer is wiped as it is written
 * out). TEND_EIO on a write error (the file is then finished only by
 * tend_port_file_abort). A tend_port_write_fn, with the file as ctx. */
tend_status tend_port_file_write(void *file, const void *data, size_t len, tend_error *err);

/* Writes out the rest, syncs the file, links it into place without
 * replacing anything (TEND_EEXIST when path appeared meanwhile) and syncs
 * the folder. Frees f whatever happens; on failure nothing is left behind. */
tend_status tend_port_file_commit(tend_port_file *f, tend_error *err);

/* Removes the temporary file and frees f (NULL allowed). */
void tend_port_file_abort(tend_port_file *f);

/* Writes data[0..len) to a new file at path, mode 0600, in full or not at
 * all: a temporary file in the same folder is written, synced and then
 * linked into place without replacing anything (TEND_EEXIST when path
 * exists; nothing is touched), and the folder is synced. On any failure
 * the temporary file is removed. */
tend_status tend_port_write_file(const char *path, const void *data, size_t len,
                                 tend_error *err);

#endif
