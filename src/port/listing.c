/*
 * listing.c — tend list --format json: a list of heads, or the hits of a
 * search, as one JSON array built with jansson (under the wiping
 * allocator) and written through the caller's writer.
 *
 * Each record is an object {id, kind, created, updated, title, tags}, plus
 * "fields" ([{key, value}], in order) for check-ins and, for a search,
 * "matches" ([{in, key?, line, text, ranges: [[start, end], ...]}], ranges
 * in bytes of text). Times are ISO 8601 at the record's own UTC offset. The
 * array is indented by two spaces and followed by a newline.
 */
#include "port_int.h"

#include "tend/date.h"

#include <jansson.h>

/* Sets o[key] = v, taking v; false (v released) when v is NULL or out of
 * memory. */
static bool S_set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

/* Appends v to the array a, taking v; false (v released) when v is NULL
 * or out of memory. */
static bool S_push(json_t *a, json_t *v)
{
    return v && json_array_append_new(a, v) == 0;
}

/* A JSON string of the time t at the UTC offset off (ISO 8601), or NULL
 * when out of memory. */
static json_t *S_time(int64_t t, int32_t off)
{
    char b[TEND_ISO8601_MAX];
    tend_format_iso8601(t, off, b);
    return json_string(b);
}

/* The object for one record (lines may be NULL). NULL when out of memory. */
static json_t *S_json_record(const tend_head *h, const char *sid, const tend_search_line *lines,
                             size_t nlines, bool with_matches)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    const char *kind = tend_kind_name(h->kind);
    bool ok = S_set(o, "id", json_string(sid)) &&
              S_set(o, "kind", kind ? json_string(kind) : json_integer(h->kind)) &&
              S_set(o, "created", S_time(h->created, h->utc_offset)) &&
              S_set(o, "updated", S_time(h->updated, h->utc_offset)) &&
              S_set(o, "title", json_string(h->title));
    json_t *tags = ok ? json_array() : NULL;
    ok = ok && S_set(o, "tags", tags);
    for (size_t i = 0; ok && i < h->ntags; i++)
        ok = S_push(tags, json_string(h->tags[i]));
    if (ok && h->kind == TEND_KIND_CHECKIN) {
        json_t *fields = json_array();
        ok = S_set(o, "fields", fields);
        for (size_t i = 0; ok && i < h->nfields; i++) {
            json_t *f = json_object();
            ok = S_push(fields, f) && S_set(f, "key", json_string(h->fields[i].key)) &&
                 S_set(f, "value", json_string(h->fields[i].value));
        }
    }
    if (ok && with_matches) {
        json_t *ms = json_array();
        ok = S_set(o, "matches", ms);
        for (size_t i = 0; ok && i < nlines; i++) {
            const tend_search_line *l = &lines[i];
            json_t *m = json_object();
            json_t *ranges = m ? json_array() : NULL;
            ok = S_push(ms, m) && S_set(m, "in", json_string(tend_search_in_name(l->in))) &&
                 (!l->key || S_set(m, "key", json_string(l->key))) &&
                 S_set(m, "line", json_integer((json_int_t)l->line)) &&
                 S_set(m, "text", json_stringn(l->text, l->len)) && S_set(m, "ranges", ranges);
            for (size_t k = 0; ok && k < l->nspans; k++)
                ok = S_push(ranges, json_pack("[II]", (json_int_t)l->spans[k].start,
                                              (json_int_t)l->spans[k].end));
        }
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Where json_dump_callback's pieces go: the caller's writer, and what it
 * said when it refused one. */
typedef struct {
    tend_port_write_fn write;
    void *wctx;
    tend_status st;
    tend_error *err;
} listing_writer;

/* json_dump_callback's callback: hands buf[0..size) to the writer. 0 to go
 * on, -1 (the writer's status kept) to stop. */
static int S_dump_piece(const char *buf, size_t size, void *data)
{
    listing_writer *w = data;
    if (size == 0)
        return 0;
    w->st = w->write(w->wctx, buf, size, w->err);
    return w->st == TEND_OK ? 0 : -1;
}

/* Writes the array (and the newline after it) through write, then
 * releases it; a NULL array means building it ran out of memory. */
static tend_status S_finish(json_t *arr, tend_port_write_fn write, void *wctx, tend_error *err)
{
    if (!arr)
        return tend_fail(err, TEND_ENOMEM, "out of memory");
    listing_writer w = { write, wctx, TEND_OK, err };
    bool ok = json_dump_callback(arr, S_dump_piece, &w, JSON_INDENT(2)) == 0;
    json_decref(arr);
    if (!ok)
        return w.st != TEND_OK ? w.st : tend_fail(err, TEND_ENOMEM, "out of memory");
    return write(wctx, "\n", 1, err);
}

tend_status tend_port_list_json(const tend_head_list *l, tend_port_write_fn write, void *wctx,
                                tend_error *err)
{
    port_json_init();
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < l->n; i++) {
        if (!S_push(arr, S_json_record(&l->heads[i], l->ids ? l->ids[i] : "", NULL, 0, false))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return S_finish(arr, write, wctx, err);
}

tend_status tend_port_search_json(const tend_search_results *r, tend_port_write_fn write,
                                  void *wctx, tend_error *err)
{
    port_json_init();
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < r->n; i++) {
        const tend_search_hit *hit = &r->v[i];
        if (!S_push(arr, S_json_record(&hit->head, hit->id, hit->lines, hit->nlines, true))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    return S_finish(arr, write, wctx, err);
}
