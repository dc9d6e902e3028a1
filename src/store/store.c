/*
 * store.c — the journal file: opening and locking, the schema and its check,
 * meta rows, records, transactions, backup. The only file (with fault.c)
 * that includes <sqlite3.h>. docs/FORMAT.md "## Store" is the byte-level
 * description of what is written here.
 *
 * One writer: the store opens its own descriptor of the database file and
 * takes flock(LOCK_EX | LOCK_NB) on it before SQLite touches the file; the
 * descriptor stays open until after sqlite3_close. flock locks belong to
 * the open file description, so they exclude a second tend in another
 * process and a second handle in this one, and they are independent of the
 * POSIX (fcntl) locks SQLite uses. The descriptor is closed only after
 * SQLite has closed, so closing it can never drop SQLite's POSIX locks of
 * an open connection. (SQLite's locking_mode=EXCLUSIVE was not used: in
 * that mode SQLite keeps the rollback journal file, with old page images,
 * beside the database instead of deleting it after each commit.)
 */
#include "tend/store.h"

#include "store_int.h"
#include "tend/store_test.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The page size of new journals (see tend_store_create). */
#define S_PAGE_SIZE_TEXT "16384"
#define S_SQL_META "CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)"
#define S_SQL_RECORDS "CREATE TABLE records(id INTEGER PRIMARY KEY AUTOINCREMENT, " \
                      "uuid BLOB NOT NULL UNIQUE, head BLOB NOT NULL, body BLOB)"
#define S_SQL_SEQUENCE "CREATE TABLE sqlite_sequence(name,seq)"

/* Meta keys of the vault header (docs/FORMAT.md). */
#define S_META_FORMAT "format"
#define S_META_ALG "kdf.alg"
#define S_META_OPS "kdf.ops"
#define S_META_MEM "kdf.mem"
#define S_META_SALT "kdf.salt"
#define S_META_WRAPPED "key.wrapped"

#define S_BUSY_MSG "the journal is open in another tend; close it there first"
#define S_BUSY_TIMEOUT_MS 200

struct tend_store {
    sqlite3 *db;
    int lock_fd;      /* flock'd descriptor of the file; -1 when none */
    char *path;
    bool in_tx;
};

/* ---- errors ------------------------------------------------------------------ */

/* Turns an SQLite result code into a status with a message naming what was
 * being done. */
static tend_status S_sqlfail(tend_store *s, int rc, tend_error *err, const char *doing)
{
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return tend_fail(err, TEND_EBUSY, S_BUSY_MSG);
    case SQLITE_NOTADB:
        return tend_fail(err, TEND_EDAMAGED, "%s is not a tend journal (not a database)",
                         s ? s->path : "the file");
    case SQLITE_CORRUPT:
        return tend_fail(err, TEND_EDAMAGED, "the journal is damaged (%s while %s); restore it "
                         "from a backup", msg, doing);
    case SQLITE_NOMEM:
        return tend_fail(err, TEND_ENOMEM, "out of memory while %s", doing);
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return tend_fail(err, TEND_EIO, "could not write or read the journal while %s: %s",
                         doing, msg);
    default:
        return tend_fail(err, TEND_ERR, "journal error while %s: %s", doing, msg);
    }
}

/* Runs sql (no results wanted). On failure the SQLite error, with doing
 * ("creating the schema") in the message. */
static tend_status S_exec(tend_store *s, const char *sql, tend_error *err, const char *doing)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return S_sqlfail(s, rc, err, doing);
    return TEND_OK;
}

/* Prepares sql into *st (NULL on failure, with the SQLite error). */
static tend_status S_prepare(tend_store *s, const char *sql, sqlite3_stmt **st, tend_error *err)
{
    *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(*st);
        *st = NULL;
        return S_sqlfail(s, rc, err, "reading the journal");
    }
    return TEND_OK;
}

/* Runs a pragma that returns one text row and compares it with want. */
static tend_status S_pragma_expect(tend_store *s, const char *sql, const char *want,
                                   tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, sql, &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        r = S_sqlfail(s, rc, err, "setting up the journal");
        sqlite3_finalize(st);
        return r;
    }
    const unsigned char *got = sqlite3_column_text(st, 0);
    if (!got || strcmp((const char *)got, want) != 0)
        r = tend_fail(err, TEND_ERR, "the journal could not be set up (%s gave '%s')", sql,
                      got ? (const char *)got : "");
    sqlite3_finalize(st);
    return r;
}

/* ---- binding helpers ------------------------------------------------------ */

static int S_bind_blob(sqlite3_stmt *st, int i, const void *p, size_t n)
{
    if (n > INT32_MAX)
        return SQLITE_TOOBIG;
    static const char empty[1] = "";
    return sqlite3_bind_blob(st, i, n ? p : empty, (int)n, SQLITE_STATIC);
}

/* Appends the blob in column col of the current row to out.
 * TEND_ENOMEM. */
static tend_status S_col_to_buf(sqlite3_stmt *st, int col, tend_buf *out, tend_error *err)
{
    const void *p = sqlite3_column_blob(st, col);
    int n = sqlite3_column_bytes(st, col);
    if (n < 0 || (n > 0 && !p))
        return tend_fail(err, TEND_ENOMEM, "out of memory reading the journal");
    if (tend_buf_reserve(out, (size_t)n) != TEND_OK || tend_buf_append(out, p, (size_t)n) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory reading the journal");
    return TEND_OK;
}

/* ---- opening ------------------------------------------------------------- */

/* mkdir -p of the folder that holds path, new folders 0700. */
static tend_status S_make_parent(const char *path, tend_error *err)
{
    char *dir = tend_strdup(path);
    if (!dir)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) {
        free(dir);
        return TEND_OK;
    }
    *slash = '\0';
    for (char *p = dir + 1; ; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            *p = '\0';
            if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
                tend_status r = tend_fail(err, TEND_EIO, "could not create the folder %s: %s",
                                          dir, strerror(errno));
                free(dir);
                return r;
            }
            if (end)
                break;
            *p = '/';
        }
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        tend_status r = tend_fail(err, TEND_EIO, "%s is not a folder", dir);
        free(dir);
        return r;
    }
    free(dir);
    return TEND_OK;
}

/* Makes the folder entry of a new file durable. Best effort is not enough
 * for a journal, so failures are reported. */
static tend_status S_sync_parent(const char *path, tend_error *err)
{
    char *dir = tend_strdup(path);
    if (!dir)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    const char *d = ".";
    if (slash == dir)
        d = "/";
    else if (slash) {
        *slash = '\0';
        d = dir;
    }
    int fd = open(d, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    tend_status r = TEND_OK;
    if (fd < 0 || fsync(fd) != 0)
        r = tend_fail(err, TEND_EIO, "could not sync the folder %s: %s", d, strerror(errno));
    if (fd >= 0)
        close(fd);
    free(dir);
    return r;
}

/* Opens path and fsyncs it. TEND_EIO naming the file. */
static tend_status S_fsync_file(const char *path, tend_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tend_fail(err, TEND_EIO, "could not open %s: %s", path, strerror(errno));
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    if (rc != 0)
        return tend_fail(err, TEND_EIO, "could not sync %s: %s", path, strerror(e));
    return TEND_OK;
}

/* Removes path and the rollback journal SQLite may have left beside it. */
static void S_remove_db(const char *path)
{
    size_t n = strlen(path);
    char *j = malloc(n + sizeof "-journal");
    if (j) {
        memcpy(j, path, n);
        memcpy(j + n, "-journal", sizeof "-journal");
        unlink(j);
        free(j);
    }
    unlink(path);
}

/* Opens the connection with the hardening settings; no file access yet. */
/* Takes the one-writer lock on fd (see the top of this file). */
static tend_status S_flock(int fd, const char *path, tend_error *err)
{
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        if (errno == EWOULDBLOCK)
            return tend_fail(err, TEND_EBUSY, S_BUSY_MSG);
        return tend_fail(err, TEND_EIO, "could not lock %s: %s", path, strerror(errno));
    }
    return TEND_OK;
}

/* Opens the connection with the hardening settings; no file access yet.
 * lock_fd (flock'd by the caller) is owned by the store from here on, also
 * on failure. */
static tend_status S_connect(const char *path, int lock_fd, tend_store **out, tend_error *err)
{
    *out = NULL;
    tend_store *s = calloc(1, sizeof *s);
    if (!s) {
        close(lock_fd);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    s->lock_fd = lock_fd;
    s->path = tend_strdup(path);
    if (!s->path) {
        tend_store_close(s);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    /* NOMUTEX: a store is used from one thread (tend has no other), so
     * SQLite need not lock its connection mutex on every call. */
    int rc = sqlite3_open_v2(path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
                             store_vfs_name());
    if (rc != SQLITE_OK) {
        tend_status r = s->db ? S_sqlfail(s, rc, err, "opening the journal")
                              : tend_fail(err, TEND_ENOMEM, "out of memory");
        tend_store_close(s);
        return r;
    }
    int on = -1;
    static const struct { int op, value; } cfg[] = {
        { SQLITE_DBCONFIG_DEFENSIVE, 1 },
        { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
        { SQLITE_DBCONFIG_ENABLE_TRIGGER, 0 },
        { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
        { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    };
    for (size_t i = 0; i < sizeof cfg / sizeof cfg[0]; i++) {
        rc = sqlite3_db_config(s->db, cfg[i].op, cfg[i].value, &on);
        if (rc != SQLITE_OK || on != cfg[i].value) {
            tend_status r = tend_fail(err, TEND_ERR, "the journal could not be set up safely "
                                      "(SQLite setting %d refused)", cfg[i].op);
            tend_store_close(s);
            return r;
        }
    }
    tend_status r;
    if ((rc = sqlite3_extended_result_codes(s->db, 1)) != SQLITE_OK
        || (rc = sqlite3_busy_timeout(s->db, S_BUSY_TIMEOUT_MS)) != SQLITE_OK) {
        r = S_sqlfail(s, rc, err, "setting up the journal");
        tend_store_close(s);
        return r;
    }
    if ((r = S_pragma_expect(s, "PRAGMA locking_mode=NORMAL", "normal", err)) != TEND_OK
        || (r = S_exec(s, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; "
                       "PRAGMA temp_store=MEMORY; PRAGMA trusted_schema=OFF; "
                       "PRAGMA cell_size_check=ON; PRAGMA foreign_keys=OFF",
                       err, "setting up the journal")) != TEND_OK) {
        tend_store_close(s);
        return r;
    }
    *out = s;
    return TEND_OK;
}

/* PRAGMA user_version into *v. The SQLite error otherwise. */
static tend_status S_user_version(tend_store *s, int *v, tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "PRAGMA user_version", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *v = sqlite3_column_int(st, 0);
    else
        r = S_sqlfail(s, rc, err, "reading the journal version");
    sqlite3_finalize(st);
    return r;
}

/* Counts the rows of sqlite_master into *n. */
static tend_status S_schema_count(tend_store *s, int *n, tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "SELECT count(*) FROM sqlite_master", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int(st, 0);
    else
        r = S_sqlfail(s, rc, err, "reading the journal's schema");
    sqlite3_finalize(st);
    return r;
}

/* The schema must be exactly what tend_store_create makes. */
static tend_status S_check_schema(tend_store *s, tend_error *err)
{
    static const struct {
        const char *type, *name, *tbl, *sql;
    } want[] = {
        { "table", "meta", "meta", S_SQL_META },
        { "index", "sqlite_autoindex_meta_1", "meta", NULL },
        { "table", "records", "records", S_SQL_RECORDS },
        { "index", "sqlite_autoindex_records_1", "records", NULL },
        { "table", "sqlite_sequence", "sqlite_sequence", S_SQL_SEQUENCE },
    };
    enum { NWANT = sizeof want / sizeof want[0] };
    bool seen[NWANT] = { false };
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "SELECT type, name, tbl_name, sql FROM sqlite_master", &st, err);
    if (r != TEND_OK)
        return r;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *name = (const char *)sqlite3_column_text(st, 1);
        const char *tbl = (const char *)sqlite3_column_text(st, 2);
        const char *sql = (const char *)sqlite3_column_text(st, 3);
        type = type ? type : "";
        name = name ? name : "";
        size_t i = 0;
        for (; i < NWANT; i++) {
            if (strcmp(type, want[i].type) == 0 && strcmp(name, want[i].name) == 0)
                break;
        }
        if (i == NWANT) {
            r = tend_fail(err, TEND_EDAMAGED, "the journal contains a %s named '%s' that tend "
                          "never creates; it may have been tampered with, so tend will not open "
                          "it (restore it from a backup)", type, name);
            break;
        }
        bool sql_ok = want[i].sql ? (sql && strcmp(sql, want[i].sql) == 0) : sql == NULL;
        if (seen[i] || !tbl || strcmp(tbl, want[i].tbl) != 0 || !sql_ok) {
            r = tend_fail(err, TEND_EDAMAGED, "the journal's %s '%s' is not defined the way tend "
                          "defines it; it may have been tampered with, so tend will not open it "
                          "(restore it from a backup)", type, name);
            break;
        }
        seen[i] = true;
    }
    if (r == TEND_OK && rc != SQLITE_DONE)
        r = S_sqlfail(s, rc, err, "reading the journal's schema");
    sqlite3_finalize(st);
    for (size_t i = 0; r == TEND_OK && i < NWANT; i++)
        if (!seen[i])
            r = tend_fail(err, TEND_EDAMAGED, "the journal is missing its %s '%s'; it is "
                          "damaged (restore it from a backup)", want[i].type, want[i].name);
    return r;
}

/* The big-endian number in p[0..n) (n <= 8). */
static uint64_t S_get_be(const uint8_t *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* Writes the n low bytes of v to p[0..n), big-endian. */
static void S_put_be(uint8_t *p, size_t n, uint64_t v)
{
    for (size_t i = n; i-- > 0;) {
        p[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
}

/* Reads meta key into out, demanding exactly len bytes. */
static tend_status S_meta_exact(tend_store *s, const char *key, void *out, size_t len,
                                tend_error *err)
{
    tend_buf b = TEND_BUF_INIT;
    tend_status r = tend_store_meta_get(s, key, &b, err);
    if (r == TEND_ENOTFOUND)
        r = tend_fail(err, TEND_EDAMAGED, "the journal is missing its '%s' setting; it is "
                      "damaged or was not fully created (restore it from a backup)", key);
    else if (r == TEND_OK && b.len != len)
        r = tend_fail(err, TEND_EDAMAGED, "the journal's '%s' setting is damaged (%zu bytes, "
                      "expected %zu); restore it from a backup", key, b.len, len);
    else if (r == TEND_OK)
        memcpy(out, b.data, len);
    tend_buf_free(&b);
    return r;
}

/* Reads the format meta row: TEND_ERR when a newer tend wrote the
 * journal, TEND_EDAMAGED when the row is missing or malformed. */
static tend_status S_check_format(tend_store *s, tend_error *err)
{
    uint8_t f[4];
    tend_status r = S_meta_exact(s, S_META_FORMAT, f, sizeof f, err);
    if (r != TEND_OK)
        return r;
    uint64_t v = S_get_be(f, 4);
    if (v > TEND_FORMAT_VERSION)
        return tend_fail(err, TEND_ERR, "this journal was written by a newer tend (format "
                         "%llu; this tend reads format %u); update tend to open it",
                         (unsigned long long)v, (unsigned)TEND_FORMAT_VERSION);
    if (v == 0)
        return tend_fail(err, TEND_EDAMAGED, "the journal's format setting is damaged; restore "
                         "it from a backup");
    return TEND_OK;
}

/* Takes the lock and checks the file. create: the file is new and empty and
 * gets the schema and hdr. */
static tend_status S_lock_and_check(tend_store *s, const tend_vault_header *create_hdr,
                                    tend_error *err)
{
    tend_status r = S_exec(s, "BEGIN EXCLUSIVE", err, "opening the journal");
    if (r != TEND_OK)
        return r;
    s->in_tx = true;
    int uv = 0, nschema = 0;
    if ((r = S_user_version(s, &uv, err)) != TEND_OK)
        goto fail;
    if (create_hdr) {
        if ((r = S_schema_count(s, &nschema, err)) != TEND_OK)
            goto fail;
        if (uv != 0 || nschema != 0) {
            r = tend_fail(err, TEND_EEXIST, "%s already holds data; nothing was changed",
                          s->path);
            goto fail;
        }
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", TEND_STORE_SCHEMA_VERSION);
        if ((r = S_exec(s, S_SQL_META, err, "creating the journal")) != TEND_OK
            || (r = S_exec(s, S_SQL_RECORDS, err, "creating the journal")) != TEND_OK
            || (r = S_exec(s, sql, err, "creating the journal")) != TEND_OK
            || (r = tend_store_header_put(s, create_hdr, err)) != TEND_OK)
            goto fail;
    } else if (uv > TEND_STORE_SCHEMA_VERSION) {
        r = tend_fail(err, TEND_ERR, "this journal was written by a newer tend (schema %d; this "
                      "tend reads schema %d); update tend to open it", uv,
                      TEND_STORE_SCHEMA_VERSION);
        goto fail;
    } else if (uv < 1) {
        /* Version 1 is the first schema: nothing to migrate from. */
        r = tend_fail(err, TEND_EDAMAGED, "%s is not a tend journal", s->path);
        goto fail;
    }
    if ((r = S_check_schema(s, err)) != TEND_OK || (r = S_check_format(s, err)) != TEND_OK)
        goto fail;
    if ((r = S_exec(s, "COMMIT", err, "opening the journal")) != TEND_OK)
        goto fail;
    s->in_tx = false;
    return S_pragma_expect(s, "PRAGMA journal_mode=DELETE", "delete", err);
fail:
    if (!sqlite3_get_autocommit(s->db))
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = false;
    return r;
}

tend_status tend_store_create(const char *path, const tend_vault_header *hdr, tend_store **out,
                              tend_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return tend_fail(err, TEND_EUSAGE, "no journal path given");
    tend_status r = S_make_parent(path, err);
    if (r != TEND_OK)
        return r;
    /* Created and locked in one go: no other tend can get in between. */
    int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return tend_fail(err, TEND_EEXIST, "a journal already exists at %s; nothing was "
                             "changed", path);
        return tend_fail(err, TEND_EIO, "could not create %s: %s", path, strerror(errno));
    }
    if ((r = S_flock(fd, path, err)) != TEND_OK) {
        close(fd);
        unlink(path);
        return r;
    }
    tend_store *s = NULL;
    if ((r = S_connect(path, fd, &s, err)) != TEND_OK) {
        S_remove_db(path);
        return r;
    }
    /* 16 KiB pages, set before the first write fixes the size: a list
     * reads every page (a row's head and body share its page), and larger
     * pages mean a quarter of the reads and b-tree steps of the default
     * 4 KiB. Journals made with other sizes open the same. */
    if ((r = S_exec(s, "PRAGMA page_size=" S_PAGE_SIZE_TEXT, err, "creating the journal"))
            != TEND_OK
        || (r = S_lock_and_check(s, hdr, err)) != TEND_OK
        || (r = S_sync_parent(path, err)) != TEND_OK) {
        tend_store_close(s);
        S_remove_db(path);
        return r;
    }
    *out = s;
    return TEND_OK;
}

tend_status tend_store_open(const char *path, tend_store **out, tend_error *err)
{
    *out = NULL;
    if (!path || !*path)
        return tend_fail(err, TEND_EUSAGE, "no journal path given");
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno == ENOENT)
            return tend_fail(err, TEND_ENOTFOUND, "there is no journal at %s; run 'tend init' "
                             "to create one", path);
        return tend_fail(err, TEND_EIO, "cannot reach %s: %s", path, strerror(errno));
    }
    if (!S_ISREG(sb.st_mode))
        return tend_fail(err, TEND_EDAMAGED, "%s is not a tend journal (not a file)", path);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return tend_fail(err, TEND_EIO, "cannot open %s: %s", path, strerror(errno));
    tend_status r = S_flock(fd, path, err);
    if (r != TEND_OK) {
        close(fd);
        return r;
    }
    tend_store *s = NULL;
    if ((r = S_connect(path, fd, &s, err)) != TEND_OK)
        return r;
    if ((r = S_lock_and_check(s, NULL, err)) != TEND_OK) {
        tend_store_close(s);
        return r;
    }
    *out = s;
    return TEND_OK;
}

void tend_store_close(tend_store *s)
{
    if (!s)
        return;
    if (s->db) {
        if (!sqlite3_get_autocommit(s->db))
            (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        /* sqlite3_close_v2 cannot fail for a connection without open
         * statements, and every statement here is finalized before return. */
        (void)sqlite3_close_v2(s->db);
    }
    /* Only now, with SQLite closed, may another descriptor of the file go. */
    if (s->lock_fd >= 0)
        close(s->lock_fd);
    free(s->path);
    free(s);
}

const char *tend_store_path(const tend_store *s)
{
    return s->path;
}

/* ---- transactions ------------------------------------------------------- */

tend_status tend_store_begin(tend_store *s, tend_error *err)
{
    if (s->in_tx)
        return tend_fail(err, TEND_ERR, "internal error: a journal transaction is already open");
    tend_status r = S_exec(s, "BEGIN IMMEDIATE", err, "starting a change");
    if (r == TEND_OK)
        s->in_tx = true;
    return r;
}

tend_status tend_store_commit(tend_store *s, tend_error *err)
{
    if (!s->in_tx)
        return tend_fail(err, TEND_ERR, "internal error: no journal transaction to commit");
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        s->in_tx = false;
        return TEND_OK;
    }
    tend_status r = S_sqlfail(s, rc, err, "saving the change");
    if (!sqlite3_get_autocommit(s->db))
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = false;
    return r;
}

tend_status tend_store_rollback(tend_store *s, tend_error *err)
{
    if (!s->in_tx)
        return TEND_OK;
    s->in_tx = false;
    if (sqlite3_get_autocommit(s->db))
        return TEND_OK; /* SQLite already rolled back after an error */
    return S_exec(s, "ROLLBACK", err, "undoing a change");
}

bool tend_store_in_transaction(const tend_store *s)
{
    return s->in_tx;
}

/* ---- meta ----------------------------------------------------------------- */

tend_status tend_store_meta_get(tend_store *s, const char *key, tend_buf *out, tend_error *err)
{
    tend_buf_reset(out);
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "SELECT value FROM meta WHERE key = ?1", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        r = S_sqlfail(s, rc, err, "reading a setting");
    } else if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r = S_col_to_buf(st, 0, out, err);
    } else if (rc == SQLITE_DONE) {
        r = tend_fail(err, TEND_ENOTFOUND, "the journal has no '%s' setting", key);
    } else {
        r = S_sqlfail(s, rc, err, "reading a setting");
    }
    sqlite3_finalize(st);
    return r;
}

tend_status tend_store_meta_put(tend_store *s, const char *key, const void *value, size_t len,
                                tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "INSERT INTO meta(key, value) VALUES(?1, ?2) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        rc = S_bind_blob(st, 2, value, len);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        r = S_sqlfail(s, rc, err, "saving a setting");
    sqlite3_finalize(st);
    return r;
}

/* ---- vault header -------------------------------------------------------- */

tend_status tend_store_header_get(tend_store *s, tend_vault_header *hdr, tend_error *err)
{
    uint8_t f[4], a[4], o[8], m[8];
    tend_status r;
    memset(hdr, 0, sizeof *hdr);
    if ((r = S_meta_exact(s, S_META_FORMAT, f, sizeof f, err)) != TEND_OK
        || (r = S_meta_exact(s, S_META_ALG, a, sizeof a, err)) != TEND_OK
        || (r = S_meta_exact(s, S_META_OPS, o, sizeof o, err)) != TEND_OK
        || (r = S_meta_exact(s, S_META_MEM, m, sizeof m, err)) != TEND_OK
        || (r = S_meta_exact(s, S_META_SALT, hdr->salt, sizeof hdr->salt, err)) != TEND_OK
        || (r = S_meta_exact(s, S_META_WRAPPED, hdr->wrapped, sizeof hdr->wrapped, err))
               != TEND_OK)
        return r;
    hdr->format = (uint32_t)S_get_be(f, 4);
    hdr->alg = (uint32_t)S_get_be(a, 4);
    hdr->ops = S_get_be(o, 8);
    hdr->mem = S_get_be(m, 8);
    if (hdr->format > TEND_FORMAT_VERSION)
        return tend_fail(err, TEND_ERR, "this journal was written by a newer tend (format %u; "
                         "this tend reads format %u); update tend to open it",
                         (unsigned)hdr->format, (unsigned)TEND_FORMAT_VERSION);
    return TEND_OK;
}

tend_status tend_store_header_put(tend_store *s, const tend_vault_header *hdr, tend_error *err)
{
    uint8_t f[4], a[4], o[8], m[8];
    S_put_be(f, 4, hdr->format);
    S_put_be(a, 4, hdr->alg);
    S_put_be(o, 8, hdr->ops);
    S_put_be(m, 8, hdr->mem);
    bool own = !s->in_tx;
    tend_status r;
    if (own && (r = tend_store_begin(s, err)) != TEND_OK)
        return r;
    if ((r = tend_store_meta_put(s, S_META_FORMAT, f, sizeof f, err)) != TEND_OK
        || (r = tend_store_meta_put(s, S_META_ALG, a, sizeof a, err)) != TEND_OK
        || (r = tend_store_meta_put(s, S_META_OPS, o, sizeof o, err)) != TEND_OK
        || (r = tend_store_meta_put(s, S_META_MEM, m, sizeof m, err)) != TEND_OK
        || (r = tend_store_meta_put(s, S_META_SALT, hdr->salt, sizeof hdr->salt, err)) != TEND_OK
        || (r = tend_store_meta_put(s, S_META_WRAPPED, hdr->wrapped, sizeof hdr->wrapped, err))
               != TEND_OK) {
        if (own)
            (void)tend_store_rollback(s, NULL);
        return r;
    }
    return own ? tend_store_commit(s, err) : TEND_OK;
}

/* ---- records --------------------------------------------------------------- */

static tend_status S_write_record(tend_store *s, const char *sql, const uint8_t uuid[TEND_UUID_LEN],
                                  const void *head, size_t head_len, const void *body,
                                  size_t body_len, tend_error *err, int *changes)
{
    if (!head || head_len == 0)
        return tend_fail(err, TEND_EINVAL, "internal error: a record needs a head");
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, sql, &st, err);
    if (r != TEND_OK)
        return r;
    int rc = S_bind_blob(st, 1, uuid, TEND_UUID_LEN);
    if (rc == SQLITE_OK)
        rc = S_bind_blob(st, 2, head, head_len);
    if (rc == SQLITE_OK)
        rc = body ? S_bind_blob(st, 3, body, body_len) : sqlite3_bind_null(st, 3);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        r = tend_fail(err, TEND_EEXIST, "a record with this id already exists");
    else if (rc != SQLITE_DONE)
        r = S_sqlfail(s, rc, err, "saving a record");
    else
        *changes = sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return r;
}

tend_status tend_store_insert(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], const void *head,
                              size_t head_len, const void *body, size_t body_len,
                              tend_error *err)
{
    int n = 0;
    return S_write_record(s, "INSERT INTO records(uuid, head, body) VALUES(?1, ?2, ?3)", uuid,
                          head, head_len, body, body_len, err, &n);
}

tend_status tend_store_update(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], const void *head,
                              size_t head_len, const void *body, size_t body_len,
                              tend_error *err)
{
    int n = 0;
    tend_status r = S_write_record(s, "UPDATE records SET head = ?2, body = ?3 WHERE uuid = ?1",
                                   uuid, head, head_len, body, body_len, err, &n);
    if (r == TEND_OK && n == 0)
        r = tend_fail(err, TEND_ENOTFOUND, "no such record");
    return r;
}

tend_status tend_store_delete(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "DELETE FROM records WHERE uuid = ?1", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = S_bind_blob(st, 1, uuid, TEND_UUID_LEN);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        r = S_sqlfail(s, rc, err, "deleting a record");
    else if (sqlite3_changes(s->db) == 0)
        r = tend_fail(err, TEND_ENOTFOUND, "no such record");
    sqlite3_finalize(st);
    return r;
}

tend_status tend_store_get(tend_store *s, const uint8_t uuid[TEND_UUID_LEN], tend_buf *head,
                           tend_buf *body, bool *has_body, tend_error *err)
{
    tend_buf_reset(head);
    if (body)
        tend_buf_reset(body);
    if (has_body)
        *has_body = false;
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, body ? "SELECT head, body FROM records WHERE uuid = ?1"
                                      : "SELECT head, NULL FROM records WHERE uuid = ?1",
                              &st, err);
    if (r != TEND_OK)
        return r;
    int rc = S_bind_blob(st, 1, uuid, TEND_UUID_LEN);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        int ht = sqlite3_column_type(st, 0), bt = sqlite3_column_type(st, 1);
        if (ht != SQLITE_BLOB || (bt != SQLITE_BLOB && bt != SQLITE_NULL))
            r = tend_fail(err, TEND_EDAMAGED, "a record is damaged (wrong column type)");
        else if ((r = S_col_to_buf(st, 0, head, err)) == TEND_OK && body && bt == SQLITE_BLOB) {
            r = S_col_to_buf(st, 1, body, err);
            if (has_body)
                *has_body = true;
        }
    } else if (rc == SQLITE_DONE) {
        r = tend_fail(err, TEND_ENOTFOUND, "no such record");
    } else {
        r = S_sqlfail(s, rc, err, "reading a record");
    }
    sqlite3_finalize(st);
    if (r != TEND_OK) {
        tend_buf_reset(head);
        if (body)
            tend_buf_reset(body);
    }
    return r;
}

/* Fills rec from the current row of st (columns id, uuid, head, body) with
 * the columns named by flags. TEND_EDAMAGED for a wrong column type or uuid
 * size, TEND_ENOMEM when SQLite could not hand a blob over. */
static tend_status S_row_record(sqlite3_stmt *st, unsigned flags, tend_store_record *rec,
                                tend_error *err)
{
    bool want_head = flags & TEND_STORE_HEAD, want_body = flags & TEND_STORE_BODY;
    memset(rec, 0, sizeof *rec);
    rec->id = sqlite3_column_int64(st, 0);
    if (sqlite3_column_type(st, 1) != SQLITE_BLOB || sqlite3_column_bytes(st, 1) != TEND_UUID_LEN
        || (want_head && sqlite3_column_type(st, 2) != SQLITE_BLOB)
        || (want_body && sqlite3_column_type(st, 3) != SQLITE_BLOB
            && sqlite3_column_type(st, 3) != SQLITE_NULL))
        return tend_fail(err, TEND_EDAMAGED, "record %lld of the journal is damaged (wrong "
                         "column type or id size)", (long long)rec->id);
    rec->uuid = sqlite3_column_blob(st, 1);
    if (want_head) {
        rec->head = sqlite3_column_blob(st, 2);
        rec->head_len = (size_t)sqlite3_column_bytes(st, 2);
    }
    if (want_body && sqlite3_column_type(st, 3) == SQLITE_BLOB) {
        rec->body = sqlite3_column_blob(st, 3);
        rec->body_len = (size_t)sqlite3_column_bytes(st, 3);
        rec->has_body = true;
    }
    if (!rec->uuid || (want_head && !rec->head && rec->head_len)
        || (rec->has_body && !rec->body && rec->body_len))
        return tend_fail(err, TEND_ENOMEM, "out of memory reading the journal");
    return TEND_OK;
}

/* The columns of flags: 0 uuid only, 1 head, 2 body, 3 both. */
static unsigned S_cols(unsigned flags)
{
    return ((flags & TEND_STORE_HEAD) ? 1u : 0u) | ((flags & TEND_STORE_BODY) ? 2u : 0u);
}

tend_status tend_store_each(tend_store *s, unsigned flags, tend_store_each_fn fn, void *ctx,
                            tend_error *err)
{
    static const char *sql[4] = {
        "SELECT id, uuid, NULL, NULL FROM records ORDER BY id",
        "SELECT id, uuid, head, NULL FROM records ORDER BY id",
        "SELECT id, uuid, NULL, body FROM records ORDER BY id",
        "SELECT id, uuid, head, body FROM records ORDER BY id",
    };
    if ((flags & TEND_STORE_BY_UUID) && flags != TEND_STORE_BY_UUID)
        return tend_fail(err, TEND_EINVAL, "internal error: uuid order is for ids only");
    sqlite3_stmt *st;
    tend_status r = S_prepare(s,
                              flags == TEND_STORE_BY_UUID
                                  ? "SELECT id, uuid, NULL, NULL FROM records ORDER BY uuid"
                                  : sql[S_cols(flags)],
                              &st, err);
    if (r != TEND_OK)
        return r;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        tend_store_record rec;
        if ((r = S_row_record(st, flags, &rec, err)) != TEND_OK)
            break;
        if ((r = fn(ctx, &rec, err)) != TEND_OK)
            break;
    }
    if (r == TEND_OK && rc != SQLITE_DONE)
        r = S_sqlfail(s, rc, err, "reading the records");
    sqlite3_finalize(st);
    return r;
}

tend_status tend_store_each_row(tend_store *s, unsigned flags, const int64_t *ids, size_t n,
                                tend_store_each_fn fn, void *ctx, tend_error *err)
{
    static const char *sql[4] = {
        "SELECT id, uuid, NULL, NULL FROM records WHERE id = ?1",
        "SELECT id, uuid, head, NULL FROM records WHERE id = ?1",
        "SELECT id, uuid, NULL, body FROM records WHERE id = ?1",
        "SELECT id, uuid, head, body FROM records WHERE id = ?1",
    };
    if (n == 0)
        return TEND_OK;
    /* One read transaction for every lookup: without it each statement
     * would take and drop SQLite's shared lock and check for a hot
     * journal, several system calls per record. */
    bool own = !s->in_tx;
    tend_status r = own ? S_exec(s, "BEGIN", err, "reading the records") : TEND_OK;
    if (r != TEND_OK)
        return r;
    sqlite3_stmt *st;
    r = S_prepare(s, sql[S_cols(flags)], &st, err);
    if (r != TEND_OK) {
        if (own)
            (void)S_exec(s, "ROLLBACK", NULL, "reading the records");
        return r;
    }
    for (size_t i = 0; i < n && r == TEND_OK; i++) {
        int rc = sqlite3_reset(st);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64(st, 1, ids[i]);
        if (rc == SQLITE_OK)
            rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            tend_store_record rec;
            r = S_row_record(st, flags, &rec, err);
            if (r == TEND_OK)
                r = fn(ctx, &rec, err);
        } else if (rc == SQLITE_DONE) {
            r = tend_fail(err, TEND_ENOTFOUND, "record %lld of the journal is missing",
                          (long long)ids[i]);
        } else {
            r = S_sqlfail(s, rc, err, "reading the records");
        }
    }
    sqlite3_finalize(st);
    if (own) {
        /* Nothing was written: ending the read cannot lose anything. */
        tend_status c = S_exec(s, r == TEND_OK ? "COMMIT" : "ROLLBACK",
                               r == TEND_OK ? err : NULL, "reading the records");
        if (r == TEND_OK)
            r = c;
    }
    return r;
}

tend_status tend_store_count(tend_store *s, size_t *n, tend_error *err)
{
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, "SELECT count(*) FROM records", &st, err);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        r = S_sqlfail(s, rc, err, "counting the records");
    sqlite3_finalize(st);
    return r;
}

typedef struct {
    char prefix[TEND_UUID_HEX + 1];
    size_t plen;
    size_t matches;
    uint8_t uuid[TEND_UUID_LEN];
} prefix_search;

/* A tend_store_each callback: counts the row when its uuid's hex starts
 * with the prefix sought (keeping the first such uuid). */
static tend_status S_find_one(void *ctx, const tend_store_record *rec, tend_error *err)
{
    (void)err;
    prefix_search *f = ctx;
    char hex[TEND_UUID_HEX + 1];
    tend_uuid u;
    memcpy(u.b, rec->uuid, TEND_UUID_LEN);
    tend_uuid_hex(&u, hex);
    if (memcmp(hex, f->prefix, f->plen) == 0) {
        if (f->matches++ == 0)
            memcpy(f->uuid, rec->uuid, TEND_UUID_LEN);
    }
    return TEND_OK;
}

tend_status tend_store_find_prefix(tend_store *s, const char *hex, uint8_t uuid[TEND_UUID_LEN],
                                   tend_error *err)
{
    prefix_search f;
    memset(&f, 0, sizeof f);
    f.plen = hex ? strlen(hex) : 0;
    if (f.plen == 0 || f.plen > 2 * TEND_UUID_LEN)
        return tend_fail(err, TEND_EUSAGE, "'%s' is not an entry id (1 to 32 hex digits)",
                         hex ? hex : "");
    for (size_t i = 0; i < f.plen; i++) {
        char c = hex[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return tend_fail(err, TEND_EUSAGE, "'%s' is not an entry id (1 to 32 hex digits)",
                             hex);
        f.prefix[i] = c;
    }
    tend_status r = tend_store_each(s, TEND_STORE_UUID, S_find_one, &f, err);
    if (r != TEND_OK)
        return r;
    if (f.matches == 0)
        return tend_fail(err, TEND_ENOTFOUND, "no entry with id %s", hex);
    if (f.matches > 1)
        return tend_fail(err, TEND_EINVAL, "id %s is ambiguous (%zu entries start with it); give "
                         "more digits", hex, f.matches);
    memcpy(uuid, f.uuid, TEND_UUID_LEN);
    return TEND_OK;
}

/* ---- backup ---------------------------------------------------------------- */

tend_status tend_store_backup(tend_store *s, const char *dest, tend_error *err)
{
    if (s->in_tx)
        return tend_fail(err, TEND_ERR, "internal error: backup inside a transaction");
    if (!dest || !*dest)
        return tend_fail(err, TEND_EUSAGE, "no backup file given");
    int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return tend_fail(err, TEND_EEXIST, "%s already exists; choose a new file name", dest);
        return tend_fail(err, TEND_EIO, "could not create %s: %s", dest, strerror(errno));
    }
    if (close(fd) != 0) {
        tend_status r = tend_fail(err, TEND_EIO, "could not create %s: %s", dest,
                                  strerror(errno));
        unlink(dest);
        return r;
    }
    sqlite3 *db = NULL;
    tend_status r = TEND_OK;
    int rc = sqlite3_open_v2(dest, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                             store_vfs_name());
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON", NULL, NULL,
                          NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(db, "main", s->db, "main");
        if (!b) {
            rc = sqlite3_errcode(db);
            if (rc == SQLITE_OK)
                rc = SQLITE_ERROR;
        } else {
            rc = sqlite3_backup_step(b, -1);
            int frc = sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? frc : rc;
        }
    }
    if (rc != SQLITE_OK) {
        const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        r = tend_fail(err, (rc & 0xff) == SQLITE_NOMEM ? TEND_ENOMEM : TEND_EIO,
                      "could not write the backup %s: %s", dest, msg);
    }
    if (db && sqlite3_close(db) != SQLITE_OK && r == TEND_OK)
        r = tend_fail(err, TEND_EIO, "could not close the backup %s", dest);
    if (r == TEND_OK)
        r = S_fsync_file(dest, err);
    if (r == TEND_OK)
        r = S_sync_parent(dest, err);
    if (r != TEND_OK)
        S_remove_db(dest);
    return r;
}

#ifdef TEND_TEST_BUILD
tend_status tend_store_test_pragma(struct tend_store *s, const char *name, char *out,
                                   size_t outsz)
{
    size_t n = strlen(name);
    if (n == 0 || n > 40 || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != n || outsz == 0)
        return TEND_EINVAL;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA %s", name);
    sqlite3_stmt *st;
    tend_status r = S_prepare(s, sql, &st, NULL);
    if (r != TEND_OK)
        return r;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        snprintf(out, outsz, "%s", t ? (const char *)t : "");
    } else {
        r = S_sqlfail(s, rc, NULL, "reading a pragma");
    }
    sqlite3_finalize(st);
    return r;
}
#endif

#ifdef TEND_TEST_BUILD
tend_status tend_store_test_exec(const char *path, const char *sql, tend_error *err)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
    char *msg = NULL;
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    tend_status r = TEND_OK;
    if (rc != SQLITE_OK)
        r = tend_fail(err, (rc & 0xff) == SQLITE_BUSY ? TEND_EBUSY : TEND_ERR, "%s",
                      msg ? msg : db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_free(msg);
    if (sqlite3_close(db) != SQLITE_OK && r == TEND_OK)
        r = tend_fail(err, TEND_ERR, "could not close %s", path);
    return r;
}
#endif
