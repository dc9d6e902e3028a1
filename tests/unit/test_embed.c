/*
 * test_embed.c — the content compiled into the binary is exactly the
 * content/ folder (run from the repository root, as tests/unit/run does).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tend/content_data.h"

static void every_embedded_file_matches_the_file_on_disk(void **state)
{
    (void)state;
    for (size_t i = 0; i < tend_embedded_count; i++) {
        const tend_embedded_file *f = &tend_embedded_files[i];
        char path[1024];
        snprintf(path, sizeof path, "content/%s", f->path);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        char *disk = malloc(f->len + 1);
        assert_non_null(disk);
        size_t n = fread(disk, 1, f->len + 1, fp);
        fclose(fp);
        assert_int_equal(n, f->len);
        assert_memory_equal(disk, f->data, f->len);
        assert_int_equal(f->data[f->len], '\0');
        free(disk);
    }
    assert_null(tend_embedded_files[tend_embedded_count].path);
}

static void readme_is_not_embedded(void **state)
{
    (void)state;
    for (size_t i = 0; i < tend_embedded_count; i++)
        assert_string_not_equal(tend_embedded_files[i].path, "README.md");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_embedded_file_matches_the_file_on_disk),
        cmocka_unit_test(readme_is_not_embedded),
    };
    return cmocka_run_group_tests_name("embed", tests, NULL, NULL);
}
