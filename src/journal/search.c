/*
 * search.c — full-text search over decrypted records (include/tend/search.h).
 *
 * How it works. The query is folded once. For each record, every searchable
 * text is folded into one reused buffer, separated by newlines (a query
 * never holds a newline, so no match can straddle two texts), and the
 * folded query is looked for with memmem. That fast path
 * writes no offsets and allocates nothing once the buffer is big enough, so
 * searching costs one pass over the bytes the journal just decrypted. Only
 * a record that matches goes through the slow path: each of its texts is
 * folded again with a map from every folded byte back to the original
 * character it came from, the matches are mapped to whole original
 * characters, and the lines holding them are copied out.
 *
 * Folding is a small hand table rather than full Unicode case folding and
 * normalisation (which would need ICU; nothing in Debian does it well for C
 * without it): ASCII, Latin-1 Supplement and Latin Extended-A letters (plus
 * Romanian comma-below letters and capital sharp s) lose case and accents;
 * combining marks U+0300..U+036F and variation selectors are dropped, so a
 * decomposed "e" + U+0301 folds like "é"; basic Greek and Cyrillic lose
 * case. Other letters (Vietnamese precomposed letters in Latin Extended
 * Additional, for one) are compared as they are.
 *
 * Every folded copy is wiped after each record and before it is freed.
 */
#define _GNU_SOURCE /* memmem */
#include "tend/search.h"

#include "tend/date.h"
#include "tend/vec.h"

#include <stdlib.h>
#include <string.h>

#define S_NONE ((size_t)-1)

/* ---- folding ------------------------------------------------------------------ */

/* U+00C0..U+017F folded to one ASCII letter; '*' = see S_fold_multi, '=' =
 * kept as it is (the multiplication and division signs). */
static const char S_latin[] =
    "aaaaaa*ceeeeiiii" /* U+00C0 */
    "dnooooo=ouuuuy**" /* U+00D0 */
    "aaaaaa*ceeeeiiii" /* U+00E0 */
    "dnooooo=ouuuuy*y" /* U+00F0 */
    "aaaaaaccccccccdd" /* U+0100 */
    "ddeeeeeeeeeegggg" /* U+0110 */
    "gggghhhhiiiiiiii" /* U+0120 */
    "ii**jjkkklllllll" /* U+0130 */
    "lllnnnnnnnnnoooo" /* U+0140 */
    "oo**rrrrrrssssss" /* U+0150 */
    "ssttttttuuuuuuuu" /* U+0160 */
    "uuuuwwyyyzzzzzzs"; /* U+0170 */

_Static_assert(sizeof S_latin - 1 == 0x180 - 0xC0, "one letter per code point");

/* The letters that fold to two. */
static const char *S_fold_multi(uint32_t cp)
{
    switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0xDE: case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: case 0x133: return "ij";
    case 0x152: case 0x153: return "oe";
    default: return NULL;
    }
}

/* True for the code points folding drops. */
static bool S_dropped(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0xFE00 && cp <= 0xFE0F);
}

/* Writes the folded form of cp (a scalar value or U+FFFD) to out[0..4) and
 * returns its length (0 when dropped). */
static size_t S_fold_cp(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return 1;
    }
    if (cp >= 0xC0 && cp < 0x180) {
        char c = S_latin[cp - 0xC0];
        if (c == '*') {
            const char *m = S_fold_multi(cp);
            out[0] = m[0];
            out[1] = m[1];
            return 2;
        }
        if (c != '=') {
            out[0] = c;
            return 1;
        }
    } else if (S_dropped(cp)) {
        return 0;
    } else if (cp >= 0x218 && cp <= 0x21B) { /* Ș ș Ț ț */
        out[0] = cp < 0x21A ? 's' : 't';
        return 1;
    } else if (cp == 0x1E9E) { /* capital sharp s */
        out[0] = 's';
        out[1] = 's';
        return 2;
    } else if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
        cp += 0x20; /* Greek, Cyrillic capitals */
    } else if (cp >= 0x400 && cp <= 0x40F) {
        cp += 0x50; /* Cyrillic capitals with marks: Ё -> ё */
    } else if (cp == 0x3C2) {
        cp = 0x3C3; /* final sigma */
    }
    return tend_utf8_encode(cp, out);
}

/* Folds s[0..len) into b (after what it holds). At most 3 bytes come out
 * per byte in (an invalid byte becomes U+FFFD). Nothing is written past
 * where b->len ends up, so tend_buf_clear wipes all of it. */
static tend_status S_fold_append(tend_buf *b, const char *s, size_t len)
{
    if (len > (SIZE_MAX - 8) / 3 || tend_buf_reserve(b, 3 * len + 4) != TEND_OK)
        return TEND_ENOMEM;
    char *o = b->data + b->len;
    size_t i = 0;
    while (i < len) {
        /* Eight ASCII bytes at a time: each byte in 'A'..'Z' gains 0x20.
         * No byte is above 0x7f, so the additions carry into no other
         * byte: the high bit of each byte of w + 0x3f says it is >= 'A',
         * of w + 0x25 that it is > 'Z'. */
        if (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & UINT64_C(0x8080808080808080))) {
                uint64_t upper = (w + UINT64_C(0x3f3f3f3f3f3f3f3f))
                                 & ~(w + UINT64_C(0x2525252525252525))
                                 & UINT64_C(0x8080808080808080);
                w |= upper >> 2;
                memcpy(o, &w, 8);
                o += 8;
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            *o++ = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        uint32_t cp;
        i += tend_utf8_decode(s + i, len - i, &cp);
        o += S_fold_cp(cp, o);
    }
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return TEND_OK;
}

tend_status tend_fold(const char *s, size_t len, tend_buf *out)
{
    return S_fold_append(out, s, len);
}

/* ---- the search object --------------------------------------------------------- */

struct tend_search {
    tend_search_opts opts;
    char *needle;          /* the folded query */
    size_t nlen;
    tend_buf all;          /* fast path: every text of a record, folded */
    tend_buf mfold;        /* slow path: one text folded ... */
    size_t *map;           /* ... and the original offset of each of its bytes */
    size_t mapcap;         /* room of map (vec.h, wiped) */
    tend_span *spans;      /* slow path: ranges in one text */
    size_t nspans, spancap; /* spancap: room of spans (vec.h, wiped) */
};

tend_status tend_search_new(const char *query, const tend_search_opts *opts, tend_search **out,
                            tend_error *err)
{
    *out = NULL;
    size_t qlen = strlen(query);
    if (!tend_utf8_valid(query, qlen))
        return tend_fail(err, TEND_EINVAL, "the search is not valid UTF-8");
    if (memchr(query, '\n', qlen) || memchr(query, '\r', qlen))
        return tend_fail(err, TEND_EINVAL, "search for one line of text at a time");
    tend_search *s = calloc(1, sizeof *s);
    if (!s)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    if (opts)
        s->opts = *opts;
    tend_buf q = TEND_BUF_INIT;
    if (S_fold_append(&q, query, qlen) != TEND_OK) {
        tend_buf_free(&q);
        free(s);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    if (q.len == 0) {
        tend_buf_free(&q);
        free(s);
        return tend_fail(err, TEND_EINVAL, "there is nothing to search for; type a word");
    }
    s->nlen = q.len;
    s->needle = tend_buf_take(&q, NULL);
    if (!s->needle) {
        tend_buf_free(&q);
        free(s);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    *out = s;
    return TEND_OK;
}

void tend_search_free(tend_search *s)
{
    if (!s)
        return;
    tend_wipe_free(s->needle, s->nlen + 1);
    tend_buf_free(&s->all);
    tend_buf_free(&s->mfold);
    tend_grow_free(&s->map, s->mapcap, sizeof *s->map, true);
    tend_grow_free(&s->spans, s->spancap, sizeof *s->spans, true);
    tend_wipe_free(s, sizeof *s);
}

/* The first occurrence of the folded query in h[from..hlen), or S_NONE.
 * glibc's memmem is a two-way search with a fast first-byte scan; it beat
 * a hand-written Horspool loop on the bench's journals. */
static size_t S_find(const tend_search *s, const char *h, size_t hlen, size_t from)
{
    if (from > hlen || hlen - from < s->nlen)
        return S_NONE;
    const char *hit = memmem(h + from, hlen - from, s->needle, s->nlen);
    return hit ? (size_t)(hit - h) : S_NONE;
}

/* ---- the slow path: ranges in the original text -------------------------------- */

/* Folds text into s->mfold with s->map[i] = offset in text of the character
 * that gave folded byte i. */
static tend_status S_fold_mapped(tend_search *s, const char *text, size_t len)
{
    tend_buf_clear(&s->mfold);
    if (len > (SIZE_MAX / sizeof(size_t) - 8) / 3 || tend_buf_reserve(&s->mfold, 3 * len + 4))
        return TEND_ENOMEM;
    if (tend_grow(&s->map, &s->mapcap, 3 * len + 4, sizeof *s->map, true) != TEND_OK)
        return TEND_ENOMEM;
    char *o = s->mfold.data;
    size_t i = 0, n = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = tend_utf8_decode(text + i, len - i, &cp);
        size_t f = S_fold_cp(cp, o + n);
        for (size_t j = 0; j < f; j++)
            s->map[n + j] = i;
        n += f;
        i += k;
    }
    s->mfold.len = n;
    o[n] = '\0';
    return TEND_OK;
}

/* The code point at text[pos..len) and its length. */
static size_t S_cp_at(const char *text, size_t len, size_t pos, uint32_t *cp)
{
    return tend_utf8_decode(text + pos, len - pos, cp);
}

/* The original range of the folded match [fs, fe), widened to whole
 * characters: back to the base of a combining sequence or the start of a
 * joined (ZWJ) sequence, forward over marks, dropped characters and joins. */
static tend_span S_to_original(const tend_search *s, const char *text, size_t len, size_t fs,
                               size_t fe)
{
    const size_t *map = s->map;
    size_t fi = fs;
    while (fi > 0) {
        uint32_t cp, prev;
        S_cp_at(text, len, map[fi], &cp);
        S_cp_at(text, len, map[fi - 1], &prev);
        if (prev == '\n' || (!tend_cp_is_extend(cp) && prev != 0x200D))
            break;
        size_t p = map[fi - 1];
        while (fi > 0 && map[fi - 1] == p)
            fi--;
    }
    tend_span r;
    r.start = map[fi];
    uint32_t cp;
    r.end = map[fe - 1] + S_cp_at(text, len, map[fe - 1], &cp);
    bool joined = (cp == 0x200D);
    while (r.end < len) {
        size_t k = S_cp_at(text, len, r.end, &cp);
        if (cp == '\n' || (!joined && !S_dropped(cp) && !tend_cp_is_extend(cp)))
            break;
        joined = (cp == 0x200D);
        r.end += k;
    }
    return r;
}

/* Finds every range of the query in text into s->spans / s->nspans
 * (overlapping ranges merged). *nfound gets the number of matches. */
static tend_status S_spans(tend_search *s, const char *text, size_t len, size_t *nfound)
{
    s->nspans = 0;
    *nfound = 0;
    if (S_fold_mapped(s, text, len) != TEND_OK)
        return TEND_ENOMEM;
    size_t at = 0, fs;
    while ((fs = S_find(s, s->mfold.data, s->mfold.len, at)) != S_NONE) {
        tend_span r = S_to_original(s, text, len, fs, fs + s->nlen);
        at = fs + s->nlen;
        (*nfound)++;
        if (s->nspans && r.start < s->spans[s->nspans - 1].end) {
            if (r.end > s->spans[s->nspans - 1].end)
                s->spans[s->nspans - 1].end = r.end;
            continue;
        }
        if (tend_grow(&s->spans, &s->spancap, s->nspans + 1, sizeof *s->spans, true) !=
            TEND_OK) {
            tend_buf_clear(&s->mfold);
            return TEND_ENOMEM;
        }
        s->spans[s->nspans++] = r;
    }
    tend_buf_clear(&s->mfold);
    return TEND_OK;
}

tend_status tend_search_spans(tend_search *s, const char *text, size_t len, tend_span *spans,
                              size_t max, size_t *n)
{
    size_t found;
    *n = 0;
    if (S_spans(s, text, len, &found) != TEND_OK)
        return TEND_ENOMEM;
    for (size_t i = 0; i < s->nspans && i < max; i++)
        spans[i] = s->spans[i];
    *n = s->nspans;
    return TEND_OK;
}

const char *tend_search_in_name(tend_search_in in)
{
    switch (in) {
    case TEND_SEARCH_IN_TITLE: return "title";
    case TEND_SEARCH_IN_TAG: return "tag";
    case TEND_SEARCH_IN_FIELD: return "field";
    case TEND_SEARCH_IN_BODY: return "body";
    }
    return "text";
}

/* Wipes and frees what l owns and zeroes it. */
static void S_line_clear(tend_search_line *l)
{
    tend_wipe_str(l->key);
    tend_wipe_free(l->text, l->len + 1);
    free(l->spans);
    memset(l, 0, sizeof *l);
}

void tend_search_hit_clear(tend_search_hit *hit)
{
    for (size_t i = 0; i < hit->nlines; i++)
        S_line_clear(&hit->lines[i]);
    tend_grow_free(&hit->lines, hit->lines_room, sizeof *hit->lines, true);
    tend_head_clear(&hit->head);
    tend_wipe(hit->id, sizeof hit->id);
    hit->nlines = 0;
    hit->lines_room = 0;
    hit->nmatches = 0;
}

/* Appends one line to hit: text[ls..le) with spans sp[0..nsp) (offsets in
 * text). */
static tend_status S_add_line(tend_search_hit *hit, tend_search_in in, const char *key,
                              size_t index, size_t lineno, const char *text, size_t ls,
                              size_t le, const tend_span *sp, size_t nsp)
{
    if (le > ls && text[le - 1] == '\r')
        le--;
    tend_search_line l = { in, NULL, index, lineno, NULL, le - ls, NULL, nsp };
    l.text = tend_strndup(text + ls, le - ls);
    l.spans = malloc(nsp * sizeof *l.spans);
    if (key)
        l.key = tend_strdup(key);
    if (!l.text || !l.spans || (key && !l.key) ||
        tend_grow(&hit->lines, &hit->lines_room, hit->nlines + 1, sizeof *hit->lines, true) !=
            TEND_OK) {
        S_line_clear(&l);
        return TEND_ENOMEM;
    }
    /* A NUL inside the line would cut the copy short; keep the length true. */
    l.len = strlen(l.text);
    for (size_t i = 0; i < nsp; i++) {
        size_t a = sp[i].start - ls, b = sp[i].end - ls;
        l.spans[i].start = a < l.len ? a : l.len;
        l.spans[i].end = b < l.len ? b : l.len;
    }
    hit->lines[hit->nlines++] = l;
    return TEND_OK;
}

/* Slow path for one text: adds its matching lines to hit. */
static tend_status S_text_lines(tend_search *s, const char *text, size_t len, tend_search_in in,
                                const char *key, size_t index, tend_search_hit *hit)
{
    size_t found;
    if (S_spans(s, text, len, &found) != TEND_OK)
        return TEND_ENOMEM;
    hit->nmatches += s->nspans;
    size_t lineno = 1, counted = 0; /* newlines counted in text[0..counted) */
    size_t k = 0;
    while (k < s->nspans) {
        size_t at = s->spans[k].start;
        const char *nl = memchr(text + at, '\n', len - at);
        size_t le = nl ? (size_t)(nl - text) : len;
        size_t ls = at;
        while (ls > 0 && text[ls - 1] != '\n')
            ls--;
        for (size_t i = counted; i < ls; i++)
            lineno += text[i] == '\n';
        counted = ls;
        size_t first = k;
        while (k < s->nspans && s->spans[k].start < le)
            k++;
        if (s->opts.max_lines && hit->nlines >= s->opts.max_lines)
            continue;
        if (S_add_line(hit, in, key, index, lineno, text, ls, le, s->spans + first, k - first))
            return TEND_ENOMEM;
    }
    return TEND_OK;
}

/* ---- records ----------------------------------------------------------------- */

static bool S_field_is_text(const tend_search *s, const char *key)
{
    if (s->opts.field_is_text)
        return s->opts.field_is_text(s->opts.field_ctx, key);
    return strcmp(key, "note") == 0 || strchr(key, '.') != NULL;
}

/* Fast path: folds every searchable text of rec into s->all and looks. */
static tend_status S_record_matches(tend_search *s, const tend_record *rec, bool *matched)
{
    const tend_head *h = &rec->head;
    tend_buf *b = &s->all;
    tend_status st = S_fold_append(b, h->title ? h->title : "", h->title ? strlen(h->title) : 0);
    for (size_t i = 0; st == TEND_OK && i < h->ntags; i++) {
        st = tend_buf_putc(b, '\n');
        if (st == TEND_OK)
            st = S_fold_append(b, h->tags[i], strlen(h->tags[i]));
    }
    for (size_t i = 0; st == TEND_OK && i < h->nfields; i++) {
        if (!S_field_is_text(s, h->fields[i].key))
            continue;
        st = tend_buf_putc(b, '\n');
        if (st == TEND_OK)
            st = S_fold_append(b, h->fields[i].value, strlen(h->fields[i].value));
    }
    if (st == TEND_OK && rec->body) {
        st = tend_buf_putc(b, '\n');
        if (st == TEND_OK)
            st = S_fold_append(b, rec->body, rec->body_len);
    }
    *matched = st == TEND_OK && S_find(s, b->data, b->len, 0) != S_NONE;
    tend_buf_clear(b);
    return st;
}

tend_status tend_search_record(tend_search *s, const tend_record *rec, tend_search_hit *hit,
                               bool *matched, tend_error *err)
{
    *matched = false;
    bool m;
    if (S_record_matches(s, rec, &m) != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    if (!m)
        return TEND_OK;
    if (!hit) {
        *matched = true;
        return TEND_OK;
    }
    const tend_head *h = &rec->head;
    tend_status st = tend_head_copy(&hit->head, h);
    hit->head.uuid = h->uuid;
    if (st == TEND_OK && h->title)
        st = S_text_lines(s, h->title, strlen(h->title), TEND_SEARCH_IN_TITLE, NULL, 0, hit);
    for (size_t i = 0; st == TEND_OK && i < h->ntags; i++)
        st = S_text_lines(s, h->tags[i], strlen(h->tags[i]), TEND_SEARCH_IN_TAG, NULL, i, hit);
    for (size_t i = 0; st == TEND_OK && i < h->nfields; i++) {
        if (S_field_is_text(s, h->fields[i].key))
            st = S_text_lines(s, h->fields[i].value, strlen(h->fields[i].value),
                              TEND_SEARCH_IN_FIELD, h->fields[i].key, i, hit);
    }
    if (st == TEND_OK && rec->body)
        st = S_text_lines(s, rec->body, rec->body_len, TEND_SEARCH_IN_BODY, NULL, 0, hit);
    if (st != TEND_OK) {
        tend_search_hit_clear(hit);
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    }
    *matched = true;
    return TEND_OK;
}

/* ---- a whole journal ------------------------------------------------------------ */

/* Hits while the journal is scanned (in the order records are stored). */
typedef struct {
    tend_search *s;
    tend_search_results *out;
    TEND_VEC(int64_t) added; /* added.v[i]: the tend_journal_scan number of out->v[i] */
    tend_error *err;
} search_collector;

/* A tend_journal_scan callback: searches rec and keeps it as a hit when it
 * matches. TEND_ENOMEM stops the scan. */
static tend_status S_collect_one(void *ctx, const tend_record *rec, int64_t added)
{
    search_collector *c = ctx;
    tend_search_results *r = c->out;
    tend_search_hit hit = TEND_SEARCH_HIT_INIT;
    bool matched;
    tend_status st = tend_search_record(c->s, rec, &hit, &matched, c->err);
    if (st != TEND_OK || !matched)
        return st;
    /* The hits hold the person's words: wiped growth. */
    if (tend_grow(&r->v, &r->cap, r->n + 1, sizeof *r->v, true) != TEND_OK ||
        tend_vec_push(&c->added, added) != TEND_OK) {
        tend_search_hit_clear(&hit);
        return tend_fail(c->err, TEND_ENOMEM, "out of memory");
    }
    r->v[r->n++] = hit;
    return TEND_OK;
}

/* A hit's place in the results: newest created first, ties newest added
 * first, as tend_journal_list orders heads. */
typedef struct {
    int64_t created, added;
    size_t i;
} hit_order;

/* qsort order of hit_order: newest created first, ties newest added. */
static int S_newest_first(const void *a, const void *b)
{
    const hit_order *x = a, *y = b;
    if (x->created != y->created)
        return x->created > y->created ? -1 : 1;
    return x->added > y->added ? -1 : x->added < y->added;
}

/* Puts the hits of c in order and gives them their short ids. */
static tend_status S_finish(tend_journal *j, search_collector *c, tend_error *err)
{
    tend_search_results *r = c->out;
    if (r->n == 0)
        return TEND_OK;
    hit_order *o = malloc(r->n * sizeof *o);
    tend_search_hit *v = malloc(r->cap * sizeof *v);
    tend_uuid *ids = malloc(r->n * sizeof *ids);
    char (*sids)[TEND_UUID_HEX + 1] = malloc(r->n * sizeof *sids);
    tend_status st = TEND_OK;
    if (!o || !v || !ids || !sids) {
        st = tend_fail(err, TEND_ENOMEM, "out of memory");
    } else {
        for (size_t i = 0; i < r->n; i++)
            o[i] = (hit_order){ r->v[i].head.created, c->added.v[i], i };
        qsort(o, r->n, sizeof *o, S_newest_first);
        for (size_t i = 0; i < r->n; i++) {
            v[i] = r->v[o[i].i];
            ids[i] = v[i].head.uuid;
        }
        tend_wipe_free(r->v, r->cap * sizeof *r->v);
        r->v = v;
        v = NULL;
        st = tend_journal_short_ids(j, ids, r->n, sids, err);
        for (size_t i = 0; st == TEND_OK && i < r->n; i++)
            memcpy(r->v[i].id, sids[i], sizeof r->v[i].id);
    }
    tend_wipe_free(o, o ? r->n * sizeof *o : 0);
    free(v);
    free(ids);
    free(sids);
    return st;
}

tend_status tend_search_journal(tend_journal *j, tend_search *s, const tend_filter *f,
                                tend_search_results *out, tend_error *err)
{
    tend_search_results_free(out);
    search_collector c = { s, out, TEND_VEC_INIT, err };
    size_t damaged = 0;
    tend_status st = tend_journal_scan(j, f, S_collect_one, &c, &damaged, err);
    if (st == TEND_OK)
        st = S_finish(j, &c, err);
    tend_vec_free(&c.added);
    if (st != TEND_OK) {
        tend_search_results_free(out);
        return st;
    }
    out->ndamaged = damaged;
    return TEND_OK;
}

void tend_search_results_free(tend_search_results *r)
{
    for (size_t i = 0; i < r->n; i++)
        tend_search_hit_clear(&r->v[i]);
    tend_grow_free(&r->v, r->cap, sizeof *r->v, true);
    r->n = r->cap = r->ndamaged = 0;
}

/* ---- history helpers ------------------------------------------------------------- */

bool tend_head_has_answer(const tend_head *h, const char *key, const char *value)
{
    for (size_t i = 0; i < h->nfields; i++) {
        if (strcmp(h->fields[i].key, key) == 0 && strcmp(h->fields[i].value, value) == 0)
            return true;
    }
    return false;
}

tend_status tend_group_by_day(const tend_head *heads, size_t n, tend_day_group **groups,
                              size_t *ngroups, tend_error *err)
{
    *groups = NULL;
    *ngroups = 0;
    if (n == 0)
        return TEND_OK;
    size_t count = 1;
    int64_t prev = tend_local_day(heads[0].created, heads[0].utc_offset);
    for (size_t i = 1; i < n; i++) {
        int64_t d = tend_local_day(heads[i].created, heads[i].utc_offset);
        count += d != prev;
        prev = d;
    }
    tend_day_group *g = malloc(count * sizeof *g);
    if (!g)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t d = tend_local_day(heads[i].created, heads[i].utc_offset);
        if (i == 0 || d != g[k - 1].day)
            g[k++] = (tend_day_group){ d, i, 0 };
        g[k - 1].n++;
    }
    *groups = g;
    *ngroups = k;
    return TEND_OK;
}
