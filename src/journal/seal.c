/*
 * seal.c — a record to its row and back: the head and body encoded
 * (codec.h) and sealed by the vault under the record's uuid and the field's
 * name, and a sealed row opened and decoded again. Used by every file of
 * the journal that writes or reads records (journal_int.h).
 */
#include "tend/codec.h"

#include "journal_int.h"

#include <string.h>

tend_status journal_seal_head(tend_journal *j, const tend_head *h, tend_buf *sealed,
                              tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_head_encode(h, &plain, err);
    if (st == TEND_OK)
        st = tend_vault_seal(j->vault, h->uuid.b, JOURNAL_FIELD_HEAD, plain.data, plain.len,
                             sealed, err);
    tend_buf_free(&plain);
    return st;
}

tend_status journal_seal(tend_journal *j, const tend_record *r, tend_buf *head, tend_buf *body,
                         bool *has_body, tend_error *err)
{
    tend_status st = journal_seal_head(j, &r->head, head, err);
    tend_buf plain = TEND_BUF_INIT;
    *has_body = r->body || r->body_extra_len;
    if (st == TEND_OK && *has_body) {
        st = tend_body_encode(r, &plain, err);
        if (st == TEND_OK)
            st = tend_vault_seal(j->vault, r->head.uuid.b, JOURNAL_FIELD_BODY, plain.data,
                                 plain.len, body, err);
    }
    tend_buf_free(&plain);
    return st;
}

tend_status journal_open_head(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_head *h, tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_vault_open(j->vault, uuid, JOURNAL_FIELD_HEAD, sealed, len, &plain, err);
    if (st == TEND_OK)
        st = tend_head_decode((const unsigned char *)plain.data, plain.len, h, err);
    if (st == TEND_OK)
        memcpy(h->uuid.b, uuid, sizeof h->uuid.b);
    tend_buf_free(&plain);
    return st;
}

tend_status journal_open_body(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_record *r, tend_error *err)
{
    tend_buf plain = TEND_BUF_INIT;
    tend_status st = tend_vault_open(j->vault, uuid, JOURNAL_FIELD_BODY, sealed, len, &plain, err);
    if (st == TEND_OK)
        st = tend_body_decode((const unsigned char *)plain.data, plain.len, r, err);
    tend_buf_free(&plain);
    return st;
}

tend_status journal_body_lend(tend_journal *j, const uint8_t *uuid, const void *sealed,
                              size_t len, tend_buf *plain, tend_record *r, bool *lent,
                              tend_error *err)
{
    *lent = false;
    tend_status st = tend_vault_open(j->vault, uuid, JOURNAL_FIELD_BODY, sealed, len, plain, err);
    const char *text = NULL;
    size_t tlen = 0;
    bool alone = false;
    if (st == TEND_OK)
        st = tend_body_view((const unsigned char *)plain->data, plain->len, &text, &tlen,
                            &alone, err);
    if (st == TEND_OK && alone) {
        r->body = (char *)text; /* lent: text[tlen] is plain's NUL */
        r->body_len = tlen;
        *lent = true;
    } else if (st == TEND_OK) {
        st = tend_body_decode((const unsigned char *)plain->data, plain->len, r, err);
    }
    if (st != TEND_OK || !*lent)
        tend_buf_clear(plain);
    return st;
}

void journal_body_return(tend_buf *plain, tend_record *r, bool lent)
{
    if (lent) {
        r->body = NULL;
        r->body_len = 0;
    }
    tend_buf_clear(plain);
    tend_wipe_free(r->body, r->body_len + 1);
    tend_wipe_free(r->body_extra, r->body_extra_len);
    r->body = NULL;
    r->body_extra = NULL;
    r->body_len = r->body_extra_len = 0;
}
