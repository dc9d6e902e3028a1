/*
 * encrypted.c — the encrypted bundle as export and import see it: a
 * tend-json export sealed under a passphrase of its own into one file, and
 * such a file checked, opened and parsed back into records. The crypto is
 * the vault's (src/vault/bundle.c, bundle.h); this file only joins it to
 * the JSON and the files, so the commands never touch bundle.h.
 */
#include "port_int.h"

#include "tend/bundle.h"

tend_status tend_port_bundle_write(const tend_record_set *s, int64_t exported, const char *pass,
                                   size_t pass_len, tend_kdf_level level, const char *path,
                                   tend_error *err)
{
    tend_buf json = TEND_BUF_INIT, sealed = TEND_BUF_INIT;
    tend_status st = tend_export_json(s, exported, &json, err);
    if (st == TEND_OK)
        st = tend_bundle_seal(json.data, json.len, pass, pass_len, level, 0, &sealed, err);
    tend_buf_free(&json);
    if (st == TEND_OK)
        st = tend_port_write_file(path, sealed.data, sealed.len, err);
    tend_buf_free(&sealed);
    return st;
}

tend_status tend_port_bundle_check(const char *data, size_t len, tend_error *err)
{
    return tend_bundle_check(data, len, NULL, err);
}

tend_status tend_port_bundle_read(const char *data, size_t len, const char *pass,
                                  size_t pass_len, tend_record_set *out, tend_error *err)
{
    tend_record_set_free(out);
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_bundle_open(data, len, pass, pass_len, &plain, err);
    if (st == TEND_OK)
        st = tend_import_parse(plain.data, plain.len, TEND_IMPORT_TEND_JSON, out, err);
    tend_buf_free(&plain);
    return st;
}
