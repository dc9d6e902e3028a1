/*
 * test_journal.c — the journal API over a real file in a temporary folder:
 * create/open/lock, add/update/delete, lists with filters and short ids,
 * singletons, passwd and rekey, backup, and crash safety: with the store's
 * fault-injection VFS, the Nth write/sync/delete fails as if the machine
 * stopped there, for every N across an add, a passwd and a rekey, and the
 * journal must then open with the old or the new state, never neither.
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
#include "tend/store.h"
#include "tend/store_test.h"
#include "tend/vault.h"

#include "support/fixture.h"

#define PASS "correct horse"
#define PASSLEN (sizeof PASS - 1)

static size_t S_count_titles(tend_journal *j, const char *title)
{
    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_filter f = TEND_FILTER_INIT;
    f.all_kinds = true;
    tend_error e;
    tend_status st = tend_journal_list(j, &f, &l, &e);
    if (st != TEND_OK)
        fail_msg("list: %s", e.msg);
    size_t n = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!title || strcmp(l.heads[i].title, title) == 0)
            n++;
    tend_head_list_free(&l);
    return n;
}

static void create_open_and_the_ways_open_fails(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = NULL;
    tend_error e;
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_ENOTFOUND);
    assert_non_null(strstr(e.msg, "tend init"));
    assert_null(j);
    assert_int_equal(tend_journal_create(t->path, "", 0, TEND_KDF_MIN, NULL, &e),
                     TEND_EINVAL);
    j = fixture_journal_create(t->path, PASS);
    struct stat sb;
    assert_int_equal(stat(t->path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    char folder[160];
    fixture_path(t, "j", folder, sizeof folder);
    assert_int_equal(stat(folder, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    /* a second handle while the first is open: busy */
    tend_journal *j2 = NULL;
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j2, &e), TEND_EBUSY);
    assert_non_null(strstr(e.msg, "open in another tend"));
    assert_null(j2);
    tend_journal_close(j);
    assert_int_equal(tend_journal_create(t->path, PASS, PASSLEN, TEND_KDF_MIN, NULL, &e),
                     TEND_EEXIST);
    assert_int_equal(tend_journal_open(t->path, "wrong", 5, &j, &e), TEND_EPASS);
    assert_null(j);
    j = fixture_journal_open(t->path, PASS);
    assert_string_equal(tend_journal_path(j), t->path);
    tend_journal_close(j);
}

static void records_go_in_and_come_out(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_uuid a = fixture_add_entry(j, "first — ü", "family", "one\ntwo\n", 1000);
    tend_uuid b = fixture_add_entry(j, "second", "Sleep", NULL, 3000);
    tend_uuid c = fixture_add_entry(j, "third", NULL, "", 2000);
    tend_journal_close(j);
    j = fixture_journal_open(t->path, PASS);

    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_error e;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.ndamaged, 0);
    assert_string_equal(l.heads[0].title, "second"); /* newest first */
    assert_string_equal(l.heads[1].title, "third");
    assert_string_equal(l.heads[2].title, "first — ü");
    assert_true(tend_uuid_equal(&l.heads[0].uuid, &b));
    assert_int_equal(strlen(l.ids[0]), TEND_SHORT_ID_MIN);
    char hex[TEND_UUID_HEX + 1];
    tend_uuid_hex(&b, hex);
    assert_memory_equal(l.ids[0], hex, TEND_SHORT_ID_MIN);
    tend_head_list_free(&l);

    /* filters */
    tend_filter f = TEND_FILTER_INIT;
    f.tag = "sleep";
    assert_int_equal(tend_journal_list(j, &f, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.heads[0].title, "second");
    tend_head_list_free(&l);
    f.tag = NULL;
    f.since = 1500;
    f.until = 3000;
    assert_int_equal(tend_journal_list(j, &f, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.heads[0].title, "third");
    tend_head_list_free(&l);

    /* full records, by short id */
    tend_uuid found;
    tend_uuid_hex(&a, hex);
    hex[8] = '\0';
    assert_int_equal(tend_journal_find(j, hex, &found, &e), TEND_OK);
    assert_true(tend_uuid_equal(&found, &a));
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_string_equal(r.body, "one\ntwo\n");
    assert_string_equal(r.head.tags[0], "family");
    assert_int_equal(r.head.created, 1000);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &b, &r, &e), TEND_OK);
    assert_null(r.body); /* no body at all */
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &c, &r, &e), TEND_OK);
    assert_non_null(r.body); /* an empty body */
    assert_int_equal(r.body_len, 0);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_find(j, "zz", &found, &e), TEND_EUSAGE);

    /* update keeps created and sets updated */
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_int_equal(tend_head_set_title(&r.head, "first, edited"), TEND_OK);
    r.head.created = 5;
    assert_int_equal(tend_record_set_body(&r, "new", 3), TEND_OK);
    assert_int_equal(tend_journal_update(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_string_equal(r.head.title, "first, edited");
    assert_string_equal(r.body, "new");
    assert_int_equal(r.head.created, 1000);
    assert_true(r.head.updated > 1000);
    /* head only: the body stays */
    r.head.flags |= TEND_FLAG_STARRED;
    assert_int_equal(tend_journal_update_head(j, &r.head, &e), TEND_OK);
    tend_record_clear(&r);
    assert_int_equal(tend_journal_get(j, &a, &r, &e), TEND_OK);
    assert_int_equal(r.head.flags, TEND_FLAG_STARRED);
    assert_string_equal(r.body, "new");
    tend_record_clear(&r);

    /* delete */
    assert_int_equal(tend_journal_delete(j, &b, &e), TEND_OK);
    assert_int_equal(tend_journal_delete(j, &b, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_journal_get(j, &b, &r, &e), TEND_ENOTFOUND);
    size_t n = 0;
    assert_int_equal(tend_journal_count(j, &n, &e), TEND_OK);
    assert_int_equal(n, 2);
    tend_journal_close(j);
}

static tend_status S_collect(void *ctx, const tend_record *rec, const char *sid)
{
    tend_buf *b = ctx;
    (void)sid;
    return tend_buf_printf(b, "%s=%s;", rec->head.title, rec->body ? rec->body : "-");
}

static void each_walks_newest_first_with_bodies(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    fixture_add_entry(j, "a", NULL, "A", 10);
    fixture_add_entry(j, "b", NULL, NULL, 30);
    fixture_add_entry(j, "c", NULL, "C", 20);
    tend_buf b = TEND_BUF_INIT;
    size_t bad = 9;
    tend_error e;
    assert_int_equal(tend_journal_each(j, NULL, true, S_collect, &b, &bad, &e), TEND_OK);
    assert_string_equal(b.data, "b=-;c=C;a=A;");
    assert_int_equal(bad, 0);
    tend_buf_reset(&b);
    assert_int_equal(tend_journal_each(j, NULL, false, S_collect, &b, NULL, &e), TEND_OK);
    assert_string_equal(b.data, "b=-;c=-;a=-;");
    tend_buf_free(&b);
    tend_journal_close(j);
}


/* What a walk saw: its start call and every record, in order. */
typedef struct {
    tend_buf heads;   /* titles given to start */
    tend_buf recs;    /* title=body;... given to fn */
    size_t starts, nstart, damaged_at_start;
    tend_journal *j;
    bool bodies_match; /* each record equals tend_journal_get of it */
    bool ids_match;    /* each short id equals tend_journal_short_id */
} S_walked;

static tend_status S_walk_start(void *ctx, const tend_head *heads, size_t n, size_t ndamaged)
{
    S_walked *w = ctx;
    w->starts++;
    w->nstart = n;
    w->damaged_at_start = ndamaged;
    for (size_t i = 0; i < n; i++)
        if (tend_buf_printf(&w->heads, "%s;", heads[i].title) != TEND_OK)
            return TEND_ENOMEM;
    return TEND_OK;
}

static tend_status S_walk_rec(void *ctx, const tend_record *rec, const char *sid)
{
    S_walked *w = ctx;
    tend_record got = TEND_RECORD_INIT;
    tend_error e;
    if (tend_journal_get(w->j, &rec->head.uuid, &got, &e) != TEND_OK ||
        strcmp(got.head.title, rec->head.title) != 0 || got.head.created != rec->head.created ||
        (got.body == NULL) != (rec->body == NULL) || got.body_len != rec->body_len ||
        (got.body && memcmp(got.body, rec->body, got.body_len) != 0))
        w->bodies_match = false;
    tend_record_clear(&got);
    char want[TEND_UUID_HEX + 1];
    if (tend_journal_short_id(w->j, &rec->head.uuid, want, &e) != TEND_OK ||
        strcmp(want, sid) != 0)
        w->ids_match = false;
    return tend_buf_printf(&w->recs, "%s=%s;", rec->head.title, rec->body ? rec->body : "-");
}

static void S_walked_free(S_walked *w)
{
    tend_buf_free(&w->heads);
    tend_buf_free(&w->recs);
}

/* tend_journal_walk: one pass over the heads, then the bodies by row, in
 * either order, with the heads handed to start first; the same records,
 * bodies and short ids as reading each one on its own. */
static void walk_gives_heads_then_records_in_order(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    fixture_add_entry(j, "a", NULL, "A", 10);
    fixture_add_entry(j, "b", NULL, NULL, 30);
    fixture_add_entry(j, "c", "x", "C", 20);
    fixture_add_entry(j, "d", NULL, "", 20); /* same created as c: newest added first / uuid order */
    tend_error e;
    tend_walk how = TEND_WALK_INIT;
    how.with_body = true;
    how.start = S_walk_start;
    S_walked w = { TEND_BUF_INIT, TEND_BUF_INIT, 0, 0, 9, j, true, true };
    size_t bad = 9;
    assert_int_equal(tend_journal_walk(j, &how, S_walk_rec, &w, &bad, &e), TEND_OK);
    assert_int_equal(w.starts, 1);
    assert_int_equal(w.nstart, 4);
    assert_int_equal(w.damaged_at_start, 0);
    assert_int_equal(bad, 0);
    assert_string_equal(w.heads.data, "b;d;c;a;");
    assert_string_equal(w.recs.data, "b=-;d=;c=C;a=A;");
    assert_true(w.bodies_match);
    assert_true(w.ids_match);
    S_walked_free(&w);

    /* Oldest first: created, then uuid bytes (tend_record_set_sort). */
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    const tend_uuid *c = &l.heads[2].uuid, *d = &l.heads[1].uuid;
    const char *tie = memcmp(c->b, d->b, 16) < 0 ? "a;c;d;b;" : "a;d;c;b;";
    tend_head_list_free(&l);
    how.order = TEND_ORDER_OLDEST_FIRST;
    S_walked w2 = { TEND_BUF_INIT, TEND_BUF_INIT, 0, 0, 9, j, true, true };
    assert_int_equal(tend_journal_walk(j, &how, S_walk_rec, &w2, NULL, &e), TEND_OK);
    assert_string_equal(w2.heads.data, tie);
    assert_true(w2.bodies_match);
    S_walked_free(&w2);

    /* A filter, and no bodies: heads only, lent as they are. */
    tend_filter f = TEND_FILTER_INIT;
    f.tag = "X";
    how.filter = &f;
    how.with_body = false;
    S_walked w3 = { TEND_BUF_INIT, TEND_BUF_INIT, 0, 0, 9, j, true, true };
    assert_int_equal(tend_journal_walk(j, &how, S_walk_rec, &w3, NULL, &e), TEND_OK);
    assert_string_equal(w3.heads.data, "c;");
    assert_string_equal(w3.recs.data, "c=-;");
    S_walked_free(&w3);
    tend_journal_close(j);
}

static tend_status S_walk_stop(void *ctx, const tend_head *heads, size_t n, size_t ndamaged)
{
    (void)ctx;
    (void)heads;
    (void)n;
    (void)ndamaged;
    return TEND_ECANCEL;
}

/* A start that says no stops the walk before any record; a damaged body is
 * counted and skipped, a damaged head counted before start. */
static void walk_stops_and_counts_damage(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_uuid hb = fixture_add_entry(j, "head-bad", NULL, "H", 10);
    tend_uuid bb = fixture_add_entry(j, "body-bad", NULL, "B", 20);
    fixture_add_entry(j, "good", NULL, "G", 30);
    tend_error e;
    tend_walk how = TEND_WALK_INIT;
    how.with_body = true;
    how.start = S_walk_stop;
    S_walked w = { TEND_BUF_INIT, TEND_BUF_INIT, 0, 0, 9, j, true, true };
    assert_int_equal(tend_journal_walk(j, &how, S_walk_rec, &w, NULL, &e), TEND_ECANCEL);
    assert_null(w.recs.data);
    tend_journal_close(j);

    /* Swap the sealed heads of two records and the body of another in: each
     * fails to open under its own uuid. */
    tend_buf h1 = TEND_BUF_INIT, b1 = TEND_BUF_INIT, h2 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    fixture_raw_get(t->path, &hb, &h1, &b1);
    fixture_raw_get(t->path, &bb, &h2, &b2);
    fixture_raw_put(t->path, &hb, &h2, &b1);  /* head of another record: damaged head */
    fixture_raw_put(t->path, &bb, &h2, &b1);  /* own head, another's body: damaged body */
    j = fixture_journal_open(t->path, PASS);
    how.start = S_walk_start;
    w.j = j;
    size_t bad = 0;
    assert_int_equal(tend_journal_walk(j, &how, S_walk_rec, &w, &bad, &e), TEND_OK);
    assert_int_equal(w.damaged_at_start, 1); /* the head, known before any body */
    assert_int_equal(bad, 2);                /* and the body */
    assert_string_equal(w.heads.data, "good;body-bad;");
    assert_string_equal(w.recs.data, "good=G;");
    size_t bad_each = 0;
    tend_buf b = TEND_BUF_INIT;
    assert_int_equal(tend_journal_each(j, NULL, true, S_collect, &b, &bad_each, &e), TEND_OK);
    assert_int_equal(bad_each, 2);
    assert_string_equal(b.data, "good=G;");
    tend_buf_free(&b);
    S_walked_free(&w);
    tend_buf_free(&h1);
    tend_buf_free(&b1);
    tend_buf_free(&h2);
    tend_buf_free(&b2);
    tend_journal_close(j);
}

/* Titles of a head list, "t1;t2;...". */
static void S_titles(const tend_head_list *l, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < l->n && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s;", l->heads[i].title);
}

/* Lists come newest first (ties: newest added first) whatever order the
 * records were stored in: already in order, in reverse, or shuffled, which
 * the list sorts three different ways. tend_journal_heads gives the same
 * heads without ids; the ids of tend_journal_list are those of
 * tend_journal_short_id and tend_journal_short_ids. */
static void lists_sort_any_stored_order(void **state)
{
    fixture_tmp *t = *state;
    static const struct {
        const char *titles; /* one letter per record, added in this order */
        int64_t created[6];
        const char *want;
    } cases[] = {
        { "abcdef", { 10, 20, 30, 40, 50, 60 }, "f;e;d;c;b;a;" },  /* ascending */
        { "abcdef", { 60, 50, 40, 30, 20, 10 }, "a;b;c;d;e;f;" },  /* descending */
        { "abcdef", { 30, 10, 60, 20, 50, 40 }, "c;e;f;a;d;b;" },  /* shuffled */
        { "abcdef", { 10, 20, 20, 30, 20, 10 }, "d;e;c;b;f;a;" },  /* ties */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        unlink(t->path);
        tend_journal *j = fixture_journal_create(t->path, PASS);
        tend_uuid ids[6];
        for (int i = 0; i < 6; i++) {
            char title[2] = { cases[c].titles[i], '\0' };
            ids[i] = fixture_add_entry(j, title, NULL, "x", cases[c].created[i]);
        }
        tend_error e;
        tend_head_list l = TEND_HEAD_LIST_INIT, h = TEND_HEAD_LIST_INIT;
        assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
        assert_int_equal(tend_journal_heads(j, NULL, &h, &e), TEND_OK);
        char got[64];
        S_titles(&l, got, sizeof got);
        assert_string_equal(got, cases[c].want);
        S_titles(&h, got, sizeof got);
        assert_string_equal(got, cases[c].want);
        assert_null(h.ids);
        assert_non_null(l.ids);
        for (size_t i = 0; i < l.n; i++) {
            assert_memory_equal(l.heads[i].uuid.b, h.heads[i].uuid.b, 16);
            char one[TEND_UUID_HEX + 1];
            assert_int_equal(tend_journal_short_id(j, &l.heads[i].uuid, one, &e), TEND_OK);
            assert_string_equal(one, l.ids[i]);
        }
        char many[6][TEND_UUID_HEX + 1];
        assert_int_equal(tend_journal_short_ids(j, ids, 6, many, &e), TEND_OK);
        for (size_t i = 0; i < 6; i++) {
            char one[TEND_UUID_HEX + 1];
            assert_int_equal(tend_journal_short_id(j, &ids[i], one, &e), TEND_OK);
            assert_string_equal(many[i], one);
        }
        tend_head_list_free(&l);
        tend_head_list_free(&h);
        tend_journal_close(j);
    }
}

/* What a scan saw. */
typedef struct {
    tend_buf recs;     /* title=body; in the order given */
    int64_t last;      /* the last added number */
    bool rising;       /* added grew from one record to the next */
    size_t stop_after; /* 0: never stop */
    size_t n;
} S_scanned;

static tend_status S_scan_rec(void *ctx, const tend_record *rec, int64_t added)
{
    S_scanned *sc = ctx;
    if (sc->n && added <= sc->last)
        sc->rising = false;
    sc->last = added;
    sc->n++;
    if (rec->body && rec->body[rec->body_len] != '\0')
        return TEND_EINVAL; /* a body is always NUL-terminated */
    tend_status st = tend_buf_printf(&sc->recs, "%s=%s;", rec->head.title,
                                     rec->body ? rec->body : "-");
    if (st == TEND_OK && sc->stop_after && sc->n == sc->stop_after)
        return TEND_ECANCEL;
    return st;
}

/* tend_journal_scan: every record passing the filter once, in the order
 * stored, body included (also one whose payload holds unknown items next
 * to the text), added rising; a filter, a stop, and damaged records
 * counted and skipped. */
static void scan_gives_each_record_once_in_stored_order(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_uuid hb = fixture_add_entry(j, "head-bad", NULL, "H", 30);
    tend_uuid bb = fixture_add_entry(j, "body-bad", "t", "B", 10);
    fixture_add_entry(j, "none", "t", NULL, 20);
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    r.head.created = r.head.updated = 5;
    assert_int_equal(tend_head_set_title(&r.head, "extra"), TEND_OK);
    assert_int_equal(tend_record_set_body(&r, "E", 1), TEND_OK);
    const unsigned char future[] = { 40, 2, 'z', 'z' }; /* an item a newer tend wrote */
    r.body_extra = malloc(sizeof future);
    assert_non_null(r.body_extra);
    memcpy(r.body_extra, future, sizeof future);
    r.body_extra_len = sizeof future;
    tend_uuid_random(r.head.uuid.b);
    tend_error e;
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    tend_record s = TEND_RECORD_INIT;
    s.head.kind = TEND_KIND_SETTINGS; /* not an entry or check-in: left out */
    assert_int_equal(tend_head_set_title(&s.head, "settings"), TEND_OK);
    assert_int_equal(tend_journal_add(j, &s, &e), TEND_OK);
    tend_record_clear(&s);

    S_scanned sc = { TEND_BUF_INIT, 0, true, 0, 0 };
    size_t bad = 9;
    assert_int_equal(tend_journal_scan(j, NULL, S_scan_rec, &sc, &bad, &e), TEND_OK);
    assert_string_equal(sc.recs.data, "head-bad=H;body-bad=B;none=-;extra=E;");
    assert_true(sc.rising);
    assert_int_equal(bad, 0);
    tend_buf_free(&sc.recs);

    tend_filter f = TEND_FILTER_INIT;
    f.tag = "T";
    S_scanned sf = { TEND_BUF_INIT, 0, true, 0, 0 };
    assert_int_equal(tend_journal_scan(j, &f, S_scan_rec, &sf, NULL, &e), TEND_OK);
    assert_string_equal(sf.recs.data, "body-bad=B;none=-;");
    tend_buf_free(&sf.recs);

    S_scanned ss = { TEND_BUF_INIT, 0, true, 2, 0 };
    assert_int_equal(tend_journal_scan(j, NULL, S_scan_rec, &ss, NULL, &e), TEND_ECANCEL);
    assert_int_equal(ss.n, 2);
    tend_buf_free(&ss.recs);
    tend_journal_close(j);

    /* another record's head under hb, another's body under bb */
    tend_buf h1 = TEND_BUF_INIT, b1 = TEND_BUF_INIT, h2 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    fixture_raw_get(t->path, &hb, &h1, &b1);
    fixture_raw_get(t->path, &bb, &h2, &b2);
    fixture_raw_put(t->path, &hb, &h2, &b1);
    fixture_raw_put(t->path, &bb, &h2, &b1);
    j = fixture_journal_open(t->path, PASS);
    S_scanned sd = { TEND_BUF_INIT, 0, true, 0, 0 };
    assert_int_equal(tend_journal_scan(j, NULL, S_scan_rec, &sd, &bad, &e), TEND_OK);
    assert_int_equal(bad, 2);
    assert_string_equal(sd.recs.data, "none=-;extra=E;");
    tend_buf_free(&sd.recs);
    tend_buf_free(&h1);
    tend_buf_free(&b1);
    tend_buf_free(&h2);
    tend_buf_free(&b2);
    tend_journal_close(j);
}

static void short_ids_lengthen_only_when_shared(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    /* import two records whose uuids share 10 hex digits */
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    r.head.created = r.head.updated = 100;
    assert_int_equal(tend_head_set_title(&r.head, "x"), TEND_OK);
    const unsigned char u1[16] = { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x40, 1 };
    const unsigned char u2[16] = { 0xab, 0xcd, 0xef, 0x01, 0x23, 0x4f, 2 };
    tend_error e;
    memcpy(r.head.uuid.b, u1, 16);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_OK);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_EEXIST);
    memcpy(r.head.uuid.b, u2, 16);
    assert_int_equal(tend_journal_insert(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
    tend_uuid other = fixture_add_entry(j, "other", NULL, NULL, 0);
    char sid[TEND_UUID_HEX + 1];
    tend_uuid a;
    memcpy(a.b, u1, 16);
    assert_int_equal(tend_journal_short_id(j, &a, sid, &e), TEND_OK);
    assert_string_equal(sid, "abcdef012340");
    assert_int_equal(tend_journal_short_id(j, &other, sid, &e), TEND_OK);
    assert_int_equal(strlen(sid), TEND_SHORT_ID_MIN);
    tend_uuid found;
    assert_int_equal(tend_journal_find(j, "abcdef0123", &found, &e), TEND_EINVAL);
    assert_int_equal(tend_journal_find(j, "ABCDEF01234F", &found, &e), TEND_OK);
    assert_memory_equal(found.b, u2, 16);
    tend_journal_close(j);
}

static void singletons_are_kept_once(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_record r = TEND_RECORD_INIT;
    tend_error e;
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    r.head.kind = TEND_KIND_SETTINGS;
    assert_int_equal(tend_head_set_field(&r.head, "region", "uk"), TEND_OK);
    assert_int_equal(tend_journal_singleton_put(j, &r, &e), TEND_OK);
    tend_uuid first = r.head.uuid;
    assert_int_equal(tend_head_set_field(&r.head, "region", "ie"), TEND_OK);
    assert_int_equal(tend_journal_singleton_put(j, &r, &e), TEND_OK);
    assert_true(tend_uuid_equal(&first, &r.head.uuid));
    tend_record_clear(&r);
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_OK);
    assert_string_equal(tend_head_field(&r.head, "region"), "ie");
    tend_record_clear(&r);
    /* singletons stay out of the default list */
    fixture_add_entry(j, "entry", NULL, NULL, 0);
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1);
    tend_head_list_free(&l);
    size_t n;
    assert_int_equal(tend_journal_count(j, &n, &e), TEND_OK);
    assert_int_equal(n, 2);
    assert_int_equal(tend_journal_singleton_delete(j, TEND_KIND_SETTINGS, &e), TEND_OK);
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_journal_singleton_delete(j, TEND_KIND_SETTINGS, &e), TEND_OK);
    tend_journal_close(j);
}

static void passwd_rekey_and_backup_keep_the_data(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    fixture_add_entry(j, "kept", "t", "body text", 0);
    tend_error e;
    assert_int_equal(tend_journal_passwd(j, "", 0, &e), TEND_EINVAL);
    assert_int_equal(tend_journal_passwd(j, "new pass", 8, &e), TEND_OK);
    assert_int_equal(tend_journal_rekey(j, &e), TEND_OK); /* after passwd, on the same handle */
    assert_int_equal(S_count_titles(j, "kept"), 1);
    char backup[160];
    snprintf(backup, sizeof backup, "%s/backup.db", t->dir);
    assert_int_equal(tend_journal_backup(j, backup, &e), TEND_OK);
    assert_int_equal(tend_journal_backup(j, backup, &e), TEND_EEXIST);
    tend_journal_close(j);
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_EPASS);
    j = fixture_journal_open(t->path, "new pass");
    assert_int_equal(S_count_titles(j, "kept"), 1);
    size_t bad = 1;
    assert_int_equal(tend_journal_verify(j, NULL, NULL, &bad, &e), TEND_OK);
    assert_int_equal(bad, 0);
    tend_journal_close(j);
    assert_int_equal(tend_journal_open(backup, "new pass", 8, &j, &e), TEND_OK);
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_singleton_get(j, TEND_KIND_SETTINGS, &r, &e), TEND_ENOTFOUND);
    assert_int_equal(S_count_titles(j, "kept"), 1);
    tend_journal_close(j);
}

/* A rekey of more records than one of its steps holds (256): every record
 * moves to the new key; a damaged record in a late step stops it, and the
 * records of the steps already written are as they were (one
 * transaction). */
static void rekey_goes_in_steps(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_error e;
    assert_int_equal(tend_journal_begin(j, &e), TEND_OK);
    tend_uuid first = fixture_add_entry(j, "r0", NULL, "body 0", 1000);
    tend_uuid late = first, other = first;
    for (int i = 1; i < 600; i++) {
        char title[16], body[32];
        snprintf(title, sizeof title, "r%d", i);
        snprintf(body, sizeof body, "body %d", i);
        tend_uuid u = fixture_add_entry(j, title, NULL, body, 1000 + i);
        if (i == 550)
            late = u;
        if (i == 551)
            other = u;
    }
    assert_int_equal(tend_journal_commit(j, &e), TEND_OK);
    assert_int_equal(tend_journal_rekey(j, &e), TEND_OK);
    tend_journal_close(j);
    j = fixture_journal_open(t->path, PASS);
    size_t bad = 9;
    assert_int_equal(tend_journal_verify(j, NULL, NULL, &bad, &e), TEND_OK);
    assert_int_equal(bad, 0);
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, &late, &r, &e), TEND_OK);
    assert_string_equal(r.body, "body 550");
    tend_record_clear(&r);
    tend_journal_close(j);

    /* another record's head under late: a damaged record in the third step */
    tend_buf h1 = TEND_BUF_INIT, b1 = TEND_BUF_INIT, h2 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    tend_buf f1 = TEND_BUF_INIT, fb1 = TEND_BUF_INIT, f2 = TEND_BUF_INIT, fb2 = TEND_BUF_INIT;
    fixture_raw_get(t->path, &late, &h1, &b1);
    fixture_raw_get(t->path, &other, &h2, &b2);
    fixture_raw_put(t->path, &late, &h2, &b1);
    fixture_raw_get(t->path, &first, &f1, &fb1);
    j = fixture_journal_open(t->path, PASS);
    assert_int_equal(tend_journal_rekey(j, &e), TEND_EDAMAGED);
    /* the handle goes on working with the old key */
    assert_int_equal(tend_journal_get(j, &first, &r, &e), TEND_OK);
    assert_string_equal(r.body, "body 0");
    tend_record_clear(&r);
    tend_journal_close(j);
    fixture_raw_get(t->path, &first, &f2, &fb2);
    assert_int_equal(f1.len, f2.len);
    assert_memory_equal(f1.data, f2.data, f1.len); /* the first step was rolled back */
    j = fixture_journal_open(t->path, PASS);
    assert_int_equal(tend_journal_verify(j, NULL, NULL, &bad, &e), TEND_EDAMAGED);
    assert_int_equal(bad, 1);
    tend_journal_close(j);
    tend_buf_free(&h1);
    tend_buf_free(&b1);
    tend_buf_free(&h2);
    tend_buf_free(&b2);
    tend_buf_free(&f1);
    tend_buf_free(&fb1);
    tend_buf_free(&f2);
    tend_buf_free(&fb2);
}

static void a_batch_is_all_or_nothing(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_error e;
    assert_int_equal(tend_journal_begin(j, &e), TEND_OK);
    assert_int_equal(tend_journal_begin(j, &e), TEND_EINVAL);
    fixture_add_entry(j, "one", NULL, NULL, 0);
    fixture_add_entry(j, "two", NULL, NULL, 0);
    tend_journal_rollback(j);
    assert_int_equal(S_count_titles(j, NULL), 0);
    assert_int_equal(tend_journal_begin(j, &e), TEND_OK);
    fixture_add_entry(j, "one", NULL, NULL, 0);
    assert_int_equal(tend_journal_commit(j, &e), TEND_OK);
    assert_int_equal(S_count_titles(j, NULL), 1);
    tend_journal_close(j);
}

/* ---- tamper: every flipped byte is caught ---------------------------------------- */

typedef struct {
    tend_uuid named[4];
    size_t n;
} S_named;

static void S_note(void *ctx, const tend_uuid *id, const char *sid, const char *what)
{
    S_named *n = ctx;
    (void)sid;
    (void)what;
    if (n->n < 4)
        n->named[n->n] = *id;
    n->n++;
}

/* With record bad tampered: verify names exactly it, the others list and
 * read. */
static void S_expect_only(const fixture_tmp *t, const tend_uuid *bad, const tend_uuid *good,
                          const char *good_body)
{
    tend_journal *j = fixture_journal_open(t->path, PASS);
    S_named n = { .n = 0 };
    tend_error e;
    size_t count = 0;
    assert_int_equal(tend_journal_verify(j, S_note, &n, &count, &e), TEND_EDAMAGED);
    assert_int_equal(n.n, 1);
    assert_int_equal(count, 1);
    assert_true(tend_uuid_equal(&n.named[0], bad));
    tend_record r = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_get(j, bad, &r, &e), TEND_EDAMAGED);
    assert_int_equal(tend_journal_get(j, good, &r, &e), TEND_OK);
    assert_string_equal(r.body, good_body);
    tend_record_clear(&r);
    tend_journal_close(j);
}

static void every_flipped_byte_is_detected(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_uuid bad = fixture_add_entry(j, "target", "tag", "target body", 0);
    tend_uuid good = fixture_add_entry(j, "good", NULL, "good body", 0);
    tend_journal_close(j);
    tend_buf head = TEND_BUF_INIT, body = TEND_BUF_INIT, h2 = TEND_BUF_INIT, b2 = TEND_BUF_INIT;
    fixture_raw_get(t->path, &bad, &head, &body);
    assert_int_equal(head.len, tend_vault_sealed_len(1));
    for (int field = 0; field < 2; field++) {
        tend_buf *orig = field ? &body : &head;
        for (size_t i = 0; i < orig->len; i++) {
            tend_buf_reset(&h2);
            tend_buf_reset(&b2);
            assert_int_equal(tend_buf_append(&h2, head.data, head.len), TEND_OK);
            assert_int_equal(tend_buf_append(&b2, body.data, body.len), TEND_OK);
            tend_buf *x = field ? &b2 : &h2;
            x->data[i] ^= (char)(1u << (i % 8));
            fixture_raw_put(t->path, &bad, &h2, &b2);
            j = fixture_journal_open(t->path, PASS);
            size_t count = 0;
            tend_error e;
            tend_head_list l = TEND_HEAD_LIST_INIT;
            if (tend_journal_verify(j, NULL, NULL, &count, &e) != TEND_EDAMAGED || count != 1)
                fail_msg("a flip of byte %zu of the %s was not caught", i, field ? "body" : "head");
            assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
            assert_int_equal(l.n, field ? 2 : 1); /* a bad body still lists */
            assert_int_equal(l.ndamaged, field ? 0 : 1);
            tend_head_list_free(&l);
            tend_journal_close(j);
        }
    }
    /* one flip of each, then verify names the record and the other reads */
    tend_buf_reset(&h2);
    assert_int_equal(tend_buf_append(&h2, head.data, head.len), TEND_OK);
    h2.data[100] ^= 0x40;
    fixture_raw_put(t->path, &bad, &h2, &body);
    S_expect_only(t, &bad, &good, "good body");
    /* the original bytes still open: nothing else changed */
    fixture_raw_put(t->path, &bad, &head, &body);
    j = fixture_journal_open(t->path, PASS);
    tend_error e;
    assert_int_equal(tend_journal_verify(j, NULL, NULL, NULL, &e), TEND_OK);
    tend_journal_close(j);

    /* every byte of the wrapped key */
    tend_store *s = NULL;
    tend_vault_header hdr, bent;
    assert_int_equal(tend_store_open(t->path, &s, &e), TEND_OK);
    assert_int_equal(tend_store_header_get(s, &hdr, &e), TEND_OK);
    for (size_t i = 0; i < sizeof hdr.wrapped; i++) {
        bent = hdr;
        bent.wrapped[i] ^= (uint8_t)(1u << (i % 8));
        assert_int_equal(tend_store_header_put(s, &bent, &e), TEND_OK);
        tend_store_close(s);
        j = NULL;
        if (tend_journal_open(t->path, PASS, PASSLEN, &j, &e) != TEND_EPASS)
            fail_msg("a flip of byte %zu of the wrapped key was not caught", i);
        assert_null(j);
        assert_int_equal(tend_store_open(t->path, &s, &e), TEND_OK);
    }
    /* and of the salt */
    bent = hdr;
    bent.salt[3] ^= 1;
    assert_int_equal(tend_store_header_put(s, &bent, &e), TEND_OK);
    tend_store_close(s);
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &j, &e), TEND_EPASS);
    tend_buf_free(&head);
    tend_buf_free(&body);
    tend_buf_free(&h2);
    tend_buf_free(&b2);
}

static void blobs_moved_between_rows_are_detected(void **state)
{
    fixture_tmp *t = *state;
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_uuid a = fixture_add_entry(j, "a", NULL, "body a", 0);
    tend_uuid b = fixture_add_entry(j, "b", NULL, "body b", 0);
    tend_journal_close(j);
    tend_buf ha = TEND_BUF_INIT, ba = TEND_BUF_INIT, hb = TEND_BUF_INIT, bb = TEND_BUF_INIT;
    fixture_raw_get(t->path, &a, &ha, &ba);
    fixture_raw_get(t->path, &b, &hb, &bb);
    /* a's head into b's row */
    fixture_raw_put(t->path, &b, &ha, &bb);
    S_expect_only(t, &b, &a, "body a");
    fixture_raw_put(t->path, &b, &hb, &bb);
    /* head and body swapped within a row (same size after padding) */
    fixture_raw_put(t->path, &b, &bb, &hb);
    S_expect_only(t, &b, &a, "body a");
    tend_buf_free(&ha);
    tend_buf_free(&ba);
    tend_buf_free(&hb);
    tend_buf_free(&bb);
}

/* True when needle[0..n) occurs in hay[0..len). */
static bool S_contains(const char *hay, size_t len, const void *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return true;
    return false;
}

static void nothing_readable_is_left_after_a_delete(void **state)
{
    fixture_tmp *t = *state;
    const char *marker = "ZQXMARKER71";
    tend_journal *j = fixture_journal_create(t->path, PASS);
    tend_record r = TEND_RECORD_INIT;
    r.head.kind = TEND_KIND_ENTRY;
    assert_int_equal(tend_head_set_title(&r.head, marker), TEND_OK);
    assert_int_equal(tend_head_add_tag(&r.head, marker), TEND_OK);
    assert_int_equal(tend_record_set_body(&r, marker, strlen(marker)), TEND_OK);
    tend_error e;
    assert_int_equal(tend_journal_add(j, &r, &e), TEND_OK);
    tend_buf sealed = TEND_BUF_INIT, sb = TEND_BUF_INIT;
    tend_journal_close(j);
    fixture_raw_get(t->path, &r.head.uuid, &sealed, &sb);
    j = fixture_journal_open(t->path, PASS);
    assert_int_equal(tend_journal_delete(j, &r.head.uuid, &e), TEND_OK);
    tend_journal_close(j);
    /* neither the marker nor the sealed bytes of the deleted record remain */
    char folder[160];
    fixture_path(t, "j", folder, sizeof folder);
    tend_buf all = TEND_BUF_INIT; /* every file beside the journal, and it */
    DIR *d = opendir(folder);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char file[420];
        snprintf(file, sizeof file, "%s/%s", folder, de->d_name);
        size_t len;
        char *bytes = fixture_slurp(file, &len);
        assert_int_equal(tend_buf_append(&all, bytes, len), TEND_OK);
        free(bytes);
    }
    closedir(d);
    assert_true(all.len > 0);
    assert_false(S_contains(all.data, all.len, marker, strlen(marker)));
    /* the deleted record's sealed bytes are overwritten, not just unlinked */
    assert_false(S_contains(all.data, all.len, sealed.data + 24, 32));
    assert_false(S_contains(all.data, all.len, sb.data + 24, 32));
    tend_buf_free(&all);
    tend_buf_free(&sealed);
    tend_buf_free(&sb);
    tend_record_clear(&r);
}

/* ---- crash safety --------------------------------------------------------------- */

typedef enum { OP_ADD, OP_PASSWD, OP_REKEY } S_op;

/* Runs op on an open journal holding one record "old". */
static tend_status S_run(tend_journal *j, S_op op)
{
    tend_error e;
    switch (op) {
    case OP_ADD: {
        tend_record r = TEND_RECORD_INIT;
        r.head.kind = TEND_KIND_ENTRY;
        tend_status st = tend_head_set_title(&r.head, "new");
        if (st == TEND_OK)
            st = tend_record_set_body(&r, "new body", 8);
        if (st == TEND_OK)
            st = tend_journal_add(j, &r, &e);
        tend_record_clear(&r);
        return st;
    }
    case OP_PASSWD:
        return tend_journal_passwd(j, "other", 5, &e);
    case OP_REKEY:
    default:
        return tend_journal_rekey(j, &e);
    }
}

/* After a crash during op, the journal must open in the old or new state. */
static void S_check_after(const fixture_tmp *t, S_op op, bool succeeded)
{
    tend_journal *j = NULL;
    tend_error e;
    tend_status st = tend_journal_open(t->path, PASS, PASSLEN, &j, &e);
    bool new_pass = false;
    if (op == OP_PASSWD && st == TEND_EPASS) {
        st = tend_journal_open(t->path, "other", 5, &j, &e);
        new_pass = true;
    }
    if (st != TEND_OK)
        fail_msg("journal does not open after a crash: %s", e.msg);
    if (op == OP_PASSWD && succeeded && !new_pass)
        fail_msg("passwd reported success but the old passphrase still opens");
    size_t bad = 0;
    if (tend_journal_verify(j, NULL, NULL, &bad, &e) != TEND_OK)
        fail_msg("verify after a crash: %s", e.msg);
    assert_int_equal(S_count_titles(j, "old"), 1);
    size_t nnew = S_count_titles(j, "new");
    assert_true(nnew <= 1);
    if (op == OP_ADD && succeeded)
        assert_int_equal(nnew, 1);
    if (op != OP_ADD)
        assert_int_equal(nnew, 0);
    tend_record r = TEND_RECORD_INIT;
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_list(j, NULL, &l, &e), TEND_OK);
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(tend_journal_get(j, &l.heads[i].uuid, &r, &e), TEND_OK);
        assert_string_equal(r.body, strcmp(r.head.title, "old") == 0 ? "old body" : "new body");
        tend_record_clear(&r);
    }
    tend_head_list_free(&l);
    tend_journal_close(j);
}

static void S_crash_loop(const fixture_tmp *t, S_op op, tend_fault_kind kind)
{
    char folder[200];
    fixture_path(t, "j", folder, sizeof folder);
    for (long n = 1; n < 500; n++) {
        fixture_rm_rf(folder);
        tend_journal *j = fixture_journal_create(t->path, PASS);
        fixture_add_entry(j, "old", NULL, "old body", 0);
        tend_fault_arm(kind, n, true);
        tend_status st = S_run(j, op);
        bool fired = tend_fault_fired();
        tend_journal_close(j); /* still "crashed": nothing more reaches the disk */
        tend_fault_disarm();
        S_check_after(t, op, st == TEND_OK);
        if (!fired) {
            assert_int_equal(st, TEND_OK);
            assert_true(n > 1); /* the operation did reach the disk */
            if (getenv("TEND_TEST_VERBOSE"))
                fprintf(stderr, "# %ld faults\n", n - 1);
            return;
        }
    }
    fail_msg("the operation never finished without a fault");
}

static void crash_at_every_write_of_an_add(void **state)
{
    S_crash_loop(*state, OP_ADD, TEND_FAULT_ANY);
}

static void crash_at_every_write_of_a_passwd(void **state)
{
    S_crash_loop(*state, OP_PASSWD, TEND_FAULT_ANY);
}

static void crash_at_every_write_of_a_rekey(void **state)
{
    S_crash_loop(*state, OP_REKEY, TEND_FAULT_ANY);
}

static void crash_at_every_sync_of_a_rekey(void **state)
{
    S_crash_loop(*state, OP_REKEY, TEND_FAULT_SYNC);
}

/* A test run in a fresh fixture_tmp (fixture.h). */
#define WITH_TMP(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        WITH_TMP(create_open_and_the_ways_open_fails),
        WITH_TMP(records_go_in_and_come_out),
        WITH_TMP(each_walks_newest_first_with_bodies),
        WITH_TMP(walk_gives_heads_then_records_in_order),
        WITH_TMP(walk_stops_and_counts_damage),
        WITH_TMP(short_ids_lengthen_only_when_shared),
        WITH_TMP(lists_sort_any_stored_order),
        WITH_TMP(scan_gives_each_record_once_in_stored_order),
        WITH_TMP(singletons_are_kept_once),
        WITH_TMP(passwd_rekey_and_backup_keep_the_data),
        WITH_TMP(rekey_goes_in_steps),
        WITH_TMP(a_batch_is_all_or_nothing),
        WITH_TMP(every_flipped_byte_is_detected),
        WITH_TMP(blobs_moved_between_rows_are_detected),
        WITH_TMP(nothing_readable_is_left_after_a_delete),
        WITH_TMP(crash_at_every_write_of_an_add),
        WITH_TMP(crash_at_every_write_of_a_passwd),
        WITH_TMP(crash_at_every_write_of_a_rekey),
        WITH_TMP(crash_at_every_sync_of_a_rekey),
    };
    return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
