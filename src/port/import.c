/*
 * import.c — records in: tend-json and jrnl's JSON, parsed by jansson and
 * checked field by field, then added to the journal in one transaction.
 *
 * A file is either taken whole or not at all: every record is parsed and
 * validated (including a trial encoding, so the journal's own rules apply)
 * before the journal is touched, and the inserts run inside one
 * transaction that is rolled back on any failure.
 */
#include "port_int.h"

#include "tend/bundle.h"
#include "tend/codec.h"
#include "tend/vault.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_OFFSET (18 * 3600)

bool tend_import_format_parse(const char *name, tend_import_format *out)
{
    if (strcmp(name, "tend-json") == 0)
        *out = TEND_IMPORT_TEND_JSON;
    else if (strcmp(name, "jrnl-json") == 0)
        *out = TEND_IMPORT_JRNL_JSON;
    else if (strcmp(name, "tend-encrypted") == 0)
        *out = TEND_IMPORT_BUNDLE;
    else
        return false;
    return true;
}

/* Parses data[0..len) as JSON (duplicate keys refused). NULL with a
 * "line L, column C" message in *err when it is not JSON. */
static json_t *S_load(const char *data, size_t len, tend_error *err)
{
    port_json_init();
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        tend_fail(err, TEND_EINVAL, "line %d, column %d: %s", je.line, je.column, je.text);
    return root;
}

tend_import_format tend_import_detect(const char *data, size_t len, bool *damaged)
{
    *damaged = false;
    tend_bundle_kind b = tend_bundle_detect(data, len);
    if (b != TEND_BUNDLE_NO) {
        *damaged = b == TEND_BUNDLE_DAMAGED;
        return TEND_IMPORT_BUNDLE;
    }
    json_t *root = S_load(data, len, NULL);
    tend_import_format f = TEND_IMPORT_AUTO;
    if (json_is_object(root)) {
        if (json_object_get(root, "format"))
            f = TEND_IMPORT_TEND_JSON;
        else if (json_object_get(root, "entries"))
            f = TEND_IMPORT_JRNL_JSON;
    }
    json_decref(root);
    return f;
}

/* ---- field access with messages that name the place ------------------------------ */

typedef struct {
    const char *list; /* "records" or "entries" */
    size_t index;
    tend_error *err;
} import_place;

static tend_status S_bad(const import_place *w, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Fails with TEND_EINVAL naming the place: "LIST[I].FIELD: what". */
static tend_status S_bad(const import_place *w, const char *field, const char *fmt, ...)
{
    char what[TEND_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (field)
        return tend_fail(w->err, TEND_EINVAL, "%s[%zu].%s: %s", w->list, w->index, field, what);
    return tend_fail(w->err, TEND_EINVAL, "%s[%zu]: %s", w->list, w->index, what);
}

/* Fails with TEND_ENOMEM for running out of memory while importing. */
static tend_status S_oom(tend_error *err)
{
    return tend_fail(err, TEND_ENOMEM, "out of memory while reading the file");
}

/* The string at key (required unless optional; *s NULL when absent). */
static tend_status S_str(const import_place *w, json_t *o, const char *key, bool optional,
                         const char **s, size_t *len)
{
    json_t *v = json_object_get(o, key);
    *s = NULL;
    if (len)
        *len = 0;
    if (!v) {
        if (optional)
            return TEND_OK;
        return S_bad(w, key, "missing; every %s needs it", w->list[0] == 'r' ? "record" : "entry");
    }
    if (!json_is_string(v))
        return S_bad(w, key, "must be a string");
    *s = json_string_value(v);
    if (len)
        *len = json_string_length(v);
    return TEND_OK;
}

/* The required date and time with a zone at key into *t and *off.
 * TEND_EINVAL naming the place otherwise. */
static tend_status S_time(const import_place *w, json_t *o, const char *key, int64_t *t, int32_t *off)
{
    const char *s;
    tend_status st = S_str(w, o, key, false, &s, NULL);
    if (st != TEND_OK)
        return st;
    tend_error e;
    if (tend_parse_time(s, 0, t, off, &e) != TEND_OK || !strpbrk(s + 10, "Zz+-"))
        return S_bad(w, key, "'%.40s' is not a date and time with a zone, such as "
                     "2024-05-01T21:30:00+02:00", s);
    return TEND_OK;
}

/* Reads 32 hex digits (any case) at s into *u; false when s is not that. */
static bool S_hex_uuid(const char *s, tend_uuid *u)
{
    if (!s || strlen(s) != TEND_UUID_HEX)
        return false;
    for (size_t i = 0; i < TEND_UUID_HEX; i++) {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            return false;
        if (i % 2 == 0)
            u->b[i / 2] = (unsigned char)(v << 4);
        else
            u->b[i / 2] |= (unsigned char)v;
    }
    return true;
}

/* The optional base64 at key, decoded into a fresh *out of *outlen bytes
 * (NULL and 0 when absent). TEND_EINVAL for bad base64, TEND_ENOMEM. */
static tend_status S_extra(const import_place *w, json_t *o, const char *key, unsigned char **out,
                           size_t *outlen)
{
    const char *s;
    size_t n;
    tend_status st = S_str(w, o, key, true, &s, &n);
    if (st != TEND_OK || !s)
        return st;
    bool oom;
    if (!port_b64_decode(s, n, out, outlen, &oom))
        return oom ? S_oom(w->err) : S_bad(w, key, "must be base64 (RFC 4648, with padding)");
    return TEND_OK;
}

/* Checks the record against the journal's own encoding rules. */
static tend_status S_trial_encode(const import_place *w, const tend_record *r)
{
    tend_buf b = TEND_BUF_INIT;
    tend_error e;
    tend_error_clear(&e);
    tend_status st = tend_head_encode(&r->head, &b, &e);
    if (st == TEND_OK)
        st = tend_body_encode(r, &b, &e);
    tend_buf_free(&b);
    if (st == TEND_ENOMEM)
        return S_oom(w->err);
    if (st != TEND_OK)
        return S_bad(w, NULL, "%s", e.msg);
    return TEND_OK;
}

/* ---- tend-json ------------------------------------------------------------------- */

static const char *const S_record_keys[] = {
    "uuid", "kind", "created", "updated", "utc_offset", "starred", "private", "other_flags",
    "title", "tags", "fields", "body", "head_extra", "body_extra", NULL
};

/* True when k is one of keys (NULL-terminated). */
static bool S_known(const char *const *keys, const char *k)
{
    for (; *keys; keys++)
        if (strcmp(*keys, k) == 0)
            return true;
    return false;
}

/* The optional boolean at key into *b (false when absent). TEND_EINVAL
 * when it is not a boolean. */
static tend_status S_bool(const import_place *w, json_t *o, const char *key, bool *b)
{
    json_t *v = json_object_get(o, key);
    *b = false;
    if (!v)
        return TEND_OK;
    if (!json_is_boolean(v))
        return S_bad(w, key, "must be true or false");
    *b = json_is_true(v);
    return TEND_OK;
}

/* Reads one tend-json record object into *r, checking every field.
 * TEND_EINVAL naming the place, TEND_ENOMEM; *r is then to be cleared. */
static tend_status S_tend_record(const import_place *w, json_t *o, tend_record *r)
{
    tend_head *h = &r->head;
    if (!json_is_object(o))
        return S_bad(w, NULL, "must be an object");
    const char *key;
    json_t *val;
    json_object_foreach(o, key, val) {
        if (!S_known(S_record_keys, key))
            return S_bad(w, NULL, "unknown field \"%.40s\" (version %d has no such field)", key,
                         TEND_JSON_VERSION);
    }
    const char *s;
    tend_status st = S_str(w, o, "uuid", false, &s, NULL);
    if (st != TEND_OK)
        return st;
    if (!S_hex_uuid(s, &h->uuid))
        return S_bad(w, "uuid", "must be 32 hex digits");
    json_t *k = json_object_get(o, "kind");
    if (!k)
        return S_bad(w, "kind", "missing; every record needs it");
    if (json_is_string(k)) {
        if (!(h->kind = tend_kind_parse(json_string_value(k))))
            return S_bad(w, "kind", "'%.40s' is not a kind this tend knows",
                         json_string_value(k));
    } else if (json_is_integer(k) && json_integer_value(k) > 0 &&
               json_integer_value(k) <= (json_int_t)UINT32_MAX) {
        h->kind = (uint32_t)json_integer_value(k);
    } else {
        return S_bad(w, "kind", "must be a kind name or a positive number");
    }
    int32_t ignored;
    if ((st = S_time(w, o, "created", &h->created, &ignored)) != TEND_OK ||
        (st = S_time(w, o, "updated", &h->updated, &ignored)) != TEND_OK)
        return st;
    json_t *off = json_object_get(o, "utc_offset");
    if (!off)
        return S_bad(w, "utc_offset", "missing; every record needs it");
    if (!json_is_integer(off) || json_integer_value(off) < -S_MAX_OFFSET ||
        json_integer_value(off) > S_MAX_OFFSET)
        return S_bad(w, "utc_offset", "must be a whole number of seconds within 18 hours");
    h->utc_offset = (int32_t)json_integer_value(off);
    bool starred, priv;
    if ((st = S_bool(w, o, "starred", &starred)) != TEND_OK ||
        (st = S_bool(w, o, "private", &priv)) != TEND_OK)
        return st;
    json_t *other = json_object_get(o, "other_flags");
    if (other && (!json_is_integer(other) || json_integer_value(other) < 0 ||
                  json_integer_value(other) > (json_int_t)UINT32_MAX ||
                  (json_integer_value(other) & (TEND_FLAG_STARRED | TEND_FLAG_PRIVATE))))
        return S_bad(w, "other_flags", "must be a number of flag bits other than 1 and 2");
    h->flags = (starred ? TEND_FLAG_STARRED : 0) | (priv ? TEND_FLAG_PRIVATE : 0) |
               (other ? (uint32_t)json_integer_value(other) : 0);
    if ((st = S_str(w, o, "title", false, &s, NULL)) != TEND_OK)
        return st;
    if (tend_head_set_title(h, s) != TEND_OK)
        return S_oom(w->err);
    json_t *tags = json_object_get(o, "tags");
    if (!json_is_array(tags))
        return S_bad(w, "tags", tags ? "must be a list of strings" : "missing; every record "
                     "needs it (an empty list is fine)");
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t) {
        if (!json_is_string(t) || !json_string_value(t)[0])
            return S_bad(w, "tags", "item %zu must be a non-empty string", i);
        if (tend_head_add_tag(h, json_string_value(t)) != TEND_OK)
            return S_oom(w->err);
    }
    json_t *fields = json_object_get(o, "fields");
    if (!json_is_array(fields))
        return S_bad(w, "fields", fields ? "must be a list of {\"key\", \"value\"} objects"
                     : "missing; every record needs it (an empty list is fine)");
    json_array_foreach(fields, i, t) {
        json_t *fk = json_object_get(t, "key"), *fv = json_object_get(t, "value");
        if (!json_is_object(t) || json_object_size(t) != 2 || !json_is_string(fk) ||
            !json_is_string(fv) || !json_string_value(fk)[0])
            return S_bad(w, "fields", "item %zu must be {\"key\": non-empty string, \"value\": "
                         "string}", i);
        if (tend_head_add_field(h, json_string_value(fk), json_string_value(fv)) != TEND_OK)
            return S_oom(w->err);
    }
    json_t *body = json_object_get(o, "body");
    if (!body)
        return S_bad(w, "body", "missing; every record needs it (null when there is none)");
    if (json_is_string(body)) {
        if (tend_record_set_body(r, json_string_value(body), json_string_length(body)) != TEND_OK)
            return S_oom(w->err);
    } else if (!json_is_null(body)) {
        return S_bad(w, "body", "must be a string or null");
    }
    if ((st = S_extra(w, o, "head_extra", &h->extra, &h->extra_len)) != TEND_OK ||
        (st = S_extra(w, o, "body_extra", &r->body_extra, &r->body_extra_len)) != TEND_OK)
        return st;
    return S_trial_encode(w, r);
}

/* Reads a tend-json document (format, version, records) into out.
 * TEND_EINVAL naming the place, TEND_ENOMEM. */
static tend_status S_parse_tend(json_t *root, tend_record_set *out, tend_error *err)
{
    static const char *const top[] = { "format", "version", "exported", "records", NULL };
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (!S_known(top, key))
            return tend_fail(err, TEND_EINVAL, "unknown top-level field \"%.40s\"", key);
    }
    json_t *f = json_object_get(root, "format");
    if (!json_is_string(f) || strcmp(json_string_value(f), TEND_JSON_FORMAT_NAME) != 0)
        return tend_fail(err, TEND_EINVAL, "format: must be \"%s\"", TEND_JSON_FORMAT_NAME);
    json_t *v = json_object_get(root, "version");
    if (!json_is_integer(v))
        return tend_fail(err, TEND_EINVAL, "version: %s", v ? "must be a number" : "missing");
    if (json_integer_value(v) > TEND_JSON_VERSION)
        return tend_fail(err, TEND_EINVAL, "version: %lld is newer than this tend reads (%d); "
                         "update tend to import this file", (long long)json_integer_value(v),
                         TEND_JSON_VERSION);
    if (json_integer_value(v) != TEND_JSON_VERSION)
        return tend_fail(err, TEND_EINVAL, "version: %lld is not a tend-json version",
                         (long long)json_integer_value(v));
    json_t *ex = json_object_get(root, "exported");
    int64_t t;
    if (!json_is_string(ex) || tend_parse_time(json_string_value(ex), 0, &t, NULL, NULL) != TEND_OK)
        return tend_fail(err, TEND_EINVAL, "exported: %s", ex ? "must be a date and time such "
                         "as 2024-05-01T21:30:00+00:00" : "missing");
    json_t *recs = json_object_get(root, "records");
    if (!json_is_array(recs))
        return tend_fail(err, TEND_EINVAL, "records: %s", recs ? "must be a list" : "missing");
    size_t i;
    json_t *o;
    json_array_foreach(recs, i, o) {
        import_place w = { "records", i, err };
        tend_record r = TEND_RECORD_INIT;
        tend_status st = S_tend_record(&w, o, &r);
        if (st == TEND_OK && tend_record_set_push(out, &r) != TEND_OK)
            st = S_oom(err);
        tend_record_clear(&r);
        if (st != TEND_OK)
            return st;
    }
    return TEND_OK;
}

/* ---- jrnl ------------------------------------------------------------------------ */

/* The instant of local date and time "YYYY-MM-DD HH:MM", and the local
 * offset then. */
static tend_status S_local(const char *dt, int64_t *t, int32_t *off)
{
    int32_t o = tend_local_offset(tend_now());
    for (int i = 0; i < 3; i++) {
        if (tend_parse_time(dt, o, t, NULL, NULL) != TEND_OK)
            return TEND_EINVAL;
        int32_t o2 = tend_local_offset(*t);
        if (o2 == o)
            break;
        o = o2;
    }
    if (tend_parse_time(dt, o, t, NULL, NULL) != TEND_OK)
        return TEND_EINVAL;
    *off = o;
    return TEND_OK;
}

/* Reads one jrnl entry object into *r as an entry (fresh or given uuid,
 * local date and time, tags without "@", starred). TEND_EINVAL naming the
 * place, TEND_ENOMEM. */
static tend_status S_jrnl_entry(const import_place *w, json_t *o, tend_record *r)
{
    tend_head *h = &r->head;
    if (!json_is_object(o))
        return S_bad(w, NULL, "must be an object");
    const char *title, *body, *date, *time;
    size_t body_len;
    tend_status st;
    if ((st = S_str(w, o, "title", false, &title, NULL)) != TEND_OK ||
        (st = S_str(w, o, "body", true, &body, &body_len)) != TEND_OK ||
        (st = S_str(w, o, "date", false, &date, NULL)) != TEND_OK ||
        (st = S_str(w, o, "time", false, &time, NULL)) != TEND_OK)
        return st;
    int y, m, d;
    char tail;
    if (strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return S_bad(w, "date", "'%.40s' is not a date such as 2024-05-01", date);
    size_t tl = strlen(time);
    char dt[40];
    int64_t probe;
    snprintf(dt, sizeof dt, "2000-01-01 %.8s", time);
    if ((tl != 5 && tl != 8) || strpbrk(time, " Tt") ||
        tend_parse_time(dt, 0, &probe, NULL, NULL) != TEND_OK)
        return S_bad(w, "time", "'%.40s' is not a time such as 21:30", time);
    snprintf(dt, sizeof dt, "%s %s", date, time);
    if (S_local(dt, &h->created, &h->utc_offset) != TEND_OK)
        return S_bad(w, "date", "'%s' is not a date and time that exists", dt);
    h->updated = h->created;
    h->kind = TEND_KIND_ENTRY;
    bool starred;
    if ((st = S_bool(w, o, "starred", &starred)) != TEND_OK)
        return st;
    h->flags = starred ? TEND_FLAG_STARRED : 0;
    if (tend_head_set_title(h, title) != TEND_OK ||
        tend_record_set_body(r, body ? body : "", body_len) != TEND_OK)
        return S_oom(w->err);
    json_t *tags = json_object_get(o, "tags");
    if (tags && !json_is_array(tags))
        return S_bad(w, "tags", "must be a list of strings");
    size_t i;
    json_t *t;
    json_array_foreach(tags, i, t) {
        const char *s = json_string_value(t);
        if (s && s[0] == '@')
            s++;
        if (!s || !*s)
            return S_bad(w, "tags", "item %zu must be a tag such as \"@work\"", i);
        if (tend_head_add_tag(h, s) != TEND_OK)
            return S_oom(w->err);
    }
    const char *uuid;
    if ((st = S_str(w, o, "uuid", true, &uuid, NULL)) != TEND_OK)
        return st;
    if (!S_hex_uuid(uuid, &h->uuid))
        tend_uuid_random(h->uuid.b);
    return S_trial_encode(w, r);
}

/* Reads a jrnl JSON document (its entries) into out. TEND_EINVAL naming
 * the place, TEND_ENOMEM. */
static tend_status S_parse_jrnl(json_t *root, tend_record_set *out, tend_error *err)
{
    json_t *entries = json_object_get(root, "entries");
    if (!json_is_array(entries))
        return tend_fail(err, TEND_EINVAL, "entries: %s",
                         entries ? "must be a list" : "missing; this is not a jrnl JSON export");
    size_t i;
    json_t *o;
    json_array_foreach(entries, i, o) {
        import_place w = { "entries", i, err };
        tend_record r = TEND_RECORD_INIT;
        tend_status st = S_jrnl_entry(&w, o, &r);
        if (st == TEND_OK && tend_record_set_push(out, &r) != TEND_OK)
            st = S_oom(err);
        tend_record_clear(&r);
        if (st != TEND_OK)
            return st;
    }
    return TEND_OK;
}

tend_status tend_import_parse(const char *data, size_t len, tend_import_format fmt,
                              tend_record_set *out, tend_error *err)
{
    tend_record_set_free(out);
    if (fmt == TEND_IMPORT_BUNDLE)
        return tend_fail(err, TEND_EINVAL, "an encrypted bundle must be opened before it is read");
    json_t *root = S_load(data, len, err);
    if (!root)
        return TEND_EINVAL;
    tend_status st;
    if (!json_is_object(root)) {
        st = tend_fail(err, TEND_EINVAL, "line 1: the file must hold one JSON object");
    } else {
        if (fmt == TEND_IMPORT_AUTO)
            fmt = json_object_get(root, "format") ? TEND_IMPORT_TEND_JSON
                  : json_object_get(root, "entries") ? TEND_IMPORT_JRNL_JSON
                  : TEND_IMPORT_AUTO;
        if (fmt == TEND_IMPORT_TEND_JSON)
            st = S_parse_tend(root, out, err);
        else if (fmt == TEND_IMPORT_JRNL_JSON)
            st = S_parse_jrnl(root, out, err);
        else
            st = tend_fail(err, TEND_EINVAL, "this JSON is neither a tend export (no \"format\") "
                           "nor a jrnl export (no \"entries\")");
    }
    json_decref(root);
    if (st != TEND_OK)
        tend_record_set_free(out);
    return st;
}

/* ---- into the journal -------------------------------------------------------------- */

static int S_uuid_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(tend_uuid));
}

/* Whether r duplicates a record of the journal (sorted uuids in ids) or
 * one of have[0..nhave). */
static bool S_duplicate(const tend_record *r, const tend_uuid *ids, size_t nids,
                        const tend_record_set *existing, const tend_record *const *have,
                        size_t nhave)
{
    if (nids && bsearch(&r->head.uuid, ids, nids, sizeof *ids, S_uuid_cmp))
        return true;
    /* existing is sorted by created: look only at records of the same time. */
    size_t lo = 0, hi = existing->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (existing->v[mid].head.created < r->head.created)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < existing->n && existing->v[i].head.created == r->head.created; i++)
        if (port_same_text(&existing->v[i], r))
            return true;
    for (size_t i = 0; i < nhave; i++)
        if (tend_uuid_equal(&have[i]->head.uuid, &r->head.uuid) ||
            (have[i]->head.created == r->head.created && port_same_text(have[i], r)))
            return true;
    return false;
}

/* True when the journal (existing) or a record already taken (have) is
 * of kind: a single-instance kind is then kept as the journal has it. */
static bool S_has_kind(const tend_record_set *existing, const tend_record *const *have,
                       size_t nhave, uint32_t kind)
{
    for (size_t i = 0; i < existing->n; i++)
        if (existing->v[i].head.kind == kind)
            return true;
    for (size_t i = 0; i < nhave; i++)
        if (have[i]->head.kind == kind)
            return true;
    return false;
}

tend_status tend_import_records(tend_journal *j, const tend_record_set *s,
                                tend_import_report *rep, tend_error *err)
{
    tend_import_report r = { 0, 0, 0, 0, 0 };
    tend_record_set existing = TEND_RECORD_SET_INIT;
    tend_filter all = TEND_FILTER_INIT;
    all.all_kinds = true;
    tend_status st = tend_port_collect(j, &all, false, &existing, err);
    if (st != TEND_OK)
        return st;
    if (existing.ndamaged) {
        tend_record_set_free(&existing);
        return tend_fail(err, TEND_EDAMAGED, "the journal has %zu damaged record%s, so "
                         "duplicates cannot be told; run 'tend verify' first", existing.ndamaged,
                         existing.ndamaged == 1 ? "" : "s");
    }
    tend_uuid *ids = calloc(existing.n ? existing.n : 1, sizeof *ids);
    const tend_record **have = calloc(s->n ? s->n : 1, sizeof *have);
    if (!ids || !have) {
        st = tend_fail(err, TEND_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < existing.n; i++)
        ids[i] = existing.v[i].head.uuid;
    qsort(ids, existing.n, sizeof *ids, S_uuid_cmp);
    size_t nhave = 0;
    for (size_t i = 0; i < s->n; i++) {
        const tend_record *rec = &s->v[i];
        if (S_duplicate(rec, ids, existing.n, &existing, have, nhave)) {
            r.duplicates++;
        } else if (tend_kind_is_singleton(rec->head.kind) &&
                   S_has_kind(&existing, have, nhave, rec->head.kind)) {
            r.kept++;
        } else {
            have[nhave++] = rec;
        }
    }
    st = tend_journal_begin(j, err);
    if (st != TEND_OK)
        goto out;
    for (size_t i = 0; i < nhave; i++) {
        tend_error e2;
        tend_error_clear(&e2);
        st = tend_journal_insert(j, have[i], &e2);
        if (st != TEND_OK) {
            tend_journal_rollback(j);
            tend_fail(err, st, "record %zu of the file could not be added (%s); nothing was "
                      "imported", (size_t)(have[i] - s->v), e2.msg);
            goto out;
        }
        uint32_t k = have[i]->head.kind;
        if (k == TEND_KIND_ENTRY)
            r.entries++;
        else if (k == TEND_KIND_CHECKIN)
            r.checkins++;
        else
            r.others++;
    }
    st = tend_journal_commit(j, err);
    if (st != TEND_OK) {
        tend_journal_rollback(j);
        goto out;
    }
    if (rep)
        *rep = r;
out:
    free(ids);
    free(have);
    tend_record_set_free(&existing);
    return st;
}
