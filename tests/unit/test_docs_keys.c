/*
 * test_docs_keys.c — the KEYS section of man/tend.1 is the keymap table.
 *
 * The block between ".\" BEGIN KEYS" and ".\" END KEYS" in man/tend.1 must be
 * exactly what this test generates from TEND_ACTIONS (include/tend/ui.h), with
 * each key named by tend_action_keys, the same function the help overlay
 * uses. So a key added, moved or reworded in the table fails here until the
 * man page says the same; `make check UPDATE=1` (UPDATE=1 in the
 * environment) rewrites the block instead, to be reviewed in the diff.
 *
 * Runs from the repository root (tests/unit/run and tests/valgrind-run cd
 * there); TEND_MAN names another file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/core.h"
#include "tend/ui.h"

#define BEGIN_MARK ".\\\" BEGIN KEYS"
#define END_MARK ".\\\" END KEYS"

/* Appends s with roff's special characters made plain: a backslash is \e,
 * and \& keeps a word from being read as a macro or a delimiter. */
static void S_roff(tend_buf *b, const char *s, bool word)
{
    if (word)
        assert_int_equal(tend_buf_puts(b, "\\&"), TEND_OK);
    for (; *s; s++)
        assert_int_equal(*s == '\\' ? tend_buf_puts(b, "\\e") : tend_buf_putc(b, *s), TEND_OK);
}

/* ".It Ic \&F12 No or Ic \&Ctrl-\e": each key of action a as an Ic word. */
static void S_keys_item(tend_buf *b, tend_action a)
{
    char keys[64];
    tend_action_keys(a, keys, sizeof keys);
    assert_int_equal(tend_buf_puts(b, ".It Ic "), TEND_OK);
    const char *sep = strstr(keys, " or ");
    if (sep && sep != keys) {
        char first[64];
        snprintf(first, sizeof first, "%.*s", (int)(sep - keys), keys);
        S_roff(b, first, true);
        assert_int_equal(tend_buf_puts(b, " No or Ic "), TEND_OK);
        S_roff(b, sep + 4, true);
    } else {
        S_roff(b, keys, true);
    }
    assert_int_equal(tend_buf_putc(b, '\n'), TEND_OK);
}

static void S_scope(tend_buf *b, tend_scope scope, const char *title)
{
    assert_int_equal(tend_buf_printf(b, ".Ss %s\n.Bl -tag -width 16n -compact\n", title), TEND_OK);
    for (int a = TA_NONE + 1; a < TA_COUNT; a++) {
        const tend_keydef *d = tend_keydef_of((tend_action)a);
        assert_non_null(d);
        if (d->scope != scope)
            continue;
        S_keys_item(b, (tend_action)a);
        S_roff(b, d->help, d->help[0] == '.' || d->help[0] == '\'');
        assert_int_equal(tend_buf_putc(b, '\n'), TEND_OK);
    }
    assert_int_equal(tend_buf_puts(b, ".El\n"), TEND_OK);
}

/* The whole block, marker lines included, NUL-terminated in b. */
static void S_expected(tend_buf *b)
{
    assert_int_equal(tend_buf_puts(b, BEGIN_MARK ": generated from TEND_ACTIONS "
                                      "(include/tend/ui.h); do not edit by hand.\n"), TEND_OK);
    S_scope(b, TEND_SCOPE_GLOBAL, "Keys on every screen");
    S_scope(b, TEND_SCOPE_SCREEN, "Keys on the screens that use them");
    assert_int_equal(tend_buf_puts(b, END_MARK "\n"), TEND_OK);
    assert_int_equal(tend_buf_putc(b, '\0'), TEND_OK);
}

/* Reads the whole file at path into a malloc'd, NUL-terminated string. */
static char *S_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    tend_buf b = { 0 };
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(tend_buf_append(&b, chunk, n), TEND_OK);
    assert_int_equal(ferror(f), 0);
    fclose(f);
    assert_int_equal(tend_buf_putc(&b, '\0'), TEND_OK);
    size_t len;
    return tend_buf_take(&b, &len);
}

static void test_man_keys_match_keymap(void **state)
{
    (void)state;
    const char *path = getenv("TEND_MAN");
    if (!path || !*path)
        path = "man/tend.1";
    char *man = S_slurp(path);
    if (!man)
        fail_msg("cannot read %s (run from the repository root)", path);
    char *begin = strstr(man, BEGIN_MARK);
    char *end = begin ? strstr(begin, END_MARK) : NULL;
    if (!begin || !end || (begin != man && begin[-1] != '\n'))
        fail_msg("%s has no '%s' ... '%s' block", path, BEGIN_MARK, END_MARK);
    end = strchr(end, '\n');
    end = end ? end + 1 : begin + strlen(begin);

    tend_buf want = { 0 };
    S_expected(&want);
    size_t have_len = (size_t)(end - begin);
    bool same = have_len == want.len - 1 && memcmp(begin, want.data, have_len) == 0;
    const char *update = getenv("UPDATE");
    if (!same && update && strcmp(update, "1") == 0) {
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(man, 1, (size_t)(begin - man), f), (size_t)(begin - man));
        assert_int_equal(fputs(want.data, f) >= 0, 1);
        assert_int_equal(fputs(end, f) >= 0, 1);
        assert_int_equal(fclose(f), 0);
        fprintf(stderr, "# rewrote the KEYS block of %s from the keymap table\n", path);
        same = true;
    }
    if (!same)
        fprintf(stderr, "# the KEYS block of %s is not the keymap table; it should read:\n%s"
                        "# run make check UPDATE=1 to rewrite it, then review the diff\n",
                path, want.data);
    tend_buf_free(&want);
    free(man);
    assert_true(same);
}

/* The generator itself: every action is in the block, under its scope, with
 * its help text, and a backslash key comes out as \e (never a raw escape). */
static void test_block_names_every_action(void **state)
{
    (void)state;
    tend_buf b = { 0 };
    S_expected(&b);
    const char *screen = strstr(b.data, ".Ss Keys on the screens");
    assert_non_null(screen);
    for (int a = TA_NONE + 1; a < TA_COUNT; a++) {
        const tend_keydef *d = tend_keydef_of((tend_action)a);
        assert_non_null(d);
        char line[256];
        snprintf(line, sizeof line, "\n%s\n", d->help);
        const char *at = strstr(b.data, line);
        if (!at)
            fail_msg("help text of action %d is missing: %s", a, d->help);
        assert_true(d->scope == TEND_SCOPE_GLOBAL ? at < screen : at > screen);
    }
    const tend_keydef *hide = tend_keydef_of(TA_HIDE);
    assert_non_null(hide);
    assert_int_equal(hide->keys[1].kind, TK_CTRL);
    assert_non_null(strstr(b.data, "\\&Ctrl-\\e\n"));
    tend_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_man_keys_match_keymap),
        cmocka_unit_test(test_block_names_every_action),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
