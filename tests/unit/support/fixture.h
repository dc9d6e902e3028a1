/*
 * fixture.h — the temporary journals and folders the unit programs share:
 * a fresh folder per test (on tmpfs when there is one), removed with all
 * it holds; a journal created or opened there with a fast test-only KDF;
 * an entry added in one call; the sealed rows read and written straight
 * through the store, as someone holding the file could; whole files read
 * and copied. Linked into every unit program (every .c file in
 * tests/unit/support is).
 *
 * Every helper that cannot do its job fails the running cmocka test
 * (fail_msg) rather than returning an error, so a test reads as its
 * steps. The exceptions are fixture_setup / fixture_teardown, which return
 * what cmocka's setup and teardown functions return (0, or -1).
 */
#ifndef TEND_TEST_FIXTURE_H
#define TEND_TEST_FIXTURE_H

#include "tend/journal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A temporary folder, and the path of a journal inside it. */
typedef struct {
    char dir[128];  /* the folder: .../tend-NAME-XXXXXX */
    char path[192]; /* DIR/j/journal.db (its folder j/ is not made) */
} fixture_tmp;

/* Makes a fresh folder tend-NAME-XXXXXX under /dev/shm when on_tmpfs and
 * it is writable (tests that write and sync a lot), else under $TMPDIR or
 * /tmp, into *t. false when it cannot be made. */
bool fixture_tmp_make(fixture_tmp *t, const char *name, bool on_tmpfs);

/* Removes t's folder and everything in it. false when something could not
 * be removed. */
bool fixture_tmp_remove(const fixture_tmp *t);

/* cmocka setup and teardown: *state becomes a fresh fixture_tmp (named
 * "unit", on tmpfs when there is one), freed and removed by teardown.
 * 0, or -1 when the folder cannot be made or removed. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* out[0..n) = DIR/rel (t's folder). Fails the test when it does not fit. */
void fixture_path(const fixture_tmp *t, const char *rel, char *out, size_t n);

/* Removes path and, for a folder, everything in it; nothing to remove is
 * fine. Fails the test when something cannot be removed. */
void fixture_rm_rf(const char *path);

/* Creates a journal at path with pass, at TEND_KDF_MIN, and returns it open.
 * Fails the test (naming the error) when it cannot. */
tend_journal *fixture_journal_create(const char *path, const char *pass);

/* Opens the journal at path with pass. Fails the test when it cannot. */
tend_journal *fixture_journal_open(const char *path, const char *pass);

/* Adds an entry with title, one tag (NULL: none) and body (NULL: none),
 * created at created (0: now), and returns its uuid. Fails the test when
 * it cannot. */
tend_uuid fixture_add_entry(tend_journal *j, const char *title, const char *tag,
                            const char *body, int64_t created);

/* Reads the sealed head and body of record id straight from the store of
 * the journal file at path (head and body are reset first). */
void fixture_raw_get(const char *path, const tend_uuid *id, tend_buf *head, tend_buf *body);

/* Replaces the sealed head and body of record id straight through the
 * store of the journal file at path (body->data NULL: no body), as
 * someone holding the file could. */
void fixture_raw_put(const char *path, const tend_uuid *id, const tend_buf *head,
                     const tend_buf *body);

/* The whole file at path in a malloc'd buffer of *len bytes (caller
 * frees). Fails the test when it cannot be read. */
char *fixture_slurp(const char *path, size_t *len);

/* Copies the file from to a new file to, mode 0600. Fails the test when it
 * cannot. */
void fixture_copy_file(const char *from, const char *to);

#endif
