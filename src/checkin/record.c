/*
 * record.c — the check-in record (include/tend/checkin.h): a check-in's
 * answers made into a record and added to the journal, and the readers
 * screens use for a stored check-in's head, so no screen reads a check-in
 * field by name.
 */
#include "tend/checkin.h"

#include "tend/date.h"

#include <string.h>

tend_status tend_checkin_encode(const tend_checkin *ck, int64_t created, tend_record *out,
                                tend_error *err)
{
    *out = (tend_record)TEND_RECORD_INIT;
    out->head.kind = TEND_KIND_CHECKIN;
    if (created) {
        out->head.created = created;
        out->head.utc_offset = tend_local_offset(created);
    }
    tend_status st = tend_head_set_title(&out->head, ck->def->title);
    if (st == TEND_OK)
        st = tend_checkin_to_head(ck, &out->head);
    if (st != TEND_OK) {
        tend_record_clear(out);
        return tend_fail(err, st, "out of memory writing the check-in");
    }
    return TEND_OK;
}

tend_status tend_checkin_add(tend_journal *j, const tend_checkin *ck, int64_t created,
                             tend_error *err)
{
    tend_record r;
    tend_status st = tend_checkin_encode(ck, created, &r, err);
    if (st == TEND_OK)
        st = tend_journal_add(j, &r, err);
    tend_record_clear(&r);
    return st;
}

const char *tend_checkin_head_def(const tend_head *h)
{
    return tend_head_field(h, "_def");
}

const char *tend_checkin_head_answer(const tend_head *h, const char *item_id)
{
    return item_id[0] == '_' ? NULL : tend_head_field(h, item_id);
}

const char *tend_checkin_head_typed(const tend_head *h, const char *item_id,
                                    const char *option_id)
{
    size_t ni = strlen(item_id);
    for (size_t i = 0; i < h->nfields; i++) {
        const char *k = h->fields[i].key;
        if (strncmp(k, item_id, ni) == 0 && k[ni] == '.' && strcmp(k + ni + 1, option_id) == 0)
            return h->fields[i].value;
    }
    return NULL;
}

bool tend_checkin_head_next(const tend_head *h, size_t *pos, const char **key,
                            const char **value)
{
    while (*pos < h->nfields) {
        const tend_field *f = &h->fields[(*pos)++];
        if (f->key[0] == '_')
            continue;
        *key = f->key;
        *value = f->value;
        return true;
    }
    return false;
}
