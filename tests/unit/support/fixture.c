/*
 * fixture.c — the temporary folders and journals of the unit programs
 * (fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "fixture.h"

#include "tend/store.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when path is a folder this process may write into. */
static bool S_writable_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && access(path, W_OK) == 0;
}

bool fixture_tmp_make(fixture_tmp *t, const char *name, bool on_tmpfs)
{
    memset(t, 0, sizeof *t);
    const char *base = getenv("TMPDIR");
    if (on_tmpfs && S_writable_dir("/dev/shm"))
        base = "/dev/shm";
    else if (!base || !*base)
        base = "/tmp";
    int n = snprintf(t->dir, sizeof t->dir, "%s/tend-%s-XXXXXX", base, name);
    if (n < 0 || (size_t)n >= sizeof t->dir || !mkdtemp(t->dir))
        return false;
    n = snprintf(t->path, sizeof t->path, "%s/j/journal.db", t->dir);
    return n > 0 && (size_t)n < sizeof t->path;
}

/* nftw's callback for fixture_rm_rf: removes one file or (emptied) folder.
 * 0 to go on, -1 to stop. */
static int S_remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    int rc = flag == FTW_DP ? rmdir(path) : unlink(path);
    return rc == 0 || errno == ENOENT ? 0 : -1;
}

/* Removes path and what it holds; true when nothing is left. */
static bool S_remove_tree(const char *path)
{
    struct stat sb;
    if (lstat(path, &sb) != 0)
        return errno == ENOENT;
    return nftw(path, S_remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

bool fixture_tmp_remove(const fixture_tmp *t)
{
    return S_remove_tree(t->dir);
}

int fixture_setup(void **state)
{
    fixture_tmp *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    if (!fixture_tmp_make(t, "unit", true)) {
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

int fixture_teardown(void **state)
{
    fixture_tmp *t = *state;
    bool ok = fixture_tmp_remove(t);
    free(t);
    return ok ? 0 : -1;
}

void fixture_path(const fixture_tmp *t, const char *rel, char *out, size_t n)
{
    int k = snprintf(out, n, "%s/%s", t->dir, rel);
    if (k < 0 || (size_t)k >= n)
        fail_msg("fixture: the path %s/%s is too long", t->dir, rel);
}

void fixture_rm_rf(const char *path)
{
    if (!S_remove_tree(path))
        fail_msg("fixture: could not remove %s: %s", path, strerror(errno));
}

tend_journal *fixture_journal_create(const char *path, const char *pass)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_error_clear(&e);
    if (tend_journal_create(path, pass, strlen(pass), TEND_KDF_MIN, &j, &e) != TEND_OK)
        fail_msg("create: %s", e.msg);
    return j;
}

tend_journal *fixture_journal_open(const char *path, const char *pass)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_error_clear(&e);
    if (tend_journal_open(path, pass, strlen(pass), &j, &e) != TEND_OK)
        fail_msg("open: %s", e.msg);
    return j;
}

tend_uuid fixture_add_entry(tend_journal *j, const char *title, const char *tag,
                            const char *body, int64_t created)
{
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    r.head.created = created;
    assert_int_equal(tend_head_set_title(&r.head, title), TEND_OK);
    if (tag)
        assert_int_equal(tend_head_add_tag(&r.head, tag), TEND_OK);
    if (body)
        assert_int_equal(tend_record_set_body(&r, body, strlen(body)), TEND_OK);
    tend_error e;
    tend_error_clear(&e);
    if (tend_journal_add(j, &r, &e) != TEND_OK)
        fail_msg("add: %s", e.msg);
    tend_uuid u = r.head.uuid;
    tend_record_clear(&r);
    return u;
}

void fixture_raw_get(const char *path, const tend_uuid *id, tend_buf *head, tend_buf *body)
{
    tend_store *s = NULL;
    tend_error e;
    tend_error_clear(&e);
    if (tend_store_open(path, &s, &e) != TEND_OK)
        fail_msg("store open: %s", e.msg);
    assert_int_equal(tend_store_get(s, id->b, head, body, NULL, &e), TEND_OK);
    tend_store_close(s);
}

void fixture_raw_put(const char *path, const tend_uuid *id, const tend_buf *head,
                     const tend_buf *body)
{
    tend_store *s = NULL;
    tend_error e;
    tend_error_clear(&e);
    if (tend_store_open(path, &s, &e) != TEND_OK)
        fail_msg("store open: %s", e.msg);
    assert_int_equal(tend_store_update(s, id->b, head->data, head->len, body->data, body->len, &e),
                     TEND_OK);
    tend_store_close(s);
}

char *fixture_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("fixture: cannot open %s: %s", path, strerror(errno));
    tend_buf b = TEND_BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(tend_buf_append(&b, chunk, n), TEND_OK);
    assert_int_equal(ferror(f), 0);
    fclose(f);
    char *out = malloc(b.len ? b.len : 1);
    assert_non_null(out);
    if (b.len)
        memcpy(out, b.data, b.len);
    *len = b.len;
    tend_buf_free(&b);
    return out;
}

void fixture_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    assert_int_equal(ferror(in), 0);
    fclose(in);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(chmod(to, 0600), 0);
}
