/*
 * test_content.c — the content loader (src/content): the front-matter
 * parser on valid and hostile input, typed items from a folder, overrides of
 * built-in files, and the built-in library itself (every page complete,
 * every link between pages resolving, sentences short enough to read at a
 * hard moment). Run from the repository root, as tests/unit/run does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <cmark.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tend/content.h"
#include "tend/content_data.h"

/* ---- helpers ---------------------------------------------------------------- */

/* Problems gathered from tend_fm_parse, joined as "LINE: msg\n". */
typedef struct {
    char text[8192];
    int count;
} S_sink;

static void S_collect(void *ctx, int line, const char *msg)
{
    S_sink *s = ctx;
    size_t used = strlen(s->text);
    snprintf(s->text + used, sizeof s->text - used, "%d: %s\n", line, msg);
    s->count++;
}

static tend_status S_fm(const char *data, size_t len, const char *const *allowed,
                        tend_frontmatter *fm, S_sink *sink)
{
    memset(sink, 0, sizeof *sink);
    return tend_fm_parse(data, len, allowed, fm, S_collect, sink);
}

static const char *const S_page_keys[] = { "title", "summary", "section", "order", "note", NULL };

static int S_rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

static char *S_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/tend-content.XXXXXX", base && *base ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    return strdup(d);
}

static void S_rmtree(char *dir)
{
    nftw(dir, S_rm, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static void S_write(const char *dir, const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + 1; *p; p++) { /* mkdir -p of the folders */
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* All problems of a set as "file:line: msg\n" with the folder prefix cut. */
static void S_problems(const tend_content *c, const char *dir, char *out, size_t cap)
{
    out[0] = '\0';
    size_t used = 0, dl = strlen(dir);
    for (size_t i = 0; i < tend_content_problem_count(c); i++) {
        const tend_content_problem *p = tend_content_problem_at(c, i);
        const char *f = dl && strncmp(p->file, dir, dl) == 0 ? p->file + dl + 1 : p->file;
        int n = snprintf(out + used, cap - used, "%s:%d: %s\n", f, p->line, p->msg);
        if (n < 0 || (size_t)n >= cap - used)
            break;
        used += (size_t)n;
    }
}

static tend_content *S_load_dir(const char *dir, bool builtin)
{
    tend_content_opts o = { builtin, dir, true };
    tend_content *c = NULL;
    tend_error err;
    tend_error_clear(&err);
    tend_content_load(&o, &c, &err);
    assert_non_null(c);
    return c;
}

/* ---- front matter -------------------------------------------------------------- */

static void fm_reads_keys_values_and_body(void **state)
{
    (void)state;
    const char *doc = "---\ntitle:   Hello there  \nsummary: one\norder: 3\n---\nBody *here*.\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, strlen(doc), S_page_keys, &fm, &s), TEND_OK);
    assert_int_equal(s.count, 0);
    assert_int_equal(fm.nfields, 3);
    assert_string_equal(tend_fm_get(&fm, "title"), "Hello there");
    assert_int_equal(tend_fm_line(&fm, "order"), 4);
    assert_null(tend_fm_get(&fm, "note"));
    assert_int_equal(fm.body_line, 6);
    assert_int_equal(fm.body_len, strlen("Body *here*.\n"));
    assert_memory_equal(fm.body, "Body *here*.\n", fm.body_len);
    tend_fm_free(&fm);
}

static void fm_accepts_crlf_and_a_byte_order_mark(void **state)
{
    (void)state;
    const char *doc = "\xEF\xBB\xBF---\r\ntitle: Windows\r\norder: 2\r\n---\r\nText.\r\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, strlen(doc), S_page_keys, &fm, &s), TEND_OK);
    assert_string_equal(tend_fm_get(&fm, "title"), "Windows"); /* no stray \r */
    assert_string_equal(tend_fm_get(&fm, "order"), "2");
    assert_int_equal(fm.body_line, 5);
    tend_fm_free(&fm);

    /* CRLF does not hide a bad line, and its line number is right. */
    const char *bad = "---\r\ntitle: x\r\nTitle: y\r\n---\r\n";
    assert_int_equal(S_fm(bad, strlen(bad), S_page_keys, &fm, &s), TEND_EINVAL);
    assert_int_equal(s.count, 1);
    assert_non_null(strstr(s.text, "3: malformed header line 'Title: y'"));
    tend_fm_free(&fm);
}

static void fm_reports_an_empty_file(void **state)
{
    (void)state;
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm("", 0, S_page_keys, &fm, &s), TEND_EINVAL);
    assert_string_equal(s.text, "1: missing header: the file is empty; it must start with a '---' line\n");
    tend_fm_free(&fm);
}

static void fm_reports_only_dashes(void **state)
{
    (void)state;
    const char *cases[] = { "---", "---\n", "---\r\n", "---\ntitle: x\n" };
    for (size_t i = 0; i < 4; i++) {
        tend_frontmatter fm;
        S_sink s;
        assert_int_equal(S_fm(cases[i], strlen(cases[i]), S_page_keys, &fm, &s), TEND_EINVAL);
        assert_non_null(strstr(s.text, "1: unterminated header"));
        tend_fm_free(&fm);
    }
}

static void fm_reports_a_missing_header(void **state)
{
    (void)state;
    const char *doc = "title: x\n---\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, strlen(doc), S_page_keys, &fm, &s), TEND_EINVAL);
    assert_non_null(strstr(s.text, "1: missing header: the first line must be '---'"));
    tend_fm_free(&fm);
    doc = "--- \ntitle: x\n---\n"; /* a trailing space is not the fence */
    assert_int_equal(S_fm(doc, strlen(doc), S_page_keys, &fm, &s), TEND_EINVAL);
    assert_non_null(strstr(s.text, "missing header"));
    tend_fm_free(&fm);
}

static void fm_reports_every_bad_line_not_just_the_first(void **state)
{
    (void)state;
    const char *doc = "---\ntittle: x\ntitle: a\ntitle: b\nno colon here\nkey:value\n: v\n---\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, strlen(doc), S_page_keys, &fm, &s), TEND_EINVAL);
    assert_string_equal(s.text,
        "2: unknown key 'tittle' (expected one of title, summary, section, order, note)\n"
        "4: duplicate key 'title' (first on line 3)\n"
        "5: malformed header line 'no colon here' (expected 'key: value' with a lower-case key)\n"
        "6: malformed header line 'key:value' (expected 'key: value' with a lower-case key)\n"
        "7: malformed header line ': v' (expected 'key: value' with a lower-case key)\n");
    tend_fm_free(&fm);
}

static void fm_without_a_key_list_accepts_any_key(void **state)
{
    (void)state;
    const char *doc = "---\nid: daily\nversion: 2\n---\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, strlen(doc), NULL, &fm, &s), TEND_OK);
    assert_string_equal(tend_fm_get(&fm, "version"), "2");
    assert_int_equal(fm.body_len, 0);
    tend_fm_free(&fm);
}

static void fm_reports_very_long_lines(void **state)
{
    (void)state;
    size_t n = 200000;
    char *doc = malloc(n + 64);
    assert_non_null(doc);
    strcpy(doc, "---\ntitle: ");
    size_t len = strlen(doc);
    memset(doc + len, 'a', n);
    len += n;
    memcpy(doc + len, "\n---\nbody\n", 10);
    len += 10;
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, len, S_page_keys, &fm, &s), TEND_EINVAL);
    assert_non_null(strstr(s.text, "2: header line is too long (200007 bytes; at most 1000)"));
    tend_fm_free(&fm);
    /* A long body line is fine: that is Markdown's business. */
    memcpy(doc, "---\n---\n", 8);
    memset(doc + 8, 'b', n);
    assert_int_equal(S_fm(doc, 8 + n, S_page_keys, &fm, &s), TEND_OK);
    assert_int_equal(fm.body_len, n);
    tend_fm_free(&fm);
    free(doc);
}

static void fm_reports_nul_bytes(void **state)
{
    (void)state;
    const char doc[] = "---\ntitle: a\n---\nline four\nfi\0ve\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(doc, sizeof doc - 1, S_page_keys, &fm, &s), TEND_EINVAL);
    assert_string_equal(s.text, "5: the file holds a NUL byte; save it as plain UTF-8 text\n");
    tend_fm_free(&fm);
    const char nul_only[] = "\0\0\0";
    assert_int_equal(S_fm(nul_only, 3, S_page_keys, &fm, &s), TEND_EINVAL);
    assert_int_equal(s.count, 1);
    tend_fm_free(&fm);
}

static void fm_reports_invalid_utf8(void **state)
{
    (void)state;
    const char *cases[] = {
        "---\ntitle: caf\xE9\n---\n",          /* Latin-1 */
        "---\ntitle: \xC0\xAF\n---\n",         /* overlong */
        "---\ntitle: \xED\xA0\x80\n---\n",     /* surrogate */
        "---\ntitle: \xF0\x9F\x98\n---\n",     /* cut short */
    };
    for (size_t i = 0; i < 4; i++) {
        tend_frontmatter fm;
        S_sink s;
        assert_int_equal(S_fm(cases[i], strlen(cases[i]), S_page_keys, &fm, &s), TEND_EINVAL);
        assert_int_equal(s.count, 1);
        assert_non_null(strstr(s.text, "2: invalid UTF-8"));
        tend_fm_free(&fm);
    }
    /* Valid multi-byte text is kept as it is. */
    const char *ok = "---\ntitle: Ça va 🌱\n---\n";
    tend_frontmatter fm;
    S_sink s;
    assert_int_equal(S_fm(ok, strlen(ok), S_page_keys, &fm, &s), TEND_OK);
    assert_string_equal(tend_fm_get(&fm, "title"), "Ça va 🌱");
    tend_fm_free(&fm);
}

/* Every prefix of a valid file, and every single-byte corruption of it,
 * parses without a crash (ASan watches) and either passes or says why. */
static void fm_survives_truncation_and_corruption(void **state)
{
    (void)state;
    const char *doc = "---\ntitle: Ça\r\nsummary: s\norder: 1\n---\n# x\n";
    size_t len = strlen(doc);
    for (size_t cut = 0; cut <= len; cut++) {
        char *copy = malloc(cut ? cut : 1);
        assert_non_null(copy);
        memcpy(copy, doc, cut);
        tend_frontmatter fm;
        S_sink s;
        tend_status st = S_fm(copy, cut, S_page_keys, &fm, &s);
        assert_true(st == TEND_OK || s.count > 0);
        tend_fm_free(&fm);
        free(copy);
    }
    static const unsigned char evil[] = { 0x00, 0x0a, 0x0d, 0x2d, 0x3a, 0x80, 0xff };
    for (size_t at = 0; at < len; at++) {
        for (size_t e = 0; e < sizeof evil; e++) {
            char *copy = malloc(len);
            assert_non_null(copy);
            memcpy(copy, doc, len);
            copy[at] = (char)evil[e];
            tend_frontmatter fm;
            S_sink s;
            tend_status st = S_fm(copy, len, S_page_keys, &fm, &s);
            assert_true(st == TEND_OK || s.count > 0);
            tend_fm_free(&fm);
            free(copy);
        }
    }
}

/* ---- a folder of content ------------------------------------------------------------ */

static const char S_page_a[] =
    "---\n"
    "title: Page A\n"
    "summary: The first page.\n"
    "section: Understanding\n"
    "order: 2\n"
    "note: mentions of neglect\n"
    "---\n"
    "Some text with a [link](b.md#part) and [out](https://example.org/x).\n"
    "\n"
    "## References\n"
    "\n"
    "- Someone (2020). A title. *Journal*, 1(2), 3-4.\n";

static const char S_page_b[] =
    "---\n"
    "title: Page B\n"
    "summary: The second page.\n"
    "section: Start here\n"
    "order: 9\n"
    "---\n"
    "Back to [a](./a.md).\n"
    "\n"
    "## References\n"
    "\n"
    "- Someone (2021). Another.\n";

static const char S_tool_steps[] =
    "---\n"
    "title: Five senses\n"
    "summary: Notice what is around you.\n"
    "kind: steps\n"
    "order: 1\n"
    "---\n"
    "Take your time.\n"
    "\n"
    "1. Name **five** things\n"
    "   you can see.\n"
    "2. Name four things you can touch.\n"
    "\n"
    "You did it.\n";

static const char S_tool_breath[] =
    "---\n"
    "title: Box\n"
    "summary: Even breaths.\n"
    "kind: breathing\n"
    "order: 0\n"
    "inhale: 4\n"
    "hold_in: 4\n"
    "exhale: 4\n"
    "hold_out: 4\n"
    "duration: 120\n"
    "holds_optional: yes\n"
    "---\n"
    "Breathe along with the box.\n";

static const char S_region_us[] =
    "---\n"
    "region: us\n"
    "name: United States\n"
    "emergency: 911, if you are in danger now\n"
    "verified: 2026-11\n"
    "order: 1\n"
    "---\n"
    "- **Emergency: 911**: police, fire and ambulance.\n"
    "- **988**: call or text 988. A crisis line, open all hours.\n"
    "- **Other**: a referral line.\n"
    "\n"
    "Some calm words.\n"
    "\n"
    "## References\n"
    "\n"
    "- A service (2026). Its page. https://example.org/\n";

static const char S_theme_trust[] =
    "---\n"
    "theme: trust\n"
    "title: Trust\n"
    "matches: trust_someone, triggers.rejected ,  ignored\n"
    "---\n"
    "- Who did you *trust* today?\n"
    "- What helps you trust?\n";

static void a_folder_loads_into_typed_items(void **state)
{
    (void)state;
    char *dir = S_tmpdir();
    S_write(dir, "pages/a.md", S_page_a);
    S_write(dir, "pages/b.md", S_page_b);
    S_write(dir, "tools/five-senses.md", S_tool_steps);
    S_write(dir, "tools/box.md", S_tool_breath);
    S_write(dir, "support/us.md", S_region_us);
    S_write(dir, "prompts/trust.md", S_theme_trust);
    S_write(dir, "checkins/daily.md", "---\nid: daily\ntitle: Daily\nversion: 1\nwindow: today\n"
                                      "---\n## Now\n\n- `distress` [0-10] How strong?\n");
    S_write(dir, "pages/notes.txt", "ignored: not .md");
    S_write(dir, "pages/.hidden.md", "ignored: hidden");

    tend_content *c = S_load_dir(dir, false);
    char probs[4096];
    S_problems(c, dir, probs, sizeof probs);
    assert_string_equal(probs, "");

    /* pages: sorted by section, then order */
    assert_int_equal(tend_content_page_count(c), 2);
    const tend_page *p0 = tend_content_page(c, 0), *p1 = tend_content_page(c, 1);
    assert_string_equal(p0->name, "b.md");
    assert_int_equal(p0->section, TEND_SECTION_START);
    assert_null(p0->note);
    assert_string_equal(p1->title, "Page A");
    assert_string_equal(p1->summary, "The first page.");
    assert_string_equal(p1->note, "mentions of neglect");
    assert_int_equal(p1->section, TEND_SECTION_UNDERSTANDING);
    assert_int_equal(p1->order, 2);
    assert_int_equal(p1->src.body_line, 8);
    assert_string_equal(p1->src.path, "pages/a.md");
    assert_false(p1->src.builtin);
    assert_true(strncmp(p1->body, "Some text", 9) == 0);
    assert_ptr_equal(tend_content_page_find(c, "a"), p1);
    assert_ptr_equal(tend_content_page_find(c, "a.md"), p1);
    assert_null(tend_content_page_find(c, "a.m"));
    assert_ptr_equal(tend_content_page_by_link(c, p1, "b.md#part"), p0);
    assert_ptr_equal(tend_content_page_by_link(c, p0, "./a.md"), p1);
    assert_null(tend_content_page_by_link(c, p0, "https://example.org/a.md"));
    assert_null(tend_content_page_by_link(c, p0, "missing.md"));
    assert_string_equal(tend_section_name(TEND_SECTION_SHOWS_UP), "How it shows up");
    assert_null(tend_section_name(TEND_SECTION_COUNT));

    /* tools: sorted by order */
    assert_int_equal(tend_content_tool_count(c), 2);
    const tend_tool *box = tend_content_tool(c, 0), *five = tend_content_tool(c, 1);
    assert_int_equal(box->kind, TEND_TOOL_BREATHING);
    assert_int_equal(box->inhale + box->hold_in + box->exhale + box->hold_out, 16);
    assert_int_equal(box->duration, 120);
    assert_true(box->holds_optional);
    assert_int_equal(box->nsteps, 0);
    assert_string_equal(box->intro, "Breathe along with the box.");
    assert_string_equal(box->closing, "");
    assert_int_equal(five->kind, TEND_TOOL_STEPS);
    assert_int_equal(five->nsteps, 2);
    assert_string_equal(five->steps[0].text, "Name five things you can see.");
    assert_string_equal(five->steps[0].markdown, "Name **five** things\nyou can see.");
    assert_int_equal(five->steps[0].line, 9);
    assert_string_equal(five->steps[1].text, "Name four things you can touch.");
    assert_string_equal(five->intro, "Take your time.");
    assert_string_equal(five->closing, "You did it.");
    assert_ptr_equal(tend_content_tool_find(c, "five-senses"), five);

    /* support */
    assert_int_equal(tend_content_region_count(c), 1);
    const tend_region *us = tend_content_region_find(c, "us");
    assert_non_null(us);
    assert_string_equal(us->name, "United States");
    assert_string_equal(us->verified, "2026-11");
    assert_int_equal(us->verified_year, 2026);
    assert_int_equal(us->verified_month, 11);
    assert_string_equal(us->emergency, "911, if you are in danger now");
    assert_string_equal(us->emergency_number, "911");
    assert_null(us->replaces);
    assert_int_equal(us->nchoices, 0);
    assert_int_equal(us->nservices, 3);
    assert_string_equal(us->services[0].text, "Emergency: 911: police, fire and ambulance.");
    assert_string_equal(us->services[1].text, "988: call or text 988. A crisis line, open all hours.");
    assert_int_equal(us->services[2].line, 10);
    /* The References section is kept apart from what the person sees. */
    assert_int_equal(us->nreferences, 1);
    assert_string_equal(us->references[0].text, "A service (2026). Its page. https://example.org/");
    assert_null(strstr(us->body, "References"));
    assert_non_null(strstr(us->body, "Some calm words."));
    assert_int_equal(us->body_len, strlen(us->body));

    /* prompts */
    const tend_prompt_theme *t = tend_content_theme_find(c, "trust");
    assert_non_null(t);
    assert_string_equal(t->title, "Trust");
    assert_int_equal(t->nmatches, 3);
    assert_string_equal(t->matches[0], "trust_someone");
    assert_string_equal(t->matches[1], "triggers.rejected");
    assert_string_equal(t->matches[2], "ignored");
    assert_int_equal(t->nprompts, 2);
    assert_string_equal(t->prompts[0].text, "Who did you trust today?");
    assert_string_equal(t->prompts[0].markdown, "Who did you *trust* today?");

    /* raw files: all seven, the check-in kept as it is */
    assert_int_equal(tend_content_file_count(c), 7);
    const tend_content_file *ck = tend_content_file_find(c, "checkins/daily.md");
    assert_non_null(ck);
    assert_non_null(strstr(ck->data, "`distress` [0-10]"));
    assert_int_equal(tend_content_checkin_count(c), 1);
    assert_int_equal(tend_content_checkin_find(c, "daily")->nitems, 1);

    tend_content_free(c);
    S_rmtree(dir);
}

static void a_folder_overrides_and_adds_to_the_built_in_files(void **state)
{
    (void)state;
    if (tend_embedded_count == 0)
        skip();
    const char *victim = NULL;
    for (size_t i = 0; i < tend_embedded_count && !victim; i++)
        if (strncmp(tend_embedded_files[i].path, "pages/", 6) == 0)
            victim = tend_embedded_files[i].path;
    if (!victim)
        skip();
    char *dir = S_tmpdir();
    char over[2048];
    snprintf(over, sizeof over,
             "---\ntitle: My own version\nsummary: s.\nsection: Healing\norder: 1\n---\n"
             "Mine.\n\n## References\n\n- Me (2026). Notes.\n");
    S_write(dir, victim, over);
    S_write(dir, "pages/zz-extra-page.md", over);

    tend_content *base = S_load_dir(NULL, true);
    tend_content *c = S_load_dir(dir, true);
    const tend_page *p = tend_content_page_find(c, strchr(victim, '/') + 1);
    assert_non_null(p);
    assert_string_equal(p->title, "My own version");
    assert_false(p->src.builtin);
    assert_non_null(tend_content_page_find(c, "zz-extra-page"));
    assert_int_equal(tend_content_file_count(c), tend_content_file_count(base) + 1);
    tend_content_free(base);
    tend_content_free(c);

    /* The default loader reads $XDG_DATA_HOME/tend/content when it exists. */
    char xdg[1024], user[1100];
    snprintf(xdg, sizeof xdg, "%s/xdg", dir);
    snprintf(user, sizeof user, "%s/tend/content", xdg);
    char *old = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
    setenv("XDG_DATA_HOME", xdg, 1);
    char *ud = tend_content_user_dir();
    assert_string_equal(ud, user);
    free(ud);
    S_write(user, "pages/zz-from-xdg.md", over);
    tend_error err;
    assert_int_equal(tend_content_load_default(NULL, &c, &err) == TEND_ENOMEM, 0);
    assert_non_null(tend_content_page_find(c, "zz-from-xdg"));
    tend_content_free(c);
    /* --content DIR wins over the XDG folder, and must exist. */
    assert_int_equal(tend_content_load_default(dir, &c, &err) == TEND_ENOMEM, 0);
    assert_null(tend_content_page_find(c, "zz-from-xdg"));
    assert_non_null(tend_content_page_find(c, "zz-extra-page"));
    tend_content_free(c);
    char missing[1100];
    snprintf(missing, sizeof missing, "%s/nope", dir);
    assert_int_equal(tend_content_load_default(missing, &c, &err), TEND_EINVAL);
    assert_non_null(strstr(err.msg, "cannot open the folder"));
    tend_content_free(c);
    if (old) {
        setenv("XDG_DATA_HOME", old, 1);
        free(old);
    } else {
        unsetenv("XDG_DATA_HOME");
    }
    S_rmtree(dir);
}

static void broken_files_are_left_out_and_every_problem_is_listed(void **state)
{
    (void)state;
    char *dir = S_tmpdir();
    S_write(dir, "pages/a.md", S_page_a);
    S_write(dir, "pages/broken.md", "---\ntitle: x\ntitle: y\nsection: Nope\n---\nNo refs.\n");
    S_write(dir, "pages/Bad_Name.md", S_page_b);
    S_write(dir, "tools/t.md", "---\ntitle: t\nsummary: s\nkind: steps\norder: x\ninhale: 4\n---\n- not ordered\n");
    tend_content *c = S_load_dir(dir, false);
    char probs[4096];
    S_problems(c, dir, probs, sizeof probs);
    assert_string_equal(probs,
        "pages/Bad_Name.md:0: file name 'Bad_Name.md' should be lower-case words joined by "
        "hyphens, e.g. 'box-breathing.md'\n"
        "pages/a.md:8: link to 'b.md#part', which is not a page (no file pages/b.md)\n"
        "pages/broken.md:1: missing required key 'summary'\n"
        "pages/broken.md:1: missing required key 'order'\n"
        "pages/broken.md:3: duplicate key 'title' (first on line 2)\n"
        "pages/broken.md:4: unknown section 'Nope' (expected one of Start here, Understanding, "
        "How it shows up, Healing, Getting help)\n"
        "pages/broken.md:6: no '## References' section: every page ends with its references\n"
        "tools/t.md:5: bad number 'x' for 'order' (expected a whole number, e.g. 3)\n"
        "tools/t.md:6: 'inhale' is only for breathing tools (this one is kind: steps)\n"
        "tools/t.md:8: a steps tool needs an ordered list (1. 2. 3.) holding its steps\n");
    assert_int_equal(tend_content_page_count(c), 1); /* only a.md survives */
    assert_int_equal(tend_content_tool_count(c), 0);
    assert_int_equal(tend_content_file_count(c), 4);
    tend_content_free(c);
    S_rmtree(dir);
}

static void a_missing_or_empty_folder_is_a_problem_not_a_crash(void **state)
{
    (void)state;
    tend_content_opts o = { false, "/nonexistent/tend-content", true };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load(&o, &c, &err), TEND_EINVAL);
    assert_non_null(c);
    assert_int_equal(tend_content_problem_count(c), 1);
    assert_string_equal(tend_content_problem_at(c, 0)->msg,
                        "cannot open the folder: No such file or directory");
    assert_non_null(strstr(err.msg, "tend content-check"));
    tend_content_free(c);

    o.dir_required = false; /* the XDG default may well not exist */
    assert_int_equal(tend_content_load(&o, &c, &err), TEND_OK);
    assert_int_equal(tend_content_problem_count(c), 0);
    tend_content_free(c);

    char *dir = S_tmpdir();
    o.dir = dir;
    o.dir_required = true;
    assert_int_equal(tend_content_load(&o, &c, &err), TEND_EINVAL);
    assert_non_null(strstr(tend_content_problem_at(c, 0)->msg, "no content here"));
    tend_content_free(c);
    S_rmtree(dir);
}

static void in_memory_files_load_like_a_folder(void **state)
{
    (void)state;
    /* Data without a NUL at the end: the loader copies it. */
    char *page = malloc(sizeof S_page_b - 1);
    assert_non_null(page);
    memcpy(page, S_page_b, sizeof S_page_b - 1);
    tend_embedded_file files[] = {
        { "pages/b.md", page, sizeof S_page_b - 1 },
        { "pages/a.md", S_page_a, sizeof S_page_a - 1 },
        { "elsewhere/x.md", "---\n---\n", 8 },
    };
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load_files(files, 3, &c, &err), TEND_EINVAL);
    char probs[2048];
    S_problems(c, "", probs, sizeof probs);
    assert_string_equal(probs,
        "elsewhere/x.md:0: not in a content folder (expected pages/, tools/, support/, prompts/ "
        "or checkins/)\n");
    assert_int_equal(tend_content_page_count(c), 2);
    const tend_page *b = tend_content_page_find(c, "b");
    assert_non_null(b);
    assert_string_equal(b->src.origin, "pages/b.md");
    assert_false(b->src.builtin);
    assert_int_equal(strlen(tend_content_file_find(c, "pages/b.md")->data), sizeof S_page_b - 1);
    tend_content_free(c);
    free(page);
}

static void matches_take_item_dot_option_ids(void **state)
{
    (void)state;
    tend_embedded_file good[] = {
        { "prompts/trust.md",
          "---\ntheme: trust\ntitle: Trust\nmatches: felt_safe, triggers.rejected\n---\n- A?\n",
          0 },
    };
    good[0].len = strlen(good[0].data);
    tend_content *c = NULL;
    tend_error err;
    assert_int_equal(tend_content_load_files(good, 1, &c, &err), TEND_OK);
    const tend_prompt_theme *t = tend_content_theme_find(c, "trust");
    assert_non_null(t);
    assert_int_equal(t->nmatches, 2);
    assert_string_equal(t->matches[1], "triggers.rejected");
    tend_content_free(c);

    /* A dot must sit between two ids. */
    tend_embedded_file bad[] = {
        { "prompts/trust.md",
          "---\ntheme: trust\ntitle: Trust\nmatches: .a, b., c..d, e._f\n---\n- A?\n", 0 },
    };
    bad[0].len = strlen(bad[0].data);
    assert_int_equal(tend_content_load_files(bad, 1, &c, &err), TEND_EINVAL);
    char probs[2048];
    S_problems(c, "", probs, sizeof probs);
    assert_string_equal(probs,
        "prompts/trust.md:4: bad entry '.a' in 'matches' (ids separated by commas, e.g. distress, triggers.conflict)\n"
        "prompts/trust.md:4: bad entry 'b.' in 'matches' (ids separated by commas, e.g. distress, triggers.conflict)\n"
        "prompts/trust.md:4: bad entry 'c..d' in 'matches' (ids separated by commas, e.g. distress, triggers.conflict)\n"
        "prompts/trust.md:4: bad entry 'e._f' in 'matches' (ids separated by commas, e.g. distress, triggers.conflict)\n");
    assert_null(tend_content_theme_find(c, "trust"));
    tend_content_free(c);
}

/* ---- support regions and tools, from memory ------------------------------------------ */

/* Loads n in-memory files (files[i][0] the path, files[i][1] the text) and
 * writes their problems to probs as "file:line: msg\n". */
static tend_content *S_load_texts(size_t n, const char *const files[][2], char *probs,
                                  size_t cap)
{
    tend_embedded_file *ef = calloc(n ? n : 1, sizeof *ef);
    assert_non_null(ef);
    for (size_t i = 0; i < n; i++)
        ef[i] = (tend_embedded_file){ files[i][0], files[i][1], strlen(files[i][1]) };
    tend_content *c = NULL;
    tend_error err;
    tend_error_clear(&err);
    tend_content_load_files(ef, n, &c, &err);
    free(ef);
    assert_non_null(c);
    S_problems(c, "", probs, cap);
    return c;
}

/* A region file: id, name, emergency value (NULL to leave the key out),
 * replaces (NULL for none), and the first bullet's text. */
static char *S_region_text(const char *id, const char *name, const char *emergency,
                           const char *replaces, const char *first)
{
    char *t = malloc(2048);
    assert_non_null(t);
    snprintf(t, 2048,
             "---\nregion: %s\nname: %s\n%s%s%sverified: 2026-12\norder: 1\n%s%s%s---\n"
             "- %s\n- **Line**: call 123, open 24 hours.\n\nCalm words.\n\n"
             "## References\n\n- Its page (2026). https://example.org/%s\n",
             id, name, emergency ? "emergency: " : "", emergency ? emergency : "",
             emergency ? "\n" : "", replaces ? "replaces: " : "", replaces ? replaces : "",
             replaces ? "\n" : "", first, id);
    return t;
}

static void a_region_gives_its_emergency_number_first(void **state)
{
    (void)state;
    static const struct {
        const char *emergency, *number;
    } ok[] = {
        { "999 or 112, if you or someone else is in danger now", "999 or 112" },
        { "9-1-1, if you are in danger now", "9-1-1" },
        { "000 (Triple Zero), if you are in danger", "000" },
        { "112 or call a friend", "112" },
        { "111", "111" },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char first[128];
        snprintf(first, sizeof first, "**Emergency: %.*s**: now.", (int)strcspn(ok[i].number, " "),
                 ok[i].number);
        char *text = S_region_text("xx", "Somewhere", ok[i].emergency, NULL, first);
        const char *const files[][2] = { { "support/xx.md", text } };
        char probs[2048];
        tend_content *c = S_load_texts(1, files, probs, sizeof probs);
        assert_string_equal(probs, "");
        const tend_region *r = tend_content_region_find(c, "xx");
        assert_non_null(r);
        assert_string_equal(r->emergency, ok[i].emergency);
        assert_string_equal(r->emergency_number, ok[i].number);
        tend_content_free(c);
        free(text);
    }

    /* Each mistake, with its line; the region is then left out. */
    static const struct {
        const char *emergency, *first, *want;
    } bad[] = {
        { NULL, "**Emergency: 911**: now.",
          "support/xx.md:1: missing required key 'emergency' (the emergency number first, then a "
          "few words, e.g. 'emergency: 911, if you or someone else is in danger now')\n" },
        { "", "**Emergency: 911**: now.", "support/xx.md:4: empty value for 'emergency'\n" },
        { "call your local number", "**Emergency**: now.",
          "support/xx.md:4: bad emergency 'call your local number': it starts with the emergency "
          "number, then a few words, e.g. '911, if you or someone else is in danger now'\n" },
        { "999 or 112, in danger now", "**Samaritans**: call 116 123.",
          "support/xx.md:8: the first entry must give the emergency number 999 (from "
          "'emergency'), so that it is shown first\n" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *text = S_region_text("xx", "Somewhere", bad[i].emergency, NULL, bad[i].first);
        const char *const files[][2] = { { "support/xx.md", text } };
        char probs[2048];
        tend_content *c = S_load_texts(1, files, probs, sizeof probs);
        assert_string_equal(probs, bad[i].want);
        assert_int_equal(tend_content_region_count(c), 0);
        tend_content_free(c);
        free(text);
    }

    /* The checked date is required too, and says what it is for. */
    const char *const no_date[][2] = {
        { "support/xx.md", "---\nregion: xx\nname: X\nemergency: 911\norder: 1\n---\n"
                           "- **Emergency: 911**: now.\n" },
    };
    char probs[2048];
    tend_content *c = S_load_texts(1, no_date, probs, sizeof probs);
    assert_string_equal(probs, "support/xx.md:1: missing required key 'verified' (the year and "
                               "month the numbers were last checked, YYYY-MM)\n");
    tend_content_free(c);

    /* replaces names an older id: never the region's own, always an id. */
    char *self = S_region_text("xx", "X", "911", "xx", "**Emergency: 911**");
    char *odd = S_region_text("yy", "Y", "911", "Old Id", "**Emergency: 911**");
    const char *const replaces[][2] = { { "support/xx.md", self }, { "support/yy.md", odd } };
    c = S_load_texts(2, replaces, probs, sizeof probs);
    assert_string_equal(probs,
        "support/xx.md:7: region 'xx' cannot replace itself; 'replaces' names an older region id\n"
        "support/yy.md:7: bad region id 'Old Id' in 'replaces' (the id of the region this one "
        "takes over, e.g. uk-ie)\n");
    assert_int_equal(tend_content_region_count(c), 0);
    tend_content_free(c);
    free(self);
    free(odd);
}

static void a_retired_region_id_resolves_to_what_replaced_it(void **state)
{
    (void)state;
    char *a = S_region_text("a", "Alpha", "111, in danger now", "old", "**Emergency: 111**");
    char *b = S_region_text("b", "Beta", "222, in danger now", "old", "**Emergency: 222**");
    char *r = S_region_text("r", "Renamed", "333", "gone", "**Emergency: 333**");
    const char *const files[][2] = {
        { "support/a.md", a }, { "support/b.md", b }, { "support/r.md", r },
    };
    char probs[2048];
    tend_content *c = S_load_texts(3, files, probs, sizeof probs);
    assert_string_equal(probs, "");
    /* Only the real files are listed. */
    assert_int_equal(tend_content_region_count(c), 3);
    for (size_t i = 0; i < tend_content_region_count(c); i++) {
        assert_int_equal(tend_content_region(c, i)->nchoices, 0);
        assert_string_not_equal(tend_content_region(c, i)->region, "old");
    }
    const tend_region *ra = tend_content_region_find(c, "a");
    const tend_region *rb = tend_content_region_find(c, "b");
    assert_string_equal(ra->replaces, "old");

    /* Split in two: a combined region that names its choices. */
    const tend_region *old = tend_content_region_find(c, "old");
    assert_non_null(old);
    assert_string_equal(old->region, "old");
    assert_int_equal(old->nchoices, 2);
    assert_ptr_equal(old->choices[0], ra);
    assert_ptr_equal(old->choices[1], rb);
    assert_string_equal(old->name, "Alpha or Beta");
    assert_string_equal(old->emergency, "Alpha: 111, in danger now; Beta: 222, in danger now");
    assert_string_equal(old->emergency_number, "Alpha: 111; Beta: 222");
    assert_string_equal(old->verified, "2026-12");
    assert_int_equal(old->nservices, ra->nservices + rb->nservices);
    assert_string_equal(old->services[0].text, ra->services[0].text);
    assert_string_equal(old->services[ra->nservices].text, rb->services[0].text);
    assert_int_equal(old->nreferences, 2);
    assert_non_null(strstr(old->body, "one list for Alpha and Beta"));
    assert_non_null(strstr(old->body, "\n## Alpha\n\n- **Emergency: 111**"));
    assert_non_null(strstr(old->body, "\n## Beta\n\n- **Emergency: 222**"));
    assert_null(strstr(old->body, "References"));
    assert_int_equal(old->body_len, strlen(old->body));

    /* Replaced by one: simply that region. */
    assert_ptr_equal(tend_content_region_find(c, "gone"), tend_content_region_find(c, "r"));
    assert_null(tend_content_region_find(c, "nowhere"));
    tend_content_free(c);

    /* A listed region with the old id wins over the files that replace it;
     * choices with one emergency number share it. */
    char *kept = S_region_text("old", "Old", "111", NULL, "**Emergency: 111**");
    char *a2 = S_region_text("a", "Alpha", "111", "old", "**Emergency: 111**");
    char *b2 = S_region_text("b", "Beta", "111", "older", "**Emergency: 111**");
    char *c2 = S_region_text("c", "Gamma", "111", "older", "**Emergency: 111**");
    const char *const files2[][2] = {
        { "support/old.md", kept }, { "support/a.md", a2 }, { "support/b.md", b2 },
        { "support/c.md", c2 },
    };
    c = S_load_texts(4, files2, probs, sizeof probs);
    assert_string_equal(probs, "");
    assert_string_equal(tend_content_region_find(c, "old")->name, "Old");
    assert_int_equal(tend_content_region_find(c, "old")->nchoices, 0);
    const tend_region *older = tend_content_region_find(c, "older");
    assert_int_equal(older->nchoices, 2);
    assert_string_equal(older->emergency, "111");
    assert_string_equal(older->emergency_number, "111");
    assert_string_equal(older->name, "Beta or Gamma");
    tend_content_free(c);
    free(a);
    free(b);
    free(r);
    free(kept);
    free(a2);
    free(b2);
    free(c2);
}

static void a_tool_keeps_its_credit_and_references_apart(void **state)
{
    (void)state;
    const char *const files[][2] = {
        { "tools/steps.md",
          "---\ntitle: S\nsummary: s.\nkind: steps\norder: 1\ncredit: Developed by Someone.\n---\n"
          "Intro.\n\n1. One.\n2. Two.\n\nClosing words.\n\n## References\n\n"
          "- Someone (2001). A Title. https://example.org/a\n- Other (2002). B.\n" },
        { "tools/breath.md",
          "---\ntitle: B\nsummary: b.\nkind: breathing\norder: 2\ninhale: 4\nhold_in: 0\n"
          "exhale: 6\nhold_out: 0\nduration: 60\n---\nBreathe.\n\n## References\n\n- R (2020). T.\n" },
        { "tools/plain.md", "---\ntitle: P\nsummary: p.\nkind: steps\norder: 3\n---\n1. Only.\n" },
        { "tools/refs-only.md",
          "---\ntitle: R\nsummary: r.\nkind: steps\norder: 4\n---\n1. Only.\n## References\n\n"
          "- R (2020). T.\n" },
    };
    char probs[2048];
    tend_content *c = S_load_texts(4, files, probs, sizeof probs);
    assert_string_equal(probs, "");
    const tend_tool *st = tend_content_tool_find(c, "steps");
    assert_string_equal(st->credit, "Developed by Someone.");
    assert_string_equal(st->intro, "Intro.");
    assert_string_equal(st->closing, "Closing words.");
    assert_int_equal(st->nsteps, 2);
    assert_int_equal(st->nreferences, 2);
    assert_string_equal(st->references[1].text, "Other (2002). B.");
    assert_non_null(strstr(st->body, "## References")); /* the whole body is kept */
    const tend_tool *br = tend_content_tool_find(c, "breath");
    assert_null(br->credit);
    assert_string_equal(br->intro, "Breathe.");
    assert_int_equal(br->nreferences, 1);
    const tend_tool *pl = tend_content_tool_find(c, "plain");
    assert_int_equal(pl->nreferences, 0);
    assert_non_null(pl->references);
    assert_string_equal(pl->closing, "");
    assert_string_equal(tend_content_tool_find(c, "refs-only")->closing, "");
    tend_content_free(c);

    const char *const bad[][2] = {
        { "tools/t.md", "---\ntitle: T\nsummary: t.\nkind: steps\norder: 1\ncredit:\n---\n"
                        "1. One.\n\n## References\n\n## More\n" },
    };
    c = S_load_texts(1, bad, probs, sizeof probs);
    assert_string_equal(probs,
        "tools/t.md:6: empty value for 'credit'\n"
        "tools/t.md:10: the References section has no list: give one reference per list item\n"
        "tools/t.md:12: '## More' comes after '## References', which must be the last section\n");
    assert_int_equal(tend_content_tool_count(c), 0);
    tend_content_free(c);
}

/* ---- the built-in library ------------------------------------------------------------ */

static tend_content *S_builtin(void)
{
    tend_content_opts o = { true, NULL, false };
    tend_content *c = NULL;
    tend_error err;
    tend_error_clear(&err);
    tend_content_load(&o, &c, &err);
    assert_non_null(c);
    for (size_t i = 0; i < tend_content_problem_count(c); i++) {
        const tend_content_problem *p = tend_content_problem_at(c, i);
        print_message("%s:%d: %s\n", p->file, p->line, p->msg);
    }
    return c;
}

static void the_built_in_content_loads_without_problems(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    assert_int_equal(tend_content_problem_count(c), 0);
    tend_content_free(c);
}

/* Every built-in region file loads, and gives its emergency number in its
 * header and as its first line, its checked date, and at least four
 * entries. */
static void every_built_in_region_gives_its_emergency_number_first(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    size_t files = 0;
    for (size_t i = 0; i < tend_embedded_count; i++) {
        const char *path = tend_embedded_files[i].path;
        if (strncmp(path, "support/", 8) != 0)
            continue;
        files++;
        const tend_region *r = NULL;
        for (size_t k = 0; k < tend_content_region_count(c); k++)
            if (strcmp(tend_content_region(c, k)->src.path, path) == 0)
                r = tend_content_region(c, k);
        if (!r)
            print_message("%s did not load\n", path);
        assert_non_null(r);
        print_message("%-18s %-16s emergency %-12s checked %s, %zu entries\n", path, r->region,
                      r->emergency_number, r->verified, r->nservices);
        /* The emergency number: in the header, a number first. */
        assert_true(r->emergency[0] >= '0' && r->emergency[0] <= '9');
        assert_true(r->emergency_number[0] >= '0' && r->emergency_number[0] <= '9');
        assert_int_equal(strncmp(r->emergency, r->emergency_number, strlen(r->emergency_number)), 0);
        /* ... and the first thing of the body is the list, whose first
         * entry is the emergency number. */
        assert_int_equal(strncmp(r->body, "- **Emergency: ", 15), 0);
        char first[32];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(r->emergency_number, " "),
                 r->emergency_number);
        assert_int_equal(strncmp(r->services[0].text, "Emergency: ", 11), 0);
        assert_non_null(strstr(r->services[0].text, first));
        for (size_t k = 1; k < r->nservices; k++)
            assert_null(strstr(r->services[k].text, "Emergency: "));
        /* The month it was checked. */
        assert_true(r->verified_year >= 2026 && r->verified_month >= 1 && r->verified_month <= 12);
        assert_int_equal(strlen(r->verified), 7);
        assert_true(r->nservices >= 4);
        assert_true(r->nreferences >= 1);
        assert_int_equal(r->nchoices, 0);
    }
    assert_int_equal(tend_content_region_count(c), files);
    static const char *const ids[] = { "us", "uk", "ie", "ca", "au", "nz", "intl" };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const tend_region *r = tend_content_region_find(c, ids[i]);
        assert_non_null(r);
        assert_ptr_equal(tend_content_region(c, i), r); /* the list's order */
    }
    assert_int_equal(files, sizeof ids / sizeof ids[0]);
    tend_content_free(c);
}

/* A journal that stored the combined "uk-ie" region keeps its lines: the
 * id resolves to both countries' lines, and says they are the choices. */
static void the_built_in_uk_ie_region_resolves_to_uk_and_ireland(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    const tend_region *r = tend_content_region_find(c, "uk-ie");
    assert_non_null(r);
    assert_string_equal(r->region, "uk-ie");
    assert_int_equal(r->nchoices, 2);
    const tend_region *ie = tend_content_region_find(c, "ie"), *uk = tend_content_region_find(c, "uk");
    assert_ptr_equal(r->choices[0], uk);
    assert_ptr_equal(r->choices[1], ie);
    assert_string_equal(r->name, "United Kingdom or Ireland");
    assert_string_equal(r->emergency_number, "999 or 112");
    assert_int_equal(strncmp(r->services[0].text, "Emergency: 999 or 112", 21), 0);
    assert_int_equal(r->nservices, ie->nservices + uk->nservices);
    assert_non_null(strstr(r->body, "## Ireland"));
    assert_non_null(strstr(r->body, "## United Kingdom"));
    assert_non_null(strstr(r->body, "116 123"));
    for (size_t i = 0; i < tend_content_region_count(c); i++)
        assert_string_not_equal(tend_content_region(c, i)->region, "uk-ie");
    tend_content_free(c);
}

/* Every built-in exercise names its sources; the credits the library owes
 * are there, and the trauma-sensitive choices are in the first step. */
static void every_built_in_tool_credits_its_sources(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    size_t files = 0;
    for (size_t i = 0; i < tend_embedded_count; i++)
        files += strncmp(tend_embedded_files[i].path, "tools/", 6) == 0;
    assert_int_equal(tend_content_tool_count(c), files);
    for (size_t i = 0; i < tend_content_tool_count(c); i++) {
        const tend_tool *t = tend_content_tool(c, i);
        if (t->nreferences == 0)
            print_message("%s has no References list\n", t->name);
        assert_true(t->nreferences >= 1);
        assert_null(strstr(t->intro, "References"));
        assert_null(strstr(t->closing, "References"));
    }
    static const struct {
        const char *tool, *credit;
    } credits[] = {
        { "self-compassion-break", "Kristin Neff" },
        { "window-of-tolerance", "Daniel J. Siegel" },
        { "muscle-relaxation", "Edmund Jacobson" },
        { "sleep-wind-down", "Edmund Jacobson" },
    };
    for (size_t i = 0; i < sizeof credits / sizeof credits[0]; i++) {
        const tend_tool *t = tend_content_tool_find(c, credits[i].tool);
        assert_non_null(t);
        assert_non_null(t->credit);
        assert_non_null(strstr(t->credit, credits[i].credit));
    }
    static const char *const gentle[] = { "orienting", "muscle-relaxation", "sleep-wind-down" };
    for (size_t i = 0; i < sizeof gentle / sizeof gentle[0]; i++) {
        const tend_tool *t = tend_content_tool_find(c, gentle[i]);
        assert_non_null(t);
        assert_int_equal(t->kind, TEND_TOOL_STEPS);
        assert_true(t->nsteps >= 5);
        assert_non_null(strstr(t->steps[0].text, "eyes"));
        assert_non_null(strstr(t->steps[0].text, "stop"));
    }
    tend_content_free(c);
}

/* The plain text of node's subtree into buf (cmark text and code literals;
 * breaks as spaces). */
static void S_text(cmark_node *node, char *buf, size_t cap)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        const char *add = NULL;
        if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE))
            add = cmark_node_get_literal(n);
        else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK))
            add = " ";
        if (add)
            strncat(buf, add, cap - strlen(buf) - 1);
    }
    cmark_iter_free(it);
}

static void every_page_is_complete_and_its_links_resolve(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    size_t pages_in_table = 0;
    for (size_t i = 0; i < tend_embedded_count; i++) {
        const char *path = tend_embedded_files[i].path;
        if (strncmp(path, "pages/", 6) != 0)
            continue;
        pages_in_table++;
        /* Every page file became a page: none was rejected. */
        const tend_page *p = tend_content_page_find(c, path + 6);
        if (!p)
            print_message("%s did not load\n", path);
        assert_non_null(p);
        assert_true(p->title[0] && p->summary[0]);
        assert_non_null(tend_section_name(p->section));
        assert_true(p->order >= 0);

        /* A '## References' heading, followed by a list. */
        cmark_node *doc = cmark_parse_document(p->body, p->body_len, CMARK_OPT_DEFAULT);
        assert_non_null(doc);
        bool refs = false, refs_list = false;
        for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2) {
                char text[256] = "";
                S_text(n, text, sizeof text);
                refs = strcmp(text, "References") == 0;
            } else if (refs && cmark_node_get_type(n) == CMARK_NODE_LIST) {
                refs_list = true;
            }
        }
        if (!refs_list)
            print_message("%s: no References list at the end\n", path);
        assert_true(refs_list);

        /* Every link that is not an outside URL opens a page. */
        cmark_iter *it = cmark_iter_new(doc);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
                continue;
            const char *url = cmark_node_get_url(n);
            if (strncmp(url, "https://", 8) == 0)
                continue;
            if (!tend_content_page_by_link(c, p, url))
                print_message("%s: link '%s' opens no page\n", path, url);
            assert_non_null(tend_content_page_by_link(c, p, url));
        }
        cmark_iter_free(it);
        cmark_node_free(doc);
    }
    assert_int_equal(tend_content_page_count(c), pages_in_table);
    tend_content_free(c);
}

/*
 * Sentence length, the rule:
 * - The text measured is the page's prose as a reader sees it: the plain
 *   text of paragraphs, list items and block quotes (inline markup and link
 *   targets removed, line breaks as spaces). Headings are left out, and so
 *   is everything from the '## References' heading on. List markers are not
 *   text in the syntax tree, so they are never counted.
 * - A sentence ends at '.', '!' or '?' (optionally followed by closing
 *   quotes or brackets) when white space or the end of the block follows.
 *   The end of each paragraph is also the end of a sentence, so a list item
 *   without a full stop counts as one sentence rather than merging with the
 *   next item.
 * - A word is a run of non-space characters holding at least one letter or
 *   digit: ASCII letters and digits, or any character from U+00C0 up except
 *   the punctuation and symbol blocks U+2000-U+2BFF (so a lone dash is not a
 *   word, and "Ça" is).
 * - Average = words / sentences, per page; it must be under 20.
 */
static void S_measure(const char *text, size_t *words, size_t *sentences)
{
    size_t i = 0, n = strlen(text);
    bool open_sentence = false;
    while (i < n) {
        while (i < n && text[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t start = i;
        while (i < n && text[i] != ' ')
            i++;
        bool word = false;
        for (size_t k = start; k < i;) {
            uint32_t cp;
            k += tend_utf8_decode(text + k, i - k, &cp);
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
                (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF)))
                word = true;
        }
        if (word) {
            (*words)++;
            open_sentence = true;
        }
        /* Does this token end a sentence? Strip closing quotes/brackets. */
        size_t e = i;
        while (e > start && strchr("\"')]", text[e - 1]))
            e--;
        while (e >= start + 3 && (memcmp(text + e - 3, "\xE2\x80\x9D", 3) == 0 ||
                                  memcmp(text + e - 3, "\xE2\x80\x99", 3) == 0))
            e -= 3;
        if (e > start && strchr(".!?", text[e - 1]) && open_sentence) {
            (*sentences)++;
            open_sentence = false;
        }
    }
    if (open_sentence)
        (*sentences)++; /* the block ended */
}

static void every_page_has_sentences_under_20_words_on_average(void **state)
{
    (void)state;
    tend_content *c = S_builtin();
    for (size_t i = 0; i < tend_content_page_count(c); i++) {
        const tend_page *p = tend_content_page(c, i);
        cmark_node *doc = cmark_parse_document(p->body, p->body_len, CMARK_OPT_DEFAULT);
        assert_non_null(doc);
        size_t words = 0, sentences = 0;
        cmark_iter *it = cmark_iter_new(doc);
        cmark_event_type ev;
        bool in_refs = false;
        while (!in_refs && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
            cmark_node *n = cmark_iter_get_node(it);
            if (ev != CMARK_EVENT_ENTER)
                continue;
            cmark_node_type t = cmark_node_get_type(n);
            if (t == CMARK_NODE_HEADING) {
                char text[256] = "";
                S_text(n, text, sizeof text);
                in_refs = cmark_node_get_heading_level(n) == 2 && strcmp(text, "References") == 0;
            } else if (t == CMARK_NODE_PARAGRAPH) {
                char *text = calloc(1, 65536);
                assert_non_null(text);
                S_text(n, text, 65536);
                S_measure(text, &words, &sentences);
                free(text);
            }
        }
        cmark_iter_free(it);
        cmark_node_free(doc);
        double avg = sentences ? (double)words / (double)sentences : 0.0;
        print_message("%-40s %5zu words %4zu sentences  %.1f words a sentence\n", p->name, words,
                      sentences, avg);
        assert_true(sentences > 0);
        assert_true(avg < 20.0);
    }
    tend_content_free(c);
}

static void the_sentence_rule_counts_as_documented(void **state)
{
    (void)state;
    size_t w = 0, s = 0;
    S_measure("One two three. Four five? Six! \"Seven eight.\" Nine 3.5 ten", &w, &s);
    assert_int_equal(w, 11);
    assert_int_equal(s, 5); /* "3.5" ends no sentence; the block end does */
    w = s = 0;
    S_measure("A list item without a stop", &w, &s);
    assert_int_equal(w, 6);
    assert_int_equal(s, 1);
    w = s = 0;
    S_measure("Wait \xE2\x80\x94 this counts. ...", &w, &s);
    assert_int_equal(w, 3);
    assert_int_equal(s, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fm_reads_keys_values_and_body),
        cmocka_unit_test(fm_accepts_crlf_and_a_byte_order_mark),
        cmocka_unit_test(fm_reports_an_empty_file),
        cmocka_unit_test(fm_reports_only_dashes),
        cmocka_unit_test(fm_reports_a_missing_header),
        cmocka_unit_test(fm_reports_every_bad_line_not_just_the_first),
        cmocka_unit_test(fm_without_a_key_list_accepts_any_key),
        cmocka_unit_test(fm_reports_very_long_lines),
        cmocka_unit_test(fm_reports_nul_bytes),
        cmocka_unit_test(fm_reports_invalid_utf8),
        cmocka_unit_test(fm_survives_truncation_and_corruption),
        cmocka_unit_test(a_folder_loads_into_typed_items),
        cmocka_unit_test(a_folder_overrides_and_adds_to_the_built_in_files),
        cmocka_unit_test(broken_files_are_left_out_and_every_problem_is_listed),
        cmocka_unit_test(a_missing_or_empty_folder_is_a_problem_not_a_crash),
        cmocka_unit_test(in_memory_files_load_like_a_folder),
        cmocka_unit_test(matches_take_item_dot_option_ids),
        cmocka_unit_test(a_region_gives_its_emergency_number_first),
        cmocka_unit_test(a_retired_region_id_resolves_to_what_replaced_it),
        cmocka_unit_test(a_tool_keeps_its_credit_and_references_apart),
        cmocka_unit_test(the_built_in_content_loads_without_problems),
        cmocka_unit_test(every_built_in_region_gives_its_emergency_number_first),
        cmocka_unit_test(the_built_in_uk_ie_region_resolves_to_uk_and_ireland),
        cmocka_unit_test(every_built_in_tool_credits_its_sources),
        cmocka_unit_test(every_page_is_complete_and_its_links_resolve),
        cmocka_unit_test(every_page_has_sentences_under_20_words_on_average),
        cmocka_unit_test(the_sentence_rule_counts_as_documented),
    };
    return cmocka_run_group_tests_name("content", tests, NULL, NULL);
}
