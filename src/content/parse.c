/*
 * parse.c — turns one content file into a page, tool or prompt theme (a
 * region goes on to support.c, a check-in definition to checkin.c), and
 * says exactly what is wrong when it cannot.
 *
 * The header is read by tend_fm_parse (frontmatter.c) and the body parsed
 * with cmark, both through the shared toolkit (toolkit.c); lists, headings
 * and links are found in the syntax tree, never by scanning the text.
 */
#include "content_int.h"

#include "tend/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- links ------------------------------------------------------------------------ */

content_link_target content_link_kind(const char *href, char *name, size_t cap)
{
    if (href[0] == '#')
        return CONTENT_LINK_ANCHOR;
    size_t s = strcspn(href, ":/?#");
    if (href[s] == ':' && s > 0) {
        if (strncasecmp(href, "https://", 8) == 0 && href[8])
            return CONTENT_LINK_URL;
        return CONTENT_LINK_INSECURE;
    }
    if (strncmp(href, "./", 2) == 0)
        href += 2;
    size_t n = strcspn(href, "?#");
    if (memchr(href, '/', n) || n <= 3 || memcmp(href + n - 3, ".md", 3) != 0 || n >= cap)
        return CONTENT_LINK_OTHER;
    memcpy(name, href, n);
    name[n] = '\0';
    return CONTENT_LINK_PAGE;
}

void content_check_links(tend_content *c)
{
    for (size_t i = 0; i < c->nlinks; i++) {
        const content_link *l = &c->links[i];
        char name[256], path[300];
        if (content_link_kind(l->href, name, sizeof name) != CONTENT_LINK_PAGE)
            continue;
        snprintf(path, sizeof path, "pages/%s", name);
        if (!tend_content_file_find(c, path))
            content_add_problem(c, l->file_idx, l->line,
                                "link to '%s', which is not a page (no file pages/%s)", l->href,
                                name);
    }
}

/* Keeps a page link of the file being parsed, to be checked once every
 * file is known. TEND_ENOMEM or TEND_OK. */
static tend_status S_add_link(content_parser *p, const char *href, int line)
{
    tend_content *c = p->c;
    if (tend_grow(&c->links, &c->cap_links, c->nlinks + 1, sizeof *c->links, false) != TEND_OK)
        return TEND_ENOMEM;
    const char *h = content_strdup(c, href);
    if (!h)
        return TEND_ENOMEM;
    c->links[c->nlinks++] = (content_link){ p->idx, h, line };
    return TEND_OK;
}

/* ---- pages --------------------------------------------------------------------------- */

/* Walks a page body: no '#' heading, a final '## References' section with a
 * list, every link either an https:// URL or a page (kept to be checked
 * once every file is known). TEND_ENOMEM or TEND_OK. */
static tend_status S_check_page_body(content_parser *p, cmark_node *doc)
{
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1)
            content_problem(p, content_line(p, n),
                            "a '#' heading in the body: the reader shows the title already, so "
                            "use '##' and '###' for sub-headings");
    const tend_content_item *refs;
    size_t nrefs;
    int refs_line;
    if (content_references(p, doc, true, &refs, &nrefs, &refs_line) != TEND_OK)
        return TEND_ENOMEM;

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
        switch (content_link_kind(url ? url : "", name, sizeof name)) {
        case CONTENT_LINK_PAGE:
            st = S_add_link(p, url, content_line(p, n));
            break;
        case CONTENT_LINK_URL:
        case CONTENT_LINK_ANCHOR:
            break;
        case CONTENT_LINK_INSECURE:
            content_problem(p, content_line(p, n),
                            "link '%s': outside links must be full https:// URLs", url);
            break;
        case CONTENT_LINK_OTHER:
            content_problem(p, content_line(p, n),
                            "link '%s' is neither a page ('other-page.md') nor an https:// URL", url);
            break;
        }
    }
    cmark_iter_free(it);
    return st;
}

/* A library page from its header and body, added to the set when it has no
 * problem. TEND_ENOMEM or TEND_OK. */
static tend_status S_page(content_parser *p, const tend_frontmatter *fm, cmark_node *doc)
{
    static const content_required req[] = {
        { "title", NULL }, { "summary", NULL }, { "section", NULL }, { "order", NULL }, { NULL, NULL }
    };
    content_require(p, fm, req);
    tend_page pg;
    memset(&pg, 0, sizeof pg);
    const char *sec = tend_fm_get(fm, "section");
    pg.section = TEND_SECTION_COUNT;
    for (int s = 0; sec && *sec && s < TEND_SECTION_COUNT; s++)
        if (strcmp(sec, tend_section_name((tend_section)s)) == 0)
            pg.section = (tend_section)s;
    if (sec && *sec && pg.section == TEND_SECTION_COUNT)
        content_problem(p, tend_fm_line(fm, "section"),
                        "unknown section '%s' (expected one of Start here, Understanding, How it "
                        "shows up, Healing, Getting help)", sec);
    content_int(p, fm, "order", 0, 100000, &pg.order);
    tend_status st = S_check_page_body(p, doc);
    if (st != TEND_OK || p->bad)
        return st;
    tend_content *c = p->c;
    if (tend_grow(&c->pages, &c->cap_pages, c->npages + 1, sizeof *c->pages, false) != TEND_OK)
        return TEND_ENOMEM;
    const char *note = tend_fm_get(fm, "note");
    content_src(p, fm, &pg.src);
    pg.name = content_strdup(c, content_file_name(p));
    pg.title = content_strdup(c, tend_fm_get(fm, "title"));
    pg.summary = content_strdup(c, tend_fm_get(fm, "summary"));
    pg.note = note && *note ? content_strdup(c, note) : NULL;
    pg.body = content_strndup(c, fm->body, fm->body_len);
    pg.body_len = fm->body_len;
    if (!pg.name || !pg.title || !pg.summary || (note && *note && !pg.note) || !pg.body)
        return TEND_ENOMEM;
    c->pages[c->npages++] = pg;
    return TEND_OK;
}

/* ---- tools -------------------------------------------------------------------------- */

static const char *const S_timing_keys[] = { "inhale", "hold_in", "exhale", "hold_out", "duration",
                                             "holds_optional", NULL };

/* Reads the timings of a breathing tool into *t, recording each mistake. */
static void S_breathing(content_parser *p, const tend_frontmatter *fm, tend_tool *t)
{
    static const content_required req[] = {
        { "inhale", NULL }, { "hold_in", NULL }, { "exhale", NULL }, { "hold_out", NULL },
        { "duration", NULL }, { NULL, NULL }
    };
    content_require(p, fm, req);
    bool ok = content_int(p, fm, "inhale", 1, 60, &t->inhale);
    ok &= content_int(p, fm, "hold_in", 0, 60, &t->hold_in);
    ok &= content_int(p, fm, "exhale", 1, 60, &t->exhale);
    ok &= content_int(p, fm, "hold_out", 0, 60, &t->hold_out);
    ok &= content_int(p, fm, "duration", 10, 3600, &t->duration);
    int cycle = t->inhale + t->hold_in + t->exhale + t->hold_out;
    if (ok && t->duration < cycle)
        content_problem(p, tend_fm_line(fm, "duration"),
                        "'duration' is %d seconds, shorter than one breath (%d seconds)",
                        t->duration, cycle);
    const char *ho = tend_fm_get(fm, "holds_optional");
    if (ho && strcmp(ho, "yes") == 0)
        t->holds_optional = true;
    else if (ho && strcmp(ho, "no") != 0)
        content_problem(p, tend_fm_line(fm, "holds_optional"),
                        "bad value '%s' for 'holds_optional' (expected yes or no)", ho);
}

/* An exercise from its header and body, added to the set when it has no
 * problem. TEND_ENOMEM or TEND_OK. */
static tend_status S_tool(content_parser *p, const tend_frontmatter *fm, cmark_node *doc)
{
    static const content_required req[] = {
        { "title", NULL }, { "summary", NULL }, { "kind", NULL }, { "order", NULL }, { NULL, NULL }
    };
    content_require(p, fm, req);
    tend_tool t;
    memset(&t, 0, sizeof t);
    content_int(p, fm, "order", 0, 100000, &t.order);
    const char *kind = tend_fm_get(fm, "kind");
    bool known = true;
    if (kind && strcmp(kind, "steps") == 0) {
        t.kind = TEND_TOOL_STEPS;
    } else if (kind && strcmp(kind, "breathing") == 0) {
        t.kind = TEND_TOOL_BREATHING;
    } else {
        known = false;
        if (kind && *kind)
            content_problem(p, tend_fm_line(fm, "kind"),
                            "unknown kind '%s' (expected steps or breathing)", kind);
    }
    const char *credit = tend_fm_get(fm, "credit");
    if (credit && !*credit)
        content_problem(p, tend_fm_line(fm, "credit"), "empty value for 'credit'");
    cmark_node *list = NULL;
    if (known && t.kind == TEND_TOOL_STEPS) {
        for (size_t i = 0; S_timing_keys[i]; i++)
            if (tend_fm_get(fm, S_timing_keys[i]))
                content_problem(p, tend_fm_line(fm, S_timing_keys[i]),
                                "'%s' is only for breathing tools (this one is kind: steps)",
                                S_timing_keys[i]);
        list = content_first_list(doc, CMARK_ORDERED_LIST);
        if (!list)
            content_problem(p, p->offset + 1,
                            "a steps tool needs an ordered list (1. 2. 3.) holding its steps");
    } else if (known) {
        S_breathing(p, fm, &t);
    }
    int refs_line; /* body line of "## References", 0 when none */
    if (content_references(p, doc, false, &t.references, &t.nreferences, &refs_line) != TEND_OK)
        return TEND_ENOMEM;
    if (p->bad)
        return TEND_OK;
    tend_content *c = p->c;
    const char *body = fm->body;
    size_t blen = fm->body_len;
    if (list) {
        if (content_items(p, list, &t.steps, &t.nsteps) != TEND_OK)
            return TEND_ENOMEM;
        int first = cmark_node_get_start_line(list), last = cmark_node_get_end_line(list);
        t.intro = first > 1 ? content_lines(c, body, blen, 1, first - 1) : content_strdup(c, "");
        /* The closing words run to the References section, or to the end. */
        if (refs_line == 0)
            t.closing = content_lines(c, body, blen, last + 1, 0);
        else if (refs_line - 1 > last)
            t.closing = content_lines(c, body, blen, last + 1, refs_line - 1);
        else
            t.closing = content_strdup(c, "");
        if (p->bad)
            return TEND_OK;
    } else {
        t.intro = refs_line == 0 ? content_lines(c, body, blen, 1, 0)
                : refs_line > 1  ? content_lines(c, body, blen, 1, refs_line - 1)
                                 : content_strdup(c, "");
        t.closing = content_strdup(c, "");
        t.steps = content_alloc(c, sizeof *t.steps);
    }
    if (tend_grow(&c->tools, &c->cap_tools, c->ntools + 1, sizeof *c->tools, false) != TEND_OK)
        return TEND_ENOMEM;
    content_src(p, fm, &t.src);
    t.name = content_strdup(c, content_file_name(p));
    t.title = content_strdup(c, tend_fm_get(fm, "title"));
    t.summary = content_strdup(c, tend_fm_get(fm, "summary"));
    t.credit = credit ? content_strdup(c, credit) : NULL;
    t.body = content_strndup(c, body, blen);
    t.body_len = blen;
    if (!t.name || !t.title || !t.summary || (credit && !t.credit) || !t.body || !t.intro ||
        !t.closing || !t.steps)
        return TEND_ENOMEM;
    c->tools[c->ntools++] = t;
    return TEND_OK;
}

/* ---- prompt themes -------------------------------------------------------------------- */

/* Splits a comma-separated matches value into trimmed ids in the arena.
 * TEND_ENOMEM or TEND_OK (bad entries recorded). */
static tend_status S_matches(content_parser *p, const tend_frontmatter *fm, tend_prompt_theme *t)
{
    const char *v = tend_fm_get(fm, "matches");
    const char **ids = NULL;
    size_t n = 0;
    if (v && *v) {
        size_t cap = 1;
        for (const char *q = v; *q; q++)
            cap += *q == ',';
        ids = content_alloc(p->c, cap * sizeof *ids);
        if (!ids)
            return TEND_ENOMEM;
        const char *q = v;
        for (;;) {
            size_t len = strcspn(q, ",");
            const char *s = q, *e = q + len;
            while (s < e && (*s == ' ' || *s == '\t'))
                s++;
            while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
                e--;
            if (s == e || !content_is_match_id(s, (size_t)(e - s))) {
                content_problem(p, tend_fm_line(fm, "matches"),
                                "bad entry '%.*s' in 'matches' (ids separated by commas, e.g. "
                                "distress, triggers.conflict)", (int)(e - s), s);
            } else {
                ids[n] = content_strndup(p->c, s, (size_t)(e - s));
                if (!ids[n++])
                    return TEND_ENOMEM;
            }
            if (!q[len])
                break;
            q += len + 1;
        }
    }
    t->matches = ids;
    t->nmatches = n;
    return TEND_OK;
}

/* A prompt theme from its header and body, added to the set when it has no
 * problem. TEND_ENOMEM or TEND_OK. */
static tend_status S_theme(content_parser *p, const tend_frontmatter *fm, cmark_node *doc)
{
    static const content_required req[] = { { "theme", NULL }, { "title", NULL }, { NULL, NULL } };
    content_require(p, fm, req);
    tend_prompt_theme t;
    memset(&t, 0, sizeof t);
    tend_content *c = p->c;
    const char *id = tend_fm_get(fm, "theme");
    if (id && *id && !content_is_name_id(id, strlen(id)))
        content_problem(p, tend_fm_line(fm, "theme"),
                        "bad theme id '%s' (lower-case letters and digits joined by '-', e.g. "
                        "small-wins)", id);
    else if (id && *id && tend_content_theme_find(c, id))
        content_problem(p, tend_fm_line(fm, "theme"), "theme '%s' is already defined in %s", id,
                        tend_content_theme_find(c, id)->src.origin);
    if (S_matches(p, fm, &t) != TEND_OK)
        return TEND_ENOMEM;
    cmark_node *list = content_first_list(doc, CMARK_BULLET_LIST);
    if (!list)
        content_problem(p, p->offset + 1, "a prompt theme needs a bullet list, one prompt per item");
    if (p->bad)
        return TEND_OK;
    if (content_items(p, list, &t.prompts, &t.nprompts) != TEND_OK)
        return TEND_ENOMEM;
    if (p->bad)
        return TEND_OK;
    if (tend_grow(&c->themes, &c->cap_themes, c->nthemes + 1, sizeof *c->themes, false) != TEND_OK)
        return TEND_ENOMEM;
    content_src(p, fm, &t.src);
    t.theme = content_strdup(c, id);
    t.title = content_strdup(c, tend_fm_get(fm, "title"));
    if (!t.theme || !t.title)
        return TEND_ENOMEM;
    c->themes[c->nthemes++] = t;
    return TEND_OK;
}

/* ---- dispatch ---------------------------------------------------------------------------- */

tend_status content_parse_file(tend_content *c, size_t file_idx)
{
    static const char *const page_keys[] = { "title", "summary", "section", "order", "note", NULL };
    static const char *const tool_keys[] = { "title", "summary", "kind", "order", "credit",
                                             "inhale", "hold_in", "exhale", "hold_out",
                                             "duration", "holds_optional", NULL };
    static const char *const region_keys[] = { "region", "name", "emergency", "verified",
                                               "order", "replaces", NULL };
    static const char *const theme_keys[] = { "theme", "title", "matches", NULL };
    const tend_content_file *f = &c->files[file_idx];
    if (strncmp(f->path, "checkins/", 9) == 0)
        return content_parse_checkin(c, file_idx); /* checkin.c */
    enum { PAGE, TOOL, REGION, THEME } kind;
    const char *const *keys;
    if (strncmp(f->path, "pages/", 6) == 0)
        kind = PAGE, keys = page_keys;
    else if (strncmp(f->path, "tools/", 6) == 0)
        kind = TOOL, keys = tool_keys;
    else if (strncmp(f->path, "support/", 8) == 0)
        kind = REGION, keys = region_keys;
    else
        kind = THEME, keys = theme_keys; /* prompts/: the loader reads no other folder */

    content_parser p = content_parser_for(c, file_idx);
    content_check_file_name(&p, "box-breathing.md");
    tend_frontmatter fm;
    cmark_node *doc;
    if (content_begin(&p, keys, &fm, &doc) != TEND_OK)
        return TEND_ENOMEM;
    tend_status st = TEND_OK;
    if (doc) {
        switch (kind) {
        case PAGE: st = S_page(&p, &fm, doc); break;
        case TOOL: st = S_tool(&p, &fm, doc); break;
        case REGION: st = content_parse_region(&p, &fm, doc); break;
        case THEME: st = S_theme(&p, &fm, doc); break;
        }
        cmark_node_free(doc);
    }
    tend_fm_free(&fm);
    return p.oom ? TEND_ENOMEM : st;
}
