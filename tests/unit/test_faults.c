/*
 * test_faults.c — the fault-injection sweep over every write path of the
 * journal: add, edit (update and update of the head only), delete, check-in
 * save (add and update of a TEND_KIND_CHECKIN record), draft autosave (the
 * DRAFT singleton put), draft discard, a first singleton save (insert path
 * of singleton_put), passwd, rekey and import. These are the same journal
 * calls the screens and the commands make.
 *
 * For each operation and each injection point n = 1, 2, ... (every write,
 * sync, truncate and delete SQLite makes, counted by the store's
 * "tend-fault" VFS, include/tend/store_test.h), a fresh copy of one base
 * journal gets the operation with the n-th call failing, twice: once as a
 * crash (that call and everything after it fails, as if the machine
 * stopped) and once as a single I/O error. Afterwards the journal must open,
 * verify sound and hold exactly the old state or exactly the new state,
 * never neither:
 *   - the decrypted records (every kind, every field, the body) equal those
 *     of the base journal, or those of the same operation run without a
 *     fault;
 *   - old state: every row and every meta row is byte for byte the base's;
 *   - new state: the rows the operation does not touch are byte for byte the
 *     base's (rekey: none are; passwd: all are), the meta rows are the
 *     base's unless the operation is passwd or rekey;
 *   - an operation that reported success left the new state;
 *   - nothing but journal.db is left in the folder, or a rollback journal
 *     that was never synced (not hot), which the next write removes.
 * The loop ends at the first n where the fault does not fire: that
 * operation completed, and n - 1 is its number of injection points, printed
 * as a "# summary:" line per operation (tests/unit/run shows them).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/journal.h"
#include "tend/port.h"
#include "tend/store.h"
#include "tend/store_test.h"

#include "support/fixture.h"

#define PASS "fault pass"
#define NEWPASS "other pass"
#define NOW "1767254400"

/* The journals of the sweep, in one fixture folder. */
typedef struct {
    fixture_tmp tmp;  /* tmp.path: the journal the operation runs on, DIR/j/journal.db */
    char folder[160]; /* DIR/j, its folder */
    char base[160];  /* the base journal it is copied from: DIR/base.db */
    tend_uuid ids[8];
    size_t nids;
} fault_journals;

/* ---- files ----------------------------------------------------------------- */

/* A fresh DIR/j/journal.db, byte for byte the base journal. */
static void S_fresh(const fault_journals *t)
{
    fixture_rm_rf(t->folder);
    assert_int_equal(mkdir(t->folder, 0700), 0);
    fixture_copy_file(t->base, t->tmp.path);
}

/* Names of what is in DIR/j other than journal.db, as one string. */
static void S_leftovers(const fault_journals *t, char *out, size_t outsz)
{
    out[0] = '\0';
    DIR *d = opendir(t->folder);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0
            || strcmp(de->d_name, "journal.db") == 0)
            continue;
        size_t l = strlen(out), k = strlen(de->d_name);
        if (l + k + 2 <= outsz) {
            memcpy(out + l, de->d_name, k);
            memcpy(out + l + k, " ", 2);
        }
    }
    closedir(d);
}

/* ---- the base journal -------------------------------------------------------- */

static void S_put(tend_journal *j, tend_record *r)
{
    tend_error e;
    tend_status st = tend_kind_is_singleton(r->head.kind) ? tend_journal_singleton_put(j, r, &e)
                                                          : tend_journal_add(j, r, &e);
    if (st != TEND_OK)
        fail_msg("base journal: %s", e.msg);
}

static void S_rec(tend_record *r, uint32_t kind, const char *title, const char *tag,
                  const char *body)
{
    *r = (tend_record)TEND_RECORD_INIT;
    r->head.kind = kind;
    assert_int_equal(tend_head_set_title(&r->head, title), TEND_OK);
    if (tag)
        assert_int_equal(tend_head_add_tag(&r->head, tag), TEND_OK);
    if (body)
        assert_int_equal(tend_record_set_body(r, body, strlen(body)), TEND_OK);
}

/* Three entries, a check-in, a draft and settings; no safety plan. */
static int S_setup(void **state)
{
    fault_journals *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    if (!fixture_tmp_make(&t->tmp, "faults", true)) {
        free(t);
        return -1;
    }
    snprintf(t->folder, sizeof t->folder, "%s/j", t->tmp.dir);
    snprintf(t->base, sizeof t->base, "%s/base.db", t->tmp.dir);
    setenv("TEND_TEST_NOW", NOW, 1);
    tend_journal *j = NULL;
    tend_error e;
    if (tend_journal_create(t->base, PASS, strlen(PASS), TEND_KDF_MIN, &j, &e) != TEND_OK)
        return -1;
    tend_record r;
    const char *titles[] = { "first", "second", "third" };
    for (int i = 0; i < 3; i++) {
        S_rec(&r, TEND_KIND_ENTRY, titles[i], "base", "a body of some length\nwith two lines");
        r.head.created = 1767000000 + i * 3600;
        S_put(j, &r);
        t->ids[t->nids++] = r.head.uuid;
        tend_record_clear(&r);
    }
    S_rec(&r, TEND_KIND_CHECKIN, "", NULL, "a note");
    assert_int_equal(tend_head_add_field(&r.head, "intensity", "3"), TEND_OK);
    assert_int_equal(tend_head_add_field(&r.head, "helped", "walk"), TEND_OK);
    S_put(j, &r);
    t->ids[t->nids++] = r.head.uuid;
    tend_record_clear(&r);
    S_rec(&r, TEND_KIND_DRAFT, "half done", NULL, "the draft so far");
    S_put(j, &r);
    t->ids[t->nids++] = r.head.uuid;
    tend_record_clear(&r);
    S_rec(&r, TEND_KIND_SETTINGS, "", NULL, NULL);
    assert_int_equal(tend_head_add_field(&r.head, "region", "uk"), TEND_OK);
    S_put(j, &r);
    t->ids[t->nids++] = r.head.uuid;
    tend_record_clear(&r);
    tend_journal_close(j);
    *state = t;
    return 0;
}

static int S_teardown(void **state)
{
    fault_journals *t = *state;
    bool ok = fixture_tmp_remove(&t->tmp);
    free(t);
    return ok ? 0 : -1;
}

/* ---- the operations ----------------------------------------------------------- */

typedef struct {
    const char *name;
    tend_status (*run)(tend_journal *j, const fault_journals *t, tend_error *e);
    size_t max_touched; /* base rows the new state may change or remove */
    bool new_key;       /* passwd/rekey: the meta rows change */
} S_op;

static tend_status S_op_add(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    tend_record r;
    S_rec(&r, TEND_KIND_ENTRY, "new entry", "added", "written tonight");
    tend_status st = tend_journal_add(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_edit(tend_journal *j, const fault_journals *t, tend_error *e)
{
    tend_record r = TEND_RECORD_INIT;
    tend_status st = tend_journal_get(j, &t->ids[1], &r, e);
    if (st == TEND_OK)
        st = tend_head_set_title(&r.head, "second, edited");
    if (st == TEND_OK)
        st = tend_record_set_body(&r, "rewritten", 9);
    if (st == TEND_OK)
        st = tend_journal_update(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_star(tend_journal *j, const fault_journals *t, tend_error *e)
{
    tend_record r = TEND_RECORD_INIT;
    tend_status st = tend_journal_get(j, &t->ids[2], &r, e);
    if (st == TEND_OK) {
        r.head.flags |= TEND_FLAG_STARRED;
        st = tend_head_add_tag(&r.head, "kept");
    }
    if (st == TEND_OK)
        st = tend_journal_update_head(j, &r.head, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_delete(tend_journal *j, const fault_journals *t, tend_error *e)
{
    return tend_journal_delete(j, &t->ids[0], e);
}

static tend_status S_op_checkin_add(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    tend_record r;
    S_rec(&r, TEND_KIND_CHECKIN, "", NULL, NULL);
    tend_status st = tend_head_add_field(&r.head, "intensity", "7");
    if (st == TEND_OK)
        st = tend_head_add_field(&r.head, "trigger", "a call");
    if (st == TEND_OK)
        st = tend_journal_add(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_checkin_update(tend_journal *j, const fault_journals *t, tend_error *e)
{
    tend_record r = TEND_RECORD_INIT;
    tend_status st = tend_journal_get(j, &t->ids[3], &r, e);
    if (st == TEND_OK)
        st = tend_head_set_field(&r.head, "intensity", "1");
    if (st == TEND_OK)
        st = tend_head_add_field(&r.head, "helped", "breathing");
    if (st == TEND_OK)
        st = tend_record_set_body(&r, "calmer now", 10);
    if (st == TEND_OK)
        st = tend_journal_update(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_draft_autosave(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    tend_record r;
    S_rec(&r, TEND_KIND_DRAFT, "half done", NULL, "the draft so far, and a few words more");
    tend_status st = tend_journal_singleton_put(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_draft_discard(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    return tend_journal_singleton_delete(j, TEND_KIND_DRAFT, e);
}

static tend_status S_op_first_singleton(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    tend_record r;
    S_rec(&r, TEND_KIND_SAFETY_PLAN, "", NULL, "call Sam; go outside");
    tend_status st = tend_journal_singleton_put(j, &r, e);
    tend_record_clear(&r);
    return st;
}

static tend_status S_op_passwd(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    return tend_journal_passwd(j, NEWPASS, strlen(NEWPASS), e);
}

static tend_status S_op_rekey(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    return tend_journal_rekey(j, e);
}

static tend_status S_op_import(tend_journal *j, const fault_journals *t, tend_error *e)
{
    (void)t;
    tend_record_set s = TEND_RECORD_SET_INIT;
    tend_status st = TEND_OK;
    for (int i = 0; st == TEND_OK && i < 3; i++) {
        tend_record r;
        S_rec(&r, i == 2 ? TEND_KIND_CHECKIN : TEND_KIND_ENTRY, "imported", "jrnl", "from before");
        memset(r.head.uuid.b, 0xa0 + i, sizeof r.head.uuid.b);
        r.head.created = r.head.updated = 1600000000 + i;
        st = tend_record_set_push(&s, &r);
        tend_record_clear(&r);
    }
    tend_import_report rep;
    if (st == TEND_OK)
        st = tend_import_records(j, &s, &rep, e);
    tend_record_set_free(&s);
    return st;
}

/* ---- states -------------------------------------------------------------------- */

/* What a journal holds: its records decrypted (sorted lines, base uuids by
 * hex, others as "new"), which passphrase opens it, and its raw rows. */
typedef struct {
    char *content;
    bool new_pass;
    tend_buf meta;       /* every meta row, raw */
    tend_buf rows[16];   /* uuid || head || body of each row, raw */
    size_t nrows;
} S_state;

static void S_state_free(S_state *s)
{
    free(s->content);
    tend_buf_free(&s->meta);
    for (size_t i = 0; i < s->nrows; i++)
        tend_buf_free(&s->rows[i]);
    memset(s, 0, sizeof *s);
}

typedef struct {
    const fault_journals *t;
    char *lines[16];
    size_t n;
} S_walk;

static void S_esc(tend_buf *b, const char *s)
{
    for (; *s; s++)
        assert_int_equal(*s == '\n' ? tend_buf_puts(b, "\\n") : tend_buf_putc(b, *s), TEND_OK);
}

static tend_status S_line(void *ctx, const tend_record *rec, const char *short_id)
{
    (void)short_id;
    S_walk *w = ctx;
    assert_true(w->n < 16);
    tend_buf b = TEND_BUF_INIT;
    bool known = false;
    for (size_t i = 0; i < w->t->nids; i++)
        known = known || tend_uuid_equal(&w->t->ids[i], &rec->head.uuid);
    char hex[TEND_UUID_HEX + 1] = "new";
    if (known)
        tend_uuid_hex(&rec->head.uuid, hex);
    const tend_head *h = &rec->head;
    assert_int_equal(tend_buf_printf(&b, "%s|%u|%lld|%lld|%d|%u|", hex, h->kind,
                                     (long long)h->created, (long long)h->updated,
                                     (int)h->utc_offset, h->flags),
                     TEND_OK);
    S_esc(&b, h->title);
    for (size_t i = 0; i < h->ntags; i++) {
        assert_int_equal(tend_buf_puts(&b, "|#"), TEND_OK);
        S_esc(&b, h->tags[i]);
    }
    for (size_t i = 0; i < h->nfields; i++) {
        assert_int_equal(tend_buf_puts(&b, "|"), TEND_OK);
        S_esc(&b, h->fields[i].key);
        assert_int_equal(tend_buf_puts(&b, "="), TEND_OK);
        S_esc(&b, h->fields[i].value);
    }
    assert_int_equal(tend_buf_printf(&b, "|extra %zu/%zu|", h->extra_len, rec->body_extra_len),
                     TEND_OK);
    if (rec->body)
        S_esc(&b, rec->body);
    else
        assert_int_equal(tend_buf_puts(&b, "(no body)"), TEND_OK);
    w->lines[w->n++] = tend_buf_take(&b, NULL);
    return TEND_OK;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static tend_status S_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    (void)err;
    S_state *s = ctx;
    assert_true(s->nrows < 16);
    tend_buf *b = &s->rows[s->nrows++];
    assert_int_equal(tend_buf_append(b, rec->uuid, TEND_UUID_LEN), TEND_OK);
    assert_int_equal(tend_buf_append(b, rec->head, rec->head_len), TEND_OK);
    assert_int_equal(tend_buf_putc(b, rec->has_body ? 'B' : 'N'), TEND_OK);
    if (rec->has_body)
        assert_int_equal(tend_buf_append(b, rec->body, rec->body_len), TEND_OK);
    return TEND_OK;
}

/* Opens the journal at t->tmp.path (old passphrase, then the new one), checks it
 * is sound, and reads its state; then reads its raw rows. Fails the test if
 * it does not open: that is "neither old nor new". */
static void S_read_state(const fault_journals *t, const char *path, S_state *out, const char *when)
{
    memset(out, 0, sizeof *out);
    tend_journal *j = NULL;
    tend_error e;
    tend_status st = tend_journal_open(path, PASS, strlen(PASS), &j, &e);
    if (st == TEND_EPASS) {
        out->new_pass = true;
        st = tend_journal_open(path, NEWPASS, strlen(NEWPASS), &j, &e);
    }
    if (st != TEND_OK)
        fail_msg("%s: the journal does not open: %s", when, e.msg);
    size_t bad = 0;
    if (tend_journal_verify(j, NULL, NULL, &bad, &e) != TEND_OK)
        fail_msg("%s: verify: %s (%zu damaged)", when, e.msg, bad);
    tend_filter f = TEND_FILTER_INIT;
    f.all_kinds = true;
    S_walk w = { t, { NULL }, 0 };
    if (tend_journal_each(j, &f, true, S_line, &w, NULL, &e) != TEND_OK)
        fail_msg("%s: reading the records: %s", when, e.msg);
    tend_journal_close(j);
    qsort(w.lines, w.n, sizeof w.lines[0], S_cmp_str);
    tend_buf all = TEND_BUF_INIT;
    for (size_t i = 0; i < w.n; i++) {
        assert_int_equal(tend_buf_puts(&all, w.lines[i]), TEND_OK);
        assert_int_equal(tend_buf_putc(&all, '\n'), TEND_OK);
        free(w.lines[i]);
    }
    out->content = tend_buf_take(&all, NULL);
    assert_non_null(out->content);

    tend_store *s = NULL;
    if (tend_store_open(path, &s, &e) != TEND_OK)
        fail_msg("%s: raw open: %s", when, e.msg);
    const char *keys[] = { "format", "kdf.alg", "kdf.ops", "kdf.mem", "kdf.salt", "key.wrapped" };
    tend_buf v = TEND_BUF_INIT;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        assert_int_equal(tend_store_meta_get(s, keys[i], &v, &e), TEND_OK);
        assert_int_equal(tend_buf_append(&out->meta, v.data, v.len), TEND_OK);
    }
    tend_buf_free(&v);
    assert_int_equal(tend_store_each(s, TEND_STORE_HEAD | TEND_STORE_BODY, S_row, out, &e), TEND_OK);
    tend_store_close(s);
}

static bool S_buf_eq(const tend_buf *a, const tend_buf *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* Base rows not found byte for byte in s. */
static size_t S_touched(const S_state *base, const S_state *s)
{
    size_t n = 0;
    for (size_t i = 0; i < base->nrows; i++) {
        bool same = false;
        for (size_t k = 0; k < s->nrows && !same; k++)
            same = S_buf_eq(&base->rows[i], &s->rows[k]);
        n += !same;
    }
    return n;
}

/* Runs op on a fresh copy of the base journal with the n-th call failing
 * (n = 0: no fault). Returns whether the fault fired; *st gets the status. */
static bool S_run(const fault_journals *t, const S_op *op, long n, bool crash, tend_status *st)
{
    S_fresh(t);
    tend_journal *j = NULL;
    tend_error e;
    if (tend_journal_open(t->tmp.path, PASS, strlen(PASS), &j, &e) != TEND_OK)
        fail_msg("open: %s", e.msg);
    if (n > 0)
        tend_fault_arm(TEND_FAULT_ANY, n, crash);
    *st = op->run(j, t, &e);
    bool fired = n > 0 && tend_fault_fired();
    tend_journal_close(j); /* after a crash nothing more reaches the disk */
    tend_fault_disarm();
    return fired;
}

/* What a crash may leave beside the journal: at most a rollback journal
 * that was never synced. SQLite writes a journal's header with its magic
 * zeroed and fills the magic in only when it syncs the journal before
 * touching the database; a journal without it is not "hot": opening ignores
 * it (the database was not touched yet) and the next write transaction
 * reuses and deletes it. It holds only copies of database pages (sealed
 * data). Checks that this is all that is left, and that the next write
 * removes it. */
static void S_check_leftovers(const fault_journals *t, const char *when, bool new_pass)
{
    char left[256];
    S_leftovers(t, left, sizeof left);
    if (!left[0])
        return;
    if (strcmp(left, "journal.db-journal ") != 0)
        fail_msg("%s: files left beside the journal: %s", when, left);
    char jpath[220];
    snprintf(jpath, sizeof jpath, "%s-journal", t->tmp.path);
    FILE *f = fopen(jpath, "rb");
    assert_non_null(f);
    unsigned char magic[8] = { 0 };
    size_t got = fread(magic, 1, sizeof magic, f);
    fclose(f);
    for (size_t i = 0; i < got; i++)
        if (magic[i] != 0)
            fail_msg("%s: a hot rollback journal was left after the journal was opened", when);
    tend_journal *j = NULL;
    tend_error e;
    const char *pass = new_pass ? NEWPASS : PASS;
    assert_int_equal(tend_journal_open(t->tmp.path, pass, strlen(pass), &j, &e), TEND_OK);
    tend_record r;
    S_rec(&r, TEND_KIND_ENTRY, "later", NULL, "a later write");
    assert_int_equal(tend_journal_add(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    tend_journal_close(j);
    S_leftovers(t, left, sizeof left);
    if (left[0])
        fail_msg("%s: the next write did not remove what was left: %s", when, left);
}

/* Outcomes of the runs where the fault fired, in the current sweep: the
 * journal left old, and left new. (With journal_mode=DELETE the commit
 * point is the deletion of the rollback journal, the last call of a write:
 * so far every fault left the old state; new is allowed all the same.) */
static long S_nold, S_nnew;

/* Checks the journal after a fault is exactly old or new (see the top). */
static void S_check(const fault_journals *t, const S_op *op, const S_state *old, const S_state *new,
                    long n, bool crash, bool fired, tend_status st)
{
    char when[96];
    snprintf(when, sizeof when, "%s, %s at call %ld", op->name, crash ? "crash" : "I/O error", n);
    S_state s;
    S_read_state(t, t->tmp.path, &s, when);
    S_check_leftovers(t, when, s.new_pass);
    bool is_old = strcmp(s.content, old->content) == 0 && s.new_pass == old->new_pass
                  && S_buf_eq(&s.meta, &old->meta);
    if (is_old && (s.nrows != old->nrows || S_touched(old, &s) != 0))
        fail_msg("%s: the records read as before, but rows changed", when);
    bool is_new = !is_old && strcmp(s.content, new->content) == 0 && s.new_pass == new->new_pass;
    if (is_new && op->new_key == S_buf_eq(&s.meta, &old->meta))
        fail_msg("%s: the meta rows %s", when, op->new_key ? "did not change" : "changed");
    if (is_new && op->max_touched == old->nrows && S_touched(old, &s) != old->nrows)
        fail_msg("%s: only some rows were sealed again", when);
    if (is_new && S_touched(old, &s) > op->max_touched)
        fail_msg("%s: %zu rows changed, at most %zu may", when, S_touched(old, &s),
                 op->max_touched);
    if (!is_old && !is_new)
        fail_msg("%s: the journal holds neither the old nor the new state:\n%s", when, s.content);
    if (st == TEND_OK && !is_new)
        fail_msg("%s: the operation reported success but the journal is as before", when);
    if (st != TEND_OK && is_new && !crash)
        fail_msg("%s: the operation reported a failure but its change was kept", when);
    if (fired) {
        S_nold += is_old;
        S_nnew += is_new;
    }
    S_state_free(&s);
}

/* The sweep of one operation: returns its number of injection points. */
static long S_sweep(const fault_journals *t, const S_op *op)
{
    S_state old, new;
    S_read_state(t, t->base, &old, "the base journal");
    tend_status st;
    assert_false(S_run(t, op, 0, true, &st));
    if (st != TEND_OK)
        fail_msg("%s without a fault failed", op->name);
    S_read_state(t, t->tmp.path, &new, op->name);
    assert_true(strcmp(old.content, new.content) != 0 || old.new_pass != new.new_pass
                || !S_buf_eq(&old.meta, &new.meta));
    long points = -1;
    S_nold = S_nnew = 0;
    for (int mode = 0; mode < 2; mode++) {
        bool crash = mode == 0;
        long n = 1;
        for (; n < 2000; n++) {
            bool fired = S_run(t, op, n, crash, &st);
            S_check(t, op, &old, &new, n, crash, fired, st);
            if (!fired) {
                assert_int_equal(st, TEND_OK);
                break;
            }
        }
        assert_true(n > 1 && n < 2000);
        if (crash)
            points = n - 1;
        else if (n - 1 != points)
            fail_msg("%s: %ld injection points with crashes, %ld with I/O errors", op->name,
                     points, n - 1);
    }
    assert_int_equal(S_nold + S_nnew, 2 * points);
    printf("# summary: fault sweep %-24s %3ld injection points x (crash, I/O error): old state"
           " %ld, new state %ld, neither 0\n",
           op->name, points, S_nold, S_nnew);
    S_state_free(&old);
    S_state_free(&new);
    fixture_rm_rf(t->folder);
    return points;
}

#define SWEEP(fn, label, touched, newkey)                                     \
    static void fn(void **state)                                              \
    {                                                                         \
        S_op op = { label, S_op_##fn, touched, newkey };                      \
        assert_true(S_sweep(*state, &op) > 0);                                \
    }

SWEEP(add, "add", 0, false)
SWEEP(edit, "edit (update)", 1, false)
SWEEP(star, "edit head only (star)", 1, false)
SWEEP(delete, "delete", 1, false)
SWEEP(checkin_add, "check-in save (new)", 0, false)
SWEEP(checkin_update, "check-in save (update)", 1, false)
SWEEP(draft_autosave, "draft autosave", 1, false)
SWEEP(draft_discard, "draft discard", 1, false)
SWEEP(first_singleton, "first safety plan save", 0, false)
SWEEP(passwd, "passwd", 0, true)
SWEEP(rekey, "rekey", 6, true)
SWEEP(import, "import", 0, false)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(add, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(edit, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(star, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(delete, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(checkin_add, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(checkin_update, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(draft_autosave, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(draft_discard, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(first_singleton, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(passwd, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(rekey, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(import, S_setup, S_teardown),
    };
    return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
