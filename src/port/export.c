/*
 * export.c — records out: tend-json (every field, docs/EXPORT.md), jrnl's
 * JSON layout, and Markdown for a person to read. All JSON is built as a
 * jansson tree and written by jansson; nothing here writes JSON by hand.
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

static bool S_push(json_t *a, json_t *v)
{
    return v && json_array_append_new(a, v) == 0;
}

static int S_dump_cb(const char *buf, size_t size, void *data)
{
    return tend_buf_append(data, buf, size) == TEND_OK ? 0 : -1;
}

/* Writes root (not freed) to out, indented, with a final newline. */
static tend_status S_dump(json_t *root, tend_buf *out, tend_error *err)
{
    if (json_dump_callback(root, S_dump_cb, out, JSON_INDENT(2)) != 0 ||
        tend_buf_putc(out, '\n') != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory while writing the export");
    return TEND_OK;
}

/* An RFC 3339 time at the record's own offset, or in UTC when the offset
 * is not a whole number of minutes (RFC 3339 cannot carry seconds there;
 * utc_offset in the record keeps the exact value). */
static json_t *S_time(int64_t t, int32_t off)
{
    char s[TEND_ISO8601_MAX];
    tend_format_iso8601(t, off % 60 == 0 ? off : 0, s);
    return json_string(s);
}

static json_t *S_b64(const unsigned char *p, size_t n)
{
    tend_buf b = TEND_BUF_INIT;
    json_t *v = NULL;
    if (tend_port_b64_encode(p, n, &b) == TEND_OK)
        v = json_stringn(b.data ? b.data : "", b.len);
    tend_buf_free(&b);
    return v;
}

/* ---- tend-json ------------------------------------------------------------------- */

static json_t *S_record(const tend_record *r)
{
    const tend_head *h = &r->head;
    json_t *o = json_object();
    if (!o)
        return NULL;
    char hex[TEND_UUID_HEX + 1];
    tend_id_hex(&h->uuid, hex);
    const char *kind = tend_kind_name(h->kind);
    bool ok = S_set(o, "uuid", json_string(hex)) &&
              S_set(o, "kind", kind ? json_string(kind) : json_integer(h->kind)) &&
              S_set(o, "created", S_time(h->created, h->utc_offset)) &&
              S_set(o, "updated", S_time(h->updated, h->utc_offset)) &&
              S_set(o, "utc_offset", json_integer(h->utc_offset)) &&
              S_set(o, "starred", json_boolean(h->flags & TEND_FLAG_STARRED)) &&
              S_set(o, "private", json_boolean(h->flags & TEND_FLAG_PRIVATE));
    uint32_t other = h->flags & ~(uint32_t)(TEND_FLAG_STARRED | TEND_FLAG_PRIVATE);
    if (ok && other)
        ok = S_set(o, "other_flags", json_integer(other));
    ok = ok && S_set(o, "title", json_string(h->title ? h->title : ""));
    json_t *tags = ok ? json_array() : NULL;
    ok = ok && S_set(o, "tags", tags);
    for (size_t i = 0; ok && i < h->ntags; i++)
        ok = S_push(tags, json_string(h->tags[i]));
    json_t *fields = ok ? json_array() : NULL;
    ok = ok && S_set(o, "fields", fields);
    for (size_t i = 0; ok && i < h->nfields; i++) {
        json_t *f = json_object();
        ok = S_push(fields, f) && S_set(f, "key", json_string(h->fields[i].key)) &&
             S_set(f, "value", json_string(h->fields[i].value));
    }
    ok = ok && S_set(o, "body", r->body ? json_stringn(r->body, r->body_len) : json_null());
    if (ok && h->extra_len)
        ok = S_set(o, "head_extra", S_b64(h->extra, h->extra_len));
    if (ok && r->body_extra_len)
        ok = S_set(o, "body_extra", S_b64(r->body_extra, r->body_extra_len));
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

tend_status tend_export_json(const tend_record_set *s, int64_t exported, tend_buf *out,
                             tend_error *err)
{
    tend_port_json_init();
    json_t *root = json_object();
    json_t *recs = root ? json_array() : NULL;
    bool ok = root && S_set(root, "format", json_string(TEND_JSON_FORMAT_NAME)) &&
              S_set(root, "version", json_integer(TEND_JSON_VERSION)) &&
              S_set(root, "exported", S_time(exported, 0)) && S_set(root, "records", recs);
    size_t i = 0;
    for (; ok && i < s->n; i++)
        ok = S_push(recs, S_record(&s->v[i]));
    tend_status st = TEND_OK;
    if (!ok) {
        /* jansson refuses strings that are not UTF-8; the decoder never
         * lets such a record in, so this is almost surely memory. */
        st = tend_fail(err, TEND_ENOMEM, "could not build the export%s",
                       i ? " (out of memory, or a record that is not valid text)" : "");
    } else {
        st = S_dump(root, out, err);
    }
    json_decref(root);
    return st;
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
} S_count;

static int S_by_count(const void *a, const void *b)
{
    const S_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    return strcmp(x->tag, y->tag);
}

/* {"@tag": number of entries with it}, most used first, as jrnl writes. */
static json_t *S_jrnl_tag_counts(json_t *entries)
{
    json_t *counts = json_object();
    size_t i;
    json_t *e;
    json_array_foreach(entries, i, e) {
        size_t k;
        json_t *t;
        json_array_foreach(json_object_get(e, "tags"), k, t) {
            const char *name = json_string_value(t);
            json_t *c = json_object_get(counts, name);
            if (!counts || (c ? json_integer_set(c, json_integer_value(c) + 1) != 0
                              : json_object_set_new(counts, name, json_integer(1)) != 0)) {
                json_decref(counts);
                return NULL;
            }
        }
    }
    if (!counts)
        return NULL;
    size_t n = json_object_size(counts);
    S_count *v = calloc(n ? n : 1, sizeof *v);
    json_t *sorted = json_object();
    bool ok = v && sorted;
    const char *key;
    json_t *val;
    size_t m = 0;
    json_object_foreach(counts, key, val) {
        if (ok)
            v[m++] = (S_count){ key, json_integer_value(val) };
    }
    if (ok)
        qsort(v, m, sizeof *v, S_by_count);
    for (size_t k = 0; ok && k < m; k++)
        ok = S_set(sorted, v[k].tag, json_integer(v[k].n));
    free(v);
    json_decref(counts);
    if (!ok) {
        json_decref(sorted);
        return NULL;
    }
    return sorted;
}

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
    json_t *tags = o ? json_array() : NULL;
    bool ok = o && S_set(o, "title", json_string(h->title ? h->title : "")) &&
              S_set(o, "body", r->body ? json_stringn(r->body, r->body_len) : json_string("")) &&
              S_set(o, "date", json_string(when)) && S_set(o, "time", json_string(sp + 1)) &&
              S_set(o, "tags", tags) &&
              S_set(o, "starred", json_boolean(h->flags & TEND_FLAG_STARRED));
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
        json_decref(o);
        return NULL;
    }
    return o;
}

tend_status tend_export_jrnl(const tend_record_set *s, size_t *skipped, tend_buf *out,
                             tend_error *err)
{
    tend_port_json_init();
    size_t skip = 0;
    json_t *root = json_object();
    json_t *entries = json_array();
    bool ok = root && entries;
    for (size_t i = 0; ok && i < s->n; i++) {
        if (s->v[i].head.kind != TEND_KIND_ENTRY) {
            skip++;
            continue;
        }
        ok = S_push(entries, S_jrnl_entry(&s->v[i]));
    }
    ok = ok && S_set(root, "tags", S_jrnl_tag_counts(entries)) &&
         json_object_set(root, "entries", entries) == 0;
    json_decref(entries);
    tend_status st = ok ? S_dump(root, out, err)
                        : tend_fail(err, TEND_ENOMEM, "out of memory while writing the export");
    json_decref(root);
    if (skipped)
        *skipped = skip;
    return st;
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

tend_status tend_export_markdown(const tend_record_set *s, const tend_markdown_opts *opts,
                                 tend_buf *out, tend_error *err)
{
    tend_record_set view = *s;
    tend_port_summary sum;
    tend_port_summarize(s, &sum);
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
                             today, sum.entries, sum.entries == 1 ? "y" : "ies", sum.checkins,
                             sum.checkins == 1 ? "" : "s");
        if (st == TEND_OK && sum.others)
            st = tend_buf_printf(out, " and %zu other record%s", sum.others,
                                 sum.others == 1 ? "" : "s");
        if (st == TEND_OK && s->n)
            st = tend_buf_printf(out, ", %s to %s", sum.first, sum.last);
        if (st == TEND_OK)
            st = tend_buf_puts(out, opts->therapist
                                        ? ". Entries marked private are not included.\n\n"
                                        : ".\n\n");
    }
    size_t shown = 0;
    for (size_t i = 0; st == TEND_OK && i < view.n; i++) {
        if (opts->day) {
            char day[TEND_DATE_MAX];
            tend_format_date(view.v[i].head.created, view.v[i].head.utc_offset, day);
            if (strcmp(day, opts->day) != 0)
                continue;
        }
        st = S_md_record(&view.v[i], out);
        shown++;
    }
    if (st == TEND_OK && shown == 0 && !opts->day)
        st = tend_buf_puts(out, "Nothing matched.\n");
    if (st != TEND_OK)
        return tend_fail(err, TEND_ENOMEM, "out of memory while writing the export");
    return TEND_OK;
}
