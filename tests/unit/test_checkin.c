/*
 * test_checkin.c — check-in definitions (src/content/checkin.c) and answers
 * (src/checkin/answers.c): a valid definition read in full; every kind of
 * mistake reported at its file:line and the definition left out; several
 * definitions side by side; the built-in daily check-in; answers to head
 * fields and back, including a definition edited after the answers were
 * stored; the safety rule; the check-in record and the readers screens use
 * for its head; the check-in draft (its _at, a definition not loaded) and
 * both through a real journal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/checkin.h"
#include "tend/codec.h"
#include "tend/content.h"
#include "tend/date.h"
#include "tend/journal.h"

/* ---- helpers ---------------------------------------------------------------- */

static const char S_valid[] =
    "---\n"                                       /* 1 */
    "id: mini\n"
    "title: A small check-in\n"
    "version: 3\n"
    "window: this morning\n"                      /* 5 */
    "order: 2\n"
    "---\n"
    "An introduction,\n"
    "over two lines.\n"
    "\n"                                          /* 10 */
    "## How it is\n"
    "\n"
    "A few words first.\n"
    "\n"
    "- `level` [0-10] How strong is it?\n"        /* 15 */
    "  - `0` calm\n"
    "  - `10` very strong\n"
    "- `worry` [0-4, safety] A hard thought\n"
    "- `slept` [yes/no] I slept\n"
    "\n"                                          /* 20 */
    "## What helped\n"
    "\n"
    "- `helped` [choose] What helped?\n"
    "  - `walk` A *walk*\n"
    "  - `other` Something else [text]\n"        /* 25 */
    "- `note` [text] A note\n";

/* Loads files (path, text pairs, NULL-terminated) into *c and returns the
 * problems as "file:line: msg\n" lines (static buffer). */
static const char *S_load(tend_content **c, ...)
{
    tend_embedded_file files[8];
    size_t n = 0;
    va_list ap;
    va_start(ap, c);
    const char *path;
    while ((path = va_arg(ap, const char *)) != NULL && n < 8) {
        const char *text = va_arg(ap, const char *);
        files[n].path = path;
        files[n].data = text;
        files[n].len = strlen(text);
        n++;
    }
    va_end(ap);
    tend_error err;
    tend_error_clear(&err);
    tend_status st = tend_content_load_files(files, n, c, &err);
    assert_true(st == TEND_OK || st == TEND_EINVAL);
    assert_non_null(*c);
    static char out[8192];
    out[0] = '\0';
    for (size_t i = 0; i < tend_content_problem_count(*c); i++) {
        const tend_content_problem *p = tend_content_problem_at(*c, i);
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s:%d: %s\n", p->file, p->line, p->msg);
    }
    return out;
}

/* The valid file with the line starting with `from` replaced by `to`
 * (to may hold several lines, or be "" to drop the line). */
static char *S_edit(const char *from, const char *to)
{
    const char *at = strstr(S_valid, from);
    assert_non_null(at);
    const char *end = strchr(at, '\n') + 1;
    size_t n = strlen(S_valid) + strlen(to) + 2;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - S_valid), S_valid, to, end);
    return out;
}

/* Loads the valid file edited, expects exactly one problem containing want
 * at line `line`, and no definition. */
static void S_expect(const char *from, const char *to, int line, const char *want)
{
    char *text = S_edit(from, to);
    tend_content *c = NULL;
    const char *probs = S_load(&c, "checkins/mini.md", text, (const char *)NULL);
    char where[64];
    snprintf(where, sizeof where, "checkins/mini.md:%d: ", line);
    if (!strstr(probs, where) || !strstr(probs, want))
        fail_msg("wanted '%s%s' in:\n%s", where, want, probs);
    assert_int_equal(tend_content_checkin_count(c), 0);
    tend_content_free(c);
    free(text);
}

/* ---- the parser ------------------------------------------------------------- */

static void test_valid_definition(void **state)
{
    (void)state;
    tend_content *c = NULL;
    const char *probs = S_load(&c, "checkins/mini.md", S_valid, (const char *)NULL);
    assert_string_equal(probs, "");
    assert_int_equal(tend_content_checkin_count(c), 1);
    const tend_checkin_def *d = tend_content_checkin_find(c, "mini");
    assert_non_null(d);
    assert_string_equal(d->name, "mini.md");
    assert_string_equal(d->title, "A small check-in");
    assert_int_equal(d->version, 3);
    assert_string_equal(d->window, "this morning");
    assert_int_equal(d->order, 2);
    assert_string_equal(d->intro, "An introduction, over two lines.");
    assert_int_equal(d->nsections, 2);
    assert_string_equal(d->sections[0].title, "How it is");
    assert_string_equal(d->sections[0].intro, "A few words first.");
    assert_int_equal(d->sections[0].first, 0);
    assert_int_equal(d->sections[0].nitems, 3);
    assert_string_equal(d->sections[1].intro, "");
    assert_int_equal(d->sections[1].first, 3);
    assert_int_equal(d->sections[1].nitems, 2);
    assert_int_equal(d->nitems, 5);

    const tend_checkin_item *it = tend_checkin_item_find(d, "level");
    assert_int_equal(it->kind, TEND_ITEM_SCALE10);
    assert_int_equal(it->max, 10);
    assert_false(it->safety);
    assert_string_equal(it->label, "How strong is it?");
    assert_int_equal(it->line, 15);
    assert_int_equal(it->nanchors, 2);
    assert_string_equal(tend_checkin_anchor_label(it, 10), "very strong");
    assert_null(tend_checkin_anchor_label(it, 5));

    it = tend_checkin_item_find(d, "worry");
    assert_int_equal(it->kind, TEND_ITEM_SCALE4);
    assert_true(it->safety);
    assert_int_equal(it->nanchors, 0);
    assert_int_equal(tend_checkin_item_find(d, "slept")->kind, TEND_ITEM_YESNO);
    assert_int_equal(tend_checkin_item_find(d, "note")->kind, TEND_ITEM_TEXT);

    it = tend_checkin_item_find(d, "helped");
    assert_int_equal(it->kind, TEND_ITEM_CHOOSE);
    assert_int_equal(it->noptions, 2);
    assert_string_equal(it->options[0].label, "A walk"); /* markup becomes plain text */
    assert_false(it->options[0].typed);
    assert_string_equal(tend_checkin_option_find(it, "other")->label, "Something else");
    assert_true(tend_checkin_option_find(it, "other")->typed);
    assert_null(tend_checkin_option_find(it, "swim"));
    assert_null(tend_checkin_item_find(d, "nothing"));
    tend_content_free(c);
}

static void test_several_definitions(void **state)
{
    (void)state;
    char *other = S_edit("id: mini", "id: evening\n");
    char *other2 = S_edit("order: 2", "order: 1\n");
    /* other2 keeps id mini: a second definition with the same id */
    tend_content *c = NULL;
    const char *probs = S_load(&c, "checkins/mini.md", S_valid, "checkins/evening.md", other,
                               (const char *)NULL);
    assert_string_equal(probs, "");
    assert_int_equal(tend_content_checkin_count(c), 2);
    /* sorted by order, then id: both order 2, so evening first */
    assert_string_equal(tend_content_checkin(c, 0)->id, "evening");
    assert_string_equal(tend_content_checkin(c, 1)->id, "mini");
    tend_content_free(c);

    probs = S_load(&c, "checkins/a.md", S_valid, "checkins/b.md", other2, (const char *)NULL);
    assert_non_null(strstr(probs, "checkins/b.md:2: check-in 'mini' is already defined in "
                                  "checkins/a.md"));
    assert_int_equal(tend_content_checkin_count(c), 1);
    tend_content_free(c);
    free(other);
    free(other2);
}

static void test_header_mistakes(void **state)
{
    (void)state;
    S_expect("version: 3", "", 1, "missing required key 'version'");
    S_expect("window: this morning", "", 1, "missing required key 'window'");
    S_expect("version: 3", "version: three\n", 4, "bad number 'three' for 'version'");
    S_expect("version: 3", "version: 0\n", 4, "'version' is 0; it must be between 1");
    S_expect("id: mini", "id: Mini Check\n", 2, "bad check-in id 'Mini Check'");
    S_expect("id: mini", "id: _mini\n", 2, "bad check-in id '_mini'");
    S_expect("order: 2", "colour: blue\n", 6, "unknown key 'colour'");
}

static void test_body_mistakes(void **state)
{
    (void)state;
    /* unknown kind */
    S_expect("- `slept`", "- `slept` [maybe] I slept\n", 19, "unknown kind 'maybe' for item 'slept'");
    /* no kind at all */
    S_expect("- `slept`", "- `slept` I slept\n", 19, "item 'slept' has no kind");
    /* bad id */
    S_expect("- `slept`", "- `Slept well` [yes/no] I slept\n", 19, "bad item id 'Slept well'");
    S_expect("- `slept`", "- `_slept` [yes/no] I slept\n", 19, "bad item id '_slept'");
    /* no id */
    S_expect("- `slept`", "- slept [yes/no] I slept\n", 19, "starts with its id in backquotes");
    /* duplicate id */
    S_expect("- `slept`", "- `level` [yes/no] I slept\n", 19,
             "item id 'level' is already used at line 15");
    /* anchors out of range, not a number, twice */
    S_expect("  - `10` very strong", "  - `11` off the scale\n", 17,
             "anchor 11 of item 'level' is outside its scale 0-10");
    S_expect("  - `10` very strong", "  - `lots` very strong\n", 17,
             "anchor 'lots' of item 'level' is not a number");
    S_expect("  - `10` very strong", "  - `0` again\n", 17, "anchor 0 appears twice in item 'level'");
    S_expect("- `worry`", "- `worry` [0-4, safety] A hard thought\n  - `5` too far\n", 19,
             "anchor 5 of item 'worry' is outside its scale 0-4");
    /* choose without options; option mistakes */
    S_expect("- `helped`", "- `helped` [choose] What helped?\n- `spare` [yes/no] x\n", 23,
             "choose item 'helped' has no options");
    S_expect("  - `walk`", "  - `walk` A walk\n  - `walk` Again\n", 25,
             "option 'walk' appears twice in item 'helped'");
    S_expect("  - `walk`", "  - `Walk!` A walk\n", 24, "bad option id 'Walk!'");
    S_expect("  - `walk`", "  - `walk`\n", 24, "option 'walk' of item 'helped' has no label");
    /* safety only on scales; unknown marks */
    S_expect("- `slept`", "- `slept` [yes/no, safety] I slept\n", 19,
             "only a scale (0-10 or 0-4) can be a safety item");
    S_expect("- `worry`", "- `worry` [0-4, urgent] A hard thought\n", 18, "unknown mark 'urgent'");
    /* a nested list where none belongs */
    S_expect("- `note`", "- `note` [text] A note\n  - `a` b\n", 27, "item 'note' (text) takes no nested list");
    /* no label */
    S_expect("- `note`", "- `note` [text]\n", 26, "item 'note' has no question or label");
    /* structure */
    S_expect("## What helped", "# What helped\n", 21, "a level-1 heading");
    S_expect("An introduction,", "- `early` [yes/no] Too early\n\n", 8,
             "items before the first '## ' section heading");
    S_expect("- `note`", "- `note` [text] A note\n\n## Empty\n\nNothing.\n", 28,
             "section 'Empty' has no items");
    S_expect("- `note`", "- `note` [text] A note\n\n1. `num` [yes/no] numbered\n", 28,
             "items are a bullet list");
    S_expect("- `note`", "- `note` [text] A note\n\nAfter the list.\n", 28,
             "text after the items of section 'What helped'");
}

static void test_no_sections(void **state)
{
    (void)state;
    tend_content *c = NULL;
    const char *probs = S_load(&c, "checkins/empty.md",
                               "---\nid: empty\ntitle: E\nversion: 1\nwindow: today\n---\nJust words.\n",
                               (const char *)NULL);
    assert_non_null(strstr(probs, "checkins/empty.md:7: no sections"));
    assert_int_equal(tend_content_checkin_count(c), 0);
    tend_content_free(c);
    /* a file name that is not lower-case words */
    probs = S_load(&c, "checkins/Mini_Check.md", S_valid, (const char *)NULL);
    assert_non_null(strstr(probs, "checkins/Mini_Check.md:0: file name 'Mini_Check.md'"));
    tend_content_free(c);
}

static void test_builtin_daily(void **state)
{
    (void)state;
    tend_content *c = NULL;
    tend_content_opts o = { true, NULL, false };
    tend_error err;
    assert_int_equal(tend_content_load(&o, &c, &err), TEND_OK);
    const tend_checkin_def *d = tend_content_checkin_find(c, "daily");
    assert_non_null(d);
    assert_string_equal(d->window, "today");
    assert_true(d->nsections >= 7);
    /* the items the issue names, with the two safety items */
    const char *ids[] = { "distress", "anxious", "low", "angry", "numb", "lonely", "ashamed",
                          "flooded", "felt_safe", "could_trust", "boundary_crossed", "said_no",
                          "sleep", "pain", "headaches", "digestion", "fatigue", "urge_use",
                          "urge_harm", "thoughts_end", "triggers", "helped", "note" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        assert_non_null(tend_checkin_item_find(d, ids[i]));
    size_t nsafety = 0;
    for (size_t i = 0; i < d->nitems; i++)
        nsafety += d->items[i].safety;
    assert_int_equal(nsafety, 2);
    assert_true(tend_checkin_item_find(d, "urge_harm")->safety);
    assert_true(tend_checkin_item_find(d, "thoughts_end")->safety);
    assert_int_equal(tend_checkin_item_find(d, "distress")->max, 10);
    const tend_checkin_item *t = tend_checkin_item_find(d, "triggers");
    assert_true(tend_checkin_option_find(t, "other")->typed);
    /* every prompt theme's matches name a real item (or item.option) */
    for (size_t i = 0; i < tend_content_theme_count(c); i++) {
        const tend_prompt_theme *th = tend_content_theme(c, i);
        for (size_t m = 0; m < th->nmatches; m++) {
            char id[128];
            snprintf(id, sizeof id, "%s", th->matches[m]);
            char *dot = strchr(id, '.');
            if (dot)
                *dot = '\0';
            const tend_checkin_item *it = tend_checkin_item_find(d, id);
            if (!it)
                fail_msg("theme %s matches '%s', which is no daily item", th->theme, th->matches[m]);
            if (dot && !tend_checkin_option_find(it, dot + 1))
                fail_msg("theme %s matches '%s', which is no option", th->theme, th->matches[m]);
        }
    }
    tend_content_free(c);
}

/* ---- answers --------------------------------------------------------------- */

typedef struct {
    tend_content *c;
    const tend_checkin_def *d;
    char dir[64];     /* S_setup_journal: the temporary folder */
    tend_journal *j;  /* and the journal in it, open */
} S_fix;

static int S_setup(void **state)
{
    S_fix *f = calloc(1, sizeof *f);
    S_load(&f->c, "checkins/mini.md", S_valid, (const char *)NULL);
    f->d = tend_content_checkin_find(f->c, "mini");
    *state = f;
    return f->d ? 0 : -1;
}

static int S_teardown(void **state)
{
    S_fix *f = *state;
    int rc = 0;
    tend_content_free(f->c);
    if (f->j) {
        tend_journal_close(f->j);
        char cmd[200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
        rc = system(cmd) == 0 ? 0 : -1;
    }
    free(f);
    return rc;
}

/* S_setup, plus a new journal (the fast test KDF) in a temporary folder. */
static int S_setup_journal(void **state)
{
    if (S_setup(state) != 0)
        return -1;
    S_fix *f = *state;
    snprintf(f->dir, sizeof f->dir, "/tmp/tend-checkin-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    char path[128];
    snprintf(path, sizeof path, "%s/journal.db", f->dir);
    tend_error e;
    return tend_journal_create(path, "pass", 4, TEND_JOURNAL_KDF_MIN, &f->j, &e) == TEND_OK ? 0 : -1;
}

/* The head's fields as "key=value;" text. */
static void S_fields(const tend_head *h, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i < h->nfields; i++) {
        size_t used = strlen(out);
        snprintf(out + used, cap - used, "%s=%s;", h->fields[i].key, h->fields[i].value);
    }
}

static void test_answers_round_trip(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    assert_int_equal(tend_checkin_init(&ck, f->d), TEND_OK);
    assert_int_equal(tend_checkin_answered(&ck), 0);
    tend_checkin_set(&ck, 0, 10);
    tend_checkin_set(&ck, 1, 9);        /* clamped to the 0-4 scale */
    tend_checkin_set(&ck, 2, 0);        /* "no" */
    tend_checkin_toggle(&ck, 3, 0);
    assert_int_equal(tend_checkin_set_typed(&ck, 3, "a loud street"), TEND_OK); /* chooses other */
    assert_int_equal(tend_checkin_set_typed(&ck, 4, "Grüße, ✓"), TEND_OK);
    assert_int_equal(tend_checkin_answered(&ck), 5);
    assert_int_equal(ck.a[1].value, 4);

    tend_head h = TEND_HEAD_INIT;
    assert_int_equal(tend_checkin_to_head(&ck, &h), TEND_OK);
    char got[1024];
    S_fields(&h, got, sizeof got);
    assert_string_equal(got, "_def=mini;_ver=3;level=10;worry=4;slept=no;helped=walk;"
                             "helped=other;helped.other=a loud street;note=Grüße, ✓;");

    /* through the record encoding and back */
    tend_buf enc = TEND_BUF_INIT;
    h.kind = TEND_KIND_CHECKIN;
    h.created = 1767254400;
    assert_int_equal(tend_head_encode(&h, &enc, NULL), TEND_OK);
    tend_head back = TEND_HEAD_INIT;
    assert_int_equal(tend_head_decode((const unsigned char *)enc.data, enc.len, &back, NULL), TEND_OK);
    tend_checkin r;
    assert_int_equal(tend_checkin_from_head(&r, f->d, &back), TEND_OK);
    assert_int_equal(r.nkept, 0);
    for (size_t i = 0; i < f->d->nitems; i++) {
        assert_int_equal(r.a[i].answered, ck.a[i].answered);
        assert_int_equal(r.a[i].value, ck.a[i].value);
    }
    assert_true(r.a[3].chosen[0] && r.a[3].chosen[1]);
    assert_string_equal(r.a[3].typed, "a loud street");
    assert_string_equal(r.a[4].typed, "Grüße, ✓");
    tend_head again = TEND_HEAD_INIT;
    assert_int_equal(tend_checkin_to_head(&r, &again), TEND_OK);
    char got2[1024];
    S_fields(&again, got2, sizeof got2);
    assert_string_equal(got2, got);

    /* skipping forgets; un-choosing the typed option forgets its words */
    tend_checkin_toggle(&r, 3, 1);
    assert_null(r.a[3].typed);
    assert_true(r.a[3].answered); /* walk is still chosen */
    tend_checkin_toggle(&r, 3, 0);
    assert_false(r.a[3].answered);
    tend_checkin_skip(&r, 0);
    assert_false(r.a[0].answered);
    tend_checkin_set_typed(&r, 4, "");
    assert_false(r.a[4].answered);

    tend_head_clear(&h);
    tend_head_clear(&back);
    tend_head_clear(&again);
    tend_buf_free(&enc);
    tend_checkin_clear(&ck);
    tend_checkin_clear(&r);
}

static void test_answers_all_skipped(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    assert_int_equal(tend_checkin_init(&ck, f->d), TEND_OK);
    tend_head h = TEND_HEAD_INIT;
    assert_int_equal(tend_checkin_to_head(&ck, &h), TEND_OK);
    char got[256];
    S_fields(&h, got, sizeof got);
    assert_string_equal(got, "_def=mini;_ver=3;");
    tend_checkin r;
    assert_int_equal(tend_checkin_from_head(&r, f->d, &h), TEND_OK);
    assert_int_equal(tend_checkin_answered(&r), 0);
    assert_false(tend_checkin_safety(&r));
    tend_head_clear(&h);
    tend_checkin_clear(&ck);
    tend_checkin_clear(&r);
}

/* Answers stored under version 3 read with an edited definition: an item
 * gone, a scale narrowed, an option removed, a new item added; ids keep
 * their meaning, what no longer fits is kept aside and written back. */
static void test_answers_after_definition_changed(void **state)
{
    (void)state;
    tend_head h = TEND_HEAD_INIT;
    const char *kv[][2] = { { "_def", "mini" }, { "_ver", "3" }, { "level", "7" },
                            { "worry", "2" }, { "slept", "yes" }, { "helped", "walk" },
                            { "helped", "swim" }, { "gone", "4" }, { "note", "hello" } };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        assert_int_equal(tend_head_add_field(&h, kv[i][0], kv[i][1]), TEND_OK);

    static const char edited[] =
        "---\nid: mini\ntitle: A small check-in\nversion: 4\nwindow: today\n---\n"
        "## Now\n\n"
        "- `fresh` [yes/no] A new question first\n"
        "- `level` [0-4] Narrowed to 0-4\n"
        "- `helped` [choose] What helped?\n"
        "  - `walk` A walk\n"
        "- `worry` [0-4, safety] A hard thought\n";
    tend_content *c = NULL;
    assert_string_equal(S_load(&c, "checkins/mini.md", edited, (const char *)NULL), "");
    const tend_checkin_def *d = tend_content_checkin_find(c, "mini");
    tend_checkin ck;
    assert_int_equal(tend_checkin_from_head(&ck, d, &h), TEND_OK);
    const tend_checkin_item *it = tend_checkin_item_find(d, "worry");
    assert_true(ck.a[it - d->items].answered);
    assert_int_equal(ck.a[it - d->items].value, 2);
    assert_false(ck.a[0].answered);                               /* fresh: never asked */
    assert_false(ck.a[tend_checkin_item_find(d, "level") - d->items].answered); /* 7 > 4 */
    assert_true(ck.a[tend_checkin_item_find(d, "helped") - d->items].chosen[0]);
    assert_true(tend_checkin_safety(&ck));
    /* kept aside, unchanged: level=7, slept, swim, gone, note */
    char kept[512] = "";
    for (size_t i = 0; i < ck.nkept; i++) {
        size_t used = strlen(kept);
        snprintf(kept + used, sizeof kept - used, "%s=%s;", ck.kept[i].key, ck.kept[i].value);
    }
    assert_string_equal(kept, "level=7;slept=yes;helped=swim;gone=4;note=hello;");
    tend_head out = TEND_HEAD_INIT;
    assert_int_equal(tend_checkin_to_head(&ck, &out), TEND_OK);
    char got[512];
    S_fields(&out, got, sizeof got);
    assert_string_equal(got, "_def=mini;_ver=4;helped=walk;worry=2;"
                             "level=7;slept=yes;helped=swim;gone=4;note=hello;");
    tend_head_clear(&out);
    tend_checkin_clear(&ck);

    /* another definition's check-in is not read as this one */
    tend_head other = TEND_HEAD_INIT;
    assert_int_equal(tend_head_add_field(&other, "_def", "evening"), TEND_OK);
    assert_int_equal(tend_head_add_field(&other, "worry", "3"), TEND_OK);
    assert_int_equal(tend_checkin_from_head(&ck, d, &other), TEND_EINVAL);
    assert_int_equal(tend_checkin_answered(&ck), 0);
    tend_checkin_clear(&ck);
    tend_head_clear(&other);
    tend_head_clear(&h);
    tend_content_free(c);
}

static void test_bad_values_are_kept(void **state)
{
    S_fix *f = *state;
    tend_head h = TEND_HEAD_INIT;
    const char *kv[][2] = { { "level", "07" }, { "level", "-1" }, { "level", "" },
                            { "slept", "maybe" }, { "helped.walk", "not typed" },
                            { "level", "3" }, { "level", "4" } };
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        assert_int_equal(tend_head_add_field(&h, kv[i][0], kv[i][1]), TEND_OK);
    tend_checkin ck;
    assert_int_equal(tend_checkin_from_head(&ck, f->d, &h), TEND_OK);
    assert_true(ck.a[0].answered);
    assert_int_equal(ck.a[0].value, 3); /* the first that fits; the second is kept */
    assert_false(ck.a[2].answered);
    assert_int_equal(ck.nkept, 6);
    tend_checkin_clear(&ck);
    tend_head_clear(&h);
}

static void test_safety_rule(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    assert_int_equal(tend_checkin_init(&ck, f->d), TEND_OK);
    assert_false(tend_checkin_safety(&ck));   /* skipped: no */
    tend_checkin_set(&ck, 0, 10);              /* a high score on a non-safety item: no */
    assert_false(tend_checkin_safety(&ck));
    tend_checkin_set(&ck, 1, 0);               /* safety item at zero: no */
    assert_false(tend_checkin_safety(&ck));
    tend_checkin_set(&ck, 1, 1);               /* above zero: yes */
    assert_true(tend_checkin_safety(&ck));
    tend_checkin_skip(&ck, 1);                 /* skipped again: no */
    assert_false(tend_checkin_safety(&ck));
    tend_checkin_clear(&ck);
}

static void test_prompt_answers(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    assert_int_equal(tend_checkin_init(&ck, f->d), TEND_OK);
    tend_checkin_set(&ck, 0, 6);
    tend_checkin_set(&ck, 2, 1);
    tend_checkin_toggle(&ck, 3, 0);
    tend_checkin_set_typed(&ck, 3, "words");
    tend_checkin_set_typed(&ck, 4, "a note");
    tend_prompt_answer a[8];
    size_t n = tend_checkin_prompt_answers(&ck, a, 8);
    assert_int_equal(n, 4);
    assert_string_equal(a[0].item, "level");
    assert_string_equal(a[0].value, "6");
    assert_string_equal(a[1].value, "yes");
    assert_string_equal(a[2].value, "walk");
    assert_string_equal(a[3].value, "other");
    assert_int_equal(tend_checkin_prompt_answers(&ck, a, 2), 2);
    tend_checkin_clear(&ck);
}

/* The answers of the round-trip test, set on ck (a check-in of mini). */
static void S_answer_mini(tend_checkin *ck, const tend_checkin_def *d)
{
    assert_int_equal(tend_checkin_init(ck, d), TEND_OK);
    tend_checkin_set(ck, 0, 10);
    tend_checkin_set(ck, 1, 3);
    tend_checkin_set(ck, 2, 1);
    tend_checkin_toggle(ck, 3, 0);
    assert_int_equal(tend_checkin_set_typed(ck, 3, "a loud street"), TEND_OK);
}

static void test_checkin_record_and_readers(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    S_answer_mini(&ck, f->d);
    tend_record r;
    tend_error e;
    assert_int_equal(tend_checkin_encode(&ck, 1767254400, &r, &e), TEND_OK);
    assert_int_equal(r.head.kind, TEND_KIND_CHECKIN);
    assert_int_equal(r.head.created, 1767254400);
    assert_int_equal(r.head.utc_offset, tend_local_offset(1767254400));
    assert_string_equal(r.head.title, "A small check-in");
    assert_null(r.body);
    char got[512];
    S_fields(&r.head, got, sizeof got);
    assert_string_equal(got, "_def=mini;_ver=3;level=10;worry=3;slept=yes;helped=walk;"
                             "helped=other;helped.other=a loud street;");
    const tend_head *h = &r.head;
    assert_string_equal(tend_checkin_head_def(h), "mini");
    assert_string_equal(tend_checkin_head_answer(h, "level"), "10");
    assert_string_equal(tend_checkin_head_answer(h, "helped"), "walk");
    assert_null(tend_checkin_head_answer(h, "note"));      /* skipped */
    assert_null(tend_checkin_head_answer(h, "_def"));      /* the record's own */
    assert_string_equal(tend_checkin_head_typed(h, "helped", "other"), "a loud street");
    assert_null(tend_checkin_head_typed(h, "helped", "walk"));
    assert_null(tend_checkin_head_typed(h, "help", "ed.other"));
    assert_null(tend_checkin_head_typed(h, "helped", "othe"));
    char walked[512] = "";
    size_t pos = 0;
    const char *k, *v;
    while (tend_checkin_head_next(h, &pos, &k, &v)) {
        size_t used = strlen(walked);
        snprintf(walked + used, sizeof walked - used, "%s=%s;", k, v);
    }
    assert_string_equal(walked, "level=10;worry=3;slept=yes;helped=walk;helped=other;"
                                "helped.other=a loud street;");
    assert_false(tend_checkin_head_next(h, &pos, &k, &v)); /* stays at the end */
    tend_head none = TEND_HEAD_INIT;
    pos = 0;
    assert_false(tend_checkin_head_next(&none, &pos, &k, &v));
    assert_null(tend_checkin_head_def(&none));
    tend_record_clear(&r);
    /* created 0: the journal dates it */
    assert_int_equal(tend_checkin_encode(&ck, 0, &r, &e), TEND_OK);
    assert_int_equal(r.head.created, 0);
    tend_record_clear(&r);
    tend_checkin_clear(&ck);
}

static void test_checkin_draft_record(void **state)
{
    S_fix *f = *state;
    tend_checkin ck;
    S_answer_mini(&ck, f->d);
    tend_record r;
    tend_error e;
    assert_int_equal(f->d->nsections, 2);
    assert_int_equal(tend_checkin_draft_encode(&ck, 2, &r, &e), TEND_EINVAL);
    assert_non_null(strstr(e.msg, "'_at'"));
    assert_int_equal(tend_checkin_draft_encode(&ck, 1, &r, &e), TEND_OK);
    assert_int_equal(r.head.kind, TEND_KIND_CHECKIN_DRAFT);
    char got[512];
    S_fields(&r.head, got, sizeof got);
    assert_string_equal(got, "_def=mini;_ver=3;level=10;worry=3;slept=yes;helped=walk;"
                             "helped=other;helped.other=a loud street;_at=1;");
    r.head.created = 1767254400;
    tend_buf enc = TEND_BUF_INIT;
    assert_int_equal(tend_head_encode(&r.head, &enc, NULL), TEND_OK);
    tend_record back = TEND_RECORD_INIT;
    assert_int_equal(tend_head_decode((const unsigned char *)enc.data, enc.len, &back.head, NULL),
                     TEND_OK);
    tend_buf_free(&enc);
    tend_checkin_draft d;
    assert_int_equal(tend_checkin_draft_decode(&back, f->c, &d, &e), TEND_OK);
    assert_ptr_equal(d.ck.def, f->d);
    assert_int_equal(d.section, 1);
    for (size_t i = 0; i < f->d->nitems; i++) {
        assert_int_equal(d.ck.a[i].answered, ck.a[i].answered);
        assert_int_equal(d.ck.a[i].value, ck.a[i].value);
    }
    assert_string_equal(d.ck.a[3].typed, "a loud street");
    assert_int_equal(d.ck.nkept, 0); /* _at is the draft's, not an answer */
    tend_checkin_draft_clear(&d);
    assert_null(d.ck.a);

    /* _at missing, malformed or out of range: the first section */
    static const char *const ats[] = { NULL, "2", "7", "x", "", "-1", "1 ", "99999999999" };
    for (size_t i = 0; i < sizeof ats / sizeof ats[0]; i++) {
        assert_int_equal(tend_head_set_field(&back.head, "_at", ats[i]), TEND_OK);
        assert_int_equal(tend_checkin_draft_decode(&back, f->c, &d, &e), TEND_OK);
        assert_int_equal(d.section, 0);
        assert_true(d.ck.a[0].answered);
        tend_checkin_draft_clear(&d);
    }
    /* a definition that is not loaded, no content, another kind: refused */
    assert_int_equal(tend_checkin_draft_decode(&back, NULL, &d, &e), TEND_ENOTFOUND);
    assert_null(d.ck.a);
    assert_int_equal(tend_head_set_field(&back.head, "_def", "evening"), TEND_OK);
    assert_int_equal(tend_checkin_draft_decode(&back, f->c, &d, &e), TEND_ENOTFOUND);
    assert_non_null(strstr(e.msg, "not loaded"));
    back.head.kind = TEND_KIND_CHECKIN;
    assert_int_equal(tend_checkin_draft_decode(&back, f->c, &d, &e), TEND_EINVAL);
    tend_record_clear(&back);
    tend_record_clear(&r);
    tend_checkin_clear(&ck);
}

static void test_checkin_journal(void **state)
{
    S_fix *f = *state;
    tend_error e;
    tend_checkin ck;
    S_answer_mini(&ck, f->d);
    tend_checkin_draft d;
    assert_int_equal(tend_checkin_draft_load(f->j, f->c, &d, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_checkin_draft_store(f->j, &ck, 1, &e), TEND_OK);
    tend_checkin_set(&ck, 0, 4);
    assert_int_equal(tend_checkin_draft_store(f->j, &ck, 0, &e), TEND_OK); /* replaces it */
    assert_int_equal(tend_checkin_draft_load(f->j, f->c, &d, &e), TEND_OK);
    assert_int_equal(d.section, 0);
    assert_int_equal(d.ck.a[0].value, 4);
    tend_checkin_draft_clear(&d);
    assert_int_equal(tend_checkin_draft_store(f->j, &ck, 5, &e), TEND_EINVAL);

    assert_int_equal(tend_checkin_add(f->j, &ck, 1767254400, &e), TEND_OK);
    assert_int_equal(tend_checkin_draft_discard(f->j, &e), TEND_OK);
    assert_int_equal(tend_checkin_draft_load(f->j, f->c, &d, &e), TEND_ENOTFOUND);
    assert_int_equal(tend_checkin_draft_discard(f->j, &e), TEND_OK);

    tend_head_list l = TEND_HEAD_LIST_INIT;
    assert_int_equal(tend_journal_heads(f->j, NULL, &l, &e), TEND_OK);
    assert_int_equal(l.n, 1); /* the check-in, and no draft left */
    assert_int_equal(l.heads[0].kind, TEND_KIND_CHECKIN);
    assert_int_equal(l.heads[0].created, 1767254400);
    assert_string_equal(tend_checkin_head_answer(&l.heads[0], "level"), "4");
    tend_checkin back;
    assert_int_equal(tend_checkin_from_head(&back, f->d, &l.heads[0]), TEND_OK);
    assert_int_equal(back.a[0].value, 4);
    assert_string_equal(back.a[3].typed, "a loud street");
    tend_checkin_clear(&back);
    tend_head_list_free(&l);
    tend_checkin_clear(&ck);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_definition),
        cmocka_unit_test(test_several_definitions),
        cmocka_unit_test(test_header_mistakes),
        cmocka_unit_test(test_body_mistakes),
        cmocka_unit_test(test_no_sections),
        cmocka_unit_test(test_builtin_daily),
        cmocka_unit_test_setup_teardown(test_answers_round_trip, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_answers_all_skipped, S_setup, S_teardown),
        cmocka_unit_test(test_answers_after_definition_changed),
        cmocka_unit_test_setup_teardown(test_bad_values_are_kept, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_safety_rule, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_prompt_answers, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_checkin_record_and_readers, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_checkin_draft_record, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_checkin_journal, S_setup_journal, S_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
