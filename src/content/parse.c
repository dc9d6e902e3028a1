/*
 * parse.c — turns one content file into a page, tool, region or prompt
 * theme, and says exactly what is wrong when it cannot.
 *
 * The header goes through tend_fm_parse (frontmatter.c); the body is parsed
 * with cmark and walked with cmark_iter — lists, headings and links are
 * found in the syntax tree, never by scanning the text. Body line numbers
 * from cmark count from the body's first line, so they are shifted by the
 * header's length to point into the file.
 */
#include "content_int.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    tend_content *c;
    size_t idx;
    int offset;       /* file line of body line 1, minus 1 */
    bool bad;
} S_ctx;

static void S_report_cb(void *ctx, int line, const char *msg)
{
    S_ctx *x = ctx;
    tend_ci_problem_add(x->c, x->idx, line, "%s", msg);
    x->bad = true;
}

#define S_PROBLEM(x, line, ...) \
    do { \
        tend_ci_problem_add((x)->c, (x)->idx, (line), __VA_ARGS__); \
        (x)->bad = true; \
    } while (0)

/* ---- header values ---------------------------------------------------------- */

/* Reports each key of req missing from fm, and each present but empty. */
static void S_require(S_ctx *x, const tend_frontmatter *fm, const char *const *req)
{
    for (size_t i = 0; req[i]; i++) {
        const char *v = tend_fm_get(fm, req[i]);
        if (!v)
            S_PROBLEM(x, 1, "missing required key '%s'", req[i]);
        else if (!*v)
            S_PROBLEM(x, tend_fm_line(fm, req[i]), "empty value for '%s'", req[i]);
    }
}

/* Reads key as a whole number in [min, max] into *out. A missing key is
 * left to S_require; returns false when missing or bad. */
static bool S_int(S_ctx *x, const tend_frontmatter *fm, const char *key, int min, int max,
                  int *out)
{
    const char *v = tend_fm_get(fm, key);
    if (!v || !*v)
        return false;
    long n = 0;
    size_t i = 0;
    for (; v[i] >= '0' && v[i] <= '9' && i < 9; i++)
        n = n * 10 + (v[i] - '0');
    if (v[i] != '\0') {
        S_PROBLEM(x, tend_fm_line(fm, key), "bad integer '%s' for '%s' (expected a whole number, e.g. 3)",
                  v, key);
        return false;
    }
    if (n < min || n > max) {
        S_PROBLEM(x, tend_fm_line(fm, key), "'%s' is %ld; it must be between %d and %d", key, n, min,
                  max);
        return false;
    }
    *out = (int)n;
    return true;
}

/* True for an id: lower-case letters and digits, words joined by '-' (or
 * also by '_' when underscore is true, as check-in item ids may be). */
static bool S_is_id_with(const char *s, size_t n, bool underscore)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        /* in matches, '.' also joins item_id.option_id */
        bool joiner = ch == '-' || (underscore && (ch == '_' || ch == '.'));
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (joiner && i + 1 < n && !strchr("-_.", s[i + 1]));
        if (!ok)
            return false;
    }
    return true;
}

static bool S_is_id(const char *s, size_t n)
{
    return S_is_id_with(s, n, false);
}

/* The file's name must be lower-case words joined by hyphens, ending .md. */
static void S_check_file_name(S_ctx *x, const char *name)
{
    size_t n = strlen(name);
    if (n <= 3 || !S_is_id(name, n - 3))
        S_PROBLEM(x, 0, "file name '%s' should be lower-case words joined by hyphens, e.g. "
                        "'box-breathing.md'", name);
}

/* Where the item being parsed came from (strings already in the arena). */
static void S_src(const S_ctx *x, const tend_frontmatter *fm, tend_content_src *src)
{
    const tend_content_file *f = &x->c->files[x->idx];
    src->path = f->path;
    src->origin = f->origin;
    src->builtin = f->builtin;
    src->body_line = fm->body_line;
}

/* ---- the syntax tree ------------------------------------------------------------ */

/* The file line of node, looking at its parents when cmark gave it none. */
static int S_line(const S_ctx *x, cmark_node *node)
{
    while (node && cmark_node_get_start_line(node) <= 0)
        node = cmark_node_parent(node);
    return node ? x->offset + cmark_node_get_start_line(node) : 0;
}

/* Appends the plain text of node's subtree to b: text and code as they are,
 * line breaks and block ends as spaces. */
static tend_status S_plain(cmark_node *node, tend_buf *b)
{
    cmark_iter *it = cmark_iter_new(node);
    if (!it)
        return TEND_ENOMEM;
    tend_status st = TEND_OK;
    cmark_event_type ev;
    while (st == TEND_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
            st = tend_buf_puts(b, cmark_node_get_literal(n));
        else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK))
            st = tend_buf_putc(b, ' ');
        else if (ev == CMARK_EVENT_EXIT && t != CMARK_NODE_DOCUMENT)
            st = (t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK) ? tend_buf_putc(b, ' ')
                                                                            : TEND_OK;
    }
    cmark_iter_free(it);
    return st;
}

/* Copies s[0..n) into the arena with runs of white space made one space and
 * the ends trimmed. */
static char *S_squeeze(tend_content *c, const char *s, size_t n)
{
    char *out = tend_ci_alloc(c, n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = o > 0;
            continue;
        }
        if (space)
            out[o++] = ' ';
        space = false;
        out[o++] = ch;
    }
    out[o] = '\0';
    return out;
}

/* The plain text of node, squeezed, in the arena. */
static char *S_text_of(tend_content *c, cmark_node *node)
{
    tend_buf b = TEND_BUF_INIT;
    char *out = NULL;
    if (S_plain(node, &b) == TEND_OK)
        out = S_squeeze(c, b.data ? b.data : "", b.len);
    tend_buf_free(&b);
    return out;
}

/* The CommonMark of a list item's blocks (without its marker), in the arena. */
static char *S_markdown_of_item(tend_content *c, cmark_node *item)
{
    tend_buf b = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    for (cmark_node *ch = cmark_node_first_child(item); ch && st == TEND_OK;
         ch = cmark_node_next(ch)) {
        char *md = cmark_render_commonmark(ch, CMARK_OPT_DEFAULT, 0);
        if (!md)
            return tend_buf_free(&b), NULL;
        if (b.len > 0)
            st = tend_buf_putc(&b, '\n');
        if (st == TEND_OK)
            st = tend_buf_puts(&b, md);
        free(md);
    }
    char *out = NULL;
    if (st == TEND_OK) {
        size_t n = b.len;
        while (n > 0 && (b.data[n - 1] == '\n' || b.data[n - 1] == ' '))
            n--;
        out = tend_ci_strndup(c, b.data ? b.data : "", n);
    }
    tend_buf_free(&b);
    return out;
}

/* The items of list, in the arena. Returns TEND_ENOMEM or TEND_OK. */
static tend_status S_items(S_ctx *x, cmark_node *list, const tend_content_item **out, size_t *n)
{
    size_t count = 0;
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
        count++;
    tend_content_item *items = tend_ci_alloc(x->c, (count ? count : 1) * sizeof *items);
    if (!items)
        return TEND_ENOMEM;
    size_t i = 0;
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), i++) {
        items[i].markdown = S_markdown_of_item(x->c, it);
        items[i].text = S_text_of(x->c, it);
        items[i].line = S_line(x, it);
        if (!items[i].markdown || !items[i].text)
            return TEND_ENOMEM;
        if (!items[i].text[0])
            S_PROBLEM(x, items[i].line, "an empty list item");
    }
    *out = items;
    *n = count;
    return TEND_OK;
}

/* The first top-level list of the given type, or NULL. */
static cmark_node *S_first_list(cmark_node *doc, cmark_list_type type)
{
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_LIST && cmark_node_get_list_type(n) == type)
            return n;
    return NULL;
}

/* Body lines [from, to] (1-based, body-relative; to < 1 means to the end),
 * trimmed of surrounding blank lines, in the arena. */
static char *S_lines(tend_content *c, const char *body, size_t len, int from, int to)
{
    size_t start = len, end = len;
    int line = 1;
    size_t i = 0;
    if (from <= 1)
        start = 0;
    for (; i < len; i++) {
        if (body[i] != '\n')
            continue;
        line++;
        if (line == from)
            start = i + 1;
        if (to >= 1 && line == to + 1) {
            end = i + 1;
            break;
        }
    }
    if (start > end)
        start = end;
    while (start < end && (body[start] == '\n' || body[start] == '\r' || body[start] == ' '))
        start++;
    while (end > start && (body[end - 1] == '\n' || body[end - 1] == '\r' || body[end - 1] == ' '))
        end--;
    return tend_ci_strndup(c, body + start, end - start);
}

/* ---- links ------------------------------------------------------------------------ */

tend_ci_link_kind_t tend_ci_link_kind(const char *href, char *name, size_t cap)
{
    if (href[0] == '#')
        return TEND_CI_LINK_ANCHOR;
    size_t s = strcspn(href, ":/?#");
    if (href[s] == ':' && s > 0) {
        if (strncasecmp(href, "https://", 8) == 0 && href[8])
            return TEND_CI_LINK_URL;
        return TEND_CI_LINK_INSECURE;
    }
    if (strncmp(href, "./", 2) == 0)
        href += 2;
    size_t n = strcspn(href, "?#");
    if (memchr(href, '/', n) || n <= 3 || memcmp(href + n - 3, ".md", 3) != 0 || n >= cap)
        return TEND_CI_LINK_OTHER;
    memcpy(name, href, n);
    name[n] = '\0';
    return TEND_CI_LINK_PAGE;
}

void tend_ci_check_links(tend_content *c)
{
    for (size_t i = 0; i < c->nlinks; i++) {
        const tend_ci_link *l = &c->links[i];
        char name[256], path[300];
        if (tend_ci_link_kind(l->href, name, sizeof name) != TEND_CI_LINK_PAGE)
            continue;
        snprintf(path, sizeof path, "pages/%s", name);
        if (!tend_content_file_find(c, path))
            tend_ci_problem_add(c, l->file_idx, l->line,
                                "link to '%s', which is not a page (no file pages/%s)", l->href,
                                name);
    }
}

static tend_status S_add_link(S_ctx *x, const char *href, int line)
{
    tend_content *c = x->c;
    if (tend_ci_grow((void **)&c->links, &c->cap_links, c->nlinks, sizeof *c->links) != TEND_OK)
        return TEND_ENOMEM;
    const char *h = tend_ci_strdup(c, href);
    if (!h)
        return TEND_ENOMEM;
    c->links[c->nlinks++] = (tend_ci_link){ x->idx, h, line };
    return TEND_OK;
}

/* ---- pages --------------------------------------------------------------------------- */

/* Walks a page body: no '#' heading, a final '## References' section with a
 * list, every link either an https:// URL or a page (checked later). */
static tend_status S_check_page_body(S_ctx *x, cmark_node *doc)
{
    int refs_line = 0;
    bool refs_list = false;
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n);
            if (level == 1) {
                S_PROBLEM(x, S_line(x, n), "a '#' heading in the body: the reader shows the title "
                                           "already, so use '##' and '###' for sub-headings");
            } else if (level == 2) {
                char *text = S_text_of(x->c, n);
                if (!text)
                    return TEND_ENOMEM;
                if (strcmp(text, "References") == 0)
                    refs_line = S_line(x, n);
                else if (refs_line)
                    S_PROBLEM(x, S_line(x, n),
                              "'## %s' comes after '## References', which must be the last section",
                              text);
            }
        } else if (t == CMARK_NODE_LIST && refs_line) {
            refs_list = true;
        }
    }
    if (!refs_line)
        S_PROBLEM(x, x->offset + 1, "no '## References' section: every page ends with its references");
    else if (!refs_list)
        S_PROBLEM(x, refs_line, "the References section has no list: give one reference per list item");

    cmark_iter *it = cmark_iter_new(doc);
    if (!it)
        return TEND_ENOMEM;
    tend_status st = TEND_OK;
    cmark_event_type ev;
    while (st == TEND_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
            continue;
        const char *url = cmark_node_get_url(n);
        char name[256];
        switch (tend_ci_link_kind(url ? url : "", name, sizeof name)) {
        case TEND_CI_LINK_PAGE:
            st = S_add_link(x, url, S_line(x, n));
            break;
        case TEND_CI_LINK_URL:
        case TEND_CI_LINK_ANCHOR:
            break;
        case TEND_CI_LINK_INSECURE:
            S_PROBLEM(x, S_line(x, n), "link '%s': outside links must be full https:// URLs", url);
            break;
        case TEND_CI_LINK_OTHER:
            S_PROBLEM(x, S_line(x, n),
                      "link '%s' is neither a page ('other-page.md') nor an https:// URL", url);
            break;
        }
    }
    cmark_iter_free(it);
    return st;
}

static tend_status S_page(S_ctx *x, const tend_frontmatter *fm, cmark_node *doc, const char *name)
{
    static const char *const req[] = { "title", "summary", "section", "order", NULL };
    S_require(x, fm, req);
    tend_page p;
    memset(&p, 0, sizeof p);
    const char *sec = tend_fm_get(fm, "section");
    p.section = TEND_SECTION_COUNT;
    for (int s = 0; sec && *sec && s < TEND_SECTION_COUNT; s++)
        if (strcmp(sec, tend_section_name((tend_section)s)) == 0)
            p.section = (tend_section)s;
    if (sec && *sec && p.section == TEND_SECTION_COUNT)
        S_PROBLEM(x, tend_fm_line(fm, "section"),
                  "unknown section '%s' (expected one of Start here, Understanding, How it shows "
                  "up, Healing, Getting help)", sec);
    S_int(x, fm, "order", 0, 100000, &p.order);
    tend_status st = S_check_page_body(x, doc);
    if (st != TEND_OK || x->bad)
        return st;
    tend_content *c = x->c;
    if (tend_ci_grow((void **)&c->pages, &c->cap_pages, c->npages, sizeof *c->pages) != TEND_OK)
        return TEND_ENOMEM;
    const char *note = tend_fm_get(fm, "note");
    S_src(x, fm, &p.src);
    p.name = tend_ci_strdup(c, name);
    p.title = tend_ci_strdup(c, tend_fm_get(fm, "title"));
    p.summary = tend_ci_strdup(c, tend_fm_get(fm, "summary"));
    p.note = note && *note ? tend_ci_strdup(c, note) : NULL;
    p.body = tend_ci_strndup(c, fm->body, fm->body_len);
    p.body_len = fm->body_len;
    if (!p.name || !p.title || !p.summary || (note && *note && !p.note) || !p.body)
        return TEND_ENOMEM;
    c->pages[c->npages++] = p;
    return TEND_OK;
}

/* ---- tools -------------------------------------------------------------------------- */

static const char *const S_timing_keys[] = { "inhale", "hold_in", "exhale", "hold_out", "duration",
                                             "holds_optional", NULL };

static tend_status S_tool(S_ctx *x, const tend_frontmatter *fm, cmark_node *doc, const char *name)
{
    static const char *const req[] = { "title", "summary", "kind", "order", NULL };
    S_require(x, fm, req);
    tend_tool t;
    memset(&t, 0, sizeof t);
    S_int(x, fm, "order", 0, 100000, &t.order);
    const char *kind = tend_fm_get(fm, "kind");
    bool known = true;
    if (kind && strcmp(kind, "steps") == 0) {
        t.kind = TEND_TOOL_STEPS;
    } else if (kind && strcmp(kind, "breathing") == 0) {
        t.kind = TEND_TOOL_BREATHING;
    } else {
        known = false;
        if (kind && *kind)
            S_PROBLEM(x, tend_fm_line(fm, "kind"), "unknown kind '%s' (expected steps or breathing)",
                      kind);
    }
    cmark_node *list = NULL;
    if (known && t.kind == TEND_TOOL_STEPS) {
        for (size_t i = 0; S_timing_keys[i]; i++)
            if (tend_fm_get(fm, S_timing_keys[i]))
                S_PROBLEM(x, tend_fm_line(fm, S_timing_keys[i]),
                          "'%s' is only for breathing tools (this one is kind: steps)",
                          S_timing_keys[i]);
        list = S_first_list(doc, CMARK_ORDERED_LIST);
        if (!list)
            S_PROBLEM(x, x->offset + 1,
                      "a steps tool needs an ordered list (1. 2. 3.) holding its steps");
    } else if (known) {
        static const char *const breq[] = { "inhale", "hold_in", "exhale", "hold_out", "duration",
                                            NULL };
        S_require(x, fm, breq);
        bool ok = S_int(x, fm, "inhale", 1, 60, &t.inhale);
        ok &= S_int(x, fm, "hold_in", 0, 60, &t.hold_in);
        ok &= S_int(x, fm, "exhale", 1, 60, &t.exhale);
        ok &= S_int(x, fm, "hold_out", 0, 60, &t.hold_out);
        ok &= S_int(x, fm, "duration", 10, 3600, &t.duration);
        int cycle = t.inhale + t.hold_in + t.exhale + t.hold_out;
        if (ok && t.duration < cycle)
            S_PROBLEM(x, tend_fm_line(fm, "duration"),
                      "'duration' is %d seconds, shorter than one breath (%d seconds)", t.duration,
                      cycle);
        const char *ho = tend_fm_get(fm, "holds_optional");
        if (ho && strcmp(ho, "yes") == 0)
            t.holds_optional = true;
        else if (ho && strcmp(ho, "no") != 0)
            S_PROBLEM(x, tend_fm_line(fm, "holds_optional"),
                      "bad value '%s' for 'holds_optional' (expected yes or no)", ho);
    }
    if (x->bad)
        return TEND_OK;
    tend_content *c = x->c;
    const char *body = fm->body;
    size_t blen = fm->body_len;
    if (list) {
        if (S_items(x, list, &t.steps, &t.nsteps) != TEND_OK)
            return TEND_ENOMEM;
        int first = cmark_node_get_start_line(list), last = cmark_node_get_end_line(list);
        t.intro = first > 1 ? S_lines(c, body, blen, 1, first - 1) : tend_ci_strdup(c, "");
        t.closing = S_lines(c, body, blen, last + 1, 0);
        if (x->bad)
            return TEND_OK;
    } else {
        t.intro = S_lines(c, body, blen, 1, 0);
        t.closing = tend_ci_strdup(c, "");
        t.steps = tend_ci_alloc(c, sizeof *t.steps);
    }
    if (tend_ci_grow((void **)&c->tools, &c->cap_tools, c->ntools, sizeof *c->tools) != TEND_OK)
        return TEND_ENOMEM;
    S_src(x, fm, &t.src);
    t.name = tend_ci_strdup(c, name);
    t.title = tend_ci_strdup(c, tend_fm_get(fm, "title"));
    t.summary = tend_ci_strdup(c, tend_fm_get(fm, "summary"));
    t.body = tend_ci_strndup(c, body, blen);
    t.body_len = blen;
    if (!t.name || !t.title || !t.summary || !t.body || !t.intro || !t.closing || !t.steps)
        return TEND_ENOMEM;
    c->tools[c->ntools++] = t;
    return TEND_OK;
}

/* ---- support lines ------------------------------------------------------------------ */

/* "YYYY-MM" with a plausible year and a month 01-12. */
static bool S_year_month(const char *v, int *year, int *month)
{
    if (strlen(v) != 7 || v[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (v[i] < '0' || v[i] > '9'))
            return false;
    *year = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    *month = (v[5] - '0') * 10 + (v[6] - '0');
    return *year >= 2000 && *year <= 2999 && *month >= 1 && *month <= 12;
}

static tend_status S_region(S_ctx *x, const tend_frontmatter *fm, cmark_node *doc)
{
    static const char *const req[] = { "region", "name", "verified", "order", NULL };
    S_require(x, fm, req);
    tend_region r;
    memset(&r, 0, sizeof r);
    tend_content *c = x->c;
    S_int(x, fm, "order", 0, 100000, &r.order);
    const char *id = tend_fm_get(fm, "region");
    if (id && *id && !S_is_id(id, strlen(id)))
        S_PROBLEM(x, tend_fm_line(fm, "region"),
                  "bad region id '%s' (lower-case letters and digits joined by '-', e.g. uk-ie)", id);
    else if (id && *id && tend_content_region_find(c, id))
        S_PROBLEM(x, tend_fm_line(fm, "region"), "region '%s' is already defined in %s", id,
                  tend_content_region_find(c, id)->src.origin);
    const char *ver = tend_fm_get(fm, "verified");
    if (ver && *ver && !S_year_month(ver, &r.verified_year, &r.verified_month))
        S_PROBLEM(x, tend_fm_line(fm, "verified"),
                  "bad verified date '%s' (expected the year and month checked, YYYY-MM, e.g. 2026-11)",
                  ver);
    cmark_node *list = S_first_list(doc, CMARK_BULLET_LIST);
    if (!list)
        S_PROBLEM(x, x->offset + 1, "a support file needs a bullet list, one service per item");
    if (x->bad)
        return TEND_OK;
    if (S_items(x, list, &r.services, &r.nservices) != TEND_OK)
        return TEND_ENOMEM;
    if (x->bad)
        return TEND_OK;
    if (tend_ci_grow((void **)&c->regions, &c->cap_regions, c->nregions, sizeof *c->regions) != TEND_OK)
        return TEND_ENOMEM;
    S_src(x, fm, &r.src);
    r.region = tend_ci_strdup(c, id);
    r.name = tend_ci_strdup(c, tend_fm_get(fm, "name"));
    r.verified = tend_ci_strdup(c, ver);
    r.body = tend_ci_strndup(c, fm->body, fm->body_len);
    r.body_len = fm->body_len;
    if (!r.region || !r.name || !r.verified || !r.body)
        return TEND_ENOMEM;
    c->regions[c->nregions++] = r;
    return TEND_OK;
}

/* ---- prompt themes -------------------------------------------------------------------- */

/* Splits a comma-separated matches value into trimmed ids in the arena. */
static tend_status S_matches(S_ctx *x, const tend_frontmatter *fm, tend_prompt_theme *t)
{
    const char *v = tend_fm_get(fm, "matches");
    const char **ids = NULL;
    size_t n = 0;
    if (v && *v) {
        size_t cap = 1;
        for (const char *p = v; *p; p++)
            cap += *p == ',';
        ids = tend_ci_alloc(x->c, cap * sizeof *ids);
        if (!ids)
            return TEND_ENOMEM;
        const char *p = v;
        for (;;) {
            size_t len = strcspn(p, ",");
            const char *s = p, *e = p + len;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            if (s == e || !S_is_id_with(s, (size_t)(e - s), true)) {
                S_PROBLEM(x, tend_fm_line(fm, "matches"),
                          "bad entry '%.*s' in 'matches' (ids separated by commas, e.g. "
                          "distress, triggers.conflict)", (int)(e - s), s);
            } else {
                ids[n] = tend_ci_strndup(x->c, s, (size_t)(e - s));
                if (!ids[n++])
                    return TEND_ENOMEM;
            }
            if (!p[len])
                break;
            p += len + 1;
        }
    }
    t->matches = ids;
    t->nmatches = n;
    return TEND_OK;
}

static tend_status S_theme(S_ctx *x, const tend_frontmatter *fm, cmark_node *doc)
{
    static const char *const req[] = { "theme", "title", NULL };
    S_require(x, fm, req);
    tend_prompt_theme t;
    memset(&t, 0, sizeof t);
    tend_content *c = x->c;
    const char *id = tend_fm_get(fm, "theme");
    if (id && *id && !S_is_id(id, strlen(id)))
        S_PROBLEM(x, tend_fm_line(fm, "theme"),
                  "bad theme id '%s' (lower-case letters and digits joined by '-', e.g. small-wins)",
                  id);
    else if (id && *id && tend_content_theme_find(c, id))
        S_PROBLEM(x, tend_fm_line(fm, "theme"), "theme '%s' is already defined in %s", id,
                  tend_content_theme_find(c, id)->src.origin);
    if (S_matches(x, fm, &t) != TEND_OK)
        return TEND_ENOMEM;
    cmark_node *list = S_first_list(doc, CMARK_BULLET_LIST);
    if (!list)
        S_PROBLEM(x, x->offset + 1, "a prompt theme needs a bullet list, one prompt per item");
    if (x->bad)
        return TEND_OK;
    if (S_items(x, list, &t.prompts, &t.nprompts) != TEND_OK)
        return TEND_ENOMEM;
    if (x->bad)
        return TEND_OK;
    if (tend_ci_grow((void **)&c->themes, &c->cap_themes, c->nthemes, sizeof *c->themes) != TEND_OK)
        return TEND_ENOMEM;
    S_src(x, fm, &t.src);
    t.theme = tend_ci_strdup(c, id);
    t.title = tend_ci_strdup(c, tend_fm_get(fm, "title"));
    if (!t.theme || !t.title)
        return TEND_ENOMEM;
    c->themes[c->nthemes++] = t;
    return TEND_OK;
}

/* ---- dispatch ---------------------------------------------------------------------------- */

tend_status tend_ci_parse_file(tend_content *c, size_t file_idx)
{
    static const char *const page_keys[] = { "title", "summary", "section", "order", "note", NULL };
    static const char *const tool_keys[] = { "title", "summary", "kind", "order", "inhale",
                                             "hold_in", "exhale", "hold_out", "duration",
                                             "holds_optional", NULL };
    static const char *const region_keys[] = { "region", "name", "verified", "order", NULL };
    static const char *const theme_keys[] = { "theme", "title", "matches", NULL };
    const tend_content_file *f = &c->files[file_idx];
    if (strncmp(f->path, "checkins/", 9) == 0)
        return tend_ci_parse_checkin(c, file_idx); /* checkin.c */
    const char *name = strchr(f->path, '/') + 1;
    enum { PAGE, TOOL, REGION, THEME, CHECKIN } kind;
    const char *const *keys;
    if (strncmp(f->path, "pages/", 6) == 0)
        kind = PAGE, keys = page_keys;
    else if (strncmp(f->path, "tools/", 6) == 0)
        kind = TOOL, keys = tool_keys;
    else if (strncmp(f->path, "support/", 8) == 0)
        kind = REGION, keys = region_keys;
    else if (strncmp(f->path, "prompts/", 8) == 0)
        kind = THEME, keys = theme_keys;
    else
        kind = CHECKIN, keys = NULL; /* issue 7 defines their keys */

    S_ctx x = { c, file_idx, 0, false };
    S_check_file_name(&x, name);
    tend_frontmatter fm;
    tend_status st = tend_fm_parse(f->data, f->len, keys, &fm, S_report_cb, &x);
    if (st == TEND_ENOMEM)
        return st;
    bool header_ok = fm.body_line > 1; /* the header was found and closed */
    st = TEND_OK;
    if (header_ok && kind != CHECKIN) {
        x.offset = fm.body_line - 1;
        cmark_node *doc = cmark_parse_document(fm.body, fm.body_len, CMARK_OPT_DEFAULT);
        if (!doc) {
            tend_fm_free(&fm);
            return TEND_ENOMEM;
        }
        switch (kind) {
        case PAGE: st = S_page(&x, &fm, doc, name); break;
        case TOOL: st = S_tool(&x, &fm, doc, name); break;
        case REGION: st = S_region(&x, &fm, doc); break;
        case THEME: st = S_theme(&x, &fm, doc); break;
        case CHECKIN: break;
        }
        cmark_node_free(doc);
    }
    tend_fm_free(&fm);
    return st;
}
