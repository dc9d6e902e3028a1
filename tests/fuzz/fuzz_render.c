/*
 * fuzz_render.c — the Markdown renderer on any bytes: the first byte picks a
 * width from 10 to 137, the rest is the document. Whatever the input, the
 * layout keeps its promises (render.h): no line wider than the width, spans
 * contiguous and covering each line, anchors never going backwards, link
 * indices in range. Any broken promise aborts, so libFuzzer keeps the input.
 */
#include "tend/core.h"
#include "tend/render.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check(const tend_render_doc *doc, size_t width)
{
    size_t anchor = 0;
    for (size_t i = 0; i < doc->nlines; i++) {
        const tend_render_line *l = &doc->lines[i];
        if (l->width > width || tend_utf8_width(l->text, l->len) != l->width)
            abort();
        if (l->anchor < anchor)
            abort();
        anchor = l->anchor;
        size_t off = 0, col = 0;
        for (size_t k = 0; k < l->nspans; k++) {
            const tend_render_span *sp = &l->spans[k];
            if (sp->off != off || sp->col != col || sp->off + sp->len > l->len)
                abort();
            if (sp->link < -1 || (sp->link >= 0 && (size_t)sp->link >= doc->nlinks))
                abort();
            off += sp->len;
            col += sp->width;
        }
        if (off != l->len || col != l->width)
            abort();
    }
    for (size_t h = 0; h < doc->nheadings; h++)
        if (doc->headings[h].line >= doc->nlines && doc->nlines > 0)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        tend_locale_init();
        init = 1;
    }
    if (size < 1)
        return 0;
    size_t width = TEND_RENDER_MIN_WIDTH + data[0] % 128;
    tend_render_doc *doc = NULL;
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_render_markdown((const char *)data + 1, size - 1, width, &doc, &err);
    if (st == TEND_OK) {
        S_check(doc, width);
        tend_render_doc_free(doc);
    } else if (st != TEND_ENOMEM) {
        abort(); /* every width >= the minimum must lay out */
    }
    return 0;
}
