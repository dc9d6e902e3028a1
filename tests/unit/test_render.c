/*
 * test_render.c — the Markdown renderer: golden files per construct at
 * widths 80, 40 and 20; properties over every library page and generated
 * inputs at every width from 10 to 120; and the recorded links, headings,
 * reading positions and search.
 *
 * Golden files live in tests/data/render/: NAME.md is the input,
 * NAME.golden the dump (tend_render_dump) at each width. To rewrite them on
 * purpose run with UPDATE=1 (make check UPDATE=1) or TEND_UPDATE_GOLDEN=1,
 * then read the diff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/content_data.h"
#include "tend/render.h"

/* ---- helpers ------------------------------------------------------------ */

static tend_render_doc *S_render(const char *md, size_t width)
{
    tend_render_doc *doc = NULL;
    tend_error err;
    assert_int_equal(tend_render_markdown(md, strlen(md), width, &doc, &err), TEND_OK);
    assert_non_null(doc);
    return doc;
}

static char *S_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    tend_buf b = TEND_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(tend_buf_append(&b, chunk, n), TEND_OK);
    fclose(f);
    return tend_buf_take(&b, len);
}

static bool S_updating(void)
{
    const char *u = getenv("UPDATE"), *g = getenv("TEND_UPDATE_GOLDEN");
    return (u && strcmp(u, "1") == 0) || (g && strcmp(g, "1") == 0);
}

/* The text of a doc: every line's text joined with newlines. */
static void S_join(const tend_render_doc *doc, tend_buf *out)
{
    for (size_t i = 0; i < doc->nlines; i++) {
        assert_int_equal(tend_buf_puts(out, doc->lines[i].text), TEND_OK);
        assert_int_equal(tend_buf_putc(out, '\n'), TEND_OK);
    }
}

static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* ---- golden files --------------------------------------------------------- */

static const char *const S_constructs[] = {
    "headings", "paragraph", "emphasis", "inline-code", "links", "bullet-list",
    "ordered-list", "block-quote", "code-block", "thematic-break", "breaks",
    "wide-text", "long-words", "mixed",
};

static void golden_files_match(void **state)
{
    (void)state;
    static const size_t widths[] = { 80, 40, 20 };
    size_t failures = 0;
    for (size_t c = 0; c < sizeof S_constructs / sizeof S_constructs[0]; c++) {
        char path[256];
        snprintf(path, sizeof path, "tests/data/render/%s.md", S_constructs[c]);
        size_t mdlen;
        char *md = S_read_file(path, &mdlen);
        if (!md)
            fail_msg("missing input %s", path);
        tend_buf got = TEND_BUF_INIT;
        for (size_t w = 0; w < 3; w++) {
            tend_render_doc *doc = NULL;
            assert_int_equal(tend_render_markdown(md, mdlen, widths[w], &doc, NULL), TEND_OK);
            assert_int_equal(tend_buf_printf(&got, "== %s at width %zu\n", S_constructs[c],
                                             widths[w]), TEND_OK);
            assert_int_equal(tend_render_dump(doc, &got), TEND_OK);
            tend_render_doc_free(doc);
        }
        snprintf(path, sizeof path, "tests/data/render/%s.golden", S_constructs[c]);
        if (S_updating()) {
            FILE *f = fopen(path, "wb");
            assert_non_null(f);
            assert_int_equal(fwrite(got.data, 1, got.len, f), got.len);
            assert_int_equal(fclose(f), 0);
        } else {
            size_t wantlen;
            char *want = S_read_file(path, &wantlen);
            if (!want) {
                print_error("no golden file %s (run with UPDATE=1 and review it)\n", path);
                failures++;
            } else if (wantlen != got.len || memcmp(want, got.data, got.len) != 0) {
                print_error("%s differs; got:\n%s\n", path, got.data);
                failures++;
            }
            free(want);
        }
        tend_buf_free(&got);
        free(md);
    }
    assert_int_equal(failures, 0);
}

/* ---- properties ----------------------------------------------------------- */

static bool S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The words of a document's text, in order, from the AST (not from the
 * renderer): every literal of text, code, code blocks and HTML, split at
 * white space. Each word ends with a NUL; the list ends with an empty one. */
static void S_words(cmark_node *root, tend_buf *words)
{
    cmark_iter *it = cmark_iter_new(root);
    assert_non_null(it);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER
            || (t != CMARK_NODE_TEXT && t != CMARK_NODE_CODE && t != CMARK_NODE_CODE_BLOCK
                && t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
            continue;
        const char *s = cmark_node_get_literal(n);
        size_t i = 0, len = strlen(s);
        while (i < len) {
            while (i < len && S_space(s[i]))
                i++;
            size_t j = i;
            while (j < len && !S_space(s[j]))
                j++;
            if (j > i) {
                assert_int_equal(tend_buf_append(words, s + i, j - i), TEND_OK);
                assert_int_equal(tend_buf_putc(words, '\0'), TEND_OK);
            }
            i = j;
        }
    }
    cmark_iter_free(it);
    assert_int_equal(tend_buf_putc(words, '\0'), TEND_OK);
}

/* Offset of the first w in hay[from..len), or SIZE_MAX. (Not strstr: the
 * sanitizer's strstr measures the whole haystack on every call.) */
static size_t S_find(const char *hay, size_t len, size_t from, const char *w)
{
    size_t n = strlen(w);
    for (size_t i = from; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && hay[i + k] == w[k])
            k++;
        if (k == n)
            return i;
    }
    return SIZE_MAX;
}

/* Checks one layout: widths, spans, and every word in order. Returns false
 * (after printing why) on the first violation. */
static bool S_check(const tend_render_doc *doc, size_t width, const tend_buf *words,
                    const char *what)
{
    tend_buf stream = TEND_BUF_INIT;
    bool ok = true;
    for (size_t i = 0; i < doc->nlines && ok; i++) {
        const tend_render_line *l = &doc->lines[i];
        size_t w = tend_utf8_width(l->text, l->len);
        if (w > width || w != l->width || strlen(l->text) != l->len) {
            print_error("%s width %zu: line %zu is %zu columns: '%s'\n", what, width, i, w,
                        l->text);
            ok = false;
        }
        size_t off = 0, col = 0;
        for (size_t k = 0; k < l->nspans && ok; k++) {
            const tend_render_span *sp = &l->spans[k];
            if (sp->off != off || sp->col != col
                || sp->width != tend_utf8_width(l->text + sp->off, sp->len)) {
                print_error("%s width %zu: line %zu span %zu out of place\n", what, width, i, k);
                ok = false;
            }
            off += sp->len;
            col += sp->width;
            if (!tend_render_style_is_decor(sp->style))
                for (size_t b = sp->off; b < sp->off + sp->len; b++)
                    if (!S_space(l->text[b]))
                        assert_int_equal(tend_buf_putc(&stream, l->text[b]), TEND_OK);
        }
        if (ok && off != l->len) {
            print_error("%s width %zu: line %zu spans do not cover it\n", what, width, i);
            ok = false;
        }
        if (i > 0 && l->anchor < doc->lines[i - 1].anchor) {
            print_error("%s width %zu: line %zu anchor goes back\n", what, width, i);
            ok = false;
        }
    }
    const char *hay = stream.data ? stream.data : "";
    size_t pos = 0;
    for (const char *w = words->data; ok && *w; w += strlen(w) + 1) {
        size_t at = S_find(hay, stream.len, pos, w);
        if (at == SIZE_MAX) {
            print_error("%s width %zu: word '%s' missing or out of order\n", what, width, w);
            ok = false;
        } else {
            pos = at + strlen(w);
        }
    }
    tend_buf_free(&stream);
    return ok;
}

/* Renders md at every width from 10 to 120 and checks each layout. */
static bool S_check_all_widths(const char *md, size_t len, const char *what)
{
    cmark_node *root = cmark_parse_document(md, len, CMARK_OPT_VALIDATE_UTF8);
    assert_non_null(root);
    tend_buf words = TEND_BUF_INIT;
    S_words(root, &words);
    bool ok = true;
    for (size_t w = 10; w <= 120 && ok; w++) {
        tend_render_doc *doc = NULL;
        assert_int_equal(tend_render_ast(root, w, &doc, NULL), TEND_OK);
        ok = S_check(doc, w, &words, what);
        tend_render_doc_free(doc);
    }
    if (!ok)
        print_error("input was:\n%.*s\n", (int)len, md);
    tend_buf_free(&words);
    cmark_node_free(root);
    return ok;
}

static void every_page_fits_every_width(void **state)
{
    (void)state;
    size_t pages = 0;
    for (size_t i = 0; i < tend_embedded_count; i++) {
        const tend_embedded_file *f = &tend_embedded_files[i];
        if (strncmp(f->path, "pages/", 6) != 0)
            continue;
        pages++;
        assert_true(S_check_all_widths(f->data, f->len, f->path));
    }
    print_message("# %zu library pages checked\n", pages);
}

/* xorshift64*: the same inputs on every run. */
static uint64_t S_rng = 0x9E3779B97F4A7C15ull;

static uint32_t S_rand(uint32_t n)
{
    S_rng ^= S_rng >> 12;
    S_rng ^= S_rng << 25;
    S_rng ^= S_rng >> 27;
    return (uint32_t)((S_rng * 0x2545F4914F6CDD1Dull) >> 33) % n;
}

static void S_put(tend_buf *b, const char *s)
{
    assert_int_equal(tend_buf_puts(b, s), TEND_OK);
}

static void S_word(tend_buf *b)
{
    static const char *const plain[] = {
        "care", "trust", "the", "a", "body", "remembers", "safe", "enough", "gentle",
        "attachment", "(parenthesis)", "well-being", "don't", "x", "42", "naïve",
    };
    static const char *const wide[] = {
        "心理", "創傷", "安全です", "애착", "回復と成長", "😀", "👍🏽", "👨‍👩‍👧",
        "🇬🇧", "é", "ñ", "a\xcc\x81\xcc\x82", "ｆｕｌｌ", "e\xcc\x81te\xcc\x81",
    };
    uint32_t r = S_rand(20);
    if (r < 11) {
        S_put(b, plain[S_rand(sizeof plain / sizeof plain[0])]);
    } else if (r < 16) {
        S_put(b, wide[S_rand(sizeof wide / sizeof wide[0])]);
    } else if (r < 18) {
        uint32_t n = 15 + S_rand(100);
        for (uint32_t i = 0; i < n; i++)
            assert_int_equal(tend_buf_putc(b, (char)('a' + S_rand(26))), TEND_OK);
    } else {
        uint32_t n = 5 + S_rand(30);
        for (uint32_t i = 0; i < n; i++)
            S_put(b, wide[S_rand(sizeof wide / sizeof wide[0])]);
    }
}

/* A run of inline content, maybe with emphasis, code, links, breaks. */
static void S_inline(tend_buf *b, int depth)
{
    uint32_t n = 1 + S_rand(depth ? 6 : 14);
    for (uint32_t i = 0; i < n; i++) {
        if (i > 0)
            S_put(b, S_rand(8) == 0 ? "\n" : " ");
        uint32_t r = S_rand(30);
        if (depth < 3 && r == 0) {
            S_put(b, "*");
            S_inline(b, depth + 1);
            S_put(b, "*");
        } else if (depth < 3 && r == 1) {
            S_put(b, "**");
            S_inline(b, depth + 1);
            S_put(b, "**");
        } else if (r == 2) {
            S_put(b, "`");
            S_word(b);
            S_put(b, " ");
            S_word(b);
            S_put(b, "`");
        } else if (depth < 3 && r == 3) {
            S_put(b, "[");
            S_inline(b, 3);
            S_put(b, S_rand(2) ? "](attachment.md)" : "](https://example.org/a/long/path/to/a/source)");
        } else if (r == 4) {
            S_put(b, "<https://doi.org/10.1000/");
            S_word(b);
            S_put(b, ">");
        } else if (r == 5 && i + 1 < n) {
            S_word(b);
            S_put(b, S_rand(2) ? "  \n" : "\\\n");
        } else {
            S_word(b);
        }
    }
}

/* Prefixes every line of block with first (on its first line) or rest. */
static void S_nest(tend_buf *b, const char *block, const char *first, const char *rest)
{
    bool start = true;
    for (const char *p = block; *p; p++) {
        if (start)
            S_put(b, p == block ? first : rest);
        assert_int_equal(tend_buf_putc(b, *p), TEND_OK);
        start = *p == '\n';
    }
}

static void S_blocks(tend_buf *b, int depth)
{
    uint32_t n = 1 + S_rand(depth ? 2 : 4);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = S_rand(depth < 4 ? 10 : 5);
        tend_buf inner = TEND_BUF_INIT;
        switch (r) {
        case 0: case 1: case 2:
            S_inline(b, 0);
            S_put(b, "\n");
            break;
        case 3:
            S_put(b, (const char *[]){ "# ", "## ", "### ", "#### " }[S_rand(4)]);
            S_inline(b, 2);
            S_put(b, "\n");
            break;
        case 4:
            S_put(b, S_rand(2) ? "```\n" : "~~~ text\n");
            for (uint32_t k = 1 + S_rand(5); k > 0; k--) {
                if (S_rand(3) == 0)
                    S_put(b, "\t");
                S_inline(b, 3);
                S_put(b, "\n");
            }
            S_put(b, b->data[b->len - 4] == '~' ? "~~~\n" : "```\n");
            break;
        case 5:
            S_blocks(&inner, depth + 1);
            S_nest(b, inner.data, "> ", "> ");
            break;
        case 6: case 7: {
            bool ordered = r == 7;
            for (uint32_t k = 1 + S_rand(3); k > 0; k--) {
                tend_buf_reset(&inner);
                S_blocks(&inner, depth + 1);
                S_nest(b, inner.data, ordered ? "1. " : "- ", ordered ? "   " : "  ");
                if (S_rand(3) == 0)
                    S_put(b, "\n");
            }
            break;
        }
        case 8:
            S_put(b, "***\n");
            break;
        default:
            S_inline(b, 0);
            S_put(b, "\n");
            break;
        }
        tend_buf_free(&inner);
        S_put(b, "\n");
    }
}

static void generated_inputs_fit_every_width(void **state)
{
    (void)state;
    size_t quotes = 0, lists = 0, nested = 0, code = 0, links = 0;
    for (int i = 0; i < 220; i++) {
        tend_buf md = TEND_BUF_INIT;
        S_blocks(&md, 0);
        quotes += strstr(md.data, "> ") != NULL;
        lists += strstr(md.data, "- ") != NULL || strstr(md.data, "1. ") != NULL;
        nested += strstr(md.data, "> - ") || strstr(md.data, "  - ") || strstr(md.data, "> > ")
                  || strstr(md.data, "   1. ");
        code += strstr(md.data, "```") != NULL || strstr(md.data, "~~~") != NULL;
        links += strstr(md.data, "](") != NULL;
        char what[32];
        snprintf(what, sizeof what, "generated #%d", i);
        assert_true(S_check_all_widths(md.data, md.len, what));
        if (i == 7 && getenv("TEND_SHOW_GENERATED"))
            print_message("%s\n", md.data);
        tend_buf_free(&md);
    }
    /* The generator really produces every construct, often. */
    assert_true(quotes > 20 && lists > 20 && nested > 20 && code > 20 && links > 20);
}

/* ---- behaviour ------------------------------------------------------------ */

static void page_links_are_recorded_and_outside_urls_shown_once(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render(
        "See [attachment](attachment.md) and [the study](https://example.org/s) "
        "or <https://example.org/auto>, and [more](other-page.md#part).\n", 80);
    assert_int_equal(doc->nlinks, 2);
    assert_string_equal(doc->links[0].target, "attachment.md");
    assert_string_equal(doc->links[1].target, "other-page.md#part");
    tend_buf all = TEND_BUF_INIT;
    S_join(doc, &all);
    assert_non_null(strstr(all.data, "the study (https://example.org/s)"));
    assert_int_equal(S_count(all.data, "https://example.org/auto"), 1);
    assert_null(strstr(all.data, "attachment.md"));
    /* Every span of link 1 is a link span on the lines the record names. */
    size_t seen = 0;
    for (size_t i = 0; i < doc->nlines; i++)
        for (size_t k = 0; k < doc->lines[i].nspans; k++) {
            const tend_render_span *sp = &doc->lines[i].spans[k];
            if (sp->link == 1) {
                assert_int_equal(sp->style, TEND_RS_LINK);
                assert_in_range(i, doc->links[1].first_line, doc->links[1].last_line);
                seen++;
            }
        }
    assert_true(seen > 0);
    tend_buf_free(&all);
    tend_render_doc_free(doc);
}

static void a_wrapped_link_spans_lines(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render("Read [how attachment shapes the way we trust](attachment.md).\n", 20);
    assert_int_equal(doc->nlinks, 1);
    assert_true(doc->links[0].last_line > doc->links[0].first_line);
    tend_render_doc_free(doc);
}

static void headings_are_recorded_for_contents(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render("Intro.\n\n## First *part*\n\nText.\n\n### Deeper\n\nMore.\n", 40);
    assert_int_equal(doc->nheadings, 2);
    assert_int_equal(doc->headings[0].level, 2);
    assert_string_equal(doc->headings[0].text, "First part");
    assert_int_equal(doc->headings[1].level, 3);
    assert_string_equal(doc->headings[1].text, "Deeper");
    const tend_render_line *l = &doc->lines[doc->headings[0].line];
    assert_string_equal(l->text, "First part");
    assert_int_equal(l->heading, 2);
    assert_int_equal(l->spans[0].style, TEND_RS_H2);
    assert_int_equal(tend_render_heading_at(doc, 0), -1);
    assert_int_equal(tend_render_heading_at(doc, doc->headings[1].line + 2), 1);
    tend_render_doc_free(doc);
}

static void reading_position_survives_rewrapping(void **state)
{
    (void)state;
    const char *md =
        "## One\n\nThe body keeps score of what happened, and slowly, with care, it can "
        "learn that now is not then. Small steps count.\n\n- a list item that is long "
        "enough to wrap at thirty columns\n- another\n\n## Two\n\nMore words here to "
        "read on a narrow screen and a wide one.\n";
    tend_render_doc *wide = S_render(md, 80);
    tend_render_doc *narrow = S_render(md, 30);
    assert_true(narrow->nlines > wide->nlines);
    for (size_t i = 0; i < wide->nlines; i++) {
        size_t a = wide->lines[i].anchor;
        size_t j = tend_render_line_at(narrow, a);
        assert_true(narrow->lines[j].anchor <= a || j == 0);
        /* No later line with text starts at or before a. */
        for (size_t k = j + 1; k < narrow->nlines; k++)
            if (narrow->lines[k].len > 0 && narrow->lines[k].anchor < a)
                fail_msg("line %zu: a later line %zu starts before anchor %zu", i, k, a);
    }
    /* The second heading is found again at the other width. */
    size_t h = tend_render_line_at(narrow, wide->lines[wide->headings[1].line].anchor);
    assert_string_equal(narrow->lines[h].text, "Two");
    tend_render_doc_free(wide);
    tend_render_doc_free(narrow);
}

static void search_moves_both_ways_and_wraps(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render("alpha\n\nbeta Gamma\n\ndelta\n\ngamma again\n", 40);
    size_t line;
    assert_true(tend_render_search(doc, "gamma", 0, true, &line));
    assert_string_equal(doc->lines[line].text, "beta Gamma");
    assert_true(tend_render_search(doc, "GAMMA", line, true, &line));
    assert_string_equal(doc->lines[line].text, "gamma again");
    assert_true(tend_render_search(doc, "gamma", line, true, &line));
    assert_string_equal(doc->lines[line].text, "beta Gamma");
    assert_true(tend_render_search(doc, "gamma", line, false, &line));
    assert_string_equal(doc->lines[line].text, "gamma again");
    assert_false(tend_render_search(doc, "omega", 0, true, &line));
    assert_false(tend_render_search(doc, "", 0, true, &line));
    size_t off;
    assert_true(tend_render_line_find(&doc->lines[2], "gam", 0, &off));
    assert_int_equal(off, 5);
    assert_false(tend_render_line_find(&doc->lines[2], "gam", 6, &off));
    tend_render_doc_free(doc);
}

static void code_lines_are_cut_and_marked(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render("```\n0123456789abcdefghij\n\tx\n```\n", 12);
    assert_int_equal(doc->nlines, 3);
    assert_string_equal(doc->lines[0].text, "  0123456789");
    assert_string_equal(doc->lines[1].text, TEND_RENDER_CODE_CONT "abcdefghij");
    assert_int_equal(doc->lines[1].spans[0].style, TEND_RS_MARKER);
    assert_string_equal(doc->lines[2].text, "      x");
    tend_render_doc_free(doc);
}

static void narrow_widths_and_empty_input(void **state)
{
    (void)state;
    tend_render_doc *doc = (tend_render_doc *)1;
    tend_error err;
    assert_int_equal(tend_render_markdown("hi", 2, TEND_RENDER_MIN_WIDTH - 1, &doc, &err),
                     TEND_EINVAL);
    assert_null(doc);
    assert_true(strlen(err.msg) > 0);
    assert_int_equal(tend_render_ast(NULL, 40, &doc, &err), TEND_EINVAL);
    doc = S_render("", 40);
    assert_int_equal(doc->nlines, 0);
    assert_int_equal(tend_render_line_at(doc, 5), 0);
    size_t line;
    assert_false(tend_render_search(doc, "x", 0, true, &line));
    tend_render_doc_free(doc);
    tend_render_doc_free(NULL);
}

static void deep_nesting_keeps_half_the_width_for_text(void **state)
{
    (void)state;
    tend_render_doc *doc = S_render("> > > > > - - - - - deeply nested words\n", 12);
    for (size_t i = 0; i < doc->nlines; i++) {
        assert_true(doc->lines[i].width <= 12);
        size_t decor = 0;
        for (size_t k = 0; k < doc->lines[i].nspans; k++)
            if (tend_render_style_is_decor(doc->lines[i].spans[k].style))
                decor += doc->lines[i].spans[k].width;
        assert_true(decor <= 6);
    }
    tend_render_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_files_match),
        cmocka_unit_test(every_page_fits_every_width),
        cmocka_unit_test(generated_inputs_fit_every_width),
        cmocka_unit_test(page_links_are_recorded_and_outside_urls_shown_once),
        cmocka_unit_test(a_wrapped_link_spans_lines),
        cmocka_unit_test(headings_are_recorded_for_contents),
        cmocka_unit_test(reading_position_survives_rewrapping),
        cmocka_unit_test(search_moves_both_ways_and_wraps),
        cmocka_unit_test(code_lines_are_cut_and_marked),
        cmocka_unit_test(narrow_widths_and_empty_input),
        cmocka_unit_test(deep_nesting_keeps_half_the_width_for_text),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
