/*
 * fuzz_search.c — folding and matching (src/journal/search.c) on arbitrary
 * bytes. Input: one byte n, then n bytes of query, then the text. On any
 * input: folding gives valid UTF-8 no more than three times as long and is
 * idempotent; every range found is inside the text, ascending and not
 * overlapping, and its folded form contains the folded query; the lines of
 * a record hold their ranges.
 */
#include "tend/journal.h"
#include "tend/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when needle[0..n) occurs in h[0..hn). */
static bool S_contains(const char *h, size_t hn, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= hn; i++) {
        if (memcmp(h + i, needle, n) == 0)
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        tend_locale_init();
        init = 1;
    }
    if (size == 0)
        return 0;
    size_t qn = data[0];
    if (qn > size - 1)
        qn = size - 1;
    char *query = tend_strndup((const char *)data + 1, qn);
    const char *text = (const char *)data + 1 + qn;
    size_t len = size - 1 - qn;
    if (!query)
        return 0;

    tend_buf f = TEND_BUF_INIT, ff = TEND_BUF_INIT, q = TEND_BUF_INIT, part = TEND_BUF_INIT;
    if (tend_fold(text, len, &f) != TEND_OK || tend_fold(f.data ? f.data : "", f.len, &ff))
        abort();
    if (f.len > 3 * len || !tend_utf8_valid(f.data ? f.data : "", f.len))
        abort();
    if (ff.len != f.len || (f.len && memcmp(f.data, ff.data, f.len) != 0))
        abort();

    tend_search *s = NULL;
    if (tend_search_new(query, NULL, &s, NULL) == TEND_OK) {
        if (tend_fold(query, strlen(query), &q) != TEND_OK || q.len == 0)
            abort();
        tend_span sp[64];
        size_t n;
        if (tend_search_spans(s, text, len, sp, 64, &n) != TEND_OK)
            abort();
        for (size_t i = 0; i < n && i < 64; i++) {
            if (sp[i].start >= sp[i].end || sp[i].end > len)
                abort();
            if (i && sp[i - 1].end > sp[i].start)
                abort();
            tend_buf_reset(&part);
            if (tend_fold(text + sp[i].start, sp[i].end - sp[i].start, &part) != TEND_OK)
                abort();
            if (!S_contains(part.data, part.len, q.data, q.len))
                abort();
        }
        /* the same text as a record's body (when it may be one) */
        if (tend_utf8_valid(text, len) && !memchr(text, '\0', len)) {
            tend_record r = TEND_RECORD_INIT;
            r.head.kind = TEND_KIND_ENTRY;
            if (tend_head_set_title(&r.head, "") == TEND_OK &&
                tend_record_set_body(&r, text, len) == TEND_OK) {
                tend_search_hit hit = TEND_SEARCH_HIT_INIT;
                bool m;
                if (tend_search_record(s, &r, &hit, &m, NULL) == TEND_OK && m) {
                    if (hit.nmatches != n || hit.nlines == 0)
                        abort();
                    for (size_t k = 0; k < hit.nlines; k++) {
                        const tend_search_line *l = &hit.lines[k];
                        if (memchr(l->text, '\n', l->len) || l->nspans == 0)
                            abort();
                        for (size_t x = 0; x < l->nspans; x++) {
                            if (l->spans[x].start > l->spans[x].end || l->spans[x].end > l->len)
                                abort();
                        }
                    }
                } else if (n != 0) {
                    abort();
                }
                tend_search_hit_clear(&hit);
            }
            tend_record_clear(&r);
        }
        tend_search_free(s);
    }
    tend_buf_free(&f);
    tend_buf_free(&ff);
    tend_buf_free(&q);
    tend_buf_free(&part);
    tend_wipe_str(query);
    return 0;
}
