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

#include "tend/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends paragraph text to *intro (joined by "\n"), in the arena. */
static void S_add_para(content_parser *x, const char **intro, cmark_node *para)
{
    char *t = content_text(x, para);
    if (!t)
        return;
    if (!*intro || !**intro) {
        *intro = t;
        return;
    }
    size_t a = strlen(*intro), b = strlen(t);
    char *j = content_alloc(x->c, a + b + 2);
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
static bool S_id_line(content_parser *x, cmark_node *item, const char *what, const char *example,
                      const char **id, char **rest)
{
    cmark_node *para = cmark_node_first_child(item);
    cmark_node *code = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
                           ? cmark_node_first_child(para) : NULL;
    if (!code || cmark_node_get_type(code) != CMARK_NODE_CODE) {
        content_problem(x, content_line(x, item), "%s starts with its id in backquotes, e.g. %s", what,
                  example);
        return false;
    }
    *id = cmark_node_get_literal(code);
    *rest = content_text_from(x, cmark_node_next(code));
    return *rest != NULL;
}

/* ---- one item ------------------------------------------------------------------ */

/* The items of a definition as they are read, in file order. */
typedef TEND_VEC(tend_checkin_item) item_list;

/* Reads "[kind, safety] label" into it. */
static bool S_kind(content_parser *x, int line, const char *id, const char *rest, tend_checkin_item *it)
{
    if (rest[0] != '[' || !strchr(rest, ']')) {
        content_problem(x, line, "item '%s' has no kind: write it after the id, e.g. `%s` [0-4] "
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
                content_problem(x, line, "unknown kind '%s' for item '%s' (expected one of 0-10, 0-4, "
                                   "yes/no, choose, text)", t, id);
                return false;
            }
            it->kind = kinds[k].kind;
            it->max = kinds[k].max;
        } else if (strcmp(t, "safety") == 0) {
            if (it->kind != TEND_ITEM_SCALE10 && it->kind != TEND_ITEM_SCALE4) {
                content_problem(x, line, "item '%s': only a scale (0-10 or 0-4) can be a safety item", id);
                ok = false;
            }
            it->safety = true;
        } else {
            content_problem(x, line, "item '%s': unknown mark '%s' after the kind (only 'safety' is "
                               "known, e.g. [0-4, safety])", id, t);
            ok = false;
        }
    }
    if (token == 0) {
        content_problem(x, line, "item '%s' has an empty kind '[]' (expected one of 0-10, 0-4, "
                           "yes/no, choose, text)", id);
        return false;
    }
    const char *label = end + 1;
    while (*label == ' ')
        label++;
    if (!*label) {
        content_problem(x, line, "item '%s' has no question or label after its kind", id);
        return false;
    }
    it->label = content_strdup(x->c, label);
    if (!it->label)
        x->oom = true;
    return ok;
}

/* An arena array with room for one element per item of list (at least
 * one); NULL (and x->oom) when out of memory. */
static void *S_room(content_parser *x, cmark_node *list, size_t size)
{
    size_t count = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o))
        count++;
    void *p = content_alloc(x->c, (count ? count : 1) * size);
    if (!p)
        x->oom = true;
    return p;
}

/* The options of a choose item from its nested list. */
static void S_options(content_parser *x, tend_checkin_item *it, cmark_node *list)
{
    tend_checkin_option *opts = S_room(x, list, sizeof *opts);
    if (!opts)
        return;
    size_t n = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o)) {
        int line = content_line(x, o);
        const char *id;
        char *rest;
        if (!S_id_line(x, o, "an option", "`conflict` Conflict or criticism", &id, &rest))
            continue;
        if (!content_is_item_id(id)) {
            content_problem(x, line, "bad option id '%s' in item '%s' (lower-case letters, digits "
                               "and '_', e.g. conflict)", id, it->id);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= strcmp(opts[k].id, id) == 0;
        if (dup) {
            content_problem(x, line, "option '%s' appears twice in item '%s'", id, it->id);
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
            content_problem(x, line, "option '%s' of item '%s' has no label", id, it->id);
            continue;
        }
        opts[n].id = content_strdup(x->c, id);
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
static void S_anchors(content_parser *x, tend_checkin_item *it, cmark_node *list)
{
    tend_checkin_anchor *an = S_room(x, list, sizeof *an);
    if (!an)
        return;
    size_t n = 0;
    for (cmark_node *o = cmark_node_first_child(list); o; o = cmark_node_next(o)) {
        int line = content_line(x, o);
        const char *id;
        char *rest;
        if (!S_id_line(x, o, "an anchor", "`0` not at all", &id, &rest))
            continue;
        int v = 0;
        size_t i = 0;
        for (; id[i] >= '0' && id[i] <= '9' && i < 3; i++)
            v = v * 10 + (id[i] - '0');
        if (i == 0 || id[i] != '\0') {
            content_problem(x, line, "anchor '%s' of item '%s' is not a number (e.g. `0` not at all)",
                      id, it->id);
            continue;
        }
        if (v > it->max) {
            content_problem(x, line, "anchor %d of item '%s' is outside its scale 0-%d", v, it->id,
                      it->max);
            continue;
        }
        bool dup = false;
        for (size_t k = 0; k < n; k++)
            dup |= an[k].value == v;
        if (dup) {
            content_problem(x, line, "anchor %d appears twice in item '%s'", v, it->id);
            continue;
        }
        if (!*rest) {
            content_problem(x, line, "anchor %d of item '%s' has no label", v, it->id);
            continue;
        }
        an[n].value = v;
        an[n].label = rest;
        n++;
    }
    it->anchors = an;
    it->nanchors = n;
}

/* Reads one item of a section's list (its id, kind, label, and options or
 * anchors) and appends it to items; each mistake is recorded, and x->oom
 * set when memory runs out. */
static void S_item(content_parser *x, item_list *items, cmark_node *node)
{
    int line = content_line(x, node);
    const char *id;
    char *rest;
    if (!S_id_line(x, node, "an item", "`distress` [0-10] How strong do things feel?", &id,
                   &rest))
        return;
    if (!content_is_item_id(id)) {
        content_problem(x, line, "bad item id '%s' (lower-case letters, digits and '_', starting with a "
                           "letter or digit, e.g. felt_safe)", id);
        return;
    }
    for (size_t k = 0; k < items->n; k++) {
        if (strcmp(items->v[k].id, id) == 0) {
            content_problem(x, line, "item id '%s' is already used at line %d; ids must be unique",
                      id, items->v[k].line);
            return;
        }
    }
    tend_checkin_item it;
    memset(&it, 0, sizeof it);
    it.id = content_strdup(x->c, id);
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
            content_problem(x, content_line(x, ch), "unexpected text under item '%s': it may hold one "
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
                content_problem(x, line, "choose item '%s' has no options: add a nested list, one "
                                   "`option_id` Label per line", id);
        } else if (scale) {
            if (nested)
                S_anchors(x, &it, nested);
        } else if (nested) {
            content_problem(x, content_line(x, nested), "item '%s' (%s) takes no nested list: only choose "
                                            "items have options and only scales have anchors",
                      id, it.kind == TEND_ITEM_YESNO ? "yes/no" : "text");
        }
    }
    if (tend_vec_push(items, it) != TEND_OK)
        x->oom = true;
}

/* ---- the body ------------------------------------------------------------------ */

/* The sections of a definition as they are read, and beside each its
 * heading's line, made negative once the section's list is seen. */
typedef struct {
    TEND_VEC(tend_checkin_section) v;
    TEND_VEC(int) lines;
} section_list;

/* What a block that has no place in a check-in is called in messages. */
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

/* Walks the body: paragraphs before the first "## " heading are the
 * introduction; each heading starts a section with an optional paragraph
 * and one bullet list of items. Every mistake is recorded; x->oom is set
 * when memory runs out. */
static void S_body(content_parser *x, cmark_node *doc, const char **intro, section_list *secs,
                   item_list *items)
{
    bool has_list = false;
    for (cmark_node *n = cmark_node_first_child(doc); n && !x->oom; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        int line = content_line(x, n);
        tend_checkin_section *cur = secs->v.n ? &secs->v.v[secs->v.n - 1] : NULL;
        if (t == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(n);
            if (level != 2) {
                content_problem(x, line, "a level-%d heading: each section starts with a '## ' heading "
                                   "(and there are no other headings)", level);
                continue;
            }
            tend_checkin_section s = { content_text(x, n), "", items->n, 0 };
            if (s.title && !*s.title)
                content_problem(x, line, "a section heading without words");
            if (tend_vec_push(&secs->v, s) != TEND_OK || tend_vec_push(&secs->lines, line) != TEND_OK) {
                x->oom = true;
                return;
            }
            has_list = false;
        } else if (t == CMARK_NODE_PARAGRAPH) {
            if (!cur)
                S_add_para(x, intro, n);
            else if (has_list)
                content_problem(x, line, "text after the items of section '%s': put it above the list",
                          cur->title);
            else
                S_add_para(x, &cur->intro, n);
        } else if (t == CMARK_NODE_LIST) {
            if (cmark_node_get_list_type(n) != CMARK_BULLET_LIST) {
                content_problem(x, line, "items are a bullet list ('- '), not a numbered one");
            } else if (!cur) {
                content_problem(x, line, "items before the first '## ' section heading");
            } else if (has_list) {
                content_problem(x, line, "a second list in section '%s': each section has one list of "
                                   "items", cur->title);
            } else {
                has_list = true;
                secs->lines.v[secs->v.n - 1] = -line; /* negative: the section has its list */
                for (cmark_node *it = cmark_node_first_child(n); it; it = cmark_node_next(it))
                    S_item(x, items, it);
                cur->nitems = items->n - cur->first;
            }
        } else {
            content_problem(x, line, "unexpected %s in a check-in definition", S_node_name(t));
        }
    }
    if (secs->v.n == 0)
        content_problem(x, x->offset + 1, "no sections: give at least one '## ' heading with a list "
                                    "of items under it");
    for (size_t i = 0; i < secs->v.n; i++)
        if (secs->lines.v[i] > 0)
            content_problem(x, secs->lines.v[i], "section '%s' has no items: put a bullet list under it",
                      secs->v.v[i].title ? secs->v.v[i].title : "");
}

/* ---- the file ------------------------------------------------------------------ */

/* A check-in definition from its header and body, added to the set when it
 * has no problem. TEND_ENOMEM or TEND_OK. */
static tend_status S_checkin(content_parser *x, const tend_frontmatter *fm, cmark_node *doc)
{
    static const content_required req[] = {
        { "id", NULL },
        { "title", NULL },
        { "version", " (a whole number, bumped when items change meaning)" },
        { "window", NULL },
        { NULL, NULL },
    };
    content_require(x, fm, req);
    tend_checkin_def d;
    memset(&d, 0, sizeof d);
    tend_content *c = x->c;
    const char *id = tend_fm_get(fm, "id");
    if (id && *id && !content_is_item_id(id))
        content_problem(x, tend_fm_line(fm, "id"), "bad check-in id '%s' (lower-case letters, "
                                                   "digits and '_', e.g. daily)", id);
    else if (id && *id && tend_content_checkin_find(c, id))
        content_problem(x, tend_fm_line(fm, "id"), "check-in '%s' is already defined in %s", id,
                        tend_content_checkin_find(c, id)->src.origin);
    content_int(x, fm, "version", 1, 1000000, &d.version);
    content_int(x, fm, "order", 0, 100000, &d.order);

    item_list items = TEND_VEC_INIT;
    section_list secs = { TEND_VEC_INIT, TEND_VEC_INIT };
    d.intro = "";
    S_body(x, doc, &d.intro, &secs, &items);
    tend_status st = TEND_OK;
    if (x->oom) {
        st = TEND_ENOMEM;
        goto out;
    }
    if (x->bad)
        goto out;
    tend_checkin_item *iv = content_alloc(c, items.n * sizeof *iv);
    tend_checkin_section *sv = content_alloc(c, secs.v.n * sizeof *sv);
    content_src(x, fm, &d.src);
    d.name = content_strdup(c, content_file_name(x));
    d.id = content_strdup(c, id);
    d.title = content_strdup(c, tend_fm_get(fm, "title"));
    d.window = content_strdup(c, tend_fm_get(fm, "window"));
    if (!iv || !sv || !d.name || !d.id || !d.title || !d.window ||
        tend_grow(&c->checkins, &c->cap_checkins, c->ncheckins + 1, sizeof *c->checkins,
                  false) != TEND_OK) {
        st = TEND_ENOMEM;
        goto out;
    }
    memcpy(iv, items.v, items.n * sizeof *iv);
    memcpy(sv, secs.v.v, secs.v.n * sizeof *sv);
    d.items = iv;
    d.nitems = items.n;
    d.sections = sv;
    d.nsections = secs.v.n;
    c->checkins[c->ncheckins++] = d;
out:
    tend_vec_free(&items);
    tend_vec_free(&secs.v);
    tend_vec_free(&secs.lines);
    return st;
}

tend_status content_parse_checkin(tend_content *c, size_t file_idx)
{
    static const char *const keys[] = { "id", "title", "version", "window", "order", NULL };
    content_parser x = content_parser_for(c, file_idx);
    content_check_file_name(&x, "daily.md");
    tend_frontmatter fm;
    cmark_node *doc;
    if (content_begin(&x, keys, &fm, &doc) != TEND_OK)
        return TEND_ENOMEM;
    tend_status st = TEND_OK;
    if (doc) {
        st = S_checkin(&x, &fm, doc);
        cmark_node_free(doc);
    }
    tend_fm_free(&fm);
    return x.oom ? TEND_ENOMEM : st;
}

/* ---- accessors ------------------------------------------------------------------ */

/* qsort order of definitions: by order, then id. */
static int S_cmp_def(const void *a, const void *b)
{
    const tend_checkin_def *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->id, y->id);
}

void content_sort_checkins(tend_content *c)
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
