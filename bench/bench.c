/*
 * bench.c — `make bench`: how fast tend is on a large encrypted journal,
 * measured against the one cost it cannot avoid, decrypting the bytes.
 *
 * For each size N (1,000, 10,000, 100,000 entries; BENCH_SIZES limits it)
 * it generates a journal with a fixed seed through the journal API, in
 * transactions, with the interactive KDF (generation is not measured), then
 * times, as the median of --runs runs (5):
 *
 *   unlock     tend_journal_open with the passphrase (Argon2id + unwrap)
 *   add        tend_journal_add of one ~150-word entry (one transaction,
 *              synchronous=FULL: includes the fsyncs)
 *   list 50    tend_journal_list, then the newest 50 heads
 *   history    the data path of the History screen as it opens:
 *              tend_journal_heads of entries and check-ins, tend_group_by_day
 *   search     tend_search_new + tend_search_journal (search.h) for a word
 *              in about 1% of entries
 *   export     tend_export_journal (tend-json, streamed record by record)
 *              written to /dev/null, as `tend export` writes its file
 *   verify     tend_journal_verify
 *   rekey      tend_journal_rekey
 *
 * and the floors, from the sealed bytes of the same journal held in memory
 * (read through the store, then opened with tend_vault_open, the primitive
 * the journal itself uses, one fresh wiped buffer per field as the journal
 * does): "heads" opens every sealed head, "all" every head and body.
 *
 * Then the peak memory of each operation (a fresh process per operation:
 * unlock, reset the peak with /proc/self/clear_refs, run it, read the peak
 * RSS that ru_maxrss is made from, VmHWM), the
 * whole-command timings with hyperfine on the 10,000-entry journal, and the
 * editor's per-key cost from edit_bench. It prints a table and writes the
 * report (bench/REPORT.md) with the machine, date, compiler and KDF.
 *
 * Usage: bench [--sizes 1000,10000,100000] [--runs 5] [--work DIR]
 *              [--tend PATH] [--edit-bench PATH] [--report FILE]
 *
 * This is a program, not library code: on a failure it prints why and exits.
 * Nothing here asserts a timing; the targets are reported, met or not.
 */
#include "tend/core.h"
#include "tend/date.h"
#include "tend/journal.h"
#include "tend/port.h"
#include "tend/search.h"
#include "tend/store.h"
#include "tend/vault.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef BENCH_CFLAGS
#define BENCH_CFLAGS "?"
#endif

#define S_MAX_SIZES 8
#define S_MAX_RUNS 25
#define S_SEED 20250601u
#define S_PASS "correct horse battery bench"
#define S_QUERY "lighthouse" /* in about 1% of entries, in mixed case */

static void S_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void S_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void S_check(tend_status st, const tend_error *err, const char *what)
{
    if (st != TEND_OK)
        S_die("%s failed: %s", what, err->msg);
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process: what the work cost, without the time spent
 * waiting for a CPU on a loaded machine or for the disk. */
static double S_cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_dbl_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int S_int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static double S_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, S_dbl_cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- deterministic generator ------------------------------------------------ */

typedef struct {
    uint64_t s;
} S_rng;

static uint64_t S_next(S_rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double S_unit(S_rng *r)
{
    return (double)(S_next(r) >> 11) * 0x1.0p-53;
}

static unsigned S_below(S_rng *r, unsigned n)
{
    return (unsigned)(S_unit(r) * n);
}

static double S_normal(S_rng *r)
{
    double u1 = 1.0 - S_unit(r), u2 = S_unit(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static const char *const S_words[] = {
    "the", "the", "the", "a", "a", "and", "and", "to", "to", "of", "I", "I", "I", "it", "was",
    "was", "in", "that", "my", "me", "felt", "feel", "today", "when", "about", "again", "not",
    "but", "so", "just", "she", "he", "they", "we", "with", "for", "on", "at", "after", "before",
    "morning", "evening", "night", "sleep", "slept", "tired", "work", "walk", "walked", "outside",
    "rain", "sun", "coffee", "tea", "kitchen", "window", "mother", "father", "sister", "brother",
    "friend", "therapist", "session", "call", "called", "message", "quiet", "loud", "calm",
    "anxious", "angry", "sad", "small", "safe", "unsafe", "body", "chest", "breath", "breathing",
    "shoulders", "stomach", "head", "hands", "remember", "remembered", "thought", "thinking",
    "memory", "old", "house", "room", "door", "car", "train", "bus", "city", "park", "trees",
    "river", "dog", "cat", "music", "song", "book", "read", "wrote", "writing", "listened",
    "cried", "laughed", "noticed", "wanted", "needed", "said", "told", "asked", "no", "yes",
    "maybe", "still", "enough", "better", "worse", "harder", "easier", "slowly", "quickly",
    "finally", "almost", "because", "even", "though", "while", "then", "later", "week", "year",
    "birthday", "dinner", "lunch", "shower", "grounding", "boundary", "trust", "alone", "together",
    "proud", "ashamed", "lonely", "numb", "hopeful", "okay", "kind", "gentle", "myself", "part",
    "younger", "child", "voice", "inside", "heavy", "light", "warm", "cold", "café", "naïve",
};
#define S_NWORDS (sizeof S_words / sizeof *S_words)

static const char *const S_tags[] = { "work", "family", "sleep", "therapy", "friends", "body",
                                      "anger", "grief", "gratitude", "nature", "anxiety",
                                      "progress", "memories", "boundaries" };
#define S_NTAGS (sizeof S_tags / sizeof *S_tags)

/* Appends words words of prose: sentences of 5-17 words, a paragraph break
 * every 3-6 sentences; with probability `rare` one word is the query. */
static void S_prose(S_rng *r, size_t words, double rare, tend_buf *out)
{
    size_t special = S_unit(r) < rare ? S_below(r, (unsigned)words) : (size_t)-1;
    size_t in_sent = 0, sent_len = 5 + S_below(r, 13), sents = 0, para = 3 + S_below(r, 4);
    for (size_t i = 0; i < words; i++) {
        const char *w = i == special ? (S_below(r, 2) ? "Lighthouse" : "lighthouse")
                                     : S_words[S_below(r, S_NWORDS)];
        if (in_sent == 0 && w[0] >= 'a' && w[0] <= 'z') {
            char c = (char)(w[0] - 'a' + 'A');
            if (tend_buf_putc(out, c) != TEND_OK || tend_buf_puts(out, w + 1) != TEND_OK)
                S_die("out of memory");
        } else if (tend_buf_puts(out, w) != TEND_OK) {
            S_die("out of memory");
        }
        const char *sep = " ";
        if (++in_sent == sent_len || i + 1 == words) {
            in_sent = 0;
            sent_len = 5 + S_below(r, 13);
            sep = ++sents % para == 0 ? ".\n\n" : ". ";
            if (i + 1 == words)
                sep = ".\n";
        }
        if (tend_buf_puts(out, sep) != TEND_OK)
            S_die("out of memory");
    }
}

/* Body length in words: log-normal around 150 words (median 150, sigma 0.6). */
static size_t S_body_words(S_rng *r)
{
    double w = exp(log(150.0) + 0.6 * S_normal(r));
    return w < 3 ? 3 : w > 4000 ? 4000 : (size_t)w;
}

/* Fills r (must be TEND_RECORD_INIT) with an entry created at created. */
static void S_make_entry(S_rng *g, int64_t created, int32_t off, tend_record *r)
{
    tend_status st = TEND_OK;
    r->head.kind = TEND_KIND_ENTRY;
    r->head.created = created;
    r->head.updated = created;
    r->head.utc_offset = off;
    if (S_unit(g) < 0.05)
        r->head.flags |= TEND_FLAG_STARRED;
    if (S_unit(g) < 0.6) {
        tend_buf t = TEND_BUF_INIT;
        S_prose(g, 2 + S_below(g, 4), 0, &t);
        t.data[t.len - 2] = '\0'; /* no ".\n" at the end of a title */
        st = tend_head_set_title(&r->head, t.data);
        tend_buf_free(&t);
    }
    unsigned ntags = S_below(g, 4);
    for (unsigned i = 0; st == TEND_OK && i < ntags; i++)
        st = tend_head_add_tag(&r->head, S_tags[S_below(g, S_NTAGS)]);
    tend_buf b = TEND_BUF_INIT;
    S_prose(g, S_body_words(g), 0.01, &b);
    if (st == TEND_OK)
        st = tend_record_set_body(r, b.data, b.len);
    tend_buf_free(&b);
    if (st != TEND_OK)
        S_die("out of memory");
}

static void S_field(tend_head *h, const char *key, const char *value)
{
    if (tend_head_add_field(h, key, value) != TEND_OK)
        S_die("out of memory");
}

static void S_field_num(S_rng *g, tend_head *h, const char *key, double v, int max)
{
    if (S_unit(g) < 0.05) /* a skipped item has no field */
        return;
    int n = (int)lround(v + S_normal(g) * 0.7);
    n = n < 0 ? 0 : n > max ? max : n;
    char s[8];
    snprintf(s, sizeof s, "%d", n);
    S_field(h, key, s);
}

/* Fills r with the day's check-in (the daily check-in's item ids, answers
 * drawn around a mood m of the day in 0..1). */
static void S_make_checkin(S_rng *g, int64_t created, int32_t off, tend_record *r)
{
    static const char *const feel[] = { "anxious", "low", "angry", "numb", "lonely", "ashamed",
                                        "flooded" };
    static const char *const body[] = { "sleep", "pain", "headaches", "digestion", "fatigue" };
    static const char *const people[] = { "felt_safe", "could_trust", "boundary_crossed",
                                          "said_no" };
    static const char *const trig[] = { "conflict", "rejected", "anger", "caregiver", "ignored",
                                        "controlled", "anniversary", "senses", "pain" };
    static const char *const helped[] = { "talking", "outside", "moving", "rest", "breathing",
                                          "writing", "music", "animals", "making", "alone" };
    tend_head *h = &r->head;
    h->kind = TEND_KIND_CHECKIN;
    h->created = created;
    h->updated = created;
    h->utc_offset = off;
    double m = S_unit(g) * S_unit(g) * 1.3; /* most days are not the worst */
    m = m > 1 ? 1 : m;
    S_field_num(g, h, "distress", m * 10, 10);
    for (size_t i = 0; i < sizeof feel / sizeof *feel; i++)
        S_field_num(g, h, feel[i], m * 4 * S_unit(g) * 1.5, 4);
    for (size_t i = 0; i < sizeof people / sizeof *people; i++)
        if (S_unit(g) > 0.05) {
            bool yes = i == 2 ? S_unit(g) < m * 0.6 : S_unit(g) > m * 0.7;
            S_field(h, people[i], yes ? "yes" : "no");
        }
    for (size_t i = 0; i < sizeof body / sizeof *body; i++)
        S_field_num(g, h, body[i], 0.5 + m * 3 * S_unit(g), 4);
    S_field_num(g, h, "urge_use", m > 0.6 ? m * 2 : 0, 4);
    S_field_num(g, h, "urge_harm", m > 0.8 ? m * 1.5 : 0, 4);
    S_field_num(g, h, "thoughts_end", m > 0.9 ? 1 : 0, 4);
    for (size_t i = 0; i < sizeof trig / sizeof *trig; i++)
        if (S_unit(g) < 0.05 + m * 0.2)
            S_field(h, "triggers", trig[i]);
    for (size_t i = 0; i < sizeof helped / sizeof *helped; i++)
        if (S_unit(g) < 0.2)
            S_field(h, "helped", helped[i]);
    if (S_unit(g) < 0.3) { /* the note item: a sentence or two, in the body */
        tend_buf b = TEND_BUF_INIT;
        S_prose(g, 6 + S_below(g, 25), 0, &b);
        if (tend_record_set_body(r, b.data, b.len) != TEND_OK)
            S_die("out of memory");
        tend_buf_free(&b);
    }
}

typedef struct {
    size_t entries, checkins, days;
    double seconds;
    char first[TEND_DATE_MAX], last[TEND_DATE_MAX];
} S_gen_info;

/* The newest day of every generated journal (local day numbers), at +01:00. */
#define S_OFFSET 3600

/* Creates the journal at path with n entries: one to three a day going
 * back from 2025-05-31, and one check-in a day. */
static void S_generate(const char *path, size_t n, S_gen_info *info)
{
    tend_error err;
    tend_journal *j = NULL;
    double t0 = S_now();
    S_check(tend_journal_create(path, S_PASS, strlen(S_PASS), TEND_JOURNAL_KDF_INTERACTIVE, &j,
                                &err),
            &err, "creating the journal");
    S_rng g = { S_SEED ^ (uint64_t)n };
    memset(info, 0, sizeof *info);
    int64_t day = tend_days_from_civil(2025, 5, 31);
    size_t in_tx = 0;
    S_check(tend_journal_begin(j, &err), &err, "begin");
    while (info->entries < n) {
        unsigned k = 1 + S_below(&g, 3);
        int secs[3];
        for (unsigned i = 0; i < k; i++)
            secs[i] = 7 * 3600 + (int)S_below(&g, 16 * 3600);
        qsort(secs, k, sizeof *secs, S_int_cmp);
        for (unsigned i = 0; i < k + 1; i++) {
            tend_record r = TEND_RECORD_INIT;
            if (i < k) {
                if (info->entries == n)
                    continue;
                S_make_entry(&g, day * 86400 + secs[i] - S_OFFSET, S_OFFSET, &r);
                info->entries++;
            } else {
                S_make_checkin(&g, day * 86400 + 21 * 3600 + (int)S_below(&g, 7200) - S_OFFSET,
                               S_OFFSET, &r);
                info->checkins++;
            }
            S_check(tend_journal_add(j, &r, &err), &err, "adding a record");
            tend_record_clear(&r);
            if (++in_tx == 2000) {
                S_check(tend_journal_commit(j, &err), &err, "commit");
                S_check(tend_journal_begin(j, &err), &err, "begin");
                in_tx = 0;
            }
        }
        info->days++;
        day--;
    }
    S_check(tend_journal_commit(j, &err), &err, "commit");
    tend_journal_close(j);
    tend_format_date((day + 1) * 86400, 0, info->first);
    tend_format_date(tend_days_from_civil(2025, 5, 31) * 86400, 0, info->last);
    info->seconds = S_now() - t0;
}

/* ---- the floor: the sealed bytes of the journal, opened in memory ----------- */

typedef struct {
    uint8_t uuid[TEND_UUID_LEN];
    size_t head_off, head_len, body_off, body_len;
    bool has_body;
} S_blob;

typedef struct {
    S_blob *v;
    size_t n, cap;
    unsigned char *bytes;
    size_t len, bytes_cap;
    tend_vault_header hdr;
} S_sealed;

static size_t S_arena_put(S_sealed *s, const void *p, size_t n)
{
    if (s->len + n > s->bytes_cap) {
        size_t cap = s->bytes_cap ? s->bytes_cap : 1u << 20;
        while (cap < s->len + n)
            cap *= 2;
        unsigned char *b = realloc(s->bytes, cap); /* ciphertext only: no wipe needed */
        if (!b)
            S_die("out of memory");
        s->bytes = b;
        s->bytes_cap = cap;
    }
    memcpy(s->bytes + s->len, p, n);
    s->len += n;
    return s->len - n;
}

static tend_status S_collect_row(void *ctx, const tend_store_record *rec, tend_error *err)
{
    (void)err;
    S_sealed *s = ctx;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        S_blob *v = realloc(s->v, s->cap * sizeof *v);
        if (!v)
            S_die("out of memory");
        s->v = v;
    }
    S_blob *b = &s->v[s->n++];
    memcpy(b->uuid, rec->uuid, TEND_UUID_LEN);
    b->head_len = rec->head_len;
    b->head_off = S_arena_put(s, rec->head, rec->head_len);
    b->has_body = rec->has_body;
    b->body_len = rec->has_body ? rec->body_len : 0;
    b->body_off = rec->has_body ? S_arena_put(s, rec->body, rec->body_len) : 0;
    return TEND_OK;
}

/* Reads every sealed head and body of the journal at path into memory. */
static void S_load_sealed(const char *path, S_sealed *s)
{
    tend_error err;
    tend_store *st = NULL;
    memset(s, 0, sizeof *s);
    S_check(tend_store_open(path, &st, &err), &err, "opening the store");
    S_check(tend_store_header_get(st, &s->hdr, &err), &err, "reading the vault header");
    S_check(tend_store_each(st, TEND_STORE_HEAD | TEND_STORE_BODY, S_collect_row, s, &err), &err,
            "reading the records");
    tend_store_close(st);
}

static void S_sealed_free(S_sealed *s)
{
    free(s->v);
    free(s->bytes);
    memset(s, 0, sizeof *s);
}

/* What a floor opens. */
typedef enum { S_FLOOR_HEADS, S_FLOOR_ALL, S_FLOOR_BODIES } S_floor_kind;

/* Opens every sealed head, every head and body, or every body (kind) with
 * tend_vault_open, a fresh buffer per field, wiped and freed after.
 * Returns the seconds taken; *plain gets the plaintext bytes. */
static double S_floor_once(const tend_vault *v, const S_sealed *s, S_floor_kind kind,
                           size_t *plain, double *cpu)
{
    bool heads = kind != S_FLOOR_BODIES, bodies = kind != S_FLOOR_HEADS;
    tend_error err;
    size_t total = 0;
    double c0 = S_cpu_now(), t0 = S_now();
    for (size_t i = 0; i < s->n; i++) {
        const S_blob *b = &s->v[i];
        tend_buf out = TEND_BUF_INIT;
        if (heads) {
            S_check(tend_vault_open(v, b->uuid, "head", s->bytes + b->head_off, b->head_len,
                                    &out, &err),
                    &err, "opening a head");
            total += out.len;
            tend_buf_free(&out);
        }
        if (bodies && b->has_body) {
            S_check(tend_vault_open(v, b->uuid, "body", s->bytes + b->body_off, b->body_len,
                                    &out, &err),
                    &err, "opening a body");
            total += out.len;
            tend_buf_free(&out);
        }
    }
    double t = S_now() - t0;
    *cpu = S_cpu_now() - c0;
    *plain = total;
    return t;
}

/* ---- the operations ------------------------------------------------------------ */

typedef enum {
    OP_UNLOCK,
    OP_ADD,
    OP_LIST50,
    OP_HISTORY,
    OP_SEARCH,
    OP_EXPORT,
    OP_VERIFY,
    OP_REKEY,
    OP_FLOOR_HEADS,
    OP_FLOOR_ALL,
    OP_FLOOR_BODIES,
    OP_COUNT
} S_op;

static const char *const S_op_name[OP_COUNT] = {
    "unlock", "add one entry", "list newest 50", "open History (data path)",
    "search", "export json", "verify", "rekey", "floor: open all heads",
    "floor: open all fields", "floor: open all bodies"
};

/* Which floor an operation is compared with: 0 none, 1 heads, 2 all. */
static const int S_op_floor[OP_COUNT] = { 0, 0, 1, 1, 2, 2, 2, 2, 0, 0, 0 };

typedef struct {
    tend_journal *j;
    S_rng g;
    tend_uuid added;
    tend_head_list list;
    tend_record_set set;
    tend_search_results found;
    tend_buf out;
    size_t result; /* what the operation found: heads, hits, bytes */
} S_ctx;

/* A tend_port_write_fn writing to the descriptor *ctx. */
static tend_status S_write_fd(void *ctx, const void *data, size_t len, tend_error *err)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(*(int *)ctx, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return tend_fail(err, TEND_EIO, "write: %s", strerror(errno));
        p += w;
        len -= (size_t)w;
    }
    return TEND_OK;
}

/* Runs op once on c->j; what it leaves in c is freed by S_op_cleanup. */
static void S_op_run(S_op op, S_ctx *c)
{
    tend_error err;
    c->result = 0;
    switch (op) {
    case OP_ADD: {
        tend_record r = TEND_RECORD_INIT;
        S_make_entry(&c->g, 0, 0, &r);
        S_check(tend_journal_add(c->j, &r, &err), &err, "add");
        c->added = r.head.uuid;
        tend_record_clear(&r);
        break;
    }
    case OP_LIST50: {
        S_check(tend_journal_list(c->j, NULL, &c->list, &err), &err, "list");
        size_t n = c->list.n < 50 ? c->list.n : 50;
        for (size_t i = 0; i < n; i++) /* what a line of `tend list` shows */
            c->result += strlen(c->list.heads[i].title) + strlen(c->list.ids[i]);
        break;
    }
    case OP_HISTORY: {
        S_check(tend_journal_heads(c->j, NULL, &c->list, &err), &err, "list");
        tend_day_group *g = NULL;
        S_check(tend_group_by_day(c->list.heads, c->list.n, &g, &c->result, &err), &err,
                "grouping by day");
        free(g);
        break;
    }
    case OP_SEARCH: {
        tend_search *q = NULL;
        S_check(tend_search_new(S_QUERY, NULL, &q, &err), &err, "search");
        tend_status st = tend_search_journal(c->j, q, NULL, &c->found, &err);
        tend_search_free(q);
        S_check(st, &err, "search");
        c->result = c->found.n;
        break;
    }
    case OP_EXPORT: {
        /* What `tend export --format json -o FILE` does, with /dev/null as
         * the file: the document is streamed, never held whole. */
        tend_export_opts o;
        memset(&o, 0, sizeof o);
        o.format = TEND_EXPORT_JSON;
        o.exported = tend_now();
        tend_export_report rep;
        int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (fd < 0)
            S_die("/dev/null: %s", strerror(errno));
        tend_status st = tend_export_journal(c->j, &o, S_write_fd, &fd, &rep, &err);
        close(fd);
        S_check(st, &err, "export");
        c->result = rep.bytes;
        break;
    }
    case OP_VERIFY:
        S_check(tend_journal_verify(c->j, NULL, NULL, NULL, &err), &err, "verify");
        break;
    case OP_REKEY:
        S_check(tend_journal_rekey(c->j, &err), &err, "rekey");
        break;
    default:
        S_die("not an operation");
    }
}

static void S_op_cleanup(S_op op, S_ctx *c)
{
    tend_error err;
    if (op == OP_ADD)
        S_check(tend_journal_delete(c->j, &c->added, &err), &err, "deleting the added entry");
    tend_head_list_free(&c->list);
    tend_record_set_free(&c->set);
    tend_search_results_free(&c->found);
    tend_buf_free(&c->out);
}

static tend_journal *S_open(const char *path)
{
    tend_error err;
    tend_journal *j = NULL;
    S_check(tend_journal_open(path, S_PASS, strlen(S_PASS), &j, &err), &err, "unlock");
    return j;
}

/* ---- peak memory ---------------------------------------------------------------- */

/* The kB value of the line "key: N kB" of a /proc file, or -1. */
static long S_proc_kb(const char *file, const char *key)
{
    FILE *f = fopen(file, "r");
    char line[256];
    size_t n = strlen(key);
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':' && sscanf(line + n + 1, "%ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static long S_vmrss_kb(void)
{
    return S_proc_kb("/proc/self/status", "VmRSS");
}

/* Resets the peak RSS that ru_maxrss reports to the current RSS (Linux). */
static bool S_reset_peak(void)
{
    FILE *f = fopen("/proc/self/clear_refs", "w");
    if (!f)
        return false;
    bool ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok;
}

/* The peak RSS since the last S_reset_peak. This is the counter getrusage's
 * ru_maxrss is made from (mm->hiwater_rss), read as VmHWM: ru_maxrss itself
 * also keeps the peak of the image before exec, which in the measuring child
 * is the whole benchmark's, so it cannot be reset. */
static long S_peak_kb(void)
{
    return S_proc_kb("/proc/self/status", "VmHWM");
}

typedef struct {
    long base_kb;   /* RSS after unlock, before the operation */
    long peak_kb;   /* peak RSS during the operation */
    int ok;         /* 1 when measured */
} S_mem;

/* The child's side of S_measure_memory, in a fresh process (exec'd, so no
 * heap of the parent's is resident in it): unlock, reset the peak, run op
 * once, print "base peak ok" in kB. For OP_UNLOCK: the unlock's own peak
 * above the size before it. */
static int S_memory_child(const char *path, const char *opname)
{
    S_op op = (S_op)atoi(opname);
    if (op < OP_UNLOCK || op > OP_REKEY)
        S_die("--memory-child: bad operation %s", opname);
    S_mem r = { 0, 0, 0 };
    bool reset = true;
    if (op == OP_UNLOCK) {
        reset = S_reset_peak();
        r.base_kb = S_vmrss_kb();
    }
    S_ctx c;
    memset(&c, 0, sizeof c);
    c.g.s = S_SEED;
    c.j = S_open(path);
    if (op != OP_UNLOCK) {
        r.base_kb = S_vmrss_kb();
        reset = S_reset_peak();
        S_op_run(op, &c);
    }
    r.peak_kb = S_peak_kb();
    r.ok = reset && r.base_kb > 0 && r.peak_kb > 0;
    S_op_cleanup(op, &c);
    tend_journal_close(c.j);
    printf("%ld %ld %d\n", r.base_kb, r.peak_kb, r.ok);
    return fflush(stdout) == 0 ? 0 : 1;
}

/* Measures op on the journal at path in a new process running this
 * program (/proc/self/exe) with --memory-child. */
static S_mem S_measure_memory(const char *path, S_op op)
{
    S_mem m = { 0, 0, 0 };
    int fd[2];
    if (pipe(fd) != 0)
        S_die("pipe: %s", strerror(errno));
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        S_die("fork: %s", strerror(errno));
    if (pid == 0) {
        char opname[16];
        snprintf(opname, sizeof opname, "%d", (int)op);
        close(fd[0]);
        if (dup2(fd[1], STDOUT_FILENO) < 0)
            _exit(127);
        close(fd[1]);
        execl("/proc/self/exe", "bench", "--memory-child", path, opname, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *in = fdopen(fd[0], "r");
    bool got = in && fscanf(in, "%ld %ld %d", &m.base_kb, &m.peak_kb, &m.ok) == 3;
    if (in)
        fclose(in);
    else
        close(fd[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !got)
        S_die("the memory measurement of %s failed", S_op_name[op]);
    return m;
}

/* ---- one journal size ------------------------------------------------------------- */

typedef struct {
    size_t n;
    S_gen_info gen;
    size_t records;
    double med[OP_COUNT], cpu[OP_COUNT]; /* medians: wall clock, process CPU time */
    size_t result[OP_COUNT];
    S_mem mem[OP_COUNT];
    size_t plain_heads, plain_all, sealed_bytes;
    long long file_bytes;
    uint64_t kdf_ops, kdf_mem;
    char first_id[2 * TEND_UUID_LEN + 1]; /* a record's uuid, for `tend show` */
} S_size;

/* Timings of one floor, gathered through a journal's runs. */
typedef struct {
    double t[S_MAX_RUNS * (OP_COUNT + 1)], c[S_MAX_RUNS * (OP_COUNT + 1)];
    int n;
} S_samples;

/* Times one floor of kind into *out (which has room: at most runs of it
 * at the start and one per run of each operation); the plaintext sizes go
 * to z. */
static void S_floor_sample(const tend_vault *v, const S_sealed *s, S_floor_kind kind,
                           S_samples *out, S_size *z)
{
    size_t plain = 0;
    double cpu = 0;
    double t = S_floor_once(v, s, kind, &plain, &cpu);
    if (out->n < (int)(sizeof out->t / sizeof out->t[0])) {
        out->t[out->n] = t;
        out->c[out->n] = cpu;
        out->n++;
    }
    if (kind == S_FLOOR_HEADS)
        z->plain_heads = plain;
    else if (kind == S_FLOOR_ALL)
        z->plain_all = plain;
}

static void S_fmt_time(double s, char out[32])
{
    if (s < 1e-3)
        snprintf(out, 32, "%.1f us", s * 1e6);
    else if (s < 1)
        snprintf(out, 32, "%.2f ms", s * 1e3);
    else
        snprintf(out, 32, "%.2f s", s);
}

/* n with thousands separators ("100,000"), in a static buffer of four. */
static const char *S_num(size_t n)
{
    static char bufs[4][32];
    static int k;
    char *out = bufs[k++ % 4], tmp[32];
    int len = snprintf(tmp, sizeof tmp, "%zu", n), o = 0;
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = tmp[i];
    }
    out[o] = '\0';
    return out;
}

static double S_floor_cpu_of(const S_size *z, S_op op)
{
    return S_op_floor[op] == 1 ? z->cpu[OP_FLOOR_HEADS]
         : S_op_floor[op] == 2 ? z->cpu[OP_FLOOR_ALL] : 0;
}

static double S_floor_of(const S_size *z, S_op op)
{
    return S_op_floor[op] == 1 ? z->med[OP_FLOOR_HEADS]
         : S_op_floor[op] == 2 ? z->med[OP_FLOOR_ALL] : 0;
}

static void S_print_row(const S_size *z, S_op op)
{
    char t[32], cp[32], f[48] = "";
    S_fmt_time(z->med[op], t);
    S_fmt_time(z->cpu[op], cp);
    double fl = S_floor_of(z, op);
    if (fl > 0)
        snprintf(f, sizeof f, "%6.2fx / %.2fx %s", z->med[op] / fl,
                 z->cpu[op] / S_floor_cpu_of(z, op), S_op_floor[op] == 1 ? "heads" : "all");
    printf("  %-26s %7zu %12s %12s   %s\n", S_op_name[op], z->n, t, cp, f);
    fflush(stdout);
}

static void S_bench_size(const char *work, size_t n, int runs, S_size *z)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/journal-%zu.db", work, n);
    unlink(path);
    memset(z, 0, sizeof *z);
    z->n = n;
    printf("\n%zu entries: generating %s (not measured) ...\n", n, path);
    fflush(stdout);
    S_generate(path, n, &z->gen);
    struct stat sb;
    if (stat(path, &sb) == 0)
        z->file_bytes = (long long)sb.st_size;
    printf("  %zu entries and %zu check-ins over %zu days, %s to %s, in %.1f s; file %.1f MB\n",
           z->gen.entries, z->gen.checkins, z->gen.days, z->gen.first, z->gen.last,
           z->gen.seconds, (double)z->file_bytes / 1e6);

    /* floors: the sealed bytes in memory, opened with the vault */
    tend_error err;
    S_sealed s;
    S_load_sealed(path, &s);
    z->records = s.n;
    z->sealed_bytes = s.len;
    if (s.n)
        tend_uuid_hex(s.v[0].uuid, z->first_id);
    z->kdf_ops = s.hdr.ops;
    z->kdf_mem = s.hdr.mem;
    tend_vault *v = NULL;
    S_check(tend_vault_unlock(&s.hdr, S_PASS, strlen(S_PASS), &v, &err), &err,
            "unlocking the vault");
    /* Floor samples: runs of each at the start, then one more before every
     * run of an operation compared with it, so that a slow spell of a
     * shared machine slows the floor as much as what it is compared with. */
    S_samples fl[3];
    memset(fl, 0, sizeof fl);
    for (int k = 0; k < 3; k++)
        for (int r = 0; r < runs; r++)
            S_floor_sample(v, &s, (S_floor_kind)k, &fl[k], z);
    double t[S_MAX_RUNS], c[S_MAX_RUNS];

    /* unlock: open and close, the open timed */
    for (int r = 0; r < runs; r++) {
        double c0 = S_cpu_now(), t0 = S_now();
        tend_journal *j = S_open(path);
        t[r] = S_now() - t0;
        c[r] = S_cpu_now() - c0;
        tend_journal_close(j);
    }
    z->med[OP_UNLOCK] = S_median(t, runs);
    z->cpu[OP_UNLOCK] = S_median(c, runs);
    S_print_row(z, OP_UNLOCK);

    S_ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.g.s = S_SEED + 1;
    cx.j = S_open(path);
    for (S_op op = OP_ADD; op <= OP_REKEY; op++) {
        for (int r = 0; r < runs; r++) {
            if (S_op_floor[op])
                S_floor_sample(v, &s, S_op_floor[op] == 1 ? S_FLOOR_HEADS : S_FLOOR_ALL,
                               &fl[S_op_floor[op] == 1 ? S_FLOOR_HEADS : S_FLOOR_ALL], z);
            if (op == OP_SEARCH)
                S_floor_sample(v, &s, S_FLOOR_BODIES, &fl[S_FLOOR_BODIES], z);
            double c0 = S_cpu_now(), t0 = S_now();
            S_op_run(op, &cx);
            t[r] = S_now() - t0;
            c[r] = S_cpu_now() - c0;
            z->result[op] = cx.result;
            S_op_cleanup(op, &cx);
        }
        z->med[op] = S_median(t, runs);
        z->cpu[op] = S_median(c, runs);
        if (!S_op_floor[op])
            S_print_row(z, op);
    }
    tend_journal_close(cx.j);
    tend_vault_free(v);
    S_sealed_free(&s);
    static const S_op floor_op[3] = { OP_FLOOR_HEADS, OP_FLOOR_ALL, OP_FLOOR_BODIES };
    for (int k = 0; k < 3; k++) {
        z->med[floor_op[k]] = S_median(fl[k].t, fl[k].n);
        z->cpu[floor_op[k]] = S_median(fl[k].c, fl[k].n);
    }
    for (S_op op = OP_ADD; op <= OP_REKEY; op++)
        if (S_op_floor[op])
            S_print_row(z, op);
    for (int k = 0; k < 3; k++)
        S_print_row(z, floor_op[k]);

    static const S_op mem_ops[] = { OP_UNLOCK, OP_LIST50, OP_HISTORY, OP_SEARCH, OP_EXPORT,
                                    OP_VERIFY, OP_REKEY };
    for (size_t i = 0; i < sizeof mem_ops / sizeof *mem_ops; i++)
        z->mem[mem_ops[i]] = S_measure_memory(path, mem_ops[i]);
    printf("  peak memory beyond unlock (export): %.1f MiB for %.1f MiB decrypted\n",
           (double)(z->mem[OP_EXPORT].peak_kb - z->mem[OP_EXPORT].base_kb) / 1024.0,
           (double)z->plain_all / 1048576.0);
}

/* ---- whole commands: hyperfine ------------------------------------------------------ */

typedef struct {
    const char *name;
    const char *what;
    double jrnl; /* issue 12's jrnl figure for the same job, seconds (0: none) */
    double median, mean, min, max, cpu; /* cpu: mean user + system time */
    bool ok;
} S_cmd;

static bool S_quotable(const char *s)
{
    return !strchr(s, '\'');
}

/* Reads the one data row of hyperfine's CSV (command,mean,stddev,median,
 * user,system,min,max). */
static bool S_read_csv(const char *csv, S_cmd *c)
{
    FILE *f = fopen(csv, "r");
    if (!f)
        return false;
    char line[4096];
    bool ok = false;
    if (fgets(line, sizeof line, f) && fgets(line, sizeof line, f)) {
        char *p = strchr(line, ',');
        double sd, user, sys;
        ok = p && sscanf(p + 1, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", &c->mean, &sd, &c->median, &user,
                         &sys, &c->min, &c->max) == 7;
        c->cpu = user + sys;
    }
    fclose(f);
    return ok;
}

/* Formats into b (reset first); dies when memory runs out. */
static const char *S_fmt(tend_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *S_fmt(tend_buf *b, const char *fmt, ...)
{
    tend_buf_reset(b);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || tend_buf_reserve(b, (size_t)n) != TEND_OK)
        S_die("out of memory");
    va_start(ap, fmt);
    vsnprintf(b->data, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len = (size_t)n;
    return b->data;
}

static void S_hyperfine(const char *work, const char *tend, const char *journal, const char *id,
                        S_cmd *cmds, size_t ncmds)
{
    tend_buf pass = TEND_BUF_INIT, body = TEND_BUF_INIT, copy = TEND_BUF_INIT,
             run = TEND_BUF_INIT, cmd = TEND_BUF_INIT, csv = TEND_BUF_INIT;
    S_fmt(&pass, "%s/pass.txt", work);
    S_fmt(&body, "%s/body.txt", work);
    S_fmt(&copy, "%s/journal-add.db", work);
    FILE *f = fopen(pass.data, "w");
    if (!f || fprintf(f, "%s\n", S_PASS) < 0 || fclose(f) != 0)
        S_die("cannot write %s", pass.data);
    S_rng g = { S_SEED + 2 };
    tend_buf b = TEND_BUF_INIT;
    S_prose(&g, 150, 0, &b);
    f = fopen(body.data, "w");
    if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0)
        S_die("cannot write %s", body.data);
    tend_buf_free(&b);
    /* tend add writes: give it a copy so the measured journal stays as it is */
    unlink(copy.data);
    if (system(S_fmt(&cmd, "cp '%s' '%s'", journal, copy.data)) != 0)
        S_die("cannot copy the journal for tend add");
    for (size_t i = 0; i < ncmds; i++) {
        if (strcmp(cmds[i].name, "list") == 0)
            S_fmt(&run, "%s --journal %s --passphrase-fd 3 list 3<%s >/dev/null", tend, journal,
                  pass.data);
        else if (strcmp(cmds[i].name, "show") == 0)
            S_fmt(&run, "%s --journal %s --passphrase-fd 3 show %s 3<%s >/dev/null", tend,
                  journal, id, pass.data);
        else if (strcmp(cmds[i].name, "add") == 0)
            S_fmt(&run, "%s --journal %s --passphrase-fd 3 add --title Bench --tag bench 3<%s <%s",
                  tend, copy.data, pass.data, body.data);
        else
            S_fmt(&run, "%s --journal %s --passphrase-fd 3 export --format json --yes 3<%s "
                  ">/dev/null 2>&1", tend, journal, pass.data);
        S_fmt(&csv, "%s/hyperfine-%s.csv", work, cmds[i].name);
        unlink(csv.data);
        S_fmt(&cmd, "hyperfine --style basic --warmup 1 --runs 10 --export-csv '%s' "
              "-n 'tend %s' '%s'", csv.data, cmds[i].name, run.data);
        printf("\n$ %s\n", cmd.data);
        fflush(stdout);
        cmds[i].ok = system(cmd.data) == 0 && S_read_csv(csv.data, &cmds[i]);
        if (!cmds[i].ok)
            fprintf(stderr, "bench: hyperfine for tend %s failed; see above\n", cmds[i].name);
    }
    unlink(copy.data);
    tend_buf_free(&pass);
    tend_buf_free(&body);
    tend_buf_free(&copy);
    tend_buf_free(&run);
    tend_buf_free(&cmd);
    tend_buf_free(&csv);
}

/* ---- the editor: edit_bench ------------------------------------------------------------ */

/* Runs the edit benchmark and returns its output (caller frees); *worst_us
 * gets the largest "worst" per-key CPU time it printed, *wall_us the largest
 * wall-clock one (-1 when none). */
static char *S_edit_bench(const char *prog, double *worst_us, double *wall_us)
{
    *worst_us = -1;
    *wall_us = -1;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "'%s'", prog);
    printf("\n$ %s\n", prog);
    fflush(stdout);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    tend_buf out = TEND_BUF_INIT;
    char line[1024];
    while (fgets(line, sizeof line, p)) {
        fputs(line, stdout);
        if (tend_buf_puts(&out, line) != TEND_OK)
            S_die("out of memory");
        const char *w = strstr(line, "worst ");
        double us;
        double *into = strstr(line, "CPU") ? worst_us : wall_us;
        if (w && sscanf(w + 6, "%lf us", &us) == 1 && us > *into)
            *into = us;
    }
    int rc = pclose(p);
    if (rc != 0 || !out.data) {
        tend_buf_free(&out);
        return NULL;
    }
    size_t len;
    return tend_buf_take(&out, &len);
}

/* ---- the report ---------------------------------------------------------------------- */

static void S_cpu_model(char *out, size_t cap)
{
    snprintf(out, cap, "unknown");
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        char *c = strchr(line, ':');
        if (strncmp(line, "model name", 10) == 0 && c) {
            c++;
            while (*c == ' ' || *c == '\t')
                c++;
            c[strcspn(c, "\n")] = '\0';
            snprintf(out, cap, "%s", c);
            break;
        }
    }
    if (f)
        fclose(f);
}

/* The first three fields of /proc/loadavg (a static buffer). */
static const char *S_loadavg(void)
{
    static char buf[64];
    snprintf(buf, sizeof buf, "unknown");
    FILE *f = fopen("/proc/loadavg", "r");
    double a, b, c;
    if (f && fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
        snprintf(buf, sizeof buf, "%.2f %.2f %.2f", a, b, c);
    if (f)
        fclose(f);
    return buf;
}

static char S_load_start[64];

static const S_size *S_find(const S_size *z, size_t nz, size_t n)
{
    for (size_t i = 0; i < nz; i++)
        if (z[i].n == n)
            return &z[i];
    return NULL;
}

static const char *S_yes(bool met)
{
    return met ? "**met**" : "**not met**";
}

/* A verdict from the wall-clock and the CPU-time measure of one target. */
static const char *S_verdict(bool wall, bool cpu)
{
    return wall ? "**met**"
         : cpu ? "**met in CPU time**, not in wall-clock time (disk or a busy machine)"
               : "**not met**";
}

static double S_mb(double bytes)
{
    return bytes / 1048576.0;
}

/* Largest peak beyond the RSS after unlock, over the operations measured. */
static long S_worst_beyond_kb(const S_size *z, S_op *which)
{
    long worst = -1;
    for (S_op op = OP_ADD; op <= OP_REKEY; op++)
        if (z->mem[op].ok && z->mem[op].peak_kb - z->mem[op].base_kb > worst) {
            worst = z->mem[op].peak_kb - z->mem[op].base_kb;
            *which = op;
        }
    return worst;
}

/* Issue 9's two figures, at the 10,000-entry journal (which holds 10,000
 * entries and a check-in a day: more than 10,000 records). */
static void S_targets_issue9(FILE *f, const S_size *z, size_t nz)
{
    const S_size *s = S_find(z, nz, 10000);
    fprintf(f, "## Targets (issue 9), reported, not asserted\n\n");
    if (!s) {
        fprintf(f, "Not measured: the 10,000-entry journal was left out of BENCH_SIZES.\n\n");
        return;
    }
    char a[32], b[32], c[32], d[32];
    fprintf(f, "On the 10,000-entry journal: %s records (entries and check-ins). The History "
               "figure is the time from an unlocked journal to the list the screen shows "
               "(\"open History (data path)\" above). A search over all text has to open every "
               "head as well as every body, since titles, tags and check-in notes are in the "
               "heads: so its floor is decrypting every field (\"all\"), and decrypting the "
               "bodies alone is shown beside it.\n\n", S_num(s->records));
    fprintf(f, "| target | measured | verdict |\n| --- | --- | --- |\n");
    S_fmt_time(s->med[OP_HISTORY], a);
    S_fmt_time(s->cpu[OP_HISTORY], b);
    fprintf(f, "| History opens within 50 ms after unlock | %s (CPU %s); through the screen, "
               "drawing included: the last table of this report | %s |\n", a, b,
            S_verdict(s->med[OP_HISTORY] <= 0.050, s->cpu[OP_HISTORY] <= 0.050));
    double rw = s->med[OP_SEARCH] / s->med[OP_FLOOR_ALL];
    double rc = s->cpu[OP_SEARCH] / s->cpu[OP_FLOOR_ALL];
    S_fmt_time(s->med[OP_SEARCH], a);
    S_fmt_time(s->med[OP_FLOOR_ALL], b);
    S_fmt_time(s->med[OP_FLOOR_BODIES], c);
    S_fmt_time(s->med[OP_FLOOR_ALL] - s->med[OP_FLOOR_BODIES], d);
    fprintf(f, "| a search over all text within twice the time to decrypt it | %s against %s "
               "for decrypting every head and body: %.2fx (CPU %.2fx); the bodies alone take %s "
               "(%.2fx) and the heads %s | %s |\n", a, b, rw, rc, c,
            s->med[OP_SEARCH] / s->med[OP_FLOOR_BODIES], d, S_verdict(rw <= 2, rc <= 2));
    fputc('\n', f);
}

static void S_targets(FILE *f, const S_size *z, size_t nz, const S_cmd *cmds, size_t ncmds,
                      double edit_worst_us, double edit_wall_us)
{
    char a[32], b[32], c[32], d[32];
    fprintf(f, "## Targets (issue 12), reported, not asserted\n\n");
    fprintf(f, "Ratios are given as wall-clock / CPU time; a target counts as met when the "
               "wall-clock figure meets it, and the CPU figure says whether the work itself "
               "does when the wall clock does not.\n\n");
    fprintf(f, "| target | measured | verdict |\n| --- | --- | --- |\n");

    const S_size *s1 = S_find(z, nz, 1000), *s100 = S_find(z, nz, 100000);
    if (s1 && s100) {
        double rw = s100->med[OP_ADD] / s1->med[OP_ADD], rc = s100->cpu[OP_ADD] / s1->cpu[OP_ADD];
        S_fmt_time(s1->med[OP_ADD], a);
        S_fmt_time(s100->med[OP_ADD], b);
        S_fmt_time(s1->cpu[OP_ADD], c);
        S_fmt_time(s100->cpu[OP_ADD], d);
        fprintf(f, "| add one entry: the same at 1,000 and 100,000 (within 2x) | %s and %s: "
                   "%.2fx (CPU %s and %s: %.2fx) | %s |\n", a, b, rw, c, d, rc,
                S_verdict(rw <= 2 && rw >= 0.5, rc <= 2 && rc >= 0.5));
        fprintf(f, "| add one entry: under 5 ms plus the KDF | %s at 1,000, %s at 100,000 "
                   "(API, no KDF; CPU %s and %s) | %s |\n", a, b, c, d,
                S_verdict(s1->med[OP_ADD] < 5e-3 && s100->med[OP_ADD] < 5e-3,
                          s1->cpu[OP_ADD] < 5e-3 && s100->cpu[OP_ADD] < 5e-3));
    } else {
        fprintf(f, "| add one entry: the same at 1,000 and 100,000 (within 2x), under 5 ms plus "
                   "the KDF | not measured (BENCH_SIZES left out 1,000 or 100,000) | |\n");
    }
    const S_cmd *show = NULL, *add = NULL;
    for (size_t i = 0; i < ncmds; i++) {
        if (strcmp(cmds[i].name, "show") == 0 && cmds[i].ok)
            show = &cmds[i];
        if (strcmp(cmds[i].name, "add") == 0 && cmds[i].ok)
            add = &cmds[i];
    }
    if (show && add) {
        S_fmt_time(add->median, a);
        S_fmt_time(show->median, b);
        double more = add->median - show->median;
        S_fmt_time(fabs(more), c);
        fprintf(f, "| `tend add` (whole command) under 5 ms plus the KDF | %s at 10,000 against "
                   "%s for `tend show` (start, unlock, one record): %s %s | %s |\n", a, b, c,
                more < 0 ? "less" : "more", S_yes(more < 5e-3));
    }

    static const S_op heads_ops[] = { OP_LIST50, OP_HISTORY };
    for (size_t i = 0; i < 2; i++) {
        S_op op = heads_ops[i];
        if (!s100) {
            fprintf(f, "| %s at 100,000: within 3x of the floor for all heads | not measured "
                       "(100,000 left out) | |\n", S_op_name[op]);
            continue;
        }
        double rw = s100->med[op] / s100->med[OP_FLOOR_HEADS];
        double rc = s100->cpu[op] / s100->cpu[OP_FLOOR_HEADS];
        fprintf(f, "| %s at 100,000: within 3x of the floor for all heads | %.2fx / %.2fx | "
                   "%s |\n", S_op_name[op], rw, rc, S_verdict(rw <= 3, rc <= 3));
    }

    static const S_op all_ops[] = { OP_SEARCH, OP_EXPORT };
    static const size_t all_n[] = { 10000, 100000 };
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < 2; k++) {
            const S_size *s = S_find(z, nz, all_n[k]);
            if (!s) {
                fprintf(f, "| %s at %s: within 2x of the floor for everything | not measured "
                           "(left out of BENCH_SIZES) | |\n", S_op_name[all_ops[i]],
                        S_num(all_n[k]));
                continue;
            }
            double rw = s->med[all_ops[i]] / s->med[OP_FLOOR_ALL];
            double rc = s->cpu[all_ops[i]] / s->cpu[OP_FLOOR_ALL];
            fprintf(f, "| %s at %s: within 2x of the floor for everything | %.2fx / %.2fx | "
                       "%s |\n", S_op_name[all_ops[i]], S_num(all_n[k]), rw, rc,
                    S_verdict(rw <= 2, rc <= 2));
        }

    if (edit_worst_us >= 0)
        fprintf(f, "| one key in the editor, 50,000-character entry: under 5 ms worst | worst "
                   "%.1f us of CPU time; worst wall-clock %.1f us (edit_bench, 20,000 keys per "
                   "text) | %s |\n", edit_worst_us, edit_wall_us,
                S_verdict(edit_wall_us < 5000, edit_worst_us < 5000));
    else
        fprintf(f, "| one key in the editor: under 5 ms worst | not measured (edit_bench did "
                   "not run) | |\n");
    fprintf(f, "| one key in History, 100,000 records: under 5 ms worst | see \"Keypress "
               "cost through the scripted UI harness\" at the end (bench/ui-keys.sh runs after "
               "this program) | |\n");

    for (size_t i = 0; i < nz; i++) {
        S_op which = OP_EXPORT;
        long kb = S_worst_beyond_kb(&z[i], &which);
        if (kb < 0) {
            fprintf(f, "| peak memory beyond the KDF at %s: under 2x the decrypted size | not "
                       "measured (no /proc/self/clear_refs) | |\n", S_num(z[i].n));
            continue;
        }
        double r = (double)kb * 1024.0 / (double)z[i].plain_all;
        fprintf(f, "| peak memory beyond the KDF at %s: under 2x the decrypted size | %.1f MiB "
                   "(%s) for %.1f MiB decrypted: %.2fx | %s |\n", S_num(z[i].n),
                (double)kb / 1024.0, S_op_name[which], S_mb((double)z[i].plain_all), r,
                S_yes(r < 2));
    }
    fputc('\n', f);
    S_targets_issue9(f, z, nz);
}

static void S_report(const char *file, const S_size *z, size_t nz, int runs, const S_cmd *cmds,
                     size_t ncmds, bool have_cmds, const char *edit_out, double edit_worst_us,
                     double edit_wall_us)
{
    FILE *f = fopen(file, "w");
    if (!f)
        S_die("cannot write %s: %s", file, strerror(errno));
    char cpu[256], date[64], a[32], b[32];
    S_cpu_model(cpu, sizeof cpu);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
    struct utsname un;
    bool have_un = uname(&un) == 0;
    uint64_t ops = nz ? z[0].kdf_ops : 0, mem = nz ? z[0].kdf_mem : 0;

    fprintf(f, "# tend benchmarks\n\n");
    fprintf(f, "Written by `make bench` (bench/bench.c); run it again to refresh. What each "
               "number means: bench/README.md.\n\n");
    fprintf(f, "## Machine and settings\n\n");
    fprintf(f, "- Date: %s\n", date);
    fprintf(f, "- CPU: %s, %ld online (nproc)\n", cpu, sysconf(_SC_NPROCESSORS_ONLN));
    fprintf(f, "- Memory: %.1f GiB\n", (double)S_proc_kb("/proc/meminfo", "MemTotal") / 1048576.0);
    if (have_un)
        fprintf(f, "- System: %s %s %s\n", un.sysname, un.release, un.machine);
    fprintf(f, "- Compiler: %s %s, flags `%s` (release objects, no sanitizers)\n",
#ifdef __clang__
            "clang",
#else
            "gcc",
#endif
            __VERSION__, BENCH_CFLAGS);
    fprintf(f, "- KDF: Argon2id at the **interactive** setting (ops %llu, mem %llu MiB), used "
               "for every benchmarked journal. New journals default to moderate (ops 3, "
               "256 MiB), which makes unlock (and so every whole command) slower and changes "
               "nothing else.\n", (unsigned long long)ops, (unsigned long long)(mem >> 20));
    fprintf(f, "- Load average (1, 5, 15 min) at the start: %s; at the end: %s\n",
            S_load_start, S_loadavg());
    fprintf(f, "- Each figure is the median of %d runs; whole commands: hyperfine, 10 runs "
               "after one warm-up.\n\n", runs);

    fprintf(f, "## Generated journals (fixed seed; generation is not measured)\n\n");
    fprintf(f, "| entries | check-ins | records | days | from | to | file | sealed bytes | "
               "decrypted heads | decrypted all | generated in |\n");
    fprintf(f, "| ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (size_t i = 0; i < nz; i++)
        fprintf(f, "| %s | %s | %s | %s | %s | %s | %.1f MB | %.1f MB | %.1f MB | %.1f MB | "
                   "%.1f s |\n", S_num(z[i].gen.entries), S_num(z[i].gen.checkins),
                S_num(z[i].records), S_num(z[i].gen.days), z[i].gen.first, z[i].gen.last, (double)z[i].file_bytes / 1e6,
                (double)z[i].sealed_bytes / 1e6, (double)z[i].plain_heads / 1e6,
                (double)z[i].plain_all / 1e6, z[i].gen.seconds);
    fprintf(f, "\n");

    fprintf(f, "## Operations in process (journal API, release build)\n\n");
    fprintf(f, "Ratio: median / floor, where the floor is opening every sealed head "
               "(\"heads\") or every sealed head and body (\"all\") of the same journal with "
               "`tend_vault_open`, in memory, timed before and between the runs of the "
               "operations compared with it (the median of all those runs), so that a slow "
               "spell of a shared machine slows a floor as much as what it is compared with. "
               "\"median\" is wall-clock time, what a person waits "
               "for, and \"ratio\" uses it; \"CPU\" is the median of the process's CPU time "
               "over the same runs, and \"CPU ratio\" compares it with the floor's CPU time. "
               "CPU time leaves out waiting for the disk (add's and rekey's fsyncs) and for a "
               "CPU when the machine is busy (see the load average above), so on a shared "
               "machine it is the steadier measure of the work done.\n\n");
    fprintf(f, "| operation | N | median | CPU | floor | ratio | CPU ratio | notes |\n");
    fprintf(f, "| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |\n");
    for (S_op op = 0; op < OP_COUNT; op++)
        for (size_t i = 0; i < nz; i++) {
            S_fmt_time(z[i].med[op], a);
            S_fmt_time(z[i].cpu[op], b);
            double fl = S_floor_of(&z[i], op);
            char note[128] = "";
            if (op == OP_SEARCH)
                snprintf(note, sizeof note, "%s hits for \"%s\"", S_num(z[i].result[op]), S_QUERY);
            else if (op == OP_HISTORY)
                snprintf(note, sizeof note, "%s days", S_num(z[i].result[op]));
            else if (op == OP_EXPORT)
                snprintf(note, sizeof note, "%.1f MB of JSON", (double)z[i].result[op] / 1e6);
            if (fl > 0)
                fprintf(f, "| %s | %s | %s | %s | %s | %.2fx | %.2fx | %s |\n", S_op_name[op],
                        S_num(z[i].n), a, b, S_op_floor[op] == 1 ? "heads" : "all",
                        z[i].med[op] / fl, z[i].cpu[op] / S_floor_cpu_of(&z[i], op), note);
            else
                fprintf(f, "| %s | %s | %s | %s | | | | %s |\n", S_op_name[op], S_num(z[i].n),
                        a, b, note);
        }
    fprintf(f, "\n");

    fprintf(f, "## Whole commands (hyperfine, 10,000 entries)\n\n");
    if (!have_cmds) {
        fprintf(f, "Not measured: the 10,000-entry journal was not in BENCH_SIZES, or the tend "
                   "binary or hyperfine was missing.\n\n");
    } else {
        fprintf(f, "Each includes starting the process, unlocking (the interactive KDF) and "
                   "closing. `tend show` opens the journal and prints one record, which is about "
               "the cost of starting and unlocking alone. `tend list` prints every entry and check-in (to /dev/null); `tend "
                   "export` writes all of them as tend-json to /dev/null; `tend add` adds to a "
                   "copy of the journal. jrnl's figures are the ones quoted in issue 12 (an "
                   "encrypted 10,000-entry jrnl journal on this kind of machine), not measured "
                   "here.\n\n");
        fprintf(f, "| command | median | mean | min | max | CPU (user + sys) | jrnl (issue 12) "
                   "|\n");
        fprintf(f, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (size_t i = 0; i < ncmds; i++) {
            if (!cmds[i].ok) {
                fprintf(f, "| `tend %s` | failed | | | | |\n", cmds[i].name);
                continue;
            }
            char m1[32], m2[32], m3[32], m4[32], m5[32];
            S_fmt_time(cmds[i].median, m1);
            S_fmt_time(cmds[i].mean, m2);
            S_fmt_time(cmds[i].min, m3);
            S_fmt_time(cmds[i].max, m4);
            S_fmt_time(cmds[i].cpu, m5);
            char jr[32] = "";
            if (cmds[i].jrnl > 0)
                snprintf(jr, sizeof jr, "%.2f s", cmds[i].jrnl);
            fprintf(f, "| `tend %s` (%s) | %s | %s | %s | %s | %s | %s |\n", cmds[i].name,
                    cmds[i].what, m1, m2, m3, m4, m5, jr);
        }
        fprintf(f, "\n");
    }

    fprintf(f, "## Keypress cost\n\n");
    fprintf(f, "Editor: bench/edit_bench.c (the edit buffer with no terminal: insert, layout "
               "repair and cursor position per key, as the editor screen does). Its output:\n\n");
    fprintf(f, "```\n%s```\n\n", edit_out ? edit_out : "(edit_bench did not run)\n");
    fprintf(f, "The editor screen and History with 100,000 records, each key timed through "
               "the scripted UI harness up to the end of its redraw: see the last section, "
               "written by bench/ui-keys.sh. What History does on opening is measured above as "
               "\"open History (data path)\": tend_journal_heads and tend_group_by_day.\n\n");

    fprintf(f, "## Peak memory\n\n");
    fprintf(f, "Each operation in its own process: unlock, reset the peak "
               "(/proc/self/clear_refs), run once, then read the peak resident size (VmHWM, the "
               "counter getrusage's ru_maxrss reports; ru_maxrss itself would also carry the peak "
               "of the benchmark process the child was forked from). \"beyond\" is the "
               "peak minus the resident size after unlock, so it leaves out the KDF's own "
               "memory (shown on the unlock rows: its peak above the size before it).\n\n");
    fprintf(f, "| operation | N | RSS before | peak | beyond | decrypted journal | beyond / "
               "decrypted |\n");
    fprintf(f, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (size_t i = 0; i < nz; i++)
        for (S_op op = 0; op <= OP_REKEY; op++) {
            const S_mem *m = &z[i].mem[op];
            if (!m->ok)
                continue;
            long beyond = m->peak_kb - m->base_kb;
            fprintf(f, "| %s | %s | %.1f MiB | %.1f MiB | %.1f MiB | %.1f MiB | %.2fx%s |\n",
                    op == OP_UNLOCK ? "unlock (the KDF's own)" : S_op_name[op], S_num(z[i].n),
                    m->base_kb / 1024.0, m->peak_kb / 1024.0, beyond / 1024.0,
                    S_mb((double)z[i].plain_all), (double)beyond * 1024.0 / (double)z[i].plain_all,
                    op == OP_UNLOCK ? " (not a target)" : "");
        }
    fprintf(f, "\n");

    S_targets(f, z, nz, cmds, ncmds, edit_worst_us, edit_wall_us);

    fprintf(f, "## Not measured yet\n\n");
    S_fmt_time(nz ? z[0].med[OP_UNLOCK] : 0, b);
    fprintf(f, "- The moderate and sensitive KDF settings (only unlock changes; interactive "
               "unlock here: %s).\n", b);
    if (fclose(f) != 0)
        S_die("cannot write %s", file);
}

/* ---- main ------------------------------------------------------------------------------ */

static size_t S_parse_sizes(const char *s, size_t *out)
{
    size_t n = 0;
    while (*s && n < S_MAX_SIZES) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(s, &end, 10);
        if (errno || end == s || v == 0 || v > 10000000ull)
            S_die("--sizes: '%s' is not a list of entry counts like 1000,10000", s);
        out[n++] = (size_t)v;
        s = *end == ',' ? end + 1 : end;
        if (*end && *end != ',')
            S_die("--sizes: unexpected '%s'", end);
    }
    return n;
}

int main(int argc, char **argv)
{
    const char *sizes_arg = "1000,10000,100000", *work = "build/bench/work", *tend = NULL,
               *edit = NULL, *report = "bench/REPORT.md";
    int runs = 5;
    if (argc == 4 && strcmp(argv[1], "--memory-child") == 0)
        return S_memory_child(argv[2], argv[3]);
    for (int i = 1; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            S_die("%s needs a value", argv[i]);
        if (strcmp(argv[i], "--sizes") == 0)
            sizes_arg = v;
        else if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(v);
        else if (strcmp(argv[i], "--work") == 0)
            work = v;
        else if (strcmp(argv[i], "--tend") == 0)
            tend = v;
        else if (strcmp(argv[i], "--edit-bench") == 0)
            edit = v;
        else if (strcmp(argv[i], "--report") == 0)
            report = v;
        else
            S_die("unknown option %s (see the comment at the top of bench/bench.c)", argv[i]);
        i++;
    }
    if (runs < 1 || runs > S_MAX_RUNS)
        S_die("--runs must be 1..%d", S_MAX_RUNS);
    if (!S_quotable(work) || (tend && !S_quotable(tend)) || (edit && !S_quotable(edit)))
        S_die("paths with a single quote are not supported");
    if (!tend_locale_init())
        fprintf(stderr, "bench: no UTF-8 locale; widths may be off\n");
    snprintf(S_load_start, sizeof S_load_start, "%s", S_loadavg());
    if (mkdir(work, 0700) != 0 && errno != EEXIST)
        S_die("cannot make %s: %s", work, strerror(errno));

    size_t sizes[S_MAX_SIZES];
    size_t nz = S_parse_sizes(sizes_arg, sizes);
    S_size *z = calloc(nz ? nz : 1, sizeof *z);
    if (!z)
        S_die("out of memory");
    printf("tend bench: sizes %s, median of %d runs, interactive KDF\n", sizes_arg, runs);
    printf("  %-26s %7s %12s %12s   %s\n", "operation", "N", "median", "CPU",
           "ratio to floor (wall / CPU)");
    for (size_t i = 0; i < nz; i++)
        S_bench_size(work, sizes[i], runs, &z[i]);

    S_cmd cmds[] = {
        { "list", "all 10,000 entries and their check-ins", 0.72, 0, 0, 0, 0, 0, false },
        { "show", "one entry: about unlock alone, the baseline for add", 0, 0, 0, 0, 0, 0,
          false },
        { "add", "one ~150-word entry", 1.8, 0, 0, 0, 0, 0, false },
        { "export", "tend-json of everything", 1.7, 0, 0, 0, 0, 0, false },
    };
    size_t ncmds = sizeof cmds / sizeof *cmds;
    bool have_cmds = false;
    if (S_find(z, nz, 10000) && tend) {
        if (system("command -v hyperfine >/dev/null 2>&1") != 0) {
            fprintf(stderr, "bench: hyperfine is not installed; skipping whole commands "
                            "(make bench installs it)\n");
        } else {
            char journal[4096];
            snprintf(journal, sizeof journal, "%s/journal-10000.db", work);
            S_hyperfine(work, tend, journal, S_find(z, nz, 10000)->first_id, cmds, ncmds);
            have_cmds = true;
        }
    }
    double worst_us = -1, wall_us = -1;
    char *edit_out = edit ? S_edit_bench(edit, &worst_us, &wall_us) : NULL;

    S_report(report, z, nz, runs, cmds, ncmds, have_cmds, edit_out, worst_us, wall_us);
    printf("\nwrote %s\n", report);
    tend_wipe_str(edit_out);
    free(z);
    return 0;
}
