/*
 * store_test.h — fault injection for crash-safety tests (test builds only).
 *
 * In a test build (TEND_TEST_BUILD) every tend_store opens its database —
 * and tend_store_backup its destination — through the "tend-fault" SQLite
 * VFS, a shim over the default unix VFS. It passes everything through and
 * counts, per process, the calls that change files:
 *   TEND_FAULT_WRITE     xWrite     (database, rollback journal)
 *   TEND_FAULT_SYNC      xSync
 *   TEND_FAULT_TRUNCATE  xTruncate
 *   TEND_FAULT_DELETE    xDelete    (deleting the rollback journal is the
 *                                    commit point of journal_mode=DELETE)
 *   TEND_FAULT_ANY       all of the above in one sequence
 * When armed with (kind, n), the n-th call of that kind (1-based, counted
 * from the arming) fails with an SQLite I/O error. With crash = true, every
 * later write/sync/truncate/delete fails as well, as if the machine stopped
 * at that instant: SQLite cannot clean up, and the next open must recover
 * from what is on disk (a hot journal). With crash = false only that one
 * call fails and SQLite handles the error as it would a real I/O error.
 *
 * A crash-safety test loops: arm(kind, n, true); do the operation; disarm;
 * reopen and check the journal holds the old or the new state; n++ until
 * the operation succeeds without the fault firing (tend_fault_fired()).
 *
 * The test binary of tend also reads TEND_FAULT from the environment the
 * first time a store is opened: "KIND:N" or "KIND:N:crash" with KIND one of
 * write, sync, truncate, delete, any (e.g. TEND_FAULT=write:3:crash), so
 * shell tests can loop N over a command until it exits 0.
 */
#ifndef TEND_STORE_TEST_H
#define TEND_STORE_TEST_H

#ifdef TEND_TEST_BUILD

#include "tend/core.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    TEND_FAULT_WRITE = 0,
    TEND_FAULT_SYNC,
    TEND_FAULT_TRUNCATE,
    TEND_FAULT_DELETE,
    TEND_FAULT_ANY,
    TEND_FAULT_NKINDS
} tend_fault_kind;

/* Arms the fault: the n-th call of kind from now on fails (n >= 1); resets
 * the counters and the fired flag. n = 0 disarms. */
void tend_fault_arm(tend_fault_kind kind, long n, bool crash);

/* Disarms the fault and ends a simulated crash; counters are kept. */
void tend_fault_disarm(void);

/* True once the armed fault has fired (until the next arm). */
bool tend_fault_fired(void);

/* Calls of kind seen since the last arm or reset (TEND_FAULT_ANY: total). */
long tend_fault_count(tend_fault_kind kind);

/* Zeroes the counters (does not disarm). */
void tend_fault_reset_counts(void);

/* Test hook: runs "PRAGMA name" on s's own connection (name is a plain
 * pragma name such as "journal_mode" or "secure_delete") and copies the
 * first column of its first row, as text, into out[outsz]. TEND_OK, or
 * TEND_EINVAL for a name that is not [a-z_]+, or an SQLite failure. */
struct tend_store;
tend_status tend_store_test_pragma(struct tend_store *s, const char *name, char *out,
                                   size_t outsz);

/* Test hook for tamper tests: opens the database file at path with a plain
 * SQLite connection (default VFS, no defensive mode, no tend checks), runs
 * sql (several statements allowed) and closes it. The journal must not be
 * open in a tend_store (it would be locked: TEND_EBUSY). TEND_OK, or a
 * failure with SQLite's message in *err. */
tend_status tend_store_test_exec(const char *path, const char *sql, tend_error *err);

#endif

#endif
