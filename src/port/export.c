/*
 * export.c — records out: tend-json (every field, docs/EXPORT.md), jrnl's
 * JSON layout, and Markdown for a person to read.
 *
 * Documents are written piece by piece through a small writer (export_writer), from a
 * record set or straight from the journal (tend_export_journal), so no
 * document and no whole journal is ever held at once. Each record (and
 * jrnl's tag counts) is built as a jansson tree and written by jansson,
 * indented as jansson would indent it inside the whole document; only the
 * fixed envelope around the records ({"format": ..., "records": [ ... ]})
 * is written here, in jansson's layout, so the output is the same bytes a
 * single tree of the whole document would give.
 */
#include "port_int.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON helpers ---------------------------------------------------------------- */

/* Sets key to v (stolen), false when v is NULL or the set fails. */
static bool S_set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

/* Appends v (stolen) to a, false when v is NULL or the append fails. */
static bool S_push(json_t *a, json_t *v)
{
    return v && json_array_append_new(a, v) == 0;
}

/* ---- the writer ------------------------------------------------------------------ */

#define S_W_CHUNK 65536

/* Output in progress: pieces gather in buf and go to fn in chunks. The
 * first failure sticks in st (and err); later writes do nothing. */
typedef struct {
    tend_port_write_fn fn;
    void *ctx;
    tend_error *err;
    tend_buf buf;
    size_t bytes;
    tend_status st;
    const char *indent; /* written after each newline jansson writes */
    size_t indent_len;
    tend_buf scratch;   /* one value as jansson writes it */
} export_writer;

/* Fails with TEND_ENOMEM for running out of memory while exporting. */
static tend_status S_oom(tend_error *err)
{
    return tend_fail(err, TEND_ENOMEM, "out of memory while writing the export");
}

/* Hands what buf holds to fn and wipes it (only buf[0..len] was written). */
static void S_w_flush(export_writer *w)
{
    if (w->st == TEND_OK && w->buf.len)
        w->st = w->fn(w->ctx, w->buf.data, w->buf.len, w->err);
    w->bytes += w->buf.len;
    tend_buf_clear(&w->buf);
}

static void S_w_put(export_writer *w, const char *p, size_t n)
{
    if (w->st != TEND_OK || n == 0)
        return;
    if (w->buf.len + n > S_W_CHUNK)
        S_w_flush(w);
    if (w->st != TEND_OK)
        return;
    /* Most pieces are a few bytes: copied straight in when they fit, as
     * tend_buf_append would (keeping the NUL after them). */
    if (w->buf.len + n < w->buf.cap) {
        memcpy(w->buf.data + w->buf.len, p, n);
        w->buf.len += n;
        w->buf.data[w->buf.len] = '\0';
    } else if (tend_buf_append(&w->buf, p, n) != TEND_OK) {
        w->st = S_oom(w->err);
    }
}

static void S_w_puts(export_writer *w, const char *s)
{
    S_w_put(w, s, strlen(s));
}

static void S_w_done(export_writer *w)
{
    S_w_flush(w);
    tend_buf_free(&w->buf);
    tend_buf_free(&w->scratch);
}

/* jansson's output, with the indent of the place it goes after each
 * newline (strings are escaped, so every newline is jansson's own). */
static int S_dump_cb(const char *buf, size_t size, void *data)
{
    export_writer *w = data;
    while (size && w->st == TEND_OK) {
        const char *nl = memchr(buf, '\n', size);
        size_t k = nl ? (size_t)(nl - buf) + 1 : size;
        S_w_put(w, buf, k);
        if (nl)
            S_w_put(w, w->indent, w->indent_len);
        buf += k;
        size -= k;
    }
    return w->st == TEND_OK ? 0 : -1;
}

static const char S_spaces[] = "        ";

/* Writes v (not freed) as jansson writes it with JSON_INDENT(2) at nesting
 * depth (0..4) of a document. jansson writes it into w->scratch first
 * (json_dump_callback would call back for every few bytes), which is wiped
 * after. */
static void S_w_json(export_writer *w, json_t *v, size_t depth)
{
    if (w->st != TEND_OK)
        return;
    w->indent = S_spaces;
    w->indent_len = 2 * depth;
    size_t room = w->scratch.cap ? w->scratch.cap - 1 : 0;
    size_t need = json_dumpb(v, w->scratch.data, room, JSON_INDENT(2));
    if (need > room) {
        if (w->scratch.data)
            tend_wipe(w->scratch.data, room); /* a part may have been written */
        if (tend_buf_reserve(&w->scratch, need) != TEND_OK) {
            w->st = S_oom(w->err);
            return;
        }
        room = w->scratch.cap - 1;
        need = json_dumpb(v, w->scratch.data, room, JSON_INDENT(2));
    }
    if (need == 0 || need > room) {
        w->st = S_oom(w->err);
    } else {
        w->scratch.len = need;
        S_dump_cb(w->scratch.data, need, w);
    }
    if (w->scratch.data)
        tend_wipe(w->scratch.data, need < room ? need : room);
    w->scratch.len = 0;
}

/* A tend_port_write_fn appending to the tend_buf at ctx. TEND_ENOMEM. */
static tend_status S_buf_sink(void *ctx, const void *data, size_t len, tend_error *err)
{
    if (tend_buf_append(ctx, data, len) != TEND_OK)
        return S_oom(err);
    return TEND_OK;
}

static void S_w_init(export_writer *w, tend_port_write_fn fn, void *ctx, tend_error *err)
{
    memset(w, 0, sizeof *w);
    w->fn = fn;
    w->ctx = ctx;
    w->err = err;
}

static tend_status S_undo(tend_buf *out, size_t start, tend_status st);

/* ---- tend-json ------------------------------------------------------------------- */

/* {"format": ..., "records": [ as jansson lays out the document's start. */
static void S_json_begin(export_writer *w, int64_t exported)
{
    char when[TEND_ISO8601_MAX];
    tend_format_iso8601(exported, 0, when);
    S_w_puts(w, "{\n  \"format\": \"" TEND_JSON_FORMAT_NAME "\",\n  \"version\": ");
    char v[32];
    snprintf(v, sizeof v, "%d", TEND_JSON_VERSION);
    S_w_puts(w, v);
    S_w_puts(w, ",\n  \"exported\": \"");
    S_w_puts(w, when);
    S_w_puts(w, "\",\n  \"records\": [");
}

/* One element of a document's array at depth 1: v at depth 2. */
static void S_w_element(export_writer *w, json_t *v, size_t index)
{
    S_w_puts(w, index ? ",\n    " : "\n    ");
    S_w_json(w, v, 2);
}

/* The end of the array at depth 1 (of n elements) and of the document. */
static void S_w_array_end(export_writer *w, size_t n)
{
    S_w_puts(w, n ? "\n  ]\n}\n" : "]\n}\n");
}

/* Bytes jansson escapes in a string: 1 for the named escapes' letters
 * and '"' and '\\', 'u' for the other control characters. */
static const char S_esc[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    [0] = 'u', [1] = 'u', [2] = 'u', [3] = 'u', [4] = 'u', [5] = 'u', [6] = 'u', [7] = 'u',
    [11] = 'u', [14] = 'u', [15] = 'u', [16] = 'u', [17] = 'u', [18] = 'u', [19] = 'u',
    [20] = 'u', [21] = 'u', [22] = 'u', [23] = 'u', [24] = 'u', [25] = 'u', [26] = 'u',
    [27] = 'u', [28] = 'u', [29] = 'u', [30] = 'u', [31] = 'u', ['"'] = '"', ['\\'] = '\\',
};

/* Writes p[0..n) as a JSON string exactly as jansson does (no flags):
 * '"' and '\\' and \b \f \n \r \t escaped by name, other control
 * characters as \u00XX in capitals, everything else as it is. The text must
 * be valid UTF-8 (jansson would refuse it otherwise): false when not. */
static bool S_w_string(export_writer *w, const char *p, size_t n)
{
    if (!tend_utf8_valid(p, n))
        return false;
    S_w_put(w, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        char e = S_esc[(unsigned char)p[i]];
        if (!e)
            continue;
        S_w_put(w, p + run, i - run);
        char q[8];
        if (e == 'u') {
            snprintf(q, sizeof q, "\\u%04X", (unsigned)(unsigned char)p[i]);
            S_w_put(w, q, 6);
        } else {
            q[0] = '\\';
            q[1] = e;
            S_w_put(w, q, 2);
        }
        run = i + 1;
    }
    S_w_put(w, p + run, n - run);
    S_w_put(w, "\"", 1);
    return true;
}

/* Writes ",\n" + indent + "\"key\": " (or the first key's form). */
static void S_w_key(export_writer *w, const char *indent, const char *key, bool first)
{
    char b[64];
    size_t il = strlen(indent), kl = strlen(key), n = 0;
    if (il + kl + 6 > sizeof b) { /* not for the keys of this file */
        S_w_puts(w, first ? "\n" : ",\n");
        S_w_puts(w, indent);
        S_w_put(w, "\"", 1);
        S_w_puts(w, key);
        S_w_puts(w, "\": ");
        return;
    }
    if (!first)
        b[n++] = ',';
    b[n++] = '\n';
    memcpy(b + n, indent, il);
    n += il;
    b[n++] = '"';
    memcpy(b + n, key, kl);
    n += kl;
    memcpy(b + n, "\": ", 3);
    S_w_put(w, b, n + 3);
}

/* v in decimal, as "%lld" writes it. */
static void S_w_int(export_writer *w, long long v)
{
    char d[24];
    size_t i = sizeof d;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do {
        d[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        d[--i] = '-';
    S_w_put(w, d + i, sizeof d - i);
}

/* An RFC 3339 time at the record's own offset, or in UTC when the offset
 * is not a whole number of minutes (RFC 3339 cannot carry seconds there;
 * utc_offset in the record keeps the exact value). */
static void S_w_time(export_writer *w, int64_t t, int32_t off)
{
    char s[TEND_ISO8601_MAX];
    tend_format_iso8601(t, off % 60 == 0 ? off : 0, s);
    S_w_put(w, "\"", 1);
    S_w_puts(w, s);
    S_w_put(w, "\"", 1);
}

/* Writes p[0..n) base64-encoded as a string (base64 needs no escapes). */
static bool S_w_b64(export_writer *w, const unsigned char *p, size_t n)
{
    tend_buf b = TEND_BUF_INIT;
    bool ok = port_b64_encode(p, n, &b) == TEND_OK;
    if (ok) {
        S_w_put(w, "\"", 1);
        S_w_put(w, b.data ? b.data : "", b.len);
        S_w_put(w, "\"", 1);
    }
    tend_buf_free(&b);
    return ok;
}

/* Writes record r as element index of "records": the object S_record
 * builds, in the bytes jansson would write for it at that place (checked
 * against S_record by the unit tests and the round-trip tests). Written
 * here rather than through a jansson tree, which costs several times the
 * decryption itself (an allocation per value, a loop check per object). */
static void S_json_record(export_writer *w, const tend_record *r, size_t index)
{
    if (w->st != TEND_OK)
        return;
    static const char I6[] = "      ", I8[] = "        ", I10[] = "          ";
    const tend_head *h = &r->head;
    char hex[TEND_UUID_HEX + 1];
    tend_uuid_hex(&h->uuid, hex);
    S_w_puts(w, index ? ",\n    {" : "\n    {");
    S_w_key(w, I6, "uuid", true);
    bool ok = S_w_string(w, hex, strlen(hex));
    S_w_key(w, I6, "kind", false);
    const char *kind = tend_kind_name(h->kind);
    if (kind)
        ok = ok && S_w_string(w, kind, strlen(kind));
    else
        S_w_int(w, (long long)h->kind);
    S_w_key(w, I6, "created", false);
    S_w_time(w, h->created, h->utc_offset);
    S_w_key(w, I6, "updated", false);
    S_w_time(w, h->updated, h->utc_offset);
    S_w_key(w, I6, "utc_offset", false);
    S_w_int(w, h->utc_offset);
    S_w_key(w, I6, "starred", false);
    S_w_puts(w, (h->flags & TEND_FLAG_STARRED) ? "true" : "false");
    S_w_key(w, I6, "private", false);
    S_w_puts(w, (h->flags & TEND_FLAG_PRIVATE) ? "true" : "false");
    uint32_t other = h->flags & ~(uint32_t)(TEND_FLAG_STARRED | TEND_FLAG_PRIVATE);
    if (other) {
        S_w_key(w, I6, "other_flags", false);
        S_w_int(w, (long long)other);
    }
    S_w_key(w, I6, "title", false);
    ok = ok && S_w_string(w, h->title ? h->title : "", h->title ? strlen(h->title) : 0);
    S_w_key(w, I6, "tags", false);
    S_w_puts(w, "[");
    for (size_t i = 0; ok && i < h->ntags; i++) {
        S_w_puts(w, i ? ",\n" : "\n");
        S_w_puts(w, I8);
        ok = S_w_string(w, h->tags[i], strlen(h->tags[i]));
    }
    S_w_puts(w, h->ntags ? "\n      ]" : "]");
    S_w_key(w, I6, "fields", false);
    S_w_puts(w, "[");
    for (size_t i = 0; ok && i < h->nfields; i++) {
        S_w_puts(w, i ? ",\n        {" : "\n        {");
        S_w_key(w, I10, "key", true);
        ok = S_w_string(w, h->fields[i].key, strlen(h->fields[i].key));
        S_w_key(w, I10, "value", false);
        ok = ok && S_w_string(w, h->fields[i].value, strlen(h->fields[i].value));
        S_w_puts(w, "\n        }");
    }
    S_w_puts(w, h->nfields ? "\n      ]" : "]");
    S_w_key(w, I6, "body", false);
    if (r->body)
        ok = ok && S_w_string(w, r->body, r->body_len);
    else
        S_w_puts(w, "null");
    if (ok && h->extra_len) {
        S_w_key(w, I6, "head_extra", false);
        ok = S_w_b64(w, h->extra, h->extra_len);
    }
    if (ok && r->body_extra_len) {
        S_w_key(w, I6, "body_extra", false);
        ok = S_w_b64(w, r->body_extra, r->body_extra_len);
    }
    S_w_puts(w, "\n    }");
    if (!ok && w->st == TEND_OK)
        /* The decoder never lets text that is not UTF-8 in, so this is
         * almost surely memory. */
        w->st = tend_fail(w->err, TEND_ENOMEM, "could not build the export (out of memory, "
                          "or a record that is not valid text)");
}

tend_status tend_export_json(const tend_record_set *s, int64_t exported, tend_buf *out,
                             tend_error *err)
{
    port_json_init();
    size_t start = out->len;
    export_writer w;
    S_w_init(&w, S_buf_sink, out, err);
    S_json_begin(&w, exported);
    for (size_t i = 0; i < s->n; i++)
        S_json_record(&w, &s->v[i], i);
    S_w_array_end(&w, s->n);
    S_w_done(&w);
    return S_undo(out, start, w.st);
}

/* ---- jrnl ------------------------------------------------------------------------ */

/* jrnl's form of a tend tag: "@tag", unless it already starts with one of
 * jrnl's default tag symbols. */
static json_t *S_jrnl_tag(const char *tag)
{
    if (tag[0] == '@' || tag[0] == '#')
        return json_string(tag);
    tend_buf b = TEND_BUF_INIT;
    json_t *v = NULL;
    if (tend_buf_putc(&b, '@') == TEND_OK && tend_buf_puts(&b, tag) == TEND_OK)
        v = json_string(b.data);
    tend_buf_free(&b);
    return v;
}

typedef struct {
    const char *tag;
    json_int_t n;
} tag_count;

/* qsort order of tag_count: most used first, then by tag. */
static int S_by_count(const void *a, const void *b)
{
    const tag_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->tag, y->tag);
}

/* The jrnl forms of h's tags, each once, in order (NULL: out of memory). */
static json_t *S_jrnl_tags(const tend_head *h)
{
    json_t *tags = json_array();
    bool ok = tags != NULL;
    for (size_t i = 0; ok && i < h->ntags; i++) {
        json_t *t = S_jrnl_tag(h->tags[i]);
        bool seen = false;
        size_t k;
        json_t *u;
        json_array_foreach(tags, k, u) {
            if (t && strcmp(json_string_value(u), json_string_value(t)) == 0)
                seen = true;
        }
        if (seen)
            json_decref(t);
        else
            ok = S_push(tags, t);
    }
    if (!ok) {
        json_decref(tags);
        return NULL;
    }
    return tags;
}

/* Adds the tags of entry h to counts ({"@tag": N}); false when out of
 * memory. */
static bool S_jrnl_count(json_t *counts, const tend_head *h)
{
    json_t *tags = S_jrnl_tags(h);
    bool ok = tags != NULL;
    size_t k;
    json_t *t;
    json_array_foreach(tags, k, t) {
        const char *name = json_string_value(t);
        json_t *c = json_object_get(counts, name);
        if (ok)
            ok = c ? json_integer_set(c, json_integer_value(c) + 1) == 0
                   : json_object_set_new(counts, name, json_integer(1)) == 0;
    }
    json_decref(tags);
    return ok;
}

/* counts sorted as jrnl writes them: most used first, then by name.
 * counts is not freed; NULL when out of memory. */
static json_t *S_jrnl_sorted(json_t *counts)
{
    size_t n = json_object_size(counts);
    tag_count *v = calloc(n ? n : 1, sizeof *v);
    json_t *sorted = json_object();
    bool ok = v && sorted;
    const char *key;
    json_t *val;
    size_t m = 0;
    json_object_foreach(counts, key, val) {
        if (ok)
            v[m++] = (tag_count){ key, json_integer_value(val) };
    }
    if (ok)
        qsort(v, m, sizeof *v, S_by_count);
    for (size_t k = 0; ok && k < m; k++)
        ok = S_set(sorted, v[k].tag, json_integer(v[k].n));
    free(v);
    if (!ok) {
        json_decref(sorted);
        return NULL;
    }
    return sorted;
}

/* The jrnl object of the entry r (title, body, date, time, tags, starred),
 * or NULL when out of memory. */
static json_t *S_jrnl_entry(const tend_record *r)
{
    const tend_head *h = &r->head;
    char when[TEND_DATETIME_MAX];
    tend_format_datetime(h->created, h->utc_offset, when); /* "YYYY-MM-DD HH:MM" */
    char *sp = strchr(when, ' ');
    if (!sp)
        return NULL;
    *sp = '\0';
    json_t *o = json_object();
    bool ok = o && S_set(o, "title", json_string(h->title ? h->title : "")) &&
              S_set(o, "body", r->body ? json_stringn(r->body, r->body_len) : json_string("")) &&
              S_set(o, "date", json_string(when)) && S_set(o, "time", json_string(sp + 1)) &&
              S_set(o, "tags", S_jrnl_tags(h)) &&
              S_set(o, "starred", json_boolean(h->flags & TEND_FLAG_STARRED));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* {"tags": counts, "entries": [ as jansson lays it out. sorted may be NULL
 * (out of memory). */
static void S_jrnl_begin(export_writer *w, json_t *sorted)
{
    if (!sorted) {
        if (w->st == TEND_OK)
            w->st = S_oom(w->err);
        return;
    }
    S_w_puts(w, "{\n  \"tags\": ");
    S_w_json(w, sorted, 1);
    S_w_puts(w, ",\n  \"entries\": [");
}

/* Writes r as entry index (when it is an entry; else counts it skipped). */
static void S_jrnl_record(export_writer *w, const tend_record *r, size_t *index, size_t *skipped)
{
    if (r->head.kind != TEND_KIND_ENTRY) {
        (*skipped)++;
        return;
    }
    if (w->st != TEND_OK)
        return;
    json_t *o = S_jrnl_entry(r);
    if (!o) {
        w->st = S_oom(w->err);
        return;
    }
    S_w_element(w, o, (*index)++);
    json_decref(o);
}

/* Leaves out[start..] wiped and gone (a failed export appends nothing). */
static tend_status S_undo(tend_buf *out, size_t start, tend_status st)
{
    if (st != TEND_OK && out->data && out->len > start) {
        tend_wipe(out->data + start, out->len - start);
        out->len = start;
    }
    return st;
}

tend_status tend_export_jrnl(const tend_record_set *s, size_t *skipped, tend_buf *out,
                             tend_error *err)
{
    port_json_init();
    size_t skip = 0, n = 0, start = out->len;
    json_t *counts = json_object();
    bool ok = counts != NULL;
    for (size_t i = 0; ok && i < s->n; i++)
        if (s->v[i].head.kind == TEND_KIND_ENTRY)
            ok = S_jrnl_count(counts, &s->v[i].head);
    json_t *sorted = ok ? S_jrnl_sorted(counts) : NULL;
    json_decref(counts);
    export_writer w;
    S_w_init(&w, S_buf_sink, out, err);
    S_jrnl_begin(&w, sorted);
    json_decref(sorted);
    for (size_t i = 0; i < s->n; i++)
        S_jrnl_record(&w, &s->v[i], &n, &skip);
    S_w_array_end(&w, n);
    S_w_done(&w);
    if (skipped)
        *skipped = skip;
    return S_undo(out, start, w.st);
}

/* ---- Markdown -------------------------------------------------------------------- */

/* Appends s with control characters shown as spaces (one line). */
static tend_status S_md_line(tend_buf *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (tend_buf_putc(out, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p) != TEND_OK)
            return TEND_ENOMEM;
    return TEND_OK;
}

/* Appends the Markdown of one record (its heading, tags, answers and
 * text) to out. TEND_ENOMEM. */
static tend_status S_md_record(const tend_record *r, tend_buf *out)
{
    const tend_head *h = &r->head;
    char when[TEND_DATETIME_MAX];
    tend_format_datetime(h->created, h->utc_offset, when);
    tend_status st = tend_buf_printf(out, "## %s", when);
    const char *kind = tend_kind_name(h->kind);
    if (st == TEND_OK && h->title && h->title[0]) {
        st = tend_buf_puts(out, " · ");
        if (st == TEND_OK)
            st = S_md_line(out, h->title);
    } else if (st == TEND_OK && h->kind == TEND_KIND_CHECKIN) {
        st = tend_buf_puts(out, " · Check-in");
    } else if (st == TEND_OK && h->kind != TEND_KIND_ENTRY) {
        st = kind ? tend_buf_printf(out, " · %s", kind)
                  : tend_buf_printf(out, " · kind %u", (unsigned)h->kind);
    }
    if (st == TEND_OK)
        st = tend_buf_puts(out, "\n\n");
    if (st == TEND_OK && (h->ntags || (h->flags & TEND_FLAG_STARRED))) {
        for (size_t i = 0; st == TEND_OK && i < h->ntags; i++) {
            st = tend_buf_puts(out, i ? " #" : "#");
            if (st == TEND_OK)
                st = S_md_line(out, h->tags[i]);
        }
        if (st == TEND_OK && (h->flags & TEND_FLAG_STARRED))
            st = tend_buf_puts(out, h->ntags ? " · starred" : "starred");
        if (st == TEND_OK)
            st = tend_buf_puts(out, "\n\n");
    }
    for (size_t i = 0; st == TEND_OK && i < h->nfields; i++) {
        st = tend_buf_puts(out, "- ");
        if (st == TEND_OK)
            st = S_md_line(out, h->fields[i].key);
        if (st == TEND_OK)
            st = tend_buf_puts(out, ": ");
        if (st == TEND_OK)
            st = S_md_line(out, h->fields[i].value);
        if (st == TEND_OK)
            st = tend_buf_puts(out, i + 1 == h->nfields ? "\n\n" : "\n");
    }
    if (st == TEND_OK && r->body && r->body_len) {
        st = tend_buf_append(out, r->body, r->body_len);
        if (st == TEND_OK && r->body[r->body_len - 1] != '\n')
            st = tend_buf_putc(out, '\n');
        if (st == TEND_OK)
            st = tend_buf_putc(out, '\n');
    }
    return st;
}

/* The heading of a Markdown export of n records summed up in sum. */
static tend_status S_md_heading(const tend_markdown_opts *opts, const tend_port_summary *sum,
                                size_t n, tend_buf *out)
{
    char today[TEND_DATE_MAX];
    tend_format_date(opts->exported, tend_local_offset(opts->exported), today);
    tend_status st;
    if (opts->day)
        st = tend_buf_printf(out, "# %s\n\n", opts->day);
    else if (opts->therapist)
        st = tend_buf_puts(out, "# Journal notes to share\n\n");
    else
        st = tend_buf_puts(out, "# Journal\n\n");
    if (st == TEND_OK && !opts->day) {
        st = tend_buf_printf(out, "Exported from tend on %s: %zu entr%s and %zu check-in%s",
                             today, sum->entries, sum->entries == 1 ? "y" : "ies",
                             sum->checkins, sum->checkins == 1 ? "" : "s");
        if (st == TEND_OK && sum->others)
            st = tend_buf_printf(out, " and %zu other record%s", sum->others,
                                 sum->others == 1 ? "" : "s");
        if (st == TEND_OK && n)
            st = tend_buf_printf(out, ", %s to %s", sum->first, sum->last);
        if (st == TEND_OK)
            st = tend_buf_puts(out, opts->therapist
                                        ? ". Entries marked private are not included.\n\n"
                                        : ".\n\n");
    }
    return st;
}

/* True when r is shown under opts (all records, or those of opts->day). */
static bool S_md_shown(const tend_markdown_opts *opts, const tend_record *r)
{
    if (!opts->day)
        return true;
    char day[TEND_DATE_MAX];
    tend_format_date(r->head.created, r->head.utc_offset, day);
    return strcmp(day, opts->day) == 0;
}

static const char S_md_nothing[] = "Nothing matched.\n";

tend_status tend_export_markdown(const tend_record_set *s, const tend_markdown_opts *opts,
                                 tend_buf *out, tend_error *err)
{
    tend_port_summary sum;
    tend_port_summarize(s, &sum);
    tend_status st = S_md_heading(opts, &sum, s->n, out);
    size_t shown = 0;
    for (size_t i = 0; st == TEND_OK && i < s->n; i++) {
        if (!S_md_shown(opts, &s->v[i]))
            continue;
        st = S_md_record(&s->v[i], out);
        shown++;
    }
    if (st == TEND_OK && shown == 0 && !opts->day)
        st = tend_buf_puts(out, S_md_nothing);
    if (st != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory while writing the export");
    return TEND_OK;
}

/* ---- straight from the journal ------------------------------------------------------ */

typedef struct {
    const tend_export_opts *o;
    tend_error *err;
    export_writer w;
    tend_buf md;         /* one Markdown record at a time */
    size_t index;        /* records written into the array so far */
    size_t skipped;      /* jrnl: not entries */
    size_t n;            /* records the format is given */
    size_t ndamaged;
    bool started;
} stream_export;

/* A tend_heads_fn: counts and summarises what will be written, asks
 * o->ready, then writes the start of the document. The ready's or the
 * writer's status. */
static tend_status S_stream_start(void *ctx, const tend_head *heads, size_t n, size_t ndamaged)
{
    stream_export *x = ctx;
    const tend_export_opts *o = x->o;
    tend_port_summary sum;
    port_summarize_heads(heads, n, o->skip_private, &sum);
    x->n = sum.entries + sum.checkins + sum.others;
    x->ndamaged = ndamaged;
    json_t *sorted = NULL;
    if (o->format == TEND_EXPORT_JRNL) {
        json_t *counts = json_object();
        bool ok = counts != NULL;
        for (size_t i = 0; ok && i < n; i++)
            if (heads[i].kind == TEND_KIND_ENTRY &&
                !(o->skip_private && (heads[i].flags & TEND_FLAG_PRIVATE)))
                ok = S_jrnl_count(counts, &heads[i]);
        sorted = ok ? S_jrnl_sorted(counts) : NULL;
        json_decref(counts);
        if (!sorted)
            return S_oom(x->err);
    }
    tend_status st = o->ready ? o->ready(o->ready_ctx, x->n, &sum, ndamaged, x->err) : TEND_OK;
    if (st != TEND_OK) {
        json_decref(sorted);
        return st;
    }
    x->started = true;
    if (o->format == TEND_EXPORT_JSON) {
        S_json_begin(&x->w, o->exported);
    } else if (o->format == TEND_EXPORT_JRNL) {
        S_jrnl_begin(&x->w, sorted);
    } else {
        tend_markdown_opts mo = { NULL, o->therapist, o->exported };
        if (S_md_heading(&mo, &sum, x->n, &x->md) != TEND_OK)
            x->w.st = S_oom(x->err);
        S_w_put(&x->w, x->md.data, x->md.len);
        tend_buf_reset(&x->md);
    }
    json_decref(sorted);
    return x->w.st;
}

/* A tend_record_fn: writes one record in the export's format (records
 * marked private left out when asked). The writer's status. */
static tend_status S_stream_record(void *ctx, const tend_record *rec, const char *short_id)
{
    (void)short_id;
    stream_export *x = ctx;
    const tend_export_opts *o = x->o;
    if (o->skip_private && (rec->head.flags & TEND_FLAG_PRIVATE))
        return TEND_OK;
    if (o->format == TEND_EXPORT_JSON) {
        S_json_record(&x->w, rec, x->index++);
    } else if (o->format == TEND_EXPORT_JRNL) {
        S_jrnl_record(&x->w, rec, &x->index, &x->skipped);
    } else {
        if (S_md_record(rec, &x->md) != TEND_OK && x->w.st == TEND_OK)
            x->w.st = S_oom(x->err);
        S_w_put(&x->w, x->md.data, x->md.len);
        tend_buf_clear(&x->md);
        x->index++;
    }
    return x->w.st;
}

tend_status tend_export_journal(tend_journal *j, const tend_export_opts *o,
                                tend_port_write_fn write, void *wctx, tend_export_report *rep,
                                tend_error *err)
{
    port_json_init();
    stream_export x;
    memset(&x, 0, sizeof x);
    x.o = o;
    x.err = err;
    S_w_init(&x.w, write, wctx, err);
    tend_walk how = TEND_WALK_INIT;
    how.filter = o->filter;
    how.with_body = true;
    how.order = TEND_ORDER_OLDEST_FIRST;
    how.start = S_stream_start;
    how.no_ids = true; /* an export names records by full uuid */
    size_t damaged = 0;
    tend_error e2;
    tend_error_clear(&e2);
    tend_status st = tend_journal_walk(j, &how, S_stream_record, &x, &damaged, &e2);
    if (st != TEND_OK && e2.code != TEND_OK && err)
        *err = e2; /* the journal's own failure; the writer's are already in err */
    if (st == TEND_OK) {
        if (o->format == TEND_EXPORT_MARKDOWN) {
            if (x.index == 0)
                S_w_puts(&x.w, S_md_nothing);
        } else {
            S_w_array_end(&x.w, x.index);
        }
        S_w_flush(&x.w);
        st = x.w.st;
    }
    tend_buf_free(&x.w.buf);
    tend_buf_free(&x.w.scratch);
    tend_buf_free(&x.md);
    if (rep) {
        rep->n = x.n;
        rep->skipped = x.skipped;
        rep->ndamaged = damaged;
        rep->bytes = x.w.bytes;
    }
    return st;
}
