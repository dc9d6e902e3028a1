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
 * in bytes of text). Port builds it (tend_port_list_json, _search_json).
 *
 * Without --search only heads are decrypted; with it every body of the
 * records passing the filters is decrypted once, searched and wiped.
 */
#include "tend/cli.h"
#include "tend/date.h"
#include "tend/journal.h"
#include "tend/port.h"
#include "tend/search.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

int tend_cmd_list(const tend_globals *g, int argc, char **argv);

typedef struct {
    tend_filter f;
    const char *search;
    bool json;
} list_options;

/* ---- text -------------------------------------------------------------------- */

/* Writes s[0..len) with control characters shown as spaces. */
static void S_put_safe(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        putchar(c < 0x20 || c == 0x7f ? ' ' : c);
    }
}

/* S_put_safe for a C string. */
static void S_put_str_safe(const char *s)
{
    S_put_safe(s, strlen(s));
}

/* Prints one record's line: short id, local date and time, kind, title,
 * #tags, tab-separated, control characters as spaces. */
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

/* Prints one matching line under its record ("\tWHERE:LINE: TEXT"),
 * the matches in reverse video when mark. */
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

/* A tend_port_write_fn: the piece to standard output. TEND_EIO when it
 * cannot be written. */
static tend_status S_stdout_write(void *ctx, const void *data, size_t len, tend_error *err)
{
    (void)ctx;
    if (fwrite(data, 1, len, stdout) != len)
        return tend_fail(err, TEND_EIO, "could not write to standard output");
    return TEND_OK;
}

/* ---- the command ------------------------------------------------------------ */

/* Parses the options into *a. Returns -1 to go on, else the exit code. */
static int S_parse(int argc, char **argv, list_options *a)
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

/* Ends a listing whose output went as st says (err filled when it
 * failed): reports a failure, or the damaged records left out, and returns
 * the exit code. */
static int S_finish(tend_status st, const tend_error *err, size_t ndamaged)
{
    if (st == TEND_ENOMEM) {
        fputs("tend: out of memory\n", stderr);
        return 1;
    }
    if (st != TEND_OK)
        return tend_report(err);
    if (!ndamaged)
        return 0;
    fprintf(stderr, "tend: %zu damaged record%s not listed; run 'tend verify'\n", ndamaged,
            ndamaged == 1 ? "" : "s");
    return 4;
}

/* tend list without --search: lists the heads passing a->f, as text or
 * JSON. Closes j. Returns the exit code. */
static int S_list_heads(tend_journal *j, const list_options *a)
{
    tend_error err;
    tend_error_clear(&err);
    tend_head_list l = TEND_HEAD_LIST_INIT;
    tend_status s = tend_journal_list(j, &a->f, &l, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    if (a->json)
        s = tend_port_list_json(&l, S_stdout_write, NULL, &err);
    for (size_t i = 0; !a->json && i < l.n; i++)
        S_text_record(&l.heads[i], l.ids[i]);
    int rc = S_finish(s, &err, l.ndamaged);
    tend_head_list_free(&l);
    return rc;
}

/* tend list --search: the records passing a->f that match srch, with
 * their matching lines, as text or JSON. Closes j. Returns the exit code. */
static int S_list_search(const tend_globals *g, tend_journal *j, tend_search *srch,
                         const list_options *a)
{
    tend_error err;
    tend_error_clear(&err);
    tend_search_results res = TEND_SEARCH_RESULTS_INIT;
    tend_status s = tend_search_journal(j, srch, &a->f, &res, &err);
    tend_journal_close(j);
    if (s != TEND_OK)
        return tend_report(&err);
    bool mark = !a->json && !g->no_color && isatty(STDOUT_FILENO);
    if (a->json)
        s = tend_port_search_json(&res, S_stdout_write, NULL, &err);
    for (size_t i = 0; !a->json && i < res.n; i++) {
        const tend_search_hit *hit = &res.v[i];
        S_text_record(&hit->head, hit->id);
        for (size_t k = 0; k < hit->nlines; k++)
            S_text_match(&hit->lines[k], mark);
    }
    int rc = S_finish(s, &err, res.ndamaged);
    tend_search_results_free(&res);
    return rc;
}

int tend_cmd_list(const tend_globals *g, int argc, char **argv)
{
    list_options a = { TEND_FILTER_INIT, NULL, false };
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
    rc = 1;
    tend_journal *j = tend_cli_journal_open(g, &rc);
    if (j)
        rc = srch ? S_list_search(g, j, srch, &a) : S_list_heads(j, &a);
    tend_search_free(srch);
    return rc;
}
