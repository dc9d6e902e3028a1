/*
 * fuzz_content.c — the content loader on any bytes: the input is split into
 * up to five files at "\n\f\n" separators, filed as a page, a tool, a
 * support region, a prompt theme and a check-in, and loaded as one set.
 * Loading must never crash, every problem must carry a file and a message,
 * and every loaded item must have its required fields (a region its
 * emergency number, and any id it replaces must resolve).
 */
#include "tend/content.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const paths[] = { "pages/a.md", "tools/b.md", "support/c.md",
                                         "prompts/d.md", "checkins/e.md" };
    tend_embedded_file files[5];
    size_t n = 0, start = 0;
    const char *s = (const char *)data;
    for (size_t i = 0; i <= size && n < 5; i++) {
        bool end = i == size || (i + 3 <= size && memcmp(s + i, "\n\f\n", 3) == 0);
        if (!end)
            continue;
        files[n] = (tend_embedded_file){ paths[n], s + start, i - start };
        n++;
        start = i + 3;
        i += 2;
    }
    tend_content *c = NULL;
    tend_error err;
    tend_status st = tend_content_load_files(files, n, &c, &err);
    if (st == TEND_ENOMEM)
        return 0;
    if (!c || (st == TEND_OK) != (tend_content_problem_count(c) == 0))
        abort();
    for (size_t i = 0; i < tend_content_problem_count(c); i++) {
        const tend_content_problem *p = tend_content_problem_at(c, i);
        if (!p->file || !p->msg || !p->msg[0] || p->line < 0)
            abort();
    }
    for (size_t i = 0; i < tend_content_page_count(c); i++) {
        const tend_page *p = tend_content_page(c, i);
        if (!p->title[0] || !p->summary[0] || !tend_section_name(p->section))
            abort();
    }
    for (size_t i = 0; i < tend_content_tool_count(c); i++) {
        const tend_tool *t = tend_content_tool(c, i);
        if ((t->kind == TEND_TOOL_STEPS) != (t->nsteps > 0) || !t->intro || !t->closing ||
            !t->references)
            abort();
    }
    for (size_t i = 0; i < tend_content_region_count(c); i++) {
        const tend_region *r = tend_content_region(c, i);
        if (r->nservices == 0 || !r->emergency || !r->emergency_number[0] || !r->references ||
            r->nchoices != 0 || strlen(r->body) != r->body_len)
            abort();
        /* A retired id resolves, to a listed region or a combined one. */
        const tend_region *old = r->replaces ? tend_content_region_find(c, r->replaces) : r;
        if (!old || (old->nchoices == 1) || (old->nchoices > 0 && !old->choices[0]))
            abort();
    }
    for (size_t i = 0; i < tend_content_theme_count(c); i++)
        if (tend_content_theme(c, i)->nprompts == 0)
            abort();
    tend_content_free(c);
    return 0;
}
