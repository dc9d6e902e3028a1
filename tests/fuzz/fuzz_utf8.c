/*
 * fuzz_utf8.c — the UTF-8 and width helpers every module builds on: on any
 * bytes, cluster moves stay in bounds and always progress, and fitting never
 * exceeds the width asked for.
 */
#include "tend/core.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        tend_locale_init();
        init = 1;
    }
    const char *s = (const char *)data;
    size_t pos = 0;
    while (pos < size) {
        size_t next = tend_utf8_next(s, size, pos);
        if (next <= pos || next > size)
            abort();
        if (tend_utf8_prev(s, size, next) > pos)
            abort();
        pos = next;
    }
    for (size_t cols = 0; cols < 12; cols++) {
        size_t used = 0;
        size_t n = tend_utf8_fit(s, size, cols, &used);
        if (n > size || used > cols)
            abort();
    }
    (void)tend_utf8_valid(s, size);
    return 0;
}
