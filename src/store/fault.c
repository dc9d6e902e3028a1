/*
 * fault.c — the "tend-fault" SQLite VFS of test builds (store_test.h): a
 * pass-through shim over the default VFS that counts the calls that change
 * files and can be told to fail the n-th one, optionally simulating a crash
 * from there on. Release builds use SQLite's default VFS and compile none
 * of this.
 */
#include "store_int.h"
#include "tend/store_test.h"

#include <sqlite3.h>
#include <stddef.h>

#ifndef TEND_TEST_BUILD

const char *store_vfs_name(void)
{
    return NULL;
}

#else

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_VFS_NAME "tend-fault"

static struct {
    tend_fault_kind kind;
    long n;            /* 0 = disarmed */
    bool crash;
    bool fired;
    bool crashed;      /* fired with crash: every later change fails */
    long counts[TEND_FAULT_NKINDS];
} S_fault;

static sqlite3_vfs S_vfs;
static sqlite3_vfs *S_real;
static bool S_registered;

/* Counts one call of kind; returns true when it must fail. */
static bool S_hit(tend_fault_kind kind)
{
    S_fault.counts[kind]++;
    S_fault.counts[TEND_FAULT_ANY]++;
    if (S_fault.crashed)
        return true;
    if (S_fault.n <= 0)
        return false;
    long seen = S_fault.kind == TEND_FAULT_ANY ? S_fault.counts[TEND_FAULT_ANY]
                                               : S_fault.counts[kind];
    if ((S_fault.kind == TEND_FAULT_ANY || S_fault.kind == kind) && seen == S_fault.n) {
        S_fault.fired = true;
        S_fault.crashed = S_fault.crash;
        return true;
    }
    return false;
}

void tend_fault_arm(tend_fault_kind kind, long n, bool crash)
{
    memset(&S_fault, 0, sizeof S_fault);
    if (n <= 0 || kind < 0 || kind >= TEND_FAULT_NKINDS)
        return;
    S_fault.kind = kind;
    S_fault.n = n;
    S_fault.crash = crash;
}

void tend_fault_disarm(void)
{
    S_fault.n = 0;
    S_fault.crashed = false;
}

bool tend_fault_fired(void)
{
    return S_fault.fired;
}

long tend_fault_count(tend_fault_kind kind)
{
    if (kind < 0 || kind >= TEND_FAULT_NKINDS)
        return 0;
    return S_fault.counts[kind];
}

void tend_fault_reset_counts(void)
{
    memset(S_fault.counts, 0, sizeof S_fault.counts);
}

/* TEND_FAULT=KIND:N[:crash] */
static void S_from_env(void)
{
    const char *e = getenv("TEND_FAULT");
    if (!e || !*e)
        return;
    static const char *names[] = { "write", "sync", "truncate", "delete", "any" };
    for (int k = 0; k < TEND_FAULT_NKINDS; k++) {
        size_t nl = strlen(names[k]);
        if (strncmp(e, names[k], nl) != 0 || e[nl] != ':')
            continue;
        char *end = NULL;
        long n = strtol(e + nl + 1, &end, 10);
        if (end == e + nl + 1 || n <= 0)
            return;
        bool crash = strcmp(end, ":crash") == 0;
        if (*end && !crash)
            return;
        tend_fault_arm((tend_fault_kind)k, n, crash);
        return;
    }
}

/* ---- the file shim ---------------------------------------------------------- */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;   /* points just after this struct */
} fault_file;

#define S_REAL(f) (((fault_file *)(f))->real)

/* sqlite3_io_methods.xClose: the real file's, unchanged. */
static int S_close(sqlite3_file *f)
{
    int rc = S_REAL(f)->pMethods ? S_REAL(f)->pMethods->xClose(S_REAL(f)) : SQLITE_OK;
    return rc;
}

/* sqlite3_io_methods.xRead: the real file's, unchanged. */
static int S_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return S_REAL(f)->pMethods->xRead(S_REAL(f), buf, n, off);
}

/* sqlite3_io_methods.xWrite: SQLITE_IOERR_WRITE when the armed fault (TEND_FAULT_WRITE) fires here,
 * else the real file's. */
static int S_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (S_hit(TEND_FAULT_WRITE))
        return SQLITE_IOERR_WRITE;
    return S_REAL(f)->pMethods->xWrite(S_REAL(f), buf, n, off);
}

/* sqlite3_io_methods.xTruncate: SQLITE_IOERR_TRUNCATE when the armed fault (TEND_FAULT_TRUNCATE) fires here,
 * else the real file's. */
static int S_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    if (S_hit(TEND_FAULT_TRUNCATE))
        return SQLITE_IOERR_TRUNCATE;
    return S_REAL(f)->pMethods->xTruncate(S_REAL(f), size);
}

/* sqlite3_io_methods.xSync: SQLITE_IOERR_FSYNC when the armed fault (TEND_FAULT_SYNC) fires here,
 * else the real file's. */
static int S_sync(sqlite3_file *f, int flags)
{
    if (S_hit(TEND_FAULT_SYNC))
        return SQLITE_IOERR_FSYNC;
    return S_REAL(f)->pMethods->xSync(S_REAL(f), flags);
}

/* sqlite3_io_methods.xFileSize: the real file's, unchanged. */
static int S_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return S_REAL(f)->pMethods->xFileSize(S_REAL(f), size);
}

/* sqlite3_io_methods.xLock: the real file's, unchanged. */
static int S_lock(sqlite3_file *f, int level)
{
    return S_REAL(f)->pMethods->xLock(S_REAL(f), level);
}

/* sqlite3_io_methods.xUnlock: the real file's, unchanged. */
static int S_unlock(sqlite3_file *f, int level)
{
    return S_REAL(f)->pMethods->xUnlock(S_REAL(f), level);
}

/* sqlite3_io_methods.xCheckReservedLock: the real file's, unchanged. */
static int S_check_reserved(sqlite3_file *f, int *out)
{
    return S_REAL(f)->pMethods->xCheckReservedLock(S_REAL(f), out);
}

/* sqlite3_io_methods.xFileControl: the real file's, unchanged. */
static int S_file_control(sqlite3_file *f, int op, void *arg)
{
    return S_REAL(f)->pMethods->xFileControl(S_REAL(f), op, arg);
}

/* sqlite3_io_methods.xSectorSize: the real file's, unchanged. */
static int S_sector_size(sqlite3_file *f)
{
    return S_REAL(f)->pMethods->xSectorSize(S_REAL(f));
}

/* sqlite3_io_methods.xDeviceCharacteristics: the real file's, unchanged. */
static int S_device_chars(sqlite3_file *f)
{
    return S_REAL(f)->pMethods->xDeviceCharacteristics(S_REAL(f));
}

/* sqlite3_io_methods.xShmMap: the real file's, unchanged. */
static int S_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    return S_REAL(f)->pMethods->xShmMap(S_REAL(f), pg, pgsz, extend, pp);
}

/* sqlite3_io_methods.xShmLock: the real file's, unchanged. */
static int S_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return S_REAL(f)->pMethods->xShmLock(S_REAL(f), offset, n, flags);
}

/* sqlite3_io_methods.xShmBarrier: the real file's, unchanged. */
static void S_shm_barrier(sqlite3_file *f)
{
    S_REAL(f)->pMethods->xShmBarrier(S_REAL(f));
}

/* sqlite3_io_methods.xShmUnmap: the real file's, unchanged. */
static int S_shm_unmap(sqlite3_file *f, int del)
{
    return S_REAL(f)->pMethods->xShmUnmap(S_REAL(f), del);
}

/* sqlite3_io_methods.xFetch: never maps memory (*pp NULL), so every read
 * goes through xRead. */
static int S_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
    /* No memory-mapped reads: every read goes through xRead. */
    (void)f;
    (void)off;
    (void)amt;
    *pp = NULL;
    return SQLITE_OK;
}

/* sqlite3_io_methods.xUnfetch: nothing was mapped; SQLITE_OK. */
static int S_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    (void)f;
    (void)off;
    (void)p;
    return SQLITE_OK;
}

static const sqlite3_io_methods S_methods = {
    3,
    S_close, S_read, S_write, S_truncate, S_sync, S_file_size, S_lock, S_unlock,
    S_check_reserved, S_file_control, S_sector_size, S_device_chars,
    S_shm_map, S_shm_lock, S_shm_barrier, S_shm_unmap, S_fetch, S_unfetch,
};

/* ---- the VFS shim ------------------------------------------------------------- */

static int S_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    fault_file *sf = (fault_file *)f;
    sf->real = (sqlite3_file *)(sf + 1);
    sf->base.pMethods = NULL;
    int rc = S_real->xOpen(S_real, name, sf->real, flags, out_flags);
    if (sf->real->pMethods)
        sf->base.pMethods = &S_methods;
    return rc;
}

/* sqlite3_vfs.xDelete: SQLITE_IOERR_DELETE when the armed fault
 * (TEND_FAULT_DELETE) fires here, else the real VFS's. */
static int S_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    if (S_hit(TEND_FAULT_DELETE))
        return SQLITE_IOERR_DELETE;
    return S_real->xDelete(S_real, name, sync_dir);
}

/* sqlite3_vfs.xAccess: the real VFS's, unchanged. */
static int S_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return S_real->xAccess(S_real, name, flags, out);
}

/* sqlite3_vfs.xFullPathname: the real VFS's, unchanged. */
static int S_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return S_real->xFullPathname(S_real, name, n, out);
}

/* sqlite3_vfs.xDlOpen: extensions are never loaded (NULL). */
static void *S_dl_open(sqlite3_vfs *vfs, const char *name)
{
    (void)vfs;
    (void)name;
    return NULL;   /* extensions are never loaded */
}

/* sqlite3_vfs.xDlError: says extensions are not available. */
static void S_dl_error(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    if (n > 0)
        snprintf(msg, (size_t)n, "extensions are not available");
}

/* sqlite3_vfs.xDlSym: nothing to find (NULL). */
static void (*S_dl_sym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    (void)vfs;
    (void)h;
    (void)sym;
    return NULL;
}

/* sqlite3_vfs.xDlClose: nothing to close. */
static void S_dl_close(sqlite3_vfs *vfs, void *h)
{
    (void)vfs;
    (void)h;
}

/* sqlite3_vfs.xRandomness: the real VFS's, unchanged. */
static int S_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return S_real->xRandomness(S_real, n, out);
}

/* sqlite3_vfs.xSleep: the real VFS's, unchanged. */
static int S_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return S_real->xSleep(S_real, us);
}

/* sqlite3_vfs.xCurrentTime: the real VFS's, unchanged. */
static int S_current_time(sqlite3_vfs *vfs, double *t)
{
    (void)vfs;
    return S_real->xCurrentTime(S_real, t);
}

/* sqlite3_vfs.xGetLastError: the real VFS's, or 0 when it has none. */
static int S_last_error(sqlite3_vfs *vfs, int n, char *msg)
{
    (void)vfs;
    return S_real->xGetLastError ? S_real->xGetLastError(S_real, n, msg) : 0;
}

/* sqlite3_vfs.xCurrentTimeInt64: the real VFS's, or xCurrentTime's in
 * milliseconds when it has none. */
static int S_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    (void)vfs;
    if (S_real->iVersion >= 2 && S_real->xCurrentTimeInt64)
        return S_real->xCurrentTimeInt64(S_real, t);
    double d = 0;
    int rc = S_real->xCurrentTime(S_real, &d);
    *t = (sqlite3_int64)(d * 86400000.0);
    return rc;
}

const char *store_vfs_name(void)
{
    if (S_registered)
        return S_VFS_NAME;
    if (sqlite3_initialize() != SQLITE_OK)
        return NULL;
    S_real = sqlite3_vfs_find(NULL);
    if (!S_real)
        return NULL;
    memset(&S_vfs, 0, sizeof S_vfs);
    S_vfs.iVersion = 2;
    S_vfs.szOsFile = (int)sizeof(fault_file) + S_real->szOsFile;
    S_vfs.mxPathname = S_real->mxPathname;
    S_vfs.zName = S_VFS_NAME;
    S_vfs.xOpen = S_open;
    S_vfs.xDelete = S_delete;
    S_vfs.xAccess = S_access;
    S_vfs.xFullPathname = S_full_pathname;
    S_vfs.xDlOpen = S_dl_open;
    S_vfs.xDlError = S_dl_error;
    S_vfs.xDlSym = S_dl_sym;
    S_vfs.xDlClose = S_dl_close;
    S_vfs.xRandomness = S_randomness;
    S_vfs.xSleep = S_sleep;
    S_vfs.xCurrentTime = S_current_time;
    S_vfs.xGetLastError = S_last_error;
    S_vfs.xCurrentTimeInt64 = S_current_time64;
    if (sqlite3_vfs_register(&S_vfs, 0) != SQLITE_OK)
        return NULL;
    S_registered = true;
    S_from_env();
    return S_VFS_NAME;
}

#endif
