/*
 * test_ui_frame.c — the screen framework in src/ui: a screen is allocated
 * zeroed and finished by the framework; the stack lets a screen enter when
 * it is pushed, uncovered, when the frame's generation changed and when it
 * asked, and at no other time; a draw that reads the journal aborts the
 * program naming the screen (so every scripted UI test proves that no draw
 * loads), while reading in enter is fine; the one confirm question and the
 * one pager behave as their contracts say.
 *
 * The app runs headless (TEND_SCRIPT), keys coming from a small script.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tend/journal.h"
#include "tend/screens.h"
#include "tend/ui.h"

/* ---- a temporary folder with a script ------------------------------------- */

static char g_dir[64];

/* Makes a fresh folder for the test. */
static void S_tmpdir(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/tend-uiframe.XXXXXX");
    assert_non_null(mkdtemp(g_dir));
}

/* Writes the UI script text into the folder and points TEND_SCRIPT at it. */
static void S_script(const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/keys.script", g_dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(setenv("TEND_SCRIPT", path, 1), 0);
    assert_int_equal(setenv("TEND_SNAPSHOT_DIR", g_dir, 1), 0);
}

/* Removes the folder and what the tests put in it. */
static void S_rmdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    assert_int_equal(system(cmd), 0);
    unsetenv("TEND_SCRIPT");
}

/* A headless app on the current script. */
static tend_app *S_app(void)
{
    tend_error err;
    tend_error_clear(&err);
    tend_ui_options o = { true };
    tend_app *app = tend_app_new(&o, &err);
    assert_non_null(app);
    return app;
}

/* ---- a probe screen that writes down what happens to it ------------------- */

static char g_log[1024];
static uint64_t g_generation;

/* Appends a line to the log. */
static void S_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void S_log(const char *fmt, ...)
{
    size_t n = strlen(g_log);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g_log + n, sizeof g_log - n, fmt, ap);
    va_end(ap);
}

typedef struct {
    tend_screen base;
    char name;
    int untouched[8]; /* init leaves these alone: the framework zeroed them */
} probe_screen;

static const tend_action S_probe_keys[] = { TA_EDIT, TA_NONE };

static tend_screen *S_probe(char name);

/* Keeps its name; fails for the name '!'. */
static tend_status S_probe_init(tend_screen *sc, void *arg)
{
    probe_screen *p = (probe_screen *)(void *)sc;
    p->name = *(const char *)arg;
    S_log("%c init\n", p->name);
    return p->name == '!' ? TEND_ERR : TEND_OK;
}

/* Writes down that it was finished. */
static void S_probe_fini(tend_screen *sc)
{
    S_log("%c fini\n", ((probe_screen *)(void *)sc)->name);
}

/* Writes down why it entered. */
static void S_probe_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    S_log("%c enter%s%s%s%s\n", ((probe_screen *)(void *)sc)->name,
          why & TEND_ENTER_PUSHED ? " pushed" : "", why & TEND_ENTER_UNCOVERED ? " uncovered" : "",
          why & TEND_ENTER_CHANGED ? " changed" : "", why & TEND_ENTER_ASKED ? " asked" : "");
}

/* Draws nothing (the headless terminal is not looked at). */
static void S_probe_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    (void)sc;
    (void)app;
    (void)rows;
    (void)cols;
}

/* p pushes a probe named one letter on, w makes the generation change, r
 * asks to enter again; every other key is not used (Esc then pops). */
static bool S_probe_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    probe_screen *p = (probe_screen *)(void *)sc;
    if (k->kind != TK_CHAR)
        return false;
    switch (k->ch) {
    case 'p': tend_app_push(app, S_probe((char)(p->name + 1))); return true;
    case 'w': g_generation++; return true;
    case 'r': tend_screen_reload(sc); return true;
    case 'x': S_log("%c key x\n", p->name); return true;
    default: return false;
    }
}

static const tend_screen_ops S_probe_ops = {
    .name = "probe", .size = sizeof(probe_screen), .init = S_probe_init, .fini = S_probe_fini,
    .enter = S_probe_enter, .draw = S_probe_draw, .key = S_probe_key, .keys = S_probe_keys,
};

/* A new probe screen named name. */
static tend_screen *S_probe(char name)
{
    return tend_screen_new(&S_probe_ops, &name);
}

/* The generation hook: the test's counter. */
static uint64_t S_generation(void *ctx)
{
    (void)ctx;
    return g_generation;
}

/* ---- allocation ---------------------------------------------------------- */

static void screen_new_zeroes_inits_and_finishes(void **state)
{
    (void)state;
    g_log[0] = '\0';
    tend_screen *s = S_probe('A');
    assert_non_null(s);
    probe_screen *p = (probe_screen *)(void *)s;
    for (size_t i = 0; i < sizeof p->untouched / sizeof p->untouched[0]; i++)
        assert_int_equal(p->untouched[i], 0);
    assert_ptr_equal(s->ops, &S_probe_ops);
    assert_ptr_equal(s->keys, S_probe_keys);
    tend_screen_free(s);
    assert_string_equal(g_log, "A init\nA fini\n");

    /* An init that fails: fini runs on the half-made screen, NULL back. */
    g_log[0] = '\0';
    assert_null(S_probe('!'));
    assert_string_equal(g_log, "! init\n! fini\n");
    tend_screen_free(NULL);
}

static void set_keys_changes_what_keys_mean(void **state)
{
    (void)state;
    tend_screen *s = S_probe('A');
    assert_non_null(s);
    tend_key e = { TK_CHAR, 'e' };
    assert_int_equal(tend_screen_action(s, &e), TA_EDIT);
    tend_screen_set_keys(s, tend_confirm_keys, TEND_SCREEN_TEXT);
    assert_int_equal(tend_screen_action(s, &e), TA_NONE);
    assert_int_equal(s->flags, TEND_SCREEN_TEXT);
    tend_key down = { TK_DOWN, 0 };
    assert_int_equal(tend_screen_action(s, &down), TA_DOWN);
    tend_screen_free(s);
}

/* ---- when a screen enters --------------------------------------------------- */

static void enter_comes_at_push_uncover_change_and_ask_only(void **state)
{
    (void)state;
    S_tmpdir();
    /* p: B over A; x: a key that changes nothing; Esc: B goes, A is
     * uncovered; w: the generation changes; r: A asks; x again. */
    S_script("p\nx\n:key Esc\nw\nr\nx\n");
    g_log[0] = '\0';
    g_generation = 7;
    tend_app *app = S_app();
    tend_app_hooks h = { .generation = S_generation };
    tend_app_set_hooks(app, &h);
    tend_app_push(app, S_probe('A'));
    tend_error err;
    tend_error_clear(&err);
    assert_int_equal(tend_app_run(app, &err), TEND_OK);
    tend_app_free(app);
    assert_string_equal(g_log, "A init\n"
                               "A enter pushed\n"
                               "B init\n"
                               "B enter pushed\n"
                               "B key x\n"
                               "B fini\n"
                               "A enter uncovered\n"
                               "A enter changed\n"
                               "A enter asked\n"
                               "A key x\n"
                               "A fini\n");
    S_rmdir();
}

/* ---- the draw guard ----------------------------------------------------------- */

typedef struct {
    tend_screen base;
    tend_session *s;
    size_t count;
} reader_probe;

/* Keeps the session. */
static tend_status S_reader_init(tend_screen *sc, void *arg)
{
    ((reader_probe *)(void *)sc)->s = arg;
    return TEND_OK;
}

/* Reads the journal (allowed here). */
static void S_reader_enter(tend_screen *sc, tend_app *app, unsigned why)
{
    (void)app;
    (void)why;
    reader_probe *r = (reader_probe *)(void *)sc;
    assert_int_equal(tend_journal_count(r->s->journal, &r->count, NULL), TEND_OK);
}

/* Draws what enter read. */
static void S_reader_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    (void)rows;
    (void)cols;
    char line[32];
    snprintf(line, sizeof line, "%zu", ((reader_probe *)(void *)sc)->count);
    tend_ui_text(app, 1, 1, ST_NORMAL, line, 0);
}

/* Reads the journal in the draw: what the guard is there to catch. */
static void S_bad_draw(tend_screen *sc, tend_app *app, int rows, int cols)
{
    (void)app;
    (void)rows;
    (void)cols;
    reader_probe *r = (reader_probe *)(void *)sc;
    tend_journal_count(r->s->journal, &r->count, NULL);
}

/* Uses no key. */
static bool S_reader_key(tend_screen *sc, tend_app *app, const tend_key *k)
{
    (void)sc;
    (void)app;
    (void)k;
    return false;
}

static const tend_screen_ops S_good_ops = {
    .name = "reads-in-enter", .size = sizeof(reader_probe), .init = S_reader_init,
    .enter = S_reader_enter, .draw = S_reader_draw, .key = S_reader_key,
};
static const tend_screen_ops S_bad_ops = {
    .name = "reads-in-draw", .size = sizeof(reader_probe), .init = S_reader_init,
    .draw = S_bad_draw, .key = S_reader_key,
};

/* Makes a journal (passphrase "pw") in the folder; its path into out. */
static void S_journal(char *out, size_t n)
{
    snprintf(out, n, "%s/journal.db", g_dir);
    tend_journal *j = NULL;
    tend_error err;
    tend_error_clear(&err);
    assert_int_equal(tend_journal_create(out, "pw", 2, TEND_JOURNAL_KDF_MIN, &j, &err), TEND_OK);
    tend_journal_close(j);
}

/* The frame as tend opens it (the session's hooks), unlocked, with a
 * screen of class ops on top. */
static tend_app *S_frame(const char *path, tend_session **out, const tend_screen_ops *ops)
{
    tend_error err;
    tend_error_clear(&err);
    tend_session *s = tend_session_new(path, NULL, true, &err);
    assert_non_null(s);
    assert_int_equal(tend_session_unlock(s, "pw", 2, &err), TEND_OK);
    tend_app *app = S_app();
    tend_session_attach(s, app, NULL);
    tend_app_push(app, tend_screen_new(ops, s));
    *out = s;
    return app;
}

static void reading_in_enter_is_fine(void **state)
{
    (void)state;
    S_tmpdir();
    char path[128];
    S_journal(path, sizeof path);
    S_script("x\n");
    tend_session *s = NULL;
    tend_app *app = S_frame(path, &s, &S_good_ops);
    uint64_t before = tend_journal_test_reads();
    tend_error err;
    tend_error_clear(&err);
    assert_int_equal(tend_app_run(app, &err), TEND_OK);
    assert_true(tend_journal_test_reads() > before); /* enter did read */
    tend_app_free(app);
    tend_session_free(s);
    S_rmdir();
}

static void a_draw_that_reads_the_journal_aborts_naming_the_screen(void **state)
{
    (void)state;
    S_tmpdir();
    char path[128], errpath[160];
    S_journal(path, sizeof path);
    S_script("x\n");
    snprintf(errpath, sizeof errpath, "%s/stderr", g_dir);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (!freopen(errpath, "w", stderr))
            _exit(3);
        tend_session *s = NULL;
        tend_app *app = S_frame(path, &s, &S_bad_ops);
        tend_error err;
        tend_error_clear(&err);
        tend_app_run(app, &err);
        _exit(0); /* not reached when the guard works */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGABRT);
    FILE *f = fopen(errpath, "r");
    assert_non_null(f);
    char text[4096];
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "the draw of screen \"reads-in-draw\" read the journal"));
    S_rmdir();
}

/* ---- the question ----------------------------------------------------------- */

static void confirm_answers_and_esc_gives_the_safe_choice(void **state)
{
    (void)state;
    tend_confirm c;
    memset(&c, 0, sizeof c);
    tend_key none = { TK_NONE, 0 };
    tend_confirm_delete(&c, "Delete this?", "it");
    assert_true(c.open);
    assert_int_equal(c.menu.n, 2);
    assert_int_equal(c.menu.sel, 0); /* "Keep it" marked first */
    assert_string_equal(c.menu.items[0], "Keep it");
    assert_int_equal(tend_confirm_key(&c, TA_DOWN, &none), TEND_CONFIRM_ASKING);
    assert_int_equal(tend_confirm_key(&c, TA_EDIT, &none), TEND_CONFIRM_ASKING);
    assert_int_equal(tend_confirm_key(&c, TA_SELECT, &none), 1);
    assert_false(c.open);

    tend_confirm_delete(&c, "Delete this?", NULL);
    assert_int_equal(tend_confirm_key(&c, TA_DOWN, &none), TEND_CONFIRM_ASKING);
    assert_int_equal(tend_confirm_key(&c, TA_BACK, &none), 0); /* Esc keeps it */
    assert_false(c.open);

    static const char *const four[] = { "Save", "Keep a draft", "Discard", "Go back" };
    tend_confirm_open(&c, "Before you go?", NULL, four, 4, 3);
    assert_int_equal(tend_confirm_key(&c, TA_BACK, &none), 3);
    tend_confirm_open(&c, "Before you go?", NULL, four, 4, 3);
    tend_key three = { TK_CHAR, '3' };
    assert_int_equal(tend_confirm_key(&c, TA_NONE, &three), TEND_CONFIRM_ASKING);
    assert_int_equal(tend_confirm_key(&c, TA_SELECT, &none), 2);
}

/* ---- the pager -------------------------------------------------------------- */

static void pager_wraps_and_scrolls_within_its_text(void **state)
{
    (void)state;
    tend_pager *p = tend_pager_new();
    assert_non_null(p);
    const char *a = "one two three four five";
    assert_int_equal(tend_pager_add(p, ST_NORMAL, 0, a, strlen(a)), TEND_OK);
    assert_int_equal(tend_pager_add(p, ST_NORMAL, 0, "", 0), TEND_OK);
    assert_int_equal(tend_pager_add(p, ST_DIM, 2, "x", 1), TEND_OK);
    /* At 10 columns: "one two", "three four", "five", "", "x". */
    assert_int_equal(tend_pager_layout(p, 10, 2), TEND_OK);
    assert_int_equal(tend_pager_rows(p), 5);
    assert_int_equal(tend_pager_top(p), 0);
    for (int i = 0; i < 6; i++)
        assert_true(tend_pager_key(p, TA_DOWN));
    assert_int_equal(tend_pager_top(p), 3); /* the last row fills the box, no further */
    assert_true(tend_pager_key(p, TA_PGUP));
    assert_int_equal(tend_pager_top(p), 2); /* a box less a row */
    assert_true(tend_pager_key(p, TA_TOP));
    assert_int_equal(tend_pager_top(p), 0);
    assert_true(tend_pager_key(p, TA_UP));
    assert_int_equal(tend_pager_top(p), 0);
    assert_true(tend_pager_key(p, TA_BOTTOM));
    assert_int_equal(tend_pager_top(p), 3);
    assert_false(tend_pager_key(p, TA_EDIT));
    /* Wider: fewer rows, and the place is clamped to them. */
    assert_int_equal(tend_pager_layout(p, 40, 2), TEND_OK);
    assert_int_equal(tend_pager_rows(p), 3);
    assert_int_equal(tend_pager_top(p), 1);
    tend_pager_clear(p);
    assert_int_equal(tend_pager_layout(p, 40, 2), TEND_OK);
    assert_int_equal(tend_pager_rows(p), 0);
    assert_int_equal(tend_pager_top(p), 0);
    tend_pager_free(p);
    tend_pager_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screen_new_zeroes_inits_and_finishes),
        cmocka_unit_test(set_keys_changes_what_keys_mean),
        cmocka_unit_test(enter_comes_at_push_uncover_change_and_ask_only),
        cmocka_unit_test(reading_in_enter_is_fine),
        cmocka_unit_test(a_draw_that_reads_the_journal_aborts_naming_the_screen),
        cmocka_unit_test(confirm_answers_and_esc_gives_the_safe_choice),
        cmocka_unit_test(pager_wraps_and_scrolls_within_its_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
