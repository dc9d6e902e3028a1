/*
 * codec.h — the binary encoding of a record's head and body: the
 * plaintext that the vault seals into a record's "head" and "body" fields
 * (docs/FORMAT.md "Records"). The journal (src/journal) encodes and
 * decodes through it; import checks records with it; tests and the fuzzer
 * drive it directly. Screens never need it: they get records through
 * journal.h, already decoded.
 *
 * Versioned, tagged, length-checked. Decoding treats its input as hostile:
 * every length is checked, strings must be valid UTF-8 without NUL, known
 * tags must have their documented sizes; anything else is TEND_EDAMAGED.
 * Unknown tags are kept in extra and written back by the encoder.
 *
 * Ownership is as in record.h: a decoded head or body belongs to the
 * tend_head / tend_record it was decoded into.
 */
#ifndef TEND_CODEC_H
#define TEND_CODEC_H

#include "tend/core.h"
#include "tend/record.h"

#include <stdbool.h>
#include <stddef.h>

/* Appends the encoding of h (not its uuid) to out. */
tend_status tend_head_encode(const tend_head *h, tend_buf *out, tend_error *err);
/* Decodes data[0..len) into *h (overwritten; uuid left zero), every string
 * and array in one allocated block (tend_head.block). On failure *h is
 * TEND_HEAD_INIT and the status is TEND_EDAMAGED or TEND_ENOMEM. */
tend_status tend_head_decode(const unsigned char *data, size_t len, tend_head *h,
                             tend_error *err);
/* Like tend_head_decode, for loops that decode one head after another into
 * the same *h, which must be TEND_HEAD_INIT or a head this function or
 * tend_head_decode filled: what *h held is wiped, and its block is reused
 * when it is big enough, so a long run of heads costs few allocations. On
 * failure *h is cleared (TEND_HEAD_INIT). */
tend_status tend_head_decode_reuse(const unsigned char *data, size_t len, tend_head *h,
                                   tend_error *err);
/* Appends the encoding of r's body (text and body_extra) to out. */
tend_status tend_body_encode(const tend_record *r, tend_buf *out, tend_error *err);
/* Decodes a body payload into r->body / r->body_extra (freeing what was
 * there). On failure they are left empty. */
tend_status tend_body_decode(const unsigned char *data, size_t len, tend_record *r,
                             tend_error *err);
/* Checks a body payload as tend_body_decode does, without copying: *text
 * and *text_len get its text inside data (NULL and 0 when it has none),
 * *plain is true when the payload holds nothing but the text and the text
 * runs to its end (so text[text_len] is whatever follows data[len - 1]).
 * TEND_EDAMAGED as tend_body_decode. */
tend_status tend_body_view(const unsigned char *data, size_t len, const char **text,
                           size_t *text_len, bool *plain, tend_error *err);

#endif
