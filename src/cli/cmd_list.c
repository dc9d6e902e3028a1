/*
 * cmd_list.c — tend list: the records of the journal, newest first, with
 * filters (--since, --until, --tag, --kind), a search over all their text
 * (--search), as text lines or JSON (--format).
 *
 * Text: one tab-separated line per record (short id, local date and time,
 * kind, title, #tags); with --search, each matching line follows on its own
 * line, starting with a tab: "\tWHERE:LINE: TEXT" (WHERE is title, tag,
 * body or field:KEY). On a terminal (and without --no-color) the matches
 * are shown in reverse video. Control characters are shown as spaces, so a
 * record stays on its lines and nothing reaches the terminal as a command.
 *
 * JSON: an array of objects {id, kind, created, updated, title, tags} plus
 * "fields" ([{key, value}], in order) for check-ins and, with --search,
 * "matches" ([{in, key?, line, text, ranges: [[start, end], ...]}], ranges
 * in bytes of text). Built with jansson under port's wiping allocator.
 *
 * Without --search only heads are decrypted; with it every body of the
 * records passing the filters is decrypted once, searched and wiped.
 */
#include "tend/cli.h"
#include "tend/date.h"
#include "tend/journal.h"
#include "tend/port.h"
#include "tend/search.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int tend_cmd_list(const tend_globals *g, int argc, char **argv);

typedef struct {
    tend_filter f;
    const char *search;
    bool json;
} S_list_args;

/* ---- text -------------------------------------------------------------------- */

/* Writes s[0..len) with control characters shown as spaces. */
static void S_put_safe(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        putchar(c < 0x20 || c == 0x7f ? ' ' : c);
    }
}

static void S_put_str_safe(const char *s)
{
    S_put_safe(s, strlen(s));
}

static void S_text_record(const tend_head *h, const char *sid)
{
    char when[TEND_DATETIME_MAX];
    tend_format_datetime(h->created, h->utc_offset, when);
    const char *kind = tend_kind_name(h->kind);
    printf("%s\t%s\t", sid, when);
    if (kind)
        fputs(kind, stdout);
    else
        printf("kind-%u", (unsigned)h->kind);
    putchar('\t');
    S_put_str_safe(h->title);
    putchar('\t');
    for (size_t i = 0; i < h->ntags; i++) {
        if (i)
            putchar(' ');
        putchar('#');
        S_put_str_safe(h->tags[i]);
    }
    putchar('\n');
}

static void S_text_match(const tend_search_line *l, bool mark)
{
    putchar('\t');
    fputs(tend_search_in_name(l->in), stdout);
    if (l->key) {
        putchar(':');
        S_put_str_safe(l->key);
    }
    printf(":%zu: ", l->line);
    size_t at = 0;
    for (size_t k = 0; k < l->nspans; k++) {
        S_put_safe(l->text + at, l->spans[k].start - at);
        if (mark)
            fputs("\033[7m", stdout);
        S_put_safe(l->text + l->spans[k].start, l->spans[k].end - l->spans[k].start);
        if (mark)
            fputs("\033[27m", stdout);
        at = l->spans[k].end;
    }
    S_put_safe(l->text + at, l->len - at);
    putchar('\n');
}

/* ---- JSON -------------------------------------------------------------------- */

/* Sets o[key] = v, taking v; false (v released) when v is NULL or out of
 * memory. */
static bool S_set(json_t *o, const char *key, json_t *v)
{
    return v && json_object_set_new(o, key, v) == 0;
}

static bool S_push(json_t *a, json_t *v)
{
    return v && json_array_append_new(a, v) == 0;
}

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

static int S_dump_cb(const char *buf, size_t size, void *data)
{
    (void)data;
    return fwrite(buf, 1, size, stdout) == size ? 0 : -1;
}

/* Prints the array and releases it. Returns false when out of memory. */
static bool S_json_print(json_t *a)
{
    bool ok = json_dump_callback(a, S_dump_cb, NULL, JSON_INDENT(2)) == 0;
    json_decref(a);
    if (ok)
        putchar('\n');
    return ok;
}

/* ---- the command ------------------------------------------------------------ */

/* Parses the options into *a. Returns -1 to go on, else the exit code. */
static int S_parse(int argc, char **argv, S_list_args *a)
{
    static const tend_optspec spec[] = { { "since", true }, { "until", true }, { "tag", true },
                                         { "kind", true },  { "search", true }, { "format", true },
                                         { NULL, false } };
    tend_error err;
    tend_error_clear(&err);
    int64_t now = tend_now();
    int32_t off = tend_local_offset(now);
    tend_optstate st = { 1, 0, NULL, false };
    int r;
    while ((r = tend_opt_next(&st, argc, argv, "list", spec)) != TEND_OPT_END) {
        if (r == TEND_OPT_ERROR)
            return 2;
        if (r == TEND_OPT_ARG)
            return tend_usage_error("list: unexpected argument '%s'", st.value);
        switch (st.which) {
        case 0:
        case 1: {
            int64_t t;
            if (tend_parse_date(st.value, now, off, &t, &err) != TEND_OK)
                return tend_usage_error("list: --%s: %s", spec[st.which].name, err.msg);
            if (st.which == 0)
                a->f.since = t;
            else
                a->f.until = t + 86400; /* --until D includes the day D */
            break;
        }
        case 2:
            a->f.tag = st.value;
            break;
        case 3:
            if (strcmp(st.value, "all") == 0)
                a->f.all_kinds = true;
            else if (!(a->f.kind = tend_kind_parse(st.value)))
                return tend_usage_error("list: --kind must be entry, checkin or all");
            break;
        case 4:
            a->search = st.value;
            break;
        case 5:
            if (strcmp(st.value, "json") == 0)
                a->json = true;
            else if (strcmp(st.value, "text") == 0)
                a->json = false;
            else
                return tend_usage_error("list: --format must be text or json");
            break;
        }
    }
    if (a->f.since && a->f.until && a->f.until <= a->f.since)
        return tend_usage_error("list: --until is before --since");
    return -1;
}

/* Ends a listing: prints the JSON array arr (when not NULL; released
 * either way) if all went well (ok), reports running out of memory or the
 * damaged records left out, and returns the exit code. */
static int S_finish(json_t *arr, bool ok, size_t ndamaged)
{
    if (ok && arr)
        ok = S_json_print(arr);
    else
        json_decref(arr);
    if (!ok) {
        fputs("tend: out of memory\n", stderr);
        return 1;
    }
    if (!ndamaged)
        return 0;
    fprintf(stderr, "tend: %zu damaged record%s not listed; run 'tend verify'\n", ndamaged,
            ndamaged == 1 ? "" : "s");
    return 4;
}

static int S_list_heads(tend_journal *j, const S_list_args *a)
{
    tend_error err;
    tend_error_clear(&err);
    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_status s = tend_journal_list(j, &a->f, &l, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    json_t *arr = a->json ? json_array() : NULL;
    bool ok = !a->json || arr;
    for (size_t i = 0; ok && i < l.n; i++) {
        if (a->json)
            ok = S_push(arr, S_json_record(&l.heads[i], l.ids[i], NULL, 0, false));
        else
            S_text_record(&l.heads[i], l.ids[i]);
    }
    int rc = S_finish(arr, ok, l.ndamaged);
    tend_head_list_free(&l);
    return rc;
}

static int S_list_search(const tend_globals *g, tend_journal *j, tend_search *srch,
                         const S_list_args *a)
{
    tend_error err;
    tend_error_clear(&err);
    tend_search_results res = TEND_SEARCH_RESULTS_INIT;
    tend_status s = tend_search_journal(j, srch, &a->f, &res, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    bool mark = !a->json && !g->no_color && isatty(STDOUT_FILENO);
    json_t *arr = a->json ? json_array() : NULL;
    bool ok = !a->json || arr;
    for (size_t i = 0; ok && i < res.n; i++) {
        const tend_search_hit *hit = &res.v[i];
        if (a->json) {
            ok = S_push(arr, S_json_record(&hit->head, hit->id, hit->lines, hit->nlines, true));
            continue;
        }
        S_text_record(&hit->head, hit->id);
        for (size_t k = 0; k < hit->nlines; k++)
            S_text_match(&hit->lines[k], mark);
    }
    int rc = S_finish(arr, ok, res.ndamaged);
    tend_search_results_free(&res);
    return rc;
}

int tend_cmd_list(const tend_globals *g, int argc, char **argv)
{
    S_list_args a = { TEND_FILTER_INIT, NULL, false };
    int rc = S_parse(argc, argv, &a);
    if (rc >= 0)
        return rc;
    tend_search *srch = NULL;
    if (a.search) {
        tend_error err;
        tend_error_clear(&err);
        if (tend_search_new(a.search, NULL, &srch, &err) != TEND_OK)
            return err.code == TEND_ENOMEM ? tend_report(&err)
                                           : tend_usage_error("list: --search: %s", err.msg);
    }
    if (a.json)
        tend_port_json_init();
    rc = 1;
    tend_journal *j = tend_cli_journal_open(g, &rc);
    if (j)
        rc = srch ? S_list_search(g, j, srch, &a) : S_list_heads(j, &a);
    tend_search_free(srch);
    return rc;
}
