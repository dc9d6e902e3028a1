/*
 * fuzz_json_import.c — import's parser on any bytes: tend-json and jrnl
 * JSON either parse into records the journal's encoder accepts, or fail
 * with TEND_EINVAL and no records; a parsed set exports to tend-json that
 * parses again to the same number of records.
 */
#include "tend/port.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool damaged;
    (void)tend_import_detect(s, size, &damaged);
    tend_record_set set = TEND_RECORD_SET_INIT, again = TEND_RECORD_SET_INIT;
    tend_error e;
    tend_status st = tend_import_parse(s, size, TEND_IMPORT_AUTO, &set, &e);
    if (st != TEND_OK) {
        if ((st != TEND_EINVAL && st != TEND_ENOMEM) || set.n != 0)
            abort();
        return 0;
    }
    tend_buf out = TEND_BUF_INIT;
    if (tend_export_json(&set, 0, &out, &e) != TEND_OK)
        abort();
    if (tend_import_parse(out.data, out.len, TEND_IMPORT_TEND_JSON, &again, &e) != TEND_OK ||
        again.n != set.n)
        abort();
    tend_buf_reset(&out);
    size_t skipped;
    if (tend_export_jrnl(&set, &skipped, &out, &e) != TEND_OK)
        abort();
    tend_markdown_opts mo = { NULL, true, 0 };
    tend_buf_reset(&out);
    if (tend_export_markdown(&set, &mo, &out, &e) != TEND_OK)
        abort();
    tend_buf_free(&out);
    tend_record_set_free(&set);
    tend_record_set_free(&again);
    return 0;
}
