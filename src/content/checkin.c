/*
 * checkin.c — check-in definitions (the .md files in content/checkins): the header
 * (id, title, version, window, order), then the body walked as a cmark
 * syntax tree: an optional introduction, one "## " heading per section,
 * an optional paragraph, and one bullet list of items, each
 *
 *     `item_id` [kind] The question
 *
 * with a nested list of options (choose) or anchors (scales). Every mistake
 * is reported as file:line: message and the definition is then left out, so
 * a half-right file never reaches a person as a garbled check-in.
 */
#include "content_int.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    tend_content *c;
    size_t idx;
    int offset;       /* file line of body line 1, minus 1 */
    bool bad;
    bool oom;
} S_ctx;

#define S_PROBLEM(x, line, ...) \
    do { \
        tend_ci_problem_add((x)->c, (x)->idx, (line), __VA_ARGS__); \
        (x)->bad = true; \
    } while (0)

static void S_report_cb(void *ctx, int line, const char *msg)
{
    S_ctx *x = ctx;
    S_PROBLEM(x, line, "%s", msg);
}

/* An id: [a-z0-9_]+ starting with a letter or digit. */
static bool S_is_id(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

static int S_line(const S_ctx *x, cmark_node *node)
{
    while (node && cmark_node_get_start_line(node) <= 0)
        node = cmark_node_parent(node);
    return node ? x->offset + cmark_node_get_start_line(node) : 0;
}

/* Appends the plain text of node and its following siblings to b: text and
 * code literals, breaks as spaces. */
static tend_status S_plain_from(cmark_node *node, tend_buf *b)
{
    tend_status st = TEND_OK;
    for (; node && st == TEND_OK; node = cmark_node_next(node)) {
        cmark_iter *it = cmark_iter_new(node);
        if (!it)
            return TEND_ENOMEM;
        cmark_event_type ev;
        while (st == TEND_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            cmark_node_type t = cmark_node_get_type(n);
            if (ev != CMARK_EVENT_ENTER)
                continue;
            if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
                st = tend_buf_puts(b, cmark_node_get_literal(n));
            else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
                st = tend_buf_putc(b, ' ');
        }
        cmark_iter_free(it);
    }
    return st;
}

/* The plain text of node's children (or of node and its followers when
 * siblings is true), white space squeezed and trimmed, in the arena. */
static char *S_text(S_ctx *x, cmark_node *from, bool siblings)
{
    tend_buf b = TEND_BUF_INIT;
    char *out = NULL;
    tend_status st = siblings ? S_plain_from(from, &b)
                              : S_plain_from(cmark_node_first_child(from), &b);
    if (st == TEND_OK)
        out = tend_ci_alloc(x->c, b.len + 1);
    if (out) {
        size_t o = 0;
        bool space = false;
        for (size_t i = 0; i < b.len; i++) {
            char ch = b.data[i];
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
    }
    tend_buf_free(&b);
    if (!out)
        x->oom = true;
    return out;
}

/* Appends paragraph text to *intro (joined by "\n"), in the arena. */
static void S_add_para(S_ctx *x, const char **intro, cmark_node *para)
{
    char *t = S_text(x, para, false);
    if (!t)
        return;
    if (!*intro || !**intro) {
        *intro = t;
        return;
    }
    size_t a = strlen(*intro), b = strlen(t);
    char *j = tend_ci_alloc(x->c, a + b + 2);
    if (!j) {
        x->oom = true;
        return;
    }
    memcpy(j, *intro, a);
    j[a] = '\n';
    memcpy(j + a + 1, t, b + 1);
    *intro = j;
}

/* Splits a list item's first paragraph into its `id` and the words after
 * it. what names the line for messages ("an item", "an option"). False
 * (with a problem reported) when the line does not start with an id in
 * backquotes. */
static bool S_id_line(S_ctx *x, cmark_node *item, const char *what, const char *example,
                      const char **id, char **rest)
{
    cmark_node *para = cmark_node_first_child(item);
    cmark_node *code = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
                           ? cmark_node_first_child(para) : NULL;
    if (!code || cmark_node_get_type(code) != CMARK_NODE_CODE) {
        S_PROBLEM(x, S_line(x, item), "%s starts with its id in backquotes, e.g. %s", what,
                  example);
        return false;
    }
    *id = cmark_node_get_literal(code);
    *rest = S_text(x, cmark_node_next(code), true);
    return *rest != NULL;
}

/* ---- one item ------------------------------------------------------------------ */

typedef struct {
    tend_checkin_item *v;
    size_t n, cap;
} S_items;

/* Reads "[kind, safety] label" into it. */
static bool S_kind(S_ctx *x, int line, const char *id, const char *rest, tend_checkin_item *it)
{
    if (rest[0] != '[' || !strchr(rest, ']')) {
        S_PROBLEM(x, line, "item '%s' has no kind: write it after the id, e.g. `%s` [0-4] "
                           "(kinds: 0-10, 0-4, yes/no, choose, text)", id, id);
        return false;
    }
    const char *end = strchr(rest, ']');
    char spec[64];
    size_t n = (size_t)(end - rest - 1);
    if (n >= sizeof spec)
        n = sizeof spec - 1;
    memcpy(spec, rest + 1, n);
    spec[n] = '\0';
    char *save = NULL;
    bool ok = true;
    int token = 0;
    for (char *t = strtok_r(spec, ",", &save); t; t = strtok_r(NULL, ",", &save), token++) {
        while (*t == ' ')
            t++;
        size_t l = strlen(t);
        while (l > 0 && t[l - 1] == ' ')
            t[--l] = '\0';
        if (token == 0) {
            static const struct { const char *name; tend_item_kind kind; int max; } kinds[] = {
                { "0-10", TEND_ITEM_SCALE10, 10 }, { "0-4", TEND_ITEM_SCALE4, 4 },
                { "yes/no", TEND_ITEM_YESNO, 1 }, { "choose", TEND_ITEM_CHOOSE, 0 },
                { "text", TEND_ITEM_TEXT, 0 },
            };
            size_t k = 0;
            while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, t) != 0)
                k++;
            if (k == sizeof kinds / sizeof kinds[0]) {
                S_PROBLEM(x, line, "unknown kind '%s' for item '%s' (expected one of 0-10, 0-4, "
                                   "yes/no, choose, text)", t, id);
                return false;
            }
            it->kind = kinds[k].kind;
            it->max = kinds[k].max;
        } else if (strcmp(t, "safety") == 0) {
            if (it->kind != TEND_ITEM_SCALE10 && it->kind != TEND_ITEM_SCALE4) {
                S_PROBLEM(x, line, "item '%s': only a scale (0-10 or 0-4) can be a safety item", id);
                ok = false;
            }
            it->safety = true;
        } else {
            S_PROBLEM(x, line, "item '%s': unknown mark '%s' after the kind (only 'safety' is "
                               "known, e.g. [0-4, safety])", id, t);
            ok = false;
        }
    }
    if (token == 0) {
        S_PROBLEM(x, line, "item '%s' has an empty kind '[]' (expected one of 0-10, 0-4, "
                           "yes/no, choose, text)", id);
        return false;
    }
    const char *label = end + 1;
    while (*label == ' ')
        label++;
    if (!*label) {
        S_PROBLEM(x, line, "item '%s' has no question or label after its kind", id);
        return false;
    }
    it->label = tend_ci_strdup(x->c, label);
    if (!it->label)
        x->oom = true;
    return ok;
}

/* An arena array with room for one element per item of list (at least
 * one); NULL (and x->oom) when out of memory. */
static void *S_room(S_ctx *x, cmark_node *list, size_t size)
{
    size_t count = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o))
        count++;
    void *p = tend_ci_alloc(x->c, (count ? count : 1) * size);
    if (!p)
        x->oom = true;
    return p;
}

/* The options of a choose item from its nested list. */
static void S_options(S_ctx *x, tend_checkin_item *it, cmark_node *list)
{
    tend_checkin_option *opts = S_room(x, list, sizeof *opts);
    if (!opts)
        return;
    size_t n = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o)) {
        int line = S_line(x, o);
        const char *id;
        char *rest;
        if (!S_id_line(x, o, "an option", "`conflict` Conflict or criticism", &id, &rest))
            continue;
        if (!S_is_id(id)) {
            S_PROBLEM(x, line, "bad option id '%s' in item '%s' (lower-case letters, digits "
                               "and '_', e.g. conflict)", id, it->id);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= strcmp(opts[k].id, id) == 0;
        if (dup) {
            S_PROBLEM(x, line, "option '%s' appears twice in item '%s'", id, it->id);
            continue;
        }
        size_t l = strlen(rest);
        bool typed = l >= 6 && strcmp(rest + l - 6, "[text]") == 0;
        if (typed) {
            l -= 6;
            while (l > 0 && rest[l - 1] == ' ')
                l--;
            rest[l] = '\0';
        }
        if (!*rest) {
            S_PROBLEM(x, line, "option '%s' of item '%s' has no label", id, it->id);
            continue;
        }
        opts[n].id = tend_ci_strdup(x->c, id);
        opts[n].label = rest;
        opts[n].typed = typed;
        if (!opts[n].id) {
            x->oom = true;
            return;
        }
        n++;
    }
    it->options = opts;
    it->noptions = n;
}

/* The anchors of a scale item from its nested list. */
static void S_anchors(S_ctx *x, tend_checkin_item *it, cmark_node *list)
{
    tend_checkin_anchor *an = S_room(x, list, sizeof *an);
    if (!an)
        return;
    size_t n = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o)) {
        int line = S_line(x, o);
        const char *id;
        char *rest;
        if (!S_id_line(x, o, "an anchor", "`0` not at all", &id, &rest))
            continue;
        int v = 0;
        size_t i = 0;
        for (; id[i] >= '0' && id[i] <= '9' && i < 3; i++)
            v = v * 10 + (id[i] - '0');
        if (i == 0 || id[i] != '\0') {
            S_PROBLEM(x, line, "anchor '%s' of item '%s' is not a number (e.g. `0` not at all)",
                      id, it->id);
            continue;
        }
        if (v > it->max) {
            S_PROBLEM(x, line, "anchor %d of item '%s' is outside its scale 0-%d", v, it->id,
                      it->max);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= an[k].value == v;
        if (dup) {
            S_PROBLEM(x, line, "anchor %d appears twice in item '%s'", v, it->id);
            continue;
        }
        if (!*rest) {
            S_PROBLEM(x, line, "anchor %d of item '%s' has no label", v, it->id);
            continue;
        }
        an[n].value = v;
        an[n].label = rest;
        n++;
    }
    it->anchors = an;
    it->nanchors = n;
}

static void S_item(S_ctx *x, S_items *items, cmark_node *node)
{
    int line = S_line(x, node);
    const char *id;
    char *rest;
    if (!S_id_line(x, node, "an item", "`distress` [0-10] How strong do things feel?", &id,
                   &rest))
        return;
    if (!S_is_id(id)) {
        S_PROBLEM(x, line, "bad item id '%s' (lower-case letters, digits and '_', starting with a "
                           "letter or digit, e.g. felt_safe)", id);
        return;
    }
    for (size_t k = 0; k < items->n; k++) {
        if (strcmp(items->v[k].id, id) == 0) {
            S_PROBLEM(x, line, "item id '%s' is already used at line %d; ids must be unique",
                      id, items->v[k].line);
            return;
        }
    }
    tend_checkin_item it;
    memset(&it, 0, sizeof it);
    it.id = tend_ci_strdup(x->c, id);
    it.line = line;
    if (!it.id) {
        x->oom = true;
        return;
    }
    bool ok = S_kind(x, line, id, rest, &it);
    cmark_node *nested = NULL;
    for (cmark_node *ch = cmark_node_next(cmark_node_first_child(node)); ch;
         ch = cmark_node_next(ch)) {
        if (cmark_node_get_type(ch) == CMARK_NODE_LIST && !nested) {
            nested = ch;
        } else {
            S_PROBLEM(x, S_line(x, ch), "unexpected text under item '%s': it may hold one "
                                        "nested list (options or anchors)", id);
            ok = false;
        }
    }
    if (ok) {
        bool scale = it.kind == TEND_ITEM_SCALE10 || it.kind == TEND_ITEM_SCALE4;
        if (it.kind == TEND_ITEM_CHOOSE) {
            if (nested)
                S_options(x, &it, nested);
            if (!nested || (it.noptions == 0 && !x->bad))
                S_PROBLEM(x, line, "choose item '%s' has no options: add a nested list, one "
                                   "`option_id` Label per line", id);
        } else if (scale) {
            if (nested)
                S_anchors(x, &it, nested);
        } else if (nested) {
            S_PROBLEM(x, S_line(x, nested), "item '%s' (%s) takes no nested list: only choose "
                                            "items have options and only scales have anchors",
                      id, it.kind == TEND_ITEM_YESNO ? "yes/no" : "text");
        }
    }
    if (tend_ci_grow((void **)&items->v, &items->cap, items->n, sizeof *items->v) != TEND_OK) {
        x->oom = true;
        return;
    }
    items->v[items->n++] = it;
}

/* ---- the body ------------------------------------------------------------------ */

typedef struct {
    tend_checkin_section *v;
    size_t n, cap;
    int *lines;       /* heading line per section (parallel, same cap);
                         made negative once the section's list is seen */
} S_sections;

static const char *S_node_name(cmark_node_type t)
{
    switch (t) {
    case CMARK_NODE_CODE_BLOCK: return "code block";
    case CMARK_NODE_BLOCK_QUOTE: return "block quote";
    case CMARK_NODE_HTML_BLOCK: return "HTML block";
    case CMARK_NODE_THEMATIC_BREAK: return "horizontal rule";
    default: return "block";
    }
}

static void S_body(S_ctx *x, cmark_node *doc, const char **intro, S_sections *secs,
                   S_items *items)
{
    bool has_list = false;
    for (cmark_node *n = cmark_node_first_child(doc); n && !x->oom; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        int line = S_line(x, n);
        tend_checkin_section *cur = secs->n ? &secs->v[secs->n - 1] : NULL;
        if (t == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n);
            if (level != 2) {
                S_PROBLEM(x, line, "a level-%d heading: each section starts with a '## ' heading "
                                   "(and there are no other headings)", level);
                continue;
            }
            size_t oldcap = secs->cap;
            if (tend_ci_grow((void **)&secs->v, &secs->cap, secs->n, sizeof *secs->v) != TEND_OK) {
                x->oom = true;
                return;
            }
            if (secs->cap != oldcap) {
                int *nl = realloc(secs->lines, secs->cap * sizeof *nl);
                if (!nl) {
                    x->oom = true;
                    return;
                }
                secs->lines = nl;
            }
            tend_checkin_section s = { S_text(x, n, false), "", items->n, 0 };
            if (s.title && !*s.title)
                S_PROBLEM(x, line, "a section heading without words");
            secs->lines[secs->n] = line;
            secs->v[secs->n++] = s;
            has_list = false;
        } else if (t == CMARK_NODE_PARAGRAPH) {
            if (!cur)
                S_add_para(x, intro, n);
            else if (has_list)
                S_PROBLEM(x, line, "text after the items of section '%s': put it above the list",
                          cur->title);
            else
                S_add_para(x, &cur->intro, n);
        } else if (t == CMARK_NODE_LIST) {
            if (cmark_node_get_list_type(n) != CMARK_BULLET_LIST) {
                S_PROBLEM(x, line, "items are a bullet list ('- '), not a numbered one");
            } else if (!cur) {
                S_PROBLEM(x, line, "items before the first '## ' section heading");
            } else if (has_list) {
                S_PROBLEM(x, line, "a second list in section '%s': each section has one list of "
                                   "items", cur->title);
            } else {
                has_list = true;
                secs->lines[secs->n - 1] = -line; /* negative: the section has its list */
                for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
                    S_item(x, items, it);
                cur->nitems = items->n - cur->first;
            }
        } else {
            S_PROBLEM(x, line, "unexpected %s in a check-in definition", S_node_name(t));
        }
    }
    if (secs->n == 0)
        S_PROBLEM(x, x->offset + 1, "no sections: give at least one '## ' heading with a list "
                                    "of items under it");
    for (size_t i = 0; i < secs->n; i++)
        if (secs->lines[i] > 0)
            S_PROBLEM(x, secs->lines[i], "section '%s' has no items: put a bullet list under it",
                      secs->v[i].title ? secs->v[i].title : "");
}

/* ---- the file ------------------------------------------------------------------ */

/* A whole number in [min, max] from key, reported otherwise. */
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
    if (i == 0 || v[i] != '\0') {
        S_PROBLEM(x, tend_fm_line(fm, key), "bad number '%s' for '%s' (expected a whole number, "
                                            "e.g. 1)", v, key);
        return false;
    }
    if (n < min || n > max) {
        S_PROBLEM(x, tend_fm_line(fm, key), "'%s' is %ld; it must be between %d and %d", key, n,
                  min, max);
        return false;
    }
    *out = (int)n;
    return true;
}

static tend_status S_checkin(S_ctx *x, const tend_frontmatter *fm, cmark_node *doc,
                             const char *name)
{
    static const char *const req[] = { "id", "title", "version", "window", NULL };
    for (size_t i = 0; req[i]; i++) {
        const char *v = tend_fm_get(fm, req[i]);
        if (!v)
            S_PROBLEM(x, 1, "missing required key '%s'%s", req[i],
                      strcmp(req[i], "version") == 0
                          ? " (a whole number, bumped when items change meaning)" : "");
        else if (!*v)
            S_PROBLEM(x, tend_fm_line(fm, req[i]), "empty value for '%s'", req[i]);
    }
    tend_checkin_def d;
    memset(&d, 0, sizeof d);
    tend_content *c = x->c;
    const char *id = tend_fm_get(fm, "id");
    if (id && *id && !S_is_id(id))
        S_PROBLEM(x, tend_fm_line(fm, "id"), "bad check-in id '%s' (lower-case letters, digits "
                                             "and '_', e.g. daily)", id);
    else if (id && *id && tend_content_checkin_find(c, id))
        S_PROBLEM(x, tend_fm_line(fm, "id"), "check-in '%s' is already defined in %s", id,
                  tend_content_checkin_find(c, id)->src.origin);
    S_int(x, fm, "version", 1, 1000000, &d.version);
    S_int(x, fm, "order", 0, 100000, &d.order);

    S_items items = { NULL, 0, 0 };
    S_sections secs = { NULL, 0, 0, NULL };
    d.intro = "";
    S_body(x, doc, &d.intro, &secs, &items);
    tend_status st = TEND_OK;
    if (x->oom) {
        st = TEND_ENOMEM;
        goto out;
    }
    if (x->bad)
        goto out;
    tend_checkin_item *iv = tend_ci_alloc(c, items.n * sizeof *iv);
    tend_checkin_section *sv = tend_ci_alloc(c, secs.n * sizeof *sv);
    const tend_content_file *f = &c->files[x->idx];
    d.src = (tend_content_src){ f->path, f->origin, f->builtin, fm->body_line };
    d.name = tend_ci_strdup(c, name);
    d.id = tend_ci_strdup(c, id);
    d.title = tend_ci_strdup(c, tend_fm_get(fm, "title"));
    d.window = tend_ci_strdup(c, tend_fm_get(fm, "window"));
    if (!iv || !sv || !d.name || !d.id || !d.title || !d.window ||
        tend_ci_grow((void **)&c->checkins, &c->cap_checkins, c->ncheckins,
                     sizeof *c->checkins) != TEND_OK) {
        st = TEND_ENOMEM;
        goto out;
    }
    memcpy(iv, items.v, items.n * sizeof *iv);
    memcpy(sv, secs.v, secs.n * sizeof *sv);
    d.items = iv;
    d.nitems = items.n;
    d.sections = sv;
    d.nsections = secs.n;
    c->checkins[c->ncheckins++] = d;
out:
    free(items.v);
    free(secs.v);
    free(secs.lines);
    return st;
}

tend_status tend_ci_parse_checkin(tend_content *c, size_t file_idx)
{
    static const char *const keys[] = { "id", "title", "version", "window", "order", NULL };
    const tend_content_file *f = &c->files[file_idx];
    const char *name = strchr(f->path, '/') + 1;
    S_ctx x = { c, file_idx, 0, false, false };
    size_t nl = strlen(name);
    bool name_ok = nl > 3 && strcmp(name + nl - 3, ".md") == 0;
    for (size_t i = 0; name_ok && i + 3 < nl; i++) {
        char ch = name[i];
        name_ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (ch == '-' && i > 0 && i + 4 < nl && name[i + 1] != '-');
    }
    if (!name_ok)
        S_PROBLEM(&x, 0, "file name '%s' should be lower-case words joined by hyphens, e.g. "
                         "'daily.md'", name);
    tend_frontmatter fm;
    tend_status st = tend_fm_parse(f->data, f->len, keys, &fm, S_report_cb, &x);
    if (st == TEND_ENOMEM)
        return st;
    st = TEND_OK;
    if (fm.body_line > 1) { /* the header was found and closed */
        x.offset = fm.body_line - 1;
        cmark_node *doc = cmark_parse_document(fm.body, fm.body_len, CMARK_OPT_DEFAULT);
        if (!doc) {
            tend_fm_free(&fm);
            return TEND_ENOMEM;
        }
        st = S_checkin(&x, &fm, doc, name);
        cmark_node_free(doc);
    }
    tend_fm_free(&fm);
    return st;
}

/* ---- accessors ------------------------------------------------------------------ */

static int S_cmp_def(const void *a, const void *b)
{
    const tend_checkin_def *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

void tend_ci_sort_checkins(tend_content *c)
{
    if (c->ncheckins > 1)
        qsort(c->checkins, c->ncheckins, sizeof *c->checkins, S_cmp_def);
}

size_t tend_content_checkin_count(const tend_content *c)
{
    return c->ncheckins;
}

const tend_checkin_def *tend_content_checkin(const tend_content *c, size_t i)
{
    return &c->checkins[i];
}

const tend_checkin_def *tend_content_checkin_find(const tend_content *c, const char *id)
{
    for (size_t i = 0; i < c->ncheckins; i++)
        if (strcmp(c->checkins[i].id, id) == 0)
            return &c->checkins[i];
    return NULL;
}

const tend_checkin_item *tend_checkin_item_find(const tend_checkin_def *def, const char *id)
{
    for (size_t i = 0; i < def->nitems; i++)
        if (strcmp(def->items[i].id, id) == 0)
            return &def->items[i];
    return NULL;
}

const tend_checkin_option *tend_checkin_option_find(const tend_checkin_item *item,
                                                    const char *id)
{
    for (size_t i = 0; i < item->noptions; i++)
        if (strcmp(item->options[i].id, id) == 0)
            return &item->options[i];
    return NULL;
}

const char *tend_checkin_anchor_label(const tend_checkin_item *item, int value)
{
    for (size_t i = 0; i < item->nanchors; i++)
        if (item->anchors[i].value == value)
            return item->anchors[i].label;
    return NULL;
}
