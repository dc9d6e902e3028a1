/*
 * test_kinds.c — the record kinds of src/kinds, without a terminal: for
 * settings, reading positions, the entry and its draft, the safety plan,
 * contacts and tool ratings, each struct written into a record, through
 * the binary codec and back; every field's range below, at and above each
 * bound (validate, and check as import will use it); the lenient reading
 * of odd values; fields of unknown keys and the rest of a record kept
 * through a round trip; and load/store through a real journal in a
 * temporary folder. No error message repeats a value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tend/contacts.h"
#include "tend/codec.h"
#include "tend/content.h"
#include "tend/content_data.h"
#include "tend/draft.h"
#include "tend/entry.h"
#include "tend/journal.h"
#include "tend/reading.h"
#include "tend/safety_plan.h"
#include "tend/settings.h"
#include "tend/tool_rating.h"

#define PASS "correct horse"
#define PASSLEN (sizeof PASS - 1)

/* ---- helpers ------------------------------------------------------------------ */

/* The head's fields as "key=value;" text (static buffer). */
static const char *S_fields(const tend_head *h)
{
    static char out[16384];
    out[0] = '\0';
    for (size_t i = 0; i < h->nfields; i++) {
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s=%s;", h->fields[i].key, h->fields[i].value);
    }
    return out;
}

/* Encodes r with the record codec and decodes it into *out (uuid kept),
 * as the journal would store and read it. */
static void S_codec(const tend_record *r, tend_record *out)
{
    tend_buf h = TEND_BUF_INIT, b = TEND_BUF_INIT;
    *out = (tend_record)TEND_RECORD_INIT;
    assert_int_equal(tend_head_encode(&r->head, &h, NULL), TEND_OK);
    assert_int_equal(tend_head_decode((const unsigned char *)h.data, h.len, &out->head, NULL),
                     TEND_OK);
    if (r->body) {
        assert_int_equal(tend_body_encode(r, &b, NULL), TEND_OK);
        assert_int_equal(tend_body_decode((const unsigned char *)b.data, b.len, out, NULL), TEND_OK);
    }
    out->head.uuid = r->head.uuid;
    tend_buf_free(&h);
    tend_buf_free(&b);
}

/* A record of kind with the fields given as key, value pairs (NULL ends). */
static void S_record(tend_record *r, uint32_t kind, ...)
{
    *r = (tend_record)TEND_RECORD_INIT;
    r->head.kind = kind;
    r->head.created = 1767254400;
    va_list ap;
    va_start(ap, kind);
    const char *k;
    while ((k = va_arg(ap, const char *)) != NULL) {
        const char *v = va_arg(ap, const char *);
        assert_int_equal(tend_head_add_field(&r->head, k, v), TEND_OK);
    }
    va_end(ap);
}

/* Asserts st is TEND_EINVAL with a message that contains want and no
 * escape byte (values are never repeated). */
static void S_refused(tend_status st, const tend_error *e, const char *want)
{
    assert_int_equal(st, TEND_EINVAL);
    if (!strstr(e->msg, want))
        fail_msg("message \"%s\" does not name \"%s\"", e->msg, want);
    assert_null(strchr(e->msg, 0x1b));
}

/* A string of n copies of c (static buffer; n < 1024). */
static const char *S_repeat(char c, size_t n)
{
    static char buf[1024];
    assert_true(n < sizeof buf);
    memset(buf, c, n);
    buf[n] = '\0';
    return buf;
}

/* A temporary folder with a journal in it, open. */
typedef struct {
    char dir[64];
    char path[128];
    tend_journal *j;
} S_tmp;

static int S_setup(void **state)
{
    S_tmp *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    struct stat sb;
    strcpy(t->dir, stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) && access("/dev/shm", W_OK) == 0
                       ? "/dev/shm/tend-kinds-XXXXXX"
                       : "/tmp/tend-kinds-XXXXXX");
    if (!mkdtemp(t->dir)) {
        free(t);
        return -1;
    }
    snprintf(t->path, sizeof t->path, "%s/journal.db", t->dir);
    tend_error e;
    if (tend_journal_create(t->path, PASS, PASSLEN, TEND_JOURNAL_KDF_MIN, &t->j, &e) != TEND_OK) {
        rmdir(t->dir);
        free(t);
        return -1;
    }
    *state = t;
    return 0;
}

static int S_teardown(void **state)
{
    S_tmp *t = *state;
    tend_journal_close(t->j);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
    int rc = system(cmd);
    free(t);
    return rc == 0 ? 0 : -1;
}

/* Closes and opens the test journal again, so what is read next comes
 * from the file. */
static void S_reopen(S_tmp *t)
{
    tend_journal_close(t->j);
    tend_error e;
    assert_int_equal(tend_journal_open(t->path, PASS, PASSLEN, &t->j, &e), TEND_OK);
}

/* Adds a field straight into the stored singleton of kind, as a newer
 * build would have written it. */
static void S_plant(tend_journal *j, uint32_t kind, const char *key, const char *value)
{
    tend_record r = TEND_RECORD_INIT;
    tend_error e;
    assert_int_equal(tend_journal_singleton_get(j, kind, &r, &e), TEND_OK);
    assert_int_equal(tend_head_add_field(&r.head, key, value), TEND_OK);
    assert_int_equal(tend_journal_singleton_put(j, &r, &e), TEND_OK);
    tend_record_clear(&r);
}

/* The stored singleton of kind's fields as S_fields text. */
static const char *S_stored(tend_journal *j, uint32_t kind)
{
    tend_record r = TEND_RECORD_INIT;
    tend_error e;
    assert_int_equal(tend_journal_singleton_get(j, kind, &r, &e), TEND_OK);
    const char *s = S_fields(&r.head);
    tend_record_clear(&r);
    return s;
}

/* ---- settings --------------------------------------------------------------------- */

static void test_settings_round_trip(void **state)
{
    (void)state;
    tend_settings s, back;
    tend_settings_init(&s);
    assert_string_equal(s.region, "");
    assert_int_equal(s.autolock_min, 5);
    assert_true(s.color);

    snprintf(s.region, sizeof s.region, "uk-ie");
    s.autolock_min = 15;
    s.color = false;
    tend_record r = TEND_RECORD_INIT, again;
    tend_error e;
    assert_int_equal(tend_settings_encode(&s, &r, &e), TEND_OK);
    assert_int_equal(r.head.kind, TEND_KIND_SETTINGS);
    r.head.created = 1767254400;
    assert_string_equal(S_fields(&r.head), "region=uk-ie;autolock=15;color=off;");
    assert_null(r.body);
    S_codec(&r, &again);
    tend_settings_init(&back);
    assert_int_equal(tend_settings_decode(&again, &back, &e), TEND_OK);
    assert_string_equal(back.region, "uk-ie");
    assert_int_equal(back.autolock_min, 15);
    assert_false(back.color);
    assert_int_equal(tend_settings_check(&again, NULL, &e), TEND_OK);
    tend_record_clear(&r);
    tend_record_clear(&again);

    /* not chosen is stored as an empty region */
    tend_settings_init(&s);
    assert_int_equal(tend_settings_encode(&s, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "region=;autolock=5;color=on;");
    tend_record_clear(&r);
}

static void test_settings_ranges(void **state)
{
    (void)state;
    tend_settings s;
    tend_error e;
    static const struct {
        int min;
        tend_status want;
    } lock[] = { { -1, TEND_EINVAL }, { 0, TEND_EINVAL }, { 1, TEND_OK }, { 2, TEND_OK },
                 { 59, TEND_OK }, { 60, TEND_OK }, { 61, TEND_EINVAL }, { 240, TEND_EINVAL },
                 { 241, TEND_EINVAL } };
    for (size_t i = 0; i < sizeof lock / sizeof lock[0]; i++) {
        tend_settings_init(&s);
        s.autolock_min = lock[i].min;
        tend_status st = tend_settings_validate(&s, NULL, &e);
        if (lock[i].want == TEND_OK)
            assert_int_equal(st, TEND_OK);
        else
            S_refused(st, &e, "'autolock'"), S_refused(st, &e, "from 1 to 60");
    }
    static const struct {
        const char *region;
        tend_status want;
    } reg[] = { { "", TEND_OK }, { "us", TEND_OK }, { "uk-ie", TEND_OK }, { "a1-b2-c3", TEND_OK },
                { "UK", TEND_EINVAL }, { "uk--ie", TEND_EINVAL }, { "-uk", TEND_EINVAL },
                { "uk-", TEND_EINVAL }, { "uk_ie", TEND_EINVAL }, { "u k", TEND_EINVAL },
                { "\x1b[2J", TEND_EINVAL } };
    for (size_t i = 0; i < sizeof reg / sizeof reg[0]; i++) {
        tend_settings_init(&s);
        snprintf(s.region, sizeof s.region, "%s", reg[i].region);
        tend_status st = tend_settings_validate(&s, NULL, &e);
        if (reg[i].want == TEND_OK)
            assert_int_equal(st, TEND_OK);
        else
            S_refused(st, &e, "'region'");
    }
    /* 31 bytes fit; the struct cannot hold 32, and a stored 32 is refused */
    tend_settings_init(&s);
    memcpy(s.region, S_repeat('a', 31), 32);
    assert_int_equal(tend_settings_validate(&s, NULL, &e), TEND_OK);
    memset(s.region, 'a', sizeof s.region); /* no NUL at all */
    S_refused(tend_settings_validate(&s, NULL, &e), &e, "at most 31 bytes");
    tend_record r;
    S_record(&r, TEND_KIND_SETTINGS, "region", S_repeat('a', 32), NULL);
    S_refused(tend_settings_check(&r, NULL, &e), &e, "'region'");
    tend_record_clear(&r);

    /* encode refuses and leaves the record as it was */
    tend_settings_init(&s);
    s.autolock_min = 0;
    tend_record empty = TEND_RECORD_INIT;
    S_refused(tend_settings_encode(&s, &empty, &e), &e, "'autolock'");
    assert_int_equal(empty.head.kind, 0);
    assert_int_equal(empty.head.nfields, 0);

    /* with content loaded, a region must be one it knows */
    tend_content *c = NULL;
    tend_content_load_files(tend_embedded_files, tend_embedded_count, &c, NULL);
    assert_non_null(c);
    tend_settings_init(&s);
    snprintf(s.region, sizeof s.region, "uk-ie");
    assert_int_equal(tend_settings_validate(&s, c, &e), TEND_OK);
    snprintf(s.region, sizeof s.region, "atlantis");
    assert_int_equal(tend_settings_validate(&s, NULL, &e), TEND_OK);
    S_refused(tend_settings_validate(&s, c, &e), &e, "'region'");
    s.region[0] = '\0';
    assert_int_equal(tend_settings_validate(&s, c, &e), TEND_OK);
    S_record(&r, TEND_KIND_SETTINGS, "region", "atlantis", NULL);
    assert_int_equal(tend_settings_check(&r, NULL, &e), TEND_OK);
    S_refused(tend_settings_check(&r, c, &e), &e, "'region'");
    tend_record_clear(&r);
    tend_content_free(c);
}

static void test_settings_odd_records(void **state)
{
    (void)state;
    tend_error e;
    /* values out of range keep what the struct held; check refuses each */
    static const struct {
        const char *key, *value, *names;
    } bad[] = {
        { "autolock", "0", "'autolock'" },    { "autolock", "241", "'autolock'" },
        { "autolock", "61", "'autolock'" },   { "autolock", "-5", "'autolock'" },
        { "autolock", "5x", "'autolock'" },   { "autolock", " 5", "'autolock'" },
        { "autolock", "", "'autolock'" },     { "autolock", "99999999999999999999", "'autolock'" },
        { "region", "Bad Region", "'region'" }, { "region", "\x1b]52;c;x\x07", "'region'" },
        { "color", "maybe", "'color'" },      { "color", "", "'color'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        tend_record r;
        S_record(&r, TEND_KIND_SETTINGS, bad[i].key, bad[i].value, NULL);
        tend_settings s;
        tend_settings_init(&s);
        snprintf(s.region, sizeof s.region, "us");
        s.autolock_min = 20;
        s.color = false;
        assert_int_equal(tend_settings_decode(&r, &s, &e), TEND_OK);
        assert_string_equal(s.region, "us");
        assert_int_equal(s.autolock_min, 20);
        assert_false(s.color);
        S_refused(tend_settings_check(&r, NULL, &e), &e, bad[i].names);
        tend_record_clear(&r);
    }
    /* the bounds themselves are read */
    tend_record r;
    tend_settings s;
    S_record(&r, TEND_KIND_SETTINGS, "autolock", "1", "color", "off", NULL);
    tend_settings_init(&s);
    assert_int_equal(tend_settings_decode(&r, &s, &e), TEND_OK);
    assert_int_equal(s.autolock_min, 1);
    assert_false(s.color);
    assert_int_equal(tend_settings_check(&r, NULL, &e), TEND_OK);
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_SETTINGS, "autolock", "60", NULL);
    assert_int_equal(tend_settings_decode(&r, &s, &e), TEND_OK);
    assert_int_equal(s.autolock_min, 60);
    tend_record_clear(&r);
    /* a field twice: decode takes the first, check refuses */
    S_record(&r, TEND_KIND_SETTINGS, "autolock", "10", "autolock", "20", NULL);
    assert_int_equal(tend_settings_decode(&r, &s, &e), TEND_OK);
    assert_int_equal(s.autolock_min, 10);
    S_refused(tend_settings_check(&r, NULL, &e), &e, "occurs 2 times");
    tend_record_clear(&r);
    /* another kind is not settings */
    S_record(&r, TEND_KIND_CONTACTS, "autolock", "10", NULL);
    s.autolock_min = 3;
    S_refused(tend_settings_decode(&r, &s, &e), &e, "not the settings");
    assert_int_equal(s.autolock_min, 3);
    S_refused(tend_settings_check(&r, NULL, &e), &e, "not the settings");
    tend_record_clear(&r);
}

static void test_settings_unknown_kept(void **state)
{
    (void)state;
    tend_error e;
    tend_record r;
    S_record(&r, TEND_KIND_SETTINGS, "theme", "dusk", "region", "us", "autolock", "0", "x.y",
             "1", NULL);
    assert_int_equal(tend_head_set_title(&r.head, "kept"), TEND_OK);
    assert_int_equal(tend_head_add_tag(&r.head, "t"), TEND_OK);
    r.head.flags = TEND_FLAG_STARRED | 0x80u;
    tend_settings s;
    tend_settings_init(&s);
    assert_int_equal(tend_settings_decode(&r, &s, &e), TEND_OK);
    assert_int_equal(s.autolock_min, 5); /* 0 is not a choice: the default */
    assert_int_equal(tend_settings_check(&r, NULL, &e), TEND_EINVAL);
    s.autolock_min = 30;
    assert_int_equal(tend_settings_encode(&s, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "region=us;autolock=30;color=on;theme=dusk;x.y=1;");
    assert_string_equal(r.head.title, "kept");
    assert_int_equal(r.head.ntags, 1);
    assert_int_equal(r.head.flags, TEND_FLAG_STARRED | 0x80u);
    assert_int_equal(tend_settings_check(&r, NULL, &e), TEND_OK);
    /* and through the codec */
    tend_record again;
    S_codec(&r, &again);
    assert_string_equal(S_fields(&again.head), "region=us;autolock=30;color=on;theme=dusk;x.y=1;");
    tend_record_clear(&again);
    tend_record_clear(&r);
}

static void test_settings_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_settings s;
    tend_settings_init(&s);
    s.autolock_min = 45;
    assert_int_equal(tend_settings_load(t->j, &s, &e), TEND_ENOTFOUND);
    assert_int_equal(s.autolock_min, 45); /* untouched */

    tend_settings_init(&s);
    snprintf(s.region, sizeof s.region, "au");
    s.autolock_min = 2;
    assert_int_equal(tend_settings_store(t->j, &s, &e), TEND_OK);
    S_plant(t->j, TEND_KIND_SETTINGS, "future", "kept");
    S_reopen(t);
    tend_settings back;
    tend_settings_init(&back);
    assert_int_equal(tend_settings_load(t->j, &back, &e), TEND_OK);
    assert_string_equal(back.region, "au");
    assert_int_equal(back.autolock_min, 2);
    assert_true(back.color);

    back.color = false;
    assert_int_equal(tend_settings_store(t->j, &back, &e), TEND_OK);
    assert_string_equal(S_stored(t->j, TEND_KIND_SETTINGS),
                        "region=au;autolock=2;color=off;future=kept;");
    /* out of range: refused, the stored record unchanged */
    back.autolock_min = 61;
    S_refused(tend_settings_store(t->j, &back, &e), &e, "'autolock'");
    assert_string_equal(S_stored(t->j, TEND_KIND_SETTINGS),
                        "region=au;autolock=2;color=off;future=kept;");
    size_t n;
    assert_int_equal(tend_journal_count(t->j, &n, &e), TEND_OK);
    assert_int_equal(n, 1); /* one settings record, updated in place */
}

/* ---- reading positions --------------------------------------------------------------- */

static void test_reading_round_trip(void **state)
{
    (void)state;
    tend_error e;
    tend_reading r = TEND_READING_INIT, back;
    size_t a = 99;
    assert_int_equal(tend_reading_get(&r, "attachment.md", &a), TEND_READING_UNREAD);
    assert_int_equal(a, 0);
    assert_null(tend_reading_last(&r));
    assert_int_equal(tend_reading_set(&r, "attachment.md", TEND_READING_STARTED, 120, &e), TEND_OK);
    assert_int_equal(tend_reading_set(&r, "healing.md", TEND_READING_DONE, 5, &e), TEND_OK);
    assert_int_equal(tend_reading_set(&r, "attachment.md", TEND_READING_STARTED, 300, &e), TEND_OK);
    /* a page once read stays read, at the new place */
    assert_int_equal(tend_reading_set(&r, "healing.md", TEND_READING_STARTED, 9, &e), TEND_OK);
    assert_int_equal(tend_reading_get(&r, "healing.md", &a), TEND_READING_DONE);
    assert_int_equal(a, 9);
    assert_int_equal(tend_reading_get(&r, "attachment.md", &a), TEND_READING_STARTED);
    assert_int_equal(a, 300);
    assert_string_equal(tend_reading_last(&r), "healing.md");

    tend_record rec = TEND_RECORD_INIT, again;
    assert_int_equal(tend_reading_encode(&r, &rec, &e), TEND_OK);
    assert_int_equal(rec.head.kind, TEND_KIND_READING);
    rec.head.created = 1767254400;
    assert_string_equal(S_fields(&rec.head),
                        "attachment.md=300 reading;healing.md=9 read;last=healing.md;");
    S_codec(&rec, &again);
    assert_int_equal(tend_reading_decode(&again, &back, &e), TEND_OK);
    assert_int_equal(back.nplaces, 2);
    assert_int_equal(tend_reading_get(&back, "attachment.md", &a), TEND_READING_STARTED);
    assert_int_equal(a, 300);
    assert_int_equal(tend_reading_get(&back, "healing.md", &a), TEND_READING_DONE);
    assert_string_equal(tend_reading_last(&back), "healing.md");
    assert_int_equal(tend_reading_check(&again, &e), TEND_OK);
    tend_reading_clear(&back);
    tend_reading_clear(&r);
    tend_record_clear(&rec);
    tend_record_clear(&again);
}

static void test_reading_ranges(void **state)
{
    (void)state;
    tend_error e;
    tend_reading r = TEND_READING_INIT;
    char name[300];
    /* page names: an id then .md, at most 255 bytes */
    static const char *const bad[] = { "", ".md", "Attachment.md", "attachment", "a.txt",
                                       "../x.md", "a--b.md", "a b.md", "last" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        S_refused(tend_reading_set(&r, bad[i], TEND_READING_STARTED, 0, &e), &e, "file name");
    snprintf(name, sizeof name, "%s.md", S_repeat('a', 252));
    assert_int_equal(strlen(name), 255);
    assert_int_equal(tend_reading_set(&r, name, TEND_READING_STARTED, 0, &e), TEND_OK);
    snprintf(name, sizeof name, "%s.md", S_repeat('a', 253));
    S_refused(tend_reading_set(&r, name, TEND_READING_STARTED, 0, &e), &e, "at most 255 bytes");
    /* anchors 0..TEND_READING_ANCHOR_MAX; marks STARTED or DONE */
    assert_int_equal(tend_reading_set(&r, "a.md", TEND_READING_STARTED, 0, &e), TEND_OK);
    assert_int_equal(tend_reading_set(&r, "a.md", TEND_READING_STARTED, TEND_READING_ANCHOR_MAX, &e),
                     TEND_OK);
    S_refused(tend_reading_set(&r, "a.md", TEND_READING_STARTED, TEND_READING_ANCHOR_MAX + 1u, &e),
              &e, "from 0 to 100000000");
    S_refused(tend_reading_set(&r, "b.md", TEND_READING_UNREAD, 1, &e), &e, "reading position");
    assert_int_equal(r.nplaces, 2); /* refusals changed nothing */
    size_t a;
    assert_int_equal(tend_reading_get(&r, "a.md", &a), TEND_READING_STARTED);
    assert_int_equal(a, TEND_READING_ANCHOR_MAX);
    assert_string_equal(tend_reading_last(&r), "a.md");
    assert_int_equal(tend_reading_validate(&r, &e), TEND_OK);
    /* validate: a page twice, a bad last, too many places */
    char *keep = r.places[1].page;
    r.places[1].page = r.places[0].page;
    S_refused(tend_reading_validate(&r, &e), &e, "a page twice");
    r.places[1].page = keep;
    char *last = r.last;
    r.last = (char *)"Not a page";
    S_refused(tend_reading_validate(&r, &e), &e, "'last'");
    r.last = last;
    size_t n = r.nplaces;
    r.nplaces = TEND_READING_PLACES_MAX + 1;
    S_refused(tend_reading_validate(&r, &e), &e, "more than 10000 pages");
    r.nplaces = n;
    assert_int_equal(tend_reading_validate(&r, &e), TEND_OK);
    tend_reading_clear(&r);
}

static void test_reading_odd_records(void **state)
{
    (void)state;
    tend_error e;
    tend_record rec;
    S_record(&rec, TEND_KIND_READING, "attachment.md", "12 reading", "healing.md", "7 skimmed",
             "Notes", "mine", "last", "../etc/passwd", "attachment.md", "99 read", "big.md",
             "100000001 reading", "neg.md", "-1 reading", "sp.md", "12  reading", NULL);
    tend_reading r;
    assert_int_equal(tend_reading_decode(&rec, &r, &e), TEND_OK);
    assert_int_equal(r.nplaces, 1); /* the rest are kept aside, unread */
    size_t a;
    assert_int_equal(tend_reading_get(&r, "attachment.md", &a), TEND_READING_STARTED);
    assert_int_equal(a, 12);
    assert_int_equal(tend_reading_get(&r, "healing.md", &a), TEND_READING_UNREAD);
    assert_null(tend_reading_last(&r)); /* not a page: dropped */

    /* setting a page whose stored place was odd replaces it; the unknown
     * keys and odd places of other pages stay as they were */
    assert_int_equal(tend_reading_set(&r, "healing.md", TEND_READING_STARTED, 3, &e), TEND_OK);
    assert_int_equal(tend_reading_encode(&r, &rec, &e), TEND_OK);
    assert_string_equal(S_fields(&rec.head),
                        "attachment.md=12 reading;healing.md=3 reading;last=healing.md;"
                        "Notes=mine;big.md=100000001 reading;neg.md=-1 reading;"
                        "sp.md=12  reading;");
    tend_reading_clear(&r);
    tend_record_clear(&rec);

    /* check refuses each odd value, naming the field */
    static const struct {
        const char *key, *value, *names;
    } bad[] = {
        { "a.md", "7 skimmed", "reading position" },
        { "a.md", "100000001 reading", "from 0 to 100000000" },
        { "a.md", "-1 reading", "reading position" },
        { "a.md", "", "reading position" },
        { "last", "\x1b[2J", "'last'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        S_record(&rec, TEND_KIND_READING, bad[i].key, bad[i].value, NULL);
        S_refused(tend_reading_check(&rec, &e), &e, bad[i].names);
        tend_record_clear(&rec);
    }
    S_record(&rec, TEND_KIND_READING, "a.md", "100000000 read", "Future", "x", NULL);
    assert_int_equal(tend_reading_check(&rec, &e), TEND_OK);
    tend_record_clear(&rec);
    S_record(&rec, TEND_KIND_READING, "a.md", "1 read", "a.md", "2 read", NULL);
    S_refused(tend_reading_check(&rec, &e), &e, "a page twice");
    tend_record_clear(&rec);
    S_record(&rec, TEND_KIND_READING, "last", "a.md", "last", "b.md", NULL);
    S_refused(tend_reading_check(&rec, &e), &e, "more than once");
    tend_record_clear(&rec);
    S_record(&rec, TEND_KIND_SETTINGS, NULL);
    S_refused(tend_reading_decode(&rec, &r, &e), &e, "not the reading");
    assert_int_equal(r.nplaces, 0);
    S_refused(tend_reading_check(&rec, &e), &e, "not the reading");
    tend_record_clear(&rec);
}

static void test_reading_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_reading r;
    assert_int_equal(tend_reading_load(t->j, &r, &e), TEND_ENOTFOUND);
    assert_int_equal(r.nplaces, 0);
    assert_int_equal(tend_reading_set(&r, "attachment.md", TEND_READING_STARTED, 40, &e), TEND_OK);
    assert_int_equal(tend_reading_store(t->j, &r, 1767254400, &e), TEND_OK);
    tend_reading_clear(&r);
    S_plant(t->j, TEND_KIND_READING, "future", "kept");
    S_reopen(t);
    assert_int_equal(tend_reading_load(t->j, &r, &e), TEND_OK);
    size_t a;
    assert_int_equal(tend_reading_get(&r, "attachment.md", &a), TEND_READING_STARTED);
    assert_int_equal(a, 40);
    assert_int_equal(tend_reading_set(&r, "attachment.md", TEND_READING_DONE, 41, &e), TEND_OK);
    assert_int_equal(tend_reading_store(t->j, &r, 1767254500, &e), TEND_OK);
    tend_reading_clear(&r);
    assert_string_equal(S_stored(t->j, TEND_KIND_READING),
                        "attachment.md=41 read;last=attachment.md;future=kept;");
    tend_record rec = TEND_RECORD_INIT;
    assert_int_equal(tend_journal_singleton_get(t->j, TEND_KIND_READING, &rec, &e), TEND_OK);
    assert_int_equal(rec.head.created, 1767254400); /* the first store's time */
    tend_record_clear(&rec);
}

/* ---- the entry ---------------------------------------------------------------------- */

static void test_entry_tags_line(void **state)
{
    (void)state;
    tend_entry w;
    assert_int_equal(tend_entry_init(&w), TEND_OK);
    assert_int_equal(tend_entry_set_tags_line(&w, " work, sleep ,, \twork,a b\t,"), TEND_OK);
    assert_int_equal(w.ntags, 3);
    assert_string_equal(w.tags[0], "work");
    assert_string_equal(w.tags[1], "sleep");
    assert_string_equal(w.tags[2], "a b");
    tend_buf line = TEND_BUF_INIT;
    assert_int_equal(tend_entry_tags_line(&w, &line), TEND_OK);
    assert_string_equal(line.data, "work, sleep, a b");
    /* the line it makes gives the same tags back */
    tend_entry again;
    assert_int_equal(tend_entry_init(&again), TEND_OK);
    assert_int_equal(tend_entry_set_tags_line(&again, line.data), TEND_OK);
    assert_int_equal(again.ntags, 3);
    assert_string_equal(again.tags[2], "a b");
    assert_int_equal(tend_entry_set_tags_line(&again, " , ,"), TEND_OK);
    assert_int_equal(again.ntags, 0);
    assert_int_equal(tend_entry_set_tags_line(&again, NULL), TEND_OK);
    assert_int_equal(again.ntags, 0);
    tend_buf_free(&line);
    tend_entry_clear(&again);
    tend_entry_clear(&w);
}

static void test_entry_round_trip(void **state)
{
    (void)state;
    tend_error e;
    tend_entry w, back;
    assert_int_equal(tend_entry_init(&w), TEND_OK);
    assert_int_equal(tend_entry_set_title(&w, "A hard day"), TEND_OK);
    assert_int_equal(tend_entry_set_tags_line(&w, "work, Grüße"), TEND_OK);
    assert_int_equal(tend_entry_set_prompt(&w, "What helped today?"), TEND_OK);
    assert_int_equal(tend_entry_set_text(&w, "line one\r\nline two ✓\n", 22), TEND_OK);

    /* onto an entry that has more than the words: all of that stays */
    tend_record r;
    S_record(&r, TEND_KIND_ENTRY, "mood", "steady", "prompt", "old prompt", NULL);
    r.head.flags = TEND_FLAG_STARRED;
    r.head.uuid.b[0] = 7;
    assert_int_equal(tend_entry_encode(&w, &r, &e), TEND_OK);
    assert_string_equal(r.head.title, "A hard day");
    assert_int_equal(r.head.ntags, 2);
    assert_string_equal(r.head.tags[1], "Grüße");
    assert_string_equal(S_fields(&r.head), "mood=steady;prompt=What helped today?;");
    assert_int_equal(r.head.flags, TEND_FLAG_STARRED);
    assert_int_equal(r.head.uuid.b[0], 7);
    assert_string_equal(tend_entry_prompt(&r.head), "What helped today?");
    tend_record again;
    S_codec(&r, &again);
    assert_int_equal(tend_entry_decode(&again, &back, &e), TEND_OK);
    assert_string_equal(back.title, "A hard day");
    assert_int_equal(back.ntags, 2);
    assert_string_equal(back.tags[0], "work");
    assert_string_equal(back.prompt, "What helped today?");
    assert_int_equal(back.text_len, 22);
    assert_memory_equal(back.text, "line one\r\nline two ✓\n", 22);
    tend_entry_clear(&back);

    /* no prompt: the field goes; no text: no body; an empty text is a body */
    assert_int_equal(tend_entry_set_prompt(&w, NULL), TEND_OK);
    assert_int_equal(tend_entry_set_text(&w, NULL, 0), TEND_OK);
    assert_int_equal(tend_entry_encode(&w, &again, &e), TEND_OK);
    assert_string_equal(S_fields(&again.head), "mood=steady;");
    assert_null(again.body);
    assert_null(tend_entry_prompt(&again.head));
    assert_int_equal(tend_entry_set_text(&w, "", 0), TEND_OK);
    assert_int_equal(tend_entry_encode(&w, &again, &e), TEND_OK);
    assert_non_null(again.body);
    assert_int_equal(again.body_len, 0);
    tend_record_clear(&again);
    tend_record_clear(&r);
    tend_entry_clear(&w);
}

static void test_entry_ranges(void **state)
{
    (void)state;
    tend_error e;
    tend_entry w;
    assert_int_equal(tend_entry_init(&w), TEND_OK);
    assert_int_equal(tend_entry_validate(&w, &e), TEND_OK);
    assert_int_equal(tend_entry_set_title(&w, "bad \xff"), TEND_OK);
    S_refused(tend_entry_validate(&w, &e), &e, "title");
    tend_record r = TEND_RECORD_INIT;
    S_refused(tend_entry_encode(&w, &r, &e), &e, "title");
    assert_int_equal(r.head.kind, 0);
    assert_int_equal(tend_entry_set_title(&w, NULL), TEND_OK);
    assert_string_equal(w.title, "");
    assert_int_equal(tend_entry_set_prompt(&w, ""), TEND_OK);
    S_refused(tend_entry_validate(&w, &e), &e, "'prompt'");
    assert_int_equal(tend_entry_set_prompt(&w, NULL), TEND_OK);
    assert_int_equal(tend_entry_set_text(&w, "a\0b", 3), TEND_OK);
    S_refused(tend_entry_validate(&w, &e), &e, "text");
    assert_int_equal(tend_entry_set_text(&w, "\xc3", 1), TEND_OK);
    S_refused(tend_entry_validate(&w, &e), &e, "text");
    assert_int_equal(tend_entry_set_text(&w, "ok", 2), TEND_OK);
    assert_int_equal(tend_entry_set_tags_line(&w, "x"), TEND_OK);
    w.tags[0][0] = '\0';
    S_refused(tend_entry_validate(&w, &e), &e, "tag");
    tend_entry_clear(&w);
}

/* ---- the entry draft ------------------------------------------------------------------ */

static void test_draft_round_trip(void **state)
{
    (void)state;
    tend_error e;
    tend_draft d, back;
    assert_int_equal(tend_draft_init(&d), TEND_OK);
    assert_int_equal(tend_entry_set_title(&d.entry, "half"), TEND_OK);
    assert_int_equal(tend_entry_set_tags_line(&d.entry, "a, b"), TEND_OK);
    assert_int_equal(tend_entry_set_prompt(&d.entry, "A prompt"), TEND_OK);
    assert_int_equal(tend_entry_set_text(&d.entry, "so far", 6), TEND_OK);
    d.edits = true;
    for (size_t i = 0; i < sizeof d.edited.b; i++)
        d.edited.b[i] = (unsigned char)(0xa0 + i);
    d.timed = true;
    tend_record r = TEND_RECORD_INIT, again;
    assert_int_equal(tend_draft_encode(&d, &r, &e), TEND_OK);
    r.head.created = 1767254400;
    assert_int_equal(r.head.kind, TEND_KIND_DRAFT);
    assert_string_equal(S_fields(&r.head), "prompt=A prompt;draft=entry;"
                                           "entry=a0a1a2a3a4a5a6a7a8a9aaabacadaeaf;timed=yes;");
    assert_string_equal(r.body, "so far");
    S_codec(&r, &again);
    assert_int_equal(tend_draft_decode(&again, &back, &e), TEND_OK);
    assert_int_equal(tend_draft_check(&again, &e), TEND_OK);
    assert_string_equal(back.entry.title, "half");
    assert_int_equal(back.entry.ntags, 2);
    assert_string_equal(back.entry.prompt, "A prompt");
    assert_string_equal(back.entry.text, "so far");
    assert_true(back.edits);
    assert_memory_equal(back.edited.b, d.edited.b, sizeof d.edited.b);
    assert_true(back.timed);
    tend_draft_clear(&back);
    tend_record_clear(&again);

    /* a new entry, untimed, no prompt: only "draft" */
    d.edits = d.timed = false;
    assert_int_equal(tend_entry_set_prompt(&d.entry, NULL), TEND_OK);
    assert_int_equal(tend_draft_encode(&d, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "draft=entry;");
    assert_int_equal(tend_draft_decode(&r, &back, &e), TEND_OK);
    assert_false(back.edits);
    assert_false(back.timed);
    assert_null(back.entry.prompt);
    tend_draft_clear(&back);
    tend_record_clear(&r);
    tend_draft_clear(&d);
}

static void test_draft_odd_records(void **state)
{
    (void)state;
    tend_error e;
    tend_draft d;
    tend_record r;
    /* an odd edited id makes the draft a new entry; the words stay */
    S_record(&r, TEND_KIND_DRAFT, "draft", "entry", "entry", "not-an-id", "timed", "no",
             "later", "x", NULL);
    assert_int_equal(tend_record_set_body(&r, "words", 5), TEND_OK);
    assert_int_equal(tend_draft_decode(&r, &d, &e), TEND_OK);
    assert_false(d.edits);
    assert_false(d.timed);
    assert_string_equal(d.entry.text, "words");
    S_refused(tend_draft_check(&r, &e), &e, "'entry'");
    /* writing it back keeps the unknown field */
    assert_int_equal(tend_draft_encode(&d, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "draft=entry;later=x;");
    assert_int_equal(tend_draft_check(&r, &e), TEND_OK);
    tend_draft_clear(&d);
    tend_record_clear(&r);

    static const struct {
        const char *k1, *v1, *k2, *v2, *names;
    } bad[] = {
        { "draft", "checkin", NULL, NULL, "'draft'" },
        { "draft", "", NULL, NULL, "'draft'" },
        { "draft", "entry", "entry", "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF0", "'entry'" },
        { "draft", "entry", "entry", "a0a1a2a3a4a5a6a7a8a9aaabacadaeag", "'entry'" },
        { "draft", "entry", "timed", "maybe", "'timed'" },
        { "draft", "entry", "draft", "entry", "occurs 2 times" },
        { "draft", "entry", "prompt", "", "'prompt'" },
        { "timed", "yes", NULL, NULL, "'draft'" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        S_record(&r, TEND_KIND_DRAFT, bad[i].k1, bad[i].v1, bad[i].k2, bad[i].v2, NULL);
        S_refused(tend_draft_check(&r, &e), &e, bad[i].names);
        tend_record_clear(&r);
    }
    /* not a draft of an entry: decode refuses, nothing held */
    S_record(&r, TEND_KIND_DRAFT, "draft", "checkin", NULL);
    S_refused(tend_draft_decode(&r, &d, &e), &e, "'draft'");
    assert_null(d.entry.title);
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_ENTRY, "draft", "entry", NULL);
    S_refused(tend_draft_decode(&r, &d, &e), &e, "not a draft");
    tend_record_clear(&r);
    /* upper-case hex is read */
    S_record(&r, TEND_KIND_DRAFT, "draft", "entry", "entry", "A0A1A2A3A4A5A6A7A8A9AAABACADAEAF",
             NULL);
    assert_int_equal(tend_draft_decode(&r, &d, &e), TEND_OK);
    assert_true(d.edits);
    assert_int_equal(d.edited.b[15], 0xaf);
    tend_draft_clear(&d);
    tend_record_clear(&r);
}

static void test_draft_and_entry_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_draft d;
    assert_int_equal(tend_draft_load(t->j, &d, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_draft_discard(t->j, &e), TEND_OK);

    /* a new entry, saved: then edited in place */
    tend_entry w;
    assert_int_equal(tend_entry_init(&w), TEND_OK);
    assert_int_equal(tend_entry_set_text(&w, "first", 5), TEND_OK);
    tend_record entry = TEND_RECORD_INIT;
    assert_int_equal(tend_entry_save(t->j, &w, &entry, 1767254400, &e), TEND_OK);
    assert_int_equal(entry.head.kind, TEND_KIND_ENTRY);
    assert_int_equal(entry.head.created, 1767254400);
    tend_uuid id = entry.head.uuid;
    assert_int_equal(tend_head_add_field(&entry.head, "mood", "steady"), TEND_OK);
    assert_int_equal(tend_entry_set_text(&w, "second", 6), TEND_OK);
    assert_int_equal(tend_entry_set_prompt(&w, "A prompt"), TEND_OK);
    assert_int_equal(tend_entry_save(t->j, &w, &entry, 0, &e), TEND_OK);
    tend_record_clear(&entry);
    assert_int_equal(tend_journal_get(t->j, &id, &entry, &e), TEND_OK);
    assert_string_equal(entry.body, "second");
    assert_string_equal(S_fields(&entry.head), "mood=steady;prompt=A prompt;");
    assert_int_equal(entry.head.created, 1767254400);
    tend_record_clear(&entry);

    /* a draft of an edit of it, kept and read back from the file */
    assert_int_equal(tend_draft_init(&d), TEND_OK);
    assert_int_equal(tend_entry_set_text(&d.entry, "third, unfinished", 17), TEND_OK);
    d.edits = true;
    d.edited = id;
    assert_int_equal(tend_draft_store(t->j, &d, &e), TEND_OK);
    tend_draft_clear(&d);
    S_plant(t->j, TEND_KIND_DRAFT, "future", "kept");
    S_reopen(t);
    assert_int_equal(tend_draft_load(t->j, &d, &e), TEND_OK);
    assert_string_equal(d.entry.text, "third, unfinished");
    assert_true(d.edits);
    assert_memory_equal(d.edited.b, id.b, sizeof id.b);
    assert_int_equal(tend_entry_set_text(&d.entry, "third", 5), TEND_OK);
    assert_int_equal(tend_draft_store(t->j, &d, &e), TEND_OK);
    tend_draft_clear(&d);
    char hex[TEND_UUID_HEX + 1], want[200];
    tend_id_hex(&id, hex);
    snprintf(want, sizeof want, "draft=entry;entry=%s;future=kept;", hex);
    assert_string_equal(S_stored(t->j, TEND_KIND_DRAFT), want);

    /* a stored draft of something else is replaced, not read */
    tend_record other;
    S_record(&other, TEND_KIND_DRAFT, "draft", "checkin", "_def", "daily", NULL);
    assert_int_equal(tend_journal_singleton_put(t->j, &other, &e), TEND_OK);
    tend_record_clear(&other);
    S_refused(tend_draft_load(t->j, &d, &e), &e, "'draft'");
    assert_int_equal(tend_draft_init(&d), TEND_OK);
    assert_int_equal(tend_draft_store(t->j, &d, &e), TEND_OK);
    tend_draft_clear(&d);
    assert_string_equal(S_stored(t->j, TEND_KIND_DRAFT), "draft=entry;");
    assert_int_equal(tend_draft_load(t->j, &d, &e), TEND_OK);
    tend_draft_clear(&d);

    assert_int_equal(tend_draft_discard(t->j, &e), TEND_OK);
    assert_int_equal(tend_draft_load(t->j, &d, &e), TEND_ENOTFOUND);
    tend_entry_clear(&w);
}

/* ---- the safety plan ------------------------------------------------------------------ */

static void test_safety_plan_round_trip(void **state)
{
    (void)state;
    tend_error e;
    static const char *const ids[] = { "warning_signs", "on_my_own", "distraction",
                                       "ask_for_help", "professionals", "safer_surroundings",
                                       "reasons" };
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++)
        assert_string_equal(tend_safety_plan_part_id(p), ids[p]);
    assert_null(tend_safety_plan_part_id(TEND_SAFETY_PLAN_PARTS));

    tend_safety_plan plan = TEND_SAFETY_PLAN_INIT, back;
    assert_int_equal(tend_safety_plan_add(&plan, 6, "my cat"), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 0, "not sleeping"), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 0, "skipping meals"), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 3, "Sam, 07700 900123"), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 7, "x"), TEND_EINVAL);
    assert_int_equal(tend_safety_plan_count(&plan), 4);
    tend_record r = TEND_RECORD_INIT, again;
    assert_int_equal(tend_safety_plan_encode(&plan, &r, &e), TEND_OK);
    r.head.created = 1767254400;
    assert_int_equal(r.head.kind, TEND_KIND_SAFETY_PLAN);
    assert_string_equal(S_fields(&r.head), "warning_signs=not sleeping;warning_signs=skipping meals;"
                                           "ask_for_help=Sam, 07700 900123;reasons=my cat;");
    S_codec(&r, &again);
    assert_int_equal(tend_safety_plan_decode(&again, &back, &e), TEND_OK);
    assert_int_equal(tend_safety_plan_check(&again, &e), TEND_OK);
    for (size_t p = 0; p < TEND_SAFETY_PLAN_PARTS; p++) {
        assert_int_equal(back.nlines[p], plan.nlines[p]);
        for (size_t k = 0; k < plan.nlines[p]; k++)
            assert_string_equal(back.lines[p][k], plan.lines[p][k]);
    }
    tend_safety_plan_clear(&back);
    tend_safety_plan_clear(&plan);
    assert_int_equal(tend_safety_plan_count(&plan), 0);
    tend_record_clear(&r);
    tend_record_clear(&again);
}

static void test_safety_plan_ranges(void **state)
{
    (void)state;
    tend_error e;
    tend_safety_plan plan = TEND_SAFETY_PLAN_INIT;
    assert_int_equal(tend_safety_plan_validate(&plan, &e), TEND_OK);
    /* a line: 1..300 bytes, no control character */
    assert_int_equal(tend_safety_plan_add(&plan, 1, S_repeat('a', 300)), TEND_OK);
    assert_int_equal(tend_safety_plan_validate(&plan, &e), TEND_OK);
    static const char *const bad[] = { "", "two\nlines", "tab\there", "del\x7f", "esc\x1b[2J",
                                       "bad \xff utf-8" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tend_safety_plan_add(&plan, 1, bad[i]), TEND_OK);
        S_refused(tend_safety_plan_validate(&plan, &e), &e, "'on_my_own'");
        tend_record r = TEND_RECORD_INIT;
        S_refused(tend_safety_plan_encode(&plan, &r, &e), &e, "longer than 300 bytes");
        assert_int_equal(r.head.kind, 0);
        tend_wipe_str(plan.lines[1][--plan.nlines[1]]);
    }
    assert_int_equal(tend_safety_plan_add(&plan, 1, S_repeat('a', 301)), TEND_OK);
    S_refused(tend_safety_plan_validate(&plan, &e), &e, "'on_my_own'");
    tend_safety_plan_clear(&plan);
    /* at most 64 lines in a part */
    for (int k = 0; k < TEND_SAFETY_PLAN_PART_LINES_MAX; k++)
        assert_int_equal(tend_safety_plan_add(&plan, 4, "a line"), TEND_OK);
    assert_int_equal(tend_safety_plan_validate(&plan, &e), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 4, "one more"), TEND_OK);
    S_refused(tend_safety_plan_validate(&plan, &e), &e, "'professionals' has more than 64 lines");
    tend_safety_plan_clear(&plan);
}

static void test_safety_plan_odd_records(void **state)
{
    (void)state;
    tend_error e;
    tend_record r;
    const char *long_line = S_repeat('w', 400);
    char copy[401];
    snprintf(copy, sizeof copy, "%s", long_line);
    S_record(&r, TEND_KIND_SAFETY_PLAN, "reasons", copy, "future_part", "kept", "reasons", "",
             "on_my_own", "walk", NULL);
    tend_safety_plan plan;
    /* decode drops no words: the long line whole, the empty one skipped */
    assert_int_equal(tend_safety_plan_decode(&r, &plan, &e), TEND_OK);
    assert_int_equal(plan.nlines[6], 1);
    assert_string_equal(plan.lines[6][0], copy);
    assert_int_equal(plan.nlines[1], 1);
    S_refused(tend_safety_plan_check(&r, &e), &e, "'reasons'");
    /* it saves again once the long line is changed; the unknown part stays */
    S_refused(tend_safety_plan_encode(&plan, &r, &e), &e, "'reasons'");
    plan.lines[6][0][10] = '\0';
    assert_int_equal(tend_safety_plan_encode(&plan, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "on_my_own=walk;reasons=wwwwwwwwww;future_part=kept;");
    assert_int_equal(tend_safety_plan_check(&r, &e), TEND_OK);
    tend_safety_plan_clear(&plan);
    tend_record_clear(&r);

    S_record(&r, TEND_KIND_SAFETY_PLAN, "reasons", "one\ntwo", NULL);
    S_refused(tend_safety_plan_check(&r, &e), &e, "line break");
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_SAFETY_PLAN, NULL);
    for (int k = 0; k <= TEND_SAFETY_PLAN_PART_LINES_MAX; k++)
        assert_int_equal(tend_head_add_field(&r.head, "distraction", "a park"), TEND_OK);
    S_refused(tend_safety_plan_check(&r, &e), &e, "more than 64 lines");
    assert_int_equal(tend_safety_plan_decode(&r, &plan, &e), TEND_OK);
    assert_int_equal(plan.nlines[2], 65); /* read all the same */
    tend_safety_plan_clear(&plan);
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_CONTACTS, "reasons", "x", NULL);
    S_refused(tend_safety_plan_decode(&r, &plan, &e), &e, "not the safety plan");
    assert_int_equal(tend_safety_plan_count(&plan), 0);
    S_refused(tend_safety_plan_check(&r, &e), &e, "not the safety plan");
    tend_record_clear(&r);
}

static void test_safety_plan_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_safety_plan plan;
    assert_int_equal(tend_safety_plan_load(t->j, &plan, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_safety_plan_add(&plan, 0, "not sleeping"), TEND_OK);
    assert_int_equal(tend_safety_plan_store(t->j, &plan, &e), TEND_OK);
    tend_safety_plan_clear(&plan);
    S_plant(t->j, TEND_KIND_SAFETY_PLAN, "future_part", "kept");
    S_reopen(t);
    assert_int_equal(tend_safety_plan_load(t->j, &plan, &e), TEND_OK);
    assert_int_equal(tend_safety_plan_count(&plan), 1);
    assert_int_equal(tend_safety_plan_add(&plan, 5, "keys with a friend"), TEND_OK);
    assert_int_equal(tend_safety_plan_store(t->j, &plan, &e), TEND_OK);
    assert_int_equal(tend_safety_plan_add(&plan, 5, "two\nlines"), TEND_OK);
    S_refused(tend_safety_plan_store(t->j, &plan, &e), &e, "'safer_surroundings'");
    tend_safety_plan_clear(&plan);
    assert_string_equal(S_stored(t->j, TEND_KIND_SAFETY_PLAN),
                        "warning_signs=not sleeping;safer_surroundings=keys with a friend;"
                        "future_part=kept;");
}

/* ---- contacts ------------------------------------------------------------------------- */

static void test_contacts_round_trip(void **state)
{
    (void)state;
    tend_error e;
    tend_contacts c = TEND_CONTACTS_INIT, back;
    assert_int_equal(tend_contacts_add(&c, "Sam, 07700 900123"), TEND_OK);
    assert_int_equal(tend_contacts_add(&c, "Dr Okafor (Tuesdays)"), TEND_OK);
    tend_record r = TEND_RECORD_INIT, again;
    assert_int_equal(tend_contacts_encode(&c, &r, &e), TEND_OK);
    r.head.created = 1767254400;
    assert_int_equal(r.head.kind, TEND_KIND_CONTACTS);
    assert_string_equal(S_fields(&r.head), "person=Sam, 07700 900123;person=Dr Okafor (Tuesdays);");
    S_codec(&r, &again);
    assert_int_equal(tend_contacts_decode(&again, &back, &e), TEND_OK);
    assert_int_equal(tend_contacts_check(&again, &e), TEND_OK);
    assert_int_equal(back.npeople, 2);
    assert_string_equal(back.people[0], "Sam, 07700 900123");
    assert_string_equal(back.people[1], "Dr Okafor (Tuesdays)");
    tend_contacts_clear(&back);
    /* none at all is a record without people */
    tend_contacts_clear(&c);
    assert_int_equal(tend_contacts_encode(&c, &again, &e), TEND_OK);
    assert_string_equal(S_fields(&again.head), "");
    tend_record_clear(&r);
    tend_record_clear(&again);
}

static void test_contacts_ranges(void **state)
{
    (void)state;
    tend_error e;
    tend_contacts c = TEND_CONTACTS_INIT;
    assert_int_equal(tend_contacts_add(&c, S_repeat('p', 200)), TEND_OK);
    assert_int_equal(tend_contacts_validate(&c, &e), TEND_OK);
    assert_int_equal(tend_contacts_add(&c, S_repeat('p', 201)), TEND_OK);
    S_refused(tend_contacts_validate(&c, &e), &e, "longer than 200 bytes");
    tend_contacts_clear(&c);
    static const char *const bad[] = { "", "a\nb", "\x1b[31m", "\xc3" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(tend_contacts_add(&c, bad[i]), TEND_OK);
        S_refused(tend_contacts_validate(&c, &e), &e, "'person'");
        tend_record r = TEND_RECORD_INIT;
        S_refused(tend_contacts_encode(&c, &r, &e), &e, "'person'");
        assert_int_equal(r.head.kind, 0);
        tend_contacts_clear(&c);
    }
    for (int i = 0; i < TEND_CONTACTS_MAX; i++)
        assert_int_equal(tend_contacts_add(&c, "someone"), TEND_OK);
    assert_int_equal(tend_contacts_validate(&c, &e), TEND_OK);
    assert_int_equal(tend_contacts_add(&c, "one more"), TEND_OK);
    S_refused(tend_contacts_validate(&c, &e), &e, "more than 100 people");
    tend_contacts_clear(&c);
}

static void test_contacts_odd_records(void **state)
{
    (void)state;
    tend_error e;
    tend_record r;
    char long_person[260];
    snprintf(long_person, sizeof long_person, "%s", S_repeat('q', 250));
    S_record(&r, TEND_KIND_CONTACTS, "person", "", "group", "family", "person", long_person,
             "person", "Ana", NULL);
    tend_contacts c;
    assert_int_equal(tend_contacts_decode(&r, &c, &e), TEND_OK);
    assert_int_equal(c.npeople, 2); /* the empty one skipped, the long one whole */
    assert_string_equal(c.people[0], long_person);
    S_refused(tend_contacts_check(&r, &e), &e, "'person'");
    tend_wipe_str(c.people[0]);
    memmove(c.people, c.people + 1, sizeof *c.people);
    c.npeople = 1;
    assert_int_equal(tend_contacts_encode(&c, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "person=Ana;group=family;");
    assert_int_equal(tend_contacts_check(&r, &e), TEND_OK);
    tend_contacts_clear(&c);
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_CONTACTS, NULL);
    for (int i = 0; i <= TEND_CONTACTS_MAX; i++)
        assert_int_equal(tend_head_add_field(&r.head, "person", "x"), TEND_OK);
    S_refused(tend_contacts_check(&r, &e), &e, "more than 100 people");
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_READING, "person", "x", NULL);
    S_refused(tend_contacts_decode(&r, &c, &e), &e, "not the contacts");
    assert_int_equal(c.npeople, 0);
    S_refused(tend_contacts_check(&r, &e), &e, "not the contacts");
    tend_record_clear(&r);
}

static void test_contacts_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_contacts c;
    assert_int_equal(tend_contacts_load(t->j, &c, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_contacts_add(&c, "Sam"), TEND_OK);
    assert_int_equal(tend_contacts_store(t->j, &c, &e), TEND_OK);
    tend_contacts_clear(&c);
    S_plant(t->j, TEND_KIND_CONTACTS, "group", "family");
    S_reopen(t);
    assert_int_equal(tend_contacts_load(t->j, &c, &e), TEND_OK);
    assert_int_equal(c.npeople, 1);
    assert_string_equal(c.people[0], "Sam");
    assert_int_equal(tend_contacts_add(&c, "Ana"), TEND_OK);
    assert_int_equal(tend_contacts_store(t->j, &c, &e), TEND_OK);
    tend_contacts_clear(&c);
    assert_string_equal(S_stored(t->j, TEND_KIND_CONTACTS), "person=Sam;person=Ana;group=family;");
    /* a caller may take the array over */
    assert_int_equal(tend_contacts_load(t->j, &c, &e), TEND_OK);
    char **people = c.people;
    size_t n = c.npeople;
    c.people = NULL;
    c.npeople = c.cap = 0;
    tend_contacts_clear(&c);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++)
        tend_wipe_str(people[i]);
    free(people);
}

/* ---- tool ratings --------------------------------------------------------------------- */

static void test_tool_rating_round_trip(void **state)
{
    (void)state;
    tend_error e;
    tend_tool_rating t, back;
    tend_tool_rating_init(&t);
    assert_int_equal(t.before, TEND_TOOL_RATING_NONE);
    assert_int_equal(t.after, TEND_TOOL_RATING_NONE);
    snprintf(t.tool, sizeof t.tool, "box-breathing.md");
    t.before = 7;
    t.after = 3;
    t.created = 1767254400;
    t.utc_offset = 3600;
    tend_record r = TEND_RECORD_INIT, again;
    assert_int_equal(tend_tool_rating_encode(&t, &r, &e), TEND_OK);
    assert_int_equal(r.head.kind, TEND_KIND_TOOL_RATING);
    assert_string_equal(S_fields(&r.head), "tool=box-breathing.md;before=7;after=3;");
    S_codec(&r, &again);
    assert_int_equal(tend_tool_rating_decode(&again.head, &back, &e), TEND_OK);
    assert_int_equal(tend_tool_rating_check(&again.head, &e), TEND_OK);
    assert_string_equal(back.tool, "box-breathing.md");
    assert_int_equal(back.before, 7);
    assert_int_equal(back.after, 3);
    assert_int_equal(back.created, 1767254400);
    assert_int_equal(back.utc_offset, 3600);
    tend_record_clear(&again);
    /* a skipped rating has no field */
    t.before = TEND_TOOL_RATING_NONE;
    assert_int_equal(tend_tool_rating_encode(&t, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "tool=box-breathing.md;after=3;");
    assert_int_equal(tend_tool_rating_decode(&r.head, &back, &e), TEND_OK);
    assert_int_equal(back.before, TEND_TOOL_RATING_NONE);
    tend_record_clear(&r);
}

static void test_tool_rating_ranges(void **state)
{
    (void)state;
    tend_error e;
    tend_tool_rating t;
    static const struct {
        int v;
        bool ok;
    } vals[] = { { -2, false }, { -1, true }, { 0, true }, { 1, true }, { 9, true }, { 10, true },
                 { 11, false }, { 100, false } };
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        tend_tool_rating_init(&t);
        snprintf(t.tool, sizeof t.tool, "stop.md");
        t.after = 5;
        t.before = vals[i].v;
        if (vals[i].ok)
            assert_int_equal(tend_tool_rating_validate(&t, &e), TEND_OK);
        else
            S_refused(tend_tool_rating_validate(&t, &e), &e, "'before' is not a whole number from 0 to 10");
        t.before = 5;
        t.after = vals[i].v;
        if (vals[i].ok)
            assert_int_equal(tend_tool_rating_validate(&t, &e), TEND_OK);
        else
            S_refused(tend_tool_rating_validate(&t, &e), &e, "'after'");
    }
    tend_tool_rating_init(&t);
    snprintf(t.tool, sizeof t.tool, "stop.md");
    S_refused(tend_tool_rating_validate(&t, &e), &e, "neither 'before' nor 'after'");
    t.before = 0;
    assert_int_equal(tend_tool_rating_validate(&t, &e), TEND_OK);
    static const char *const bad[] = { "", "stop", "Stop.md", "../stop.md", "stop.md\n" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(t.tool, sizeof t.tool, "%s", bad[i]);
        S_refused(tend_tool_rating_validate(&t, &e), &e, "'tool'");
        tend_record r = TEND_RECORD_INIT;
        S_refused(tend_tool_rating_encode(&t, &r, &e), &e, "'tool'");
        assert_int_equal(r.head.kind, 0);
    }
    snprintf(t.tool, sizeof t.tool, "%s.md", S_repeat('t', 252));
    assert_int_equal(tend_tool_rating_validate(&t, &e), TEND_OK);
    memset(t.tool, 't', sizeof t.tool); /* no NUL */
    S_refused(tend_tool_rating_validate(&t, &e), &e, "at most 255 bytes");
}

static void test_tool_rating_odd_records(void **state)
{
    (void)state;
    tend_error e;
    tend_record r;
    tend_tool_rating t;
    S_record(&r, TEND_KIND_TOOL_RATING, "tool", "stop.md", "before", "11", "after", "03x",
             "felt", "calmer", NULL);
    assert_int_equal(tend_tool_rating_decode(&r.head, &t, &e), TEND_OK);
    assert_int_equal(t.before, TEND_TOOL_RATING_NONE);
    assert_int_equal(t.after, TEND_TOOL_RATING_NONE);
    S_refused(tend_tool_rating_check(&r.head, &e), &e, "'before'");
    t.after = 2;
    assert_int_equal(tend_tool_rating_encode(&t, &r, &e), TEND_OK);
    assert_string_equal(S_fields(&r.head), "tool=stop.md;after=2;felt=calmer;");
    assert_int_equal(tend_tool_rating_check(&r.head, &e), TEND_OK);
    tend_record_clear(&r);

    static const struct {
        const char *k1, *v1, *k2, *v2, *names;
    } bad[] = {
        { "before", "3", NULL, NULL, "'tool'" },
        { "tool", "\x1b[2J.md", "before", "3", "'tool'" },
        { "tool", "stop.md", NULL, NULL, "neither" },
        { "tool", "stop.md", "after", "-1", "'after'" },
        { "tool", "stop.md", "after", "", "'after'" },
        { "tool", "stop.md", "tool", "stop.md", "occurs 2 times" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        S_record(&r, TEND_KIND_TOOL_RATING, bad[i].k1, bad[i].v1, bad[i].k2, bad[i].v2, NULL);
        S_refused(tend_tool_rating_check(&r.head, &e), &e, bad[i].names);
        tend_record_clear(&r);
    }
    S_record(&r, TEND_KIND_TOOL_RATING, "before", "3", NULL);
    S_refused(tend_tool_rating_decode(&r.head, &t, &e), &e, "'tool'");
    tend_record_clear(&r);
    S_record(&r, TEND_KIND_ENTRY, "tool", "stop.md", "before", "3", NULL);
    S_refused(tend_tool_rating_decode(&r.head, &t, &e), &e, "not a tool rating");
    S_refused(tend_tool_rating_check(&r.head, &e), &e, "not a tool rating");
    tend_record_clear(&r);
}

static void test_tool_rating_journal(void **state)
{
    S_tmp *t = *state;
    tend_error e;
    tend_tool_rating a;
    tend_tool_rating_init(&a);
    snprintf(a.tool, sizeof a.tool, "grounding-54321.md");
    a.before = 8;
    a.after = 4;
    a.created = 1767254400;
    a.utc_offset = -18000;
    assert_int_equal(tend_tool_rating_add(t->j, &a, &e), TEND_OK);
    a.after = 11;
    S_refused(tend_tool_rating_add(t->j, &a, &e), &e, "'after'");
    S_reopen(t);
    tend_filter f = TEND_FILTER_INIT;
    f.kind = TEND_KIND_TOOL_RATING;
    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_heads(t->j, &f, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1); /* the refused one was never added */
    tend_tool_rating back;
    assert_int_equal(tend_tool_rating_decode(&l.heads[0], &back, &e), TEND_OK);
    assert_string_equal(back.tool, "grounding-54321.md");
    assert_int_equal(back.before, 8);
    assert_int_equal(back.after, 4);
    assert_int_equal(back.created, 1767254400);
    assert_int_equal(back.utc_offset, -18000);
    tend_head_list_free(&l);
}

int main(void)
{
#define JOURNAL_TEST(fn) cmocka_unit_test_setup_teardown(fn, S_setup, S_teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_settings_round_trip),
        cmocka_unit_test(test_settings_ranges),
        cmocka_unit_test(test_settings_odd_records),
        cmocka_unit_test(test_settings_unknown_kept),
        JOURNAL_TEST(test_settings_journal),
        cmocka_unit_test(test_reading_round_trip),
        cmocka_unit_test(test_reading_ranges),
        cmocka_unit_test(test_reading_odd_records),
        JOURNAL_TEST(test_reading_journal),
        cmocka_unit_test(test_entry_tags_line),
        cmocka_unit_test(test_entry_round_trip),
        cmocka_unit_test(test_entry_ranges),
        cmocka_unit_test(test_draft_round_trip),
        cmocka_unit_test(test_draft_odd_records),
        JOURNAL_TEST(test_draft_and_entry_journal),
        cmocka_unit_test(test_safety_plan_round_trip),
        cmocka_unit_test(test_safety_plan_ranges),
        cmocka_unit_test(test_safety_plan_odd_records),
        JOURNAL_TEST(test_safety_plan_journal),
        cmocka_unit_test(test_contacts_round_trip),
        cmocka_unit_test(test_contacts_ranges),
        cmocka_unit_test(test_contacts_odd_records),
        JOURNAL_TEST(test_contacts_journal),
        cmocka_unit_test(test_tool_rating_round_trip),
        cmocka_unit_test(test_tool_rating_ranges),
        cmocka_unit_test(test_tool_rating_odd_records),
        JOURNAL_TEST(test_tool_rating_journal),
    };
#undef JOURNAL_TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
