/*
 * edit_bench.c — how fast the editor's buffer is where it matters: a 1 MB
 * paste (in one insert, and arriving one character per insert), and the
 * cost of one keypress (edit + layout repair + cursor position) in a
 * 50,000-character entry, against wrapping that entry from scratch.
 *
 * Not part of `make check` (tests never assert timing). `make bench` builds
 * it with the release objects and puts its output in bench/REPORT.md; to
 * build and run it alone, from the repository root:
 *
 *   cc -O2 -std=c11 -Iinclude -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
 *      bench/edit_bench.c src/edit/[a-z]*.c src/core/[a-z]*.c -lsodium -o build/edit_bench
 *   build/edit_bench
 *
 * (the [a-z]* globs only keep this comment well-formed: they mean *.c)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tend/core.h"
#include "tend/edit.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Prose-like text of at least n bytes: words of 2-9 letters, some
 * accented, CJK and emoji, a paragraph break every ~600 bytes when paras. */
static char *S_text(size_t n, bool paras, size_t *len)
{
    static const char *const bits[] = { "é", "語", "😀", "ñ" };
    char *s = malloc(n + 64);
    if (!s)
        exit(1);
    size_t i = 0, since = 0;
    unsigned x = 12345;
    while (i < n) {
        x = x * 1103515245u + 12345u;
        size_t wl = 2 + (x >> 16) % 8;
        for (size_t k = 0; k < wl && i < n; k++) {
            x = x * 1103515245u + 12345u;
            if ((x >> 16) % 23 == 0) {
                const char *b = bits[(x >> 8) % 4];
                memcpy(s + i, b, strlen(b));
                i += strlen(b);
            } else {
                s[i++] = (char)('a' + (x >> 16) % 26);
            }
        }
        s[i++] = ' ';
        if (paras && (since += wl + 1) > 600) {
            s[i++] = '\n';
            since = 0;
        }
    }
    *len = i;
    return s;
}

/* CPU time of this thread: unlike S_now, it does not count time the
 * thread spent waiting for a CPU (a loaded machine preempting it). */
static double S_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static tend_edit *S_new(void)
{
    tend_edit *ed;
    if (tend_edit_new(&ed, NULL) != TEND_OK)
        exit(1);
    return ed;
}

static void S_per_key(const char *label, const char *text, size_t len)
{
    tend_edit *ed = S_new();
    tend_edit_set_text(ed, text, len, NULL);
    tend_edit_set_width(ed, 79);
    tend_edit_layout(ed, NULL);

    tend_wrap w = TEND_WRAP_INIT;
    const int full_runs = 50;
    double t0 = S_now();
    for (int i = 0; i < full_runs; i++)
        tend_wrap_text(text, len, 79, &w, NULL);
    double full = (S_now() - t0) / full_runs;
    tend_wrap_free(&w);

    /* type in the middle: each key is an insert, a layout and the cursor's
     * (row, col), which is what the editor screen does per key; each key is
     * also timed on its own for the median and the worst */
    tend_edit_set_cursor(ed, len / 2);
    enum { keys = 20000 };
    static double each[keys], each_cpu[keys];
    size_t row, col;
    t0 = S_now();
    for (int i = 0; i < keys; i++) {
        double k0 = S_now(), c0 = S_cpu();
        tend_edit_insert(ed, i % 6 == 5 ? " " : "x", 1, NULL);
        tend_edit_layout(ed, NULL);
        tend_edit_cursor_rc(ed, &row, &col, NULL);
        each_cpu[i] = S_cpu() - c0;
        each[i] = S_now() - k0;
    }
    double type = (S_now() - t0) / keys;
    qsort(each, keys, sizeof *each, S_cmp);
    qsort(each_cpu, keys, sizeof *each_cpu, S_cmp);

    t0 = S_now();
    for (int i = 0; i < keys; i++) {
        tend_edit_delete_back(ed, NULL, NULL);
        tend_edit_layout(ed, NULL);
        tend_edit_cursor_rc(ed, &row, &col, NULL);
    }
    double del = (S_now() - t0) / keys;

    t0 = S_now();
    for (int i = 0; i < keys; i++) {
        tend_edit_move(ed, i % 200 < 100 ? TEND_MOVE_DOWN : TEND_MOVE_UP, 1, NULL);
        tend_edit_cursor_rc(ed, &row, &col, NULL);
    }
    double vert = (S_now() - t0) / keys;

    printf("%s (%zu bytes, %zu visual lines at 79):\n", label, len, tend_edit_layout(ed, NULL)->count);
    printf("  full wrap from scratch      %9.1f us\n", full * 1e6);
    printf("  per key: type + layout + rc %9.2f us  (%.1f%% of a full wrap)\n", type * 1e6,
           100 * type / full);
    int slow = 0;
    for (int i = 0; i < keys; i++)
        slow += each[i] >= 1e-3;
    printf("  per key, one by one:        median %.2f us, 99.9th %.2f us, worst %.2f us "
           "(%d of %d keys took 1 ms or more)\n",
           each[keys / 2] * 1e6, each[keys - keys / 1000] * 1e6, each[keys - 1] * 1e6, slow,
           keys);
    printf("  per key, CPU time only:     median %.2f us, 99.9th %.2f us, worst %.2f us\n",
           each_cpu[keys / 2] * 1e6, each_cpu[keys - keys / 1000] * 1e6,
           each_cpu[keys - 1] * 1e6);
    printf("  per key: backspace + layout %9.2f us\n", del * 1e6);
    printf("  per key: up/down + rc       %9.2f us\n", vert * 1e6);
    tend_edit_free(ed);
}

int main(void)
{
    if (!tend_locale_init())
        fprintf(stderr, "warning: no UTF-8 locale; widths may be off\n");

    size_t len;
    char *mb = S_text(1u << 20, true, &len);

    tend_edit *ed = S_new();
    tend_edit_set_text(ed, "before after", 12, NULL);
    tend_edit_set_cursor(ed, 7);
    double t0 = S_now();
    tend_edit_paste(ed, mb, len, NULL);
    double paste = S_now() - t0;
    t0 = S_now();
    tend_edit_layout(ed, NULL);
    double lay = S_now() - t0;
    tend_edit_free(ed);

    ed = S_new();
    t0 = S_now();
    for (size_t i = 0; i < len;) {
        size_t n = tend_utf8_next(mb, len, i) - i;
        tend_edit_insert(ed, mb + i, n, NULL);
        i += n;
    }
    double typed = S_now() - t0;
    size_t words = tend_edit_words(ed);
    tend_edit_free(ed);

    printf("1 MB paste (%zu bytes, %zu words):\n", len, words);
    printf("  one insert                  %9.2f ms\n", paste * 1e3);
    printf("  its first layout at 80      %9.2f ms\n", lay * 1e3);
    printf("  one insert per character    %9.2f ms\n", typed * 1e3);
    free(mb);

    char *t = S_text(50000, true, &len);
    S_per_key("50,000-character entry in paragraphs", t, len);
    free(t);
    t = S_text(50000, false, &len);
    S_per_key("50,000-character entry, one paragraph", t, len);
    free(t);
    return 0;
}
