/*
 * test_list.c — `tend list --format json` parsed back with jansson: the
 * output is one valid JSON array whose objects carry the documented keys
 * and types, check-in fields in order, and with --search the matching
 * lines and byte ranges that point at the matched text. The command runs
 * in-process on a journal made through the journal API; its standard
 * output goes to a temporary file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tend/cli.h"
#include "tend/journal.h"

#include "support/fixture.h"

int tend_cmd_list(const tend_globals *g, int argc, char **argv);

/* The journal listed, and the file its listing is written to. */
typedef struct {
    fixture_tmp tmp;
    char path[160];
    char out[160];
} list_fixture;

static int S_setup(void **state)
{
    list_fixture *t = calloc(1, sizeof *t);
    if (!t)
        return -1;
    if (!fixture_tmp_make(&t->tmp, "list", false)) {
        free(t);
        return -1;
    }
    snprintf(t->path, sizeof t->path, "%s/j.db", t->tmp.dir);
    snprintf(t->out, sizeof t->out, "%s/out.json", t->tmp.dir);
    tend_journal *j = NULL;
    if (tend_journal_create(t->path, "pw", 2, TEND_KDF_MIN, &j, NULL) != TEND_OK)
        return -1;
    tend_record e = TEND_RECORD_INIT, c = TEND_RECORD_INIT;
    e.head.kind = TEND_KIND_ENTRY;
    e.head.created = 1714550400; /* 2024-05-01 08:00 UTC */
    c.head.kind = TEND_KIND_CHECKIN;
    c.head.created = 1714636800; /* a day later */
    const char *body = "first line\nthe Café is \"quiet\"";
    bool ok = tend_head_set_title(&e.head, "Título") == TEND_OK &&
              tend_head_add_tag(&e.head, "one") == TEND_OK &&
              tend_head_add_tag(&e.head, "two") == TEND_OK &&
              tend_record_set_body(&e, body, strlen(body)) == TEND_OK &&
              tend_head_set_title(&c.head, "") == TEND_OK &&
              tend_head_add_field(&c.head, "distress", "3") == TEND_OK &&
              tend_head_add_field(&c.head, "triggers", "other") == TEND_OK &&
              tend_head_add_field(&c.head, "triggers.other", "a café") == TEND_OK &&
              tend_journal_add(j, &e, NULL) == TEND_OK && tend_journal_add(j, &c, NULL) == TEND_OK;
    tend_record_clear(&e);
    tend_record_clear(&c);
    tend_journal_close(j);
    *state = t;
    return ok ? 0 : -1;
}

static int S_teardown(void **state)
{
    list_fixture *t = *state;
    bool ok = fixture_tmp_remove(&t->tmp);
    free(t);
    return ok ? 0 : -1;
}

/* Runs `tend list ARGS` on the journal and parses what it printed. */
static json_t *S_run(const list_fixture *t, int argc, char **argv)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], "pw\n", 3), 3);
    close(p[1]);
    tend_globals g = { t->path, p[0], NULL, true };
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    assert_true(saved >= 0);
    FILE *f = fopen(t->out, "w");
    assert_non_null(f);
    assert_true(dup2(fileno(f), STDOUT_FILENO) >= 0);
    int rc = tend_cmd_list(&g, argc, argv);
    fflush(stdout);
    assert_true(dup2(saved, STDOUT_FILENO) >= 0);
    close(saved);
    fclose(f);
    close(p[0]);
    assert_int_equal(rc, 0);
    json_error_t je;
    json_t *root = json_load_file(t->out, 0, &je);
    if (!root)
        fail_msg("not JSON: line %d: %s", je.line, je.text);
    assert_true(json_is_array(root));
    return root;
}

static const char *S_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static void json_lists_heads(void **state)
{
    list_fixture *t = *state;
    char *argv[] = { "list", "--format", "json", NULL };
    json_t *a = S_run(t, 3, argv);
    assert_int_equal(json_array_size(a), 2);
    json_t *c = json_array_get(a, 0), *e = json_array_get(a, 1);
    /* newest first: the check-in */
    assert_string_equal(S_str(c, "kind"), "checkin");
    assert_string_equal(S_str(c, "created"), "2024-05-02T08:00:00+00:00");
    assert_string_equal(S_str(c, "updated"), "2024-05-02T08:00:00+00:00");
    assert_int_equal(strlen(S_str(c, "id")), 8);
    json_t *fields = json_object_get(c, "fields");
    assert_int_equal(json_array_size(fields), 3);
    assert_string_equal(S_str(json_array_get(fields, 1), "key"), "triggers");
    assert_string_equal(S_str(json_array_get(fields, 1), "value"), "other");
    assert_string_equal(S_str(json_array_get(fields, 2), "value"), "a café");
    assert_null(json_object_get(c, "matches"));
    /* the entry: title, tags in order, no fields */
    assert_string_equal(S_str(e, "kind"), "entry");
    assert_string_equal(S_str(e, "title"), "Título");
    json_t *tags = json_object_get(e, "tags");
    assert_int_equal(json_array_size(tags), 2);
    assert_string_equal(json_string_value(json_array_get(tags, 0)), "one");
    assert_string_equal(json_string_value(json_array_get(tags, 1)), "two");
    assert_null(json_object_get(e, "fields"));
    assert_null(json_object_get(e, "body")); /* list never prints the text */
    json_decref(a);
}

static void json_search_matches(void **state)
{
    list_fixture *t = *state;
    char *argv[] = { "list", "--format=json", "--search", "CAFE", NULL };
    json_t *a = S_run(t, 4, argv);
    assert_int_equal(json_array_size(a), 2);
    /* the check-in: "a café" in triggers.other */
    json_t *m = json_object_get(json_array_get(a, 0), "matches");
    assert_int_equal(json_array_size(m), 1);
    json_t *l = json_array_get(m, 0);
    assert_string_equal(S_str(l, "in"), "field");
    assert_string_equal(S_str(l, "key"), "triggers.other");
    /* the entry: line 2 'the Café is "quiet"' (quotes escaped and back) */
    m = json_object_get(json_array_get(a, 1), "matches");
    assert_int_equal(json_array_size(m), 1);
    l = json_array_get(m, 0);
    assert_string_equal(S_str(l, "in"), "body");
    assert_null(json_object_get(l, "key"));
    assert_int_equal(json_integer_value(json_object_get(l, "line")), 2);
    const char *text = S_str(l, "text");
    assert_string_equal(text, "the Café is \"quiet\"");
    json_t *r = json_object_get(l, "ranges");
    assert_int_equal(json_array_size(r), 1);
    json_int_t s = json_integer_value(json_array_get(json_array_get(r, 0), 0));
    json_int_t en = json_integer_value(json_array_get(json_array_get(r, 0), 1));
    /* "the " 0..4, "Café" 4..9 */
    assert_int_equal(s, 4);
    assert_int_equal(en, 9);
    assert_memory_equal(text + s, "Café", (size_t)(en - s));
    json_decref(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(json_lists_heads, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(json_search_matches, S_setup, S_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
