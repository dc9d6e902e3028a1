/*
 * toolkit.c — the helpers every content file parser shares (pages, tools
 * and prompt themes in parse.c, regions in support.c, check-in definitions
 * in checkin.c): opening a file into its header and cmark syntax tree,
 * recording problems with file lines, reading header values, telling ids
 * apart, and taking text, list items and references out of the tree.
 *
 * Line numbers: cmark counts from the body's first line, so every line
 * taken from the tree is shifted by p->offset to point into the file.
 */
#include "content_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- problems ----------------------------------------------------------------- */

content_parser content_parser_for(tend_content *c, size_t idx)
{
    content_parser p = { c, idx, 0, false, false };
    return p;
}

void content_problem(content_parser *p, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    content_add_problem_v(p->c, p->idx, line, fmt, ap);
    va_end(ap);
    p->bad = true;
}

/* The sink tend_fm_parse reports header problems to: ctx is the
 * content_parser of the file. */
static void S_report(void *ctx, int line, const char *msg)
{
    content_problem(ctx, line, "%s", msg);
}

/* ---- the file ------------------------------------------------------------------ */

tend_status content_begin(content_parser *p, const char *const *keys, tend_frontmatter *fm,
                          cmark_node **doc)
{
    const tend_content_file *f = &p->c->files[p->idx];
    *doc = NULL;
    if (tend_fm_parse(f->data, f->len, keys, fm, S_report, p) == TEND_ENOMEM) {
        p->oom = true;
        return TEND_ENOMEM; /* tend_fm_parse freed what it had */
    }
    if (fm->body_line <= 1) /* the header was not found or not closed */
        return TEND_OK;
    p->offset = fm->body_line - 1;
    *doc = cmark_parse_document(fm->body, fm->body_len, CMARK_OPT_DEFAULT);
    if (!*doc) {
        tend_fm_free(fm);
        p->oom = true;
        return TEND_ENOMEM;
    }
    return TEND_OK;
}

const char *content_file_name(const content_parser *p)
{
    const char *path = p->c->files[p->idx].path;
    const char *slash = strchr(path, '/');
    return slash ? slash + 1 : path;
}

void content_check_file_name(content_parser *p, const char *example)
{
    const char *name = content_file_name(p);
    size_t n = strlen(name);
    if (n <= 3 || strcmp(name + n - 3, ".md") != 0 || !content_is_name_id(name, n - 3))
        content_problem(p, 0, "file name '%s' should be lower-case words joined by hyphens, "
                              "e.g. '%s'", name, example);
}

void content_src(const content_parser *p, const tend_frontmatter *fm, tend_content_src *src)
{
    const tend_content_file *f = &p->c->files[p->idx];
    src->path = f->path;
    src->origin = f->origin;
    src->builtin = f->builtin;
    src->body_line = fm->body_line;
}

/* ---- header values ---------------------------------------------------------------- */

void content_require(content_parser *p, const tend_frontmatter *fm, const content_required *req)
{
    for (size_t i = 0; req[i].key; i++) {
        const char *v = tend_fm_get(fm, req[i].key);
        if (!v)
            content_problem(p, 1, "missing required key '%s'%s", req[i].key,
                            req[i].hint ? req[i].hint : "");
        else if (!*v)
            content_problem(p, tend_fm_line(fm, req[i].key), "empty value for '%s'", req[i].key);
    }
}

bool content_int(content_parser *p, const tend_frontmatter *fm, const char *key, int min,
                 int max, int *out)
{
    const char *v = tend_fm_get(fm, key);
    if (!v || !*v)
        return false;
    long n = 0;
    size_t i = 0;
    for (; v[i] >= '0' && v[i] <= '9' && i < 9; i++)
        n = n * 10 + (v[i] - '0');
    if (i == 0 || v[i] != '\0') {
        content_problem(p, tend_fm_line(fm, key),
                        "bad number '%s' for '%s' (expected a whole number, e.g. 3)", v, key);
        return false;
    }
    if (n < min || n > max) {
        content_problem(p, tend_fm_line(fm, key), "'%s' is %ld; it must be between %d and %d",
                        key, n, min, max);
        return false;
    }
    *out = (int)n;
    return true;
}

/* ---- ids ------------------------------------------------------------------------- */

/* True for lower-case letters and digits joined by '-' (and also by '_' and
 * '.' when match is true); never two joiners in a row, nor one at either
 * end. */
static bool S_joined_id(const char *s, size_t n, bool match)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        bool joiner = ch == '-' || (match && (ch == '_' || ch == '.'));
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  (joiner && i + 1 < n && !strchr("-_.", s[i + 1]));
        if (!ok)
            return false;
    }
    return true;
}

bool content_is_name_id(const char *s, size_t n)
{
    return S_joined_id(s, n, false);
}

bool content_is_match_id(const char *s, size_t n)
{
    return S_joined_id(s, n, true);
}

bool content_is_item_id(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* ---- the syntax tree -------------------------------------------------------------- */

int content_line(const content_parser *p, cmark_node *node)
{
    while (node && cmark_node_get_start_line(node) <= 0)
        node = cmark_node_parent(node);
    return node ? p->offset + cmark_node_get_start_line(node) : 0;
}

/* Appends the plain text of node's subtree to b: text and code as they are,
 * line breaks and block ends as spaces. TEND_ENOMEM or TEND_OK. */
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
 * the ends trimmed; NULL on ENOMEM. */
static char *S_squeeze(tend_content *c, const char *s, size_t n)
{
    char *out = content_alloc(c, n + 1);
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

/* The squeezed plain text of node (and its following siblings when
 * siblings), in the arena; NULL and p->oom on ENOMEM. */
static char *S_text(content_parser *p, cmark_node *node, bool siblings)
{
    tend_buf b = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    for (cmark_node *n = node; n && st == TEND_OK; n = siblings ? cmark_node_next(n) : NULL)
        st = S_plain(n, &b);
    char *out = st == TEND_OK ? S_squeeze(p->c, b.data ? b.data : "", b.len) : NULL;
    tend_buf_free(&b);
    if (!out)
        p->oom = true;
    return out;
}

char *content_text(content_parser *p, cmark_node *node)
{
    return S_text(p, node, false);
}

char *content_text_from(content_parser *p, cmark_node *node)
{
    return S_text(p, node, true);
}

cmark_node *content_first_list(cmark_node *doc, cmark_list_type type)
{
    for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_LIST && cmark_node_get_list_type(n) == type)
            return n;
    return NULL;
}

/* The CommonMark of a list item's blocks (without its marker), in the
 * arena; NULL on ENOMEM. */
static char *S_markdown_of_item(tend_content *c, cmark_node *item)
{
    tend_buf b = TEND_BUF_INIT;
    tend_status st = TEND_OK;
    for (cmark_node *ch = cmark_node_first_child(item); ch && st == TEND_OK;
         ch = cmark_node_next(ch)) {
        char *md = cmark_render_commonmark(ch, CMARK_OPT_DEFAULT, 0);
        if (!md) {
            tend_buf_free(&b);
            return NULL;
        }
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
        out = content_strndup(c, b.data ? b.data : "", n);
    }
    tend_buf_free(&b);
    return out;
}

tend_status content_items(content_parser *p, cmark_node *list, const tend_content_item **out,
                          size_t *n)
{
    size_t count = 0;
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it))
        count++;
    tend_content_item *items = content_alloc(p->c, (count ? count : 1) * sizeof *items);
    if (!items) {
        p->oom = true;
        return TEND_ENOMEM;
    }
    size_t i = 0;
    for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it), i++) {
        items[i].markdown = S_markdown_of_item(p->c, it);
        items[i].text = content_text(p, it);
        items[i].line = content_line(p, it);
        if (!items[i].markdown || !items[i].text) {
            p->oom = true;
            return TEND_ENOMEM;
        }
        if (!items[i].text[0])
            content_problem(p, items[i].line, "an empty list item");
    }
    *out = items;
    *n = count;
    return TEND_OK;
}

char *content_lines(tend_content *c, const char *body, size_t len, int from, int to)
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
    return content_strndup(c, body + start, end - start);
}

/* ---- references ----------------------------------------------------------------- */

tend_status content_references(content_parser *p, cmark_node *doc, bool required,
                               const tend_content_item **out, size_t *n, int *heading_line)
{
    *out = NULL;
    *n = 0;
    *heading_line = 0;
    cmark_node *heading = NULL, *list = NULL;
    for (cmark_node *node = cmark_node_first_child(doc); node; node = cmark_node_next(node)) {
        cmark_node_type t = cmark_node_get_type(node);
        if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) == 2) {
            char *text = content_text(p, node);
            if (!text)
                return TEND_ENOMEM;
            if (!heading && strcmp(text, "References") == 0)
                heading = node;
            else if (heading)
                content_problem(p, content_line(p, node),
                                "'## %s' comes after '## References', which must be the last "
                                "section", text);
        } else if (t == CMARK_NODE_LIST && heading && !list) {
            list = node;
        }
    }
    if (!heading && required)
        content_problem(p, p->offset + 1,
                        "no '## References' section: every page ends with its references");
    else if (heading && !list)
        content_problem(p, content_line(p, heading),
                        "the References section has no list: give one reference per list item");
    if (heading)
        *heading_line = cmark_node_get_start_line(heading);
    if (list)
        return content_items(p, list, out, n);
    tend_content_item *none = content_alloc(p->c, sizeof *none);
    if (!none) {
        p->oom = true;
        return TEND_ENOMEM;
    }
    *out = none;
    return TEND_OK;
}
